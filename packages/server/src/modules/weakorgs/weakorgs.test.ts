// 软弱涣散整顿 through the API: the signals a township sees of its branches, a proposal with what the
// records said, the county's list, the plan and the rectification problems registered in the
// ledger, acceptance refused until every problem is closed, de-listing, the branch's history —
// each refusal a 4xx in Chinese that changes nothing, every change audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TodayList, WeakOrgDetail, WeakOrgPage, WeakSignalBoard } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { plusDays, todayInChina } from '../../core/calendar.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let yushe: Client;
let station: Client;
let jiaotong: Client;
let yusheId: number;
const today = todayInChina();
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, yushe, station, jiaotong] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe'), t.as('yushe.station'), t.as('jiaotong')]);
  yusheId = await orgId(t.db, '榆舍村');
});
afterAll(() => t.close());

/** The rectification's item on the account's 工作台, if it has one. */
async function todayOf(c: Client, id: number) {
  const res = await c.get('/api/home/today');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as TodayList).items.find((i) => i.kind.startsWith('weak_') && i.id === id);
}
const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;
const cases = () => count(`SELECT count(*)::int AS n FROM cases WHERE case_type = 'weak_org'`);
const fire = (c: Client, d: { id: number; version: number }, transition: string, body: Record<string, unknown> = {}) =>
  c.post(`/api/weak-orgs/${d.id}/transitions/${transition}`, { version: d.version, ...body });

describe('the signals (研判)', () => {
  it('shows a township each branch below with what its records say, and a village without a secretary', async () => {
    const township = await orgId(t.db, '五里镇');
    const created = await wuli.post('/api/orgs', { parentId: await orgId(t.db, '榆舍党建工作站'), type: 'village', name: '新建村（研判测试）' });
    expect(created.statusCode, created.body).toBe(201);
    const board = (await wuli.get('/api/weak-orgs/signals')).json() as WeakSignalBoard;
    expect(board.node.name).toBe('五里镇');
    const fresh = board.children.find((r) => r.org.name === '新建村（研判测试）')!;
    expect(fresh.signals).toMatchObject({ secretaryVacant: true, overdueProblems: 0, lateReports: 0 });
    expect(fresh.flags).toBeGreaterThanOrEqual(1);
    const yusheRow = board.children.find((r) => r.org.id === yusheId)!;
    expect(yusheRow.signals.secretaryVacant).toBe(false);
    // a work station is opened up into its villages: it is not a Party branch of its own
    expect(board.children.some((r) => r.org.type === 'station')).toBe(false);
    expect(board.children.filter((r) => r.org.type === 'village').length).toBeGreaterThan(3);
    // most signals first
    expect(board.children.map((r) => r.flags)).toEqual([...board.children.map((r) => r.flags)].sort((a, b) => b - a));
    // another county's or a sibling's node: 404
    expect((await yushe.get(`/api/weak-orgs/signals?orgId=${township}`)).statusCode).toBe(404);
  });
});

