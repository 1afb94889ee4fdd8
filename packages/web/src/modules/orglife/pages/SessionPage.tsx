// One 述职评议 session: each reporter's summary and tally (好 / 较好 / 一般 / 差, the result), and a
// ballot form a phone can fill in — the participant's name, then one tap per reporter.
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Checkbox, Descriptions, Form, Input, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import { POST_ROLE_LABELS, SESSION_KIND_LABELS, SESSION_RATINGS, SESSION_RATING_LABELS, type SessionRating, type SessionView } from '@lianxin/contract';
import { todayCst } from '../components/MeetingFields';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useCastBallot, useReporters, useSession, useUpdateSession } from '../appraisal.api';
import { useAppraisalT } from '../appraisal.messages';

const RATING_COLORS: Record<SessionRating, string> = { good: 'green', fairly_good: 'blue', fair: 'orange', poor: 'red' };

export function SessionPage() {
  const id = Number(useParams().id);
  const t = useAppraisalT();
  const { lang } = useI18n();
  const can = useCan();
  const { message } = AntApp.useApp();
  const q = useSession(id);
  const cast = useCastBallot(id);
  const [rater, setRater] = useState('');
  const [ratings, setRatings] = useState<Record<number, SessionRating>>({});
  const [editing, setEditing] = useState(false);
  const s = q.data;
  usePageCrumb(s ? `${s.org.name} ${s.heldOn}` : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!s) return <Card><Skeleton active /></Card>;
  // 无记名: no rater is asked for or recorded
  const anonymous = !!s.anonymous;
  const complete = (anonymous || rater.trim()) && s.reports.every((r) => ratings[r.id]);
  return (
    <div data-testid="session-page">
      <PageHead title={`${SESSION_KIND_LABELS[s.kind][lang]} · ${s.org.name}`} record />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('ss.heldOn')}>{s.heldOn}</Descriptions.Item>
          <Descriptions.Item label={t('ss.place')}>{s.place}</Descriptions.Item>
          <Descriptions.Item label={t('common.year')}>{s.year}</Descriptions.Item>
          {s.participants && <Descriptions.Item label={t('ss.participants')}><span data-testid="session-participants">{s.participants}</span></Descriptions.Item>}
        </Descriptions>
        {anonymous && <Tag color="purple" data-testid="session-anonymous">{t('ss.anonymous')}</Tag>}
        <Typography.Text type="secondary">{t('ss.reports', { n: s.reports.length, b: s.ballots })}</Typography.Text>
        {s.editable && can('orglife:record') && !editing && (
          <div style={{ marginTop: 8 }}><Button onClick={() => setEditing(true)} data-testid="session-edit">{t('ss.edit')}</Button></div>
        )}
      </Card>
      {editing && s.editable && <EditSession session={s} onDone={() => setEditing(false)} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <div data-testid="session-reports">
          {s.reports.map((r) => (
            <div key={r.id} className="lx-list-item" data-testid="session-report">
              <Space wrap>
                <strong>{r.person.name}</strong>
                <span>{r.org.name}{POST_ROLE_LABELS[r.role][lang]}</span>
                {r.result && <Tag color={RATING_COLORS[r.result]} data-testid="report-result">{t('ss.result')}：{SESSION_RATING_LABELS[r.result][lang]}</Tag>}
              </Space>
              <div><Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{r.summary}</Typography.Text></div>
              <Space wrap size={4}>
                {SESSION_RATINGS.map((x) => <Tag key={x} bordered={false}>{SESSION_RATING_LABELS[x][lang]} {r.tally[x]}</Tag>)}
                {r.goodRate !== null && <Typography.Text type="secondary">{t('ss.goodRate', { rate: `${Math.round(r.goodRate * 100)}%` })}</Typography.Text>}
              </Space>
            </div>
          ))}
        </div>
      </Card>
      {can('orglife:record') && (
        <Card size="small" title={t('ss.ballot')}>
          {!anonymous && <Input value={rater} onChange={(e) => setRater(e.target.value)} placeholder={t('ss.rater')} maxLength={50} size="large" data-testid="ballot-rater" />}
          {s.reports.map((r) => (
            <div key={r.id} className="lx-list-item">
              <div><strong>{r.person.name}</strong> <Typography.Text type="secondary">{r.org.name}</Typography.Text></div>
              <Radio.Group size="large" optionType="button" buttonStyle="solid" value={ratings[r.id]} onChange={(e) => setRatings({ ...ratings, [r.id]: e.target.value as SessionRating })}
                options={SESSION_RATINGS.map((x) => ({ value: x, label: SESSION_RATING_LABELS[x][lang] }))} style={{ marginTop: 6 }} data-testid="ballot-rating" />
            </div>
          ))}
          {cast.error ? <Alert type="error" showIcon title={cast.error instanceof Error ? cast.error.message : String(cast.error)} style={{ marginTop: 8 }} data-testid="ballot-error" /> : null}
          <Button type="primary" block size="large" style={{ marginTop: 12 }} disabled={!complete} loading={cast.isPending} data-testid="cast-ballot"
            onClick={() => cast.mutate({ ...(anonymous ? {} : { rater: rater.trim() }), ratings: s.reports.map((r) => ({ reportId: r.id, rating: ratings[r.id]! })) }, {
              onSuccess: () => { message.success(t('ss.cast.done')); setRater(''); setRatings({}); },
            })}>
            {t('ss.cast')}
          </Button>
        </Card>
      )}
    </div>
  );
}

