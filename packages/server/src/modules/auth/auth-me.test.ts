// GET /api/auth/me answers the account of the session the request was admitted with: the session
// hook resolved it, the route does not resolve it a second time (a second read of the session row
// when the cache does not hold it, and a second SHA-256 and actor when it does).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import type { Db } from '../../db/db.js';
import { freshDb, testPii } from '../../test/helpers.js';
import { TEST_DEMO_PASSWORD } from '../../test/constants.js';

let db: Db;
let app: FastifyInstance;
let sessionReads = 0;

beforeAll(async () => {
  db = await freshDb();
  // the app on a database whose session reads are counted, with no session cache: every
  // resolution of a session is one read
  const counted: Db = {
    ...db,
    query(sql, params) {
      if ((typeof sql === 'string' ? sql : sql.text).includes('FROM sessions s JOIN')) sessionReads++;
      return db.query(sql, params);
    },
    transaction: (fn) => db.transaction(fn),
  };
  app = await buildApp({ db: counted, pii: testPii, logger: false, loginRateLimit: 10_000, sessionCacheMs: 0 });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.close();
});

async function signIn(username: string) {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_DEMO_PASSWORD } });
  expect(login.statusCode).toBe(200);
  const setCookie = login.headers['set-cookie'];
  return { cookie: (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(';')[0]!, csrf: (login.json() as { csrfToken: string }).csrfToken };
}

describe('GET /api/auth/me', () => {
  it('reads the session once: the account comes from the session the request was admitted with', async () => {
    const { cookie } = await signIn('wuli');
    sessionReads = 0;
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'wuli', roles: ['township_admin'], scopeOrg: { name: '五里镇', type: 'township' } });
    expect(sessionReads).toBe(1);
    // any other signed-in GET reads it once too (the same hook)
    sessionReads = 0;
    expect((await app.inject({ method: 'GET', url: '/api/orgs/tree', headers: { cookie } })).statusCode).toBe(200);
    expect(sessionReads).toBe(1);
  });

  it('answers the same view as the login, and 401 without a session or after logout', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'county', password: TEST_DEMO_PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json()).toEqual(login.json());
    expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const csrf = (login.json() as { csrfToken: string }).csrfToken;
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrf } })).statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('session_expired');
  });
});
