// The SQL of the 工作台 over the core's own tables (cases, the dispatch engine's calls, orgs):
// today's items read straight from the records (DOMAIN.md §11: no second to-do table). A module's
// own tables are read by that module, registered as a today source (core/today-sources.ts). Every
// statement is limited to the account's subtree (org_path LIKE) and, where the work is its own
// org's, to that org; each returns at most LIMIT rows, most urgent first.
import type { Queryable } from '../../db/db.js';
import { inScope, BY_KEY } from '../../core/scope.js';
import { openPredicate } from '../../core/cases/registry.js';

export type TodayRow = {
  kind: string;
  id: number;
  title: string;
  org: string;
  due: string | null;
  reason: string | null;
  at: Date | string;
};

export type TodayParams = {
  orgId: number;
  /** likePrefix(scope path): the account's subtree. */
  like: string;
  accountId: number;
  today: string;
  /** today + 7 days: "this week" for reports and supervision dates. */
  soon: string;
  limit: number;
};

/** 任务清单: tasks my org does, not completed. */
export function openTasks(q: Queryable, p: TodayParams) {
  return q.query<TodayRow>(
    `${BY_KEY}SELECT 'task_open' AS kind, c.id, c.title, o.name AS org, c.deadline::text AS due,
            NULL::text AS reason, c.updated_at AS at
       FROM cases c JOIN orgs o ON o.id = c.org_id
      WHERE c.case_type = 'task' AND c.resolved_at IS NULL AND c.org_id = $1
      ORDER BY c.deadline NULLS LAST, c.id DESC
      LIMIT $2`,
    [p.orgId, p.limit],
  );
}

/** 吹哨报到: parts whistled to a department of my subtree, not finished. */
export function whistlesToAnswer(q: Queryable, p: TodayParams) {
  return q.query<TodayRow>(
    `SELECT 'whistle_to_answer' AS kind, wp.id, left(w.body, 80) AS title, o.name AS org,
            NULL::text AS due, NULL::text AS reason, wp.created_at AS at
       FROM dispatch_call_answers wp
       JOIN dispatch_calls w ON w.kind = wp.kind AND w.id = wp.call_id
       JOIN orgs o ON o.id = w.caller_org_id
      WHERE ${inScope('wp.org_path', 1)} AND wp.kind = 'whistle' AND wp.state IN ('whistled', 'reported', 'handling')
      ORDER BY (wp.state = 'whistled') DESC, wp.created_at DESC
      LIMIT $2`,
    [p.like, p.limit],
  );
}

/** Parts a department declined, waiting for the whistler (in my subtree) to re-route. */
export function whistlesDeclined(q: Queryable, p: TodayParams) {
  return q.query<TodayRow>(
    `SELECT 'whistle_declined' AS kind, wp.id, left(w.body, 80) AS title, o.name AS org,
            NULL::text AS due, wp.decline_reason AS reason, coalesce(wp.done_at, wp.created_at) AS at
       FROM dispatch_call_answers wp
       JOIN dispatch_calls w ON w.kind = wp.kind AND w.id = wp.call_id
       JOIN orgs o ON o.id = wp.org_id
      WHERE ${inScope('w.caller_path', 1)} AND wp.kind = 'whistle' AND wp.state = 'declined'
      ORDER BY wp.id DESC
      LIMIT $2`,
    [p.like, p.limit],
  );
}

/** 工作台's ledger counts over the scope: tasks not yet reported done (every year), open/overdue/supervision-due/escalated problems ("open" is each type's own definition, the one its list's open filter uses). */
export async function ledgerCounts(q: Queryable, orgId: number, like: string, today: string) {
  const [row] = await q.query<{ tasks: number; open: number; overdue: number; supervision: number; escalated: number }>(
    `SELECT count(*) FILTER (WHERE c.case_type = 'task' AND ${openPredicate('task')})::int AS tasks,
            count(*) FILTER (WHERE c.case_type = 'problem' AND ${openPredicate('problem')})::int AS open,
            count(*) FILTER (WHERE c.case_type = 'problem' AND c.resolved_at IS NULL AND c.deadline < $3)::int AS overdue,
            count(*) FILTER (WHERE c.case_type = 'problem' AND c.resolved_at IS NULL AND c.supervision_due <= $3)::int AS supervision,
            count(*) FILTER (WHERE c.case_type = 'problem' AND ${openPredicate('problem')} AND c.escalated_to_org_id = $1)::int AS escalated
       FROM cases c
      WHERE c.case_type IN ('problem', 'task') AND c.closed_at IS NULL AND ${inScope('c.org_path', 2)}`,
    [orgId, like, today],
  );
  return row!;
}
