// 主题党日备案: the branch files its plan before the day; the committee's queue of plans to review.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Button, Card, Form, Input, Segmented, Select, Space, Tag, Typography } from 'antd';
import { ACTIVITY_KINDS, ACTIVITY_KIND_LABELS, FILING_STATE_LABELS, type ActivityKind, type FilingView } from '@lianxin/contract';
import { useAccount, useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, SimpleList, applyFieldErrors } from '../../../app/ui';
import { useUrlState } from '../../../app/url-state';
import { ListPager } from '../../../app/pager';
import { ORGLIFE_PAGE_SIZE, useFileThemeDay, useFilings } from '../orglife.api';
import { useOrglifeT } from '../orglife.messages';
import { todayCst } from '../components/MeetingFields';
import '../orglife.css';

const STATUS_COLOR: Record<FilingView['status'], string> = { filed: 'processing', returned: 'red', approved: 'green', held: 'default' };

export function FilingStatus({ f }: { f: FilingView }) {
  const { lang } = useI18n();
  return <Tag color={STATUS_COLOR[f.status]} data-testid="filing-status">{FILING_STATE_LABELS[f.status][lang]}</Tag>;
}

type NewFiling = { plannedOn: string; activityKind: ActivityKind; place: string; plan: string };

export function FilingsPage() {
  const t = useOrglifeT();
  const { lang } = useI18n();
  const me = useAccount();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const { values, update } = useUrlState(['status', 'new'] as const);
  const isBranch = me.roles.includes('village_admin');
  const status = values.status ?? (me.roles.includes('township_admin') ? 'filed' : undefined);
  const [page, setPage] = useState(1);
  const q = useFilings(status, page);
  const file = useFileThemeDay();
  const [form] = Form.useForm<NewFiling>();
  const showForm = isBranch && can('orglife:record') && values.new === '1';

  const submit = (v: NewFiling) =>
    file.mutate({ orgId: me.scopeOrg.id, ...v }, {
      onSuccess: (f) => {
        message.success(t('filing.filed'));
        navigate(`/orglife/filings/${f.id}`);
      },
      onError: (e) => {
        const rest = applyFieldErrors(form, e, ['plannedOn', 'activityKind', 'place', 'plan']);
        if (rest) message.error(rest);
      },
    });

  return (
    <div data-testid="filings-page">
      <PageHead title={t('filing.title')} extra={isBranch && !showForm ? <Button type="primary" onClick={() => update({ new: '1' })} data-testid="new-filing">{t('filing.new')}</Button> : undefined} />
      {showForm && (
        <Card title={t('filing.new')} style={{ marginBottom: 12 }}>
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ plannedOn: todayCst(), activityKind: 'visit_people', place: me.scopeOrg.name }} data-testid="filing-form">
            <Form.Item name="plannedOn" label={t('filing.plannedOn')} rules={[{ required: true }]}>
              <Input type="date" min={todayCst()} data-testid="filing-date" />
            </Form.Item>
            <Form.Item name="activityKind" label={t('filing.kind')} rules={[{ required: true }]}>
              <Select options={ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k][lang] }))} data-testid="filing-kind" />
            </Form.Item>
            <Form.Item name="place" label={t('filing.place')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="plan" label={t('filing.plan')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={4} maxLength={4000} data-testid="filing-plan" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={file.isPending} data-testid="filing-submit">{t('filing.submit')}</Button>
          </Form>
        </Card>
      )}
      <Space style={{ marginBottom: 8 }}>
        <Segmented
          value={status ?? 'all'}
          onChange={(v) => {
            setPage(1);
            update({ status: v === 'all' ? '' : String(v) });
          }}
          options={[{ value: 'filed', label: t('filing.queue') }, { value: 'returned', label: FILING_STATE_LABELS.returned[lang] }, { value: 'approved', label: FILING_STATE_LABELS.approved[lang] }, { value: 'all', label: t('filing.all') }]}
        />
      </Space>
      {q.error ? <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Card size="small">
        <SimpleList<FilingView>
          items={q.data?.items ?? []}
          loading={q.isLoading}
          rowKey={(f) => f.id}
          testId="filing-list"
          empty={t('filing.empty')}
          render={(f) => (
            <Link to={`/orglife/filings/${f.id}`} style={{ display: 'block' }} data-testid="filing-item">
              <Space wrap><strong>{f.org.name}</strong><span>{f.plannedOn}</span><Tag bordered={false}>{ACTIVITY_KIND_LABELS[f.activityKind][lang]}</Tag><FilingStatus f={f} /></Space>
              <div><Typography.Text type="secondary" ellipsis>{f.plan}</Typography.Text></div>
            </Link>
          )}
        />
        <ListPager page={page} pageSize={ORGLIFE_PAGE_SIZE} total={q.data?.total} onChange={setPage} testId="filing-pager" />
      </Card>
    </div>
  );
}
