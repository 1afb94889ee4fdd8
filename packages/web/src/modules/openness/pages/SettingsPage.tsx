// The county's openness settings (县委组织部): the disclosure day, which units disclose, each kind's
// cadence (month or quarter), and the register set — name, group, the record source, the columns.
import { useEffect } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Radio, Select, Skeleton, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DISCLOSURE_KINDS, DISCLOSURE_KIND_LABELS, ORG_TYPE_LABELS, type OrgType, type RegisterBook, type SaveOpennessSettingsBody } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useOpennessSettings, useSaveOpennessSettings } from '../openness.api';
import { useOpennessT } from '../openness.messages';
import { OpennessNav } from '../components/OpennessNav';

type BookForm = Omit<RegisterBook, 'columns'> & { columns: string };
type Values = Omit<SaveOpennessSettingsBody, 'books'> & { books: BookForm[] };
const UNIT_TYPES: OrgType[] = ['village', 'community', 'township', 'station', 'department', 'agency'];

export function SettingsPage() {
  const t = useOpennessT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const q = useOpennessSettings();
  const save = useSaveOpennessSettings();
  const [form] = Form.useForm<Values>();
  usePageCrumb(t('settings.title'));
  const s = q.data;
  useEffect(() => {
    if (s) form.setFieldsValue({ ...s, books: s.books.map((b) => ({ ...b, columns: b.columns.map((c) => c.label).join('、') })) });
  }, [s, form]);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!s) return <Card><Skeleton active /></Card>;

  const submit = async (v: Values) => {
    const books = v.books.map((b, i) => {
      const source = s.sources.find((x) => x.code === b.source);
      const labels = b.columns.split(/[、,，\s]+/).map((x) => x.trim()).filter(Boolean);
      // a sourced book picks its columns among the source's by label; a hand-kept book names its own
      const columns = source && source.columns.length
        ? labels.map((l) => source.columns.find((c) => c.label === l) ?? { key: `x${i}`, label: l })
        : labels.map((l, j) => ({ key: `c${j + 1}`, label: l }));
      return { code: b.code || `book${i + 1}`, name: b.name, group: b.group, source: b.source, columns };
    });
    try {
      await save.mutateAsync({ disclosureDay: v.disclosureDay, unitTypes: v.unitTypes, cadence: v.cadence, books });
      message.success(t('settings.saved'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div data-testid="openness-settings">
      <PageHead title={t('settings.title')} />
      <OpennessNav />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Card size="small" title={t('settings.disclosure')} style={{ marginBottom: 12 }}>
          <Form.Item name="disclosureDay" label={t('settings.day')} extra={t('settings.dayHint')} rules={[{ required: true }]}>
            <InputNumber min={1} max={28} addonAfter="日" data-testid="disclosure-day" />
          </Form.Item>
          <Form.Item name="unitTypes" label={t('settings.unitTypes')} rules={[{ required: true }]}>
            <Select mode="multiple" options={UNIT_TYPES.map((u) => ({ value: u, label: ORG_TYPE_LABELS[u][lang] }))} />
          </Form.Item>
          {DISCLOSURE_KINDS.map((k) => (
            <Form.Item key={k} name={['cadence', k]} label={DISCLOSURE_KIND_LABELS[k][lang]}>
              <Radio.Group options={[{ value: 'month', label: t('settings.month') }, { value: 'quarter', label: t('settings.quarter') }]} />
            </Form.Item>
          ))}
        </Card>
        <Card size="small" title={t('settings.books')} style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary">{t('settings.booksHint')}</Typography.Paragraph>
          <Form.List name="books">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="start" style={{ display: 'flex', borderBottom: '1px solid #f0f0f0', paddingTop: 8 }}>
                    <Form.Item name={[f.name, 'code']} hidden><Input /></Form.Item>
                    <Form.Item name={[f.name, 'name']} label={t('settings.bookName')} rules={[{ required: true }]}><Input style={{ width: 160 }} maxLength={30} /></Form.Item>
                    <Form.Item name={[f.name, 'group']} label={t('settings.group')}><Select style={{ width: 90 }} options={[{ value: 'book', label: '簿' }, { value: 'account', label: '账' }, { value: 'manual', label: '手册' }]} /></Form.Item>
                    <Form.Item name={[f.name, 'source']} label={t('settings.source')}><Select style={{ width: 220 }} options={s.sources.map((x) => ({ value: x.code, label: x.label }))} /></Form.Item>
                    <Form.Item name={[f.name, 'columns']} label={t('settings.columns')} style={{ minWidth: 300 }}><Input /></Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} style={{ marginTop: 30 }} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => add({ code: '', name: '', group: 'book', source: 'manual', columns: '日期、事项、经办人' })}>{t('settings.addBook')}</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-settings">{t('settings.save')}</Button>
      </Form>
    </div>
  );
}
