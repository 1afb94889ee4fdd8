// Builds the web app when its sources changed, starts the real server (API + web on one port) on
// a fresh database with known demo passwords, and stops it at the end: a temporary PGlite folder
// by default, or — when DATABASE_URL names a PostgreSQL server — a new database on it, created
// for this run and dropped afterwards (CI runs the journeys on both).
// LIANXIN_E2E_URL=http://localhost:3200 runs the specs against a server you started yourself.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { stepAt, totpCode } from '../packages/server/src/core/totp';

export const DEMO_PASSWORD = 'Demo-Passw0rd!2026';
const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'packages/web');

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    demoPassword: string;
    /** The administrators' TOTP secrets, bound at set-up (administrators sign in with a second factor). */
    totpSecrets: Record<string, string>;
  }
}

export const ADMINS = ['sysadmin', 'secadmin', 'auditadmin'];

/** Binds an authenticator for each demo administrator through the API, as a person would on first login. */
async function bindAdminAuthenticators(url: string, password: string): Promise<Record<string, string>> {
  const secrets: Record<string, string> = {};
  for (const username of ADMINS) {
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
    const me = (await login.json()) as { csrfToken: string; mustEnrollTotp: boolean };
    if (!me.mustEnrollTotp) continue;
    const headers = { 'content-type': 'application/json', cookie: login.headers.getSetCookie()[0]!.split(';')[0]!, 'x-csrf-token': me.csrfToken, origin: url };
    const setup = await fetch(`${url}/api/auth/totp/setup`, { method: 'POST', headers, body: '{}' });
    if (!setup.ok) throw new Error(`TOTP setup ${username}: ${setup.status} ${await setup.text()}`);
    const { secret } = (await setup.json()) as { secret: string };
    const enable = await fetch(`${url}/api/auth/totp/enable`, { method: 'POST', headers, body: JSON.stringify({ code: totpCode(secret, stepAt(new Date())) }) });
    if (!enable.ok) throw new Error(`TOTP enable ${username}: ${enable.status} ${await enable.text()}`);
    secrets[username] = secret;
  }
  return secrets;
}

function newest(dir: string): number {
  let m = 0;
  if (!fs.existsSync(dir)) return m;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    m = Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return m;
}

function buildWeb() {
  const built = path.join(web, 'dist/index.html');
  const sources = Math.max(
    newest(path.join(web, 'src')),
    newest(path.join(root, 'packages/contract/src')),
    fs.statSync(path.join(web, 'vite.config.ts')).mtimeMs,
    fs.statSync(path.join(web, 'index.html')).mtimeMs,
  );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs > sources) return;
  // Vitest sets NODE_ENV=test, which would make a development build of React and antd.
  const r = spawnSync('npm', ['run', 'build', '-w', '@lianxin/web'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error('web build failed');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string) {
  // the first start loads the whole demo county through the services (every module adds its part):
  // a few seconds on a quiet machine, but CI and busy machines need room
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log()}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not start in time:\n${log()}`);
}

export default async function setup(project: TestProject) {
  fs.mkdirSync(path.join(root, 'artifacts/screenshots'), { recursive: true });
  project.provide('demoPassword', process.env.LIANXIN_E2E_PASSWORD ?? DEMO_PASSWORD);
  if (process.env.LIANXIN_E2E_URL) {
    project.provide('baseURL', process.env.LIANXIN_E2E_URL);
    // A server you started: its administrators' secrets as JSON, e.g. {"sysadmin":"ABC…"}.
    project.provide('totpSecrets', JSON.parse(process.env.LIANXIN_E2E_TOTP ?? '{}') as Record<string, string>);
    return;
  }
  buildWeb();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-e2e-'));
  const database = await freshDatabase(process.env.DATABASE_URL);
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATA_DIR: path.join(tmp, 'data'),
      LIANXIN_KEY_FILE: path.join(tmp, 'data.key'),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database?.url ?? '',
      // a throw-away test database: the service's durability settings are not the journeys' concern
      LIANXIN_ALLOW_UNSAFE_DB: '1',
      LIANXIN_DEMO_PASSWORD: DEMO_PASSWORD,
      LIANXIN_ADMIN_PASSWORD: 'Admin-Passw0rd!2026',
      WEB_DIR: path.join(web, 'dist'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  // a server that dies mid-run fails every later journey with ECONNREFUSED: say why, once, in the log
  let stopping = false;
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`e2e server exited unexpectedly (code ${code}, signal ${signal}); its last output:\n${output.slice(-8000)}`);
  });
  const url = `http://localhost:${port}`;
  await waitForHealth(url, child, () => output);
  console.log(`e2e server: ${url} on ${database ? 'PostgreSQL' : 'PGlite'}`);
  project.provide('baseURL', url);
  project.provide('totpSecrets', await bindAdminAuthenticators(url, process.env.LIANXIN_E2E_PASSWORD ?? DEMO_PASSWORD));

  return async () => {
    if (child.exitCode === null) {
      stopping = true;
      child.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 10_000);
        child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    await database?.drop();
  };
}

/** A new, empty PostgreSQL database for this run (the server migrates it and loads the demo county), or none for PGlite. */
async function freshDatabase(baseUrl: string | undefined): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  if (!baseUrl) return undefined;
  const name = `lianxin_e2e_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
