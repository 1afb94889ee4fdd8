import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentView, Board } from '@lianxin/contract';
import { buildTestApp, orgId, TEST_DEMO_PASSWORD, type Client, type TestApp } from '../../test/helpers.js';
import { periodEnd, plusDays, todayInChina } from '../../core/calendar.js';
import { hashPassword } from '../../core/password.js';
import { insertAccount } from '../accounts/index.js';

let t: TestApp;
let wuli: Client;
let station: Client;
const villages: Record<string, Client> = {};
const today = todayInChina();

const form = [
  { key: 'visits', label: '走访农户', type: 'number', required: true, unit: '户' },
  { key: 'meetings', label: '召开会议', type: 'number' },
  { key: 'progress', label: '总体进度', type: 'choice', options: ['正常', '滞后'] },
];

beforeAll(async () => {
  t = await buildTestApp();
  wuli = await t.as('wuli');
  station = await t.as('yushe.station');
  const hash = await hashPassword(TEST_DEMO_PASSWORD);
  for (const [username, name] of [['yaotou', '尧头村'], ['wujia', '武家村']] as const) {
    await insertAccount(t.db, { username, displayName: name, passwordHash: hash, roles: ['village_admin'], scopeOrgId: await orgId(t.db, name), mustChangePassword: false });
  }
  villages['榆舍村'] = await t.as('yushe');
  villages['尧头村'] = await t.as('yaotou');
  villages['武家村'] = await t.as('wujia');
});
afterAll(() => t.close());

const inboxOf = async (c: Client) => ((await c.get('/api/inbox?pageSize=200')).json() as { items: AssignmentView[] }).items;

