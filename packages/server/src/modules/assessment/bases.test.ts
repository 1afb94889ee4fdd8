// The set-based computed indicators (`basesOfUnits`: one GROUP BY per source for many units and
// months) give exactly the per-unit figures (`problemsClosedOnTime`, `reportsOnTime`,
// `requestRates`: what opening one sheet runs) — numerator, denominator and record ids — for every
// village and township of the demo county and every month of a year, on records spread over the
// year with every outcome; and a unit-month past the per-unit statements' read limit is recomputed
// by them. Then 一键生成 through the route: the sheets it opens carry those figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedSheets, SchemeDetail, SheetDetail } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { todayInChina } from '../../core/calendar.js';
import { likePrefix } from '../../core/access.js';
import { monthRange, pointsFromRate } from './scheme.logic.js';
import * as repo from './assessment.repository.js';
import { basesOfUnits, monthsOf, SET_BASED_SOURCES } from './bases.js';

let t: TestApp;
let county: Client;
let wuli: Client;
const year = Number(todayInChina().slice(0, 4));
const ALL = new Set<string>(SET_BASED_SOURCES);

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli] = await Promise.all([t.as('county'), t.as('wuli')]);
  // the demo county has no records of these kinds: make them at every org below the county (villages,
  // their groups, townships, stations), spread over the year with every outcome — closed on the
  // deadline day late in the evening (on time in China), closed late, open; reported on time, late,
  // pending; responded or not, resolved, rated satisfied / basic / unsatisfied or not rated; opened in
  // the first hours of a month in China (the previous month in UTC) — and some just outside the year
  const below = `SELECT o.id, o.path, o.county_id FROM orgs o WHERE o.county_id IS NOT NULL AND o.type <> 'county'`;
  await t.db.query(
    `INSERT INTO cases (county_id, case_type, org_id, org_path, status, title, deadline, closed_at)
     SELECT county_id, 'problem', id, path, CASE WHEN k = 0 THEN 'open' ELSE 'closed' END, '测试问题', d,
            CASE k WHEN 0 THEN NULL WHEN 1 THEN (d::timestamp + interval '23 hours 30 minutes') AT TIME ZONE 'Asia/Shanghai'
                   ELSE (d::timestamp + interval '2 days') AT TIME ZONE 'Asia/Shanghai' END
       FROM (SELECT o.*, (o.id + g) % 3 AS k,
                    make_date(CASE WHEN (o.id + g) % 17 = 0 THEN $1::int + 1 ELSE $1::int END, (1 + (o.id * 7 + g * 5) % 12)::int, (1 + (o.id + g) % 28)::int) AS d
               FROM (${below}) o CROSS JOIN generate_series(1, 9) g) x`,
    [year],
  );
  await t.db.query(
    `WITH c AS (
       INSERT INTO cases (county_id, case_type, org_id, org_path, status, title, opened_at)
       SELECT county_id, 'request', id, path, 'open', '测试诉求',
              (make_date($1::int, (1 + (o.id * 5 + g * 7) % 12)::int, (1 + (o.id + g) % 3)::int)::timestamp + make_interval(hours => ((o.id + g) % 5 * 3)::int)) AT TIME ZONE 'Asia/Shanghai'
         FROM (${below}) o CROSS JOIN generate_series(1, 11) g
       RETURNING id, county_id)
     INSERT INTO citizen_requests (case_id, county_id, channel, category, matter, citizen_name, tracking_code, responded_at, resolved, rating)
     SELECT id, county_id, 'station', 'errand', '测试', '张三', 'T' || id, CASE WHEN id % 4 = 0 THEN NULL ELSE now() END,
            CASE id % 3 WHEN 0 THEN NULL WHEN 1 THEN true ELSE false END, (ARRAY[NULL, 'satisfied', 'basic', 'unsatisfied'])[1 + (id % 7) % 4]
       FROM c`,
    [year],
  );
  const [c] = await t.db.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE type = 'county' ORDER BY id LIMIT 1`);
  for (let g = 1; g <= 8; g++) {
    const [d] = await t.db.query<{ id: number }>(
      `INSERT INTO directives (county_id, issuer_org_id, issuer_path, kind, title, due_date) VALUES ($1, $1, $2, 'report', '测试任务', make_date($3::int, $4::int, 15)) RETURNING id`,
      [c!.id, c!.path, year, g],
    );
    await t.db.query(
      `INSERT INTO assignments (county_id, directive_id, org_id, org_path, due_date, status, late)
       SELECT county_id, $1, id, path, make_date($2::int, (1 + (id * 11 + $3::int * 5) % 12)::int, (1 + (id + $3::int) % 28)::int),
              CASE WHEN (id + $3::int) % 3 = 0 THEN 'pending' ELSE 'reported' END, (id + $3::int) % 5 = 0
         FROM (${below}) o`,
      [d!.id, year, g],
    );
  }
});
afterAll(() => t.close());

/** The demo county's villages and townships, with their paths, and the county's path. */
async function unitsOfCounty() {
  const [c] = await t.db.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE type = 'county' ORDER BY id LIMIT 1`);
  const units = await t.db.query<{ id: number; path: string; type: string }>(
    `SELECT id, path, type FROM orgs WHERE path LIKE $1 AND type IN ('village', 'township') ORDER BY id`,
    [`${c!.path}%`],
  );
  return { countyPath: c!.path, units: units.map((u) => ({ id: Number(u.id), path: u.path, type: u.type })) };
}

