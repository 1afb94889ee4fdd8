// 谁落后了: meetings held against the county's rules from January to the end of the month, per
// child of the org (station → villages → one branch's meetings), the worst first; a tap drills down.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Col, Grid, Progress, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { ClusterOutlined } from '@ant-design/icons';
import { ORG_NESTING, type BoardView, type MeetingSummary } from '@lianxin/contract';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { useUrlState } from '../../../app/url-state';
import { useBoard, useMeetings } from '../orglife.api';
import { useOrglifeT } from '../orglife.messages';
import '../orglife.css';

type BoardRow = BoardView['rows'][number];
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
/** Members shown before 展开全部: the lowest attendance first, so the ones to talk to are on top. */
const MEMBERS_FOLDED = 10;

export function BoardPage() {
  const t = useOrglifeT();
  const phone = Grid.useBreakpoint().md === false;
  const { values } = useUrlState(['orgId', 'year', 'month'] as const);
  const int = (s?: string) => (s && /^\d+$/.test(s) ? Number(s) : undefined);
  const q = useBoard(int(values.orgId), int(values.year), int(values.month));
  const b = q.data;
  usePageCrumb(b ? b.org.name : undefined);
  const isUnit = !!b && b.rows.length === 1 && b.rows[0]!.org.id === b.org.id;
  const meetings = useMeetings({ orgId: b?.org.id, year: b?.year, pageSize: 200 });
  const [allMembers, setAllMembers] = useState(false);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!b) return <Card><Skeleton active /></Card>;
  const drill = (r: BoardRow) => `/orglife/board?orgId=${r.org.id}&year=${b.year}&month=${b.month}`;
  const status = (r: BoardRow) => (r.shortfall > 0 ? <Tag color="red" data-testid="row-behind">{t('home.behind', { n: r.shortfall })}</Tag> : <Tag color="green" data-testid="row-ok">{t('home.caughtUp')}</Tag>);

  return (
    <div data-testid="orglife-board">
      <PageHead
        title={`${t('board.title')} · ${b.org.name}`}
        record
        extra={isUnit && ORG_NESTING[b.org.type].includes('party_group') ? (
          <Link to={`/orglife/party-groups?orgId=${b.org.id}`}><Button size="small" icon={<ClusterOutlined />} data-testid="board-open-groups">{t('group.open')}</Button></Link>
        ) : undefined}
      />
      <Typography.Paragraph type="secondary">{t('board.period', { year: b.year, month: b.month })}</Typography.Paragraph>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('board.units')} value={b.total.units} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('board.behind')} value={b.total.behind} valueStyle={b.total.behind ? { color: '#c00' } : undefined} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={`${t('board.held')} / ${t('board.required')}`} value={`${b.total.held} / ${b.total.required}`} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('board.attendance')} value={pct(b.total.attendanceRate)} /></Card></Col>
      </Row>
      {!isUnit && (
        <Card size="small" style={{ marginBottom: 12 }}>
          {phone ? (
            <SimpleList
              items={b.rows}
              rowKey={(r) => r.org.id}
              testId="board-rows"
              render={(r) => (
                <Link to={drill(r)} data-testid="board-row" style={{ display: 'block' }}>
                  <div style={{ display: 'flex', justifyContent: 'space-between' }}><strong>{r.org.name}</strong>{status(r)}</div>
                  <Typography.Text type="secondary">{t('board.behind')} {r.behind}/{r.units} · {t('board.held')} {r.held}/{r.required} · {t('board.attendance')} {pct(r.attendanceRate)}</Typography.Text>
                </Link>
              )}
            />
          ) : (
            <Table<BoardRow>
              rowKey={(r) => r.org.id}
              dataSource={b.rows}
              pagination={false}
              size="small"
              data-testid="board-rows"
              onRow={() => ({ 'data-testid': 'board-row' }) as never}
              columns={[
                { title: t('board.org'), render: (_, r) => <Link to={drill(r)}>{r.org.name}</Link> },
                { title: t('board.units'), dataIndex: 'units', align: 'right' },
                { title: t('board.behind'), dataIndex: 'behind', align: 'right' },
                { title: t('board.held'), dataIndex: 'held', align: 'right' },
                { title: t('board.required'), dataIndex: 'required', align: 'right' },
                { title: t('board.shortfall'), render: (_, r) => status(r) },
                { title: t('board.attendance'), render: (_, r) => pct(r.attendanceRate), align: 'right' },
              ]}
            />
          )}
        </Card>
      )}
      <Card size="small" title={t('board.types')} style={{ marginBottom: 12 }} data-testid="board-types">
        {b.types.map((x) => (
          <div key={x.code} data-testid={`type-${x.code}`} style={{ marginBottom: 6 }}>
            <div style={{ display: 'flex', justifyContent: 'space-between' }}>
              <span>{x.name}</span>
              <span>{x.held} / {x.required} {x.shortfall > 0 ? <Tag color="red">{t('home.behind', { n: x.shortfall })}</Tag> : <Tag color="green">{t('home.caughtUp')}</Tag>}</span>
            </div>
            <Progress percent={x.required ? Math.min(100, Math.round((Math.min(x.held, x.required) / x.required) * 100)) : 100} showInfo={false} size="small" status={x.shortfall ? 'exception' : 'success'} />
            {x.bySecretary && (
              <div data-testid={`type-${x.code}-secretary`} style={{ fontSize: 12, color: '#666' }}>
                {t('board.bySecretary', { held: x.bySecretary.held, required: x.bySecretary.required })}
                {x.bySecretary.unitsBehind > 0 && <Tag color="red" style={{ marginLeft: 6 }}>{t('board.secretaryBehind', { n: x.bySecretary.unitsBehind, name: x.name })}</Tag>}
              </div>
            )}
          </div>
        ))}
      </Card>
      {b.groups.length > 0 && (
        <Card size="small" title={t('board.groups')} style={{ marginBottom: 12 }} data-testid="board-groups">
          {b.groups.map((g) => (
            <div key={g.org.id} data-testid="board-group" style={{ display: 'flex', justifyContent: 'space-between', padding: '4px 0' }}>
              <span>{g.org.name}</span>
              <span>{g.held} / {g.required} {g.shortfall > 0 ? <Tag color="red">{t('home.behind', { n: g.shortfall })}</Tag> : <Tag color="green">{t('home.caughtUp')}</Tag>}</span>
            </div>
          ))}
        </Card>
      )}
      {isUnit && b.members.length > 0 && (
        <Card size="small" title={t('board.members')} style={{ marginBottom: 12 }} data-testid="board-members"
          extra={b.members.length > MEMBERS_FOLDED ? <Button size="small" type="link" onClick={() => setAllMembers(!allMembers)} data-testid="board-members-toggle">{allMembers ? t('board.membersFold') : t('board.membersAll', { n: b.members.length })}</Button> : undefined}>
          <SimpleList
            items={allMembers ? b.members : b.members.slice(0, MEMBERS_FOLDED)}
            rowKey={(m) => m.person.id}
            render={(m) => (
              <div data-testid="board-member" style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <span>{m.person.name}</span>
                <span><Typography.Text type="secondary">{t('board.memberLine', { present: m.present, expected: m.expected })}</Typography.Text> <strong>{pct(m.attendanceRate)}</strong></span>
              </div>
            )}
          />
        </Card>
      )}
      {isUnit && (
        <Card size="small" title={t('board.meetings')}>
          <SimpleList<MeetingSummary>
            items={meetings.data?.items ?? []}
            loading={meetings.isLoading}
            rowKey={(m) => m.id}
            render={(m) => <Link to={`/orglife/meetings/${m.id}`}>{m.heldOn} · {m.typeName}{m.partyGroup ? `（${m.partyGroup.name}）` : ''} · {m.topic}</Link>}
          />
        </Card>
      )}
    </div>
  );
}