describe('one weekly cycle of 两下两上', () => {
  it('township → stations → villages report (one late) → the station compiles and reports up → the board shows it', async () => {
    // 1. the township issues this week's task list to all its stations
    const issued = await wuli.post('/api/directives', {
      kind: 'task_list', title: '第48周工作任务清单', content: '1. 走访脱贫户\n2. 召开支委会', form, dueDate: plusDays(today, 5), targets: { type: 'station' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const { directiveId, targets } = issued.json();
    expect(targets).toBe(4); // 五里镇 has four stations

    // 2. the station sees it and breaks it down for three of its villages
    const mine = (await inboxOf(station)).find((a) => a.directive.id === directiveId)!;
    expect(mine).toMatchObject({ status: 'pending', org: { name: '榆舍党建工作站' } });
    const ids = await Promise.all(['榆舍村', '尧头村', '武家村'].map((n) => orgId(t.db, n)));
    const tooLate = await station.post(`/api/assignments/${mine.id}/fan-out`, { content: 'x', orgIds: ids, dueDate: plusDays(today, 9) });
    expect(tooLate.statusCode).toBe(400);
    const fan = await station.post(`/api/assignments/${mine.id}/fan-out`, { content: '本周请各村走访脱贫户并召开支委会', orgIds: ids, dueDate: plusDays(today, 3) });
    expect(fan.statusCode, fan.body).toBe(201);
    expect(fan.json().targets).toBe(3);

    // 3. each village sees exactly its work and reports; 武家村 reports late
    const work = (await inboxOf(villages['榆舍村']!));
    expect(work).toHaveLength(1);
    expect(work[0]!.directive).toMatchObject({ title: '第48周工作任务清单', parentAssignmentId: mine.id });
    const report = async (name: string, body: Record<string, unknown>) => {
      const a = (await inboxOf(villages[name]!))[0]!;
      return villages[name]!.post(`/api/assignments/${a.id}/report`, { version: a.version, ...body });
    };
    expect((await report('榆舍村', { outcome: 'done', text: '走访12户', figures: { visits: 12, meetings: 1, progress: '正常' } })).statusCode).toBe(200);
    expect((await report('尧头村', { outcome: 'partly', reason: '两户外出', text: '走访8户', figures: { visits: 8, progress: '滞后' } })).statusCode).toBe(200);
    const [wujiaAssignment] = await t.db.query<{ id: number }>(`SELECT a.id FROM assignments a JOIN orgs o ON o.id = a.org_id WHERE o.name = '武家村' AND a.directive_id = $1`, [fan.json().directiveId]);
    await t.db.query(`UPDATE assignments SET due_date = $2 WHERE id = $1`, [wujiaAssignment!.id, plusDays(today, -1)]);
    const late = await report('武家村', { outcome: 'done', text: '走访5户', figures: { visits: 5, meetings: 2, progress: '正常' } });
    expect(late.statusCode).toBe(200);
    expect(late.json()).toMatchObject({ late: true, status: 'reported' });

    // 4. the station compiles (pre-filled from its villages) and reports up
    const compiled = (await station.get(`/api/assignments/${mine.id}/compile`)).json();
    expect(compiled).toMatchObject({ reported: 3, targets: 3, outcome: 'partly', figures: { visits: 25, meetings: 3, progress: '正常' }, missing: [] });
    expect(compiled.text).toContain('尧头村：部分完成');
    const up = await station.post(`/api/assignments/${mine.id}/report`, { version: mine.version, outcome: compiled.outcome, reason: '尧头村两户外出，下周补访', text: compiled.text, figures: compiled.figures });
    expect(up.statusCode, up.body).toBe(200);

    // 5. the township's board: per station and per village, who reported, who is late, totals
    const board = (await wuli.get(`/api/directives/${directiveId}/board`)).json() as Board;
    expect(board.totals).toMatchObject({ targets: 4, reported: 1, belowTargets: 3, belowReported: 3 });
    expect(board.totals.figures).toMatchObject({ visits: 25, meetings: 3, progress: { 正常: 1, 滞后: 0 } });
    const row = board.rows.find((r) => r.org.name === '榆舍党建工作站')!;
    expect(row).toMatchObject({ status: 'reported', outcome: 'partly', reason: '尧头村两户外出，下周补访', report: compiled.text });
    expect(Date.now() - Date.parse(row.reportedAt!)).toBeLessThan(600_000);
    expect(Date.now() - Date.parse(board.directive.createdAt)).toBeLessThan(600_000);
    expect(board.directive).toMatchObject({ issuer: { name: '五里镇' }, status: 'open', version: 1, content: '1. 走访脱贫户\n2. 召开支委会' });
    expect(row.below.map((b) => [b.org.name, b.status, b.late])).toEqual(
      expect.arrayContaining([['榆舍村', 'reported', false], ['尧头村', 'reported', false], ['武家村', 'reported', true]]),
    );
    expect(board.rows.filter((r) => r.status === 'pending')).toHaveLength(3);
    // the village cannot see the township's board
    expect((await villages['榆舍村']!.get(`/api/directives/${directiveId}/board`)).statusCode).toBe(404);
  });
});

describe('bad input', () => {
  it('refuses a report to an assignment that is not yours (404 outside, 403 above), wrong figure types, and double-submits idempotently', async () => {
    const issued = (await wuli.post('/api/directives', { kind: 'data_collection', title: '党员人数统计', form, dueDate: plusDays(today, 2), targets: { orgIds: [await orgId(t.db, '榆舍党建工作站')] } })).json();
    const a = (await inboxOf(station)).find((x) => x.directive.id === issued.directiveId)!;
    expect((await villages['榆舍村']!.post(`/api/assignments/${a.id}/report`, { version: a.version, outcome: 'done', figures: { visits: 1 } })).statusCode).toBe(404);
    expect((await wuli.post(`/api/assignments/${a.id}/report`, { version: a.version, outcome: 'done', figures: { visits: 1 } })).statusCode).toBe(403);
    const wrong = await station.post(`/api/assignments/${a.id}/report`, { version: a.version, outcome: 'done', figures: { visits: '十二', progress: '很好', extra: 1 } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['figures.extra', 'figures.progress', 'figures.visits']);
    const noReason = await station.post(`/api/assignments/${a.id}/report`, { version: a.version, outcome: 'not_done' });
    expect(noReason.json().message).toBe('部分完成或未完成须说明原因');
    const body = { version: a.version, outcome: 'done', figures: { visits: 3 } };
    const first = await station.post(`/api/assignments/${a.id}/report`, body);
    const again = await station.post(`/api/assignments/${a.id}/report`, body);
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.json().version).toBe(first.json().version);
    const different = await station.post(`/api/assignments/${a.id}/report`, { ...body, figures: { visits: 4 } });
    expect(different.statusCode).toBe(412);
  });

  it('refuses reports after the issuer closed a directive, and targets outside the issuer', async () => {
    const issued = (await wuli.post('/api/directives', { kind: 'report', title: '月度工作报告', dueDate: plusDays(today, 2), allowLate: false, targets: { type: 'station' } })).json();
    const sent = (await wuli.get('/api/directives/sent')).json().items;
    const d = sent.find((x: { id: number }) => x.id === issued.directiveId);
    expect(d).toMatchObject({ targets: 4, reported: 0 });
    const [dir] = await t.db.query<{ version: number }>(`SELECT version FROM directives WHERE id = $1`, [issued.directiveId]);
    expect((await wuli.post(`/api/directives/${issued.directiveId}/close`, { version: dir!.version })).statusCode).toBe(204);
    const a = (await inboxOf(station)).find((x) => x.directive.id === issued.directiveId)!;
    const res = await station.post(`/api/assignments/${a.id}/report`, { version: a.version, outcome: 'done', text: '已完成' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'dispatch_closed', message: '该任务已截止，不再接收上报' });
    const outside = await wuli.post('/api/directives', { kind: 'notice', title: 'x', dueDate: plusDays(today, 1), targets: { orgIds: [await orgId(t.db, '彭镇村')] } });
    expect(outside.statusCode).toBe(400);
    const past = await wuli.post('/api/directives', { kind: 'notice', title: 'x', dueDate: '2020-01-01', targets: { type: 'station' } });
    expect(past.statusCode).toBe(400);
  });
});

describe('a breakdown to every village (the default)', () => {
  it('goes to each open village of the station, writes its audit record with it, and nothing once the directive is closed', async () => {
    const issued = (await wuli.post('/api/directives', { kind: 'task_list', title: '默认分解', dueDate: plusDays(today, 5), targets: { type: 'station' } })).json();
    const a = (await inboxOf(station)).find((x) => x.directive.id === issued.directiveId)!;
    const open = await t.db.query<{ id: number }>(
      `SELECT id FROM orgs WHERE parent_id = $1 AND type IN ('village','community') AND status = 'active'`, [await orgId(t.db, '榆舍党建工作站')],
    );
    const fan = await station.post(`/api/assignments/${a.id}/fan-out`, { content: '请各村落实', dueDate: plusDays(today, 3) });
    expect(fan.statusCode, fan.body).toBe(201);
    const { directiveId, targets } = fan.json();
    expect(targets).toBe(open.length);
    const got = await t.db.query<{ org_id: number }>(`SELECT org_id FROM assignments WHERE directive_id = $1`, [directiveId]);
    expect(got.map((r) => r.org_id).sort()).toEqual(open.map((r) => r.id).sort());
    const [record] = await t.db.query<{ username: string; summary: unknown }>(
      `SELECT username, summary FROM audit_log WHERE action = 'directive.fan_out' AND object_id = $1`, [String(directiveId)],
    );
    expect(record).toEqual({ username: 'yushe.station', summary: { parentAssignmentId: a.id, targets: open.length } });
    expect((await (await t.as('auditor')).get('/api/audit/verify')).json()).toMatchObject({ ok: true });

    const [dir] = await t.db.query<{ version: number }>(`SELECT version FROM directives WHERE id = $1`, [issued.directiveId]);
    expect((await wuli.post(`/api/directives/${issued.directiveId}/close`, { version: dir!.version })).statusCode).toBe(204);
    const count = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM directives WHERE parent_assignment_id = $1`, [a.id]))[0]!.n;
    const again = await station.post(`/api/assignments/${a.id}/fan-out`, { content: '再分解一次', dueDate: plusDays(today, 3) });
    expect(again.statusCode).toBe(409);
    expect(await count()).toBe(1);
  });
});

describe('cadence', () => {
  it('issues a recurring directive once per period, as due items for every station', async () => {
    const res = await wuli.post('/api/directives', {
      kind: 'duty', title: '集中便民服务日', targets: { type: 'station' }, recurrence: { frequency: 'weekly', weekday: 1, dueDays: 6 },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ targets: 4 });
    expect(await t.app.dispatch.runSeries()).toEqual([]); // once per period
    const due = (await inboxOf(station)).find((a) => a.directive.title.startsWith('集中便民服务日'))!;
    expect(due.directive.periodKey).toMatch(/^\d{4}-W\d{2}$/);
    const monthly = await wuli.post('/api/directives', { kind: 'duty', title: '月底半天小结会', targets: { type: 'station' }, recurrence: { frequency: 'monthly', dueDays: 40 } });
    expect(monthly.json().targets).toBe(4);
    // due within its month however long the deadline: a month-end duty is not due in the next month
    const [monthlyDue] = await t.db.query<{ due_date: string }>(`SELECT due_date FROM directives WHERE id = $1`, [monthly.json().directiveId]);
    expect(monthlyDue!.due_date).toBe(periodEnd(`${today.slice(0, 7)}-01`, 'monthly'));
    const weeklyNoDay = await wuli.post('/api/directives', { kind: 'duty', title: 'x', targets: { type: 'station' }, recurrence: { frequency: 'weekly', dueDays: 1 } });
    expect(weeklyNoDay.statusCode).toBe(400);
  });

  it('the issuer stops a recurring directive and starts it again; nobody else may', async () => {
    const { seriesId } = (await wuli.post('/api/directives', { kind: 'duty', title: '每月组织生活会', targets: { type: 'station' }, recurrence: { frequency: 'monthly', dueDays: 20 } })).json();
    const listed = async () => ((await wuli.get('/api/directives/series?pageSize=200')).json().items as { id: number; active: boolean }[]).find((x) => x.id === seriesId)!;
    expect(await listed()).toMatchObject({ active: true, mine: true });
    expect((await station.patch(`/api/directives/series/${seriesId}`, { active: false })).statusCode).toBe(403);
    const county = await t.as('county');
    const notIssuer = await county.patch(`/api/directives/series/${seriesId}`, { active: false });
    expect(notIssuer.statusCode).toBe(403);
    expect(notIssuer.json().message).toBe('只能由下发单位停止或恢复定期下发');
    expect((await wuli.patch(`/api/directives/series/${seriesId}`, { active: 'no' })).statusCode).toBe(400);
    expect((await wuli.patch(`/api/directives/series/${seriesId}`, { active: false })).json()).toEqual({ id: seriesId, active: false });
    expect((await listed()).active).toBe(false);
    // A stopped series is not issued by the periodic run.
    expect((await t.app.dispatch.runSeries(seriesId)).length).toBe(0);
    expect((await wuli.patch(`/api/directives/series/${seriesId}`, { active: true })).statusCode).toBe(200);
    expect((await listed()).active).toBe(true);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_type = 'directive_series' AND object_id = $1 ORDER BY id`, [String(seriesId)]);
    expect(audit.map((a) => a.action)).toEqual(['directive.series.create', 'directive.series.stop', 'directive.series.resume']);
  });
});

describe('fan-out recorded afterwards (补录)', () => {
  it('accepts a village deadline that already passed (up to 7 days), and a report after it is late', async () => {
    const issued = (await wuli.post('/api/directives', { kind: 'task_list', title: '补录测试清单', content: '走访', dueDate: plusDays(today, 3), targets: { orgIds: [await orgId(t.db, '榆舍党建工作站')] } })).json();
    const mine = (await inboxOf(station)).find((a) => a.directive.id === issued.directiveId)!;
    const village = await orgId(t.db, '武家村');
    const tooOld = await station.post(`/api/assignments/${mine.id}/fan-out`, { content: '周一例会布置', orgIds: [village], dueDate: plusDays(today, -8) });
    expect(tooOld.statusCode).toBe(400);
    expect(tooOld.json().details.fields[0].field).toBe('dueDate');
    const fan = await station.post(`/api/assignments/${mine.id}/fan-out`, { content: '周一例会布置', orgIds: [village], dueDate: plusDays(today, -1) });
    expect(fan.statusCode, fan.body).toBe(201);
    const a = (await inboxOf(villages['武家村']!)).find((x) => x.directive.parentAssignmentId === mine.id)!;
    expect(a).toMatchObject({ overdue: true, status: 'pending' });
    const res = await villages['武家村']!.post(`/api/assignments/${a.id}/report`, { version: a.version, outcome: 'done', text: '已走访' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ late: true, overdue: false });
    const board = (await wuli.get(`/api/directives/${issued.directiveId}/board`)).json() as Board;
    expect(board.rows[0]!.below).toEqual([expect.objectContaining({ org: expect.objectContaining({ name: '武家村' }), late: true, status: 'reported' })]);
  });
});

describe('attachments', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const upload = (client: Client, url: string, content: Buffer, name: string) => {
    const boundary = '----lianxin';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return client.request('POST', url, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  };

  it('the issuer attaches files to a directive and the recipient to its report; each side sees both; others get 404', async () => {
    const issued = (await wuli.post('/api/directives', { kind: 'notice', title: '附件测试通知', dueDate: plusDays(today, 2), targets: { orgIds: [await orgId(t.db, '榆舍党建工作站')] } })).json();
    const notice = await upload(wuli, `/api/directives/${issued.directiveId}/attachments`, png, '通知原文.png');
    expect(notice.statusCode, notice.body).toBe(201);
    const a = (await inboxOf(station)).find((x) => x.directive.id === issued.directiveId)!;
    expect(a.directive.attachments).toEqual([{ id: notice.json().id, fileName: '通知原文.png', mimeType: 'image/png', size: png.length }]);
    // only the issuer adds to the directive, only the recipient to the report
    expect((await upload(station, `/api/directives/${issued.directiveId}/attachments`, png, 'x.png')).statusCode).toBe(403);
    expect((await upload(wuli, `/api/assignments/${a.id}/attachments`, png, 'x.png')).statusCode).toBe(403);
    expect((await upload(villages['榆舍村']!, `/api/assignments/${a.id}/attachments`, png, 'x.png')).statusCode).toBe(404);
    expect((await upload(station, `/api/assignments/${a.id}/attachments`, Buffer.from('<html></html>'), 'photo.png')).statusCode).toBe(415);
    const photo = await upload(station, `/api/assignments/${a.id}/attachments`, png, '签到表.png');
    expect(photo.statusCode, photo.body).toBe(201);
    expect((await station.get(`/api/assignments/${a.id}`)).json().attachments).toEqual([expect.objectContaining({ fileName: '签到表.png' })]);
    const board = (await wuli.get(`/api/directives/${issued.directiveId}/board`)).json() as Board;
    expect(board.directive.attachments.map((f) => f.fileName)).toEqual(['通知原文.png']);
    expect(board.rows[0]!.attachments.map((f) => f.fileName)).toEqual(['签到表.png']);
    for (const c of [wuli, station]) {
      for (const id of [notice.json().id, photo.json().id]) {
        const file = await c.get(`/api/dispatch-files/${id}`);
        expect(file.statusCode).toBe(200);
        expect(file.headers['content-type']).toBe('image/png');
        expect(file.rawPayload.equals(png)).toBe(true);
      }
    }
    // a breakdown carries the notice's files down to the villages
    const fan = await station.post(`/api/assignments/${a.id}/fan-out`, { content: '请各村学习', orgIds: [await orgId(t.db, '榆舍村')], dueDate: plusDays(today, 1) });
    expect(fan.statusCode, fan.body).toBe(201);
    const village = (await inboxOf(villages['榆舍村']!)).find((x) => x.directive.parentAssignmentId === a.id)!;
    expect(village.directive.attachments.map((f) => f.fileName)).toEqual(['通知原文.png']);
    expect((await villages['榆舍村']!.get(`/api/dispatch-files/${village.directive.attachments[0]!.id}`)).rawPayload.equals(png)).toBe(true);
    // so does the usual breakdown to every village (one statement)
    const all = await station.post(`/api/assignments/${a.id}/fan-out`, { content: '请各村学习（全部）', dueDate: plusDays(today, 1) });
    expect(all.statusCode, all.body).toBe(201);
    const copied = await t.db.query<{ file_name: string }>(`SELECT file_name FROM dispatch_attachments WHERE directive_id = $1`, [all.json().directiveId]);
    expect(copied.map((f) => f.file_name)).toEqual(['通知原文.png']);
    const other = await t.as('jiaotong');
    expect((await other.get(`/api/dispatch-files/${photo.json().id}`)).statusCode).toBe(404);
    expect((await villages['榆舍村']!.get(`/api/dispatch-files/${notice.json().id}`)).statusCode).toBe(404);
  });
});

describe('「全部村（社区）」', () => {
  it('reaches every village and every community below the issuer (城关社区 included)', async () => {
    const county = await t.as('county');
    const res = await county.post('/api/directives', { kind: 'notice', title: '致全县各村（社区）的通知', dueDate: plusDays(today, 3), targets: { type: 'village' } });
    expect(res.statusCode, res.body).toBe(201);
    const [expected] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orgs WHERE county_id = (SELECT county_id FROM orgs WHERE name = '城关社区') AND type IN ('village','community') AND status = 'active'`,
    );
    expect(res.json().targets).toBe(expected!.n);
    const got = await t.db.query<{ name: string }>(`SELECT o.name FROM assignments a JOIN orgs o ON o.id = a.org_id WHERE a.directive_id = $1 AND o.type = 'community'`, [res.json().directiveId]);
    expect(got.map((r) => r.name)).toContain('城关社区');
  });
});

describe('a level between the issuer and the recipients', () => {
  it('follows its own stations on the county\'s directive: its part of the board and of the lists, nothing of other townships', async () => {
    const county = await t.as('county');
    const issued = await county.post('/api/directives', { kind: 'report', title: '全县工作站月报', dueDate: plusDays(today, 4), targets: { type: 'station' } });
    expect(issued.statusCode, issued.body).toBe(201);
    const { directiveId } = issued.json();
    const wuliStations = await t.db.query<{ id: number }>(
      `SELECT id FROM orgs WHERE type = 'station' AND status = 'active' AND path LIKE (SELECT path FROM orgs WHERE name = '五里镇') || '%'`,
    );
    const board = await wuli.get(`/api/directives/${directiveId}/board`);
    expect(board.statusCode, board.body).toBe(200);
    const b = board.json() as Board;
    expect(b.rows.map((r) => r.org.id).sort()).toEqual(wuliStations.map((r) => r.id).sort());
    expect(b.totals.targets).toBe(wuliStations.length);
    expect(b.directive.issuer.name).toBe('中共宜君县委员会');
    // the county sees every station
    expect(((await county.get(`/api/directives/${directiveId}/board`)).json() as Board).totals.targets).toBeGreaterThan(wuliStations.length);
    // in the township's list of what its orgs received from above, counted over its subtree
    const following = (await wuli.get('/api/directives/following')).json().items as { id: number; targets: number; issuer: { name: string } }[];
    expect(following.find((d) => d.id === directiveId)).toMatchObject({ targets: wuliStations.length, issuer: { name: '中共宜君县委员会' } });
    // a station reports; the township's part moves, the station sees it too
    const mine = (await inboxOf(station)).find((a) => a.directive.id === directiveId)!;
    expect((await station.post(`/api/assignments/${mine.id}/report`, { version: mine.version, outcome: 'done', text: '已报' })).statusCode).toBe(200);
    expect(((await wuli.get(`/api/directives/${directiveId}/board`)).json() as Board).totals.reported).toBe(1);
    // it may follow, not close: closing stays with the issuer
    expect((await wuli.post(`/api/directives/${directiveId}/close`, { version: 1 })).statusCode).toBe(404);
    // a village of it is not a recipient: 404; its own list from above is empty of it
    expect((await villages['榆舍村']!.get(`/api/directives/${directiveId}/board`)).statusCode).toBe(404);
    expect(((await villages['榆舍村']!.get('/api/directives/following')).json().items as { id: number }[]).some((d) => d.id === directiveId)).toBe(false);
    // the township does not see its own directives there (they are in 「我下发的」)
    expect(following.some((d) => d.id !== directiveId && (d.issuer.name === '五里镇'))).toBe(false);
  });
});
