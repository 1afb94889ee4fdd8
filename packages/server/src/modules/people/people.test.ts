import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonDetail, PersonSummary } from '@lianxin/contract';
import { buildTestApp, orgId, testPii, type Client, type TestApp } from '../../test/helpers.js';
import { checkCharacter } from '../../core/id-number.js';

let t: TestApp;
let county: Client;
let yushe: Client;
beforeAll(async () => {
  t = await buildTestApp();
  county = await t.as('county');
  yushe = await t.as('yushe');
});
afterAll(() => t.close());

const validId = (birth: string, male: boolean, seq = 12) => {
  const first17 = `610222${birth.replaceAll('-', '')}${String(seq).padStart(2, '0')}${male ? 1 : 2}`;
  return first17 + checkCharacter(first17);
};

type Page = { items: PersonSummary[]; total: number; page: number; pageSize: number };

describe('the member roster', () => {
  it('lists a village its own members only, paged, with ID numbers and phones masked', async () => {
    const res = await yushe.get('/api/people?memberStatus=member&pageSize=10');
    expect(res.statusCode).toBe(200);
    const page = res.json() as Page;
    expect(page.items).toHaveLength(10);
    expect(page.total).toBeGreaterThan(20);
    for (const p of page.items) {
      expect(p.org.name).toMatch(/榆舍村|党小组/);
      expect(p.idNumber).toMatch(/^6102\*{10}[\dX]{4}$/);
      expect(p.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
  });

  it('shows the county organization department full ID numbers (its role needs them)', async () => {
    const page = (await county.get('/api/people?pageSize=5')).json() as Page;
    expect(page.items).toHaveLength(5);
    for (const p of page.items) expect(p.idNumber).toMatch(/^\d{17}[\dX]$/);
  });

  it('filters by gender, age, join date, education and name, and sorts', async () => {
    const q = '/api/people?gender=female&ageMin=30&ageMax=50&memberStatus=formal&sort=birthDate&order=desc&pageSize=100';
    const page = (await county.get(q)).json() as Page;
    expect(page.total).toBeGreaterThan(0);
    for (const p of page.items) {
      expect(p.gender).toBe('female');
      expect(p.age).toBeGreaterThanOrEqual(30);
      expect(p.age).toBeLessThanOrEqual(50);
      expect(p.memberStatus).toBe('formal');
    }
    const births = page.items.map((p) => p.birthDate!);
    expect([...births].sort().reverse()).toEqual(births);
    const [row] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM persons WHERE gender = 'female' AND member_status = 'formal' AND status = 'active'
       AND birth_date <= (CURRENT_DATE - interval '30 years') AND birth_date > (CURRENT_DATE - interval '51 years')`,
    );
    expect(Math.abs(page.total - row!.n)).toBeLessThanOrEqual(2); // CURRENT_DATE is UTC; the API counts in China time
    const joined = (await county.get('/api/people?joinFrom=2020-01-01&joinTo=2020-12-31&pageSize=100')).json() as Page;
    expect(joined.items.length).toBeGreaterThan(0);
    for (const p of joined.items) expect(p.joinDate!.startsWith('2020')).toBe(true);
    const someone = page.items[0]!;
    const byName = (await county.get(`/api/people?q=${encodeURIComponent(someone.name)}`)).json() as Page;
    expect(byName.items.some((p) => p.id === someone.id)).toBe(true);
    const edu = (await county.get('/api/people?education=bachelor&pageSize=50')).json() as Page;
    expect(edu.items.length).toBeGreaterThan(0);
    for (const p of edu.items) expect(p.education).toBe('bachelor');
  });

  it('pages the county roster in id order both ways, the same rows as the county in SQL (read by the county index as a keyset)', async () => {
    const [c] = await t.db.query<{ id: number }>(`SELECT scope_org_id AS id FROM accounts WHERE username = 'county'`);
    const ids = (await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE county_id = $1 AND status = 'active' ORDER BY id`, [c!.id])).map((r) => Number(r.id));
    expect(ids.length).toBeGreaterThan(40);
    const get = async (q: string) => ((await county.get(`/api/people?${q}`)).json() as Page).items.map((p) => p.id);
    expect(await get('pageSize=20')).toEqual(ids.slice(0, 20));
    expect(await get('pageSize=20&page=2')).toEqual(ids.slice(20, 40));
    expect(await get('pageSize=20&order=desc')).toEqual([...ids].reverse().slice(0, 20));
    expect(await get('pageSize=20&page=2&order=desc')).toEqual([...ids].reverse().slice(20, 40));
  });

  it('limits the roster to a subtree of the scope, and answers 404 for a subtree outside it', async () => {
    const station = await orgId(t.db, '榆舍党建工作站');
    const page = (await county.get(`/api/people?orgId=${station}&pageSize=200`)).json() as Page;
    const orgs = new Set(page.items.map((p) => p.org.name));
    expect(orgs.has('榆舍村')).toBe(true);
    expect([...orgs].every((n) => !n.includes('彭镇'))).toBe(true);
    expect((await yushe.get(`/api/people?orgId=${station}`)).statusCode).toBe(404);
  });

  it('refuses bad filters with a clear message', async () => {
    const res = await county.get('/api/people?ageMin=50&ageMax=30');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('年龄上限不能小于下限');
    const unknown = await county.get('/api/people?sortBy=name');
    expect(unknown.statusCode).toBe(400);
    const badDate = await county.get('/api/people?joinFrom=2020-13-01');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toContain('YYYY-MM-DD');
  });
});

