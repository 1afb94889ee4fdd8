import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireFolderLock, DatabaseLockedError } from './folder-lock.js';
import { openPglite } from './db.js';

describe('embedded database folder lock', () => {
  it('refuses a second owner while the first lives, and frees the folder on release', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-lock-'));
    const file = path.join(dir, 'lianxin.lock');
    // a lock held by another living process (our parent shell stands in for it)
    fs.writeFileSync(file, String(process.ppid));
    expect(() => acquireFolderLock(file)).toThrow(DatabaseLockedError);
    expect(() => acquireFolderLock(file)).toThrow(/已被另一个进程/);
    fs.rmSync(file);
    const lock = acquireFolderLock(file);
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('takes over a lock whose owner died (kill -9)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-lock-'));
    const file = path.join(dir, 'lianxin.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(file, dead);
    const lock = acquireFolderLock(file);
    lock.release();
  });

  it('a second server process on the same data folder is refused with a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-pglite-'));
    const db = await openPglite({ dataDir: dir });
    try {
      const second = spawnSync(process.execPath, ['--import', 'tsx', path.resolve('packages/server/src/main.ts')], {
        env: { ...process.env, DATA_DIR: dir, PORT: '0', DATABASE_URL: '', LIANXIN_DEMO: '0' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain('数据目录已被另一个进程');
    } finally {
      await db.close();
    }
    expect(fs.existsSync(path.join(dir, 'lianxin.lock'))).toBe(false);
  });
});

describe('server shutdown', () => {
  it('SIGTERM checkpoints, closes and releases the folder; the data is there on the next start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-term-'));
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('packages/server/src/main.ts')], {
      env: { ...process.env, DATA_DIR: dir, PORT: '0', DATABASE_URL: '', LIANXIN_DEMO: '0', LIANXIN_ADMIN_PASSWORD: 'Admin-Passw0rd!2026' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
      child.stdout.on('data', () => {
        if (out.includes('已启动')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(fs.existsSync(path.join(dir, 'lianxin.lock'))).toBe(false);
    const db = await openPglite({ dataDir: dir });
    try {
      const rows = await db.query<{ username: string }>(`SELECT username FROM accounts`);
      expect(rows.map((r) => r.username)).toEqual(['admin']);
    } finally {
      await db.close();
    }
  });
});
