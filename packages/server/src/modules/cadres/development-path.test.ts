// 发展党员 path as county configuration: the county saves its path (steps, intervals, time limits,
// checkpoints such as a "131" 工作法) as a new edition with every refusal a 400 in Chinese that saves
// nothing; people keep the edition they were opened under; a step's time limit gives overdue and
// due-soon warnings on the board and on the 工作台 of the branch and the committee above it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevelopmentPage, DevelopmentPath, DevelopmentRow, TodayList } from '@lianxin/contract';
import { plusDays, todayInChina } from '../../core/calendar.js';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { addMonths } from './development.service.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let yushe: Client;
let yusheId: number;
const today = todayInChina();
beforeAll(async () => {
  t = await buildTestApp();
  county = await t.as('county');
  wuli = await t.as('wuli');
  yushe = await t.as('yushe');
  yusheId = await orgId(t.db, '榆舍村');
});
afterAll(() => t.close());

let serial = 0;
async function applicant(appliedOn: string): Promise<DevelopmentRow> {
  const p = await yushe.post('/api/people', { name: `流程测试${++serial}`, gender: 'female', orgId: yusheId, birthDate: '1996-03-01' });
  expect(p.statusCode, p.body).toBe(201);
  const res = await yushe.post('/api/developments', { personId: (p.json() as { id: number }).id, appliedOn });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as DevelopmentRow;
}
const step = (c: Client, id: number, body: Record<string, unknown>) => c.post(`/api/developments/${id}/steps`, body);
const editions = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM development_path_editions`))[0]!.n;
const audits = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'development_path.save'`))[0]!.n;

type Step = { transition: string; minMonths: number; dueMonths: number | null; checks: string[] };
const STEPS: Step[] = [
  { transition: 'make_activist', minMonths: 3, dueMonths: 6, checks: ['党组织派人谈话', '“131”：村党组织书记谈话（示例）'] },
  { transition: 'make_target', minMonths: 12, dueMonths: null, checks: [] },
  { transition: 'admit', minMonths: 0, dueMonths: null, checks: ['支部大会讨论表决'] },
  { transition: 'make_full', minMonths: 12, dueMonths: 12, checks: ['支部大会讨论表决'] },
];
const body = (edition: number, steps: Step[] = STEPS, extra: Record<string, unknown> = {}) =>
  ({ edition, name: '测试县发展党员流程', minAge: 18, trainingRequired: false, warnDays: 30, steps, ...extra });
const put = (c: Client, b: unknown) => c.request('PUT', '/api/development-path', b);

describe('the county\'s development path', () => {
  it('refuses a path that is empty, negative, out of order or repeated, a time limit before the interval, blank names and checkpoints — saving nothing', async () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [body(0, []), /流程不能为空/],
      [body(0, [STEPS[0]!, STEPS[1]!, STEPS[2]!]), /缺少步骤：转为正式党员/],
      [body(0, [STEPS[1]!, STEPS[0]!, STEPS[2]!, STEPS[3]!]), /步骤顺序须为：确定为入党积极分子 → 确定为发展对象 → 接收为预备党员 → 转为正式党员/],
      [body(0, [STEPS[0]!, STEPS[0]!, STEPS[1]!, STEPS[2]!, STEPS[3]!]), /步骤重复：确定为入党积极分子/],
      [body(0, [{ ...STEPS[0]!, minMonths: -1 }, STEPS[1]!, STEPS[2]!, STEPS[3]!]), /「确定为入党积极分子」的最短间隔不能为负数/],
      [body(0, [STEPS[0]!, { ...STEPS[1]!, dueMonths: -2 }, STEPS[2]!, STEPS[3]!]), /「确定为发展对象」的办理时限不能为负数/],
      [body(0, [STEPS[0]!, { ...STEPS[1]!, dueMonths: 6 }, STEPS[2]!, STEPS[3]!]), /办理时限（6个月）不能短于最短间隔（12个月）/],
      [body(0, [{ ...STEPS[0]!, checks: ['谈话', ' 谈话 '] }, STEPS[1]!, STEPS[2]!, STEPS[3]!]), /检查点重复：谈话/],
      [body(0, [{ ...STEPS[0]!, checks: ['  '] }, STEPS[1]!, STEPS[2]!, STEPS[3]!]), /有空白的检查点/],
      [body(0, STEPS, { name: '  ' }), /请填写流程名称/],
    ];
    for (const [b, message] of bad) {
      const res = await put(county, b);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().message).toMatch(message);
    }
    expect(await editions()).toBe(0);
    expect(await audits()).toBe(0);
  });

  it('is the county\'s to set: a township or a village is refused', async () => {
    expect((await put(wuli, body(0))).statusCode).toBe(403);
    expect((await put(yushe, body(0))).statusCode).toBe(403);
    expect(await editions()).toBe(0);
  });

  it('saves a new edition, audited; a stale screen is refused; people keep the edition they were opened under', async () => {
    const before = await applicant(plusDays(today, -10));
    expect(before.pathEdition).toBeNull();

    const saved = await put(county, body(0));
    expect(saved.statusCode, saved.body).toBe(200);
    const path = saved.json() as DevelopmentPath;
    expect(path).toMatchObject({ name: '测试县发展党员流程', national: false, edition: 1, inProgressNational: 1 });
    expect(path.config.steps.make_activist).toEqual({ minMonths: 3, dueMonths: 6, checks: ['党组织派人谈话', '“131”：村党组织书记谈话（示例）'] });
    expect(await audits()).toBe(1);
    expect((await put(county, body(0))).statusCode).toBe(412); // the screen showed the national default; edition 1 is there now
    expect(await editions()).toBe(1);

    // opened under edition 1: three months before the activist step
    const first = await applicant(plusDays(today, -10));
    expect(first.pathEdition).toBe(1);
    expect(first.next).toMatchObject({ earliest: addMonths(plusDays(today, -10), 3), checks: STEPS[0]!.checks });

    // edition 2 drops the interval; the person opened under edition 1 keeps it, a new one does not
    const second = await put(county, body(1, [{ ...STEPS[0]!, minMonths: 0, checks: ['党组织派人谈话'] }, STEPS[1]!, STEPS[2]!, STEPS[3]!]));
    expect(second.statusCode, second.body).toBe(200);
    const later = await applicant(plusDays(today, -10));
    expect(later.pathEdition).toBe(2);
    const early = await step(yushe, first.id, { version: 1, transition: 'make_activist', date: today, checks: STEPS[0]!.checks });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toMatch(/满3个月后/);
    expect((await step(yushe, later.id, { version: 1, transition: 'make_activist', date: today, checks: ['党组织派人谈话'] })).statusCode).toBe(200);
    // the one opened before any county path follows the national default still
    const national = await step(yushe, before.id, { version: 1, transition: 'make_activist', date: today, checks: ['党组织派人谈话'] });
    expect(national.statusCode).toBe(400);
    expect(national.json().message).toMatch(/党员推荐或群团组织推优/);

    const now = (await county.get('/api/development-path')).json() as DevelopmentPath;
    expect(now.edition).toBe(2);
    expect(now.editions.map((e) => [e.edition, e.inProgress])).toEqual([[2, 1], [1, 1]]);
    expect(now.inProgressNational).toBe(1);
    // an edition is never changed in place
    await expect(t.db.query(`UPDATE development_path_editions SET name = 'x'`)).rejects.toThrow();
  });
});

