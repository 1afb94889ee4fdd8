// Reading small uploaded sheets (bulletins): the upload passes the .xlsx guard (content, zip
// structure, real unpacked sizes) before exceljs sees it. The sheet is streamed (exceljs's
// WorkbookReader), so a workbook of a million rows is read only up to the row limit: memory and
// time stay those of the limit, not of the file.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from './errors.js';
import { guardXlsx, type XlsxLimits } from './xlsx-guard.js';

const notXlsx = () => new AppError('unsupported_media_type', { zh: '上传的文件不是有效的 Excel（.xlsx）文件', en: 'The upload is not a valid .xlsx file' });

export type ReadSheetOptions = {
  limits?: XlsxLimits;
  /** Most data rows accepted; one more and reading stops with a 400. */
  maxRows?: number;
  /** Counts the rows parsed (header included), for the tests' evidence that reading stopped early. */
  stats?: { rowsRead: number };
};

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : new Date(v.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text?: string }[]; text?: unknown; result?: unknown; formula?: unknown; sharedFormula?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o || 'result' in o) return text(o.result);
    if (o.text !== undefined) return String(o.text);
    return '';
  }
  return String(v).trim();
}

/** The first worksheet's rows as text cells (row 1 = headers), for small sheets such as bulletins. */
export async function readSheet(buf: Buffer, options: ReadSheetOptions | XlsxLimits = {}): Promise<{ headers: string[]; rows: { rowNumber: number; cells: string[] }[] }> {
  const opts: ReadSheetOptions = 'maxEntries' in options ? { limits: options } : options;
  await guardXlsx(buf, opts.limits);
  let headers: string[] | undefined;
  const rows: { rowNumber: number; cells: string[] }[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buf), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache', // dates are numbers with a date format: the styles tell them apart
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    sheets: for await (const sheet of reader) {
      for await (const row of sheet) {
        if (opts.stats) opts.stats.rowsRead++;
        const values = ((row.values as unknown[]) ?? []).slice(1);
        if (!headers) {
          if (row.number !== 1) headers = [];
          else {
            headers = values.map((v) => text(v).trim());
            continue;
          }
        }
        const cells = headers.map((_, i) => text(values[i]));
        if (!cells.some((c) => c !== '')) continue;
        if (opts.maxRows !== undefined && rows.length >= opts.maxRows) {
          throw new AppError('validation_failed', { zh: `一次最多导入 ${opts.maxRows} 条，请分成几个文件`, en: `At most ${opts.maxRows} rows at a time` });
        }
        rows.push({ rowNumber: row.number, cells });
      }
      break sheets; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw notXlsx();
  }
  if (!headers) throw new AppError('validation_failed', { zh: '文件中没有工作表', en: 'The workbook has no sheet' });
  return { headers, rows };
}
