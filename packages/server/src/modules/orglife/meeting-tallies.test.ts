// "Who is behind" reads the running totals the database keeps beside meetings (meeting_tallies,
// migration 450). After every kind of write — the demo's bulk year, a meeting through the route,
// bulk inserts, edits of the date (across months and years), type, party group, secretary flag,
// counts and org, edits that change nothing counted, deletes — and after party groups set up and
// dissolved and orgs moved and closed, the kept totals equal counting the meetings, and the board's
// two statements answer what a straightforward count over the meetings and the tree answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MEETING_TYPES, type BoardView, type MeetingTypeRule, type PartyGroupView, type Roster } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { lastDayOfMonth, todayInChina } from '../../core/calendar.js';
import { likePrefix } from '../../core/access.js';
import { loadDemoOrglife } from '../../cli/demo-orglife.js';
import { ruleRows } from './orglife.service.js';
import * as repo from './orglife.repository.js';

let t: TestApp;
let county: Client;
let countyId: number;
const today = todayInChina();
const year = Number(today.slice(0, 4));
const thisMonth = Number(today.slice(5, 7));

type Meeting = {
  id: number; county_id: number; org_id: number; org_path: string; type_code: string; held_on: string;
  by_secretary: boolean; present_count: number; expected_count: number; party_group_id: number | null;
};
type Org = { id: number; parent_id: number | null; path: string; type: string; status: string };

const meetingsNow = () => t.db.query<Meeting>(
  `SELECT id::int, county_id::int, org_id::int, org_path, type_code, held_on::text AS held_on, by_secretary, present_count, expected_count,
          party_group_id::int AS party_group_id FROM meetings ORDER BY id`,
);
const orgsNow = () => t.db.query<Org>(`SELECT id::int, parent_id::int AS parent_id, path, type, status FROM orgs ORDER BY id`);

