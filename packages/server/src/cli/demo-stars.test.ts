// The demo's stars (星级化管理) load through the services: last year's rating of 五里镇's and 彭镇's
// village cadres published, each row's stars what the formula gives, 公职化 flagged by the county's rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StarBoard, StarRowDetail, StarRowPage } from '@lianxin/contract';
import { buildTestApp, orgId, testPii, type TestApp } from '../test/helpers.js';
import { starsOf } from '../modules/assessment/index.js';
import { loadDemoStars, type DemoStars } from './demo-stars.js';

let t: TestApp;
let loaded: DemoStars;
beforeAll(async () => {
  t = await buildTestApp();
  loaded = await loadDemoStars(t.db, testPii);
}, 600_000);
afterAll(() => t.close());

describe('the demo stars', () => {
  it('publishes last year\'s rating: the two assessed townships rated, the others unrated', async () => {
    const county = await t.as('county');
    const board = (await county.get(`/api/recognition/star-board?year=${loaded.year}`)).json() as StarBoard;
    expect(board.rating?.id).toBe(loaded.ratingId);
    expect(loaded.rated).toBeGreaterThan(10);
    const wuli = board.units.find((u) => u.org.name === '五里镇')!;
    expect(wuli.unrated).toBe(0);
    expect(wuli.stars.reduce((a, s) => a + s.count, 0)).toBe(wuli.people);
    expect(new Set(board.total.stars.map((s) => s.stars)).size).toBeGreaterThan(1); // a spread of stars
    expect(board.total.civilServiceEligible).toBeGreaterThan(0);
  });

  it('gives each cadre the stars of the formula, and a secretary at 4 stars or more is flagged for 公职化', async () => {
    const wuli = await t.as('wuli');
    const rows = (await wuli.get(`/api/recognition/star-rows?ratingId=${loaded.ratingId}&pageSize=200`)).json() as StarRowPage;
    expect(rows.items.length).toBeGreaterThan(0);
    for (const r of rows.items) {
      expect(r.stars).toBe(starsOf(r.postScore!, r.villageScore!).stars);
      expect(r.civilServiceEligible).toBe(r.role === 'secretary' && r.stars! >= 4);
    }
    const first = rows.items[0]!;
    const d = (await wuli.get(`/api/recognition/star-rows/${first.id}`)).json() as StarRowDetail;
    expect(d.villageSheets.map((s) => s.period)).toEqual([`${loaded.year}-12`]);
    expect(d.formula).toContain('× 50%');
    expect(await orgId(t.db, '五里镇')).toBe(first.township!.id);
  });
});
