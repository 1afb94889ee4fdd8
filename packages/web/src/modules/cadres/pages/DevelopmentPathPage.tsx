// 发展党员流程设置: the county's path — for each of the four steps, the minimum interval after the
// previous step, the time limit it is due by (empty: none) and the checkpoints it confirms (the
// county's "131" 工作法 goes here) — saved as a new edition. People already on the way keep the
// edition they were opened under; the page says how many follow each edition. Other accounts read it.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DEVELOPMENT_TRANSITIONS, DEVELOPMENT_TRANSITION_LABELS, type DevelopmentPath, type PutDevelopmentPathBody } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useDevelopmentPath, useSaveDevelopmentPath } from '../cadres.api';

type StepForm = PutDevelopmentPathBody['steps'][number];
type FormValues = Omit<PutDevelopmentPathBody, 'edition'>;

function toForm(p: DevelopmentPath): FormValues {
  return {
    name: p.national ? '本县发展党员流程' : p.name,
    minAge: p.config.minAge,
    trainingRequired: p.config.trainingRequired,
    warnDays: p.config.warnDays ?? 30,
    steps: DEVELOPMENT_TRANSITIONS.map((t) => ({ transition: t, minMonths: p.config.steps[t].minMonths, dueMonths: p.config.steps[t].dueMonths ?? null, checks: [...p.config.steps[t].checks] })),
  };
}

export function DevelopmentPathPage() {
  const { label } = useI18n();
  const can = useCan();
  const path = useDevelopmentPath();
  const save = useSaveDevelopmentPath();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string>();
  const editable = can('cadre:configure');
  useEffect(() => {
    if (path.data) form.setFieldsValue(toForm(path.data));
  }, [path.data, form]);
  const submit = async () => {
    const v = await form.validateFields();
    setError(undefined);
    try {
      const saved = await save.mutateAsync({ ...v, edition: path.data?.edition ?? 0, steps: v.steps.map((x: StepForm) => ({ ...x, dueMonths: x.dueMonths ?? null, checks: x.checks ?? [] })) });
      message.success(`已保存为第 ${saved.edition ?? ''} 版；已在途的人员仍按原版本办理`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const p = path.data;
  return (
    <div data-testid="development-path-page">
      <PageHead title="发展党员流程" extra={<Link to="/developments">返回发展党员</Link>} />
      {path.error && <ApiErrorAlert error={path.error} onRetry={() => void path.refetch()} />}
      {p && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={p.national ? '本县尚未设置流程，按《中国共产党发展党员工作细则》默认流程办理。' : `当前：${p.name}（第 ${p.edition} 版）`}
          description="保存后为新版本，此后登记的入党申请按新版本办理；已在途的人员仍按登记时的版本办理（间隔、时限、检查点均不变）。"
        />
      )}
      <Form form={form} layout="vertical" disabled={!editable} data-testid="development-path-form">
        <Card size="small" style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={10}><Form.Item name="name" label="流程名称" rules={[{ required: true, whitespace: true, message: '请填写流程名称' }]}><Input maxLength={50} /></Form.Item></Col>
            <Col xs={12} md={4}><Form.Item name="minAge" label="入党年龄（周岁）" rules={[{ required: true }]}><InputNumber min={14} max={30} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={4}><Form.Item name="warnDays" label="提前几天预警" rules={[{ required: true }]}><InputNumber min={0} max={180} style={{ width: '100%' }} data-testid="path-warn-days" /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="trainingRequired" valuePropName="checked" label=" "><Checkbox>发展对象须参加集中培训</Checkbox></Form.Item></Col>
          </Row>
        </Card>
        <Form.List name="steps">
          {(fields) => fields.map((f, i) => {
            const t = DEVELOPMENT_TRANSITIONS[i]!;
            return (
              <Card key={f.key} size="small" style={{ marginBottom: 12 }} title={`第 ${i + 1} 步：${label(DEVELOPMENT_TRANSITION_LABELS[t])}`} data-testid={`path-step-${t}`}>
                <Form.Item name={[f.name, 'transition']} hidden><Input /></Form.Item>
                <Row gutter={12}>
                  <Col xs={12} md={6}>
                    <Form.Item name={[f.name, 'minMonths']} label="距上一步至少（月）" rules={[{ required: true, message: '请填写' }, { type: 'number', min: 0, message: '不能为负数' }]}>
                      <InputNumber min={0} max={120} style={{ width: '100%' }} data-testid={`path-min-${t}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[f.name, 'dueMonths']} label="距上一步几个月内办理" tooltip="空：不设时限。到期前按“提前几天预警”提醒支部和上级党委，逾期标红">
                      <InputNumber min={0} max={120} style={{ width: '100%' }} placeholder="不设时限" data-testid={`path-due-${t}`} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.List name={[f.name, 'checks']}>
                  {(checks, { add, remove }) => (
                    <>
                      <Typography.Text type="secondary">本步须确认的检查点</Typography.Text>
                      {checks.map((c) => (
                        <Space.Compact key={c.key} style={{ display: 'flex', marginTop: 6 }}>
                          <Form.Item name={c.name} noStyle rules={[{ required: true, whitespace: true, message: '检查点不能为空' }]}><Input maxLength={50} /></Form.Item>
                          {editable && <Button icon={<DeleteOutlined />} onClick={() => remove(c.name)} aria-label="删除检查点" />}
                        </Space.Compact>
                      ))}
                      {editable && <Button type="dashed" size="small" icon={<PlusOutlined />} style={{ marginTop: 6 }} onClick={() => add('')} data-testid={`path-add-check-${t}`}>添加检查点</Button>}
                    </>
                  )}
                </Form.List>
              </Card>
            );
          })}
        </Form.List>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="development-path-error" />}
      {editable && <Button type="primary" onClick={() => void submit()} loading={save.isPending} data-testid="development-path-save">保存为新版本</Button>}
      {p && (
        <Card size="small" title="版本" style={{ marginTop: 12 }}>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={[
              ...p.editions.map((e) => ({ key: String(e.edition), name: e.name, edition: `第 ${e.edition} 版`, savedAt: e.savedAt.slice(0, 10), inProgress: e.inProgress, current: e.edition === p.edition })),
              ...(p.inProgressNational > 0 || p.national ? [{ key: 'national', name: '全国默认流程', edition: '默认', savedAt: '', inProgress: p.inProgressNational, current: p.national }] : []),
            ]}
            columns={[
              { title: '版本', dataIndex: 'edition', render: (v: string, r) => <>{v} {r.current && <Tag color="blue">现行</Tag>}</> },
              { title: '名称', dataIndex: 'name' },
              { title: '保存日期', dataIndex: 'savedAt' },
              { title: '在途人数（按此版本办理）', dataIndex: 'inProgress' },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