/** The running totals counted from the meetings: per key and year, [m] = January to the end of month m. */
function countedTallies(meetings: Meeting[]) {
  const out = new Map<string, { held: number[]; by_secretary: number[]; present: number[]; expected: number[] }>();
  for (const m of meetings) {
    const key = [m.county_id, m.org_path, m.org_id, m.type_code, m.party_group_id ?? 0, Number(m.held_on.slice(0, 4))].join('|');
    const row = out.get(key) ?? { held: Array(12).fill(0), by_secretary: Array(12).fill(0), present: Array(12).fill(0), expected: Array(12).fill(0) };
    for (let i = Number(m.held_on.slice(5, 7)) - 1; i < 12; i++) {
      row.held[i]! += 1;
      row.by_secretary[i]! += m.by_secretary ? 1 : 0;
      row.present[i]! += m.present_count;
      row.expected[i]! += m.expected_count;
    }
    out.set(key, row);
  }
  return Object.fromEntries([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function keptTallies() {
  const rows = await t.db.query<{ county_id: number; org_path: string; org_id: number; type_code: string; party_group_id: number; year: number; held: number[]; by_secretary: number[]; present: number[]; expected: number[] }>(
    `SELECT county_id::int, org_path, org_id::int, type_code, party_group_id::int, year, held, by_secretary, present, expected FROM meeting_tallies`,
  );
  return Object.fromEntries(rows
    .map((r) => [[r.county_id, r.org_path, r.org_id, r.type_code, r.party_group_id, r.year].join('|'), { held: r.held, by_secretary: r.by_secretary, present: r.present, expected: r.expected }] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1)));
}

function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * The board's figures counted straight from the rows, as DOMAIN.md §12 reads: the active units
 * under `path` of a rule's unit type; per unit and rule the meetings under `path` from January to
 * the end of `month` (党小组会 owed per active party group of the unit, when it has any; a rule's
 * secretary share owed besides the count); then per child of `path` and per meeting type.
 */
function countedBoard(orgs: Org[], meetings: Meeting[], path: string, y: number, month: number, rules: repo.RuleRows) {
  const from = `${y}-01-01`;
  const to = lastDayOfMonth(y, month);
  const inPeriod = meetings.filter((m) => m.org_path.startsWith(path) && m.held_on >= from && m.held_on <= to);
  const list = rules.codes.map((code, i) => ({ code, unitType: rules.unitTypes[i]!, required: rules.required[i]!, sec: rules.bySecretary[i]! }));
  const groupRequired = Math.max(0, ...list.filter((r) => r.code === 'group').map((r) => r.required));
  const units = orgs.filter((o) => o.status === 'active' && list.some((r) => r.unitType === o.type) && o.path.startsWith(path));
  const groups = orgs.filter((o) => o.type === 'party_group' && o.status === 'active' && o.path.startsWith(path));
  const byUnitType = groupBy(inPeriod, (m) => `${m.org_id}|${m.type_code}`);
  const byGroup = groupBy(inPeriod.filter((m) => m.type_code === 'group' && m.party_group_id !== null), (m) => m.party_group_id!);
  const per = units.flatMap((u) => list.filter((r) => r.unitType === u.type).map((r) => {
    const mine = byUnitType.get(`${u.id}|${r.code}`) ?? [];
    const held = mine.length;
    const bySec = mine.filter((m) => m.by_secretary).length;
    const gs = groups.filter((g) => g.parent_id === u.id);
    const perGroup = r.code === 'group' && gs.length > 0;
    const short = perGroup
      ? gs.reduce((n, g) => n + Math.max(groupRequired - (byGroup.get(g.id)?.length ?? 0), 0), 0)
      : Math.max(r.required - held, r.sec - bySec, 0);
    return {
      unit: u, code: r.code, held, bySec, short, sec: r.sec, required: r.required * (perGroup ? gs.length : 1),
      present: mine.reduce((n, m) => n + m.present_count, 0), expected: mine.reduce((n, m) => n + m.expected_count, 0),
    };
  }));
  const rollup = new Map<string, repo.RollupRow>();
  for (const u of units) {
    const rows = per.filter((p) => p.unit === u);
    const child = u.path.slice(path.length).split('/')[0]!;
    const r = rollup.get(child) ?? { child, units: 0, behind: 0, held: 0, required: 0, shortfall: 0, present: 0, expected: 0 };
    r.units += 1;
    r.behind += rows.some((p) => p.short > 0) ? 1 : 0;
    for (const p of rows) {
      r.held += p.held; r.required += p.required; r.shortfall += p.short; r.present += p.present; r.expected += p.expected;
    }
    rollup.set(child, r);
  }
  const types = new Map<string, { code: string; held: number; required: number; shortfall: number; by_sec: number; sec_required: number; sec_shortfall: number; sec_behind: number }>();
  for (const p of per) {
    const x = types.get(p.code) ?? { code: p.code, held: 0, required: 0, shortfall: 0, by_sec: 0, sec_required: 0, sec_shortfall: 0, sec_behind: 0 };
    x.held += p.held; x.required += p.required; x.shortfall += p.short; x.by_sec += p.bySec; x.sec_required += p.sec;
    x.sec_shortfall += Math.max(p.sec - p.bySec, 0); x.sec_behind += p.bySec < p.sec ? 1 : 0;
    types.set(p.code, x);
  }
  const byChild = (a: { child: string }, b: { child: string }) => (a.child < b.child ? -1 : a.child > b.child ? 1 : 0);
  const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : 1);
  return { rollup: [...rollup.values()].sort(byChild), types: [...types.values()].sort(byCode) };
}

/** The rules of the checks: the §12 defaults, and a county that also counts its stations' 工作会商 and 月底小结会. */
const RULE_SETS: MeetingTypeRule[][] = [
  DEFAULT_MEETING_TYPES,
  DEFAULT_MEETING_TYPES.map((x) => (x.code === 'work_consultation' ? { ...x, perYear: 12 } : x.code === 'month_end_summary' ? { ...x, perYear: 12, secretaryMin: 3 } : x)),
];

/** The kept totals equal the counted ones, and the board's statements the straightforward count, for each path, year and month. */
async function check(paths: string[], months = [...new Set([1, 6, thisMonth, 12])]) {
  const meetings = await meetingsNow();
  expect(await keptTallies()).toEqual(countedTallies(meetings));
  const orgs = await orgsNow();
  let compared = 0;
  for (const path of paths) {
    for (const y of [year - 1, year]) {
      for (const month of months) {
        for (const types of RULE_SETS) {
          const rules = ruleRows(types, month);
          const want = countedBoard(orgs, meetings, path, y, month, rules);
          const { rollup, byType } = await repo.board(t.db, likePrefix(path), path, { year: y, month }, rules);
          expect({ path, y, month, rollup: [...rollup].sort((a, b) => (a.child < b.child ? -1 : a.child > b.child ? 1 : 0)) })
            .toEqual({ path, y, month, rollup: want.rollup });
          expect({ path, y, month, byType: [...byType].sort((a, b) => (a.code < b.code ? -1 : 1)) }).toEqual({ path, y, month, byType: want.types });
          compared += want.rollup.length;
        }
      }
    }
  }
  return compared;
}

let paths: string[];
const pathOf = async (id: number) => (await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE id = $1`, [id]))[0]!.path;

beforeAll(async () => {
  t = await buildTestApp();
  county = await t.as('county');
  countyId = await orgId(t.db, '中共宜君县委员会');
  await loadDemoOrglife(t.db, countyId);
  const stations = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE type = 'station' AND county_id = $1 ORDER BY id LIMIT 2`, [countyId]);
  paths = await Promise.all([countyId, await orgId(t.db, '五里镇'), ...stations.map((s) => s.id), await orgId(t.db, '榆舍村')].map(pathOf));
}, 180_000);
afterAll(() => t.close());

