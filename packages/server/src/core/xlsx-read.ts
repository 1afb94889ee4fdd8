// Reading small uploaded sheets (bulletins): the upload passes the .xlsx guard (content, zip
// structure, real unpacked sizes) before exceljs sees it.
import ExcelJS from 'exceljs';
import { AppError } from './errors.js';
import { guardXlsx, type XlsxLimits } from './xlsx-guard.js';

const notXlsx = () => new AppError('unsupported_media_type', { zh: '上传的文件不是有效的 Excel（.xlsx）文件', en: 'The upload is not a valid .xlsx file' });

/** The first worksheet's rows as text cells (row 1 = headers), for small sheets such as bulletins. */
export async function readSheet(buf: Buffer, limits?: XlsxLimits): Promise<{ headers: string[]; rows: { rowNumber: number; cells: string[] }[] }> {
  await guardXlsx(buf, limits);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw notXlsx();
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new AppError('validation_failed', { zh: '文件中没有工作表', en: 'The workbook has no sheet' });
  const text = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    if (v instanceof Date) return new Date(v.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    if (typeof v === 'object') {
      if ('richText' in v) return v.richText.map((t) => t.text).join('');
      if ('text' in v) return String(v.text);
      if ('result' in v) return text(v.result as ExcelJS.CellValue);
      return '';
    }
    return String(v).trim();
  };
  const headers = ((sheet.getRow(1).values as ExcelJS.CellValue[]) ?? []).slice(1).map((v) => text(v).trim());
  const rows: { rowNumber: number; cells: string[] }[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = headers.map((_, i) => text(row.getCell(i + 1).value));
    if (cells.some((c) => c !== '')) rows.push({ rowNumber, cells });
  });
  return { headers, rows };
}
