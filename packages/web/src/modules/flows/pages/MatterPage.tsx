// One matter, phone first: every step in order with who acts, its limit and due date, its
// documents and the meeting that decided it; the step due now carries the act form for the
// account whose level acts on it (upload the documents, pick the meeting, write the result);
// the levels above may return it with a reason. The record of the matter follows.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Collapse, Descriptions, Input, Select, Skeleton, Space, Tag, Timeline, Typography, Upload } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { FLOW_LEVEL_LABELS, type MatterDetail, type MatterStepView } from '@lianxin/contract';
import { ApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useMeetings } from '../../orglife/orglife.api';
import { useMatter, useMatterActions } from '../flows.api';
import { useFlowsT } from '../flows.messages';
import { MatterTags } from '../components/MatterTags';

const errorText = (e: unknown) => (e instanceof ApiError ? [e.message, ...e.fields.map((f) => f.message)].filter((x, i, a) => a.indexOf(x) === i).join('；') : String(e));

function StepDocuments({ m, s, canUpload }: { m: MatterDetail; s: MatterStepView; canUpload: boolean }) {
  const t = useFlowsT();
  const { message } = AntApp.useApp();
  const { upload } = useMatterActions(m.id);
  if (s.documents.length === 0) return <Typography.Text type="secondary">{t('matter.noDocuments')}</Typography.Text>;
  return (
    <div className="lx-flow-docs">
      {s.documents.map((d) => (
        <div key={d.name} style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', marginBottom: 4 }} data-testid="step-document" data-name={d.name}>
          {d.files.length ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <ClockCircleOutlined style={{ color: '#d48806' }} />}
          <span>{d.name}</span>
          {d.files.map((f) => (
            <a key={f.attachmentId} href={`/api/flow-matters/${m.id}/attachments/${f.attachmentId}`} target="_blank" rel="noreferrer"><PaperClipOutlined /> {f.fileName}</a>
          ))}
          {canUpload && (
            <Upload
              showUploadList={false}
              accept="image/*,.pdf,.doc,.docx,.xls,.xlsx"
              customRequest={({ file, onSuccess, onError }) =>
                upload.mutate({ document: d.name, file: file as File }, {
                  onSuccess: () => { message.success(`${d.name} ${t('matter.uploaded')}`); onSuccess?.({}); },
                  onError: (e) => { message.error(errorText(e)); onError?.(e as Error); },
                })
              }
            >
              <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} data-testid="upload-document">{t('matter.upload')}</Button>
            </Upload>
          )}
        </div>
      ))}
    </div>
  );
}

function ActForm({ m, s }: { m: MatterDetail; s: MatterStepView }) {
  const t = useFlowsT();
  const { message } = AntApp.useApp();
  const { complete } = useMatterActions(m.id);
  const [result, setResult] = useState('');
  const [meetingId, setMeetingId] = useState<number | undefined>();
  const meetings = useMeetings({ orgId: m.org.id, typeCode: s.meetingType ?? undefined, pageSize: 50 });
  const options = s.meetingType ? (meetings.data?.items ?? []) : [];
  return (
    <div className="lx-flow-act" data-testid="act-form">
      {s.meetingType && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('matter.meetingNeeded', { type: s.meetingTypeName ?? '' })}</Typography.Text>
          {options.length ? (
            <Select
              style={{ width: '100%', marginTop: 6 }}
              placeholder={t('matter.pickMeeting')}
              value={meetingId}
              onChange={setMeetingId}
              data-testid="act-meeting"
              options={options.map((x) => ({ value: x.id, label: `${x.heldOn} · ${x.topic}` }))}
            />
          ) : (
            <Alert
              style={{ marginTop: 6 }}
              type="info"
              showIcon
              title={t('matter.noMeeting', { type: s.meetingTypeName ?? '' })}
              action={<Link to={`/orglife/meetings/new?orgId=${m.org.id}`} data-testid="record-meeting">{t('matter.recordMeeting')}</Link>}
            />
          )}
        </div>
      )}
      <Typography.Text strong>{t('matter.result')}</Typography.Text>
      <Input.TextArea rows={3} value={result} onChange={(e) => setResult(e.target.value)} placeholder={t('matter.resultHint')} maxLength={2000} style={{ marginTop: 6 }} data-testid="act-result" />
      {complete.error && <Alert style={{ marginTop: 8 }} type="error" showIcon title={errorText(complete.error)} data-testid="act-error" />}
      <Button
        type="primary"
        block
        size="large"
        style={{ marginTop: 12 }}
        disabled={!result.trim()}
        loading={complete.isPending}
        data-testid="act-complete"
        onClick={() =>
          complete.mutate({ version: m.version, stepKey: s.key, result: result.trim(), meetingId: meetingId ?? null }, {
            onSuccess: () => { message.success(t('matter.completed')); setResult(''); setMeetingId(undefined); },
          })
        }
      >
        {t('matter.complete', { step: s.name })}
      </Button>
    </div>
  );
}

