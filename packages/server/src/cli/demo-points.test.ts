// The demo's points (党员积分) load through the service: the county's sample rules of this year, 榆舍村's
// manual items decided by 五里镇 (one returned with its reason), the approved ones counted on the board.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PointAwardPage, PointsBoard } from '@lianxin/contract';
import { buildTestApp, orgId, type TestApp } from '../test/helpers.js';
import { loadDemoPoints, type DemoPoints } from './demo-points.js';

let t: TestApp;
let loaded: DemoPoints;
beforeAll(async () => {
  t = await buildTestApp();
  loaded = await loadDemoPoints(t.db);
}, 600_000);
afterAll(() => t.close());

describe('the demo points', () => {
  it('saves the rules and decides 榆舍村\'s manual items, the approved ones counted for its members', async () => {
    expect(loaded.proposed).toBe(loaded.approved + loaded.returned + loaded.waiting);
    expect(loaded.approved).toBeGreaterThan(0);
    const yushe = await t.as('yushe');
    expect((await yushe.get(`/api/recognition/point-rules?year=${loaded.year}`)).json()).toMatchObject({ fromYear: loaded.year, version: 1 });
    const awards = (await yushe.get(`/api/recognition/point-awards?year=${loaded.year}&pageSize=50`)).json() as PointAwardPage;
    expect(awards.total).toBe(loaded.proposed);
    expect(awards.items.filter((a) => a.status === 'returned').every((a) => (a.reason ?? '').length > 0)).toBe(true);
    const board = (await yushe.get(`/api/recognition/points-board?year=${loaded.year}&orgId=${await orgId(t.db, '榆舍村')}`)).json() as PointsBoard;
    const approved = awards.items.filter((a) => a.status === 'approved').reduce((a, x) => a + x.points, 0);
    expect(board.members.reduce((a, m) => a + m.total, 0)).toBe(approved); // the test database holds no meetings: the approved items alone
  });
});
