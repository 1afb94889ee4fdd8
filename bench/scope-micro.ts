// A focused micro-benchmark of the hot list routes on the demo county (PostgreSQL): the real app
// through app.inject (no sockets), so what it measures is routing, session, service, SQL and JSON.
// Used to compare the data layer before and after a change (bench/README.md, "Scope guard").
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/lianxin_scope_micro \
//   LIANXIN_DEMO_PASSWORD='Demo-Passw0rd!2026' LIANXIN_KEY_FILE=/tmp/lianxin-scope-micro.key \
//   LIANXIN_ALLOW_UNSAFE_DB=1 npx tsx bench/scope-micro.ts [rounds]
//
// The database is the demo county loaded with `npm run demo` into a database of its own.
import { performance } from 'node:perf_hooks';
import { buildApp } from '../packages/server/src/app.js';
import { openPostgres } from '../packages/server/src/db/db.js';
import { createPiiCipher, loadDataKey } from '../packages/server/src/core/pii.js';

const url = process.env.DATABASE_URL;
const password = process.env.LIANXIN_DEMO_PASSWORD;
if (!url || !password) throw new Error('set DATABASE_URL (a database with the demo county) and LIANXIN_DEMO_PASSWORD');
const rounds = Number(process.argv[2] ?? 2000);
const { key } = loadDataKey(process.env.LIANXIN_DATA_KEY, process.env.LIANXIN_KEY_FILE ?? '/tmp/lianxin-scope-micro.key');
const db = await openPostgres(url, 8);
const app = await buildApp({ db, pii: createPiiCipher(key), logger: false, loginRateLimit: 1_000_000 });
await app.ready();

async function login(username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const set = res.headers['set-cookie'];
  return (Array.isArray(set) ? set[0] : set)!.split(';')[0]!;
}

const routes = [
  { name: 'ledger list (township)', user: 'wuli', url: '/api/ledger/problems?pageSize=20' },
  { name: 'citizens queue (station)', user: 'yushe.station', url: '/api/requests?pageSize=20' },
  { name: 'roster list (township)', user: 'wuli', url: '/api/people?pageSize=20' },
  { name: 'roster list (county)', user: 'county', url: '/api/people?pageSize=20' },
  { name: 'person detail (village)', user: 'yushe', url: '' },
];
const cookies = new Map<string, string>();
for (const r of routes) if (!cookies.has(r.user)) cookies.set(r.user, await login(r.user));
const [person] = await db.query<{ id: number }>(`SELECT p.id FROM persons p JOIN orgs o ON o.id = p.org_id WHERE o.name = '榆舍村' ORDER BY p.id LIMIT 1`);
routes[4]!.url = `/api/people/${person!.id}`;

const results: Record<string, { meanMs: number; p50Ms: number; p99Ms: number; perSecond: number }> = {};
for (const r of routes) {
  const headers = { cookie: cookies.get(r.user)! };
  for (let i = 0; i < 200; i++) await app.inject({ method: 'GET', url: r.url, headers }); // warm up: plans, JIT
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: r.url, headers });
    times.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${r.name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  results[r.name] = { meanMs: +(total / rounds).toFixed(3), p50Ms: +at(0.5).toFixed(3), p99Ms: +at(0.99).toFixed(3), perSecond: Math.round((rounds * 1000) / total) };
}
console.table(results);
await app.close();
await db.close();
