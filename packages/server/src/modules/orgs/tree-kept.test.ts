// GET /api/orgs/tree's kept answer (migration 500, docs/decisions.md "The org tree's answer kept per
// generation"): the same bytes as building it, whoever asks; after any committed change to what the
// tree reads (orgs, posts, the member counts) the next answer is the new tree; without a table's
// triggers a change to it would be served stale; ETag and 304; and on PostgreSQL, a write that
// commits while an answer is being built is never kept under the generation it missed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { OrgTree } from '@lianxin/contract';
import { buildApp } from '../../app.js';
import type { Db, Queryable } from '../../db/db.js';
import { buildTestApp, orgId, testPii, TEST_DEMO_PASSWORD, type Client, type TestApp } from '../../test/helpers.js';

let t: TestApp;
let county: Client;
/** The same app on the same database keeping nothing: every answer built as before migration 500. */
let reference: FastifyInstance;
let referenceCookie: string;

beforeAll(async () => {
  t = await buildTestApp();
  county = await t.as('county');
  reference = await buildApp({ db: t.db, pii: testPii, logger: false, loginRateLimit: 10_000, treeCacheBytes: 0 });
  await reference.ready();
  const login = await reference.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'county', password: TEST_DEMO_PASSWORD } });
  const setCookie = login.headers['set-cookie'];
  referenceCookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(';')[0]!;
});
afterAll(async () => {
  await reference.close();
  await t.close();
});

const built = async (url = '/api/orgs/tree') => (await reference.inject({ method: 'GET', url, headers: { cookie: referenceCookie } })).body;
const served = async (url = '/api/orgs/tree') => {
  const res = await county.get(url);
  expect(res.statusCode).toBe(200);
  return res.body;
};

/** Two answers' bytes equal (a failure says so without printing 130 KB). */
function same(a: string, b: string, what = 'answers') {
  expect(a === b, `${what} differ (${a.length} and ${b.length} characters)`).toBe(true);
}
function differ(a: string, b: string, what = 'answers') {
  expect(a !== b, `${what} are the same (${a.length} characters)`).toBe(true);
}

/** Asks twice (the second from the kept answer), checks both against building it. */
async function servedTwiceAsBuilt(url = '/api/orgs/tree') {
  const first = await served(url);
  const second = await served(url);
  same(second, first, 'the kept answer and the first');
  same(first, await built(url), 'the served and the built answer');
  return first;
}

