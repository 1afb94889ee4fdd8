// 称号认定 through the API: the county's kinds (samples until saved, used kinds kept), a township
// nominating a village, a member and a site, criteria checked with evidence before the county sees
// it, approval, publication with an award, the register's counts and drill-down (with the stations'
// own designations beside), the yearly review, revocation, the unit's public page — each refusal a
// 4xx in Chinese that changes nothing, every change on the timeline and in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignationDetail, DesignationKinds, DesignationPage, DesignationRegister, TodayList } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { upload } from '../../core/authorization.fixtures.js';
import { todayInChina } from '../../core/calendar.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let yushe: Client;
let station: Client;
let yusheId: number;
let wuliId: number;
let memberId: number;
const year = Number(todayInChina().slice(0, 4));

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, yushe, station] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe'), t.as('yushe.station')]);
  yusheId = await orgId(t.db, '榆舍村');
  wuliId = await orgId(t.db, '五里镇');
  const [m] = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_id = $1 AND member_status IS NOT NULL AND status = 'active' ORDER BY id LIMIT 1`, [yusheId]);
  memberId = m!.id;
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;
const designations = () => count(`SELECT count(*)::int AS n FROM cases WHERE case_type = 'designation'`);
const audits = (action: string) => count(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]);
const fire = (c: Client, d: { id: number; version: number }, transition: string, body: Record<string, unknown> = {}) =>
  c.post(`/api/recognition/designations/${d.id}/transitions/${transition}`, { version: d.version, ...body });
const json = <T>(res: { statusCode: number; body: string; json(): unknown }, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};
/** The designation's item on the account's 工作台, if it has one. */
async function todayOf(c: Client, id: number) {
  const res = await c.get('/api/home/today');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as TodayList).items.find((i) => i.kind.startsWith('designation_') && i.id === id);
}
const allMet = (d: DesignationDetail) => ({ version: d.version, checks: d.criteria.map((c) => ({ code: c.code, met: true, note: `${c.text}：已核实` })) });

describe('the county\'s kinds', () => {
  it('answers the sample kinds of 四创建四争当 and the demonstration sites and households until the county saves its own', async () => {
    const k = json<DesignationKinds>(await wuli.get('/api/recognition/designation-kinds'));
    expect(k.isSample).toBe(true);
    expect(k.kinds.map((x) => x.name)).toEqual(expect.arrayContaining(['发展型党组织', '带富型党员', '效能型党组织', '表率型党员', '服务型党组织', '奉献型党员', '诚信型党组织', '创业型党员', '党员产业示范点', '党员示范户']));
  });

  it('refuses a township, duplicate codes and org types that cannot hold a designation; nothing is saved', async () => {
    const k = json<DesignationKinds>(await county.get('/api/recognition/designation-kinds'));
    expect((await wuli.request('PUT', '/api/recognition/designation-kinds', { version: 0, kinds: k.kinds })).statusCode).toBe(403);
    const dup = await county.request('PUT', '/api/recognition/designation-kinds', { version: 0, kinds: [k.kinds[0], k.kinds[0]] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().message).toContain('重复');
    const grid = await county.request('PUT', '/api/recognition/designation-kinds', { version: 0, kinds: [{ ...k.kinds[0]!, orgTypes: ['grid'] }] });
    expect(grid.statusCode).toBe(400);
    expect(grid.json().message).toContain('不能授予称号');
    expect(await count(`SELECT count(*)::int AS n FROM designation_kind_sets`)).toBe(0);
  });
});

describe('a village\'s designation, from nomination to revocation', () => {
  let d: DesignationDetail;

  it('refuses nominations a township may not make, in Chinese, with nothing opened', async () => {
    const before = await designations();
    // the village itself cannot nominate (no permission), nor a station
    expect((await yushe.post('/api/recognition/designations', { kindCode: 'rural_development', year, orgId: yusheId, citation: '自荐' })).statusCode).toBe(403);
    expect((await station.post('/api/recognition/designations', { kindCode: 'rural_development', year, orgId: yusheId, citation: '推荐' })).statusCode).toBe(403);
    // a kind for communities given to a village
    const wrongType = await wuli.post('/api/recognition/designations', { kindCode: 'community_service', year, orgId: yusheId, citation: '推荐' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().message).toContain('只授予');
    // the township itself
    const own = await wuli.post('/api/recognition/designations', { kindCode: 'demo_point', year, orgId: wuliId, citation: '推荐' });
    expect(own.statusCode).toBe(400);
    // a member kind named by an org, an unknown kind, a year too far back
    expect((await wuli.post('/api/recognition/designations', { kindCode: 'rural_enriching', year, orgId: yusheId, citation: '推荐' })).statusCode).toBe(400);
    expect((await wuli.post('/api/recognition/designations', { kindCode: 'no_such_kind', year, orgId: yusheId, citation: '推荐' })).statusCode).toBe(400);
    expect((await wuli.post('/api/recognition/designations', { kindCode: 'rural_development', year: year - 3, orgId: yusheId, citation: '推荐' })).statusCode).toBe(400);
    // a village of another township: out of scope
    const other = await orgId(t.db, '彭镇');
    const [v] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE type = 'village' AND path LIKE (SELECT path FROM orgs WHERE id = $1) || '%' LIMIT 1`, [other]);
    expect((await wuli.post('/api/recognition/designations', { kindCode: 'rural_development', year, orgId: v!.id, citation: '推荐' })).statusCode).toBe(400);
    expect(await designations()).toBe(before);
  });

  it('the township nominates 榆舍村 as a 发展型党组织; a second nomination of the same kind is refused', async () => {
    d = json<DesignationDetail>(await wuli.post('/api/recognition/designations', { kindCode: 'rural_development', year, orgId: yusheId, citation: '苹果产业带动全村增收' }), 201);
    expect(d).toMatchObject({ status: 'nominated', kind: { name: '发展型党组织', sector: 'rural', target: 'org' }, unit: { name: '榆舍村', person: null }, township: { name: '五里镇' }, canCheck: true });
    expect(d.criteria.every((c) => c.met === null)).toBe(true);
    expect(d.transitions.map((x) => x.name)).toEqual(['check']);
    const again = await wuli.post('/api/recognition/designations', { kindCode: 'rural_development', year, orgId: yusheId, citation: '再次推荐' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已有');
    expect(await audits('designation.open')).toBe(1);
  });

  it('checking needs every criterion met and evidence; the village and its station read it but cannot act', async () => {
    const early = await fire(wuli, d, 'check');
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('未核对');
    d = json<DesignationDetail>(await wuli.request('PUT', `/api/recognition/designations/${d.id}/criteria`, allMet(d)));
    expect(d.criteria.every((c) => c.met === true)).toBe(true);
    const noEvidence = await fire(wuli, d, 'check');
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().message).toContain('佐证材料');
    // the village cannot tick its own criteria nor add evidence
    expect((await yushe.request('PUT', `/api/recognition/designations/${d.id}/criteria`, allMet(d))).statusCode).toBe(403);
    expect((await upload(yushe, `/api/recognition/designations/${d.id}/evidence`)).statusCode).toBe(403);
    const file = json<{ id: number; fileName: string }>(await upload(wuli, `/api/recognition/designations/${d.id}/evidence`), 201);
    expect(file.fileName).toMatch(/\.png$/);
    const got = await yushe.get(`/api/recognition/designations/${d.id}/evidence/${file.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    d = json<DesignationDetail>(await yushe.get(`/api/recognition/designations/${d.id}`));
    expect(d.transitions).toEqual([]);
    expect(d.canCheck).toBe(false);
    expect((await todayOf(wuli, d.id))?.kind).toBe('designation_to_check');
    expect(await todayOf(county, d.id)).toBeUndefined();
    d = json<DesignationDetail>(await fire(wuli, d, 'check'));
    expect(d.status).toBe('checked');
    expect(d.canCheck).toBe(false);
    // now it waits for the county, and no longer for the township
    expect((await todayOf(county, d.id))?.kind).toBe('designation_to_decide');
    expect(await todayOf(wuli, d.id)).toBeUndefined();
  });

  it('the county returns it with a reason, the township checks again, the county approves and publishes with an award', async () => {
    expect((await fire(county, d, 'return')).statusCode).toBe(400);
    d = json<DesignationDetail>(await fire(county, d, 'return', { body: '请补充集体经济收入证明' }));
    expect(d.status).toBe('nominated');
    d = json<DesignationDetail>(await fire(wuli, d, 'check'));
    // the township cannot approve; publishing before approval is a state refusal
    expect((await fire(wuli, d, 'approve')).statusCode).toBe(403);
    const early = await fire(county, d, 'publish');
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('不能执行');
    expect((await fire(county, d, 'approve', { awardFen: 100 })).statusCode).toBe(400);
    d = json<DesignationDetail>(await fire(county, d, 'approve'));
    d = json<DesignationDetail>(await fire(county, d, 'publish', { awardFen: 2_000_000 }));
    expect(d).toMatchObject({ status: 'published', awardFen: 2_000_000, reviewedYear: year, reviewDue: false });
    expect(d.publishedOn).toBe(todayInChina());
    expect(d.timeline.map((e) => e.label)).toEqual(['推荐', '核对认定标准', '上传佐证材料', '核查通过，报县审定', '退回补充', '核查通过，报县审定', '审定通过', '命名公布']);
    expect(d.timeline.find((e) => e.label === '退回补充')!.body).toBe('请补充集体经济收入证明');
    // stale version: 412
    expect((await county.post(`/api/recognition/designations/${d.id}/transitions/review`, { version: 1 })).statusCode).toBe(412);
  });

  it('shows on the village\'s public page', async () => {
    const page = await t.anonymous.get(`/api/public/units/${yusheId}`);
    expect(page.statusCode, page.body).toBe(200);
    const section = (page.json() as { sections: { key: string; items: { title: string }[] }[] }).sections.find((s) => s.key === 'designations');
    expect(section?.items.map((i) => i.title)).toContain('发展型党组织');
  });

  it('the yearly review ticks the criteria afresh; the county passes it, or revokes with a reason', async () => {
    d = json<DesignationDetail>(await fire(county, d, 'review'));
    expect(d.status).toBe('reviewing');
    expect(d.criteria.every((c) => c.met === null)).toBe(true);
    expect((await fire(county, d, 'confirm')).statusCode).toBe(400);
    d = json<DesignationDetail>(await wuli.request('PUT', `/api/recognition/designations/${d.id}/criteria`, allMet(d)));
    d = json<DesignationDetail>(await fire(county, d, 'confirm'));
    expect(d).toMatchObject({ status: 'published', reviewedYear: year });
    expect((await fire(county, d, 'revoke')).statusCode).toBe(400);
    d = json<DesignationDetail>(await fire(county, d, 'revoke', { body: '发生重大安全事故' }));
    expect(d.status).toBe('revoked');
    // revoked: the criteria are no longer open, and it leaves the public page
    const late = await wuli.request('PUT', `/api/recognition/designations/${d.id}/criteria`, allMet(d));
    expect(late.statusCode).toBe(409);
    const page = (await t.anonymous.get(`/api/public/units/${yusheId}`)).json() as { sections: { key: string }[] };
    expect(page.sections.some((s) => s.key === 'designations')).toBe(false);
    // every step audited, the chain intact
    for (const a of ['designation.criteria', 'designation.attach', 'designation.check', 'designation.return', 'designation.approve', 'designation.publish', 'designation.review', 'designation.confirm', 'designation.revoke']) {
      expect(await audits(a), a).toBeGreaterThan(0);
    }
  });
});

describe('members, sites and the register', () => {
  it('a member (带富型党员) and a household are named by the person, a site by its name under the village; all counted in the register and drilled down', async () => {
    const wrong = await wuli.post('/api/recognition/designations', { kindCode: 'rural_enriching', year, personId: memberId, orgId: yusheId, citation: '推荐' });
    expect(wrong.statusCode).toBe(400);
    const member = json<DesignationDetail>(await wuli.post('/api/recognition/designations', { kindCode: 'rural_enriching', year, personId: memberId, citation: '养殖致富，带动 12 户' }), 201);
    expect(member.unit.person?.id).toBe(memberId);
    expect(member.unit.org.id).toBe(yusheId);
    const household = json<DesignationDetail>(await wuli.post('/api/recognition/designations', { kindCode: 'industry_household', year, personId: memberId, citation: '示范户' }), 201);
    expect(household.unit.name).toMatch(/户$/);
    expect((await wuli.post('/api/recognition/designations', { kindCode: 'industry_site', year, orgId: yusheId, citation: '示范点' })).statusCode).toBe(400);
    const site = json<DesignationDetail>(await wuli.post('/api/recognition/designations', { kindCode: 'industry_site', year, orgId: yusheId, siteName: '榆舍苹果示范园', citation: '党员领办 200 亩' }), 201);
    expect(site.unit.name).toBe('榆舍苹果示范园');
    for (let d of [member, household, site]) {
      d = json<DesignationDetail>(await wuli.request('PUT', `/api/recognition/designations/${d.id}/criteria`, allMet(d)));
      json(await upload(wuli, `/api/recognition/designations/${d.id}/evidence`), 201);
      d = json<DesignationDetail>(await fire(wuli, d, 'check'));
      d = json<DesignationDetail>(await fire(county, d, 'approve'));
      if (d.id !== site.id) d = json<DesignationDetail>(await fire(county, d, 'publish'));
    }
    const reg = json<DesignationRegister>(await county.get('/api/recognition/designation-register'));
    expect(reg.node.type).toBe('county');
    expect(reg.totals).toMatchObject({ rural_enriching: 1, industry_household: 1 });
    expect(reg.totals.industry_site ?? 0).toBe(0);
    expect(reg.total).toBe(2);
    expect(reg.inProcess).toBe(1);
    const wuliRow = reg.rows.find((r) => r.org.id === wuliId)!;
    expect(wuliRow.counts).toEqual({ rural_enriching: 1, industry_household: 1 });
    // the stations' designations read from the org tree sit beside
    const stationRows = await count(`SELECT count(*)::int AS n FROM station_designations s JOIN orgs o ON o.id = s.org_id WHERE o.path LIKE (SELECT path FROM orgs WHERE id = $1) || '%'`, [wuliId]);
    expect(Object.values(wuliRow.stations).reduce((a, b) => a + b, 0)).toBe(stationRows);
    // drill down: the township's register, then the list behind a figure
    const down = json<DesignationRegister>(await county.get(`/api/recognition/designation-register?orgId=${wuliId}`));
    expect(down.parent?.type).toBe('county');
    expect(down.total).toBe(2);
    const listed = json<DesignationPage>(await county.get(`/api/recognition/designations?orgId=${wuliId}&kind=rural_enriching&status=held`));
    expect(listed.items.map((i) => i.id)).toEqual([member.id]);
    // a village sees its own; another township sees none of these
    expect(json<DesignationPage>(await yushe.get('/api/recognition/designations?status=held')).total).toBe(2);
    const peng = await t.as('county');
    expect((await peng.get(`/api/recognition/designations/${member.id}`)).statusCode).toBe(200);
    expect((await station.get(`/api/recognition/designation-register?orgId=${wuliId}`)).statusCode).toBe(404);
  });

  it('exports the register and a filtered list as .xlsx for the county office, audited, inside the caller\'s scope', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const read = async (res: { statusCode: number; body: string; headers: Record<string, unknown>; rawPayload: Buffer }) => {
      expect(res.statusCode, res.body).toBe(200);
      expect(String(res.headers['content-type'])).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      const ws = wb.worksheets[0]!;
      return Array.from({ length: ws.rowCount }, (_, i) => (ws.getRow(i + 1).values as unknown[]).slice(1));
    };
    const before = await audits('designation.export');
    const reg = json<DesignationRegister>(await county.get('/api/recognition/designation-register'));
    const sheet = await read(await county.get('/api/recognition/designation-register/export'));
    // a header, one row per unit below the county, the county's total
    expect(sheet.length).toBe(1 + reg.rows.length + 1);
    const header = sheet[0] as string[];
    expect(header[0]).toBe('单位');
    const col = header.indexOf(reg.kinds.find((k) => k.code === 'rural_enriching')!.name);
    const wuliLine = sheet.find((r) => r[0] === '五里镇')!;
    expect(wuliLine[col]).toBe(1);
    expect(wuliLine[header.indexOf('合计')]).toBe(2);
    expect(sheet.at(-1)![header.indexOf('合计')]).toBe(reg.total);
    // the filtered list: the same filter as the list, every row
    const listed = json<DesignationPage>(await county.get(`/api/recognition/designations?orgId=${wuliId}&status=held`));
    const rows = await read(await county.get(`/api/recognition/designations/export?orgId=${wuliId}&status=held`));
    expect(rows.length).toBe(1 + listed.total);
    expect(rows.slice(1).map((r) => r[4]).sort()).toEqual(listed.items.map((i) => i.unit.name).sort());
    expect(rows.slice(1).every((r) => r[8] === '已命名' || r[8] === '年度复核中')).toBe(true);
    expect(await audits('designation.export')).toBe(before + 2);
    const [last] = await t.db.query<{ summary: { what: string; rows: number; status: string } }>(`SELECT summary FROM audit_log WHERE action = 'designation.export' ORDER BY id DESC LIMIT 1`);
    expect(last!.summary).toMatchObject({ what: 'list', rows: listed.total, status: 'held' });
    // outside the scope: 404, nothing exported, nothing audited
    expect((await station.get(`/api/recognition/designation-register/export?orgId=${wuliId}`)).statusCode).toBe(404);
    expect((await yushe.get(`/api/recognition/designations/export?orgId=${wuliId}`)).statusCode).toBe(404); // as the list: a filter outside the scope
    expect((await yushe.get(`/api/recognition/designations?orgId=${wuliId}`)).statusCode).toBe(404);
    expect(await audits('designation.export')).toBe(before + 2);
  });

  it('a kind in use cannot leave the county\'s set, only be retired; a retired kind takes no nomination', async () => {
    const k = json<DesignationKinds>(await county.get('/api/recognition/designation-kinds'));
    const without = k.kinds.filter((x) => x.code !== 'industry_site');
    const refused = await county.request('PUT', '/api/recognition/designation-kinds', { version: 0, kinds: without });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('产业示范点');
    expect(refused.json().message).not.toContain('industry_site');
    const retired = k.kinds.map((x) => (x.code === 'industry_site' ? { ...x, active: false } : x));
    const saved = json<DesignationKinds>(await county.request('PUT', '/api/recognition/designation-kinds', { version: 0, kinds: retired }));
    expect(saved).toMatchObject({ isSample: false, version: 1 });
    expect((await county.request('PUT', '/api/recognition/designation-kinds', { version: 0, kinds: retired })).statusCode).toBe(412);
    expect((await wuli.post('/api/recognition/designations', { kindCode: 'industry_site', year, orgId: yusheId, siteName: '另一示范点', citation: '推荐' })).statusCode).toBe(400);
    expect(await audits('designation_kinds.update')).toBe(1);
  });
});
