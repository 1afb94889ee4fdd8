// An administrator's first sign-in: change the given password, bind an authenticator app by its
// QR code or key, then every sign-in asks for the app's code; a wrong code is explained.
import { describe, expect, it } from 'vitest';
import { stepAt, totpCode } from '../packages/server/src/core/totp';
import { apiAs, login, logout, openSession, settled, shot, useBrowser } from './support';

describe('second factor for administrators (双因素认证)', () => {
  const browser = useBrowser();

  it('a new audit administrator changes the password, binds an authenticator and signs in with its code', async () => {
    const s = await openSession(browser());
    const { page } = s;
    // 三员分立: the system administrator creates the account (with an ordinary role) …
    const admin = await apiAs(s, 'sysadmin');
    const tree = await admin.get<{ nodes: { id: number; type: string }[] }>('/api/orgs/tree');
    const county = tree.nodes.find((n) => n.type === 'county')!;
    const username = `audit2.${Date.now() % 100000}`;
    const first = 'First-Audit-Passw0rd!1';
    const created = await admin.post('/api/accounts', { username, displayName: '第二审计管理员', password: first, roles: ['department_admin'], scopeOrgId: county.id });
    expect(created.status(), await created.text()).toBe(201);
    await admin.logout();

    // The wrong codes below answer 400/401, which the browser logs (and /me, once the grant ended
    // the holder's session).
    s.allowHttpErrors(/\/api\/auth\/(login|me|totp\/enable)/);
    await page.goto('/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(first);
    await page.locator('form button[type="submit"]').click();
    // … its holder replaces the given password …
    await page.waitForURL(/\/change-password/);
    const password = 'Audit-Second-Passw0rd!2';
    await page.getByLabel('当前密码').fill(first);
    await page.getByLabel('新密码', { exact: true }).fill(password);
    await page.getByLabel('再次输入新密码').fill(password);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('home-page').waitFor();
    // … and only then the security administrator grants the audit administrator's role (which
    // ends the holder's sessions).
    const sec = await apiAs(s, 'secadmin');
    const listed = await sec.get<{ items: { id: number; username: string }[] }>('/api/accounts?pageSize=200');
    const id = listed.items.find((a) => a.username === username)!.id;
    const granted = await s.context.request.patch(`/api/accounts/${id}`, { data: { roles: ['audit_admin'] }, headers: { 'X-CSRF-Token': (await (await s.context.request.get('/api/auth/me')).json()).csrfToken } });
    expect(granted.status(), await granted.text()).toBe(204);
    await sec.logout();
    await page.goto('/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.locator('form button[type="submit"]').click();
    // The authenticator comes before anything else opens.
    await page.waitForURL(/\/setup-2fa/);
    await page.getByTestId('totp-qr').locator('svg').waitFor();
    await shot(s, 'setup-2fa');
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByTestId('totp-code').fill(totpCode(secret, stepAt(new Date()) - 5));
    await page.getByRole('button', { name: '完成绑定' }).click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').first().textContent()).toContain('验证码不正确');
    const bound = stepAt(new Date());
    await page.getByTestId('totp-code').fill(totpCode(secret, bound));
    await page.getByRole('button', { name: '完成绑定' }).click();
    await page.getByTestId('home-page').waitFor();
    expect(await page.getByTestId('side-menu').getByRole('menuitem').allTextContents()).toEqual(['工作台', '审计日志']);
    await logout(s);

    // Every later sign-in asks for the code; a wrong one is explained at the field.
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('login-otp').waitFor();
    await page.getByTestId('login-otp').fill('000000' === totpCode(secret, stepAt(new Date())) ? '111111' : '000000');
    await page.locator('form button[type="submit"]').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').first().textContent()).toContain('动态验证码不正确');
    await shot(s, 'login-otp');
    // The code used to bind is spent; the next step's code is accepted.
    await page.getByTestId('login-otp').fill(totpCode(secret, Math.max(bound, stepAt(new Date())) + 1));
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('home-page').waitFor();
    await settled(page);
    await s.close();
  });

  it('the security administrator sees who has bound one and can reset it', async () => {
    const s = await openSession(browser());
    const { page } = s;
    await login(s, 'secadmin');
    await page.getByTestId('side-menu').getByText('账号管理').click();
    await page.getByTestId('accounts-page').waitFor();
    await settled(page);
    const row = page.locator('tr').filter({ hasText: 'secadmin' });
    await expect.poll(() => row.textContent()).toContain('已绑定动态验证码');
    await expect.poll(() => row.getByRole('button', { name: '重置动态验证码' }).count()).toBe(1);
    // 三员分立: not on the system administrator's account
    const sys = page.locator('tr').filter({ hasText: 'sysadmin' });
    await expect.poll(() => sys.textContent()).toContain('已绑定动态验证码');
    expect(await sys.getByRole('button', { name: '重置动态验证码' }).count()).toBe(0);
    await shot(s, 'accounts-2fa');
    await s.close();
  });
});
