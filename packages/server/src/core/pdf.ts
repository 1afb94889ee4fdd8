// Printable A4 tables (issue 17's registers, issue 14's minutes book) as PDF: a title, the unit and
// the period, a header row repeated on every page, rows whose Chinese text wraps inside its cell,
// and "第 n 页 / 共 m 页" at the foot of each page. The text is set in a CJK font read from disk
// (default: Debian's fonts-noto-cjk), embedded as a subset of the glyphs used, so a file stays
// small and its text stays extractable (pdfkit writes the ToUnicode map). When the font is missing
// the caller gets a 503 with a Chinese message — never a file of empty boxes.
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { FastifyReply } from 'fastify';
import { AppError } from './errors.js';
import { contentDisposition } from './file-type.js';

/** Where the CJK font is: a .ttf/.otf, or a .ttc collection with the face's PostScript name. */
export type PdfFont = { path: string; name?: string };
export const DEFAULT_PDF_FONT: PdfFont = { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', name: 'NotoSansCJKsc-Regular' };

/** LIANXIN_PDF_FONT (a font file) and LIANXIN_PDF_FONT_NAME (the face in a .ttc); the Noto face by default. */
export function pdfFontFrom(env: NodeJS.ProcessEnv): PdfFont {
  const path = env.LIANXIN_PDF_FONT?.trim();
  if (!path) return DEFAULT_PDF_FONT;
  const name = env.LIANXIN_PDF_FONT_NAME?.trim();
  return name ? { path, name } : path.toLowerCase().endsWith('.ttc') ? { path, name: DEFAULT_PDF_FONT.name } : { path };
}

export type PdfColumn = { header: string; /** relative width (the .xlsx column widths serve) */ width: number };
export type PdfTable = {
  title: string;
  unit: string;
  period: string;
  columns: PdfColumn[];
  rows: (string | number | null | undefined)[][];
  /** Landscape when omitted and the table has more than six columns. */
  landscape?: boolean;
};

/** A printable book is a year of one unit; past this many rows the .xlsx is the way (422, nothing rendered). */
export const MAX_PDF_ROWS = 5000;

const fontCache = new Map<string, Buffer>();

function fontBytes(font: PdfFont): Buffer {
  const cached = fontCache.get(font.path);
  if (cached) return cached;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(font.path);
  } catch {
    throw new AppError('pdf_font_missing');
  }
  fontCache.set(font.path, bytes);
  return bytes;
}

const MARGIN = { top: 36, bottom: 40, left: 32, right: 32 };
const PAD = 3;
const BODY_SIZE = 8.5;
const HEAD_SIZE = 9;

