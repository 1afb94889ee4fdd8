// The results board reads the year's months narrow (`resultTrend`) and the ranked rows of the shown
// month only (`results` with the period). This checks it answers exactly what the board answered
// when it read the whole year ranked (`results` without a period) and filtered the month in the
// service — rows, ranks, townships, trend — for the county and a township, every month, each unit
// type and none, on sheets of three months with corrected revisions, unpublished ones and ties.
//
// Since migration 530 the board reads `assessment_result_rows` (the newest counting revision per
// scheme, unit and month, kept by triggers). `boardFromSheets` below is the statement the board ran
// before, over the sheets themselves: every check compares the board with it, and the kept rows with
// the same pick over the sheets, after each kind of change — bulk insert, score, submit, return,
// pass, publish, appeal, uphold with its corrected revision, lock, a by-hand total, a path, a
// deletion, a unit moved or closed. Dropping any of the triggers turns a check red.
//
// Since migration 540 the trend and the points lost of a county's and a township's scope are read
// from kept sums (`assessment_result_months`, `assessment_result_lost`); a station's or a village's
// from the kept rows. The trend's average is the exact mean of the shown scores (summed in tenths,
// rounded half up), no longer a float sum in the board's row order. Every check compares the kept
// sums with the sums computed here from the sheets and their entries, and the board — trend, rows
// and points lost — of the county, a township, a station and a village with the board from the
// sheets; dropping any trigger of either migration turns a check red.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results, SchemeDetail, SheetDetail } from '@lianxin/contract';
import { accountAt, buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { todayInChina } from '../../core/calendar.js';
import { addDays } from '../../core/cases/case-engine.js';
import { likePrefix } from '../../core/access.js';
import { gradeOf, indicatorsOf } from './scheme.logic.js';
import { summedScope, type ResultRow } from './assessment.repository.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let yushe: Client;
/** The four scopes the board is checked for: county and township read kept sums, station and village the kept rows. */
let scopes: { who: string; client: Client; path: string }[] = [];
let countyId = 0;
let schemeIds: number[] = [];
const today = todayInChina();
const year = Number(today.slice(0, 4));
const thisMonth = today.slice(0, 7);
const round1 = (x: number) => Math.round(x * 10) / 10;
/** The units the workflow test scores through the API: no fixture sheets for them. */
const SCORED = ['榆舍村', '尧头村', '西坡村'];

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, yushe] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe')]);
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
        WHERE o.type IN ('village', 'community') AND o.status = 'active' AND (rev = 1 OR (o.id + mm) % 3 = rev - 1) AND o.name <> ALL($3::text[])),
     c AS (
       INSERT INTO cases (id, county_id, case_type, org_id, org_path, status, title) OVERRIDING SYSTEM VALUE
       SELECT case_id, county_id, 'score_sheet', org_id, path, status, '测试评分表' FROM plan RETURNING id)
     INSERT INTO score_sheets (case_id, county_id, scheme_id, org_id, subject_kind, subject_id, period, revision, scorer_org_id, scorer_path, total, max_total)
     SELECT case_id, county_id, scheme_id, org_id, 'org', org_id, $2::int || '-0' || mm, rev, scorer_id, scorer_path, total, 100
       FROM plan WHERE (SELECT count(*) FROM c) >= 0`,
    [ids, year, SCORED],
  );
  // every fixture sheet's entries: the template's indicators, points lost here and there (none scored on some)
  const [scheme] = await t.db.query<{ tree: SchemeDetail['tree'] }>(`SELECT tree FROM assessment_schemes WHERE id = $1`, [ids[0]]);
  const keys = indicatorsOf(scheme!.tree, `${year}-12`);
  await t.db.query(
    `INSERT INTO score_entries (sheet_id, county_id, indicator_key, max_points, points, computed)
     SELECT s.case_id, s.county_id, k.key, k.max, CASE WHEN (s.case_id + k.i) % 11 = 0 THEN NULL ELSE greatest(0, k.max - ((s.case_id * 3 + k.i) % 4) * 0.5) END, false
       FROM score_sheets s CROSS JOIN unnest($1::text[], $2::numeric[]) WITH ORDINALITY AS k(key, max, i)`,
    [keys.map((k) => k.key), keys.map((k) => k.points)],
  );
  schemeIds = ids;
  const [c] = await t.db.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE type = 'county' ORDER BY id LIMIT 1`);
  countyId = Number(c!.id);
  const [w] = await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE name = '五里镇'`);
  const [station] = await t.db.query<{ name: string; path: string }>(
    `SELECT s.name, s.path FROM orgs s WHERE s.type = 'station' AND s.path LIKE $1 AND EXISTS (SELECT 1 FROM orgs v WHERE v.parent_id = s.id AND v.type = 'village') ORDER BY s.id LIMIT 1`,
    [`${w!.path}%`],
  );
  const [village] = await t.db.query<{ name: string; path: string }>(
    `SELECT v.name, v.path FROM orgs v WHERE v.type = 'village' AND v.path LIKE $1 AND v.name <> ALL($2::text[]) ORDER BY v.id LIMIT 1`,
    [`${station!.path}%`, SCORED],
  );
  scopes = [
    { who: 'county', client: county, path: c!.path },
    { who: '五里镇', client: wuli, path: w!.path },
    { who: station!.name, client: await accountAt(t, 'results.station', 'station_admin', station!.name), path: station!.path },
    { who: village!.name, client: await accountAt(t, 'results.village', 'village_admin', village!.name), path: village!.path },
  ];
});
afterAll(() => t.close());


/**
 * The board's rows computed from the sheets themselves: the statement `results` ran before migration
 * 530 (the newest revision of each scheme, unit and month whose case is published, appealed or
 * locked, over cases, score_sheets and assessment_schemes), the whole year ranked.
 */
async function boardFromSheets(countyId: number, prefix: string, f: { year: number; unitType?: string }): Promise<ResultRow[]> {
  const params: unknown[] = [countyId, prefix, f.year];
  const extra = f.unitType ? `AND sc.unit_type = $${params.push(f.unitType)}` : '';
  return t.db.query<ResultRow>(
    `WITH latest AS (
       SELECT DISTINCT ON (s.scheme_id, s.org_id, s.period) c.id AS sheet_id, c.org_id, c.org_path, s.period,
              s.total::float8 AS total, s.max_total::float8 AS max_total, s.veto IS NOT NULL AS vetoed, sc.unit_type
         FROM cases c JOIN score_sheets s ON s.case_id = c.id JOIN assessment_schemes sc ON sc.id = s.scheme_id
        WHERE c.county_id = $1 AND c.case_type = 'score_sheet' AND c.status IN ('published', 'appealed', 'locked') AND sc.year = $3
          AND s.subject_kind = 'org' ${extra}
        ORDER BY s.scheme_id, s.org_id, s.period, s.revision DESC),
     placed AS (
       SELECT l.*, t.id AS township_id, t.name AS township_name,
              CASE WHEN l.max_total > 0 THEN l.total * 100 / l.max_total ELSE 0 END AS score
         FROM latest l
         LEFT JOIN LATERAL (SELECT o.id, o.name FROM orgs o WHERE o.id = ANY(string_to_array(trim(both '/' from l.org_path), '/')::bigint[]) AND o.type = 'township' LIMIT 1) t ON true),
     ranked AS (
       SELECT p.*, rank() OVER (PARTITION BY p.period, p.unit_type, p.township_id ORDER BY p.score DESC)::int AS rank_township,
              rank() OVER (PARTITION BY p.period, p.unit_type ORDER BY p.score DESC)::int AS rank_county
         FROM placed p)
     SELECT r.sheet_id, r.org_id, o.name AS org_name, r.township_id, r.township_name, r.period, r.total, r.max_total, r.vetoed, r.rank_township, r.rank_county
       FROM ranked r JOIN orgs o ON o.id = r.org_id
      WHERE r.org_path LIKE $2
      ORDER BY r.period DESC, r.rank_county, r.sheet_id`,
    params,
  );
}

/** A score on the 100-point scale in tenths, as the board rounds it (Math.round, half up). */
const tenthsOf = (r: { total: number; max_total: number }) => (r.max_total > 0 ? Math.round(((r.total * 100) / r.max_total) * 10) : 0);

/**
 * The indicators losing the most points over the given sheets, from their entries (the statement
 * `pointsLost` ran before migration 540), merged by indicator name across schemes as the board does.
 */
async function losingFromSheets(sheetIds: number[]) {
  const lost = await t.db.query<{ key: string; scheme_id: number; lost: number; sheets: number }>(
    `SELECT e.indicator_key AS key, s.scheme_id, sum(e.max_points - coalesce(e.points, 0))::float8 AS lost, count(*)::int AS sheets
       FROM unnest($1::bigint[]) AS x(id) JOIN score_sheets s ON s.case_id = x.id JOIN score_entries e ON e.sheet_id = x.id
      GROUP BY e.indicator_key, s.scheme_id
     HAVING sum(e.max_points - coalesce(e.points, 0)) > 0
      ORDER BY lost DESC, key, s.scheme_id LIMIT 10`,
    [sheetIds],
  );
  const names = new Map<string, string>();
  for (const id of new Set(lost.map((l) => Number(l.scheme_id)))) {
    const [sc] = await t.db.query<{ tree: SchemeDetail['tree'] }>(`SELECT tree FROM assessment_schemes WHERE id = $1`, [id]);
    for (const k of indicatorsOf(sc!.tree, '2000-12')) names.set(`${id}:${k.key}`, k.name);
  }
  const merged = new Map<string, { key: string; name: string; lost: number; sheets: number }>();
  for (const l of lost) {
    const name = names.get(`${l.scheme_id}:${l.key}`) ?? l.key;
    const had = merged.get(name);
    merged.set(name, { key: l.key, name, lost: round1((had?.lost ?? 0) + l.lost), sheets: (had?.sheets ?? 0) + l.sheets });
  }
  return [...merged.values()].sort((a, b) => b.lost - a.lost);
}

/** The board computed from the sheets: the whole year ranked in one statement, the month filtered here. */
async function before(scope: { countyId: number; path: string }, f: { year: number; period?: string; unitType?: string }) {
  const all = await boardFromSheets(scope.countyId, likePrefix(scope.path), { year: f.year, unitType: f.unitType });
  const score = (r: ResultRow) => (r.max_total > 0 ? round1((r.total * 100) / r.max_total) : 0);
  const periods = [...new Set(all.map((r) => r.period))].sort();
  const period = f.period ?? periods.at(-1) ?? null;
  const rows = all.filter((r) => r.period === period);
  return {
    losing: await losingFromSheets(rows.map((r) => Number(r.sheet_id))),
    period,
    rows: rows.map((r) => ({
      sheetId: Number(r.sheet_id), org: Number(r.org_id), orgName: r.org_name, township: r.township_id === null ? null : Number(r.township_id),
      townshipName: r.township_name, total: r.total, max: r.max_total, score: score(r), grade: gradeOf(score(r)),
      rankInTownship: r.rank_township, rankInCounty: r.rank_county, vetoed: r.vetoed,
    })),
    trend: periods.map((p) => {
      const of = all.filter((r) => r.period === p);
      // the exact mean of the shown (rounded) scores, rounded half up to a tenth
      return { period: p, sheets: of.length, average: Math.round(of.reduce((sum, r) => sum + tenthsOf(r), 0) / of.length) / 10 };
    }),
  };
}

/** What the board shows of each row, in the shape `before` gives. */
const shown = (got: Results) => got.rows.map((r) => ({
  sheetId: r.sheetId, org: r.org.id, orgName: r.org.name, township: r.township?.id ?? null, townshipName: r.township?.name ?? null,
  total: r.total, max: r.max, score: r.score, grade: r.grade, rankInTownship: r.rankInTownship, rankInCounty: r.rankInCounty, vetoed: r.vetoed,
}));

describe('the results board (GET /api/assessment/results)', () => {
  it('answers what the whole-year statement answered: every month, each unit type and none, for the county, a township, a station and a village', async () => {
    // the county and the township read the kept sums, the station and the village the kept rows
    expect(scopes.map((x) => summedScope(countyId, x.path))).toEqual([true, true, false, false]);
    let rows = 0;
    let losing = 0;
    for (const { who, client, path } of scopes) {
      for (const unitType of [undefined, 'village', 'community']) {
        for (const period of [undefined, `${year}-01`, `${year}-02`, `${year}-03`, `${year}-04`]) {
          const qs = new URLSearchParams({ year: String(year), ...(period ? { period } : {}), ...(unitType ? { unitType } : {}) });
          const res = await client.get(`/api/assessment/results?${qs}`);
          expect(res.statusCode, res.body).toBe(200);
          const got = res.json() as Results;
          const want = await before({ countyId, path }, { year, period, unitType });
          expect(got.period, `${who} ${qs}`).toBe(want.period);
          expect(got.trend, `${who} ${qs}`).toEqual(want.trend);
          expect(shown(got), `${who} ${qs}`).toEqual(want.rows);
          expect(got.losing, `${who} ${qs}`).toEqual(want.losing);
          rows += got.rows.length;
          losing += got.losing.length;
        }
      }
    }
    expect(rows).toBeGreaterThan(20);
    expect(losing).toBeGreaterThan(20);
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

/** The newest counting revision of every scheme, unit and month, picked from the sheets themselves. */
const PICKED_FROM_SHEETS = `
  SELECT DISTINCT ON (s.scheme_id, s.org_id, s.period) s.scheme_id, s.org_id, s.period, c.county_id, sc.year, sc.unit_type, c.org_path,
         t.id AS township_id, c.id AS sheet_id, s.total::float8 AS total, s.max_total::float8 AS max_total, s.veto IS NOT NULL AS vetoed
    FROM score_sheets s JOIN cases c ON c.id = s.case_id JOIN assessment_schemes sc ON sc.id = s.scheme_id
    LEFT JOIN LATERAL (SELECT o.id FROM orgs o WHERE o.id = ANY(string_to_array(trim(both '/' from c.org_path), '/')::bigint[]) AND o.type = 'township' LIMIT 1) t ON true
   WHERE s.subject_kind = 'org' AND c.case_type = 'score_sheet' AND c.status IN ('published', 'appealed', 'locked')
   ORDER BY s.scheme_id, s.org_id, s.period, s.revision DESC`;

/**
 * The kept rows are exactly the pick from the sheets, and the board (the county's and a township's,
 * the month and the trend) is the board computed from the sheets. `step` names the change for a red run.
 */
async function expectInSync(step: string, period = thisMonth) {
  const kept = await t.db.query(
    `SELECT scheme_id, org_id, period, county_id, year, unit_type, org_path, township_id, sheet_id, total, max_total, vetoed
       FROM assessment_result_rows ORDER BY scheme_id, org_id, period`,
  );
  const picked = await t.db.query<PickedRow>(PICKED_FROM_SHEETS);
  expect(kept, `${step}: the kept rows`).toEqual(picked);
  await expectSumsOf(step, picked);
  for (const { who, client, path } of scopes) {
    // the latest month of every unit type, and the given month of the villages
    for (const [p, unitType] of [[undefined, undefined], [period, 'village']] as const) {
      const res = await client.get(`/api/assessment/results?year=${year}${p ? `&period=${p}` : ''}${unitType ? `&unitType=${unitType}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const got = res.json() as Results;
      const want = await before({ countyId, path }, { year, period: p, unitType });
      expect({ period: got.period, trend: got.trend, rows: shown(got), losing: got.losing }, `${step}: the board of ${who} ${p ?? ''} ${unitType ?? ''}`).toEqual(want);
    }
  }
}

type PickedRow = { scheme_id: number; org_id: number; period: string; county_id: number; year: number; unit_type: string; org_path: string; sheet_id: number; total: number; max_total: number };

/** The two scopes a row is summed under (migration 540), computed here: its path up to its county's id, and one id further. */
function scopesOf(r: { org_path: string; county_id: number }): string[] {
  const ids = r.org_path.split('/').filter(Boolean);
  const at = ids.indexOf(String(r.county_id));
  if (at < 0) return [];
  const up = (n: number) => `/${ids.slice(0, n).join('/')}/`;
  return at + 1 < ids.length ? [up(at + 1), up(at + 2)] : [up(at + 1)];
}

/**
 * The kept sums are exactly the sums over the picked rows — per scope, year, month and unit type the
 * sheets and their scores in tenths; per scheme and indicator too the points lost over their
 * sheets' entries — with no key left at zero.
 */
async function expectSumsOf(step: string, picked: PickedRow[]) {
  const months = new Map<string, { county_id: number; scope_path: string; year: number; period: string; unit_type: string; sheets: number; score_tenths: number }>();
  for (const r of picked) {
    for (const scope of scopesOf(r)) {
      const k = [r.county_id, scope, r.year, r.period, r.unit_type].join('|');
      const m = months.get(k) ?? { county_id: Number(r.county_id), scope_path: scope, year: r.year, period: r.period, unit_type: r.unit_type, sheets: 0, score_tenths: 0 };
      m.sheets += 1;
      m.score_tenths += tenthsOf(r);
      months.set(k, m);
    }
  }
  const keptMonths = await t.db.query<{ county_id: number; scope_path: string; year: number; period: string; unit_type: string; sheets: number; score_tenths: number }>(
    `SELECT county_id::float8 AS county_id, scope_path, year, period, unit_type, sheets, score_tenths::float8 AS score_tenths FROM assessment_result_months`,
  );
  const order = (a: { scope_path: string; period: string; unit_type: string }, b: typeof a) =>
    a.scope_path.localeCompare(b.scope_path) || a.period.localeCompare(b.period) || a.unit_type.localeCompare(b.unit_type);
  expect(keptMonths.sort(order), `${step}: the kept months`).toEqual([...months.values()].sort(order));

  // the entries of the picked sheets, summed per indicator in tenths (the points are tenths: exact)
  const entries = await t.db.query<{ sheet_id: number; indicator_key: string; lost_tenths: number }>(
    `SELECT sheet_id, indicator_key, ((max_points - coalesce(points, 0)) * 10)::int AS lost_tenths FROM score_entries WHERE sheet_id = ANY($1::bigint[])`,
    [picked.map((r) => r.sheet_id)],
  );
  const bySheet = new Map(picked.map((r) => [Number(r.sheet_id), r]));
  const lost = new Map<string, { scope_path: string; period: string; unit_type: string; scheme_id: number; indicator_key: string; lost: number; entries: number }>();
  for (const e of entries) {
    const r = bySheet.get(Number(e.sheet_id))!;
    for (const scope of scopesOf(r)) {
      const k = [scope, r.year, r.period, r.unit_type, r.scheme_id, e.indicator_key].join('|');
      const l = lost.get(k) ?? { scope_path: scope, period: r.period, unit_type: r.unit_type, scheme_id: Number(r.scheme_id), indicator_key: e.indicator_key, lost: 0, entries: 0 };
      l.lost += e.lost_tenths;
      l.entries += 1;
      lost.set(k, l);
    }
  }
  const keptLost = await t.db.query<{ scope_path: string; period: string; unit_type: string; scheme_id: number; indicator_key: string; lost: number; entries: number }>(
    `SELECT scope_path, period, unit_type, scheme_id::float8 AS scheme_id, indicator_key, (lost * 10)::int AS lost, entries FROM assessment_result_lost`,
  );
  const lostOrder = (a: { scope_path: string; period: string; unit_type: string; scheme_id: number; indicator_key: string }, b: typeof a) =>
    order(a, b) || a.scheme_id - b.scheme_id || a.indicator_key.localeCompare(b.indicator_key);
  expect(keptLost.sort(lostOrder), `${step}: the kept points lost`).toEqual([...lost.values()].sort(lostOrder));
}

describe('the kept rows follow every change of the sheets (migration 530)', () => {
  it('after the bulk insert of the fixture', async () => {
    expect((await t.db.query(`SELECT 1 FROM assessment_result_rows`)).length).toBeGreaterThan(20);
    await expectInSync('bulk insert', `${year}-02`);
  });

  it('through the workflow: score, submit, return, pass, publish, appeal, uphold and its corrected revision, reject, lock', async () => {
    const [villageScheme] = schemeIds;
    const steps = async (sheet: SheetDetail, ...path: [Client, string, string?][]) => {
      for (const [who, step, body] of path) {
        const res = await who.post(`/api/assessment/sheets/${sheet.id}/transitions/${step}`, { version: sheet.version, ...(body ? { body } : {}) });
        expect(res.statusCode, res.body).toBe(200);
        sheet = res.json() as SheetDetail;
        await expectInSync(step);
      }
      return sheet;
    };
    const score = async (sheet: SheetDetail, minus: number) => {
      const scores = sheet.entries.filter((e) => e.source === 'manual').map((e) => ({ key: e.key, points: Math.max(0, e.max - minus), evidence: '会议记录已核' }));
      const res = await wuli.request('PUT', `/api/assessment/sheets/${sheet.id}/scores`, { version: sheet.version, scores });
      expect(res.statusCode, res.body).toBe(200);
      await expectInSync('score');
      return res.json() as SheetDetail;
    };
    const open = async (name: string) => {
      const res = await wuli.post('/api/assessment/sheets', { schemeId: villageScheme, orgId: await orgId(t.db, name), period: thisMonth });
      expect(res.statusCode, res.body).toBe(201);
      await expectInSync('open');
      return res.json() as SheetDetail;
    };

    // 榆舍村: scored, submitted, returned, resubmitted, passed, published (counts from here), appealed (still counts)
    let sheet = await score(await open('榆舍村'), 1);
    sheet = await steps(sheet, [wuli, 'submit'], [county, 'return', '佐证不全']);
    sheet = await score(sheet, 2);
    sheet = await steps(sheet, [wuli, 'submit'], [county, 'pass'], [county, 'publish']);
    const published = await t.db.query<{ sheet_id: number; total: number }>(`SELECT sheet_id, total FROM assessment_result_rows WHERE sheet_id = $1`, [sheet.id]);
    expect(published).toHaveLength(1);
    const appealed = await yushe.post(`/api/assessment/sheets/${sheet.id}/appeal`, { version: sheet.version, reason: '评分漏计', evidence: '会议记录第 3 页' });
    expect(appealed.statusCode, appealed.body).toBe(200);
    await expectInSync('appeal');
    // upheld: the sheet is locked (still counts) and a corrected revision opens as a draft (does not count yet)
    sheet = await steps(appealed.json() as SheetDetail, [county, 'uphold_appeal', '经核实成立']);
    let correction = (await wuli.get(`/api/assessment/sheets/${sheet.appeal!.correctionId}`)).json() as SheetDetail;
    expect(correction.revision).toBe(2);
    expect((await t.db.query(`SELECT 1 FROM assessment_result_rows WHERE sheet_id = $1`, [sheet.id]))).toHaveLength(1);
    correction = await score(correction, 0);
    correction = await steps(correction, [wuli, 'submit'], [county, 'return', '再核']);
    correction = await steps(correction, [wuli, 'submit'], [county, 'pass'], [county, 'publish']);
    // the corrected revision counts now, with its own total
    const now = await t.db.query<{ sheet_id: number; total: number }>(`SELECT sheet_id, total FROM assessment_result_rows WHERE sheet_id = $1`, [correction.id]);
    expect(now).toHaveLength(1);
    expect(now[0]!.total).not.toBe(published[0]!.total);

    // 尧头村: published, appealed and the appeal rejected (locked as it was, no new revision)
    const yaotou = await accountAt(t, 'results.yaotou', 'village_admin', '尧头村');
    let other = await score(await open('尧头村'), 3);
    other = await steps(other, [wuli, 'submit'], [county, 'pass'], [county, 'publish']);
    const appealedToo = await yaotou.post(`/api/assessment/sheets/${other.id}/appeal`, { version: other.version, reason: '不服评分', evidence: '无新材料' });
    expect(appealedToo.statusCode, appealedToo.body).toBe(200);
    await expectInSync('appeal');
    await steps(appealedToo.json() as SheetDetail, [county, 'reject_appeal', '维持原评分']);

    // 西坡村: published, its window passes and the timer locks it
    let third = await score(await open('西坡村'), 4);
    third = await steps(third, [wuli, 'submit'], [county, 'pass'], [county, 'publish']);
    await t.db.query(`UPDATE score_sheets SET appeal_until = $2::date WHERE case_id = $1`, [third.id, addDays(today, -1)]);
    await expectInSync('appeal window moved');
    expect(await t.app.assessment.lockPastAppeal()).toBeGreaterThanOrEqual(1);
    await expectInSync('lock');
  }, 180_000);

  it('by hand and in bulk: totals and vetoes changed, a case moved to another path, sheets deleted, revisions inserted, a case reopened', async () => {
    const [one] = await t.db.query<{ case_id: number; scheme_id: number; org_id: number; period: string }>(
      `SELECT s.case_id, s.scheme_id, s.org_id, s.period FROM assessment_result_rows r JOIN score_sheets s ON s.case_id = r.sheet_id WHERE r.period = $1 ORDER BY r.sheet_id LIMIT 1`,
      [`${year}-01`],
    );
    // every counting sheet of February rescored in one statement (as the bench's seeding does)
    await t.db.query(`UPDATE score_sheets SET total = greatest(0, total - 3), veto = CASE WHEN org_id % 5 = 0 THEN '{"reason":"一票否决"}'::jsonb END WHERE period = $1`, [`${year}-02`]);
    await expectInSync('bulk rescore', `${year}-02`);
    // entries of counting sheets changed by hand: rescored in bulk, one sheet's removed, then written again
    await t.db.query(
      `UPDATE score_entries SET points = CASE WHEN points IS NULL THEN max_points ELSE NULL END
        WHERE indicator_key = (SELECT min(indicator_key) FROM score_entries) AND sheet_id IN (SELECT sheet_id FROM assessment_result_rows WHERE period = $1)`,
      [`${year}-02`],
    );
    await expectInSync('entries rescored', `${year}-02`);
    const [feb] = await t.db.query<{ sheet_id: number }>(`SELECT sheet_id FROM assessment_result_rows WHERE period = $1 ORDER BY sheet_id LIMIT 1`, [`${year}-02`]);
    const removed = await t.db.query(`DELETE FROM score_entries WHERE sheet_id = $1 RETURNING *`, [feb!.sheet_id]);
    expect(removed.length).toBeGreaterThan(5);
    await expectInSync('entries deleted', `${year}-02`);
    await t.db.query(
      `INSERT INTO score_entries (sheet_id, county_id, indicator_key, max_points, points, computed)
       SELECT $1, county_id, indicator_key, max_points, 0, computed FROM score_entries WHERE sheet_id = (SELECT min(sheet_id) FROM score_entries WHERE sheet_id <> $1)`,
      [feb!.sheet_id],
    );
    await expectInSync('entries inserted', `${year}-02`);
    // January rescored to tenths over uneven maxima: averages whose float sums depend on their order
    await t.db.query(
      `UPDATE score_sheets SET total = round((total * 0.37 + (org_id % 7) * 0.3)::numeric, 1), max_total = CASE WHEN org_id % 3 = 0 THEN 97.5 WHEN org_id % 3 = 1 THEN 33.3 ELSE max_total END
        WHERE period = $1`,
      [`${year}-01`],
    );
    await expectInSync('rescored to tenths', `${year}-01`);
    // a case's path changed by hand
    const [elsewhere] = await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE name = '五里镇'`);
    await t.db.query(`UPDATE cases SET org_path = $2 || id || '/' WHERE id = $1`, [one!.case_id, elsewhere!.path]);
    await expectInSync('path by hand', `${year}-01`);
    // a counting sheet reopened by hand (its status out of the counting states): the older revision, or nothing, counts
    await t.db.query(`UPDATE cases SET status = 'draft' WHERE id = $1`, [one!.case_id]);
    await expectInSync('reopened by hand', `${year}-01`);
    // a new counting revision inserted by hand, then deleted again with its case
    const [{ id }] = (await t.db.query<{ id: number }>(
      `INSERT INTO cases (county_id, case_type, org_id, org_path, status, title) SELECT county_id, case_type, org_id, org_path, 'locked', title FROM cases WHERE id = $1 RETURNING id`,
      [one!.case_id],
    )) as [{ id: number }];
    await t.db.query(
      `INSERT INTO score_sheets (case_id, county_id, scheme_id, org_id, subject_kind, subject_id, period, revision, scorer_org_id, scorer_path, total, max_total)
       SELECT $1, county_id, scheme_id, org_id, subject_kind, subject_id, period, 9, scorer_org_id, scorer_path, 12.5, max_total FROM score_sheets WHERE case_id = $2`,
      [id, one!.case_id],
    );
    await expectInSync('revision inserted by hand', `${year}-01`);
    expect(await t.db.query(`SELECT 1 FROM assessment_result_rows WHERE sheet_id = $1`, [id])).toHaveLength(1);
    await t.db.query(`DELETE FROM score_sheets WHERE case_id = $1`, [id]);
    await expectInSync('revision deleted by hand', `${year}-01`);
    // March's sheets deleted in one statement (their entries first)
    await t.db.query(`DELETE FROM score_entries WHERE sheet_id IN (SELECT case_id FROM score_sheets WHERE period = $1)`, [`${year}-03`]);
    await t.db.query(`DELETE FROM score_sheets WHERE period = $1`, [`${year}-03`]);
    await expectInSync('bulk delete', `${year}-02`);
  }, 120_000);

  it('a unit moved to another station or closed: the board reads the sheets\' own paths, as before', async () => {
    const [v] = await t.db.query<{ id: number; version: number }>(`SELECT id, version FROM orgs WHERE name = '榆舍村'`);
    const [station] = await t.db.query<{ id: number }>(
      `SELECT s.id FROM orgs s JOIN orgs v ON v.name = '榆舍村' WHERE s.type = 'station' AND s.parent_id = (SELECT parent_id FROM orgs WHERE id = v.parent_id) AND s.id <> v.parent_id ORDER BY s.id LIMIT 1`,
    );
    if (station) {
      const moved = await county.post(`/api/orgs/${v!.id}/move`, { version: v!.version, newParentId: station.id });
      expect(moved.statusCode, moved.body).toBe(200);
      await expectInSync('unit moved');
    }
    await t.db.query(`UPDATE orgs SET status = 'closed' WHERE name = '尧头村'`);
    await expectInSync('unit closed');
  });
});
