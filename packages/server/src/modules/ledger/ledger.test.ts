import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemDetail } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { addDays } from '../../core/cases/case-engine.js';
import { todayInChina } from '../../core/calendar.js';

let t: TestApp;
let wuli: Client;
let yushe: Client;
let station: Client;
let village: number;
const today = todayInChina();

beforeAll(async () => {
  t = await buildTestApp();
  wuli = await t.as('wuli');
  yushe = await t.as('yushe');
  station = await t.as('yushe.station');
  village = await orgId(t.db, '榆舍村');
});
afterAll(() => t.close());

async function register(client: Client, extra: Record<string, unknown> = {}) {
  const res = await client.post('/api/ledger/problems', {
    orgId: village,
    source: 'station_inspection',
    category: '基层组织建设',
    description: '党员活动室制度未上墙，三会一课记录不全',
    responsiblePerson: '村党支部书记',
    deadline: addDays(today, 30),
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ProblemDetail;
}

const fire = (client: Client, p: { id: number; version: number }, transition: string, body: Record<string, unknown> = {}) =>
  client.post(`/api/ledger/problems/${p.id}/transitions/${transition}`, { version: p.version, ...body });

describe('a problem goes the whole way (整改销号)', () => {
  it('registered by the township, rectified by the village, returned once, accepted, closed by the station chief, published', async () => {
    let p = await register(wuli);
    expect(p).toMatchObject({ status: 'registered', daysLeft: 30, overdue: false, supervisionDue: addDays(today, 15) });
    expect(p.actions).toEqual([]);
    expect(((await yushe.get(`/api/ledger/problems/${p.id}`)).json() as ProblemDetail).actions).toEqual(['start']);

    // the station may not rectify for the village
    expect((await fire(station, p, 'start', { measures: 'x' })).statusCode).toBe(403);
    const noMeasures = await fire(yushe, p, 'start');
    expect(noMeasures.statusCode).toBe(400);
    expect(noMeasures.json().message).toBe('请填写整改措施');

    let res = await fire(yushe, p, 'start', { measures: '制度上墙；补全近三个月会议记录' });
    expect(res.statusCode).toBe(200);
    p = res.json();
    expect(p.status).toBe('rectifying');
    res = await fire(yushe, p, 'submit', { comment: '已上墙，记录已补全' });
    p = res.json();
    expect(p.status).toBe('submitted');
    expect(p.actions).toEqual([]);

    // the village cannot accept its own work; the station (checker) returns it once
    expect((await fire(yushe, p, 'accept')).statusCode).toBe(403);
    expect((await fire(station, p, 'return')).json().message).toBe('请填写退回理由');
    res = await fire(station, p, 'return', { comment: '会议记录缺少签到表' });
    p = res.json();
    expect(p).toMatchObject({ status: 'rectifying', returnedCount: 1 });

    p = (await fire(yushe, p, 'submit', { comment: '已补签到表' })).json();
    p = (await fire(station, p, 'accept', { comment: '验收合格' })).json();
    expect(p.status).toBe('accepted');
    // the station chief (the county's default signer) may close it now
    expect(p.actions).toEqual(['close']);
    // the township is not the closure signer (the station chief is)
    expect((await fire(wuli, p, 'close', { comment: '同意销号' })).statusCode).toBe(403);
    p = (await fire(station, p, 'close', { comment: '整改到位，同意销号' })).json();
    expect(p).toMatchObject({ status: 'closed', closureOpinion: '整改到位，同意销号' });
    p = (await fire(station, p, 'publish', { publicSummary: '榆舍村已完成制度上墙和会议记录整改' })).json();
    expect(p.status).toBe('published');
    expect(p.timeline.map((e) => e.transition ?? e.kind)).toEqual(['open', 'start', 'submit', 'return', 'submit', 'accept', 'close', 'publish']);
    // who acted, by account name as well as username
    expect(p.timeline[0]).toMatchObject({ actor: 'wuli', actorDisplay: expect.stringContaining('五里镇') });
    expect(p.timeline.find((e) => e.transition === 'return')).toMatchObject({ actor: 'yushe.station', actorDisplay: expect.stringContaining('榆舍党建工作站') });

    const [county] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE type = 'county' LIMIT 1`);
    const pub = await t.anonymous.get(`/api/public/counties/${county!.id}/closures`);
    expect(pub.statusCode).toBe(200);
    const item = pub.json().items.find((i: { id: number }) => i.id === p.id);
    expect(item).toMatchObject({ org: '榆舍村', township: '五里镇', publicSummary: '榆舍村已完成制度上墙和会议记录整改', source: '工作站督查发现' });
    expect(JSON.stringify(pub.json())).not.toContain('村党支部书记');

    const chain = (await wuli.get(`/api/ledger/problems/${p.id}/verify`)).json();
    expect(chain).toEqual({ ok: true, checked: 8 });
    const [reported] = await t.db.query<{ reported_to_org_id: number }>(`SELECT reported_to_org_id FROM problems WHERE case_id = $1`, [p.id]);
    expect(reported!.reported_to_org_id).toBe(await orgId(t.db, '五里镇'));
  });

  it('a department\'s problem has no station or township above it: the county checks and signs the closure', async () => {
    const county = await t.as('county');
    const jiaotong = await t.as('jiaotong');
    let p = await register(county, { orgId: await orgId(t.db, '县交通运输局'), description: '部门党支部组织生活会记录不全' });
    p = (await fire(jiaotong, p, 'start', { measures: '补全会议记录' })).json();
    p = (await fire(jiaotong, p, 'submit', { comment: '已补全' })).json();
    expect(p.status).toBe('submitted');
    expect(((await county.get(`/api/ledger/problems/${p.id}`)).json() as ProblemDetail).actions).toEqual(['return', 'accept']);
    p = (await fire(county, p, 'accept', { comment: '验收合格' })).json();
    expect(((await county.get(`/api/ledger/problems/${p.id}`)).json() as ProblemDetail).actions).toEqual(['close']);
    const closed = await fire(county, p, 'close', { comment: '同意销号' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closureOpinion: '同意销号' });
  });
});

describe('bad input and concurrency', () => {
  it('refuses a past deadline, an unknown category and an org outside the scope, changing nothing', async () => {
    const before = await t.db.query(`SELECT 1 FROM cases`);
    const past = await wuli.post('/api/ledger/problems', { orgId: village, source: 'citizen', category: '基层组织建设', description: 'x', deadline: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().details.fields).toEqual([{ field: 'deadline', message: '整改时限不能早于今天' }]);
    const cat = await wuli.post('/api/ledger/problems', { orgId: village, source: 'citizen', category: '不存在', description: 'x', deadline: addDays(today, 3) });
    expect(cat.statusCode).toBe(400);
    const outside = await wuli.post('/api/ledger/problems', { orgId: await orgId(t.db, '彭镇村'), source: 'citizen', category: '作风建设', description: 'x', deadline: addDays(today, 3) });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details.fields[0].field).toBe('orgId');
    expect(await t.db.query(`SELECT 1 FROM cases`)).toHaveLength(before.length);
  });

  it('answers a double submission of the same step idempotently, and a stale edit with 412', async () => {
    const p = await register(wuli);
    const first = await fire(yushe, p, 'start', { measures: '立即整改' });
    const again = await fire(yushe, p, 'start', { measures: '立即整改' });
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.json().version).toBe(first.json().version);
    expect(again.json().timeline.filter((e: { transition: string }) => e.transition === 'start')).toHaveLength(1);
    // someone else's step on the old version: 412, nothing changed
    const stale = await fire(station, p, 'accept');
    expect(stale.statusCode).toBe(412);
    // out of order: close while rectifying
    const cur = first.json() as ProblemDetail;
    const order = await fire(station, cur, 'close', { comment: 'x' });
    expect(order.statusCode).toBe(409);
    expect(order.json().message).toBe('当前状态为「整改中」，不能执行「销号」');
  });

  it('lets one of two concurrent submissions win and refuses the other', async () => {
    const p = await register(wuli);
    const started = (await fire(yushe, p, 'start', { measures: 'm' })).json() as ProblemDetail;
    const other = await t.as('yushe');
    const results = await Promise.all([fire(yushe, started, 'submit', { comment: 'a' }), fire(other, started, 'submit', { comment: 'b' })]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 412]);
  });

  it('hides a problem outside the scope (404) and refuses unknown steps', async () => {
    const p = await register(wuli);
    const peng = await t.as('county');
    expect((await peng.get(`/api/ledger/problems/${p.id}`)).statusCode).toBe(200);
    const dept = await t.as('jiaotong');
    expect((await dept.get(`/api/ledger/problems/${p.id}`)).statusCode).toBe(404);
    expect((await yushe.post(`/api/ledger/problems/${p.id}/transitions/destroy`, { version: 1 })).statusCode).toBe(400);
  });
});

describe('supervision, overdue and escalation', () => {
  it('lists supervision-due problems for the station and resets the 15-day cadence on supervision', async () => {
    const p = await register(wuli);
    await t.db.query(`UPDATE cases SET supervision_due = $2 WHERE id = $1`, [p.id, addDays(today, -1)]);
    const due = (await station.get('/api/ledger/problems?supervisionDue=true')).json();
    expect(due.items.map((i: { id: number }) => i.id)).toContain(p.id);
    expect((await yushe.post(`/api/ledger/problems/${p.id}/supervisions`, { text: '自己督办自己' })).statusCode).toBe(403);
    const res = await station.post(`/api/ledger/problems/${p.id}/supervisions`, { text: '已到村督办，要求月底前完成' });
    expect(res.statusCode).toBe(200);
    expect(res.json().supervisionDue).toBe(addDays(today, 15));
    const after = (await station.get('/api/ledger/problems?supervisionDue=true')).json();
    expect(after.items.map((i: { id: number }) => i.id)).not.toContain(p.id);
  });

  it('flags overdue problems and escalates them once to the township above', async () => {
    const p = await register(wuli);
    await t.db.query(`UPDATE cases SET deadline = $2 WHERE id = $1`, [p.id, addDays(today, -2)]);
    const overdue = (await station.get('/api/ledger/problems?overdue=true')).json();
    expect(overdue.items.find((i: { id: number }) => i.id === p.id)).toMatchObject({ overdue: true, daysLeft: -2 });
    expect(await t.app.ledger.escalateOverdue()).toBeGreaterThanOrEqual(1); // this one, and any other overdue of the file's earlier tests
    expect(await t.app.ledger.escalateOverdue()).toBe(0);
    const escalated = (await wuli.get('/api/ledger/problems?escalated=true')).json();
    expect(escalated.items.map((i: { id: number }) => i.id)).toContain(p.id);
    const detail = (await wuli.get(`/api/ledger/problems/${p.id}`)).json() as ProblemDetail;
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'escalation', actor: 'system', actorDisplay: null });
  });
});

describe('statistics from the records', () => {
  // makes its own records (runs alone: `-t statistics`): one problem closed on time, one overdue
  it('counts open, overdue, closed on time, closure rate and days to close per child', async () => {
    const of = async () => (await wuli.get('/api/ledger/stats')).json().children.find((c: { org: { name: string } }) => c.org.name === '榆舍党建工作站');
    const before = await of();
    let closed = await register(wuli, { description: '统计：按期销号的问题' });
    closed = (await fire(yushe, closed, 'start', { measures: '立即整改' })).json();
    closed = (await fire(yushe, closed, 'submit', { comment: '已整改' })).json();
    closed = (await fire(station, closed, 'accept')).json();
    closed = (await fire(station, closed, 'close', { comment: '同意销号' })).json();
    expect(closed.status).toBe('closed');
    const late = await register(wuli, { description: '统计：逾期未整改的问题' });
    await t.db.query(`UPDATE cases SET deadline = $2 WHERE id = $1`, [late.id, addDays(today, -3)]);

    const stats = (await wuli.get('/api/ledger/stats')).json();
    expect(stats.node.org.name).toBe('五里镇');
    const yusheStation = await of();
    const [db] = await t.db.query<{ total: number; open: number; closed: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE closed_at IS NULL)::int AS open, count(closed_at)::int AS closed
       FROM cases WHERE case_type = 'problem' AND org_path LIKE (SELECT path FROM orgs WHERE name = '榆舍党建工作站') || '%'`,
    );
    expect(yusheStation).toMatchObject({ total: db!.total, open: db!.open, closed: db!.closed });
    expect(yusheStation.total).toBe(before.total + 2);
    expect(yusheStation.closed).toBe(before.closed + 1);
    expect(yusheStation.closedOnTime).toBe(before.closedOnTime + 1);
    expect(yusheStation.overdue).toBe(before.overdue + 1);
    expect(yusheStation.closureRate).toBeCloseTo(db!.closed / db!.total, 2);
    // every closure in this database happened today
    expect(yusheStation.avgDaysToClose).toBe(0);
    expect(stats.node.total).toBe(stats.children.reduce((a: number, c: { total: number }) => a + c.total, 0));
    expect((await yushe.get(`/api/ledger/stats?orgId=${await orgId(t.db, '五里镇')}`)).statusCode).toBe(404);
  });
});

describe('attachments', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const upload = (client: Client, id: number, content: Buffer, name: string, type = 'image/png') => {
    const boundary = '----lianxin';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return client.request('POST', `/api/ledger/problems/${id}/attachments`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  };

  it('stores an image on the timeline and serves it inline under the same access rules', async () => {
    const p = await register(wuli);
    const res = await upload(yushe, p.id, png, '整改后照片.png');
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await yushe.get(`/api/ledger/problems/${p.id}`)).json() as ProblemDetail;
    const entry = detail.timeline.find((e) => e.kind === 'attachment')!;
    expect(entry.attachment).toMatchObject({ fileName: '整改后照片.png', mimeType: 'image/png' });
    const file = await yushe.get(`/api/ledger/problems/${p.id}/attachments/${entry.attachment!.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(String(file.headers['content-disposition'])).toMatch(/^inline/);
    // the route's own cache header (a photo the page shows again), not the API's no-store
    expect(file.headers['cache-control']).toBe('private, max-age=300');
    expect(file.rawPayload.equals(png)).toBe(true);
    const dept = await t.as('jiaotong');
    expect((await dept.get(`/api/ledger/problems/${p.id}/attachments/${entry.attachment!.id}`)).statusCode).toBe(404);
  });

  it('refuses a mislabelled file and an oversized one, adding nothing', async () => {
    const p = await register(wuli);
    const html = await upload(yushe, p.id, Buffer.from('<html><script>alert(1)</script></html>'), 'photo.png');
    expect(html.statusCode).toBe(415);
    expect(html.json().message).toContain('只能上传图片');
    const big = await upload(yushe, p.id, Buffer.concat([png, Buffer.alloc(11 * 1024 * 1024)]), 'big.png');
    expect(big.statusCode).toBe(413);
    const files = await t.db.query(`SELECT 1 FROM attachments WHERE case_id = $1`, [p.id]);
    expect(files).toHaveLength(0);
  });
});

describe('the timeline', () => {
  it('is append-only and reports an altered past', async () => {
    const p = await register(wuli);
    await fire(yushe, p, 'start', { measures: '整改' });
    await expect(t.db.query(`UPDATE case_events SET body = 'x' WHERE case_id = $1`, [p.id])).rejects.toThrow(/append-only/);
    await t.db.exec(`ALTER TABLE case_events DISABLE TRIGGER case_events_no_update`);
    await t.db.query(`UPDATE case_events SET body = '篡改' WHERE case_id = $1 AND seq = 1`, [p.id]);
    await t.db.exec(`ALTER TABLE case_events ENABLE TRIGGER case_events_no_update`);
    const res = (await wuli.get(`/api/ledger/problems/${p.id}/verify`)).json();
    expect(res).toEqual({ ok: false, checked: 2, brokenAt: 1 });
  });
});

describe('county settings', () => {
  it('lets the county configure categories, cadence and the closure signer', async () => {
    const county = await t.as('county');
    const res = await county.request('PUT', '/api/ledger/settings', { categories: ['基层组织建设', '乡村振兴'], supervisionDays: 10, closureSigner: 'township_admin' });
    expect(res.statusCode).toBe(200);
    const p = await register(wuli, { category: '乡村振兴' });
    expect(p.supervisionDue).toBe(addDays(today, 10));
    const denied = await wuli.request('PUT', '/api/ledger/settings', { categories: ['x'], supervisionDays: 10, closureSigner: 'township_admin' });
    expect(denied.statusCode).toBe(403);
  });
});

describe('Excel export', () => {
  it('exports the ledger in the columns counties use, with formula-like text neutralized', async () => {
    const ExcelJS = (await import('exceljs')).default;
    await register(wuli, { description: '=HYPERLINK("http://evil.example","点我")' });
    const res = await wuli.get('/api/ledger/problems/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('问题台账')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['序号', '问题来源', '问题描述', '整改措施', '责任单位', '责任人', '整改时限', '整改进展', '销号情况']);
    const descriptions = [];
    for (let i = 2; i <= sheet.rowCount; i++) descriptions.push(sheet.getRow(i).getCell(3).value);
    expect(descriptions).toContain(`'=HYPERLINK("http://evil.example","点我")`);
    const [{ n }] = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c WHERE case_type = 'problem' AND org_path LIKE (SELECT path FROM orgs WHERE name = '五里镇') || '%'`)) as [{ n: number }];
    expect(sheet.rowCount - 1).toBe(n);
    const closed = [];
    for (let i = 2; i <= sheet.rowCount; i++) closed.push(String(sheet.getRow(i).getCell(9).value));
    expect(closed.some((c) => c.startsWith('已销号'))).toBe(true);
  });

  it('answers 404 before sending a file for a subtree outside the scope', async () => {
    const res = await yushe.get(`/api/ledger/problems/export?orgId=${await orgId(t.db, '五里镇')}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });
});

describe('Excel import from an inspection bulletin', () => {
  const sheet = async (rows: (string | Date)[][]) => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('通报问题');
    ws.addRow(['序号', '问题来源', '问题描述', '整改措施', '责任单位', '责任人', '整改时限']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const upload = (client: Client, content: Buffer, query: string) => {
    const boundary = '----bulletin';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="通报.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return client.request('POST', `/api/ledger/problems/import?${query}`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  };

  it('reports every bad row and imports nothing; then imports the corrected sheet', async () => {
    const due = addDays(today, 30);
    const bad = await sheet([
      ['1', '省市督查通报', '村级阵地功能不全', '补齐设施', '五里镇/榆舍村', '书记', due],
      ['2', '省市督查通报', '党员积分未公示', '', '咀头村', '', due],
      ['3', '不知道', '发展党员程序不规范', '', '尧头村', '', '明年'],
    ]);
    const before = await t.db.query(`SELECT 1 FROM problems`);
    const res = await upload(wuli, bad, 'sourceRef=宜组通〔2026〕12号');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ totalRows: 3, validRows: 2, imported: false, created: 0 });
    expect(report.errors).toEqual(expect.arrayContaining([
      { row: 4, column: '问题来源', message: expect.stringContaining('问题来源须为') },
      { row: 4, column: '整改时限', message: '「明年」不是有效日期（如 2026-12-31）' },
    ]));
    // 咀头村 is unique inside 五里镇's scope, so row 3 is fine for the township
    expect(report.errors.filter((e: { row: number }) => e.row === 3)).toEqual([]);
    expect(await t.db.query(`SELECT 1 FROM problems`)).toHaveLength(before.length);

    const good = await sheet([
      ['1', '省市督查通报', '村级阵地功能不全', '补齐设施', '五里镇/榆舍村', '书记', due],
      ['2', '省市督查通报', '党员积分未公示', '', '咀头村', '', due],
    ]);
    const ok = (await upload(wuli, good, 'sourceRef=宜组通〔2026〕12号')).json();
    expect(ok).toMatchObject({ totalRows: 2, created: 2, imported: true, errors: [] });
    const listed = (await wuli.get('/api/ledger/problems?q=党员积分未公示')).json();
    expect(listed.items[0]).toMatchObject({ source: 'provincial_bulletin', org: { name: '咀头村' } });
  });

  it('the county must disambiguate a name two townships share', async () => {
    const county = await t.as('county');
    const res = (await upload(county, await sheet([['1', '', '问题', '', '咀头村', '', addDays(today, 3)]]), 'dryRun=true')).json();
    expect(res.errors[0]).toMatchObject({ column: '责任单位', message: expect.stringContaining('同名') });
  });

  it('refuses a file that is not an xlsx, changing nothing', async () => {
    const res = await upload(wuli, Buffer.from('问题描述,责任单位\n乱码,榆舍村'), '');
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toContain('Excel');
  });
});

describe('what the web list needs', () => {
  it('counts problems per status under the list filter (the status filter left out) and agrees with the list', async () => {
    const p = await register(wuli, { description: '计数测试：党员档案未归档' });
    await fire(yushe, p, 'start', { measures: '一周内归档' });
    const counts = (await wuli.get(`/api/ledger/problems/counts?orgId=${village}&status=registered`)).json();
    const total = (await wuli.get(`/api/ledger/problems?orgId=${village}&pageSize=1`)).json().total;
    expect(counts.total).toBe(total);
    for (const s of ['registered', 'rectifying', 'submitted', 'accepted', 'closed', 'published']) {
      const n = (await wuli.get(`/api/ledger/problems?orgId=${village}&status=${s}&pageSize=1`)).json().total;
      expect(counts.byStatus[s], s).toBe(n);
    }
    expect(counts.open).toBe((await wuli.get(`/api/ledger/problems?orgId=${village}&open=true&pageSize=1`)).json().total);
    expect(counts.overdue).toBe((await wuli.get(`/api/ledger/problems?orgId=${village}&overdue=true&pageSize=1`)).json().total);
    const q = (await wuli.get(`/api/ledger/problems/counts?q=${encodeURIComponent('计数测试')}`)).json();
    expect(q).toMatchObject({ total: 1, open: 1, byStatus: { rectifying: 1, registered: 0 } });
    expect((await wuli.get(`/api/ledger/problems/counts?orgId=${await orgId(t.db, '彭镇')}`)).statusCode).toBe(404);
  });

  it('tells each list row whether the account may record a supervision now', async () => {
    const p = await register(wuli, { description: '督办标记测试' });
    const row = async (c: Client) => ((await c.get(`/api/ledger/problems?q=${encodeURIComponent('督办标记测试')}`)).json().items[0]);
    expect((await row(station)).canSupervise).toBe(true);
    expect((await row(yushe)).canSupervise).toBe(false);
    expect(((await yushe.get(`/api/ledger/problems/${p.id}`)).json() as ProblemDetail).canSupervise).toBe(false);
    expect((await yushe.post(`/api/ledger/problems/${p.id}/supervisions`, { text: '自己督办自己' })).statusCode).toBe(403);
  });

  it('lists the counties for the public closures page without login, with names only', async () => {
    const res = await t.anonymous.get('/api/public/ledger/counties');
    expect(res.statusCode).toBe(200);
    const [county] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE type = 'county' AND name LIKE '%宜君%' LIMIT 1`);
    const row = res.json().find((c: { id: number }) => c.id === county!.id);
    expect(Object.keys(row).sort()).toEqual(['id', 'name', 'published']);
    const pub = (await t.anonymous.get(`/api/public/counties/${county!.id}/closures?pageSize=1`)).json();
    expect(row.published).toBe(pub.total);
  });
});
