// A request: the seven steps, what the citizen asked (personal data only as the API returns it),
// the timeline, its whistles, and only the actions this account may take now.
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { App as AntApp, Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Form, Grid, Image, Input, Modal, Popconfirm, Radio, Row, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import {
  CheckCircleOutlined,
  FileDoneOutlined,
  FlagOutlined,
  MessageOutlined,
  NotificationOutlined,
  RollbackOutlined,
  ScheduleOutlined,
  SwapOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { REQUEST_CATEGORY_LABELS, type RequestTransition } from '@lianxin/contract';
import { ApiError } from '../../../app/api';
import { useAccount, useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useFireRequest, useHandOver, useHandOverCandidates, useMessage, useReportUp, useRequest, useRevealPhone } from '../citizens.api';
import { useCitizensT } from '../citizens.messages';
import { SevenSteps } from '../components/SevenSteps';
import { WhistleModal } from '../components/WhistleModal';
import { ChannelText, Countdown, RatingTag, RequestStatusTag } from '../components/tags';
import '../citizens.css';

type Dialog = 'promise' | 'resolve' | 'reopen' | 'handOver' | 'message' | 'report' | 'whistle' | undefined;

/** Puts the API's field errors on the dialog's fields (named as the body sends them); answers what is left. */
function showErrors(form: ReturnType<typeof Form.useForm>[0], e: unknown, fields: string[]): string | undefined {
  if (!(e instanceof ApiError)) return (e as Error).message;
  const matched = e.fields.filter((f) => fields.includes(f.field));
  if (!matched.length) return e.message;
  form.setFields(matched.map((f) => ({ name: f.field, errors: [f.message] })));
  return undefined;
}

function ActionDialog({ open, title, onClose, onOk, loading, error, children, form, okTestId }: { open: boolean; title: string; onClose: () => void; onOk: () => void; loading: boolean; error?: string; children: ReactNode; form: ReturnType<typeof Form.useForm>[0]; okTestId: string }) {
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={onOk} confirmLoading={loading} destroyOnHidden okButtonProps={{ 'data-testid': okTestId } as ButtonProps}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        {children}
      </Form>
    </Modal>
  );
}

export function RequestDetailPage() {
  const id = Number(useParams().id);
  const { t: tc, label } = useI18n();
  const t = useCitizensT();
  const can = useCan();
  const me = useAccount();
  const { message } = AntApp.useApp();
  const isMobile = Grid.useBreakpoint().md === false;
  const q = useRequest(id);
  const r = q.data;
  usePageCrumb(r ? r.trackingCode : undefined);
  const fire = useFireRequest();
  const handOver = useHandOver();
  const sendMessage = useMessage();
  const reportUp = useReportUp();
  const reveal = useRevealPhone();
  const [fullPhone, setFullPhone] = useState<{ id: number; phone: string }>();
  const [dialog, setDialog] = useState<Dialog>();
  const [error, setError] = useState<string>();
  const [form] = Form.useForm();
  const isOwner = !!r?.owner && r.owner.id === me.id;
  const candidates = useHandOverCandidates(id, dialog === 'handOver');

  if (q.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (q.error || !r) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;

  const open = (d: Dialog) => {
    setError(undefined);
    setDialog(d);
  };
  const close = () => setDialog(undefined);
  const run = async (fn: () => Promise<unknown>, fields: string[], done: string) => {
    setError(undefined);
    try {
      await fn();
      message.success(done);
      close();
    } catch (e) {
      setError(showErrors(form, e, fields));
    }
  };
  const fireNow = async (transition: RequestTransition, extra: { comment?: string; promisedDate?: string; resolved?: boolean } = {}) =>
    fire.mutateAsync({ id: r.id, transition, version: r.version, ...extra });
  const submitDialog = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    switch (dialog) {
      case 'promise':
        return run(() => fireNow('promise', { promisedDate: (v.promisedDate as dayjs.Dayjs).format('YYYY-MM-DD'), comment: v.comment?.trim() || undefined }), ['promisedDate', 'comment'], t('act.promisedDone', { date: (v.promisedDate as dayjs.Dayjs).format('YYYY-MM-DD') }));
      case 'resolve':
        return run(() => fireNow('resolve', { comment: v.comment, resolved: v.resolved === 'yes' }), ['comment', 'resolved'], t(v.resolved === 'yes' ? 'act.resolvedDone' : 'act.unresolvedDone'));
      case 'reopen':
        return run(() => fireNow('reopen', { comment: v.comment }), ['comment'], t('act.reopenedDone'));
      case 'handOver':
        return run(() => handOver.mutateAsync({ id: r.id, toAccountId: v.toAccountId, note: v.note }), ['toAccountId', 'note'], t('act.handedOverDone'));
      case 'message':
        return run(() => sendMessage.mutateAsync({ id: r.id, text: v.text, public: !!v.public }), ['text'], t(v.public ? 'act.messagePublicDone' : 'act.messageDone'));
      case 'report':
        return run(() => reportUp.mutateAsync({ id: r.id, text: v.text }), ['text'], t('act.reportedUpDone'));
      default:
        return undefined;
    }
  };
  const quick = async (transition: RequestTransition) => {
    try {
      await fireNow(transition);
      message.success(t(transition === 'claim' ? 'act.claimedDone' : transition === 'archive' ? 'act.archivedDone' : 'act.done'));
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const ended = r.status === 'resolved' || r.status === 'archived';
  const actions: ReactNode[] = [];
  if (r.actions.includes('claim'))
    actions.push(
      <Popconfirm key="claim" title={t('act.claim')} description={<div style={{ maxWidth: 260 }}>{t('act.claimConfirm')}</div>} onConfirm={() => quick('claim')} okButtonProps={{ 'data-testid': 'claim-confirm' } as ButtonProps}>
        <Button type="primary" icon={<UserAddOutlined />} loading={fire.isPending} data-testid="act-claim">{t('act.claim')}</Button>
      </Popconfirm>,
    );
  if (r.actions.includes('promise')) actions.push(<Button key="promise" type={r.status === 'claimed' ? 'primary' : 'default'} icon={<ScheduleOutlined />} onClick={() => open('promise')} data-testid="act-promise">{t('act.promise')}</Button>);
  if (r.actions.includes('resolve')) actions.push(<Button key="resolve" icon={<CheckCircleOutlined />} onClick={() => open('resolve')} data-testid="act-resolve" type={r.status === 'promised' ? 'primary' : 'default'}>{t('act.resolve')}</Button>);
  if (can('citizen:whistle') && r.status !== 'archived') actions.push(<Button key="whistle" icon={<NotificationOutlined />} onClick={() => open('whistle')} data-testid="act-whistle">{t('act.whistle')}</Button>);
  if (can('citizen:handle') && r.status !== 'archived') actions.push(<Button key="message" icon={<MessageOutlined />} onClick={() => open('message')} data-testid="act-message">{t('act.message')}</Button>);
  if (can('citizen:handle') && !ended) actions.push(<Button key="report" icon={<FlagOutlined />} onClick={() => open('report')} data-testid="act-report">{t('act.reportUp')}</Button>);
  if (isOwner && !ended) actions.push(<Button key="hand" icon={<SwapOutlined />} onClick={() => open('handOver')} data-testid="act-handover">{t('act.handOver')}</Button>);
  if (r.actions.includes('archive'))
    actions.push(
      <Popconfirm key="archive" title={t('act.archive')} description={<div style={{ maxWidth: 260 }}>{t('act.archiveConfirm')}</div>} onConfirm={() => quick('archive')}>
        <Button icon={<FileDoneOutlined />} data-testid="act-archive">{t('act.archive')}</Button>
      </Popconfirm>,
    );
  if (r.actions.includes('reopen')) actions.push(<Button key="reopen" danger icon={<RollbackOutlined />} onClick={() => open('reopen')} data-testid="act-reopen">{t('act.reopen')}</Button>);

  const actionBar = actions.length ? (
    <div className={isMobile ? 'lx-action-bar-mobile' : 'lx-action-bar'} data-testid="request-actions">
      <Space wrap>{actions}</Space>
    </div>
  ) : (
    <Typography.Text type="secondary">{t('req.noActions')}</Typography.Text>
  );

  return (
    <div data-testid="request-detail">
      <PageHead
        title={
          <Space wrap>
            <span>{t('req.title')}</span>
            <Typography.Text copyable className="lx-mono" data-testid="tracking-code">{r.trackingCode}</Typography.Text>
            <RequestStatusTag status={r.status} />
          </Space>
        }
      />
      {isMobile && (
        <Space style={{ marginBottom: 8 }} wrap>
          <Typography.Text copyable className="lx-mono">{r.trackingCode}</Typography.Text>
          <RequestStatusTag status={r.status} />
          <Countdown date={r.promisedDate} done={ended} />
        </Space>
      )}
      <Card size="small" style={{ marginBottom: 12 }} className="lx-steps-card">
        <SevenSteps request={r} />
      </Card>
      {!isMobile && <Card size="small" style={{ marginBottom: 12 }}>{actionBar}</Card>}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('req.matter')} style={{ marginBottom: 12 }}>
            <Typography.Paragraph className="lx-matter" data-testid="request-matter">{r.matter}</Typography.Paragraph>
            <Descriptions size="small" column={isMobile ? 1 : 2} bordered={!isMobile}>
              <Descriptions.Item label={t('req.citizen')}>{r.citizenName}</Descriptions.Item>
              <Descriptions.Item label={t('req.phone')}>
                {fullPhone?.id === r.id ? (
                  <a href={`tel:${fullPhone.phone}`} className="lx-mono" data-testid="request-phone">{fullPhone.phone}</a>
                ) : (
                  <Space size={8} wrap>
                    <span className="lx-mono" data-testid="request-phone">{r.phone ?? '—'}</span>
                    {r.canRevealPhone && (
                      <Button
                        size="small"
                        title={t('req.revealPhoneHint')}
                        loading={reveal.isPending}
                        data-testid="request-reveal-phone"
                        onClick={() =>
                          reveal.mutate(r.id, {
                            onSuccess: (v) => setFullPhone(v),
                            onError: (e) => void message.error((e as Error).message),
                          })
                        }
                      >
                        {t('req.revealPhone')}
                      </Button>
                    )}
                  </Space>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('req.channel')}><ChannelText channel={r.channel} /></Descriptions.Item>
              <Descriptions.Item label={t('req.category')}>{label(REQUEST_CATEGORY_LABELS[r.category])}</Descriptions.Item>
              <Descriptions.Item label={t('req.org')}>{r.org.name}</Descriptions.Item>
              <Descriptions.Item label={t('req.openedAt')}>{dayjs(r.openedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
              <Descriptions.Item label={t('req.firstOwner')}>{r.firstOwner?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('req.owner')}>{r.owner?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('req.promised')}><Countdown date={r.promisedDate} done={ended} /></Descriptions.Item>
              <Descriptions.Item label={t('req.rating')}>
                <RatingTag rating={r.rating} />
                {r.ratingComment && <span className="lx-muted"> {r.ratingComment}</span>}
              </Descriptions.Item>
              {r.outcome && (
                <Descriptions.Item label={t('req.outcome')} span={isMobile ? 1 : 2}>
                  {r.outcome} {r.resolved !== null && <Tag color={r.resolved ? 'green' : 'orange'}>{r.resolved ? t('req.solved') : t('req.notSolved')}</Tag>}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          {r.attachments.length > 0 && (
            <Card size="small" title={t('req.photos')} style={{ marginBottom: 12 }} data-testid="request-photos">
              <Space wrap>
                {r.attachments.map((a) =>
                  a.mimeType.startsWith('image/') ? (
                    <Image key={a.id} width={120} height={120} style={{ objectFit: 'cover', borderRadius: 6 }} src={`/api/requests/${r.id}/attachments/${a.id}`} alt={a.fileName} />
                  ) : (
                    <a key={a.id} href={`/api/requests/${r.id}/attachments/${a.id}`}>{a.fileName}</a>
                  ),
                )}
              </Space>
            </Card>
          )}
          {r.whistles.length > 0 && (
            <Card size="small" title={t('req.whistles')} style={{ marginBottom: 12 }} data-testid="request-whistles">
              {r.whistles.map((w) => (
                <div key={w.id} className="lx-whistle-line">
                  <Link to={`/whistles?id=${w.id}`}>#{w.id}</Link>
                  <Tag color={w.status === 'done' ? 'green' : 'blue'}>{w.status === 'done' ? t('wh.done') : t('wh.open')}</Tag>
                  <span>{t('req.whistleParts', { done: w.done, n: w.parts })}</span>
                </div>
              ))}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('req.timeline')} data-testid="request-timeline">
            {r.timeline.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Timeline
                items={[...r.timeline].reverse().map((e) => ({
                  color: e.transition ? 'red' : e.public ? 'green' : 'gray',
                  content: (
                    <div className="lx-tl-item">
                      <div className="lx-tl-head">
                        <strong>{e.transition ? transitionName(e.transition, t) : e.kind === 'open' ? t('step.receive') : (e.actorDisplay ?? e.actor)}</strong>
                        {e.public && <Tag color="green" style={{ marginInlineStart: 6 }}>{t('req.publicMsg')}</Tag>}
                      </div>
                      {e.text && <div className="lx-tl-text">{e.text}</div>}
                      <div className="lx-muted">{e.actorDisplay ?? (e.actor === 'system' ? t('req.system') : e.actor)} · {dayjs(e.at).format('YYYY-MM-DD HH:mm')}</div>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      {isMobile && <div className="lx-sticky-actions">{actionBar}</div>}

      <ActionDialog form={form} open={dialog === 'promise'} title={t('act.promise')} onClose={close} onOk={submitDialog} loading={fire.isPending} error={error} okTestId="promise-ok">
        <Form.Item name="promisedDate" label={t('act.promisedDate')} rules={[{ required: true, message: tc('common.select', { field: t('act.promisedDate') }) }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} inputReadOnly={isMobile} data-testid="promise-date" />
        </Form.Item>
        <Form.Item name="comment" label={t('act.comment')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
      </ActionDialog>
      <ActionDialog form={form} open={dialog === 'resolve'} title={t('act.resolve')} onClose={close} onOk={submitDialog} loading={fire.isPending} error={error} okTestId="resolve-ok">
        <Form.Item name="comment" label={t('req.outcome')} rules={[{ required: true, whitespace: true, message: tc('common.required', { field: t('req.outcome') }) }]}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="resolve-outcome" />
        </Form.Item>
        <Form.Item name="resolved" label={t('req.solved')} rules={[{ required: true, message: tc('common.select', { field: t('req.solved') }) }]}>
          <Radio.Group optionType="button" options={[{ value: 'yes', label: t('req.solved') }, { value: 'no', label: t('req.notSolved') }]} data-testid="resolve-solved" />
        </Form.Item>
      </ActionDialog>
      <ActionDialog form={form} open={dialog === 'reopen'} title={t('act.reopen')} onClose={close} onOk={submitDialog} loading={fire.isPending} error={error} okTestId="reopen-ok">
        <Form.Item name="comment" label={t('act.reason')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
      </ActionDialog>
      <ActionDialog form={form} open={dialog === 'handOver'} title={t('act.handOver')} onClose={close} onOk={submitDialog} loading={handOver.isPending} error={error} okTestId="handover-ok">
        <Form.Item name="toAccountId" label={t('act.handOverTo')} rules={[{ required: true }]}>
          <Select loading={candidates.isPending} options={(candidates.data ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.scope}）` }))} data-testid="handover-to" />
        </Form.Item>
        <Form.Item name="note" label={t('act.handOverNote')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
      </ActionDialog>
      <ActionDialog form={form} open={dialog === 'message'} title={t('act.message')} onClose={close} onOk={submitDialog} loading={sendMessage.isPending} error={error} okTestId="message-ok">
        <Form.Item name="text" label={t('act.messageText')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={4000} data-testid="message-text" /></Form.Item>
        <Form.Item name="public" valuePropName="checked" initialValue={true}><Checkbox>{t('act.messagePublic')}</Checkbox></Form.Item>
      </ActionDialog>
      <ActionDialog form={form} open={dialog === 'report'} title={t('act.reportUp')} onClose={close} onOk={submitDialog} loading={reportUp.isPending} error={error} okTestId="report-ok">
        <Form.Item name="text" label={t('act.reportText')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={4000} data-testid="report-text" /></Form.Item>
      </ActionDialog>
      {dialog === 'whistle' && <WhistleModal open sourceCaseId={r.id} defaultMatter={r.matter} onClose={close} />}
    </div>
  );
}

function transitionName(tr: string, t: ReturnType<typeof useCitizensT>): string {
  const map: Record<string, Parameters<typeof t>[0]> = { claim: 'act.claim', promise: 'act.promise', resolve: 'act.resolve', archive: 'act.archive', reopen: 'act.reopen' };
  return map[tr] ? t(map[tr]!) : tr;
}