describe('a person record', () => {
  it('creates a member with a valid ID number; stores it encrypted; audits without personal data', async () => {
    const village = await orgId(t.db, '榆舍村');
    const id = validId('1990-05-04', false);
    const res = await yushe.post('/api/people', {
      name: '测试甲', gender: 'female', idNumber: id, phone: '13912345678', education: 'bachelor',
      orgId: village, memberStatus: 'probationary', joinDate: '2026-07-01',
    });
    expect(res.statusCode).toBe(201);
    const person = res.json() as PersonDetail;
    expect(person).toMatchObject({ name: '测试甲', birthDate: '1990-05-04', idNumber: `6102**********${id.slice(-4)}`, phone: '139****5678' });
    const [row] = await t.db.query<{ id_number_enc: string; phone_enc: string }>(`SELECT id_number_enc, phone_enc FROM persons WHERE id = $1`, [person.id]);
    expect(row!.id_number_enc).not.toContain(id);
    expect(testPii.decrypt(row!.id_number_enc)).toBe(id);
    const audit = await t.db.query<{ summary: unknown }>(`SELECT summary FROM audit_log WHERE action = 'person.create' AND object_id = $1`, [String(person.id)]);
    expect(JSON.stringify(audit)).not.toContain(id);
    expect(JSON.stringify(audit)).not.toContain('13912345678');
    const dup = await yushe.post('/api/people', { name: '测试乙', gender: 'female', idNumber: id, orgId: village });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('该身份证号已登记');
  });

  it('names every wrong field at once', async () => {
    const village = await orgId(t.db, '榆舍村');
    const res = await yushe.post('/api/people', {
      name: '测试丙', gender: 'male', idNumber: '610222199005041231', phone: '123', orgId: village, memberStatus: 'formal',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['idNumber', 'phone', 'joinDate']));
    expect(res.json().message).toBe('身份证号校验位错误，请核对');
    const [n] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons WHERE name = '测试丙'`);
    expect(n!.n).toBe(0);
  });

  it('refuses to register someone in another village (404-like field error) and hides others\' records', async () => {
    const other = await orgId(t.db, '榆舍党建工作站');
    const res = await yushe.post('/api/people', { name: '测试丁', gender: 'male', orgId: await orgId(t.db, '彭镇村') });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields[0]).toMatchObject({ field: 'orgId' });
    const [outsider] = await t.db.query<{ id: number }>(`SELECT p.id FROM persons p JOIN orgs o ON o.id = p.org_id WHERE o.name = '彭镇村' LIMIT 1`);
    expect((await yushe.get(`/api/people/${outsider!.id}`)).statusCode).toBe(404);
    expect((await yushe.patch(`/api/people/${outsider!.id}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    void other;
  });

  it('edits with a version check, and keeps the history', async () => {
    const page = (await yushe.get('/api/people?pageSize=1')).json() as Page;
    const p = page.items[0]!;
    const ok = await yushe.patch(`/api/people/${p.id}`, { version: p.version, education: 'master', flowStatus: 'outflow' });
    expect(ok.statusCode).toBe(200);
    const detail = ok.json() as PersonDetail;
    expect(detail).toMatchObject({ education: 'master', flowStatus: 'outflow', version: p.version + 1 });
    expect(detail.history[0]).toMatchObject({ action: 'person.update', username: 'yushe', by: '榆舍村党支部（演示）' });
    expect(detail.history[0]!.summary).toMatchObject({ education: { to: 'master' } });
    const stale = await yushe.patch(`/api/people/${p.id}`, { version: p.version, education: 'doctor' });
    expect(stale.statusCode).toBe(412);
    const extra = await yushe.patch(`/api/people/${p.id}`, { version: detail.version, salary: 1 });
    expect(extra.statusCode).toBe(400);
  });

  it('a station may read but not edit people', async () => {
    const station = await t.as('yushe.station');
    const page = (await station.get('/api/people?pageSize=1')).json() as Page;
    const res = await station.patch(`/api/people/${page.items[0]!.id}`, { version: 1, name: 'x' });
    expect(res.statusCode).toBe(403);
  });
});

