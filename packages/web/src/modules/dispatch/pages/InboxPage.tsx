// 两下两上 inbox: what this org must report (overdue first, then this week's, countdowns), the
// routine items (便民服务日, 月底小结会) the cadence puts here, what it has reported, what it issued
// (with progress) and its recurring series. The tab and the filters live in the URL.
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Badge, Button, Card, Empty, Grid, Input, Progress, Segmented, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { DIRECTIVE_KIND_LABELS, DIRECTIVE_KINDS, FREQUENCY_LABELS, type AssignmentView, type Frequency, type InboxGroups } from '@lianxin/contract';
import { useAccount, useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { humanTitle } from '../../../app/dates';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { useUrlState } from '../../../app/url-state';
import { MoreButton } from '../../../app/pager';
import { useFollowing, useInbox, useSent, useSeries, useSetSeriesActive, type SentDirective, type Series } from '../dispatch.api';
import { useDispatchT } from '../dispatch.messages';
import { AssignmentTag, DueTag, KindTag, endOfWeek, formatTime } from '../components/bits';
import '../dispatch.css';

const TABS = ['todo', 'duty', 'done', 'sent', 'below', 'series'] as const;
type Tab = (typeof TABS)[number];

export function InboxPage() {
  const t = useDispatchT();
  const { label } = useI18n();
  const can = useCan();
  const me = useAccount();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['tab', 'q', 'kind', 'status'] as const);
  const tab: Tab = TABS.includes(values.tab as Tab) ? (values.tab as Tab) : 'todo';
  // the tab's rows and every tab's count come from the server, filtered there by title and kind
  const inboxTab = tab === 'duty' || tab === 'done' ? tab : 'todo';
  const inbox = useInbox({ tab: inboxTab, q: values.q, kind: values.kind });
  // 已下发 and 下级收到的: searched, filtered by kind and status and counted by the server too
  const directiveFilter = { q: values.q, kind: values.kind, status: values.status };
  const sent = useSent(directiveFilter);
  // what the levels below received from above (a township following its stations on the county's directive)
  const following = useFollowing(directiveFilter);
  const series = useSeries(can('dispatch:issue'));

  const rows = inbox.data ?? [];
  const sentRows = sent.data ?? [];
  const belowRows = following.data ?? [];
  const sum = (c: { open: number; closed: number } | undefined) => (c ? c.open + c.closed : 0);
  const filtered = !!(values.q || values.kind || values.status);
  const statusCounts = (tab === 'below' ? following : sent).first?.counts;
  const weekEnd = endOfWeek();
  const tabCounts = inbox.first?.counts;
  const counts = { todo: tabCounts?.pending ?? 0, overdue: tabCounts?.overdue ?? 0, week: tabCounts?.week ?? 0 };

  const tabs = [
    // the count sits beside the label, inside the segment: a corner badge is clipped by the segment on a phone (two digits)
    { value: 'todo', label: <span className="lx-tab-count">{t('inbox.tab.todo')}<Badge count={tabCounts?.todo ?? 0} size="small" overflowCount={99} /></span> },
    { value: 'duty', label: <span className="lx-tab-count">{t('inbox.tab.duty')}<Badge count={tabCounts?.duty ?? 0} size="small" overflowCount={99} color="purple" /></span> },
    { value: 'done', label: t('inbox.tab.done') },
    ...(sum(sent.first?.counts) > 0 || can('dispatch:issue') || (tab === 'sent' && filtered) ? [{ value: 'sent', label: t('inbox.tab.sent') }] : []),
    ...(sum(following.first?.counts) > 0 || (tab === 'below' && filtered) ? [{ value: 'below', label: t('inbox.tab.below') }] : []),
    ...(can('dispatch:issue') ? [{ value: 'series', label: t('inbox.tab.series') }] : []),
  ];

  return (
    <div className="lx-dispatch" data-testid="dispatch-inbox">
      <PageHead
        title={t('inbox.title')}
        extra={
          can('dispatch:issue') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/dispatch/new')} data-testid="new-directive" block={phone}>
              {t('inbox.new')}
            </Button>
          ) : undefined
        }
      />
      <div className="lx-inbox-summary" data-testid="inbox-counts">
        <span className="lx-muted">{me.scopeOrg.name}</span>
        <span>{t('inbox.counts', counts)}</span>
      </div>
      <div className="lx-inbox-bar">
        <div className="lx-seg-scroll">
          <Segmented value={tab} options={tabs} onChange={(v) => update({ tab: v === 'todo' ? undefined : String(v) })} data-testid="inbox-tabs" />
        </div>
        {tab !== 'series' && (
          <Space wrap className="lx-inbox-filters">
            <Input.Search allowClear placeholder={t('inbox.search')} defaultValue={values.q} onSearch={(q) => update({ q })} style={{ width: phone ? '100%' : 220 }} data-testid="inbox-search" />
            {(tab === 'sent' || tab === 'below') && (
              <Select
                value={values.status ?? ''}
                onChange={(status) => update({ status: status || undefined })}
                style={{ width: phone ? '100%' : 150 }}
                data-testid="directive-status-filter"
                options={[
                  { value: '', label: t('inbox.status.all', { n: sum(statusCounts) }) },
                  { value: 'open', label: t('inbox.status.open', { n: statusCounts?.open ?? 0 }) },
                  { value: 'closed', label: t('inbox.status.closed', { n: statusCounts?.closed ?? 0 }) },
                ]}
              />
            )}
            {!phone && (
              <Select
                allowClear
                placeholder={t('inbox.kind')}
                value={values.kind}
                onChange={(kind) => update({ kind })}
                style={{ width: 140 }}
                options={DIRECTIVE_KINDS.map((k) => ({ value: k, label: label(DIRECTIVE_KIND_LABELS[k]) }))}
              />
            )}
          </Space>
        )}
      </div>
      <ApiErrorAlert error={inbox.error ?? sent.error} onRetry={() => void (inbox.refetch(), sent.refetch())} />
      {tab === 'todo' && <AssignmentGroups items={rows} groups={inbox.first?.groups} loading={inbox.isPending} weekEnd={weekEnd} empty={t('inbox.empty.todo')} />}
      {tab === 'duty' && <AssignmentGroups items={rows} groups={inbox.first?.groups} loading={inbox.isPending} weekEnd={weekEnd} empty={t('inbox.empty.todo')} />}
      {tab === 'done' && <AssignmentGroups items={rows} loading={inbox.isPending} weekEnd={weekEnd} empty={t('inbox.empty.todo')} flat />}
      {tab === 'sent' && <SentList rows={sentRows} loading={sent.isPending} phone={phone} />}
      {tab === 'below' && <SentList rows={belowRows} loading={following.isPending} phone={phone} testId="below-list" />}
      {tab === 'series' && <SeriesList rows={series.data ?? []} loading={series.isPending} />}
      {['todo', 'duty', 'done'].includes(tab) && <MoreButton list={inbox} testId="inbox-more" />}
      {tab === 'sent' && <MoreButton list={sent} testId="sent-more" />}
      {tab === 'below' && <MoreButton list={following} testId="below-more" />}
      {tab === 'series' && <MoreButton list={series} testId="series-more" />}
    </div>
  );
}

