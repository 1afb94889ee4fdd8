// A township stops one of its recurring directives and resumes it from the inbox's 定期下发 tab
// (who else may not is covered by the server test).
import { describe, expect, it } from 'vitest';
import { login, openSession, settled, shot, useBrowser } from './support';

describe('recurring directives (定期下发)', () => {
  const browser = useBrowser();

  it('the issuer stops and resumes a series', async () => {
    const s = await openSession(browser());
    const { page } = s;
    await login(s, 'wuli');
    await page.goto('/dispatch?tab=series');
    const list = page.getByTestId('series-list');
    await list.waitFor();
    await settled(page);
    const item = list.locator('.lx-list-item').filter({ has: page.getByTestId('series-toggle') }).first();
    const title = (await item.locator('.lx-assignment-title').textContent()) ?? '';
    expect(title.length).toBeGreaterThan(0);
    await expect.poll(() => item.textContent()).toContain('生效中');
    await item.getByTestId('series-toggle').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /^停\s*止$/ }).click();
    await expect.poll(() => item.textContent()).toContain('已停止');
    await shot(s, 'dispatch-series-stopped');
    await item.getByTestId('series-toggle').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /^恢\s*复$/ }).click();
    await expect.poll(() => item.textContent()).toContain('生效中');
    await s.close();
  });
});
