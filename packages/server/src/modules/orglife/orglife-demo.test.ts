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
    // 党小组会 per party group: 榆舍村's groups each on schedule, every one of its 党小组会 a group's
    expect(yushe.groups.length).toBe(2);
    expect(yushe.groups.every((g) => g.shortfall === 0 && g.held === g.required)).toBe(true);
    // some branch behind because one of its groups skipped
    const [skipped] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orgs g WHERE g.type = 'party_group' AND g.status = 'active'
          AND (SELECT count(*) FROM meetings m WHERE m.party_group_id = g.id) < (SELECT max(c) FROM (SELECT count(*) AS c FROM meetings m2 WHERE m2.party_group_id IS NOT NULL GROUP BY m2.party_group_id) x)`,
    );
    expect(skipped!.n).toBeGreaterThan(0);
    // a group's attendees are its own members
    const [foreign] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM meetings m JOIN meeting_attendees a ON a.meeting_id = m.id JOIN persons p ON p.id = a.person_id
        WHERE m.party_group_id IS NOT NULL AND p.party_group_id IS DISTINCT FROM m.party_group_id`,
    );
    expect(foreign!.n).toBe(0);
    // a meeting with its photo
    const [photo] = await t.db.query<{ meeting_id: number }>(`SELECT meeting_id FROM meeting_files LIMIT 1`);
    const withPhoto = (await county.get(`/api/orglife/meetings/${photo!.meeting_id}`)).json() as { partyGroup: { name: string } | null; files: { id: number; mimeType: string }[] };
    expect(withPhoto.partyGroup).not.toBeNull();
    expect(withPhoto.files).toMatchObject([{ mimeType: 'image/png' }]);
    expect((await county.get(`/api/orglife/meetings/${photo!.meeting_id}/files/${withPhoto.files[0]!.id}`)).statusCode).toBe(200);
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
