// The synthetic province generator (PostgreSQL only): invariants of the tree, the people and
// their ID numbers, and determinism — two runs with the same options give the same data.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../core/pii.js';
import { birthDateOf, genderOf, maskIdNumber, maskPhone, validateIdNumber } from '../core/id-number.js';
import { verifyPassword } from '../core/password.js';
import { withDatabase } from '../test/global-setup.js';
import { TEST_DATA_KEY } from '../test/constants.js';
import { DEFAULT_OPTIONS, type GenerateOptions } from './generate/plan.js';
import { GenerateError, generateProvince, type GenerateResult } from './generate/run.js';
import { openPostgres } from '../db/db.js';
import { createCaseEngine } from '../core/cases/case-engine.js';
import { systemActor } from '../core/access.js';
import * as ledgerRepo from '../modules/ledger/ledger.repository.js';
import * as citizensRepo from '../modules/citizens/citizens.repository.js';
import { buildApp } from '../app.js';
import { hashPassword } from '../core/password.js';
import { insertAccount } from '../modules/accounts/index.js';

const baseUrl = process.env.DATABASE_URL;
const pii = createPiiCipher(TEST_DATA_KEY);
const PASSWORD = 'Bench-Passw0rd!2026';
const options: GenerateOptions = {
  ...DEFAULT_OPTIONS,
  counties: 3,
  townshipsPerCounty: 2,
  stationsPerTownship: 2,
  villagesPerStation: [3, 5],
  membersPerVillage: 14,
  partyGroupsPerVillage: 2,
  departmentsPerCounty: 2,
  batchSize: 300, // several statements per county
  workers: 0,
  problemsPerVillage: 4,
  requestsPerVillage: 6,
};

