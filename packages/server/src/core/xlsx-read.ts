// Reading small uploaded sheets (bulletins): the upload passes the .xlsx guard (content, zip
// structure, real unpacked sizes) before exceljs sees it. The sheet is streamed (exceljs's
// WorkbookReader), so a workbook of a million rows is read only up to the row limit: memory and
// time stay those of the limit, not of the file.
import { PassThrough, Readable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError } from './errors.js';
import { guardXlsx, inspectXlsx, type XlsxLimits, type ZipEntry } from './xlsx-guard.js';

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

/** What the reader's parse steps need of exceljs's WorkbookReader (its own, untyped, methods). */
type ReaderInternals = {
  options: { worksheets?: string };
  model?: { sheets?: { rId: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
  workbookRels?: { Id: string; Target: string }[];
};

/** One entry's text, inflated as it is read and decoded with multi-byte characters kept whole across chunks. */
function entryText(buf: Buffer, e: ZipEntry): Readable {
  const packed = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  const stream = e.method === 8 ? zlib.createInflateRaw() : new PassThrough();
  stream.setEncoding('utf8');
  stream.end(packed);
  return stream;
}

/**
 * exceljs's streaming reader, fed from the zip's central directory instead of its own single pass
 * over the zip.
 *
 * That pass (unzipper's Parse) loses entries when the machine is busy, most often xl/workbook.xml,
 * which exceljs writes last: the reader then throws "Cannot read properties of undefined (reading
 * 'sheets')" or reads an empty sheet (exceljs issues #962 and #3064, open). About one valid upload
 * in a thousand was refused as damaged under load, our own import template included. Here every
 * part is read from the buffer by its offset (the .xlsx guard has checked the archive first), the
 * workbook, its relations, shared strings and styles before any worksheet, and the worksheets in
 * the workbook's tab order. Worksheets are still inflated and parsed as they are read, so a large
 * sheet is never held unpacked in memory. Text reaches the XML parser as strings decoded across
 * chunk boundaries (exceljs decodes each chunk alone, which could split a Chinese character).
 */
export function workbookReader(buf: Buffer): ExcelJS.stream.xlsx.WorkbookReader {
  const entries = new Map(inspectXlsx(buf, { maxEntries: Infinity, maxUnpackedBytes: Infinity }).map((e) => [e.name, e]));
  const part = (name: string) => {
    const e = entries.get(name);
    return e ? entryText(buf, e) : undefined;
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // dates are numbers with a date format: the styles tell them apart
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const self = reader as unknown as ReaderInternals;
  Object.assign(reader, {
    async *parse() {
      const rels = part('xl/_rels/workbook.xml.rels');
      if (rels) await self._parseRels(rels);
      const book = part('xl/workbook.xml');
      if (book) await self._parseWorkbook(book);
      const strings = part('xl/sharedStrings.xml');
      if (strings) for await (const _ of self._parseSharedStrings(strings)) { /* cached, not emitted */ }
      const styles = part('xl/styles.xml');
      if (styles) await self._parseStyles(styles);
      // Tab order: the workbook's sheets through their relations; then any sheet part it does not name.
      const target = (rId: string) => self.workbookRels?.find((r) => r.Id === rId)?.Target;
      const named = (self.model?.sheets ?? [])
        .map((s) => target(s.rId))
        .filter((t): t is string => !!t)
        .map((t) => (t.startsWith('/') ? t.slice(1) : `xl/${t}`));
      const sheetParts = [...entries.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
      const ordered = [...new Set([...named.filter((n) => entries.has(n)), ...sheetParts.sort((a, b) => sheetNumber(a) - sheetNumber(b))])];
      for (const name of ordered) {
        yield* self._parseWorksheet(entryText(buf, entries.get(name)!), String(sheetNumber(name)));
      }
    },
  });
  return reader;
}

const sheetNumber = (name: string) => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);

/** The first worksheet's rows as text cells (row 1 = headers), for small sheets such as bulletins. */
export async function readSheet(buf: Buffer, options: ReadSheetOptions | XlsxLimits = {}): Promise<{ headers: string[]; rows: { rowNumber: number; cells: string[] }[] }> {
  const opts: ReadSheetOptions = 'maxEntries' in options ? { limits: options } : options;
  await guardXlsx(buf, opts.limits);
  let headers: string[] | undefined;
  const rows: { rowNumber: number; cells: string[] }[] = [];
  try {
    const reader = workbookReader(buf);
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
