// Streaming .xlsx exports: rows are written as they are read, and every text cell that a
// spreadsheet would take for a formula (= + - @, tab, CR) is neutralized with a leading quote.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { contentDisposition } from './file-type.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a spreadsheet shows it, never evaluated: '=1+1' becomes "'=1+1". */
export function neutralize(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type Column = { header: string; width: number };

/**
 * Streams a one-sheet workbook to the reply: the caller's rows arrive batch by batch from an
 * async iterator, so an export of a whole county never sits in memory.
 */
export async function sendWorkbook(
  reply: FastifyReply,
  fileName: string,
  sheetName: string,
  columns: Column[],
  rows: AsyncIterable<(string | number | null)[][]>,
): Promise<number> {
  const stream = new PassThrough();
  reply.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  reply.header('Content-Disposition', contentDisposition('attachment', fileName));
  const sent = reply.send(stream);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  try {
    for await (const batch of rows) {
      for (const r of batch) {
        sheet.addRow(r.map((v) => (typeof v === 'string' ? neutralize(v) : v))).commit();
        count++;
      }
    }
    sheet.commit();
    await workbook.commit();
  } catch (err) {
    // The download has started: no error body can follow. The stream ends with the error (the
    // client sees a broken download, not a file with JSON appended); the error handler logs it.
    stream.destroy(err as Error);
    throw err;
  }
  void sent;
  return count;
}

/**
 * Every page of a paged list, for an export: the first page is read before anything is sent (a bad
 * filter or a refusal still answers its 4xx), the others as the workbook is written.
 */
export async function allPages<T>(fetch: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>, pageSize = 200): Promise<AsyncIterable<T[]>> {
  const first = await fetch(1, pageSize);
  return (async function* () {
    let page = first;
    for (let n = 1; page.items.length > 0; n++) {
      if (n > 1) page = await fetch(n, pageSize);
      if (page.items.length === 0) return;
      yield page.items;
      if (n * pageSize >= page.total) return;
    }
  })();
}

/** Rows of items, batch by batch, as cells. */
export async function* cellsOf<T>(batches: AsyncIterable<T[]>, cells: (item: T) => (string | number | null)[]): AsyncIterable<(string | number | null)[][]> {
  for await (const batch of batches) yield batch.map(cells);
}
