// 三务公开 at a glance: the month's disclosures due by the county's day, rolled up per unit below
// (county → township → station → village, a tap drills down) with each unit's 党务/村务/财务 state;
// a village sees its own three kinds with the button to compose or open each.
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, Col, DatePicker, Grid, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { DISCLOSURE_KIND_LABELS, type DisclosureBoard } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useDisclosureBoard } from '../openness.api';
import { useOpennessT } from '../openness.messages';
import { OpennessNav } from '../components/OpennessNav';
import '../openness.css';

type Unit = DisclosureBoard['units'][number];
type KindState = Unit['kinds'][number];

export function StateTag({ s }: { s: KindState['state'] }) {
  const t = useOpennessT();
  const color = { published: 'green', late: 'orange', draft: 'blue', missing: 'red' }[s];
  return <Tag color={color} data-testid={`state-${s}`}>{t(`state.${s}`)}</Tag>;
}

export function OpennessPage() {
  const t = useOpennessT();
  const { lang } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['orgId', 'month'] as const);
  const q = useDisclosureBoard(toInt(values.orgId), values.month);
  const b = q.data;
  usePageCrumb(b ? b.org.name : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!b) return <Card><Skeleton active /></Card>;
  const isUnit = b.units.length === 1 && b.units[0]!.org.id === b.org.id;
  const drill = (id: number) => `/openness?orgId=${id}&month=${b.month}`;
  const open = (u: Unit, k: KindState) =>
    k.disclosureId ? `/openness/disclosures/${k.disclosureId}` : `/openness/compose?orgId=${u.org.id}&kind=${k.kind}&period=${k.period}`;
  const kindLabel = (k: string) => DISCLOSURE_KIND_LABELS[k as keyof typeof DISCLOSURE_KIND_LABELS][lang];

  const head = (
    <Space wrap>
      <DatePicker picker="month" allowClear={false} value={dayjs(`${b.month}-01`)} disabledDate={(d) => d.isAfter(dayjs(), 'month')} onChange={(d) => d && update({ month: d.format('YYYY-MM') })} data-testid="board-month" />
    </Space>
  );

  return (
    <div data-testid="openness-board">
      <PageHead title={`${t('board.title')} · ${b.org.name}`} record extra={head} />
      <OpennessNav />
      <Alert
        style={{ marginBottom: 12 }}
        type={b.overdue && b.total.missing ? 'error' : 'info'}
        showIcon
        data-testid="board-due"
        message={t(b.overdue ? 'board.duePassed' : 'board.dueOn', { date: b.dueOn, kinds: b.due.map((d) => `${kindLabel(d.kind)}（${d.period}）`).join('、') })}
      />
      {isUnit ? (
        <Row gutter={[12, 12]} data-testid="unit-kinds">
          {b.units[0]!.kinds.map((k) => (
            <Col xs={24} md={8} key={k.kind}>
              <Card size="small" title={`${kindLabel(k.kind)} · ${k.period}`} extra={<StateTag s={k.state} />} data-testid={`kind-${k.kind}`}>
                <Typography.Paragraph type="secondary" style={{ minHeight: 22 }}>
                  {k.publishedAt ? t('board.publishedAt', { date: dayjs(k.publishedAt).format('YYYY-MM-DD') }) : t('board.notYet')}
                </Typography.Paragraph>
                {k.disclosureId ? (
                  <Button block onClick={() => navigate(open(b.units[0]!, k))} data-testid={`open-${k.kind}`}>{t('board.open')}</Button>
                ) : can('openness:publish') ? (
                  <Button block type="primary" onClick={() => navigate(open(b.units[0]!, k))} data-testid={`compose-${k.kind}`}>{t('board.compose')}</Button>
                ) : null}
              </Card>
            </Col>
          ))}
        </Row>
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('board.units')} value={b.total.units} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('board.published')} value={`${b.total.published} / ${b.total.expected}`} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('board.late')} value={b.total.late} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('board.overdueUnits')} value={b.total.overdueUnits} valueStyle={b.total.overdueUnits ? { color: '#c00' } : undefined} data-testid="overdue-units" /></Card></Col>
          </Row>
          {b.rows.length > 1 && (
            <Card size="small" title={t('board.byChild')} style={{ marginBottom: 12 }}>
              <Table
                rowKey={(r) => r.org.id}
                dataSource={b.rows}
                pagination={false}
                size="small"
                data-testid="board-rows"
                scroll={{ x: 520 }}
                columns={[
                  { title: t('board.org'), render: (_, r) => <Link to={drill(r.org.id)}>{r.org.name}</Link> },
                  { title: t('board.units'), dataIndex: 'units', align: 'right' },
                  { title: t('board.published'), render: (_, r) => `${r.published} / ${r.expected}`, align: 'right' },
                  { title: t('board.missing'), dataIndex: 'missing', align: 'right', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
                  { title: t('board.overdueUnits'), dataIndex: 'overdueUnits', align: 'right' },
                ]}
              />
            </Card>
          )}
          <Card size="small" title={t('board.unitList')}>
            {phone ? (
              <SimpleList
                items={b.units}
                rowKey={(u) => u.org.id}
                testId="board-units"
                render={(u) => (
                  <div data-testid="board-unit">
                    <Link to={drill(u.org.id)}><strong>{u.org.name}</strong></Link> <Typography.Text type="secondary">{u.township}</Typography.Text>
                    <div>{u.kinds.map((k) => <Link key={k.kind} to={open(u, k)} style={{ marginRight: 8 }}>{kindLabel(k.kind)} <StateTag s={k.state} /></Link>)}</div>
                  </div>
                )}
              />
            ) : (
              <Table
                rowKey={(u) => u.org.id}
                dataSource={b.units}
                size="small"
                pagination={{ pageSize: 30, hideOnSinglePage: true }}
                data-testid="board-units"
                onRow={() => ({ 'data-testid': 'board-unit' }) as never}
                columns={[
                  { title: t('board.org'), render: (_, u) => <Link to={drill(u.org.id)}>{u.org.name}</Link> },
                  { title: t('board.township'), dataIndex: 'township' },
                  ...b.due.map((d) => ({
                    title: `${kindLabel(d.kind)}（${d.period}）`,
                    render: (_: unknown, u: Unit) => {
                      const k = u.kinds.find((x) => x.kind === d.kind);
                      return k ? <Link to={open(u, k)}><StateTag s={k.state} /></Link> : null;
                    },
                  })),
                ]}
              />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
