// 双因素认证: administrators bind a TOTP authenticator on first login and give its code on every
// later login; codes work once; the security administrator resets a lost one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DEMO_PASSWORD, type TestApp } from '../../test/helpers.js';
import { stepAt, totpCode } from '../../core/totp.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const login = (username: string, otp?: string) =>
  t.anonymous.post('/api/auth/login', otp === undefined ? { username, password: TEST_DEMO_PASSWORD } : { username, password: TEST_DEMO_PASSWORD, otp });

function clientOf(res: Awaited<ReturnType<typeof login>>) {
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const csrf = res.json().csrfToken as string;
  const headers = { cookie, 'x-csrf-token': csrf };
  return {
    get: (url: string) => t.app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers, payload }),
  };
}

describe('second factor for administrators', () => {
  it('binds an authenticator on first login before anything else opens', async () => {
    const res = await login('sysadmin');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mustEnrollTotp: true, totpEnabled: false });
    const c = clientOf(res);
    const blocked = await c.get('/api/accounts');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'totp_enrollment_required', message: '管理员须先绑定动态验证码（双因素认证）' });

    expect((await c.post('/api/auth/totp/enable', { code: '123456' })).json().message).toBe('请先获取绑定二维码');
    const setup = await c.post('/api/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, uri, qrSvg } = setup.json() as { secret: string; uri: string; qrSvg: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toContain(`secret=${secret}`);
    expect(qrSvg).toMatch(/^<svg/);

    const wrong = await c.post('/api/auth/totp/enable', { code: '000000' === totpCode(secret, stepAt(new Date())) ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.fields[0].field).toBe('code');
    expect((await c.post('/api/auth/totp/enable', { code: totpCode(secret, stepAt(new Date())) })).statusCode).toBe(204);
    // The same session goes on, now with everything its role allows.
    expect((await c.get('/api/accounts')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).json()).toMatchObject({ mustEnrollTotp: false, totpEnabled: true });
    expect((await c.post('/api/auth/totp/setup')).statusCode).toBe(409);

    // The secret is stored encrypted, never in the audit log.
    const [row] = await t.db.query<{ totp_secret_enc: string }>(`SELECT totp_secret_enc FROM accounts WHERE username = 'sysadmin'`);
    expect(row!.totp_secret_enc).toMatch(/^v1:/);
    expect(row!.totp_secret_enc).not.toContain(secret);
    const audit = await t.db.query<{ action: string; summary: unknown }>(`SELECT action, summary FROM audit_log WHERE username = 'sysadmin' ORDER BY id`);
    expect(audit.map((a) => a.action)).toContain('auth.totp_enable');
    expect(JSON.stringify(audit)).not.toContain(secret);

    // Later logins need the code; a wrong one counts as a failure; a code works once.
    const missing = await login('sysadmin');
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ code: 'otp_required', message: '请输入动态验证码' });
    const bad = await login('sysadmin', '12345x');
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('otp_invalid');
    const [failed] = await t.db.query<{ failed_logins: number }>(`SELECT failed_logins FROM accounts WHERE username = 'sysadmin'`);
    expect(failed!.failed_logins).toBe(1);
    const next = totpCode(secret, stepAt(new Date()) + 1);
    expect((await login('sysadmin', next)).statusCode).toBe(200);
    const replay = await login('sysadmin', next);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('otp_invalid');
  });

  it('locks the account after repeated wrong codes, like wrong passwords', async () => {
    const c = await t.as('auditadmin');
    expect(t.totpSecrets.has('auditadmin')).toBe(true);
    void c;
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login('auditadmin', '000001')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    const locked = await login('auditadmin', totpCode(t.totpSecrets.get('auditadmin')!, stepAt(new Date()) + 1));
    expect(locked.statusCode).toBe(423);
  });

  it('the security administrator resets a lost authenticator; the next login binds a new one', async () => {
    const sec = await t.as('secadmin');
    // 三员分立: not the system or audit administrator's (modules/accounts/separation-of-duties.test.ts);
    // a second security administrator's, yes.
    const [sys] = await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'sysadmin'`);
    expect((await sec.patch(`/api/accounts/${sys!.id}`, { resetTotp: true })).statusCode).toBe(403);
    await t.db.query(
      `INSERT INTO accounts (username, display_name, password_hash, roles, scope_org_id, must_change_password)
       SELECT 'secadmin2', '第二安全管理员', password_hash, '{sec_admin}', scope_org_id, false FROM accounts WHERE username = 'secadmin'`,
    );
    await t.as('secadmin2'); // binds an authenticator
    const [{ id }] = (await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'secadmin2'`)) as [{ id: number }];
    const listed = (await sec.get('/api/accounts?pageSize=100')).json().items.find((a: { id: number }) => a.id === id);
    expect(listed.totpEnabled).toBe(true);
    expect((await sec.patch(`/api/accounts/${id}`, { resetTotp: true })).statusCode).toBe(204);
    const res = await login('secadmin2');
    expect(res.statusCode).toBe(200);
    expect(res.json().mustEnrollTotp).toBe(true);
    const audit = await t.db.query<{ summary: { resetTotp?: boolean } }>(`SELECT summary FROM audit_log WHERE action = 'account.grant' AND object_id = $1`, [String(id)]);
    expect(audit.some((a) => a.summary.resetTotp === true)).toBe(true);
  });

  it('never asks other roles, and can be turned off for a deployment that has its own second factor', async () => {
    expect((await login('county')).json()).toMatchObject({ mustEnrollTotp: false, totpEnabled: false });
    const off = await buildTestApp({ adminTotp: 'off' });
    try {
      const res = await off.anonymous.post('/api/auth/login', { username: 'secadmin', password: TEST_DEMO_PASSWORD });
      expect(res.json()).toMatchObject({ mustEnrollTotp: false });
    } finally {
      await off.close();
    }
  });
});
