// 今日待办: items are the modules' own records — they appear when a record starts waiting for the
// account's org and go when it is dealt with; nothing outside the account's scope ever appears.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TodayItem, TodayList } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { addDays } from '../../core/cases/case-engine.js';
import { todayInChina } from '../../core/calendar.js';
import { compareToday } from './home.service.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let station: Client;
let yushe: Client;
let yusheId: number;
const today = todayInChina();

async function today_(client: Client): Promise<TodayItem[]> {
  const res = await client.get('/api/home/today');
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as TodayList;
  expect(body.today).toBe(today);
  expect(body.total).toBeGreaterThanOrEqual(body.items.length);
  return body.items;
}
const find = (items: TodayItem[], id: number, kindPrefix: string) => items.find((i) => i.id === id && i.kind.startsWith(kindPrefix));

async function register(client: Client, org: number, description: string, deadline = addDays(today, 20)) {
  const res = await client.post('/api/ledger/problems', { orgId: org, source: 'station_inspection', category: '基层组织建设', description, deadline });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number };
}
const fire = async (client: Client, p: { id: number; version: number }, transition: string, body: Record<string, unknown> = {}) => {
  const res = await client.post(`/api/ledger/problems/${p.id}/transitions/${transition}`, { version: p.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; version: number };
};

beforeAll(async () => {
  t = await buildTestApp();
  county = await t.as('county');
  wuli = await t.as('wuli');
  station = await t.as('yushe.station');
  yushe = await t.as('yushe');
  yusheId = await orgId(t.db, '榆舍村');
});
afterAll(() => t.close());

describe('今日待办 follows a problem through the ledger', () => {
  it('registered → the village writes measures; submitted → the station checks; returned → the village reworks, with the reason, first', async () => {
    let p = await register(wuli, yusheId, '三会一课记录不全，党员活动室制度未上墙');
    let v = await today_(yushe);
    expect(find(v, p.id, 'problem_')).toMatchObject({ kind: 'problem_to_start', org: '榆舍村', due: addDays(today, 20), urgent: false, href: `/ledger/${p.id}` });
    expect(find(v, p.id, 'problem_')!.title).toContain('三会一课');
    // the station does not rectify for the village: nothing for it yet
    expect(find(await today_(station), p.id, 'problem_')).toBeUndefined();

    p = await fire(yushe, p, 'start', { measures: '制度上墙；补全记录' });
    expect(find(await today_(yushe), p.id, 'problem_')?.kind).toBe('problem_rectifying');
    p = await fire(yushe, p, 'submit', { comment: '已补全' });
    expect(find(await today_(yushe), p.id, 'problem_')).toBeUndefined();
    expect(find(await today_(station), p.id, 'problem_')).toMatchObject({ kind: 'problem_to_check', href: `/ledger/${p.id}` });
    // the township is not the checker while a station lies between
    expect(find(await today_(wuli), p.id, 'problem_to_check')).toBeUndefined();

    p = await fire(station, p, 'return', { comment: '会议记录缺少签到表，请补齐后再提交' });
    expect(find(await today_(station), p.id, 'problem_to_check')).toBeUndefined();
    v = await today_(yushe);
    const returned = find(v, p.id, 'problem_');
    expect(returned).toMatchObject({ kind: 'problem_returned', reason: '会议记录缺少签到表，请补齐后再提交', urgent: true });
    // urgent items come before routine ones
    expect(v.indexOf(returned!)).toBeLessThan(v.findIndex((i) => !i.urgent) === -1 ? Infinity : v.findIndex((i) => !i.urgent));

    p = await fire(yushe, p, 'submit', { comment: '签到表已补齐' });
    p = await fire(station, p, 'accept', { comment: '符合要求' });
    expect(find(await today_(yushe), p.id, 'problem_')).toBeUndefined();
    expect(find(await today_(station), p.id, 'problem_')).toBeUndefined();
  });

  it('a problem past its deadline is urgent for its village', async () => {
    const p = await register(county, yusheId, '逾期测试：村务公开栏未更新', addDays(today, 1));
    await t.db.query(`UPDATE cases SET deadline = $2 WHERE id = $1`, [p.id, addDays(today, -2)]);
    expect(find(await today_(yushe), p.id, 'problem_')).toMatchObject({ kind: 'problem_overdue', urgent: true, due: addDays(today, -2) });
  });

  it('never shows another township\'s records', async () => {
    const other = await orgId(t.db, '彭镇村');
    const p = await register(county, other, '范围测试：别的镇的问题');
    for (const c of [wuli, station, yushe]) expect((await today_(c)).some((i) => i.id === p.id && i.kind.startsWith('problem_'))).toBe(false);
    const dir = await county.post('/api/directives', { kind: 'report', title: '范围测试：只发给彭镇村', dueDate: addDays(today, 3), targets: { orgIds: [other] } });
    expect(dir.statusCode, dir.body).toBe(201);
    for (const c of [wuli, station, yushe]) expect((await today_(c)).some((i) => i.title === '范围测试：只发给彭镇村')).toBe(false);
  });
});

describe('今日待办 of reports, requests and whistles', () => {
  it('a report due this week appears for the village and goes once reported', async () => {
    const dir = await wuli.post('/api/directives', { kind: 'report', title: '本周党员学习情况', dueDate: addDays(today, 3), targets: { orgIds: [yusheId] } });
    expect(dir.statusCode, dir.body).toBe(201);
    const item = (await today_(yushe)).find((i) => i.title === '本周党员学习情况');
    expect(item).toMatchObject({ kind: 'report_due', due: addDays(today, 3), org: '五里镇', urgent: false });
    expect(item!.href).toBe(`/dispatch/assignments/${item!.id}`);
    // the township issued it; it is not the township's report to make
    expect((await today_(wuli)).some((i) => i.title === '本周党员学习情况')).toBe(false);

    const a = (await yushe.get(`/api/assignments/${item!.id}`)).json() as { version: number };
    const rep = await yushe.post(`/api/assignments/${item!.id}/report`, { version: a.version, outcome: 'done', text: '全体党员已完成学习' });
    expect(rep.statusCode, rep.body).toBe(200);
    expect((await today_(yushe)).some((i) => i.id === item!.id && i.kind.startsWith('report_'))).toBe(false);
  });

  it('a request nobody has taken is the village\'s to claim; once claimed it is the claimer\'s', async () => {
    const res = await yushe.post('/api/requests', { orgId: yusheId, channel: 'village', category: 'errand', citizenName: '王大爷', matter: '代办高龄补贴申请' });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as { id: number; version: number; status: string };
    const claimable = find(await today_(station), r.id, 'request_');
    if (r.status === 'received') {
      expect(claimable).toMatchObject({ kind: 'request_to_claim', urgent: true, href: `/citizens/${r.id}` });
      expect(find(await today_(yushe), r.id, 'request_')?.kind).toBe('request_to_claim');
      const claimed = await yushe.post(`/api/requests/${r.id}/transitions/claim`, { version: r.version });
      expect(claimed.statusCode, claimed.body).toBe(200);
    }
    expect(find(await today_(yushe), r.id, 'request_')?.kind).toBe('request_mine');
    // the station did not take it on: not its item any more
    expect(find(await today_(station), r.id, 'request_')).toBeUndefined();
  });

  it('each role sees only the kinds it acts on', async () => {
    expect(await today_(await t.as('auditor'))).toEqual([]);
    const dept = await today_(await t.as('jiaotong'));
    expect(dept.every((i) => ['whistle_to_answer', 'report_due', 'report_overdue', 'request_to_claim', 'request_mine', 'request_overdue', 'problem_to_start', 'problem_rectifying', 'problem_returned', 'problem_overdue', 'task_open', 'problem_to_check', 'problem_supervision'].includes(i.kind))).toBe(true);
    expect(dept.some((i) => i.kind === 'whistle_declined')).toBe(false);
  });

  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/home/today' })).statusCode).toBe(401);
  });
});

describe('the order of the list', () => {
  const item = (x: Partial<TodayItem>): TodayItem => ({ kind: 'report_due', id: 1, title: 'x', org: 'x', due: null, reason: null, at: '2026-12-01T00:00:00.000Z', urgent: false, href: '/', ...x });
  it('urgent first, then the earliest due date, undated last, then the newest', () => {
    const list = [
      item({ id: 1, due: '2026-12-10' }),
      item({ id: 2, due: null, at: '2026-12-02T00:00:00.000Z' }),
      item({ id: 3, urgent: true, due: '2026-12-20' }),
      item({ id: 4, due: '2026-12-05' }),
      item({ id: 5, due: null, at: '2026-12-03T00:00:00.000Z' }),
      item({ id: 6, urgent: true, due: '2026-12-01' }),
    ];
    expect([...list].sort(compareToday).map((i) => i.id)).toEqual([6, 3, 4, 1, 5, 2]);
  });
});
