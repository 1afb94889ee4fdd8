// The inbox's tab counts and the search of the inspections and whistles lists are the server's:
// counted and matched in SQL over the whole scope, so they stay right when a list has more than
// one page (the web used to count and search over the rows it had loaded).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentView, InboxCounts, InspectionView, WhistleView } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { isoWeekday, plusDays, todayInChina } from '../../core/calendar.js';

let t: TestApp;
let wuli: Client;
let station: Client;
const today = todayInChina();

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
/** Every row of a list, read two at a time (so every list here has several pages). */
async function walk<T>(c: Client, url: string): Promise<{ rows: T[]; totals: number[]; first: Page<T> & { counts?: InboxCounts } }> {
  const rows: T[] = [];
  const totals: number[] = [];
  let first: (Page<T> & { counts?: InboxCounts }) | undefined;
  for (let page = 1; page < 500; page++) {
    const res = await c.get(`${url}${url.includes('?') ? '&' : '?'}pageSize=2&page=${page}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Page<T> & { counts?: InboxCounts };
    first ??= body;
    rows.push(...body.items);
    totals.push(body.total);
    if (page * 2 >= body.total) break;
  }
  return { rows, totals, first: first! };
}

beforeAll(async () => {
  t = await buildTestApp();
  wuli = await t.as('wuli');
  station = await t.as('yushe.station');
  const stationId = await orgId(t.db, '榆舍党建工作站');
  const issue = async (kind: string, title: string, dueDate: string) => {
    const res = await wuli.post('/api/directives', { kind, title, dueDate, targets: { orgIds: [stationId] } });
    expect(res.statusCode, res.body).toBe(201);
  };
  // more than a page of each tab: tasks due today, this week and later; routine (例行) items; reported ones
  for (let i = 0; i < 5; i++) await issue('report', `计数任务${i}`, plusDays(today, i * 4));
  for (let i = 0; i < 3; i++) await issue('duty', `计数例行${i}`, plusDays(today, 2 + i));
  const inbox = ((await station.get('/api/inbox?tab=todo&q=计数任务&pageSize=200')).json() as Page<AssignmentView>).items;
  for (const a of inbox.slice(0, 2)) {
    const res = await station.post(`/api/assignments/${a.id}/report`, { version: a.version, outcome: 'done', text: '已完成' });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(() => t.close());

describe('the inbox counts its tabs in SQL, with the list’s filters', () => {
  it('each tab’s count equals the total of its list and the rows read page after page', async () => {
    const { first } = await walk<AssignmentView>(station, '/api/inbox');
    const counts = first.counts!;
    expect(counts.todo + counts.duty).toBeGreaterThan(2);
    for (const tab of ['todo', 'duty', 'done'] as const) {
      const { rows, totals } = await walk<AssignmentView>(station, `/api/inbox?tab=${tab}`);
      expect(new Set(totals), tab).toEqual(new Set([counts[tab]]));
      expect(rows.length, tab).toBe(counts[tab]);
      expect(new Set(rows.map((r) => r.id)).size, `${tab}: no row twice across pages`).toBe(rows.length);
      for (const r of rows) {
        const pending = r.status === 'pending' && r.directive.status === 'open';
        expect(tab === 'done' ? !pending : pending && (r.directive.kind === 'duty') === (tab === 'duty'), `${tab}: ${r.directive.title}`).toBe(true);
      }
    }
    // the pending ones by due date, over every page
    const pending = [...(await walk<AssignmentView>(station, '/api/inbox?tab=todo')).rows, ...(await walk<AssignmentView>(station, '/api/inbox?tab=duty')).rows];
    const weekEnd = plusDays(today, 7 - isoWeekday(today));
    expect(counts.pending).toBe(pending.length);
    expect(counts.overdue).toBe(pending.filter((a) => a.overdue).length);
    expect(counts.week).toBe(pending.filter((a) => !a.overdue && a.dueDate <= weekEnd).length);
  });

  it('a title search and a kind narrow the list and its counts alike', async () => {
    const found = await walk<AssignmentView>(station, '/api/inbox?tab=todo&q=计数任务');
    expect(found.rows.map((a) => a.directive.title).sort()).toEqual(['计数任务2', '计数任务3', '计数任务4']);
    expect(found.first.counts).toMatchObject({ todo: 3, duty: 0, done: 2 });
    const duty = await walk<AssignmentView>(station, '/api/inbox?tab=duty&q=计数');
    expect(duty.rows.map((a) => a.directive.title).sort()).toEqual(['计数例行0', '计数例行1', '计数例行2']);
    const reports = await walk<AssignmentView>(station, '/api/inbox?tab=todo&kind=report&q=计数');
    expect(reports.first.counts).toMatchObject({ todo: 3, duty: 0 });
    // the unfiltered pending figures do not follow the search
    const all = (await station.get('/api/inbox')).json() as { counts: InboxCounts };
    expect(found.first.counts!.pending).toBe(all.counts.pending);
    // a search matching nothing: empty tabs, not an error; LIKE wildcards are plain characters
    expect(((await station.get('/api/inbox?q=%25')).json() as { counts: InboxCounts }).counts).toMatchObject({ todo: 0, duty: 0, done: 0 });
  });
});

describe('search on the inspections and whistles lists runs in SQL', () => {
  it('finds an inspection that the unfiltered list shows only on a later page', async () => {
    const village = await orgId(t.db, '榆舍村');
    const made = async (inspectors: string, on: string) => {
      const res = await station.post('/api/inspections', { kind: 'unannounced', inspectedOn: on, inspectors, targetOrgIds: [village] });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as InspectionView).id;
    };
    const old = await made('寻踪督查组', plusDays(today, -20));
    for (let i = 0; i < 3; i++) await made(`常规督查组${i}`, today);
    const firstPage = (await station.get('/api/inspections?pageSize=2')).json() as Page<InspectionView>;
    expect(firstPage.items.map((i) => i.id)).not.toContain(old);
    const found = (await station.get(`/api/inspections?pageSize=2&q=${encodeURIComponent('寻踪')}`)).json() as Page<InspectionView>;
    expect(found.total).toBe(1);
    expect(found.items.map((i) => i.id)).toEqual([old]);
    // by the inspected unit's name: every row (across pages) names it, and the total agrees
    const byTarget = await walk<InspectionView>(station, `/api/inspections?q=${encodeURIComponent('榆舍村')}`);
    expect(byTarget.rows.length).toBe(byTarget.first.total);
    expect(byTarget.rows.map((i) => i.id)).toContain(old);
    expect(byTarget.rows.every((i) => i.targets.some((x) => x.name.includes('榆舍村')) || i.org.name.includes('榆舍村') || i.inspectors.includes('榆舍村'))).toBe(true);
    // kind narrows in SQL too
    const kind = await walk<InspectionView>(station, '/api/inspections?kind=unannounced');
    expect(kind.rows.length).toBe(kind.first.total);
    expect(kind.rows.every((i) => i.kind === 'unannounced')).toBe(true);
  });

  it('finds a whistle on a later page by its matter or a department’s name, and filters open and done', async () => {
    const stationId = await orgId(t.db, '榆舍党建工作站');
    const blow = async (matter: string, department: string) => {
      const req = await station.post('/api/requests', { orgId: stationId, channel: 'visit', category: 'errand', citizenName: '群众', phone: '13800002468', matter });
      expect(req.statusCode, req.body).toBe(201);
      const res = await station.post('/api/whistles', { sourceCaseId: (req.json() as { id: number }).id, matter, departmentIds: [await orgId(t.db, department)] });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as WhistleView).id;
    };
    const old = await blow('寻踪：村口桥梁裂缝', '县交通运输局');
    for (let i = 0; i < 3; i++) await blow(`路灯不亮${i}`, '县交通运输局');
    const firstPage = (await station.get('/api/whistles?pageSize=2')).json() as Page<WhistleView>;
    expect(firstPage.items.map((w) => w.id)).not.toContain(old);
    const found = (await station.get(`/api/whistles?pageSize=2&q=${encodeURIComponent('寻踪')}`)).json() as Page<WhistleView>;
    expect(found.total).toBe(1);
    expect(found.items.map((w) => w.id)).toEqual([old]);
    const byDepartment = await walk<WhistleView>(station, `/api/whistles?q=${encodeURIComponent('交通运输')}`);
    expect(byDepartment.rows.length).toBe(byDepartment.first.total);
    expect(byDepartment.rows.map((w) => w.id)).toContain(old);
    const open = await walk<WhistleView>(station, '/api/whistles?status=open');
    const done = await walk<WhistleView>(station, '/api/whistles?status=done');
    const all = (await station.get('/api/whistles?pageSize=1')).json() as Page<WhistleView>;
    expect(open.rows.every((w) => w.status !== 'done')).toBe(true);
    expect(done.rows.every((w) => w.status === 'done')).toBe(true);
    expect(open.first.total + done.first.total).toBe(all.total);
  });
});

describe('issue 12: the inbox’s group headings, 已下发 and 下级收到的, bulletins and accountability filter and count in SQL', () => {
  type Groups = { overdue: number; week: number; later: number };
  type DirectivePage = Page<{ id: number; title: string; kind: string; status: string }> & { counts: { open: number; closed: number } };

  it('counts the 逾期 / 本周 / 以后 groups over the whole filtered tab, not the page read', async () => {
    const weekEnd = plusDays(today, 7 - isoWeekday(today));
    for (const url of ['/api/inbox?tab=todo&q=计数任务', '/api/inbox?tab=todo&q=计数任务4', '/api/inbox?tab=duty&kind=duty', '/api/inbox?tab=todo&kind=notice', '/api/inbox?tab=duty', '/api/inbox?tab=todo']) {
      const { rows, first } = await walk<AssignmentView>(station, url);
      const groups = (first as unknown as { groups: Groups }).groups;
      expect(first.items.length).toBeLessThanOrEqual(2); // one page of two (or fewer when the filter narrows it) …
      expect(groups, url).toEqual({ // … and the groups of every page
        overdue: rows.filter((a) => a.overdue).length,
        week: rows.filter((a) => !a.overdue && a.dueDate <= weekEnd).length,
        later: rows.filter((a) => !a.overdue && a.dueDate > weekEnd).length,
      });
      expect(groups.overdue + groups.week + groups.later, url).toBe(first.total);
    }
  });

  it('searches 已下发 by title, filters it by kind and status, and counts open and closed with the same title and kind', async () => {
    const tasks = await walk<DirectivePage['items'][number]>(wuli, '/api/directives/sent?q=计数任务');
    expect(tasks.rows.map((d) => d.title).sort()).toEqual(['计数任务0', '计数任务1', '计数任务2', '计数任务3', '计数任务4']);
    const duty = (await wuli.get('/api/directives/sent?q=计数&kind=duty')).json() as DirectivePage;
    expect(duty.items.map((d) => d.title).sort()).toEqual(['计数例行0', '计数例行1', '计数例行2']);
    expect(duty.counts).toEqual({ open: 3, closed: 0 });
    // close one: the status filter and its counts follow
    const closing = tasks.rows.find((d) => d.title === '计数任务0')!;
    const version = ((await wuli.get(`/api/directives/${closing.id}`)).json() as { version: number }).version;
    expect((await wuli.post(`/api/directives/${closing.id}/close`, { version })).statusCode).toBe(204);
    const open = (await wuli.get('/api/directives/sent?q=计数任务&status=open&pageSize=2')).json() as DirectivePage;
    expect(open).toMatchObject({ total: 4, counts: { open: 4, closed: 1 } });
    expect(open.items).toHaveLength(2);
    const closed = (await wuli.get('/api/directives/sent?q=计数任务&status=closed')).json() as DirectivePage;
    expect(closed.items.map((d) => d.id)).toEqual([closing.id]);
    // LIKE wildcards are plain characters; a bad status is a 400 naming the field
    expect(((await wuli.get('/api/directives/sent?q=%25')).json() as DirectivePage).total).toBe(0);
    const bad = await wuli.get('/api/directives/sent?status=finished');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('status');
  });

  it('searches 下级收到的 the same way, over the levels below', async () => {
    // the station follows what its township sent to it (a directive from above to an org in its scope)
    const found = await walk<DirectivePage['items'][number]>(station, '/api/directives/following?q=计数');
    expect(found.rows.map((d) => d.title).sort()).toEqual(['计数任务0', '计数任务1', '计数任务2', '计数任务3', '计数任务4', '计数例行0', '计数例行1', '计数例行2']);
    const tasks = (await station.get('/api/directives/following?q=计数&kind=report&status=open')).json() as DirectivePage;
    expect(tasks.total).toBe(tasks.counts.open);
    expect(tasks.items.every((d) => d.kind === 'report' && d.status === 'open')).toBe(true);
    expect(tasks.counts.open + tasks.counts.closed).toBe(5);
  });

  it('searches bulletins by title and text on the server, across pages', async () => {
    const publish = async (title: string, content: string) => expect((await wuli.post('/api/bulletins', { title, content })).statusCode).toBe(201);
    await publish('寻踪通报', '关于村级阵地的通报');
    for (let i = 0; i < 3; i++) await publish(`例行通报${i}`, '一般内容');
    const firstPage = (await station.get('/api/bulletins?pageSize=2')).json() as Page<{ title: string }>;
    expect(firstPage.items.map((b) => b.title)).not.toContain('寻踪通报');
    const byTitle = (await station.get(`/api/bulletins?pageSize=2&q=${encodeURIComponent('寻踪')}`)).json() as Page<{ title: string }>;
    expect(byTitle).toMatchObject({ total: 1, items: [{ title: '寻踪通报' }] });
    const byText = (await station.get(`/api/bulletins?q=${encodeURIComponent('村级阵地')}`)).json() as Page<{ title: string }>;
    expect(byText.items.map((b) => b.title)).toEqual(['寻踪通报']);
  });

  it('filters accountability by kind on the server and counts each kind over the scope', async () => {
    const stationId = await orgId(t.db, '榆舍党建工作站');
    const record = async (kind: string) => expect((await wuli.post('/api/accountability', { kind, targetOrgId: stationId, reason: `计数${kind}`, decidedOn: today })).statusCode).toBe(201);
    for (const kind of ['talk', 'talk', 'talk', 'removal']) await record(kind);
    const all = (await wuli.get('/api/accountability?pageSize=1')).json() as Page<{ kind: string }> & { counts: Record<string, number> };
    expect(all.counts.talk).toBeGreaterThanOrEqual(3);
    expect(Object.values(all.counts).reduce((a, b) => a + b, 0)).toBe(all.total);
    const talks = await walk<{ kind: string }>(wuli, '/api/accountability?kind=talk');
    expect(talks.rows.length).toBe(all.counts.talk);
    expect(talks.rows.every((r) => r.kind === 'talk')).toBe(true);
    expect(((await wuli.get('/api/accountability?kind=removal')).json() as Page<unknown>).total).toBe(all.counts.removal);
  });
});
