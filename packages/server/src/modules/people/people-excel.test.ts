// Excel import and export of the roster, end to end through the API with real .xlsx files.
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReportWithWarnings, JobStatus, PersonSummary } from '@lianxin/contract';
import { buildTestApp, orgId, testPii, type Client, type TestApp } from '../../test/helpers.js';
import { checkCharacter, validateIdNumber } from '../../core/id-number.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let yushe: Client;
beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, yushe] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe')]);
});
afterAll(() => t.close());

const HEADERS = ['序号', '姓名', '性别', '民族', '出生日期', '身份证号', '手机号', '学历', '所在党组织', '党小组', '党员类别', '入党日期', '转正日期', '流动情况'];
type Cell = string | number | Date | null;

// Region 610299: never collides with the demo county's synthetic numbers (610222).
const validId = (birth: string, male: boolean, seq: number) => {
  const first17 = `610299${birth.replaceAll('-', '')}${String(seq).padStart(2, '0')}${male ? 1 : 2}`;
  return first17 + checkCharacter(first17);
};

/** A roster row in the template's columns. */
function row(o: { name: string; id?: string | null; birth?: Cell; org?: string; gender?: string; phone?: string; group?: string; member?: string; join?: Cell; full?: Cell }): Cell[] {
  return [
    null, o.name, o.gender ?? '男', '汉族', o.birth ?? null, o.id ?? null, o.phone ?? null, '高中',
    o.org ?? '榆舍村', o.group ?? null, o.member ?? '正式党员', 'join' in o ? (o.join ?? null) : '2010-07-01', 'full' in o ? (o.full ?? null) : '2011/07/01', '非流动',
  ];
}

async function xlsx(rows: Cell[][], header = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员');
  ws.addRow(header);
  for (const r of rows) {
    const added = ws.addRow(r);
    r.forEach((v, i) => {
      if (v instanceof Date) added.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(file: Buffer, filename = 'roster.xlsx') {
  const boundary = `----lianxin${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  return { payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (c: Client, file: Buffer, query: string, filename?: string) => {
  const { payload, headers } = multipart(file, filename);
  return c.request('POST', `/api/people/import?${query}`, payload, headers);
};

async function waitJob(c: Client, id: number): Promise<JobStatus> {
  for (let i = 0; i < 200; i++) {
    const res = await c.get(`/api/jobs/${id}`);
    expect(res.statusCode).toBe(200);
    const job = res.json() as JobStatus;
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

/** A real import: 202 with a job, polled until it ends; answers the job's report. */
async function runImport(c: Client, file: Buffer, mode = 'all_or_nothing') {
  const res = await upload(c, file, `mode=${mode}`);
  expect(res.statusCode, res.body).toBe(202);
  const job = await waitJob(c, res.json().jobId);
  expect(job.status).toBe('done');
  expect(job.processed).toBe(job.total);
  return { job, report: job.result as ImportReportWithWarnings };
}

const personCount = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons`))[0]!.n;
const jobCount = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs`))[0]!.n;
const byIdNumber = async (id: string) => t.db.query<{ id: number; name: string; phone_hash: string | null; version: number }>(`SELECT id, name, phone_hash, version FROM persons WHERE id_number_hash = $1`, [testPii.hash(id)]);

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

describe('the import template', () => {
  it('is an .xlsx with the roster columns, one valid example row and a sheet of instructions', async () => {
    const res = await county.get('/api/people/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('党员导入模板.xlsx')}`);
    const wb = await readXlsx(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党员名册', '填写说明']);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const example = ws.getRow(2);
    const id = String(example.getCell(6).value);
    expect(validateIdNumber(id).ok).toBe(true);
    expect(example.getCell(5).value).toBeInstanceOf(Date);
    expect(example.getCell(9).value).toBeTruthy();
    const help = wb.worksheets[1]!;
    const helpText = JSON.stringify(help.getSheetValues());
    for (const h of HEADERS) expect(helpText).toContain(h);
    expect(helpText).toContain('预备党员');

    // The example is valid in every column; only its ID number, marked as the example, refuses.
    const check = await upload(county, res.rawPayload, 'dryRun=true');
    expect(check.statusCode).toBe(200);
    const report = check.json() as ImportReportWithWarnings;
    expect(report.totalRows).toBe(1);
    expect(report.errors).toEqual([{ row: 2, column: '身份证号', message: expect.stringContaining('示例') }]);
  });

  it('is refused to a role without person:import', async () => {
    const station = await t.as('yushe.station');
    expect((await station.get('/api/people/import/template')).statusCode).toBe(403);
    expect((await upload(station, await xlsx([]), 'dryRun=true')).statusCode).toBe(403);
  });
});