/** The per-unit figures of one unit's month, as `computeBases` gets them for one sheet. */
async function perUnit(path: string, period: string) {
  const { from, to } = monthRange(period);
  const prefix = likePrefix(path);
  const rates = await repo.requestRates(t.db, prefix, from, to);
  return {
    ledger_closed_on_time: await repo.problemsClosedOnTime(t.db, prefix, from, to),
    dispatch_reported_on_time: await repo.reportsOnTime(t.db, prefix, from, to),
    citizen_response_rate: rates.response,
    citizen_resolve_rate: rates.resolve,
    citizen_satisfaction_rate: rates.satisfaction,
  };
}

describe('computed indicators set-based (basesOfUnits)', () => {
  it('equal the per-unit figures for every village and township and every month of the year', async () => {
    const { countyPath, units } = await unitsOfCounty();
    expect(units.filter((u) => u.type === 'village').length).toBeGreaterThan(3);
    const set = await basesOfUnits(t.db, countyPath, units, `${year}-01`, `${year}-12`, ALL);
    let records = 0;
    const outcomes = new Set<string>();
    for (const u of units) {
      for (const period of monthsOf(`${year}-01`, `${year}-12`)) {
        const want = await perUnit(u.path, period);
        const got = Object.fromEntries(set.get(u.id)!.get(period)!);
        expect(got, `${u.type} ${u.id} ${period}`).toEqual(want);
        records += want.ledger_closed_on_time.denominator + want.dispatch_reported_on_time.denominator + want.citizen_response_rate.denominator;
        for (const [k, b] of Object.entries(want)) if (b.denominator > 0) outcomes.add(`${k}:${b.numerator === 0 ? 'none' : b.numerator === b.denominator ? 'all' : 'some'}`);
      }
    }
    // the fixture is varied: records in most months, rates of none, some and all
    expect(records).toBeGreaterThan(50);
    expect([...outcomes].filter((o) => o.endsWith(':some')).length).toBeGreaterThanOrEqual(3);
  });

  it('only the listed units, only records in the scope given, only the span asked', async () => {
    const { units } = await unitsOfCounty();
    const township = units.find((u) => u.type === 'township')!;
    const villages = units.filter((u) => u.type === 'village' && u.path.startsWith(township.path));
    const set = await basesOfUnits(t.db, township.path, villages, `${year}-03`, `${year}-04`, ALL);
    expect([...set.keys()].sort()).toEqual(villages.map((v) => v.id).sort());
    for (const v of villages) {
      expect([...set.get(v.id)!.keys()]).toEqual([`${year}-03`, `${year}-04`]);
      for (const period of [`${year}-03`, `${year}-04`]) expect(Object.fromEntries(set.get(v.id)!.get(period)!)).toEqual(await perUnit(v.path, period));
    }
    // one source asked, one answered
    const one = await basesOfUnits(t.db, township.path, villages, `${year}-03`, `${year}-03`, new Set(['ledger_closed_on_time']));
    expect([...one.get(villages[0]!.id)!.get(`${year}-03`)!.keys()]).toEqual(['ledger_closed_on_time']);
  });

  it('a unit-month with more than 5,000 records counts them all, per unit and set-based (the per-unit statements read the first 5,000 only)', async () => {
    const { units } = await unitsOfCounty();
    const v = units.find((u) => u.type === 'village')!;
    const [county] = await t.db.query<{ county_id: number }>(`SELECT county_id FROM orgs WHERE id = $1`, [v.id]);
    const period = `${year}-05`;
    const had = (await perUnit(v.path, period)).ledger_closed_on_time;
    // 5,200 problems due in May: the first 5,000 closed on time, the last 200 not — 5000/5200 more, not 5000/5000
    await t.db.query(
      `INSERT INTO cases (county_id, case_type, org_id, org_path, status, title, deadline, closed_at)
       SELECT $1, 'problem', $2, $3, 'closed', '批量问题', make_date($4::int, 5, 20),
              CASE WHEN g <= 5000 THEN make_date($4::int, 5, 10)::timestamp AT TIME ZONE 'Asia/Shanghai' END
         FROM generate_series(1, 5200) g ORDER BY g`,
      [county!.county_id, v.id, v.path, year],
    );
    const set = await basesOfUnits(t.db, v.path, [v], period, period, ALL);
    const want = await perUnit(v.path, period);
    expect(want.ledger_closed_on_time).toMatchObject({ numerator: had.numerator + 5000, denominator: had.denominator + 5200 });
    expect(want.ledger_closed_on_time.records.ids).toHaveLength(200);
    expect(set.get(v.id)!.get(period)!.get('ledger_closed_on_time')).toEqual(want.ledger_closed_on_time);
    await t.db.query(`DELETE FROM cases WHERE title = '批量问题'`);
  });
});

