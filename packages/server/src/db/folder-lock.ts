import fs from 'node:fs';

export type FolderLock = { release(): void };

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a living pid is this program (a Node.js process), by its /proc/<pid>/cmdline. After a
 * crash and a reboot, the lock's pid may have been given to another program (a shell, sshd): that
 * lock is stale. Where /proc cannot tell (another OS, no permission), the owner is assumed alive.
 */
export function isThisProgram(pid: number, procDir = '/proc'): boolean {
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`${procDir}/${pid}/cmdline`, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT' || !fs.existsSync(procDir);
  }
  const exe = (cmdline.split('\0')[0] ?? '').split('/').pop() ?? '';
  const ours = process.execPath.split('/').pop() ?? 'node';
  return exe === ours || /^node(js)?(\d+)?$/.test(exe);
}

/**
 * One process owns an embedded database folder: two PGlite processes on one folder silently lose
 * data (the last to close wins). The lock file holds the owner's pid; a lock whose owner has died
 * (kill -9, power cut), or whose pid now belongs to another program, is taken over.
 */
export function acquireFolderLock(lockPath: string): FolderLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner) && isThisProgram(owner)) {
        throw new DatabaseLockedError(lockPath, owner);
      }
      fs.rmSync(lockPath, { force: true }); // stale: its owner is gone, or its pid now runs another program
    }
  }
  throw new Error(`无法获取数据库目录锁：${lockPath}`);
}

export class DatabaseLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly ownerPid: number,
  ) {
    super(
      `数据目录已被另一个进程（pid ${ownerPid}）占用：${lockPath}。` +
        `内置数据库只能由一个进程打开，请先停止该进程，或用 DATA_DIR 指定其他目录。`,
    );
    this.name = 'DatabaseLockedError';
  }
}
