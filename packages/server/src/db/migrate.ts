import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Applies the checked-in SQL migrations in order, each in its own transaction, once. `before`
 * stops at the first file whose name is not below it (a test of a data migration loads rows of
 * the shape before it).
 */
export async function migrate(db: Db, opts: { before?: string } = {}): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const files = fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql') && (!opts.before || f < opts.before)).sort();
  const applied = [];
  for (const file of files) {
    const done = await db.transaction(async (tx) => {
      // Two servers starting at once on one PostgreSQL: the second waits, then skips.
      if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(7301)');
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [file]);
      if (seen.length > 0) return false;
      const sql = fs.readFileSync(path.join(migrationsDir, file), 'utf8');
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      return true;
    });
    if (done) applied.push(file);
  }
  return applied;
}
