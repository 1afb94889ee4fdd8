// 工作台 to-dos: counts of what waits for the account's org, straight from each module's tables,
// limited to the account's scope and to what its roles may read.
import { can, type TodoItem, type TodoKind, type TodoSummary } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import { likePrefix } from '../../core/access.js';
import { todayInChina } from '../../core/calendar.js';
import type { Db } from '../../db/db.js';
import { inScope } from '../../core/scope.js';

type Counts = Partial<Record<TodoKind, number>>;

const URGENT: ReadonlySet<TodoKind> = new Set([
  'assignments_late_below',
  'problems_overdue',
  'problems_supervision_due',
  'problems_escalated',
  'requests_unclaimed',
  'requests_promise_overdue',
  'whistle_parts_declined',
]);

// Where each count is listed; the list pages read these filters from the URL.
const HREF: Record<TodoKind, string> = {
  assignments_to_report: '/dispatch',
  assignments_late_below: '/dispatch?tab=sent',
  tasks_open: '/lists',
  problems_open: '/ledger?open=1',
  problems_overdue: '/ledger?overdue=1',
  problems_supervision_due: '/ledger/supervision',
  problems_escalated: '/ledger/supervision?tab=escalated',
  requests_unclaimed: '/citizens?status=received',
  requests_open: '/citizens?open=1',
  requests_promise_overdue: '/citizens?overdue=1',
  whistle_parts_to_answer: '/whistles',
  whistle_parts_declined: '/whistles',
};

export function createHomeService({ db }: { db: Db }) {
  return {
    async todos(actor: Actor, now = new Date()): Promise<TodoSummary> {
      const today = todayInChina(now);
      const { orgId, path } = actor.scope;
      const like = likePrefix(path);
      const counts: Counts = {};
      const may = (action: Parameters<typeof can>[1]) => can(actor.roles, action);

      if (may('dispatch:read')) {
        const [row] = await db.query<{ mine: number; late_below: number }>(
          `SELECT count(*) FILTER (WHERE org_id = $1)::int AS mine,
                  count(*) FILTER (WHERE org_id <> $1 AND due_date < $3)::int AS late_below
             FROM assignments
            WHERE status = 'pending' AND ${inScope('org_path', 2)}`,
          [orgId, like, today],
        );
        counts.assignments_to_report = row!.mine;
        counts.assignments_late_below = row!.late_below;
      }
      if (may('ledger:read')) {
        const [row] = await db.query<{ tasks: number; open: number; overdue: number; supervision: number; escalated: number }>(
          `SELECT count(*) FILTER (WHERE case_type = 'task' AND org_id = $1)::int AS tasks,
                  count(*) FILTER (WHERE case_type = 'problem')::int AS open,
                  count(*) FILTER (WHERE case_type = 'problem' AND deadline < $3)::int AS overdue,
                  count(*) FILTER (WHERE case_type = 'problem' AND supervision_due <= $3)::int AS supervision,
                  count(*) FILTER (WHERE case_type = 'problem' AND escalated_to_org_id = $1)::int AS escalated
             FROM cases
            WHERE case_type IN ('problem', 'task') AND resolved_at IS NULL AND ${inScope('org_path', 2)}`,
          [orgId, like, today],
        );
        counts.tasks_open = row!.tasks;
        counts.problems_open = row!.open;
        counts.problems_overdue = row!.overdue;
        counts.problems_supervision_due = row!.supervision;
        counts.problems_escalated = row!.escalated;
      }
      if (may('citizen:read')) {
        const [row] = await db.query<{ unclaimed: number; open: number; overdue: number }>(
          `SELECT count(*) FILTER (WHERE c.status = 'received')::int AS unclaimed,
                  count(*)::int AS open,
                  count(*) FILTER (WHERE r.promised_date < $2)::int AS overdue
             FROM cases c JOIN citizen_requests r ON r.case_id = c.id
            WHERE c.case_type = 'request' AND c.resolved_at IS NULL AND ${inScope('c.org_path', 1)}`,
          [like, today],
        );
        counts.requests_unclaimed = row!.unclaimed;
        counts.requests_open = row!.open;
        counts.requests_promise_overdue = row!.overdue;
      }
      if (may('whistle:answer')) {
        const [row] = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM whistle_parts WHERE ${inScope('department_path', 1)} AND status IN ('whistled', 'reported', 'handling')`,
          [like],
        );
        counts.whistle_parts_to_answer = row!.n;
      }
      if (may('whistle:blow')) {
        const [row] = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM whistle_parts p JOIN whistles w ON w.id = p.whistle_id
            WHERE ${inScope('w.whistler_path', 1)} AND p.status = 'declined'`,
          [like],
        );
        counts.whistle_parts_declined = row!.n;
      }

      const items: TodoItem[] = (Object.entries(counts) as [TodoKind, number][]).map(([kind, count]) => ({
        kind,
        count,
        urgent: URGENT.has(kind) && count > 0,
        href: HREF[kind],
      }));
      return { today, items };
    },
  };
}
export type HomeService = ReturnType<typeof createHomeService>;
