// 干部台账与后备干部库的 .xlsx 导入 through the API: a good file is written whole and audited once;
// a file with bad rows writes nothing and names each error by row and column; the post rules of the
// form (an overlapping single-holder term, a second station chief, 一肩挑 only on a secretary) apply
// to every row, rows of the same file included; an org or a person outside the scope is an error.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '@lianxin/contract';
import { checkCharacter } from '../../core/id-number.js';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';

let t: TestApp;
let wuli: Client;
let yushe: Client;
let yusheId: number;
let outsideVillage: string;
beforeAll(async () => {
  t = await buildTestApp();
  wuli = await t.as('wuli');
  yushe = await t.as('yushe');
  yusheId = await orgId(t.db, '榆舍村');
  // a village of another township: outside 五里镇's scope
  const [other] = await t.db.query<{ name: string }>(
    `SELECT v.name FROM orgs v JOIN orgs tw ON v.path LIKE tw.path || '%' WHERE v.type = 'village' AND tw.type = 'township' AND tw.name <> '五里镇'
      AND (SELECT count(*) FROM orgs x WHERE x.name = v.name) = 1 ORDER BY v.id LIMIT 1`,
  );
  outsideVillage = other!.name;
});
afterAll(() => t.close());

let serial = 0;
/** A person on 榆舍村's roster with a valid ID number (male: an odd 17th digit). */
async function rosterPerson(name?: string): Promise<{ id: number; idNumber: string; name: string }> {
  serial++;
  const first17 = `610222198${serial % 10}0501${String(100 + serial * 2 + 1).slice(-3)}`;
  const idNumber = first17 + checkCharacter(first17);
  const personName = name ?? `导入测试${serial}`;
  const res = await yushe.post('/api/people', { name: personName, gender: 'male', orgId: yusheId, birthDate: `198${serial % 10}-05-01`, education: 'bachelor', idNumber });
  expect(res.statusCode, res.body).toBe(201);
  return { id: (res.json() as { id: number }).id, idNumber, name: personName };
}
/** A valid ID number nobody has. */
function unknownIdNumber(): string {
  const first17 = '61022219751231457';
  return first17 + checkCharacter(first17);
}

