// 群众接待: staff register a citizen's matter received at a station, village, grid, by phone or on
// a visit. Field errors from the API land on their fields.
import { useState } from 'react';
import { Alert, Button, Drawer, Form, Grid, Input, Select, Space } from 'antd';
import { CHANNEL_LABELS, REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, type Channel, type CreateRequestBody, type RequestDetail } from '@lianxin/contract';
import { useAccount } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyFieldErrors } from '../../../app/ui';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useCreateRequest } from '../citizens.api';
import { useCitizensT } from '../citizens.messages';

const STAFF_CHANNELS: Channel[] = ['station', 'village', 'grid', 'phone', 'visit'];
const FIELDS = ['orgId', 'channel', 'category', 'citizenName', 'phone', 'matter'] as const;

export function IntakeDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (r: RequestDetail) => void }) {
  const { t: tc, label } = useI18n();
  const t = useCitizensT();
  const me = useAccount();
  const isMobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<CreateRequestBody>();
  const create = useCreateRequest();
  const [error, setError] = useState<string>();
  const defaultChannel: Channel = me.scopeOrg.type === 'village' || me.scopeOrg.type === 'community' ? 'village' : me.scopeOrg.type === 'grid' ? 'grid' : 'station';

  const submit = async (v: CreateRequestBody) => {
    setError(undefined);
    try {
      const r = await create.mutateAsync({ ...v, phone: v.phone?.trim() || undefined });
      form.resetFields();
      onCreated(r);
    } catch (e) {
      setError(applyFieldErrors(form, e, FIELDS));
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('req.createTitle')}
      placement={isMobile ? 'bottom' : 'right'}
      size={isMobile ? '92%' : 560}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{tc('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="intake-submit">
            {tc('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ orgId: me.scopeOrg.id, channel: defaultChannel, category: 'errand' }} data-testid="intake-form">
        <Form.Item name="orgId" label={t('req.org')} rules={[{ required: true, message: tc('common.select', { field: t('req.org') }) }]}>
          <OrgTreeSelect placeholder={t('req.orgPlaceholder')} selectable={['station', 'village', 'community', 'grid', 'township']} allowClear={false} testId="intake-org" />
        </Form.Item>
        <Form.Item name="channel" label={t('req.channel')} rules={[{ required: true }]}>
          <Select data-testid="intake-channel" options={STAFF_CHANNELS.map((c) => ({ value: c, label: label(CHANNEL_LABELS[c]) }))} />
        </Form.Item>
        <Form.Item name="category" label={t('req.category')} rules={[{ required: true }]}>
          <Select options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: label(REQUEST_CATEGORY_LABELS[c]) }))} />
        </Form.Item>
        <Form.Item name="citizenName" label={t('req.citizenName')} rules={[{ required: true, whitespace: true, message: tc('common.required', { field: t('req.citizenName') }) }, { max: 50 }]}>
          <Input maxLength={50} data-testid="intake-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('req.phone')} rules={[{ pattern: /^[\d-]{7,20}$/, message: t('req.phoneInvalid') }]}>
          <Input inputMode="tel" maxLength={20} data-testid="intake-phone" />
        </Form.Item>
        <Form.Item name="matter" label={t('req.matter')} rules={[{ required: true, whitespace: true, message: tc('common.required', { field: t('req.matter') }) }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="intake-matter" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
