// Long-running jobs (imports) and their progress, in the `jobs` table: the account that started a
// job polls it (processed / total) until it is done or failed; the result is the job's answer.
// Nobody else sees a job: another account's job answers 404 like a missing one.
import os from 'node:os';
import type { Queryable } from '../db/db.js';

export type JobState = 'running' | 'done' | 'failed';

export type JobView = {
  id: number;
  kind: string;
  status: JobState;
  total: number;
  processed: number;
  result: unknown;
};

/** A job not updated for this long, and not running in this process, was cut off by a restart. */
const ABANDONED_AFTER_MS = 5 * 60_000;

/** Jobs running in this process (a restart loses them; see findJob). */
const runningHere = new Set<number>();

/** This server process, as jobs record their owner. */
export const JOB_OWNER = `${os.hostname()}:${process.pid}`;

const INTERRUPTED = { message: '任务因服务重启而中断，可能只完成了一部分，请重新导入（花名册按身份证号识别已导入的人员，不会重复）' };

export async function createJob(q: Queryable, accountId: number, kind: string, total: number): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO jobs (account_id, kind, status, total, processed, owner) VALUES ($1, $2, 'running', $3, 0, $4) RETURNING id`,
    [accountId, kind, total, JOB_OWNER],
  );
  runningHere.add(row!.id);
  return row!.id;
}

export async function reportProgress(q: Queryable, id: number, processed: number): Promise<void> {
  await q.query(`UPDATE jobs SET processed = $2, updated_at = now() WHERE id = $1 AND status = 'running'`, [id, processed]);
}

/** Ends a job with its result (pass the transaction that did the work, so both commit together). */
export async function finishJob(q: Queryable, id: number, status: 'done' | 'failed', result: unknown, processed?: number): Promise<void> {
  await q.query(
    `UPDATE jobs SET status = $2, result = $3::jsonb, processed = COALESCE($4, processed), updated_at = now()
     WHERE id = $1 AND status = 'running'`,
    [id, status, JSON.stringify(result ?? null), processed ?? null],
  );
}

/** Call when the work of a job has ended in this process (committed or not). */
export function releaseJob(id: number): void {
  runningHere.delete(id);
}

/**
 * At start-up: jobs a previous run of this server was running when it stopped (crash, kill -9,
 * restart) are marked failed at once. `everyRunning` (the embedded database, which one process
 * owns): every running job is such a job. On PostgreSQL, shared by several servers, only jobs of
 * this host whose process is gone (or whose pid is now ours) — another server's jobs go on.
 */
export async function failInterruptedJobs(q: Queryable, opts: { everyRunning: boolean; isAlive?: (pid: number) => boolean }): Promise<number> {
  const isAlive = opts.isAlive ?? processAlive;
  const running = await q.query<{ id: number; owner: string | null }>(`SELECT id, owner FROM jobs WHERE status = 'running'`);
  const host = os.hostname();
  const ids = running
    .filter((j) => {
      if (opts.everyRunning) return true;
      if (!j.owner) return false; // before owners were recorded: the 5-minute rule of findJob
      const at = j.owner.lastIndexOf(':');
      const pid = Number(j.owner.slice(at + 1));
      return j.owner.slice(0, at) === host && (pid === process.pid || !isAlive(pid));
    })
    .map((j) => j.id);
  if (!ids.length) return 0;
  await q.query(
    `UPDATE jobs SET status = 'failed', result = $2::jsonb, updated_at = now() WHERE id = ANY($1::bigint[]) AND status = 'running'`,
    [ids, JSON.stringify(INTERRUPTED)],
  );
  return ids.length;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The job, if this account started it. A job orphaned by a restart is reported as failed. */
export async function findJob(q: Queryable, id: number, accountId: number): Promise<JobView | undefined> {
  const [row] = await q.query<{ id: number; kind: string; status: JobState; total: number; processed: number; result: unknown; updated_at: Date }>(
    `SELECT id, kind, status, total, processed, result, updated_at FROM jobs WHERE id = $1 AND account_id = $2`,
    [id, accountId],
  );
  if (!row) return undefined;
  const view: JobView = { id: row.id, kind: row.kind, status: row.status, total: row.total, processed: row.processed, result: row.result ?? null };
  if (row.status === 'running' && !runningHere.has(row.id) && Date.now() - row.updated_at.getTime() > ABANDONED_AFTER_MS) {
    const result = INTERRUPTED;
    await finishJob(q, row.id, 'failed', result);
    return { ...view, status: 'failed', result };
  }
  return view;
}
