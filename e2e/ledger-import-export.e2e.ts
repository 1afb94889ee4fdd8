// The township imports problems from an inspection bulletin (.xlsx): a bad row is reported with
// its row, column and message and nothing is written; the fixed sheet imports and the problems
// are in the ledger. The filtered ledger exports to .xlsx in the counties' columns, one row per
// problem the list shows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { login, openSession, SCREENSHOTS, useBrowser } from './support';
import { readSheet, writeSheet } from './xlsx';

const HEADER = ['问题来源', '问题类别', '问题描述', '整改措施', '责任单位', '责任人', '整改时限'];

function cstDate(days: number) {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe('bulletin import and ledger export', () => {
  const browser = useBrowser();

  it('reports a bad row, imports the fixed bulletin, and exports the filtered ledger', async () => {
    const s = await openSession(browser());
    const { page } = s;
    await login(s, 'wuli');
    await page.goto('/ledger');
    await page.getByTestId('ledger-table').locator('tbody tr.ant-table-row').first().waitFor();

    const stamp = String(Date.now()).slice(-6);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bulletin-'));
    const row = (i: number, deadline = cstDate(30)) => ['省市督查通报', '作风建设', `通报${stamp}-${i}：村干部值班记录不全`, '建立值班台账', '榆舍村', '村党支部书记', deadline];
    const bad = path.join(dir, 'bad.xlsx');
    await writeSheet(bad, [HEADER, row(1), row(2, '2026-13-45')]);

    await page.getByTestId('ledger-import').click();
    await page.getByTestId('bulletin-upload').locator('input[type=file]').setInputFiles(bad);
    await page.getByTestId('bulletin-file').waitFor();
    await page.getByTestId('bulletin-check').click();
    const errors = page.getByTestId('bulletin-errors');
    await errors.waitFor();
    const first = errors.locator('tbody tr.ant-table-row').first();
    await expect.poll(() => first.locator('td').nth(0).textContent()).toBe('3');
    expect(await first.locator('td').nth(1).textContent()).toBe('整改时限');
    expect(await page.getByTestId('bulletin-run').isDisabled()).toBe(true); // all-or-nothing with an error
    // the viewport only: a full-page capture resizes the page, which now and then re-laid out the
    // shell and closed the dialog under the test
    await page.waitForTimeout(350);
    await page.screenshot({ path: path.join(SCREENSHOTS, `ledger-import-errors-${s.viewport}.png`) });

    // fix the row, check again, confirm
    await page.getByTestId('bulletin-again').click();
    const good = path.join(dir, 'good.xlsx');
    await writeSheet(good, [HEADER, row(1), row(2)]);
    await page.getByTestId('bulletin-upload').locator('input[type=file]').setInputFiles(good);
    await page.getByTestId('bulletin-check').click();
    await page.getByTestId('bulletin-ok').waitFor();
    await page.getByTestId('bulletin-run').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '确认导入' }).click();
    await page.getByTestId('bulletin-done').getByText('已导入 2 个问题').waitFor();
    await page.getByTestId('bulletin-done').getByRole('button').click();

    // the imported problems are in the ledger, found by the text filter (kept in the URL)
    await page.getByTestId('ledger-filter-q').fill(`通报${stamp}`);
    await page.getByTestId('ledger-filters-apply').click();
    await page.waitForURL(new RegExp(`q=${encodeURIComponent(`通报${stamp}`)}`));
    const rows = page.getByTestId('ledger-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('省市督查通报');

    // export what the list shows
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-export').click()]);
    const file = path.join(dir, 'export.xlsx');
    await download.saveAs(file);
    const sheet = await readSheet(file);
    const headerAt = sheet.findIndex((r) => r.includes('序号'));
    expect(sheet[headerAt]).toEqual(['序号', '问题来源', '问题描述', '整改措施', '责任单位', '责任人', '整改时限', '整改进展', '销号情况']);
    const body = sheet.slice(headerAt + 1);
    expect(body).toHaveLength(2);
    expect(body.every((r) => r[2]!.startsWith(`通报${stamp}`) && r[4] === '榆舍村' && r[8] === '未销号')).toBe(true);
    await s.close();
  });
});
