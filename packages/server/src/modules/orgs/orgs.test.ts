import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgDetail, OrgNode, OrgTree } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { buildNodes, stationWarning } from './orgs.service.js';

let t: TestApp;
let county: Client;
let wuli: Client;
beforeAll(async () => {
  t = await buildTestApp();
  county = await t.as('county');
  wuli = await t.as('wuli');
});
afterAll(() => t.close());

const byName = (tree: OrgTree, name: string): OrgNode[] => tree.nodes.filter((n) => n.name === name);

describe('the org tree', () => {
  it('answers the whole demo county in one call, with counts per node', async () => {
    const res = await county.get('/api/orgs/tree');
    expect(res.statusCode).toBe(200);
    const tree = res.json() as OrgTree;
    const count = (type: string) => tree.nodes.filter((n) => n.type === type).length;
    expect(count('township')).toBe(8);
    expect(count('station')).toBe(29);
    expect(count('village') + count('community')).toBe(117);
    const root = tree.nodes.find((n) => n.id === tree.rootId)!;
    expect(root.villageCount).toBe(117);
    const [db] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons WHERE member_status IS NOT NULL AND status = 'active'`);
    expect(root.memberCount).toBe(db!.n);
    // every station of 宜君 covers 3–7 villages: no warnings
    expect(tree.nodes.flatMap((n) => n.warnings)).toEqual([]);
    for (const name of ['榆舍党建工作站', '黄堡寨党建工作站', '淌泥河党建工作站']) {
      expect(byName(tree, name)[0]).toMatchObject({ type: 'station', isPilot: true });
    }
  });

  it('shows a township only its own subtree; another township answers 404', async () => {
    const tree = (await wuli.get('/api/orgs/tree')).json() as OrgTree;
    expect(tree.nodes.find((n) => n.id === tree.rootId)!.name).toBe('五里镇');
    expect(tree.nodes.filter((n) => n.type === 'township')).toHaveLength(1);
    const peng = await orgId(t.db, '彭镇');
    expect((await wuli.get(`/api/orgs/${peng}`)).statusCode).toBe(404);
    expect((await wuli.get(`/api/orgs/tree?rootId=${peng}`)).statusCode).toBe(404);
  });

  it('gives a node detail with parent, posts and child counts', async () => {
    const id = await orgId(t.db, '榆舍党建工作站');
    const detail = (await wuli.get(`/api/orgs/${id}`)).json() as OrgDetail;
    expect(detail.parent?.name).toBe('五里镇');
    expect(detail.childCounts.village).toBe(5);
    expect(detail.posts.map((p) => p.role).sort()).toEqual(['deputy_station_chief', 'party_worker', 'party_worker', 'station_chief']);
  });
});

describe('changing the tree', () => {
  it('creates a station, refuses a village directly under a station township, warns on a small station', async () => {
    const township = await orgId(t.db, '五里镇');
    const direct = await wuli.post('/api/orgs', { parentId: township, type: 'village', name: '新建村' });
    expect(direct.statusCode).toBe(400);
    expect(direct.json().message).toContain('须归入某个工作站');
    expect(direct.json().details.fields[0].field).toBe('type');

    const station = await wuli.post('/api/orgs', { parentId: township, type: 'station', name: '新区党建工作站' });
    expect(station.statusCode).toBe(201);
    const stationId = station.json().id as number;
    const village = await wuli.post('/api/orgs', { parentId: stationId, type: 'village', name: '新建村' });
    expect(village.statusCode).toBe(201);
    const detail = (await wuli.get(`/api/orgs/${stationId}`)).json() as OrgDetail;
    expect(detail.warnings).toEqual(['工作站仅覆盖 1 个村（社区），少于 3 个', '未配备站长', '未配备副站长', '未配备专职党务工作者']);

    const wrongNesting = await wuli.post('/api/orgs', { parentId: village.json().id, type: 'station', name: 'x' });
    expect(wrongNesting.statusCode).toBe(400);
    expect(wrongNesting.json().message).toBe('「村党组织」下不能设立「党建工作站」');
    const duplicate = await wuli.post('/api/orgs', { parentId: stationId, type: 'village', name: '新建村' });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().message).toContain('同名');
  });

  it('renames with a version check (412 on a stale version)', async () => {
    const id = await orgId(t.db, '沙坪村');
    const node = (await wuli.get(`/api/orgs/${id}`)).json() as OrgDetail;
    const ok = await wuli.patch(`/api/orgs/${id}`, { version: node.version, name: '沙坪社区' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '沙坪社区', version: node.version + 1 });
    const stale = await wuli.patch(`/api/orgs/${id}`, { version: node.version, name: '沙坪新村' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('version_conflict');
  });

  it('moves a village with its party groups and members to another station', async () => {
    const village = await orgId(t.db, '柳树湾村');
    const target = await orgId(t.db, '解家塬党建工作站');
    const before = (await wuli.get(`/api/orgs/${village}`)).json() as OrgDetail;
    const moved = await wuli.post(`/api/orgs/${village}/move`, { version: before.version, newParentId: target });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().parent).toMatchObject({ id: target });
    const [targetPath] = await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE id = $1`, [target]);
    const groups = await t.db.query<{ path: string; depth: number }>(`SELECT path, depth FROM orgs WHERE parent_id = $1`, [village]);
    expect(groups.length).toBe(2);
    for (const g of groups) expect(g.path.startsWith(`${targetPath!.path}${village}/`)).toBe(true);
    const stale = await t.db.query(`SELECT 1 FROM persons p JOIN orgs o ON o.id = p.org_id WHERE p.org_path <> o.path`);
    expect(stale).toEqual([]);
    const people = (await wuli.get(`/api/people?orgId=${target}&pageSize=200`)).json();
    expect(people.items.some((p: { org: { id: number } }) => p.org.id === village)).toBe(true);
    const audit = await t.db.query<{ summary: unknown }>(`SELECT summary FROM audit_log WHERE action = 'org.move' AND object_id = $1`, [String(village)]);
    expect(audit[0]!.summary).toMatchObject({ toParentId: target });
  });

  it('refuses to move a node under itself or out of the scope', async () => {
    const station = await orgId(t.db, '五里党建工作站');
    const child = (await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE parent_id = $1 LIMIT 1`, [station]))[0]!.id;
    const v = ((await wuli.get(`/api/orgs/${station}`)).json() as OrgDetail).version;
    const loop = await wuli.post(`/api/orgs/${station}/move`, { version: v, newParentId: child });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().message).toContain('自身或其下级');
    const outside = await wuli.post(`/api/orgs/${station}/move`, { version: v, newParentId: await orgId(t.db, '彭镇') });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details.fields[0].field).toBe('newParentId');
  });

  it('closes only what nothing active refers to, and deletes only what nothing refers to', async () => {
    const village = await orgId(t.db, '尧头村');
    const v = ((await wuli.get(`/api/orgs/${village}`)).json() as OrgDetail).version;
    const busy = await wuli.post(`/api/orgs/${village}/close`, { version: v });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().message).toMatch(/还有.*下级组织.*在册人员/);

    const township = await orgId(t.db, '五里镇');
    const created = (await wuli.post('/api/orgs', { parentId: township, type: 'station', name: '临时工作站' })).json() as OrgDetail;
    const closed = await wuli.post(`/api/orgs/${created.id}/close`, { version: created.version });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
    const again = await wuli.post(`/api/orgs/${created.id}/close`, { version: closed.json().version });
    expect(again.statusCode).toBe(409);

    const mistake = (await wuli.post('/api/orgs', { parentId: township, type: 'agency', name: '误建机关' })).json() as OrgDetail;
    expect((await wuli.del(`/api/orgs/${mistake.id}?version=${mistake.version}`)).statusCode).toBe(204);
    expect((await wuli.get(`/api/orgs/${mistake.id}`)).statusCode).toBe(404);
    expect((await wuli.del(`/api/orgs/${village}?version=${v}`)).statusCode).toBe(409);
  });

  it('lets a station read but not change the tree', async () => {
    const station = await t.as('yushe.station');
    const tree = (await station.get('/api/orgs/tree')).json() as OrgTree;
    expect(tree.nodes.filter((n) => n.type === 'village')).toHaveLength(4); // 柳树湾村 moved away above
    const res = await station.post('/api/orgs', { parentId: tree.rootId, type: 'village', name: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('您的角色无权执行此操作');
  });

  it('will not turn on stations while villages sit directly under the township', async () => {
    const county = await t.as('county');
    const root = (await county.get('/api/orgs/tree')).json() as OrgTree;
    const town = (await county.post('/api/orgs', { parentId: root.rootId, type: 'township', name: '新设乡' })).json() as OrgDetail;
    await county.post('/api/orgs', { parentId: town.id, type: 'village', name: '甲村' });
    const res = await county.patch(`/api/orgs/${town.id}`, { version: town.version, usesStations: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('请先将直属的 1 个村（社区）划入工作站');
    const tree = (await county.get(`/api/orgs/tree?rootId=${town.id}`)).json() as OrgTree;
    expect(tree.nodes).toHaveLength(2);
  });
});

describe('station coverage rules', () => {
  it('warns outside 3–7 villages', () => {
    expect(stationWarning(2)).toContain('少于 3');
    expect(stationWarning(3)).toBeUndefined();
    expect(stationWarning(7)).toBeUndefined();
    expect(stationWarning(8)).toContain('超过 7');
  });

  it('rolls member and village counts up the tree', () => {
    const row = (id: number, parent: number | null, type: OrgNode['type'], depth: number) => ({
      id, parent_id: parent, county_id: 1, type, name: `n${id}`, code: null, path: '', depth, uses_stations: type === 'township', is_pilot: false, status: 'active' as const, sort: 0, version: 1,
    });
    const nodes = buildNodes(
      [row(1, null, 'county', 0), row(2, 1, 'township', 1), row(3, 2, 'station', 2), row(4, 3, 'village', 3), row(5, 2, 'village', 2)],
      new Map([[4, 10], [5, 3], [2, 1]]),
    );
    const get = (id: number) => nodes.find((n) => n.id === id)!;
    expect(get(1)).toMatchObject({ memberCount: 14, villageCount: 2 });
    expect(get(3).warnings).toEqual(['工作站仅覆盖 1 个村（社区），少于 3 个']);
    expect(get(2).warnings).toEqual(['有 1 个村（社区）未划入工作站']);
  });
});
