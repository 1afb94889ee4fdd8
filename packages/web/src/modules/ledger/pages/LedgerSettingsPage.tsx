// 台账设置 (county organization department): the county's problem categories, the 督办 cadence and
// who signs a closure (销号). One county is configuration of the platform, not a separate program.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App as AntApp, Button, Card, Form, InputNumber, Radio, Select, Skeleton, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LedgerSettings } from '@lianxin/contract';
import { api } from '../../../app/api';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, applyFieldErrors, PageHead } from '../../../app/ui';
import { useLedgerT } from '../ledger.messages';

const FIELDS = ['categories', 'supervisionDays', 'closureSigner'] as const;

export function LedgerSettingsPage() {
  const t = useLedgerT();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<LedgerSettings>();
  const [error, setError] = useState<string>();
  usePageCrumb(t('settings.title'));
  const settings = useQuery({ queryKey: ['ledger', 'settings'], queryFn: () => api.get<LedgerSettings>('/api/ledger/settings') });
  const save = useMutation({
    mutationFn: (values: LedgerSettings) => api.put<LedgerSettings>('/api/ledger/settings', values),
    onSuccess: (saved) => {
      client.setQueryData(['ledger', 'settings'], saved);
      void client.invalidateQueries({ queryKey: ['ledger'] });
      message.success(t('settings.saved'));
    },
  });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const onFinish = (values: LedgerSettings) => {
    setError(undefined);
    save.mutate(values, { onError: (e) => setError(applyFieldErrors(form, e, FIELDS)) });
  };

  return (
    <div data-testid="ledger-settings">
      <PageHead title={t('settings.title')} />
      <ApiErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      <Card style={{ maxWidth: 720 }}>
        {settings.isPending ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Typography.Paragraph type="secondary">{t('settings.intro')}</Typography.Paragraph>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
            <Form.Item name="categories" label={t('settings.categories')} extra={t('settings.categoriesHint')} rules={[{ required: true, type: 'array', min: 1, message: t('settings.categoriesRequired') }]}>
              <Select mode="tags" tokenSeparators={['，', ',']} open={false} suffixIcon={null} data-testid="settings-categories" />
            </Form.Item>
            <Form.Item name="supervisionDays" label={t('settings.supervisionDays')} extra={t('settings.supervisionDaysHint')} rules={[{ required: true, message: t('settings.supervisionDaysRequired') }]}>
              <InputNumber min={1} max={90} precision={0} suffix={t('settings.days')} style={{ width: 160 }} data-testid="settings-days" />
            </Form.Item>
            <Form.Item name="closureSigner" label={t('settings.closureSigner')} extra={t('settings.closureSignerHint')}>
              <Radio.Group
                options={[
                  { value: 'station_admin', label: t('settings.signerStation') },
                  { value: 'township_admin', label: t('settings.signerTownship') },
                ]}
              />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
                {t('settings.save')}
              </Button>
              <Button onClick={() => navigate('/ledger')}>{t('settings.back')}</Button>
            </Space>
          </Form>
        )}
      </Card>
    </div>
  );
}