/**
 * The tab's rows under 逾期 / 本周 / 以后. A heading's number is the server's count over the whole
 * filtered list (`groups`), not the rows loaded so far; the rows below it are the loaded ones.
 */
function AssignmentGroups({ items, groups: counted, loading, weekEnd, empty, flat }: { items: AssignmentView[]; groups?: InboxGroups; loading: boolean; weekEnd: string; empty: string; flat?: boolean }) {
  const t = useDispatchT();
  if (!loading && items.length === 0) return <Card><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /></Card>;
  const groups = flat
    ? [{ key: 'done', title: t('inbox.group.done'), rows: items }]
    : [
        { key: 'overdue' as const, title: t('inbox.group.overdue'), rows: items.filter((a) => a.overdue) },
        { key: 'week' as const, title: t('inbox.group.week'), rows: items.filter((a) => !a.overdue && a.dueDate <= weekEnd) },
        { key: 'later' as const, title: t('inbox.group.later'), rows: items.filter((a) => !a.overdue && a.dueDate > weekEnd) },
      ].filter((g) => g.rows.length);
  const countOf = (g: { key: string; rows: AssignmentView[] }) => (counted && g.key !== 'done' ? counted[g.key as keyof InboxGroups] : g.rows.length);
  return (
    <div data-testid="assignment-groups">
      {groups.map((g) => (
        <section key={g.key} className={`lx-group lx-group-${g.key}`}>
          <div className="lx-group-title">
            {g.title} <span className="lx-muted" data-testid={`group-count-${g.key}`}>{countOf(g)}</span>
          </div>
          <SimpleList items={g.rows} loading={loading} rowKey={(a) => a.id} render={(a) => <AssignmentCard a={a} />} />
        </section>
      ))}
    </div>
  );
}

function AssignmentCard({ a }: { a: AssignmentView }) {
  const t = useDispatchT();
  const { lang } = useI18n();
  const done = a.status === 'reported' || a.directive.status !== 'open';
  const fanned = a.fannedOut.reduce((s, f) => ({ targets: s.targets + f.targets, reported: s.reported + f.reported }), { targets: 0, reported: 0 });
  return (
    <Link to={`/dispatch/assignments/${a.id}`} className={`lx-assignment ${done ? 'is-done' : ''} ${a.overdue ? 'is-overdue' : ''}`} data-testid="assignment-card">
      <div className="lx-assignment-main">
        <div className="lx-assignment-title">
          <KindTag kind={a.directive.kind} />
          <span>{humanTitle(a.directive.title, lang)}</span>
        </div>
        <div className="lx-assignment-meta">
          <span>{t('inbox.from', { org: a.directive.issuer.name })}</span>
          {a.directive.parentAssignmentId && <Tag bordered={false}>{t('inbox.fanOutOf')}</Tag>}
          {fanned.targets > 0 && <span>{t('inbox.fanned', fanned)}</span>}
          {a.reportedAt && <span>{formatTime(a.reportedAt)}</span>}
        </div>
      </div>
      <div className="lx-assignment-side">
        {done ? <AssignmentTag status={a.status} late={a.late} overdue={a.overdue} /> : <DueTag date={a.dueDate} />}
        <RightOutlined className="lx-muted" />
      </div>
    </Link>
  );
}

