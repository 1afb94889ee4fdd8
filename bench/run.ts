// `npm run bench`: the real app (buildApp on PostgreSQL, pool 32) against the synthetic province
// of `npm run generate`, under autocannon at 32 connections; beside each endpoint the same
// repository SQL run directly through a pg Pool at the same concurrency, so the table shows what
// HTTP, sessions, validation and serialization cost on top of the database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import crypto from 'node:crypto';
import pg from 'pg';
import autocannon from 'autocannon';
import type { ListPeopleQuery } from '@lianxin/contract';
import { buildApp } from '../packages/server/src/app.js';
import { readConfig } from '../packages/server/src/config.js';
import { openPostgres, type Queryable } from '../packages/server/src/db/db.js';
import { createPiiCipher, loadDataKey } from '../packages/server/src/core/pii.js';
import { hashPassword } from '../packages/server/src/core/password.js';
import { todayInChina } from '../packages/server/src/core/calendar.js';
import type { Scope } from '../packages/server/src/core/access.js';
import * as orgRepo from '../packages/server/src/modules/orgs/orgs.repository.js';
import * as peopleRepo from '../packages/server/src/modules/people/people.repository.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '2' },
    account: { type: 'string', default: 'bench.county' },
    only: { type: 'string' },
    baseline: { type: 'boolean', default: false },
    machine: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(`用法：DATABASE_URL=postgres://…/lianxin_bench LIANXIN_DEMO_PASSWORD=… npm run bench -- [选项]
  --duration 秒       每项测量时长（默认 10）
  --connections N     并发连接数（默认 32；应用与直连 SQL 的连接池同为 N）
  --warmup 秒         每项预热时长（默认 2）
  --account 用户名    登录账号（默认 bench.county）
  --only a,b          只测这些项：tree,list,list-filtered,list-deep,detail
  --baseline          同时写入 bench/baseline.json
  --machine 说明      写入结果的机器说明`);
  process.exit(0);
}
const duration = Number(args.duration);
const connections = Number(args.connections);
const warmup = Number(args.warmup);

const config = readConfig();
if (!config.databaseUrl) {
  console.error('压测需要 PostgreSQL：请设置 DATABASE_URL，指向 `npm run generate` 生成的数据库（例如 postgres://postgres@127.0.0.1:5432/lianxin_bench）。');
  process.exit(2);
}
const { key } = loadDataKey(config.dataKey, config.keyFile);
const pii = createPiiCipher(key);

