// 党建工作站: three designations (seed 000) and the staffing rule (人员到位), on the demo county.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgDetail, OrgTree, StationDesignation, StationDesignationRow } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { staffingWarnings } from './orgs.service.js';

let t: TestApp;
let county: Client;
beforeAll(async () => {
  t = await buildTestApp();
  county = await t.as('county');
});
afterAll(() => t.close());

describe('the staffing rule: 1 chief on the township committee, 1–2 deputies, 1–2 full-time workers', () => {
  it('warns for each rule broken, and not when all hold', () => {
    const ok = { chiefs: 1, chiefsOnCommittee: 1, deputies: 1, workers: 1 };
    expect(staffingWarnings(ok)).toEqual([]);
    expect(staffingWarnings({ ...ok, deputies: 2, workers: 2 })).toEqual([]);
    expect(staffingWarnings({ ...ok, chiefs: 0, chiefsOnCommittee: 0 })).toEqual(['未配备站长']);
    expect(staffingWarnings({ ...ok, chiefs: 2, chiefsOnCommittee: 2 })).toEqual(['站长 2 名，应为 1 名']);
    expect(staffingWarnings({ ...ok, chiefsOnCommittee: 0 })).toEqual(['站长应由乡镇（街道）党委委员担任']);
    expect(staffingWarnings({ ...ok, deputies: 0 })).toEqual(['未配备副站长']);
    expect(staffingWarnings({ ...ok, deputies: 3 })).toEqual(['副站长 3 名，应为 1–2 名']);
    expect(staffingWarnings({ ...ok, workers: 0 })).toEqual(['未配备专职党务工作者']);
    expect(staffingWarnings({ ...ok, workers: 3 })).toEqual(['专职党务工作者 3 名，应为 1–2 名']);
    expect(staffingWarnings({ chiefs: 0, chiefsOnCommittee: 0, deputies: 0, workers: 0 })).toHaveLength(3);
  });

  it('holds in the demo county: every chief sits on the township committee; the tree warns when it breaks', async () => {
    const tree = (await county.get('/api/orgs/tree')).json() as OrgTree;
    const stations = tree.nodes.filter((n) => n.type === 'station');
    expect(stations).toHaveLength(29);
    expect(stations.flatMap((s) => s.warnings)).toEqual([]);

    // 榆舍's chief leaves the township committee; a third full-time worker joins its two
    const station = await orgId(t.db, '榆舍党建工作站');
    await t.db.query(
      `UPDATE posts SET end_date = CURRENT_DATE - 1 WHERE role = 'township_committee_member'
         AND person_id = (SELECT person_id FROM posts WHERE org_id = $1 AND role = 'station_chief')`,
      [station],
    );
    await t.db.query(
      `INSERT INTO posts (county_id, org_id, org_path, person_id, role, start_date)
       SELECT county_id, org_id, org_path, person_id, 'party_worker', DATE '2026-01-01' FROM posts WHERE org_id = $1 AND role = 'deputy_station_chief'`,
      [station],
    );
    const after = (await county.get('/api/orgs/tree')).json() as OrgTree;
    expect(after.nodes.find((n) => n.id === station)!.warnings).toEqual(['站长应由乡镇（街道）党委委员担任', '专职党务工作者 3 名，应为 1–2 名']);
    const detail = (await (await t.as('yushe.station')).get(`/api/orgs/${station}`)).json() as OrgDetail;
    expect(detail.warnings).toEqual(['站长应由乡镇（街道）党委委员担任', '专职党务工作者 3 名，应为 1–2 名']);
  });
});

