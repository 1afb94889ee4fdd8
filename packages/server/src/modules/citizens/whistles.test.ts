// 吹哨报到 as a kind of the dispatch engine: the department's own screen, the request it was
// whistled for, 移交公检法 by the whistling org, module error codes, and the engine's load query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhistleSource, WhistleView } from '@lianxin/contract';
import { buildTestApp, orgId, TEST_DEMO_PASSWORD, type Client, type TestApp } from '../../test/helpers.js';
import { plusDays, todayInChina } from '../../core/calendar.js';
import { hashPassword } from '../../core/password.js';
import { solve } from '../../core/challenge.js';
import { insertAccount } from '../accounts/index.js';

let t: TestApp;
let station: Client;
let jiaotong: Client;
let minzheng: Client;
let stationId: number;
let jiaotongId: number;

beforeAll(async () => {
  t = await buildTestApp({ publicRateLimit: { submit: 1000, lookup: 1000 } });
  station = await t.as('yushe.station');
  jiaotong = await t.as('jiaotong');
  await insertAccount(t.db, { username: 'minzheng', displayName: '县民政局', passwordHash: await hashPassword(TEST_DEMO_PASSWORD), roles: ['department_admin'], scopeOrgId: await orgId(t.db, '县民政局'), mustChangePassword: false });
  minzheng = await t.as('minzheng');
  stationId = await orgId(t.db, '榆舍党建工作站');
  jiaotongId = await orgId(t.db, '县交通运输局');
});
afterAll(() => t.close());

/** A citizen's request, taken by the station, whistled to the transport bureau. */
async function whistled(matter: string, departmentIds = [jiaotongId]): Promise<{ requestId: number; whistle: WhistleView }> {
  const ch = (await t.anonymous.get('/api/public/challenge')).json();
  const sent = await t.anonymous.post('/api/public/requests', { unitId: stationId, name: '李大爷', phone: '13900005678', matter, category: 'errand', challengeToken: ch.token, challengeAnswer: solve(ch.question) });
  expect(sent.statusCode, sent.body).toBe(201);
  const item = (await station.get(`/api/requests?q=${sent.json().trackingCode}`)).json().items[0];
  const claimed = await station.post(`/api/requests/${item.id}/transitions/claim`, { version: item.version });
  expect(claimed.statusCode, claimed.body).toBe(200);
  const w = await station.post('/api/whistles', { sourceCaseId: item.id, matter: `${matter}，请部门到场`, departmentIds });
  expect(w.statusCode, w.body).toBe(201);
  return { requestId: item.id, whistle: w.json() };
}

const act = (c: Client, p: { id: number; version: number }, action: string, body: Record<string, unknown> = {}) =>
  c.post(`/api/whistle-parts/${p.id}/actions`, { version: p.version, action, ...body });
const partOf = (w: WhistleView, departmentId = jiaotongId) => w.parts.find((p) => p.department.id === departmentId && p.status !== 'rerouted')!;

describe('the department\'s screen', () => {
  it('「待本部门报到」 lists only whistles still waiting on the department, not those it finished or declined', async () => {
    const waiting = (await whistled('村道塌方')).whistle;
    const finished = (await whistled('桥头护栏缺失')).whistle;
    let w = (await act(jiaotong, partOf(finished), 'report')).json() as WhistleView;
    w = (await act(jiaotong, partOf(w), 'claim', { part: '修复护栏' })).json();
    expect((await act(jiaotong, partOf(w), 'finish', { result: '已修复' })).statusCode).toBe(200);
    const declined = (await whistled('宅基地边界')).whistle;
    expect((await act(jiaotong, partOf(declined), 'decline', { reason: '不属于本部门职责' })).statusCode).toBe(200);
    const handling = (await whistled('客运班车停靠')).whistle;
    w = (await act(jiaotong, partOf(handling), 'report')).json();
    expect((await act(jiaotong, partOf(w), 'claim', { part: '调整站点' })).statusCode).toBe(200);

    const awaiting = await jiaotong.get('/api/whistles?awaiting=true');
    expect(awaiting.statusCode, awaiting.body).toBe(200);
    const ids = (awaiting.json().items as WhistleView[]).map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining([waiting.id, handling.id]));
    expect(ids).not.toContain(finished.id);
    expect(ids).not.toContain(declined.id);
    // the full board still shows all four
    const all = ((await jiaotong.get('/api/whistles')).json().items as WhistleView[]).map((x) => x.id);
    expect(all).toEqual(expect.arrayContaining([waiting.id, finished.id, declined.id, handling.id]));
    // another department has nothing waiting from these
    const other = ((await minzheng.get('/api/whistles?awaiting=true')).json().items as WhistleView[]).map((x) => x.id);
    expect(other).not.toContain(waiting.id);
  });

  it('the department opens the request it was whistled for, read-only and only through that whistle', async () => {
    const { requestId, whistle } = await whistled('路灯线路老化');
    const res = await jiaotong.get(`/api/whistles/${whistle.id}/source`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as WhistleSource;
    expect(s).toMatchObject({ whistleId: whistle.id, caseId: requestId, type: 'request', matter: '路灯线路老化', org: { id: stationId }, phone: '139****5678', citizenName: '李大爷' });
    expect(JSON.stringify(s)).not.toContain('13900005678');
    expect(s.timeline.map((e) => e.body).join('\n')).toContain('吹哨：请县交通运输局报到');
    // the rest of the request stays out of its scope
    expect((await jiaotong.get(`/api/requests/${requestId}`)).statusCode).toBe(404);
    // a department not on the whistle sees nothing of it
    expect((await minzheng.get(`/api/whistles/${whistle.id}/source`)).statusCode).toBe(404);
    // the whistler's side sees it too
    expect((await station.get(`/api/whistles/${whistle.id}/source`)).statusCode).toBe(200);
  });
});

