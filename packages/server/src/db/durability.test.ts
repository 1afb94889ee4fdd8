import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { checkDurability, openPglite, openPostgres, type Db } from './db.js';
import { freshDb } from '../test/helpers.js';

const onPostgres = !!process.env.DATABASE_URL;

describe.skipIf(!onPostgres)('PostgreSQL durability check (skipped without DATABASE_URL: it checks a server\'s settings)', () => {
  let db: Db;
  let url: string;
  beforeAll(async () => {
    db = await freshDb();
    const [row] = await db.query<{ name: string }>(`SELECT current_database() AS name`);
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${row!.name}`;
    url = u.toString();
  });
  afterAll(() => db.close());

  it('accepts the service as configured (fsync, full_page_writes, synchronous_commit on)', async () => {
    expect(await checkDurability(db)).toEqual([]);
  });

  it('refuses to start when synchronous_commit is off, unless overridden', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const [row] = (await admin.query<{ name: string }>(`SELECT current_database() AS name`)).rows;
    await admin.query(`ALTER DATABASE ${row!.name} SET synchronous_commit = off`);
    await admin.end();
    const unsafe = await openPostgres(url, 1);
    try {
      await expect(checkDurability(unsafe)).rejects.toThrow(/synchronous_commit/);
      expect(await checkDurability(unsafe, { allowUnsafe: true })).toEqual(['synchronous_commit']);
    } finally {
      await unsafe.close();
    }
  });
});

// The embedded half: PGlite has no fsync/synchronous_commit settings to check (checkDurability
// answers [] for it), so what is asserted is the behaviour itself — rows committed by a process
// that owns the folder survive that process being killed with SIGKILL mid-transaction, and the
// uncommitted row does not appear. (A kill -9 loses the process, not the OS page cache: this
// proves commits reach the files, not that they survive a power cut, which needs the disk's own
// fsync and is what the PostgreSQL half checks in its settings.) It runs on both databases, as it
// needs no server.
describe('embedded database (PGlite folder)', () => {
  it('has no durability settings to refuse (PGlite runs in-process)', async () => {
    const db = await openPglite();
    expect(db.kind).toBe('pglite');
    expect(await checkDurability(db)).toEqual([]);
    await db.close();
  });

  it('keeps every committed row when the process owning the folder is killed with SIGKILL mid-transaction', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-durable-'));
    try {
      const rows = 25;
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./durability-child.ts', import.meta.url)), dir, String(rows)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('uncommitted\n')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`the child ended early (${code}): ${err}`)));
      });
      expect(out.match(/^committed \d+$/gm)).toHaveLength(rows);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      // a new owner (the dead one's folder lock is stale) finds exactly the committed rows
      const db = await openPglite({ dataDir: dir });
      try {
        const found = await db.query<{ n: number; note: string }>(`SELECT n, note FROM durable ORDER BY n`);
        expect(found.map((r) => r.n)).toEqual(Array.from({ length: rows }, (_, i) => i + 1));
        expect(found.at(-1)!.note).toBe(`已提交第${rows}行`);
      } finally {
        await db.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
