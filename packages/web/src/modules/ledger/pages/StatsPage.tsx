// 台账统计: for a chosen node of the tree — itself and each org below it — problems, open, overdue,
// closed, closed on time, closure rate and average days to close, from the records. A name goes
// down a level; a number opens the problems behind it.
import { Link } from 'react-router';
import { Card, Col, Empty, Form, Grid, Row, Statistic, Table, Typography } from 'antd';
import { ORG_TYPE_LABELS, type LedgerStatsRow, type OrgType } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { useUrlState, toInt } from '../../../app/url-state';
import { usePageCrumb } from '../../../app/page-context';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useLedgerStats } from '../ledger.api';
import { useLedgerT } from '../ledger.messages';
import '../ledger.css';

const pct = (r: number) => `${Math.round(r * 1000) / 10}%`;

export function StatsPage() {
  const { label } = useI18n();
  const t = useLedgerT();
  const isMobile = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['orgId'] as const);
  const orgId = toInt(values.orgId);
  const stats = useLedgerStats(orgId);
  usePageCrumb(t('ledger.stats.title'));
  const node = stats.data?.node;
  const rows = stats.data ? [...stats.data.children] : [];

  /** A number that opens the matching problems of that org in the ledger list. */
  const drill = (org: LedgerStatsRow['org'], n: number, filter: string, red = false) =>
    n === 0 ? (
      <span className="lx-muted">0</span>
    ) : (
      <Link to={`/ledger?orgId=${org.id}${filter}`} className={red ? 'lx-red' : undefined}>
        {n}
      </Link>
    );

  return (
    <div data-testid="stats-page">
      <PageHead title={t('ledger.stats.title')} />
      <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form layout={isMobile ? 'vertical' : 'inline'}>
          <Form.Item label={t('ledger.stats.node')} style={{ minWidth: isMobile ? undefined : 360 }}>
            <OrgTreeSelect value={orgId} onChange={(v) => update({ orgId: v })} placeholder={node?.org.name} testId="stats-org" />
          </Form.Item>
        </Form>
      </Card>
      <ApiErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />
      {node && (
        <Card size="small" style={{ marginBottom: 12 }} title={node.org.name} data-testid="stats-node">
          <Row gutter={[12, 12]}>
            <Col xs={12} md={4}><Statistic title={t('ledger.stats.total')} value={node.total} /></Col>
            <Col xs={12} md={4}><Statistic title={t('ledger.stats.open')} value={node.open} /></Col>
            <Col xs={12} md={4}><Statistic title={t('ledger.stats.overdue')} value={node.overdue} styles={{ content: { color: node.overdue ? '#cf1322' : undefined } }} /></Col>
            <Col xs={12} md={4}><Statistic title={t('ledger.stats.closedOnTime')} value={node.closedOnTime} suffix={`/ ${node.closed}`} /></Col>
            <Col xs={12} md={4}><Statistic title={t('ledger.stats.rate')} value={pct(node.closureRate)} styles={{ content: { color: '#389e0d' } }} /></Col>
            <Col xs={12} md={4}><Statistic title={t('ledger.stats.avgDays')} value={node.avgDaysToClose ?? '—'} suffix={node.avgDaysToClose !== null ? t('ledger.stats.days', { n: '' }).trim() : undefined} /></Col>
          </Row>
        </Card>
      )}
      <Card size="small" title={t('ledger.stats.children')} extra={!isMobile && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('ledger.stats.drill')}</Typography.Text>}>
        {isMobile ? (
          <SimpleList<LedgerStatsRow>
            loading={stats.isFetching}
            items={rows}
            rowKey={(r) => r.org.id}
            testId="stats-list"
            empty={t('ledger.empty')}
            render={(r) => (
              <div className="lx-stat-card">
                <div className="lx-problem-card-foot">
                  <a onClick={() => update({ orgId: r.org.id })} className="lx-problem-card-title">{r.org.name}</a>
                  <span className="lx-muted" style={{ fontSize: 12 }}>{label(ORG_TYPE_LABELS[r.org.type as OrgType])}</span>
                </div>
                <div className="lx-stat-grid">
                  <span>{t('ledger.stats.total')} <b>{drill(r.org, r.total, '')}</b></span>
                  <span>{t('ledger.stats.open')} <b>{drill(r.org, r.open, '&open=1')}</b></span>
                  <span>{t('ledger.stats.overdue')} <b>{drill(r.org, r.overdue, '&overdue=1', true)}</b></span>
                  <span>{t('ledger.stats.rate')} <b>{r.total ? pct(r.closureRate) : '—'}</b></span>
                </div>
                {r.total > 0 && <div className="lx-bar" style={{ marginTop: 6 }}><span style={{ width: pct(r.closureRate) }} /></div>}
              </div>
            )}
          />
        ) : (
        <Table<LedgerStatsRow>
          rowKey={(r) => r.org.id}
          size="middle"
          loading={stats.isFetching}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="stats-table"
          locale={{ emptyText: <Empty description={t('ledger.empty')} /> }}
          columns={[
            {
              title: t('ledger.stats.org'),
              key: 'org',
              fixed: 'left',
              width: 170,
              render: (_: unknown, r) => (
                <div>
                  <a onClick={() => update({ orgId: r.org.id })} data-testid="stats-drill">{r.org.name}</a>
                  <div className="lx-muted" style={{ fontSize: 12 }}>{label(ORG_TYPE_LABELS[r.org.type as OrgType])}</div>
                </div>
              ),
            },
            { title: t('ledger.stats.total'), key: 'total', width: 90, align: 'right', sorter: (a, b) => a.total - b.total, render: (_: unknown, r) => drill(r.org, r.total, '') },
            { title: t('ledger.stats.open'), key: 'open', width: 90, align: 'right', sorter: (a, b) => a.open - b.open, render: (_: unknown, r) => drill(r.org, r.open, '&open=1') },
            { title: t('ledger.stats.overdue'), key: 'overdue', width: 80, align: 'right', sorter: (a, b) => a.overdue - b.overdue, render: (_: unknown, r) => drill(r.org, r.overdue, '&overdue=1', true) },
            { title: t('ledger.stats.closed'), key: 'closed', width: 90, align: 'right', sorter: (a, b) => a.closed - b.closed, render: (_: unknown, r) => r.closed },
            { title: t('ledger.stats.closedOnTime'), key: 'onTime', width: 90, align: 'right', render: (_: unknown, r) => r.closedOnTime },
            {
              title: t('ledger.stats.rate'),
              key: 'rate',
              width: 170,
              sorter: (a, b) => a.closureRate - b.closureRate,
              render: (_: unknown, r) =>
                r.total === 0 ? (
                  <span className="lx-muted">—</span>
                ) : (
                  <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                    <div className="lx-bar" style={{ flex: 1 }}><span style={{ width: pct(r.closureRate) }} /></div>
                    <span style={{ width: 48, textAlign: 'right' }}>{pct(r.closureRate)}</span>
                  </div>
                ),
            },
            { title: t('ledger.stats.avgDays'), key: 'avg', width: 110, align: 'right', render: (_: unknown, r) => (r.avgDaysToClose === null ? '—' : t('ledger.stats.days', { n: r.avgDaysToClose })) },
          ]}
        />
        )}
      </Card>
    </div>
  );
}
