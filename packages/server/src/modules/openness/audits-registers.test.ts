// 村级财务审计 (a finding becomes a ledger problem in one step and shows its state) and the registers
// (filled from meetings, disclosures and the roster where records exist, by hand elsewhere; .xlsx).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { FLOW_SAMPLES, type FinanceAuditView, type MatterDetail, type RegisterList, type RegisterView } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { plusDays, todayInChina } from '../../core/calendar.js';
import { PNG, upload } from './test-support.js';
import { readPdf } from '../../test/pdf-text.js';

const today = todayInChina();
const year = Number(today.slice(0, 4));
let t: TestApp;
let yushe: Client;
let wuli: Client;
let village: number;
beforeAll(async () => {
  t = await buildTestApp();
  [yushe, wuli] = await Promise.all([t.as('yushe'), t.as('wuli')]);
  village = await orgId(t.db, '榆舍村');
});
afterAll(() => t.close());

describe('village finance audits', () => {
  let audit: FinanceAuditView;

  it('the township records an audit with findings; a village cannot; bad input changes nothing', async () => {
    const body = { orgId: village, period: String(year), auditedOn: today, auditor: '五里镇经管站', conclusion: '账目基本清楚，个别支出凭证不全', findings: [{ description: '2 笔招待费缺少审批单', amount: '1,360' }, { description: '集体资产台账未及时更新' }] };
    expect((await yushe.post('/api/openness/audits', body)).statusCode).toBe(403);
    const future = await wuli.post('/api/openness/audits', { ...body, auditedOn: plusDays(today, 3) });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('审计日期');
    const negative = await wuli.post('/api/openness/audits', { ...body, findings: [{ description: '多报', amount: '-5' }] });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().message).toContain('负数');
    const outside = await wuli.post('/api/openness/audits', { ...body, orgId: await orgId(t.db, '彭镇村') });
    expect(outside.statusCode).toBe(404);
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM finance_audits`))[0]!.n).toBe(0);
    const res = await wuli.post('/api/openness/audits', body);
    expect(res.statusCode).toBe(201);
    audit = res.json();
    expect(audit.findings.map((f) => [f.amountFen, f.problemId])).toEqual([[136000, null], [null, null]]);
    expect((await wuli.post('/api/openness/audits', body)).statusCode).toBe(409);
  });

  it('a finding becomes a ledger problem in one step, once, and shows the problem’s state', async () => {
    const f = audit.findings[0]!;
    const url = `/api/openness/audits/${audit.id}/findings/${f.id}/problem`;
    const bad = await wuli.post(url, { category: '不存在的类别', deadline: plusDays(today, 30) });
    expect(bad.statusCode).toBe(400);
    const res = await wuli.post(url, { category: '党风廉政建设', deadline: plusDays(today, 30), measures: '补齐审批单' });
    expect(res.statusCode).toBe(201);
    const problemId = res.json().id as number;
    const again = await wuli.post(url, { category: '党风廉政建设', deadline: plusDays(today, 30) });
    expect(again.statusCode).toBe(409);
    expect(again.json().details.problemId).toBe(problemId);
    // the ledger holds it at the village, and the village sees it in its own ledger
    const problem = (await yushe.get(`/api/ledger/problems/${problemId}`)).json();
    expect(problem.orgId ?? problem.org?.id).toBe(village);
    expect(JSON.stringify(problem)).toContain('招待费');
    const view = (await yushe.get(`/api/openness/audits/${audit.id}`)).json() as FinanceAuditView;
    expect(view.findings[0]).toMatchObject({ problemId, problemStatus: problem.status });
    expect(view.findings[1]!.problemStatus).toBeNull();
    const logged = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_type = 'finance_audit_finding' AND object_id = $1`, [String(f.id)]);
    expect(logged.map((l) => l.action)).toEqual(['finance_audit.finding_to_problem']);
  });

  it('another township’s account does not see the audit', async () => {
    const dept = await t.as('jiaotong');
    expect((await dept.get(`/api/openness/audits/${audit.id}`)).statusCode).toBe(404);
    expect(((await dept.get('/api/openness/audits')).json().items as FinanceAuditView[]).some((a) => a.id === audit.id)).toBe(false);
  });
});

