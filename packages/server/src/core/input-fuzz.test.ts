// API input fuzz from the route schemas: random bodies and query strings on every route must
// never answer 5xx or leak a stack trace.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../test/helpers.js';

let t: TestApp;
let county: Client;
let routes: { method: string; path: string }[];
beforeAll(async () => {
  t = await buildTestApp();
  county = await t.as('county');
  const doc = (await t.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })));
  routes = routes.filter((r) => !r.path.startsWith('/api/auth/'));
});
afterAll(() => t.close());

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const body = fc.oneof(
  fc.dictionary(fc.constantFrom('name', 'version', 'parentId', 'type', 'orgId', 'gender', 'idNumber', 'phone', 'roles', 'x', '__proto__', 'constructor'), jsonValue),
  jsonValue,
);
const idSegment = fc.oneof(fc.integer({ min: -5, max: 10_000_000 }).map(String), fc.constantFrom('abc', '1e3', '0x10', '%00', '9'.repeat(30)));
const query = fc.dictionary(fc.constantFrom('page', 'pageSize', 'orgId', 'ageMin', 'from', 'sort', 'q', 'rootId', 'version'), fc.string({ maxLength: 12 }));

describe('input fuzz', () => {
  it('answers every random request with 2xx/4xx and a {code, message} error body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10_000 }), idSegment, body, query, async (pick, id, payload, q) => {
        const r = routes[pick % routes.length]!;
        const qs = new URLSearchParams(q).toString();
        const url = r.path.replace('{id}', encodeURIComponent(id)) + (qs ? `?${qs}` : '');
        const res = await county.request(r.method as never, url, r.method === 'GET' || r.method === 'DELETE' ? undefined : payload as never);
        expect(res.statusCode, `${r.method} ${url} ${JSON.stringify(payload)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const err = res.json();
          expect(typeof err.code).toBe('string');
          expect(typeof err.message).toBe('string');
          expect(res.body).not.toMatch(/at .*\.ts:\d+/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an oversized body with 413', async () => {
    const res = await county.post('/api/orgs', { parentId: 1, type: 'village', name: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });

  it('refuses a body of the wrong content type with 415', async () => {
    const res = await county.request('POST', '/api/orgs', '<xml/>', { 'content-type': 'application/xml' });
    expect(res.statusCode).toBe(415);
  });
});
