// 经费、报酬与阵地 through the API as the demo accounts: standards edited and copied by the county,
// allocations applied and adjusted with a reason, spending with a voucher, the roll-up, allowances
// from posts and their .xlsx, awards; checklists with photos, venues, duty rosters and who is on
// duty on the public unit page. Bad input answers a Chinese 4xx and changes nothing.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Allocation, AllocationDetail, AllocationList, Allowances, AwardList, DutyShift, DutyShiftList, FacilityBoard, FormerCadres, FundRollup, FundStandards, PublicUnit, Spending, UnitChecklist, Venue } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { todayInChina } from '../../core/calendar.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let yushe: Client;
let yusheId: number;
let otherCountyVillage: number;
const today = todayInChina();
const year = Number(today.slice(0, 4));
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

function upload(c: Client, url: string, content: Buffer, name = '现场.png', type = 'image/png') {
  const boundary = '----funds';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request('POST', url, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}
const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, yushe] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe')]);
  yusheId = await orgId(t.db, '榆舍村');
  // a village of another county: outside every demo scope
  const [other] = await t.db.query<{ id: number }>(`INSERT INTO orgs (county_id, parent_id, type, name, path, depth) VALUES (NULL, NULL, 'county', '邻县经费', '/tmp-funds/', 0) RETURNING id`);
  await t.db.query(`UPDATE orgs SET path = $1, county_id = id WHERE id = $2`, [`/${other!.id}/`, other!.id]);
  const [v] = await t.db.query<{ id: number }>(`INSERT INTO orgs (county_id, parent_id, type, name, path, depth) VALUES ($1, $1, 'village', '邻县某村', '/tmp-funds-v/', 1) RETURNING id`, [other!.id]);
  await t.db.query(`UPDATE orgs SET path = $1 WHERE id = $2`, [`/${other!.id}/${v!.id}/`, v!.id]);
  otherCountyVillage = v!.id;
});
afterAll(() => t.close());