describe('meeting_tallies and the board', () => {
  it('start equal to counting the meetings (the migration and the demo’s bulk year)', async () => {
    const meetings = await meetingsNow();
    expect(meetings.length).toBeGreaterThan(1000);
    const kept = await keptTallies();
    expect(Object.keys(kept).length).toBeGreaterThan(100);
    expect(kept).toEqual(countedTallies(meetings));
    expect(await check(paths)).toBeGreaterThan(0);
  }, 120_000);

  it('follow inserts, edits and deletes of meetings, one row or many at a time', async () => {
    // last year's meetings of two thirds of the county's villages and stations, in one statement: every
    // type the rules know, 党小组会 by one of the unit's groups (or by none), some by the secretary
    await t.db.query(
      `INSERT INTO meetings (county_id, org_id, org_path, type_code, held_on, place, host, by_secretary, topic, expected_count, present_count, party_group_id)
       SELECT o.county_id, o.id, o.path, c.code, make_date($1::int, 1 + ((o.id + k * 5) % 12)::int, 1 + ((o.id * k) % 28)::int), '村部', '书记',
              (o.id + k) % 5 = 0, '补录', 10 + k % 4, 7 + k % 3,
              CASE WHEN c.code = 'group' AND k % 3 <> 0 THEN (SELECT g.id FROM orgs g WHERE g.parent_id = o.id AND g.type = 'party_group' ORDER BY g.id OFFSET k % 2 LIMIT 1) END
         FROM orgs o CROSS JOIN (VALUES ('committee'), ('group'), ('party_lecture'), ('member_congress'), ('work_consultation'), ('month_end_summary')) AS c(code)
        CROSS JOIN generate_series(1, 5) AS k
        WHERE o.county_id = $2 AND o.type IN ('village', 'community', 'station') AND o.id % 3 <> 0`,
      [year - 1, countyId],
    );
    // one through the route, as a branch records it
    const yushe = await t.as('yushe');
    const yusheId = await orgId(t.db, '榆舍村');
    const roster = ((await yushe.get(`/api/orglife/units/${yusheId}/roster`)).json() as Roster).members;
    const made = await yushe.post('/api/orglife/meetings', {
      orgId: yusheId, typeCode: 'committee', heldOn: today, place: '村部', host: '书记', topic: '研究冬季防火',
      attendees: [{ personId: roster[0]!.id, present: true }, { personId: roster[1]!.id, present: false, absenceReason: '外出务工' }],
    });
    expect(made.statusCode, made.body).toBe(201);
    await check(paths);

    // edits: the date within the year (to another month) and across years, the type, the group (to
    // another, to none), the secretary flag, the counts, the org and its path; and an edit of the
    // minutes alone, which changes nothing counted
    await t.db.query(`UPDATE meetings SET held_on = held_on - 40 WHERE id % 7 = 0 AND held_on >= make_date($1::int, 3, 1)`, [year - 1]);
    await t.db.query(`UPDATE meetings SET held_on = held_on - interval '1 year' WHERE id % 11 = 0`);
    await t.db.query(`UPDATE meetings SET held_on = held_on + interval '1 year' WHERE id % 13 = 0 AND held_on < make_date($1::int, 1, 1)`, [year - 1]);
    await t.db.query(`UPDATE meetings SET type_code = 'committee' WHERE type_code = 'theme_day' AND id % 5 = 0`);
    await t.db.query(`UPDATE meetings SET party_group_id = NULL WHERE party_group_id IS NOT NULL AND id % 4 = 0`);
    await t.db.query(
      `UPDATE meetings m SET party_group_id = (SELECT g.id FROM orgs g WHERE g.parent_id = m.org_id AND g.type = 'party_group' AND g.id <> m.party_group_id ORDER BY g.id LIMIT 1)
        WHERE m.party_group_id IS NOT NULL AND m.id % 4 = 1`,
    );
    await t.db.query(`UPDATE meetings SET by_secretary = NOT by_secretary WHERE type_code = 'party_lecture' AND id % 3 = 0`);
    await t.db.query(`UPDATE meetings SET present_count = present_count + 1, expected_count = expected_count + 2 WHERE id % 9 = 0`);
    const [a, b] = await t.db.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE type = 'village' AND county_id = $1 ORDER BY id DESC LIMIT 2`, [countyId]);
    await t.db.query(`UPDATE meetings SET org_id = $2, org_path = $3 WHERE org_id = $1 AND id % 2 = 0`, [a!.id, b!.id, b!.path]);
    const before = await keptTallies();
    const edited = await t.db.query(`UPDATE meetings SET minutes = coalesce(minutes, '') || '（已核）', version = version + 1 WHERE id % 3 = 1 RETURNING id`);
    expect(edited.length).toBeGreaterThan(100);
    expect(await keptTallies()).toEqual(before);
    await check(paths);

    // deletes: some meetings here and there (their attendance first), and every meeting a key had in a year
    const gone = await t.db.query<{ id: number }>(
      `SELECT m.id FROM meetings m WHERE m.id % 6 = 1
          AND NOT EXISTS (SELECT 1 FROM meeting_files f WHERE f.meeting_id = m.id) AND NOT EXISTS (SELECT 1 FROM meeting_sitins s WHERE s.meeting_id = m.id)
          AND NOT EXISTS (SELECT 1 FROM meeting_visits v WHERE v.meeting_id = m.id) AND NOT EXISTS (SELECT 1 FROM theme_day_filings f WHERE f.meeting_id = m.id)`,
    );
    const ids = gone.map((g) => g.id);
    await t.db.query(`DELETE FROM meeting_attendees WHERE meeting_id = ANY($1::bigint[])`, [ids]);
    await t.db.query(`DELETE FROM meetings WHERE id = ANY($1::bigint[])`, [ids]);
    const [whole] = await t.db.query<{ org_id: number; type_code: string }>(
      `SELECT m.org_id::int, m.type_code FROM meetings m
         LEFT JOIN meeting_attendees x ON x.meeting_id = m.id LEFT JOIN meeting_sitins s ON s.meeting_id = m.id LEFT JOIN meeting_files f ON f.meeting_id = m.id
        WHERE m.held_on >= make_date($1::int - 1, 1, 1) AND m.held_on < make_date($1::int, 1, 1) AND m.party_group_id IS NULL
        GROUP BY m.org_id, m.type_code HAVING count(x.meeting_id) + count(s.id) + count(f.id) = 0 ORDER BY m.org_id, m.type_code LIMIT 1`,
      [year],
    );
    const lastYearsRow = `SELECT count(*)::int AS n FROM meeting_tallies WHERE org_id = $1 AND type_code = $2 AND year = $3::int - 1 AND party_group_id = 0`;
    expect((await t.db.query<{ n: number }>(lastYearsRow, [whole!.org_id, whole!.type_code, year]))[0]!.n).toBe(1);
    const removed = await t.db.query(
      `DELETE FROM meetings WHERE org_id = $1 AND type_code = $2 AND held_on >= make_date($3::int - 1, 1, 1) AND held_on < make_date($3::int, 1, 1)
          AND party_group_id IS NULL RETURNING id`,
      [whole!.org_id, whole!.type_code, year],
    );
    expect(removed.length).toBeGreaterThan(0);
    expect((await t.db.query<{ n: number }>(lastYearsRow, [whole!.org_id, whole!.type_code, year]))[0]!.n).toBe(0);
    await check(paths);
  }, 300_000);

  it('read the tree as it is now: party groups set up and dissolved, orgs moved and closed', async () => {
    const yushe = await t.as('yushe');
    const yusheId = await orgId(t.db, '榆舍村');
    // a new group (it owes its 党小组会 from now on) and an old one dissolved (its meetings stay the branch's)
    const made = await yushe.post(`/api/orglife/units/${yusheId}/party-groups`, { name: '第九党小组' });
    expect(made.statusCode, made.body).toBe(201);
    const [old] = await t.db.query<{ id: number; version: number }>(
      `SELECT g.id, g.version FROM orgs g WHERE g.parent_id = $1 AND g.type = 'party_group' AND g.status = 'active' AND g.id <> $2
          AND EXISTS (SELECT 1 FROM meetings m WHERE m.party_group_id = g.id) ORDER BY g.id LIMIT 1`,
      [yusheId, (made.json() as PartyGroupView).id],
    );
    const dissolved = await yushe.del(`/api/orglife/party-groups/${old!.id}?version=${old!.version}`);
    expect(dissolved.statusCode, dissolved.body).toBe(204);
    // a village with groups and meetings moves to another station (its meetings keep the path they were recorded under)
    const [mover] = await t.db.query<{ id: number; version: number; parent_id: number; township: number }>(
      `SELECT v.id, v.version, v.parent_id, s.parent_id AS township FROM orgs v JOIN orgs s ON s.id = v.parent_id
        WHERE v.type = 'village' AND v.county_id = $1 AND v.id <> $2 AND s.type = 'station'
          AND EXISTS (SELECT 1 FROM orgs g WHERE g.parent_id = v.id AND g.type = 'party_group') ORDER BY v.id LIMIT 1`,
      [countyId, yusheId],
    );
    const [target] = await t.db.query<{ id: number }>(
      `SELECT id FROM orgs WHERE type = 'station' AND county_id = $1 AND id <> $2 AND parent_id <> $3 AND status = 'active' ORDER BY id LIMIT 1`,
      [countyId, mover!.parent_id, mover!.township],
    );
    const moved = await county.post(`/api/orgs/${mover!.id}/move`, { version: mover!.version, newParentId: target!.id });
    expect(moved.statusCode, moved.body).toBe(200);
    // a village closed (as the tree's status says: no longer a unit)
    const [closing] = await t.db.query<{ id: number }>(
      `SELECT v.id FROM orgs v WHERE v.type = 'village' AND v.county_id = $1 AND v.status = 'active' AND v.id NOT IN ($2, $3)
          AND EXISTS (SELECT 1 FROM meetings m WHERE m.org_id = v.id) ORDER BY v.id DESC LIMIT 1`,
      [countyId, yusheId, mover!.id],
    );
    await t.db.query(`UPDATE orgs SET status = 'closed', closed_at = now() WHERE id = $1`, [closing!.id]);
    // a meeting recorded at the moved village after the move carries its new path
    const [mv] = await t.db.query<{ path: string; county_id: number }>(`SELECT path, county_id FROM orgs WHERE id = $1`, [mover!.id]);
    await t.db.query(
      `INSERT INTO meetings (county_id, org_id, org_path, type_code, held_on, place, host, topic, expected_count, present_count)
       VALUES ($1, $2, $3, 'committee', $4::date, '村部', '书记', '迁入后第一次支委会', 5, 5)`,
      [mv!.county_id, mover!.id, mv!.path, today],
    );
    const more = await Promise.all([mover!.parent_id, target!.id, mover!.township, mover!.id].map(pathOf));
    await check([...paths, ...more]);

    // the route answers what counting the meetings answers, row by row and type by type (the county
    // and the township the village moved out of, last year and this year; the route splits the one
    // statement's rows into its roll-up and its types)
    const orgs = await orgsNow();
    const meetings = await meetingsNow();
    const township = await t.as('wuli');
    for (const [client, path, y, month] of [[county, paths[0]!, year - 1, 12], [county, paths[0]!, year, thisMonth], [township, paths[1]!, year, thisMonth]] as const) {
      const board = (await client.get(`/api/orglife/board?year=${y}&month=${month}`)).json() as BoardView;
      const want = countedBoard(orgs, meetings, path, y, month, ruleRows(DEFAULT_MEETING_TYPES, month));
      const rate = (p: number, e: number) => (e > 0 ? Math.round((p / e) * 1000) / 1000 : null);
      const tally = (r: Omit<repo.RollupRow, 'child'>) => ({ units: r.units, behind: r.behind, held: r.held, required: r.required, shortfall: r.shortfall, attendanceRate: rate(r.present, r.expected) });
      const sum = (k: 'units' | 'behind' | 'held' | 'required' | 'shortfall' | 'present' | 'expected') => want.rollup.reduce((n, r) => n + r[k], 0);
      expect(board.total).toEqual(tally({ units: sum('units'), behind: sum('behind'), held: sum('held'), required: sum('required'), shortfall: sum('shortfall'), present: sum('present'), expected: sum('expected') }));
      const ownId = board.org.id;
      expect(new Map(board.rows.map((r) => [r.org.id, { units: r.units, behind: r.behind, held: r.held, required: r.required, shortfall: r.shortfall, attendanceRate: r.attendanceRate }])))
        .toEqual(new Map(want.rollup.map((r) => [Number(r.child || ownId), tally(r)])));
      expect(board.rows.length).toBeGreaterThan(1);
      expect(board.types.map((x) => ({ code: x.code, held: x.held, required: x.required, shortfall: x.shortfall, bySecretary: x.bySecretary })))
        .toEqual(DEFAULT_MEETING_TYPES.filter((x) => x.perYear > 0).map((x) => {
          const w = want.types.find((r) => r.code === x.code);
          return {
            code: x.code, held: w?.held ?? 0, required: w?.required ?? 0, shortfall: w?.shortfall ?? 0,
            bySecretary: x.secretaryMin ? { held: w?.by_sec ?? 0, required: w?.sec_required ?? 0, shortfall: w?.sec_shortfall ?? 0, unitsBehind: w?.sec_behind ?? 0 } : undefined,
          };
        }));
    }
  }, 300_000);
});
