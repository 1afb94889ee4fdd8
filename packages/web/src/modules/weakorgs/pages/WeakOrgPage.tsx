// One branch's 软弱涣散整顿: the situations it was proposed for, what its records said then and
// say now, the plan and who takes charge, the rectification problems (ledger problems, each one
// tap away), the steps the account may take (a reason where one is needed), its earlier
// rectifications and the whole course. Phone first: one column of cards.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { WEAK_REASON_LABELS, WEAK_STATE_LABELS, type WeakOrgDetail, type WeakTransition } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, applyFieldErrors, PageHead } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { useLedgerSettings } from '../../ledger/ledger.api';
import { useWeakFire, useWeakOrg, useWeakPlan, useWeakProblem } from '../weakorgs.api';
import { useWeakT } from '../weakorgs.messages';
import { SignalTags, WEAK_STATE_COLOR } from './WeakOrgsPage';

export function WeakOrgPage() {
  const id = Number(useParams().id);
  const t = useWeakT();
  const { label } = useI18n();
  const q = useWeakOrg(id);
  const d = q.data;
  usePageCrumb(d ? `${d.org.name} · ${d.year}` : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!d) return <Card loading />;
  return (
    <div data-testid="weak-org">
      <PageHead record title={<Space wrap>{d.org.name}<Tag color={WEAK_STATE_COLOR[d.status]} data-testid="weak-status">{label(WEAK_STATE_LABELS[d.status])}</Tag></Space>} extra={<Actions d={d} />} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('detail.proposal')}>
            <Typography.Paragraph style={{ marginBottom: 4 }}>{d.reasons.map((x) => label(WEAK_REASON_LABELS[x])).join('；')}</Typography.Paragraph>
            {d.note && <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{d.note}</Typography.Paragraph>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.township && <>{t('detail.township', { name: d.township })} · </>}{d.year} · {t('detail.openedOn', { d: d.openedOn })}
              {d.closedOn && <> · {t('detail.closedOn', { d: d.closedOn })}</>}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('detail.signals')} data-testid="weak-signals-card">
            <div style={{ marginBottom: 6 }}><Typography.Text type="secondary">{t('detail.atProposal')}：</Typography.Text><SignalTags s={d.signalsAtProposal} /></div>
            <div><Typography.Text type="secondary">{t('detail.now')}：</Typography.Text><SignalTags s={d.signalsNow} /></div>
          </Card>
        </Col>
        <Col xs={24} lg={12}><PlanCard d={d} /></Col>
        <Col xs={24} lg={12}><ProblemsCard d={d} /></Col>
        {d.history.length > 0 && (
          <Col xs={24} lg={12}>
            <Card size="small" title={t('detail.history')}>
              {d.history.map((h) => (
                <div key={h.id}><Link to={`/weak-orgs/${h.id}`}>{h.year}</Link> <Tag color={WEAK_STATE_COLOR[h.status]}>{label(WEAK_STATE_LABELS[h.status])}</Tag> {h.openedOn}{h.closedOn && ` — ${h.closedOn}`}</div>
              ))}
            </Card>
          </Col>
        )}
        <Col xs={24} lg={12}>
          <Card size="small" title={t('detail.timeline')}>
            <Timeline
              items={d.timeline.map((e, i) => ({
                key: i,
                children: (
                  <div>
                    <Typography.Text strong>{e.label}</Typography.Text> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.actor} · {dayjs(e.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                    {e.body && <div style={{ whiteSpace: 'pre-wrap' }}>{e.body}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function Actions({ d }: { d: WeakOrgDetail }) {
  const t = useWeakT();
  const fire = useWeakFire(d.id);
  const [asking, setAsking] = useState<{ name: WeakTransition; label: string }>();
  const [reason, setReason] = useState('');
  if (d.transitions.length === 0) return null;
  const go = (name: WeakTransition, body?: string) => fire.mutate({ transition: name, version: d.version, body }, { onSuccess: () => { setAsking(undefined); setReason(''); } });
  return (
    <Space wrap>
      {d.transitions.map((x) => (
        <Button key={x.name} type={x.needsReason ? 'default' : 'primary'} danger={x.name === 'return' || x.name === 'dismiss'} loading={fire.isPending && !asking}
          onClick={() => (x.needsReason ? setAsking({ name: x.name, label: x.label }) : go(x.name))} data-testid={`weak-fire-${x.name}`}>
          {x.label}
        </Button>
      ))}
      {fire.error && !asking && <ApiErrorAlert error={fire.error} />}
      {asking && (
        <Modal open title={asking.label} onCancel={() => setAsking(undefined)} onOk={() => go(asking.name, reason)} okText={t('detail.confirm')} confirmLoading={fire.isPending} okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'weak-reason-ok' } as never}>
          <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('detail.reason')} maxLength={2000} data-testid="weak-reason" />
          {fire.error && <ApiErrorAlert error={fire.error} />}
        </Modal>
      )}
    </Space>
  );
}

function PlanCard({ d }: { d: WeakOrgDetail }) {
  const t = useWeakT();
  const save = useWeakPlan(d.id);
  const [form] = Form.useForm<{ leader: string; plan: string }>();
  const [error, setError] = useState<string>();
  if (!d.canPlan) {
    return (
      <Card size="small" title={t('detail.plan')}>
        {d.plan ? <><Typography.Text type="secondary">{t('detail.leader')}：</Typography.Text>{d.leader}<Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 6 }}>{d.plan}</Typography.Paragraph></> : <Typography.Text type="secondary">{t('detail.noPlan')}</Typography.Text>}
      </Card>
    );
  }
  return (
    <Card size="small" title={t('detail.plan')}>
      <Form form={form} layout="vertical" initialValues={{ leader: d.leader ?? '', plan: d.plan ?? '' }}
        onFinish={(v) => { setError(undefined); save.mutate({ version: d.version, ...v }, { onError: (e) => setError(applyFieldErrors(form, e, ['leader', 'plan'])) }); }}>
        <Form.Item name="leader" label={t('detail.leader')} rules={[{ required: true, whitespace: true }]}><Input maxLength={50} data-testid="weak-leader" /></Form.Item>
        <Form.Item name="plan" label={t('detail.plan')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={4} maxLength={4000} data-testid="weak-plan" /></Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
        <Button htmlType="submit" type="primary" loading={save.isPending} data-testid="weak-save-plan">{t('detail.savePlan')}</Button>
      </Form>
    </Card>
  );
}

function ProblemsCard({ d }: { d: WeakOrgDetail }) {
  const t = useWeakT();
  const add = useWeakProblem(d.id);
  const settings = useLedgerSettings();
  const [form] = Form.useForm<{ category: string; description: string; deadline: dayjs.Dayjs; measures?: string }>();
  const [error, setError] = useState<string>();
  return (
    <Card size="small" title={t('detail.problems')} data-testid="weak-problems">
      {d.rectification.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noProblems')} />
      ) : (
        d.rectification.map((p) => (
          <div key={p.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Link to={`/ledger/${p.id}`}>{p.title}</Link>{' '}
            <Tag color={p.closed ? 'green' : 'orange'}>{p.statusLabel}</Tag>
            {p.deadline && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('detail.deadline')} {p.deadline}</Typography.Text>}
          </div>
        ))
      )}
      {d.canPlan && (
        <Form form={form} layout="vertical" style={{ marginTop: 12 }}
          onFinish={(v) => {
            setError(undefined);
            add.mutate({ category: v.category, description: v.description, deadline: v.deadline.format('YYYY-MM-DD'), measures: v.measures || undefined }, {
              onSuccess: () => form.resetFields(),
              onError: (e) => setError(applyFieldErrors(form, e, ['category', 'description', 'deadline', 'measures'])),
            });
          }}>
          <Typography.Text strong>{t('detail.addProblem')}</Typography.Text>
          <Form.Item name="category" label={t('detail.category')} rules={[{ required: true }]}>
            <Select options={(settings.data?.categories ?? []).map((c) => ({ value: c, label: c }))} data-testid="weak-problem-category" />
          </Form.Item>
          <Form.Item name="description" label={t('detail.description')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={2} maxLength={2000} data-testid="weak-problem-description" /></Form.Item>
          <Form.Item name="deadline" label={t('detail.deadline')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} disabledDate={(x) => x.isBefore(dayjs(), 'day')} data-testid="weak-problem-deadline" /></Form.Item>
          <Form.Item name="measures" label={t('detail.measures')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
          <Button htmlType="submit" loading={add.isPending} data-testid="weak-problem-add">{t('detail.add')}</Button>
        </Form>
      )}
    </Card>
  );
}
