import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { zip } from '../test/zip.js';
import { guardXlsx, inspectXlsx } from './xlsx-guard.js';

const workbook = { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') };

async function refusal(buf: Buffer, limits?: Parameters<typeof guardXlsx>[1]): Promise<AppError> {
  try {
    await guardXlsx(buf, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('accepted');
}

describe('the .xlsx upload guard', () => {
  it('accepts workbooks written by exceljs, in memory and streamed', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('党员').addRow(['姓名', '所在党组织']);
    const entries = await guardXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(entries.map((e) => e.name)).toContain('xl/workbook.xml');
    const chunks: Buffer[] = [];
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const streamed = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    streamed.addWorksheet('x').addRow(['a', new Date()]).commit();
    await streamed.commit();
    await guardXlsx(Buffer.concat(chunks)); // data descriptors (bit 3)
    await guardXlsx(zip([workbook, { name: 'xl/styles.xml', data: Buffer.from('<s/>'), store: true }]));
  });

  it('refuses what is not a zip, an old .xls and a zip that is no workbook (415)', async () => {
    expect((await refusal(Buffer.from('hello'))).status).toBe(415);
    expect((await refusal(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]))).messages.zh).toMatch(/\.xls/);
    expect((await refusal(zip([{ name: 'word/document.xml', data: Buffer.from('x') }]))).status).toBe(415);
  });

  it('refuses broken archives (400)', async () => {
    const good = zip([workbook, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<sheet/>'.repeat(50)) }]);
    expect((await refusal(good.subarray(0, good.length - 10))).status).toBe(400); // no end record
    const flipped = Buffer.from(good);
    flipped[60] = flipped[60]! ^ 0xff; // inside the first entry's data
    expect((await refusal(flipped)).status).toBe(400);
    expect((await refusal(zip([workbook, { name: 'xl/a.xml', data: Buffer.from('x') }], { gapAfterFirst: 40 }))).messages.zh).toMatch(/未登记/);
    for (const name of ['../x.xml', '/etc/passwd', 'xl\\..\\x', 'a/../../b']) {
      expect((await refusal(zip([workbook, { name, data: Buffer.from('x') }]))).messages.zh).toMatch(/文件名异常/);
    }
    expect((await refusal(zip([workbook, workbook]))).messages.zh).toMatch(/重复/);
  });

  it('refuses zip bombs before any parser sees them (413), also when the sizes lie', async () => {
    const big = zlib.deflateRawSync(Buffer.alloc(8 * 1024 * 1024));
    const limits = { maxEntries: 20, maxUnpackedBytes: 4 * 1024 * 1024 };
    const truthful = zip([workbook, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), deflated: big, declaredSize: 8 * 1024 * 1024 }]);
    expect((await refusal(truthful, limits)).status).toBe(413);
    expect(() => inspectXlsx(truthful, limits)).toThrow(AppError); // from the directory alone
    const lying = zip([workbook, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(100), deflated: big }]);
    expect((await refusal(lying, limits)).status).toBe(413);
    const many = zip([workbook, ...Array.from({ length: 30 }, (_, i) => ({ name: `xl/m${i}.xml`, data: Buffer.from('x') }))]);
    expect((await refusal(many, limits)).status).toBe(413);
  });
});
