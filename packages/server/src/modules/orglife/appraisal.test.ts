import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppraisalBatch, AppraisalResults, AppraisalView, OrglifeSettings, ReporterCandidates, ResearchBoard, ResearchView, Roster, SessionView, TodayList } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { plusDays, todayInChina } from '../../core/calendar.js';
import { createAppraisalService } from './appraisal.service.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let station: Client;
let yushe: Client;
let yusheId: number;
let stationId: number;
let wuliId: number;
let members: Roster['members'];
const today = todayInChina();
const year = Number(today.slice(0, 4));

async function count(sql: string, params: unknown[] = []) {
  const [row] = await t.db.query<{ n: number }>(sql, params);
  return row!.n;
}
const auditCount = (action: string) => count(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]);
const appraisalCount = () => count(`SELECT count(*)::int AS n FROM member_appraisals`);

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, station, yushe] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe.station'), t.as('yushe')]);
  yusheId = await orgId(t.db, '榆舍村');
  stationId = await orgId(t.db, '榆舍党建工作站');
  wuliId = await orgId(t.db, '五里镇');
  members = ((await yushe.get(`/api/orglife/units/${yusheId}/roster`)).json() as Roster).members;
  expect(members.length).toBeGreaterThanOrEqual(5);
});
afterAll(() => t.close());

