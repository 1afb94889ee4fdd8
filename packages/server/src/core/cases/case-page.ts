// One page of a case list, newest first, for any case type: the page's ids and the total in one
// round trip (`from` reads cases — joined to the type's table only when a filter needs it), then
// the page's rows by id with the type's own prepared SELECT (`rowsById`, taking `$1::bigint[]`).
import type { PreparedSql, Queryable } from '../../db/db.js';

/**
 * How the page's ids are found. `walk`: newest first along the primary key until the page is full
 * — right when the filter holds most cases (the tree's root) or has an index in id order (a
 * county's, `cases_county_type_id_idx`). `subtree`: the filter's ids read once from the scope index
 * (`cases_scope_cover_idx`, `cases_open_scope_idx`), counted and sorted from there — for a path
 * below the root. The planner cannot tell a station's share of the cases from the path prefix (it
 * guessed 20,041 of 3 million for every station and township of the bench province, which holds 615
 * and 2,091) and walked the key through 116,000 other units' cases for a station's page: 37–44 ms
 * instead of 1–2 ms.
 */
export type CasePageOrder = 'walk' | 'subtree';

/** `subtree` for a path scope below the tree's root ('/1/5/' and deeper), `walk` for the root itself. */
export function pageOrderFor(scopePath: string): CasePageOrder {
  return scopePath.split('/').filter(Boolean).length >= 2 ? 'subtree' : 'walk';
}

export async function casePage<R>(
  q: Queryable,
  from: string,
  params: unknown[],
  page: number,
  pageSize: number,
  rowsById: PreparedSql,
  order: CasePageOrder = 'walk',
): Promise<{ rows: R[]; total: number; page: number; pageSize: number }> {
  const limit = `LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  const [head] = await q.query<{ n: number; ids: number[] }>(
    order === 'subtree'
      ? `WITH s AS MATERIALIZED (SELECT c.id ${from})
         SELECT (SELECT count(*)::int FROM s) AS n, ARRAY(SELECT id FROM s ORDER BY id DESC ${limit}) AS ids`
      : `SELECT (SELECT count(*)::int ${from}) AS n,
                ARRAY(SELECT c.id ${from} ORDER BY c.id DESC ${limit}) AS ids`,
    params,
  );
  const ids = head?.ids ?? [];
  const rows = ids.length ? await q.query<R>(rowsById, [ids]) : [];
  return { rows, total: head?.n ?? 0, page, pageSize };
}
