// The demo county's year of 组织生活: realistic gaps the board shows, filings at each step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, FilingView } from '@lianxin/contract';
import { buildTestApp, orgId, type TestApp } from '../../test/helpers.js';
import { loadDemoOrglife } from '../../cli/demo-orglife.js';

let t: TestApp;
let loaded: { meetings: number; filings: number };

beforeAll(async () => {
  t = await buildTestApp();
  loaded = await loadDemoOrglife(t.db, await orgId(t.db, '中共宜君县委员会'));
});
afterAll(() => t.close());

describe('the demo year of meetings', () => {
  it('has some branches behind and most on schedule; 榆舍村 owes only this month’s 主题党日', async () => {
    expect(loaded.meetings).toBeGreaterThan(1000);
    const county = await t.as('county');
    const b = (await county.get('/api/orglife/board')).json() as BoardView;
    expect(b.total.held).toBe(loaded.meetings);
    expect(b.total.behind).toBeGreaterThan(0);
    expect(b.total.behind).toBeLessThan(b.total.units);
    expect(b.total.attendanceRate).toBeGreaterThan(0.8);
    expect(b.total.attendanceRate).toBeLessThan(1);
    const yushe = (await county.get(`/api/orglife/board?orgId=${await orgId(t.db, '榆舍村')}`)).json() as BoardView;
    expect(yushe.types.filter((x) => x.shortfall > 0).map((x) => x.code)).toEqual(['theme_day']);
    // every absentee has a reason
    const [row] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM meeting_attendees WHERE NOT present AND absence_reason IS NULL`);
    expect(row!.n).toBe(0);
  });

  it('has filings filed, returned with a comment and approved', async () => {
    const wuli = await t.as('wuli');
    const filings = ((await wuli.get('/api/orglife/filings')).json() as { items: FilingView[] }).items;
    expect(filings.map((f) => f.status).sort()).toEqual(['approved', 'filed', 'returned']);
    expect(filings.find((f) => f.status === 'returned')!.returnComment).toContain('请增加');
  });

  it('has a sit-in on 榆舍村’s latest 党员大会 and a consultation waiting for 五里镇', async () => {
    const wuli = await t.as('wuli');
    const consultations = ((await wuli.get('/api/orglife/consultations')).json() as { items: { status: string; transitions: string[] }[] }).items;
    expect(consultations).toMatchObject([{ status: 'submitted', transitions: ['agree', 'return'] }]);
    const list = (await wuli.get(`/api/orglife/meetings?orgId=${await orgId(t.db, '榆舍村')}&typeCode=member_congress`)).json() as { items: { id: number }[] };
    const latest = (await wuli.get(`/api/orglife/meetings/${list.items[0]!.id}`)).json() as { sitIns: { attendee: string }[] };
    expect(latest.sitIns).toMatchObject([{ attendee: '榆舍党建工作站站长' }]);
  });
});
