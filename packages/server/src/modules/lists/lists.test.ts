import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRow } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { addDays } from '../../core/cases/case-engine.js';
import { todayInChina } from '../../core/calendar.js';

let t: TestApp;
let wuli: Client;
let yushe: Client;
const today = todayInChina();
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await buildTestApp();
  wuli = await t.as('wuli');
  yushe = await t.as('yushe');
});
afterAll(() => t.close());

describe('the task list (任务清单)', () => {
  it('lists a township task owned by a village for both; the village reports, the township confirms', async () => {
    const township = await orgId(t.db, '五里镇');
    const village = await orgId(t.db, '榆舍村');
    const res = await wuli.post('/api/tasks', { orgId: township, year, content: '完成村级活动场所"十有"达标', ownerOrgId: village, ownerPerson: '村党支部书记', deadline: addDays(today, 40) });
    expect(res.statusCode, res.body).toBe(201);
    let task = res.json() as TaskRow;
    expect(task).toMatchObject({ status: 'assigned', ownerOrg: { name: '榆舍村' }, actions: [] });

    const villageList = ((await yushe.get(`/api/tasks?year=${year}`)).json() as { items: TaskRow[] }).items;
    expect(villageList.find((x) => x.id === task.id)?.actions).toEqual(['start', 'submit']);
    const noNote = (await yushe.post(`/api/tasks/${task.id}/transitions/submit`, { version: task.version })).json();
    expect(noNote.message).toBe('请填写完成情况');
    // the field is named as the client sends it (the body's comment), not the engine's word for it
    expect(noNote.details.fields).toEqual([{ field: 'comment', message: '请填写完成情况' }]);
    task = (await yushe.post(`/api/tasks/${task.id}/transitions/submit`, { version: task.version, comment: '已完成，验收材料已上传' })).json();
    expect(task).toMatchObject({ status: 'submitted', result: '已完成，验收材料已上传' });
    expect((await yushe.post(`/api/tasks/${task.id}/transitions/confirm`, { version: task.version })).statusCode).toBe(403);
    task = (await wuli.post(`/api/tasks/${task.id}/transitions/confirm`, { version: task.version })).json();
    expect(task.status).toBe('completed');
  });

  it('refuses an owner outside the list org and a list of another township', async () => {
    const township = await orgId(t.db, '五里镇');
    const other = await wuli.post('/api/tasks', { orgId: township, year, content: 'x', ownerOrgId: await orgId(t.db, '彭镇村'), deadline: addDays(today, 3) });
    expect(other.statusCode).toBe(400);
    expect(other.json().details.fields[0].field).toBe('ownerOrgId');
    expect((await wuli.get(`/api/tasks?year=${year}&orgId=${await orgId(t.db, '彭镇')}`)).statusCode).toBe(404);
  });
});

describe('the responsibility list (责任清单)', () => {
  it('links posts and persons to duties per org and year', async () => {
    const village = await orgId(t.db, '榆舍村');
    const [person] = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_id = $1 LIMIT 1`, [village]);
    const a = await yushe.post('/api/responsibilities', { orgId: village, year, postRole: 'secretary', duty: '履行抓党建第一责任人职责' });
    expect(a.statusCode, a.body).toBe(201);
    const b = await yushe.post('/api/responsibilities', { orgId: village, year, personId: person!.id, duty: '负责党员教育管理台账' });
    expect(b.statusCode).toBe(201);
    const none = await yushe.post('/api/responsibilities', { orgId: village, year, duty: '无人负责' });
    expect(none.statusCode).toBe(400);
    const page = (await wuli.get(`/api/responsibilities?year=${year}`)).json();
    expect(page).toMatchObject({ page: 1, pageSize: 50, total: page.items.length });
    const list = page.items;
    expect(list.map((r: { duty: string }) => r.duty)).toEqual(expect.arrayContaining(['履行抓党建第一责任人职责', '负责党员教育管理台账']));
    const row = list.find((r: { id: number }) => r.id === a.json().id);
    expect((await yushe.del(`/api/responsibilities/${row.id}?version=${row.version}`)).statusCode).toBe(204);
    expect((await wuli.get(`/api/responsibilities?year=${year}`)).json().items).toHaveLength(list.length - 1);
    // one list shape: a page past the end still says how many there are
    const past = (await wuli.get(`/api/responsibilities?year=${year}&page=50&pageSize=1`)).json();
    expect(past).toEqual({ items: [], total: list.length - 1, page: 50, pageSize: 1 });
    const first = (await wuli.get(`/api/responsibilities?year=${year}&page=1&pageSize=1`)).json();
    expect(first).toMatchObject({ total: list.length - 1, page: 1, pageSize: 1, items: [list.find((r: { id: number }) => r.id !== row.id)] });
  });
});
