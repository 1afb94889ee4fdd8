import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectionView, ProblemDetail } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { plusDays, todayInChina } from '../../core/calendar.js';

let t: TestApp;
let station: Client;
let wuli: Client;
let yushe: Client;
const today = todayInChina();

beforeAll(async () => {
  t = await buildTestApp();
  station = await t.as('yushe.station');
  wuli = await t.as('wuli');
  yushe = await t.as('yushe');
});
afterAll(() => t.close());

describe('inspections (督查)', () => {
  it('a station inspects its villages; a finding becomes a ledger problem in one step, linked both ways', async () => {
    const [a, b] = await Promise.all([orgId(t.db, '榆舍村'), orgId(t.db, '尧头村')]);
    const res = await station.post('/api/inspections', {
      kind: 'station_biweekly', inspectedOn: today, inspectors: '站长、副站长', targetOrgIds: [a, b], score: 86.5,
      comment: '整体较好，榆舍村资料不全', findings: [{ targetOrgId: a, description: '三会一课记录缺少10月党课' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const inspection = res.json() as InspectionView;
    expect(inspection).toMatchObject({ score: 86.5, targets: [{ name: '榆舍村' }, { name: '尧头村' }] });
    const finding = inspection.findings[0]!;

    const made = await station.post(`/api/inspections/${inspection.id}/findings/${finding.id}/problem`, { category: '党员教育管理', deadline: plusDays(today, 20) });
    expect(made.statusCode, made.body).toBe(201);
    const problem = (await yushe.get(`/api/ledger/problems/${made.json().problemId}`)).json() as ProblemDetail;
    expect(problem).toMatchObject({ source: 'station_inspection', description: '三会一课记录缺少10月党课', org: { name: '榆舍村' }, finding: { inspectionId: inspection.id, findingId: finding.id } });
    const again = (await station.get(`/api/inspections/${inspection.id}`)).json() as InspectionView;
    expect(again.findings[0]!.problemId).toBe(problem.id);
    expect((await station.post(`/api/inspections/${inspection.id}/findings/${finding.id}/problem`, { category: '党员教育管理', deadline: plusDays(today, 20) })).statusCode).toBe(409);

    // the inspected village sees the inspection; another township does not
    expect((await yushe.get('/api/inspections')).json().items.map((i: { id: number }) => i.id)).toContain(inspection.id);
    const peng = await t.as('jiaotong');
    expect((await peng.get(`/api/inspections/${inspection.id}`)).statusCode).toBe(404);
  });

  it('refuses targets outside the inspector and findings on orgs not inspected', async () => {
    const outside = await station.post('/api/inspections', { kind: 'station_biweekly', inspectedOn: today, inspectors: '站长', targetOrgIds: [await orgId(t.db, '彭镇村')] });
    expect(outside.statusCode).toBe(400);
    const a = await orgId(t.db, '榆舍村');
    const stray = await station.post('/api/inspections', { kind: 'station_biweekly', inspectedOn: today, inspectors: '站长', targetOrgIds: [a], findings: [{ targetOrgId: await orgId(t.db, '尧头村'), description: 'x' }] });
    expect(stray.statusCode).toBe(400);
    expect(stray.json().details.fields[0].field).toBe('findings.0.targetOrgId');
    expect((await yushe.post('/api/inspections', { kind: 'other', inspectedOn: today, inspectors: 'x', targetOrgIds: [a] })).statusCode).toBe(403);
  });
});

describe('bulletins and accountability', () => {
  it('publishes a bulletin to the orgs below the issuer and records accountability against an org', async () => {
    const res = await wuli.post('/api/bulletins', { title: '关于11月暗访情况的通报', content: '榆舍村资料不全，限期整改。' });
    expect(res.statusCode).toBe(201);
    expect((await yushe.get('/api/bulletins')).json().items.map((b: { title: string }) => b.title)).toContain('关于11月暗访情况的通报');
    const other = await t.as('jiaotong');
    expect((await other.get('/api/bulletins')).json().items.map((b: { title: string }) => b.title)).not.toContain('关于11月暗访情况的通报');

    const village = await orgId(t.db, '榆舍村');
    const acc = await wuli.post('/api/accountability', { kind: 'rectify_within_deadline', targetOrgId: village, reason: '资料不全', decidedOn: today });
    expect(acc.statusCode, acc.body).toBe(201);
    const list = (await yushe.get('/api/accountability')).json().items;
    expect(list[0]).toMatchObject({ kind: 'rectify_within_deadline', targetOrg: { name: '榆舍村' }, decidedBy: { name: '五里镇' } });
    expect((await station.post('/api/accountability', { kind: 'talk', targetOrgId: village, reason: 'x', decidedOn: today })).statusCode).toBe(403);
    expect((await wuli.post('/api/accountability', { kind: 'talk', reason: 'x', decidedOn: today })).statusCode).toBe(400);
  });
});