describe('station designations: county pilot, township demonstration, 七一 commendation', () => {
  it('the demo county matches seed 000: 9 pilots, 1–2 demonstration stations per township, 5 commended with 20,000 yuan each', async () => {
    const all = async (kind: string) => ((await county.get(`/api/station-designations?kind=${kind}&pageSize=200`)).json() as { items: StationDesignationRow[]; total: number });
    const pilots = await all('county_pilot');
    expect(pilots.total).toBe(9);
    expect(pilots.items.map((d) => d.station.name)).toEqual(expect.arrayContaining(['榆舍党建工作站', '黄堡寨党建工作站', '淌泥河党建工作站']));
    const tree = (await county.get('/api/orgs/tree')).json() as OrgTree;
    expect(tree.nodes.filter((n) => n.isPilot)).toHaveLength(9);
    const demos = await all('township_demo');
    const perTownship = new Map<string, number>();
    for (const d of demos.items) perTownship.set(d.township!.name, (perTownship.get(d.township!.name) ?? 0) + 1);
    expect(perTownship.size).toBe(8);
    for (const n of perTownship.values()) expect(n === 1 || n === 2).toBe(true);
    const commended = await all('qiyi_commended');
    expect(commended.total).toBe(5);
    expect(commended.items.every((d) => d.awardFen === 2_000_000 && d.designatedOn?.endsWith('-07-01'))).toBe(true);
    // every row has an id; the three are different designations of one station
    const yushe = (await county.get(`/api/orgs/${await orgId(t.db, '榆舍党建工作站')}`)).json() as OrgDetail;
    expect(yushe.designations.map((d) => d.kind).sort()).toEqual(['county_pilot', 'qiyi_commended']);
    expect(yushe.designations.every((d) => d.id > 0)).toBe(true);
  });

  it('the county gives and withdraws them, audited; others cannot; bad input changes nothing', async () => {
    const station = await orgId(t.db, '五里党建工作站');
    const add = (c: Client, body: Record<string, unknown>, id = station) => c.post(`/api/orgs/${id}/designations`, body);

    const noAward = await add(county, { kind: 'qiyi_commended', year: 2026 });
    expect(noAward.statusCode).toBe(400);
    expect(noAward.json().details.fields[0].field).toBe('awardFen');
    expect((await add(county, { kind: 'county_pilot', year: 2026, awardFen: 100 })).statusCode).toBe(400);
    expect((await add(county, { kind: 'township_demo', year: 2026 }, await orgId(t.db, '榆舍村'))).statusCode).toBe(409);
    expect((await add(await t.as('wuli'), { kind: 'county_pilot', year: 2026 })).statusCode).toBe(403);
    expect((await add(await t.as('wuli'), { kind: 'qiyi_commended', year: 2026, awardFen: 100 })).statusCode).toBe(403);
    expect((await add(await t.as('yushe.station'), { kind: 'township_demo', year: 2026 })).statusCode).toBe(403);

    const made = await add(county, { kind: 'qiyi_commended', year: 2026, designatedOn: '2026-07-01', awardFen: 2_000_000, note: '集中授牌' });
    expect(made.statusCode, made.body).toBe(201);
    const d = made.json() as StationDesignation;
    expect(d).toMatchObject({ kind: 'qiyi_commended', year: 2026, designatedOn: '2026-07-01', awardFen: 2_000_000, note: '集中授牌' });
    expect((await add(county, { kind: 'qiyi_commended', year: 2026, awardFen: 1 })).statusCode).toBe(409);
    const [audit] = await t.db.query<{ username: string; object_id: string; summary: Record<string, unknown> }>(`SELECT username, object_id, summary FROM audit_log WHERE action = 'org.designate' ORDER BY id DESC LIMIT 1`);
    expect(audit).toMatchObject({ username: 'county', object_id: String(station), summary: { kind: 'qiyi_commended', year: 2026, awardFen: 2_000_000 } });

    // filterable by kind and year
    const listed = (await county.get('/api/station-designations?kind=qiyi_commended&year=2026')).json();
    expect(listed.items.map((x: StationDesignationRow) => [x.id, x.station.name, x.township?.name])).toEqual([[d.id, '五里党建工作站', '五里镇']]);

    // a township names at most two demonstration stations a year
    const wuliStations = ['五里党建工作站', '解家塬党建工作站', '新村党建工作站'];
    const demoAnswers = [];
    for (const name of wuliStations) demoAnswers.push((await add(county, { kind: 'township_demo', year: 2026 }, await orgId(t.db, name))).statusCode);
    expect(demoAnswers).toEqual([201, 201, 409]);

    // a pilot designation marks the tree; withdrawing it unmarks it
    const pilot = (await add(county, { kind: 'county_pilot', year: 2026 })).json() as StationDesignation;
    const isPilot = async () => ((await county.get('/api/orgs/tree')).json() as OrgTree).nodes.find((n) => n.id === station)!.isPilot;
    expect(await isPilot()).toBe(true);
    expect((await county.del(`/api/orgs/${station}/designations/${pilot.id}`)).statusCode).toBe(204);
    expect(await isPilot()).toBe(false);
    expect((await county.del(`/api/orgs/${station}/designations/${pilot.id}`)).statusCode).toBe(404);
    const [withdrawn] = await t.db.query<{ summary: Record<string, unknown> }>(`SELECT summary FROM audit_log WHERE action = 'org.undesignate' ORDER BY id DESC LIMIT 1`);
    expect(withdrawn!.summary).toMatchObject({ designationId: pilot.id, kind: 'county_pilot' });
    const detail = (await county.get(`/api/orgs/${station}`)).json() as OrgDetail;
    expect(detail.designations.map((x) => `${x.kind} ${x.year}`).sort()).toEqual(['qiyi_commended 2026', 'township_demo 2025', 'township_demo 2026']);
  });

  it('a township names its own demonstration stations (and withdraws them), not the county\'s designations, and not in another township', async () => {
    const wuli = await t.as('wuli');
    const station = await orgId(t.db, '解家塬党建工作站');
    const made = await wuli.post(`/api/orgs/${station}/designations`, { kind: 'township_demo', year: 2027 });
    expect(made.statusCode, made.body).toBe(201);
    const [audit] = await t.db.query<{ username: string }>(`SELECT username FROM audit_log WHERE action = 'org.designate' ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ username: 'wuli' });
    const pilot = (await county.post(`/api/orgs/${station}/designations`, { kind: 'county_pilot', year: 2027 })).json() as StationDesignation;
    expect((await wuli.del(`/api/orgs/${station}/designations/${pilot.id}`)).statusCode).toBe(403);
    expect((await wuli.del(`/api/orgs/${station}/designations/${(made.json() as StationDesignation).id}`)).statusCode).toBe(204);
    const elsewhere = (await county.get('/api/station-designations?kind=county_pilot&pageSize=200')).json().items.find((x: StationDesignationRow) => x.township?.name !== '五里镇') as StationDesignationRow;
    expect((await wuli.post(`/api/orgs/${elsewhere.station.id}/designations`, { kind: 'township_demo', year: 2027 })).statusCode).toBe(404);
  });
});