function ReasonAction({ m, kind }: { m: MatterDetail; kind: 'back' | 'cancel' }) {
  const t = useFlowsT();
  const actions = useMatterActions(m.id);
  const mutation = actions[kind];
  const [reason, setReason] = useState('');
  return (
    <div style={{ marginBottom: 8 }}>
      <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('matter.reason')} maxLength={1000} data-testid={`${kind}-reason`} />
      {mutation.error && <Alert type="error" showIcon title={errorText(mutation.error)} />}
      <Button danger style={{ marginTop: 6 }} disabled={!reason.trim()} loading={mutation.isPending} data-testid={`${kind}-submit`}
        onClick={() => mutation.mutate({ version: m.version, reason: reason.trim() }, { onSuccess: () => setReason('') })}>
        {t(kind === 'back' ? 'matter.return' : 'matter.cancel')}
      </Button>
    </div>
  );
}

export function MatterPage() {
  const id = Number(useParams().id);
  const t = useFlowsT();
  const { lang } = useI18n();
  const q = useMatter(id);
  const m = q.data;
  usePageCrumb(m?.title);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!m) return <Card><Skeleton active /></Card>;
  const color = (s: MatterStepView) => (s.state === 'done' ? 'green' : s.state === 'current' ? (s.overdueDays > 0 ? 'red' : 'blue') : 'gray');

  return (
    <div data-testid="matter-page" style={{ maxWidth: 860 }}>
      <PageHead title={m.title} record />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap style={{ marginBottom: 8 }}><MatterTags m={m} /><Tag bordered={false}>{m.flow.name} · {t('flows.edition', { n: m.flow.edition })}</Tag></Space>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('matters.org')}>{m.org.name}</Descriptions.Item>
          <Descriptions.Item label={t('matter.summary')}><span style={{ whiteSpace: 'pre-wrap' }}>{m.summary}</span></Descriptions.Item>
          {m.amountYuan !== null && <Descriptions.Item label={t('matter.amount')}>{t('matter.yuan', { n: m.amountYuan.toLocaleString('zh-CN') })}</Descriptions.Item>}
          <Descriptions.Item label={t('matter.opened')}>{m.openedOn}</Descriptions.Item>
        </Descriptions>
        {m.status === 'done' && <Alert type="success" showIcon title={t('matter.finished')} />}
        {m.status === 'cancelled' && <Alert type="warning" showIcon title={t('matter.cancelled')} />}
      </Card>

      <Card size="small" title={t('matter.steps')} style={{ marginBottom: 12 }}>
        <Timeline
          items={m.steps.map((s, i) => ({
            color: color(s),
            content: (
              <div data-testid="matter-step" data-key={s.key} data-state={s.state} className={s.state === 'current' ? 'lx-flow-current' : undefined}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                  <Typography.Text strong>{i + 1}. {s.name}</Typography.Text>
                  <span>
                    {s.public && <Tag color="gold" bordered={false}>{t('matter.public')}</Tag>}
                    {s.overdueDays > 0 && <Tag color="red" data-testid="step-late">{t('matters.late', { n: s.overdueDays })}</Tag>}
                  </span>
                </div>
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {t('matter.who')}：{FLOW_LEVEL_LABELS[s.level][lang]} · {s.body} · {t('matter.limit', { n: s.limitDays })}
                  {s.state === 'current' && s.dueOn ? ` · ${t('matter.due', { d: s.dueOn })}` : ''}
                  {s.completedOn ? ` · ${t('matter.doneOn', { d: s.completedOn })}` : ''}
                </Typography.Text>
                {s.result && <div style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }} data-testid="step-result">{s.result}</div>}
                {s.meeting && (
                  <div><Typography.Text type="secondary">{t('matter.meeting')}：</Typography.Text><Link to={`/orglife/meetings/${s.meeting.id}`} data-testid="step-meeting">{s.meeting.heldOn} {s.meeting.typeName} · {s.meeting.topic}</Link></div>
                )}
                {s.state !== 'waiting' && <StepDocuments m={m} s={s} canUpload={s.state === 'current' && m.may.complete} />}
                {s.state === 'current' && !m.may.complete && (
                  <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('matter.notYours', { level: FLOW_LEVEL_LABELS[s.level][lang], body: s.body })} />
                )}
                {s.state === 'current' && m.may.complete && <ActForm m={m} s={s} />}
              </div>
            ),
          }))}
        />
        {(m.may.return || m.may.cancel) && (
          <Collapse
            size="small"
            items={[
              ...(m.may.return ? [{ key: 'back', label: t('matter.return'), children: <ReasonAction m={m} kind="back" /> }] : []),
              ...(m.may.cancel ? [{ key: 'cancel', label: t('matter.cancel'), children: <ReasonAction m={m} kind="cancel" /> }] : []),
            ]}
          />
        )}
      </Card>

      <Card size="small" title={t('matter.timeline')}>
        <Timeline items={[...m.timeline].reverse().map((e) => ({ content: <span><Typography.Text type="secondary">{new Date(e.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, -3)} · {e.actor}</Typography.Text><br />{e.text}</span> }))} />
      </Card>
    </div>
  );
}
