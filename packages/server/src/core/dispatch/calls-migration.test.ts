// Migration 092 moves 吹哨报到 whistles, their parts and 通报 bulletins into the dispatch engine's
// tables. Rows of the old shape, written before it, read the same after it through the engine —
// ids, texts, states, times, flags — and new ids continue past the moved ones.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, type Db } from '../../db/db.js';
import { migrate } from '../../db/migrate.js';
import { withDatabase } from '../../test/global-setup.js';
import { answersOf, callsReaching, findCall, listCalls } from './calls.js';
import { insertAnswers, insertCall } from './calls.repository.js';

let db: Db;
let dropDatabase: (() => Promise<void>) | undefined;

/** An empty database: PGlite, or a new PostgreSQL database when DATABASE_URL is set. */
async function emptyDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url) return openPglite();
  const name = `lianxin_m092_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  dropDatabase = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  return openPostgres(withDatabase(url, name), 2);
}

async function org(type: string, name: string, parent?: { id: number; path: string; county: number }) {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO orgs (type, name, parent_id, path, depth) VALUES ($1, $2, $3, '/pending/' || $2, $4) RETURNING id`,
    [type, name, parent?.id ?? null, parent ? parent.path.split('/').length - 2 : 0],
  );
  const id = row!.id;
  const path = `${parent?.path ?? '/'}${id}/`;
  await db.query(`UPDATE orgs SET path = $2, county_id = $3 WHERE id = $1`, [id, path, parent?.county ?? id]);
  return { id, path, county: parent?.county ?? id };
}

type Old = Record<string, unknown>;
let county: Awaited<ReturnType<typeof org>>;
let township: Awaited<ReturnType<typeof org>>;
let oldWhistles: Old[];
let oldParts: Old[];
let oldBulletins: Old[];

beforeAll(async () => {
  db = await emptyDb();
  await migrate(db, { before: '092' });
  county = await org('county', '迁移县');
  township = await org('township', '迁移镇', county);
  const village = await org('village', '迁移村', township);
  const dept = await org('department', '县住建局', county);
  const dept2 = await org('department', '县水利局', county);
  const [c] = await db.query<{ id: number }>(
    `INSERT INTO cases (county_id, case_type, org_id, org_path, status, title) VALUES ($1, 'request', $2, $3, 'accepted', '道路塌陷') RETURNING id`,
    [county.id, village.id, village.path],
  );
  // old shape: two whistles (one done), parts in every kind of state, two bulletins
  const whistles = await db.query<{ id: number }>(
    `INSERT INTO whistles (county_id, source_case_id, whistler_org_id, whistler_path, matter, status, created_by, created_at, done_at) VALUES
       ($1, $2, $3, $4, '村道塌陷需抢修', 'open', 7, '2026-11-02T01:00:00Z', NULL),
       ($1, $2, $3, $4, '排水沟堵塞', 'done', 7, '2026-11-03T02:00:00Z', '2026-11-05T03:00:00Z') RETURNING id`,
    [county.id, c!.id, township.id, township.path],
  );
  const [w1, w2] = whistles.map((w) => w.id);
  await db.query(
    `INSERT INTO whistle_parts (whistle_id, county_id, department_id, department_path, status, part, reported_at, onsite_record, result, done_at,
                                decline_reason, suggested_org_id, judicial_transfer, created_at, version) VALUES
       ($1, $3, $4, $5, 'handling', '路面修复', '2026-11-02T01:30:00Z', '已到现场', NULL, NULL, NULL, NULL, true, '2026-11-02T01:00:00Z', 4),
       ($1, $3, $6, $7, 'declined', NULL, '2026-11-02T02:00:00Z', NULL, NULL, NULL, '不属于本部门职责', $4, false, '2026-11-02T01:00:00Z', 2),
       ($2, $3, $6, $7, 'rerouted', NULL, '2026-11-03T02:10:00Z', NULL, NULL, NULL, '非本部门', NULL, false, '2026-11-03T02:00:00Z', 3),
       ($2, $3, $4, $5, 'done', '疏通', '2026-11-03T03:00:00Z', '已清淤', '已疏通', '2026-11-05T03:00:00Z', NULL, NULL, false, '2026-11-03T02:20:00Z', 5)`,
    [w1, w2, county.id, dept.id, dept.path, dept2.id, dept2.path],
  );
  await db.query(
    `INSERT INTO bulletins (county_id, issuer_org_id, issuer_path, inspection_id, title, content, published_at, created_by) VALUES
       ($1, $2, $3, NULL, '关于11月暗访情况的通报', '资料不全，限期整改。', '2026-11-10T08:00:00Z', 7),
       ($1, $4, $5, NULL, '县级通报', '全县排名', '2026-11-12T08:00:00Z', 8)`,
    [county.id, township.id, township.path, county.id, county.path],
  );
  oldWhistles = await db.query(`SELECT * FROM whistles ORDER BY id`);
  oldParts = await db.query(`SELECT * FROM whistle_parts ORDER BY id`);
  oldBulletins = await db.query(`SELECT * FROM bulletins ORDER BY id`);
  await migrate(db);
}, 120_000);

