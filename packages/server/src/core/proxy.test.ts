// Behind a reverse proxy: which X-Forwarded-* headers are believed (TRUST_PROXY), and the Origin
// check's host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../config.js';
import { buildTestApp, type TestApp } from '../test/helpers.js';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});

async function failedLoginIp(t: TestApp, headers: Record<string, string>, remoteAddress = '10.0.0.1'): Promise<string> {
  const username = `nobody.${Math.random().toString(36).slice(2, 8)}`;
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, headers, payload: { username, password: 'Wrong-Passw0rd!x' } });
  expect(res.statusCode).toBe(401);
  const [row] = await t.db.query<{ ip: string }>(`SELECT ip FROM audit_log WHERE action = 'auth.login' AND username = $1`, [username]);
  return row!.ip;
}

describe('TRUST_PROXY', () => {
  it('parses a hop count or an address list, and refuses "trust everything"', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.1, 10.0.0.2')).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(parseTrustProxy('10.0.0.0/8,::1')).toEqual(['10.0.0.0/8', '::1']);
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy('*')).toThrow(/TRUST_PROXY/);
  });

  let oneHop: TestApp;
  let none: TestApp;
  let listed: TestApp;
  beforeAll(async () => {
    // Built one after another: three databases at once strain two shared cores.
    oneHop = await buildTestApp({ trustProxy: 1, loginRateLimit: 3 });
    none = await buildTestApp();
    listed = await buildTestApp({ trustProxy: ['10.0.0.1'] });
    apps.push(oneHop, none, listed);
  });

  it('with one hop, the address is the one the proxy saw, not a forged left-most X-Forwarded-For entry', async () => {
    // The client sends "X-Forwarded-For: 6.6.6.6"; nginx appends the client's real address.
    expect(await failedLoginIp(oneHop, { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' })).toBe('203.0.113.7');
    expect(await failedLoginIp(oneHop, { 'x-forwarded-for': '203.0.113.8' })).toBe('203.0.113.8');
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored', async () => {
    expect(await failedLoginIp(none, { 'x-forwarded-for': '6.6.6.6' })).toBe('10.0.0.1');
  });

  it('with an address list, only those proxies are believed', async () => {
    expect(await failedLoginIp(listed, { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }, '10.0.0.1')).toBe('203.0.113.9');
    expect(await failedLoginIp(listed, { 'x-forwarded-for': '203.0.113.9' }, '10.9.9.9')).toBe('10.9.9.9');
  });

  it('a per-address limit binds even when the client varies its own X-Forwarded-For', async () => {
    const t = oneHop; // 3 sign-ins a minute per address
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST', url: '/api/auth/login', remoteAddress: '10.0.0.1',
        headers: { 'x-forwarded-for': `6.6.6.${i}, 203.0.113.50` },
        payload: { username: 'nobody', password: 'Wrong-Passw0rd!x' },
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(3)).toEqual([429, 429]);
  });

  it('the Origin check believes X-Forwarded-Host only from a trusted proxy', async () => {
    const forged = { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example', host: 'lianxin.example' };
    const res = await none.app.inject({ method: 'POST', url: '/api/auth/login', headers: forged, payload: { username: 'county', password: 'x' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
    // Behind the proxy the browser's origin is the public host the proxy forwards.
    const viaProxy = await oneHop.app.inject({
      method: 'POST', url: '/api/auth/login', remoteAddress: '10.0.0.1',
      headers: { origin: 'https://dangjian.example', 'x-forwarded-host': 'dangjian.example', host: '127.0.0.1:3000' },
      payload: { username: 'nobody', password: 'Wrong-Passw0rd!x' },
    });
    expect(viaProxy.statusCode).toBe(401);
  });
});
