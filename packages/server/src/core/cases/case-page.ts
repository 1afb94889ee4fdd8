// One page of a case list, newest first, for any case type: the page's ids and the total in one
// round trip (`from` reads cases — joined to the type's table only when a filter needs it), then
// the page's rows by id with the type's own prepared SELECT (`rowsById`, taking `$1::bigint[]`).
import type { PreparedSql, Queryable } from '../../db/db.js';

export async function casePage<R>(
  q: Queryable,
  from: string,
  params: unknown[],
  page: number,
  pageSize: number,
  rowsById: PreparedSql,
): Promise<{ rows: R[]; total: number; page: number; pageSize: number }> {
  const [head] = await q.query<{ n: number; ids: number[] }>(
    `SELECT (SELECT count(*)::int ${from}) AS n,
            ARRAY(SELECT c.id ${from} ORDER BY c.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}) AS ids`,
    params,
  );
  const ids = head?.ids ?? [];
  const rows = ids.length ? await q.query<R>(rowsById, [ids]) : [];
  return { rows, total: head?.n ?? 0, page, pageSize };
}
