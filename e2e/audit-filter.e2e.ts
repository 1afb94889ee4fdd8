// The auditor filters the audit log by account, action and date and verifies its hash chain.
import { describe, expect, it } from 'vitest';
import { login, openSession, shot, useBrowser } from './support';

describe('audit log', () => {
  const browser = useBrowser();

  it('filters by account and action, keeps the filter in the URL, verifies the chain', async () => {
    const s = await openSession(browser());
    const { page } = s;
    await login(s, 'auditor');
    await page.getByTestId('side-menu').getByText('审计日志').click();
    await page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(s, 'audit');
    await page.getByTestId('audit-username').fill('auditor');
    await page.getByTestId('audit-action').fill('auth.login');
    await page.getByTestId('audit-search').click();
    await page.waitForURL(/username=auditor/);
    expect(page.url()).toMatch(/action=auth\.login/);
    const rows = page.getByTestId('audit-table').locator('tbody tr.ant-table-row');
    await expect.poll(async () => [...new Set(await rows.locator('td:nth-child(2)').allTextContents())]).toEqual(['auditor']);
    // Reload: the filter is still applied (shareable URL).
    await page.reload();
    await expect.poll(() => page.getByTestId('audit-username').inputValue()).toBe('auditor');
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').textContent()).toContain('审计日志完整');
    await shot(s, 'audit-filtered');
    await s.close();
  });
});
