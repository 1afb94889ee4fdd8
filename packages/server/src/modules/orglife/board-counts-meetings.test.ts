// Issue 14: "Statistics never count app usage." The board counts meeting records and nothing else:
// logins (and a failed one), page views, exports, the audit entries all of that writes, photos
// (on a meeting, and one aimed at no meeting), a sit-in, a 主题党日 plan filed and approved but not
// yet held, a consultation — none of it moves a figure on any level. The
// plan held and recorded as a meeting does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, FilingView, MeetingDetail, Roster } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { plusDays, todayInChina } from '../../core/calendar.js';
import { loadDemoOrglife } from '../../cli/demo-orglife.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let station: Client;
let yushe: Client;
let yusheId: number;
let stationId: number;
const today = todayInChina();
const year = Number(today.slice(0, 4));

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b10000000049454e44ae426082', 'hex');
function upload(c: Client, url: string) {
  const boundary = '----boardphoto';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场.png"\r\nContent-Type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request('POST', url, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

const count = async (sql: string) => (await t.db.query<{ n: number }>(sql))[0]!.n;

/** Every level's board: the county (this year and last), the township, the station, the branch (its members and groups). */
async function boards() {
  const get = async (c: Client, q: string) => {
    const r = await c.get(`/api/orglife/board${q}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as BoardView;
  };
  return {
    county: await get(county, ''),
    countyLastYear: await get(county, `?year=${year - 1}&month=12`),
    township: await get(wuli, ''),
    station: await get(station, `?orgId=${stationId}`),
    branch: await get(yushe, `?orgId=${yusheId}`),
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  await loadDemoOrglife(t.db, await orgId(t.db, '中共宜君县委员会'));
  [county, wuli, station, yushe] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe.station'), t.as('yushe')]);
  yusheId = await orgId(t.db, '榆舍村');
  stationId = await orgId(t.db, '榆舍党建工作站');
}, 180_000);
afterAll(() => t.close());

describe('the board never counts app usage', () => {
  it('logins, page views, exports, audit entries, photos, a sit-in, a plan filed, a consultation leave every figure as it was; the plan held as a meeting moves them', async () => {
    const before = await boards();
    expect(before.branch.total.held).toBeGreaterThan(0);
    const audits = await count(`SELECT count(*)::int AS n FROM audit_log`);
    const sessions = await count(`SELECT count(*)::int AS n FROM sessions`);

    // logins, again and again, and one with a wrong password
    for (const who of ['yushe', 'yushe', 'wuli', 'county', 'yushe.station']) await t.as(who);
    expect((await t.anonymous.post('/api/auth/login', { username: 'yushe', password: 'not-the-password-1' })).statusCode).toBe(401);
    // page views: the lists, a meeting, the roster, the settings, the home page, the board itself, people
    const list = (await yushe.get(`/api/orglife/meetings?orgId=${yusheId}&year=${year}`)).json() as { items: { id: number; heldOn: string }[] };
    expect(list.items.length).toBeGreaterThan(0);
    for (const url of [
      `/api/orglife/meetings/${list.items[0]!.id}`, `/api/orglife/units/${yusheId}/roster`, '/api/orglife/settings', '/api/home/today',
      `/api/orglife/units/${yusheId}/party-groups`, '/api/orglife/filings', '/api/orglife/consultations', `/api/orglife/board?orgId=${yusheId}`,
    ]) expect((await yushe.get(url)).statusCode, url).toBe(200);
    expect((await county.get('/api/people?page=1&pageSize=5')).statusCode).toBe(200);
    // exports (audited)
    expect((await yushe.get(`/api/orglife/minutes-book?orgId=${yusheId}`)).statusCode).toBe(200);
    expect((await yushe.get(`/api/orglife/minutes-book/pdf?orgId=${yusheId}`)).statusCode).toBe(200);
    // photos: on a meeting of this week, and one aimed at no meeting (refused, nothing kept)
    const recent = list.items.find((m) => m.heldOn >= plusDays(today, -7))!;
    const photo = await upload(yushe, `/api/orglife/meetings/${recent.id}/files`);
    expect(photo.statusCode, photo.body).toBe(201);
    expect((await upload(yushe, `/api/orglife/meetings/99999999/files`)).statusCode).toBe(404);
    // a sit-in on the branch's meeting, a consultation of the station
    expect((await station.post(`/api/orglife/meetings/${recent.id}/sit-ins`, { attendee: '张站长', opinion: '同意' })).statusCode).toBe(201);
    const consulted = await station.post('/api/orglife/consultations', { orgId: stationId, heldOn: today, topic: '冬季防火', participants: '站长、副站长', decision: '分片巡查' });
    expect(consulted.statusCode, consulted.body).toBe(201);
    // a 主题党日 plan filed and approved: a plan, not yet a meeting
    const filed = await yushe.post('/api/orglife/filings', { orgId: yusheId, plannedOn: plusDays(today, 3), activityKind: 'do_deeds', place: '榆舍村', plan: '为独居老人清理院落' });
    expect(filed.statusCode, filed.body).toBe(201);
    let f = filed.json() as FilingView;
    f = (await wuli.post(`/api/orglife/filings/${f.id}/transitions/approve`, { version: f.version })).json() as FilingView;
    expect(f.status).toBe('approved');

    // all of it left its traces, and none of them on the board
    expect(await count(`SELECT count(*)::int AS n FROM audit_log`)).toBeGreaterThan(audits + 8);
    expect(await count(`SELECT count(*)::int AS n FROM sessions`)).toBeGreaterThan(sessions + 4);
    expect(await count(`SELECT count(*)::int AS n FROM meeting_files WHERE meeting_id = ${Number(recent.id)}`)).toBeGreaterThan(0);
    expect(await boards()).toEqual(before);

    // held and recorded: a meeting, and the board moves on every level
    const members = ((await yushe.get(`/api/orglife/units/${yusheId}/roster`)).json() as Roster).members.slice(0, 3);
    const held = await yushe.post(`/api/orglife/filings/${f.id}/transitions/hold`, {
      version: f.version, meeting: { heldOn: today, place: '榆舍村', host: '支部书记', topic: '为独居老人清理院落', attendees: members.map((m) => ({ personId: m.id, present: true })) },
    });
    expect(held.statusCode, held.body).toBe(200);
    const meeting = (await yushe.get(`/api/orglife/meetings/${(held.json() as FilingView).meetingId}`)).json() as MeetingDetail;
    expect(meeting).toMatchObject({ typeCode: 'theme_day', presentCount: 3, expectedCount: 3 });
    const after = await boards();
    for (const level of ['county', 'township', 'station', 'branch'] as const) {
      expect(after[level].total.held, level).toBe(before[level].total.held + 1);
      expect(after[level].types.find((x) => x.code === 'theme_day')!.held, level).toBe(before[level].types.find((x) => x.code === 'theme_day')!.held + 1);
    }
    expect(after.countyLastYear).toEqual(before.countyLastYear);
    for (const m of members) {
      const was = before.branch.members.find((x) => x.person.id === m.id);
      expect(after.branch.members.find((x) => x.person.id === m.id)).toMatchObject({ expected: (was?.expected ?? 0) + 1, present: (was?.present ?? 0) + 1 });
    }
  }, 120_000);
});
