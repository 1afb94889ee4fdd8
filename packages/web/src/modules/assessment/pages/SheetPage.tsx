// 评分表: one unit's month. Each indicator is a card (a phone scores it in a column): computed ones
// show their figure and the records behind it (the problems, reports or requests counted), manual
// ones take points and evidence. The next step is offered first: submit, or at review pass / return
// with a reason. A published sheet is open to the unit's appeal (reason and evidence) until the
// county's window ends; the county upholds (a corrected revision opens) or rejects it; then it is
// locked (a correction is a new revision).
import { useEffect, useRef, useState } from 'react';
import { CameraOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Input, InputNumber, Modal, Select, Space, Tag, Timeline, Typography, Upload, message } from 'antd';
import { CONSEQUENCE_KINDS, CONSEQUENCE_KIND_LABELS, INDICATOR_SOURCE_LABELS, type ConsequenceKind, type SheetDetail, type SheetTransition } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useRecordConsequence } from '../../recognition/consequences.api';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { useAppealSheet, useCorrectSheet, useFireSheet, useSaveScores, useSheet, useUploadAppealFile } from '../assessment.api';
import { useAssessmentT } from '../assessment.messages';

type Draft = Record<string, { points: number | null; evidence: string }>;

/** Where a computed figure's records are listed. */
// a visit is listed on the first secretary's page, a milestone on the project's page (the sheet's subject)
const RECORD_LINKS: Record<'problem' | 'assignment' | 'request' | 'appraisal' | 'report_session' | 'research' | 'visit' | 'milestone', (id: number, subject: number) => string> = {
  visit: (_id, subject) => `/first-secretaries/${subject}`,
  milestone: (_id, subject) => `/projects/${subject}`,
  problem: (id) => `/ledger/${id}`,
  request: (id) => `/citizens/requests/${id}`,
  assignment: (id) => `/dispatch/assignments/${id}`,
  appraisal: (id) => `/orglife/appraisals?id=${id}`,
  report_session: (id) => `/orglife/report-sessions/${id}`,
  research: (id) => `/orglife/research/${id}`,
};
const recordLink = (kind: keyof typeof RECORD_LINKS, id: number, subject: number) => RECORD_LINKS[kind](id, subject);

