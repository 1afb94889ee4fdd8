// Input that passes a naive schema but used to answer 500: NUL and lone surrogates, year 0000,
// whitespace-only required text, integers beyond int4, malformed multipart, an export failing
// after its download started, unknown routes and oversized headers. Each answers a 4xx in the
// one error format {code, message, requestId}, names the field, and changes nothing.
import http from 'node:http';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, orgId, type Client, type TestApp } from '../test/helpers.js';
import { isPlausibleDate, registerHttpConventions } from './http.js';
import { sendWorkbook } from './xlsx-write.js';

let t: TestApp;
let county: Client;
let village: number;
beforeAll(async () => {
  t = await buildTestApp();
  county = await t.as('county');
  village = await orgId(t.db, '榆舍村');
});
afterAll(() => t.close());

function expectFieldError(res: { statusCode: number; json(): any }, field: string) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
  const body = res.json();
  expect(body).toMatchObject({ code: 'validation_failed', message: expect.stringContaining(field), requestId: expect.any(String) });
  expect(body.details.fields[0].field).toBe(field);
}

describe('text no database should hold', () => {
  it('refuses NUL in a login (no login needed to reach it) with 400 naming the field', async () => {
    expectFieldError(await t.anonymous.post('/api/auth/login', { username: 'county\u0000', password: 'x' }), 'username');
    expectFieldError(await t.anonymous.post('/api/auth/login', { username: 'county', password: 'a\u0000b' }), 'password');
  });

  it('refuses a lone surrogate in a name that enters the audit summary', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM orgs`);
    expectFieldError(await county.post('/api/orgs', { parentId: village, type: 'party_group', name: '第一\uD800党小组' }), 'name');
    expectFieldError(await county.post('/api/orgs', { parentId: village, type: 'party_group', name: '\uDC00' }), 'name');
    expect(await t.db.query(`SELECT count(*)::int AS n FROM orgs`)).toEqual(before);
    // a whole pair (an emoji) is fine text
    expect((await county.post('/api/orgs', { parentId: village, type: 'party_group', name: '第一党小组😀' })).statusCode).toBe(201);
  });

  it('refuses NUL in a query string and in a path segment', async () => {
    const res = await county.get('/api/people?name=%00');
    expectFieldError(res, 'name');
    const path = await county.get('/api/orgs/1%00');
    expect(path.statusCode).toBe(400);
  });
});

describe('dates, blanks and numbers', () => {
  it('accepts real calendar days only', () => {
    expect(isPlausibleDate('2026-02-28')).toBe(true);
    expect(isPlausibleDate('2024-02-29')).toBe(true);
    for (const bad of ['0000-01-01', '2026-02-29', '2026-13-01', '2026-04-31', '9999-12-31', '2026-1-1']) expect(isPlausibleDate(bad), bad).toBe(false);
  });

  it('refuses year 0000 in a body and in a query', async () => {
    const res = await county.post('/api/people', { name: '张三', gender: 'male', orgId: village, birthDate: '0000-01-01' });
    expectFieldError(res, 'birthDate');
    expect((await county.get('/api/ledger/problems?from=0000-01-01')).statusCode).toBe(400);
  });

  it('refuses whitespace-only required text', async () => {
    expectFieldError(await county.post('/api/orgs', { parentId: village, type: 'party_group', name: '   ' }), 'name');
  });

  it('refuses a version beyond int4 instead of letting it reach SQL', async () => {
    const res = await county.patch(`/api/orgs/${village}`, { version: 2 ** 31, name: '榆舍村' });
    expectFieldError(res, 'version');
    expect((await county.patch(`/api/orgs/${village}`, { version: 99_999_999_999_999, name: '榆舍村' })).statusCode).toBe(400);
  });
});

describe('malformed multipart on every upload route', () => {
  const broken = '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\nPK\u0003\u0004 half a file';
  const noBoundary = 'whatever';
  it('answers 400, never 500', async () => {
    const [problem] = await t.db.query<{ id: number }>(`SELECT case_id AS id FROM problems ORDER BY case_id LIMIT 1`);
    const [directive] = await t.db.query<{ id: number }>(`SELECT id FROM directives ORDER BY id LIMIT 1`);
    const [assignment] = await t.db.query<{ id: number }>(`SELECT id FROM assignments ORDER BY id LIMIT 1`);
    const urls = [
      '/api/ledger/problems/import',
      `/api/ledger/problems/${problem?.id ?? 1}/attachments`,
      '/api/people/import',
      '/api/cadres/import',
      '/api/reserve-cadres/import',
      `/api/directives/${directive?.id ?? 1}/attachments`,
      `/api/assignments/${assignment?.id ?? 1}/attachments`,
    ];
    // the public photo route, without a login
    const publicPhoto = '/api/public/requests/ABCDEF123/photo';
    for (const url of urls) {
      for (const [payload, type] of [[broken, 'multipart/form-data; boundary=XYZ'], [noBoundary, 'multipart/form-data']] as const) {
        const res = await county.request('POST', url, payload, { 'content-type': type });
        expect(res.statusCode, `${url} ${type} → ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${url} ${type} → ${res.body}`).toBeLessThan(500);
        expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
      }
    }
    const res = await t.anonymous.request('POST', publicPhoto, broken, { 'content-type': 'multipart/form-data; boundary=XYZ' });
    expect(res.statusCode, res.body).toBeLessThan(500);
  });
});

describe('one error format everywhere', () => {
  it('an unknown /api route answers {code, message, requestId}', async () => {
    const res = await t.anonymous.get('/api/no/such/route');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'route_not_found', message: '接口不存在', requestId: expect.any(String) });
  });

  it('oversized request headers answer 431 in the error format', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as { port: number }).port;
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/api/health', headers: { 'x-big': 'a'.repeat(64 * 1024) } }, (r) => {
        let body = '';
        r.on('data', (c) => (body += c));
        r.on('end', () => resolve({ status: r.statusCode!, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toEqual({ code: 'headers_too_large', message: '请求头过大', requestId: expect.any(String) });
  });

  it('an export that fails after its download started ends the download unfinished and logs, with no JSON appended', async () => {
    const lines: string[] = [];
    const app = Fastify({ logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } } });
    await registerHttpConventions(app, { resolveSession: async () => undefined });
    app.get('/api/broken-export', { config: { policy: 'public' } }, async (_request, reply) => {
      async function* rows() {
        yield [['第一行', 1]];
        await new Promise((r) => setTimeout(r, 20));
        throw new Error('the database went away');
      }
      await sendWorkbook(reply, 'x.xlsx', 'x', [{ header: 'a', width: 10 }, { header: 'b', width: 10 }], rows());
      return reply;
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const outcome = await new Promise<{ status: number; body: Buffer; aborted: boolean }>((resolve) => {
      http.get({ host: '127.0.0.1', port, path: '/api/broken-export' }, (r) => {
        const chunks: Buffer[] = [];
        let aborted = false;
        r.on('data', (c) => chunks.push(c));
        r.on('aborted', () => (aborted = true));
        r.on('error', () => (aborted = true));
        r.on('close', () => resolve({ status: r.statusCode!, body: Buffer.concat(chunks), aborted: aborted || !r.complete }));
      });
    });
    await app.close();
    expect(outcome.status).toBe(200);
    expect(outcome.aborted).toBe(true);
    expect(outcome.body.toString('latin1')).not.toContain('"code"');
    const log = lines.join('');
    expect(log).toContain('the database went away');
    // not a second answer attempted over the started one (a 500 JSON mixed into the download)
    expect(log).not.toContain('FST_ERR_REP_INVALID_PAYLOAD_TYPE');
    expect(log).not.toContain('Reply was already sent');
  });
});
