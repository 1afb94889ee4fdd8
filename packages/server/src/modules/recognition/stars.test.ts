// 星级化管理 through the API (seed 001): the county's rules, the year's rating of the cadres in the
// 8 village posts computed from the villages' published results, the townships' post assessments,
// publishing (locked), a correction as a new edition, the star board and a person's history —
// each refusal a 4xx in Chinese that changes nothing, every change audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetDetail, StarBoard, StarRatingDetail, StarRowDetail, StarRowPage, StarRules, Subsidies } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { todayInChina } from '../../core/calendar.js';
import { starsOf } from '../assessment/index.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let yushe: Client;
let wuliId: number;
const year = Number(todayInChina().slice(0, 4));

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, yushe] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe')]);
  wuliId = await orgId(t.db, '五里镇');
  await publishSheets();
});

/** 五里镇 scores its villages for January against a published scheme and the county publishes the sheets (the other townships stay unscored). */
async function publishSheets() {
  const draft = (await county.post('/api/assessment/schemes', { year, unitType: 'village', name: '星级测试指标体系' })).json() as { id: number; version: number };
  expect((await county.post(`/api/assessment/schemes/${draft.id}/publish`, { version: draft.version })).statusCode).toBe(200);
  const villages = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE path LIKE (SELECT path FROM orgs WHERE id = $1) || '%' AND type = 'village' AND status = 'active' ORDER BY path`, [wuliId]);
  for (const [i, v] of villages.entries()) {
    const opened = await wuli.post('/api/assessment/sheets', { schemeId: draft.id, orgId: v.id, period: `${year}-01` });
    expect(opened.statusCode, opened.body).toBe(201);
    const sheet = opened.json() as SheetDetail;
    const scores = sheet.entries.filter((e) => e.source === 'manual').map((e, k) => ({ key: e.key, points: Math.max(0, e.max - ((i + k) % 4) * 0.5), evidence: '台账已核实' }));
    let s = (await wuli.request('PUT', `/api/assessment/sheets/${sheet.id}/scores`, { version: sheet.version, scores })).json() as SheetDetail;
    for (const [who, step] of [[wuli, 'submit'], [county, 'pass'], [county, 'publish']] as const) {
      const res = await who.post(`/api/assessment/sheets/${sheet.id}/transitions/${step}`, { version: s.version });
      expect(res.statusCode, res.body).toBe(200);
      s = res.json() as SheetDetail;
    }
  }
}
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;
const audits = (action: string) => count(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]);
async function allRows(c: Client, ratingId: number, extra = ''): Promise<StarRowPage['items']> {
  const out: StarRowPage['items'] = [];
  for (let page = 1; ; page++) {
    const res = await c.get(`/api/recognition/star-rows?ratingId=${ratingId}&pageSize=200&page=${page}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as StarRowPage;
    out.push(...p.items);
    if (out.length >= p.total) return out;
  }
}