describe('a branch\'s rectification', () => {
  let d: WeakOrgDetail;

  it('refuses a bad proposal and writes nothing', async () => {
    const before = await cases();
    expect((await yushe.post('/api/weak-orgs', { orgId: yusheId, year, reasons: ['stalled'] })).statusCode).toBe(403);
    const stationOrg = await orgId(t.db, '榆舍党建工作站');
    const notBranch = await wuli.post('/api/weak-orgs', { orgId: stationOrg, year, reasons: ['stalled'] });
    expect(notBranch.statusCode).toBe(400);
    expect(notBranch.json().message).toMatch(/只能将村、社区或机关的党组织列入/);
    const future = await wuli.post('/api/weak-orgs', { orgId: yusheId, year: year + 1, reasons: ['stalled'] });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toMatch(/整顿年度须为/);
    const other = await wuli.post('/api/weak-orgs', { orgId: yusheId, year, reasons: ['other'] });
    expect(other.statusCode).toBe(400);
    expect(other.json().message).toMatch(/请写明具体情形/);
    expect((await wuli.post('/api/weak-orgs', { orgId: yusheId, year, reasons: [] })).statusCode).toBe(400);
    expect((await jiaotong.post('/api/weak-orgs', { orgId: yusheId, year, reasons: ['stalled'] })).statusCode).toBe(403);
    expect((await county.post('/api/weak-orgs', { orgId: 999_999, year, reasons: ['stalled'] })).statusCode).toBe(400);
    expect(await cases()).toBe(before);
  });

  it('a township proposes a branch with what its records say; a second proposal is refused', async () => {
    const res = await wuli.post('/api/weak-orgs', { orgId: yusheId, year, reasons: ['stalled', 'no_org_life'], note: '班子半年未开支委会' });
    expect(res.statusCode, res.body).toBe(201);
    d = res.json() as WeakOrgDetail;
    expect(d).toMatchObject({ status: 'proposed', org: { id: yusheId, name: '榆舍村' }, township: '五里镇', year, reasons: ['stalled', 'no_org_life'], note: '班子半年未开支委会' });
    expect(d.signalsAtProposal).toEqual(d.signalsNow);
    expect(d.transitions).toEqual([]);
    const again = await wuli.post('/api/weak-orgs', { orgId: yusheId, year, reasons: ['stalled'] });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/已有未结束的整顿记录/);
  });

  it('only the county lists it; the branch sees its record, a department and other places do not', async () => {
    // waiting on the county's 工作台, not on the township's or the branch's
    expect(await todayOf(county, d.id)).toMatchObject({ kind: 'weak_to_decide', href: `/weak-orgs/${d.id}` });
    expect(await todayOf(wuli, d.id)).toBeUndefined();
    expect(await todayOf(yushe, d.id)).toBeUndefined();
    expect((await fire(wuli, d, 'confirm')).statusCode).toBe(403);
    expect((await jiaotong.get(`/api/weak-orgs/${d.id}`)).statusCode).toBe(404);
    expect(((await jiaotong.get('/api/weak-orgs')).json() as WeakOrgPage).total).toBe(0);
    const own = (await yushe.get(`/api/weak-orgs/${d.id}`)).json() as WeakOrgDetail;
    expect(own).toMatchObject({ status: 'proposed', transitions: [], canPlan: false });
    // the station above the village sees it rolled up, and acts on nothing
    expect(((await station.get('/api/weak-orgs')).json() as WeakOrgPage).items.map((r) => r.id)).toEqual([d.id]);
    expect(((await station.get(`/api/weak-orgs/${d.id}`)).json() as WeakOrgDetail).transitions).toEqual([]);
    const listed = await fire(county, d, 'confirm');
    expect(listed.statusCode, listed.body).toBe(200);
    d = listed.json() as WeakOrgDetail;
    expect(d).toMatchObject({ status: 'listed', canPlan: true });
    expect(((await county.get(`/api/weak-orgs?status=listed&year=${year}`)).json() as WeakOrgPage).items.map((r) => r.id)).toContain(d.id);
  });

  it('refuses acceptance without a plan and closed problems, naming what is missing', async () => {
    const early = await fire(wuli, d, 'apply');
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toMatch(/尚未制定整顿方案；尚未列出整改问题/);
    expect((await t.db.query<{ status: string }>(`SELECT status FROM cases WHERE id = $1`, [d.id]))[0]!.status).toBe('listed');
  });

  it('the township writes the plan (a stale version refused) and lists problems that go into the ledger', async () => {
    expect((await yushe.request('PUT', `/api/weak-orgs/${d.id}/plan`, { version: d.version, leader: '王镇长', plan: '调整班子' })).statusCode).toBe(403);
    const planned = await wuli.request('PUT', `/api/weak-orgs/${d.id}/plan`, { version: d.version, leader: '王镇长（包联）', plan: '一、调整充实支委会；二、每月开展主题党日；三、化解两起土地纠纷。' });
    expect(planned.statusCode, planned.body).toBe(200);
    const stale = await wuli.request('PUT', `/api/weak-orgs/${d.id}/plan`, { version: d.version, leader: '别人', plan: '覆盖' });
    expect(stale.statusCode).toBe(412);
    d = planned.json() as WeakOrgDetail;
    expect(d).toMatchObject({ leader: '王镇长（包联）', plan: expect.stringContaining('调整充实支委会') });

    const pastDeadline = await wuli.post(`/api/weak-orgs/${d.id}/problems`, { category: '组织建设', description: '支委会不健全', deadline: plusDays(today, -1) });
    expect(pastDeadline.statusCode).toBe(400);
    const badCategory = await wuli.post(`/api/weak-orgs/${d.id}/problems`, { category: '不存在的类别', description: '支委会不健全', deadline: plusDays(today, 30) });
    expect(badCategory.statusCode).toBe(400);
    expect(await count(`SELECT count(*)::int AS n FROM weak_org_problems WHERE weak_case_id = $1`, [d.id])).toBe(0);

    const settings = (await wuli.get('/api/ledger/settings')).json() as { categories: string[] };
    const added = await wuli.post(`/api/weak-orgs/${d.id}/problems`, { category: settings.categories[0], description: '支委会成员缺额两名，长期未补选', deadline: plusDays(today, 30), measures: '召开党员大会补选' });
    expect(added.statusCode, added.body).toBe(201);
    const { problemId } = added.json() as { problemId: number };
    // the problem is the ledger's: the branch has it to rectify, with where it came from
    const problem = (await yushe.get(`/api/ledger/problems/${problemId}`)).json();
    expect(problem).toMatchObject({ org: { id: yusheId }, sourceRef: `软弱涣散整顿#${d.id}` });
    d = (await wuli.get(`/api/weak-orgs/${d.id}`)).json() as WeakOrgDetail;
    expect(d.rectification).toEqual([expect.objectContaining({ id: problemId, closed: false })]);
    expect(d).toMatchObject({ problems: 1, problemsClosed: 0 });

    const open = await fire(wuli, d, 'apply');
    expect(open.statusCode).toBe(400);
    expect(open.json().message).toMatch(/还有 1 个整改问题未销号/);

    // the ledger's own workflow closes it (its steps are the ledger's tests'); here the fixture closes it
    await t.db.query(`UPDATE cases SET status = 'closed', resolved_at = now() WHERE id = $1`, [problemId]);
  });

  it('applies, is returned with a reason, applies again and is accepted — de-listed', async () => {
    const applied = await fire(wuli, d, 'apply');
    expect(applied.statusCode, applied.body).toBe(200);
    d = applied.json() as WeakOrgDetail;
    expect(d.status).toBe('acceptance');
    expect((await fire(county, d, 'return')).statusCode).toBe(400);
    d = (await fire(county, d, 'return', { body: '群众满意度测评未达80%' })).json() as WeakOrgDetail;
    expect(d.status).toBe('listed');
    // the township in charge sees it came back and why; the county's decision is made
    expect(await todayOf(wuli, d.id)).toMatchObject({ kind: 'weak_returned', reason: '群众满意度测评未达80%', urgent: true });
    expect(await todayOf(county, d.id)).toBeUndefined();
    expect(d.timeline.some((e) => e.label === '验收不通过' && e.body === '群众满意度测评未达80%')).toBe(true);
    d = (await fire(wuli, d, 'apply')).json() as WeakOrgDetail;
    expect((await fire(wuli, d, 'accept')).statusCode).toBe(403);
    const accepted = await fire(county, d, 'accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    d = accepted.json() as WeakOrgDetail;
    expect(d).toMatchObject({ status: 'delisted', closedOn: today, transitions: [], canPlan: false });
  });

  it('keeps the branch\'s history: a new proposal later shows the earlier rectification', async () => {
    const again = await wuli.post('/api/weak-orgs', { orgId: yusheId, year, reasons: ['disputes'] });
    expect(again.statusCode, again.body).toBe(201);
    const next = again.json() as WeakOrgDetail;
    expect(next.history).toEqual([expect.objectContaining({ id: d.id, status: 'delisted' })]);
    const dismissed = await fire(county, next, 'dismiss', { body: '经核实，纠纷已由镇司法所调处' });
    expect(dismissed.json()).toMatchObject({ status: 'dismissed' });
  });

  it('audits every step with who and what', async () => {
    const actions = (await t.db.query<{ action: string; username: string }>(`SELECT action, username FROM audit_log WHERE object_type = 'weak_org' AND object_id = $1 ORDER BY id`, [d.id])).map((r) => `${r.username}:${r.action}`);
    expect(actions).toEqual([
      'wuli:weak_org.open', 'county:weak_org.confirm', 'wuli:weak_org.plan', 'wuli:weak_org.add_problem',
      'wuli:weak_org.apply', 'county:weak_org.return', 'wuli:weak_org.apply', 'county:weak_org.accept',
    ]);
  });
});
