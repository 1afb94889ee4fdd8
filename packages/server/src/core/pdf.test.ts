// The printable A4 table: a real file a reader opens — header bytes, pages, the title and header
// repeated on every page, Chinese text wrapped in its cell and extractable, page numbers, the font
// embedded as a subset (small file); a missing font is a 503 with a Chinese message, not a file.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PDF_FONT, MAX_PDF_ROWS, pdfFontFrom, renderTablePdf, type PdfTable } from './pdf.js';
import { AppError } from './errors.js';
import { readPdf } from '../test/pdf-text.js';

const table = (rows: number): PdfTable => ({
  title: '会议记录簿',
  unit: '榆舍村党支部',
  period: '2026年',
  columns: [{ header: '序号', width: 5 }, { header: '日期', width: 10 }, { header: '议题', width: 30 }, { header: '会议记录', width: 40 }],
  rows: Array.from({ length: rows }, (_, i) => [i + 1, '2026-03-01', `第${i + 1}次支部委员会：研究春耕生产和党员联系户`, '与会同志围绕村集体经济发展、人居环境整治和困难群众帮扶逐项讨论，形成一致意见并明确责任人和完成时限。'.repeat(i === 3 ? 6 : 1)]),
});

describe('core/pdf: A4 tables in a CJK font', () => {
  it('spills rows onto later pages with the header repeated, wraps Chinese text, numbers the pages and embeds a small subset of the font', async () => {
    const pdf = await renderTablePdf(table(60));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
    const read = await readPdf(pdf);
    expect(read.pageCount).toBeGreaterThanOrEqual(2);
    expect(read.fonts).toHaveLength(1);
    expect(read.fonts[0]).toMatch(/^[A-Z]{6}\+NotoSansCJKsc-Regular$/); // a subset, embedded
    expect(pdf.length).toBeLessThan(400_000); // the whole face is 16 MB
    const [first, second] = [read.pages[0]!, read.pages[1]!];
    expect(first).toContain('会议记录簿');
    expect(first).toContain('单位：榆舍村党支部');
    expect(first).toContain('期间：2026年');
    expect(first).toContain('第 1 页 / 共');
    expect(second).toContain('会议记录簿（续）');
    for (const page of read.pages) for (const h of ['序号', '日期', '议题', '会议记录']) expect(page).toContain(h);
    expect(second).toContain(`第 2 页 / 共 ${read.pageCount} 页`);
    // every row is there once, in order, across the pages
    const all = read.pages.join('\n').replace(/\n/g, '');
    let from = 0;
    for (let i = 1; i <= 60; i++) {
      const at = all.indexOf(`第${i}次支部委员会`, from);
      expect(at, `row ${i}`).toBeGreaterThan(-1);
      from = at;
    }
    // a long cell wraps onto several lines inside its column (text shown line by line)
    expect(first.split('\n').filter((l) => l.includes('与会同志')).every((l) => l.length < 60)).toBe(true);
  });

  it('sets a row taller than a page on as many pages as it needs, under the repeated header, marked as continued — no character lost', async () => {
    // minutes of a long 党员大会: ~12,000 characters in one cell, every stretch numbered so a lost piece shows
    const minutes = Array.from({ length: 400 }, (_, i) => `第${i + 1}段：与会党员逐一发言，讨论集体经济项目的选址与分红方案。`).join('');
    const rows: PdfTable['rows'] = [
      [1, '2026-03-01', '短记录在前', '会议简短。'],
      [2, '2026-03-08', '支部党员大会：审议年度工作计划', minutes],
      [3, '2026-03-15', '短记录在后', '会议简短。'],
    ];
    const pdf = await renderTablePdf({ ...table(0), rows });
    const read = await readPdf(pdf);
    expect(read.pageCount).toBeGreaterThanOrEqual(4);
    const flat = (p: string) => p.replace(/\n/g, '');
    // every character of the long cell, in order, once the page furniture and the markers are taken out
    const body = read.pages.map((p) => flat(p)).join('');
    const rowsOf = (p: string) => {
      const head = '序号日期议题会议记录';
      expect(flat(p)).toContain(head);
      return flat(p).slice(flat(p).indexOf(head) + head.length).replace(/第 \d+ 页 \/ 共 \d+ 页/, '');
    };
    const cellText = read.pages.map(rowsOf).join('').replace(/\d+（续）|（转下页）|（接上页）/g, '');
    const start = cellText.indexOf('第1段：');
    const end = cellText.indexOf('第400段：');
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(cellText).toContain(minutes);
    // each page after the first goes on under the header, the cell marked as continued and the row named
    for (const [i, page] of read.pages.entries()) {
      for (const h of ['序号', '日期', '议题', '会议记录']) expect(page, `page ${i + 1}`).toContain(h);
      if (i === 0) continue;
      expect(page).toContain('会议记录簿（续）');
    }
    const middle = read.pages.slice(1, -1);
    expect(middle.length).toBeGreaterThan(0);
    for (const page of middle) {
      expect(flat(page)).toContain('（接上页）');
      expect(flat(page)).toContain('（转下页）');
      expect(flat(page)).toContain('2（续）');
    }
    expect(flat(read.pages[0]!)).toContain('（转下页）');
    // the rows around it are whole, and once each
    expect(body.split('短记录在前').length - 1).toBe(1);
    expect(body.split('短记录在后').length - 1).toBe(1);
    expect(body.indexOf('短记录在后')).toBeGreaterThan(body.indexOf('第400段：'));
    expect(body).not.toContain('…');
  });

  it('says so when a period has no records', async () => {
    const read = await readPdf(await renderTablePdf(table(0)));
    expect(read.pageCount).toBe(1);
    expect(read.pages[0]).toContain('本期没有记录');
    expect(read.pages[0]).toContain('共 0 条');
  });

  it('answers 503 in Chinese when the font file is missing or not a font, and 422 past the row limit', async () => {
    for (const font of [{ path: '/nonexistent/font.ttc', name: 'X' }, { path: '/etc/hostname' }, { path: DEFAULT_PDF_FONT.path, name: 'NoSuchFace' }]) {
      const err = await renderTablePdf(table(1), font).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(503);
      expect((err as AppError).messages.zh).toMatch(/中文字体/);
    }
    const big = await renderTablePdf(table(MAX_PDF_ROWS + 1)).catch((e: unknown) => e);
    expect((big as AppError).status).toBe(422);
  });

  it('takes the font from LIANXIN_PDF_FONT (a .ttc face by LIANXIN_PDF_FONT_NAME), the Noto face by default', () => {
    expect(pdfFontFrom({})).toEqual(DEFAULT_PDF_FONT);
    expect(pdfFontFrom({ LIANXIN_PDF_FONT: '/fonts/simsun.ttf' })).toEqual({ path: '/fonts/simsun.ttf' });
    expect(pdfFontFrom({ LIANXIN_PDF_FONT: '/fonts/x.ttc', LIANXIN_PDF_FONT_NAME: 'SimSun' })).toEqual({ path: '/fonts/x.ttc', name: 'SimSun' });
  });
});
