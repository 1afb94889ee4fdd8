// The authorization matrix: every route of the OpenAPI document, as every demo role, inside its
// scope, in the sibling township of the same county (彭镇 beside 五里镇) and in another county.
// Every route needs an entry in the fixture table (authorization.routes.ts): a route without one
// fails here, so a new route cannot be added without saying how its scope is proved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_ACTIONS, type Action, type Role } from '@lianxin/contract';
import { buildTestApp, type Client, type TestApp } from '../test/helpers.js';
import { buildPlaces, upload, useDb, type Place, type PlaceName, type Rec } from './authorization.fixtures.js';
import { bindRouteFixtures, PATH_PARAM_OF, ROUTES, type Demo, type RouteFixture } from './authorization.routes.js';
import { likePrefix } from './access.js';

const DEMO: Record<Demo, Role> = {
  county: 'county_admin',
  wuli: 'township_admin',
  'yushe.station': 'station_admin',
  yushe: 'village_admin',
  jiaotong: 'department_admin',
  auditor: 'auditor',
  sysadmin: 'sys_admin',
  secadmin: 'sec_admin',
  auditadmin: 'audit_admin',
};
const DEMOS = Object.keys(DEMO) as Demo[];
type Route = { method: string; path: string; policy: string | undefined; key: string };

let t: TestApp;
let routes: Route[];
let places: Record<PlaceName, Place>;
const clients = new Map<string, Client>();
/** Each demo account's scope path and county. */
const scopes = new Map<string, { path: string; countyId: number }>();
/** Seed records made in every place before the lists are read, by maker name. */
const seeds = new Map<string, Record<PlaceName, Rec>>();
const PLACES: PlaceName[] = ['inside', 'sibling', 'other'];

