// 编制三务公开 (phone first): which unit, which kind and period, the items; saved as a draft, then the
// board photo is added and it is published on the disclosure's own page.
import { useNavigate } from 'react-router';
import { App, Button, Card, DatePicker, Form, Segmented } from 'antd';
import dayjs from 'dayjs';
import { DISCLOSURE_KINDS, DISCLOSURE_KIND_LABELS, type DisclosureKind } from '@lianxin/contract';
import { useAccount } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { ApiError, api } from '../../../app/api';
import { useComposeDisclosure, useOpennessSettings } from '../openness.api';
import { useOpennessT } from '../openness.messages';
import { ItemsEditor, showItemErrors, toItems, type ItemValues } from '../components/ItemsEditor';

const quarterOf = (d: dayjs.Dayjs) => `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`;
const fromPeriod = (p: string) => {
  const q = /^(\d{4})-Q([1-4])$/.exec(p);
  return q ? dayjs(`${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}-01`) : dayjs(`${p}-01`);
};

export function ComposePage() {
  const t = useOpennessT();
  const { lang } = useI18n();
  const me = useAccount();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { values, update } = useUrlState(['orgId', 'kind', 'period'] as const);
  const settings = useOpennessSettings();
  const compose = useComposeDisclosure();
  const [form] = Form.useForm<{ items: ItemValues[] }>();
  usePageCrumb(t('compose.title'));
  const kind = (DISCLOSURE_KINDS as readonly string[]).includes(values.kind ?? '') ? (values.kind as DisclosureKind) : 'party';
  const quarterly = settings.data?.cadence[kind] === 'quarter';
  const now = dayjs();
  const period = values.period ?? (quarterly ? quarterOf(now) : now.format('YYYY-MM'));
  const orgId = toInt(values.orgId) ?? me.scopeOrg.id;
  if (settings.error) return <ApiErrorAlert error={settings.error} />;

  const submit = async (v: { items: ItemValues[] }) => {
    try {
      const d = await compose.mutateAsync({ orgId, kind, period, items: toItems(v.items, kind === 'finance') });
      message.success(t('compose.saved'));
      navigate(`/openness/disclosures/${d.id}`);
    } catch (e) {
      const existing = e instanceof ApiError && e.status === 409 ? (await api.get('/api/openness/disclosures', { orgId, kind, period })).items[0]?.id : undefined;
      if (existing) {
        message.info(t('compose.exists'));
        navigate(`/openness/disclosures/${existing}`);
        return;
      }
      const other = showItemErrors(form, e);
      if (other) message.error(other);
    }
  };

  return (
    <div className="lx-narrow" data-testid="compose-page">
      <PageHead title={t('compose.title')} record />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Segmented
          block
          options={DISCLOSURE_KINDS.map((k) => ({ value: k, label: DISCLOSURE_KIND_LABELS[k][lang] }))}
          value={kind}
          onChange={(k) => update({ kind: String(k), period: undefined }, { replace: true })}
          data-testid="compose-kind"
        />
        <div style={{ marginTop: 12 }}>
          <DatePicker
            picker={quarterly ? 'quarter' : 'month'}
            allowClear={false}
            style={{ width: '100%' }}
            value={fromPeriod(period)}
            onChange={(d) => d && update({ period: quarterly ? quarterOf(d) : d.format('YYYY-MM') }, { replace: true })}
            data-testid="compose-period"
          />
        </div>
      </Card>
      <Form form={form} layout="vertical" initialValues={{ items: [{ title: '', content: '', amount: '' }] }} onFinish={submit}>
        <ItemsEditor finance={kind === 'finance'} />
        <Button type="primary" htmlType="submit" block size="large" loading={compose.isPending} style={{ marginTop: 12 }} data-testid="compose-save">{t('compose.save')}</Button>
      </Form>
    </div>
  );
}