describe('fund standards', () => {
  it('shows the seeds’ standards until the county saves its own, and copies a year to the next', async () => {
    const d = (await county.get(`/api/funds/standards?year=${year}`)).json() as FundStandards;
    expect(d.isDefault).toBe(true);
    expect(d.rows).toContainEqual({ unitType: 'village', line: 'office', annualFen: 2_500_000 });
    expect(d.rows).toContainEqual({ unitType: 'community', line: 'service', annualFen: 10_000_000 });
    expect(d.rows).toContainEqual({ unitType: 'department', line: 'party_building', annualFen: 5_000_000 });

    const rows = d.rows.map((r) => (r.unitType === 'village' && r.line === 'party_building' ? { ...r, annualFen: 900_000 } : r));
    const saved = await county.request('PUT', '/api/funds/standards', { year, rows });
    expect(saved.statusCode).toBe(200);
    expect((saved.json() as FundStandards).isDefault).toBe(false);

    const copied = await county.post('/api/funds/standards/copy', { fromYear: year, toYear: year + 1 });
    expect(copied.statusCode).toBe(200);
    expect((copied.json() as FundStandards).rows).toContainEqual({ unitType: 'village', line: 'party_building', annualFen: 900_000 });
    const again = await county.post('/api/funds/standards/copy', { fromYear: year, toYear: year + 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/已有经费标准/);
  });

  it('is the county’s to edit: a township answers 403 and a negative or non-numeric amount 400, nothing changed', async () => {
    expect((await wuli.request('PUT', '/api/funds/standards', { year, rows: [] })).statusCode).toBe(403);
    const before = await count('fund_standards');
    for (const annualFen of [-1, 'abc', 12.5]) {
      const res = await county.request('PUT', '/api/funds/standards', { year, rows: [{ unitType: 'village', line: 'office', annualFen }] });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await count('fund_standards')).toBe(before);
  });
});

describe('allocations and spending', () => {
  let mine: Allocation;
  it('applies the standards to every unit once, in scope for each level', async () => {
    const applied = await county.post('/api/funds/allocations/apply', { year });
    expect(applied.statusCode).toBe(200);
    expect(applied.json().created).toBeGreaterThan(100);
    expect((await county.post('/api/funds/allocations/apply', { year })).json().created).toBe(0);
    const own = (await yushe.get(`/api/funds/allocations?year=${year}`)).json() as AllocationList;
    expect(own.items.map((a) => a.org.id)).toEqual([yusheId, yusheId]);
    mine = own.items.find((a) => a.line === 'party_building')!;
    expect(mine).toMatchObject({ standardFen: 900_000, amountFen: 900_000, spentFen: 0, balanceFen: 900_000 });
    const township = (await wuli.get(`/api/funds/allocations?year=${year}`)).json() as AllocationList;
    const wuliPath = (await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE name = '五里镇'`))[0]!.path;
    const paths = await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE id = ANY($1::bigint[])`, [township.items.map((a) => a.org.id)]);
    expect(paths.every((p) => p.path.startsWith(wuliPath))).toBe(true);
  });

  it('refuses an allocation for a unit out of scope (404), a second one (409), and an amount off the standard without a reason (400)', async () => {
    expect((await county.post('/api/funds/allocations', { orgId: otherCountyVillage, year, line: 'office' })).statusCode).toBe(404);
    expect((await wuli.post('/api/funds/allocations', { orgId: yusheId, year, line: 'service', amountFen: 100 })).statusCode).toBe(403);
    const dup = await county.post('/api/funds/allocations', { orgId: yusheId, year, line: 'office' });
    expect(dup.statusCode).toBe(409);
    const noReason = await county.post('/api/funds/allocations', { orgId: yusheId, year, line: 'service', amountFen: 500_000 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message + JSON.stringify(noReason.json().details)).toMatch(/原因|标准/);
    const ok = await county.post('/api/funds/allocations', { orgId: yusheId, year, line: 'service', amountFen: 500_000, reason: '群众之家改造' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ standardFen: null, amountFen: 500_000, reason: '群众之家改造' });
  });

  it('records spending against the balance; overspending, a future date and a negative amount answer 400', async () => {
    const url = `/api/funds/allocations/${mine.id}/spendings`;
    const before = await count('fund_spendings');
    for (const body of [
      { spentOn: today, amountFen: -100, purpose: '购买学习资料' },
      { spentOn: today, amountFen: '一百', purpose: '购买学习资料' },
      { spentOn: today, amountFen: 900_001, purpose: '超支' },
      { spentOn: `${year + 1}-01-01`, amountFen: 100, purpose: '未来' },
    ]) {
      const res = await yushe.post(url, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await count('fund_spendings')).toBe(before);
    const res = await yushe.post(url, { spentOn: today, amountFen: 123_456, purpose: '主题党日活动资料' });
    expect(res.statusCode).toBe(201);
    // the answer is the spending row as its GET shows it; the allocation's detail lists it and its balance
    const spending = res.json() as Spending;
    expect(spending).toMatchObject({ allocationId: mine.id, spentOn: today, amountFen: 123_456, purpose: '主题党日活动资料', voucher: null, recordedBy: 'yushe' });
    expect((await wuli.get(`/api/funds/spendings/${spending.id}`)).json()).toEqual(spending);
    expect((await t.as('jiaotong').then((c) => c.get(`/api/funds/spendings/${spending.id}`))).statusCode).toBe(404);
    const detail = (await yushe.get(`/api/funds/allocations/${mine.id}`)).json() as AllocationDetail;
    expect(detail.allocation).toMatchObject({ spentFen: 123_456, balanceFen: 900_000 - 123_456 });
    expect(detail.spendings).toContainEqual(spending);
    expect((await upload(yushe, `/api/funds/spendings/${spending.id}/voucher`, PNG, '发票.png')).statusCode).toBe(204);
    expect((await upload(yushe, `/api/funds/spendings/${spending.id}/voucher`, Buffer.from('not a file'), 'a.txt', 'text/plain')).statusCode).toBe(415);
    const v = await yushe.get(`/api/funds/spendings/${spending.id}/voucher`);
    expect(v.statusCode).toBe(200);
    expect(v.headers['content-type']).toBe('image/png');
    // adjusting below what was spent is refused; with a reason it is recorded
    expect((await county.patch(`/api/funds/allocations/${mine.id}`, { version: mine.version, amountFen: 100, reason: '压减' })).statusCode).toBe(400);
    const adj = await county.patch(`/api/funds/allocations/${mine.id}`, { version: mine.version, amountFen: 1_000_000, reason: '增加党员教育经费' });
    expect(adj.statusCode).toBe(200);
    expect((await county.patch(`/api/funds/allocations/${mine.id}`, { version: mine.version, amountFen: 1_000_000, reason: '再改' })).statusCode).toBe(412);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_type IN ('fund_allocation', 'fund_spending') ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['fund_spending.create', 'fund_spending.attach', 'fund_allocation.update']));
  });

  it('rolls up county → township → village with the same totals', async () => {
    const top = (await county.get(`/api/funds/rollup?year=${year}`)).json() as FundRollup;
    const [sum] = await t.db.query<{ a: number; s: number }>(`SELECT sum(amount_fen)::bigint AS a, (SELECT coalesce(sum(sp.amount_fen), 0)::bigint FROM fund_spendings sp JOIN fund_allocations x ON x.id = sp.allocation_id WHERE x.year = $1) AS s FROM fund_allocations WHERE year = $1`, [year]);
    expect(top.total.allocatedFen).toBe(Number(sum!.a));
    expect(top.total.spentFen).toBe(Number(sum!.s));
    expect(top.rows.reduce((n, r) => n + r.allocatedFen, 0)).toBe(top.total.allocatedFen);
    const wuliRow = top.rows.find((r) => r.org.name === '五里镇')!;
    const down = (await county.get(`/api/funds/rollup?year=${year}&orgId=${wuliRow.org.id}`)).json() as FundRollup;
    expect(down.total.allocatedFen).toBe(wuliRow.allocatedFen);
    expect((await wuli.get(`/api/funds/rollup?year=${year}&orgId=${otherCountyVillage}`)).statusCode).toBe(404);
  });

  it('exports allocations and spending as a two-sheet .xlsx', async () => {
    const res = await county.get(`/api/funds/export?year=${year}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['经费下达', '支出明细']);
    expect(wb.getWorksheet('支出明细')!.getRow(2).getCell(5).value).toBe('主题党日活动资料');
  });
});

describe('allowances', () => {
  it('computes each post-holder’s year from posts on the allowance standards, and exports it without phones or ID numbers', async () => {
    const a = (await wuli.get(`/api/funds/allowances?year=${year}&pageSize=200`)).json() as Allowances;
    expect(a.items.length).toBeGreaterThan(0);
    expect(a.total).toBe(a.items.length);
    expect(a.standards).toContainEqual(expect.objectContaining({ unitType: 'village', post: 'concurrent', annualFen: 3_000_000 }));
    for (const r of a.items) {
      expect(r.days).toBeLessThanOrEqual(a.daysInYear);
      expect(Number.isInteger(r.amountFen)).toBe(true);
    }
    expect(a.totalFen).toBe(a.items.reduce((n, r) => n + r.amountFen, 0));
    // a full-year 一肩挑 secretary in the demo draws the 一肩挑 standard pro rata
    const concurrent = a.items.find((r) => r.posts.some((p) => p.post === 'concurrent'));
    if (concurrent) expect(concurrent.amountFen).toBe(Math.round((3_000_000 * concurrent.days) / a.daysInYear));
    const x = await wuli.get(`/api/funds/allowances/export?year=${year}`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['单位', '姓名', '岗位', '任职期间', '在岗天数', '一肩挑天数', '报酬（元）']);
    expect(ws.rowCount).toBe(a.total + 2);
    const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'funds.export' AND username = 'wuli'`);
    expect(audit.length).toBe(1);
  });

  it('pages the allowances and the former cadres like every list: each row once, the same total and year sum on every page; the .xlsx keeps every row', async () => {
    for (let i = 0; i < 4; i++) {
      const person = (await yushe.post('/api/people', { name: `离任委员${'甲乙丙丁'[i]}`, gender: 'male', orgId: yusheId })).json() as { id: number };
      expect((await county.post('/api/posts', { personId: person.id, orgId: yusheId, role: 'committee_member', startDate: `${2000 + i}-01-01`, endDate: '2015-12-31' })).statusCode).toBe(201);
    }
    for (const path of ['/api/funds/allowances', '/api/funds/former-cadres']) {
      const whole = (await wuli.get(`${path}?year=${year}&pageSize=200`)).json() as Allowances | FormerCadres;
      expect(whole.total).toBeGreaterThan(3);
      expect(whole.total).toBe(whole.items.length);
      const seen: string[] = [];
      const pageSize = Math.ceil(whole.total / 3);
      for (let page = 1; page <= 3; page++) {
        const res = await wuli.get(`${path}?year=${year}&page=${page}&pageSize=${pageSize}`);
        expect(res.statusCode).toBe(200);
        const p = res.json() as Allowances | FormerCadres;
        expect({ page: p.page, pageSize: p.pageSize, total: p.total, totalFen: p.totalFen }).toEqual({ page, pageSize, total: whole.total, totalFen: whole.totalFen });
        seen.push(...p.items.map((r) => String(r.id)));
      }
      expect(seen).toEqual(whole.items.map((r) => String(r.id)));
      expect(new Set(seen).size).toBe(whole.total);
      expect(((await county.get(`${path}?year=${year}&page=99`)).json() as Allowances).items).toEqual([]);
      expect((await county.get(`${path}?year=${year}&pageSize=500`)).statusCode).toBe(400);
    }
    const small = (await county.get(`/api/funds/allowances?year=${year}&pageSize=1`)).json() as Allowances;
    const x = await county.get(`/api/funds/allowances/export?year=${year}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    expect(wb.worksheets[0]!.rowCount).toBe(small.total + 2);
  });

  it('gives the former-cadre living allowance by years served, on the county’s rule', async () => {
    const person = (await yushe.post('/api/people', { name: '离任老支书', gender: 'male', orgId: yusheId })).json() as { id: number };
    expect((await county.post('/api/posts', { personId: person.id, orgId: yusheId, role: 'committee_member', startDate: '2005-01-01', endDate: '2016-12-31' })).statusCode).toBe(201);
    const f = (await wuli.get(`/api/funds/former-cadres?year=${year}&pageSize=200`)).json() as FormerCadres;
    expect(f.total).toBe(f.items.length);
    expect(f.eligibleCount).toBe(f.items.filter((r) => r.eligible).length);
    const row = f.items.find((r) => r.person.id === person.id);
    expect(row).toMatchObject({ yearsServed: 12, eligible: true, amountFen: 12 * 12_000 });
    expect((await wuli.request('PUT', '/api/funds/former-cadre-rule', { minYears: 5, perYearServedFen: 20_000, capFen: 0 })).statusCode).toBe(403);
    expect((await county.request('PUT', '/api/funds/former-cadre-rule', { minYears: 5, perYearServedFen: 20_000, capFen: 200_000 })).statusCode).toBe(200);
    const g = (await wuli.get(`/api/funds/former-cadres?year=${year}&pageSize=200`)).json() as FormerCadres;
    expect(g.items.find((r) => r.person.id === person.id)!.amountFen).toBe(200_000);
  });

  it('lists awards with the stations’ 七一 commendations', async () => {
    const res = await county.post('/api/funds/awards', { orgId: yusheId, year, title: '先进基层党组织', amountFen: 1_000_000 });
    expect(res.statusCode).toBe(201);
    expect((await county.post('/api/funds/awards', { orgId: yusheId, year, title: '负数', amountFen: -5 })).statusCode).toBe(400);
    const list = (await yushe.get(`/api/funds/awards?year=${year}`)).json() as AwardList;
    expect(list.items.map((i) => i.title)).toContain('先进基层党组织');
  });

  it('pages the awards and the 七一 commendations together in one SQL statement: every line once, the count and the sum of the whole year on every page', async () => {
    const y = year - 5; // a year of its own: only the lines made here
    const stations = await t.db.query<{ id: number }>(`SELECT s.id FROM orgs s JOIN orgs p ON p.id = s.parent_id WHERE s.type = 'station' AND s.status = 'active' AND p.name = '五里镇' ORDER BY s.sort, s.id LIMIT 2`);
    expect(stations).toHaveLength(2);
    for (const s of stations) expect((await county.post(`/api/orgs/${s.id}/designations`, { kind: 'qiyi_commended', year: y, awardFen: 2_000_000 })).statusCode).toBe(201);
    for (const title of ['甲', '乙', '丙']) expect((await county.post('/api/funds/awards', { orgId: yusheId, year: y, title: `表彰${title}`, amountFen: 100_000 })).statusCode).toBe(201);

    const statements: string[] = [];
    const query = t.db.query.bind(t.db);
    t.db.query = ((sql: string, params?: readonly unknown[]) => {
      if (/fund_awards|station_designations/.test(String(sql))) statements.push(String(sql));
      return query(sql, params);
    }) as typeof t.db.query;
    let pages: AwardList[];
    try {
      pages = [];
      for (let page = 1; page <= 4; page++) pages.push((await wuli.get(`/api/funds/awards?year=${y}&page=${page}&pageSize=2`)).json() as AwardList);
    } finally {
      t.db.query = query;
    }
    expect(statements).toHaveLength(4); // one statement a page, whatever the page
    for (const [i, p] of pages.entries()) expect(p).toMatchObject({ year: y, total: 5, page: i + 1, pageSize: 2, totalFen: 4_300_000 });
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1, 0]);
    const lines = pages.flatMap((p) => p.items);
    expect(lines.map((l) => l.source)).toEqual(['station_designation', 'station_designation', 'award', 'award', 'award']);
    expect(lines.slice(0, 2).map((l) => l.org.id)).toEqual(stations.map((s) => s.id));
    expect(lines.slice(2).map((l) => l.title)).toEqual(['表彰甲', '表彰乙', '表彰丙']);
    expect(lines[0]).toMatchObject({ title: '“七一”表彰党建示范站', amountFen: 2_000_000, org: { type: 'station' } });
    // a village sees its own award lines only: the stations are outside its scope
    const own = (await yushe.get(`/api/funds/awards?year=${y}&pageSize=50`)).json() as AwardList;
    expect(own).toMatchObject({ total: 3, totalFen: 300_000 });
  });
});

describe('allowance standards (村干部报酬标准) by year', () => {
  type Table = { year: number; fromYear: number | null; rows: { unitType: string; post: string; annualFen: number }[] };
  const get = async (c: Client, y: number) => (await c.get(`/api/funds/allowance-standards?year=${y}`)).json() as Table;
  const fen = (tb: Table, unitType: string, post: string) => tb.rows.find((r) => r.unitType === unitType && r.post === post)?.annualFen;

  it('the county edits a year’s table; later years keep it until they have their own, earlier years are untouched; allowances use it', async () => {
    const before = await get(county, year);
    expect(before.fromYear).toBeNull(); // the test county has no table yet: the seeds' defaults
    expect(fen(before, 'village', 'concurrent')).toBe(3_000_000);
    expect(await get(county, year - 1)).toMatchObject({ fromYear: null }); // the seeds' defaults
    const rows = before.rows.map((r) => (r.unitType === 'village' && r.post === 'concurrent' ? { ...r, annualFen: 3_600_000 } : r));
    const res = await county.request('PUT', '/api/funds/allowance-standards', { year, rows });
    expect(res.statusCode, res.body).toBe(200);
    expect(fen(res.json(), 'village', 'concurrent')).toBe(3_600_000);
    // the next year has no table of its own: this one stays in force
    expect(await get(wuli, year + 1)).toMatchObject({ year: year + 1, fromYear: year });
    expect(fen(await get(wuli, year + 1), 'village', 'concurrent')).toBe(3_600_000);
    expect(fen(await get(county, year - 1), 'village', 'concurrent')).toBe(3_000_000);
    const a = (await wuli.get(`/api/funds/allowances?year=${year}&pageSize=200`)).json() as Allowances;
    expect(a.standards).toContainEqual(expect.objectContaining({ unitType: 'village', post: 'concurrent', annualFen: 3_600_000 }));
    const concurrent = a.items.find((r) => r.posts.some((p) => p.post === 'concurrent' && p.days === r.days));
    if (concurrent) expect(concurrent.amountFen).toBe(Math.round((3_600_000 * concurrent.days) / a.daysInYear));
    const logged = await t.db.query<{ summary: { year: number; from: string[]; to: string[] } }>(`SELECT summary FROM audit_log WHERE action = 'allowance_standard.update'`);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.summary.to).toContain('village/concurrent=3600000');
    expect(logged[0]!.summary.from).toContain('village/concurrent=3000000');
  });

  it('refuses a post twice, 一肩挑 below a single post, a negative or non-numeric amount and a township — nothing changed', async () => {
    const current = await get(county, year);
    const put = (body: unknown, c = county) => c.request('PUT', '/api/funds/allowance-standards', body);
    const dup = await put({ year, rows: [...current.rows, current.rows[0]] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().message).toMatch(/标准填了两次/);
    const low = await put({ year, rows: current.rows.map((r) => (r.unitType === 'community' && r.post === 'concurrent' ? { ...r, annualFen: 100 } : r)) });
    expect(low.statusCode).toBe(400);
    expect(low.json().message).toMatch(/社区“书记、主任一肩挑”的标准（1\.00 元）不能低于|社区.*一肩挑.*不能低于/);
    expect((await put({ year, rows: [{ unitType: 'village', post: 'secretary', annualFen: -1 }] })).statusCode).toBe(400);
    expect((await put({ year, rows: [{ unitType: 'village', post: 'secretary', annualFen: '两万' }] })).statusCode).toBe(400);
    expect((await put({ year, rows: [] })).statusCode).toBe(400);
    expect((await put({ year, rows: [{ unitType: 'township', post: 'secretary', annualFen: 1 }] })).statusCode).toBe(400);
    const township = await put({ year, rows: current.rows }, wuli);
    expect(township.statusCode).toBe(403);
    expect(await get(county, year)).toEqual(current);
    expect(await count(`audit_log WHERE action = 'allowance_standard.update'`)).toBe(1);
  });
});

describe('facilities', () => {
  it('a village ticks its 十有 with a photo; the board counts units meeting all items', async () => {
    const url = `/api/facilities/units/${yusheId}/checklists/village_ten`;
    const c = (await yushe.get(url)).json() as UnitChecklist;
    expect(c).toMatchObject({ total: 10, met: 0, version: 0 });
    const all = c.checks.map((i) => ({ key: i.key, met: true }));
    const saved = await yushe.request('PUT', url, { version: 0, investmentFen: 3_100_000, items: all });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ met: 10, version: 1, investmentFen: 3_100_000 });
    expect((await yushe.request('PUT', url, { version: 0, items: all })).statusCode).toBe(412);
    expect((await yushe.request('PUT', url, { version: 1, items: [{ key: 'nosuch', met: true }] })).statusCode).toBe(400);
    expect((await yushe.request('PUT', url, { version: 1, grade: 'model', items: [] })).statusCode).toBe(400);
    expect((await yushe.get(`/api/facilities/units/${yusheId}/checklists/township_six`)).statusCode).toBe(400);
    const photo = await upload(yushe, `${url}/items/venue/photo`, PNG);
    expect(photo.statusCode).toBe(201);
    expect((photo.json() as UnitChecklist).checks.find((i) => i.key === 'venue')!.hasPhoto).toBe(true);
    expect((await upload(yushe, `${url}/items/venue/photo`, Buffer.from('%PDF-1.4 x'), 'a.pdf', 'application/pdf')).statusCode).toBe(415);
    expect((await yushe.get(`${url}/items/venue/photo`)).headers['content-type']).toBe('image/png');
    expect((await yushe.get(`/api/facilities/units/${otherCountyVillage}/checklists/village_ten`)).statusCode).toBe(404);
    const board = (await county.get('/api/facilities/board?kind=village_ten')).json() as FacilityBoard;
    expect(board.total.complete).toBe(1);
    const wuliRow = board.rows.find((r) => r.org.name === '五里镇')!;
    expect(wuliRow.complete).toBe(1);
    const station = (await wuli.get(`/api/facilities/board?kind=village_ten&orgId=${(await t.db.query<{ parent_id: number }>(`SELECT parent_id FROM orgs WHERE id = $1`, [yusheId]))[0]!.parent_id}`)).json() as FacilityBoard;
    expect(station.units.find((u) => u.org.id === yusheId)).toMatchObject({ met: 10, missing: [] });
  });

  it('offers each scope only the checklists its units keep: a village its 十有, a township its 六有, stations and villages', async () => {
    const village = (await yushe.get('/api/facilities/board?kind=village_ten')).json() as FacilityBoard;
    expect(village.kinds).toEqual([{ kind: 'village_ten', units: 1 }]);
    const asked = (await yushe.get('/api/facilities/board?kind=station_six')).json() as FacilityBoard;
    expect(asked.total.units).toBe(0);
    expect(asked.kinds.map((k) => k.kind)).toEqual(['village_ten']);
    const township = (await wuli.get('/api/facilities/board?kind=village_ten')).json() as FacilityBoard;
    expect(township.kinds.map((k) => k.kind)).toEqual(['station_six', 'township_six', 'village_ten']);
    expect(township.kinds.find((k) => k.kind === 'township_six')!.units).toBe(1);
    expect(township.kinds.find((k) => k.kind === 'village_ten')!.units).toBe(township.total.units);
  });
});

describe('venues and duty rosters', () => {
  it('a village keeps its 群众之家 and roster; the public unit page shows who is on duty now, never a phone of a person', async () => {
    const created = await yushe.post('/api/venues', { orgId: yusheId, kind: 'masses_home', name: '榆舍村群众之家', condition: 'good', open24h: true, servicePhone: '0919-3210000' });
    expect(created.statusCode).toBe(201);
    const venue = created.json() as Venue;
    const cands = (await yushe.get(`/api/venues/${venue.id}/duty-candidates`)).json() as { people: { personId: number; name: string; role: string }[] };
    expect(cands.people.length).toBeGreaterThan(0);
    const who = cands.people[0]!;
    const start = new Date(Date.now() - 3600_000).toISOString();
    const end = new Date(Date.now() + 3600_000 * 5).toISOString();
    const before = await count('duty_shifts');
    const backwards = await yushe.post(`/api/venues/${venue.id}/shifts`, { personId: who.personId, startsAt: end, endsAt: start });
    expect(backwards.statusCode).toBe(400);
    expect(JSON.stringify(backwards.json())).toMatch(/晚于开始时间/);
    const outsider = (await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_path NOT LIKE (SELECT path FROM orgs WHERE id = $1) || '%' LIMIT 1`, [yusheId]))[0]!.id;
    expect((await yushe.post(`/api/venues/${venue.id}/shifts`, { personId: outsider, startsAt: start, endsAt: end })).statusCode).toBe(404);
    expect(await count('duty_shifts')).toBe(before);
    const shift = await yushe.post(`/api/venues/${venue.id}/shifts`, { personId: who.personId, startsAt: start, endsAt: end });
    expect(shift.statusCode).toBe(201);
    // the answer is the shift as its own GET shows it, and the roster lists it
    const made = shift.json() as DutyShift;
    expect(made).toMatchObject({ venueId: venue.id, person: { id: who.personId, name: who.name }, now: true });
    expect((await wuli.get(`/api/duty-shifts/${made.id}`)).json()).toEqual(made);
    const roster = (await yushe.get(`/api/venues/${venue.id}/shifts`)).json() as DutyShiftList;
    expect(roster.shifts.find((s) => s.id === made.id)).toEqual(made);
    expect((await t.as('jiaotong').then((c) => c.get(`/api/duty-shifts/${made.id}`))).statusCode).toBe(404);

    const page = (await t.anonymous.get(`/api/public/units/${yusheId}`)).json() as PublicUnit;
    const section = page.sections.find((s) => s.key === 'duty')!;
    expect(section.items[0]!.title).toContain(who.name);
    expect(section.items[0]!.title).toContain(who.role);
    expect(section.items[0]!.detail).toContain('0919-3210000');
    expect(JSON.stringify(section)).not.toMatch(/1[3-9]\d{9}/);

    const list = (await wuli.get('/api/venues')).json() as { items: Venue[] };
    expect(list.items.find((v) => v.id === venue.id)!.onDutyNow[0]!.name).toBe(who.name);
    expect((await wuli.get(`/api/venues/${venue.id}`)).json()).toEqual(list.items.find((v) => v.id === venue.id)); // one venue by id, as the list shows it
    expect((await t.as('jiaotong').then((c) => c.get(`/api/venues/${venue.id}`))).statusCode).toBe(404);
    expect((await t.as('jiaotong').then((c) => c.get(`/api/venues/${venue.id}/shifts`))).statusCode).toBe(404);
    const patched = await yushe.patch(`/api/venues/${venue.id}`, { version: venue.version, condition: 'needs_repair' });
    expect(patched.json()).toMatchObject({ condition: 'needs_repair', conditionLabel: '需维修' });
    expect((await yushe.patch(`/api/venues/${venue.id}`, { version: venue.version, servicePhone: 'abc' })).statusCode).toBe(400);
    const shiftId = made.id;
    expect((await t.as('jiaotong').then((c) => c.del(`/api/duty-shifts/${shiftId}`))).statusCode).toBe(404);
    expect((await yushe.del(`/api/duty-shifts/${shiftId}`)).statusCode).toBe(204);
    expect((await yushe.get(`/api/duty-shifts/${shiftId}`)).statusCode).toBe(404);
  });
});
