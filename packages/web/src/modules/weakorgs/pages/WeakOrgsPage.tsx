// 软弱涣散整顿: the list of the scope's rectifications (by year and state, each opening its record)
// and the signals board — each branch below with what its records say, most signals first, a
// station opened up into its villages, a township drilled into; a township or the county proposes
// a branch from there. Cards, so a phone reads them too.
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import { WEAK_REASON_LABELS, WEAK_REASONS, WEAK_STATE_LABELS, WEAK_STATES, type WeakSignalRow, type WeakSignals, type WeakState } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, applyFieldErrors, PageHead, SimpleList } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { usePropose, useWeakOrgs, useWeakSignals } from '../weakorgs.api';
import { useWeakT } from '../weakorgs.messages';

export const WEAK_STATE_COLOR: Record<WeakState, string> = { proposed: 'orange', listed: 'red', acceptance: 'blue', delisted: 'green', dismissed: 'default' };
const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

export function WeakOrgsPage() {
  const t = useWeakT();
  usePageCrumb(t('title'));
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'signals' ? 'signals' : 'list';
  return (
    <div data-testid="weak-orgs">
      <PageHead title={t('title')} />
      <Segmented
        style={{ marginBottom: 12 }}
        value={tab}
        onChange={(v) => setParams(v === 'signals' ? { tab: 'signals' } : {}, { replace: true })}
        options={[{ value: 'list', label: t('tab.list') }, { value: 'signals', label: t('tab.signals') }]}
        data-testid="weak-tab"
      />
      {tab === 'list' ? <WeakList /> : <SignalBoard />}
    </div>
  );
}

function WeakList() {
  const t = useWeakT();
  const { label } = useI18n();
  const [year, setYear] = useState<number | undefined>(thisYear());
  const [status, setStatus] = useState<WeakState>();
  const [orgId, setOrgId] = useState<number>();
  const list = useWeakOrgs({ year, status, orgId, pageSize: 100 });
  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={4}><InputNumber style={{ width: '100%' }} value={year} onChange={(v) => setYear(v ?? undefined)} min={2000} max={2100} placeholder={t('list.year')} /></Col>
        <Col xs={12} md={5}>
          <Select style={{ width: '100%' }} allowClear placeholder={t('list.status')} value={status} onChange={setStatus} options={WEAK_STATES.map((s) => ({ value: s, label: label(WEAK_STATE_LABELS[s]) }))} />
        </Col>
        <Col xs={24} md={8}><OrgTreeSelect value={orgId} onChange={setOrgId} /></Col>
      </Row>
      {list.error && <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <SimpleList
        testId="weak-list"
        items={list.data?.items ?? []}
        loading={list.isPending}
        rowKey={(r) => r.id}
        empty={t('list.empty')}
        render={(r) => (
          <Link to={`/weak-orgs/${r.id}`} style={{ display: 'block', color: 'inherit' }} data-testid="weak-row">
            <Space wrap>
              <Typography.Text strong>{r.org.name}</Typography.Text>
              {r.township && <Typography.Text type="secondary">{r.township}</Typography.Text>}
              <Tag color={WEAK_STATE_COLOR[r.status]}>{label(WEAK_STATE_LABELS[r.status])}</Tag>
              <Typography.Text type="secondary">{r.year}</Typography.Text>
            </Space>
            <div style={{ fontSize: 13, color: '#595959' }}>{r.reasons.map((x) => label(WEAK_REASON_LABELS[x])).join('；')}</div>
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>
              {t('list.problems', { closed: r.problemsClosed, n: r.problems })}
              {r.leader && <> · {t('list.leader', { name: r.leader })}</>}
            </div>
          </Link>
        )}
      />
    </>
  );
}

