// The one list shape ({items, total, page, pageSize}) on the server side: the page asked for, the
// window count that rides on the page's rows, and the total of a page past the end.
/** The page and page size asked for (the contract's defaults: page 1, 50 rows). */
export function pageOf(q: { page?: number; pageSize?: number }, defaultSize = 50) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? defaultSize;
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
}
export type PageWindow = { limit: number; offset: number };

/** A select column giving every row the number of rows the query matched before LIMIT/OFFSET. */
export const TOTAL_COUNT = 'count(*) OVER ()::int AS total_count';

/**
 * The total from the window count on the page's rows. A page past the end has no row to carry it:
 * the same query is asked for its first row.
 */
export async function totalOf(rows: readonly { total_count: number }[], page: number, firstRow: () => Promise<readonly { total_count: number }[]>): Promise<number> {
  if (rows[0]) return rows[0].total_count;
  if (page === 1) return 0;
  return (await firstRow())[0]?.total_count ?? 0;
}
