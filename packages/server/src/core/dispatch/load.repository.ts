// The dispatch engine's one measurement of recipients: for each org of the given types in a county,
// what every kind has asked of it (whistle parts, directive assignments), how much is still open,
// how much it declined, and how fast it answered — one statement over `dispatch_answers`
// (migration 085), so a department's whistles and its directives come out of the same query.
import type { Queryable } from '../../db/db.js';
import { SYSTEM } from '../scope.js';

export type RecipientLoad = {
  org_id: number;
  name: string;
  /** whistle parts: all, open, declined or re-routed, handed over to the judiciary */
  parts: number;
  open: number;
  declined: number;
  judicial: number;
  /** minutes from the whistle to the department's 报到 (reported in), on average */
  avg_response_minutes: number | null;
  /** directive assignments: all, still pending, reported late */
  assignments: number;
  assignments_open: number;
  assignments_late: number;
  /** minutes from a directive's issue to the org's report, on average */
  avg_report_minutes: number | null;
};

export async function recipientLoad(q: Queryable, countyId: number, types: readonly string[]): Promise<RecipientLoad[]> {
  return q.query<RecipientLoad>(
    `${SYSTEM}SELECT o.id AS org_id, o.name,
            count(x.id) FILTER (WHERE x.kind = 'whistle')::int AS parts,
            count(x.id) FILTER (WHERE x.kind = 'whistle' AND x.open)::int AS open,
            count(x.id) FILTER (WHERE x.kind = 'whistle' AND x.declined)::int AS declined,
            count(x.id) FILTER (WHERE x.kind = 'whistle' AND x.judicial)::int AS judicial,
            round((avg(EXTRACT(EPOCH FROM (x.answered_at - x.called_at)) / 60.0) FILTER (WHERE x.kind = 'whistle'))::numeric, 1)::float8 AS avg_response_minutes,
            count(x.id) FILTER (WHERE x.kind = 'directive')::int AS assignments,
            count(x.id) FILTER (WHERE x.kind = 'directive' AND x.open)::int AS assignments_open,
            count(x.id) FILTER (WHERE x.kind = 'directive' AND x.late)::int AS assignments_late,
            round((avg(EXTRACT(EPOCH FROM (x.answered_at - x.called_at)) / 60.0) FILTER (WHERE x.kind = 'directive'))::numeric, 1)::float8 AS avg_report_minutes
       FROM orgs o LEFT JOIN dispatch_answers x ON x.org_id = o.id AND x.county_id = $1
      WHERE o.county_id = $1 AND o.type = ANY($2::text[]) AND o.status = 'active'
      GROUP BY o.id, o.name
      ORDER BY open DESC, parts DESC, o.name`,
    [countyId, types],
  );
}
