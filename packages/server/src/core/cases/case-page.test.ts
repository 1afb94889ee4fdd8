// A case list's pages (core/cases/case-page.ts) are the plain definition — the filter's cases, newest
// first, ties impossible (ids) — whichever way the page's ids are found: walked along the key (the
// tree's root, a county by its id) or read from the scope's subtree and sorted (a station, a
// township). Requests and problems are made at units inside and outside each scope, interleaved, so
// a page cut in another order, or from another unit's cases, differs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plusDays, todayInChina } from '../calendar.js';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { likePrefix } from '../access.js';
import { casePage, pageOrderFor } from './case-page.js';
import { prepared } from '../../db/db.js';

let t: TestApp;
let county: Client;
const clients: Record<string, Client> = {};
const paths: Record<string, string> = {};
const today = todayInChina();

// inside 榆舍站 (the station and two of its villages), its sibling station 五里 (same township), another township's village
const UNITS = ['榆舍党建工作站', '榆舍村', '尧头村', '五里村', '彭镇村', '五里党建工作站'] as const;

beforeAll(async () => {
  t = await buildTestApp();
  county = await t.as('county');
  clients.station = await t.as('yushe.station');
  clients.township = await t.as('wuli');
  clients.county = county;
  for (const [who, username] of [['station', 'yushe.station'], ['township', 'wuli'], ['county', 'county']] as const) {
    paths[who] = (await t.db.query<{ path: string }>(`SELECT o.path FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.username = $1`, [username]))[0]!.path;
  }
  const ids: Record<string, number> = {};
  for (const name of UNITS) ids[name] = await orgId(t.db, name);
  // three rounds over the units: every scope's cases are spread between other units' ids
  for (let round = 0; round < 3; round++) {
    for (const name of UNITS) {
      const r = await county.post('/api/requests', { orgId: ids[name], channel: 'visit', category: 'errand', citizenName: `群众${round}`, matter: `第 ${round} 轮：${name}的路灯` });
      expect(r.statusCode, r.body).toBe(201);
      const p = await county.post('/api/ledger/problems', {
        orgId: ids[name], source: 'station_inspection', category: '基层组织建设', description: `第 ${round} 轮：${name}的制度未上墙`, deadline: plusDays(today, 30),
      });
      expect(p.statusCode, p.body).toBe(201);
    }
  }
});
afterAll(() => t.close());

/** The definition: the scope's cases of a type, newest first. */
const expected = async (type: string, path: string) =>
  (await t.db.query<{ id: number }>(`SELECT id FROM cases WHERE case_type = $1 AND org_path LIKE $2 ORDER BY id DESC`, [type, likePrefix(path)])).map((r) => Number(r.id));

/** Every page of a list route, 4 at a time: the ids in the order shown, and the total each page reported. */
async function pages(client: Client, route: string) {
  const shown: number[] = [];
  const totals = new Set<number>();
  for (let page = 1; page < 20; page++) {
    const res = await client.get(`${route}?page=${page}&pageSize=4`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { id: number }[]; total: number };
    totals.add(body.total);
    shown.push(...body.items.map((i) => i.id));
    if (body.items.length < 4) break;
  }
  return { shown, totals: [...totals] };
}

describe('a case list pages newest first, whoever reads it', () => {
  for (const who of ['station', 'township', 'county'] as const) {
    it(`the ${who}'s request queue and problem ledger: each page the next ids of its own cases, the same total on every page`, async () => {
      for (const [route, type] of [['/api/requests', 'request'], ['/api/ledger/problems', 'problem']] as const) {
        const want = await expected(type, paths[who]!);
        expect(want.length).toBeGreaterThanOrEqual(who === 'station' ? 9 : 15);
        const got = await pages(clients[who]!, route);
        expect(got.shown, `${who} ${route}`).toEqual(want);
        expect(got.totals).toEqual([want.length]);
      }
    });
  }

  it('the two ways of finding a page agree with each other on the same filter, page by page (a station and a township are read from their subtree, the root walks the key)', async () => {
    expect(pageOrderFor(paths.station!)).toBe('subtree');
    expect(pageOrderFor(paths.township!)).toBe('subtree');
    expect(pageOrderFor('/1/')).toBe('walk');
    const rowsById = prepared(`SELECT id FROM cases WHERE id = ANY($1::bigint[]) ORDER BY id DESC`);
    for (const path of [paths.station!, paths.township!, paths.county!]) {
      const from = `FROM cases c WHERE c.case_type = 'request' AND c.org_path LIKE $1`;
      const want = await expected('request', path);
      for (let page = 1; page <= Math.ceil(want.length / 4); page++) {
        const walk = await casePage<{ id: number }>(t.db, from, [likePrefix(path)], page, 4, rowsById, 'walk');
        const subtree = await casePage<{ id: number }>(t.db, from, [likePrefix(path)], page, 4, rowsById, 'subtree');
        expect(subtree.rows.map((r) => Number(r.id))).toEqual(want.slice((page - 1) * 4, page * 4));
        expect(walk.rows.map((r) => Number(r.id))).toEqual(want.slice((page - 1) * 4, page * 4));
        expect([walk.total, subtree.total]).toEqual([want.length, want.length]);
      }
    }
  });
});
