// The web's fetch wrapper against the real server: the org tree (ETag and 304 on the server) is
// asked again with If-None-Match and a 304 answers the kept tree; another account starts afresh.
// The server is imported by a computed name so the web's type check does not compile the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, setCsrfToken } from './api';

type Inject = { statusCode: number; headers: Record<string, string | string[] | undefined>; json(): unknown };
type ServerApp = { listen(o: { port: number; host: string }): Promise<string>; inject(o: { method: string; url: string; payload?: unknown }): Promise<Inject> };
type TestApp = { app: ServerApp; close(): Promise<void> };

const helpers = '../../../server/src/test/helpers.js';
const realFetch = globalThis.fetch;
let t: TestApp;
let base: string;
let cookie = '';
/** What the server saw and answered, request by request. */
const seen: { ifNoneMatch: string | null; status: number }[] = [];

beforeAll(async () => {
  const { buildTestApp } = (await import(/* @vite-ignore */ helpers)) as { buildTestApp(): Promise<TestApp> };
  t = await buildTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  // the browser's part: same-origin URLs and the session cookie (the server is real)
  globalThis.fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('cookie', cookie);
    const response = await realFetch(`${base}${String(input)}`, { ...init, headers });
    seen.push({ ifNoneMatch: headers.get('if-none-match'), status: response.status });
    return response;
  };
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await t.close();
});

async function signIn(username: string) {
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Demo-Passw0rd!2026' } });
  expect(login.statusCode).toBe(200);
  cookie = String(login.headers['set-cookie']).split(';')[0]!;
  setCsrfToken((login.json() as { csrfToken: string }).csrfToken);
}

describe('the org tree in the web client', () => {
  it('is asked again with If-None-Match and a 304 answers the tree kept from the first answer', async () => {
    await signIn('county');
    seen.length = 0;
    const first = await api.get('/api/orgs/tree');
    expect(seen).toEqual([{ ifNoneMatch: null, status: 200 }]);
    const second = await api.get('/api/orgs/tree');
    expect(seen[1]).toEqual({ ifNoneMatch: expect.stringMatching(/^".+"$/), status: 304 });
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toContain('五里镇');
  });

  it('answers a 304 with a fresh copy: a page that changed the last answer in place does not change the next', async () => {
    await signIn('county');
    const first = await api.get('/api/orgs/tree');
    const count = first.nodes.length;
    first.nodes.length = 0;
    seen.length = 0;
    const again = await api.get('/api/orgs/tree');
    expect(seen).toEqual([{ ifNoneMatch: expect.stringMatching(/^".+"$/), status: 304 }]);
    expect(again.nodes.length).toBe(count);
  });

  it('asks afresh after the account changes (a kept answer is never served to the next account)', async () => {
    await signIn('county');
    await api.get('/api/orgs/tree');
    await signIn('wuli');
    seen.length = 0;
    const township = await api.get('/api/orgs/tree');
    expect(seen).toEqual([{ ifNoneMatch: null, status: 200 }]);
    expect(township.nodes.find((n) => n.id === township.rootId)?.name).toBe('五里镇');
  });
});