describe('posts, cadres and reserve cadres', () => {
  it('appoints a first secretary sent from a department, lists the cadre ledger, ends the term', async () => {
    const village = await orgId(t.db, '沙坪村');
    const page = (await county.get(`/api/people?orgId=${village}&memberStatus=formal&pageSize=1`)).json() as Page;
    const person = page.items[0]!;
    const missing = await county.post('/api/posts', { personId: person.id, orgId: village, role: 'first_secretary', startDate: '2026-01-01' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toBe('第一书记须填写选派单位');
    const res = await county.post('/api/posts', { personId: person.id, orgId: village, role: 'first_secretary', sentFrom: '县财政局', startDate: '2026-01-01' });
    expect(res.statusCode).toBe(201);
    const ledger = (await county.get(`/api/cadres?orgId=${village}&role=first_secretary`)).json();
    expect(ledger.items).toEqual([expect.objectContaining({ role: 'first_secretary', sentFrom: '县财政局', person: expect.objectContaining({ id: person.id }) })]);
    const end = await county.post(`/api/posts/${res.json().id}/end`, { endDate: '2025-01-01' });
    expect(end.statusCode).toBe(400);
    expect((await county.post(`/api/posts/${res.json().id}/end`, { endDate: '2026-06-30' })).statusCode).toBe(204);
    const after = (await county.get(`/api/cadres?orgId=${village}&role=first_secretary`)).json();
    expect(after.items).toEqual([]);
  });

  it('keeps a one-shoulder secretary (一肩挑) and refuses it on other posts', async () => {
    const combined = (await county.get('/api/cadres?role=secretary&pageSize=200')).json();
    expect(combined.items.some((c: { concurrent: boolean }) => c.concurrent)).toBe(true);
    const village = await orgId(t.db, '沙坪村');
    const person = ((await county.get(`/api/people?orgId=${village}&pageSize=1`)).json() as Page).items[0]!;
    const res = await county.post('/api/posts', { personId: person.id, orgId: village, role: 'clerk', concurrent: true, startDate: '2026-01-01' });
    expect(res.statusCode).toBe(400);
  });

  it('lists the reserve-cadre pool of the scope and adds to it once', async () => {
    const pool = (await county.get('/api/reserve-cadres')).json();
    expect(pool.total).toBeGreaterThan(0);
    const person = ((await yushe.get('/api/people?memberStatus=formal&pageSize=1&sort=birthDate&order=desc')).json() as Page).items[0]!;
    expect((await yushe.post('/api/reserve-cadres', { personId: person.id, targetRole: '村党支部书记', addedOn: '2026-11-01' })).statusCode).toBe(403);
    const wuli = await t.as('wuli');
    const res = await wuli.post('/api/reserve-cadres', { personId: person.id, targetRole: '村党支部书记', addedOn: '2026-11-01' });
    expect([201, 409]).toContain(res.statusCode);
    const again = await wuli.post('/api/reserve-cadres', { personId: person.id, targetRole: '村党支部书记', addedOn: '2026-11-01' });
    expect(again.statusCode).toBe(409);
  });
});
