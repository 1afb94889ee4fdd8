// The county organization department configures its ledger: a new category, a new problem source,
// the 督办 cadence and the closure signer; a township then finds both in the register form. The settings are
// put back at the end (the other journeys run on the same server).
import { describe, expect, it } from 'vitest';
import { login, openSession, pick, settled, shot, useBrowser } from './support';

describe('ledger settings (台账设置)', () => {
  const browser = useBrowser();

  it('the county adds a category and changes the cadence; the register form offers the category', async () => {
    const s = await openSession(browser());
    const { page } = s;
    await login(s, 'county');
    await page.goto('/ledger');
    await page.getByTestId('ledger-settings-open').click();
    await page.getByTestId('ledger-settings').waitFor();
    await settled(page);
    const before = await page.evaluate(() => fetch('/api/ledger/settings').then((r) => r.json()));

    await page.getByTestId('settings-categories').locator('input').fill('村级集体经济');
    await page.keyboard.press('Enter');
    // problem sources are the county's: 谈心谈话 and 走访 come with it; add one
    await expect.poll(async () => page.getByTestId('settings-sources').locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(expect.arrayContaining(['谈心谈话', '走访']));
    const n = await page.getByTestId('settings-sources').locator('input').count();
    await page.getByTestId('settings-source-add').click();
    await page.getByTestId(`settings-source-${n}`).fill('主题党日');
    await page.getByTestId('settings-days').fill('10');
    await page.getByText('乡镇党委', { exact: true }).click();
    await shot(s, 'ledger-settings');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('台账设置已保存');
    const after = await page.evaluate(() => fetch('/api/ledger/settings').then((r) => r.json()));
    expect(after).toMatchObject({ categories: [...before.categories, '村级集体经济'], supervisionDays: 10, closureSigner: 'township_admin' });
    expect(after.sources).toContainEqual({ code: 'custom_1', label: '主题党日', active: true });

    // An empty cadence is refused at the field, nothing saved.
    await page.getByTestId('settings-days').fill('');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').first().textContent()).toContain('请填写督办周期');
    await s.close();

    // A township sees the new category when registering.
    const w = await openSession(browser());
    await login(w, 'wuli');
    await w.page.goto('/ledger/new');
    await settled(w.page);
    await pick(w.page, 'register-category', '村级集体经济');
    await pick(w.page, 'register-source', '主题党日');
    await w.close();

    // Put the county's settings back for the other journeys.
    const c = await openSession(browser());
    await login(c, 'county');
    const status = await c.page.evaluate(async (body) => {
      const me = await (await fetch('/api/auth/me')).json();
      const r = await fetch('/api/ledger/settings', { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) });
      return r.status;
    }, { ...before, sources: before.sources.filter((x: { active: boolean }) => x.active).map((x: { code: string; label: string }) => ({ code: x.code, label: x.label })) });
    expect(status).toBe(200);
    await c.close();
  });
});
