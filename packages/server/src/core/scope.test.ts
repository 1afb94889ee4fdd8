// The scope guard: a statement on a tenant table runs only when it says how it is scoped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../test/helpers.js';
import type { Db } from '../db/db.js';
import { likePrefix } from './access.js';
import { BY_KEY, guardScope, inCounty, inScope, ScopeMissingError, SYSTEM } from './scope.js';

let raw: Db;
let db: Db;
let wuli: { id: number; path: string; county_id: number };

beforeAll(async () => {
  raw = await freshDb();
  db = guardScope(raw);
  [wuli] = await raw.query<{ id: number; path: string; county_id: number }>(`SELECT id, path, county_id FROM orgs WHERE name = '五里镇'`) as [typeof wuli];
});
afterAll(() => raw.close());

describe('the scope guard', () => {
  it('refuses a statement on a tenant table without a scope, loudly', async () => {
    await expect(db.query(`SELECT count(*) FROM cases WHERE case_type = 'problem'`)).rejects.toThrow(ScopeMissingError);
    await expect(db.query(`SELECT p.id FROM persons p JOIN orgs o ON o.id = p.org_id`)).rejects.toThrow(/touches persons without a scope/);
    await expect(db.query(`UPDATE cases SET title = title WHERE case_type = 'problem'`)).rejects.toThrow(ScopeMissingError);
    await expect(db.query(`DELETE FROM households WHERE true`)).rejects.toThrow(ScopeMissingError);
    // the review's mutation: the predicate replaced by `true`
    await expect(db.query(`SELECT c.id FROM cases c WHERE c.case_type = 'problem' AND true`)).rejects.toThrow(ScopeMissingError);
  });

  it('runs a scoped statement and answers only the subtree', async () => {
    const scoped = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons WHERE ${inScope('org_path', 1)}`, [likePrefix(wuli.path)]);
    const all = await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons`);
    expect(scoped[0]!.n).toBeGreaterThan(0);
    expect(scoped[0]!.n).toBeLessThan(all[0]!.n);
    const county = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons WHERE ${inCounty('county_id', 1)}`, [wuli.county_id]);
    expect(county[0]!.n).toBe(all[0]!.n);
  });

  it('refuses a scope predicate bound to anything but a subtree prefix', async () => {
    const sql = `SELECT id FROM cases WHERE ${inScope('org_path', 1)}`;
    for (const bad of ['%', '', '/%', `${wuli.path}`, `${wuli.path}%' OR true --`, 5, null]) {
      await expect(db.query(sql, [bad]), String(bad)).rejects.toThrow(/not a subtree prefix/);
    }
    await expect(db.query(`SELECT id FROM cases WHERE ${inCounty('county_id', 1)}`, ['1'])).rejects.toThrow(/not a county id/);
    await expect(db.query(`SELECT id FROM cases WHERE ${inCounty('county_id', 1)}`, [0])).rejects.toThrow(/not a county id/);
  });

  it('accepts a keyed follow-up and an explicit cross-scope reader, and refuses a "keyed" statement with no key', async () => {
    expect(await db.query(`${BY_KEY}SELECT id FROM orgs WHERE id = $1`, [wuli.id])).toHaveLength(1);
    expect(await db.query(`${BY_KEY}SELECT id FROM orgs WHERE id = ANY($1::bigint[])`, [[wuli.id]])).toHaveLength(1);
    await expect(db.query(`${BY_KEY}SELECT id FROM cases WHERE case_type = 'problem'`)).rejects.toThrow(/addresses no key/);
    expect((await db.query(`${SYSTEM}SELECT id FROM orgs WHERE type = 'county'`)).length).toBeGreaterThan(0);
  });

  it('cannot be satisfied by a mark typed by hand', async () => {
    await expect(db.query(`/*lx-system-000000000000*/ SELECT id FROM orgs`)).rejects.toThrow(ScopeMissingError);
    await expect(db.query(`SELECT id FROM cases WHERE org_path LIKE $1 /*lx-scope-000000000000:1*/`, [likePrefix(wuli.path)])).rejects.toThrow(ScopeMissingError);
    // a mark naming another parameter than its predicate
    const forged = inScope('org_path', 2).replace('$2', '$1');
    await expect(db.query(`SELECT id FROM cases WHERE ${forged}`, [likePrefix(wuli.path)])).rejects.toThrow(/names another parameter/);
  });

  it('leaves statements on other tables alone and guards transactions too', async () => {
    expect(await db.query(`SELECT count(*)::int AS n FROM audit_log`)).toHaveLength(1);
    await expect(db.transaction((tx) => tx.query(`SELECT id FROM posts`))).rejects.toThrow(ScopeMissingError);
    const n = await db.transaction((tx) => tx.query(`SELECT id FROM posts WHERE ${inScope('org_path', 1)}`, [likePrefix(wuli.path)]));
    expect(n.length).toBeGreaterThan(0);
  });
});
