// 村级财务审计: the audits of the units in scope with their findings; the township (or county) records
// an audit, and a finding becomes a ledger problem in one step — the finding then shows its state.
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { DEFAULT_PROBLEM_CATEGORIES, PROBLEM_STATE_LABELS, formatYuan, type FinanceAuditView, type ProblemState } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { useCan } from '../../../app/auth';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead, applyFieldErrors } from '../../../app/ui';
import { useCreateAudit, useDisclosureBoard, useFinanceAudits, useFindingToProblem } from '../openness.api';
import { useOpennessT } from '../openness.messages';
import { OpennessNav } from '../components/OpennessNav';

type Finding = FinanceAuditView['findings'][number];

export function AuditsPage() {
  const t = useOpennessT();
  const can = useCan();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const q = useFinanceAudits();
  const units = useDisclosureBoard();
  const create = useCreateAudit();
  const toProblem = useFindingToProblem();
  const [adding, setAdding] = useState(false);
  const [finding, setFinding] = useState<{ audit: FinanceAuditView; f: Finding } | null>(null);
  const [form] = Form.useForm();
  const [pform] = Form.useForm();
  usePageCrumb(t('audits.title'));
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Card><Skeleton active /></Card>;

  const submit = async (v: { orgId: number; period: string; auditedOn: dayjs.Dayjs; auditor: string; conclusion: string; findings?: { description: string; amount?: string }[] }) => {
    try {
      await create.mutateAsync({ orgId: v.orgId, period: v.period, auditedOn: v.auditedOn.format('YYYY-MM-DD'), auditor: v.auditor, conclusion: v.conclusion, findings: (v.findings ?? []).filter((f) => f?.description).map((f) => ({ description: f.description, ...(f.amount ? { amount: f.amount } : {}) })) });
      setAdding(false);
      form.resetFields();
      message.success(t('audits.saved'));
    } catch (e) {
      const other = applyFieldErrors(form, e, ['orgId', 'period', 'auditedOn', 'auditor', 'conclusion']);
      if (other) message.error(other);
    }
  };

  return (
    <div data-testid="audits-page">
      <PageHead title={t('audits.title')} extra={can('openness:audit') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-audit">{t('audits.add')}</Button> : null} />
      <OpennessNav />
      {q.data.items.length === 0 && <Card><Typography.Text type="secondary">{t('audits.empty')}</Typography.Text></Card>}
      {q.data.items.map((a) => (
        <Card key={a.id} size="small" style={{ marginBottom: 12 }} title={`${a.org.name} · ${a.period}`} extra={<Typography.Text type="secondary">{a.auditedOn} · {a.auditor}</Typography.Text>} data-testid="audit">
          <Typography.Paragraph>{a.conclusion}</Typography.Paragraph>
          {a.findings.map((f) => (
            <div key={f.id} className="lx-finding" data-testid="finding">
              <div>{f.seq}. {f.description}{f.amountFen !== null ? `（${formatYuan(f.amountFen)} 元）` : ''}</div>
              <div>
                {f.problemId ? (
                  <Link to={`/ledger/${f.problemId}`} data-testid="finding-problem"><Tag color="purple">{t('audits.inLedger')}{f.problemStatus ? ` · ${PROBLEM_STATE_LABELS[f.problemStatus as ProblemState]?.[lang] ?? f.problemStatus}` : ''}</Tag></Link>
                ) : can('openness:audit') && can('ledger:register') ? (
                  <Button size="small" onClick={() => { pform.setFieldsValue({ category: '党风廉政建设', deadline: dayjs().add(30, 'day'), measures: '' }); setFinding({ audit: a, f }); }} data-testid="to-problem">{t('audits.toProblem')}</Button>
                ) : null}
              </div>
            </div>
          ))}
        </Card>
      ))}

      <Modal open={adding} title={t('audits.add')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={create.isPending} width={640} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ period: String(dayjs().year()), auditedOn: dayjs(), findings: [{ description: '' }] }}>
          <Form.Item name="orgId" label={t('audits.unit')} rules={[{ required: true, message: t('audits.unitRequired') }]}>
            <Select showSearch optionFilterProp="label" options={(units.data?.units ?? []).map((u) => ({ value: u.org.id, label: `${u.org.name}${u.township ? `（${u.township}）` : ''}` }))} data-testid="audit-unit" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="period" label={t('audits.period')} extra={t('audits.periodHint')} rules={[{ required: true }]}><Input style={{ width: 160 }} /></Form.Item>
            <Form.Item name="auditedOn" label={t('audits.date')} rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs())} /></Form.Item>
          </Space>
          <Form.Item name="auditor" label={t('audits.auditor')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="conclusion" label={t('audits.conclusion')} rules={[{ required: true }]}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          <Form.List name="findings">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'description']} style={{ flex: 1, minWidth: 280 }}><Input placeholder={t('audits.finding')} maxLength={1000} /></Form.Item>
                    <Form.Item name={[f.name, 'amount']}><Input placeholder={t('item.amount')} inputMode="decimal" style={{ width: 120 }} /></Form.Item>
                    <Button type="text" danger onClick={() => remove(f.name)}>×</Button>
                  </Space>
                ))}
                <Button type="dashed" block onClick={() => add({ description: '' })}>{t('audits.addFinding')}</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>

      <Modal open={!!finding} title={t('audits.toProblem')} onCancel={() => setFinding(null)} onOk={() => pform.submit()} confirmLoading={toProblem.isPending} destroyOnHidden>
        {finding && <Typography.Paragraph>{finding.audit.org.name}：{finding.f.description}</Typography.Paragraph>}
        <Form form={pform} layout="vertical" onFinish={async (v: { category: string; deadline: dayjs.Dayjs; measures?: string }) => {
          try {
            await toProblem.mutateAsync({ auditId: finding!.audit.id, findingId: finding!.f.id, category: v.category, deadline: v.deadline.format('YYYY-MM-DD'), ...(v.measures ? { measures: v.measures } : {}) });
            setFinding(null);
            message.success(t('audits.registered'));
          } catch (e) {
            const other = applyFieldErrors(pform, e, ['category', 'deadline', 'measures']);
            if (other) message.error(other);
          }
        }}>
          <Form.Item name="category" label={t('audits.category')} rules={[{ required: true }]}><Select options={DEFAULT_PROBLEM_CATEGORIES.map((c) => ({ value: c, label: c }))} /></Form.Item>
          <Form.Item name="deadline" label={t('audits.deadline')} rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} /></Form.Item>
          <Form.Item name="measures" label={t('audits.measures')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