export function SignalTags({ s }: { s: WeakSignals }) {
  const t = useWeakT();
  const low = s.satisfactionRate !== null && s.rated >= 3 && s.satisfactionRate < 0.8;
  const quiet = s.overdueProblems === 0 && s.lateReports === 0 && !low && !s.secretaryVacant;
  return (
    <Space size={[4, 4]} wrap>
      {quiet && <Tag color="green">{t('signals.none')}</Tag>}
      {s.overdueProblems > 0 && <Tag color="red">{t('signals.overdue', { n: s.overdueProblems })}</Tag>}
      {s.lateReports > 0 && <Tag color="orange">{t('signals.late', { n: s.lateReports })}</Tag>}
      {s.satisfactionRate !== null ? (
        <Tag color={low ? 'red' : 'default'}>{t('signals.satisfaction', { p: Math.round(s.satisfactionRate * 100), n: s.rated })}</Tag>
      ) : (
        <Tag>{t('signals.noRatings')}</Tag>
      )}
      {s.secretaryVacant && <Tag color="red">{t('signals.vacant')}</Tag>}
    </Space>
  );
}

function SignalBoard() {
  const t = useWeakT();
  const { label } = useI18n();
  const can = useCan();
  const [orgId, setOrgId] = useState<number>();
  const board = useWeakSignals(orgId);
  const [proposing, setProposing] = useState<WeakSignalRow>();
  const branch = (type: string) => type === 'village' || type === 'community' || type === 'department';
  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 8 }} align="middle">
        <Col xs={24} md={8}><OrgTreeSelect value={orgId} onChange={setOrgId} placeholder={board.data?.node.name ?? t('signals.node')} /></Col>
      </Row>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('signals.help')} />
      {board.error && <ApiErrorAlert error={board.error} onRetry={() => void board.refetch()} />}
      <SimpleList
        testId="weak-signals"
        items={board.data?.children ?? []}
        loading={board.isPending}
        rowKey={(r) => r.org.id}
        empty={t('signals.empty')}
        render={(r) => (
          <div data-testid="weak-signal-row" data-org={r.org.name}>
            <Space wrap style={{ marginBottom: 4 }}>
              <Typography.Text strong>{r.org.name}</Typography.Text>
              {r.current && <Link to={`/weak-orgs/${r.current.id}`}><Tag color={WEAK_STATE_COLOR[r.current.status]}>{label(WEAK_STATE_LABELS[r.current.status])}</Tag></Link>}
            </Space>
            <div><SignalTags s={r.signals} /></div>
            <Space style={{ marginTop: 6 }}>
              {!branch(r.org.type) && <Button size="small" onClick={() => setOrgId(r.org.id)}>{t('signals.drill')}</Button>}
              {branch(r.org.type) && !r.current && can('weakorg:propose') && (
                <Button size="small" danger onClick={() => setProposing(r)} data-testid="weak-propose">{t('signals.propose')}</Button>
              )}
            </Space>
          </div>
        )}
      />
      {proposing && <ProposeModal row={proposing} onClose={() => setProposing(undefined)} />}
    </>
  );
}

function ProposeModal({ row, onClose }: { row: WeakSignalRow; onClose: () => void }) {
  const t = useWeakT();
  const { label } = useI18n();
  const navigate = useNavigate();
  const propose = usePropose();
  const [form] = Form.useForm<{ year: number; reasons: string[]; note?: string }>();
  const [error, setError] = useState<string>();
  const submit = async () => {
    const v = await form.validateFields();
    setError(undefined);
    propose.mutate({ orgId: row.org.id, year: v.year, reasons: v.reasons as never, note: v.note }, {
      onSuccess: (d) => navigate(`/weak-orgs/${d.id}`),
      onError: (e) => setError(applyFieldErrors(form, e, ['year', 'reasons', 'note'])),
    });
  };
  return (
    <Modal open title={t('propose.title', { name: row.org.name })} onCancel={onClose} onOk={() => void submit()} okText={t('propose.submit')} confirmLoading={propose.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'weak-propose-submit' } as never}>
      <div style={{ marginBottom: 12 }}><SignalTags s={row.signals} /></div>
      <Form form={form} layout="vertical" initialValues={{ year: thisYear(), reasons: [] }}>
        <Form.Item name="year" label={t('list.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
        <Form.Item name="reasons" label={t('propose.reasons')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={WEAK_REASONS.map((r) => ({ value: r, label: label(WEAK_REASON_LABELS[r]) }))} data-testid="weak-reasons" />
        </Form.Item>
        <Form.Item name="note" label={t('propose.note')}><Input.TextArea rows={3} maxLength={2000} data-testid="weak-note" /></Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="weak-propose-error" />}
    </Modal>
  );
}