function SentList({ rows, loading, phone, testId = 'sent-list' }: { rows: SentDirective[]; loading: boolean; phone: boolean; testId?: string }) {
  const t = useDispatchT();
  const { lang } = useI18n();
  const progress = (d: SentDirective) => (
    <div className="lx-progress-cell">
      <Progress percent={d.targets ? Math.round((d.reported / d.targets) * 100) : 0} size="small" showInfo={false} status={d.late ? 'exception' : undefined} />
      <span>{t('inbox.progress', { reported: d.reported, targets: d.targets })}</span>
      {d.late > 0 && <Tag color="error">{t('inbox.lateCount', { n: d.late })}</Tag>}
    </div>
  );
  if (phone)
    return (
      <SimpleList
        items={rows}
        loading={loading}
        rowKey={(d) => d.id}
        testId={testId}
        render={(d) => (
          <Link to={`/dispatch/${d.id}`} className="lx-assignment">
            <div className="lx-assignment-main">
              <div className="lx-assignment-title">
                <KindTag kind={d.kind} />
                <span>{humanTitle(d.title, lang)}</span>
              </div>
              {progress(d)}
            </div>
            <div className="lx-assignment-side">
              {d.status === 'closed' ? <Tag>{t('status.closed')}</Tag> : <DueTag date={d.dueDate} done={d.reported === d.targets} />}
            </div>
          </Link>
        )}
      />
    );
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Table<SentDirective>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid={testId}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty.sent')} /> }}
        columns={[
          {
            title: t('compose.titleField'),
            render: (_, d) => (
              <Space size={4} wrap>
                <KindTag kind={d.kind} />
                <Link to={`/dispatch/${d.id}`}>{humanTitle(d.title, lang)}</Link>
                {d.parentAssignmentId && <Tag bordered={false}>{t('inbox.fanOutOf')}</Tag>}
                {d.issuer && <span className="lx-muted">{t('inbox.fromIssuer', { o: d.issuer.name })}</span>}
              </Space>
            ),
          },
          { title: t('board.issuedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
          { title: t('detail.due'), dataIndex: 'dueDate', width: 210, render: (v: string, d) => (d.status === 'closed' ? <Tag>{t('status.closed')}</Tag> : <span className="lx-nowrap">{v} <DueTag date={v} done={d.reported === d.targets} /></span>) },
          { title: t('board.reported'), width: 260, render: (_, d) => progress(d) },
          { title: '', width: 100, render: (_, d) => <Link to={`/dispatch/${d.id}`}>{t('board.title')}</Link> },
        ]}
      />
    </Card>
  );
}

function SeriesList({ rows, loading }: { rows: Series[]; loading: boolean }) {
  const t = useDispatchT();
  const { label, lang } = useI18n();
  const { modal, message } = AntApp.useApp();
  const setActive = useSetSeriesActive();
  const toggle = (s: Series) =>
    modal.confirm({
      title: t(s.active ? 'series.stopConfirm' : 'series.resumeConfirm', { title: s.title }),
      content: t(s.active ? 'series.stopHint' : 'series.resumeHint'),
      okText: t(s.active ? 'series.stop' : 'series.resume'),
      okButtonProps: { danger: s.active },
      onOk: () =>
        setActive.mutateAsync({ id: s.id, active: !s.active }).then(
          () => message.success(t(s.active ? 'series.stopped' : 'series.active')),
          (e: Error) => message.error(e.message),
        ),
    });
  const describe = (s: Series) =>
    [
      s.frequency === 'weekly' && s.weekday ? t('series.weekday', { day: t(`weekday.${s.weekday}` as 'weekday.1') }) : label(FREQUENCY_LABELS[s.frequency as Frequency]),
      t('series.dueDays', { n: s.dueDays }),
    ].join(' · ');
  return (
    <SimpleList
      items={rows}
      loading={loading}
      rowKey={(s) => s.id}
      testId="series-list"
      render={(s) => (
        <div className="lx-assignment lx-static">
          <div className="lx-assignment-main">
            <div className="lx-assignment-title">
              <KindTag kind={s.kind} />
              <span>{humanTitle(s.title, lang)}</span>
            </div>
            <div className="lx-assignment-meta">{describe(s)}</div>
          </div>
          <div className="lx-assignment-side">
            <Space orientation="vertical" size={4} align="end">
              {s.active ? <Tag color="green">{t('series.active')}</Tag> : <Tag>{t('series.stopped')}</Tag>}
              {s.mine && (
                <Button size="small" danger={s.active} onClick={() => toggle(s)} data-testid="series-toggle">
                  {t(s.active ? 'series.stop' : 'series.resume')}
                </Button>
              )}
            </Space>
          </div>
        </div>
      )}
    />
  );
}
