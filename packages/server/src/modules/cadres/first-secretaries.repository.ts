// SQL of the 第一书记 subsidy rate (a county setting keyed by the county).
import type { Queryable } from '../../db/db.js';

export async function rateOf(q: Queryable, countyId: number): Promise<number | null> {
  const [row] = await q.query<{ daily_fen: number }>(`SELECT daily_fen FROM first_secretary_subsidy_rates WHERE county_id = $1`, [countyId]);
  return row ? Number(row.daily_fen) : null;
}

export async function saveRate(q: Queryable, countyId: number, dailyFen: number): Promise<number | null> {
  const before = await rateOf(q, countyId);
  await q.query(
    `INSERT INTO first_secretary_subsidy_rates (county_id, daily_fen) VALUES ($1, $2)
     ON CONFLICT (county_id) DO UPDATE SET daily_fen = EXCLUDED.daily_fen, updated_at = now()`,
    [countyId, dailyFen],
  );
  return before;
}