// ---- the account and its scope ------------------------------------------------------------
const admin = new pg.Client({ connectionString: config.databaseUrl });
await admin.connect();
const [account] = (
  await admin.query<{ id: number; org_id: number; path: string; county_id: number | null; name: string; type: string }>(
    `SELECT a.id, o.id AS org_id, o.path, o.county_id, o.name, o.type FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.username = $1`,
    [args.account],
  )
).rows;
if (!account) {
  console.error(`找不到账号 ${args.account}：请先运行 npm run generate。`);
  process.exit(2);
}
let password = config.demoPassword;
if (!password) {
  // No password given: give the bench account a fresh random one (it is a bench database).
  password = `Bench-${crypto.randomBytes(9).toString('base64url')}9a`;
  await admin.query(`UPDATE accounts SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1`, [account.id, await hashPassword(password)]);
  console.log(`未设置 LIANXIN_DEMO_PASSWORD：已为 ${args.account} 设置一次性随机密码。`);
}
const scope: Scope = { orgId: account.org_id, path: account.path, countyId: account.county_id ?? account.org_id };
const [{ n: scopePersons } = { n: 0 }] = (
  await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons WHERE org_path LIKE $1`, [`${scope.path}%`])
).rows;
const [{ n: totalPersons } = { n: 0 }] = (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons`)).rows;
const [{ n: scopeOrgs } = { n: 0 }] = (
  await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM orgs WHERE path LIKE $1`, [`${scope.path}%`])
).rows;
// detail ids: up to 1,000 spread evenly over the scope
const detailIds = (
  await admin.query<{ id: number }>(
    `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM persons WHERE org_path LIKE $1) x
     WHERE rn % GREATEST(1, $2::int / 1000) = 0 ORDER BY id LIMIT 1000`,
    [`${scope.path}%`, scopePersons],
  )
).rows.map((r) => Number(r.id));
const [pgVersion] = (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows;
await admin.end();

// ---- the app ---------------------------------------------------------------------------------
const db = await openPostgres(config.databaseUrl, connections);
const app = await buildApp({ db, pii, logger: false, loginRateLimit: 1000 });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: args.account, password }),
});
if (login.status !== 200) {
  console.error(`登录 ${args.account} 失败：${login.status} ${await login.text()}（密码是否与 LIANXIN_DEMO_PASSWORD 一致？）`);
  await app.close();
  await db.close();
  process.exit(1);
}
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const headers = { cookie };

// ---- the endpoints and their SQL --------------------------------------------------------------
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: connections });
const raw: Queryable = {
  query: async <R>(sql: string, params?: readonly unknown[]) => (await pool.query(sql, params as unknown[] | undefined)).rows as R[],
  exec: async (sql: string) => void (await pool.query(sql)),
};
const today = todayInChina();
const listQuery = (q: Record<string, string | number>) => new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)])).toString();
const deepPage = Math.max(1, Math.floor(scopePersons / 20 / 2));

type Endpoint = { key: string; label: string; paths: string[]; sql: (i: number) => Promise<unknown>; note: string };
const listEndpoint = (key: string, label: string, q: ListPeopleQuery): Endpoint => ({
  key,
  label,
  paths: [`/api/people?${listQuery(q as Record<string, string | number>)}`],
  sql: () => peopleRepo.listPeople(raw, scope, scope.path, q, today),
  note: 'listPeople: page rows + count(*) of the scope',
});
const endpoints: Endpoint[] = [
  {
    key: 'tree',
    label: 'GET /api/orgs/tree',
    paths: ['/api/orgs/tree'],
    note: 'findOrg, then listSubtree + memberCountsByOrg',
    sql: async () => {
      const root = await orgRepo.findOrg(raw, scope, scope.orgId);
      await Promise.all([orgRepo.listSubtree(raw, scope, root!.path), orgRepo.memberCountsByOrg(raw, root!.path)]);
    },
  },
  listEndpoint('list', 'GET /api/people?page=1&pageSize=20', { page: 1, pageSize: 20 }),
  listEndpoint('list-filtered', 'GET /api/people?gender=female&ageMin=40&memberStatus=formal', { page: 1, pageSize: 20, gender: 'female', ageMin: 40, memberStatus: 'formal' }),
  listEndpoint('list-deep', `GET /api/people?page=${deepPage}&pageSize=20`, { page: deepPage, pageSize: 20 }),
  {
    key: 'detail',
    label: `GET /api/people/:id (${detailIds.length} ids)`,
    paths: detailIds.map((id) => `/api/people/${id}`),
    note: 'findPerson, then postsOf + historyOf + reserveOf + party group',
    sql: async (i) => {
      const id = detailIds[i % detailIds.length]!;
      const row = await peopleRepo.findPerson(raw, scope, id);
      await Promise.all([
        peopleRepo.postsOf(raw, id),
        peopleRepo.historyOf(raw, id),
        peopleRepo.reserveOf(raw, id),
        row?.party_group_id ? peopleRepo.findOrgInScope(raw, scope, row.party_group_id) : Promise.resolve(undefined),
      ]);
    },
  },
];
const selected = args.only ? endpoints.filter((e) => args.only!.split(',').includes(e.key)) : endpoints;

// ---- runners ----------------------------------------------------------------------------------
type Measure = { rps: number; p50: number; p99: number; count: number; errors: number };

async function httpRun(e: Endpoint, seconds: number): Promise<Measure> {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    workers: 1, // load generation in its own thread: the app keeps the main thread
    headers,
    requests: e.paths.map((p) => ({ method: 'GET', path: p })),
    timeout: 30,
  });
  const ok = result['2xx'];
  return { rps: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99, count: ok, errors: result.errors + result.timeouts + result.non2xx };
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function sqlRun(e: Endpoint, seconds: number): Promise<Measure> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await e.sql(i++);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length, errors };
}

// ---- run -----------------------------------------------------------------------------------
console.log(
  `压测：${args.account}（${account.name}，${scopeOrgs} 个组织、${scopePersons.toLocaleString('en-US')} 名人员；全库 ${totalPersons.toLocaleString('en-US')} 人），` +
    `${connections} 个连接，每项 ${duration} 秒（预热 ${warmup} 秒），PostgreSQL ${pgVersion?.v}，${os.cpus().length} 核`,
);
type Row = { key: string; endpoint: string; sql: string; http: Measure; raw: Measure; ratio: number };
const rows: Row[] = [];
for (const e of selected) {
  if (warmup > 0) {
    await httpRun(e, warmup);
    await sqlRun(e, warmup);
  }
  const http = await httpRun(e, duration);
  const rawM = await sqlRun(e, duration);
  const row = { key: e.key, endpoint: e.label, sql: e.note, http, raw: rawM, ratio: http.rps / rawM.rps };
  rows.push(row);
  console.log(
    `  ${e.key.padEnd(14)} HTTP ${http.rps.toFixed(0).padStart(6)} req/s p50 ${http.p50.toFixed(1)} p99 ${http.p99.toFixed(1)} ms${http.errors ? `（错误 ${http.errors}）` : ''}` +
      ` | SQL ${rawM.rps.toFixed(0).padStart(6)} /s p50 ${rawM.p50.toFixed(1)} p99 ${rawM.p99.toFixed(1)} ms${rawM.errors ? `（错误 ${rawM.errors}）` : ''}` +
      ` | ${(row.ratio * 100).toFixed(0)}%`,
  );
}
await pool.end();
await app.close();
await db.close();

// ---- report -----------------------------------------------------------------------------------
const LIST_P99_MS = 100;
const RATIO_MIN = 0.6;
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
console.log('');
console.log(`${pad('endpoint', 58)} ${pad('req/s', 7)} ${pad('p50', 7)} ${pad('p99', 7)} ${pad('SQL/s', 7)} ${pad('SQL p50', 8)} ${pad('SQL p99', 8)} ${pad('ratio', 6)} targets`);
for (const r of rows) {
  const marks: string[] = [];
  const answered = r.http.count > 0 && r.http.errors === 0;
  if (r.key.startsWith('list')) marks.push(`p99<${LIST_P99_MS}ms ${answered && r.http.p99 < LIST_P99_MS ? 'PASS' : 'FAIL'}`);
  marks.push(`≥${RATIO_MIN * 100}% ${answered && r.ratio >= RATIO_MIN ? 'PASS' : 'FAIL'}`);
  if (r.http.errors || r.raw.errors) marks.push(`errors: HTTP ${r.http.errors}, SQL ${r.raw.errors}`);
  console.log(
    `${pad(r.endpoint, 58)} ${pad(r.http.rps.toFixed(0), 7)} ${pad(r.http.p50.toFixed(1), 7)} ${pad(r.http.p99.toFixed(1), 7)} ` +
      `${pad(r.raw.rps.toFixed(0), 7)} ${pad(r.raw.p50.toFixed(1), 8)} ${pad(r.raw.p99.toFixed(1), 8)} ${pad(`${(r.ratio * 100).toFixed(0)}%`, 6)} ${marks.join('  ')}`,
  );
}
const generatePath = path.join(benchDir, 'results', 'generate.json');
const generated = fs.existsSync(generatePath) ? (JSON.parse(fs.readFileSync(generatePath, 'utf8')) as Record<string, unknown>) : undefined;
if (generated) {
  const g = generated as { persons: number; personsPerSecond: number; overallPersonsPerSecond: number; seconds: { total: number }; at: string };
  console.log(
    `\n生成器（${g.at}）：${g.persons.toLocaleString('en-US')} 人，写入 ${g.personsPerSecond.toLocaleString('en-US')} 人/秒，` +
      `全程 ${g.overallPersonsPerSecond.toLocaleString('en-US')} 人/秒（${g.seconds.total} 秒）；目标 ≥ 50,000 人/秒：${g.personsPerSecond >= 50_000 ? 'PASS' : 'FAIL'}`,
  );
}
const round = (m: Measure) => ({ rps: Math.round(m.rps), p50: Math.round(m.p50 * 10) / 10, p99: Math.round(m.p99 * 10) / 10, count: m.count, errors: m.errors });
const report = {
  at: new Date().toISOString(),
  machine: args.machine ?? `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GB, shared`,
  node: process.version,
  postgres: pgVersion?.v,
  account: args.account,
  scope: { orgId: scope.orgId, name: account.name, orgs: scopeOrgs, persons: scopePersons },
  totalPersons,
  connections,
  durationSeconds: duration,
  targets: { listP99Ms: LIST_P99_MS, endpointToRawMin: RATIO_MIN },
  results: rows.map((r) => ({ key: r.key, endpoint: r.endpoint, sql: r.sql, http: round(r.http), raw: round(r.raw), ratio: Math.round(r.ratio * 100) / 100 })),
  generate: generated,
};
fs.mkdirSync(path.join(benchDir, 'results'), { recursive: true });
fs.writeFileSync(path.join(benchDir, 'results', 'latest.json'), JSON.stringify(report, null, 2) + '\n');
if (args.baseline) fs.writeFileSync(path.join(benchDir, 'baseline.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`\n结果已写入 bench/results/latest.json${args.baseline ? ' 和 bench/baseline.json' : ''}`);
