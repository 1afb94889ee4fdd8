import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheet } from './xlsx-read.js';

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

  it('refuses what is not an xlsx before parsing it', async () => {
    await expect(readSheet(Buffer.from('姓名,性别\n张三,男'))).rejects.toMatchObject({ status: 415 });
  });
});
