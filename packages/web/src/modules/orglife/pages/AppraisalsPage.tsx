// 民主评议党员: a branch taps each pending member's grade on a phone and submits them at once; every
// level sees the year's results per unit below, drills down, and the graded members of the unit —
// correcting a grade (with a reason) and recording the follow-up of 基本合格 / 不合格.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Pagination, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { APPRAISAL_GRADES, APPRAISAL_GRADE_LABELS, FOLLOWUP_KINDS, FOLLOWUP_KIND_LABELS, type AppraisalGrade, type AppraisalView, type FollowupKind } from '@lianxin/contract';
import { useAccount, useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { APPRAISAL_PAGE_SIZE, useAppraisal, useAppraisalResults, useAppraisals, useCorrectAppraisal, useGradeMembers, useSaveFollowup } from '../appraisal.api';
import { useAppraisalT } from '../appraisal.messages';
import { todayCst } from '../components/MeetingFields';
import '../orglife.css';

const GRADE_COLORS: Record<AppraisalGrade, string> = { excellent: 'green', qualified: 'blue', basically_qualified: 'orange', unqualified: 'red' };
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function AppraisalsPage() {
  const t = useAppraisalT();
  const { lang } = useI18n();
  const me = useAccount();
  const can = useCan();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayCst().slice(0, 4));
  const year = Number(params.get('year') ?? thisYear);
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : undefined;
  // ?id= opens one member's record (the score sheet links here); it stays in the URL across reloads
  const openId = /^\d+$/.test(params.get('id') ?? '') ? Number(params.get('id')) : undefined;
  const opened = useAppraisal(openId);
  const [page, setPage] = useState(1);
  const results = useAppraisalResults(orgId, year);
  const list = useAppraisals({ orgId, year, page, pageSize: APPRAISAL_PAGE_SIZE });
  const grade = useGradeMembers();
  const [picked, setPicked] = useState<Record<number, AppraisalGrade>>({});
  const [correcting, setCorrecting] = useState<AppraisalView>();
  const [following, setFollowing] = useState<AppraisalView>();
  const r = results.data;
  const isBranch = me.roles.includes('village_admin') && r && r.rows.length <= 1 && (r.org.type === 'village' || r.org.type === 'community');
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v === undefined) p.delete(k); else p.set(k, v);
    setParams(p);
    setPage(1);
  };
  const label = (g: AppraisalGrade) => APPRAISAL_GRADE_LABELS[g][lang];
  const item = (a: AppraisalView) => (
    <div>
      <Space wrap>
        <strong>{a.person.name}</strong>
        <Tag color={GRADE_COLORS[a.grade]}>{label(a.grade)}</Tag>
        {!isBranch && <Typography.Text type="secondary">{a.org.name}</Typography.Text>}
        {a.followup && <Tag>{FOLLOWUP_KIND_LABELS[a.followup.kind][lang]} · {a.followup.doneOn ? `${t('ap.doneOn')} ${a.followup.doneOn}` : `${t('ap.due')} ${a.followup.due}`}</Tag>}
        {a.followupOpen && <Tag color="red">{t('ap.followupOpen')}</Tag>}
      </Space>
      {a.comment && <div><Typography.Text type="secondary">{a.comment}</Typography.Text></div>}
      {isBranch && can('orglife:record') && (
        <Space style={{ marginTop: 4 }}>
          <Button size="small" onClick={() => setCorrecting(a)} data-testid="correct-grade">{t('ap.correct')}</Button>
          {(a.grade === 'basically_qualified' || a.grade === 'unqualified') && <Button size="small" onClick={() => setFollowing(a)} data-testid="open-followup">{t('ap.followup')}</Button>}
        </Space>
      )}
    </div>
  );

  const submit = () => {
    const grades = Object.entries(picked).map(([personId, g]) => ({ personId: Number(personId), grade: g }));
    grade.mutate({ orgId: r!.org.id, year, grades }, {
      onSuccess: (res) => {
        message.success(t('ap.submitted', { n: res.appraisals.length }));
        setPicked({});
      },
    });
  };

  return (
    <div data-testid="appraisals-page">
      <PageHead
        title={t('ap.title')}
        extra={<Select value={year} onChange={(y) => set({ year: String(y) })} options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y} 年` }))} data-testid="appraisal-year" />}
      />
      {results.error ? <ApiErrorAlert error={results.error} onRetry={() => void results.refetch()} /> : null}
      {r && (
        <Card size="small" style={{ marginBottom: 12 }} title={`${r.org.name} · ${year} 年`} extra={r.excellentCapPercent !== null && <Tag>{t('ap.cap', { pct: r.excellentCapPercent })}</Tag>}>
          <Space wrap data-testid="appraisal-total">
            <span>{t('ap.appraised')} <strong>{r.total.appraised}</strong></span>
            {APPRAISAL_GRADES.map((g) => <Tag key={g} color={GRADE_COLORS[g]}>{label(g)} {r.total[g]}</Tag>)}
            {r.total.followupOpen > 0 && <Tag color="red">{t('ap.followupOpen')} {r.total.followupOpen}</Tag>}
          </Space>
          {orgId !== undefined && <div><Button type="link" onClick={() => set({ orgId: undefined })} style={{ paddingInline: 0 }}>{t('common.back')}</Button></div>}
        </Card>
      )}

      {openId !== undefined && (
        <Card size="small" title={t('ap.record')} style={{ marginBottom: 12 }} data-testid="appraisal-record"
          extra={<Button type="link" onClick={() => set({ id: undefined })} data-testid="appraisal-record-close">{t('ap.recordClose')}</Button>}>
          {opened.error ? <ApiErrorAlert error={opened.error} onRetry={() => void opened.refetch()} /> : null}
          {opened.data && (
            <>
              <Typography.Text type="secondary">{opened.data.org.name} · {opened.data.year} 年</Typography.Text>
              {item(opened.data)}
            </>
          )}
        </Card>
      )}

      {r && isBranch && can('orglife:record') && (
        <Card size="small" title={t('ap.pending')} style={{ marginBottom: 12 }}>
          {r.pending.length === 0 ? <Typography.Text type="secondary">{t('ap.pendingNone')}</Typography.Text> : (
            <>
              <div data-testid="pending-members">
                {r.pending.map((p) => (
                  <div key={p.id} className="lx-list-item" data-testid="pending-member">
                    <div><strong>{p.name}</strong></div>
                    <Radio.Group size="large" optionType="button" buttonStyle="solid" value={picked[p.id]} onChange={(e) => setPicked({ ...picked, [p.id]: e.target.value as AppraisalGrade })}
                      options={APPRAISAL_GRADES.map((g) => ({ value: g, label: label(g) }))} style={{ marginTop: 6, display: 'flex', flexWrap: 'wrap' }} />
                  </div>
                ))}
              </div>
              {grade.error ? <Alert type="error" showIcon title={errorText(grade.error)} style={{ marginTop: 8 }} data-testid="grade-error" /> : null}
              <Button type="primary" block size="large" style={{ marginTop: 12 }} disabled={Object.keys(picked).length === 0} loading={grade.isPending} onClick={submit} data-testid="submit-grades">
                {t('ap.submit', { n: Object.keys(picked).length })}
              </Button>
            </>
          )}
        </Card>
      )}

      {r && r.rows.length > 0 && !isBranch && (
        <Card size="small" title={t('ap.results')} style={{ marginBottom: 12 }}>
          <Table
            size="small"
            rowKey={(x) => x.org.id}
            pagination={false}
            scroll={{ x: true }}
            dataSource={r.rows}
            data-testid="appraisal-rows"
            onRow={(x) => ({ onClick: () => set({ orgId: String(x.org.id) }), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('ap.unit'), render: (_, x) => <Typography.Link>{x.org.name}</Typography.Link> },
              { title: t('ap.appraised'), dataIndex: 'appraised' },
              ...APPRAISAL_GRADES.map((g) => ({ title: label(g), dataIndex: g })),
              { title: t('ap.followupOpen'), dataIndex: 'followupOpen' },
            ]}
          />
        </Card>
      )}

      <Card size="small" title={t('ap.graded')}>
        {list.error ? <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <SimpleList<AppraisalView>
          items={list.data?.items ?? []}
          loading={list.isLoading}
          rowKey={(a) => a.id}
          testId="appraisal-list"
          render={item}
        />
        {(list.data?.total ?? 0) > APPRAISAL_PAGE_SIZE && <Pagination size="small" style={{ marginTop: 8 }} current={page} pageSize={APPRAISAL_PAGE_SIZE} total={list.data?.total} onChange={setPage} showSizeChanger={false} />}
      </Card>
      {correcting && <CorrectDialog a={correcting} onClose={() => setCorrecting(undefined)} />}
      {following && <FollowupDialog a={following} onClose={() => setFollowing(undefined)} />}
    </div>
  );
}

function CorrectDialog({ a, onClose }: { a: AppraisalView; onClose: () => void }) {
  const t = useAppraisalT();
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const correct = useCorrectAppraisal();
  const [form] = Form.useForm<{ grade: AppraisalGrade; reason: string }>();
  return (
    <Modal open title={`${t('ap.correct')} · ${a.person.name}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={correct.isPending} okText={t('common.save')} destroyOnHidden>
      {correct.error ? <Alert type="error" showIcon title={errorText(correct.error)} style={{ marginBottom: 8 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ grade: a.grade }}
        onFinish={(v) => correct.mutate({ id: a.id, body: { version: a.version, grade: v.grade, reason: v.reason } }, { onSuccess: () => { message.success(t('common.saved')); onClose(); } })}>
        <Form.Item name="grade"><Radio.Group optionType="button" buttonStyle="solid" options={APPRAISAL_GRADES.map((g) => ({ value: g, label: APPRAISAL_GRADE_LABELS[g][lang] }))} /></Form.Item>
        <Form.Item name="reason" label={t('ap.reason')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={2} maxLength={500} data-testid="correct-reason" /></Form.Item>
      </Form>
    </Modal>
  );
}

function FollowupDialog({ a, onClose }: { a: AppraisalView; onClose: () => void }) {
  const t = useAppraisalT();
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const save = useSaveFollowup();
  const [form] = Form.useForm<{ kind: FollowupKind; from: string; due: string; outcome?: string; doneOn?: string }>();
  const today = todayCst();
  return (
    <Modal open title={`${t('ap.followup')} · ${a.person.name}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('common.save')} destroyOnHidden>
      {save.error ? <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 8 }} data-testid="followup-error" /> : null}
      <Form form={form} layout="vertical" initialValues={a.followup ? { ...a.followup, outcome: a.followup.outcome ?? undefined, doneOn: a.followup.doneOn ?? undefined } : { kind: a.grade === 'unqualified' ? 'correct_by_deadline' : 'mentoring', from: today }}
        onFinish={(v) => save.mutate({ id: a.id, body: { version: a.version, kind: v.kind, from: v.from, due: v.due, outcome: v.outcome?.trim() || undefined, doneOn: v.doneOn || undefined } }, { onSuccess: () => { message.success(t('common.saved')); onClose(); } })}>
        <Form.Item name="kind" label={t('ap.kind')}><Radio.Group optionType="button" options={FOLLOWUP_KINDS.map((k) => ({ value: k, label: FOLLOWUP_KIND_LABELS[k][lang] }))} /></Form.Item>
        <Space wrap>
          <Form.Item name="from" label={t('ap.from')} rules={[{ required: true }]}><Input type="date" max={today} /></Form.Item>
          <Form.Item name="due" label={t('ap.due')} rules={[{ required: true }]}><Input type="date" data-testid="followup-due" /></Form.Item>
        </Space>
        <Form.Item name="outcome" label={t('ap.outcome')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        <Form.Item name="doneOn" label={t('ap.doneOn')}><Input type="date" max={today} /></Form.Item>
      </Form>
    </Modal>
  );
}
