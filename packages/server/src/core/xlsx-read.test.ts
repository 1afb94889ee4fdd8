import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zip } from '../test/zip.js';
import { inspectXlsx } from './xlsx-guard.js';
import { readSheet } from './xlsx-read.js';

/** The workbook rezipped with the entries named in `first` first, in that order, and the rest after. */
function reordered(buf: Buffer, first: string[]): Buffer {
  const entries = inspectXlsx(buf).map((e) => {
    const body = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    return { name: e.name, data: e.method === 8 ? zlib.inflateRawSync(body) : Buffer.from(body) };
  });
  const rank = (name: string) => (first.includes(name) ? first.indexOf(name) : first.length);
  return zip([...entries].sort((a, b) => rank(a.name) - rank(b.name)));
}

describe('xlsx upload checks', () => {
  it('accepts a real workbook and reads its rows as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['姓名', '日期']);
    ws.addRow(['张三', new Date(Date.UTC(2026, 10, 1))]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const sheet = await readSheet(buf);
    expect(sheet.headers).toEqual(['姓名', '日期']);
    expect(sheet.rows).toEqual([{ rowNumber: 2, cells: ['张三', '2026-11-01'] }]);
  });

  it('reads a worksheet stored before xl/workbook.xml (the exceljs reader alone throws on it)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['姓名', '日期']);
    ws.addRow(['张三', new Date(Date.UTC(2026, 10, 1))]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const late = reordered(buf, ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']);
    const names = inspectXlsx(late).map((e) => e.name);
    expect(names.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(names.indexOf('xl/workbook.xml'));
    const sheet = await readSheet(late);
    expect(sheet.headers).toEqual(['姓名', '日期']);
    expect(sheet.rows).toEqual([{ rowNumber: 2, cells: ['张三', '2026-11-01'] }]);
  });

  it('keeps every Chinese character whole in a sheet far larger than one inflated chunk', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['姓名', '地址']);
    const rows = Array.from({ length: 3000 }, (_, i) => [`党员${i}号`, `榆舍村第${i % 17}村民小组${'东西南北'.repeat((i % 5) + 1)}`]);
    for (const r of rows) ws.addRow(r);
    const sheet = await readSheet(Buffer.from(await wb.xlsx.writeBuffer()), { maxRows: 5000 });
    expect(sheet.rows.map((r) => r.cells)).toEqual(rows);
  });

  it('reads the first sheet in tab order, whatever the order of the parts in the zip', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名册').addRow(['姓名']);
    wb.addWorksheet('填写说明').addRow(['说明']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const swapped = reordered(buf, ['xl/worksheets/sheet2.xml', 'xl/worksheets/sheet1.xml']);
    expect((await readSheet(swapped)).headers).toEqual(['姓名']);
  });

  it('refuses what is not an xlsx before parsing it', async () => {
    await expect(readSheet(Buffer.from('姓名,性别\n张三,男'))).rejects.toMatchObject({ status: 415 });
  });
});
