// The bulletin import under load: a huge sheet is read only up to the 2,000-row limit (streamed),
// and a server runs a bounded number of imports at once.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/helpers.js';
import { readSheet } from '../../core/xlsx-read.js';
import { MAX_BULLETIN_ROWS } from './ledger.import.js';

let t: TestApp;
let wuli: Client;
beforeAll(async () => {
  t = await buildTestApp();
  wuli = await t.as('wuli');
});
afterAll(() => t.close());

/** A bulletin sheet of `rows` rows, written with the streaming writer. */
async function bulletin(rows: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const ws = wb.addWorksheet('通报');
  ws.addRow(['问题来源', '问题类别', '问题描述', '整改措施', '责任单位', '责任人', '整改时限']).commit();
  for (let i = 0; i < rows; i++) ws.addRow(['上级反馈', '', `问题 ${i}`, '', '榆舍村', '', '2026-12-31']).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

function multipart(file: Buffer): { body: Buffer; type: string } {
  const boundary = 'lianxinBoundary7';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  return { body: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

describe('a bulletin far over the limit', () => {
  let big: Buffer;
  beforeAll(async () => {
    big = await bulletin(60_000);
  });

  it('is read only up to the limit, not to its end', async () => {
    const stats = { rowsRead: 0 };
    await expect(readSheet(big, { maxRows: MAX_BULLETIN_ROWS, stats })).rejects.toMatchObject({ status: 400, code: 'validation_failed' });
    // header + 2,000 rows + the one over the limit
    expect(stats.rowsRead).toBe(MAX_BULLETIN_ROWS + 2);
  });

  it('is refused by the import with a Chinese 400 naming the limit, and nothing is written', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM problems`);
    const { body, type } = multipart(big);
    const res = await wuli.request('POST', '/api/ledger/problems/import', body, { 'content-type': type });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('一次最多导入 2000 条');
    expect(await t.db.query(`SELECT count(*)::int AS n FROM problems`)).toEqual(before);
  });
});

describe('imports at once', () => {
  it('a server runs at most two; a third at the same moment is told to retry (429, in Chinese)', async () => {
    const { body, type } = multipart(await bulletin(300));
    const results = await Promise.all(
      Array.from({ length: 3 }, () => wuli.request('POST', '/api/ledger/problems/import?dryRun=true', body, { 'content-type': type })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 429]);
    const refused = results.find((r) => r.statusCode === 429)!;
    expect(refused.json()).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('导入'), requestId: expect.any(String) });
    // and once they are done, the next one runs
    expect((await wuli.request('POST', '/api/ledger/problems/import?dryRun=true', body, { 'content-type': type })).statusCode).toBe(200);
  });
});
