// 党支部积星·党员积分 over HTTP: the county's rules per year (usage can never earn points), a
// member's points derived from the records behind them (meetings attended, training attended, grid
// deeds, requests resolved) and each traceable to its record, manual items with evidence proposed by
// the branch and approved or returned above it, the board from the county to a branch's members —
// each refusal a 4xx in Chinese that changes nothing, every change audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberPoints, PointAward, PointAwardPage, PointRules, PointsBoard } from '@lianxin/contract';
import { accountAt, buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { todayInChina } from '../../core/calendar.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let yushe: Client;
let peng: Client;
let yusheId: number;
let wuliId: number;
let alice: number; // a member of 榆舍村 with records
let bob: number; // another member of 榆舍村, no records
const year = Number(todayInChina().slice(0, 4));
const records: { meetings: number[]; absent: number; lastYear: number; session: number; deed: number; request: number } = { meetings: [], absent: 0, lastYear: 0, session: 0, deed: 0, request: 0 };


const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;
const audits = (action: string) => count(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]);

/** The records behind the points, written as the modules that keep them would (fixtures on the raw database). */
async function writeRecords() {
  const [v] = await t.db.query<{ path: string; county_id: number }>(`SELECT path, county_id FROM orgs WHERE id = $1`, [yusheId]);
  const meeting = async (on: string, present: boolean) => {
    const [m] = await t.db.query<{ id: number }>(
      `INSERT INTO meetings (county_id, org_id, org_path, type_code, held_on, place, host, topic) VALUES ($1, $2, $3, 'member_congress', $4::date, '村部', '书记', '学习会') RETURNING id`,
      [v!.county_id, yusheId, v!.path, on],
    );
    await t.db.query(`INSERT INTO meeting_attendees (meeting_id, county_id, person_id, present, absence_reason) VALUES ($1, $2, $3, $4, $5)`, [m!.id, v!.county_id, alice, present, present ? null : '外出务工']);
    return Number(m!.id);
  };
  for (const on of [`${year}-01-05`, `${year}-02-05`, `${year}-03-05`]) records.meetings.push(await meeting(on, true));
  records.absent = await meeting(`${year}-04-05`, false);
  records.lastYear = await meeting(`${year - 1}-12-20`, true);
  const [cat] = await t.db.query<{ id: number }>(`INSERT INTO training_categories (county_id, name) VALUES ($1, '积分测试类') RETURNING id`, [v!.county_id]).catch(async () => t.db.query<{ id: number }>(`SELECT id FROM training_categories LIMIT 1`));
  const [course] = await t.db.query<{ id: number }>(
    `INSERT INTO training_courses (county_id, org_id, org_path, category_id, topic, lecturer, mode, hours) VALUES ($1, $1, (SELECT path FROM orgs WHERE id = $1), $2, '乡村振兴政策', '讲师', 'concentrated', 2) RETURNING id`,
    [v!.county_id, cat!.id],
  );
  const [s] = await t.db.query<{ id: number }>(
    `INSERT INTO training_sessions (county_id, course_id, org_id, org_path, held_on, place, target_org_id, target_org_path) VALUES ($1, $2, $3, $4, $5::date, '村部', $3, $4) RETURNING id`,
    [v!.county_id, course!.id, yusheId, v!.path, `${year}-05-10`],
  );
  records.session = Number(s!.id);
  await t.db.query(`INSERT INTO training_attendance (session_id, person_id, county_id) VALUES ($1, $2, $3)`, [s!.id, alice, v!.county_id]);
  const [grid] = await t.db.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE type = 'grid' AND county_id = $1 LIMIT 1`, [v!.county_id]);
  const gridId = grid?.id ?? yusheId;
  const gridPath = grid?.path ?? v!.path;
  const [reg] = await t.db.query<{ id: number }>(`INSERT INTO grid_registrations (county_id, grid_id, grid_path, person_id, registered_on) VALUES ($1, $2, $3, $4, $5::date) RETURNING id`, [v!.county_id, gridId, gridPath, alice, `${year}-01-01`]);
  const [deed] = await t.db.query<{ id: number }>(`INSERT INTO grid_deeds (registration_id, county_id, grid_path, done_on, description) VALUES ($1, $2, $3, $4::date, '帮独居老人修缮屋顶') RETURNING id`, [reg!.id, v!.county_id, gridPath, `${year}-06-01`]);
  records.deed = Number(deed!.id);
  // a request resolved by the 榆舍村 account, whose holder is alice
  await t.db.query(`UPDATE accounts SET person_id = $1 WHERE username = 'yushe'`, [alice]);
  const [acc] = await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'yushe'`);
  const [c] = await t.db.query<{ id: number }>(
    `INSERT INTO cases (county_id, case_type, org_id, org_path, status, title, resolved_at) VALUES ($1, 'request', $2, $3, 'resolved', '代办低保', $4::timestamptz) RETURNING id`,
    [v!.county_id, yusheId, v!.path, `${year}-07-01T10:00:00+08:00`],
  );
  await t.db.query(
    `INSERT INTO citizen_requests (case_id, county_id, channel, category, matter, citizen_name, tracking_code, owner_id, first_owner_id, resolved) VALUES ($1, $2, 'village', 'errand', '代办低保', '张某', $3, $4, $4, true)`,
    [c!.id, v!.county_id, `PTS${c!.id}`, acc!.id],
  );
  records.request = Number(c!.id);
}

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, yushe] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe')]);
  peng = await accountAt(t, 'points.peng', 'township_admin', '彭镇');
  [yusheId, wuliId] = await Promise.all([orgId(t.db, '榆舍村'), orgId(t.db, '五里镇')]);
  const members = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_id = $1 AND member_status IS NOT NULL AND status = 'active' ORDER BY id LIMIT 2`, [yusheId]);
  [alice, bob] = members.map((m) => Number(m.id)) as [number, number];
  expect(bob).toBeGreaterThan(0);
  await writeRecords();
});
afterAll(() => t.close());

const RULES = {
  memberItems: [
    { code: 'meetings', name: '参加组织生活', source: 'meetings', points: 2, cap: 5 },
    { code: 'training', name: '参加教育培训', source: 'training', points: 3, cap: 20 },
    { code: 'grid_deeds', name: '双报到·为群众办实事', source: 'grid_deeds', points: 4, cap: 20 },
    { code: 'requests', name: '办结群众事项', source: 'requests', points: 1, cap: 20 },
    { code: 'volunteer', name: '志愿服务', source: 'manual', points: 2, cap: 10 },
  ],
  branchItems: [{ code: 'meetings_held', name: '按规定召开组织生活', source: 'meetings_held', points: 1, cap: 30 }],
  branchLevels: [{ stars: 3, min: 10 }, { stars: 2, min: 5 }, { stars: 1, min: 1 }],
};

describe('the county\'s points rules', () => {
  it('start from the sample rules; only the county saves them, as a new version of the year; usage-based items are refused in Chinese', async () => {
    const rules = (await yushe.get(`/api/recognition/point-rules?year=${year}`)).json() as PointRules;
    expect(rules).toMatchObject({ year, fromYear: null, version: 0 });
    expect(rules.memberItems.some((i) => i.source === 'meetings')).toBe(true);
    const body = { year, version: 0, ...RULES };
    expect((await wuli.request('PUT', '/api/recognition/point-rules', body)).statusCode).toBe(403);
    const before = await count(`SELECT count(*)::int AS n FROM point_rules`);
    const usage = await county.request('PUT', '/api/recognition/point-rules', { ...body, memberItems: [...RULES.memberItems, { code: 'app', name: '每日登录学习平台', source: 'manual', points: 1, cap: 10 }] });
    expect(usage.statusCode).toBe(400);
    expect(usage.body).toContain('不能保存：积分只认工作实绩记录');
    const source = await county.request('PUT', '/api/recognition/point-rules', { ...body, memberItems: [{ code: 'clicks', name: '点赞转发', source: 'clicks', points: 1, cap: 10 }] });
    expect(source.statusCode).toBe(400);
    const twice = await county.request('PUT', '/api/recognition/point-rules', { ...body, memberItems: [RULES.memberItems[0], RULES.memberItems[0]] });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('重复');
    const levels = await county.request('PUT', '/api/recognition/point-rules', { ...body, branchLevels: [{ stars: 2, min: 5 }, { stars: 1, min: 8 }] });
    expect(levels.statusCode).toBe(400);
    expect(levels.body).toContain('须高于');
    const cap = await county.request('PUT', '/api/recognition/point-rules', { ...body, memberItems: [{ ...RULES.memberItems[0], cap: 1 }] });
    expect(cap.statusCode).toBe(400);
    expect(cap.body).toContain('年度上限');
    expect(await count(`SELECT count(*)::int AS n FROM point_rules`)).toBe(before);
    const first = await county.request('PUT', '/api/recognition/point-rules', { ...body, branchLevels: [{ stars: 1, min: 1 }] });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ fromYear: year, version: 1 });
    expect((await county.request('PUT', '/api/recognition/point-rules', body)).statusCode).toBe(412); // stale: version 1 is there
    const second = await county.request('PUT', '/api/recognition/point-rules', { ...body, version: 1 });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ version: 2, branchLevels: RULES.branchLevels });
    // both versions are kept; the next year reads this year's until it saves its own
    expect(await count(`SELECT count(*)::int AS n FROM point_rules WHERE year = $1`, [year])).toBe(2);
    expect((await yushe.get(`/api/recognition/point-rules?year=${year + 1}`)).json()).toMatchObject({ year: year + 1, fromYear: year, version: 2 });
    expect(await audits('point_rules.update')).toBe(2);
  });
});

describe('a member\'s points', () => {
  it('come from the records of the year, each entry naming its record; absences and other years earn nothing; an item stops at its cap', async () => {
    const res = await yushe.get(`/api/recognition/member-points/${alice}?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as MemberPoints;
    const meetings = p.entries.filter((e) => e.recordType === 'meeting');
    expect(meetings.map((e) => e.recordId)).toEqual(records.meetings);
    expect(meetings.map((e) => [e.points, e.capped])).toEqual([[2, false], [2, false], [1, true]]); // cap 5
    expect(p.entries.some((e) => e.recordId === records.absent || e.recordId === records.lastYear)).toBe(false);
    expect(p.entries.find((e) => e.recordType === 'training_session')).toMatchObject({ recordId: records.session, points: 3, itemCode: 'training' });
    expect(p.entries.find((e) => e.recordType === 'grid_deed')).toMatchObject({ recordId: records.deed, points: 4 });
    expect(p.entries.find((e) => e.recordType === 'request')).toMatchObject({ recordId: records.request, points: 1 });
    expect(p.entries.find((e) => e.recordType === 'request')!.label).not.toContain('张某');
    expect(p.total).toBe(5 + 3 + 4 + 1);
    expect(p.byItem.find((i) => i.code === 'meetings')).toMatchObject({ records: 3, points: 5, cap: 5 });
    expect(p.branch.id).toBe(yusheId);
    // last year: only last year's meeting (the rules fall back to the sample rules: 2 points)
    const last = (await yushe.get(`/api/recognition/member-points/${alice}?year=${year - 1}`)).json() as MemberPoints;
    expect(last.entries.map((e) => e.recordId)).toEqual([records.lastYear]);
    const none = (await yushe.get(`/api/recognition/member-points/${bob}?year=${year}`)).json() as MemberPoints;
    expect(none).toMatchObject({ total: 0, entries: [] });
  });

  it('are not shown outside the member\'s scope (404)', async () => {
    expect((await peng.get(`/api/recognition/member-points/${alice}`)).statusCode).toBe(404);
    const [other] = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_path NOT LIKE (SELECT path FROM orgs WHERE id = $1) || '%' AND member_status IS NOT NULL LIMIT 1`, [yusheId]);
    expect((await yushe.get(`/api/recognition/member-points/${other!.id}`)).statusCode).toBe(404);
  });
});

describe('manual items', () => {
  let award: PointAward;
  const base = () => ({ personId: alice, itemCode: 'volunteer', points: 2, doneOn: `${year}-08-01`, description: '防汛值守', evidence: '值班签到表照片' });

  it('are proposed by the branch with evidence; a computed item, too many points, a future day or another branch\'s member are refused', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM point_awards`);
    const computed = await yushe.post('/api/recognition/point-awards', { ...base(), itemCode: 'meetings' });
    expect(computed.statusCode).toBe(400);
    expect(computed.body).toContain('由记录自动计算');
    const over = await yushe.post('/api/recognition/point-awards', { ...base(), points: 3 });
    expect(over.statusCode).toBe(400);
    expect(over.body).toContain('每次最多 2 分');
    const future = await yushe.post('/api/recognition/point-awards', { ...base(), doneOn: `${year + 1}-01-01` });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('尚未发生');
    const blank = await yushe.post('/api/recognition/point-awards', { ...base(), evidence: '   ' });
    expect(blank.statusCode).toBe(400);
    const [pengMember] = await t.db.query<{ id: number }>(`SELECT p.id FROM persons p JOIN orgs t ON p.org_path LIKE t.path || '%' WHERE t.name = '彭镇' AND p.member_status IS NOT NULL LIMIT 1`);
    expect((await yushe.post('/api/recognition/point-awards', { ...base(), personId: pengMember!.id })).statusCode).toBe(404);
    expect((await wuli.post('/api/recognition/point-awards', base())).statusCode).toBe(403); // the branch proposes
    expect(await count(`SELECT count(*)::int AS n FROM point_awards`)).toBe(before);
    const res = await yushe.post('/api/recognition/point-awards', base());
    expect(res.statusCode, res.body).toBe(201);
    award = res.json() as PointAward;
    expect(award).toMatchObject({ status: 'proposed', statusLabel: '待审核', canDecide: false, year });
    // not counted before it is approved
    expect(((await yushe.get(`/api/recognition/member-points/${alice}?year=${year}`)).json() as MemberPoints).entries.some((e) => e.recordType === 'point_award')).toBe(false);
    expect(await audits('point_award.propose')).toBe(1);
  });

  it('are approved or returned above the branch: the branch cannot approve its own, a return needs a reason, a sibling township sees nothing', async () => {
    expect((await yushe.post(`/api/recognition/point-awards/${award.id}/approve`, { version: award.version })).statusCode).toBe(403);
    expect((await peng.post(`/api/recognition/point-awards/${award.id}/approve`, { version: award.version })).statusCode).toBe(404);
    const queue = (await wuli.get('/api/recognition/point-awards?status=proposed')).json() as PointAwardPage;
    expect(queue.items.find((a) => a.id === award.id)).toMatchObject({ canDecide: true });
    expect(((await peng.get('/api/recognition/point-awards')).json() as PointAwardPage).items.some((a) => a.id === award.id)).toBe(false);
    const noReason = await wuli.post(`/api/recognition/point-awards/${award.id}/return`, { version: award.version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('理由');
    expect((await wuli.post(`/api/recognition/point-awards/${award.id}/approve`, { version: award.version + 1 })).statusCode).toBe(412);
    const returned = await wuli.post(`/api/recognition/point-awards/${award.id}/return`, { version: award.version, reason: '照片看不清，请补充值班表' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', reason: '照片看不清，请补充值班表' });
    expect((await wuli.post(`/api/recognition/point-awards/${award.id}/approve`, { version: award.version + 1 })).statusCode).toBe(409);
    // proposed again with better evidence, approved, and counted with its record
    const again = (await yushe.post('/api/recognition/point-awards', { ...base(), evidence: '值班表（乡镇盖章）' })).json() as PointAward;
    const ok = await wuli.post(`/api/recognition/point-awards/${again.id}/approve`, { version: again.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', statusLabel: '已认定', canDecide: false });
    const p = (await yushe.get(`/api/recognition/member-points/${alice}?year=${year}`)).json() as MemberPoints;
    expect(p.entries.find((e) => e.recordType === 'point_award')).toMatchObject({ recordId: again.id, points: 2, itemCode: 'volunteer' });
    expect(p.entries.some((e) => e.recordId === award.id && e.recordType === 'point_award')).toBe(false);
    expect(p.total).toBe(13 + 2);
    // an approved item is part of the record: the database refuses to change it
    await expect(t.db.query(`UPDATE point_awards SET points = 1 WHERE id = $1`, [again.id])).rejects.toThrow(/never edited/);
    expect(await audits('point_award.return')).toBe(1);
    expect(await audits('point_award.approve')).toBe(1);
  });
});

describe('the board', () => {
  it('drills from the county\'s townships to a township\'s branches with their stars to a branch\'s members, one set of figures throughout', async () => {
    const top = (await county.get(`/api/recognition/points-board?year=${year}`)).json() as PointsBoard;
    expect(top.level).toBe('townships');
    const wuliRow = top.units.find((u) => u.org.id === wuliId)!;
    expect(wuliRow.members).toBe(await count(`SELECT count(*)::int AS n FROM persons WHERE org_path LIKE (SELECT path FROM orgs WHERE id = $1) || '%' AND member_status IS NOT NULL AND status = 'active'`, [wuliId]));
    const branches = (await county.get(`/api/recognition/points-board?year=${year}&orgId=${wuliId}`)).json() as PointsBoard;
    expect(branches.level).toBe('branches');
    expect(branches.units.reduce((a, u) => a + u.members, 0)).toBe(wuliRow.members);
    expect(wuliRow.starCounts.reduce((a, s) => a + s.count, 0)).toBe(branches.units.length);
    const yb = branches.units.find((u) => u.org.id === yusheId)!;
    const members = (await wuli.get(`/api/recognition/points-board?year=${year}&orgId=${yusheId}`)).json() as PointsBoard;
    expect(members.level).toBe('members');
    expect(members.members.find((m) => m.person.id === alice)).toMatchObject({ total: 15 });
    const avg = Math.round((members.members.reduce((a, m) => a + m.total, 0) / members.members.length) * 10) / 10;
    expect(yb).toMatchObject({ members: members.members.length, memberAverage: avg, ownPoints: 4, total: Math.round((avg + 4) * 10) / 10 }); // 4 meetings held this year (one with alice absent)
    expect(yb.stars).toBe(yb.total! >= 10 ? 3 : yb.total! >= 5 ? 2 : 1);
    expect(members.branchItems[0]).toMatchObject({ code: 'meetings_held', records: 4, points: 4 });
    expect(members.branchItems[0]!.recordIds.sort()).toEqual([...records.meetings, records.absent].sort());
    // the village reads its own branch; a sibling township's org answers 404
    expect(((await yushe.get(`/api/recognition/points-board?year=${year}`)).json() as PointsBoard).level).toBe('members');
    expect((await peng.get(`/api/recognition/points-board?year=${year}&orgId=${yusheId}`)).statusCode).toBe(404);
  });
});