async function sheet(headers: string[], rows: (string | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function multipart(file: Buffer): { body: Buffer; type: string } {
  const boundary = 'lianxinCadreBoundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  return { body: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}
async function upload(c: Client, url: string, file: Buffer) {
  const { body, type } = multipart(file);
  return c.request('POST', url, body, { 'content-type': type });
}
const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;
const postCount = () => count(`SELECT count(*)::int AS n FROM posts`);
const reserveCount = () => count(`SELECT count(*)::int AS n FROM reserve_cadres`);

const POST_HEADERS = ['身份证号', '姓名', '任职组织', '岗位', '任职开始', '任期结束', '一肩挑', '选任方式', '选派单位', '公职化', '公职化日期', '公职化依据', '备注'];

describe('cadre ledger import', () => {
  it('gives a template with the columns and an explanation sheet', async () => {
    const res = await wuli.get('/api/cadres/import/template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual(POST_HEADERS);
    expect(wb.worksheets[1]!.name).toBe('填写说明');
    // the example row checks like any other: it names no person
    const back = await upload(wuli, '/api/cadres/import?dryRun=true', res.rawPayload);
    expect(back.statusCode, back.body).toBe(200);
    expect((back.json() as ImportReport).errors[0]).toMatchObject({ row: 2, column: '身份证号' });
  });

  it('checks a good file without writing, then writes every row through the post rules, audited once', async () => {
    const a = await rosterPerson();
    const b = await rosterPerson();
    const file = await sheet(POST_HEADERS, [
      [a.idNumber, a.name, '五里镇/榆舍村', '委员', '2025-01-10', '', '', '选举产生', '', '', '', '', ''],
      [b.idNumber, b.name, '榆舍村', '委员', '2025/01/10', '2028-01-09', '否', '公开选拔', '', '是', '2025-06-01', '县委组织部〔2025〕12号', '导入'],
    ]);
    const before = await postCount();
    const check = await upload(wuli, '/api/cadres/import?dryRun=true', file);
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({ dryRun: true, totalRows: 2, validRows: 2, errors: [], imported: false, created: 0 });
    expect(await postCount()).toBe(before);

    const run = await upload(wuli, '/api/cadres/import', file);
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ dryRun: false, totalRows: 2, validRows: 2, errors: [], imported: true, created: 2 });
    expect(await postCount()).toBe(before + 2);
    const [post] = await t.db.query<{ role: string; selection_channel: string; civil_service: boolean; civil_service_basis: string; end_date: string }>(
      `SELECT role, selection_channel, civil_service, civil_service_basis, end_date::text FROM posts WHERE person_id = $1`, [b.id]);
    expect(post).toMatchObject({ role: 'committee_member', selection_channel: 'public_selection', civil_service: true, civil_service_basis: '县委组织部〔2025〕12号', end_date: '2028-01-09' });
    const audits = await t.db.query<{ summary: { rows: number; created: number } }>(`SELECT summary FROM audit_log WHERE action = 'post.import'`);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.summary).toMatchObject({ rows: 2, created: 2 });
  });

  it('writes nothing from a file with bad rows, and names each error by row and column', async () => {
    const a = await rosterPerson();
    const c = await rosterPerson();
    const before = await postCount();
    const audits = await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'post.import'`);
    const file = await sheet(POST_HEADERS, [
      [a.idNumber, a.name, '榆舍村', '委员', '2025-02-01', '', '', '', '', '', '', '', ''], // good
      [unknownIdNumber(), '查无此人', '榆舍村', '委员', '2025-02-01', '', '', '', '', '', '', '', ''], // not on the roster
      [c.idNumber, c.name, '榆舍村', '大队长', '2025-02-01', '', '', '', '', '', '', '', ''], // no such post
      [c.idNumber, c.name, '榆舍村', '委员', '2025-02-30', '', '', '', '', '', '', '', ''], // no such date
      [c.idNumber, c.name, '榆舍村', '委员', '2025-02-01', '', '是', '', '', '', '', '', ''], // 一肩挑 on a member (the form's rule)
      [c.idNumber, '别人', '榆舍村', '委员', '2025-03-01', '', '', '', '', '', '', '', ''], // name not the roster's
    ]);
    for (const dryRun of [true, false]) {
      const res = await upload(wuli, `/api/cadres/import${dryRun ? '?dryRun=true' : ''}`, file);
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json() as ImportReport;
      expect(r.imported).toBe(false);
      expect(r.created).toBe(0);
      expect(r.errors.map((e) => [e.row, e.column])).toEqual([[3, '身份证号'], [4, '岗位'], [5, '任职开始'], [6, '一肩挑'], [7, '姓名']]);
      expect(r.errors[0]!.message).toContain('不在花名册中');
      expect(r.errors[1]!.message).toContain('「大队长」');
      expect(r.errors[3]!.message).toContain('一肩挑');
      expect(r.errors[4]!.message).toContain(c.name);
    }
    expect(await postCount()).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'post.import'`)).toBe(audits);
  });

  it('refuses a term overlapping an existing holder, a second station chief, and two holders in the same file', async () => {
    const a = await rosterPerson();
    const b = await rosterPerson();
    const c = await rosterPerson();
    const d = await rosterPerson();
    const before = await postCount();
    const file = await sheet(POST_HEADERS, [
      [a.idNumber, a.name, '榆舍村', '委员', '2025-04-01', '', '', '', '', '', '', '', ''], // good
      [b.idNumber, b.name, '榆舍村', '书记', '2025-04-01', '', '', '', '', '', '', '', ''], // 榆舍村 has a sitting secretary
      [c.idNumber, c.name, '榆舍党建工作站', '站长', '2025-04-01', '', '', '', '', '', '', '', ''], // the station has its chief
      [d.idNumber, d.name, '榆舍村', '团支部书记', '2025-04-01', '', '', '', '', '', '', '', ''],
      [a.idNumber, a.name, '榆舍村', '团支部书记', '2025-05-01', '', '', '', '', '', '', '', ''], // overlaps row 5 of this file
    ]);
    // a sitting 团支部书记 would make row 5 the overlap; end any so the file's own rows are what clash
    await t.db.query(`UPDATE posts SET end_date = '2024-12-31' WHERE org_id = $1 AND role = 'youth_league_secretary' AND (end_date IS NULL OR end_date > '2024-12-31')`, [yusheId]);
    const res = await upload(wuli, '/api/cadres/import', file);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as ImportReport;
    expect(r.imported).toBe(false);
    expect(r.errors.map((e) => e.row)).toEqual([3, 4, 6]);
    expect(r.errors[0]!.message).toMatch(/「书记」只能由一人担任.*重叠/);
    expect(r.errors[1]!.message).toContain('一个工作站只设一名站长');
    expect(r.errors[2]!.message).toContain(d.name); // the holder from row 5 of the same file
    expect(await postCount()).toBe(before);
  });

  it('refuses an org and a person outside the scope, and writes nothing', async () => {
    const a = await rosterPerson();
    const before = await postCount();
    // a person registered in another township (by the county), named by ID number
    const first17 = '61022219770303123';
    const outsiderId = first17 + checkCharacter(first17);
    const county = await t.as('county');
    expect((await county.post('/api/people', { name: '外乡镇人员', gender: 'male', orgId: await orgId(t.db, outsideVillage), birthDate: '1977-03-03', idNumber: outsiderId })).statusCode).toBe(201);
    const file = await sheet(POST_HEADERS, [
      [a.idNumber, a.name, outsideVillage, '委员', '2025-04-01', '', '', '', '', '', '', '', ''],
      [outsiderId, '外乡镇人员', '榆舍村', '委员', '2025-04-01', '', '', '', '', '', '', '', ''],
      [a.idNumber, a.name, '榆舍村', '委员', '2025-04-01', '', '', '', '', '', '', '', ''], // good, yet not written
    ]);
    const res = await upload(wuli, '/api/cadres/import', file);
    const r = res.json() as ImportReport;
    expect(r.imported).toBe(false);
    expect(r.errors).toEqual([
      { row: 2, column: '任职组织', message: expect.stringContaining('不在您的管辖范围内') },
      { row: 3, column: '身份证号', message: '该身份证号的人员不在您的管辖范围内' },
    ]);
    expect(await postCount()).toBe(before);
    // a village account may not assign posts at all
    expect((await upload(yushe, '/api/cadres/import?dryRun=true', file)).statusCode).toBe(403);
  });

  it('refuses a file that is not an .xlsx, and one without the required columns, in Chinese', async () => {
    const bad = await upload(wuli, '/api/cadres/import', Buffer.from('姓名,岗位\n张三,书记\n'));
    expect(bad.statusCode).toBe(415);
    expect(bad.json().message).toContain('.xlsx');
    const missing = await upload(wuli, '/api/cadres/import', await sheet(['姓名', '岗位'], [['张三', '书记']]));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toMatch(/表头缺少：身份证号.*任职组织/);
  });
});

