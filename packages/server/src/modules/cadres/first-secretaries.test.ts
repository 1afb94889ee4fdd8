// 第一书记 through the API: the list with sending unit and days in post; one page whose work log is
// read from the records others keep (a diary visit and the request it opened, recorded by an account
// linked to the person; a meeting attended; a 三个讲一次 talk given) — nothing entered twice, and an
// account not linked to the person contributes nothing; the county's daily subsidy (default 50 yuan
// in fen, set by the county only, audited) and the monthly/yearly table from the post dates, exported
// as a real .xlsx.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstSecretaryDetail, FirstSecretaryPage, FirstSecretarySubsidy } from '@lianxin/contract';
import { buildTestApp, orgId, TEST_DEMO_PASSWORD, type Client, type TestApp } from '../../test/helpers.js';
import { plusDays, todayInChina } from '../../core/calendar.js';
import { hashPassword } from '../../core/password.js';
import { insertAccount } from '../accounts/index.js';
import { daysIn, termDaysIn } from './first-secretaries.service.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let yushe: Client;
let linked: Client;
let yusheId: number;
let personId: number;
let postId: number;
const today = todayInChina();
const year = Number(today.slice(0, 4));
// a term that began in the previous year, so this year's days start on 1 January
const start = `${year - 1}-11-15`;

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, yushe] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe')]);
  yusheId = await orgId(t.db, '榆舍村');
  // 榆舍村's sitting first secretary (if the demo has one) ends before ours begins
  for (const p of await t.db.query<{ id: number }>(`SELECT id FROM posts WHERE org_id = $1 AND role = 'first_secretary' AND (end_date IS NULL OR end_date >= $2)`, [yusheId, start])) {
    expect((await wuli.post(`/api/posts/${p.id}/end`, { endDate: plusDays(start, -1) })).statusCode).toBe(204);
  }
  const person = await wuli.post('/api/people', { name: '驻村第一书记甲', gender: 'male', orgId: yusheId, birthDate: '1988-04-01', memberStatus: 'formal', joinDate: '2010-07-01', fullDate: '2011-07-01' });
  expect(person.statusCode, person.body).toBe(201);
  personId = person.json().id;
  const post = await wuli.post('/api/posts', { personId, orgId: yusheId, role: 'first_secretary', startDate: start, sentFrom: '县交通运输局', selectionChannel: 'sent_department' });
  expect(post.statusCode, post.body).toBe(201);
  postId = post.json().id;
  // the account the first secretary signs in with is linked to the person
  await insertAccount(t.db, { username: 'fs.yushe', displayName: '榆舍村第一书记', passwordHash: await hashPassword(TEST_DEMO_PASSWORD), roles: ['village_admin'], scopeOrgId: yusheId, mustChangePassword: false, personId });
  linked = await t.as('fs.yushe');
});
afterAll(() => t.close());

describe('days in post', () => {
  it('counts both ends, stops at today and at the term end', () => {
    expect(daysIn('2026-01-01', '2026-01-31')).toBe(31);
    expect(daysIn('2026-02-01', '2026-01-31')).toBe(0);
    expect(termDaysIn({ startDate: '2025-11-15', endDate: null }, '2026-01-01', '2026-01-31', '2026-01-10')).toBe(10);
    expect(termDaysIn({ startDate: '2026-01-20', endDate: '2026-01-25' }, '2026-01-01', '2026-01-31', '2026-12-31')).toBe(6);
    expect(termDaysIn({ startDate: '2026-02-01', endDate: null }, '2026-01-01', '2026-01-31', '2026-12-31')).toBe(0);
  });
});