describe('importing the roster', () => {
  const ids = [validId('1980-03-04', true, 71), validId('1985-05-06', false, 72), validId('1990-07-08', true, 73)];
  const good = [
    row({ name: '导入甲', id: ids[0], birth: new Date(Date.UTC(1980, 2, 4)), phone: '13912340001', group: '第一党小组' }),
    row({ name: '导入乙', id: ids[1], gender: '女', birth: '1985.05.06', phone: '13912340002' }),
    row({ name: '导入丙', id: ids[2], phone: '13912340003', member: '预备党员', join: '2025-09-01', full: null }),
  ];

  it('reports a bad row by row, column and message, and imports nothing', async () => {
    const before = await personCount();
    const bad = [...good];
    bad[1] = row({ name: '导入乙', id: ids[1]!.slice(0, 17) + (ids[1]!.endsWith('0') ? '1' : '0'), gender: '女', phone: '13912340002' });
    const file = await xlsx(bad);

    const check = await upload(county, file, 'dryRun=true');
    expect(check.statusCode).toBe(200);
    const dry = check.json() as ImportReportWithWarnings;
    expect(dry).toMatchObject({ dryRun: true, jobId: null, totalRows: 3, validRows: 2, imported: false });
    expect(dry.errors).toEqual([{ row: 3, column: '身份证号', message: '身份证号校验位错误，请核对' }]);

    const { report } = await runImport(county, file);
    expect(report).toMatchObject({ dryRun: false, totalRows: 3, validRows: 2, imported: false, created: 0, updated: 0, skipped: 0 });
    expect(report.errors).toEqual(dry.errors);
    expect(await personCount()).toBe(before);
  });

  it('imports the fixed file, then skips or updates on a second import — never duplicates', async () => {
    const before = await personCount();
    const { job, report } = await runImport(county, await xlsx(good));
    expect(report).toMatchObject({ imported: true, created: 3, updated: 0, skipped: 0, errors: [], jobId: job.id });
    expect(await personCount()).toBe(before + 3);
    const [first] = await byIdNumber(ids[0]!);
    const detail = (await county.get(`/api/people/${first!.id}`)).json();
    expect(detail).toMatchObject({ name: '导入甲', birthDate: '1980-03-04', org: { name: '榆舍村' }, partyGroup: { name: '第一党小组' }, education: 'senior', memberStatus: 'formal', joinDate: '2010-07-01', fullDate: '2011-07-01' });

    const again = await runImport(county, await xlsx(good));
    expect(again.report).toMatchObject({ imported: true, created: 0, updated: 0, skipped: 3 });

    const changed = [...good];
    changed[0] = row({ name: '导入甲', id: ids[0], phone: '13912349999', group: '第二党小组' });
    const third = await runImport(county, await xlsx(changed));
    expect(third.report).toMatchObject({ created: 0, updated: 1, skipped: 2 });
    expect(await personCount()).toBe(before + 3);
    const [updated] = await byIdNumber(ids[0]!);
    expect(updated!.phone_hash).toBe(testPii.hash('13912349999'));
    expect(updated!.version).toBe(first!.version + 1);

    // One summary audit record per import: counts, never personal data.
    const audits = await t.db.query<{ summary: Record<string, unknown>; result: string }>(
      `SELECT summary, result FROM audit_log WHERE action = 'person.import' ORDER BY id`,
    );
    expect(audits.map((a) => a.result)).toEqual(['failure', 'success', 'success', 'success']);
    const text = JSON.stringify(audits);
    for (const s of [...ids, '13912349999', '导入甲']) expect(text).not.toContain(s);
    expect(audits[3]!.summary).toMatchObject({ created: 0, updated: 1, skipped: 2, totalRows: 3 });
  });

  it('a row naming a party group as its organization registers the branch’s member in that group', async () => {
    const yusheId = await orgId(t.db, '榆舍村');
    const [g1, g2] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE parent_id = $1 AND type = 'party_group' AND status = 'active' ORDER BY sort, id`, [yusheId]);
    const a = validId('1972-04-01', true, 61);
    const b = validId('1972-04-02', true, 62);
    const c = validId('1972-04-03', true, 63);
    // the group under the branch as the organization; the same group named again; another group named: refused
    const { report } = await runImport(yushe, await xlsx([
      row({ name: '组内甲', id: a, org: '榆舍村/第一党小组' }),
      row({ name: '组内乙', id: b, org: '第一党小组', group: '第一党小组' }),
      row({ name: '组内丙', id: c, org: '榆舍村/第一党小组', group: '第二党小组' }),
    ]), 'valid_only');
    expect(report).toMatchObject({ imported: true, created: 2 });
    expect(report.errors).toEqual([{ row: 4, column: '党小组', message: '所在组织已是一个党小组，不能再选另一个党小组' }]);
    for (const id of [a, b]) {
      const [p] = await t.db.query<{ org_id: number; party_group_id: number; org_path: string }>(`SELECT org_id, party_group_id, org_path FROM persons WHERE id_number_hash = $1`, [testPii.hash(id)]);
      expect(p).toMatchObject({ org_id: yusheId, party_group_id: g1!.id });
    }
    expect(g2).toBeDefined();
    // a second import of the same rows changes nothing (the stored shape is the one the row means)
    const again = await runImport(yushe, await xlsx([row({ name: '组内甲', id: a, org: '榆舍村/第一党小组' })]));
    expect(again.report).toMatchObject({ created: 0, updated: 0, skipped: 1 });
  });

  it('imports only the valid rows in valid_only mode, and reports the rest', async () => {
    const before = await personCount();
    const dup = validId('1970-01-02', true, 81);
    const rows = [
      row({ name: '有效一', id: validId('1970-01-01', true, 80), org: '五里镇/咀头村' }),
      row({ name: '重复一', id: dup }),
      row({ name: '重复二', id: dup }),
      row({ name: '同名村', id: validId('1970-01-03', true, 82), org: '咀头村' }),
      row({ name: '无此村', id: validId('1970-01-04', true, 83), org: '不存在村' }),
      row({ name: '无身份证', id: null, birth: '1970-01-05', gender: '女' }),
      row({ name: '坏日期', id: null, birth: '1970-13-05', member: '党员' }),
    ];
    const { report } = await runImport(county, await xlsx(rows), 'valid_only');
    expect(report).toMatchObject({ imported: true, totalRows: 7, validRows: 2, created: 2 });
    const at = (r: number) => report.errors.filter((e) => e.row === r);
    expect(at(3)).toEqual([{ row: 3, column: '身份证号', message: '身份证号与第 4 行重复' }]);
    expect(at(4)).toEqual([{ row: 4, column: '身份证号', message: '身份证号与第 3 行重复' }]);
    expect(at(5)[0]).toMatchObject({ column: '所在党组织', message: expect.stringMatching(/有 2 个名为「咀头村」.*五里镇\/咀头村/) });
    expect(at(6)[0]).toMatchObject({ column: '所在党组织', message: '党组织「不存在村」不存在或不在您的管辖范围内' });
    expect(at(8).map((e) => e.column)).toEqual(['出生日期', '党员类别']);
    expect(report.warnings).toEqual([{ row: 7, column: '身份证号', message: expect.stringContaining('未填写身份证号') }]);
    expect(await personCount()).toBe(before + 2);
    const page = (await county.get(`/api/people?q=${encodeURIComponent('有效一')}`)).json();
    expect(page.items[0].org.id).toBe(await t.db.query<{ id: number }>(`SELECT o.id FROM orgs o JOIN orgs p ON p.id = o.parent_id JOIN orgs tw ON tw.id = p.parent_id WHERE o.name = '咀头村' AND tw.name = '五里镇'`).then((r) => r[0]!.id));
  });

  it('keeps a village inside its scope: another village is a row error, an ID number registered elsewhere reveals nothing', async () => {
    const [other] = await t.db.query<{ id_number_enc: string }>(
      `SELECT p.id_number_enc FROM persons p JOIN orgs o ON o.id = p.org_id WHERE o.name = '尧头村' AND p.id_number_enc IS NOT NULL LIMIT 1`,
    );
    const elsewhere = testPii.decrypt(other!.id_number_enc);
    const before = await personCount();
    const file = await xlsx([
      row({ name: '越界', id: validId('1975-02-02', true, 91), org: '尧头村' }),
      row({ name: '已登记', id: elsewhere, gender: Number(elsewhere[16]) % 2 ? '男' : '女', org: '榆舍村' }),
    ]);
    const res = await upload(yushe, file, 'dryRun=true');
    expect(res.statusCode).toBe(200);
    const report = res.json() as ImportReportWithWarnings;
    expect(report.validRows).toBe(0);
    expect(report.errors[0]).toEqual({ row: 2, column: '所在党组织', message: '党组织「尧头村」不存在或不在您的管辖范围内' });
    const elsewhereError = report.errors.find((e) => e.row === 3 && e.column === '身份证号');
    expect(elsewhereError!.message).toContain('管辖范围以外');
    expect(elsewhereError!.message).not.toMatch(/尧头|五里|村/);

    // A job belongs to the account that started it.
    const started = await upload(yushe, file, 'mode=valid_only');
    expect(started.statusCode).toBe(202);
    const jobId = started.json().jobId as number;
    expect((await county.get(`/api/jobs/${jobId}`)).statusCode).toBe(404);
    expect((await wuli.get(`/api/jobs/${jobId}`)).statusCode).toBe(404);
    const job = await waitJob(yushe, jobId);
    expect(job).toMatchObject({ status: 'done', kind: 'person.import', total: 2, processed: 2, result: { imported: false, validRows: 0 } });
    expect(await personCount()).toBe(before);
  });

  it('reports progress on a larger file until the job is done with its report', async () => {
    const rows: Cell[][] = [];
    for (let i = 0; i < 1200; i++) {
      const d = new Date(Date.UTC(1960, 0, 1) + i * 86_400_000 * 7);
      const birth = d.toISOString().slice(0, 10);
      rows.push(row({ name: `批量${i}`, id: validId(birth, i % 2 === 0, 50 + (i % 40)), gender: i % 2 === 0 ? '男' : '女', birth, org: '尧头村' }));
    }
    const before = await personCount();
    const res = await upload(wuli, await xlsx(rows), 'mode=all_or_nothing');
    expect(res.statusCode).toBe(202);
    const seen: number[] = [];
    let job: JobStatus;
    for (;;) {
      job = (await wuli.get(`/api/jobs/${res.json().jobId}`)).json() as JobStatus;
      seen.push(job.processed);
      if (job.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(job.status).toBe('done');
    expect(job.total).toBe(1200);
    expect(job.processed).toBe(1200);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen); // never goes back
    expect(job.result).toMatchObject({ imported: true, created: 1200, errors: [] });
    expect(await personCount()).toBe(before + 1200);
  });
});

// A zip written by hand, to build broken and malicious archives.
function zip(entries: { name: string; data: Buffer; declaredSize?: number; deflated?: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.deflated ?? zlib.deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const crc = zlib.crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(body.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0, 8); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(body.length, 20); central.writeUInt32LE(size, 24); central.writeUInt16LE(name.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10); end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** 170 MB of zeros, deflated (about 170 kB), built a megabyte at a time. */
async function zeros(): Promise<{ deflated: Buffer; size: number }> {
  const chunk = Buffer.alloc(1024 * 1024);
  const stream = zlib.createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  stream.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise((resolve) => stream.on('end', resolve));
  for (let i = 0; i < 170; i++) stream.write(chunk);
  stream.end();
  await done;
  return { deflated: Buffer.concat(parts), size: 170 * chunk.length };
}

describe('upload safety', () => {
  it('refuses files that are not a sound .xlsx with a clear 4xx, and changes nothing', async () => {
    const before = [await personCount(), await jobCount()];
    const good = await xlsx([row({ name: '安全', id: validId('1981-01-01', true, 11) })]);
    const bomb = await zeros();
    const cases: [string, Buffer, number, RegExp][] = [
      ['plain text', Buffer.from('姓名,性别\n张三,男\n'), 415, /只接受 Excel/],
      ['a PNG named .xlsx', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 415, /只接受 Excel/],
      ['an old .xls', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]), 415, /\.xls/],
      ['a truncated workbook', good.subarray(0, Math.floor(good.length / 2)), 400, /已损坏/],
      ['a zip that is no workbook', zip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]), 415, /xl\/workbook\.xml/],
      ['a zip bomb', zip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), deflated: bomb.deflated, declaredSize: bomb.size }]), 413, /压缩炸弹/],
      ['a zip bomb lying about its size', zip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1000), deflated: bomb.deflated }]), 413, /压缩炸弹/],
      ['a workbook with garbage inside', zip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook') }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<<<not xml') }]), 400, /./],
      ['a climbing entry name', zip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }, { name: '../../evil.sh', data: Buffer.from('x') }]), 400, /文件名异常/],
    ];
    for (const [what, file, status, message] of cases) {
      const res = await upload(county, file, 'mode=valid_only', '../../etc/passwd.xlsx');
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      expect(res.json().message, what).toMatch(message);
    }
    const noFile = await county.request('POST', '/api/people/import', { a: 1 });
    expect(noFile.statusCode).toBe(415);
    const broken = await county.request('POST', '/api/people/import', Buffer.from('--abc\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nPK'), { 'content-type': 'multipart/form-data; boundary=abc' });
    expect(broken.statusCode).toBe(400);
    const empty = await county.request('POST', '/api/people/import', Buffer.from('--abc--\r\n'), { 'content-type': 'multipart/form-data; boundary=abc' });
    expect(empty.statusCode).toBe(400);
    const big = await buildTestApp({ maxUploadBytes: 1000 });
    try {
      const c = await big.as('county');
      const res = await upload(c, good, 'dryRun=true');
      expect(res.statusCode).toBe(413);
    } finally {
      await big.close();
    }
    expect([await personCount(), await jobCount()]).toEqual(before);
  });
});

describe('exporting the roster', () => {
  it('streams the filtered roster in the template columns, with full ID numbers for the county only', async () => {
    const village = await orgId(t.db, '榆舍村');
    const list = (await county.get(`/api/people?orgId=${village}&memberStatus=formal&pageSize=200`)).json() as { total: number; items: PersonSummary[] };
    const res = await county.get(`/api/people/export?orgId=${village}&memberStatus=formal`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''%E5%85%9A/);
    const ws = (await readXlsx(res.rawPayload)).worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws.actualRowCount - 1).toBe(list.total);
    const ids = new Set<string>();
    ws.eachRow((r, n) => {
      if (n === 1) return;
      if (r.getCell(6).value) ids.add(String(r.getCell(6).value));
      expect(r.getCell(9).value).toBe('榆舍村');
      expect(r.getCell(11).value).toBe('正式党员');
    });
    expect(ids.size).toBeGreaterThan(0);
    for (const p of list.items) if (p.idNumber) expect(ids.has(p.idNumber)).toBe(true);
    expect(ids.size).toBe(list.items.filter((p) => p.idNumber).length);
    expect([...ids].every((id) => /^\d{17}[\dX]$/.test(id))).toBe(true);

    const masked = (await readXlsx((await wuli.get(`/api/people/export?orgId=${village}`)).rawPayload)).worksheets[0]!;
    const second = masked.getRow(2);
    expect(String(second.getCell(6).value)).toMatch(/^6102\*{10}[\dX]{4}$/);
    expect(String(second.getCell(7).value)).toMatch(/^1\d{2}\*{4}\d{4}$/);

    const audit = await t.db.query<{ username: string; summary: { rows: number; filter: Record<string, unknown>; fullPersonalData: boolean } }>(
      `SELECT username, summary FROM audit_log WHERE action = 'person.export' ORDER BY id`,
    );
    expect(audit[0]).toMatchObject({ username: 'county', summary: { rows: list.total, filter: { orgId: village, memberStatus: 'formal' }, fullPersonalData: true } });
    expect(audit[1]).toMatchObject({ username: 'wuli', summary: { fullPersonalData: false } });
    expect((await t.as('yushe.station').then((c) => c.get('/api/people/export'))).statusCode).toBe(200);
    expect((await t.as('auditor').then((c) => c.get('/api/people/export'))).statusCode).toBe(403);
  });

  it('neutralizes cells that would be formulas, and the export imports again unchanged', async () => {
    const village = await orgId(t.db, '尧头村');
    const created = await county.post('/api/people', { name: '=HYPERLINK("http://x","点我")', gender: 'male', orgId: village, idNumber: validId('1979-09-09', true, 99) });
    expect(created.statusCode, created.body).toBe(201);
    const plus = await county.post('/api/people', { name: '+1+1', gender: 'female', orgId: village });
    expect(plus.statusCode).toBe(201);
    const res = await county.get(`/api/people/export?orgId=${village}`);
    const wb = await readXlsx(res.rawPayload);
    const ws = wb.worksheets[0]!;
    const names: ExcelJS.Cell[] = [];
    ws.eachRow((r) => names.push(r.getCell(2)));
    const evil = names.find((c) => String(c.value).includes('HYPERLINK'))!;
    expect(evil.value).toBe(`'=HYPERLINK("http://x","点我")`);
    expect(evil.type).toBe(ExcelJS.ValueType.String);
    expect(names.some((c) => c.value === `'+1+1`)).toBe(true);
    expect(names.every((c) => c.type !== ExcelJS.ValueType.Formula)).toBe(true);

    // The county's export of a village is a valid import file: nothing to change.
    const check = (await upload(county, res.rawPayload, 'dryRun=true')).json() as ImportReportWithWarnings;
    expect(check.errors).toEqual([]);
    expect(check.totalRows).toBe(ws.actualRowCount - 1);
    expect(check.skipped + check.created).toBe(check.totalRows);
    expect(check.created).toBe(check.warnings.length); // only the rows without an ID number would be new
    expect(check.updated).toBe(0);
  });
});
