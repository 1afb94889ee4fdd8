// Kept answers (core/kept-answers.ts, migration 550): migration 550 watches exactly the tables the
// code names; the database moves a county's generation of a watched table in the same transaction as
// any change to it (and only that county's; a row above counties and TRUNCATE move every county's); an answer is built once and reused while its sources' generation and the date
// hold, built again after a committed change to a source and not after one to a table it does not
// read; nothing is kept above counties or with a bound of 0; and on PostgreSQL a write committing
// while an answer is built is never hidden behind it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../db/db.js';
import { freshDb } from '../test/helpers.js';
import { createKeptAnswers, WATCHED_TABLES, type AnswerKind, type WatchedTable } from './kept-answers.js';
import { generationOf } from './kept-answers.repository.js';

let db: Db;
let county: number;
let otherCounty: number;

/** A table of the test's own, watched as migration 550 watches its tables (the same function makes the same triggers). */
const SCRATCH = 'kept_answers_scratch';

beforeAll(async () => {
  db = await freshDb();
  county = Number((await db.query<{ id: number }>(`SELECT id FROM orgs WHERE type = 'county' ORDER BY id LIMIT 1`))[0]!.id);
  // another county: its generation must stay where it is (a county id of none does as well as any)
  otherCounty = county + 1_000_000;
  await db.exec(`CREATE TABLE ${SCRATCH} (id int PRIMARY KEY, county_id bigint, v int NOT NULL DEFAULT 0)`);
  await db.query(`SELECT answer_generations_watch($1)`, [SCRATCH]);
  await db.query(`INSERT INTO ${SCRATCH} (id, county_id) VALUES (1, $1), (2, $1), (3, $2), (4, NULL)`, [county, otherCounty]);
});
afterAll(() => db.close());

