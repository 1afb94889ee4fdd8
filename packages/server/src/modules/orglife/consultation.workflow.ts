// 工作会商 on a major matter (seed 000: 重大事项报上级审定后实施): the station records the
// consultation and its decision → the township agrees or returns it with a comment → the station
// revises and resubmits → carried out, reported by the station.
import { CONSULTATION_STATE_LABELS, CONSULTATION_TRANSITION_LABELS, type ConsultationState, type ConsultationTransition, type Role } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import type { WorkflowDef } from '../../core/cases/workflow.js';

export type ConsultationExtra = Record<string, never>;

const has = (actor: Actor, ...roles: Role[]) => actor.roles.some((r) => roles.includes(r));
/** The station that consulted (its own accounts). */
const station = (actor: Actor, path: string) => has(actor, 'station_admin') && actor.scope.path.startsWith(path);
/** The township above it agrees or returns. */
const superior = (actor: Actor, path: string) => has(actor, 'township_admin') && path.startsWith(actor.scope.path) && !actor.scope.path.startsWith(path);

export const consultationWorkflow: WorkflowDef<ConsultationState, ConsultationTransition, ConsultationExtra> = {
  caseType: 'consultation',
  states: ['submitted', 'returned', 'agreed', 'carried_out'],
  stateLabels: CONSULTATION_STATE_LABELS,
  initial: 'submitted',
  resolvedStates: ['carried_out'],
  finalStates: ['carried_out'],
  transitions: {
    agree: { from: ['submitted'], to: 'agreed', label: CONSULTATION_TRANSITION_LABELS.agree, allowed: (a, c) => superior(a, c.orgPath) },
    return: {
      from: ['submitted'], to: 'returned', label: CONSULTATION_TRANSITION_LABELS.return, allowed: (a, c) => superior(a, c.orgPath),
      requires: [{ field: 'comment', zh: '请填写退回意见', en: 'Give the comment for returning it' }],
    },
    resubmit: {
      from: ['returned'], to: 'submitted', label: CONSULTATION_TRANSITION_LABELS.resubmit, allowed: (a, c) => station(a, c.orgPath),
      requires: [{ field: 'decision', zh: '请填写修改后的会商意见', en: 'Enter the revised decision' }],
    },
    carry_out: {
      from: ['agreed'], to: 'carried_out', label: CONSULTATION_TRANSITION_LABELS.carry_out, allowed: (a, c) => station(a, c.orgPath),
      requires: [{ field: 'comment', zh: '请填写实施情况', en: 'Describe what was done' }],
    },
  },
  sla: { escalateOverdue: false },
};