describe('the list and the page', () => {
  it('lists the first secretary with the sending unit and days in post; a sibling township does not see them', async () => {
    const res = await wuli.get(`/api/first-secretaries?year=${year}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as FirstSecretaryPage;
    const row = page.items.find((x) => x.postId === postId)!;
    expect(row).toMatchObject({ person: { id: personId, name: '驻村第一书记甲' }, village: { id: yusheId }, sentFrom: '县交通运输局', startDate: start, current: true, daysInPost: daysIn(start, today) });
    const sql = await count(`SELECT count(*)::int AS n FROM posts p JOIN orgs o ON o.id = p.org_id WHERE p.role = 'first_secretary' AND o.path LIKE (SELECT path FROM orgs WHERE name = '五里镇') || '%' AND p.start_date <= $1 AND (p.end_date IS NULL OR p.end_date >= $2)`, [`${year}-12-31`, `${year}-01-01`]);
    expect(page.total).toBe(sql);
    const peng = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE name = '彭镇'`);
    expect(((await county.get(`/api/first-secretaries?orgId=${peng[0]!.id}&pageSize=200`)).json() as FirstSecretaryPage).items.some((x) => x.postId === postId)).toBe(false);
    expect((await county.get(`/api/first-secretaries/${postId}`)).statusCode).toBe(200);
    // a post that is not a first secretary's is not a first-secretary page
    const [other] = await t.db.query<{ id: number }>(`SELECT id FROM posts WHERE org_id = $1 AND role <> 'first_secretary' LIMIT 1`, [yusheId]);
    expect((await wuli.get(`/api/first-secretaries/${other!.id}`)).statusCode).toBe(404);
  });

  it('reads the work log from the diary, requests, meetings and talks the person recorded — never a second entry', async () => {
    const empty = (await wuli.get(`/api/first-secretaries/${postId}`)).json() as FirstSecretaryDetail;
    expect(empty).toMatchObject({ linkedAccounts: 1, visits: [], requests: [], meetings: [], talks: [] });

    // the first secretary's own account records a visit that opens a request
    const visit = await linked.post('/api/visits', { orgId: yusheId, cadreLevel: 'village', household: '王大娘家', visitedOn: today, heard: '自来水管冬季冻裂', openRequest: { category: 'assistance', matter: '更换入户水管' } });
    expect(visit.statusCode, visit.body).toBe(201);
    // the village's office account records another visit: not the first secretary's
    expect((await yushe.post('/api/visits', { orgId: yusheId, cadreLevel: 'village', household: '李家', visitedOn: today, heard: '村部记录' })).statusCode).toBe(201);
    // a meeting the person attended, and one they missed
    const attended = await yushe.post('/api/orglife/meetings', { orgId: yusheId, typeCode: 'committee', heldOn: today, place: '村部', host: '支部书记', topic: '研究冬季供水', attendees: [{ personId, present: true }] });
    expect(attended.statusCode, attended.body).toBe(201);
    const roster = (await yushe.get(`/api/orglife/units/${yusheId}/roster`)).json() as { members: { id: number }[] };
    const other = roster.members.find((m) => m.id !== personId)!;
    const missed = await yushe.post('/api/orglife/meetings', { orgId: yusheId, typeCode: 'member_congress', heldOn: today, place: '村部', host: '支部书记', topic: '缺席的会', attendees: [{ personId: other.id, present: true }, { personId, present: false, absenceReason: '到县里开会' }] });
    expect(missed.statusCode, missed.body).toBe(201);
    // a 三个讲一次 talk they gave
    expect((await yushe.post('/api/training/talks', { kind: 'three_talks', speakerId: personId, orgId: yusheId, heldOn: today, topic: '驻村心得', item: 'habit' })).statusCode).toBe(201);

    const log = (await wuli.get(`/api/first-secretaries/${postId}?year=${year}`)).json() as FirstSecretaryDetail;
    expect(log.visits).toEqual([expect.objectContaining({ id: visit.json().id, household: '王大娘家', requestId: visit.json().requestId })]);
    expect(log.requests).toEqual([expect.objectContaining({ id: visit.json().requestId, matter: '更换入户水管', date: today })]);
    expect(log.meetings).toEqual([expect.objectContaining({ id: attended.json().id, topic: '研究冬季供水' })]);
    expect(log.talks).toEqual([expect.objectContaining({ title: '驻村心得', date: today })]);
    // the log is read, not copied: no table of its own holds these
    expect(await count(`SELECT count(*)::int AS n FROM visits WHERE household = '王大娘家'`)).toBe(1);
    // a past year's log is empty
    expect(((await wuli.get(`/api/first-secretaries/${postId}?year=${year - 3}`)).json() as FirstSecretaryDetail).visits).toEqual([]);
  });
});

