// 干部队伍与发展党员 through the API: posts with their channel and 公职化, refusals of a second
// holder, the cadre ledger and its export and structure, the reserve pool's life cycle, and the
// member development path with its intervals — each refusal a 4xx in Chinese that changes nothing.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CadreRow, CadreStructure, DevelopmentRow, PersonDetail, ReserveCadreRow, TodayList } from '@lianxin/contract';
import { todayInChina as date } from '../../core/calendar.js';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';

let t: TestApp;
let wuli: Client;
let yushe: Client;
let county: Client;
let station: Client;
let yusheId: number;
let stationId: number;
beforeAll(async () => {
  t = await buildTestApp();
  wuli = await t.as('wuli');
  yushe = await t.as('yushe');
  county = await t.as('county');
  station = await t.as('yushe.station');
  yusheId = await orgId(t.db, '榆舍村');
  stationId = await orgId(t.db, '榆舍党建工作站');
});
afterAll(() => t.close());

let serial = 0;
async function newPerson(body: Record<string, unknown> = {}): Promise<number> {
  const res = await yushe.post('/api/people', { name: `干部测试${++serial}`, gender: 'male', orgId: yusheId, birthDate: '1990-05-01', education: 'bachelor', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: number }).id;
}
/** A development's item on the account's 工作台, if it has one. */
async function dueOf(c: Client, id: number) {
  const today = await c.get('/api/home/today');
  expect(today.statusCode, today.body).toBe(200);
  return (today.json() as TodayList).items.find((i) => i.kind === 'development_due' && i.id === id);
}
const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;