describe('the kept answer', () => {
  it('is the bytes the route builds, with the same headers, and the same for every account that may read the root', async () => {
    const a = await county.get('/api/orgs/tree');
    const b = await reference.inject({ method: 'GET', url: '/api/orgs/tree', headers: { cookie: referenceCookie } });
    expect(a.rawPayload.equals(b.rawPayload)).toBe(true);
    expect(a.headers['content-type']).toBe(b.headers['content-type']);
    expect(a.headers['content-length']).toBe(b.headers['content-length']);
    expect(a.headers['cache-control']).toBe('no-store');
    // kept: the second answer is the same bytes (and the same tag)
    const again = await county.get('/api/orgs/tree');
    expect(again.rawPayload.equals(a.rawPayload)).toBe(true);
    expect(again.headers.etag).toBe(a.headers.etag);

    // the township's own account (another role, another scope) and the county asking for the
    // township get the same bytes, whichever asked first
    const wuli = await t.as('wuli');
    const township = await orgId(t.db, '五里镇');
    const own = (await wuli.get('/api/orgs/tree')).body;
    same((await county.get(`/api/orgs/tree?rootId=${township}`)).body, own, "the county's and the township's answers");
    same(own, await built(`/api/orgs/tree?rootId=${township}`));
    // and the scope still decides: another township's root is not found (not served from the county's answers)
    const peng = await orgId(t.db, '彭镇');
    expect((await wuli.get(`/api/orgs/tree?rootId=${peng}`)).statusCode).toBe(404);
  });

  it('answers 304 to the tag it sent, until the tree changes', async () => {
    const first = await county.get('/api/orgs/tree');
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^"[\w-]{27}"$/);
    const notModified = await county.request('GET', '/api/orgs/tree', undefined, { 'if-none-match': tag });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(tag);
    expect((await county.request('GET', '/api/orgs/tree', undefined, { 'if-none-match': `"other", W/${tag}` })).statusCode).toBe(304);
    expect((await county.request('GET', '/api/orgs/tree', undefined, { 'if-none-match': '"other"' })).statusCode).toBe(200);

    const station = await orgId(t.db, '榆舍党建工作站');
    await t.db.query(`UPDATE orgs SET name = '榆舍党建工作站（改）' WHERE id = $1`, [station]);
    const changed = await county.request('GET', '/api/orgs/tree', undefined, { 'if-none-match': tag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
    expect(changed.body).toContain('榆舍党建工作站（改）');
    await t.db.query(`UPDATE orgs SET name = '榆舍党建工作站' WHERE id = $1`, [station]);
    // back to the same bytes: the same tag again (the tag names the bytes, not the generation)
    expect((await county.get('/api/orgs/tree')).headers.etag).toBe(tag);
  });
});

describe('after every committed change to what the tree reads, the next answer is the new tree', () => {
  type Change = { what: string; apply: () => Promise<void> };
  const place = async () => {
    const station = await orgId(t.db, '榆舍党建工作站');
    const village = await orgId(t.db, '榆舍村');
    const [other] = await t.db.query<{ id: number }>(
      `SELECT s.id FROM orgs s JOIN orgs v ON v.id = $1 WHERE s.type = 'station' AND s.parent_id = (SELECT parent_id FROM orgs WHERE id = $2) AND s.id <> $2 ORDER BY s.id LIMIT 1`,
      [village, station],
    );
    const [v] = await t.db.query<{ path: string; county_id: number }>(`SELECT path, county_id FROM orgs WHERE id = $1`, [village]);
    return { station, village, other: other!.id, villagePath: v!.path, countyId: v!.county_id };
  };
  const version = async (id: number) => (await t.db.query<{ version: number }>(`SELECT version FROM orgs WHERE id = $1`, [id]))[0]!.version;
  let made = 0;
  let newPerson = 0;

  const changes: Change[] = [
    { what: 'an org created (the form)', apply: async () => {
      const { station } = await place();
      const res = await county.post('/api/orgs', { parentId: station, type: 'village', name: '缓存新村' });
      expect(res.statusCode).toBe(201);
      made = res.json().id;
    } },
    { what: 'an org renamed', apply: async () => {
      expect((await county.patch(`/api/orgs/${made}`, { version: await version(made), name: '缓存新村二' })).statusCode).toBe(200);
    } },
    { what: 'an org moved', apply: async () => {
      const { other } = await place();
      expect((await county.post(`/api/orgs/${made}/move`, { version: await version(made), newParentId: other })).statusCode).toBe(200);
    } },
    { what: 'an org closed', apply: async () => {
      expect((await county.post(`/api/orgs/${made}/close`, { version: await version(made) })).statusCode).toBe(200);
    } },
    { what: 'an org deleted', apply: async () => {
      expect((await county.del(`/api/orgs/${made}?version=${await version(made)}`)).statusCode).toBe(204);
    } },
    { what: 'a Party member added (the member counts)', apply: async () => {
      const { village, villagePath, countyId } = await place();
      const [p] = await t.db.query<{ id: number }>(
        `INSERT INTO persons (county_id, org_id, org_path, name, gender, member_status) VALUES ($1, $2, $3, '缓存甲', 'male', 'formal') RETURNING id`,
        [countyId, village, villagePath],
      );
      newPerson = p!.id;
    } },
    { what: 'a member leaving', apply: async () => {
      await t.db.query(`UPDATE persons SET status = 'left' WHERE id = $1`, [newPerson]);
    } },
    { what: 'a post added (a third full-time worker at a station: a staffing warning)', apply: async () => {
      const { station } = await place();
      await t.db.query(
        `INSERT INTO posts (county_id, org_id, org_path, person_id, role, start_date)
         SELECT county_id, org_id, org_path, $2, 'party_worker', DATE '2026-01-01' FROM posts WHERE org_id = $1 AND role = 'station_chief'`,
        [station, newPerson],
      );
    } },
    { what: 'a post ended (the warning goes)', apply: async () => {
      await t.db.query(`UPDATE posts SET end_date = CURRENT_DATE - 1 WHERE person_id = $1`, [newPerson]);
    } },
    { what: 'the station chief leaving the township committee (a post of another org changes a station warning)', apply: async () => {
      const { station } = await place();
      await t.db.query(
        `UPDATE posts SET end_date = CURRENT_DATE - 1 WHERE role = 'township_committee_member'
           AND person_id = (SELECT person_id FROM posts WHERE org_id = $1 AND role = 'station_chief')`,
        [station],
      );
    } },
  ];

  for (const change of changes) {
    it(change.what, async () => {
      const before = await servedTwiceAsBuilt();
      await change.apply();
      const after = await served();
      differ(after, before, 'the answers before and after the change');
      same(after, await built(), 'the served answer after the change and the built one');
      same(await served(), after);
    });
  }

  it('a person change that moves no count keeps the answer (and its tag)', async () => {
    const before = await county.get('/api/orgs/tree');
    await t.db.query(`UPDATE persons SET name = name || '' WHERE id = $1`, [newPerson]);
    const [{ gen } = { gen: 0 }] = await t.db.query<{ gen: number }>(`SELECT sum(gen)::bigint AS gen FROM tree_generations`);
    const after = await county.get('/api/orgs/tree');
    expect(after.headers.etag).toBe(before.headers.etag);
    const [{ gen: genAfter } = { gen: 0 }] = await t.db.query<{ gen: number }>(`SELECT sum(gen)::bigint AS gen FROM tree_generations`);
    expect(genAfter).toBe(gen);
  });
});

describe('the triggers that keep the generation', () => {
  const TABLES = ['orgs', 'posts', 'org_person_counts'] as const;
  const functions = (table: (typeof TABLES)[number]) =>
    table === 'org_person_counts'
      ? { ins: 'tree_generations_counts_new', upd: 'tree_generations_counts_both', del: 'tree_generations_counts_old' }
      : { ins: 'tree_generations_new', upd: 'tree_generations_both', del: 'tree_generations_old' };

  it('sit on every table the tree reads, for every kind of change', async () => {
    const rows = await t.db.query<{ tbl: string; n: number }>(
      `SELECT tgrelid::regclass::text AS tbl, count(*)::int AS n FROM pg_trigger WHERE tgname LIKE 'tree_generations_%' GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual(TABLES.map((tbl) => ({ tbl, n: 4 })).sort((a, b) => a.tbl.localeCompare(b.tbl)));
  });

  // Each table's triggers dropped in turn: a change to that table alone is then served stale —
  // what the tests above would see without them.
  const staleWithout: Record<(typeof TABLES)[number], () => Promise<() => Promise<void>>> = {
    orgs: async () => {
      const id = await orgId(t.db, '榆舍村');
      await t.db.query(`UPDATE orgs SET name = '榆舍村（无触发器）' WHERE id = $1`, [id]);
      return async () => void (await t.db.query(`UPDATE orgs SET name = '榆舍村' WHERE id = $1`, [id]));
    },
    posts: async () => {
      const station = await orgId(t.db, '榆舍党建工作站');
      const ids = await t.db.query<{ id: number }>(`UPDATE posts SET end_date = CURRENT_DATE - 1 WHERE org_id = $1 AND role = 'deputy_station_chief' AND end_date IS NULL RETURNING id`, [station]);
      return async () => void (await t.db.query(`UPDATE posts SET end_date = NULL WHERE id = ANY($1::bigint[])`, [ids.map((r) => r.id)]));
    },
    org_person_counts: async () => {
      const village = await orgId(t.db, '榆舍村');
      const ids = await t.db.query<{ id: number }>(
        `INSERT INTO persons (county_id, org_id, org_path, name, gender, member_status) SELECT county_id, id, path, '无触发器', 'female', 'formal' FROM orgs WHERE id = $1 RETURNING id`,
        [village],
      );
      return async () => void (await t.db.query(`DELETE FROM persons WHERE id = ANY($1::bigint[])`, [ids.map((r) => r.id)]));
    },
  };

  for (const table of TABLES) {
    it(`without those on ${table}, a change to ${table} would be served stale`, async () => {
      const f = functions(table);
      const before = await servedTwiceAsBuilt();
      await t.db.exec(`DROP TRIGGER tree_generations_ins ON ${table}; DROP TRIGGER tree_generations_upd ON ${table}; DROP TRIGGER tree_generations_del ON ${table};`);
      let undo: (() => Promise<void>) | undefined;
      try {
        undo = await staleWithout[table]();
        differ(await built(), before, 'the built answers before and after');
        same(await served(), before, 'the served answer (stale without the trigger) and the one before');
      } finally {
        await undo?.();
        await t.db.exec(`
          CREATE TRIGGER tree_generations_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS tree_generations_new FOR EACH STATEMENT EXECUTE FUNCTION ${f.ins}();
          CREATE TRIGGER tree_generations_upd AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS tree_generations_old NEW TABLE AS tree_generations_new FOR EACH STATEMENT EXECUTE FUNCTION ${f.upd}();
          CREATE TRIGGER tree_generations_del AFTER DELETE ON ${table} REFERENCING OLD TABLE AS tree_generations_old FOR EACH STATEMENT EXECUTE FUNCTION ${f.del}();`);
      }
      // with them back, the next change is seen again
      await t.db.query(`UPDATE orgs SET name = name WHERE id = $1`, [await orgId(t.db, '榆舍村')]);
      same(await served(), await built());
    });
  }
});

describe.runIf(process.env.DATABASE_URL)('a write that commits while an answer is being built (PostgreSQL: two connections)', () => {
  let app: FastifyInstance;
  let cookie: string;
  /** After the n-th statement of the next transaction, run the hook (a write committed on another connection). */
  let hook: { after: number; run: () => Promise<void> } | undefined;

  beforeAll(async () => {
    const raw = t.db;
    const hooked: Db = {
      ...raw,
      query: (sql, params) => raw.query(sql, params),
      exec: (sql) => raw.exec(sql),
      close: async () => undefined,
      transaction: (fn) =>
        raw.transaction((tx) => {
          const h = hook;
          hook = undefined;
          let n = 0;
          const wrapped: Queryable = {
            exec: (sql) => tx.exec(sql),
            query: async (sql, params) => {
              const rows = await tx.query(sql, params);
              if (h && ++n === h.after) await h.run();
              return rows as never;
            },
          };
          return fn(wrapped);
        }),
    };
    app = await buildApp({ db: hooked, pii: testPii, logger: false, loginRateLimit: 10_000 });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'county', password: TEST_DEMO_PASSWORD } });
    const setCookie = login.headers['set-cookie'];
    cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(';')[0]!;
  });
  afterAll(() => app.close());

  const get = async () => (await app.inject({ method: 'GET', url: '/api/orgs/tree', headers: { cookie } })).body;

  // statement 1 sets the snapshot's isolation, 2 reads the root and its generation (the snapshot is
  // taken there), 3 and 4 the rows: a write landing after any of them is in the next answer
  for (const after of [1, 2, 3]) {
    it(`is in the next answer when it commits after statement ${after} of the build (PostgreSQL only: PGlite has one connection, its transaction excludes any other statement)`, async () => {
      const village = await orgId(t.db, '榆舍村');
      await t.db.query(`UPDATE orgs SET name = '榆舍村（构建前）' WHERE id = $1`, [village]);
      hook = { after, run: async () => void (await t.db.query(`UPDATE orgs SET name = '榆舍村（构建中${after}）' WHERE id = $1`, [village])) };
      const during = await get();
      expect(hook).toBeUndefined();
      // what was built is one snapshot: before the write or after it, never a mix kept as current
      expect(during.includes('榆舍村（构建前）') || during.includes(`榆舍村（构建中${after}）`)).toBe(true);
      const next = await get();
      expect(next).toContain(`榆舍村（构建中${after}）`);
      same(next, await built());
      await t.db.query(`UPDATE orgs SET name = '榆舍村' WHERE id = $1`, [village]);
    });
  }
});
