// Builds the test database once per run: migrated, with the demo county loaded. Each test file
// then starts from a copy — a PGlite snapshot, or a PostgreSQL database cloned from a template
// when DATABASE_URL is set (CI runs the whole suite both ways).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres, pgliteClientOf } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { createPiiCipher } from '../core/pii.js';
import { loadDemoCounty } from '../cli/demo-county.js';
import { TEST_DATA_KEY, TEST_DEMO_PASSWORD } from './constants.js';

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const pii = createPiiCipher(TEST_DATA_KEY);
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const template = `lianxin_tpl_${runId}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    const db = await openPostgres(withDatabase(baseUrl, template), 4);
    await migrate(db);
    await loadDemoCounty(db, pii, { demoPassword: TEST_DEMO_PASSWORD });
    await db.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteSnapshot', '');
    return async () => {
      const dbs = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`lianxin_%${runId}%`]);
      for (const { datname } of dbs.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const db = await openPglite();
  await migrate(db);
  await loadDemoCounty(db, pii, { demoPassword: TEST_DEMO_PASSWORD });
  const blob = await pgliteClientOf(db)!.dumpDataDir('gzip');
  const file = path.join(os.tmpdir(), `lianxin-test-${runId}.tar.gz`);
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await db.close();
  project.provide('pgliteSnapshot', file);
  project.provide('pgTemplate', '');
  return () => fs.rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    pgTemplate: string;
  }
}
