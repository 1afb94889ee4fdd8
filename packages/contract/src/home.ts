// 工作台: what waits for the account's org now, counted from the records of every module — the
// same facts the modules' own lists show, never entered again for a dashboard.
import { Type, type Static } from '@sinclair/typebox';

export const TODO_KINDS = [
  'assignments_to_report', // 两下两上: directives addressed to my org, not reported yet
  'assignments_late_below', // reports due from the orgs below me that are late
  'tasks_open', // 任务清单: tasks my org owns, not completed
  'problems_open', // 问题台账: open problems in my subtree
  'problems_overdue', // … past their deadline
  'problems_supervision_due', // … whose 督办 is due
  'problems_escalated', // overdue problems escalated to my org
  'requests_unclaimed', // 群众事项: received, nobody has taken them on (首问负责)
  'requests_open', // … not resolved
  'requests_promise_overdue', // … past the promised date
  'whistle_parts_to_answer', // 吹哨报到: parts whistled to my department, not finished
  'whistle_parts_declined', // parts declined by a department, waiting for me to re-route
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export const TODO_LABELS: Record<TodoKind, { zh: string; en: string }> = {
  assignments_to_report: { zh: '待上报的任务', en: 'Directives to report on' },
  assignments_late_below: { zh: '下级逾期未报', en: 'Late reports below' },
  tasks_open: { zh: '任务清单未完成', en: 'Open tasks on the list' },
  problems_open: { zh: '未销号问题', en: 'Open problems' },
  problems_overdue: { zh: '逾期未整改', en: 'Overdue problems' },
  problems_supervision_due: { zh: '到期待督办', en: 'Supervision due' },
  problems_escalated: { zh: '上交本级督办', en: 'Escalated to us' },
  requests_unclaimed: { zh: '待接办群众事项', en: 'Requests nobody has taken' },
  requests_open: { zh: '办理中群众事项', en: 'Requests being handled' },
  requests_promise_overdue: { zh: '超过承诺时限', en: 'Past the promised date' },
  whistle_parts_to_answer: { zh: '待报到的吹哨', en: 'Whistles to answer' },
  whistle_parts_declined: { zh: '被退回待改派', en: 'Declined parts to re-route' },
};

export const TodoItem = Type.Object({
  kind: Type.Unsafe<TodoKind>({ type: 'string', enum: [...TODO_KINDS] }),
  count: Type.Integer({ minimum: 0 }),
  /** Needs attention now (late, overdue, unclaimed) rather than routine work in progress. */
  urgent: Type.Boolean(),
  /** The page that lists exactly these records. */
  href: Type.String(),
});
export type TodoItem = Static<typeof TodoItem>;

export const TodoSummary = Type.Object({ today: Type.String({ format: 'date' }), items: Type.Array(TodoItem) });
export type TodoSummary = Static<typeof TodoSummary>;
