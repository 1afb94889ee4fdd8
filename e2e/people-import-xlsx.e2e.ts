// The county imports members from an .xlsx built on the downloaded template: one bad row is
// reported with its row, column and message; the fixed file imports with a progress bar and a
// summary of what was created.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { login, openSession, shot, useBrowser } from './support';
import { idNumber, readSheet, writeSheet } from './xlsx';

describe('import wizard', () => {
  const browser = useBrowser();

  it('reports a bad row, then imports the fixed file', async () => {
    const s = await openSession(browser());
    const { page } = s;
    s.allowHttpErrors(/\/api\/people\/import/);
    await login(s, 'county');
    await page.goto('/people/import');
    await page.getByTestId('import-upload').waitFor();
    await shot(s, 'import');

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-import-'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    const template = path.join(dir, 'template.xlsx');
    await download.saveAs(template);
    const rows = await readSheet(template);
    // The header row is the one naming 姓名; the example row follows it.
    const headerAt = rows.findIndex((r) => r.some((c) => c.trim() === '姓名'));
    expect(headerAt).toBeGreaterThanOrEqual(0);
    const header = rows[headerAt]!;
    const example = rows[headerAt + 1]!;
    const col = (re: RegExp) => header.findIndex((h) => re.test(h));
    const nameCol = col(/姓名/);
    const idCol = col(/身份证/);
    const genderCol = col(/性别/);
    const birthCol = col(/出生/);
    const phoneCol = col(/手机|电话/);
    expect(nameCol).toBeGreaterThanOrEqual(0);
    expect(idCol).toBeGreaterThanOrEqual(0);

    const stamp = Date.now() % 100000;
    const person = (i: number) => {
      const r = [...example];
      r[nameCol] = `导入测试${stamp}${'甲乙丙'[i]}`;
      const birth = `1975-0${i + 1}-1${i}`;
      if (genderCol >= 0) r[genderCol] = '男';
      r[idCol] = idNumber(birth, stamp + i, 'male');
      if (birthCol >= 0) r[birthCol] = birth;
      if (phoneCol >= 0) r[phoneCol] = `1390000${String(stamp).padStart(5, '0')}`.slice(0, 11 - 1) + String(i);
      return r;
    };
    const good = [person(0), person(1), person(2)];
    const bad = [...good[2]!];
    bad[idCol] = '61022219750313123'; // 17 characters
    const withError = path.join(dir, 'with-error.xlsx');
    await writeSheet(withError, [header, good[0]!, good[1]!, bad]);

    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(withError);
    await page.getByTestId('import-file').waitFor();
    await page.getByTestId('import-check').click();
    const errors = page.getByTestId('import-errors');
    const outcome = page.locator('[data-testid=import-errors], [data-testid=import-error], [data-testid=import-ok]').first();
    await outcome.waitFor();
    expect(await errors.isVisible(), (await page.getByTestId('import-page').textContent()) ?? '').toBe(true);
    const errorRow = errors.locator('tbody tr.ant-table-row').first();
    await expect.poll(() => errorRow.locator('td').nth(0).textContent()).toBe('4');
    expect(await errorRow.locator('td').nth(1).textContent()).toMatch(/身份证/);
    await shot(s, 'import-preview-errors');

    // Fix the row and upload again.
    await page.getByTestId('import-reupload').click();
    const fixed = path.join(dir, 'fixed.xlsx');
    await writeSheet(fixed, [header, ...good]);
    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(fixed);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-ok').waitFor();
    await page.getByTestId('import-run').click();
    await page.getByRole('dialog').getByRole('button', { name: '确认导入' }).click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('import-created').textContent()).toBe('3');
    await shot(s, 'import-done');

    // The imported people are in the roster.
    await page.goto(`/people?q=${encodeURIComponent(`导入测试${stamp}`)}`);
    await expect.poll(() => page.getByTestId('people-table').locator('tbody tr.ant-table-row').count()).toBe(3);
    fs.rmSync(dir, { recursive: true, force: true });
    await s.close();
  });
});