describe.skipIf(!baseUrl)('npm run generate (PostgreSQL only: skipped without DATABASE_URL)', () => {
  const suffix = crypto.randomBytes(4).toString('hex');
  const names = [`lianxin_gen_a_${suffix}`, `lianxin_gen_b_${suffix}`];
  const urls = baseUrl ? names.map((n) => withDatabase(baseUrl, n)) : []; // the body is collected even when skipped
  const results: GenerateResult[] = [];
  let client: pg.Client;

  const dataHash = async (url: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const h = crypto.createHash('sha256');
      const tables: [string, string][] = [
        ['orgs', 'id, county_id, parent_id, type, name, code, path, depth, uses_stations, is_pilot, status, sort'],
        ['persons', `id, county_id, org_id, org_path, name, gender, ethnicity, birth_date::text, id_number_hash, id_number_mask, phone_hash,
                     phone_mask, education, member_status, join_date::text, full_date::text, party_group_id, flow_status, status, id_number_enc, phone_enc`],
        ['posts', 'id, county_id, org_id, org_path, person_id, role, concurrent, sent_from, start_date::text, end_date::text'],
        ['reserve_cadres', 'id, county_id, org_id, org_path, person_id, target_role, added_on::text'],
        ['accounts', 'id, username, roles, scope_org_id'],
        ['cases', 'id, county_id, case_type, org_id, org_path, status, title, deadline::text, opened_at, resolved_at, closed_at, supervision_due::text, escalated_to_org_id, created_by, version'],
        ['problems', 'case_id AS id, source, category, description, measures, progress, responsible_org_id, closure_opinion, public_summary, published_at, reported_to_org_id, returned_count, source_ref'],
        ['citizen_requests', 'case_id AS id, channel, category, matter, citizen_name, phone_hash, phone_mask, tracking_code, owner_id, responded_at, promised_date::text, outcome, resolved, rating, phone_enc'],
        ['case_events', 'id, case_id, seq, at, account_id, actor_name, kind, transition, from_status, to_status, body, data, prev_hash, hash'],
      ];
      for (const [table, columns] of tables) {
        const { rows } = await c.query<Record<string, unknown>>(`SELECT ${columns} FROM ${table} ORDER BY id`);
        for (const r of rows) {
          // ciphertexts carry a random IV: compare what they decrypt to
          if (typeof r.id_number_enc === 'string') r.id_number_enc = pii.decrypt(r.id_number_enc);
          if (typeof r.phone_enc === 'string') r.phone_enc = pii.decrypt(r.phone_enc);
          h.update(JSON.stringify(r));
        }
      }
      return h.digest('hex');
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    for (const url of urls) {
      results.push(await generateProvince({ databaseUrl: url, options, dataKey: TEST_DATA_KEY, reset: false, benchPassword: PASSWORD }));
    }
    client = new pg.Client({ connectionString: urls[0] });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
    await admin.end();
  });

  const one = async <R extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await client.query<R>(sql, params)).rows[0]!;

  it('writes the planned numbers of orgs and people', async () => {
    const r = results[0]!;
    const counts = await one<{ province: number; counties: number; townships: number; stations: number; villages: number; groups: number; persons: number; members: number }>(
      `SELECT count(*) FILTER (WHERE type = 'province')::int AS province, count(*) FILTER (WHERE type = 'county')::int AS counties,
              count(*) FILTER (WHERE type = 'township')::int AS townships, count(*) FILTER (WHERE type = 'station')::int AS stations,
              count(*) FILTER (WHERE type = 'village')::int AS villages, count(*) FILTER (WHERE type = 'party_group')::int AS groups,
              (SELECT count(*)::int FROM persons) AS persons, (SELECT count(*)::int FROM persons WHERE member_status IS NOT NULL) AS members
       FROM orgs`,
    );
    expect(counts).toMatchObject({ province: 1, counties: 3, townships: 6, stations: 12, villages: r.villages, groups: r.villages * 2, persons: r.persons, members: r.members });
    expect(r.villages).toBeGreaterThanOrEqual(12 * 3);
    expect(r.villages).toBeLessThanOrEqual(12 * 5);
    const posts = await one<{ secretaries: number; chiefs: number }>(
      `SELECT count(*) FILTER (WHERE role = 'secretary' AND o.type = 'village')::int AS secretaries,
              count(*) FILTER (WHERE role = 'station_chief')::int AS chiefs
       FROM posts p JOIN orgs o ON o.id = p.org_id`,
    );
    expect(posts).toEqual({ secretaries: r.villages, chiefs: 12 });
    // identity sequences continue after the generated ids
    const next = await one<{ orgs: boolean; persons: boolean }>(
      `SELECT (SELECT last_value FROM orgs_id_seq) = (SELECT max(id) FROM orgs) AS orgs,
              (SELECT last_value FROM persons_id_seq) = (SELECT max(id) FROM persons) AS persons`,
    );
    expect(next).toEqual({ orgs: true, persons: true });
  });

  it('keeps the tree consistent: paths, depths, counties, stations', async () => {
    const bad = await one<{ paths: number; roots: number; counties: number; loose: number; stations: number; townships: number }>(
      `SELECT
         (SELECT count(*)::int FROM orgs c JOIN orgs p ON p.id = c.parent_id
           WHERE c.path <> p.path || c.id || '/' OR c.depth <> p.depth + 1) AS paths,
         (SELECT count(*)::int FROM orgs WHERE parent_id IS NULL AND (type <> 'province' OR path <> '/' || id || '/' OR depth <> 0 OR county_id IS NOT NULL)) AS roots,
         (SELECT count(*)::int FROM orgs o WHERE o.type <> 'province' AND o.county_id IS DISTINCT FROM
            (SELECT c.id FROM orgs c WHERE c.type = 'county' AND o.path LIKE c.path || '%')) AS counties,
         (SELECT count(*)::int FROM orgs v JOIN orgs s ON s.id = v.parent_id WHERE v.type = 'village' AND s.type <> 'station') AS loose,
         (SELECT count(*)::int FROM orgs s WHERE s.type = 'station'
            AND (SELECT count(*) FROM orgs v WHERE v.parent_id = s.id AND v.type = 'village') NOT BETWEEN 3 AND 5) AS stations,
         (SELECT count(*)::int FROM orgs WHERE type = 'township' AND NOT uses_stations) AS townships`,
    );
    expect(bad).toEqual({ paths: 0, roots: 0, counties: 0, loose: 0, stations: 0, townships: 0 });
  });

  it('registers people at their org, with party groups of that org', async () => {
    const bad = await one<{ paths: number; groups: number; counties: number }>(
      `SELECT count(*) FILTER (WHERE p.org_path <> o.path)::int AS paths,
              count(*) FILTER (WHERE p.party_group_id IS NOT NULL AND g.parent_id <> p.org_id)::int AS groups,
              count(*) FILTER (WHERE p.county_id <> o.county_id)::int AS counties
       FROM persons p JOIN orgs o ON o.id = p.org_id LEFT JOIN orgs g ON g.id = p.party_group_id`,
    );
    expect(bad).toEqual({ paths: 0, groups: 0, counties: 0 });
  });

  it('gives every person a valid, unique, encrypted ID number and phone', async () => {
    const { rows } = await client.query<{ birth_date: string; gender: 'male' | 'female'; id_number_enc: string; id_number_hash: string; id_number_mask: string; phone_enc: string; phone_hash: string; phone_mask: string }>(
      `SELECT birth_date, gender, id_number_enc, id_number_hash, id_number_mask, phone_enc, phone_hash, phone_mask FROM persons`,
    );
    const seen = new Set<string>();
    for (const r of rows) {
      const id = pii.decrypt(r.id_number_enc);
      expect(validateIdNumber(id)).toEqual({ ok: true, value: id });
      expect(birthDateOf(id)).toBe(r.birth_date);
      expect(genderOf(id)).toBe(r.gender);
      expect(r.id_number_hash).toBe(pii.hash(id));
      expect(r.id_number_mask).toBe(maskIdNumber(id));
      const phone = pii.decrypt(r.phone_enc);
      expect(r.phone_hash).toBe(pii.hash(phone));
      expect(r.phone_mask).toBe(maskPhone(phone));
      seen.add(id);
    }
    expect(seen.size).toBe(rows.length);
    // the unique index the app relies on is back after the load
    const idx = await one<{ n: number }>(`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'persons_id_number_uq'`);
    expect(idx.n).toBe(1);
  });

  it('creates bench accounts scoped to one county', async () => {
    const { rows } = await client.query<{ username: string; roles: string[]; scope_county: number; password_hash: string; must_change_password: boolean }>(
      `SELECT a.username, a.roles, o.county_id AS scope_county, a.password_hash, a.must_change_password FROM accounts a JOIN orgs o ON o.id = a.scope_org_id ORDER BY a.id`,
    );
    expect(rows.map((r) => r.username)).toContain('bench.county');
    const bench = rows.filter((r) => r.username.startsWith('bench.'));
    expect(new Set(bench.map((r) => r.scope_county))).toEqual(new Set([results[0]!.benchCountyId]));
    expect(rows.every((r) => !r.must_change_password)).toBe(true);
    expect(await verifyPassword(PASSWORD, rows[0]!.password_hash)).toBe(true);
  });

  it('writes problems and requests as the app does: case rows, their own rows, hash-chained timelines', async () => {
    const r = results[0]!;
    expect(r.problems).toBe(r.villages * options.problemsPerVillage);
    expect(r.requests).toBe(r.villages * options.requestsPerVillage);
    const counts = await one<{ problems: number; requests: number; p: number; q: number; events: number; stations: number; villages: number }>(
      `SELECT (SELECT count(*)::int FROM cases WHERE case_type = 'problem') AS problems, (SELECT count(*)::int FROM cases WHERE case_type = 'request') AS requests,
              (SELECT count(*)::int FROM problems) AS p, (SELECT count(*)::int FROM citizen_requests) AS q, (SELECT count(*)::int FROM case_events) AS events,
              (SELECT count(*)::int FROM accounts WHERE username LIKE 'station.%' AND roles = '{station_admin}') AS stations,
              (SELECT count(*)::int FROM accounts WHERE username LIKE 'village.%' AND roles = '{village_admin}') AS villages`,
    );
    expect(counts).toEqual({ problems: r.problems, requests: r.requests, p: r.problems, q: r.requests, events: r.caseEvents, stations: 12, villages: r.villages });
    // each case: at a village of its county, timeline numbered 1..n from an 'open' entry, its status
    // and version those of its last transition, its clocks set by the transitions that set them
    const bad = await one<{ place: number; seq: number; first: number; status: number; version: number; resolved: number; closed: number; interleaved: number }>(
      `WITH t AS (
         SELECT case_id, count(*) AS n, max(seq) AS max_seq, min(seq) AS min_seq,
                (array_agg(kind ORDER BY seq))[1] AS first_kind,
                (array_agg(to_status ORDER BY seq) FILTER (WHERE to_status IS NOT NULL))[count(to_status)] AS last_status,
                count(*) FILTER (WHERE kind = 'transition') AS transitions
         FROM case_events GROUP BY case_id)
       SELECT count(*) FILTER (WHERE o.type <> 'village' OR o.county_id <> c.county_id OR o.path <> c.org_path)::int AS place,
              count(*) FILTER (WHERE t.n IS NULL OR t.min_seq <> 1 OR t.max_seq <> t.n)::int AS seq,
              count(*) FILTER (WHERE t.first_kind <> 'open')::int AS first,
              count(*) FILTER (WHERE t.last_status <> c.status)::int AS status,
              count(*) FILTER (WHERE c.version <> 1 + t.transitions)::int AS version,
              count(*) FILTER (WHERE (c.resolved_at IS NOT NULL) <> (c.status IN ('accepted','closed','published','resolved','archived')))::int AS resolved,
              count(*) FILTER (WHERE (c.closed_at IS NOT NULL) <> (c.status IN ('closed','published','archived')))::int AS closed,
              count(*) FILTER (WHERE (c.id - 1) % 3 <> (SELECT count(*) FROM orgs k WHERE k.type = 'county' AND k.id < c.county_id))::int AS interleaved
       FROM cases c JOIN orgs o ON o.id = c.org_id LEFT JOIN t ON t.case_id = c.id`,
    );
    expect(bad).toEqual({ place: 0, seq: 0, first: 0, status: 0, version: 0, resolved: 0, closed: 0, interleaved: 0 });
    const states = await client.query<{ case_type: string; status: string }>(`SELECT DISTINCT case_type, status FROM cases`);
    expect(states.rows.filter((s) => s.case_type === 'problem').length).toBeGreaterThanOrEqual(3);
    expect(states.rows.some((s) => s.case_type === 'request' && s.status === 'archived')).toBe(true);
    // the engine's own chain check accepts every timeline
    const db = await openPostgres(urls[0]!, 2);
    try {
      const engine = createCaseEngine({ db });
      const actor = systemActor({ orgId: 1, path: '/1/', countyId: null });
      const all = await db.query<{ id: number; case_type: string }>(`SELECT id, case_type FROM cases ORDER BY id`);
      expect(all.length).toBeGreaterThan(0);
      for (const c of all) expect(await engine.verify(c.case_type, actor, c.id)).toMatchObject({ ok: true });
    } finally {
      await db.close();
    }
    // requests: unique tracking codes in the app's alphabet, phones encrypted with hash and mask
    const { rows } = await client.query<{ tracking_code: string; phone_enc: string; phone_hash: string; phone_mask: string }>(`SELECT tracking_code, phone_enc, phone_hash, phone_mask FROM citizen_requests`);
    expect(new Set(rows.map((x) => x.tracking_code)).size).toBe(rows.length);
    for (const x of rows) {
      expect(x.tracking_code).toMatch(/^LX[A-HJ-NP-Z2-9]{8}$/);
      const phone = pii.decrypt(x.phone_enc);
      expect(x.phone_hash).toBe(pii.hash(phone));
      expect(x.phone_mask).toBe(maskPhone(phone));
    }
    const next = await one<{ cases: boolean; events: boolean }>(
      `SELECT (SELECT last_value FROM cases_id_seq) = (SELECT max(id) FROM cases) AS cases,
              (SELECT last_value FROM case_events_id_seq) = (SELECT max(id) FROM case_events) AS events`,
    );
    expect(next).toEqual({ cases: true, events: true });
  });

  it('lists a county by county id exactly as by its path (ledger and request queue, filtered or not)', async () => {
    const db = await openPostgres(urls[0]!, 2);
    try {
      const counties = await db.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE type = 'county' ORDER BY id`);
      const today = '2026-11-26';
      expect(counties.length).toBeGreaterThan(0);
      for (const c of counties) {
        for (const f of [{}, { page: 2, pageSize: 7 }, { source: 'citizen' as const }, { overdue: true }, { open: true }, { q: '党' }]) {
          const byPath = await ledgerRepo.listProblems(db, c.path, f, today, c.id);
          const byCounty = await ledgerRepo.listProblems(db, { path: c.path, countyRoot: c.id }, f, today, c.id);
          expect(byCounty.total).toBe(byPath.total);
          expect(byCounty.rows.map((r) => r.id)).toEqual(byPath.rows.map((r) => r.id));
          expect(byCounty.rows).toEqual(byPath.rows);
          expect(await ledgerRepo.countProblems(db, { path: c.path, countyRoot: c.id }, f, today, c.id)).toEqual(expect.arrayContaining(await ledgerRepo.countProblems(db, c.path, f, today, c.id)));
        }
        expect((await ledgerRepo.listProblems(db, c.path, {}, today)).total).toBeGreaterThan(0);
        for (const f of [{}, { page: 3, pageSize: 5 }, { open: true }, { metric: 'satisfied' as const }, { month: '2026-10' }]) {
          const byPath = await citizensRepo.listRequests(db, c.path, f, 0);
          const byCounty = await citizensRepo.listRequests(db, { path: c.path, countyRoot: c.id }, f, 0);
          expect(byCounty.total).toBe(byPath.total);
          expect(byCounty.rows).toEqual(byPath.rows);
        }
        expect((await citizensRepo.listRequests(db, c.path, {}, 0)).rows.length).toBe(20);
      }
    } finally {
      await db.close();
    }
  });

  it('lets an account at the province root list the whole province: ledger, request queue, cadre ledger (not the "county" its own id names)', async () => {
    const db = await openPostgres(urls[0]!, 2);
    const app = await buildApp({ db, pii, logger: false, loginRateLimit: 10_000 });
    try {
      await app.ready();
      const [root] = await db.query<{ id: number }>(`SELECT id FROM orgs WHERE parent_id IS NULL AND type = 'province'`);
      await insertAccount(db, { username: 'gen.province', displayName: '省委组织部（测试）', passwordHash: await hashPassword(PASSWORD), roles: ['county_admin'], scopeOrgId: root!.id, mustChangePassword: false });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gen.province', password: PASSWORD } });
      expect(login.statusCode, login.body).toBe(200);
      const setCookie = login.headers['set-cookie'];
      const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(';')[0]!;
      const total = async (url: string) => {
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        expect(res.statusCode, res.body).toBe(200);
        return (res.json() as { total: number }).total;
      };
      const today = (await one<{ d: string }>(`SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date::text AS d`)).d;
      const counts = await one<{ problems: number; requests: number; posts: number }>(
        `SELECT (SELECT count(*)::int FROM problems) AS problems, (SELECT count(*)::int FROM citizen_requests) AS requests,
                (SELECT count(*)::int FROM posts WHERE start_date <= $1::date AND (end_date IS NULL OR end_date >= $1::date)) AS posts`,
        [today],
      );
      expect(counts.problems * counts.requests * counts.posts).toBeGreaterThan(0);
      expect(await total('/api/ledger/problems?page=1&pageSize=5')).toBe(counts.problems);
      expect(await total('/api/requests?page=1&pageSize=5')).toBe(counts.requests);
      expect(await total('/api/cadres?page=1&pageSize=5')).toBe(counts.posts);
      // and a county named by the province's account is still read whole (by its county id)
      const [c] = await db.query<{ id: number }>(`SELECT id FROM orgs WHERE type = 'county' ORDER BY id LIMIT 1`);
      const inCounty = await one<{ n: number }>(`SELECT count(*)::int AS n FROM problems p JOIN cases k ON k.id = p.case_id WHERE k.county_id = $1`, [c!.id]);
      expect(await total(`/api/ledger/problems?orgId=${c!.id}&page=1&pageSize=5`)).toBe(inCounty.n);
    } finally {
      // the account goes again: the determinism test below compares this database's accounts
      await db.query(`DELETE FROM sessions WHERE account_id IN (SELECT id FROM accounts WHERE username = 'gen.province')`);
      await db.query(`DELETE FROM accounts WHERE username = 'gen.province'`);
      await app.close();
      await db.close();
    }
  });

  it('is deterministic: the same options give the same data', async () => {
    expect(await dataHash(urls[0]!)).toBe(await dataHash(urls[1]!));
  });

  it('refuses to write into a database with data unless --reset, and resets when asked', async () => {
    await expect(generateProvince({ databaseUrl: urls[1]!, options, dataKey: TEST_DATA_KEY, reset: false, benchPassword: PASSWORD })).rejects.toThrow(/--reset/);
    const again = await generateProvince({ databaseUrl: urls[1]!, options: { ...options, keepIndexes: true }, dataKey: TEST_DATA_KEY, reset: true, benchPassword: PASSWORD });
    expect(again.persons).toBe(results[0]!.persons);
    expect(await dataHash(urls[1]!)).toBe(await dataHash(urls[0]!));
  });

  it('refuses the maintenance database and bad options', async () => {
    await expect(generateProvince({ databaseUrl: withDatabase(baseUrl!, 'postgres'), options, dataKey: TEST_DATA_KEY, reset: true, benchPassword: PASSWORD })).rejects.toBeInstanceOf(GenerateError);
    await expect(generateProvince({ databaseUrl: urls[1]!, options: { ...options, villagesPerStation: [6, 2] }, dataKey: TEST_DATA_KEY, reset: true, benchPassword: PASSWORD })).rejects.toThrow(/villages-per-station/);
  });
});
