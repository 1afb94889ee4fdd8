// SQL of the kept answers (migration 550): a county's generation of a set of watched tables, and
// the one-snapshot transaction an answer is built in. The one place `answer_generations` is read.
import { prepared, type Db, type Queryable } from '../db/db.js';

const GENERATION = prepared(
  `SELECT coalesce(sum(gen), 0)::float8 AS gen FROM answer_generations WHERE source = ANY($1::text[]) AND county_id = ANY(ARRAY[$2::bigint, 0])`,
);

/**
 * The county's generation of the tables: the sum of their rows of the county and of county 0
 * (rows above counties, TRUNCATE). One index probe per table and county.
 */
export async function generationOf(q: Queryable, countyId: number, sources: readonly string[]): Promise<number> {
  const [row] = await q.query<{ gen: number }>(GENERATION, [sources, countyId]);
  return Number(row?.gen ?? 0);
}

/**
 * Runs fn in one read-only REPEATABLE READ transaction: every statement in it sees one snapshot,
 * so a generation read in it and the rows read in it belong together (a write that commits
 * meanwhile is in neither or, for a later snapshot, in both).
 */
export async function inOneSnapshot<T>(db: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    return fn(tx);
  });
}
