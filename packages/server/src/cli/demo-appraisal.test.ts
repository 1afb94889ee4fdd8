// The demo's 评议与调研 load through the service: last year's grades of every branch, this year's of
// 五里镇 without 榆舍村, a 三述职两评议一落实 session with its ballots, every station's research rounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppraisalResults, ResearchBoard, SessionPage, SessionView } from '@lianxin/contract';
import { buildTestApp, orgId, type TestApp } from '../test/helpers.js';
import { todayInChina } from '../core/calendar.js';
import { loadDemoAppraisal } from './demo-appraisal.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('the demo 评议与调研', () => {
  it('loads a year of grades, this year\'s in 五里镇 but 榆舍村, a rated session and research rounds with short stations', async () => {
    const year = Number(todayInChina().slice(0, 4));
    const loaded = await loadDemoAppraisal(t.db, await orgId(t.db, '中共宜君县委员会'));
    const [members] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM persons p JOIN orgs o ON o.id = p.org_id WHERE o.type IN ('village', 'community') AND o.status = 'active' AND p.status = 'active' AND p.member_status IS NOT NULL`);
    expect(loaded.lastYear).toBe(members!.n);
    expect(loaded.thisYear).toBeGreaterThan(0);
    expect(loaded.ballots).toBe(8);
    expect(loaded.shortStations).toBeGreaterThan(0);

    const county = await t.as('county');
    const last = (await county.get(`/api/orglife/appraisal-results?year=${year - 1}`)).json() as AppraisalResults;
    expect(last.total.appraised).toBe(members!.n);
    expect(last.total.excellent).toBeGreaterThan(0);
    expect(last.total.unqualified + last.total.basically_qualified).toBeGreaterThan(0);
    expect(last.rows.length).toBe(8);

    const yushe = await t.as('yushe');
    const branch = (await yushe.get(`/api/orglife/appraisal-results?orgId=${await orgId(t.db, '榆舍村')}&year=${year}`)).json() as AppraisalResults;
    expect(branch.total.appraised).toBe(0);
    expect(branch.pending.length).toBeGreaterThan(0);
    const wuli = await t.as('wuli');
    const town = (await wuli.get(`/api/orglife/appraisal-results?year=${year}`)).json() as AppraisalResults;
    expect(town.total.appraised).toBe(loaded.thisYear);

    const sessions = (await wuli.get('/api/orglife/report-sessions')).json() as SessionPage;
    expect(sessions.total).toBe(1);
    const s = (await wuli.get(`/api/orglife/report-sessions/${sessions.items[0]!.id}`)).json() as SessionView;
    expect(s.ballots).toBe(8);
    expect(s.reports.every((r) => r.tally.good + r.tally.fairly_good + r.tally.fair + r.tally.poor === 8 && r.result !== null)).toBe(true);

    const board = (await county.get(`/api/orglife/research-board?year=${year}`)).json() as ResearchBoard;
    expect(board.stations).toBe(29);
    expect(board.short).toBe(loaded.shortStations);
    expect(board.rows.find((r) => r.org.name === '榆舍党建工作站')).toMatchObject({ planned: 2, reported: 1, short: true });
    expect(board.rows.reduce((n, r) => n + r.planned, 0)).toBe(loaded.rounds);
  });
});
