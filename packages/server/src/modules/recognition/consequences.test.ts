// 奖惩 through the API: a township records a reward for a village from its published score sheet, the
// county a cadre-file entry from a published star row and a commendation from a unit's annual result;
// each is linked to its record, listed on the village's and the person's history, audited, exported,
// never edited in place; every refusal a 4xx that changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consequence, ConsequencePage, SheetDetail, StarRatingDetail, StarRowPage } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { todayInChina } from '../../core/calendar.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let yushe: Client;
let yusheId: number;
let sheetId: number;
let draftSheetId: number;
let starRow: StarRowPage['items'][number];
const today = todayInChina();
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, yushe] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe')]);
  yusheId = await orgId(t.db, '榆舍村');
  const draft = (await county.post('/api/assessment/schemes', { year, unitType: 'village', name: '奖惩测试指标体系' })).json() as { id: number; version: number };
  expect((await county.post(`/api/assessment/schemes/${draft.id}/publish`, { version: draft.version })).statusCode).toBe(200);
  const open = async (village: number) => {
    const sheet = (await wuli.post('/api/assessment/sheets', { schemeId: draft.id, orgId: village, period: `${year}-01` })).json() as SheetDetail;
    const scores = sheet.entries.filter((e) => e.source === 'manual').map((e) => ({ key: e.key, points: e.max, evidence: '台账已核实' }));
    return (await wuli.request('PUT', `/api/assessment/sheets/${sheet.id}/scores`, { version: sheet.version, scores })).json() as SheetDetail;
  };
  let s = await open(yusheId);
  for (const [who, step] of [[wuli, 'submit'], [county, 'pass'], [county, 'publish']] as const) {
    const res = await who.post(`/api/assessment/sheets/${s.id}/transitions/${step}`, { version: s.version });
    expect(res.statusCode, res.body).toBe(200);
    s = res.json() as SheetDetail;
  }
  sheetId = s.id;
  draftSheetId = (await open(await orgId(t.db, '尧头村'))).id;
  // the year's star rating, published: 榆舍村's cadres rated, the others published unrated
  const rating = (await county.post('/api/recognition/star-ratings', { year })).json() as StarRatingDetail;
  const rows = (await county.get(`/api/recognition/star-rows?ratingId=${rating.id}&orgId=${yusheId}&pageSize=200`)).json() as StarRowPage;
  for (const r of rows.items) expect((await county.request('PUT', `/api/recognition/star-rows/${r.id}`, { version: r.version, postScore: 95 })).statusCode).toBe(200);
  const detail = (await county.get(`/api/recognition/star-ratings/${rating.id}`)).json() as StarRatingDetail;
  const published = await county.post(`/api/recognition/star-ratings/${rating.id}/publish`, { version: detail.version });
  expect(published.statusCode, published.body).toBe(200);
  starRow = ((await county.get(`/api/recognition/star-rows?ratingId=${rating.id}&orgId=${yusheId}&pageSize=200`)).json() as StarRowPage).items.find((r) => r.role === 'secretary')!;
}, 600_000);
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;
const stored = () => count(`SELECT count(*)::int AS n FROM recognition_consequences`);

