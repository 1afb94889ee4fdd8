// The login page: a wrong password and a temporary lock are explained; the language switch is
// remembered; an expired session returns to the login page with a message.
import { describe, expect, it } from 'vitest';
import { apiAs, demoPassword, login, openSession, shot, useBrowser } from './support';

describe('login messages, language and session expiry', () => {
  const browser = useBrowser();

  it('explains a wrong password and a locked account', async () => {
    const s = await openSession(browser());
    s.allowHttpErrors(/\/api\/auth\/login/);
    // A throwaway account to lock (the demo accounts stay usable for the other journeys).
    const admin = await apiAs(s, 'sysadmin');
    const tree = await admin.get<{ nodes: { id: number; name: string; type: string }[] }>('/api/orgs/tree');
    const village = tree.nodes.find((n) => n.type === 'village')!;
    const username = `locktest${Date.now() % 100000}`;
    const created = await admin.post('/api/accounts', { username, displayName: '锁定测试', password: 'Lock-Test-Passw0rd!9', roles: ['village_admin'], scopeOrgId: village.id });
    expect(created.status()).toBe(201);
    await admin.logout();

    await s.page.goto('/login');
    await shot(s, 'login');
    await s.page.getByLabel('用户名').fill(username);
    await s.page.getByLabel('密码').fill('wrong-password');
    await s.page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => s.page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await shot(s, 'login-wrong-password');
    let text = '';
    for (let i = 0; i < 6 && !text.includes('锁定'); i++) {
      await s.page.getByRole('button', { name: /登\s*录/ }).click();
      await s.page.waitForLoadState('networkidle');
      text = (await s.page.getByTestId('login-error').textContent()) ?? '';
    }
    expect(text).toMatch(/锁定.*分钟|分钟.*锁定/);
    await shot(s, 'login-locked');
    await s.close();
  });

  it('remembers English and returns to login with a message when the session expires', async () => {
    const s = await openSession(browser());
    await s.page.goto('/login');
    await s.page.getByTestId('lang-switch').click();
    await s.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await s.page.reload();
    await s.page.getByLabel('Username').waitFor();
    await login(s, 'county');
    expect(await s.page.getByTestId('side-menu').getByRole('menuitem').allTextContents()).toEqual(['Home', 'Tasks & reports', 'Problem ledger', 'Organisational life', 'Three lists', 'Inspections', 'Power flows', 'Projects', 'Public disclosures', 'Assessment', 'Weak branches', 'Funds and allowances', 'Venues and facilities', 'Training', 'Star ratings', 'Member points', 'Designations', 'Citizen requests', 'Whistles', 'Visit diary', 'Grids & households', 'Contact cards', 'Organizations', 'Members', 'Party groups', 'Cadre ledger', 'Reserve cadres', 'Member development', 'Selection and mentoring', 'First secretaries', 'Import']);
    await s.page.getByTestId('lang-switch').click();
    await s.page.getByTestId('side-menu').getByText('组织体系').waitFor();

    // The session ends on the server side (here: its cookie is gone); the next API call answers
    // 401 and the app returns to the login page, explaining why.
    s.allowHttpErrors(/\/api\//);
    await s.context.clearCookies();
    await s.page.getByTestId('side-menu').getByText('党员名册').click();
    await s.page.waitForURL(/\/login\?reason=expired/);
    await expect.poll(() => s.page.getByTestId('login-reason').textContent()).toContain('登录已失效');
    // Logging in again returns to the page the user was on.
    await s.page.getByLabel('用户名').fill('county');
    await s.page.getByLabel('密码').fill(demoPassword());
    await s.page.getByRole('button', { name: /登\s*录/ }).click();
    await s.page.waitForURL(/\/people/);
    await s.close();
  });
});
