// The demo's 小微权力 data load through the services: four flows, a finished 四议两公开 matter whose
// results are on 榆舍村's public page, one mid-way with a late step warned to 五里镇, duty lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatterDetail, OverdueList, PublicMatter, RegisterView } from '@lianxin/contract';
import { buildTestApp, orgId, type TestApp } from '../test/helpers.js';
import { loadDemoFlows } from './demo-flows.js';
import { todayInChina } from '../core/calendar.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('the demo 小微权力', () => {
  it('loads four flows, matters at every stage with one late step, and duty lists', async () => {
    const loaded = await loadDemoFlows(t.db, await orgId(t.db, '中共宜君县委员会'));
    expect(loaded).toEqual({ flows: 4, matters: 4, overdue: 1, dutyLists: 2 });
    const yushe = await t.as('yushe');
    const list = (await yushe.get('/api/flow-matters')).json() as { items: { id: number; title: string; status: string; overdueDays: number }[] };
    const done = list.items.find((m) => m.title === '村集体光伏电站收益分配')!;
    expect(done.status).toBe('done');
    const late = list.items.find((m) => m.title === '村道路灯安装工程')!;
    expect(late.overdueDays).toBe(4);
    const detail = (await yushe.get(`/api/flow-matters/${late.id}`)).json() as MatterDetail;
    expect(detail.currentStep).toBe('党员大会审议');
    expect(detail.steps[1]!.meeting?.typeName).toBe('两委会');
    expect(detail.steps[0]!.documents[0]!.files).toHaveLength(1);
    expect(detail.timeline.some((e) => e.text.startsWith('失职预警'))).toBe(true);
    const wuli = (await (await t.as('wuli')).get('/api/flow-matters/overdue')).json() as OverdueList;
    expect(wuli.items.map((i) => i.title)).toEqual(['村道路灯安装工程']);
    const unit = (await t.anonymous.get(`/api/public/units/${await orgId(t.db, '榆舍村')}`)).json() as { sections: { key: string; items: { title: string }[] }[] };
    expect(unit.sections.find((s) => s.key === 'flow_results')!.items.map((i) => i.title)).toEqual(['村集体光伏电站收益分配 · 实施结果公开', '村集体光伏电站收益分配 · 决议公开']);
    expect(unit.sections.find((s) => s.key === 'duty_list')!.items).toHaveLength(13);
    // the finished matter's public page, linked from the unit page
    const href = unit.sections.find((s) => s.key === 'flow_results')!.items.map((i) => (i as { href?: string }).href)[0]!;
    expect(href).toBe(`/public/flow-matters/${done.id}`);
    const pub = (await t.anonymous.get(`/api/public/flow-matters/${done.id}`)).json() as PublicMatter;
    expect(pub.steps.filter((s) => s.result).map((s) => s.name)).toEqual(['决议公开', '实施结果公开']);
    // the 民主决策 book of 榆舍村 fills from the demo's matters (one row per step taken; the demo's steps lie weeks back, so maybe last year in January)
    const year = Number(todayInChina().slice(0, 4));
    const books = [(await yushe.get(`/api/openness/registers/decisions?year=${year}`)).json() as RegisterView, (await yushe.get(`/api/openness/registers/decisions?year=${year - 1}`)).json() as RegisterView];
    expect(books[0]!.filledFromRecords).toBe(true);
    const book = { rows: books.flatMap((b) => b.rows) };
    expect(book.rows.some((r) => r.matter === '村集体光伏电站收益分配' && r.step === '决议公开')).toBe(true);
    expect(book.rows.some((r) => r.matter === '村道路灯安装工程' && r.step === '两委会商议')).toBe(true);
  });
});
