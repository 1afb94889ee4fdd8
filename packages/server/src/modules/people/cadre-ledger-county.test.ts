// 干部台账 of a whole county is read by county id (migration 470): the same posts, in the same
// order, with the same totals as through the county's path — filtered or not, paged, with posts
// that ended yesterday, end today, start today or start tomorrow, and a neighbouring county's posts
// that neither may show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CadreRow } from '@lianxin/contract';
import type { Queryable } from '../../db/db.js';
import type { Scope } from '../../core/access.js';
import { plusDays, todayInChina } from '../../core/calendar.js';
import { buildTestApp, type Client, type TestApp } from '../../test/helpers.js';
import { listCadres, cadresForExport, type CadreFilter } from './people.repository.js';

let t: TestApp;
let county: Client;
let scope: Scope;
const today = todayInChina();
const yesterday = plusDays(today, -1);
const tomorrow = plusDays(today, 1);
/** Post ids by what their dates make them. */
const posts: Record<'endedYesterday' | 'endsToday' | 'startsToday' | 'startsTomorrow' | 'otherCounty', number> = {} as never;

beforeAll(async () => {
  t = await buildTestApp();
  county = await t.as('county');
  const [c] = await t.db.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE type = 'county' ORDER BY id LIMIT 1`);
  scope = { orgId: c!.id, path: c!.path, countyId: c!.id };
  // posts of every date kind at a village of the county, held by people of the county
  const [v] = await t.db.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE county_id = $1 AND type = 'village' ORDER BY id LIMIT 1`, [c!.id]);
  const holders = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE county_id = $1 ORDER BY id LIMIT 4`, [c!.id]);
  const add = async (person: number, orgId: number, orgPath: string, countyId: number, role: string, start: string, end: string | null) =>
    (await t.db.query<{ id: number }>(
      `INSERT INTO posts (county_id, org_id, org_path, person_id, role, start_date, end_date, sent_from) VALUES ($1, $2, $3, $4, $5, $6, $7, '县委组织部') RETURNING id`,
      [countyId, orgId, orgPath, person, role, start, end],
    ))[0]!.id;
  posts.endedYesterday = await add(holders[0]!.id, v!.id, v!.path, c!.id, 'secretary', '2020-01-01', yesterday);
  posts.endsToday = await add(holders[1]!.id, v!.id, v!.path, c!.id, 'secretary', '2020-01-01', today);
  posts.startsToday = await add(holders[2]!.id, v!.id, v!.path, c!.id, 'committee_member', today, null);
  posts.startsTomorrow = await add(holders[3]!.id, v!.id, v!.path, c!.id, 'clerk', tomorrow, null);
  // a neighbouring county with a village, a person and a current post: outside the county either way
  const [other] = await t.db.query<{ id: number }>(`INSERT INTO orgs (county_id, parent_id, type, name, path, depth) VALUES (NULL, NULL, 'county', '邻县干部', '/tmp-cadres/', 0) RETURNING id`);
  await t.db.query(`UPDATE orgs SET path = $1, county_id = id WHERE id = $2`, [`/${other!.id}/`, other!.id]);
  const [ov] = await t.db.query<{ id: number }>(`INSERT INTO orgs (county_id, parent_id, type, name, path, depth) VALUES ($1, $1, 'village', '邻县干部村', '/tmp-cadres-v/', 1) RETURNING id`, [other!.id]);
  const ovPath = `/${other!.id}/${ov!.id}/`;
  await t.db.query(`UPDATE orgs SET path = $1 WHERE id = $2`, [ovPath, ov!.id]);
  const [op] = await t.db.query<{ id: number }>(
    `INSERT INTO persons (county_id, org_id, org_path, name, gender, member_status) VALUES ($1, $2, $3, '邻县书记', 'male', 'formal') RETURNING id`,
    [other!.id, ov!.id, ovPath],
  );
  posts.otherCounty = await add(op!.id, ov!.id, ovPath, other!.id, 'secretary', '2020-01-01', null);
});
afterAll(() => t.close());

const filters: CadreFilter[] = [
  {},
  { role: 'secretary' },
  { role: 'secretary', concurrent: true },
  { concurrent: false },
  { sentFrom: '组织部' },
  { education: 'bachelor' },
  { ageMin: 40 },
  { ageMax: 35 },
  { startFrom: yesterday },
  { startFrom: '2019-01-01', startTo: today },
  { civilService: false },
];
const pages: [number, number][] = [[1, 20], [2, 7], [3, 20], [1, 5000]];

describe('the cadre ledger of a whole county, read by county id', () => {
  it('gives exactly the rows and totals of the county path, filtered or not, on every page', async () => {
    const byCounty = { path: scope.path, countyRoot: scope.orgId };
    for (const f of filters) {
      for (const [page, size] of pages) {
        const viaPath = await listCadres(t.db, scope, scope.path, f, today, page, size);
        const viaCounty = await listCadres(t.db, scope, byCounty, f, today, page, size);
        expect(viaCounty.total, JSON.stringify(f)).toBe(viaPath.total);
        expect(viaCounty.rows, JSON.stringify({ f, page, size })).toEqual(viaPath.rows);
      }
      const exported = async (root: string | typeof byCounty) => {
        const ids: number[] = [];
        for await (const batch of cadresForExport(t.db, scope, root, f, today, 50)) ids.push(...batch.map((r) => r.post_id));
        return ids;
      };
      expect(await exported(byCounty)).toEqual(await exported(scope.path));
    }
    // the filters that matter select something, so the comparison is not of empty pages
    expect((await listCadres(t.db, scope, byCounty, {}, today, 1, 20)).rows).toHaveLength(20);
    expect((await listCadres(t.db, scope, byCounty, { role: 'secretary', concurrent: true }, today, 1, 20)).total).toBeGreaterThan(0);
  });

  it('holds posts current today (ending today, starting today), not ended or future ones, nor another county\'s', async () => {
    for (const root of [scope.path, { path: scope.path, countyRoot: scope.orgId }]) {
      const all = await listCadres(t.db, scope, root, {}, today, 1, 5000);
      expect(all.rows.length).toBe(all.total);
      const ids = all.rows.map((r) => r.post_id);
      expect(ids).toContain(posts.endsToday);
      expect(ids).toContain(posts.startsToday);
      expect(ids).not.toContain(posts.endedYesterday);
      expect(ids).not.toContain(posts.startsTomorrow);
      expect(ids).not.toContain(posts.otherCounty);
      // tomorrow the one ending today is gone and the one starting tomorrow is there
      const next = (await listCadres(t.db, scope, root, {}, tomorrow, 1, 5000)).rows.map((r) => r.post_id);
      expect(next).not.toContain(posts.endsToday);
      expect(next).toContain(posts.startsTomorrow);
    }
  });

  it('is how the county account\'s ledger reads (by county_id), and it answers as the path does', async () => {
    const seen: string[] = [];
    const spy: Queryable = {
      query: (sql, params) => {
        seen.push(typeof sql === 'string' ? sql : sql.text);
        return t.db.query(sql, params);
      },
      exec: (sql) => t.db.exec(sql),
    };
    await listCadres(spy, scope, { path: scope.path, countyRoot: scope.orgId }, {}, today, 1, 20);
    expect(seen.length).toBe(2);
    for (const sql of seen) expect(sql).toMatch(/po\.county_id = \$1/);
    const viaPath = await listCadres(t.db, scope, scope.path, {}, today, 1, 5000);
    const res = await county.get('/api/cadres?page=1&pageSize=200');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: CadreRow[]; total: number };
    expect(body.total).toBe(viaPath.total);
    expect(body.items.map((r) => r.postId)).toEqual(viaPath.rows.slice(0, 200).map((r) => r.post_id));
    // a township's ledger stays on its path
    const [town] = await t.db.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE county_id = $1 AND type = 'township' ORDER BY id LIMIT 1`, [scope.orgId]);
    const townRows = await listCadres(t.db, scope, town!.path, {}, today, 1, 200);
    const townApi = (await county.get(`/api/cadres?orgId=${town!.id}&page=1&pageSize=200`)).json() as { items: CadreRow[]; total: number };
    expect(townApi.total).toBe(townRows.total);
    expect(townApi.items.map((r) => r.postId)).toEqual(townRows.rows.map((r) => r.post_id));
  });
});