export function SheetPage() {
  const t = useAssessmentT();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const sheet = useSheet(id);
  const save = useSaveScores(id);
  const fire = useFireSheet(id);
  const correct = useCorrectSheet(id);
  const [draft, setDraft] = useState<Draft>({});
  const appeal = useAppealSheet(id);
  const uploadAppealFile = useUploadAppealFile(id);
  const [appealFiles, setAppealFiles] = useState<File[]>([]);
  const camera = useRef<HTMLInputElement>(null);
  const cardCamera = useRef<HTMLInputElement>(null);
  const sendAppealFile = (f: File) => uploadAppealFile.mutate(f, {
    onSuccess: () => void message.success(t('sheet.appealFileSaved')),
    onError: (e) => void message.error(e instanceof Error ? e.message : String(e)),
  });
  /** Files the unit picked in the appeal form, uploaded one by one once the appeal is filed. */
  const fileAppeal = (body: { version: number; reason: string; evidence: string }) => appeal.mutate(body, {
    onSuccess: async () => {
      try {
        for (const f of appealFiles) await uploadAppealFile.mutateAsync(f);
      } catch (e) {
        void message.error(t('sheet.appealFilesFailed', { msg: e instanceof Error ? e.message : String(e) }));
      }
      setAppealFiles([]);
      setAppealing(false);
    },
  });
  // the transition that needs a reason being confirmed (退回, 申诉成立, 驳回申诉)
  const [returning, setReturning] = useState<SheetTransition | null>(null);
  const [reason, setReason] = useState('');
  const [appealing, setAppealing] = useState(false);
  // 奖惩: a consequence the township (county) records from this published sheet
  const can = useCan();
  const record = useRecordConsequence();
  const [consequence, setConsequence] = useState<{ kind: ConsequenceKind; title: string; yuan: number | null } | null>(null);
  const [appealText, setAppealText] = useState({ reason: '', evidence: '' });
  const s = sheet.data;
  // a first secretary's or a project's sheet is named by its subject, the org it sits at beside it
  const named = s ? (s.subject.kind === 'org' ? s.org.name : `${s.subject.name}（${s.subject.kind === 'first_secretary' ? '第一书记' : '项目'} · ${s.org.name}）`) : '';
  usePageCrumb(s ? `${named} ${s.period}` : undefined);

  useEffect(() => {
    if (!s) return;
    setDraft(Object.fromEntries(s.entries.filter((e) => e.source === 'manual').map((e) => [e.key, { points: e.points, evidence: e.evidence ?? '' }])));
  }, [s]);

  if (sheet.error) return <ApiErrorAlert error={sheet.error} onRetry={() => void sheet.refetch()} />;
  if (!s) return null;
  const editable = s.status === 'draft' && s.transitions.some((x) => x.name === 'submit');
  const scores = () =>
    Object.entries(draft).filter(([, v]) => v.points !== null).map(([key, v]) => ({ key, points: v.points!, ...(v.evidence.trim() ? { evidence: v.evidence.trim() } : {}) }));

  const doFire = (transition: SheetTransition, body?: string) =>
    fire.mutate({ transition, version: s.version, ...(body ? { body } : {}) }, { onSuccess: () => { setReturning(null); setReason(''); } });

  const submit = () =>
    save.mutate({ version: s.version, scores: scores() }, { onSuccess: (saved: SheetDetail) => fire.mutate({ transition: 'submit', version: saved.version }) });

  return (
    <div data-testid="assessment-sheet" style={{ maxWidth: 760 }}>
      <PageHead title={`${named} · ${s.period}`} record />
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color="blue" data-testid="sheet-status">{s.statusLabel}</Tag>
        {s.revision > 1 && <Tag>{t('sheet.revision', { n: s.revision })}</Tag>}
        <Typography.Text strong data-testid="sheet-total">{t('sheet.total', { total: s.total, max: s.max })}</Typography.Text>
        <Typography.Text type="secondary">{t('sheet.scorer', { name: s.scorer.name })}</Typography.Text>
      </Space>
      <div className="lx-muted" style={{ marginBottom: 12 }}>{s.scheme.name}</div>
      {s.veto && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`${t('sheet.veto')}：${s.veto.reason}`} />}
      {s.status === 'published' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('sheet.appealWindow', { until: s.appealUntil ?? '—' })} data-testid="sheet-window" />}
      {s.status === 'appealed' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('sheet.appealed')} />}
      {s.status === 'locked' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('sheet.locked')} />}
      {s.appeal && (
        <Card size="small" title={t('sheet.appealCard')} style={{ marginBottom: 12 }} data-testid="sheet-appeal"
          extra={<Tag color={s.appeal.decision === 'upheld' ? 'green' : s.appeal.decision === 'rejected' ? 'default' : 'orange'}>{s.appeal.decision === 'upheld' ? t('sheet.upheld') : s.appeal.decision === 'rejected' ? t('sheet.rejected') : t('sheet.pending')}</Tag>}>
          <Descriptions size="small" column={1} items={[
            { key: 'r', label: t('sheet.appealReason'), children: s.appeal.reason },
            { key: 'e', label: t('sheet.appealEvidence'), children: s.appeal.evidence },
            { key: 'b', label: t('sheet.appealFiled'), children: <span className="lx-muted">{t('sheet.appealBy', { by: s.appeal.filedBy, at: new Date(s.appeal.filedAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) })}</span> },
            {
              key: 'f', label: t('sheet.appealFiles'), children: (
                <div data-testid="sheet-appeal-files">
                  {s.appeal.files.length === 0 && <span className="lx-muted">{t('sheet.appealFilesNone')}</span>}
                  <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                    {s.appeal.files.map((f) => {
                      const href = `/api/assessment/sheets/${s.id}/appeal/files/${f.id}`;
                      return (
                        <div key={f.id}>
                          {f.mimeType.startsWith('image/')
                            ? <a href={href} target="_blank" rel="noreferrer"><img src={href} alt={f.fileName} style={{ width: 120, height: 90, objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0', display: 'block' }} /></a>
                            : <Typography.Link href={href} target="_blank"><PaperClipOutlined /> {f.fileName}</Typography.Link>}
                        </div>
                      );
                    })}
                  </div>
                  {s.appeal.canAddFiles && (
                    <Space wrap style={{ marginTop: 8 }}>
                      <input ref={cardCamera} type="file" accept="image/*" capture="environment" hidden onChange={(e) => { const f = e.target.files?.[0]; if (f) sendAppealFile(f); e.target.value = ''; }} />
                      <Button icon={<CameraOutlined />} loading={uploadAppealFile.isPending} onClick={() => cardCamera.current?.click()} data-testid="appeal-card-photo">{t('sheet.appealPhoto')}</Button>
                      <Upload showUploadList={false} beforeUpload={(file) => { sendAppealFile(file); return false; }}>
                        <Button icon={<PaperClipOutlined />} loading={uploadAppealFile.isPending}>{t('sheet.appealFile')}</Button>
                      </Upload>
                    </Space>
                  )}
                </div>
              ),
            },
            ...(s.appeal.decisionReason ? [{ key: 'd', label: t('sheet.decisionReason'), children: s.appeal.decisionReason }] : []),
          ]} />
          {s.appeal.correctionId && <Link to={`/assessment/sheets/${s.appeal.correctionId}`} data-testid="sheet-correction">{t('sheet.correction')}</Link>}
        </Card>
      )}
      {(save.error || fire.error || correct.error || appeal.error) && <ApiErrorAlert error={save.error ?? fire.error ?? correct.error ?? appeal.error} />}

      <Space direction="vertical" style={{ width: '100%' }}>
        {s.entries.map((e) => (
          <Card key={e.key} size="small" data-testid={`entry-${e.key}`} title={<span style={{ whiteSpace: 'normal' }}>{e.name}</span>} extra={<span className="lx-muted">{t('sheet.max', { n: e.max })}</span>}>
            <div className="lx-muted" style={{ fontSize: 12, marginBottom: 6 }}>{e.category} · {e.item}</div>
            {e.source !== 'manual' ? (
              <div data-testid="computed">
                <Tag color="purple">{INDICATOR_SOURCE_LABELS[e.source].zh}</Tag>
                <strong>{e.points}</strong>
                {e.basis && (
                  <div style={{ marginTop: 4 }}>
                    {e.basis.denominator === 0 ? (
                      <span className="lx-muted">{t('sheet.noRecords')}</span>
                    ) : (
                      <span data-testid="basis">
                        {t('sheet.records', { n: e.basis.numerator, d: e.basis.denominator })}{' '}
                        {e.basis.records.ids.slice(0, 10).map((rid, i) => (
                          <Link key={rid} to={recordLink(e.basis!.records.kind, rid, s.subject.id)} style={{ marginInlineEnd: 6 }}>
                            {t('sheet.recordN', { n: i + 1 })}
                          </Link>
                        ))}
                      </span>
                    )}
                  </div>
                )}
              </div>
            ) : editable ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                <InputNumber
                  min={0}
                  max={e.max}
                  step={0.5}
                  value={draft[e.key]?.points ?? null}
                  onChange={(v) => setDraft((d) => ({ ...d, [e.key]: { evidence: d[e.key]?.evidence ?? '', points: v === null ? null : Number(v) } }))}
                  style={{ width: 140 }}
                  data-testid="points"
                />
                <Input.TextArea
                  rows={2}
                  placeholder={`${t('sheet.evidence')}${e.evidenceRequired ? `（${t('sheet.evidenceRequired')}）` : ''}`}
                  value={draft[e.key]?.evidence ?? ''}
                  onChange={(ev) => setDraft((d) => ({ ...d, [e.key]: { points: d[e.key]?.points ?? null, evidence: ev.target.value } }))}
                  data-testid="evidence"
                />
              </Space>
            ) : (
              <div>
                <strong>{e.points ?? '—'}</strong>
                {e.evidence && <div className="lx-muted" style={{ fontSize: 12 }}>{e.evidence}</div>}
              </div>
            )}
          </Card>
        ))}
      </Space>

      <Space wrap style={{ margin: '16px 0' }}>
        {editable && (
          <>
            <Button type="primary" onClick={submit} loading={save.isPending || fire.isPending} data-testid="sheet-submit">
              {s.transitions.find((x) => x.name === 'submit')!.label}
            </Button>
            <Button onClick={() => save.mutate({ version: s.version, scores: scores() }, { onSuccess: () => void message.success(t('sheet.saved')) })} loading={save.isPending} data-testid="sheet-save">
              {t('sheet.save')}
            </Button>
          </>
        )}
        {s.transitions.filter((x) => x.name !== 'submit').map((x) =>
          x.needsReason ? (
            <Button key={x.name} danger={x.name !== 'uphold_appeal'} onClick={() => setReturning(x.name)} data-testid={`sheet-${x.name}`}>{x.label}</Button>
          ) : (
            <Button key={x.name} type="primary" onClick={() => doFire(x.name)} loading={fire.isPending} data-testid={`sheet-${x.name}`}>{x.label}</Button>
          ),
        )}
        {can('recognition:consequence') && ['published', 'appealed', 'locked'].includes(s.status) && s.transitions.length === 0 && !s.canAppeal && (
          <Button onClick={() => setConsequence({ kind: 'reward', title: '', yuan: null })} data-testid="sheet-consequence">记录奖惩</Button>
        )}
        {s.canAppeal && (
          <Button danger onClick={() => setAppealing(true)} data-testid="sheet-appeal-open">{t('sheet.appeal')}</Button>
        )}
        {s.status === 'locked' && editable === false && s.transitions.length === 0 && !s.appeal?.correctionId && (
          <Button onClick={() => correct.mutate(undefined, { onSuccess: (n) => navigate(`/assessment/sheets/${n.id}`) })} data-testid="sheet-correct">{t('sheet.correct')}</Button>
        )}
      </Space>

      <Card size="small" title={t('sheet.timeline')}>
        <Timeline
          items={s.timeline.map((e) => ({
            children: (
              <div>
                <strong>{e.label}</strong> <span className="lx-muted">{e.actor} · {new Date(e.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</span>
                {e.body && <div>{e.body}</div>}
              </div>
            ),
          }))}
        />
      </Card>

      <Modal
        open={returning !== null}
        title={returning === 'return' ? t('sheet.reason') : `${s.transitions.find((x) => x.name === returning)?.label ?? ''} · ${t('sheet.decisionReason')}`}
        onCancel={() => setReturning(null)}
        onOk={() => returning && doFire(returning, reason)}
        okButtonProps={{ disabled: !reason.trim(), danger: returning !== 'uphold_appeal', 'data-testid': 'return-confirm' } as never}
        confirmLoading={fire.isPending}
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={returning === 'return' ? t('sheet.reasonRequired') : t('sheet.decisionReason')} data-testid="return-reason" />
      </Modal>

      <Modal
        open={consequence !== null}
        title={`记录奖惩 · ${s.org.name} ${s.period}`}
        onCancel={() => setConsequence(null)}
        onOk={() => consequence && record.mutate({
          kind: consequence.kind, basisType: 'sheet', basisId: s.id, title: consequence.title.trim(), decidedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
          ...(consequence.yuan ? { amountFen: Math.round(consequence.yuan * 100) } : {}),
        }, { onSuccess: () => { setConsequence(null); void message.success('已记录，见该单位的奖惩记录'); } })}
        okButtonProps={{ disabled: (consequence?.title.trim().length ?? 0) < 2, 'data-testid': 'consequence-confirm' } as never}
        confirmLoading={record.isPending}
      >
        {consequence && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Select value={consequence.kind} style={{ width: 200 }} onChange={(kind) => setConsequence({ ...consequence, kind, yuan: kind === 'reward' || kind === 'penalty' ? consequence.yuan : null })}
              options={CONSEQUENCE_KINDS.filter((k) => k !== 'cadre_file').map((k) => ({ value: k, label: CONSEQUENCE_KIND_LABELS[k].zh }))} />
            <Input value={consequence.title} onChange={(e) => setConsequence({ ...consequence, title: e.target.value })} placeholder="奖惩事项，如：月度考核第一名通报表扬" data-testid="consequence-title" />
            {(consequence.kind === 'reward' || consequence.kind === 'penalty') && (
              <InputNumber min={0.01} step={100} value={consequence.yuan} onChange={(v) => setConsequence({ ...consequence, yuan: v === null ? null : Number(v) })} addonAfter="元" placeholder="金额（可不填）" style={{ width: 200 }} />
            )}
            <div className="lx-muted">依据：本评分表（{s.total} / {s.max} 分），记为{s.org.name}的奖惩。</div>
            {record.error && <ApiErrorAlert error={record.error} />}
          </Space>
        )}
      </Modal>

      <Modal
        open={appealing}
        title={t('sheet.appealTitle')}
        onCancel={() => setAppealing(false)}
        onOk={() => fileAppeal({ version: s.version, reason: appealText.reason.trim(), evidence: appealText.evidence.trim() })}
        okButtonProps={{ disabled: appealText.reason.trim().length < 2 || appealText.evidence.trim().length < 2, 'data-testid': 'appeal-confirm' } as never}
        confirmLoading={appeal.isPending || uploadAppealFile.isPending}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea rows={3} value={appealText.reason} onChange={(e) => setAppealText((a) => ({ ...a, reason: e.target.value }))} placeholder={t('sheet.appealReason')} data-testid="appeal-reason" />
          <Input.TextArea rows={2} value={appealText.evidence} onChange={(e) => setAppealText((a) => ({ ...a, evidence: e.target.value }))} placeholder={t('sheet.appealEvidence')} data-testid="appeal-evidence" />
          <Typography.Text type="secondary">{t('sheet.appealFilesHint')}</Typography.Text>
          <Space wrap>
            {/* a phone opens its camera; a desktop picks a picture */}
            <input ref={camera} type="file" accept="image/*" capture="environment" hidden onChange={(e) => { const f = e.target.files?.[0]; if (f) setAppealFiles((l) => [...l, f].slice(0, 10)); e.target.value = ''; }} data-testid="appeal-photo-input" />
            <Button icon={<CameraOutlined />} onClick={() => camera.current?.click()} data-testid="appeal-photo">{t('sheet.appealPhoto')}</Button>
            <Upload showUploadList={false} multiple beforeUpload={(file) => { setAppealFiles((l) => [...l, file].slice(0, 10)); return false; }}>
              <Button icon={<PaperClipOutlined />} data-testid="appeal-file">{t('sheet.appealFile')}</Button>
            </Upload>
          </Space>
          {appealFiles.map((f, i) => (
            <Tag key={`${f.name}-${i}`} closable onClose={() => setAppealFiles((l) => l.filter((_, k) => k !== i))} data-testid="appeal-file-picked">{f.name}</Tag>
          ))}
          {appeal.error && <ApiErrorAlert error={appeal.error} />}
        </Space>
      </Modal>
    </div>
  );
}
