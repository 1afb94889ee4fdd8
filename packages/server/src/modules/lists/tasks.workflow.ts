// 任务清单: a task of an org's yearly list is a case: assigned → in progress → reported done →
// completed (confirmed by the list's org) or returned.
import { TASK_STATE_LABELS, TASK_TRANSITION_LABELS, type TaskState, type TaskTransition } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import type { WorkflowDef } from '../../core/cases/workflow.js';

/** The case lies at the owner org (orgPath); the list org confirms. */
export type TaskExtra = { listOrgPath: string };

const covers = (actor: Actor, path: string) => path.startsWith(actor.scope.path);
const within = (actor: Actor, path: string) => actor.scope.path.startsWith(path);
const OFFICES = ['county_admin', 'township_admin', 'station_admin', 'village_admin', 'department_admin'];
const office = (actor: Actor) => actor.roles.some((r) => OFFICES.includes(r));
/** The owner org's own accounts do the work — not the orgs below it (a village does not do its township's task). */
const owner = (actor: Actor, c: { orgPath: string }) => office(actor) && actor.scope.path === c.orgPath;
/** The org that keeps the list confirms; when it owns the task itself, a level above it does. */
const keeper = (actor: Actor, c: { orgPath: string; extra: TaskExtra }) =>
  office(actor) && covers(actor, c.extra.listOrgPath) && !within(actor, c.orgPath);

export const taskWorkflow: WorkflowDef<TaskState, TaskTransition, TaskExtra> = {
  caseType: 'task',
  states: ['assigned', 'in_progress', 'submitted', 'completed'],
  stateLabels: TASK_STATE_LABELS,
  initial: 'assigned',
  resolvedStates: ['submitted', 'completed'],
  finalStates: ['completed'],
  transitions: {
    start: { from: ['assigned'], to: 'in_progress', label: TASK_TRANSITION_LABELS.start, allowed: owner },
    submit: {
      from: ['assigned', 'in_progress'],
      to: 'submitted',
      label: TASK_TRANSITION_LABELS.submit,
      allowed: owner,
      requires: [{ field: 'comment', zh: '请填写完成情况', en: 'Describe the result' }],
    },
    return: {
      from: ['submitted'],
      to: 'in_progress',
      label: TASK_TRANSITION_LABELS.return,
      allowed: keeper,
      requires: [{ field: 'comment', zh: '请填写退回理由', en: 'Give the reason' }],
    },
    confirm: { from: ['submitted'], to: 'completed', label: TASK_TRANSITION_LABELS.confirm, allowed: keeper },
  },
  sla: { escalateOverdue: false },
};
