// 三员分立 under attack: every pair of the three administrators (and each with itself) tries to
// grant roles, to create an account with another administrator's role, and to act on the other
// two's accounts. All are refused, and the audit log records each refused attempt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';

let t: TestApp;
const admins = { sysadmin: 'sys_admin', secadmin: 'sec_admin', auditadmin: 'audit_admin' } as const;
type Admin = keyof typeof admins;
const names = Object.keys(admins) as Admin[];
const c = {} as Record<Admin, Client>;
const ids = {} as Record<Admin, number>;
let countyOrg: number;

beforeAll(async () => {
  t = await buildTestApp();
  for (const n of names) c[n] = await t.as(n);
  for (const n of names) {
    const [row] = await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = $1`, [n]);
    ids[n] = row!.id;
  }
  countyOrg = await orgId(t.db, '中共宜君县委员会');
});
afterAll(() => t.close());

async function deniedCount(username: string): Promise<number> {
  const [row] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE username = $1 AND result = 'denied' AND object_type = 'account'`, [username]);
  return row!.n;
}

/** The attempt is refused (400/403), changes nothing, and one denied record is added for its actor. */
async function refused(actor: Admin, method: 'POST' | 'PATCH', url: string, body: Record<string, unknown>) {
  const before = await deniedCount(actor);
  const accountsBefore = await t.db.query(`SELECT id, roles, status, password_hash, locked_until, totp_secret_enc, scope_org_id FROM accounts ORDER BY id`);
  const res = await c[actor].request(method, url, body);
  expect([400, 403], `${actor} ${method} ${url} ${JSON.stringify(body)} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
  expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
  expect(await t.db.query(`SELECT id, roles, status, password_hash, locked_until, totp_secret_enc, scope_org_id FROM accounts ORDER BY id`)).toEqual(accountsBefore);
  expect(await deniedCount(actor), `${actor} ${method} ${url} audited`).toBe(before + 1);
  const [last] = await t.db.query<{ summary: Record<string, unknown>; ip: string }>(
    `SELECT summary, ip FROM audit_log WHERE username = $1 AND result = 'denied' ORDER BY id DESC LIMIT 1`,
    [actor],
  );
  expect(last!.summary).not.toHaveProperty('password');
  return res;
}

const otherRoles = (n: Admin) => names.filter((m) => m !== n).map((m) => admins[m]);

describe('three separate administrators (三员分立), every pair', () => {
  for (const actor of names) {
    it(`${actor} cannot grant itself another administrator role, nor the auditor's`, async () => {
      for (const role of [...otherRoles(actor), 'auditor']) {
        await refused(actor, 'PATCH', `/api/accounts/${ids[actor]}`, { roles: [admins[actor], role] });
        await refused(actor, 'PATCH', `/api/accounts/${ids[actor]}`, { roles: [role] });
      }
    });

    for (const target of names.filter((n) => n !== actor)) {
      it(`${actor} cannot act on ${target}'s account`, async () => {
        for (const body of [{ unlock: true }, { status: 'disabled' }, { resetTotp: true }, { roles: ['county_admin'] }, { scopeOrgId: countyOrg }]) {
          await refused(actor, 'PATCH', `/api/accounts/${ids[target]}`, body);
        }
        await refused(actor, 'POST', `/api/accounts/${ids[target]}/reset-password`, { password: 'Taken-Over#2026xy' });
      });
    }

    it(`${actor} cannot create an account holding an administrator or audit role`, async () => {
      for (const role of ['sys_admin', 'sec_admin', 'audit_admin', 'auditor']) {
        await refused(actor, 'POST', '/api/accounts', { username: `puppet.${actor}.${role}`.replace(/_/g, ''), displayName: '傀儡', password: 'Puppet-Account#2026', roles: [role], scopeOrgId: countyOrg });
      }
      const [row] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts WHERE username LIKE 'puppet.%'`);
      expect(row!.n).toBe(0);
    });
  }

  it('an account the system administrator created gets an administrator role only after its holder set their own password, and then is out of the system administrator’s reach', async () => {
    const created = await c.sysadmin.post('/api/accounts', { username: 'new.auditor', displayName: '新审计员', password: 'Initial-Passw0rd#1', roles: ['county_admin'], scopeOrgId: countyOrg });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    // The system administrator still knows the initial password: the grant is refused.
    await refused('secadmin', 'PATCH', `/api/accounts/${id}`, { roles: ['auditor'] });
    // Its holder signs in and replaces the initial password.
    const holder = await t.as('new.auditor', 'Initial-Passw0rd#1');
    expect((await holder.post('/api/auth/password', { currentPassword: 'Initial-Passw0rd#1', newPassword: 'Own-Passw0rd#2026' })).statusCode).toBe(204);
    expect((await c.secadmin.patch(`/api/accounts/${id}`, { roles: ['auditor'] })).statusCode).toBe(204);
    // Now the system administrator cannot take it over by resetting its password.
    await refused('sysadmin', 'POST', `/api/accounts/${id}/reset-password`, { password: 'Taken-Over#2026xy' });
    const auditor = await t.as('new.auditor', 'Own-Passw0rd#2026');
    expect((await auditor.get('/api/audit')).statusCode).toBe(200);
  });

  it('the ordinary duties still work: the system administrator resets a village account’s password, the security administrator unlocks it', async () => {
    const [yushe] = await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'yushe'`);
    expect((await c.sysadmin.post(`/api/accounts/${yushe!.id}/reset-password`, { password: 'Reset-Passw0rd#2026' })).statusCode).toBe(204);
    expect((await c.secadmin.patch(`/api/accounts/${yushe!.id}`, { unlock: true })).statusCode).toBe(204);
  });
});
