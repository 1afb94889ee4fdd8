// Scheduled dumps of the embedded database (PGlite): a gzipped tarball of the whole data folder,
// taken while no transaction runs, written atomically (temporary file, fsync, rename) into a
// folder beside the data folder, keeping the newest N. A dump restores into an empty folder with
// `npm run restore`. PostgreSQL deployments back up with pg_dump / their own tooling instead.
import fs from 'node:fs';
import path from 'node:path';
import { openPglite, pgliteClientOf, type Db } from './db.js';

export const BACKUP_PREFIX = 'lianxin-';
const BACKUP_SUFFIX = '.tar.gz';

export type BackupSettings = {
  /** Where dumps go (default: `<DATA_DIR>-backups`, outside the data folder). */
  dir: string;
  /** Dumps kept; older ones are deleted after a successful new one. */
  keep: number;
  /** Hours between dumps; 0 turns scheduled dumps off. */
  intervalHours: number;
};

/** 2026-11-26T03:04:05Z → 20261126-030405 (UTC, sortable). */
function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(BACKUP_PREFIX) && f.endsWith(BACKUP_SUFFIX))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Dumps the embedded database into dir and prunes to `keep`; returns the new file. */
export async function backupPglite(db: Db, settings: Pick<BackupSettings, 'dir' | 'keep'>, now = new Date()): Promise<string> {
  const client = pgliteClientOf(db);
  if (!client) throw new Error('只有内置数据库（PGlite）可以这样备份；PostgreSQL 请使用 pg_dump');
  fs.mkdirSync(settings.dir, { recursive: true, mode: 0o700 });
  // Inside a transaction callback: PGlite runs one transaction at a time, so no other write is
  // half-done while the files are read. The checkpoint makes the dump start from a clean state.
  const blob = await db.transaction(async (tx) => {
    await tx.exec('CHECKPOINT');
    return client.dumpDataDir('gzip');
  });
  const bytes = Buffer.from(await blob.arrayBuffer());
  let file = path.join(settings.dir, `${BACKUP_PREFIX}${stamp(now)}${BACKUP_SUFFIX}`);
  for (let n = 1; fs.existsSync(file); n++) file = path.join(settings.dir, `${BACKUP_PREFIX}${stamp(now)}-${n}${BACKUP_SUFFIX}`);
  const tmp = `${file}.partial`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  const all = listBackups(settings.dir);
  for (const old of all.slice(0, Math.max(0, all.length - settings.keep))) fs.rmSync(old, { force: true });
  return file;
}

/** Starts scheduled dumps; returns a function that stops them. */
export function scheduleBackups(db: Db, settings: BackupSettings, log: (message: string) => void): () => void {
  if (settings.intervalHours <= 0 || db.kind !== 'pglite') return () => undefined;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const file = await backupPglite(db, settings);
      log(`已备份内置数据库：${file}`);
    } catch (err) {
      log(`备份内置数据库失败：${(err as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), settings.intervalHours * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Creates a data folder from a dump. Refuses a folder that already holds anything. */
export async function restorePglite(file: string, dataDir: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`备份文件不存在：${file}`);
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new Error(`数据目录 ${dataDir} 不是空的；请先停止服务并把它移到别处，再恢复`);
  }
  const blob = new Blob([fs.readFileSync(file)]);
  const db = await openPglite({ dataDir, loadDataDir: blob });
  try {
    await db.query('SELECT 1 FROM schema_migrations LIMIT 1');
  } finally {
    await db.close();
  }
}
