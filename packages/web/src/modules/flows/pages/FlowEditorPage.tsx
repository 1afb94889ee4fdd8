// A flow's step list (desktop; the county edits it): steps in order — add, remove, move up and
// down — each with its level and acting body, time limit, required documents, the meeting that
// decides it and whether its result is published. The server validates (no steps, no actor, a
// non-positive limit, a repeated key, duplicate names) and answers in Chinese; a flow in use gets
// a new edition.
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Col, Input, InputNumber, Row, Select, Skeleton, Space, Switch, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { FLOW_CATEGORIES, FLOW_CATEGORY_LABELS, FLOW_LEVELS, FLOW_LEVEL_LABELS, type FlowBody, type FlowStep } from '@lianxin/contract';
import { ApiError } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useOrglifeSettings } from '../../orglife/orglife.api';
import { useFlow, useSaveFlow } from '../flows.api';
import { useFlowsT } from '../flows.messages';

const newKey = () => `s${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
const blank = (): FlowStep => ({ key: newKey(), name: '', level: 'village', body: '', limitDays: 5, documents: [], public: false, meetingType: null });

export function FlowEditorPage() {
  const param = useParams().id;
  const id = param && param !== 'new' ? Number(param) : undefined;
  const t = useFlowsT();
  const { lang } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const q = useFlow(id);
  const settings = useOrglifeSettings();
  const save = useSaveFlow(id);
  const [flow, setFlow] = useState<FlowBody>({ name: '', category: 'major_decision', description: '', steps: [blank()] });
  useEffect(() => {
    if (q.data) setFlow({ name: q.data.name, category: q.data.category, description: q.data.description, steps: q.data.steps });
  }, [q.data]);
  usePageCrumb(q.data?.name ?? (id ? undefined : t('flows.new')));
  const readOnly = !can('flow:configure');
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (id && !q.data) return <Card><Skeleton active /></Card>;

  const setStep = (i: number, patch: Partial<FlowStep>) => setFlow((f) => ({ ...f, steps: f.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  const move = (i: number, d: -1 | 1) => setFlow((f) => {
    const steps = [...f.steps];
    const [s] = steps.splice(i, 1);
    steps.splice(i + d, 0, s!);
    return { ...f, steps };
  });
  const problems = save.error instanceof ApiError ? [save.error.message, ...save.error.fields.map((x) => x.message)].filter((x, i, a) => a.indexOf(x) === i) : [];
  const meetingOptions = [{ value: '', label: t('editor.noMeeting') }, ...(settings.data?.types ?? []).map((x) => ({ value: x.code, label: x.name }))];

  return (
    <div data-testid="flow-editor" style={{ maxWidth: 1100 }}>
      <PageHead title={`${t('editor.title')} · ${flow.name || t('flows.new')}`} record />
      {q.data?.inUse && !readOnly && <Alert type="info" showIcon title={t('editor.inUse')} style={{ marginBottom: 12 }} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={12}>
          <Col xs={24} md={10}><Typography.Text>{t('editor.name')}</Typography.Text><Input value={flow.name} disabled={readOnly} maxLength={60} onChange={(e) => setFlow({ ...flow, name: e.target.value })} data-testid="flow-name" /></Col>
          <Col xs={24} md={6}><Typography.Text>{t('editor.category')}</Typography.Text>
            <Select style={{ width: '100%' }} value={flow.category} disabled={readOnly} onChange={(category) => setFlow({ ...flow, category })} options={FLOW_CATEGORIES.map((c) => ({ value: c, label: FLOW_CATEGORY_LABELS[c][lang] }))} />
          </Col>
          <Col xs={24}><Typography.Text>{t('editor.description')}</Typography.Text><Input.TextArea rows={2} value={flow.description} disabled={readOnly} maxLength={1000} onChange={(e) => setFlow({ ...flow, description: e.target.value })} /></Col>
        </Row>
      </Card>
      <Card size="small" title={t('editor.steps')} style={{ marginBottom: 12 }}>
        {flow.steps.map((s, i) => (
          <div key={s.key} className="lx-flow-step-row" data-testid="editor-step" style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}>
            <Row gutter={[8, 6]} align="bottom">
              <Col flex="32px"><Typography.Text strong>{i + 1}</Typography.Text></Col>
              <Col xs={22} md={5}><Typography.Text type="secondary">{t('editor.stepName')}</Typography.Text><Input value={s.name} disabled={readOnly} maxLength={40} onChange={(e) => setStep(i, { name: e.target.value })} data-testid="step-name" /></Col>
              <Col xs={12} md={4}><Typography.Text type="secondary">{t('editor.level')}</Typography.Text>
                <Select style={{ width: '100%' }} value={s.level ?? undefined} disabled={readOnly} onChange={(level) => setStep(i, { level })} options={FLOW_LEVELS.map((l) => ({ value: l, label: FLOW_LEVEL_LABELS[l][lang] }))} />
              </Col>
              <Col xs={12} md={4}><Typography.Text type="secondary">{t('editor.body')}</Typography.Text><Input value={s.body} disabled={readOnly} maxLength={40} onChange={(e) => setStep(i, { body: e.target.value })} data-testid="step-body" /></Col>
              <Col xs={8} md={2}><Typography.Text type="secondary">{t('editor.limit')}</Typography.Text><InputNumber style={{ width: '100%' }} value={s.limitDays} disabled={readOnly} onChange={(v) => setStep(i, { limitDays: typeof v === 'number' ? v : 0 })} data-testid="step-limit" /></Col>
              <Col xs={16} md={4}><Typography.Text type="secondary">{t('editor.meeting')}</Typography.Text>
                <Select style={{ width: '100%' }} value={s.meetingType ?? ''} disabled={readOnly} onChange={(v) => setStep(i, { meetingType: v || null })} options={meetingOptions} />
              </Col>
              <Col xs={24} md={3}>
                <Space size={4}>
                  <Switch size="small" checked={s.public} disabled={readOnly} onChange={(v) => setStep(i, { public: v })} /><Typography.Text type="secondary">{t('editor.public')}</Typography.Text>
                </Space>
              </Col>
              <Col xs={24} md={{ span: 15, offset: 0 }} style={{ paddingInlineStart: 40 }}>
                <Typography.Text type="secondary">{t('editor.documents')}</Typography.Text>
                <Select mode="tags" style={{ width: '100%' }} value={s.documents} disabled={readOnly} onChange={(documents) => setStep(i, { documents })} tokenSeparators={['，', ',', '、']} open={false} />
              </Col>
              {!readOnly && (
                <Col xs={24} md={8}>
                  <Space>
                    <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('editor.up')} />
                    <Button size="small" icon={<ArrowDownOutlined />} disabled={i === flow.steps.length - 1} onClick={() => move(i, 1)} aria-label={t('editor.down')} />
                    <Button size="small" danger icon={<DeleteOutlined />} onClick={() => setFlow({ ...flow, steps: flow.steps.filter((_, j) => j !== i) })} data-testid="step-remove">{t('editor.remove')}</Button>
                  </Space>
                </Col>
              )}
            </Row>
          </div>
        ))}
        {!readOnly && <Button style={{ marginTop: 8 }} icon={<PlusOutlined />} onClick={() => setFlow({ ...flow, steps: [...flow.steps, blank()] })} data-testid="step-add">{t('editor.add')}</Button>}
      </Card>
      {problems.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="editor-errors" title={problems[0]} description={problems.length > 1 ? <ul style={{ margin: 0 }}>{problems.slice(1).map((p) => <li key={p}>{p}</li>)}</ul> : undefined} />
      )}
      {!readOnly && (
        <Button type="primary" size="large" loading={save.isPending} data-testid="flow-save"
          onClick={() => save.mutate({ ...flow, ...(q.data ? { version: q.data.version } : {}) }, {
            onSuccess: (f) => { message.success(t('editor.saved')); if (!id) navigate(`/flows/templates/${f.id}`, { replace: true }); },
          })}>
          {t('editor.save')}
        </Button>
      )}
    </div>
  );
}
