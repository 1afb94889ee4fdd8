// buildTestApp(): the real app on a fresh copy of the demo database, and helpers to call it as
// a demo account.
import fs from 'node:fs';
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppConfig } from '../app.js';
import { openPglite, openPostgres, type Db } from '../db/db.js';
import { createPiiCipher } from '../core/pii.js';
import { stepAt, totpCode } from '../core/totp.js';
import { hashPassword } from '../core/password.js';
import { insertAccount } from '../modules/accounts/index.js';
import type { Role } from '@lianxin/contract';
import { TEST_DATA_KEY, TEST_DEMO_PASSWORD } from './constants.js';
import { withDatabase } from './global-setup.js';

export { TEST_DEMO_PASSWORD };
export const testPii = createPiiCipher(TEST_DATA_KEY);

/** A fresh database with the demo county: a PGlite snapshot copy, or a PostgreSQL clone. */
export async function freshDb(): Promise<Db> {
  const template = inject('pgTemplate');
  if (template) {
    const name = `lianxin_t_${template.slice('lianxin_tpl_'.length)}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.end();
    }
    return openPostgres(withDatabase(process.env.DATABASE_URL!, name), 8);
  }
  const snapshot = fs.readFileSync(inject('pgliteSnapshot'));
  return openPglite({ loadDataDir: new Blob([snapshot]) });
}

export type Client = {
  username: string;
  csrf: string;
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
};

export type TestApp = {
  app: FastifyInstance;
  db: Db;
  /**
   * Logs in as a demo account (or any account with the given password). Administrators bind a
   * second factor on their first login here, as a person would with an authenticator app, and
   * give its code on later logins.
   */
  as(username: string, password?: string): Promise<Client>;
  /** The TOTP secrets bound through `as`, by username. */
  totpSecrets: Map<string, string>;
  anonymous: Omit<Client, 'username' | 'csrf'>;
  close(): Promise<void>;
};

export async function buildTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const db = await freshDb();
  const app = await buildApp({ db, pii: testPii, logger: false, loginRateLimit: 10_000, ...overrides });
  await app.ready();

  const makeClient = (cookie: string | undefined, csrf: string) => {
    const request: Client['request'] = (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(csrf ? { 'x-csrf-token': csrf } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
      });
    return {
      request,
      get: (url: string) => request('GET', url),
      post: (url: string, body?: unknown) => request('POST', url, body ?? {}),
      patch: (url: string, body?: unknown) => request('PATCH', url, body ?? {}),
      del: (url: string) => request('DELETE', url),
    };
  };

  const totpSecrets = new Map<string, string>();
  return {
    app,
    db,
    totpSecrets,
    async as(username, password = TEST_DEMO_PASSWORD) {
      const login = (otp?: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: otp ? { username, password, otp } : { username, password } });
      let res = await login();
      const secret = totpSecrets.get(username);
      if (res.statusCode === 401 && res.json().code === 'otp_required' && secret) {
        // A code works once: a second login within the same 30 s uses the next step's code.
        for (const step of [stepAt(new Date()), stepAt(new Date()) + 1]) {
          res = await login(totpCode(secret, step));
          if (res.statusCode === 200) break;
        }
      }
      if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.headers['set-cookie'];
      const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(';')[0]!;
      const csrf = res.json().csrfToken as string;
      const client = { username, csrf, ...makeClient(cookie, csrf) };
      if (res.json().mustEnrollTotp) {
        const setup = await client.post('/api/auth/totp/setup');
        if (setup.statusCode !== 200) throw new Error(`TOTP setup for ${username} failed: ${setup.body}`);
        const fresh = setup.json().secret as string;
        const enabled = await client.post('/api/auth/totp/enable', { code: totpCode(fresh, stepAt(new Date())) });
        if (enabled.statusCode !== 204) throw new Error(`TOTP enable for ${username} failed: ${enabled.body}`);
        totpSecrets.set(username, fresh);
      }
      return client;
    },
    anonymous: makeClient(undefined, ''),
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** The id of a demo org by its name (unique names only). */
export async function orgId(db: Db, name: string): Promise<number> {
  const rows = await db.query<{ id: number }>(`SELECT id FROM orgs WHERE name = $1`, [name]);
  if (rows.length !== 1) throw new Error(`org ${name}: ${rows.length} matches`);
  return rows[0]!.id;
}

/** A new account with one role, scoped to a demo org (by its unique name), signed in. */
export async function accountAt(t: TestApp, username: string, role: Role, org: string, personId?: number): Promise<Client> {
  await insertAccount(t.db, { username, displayName: username, passwordHash: await hashPassword(TEST_DEMO_PASSWORD), roles: [role], scopeOrgId: await orgId(t.db, org), mustChangePassword: false, ...(personId ? { personId } : {}) });
  return t.as(username);
}
