// The demo's funds and facilities load through the services: allocations for every unit with some
// spending, checklists with items missing (榆舍村 lacks two), and someone on duty now at 榆舍村's
// 群众之家, shown on its public page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllocationList, Allowances, FacilityBoard, FormerCadres, PublicUnit, UnitChecklist } from '@lianxin/contract';
import { buildTestApp, orgId, testPii, type TestApp } from '../test/helpers.js';
import { todayInChina } from '../core/calendar.js';
import { loadDemoFunds, type DemoFunds } from './demo-funds.js';

let t: TestApp;
let loaded: DemoFunds;
const year = Number(todayInChina().slice(0, 4));
beforeAll(async () => {
  t = await buildTestApp();
  loaded = await loadDemoFunds(t.db, testPii);
}, 300_000);
afterAll(() => t.close());

describe('the demo funds and facilities', () => {
  it('allocates to every unit by the standards, with spending and an adjusted line in 榆舍村', async () => {
    expect(loaded.allocations).toBeGreaterThan(200);
    expect(loaded.spendings).toBeGreaterThan(20);
    const yushe = await t.as('yushe');
    const own = (await yushe.get(`/api/funds/allocations?year=${year}`)).json() as AllocationList;
    expect(own.items.map((a) => a.line).sort()).toEqual(['office', 'party_building']);
    const party = own.items.find((a) => a.line === 'party_building')!;
    expect(party).toMatchObject({ standardFen: 800_000, amountFen: 1_000_000 });
    expect(own.items.every((a) => a.spentFen > 0 && a.balanceFen >= 0)).toBe(true);
  });

  it('computes allowances for the demo’s post-holders and the retired secretaries’ living allowance', async () => {
    const county = await t.as('county');
    const a = (await county.get(`/api/funds/allowances?year=${year}&pageSize=200`)).json() as Allowances;
    expect(a.total).toBeGreaterThan(300);
    expect(a.items.some((r) => r.concurrentDays > 0)).toBe(true);
    const f = (await county.get(`/api/funds/former-cadres?year=${year}&pageSize=200`)).json() as FormerCadres;
    expect(f.items.find((r) => r.person.name === '王守业')).toMatchObject({ eligible: true, yearsServed: 18 });
    expect(f.items.find((r) => r.person.name === '刘长青')).toMatchObject({ eligible: true, yearsServed: 6 });
  });

  it('leaves some checklist items missing, 榆舍村 two, and grades the townships', async () => {
    const yusheId = await orgId(t.db, '榆舍村');
    const c = (await (await t.as('yushe')).get(`/api/facilities/units/${yusheId}/checklists/village_ten`)).json() as UnitChecklist;
    expect(c.checks.filter((i) => !i.met).map((i) => i.key).sort()).toEqual(['projector', 'screen']);
    const county = await t.as('county');
    const villages = (await county.get('/api/facilities/board?kind=village_ten')).json() as FacilityBoard;
    expect(villages.total.checked).toBe(villages.total.units);
    expect(villages.total.complete).toBeLessThan(villages.total.units);
    expect(villages.total.complete).toBeGreaterThan(0);
    const townships = (await county.get('/api/facilities/board?kind=township_six')).json() as FacilityBoard;
    expect(townships.units.every((u) => u.grade !== null)).toBe(true);
  });

  it('has someone on duty now at 榆舍村群众之家, on its public page', async () => {
    const page = (await t.anonymous.get(`/api/public/units/${await orgId(t.db, '榆舍村')}`)).json() as PublicUnit;
    const duty = page.sections.find((s) => s.key === 'duty')!;
    expect(duty.items[0]!.title).toMatch(/^榆舍村群众之家：现在值班 .+（.+）$/);
    expect(duty.items[0]!.detail).toContain('24小时开放');
  });
});