describe('奖惩 (consequences of results)', () => {
  it('a township records a reward for its village from the published sheet: linked to it, listed on the village\'s history, audited', async () => {
    const res = await wuli.post('/api/recognition/consequences', { kind: 'reward', basisType: 'sheet', basisId: sheetId, title: '月度考核第一名奖励', amountFen: 200_000, decidedOn: today });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as Consequence;
    expect(c).toMatchObject({ kind: 'reward', kindLabel: '奖励', org: { id: yusheId, name: '榆舍村' }, person: null, amountFen: 200_000, basis: { type: 'sheet', id: sheetId, year, href: `/assessment/sheets/${sheetId}` } });
    expect(c.basis.label).toMatch(/^榆舍村 \d{4}-01 奖惩测试指标体系（第 1 版）100 分$/);
    expect((await wuli.get(`/api/recognition/consequences/${c.id}`)).json()).toEqual(c);
    const village = (await yushe.get(`/api/recognition/consequences?orgId=${yusheId}`)).json() as ConsequencePage;
    expect(village.items.map((x) => x.id)).toContain(c.id);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'consequence.create' AND object_id = $1`, [String(c.id)])).toBe(1);
  });

  it('the county enters a cadre-file entry from a published star row (the person is the row\'s) and a commendation from an annual result; the person\'s history lists it', async () => {
    const file = await county.post('/api/recognition/consequences', { kind: 'cadre_file', basisType: 'star_row', basisId: starRow.id, title: '年度星级评定结果记入干部档案', decidedOn: today });
    expect(file.statusCode, file.body).toBe(201);
    expect(file.json()).toMatchObject({ person: { id: starRow.person.id }, org: { id: yusheId }, basis: { type: 'star_row', year } });
    expect((file.json() as Consequence).basis.label).toContain(starRow.person.name);
    const mine = (await county.get(`/api/recognition/consequences?personId=${starRow.person.id}`)).json() as ConsequencePage;
    expect(mine.items.map((x) => x.kind)).toEqual(['cadre_file']);

    const commend = await county.post('/api/recognition/consequences', { kind: 'commendation', basisType: 'annual_result', basisId: yusheId, year, personId: starRow.person.id, title: '评为优秀村党组织书记', decidedOn: today });
    expect(commend.statusCode, commend.body).toBe(201);
    expect(commend.json()).toMatchObject({ kind: 'commendation', person: { id: starRow.person.id }, basis: { type: 'annual_result', id: yusheId, href: `/assessment/results?year=${year}` } });
    expect((commend.json() as Consequence).basis.label).toContain(`榆舍村${year} 年度考核结果 100 分`);
    expect(((await county.get(`/api/recognition/consequences?personId=${starRow.person.id}&kind=commendation`)).json() as ConsequencePage).total).toBe(1);
  });

  it('refuses, in Chinese and changing nothing: an unpublished sheet, money on a commendation, a cadre-file entry without a person, a person of another village, another person on a star row, a village recording, the sibling township', async () => {
    const before = await stored();
    const post = (c: Client, body: Record<string, unknown>) => c.post('/api/recognition/consequences', { kind: 'reward', basisType: 'sheet', basisId: sheetId, title: '测试奖惩', decidedOn: today, ...body });
    const draft = await post(wuli, { basisId: draftSheetId });
    expect(draft.statusCode).toBe(400);
    expect(draft.json().message).toContain('已公布的考核评分表');
    expect((await post(wuli, { kind: 'commendation', amountFen: 100 })).json().message).toContain('只有奖励或惩处可以填写金额');
    expect((await post(wuli, { kind: 'cadre_file' })).json().message).toContain('须指明本人');
    const [stranger] = await t.db.query<{ id: number }>(`SELECT p.id FROM persons p JOIN orgs o ON o.id = p.org_id WHERE o.name = '尧头村' LIMIT 1`);
    expect(stranger).toBeDefined();
    expect((await post(wuli, { personId: stranger!.id })).json().message).toContain('不属于该考核结果的单位');
    const other = await post(county, { kind: 'cadre_file', basisType: 'star_row', basisId: starRow.id, personId: starRow.person.id + 100000 });
    expect(other.statusCode).toBe(400);
    expect((await post(yushe, {})).statusCode).toBe(403);
    const { hashPassword } = await import('../../core/password.js');
    const { insertAccount } = await import('../accounts/index.js');
    const { TEST_DEMO_PASSWORD } = await import('../../test/helpers.js');
    await insertAccount(t.db, { username: 'conseq.peng', displayName: '彭镇', passwordHash: await hashPassword(TEST_DEMO_PASSWORD), roles: ['township_admin'], scopeOrgId: await orgId(t.db, '彭镇'), mustChangePassword: false });
    expect((await post(await t.as('conseq.peng'), {})).statusCode).toBe(400);
    expect((await post(county, { basisType: 'annual_result', basisId: yusheId })).json().message).toContain('须注明年度');
    expect(await stored()).toBe(before);
  });

  it('exports the filtered list as .xlsx (audited), and a recorded consequence is never edited in place', async () => {
    const file = await county.get(`/api/recognition/consequences/export?orgId=${yusheId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as never);
    expect(wb.worksheets[0]!.rowCount).toBe(1 + 3);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'consequence.export'`)).toBe(1);
    await expect(t.db.query(`UPDATE recognition_consequences SET title = '改' WHERE id = (SELECT min(id) FROM recognition_consequences)`)).rejects.toThrow(/never edited in place/);
  });
});
