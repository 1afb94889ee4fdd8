// 台账设置 (county organization department): the county's problem categories and sources, the 督办
// cadence and who signs a closure (销号). One county is configuration of the platform, not a separate program.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App as AntApp, Button, Card, Form, Input, InputNumber, Radio, Select, Skeleton, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LedgerSettings, SaveLedgerSettingsBody } from '@lianxin/contract';
import { api, ApiError } from '../../../app/api';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, applyFieldErrors, PageHead } from '../../../app/ui';
import { useLedgerT } from '../ledger.messages';

const FIELDS = ['categories', 'supervisionDays', 'closureSigner', 'sources'] as const;

/** The form edits the sources in use; the retired ones are listed below it. */
type Values = Omit<LedgerSettings, 'sources'> & { sources: { code?: string; label: string }[] };

export function LedgerSettingsPage() {
  const t = useLedgerT();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  usePageCrumb(t('settings.title'));
  const settings = useQuery({ queryKey: ['ledger', 'settings'], queryFn: () => api.get('/api/ledger/settings') });
  const save = useMutation({
    mutationFn: (values: SaveLedgerSettingsBody) => api.put('/api/ledger/settings', values),
    onSuccess: (saved) => {
      client.setQueryData(['ledger', 'settings'], saved);
      void client.invalidateQueries({ queryKey: ['ledger'] });
      message.success(t('settings.saved'));
    },
  });
  useEffect(() => {
    if (settings.data) form.setFieldsValue({ ...settings.data, sources: settings.data.sources.filter((x) => x.active).map(({ code, label }) => ({ code, label })) });
  }, [settings.data, form]);

  const onFinish = (values: Values) => {
    setError(undefined);
    const sources = values.sources.map((x) => ({ ...(x.code ? { code: x.code } : {}), label: x.label.trim() }));
    save.mutate({ ...values, sources }, {
      onError: (e) => {
        // a source's error names its row (sources.2.label): show it under that input
        const rows = e instanceof ApiError ? e.fields.filter((f) => /^sources\.\d+\.label$/.test(f.field)) : [];
        if (rows.length) form.setFields(rows.map((f) => ({ name: ['sources', Number(f.field.split('.')[1]), 'label'], errors: [f.message] })));
        else setError(applyFieldErrors(form, e, FIELDS));
      },
    });
  };
  const retired = settings.data?.sources.filter((x) => !x.active) ?? [];

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
            <Form.Item label={t('settings.sources')} extra={retired.length ? `${t('settings.sourcesHint')} ${t('settings.sourcesRetired', { names: retired.map((x) => x.label).join('、') })}` : t('settings.sourcesHint')} required>
              <Form.List name="sources" rules={[{ validator: async (_, v: unknown[]) => { if (!v?.length) throw new Error(t('settings.sourceRequired')); } }]}>
                {(fields, { add, remove }, { errors }) => (
                  <div data-testid="settings-sources">
                    {fields.map((field) => (
                      <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                        <Form.Item name={[field.name, 'label']} rules={[{ required: true, whitespace: true, message: t('settings.sourceRequired') }, { max: 20 }]} style={{ marginBottom: 8 }}>
                          <Input style={{ width: 240 }} maxLength={20} data-testid={`settings-source-${field.name}`} />
                        </Form.Item>
                        {fields.length > 1 && (
                          <Button type="link" onClick={() => remove(field.name)} data-testid={`settings-source-remove-${field.name}`}>
                            {t('settings.sourceRemove')}
                          </Button>
                        )}
                      </Space>
                    ))}
                    <Button type="dashed" onClick={() => add({ label: '' })} data-testid="settings-source-add">
                      {t('settings.sourceAdd')}
                    </Button>
                    <Form.ErrorList errors={errors} />
                  </div>
                )}
              </Form.List>
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
