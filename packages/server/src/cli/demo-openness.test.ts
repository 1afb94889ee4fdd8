// The demo's 三务公开 loads through the service where a user would click, leaves last month with
// exactly the two overdue units on every level's board, this month's three kinds of 榆舍村 on its
// public page with the board photo, a corrected disclosure, audits with a finding in the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisclosureBoard, FinanceAuditPage, PublicDisclosures, RegisterView } from '@lianxin/contract';
import { buildTestApp, orgId, type TestApp } from '../test/helpers.js';
import { todayInChina } from '../core/calendar.js';
import { DEMO_OVERDUE, boardPhoto, loadDemoOpenness } from './demo-openness.js';
import { sniffFileType } from '../core/file-type.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const month = todayInChina().slice(0, 7);
const last = (() => {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y! - 1}-12` : `${y}-${String(m! - 1).padStart(2, '0')}`;
})();

describe('the demo 三务公开', () => {
  it('draws a real image for the board photo', () => {
    expect(sniffFileType(boardPhoto())).toMatchObject({ mime: 'image/png', image: true });
  });

  it('loads a month of disclosures with two units overdue, this month’s on the public page, audits and a problem', async () => {
    const loaded = await loadDemoOpenness(t.db, await orgId(t.db, '中共宜君县委员会'));
    expect(loaded.overdue).toBe(2);
    const county = (await (await t.as('county')).get(`/api/openness/board?month=${last}`)).json() as DisclosureBoard;
    expect(county.overdue).toBe(true);
    expect(county.total.overdueUnits).toBe(2);
    expect(county.total.late).toBe(1);
    expect(county.units.filter((u) => u.kinds.some((k) => k.state === 'missing')).map((u) => u.org.name).sort()).toEqual([...DEMO_OVERDUE].sort());
    const wuli = (await (await t.as('wuli')).get(`/api/openness/board?month=${last}`)).json() as DisclosureBoard;
    expect(wuli.total.overdueUnits).toBe(2);

    const village = await orgId(t.db, '榆舍村');
    const pub = (await t.anonymous.get(`/api/public/units/${village}/disclosures`)).json() as PublicDisclosures;
    expect(pub.month).toBe(month);
    expect(pub.disclosures.map((d) => d.kind)).toEqual(['party', 'finance']);
    expect(pub.disclosures.every((d) => d.photoUrl && d.items.length > 0)).toBe(true);
    const lastMonth = (await t.anonymous.get(`/api/public/units/${village}/disclosures?period=${last}`)).json() as PublicDisclosures;
    expect(lastMonth.disclosures.find((d) => d.kind === 'finance')).toMatchObject({ corrected: true, revision: 2 });

    const yushe = await t.as('yushe');
    const audits = (await yushe.get('/api/openness/audits')).json() as FinanceAuditPage;
    expect(audits.items).toHaveLength(1);
    expect(audits.items[0]!.findings[0]!.problemStatus).toBe('registered');
    const book = (await yushe.get(`/api/openness/registers/disclosures?year=${month.slice(0, 4)}`)).json() as RegisterView;
    expect(book.rows.filter((r) => String(r.period) === month)).toHaveLength(2);
    const dues = (await yushe.get(`/api/openness/registers/dues`)).json() as RegisterView;
    expect(dues.rows.length).toBeGreaterThanOrEqual(3);
  });
});
