// The running counts per org (migration 320) that the tree's member counts and the roster's
// totals read: kept by the database in the same statement as every change to persons, so after
// any insert, update (membership, leaving, a move) or delete they equal counting the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgTree } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';

type PersonPage = { total: number };

let t: TestApp;
let county: Client;
beforeAll(async () => {
  t = await buildTestApp();
  county = await t.as('county');
});
afterAll(() => t.close());

type Counts = Record<string, { active: number; members: number }>;

/** The kept counts (rows at 0 left out) and the same counted from persons. */
async function keptAndCounted(): Promise<[Counts, Counts]> {
  const toMap = (rows: { org_id: number; active: number; members: number }[]) =>
    Object.fromEntries(rows.filter((r) => r.active > 0).map((r) => [String(r.org_id), { active: r.active, members: r.members }]));
  const kept = await t.db.query<{ org_id: number; active: number; members: number }>(`SELECT org_id, active, members FROM org_person_counts`);
  const counted = await t.db.query<{ org_id: number; active: number; members: number }>(
    `SELECT org_id, count(*)::int AS active, count(*) FILTER (WHERE member_status IS NOT NULL)::int AS members FROM persons WHERE status = 'active' GROUP BY org_id`,
  );
  return [toMap(kept), toMap(counted)];
}

/** What the tree and the roster answer against the rows themselves. */
async function answers() {
  const tree = (await county.get('/api/orgs/tree')).json() as OrgTree;
  const root = tree.nodes.find((n) => n.id === tree.rootId)!;
  const all = (await county.get('/api/people?page=1&pageSize=5')).json() as PersonPage;
  const members = (await county.get('/api/people?page=1&pageSize=5&memberStatus=member')).json() as PersonPage;
  const [db] = await t.db.query<{ active: number; members: number }>(
    `SELECT count(*)::int AS active, count(*) FILTER (WHERE member_status IS NOT NULL)::int AS members FROM persons WHERE status = 'active'`,
  );
  return { tree: root.memberCount, list: all.total, listMembers: members.total, db: db! };
}

describe('org_person_counts', () => {
  it('starts equal to counting persons (the migration fills it)', async () => {
    const [kept, counted] = await keptAndCounted();
    expect(Object.keys(counted).length).toBeGreaterThan(50);
    expect(kept).toEqual(counted);
  });

  it('follows inserts, membership, leaving, moves and deletes, one row or many at a time', async () => {
    const a = await orgId(t.db, '榆舍村');
    const [b] = await t.db.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE type = 'village' AND id <> $1 ORDER BY id LIMIT 1`, [a]);
    const [orgA] = await t.db.query<{ path: string; county_id: number }>(`SELECT path, county_id FROM orgs WHERE id = $1`, [a]);
    const before = await answers();
    // three people at A in one statement: two members, one not
    const made = await t.db.query<{ id: number }>(
      `INSERT INTO persons (county_id, org_id, org_path, name, gender, member_status)
       VALUES ($1, $2, $3, '计数甲', 'male', 'formal'), ($1, $2, $3, '计数乙', 'female', 'probationary'), ($1, $2, $3, '计数丙', 'female', NULL)
       RETURNING id`,
      [orgA!.county_id, a, orgA!.path],
    );
    const ids = made.map((r) => r.id);
    let [kept, counted] = await keptAndCounted();
    expect(kept).toEqual(counted);
    expect(kept[String(a)]).toEqual(counted[String(a)]);
    let now = await answers();
    expect(now.db).toEqual({ active: before.db.active + 3, members: before.db.members + 2 });
    expect(now).toMatchObject({ tree: now.db.members, list: now.db.active, listMembers: now.db.members });

    // the non-member joins; a member leaves; a statement that changes none of it (a rename)
    await t.db.query(`UPDATE persons SET member_status = 'probationary' WHERE id = $1`, [ids[2]]);
    await t.db.query(`UPDATE persons SET status = 'left' WHERE id = $1`, [ids[0]]);
    await t.db.query(`UPDATE persons SET name = name || '改' WHERE id = ANY($1::bigint[])`, [ids]);
    [kept, counted] = await keptAndCounted();
    expect(kept).toEqual(counted);
    now = await answers();
    expect(now.db).toEqual({ active: before.db.active + 2, members: before.db.members + 2 });
    expect(now).toMatchObject({ tree: now.db.members, list: now.db.active, listMembers: now.db.members });

    // two move to B (as a transfer does), then come back to life and are deleted
    await t.db.query(`UPDATE persons SET org_id = $2, org_path = $3 WHERE id = ANY($1::bigint[])`, [[ids[1], ids[2]], b!.id, b!.path]);
    [kept, counted] = await keptAndCounted();
    expect(kept).toEqual(counted);
    await t.db.query(`UPDATE persons SET status = 'active' WHERE id = $1`, [ids[0]]);
    await t.db.query(`DELETE FROM persons WHERE id = ANY($1::bigint[])`, [ids]);
    [kept, counted] = await keptAndCounted();
    expect(kept).toEqual(counted);
    now = await answers();
    expect(now.db).toEqual(before.db);
    expect(now).toMatchObject({ tree: before.tree, list: before.list, listMembers: before.listMembers });
  });

  it('below the county, a township\'s and a station\'s totals (and a drill-down to one village) are their own subtree\'s, not the county\'s', async () => {
    const village = await orgId(t.db, '榆舍村');
    for (const [username, orgQuery] of [['wuli', ''], ['yushe.station', ''], ['county', `&orgId=${village}`]] as const) {
      const client = await t.as(username);
      const [scope] = await t.db.query<{ path: string }>(
        orgQuery ? `SELECT path FROM orgs WHERE id = $1` : `SELECT o.path FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.username = $1`,
        [orgQuery ? village : username],
      );
      const [db] = await t.db.query<{ active: number; members: number }>(
        `SELECT count(*)::int AS active, count(*) FILTER (WHERE member_status IS NOT NULL)::int AS members FROM persons WHERE status = 'active' AND org_path LIKE $1`,
        [`${scope!.path}%`],
      );
      const all = (await client.get(`/api/people?page=1&pageSize=5${orgQuery}`)).json() as PersonPage;
      const members = (await client.get(`/api/people?page=1&pageSize=5&memberStatus=member${orgQuery}`)).json() as PersonPage;
      expect({ list: all.total, listMembers: members.total }, username).toEqual({ list: db!.active, listMembers: db!.members });
      expect(db!.active).toBeGreaterThan(0);
    }
    const [whole] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons WHERE status = 'active'`);
    expect(((await (await t.as('wuli')).get('/api/people?page=1&pageSize=5')).json() as PersonPage).total).toBeLessThan(whole!.n);
  });

  it('a filtered list still counts its rows', async () => {
    const female = (await county.get('/api/people?page=1&pageSize=5&gender=female')).json() as PersonPage;
    const [db] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons WHERE status = 'active' AND gender = 'female'`);
    expect(female.total).toBe(db!.n);
  });
});
