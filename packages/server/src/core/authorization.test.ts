// The authorization matrix: every route of the OpenAPI document, as every demo role, inside and
// outside its scope. A route without a declared policy fails here (and cannot even register).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_ACTIONS, type Action, type Role } from '@lianxin/contract';
import { buildTestApp, type Client, type TestApp } from '../test/helpers.js';

const DEMO: Record<string, Role> = {
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

type Route = { method: string; path: string; policy: string | undefined };

let t: TestApp;
let routes: Route[];
const clients = new Map<string, Client>();
/** Per account: ids of records inside its scope and in another county. */
const ids = new Map<string, { inside: Record<string, number>; outside: Record<string, number> }>();

beforeAll(async () => {
  t = await buildTestApp();
  // another county with a village, a person, a post and an account: outside every demo scope
  const other = await t.db.transaction(async (tx) => {
    const [c] = await tx.query<{ id: number }>(
      `INSERT INTO orgs (county_id, parent_id, type, name, path, depth) VALUES (NULL, NULL, 'county', '邻县县委', '/tmp/', 0) RETURNING id`,
    );
    await tx.query(`UPDATE orgs SET county_id = id, path = '/' || id || '/' WHERE id = $1`, [c!.id]);
    const [v] = await tx.query<{ id: number }>(
      `INSERT INTO orgs (county_id, parent_id, type, name, path, depth) VALUES ($1, $1, 'village', '邻县某村', '/tmp2/', 1) RETURNING id`,
      [c!.id],
    );
    const path = `/${c!.id}/${v!.id}/`;
    await tx.query(`UPDATE orgs SET path = $1 WHERE id = $2`, [path, v!.id]);
    const [p] = await tx.query<{ id: number }>(
      `INSERT INTO persons (county_id, org_id, org_path, name, gender) VALUES ($1, $2, $3, '邻县某人', 'male') RETURNING id`,
      [c!.id, v!.id, path],
    );
    const [post] = await tx.query<{ id: number }>(
      `INSERT INTO posts (county_id, org_id, org_path, person_id, role, start_date) VALUES ($1, $2, $3, $4, 'secretary', '2024-01-01') RETURNING id`,
      [c!.id, v!.id, path, p!.id],
    );
    const [a] = await tx.query<{ id: number }>(
      `INSERT INTO accounts (username, display_name, password_hash, roles, scope_org_id) VALUES ('neighbour', '邻县', 'x', '{county_admin}', $1) RETURNING id`,
      [c!.id],
    );
    const [problem] = await tx.query<{ id: number }>(
      `INSERT INTO cases (county_id, case_type, org_id, org_path, status, title) VALUES ($1, 'problem', $2, $3, 'registered', '邻县问题') RETURNING id`,
      [c!.id, v!.id, path],
    );
    await tx.query(
      `INSERT INTO problems (case_id, county_id, source, category, description, responsible_org_id) VALUES ($1, $2, 'other', '作风建设', '邻县问题', $3)`,
      [problem!.id, c!.id, v!.id],
    );
    return { org: v!.id, person: p!.id, post: post!.id, account: a!.id, problem: problem!.id };
  });
  // a problem in 榆舍村: inside the county, 五里镇, 榆舍站 and 榆舍村 scopes
  const wuli = await t.as('wuli');
  const [yushe] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE name = '榆舍村'`);
  const registered = await wuli.post('/api/ledger/problems', {
    orgId: yushe!.id, source: 'other', category: '作风建设', description: '授权测试问题', deadline: '2099-12-31',
  });
  const problemId = registered.json().id as number;

  for (const username of Object.keys(DEMO)) {
    clients.set(username, await t.as(username));
    const [scope] = await t.db.query<{ id: number; path: string }>(
      `SELECT o.id, o.path FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.username = $1`,
      [username],
    );
    const first = async (sql: string) => (await t.db.query<{ id: number }>(sql, [`${scope!.path}%`]))[0]?.id ?? 0;
    ids.set(username, {
      inside: {
        orgs: scope!.id,
        people: await first(`SELECT id FROM persons WHERE org_path LIKE $1 ORDER BY id LIMIT 1`),
        posts: await first(`SELECT id FROM posts WHERE org_path LIKE $1 ORDER BY id LIMIT 1`),
        accounts: await first(`SELECT a.id FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE o.path LIKE $1 ORDER BY a.id LIMIT 1`),
        ledger: (await first(`SELECT id FROM cases WHERE id = ${problemId} AND org_path LIKE $1`)),
      },
      outside: { orgs: other.org, people: other.person, posts: other.post, accounts: other.account, ledger: other.problem },
    });
  }
  const doc = (await t.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, { 'x-policy'?: string }>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, policy: op['x-policy'] })),
  );
});
afterAll(() => t.close());

const resourceOf = (path: string) => path.split('/')[2] ?? '';
const concrete = (path: string, id: number) => path.replace('{id}', String(id));
// Routes whose side effects would spoil the rest of the matrix when called with a valid request.
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/auth/login']);

describe('authorization matrix', () => {
  it('has a declared policy on every route of the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(15);
    const undeclared = routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 to an anonymous caller on every non-public route', async () => {
    for (const r of routes) {
      if (r.policy === 'public') continue;
      const res = await t.anonymous.request(r.method as never, concrete(r.path, 1), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      expect(res.statusCode, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it('answers 403 to a role without the action, and never 403/5xx to one with it', async () => {
    for (const [username, role] of Object.entries(DEMO)) {
      const c = clients.get(username)!;
      for (const r of routes) {
        if (r.policy === 'public' || SKIP.has(`${r.method} ${r.path}`)) continue;
        const allowed = r.policy === 'authenticated' || ROLE_ACTIONS[role].includes(r.policy as Action);
        const id = ids.get(username)!.inside[resourceOf(r.path)] || 1;
        const res = await c.request(r.method as never, concrete(r.path, id), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
        const label = `${username} ${r.method} ${r.path} → ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (!allowed) expect(res.statusCode, label).toBe(403);
        else {
          expect(res.statusCode, label).not.toBe(403);
          expect(res.statusCode, label).toBeLessThan(500);
        }
      }
    }
  });

  it('answers a record inside the scope and 404 outside it, on every detail route', async () => {
    const detailRoutes = routes.filter((r) => r.method === 'GET' && r.path.includes('{id}') && r.path.split('{').length === 2 && !r.path.startsWith('/api/public/'));
    expect(detailRoutes.length).toBeGreaterThanOrEqual(2);
    for (const [username, role] of Object.entries(DEMO)) {
      const c = clients.get(username)!;
      for (const r of detailRoutes) {
        if (!ROLE_ACTIONS[role].includes(r.policy as Action)) continue;
        const resource = resourceOf(r.path);
        const own = ids.get(username)!.inside[resource];
        const foreign = ids.get(username)!.outside[resource];
        if (!own || !foreign) continue;
        expect((await c.get(concrete(r.path, own))).statusCode, `${username} own ${r.path}`).toBe(200);
        expect((await c.get(concrete(r.path, foreign))).statusCode, `${username} foreign ${r.path}`).toBe(404);
      }
    }
  });

  it('keeps a sibling township, a parent and another county out of reach for writes', async () => {
    const wuli = clients.get('wuli')!;
    const yushe = clients.get('yushe')!;
    const [peng] = await t.db.query<{ id: number; version: number }>(`SELECT id, version FROM orgs WHERE name = '彭镇'`);
    const [county] = await t.db.query<{ id: number; version: number }>(`SELECT id, version FROM orgs WHERE name = '中共宜君县委员会'`);
    expect((await wuli.patch(`/api/orgs/${peng!.id}`, { version: peng!.version, name: 'x' })).statusCode).toBe(404);
    expect((await wuli.patch(`/api/orgs/${county!.id}`, { version: county!.version, name: 'x' })).statusCode).toBe(404);
    const outside = ids.get('yushe')!.outside;
    expect((await yushe.patch(`/api/people/${outside.people}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    const [pengPerson] = await t.db.query<{ id: number; version: number }>(`SELECT p.id, p.version FROM persons p JOIN orgs o ON o.id = p.org_id WHERE o.name = '彭镇村' LIMIT 1`);
    expect((await yushe.patch(`/api/people/${pengPerson!.id}`, { version: pengPerson!.version, name: 'x' })).statusCode).toBe(404);
    expect((await clients.get('secadmin')!.patch(`/api/accounts/${outside.accounts}`, { unlock: true })).statusCode).toBe(404);
  });
});

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