describe('民主评议党员', () => {
  it('the branch grades its roster once a year, all or nothing, audited', async () => {
    const before = await auditCount('appraisal.grade');
    const res = await yushe.post('/api/orglife/appraisals', {
      orgId: yusheId, year,
      grades: [
        { personId: members[0]!.id, grade: 'excellent' },
        { personId: members[1]!.id, grade: 'qualified' },
        { personId: members[2]!.id, grade: 'basically_qualified', comment: '参加组织生活不够经常' },
        { personId: members[3]!.id, grade: 'unqualified', comment: '长期不交党费' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const items = (res.json() as AppraisalBatch).appraisals;
    expect(items.map((i) => i.grade).sort()).toEqual(['basically_qualified', 'excellent', 'qualified', 'unqualified']);
    expect(items.find((i) => i.grade === 'unqualified')).toMatchObject({ followupOpen: true, followup: null, org: { name: '榆舍村' } });
    expect(items.find((i) => i.grade === 'qualified')!.followupOpen).toBe(false);
    expect(await auditCount('appraisal.grade')).toBe(before + 1);

    // once per member per year: a second entry is refused and nothing changes
    const n = await appraisalCount();
    const again = await yushe.post('/api/orglife/appraisals', { orgId: yusheId, year, grades: [{ personId: members[4]!.id, grade: 'qualified' }, { personId: members[1]!.id, grade: 'excellent' }] });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('每人每年只评一次');
    expect(await appraisalCount()).toBe(n);
  });

  it('refuses someone not on the roster, a future year, a station account; nothing changes', async () => {
    const n = await appraisalCount();
    const [outsider] = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_id <> $1 ORDER BY id LIMIT 1`, [yusheId]);
    const stranger = await yushe.post('/api/orglife/appraisals', { orgId: yusheId, year, grades: [{ personId: members[4]!.id, grade: 'qualified' }, { personId: outsider!.id, grade: 'qualified' }] });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().message).toContain('不在榆舍村的党员名册中');
    const future = await yushe.post('/api/orglife/appraisals', { orgId: yusheId, year: year + 1, grades: [{ personId: members[4]!.id, grade: 'qualified' }] });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('还没有到来');
    const fromStation = await station.post('/api/orglife/appraisals', { orgId: yusheId, year, grades: [{ personId: members[4]!.id, grade: 'qualified' }] });
    expect(fromStation.statusCode).toBe(403);
    const notBranch = await station.post('/api/orglife/appraisals', { orgId: stationId, year, grades: [{ personId: members[4]!.id, grade: 'qualified' }] });
    expect(notBranch.statusCode).toBe(400);
    expect(await appraisalCount()).toBe(n);
  });

  it('keeps 优秀 within the county cap when one is set (none by default)', async () => {
    const s = (await county.get('/api/orglife/settings')).json() as OrglifeSettings;
    expect(s.excellentCapPercent).toBeNull();
    const set = await county.request('PUT', '/api/orglife/settings', { backdateDays: s.backdateDays, types: s.types, excellentCapPercent: 20 });
    expect(set.statusCode, set.body).toBe(200);
    expect((set.json() as OrglifeSettings).excellentCapPercent).toBe(20);
    const limit = Math.floor((members.length * 20) / 100);
    const last = year - 1;
    const n = await appraisalCount();
    const over = await yushe.post('/api/orglife/appraisals', { orgId: yusheId, year: last, grades: members.slice(0, limit + 1).map((m) => ({ personId: m.id, grade: 'excellent' })) });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toContain(`最多评 ${limit} 名优秀`);
    expect(await appraisalCount()).toBe(n);
    const within = await yushe.post('/api/orglife/appraisals', { orgId: yusheId, year: last, grades: members.map((m, i) => ({ personId: m.id, grade: i < limit ? 'excellent' : 'qualified' })) });
    expect(within.statusCode, within.body).toBe(201);
    // a correction to 优秀 beyond the cap is refused too
    const q = (within.json() as AppraisalBatch).appraisals.find((i) => i.grade === 'qualified')!;
    const corr = await yushe.patch(`/api/orglife/appraisals/${q.id}`, { version: q.version, grade: 'excellent', reason: '补评' });
    expect(corr.statusCode).toBe(400);
    // saving the rules without the field keeps the cap; null lifts it
    const kept = await county.request('PUT', '/api/orglife/settings', { backdateDays: s.backdateDays, types: s.types });
    expect((kept.json() as OrglifeSettings).excellentCapPercent).toBe(20);
    const lifted = await county.request('PUT', '/api/orglife/settings', { backdateDays: s.backdateDays, types: s.types, excellentCapPercent: null });
    expect((lifted.json() as OrglifeSettings).excellentCapPercent).toBeNull();
  });

  it('a correction needs a reason and the current version, and is audited from → to', async () => {
    const list = (await yushe.get(`/api/orglife/appraisals?orgId=${yusheId}&year=${year}&grade=qualified`)).json() as { items: AppraisalView[]; total: number };
    expect(list.total).toBe(1);
    const a = list.items[0]!;
    expect((await yushe.patch(`/api/orglife/appraisals/${a.id}`, { version: a.version, grade: 'qualified', reason: '无' })).statusCode).toBe(400);
    expect((await yushe.patch(`/api/orglife/appraisals/${a.id}`, { version: a.version, grade: 'excellent', reason: '   ' })).statusCode).toBe(400);
    expect((await yushe.patch(`/api/orglife/appraisals/${a.id}`, { version: a.version + 5, grade: 'excellent', reason: '支部复议' })).statusCode).toBe(412);
    expect((await station.patch(`/api/orglife/appraisals/${a.id}`, { version: a.version, grade: 'excellent', reason: '支部复议' })).statusCode).toBe(403);
    const before = await auditCount('appraisal.correct');
    const ok = await yushe.patch(`/api/orglife/appraisals/${a.id}`, { version: a.version, grade: 'excellent', reason: '支部党员大会复议' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ grade: 'excellent', version: a.version + 1 });
    expect(await auditCount('appraisal.correct')).toBe(before + 1);
    const [audit] = await t.db.query<{ summary: { grade: { from: string; to: string }; reason: string } }>(`SELECT summary FROM audit_log WHERE action = 'appraisal.correct' ORDER BY id DESC LIMIT 1`);
    expect(audit!.summary).toMatchObject({ grade: { from: 'qualified', to: 'excellent' }, reason: '支部党员大会复议' });
  });

  it('follows up 基本合格 and 不合格 with dates and outcome; not the others', async () => {
    const list = (await yushe.get(`/api/orglife/appraisals?orgId=${yusheId}&year=${year}&followupOpen=true`)).json() as { items: AppraisalView[] };
    expect(list.items.map((i) => i.grade).sort()).toEqual(['basically_qualified', 'unqualified']);
    const u = list.items.find((i) => i.grade === 'unqualified')!;
    const bad = await yushe.request('PUT', `/api/orglife/appraisals/${u.id}/follow-up`, { version: u.version, kind: 'correct_by_deadline', from: today, due: plusDays(today, -1) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('期限不能早于开始日期');
    const noOutcome = await yushe.request('PUT', `/api/orglife/appraisals/${u.id}/follow-up`, { version: u.version, kind: 'correct_by_deadline', from: today, due: plusDays(today, 90), doneOn: today });
    expect(noOutcome.statusCode).toBe(400);
    const before = await auditCount('appraisal.followup');
    const started = await yushe.request('PUT', `/api/orglife/appraisals/${u.id}/follow-up`, { version: u.version, kind: 'correct_by_deadline', from: today, due: plusDays(today, 90) });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ followup: { kind: 'correct_by_deadline', due: plusDays(today, 90), doneOn: null }, followupOpen: true });
    const done = await yushe.request('PUT', `/api/orglife/appraisals/${u.id}/follow-up`, { version: (started.json() as AppraisalView).version, kind: 'correct_by_deadline', from: today, due: plusDays(today, 90), outcome: '已补交党费，按时参加组织生活', doneOn: today });
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as AppraisalView).followupOpen).toBe(false);
    expect(await auditCount('appraisal.followup')).toBe(before + 2);
    const excellent = (await yushe.get(`/api/orglife/appraisals?orgId=${yusheId}&year=${year}&grade=excellent`)).json() as { items: AppraisalView[] };
    const ex = await yushe.request('PUT', `/api/orglife/appraisals/${excellent.items[0]!.id}/follow-up`, { version: excellent.items[0]!.version, kind: 'mentoring', from: today, due: today });
    expect(ex.statusCode).toBe(409);
  });

  it('rolls up station → township → county, drilling down, with the branch\'s members not yet graded', async () => {
    const countyView = (await county.get(`/api/orglife/appraisal-results?year=${year}`)).json() as AppraisalResults;
    expect(countyView.total).toMatchObject({ appraised: 4, excellent: 2, qualified: 0, basically_qualified: 1, unqualified: 1, followupOpen: 1 });
    expect(countyView.rows.map((r) => r.org.name)).toEqual(['五里镇']);
    const town = (await wuli.get(`/api/orglife/appraisal-results?orgId=${wuliId}&year=${year}`)).json() as AppraisalResults;
    expect(town.rows).toEqual([expect.objectContaining({ org: expect.objectContaining({ name: '榆舍党建工作站' }), appraised: 4 })]);
    const st = (await station.get(`/api/orglife/appraisal-results?orgId=${stationId}&year=${year}`)).json() as AppraisalResults;
    expect(st.rows).toEqual([expect.objectContaining({ org: expect.objectContaining({ name: '榆舍村' }), appraised: 4 })]);
    const branch = (await yushe.get(`/api/orglife/appraisal-results?orgId=${yusheId}&year=${year}`)).json() as AppraisalResults;
    expect(branch.pending.length).toBe(members.length - 4);
    expect(branch.pending.map((p) => p.id)).not.toContain(members[0]!.id);
    // the sibling township's account sees none of it
    const peng = await orgId(t.db, '彭镇');
    expect((await county.get(`/api/orglife/appraisal-results?orgId=${peng}&year=${year}`)).json().total.appraised).toBe(0);
  });
});

describe('述职评议 sessions', () => {
  let session: SessionView;
  it('the township holds one: the secretaries of the branches below report, by person and post', async () => {
    const cands = (await wuli.get(`/api/orglife/units/${wuliId}/reporters`)).json() as ReporterCandidates;
    expect(cands.secretaries.length).toBeGreaterThanOrEqual(2);
    expect(cands.secretaries.every((c) => c.role === 'secretary' || c.role === 'first_secretary')).toBe(true);
    expect(cands.secretaries.some((c) => c.org.id === wuliId)).toBe(false);
    const two = cands.secretaries.slice(0, 2);
    const before = await auditCount('report_session.create');
    const res = await wuli.post('/api/orglife/report-sessions', {
      orgId: wuliId, kind: 'three_reports', heldOn: today, year, place: '镇党委会议室',
      reports: two.map((c) => ({ postId: c.postId, summary: `${c.org.name}全年党建工作述职` })),
    });
    expect(res.statusCode, res.body).toBe(201);
    session = res.json() as SessionView;
    expect(session.reports.map((r) => r.person.name)).toEqual(two.map((c) => c.person.name));
    expect(session.reports[0]).toMatchObject({ tally: { good: 0, fairly_good: 0, fair: 0, poor: 0 }, goodRate: null, result: null });
    expect(await auditCount('report_session.create')).toBe(before + 1);
  });

  it('refuses a reporter who is not a secretary below, a future date, a village account', async () => {
    const [post] = await t.db.query<{ id: number }>(`SELECT id FROM posts WHERE role = 'deputy_secretary' AND org_path LIKE (SELECT path FROM orgs WHERE id = $1) || '%' LIMIT 1`, [wuliId]);
    const n = await count(`SELECT count(*)::int AS n FROM report_sessions`);
    const notSecretary = await wuli.post('/api/orglife/report-sessions', { orgId: wuliId, kind: 'report_appraisal', heldOn: today, year, place: '会议室', reports: [{ postId: post!.id, summary: '述职' }] });
    expect(notSecretary.statusCode).toBe(400);
    expect(notSecretary.json().message).toContain('在任书记');
    const future = await wuli.post('/api/orglife/report-sessions', { orgId: wuliId, kind: 'report_appraisal', heldOn: plusDays(today, 3), year, place: '会议室', reports: [{ postId: post!.id, summary: '述职' }] });
    expect(future.statusCode).toBe(400);
    expect((await yushe.post('/api/orglife/report-sessions', { orgId: yusheId, kind: 'report_appraisal', heldOn: today, year, place: '会议室', reports: [{ postId: post!.id, summary: '述职' }] })).statusCode).toBe(400);
    expect(await count(`SELECT count(*)::int AS n FROM report_sessions`)).toBe(n);
  });

  it('participants\' ballots are tallied per reporter; one ballot per participant, every reporter rated', async () => {
    const [a, b] = session.reports;
    const cast = (rater: string, ra: string, rb: string) => wuli.post(`/api/orglife/report-sessions/${session.id}/ballots`, { rater, ratings: [{ reportId: a!.id, rating: ra }, { reportId: b!.id, rating: rb }] });
    expect((await cast('张委员', 'good', 'fair')).statusCode).toBe(201);
    expect((await cast('李委员', 'good', 'poor')).statusCode).toBe(201);
    const third = await cast('王代表', 'fairly_good', 'fair');
    expect(third.statusCode).toBe(201);
    const v = third.json() as SessionView;
    expect(v.ballots).toBe(3);
    expect(v.reports[0]).toMatchObject({ tally: { good: 2, fairly_good: 1, fair: 0, poor: 0 }, goodRate: 1, result: 'good' });
    expect(v.reports[1]).toMatchObject({ tally: { good: 0, fairly_good: 0, fair: 2, poor: 1 }, goodRate: 0, result: 'fair' });
    const n = await count(`SELECT count(*)::int AS n FROM session_ratings`);
    const twice = await cast('张委员', 'poor', 'poor');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toContain('已经投过票');
    const partial = await wuli.post(`/api/orglife/report-sessions/${session.id}/ballots`, { rater: '赵代表', ratings: [{ reportId: a!.id, rating: 'good' }] });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().message).toContain(`还没有评${b!.person.name}`);
    expect((await station.post(`/api/orglife/report-sessions/${session.id}/ballots`, { rater: '站长', ratings: [{ reportId: a!.id, rating: 'good' }, { reportId: b!.id, rating: 'good' }] })).statusCode).toBe(404);
    expect(await count(`SELECT count(*)::int AS n FROM session_ratings`)).toBe(n);
  });

  it('is editable (date, place, reporters, participants) until the first ballot, then refused in Chinese', async () => {
    const cands = ((await wuli.get(`/api/orglife/units/${wuliId}/reporters`)).json() as ReporterCandidates).secretaries;
    const open = await wuli.post('/api/orglife/report-sessions', { orgId: wuliId, kind: 'dual_report', heldOn: today, year, place: '镇会议室', participants: '镇党委委员', reports: [{ postId: cands[0]!.postId, summary: '双述职' }] });
    expect(open.statusCode, open.body).toBe(201);
    let v = open.json() as SessionView;
    expect(v).toMatchObject({ editable: true, participants: '镇党委委员', anonymous: false });
    const before = await auditCount('report_session.update');
    const edit = (over: Record<string, unknown> = {}, by = wuli) => by.request('PUT', `/api/orglife/report-sessions/${v.id}`, {
      heldOn: plusDays(today, -1), place: '镇党群服务中心', participants: '镇党委委员、村党组织书记、党员代表',
      reports: [{ postId: cands[1]!.postId, summary: '抓党建促发展述职' }, { postId: cands[0]!.postId, summary: '双述职（补充）' }], ...over,
    });
    // bad input and the wrong caller change nothing
    expect((await edit({ heldOn: plusDays(today, 2) })).statusCode).toBe(400);
    expect((await edit({}, station)).statusCode).toBe(404);
    expect((await wuli.get(`/api/orglife/report-sessions/${v.id}`)).json()).toMatchObject({ heldOn: today, place: '镇会议室', participants: '镇党委委员' });
    const res = await edit();
    expect(res.statusCode, res.body).toBe(200);
    v = res.json() as SessionView;
    expect(v).toMatchObject({ heldOn: plusDays(today, -1), place: '镇党群服务中心', participants: '镇党委委员、村党组织书记、党员代表', editable: true });
    expect(v.reports.map((r) => r.person.name)).toEqual([cands[1]!.person.name, cands[0]!.person.name]);
    expect(await auditCount('report_session.update')).toBe(before + 1);
    // the first ballot closes it
    const ballot = await wuli.post(`/api/orglife/report-sessions/${v.id}/ballots`, { rater: '党员代表甲', ratings: v.reports.map((r) => ({ reportId: r.id, rating: 'good' })) });
    expect(ballot.statusCode, ballot.body).toBe(201);
    expect((ballot.json() as SessionView).editable).toBe(false);
    const late = await edit({ place: '别处' });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('已经录入评议票');
    expect((await wuli.get(`/api/orglife/report-sessions/${v.id}`)).json()).toMatchObject({ place: '镇党群服务中心', ballots: 1 });
    expect(await auditCount('report_session.update')).toBe(before + 1);
  });

  it('takes anonymous ballots only where the county chooses it: counted, no rater recorded, audited as a count', async () => {
    const cands = ((await wuli.get(`/api/orglife/units/${wuliId}/reporters`)).json() as ReporterCandidates).secretaries;
    const body = { orgId: wuliId, kind: 'report_appraisal', heldOn: today, year, place: '镇会议室', anonymous: true, reports: [{ postId: cands[0]!.postId, summary: '述职' }] };
    const n = await count(`SELECT count(*)::int AS n FROM report_sessions`);
    const refused = await wuli.post('/api/orglife/report-sessions', body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('无记名');
    expect(await count(`SELECT count(*)::int AS n FROM report_sessions`)).toBe(n);
    // the county chooses it
    const s = (await county.get('/api/orglife/settings')).json() as OrglifeSettings;
    expect(s.anonymousBallots).toBe(false);
    const saved = await county.request('PUT', '/api/orglife/settings', { backdateDays: s.backdateDays, types: s.types, anonymousBallots: true });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as OrglifeSettings).anonymousBallots).toBe(true);
    const open = await wuli.post('/api/orglife/report-sessions', body);
    expect(open.statusCode, open.body).toBe(201);
    const v = open.json() as SessionView;
    expect(v.anonymous).toBe(true);
    const cast = (extra: Record<string, unknown> = {}) => wuli.post(`/api/orglife/report-sessions/${v.id}/ballots`, { ratings: [{ reportId: v.reports[0]!.id, rating: 'fair' }], ...extra });
    const named = await cast({ rater: '张三' });
    expect(named.statusCode).toBe(400);
    expect(named.json().message).toContain('无记名');
    expect((await cast()).statusCode).toBe(201);
    const second = await cast();
    expect(second.statusCode).toBe(201);
    const after = second.json() as SessionView;
    expect(after).toMatchObject({ ballots: 2, raters: [] });
    expect(after.reports[0]!.tally.fair).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM session_ballots WHERE session_id = $1 AND rater IS NULL`, [v.id])).toBe(2);
    const audits = await t.db.query<{ summary: Record<string, unknown> }>(`SELECT summary FROM audit_log WHERE action = 'report_session.ballot' AND object_id = $1 ORDER BY id`, [String(v.id)]);
    expect(audits.map((a) => a.summary)).toEqual([{ anonymous: true, ballots: 1, ratings: 1 }, { anonymous: true, ballots: 2, ratings: 1 }]);
    // a named session still needs its rater
    const namedSession = (await wuli.post('/api/orglife/report-sessions', { ...body, anonymous: false })).json() as SessionView;
    expect((await wuli.post(`/api/orglife/report-sessions/${namedSession.id}/ballots`, { ratings: [{ reportId: namedSession.reports[0]!.id, rating: 'good' }] })).statusCode).toBe(400);
  });
});

describe('调查研究', () => {
  let round: ResearchView;
  it('the station plans a round in its own area; the township appraises the report or returns it', async () => {
    const [v] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE parent_id = $1 AND type = 'village' AND id <> $2 ORDER BY id LIMIT 1`, [stationId, yusheId]);
    const [far] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE type = 'village' AND path NOT LIKE (SELECT path FROM orgs WHERE id = $1) || '%' LIMIT 1`, [stationId]);
    const outside = await station.post('/api/orglife/research', { orgId: stationId, topic: '村集体经济', villageIds: [far!.id], startsOn: today, endsOn: today });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toContain('片区内');
    expect((await yushe.post('/api/orglife/research', { orgId: stationId, topic: '村集体经济', villageIds: [v!.id], startsOn: today, endsOn: today })).statusCode).toBe(404);
    const res = await station.post('/api/orglife/research', { orgId: stationId, topic: '村集体经济发展情况', villageIds: [v!.id, yusheId], startsOn: today, endsOn: today });
    expect(res.statusCode, res.body).toBe(201);
    round = res.json() as ResearchView;
    expect(round).toMatchObject({ status: 'planned', year, transitions: ['report'] });
    expect(round.villages.map((x) => x.id)).toEqual([v!.id, yusheId]);

    const empty = await station.post(`/api/orglife/research/${round.id}/transitions/report`, { version: round.version, report: ' ' });
    expect(empty.statusCode).toBe(400);
    const reported = await station.post(`/api/orglife/research/${round.id}/transitions/report`, { version: round.version, report: '走访 2 个村 36 户，集体经济收入普遍偏低……' });
    expect(reported.statusCode, reported.body).toBe(200);
    round = reported.json() as ResearchView;
    expect(round).toMatchObject({ status: 'reported', reportedOn: today });

    const returned = await wuli.post(`/api/orglife/research/${round.id}/transitions/return`, { version: round.version, body: '请补充对策建议' });
    expect(returned.statusCode).toBe(200);
    round = returned.json() as ResearchView;
    expect(round).toMatchObject({ status: 'returned', returnComment: '请补充对策建议' });
    round = (await station.post(`/api/orglife/research/${round.id}/transitions/report`, { version: round.version, report: '补充：建议发展苹果产业' })).json() as ResearchView;
    expect((await wuli.post(`/api/orglife/research/${round.id}/transitions/appraise`, { version: round.version })).statusCode).toBe(400);
    const appraised = await wuli.post(`/api/orglife/research/${round.id}/transitions/appraise`, { version: round.version, grade: 'good', body: '调研扎实，建议可行' });
    expect(appraised.statusCode, appraised.body).toBe(200);
    expect(appraised.json()).toMatchObject({ status: 'appraised', grade: 'good', appraisal: '调研扎实，建议可行', transitions: [] });
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'research.%' AND object_id = $1`, [round.id])).toBe(5);
  });

  it('checks ≥ 2 a year per station, and puts a short station on its home page in the last quarter', async () => {
    const board = (await wuli.get(`/api/orglife/research-board?year=${year}`)).json() as ResearchBoard;
    expect(board.required).toBe(2);
    const row = board.rows.find((r) => r.org.id === stationId)!;
    expect(row).toMatchObject({ planned: 1, reported: 1, appraised: 1, short: true });
    expect(board.short).toBe(board.stations);

    const svc = createAppraisalService({ db: t.db, roster: async () => [], posts: async () => [], today: () => `${year}-11-02` });
    const actor = { accountId: 0, username: 'yushe.station', roles: ['station_admin' as const], scope: { orgId: stationId, path: (await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE id = $1`, [stationId]))[0]!.path, countyId: (await orgId(t.db, '中共宜君县委员会')) }, ip: '127.0.0.1' };
    expect((await svc.todayItems(t.db, actor as never, `${year}-11-02`)).map((i) => i.kind)).toEqual(['research_short']);
    expect(await svc.todayItems(t.db, actor as never, `${year}-06-02`)).toEqual([]);

    // a second round reported: no longer short, and gone from the home page
    let r2 = (await station.post('/api/orglife/research', { orgId: stationId, topic: '党员发挥作用情况', villageIds: [yusheId], startsOn: today, endsOn: today })).json() as ResearchView;
    r2 = (await station.post(`/api/orglife/research/${r2.id}/transitions/report`, { version: r2.version, report: '党员中心户作用明显' })).json() as ResearchView;
    expect((await wuli.get(`/api/orglife/research-board?orgId=${stationId}&year=${year}`)).json().rows[0]).toMatchObject({ reported: 2, short: false });
    expect(await svc.todayItems(t.db, actor as never, `${year}-11-02`)).toEqual([]);
    // the township sees the report waiting for its appraisal
    const home = (await wuli.get('/api/home/today')).json() as TodayList;
    expect(home.items.some((i) => i.kind === 'research_to_appraise' && i.id === r2.id)).toBe(true);
  });
});

