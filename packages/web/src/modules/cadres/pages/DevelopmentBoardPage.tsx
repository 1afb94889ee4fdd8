// 发展党员 board of a branch (or a township's branches): one column per stage, a card per person
// with the dates reached and the next step the account may take — its earliest allowed date and
// the checkpoints the county's path asks. A step too early is refused by the server with the date.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App as AntApp, Badge, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, Modal, Row, Segmented, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { DEVELOPMENT_STATE_LABELS, DEVELOPMENT_STATES, DEVELOPMENT_WARNING_LABELS, type DevelopmentRow, type DevelopmentWarning } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, ExportButton, PageHead } from '../../../app/ui';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useDevelopment, useDevelopmentPath, useDevelopments, useDevelopmentStep, useOpenDevelopment } from '../cadres.api';
import { PersonSelect } from '../components/PostDialogs';

export function DevelopmentBoardPage() {
  const { label } = useI18n();
  const can = useCan();
  const [orgId, setOrgId] = useState<number>();
  // from the 工作台 (…/developments?id=): that person's next step opens at once, or what it waits for
  const [params, setParams] = useSearchParams();
  const warning = (params.get('warning') as DevelopmentWarning | null) ?? undefined;
  const list = useDevelopments({ orgId, pageSize: 200, ...(warning ? { warning } : {}) });
  const path = useDevelopmentPath();
  const [stepping, setStepping] = useState<DevelopmentRow>();
  const [adding, setAdding] = useState(false);
  const setWarning = (w: string) => setParams(w ? { warning: w } : {}, { replace: true });
  const focusId = Number(params.get('id')) || undefined;
  const focused = useDevelopment(focusId);
  useEffect(() => {
    if (focused.data?.next) setStepping(focused.data);
  }, [focused.data]);
  const closeStep = () => {
    setStepping(undefined);
    if (focusId) setParams({}, { replace: true });
  };
  return (
    <div data-testid="development-board">
      <PageHead title="发展党员" extra={<Space size={8} wrap>{can('cadre:export') && <ExportButton path="/api/developments/export" query={{ ...(orgId ? { orgId } : {}), ...(warning ? { warning } : {}) }} fileName="发展党员工作台账.xlsx" testId="development-export" />}{can('cadre:write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="development-add">登记入党申请</Button>}</Space>} />
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }} align="middle">
        <Col xs={24} md={8}><OrgTreeSelect value={orgId} onChange={setOrgId} placeholder="党支部（含下级）" /></Col>
        {path.data && <Col><Link to="/developments/path" data-testid="development-path-link">流程：{path.data.name}{path.data.edition ? `（第 ${path.data.edition} 版）` : ''}</Link></Col>}
        {list.data && (
          <Col>
            <Segmented
              data-testid="development-warning-filter"
              value={warning ?? ''}
              onChange={(v) => setWarning(String(v))}
              options={[
                { value: '', label: '全部' },
                { value: 'overdue', label: `逾期 ${list.data.warnings.overdue}` },
                { value: 'due_soon', label: `即将到期 ${list.data.warnings.dueSoon}` },
              ]}
            />
          </Col>
        )}
      </Row>
      {list.error && <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {focused.error && <ApiErrorAlert error={focused.error} />}
      {focused.data && !focused.data.next && (
        <Alert
          type="info"
          showIcon
          closable
          onClose={() => setParams({}, { replace: true })}
          style={{ marginBottom: 12 }}
          data-testid="development-focus"
          message={focused.data.status === 'probationary'
            ? `${focused.data.person.name}（${focused.data.org.name}）预备期自 ${focused.data.admittedOn} 起满 ${path.data?.config.steps.make_full.minMonths ?? 12} 个月：请召开支部大会讨论表决转正，报上级党委审批。`
            : `${focused.data.person.name}（${focused.data.org.name}）：${label(DEVELOPMENT_STATE_LABELS[focused.data.status])}`}
        />
      )}
      <Row gutter={[12, 12]} wrap>
        {DEVELOPMENT_STATES.map((s) => {
          const items = (list.data?.items ?? []).filter((r) => r.status === s);
          return (
            <Col key={s} xs={24} sm={12} lg={8} xl={{ flex: "20%" }}>
              <Card size="small" title={<>{label(DEVELOPMENT_STATE_LABELS[s])} <Badge count={items.length} showZero color="#999" /></>} data-testid={`development-column-${s}`} loading={list.isPending}>
                {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无" />}
                {items.map((r) => (
                  <Card key={r.id} size="small" style={{ marginBottom: 8 }} data-testid="development-card">
                    <Typography.Text strong><Link to={`/people/${r.person.id}`}>{r.person.name}</Link></Typography.Text>
                    <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>{r.org.name}</Typography.Text>
                    <div style={{ fontSize: 12, color: '#666' }}>
                      申请 {r.appliedOn}
                      {r.activistOn && <> · 积极分子 {r.activistOn}</>}
                      {r.targetOn && <> · 发展对象 {r.targetOn}</>}
                      {r.admittedOn && <> · 入党 {r.admittedOn}</>}
                      {r.fullOn && <> · 转正 {r.fullOn}</>}
                    </div>
                    {r.due && (
                      <div style={{ fontSize: 12 }} data-testid="development-due">
                        {r.warning && <Tag color={r.warning === 'overdue' ? 'red' : 'orange'} style={{ marginInlineEnd: 4 }}>{label(DEVELOPMENT_WARNING_LABELS[r.warning])}</Tag>}
                        <Typography.Text type={r.warning === 'overdue' ? 'danger' : 'secondary'}>应于 {r.due} 前办理下一步</Typography.Text>
                      </div>
                    )}
                    {r.next && (
                      <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setStepping(r)} data-testid="development-next">
                        {label(r.next.label)}（最早 {r.next.earliest}）
                      </Button>
                    )}
                  </Card>
                ))}
              </Card>
            </Col>
          );
        })}
      </Row>
      {stepping && <StepModal row={stepping} onClose={closeStep} />}
      {adding && <OpenModal onClose={() => setAdding(false)} />}
    </div>
  );
}

function StepModal({ row, onClose }: { row: DevelopmentRow; onClose: () => void }) {
  const { label } = useI18n();
  const [form] = Form.useForm();
  const step = useDevelopmentStep();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<string>();
  const next = row.next!;
  const submit = async () => {
    const v = await form.validateFields();
    setError(undefined);
    try {
      await step.mutateAsync({
        id: row.id, version: row.version, transition: next.transition, date: v.date.format('YYYY-MM-DD'), checks: v.checks ?? [],
        ...(next.needsTraining && v.trainingOn ? { trainingOn: v.trainingOn.format('YYYY-MM-DD') } : {}),
        ...(v.body?.trim() ? { body: v.body.trim() } : {}),
      });
      message.success(`${row.person.name}：${label(next.label)}`);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal open title={`${row.person.name}：${label(next.label)}`} onCancel={onClose} onOk={() => void submit()} confirmLoading={step.isPending} okText="确定" destroyOnHidden okButtonProps={{ 'data-testid': 'development-submit' } as never}>
      <Typography.Paragraph type="secondary">按本县流程，最早可于 {next.earliest} 办理。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ date: dayjs() }}>
        <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} data-testid="development-date" /></Form.Item>
        {next.checks.length > 0 && (
          <Form.Item name="checks" label="已完成的检查点">
            <Checkbox.Group options={next.checks.map((c) => ({ value: c, label: c }))} style={{ display: 'flex', flexDirection: 'column', gap: 4 }} data-testid="development-checks" />
          </Form.Item>
        )}
        {next.needsTraining && <Form.Item name="trainingOn" label="集中培训结业日期" rules={[{ required: true, message: '请选择培训结业日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>}
        <Form.Item name="body" label="说明（可空）"><Input.TextArea maxLength={500} rows={2} /></Form.Item>
      </Form>
      {error && <div role="alert" style={{ color: '#cf1322' }} data-testid="development-error">{error}</div>}
    </Modal>
  );
}

function OpenModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm();
  const open = useOpenDevelopment();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<string>();
  const submit = async () => {
    const v = await form.validateFields();
    setError(undefined);
    try {
      const r = await open.mutateAsync({ personId: v.personId, appliedOn: v.appliedOn.format('YYYY-MM-DD') });
      message.success(`已登记：${r.person.name}`);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal open title="登记入党申请" onCancel={onClose} onOk={() => void submit()} confirmLoading={open.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ appliedOn: dayjs() }}>
        <Form.Item name="personId" label="申请人（在册、非党员）" rules={[{ required: true, message: '请选择申请人' }]}><PersonSelect /></Form.Item>
        <Form.Item name="appliedOn" label="递交申请书日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
      </Form>
      {error && <div role="alert" style={{ color: '#cf1322' }}>{error}</div>}
    </Modal>
  );
}
