// The core org API (issue 11: "one org API in the core") on the demo county, through the scope guard
// the services use: one org within a scope (404 material outside it, a sibling township or a level
// above), the orgs and types above a path, the township and station above a village, an org's children.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { freshDb, orgId } from '../test/helpers.js';
import { guardScope } from './scope.js';
import { ancestors, byIds, children, idsOnPath, inScope, stationAbove, townshipAbove, typesOnPath } from './org-tree.js';

let raw: Db;
let db: Db;
const node = async (name: string) => (await raw.query<{ id: number; path: string; county_id: number }>(`SELECT id, path, county_id FROM orgs WHERE id = $1`, [await orgId(raw, name)]))[0]!;
const scopeOf = async (name: string) => {
  const n = await node(name);
  return { orgId: n.id, path: n.path, countyId: n.county_id } as Parameters<typeof inScope>[1];
};

beforeAll(async () => {
  raw = await freshDb();
  db = guardScope(raw);
});
afterAll(() => raw.close());

describe('core org API', () => {
  it('finds an org within a scope, and not in a sibling township or above the scope', async () => {
    const wuli = await scopeOf('五里镇');
    const village = await node('榆舍村');
    expect((await inScope(db, wuli, village.id))?.name).toBe('榆舍村');
    expect((await inScope(db, wuli, wuli.orgId))?.name).toBe('五里镇');
    expect(await inScope(db, wuli, (await node('彭镇')).id)).toBeUndefined();
    expect(await inScope(db, await scopeOf('榆舍村'), wuli.orgId)).toBeUndefined();
  });

  it('reads the orgs, types, township and station above a path', async () => {
    const village = await node('榆舍村');
    const up = await ancestors(db, village.path);
    expect(up.map((o) => o.id)).toEqual(idsOnPath(village.path));
    expect(up.at(-1)!.name).toBe('榆舍村');
    expect(up.map((o) => o.name)).toContain('五里镇');
    expect(await typesOnPath(db, village.path)).toEqual(expect.arrayContaining(['county', 'township', 'station', 'village']));
    expect(await townshipAbove(db, village.path)).toEqual({ id: (await node('五里镇')).id, name: '五里镇' });
    expect(await stationAbove(db, village.path)).toEqual({ id: (await node('榆舍党建工作站')).id, name: '榆舍党建工作站' });
    const township = await node('五里镇');
    expect(await townshipAbove(db, township.path)).toEqual({ id: township.id, name: '五里镇' });
    expect(await stationAbove(db, township.path)).toBeUndefined();
    expect(idsOnPath('/1/10/20/')).toEqual([1, 10, 20]);
  });

  it('lists an org\'s active children only, not its grandchildren', async () => {
    const township = await node('五里镇');
    const kids = await children(db, township.id);
    expect(kids.map((k) => k.name)).toContain('榆舍党建工作站');
    expect(kids.map((k) => k.name)).not.toContain('榆舍村');
    const parents = await raw.query<{ parent_id: number; status: string }>(`SELECT parent_id, status FROM orgs WHERE id = ANY($1::bigint[])`, [kids.map((k) => k.id)]);
    expect(parents.every((p) => Number(p.parent_id) === township.id && p.status === 'active')).toBe(true);
    expect((await byIds(db, [township.id, (await node('榆舍村')).id])).map((o) => o.name).sort()).toEqual(['五里镇', '榆舍村'].sort());
    expect(await byIds(db, [])).toEqual([]);
  });
});
