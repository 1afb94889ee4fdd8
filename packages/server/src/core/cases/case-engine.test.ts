// The case engine through the citizens' queue: one transition path with one clock semantics, and
// every operation on a case writes its timeline entry and its audit record together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail, TodoSummary } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { TEST_ACTORS } from './workflow-testing.js';
import { solve } from '../challenge.js';
import { createCaseEngine } from './case-engine.js';
import { caseType } from './registry.js';

let t: TestApp;
let station: Client;
let wuli: Client;
let stationId: number;

beforeAll(async () => {
  t = await buildTestApp({ publicRateLimit: { submit: 1000, lookup: 1000 } });
  station = await t.as('yushe.station');
  wuli = await t.as('wuli');
  stationId = await orgId(t.db, '榆舍党建工作站');
});
afterAll(() => t.close());

const fire = async (c: Client, r: { id: number; version: number }, transition: string, body: Record<string, unknown> = {}) => {
  const res = await c.post(`/api/requests/${r.id}/transitions/${transition}`, { version: r.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as RequestDetail;
};

async function staffRequest(matter: string): Promise<RequestDetail> {
  const res = await station.post('/api/requests', { orgId: stationId, channel: 'visit', category: 'errand', citizenName: '李大爷', phone: '13800005678', matter });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as RequestDetail;
}

const clocks = async (id: number) =>
  (await t.db.query<{ status: string; resolved_at: Date | null; closed_at: Date | null }>(`SELECT status, resolved_at, closed_at FROM cases WHERE id = $1`, [id]))[0]!;

const audits = async (id: number) =>
  (await t.db.query<{ action: string; username: string; ip: string | null }>(`SELECT action, username, ip FROM audit_log WHERE object_type = 'request' AND object_id = $1 ORDER BY id`, [String(id)]));

const openCount = async (c: Client) => {
  const home = (await c.get('/api/home/todos')).json() as TodoSummary;
  return home.items.find((i) => i.kind === 'requests_open')!.count;
};

describe('one transition path', () => {
  it('a request archived and then reopened by staff is open again: in the open queue and in the home count alike', async () => {
    const before = (await station.get('/api/requests?open=true&pageSize=100')).json().total as number;
    expect(await openCount(station)).toBe(before);

    let r = await staffRequest('村口水管破裂，请尽快维修');
    r = await fire(station, r, 'claim');
    r = await fire(station, r, 'resolve', { comment: '已联系水务站修复', resolved: true });
    r = await fire(station, r, 'archive');
    expect(await clocks(r.id)).toMatchObject({ status: 'archived', resolved_at: expect.any(Date), closed_at: expect.any(Date) });
    expect((await station.get('/api/requests?open=true&pageSize=100')).json().total).toBe(before);
    expect(await openCount(station)).toBe(before);

    r = await fire(station, r, 'reopen', { comment: '群众反映又漏水了' });
    // leaving the resolved and final states stops both clocks
    expect(await clocks(r.id)).toEqual({ status: 'claimed', resolved_at: null, closed_at: null });
    const queue = (await station.get('/api/requests?open=true&pageSize=100')).json();
    expect(queue.items.map((i: { id: number }) => i.id)).toContain(r.id);
    expect(queue.total).toBe(before + 1);
    expect(await openCount(station)).toBe(before + 1);
    // the township above counts and lists it the same way
    expect(await openCount(wuli)).toBe((await wuli.get('/api/requests?open=true&pageSize=1')).json().total);

    // the next archive starts the clocks afresh
    r = await fire(station, r, 'resolve', { comment: '更换了水管', resolved: true });
    r = await fire(station, r, 'archive');
    expect(await clocks(r.id)).toMatchObject({ status: 'archived', closed_at: expect.any(Date) });
    expect(await openCount(station)).toBe(before);
    expect((await audits(r.id)).map((a) => a.action)).toEqual([
      'request.open', 'request.claim', 'request.resolve', 'request.archive', 'request.reopen', 'request.resolve', 'request.archive',
    ]);
  });
});

describe('every operation on a case writes its timeline entry and its audit record together', () => {
  it('progress messages, report-up and hand-over by staff', async () => {
    let r = await staffRequest('低保申请材料咨询');
    r = await fire(station, r, 'claim');
    const msg = await station.post(`/api/requests/${r.id}/messages`, { text: '已转民政办核实', public: true });
    expect(msg.statusCode, msg.body).toBe(200);
    const up = await station.post(`/api/requests/${r.id}/report-up`, { text: '涉及政策口径，请镇党委把关' });
    expect(up.statusCode, up.body).toBe(200);
    const candidates = (await station.get(`/api/requests/${r.id}/hand-over-candidates`)).json() as { id: number; name: string }[];
    const to = candidates[0]!;
    const handed = await station.post(`/api/requests/${r.id}/hand-over`, { toAccountId: to.id, note: '镇里统一办理' });
    expect(handed.statusCode, handed.body).toBe(200);

    const detail = handed.json() as RequestDetail;
    expect(detail.owner?.id).toBe(to.id);
    expect(detail.timeline.slice(-3).map((e) => e.kind)).toEqual(['comment', 'comment', 'edit']);
    expect(detail.timeline.at(-3)).toMatchObject({ text: '已转民政办核实', public: true });
    const actions = await audits(r.id);
    expect(actions.slice(-3)).toEqual([
      { action: 'request.comment', username: 'yushe.station', ip: expect.any(String) },
      { action: 'request.report_up', username: 'yushe.station', ip: expect.any(String) },
      { action: 'request.hand_over', username: 'yushe.station', ip: expect.any(String) },
    ]);

    // a refused hand-over (no longer the owner) changes nothing: no entry, no record
    const again = await station.post(`/api/requests/${r.id}/hand-over`, { toAccountId: to.id, note: '再移交' });
    expect(again.statusCode).toBe(403);
    expect((await audits(r.id)).length).toBe(actions.length);
    expect(((await station.get(`/api/requests/${r.id}`)).json() as RequestDetail).timeline.length).toBe(detail.timeline.length);
  });

  it('a citizen\'s photo and rating on the public page: entries and records name 群众 and the address', async () => {
    const ch = (await t.anonymous.get('/api/public/challenge')).json();
    const sent = await t.anonymous.post('/api/public/requests', { unitId: stationId, name: '王婶', phone: '13800009876', matter: '垃圾清运不及时', category: 'errand', challengeToken: ch.token, challengeAnswer: solve(ch.question) });
    expect(sent.statusCode, sent.body).toBe(201);
    const code = sent.json().trackingCode as string;

    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const boundary = '----engine';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="phone"\r\n\r\n13800009876\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const photo = await t.anonymous.request('POST', `/api/public/requests/${code}/photo`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(photo.statusCode, photo.body).toBe(201);

    let r = (await station.get(`/api/requests?q=${code}`)).json().items[0] as RequestDetail;
    r = await fire(station, r, 'claim');
    r = await fire(station, r, 'resolve', { comment: '已安排清运', resolved: true });
    const rated = await t.anonymous.post('/api/public/track/rating', { code, phone: '13800009876', rating: 'unsatisfied', comment: '还是没人来' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ status: 'claimed', rating: null, canRate: false });

    const actions = await audits(r.id);
    expect(actions.map((a) => a.action)).toEqual(['request.open', 'request.attach', 'request.claim', 'request.resolve', 'request.rate', 'request.reopen']);
    for (const a of [actions[1]!, actions[4]!, actions[5]!]) expect(a).toEqual({ action: a.action, username: '群众', ip: '127.0.0.1' });
    const detail = (await station.get(`/api/requests/${r.id}`)).json() as RequestDetail;
    expect(detail.timeline.map((e) => [e.kind, e.actor])).toEqual([
      ['open', '群众'], ['attachment', '群众'], ['transition', 'yushe.station'], ['transition', 'yushe.station'], ['comment', '群众'], ['transition', '群众'],
    ]);
    // reopened by the rating: open again in the queue, with no clock left running
    expect(await clocks(r.id)).toEqual({ status: 'claimed', resolved_at: null, closed_at: null });
    expect((await station.get('/api/requests?open=true&pageSize=100')).json().items.map((i: { id: number }) => i.id)).toContain(r.id);
  });
});

describe('a case type writes only its own row table', () => {
  it('opening a case with another type\'s table, or a column that is not a name, is refused before any write', async () => {
    const engine = createCaseEngine({ db: t.db });
    const requestWorkflow = caseType('request').workflow; // registered by the citizens module the app loaded
    const count = async () => Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM cases`))[0]!.n);
    const before = await count();
    const input = { countyId: 1, orgId: stationId, orgPath: '/x/', title: '越权写入', deadline: null };
    await expect(engine.open(t.db, requestWorkflow, TEST_ACTORS.county, input, { table: 'problems', values: { county_id: 1 } }))
      .rejects.toThrow(/keeps its rows in citizen_requests, not problems/);
    await expect(engine.open(t.db, requestWorkflow, TEST_ACTORS.county, input, { table: 'citizen_requests', values: { 'county_id) SELECT 1; --': 1 } }))
      .rejects.toThrow(/is not a column name/);
    expect(await count()).toBe(before);
  });
});
