import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('health and login', () => {
  it('answers health without a session', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('logs in, tells who is signed in, and logs out on the server', async () => {
    const c = await t.as('wuli');
    const me = await c.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'wuli', roles: ['township_admin'], scopeOrg: { name: '五里镇', type: 'township' } });
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    const after = await c.get('/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('session_expired');
  });

  it('sets an HttpOnly, Secure, SameSite session cookie', async () => {
    const res = await t.anonymous.post('/api/auth/login', { username: 'county', password: 'Demo-Passw0rd!2026' });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-lianxin_sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('refuses a wrong password in Chinese, and in English when asked', async () => {
    const zh = await t.anonymous.post('/api/auth/login', { username: 'county', password: 'wrong-password-1A' });
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toMatchObject({ code: 'login_failed', message: '用户名或密码错误' });
    const en = await t.anonymous.request('POST', '/api/auth/login', { username: 'county', password: 'x' }, { 'accept-language': 'en-US,en' });
    expect(en.json().message).toBe('Wrong username or password');
  });

  it('locks an account for a while after 5 failures, even with the right password', async () => {
    for (let i = 0; i < 4; i++) {
      expect((await t.anonymous.post('/api/auth/login', { username: 'jiaotong', password: `bad-${i}` })).statusCode).toBe(401);
    }
    const fifth = await t.anonymous.post('/api/auth/login', { username: 'jiaotong', password: 'bad-5' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().message).toContain('锁定');
    const right = await t.anonymous.post('/api/auth/login', { username: 'jiaotong', password: 'Demo-Passw0rd!2026' });
    expect(right.statusCode).toBe(423);
    const audit = await t.db.query<{ result: string }>(`SELECT result FROM audit_log WHERE username = 'jiaotong' AND action = 'auth.login'`);
    expect(audit.map((a) => a.result)).toEqual(['failure', 'failure', 'failure', 'failure', 'failure', 'denied']);
  });

  it('rejects unknown fields, malformed JSON and wrong types with 400 and a field name', async () => {
    const extra = await t.anonymous.post('/api/auth/login', { username: 'a', password: 'b', admin: true });
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ code: 'validation_failed', details: { fields: [{ field: 'admin' }] } });
    expect(extra.json().message).toContain('不允许的字段');
    const bad = await t.anonymous.request('POST', '/api/auth/login', '{"username": ', { 'content-type': 'application/json' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_json');
    const wrongType = await t.anonymous.post('/api/auth/login', { username: 5, password: 'b' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().details.fields[0].field).toBe('username');
  });

  it('requires the CSRF token and a same-origin Origin for writes', async () => {
    const c = await t.as('county');
    const noToken = await c.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': 'nope' });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('csrf_failed');
    const foreign = await c.request('POST', '/api/auth/logout', {}, { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
  });

  it('ends an idle session', async () => {
    // the idle time is set back by hand here, which a server sees once its cached copy of the
    // session is 5 s old: this app reads the session on every request (session-cache.test.ts
    // covers idleness with the cache, on a clock)
    const t0 = await buildTestApp({ sessionCacheMs: 0 });
    const c = await t0.as('county');
    await t0.db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE account_id = (SELECT id FROM accounts WHERE username = 'county')`);
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('登录已超时，请重新登录');
    await t0.close();
  });

  it('enforces the password policy when changing a password', async () => {
    const c = await t.as('yushe');
    const weak = await c.post('/api/auth/password', { currentPassword: 'Demo-Passw0rd!2026', newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toBe('密码至少 12 位');
    const ok = await c.post('/api/auth/password', { currentPassword: 'Demo-Passw0rd!2026', newPassword: 'Village-Branch#2026' });
    expect(ok.statusCode).toBe(204);
    await t.as('yushe', 'Village-Branch#2026');
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.anonymous.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('route_not_found');
  });
});

describe('first login and the browser protections', () => {
  it('keeps an account with a reset password out of everything but the password change', async () => {
    await t.db.query(`UPDATE accounts SET must_change_password = true WHERE username = 'auditadmin'`);
    const c = await t.as('auditadmin');
    const blocked = await c.get('/api/audit');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    expect((await c.post('/api/auth/password', { currentPassword: 'Demo-Passw0rd!2026', newPassword: 'Audit-Admin#2026x' })).statusCode).toBe(204);
    expect((await c.get('/api/audit')).statusCode).toBe(200);
  });

  it('sends the security headers', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.headers['content-security-policy']).toContain("object-src 'none'");
    expect(res.headers['content-security-policy']).toContain("base-uri 'none'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('rate-limits the login route (429 with a message)', async () => {
    const limited = await buildTestApp({ loginRateLimit: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) {
        codes.push((await limited.anonymous.post('/api/auth/login', { username: 'nobody', password: 'x' })).statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const res = await limited.anonymous.post('/api/auth/login', { username: 'nobody', password: 'x' });
      expect(res.json().message).toMatch(/请求过于频繁/);
    } finally {
      await limited.close();
    }
  });
});
