// 主题党日 备案 ("党委指导、登记备案", seed 004): the branch files its plan before the day → the
// township committee passes it or returns it with a comment → the branch refiles → held and
// recorded (the meeting record is written in the same step and linked to the filing).
import { FILING_STATE_LABELS, FILING_TRANSITION_LABELS, type FilingState, type FilingTransition, type Role } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import type { WorkflowDef } from '../../core/cases/workflow.js';

/** Nothing beyond the case: the branch is the case's org. */
export type FilingExtra = Record<string, never>;

const has = (actor: Actor, ...roles: Role[]) => actor.roles.some((r) => roles.includes(r));
/** The branch itself (its own account, or one below it) acts. */
const branch = (actor: Actor, path: string) => has(actor, 'village_admin', 'department_admin', 'station_admin', 'township_admin') && actor.scope.path.startsWith(path);
/** 党委指导: the township committee above the branch guides (passes or returns). */
const committee = (actor: Actor, path: string) => has(actor, 'township_admin') && path.startsWith(actor.scope.path) && !actor.scope.path.startsWith(path);

export const filingWorkflow: WorkflowDef<FilingState, FilingTransition, FilingExtra> = {
  caseType: 'theme_day',
  states: ['filed', 'returned', 'approved', 'held'],
  stateLabels: FILING_STATE_LABELS,
  initial: 'filed',
  resolvedStates: ['held'],
  finalStates: ['held'],
  transitions: {
    return: {
      from: ['filed'],
      to: 'returned',
      label: FILING_TRANSITION_LABELS.return,
      allowed: (actor, c) => committee(actor, c.orgPath),
      requires: [{ field: 'comment', zh: '请填写退回意见', en: 'Give the comment for returning it' }],
    },
    refile: {
      from: ['returned'],
      to: 'filed',
      label: FILING_TRANSITION_LABELS.refile,
      allowed: (actor, c) => branch(actor, c.orgPath),
      requires: [{ field: 'plan', zh: '请填写修改后的活动方案', en: 'Enter the revised plan' }],
    },
    approve: {
      from: ['filed'],
      to: 'approved',
      label: FILING_TRANSITION_LABELS.approve,
      allowed: (actor, c) => committee(actor, c.orgPath),
    },
    hold: {
      from: ['approved'],
      to: 'held',
      label: FILING_TRANSITION_LABELS.hold,
      allowed: (actor, c) => branch(actor, c.orgPath),
      requires: [{ field: 'meeting', zh: '请填写活动记录（时间、地点、参加人员）', en: 'Enter the meeting record' }],
    },
  },
  sla: { escalateOverdue: false },
};
