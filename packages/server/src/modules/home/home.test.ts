import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TodoKind, TodoSummary } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { addDays } from '../../core/cases/case-engine.js';
import { todayInChina } from '../../core/calendar.js';

let t: TestApp;
const today = todayInChina();

async function todos(client: Client): Promise<Partial<Record<TodoKind, number>>> {
  const res = await client.get('/api/home/todos');
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as TodoSummary;
  return Object.fromEntries(body.items.map((i) => [i.kind, i.count]));
}

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('工作台 to-dos', () => {
  it('counts what waits for each org from the records themselves', async () => {
    const wuli = await t.as('wuli');
    const station = await t.as('yushe.station');
    const village = await t.as('yushe');
    const before = { wuli: await todos(wuli), station: await todos(station), village: await todos(village) };

    // A problem registered for 榆舍村 is open for the village, its station and its township.
    const problem = await wuli.post('/api/ledger/problems', {
      orgId: await orgId(t.db, '榆舍村'), source: 'station_inspection', category: '基层组织建设', description: '三会一课记录不全', deadline: addDays(today, 20),
    });
    expect(problem.statusCode, problem.body).toBe(201);
    // A report asked of the stations is the station's to-do, not the village's.
    const directive = await wuli.post('/api/directives', { kind: 'report', title: '月度工作报告', dueDate: addDays(today, 3), targets: { type: 'station' } });
    expect(directive.statusCode, directive.body).toBe(201);

    const after = { wuli: await todos(wuli), station: await todos(station), village: await todos(village) };
    expect(after.village.problems_open).toBe(before.village.problems_open! + 1);
    expect(after.station.problems_open).toBe(before.station.problems_open! + 1);
    expect(after.wuli.problems_open).toBe(before.wuli.problems_open! + 1);
    expect(after.station.assignments_to_report).toBe(before.station.assignments_to_report! + 1);
    expect(after.village.assignments_to_report).toBe(before.village.assignments_to_report);
    expect(after.wuli.assignments_to_report).toBe(before.wuli.assignments_to_report);
  });

  it('shows each role only the kinds it may read', async () => {
    const auditor = await todos(await t.as('auditor'));
    expect(auditor).toEqual({});
    const department = await todos(await t.as('jiaotong'));
    expect(Object.keys(department)).toContain('whistle_parts_to_answer');
    expect(Object.keys(department)).not.toContain('whistle_parts_declined');
    const village = await todos(await t.as('yushe'));
    expect(Object.keys(village)).toContain('whistle_parts_declined');
    expect(Object.keys(village)).not.toContain('whistle_parts_to_answer');
  });

  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/home/todos' })).statusCode).toBe(401);
  });
});