describe('the daily subsidy', () => {
  it('defaults to 50 yuan a day in fen; only the county sets it, audited; bad input changes nothing', async () => {
    expect((await wuli.get('/api/first-secretaries/subsidy-rate')).json()).toEqual({ dailyFen: 5000, isDefault: true });
    expect((await wuli.request('PUT', '/api/first-secretaries/subsidy-rate', { dailyFen: 6000 })).statusCode).toBe(403);
    expect((await county.request('PUT', '/api/first-secretaries/subsidy-rate', { dailyFen: -1 })).statusCode).toBe(400);
    expect((await county.request('PUT', '/api/first-secretaries/subsidy-rate', { dailyFen: 50.5 })).statusCode).toBe(400);
    expect((await wuli.get('/api/first-secretaries/subsidy-rate')).json()).toEqual({ dailyFen: 5000, isDefault: true });
    const set = await county.request('PUT', '/api/first-secretaries/subsidy-rate', { dailyFen: 6000 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ dailyFen: 6000, isDefault: false });
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'first_secretary_subsidy.set'`)).toBe(1);
    await county.request('PUT', '/api/first-secretaries/subsidy-rate', { dailyFen: 5000 });
  });

  it('computes days in the village per month from the post dates, up to today, and the amount', async () => {
    const res = await wuli.get(`/api/first-secretaries/subsidy?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as FirstSecretarySubsidy;
    const row = s.rows.find((r) => r.postId === postId)!;
    expect(s.dailyFen).toBe(5000);
    expect(row.months).toHaveLength(12);
    expect(row.days).toBe(daysIn(`${year}-01-01`, today));
    expect(row.months[0]).toBe(today.slice(5, 7) === '01' ? Number(today.slice(8, 10)) : 31);
    const thisMonth = Number(today.slice(5, 7));
    expect(row.months[thisMonth - 1]).toBe(Number(today.slice(8, 10)));
    expect(row.months.slice(thisMonth)).toEqual(Array(12 - thisMonth).fill(0));
    expect(row.amountFen).toBe(row.days * 5000);
    expect(s.totalFen).toBe(s.rows.reduce((a, r) => a + r.amountFen, 0));
    // the month's table is the month's column of the year's
    const m = (await wuli.get(`/api/first-secretaries/subsidy?year=${year}&month=${thisMonth}`)).json() as FirstSecretarySubsidy;
    expect(m.rows.find((r) => r.postId === postId)).toMatchObject({ months: [row.months[thisMonth - 1]], days: row.months[thisMonth - 1], amountFen: row.months[thisMonth - 1]! * 5000 });
    // the last year: from the start of the term to 31 December
    const last = (await wuli.get(`/api/first-secretaries/subsidy?year=${year - 1}`)).json() as FirstSecretarySubsidy;
    expect(last.rows.find((r) => r.postId === postId)).toMatchObject({ days: daysIn(start, `${year - 1}-12-31`) });
  });

  it('exports the table as a real .xlsx with the total, audited', async () => {
    const res = await wuli.get(`/api/first-secretaries/subsidy/export?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(3).value).toBe('姓名');
    const s = (await wuli.get(`/api/first-secretaries/subsidy?year=${year}`)).json() as FirstSecretarySubsidy;
    expect(ws.rowCount).toBe(s.rows.length + 2);
    const mine = ws.getRows(2, s.rows.length)!.find((r) => r.getCell(3).value === '驻村第一书记甲')!;
    expect(mine.getCell(4).value).toBe('县交通运输局');
    expect(mine.getCell(21).value).toBe(s.rows.find((r) => r.postId === postId)!.amountFen / 100);
    expect(ws.getRow(ws.rowCount).getCell(21).value).toBe(s.totalFen / 100);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'first_secretary_subsidy.export'`)).toBe(1);
  });
});