describe('registers', () => {
  it('lists the county’s books, filled from records where a source exists', async () => {
    const list = (await yushe.get('/api/openness/registers')).json() as RegisterList;
    expect(list.books.map((b) => b.name)).toContain('党员名册');
    const roster = list.books.find((b) => b.code === 'roster')!;
    expect(roster.filledFromRecords).toBe(true);
    expect(roster.rows).toBeGreaterThan(0);
    const dues = list.books.find((b) => b.code === 'dues')!;
    expect(dues.filledFromRecords).toBe(false);
    expect(dues.sourceLabel).toBe('手工填写');
    // 民主决策 and 经费收支 are no longer typed by hand: the flows and funds modules fill them
    for (const code of ['decisions', 'funds']) expect(list.books.find((b) => b.code === code)).toMatchObject({ filledFromRecords: true });
  });

  it('the 民主决策 book fills from the village’s 小微权力 matters: each step taken, with its meeting', async () => {
    const county = await t.as('county');
    const flow = await county.post('/api/flows', structuredClone(FLOW_SAMPLES.find((s) => s.code === 'four_discussions')!.flow));
    expect(flow.statusCode, flow.body).toBe(201);
    const before = (await yushe.get(`/api/openness/registers/decisions?year=${year}`)).json() as RegisterView;
    let m = (await yushe.post('/api/flow-matters', { flowId: flow.json().id, orgId: village, title: '村集体厂房出租', summary: '出租闲置厂房 3 年' })).json() as MatterDetail;
    // opened but not yet decided: nothing in the book
    expect(((await yushe.get(`/api/openness/registers/decisions?year=${year}`)).json() as RegisterView).rows).toHaveLength(before.rows.length);
    for (const d of m.steps[0]!.documents) expect((await upload(yushe, `/api/flow-matters/${m.id}/documents`, PNG, '提议书.png', 'image/png', d.name)).statusCode).toBe(201);
    const roster = (await yushe.get(`/api/orglife/units/${village}/roster`)).json() as { members: { id: number }[] };
    const meeting = await yushe.post('/api/orglife/meetings', { orgId: village, typeCode: 'committee', heldOn: today, place: '村委会', host: '书记', topic: '研究厂房出租', attendees: [{ personId: roster.members[0]!.id, present: true }] });
    const done = await yushe.post(`/api/flow-matters/${m.id}/steps`, { version: m.version, stepKey: m.steps[0]!.key, result: '支委会提议公开招租', meetingId: meeting.json().id });
    expect(done.statusCode, done.body).toBe(200);
    m = done.json();
    const book = (await yushe.get(`/api/openness/registers/decisions?year=${year}`)).json() as RegisterView;
    expect(book.filledFromRecords).toBe(true);
    expect(book.rows).toHaveLength(before.rows.length + 1);
    expect(book.rows).toContainEqual(expect.objectContaining({ date: today, matter: '村集体厂房出租', step: '党支部提议', result: '支委会提议公开招租', meeting: `${today} 研究厂房出租` }));
    // another year's book does not hold it; another township's account cannot open this village's book
    expect(((await yushe.get(`/api/openness/registers/decisions?year=${year - 1}`)).json() as RegisterView).rows.some((r) => r.matter === '村集体厂房出租')).toBe(false);
    expect((await (await t.as('jiaotong')).get(`/api/openness/registers/decisions?year=${year}&orgId=${village}`)).statusCode).toBe(404);
  });

  it('the 经费收支 account fills from the funds the county allocated and the village spent, with the balance', async () => {
    const county = await t.as('county');
    const alloc = await county.post('/api/funds/allocations', { orgId: village, year, line: 'service', amountFen: 300_000, reason: '群众之家改造' });
    expect(alloc.statusCode, alloc.body).toBe(201);
    const spent = await yushe.post(`/api/funds/allocations/${alloc.json().id}/spendings`, { spentOn: today, amountFen: 12_345, purpose: '购置群众之家桌椅' });
    expect(spent.statusCode, spent.body).toBe(201);
    const book = (await yushe.get(`/api/openness/registers/funds?year=${year}`)).json() as RegisterView;
    expect(book.filledFromRecords).toBe(true);
    const service = book.rows.filter((r) => r.line === '服务群众专项经费');
    expect(service).toEqual([
      expect.objectContaining({ item: `${year}年服务群众专项经费下达（调整：群众之家改造）`, income: '3,000.00', expense: '', balance: '3,000.00' }),
      expect.objectContaining({ date: today, item: '购置群众之家桌椅', income: '', expense: '123.45', balance: '2,876.55' }),
    ]);
  });

  it('the minutes book fills from organizational life, the 三务公开 book from published disclosures', async () => {
    const roster = (await yushe.get(`/api/orglife/units/${village}/roster`)).json() as { members: { id: number }[] };
    const meeting = await yushe.post('/api/orglife/meetings', { orgId: village, typeCode: 'committee', heldOn: today, place: '村委会', host: '书记', topic: '研究三务公开事项', attendees: [{ personId: roster.members[0]!.id, present: true }] });
    expect(meeting.statusCode).toBe(201);
    const book = (await yushe.get(`/api/openness/registers/meetings?year=${year}`)).json() as RegisterView;
    expect(book.filledFromRecords).toBe(true);
    expect(book.rows.some((r) => r.topic === '研究三务公开事项' && r.attendance === '1/1')).toBe(true);

    const d = await yushe.post('/api/openness/disclosures', { orgId: village, kind: 'party', period: today.slice(0, 7), items: [{ title: '发展党员情况', content: '确定入党积极分子 1 名' }] });
    const id = d.json().id as number;
    const withPhoto = await upload(yushe, `/api/openness/disclosures/${id}/photo`, PNG, 'board.png', 'image/png');
    await yushe.post(`/api/openness/disclosures/${id}/publish`, { version: withPhoto.json().draft.version });
    const disclosures = (await yushe.get(`/api/openness/registers/disclosures?year=${year}`)).json() as RegisterView;
    expect(disclosures.rows).toEqual([expect.objectContaining({ kind: '党务公开', items: '发展党员情况', revision: '第1版' })]);
  });

  it('hand-filled rows go only into books no record fills, and the book downloads as .xlsx', async () => {
    const refused = await yushe.post('/api/openness/registers/meetings/rows', { orgId: village, entryDate: today, cells: { topic: 'x' } });
    expect(refused.statusCode).toBe(409);
    const badColumn = await yushe.post('/api/openness/registers/dues/rows', { orgId: village, entryDate: today, cells: { c9: 'x' } });
    expect(badColumn.statusCode).toBe(400);
    const future = await yushe.post('/api/openness/registers/dues/rows', { orgId: village, entryDate: plusDays(today, 2), cells: { c1: '张三' } });
    expect(future.statusCode).toBe(400);
    const outside = await yushe.post('/api/openness/registers/dues/rows', { orgId: await orgId(t.db, '彭镇村'), entryDate: today, cells: { c1: '张三' } });
    expect(outside.statusCode).toBe(404);
    const ok = await yushe.post('/api/openness/registers/dues/rows', { orgId: village, entryDate: today, cells: { c1: '张三', c2: today.slice(0, 7), c3: '=2+2', c4: '李会计' } });
    expect(ok.statusCode).toBe(201);
    const view = (await yushe.get(`/api/openness/registers/dues?year=${year}`)).json() as RegisterView;
    expect(view.book.columns[0]!.label).toBe('登记日期');
    expect(view.rows).toEqual([expect.objectContaining({ entry_date: today, c1: '张三', c3: '=2+2' })]);
    const file = await yushe.get(`/api/openness/registers/dues/xlsx?year=${year}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('登记日期');
    expect(sheet.getRow(2).getCell(3).value).toBe('张三');
    // a formula typed into a cell is neutralized
    expect(String(sheet.getRow(2).getCell(5).value)).not.toMatch(/^=/);
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'register.export'`))[0]!.n).toBe(1);
    expect((await yushe.get('/api/openness/registers/no_such_book')).statusCode).toBe(404);
  });

  it('prints a book as an A4 PDF in a Chinese font (title, unit, header, rows, page number), audited; outside the scope 404', async () => {
    const res = await yushe.get(`/api/openness/registers/dues/pdf?year=${year}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/attachment;.*\.pdf/);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await readPdf(res.rawPayload);
    expect(pdf.pageCount).toBe(1);
    expect(pdf.fonts).toEqual([expect.stringMatching(/^[A-Z]{6}\+NotoSansCJKsc-Regular$/)]);
    const view = (await yushe.get(`/api/openness/registers/dues?year=${year}`)).json() as RegisterView;
    const page = pdf.pages[0]!;
    for (const text of [view.book.name, view.org.name, `${year}年`, '登记日期', '张三', '第 1 页 / 共 1 页']) expect(page).toContain(text);
    const [audit] = await t.db.query<{ summary: { format?: string; rows: number } }>(`SELECT summary FROM audit_log WHERE action = 'register.export' ORDER BY id DESC LIMIT 1`);
    expect(audit!.summary).toMatchObject({ format: 'pdf', rows: view.rows.length });
    expect((await yushe.get(`/api/openness/registers/dues/pdf?year=${year}&orgId=${await orgId(t.db, '彭镇村')}`)).statusCode).toBe(404);
    expect((await yushe.get('/api/openness/registers/no_such_book/pdf')).statusCode).toBe(404);
  });
});
