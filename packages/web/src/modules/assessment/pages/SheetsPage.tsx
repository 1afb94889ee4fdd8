// 考核评分: the score sheets of the scope — all, or the review queue (待审核) — and, for a scoring
// township, a new sheet for a unit below it and a month. Cards, so a phone reads them too.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Form, Input, Segmented, Select, Space, Tag } from 'antd';
import type { SheetState } from '@lianxin/contract';
import { useAccount, useCan } from '../../../app/auth';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useOpenSheet, useSchemes, useSheets } from '../assessment.api';
import { useAssessmentT } from '../assessment.messages';

const STATUS_COLOR: Record<SheetState, string> = { draft: 'blue', submitted: 'orange', passed: 'cyan', published: 'green', appealed: 'red', locked: 'default' };
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

export function SheetsPage() {
  const t = useAssessmentT();
  const can = useCan();
  const me = useAccount();
  const navigate = useNavigate();
  usePageCrumb(t('sheets.title'));
  const [tab, setTab] = useState<'all' | 'review'>(me.roles.includes('county_admin') ? 'review' : 'all');
  const sheets = useSheets({ status: tab === 'review' ? 'submitted' : undefined, pageSize: 100 });
  // every published scheme to choose from (a county publishes a few a year)
  const schemes = useSchemes({ status: 'published', pageSize: 200 });
  const open = useOpenSheet();
  const [form] = Form.useForm<{ schemeId: number; orgId: number; period: string }>();
  const scorer = can('assessment:score') && me.roles.includes('township_admin');
  const published = schemes.data?.items ?? [];

  return (
    <div data-testid="assessment-sheets">
      <PageHead
        title={t('sheets.title')}
        extra={
          <Space>
            <Link to="/assessment/schemes">{t('sheets.schemes')}</Link>
            <Link to="/assessment/results">{t('sheets.results')}</Link>
            <Link to="/assessment/subsidies">绩效补贴</Link>
          </Space>
        }
      />
      {scorer && (
        <Card size="small" title={t('sheets.new')} style={{ marginBottom: 12 }}>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ period: thisMonth() }}
            onFinish={(v) => open.mutate(v, { onSuccess: (s) => navigate(`/assessment/sheets/${s.id}`) })}
          >
            <Form.Item name="schemeId" label={t('sheets.scheme')} rules={[{ required: true }]}>
              <Select data-testid="sheet-scheme" options={published.map((s) => ({ value: s.id, label: `${s.name}（${t('schemes.edition', { n: s.edition ?? 0 })}）` }))} />
            </Form.Item>
            <Form.Item name="orgId" label={t('sheets.unit')} rules={[{ required: true }]}>
              <OrgTreeSelect selectable={['village', 'community']} testId="sheet-unit" />
            </Form.Item>
            <Form.Item name="period" label={t('sheets.period')} rules={[{ required: true, pattern: /^\d{4}-\d{2}$/ }]}>
              <Input type="month" data-testid="sheet-period" />
            </Form.Item>
            {open.error && <ApiErrorAlert error={open.error} />}
            <Button type="primary" htmlType="submit" loading={open.isPending} data-testid="sheet-open">{t('sheets.open')}</Button>
          </Form>
        </Card>
      )}
      <Segmented
        value={tab}
        onChange={(v) => setTab(v as 'all' | 'review')}
        options={[{ value: 'all', label: t('sheets.all') }, { value: 'review', label: t('sheets.review') }]}
        style={{ marginBottom: 12 }}
        data-testid="sheets-tab"
      />
      {sheets.error && <ApiErrorAlert error={sheets.error} onRetry={() => void sheets.refetch()} />}
      <SimpleList
        testId="sheet-list"
        loading={sheets.isPending}
        items={sheets.data?.items ?? []}
        rowKey={(s) => s.id}
        empty={t('sheets.empty')}
        render={(s) => (
          <Link to={`/assessment/sheets/${s.id}`} className="lx-list-row" style={{ display: 'block', padding: '8px 0' }}>
            <Space wrap>
              <strong>{s.org.name}</strong>
              <span>{s.period}</span>
              <Tag color={STATUS_COLOR[s.status]}>{s.statusLabel}</Tag>
              {s.revision > 1 && <Tag>{t('sheet.revision', { n: s.revision })}</Tag>}
              {s.vetoed && <Tag color="red">{t('sheet.veto')}</Tag>}
              <span>{t('sheet.total', { total: s.total, max: s.max })}</span>
            </Space>
            <div className="lx-muted" style={{ fontSize: 12 }}>{s.scheme.name}</div>
          </Link>
        )}
      />
    </div>
  );
}