/** Renders the table as an A4 PDF (throws `pdf_font_missing`, a 503, when the font cannot be read). */
export async function renderTablePdf(table: PdfTable, font: PdfFont = DEFAULT_PDF_FONT): Promise<Buffer> {
  if (table.rows.length > MAX_PDF_ROWS) {
    throw new AppError('unprocessable', { zh: `共 ${table.rows.length} 条记录，超过 PDF 的 ${MAX_PDF_ROWS} 条上限：请选择一个单位，或下载 .xlsx`, en: `More than ${MAX_PDF_ROWS} rows for a PDF: choose one unit or download the .xlsx` });
  }
  const bytes = fontBytes(font);
  const landscape = table.landscape ?? table.columns.length > 6;
  const doc = new PDFDocument({
    size: 'A4', layout: landscape ? 'landscape' : 'portrait', margins: MARGIN, bufferPages: true, autoFirstPage: false,
    info: { Title: `${table.title} ${table.unit} ${table.period}`, Producer: '连心 Lianxin', Creator: '连心 Lianxin' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  try {
    // A collection needs the face's name; a bad file or face fails here, before anything is drawn.
    if (font.name) doc.registerFont('cjk', bytes as never, font.name);
    else doc.registerFont('cjk', bytes as never);
    doc.addPage();
    doc.font('cjk');
  } catch {
    throw new AppError('pdf_font_missing');
  }

  const left = MARGIN.left;
  const usable = doc.page.width - MARGIN.left - MARGIN.right;
  const weight = table.columns.reduce((n, c) => n + c.width, 0) || 1;
  const widths = table.columns.map((c) => (c.width / weight) * usable);
  const bottom = () => doc.page.height - MARGIN.bottom;
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const cellHeight = (value: string, w: number, size: number) => {
    doc.fontSize(size);
    return value ? doc.heightOfString(value, { width: w - 2 * PAD, lineGap: 1 }) : size;
  };

  const rowHeight = (cells: string[], size: number) => Math.max(...cells.map((c, i) => cellHeight(c, widths[i]!, size))) + 2 * PAD;

  function drawRow(cells: string[], size: number, shaded: boolean, maxHeight: number) {
    const h = Math.min(maxHeight, rowHeight(cells, size));
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      if (shaded) doc.rect(x, y, w, h).fillAndStroke('#f0f0f0', '#888');
      else doc.rect(x, y, w, h).stroke('#888');
      doc.fillColor('#000').fontSize(size).text(c, x + PAD, y + PAD, { width: w - 2 * PAD, height: h - 2 * PAD, lineGap: 1, ellipsis: true });
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  }

  /** Where the rows of the current page start (below its title and header row). */
  let bodyTop = 0;
  function pageHead(continued: boolean) {
    doc.fontSize(continued ? 11 : 15).fillColor('#000').text(continued ? `${table.title}（续）` : table.title, left, MARGIN.top, { width: usable, align: 'center' });
    doc.moveDown(0.3);
    doc.fontSize(9).text(`单位：${table.unit}　　期间：${table.period}　　共 ${table.rows.length} 条`, left, doc.y, { width: usable });
    doc.moveDown(0.4);
    doc.lineWidth(0.5);
    drawRow(table.columns.map((c) => c.header), HEAD_SIZE, true, 80);
    bodyTop = doc.y;
  }
  const newPage = () => {
    doc.addPage();
    pageHead(true);
  };

  /**
   * The longest start of `value` that fits `height` in a cell of width `w` (with `suffix` after it),
   * and the rest: a cell taller than the page is set on as many pages as it needs, never cut.
   */
  function fit(value: string, w: number, height: number, suffix: string): [string, string] {
    const chars = Array.from(value);
    if (cellHeight(value, w, BODY_SIZE) <= height) return [value, ''];
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (cellHeight(chars.slice(0, mid).join('') + suffix, w, BODY_SIZE) <= height) lo = mid;
      else hi = mid - 1;
    }
    return [chars.slice(0, lo).join(''), chars.slice(lo).join('').replace(/^\n/, '')];
  }

  const CONTINUES = '（转下页）';
  const CONTINUED = '（接上页）';
  const MIN_LINES = 3 * (BODY_SIZE + 3);

  pageHead(false);
  if (table.rows.length === 0) {
    doc.fontSize(10).text('（本期没有记录）', left, doc.y + 8, { width: usable, align: 'center' });
  }
  for (const row of table.rows) {
    let cells = table.columns.map((_, i) => text(row[i]));
    for (;;) {
      const need = rowHeight(cells, BODY_SIZE);
      if (doc.y + need <= bottom()) {
        drawRow(cells, BODY_SIZE, false, need);
        break;
      }
      const atTop = doc.y <= bodyTop + 0.5;
      // a row that fits a page starts on the next one; a taller one is split where it stands
      if (!atTop && (need <= bottom() - bodyTop || bottom() - doc.y < MIN_LINES + 2 * PAD)) {
        newPage();
        continue;
      }
      const room = bottom() - doc.y - 2 * PAD;
      const parts = cells.map((c, i) => fit(c, widths[i]!, room, CONTINUES));
      if (parts.every(([head, rest]) => !rest || !head)) {
        if (!atTop) {
          newPage();
          continue;
        }
        // not one character fits even a fresh page's body (a header taller than the page): set it as it can be
        drawRow(cells, BODY_SIZE, false, bottom() - doc.y);
        break;
      }
      const here = parts.map(([head, rest]) => (rest ? head + CONTINUES : head));
      drawRow(here, BODY_SIZE, false, bottom() - doc.y);
      // on the next page: the rest of each cell that goes on, marked; the row's number to say whose
      cells = parts.map(([, rest], i) => (rest ? CONTINUED + rest : i === 0 ? `${text(row[0])}（续）` : ''));
      newPage();
    }
  }

  // 第 n 页 / 共 m 页 under every page (the bottom margin is lifted so the footer adds no page)
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor('#444').text(`第 ${i + 1} 页 / 共 ${range.count} 页`, left, doc.page.height - MARGIN.bottom + 14, { width: usable, align: 'center', lineBreak: false });
    doc.page.margins.bottom = keep;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Sends the table as an A4 PDF attachment; the count of rows is returned for the audit entry. */
export async function sendTablePdf(reply: FastifyReply, fileName: string, table: PdfTable, font: PdfFont | undefined, audit: (rows: number) => Promise<void>): Promise<void> {
  const pdf = await renderTablePdf(table, font);
  // the export's audit record is committed before the file leaves: an acknowledged download is always on record
  await audit(table.rows.length);
  reply.header('Content-Type', 'application/pdf');
  reply.header('Content-Disposition', contentDisposition('attachment', fileName));
  reply.send(pdf);
}
