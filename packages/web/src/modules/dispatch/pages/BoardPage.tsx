// 进度看板: the issuer's view of a directive — per station and per village who has reported, who is
// late, the rolled-up figures — and closing it. Rows can be filtered (in the URL).
import { Link, useParams } from 'react-router';
import { App as AntApp, Button, Card, Col, Descriptions, Empty, Grid, Progress, Row, Segmented, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import type { BoardRow } from '@lianxin/contract';
import { useAccount, useCan } from '../../../app/auth';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { useUrlState } from '../../../app/url-state';
import { useI18n } from '../../../app/i18n';
import { humanTitle, periodLabel } from '../../../app/dates';
import { useBoard, useCloseDirective } from '../dispatch.api';
import { useDispatchT } from '../dispatch.messages';
import { AssignmentTag, DueTag, FiguresView, KindTag, OutcomeTag, RollupView, formatTime } from '../components/bits';
import { FileList, UploadFile } from '../components/Files';
import '../dispatch.css';

type Below = BoardRow['below'][number];

export function BoardPage() {
  const id = Number(useParams().id);
  const t = useDispatchT();
  const { lang } = useI18n();
  const me = useAccount();
  const can = useCan();
  const { modal, message } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['show'] as const);
  const q = useBoard(id);
  const close = useCloseDirective(id);
  const b = q.data;
  usePageCrumb(b ? humanTitle(b.directive.title, lang) : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!b) return <Card><Skeleton active /></Card>;
  const d = b.directive;
  const canClose = d.status === 'open' && d.issuer.id === me.scopeOrg.id && can('dispatch:report');
  const show = values.show ?? 'all';
  const rows = b.rows.filter((r) => (show === 'pending' ? r.status === 'pending' : show === 'late' ? r.late || r.overdue || r.below.some((x) => x.late || x.overdue) : true));
  const belowLate = b.rows.reduce((n, r) => n + r.below.filter((x) => x.late || x.overdue).length, 0);
  const pct = b.totals.targets ? Math.round((b.totals.reported / b.totals.targets) * 100) : 0;

  const onClose = () =>
    modal.confirm({
      title: t('board.closeConfirm'),
      okText: t('board.close'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await close.mutateAsync(d.version);
          message.success(t('board.closed'));
        } catch (error) {
          message.error(error instanceof Error ? error.message : String(error));
        }
      },
    });

  return (
    <div className="lx-dispatch" data-testid="board-page">
      <PageHead
        title={`${t('board.title')} · ${humanTitle(d.title, lang)}`}
        extra={
          canClose ? (
            <Button danger icon={<StopOutlined />} onClick={onClose} data-testid="close-directive">
              {t('board.close')}
            </Button>
          ) : undefined
        }
      />
      <Card className="lx-assignment-head">
        <div className="lx-head-line">
          <KindTag kind={d.kind} />
          {d.status === 'closed' ? <Tag>{t('status.closed')}</Tag> : <Tag color="processing">{t('status.open')}</Tag>}
          {d.status === 'open' && <DueTag date={d.dueDate} done={b.totals.reported === b.totals.targets} />}
        </div>
        <Typography.Title level={5} className="lx-phone-title">{humanTitle(d.title, lang)}</Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
          <Descriptions.Item label={t('detail.issuer')}>{d.issuer.name}</Descriptions.Item>
          <Descriptions.Item label={t('board.issuedAt')}>{formatTime(d.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('detail.due')}>{d.dueDate}</Descriptions.Item>
          {d.periodKey && <Descriptions.Item label={t('detail.period')}>{periodLabel(d.periodKey, lang)}</Descriptions.Item>}
        </Descriptions>
        {d.content && <div className="lx-content">{d.content}</div>}
        <FileList files={d.attachments} testId="directive-files" />
        {canClose && (
          <div style={{ marginTop: 8 }}>
            <UploadFile url={`/api/directives/${d.id}/attachments`} testId="directive-upload" />
          </div>
        )}
      </Card>

      <Row gutter={[12, 12]} className="lx-section" data-testid="board-totals">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('board.reported')} value={b.totals.reported} suffix={`/ ${b.totals.targets}`} />
            <Progress percent={pct} size="small" showInfo={false} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('board.late')} value={b.totals.late} styles={{ content: { color: b.totals.late ? '#cf1322' : undefined } }} />
            <span className="lx-muted">{t('status.overdue')} {b.totals.overdue}</span>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('board.below')} value={b.totals.belowReported} suffix={`/ ${b.totals.belowTargets}`} />
            <Progress percent={b.totals.belowTargets ? Math.round((b.totals.belowReported / b.totals.belowTargets) * 100) : 0} size="small" showInfo={false} strokeColor="#52c41a" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('board.belowLate')} value={belowLate} styles={{ content: { color: belowLate ? '#d4380d' : undefined } }} />
            <span className="lx-muted">{t('board.belowLateHint')}</span>
          </Card>
        </Col>
      </Row>

      {d.form.length > 0 && (
        <Card size="small" className="lx-section" title={t('board.figures')} extra={<span className="lx-muted">{t('board.figuresHint')}</span>}>
          <RollupView form={d.form} figures={b.totals.figures} />
        </Card>
      )}

      <Card
        className="lx-section"
        title={t('board.title')}
        styles={{ body: phone ? undefined : { padding: 0 } }}
        extra={
          <Segmented
            size="small"
            value={show}
            onChange={(v) => update({ show: v === 'all' ? undefined : String(v) }, { replace: true })}
            options={[
              { value: 'all', label: t('board.filter.all') },
              { value: 'pending', label: t('board.filter.pending') },
              { value: 'late', label: t('board.filter.late') },
            ]}
            data-testid="board-filter"
          />
        }
      >
        {phone ? (
          <SimpleList
            items={rows}
            rowKey={(r) => r.assignmentId}
            testId="board-rows"
            render={(r) => (
              <div className={`lx-below-card ${r.overdue ? 'is-overdue' : ''}`} data-testid="board-row">
                <div className="lx-head-line">
                  <strong>{r.org.name}</strong>
                  <AssignmentTag status={r.status} late={r.late} overdue={r.overdue} />
                  <OutcomeTag outcome={r.outcome} />
                </div>
                {r.status === 'reported' && <FiguresView form={d.form} figures={r.figures} />}
                <FileList files={r.attachments} />
                <BelowTags below={r.below} />
              </div>
            )}
          />
        ) : (
          <Table<BoardRow>
            rowKey="assignmentId"
            dataSource={rows}
            pagination={rows.length > 30 ? { pageSize: 30 } : false}
            data-testid="board-table"
            rowClassName={(r) => (r.overdue ? 'lx-row-overdue' : r.late ? 'lx-row-late' : '')}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            expandable={{
              rowExpandable: (r) => r.report !== null || r.below.length > 0 || r.attachments.length > 0,
              expandedRowRender: (r) => (
                <div className="lx-board-expanded">
                  {r.report && <div className="lx-content small">{r.report}</div>}
                  {r.reason && <div className="lx-muted">{t('detail.reason')}：{r.reason}</div>}
                  <FileList files={r.attachments} />
                  {r.below.length > 0 && (
                    <Table<Below>
                      size="small"
                      rowKey="assignmentId"
                      pagination={false}
                      dataSource={r.below}
                      rowClassName={(x) => (x.overdue ? 'lx-row-overdue' : x.late ? 'lx-row-late' : '')}
                      columns={[
                        { title: t('board.villages'), render: (_, x) => x.org.name },
                        { title: t('board.status'), render: (_, x) => <AssignmentTag status={x.status} late={x.late} overdue={x.overdue} /> },
                        { title: t('board.outcome'), render: (_, x) => <OutcomeTag outcome={x.outcome} /> },
                        { title: t('board.reportedAt'), render: (_, x) => formatTime(x.reportedAt) },
                      ]}
                    />
                  )}
                </div>
              ),
            }}
            columns={[
              { title: t('board.org'), render: (_, r) => <strong>{r.org.name}</strong>, width: 180 },
              { title: t('board.status'), width: 110, render: (_, r) => <AssignmentTag status={r.status} late={r.late} overdue={r.overdue} /> },
              { title: t('board.outcome'), width: 110, render: (_, r) => <OutcomeTag outcome={r.outcome} /> },
              ...d.form.map((f) => ({ title: f.label, width: 100, render: (_: unknown, r: BoardRow) => (r.status === 'reported' ? ((r.figures[f.key] ?? '—') as string) : '—') })),
              { title: t('board.villages'), render: (_: unknown, r: BoardRow) => <BelowTags below={r.below} /> },
              { title: t('board.reportedAt'), width: 150, render: (_: unknown, r: BoardRow) => formatTime(r.reportedAt) },
            ]}
          />
        )}
      </Card>
      {d.parentAssignmentId && (
        <Space className="lx-section">
          <Link to={`/dispatch/assignments/${d.parentAssignmentId}`}>← {t('detail.myReport')}</Link>
        </Space>
      )}
    </div>
  );
}

/** The villages under a station as small coloured tags: reported, late, overdue, pending. */
function BelowTags({ below }: { below: Below[] }) {
  const t = useDispatchT();
  if (!below.length) return <span className="lx-muted">{t('board.noBelow')}</span>;
  const reported = below.filter((x) => x.status === 'reported').length;
  return (
    <div className="lx-below-tags" data-testid="below-tags">
      <span className="lx-muted">{t('inbox.progress', { reported, targets: below.length })}</span>
      {below.map((x) => (
        <Tag
          key={x.assignmentId}
          color={x.status === 'reported' ? (x.late ? 'volcano' : 'green') : x.overdue ? 'red' : 'default'}
          data-testid="below-tag"
          data-state={x.status === 'reported' ? (x.late ? 'late' : 'reported') : x.overdue ? 'overdue' : 'pending'}
        >
          {x.org.name}
          {x.status === 'reported' ? (x.late ? ` · ${t('status.late')}` : ' ✓') : x.overdue ? ` · ${t('status.overdue')}` : ''}
        </Tag>
      ))}
    </div>
  );
}
