import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { checkDurability, openPostgres, type Db } from './db.js';
import { freshDb } from '../test/helpers.js';

const onPostgres = !!process.env.DATABASE_URL;

describe.skipIf(!onPostgres)('PostgreSQL durability check', () => {
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

describe.skipIf(onPostgres)('embedded database', () => {
  it('has no durability settings to refuse (PGlite runs in-process)', async () => {
    const db = await freshDb();
    expect(await checkDurability(db)).toEqual([]);
    await db.close();
  });
});