describe('一键生成本月评分表 (POST /api/assessment/sheets/batch)', () => {
  it('opens the month\'s sheet of every village of the township without one, with the per-unit figures; a second run opens none', async () => {
    const draft = (await county.post('/api/assessment/schemes', { year, unitType: 'village', name: `${year}年村级（一键）` })).json() as SchemeDetail;
    const scheme = (await county.post(`/api/assessment/schemes/${draft.id}/publish`, { version: draft.version })).json() as SchemeDetail;
    const period = `${year}-06`;
    // one village opened alone first: the batch leaves it as it is
    const yushe = await orgId(t.db, '榆舍村');
    const alone = (await wuli.post('/api/assessment/sheets', { schemeId: scheme.id, orgId: yushe, period })).json() as SheetDetail;
    const res = await wuli.post('/api/assessment/sheets/batch', { schemeId: scheme.id, period });
    expect(res.statusCode, res.body).toBe(201);
    const batch = res.json() as OpenedSheets;
    const [township] = await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE name = '五里镇'`);
    const villages = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE path LIKE $1 AND type = 'village' AND status = 'active'`, [`${township!.path}%`]);
    expect(batch.opened).toBe(villages.length - 1);
    expect(batch.sheetIds).not.toContain(alone.id);
    for (const id of [...batch.sheetIds, alone.id]) {
      const read = await wuli.get(`/api/assessment/sheets/${id}`);
      expect(read.statusCode).toBe(200);
      const sheet = read.json() as SheetDetail;
      const [org] = await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE id = $1`, [sheet.org.id]);
      const want = await perUnit(org!.path, period);
      const computed = sheet.entries.filter((e) => e.source !== 'manual');
      expect(computed.length).toBeGreaterThan(0);
      for (const e of computed) {
        const b = want[e.source as keyof typeof want];
        expect(e.basis, `${sheet.org.name} ${e.key}`).toEqual(b);
        expect(e.points).toBe(pointsFromRate(e.max, b.numerator, b.denominator));
      }
    }
    const again = await wuli.post('/api/assessment/sheets/batch', { schemeId: scheme.id, period });
    expect(again.json()).toEqual({ opened: 0, sheetIds: [] });
  });

  it('refuses a draft scheme and a month outside the scheme\'s year, in Chinese, opening nothing; a village account may not', async () => {
    const draft = (await county.post('/api/assessment/schemes', { year, unitType: 'village', name: `${year}年草稿` })).json() as SchemeDetail;
    const before = await t.db.query(`SELECT 1 FROM score_sheets`);
    const a = await wuli.post('/api/assessment/sheets/batch', { schemeId: draft.id, period: `${year}-06` });
    expect(a.statusCode).toBe(400);
    expect(a.json().message).toContain('发布后才能评分');
    const scheme = (await county.post(`/api/assessment/schemes/${draft.id}/publish`, { version: draft.version })).json() as SchemeDetail;
    const b = await wuli.post('/api/assessment/sheets/batch', { schemeId: scheme.id, period: `${year - 1}-06` });
    expect(b.statusCode).toBe(400);
    expect(b.json().message).toContain('年度');
    const c = await (await t.as('yushe')).post('/api/assessment/sheets/batch', { schemeId: scheme.id, period: `${year}-06` });
    expect(c.statusCode).toBe(403);
    expect(await t.db.query(`SELECT 1 FROM score_sheets`)).toHaveLength(before.length);
  });
});
