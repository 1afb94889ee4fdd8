// The demo's 称号认定 loads through the service: every township's designations published, a few
// still in the process, counted in the county's register by kind and township.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignationDetail, DesignationPage, DesignationRegister } from '@lianxin/contract';
import { buildTestApp, testPii, type TestApp } from '../test/helpers.js';
import { loadDemoDesignations, type DemoDesignations } from './demo-designations.js';

let t: TestApp;
let loaded: DemoDesignations;
beforeAll(async () => {
  t = await buildTestApp();
  loaded = await loadDemoDesignations(t.db, testPii);
}, 600_000);
afterAll(() => t.close());

describe('the demo designations', () => {
  it('publishes designations of every sector in every township, with some still in the process', async () => {
    expect(loaded.published).toBeGreaterThan(20);
    expect(loaded.inProcess).toBe(3);
    const county = await t.as('county');
    const reg = (await county.get('/api/recognition/designation-register')).json() as DesignationRegister;
    expect(reg.total).toBe(loaded.published + 1); // the one under review is still held
    expect(reg.inProcess).toBe(loaded.inProcess);
    expect(reg.rows.filter((r) => r.org.type === 'township').every((r) => r.total > 0)).toBe(true);
    for (const code of ['rural_development', 'rural_enriching', 'industry_site', 'industry_household', 'community_service', 'agency_efficient']) expect(reg.totals[code], code).toBeGreaterThan(0);
    // 五里镇 sees its own, with 尧头村 waiting for the county
    const wuli = await t.as('wuli');
    const open = (await wuli.get('/api/recognition/designations?status=checked')).json() as DesignationPage;
    expect(open.items.map((d) => d.unit.name)).toContain('尧头村');
    const d = (await county.get(`/api/recognition/designations/${open.items[0]!.id}`)).json() as DesignationDetail;
    expect(d.transitions.map((x) => x.name)).toEqual(['return', 'approve', 'reject']);
    expect(d.evidence.length).toBe(1);
  });
});
