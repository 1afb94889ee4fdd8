// 称号认定: the life of a designation, as a transition table the case engine runs. The township (or
// the county) above the unit nominates it, ticks the kind's criteria with evidence and sends it up
// (check); the county approves or returns it, publishes it (命名), opens its yearly review, passes
// the review or revokes the designation. The unit itself never acts on its own designation.
import { DESIGNATION_STATE_LABELS, DESIGNATION_TRANSITION_LABELS, type DesignationState, type DesignationTransition } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import type { CaseView, WorkflowDef } from '../../core/cases/workflow.js';

/** The actor's scope contains the unit (the actor is at or above it). */
const covers = (actor: Actor, c: CaseView) => c.orgPath.startsWith(actor.scope.path);
/** 县委组织部: the county covering the unit. */
const county = (actor: Actor, c: CaseView) => actor.roles.includes('county_admin') && covers(actor, c);
/** 乡镇党委 (or the county) above the unit — never the unit itself. */
export const aboveUnit = (actor: Actor, c: Pick<CaseView, 'orgPath'>) =>
  actor.roles.some((r) => r === 'township_admin' || r === 'county_admin') && c.orgPath.startsWith(actor.scope.path) && actor.scope.path !== c.orgPath;

const reason = (zh: string, en: string) => [{ field: 'comment', zh, en }] as const;

export const designationWorkflow: WorkflowDef<DesignationState, DesignationTransition> = {
  caseType: 'designation',
  states: ['nominated', 'checked', 'approved', 'published', 'reviewing', 'revoked', 'rejected'],
  stateLabels: DESIGNATION_STATE_LABELS,
  initial: 'nominated',
  // a held designation waits for nobody; the review reopens it until it is passed or revoked
  resolvedStates: ['published', 'revoked', 'rejected'],
  finalStates: ['revoked', 'rejected'],
  transitions: {
    check: { from: ['nominated'], to: 'checked', label: DESIGNATION_TRANSITION_LABELS.check, allowed: aboveUnit },
    return: { from: ['checked'], to: 'nominated', label: DESIGNATION_TRANSITION_LABELS.return, allowed: county, requires: reason('请写明退回补充的内容', 'Say what is missing') },
    approve: { from: ['checked'], to: 'approved', label: DESIGNATION_TRANSITION_LABELS.approve, allowed: county },
    reject: { from: ['nominated', 'checked', 'approved'], to: 'rejected', label: DESIGNATION_TRANSITION_LABELS.reject, allowed: county, requires: reason('请写明不予命名的理由', 'Give the reason') },
    publish: { from: ['approved'], to: 'published', label: DESIGNATION_TRANSITION_LABELS.publish, allowed: county },
    review: { from: ['published'], to: 'reviewing', label: DESIGNATION_TRANSITION_LABELS.review, allowed: county },
    confirm: { from: ['reviewing'], to: 'published', label: DESIGNATION_TRANSITION_LABELS.confirm, allowed: county },
    revoke: { from: ['published', 'reviewing'], to: 'revoked', label: DESIGNATION_TRANSITION_LABELS.revoke, allowed: county, requires: reason('请写明撤销称号的理由', 'Give the reason') },
  },
  sla: { escalateOverdue: false },
};
