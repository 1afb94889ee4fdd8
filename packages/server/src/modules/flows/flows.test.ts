// 小微权力 end to end through the API on the demo county: flows validated and editioned, a 四议两公开
// matter run step by step (order, level, documents, meetings checked before anything changes),
// 失职预警 rolled up to the township and the county and on their home pages, the published results and
// duty lists on the public unit page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_SAMPLES, type FlowBody, type FlowDetail, type MatterDetail, type OverdueList, type MatterBoard, type DutyList, type DutyTemplate, type PublicMatter } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { addDays } from '../../core/cases/case-engine.js';
import { todayInChina } from '../../core/calendar.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let station: Client;
let yushe: Client;
let yusheId: number;
let wuliVillageId: number;
let fourId: number;
const today = todayInChina();
const sample = (code: string): FlowBody => structuredClone(FLOW_SAMPLES.find((s) => s.code === code)!.flow);
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

function upload(c: Client, url: string, document: string) {
  const boundary = '----flows';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="document"\r\n\r\n${document}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="材料.png"\r\nContent-Type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request('POST', url, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

async function meeting(c: Client, org: number, typeCode: string, topic: string): Promise<number> {
  const roster = (await c.get(`/api/orglife/units/${org}/roster`)).json() as { members: { id: number }[] };
  const res = await c.post('/api/orglife/meetings', { orgId: org, typeCode, heldOn: today, place: '村委会', host: '书记', topic, attendees: [{ personId: roster.members[0]!.id, present: true }] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, station, yushe] = [await t.as('county'), await t.as('wuli'), await t.as('yushe.station'), await t.as('yushe')];
  yusheId = await orgId(t.db, '榆舍村');
  [{ id: wuliVillageId }] = await t.db.query<{ id: number }>(`SELECT o.id FROM orgs o JOIN orgs t ON o.path LIKE t.path || '%' WHERE t.name = '五里镇' AND o.type = 'village' AND o.id <> $1 ORDER BY o.id LIMIT 1`, [yusheId]) as [{ id: number }];
  const res = await county.post('/api/flows', sample('four_discussions'));
  expect(res.statusCode, res.body).toBe(201);
  fourId = res.json().id;
});
afterAll(() => t.close());

describe('flows as data', () => {
  it('refuses a flow without steps, a step without actor, a non-positive limit, a repeated key, duplicate names — in Chinese, nothing created', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM flow_templates`);
    const bad = async (mutate: (f: FlowBody) => void, message: RegExp, status = 400) => {
      const f = sample('large_spending');
      f.name = '测试流程';
      mutate(f);
      const res = await county.post('/api/flows', f);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().message).toMatch(message);
    };
    await bad((f) => { f.steps = []; }, /至少要有一个步骤/);
    await bad((f) => { f.steps[1]!.body = '  '; }, /第2步「两委会研究」未指定办理层级和办理主体/);
    await bad((f) => { f.steps[1]!.level = null; }, /未指定办理层级和办理主体/);
    await bad((f) => { f.steps[2]!.limitDays = 0; }, /第3步「乡镇审批」的时限须为正整数/);
    await bad((f) => { f.steps[3]!.limitDays = -2; }, /时限须为正整数/);
    await bad((f) => { f.steps[4]!.key = f.steps[0]!.key; }, /与第1步重复：步骤按顺序办理，不能重复或回到前面的步骤/);
    await bad((f) => { f.steps[2]!.name = f.steps[0]!.name; }, /与第1步重名/);
    await bad((f) => { f.steps[0]!.meetingType = 'no_such_type'; }, /不是本县的组织生活会议类型/);
    await bad((f) => { f.name = '四议两公开'; }, /本县已有同名流程/, 409);
    expect(await count(`SELECT count(*)::int AS n FROM flow_templates`)).toBe(before);
  });

  it('only the county configures flows; the township reads them', async () => {
    expect((await wuli.post('/api/flows', { ...sample('project'), name: '乡镇的流程' })).statusCode).toBe(403);
    const list = (await wuli.get('/api/flows')).json() as { id: number; name: string }[];
    expect(list.map((f) => f.name)).toContain('四议两公开');
  });

  it('an edit of a flow in use makes a new edition; the running matter keeps the one it started on', async () => {
    const f = sample('land_contract');
    const created = (await county.post('/api/flows', f)).json() as FlowDetail;
    // unused: edited in place
    const inPlace = (await county.request('PUT', `/api/flows/${created.id}`, { ...f, description: '改过一次', version: created.version })).json() as FlowDetail;
    expect(inPlace.edition).toBe(1);
    const m = (await yushe.post('/api/flow-matters', { flowId: created.id, orgId: yusheId, title: '二组机动地发包', summary: '50 亩机动地，三年' })).json() as MatterDetail;
    expect(m.flow.edition).toBe(1);
    const steps = [...f.steps];
    steps.splice(2, 0, { key: 'hearing', name: '群众听证', level: 'village', body: '村民代表', limitDays: 5, documents: [], public: false, meetingType: null });
    const edited = await county.request('PUT', `/api/flows/${created.id}`, { ...f, steps, version: inPlace.version });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().edition).toBe(2);
    expect(edited.json().stepCount).toBe(7);
    const still = (await yushe.get(`/api/flow-matters/${m.id}`)).json() as MatterDetail;
    expect(still.flow.edition).toBe(1);
    expect(still.steps.map((s) => s.key)).not.toContain('hearing');
    const fresh = (await yushe.post('/api/flow-matters', { flowId: created.id, orgId: yusheId, title: '三组机动地发包', summary: '20 亩' })).json() as MatterDetail;
    expect(fresh.flow.edition).toBe(2);
    // a stale version is refused
    expect((await county.request('PUT', `/api/flows/${created.id}`, { ...f, version: inPlace.version })).statusCode).toBe(412);
  });
});

describe('a 四议两公开 matter, step by step', () => {
  let m: MatterDetail;
  const step = (body: Record<string, unknown>, c = yushe) => c.post(`/api/flow-matters/${m.id}/steps`, { version: m.version, ...body });

  it('opens on the flow; bad input answers 400 in Chinese', async () => {
    const neg = await yushe.post('/api/flow-matters', { flowId: fourId, orgId: yusheId, title: '村道硬化', summary: '修 2 公里', amountYuan: -5 });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().message).toBe('金额不能为负数');
    expect((await yushe.post('/api/flow-matters', { flowId: fourId, orgId: yusheId, title: '村道硬化', summary: '修', amountYuan: '五万' })).statusCode).toBe(400);
    expect((await yushe.post('/api/flow-matters', { flowId: fourId, orgId: wuliVillageId, title: '别村的事', summary: '越权' })).statusCode).toBe(400);
    const res = await yushe.post('/api/flow-matters', { flowId: fourId, orgId: yusheId, title: '村道硬化工程', summary: '硬化村内道路 2.3 公里', amountYuan: 480000 });
    expect(res.statusCode, res.body).toBe(201);
    m = res.json();
    expect(m.steps.map((s) => s.name)).toEqual(['党支部提议', '两委会商议', '党员大会审议', '村民代表会议决议', '决议公开', '实施结果公开']);
    expect(m.steps[0]).toMatchObject({ state: 'current', startedOn: today, dueOn: addDays(today, 5), documents: [{ name: '提议书', files: [] }] });
    expect(m.amountYuan).toBe(480000);
    expect(m.may.complete).toBe(true);
  });

  it('refuses out of order, the wrong level, missing documents and a missing or wrong meeting — nothing changed', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1`, [m.id]);
    const skip = await step({ stepKey: 'two_committees', result: '同意' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().message).toBe('须先完成「党支部提议」，不能跳过');
    const township = await step({ stepKey: 'propose', result: '同意' }, wuli);
    expect(township.statusCode).toBe(403);
    expect(township.json().message).toMatch(/「党支部提议」由村（社区）党组织（村党支部）办理/);
    const noDocs = await step({ stepKey: 'propose', result: '提议硬化村道' });
    expect(noDocs.statusCode).toBe(400);
    expect(noDocs.json().details.fields.map((f: { zh?: string; message?: string }) => f.zh ?? f.message).join()).toMatch(/尚缺材料：提议书/);
    // a document the step does not need, and the wrong level uploading
    expect((await upload(yushe, `/api/flow-matters/${m.id}/documents`, '决议书')).statusCode).toBe(400);
    expect((await upload(station, `/api/flow-matters/${m.id}/documents`, '提议书')).statusCode).toBe(403);
    expect((await upload(yushe, `/api/flow-matters/${m.id}/documents`, '提议书')).statusCode).toBe(201);
    const noMeeting = await step({ stepKey: 'propose', result: '提议硬化村道' });
    expect(noMeeting.statusCode).toBe(400);
    expect(noMeeting.json().message).toMatch(/须关联一次支委会的会议记录/);
    const wrongType = await meeting(yushe, yusheId, 'party_lecture', '党课');
    const wrong = await step({ stepKey: 'propose', result: '提议硬化村道', meetingId: wrongType });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/须关联支委会的记录，所选会议是党课/);
    const elsewhere = await meeting(wuli, wuliVillageId, 'committee', '别村支委会');
    expect((await step({ stepKey: 'propose', result: '提议', meetingId: elsewhere })).statusCode).toBe(400);
    const after = (await yushe.get(`/api/flow-matters/${m.id}`)).json() as MatterDetail;
    expect(after.version).toBe(m.version);
    expect(after.stepIndex).toBe(0);
    // only the upload reached the timeline
    expect(await count(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1`, [m.id])).toBe(before + 1);
  });

  it('runs to its public result: each step with its meeting and documents, the results on the public unit page', async () => {
    const plan: [string, string | null][] = [['propose', 'committee'], ['two_committees', 'two_committees'], ['members', 'member_congress'], ['representatives', 'villager_reps'], ['publish_resolution', null], ['publish_result', null]];
    for (const [key, type] of plan) {
      const cur = m.steps.find((s) => s.key === key)!;
      for (const d of cur.documents) if (d.files.length === 0) expect((await upload(yushe, `/api/flow-matters/${m.id}/documents`, d.name)).statusCode).toBe(201);
      const meetingId = type ? await meeting(yushe, yusheId, type, `${cur.name}：村道硬化`) : null;
      const res = await step({ stepKey: key, result: `${cur.name}通过：硬化村道 2.3 公里`, meetingId });
      expect(res.statusCode, res.body).toBe(200);
      m = res.json();
    }
    expect(m.status).toBe('done');
    expect(m.steps.every((s) => s.state === 'done')).toBe(true);
    expect(m.steps[2]!.meeting).toMatchObject({ typeName: '支部党员大会', heldOn: today });
    expect(m.timeline.some((e) => e.text.includes('完成最后一步'))).toBe(true);
    // a finished matter takes no more steps
    expect((await step({ stepKey: 'publish_result', result: 'x' })).statusCode).toBe(409);
    const unit = (await t.anonymous.get(`/api/public/units/${yusheId}`)).json() as { sections: { key: string; items: { title: string; detail: string }[] }[] };
    const results = unit.sections.find((s) => s.key === 'flow_results')!;
    expect(results.items.map((i) => i.title)).toEqual(expect.arrayContaining(['村道硬化工程 · 决议公开', '村道硬化工程 · 实施结果公开']));
    expect(results.items.some((i) => i.title.includes('党员大会审议'))).toBe(false);
    // every write audited
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'flow_matter' AND object_id = $1 AND action IN ('flow_matter.complete_step', 'flow_matter.finish')`, [String(m.id)])).toBe(6);
  });

  it('has a public page (no login) linked from the unit page: every step’s state, the results of the public steps only', async () => {
    const unit = (await t.anonymous.get(`/api/public/units/${yusheId}`)).json() as { sections: { key: string; items: { title: string; href: string | null }[] }[] };
    const link = unit.sections.find((s) => s.key === 'flow_results')!.items.find((i) => i.title === '村道硬化工程 · 决议公开')!;
    expect(link.href).toBe(`/public/flow-matters/${m.id}`);
    const res = await t.anonymous.get(`/api/public/flow-matters/${m.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const pub = res.json() as PublicMatter;
    expect(pub).toMatchObject({ title: '村道硬化工程', flowName: '四议两公开', unit: { id: yusheId, name: '榆舍村', township: '五里镇' }, state: 'done', amountYuan: 480000 });
    expect(pub.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done', 'done']);
    expect(pub.steps.filter((s) => s.result !== null).map((s) => s.name)).toEqual(['决议公开', '实施结果公开']);
    expect(pub.steps[4]!.result).toBe('决议公开通过：硬化村道 2.3 公里');
    expect(pub.steps[2]).toMatchObject({ name: '党员大会审议', completedOn: today, result: null, meeting: null });
    expect(res.body).not.toMatch(/actedBy|actor/);
    // a matter with no public step done yet, a cancelled one and one that does not exist: 404 in Chinese
    const fresh = (await yushe.post('/api/flow-matters', { flowId: fourId, orgId: yusheId, title: '村部维修', summary: '屋顶漏雨' })).json() as MatterDetail;
    const unpublished = await t.anonymous.get(`/api/public/flow-matters/${fresh.id}`);
    expect(unpublished.statusCode).toBe(404);
    expect(unpublished.json().message).toMatch(/尚未公开或已撤销/);
    await t.db.query(`UPDATE cases SET status = 'cancelled' WHERE id = $1`, [m.id]);
    expect((await t.anonymous.get(`/api/public/flow-matters/${m.id}`)).statusCode).toBe(404);
    await t.db.query(`UPDATE cases SET status = 'done' WHERE id = $1`, [m.id]);
    expect((await t.anonymous.get('/api/public/flow-matters/999999999')).statusCode).toBe(404);
  });

  it('a step returns to the previous one with a reason; a matter is cancelled with one', async () => {
    let r = (await yushe.post('/api/flow-matters', { flowId: fourId, orgId: yusheId, title: '修建文化广场', summary: '占地 3 亩' })).json() as MatterDetail;
    await upload(yushe, `/api/flow-matters/${r.id}/documents`, '提议书');
    r = (await yushe.post(`/api/flow-matters/${r.id}/steps`, { version: r.version, stepKey: 'propose', result: '提议', meetingId: await meeting(yushe, yusheId, 'committee', '文化广场') })).json();
    expect((await yushe.post(`/api/flow-matters/${r.id}/return`, { version: r.version, reason: '' })).statusCode).toBe(400);
    const back = await wuli.post(`/api/flow-matters/${r.id}/return`, { version: r.version, reason: '选址须重新论证' });
    expect(back.statusCode, back.body).toBe(200);
    r = back.json();
    expect(r.currentStep).toBe('党支部提议');
    expect(r.steps[0]).toMatchObject({ state: 'current', result: null });
    expect((await station.post(`/api/flow-matters/${r.id}/cancel`, { version: r.version, reason: '撤销' })).statusCode).toBe(403);
    const cancelled = await yushe.post(`/api/flow-matters/${r.id}/cancel`, { version: r.version, reason: '群众意见较大，暂缓' });
    expect(cancelled.json().status).toBe('cancelled');
  });

  it('outside the scope answers 404', async () => {
    const other = (await wuli.post('/api/flow-matters', { flowId: fourId, orgId: wuliVillageId, title: '别村的事项', summary: '乡镇代登记' })).json() as MatterDetail;
    expect((await yushe.get(`/api/flow-matters/${other.id}`)).statusCode).toBe(404);
    expect((await yushe.post(`/api/flow-matters/${other.id}/steps`, { version: other.version, stepKey: 'propose', result: 'x' })).statusCode).toBe(404);
    const list = (await yushe.get('/api/flow-matters?pageSize=200')).json() as { items: { id: number }[] };
    expect(list.items.map((i) => i.id)).not.toContain(other.id);
  });
});

describe('失职预警', () => {
  it('lists the overdue steps the earliest due first (ties by id), page by page, only the scope\'s', async () => {
    // three more late matters in the township, two due on the same day
    for (const [title, late] of [['村道硬化', 9], ['文化广场', 2], ['饮水工程', 9]] as const) {
      const m = (await yushe.post('/api/flow-matters', { flowId: fourId, orgId: yusheId, title, summary: '逾期' })).json() as MatterDetail;
      await t.db.query(`UPDATE cases SET deadline = $2 WHERE id = $1`, [m.id, addDays(today, -late)]);
    }
    const wuliPath = (await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE id = (SELECT parent_id FROM orgs WHERE id = (SELECT parent_id FROM orgs WHERE id = $1))`, [yusheId]))[0]!.path;
    const want = (await t.db.query<{ id: number }>(
      `SELECT id FROM cases WHERE case_type = 'flow_matter' AND status = 'running' AND deadline < $2::date AND org_path LIKE $1 ORDER BY deadline, id`,
      [`${wuliPath}%`, today],
    )).map((r) => Number(r.id));
    expect(want.length).toBeGreaterThanOrEqual(3);
    const got: number[] = [];
    for (let page = 1; page <= want.length; page++) {
      const res = (await wuli.get(`/api/flow-matters/overdue?page=${page}&pageSize=2`)).json() as OverdueList;
      expect(res.total).toBe(want.length);
      got.push(...res.items.map((i) => i.id));
    }
    expect(got).toEqual(want);
  });

  it('a late step warns the township and the county, rolled up; the village sees its own step on its home page', async () => {
    const m = (await yushe.post('/api/flow-matters', { flowId: fourId, orgId: yusheId, title: '集体林地流转', summary: '120 亩' })).json() as MatterDetail;
    await t.db.query(`UPDATE cases SET deadline = $2 WHERE id = $1`, [m.id, addDays(today, -4)]);
    const township = (await wuli.get('/api/flow-matters/overdue')).json() as OverdueList;
    const item = township.items.find((i) => i.id === m.id)!;
    expect(item).toMatchObject({ step: '党支部提议', level: 'village', overdueDays: 4, org: { id: yusheId } });
    expect(township.byUnit.reduce((n, u) => n + u.overdue, 0)).toBe(township.total);
    const top = (await county.get('/api/flow-matters/overdue')).json() as OverdueList;
    expect(top.total).toBeGreaterThanOrEqual(township.total);
    expect(top.byUnit.some((u) => u.org.name === '五里镇')).toBe(true);
    const board = (await county.get('/api/flow-matters/board')).json() as MatterBoard;
    expect(board.total.overdue).toBe(top.total);
    const drill = (await county.get(`/api/flow-matters?orgId=${yusheId}&overdue=true`)).json() as { items: { id: number }[] };
    expect(drill.items.map((i) => i.id)).toContain(m.id);
    const home = (await wuli.get('/api/home/today')).json() as { items: { kind: string; id: number; reason: string | null }[] };
    expect(home.items.find((i) => i.kind === 'flow_dereliction' && i.id === m.id)?.reason).toMatch(/逾期 4 天未办/);
    const own = (await yushe.get('/api/home/today')).json() as { items: { kind: string; id: number }[] };
    expect(own.items.some((i) => i.kind === 'flow_step_due' && i.id === m.id)).toBe(true);
    expect(own.items.some((i) => i.kind === 'flow_dereliction')).toBe(false);
    // the periodic escalation records the warning on the matter's timeline, once per late step
    const done = await t.app.cases.escalateAll();
    expect(done.flow_matter).toBeGreaterThanOrEqual(1);
    const after = (await yushe.get(`/api/flow-matters/${m.id}`)).json() as MatterDetail;
    expect(after.timeline.some((e) => e.text.startsWith('失职预警'))).toBe(true);
    expect((await t.app.cases.escalateAll()).flow_matter).toBe(0);
  });
});

