// 登记问题: the form checks what it can (required fields, a deadline not in the past), then shows
// the API's field errors at their fields (e.g. an org outside the scope, a category the county
// does not use). On success it opens the new problem.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Form, Grid, Input, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ProblemSource } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { applyFieldErrors, PageHead } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useLedgerSettings, useRegisterProblem, useSourceOptions } from '../ledger.api';
import { useLedgerT } from '../ledger.messages';
import '../ledger.css';

type Values = {
  orgId?: number;
  source?: ProblemSource;
  category?: string;
  description?: string;
  measures?: string;
  responsibleOrgId?: number;
  responsiblePerson?: string;
  deadline?: Dayjs;
  sourceRef?: string;
};
const FIELDS = ['orgId', 'source', 'category', 'description', 'measures', 'responsibleOrgId', 'responsiblePerson', 'deadline', 'sourceRef'] as const;

/** Today in China Standard Time, as the server counts deadlines. */
const todayCst = () => dayjs(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));

export function RegisterProblemPage() {
  const { t: common, label } = useI18n();
  const sourceOptions = useSourceOptions();
  const t = useLedgerT();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const isMobile = Grid.useBreakpoint().md === false;
  const settings = useLedgerSettings();
  const registerProblem = useRegisterProblem();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  usePageCrumb(t('ledger.new.title'));

  // (a rule with only `required` checks any value; adding `whitespace` would make it a string rule)
  const required = (field: string, select = false) =>
    select ? { required: true, message: common('common.select', { field }) } : { required: true, whitespace: true, message: common('common.required', { field }) };

  const submit = async (v: Values) => {
    setError(undefined);
    try {
      const p = await registerProblem.mutateAsync({
        orgId: v.orgId!,
        source: v.source!,
        category: v.category!,
        description: v.description!.trim(),
        measures: v.measures?.trim() || undefined,
        responsibleOrgId: v.responsibleOrgId,
        responsiblePerson: v.responsiblePerson?.trim() || undefined,
        deadline: v.deadline!.format('YYYY-MM-DD'),
        sourceRef: v.sourceRef?.trim() || undefined,
      });
      message.success(t('ledger.new.done'));
      navigate(`/ledger/${p.id}`, { replace: true });
    } catch (e) {
      setError(applyFieldErrors(form, e, FIELDS));
    }
  };

  return (
    <div data-testid="ledger-register-page">
      <PageHead title={t('ledger.new.title')} />
      <Card>
        <Typography.Paragraph type="secondary">{t('ledger.new.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} data-testid="register-error" />}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ source: 'station_inspection' }} data-testid="register-form" scrollToFirstError>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="orgId" label={t('ledger.org')} rules={[required(t('ledger.org'), true)]}>
                <OrgTreeSelect placeholder={t('ledger.org')} testId="register-org" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="source" label={t('ledger.source')} rules={[required(t('ledger.source'), true)]}>
                <Select data-testid="register-source" options={sourceOptions} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="category" label={t('ledger.category')} rules={[required(t('ledger.category'), true)]}>
                <Select data-testid="register-category" loading={settings.isPending} options={(settings.data?.categories ?? []).map((c) => ({ value: c, label: c }))} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="description" label={t('ledger.description')} rules={[required(t('ledger.description'))]}>
                <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t('ledger.descriptionPlaceholder')} data-testid="register-description" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="measures" label={t('ledger.measures')}>
                <Input.TextArea rows={3} maxLength={4000} placeholder={t('ledger.measuresPlaceholder')} data-testid="register-measures" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="responsibleOrgId" label={t('ledger.responsibleOrg')} extra={t('ledger.responsibleOrgHint')}>
                <OrgTreeSelect placeholder={t('ledger.responsibleOrgHint')} testId="register-responsible-org" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="responsiblePerson" label={t('ledger.responsiblePerson')}>
                <Input maxLength={50} placeholder={t('ledger.personPlaceholder')} data-testid="register-person" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="deadline"
                label={t('ledger.deadline')}
                rules={[
                  required(t('ledger.deadline'), true),
                  { validator: async (_, d?: Dayjs) => { if (d && d.isBefore(todayCst(), 'day')) throw new Error(t('ledger.deadlinePast')); } },
                ]}
              >
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(todayCst(), 'day')} inputReadOnly={isMobile} data-testid="register-deadline" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="sourceRef" label={t('ledger.sourceRef')}>
                <Input maxLength={100} data-testid="register-source-ref" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('ledger.checker')}>
                <Input disabled value={t('ledger.checkerDefault')} />
              </Form.Item>
            </Col>
          </Row>
          <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
            <Button onClick={() => navigate(-1)}>{common('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={registerProblem.isPending} data-testid="register-submit" block={isMobile}>
              {t('ledger.new.submit')}
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
