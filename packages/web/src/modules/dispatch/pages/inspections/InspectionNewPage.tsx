// 记录督查: kind, date, inspectors, the orgs inspected (below this org), score, 讲评 and findings —
// each finding on one of the inspected orgs.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { INSPECTION_KIND_LABELS, INSPECTION_KINDS, type InspectionKind, type OrgType } from '@lianxin/contract';
import { useAccount } from '../../../../app/auth';
import { useI18n } from '../../../../app/i18n';
import { usePageCrumb } from '../../../../app/page-context';
import { PageHead } from '../../../../app/ui';
import { useOrgTree } from '../../../orgs/orgs.api';
import { useCreateInspection } from '../../dispatch.api';
import { useDispatchT } from '../../dispatch.messages';
import { OrgMultiSelect, putFieldErrors, todayStr, usePhone } from '../../components/bits';
import '../../dispatch.css';

type Values = {
  kind: InspectionKind;
  inspectedOn: Dayjs;
  inspectors: string;
  targetOrgIds: number[];
  score?: number | null;
  summary?: string;
  comment?: string;
  findings?: { targetOrgId?: number; description?: string }[];
};

const TARGETS: readonly OrgType[] = ['township', 'station', 'village', 'community', 'department', 'agency', 'enterprise', 'social_org', 'party_group', 'grid'];

export function InspectionNewPage() {
  const t = useDispatchT();
  const { t: ct, label } = useI18n();
  usePageCrumb(t('insp.new'));
  const me = useAccount();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [topError, setTopError] = useState<string>();
  const create = useCreateInspection();
  const phone = usePhone();
  const tree = useOrgTree();
  const chosen = Form.useWatch('targetOrgIds', form) ?? [];
  const nameOf = (id: number) => tree.data?.nodes.find((n) => n.id === id)?.name ?? String(id);
  const defaultKind: InspectionKind = me.scopeOrg.type === 'station' ? 'station_biweekly' : me.scopeOrg.type === 'county' ? 'unannounced' : 'quarterly_evaluation';

  const submit = async (v: Values) => {
    setTopError(undefined);
    try {
      const created = await create.mutateAsync({
        kind: v.kind,
        inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
        inspectors: v.inspectors.trim(),
        targetOrgIds: v.targetOrgIds,
        ...(v.score !== undefined && v.score !== null ? { score: v.score } : {}),
        ...(v.summary?.trim() ? { summary: v.summary.trim() } : {}),
        ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
        findings: (v.findings ?? []).filter((f) => f.description?.trim()).map((f) => ({ targetOrgId: f.targetOrgId!, description: f.description!.trim() })),
      });
      message.success(t('insp.created'));
      navigate(`/inspections/${created.id}`);
    } catch (error) {
      setTopError(putFieldErrors(form, error, (p) => ['kind', 'inspectedOn', 'inspectors', 'targetOrgIds', 'score', 'summary', 'comment', 'findings'].includes(String(p[0]))));
    }
  };

  return (
    <div className="lx-dispatch" data-testid="inspection-new">
      <PageHead title={t('insp.new')} />
      <Card>
        {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 12 }} data-testid="inspection-error" />}
        <Form<Values> form={form} layout="vertical" onFinish={submit} scrollToFirstError initialValues={{ kind: defaultKind, inspectedOn: dayjs(todayStr()), targetOrgIds: [], findings: [] }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('insp.kind')} rules={[{ required: true }]}>
                <Select data-testid="inspection-kind" options={INSPECTION_KINDS.map((k) => ({ value: k, label: label(INSPECTION_KIND_LABELS[k]) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="inspectedOn" label={t('insp.date')} rules={[{ required: true }]}>
                <DatePicker inputReadOnly={phone} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(todayStr()), 'day')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="inspectors" label={t('insp.inspectors')} rules={[{ required: true, whitespace: true, message: ct('common.required', { field: t('insp.inspectors') }) }, { max: 200 }]}>
                <Input placeholder={t('insp.inspectorsPh')} maxLength={200} data-testid="inspection-inspectors" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="targetOrgIds" label={t('insp.targets')} rules={[{ required: true, type: 'array', min: 1, message: ct('common.select', { field: t('insp.targets') }) }]}>
            <OrgMultiSelect rootId={me.scopeOrg.id} selectable={TARGETS} placeholder={t('insp.targetsPh')} testId="inspection-targets" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="score" label={t('insp.score')}>
                <InputNumber min={0} max={100} style={{ width: '100%' }} data-testid="inspection-score" />
              </Form.Item>
            </Col>
            <Col xs={24} md={18}>
              <Form.Item name="comment" label={t('insp.comment')} rules={[{ max: 4000 }]}>
                <Input.TextArea rows={2} placeholder={t('insp.commentPh')} data-testid="inspection-comment" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="summary" label={t('insp.summary')} rules={[{ max: 10000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Typography.Title level={5}>{t('insp.findings')}</Typography.Title>
          <Form.List name="findings">
            {(fields, { add, remove }) => (
              <div data-testid="findings-builder">
                {fields.map((field) => (
                  <div key={field.key} className="lx-field-row">
                    <Row gutter={8}>
                      <Col xs={24} md={6}>
                        <Form.Item name={[field.name, 'targetOrgId']} label={t('insp.finding.target')} rules={[{ required: true, message: ct('common.select', { field: t('insp.finding.target') }) }]}>
                          <Select data-testid="finding-target" options={chosen.map((id) => ({ value: id, label: nameOf(id) }))} />
                        </Form.Item>
                      </Col>
                      <Col xs={20} md={16}>
                        <Form.Item name={[field.name, 'description']} label={t('insp.finding.description')} rules={[{ required: true, whitespace: true, message: ct('common.required', { field: t('insp.finding.description') }) }, { max: 4000 }]}>
                          <Input.TextArea rows={1} autoSize data-testid="finding-description" />
                        </Form.Item>
                      </Col>
                      <Col xs={4} md={2} className="lx-field-remove">
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
                      </Col>
                    </Row>
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ targetOrgId: chosen.length === 1 ? chosen[0] : undefined })} block disabled={chosen.length === 0} data-testid="add-finding">
                  {t('insp.addFinding')}
                </Button>
              </div>
            )}
          </Form.List>
          <div className="lx-form-actions">
            <Space>
              <Button onClick={() => navigate(-1)}>{ct('common.cancel')}</Button>
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={create.isPending} data-testid="inspection-submit">
                {t('insp.save')}
              </Button>
            </Space>
          </div>
        </Form>
      </Card>
    </div>
  );
}