const RESERVE_HEADERS = ['身份证号', '姓名', '所在村（社区）', '拟任岗位', '入库日期', '培养情况', '最近培训日期', '最近培训内容'];

describe('reserve pool import', () => {
  it('writes a good file with the latest training, audited once; the export has the rows', async () => {
    const a = await rosterPerson();
    const b = await rosterPerson();
    const before = await reserveCount();
    const file = await sheet(RESERVE_HEADERS, [
      [a.idNumber, a.name, '五里镇/榆舍村', '村党支部书记', '2025-03-01', '致富带头人', '2025-05-10', '村级后备干部能力提升培训班'],
      [b.idNumber, b.name, '榆舍村', '村委会委员', '2025-03-01', '', '', ''],
    ]);
    const check = await upload(wuli, '/api/reserve-cadres/import?dryRun=true', file);
    expect(check.json()).toMatchObject({ dryRun: true, validRows: 2, errors: [], imported: false });
    expect(await reserveCount()).toBe(before);
    const run = await upload(wuli, '/api/reserve-cadres/import', file);
    expect(run.json()).toMatchObject({ imported: true, created: 2, errors: [] });
    const [row] = await t.db.query<{ note: string; trained_on: string; training: string; org_id: number }>(
      `SELECT note, trained_on::text, training, org_id FROM reserve_cadres WHERE person_id = $1`, [a.id]);
    expect(row).toMatchObject({ note: '致富带头人', trained_on: '2025-05-10', training: '村级后备干部能力提升培训班', org_id: yusheId });
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'reserve.import'`)).toBe(1);

    const out = await wuli.get(`/api/reserve-cadres/export?orgId=${yusheId}`);
    expect(out.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.worksheets[0]!.eachRow((r, n) => { if (n > 1) names.push(String(r.getCell(2).value)); });
    expect(names).toEqual(expect.arrayContaining([a.name, b.name]));
  });

  it('writes nothing from a file with bad rows: already in the pool, another village, training before joining, out of scope', async () => {
    const a = await rosterPerson();
    const b = await rosterPerson();
    const c = await rosterPerson();
    expect((await wuli.post('/api/reserve-cadres', { personId: a.id, targetRole: '村委会委员', addedOn: '2025-01-01' })).statusCode).toBe(201);
    const before = await reserveCount();
    const file = await sheet(RESERVE_HEADERS, [
      [a.idNumber, a.name, '榆舍村', '村委会委员', '2025-03-01', '', '', ''], // already in the pool
      [b.idNumber, b.name, '尧头村', '村委会委员', '2025-03-01', '', '', ''], // b is on 榆舍村's roster
      [c.idNumber, c.name, '榆舍村', '村委会委员', '2025-03-01', '', '2025-02-01', '党课'], // trained before joining
      [c.idNumber, c.name, outsideVillage, '村委会委员', '2025-03-01', '', '', ''], // out of scope, and c twice
    ]);
    const res = await upload(wuli, '/api/reserve-cadres/import', file);
    const r = res.json() as ImportReport;
    expect(r.imported).toBe(false);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[2, '身份证号'], [3, '所在村（社区）'], [4, '最近培训日期'], [5, '身份证号'], [5, '所在村（社区）']]);
    expect(r.errors[0]!.message).toContain('已在后备干部库中');
    expect(r.errors[1]!.message).toContain('榆舍村');
    expect(await reserveCount()).toBe(before);
  });
});

describe('the other ledgers of issue 16 as .xlsx', () => {
  const rowsOf = async (payload: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(payload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return rows;
  };

  it('exports the first secretaries of the scope as the list shows them', async () => {
    const list = (await wuli.get('/api/first-secretaries?pageSize=100')).json() as { total: number; items: { person: { name: string } }[] };
    expect(list.total).toBeGreaterThan(0);
    const res = await wuli.get('/api/first-secretaries/export');
    expect(res.statusCode).toBe(200);
    const rows = await rowsOf(res.rawPayload);
    expect(rows[0]).toEqual(['村（社区）', '姓名', '选派单位', '任职开始', '任职结束', '在任', '在任天数']);
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(list.items.map((i) => i.person.name).sort());
  });

  it('exports the development board with each step\'s date', async () => {
    const p = await rosterPerson();
    expect((await yushe.post('/api/developments', { personId: p.id, appliedOn: '2025-01-05' })).statusCode).toBe(201);
    const res = await wuli.get(`/api/developments/export?orgId=${yusheId}`);
    expect(res.statusCode).toBe(200);
    const rows = await rowsOf(res.rawPayload);
    expect(rows.find((r) => r[1] === p.name)).toEqual(expect.arrayContaining(['榆舍村', p.name, '2025-01-05']));
  });
});
