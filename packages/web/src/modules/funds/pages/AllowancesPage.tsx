// 村干部报酬: each post-holder's year computed from the posts (days in post, 一肩挑 at its own rate,
// two posts at once at the higher one) on the county's allowance standards; the .xlsx for the
// finance office (names, posts, days and amounts only).
import { App as AntApp, Button, Card, Grid, Pagination, Skeleton, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { AllowanceRow } from '@lianxin/contract';
import { download } from '../../../app/api';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { REPORT_PAGE_SIZE, useAllowances } from '../funds.api';
import { useFundsT } from '../funds.messages';
import { FundsNav, YearSelect, thisYear, yuan } from '../components/common';

export function AllowancesPage() {
  const t = useFundsT();
  const { message } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['year', 'page'] as const);
  const year = toInt(values.year) ?? thisYear();
  const page = toInt(values.page) ?? 1;
  const q = useAllowances(year, page);
  const toPage = (p: number) => update({ page: p === 1 ? undefined : p }, { resetPage: false });
  const a = q.data;
  const posts = (r: AllowanceRow) => r.posts.map((p) => p.postLabel).join('、');

  return (
    <div data-testid="allowances-page">
      <PageHead
        title={t('allow.title')}
        extra={
          <span style={{ display: 'flex', gap: 8 }}>
            <YearSelect value={year} onChange={(y) => update({ year: y })} />
            <Button type="primary" icon={<DownloadOutlined />} data-testid="allowances-export" onClick={() => download('/api/funds/allowances/export', { year }, `村干部报酬-${year}.xlsx`).catch((e: Error) => message.error(e.message))}>
              {t('allow.export')}
            </Button>
          </span>
        }
      />
      <FundsNav />
      {q.error && <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {!a ? <Card><Skeleton active /></Card> : (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Typography.Text>{t('allow.summary', { people: a.total, total: yuan(a.totalFen) })}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>{t('allow.rule', { days: a.daysInYear })}</Typography.Paragraph>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 6 }} data-testid="allow-standards">
              {a.standards.map((s) => <Tag key={`${s.unitType}-${s.post}`}>{s.unitType === 'village' ? '村' : '社区'}{s.postLabel} {yuan(s.annualFen)}</Tag>)}
            </div>
          </Card>
          <Card size="small">
            {phone ? (
              <>
              <SimpleList<AllowanceRow>
                items={a.items}
                rowKey={(r) => r.id}
                testId="allowance-rows"
                render={(r) => (
                  <div data-testid="allowance-row">
                    <div style={{ display: 'flex', justifyContent: 'space-between' }}><strong>{r.person.name}</strong><strong>{yuan(r.amountFen)} 元</strong></div>
                    <Typography.Text type="secondary">{r.org.name} · {posts(r)} · {t('allow.days', { n: r.days })}</Typography.Text>
                  </div>
                )}
              />
              {a.total > a.pageSize && <Pagination simple current={a.page} pageSize={a.pageSize} total={a.total} style={{ marginTop: 12, textAlign: 'center' }} onChange={toPage} />}
              </>
            ) : (
              <Table<AllowanceRow>
                rowKey={(r) => r.id}
                dataSource={a.items}
                size="small"
                pagination={{ current: a.page, pageSize: a.pageSize, total: a.total, onChange: toPage, showSizeChanger: false }}
                data-testid="allowance-rows"
                onRow={() => ({ 'data-testid': 'allowance-row' }) as never}
                columns={[
                  { title: t('col.org'), render: (_, r) => r.org.name },
                  { title: t('col.name'), render: (_, r) => r.person.name },
                  { title: t('col.post'), render: (_, r) => posts(r) },
                  { title: t('col.term'), render: (_, r) => r.posts.map((p) => `${p.startDate} — ${p.endDate ?? t('allow.now')}`).join('；') },
                  { title: t('col.days'), dataIndex: 'days', align: 'right' },
                  { title: t('col.concurrentDays'), render: (_, r) => r.concurrentDays || '', align: 'right' },
                  { title: t('col.amount'), render: (_, r) => yuan(r.amountFen), align: 'right' },
                ]}
              />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