describe('移交公检法', () => {
  it('the whistling org marks a department\'s part handed over to the judiciary; recorded, audited, counted', async () => {
    const { requestId, whistle } = await whistled('疑似虚假诉讼');
    const p = partOf(whistle);
    // the department cannot (its role has no citizen:whistle); a level above the whistler may not either
    expect((await jiaotong.post(`/api/whistle-parts/${p.id}/judicial-transfer`, { version: p.version })).statusCode).toBe(403);
    const wuli = await t.as('wuli');
    const above = await wuli.post(`/api/whistle-parts/${p.id}/judicial-transfer`, { version: p.version });
    expect(above.statusCode).toBe(403);
    expect(above.json().message).toBe('只能由吹哨单位移交公检法');
    const before = (await station.get('/api/whistles/load')).json().departments.find((d: { department: { id: number } }) => d.department.id === jiaotongId).judicialTransfers;
    const res = await station.post(`/api/whistle-parts/${p.id}/judicial-transfer`, { version: p.version, note: '涉嫌虚假诉讼，移交县公安局' });
    expect(res.statusCode, res.body).toBe(200);
    expect(partOf(res.json() as WhistleView)).toMatchObject({ judicialTransfer: true, status: 'whistled' });
    const [audit] = await t.db.query<{ username: string }>(`SELECT username FROM audit_log WHERE action = 'whistle.judicial' AND object_id = $1`, [String(p.id)]);
    expect(audit).toEqual({ username: 'yushe.station' });
    const timeline = (await station.get(`/api/requests/${requestId}`)).json().timeline as { text: string | null }[];
    expect(timeline.some((e) => e.text?.includes('移交公检法（县交通运输局）：涉嫌虚假诉讼'))).toBe(true);
    const after = (await station.get('/api/whistles/load')).json().departments.find((d: { department: { id: number } }) => d.department.id === jiaotongId).judicialTransfers;
    expect(after).toBe(before + 1);
    // a stale version is refused; a declined part cannot be handed over (a module error code)
    expect((await station.post(`/api/whistle-parts/${p.id}/judicial-transfer`, { version: p.version })).statusCode).toBe(412);
    const other = (await whistled('纠纷二')).whistle;
    const declined = (await act(jiaotong, partOf(other), 'decline', { reason: '不属于本部门职责' })).json() as WhistleView;
    const refused = await station.post(`/api/whistle-parts/${partOf(declined).id}/judicial-transfer`, { version: partOf(declined).version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('whistle_part_closed');
  });
});

describe('refusals a client can branch on', () => {
  it('answers each wrong move with the engine\'s code, in Chinese and in English', async () => {
    const { whistle } = await whistled('排水沟堵塞');
    let p = partOf(whistle);
    const early = await act(jiaotong, p, 'claim', { part: 'x' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'whistle_not_reported', message: '请先报到' });
    p = partOf((await act(jiaotong, p, 'report')).json());
    const again = await act(jiaotong, p, 'report');
    expect(again.json()).toMatchObject({ code: 'whistle_already_reported', message: '已经报到过了' });
    p = partOf((await act(jiaotong, p, 'claim', { part: '清理排水沟' })).json());
    const late = await jiaotong.request('POST', `/api/whistle-parts/${p.id}/actions`, { version: p.version, action: 'decline', reason: '不归我们' }, { 'accept-language': 'en' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'whistle_already_claimed', message: 'A claimed part cannot be declined' });
    const reroute = await station.post(`/api/whistle-parts/${p.id}/reroute`, { departmentId: await orgId(t.db, '县民政局') });
    expect(reroute.json()).toMatchObject({ code: 'whistle_not_declined' });
    // nothing changed by the refusals
    expect(partOf(((await jiaotong.get(`/api/whistles/${whistle.id}`)).json() as WhistleView))).toMatchObject({ status: 'handling', version: p.version });
  });
});

describe('one load query for every kind', () => {
  it('a department\'s whistle parts and its directive assignments come out of the same measurement', async () => {
    const county = await t.as('county');
    const before = (await station.get('/api/whistles/load')).json().departments.find((d: { department: { id: number } }) => d.department.id === jiaotongId);
    const issued = await county.post('/api/directives', { kind: 'report', title: '各部门年度报告', dueDate: plusDays(todayInChina(), 5), targets: { orgIds: [jiaotongId] } });
    expect(issued.statusCode, issued.body).toBe(201);
    await whistled('公交站牌损坏');
    const after = (await station.get('/api/whistles/load')).json().departments.find((d: { department: { id: number } }) => d.department.id === jiaotongId);
    expect(after).toMatchObject({ assignments: before.assignments + 1, assignmentsOpen: before.assignmentsOpen + 1, parts: before.parts + 1, open: before.open + 1 });
  });
});