describe('posts', () => {
  it('assigns a post with its selection channel and 公职化 status, shown on the person\'s page', async () => {
    const person = await newPerson();
    const res = await wuli.post('/api/posts', {
      personId: person, orgId: yusheId, role: 'deputy_secretary', startDate: '2025-01-01', selectionChannel: 'public_selection',
      civilService: true, civilServiceDate: '2025-06-01', civilServiceBasis: '县委组织部〔2025〕12号',
    });
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await wuli.get(`/api/people/${person}`)).json() as PersonDetail;
    expect(detail.posts[0]).toMatchObject({ role: 'deputy_secretary', selectionChannel: 'public_selection', civilService: true, civilServiceDate: '2025-06-01', civilServiceBasis: '县委组织部〔2025〕12号', version: 1 });
  });

  it('refuses 公职化 without its date and basis', async () => {
    const person = await newPerson();
    const res = await wuli.post('/api/posts', { personId: person, orgId: yusheId, role: 'committee_member', startDate: '2025-01-01', civilService: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/公职化|日期/);
  });

  it('refuses a second secretary whose term overlaps, naming the holder, and writes nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM posts WHERE org_id = $1`, [yusheId]);
    const person = await newPerson();
    const res = await wuli.post('/api/posts', { personId: person, orgId: yusheId, role: 'secretary', startDate: '2025-01-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/「书记」只能由一人担任.*任期/);
    expect(await count(`SELECT count(*)::int AS n FROM posts WHERE org_id = $1`, [yusheId])).toBe(before);
  });

  it('takes a successor once the holder\'s term is ended, and refuses a term that reaches back into it', async () => {
    const holder = (await t.db.query<{ id: number; version: number }>(`SELECT id, version FROM posts WHERE org_id = $1 AND role = 'clerk' AND end_date IS NULL`, [yusheId]))[0];
    let clerkPost = holder?.id;
    if (!clerkPost) {
      clerkPost = ((await wuli.post('/api/posts', { personId: await newPerson(), orgId: yusheId, role: 'clerk', startDate: '2021-10-15' })).json() as { id: number }).id;
    }
    expect((await wuli.post(`/api/posts/${clerkPost}/end`, { endDate: '2026-03-31' })).statusCode).toBe(204);
    const successor = await newPerson();
    const early = await wuli.post('/api/posts', { personId: successor, orgId: yusheId, role: 'clerk', startDate: '2026-03-01' });
    expect(early.statusCode).toBe(409);
    const ok = await wuli.post('/api/posts', { personId: successor, orgId: yusheId, role: 'clerk', startDate: '2026-04-01', selectionChannel: 'appointed' });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses a second station chief, and warns about the station\'s staffing after a change', async () => {
    const person = await newPerson();
    const res = await wuli.post('/api/posts', { personId: person, orgId: stationId, role: 'station_chief', startDate: '2026-01-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/该工作站已有站长/);
    // a third deputy: the rule is 1–2
    const deputies = await count(`SELECT count(*)::int AS n FROM posts WHERE org_id = $1 AND role = 'deputy_station_chief' AND end_date IS NULL`, [stationId]);
    let warnings: string[] = [];
    let last: { id: number; warnings: string[] } = { id: 0, warnings: [] };
    for (let i = deputies; i < 3; i++) {
      const r = await wuli.post('/api/posts', { personId: await newPerson(), orgId: stationId, role: 'deputy_station_chief', startDate: '2026-01-01', selectionChannel: 'sent_township' });
      expect(r.statusCode, r.body).toBe(201);
      last = r.json() as { id: number; warnings: string[] };
      warnings = last.warnings;
    }
    expect(warnings.join()).toMatch(/副站长 3 名，应为 1–2 名/);
    // the post opens by id: the record, its holder and the station's warnings now — what the create answered
    const one = await wuli.get(`/api/posts/${last.id}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toEqual(last);
    expect(one.json()).toMatchObject({ role: 'deputy_station_chief', org: { id: stationId }, person: { name: expect.any(String) } });
    expect((await (await t.as('yushe')).get(`/api/posts/${last.id}`)).statusCode).toBe(404); // outside a village's scope
  });

  it('changes a post with its version (412 on a stale one), and lists an org\'s posts', async () => {
    const person = await newPerson();
    const { id } = (await wuli.post('/api/posts', { personId: person, orgId: yusheId, role: 'committee_member', sentFrom: '县交通运输局', startDate: '2026-02-01', selectionChannel: 'sent_department' })).json() as { id: number };
    const changed = await wuli.patch(`/api/posts/${id}`, { version: 1, sentFrom: '县财政局', civilService: false });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ id, version: 2 });
    expect((await wuli.patch(`/api/posts/${id}`, { version: 1, note: '过期' })).statusCode).toBe(412);
    const posts = (await yushe.get(`/api/orgs/${yusheId}/posts`)).json() as { id: number; sentFrom: string; person: { name: string } }[];
    expect(posts.find((p) => p.id === id)).toMatchObject({ sentFrom: '县财政局' });
    // a station account reads, it does not assign
    expect((await station.patch(`/api/posts/${id}`, { version: 2, note: 'x' })).statusCode).toBe(403);
  });
});

describe('the cadre ledger', () => {
  it('filters by post, 一肩挑, selection channel, age and term, within the scope', async () => {
    const secretaries = (await wuli.get('/api/cadres?role=secretary&pageSize=200')).json() as { items: CadreRow[]; total: number };
    expect(secretaries.total).toBeGreaterThan(5);
    expect(secretaries.items.every((r) => r.role === 'secretary')).toBe(true);
    const concurrent = (await wuli.get('/api/cadres?role=secretary&concurrent=true&pageSize=200')).json() as { items: CadreRow[]; total: number };
    expect(concurrent.items.every((r) => r.concurrent)).toBe(true);
    expect(concurrent.total).toBeLessThanOrEqual(secretaries.total);
    const young = (await wuli.get('/api/cadres?ageMax=35&pageSize=200')).json() as { items: CadreRow[] };
    expect(young.items.every((r) => r.person.age !== null && r.person.age <= 35)).toBe(true);
    const sent = (await county.get('/api/cadres?selectionChannel=sent_department&pageSize=200')).json() as { items: CadreRow[] };
    expect(sent.items.length).toBeGreaterThan(0);
    expect(sent.items.every((r) => r.selectionChannel === 'sent_department' && r.sentFrom)).toBe(true);
    // a first secretary's days in post count from the start of the term
    const first = sent.items.find((r) => r.role === 'first_secretary')!;
    expect(first.daysInPost).toBe(Math.round((Date.parse(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)) - Date.parse(first.startDate)) / 86_400_000));
    const byUnit = (await county.get(`/api/cadres?sentFrom=${encodeURIComponent(sent.items[0]!.sentFrom!)}`)).json() as { items: CadreRow[] };
    expect(byUnit.items.every((r) => r.sentFrom === sent.items[0]!.sentFrom)).toBe(true);
    const recent = (await wuli.get('/api/cadres?startFrom=2026-01-01&pageSize=200')).json() as { items: CadreRow[] };
    expect(recent.items.every((r) => r.startDate >= '2026-01-01')).toBe(true);
    const village = (await yushe.get('/api/cadres?pageSize=200')).json() as { items: CadreRow[] };
    expect(village.items.every((r) => r.org.name === '榆舍村')).toBe(true);
    expect((await wuli.get('/api/cadres?ageMin=50&ageMax=40')).statusCode).toBe(400);
  });

  it('exports the filtered ledger as .xlsx', async () => {
    const res = await wuli.get('/api/cadres/export?role=secretary');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('干部台账')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('岗位');
    const total = ((await wuli.get('/api/cadres?role=secretary&pageSize=1')).json() as { total: number }).total;
    expect(sheet.rowCount - 1).toBe(total);
    for (let i = 2; i <= sheet.rowCount; i++) expect(sheet.getRow(i).getCell(2).value).toBe('书记');
  });

  it('gives the 两委\'s age and education structure per township, each person once', async () => {
    const s = (await county.get('/api/cadres/structure')).json() as CadreStructure;
    expect(s.rows.length).toBe(8);
    for (const r of s.rows) {
      expect(Object.values(r.age).reduce((a, b) => a + b, 0)).toBe(r.people);
      expect(Object.values(r.education).reduce((a, b) => a + b, 0)).toBe(r.people);
    }
    const wuliRows = ((await wuli.get('/api/cadres/structure')).json() as CadreStructure).rows;
    expect(wuliRows.map((r) => r.township.name)).toEqual(['五里镇']);
  });
});

describe('the reserve pool', () => {
  it('adds, trains and appoints a reserve cadre: the post and the pool record change together', async () => {
    const person = await newPerson({ birthDate: '1995-03-01' });
    const { id } = (await wuli.post('/api/reserve-cadres', { personId: person, targetRole: '村委会委员', addedOn: '2025-09-01' })).json() as { id: number };
    expect((await wuli.post(`/api/reserve-cadres/${id}/train`, { version: 1, trainedOn: '2025-10-10', training: '村级后备干部培训班' })).statusCode).toBe(204);
    // a post that cannot be taken (a second secretary) leaves the pool record as it was
    const refused = await wuli.post(`/api/reserve-cadres/${id}/appoint`, { version: 2, orgId: yusheId, role: 'secretary', startDate: '2026-01-01' });
    expect(refused.statusCode).toBe(409);
    expect((await t.db.query<{ status: string }>(`SELECT status FROM reserve_cadres WHERE id = $1`, [id]))[0]!.status).toBe('active');
    const res = await wuli.post(`/api/reserve-cadres/${id}/appoint`, { version: 2, orgId: yusheId, role: 'committee_member', startDate: '2026-01-01', selectionChannel: 'elected' });
    expect(res.statusCode, res.body).toBe(201);
    const postId = (res.json() as { id: number }).id;
    const appointed = (await wuli.get('/api/reserve-cadres?status=appointed&pageSize=200')).json() as { items: ReserveCadreRow[] };
    expect(appointed.items.find((r) => r.id === id)).toMatchObject({ status: 'appointed', postId, trainedOn: '2025-10-10' });
    expect((await wuli.post(`/api/reserve-cadres/${id}/remove`, { version: 3, endedOn: '2026-02-01', reason: '重复' })).statusCode).toBe(409);
  });

  it('removes one with a reason, and lists the pool by township', async () => {
    const person = await newPerson();
    const { id } = (await wuli.post('/api/reserve-cadres', { personId: person, targetRole: '村党支部书记', addedOn: '2025-09-01' })).json() as { id: number };
    expect((await wuli.post(`/api/reserve-cadres/${id}/remove`, { version: 1, endedOn: '2026-01-01', reason: '外出务工' })).statusCode).toBe(204);
    const active = (await county.get(`/api/reserve-cadres?orgId=${await orgId(t.db, '五里镇')}&pageSize=200`)).json() as { items: ReserveCadreRow[] };
    expect(active.items.some((r) => r.id === id)).toBe(false);
    expect(active.items.every((r) => r.status === 'active')).toBe(true);
    const removed = (await county.get('/api/reserve-cadres?status=removed&pageSize=200')).json() as { items: ReserveCadreRow[] };
    expect(removed.items.find((r) => r.id === id)).toMatchObject({ endReason: '外出务工', endedOn: '2026-01-01' });
  });
});

describe('member development', () => {
  const admitChecks = ['政治审查', '上级党委预审', '公示', '支部大会讨论表决', '上级党委审批'];
  const step = (c: Client, id: number, body: Record<string, unknown>) => c.post(`/api/developments/${id}/steps`, body);
  const state = async (id: number) => (await t.db.query<{ status: string; version: number }>(`SELECT status, version FROM cases WHERE id = $1`, [id]))[0]!;

  it('walks an applicant to full membership, each step dated and checked, the person record updated at the end', async () => {
    const person = await newPerson({ birthDate: '1998-02-01' });
    const open = await yushe.post('/api/developments', { personId: person, appliedOn: '2024-01-10' });
    expect(open.statusCode, open.body).toBe(201);
    const d = open.json() as DevelopmentRow;
    expect(d).toMatchObject({ status: 'applicant', next: { transition: 'make_activist', earliest: '2024-01-10' } });

    // skipping a step: 400 naming the step due, nothing changed
    const skip = await step(wuli, d.id, { version: 1, transition: 'admit', date: '2024-05-01', checks: admitChecks, trainingOn: '2024-04-01' });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().message).toMatch(/须先「确定为入党积极分子」/);
    expect(await state(d.id)).toEqual({ status: 'applicant', version: 1 });

    // checkpoints not confirmed: 400
    const unchecked = await step(yushe, d.id, { version: 1, transition: 'make_activist', date: '2024-03-01', checks: [] });
    expect(unchecked.statusCode).toBe(400);
    expect(unchecked.json().message).toMatch(/尚未完成：党组织派人谈话、党员推荐或群团组织推优/);
    const activist = await step(yushe, d.id, { version: 1, transition: 'make_activist', date: '2024-03-01', checks: ['党组织派人谈话', '党员推荐或群团组织推优'] });
    expect(activist.statusCode, activist.body).toBe(200);

    // less than a year as an activist: 400 with the earliest date, nothing changed
    const early = await step(yushe, d.id, { version: 2, transition: 'make_target', date: '2025-02-01', checks: ['听取党小组、培养联系人、党员和群众意见', '支委会讨论同意', '报上级党委备案'] });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toMatch(/满12个月后，最早 2025-03-01/);
    expect(await state(d.id)).toEqual({ status: 'activist', version: 2 });
    expect((await step(yushe, d.id, { version: 2, transition: 'make_target', date: '2025-03-05', checks: ['听取党小组、培养联系人、党员和群众意见', '支委会讨论同意', '报上级党委备案'] })).statusCode).toBe(200);

    // admission is the committee's: the village branch is refused; without training 400
    expect((await step(yushe, d.id, { version: 3, transition: 'admit', date: '2025-07-01', checks: admitChecks, trainingOn: '2025-06-01' })).statusCode).toBe(403);
    expect((await step(wuli, d.id, { version: 3, transition: 'admit', date: '2025-07-01', checks: admitChecks })).statusCode).toBe(400);
    const admitted = await step(wuli, d.id, { version: 3, transition: 'admit', date: '2025-07-01', checks: admitChecks, trainingOn: '2025-06-01' });
    expect(admitted.statusCode, admitted.body).toBe(200);
    let p = (await yushe.get(`/api/people/${person}`)).json() as PersonDetail;
    expect(p).toMatchObject({ memberStatus: 'probationary', joinDate: '2025-07-01', fullDate: null });

    // the year is up (2026-07-01): the township committee's 工作台 has it to approve, the branch's to hold the vote
    // (the time limit of the national default: 转正 is discussed when probation ends — past it, the item says so)
    const late = date() > '2026-07-01' ? '已逾期：' : '';
    expect(await dueOf(wuli, d.id)).toMatchObject({ title: `${late}${p.name}预备期满，待审批转正`, due: '2026-07-01', href: `/developments?id=${d.id}`, org: '榆舍村' });
    expect((await dueOf(yushe, d.id))?.title).toBe(`${late}${p.name}预备期满，请召开支部大会讨论转正，报上级党委审批`);
    expect(await dueOf(await t.as('jiaotong'), d.id)).toBeUndefined();
    expect(await dueOf(station, d.id)).toBeUndefined();

    // a year's probation
    const fullChecks = ['本人提出转正申请', '支部大会讨论表决', '上级党委审批'];
    expect((await step(wuli, d.id, { version: 4, transition: 'make_full', date: '2026-06-30', checks: fullChecks })).statusCode).toBe(400);
    const full = await step(wuli, d.id, { version: 4, transition: 'make_full', date: '2026-07-01', checks: fullChecks });
    expect(full.statusCode, full.body).toBe(200);
    expect(full.json()).toMatchObject({ status: 'full', next: null, fullOn: '2026-07-01' });
    p = (await yushe.get(`/api/people/${person}`)).json() as PersonDetail;
    expect(p).toMatchObject({ memberStatus: 'formal', joinDate: '2025-07-01', fullDate: '2026-07-01' });
    expect(await dueOf(wuli, d.id)).toBeUndefined();
    // the same person was not entered twice
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE name = $1`, [p.name])).toBe(1);
    // a step already taken: the state refuses it
    expect((await step(wuli, d.id, { version: 5, transition: 'make_full', date: '2026-07-02', checks: fullChecks })).statusCode).toBe(409);
  });

  it('refuses an applicant under age, a member, or a second application', async () => {
    const young = await newPerson({ birthDate: '2010-01-01' });
    const res = await yushe.post('/api/developments', { personId: young, appliedOn: '2026-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/年满18周岁/);
    const member = await newPerson({ memberStatus: 'formal', joinDate: '2015-07-01', fullDate: '2016-07-01' });
    expect((await yushe.post('/api/developments', { personId: member, appliedOn: '2026-01-01' })).statusCode).toBe(400);
    const adult = await newPerson();
    expect((await yushe.post('/api/developments', { personId: adult, appliedOn: '2026-01-01' })).statusCode).toBe(201);
    expect((await yushe.post('/api/developments', { personId: adult, appliedOn: '2026-01-02' })).statusCode).toBe(409);
  });

  it('lists a branch\'s developments by stage, within the scope', async () => {
    const list = (await yushe.get('/api/developments?pageSize=200')).json() as { items: DevelopmentRow[] };
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((r) => r.org.name === '榆舍村')).toBe(true);
    const applicants = (await wuli.get('/api/developments?status=applicant&pageSize=200')).json() as { items: DevelopmentRow[] };
    expect(applicants.items.every((r) => r.status === 'applicant')).toBe(true);
    // a station reads but takes no step
    const seen = (await station.get('/api/developments?pageSize=200')).json() as { items: DevelopmentRow[] };
    expect(seen.items.every((r) => r.next === null)).toBe(true);
  });
});
