// 星级化管理 through the API (seed 001): the county's rules, the year's rating of the cadres in the
// 8 village posts computed from the villages' published results, the townships' post assessments,
// publishing (locked), a correction as a new edition, the star board and a person's history —
// each refusal a 4xx in Chinese that changes nothing, every change audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetDetail, StarBoard, StarRatingDetail, StarRow, StarRowDetail, StarRowPage, StarRules, Subsidies } from '@lianxin/contract';
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
}, 600_000);

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
    // every post of a village or community held on any day of the year (begun by today)
    const expected = await count(
      `SELECT count(*)::int AS n FROM posts p JOIN orgs o ON o.id = p.org_id
        WHERE o.type IN ('village', 'community') AND (p.end_date IS NULL OR p.end_date >= $1::date) AND p.start_date <= LEAST($2::date, CURRENT_DATE)
          AND p.role IN ('secretary','deputy_secretary','village_director','militia_head','youth_league_secretary','women_chair','clerk','supervision_director')`,
      [`${year}-01-01`, `${year}-12-31`],
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
  }, 180_000);
});

describe('the cadres in post during the year, villages\' and communities\'', () => {
  // last year: the village's secretary changed on 16 June, its clerk's post ended the year before
  const y = year - 1;
  let villageId: number;
  let communityId: number;
  let oldPost: { id: number; person_id: number };
  let newPostId: number;
  let clerkPostId: number;
  let ratingId: number;

  /** A unit's published sheet scores of the given months on a 100-point scale, from the tables. */
  const sheetAverage = async (orgId: number, months: number[]) =>
    (await t.db.query<{ v: number | null }>(
      `SELECT round(avg(s.total * 100 / s.max_total)::numeric, 1)::float8 AS v FROM score_sheets s JOIN cases c ON c.id = s.case_id
        WHERE c.org_id = $1 AND c.status IN ('published', 'appealed', 'locked') AND s.period = ANY($2::text[])`,
      [orgId, months.map((m) => `${y}-${String(m).padStart(2, '0')}`)],
    ))[0]!.v;

  async function publishSheet(scorer: Client, schemeId: number, orgId: number, period: string, drop: number) {
    const opened = await scorer.post('/api/assessment/sheets', { schemeId, orgId, period });
    expect(opened.statusCode, opened.body).toBe(201);
    const sheet = opened.json() as SheetDetail;
    const scores = sheet.entries.filter((e) => e.source === 'manual').map((e, k) => ({ key: e.key, points: Math.max(0, e.max - (k === 0 ? drop : 0)), evidence: '台账已核实' }));
    let s = (await scorer.request('PUT', `/api/assessment/sheets/${sheet.id}/scores`, { version: sheet.version, scores })).json() as SheetDetail;
    for (const [who, step] of [[scorer, 'submit'], [county, 'pass'], [county, 'publish']] as const) {
      const res = await who.post(`/api/assessment/sheets/${sheet.id}/transitions/${step}`, { version: s.version });
      expect(res.statusCode, res.body).toBe(200);
      s = res.json() as SheetDetail;
    }
  }

  beforeAll(async () => {
    [{ id: villageId }] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE path LIKE (SELECT path FROM orgs WHERE id = $1) || '%' AND type = 'village' AND status = 'active' ORDER BY path LIMIT 1`, [wuliId]) as [{ id: number }];
    communityId = await orgId(t.db, '城关社区');
    const schemes: Record<string, number> = {};
    for (const unitType of ['village', 'community'] as const) {
      const draft = (await county.post('/api/assessment/schemes', { year: y, unitType, name: `${y}年度星级测试（${unitType}）` })).json() as { id: number; version: number };
      expect((await county.post(`/api/assessment/schemes/${draft.id}/publish`, { version: draft.version })).statusCode).toBe(200);
      schemes[unitType] = draft.id;
    }
    // the village is scored in March, June, September and December, each a little differently
    for (const [m, drop] of [['03', 1], ['06', 2], ['09', 3], ['12', 0.5]] as const) await publishSheet(wuli, schemes.village!, villageId, `${y}-${m}`, drop);
    await publishSheet(county, schemes.community!, communityId, `${y}-12`, 1.5);

    // the secretary leaves on 15 June, a member of the village takes over on 16 June
    [oldPost] = await t.db.query<{ id: number; person_id: number }>(`SELECT id, person_id FROM posts WHERE org_id = $1 AND role = 'secretary' AND end_date IS NULL`, [villageId]) as [{ id: number; person_id: number }];
    expect((await wuli.post(`/api/posts/${oldPost.id}/end`, { endDate: `${y}-06-15` })).statusCode).toBe(204);
    const [successor] = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_id = $1 AND id NOT IN (SELECT person_id FROM posts) ORDER BY id LIMIT 1`, [villageId]);
    const added = await wuli.post('/api/posts', { personId: successor!.id, orgId: villageId, role: 'secretary', startDate: `${y}-06-16` });
    expect(added.statusCode, added.body).toBe(201);
    newPostId = (added.json() as { id: number }).id;
    // the clerk left at the end of the year before
    [{ id: clerkPostId }] = await t.db.query<{ id: number }>(`SELECT id FROM posts WHERE org_id = $1 AND role = 'clerk' AND end_date IS NULL`, [villageId]) as [{ id: number }];
    expect((await wuli.post(`/api/posts/${clerkPostId}/end`, { endDate: `${y - 1}-12-31` })).statusCode).toBe(204);

    const res = await county.post('/api/recognition/star-ratings', { year: y });
    expect(res.statusCode, res.body).toBe(201);
    ratingId = (res.json() as StarRatingDetail).id;
  }, 600_000);

  it('rates both secretaries of a mid-year change, each for the months in post and the village\'s sheets of those months', async () => {
    const rows = await allRows(county, ratingId, `&orgId=${villageId}`);
    const secretaries = rows.filter((r) => r.role === 'secretary');
    expect(secretaries.map((r) => [r.person.id, r.heldFrom, r.heldTo, r.months, r.monthsLabel])).toEqual([
      [oldPost.person_id, `${y}-01-01`, `${y}-06-15`, 6, '1–6 月（6 个月）'],
      [secretaries[1]!.person.id, `${y}-06-16`, `${y}-12-31`, 7, '6–12 月（7 个月）'],
    ]);
    const [before, after] = secretaries as [StarRow, StarRow];
    // the unit part: March and June for the one who left, June, September and December for the successor
    expect(before.villageScore).toBe(await sheetAverage(villageId, [1, 2, 3, 4, 5, 6]));
    expect(after.villageScore).toBe(await sheetAverage(villageId, [6, 7, 8, 9, 10, 11, 12]));
    expect(before.villageScore).not.toBe(after.villageScore);
    expect(before.unitBasis).toBe('months');
    // a cadre in post all year takes the whole year's result
    const deputy = rows.find((r) => r.role === 'deputy_secretary')!;
    expect(deputy).toMatchObject({ months: 12, monthsLabel: '全年' });
    expect(deputy.villageScore).toBe(await sheetAverage(villageId, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    // the figures: 88 × 50 % + the unit part × 50 %, by hand
    const res = await wuli.request('PUT', `/api/recognition/star-rows/${before.id}`, { version: before.version, postScore: 88 });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as StarRowDetail;
    expect(d.score).toBeCloseTo(88 * 0.5 + before.villageScore! * 0.5, 2);
    expect(d.villageSheets.map((s) => s.period)).toEqual([`${y}-03`, `${y}-06`]);
    expect(d.villageSheets.map((s) => s.score)).toEqual(d.villageSheets.map(() => expect.any(Number)));
    expect(d.formula).toContain(`个人岗位考核 88 分 × 50% + 村级整体工作 ${before.villageScore} 分 × 50%`);
    expect((await t.db.query(`SELECT 1 FROM star_rating_rows WHERE rating_id = $1 AND post_id = $2`, [ratingId, newPostId])).length).toBe(1);
  }, 120_000);

  it('does not rate a post that ended before the year; rates exactly the posts held in it', async () => {
    expect((await t.db.query(`SELECT 1 FROM star_rating_rows WHERE rating_id = $1 AND post_id = $2`, [ratingId, clerkPostId])).length).toBe(0);
    const expected = await count(
      `SELECT count(*)::int AS n FROM posts p JOIN orgs o ON o.id = p.org_id
        WHERE o.type IN ('village', 'community') AND p.start_date <= $2::date AND (p.end_date IS NULL OR p.end_date >= $1::date)
          AND p.role IN ('secretary','deputy_secretary','village_director','militia_head','youth_league_secretary','women_chair','clerk','supervision_director')`,
      [`${y}-01-01`, `${y}-12-31`],
    );
    expect((await county.get(`/api/recognition/star-ratings/${ratingId}`)).json()).toMatchObject({ rows: expected });
  }, 120_000);

  it('rates a community\'s cadres with the community\'s annual result, and the board and history show the months', async () => {
    const rows = await allRows(county, ratingId, `&orgId=${communityId}`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.org.type === 'community' && r.villageScore === (rows[0]!.villageScore))).toBe(true);
    expect(rows[0]!.villageScore).toBe(await sheetAverage(communityId, [12]));
    // post assessments for every rated cadre, then publish
    for (const r of await allRows(county, ratingId)) {
      if (r.villageScore === null || r.postScore !== null) continue;
      expect((await county.request('PUT', `/api/recognition/star-rows/${r.id}`, { version: r.version, postScore: 90 })).statusCode).toBe(200);
    }
    const d = (await county.get(`/api/recognition/star-ratings/${ratingId}`)).json() as StarRatingDetail;
    expect((await county.post(`/api/recognition/star-ratings/${ratingId}/publish`, { version: d.version })).statusCode).toBe(200);
    const community = (await allRows(county, ratingId, `&orgId=${communityId}`))[0]!;
    expect(community.stars).toBe(starsOf(90, community.villageScore!, 50, d.levels).stars);
    const board = (await wuli.get(`/api/recognition/star-board?year=${y}`)).json() as StarBoard;
    expect(board.total.partYear).toBe(2);
    expect(board.units[0]!.partYear).toBe(2);
    const history = (await county.get(`/api/recognition/star-rows?personId=${oldPost.person_id}`)).json() as StarRowPage;
    expect(history.items.find((h) => h.year === y)).toMatchObject({ monthsLabel: '1–6 月（6 个月）', score: 88 * 0.5 + history.items.find((h) => h.year === y)!.villageScore! * 0.5 });
  }, 300_000);
});
