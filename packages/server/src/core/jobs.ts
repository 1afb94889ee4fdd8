// Long-running jobs (imports) and their progress, in the `jobs` table: the account that started a
// job polls it (processed / total) until it is done or failed; the result is the job's answer.
// Nobody else sees a job: another account's job answers 404 like a missing one.
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

export async function createJob(q: Queryable, accountId: number, kind: string, total: number): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO jobs (account_id, kind, status, total, processed) VALUES ($1, $2, 'running', $3, 0) RETURNING id`,
    [accountId, kind, total],
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

/** The job, if this account started it. A job orphaned by a restart is reported as failed. */
export async function findJob(q: Queryable, id: number, accountId: number): Promise<JobView | undefined> {
  const [row] = await q.query<{ id: number; kind: string; status: JobState; total: number; processed: number; result: unknown; updated_at: Date }>(
    `SELECT id, kind, status, total, processed, result, updated_at FROM jobs WHERE id = $1 AND account_id = $2`,
    [id, accountId],
  );
  if (!row) return undefined;
  const view: JobView = { id: row.id, kind: row.kind, status: row.status, total: row.total, processed: row.processed, result: row.result ?? null };
  if (row.status === 'running' && !runningHere.has(row.id) && Date.now() - row.updated_at.getTime() > ABANDONED_AFTER_MS) {
    const result = { message: '任务因服务重启而中断，未导入任何数据，请重新导入' };
    await finishJob(q, row.id, 'failed', result);
    return { ...view, status: 'failed', result };
  }
  return view;
}
