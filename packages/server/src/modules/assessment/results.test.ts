// The results board reads the year's scores narrow (`resultScores`) and the ranked rows of the shown
// month only (`results` with the period). This checks it answers exactly what the board answered
// when it read the whole year ranked (`results` without a period) and filtered the month in the
// service — rows, ranks, townships, trend — for the county and a township, every month, each unit
// type and none, on sheets of three months with corrected revisions, unpublished ones and ties.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results, SchemeDetail } from '@lianxin/contract';
import { buildTestApp, type Client, type TestApp } from '../../test/helpers.js';
import { todayInChina } from '../../core/calendar.js';
import { likePrefix } from '../../core/access.js';
import { gradeOf } from './scheme.logic.js';
import * as repo from './assessment.repository.js';

let t: TestApp;
let county: Client;
let wuli: Client;
const year = Number(todayInChina().slice(0, 4));
const round1 = (x: number) => Math.round(x * 10) / 10;

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli] = await Promise.all([t.as('county'), t.as('wuli')]);
  const ids: number[] = [];
  for (const unitType of ['village', 'community'] as const) {
    const draft = (await county.post('/api/assessment/schemes', { year, unitType, name: `${year}年${unitType}` })).json() as SchemeDetail;
    const s = (await county.post(`/api/assessment/schemes/${draft.id}/publish`, { version: draft.version })).json() as SchemeDetail;
    ids.push(s.id);
  }
  // sheets of months 1–3 for every village and community, scored by the org above; revision 2 of some
  // (the newer counts, whatever its total), a draft or submitted revision that does not count, ties
  await t.db.query(
    `WITH plan AS MATERIALIZED (
       SELECT nextval(pg_get_serial_sequence('cases', 'id')) AS case_id, o.id AS org_id, o.path, o.county_id, p.id AS scorer_id, p.path AS scorer_path,
              mm, rev, sc.id AS scheme_id,
              CASE WHEN rev = 3 THEN 'draft' WHEN (o.id + mm) % 7 = 0 THEN 'submitted' WHEN rev = 2 THEN 'published' ELSE 'locked' END AS status,
              ((o.id * 13 + mm * 7 + rev * 5) % 9) * 5 + 50 AS total
         FROM orgs o JOIN orgs p ON p.id = o.parent_id
         JOIN assessment_schemes sc ON sc.id = ANY($1::bigint[]) AND sc.unit_type = o.type
         CROSS JOIN generate_series(1, 3) AS mm
         CROSS JOIN generate_series(1, 3) AS rev
        WHERE o.type IN ('village', 'community') AND o.status = 'active' AND (rev = 1 OR (o.id + mm) % 3 = rev - 1)),
     c AS (
       INSERT INTO cases (id, county_id, case_type, org_id, org_path, status, title) OVERRIDING SYSTEM VALUE
       SELECT case_id, county_id, 'score_sheet', org_id, path, status, '测试评分表' FROM plan RETURNING id)
     INSERT INTO score_sheets (case_id, county_id, scheme_id, org_id, subject_kind, subject_id, period, revision, scorer_org_id, scorer_path, total, max_total)
     SELECT case_id, county_id, scheme_id, org_id, 'org', org_id, $2::int || '-0' || mm, rev, scorer_id, scorer_path, total, 100
       FROM plan WHERE (SELECT count(*) FROM c) >= 0`,
    [ids, year],
  );
});
afterAll(() => t.close());

/** The board as it was computed before: the whole year ranked in one statement, the month filtered here. */
async function before(scope: { countyId: number; path: string }, f: { year: number; period?: string; unitType?: string }) {
  const all = await repo.results(t.db, scope.countyId, likePrefix(scope.path), { year: f.year, unitType: f.unitType });
  const score = (r: repo.ResultRow) => (r.max_total > 0 ? round1((r.total * 100) / r.max_total) : 0);
  const periods = [...new Set(all.map((r) => r.period))].sort();
  const period = f.period ?? periods.at(-1) ?? null;
  const rows = all.filter((r) => r.period === period);
  return {
    period,
    rows: rows.map((r) => ({
      sheetId: Number(r.sheet_id), org: Number(r.org_id), township: r.township_id === null ? null : Number(r.township_id),
      total: r.total, max: r.max_total, score: score(r), grade: gradeOf(score(r)), rankInTownship: r.rank_township, rankInCounty: r.rank_county,
    })),
    trend: periods.map((p) => {
      const of = all.filter((r) => r.period === p);
      return { period: p, sheets: of.length, average: round1(of.reduce((sum, r) => sum + score(r), 0) / of.length) };
    }),
  };
}

describe('the results board (GET /api/assessment/results)', () => {
  it('answers what the whole-year statement answered: every month, each unit type and none, for the county and a township', async () => {
    const [c] = await t.db.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE type = 'county' ORDER BY id LIMIT 1`);
    const [w] = await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE name = '五里镇'`);
    let rows = 0;
    for (const [client, path] of [[county, c!.path], [wuli, w!.path]] as const) {
      for (const unitType of [undefined, 'village', 'community']) {
        for (const period of [undefined, `${year}-01`, `${year}-02`, `${year}-03`, `${year}-04`]) {
          const qs = new URLSearchParams({ year: String(year), ...(period ? { period } : {}), ...(unitType ? { unitType } : {}) });
          const res = await client.get(`/api/assessment/results?${qs}`);
          expect(res.statusCode, res.body).toBe(200);
          const got = res.json() as Results;
          const want = await before({ countyId: Number(c!.id), path }, { year, period, unitType });
          expect(got.period).toBe(want.period);
          expect(got.trend).toEqual(want.trend);
          expect(got.rows.map((r) => ({
            sheetId: r.sheetId, org: r.org.id, township: r.township?.id ?? null, total: r.total, max: r.max, score: r.score, grade: r.grade,
            rankInTownship: r.rankInTownship, rankInCounty: r.rankInCounty,
          }))).toEqual(want.rows);
          rows += got.rows.length;
        }
      }
    }
    expect(rows).toBeGreaterThan(20);
  });

  it('counts the newest revision that is published, appealed or locked; ranks share ties', async () => {
    const res = (await county.get(`/api/assessment/results?year=${year}&period=${year}-02&unitType=village`)).json() as Results;
    const [n] = await t.db.query<{ n: number }>(
      `SELECT count(DISTINCT s.org_id)::int AS n FROM score_sheets s JOIN cases c ON c.id = s.case_id JOIN assessment_schemes sc ON sc.id = s.scheme_id
        WHERE s.period = $1 AND sc.unit_type = 'village' AND c.status IN ('published', 'appealed', 'locked')`,
      [`${year}-02`],
    );
    expect(res.rows).toHaveLength(n!.n);
    expect(new Set(res.rows.map((r) => r.rankInCounty)).size).toBeLessThan(res.rows.length);
  });
});