describe('the county\'s star rules', () => {
  it('start from seed 001 (50 % post, 50 % village) and only the county changes them; bad levels are refused in Chinese', async () => {
    const rules = (await wuli.get('/api/recognition/star-rules')).json() as StarRules;
    expect(rules).toMatchObject({ postWeightPercent: 50, isDefault: true, version: 0 });
    const body = { version: 0, postWeightPercent: 50, levels: rules.levels, civilServiceMinStars: 4, civilServiceYears: 1 };
    expect((await wuli.request('PUT', '/api/recognition/star-rules', body)).statusCode).toBe(403);
    const before = await count(`SELECT count(*)::int AS n FROM star_rules`);
    const bad = await county.request('PUT', '/api/recognition/star-rules', { ...body, levels: [{ stars: 5, min: 80 }, { stars: 4, min: 90 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('5 星的分数线（80 分）须高于 4 星（90 分）');
    const twice = await county.request('PUT', '/api/recognition/star-rules', { ...body, levels: [{ stars: 3, min: 80 }, { stars: 3, min: 70 }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('重复');
    expect(await count(`SELECT count(*)::int AS n FROM star_rules`)).toBe(before);
    const saved = await county.request('PUT', '/api/recognition/star-rules', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ isDefault: false, version: 1, civilServiceMinStars: 4, civilServiceYears: 1 });
    expect((await county.request('PUT', '/api/recognition/star-rules', body)).statusCode).toBe(412); // stale version
    expect(await audits('star_rules.update')).toBe(1);
  });
});

describe('the year\'s rating', () => {
  let rating: StarRatingDetail;

  it('is computed by the county alone: a row per cadre in the 8 village posts, the village score from its published sheets', async () => {
    expect((await wuli.post('/api/recognition/star-ratings', { year })).statusCode).toBe(403);
    const res = await county.post('/api/recognition/star-ratings', { year });
    expect(res.statusCode, res.body).toBe(201);
    rating = res.json() as StarRatingDetail;
    expect(rating).toMatchObject({ year, edition: 1, status: 'draft', postWeightPercent: 50, scored: 0 });
    const expected = await count(
      `SELECT count(*)::int AS n FROM posts p JOIN orgs o ON o.id = p.org_id
        WHERE o.type = 'village' AND o.status = 'active' AND (p.end_date IS NULL OR p.end_date >= CURRENT_DATE) AND p.start_date <= CURRENT_DATE
          AND p.role IN ('secretary','deputy_secretary','village_director','militia_head','youth_league_secretary','women_chair','clerk','supervision_director')`,
    );
    expect(rating.rows).toBe(expected);
    expect(rating.townships.reduce((a, t) => a + t.rows, 0)).toBe(expected);
    // one draft per year
    const again = await county.post('/api/recognition/star-ratings', { year });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('正在进行中');
    expect(await audits('star_rating.create')).toBe(1);
  });

  it('shows a township only its own cadres; a sibling township\'s cadre answers 404', async () => {
    const mine = await allRows(wuli, rating.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.township?.id === wuliId)).toBe(true);
    const [other] = await t.db.query<{ id: number }>(`SELECT id FROM star_rating_rows WHERE rating_id = $1 AND township_id <> $2 LIMIT 1`, [rating.id, wuliId]);
    expect((await wuli.get(`/api/recognition/star-rows/${other!.id}`)).statusCode).toBe(404);
    expect((await wuli.request('PUT', `/api/recognition/star-rows/${other!.id}`, { version: 1, postScore: 90 })).statusCode).toBe(404);
    expect((await yushe.request('PUT', `/api/recognition/star-rows/${mine[0]!.id}`, { version: mine[0]!.version, postScore: 90 })).statusCode).toBe(403);
  });

  it('takes the village\'s annual result the subsidies pay by, and the stars the formula gives', async () => {
    const subsidies = (await wuli.get(`/api/assessment/subsidies?year=${year}`)).json() as Subsidies;
    const mine = await allRows(wuli, rating.id);
    const row = mine.find((r) => r.villageScore !== null)!;
    expect(row).toBeDefined();
    expect(row.villageScore).toBe(subsidies.rows.find((s) => s.org.id === row.org.id)!.villageScore);
    const res = await wuli.request('PUT', `/api/recognition/star-rows/${row.id}`, { version: row.version, postScore: 88.5, note: '岗位职责清单逐项考核' });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as StarRowDetail;
    const want = starsOf(88.5, row.villageScore!, 50, d.levels);
    expect(d).toMatchObject({ postScore: 88.5, score: want.score, stars: want.stars, postScoreNote: '岗位职责清单逐项考核' });
    expect(d.formula).toContain(`个人岗位考核 88.5 分 × 50%`);
    expect(d.villageSheets.length).toBeGreaterThan(0);
    expect(d.villageSheets.every((s) => s.id > 0)).toBe(true);
    // bad input: outside 0–100 or not in halves — 400 in Chinese, nothing changed
    expect((await wuli.request('PUT', `/api/recognition/star-rows/${row.id}`, { version: d.version, postScore: 101 })).statusCode).toBe(400);
    const odd = await wuli.request('PUT', `/api/recognition/star-rows/${row.id}`, { version: d.version, postScore: 80.3 });
    expect(odd.statusCode).toBe(400);
    expect(odd.body).toContain('0.5 分为单位');
    expect((await wuli.request('PUT', `/api/recognition/star-rows/${row.id}`, { version: d.version - 1, postScore: 80 })).statusCode).toBe(412);
    expect(((await wuli.get(`/api/recognition/star-rows/${row.id}`)).json() as StarRowDetail).postScore).toBe(88.5);
    expect(await audits('star_rating.post_score')).toBe(1);
  });

  it('is not published while a rated cadre has no post assessment (400 naming them), then is published and locked', async () => {
    let detail = (await county.get(`/api/recognition/star-ratings/${rating.id}`)).json() as StarRatingDetail;
    const refused = await county.post(`/api/recognition/star-ratings/${rating.id}/publish`, { version: detail.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('没有个人岗位考核得分');
    expect(await count(`SELECT count(*)::int AS n FROM star_ratings WHERE id = $1 AND status = 'draft'`, [rating.id])).toBe(1);
    const rows = await allRows(county, rating.id);
    for (const [i, r] of rows.entries()) {
      if (r.villageScore === null || r.postScore !== null) continue;
      const res = await county.request('PUT', `/api/recognition/star-rows/${r.id}`, { version: r.version, postScore: 100 - (i % 9) * 2.5 });
      expect(res.statusCode, res.body).toBe(200);
    }
    detail = (await county.get(`/api/recognition/star-ratings/${rating.id}`)).json() as StarRatingDetail;
    expect((await wuli.post(`/api/recognition/star-ratings/${rating.id}/publish`, { version: detail.version })).statusCode).toBe(403);
    const published = await county.post(`/api/recognition/star-ratings/${rating.id}/publish`, { version: detail.version });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', statusLabel: '已公布' });
    // the stars follow the formula for every row; 公职化 only for secretaries at 4 stars or more (the county's rule above)
    const after = await allRows(county, rating.id);
    for (const r of after) {
      if (r.villageScore === null) {
        expect(r.stars).toBeNull();
        continue;
      }
      expect(r.stars).toBe(starsOf(r.postScore!, r.villageScore, 50, detail.levels).stars);
      expect(r.civilServiceEligible).toBe(r.role === 'secretary' && r.stars! >= 4);
    }
    expect(after.some((r) => r.civilServiceEligible)).toBe(true);
    expect(after.some((r) => r.role !== 'secretary' && (r.stars ?? 0) >= 4)).toBe(true);
    // locked: the API refuses, and so does the database
    const locked = await wuli.request('PUT', `/api/recognition/star-rows/${after.find((r) => r.township?.id === wuliId)!.id}`, { version: 1, postScore: 60 });
    expect(locked.statusCode).toBe(409);
    expect(locked.body).toContain('已公布锁定');
    await expect(t.db.query(`UPDATE star_rating_rows SET stars = 1 WHERE rating_id = $1`, [rating.id])).rejects.toThrow(/never edited/);
    await expect(t.db.query(`UPDATE star_ratings SET year = 2001 WHERE id = $1`, [rating.id])).rejects.toThrow(/never edited/);
    expect(await audits('star_rating.publish')).toBe(1);
  });

  it('shows the star board per township and per village, its figures matching the rows', async () => {
    const board = (await county.get(`/api/recognition/star-board?year=${year}`)).json() as StarBoard;
    expect(board.rating?.id).toBe(rating.id);
    const rows = await allRows(county, rating.id);
    expect(board.total.people).toBe(rows.length);
    expect(board.total.unrated).toBe(rows.filter((r) => r.stars === null).length);
    for (const s of board.total.stars) expect(s.count).toBe(rows.filter((r) => r.stars === s.stars).length);
    expect(board.total.civilServiceEligible).toBe(rows.filter((r) => r.civilServiceEligible).length);
    const wuliBoard = (await wuli.get(`/api/recognition/star-board?year=${year}`)).json() as StarBoard;
    expect(wuliBoard.units.map((u) => u.org.id)).toEqual([wuliId]);
    const villages = (await wuli.get(`/api/recognition/star-board?year=${year}&townshipId=${wuliId}`)).json() as StarBoard;
    expect(villages.units.every((u) => u.org.type === 'village')).toBe(true);
    expect(villages.units.reduce((a, u) => a + u.people, 0)).toBe(wuliBoard.units[0]!.people);
    // drill down: a village's people are the rows behind its figure
    const v = villages.units[0]!;
    const behind = await allRows(wuli, rating.id, `&orgId=${v.org.id}`);
    expect(behind.length).toBe(v.people);
  });

  it('is corrected by a new edition that carries the post assessments; the published one stays, the board follows the newest', async () => {
    const res = await county.post(`/api/recognition/star-ratings/${rating.id}/correct`, {});
    expect(res.statusCode, res.body).toBe(201);
    const second = res.json() as StarRatingDetail;
    expect(second).toMatchObject({ edition: 2, status: 'draft', supersedesId: rating.id });
    expect(second.scored).toBe((await county.get(`/api/recognition/star-ratings/${rating.id}`)).json().scored);
    expect((await county.post(`/api/recognition/star-ratings/${rating.id}/correct`, {})).statusCode).toBe(409);
    const row = (await allRows(wuli, second.id)).find((r) => r.villageScore !== null)!;
    expect((await wuli.request('PUT', `/api/recognition/star-rows/${row.id}`, { version: row.version, postScore: 60 })).statusCode).toBe(200);
    const d = (await county.get(`/api/recognition/star-ratings/${second.id}`)).json() as StarRatingDetail;
    expect((await county.post(`/api/recognition/star-ratings/${second.id}/publish`, { version: d.version })).statusCode).toBe(200);
    const board = (await county.get(`/api/recognition/star-board?year=${year}`)).json() as StarBoard;
    expect(board.rating).toMatchObject({ id: second.id, edition: 2 });
    // the first edition is kept as it was
    expect(await count(`SELECT count(*)::int AS n FROM star_rating_rows WHERE rating_id = $1 AND post_id = (SELECT post_id FROM star_rating_rows WHERE id = $2) AND post_score = 60`, [rating.id, row.id])).toBe(0);
    // a person's history: the latest published edition of each year
    const history = (await wuli.get(`/api/recognition/star-rows?personId=${row.person.id}`)).json() as StarRowPage;
    expect(history.items.map((h) => [h.year, h.edition, h.postScore])).toEqual([[year, 2, 60]]);
    expect(await audits('star_rating.correct')).toBe(1);
  });
});
