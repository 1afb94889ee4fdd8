// A problem of the ledger: every field, the 整改销号 life cycle as steps, the timeline (who, when,
// from→to, text, files — images inline), the chain check, and only the steps this account may
// take now (the API's `actions`), each with the form its required fields need.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Grid, Input, Result, Row, Skeleton, Space, Steps, Tag, Timeline, Typography, Upload } from 'antd';
import {
  BellOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  CommentOutlined,
  FileOutlined,
  PaperClipOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SoundOutlined,
  ToolOutlined,
  UploadOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  PROBLEM_STATE_LABELS,
  PROBLEM_STATES,
  PROBLEM_TRANSITION_LABELS,
  type ProblemDetail,
  type ProblemState,
  type ProblemTransition,
  type TimelineEntry,
} from '@lianxin/contract';
import { ApiError } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { attachmentUrl, sourceLabel, useAttach, useNote, useProblem, useVerify } from '../ledger.api';
import { useLedgerT, type LedgerKey } from '../ledger.messages';
import { cap, Countdown, ProblemStatusTag, SupervisionDue } from '../components/tags';
import { StepModal, SuperviseModal } from '../components/StepModal';
import '../ledger.css';

const MAX_BYTES = 10 * 1024 * 1024;

const STEP_ICONS: Record<ProblemTransition, React.ReactNode> = {
  start: <ToolOutlined />,
  submit: <SendOutlined />,
  return: <RollbackOutlined />,
  accept: <CheckCircleOutlined />,
  close: <SafetyCertificateOutlined />,
  publish: <SoundOutlined />,
};

const KIND_COLORS: Record<string, string> = { open: 'blue', transition: 'green', comment: 'gray', attachment: 'gray', supervision: 'orange', escalation: 'red', edit: 'gray' };

function at(iso: string) {
  return dayjs(iso).format('YYYY-MM-DD HH:mm');
}

function TimelineItem({ e, problemId }: { e: TimelineEntry; problemId: number }) {
  const { label } = useI18n();
  const t = useLedgerT();
  const state = (s: string | null) => (s ? label(PROBLEM_STATE_LABELS[s as ProblemState]) || s : '');
  const step = e.kind === 'transition' && e.transition ? label(PROBLEM_TRANSITION_LABELS[e.transition as ProblemTransition]) || e.transition : '';
  const kind = step ? step.charAt(0).toUpperCase() + step.slice(1) : t(`ledger.kind.${e.kind}` as LedgerKey);
  const a = e.attachment;
  return (
    <div data-testid="timeline-entry">
      <Space size={6} wrap>
        <Typography.Text strong>{kind}</Typography.Text>
        {e.kind === 'transition' && e.fromStatus && (
          <span className="lx-timeline-meta">
            {state(e.fromStatus)} → {state(e.toStatus)}
          </span>
        )}
      </Space>
      <div className="lx-timeline-meta">
        <span title={e.actor}>{e.actorDisplay ?? (e.actor === 'system' ? t('ledger.system') : e.actor)}</span> · {at(e.at)}
      </div>
      {e.text && !a && <div className="lx-timeline-text">{e.text}</div>}
      {a && (
        <div style={{ marginTop: 4 }}>
          {a.mimeType.startsWith('image/') ? (
            <a href={attachmentUrl(problemId, a.id)} target="_blank" rel="noreferrer">
              <img src={attachmentUrl(problemId, a.id)} alt={a.fileName} className="lx-timeline-img" data-testid="timeline-image" />
            </a>
          ) : null}
          <a href={attachmentUrl(problemId, a.id)} download={a.fileName} data-testid="timeline-file">
            <PaperClipOutlined /> {a.fileName}
          </a>
          <span className="lx-timeline-meta"> （{Math.max(1, Math.round(a.size / 1024))} KB）</span>
        </div>
      )}
    </div>
  );
}

