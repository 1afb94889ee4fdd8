import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, ConsultationView, FilingView, MeetingDetail, OrglifeSettings, Roster, TodayList } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { lastDayOfMonth, plusDays, todayInChina } from '../../core/calendar.js';
import { hashPassword } from '../../core/password.js';
import { insertAccount } from '../accounts/index.js';
import { TEST_DEMO_PASSWORD } from '../../test/helpers.js';
import { createOrglifeService } from './orglife.service.js';
import { readPdf } from '../../test/pdf-text.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let station: Client;
let yushe: Client;
let yusheId: number;
let members: Roster['members'];
const today = todayInChina();

const meeting = (over: Record<string, unknown> = {}) => ({
  orgId: yusheId, typeCode: 'committee', heldOn: today, place: '村党群服务中心', host: '支部书记', topic: '研究冬季防火',
  minutes: '书记传达镇党委会议精神。', decisions: '成立巡查小组。',
  attendees: [{ personId: members[0]!.id, present: true }, { personId: members[1]!.id, present: false, absenceReason: '外出务工' }],
  ...over,
});

async function auditCount(action: string) {
  const [row] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]);
  return row!.n;
}
async function meetingCount() {
  const [row] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM meetings`);
  return row!.n;
}

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, station, yushe] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe.station'), t.as('yushe')]);
  yusheId = await orgId(t.db, '榆舍村');
  await insertAccount(t.db, { username: 'yaotou.village', displayName: '尧头村', passwordHash: await hashPassword(TEST_DEMO_PASSWORD), roles: ['village_admin'], scopeOrgId: await orgId(t.db, '尧头村'), mustChangePassword: false });
  const r = await yushe.get(`/api/orglife/units/${yusheId}/roster`);
  expect(r.statusCode, r.body).toBe(200);
  members = (r.json() as Roster).members;
  expect(members.length).toBeGreaterThan(2);
});
afterAll(() => t.close());

describe('meeting types and rules per county', () => {
  it('answers the §12 defaults; only the county changes them, audited', async () => {
    const s = (await yushe.get('/api/orglife/settings')).json() as OrglifeSettings;
    expect(s.backdateDays).toBe(7);
    expect(Object.fromEntries(s.types.filter((x) => x.perYear > 0).map((x) => [x.name, x.perYear]))).toEqual({
      支部党员大会: 4, 支委会: 12, 党小组会: 12, 党课: 4, 组织生活会: 1, 主题党日: 12,
    });
    expect(s.types.find((x) => x.code === 'party_lecture')!.secretaryMin).toBe(1);
    expect(s.types.map((x) => x.name)).toEqual(expect.arrayContaining(['两委会', '村民代表会', '工作会商', '月底小结会', '民主评议党员', '述职评议']));

    expect((await wuli.request('PUT', '/api/orglife/settings', { ...s, backdateDays: 10 })).statusCode).toBe(403);
    const dup = await county.request('PUT', '/api/orglife/settings', { ...s, types: [...s.types, { ...s.types[0]!, code: 'member_congress_b' }] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().message).toContain('重复');

    const before = await auditCount('orglife.settings');
    const saved = await county.request('PUT', '/api/orglife/settings', { ...s, backdateDays: 10 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as OrglifeSettings).backdateDays).toBe(10);
    expect(await auditCount('orglife.settings')).toBe(before + 1);
    await county.request('PUT', '/api/orglife/settings', { ...s, backdateDays: 7 });
  });
});

describe('the meeting record', () => {
  it('is entered once with attendance ticked from the roster, and audited', async () => {
    const before = await auditCount('meeting.create');
    const res = await yushe.post('/api/orglife/meetings', meeting());
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json() as MeetingDetail;
    expect(m).toMatchObject({ typeName: '支委会', presentCount: 1, expectedCount: 2, org: { name: '榆舍村' } });
    expect(m.attendees.find((a) => !a.present)).toMatchObject({ absenceReason: '外出务工' });
    expect(await auditCount('meeting.create')).toBe(before + 1);
    // the station above sees it; a sibling village does not
    expect((await station.get(`/api/orglife/meetings/${m.id}`)).statusCode).toBe(200);
    const yaotou = await t.as('yaotou.village');
    expect((await yaotou.get(`/api/orglife/meetings/${m.id}`)).statusCode).toBe(404);
  });

  it('refuses bad input with a Chinese message and changes nothing', async () => {
    const n = await meetingCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ attendees: [{ personId: members[0]!.id, present: true }, { personId: members[1]!.id, present: false }] }, '缺席原因'],
      [{ attendees: [{ personId: members[0]!.id, present: true }, { personId: members[1]!.id, present: false, absenceReason: '  ' }] }, '缺席原因'],
      [{ heldOn: plusDays(today, 1) }, '不能晚于今天'],
      [{ heldOn: plusDays(today, -8) }, '补录'],
      [{ typeCode: 'work_consultation' }, '不开'],
      [{ typeCode: 'no_such_type' }, '没有这个会议类型'],
    ];
    for (const [over, words] of cases) {
      const r = await yushe.post('/api/orglife/meetings', meeting(over));
      expect(r.statusCode, JSON.stringify(over)).toBe(400);
      expect(r.json().message).toContain(words);
    }
    // a member of another village is not in this branch
    const yaotou = await orgId(t.db, '尧头村');
    const other = ((await station.get(`/api/orglife/units/${yaotou}/roster`)).json() as Roster).members[0]!;
    const r = await yushe.post('/api/orglife/meetings', meeting({ attendees: [{ personId: members[0]!.id, present: true }, { personId: other.id, present: true }] }));
    expect(r.statusCode).toBe(400);
    expect(r.json().details.fields[0]).toMatchObject({ field: 'attendees.1.personId' });
    expect(r.json().message).toContain('不是榆舍村的党员');
    // a unit outside the scope answers 404
    expect((await yushe.post('/api/orglife/meetings', meeting({ orgId: yaotou }))).statusCode).toBe(404);
    expect(await meetingCount()).toBe(n);
  });
});

describe('sit-ins and the minutes book', () => {
  it('a station member records sitting in on a village meeting with the opinion given; the village cannot', async () => {
    const m = (await yushe.post('/api/orglife/meetings', meeting({ typeCode: 'member_congress', topic: '讨论村集体经济项目' }))).json() as MeetingDetail;
    const before = await auditCount('meeting.sit_in');
    expect((await yushe.post(`/api/orglife/meetings/${m.id}/sit-ins`, { attendee: '张站长', opinion: '同意' })).statusCode).toBe(403);
    expect((await station.post(`/api/orglife/meetings/${m.id}/sit-ins`, { attendee: '张站长', opinion: '  ' })).statusCode).toBe(400);
    const res = await station.post(`/api/orglife/meetings/${m.id}/sit-ins`, { attendee: '张站长', opinion: '项目须经村民代表会表决后再报镇审核' });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as MeetingDetail).sitIns).toMatchObject([{ attendee: '张站长', opinion: '项目须经村民代表会表决后再报镇审核', org: { name: '榆舍党建工作站' } }]);
    expect(await auditCount('meeting.sit_in')).toBe(before + 1);
  });

  it("prints the year's meetings as the 会议记录簿, absentees with reasons, and audits the export", async () => {
    const before = await auditCount('orglife.export');
    const res = await yushe.get(`/api/orglife/minutes-book?orgId=${yusheId}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(10).value).toBe('缺席人员及原因');
    const rows: string[] = [];
    ws.eachRow((r, i) => { if (i > 1) rows.push(String(r.getCell(10).value ?? '')); });
    const [n] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM meetings WHERE org_id = $1 AND held_on >= $2`, [yusheId, `${today.slice(0, 4)}-01-01`]);
    expect(rows).toHaveLength(n!.n);
    expect(rows.some((x) => x.includes('（外出务工）'))).toBe(true);
    expect(await auditCount('orglife.export')).toBe(before + 1);

    // the same book as an A4 PDF: a Chinese font embedded as a subset, the header and the rows, audited
    const pdf = await yushe.get(`/api/orglife/minutes-book/pdf?orgId=${yusheId}`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const read = await readPdf(pdf.rawPayload);
    expect(read.fonts).toEqual([expect.stringMatching(/^[A-Z]{6}\+NotoSansCJKsc-Regular$/)]);
    const text = read.pages.join('\n');
    for (const s of ['会议记录簿', '榆舍村', '缺席人员及原因', `共 ${n!.n} 条`, `第 1 页 / 共 ${read.pageCount} 页`]) expect(text).toContain(s);
    expect(text.replace(/\n/g, '')).toContain('（外出务工）');
    expect(await auditCount('orglife.export')).toBe(before + 2);
    // another township's village: 404, as the .xlsx
    const outside = await orgId(t.db, '彭镇村');
    expect((await yushe.get(`/api/orglife/minutes-book/pdf?orgId=${outside}`)).statusCode).toBe(404);
    expect((await yushe.get(`/api/orglife/minutes-book?orgId=${outside}`)).statusCode).toBe(404);
  });
});

describe('who is behind', () => {
  it('rolls held against required up the tree, with drill-down and attendance', async () => {
    const res = await wuli.get('/api/orglife/board');
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json() as BoardView;
    expect(b.org.name).toBe('五里镇');
    expect(b.total.units).toBeGreaterThan(3);
    expect(b.rows.reduce((n, r) => n + r.units, 0)).toBe(b.total.units);
    expect(b.rows.every((r) => r.org.type === 'station' || r.org.type === 'village' || r.org.type === 'community')).toBe(true);
    // the same figures as the records say, in SQL
    const [sql] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM meetings m JOIN orgs o ON o.id = m.org_id
        WHERE m.org_path LIKE $1 AND o.type IN ('village','community')
          AND m.type_code IN ('member_congress','committee','group','party_lecture','life_meeting','theme_day')
          AND m.held_on BETWEEN $2 AND $3`,
      [`${(await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE id = $1`, [b.org.id]))[0]!.path}%`, `${b.year}-01-01`, lastDayOfMonth(b.year, b.month)],
    );
    expect(b.total.held).toBe(sql!.n);

    // drill down: station → its villages → one village (the unit itself)
    const stationRow = b.rows.find((r) => r.org.name === '榆舍党建工作站')!;
    const s = (await wuli.get(`/api/orglife/board?orgId=${stationRow.org.id}`)).json() as BoardView;
    expect(s.rows.map((r) => r.org.type)).toEqual(s.rows.map(() => 'village'));
    expect(s.total.units).toBe(stationRow.units);
    const v = (await wuli.get(`/api/orglife/board?orgId=${yusheId}`)).json() as BoardView;
    expect(v.rows).toHaveLength(1);
    expect(v.rows[0]!.org.id).toBe(yusheId);
    expect(v.types.find((x) => x.code === 'committee')!.required).toBe(Number(today.slice(5, 7)));
    expect(v.total.attendanceRate).not.toBeNull();
    // the list of meetings behind the figures
    const list = (await wuli.get(`/api/orglife/meetings?orgId=${yusheId}&year=${today.slice(0, 4)}`)).json();
    expect(list.total).toBeGreaterThan(0);

    // outside the scope: 404
    const peng = await orgId(t.db, '彭镇');
    expect((await wuli.get(`/api/orglife/board?orgId=${peng}`)).statusCode).toBe(404);
  });

  it('the home to-dos show a branch what it still owes this month', async () => {
    const list = (await yushe.get('/api/home/today')).json() as TodayList;
    const due = list.items.filter((i) => i.kind === 'meeting_due');
    const v = (await yushe.get(`/api/orglife/board?orgId=${yusheId}`)).json() as BoardView;
    // one item for the branch, naming each required type still short by the end of this month
    const short = v.types.filter((x) => x.held < x.required && x.code !== 'group');
    expect(short.length).toBeGreaterThan(0);
    expect(due).toHaveLength(1);
    for (const x of short) expect(due[0]!.title).toContain(`${x.name}（本年应开 ${x.required} 次，已开 ${x.held} 次）`);
    // 党小组会: 榆舍村 has party groups, and each group owes its own
    expect(v.groups.length).toBeGreaterThan(0);
    for (const g of v.groups.filter((x) => x.held < x.required)) expect(due[0]!.title).toContain(`${g.org.name}党小组会（本年应开 ${g.required} 次，已开 ${g.held} 次）`);
    expect(due[0]!.href).toBe(`/orglife/meetings/new?orgId=${yusheId}`);
  });
});

describe('党课 4 a year, of which ≥ 1 by the branch secretary', () => {
  it('a branch with all its 党课 but none by its secretary is behind on that rule, on the board, its drill-down and its home to-do', async () => {
    const year = Number(today.slice(0, 4)) - 1;
    const yaotou = await orgId(t.db, '尧头村');
    const [o] = await t.db.query<{ path: string; county_id: number }>(`SELECT path, county_id FROM orgs WHERE id = $1`, [yaotou]);
    // last year's four 党课 (older than the back-dating window: written as the demo writes its past)
    const ids = await t.db.query<{ id: number }>(
      `INSERT INTO meetings (county_id, org_id, org_path, type_code, held_on, place, host, by_secretary, topic, expected_count, present_count)
       SELECT $1, $2, $3, 'party_lecture', d::date, '村党群服务中心', '组织委员', false, '党课', 10, 9
         FROM unnest(ARRAY['${year}-02-20', '${year}-05-20', '${year}-08-20', '${year}-11-20']) AS d RETURNING id`,
      [o!.county_id, yaotou, o!.path],
    );
    const board = async (month: number) => ((await wuli.get(`/api/orglife/board?orgId=${yaotou}&year=${year}&month=${month}`)).json() as BoardView).types.find((x) => x.code === 'party_lecture')!;
    const dec = await board(12);
    expect(dec.held).toBe(4);
    expect(dec.bySecretary).toEqual({ held: 0, required: 1, shortfall: 1, unitsBehind: 1 });
    expect(dec.shortfall).toBe(1); // four held, yet one more 党课 is owed: the secretary's
    // before October the year's remaining 党课 can still be the secretary's: not behind on it yet
    expect((await board(9)).bySecretary).toEqual({ held: 0, required: 0, shortfall: 0, unitsBehind: 0 });
    // rolled up: the station's row counts the branch behind on this rule alone
    const stationId = await orgId(t.db, '榆舍党建工作站');
    const up = (await wuli.get(`/api/orglife/board?orgId=${stationId}&year=${year}&month=12`)).json() as BoardView;
    expect(up.types.find((x) => x.code === 'party_lecture')!.bySecretary!.unitsBehind).toBeGreaterThanOrEqual(1);
    // the home to-do says so in words
    const svc = createOrglifeService({ db: t.db, roster: async () => [] });
    const actor = { accountId: 0, username: 'x', roles: ['village_admin' as const], scope: { orgId: yaotou, path: o!.path, countyId: o!.county_id }, ip: 'test' };
    const due = (await svc.todayItems(t.db, actor, `${year}-12-10`)).find((i) => i.kind === 'meeting_due')!;
    expect(due.title).toContain('党课须由书记讲授（本年应至少 1 次，已 0 次；已开的 4 次都不是书记讲的）');
    // one of them given by the secretary: caught up on the rule
    await t.db.query(`UPDATE meetings SET by_secretary = true WHERE id = $1`, [ids[0]!.id]);
    expect((await board(12)).bySecretary).toEqual({ held: 1, required: 1, shortfall: 0, unitsBehind: 0 });
    expect((await board(12)).shortfall).toBe(0);
    expect((await svc.todayItems(t.db, actor, `${year}-12-10`)).find((i) => i.kind === 'meeting_due')?.title ?? '').not.toContain('书记讲授');
  });
});

describe('工作会商 on a major matter', () => {
  it('the station records it → the township returns it → resubmitted → agreed → carried out', async () => {
    const stationId = await orgId(t.db, '榆舍党建工作站');
    const body = { orgId: stationId, heldOn: today, topic: '榆舍村光伏项目选址', participants: '站长、副站长、榆舍村书记', decision: '选址村北荒坡' };
    expect((await yushe.post('/api/orglife/consultations', body)).statusCode).toBe(404); // the station lies outside the village's scope
    expect((await yushe.post('/api/orglife/consultations', { ...body, orgId: yusheId })).statusCode).toBe(403);
    expect((await wuli.post('/api/orglife/consultations', body)).statusCode).toBe(403);
    expect((await station.post('/api/orglife/consultations', { ...body, heldOn: plusDays(today, 1) })).statusCode).toBe(400);
    const opened = await station.post('/api/orglife/consultations', body);
    expect(opened.statusCode, opened.body).toBe(201);
    let c = opened.json() as ConsultationView;
    expect(c).toMatchObject({ status: 'submitted', transitions: [] });
    const fire = async (who: Client, transition: string, extra: Record<string, unknown> = {}) => {
      const r = await who.post(`/api/orglife/consultations/${c.id}/transitions/${transition}`, { version: c.version, ...extra });
      expect(r.statusCode, r.body).toBe(200);
      c = r.json();
    };
    expect((await station.post(`/api/orglife/consultations/${c.id}/transitions/agree`, { version: c.version })).statusCode).toBe(403);
    await fire(wuli, 'return', { body: '请先征求村民代表意见' });
    expect(c).toMatchObject({ status: 'returned', comment: '请先征求村民代表意见' });
    await fire(station, 'resubmit', { decision: '经村民代表会同意，选址村北荒坡' });
    expect(c.decision).toBe('经村民代表会同意，选址村北荒坡');
    await fire(wuli, 'agree', { body: '同意' });
    await fire(station, 'carry_out', { body: '已完成选址公示' });
    expect(c.status).toBe('carried_out');
    expect((await wuli.get('/api/orglife/consultations')).json().items.some((x: ConsultationView) => x.id === c.id)).toBe(true);
  });
});

describe('主题党日 filing', () => {
  it('filed → returned with a comment → refiled → approved → held, recorded and linked', async () => {
    const plannedOn = plusDays(today, 3);
    const filed = await yushe.post('/api/orglife/filings', { orgId: yusheId, plannedOn, activityKind: 'visit_people', place: '榆舍村', plan: '走访独居老人' });
    expect(filed.statusCode, filed.body).toBe(201);
    let f = filed.json() as FilingView;
    expect(f).toMatchObject({ status: 'filed', transitions: [] });
    // the station may not guide; the township returns it with a comment
    expect((await station.post(`/api/orglife/filings/${f.id}/transitions/approve`, { version: f.version })).statusCode).toBe(403);
    expect((await wuli.post(`/api/orglife/filings/${f.id}/transitions/return`, { version: f.version })).statusCode).toBe(400);
    f = (await wuli.get(`/api/orglife/filings/${f.id}`)).json();
    expect(f.transitions).toEqual(['return', 'approve']);
    const ret = await wuli.post(`/api/orglife/filings/${f.id}/transitions/return`, { version: f.version, body: '请增加为群众办实事的内容' });
    expect(ret.statusCode, ret.body).toBe(200);
    f = ret.json();
    expect(f).toMatchObject({ status: 'returned', returnComment: '请增加为群众办实事的内容' });
    const todo = (await yushe.get('/api/home/today')).json() as TodayList;
    expect(todo.items.find((i) => i.kind === 'filing_returned' && i.id === f.id)).toMatchObject({ reason: '请增加为群众办实事的内容' });

    const refiled = await yushe.post(`/api/orglife/filings/${f.id}/transitions/refile`, { version: f.version, plan: '走访独居老人，帮助清理院落', activityKind: 'do_deeds' });
    expect(refiled.statusCode, refiled.body).toBe(200);
    f = refiled.json();
    expect(f).toMatchObject({ status: 'filed', activityKind: 'do_deeds', plan: '走访独居老人，帮助清理院落' });
    const review = (await wuli.get('/api/home/today')).json() as TodayList;
    expect(review.items.some((i) => i.kind === 'filing_to_review' && i.id === f.id)).toBe(true);

    f = (await wuli.post(`/api/orglife/filings/${f.id}/transitions/approve`, { version: f.version })).json();
    expect(f.status).toBe('approved');
    expect((await wuli.get('/api/orglife/filings?status=approved')).json().items.some((x: FilingView) => x.id === f.id)).toBe(true);

    // holding it needs the record; an absentee without a reason is refused and nothing changes
    const n = await meetingCount();
    const bad = await yushe.post(`/api/orglife/filings/${f.id}/transitions/hold`, {
      version: f.version, meeting: { heldOn: today, place: '榆舍村', host: '支部书记', topic: '干实事', attendees: [{ personId: members[0]!.id, present: false }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(await meetingCount()).toBe(n);
    const held = await yushe.post(`/api/orglife/filings/${f.id}/transitions/hold`, {
      version: f.version, meeting: { heldOn: today, place: '榆舍村', host: '支部书记', topic: '为独居老人清理院落', attendees: members.slice(0, 3).map((m) => ({ personId: m.id, present: true })) },
    });
    expect(held.statusCode, held.body).toBe(200);
    f = held.json();
    expect(f.status).toBe('held');
    const m = (await wuli.get(`/api/orglife/meetings/${f.meetingId}`)).json() as MeetingDetail;
    expect(m).toMatchObject({ typeCode: 'theme_day', activityKind: 'do_deeds', filingId: f.id, presentCount: 3 });
    expect(await meetingCount()).toBe(n + 1);

    // a filing for a day already held is refused, nothing written
    const filings = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE case_type = 'theme_day'`))[0]!.n;
    const filedBefore = await filings();
    const again = await yushe.post('/api/orglife/filings', { orgId: yusheId, plannedOn: today, activityKind: 'study', place: '榆舍村', plan: '学习' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已经开过');
    expect(await filings()).toBe(filedBefore);
  });

  it('a 访民情 theme day records each household visit as the 民情日记 entry and, when ticked, the request, in one step', async () => {
    const rows = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
    const day = { orgId: yusheId, typeCode: 'theme_day', activityKind: 'visit_people', heldOn: today, place: '榆舍村', host: '支部书记', topic: '访民情·走访困难户', attendees: members.slice(0, 2).map((m) => ({ personId: m.id, present: true })) };
    const visits = [
      { household: '王大爷', heard: '屋顶漏雨，入冬前想修好', needsHandling: { category: 'assistance', matter: '王大爷家屋顶漏雨需修缮', phone: '13800001234' } },
      { household: '李奶奶', heard: '身体还好，孙子在外上学', followUp: '下月再去看看' },
    ];
    // bad input changes nothing: visits on a meeting that is not 访民情, a bad phone, a matter left blank
    const before = { m: await meetingCount(), v: await rows('visits'), r: await rows(`cases WHERE case_type = 'request'`), a: await auditCount('visit.create') };
    const unchanged = async () => expect({ m: await meetingCount(), v: await rows('visits'), r: await rows(`cases WHERE case_type = 'request'`), a: await auditCount('visit.create') }).toEqual(before);
    const study = await yushe.post('/api/orglife/meetings', { ...day, activityKind: 'study', visits });
    expect(study.statusCode).toBe(400);
    expect(study.json().message).toContain('访民情');
    expect((await yushe.post('/api/orglife/meetings', { ...meeting(), visits })).statusCode).toBe(400);
    const phone = await yushe.post('/api/orglife/meetings', { ...day, visits: [visits[1], { ...visits[0], needsHandling: { ...visits[0]!.needsHandling, phone: '1380000' } }] });
    expect(phone.statusCode).toBe(400);
    expect(phone.json().details.fields[0].field).toBe('visits.1.needsHandling.phone');
    const blank = await yushe.post('/api/orglife/meetings', { ...day, visits: [{ ...visits[0], needsHandling: { category: 'assistance', matter: '  ' } }] });
    expect(blank.statusCode).toBe(400);
    await unchanged();

    const res = await yushe.post('/api/orglife/meetings', { ...day, visits });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json() as MeetingDetail;
    expect(m.visits).toHaveLength(2);
    expect(m.visits!.map((v) => v.household)).toEqual(['王大爷', '李奶奶']);
    expect(m.visits![0]!.requestId).not.toBeNull();
    expect(m.visits![1]!.requestId).toBeNull();
    expect({ v: await rows('visits'), r: await rows(`cases WHERE case_type = 'request'`), a: await auditCount('visit.create') }).toEqual({ v: before.v + 2, r: before.r + 1, a: before.a + 2 });
    // the diary entry and the request are the citizens module's own records, no second entry
    const diary = (await yushe.get(`/api/visits/${m.visits![0]!.visitId}`)).json();
    expect(diary).toMatchObject({ household: '王大爷', heard: '屋顶漏雨，入冬前想修好', visitedOn: today, requestId: m.visits![0]!.requestId, cadreLevel: 'village' });
    const request = (await yushe.get(`/api/requests/${m.visits![0]!.requestId}`)).json();
    expect(request).toMatchObject({ channel: 'diary', category: 'assistance', matter: '王大爷家屋顶漏雨需修缮', citizenName: '王大爷' });
    expect(request.phone).not.toContain('13800001234'); // masked by default
    expect((await yushe.get(`/api/visits/${m.visits![1]!.visitId}`)).json()).toMatchObject({ household: '李奶奶', followUp: '下月再去看看', requestId: null });
    // a sibling village sees neither the meeting nor the diary entry
    const yaotou = await t.as('yaotou.village');
    expect((await yaotou.get(`/api/orglife/meetings/${m.id}`)).statusCode).toBe(404);
    expect((await yaotou.get(`/api/visits/${m.visits![0]!.visitId}`)).statusCode).toBe(404);
  });

  it('is filed by the branch itself, before the day, and not seen by a sibling village', async () => {
    expect((await yushe.post('/api/orglife/filings', { orgId: yusheId, plannedOn: plusDays(today, -1), activityKind: 'study', place: '榆舍村', plan: '学习' })).statusCode).toBe(400);
    expect((await wuli.post('/api/orglife/filings', { orgId: yusheId, plannedOn: plusDays(today, 5), activityKind: 'study', place: '榆舍村', plan: '学习' })).statusCode).toBe(403);
    const f = (await yushe.post('/api/orglife/filings', { orgId: yusheId, plannedOn: plusDays(today, 5), activityKind: 'study', place: '榆舍村', plan: '学习党章' })).json() as FilingView;
    expect((await county.get(`/api/orglife/filings/${f.id}`)).statusCode).toBe(200);
    expect((await (await t.as('yaotou.village')).get(`/api/orglife/filings/${f.id}`)).statusCode).toBe(404);
  });
});
