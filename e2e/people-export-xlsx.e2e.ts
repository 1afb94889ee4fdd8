// The county exports the filtered roster and the .xlsx holds exactly the filtered people.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { login, openSession, useBrowser } from './support';
import { readSheet } from './xlsx';

describe('export', () => {
  const browser = useBrowser();

  it('exports the filtered list to a file that opens', async () => {
    const s = await openSession(browser());
    const { page } = s;
    await login(s, 'county');
    await page.goto('/people?memberStatus=probationary&gender=female');
    await page.getByTestId('people-table').locator('tbody tr.ant-table-row').first().waitFor();
    const totalText = (await page.locator('.ant-pagination-total-text').textContent()) ?? '';
    const total = Number(/\d+/.exec(totalText)?.[0]);
    expect(total).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('people-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-export-'));
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const rows = await readSheet(file);
    const headerAt = rows.findIndex((r) => r.some((c) => c.includes('姓名')));
    expect(headerAt).toBeGreaterThanOrEqual(0);
    expect(rows.length - headerAt - 1).toBe(total);
    fs.rmSync(dir, { recursive: true, force: true });
    await s.close();
  });
});
