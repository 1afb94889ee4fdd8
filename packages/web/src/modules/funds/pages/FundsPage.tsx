// 经费汇总: the year's allocations, spending and balance of the org's children (county → township →
// station → village), a tap drills down; at a unit, its lines with the balance, each opening its
// spending. The finance office's .xlsx from here.
import { Link } from 'react-router';
import { App as AntApp, Button, Card, Col, Grid, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Allocation, FundRollup } from '@lianxin/contract';
import { download } from '../../../app/api';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useAllocations, useRollup } from '../funds.api';
import { useFundsT } from '../funds.messages';
import { FundsNav, YearSelect, thisYear, yuan } from '../components/common';

type Row = FundRollup['rows'][number];

export function FundsPage() {
  const t = useFundsT();
  const { message } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['year', 'orgId'] as const);
  const year = toInt(values.year) ?? thisYear();
  const orgId = toInt(values.orgId);
  const q = useRollup(year, orgId);
  const r = q.data;
  const atUnit = !!r && r.rows.length === 0;
  const allocations = useAllocations(year, r?.org.id);
  usePageCrumb(r?.org.name);
  const drill = (row: Row) => `/funds?year=${year}&orgId=${row.org.id}`;
  const own = (allocations.data?.items ?? []).filter((a) => !r || a.org.id === r.org.id || atUnit);

  return (
    <div data-testid="funds-page">
      <PageHead
        title={r ? `${t('rollup.title')} · ${r.org.name}` : t('rollup.title')}
        record
        extra={
          <span style={{ display: 'flex', gap: 8 }}>
            <YearSelect value={year} onChange={(y) => update({ year: y })} />
            <Button icon={<DownloadOutlined />} data-testid="funds-export" onClick={() => download('/api/funds/export', { year }, `经费-${year}.xlsx`).catch((e: Error) => message.error(e.message))}>
              {t('rollup.export')}
            </Button>
          </span>
        }
      />
      <FundsNav />
      {q.error && <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {!r ? <Card><Skeleton active /></Card> : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('rollup.units')} value={r.total.units} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('rollup.allocated')} value={yuan(r.total.allocatedFen)} suffix="元" /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('rollup.spent')} value={yuan(r.total.spentFen)} suffix="元" /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('rollup.balance')} value={yuan(r.total.balanceFen)} suffix="元" data-testid="rollup-balance" /></Card></Col>
          </Row>
          {r.byLine.length > 0 && (
            <Card size="small" title={t('rollup.byLine')} style={{ marginBottom: 12 }}>
              {r.byLine.map((l) => (
                <div key={l.line} style={{ display: 'flex', justifyContent: 'space-between', padding: '4px 0' }}>
                  <span>{l.lineLabel}</span>
                  <span>{t('rollup.spentOf', { spent: yuan(l.spentFen), allocated: yuan(l.allocatedFen) })}</span>
                </div>
              ))}
            </Card>
          )}
          {!atUnit && (
            <Card size="small" title={t('rollup.children')} style={{ marginBottom: 12 }}>
              {phone ? (
                <SimpleList
                  items={r.rows}
                  rowKey={(x) => x.org.id}
                  testId="rollup-rows"
                  render={(x) => (
                    <Link to={drill(x)} style={{ display: 'block' }} data-testid="rollup-row">
                      <strong>{x.org.name}</strong>
                      <div><Typography.Text type="secondary">{t('rollup.spentOf', { spent: yuan(x.spentFen), allocated: yuan(x.allocatedFen) })} · {t('rollup.balance')} {yuan(x.balanceFen)}</Typography.Text></div>
                    </Link>
                  )}
                />
              ) : (
                <Table<Row>
                  rowKey={(x) => x.org.id}
                  dataSource={r.rows}
                  pagination={false}
                  size="small"
                  data-testid="rollup-rows"
                  onRow={() => ({ 'data-testid': 'rollup-row' }) as never}
                  columns={[
                    { title: t('col.org'), render: (_, x) => <Link to={drill(x)}>{x.org.name}</Link> },
                    { title: t('rollup.units'), dataIndex: 'units', align: 'right' },
                    { title: t('rollup.allocated'), render: (_, x) => yuan(x.allocatedFen), align: 'right' },
                    { title: t('rollup.spent'), render: (_, x) => yuan(x.spentFen), align: 'right' },
                    { title: t('rollup.balance'), render: (_, x) => yuan(x.balanceFen), align: 'right' },
                    { title: t('rollup.rate'), render: (_, x) => (x.allocatedFen ? `${Math.round((x.spentFen / x.allocatedFen) * 100)}%` : '—'), align: 'right' },
                  ]}
                />
              )}
            </Card>
          )}
          {(atUnit || own.length > 0) && (
            <Card size="small" title={atUnit ? t('rollup.lines') : t('rollup.ownLines')}>
              <SimpleList<Allocation>
                items={own}
                loading={allocations.isLoading}
                rowKey={(a) => a.id}
                testId="allocation-list"
                empty={t('rollup.noAllocations')}
                render={(a) => (
                  <Link to={`/funds/allocations/${a.id}`} style={{ display: 'block' }} data-testid="allocation-row">
                    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                      <strong>{atUnit && r.org.id !== a.org.id ? `${a.org.name} · ` : ''}{a.lineLabel}</strong>
                      {a.reason ? <Tag color="orange">{t('alloc.adjusted')}</Tag> : null}
                    </div>
                    <Typography.Text type="secondary">
                      {t('alloc.amount')} {yuan(a.amountFen)} · {t('rollup.spent')} {yuan(a.spentFen)} · {t('rollup.balance')} {yuan(a.balanceFen)} 元
                    </Typography.Text>
                  </Link>
                )}
              />
            </Card>
          )}
        </>
      )}
    </div>
  );
}