/**
 * 修改评议会 before its first ballot: date, place, participants, and who reports (the secretaries
 * below the organizing unit, each with a summary); the server answers 409 once a ballot exists.
 */
function EditSession({ session, onDone }: { session: SessionView; onDone: () => void }) {
  const t = useAppraisalT();
  const { message } = AntApp.useApp();
  const update = useUpdateSession(session.id);
  const reporters = useReporters(session.org.id, true);
  const [chosen, setChosen] = useState<number[]>(session.reports.map((r) => r.postId));
  const [summaries, setSummaries] = useState<Record<number, string>>(Object.fromEntries(session.reports.map((r) => [r.postId, r.summary])));
  const [form] = Form.useForm<{ heldOn: string; place: string; participants?: string }>();
  // the secretaries who may report, and those already reporting (a post may have ended since)
  const known = new Map((reporters.data?.secretaries ?? []).map((c) => [c.postId, `${c.person.name} · ${c.org.name}`]));
  for (const r of session.reports) if (!known.has(r.postId)) known.set(r.postId, `${r.person.name} · ${r.org.name}`);
  return (
    <Card size="small" title={t('ss.edit')} style={{ marginBottom: 12 }} data-testid="session-edit-form">
      <Typography.Paragraph type="secondary">{t('ss.editHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ heldOn: session.heldOn, place: session.place, participants: session.participants ?? '' }}
        onFinish={(v) => update.mutate(
          { heldOn: v.heldOn, place: v.place.trim(), participants: v.participants?.trim() ?? '', reports: chosen.map((postId) => ({ postId, summary: summaries[postId]?.trim() || '' })) },
          { onSuccess: () => { message.success(t('ss.saved')); onDone(); } },
        )}>
        <Form.Item name="heldOn" label={t('ss.heldOn')} rules={[{ required: true }]}><Input type="date" max={todayCst()} data-testid="session-edit-date" /></Form.Item>
        <Form.Item name="place" label={t('ss.place')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} data-testid="session-edit-place" /></Form.Item>
        <Form.Item name="participants" label={t('ss.participants')}><Input.TextArea rows={2} maxLength={2000} data-testid="session-edit-participants" /></Form.Item>
        <Typography.Text strong>{t('ss.reporters')}</Typography.Text>
        {reporters.error ? <ApiErrorAlert error={reporters.error} /> : null}
        <div data-testid="session-edit-reporters">
          {[...known.entries()].map(([postId, label]) => (
            <div key={postId} className="lx-list-item">
              <Checkbox checked={chosen.includes(postId)} onChange={(e) => setChosen(e.target.checked ? [...chosen, postId] : chosen.filter((x) => x !== postId))} data-testid="session-edit-reporter">{label}</Checkbox>
              {chosen.includes(postId) && <Input.TextArea rows={2} maxLength={4000} value={summaries[postId] ?? ''} onChange={(e) => setSummaries({ ...summaries, [postId]: e.target.value })} style={{ marginTop: 6 }} data-testid="session-edit-summary" />}
            </div>
          ))}
        </div>
        {update.error ? <Alert type="error" showIcon title={update.error instanceof Error ? update.error.message : String(update.error)} style={{ marginTop: 8 }} data-testid="session-edit-error" /> : null}
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" disabled={chosen.length === 0} loading={update.isPending} data-testid="session-edit-save">{t('ss.editSave')}</Button>
          <Button onClick={onDone}>{t('ss.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