class Rollback extends Error {}
/** Runs fn in a transaction that is always rolled back: what it saw, nothing it wrote. */
async function rolledBack<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
  let seen!: T;
  await db
    .transaction(async (tx) => {
      seen = await fn(tx);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return seen;
}

describe('the watched tables (migration 550)', () => {
  it('are the tables core/kept-answers.ts names, each with its four triggers, and no others', async () => {
    const rows = await db.query<{ t: string; n: number }>(
      `SELECT c.relname AS t, count(*)::int AS n FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE g.tgname LIKE 'answer_generations_%' AND c.relname <> '${SCRATCH}' GROUP BY c.relname ORDER BY c.relname`,
    );
    expect(rows).toEqual([...WATCHED_TABLES].sort().map((t) => ({ t, n: 4 })));
  });

  it('a change moves its county\'s generation in the same transaction, and no other county\'s; a statement that changes no row moves nothing; a row above counties or a TRUNCATE moves every county', async () => {
    const before = await generationOf(db, county, [SCRATCH as WatchedTable]);
    const seen = await rolledBack(async (tx) => {
      const gens = async () => ({ own: await generationOf(tx, county, [SCRATCH as WatchedTable]), other: await generationOf(tx, otherCounty, [SCRATCH as WatchedTable]) });
      const steps: Record<string, { own: number; other: number }> = { start: await gens() };
      await tx.query(`UPDATE ${SCRATCH} SET v = v + 1 WHERE id = 1`);
      steps.update = await gens();
      await tx.query(`UPDATE ${SCRATCH} SET v = v + 1 WHERE false`);
      steps.none = await gens();
      await tx.query(`UPDATE ${SCRATCH} SET v = v + 1`); // both counties and the row above them, one statement
      steps.all = await gens();
      await tx.query(`INSERT INTO ${SCRATCH} (id, county_id) VALUES (5, $1)`, [county]);
      steps.insert = await gens();
      await tx.query(`DELETE FROM ${SCRATCH} WHERE id = 5`);
      steps.delete = await gens();
      await tx.query(`UPDATE ${SCRATCH} SET v = v + 1 WHERE id = 4`); // above counties
      steps.above = await gens();
      await tx.exec(`TRUNCATE ${SCRATCH}`);
      steps.truncate = await gens();
      // another table's generation does not move with this one's
      steps.elsewhere = { own: await generationOf(tx, county, ['project_board_rows']), other: 0 };
      return steps;
    });
    const moved = (a: string, b: string) => [seen[b]!.own > seen[a]!.own, seen[b]!.other > seen[a]!.other];
    expect(moved('start', 'update')).toEqual([true, false]);
    expect(moved('update', 'none')).toEqual([false, false]);
    expect(moved('none', 'all')).toEqual([true, true]);
    expect(moved('all', 'insert')).toEqual([true, false]);
    expect(moved('insert', 'delete')).toEqual([true, false]);
    expect(moved('delete', 'above')).toEqual([true, true]);
    expect(moved('above', 'truncate')).toEqual([true, true]);
    expect(seen.elsewhere!.own).toBe(0);
    // and all of it rolled back with the transaction
    expect(await generationOf(db, county, [SCRATCH as WatchedTable])).toBe(before);
  });
});

describe('an answer kept by the core', () => {
  const KIND: AnswerKind = { name: 'test.board', sources: [SCRATCH as WatchedTable] };
  const build = (counter: { n: number }) => async (q: Queryable) => {
    counter.n++;
    const [row] = await q.query<{ v: number }>(`SELECT sum(v)::int AS v FROM ${SCRATCH} WHERE county_id = $1`, [county]);
    return JSON.stringify({ v: row!.v, build: counter.n });
  };

  it('is built once and reused while its sources and the date hold; a change to a source or a new day builds it again, a change elsewhere does not', async () => {
    const kept = createKeptAnswers({ db, maxBytes: 1024 * 1024 });
    const n = { n: 0 };
    const first = await kept.answer(KIND, 'k', county, '2026-12-05', build(n));
    const second = await kept.answer(KIND, 'k', county, '2026-12-05', build(n));
    expect(second).toBe(first);
    expect(n.n).toBe(1);
    // another key, another answer
    await kept.answer(KIND, 'other', county, '2026-12-05', build(n));
    expect(n.n).toBe(2);
    // a table the answer does not read
    await db.query(`UPDATE orgs SET name = name WHERE id = $1`, [county]);
    expect(await kept.answer(KIND, 'k', county, '2026-12-05', build(n))).toBe(first);
    expect(n.n).toBe(2);
    // its source, committed
    await db.query(`UPDATE ${SCRATCH} SET v = v + 1 WHERE id = 1`);
    const third = await kept.answer(KIND, 'k', county, '2026-12-05', build(n));
    expect(n.n).toBe(3);
    expect(JSON.parse(third.body.toString()).build).toBe(3);
    expect(third.etag).not.toBe(first.etag);
    // the next day
    await kept.answer(KIND, 'k', county, '2026-12-06', build(n));
    expect(n.n).toBe(4);
    expect(kept.stats()).toMatchObject({ hits: 2, builds: 4 });
  });

  it('keeps nothing above counties, nor with a bound of 0', async () => {
    const kept = createKeptAnswers({ db, maxBytes: 1024 * 1024 });
    const n = { n: 0 };
    await kept.answer(KIND, 'k', null, '2026-12-05', build(n));
    await kept.answer(KIND, 'k', null, '2026-12-05', build(n));
    expect(n.n).toBe(2);
    const off = createKeptAnswers({ db, maxBytes: 0 });
    await off.answer(KIND, 'k', county, '2026-12-05', build(n));
    await off.answer(KIND, 'k', county, '2026-12-05', build(n));
    expect(n.n).toBe(4);
    expect(off.stats().entries).toBe(0);
  });
});

describe.runIf(process.env.DATABASE_URL)('a write that commits while an answer is being built (PostgreSQL: two connections)', () => {
  it('is in the next answer: the answer is kept under the generation its own snapshot read (PostgreSQL only: PGlite has one connection, its transaction excludes any other statement)', async () => {
    const kept = createKeptAnswers({ db, maxBytes: 1024 * 1024 });
    const KIND: AnswerKind = { name: 'test.during', sources: [SCRATCH as WatchedTable] };
    const read = (q: Queryable) => q.query<{ s: number }>(`SELECT coalesce(sum(v), 0)::int AS s FROM ${SCRATCH} WHERE county_id = $1`, [county]);
    const [{ s: start }] = (await read(db)) as [{ s: number }];
    let builds = 0;
    const during = await kept.answer(KIND, 'k', county, '2026-12-05', async (tx) => {
      builds++;
      const [{ s }] = (await read(tx)) as [{ s: number }];
      // another connection adds a sheet to a month and commits, after this snapshot was taken
      if (builds === 1) await db.query(`UPDATE ${SCRATCH} SET v = v + 1 WHERE id = 2`);
      return JSON.stringify({ s });
    });
    expect(JSON.parse(during.body.toString()).s).toBe(start);
    const next = await kept.answer(KIND, 'k', county, '2026-12-05', async (tx) => {
      builds++;
      return JSON.stringify({ s: (await read(tx))[0]!.s });
    });
    expect(builds).toBe(2);
    expect(JSON.parse(next.body.toString()).s).toBe(start + 1);
  });
});
