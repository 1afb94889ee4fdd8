// 账号关联人员: the county links a work account to the person who uses it and unlinks it, audited;
// the person's page shows the link; townships may not, the three administrators' accounts are not
// listed, and a person outside the roster is refused with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountLinkPage, AccountLinkRow, PersonDetail } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';

let t: TestApp;
let county: Client;
let person: number;
let yusheAccount: number;
beforeAll(async () => {
  t = await buildTestApp();
  county = await t.as('county');
  const res = await (await t.as('yushe')).post('/api/people', { name: '关联测试人', gender: 'male', orgId: await orgId(t.db, '榆舍村'), birthDate: '1980-01-01' });
  expect(res.statusCode, res.body).toBe(201);
  person = (res.json() as { id: number }).id;
  yusheAccount = (await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'yushe'`))[0]!.id;
});
afterAll(() => t.close());

const linkOf = async () => (await t.db.query<{ person_id: number | null }>(`SELECT person_id FROM accounts WHERE id = $1`, [yusheAccount]))[0]!.person_id;
const audits = async (action: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]))[0]!.n;

describe('linking accounts to persons', () => {
  it('lists the county\'s work accounts, not the three administrators\'', async () => {
    const page = (await county.get('/api/account-links?pageSize=200')).json() as AccountLinkPage;
    const names = page.items.map((a) => a.username);
    expect(names).toEqual(expect.arrayContaining(['yushe', 'wuli']));
    expect(names).not.toContain('sysadmin');
    expect(names).not.toContain('auditadmin');
    const found = (await county.get('/api/account-links?q=yushe')).json() as AccountLinkPage;
    expect(found.items.map((a) => a.username)).toContain('yushe');
    expect((await county.get(`/api/account-links/${(await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'sysadmin'`))[0]!.id}`)).statusCode).toBe(404);
  });

  it('links and unlinks, audited, and the person\'s page shows the account', async () => {
    const res = await county.request('PUT', `/api/account-links/${yusheAccount}`, { personId: person });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json() as AccountLinkRow).toMatchObject({ username: 'yushe', person: { id: person, name: '关联测试人' } });
    expect(await linkOf()).toBe(person);
    expect(await audits('account.link')).toBe(1);
    const page = (await (await t.as('yushe')).get(`/api/people/${person}`)).json() as PersonDetail;
    expect(page.accounts.map((a) => a.username)).toEqual(['yushe']);
    const linked = (await county.get('/api/account-links?linked=true&pageSize=200')).json() as AccountLinkPage;
    expect(linked.items.map((a) => a.username)).toEqual(['yushe']);

    const off = await county.request('PUT', `/api/account-links/${yusheAccount}`, { personId: null });
    expect(off.statusCode).toBe(200);
    expect((off.json() as AccountLinkRow).person).toBeNull();
    expect(await linkOf()).toBeNull();
    expect(await audits('account.unlink')).toBe(1);
    expect(((await county.get(`/api/people/${person}`)).json() as PersonDetail).accounts).toEqual([]);
  });

  it('refuses a township, a person not on the roster, and an unknown account — changing nothing', async () => {
    expect((await (await t.as('wuli')).request('PUT', `/api/account-links/${yusheAccount}`, { personId: person })).statusCode).toBe(403);
    const missing = await county.request('PUT', `/api/account-links/${yusheAccount}`, { personId: 999_999_999 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toMatch(/人员不存在或不在您的管辖范围内/);
    expect((await county.request('PUT', '/api/account-links/999999999', { personId: person })).statusCode).toBe(404);
    expect(await linkOf()).toBeNull();
  });
});
