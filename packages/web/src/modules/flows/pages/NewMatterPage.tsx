// 登记事项: which county flow it runs on, the village (a village account's own), name, summary, amount.
import { useNavigate } from 'react-router';
import { Button, Card, Form, Input, InputNumber, Select } from 'antd';
import { FLOW_CATEGORY_LABELS, type OpenMatterBody } from '@lianxin/contract';
import { useAccount } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, applyFieldErrors } from '../../../app/ui';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useFlows, useOpenMatter } from '../flows.api';
import { useFlowsT } from '../flows.messages';

export function NewMatterPage() {
  const t = useFlowsT();
  const { lang } = useI18n();
  const me = useAccount();
  const navigate = useNavigate();
  const flows = useFlows();
  const open = useOpenMatter();
  const [form] = Form.useForm<OpenMatterBody>();
  const isVillage = me.scopeOrg.type === 'village' || me.scopeOrg.type === 'community';
  const first = flows.data?.[0];

  return (
    <div data-testid="matter-new-page" style={{ maxWidth: 720 }}>
      <PageHead title={t('new.title')} />
      <Card>
        {open.error && !form.getFieldsError().some((f) => f.errors.length) && <ApiErrorAlert error={open.error} />}
        {first && (
          <Form<OpenMatterBody>
            form={form}
            layout="vertical"
            initialValues={{ flowId: first.id, orgId: isVillage ? me.scopeOrg.id : undefined }}
            onFinish={(v) =>
              open.mutate({ ...v, amountYuan: v.amountYuan ?? null }, {
                onSuccess: (m) => navigate(`/flows/matters/${m.id}`),
                onError: (e) => applyFieldErrors(form, e, ['flowId', 'orgId', 'title', 'summary', 'amountYuan']),
              })
            }
          >
            <Form.Item name="flowId" label={t('new.flow')} rules={[{ required: true }]}>
              <Select data-testid="new-flow" options={(flows.data ?? []).map((f) => ({ value: f.id, label: `${f.name}（${FLOW_CATEGORY_LABELS[f.category][lang]}）` }))} />
            </Form.Item>
            {isVillage ? (
              <Form.Item name="orgId" label={t('new.org')} hidden><Input /></Form.Item>
            ) : (
              <Form.Item name="orgId" label={t('new.org')} rules={[{ required: true }]}><OrgTreeSelect selectable={['village', 'community']} testId="new-org" /></Form.Item>
            )}
            <Form.Item name="title" label={t('new.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} data-testid="new-title" /></Form.Item>
            <Form.Item name="summary" label={t('new.summary')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={4} maxLength={2000} data-testid="new-summary" /></Form.Item>
            <Form.Item name="amountYuan" label={t('new.amount')}><InputNumber min={0} style={{ width: '100%' }} data-testid="new-amount" /></Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={open.isPending} data-testid="new-save">{t('new.save')}</Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
