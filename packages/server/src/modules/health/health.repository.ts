// 健康检查's SQL: the database answers.
import type { Queryable } from '../../db/db.js';

export async function ping(q: Queryable) {
  await q.query('SELECT 1');
}
