import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupPglite, listBackups, restorePglite } from './backup.js';
import { openPglite, openPostgres } from './db.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('embedded database dumps (备份与恢复)', () => {
  it('dumps a consistent copy, keeps the newest N, and restores into an empty folder only', async () => {
    const dataDir = path.join(tmp, 'data');
    const dir = path.join(tmp, 'backups');
    const db = await openPglite({ dataDir });
    await db.exec(`CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)`);
    await db.query(`INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 500) g`);
    await db.query(`CREATE TABLE schema_migrations (name text)`);

    const first = await backupPglite(db, { dir, keep: 2 }, new Date('2026-11-26T01:00:00Z'));
    expect(path.basename(first)).toBe('lianxin-20261126-010000.tar.gz');

    await db.query(`DELETE FROM notes WHERE id > 100`);
    await backupPglite(db, { dir, keep: 2 }, new Date('2026-11-27T01:00:00Z'));
    await backupPglite(db, { dir, keep: 2 }, new Date('2026-11-28T01:00:00Z'));
    expect(listBackups(dir).map((f) => path.basename(f))).toEqual(['lianxin-20261127-010000.tar.gz', 'lianxin-20261128-010000.tar.gz']);
    expect(fs.readdirSync(dir).some((f) => f.endsWith('.partial'))).toBe(false);
    await db.close();

    // The oldest dump was pruned; restore the newest and check what it holds.
    const restored = path.join(tmp, 'restored');
    await restorePglite(listBackups(dir)[1]!, restored);
    const copy = await openPglite({ dataDir: restored });
    expect(await copy.query(`SELECT count(*)::int AS n, max(id) AS max FROM notes`)).toEqual([{ n: 100, max: 100 }]);
    await copy.close();

    await expect(restorePglite(listBackups(dir)[0]!, restored)).rejects.toThrow(/不是空的/);
    await expect(restorePglite(path.join(dir, 'missing.tar.gz'), path.join(tmp, 'other'))).rejects.toThrow(/不存在/);
  });

  it('a dump taken with a transaction in flight holds the whole transaction', async () => {
    const dataDir = path.join(tmp, 'data2');
    const dir = path.join(tmp, 'backups2');
    const db = await openPglite({ dataDir });
    await db.exec(`CREATE TABLE schema_migrations (name text); CREATE TABLE t (id int)`);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const writing = db.transaction(async (tx) => {
      await tx.query(`INSERT INTO t SELECT generate_series(1, 50)`);
      await gate;
      await tx.query(`INSERT INTO t SELECT generate_series(51, 100)`);
    });
    const dumping = backupPglite(db, { dir, keep: 3 });
    setTimeout(release, 100);
    await Promise.all([writing, dumping]);
    await db.close();
    const restored = path.join(tmp, 'restored2');
    await restorePglite((await dumping), restored);
    const copy = await openPglite({ dataDir: restored });
    expect(await copy.query(`SELECT count(*)::int AS n FROM t`)).toEqual([{ n: 100 }]);
    await copy.close();
  });

  it.runIf(process.env.DATABASE_URL)('refuses PostgreSQL (pg_dump is its backup) (PostgreSQL only: skipped without DATABASE_URL)', async () => {
    const db = await openPostgres(process.env.DATABASE_URL!, 1);
    await expect(backupPglite(db, { dir: path.join(tmp, 'pg'), keep: 1 })).rejects.toThrow(/pg_dump/);
    await db.close();
  });
});
