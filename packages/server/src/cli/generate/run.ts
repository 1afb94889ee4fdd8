// Writes a planned province into PostgreSQL with set-based SQL: orgs, people and posts through
// INSERT … SELECT FROM unnest(arrays), tens of thousands of rows a statement, in one transaction.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { Role } from '@lianxin/contract';
import { openPostgres, type Queryable } from '../../db/db.js';
import { migrate } from '../../db/migrate.js';
import { appendAudit } from '../../core/audit.js';
import { createPiiCipher } from '../../core/pii.js';
import { hashPassword } from '../../core/password.js';
import { insertAccount } from '../../modules/accounts/accounts.repository.js';
import { PERSON_COLUMNS, PERSON_TYPES, POST_COLUMNS, POST_TYPES, buildCountyPeople, type Columns, type CountyPeople } from './people.js';
import {
  CASE_COLUMNS, CASE_TYPES, EVENT_COLUMNS, EVENT_TYPES, PROBLEM_COLUMNS, PROBLEM_TYPES, REQUEST_COLUMNS, REQUEST_TYPES,
  buildCountyCases, type CaseAccounts, type CaseOptions, type CountyCases,
} from './cases.js';
import { checkOptions, orgsOfCounty, planProvince, type CountyPlan, type GenerateOptions, type OrgSpec } from './plan.js';
import type { WorkerInit } from './worker.js';

export type BenchAccount = { username: string; role: Role; scopeOrgId: number; scopeName: string };

export type GenerateResult = {
  database: string;
  options: GenerateOptions;
  orgs: number;
  counties: number;
  townships: number;
  stations: number;
  villages: number;
  persons: number;
  members: number;
  posts: number;
  reserveCadres: number;
  /** Ledger problems, citizen requests and their timeline entries (case_events). */
  problems: number;
  requests: number;
  caseEvents: number;
  /** One account per station (station.<id>) and per village (village.<id>) acting on the cases. */
  caseAccounts: number;
  benchCountyId: number;
  benchAccounts: BenchAccount[];
  seconds: {
    total: number;
    orgs: number;
    people: number;
    /** Time building people (in workers: summed over workers). */
    buildPeopleCpu: number;
    /** The writer waited for people to be built / for the database. */
    waitPeople: number;
    waitDb: number;
    /** Time the INSERT statements of people and posts took (serializing included). */
    insert: number;
    indexes: number;
    /** Case history: writing cases, problems, requests and timelines; building them (CPU); rebuilding their indexes. */
    cases: number;
    buildCasesCpu: number;
    caseIndexes: number;
    analyze: number;
  };
  /** Persons written per second, from the first person row to their indexes rebuilt (to the commit without cases). */
  personsPerSecond: number;
  /** Persons per second over the whole run (schema, orgs, people, indexes, ANALYZE). */
  overallPersonsPerSecond: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; postgres: string };
};

export type GenerateRun = {
  databaseUrl: string;
  options: GenerateOptions;
  /** 32-byte data key of the PII cipher (the app's LIANXIN_DATA_KEY or key file). */
  dataKey: Buffer;
  /** Drop and recreate the schema of this database first. */
  reset: boolean;
  /** Password of the bench accounts. */
  benchPassword: string;
  log?: (line: string) => void;
};

export class GenerateError extends Error {}

const MAINTENANCE_DBS = new Set(['postgres', 'template0', 'template1']);

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Creates the database named in the URL when it does not exist yet (never drops one). */
async function ensureDatabase(url: string, log: (line: string) => void) {
  const name = databaseName(url);
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (err) {
    await probe.end().catch(() => undefined);
    if ((err as { code?: string }).code !== '3D000') throw err;
  }
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    log(`已创建数据库 ${name}`);
  } finally {
    await admin.end();
  }
}