describe('duty lists', () => {
  it('the sample template has 13 posts and 67 items; a village adapts its copy within limits; the public page shows it', async () => {
    const tpl = (await wuli.get('/api/duty-template')).json() as DutyTemplate;
    expect(tpl.sample).toBe(true);
    expect(tpl.posts).toHaveLength(13);
    expect(tpl.posts.reduce((n, p) => n + p.items.length, 0)).toBe(67);
    const list = (await yushe.get(`/api/duty-lists/${yusheId}`)).json() as DutyList;
    expect(list.own).toBe(false);
    const posts = structuredClone(list.posts);
    posts[8]!.items.push('每季度向村民代表会议报告一次收支情况');
    const dropped = await yushe.request('PUT', `/api/duty-lists/${yusheId}`, { posts: posts.slice(1), version: 0 });
    expect(dropped.statusCode).toBe(400);
    expect(dropped.json().message).toBe('不能删除县里规定的岗位「村党组织」');
    const emptied = structuredClone(posts);
    emptied[3]!.items = [];
    expect((await yushe.request('PUT', `/api/duty-lists/${yusheId}`, { posts: emptied, version: 0 })).json().message).toMatch(/至少保留一项职责/);
    const saved = await yushe.request('PUT', `/api/duty-lists/${yusheId}`, { posts, version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ own: true, version: 1 });
    expect((await yushe.request('PUT', `/api/duty-lists/${yusheId}`, { posts, version: 0 })).statusCode).toBe(412);
    expect((await yushe.get(`/api/duty-lists/${wuliVillageId}`)).statusCode).toBe(404);
    const unit = (await t.anonymous.get(`/api/public/units/${yusheId}`)).json() as { sections: { key: string; items: { title: string; detail: string }[] }[] };
    const duties = unit.sections.find((s) => s.key === 'duty_list')!;
    expect(duties.items).toHaveLength(13);
    expect(duties.items.find((i) => i.title === '报账员')!.detail).toContain('每季度向村民代表会议报告一次收支情况');
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'duty_list.update' AND object_id = $1`, [String(yusheId)])).toBe(1);
  });

  it('the county writes its own template; only the county may', async () => {
    const tpl = (await county.get('/api/duty-template')).json() as DutyTemplate;
    expect((await wuli.request('PUT', '/api/duty-template', { posts: tpl.posts, version: 0 })).statusCode).toBe(403);
    const res = await county.request('PUT', '/api/duty-template', { posts: tpl.posts.slice(0, 12), version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sample: false, version: 1 });
  });
});
