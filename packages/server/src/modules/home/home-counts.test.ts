// Each 工作台 count that links to a list equals that list's total, for several demo accounts: the
// home page and the lists share one definition of "open" per case type (core/cases/registry.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TodoKind, TodoSummary } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { addDays } from '../../core/cases/case-engine.js';
import { todayInChina } from '../../core/calendar.js';

let t: TestApp;
const today = todayInChina();

/** The API query of the list each count's link opens (the web page's own filter). */
const LINKED: Partial<Record<TodoKind, string>> = {
  problems_open: '/api/ledger/problems?open=true', // /ledger?open=1
  problems_overdue: '/api/ledger/problems?overdue=true', // /ledger?overdue=1
  problems_supervision_due: '/api/ledger/problems?supervisionDue=true&open=true', // /ledger/supervision (due tab)
  problems_escalated: '/api/ledger/problems?escalated=true&open=true', // /ledger/supervision?tab=escalated
  requests_unclaimed: '/api/requests?status=received', // /citizens?status=received
  requests_open: '/api/requests?open=true', // /citizens?open=1
  requests_promise_overdue: '/api/requests?overdue=true', // /citizens?overdue=1
  tasks_open: '/api/tasks?open=true', // /lists?open=1
};

async function compare(client: Client) {
  const home = (await client.get('/api/home/todos')).json() as TodoSummary;
  const rows: { kind: TodoKind; count: number; listed: number }[] = [];
  for (const item of home.items) {
    const url = LINKED[item.kind];
    if (!url) continue;
    const res = await client.get(`${url}&pageSize=1`);
    expect(res.statusCode, `${client.username} ${url}: ${res.body}`).toBe(200);
    rows.push({ kind: item.kind, count: item.count, listed: res.json().total as number });
  }
  return rows;
}

const fireProblem = async (c: Client, id: number, transition: string, body: Record<string, unknown> = {}) => {
  const version = ((await c.get(`/api/ledger/problems/${id}`)).json() as { version: number }).version;
  const res = await c.post(`/api/ledger/problems/${id}/transitions/${transition}`, { version, ...body });
  expect(res.statusCode, res.body).toBe(200);
};
const fireRequest = async (c: Client, id: number, transition: string, body: Record<string, unknown> = {}) => {
  const version = ((await c.get(`/api/requests/${id}`)).json() as { version: number }).version;
  const res = await c.post(`/api/requests/${id}/transitions/${transition}`, { version, ...body });
  expect(res.statusCode, res.body).toBe(200);
};

beforeAll(async () => {
  t = await buildTestApp();
  const wuli = await t.as('wuli');
  const station = await t.as('yushe.station');
  const village = await t.as('yushe');
  // an overdue problem of 榆舍村, escalated to 五里镇, then rectified and accepted (resolved, not yet 销号)
  const created = await wuli.post('/api/ledger/problems', {
    orgId: await orgId(t.db, '榆舍村'), source: 'station_inspection', category: '基层组织建设', description: '党员活动室台账缺失', deadline: addDays(today, 10),
  });
  expect(created.statusCode, created.body).toBe(201);
  const pid = created.json().id as number;
  // time passes: the deadline and the supervision date lie behind us
  await t.db.query(`UPDATE cases SET deadline = $2, supervision_due = $2 WHERE id = $1`, [pid, addDays(today, -1)]);
  expect((await t.app.cases.escalateAll()).problem).toBeGreaterThanOrEqual(1);
  await fireProblem(village, pid, 'start', { measures: '补建台账' });
  await fireProblem(village, pid, 'submit', { comment: '台账已补齐' });
  await fireProblem(station, pid, 'accept');
  // a request archived, then reopened by staff
  const r = await station.post('/api/requests', { orgId: await orgId(t.db, '榆舍党建工作站'), channel: 'visit', category: 'errand', citizenName: '赵叔', matter: '申请临时救助' });
  expect(r.statusCode, r.body).toBe(201);
  const rid = r.json().id as number;
  await fireRequest(station, rid, 'claim');
  await fireRequest(station, rid, 'promise', { promisedDate: addDays(today, 2) });
  await fireRequest(station, rid, 'resolve', { comment: '已发放', resolved: true });
  await fireRequest(station, rid, 'archive');
  await fireRequest(station, rid, 'reopen', { comment: '金额有误' });
  await t.db.query(`UPDATE citizen_requests SET promised_date = $2 WHERE case_id = $1`, [rid, addDays(today, -1)]);
});
afterAll(() => t.close());

describe('工作台 counts and the lists they link to', () => {
  for (const username of ['county', 'wuli', 'yushe.station', 'yushe', 'jiaotong']) {
    it(`${username}: every linked count equals its list's total`, async () => {
      const rows = await compare(await t.as(username));
      if (username !== 'jiaotong') expect(rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['problems_open', 'problems_escalated', 'requests_open']));
      else expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.count, `${username} ${r.kind}`).toBe(r.listed);
    });
  }

  it('the fixtures make the counts differ from what "unresolved" alone would give', async () => {
    const wuli = Object.fromEntries((await compare(await t.as('wuli'))).map((r) => [r.kind, r.count]));
    // the accepted, escalated problem is open (not yet 销号) and escalated to 五里镇
    expect(wuli.problems_escalated).toBeGreaterThanOrEqual(1);
    const [unresolved] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases WHERE case_type = 'problem' AND resolved_at IS NULL AND org_path LIKE (SELECT path FROM orgs WHERE name = '五里镇') || '%'`,
    );
    expect(wuli.problems_open).toBeGreaterThan(unresolved!.n);
    // the reopened request is open and its promise overdue
    expect(wuli.requests_promise_overdue).toBeGreaterThanOrEqual(1);
  });
});
