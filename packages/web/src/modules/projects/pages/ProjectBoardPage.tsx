// 项目推进看板: late monthly reports and overdue milestones, rolled up per org below (the county sees
// its townships, a township its stations and villages); a row drills down one level, a count opens
// the project list filtered to it, each late report or overdue milestone opens its project.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Col, Grid, Row, Select, Skeleton, Statistic, Table, Typography } from 'antd';
import type { ProjectBoard } from '@lianxin/contract';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useProjectBoard } from '../projects.api';
import { useProjectsT } from '../projects.messages';

type Row = ProjectBoard['rows'][number];
const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

export function ProjectBoardPage() {
  const t = useProjectsT();
  const phone = Grid.useBreakpoint().md === false;
  const { values, update: set } = useUrlState(['orgId', 'year'] as const);
  const q = useProjectBoard({ orgId: toInt(values.orgId), year: toInt(values.year) ?? thisYear() });
  const b = q.data;
  const [showEmpty, setShowEmpty] = useState(false);
  usePageCrumb(b?.org.name);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!b) return <Card><Skeleton active /></Card>;
  const list = (r: Row, extra: string) => `/projects?year=${b.year}&orgId=${r.org.id}${extra}`;
  const drill = (r: Row) => (r.hasChildren ? `/projects/board?orgId=${r.org.id}&year=${b.year}` : list(r, ''));
  const count = (r: Row, n: number, extra: string, testId: string) =>
    n > 0 ? <Link to={list(r, extra)} data-testid={testId} style={{ color: '#c00', fontWeight: 600 }}>{n}</Link> : <span data-testid={testId}>0</span>;
  const years = Array.from({ length: 5 }, (_, i) => thisYear() + 1 - i);
  // the server orders units with projects, then townships, then the rest; units without projects fold away
  const empty = b.rows.filter((r) => !r.own && r.projects === 0);
  const shown = showEmpty ? b.rows : b.rows.filter((r) => r.own || r.projects > 0);
  const fold = empty.length > 0 && (
    <div style={{ marginTop: 8 }}>
      <Button type="link" size="small" onClick={() => setShowEmpty((v) => !v)} data-testid="board-toggle-empty">
        {showEmpty ? t('board.hideEmpty') : t('board.showEmpty', { n: empty.length })}
      </Button>
    </div>
  );

  return (
    <div data-testid="project-board">
      <PageHead
        title={`${t('board.title')} · ${b.org.name}`}
        extra={
          <>
            <Link to={`/projects/selection?year=${b.year}`} data-testid="board-selection" style={{ marginRight: 12 }}>年度评选</Link>
            <Select aria-label={t('list.year')} value={b.year} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: `${y}` }))} onChange={(v) => set({ year: String(v) })} />
          </>
        }
        record
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('board.projects')} value={b.totals.projects} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('board.inProgress')} value={b.totals.inProgress} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" data-testid="board-total-late"><Statistic title={t('board.late')} value={b.totals.lateReports} valueStyle={b.totals.lateReports ? { color: '#c00' } : undefined} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" data-testid="board-total-overdue"><Statistic title={t('board.overdue')} value={b.totals.overdueMilestones} valueStyle={b.totals.overdueMilestones ? { color: '#c00' } : undefined} /></Card></Col>
      </Row>
      <Card size="small" style={{ marginBottom: 12 }}>
        {phone ? (
          <SimpleList items={shown} rowKey={(r) => `${r.org.id}-${r.own}`} testId="board-rows" empty={t('board.noneWithProjects')} render={(r) => (
            <div data-testid="board-row">
              <Link to={r.own ? list(r, '') : drill(r)}><strong>{r.org.name}{r.own ? t('board.own') : ''}</strong></Link>
              <div><Typography.Text type="secondary">{t('board.projects')} {r.projects} · {t('board.late')} </Typography.Text>{count(r, r.lateReports, '&late=true', 'row-late')}
                <Typography.Text type="secondary"> · {t('board.overdue')} </Typography.Text>{count(r, r.overdueMilestones, '&overdue=true', 'row-overdue')}</div>
            </div>
          )} />
        ) : (
          <Table<Row>
            rowKey={(r) => `${r.org.id}-${r.own}`}
            dataSource={shown}
            locale={{ emptyText: t('board.noneWithProjects') }}
            pagination={false}
            size="small"
            data-testid="board-rows"
            onRow={(r) => ({ 'data-testid': 'board-row', 'data-org': r.org.name }) as never}
            columns={[
              { title: t('board.org'), render: (_, r) => <Link to={r.own ? list(r, '') : drill(r)}>{r.org.name}{r.own ? t('board.own') : ''}</Link> },
              { title: t('board.projects'), dataIndex: 'projects', align: 'right' },
              { title: t('board.inProgress'), dataIndex: 'inProgress', align: 'right' },
              { title: t('board.late'), align: 'right', render: (_, r) => count(r, r.lateReports, '&late=true', 'row-late') },
              { title: t('board.overdue'), align: 'right', render: (_, r) => count(r, r.overdueMilestones, '&overdue=true', 'row-overdue') },
            ]}
          />
        )}
        {fold}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Card size="small" title={t('board.lateList')} data-testid="board-late-list">
            <SimpleList items={b.lateReports} rowKey={(x) => x.assignmentId} empty={t('board.none')} render={(x) => (
              <Link to={`/projects/${x.projectId}`} style={{ display: 'block' }}>
                <strong>{x.title}</strong>
                <div><Typography.Text type="secondary">{x.org.name} · {x.period} · {t('board.dueOn')} {x.dueOn}</Typography.Text></div>
              </Link>
            )} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('board.overdueList')} data-testid="board-overdue-list">
            <SimpleList items={b.overdueMilestones} rowKey={(x) => `${x.projectId}-${x.milestone}-${x.dueOn}`} empty={t('board.none')} render={(x) => (
              <Link to={`/projects/${x.projectId}`} style={{ display: 'block' }}>
                <strong>{x.title}</strong>
                <div><Typography.Text type="secondary">{x.org.name} · {x.milestone} · {t('board.dueOn')} {x.dueOn}</Typography.Text></div>
              </Link>
            )} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
