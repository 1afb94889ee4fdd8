// The SQL of the 工作台: today's items read straight from the modules' records (DOMAIN.md §11: no
// second to-do table). Every statement is limited to the account's subtree (org_path LIKE) and,
// where the work is its own org's, to that org; each returns at most LIMIT rows, most urgent first.
import type { Queryable } from '../../db/db.js';
import { inScope, BY_KEY } from '../../core/scope.js';

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

/** Problems my org must rectify: sent back (with the checker's reason), overdue, to start, in progress. */
export function ownProblems(q: Queryable, p: TodayParams) {
  return q.query<TodayRow>(
    `SELECT CASE WHEN c.deadline < $3 THEN 'problem_overdue'
                 WHEN c.status = 'rectifying' AND r.body IS NOT NULL THEN 'problem_returned'
                 WHEN c.status = 'registered' THEN 'problem_to_start'
                 ELSE 'problem_rectifying' END AS kind,
            c.id, c.title, o.name AS org, c.deadline::text AS due, r.body AS reason,
            greatest(c.updated_at, coalesce(r.at, c.opened_at)) AS at
       FROM cases c
       JOIN problems p ON p.case_id = c.id
       JOIN orgs o ON o.id = c.org_id
       LEFT JOIN LATERAL (
             SELECT e.body, e.at FROM case_events e
              WHERE e.case_id = c.id AND e.kind = 'transition' AND e.transition = 'return'
                AND p.returned_count > 0 AND c.status = 'rectifying'
              ORDER BY e.seq DESC LIMIT 1) r ON true
      WHERE c.case_type = 'problem' AND c.status IN ('registered', 'rectifying')
        AND p.responsible_org_id = $1 AND ${inScope('c.org_path', 2)}
      ORDER BY c.deadline, c.id DESC
      LIMIT $4`,
    [p.orgId, p.like, p.today, p.limit],
  );
}

/** 督办: open problems below my org whose supervision date falls within the week (or has passed). */
export function supervisionDue(q: Queryable, p: TodayParams) {
  return q.query<TodayRow>(
    `SELECT 'problem_supervision' AS kind, c.id, c.title, o.name AS org, c.supervision_due::text AS due,
            NULL::text AS reason, c.updated_at AS at
       FROM cases c
       JOIN problems p ON p.case_id = c.id
       JOIN orgs o ON o.id = c.org_id
      WHERE c.case_type = 'problem' AND c.resolved_at IS NULL AND ${inScope('c.org_path', 2)}
        AND p.responsible_org_id <> $1 AND c.supervision_due <= $3
      ORDER BY c.supervision_due, c.id DESC
      LIMIT $4`,
    [p.orgId, p.like, p.soon, p.limit],
  );
}

/** 两下两上: my org's reports not yet made, late ones first. */
export function reportsDue(q: Queryable, p: TodayParams) {
  return q.query<TodayRow>(
    `${BY_KEY}SELECT CASE WHEN a.due_date < $2 THEN 'report_overdue' ELSE 'report_due' END AS kind,
            a.id, d.title, i.name AS org, a.due_date::text AS due, NULL::text AS reason, d.created_at AS at
       FROM assignments a
       JOIN directives d ON d.id = a.directive_id
       JOIN orgs i ON i.id = d.issuer_org_id
      WHERE a.org_id = $1 AND a.status = 'pending'
      ORDER BY a.due_date, a.id DESC
      LIMIT $3`,
    [p.orgId, p.today, p.limit],
  );
}

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

/** 群众事项: received in my subtree and not taken on; and the ones I handle (late first). */
export function requests(q: Queryable, p: TodayParams) {
  return q.query<TodayRow>(
    `SELECT CASE WHEN c.status = 'received' THEN 'request_to_claim'
                 WHEN r.promised_date < $3 THEN 'request_overdue'
                 ELSE 'request_mine' END AS kind,
            c.id, c.title, o.name AS org,
            (CASE WHEN c.status = 'received' THEN NULL ELSE r.promised_date END)::text AS due,
            NULL::text AS reason, c.updated_at AS at
       FROM cases c
       JOIN citizen_requests r ON r.case_id = c.id
       JOIN orgs o ON o.id = c.org_id
      WHERE c.case_type = 'request' AND c.resolved_at IS NULL AND ${inScope('c.org_path', 1)}
        AND (c.status = 'received' OR r.owner_id = $2)
      ORDER BY (c.status = 'received') DESC, r.promised_date NULLS LAST, c.opened_at DESC
      LIMIT $4`,
    [p.like, p.accountId, p.today, p.limit],
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