async function insertColumns(q: Queryable, table: string, columns: readonly string[], types: readonly string[], data: Columns, overriding: boolean) {
  await q.query(
    `INSERT INTO ${table} (${columns.join(', ')}) ${overriding ? 'OVERRIDING SYSTEM VALUE' : ''}
     SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
    data,
  );
}

function slice(data: Columns, from: number, to: number): Columns {
  return data.map((col) => col.slice(from, to));
}

const ORG_COLUMNS = ['id', 'county_id', 'parent_id', 'type', 'name', 'code', 'path', 'depth', 'uses_stations', 'is_pilot', 'sort'] as const;
const ORG_TYPES = ['bigint', 'bigint', 'bigint', 'text', 'text', 'text', 'text', 'int', 'boolean', 'boolean', 'int'] as const;

function orgColumns(orgs: OrgSpec[]): Columns {
  const cols: Columns = ORG_COLUMNS.map(() => []);
  for (const o of orgs) {
    const row = [o.id, o.countyId, o.parentId, o.type, o.name, o.code, o.path, o.depth, o.usesStations, o.isPilot, o.sort];
    for (let i = 0; i < row.length; i++) cols[i]!.push(row[i]!);
  }
  return cols;
}

type Saved = { drop: string[]; create: string[] };

/** Secondary indexes and foreign keys of the bulk tables, to drop before and rebuild after. */
async function secondaryStructures(q: Queryable, tables: string[]): Promise<Saved> {
  const indexes = await q.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relname = ANY($1::text[]) AND t.relnamespace = 'public'::regnamespace AND NOT x.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
     ORDER BY i.relname`,
    [tables],
  );
  const fks = await q.query<{ name: string; tbl: string; def: string }>(
    `SELECT c.conname AS name, t.relname AS tbl, pg_get_constraintdef(c.oid) AS def
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
     WHERE c.contype = 'f' AND t.relname = ANY($1::text[]) AND t.relnamespace = 'public'::regnamespace
     ORDER BY t.relname, c.conname`,
    [tables],
  );
  return {
    drop: [
      ...fks.map((f) => `ALTER TABLE ${quoteIdent(f.tbl)} DROP CONSTRAINT ${quoteIdent(f.name)}`),
      ...indexes.map((i) => `DROP INDEX ${quoteIdent(i.name)}`),
    ],
    create: [...indexes.map((i) => i.def), ...fks.map((f) => `ALTER TABLE ${quoteIdent(f.tbl)} ADD CONSTRAINT ${quoteIdent(f.name)} ${f.def}`)],
  };
}

