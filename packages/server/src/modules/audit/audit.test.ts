import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../core/audit.js';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';

let t: TestApp;
let auditor: Client;
beforeAll(async () => {
  t = await buildTestApp();
  auditor = await t.as('auditor');
});
afterAll(() => t.close());

describe('the audit log', () => {
  it('records every mutation with who, what, result and source address', async () => {
    const wuli = await t.as('wuli');
    const station = await orgId(t.db, '榆舍党建工作站');
    const created = await wuli.post('/api/orgs', { parentId: station, type: 'village', name: '审计测试村' });
    expect(created.statusCode).toBe(201);
    const page = (await auditor.get('/api/audit?username=wuli&action=org.')).json();
    expect(page.items[0]).toMatchObject({ username: 'wuli', action: 'org.create', objectType: 'org', objectId: String(created.json().id), result: 'success', ip: '127.0.0.1' });
    expect(page.items[0].summary).toMatchObject({ name: '审计测试村', type: 'village' });
  });

  it('filters by object and by date (China time)', async () => {
    const all = (await auditor.get('/api/audit?objectType=org&pageSize=200')).json();
    expect(all.items.every((i: { objectType: string }) => i.objectType === 'org')).toBe(true);
    const future = (await auditor.get('/api/audit?from=2099-01-01')).json();
    expect(future.total).toBe(0);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const todays = (await auditor.get(`/api/audit?from=${today}&to=${today}`)).json();
    expect(todays.total).toBeGreaterThan(0);
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(t.db.query(`UPDATE audit_log SET username = 'someone' WHERE id = 1`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_log WHERE id = 1`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('keeps one unbroken chain when many transactions append to it at once', async () => {
    const before = await verifyAuditChain(t.db, null);
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        t.db.transaction((tx) =>
          appendAudit(tx, { countyId: null, accountId: null, username: 'system', action: 'test.concurrent', summary: { i, 说明: '并发写入「审计」\u2028' }, result: 'success', ip: null }),
        ),
      ),
    );
    const after = await verifyAuditChain(t.db, null);
    expect(after).toEqual({ ok: true, checked: before.checked + 16 });
  });

  it('finds records cut off the end of a lane: the lane must end where its head row points', async () => {
    await t.db.transaction((tx) =>
      appendAudit(tx, { countyId: null, accountId: null, username: 'system', action: 'test.tail', result: 'success', ip: null }),
    );
    const [record] = await t.db.query<{ id: number; lane: number }>(
      `SELECT id, lane FROM audit_log WHERE action = 'test.tail'`,
    );
    expect((await verifyAuditChain(t.db, null)).ok).toBe(true);
    // as if a last record were gone: the head row points past the lane's last record
    await t.db.query(`UPDATE audit_heads SET hash = translate(hash, '0123456789abcdef', '123456789abcdef0') WHERE chain = 0 AND lane = $1`, [record!.lane]);
    expect(await verifyAuditChain(t.db, null)).toMatchObject({ ok: false, brokenAt: record!.id });
    await t.db.query(`UPDATE audit_heads SET hash = (SELECT hash FROM audit_log WHERE id = $2) WHERE chain = 0 AND lane = $1`, [record!.lane, record!.id]);
    expect((await verifyAuditChain(t.db, null)).ok).toBe(true);
  });

  it('verifies the hash chain, and reports where a forged record breaks it', async () => {
    const ok = (await auditor.get('/api/audit/verify')).json();
    expect(ok).toMatchObject({ ok: true });
    expect(ok.checked).toBeGreaterThan(1);
    const [county] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE type = 'county' LIMIT 1`);
    const [forged] = await t.db.query<{ id: number }>(
      `INSERT INTO audit_log (county_id, username, action, result, prev_hash, hash) VALUES ($1, 'nobody', 'org.delete', 'success', 'x', 'y') RETURNING id`,
      [county!.id],
    );
    const broken = (await auditor.get('/api/audit/verify')).json();
    expect(broken).toMatchObject({ ok: false, brokenAt: forged!.id });
  });

  it('never holds ID numbers or phones', async () => {
    const rows = await t.db.query<{ summary: unknown }>(`SELECT summary FROM audit_log`);
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
  });
});

describe('a citizen\'s request in the audit log', () => {
  it('lists the public submission (no account) and filters by the request', async () => {
    const { solve } = await import('../../core/challenge.js');
    const stationId = await orgId(t.db, '榆舍党建工作站');
    const ch = (await t.anonymous.get('/api/public/challenge')).json();
    const sent = await t.anonymous.post('/api/public/requests', { unitId: stationId, name: '李大爷', phone: '13900005678', matter: '村口水管漏水', category: 'errand', challengeToken: ch.token, challengeAnswer: solve(ch.question) });
    expect(sent.statusCode, sent.body).toBe(201);
    const [opened] = await t.db.query<{ object_id: string }>(`SELECT object_id FROM audit_log WHERE action = 'request.open' ORDER BY id DESC LIMIT 1`);

    const all = await auditor.get('/api/audit');
    expect(all.statusCode, all.body).toBe(200);
    const entry = all.json().items.find((i: { action: string }) => i.action === 'request.open');
    expect(entry).toMatchObject({ accountId: null, username: '群众', objectType: 'request', objectId: opened!.object_id });
    expect(JSON.stringify(all.json())).not.toMatch(/13900005678/);

    const mine = await auditor.get(`/api/audit?objectType=request&objectId=${opened!.object_id}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().total).toBeGreaterThanOrEqual(1);
    expect(mine.json().items.every((i: { objectId: string }) => i.objectId === opened!.object_id)).toBe(true);
  });
});
