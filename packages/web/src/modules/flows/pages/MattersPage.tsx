// 小微权力 matters of the scope: counts rolled up per unit below (a tap drills down to a township,
// a station, a village), and the matters of the chosen unit — running first, the late ones marked.
import { Link, useNavigate } from 'react-router';
import { Button, Card, Col, Grid, Row, Segmented, Skeleton, Statistic, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { MatterBoard, MatterSummary } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useMatterBoard, useMatters } from '../flows.api';
import { useFlowsT } from '../flows.messages';
import { FlowsNav } from '../components/FlowsNav';
import { MatterTags } from '../components/MatterTags';

type BoardRow = MatterBoard['rows'][number];

export function MattersPage() {
  const t = useFlowsT();
  const can = useCan();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const { values, update: set } = useUrlState(['orgId', 'overdue', 'page'] as const);
  const orgId = toInt(values.orgId);
  const board = useMatterBoard(orgId);
  const list = useMatters({ orgId, overdue: values.overdue === '1' ? true : undefined, page: toInt(values.page) ?? 1, pageSize: 20 });
  const b = board.data;
  usePageCrumb(b && orgId ? b.org.name : undefined);
  if (board.error) return <ApiErrorAlert error={board.error} onRetry={() => void board.refetch()} />;
  const isUnit = !!b && b.rows.every((r) => r.org.id === b.org.id);
  const drill = (r: BoardRow) => `/flows?orgId=${r.org.id}`;
  const step = (m: MatterSummary) => (m.status === 'running' ? `${t('matters.progress', { i: m.stepIndex + 1, n: m.stepCount })} · ${m.currentStep ?? ''}` : t('matters.progress', { i: m.stepIndex, n: m.stepCount }));

  return (
    <div data-testid="flows-matters">
      <PageHead
        title={t('matters.title')}
        extra={can('flow:act') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/flows/matters/new')} data-testid="matter-new">{t('matters.new')}</Button>}
      />
      <FlowsNav />
      {!b ? <Card><Skeleton active /></Card> : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={8}><Card size="small"><Statistic title={t('matters.running')} value={b.total.running} /></Card></Col>
            <Col xs={8}><Card size="small"><Link to={`/flows/overdue${orgId ? `?orgId=${orgId}` : ''}`}><Statistic title={t('matters.overdue')} value={b.total.overdue} valueStyle={b.total.overdue ? { color: '#c00' } : undefined} /></Link></Card></Col>
            <Col xs={8}><Card size="small"><Statistic title={t('matters.done')} value={b.total.done} /></Card></Col>
          </Row>
          {!isUnit && b.rows.length > 0 && (
            <Card size="small" style={{ marginBottom: 12 }} data-testid="matter-board">
              <Table<BoardRow>
                rowKey={(r) => r.org.id}
                dataSource={b.rows}
                pagination={false}
                size="small"
                columns={[
                  { title: t('matters.org'), render: (_, r) => <Link to={drill(r)} data-testid="board-drill">{r.org.name}</Link> },
                  { title: t('matters.running'), dataIndex: 'running', align: 'right' },
                  { title: t('matters.overdue'), dataIndex: 'overdue', align: 'right', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
                  { title: t('matters.done'), dataIndex: 'done', align: 'right' },
                ]}
              />
            </Card>
          )}
        </>
      )}
      <Card
        size="small"
        title={b ? t('matters.list', { org: b.org.name }) : undefined}
        extra={
          <Segmented
            size="small"
            value={values.overdue === '1' ? '1' : ''}
            onChange={(v) => set({ overdue: v ? '1' : undefined, page: undefined })}
            options={[{ value: '', label: t('matters.all') }, { value: '1', label: t('matters.onlyOverdue') }]}
          />
        }
      >
        {list.error && <ApiErrorAlert error={list.error} />}
        {phone ? (
          <SimpleList<MatterSummary>
            items={list.data?.items ?? []}
            loading={list.isLoading}
            rowKey={(m) => m.id}
            testId="matter-list"
            render={(m) => (
              <Link to={`/flows/matters/${m.id}`} style={{ display: 'block' }} data-testid="matter-row">
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}><strong>{m.title}</strong><span><MatterTags m={m} /></span></div>
                <Typography.Text type="secondary">{m.org.name} · {m.flow.name} · {step(m)}{m.dueOn ? ` · ${t('matters.due')} ${m.dueOn}` : ''}</Typography.Text>
              </Link>
            )}
          />
        ) : (
          <Table<MatterSummary>
            rowKey={(m) => m.id}
            dataSource={list.data?.items ?? []}
            loading={list.isLoading}
            size="small"
            data-testid="matter-list"
            onRow={() => ({ 'data-testid': 'matter-row' }) as never}
            pagination={{ current: list.data?.page ?? 1, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => set({ page: String(p) }), showSizeChanger: false }}
            columns={[
              { title: t('new.name'), render: (_, m) => <Link to={`/flows/matters/${m.id}`}>{m.title}</Link> },
              { title: t('matters.org'), render: (_, m) => m.org.name },
              { title: t('matters.flow'), render: (_, m) => m.flow.name },
              { title: t('matters.step'), render: (_, m) => step(m) },
              { title: t('matters.due'), render: (_, m) => m.dueOn ?? '—' },
              { title: '', render: (_, m) => <MatterTags m={m} /> },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
