// A job cut off by a restart is failed at start-up, not left reading "running" for minutes.
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../test/helpers.js';
import type { Db } from '../db/db.js';
import { createJob, failInterruptedJobs, findJob, releaseJob } from './jobs.js';

let db: Db;
let accountId: number;
beforeAll(async () => {
  db = await freshDb();
  const [a] = await db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'county'`);
  accountId = a!.id;
});
afterAll(() => db.close());

async function jobOf(owner: string | null): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO jobs (account_id, kind, status, total, processed, owner) VALUES ($1, 'person.import', 'running', 100, 10, $2) RETURNING id`,
    [accountId, owner],
  );
  return row!.id;
}

describe('jobs after a restart', () => {
  it('on the embedded database, every running job is failed at start-up, at once', async () => {
    const id = await createJob(db, accountId, 'person.import', 100);
    releaseJob(id); // the process that ran it is gone
    expect((await findJob(db, id, accountId))!.status).toBe('running'); // just updated: not yet "abandoned"
    expect(await failInterruptedJobs(db, { everyRunning: true })).toBeGreaterThanOrEqual(1);
    const job = await findJob(db, id, accountId);
    expect(job).toMatchObject({ status: 'failed', result: { message: expect.stringContaining('服务重启') } });
  });

  it('on PostgreSQL, only this host’s jobs whose process is gone; another server’s go on', async () => {
    const host = os.hostname();
    const mineBefore = await jobOf(`${host}:4000001`);
    const otherLiving = await jobOf(`${host}:4000002`);
    const otherHost = await jobOf('another-server:4000001');
    const alive = new Set([4000002]);
    await failInterruptedJobs(db, { everyRunning: false, isAlive: (pid) => alive.has(pid) });
    const status = async (id: number) => (await findJob(db, id, accountId))!.status;
    expect(await status(mineBefore)).toBe('failed');
    expect(await status(otherLiving)).toBe('running');
    expect(await status(otherHost)).toBe('running');
  });
});