/** A worker thread on worker.ts: through tsx's loader when running from TypeScript sources. */
function startWorker(init: WorkerInit): Worker {
  if (import.meta.url.endsWith('.js')) return new Worker(new URL('./worker.js', import.meta.url), { workerData: init });
  const href = new URL('./worker.ts', import.meta.url).href;
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(href)}); })`;
  return new Worker(code, { eval: true, workerData: init });
}

/**
 * Builds the people (or, given case options, the case history) of every county in order: in
 * worker threads, or in-process.
 */
function peopleSource(plan: CountyPlan[], o: GenerateOptions, dataKey: Buffer): CountySource<CountyPeople>;
function peopleSource(plan: CountyPlan[], o: GenerateOptions, dataKey: Buffer, cases: { options: CaseOptions; accounts: CaseAccounts[] }): CountySource<CountyCases>;
function peopleSource(plan: CountyPlan[], o: GenerateOptions, dataKey: Buffer, cases?: { options: CaseOptions; accounts: CaseAccounts[] }): CountySource<CountyPeople | CountyCases> {
  const pii = createPiiCipher(dataKey);
  let cpuMs = 0;
  if (o.workers === 0) {
    return {
      cpuMs: () => cpuMs,
      async get(i: number) {
        const t = performance.now();
        const built = cases ? buildCountyCases(plan[i]!, cases.options, pii, cases.accounts[i]!) : buildCountyPeople(plan[i]!, o, pii);
        cpuMs += performance.now() - t;
        return built;
      },
      close: async () => undefined,
    };
  }
  const init: WorkerInit = { key: dataKey.toString('base64'), seed: o.seed, today: o.today };
  type Built = CountyPeople | CountyCases;
  type Waiter = { resolve: (p: Built) => void; reject: (e: Error) => void };
  const workers = Array.from({ length: o.workers }, () => {
    const worker = startWorker(init);
    const waiting: Waiter[] = [];
    // a worker answers its requests in order
    worker.on('message', (m: { ok: true; people: Built; ms: number } | { ok: false; message: string }) => {
      const w = waiting.shift();
      if (!w) return;
      if (m.ok) {
        cpuMs += m.ms;
        w.resolve(m.people);
      } else w.reject(new GenerateError(m.message));
    });
    worker.on('error', (err) => {
      for (const w of waiting.splice(0)) w.reject(err);
    });
    return { worker, waiting };
  });
  const pending = new Map<number, Promise<Built>>();
  const ask = (i: number) => {
    if (i >= plan.length || pending.has(i)) return;
    const { worker, waiting } = workers[i % workers.length]!;
    const job = new Promise<Built>((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.postMessage(cases ? { plan: plan[i], cases: { options: cases.options, accounts: cases.accounts[i] } } : { plan: plan[i] });
    });
    job.catch(() => undefined);
    pending.set(i, job);
  };
  return {
    cpuMs: () => cpuMs,
    async get(i: number): Promise<Built> {
      // keep every worker busy one county ahead
      for (let k = i; k < i + 2 * workers.length; k++) ask(k);
      const people = await pending.get(i)!;
      pending.delete(i);
      return people;
    },
    close: () => Promise.all(workers.map((w) => w.worker.terminate())).then(() => undefined),
  };
}

type CountySource<T> = { cpuMs: () => number; get: (i: number) => Promise<T>; close: () => Promise<void> };

export async function generateProvince(run: GenerateRun): Promise<GenerateResult> {
  const log = run.log ?? (() => undefined);
  const o = run.options;
  const problems = checkOptions(o);
  if (problems.length) throw new GenerateError(`参数有误：\n  ${problems.join('\n  ')}`);
  let url: URL;
  try {
    url = new URL(run.databaseUrl);
  } catch {
    throw new GenerateError('DATABASE_URL 不是有效的连接串（应形如 postgres://用户@主机:5432/库名）');
  }
  if (!['postgres:', 'postgresql:'].includes(url.protocol)) {
    throw new GenerateError('合成数据只能写入 PostgreSQL：DATABASE_URL 应以 postgres:// 开头');
  }
  const dbName = databaseName(run.databaseUrl);
  if (!dbName || MAINTENANCE_DBS.has(dbName)) {
    throw new GenerateError(`请为合成数据指定一个专用数据库（DATABASE_URL 中的库名当前为「${dbName || '空'}」），例如 postgres://postgres@127.0.0.1:5432/lianxin_bench`);
  }

  const started = performance.now();
  await ensureDatabase(run.databaseUrl, log);
  const db = await openPostgres(run.databaseUrl, 2);
  try {
    if (run.reset) {
      log(`--reset：正在删除并重建数据库 ${dbName} 的 public 模式……`);
      await db.exec(`DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public AUTHORIZATION pg_database_owner; GRANT USAGE ON SCHEMA public TO PUBLIC;`);
    }
    await migrate(db);
    const [existing] = await db.query<{ orgs: number; persons: number; accounts: number }>(
      `SELECT (SELECT count(*)::int FROM orgs) AS orgs, (SELECT count(*)::int FROM persons) AS persons, (SELECT count(*)::int FROM accounts) AS accounts`,
    );
    if (existing && (existing.orgs > 0 || existing.persons > 0 || existing.accounts > 0)) {
      throw new GenerateError(
        `数据库 ${dbName} 中已有数据（${existing.orgs} 个组织、${existing.persons} 名人员、${existing.accounts} 个账号），未做任何修改。` +
          `如确认要清空该库并重新生成，请加 --reset。`,
      );
    }

    const plan = planProvince(o);
    const counts = { townships: 0, stations: 0, villages: 0 };
    for (const c of plan.counties) {
      counts.townships += c.townships.length;
      for (const t of c.townships) {
        counts.stations += t.stations.length;
        for (const s of t.stations) counts.villages += s.villages.length;
      }
    }
    log(
      `计划：1 个省、${o.counties} 个县、${counts.townships} 个乡镇、${counts.stations} 个工作站、${counts.villages} 个村，` +
        `共 ${plan.orgCount.toLocaleString('en-US')} 个组织、${plan.personCount.toLocaleString('en-US')} 名人员`,
    );
    const benchCounty = plan.counties[(o.benchCounty || Math.ceil(o.counties / 2)) - 1]!;
    const passwordHash = await hashPassword(run.benchPassword);
    const source = peopleSource(plan.counties, o, run.dataKey);
    const seconds = { total: 0, orgs: 0, people: 0, buildPeopleCpu: 0, waitPeople: 0, waitDb: 0, insert: 0, indexes: 0, cases: 0, buildCasesCpu: 0, caseIndexes: 0, analyze: 0 };
    const caseCounts = { problems: 0, requests: 0, caseEvents: 0, caseAccounts: 0 };
    let members = 0;
    let posts = 0;
    let reserveCadres = 0;
    let peopleStarted = 0;
    let peopleDone = 0;
    const benchAccounts: BenchAccount[] = [];
    try {
      await db.transaction(async (tx) => {
        await tx.query(`SET LOCAL maintenance_work_mem = '512MB'`);
        await tx.query(`SET LOCAL synchronous_commit = off`);
        const saved = o.keepIndexes ? { drop: [], create: [] } : await secondaryStructures(tx, ['persons', 'posts']);
        for (const sql of saved.drop) await tx.query(sql);

        let t = performance.now();
        const orgs = [plan.province, ...plan.counties.flatMap(orgsOfCounty)];
        for (let i = 0; i < orgs.length; i += o.batchSize) {
          await insertColumns(tx, 'orgs', ORG_COLUMNS, ORG_TYPES, orgColumns(orgs.slice(i, i + o.batchSize)), true);
        }
        await tx.query(`SELECT setval(pg_get_serial_sequence('orgs', 'id'), $1::bigint)`, [plan.orgCount]);
        seconds.orgs = (performance.now() - t) / 1000;
        log(`已写入 ${orgs.length.toLocaleString('en-US')} 个组织（${seconds.orgs.toFixed(1)} 秒）`);

        peopleStarted = performance.now();
        let written = 0;
        let nextReport = 0.1;
        let inFlight: Promise<void> = Promise.resolve();
        for (let i = 0; i < plan.counties.length; i++) {
          let w = performance.now();
          const people = await source.get(i);
          seconds.waitPeople += (performance.now() - w) / 1000;
          w = performance.now();
          await inFlight; // one county's statements in flight while the next is built
          seconds.waitDb += (performance.now() - w) / 1000;
          members += people.members;
          posts += people.posts[0]!.length;
          inFlight = (async () => {
            const began = performance.now();
            const n = people.persons[0]!.length;
            for (let k = 0; k < n; k += o.batchSize) {
              await insertColumns(tx, 'persons', PERSON_COLUMNS, PERSON_TYPES, k === 0 && n <= o.batchSize ? people.persons : slice(people.persons, k, k + o.batchSize), true);
            }
            await insertColumns(tx, 'posts', POST_COLUMNS, POST_TYPES, people.posts, false);
            written += n;
            seconds.insert += (performance.now() - began) / 1000;
            if (written / plan.personCount >= nextReport || i === plan.counties.length - 1) {
              nextReport = Math.floor((written / plan.personCount) * 10 + 1) / 10;
              const s = (performance.now() - peopleStarted) / 1000;
              log(`  人员 ${written.toLocaleString('en-US')} / ${plan.personCount.toLocaleString('en-US')}（${Math.round((100 * written) / plan.personCount)}%），${Math.round(written / s).toLocaleString('en-US')} 人/秒`);
            }
          })();
          // a failed statement must not leave an unobserved rejection behind
          inFlight.catch(() => undefined);
        }
        await inFlight;
        await tx.query(`SELECT setval(pg_get_serial_sequence('persons', 'id'), $1::bigint)`, [plan.personCount]);
        seconds.people = (performance.now() - peopleStarted) / 1000;
        seconds.buildPeopleCpu = source.cpuMs() / 1000;

        t = performance.now();
        if (saved.create.length) log(`正在重建 persons、posts 的 ${saved.create.length} 个索引和外键……`);
        for (const sql of saved.create) await tx.query(sql);
        seconds.indexes = (performance.now() - t) / 1000;
        peopleDone = performance.now();

        // 后备干部: one young formal member per station, set-based
        const reserve = await tx.query<{ id: number }>(
          `INSERT INTO reserve_cadres (county_id, org_id, org_path, person_id, target_role, added_on)
           SELECT DISTINCT ON (o.parent_id) p.county_id, p.org_id, p.org_path, p.id, '村党支部书记', $1::date
           FROM persons p JOIN orgs o ON o.id = p.org_id
           WHERE o.type = 'village' AND p.member_status = 'formal' AND p.birth_date > $2::date
           ORDER BY o.parent_id, p.id
           RETURNING id`,
          ['2025-06-30', `${Number(o.today.slice(0, 4)) - 40}${o.today.slice(4)}`],
        );
        reserveCadres = reserve.length;

        const township = benchCounty.townships[0]!;
        const station = township.stations[0]!;
        const scopes: [string, Role, OrgSpec][] = [
          ['bench.county', 'county_admin', benchCounty.county],
          ['bench.township', 'township_admin', township.org],
          ['bench.station', 'station_admin', station.org],
          ['bench.village', 'village_admin', station.villages[0]!.org],
          ...(benchCounty.departments[0] ? [['bench.department', 'department_admin', benchCounty.departments[0]] as [string, Role, OrgSpec]] : []),
          ['bench.auditor', 'auditor', benchCounty.county],
          ['bench.sysadmin', 'sys_admin', benchCounty.county],
          ['bench.secadmin', 'sec_admin', benchCounty.county],
          ['bench.auditadmin', 'audit_admin', benchCounty.county],
        ];
        for (const [username, role, org] of scopes) {
          await insertAccount(tx, { username, displayName: `压测账号（${org.name}）`, passwordHash, roles: [role], scopeOrgId: org.id, mustChangePassword: false });
          benchAccounts.push({ username, role, scopeOrgId: org.id, scopeName: org.name });
        }
        if (o.problemsPerVillage > 0 || o.requestsPerVillage > 0) {
          Object.assign(caseCounts, await writeCases(tx, plan.counties, o, run.dataKey, passwordHash, seconds, log));
        }
        await appendAudit(tx, {
          countyId: null,
          accountId: null,
          username: 'system',
          action: 'generate.load',
          objectType: 'org',
          objectId: plan.province.id,
          summary: { counties: o.counties, orgs: plan.orgCount, persons: plan.personCount, seed: o.seed },
          result: 'success',
          ip: null,
        });
      });
    } finally {
      await source.close();
    }
    const committed = performance.now();
    log('正在 VACUUM ANALYZE……');
    let t = performance.now();
    await db.exec('VACUUM (ANALYZE) orgs, persons, posts, reserve_cadres, accounts, cases, case_events, problems, citizen_requests');
    seconds.analyze = (performance.now() - t) / 1000;
    seconds.total = (performance.now() - started) / 1000;
    const [version] = await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const cpus = os.cpus();
    return {
      database: dbName,
      options: o,
      orgs: plan.orgCount,
      counties: o.counties,
      ...counts,
      persons: plan.personCount,
      members,
      posts,
      reserveCadres,
      ...caseCounts,
      benchCountyId: benchCounty.county.id,
      benchAccounts,
      seconds: Object.fromEntries(Object.entries(seconds).map(([k, v]) => [k, Math.round(v * 100) / 100])) as GenerateResult['seconds'],
      personsPerSecond: Math.round(plan.personCount / (((o.problemsPerVillage || o.requestsPerVillage ? peopleDone : committed) - peopleStarted) / 1000)),
      overallPersonsPerSecond: Math.round(plan.personCount / seconds.total),
      machine: { cpus: cpus.length, cpuModel: cpus[0]?.model ?? '', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: version?.v ?? '' },
    };
  } finally {
    await db.close();
  }
}