describe('step deadlines and warnings', () => {
  // edition 3: the activist step is due within 6 months of the application, warned 30 days before
  let overdue: DevelopmentRow;
  let soon: DevelopmentRow;
  let calm: DevelopmentRow;
  beforeAll(async () => {
    const current = ((await county.get('/api/development-path')).json() as DevelopmentPath).edition ?? 0;
    expect((await put(county, body(current))).statusCode).toBe(200);
    overdue = await applicant(plusDays(today, -200));
    soon = await applicant(addMonths(plusDays(today, 10), -6));
    calm = await applicant(today);
  });

  it('dates the next step from the previous one and the path\'s time limit', async () => {
    const rows = ((await yushe.get('/api/developments?status=applicant&pageSize=200')).json() as DevelopmentPage).items;
    const of = (d: DevelopmentRow) => rows.find((r) => r.id === d.id)!;
    expect(of(overdue)).toMatchObject({ due: addMonths(plusDays(today, -200), 6), warning: 'overdue' });
    expect(of(soon)).toMatchObject({ due: plusDays(today, 10), warning: 'due_soon' });
    expect(of(calm)).toMatchObject({ due: addMonths(today, 6), warning: null });
  });

  it('filters and counts the board by warning', async () => {
    const all = (await yushe.get('/api/developments?pageSize=200')).json() as DevelopmentPage;
    const late = (await yushe.get('/api/developments?warning=overdue&pageSize=200')).json() as DevelopmentPage;
    expect(late.items.map((r) => r.id)).toContain(overdue.id);
    expect(late.items.every((r) => r.warning === 'overdue')).toBe(true);
    expect(late.total).toBe(all.warnings.overdue);
    expect(late.warnings).toEqual(all.warnings);
    const near = (await yushe.get('/api/developments?warning=due_soon&pageSize=200')).json() as DevelopmentPage;
    expect(near.items.map((r) => r.id)).toEqual(expect.arrayContaining([soon.id]));
    expect(near.items.map((r) => r.id)).not.toContain(calm.id);
  });

  it('puts overdue and due-soon steps on the 工作台 of the branch and the township above, not the county above the township', async () => {
    const items = async (c: Client) => ((await (await c.get('/api/home/today')).json()) as TodayList).items.filter((i) => i.kind === 'development_due');
    const branch = await items(yushe);
    const late = branch.find((i) => i.id === overdue.id)!;
    expect(late).toMatchObject({ urgent: true, due: addMonths(plusDays(today, -200), 6), href: `/developments?id=${overdue.id}` });
    expect(late.title).toMatch(/^已逾期：.*请于 .* 前「确定为入党积极分子」/);
    expect(branch.find((i) => i.id === soon.id)).toMatchObject({ urgent: false, due: plusDays(today, 10) });
    expect(branch.find((i) => i.id === calm.id)).toBeUndefined();
    const township = await items(wuli);
    expect(township.find((i) => i.id === overdue.id)?.title).toMatch(/请督促支部办理/);
    expect((await items(county)).find((i) => i.id === overdue.id)).toBeUndefined();
    expect((await items(await t.as('yushe.station'))).find((i) => i.id === overdue.id)).toBeUndefined();
  });
});