describe('results available to assessment through the front door', () => {
  it('a village\'s score sheet computes 民主评议合格率 and 述职评议好评率 from these records, drilling down to them', async () => {
    const ind = (name: string, source: string) => ({ name, points: 10, cadence: 'monthly', scoringLevel: 'township', evidenceRequired: false, source });
    const draft = await county.post('/api/assessment/schemes', {
      year, unitType: 'village', name: `${year}年组织生活考核`, totalPoints: 20,
      tree: { categories: [{ name: '党的建设', points: 20, items: [{ name: '组织生活', points: 20, indicators: [ind('民主评议党员合格率', 'member_appraisal_qualified'), ind('书记述职评议', 'report_rating_good')] }] }] },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const d = draft.json() as { id: number; version: number };
    expect((await county.post(`/api/assessment/schemes/${d.id}/publish`, { version: d.version })).statusCode).toBe(200);
    const sheet = await wuli.post('/api/assessment/sheets', { schemeId: d.id, orgId: yusheId, period: today.slice(0, 7) });
    expect(sheet.statusCode, sheet.body).toBe(201);
    const entries = (sheet.json() as { entries: { source: string; points: number; basis: { numerator: number; denominator: number; records: { kind: string; ids: number[] } } }[] }).entries;
    const appraisal = entries.find((e) => e.source === 'member_appraisal_qualified')!;
    // 榆舍村 this year: two 优秀 (one by correction), one 基本合格, one 不合格
    expect(appraisal.basis).toMatchObject({ numerator: 2, denominator: 4, records: { kind: 'appraisal' } });
    expect(appraisal.points).toBe(5);
    const ids = (await t.db.query<{ id: number }>(`SELECT id FROM member_appraisals WHERE org_id = $1 AND year = $2 ORDER BY id`, [yusheId, year])).map((r) => Number(r.id));
    expect(appraisal.basis.records.ids).toEqual(ids);
    const rating = entries.find((e) => e.source === 'report_rating_good')!;
    const [expected] = await t.db.query<{ good: number; n: number }>(
      `SELECT count(*) FILTER (WHERE x.rating IN ('good', 'fairly_good'))::int AS good, count(*)::int AS n
         FROM session_ratings x JOIN session_reports r ON r.id = x.report_id WHERE r.reporter_org_id = $1`, [yusheId]);
    expect(rating.basis).toMatchObject({ numerator: expected!.good, denominator: expected!.n, records: { kind: 'report_session' } });
  });
});