/**
 * The case history of the province: an account per station and per village (they act on the
 * cases), then per county its problems and requests with their timelines, written while the next
 * county is built, with the secondary indexes and foreign keys of those tables dropped and rebuilt.
 */
async function writeCases(
  tx: Queryable,
  counties: CountyPlan[],
  o: GenerateOptions,
  dataKey: Buffer,
  passwordHash: string,
  seconds: GenerateResult['seconds'],
  log: (line: string) => void,
) {
  const started = performance.now();
  const accountRows: Columns = [[], [], [], [], []];
  for (const c of counties) {
    for (const t of c.townships) {
      for (const s of t.stations) {
        for (const [org, username, display, role] of [
          [s.org, `station.${s.org.id}`, `${s.org.name}（站长）`, 'station_admin'] as const,
          ...s.villages.map((v) => [v.org, `village.${v.org.id}`, `${v.org.name}（党支部书记）`, 'village_admin'] as const),
        ]) {
          accountRows[0]!.push(username);
          accountRows[1]!.push(display);
          accountRows[2]!.push(passwordHash);
          accountRows[3]!.push(`{${role}}`);
          accountRows[4]!.push(org.id);
        }
      }
    }
  }
  const created = await tx.query<{ id: number; scope_org_id: number }>(
    `INSERT INTO accounts (username, display_name, password_hash, roles, scope_org_id)
     SELECT u, d, h, r::text[], s FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) AS x(u, d, h, r, s)
     RETURNING id, scope_org_id`,
    accountRows,
  );
  const accountOf = new Map(created.map((r) => [r.scope_org_id, r.id]));
  const accounts: CaseAccounts[] = counties.map((c) => {
    const m: CaseAccounts = {};
    for (const t of c.townships) for (const s of t.stations) for (const org of [s.org, ...s.villages.map((v) => v.org)]) m[org.id] = accountOf.get(org.id)!;
    return m;
  });
  log(`已创建 ${created.length.toLocaleString('en-US')} 个工作站、村账号（station.<id>、village.<id>，办理事项）`);

  const saved = o.keepIndexes ? { drop: [], create: [] } : await secondaryStructures(tx, ['cases', 'case_events', 'problems', 'citizen_requests']);
  for (const sql of saved.drop) await tx.query(sql);
  const options: CaseOptions = { seed: o.seed, today: o.today, counties: counties.length, problemsPerVillage: o.problemsPerVillage, requestsPerVillage: o.requestsPerVillage };
  const source = peopleSource(counties, o, dataKey, { options, accounts });
  const counts = { problems: 0, requests: 0, caseEvents: 0, caseAccounts: created.length };
  let maxCaseId = 0;
  let nextEventId = 1;
  try {
    let inFlight: Promise<void> = Promise.resolve();
    let nextReport = 0.1;
    for (let i = 0; i < counties.length; i++) {
      const built = await source.get(i);
      await inFlight;
      const firstEvent = nextEventId;
      const n = built.events[0]!.length;
      nextEventId += n;
      maxCaseId = Math.max(maxCaseId, built.maxCaseId);
      counts.problems += built.problems[0]!.length;
      counts.requests += built.requests[0]!.length;
      counts.caseEvents += n;
      inFlight = (async () => {
        const batches = async (table: string, columns: readonly string[], types: readonly string[], data: Columns, overriding: boolean) => {
          const rows = data[0]!.length;
          for (let k = 0; k < rows; k += o.batchSize) await insertColumns(tx, table, columns, types, rows <= o.batchSize ? data : slice(data, k, k + o.batchSize), overriding);
        };
        await batches('cases', CASE_COLUMNS, CASE_TYPES, built.cases, true);
        await batches('problems', PROBLEM_COLUMNS, PROBLEM_TYPES, built.problems, false);
        await batches('citizen_requests', REQUEST_COLUMNS, REQUEST_TYPES, built.requests, false);
        const ids = Array.from({ length: n }, (_, k) => firstEvent + k);
        await batches('case_events', ['id', ...EVENT_COLUMNS], ['bigint', ...EVENT_TYPES], [ids, ...built.events], true);
        const done = (i + 1) / counties.length;
        if (done >= nextReport || i === counties.length - 1) {
          nextReport = Math.floor(done * 10 + 1) / 10;
          log(`  事项 ${(counts.problems + counts.requests).toLocaleString('en-US')}（问题 ${counts.problems.toLocaleString('en-US')}、群众事项 ${counts.requests.toLocaleString('en-US')}），办理记录 ${counts.caseEvents.toLocaleString('en-US')}（${Math.round(done * 100)}%）`);
        }
      })();
      inFlight.catch(() => undefined);
    }
    await inFlight;
  } finally {
    seconds.buildCasesCpu = source.cpuMs() / 1000;
    await source.close();
  }
  if (maxCaseId > 0) await tx.query(`SELECT setval(pg_get_serial_sequence('cases', 'id'), $1::bigint)`, [maxCaseId]);
  if (nextEventId > 1) await tx.query(`SELECT setval(pg_get_serial_sequence('case_events', 'id'), $1::bigint)`, [nextEventId - 1]);
  seconds.cases = (performance.now() - started) / 1000;
  const t = performance.now();
  if (saved.create.length) log(`正在重建事项表的 ${saved.create.length} 个索引和外键……`);
  for (const sql of saved.create) await tx.query(sql);
  seconds.caseIndexes = (performance.now() - t) / 1000;
  return counts;
}
