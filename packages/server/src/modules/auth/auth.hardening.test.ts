// Sign-in and sessions under attack: a TOTP code used by simultaneous logins, a stolen session
// after the password is changed, the lock and a disabled account as username oracles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DEMO_PASSWORD, type TestApp } from '../../test/helpers.js';
import { stepAt, totpCode } from '../../core/totp.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const login = (username: string, password = TEST_DEMO_PASSWORD, otp?: string) =>
  t.anonymous.post('/api/auth/login', otp === undefined ? { username, password } : { username, password, otp });

describe('a TOTP code works once, also when used simultaneously', () => {
  it('of six simultaneous logins with one code, exactly one succeeds', async () => {
    await t.as('auditadmin'); // binds the second factor
    const secret = t.totpSecrets.get('auditadmin')!;
    // A step no login has used yet (the binding used the current one).
    const step = stepAt(new Date()) + 1;
    const code = totpCode(secret, step);
    const results = await Promise.all(Array.from({ length: 6 }, () => login('auditadmin', TEST_DEMO_PASSWORD, code)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    // The others are refused as a used code; the fifth such failure locks the account (423).
    for (const r of results.filter((x) => x.statusCode !== 200)) expect(['otp_invalid', 'account_locked']).toContain(r.json().code);
    const sessions = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.username = 'auditadmin' AND s.created_at > now() - interval '1 minute'`,
    );
    // the binding session and the one winner
    expect(sessions[0]!.n).toBe(2);
    // the sign-in failures of the losers are not left locking the administrator out
    await t.db.query(`UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE username = 'auditadmin'`);
  });
});

describe('changing one’s password', () => {
  it('ends the account’s other sessions at once and keeps the current one', async () => {
    const here = await t.as('wuli');
    const elsewhere = await t.as('wuli'); // e.g. a stolen cookie
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(200); // now in the session cache
    const next = 'Changed-Passw0rd!2026';
    const res = await here.post('/api/auth/password', { currentPassword: TEST_DEMO_PASSWORD, newPassword: next });
    expect(res.statusCode).toBe(204);
    const other = await elsewhere.get('/api/auth/me');
    expect(other.statusCode).toBe(401);
    expect(other.json().code).toBe('session_expired');
    expect((await elsewhere.post('/api/orgs', {})).statusCode).toBe(401);
    expect((await here.get('/api/auth/me')).statusCode).toBe(200);
  });
});

describe('the lock and a disabled account do not tell which usernames exist', () => {
  it('an unknown username locks after five failures with the same 423 as a real account', async () => {
    const answers = async (username: string) => {
      const out: { status: number; body: { code: string; message: string } }[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await login(username, `Wrong-Passw0rd!${i}`);
        out.push({ status: r.statusCode, body: { code: r.json().code, message: r.json().message } });
      }
      return out;
    };
    const real = await answers('yushe.station');
    const unknown = await answers('no.such.user');
    expect(real.map((r) => r.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(unknown).toEqual(real);
    const audit = await t.db.query<{ result: string }>(`SELECT result FROM audit_log WHERE username = 'no.such.user' AND action = 'auth.login' ORDER BY id`);
    expect(audit.map((a) => a.result)).toEqual(['failure', 'failure', 'failure', 'failure', 'failure', 'denied']);
  });

  it('a disabled account answers its right password exactly as a wrong one', async () => {
    const sec = await t.as('secadmin');
    const [acc] = await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'yushe'`);
    expect((await sec.patch(`/api/accounts/${acc!.id}`, { status: 'disabled' })).statusCode).toBe(204);
    const right = await login('yushe', TEST_DEMO_PASSWORD);
    const wrong = await login('yushe', 'Wrong-Passw0rd!x');
    expect(right.statusCode).toBe(401);
    expect(right.json()).toEqual({ ...wrong.json(), requestId: right.json().requestId });
    expect(right.json()).toMatchObject({ code: 'login_failed', message: '用户名或密码错误' });
    const [audit] = await t.db.query<{ summary: { reason: string } }>(
      `SELECT summary FROM audit_log WHERE username = 'yushe' AND action = 'auth.login' ORDER BY id LIMIT 1`,
    );
    expect(audit!.summary.reason).toBe('disabled');
  });
});
