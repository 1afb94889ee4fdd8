// One 主题党日 filing: the plan, the committee's comment when returned, and the step the account
// may take now — return or approve (the township), refile or record it as held (the branch).
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, Select, Skeleton, Space } from 'antd';
import { ACTIVITY_KINDS, ACTIVITY_KIND_LABELS, type ActivityKind, type FilingTransition } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useFireFiling, useFiling } from '../orglife.api';
import { useOrglifeT } from '../orglife.messages';
import { MeetingFields, todayCst } from '../components/MeetingFields';
import { FilingStatus } from './FilingsPage';
import '../orglife.css';

export function FilingPage() {
  const id = Number(useParams().id);
  const t = useOrglifeT();
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const q = useFiling(id);
  const fire = useFireFiling(id);
  const [comment, setComment] = useState('');
  const [refile] = Form.useForm<{ plannedOn: string; activityKind: ActivityKind; plan: string }>();
  const f = q.data;
  usePageCrumb(f ? `${f.org.name} ${f.plannedOn}` : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!f) return <Card><Skeleton active /></Card>;
  const may = (x: FilingTransition) => f.transitions.includes(x);
  const go = (transition: FilingTransition, body: Record<string, unknown> = {}) =>
    fire.mutate({ transition, body: { version: f.version, ...body } }, {
      onSuccess: () => {
        message.success(t('filing.done'));
        setComment('');
      },
      onError: (e) => message.error(e instanceof Error ? e.message : String(e)),
    });

  return (
    <div data-testid="filing-page">
      <PageHead title={`${t('filing.title')} · ${f.org.name}`} record />
      <Card style={{ marginBottom: 12 }}>
        <Space style={{ marginBottom: 8 }}><FilingStatus f={f} /></Space>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('meeting.unit')}>{f.org.name}</Descriptions.Item>
          <Descriptions.Item label={t('filing.plannedOn')}>{f.plannedOn}</Descriptions.Item>
          <Descriptions.Item label={t('filing.kind')}>{ACTIVITY_KIND_LABELS[f.activityKind][lang]}</Descriptions.Item>
          <Descriptions.Item label={t('filing.place')}>{f.place}</Descriptions.Item>
          <Descriptions.Item label={t('filing.plan')}><span data-testid="filing-plan-text" style={{ whiteSpace: 'pre-wrap' }}>{f.plan}</span></Descriptions.Item>
        </Descriptions>
        {f.returnComment && <Alert type="warning" showIcon title={t('filing.returnComment')} description={f.returnComment} data-testid="return-comment" />}
        {f.meetingId && <Link to={`/orglife/meetings/${f.meetingId}`} data-testid="filing-meeting">{t('filing.meeting')}</Link>}
      </Card>

      {(may('return') || may('approve')) && (
        <Card style={{ marginBottom: 12 }}>
          <Input.TextArea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('filing.returnComment')} maxLength={4000} data-testid="return-text" />
          <Space style={{ marginTop: 8 }}>
            <Button danger disabled={!comment.trim()} loading={fire.isPending} onClick={() => go('return', { body: comment.trim() })} data-testid="filing-return">{t('filing.return')}</Button>
            <Button type="primary" loading={fire.isPending} onClick={() => go('approve', comment.trim() ? { body: comment.trim() } : {})} data-testid="filing-approve">{t('filing.approve')}</Button>
          </Space>
        </Card>
      )}

      {may('refile') && (
        <Card title={t('filing.refile')} style={{ marginBottom: 12 }}>
          <Form form={refile} layout="vertical" initialValues={{ plannedOn: f.plannedOn < todayCst() ? todayCst() : f.plannedOn, activityKind: f.activityKind, plan: f.plan }}
            onFinish={(v) => go('refile', { plannedOn: v.plannedOn, activityKind: v.activityKind, plan: v.plan })}>
            <Form.Item name="plannedOn" label={t('filing.plannedOn')} rules={[{ required: true }]}><Input type="date" min={todayCst()} /></Form.Item>
            <Form.Item name="activityKind" label={t('filing.kind')}><Select options={ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k][lang] }))} data-testid="refile-kind" /></Form.Item>
            <Form.Item name="plan" label={t('filing.plan')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={4} maxLength={4000} data-testid="refile-plan" /></Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={fire.isPending} data-testid="filing-refile">{t('filing.refile')}</Button>
          </Form>
        </Card>
      )}

      {may('hold') && (
        <Card title={t('filing.hold')}>
          <MeetingFields
            orgId={f.org.id}
            withVisits={f.activityKind === 'visit_people'}
            submitLabel={t('filing.hold')}
            busy={fire.isPending}
            error={fire.error}
            initial={{ heldOn: f.plannedOn <= todayCst() ? f.plannedOn : todayCst(), place: f.place, topic: `主题党日：${ACTIVITY_KIND_LABELS[f.activityKind].zh}` }}
            onSubmit={(meeting) => go('hold', { meeting })}
          />
        </Card>
      )}
    </div>
  );
}
