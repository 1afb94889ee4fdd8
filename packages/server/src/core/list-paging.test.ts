// One list shape (issue 12): every list converted from a bare array pages in SQL. For each, with
// records made in the caller's township, a sibling township and another county: reading it page
// after page gives every row once (no overlap, no gap), the same total on every page, its own
// records, none of the sibling's or the other county's on any page, and nothing outside the scope.
// The lists' accounts, seeds and scope checks are the authorization matrix's (authorization.routes.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../test/helpers.js';
import { buildPlaces, make, useDb, type Place, type PlaceName, type Rec } from './authorization.fixtures.js';
import { bindRouteFixtures, ROUTES, type Demo } from './authorization.routes.js';
import { likePrefix } from './access.js';

/** The lists that answered a bare array (or a list without its paging fields) before issue 12. */
const PAGED = [
  'GET /api/whistles', 'GET /api/households', 'GET /api/visits', 'GET /api/directives/sent', 'GET /api/directives/following',
  'GET /api/directives/series', 'GET /api/inbox', 'GET /api/inspections', 'GET /api/bulletins', 'GET /api/accountability',
  'GET /api/orglife/filings', 'GET /api/orglife/consultations', 'GET /api/assessment/schemes',
] as const;
const OWN = 3;

type Page = { items: Record<string, unknown>[]; total: number; page: number; pageSize: number };

let t: TestApp;
let places: Record<PlaceName, Place>;
const clients = new Map<string, Client>();
const scopes = new Map<string, { path: string; countyId: number }>();
const seeds = new Map<string, { inside: Rec[]; sibling: Rec; other: Rec }>();

beforeAll(async () => {
  t = await buildTestApp();
  useDb(t.db);
  bindRouteFixtures(t.anonymous, (sql, params) => t.db.query(sql, params));
  for (const username of ['county', 'wuli', 'yushe.station', 'yushe', 'jiaotong', 'auditor', 'sysadmin', 'secadmin', 'auditadmin'] as Demo[]) {
    clients.set(username, await t.as(username));
    const [scope] = await t.db.query<{ path: string; county_id: number }>(`SELECT o.path, o.county_id FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.username = $1`, [username]);
    scopes.set(username, { path: scope!.path, countyId: scope!.county_id });
  }
  places = await buildPlaces(t, clients);
  for (const key of PAGED) {
    const f = ROUTES[key];
    if (!f || f.kind !== 'list' || !f.seed || seeds.has(f.seed)) continue;
    const maker = make[f.seed] as (p: Place) => Promise<Rec>;
    const inside: Rec[] = [];
    for (let i = 0; i < OWN; i++) inside.push(await maker(places.inside));
    seeds.set(f.seed, { inside, sibling: await maker(places.sibling), other: await maker(places.other) });
  }
}, 600_000);
afterAll(() => t.close());

/** The list's query (from the matrix) with page and pageSize set. */
function url(path: string, query: string | undefined, page: number, pageSize: number) {
  const q = new URLSearchParams((query ?? '').replace(/^\?/, ''));
  q.set('page', String(page));
  q.set('pageSize', String(pageSize));
  return `${path}?${q}`;
}

function named(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const order: string[] = [];
  const text = sql.replace(/(?<!:):([a-z]+)\b/g, (_m, name: string) => {
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return [text, order.map((n) => values[n])];
}

describe('every converted list pages in SQL, inside the caller\'s scope on every page', () => {
  it.each(PAGED)('%s', async (key) => {
    const f = ROUTES[key];
    if (!f || f.kind !== 'list' || !f.seed) throw new Error(`${key} is not a seeded list in the matrix`);
    const path = key.slice('GET '.length);
    const client = clients.get(f.as)!;
    const get = async (page: number, pageSize: number) => {
      const res = await client.get(url(path, typeof f.query === 'function' ? undefined : f.query, page, pageSize));
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      return res.json() as Page;
    };

    const whole = await get(1, 200);
    const total = whole.total;
    expect(total).toBeGreaterThanOrEqual(OWN);
    expect(whole.items).toHaveLength(Math.min(total, 200));
    // three or more pages of a third each: page after page, every row once
    const size = Math.min(200, Math.ceil(total / 3));
    const seen: number[] = [];
    let pages = 0;
    for (let page = 1; (page - 1) * size < total; page++) {
      const p = await get(page, size);
      pages++;
      expect(p).toMatchObject({ total, page, pageSize: size });
      expect(p.items.length).toBe(Math.min(size, total - (page - 1) * size));
      seen.push(...f.ids(p));
    }
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(seen.length); // no overlap between pages
    expect(seen).toHaveLength(total); // and no gap
    // the pages read one after the other are the whole list in its order (stable order)
    if (total <= 200) expect(seen).toEqual(f.ids(whole));
    // a page past the end is empty and still says how many there are
    expect(await get(Math.ceil(total / size) + 1, size)).toEqual({ ...emptyPage(whole), total, page: Math.ceil(total / size) + 1, pageSize: size });

    // scope: its own records are listed; the sibling township's and the other county's on no page
    const seed = seeds.get(f.seed!)!;
    const idOf = (r: Rec) => (f.seedId ? f.seedId(r) : Number(r.id));
    expect(seen).toEqual(expect.arrayContaining(seed.inside.map(idOf)));
    if (!f.siblingVisible) expect(seen).not.toContain(idOf(seed.sibling));
    expect(seen).not.toContain(idOf(seed.other));
    const scope = scopes.get(f.as)!;
    const outside = await t.db.query<{ id: number }>(...named(f.visible, { ids: seen, prefix: likePrefix(scope.path), path: scope.path, county: scope.countyId }));
    expect(outside).toEqual([]);
  }, 120_000);
});

/** A page with no rows, keeping the list's own extra fields (the visit diary's counts). */
function emptyPage(whole: Page): Page {
  return { ...whole, items: [] };
}
