// 群众事项: the unit's queue (filters in the URL: status, channel, overdue, org subtree, text),
// the seven steps per request, intake, and the three rates with drill-down by org and to records.
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Checkbox, Col, DatePicker, Drawer, Empty, Form, Grid, Input, Pagination, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { FilterOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { CHANNEL_LABELS, CHANNELS, REQUEST_CATEGORY_LABELS, REQUEST_STATE_LABELS, REQUEST_STATES, type CitizenStatsRow, type RequestSummary } from '@lianxin/contract';
import { useAccount, useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { REQUEST_FILTER_KEYS, requestQuery, useRequests, useStats, type RequestUrl } from '../citizens.api';
import { useCitizensT, type CitizensKey } from '../citizens.messages';
import { IntakeDrawer } from '../components/IntakeForm';
import { SevenSteps } from '../components/SevenSteps';
import { ChannelText, Countdown, RatingTag, RequestStatusTag } from '../components/tags';
import '../citizens.css';

type Filters = { q?: string; status?: string; channel?: string; orgId?: number; overdue?: boolean; mine?: boolean; open?: boolean };

function FilterFields({ isMobile }: { isMobile: boolean }) {
  const { label } = useI18n();
  const t = useCitizensT();
  const { t: tc } = useI18n();
  const col = (node: React.ReactNode, key: string) => (
    <Col key={key} xs={24} sm={12} lg={8} xl={isMobile ? 24 : 6}>
      {node}
    </Col>
  );
  return (
    <Row gutter={[16, 0]}>
      {col(<Form.Item name="q" label={t('req.q')}><Input allowClear placeholder={t('req.qPlaceholder')} data-testid="filter-q" /></Form.Item>, 'q')}
      {col(
        <Form.Item name="status" label={t('req.status')}>
          <Select allowClear placeholder={tc('common.all')} data-testid="filter-status" options={REQUEST_STATES.map((s) => ({ value: s, label: label(REQUEST_STATE_LABELS[s]) }))} />
        </Form.Item>,
        'status',
      )}
      {col(
        <Form.Item name="channel" label={t('req.channel')}>
          <Select allowClear placeholder={tc('common.all')} data-testid="filter-channel" options={CHANNELS.map((c) => ({ value: c, label: label(CHANNEL_LABELS[c]) }))} />
        </Form.Item>,
        'channel',
      )}
      {col(<Form.Item name="orgId" label={t('req.org')}><OrgTreeSelect placeholder={tc('common.all')} testId="filter-org" /></Form.Item>, 'org')}
      <Col xs={24}>
        <Space wrap size={16} style={{ marginBottom: 16 }}>
          <Form.Item name="overdue" valuePropName="checked" noStyle><Checkbox data-testid="filter-overdue">{t('req.overdueOnly')}</Checkbox></Form.Item>
          <Form.Item name="open" valuePropName="checked" noStyle><Checkbox>{t('req.openOnly')}</Checkbox></Form.Item>
          <Form.Item name="mine" valuePropName="checked" noStyle><Checkbox>{t('req.mineOnly')}</Checkbox></Form.Item>
        </Space>
      </Col>
    </Row>
  );
}

function toForm(v: RequestUrl): Filters {
  return { q: v.q, status: v.status, channel: v.channel, orgId: toInt(v.orgId), overdue: v.overdue === '1', mine: v.mine === '1', open: v.open === '1' };
}

const METRIC_KEYS = ['total', 'responded', 'resolved', 'satisfied', 'rated', 'conflicts', 'visits'] as const;
const metricKey = (m: string | undefined): CitizensKey => `metric.${(METRIC_KEYS as readonly string[]).includes(m ?? '') ? m : 'total'}` as CitizensKey;

function Queue() {
  const { t: tc, label } = useI18n();
  const t = useCitizensT();
  const navigate = useNavigate();
  const isMobile = Grid.useBreakpoint().md === false;
  const { values, update, clear } = useUrlState(REQUEST_FILTER_KEYS);
  const query = requestQuery(values);
  const list = useRequests(query);
  const [form] = Form.useForm<Filters>();
  const [filtersOpen, setFiltersOpen] = useState(false);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toForm(values));
  }, [values, form]);
  const apply = (f: Filters) => {
    update({ q: f.q?.trim() || undefined, status: f.status, channel: f.channel, orgId: f.orgId, overdue: f.overdue ? '1' : undefined, mine: f.mine ? '1' : undefined, open: f.open ? '1' : undefined });
    setFiltersOpen(false);
  };
  const active = [values.q, values.status, values.channel, values.orgId, values.overdue, values.mine, values.open].filter(Boolean).length;
  const data = list.data;
  const drill = values.metric || values.month ? (
    <div style={{ marginBottom: 10 }}>
      <Tag closable color="purple" onClose={() => update({ metric: undefined, month: undefined })} data-testid="drill-tag">
        {values.month ?? t('stats.allTime')} · {t(metricKey(values.metric))}
      </Tag>
    </div>
  ) : null;

  return (
    <>
      {isMobile ? (
        <>
          <div className="lx-mobile-search">
            <Input.Search allowClear placeholder={t('req.qPlaceholder')} defaultValue={values.q} key={values.q ?? ''} onSearch={(q) => update({ q: q.trim() || undefined })} data-testid="filter-q-mobile" />
            <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(true)} data-testid="filters-open">
              {tc('common.filters')}
              {active > 0 && <Tag color="red" style={{ marginInlineStart: 4, marginInlineEnd: 0 }}>{active}</Tag>}
            </Button>
          </div>
          <Drawer open={filtersOpen} onClose={() => setFiltersOpen(false)} placement="bottom" size="80%" title={tc('common.filters')}
            footer={
              <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
                <Button onClick={() => { clear(); setFiltersOpen(false); }}>{tc('common.reset')}</Button>
                <Button type="primary" onClick={() => form.submit()} data-testid="filters-apply">{tc('common.search')}</Button>
              </Space>
            }
          >
            <Form form={form} layout="vertical" onFinish={apply}><FilterFields isMobile /></Form>
          </Drawer>
        </>
      ) : (
        <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { paddingBottom: 0 } }}>
          <Form form={form} layout="vertical" onFinish={apply} data-testid="request-filters">
            <FilterFields isMobile={false} />
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="filters-apply">{tc('common.search')}</Button>
                <Button icon={<ReloadOutlined />} onClick={clear}>{tc('common.reset')}</Button>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('req.piiNote')}</Typography.Text>
              </Space>
            </Form.Item>
          </Form>
        </Card>
      )}
      {drill}
      <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {isMobile ? (
        <>
          <SimpleList<RequestSummary>
            loading={list.isFetching}
            items={data?.items ?? []}
            rowKey={(r) => r.id}
            testId="request-list"
            empty={t('req.empty')}
            render={(r) => (
              <Card size="small" className="lx-req-card" onClick={() => navigate(`/citizens/${r.id}`)} data-testid="request-row">
                <div className="lx-req-card-head">
                  <Typography.Text strong className="lx-req-matter">{r.matter}</Typography.Text>
                  <RequestStatusTag status={r.status} />
                </div>
                <div className="lx-req-card-line">{r.citizenName}{r.phone && ` · ${r.phone}`} · <ChannelText channel={r.channel} /></div>
                <div className="lx-req-card-line">{r.org.name} · {dayjs(r.openedAt).format('MM-DD HH:mm')}</div>
                <div className="lx-req-card-foot">
                  <SevenSteps request={r} compact />
                  <Countdown date={r.promisedDate} done={r.status === 'resolved' || r.status === 'archived'} />
                </div>
              </Card>
            )}
          />
          {data && data.total > 0 && (
            <Pagination simple current={data.page} pageSize={data.pageSize} total={data.total} style={{ marginTop: 12, textAlign: 'center' }} onChange={(page) => update({ page: page === 1 ? undefined : page })} />
          )}
          {data && <div className="lx-total">{tc('common.total', { n: data.total })}</div>}
        </>
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<RequestSummary>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={data?.items ?? []}
            data-testid="request-table"
            locale={{ emptyText: <Empty description={t('req.empty')} /> }}
            scroll={{ x: 1300 }}
            pagination={{ current: data?.page ?? 1, pageSize: data?.pageSize ?? 20, total: data?.total ?? 0, showTotal: (n) => tc('common.total', { n }), showSizeChanger: false }}
            onChange={(p) => update({ page: p.current && p.current > 1 ? p.current : undefined })}
            columns={[
              {
                title: t('req.code'),
                dataIndex: 'trackingCode',
                width: 130,
                fixed: 'left',
                render: (c: string, r) => (
                  <div>
                    <Link to={`/citizens/${r.id}`} className="lx-mono">{c}</Link>
                    <div className="lx-muted">{dayjs(r.openedAt).format('MM-DD HH:mm')}</div>
                  </div>
                ),
              },
              {
                title: t('req.matter'),
                dataIndex: 'matter',
                render: (m: string, r) => (
                  <div className="lx-req-cell">
                    <Link to={`/citizens/${r.id}`} data-testid="request-link" className="lx-req-cell-text" title={m}>{m}</Link>
                    <Tag bordered={false} style={{ marginTop: 2 }}>{label(REQUEST_CATEGORY_LABELS[r.category])}</Tag>
                  </div>
                ),
              },
              { title: t('req.citizen'), key: 'citizen', width: 130, render: (_: unknown, r) => <div>{r.citizenName}<div className="lx-mono lx-muted">{r.phone ?? '—'}</div></div> },
              { title: t('req.channel'), dataIndex: 'channel', width: 100, render: (c: RequestSummary['channel']) => <ChannelText channel={c} /> },
              { title: t('req.org'), dataIndex: ['org', 'name'], width: 130, ellipsis: true },
              { title: t('req.steps'), key: 'steps', width: 104, render: (_: unknown, r) => <SevenSteps request={r} compact /> },
              { title: t('req.status'), dataIndex: 'status', width: 86, render: (s: RequestSummary['status']) => <RequestStatusTag status={s} /> },
              { title: t('req.promised'), key: 'promised', width: 110, render: (_: unknown, r) => <Countdown date={r.promisedDate} done={r.status === 'resolved' || r.status === 'archived'} /> },
              { title: t('req.owner'), key: 'owner', width: 130, ellipsis: true, render: (_: unknown, r) => r.owner?.name ?? <span className="lx-muted">—</span> },
              { title: t('req.rating'), dataIndex: 'rating', width: 90, render: (v: RequestSummary['rating']) => <RatingTag rating={v} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function StatsView() {
  const { t: tc } = useI18n();
  const t = useCitizensT();
  const isMobile = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(REQUEST_FILTER_KEYS);
  const orgId = toInt(values.orgId);
  const month = values.month;
  const stats = useStats(orgId, month);
  const drill = (o: number, metric: string) => update({ tab: undefined, orgId: o, metric: metric === 'total' ? undefined : metric, month, status: undefined, channel: undefined, q: undefined, overdue: undefined, mine: undefined, open: undefined });
  const node = stats.data?.node;
  const num = (row: CitizenStatsRow, key: keyof CitizenStatsRow, metric: string) => (
    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => drill(row.org.id, metric)} data-testid={`drill-${metric}`}>
      {String(row[key])}
    </Button>
  );
  return (
    <div data-testid="request-stats">
      <Space wrap style={{ marginBottom: 12, width: isMobile ? '100%' : undefined }}>
        <div style={{ width: isMobile ? 200 : 280 }}><OrgTreeSelect value={orgId} onChange={(v) => update({ orgId: v })} placeholder={tc('common.all')} testId="stats-org" /></div>
        <DatePicker style={{ width: isMobile ? 130 : 160 }} picker="month" value={month ? dayjs(`${month}-01`) : null} onChange={(d) => update({ month: d ? d.format('YYYY-MM') : undefined })} placeholder={t('stats.allTime')} inputReadOnly={isMobile} />
      </Space>
      <ApiErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />
      {node && (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>{node.org.name}</Typography.Title>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            {(
              [
                ['stats.requests', node.requests, 'total'],
                ['stats.handled', node.handled, 'total'],
                ['stats.visits', node.visitsReceived, 'visits'],
                ['stats.conflicts', node.conflictsMediated, 'conflicts'],
              ] as const
            ).map(([k, v, metric]) => (
              <Col xs={12} md={6} key={k}>
                <Card size="small" hoverable onClick={() => drill(node.org.id, metric)}>
                  <Statistic title={t(k)} value={v} />
                </Card>
              </Col>
            ))}
            {(
              [
                ['stats.responseRate', node.responseRate, `${node.responded}/${node.requests}`, 'responded'],
                ['stats.resolutionRate', node.resolutionRate, `${node.resolved}/${node.handled}`, 'resolved'],
                ['stats.satisfactionRate', node.satisfactionRate, `${node.satisfied}/${node.rated}`, 'satisfied'],
              ] as const
            ).map(([k, v, frac, metric]) => (
              <Col xs={8} md={8} key={k}>
                <Card size="small" hoverable onClick={() => drill(node.org.id, metric)} data-testid={`rate-${metric}`}>
                  <Statistic title={t(k)} value={pct(v)} styles={{ content: { fontSize: isMobile ? 18 : 26, color: v === null ? '#999' : v >= 0.9 ? '#389e0d' : v >= 0.7 ? '#d48806' : '#cf1322' } }} />
                  <div className="lx-muted">{frac}</div>
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('stats.rateHint')}</Typography.Paragraph>
          {stats.data!.children.length > 0 && (
            <Card size="small" title={t('stats.children')} styles={{ body: { padding: 0 } }}>
              <Table<CitizenStatsRow>
                rowKey={(r) => r.org.id}
                size="small"
                pagination={false}
                scroll={{ x: 900 }}
                dataSource={stats.data!.children}
                columns={[
                  { title: t('stats.unit'), key: 'org', fixed: 'left', width: 160, render: (_: unknown, r) => <Button type="link" size="small" style={{ padding: 0 }} onClick={() => update({ orgId: r.org.id })}>{r.org.name}</Button> },
                  { title: t('stats.requests'), key: 'requests', render: (_: unknown, r) => num(r, 'requests', 'total') },
                  { title: t('stats.handled'), dataIndex: 'handled' },
                  { title: t('stats.visits'), key: 'visits', render: (_: unknown, r) => num(r, 'visitsReceived', 'visits') },
                  { title: t('stats.conflicts'), key: 'conflicts', render: (_: unknown, r) => num(r, 'conflictsMediated', 'conflicts') },
                  { title: t('stats.responseRate'), key: 'rr', render: (_: unknown, r) => pct(r.responseRate) },
                  { title: t('stats.resolutionRate'), key: 'sr', render: (_: unknown, r) => pct(r.resolutionRate) },
                  { title: t('stats.satisfactionRate'), key: 'st', render: (_: unknown, r) => pct(r.satisfactionRate) },
                ]}
              />
            </Card>
          )}
        </>
      )}
    </div>
  );
}

export function RequestsPage() {
  const t = useCitizensT();
  const can = useCan();
  const navigate = useNavigate();
  const isMobile = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(REQUEST_FILTER_KEYS);
  const [intake, setIntake] = useState(false);
  const tab = values.tab === 'stats' ? 'stats' : 'queue';
  const me = useAccount();
  // a department answers whistles; it has no unit of its own to register citizens' matters at
  const create = can('citizen:handle') && me.scopeOrg.type !== 'department' && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setIntake(true)} data-testid="intake-open" size={isMobile ? 'middle' : 'middle'}>
      {t('req.create')}
    </Button>
  );
  return (
    <div data-testid="requests-page">
      <PageHead title={t('req.title')} extra={create} />
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'stats' ? 'stats' : undefined, metric: undefined, page: undefined })}
        items={[
          { key: 'queue', label: t('req.queue'), children: tab === 'queue' ? <Queue /> : null },
          { key: 'stats', label: t('req.stats'), children: tab === 'stats' ? <StatsView /> : null },
        ]}
      />
      {intake && <IntakeDrawer open onClose={() => setIntake(false)} onCreated={(r) => navigate(`/citizens/${r.id}`)} />}
    </div>
  );
}
