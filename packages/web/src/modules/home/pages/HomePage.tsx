// 工作台: what to do today first — one row per record waiting for my org, most urgent first, each
// one tap from where it is done — then the counts, my scope's numbers and warnings, and shortcuts.
import { Link } from 'react-router';
import { Alert, Card, Col, Empty, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { ApartmentOutlined, RightOutlined, TeamOutlined, WarningOutlined, HomeOutlined } from '@ant-design/icons';
import { ORG_TYPE_LABELS, TODAY_ACTION_LABELS, TODAY_LABELS, TODO_LABELS, type TodayItem } from '@lianxin/contract';
import { dayLabel, daysBetween, humanTitle } from '../../../app/dates';
import { useAccount } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { menuFor } from '../../../app/menu';
import { ApiErrorAlert, SimpleList } from '../../../app/ui';
import { indexTree, useOrgTree } from '../../orgs/orgs.api';
import { useToday, useTodos } from '../home.api';
import { useHomeT } from '../home.messages';
import '../home.css';

/** The line under an item's title: its due date in words, how far off or how late. */
function dueLine(i: TodayItem, today: string, ht: ReturnType<typeof useHomeT>, lang: 'zh' | 'en'): string | undefined {
  if (!i.due) return undefined;
  const date = dayLabel(i.due, lang, Number(today.slice(0, 4)));
  if (i.kind === 'problem_supervision') {
    const late = daysBetween(i.due, today);
    return late > 0 ? ht('today.superviseLate', { date, n: late }) : ht('today.supervise', { date });
  }
  if (i.kind === 'request_mine' || i.kind === 'request_overdue') {
    const n = daysBetween(i.due, today);
    return n > 0 ? ht('today.late', { date, n }) : ht('today.promised', { date });
  }
  const left = daysBetween(today, i.due);
  if (left < 0) return ht('today.late', { date, n: -left });
  if (left === 0) return ht('today.dueToday');
  if (left === 1) return ht('today.dueTomorrow');
  return ht('today.dueIn', { date, n: left });
}

/** 今天要做的事: each waiting record with its title, unit, due date and reason; a tap opens it. */
function Today() {
  const { label, lang } = useI18n();
  const ht = useHomeT();
  const me = useAccount();
  const today = useToday();
  if (today.isPending) return <Card size="small" style={{ marginBottom: 12 }}><Skeleton active paragraph={{ rows: 4 }} /></Card>;
  if (today.error) return <ApiErrorAlert error={today.error} onRetry={() => void today.refetch()} />;
  const { items, total } = today.data;
  const auditOnly = me.permissions.includes('audit:read') && !me.permissions.includes('ledger:read');
  return (
    <Card
      size="small"
      className="lx-today"
      title={<>{ht('today.title')} {items.length > 0 && <Tag color={items.some((i) => i.urgent) ? 'red' : 'blue'} style={{ marginInlineStart: 6 }}>{ht('today.count', { n: total })}</Tag>}</>}
      extra={<Typography.Text type="secondary">{dayLabel(today.data.today, lang)}</Typography.Text>}
      style={{ marginBottom: 12 }}
      data-testid="today"
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<><div>{ht('today.none')}</div><div className="lx-muted-hint">{auditOnly ? ht('today.noneAuditor') : me.roles.includes('department_admin') ? ht('today.noneDepartment') : ht('today.noneHint')}</div></>} data-testid="today-empty" />
      ) : (
        <ul className="lx-today-list">
          {items.map((i) => {
            const due = dueLine(i, today.data.today, ht, lang);
            return (
              <li key={`${i.kind}-${i.id}`}>
                <Link to={i.href} className={`lx-today-item${i.urgent ? ' urgent' : ''}`} data-testid="today-item" data-kind={i.kind}>
                  <div className="main">
                    <div className="head">
                      <Tag color={i.urgent ? 'red' : 'default'} bordered={false}>{label(TODAY_LABELS[i.kind])}</Tag>
                      <span className="org">{i.org}</span>
                    </div>
                    <div className="title">{humanTitle(i.title, lang)}</div>
                    {due && <div className={`due${i.urgent && i.due && i.due < today.data.today ? ' late' : ''}`}>{due}</div>}
                    {i.reason && <div className="reason" data-testid="today-reason">{ht(i.kind === 'whistle_declined' ? 'today.declined' : 'today.reason', { r: i.reason })}</div>}
                  </div>
                  <span className="go">{label(TODAY_ACTION_LABELS[i.kind])} <RightOutlined /></span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {total > items.length && <div className="lx-muted-hint" style={{ textAlign: 'center', marginTop: 8 }}>{ht('today.more', { total, n: items.length })}</div>}
    </Card>
  );
}

/** 我的待办: counts of what waits for this org, each opening the list that holds exactly those records. */
function Todos() {
  const { label, lang } = useI18n();
  const ht = useHomeT();
  const todos = useTodos();
  if (todos.isPending) return <Card size="small" style={{ marginBottom: 12 }}><Skeleton active paragraph={{ rows: 2 }} /></Card>;
  if (todos.error) return <ApiErrorAlert error={todos.error} onRetry={() => void todos.refetch()} />;
  const { items, today } = todos.data;
  if (items.length === 0) return null;
  const waiting = items.filter((i) => i.count > 0);
  return (
    <Card size="small" title={ht('todo.title')} extra={<Typography.Text type="secondary">{ht('todo.asOf', { date: dayLabel(today, lang) })}</Typography.Text>} style={{ marginBottom: 12 }} data-testid="todos">
      {waiting.length === 0 ? (
        <Alert type="success" showIcon title={ht('todo.none')} />
      ) : (
        <Row gutter={[12, 12]}>
          {waiting.map((i) => (
            <Col xs={12} sm={8} lg={6} xl={4} key={i.kind}>
              <Link to={i.href} className={`lx-todo${i.urgent ? ' urgent' : ''}`} data-testid={`todo-${i.kind}`} title={i.urgent ? ht('todo.urgent') : undefined}>
                <span className="count">{i.count}</span>
                <span className="label">{label(TODO_LABELS[i.kind])}</span>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}

function ScopeStats() {
  const { t, label } = useI18n();
  const tree = useOrgTree();
  if (tree.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (tree.error) return <ApiErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />;
  const index = indexTree(tree.data.nodes, tree.data.rootId);
  const root = index.root;
  const active = tree.data.nodes.filter((n) => n.status === 'active');
  const warned = active.filter((n) => n.warnings.length > 0);
  const stats = [
    { title: t('home.members'), value: root?.memberCount ?? 0, icon: <TeamOutlined />, color: '#b7161b' },
    { title: t('home.villages'), value: root?.villageCount ?? 0, icon: <HomeOutlined />, color: '#d46b08' },
    { title: t('home.orgs'), value: active.length, icon: <ApartmentOutlined />, color: '#0958d9' },
    { title: t('home.warnings'), value: warned.length, icon: <WarningOutlined />, color: warned.length ? '#cf1322' : '#389e0d' },
  ];
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {stats.map((s) => (
          <Col xs={12} lg={6} key={s.title}>
            <Card size="small" className="lx-stat">
              <Statistic title={s.title} value={s.value} prefix={<span style={{ color: s.color }}>{s.icon}</span>} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('home.warningList')} style={{ marginBottom: 12 }}>
        {warned.length === 0 ? (
          <Alert type="success" showIcon title={t('home.noWarnings')} />
        ) : (
          <SimpleList
            items={warned.slice(0, 8)}
            rowKey={(n) => n.id}
            render={(n) => (
              <>
                <Link to={`/orgs?id=${n.id}`}>
                  {n.name} <Tag>{label(ORG_TYPE_LABELS[n.type])}</Tag>
                </Link>
                <div style={{ color: '#8c8c8c', fontSize: 13 }}>{n.warnings.join('；')}</div>
              </>
            )}
          />
        )}
      </Card>
    </>
  );
}

export function HomePage() {
  const me = useAccount();
  const { t } = useI18n();
  const entries = menuFor(me.permissions, me.roles).filter((m) => m.path !== '/');
  const canOrgs = me.permissions.includes('org:read');
  const intro = me.permissions.includes('audit:read') ? t('home.auditIntro') : me.permissions.includes('account:read') ? t('home.adminIntro') : undefined;
  return (
    <div data-testid="home-page">
      <Card className="lx-welcome" style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('home.scopeDesc', { org: me.scopeOrg.name })}
          {intro && <> {intro}</>}
        </Typography.Paragraph>
      </Card>
      <Today />
      <Todos />
      {canOrgs && <ScopeStats />}
      <Card size="small" title={t('home.shortcuts')}>
        <Row gutter={[12, 12]}>
          {entries.map((m) => (
            <Col xs={12} sm={8} lg={4} key={m.path}>
              <Link to={m.path} className="lx-shortcut">
                <span className="icon">{m.icon}</span>
                <span>{t(m.label)}</span>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </div>
  );
}
