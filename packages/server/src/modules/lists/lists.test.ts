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

describe('unfinished tasks of every year (工作台 任务清单未完成)', () => {
  it('lists what is not yet reported done, last year\'s too, and 工作台 counts exactly that list for the village and the township', async () => {
    const township = await orgId(t.db, '五里镇');
    const village = await orgId(t.db, '榆舍村');
    const make = async (y: number, content: string) => {
      const res = await wuli.post('/api/tasks', { orgId: township, year: y, content, ownerOrgId: village, deadline: addDays(today, 20) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as TaskRow;
    };
    const lastYear = await make(year - 1, '上年度遗留：整理党员档案');
    const thisYear = await make(year, '本年度：更新便民服务站公示牌');
    const done = await make(year, '本年度：已报完成的任务');
    const submitted = (await yushe.post(`/api/tasks/${done.id}/transitions/submit`, { version: done.version, comment: '已完成' })).json() as TaskRow;
    expect(submitted.status).toBe('submitted');

    for (const client of [yushe, wuli]) {
      const open = (await client.get('/api/tasks?open=true&pageSize=200')).json() as { items: TaskRow[]; total: number };
      const ids = open.items.map((x) => x.id);
      expect(ids).toEqual(expect.arrayContaining([lastYear.id, thisYear.id]));
      expect(ids).not.toContain(done.id);
      expect(open.items.every((x) => x.status !== 'submitted' && x.status !== 'completed')).toBe(true);
      const home = (await client.get('/api/home/todos')).json() as { items: { kind: string; count: number; href: string }[] };
      const item = home.items.find((x) => x.kind === 'tasks_open');
      expect(item, client.username).toMatchObject({ count: open.total, href: '/lists?open=1' });
    }
    // a year's list still holds the reported one
    const yearList = (await yushe.get(`/api/tasks?year=${year}&pageSize=200`)).json() as { items: TaskRow[] };
    expect(yearList.items.map((x) => x.id)).toContain(done.id);
  });

  it('needs a year unless it asks for the unfinished ones', async () => {
    const res = await yushe.get('/api/tasks');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ message: '请选择年度', details: { fields: [{ field: 'year', message: '请选择年度' }] } });
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