beforeAll(async () => {
  t = await buildTestApp();
  useDb(t.db);
  bindRouteFixtures(t.anonymous, (sql, params) => t.db.query(sql, params));
  for (const username of DEMOS) {
    clients.set(username, await t.as(username));
    const [scope] = await t.db.query<{ path: string; county_id: number }>(
      `SELECT o.path, o.county_id FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.username = $1`,
      [username],
    );
    scopes.set(username, { path: scope!.path, countyId: scope!.county_id });
  }
  places = await buildPlaces(t, clients);
  for (const p of PLACES) orgPaths.set(p, (await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE id = ANY($1)`, [Object.values(places[p].org)])).map((o) => o.path));
  for (const f of Object.values(ROUTES)) {
    if (f.kind !== 'list' || !f.seed || seeds.has(f.seed)) continue;
    const { make } = await import('./authorization.fixtures.js');
    const maker = make[f.seed] as (p: Place) => Promise<Rec>;
    seeds.set(f.seed, { inside: await maker(places.inside), sibling: await maker(places.sibling), other: await maker(places.other) });
  }
  const doc = (await t.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, { 'x-policy'?: string }>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, policy: op['x-policy'], key: `${method.toUpperCase()} ${path}` })),
  );
}, 600_000);
afterAll(() => t.close());

const fixtureOf = (r: Route) => ROUTES[r.key]!;
/** Whether the service lets the role act on the route at all (a record fixture's `only`; others answer 403). */
const narrowedTo = (username: Demo, r: Route) => {
  const f = ROUTES[r.key];
  return !(f?.kind === 'record' && f.only && !f.only.includes(username));
};
const mayCall = (username: Demo, r: Route) => r.policy === 'authenticated' || ROLE_ACTIONS[DEMO[username]].includes(r.policy as Action);
/** Whether the account's scope reaches any org of the place (a county account reaches the sibling township). */
const reaches = (username: Demo, p: Place) => orgPaths.get(p.name)!.some((path) => path.startsWith(scopes.get(username)!.path));
const orgPaths = new Map<PlaceName, string[]>();

/** The concrete URL of a route for a record. */
function urlOf(r: Route, rec: Rec, f: RouteFixture & { kind: 'record' }) {
  const idOf = Object.entries(PATH_PARAM_OF).find(([prefix]) => r.path.startsWith(prefix))?.[1];
  let url = r.path.replace('{id}', String(idOf ? idOf(rec) : rec.id));
  for (const [k, val] of Object.entries({ ...rec, ...(f.params ?? {}) })) url = url.replace(`{${k}}`, String(val));
  if (url.includes('{')) throw new Error(`${r.key}: no value for a path parameter in ${url}`);
  return url + (f.query ? f.query(rec) : '');
}
const noBody = (m: string) => m === 'GET' || m === 'DELETE';

async function call(c: Client, r: Route, url: string, body: unknown, isUpload?: boolean) {
  if (isUpload) return upload(c, url);
  return c.request(r.method as never, url, noBody(r.method) ? undefined : (body ?? {}));
}

describe('authorization matrix', () => {
  it('has a fixture for every route of the OpenAPI document, and none for a route that is gone', async () => {
    expect(routes.length).toBeGreaterThan(100);
    const missing = routes.filter((r) => !ROUTES[r.key]).map((r) => r.key);
    expect(missing, 'routes without an entry in authorization.routes.ts').toEqual([]);
    const known = new Set(routes.map((r) => r.key));
    expect(Object.keys(ROUTES).filter((k) => !known.has(k)), 'fixtures for routes that no longer exist').toEqual([]);
    const publicMismatch = routes.filter((r) => (r.policy === 'public') !== (fixtureOf(r).kind === 'public')).map((r) => r.key);
    expect(publicMismatch, 'a public fixture must be a public route and back').toEqual([]);
  });

  it('has a declared policy on every route of the OpenAPI document', () => {
    const undeclared = routes.filter((r) => !r.policy).map((r) => r.key);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 to an anonymous caller on every non-public route', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      if (r.policy === 'public') continue;
      const res = await t.anonymous.request(r.method as never, r.path.replace(/\{[a-zA-Z]+\}/g, '1'), noBody(r.method) ? undefined : {});
      if (res.statusCode !== 401) wrong.push(`${r.key} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to every demo role without the action, and never 403/5xx to one with it', async () => {
    const wrong: string[] = [];
    for (const username of DEMOS) {
      const c = clients.get(username)!;
      for (const r of routes) {
        if (r.policy === 'public' || r.key === 'POST /api/auth/logout') continue;
        const res = await c.request(r.method as never, r.path.replace(/\{[a-zA-Z]+\}/g, '1'), noBody(r.method) ? undefined : {});
        const allowed = mayCall(username, r);
        if (allowed && !narrowedTo(username, r)) continue; // checked with a valid body on a record inside (the record routes' test)
        if (!allowed && res.statusCode !== 403) wrong.push(`${username} ${r.key} → ${res.statusCode}, expected 403`);
        if (allowed && (res.statusCode === 403 || res.statusCode >= 500)) wrong.push(`${username} ${r.key} → ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 404 for a record in the sibling township and in another county on every record route, for every role that may call it; and 2xx inside with the same body', async () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const r of routes) {
      const f = fixtureOf(r);
      if (f.kind !== 'record') continue;
      for (const place of ['sibling', 'other'] as const) {
        const rec = await f.make(places[place]);
        const body = f.body ? await f.body(rec, places[place]) : undefined;
        for (const username of DEMOS) {
          if (!mayCall(username, r) || !narrowedTo(username, r) || (!f.owned && reaches(username, places[place]))) continue;
          const res = await call(clients.get(username)!, r, urlOf(r, rec, f), body, f.upload);
          tried++;
          if (res.statusCode !== 404) wrong.push(`${username} ${r.key} on a ${place} record → ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
      }
      for (const username of DEMOS) {
        if (!mayCall(username, r) || narrowedTo(username, r)) continue;
        const rec = await f.make(places.inside);
        const res = await call(clients.get(username)!, r, urlOf(r, rec, f), f.body ? await f.body(rec, places.inside) : undefined, f.upload);
        tried++;
        if (res.statusCode !== 403) wrong.push(`${username} ${r.key} inside (the service narrows it to ${f.only!.join(', ')}) → ${res.statusCode}, expected 403: ${res.body.slice(0, 120)}`);
      }
      const rec = await f.make(places.inside);
      const res = await call(clients.get(f.as)!, r, urlOf(r, rec, f), f.body ? await f.body(rec, places.inside) : undefined, f.upload);
      if (res.statusCode !== f.ok) wrong.push(`${f.as} ${r.key} inside → ${res.statusCode}, expected ${f.ok}: ${res.body.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
    expect(tried).toBeGreaterThan(200);
  }, 180_000); // every record route × every role × three places: over a minute on a busy 2-core machine

  it('refuses a create naming an org or record of the sibling township or another county, and creates inside', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const f = fixtureOf(r);
      if (f.kind !== 'create') continue;
      const c = clients.get(f.as)!;
      for (const place of ['sibling', 'other'] as const) {
        if (reaches(f.as, places[place])) continue;
        const res = await call(c, r, r.path, await f.body(places[place]), f.upload);
        if (res.statusCode !== 404 && res.statusCode !== 400) wrong.push(`${f.as} ${r.key} naming a ${place} org → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
      // the county account reaches the sibling township but not the other county
      if (mayCall('county', r) && !reaches('county', places.other)) {
        const res = await call(clients.get('county')!, r, r.path, await f.body(places.other), f.upload);
        if (res.statusCode !== 404 && res.statusCode !== 400) wrong.push(`county ${r.key} naming another county's org → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
      const res = await call(c, r, r.path, await f.body(places.inside), f.upload);
      if (res.statusCode !== f.ok) wrong.push(`${f.as} ${r.key} inside → ${res.statusCode}, expected ${f.ok}: ${res.body.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lists only records inside the caller\'s scope on every list route, for every role that may call it', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const f = fixtureOf(r);
      if (f.kind !== 'list') continue;
      const seed = f.seed ? seeds.get(f.seed)! : undefined;
      const seedId = (p: PlaceName) => (f.seedId ? f.seedId(seed![p]) : Number(seed![p].id));
      for (const username of DEMOS) {
        if (!mayCall(username, r)) continue;
        const res = await clients.get(username)!.get(r.path + (typeof f.query === 'function' ? f.query(seed!.inside) : (f.query ?? '')));
        if (res.statusCode !== 200) {
          wrong.push(`${username} ${r.key} → ${res.statusCode} ${res.body.slice(0, 120)}`);
          continue;
        }
        const listed = f.ids(res.json());
        const scope = scopes.get(username)!;
        const outside = await t.db.query<{ id: number }>(...named(f.visible, { ids: listed, prefix: likePrefix(scope.path), path: scope.path, county: scope.countyId }));
        if (outside.length) wrong.push(`${username} ${r.key} lists ${outside.length} record(s) outside its scope: ${outside.slice(0, 5).map((o) => o.id).join(', ')}`);
        if (!seed) continue;
        if (listed.includes(seedId('other'))) wrong.push(`${username} ${r.key} lists another county's record ${seedId('other')}`);
        if (!f.siblingVisible && !reaches(username, places.sibling) && listed.includes(seedId('sibling'))) wrong.push(`${username} ${r.key} lists the sibling township's record ${seedId('sibling')}`);
        if (username === f.as && !listed.includes(seedId('inside'))) wrong.push(`${username} ${r.key} does not list its own record ${seedId('inside')} (the check above would pass on an empty list)`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('counts only records inside the caller\'s scope on every summary route', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const f = fixtureOf(r);
      if (f.kind !== 'summary') continue;
      const scope = scopes.get(f.as)!;
      const res = await clients.get(f.as)!.get(r.path + (f.query ? f.query(places.inside) : ''));
      if (res.statusCode !== 200) {
        wrong.push(`${f.as} ${r.key} → ${res.statusCode}`);
        continue;
      }
      const [expected] = await t.db.query<{ n: number }>(...named(f.expected, { prefix: likePrefix(scope.path), path: scope.path, county: scope.countyId }));
      const figure = f.figure(res.json());
      if (figure !== expected!.n) wrong.push(`${f.as} ${r.key}: ${figure}, the scope holds ${expected!.n}`);
      if (figure === 0) wrong.push(`${f.as} ${r.key}: 0 (the fixture proves nothing)`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers files and self routes only to the roles allowed them', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const f = fixtureOf(r);
      if (f.kind !== 'file' || r.method !== 'GET') continue;
      for (const username of DEMOS) {
        if (!mayCall(username, r)) continue;
        const res = await clients.get(username)!.get(r.path + (f.query ?? ''));
        if (res.statusCode !== 200) wrong.push(`${username} ${r.key} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps a sibling township, a parent and another county out of reach for writes', async () => {
    const wuli = clients.get('wuli')!;
    const [peng] = await t.db.query<{ id: number; version: number }>(`SELECT id, version FROM orgs WHERE name = '彭镇'`);
    const [county] = await t.db.query<{ id: number; version: number }>(`SELECT id, version FROM orgs WHERE name = '中共宜君县委员会'`);
    expect((await wuli.patch(`/api/orgs/${peng!.id}`, { version: peng!.version, name: 'x' })).statusCode).toBe(404);
    expect((await wuli.patch(`/api/orgs/${county!.id}`, { version: county!.version, name: 'x' })).statusCode).toBe(404);
  });
});

/** Turns `:name` placeholders into positional parameters (each check names only what it uses). */
function named(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const order: string[] = [];
  const text = sql.replace(/(?<!:):([a-z]+)\b/g, (_m, name: string) => {
    if (!(name in values)) throw new Error(`no value for :${name}`);
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return [text, order.map((n) => values[n])];
}

describe('three separate administrators (三员分立)', () => {
  it('refuses an account holding two administrator roles, in the service and in the database', async () => {
    const sys = clients.get('sysadmin')!;
    const [county] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE type = 'county' AND name = '中共宜君县委员会'`);
    const res = await sys.post('/api/accounts', { username: 'two.hats', displayName: '两顶帽子', password: 'Two-Hats#2026x', roles: ['sys_admin', 'audit_admin'], scopeOrgId: county!.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('三员分立');
    await expect(
      t.db.query(`INSERT INTO accounts (username, display_name, password_hash, roles, scope_org_id) VALUES ('x.y', 'x', 'x', '{sec_admin,sys_admin}', $1)`, [county!.id]),
    ).rejects.toThrow();
  });

  it('lets only the audit roles read the audit log', async () => {
    for (const [username, role] of Object.entries(DEMO)) {
      const res = await clients.get(username)!.get('/api/audit');
      expect(res.statusCode, username).toBe(['auditor', 'audit_admin'].includes(role) ? 200 : 403);
    }
  });

  it('the system administrator creates accounts (must change password); the security administrator grants and unlocks', async () => {
    const [village] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE name = '榆舍村'`);
    const created = await clients.get('sysadmin')!.post('/api/accounts', { username: 'yushe.clerk', displayName: '榆舍村文书', password: 'Clerk-Account#2026', roles: ['village_admin'], scopeOrgId: village!.id });
    expect(created.statusCode).toBe(201);
    const me = (await (await t.as('yushe.clerk', 'Clerk-Account#2026')).get('/api/auth/me')).json();
    expect(me.mustChangePassword).toBe(true);
    expect((await clients.get('sysadmin')!.patch(`/api/accounts/${created.json().id}`, { roles: ['county_admin'] })).statusCode).toBe(403);
    expect((await clients.get('secadmin')!.patch(`/api/accounts/${created.json().id}`, { status: 'disabled' })).statusCode).toBe(204);
    const login = await t.anonymous.post('/api/auth/login', { username: 'yushe.clerk', password: 'Clerk-Account#2026' });
    expect(login.statusCode).toBe(401); // a disabled account does not confirm its password
    expect(login.json().message).toBe('用户名或密码错误');
  });
});