function ActionsCard({ p, isMobile, onStep, onSupervise }: { p: ProblemDetail; isMobile: boolean; onStep: (s: ProblemTransition) => void; onSupervise: () => void }) {
  const { label } = useI18n();
  const t = useLedgerT();
  const waiting = p.actions.length === 0;
  return (
    <Card size="small" title={t('ledger.actions')} style={{ marginBottom: 12 }} data-testid="problem-actions">
      {waiting && (
        <Typography.Paragraph type="secondary" data-testid="no-actions" style={{ marginBottom: p.canSupervise ? 10 : 0 }}>
          {t('ledger.noActions')}
          {p.status !== 'published' && ` · ${t('ledger.waitingFor', { who: t(`ledger.waiting.${p.status}`) })}`}
        </Typography.Paragraph>
      )}
      {(p.actions.length > 0 || p.canSupervise) && (
        <div className={`lx-actions-bar${isMobile ? ' phone' : ''}`}>
          {p.actions.map((a, i) => (
            <Button
              key={a}
              type={a === 'return' ? 'default' : i === 0 ? 'primary' : 'default'}
              danger={a === 'return'}
              icon={STEP_ICONS[a]}
              onClick={() => onStep(a)}
              data-testid={`action-${a}`}
            >
              {cap(label(PROBLEM_TRANSITION_LABELS[a]))}
            </Button>
          ))}
          {p.canSupervise && (
            <Button icon={<BellOutlined />} onClick={onSupervise} data-testid="action-supervise" type={p.supervisionOverdue ? 'primary' : 'default'}>
              {t('ledger.superviseNow')}
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}

export function ProblemDetailPage() {
  const { id: raw } = useParams();
  const id = raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
  const { t: common, label } = useI18n();
  const t = useLedgerT();
  const can = useCan();
  const { message } = AntApp.useApp();
  const isMobile = Grid.useBreakpoint().md === false;
  const problem = useProblem(id);
  const verify = useVerify(id);
  const note = useNote(id ?? 0);
  const attach = useAttach(id ?? 0);
  const [step, setStep] = useState<ProblemTransition>();
  const [supervising, setSupervising] = useState(false);
  const [comment, setComment] = useState('');
  const p = problem.data;
  usePageCrumb(p ? (p.title.length > 16 ? `${p.title.slice(0, 16)}…` : p.title) : undefined);

  if (id === undefined || (problem.error instanceof ApiError && problem.error.status === 404)) {
    return <Result status="404" title={common('common.empty')} subTitle={problem.error?.message} extra={<Link to="/ledger"><Button>{t('ledger.title')}</Button></Link>} />;
  }
  if (problem.error) return <ApiErrorAlert error={problem.error} onRetry={() => void problem.refetch()} />;
  if (!p) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;

  const current = PROBLEM_STATES.indexOf(p.status);
  const mayHandle = can('ledger:handle');
  const open = p.status !== 'closed' && p.status !== 'published';
  const refresh = () => {
    void problem.refetch();
    void verify.refetch();
  };

  const sendComment = async () => {
    if (!comment.trim()) return;
    try {
      await note.mutateAsync({ kind: 'comments', text: comment.trim() });
      setComment('');
      message.success(t('ledger.commentDone'));
      void verify.refetch();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) {
      message.error(t('ledger.tooLarge'));
      return;
    }
    try {
      await attach.mutateAsync(file);
      message.success(t('ledger.uploaded', { name: file.name }));
      refresh();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const head = (
    <Card style={{ marginBottom: 12 }} data-testid="problem-head">
      <div className="lx-problem-head">
        <ProblemStatusTag status={p.status} />
        <Countdown daysLeft={p.daysLeft} compact />
        {p.returnedCount > 0 && <Tag color="magenta" style={{ marginInlineEnd: 0 }}>{t('ledger.returned', { n: p.returnedCount })}</Tag>}
        {p.escalated && open && <Tag color="red" icon={<WarningOutlined />} style={{ marginInlineEnd: 0 }}>{t('ledger.escalated')}</Tag>}
        <Tag bordered={false} style={{ marginInlineEnd: 0 }}>{p.category}</Tag>
        <div className="lx-problem-title" data-testid="problem-title">{p.description}</div>
      </div>
      <Steps
        size="small"
        current={current}
        status={p.status === 'published' ? 'finish' : 'process'}
        orientation="horizontal"
        type={isMobile ? 'dot' : 'default'}
        titlePlacement={isMobile ? 'vertical' : 'horizontal'}
        responsive={false}
        data-testid="problem-steps"
        items={PROBLEM_STATES.map((s) => ({ title: t(`ledger.step.${s}`) }))}
      />
    </Card>
  );

  const info = (
    <Card size="small" title={t('ledger.info')} style={{ marginBottom: 12 }}>
      <Descriptions column={isMobile ? 1 : 2} size="small" data-testid="problem-info" styles={{ label: { width: isMobile ? 96 : 120 } }}>
        <Descriptions.Item label={t('ledger.source')}>{sourceLabel(p.source, p.sourceLabel, label)}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.category')}>{p.category}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.org')}>{p.org.name}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.responsibleOrg')}>{p.responsibleOrg.name}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.responsiblePerson')}>{p.responsiblePerson ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.deadline')}>
          <Space size={6}>
            <span className={p.overdue ? 'lx-red' : undefined}>{p.deadline ?? '—'}</span>
            <Countdown daysLeft={p.daysLeft} compact />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('ledger.openedAt')}>{at(p.openedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.nextSupervision')}><SupervisionDue p={p} /></Descriptions.Item>
        <Descriptions.Item label={t('ledger.checker')}>
          <span data-testid="problem-checker">{p.checker?.name ?? p.checkingOrg?.name ?? t('ledger.checkerDefault')}</span>
        </Descriptions.Item>
        {p.signingOrg && (
          <Descriptions.Item label={t('ledger.signer')}>
            <span data-testid="problem-signer">{p.signingOrg.name}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('ledger.sourceRef')}>{p.sourceRef ?? '—'}</Descriptions.Item>
        {p.closedAt && <Descriptions.Item label={t('ledger.closedAt')}>{at(p.closedAt)}</Descriptions.Item>}
        {p.finding && (
          <Descriptions.Item label={t('ledger.finding')}>
            <Link to={`/inspections/${p.finding.inspectionId}`}>{t('ledger.findingOpen')}</Link>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('ledger.measures')} span={isMobile ? 1 : 2}>
          <span className="lx-pre" data-testid="problem-measures">{p.measures ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('ledger.progress')} span={isMobile ? 1 : 2}>
          <span className="lx-pre" data-testid="problem-progress">{p.progress ?? '—'}</span>
        </Descriptions.Item>
        {p.closureOpinion && (
          <Descriptions.Item label={t('ledger.closureOpinion')} span={isMobile ? 1 : 2}>
            <span className="lx-pre" data-testid="problem-closure">{p.closureOpinion}</span>
          </Descriptions.Item>
        )}
        {p.publicSummary && (
          <Descriptions.Item label={t('ledger.publicSummary')} span={isMobile ? 1 : 2}>
            <span className="lx-pre">{p.publicSummary}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );

  const chain = verify.data ? (
    verify.data.ok ? (
      <Alert type="success" showIcon icon={<SafetyCertificateOutlined />} title={t('ledger.chainOk', { n: verify.data.checked })} style={{ marginBottom: 12 }} data-testid="chain-ok" />
    ) : (
      <Alert type="error" showIcon icon={<CloseCircleOutlined />} title={t('ledger.chainBroken', { n: verify.data.brokenAt ?? '?' })} style={{ marginBottom: 12 }} data-testid="chain-broken" />
    )
  ) : null;

  const timeline = (
    <Card
      size="small"
      title={t('ledger.timeline')}
      data-testid="problem-timeline"
      extra={
        mayHandle && open ? (
          <Upload
            showUploadList={false}
            beforeUpload={(f) => {
              void upload(f);
              return false;
            }}
            accept="image/*,.pdf,.doc,.docx,.xls,.xlsx"
          >
            <Button size="small" icon={<UploadOutlined />} loading={attach.isPending} data-testid="attach-upload">{t('ledger.upload')}</Button>
          </Upload>
        ) : undefined
      }
    >
      {chain}
      {p.timeline.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={[...p.timeline].reverse().map((e) => ({
            key: e.seq,
            color: e.transition === 'return' ? 'red' : (KIND_COLORS[e.kind] ?? 'gray'),
            icon: e.kind === 'comment' ? <CommentOutlined /> : e.kind === 'attachment' ? <FileOutlined /> : e.kind === 'supervision' ? <BellOutlined /> : undefined,
            content: <TimelineItem e={e} problemId={p.id} />,
          }))}
        />
      )}
      {mayHandle && (
        <div style={{ marginTop: 8 }}>
          <Input.TextArea rows={2} maxLength={4000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('ledger.commentPlaceholder')} data-testid="comment-text" />
          <div style={{ textAlign: 'right', marginTop: 8 }}>
            <Button icon={<CommentOutlined />} onClick={sendComment} disabled={!comment.trim()} loading={note.isPending} data-testid="comment-send">
              {t('ledger.commentSend')}
            </Button>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{open ? t('ledger.uploadHint') : null}</Typography.Text>
        </div>
      )}
    </Card>
  );

  const actions = <ActionsCard p={p} isMobile={isMobile} onStep={setStep} onSupervise={() => setSupervising(true)} />;

  return (
    <div data-testid="problem-page">
      <PageHead title={`${t('ledger.title')} · ${p.org.name}`} extra={<Link to="/ledger"><Button>{common('common.back')}</Button></Link>} />
      {head}
      {isMobile ? (
        <>
          {actions}
          {info}
          {timeline}
        </>
      ) : (
        <Row gutter={12}>
          <Col span={14}>
            {actions}
            {info}
          </Col>
          <Col span={10}>{timeline}</Col>
        </Row>
      )}
      {step && <StepModal problem={p} transition={step} onClose={() => setStep(undefined)} onConflict={refresh} />}
      {supervising && (
        <SuperviseModal
          problemId={p.id}
          title={p.title}
          onClose={() => setSupervising(false)}
          onDone={() => void verify.refetch()}
          submit={(v) => note.mutateAsync({ kind: 'supervisions', text: v.text })}
        />
      )}
    </div>
  );
}