afterAll(async () => {
  await db?.close();
  await dropDatabase?.();
});

describe('migration 092: whistles and bulletins in the dispatch engine', () => {
  const scope = () => ({ orgId: county.id, path: county.path, countyId: county.id });

  it('reads every whistle as it was: id, caller, matter, status, times', async () => {
    expect(oldWhistles).toHaveLength(2);
    for (const w of oldWhistles) {
      const call = await findCall(db, scope(), 'whistle', Number(w.id));
      expect(call).toMatchObject({
        id: w.id, county_id: w.county_id, caller_org_id: w.whistler_org_id, caller_path: w.whistler_path, body: w.matter, status: w.status,
        source_case_id: w.source_case_id, source_type: 'request', created_by: w.created_by, created_at: w.created_at, done_at: w.done_at,
      });
    }
  });

  it('reads every part as an answer with the same id and fields', async () => {
    expect(oldParts).toHaveLength(4);
    const answers = await answersOf(db, 'whistle', oldWhistles.map((w) => Number(w.id)));
    expect(answers.map((a) => a.id)).toEqual(oldParts.map((p) => p.id));
    for (const [i, p] of oldParts.entries()) {
      expect(answers[i]).toMatchObject({
        call_id: p.whistle_id, county_id: p.county_id, org_id: p.department_id, org_path: p.department_path, state: p.status, part: p.part,
        answered_at: p.reported_at, onsite_record: p.onsite_record, result: p.result, done_at: p.done_at, decline_reason: p.decline_reason,
        suggested_org_id: p.suggested_org_id, judicial_transfer: p.judicial_transfer, created_at: p.created_at, version: p.version,
      });
    }
    // the township's board shows the same whistles, newest first
    expect((await listCalls(db, { orgId: township.id, path: township.path, countyId: county.id }, 'whistle', 10)).map((w) => w.id)).toEqual(oldWhistles.map((w) => w.id).reverse());
  });

  it('reads every bulletin as it was, to the same orgs', async () => {
    expect(oldBulletins).toHaveLength(2);
    const seen = await callsReaching(db, { orgId: township.id, path: township.path, countyId: county.id }, 'bulletin', 10);
    expect(seen.map((b) => b.id).sort()).toEqual(oldBulletins.map((b) => b.id).sort());
    for (const b of oldBulletins) {
      expect(seen.find((x) => x.id === b.id)).toMatchObject({
        caller_org_id: b.issuer_org_id, caller_path: b.issuer_path, title: b.title, body: b.content, inspection_id: b.inspection_id, created_at: b.published_at, created_by: b.created_by,
      });
    }
  });

  it('new calls and answers take ids past the moved ones, per kind', async () => {
    const maxWhistle = Math.max(...oldWhistles.map((w) => Number(w.id)));
    const maxBulletin = Math.max(...oldBulletins.map((b) => Number(b.id)));
    const id = await insertCall(db, { kind: 'whistle', countyId: county.id, callerOrgId: township.id, callerPath: township.path, status: 'open', title: null, body: '新吹哨', sourceCaseId: Number(oldWhistles[0]!.source_case_id), inspectionId: null, createdBy: 1 });
    expect(id).toBe(maxWhistle + 1);
    await insertAnswers(db, 'whistle', id, county.id, [Number(oldParts[0]!.department_id)], 'whistled');
    const [fresh] = await answersOf(db, 'whistle', [id]);
    expect(fresh!.id).toBeGreaterThan(Math.max(...oldParts.map((p) => Number(p.id))));
    const b = await insertCall(db, { kind: 'bulletin', countyId: county.id, callerOrgId: county.id, callerPath: county.path, status: 'published', title: '新通报', body: '内容', sourceCaseId: null, inspectionId: null, createdBy: 1 });
    expect(b).toBe(maxBulletin + 1);
  });

  it('the old tables are gone', async () => {
    const rows = await db.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_name IN ('whistles', 'whistle_parts', 'bulletins')`);
    expect(rows).toEqual([]);
  });
});
