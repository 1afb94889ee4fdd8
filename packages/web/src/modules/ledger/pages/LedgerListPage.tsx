// 问题台账: the problems of the scope — counts by status at the top, filters in the URL (status,
// source, category, overdue, supervision due, subtree, text), pages, countdowns, export of the
// filtered list, bulletin import and registration for the roles that may register. Phone: cards.
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Badge, Button, Card, Checkbox, Col, Drawer, Empty, Form, Grid, Input, Pagination, Row, Select, Space, Table, Tag, Typography } from 'antd';
import {
  BarChartOutlined,
  BellOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  FilterOutlined,
  GlobalOutlined,
  PlusOutlined,
  ReloadOutlined,
  SearchOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { PROBLEM_STATE_LABELS, PROBLEM_STATES, type ProblemState, type ProblemSummary } from '@lianxin/contract';
import { download } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { useUrlState } from '../../../app/url-state';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { LEDGER_FILTER_KEYS, ledgerQuery, sourceLabel, useLedgerSettings, useProblemCounts, useProblems, useSourceOptions, useSupervise, type LedgerUrl } from '../ledger.api';
import { useLedgerT } from '../ledger.messages';
import { Countdown, ProblemStatusTag, SupervisionDue } from '../components/tags';
import { SuperviseModal } from '../components/StepModal';
import { BulletinImportModal } from '../components/BulletinImportModal';
import { usePublicCountyId } from '../components/county';
import '../ledger.css';

type FilterValues = { q?: string; orgId?: number; status?: string; source?: string; category?: string; flags?: string[] };
const FLAGS = ['overdue', 'supervisionDue', 'open', 'escalated'] as const;

function toForm(v: LedgerUrl): FilterValues {
  return {
    q: v.q,
    orgId: v.orgId && /^\d+$/.test(v.orgId) ? Number(v.orgId) : undefined,
    status: v.status,
    source: v.source,
    category: v.category,
    flags: FLAGS.filter((f) => v[f] === '1'),
  };
}

function fromForm(f: FilterValues) {
  const flags = new Set(f.flags ?? []);
  return {
    q: f.q?.trim() || undefined,
    orgId: f.orgId,
    status: f.status,
    source: f.source,
    category: f.category,
    ...Object.fromEntries(FLAGS.map((k) => [k, flags.has(k) ? '1' : undefined])),
  };
}

function FilterFields({ isMobile }: { isMobile: boolean }) {
  const { label, t: common } = useI18n();
  const sourceOptions = useSourceOptions(true);
  const t = useLedgerT();
  const settings = useLedgerSettings();
  const col = (node: React.ReactNode, key: string) => (
    <Col key={key} xs={24} sm={12} lg={8} xl={6} span={isMobile ? 24 : undefined}>
      {node}
    </Col>
  );
  return (
    <Row gutter={[16, 0]}>
      {col(
        <Form.Item name="q" label={t('ledger.q')}>
          <Input allowClear placeholder={t('ledger.qPlaceholder')} data-testid="ledger-filter-q" />
        </Form.Item>,
        'q',
      )}
      {col(
        <Form.Item name="orgId" label={t('ledger.org')}>
          <OrgTreeSelect placeholder={t('ledger.orgPlaceholder')} testId="ledger-filter-org" />
        </Form.Item>,
        'org',
      )}
      {col(
        <Form.Item name="status" label={t('ledger.status')}>
          <Select allowClear placeholder={common('common.all')} data-testid="ledger-filter-status" options={PROBLEM_STATES.map((s) => ({ value: s, label: label(PROBLEM_STATE_LABELS[s]) }))} />
        </Form.Item>,
        'status',
      )}
      {col(
        <Form.Item name="source" label={t('ledger.source')}>
          <Select allowClear placeholder={common('common.all')} data-testid="ledger-filter-source" options={sourceOptions} />
        </Form.Item>,
        'source',
      )}
      {col(
        <Form.Item name="category" label={t('ledger.category')}>
          <Select allowClear placeholder={common('common.all')} loading={settings.isPending} data-testid="ledger-filter-category" options={(settings.data?.categories ?? []).map((c) => ({ value: c, label: c }))} />
        </Form.Item>,
        'category',
      )}
      <Col xs={24} lg={16} xl={18} span={isMobile ? 24 : undefined}>
        <Form.Item name="flags" label={t('ledger.flags')}>
          <Checkbox.Group
            data-testid="ledger-filter-flags"
            options={FLAGS.map((f) => ({ value: f, label: t(`ledger.flag.${f}`) }))}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Counts by status (and overdue, supervision due): each is a one-tap filter. */
function CountsBar({ values, update }: { values: LedgerUrl; update: (p: Partial<LedgerUrl>) => void }) {
  const { label } = useI18n();
  const t = useLedgerT();
  const counts = useProblemCounts(ledgerQuery(values));
  const c = counts.data;
  const chip = (key: string, text: string, n: number | undefined, active: boolean, onClick: () => void, tone?: 'red' | 'orange', color?: string) => (
    <button type="button" key={key} className={`lx-count${active ? ' active' : ''}${tone ? ` ${tone}` : ''}`} onClick={onClick} data-testid={`ledger-count-${key}`}>
      <span className="lx-count-n">{n ?? '–'}</span>
      <span className="lx-count-label">
        {color && <Badge color={color} />}
        {text}
      </span>
    </button>
  );
  const noStatus = !values.status;
  return (
    <div className="lx-counts" data-testid="ledger-counts">
      {chip('all', t('ledger.count.all'), c?.total, noStatus && values.open !== '1', () => update({ status: undefined, open: undefined }))}
      {chip('open', t('ledger.count.open'), c?.open, noStatus && values.open === '1', () => update({ status: undefined, open: values.open === '1' ? undefined : '1' }))}
      {PROBLEM_STATES.map((s: ProblemState) =>
        chip(s, label(PROBLEM_STATE_LABELS[s]), c?.byStatus[s], values.status === s, () => update({ status: values.status === s ? undefined : s, open: undefined }), undefined, STATE_DOT[s]),
      )}
      {chip('overdue', t('ledger.count.overdue'), c?.overdue, values.overdue === '1', () => update({ overdue: values.overdue === '1' ? undefined : '1' }), 'red')}
      {chip('supervisionDue', t('ledger.count.supervisionDue'), c?.supervisionDue, values.supervisionDue === '1', () => update({ supervisionDue: values.supervisionDue === '1' ? undefined : '1' }), 'orange')}
    </div>
  );
}

const STATE_DOT: Record<ProblemState, string> = { registered: '#1677ff', rectifying: '#fa8c16', submitted: '#faad14', accepted: '#13c2c2', closed: '#52c41a', published: '#722ed1' };

export function LedgerListPage() {
  const { t: common, label } = useI18n();
  const t = useLedgerT();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const isMobile = Grid.useBreakpoint().md === false;
  const { values, update, clear } = useUrlState(LEDGER_FILTER_KEYS);
  const query = ledgerQuery(values);
  const problems = useProblems(query);
  const supervise = useSupervise();
  const countyId = usePublicCountyId();
  const [form] = Form.useForm<FilterValues>();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [supervising, setSupervising] = useState<ProblemSummary>();

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toForm(values));
  }, [values, form]);

  const apply = (f: FilterValues) => {
    update(fromForm(f));
    setFiltersOpen(false);
  };
  const active = Object.values(fromForm(toForm(values))).filter((v) => v !== undefined).length;

  const onExport = async () => {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, ...filters } = query;
      await download('/api/ledger/problems/export', filters, `${t('ledger.title')}.xlsx`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const size = isMobile ? ('small' as const) : ('middle' as const);
  const toolbar = (
    <Space wrap size={isMobile ? 6 : 8}>
      {can('ledger:register') && (
        <Link to="/ledger/new">
          <Button type="primary" icon={<PlusOutlined />} size={size} data-testid="ledger-register">{t('ledger.register')}</Button>
        </Link>
      )}
      {can('ledger:register') && (
        <Button icon={<CloudUploadOutlined />} size={size} onClick={() => setImporting(true)} data-testid="ledger-import">{t('ledger.import')}</Button>
      )}
      <Button icon={<DownloadOutlined />} size={size} onClick={onExport} loading={exporting} data-testid="ledger-export">
        {exporting ? t('ledger.exporting') : t('ledger.export')}
      </Button>
      <Link to="/ledger/supervision">
        <Button icon={<BellOutlined />} size={size}>{t('ledger.supervision')}</Button>
      </Link>
      {can('ledger:configure') && (
        <Link to="/ledger/settings">
          <Button icon={<SettingOutlined />} size={size} data-testid="ledger-settings-open">{t('settings.open')}</Button>
        </Link>
      )}
      <Link to="/ledger/stats">
        <Button icon={<BarChartOutlined />} size={size}>{t('ledger.stats')}</Button>
      </Link>
      {countyId !== undefined && !isMobile && (
        <a href={`/public/closures/${countyId}`} target="_blank" rel="noreferrer">
          <Button icon={<GlobalOutlined />} size={size} type="text">{t('ledger.public')}</Button>
        </a>
      )}
    </Space>
  );

  const data = problems.data;
  const pagination = {
    current: data?.page ?? query.page ?? 1,
    pageSize: data?.pageSize ?? query.pageSize ?? 20,
    total: data?.total ?? 0,
    showTotal: isMobile ? undefined : (n: number) => common('common.total', { n }),
    showSizeChanger: !isMobile,
    pageSizeOptions: [10, 20, 50, 100],
  };
  // In the list only where supervision has come due; any time on the detail page.
  const superviseButton = (p: ProblemSummary) =>
    p.canSupervise && p.supervisionOverdue ? (
      <Button
        size="small"
        type="primary"
        ghost
        icon={<BellOutlined />}
        onClick={(e) => {
          e.stopPropagation();
          setSupervising(p);
        }}
        data-testid="row-supervise"
      >
        {t('ledger.superviseNow')}
      </Button>
    ) : null;

  return (
    <div data-testid="ledger-page">
      <PageHead title={t('ledger.title')} extra={!isMobile && toolbar} />
      <CountsBar values={values} update={update} />
      {isMobile ? (
        <>
          <div className="lx-mobile-search">
            <Input.Search
              allowClear
              placeholder={t('ledger.qPlaceholder')}
              defaultValue={values.q}
              key={values.q ?? ''}
              onSearch={(q) => update({ q: q.trim() || undefined })}
              data-testid="ledger-q-mobile"
            />
            <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(true)} data-testid="ledger-filters-open">
              {common('common.filters')}
              {active > 0 && <Tag color="red" style={{ marginInlineStart: 4, marginInlineEnd: 0 }}>{active}</Tag>}
            </Button>
          </div>
          <div style={{ marginBottom: 10 }}>{toolbar}</div>
          <Drawer
            open={filtersOpen}
            onClose={() => setFiltersOpen(false)}
            placement="bottom"
            size="85%"
            title={common('common.filters')}
            footer={
              <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
                <Button onClick={() => { clear(); setFiltersOpen(false); }}>{common('common.reset')}</Button>
                <Button type="primary" onClick={() => form.submit()} data-testid="ledger-filters-apply">{common('common.search')}</Button>
              </Space>
            }
          >
            <Form form={form} layout="vertical" onFinish={apply}>
              <FilterFields isMobile />
            </Form>
          </Drawer>
        </>
      ) : (
        <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { paddingBottom: 0 } }}>
          <Form form={form} layout="vertical" onFinish={apply} data-testid="ledger-filters">
            <FilterFields isMobile={false} />
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="ledger-filters-apply">{common('common.search')}</Button>
                <Button icon={<ReloadOutlined />} onClick={clear}>{common('common.reset')}</Button>
              </Space>
            </Form.Item>
          </Form>
        </Card>
      )}
      <ApiErrorAlert error={problems.error} onRetry={() => void problems.refetch()} />
      {isMobile ? (
        <>
          <SimpleList<ProblemSummary>
            loading={problems.isFetching}
            items={data?.items ?? []}
            rowKey={(p) => p.id}
            testId="ledger-list"
            empty={t('ledger.empty')}
            render={(p) => (
              <Card size="small" className={`lx-problem-card${p.overdue ? ' overdue' : ''}`} onClick={() => navigate(`/ledger/${p.id}`)} data-testid="problem-row">
                <div className="lx-problem-card-head">
                  <ProblemStatusTag status={p.status} />
                  <Countdown daysLeft={p.daysLeft} compact />
                </div>
                <div className="lx-problem-card-title">{p.title}</div>
                <div className="lx-problem-card-line">
                  {t('ledger.phoneMeta', { org: p.org.name, source: sourceLabel(p.source, p.sourceLabel, label) })}
                </div>
                <div className="lx-problem-card-line lx-problem-card-foot">
                  <span>
                    {t('ledger.deadline')} {p.deadline ?? '—'}
                    {p.supervisionOverdue && <Tag color="red" style={{ marginInlineStart: 6 }}>{t('ledger.supervisionOverdue')}</Tag>}
                  </span>
                  {superviseButton(p)}
                </div>
              </Card>
            )}
          />
          {data && data.total > 0 && (
            <Pagination simple {...pagination} style={{ marginTop: 12, textAlign: 'center' }} onChange={(page) => update({ page: page === 1 ? undefined : page })} />
          )}
          {data && <div className="lx-total">{common('common.total', { n: data.total })}</div>}
        </>
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<ProblemSummary>
            rowKey="id"
            size="middle"
            loading={problems.isFetching}
            dataSource={data?.items ?? []}
            data-testid="ledger-table"
            locale={{ emptyText: <Empty description={t('ledger.empty')} /> }}
            scroll={{ x: 1150 }}
            pagination={pagination}
            rowClassName={(p) => (p.overdue ? 'lx-row-overdue' : '')}
            onChange={(p) => {
              update({ page: p.current && p.current > 1 ? p.current : undefined, pageSize: p.pageSize && p.pageSize !== 20 ? p.pageSize : undefined });
            }}
            columns={[
              {
                title: t('ledger.description'),
                key: 'title',
                render: (_: unknown, p) => (
                  <div>
                    <Link to={`/ledger/${p.id}`} data-testid="problem-link">{p.title}</Link>
                    <div className="lx-sub">
                      <Tag bordered={false}>{p.category}</Tag>
                      {p.returnedCount > 0 && <Tag color="magenta" bordered={false}>{t('ledger.returned', { n: p.returnedCount })}</Tag>}
                      {p.escalated && p.overdue && <Tag color="red" bordered={false}>{t('ledger.escalated')}</Tag>}
                    </div>
                  </div>
                ),
              },
              { title: t('ledger.org'), key: 'org', width: 130, render: (_: unknown, p) => p.org.name },
              { title: t('ledger.source'), key: 'source', width: 130, render: (_: unknown, p) => sourceLabel(p.source, p.sourceLabel, label) },
              { title: t('ledger.status'), key: 'status', width: 90, render: (_: unknown, p) => <ProblemStatusTag status={p.status} /> },
              {
                title: t('ledger.deadline'),
                key: 'deadline',
                width: 150,
                render: (_: unknown, p) => (
                  <div>
                    <div className={p.overdue ? 'lx-red' : undefined}>{p.deadline ?? '—'}</div>
                    <Countdown daysLeft={p.daysLeft} compact />
                  </div>
                ),
              },
              { title: t('ledger.nextSupervision'), key: 'sup', width: 120, render: (_: unknown, p) => <SupervisionDue p={p} /> },
              {
                title: common('common.actions'),
                key: 'actions',
                fixed: 'right',
                width: 130,
                render: (_: unknown, p) => (
                  <Space size={4}>
                    <Link to={`/ledger/${p.id}`}>{t('ledger.detail')}</Link>
                    {superviseButton(p)}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      {!isMobile && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
          {t('ledger.new.intro')}
        </Typography.Paragraph>
      )}
      {importing && <BulletinImportModal onClose={() => setImporting(false)} />}
      {supervising && (
        <SuperviseModal problemId={supervising.id} title={supervising.title} onClose={() => setSupervising(undefined)} submit={(v) => supervise.mutateAsync(v)} />
      )}
    </div>
  );
}
