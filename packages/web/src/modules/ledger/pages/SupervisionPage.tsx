// 我的督办: what is due for supervision (督办) now, what is overdue, and what was escalated to this
// level — one tap records a supervision, which moves the next due date on by the county's cadence.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Badge, Button, Card, Grid, Pagination, Space, Table, Tabs, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import type { ProblemSummary } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { useUrlState } from '../../../app/url-state';
import { usePageCrumb } from '../../../app/page-context';
import { useLedgerSettings, useProblems, useSupervise } from '../ledger.api';
import { useLedgerT } from '../ledger.messages';
import { Countdown, ProblemStatusTag, SupervisionDue } from '../components/tags';
import { SuperviseModal } from '../components/StepModal';
import '../ledger.css';

type Tab = 'due' | 'overdue' | 'escalated';
const QUERY: Record<Tab, { supervisionDue?: boolean; overdue?: boolean; escalated?: boolean; open: boolean }> = {
  due: { supervisionDue: true, open: true },
  overdue: { overdue: true, open: true },
  escalated: { escalated: true, open: true },
};

export function SupervisionPage() {
  const { t: common } = useI18n();
  const t = useLedgerT();
  const navigate = useNavigate();
  const isMobile = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['tab', 'page'] as const);
  const tab: Tab = values.tab === 'overdue' || values.tab === 'escalated' ? values.tab : 'due';
  const page = values.page && /^\d+$/.test(values.page) ? Number(values.page) : 1;
  const settings = useLedgerSettings();
  const due = useProblems({ ...QUERY.due, page: tab === 'due' ? page : 1, pageSize: 20 });
  const overdue = useProblems({ ...QUERY.overdue, page: tab === 'overdue' ? page : 1, pageSize: 20 });
  const escalated = useProblems({ ...QUERY.escalated, page: tab === 'escalated' ? page : 1, pageSize: 20 });
  const current = { due, overdue, escalated }[tab];
  const supervise = useSupervise();
  const [supervising, setSupervising] = useState<ProblemSummary>();
  usePageCrumb(t('ledger.sup.title'));

  const button = (p: ProblemSummary) =>
    p.canSupervise ? (
      <Button
        type="primary"
        size={isMobile ? 'middle' : 'small'}
        icon={<BellOutlined />}
        onClick={(e) => {
          e.stopPropagation();
          setSupervising(p);
        }}
        data-testid="row-supervise"
      >
        {t('ledger.superviseNow')}
      </Button>
    ) : (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('ledger.sup.cannot')}</Typography.Text>
    );

  const label = (key: 'ledger.sup.due' | 'ledger.sup.overdue' | 'ledger.sup.escalated', n: number | undefined, color: string) => (
    <span>
      {t(key)} <Badge count={n ?? 0} color={color} showZero overflowCount={999} />
    </span>
  );

  const items = current.data?.items ?? [];
  return (
    <div data-testid="supervision-page">
      <PageHead title={t('ledger.sup.title')} extra={<Link to="/ledger"><Button>{t('ledger.title')}</Button></Link>} />
      <Alert type="info" showIcon title={t('ledger.sup.intro', { n: settings.data?.supervisionDays ?? 15 })} style={{ marginBottom: 12 }} />
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'due' ? undefined : k, page: undefined })}
          items={[
            { key: 'due', label: label('ledger.sup.due', due.data?.total, '#fa8c16') },
            { key: 'overdue', label: label('ledger.sup.overdue', overdue.data?.total, '#cf1322') },
            { key: 'escalated', label: label('ledger.sup.escalated', escalated.data?.total, '#722ed1') },
          ]}
        />
        <ApiErrorAlert error={current.error} onRetry={() => void current.refetch()} />
        {isMobile ? (
          <SimpleList<ProblemSummary>
            loading={current.isFetching}
            items={items}
            rowKey={(p) => p.id}
            testId="supervision-list"
            empty={t('ledger.sup.none')}
            render={(p) => (
              <Card size="small" className={`lx-problem-card${p.overdue ? ' overdue' : ''}`} onClick={() => navigate(`/ledger/${p.id}`)} data-testid="supervision-row">
                <div className="lx-problem-card-head">
                  <ProblemStatusTag status={p.status} />
                  <Countdown daysLeft={p.daysLeft} compact />
                </div>
                <div className="lx-problem-card-title">{p.title}</div>
                <div className="lx-problem-card-line">{p.org.name}</div>
                <div className="lx-problem-card-line lx-problem-card-foot">
                  <span>
                    {t('ledger.nextSupervision')} <SupervisionDue p={p} />
                  </span>
                  {button(p)}
                </div>
              </Card>
            )}
          />
        ) : (
          <Table<ProblemSummary>
            rowKey="id"
            size="middle"
            loading={current.isFetching}
            dataSource={items}
            pagination={false}
            data-testid="supervision-table"
            locale={{ emptyText: t('ledger.sup.none') }}
            rowClassName={(p) => (p.overdue ? 'lx-row-overdue' : '')}
            columns={[
              { title: t('ledger.description'), key: 'title', render: (_: unknown, p) => <Link to={`/ledger/${p.id}`}>{p.title}</Link> },
              { title: t('ledger.org'), key: 'org', width: 140, render: (_: unknown, p) => p.org.name },
              { title: t('ledger.status'), key: 'status', width: 90, render: (_: unknown, p) => <ProblemStatusTag status={p.status} /> },
              {
                title: t('ledger.deadline'),
                key: 'deadline',
                width: 170,
                render: (_: unknown, p) => (
                  <Space size={4} wrap>
                    <span className={p.overdue ? 'lx-red' : undefined}>{p.deadline}</span>
                    <Countdown daysLeft={p.daysLeft} compact />
                  </Space>
                ),
              },
              { title: t('ledger.nextSupervision'), key: 'sup', width: 120, render: (_: unknown, p) => <SupervisionDue p={p} /> },
              { title: common('common.actions'), key: 'a', width: 150, render: (_: unknown, p) => button(p) },
            ]}
          />
        )}
        {(current.data?.total ?? 0) > 20 && (
          <Pagination
            style={{ marginTop: 12, textAlign: 'center' }}
            simple={isMobile}
            current={page}
            pageSize={20}
            total={current.data?.total ?? 0}
            onChange={(n) => update({ page: n === 1 ? undefined : n })}
          />
        )}
      </Card>
      {supervising && (
        <SuperviseModal problemId={supervising.id} title={supervising.title} onClose={() => setSupervising(undefined)} submit={(v) => supervise.mutateAsync(v)} />
      )}
    </div>
  );
}
