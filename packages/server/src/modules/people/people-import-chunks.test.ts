// A large roster import is written a chunk at a time: other requests get the database between
// chunks (on PGlite, the server's only connection), the progress moves through the write, and a
// failure midway says how many people were written — the rest is written by importing again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, testPii } from '../../test/helpers.js';
import type { Db } from '../../db/db.js';
import type { Actor } from '../../core/access.js';
import { findJob } from '../../core/jobs.js';
import { checkCharacter } from '../../core/id-number.js';
import { createPeopleImport, WRITE_CHUNK, type SheetRow } from './people.import.js';

let db: Db;
let actor: Actor;
beforeAll(async () => {
  db = await freshDb();
  const [a] = await db.query<{ id: number; org: number; path: string }>(
    `SELECT a.id, o.id AS org, o.path FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.username = 'county'`,
  );
  actor = { accountId: a!.id, username: 'county', roles: ['county_admin'], scope: { orgId: a!.org, path: a!.path, countyId: a!.org }, ip: '127.0.0.1', mustChangePassword: false, mustEnrollTotp: false };
});
afterAll(() => db.close());

const sheet = (prefix: string, n: number): SheetRow[] => Array.from({ length: n }, (_, i) => ({ row: i + 2, cells: { name: `${prefix}${i}`, gender: '男', org: '榆舍村' } }));
// Rows with valid, distinct ID numbers (born on consecutive days), so a second import matches them.
const withIds = (prefix: string, n: number): SheetRow[] =>
  sheet(prefix, n).map((r, i) => {
    const birth = new Date(Date.UTC(1970, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `610222${birth}121`;
    return { ...r, cells: { ...r.cells, idNumber: first17 + checkCharacter(first17) } };
  });
const countNamed = async (prefix: string) =>
  Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM persons WHERE name LIKE $1`, [`${prefix}%`]))[0]!.n);

describe('a large roster import', () => {
  it('lets other reads in between its chunks, which see the import part-written while the job runs and its progress past the check', async () => {
    const rows = sheet('分批', WRITE_CHUNK * 5);
    const importer = createPeopleImport({ db, pii: testPii, today: () => '2026-12-03' });
    const jobId = await importer.start(actor, rows, 'all_or_nothing', 'zh');
    const seen: { status: string; processed: number; people: number }[] = [];
    let done = false;
    void importer.idle().then(() => (done = true));
    while (!done) {
      const job = await findJob(db, jobId, actor.accountId);
      seen.push({ status: job!.status, processed: job!.processed, people: await countNamed('分批') });
      await new Promise((r) => setTimeout(r, 2));
    }
    const midWrite = seen.filter((s) => s.status === 'running' && s.people > 0 && s.people < rows.length);
    expect(midWrite.length).toBeGreaterThan(0);
    expect(midWrite.some((s) => s.processed > rows.length / 2 && s.processed < rows.length)).toBe(true);
    const job = await findJob(db, jobId, actor.accountId);
    expect(job).toMatchObject({ status: 'done', processed: rows.length });
    expect(await countNamed('分批')).toBe(rows.length);
  });

  it('failing midway says how many people were written, audits them, and importing the rest completes it', async () => {
    // A real database failure on one row of the third chunk.
    const bad = `中断${WRITE_CHUNK * 2 + 5}`;
    await db.query(`CREATE FUNCTION test_refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = '${bad}' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER test_refuse_row BEFORE INSERT ON persons FOR EACH ROW EXECUTE FUNCTION test_refuse_row()`);
    try {
      const rows = withIds('中断', WRITE_CHUNK * 3);
      const importer = createPeopleImport({ db, pii: testPii, today: () => '2026-12-03' });
      const jobId = await importer.start(actor, rows, 'all_or_nothing', 'zh');
      await importer.idle();
      const job = await findJob(db, jobId, actor.accountId);
      expect(job!.status).toBe('failed');
      expect((job!.result as { message: string }).message).toContain(`已导入 ${WRITE_CHUNK * 2} 人`);
      expect((job!.result as { message: string }).message).toContain('再次导入同一文件即可补全');
      expect(await countNamed('中断')).toBe(WRITE_CHUNK * 2);
      const audit = await db.query<{ result: string; summary: { created: number; partial?: boolean } }>(
        `SELECT result, summary FROM audit_log WHERE action = 'person.import' AND object_id = $1::text`,
        [String(jobId)],
      );
      expect(audit).toEqual([{ result: 'failure', summary: expect.objectContaining({ created: WRITE_CHUNK * 2, partial: true }) }]);
    } finally {
      await db.query(`DROP TRIGGER test_refuse_row ON persons`);
      await db.query(`DROP FUNCTION test_refuse_row()`);
    }
    // The same file again: the written people are matched by ID number, only the rest is created.
    const importer = createPeopleImport({ db, pii: testPii, today: () => '2026-12-03' });
    const again = await importer.start(actor, withIds('中断', WRITE_CHUNK * 3), 'all_or_nothing', 'zh');
    await importer.idle();
    expect((await findJob(db, again, actor.accountId))!.result).toMatchObject({ imported: true, created: WRITE_CHUNK, skipped: WRITE_CHUNK * 2 });
    expect(await countNamed('中断')).toBe(WRITE_CHUNK * 3);
  });
});
