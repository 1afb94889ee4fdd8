import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, orgId, type Client, type TestApp } from '../test/helpers.js';

let t: TestApp;
let wuli: Client;
beforeAll(async () => {
  t = await buildTestApp();
  wuli = await t.as('wuli');
});
afterAll(() => t.close());

describe('Idempotency-Key', () => {
  it('creates one record for a retried submission and answers the first response again', async () => {
    const station = await orgId(t.db, '五里党建工作站');
    const body = { parentId: station, type: 'village', name: '重试村' };
    const headers = { 'idempotency-key': 'create-village-0001' };
    const first = await wuli.request('POST', '/api/orgs', body, headers);
    const again = await wuli.request('POST', '/api/orgs', body, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replay']).toBe('true');
    const rows = await t.db.query(`SELECT 1 FROM orgs WHERE name = '重试村'`);
    expect(rows).toHaveLength(1);
  });

  it('lets a refused request be corrected and retried with the same key', async () => {
    const station = await orgId(t.db, '五里党建工作站');
    const headers = { 'idempotency-key': 'create-village-0002' };
    const bad = await wuli.request('POST', '/api/orgs', { parentId: station, type: 'station', name: '错误' }, headers);
    expect(bad.statusCode).toBe(400);
    const good = await wuli.request('POST', '/api/orgs', { parentId: station, type: 'village', name: '更正村' }, headers);
    expect(good.statusCode).toBe(201);
  });

  it('refuses a malformed key', async () => {
    const res = await wuli.request('POST', '/api/orgs', {}, { 'idempotency-key': 'x' });
    expect(res.statusCode).toBe(400);
  });
});
