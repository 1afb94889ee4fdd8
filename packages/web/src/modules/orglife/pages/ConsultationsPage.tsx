// 工作会商: the station records a consultation on a major matter and sends it up; the township
// agrees or returns it with a comment; the station resubmits and reports it carried out.
import { useState } from 'react';
import { App as AntApp, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { CONSULTATION_STATE_LABELS, CONSULTATION_TRANSITION_LABELS, type ConsultationTransition, type ConsultationView } from '@lianxin/contract';
import { useAccount } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { ListPager } from '../../../app/pager';
import { ORGLIFE_PAGE_SIZE, useConsultations, useFireConsultation, useOpenConsultation } from '../orglife.api';
import { useOrglifeT } from '../orglife.messages';
import { todayCst } from '../components/MeetingFields';

function Steps({ c }: { c: ConsultationView }) {
  const t = useOrglifeT();
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const fire = useFireConsultation();
  const [note, setNote] = useState('');
  const [decision, setDecision] = useState(c.decision);
  if (c.transitions.length === 0) return null;
  const go = (transition: ConsultationTransition) =>
    fire.mutate({ id: c.id, transition, body: { version: c.version, ...(note.trim() ? { body: note.trim() } : {}), ...(transition === 'resubmit' ? { decision: decision.trim() } : {}) } }, {
      onSuccess: () => setNote(''),
      onError: (e) => message.error(e instanceof Error ? e.message : String(e)),
    });
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
      {c.transitions.includes('resubmit') && <Input.TextArea rows={2} value={decision} onChange={(e) => setDecision(e.target.value)} maxLength={4000} />}
      <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('cons.note')} maxLength={4000} />
      <Space wrap>
        {c.transitions.map((x) => (
          <Button key={x} danger={x === 'return'} type={x === 'return' ? 'default' : 'primary'} loading={fire.isPending} onClick={() => go(x)}>{CONSULTATION_TRANSITION_LABELS[x][lang]}</Button>
        ))}
      </Space>
    </Space>
  );
}

export function ConsultationsPage() {
  const t = useOrglifeT();
  const { lang } = useI18n();
  const me = useAccount();
  const { message } = AntApp.useApp();
  const [page, setPage] = useState(1);
  const q = useConsultations(page);
  const open = useOpenConsultation();
  const [form] = Form.useForm<{ heldOn: string; topic: string; participants: string; decision: string }>();
  const isStation = me.roles.includes('station_admin');
  return (
    <div data-testid="consultations-page">
      <PageHead title={t('cons.title')} />
      {isStation && (
        <Card title={t('cons.new')} style={{ marginBottom: 12 }}>
          <Form form={form} layout="vertical" initialValues={{ heldOn: todayCst() }} onFinish={(v) => open.mutate({ orgId: me.scopeOrg.id, ...v }, {
            onSuccess: () => { message.success(t('filing.done')); form.resetFields(); },
            onError: (e) => message.error(e instanceof Error ? e.message : String(e)),
          })}>
            <Form.Item name="heldOn" label={t('meeting.date')} rules={[{ required: true }]}><Input type="date" max={todayCst()} /></Form.Item>
            <Form.Item name="topic" label={t('cons.topic')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} /></Form.Item>
            <Form.Item name="participants" label={t('cons.participants')} rules={[{ required: true, whitespace: true }]}><Input maxLength={500} /></Form.Item>
            <Form.Item name="decision" label={t('cons.decision')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={open.isPending}>{t('cons.submit')}</Button>
          </Form>
        </Card>
      )}
      {q.error ? <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Card size="small">
        <SimpleList<ConsultationView>
          items={q.data?.items ?? []}
          loading={q.isLoading}
          rowKey={(c) => c.id}
          empty={t('cons.empty')}
          render={(c) => (
            <div>
              <Space wrap><strong>{c.topic}</strong><span>{c.heldOn}</span><Tag bordered={false}>{c.org.name}</Tag><Tag color={c.status === 'returned' ? 'red' : c.status === 'submitted' ? 'processing' : 'green'}>{CONSULTATION_STATE_LABELS[c.status][lang]}</Tag></Space>
              <div><Typography.Text type="secondary">{t('cons.participants')}：{c.participants}</Typography.Text></div>
              <div>{t('cons.decision')}：{c.decision}</div>
              {c.comment && <div><Typography.Text type="warning">{t('cons.comment')}：{c.comment}</Typography.Text></div>}
              <Steps c={c} />
            </div>
          )}
        />
        <ListPager page={page} pageSize={ORGLIFE_PAGE_SIZE} total={q.data?.total} onChange={setPage} testId="consultation-pager" />
      </Card>
    </div>
  );
}
