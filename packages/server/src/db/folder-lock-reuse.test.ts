// A stale lock whose pid was reused: after a crash (and a reboot) the lock file's pid may belong
// to another program by now; start-up takes such a lock over instead of refusing forever.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireFolderLock, DatabaseLockedError, isThisProgram } from './folder-lock.js';

const children: ReturnType<typeof spawn>[] = [];
afterAll(() => {
  for (const c of children) c.kill();
});

function lockFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lx-lock-')), 'lianxin.lock');
}

describe.runIf(fs.existsSync('/proc/self/cmdline'))('a lock whose pid now runs another program', () => {
  it('is taken over when the pid is alive but not this program', () => {
    const other = spawn('sleep', ['30']);
    children.push(other);
    expect(isThisProgram(other.pid!)).toBe(false);
    const file = lockFile();
    fs.writeFileSync(file, String(other.pid));
    const lock = acquireFolderLock(file);
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid));
    lock.release();
  });

  it('is still refused when the pid is a living instance of this program', () => {
    const node = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    children.push(node);
    expect(isThisProgram(node.pid!)).toBe(true);
    const file = lockFile();
    fs.writeFileSync(file, String(node.pid));
    expect(() => acquireFolderLock(file)).toThrow(DatabaseLockedError);
  });
});
