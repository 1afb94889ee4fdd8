// 述职评议 / 双述双评 / 三述职两评议一落实: the sessions of my scope; a township or station holds one,
// choosing the secretaries below who report, and then enters the participants' ballots (SessionPage).
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App as AntApp, Button, Card, Checkbox, Form, Input, InputNumber, Pagination, Select, Space, Switch, Tag, Typography } from 'antd';
import { SESSION_KINDS, SESSION_KIND_LABELS, type SessionKind, type SessionSummary } from '@lianxin/contract';
import { useAccount, useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { APPRAISAL_PAGE_SIZE, useOpenSession, useReporters, useSessions } from '../appraisal.api';
import { useAppraisalT } from '../appraisal.messages';
import { useOrglifeSettings, useSaveOrglifeSettings } from '../orglife.api';
import { todayCst } from '../components/MeetingFields';

export function SessionsPage() {
  const t = useAppraisalT();
  const { lang } = useI18n();
  const me = useAccount();
  const can = useCan();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const q = useSessions(page);
  const holds = can('orglife:record') && me.roles.some((r) => r === 'township_admin' || r === 'station_admin' || r === 'county_admin');
  return (
    <div data-testid="sessions-page">
      <PageHead title={t('ss.title')} extra={holds && <Button type="primary" onClick={() => setOpen(!open)} data-testid="new-session">{t('ss.new')}</Button>} />
      {can('orglife:configure') && <AnonymousSwitch />}
      {open && <NewSession onDone={() => setOpen(false)} />}
      {q.error ? <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Card size="small">
        <SimpleList<SessionSummary>
          items={q.data?.items ?? []}
          loading={q.isLoading}
          rowKey={(s) => s.id}
          testId="session-list"
          empty={t('ss.empty')}
          render={(s) => (
            <Link to={`/orglife/report-sessions/${s.id}`} style={{ display: 'block' }}>
              <Space wrap><strong>{SESSION_KIND_LABELS[s.kind][lang]}</strong><span>{s.heldOn}</span><Tag bordered={false}>{s.org.name}</Tag></Space>
              <div><Typography.Text type="secondary">{s.year} 年 · {t('ss.reports', { n: s.reports, b: s.ballots })}</Typography.Text></div>
            </Link>
          )}
        />
        {(q.data?.total ?? 0) > APPRAISAL_PAGE_SIZE && <Pagination size="small" style={{ marginTop: 8 }} current={page} pageSize={APPRAISAL_PAGE_SIZE} total={q.data?.total} onChange={setPage} showSizeChanger={false} />}
      </Card>
    </div>
  );
}

/** 县委组织部: whether the county's sessions may take anonymous ballots (the rest of the rules saved unchanged). */
function AnonymousSwitch() {
  const t = useAppraisalT();
  const { message } = AntApp.useApp();
  const settings = useOrglifeSettings();
  const save = useSaveOrglifeSettings();
  const s = settings.data;
  if (!s) return null;
  const on = !!s.anonymousBallots;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="anonymous-setting">
      <Space wrap>
        <Switch
          checked={on}
          loading={save.isPending}
          data-testid="anonymous-switch"
          onChange={(next) => save.mutate({ backdateDays: s.backdateDays, types: s.types, anonymousBallots: next }, {
            onSuccess: () => message.success(t('ss.saved')),
            onError: (e) => message.error(e instanceof Error ? e.message : String(e)),
          })}
        />
        <strong>{t('ss.allowAnonymous')}</strong>
        <Typography.Text type="secondary" data-testid="anonymous-state">{on ? t('ss.allowAnonymousOn') : t('ss.allowAnonymousOff')}</Typography.Text>
      </Space>
    </Card>
  );
}

function NewSession({ onDone }: { onDone: () => void }) {
  const t = useAppraisalT();
  const { lang } = useI18n();
  const me = useAccount();
  const navigate = useNavigate();
  const orgId = me.scopeOrg.id;
  const reporters = useReporters(orgId, true);
  const openSession = useOpenSession();
  const [chosen, setChosen] = useState<number[]>([]);
  const [summaries, setSummaries] = useState<Record<number, string>>({});
  const [form] = Form.useForm<{ kind: SessionKind; heldOn: string; year: number; place: string; participants?: string; anonymous?: boolean }>();
  const allowsAnonymous = !!useOrglifeSettings().data?.anonymousBallots;
  const today = todayCst();
  const list = reporters.data?.secretaries ?? [];
  return (
    <Card size="small" title={t('ss.new')} style={{ marginBottom: 12 }}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'report_appraisal', heldOn: today, year: Number(today.slice(0, 4)), place: '' }}
        onFinish={(v) => openSession.mutate(
          {
            orgId, kind: v.kind, heldOn: v.heldOn, year: v.year, place: v.place, reports: chosen.map((postId) => ({ postId, summary: summaries[postId]?.trim() || '' })),
            ...(v.participants?.trim() ? { participants: v.participants.trim() } : {}), ...(allowsAnonymous && v.anonymous ? { anonymous: true } : {}),
          },
          { onSuccess: (s) => { onDone(); void navigate(`/orglife/report-sessions/${s.id}`); } },
        )}>
        <Form.Item name="kind" label={t('ss.kind')}><Select options={SESSION_KINDS.map((k) => ({ value: k, label: SESSION_KIND_LABELS[k][lang] }))} /></Form.Item>
        <Space wrap>
          <Form.Item name="heldOn" label={t('ss.heldOn')} rules={[{ required: true }]}><Input type="date" max={today} /></Form.Item>
          <Form.Item name="year" label={t('common.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
        </Space>
        <Form.Item name="place" label={t('ss.place')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} data-testid="session-place" /></Form.Item>
        <Form.Item name="participants" label={t('ss.participants')}><Input.TextArea rows={2} maxLength={2000} data-testid="session-participants-input" /></Form.Item>
        {allowsAnonymous && <Form.Item name="anonymous" valuePropName="checked"><Checkbox data-testid="session-anonymous-pick">{t('ss.anonymousPick')}</Checkbox></Form.Item>}
        <Typography.Text strong>{t('ss.reporters')}</Typography.Text>
        {reporters.error ? <ApiErrorAlert error={reporters.error} /> : null}
        <div data-testid="reporter-candidates">
          {list.map((c) => (
            <div key={c.postId} className="lx-list-item">
              <Checkbox checked={chosen.includes(c.postId)} onChange={(e) => setChosen(e.target.checked ? [...chosen, c.postId] : chosen.filter((x) => x !== c.postId))} data-testid="reporter">
                {c.person.name} · {c.org.name}
              </Checkbox>
              {chosen.includes(c.postId) && <Input.TextArea rows={2} maxLength={4000} placeholder={t('ss.summary', { name: c.person.name })} value={summaries[c.postId] ?? ''} onChange={(e) => setSummaries({ ...summaries, [c.postId]: e.target.value })} style={{ marginTop: 6 }} data-testid="reporter-summary" />}
            </div>
          ))}
        </div>
        {openSession.error ? <Alert type="error" showIcon title={openSession.error instanceof Error ? openSession.error.message : String(openSession.error)} style={{ marginTop: 8 }} data-testid="session-error" /> : null}
        <Button type="primary" htmlType="submit" block size="large" style={{ marginTop: 12 }} disabled={chosen.length === 0} loading={openSession.isPending} data-testid="create-session">{t('ss.create')}</Button>
      </Form>
    </Card>
  );
}
