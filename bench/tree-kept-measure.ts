// The org tree's kept answer (migration 500), measured one request at a time through the app
// (app.inject, no sockets): the answer built as before (an app keeping nothing), a kept answer (a
// hit), and the first request after a write (a miss: the generation bumped before each request, as
// any committed write to orgs, posts or the member counts does). p50 / p99 in ms.
//
//   DATABASE_URL=…/lianxin_bench LIANXIN_DEMO_PASSWORD=… npx tsx bench/tree-kept-measure.ts [rounds] [account]
//
// With --write-cost (never on the shared bench database: it drops and recreates the triggers) it
// times writes with and without the generation's triggers on a database of its own: it loads the
// demo county when the database is empty.
import { openPostgres } from '../packages/server/src/db/db.js';
import { migrate } from '../packages/server/src/db/migrate.js';
import { createPiiCipher } from '../packages/server/src/core/pii.js';
import { loadDemoCounty } from '../packages/server/src/cli/demo-county.js';
import { buildApp } from '../packages/server/src/app.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const writeCost = process.argv.includes('--write-cost');
const rounds = Number(args[0] ?? 200);
const password = process.env.LIANXIN_DEMO_PASSWORD ?? 'Bench#Pass2026x';
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL');
const dbName = new URL(url).pathname.slice(1);
if (writeCost && dbName === 'lianxin_bench') throw new Error('--write-cost drops triggers: not on the shared bench database');

const pii = createPiiCipher(Buffer.alloc(32, 7));
const raw = await openPostgres(url, 32);
await migrate(raw);
const [{ n } = { n: 0 }] = await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM orgs`);
if (n === 0) await loadDemoCounty(raw, pii, { demoPassword: password });
const account = args[1] ?? (dbName === 'lianxin_bench' ? 'bench.county' : 'county');

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(2)} ms, p99 ${pct(xs, 99).toFixed(2)} ms (${xs.length})`;

async function timed(n: number, before: () => Promise<unknown>, fn: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    await before();
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return ms;
}
const nothing = async () => undefined;

async function treeTimes() {
  const kept = await buildApp({ db: raw, pii, logger: false, loginRateLimit: 1_000_000 });
  const built = await buildApp({ db: raw, pii, logger: false, loginRateLimit: 1_000_000, treeCacheBytes: 0 });
  const signIn = async (app: typeof kept) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: account, password } });
    if (res.statusCode !== 200) throw new Error(`login ${account}: ${res.statusCode} ${res.body}`);
    const c = res.headers['set-cookie'];
    return (Array.isArray(c) ? c[0] : c)!.split(';')[0]!;
  };
  const keptCookie = await signIn(kept);
  const builtCookie = await signIn(built);
  const [{ county } = { county: 0 }] = await raw.query<{ county: number }>(
    `SELECT o.county_id AS county FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.username = $1`, [account]);
  const get = (app: typeof kept, cookie: string) => async () => {
    const res = await app.inject({ method: 'GET', url: '/api/orgs/tree', headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`tree: ${res.statusCode}`);
    return res.rawPayload.length;
  };
  // a committed write as the triggers record it: this table alone, no row of the tree changes
  const bump = async () => void (await raw.query(
    `INSERT INTO tree_generations AS g (county_id, slot, gen) VALUES ($1, 15, 1) ON CONFLICT (county_id, slot) DO UPDATE SET gen = g.gen + 1`, [county]));
  const bytes = await get(kept, keptCookie)();
  for (let i = 0; i < 20; i++) { await get(kept, keptCookie)(); await get(built, builtCookie)(); }
  const out: Record<string, number[]> = { built: [], hit: [], miss: [] };
  // alternate the three in rounds of 10, so the machine's load falls on all alike
  for (let r = 0; r < rounds / 10; r++) {
    out.built!.push(...(await timed(10, nothing, get(built, builtCookie))));
    out.hit!.push(...(await timed(10, nothing, get(kept, keptCookie))));
    out.miss!.push(...(await timed(10, bump, get(kept, keptCookie))));
  }
  console.log(`tree of ${account} (county ${county}, ${bytes} bytes), one request at a time through app.inject:`);
  console.log(`  built every time (as before): ${fmt(out.built!)}`);
  console.log(`  kept (a hit):                 ${fmt(out.hit!)}`);
  console.log(`  first after a write (a miss): ${fmt(out.miss!)}`);
  await kept.close();
  await built.close();
}

async function writeTimes() {
  const TABLES = ['orgs', 'posts', 'org_person_counts'];
  const saved = await raw.query<{ def: string }>(
    `SELECT pg_get_triggerdef(t.oid) AS def FROM pg_trigger t WHERE t.tgname LIKE 'tree_generations_%'`);
  const drop = async () => {
    for (const tbl of TABLES) for (const k of ['ins', 'upd', 'del', 'trunc']) await raw.query(`DROP TRIGGER IF EXISTS tree_generations_${k} ON ${tbl}`);
  };
  const restore = async () => { for (const s of saved) await raw.query(s.def); };
  const [v] = await raw.query<{ id: number; path: string; county_id: number }>(`SELECT id, path, county_id FROM orgs WHERE type = 'village' ORDER BY id LIMIT 1`);
  const [post] = await raw.query<{ id: number }>(`SELECT id FROM posts ORDER BY id LIMIT 1`);
  const one = async () => {
    const [p] = await raw.query<{ id: number }>(
      `INSERT INTO persons (county_id, org_id, org_path, name, gender, member_status) VALUES ($1, $2, $3, '计时', 'male', 'formal') RETURNING id`,
      [v!.county_id, v!.id, v!.path]);
    await raw.query(`UPDATE persons SET status = 'left' WHERE id = $1`, [p!.id]);
    await raw.query(`DELETE FROM persons WHERE id = $1`, [p!.id]);
    await raw.query(`UPDATE posts SET note = note WHERE id = $1`, [post!.id]);
  };
  const bulk = async () => {
    await raw.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO persons (county_id, org_id, org_path, name, gender, member_status)
         SELECT $1, $2, $3, '批量' || g, 'female', 'formal' FROM generate_series(1, 20000) g`, [v!.county_id, v!.id, v!.path]);
      await tx.query(`DELETE FROM persons WHERE name LIKE '批量%' AND org_id = $1`, [v!.id]);
    });
  };
  const res: Record<string, { one: number[]; bulk: number[] }> = { with: { one: [], bulk: [] }, without: { one: [], bulk: [] } };
  try {
    for (let r = 0; r < 6; r++) {
      for (const mode of ['with', 'without'] as const) {
        if (mode === 'without') await drop(); else await restore().catch(() => undefined);
        res[mode]!.one.push(...(await timed(rounds / 6, nothing, one)));
        res[mode]!.bulk.push(...(await timed(1, nothing, bulk)));
      }
    }
  } finally {
    await drop();
    await restore();
  }
  console.log(`writes on ${dbName} (4 statements: a person inserted, leaving, deleted; a post updated), one at a time:`);
  for (const mode of ['with', 'without'] as const) {
    console.log(`  ${mode} the triggers: ${fmt(res[mode]!.one)}; 20,000 people inserted and deleted in one transaction: ${fmt(res[mode]!.bulk)}`);
  }
}

if (writeCost) await writeTimes();
else await treeTimes();
await raw.close();
