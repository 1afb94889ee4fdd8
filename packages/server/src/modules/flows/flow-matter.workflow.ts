// A 小微权力 matter on the case engine. The flow's steps are data (an edition of a county's flow,
// checked by flows.service.ts: the step due now, its level, its documents, its meeting); the
// engine-level workflow is generic and the same for every flow: complete the step due (the last
// one finishes the matter), return it to the previous step, or cancel the matter. Who may fire a
// transition here is the coarse rule — an office account whose scope covers the matter; which
// level acts at which step is the edition's, checked before the engine fires.
import { MATTER_STATE_LABELS, MATTER_TRANSITION_LABELS, type MatterState, type MatterTransition } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import type { CaseView, WorkflowDef } from '../../core/cases/workflow.js';

const covers = (actor: Actor, c: CaseView) => c.orgPath.startsWith(actor.scope.path);
/** The levels a step can name: the unit itself, its station, its township, the county. */
const ACTING_ROLES = ['village_admin', 'station_admin', 'township_admin', 'county_admin'];
const acting = (actor: Actor, c: CaseView) => actor.roles.some((r) => ACTING_ROLES.includes(r)) && covers(actor, c);
/** Withdrawing a matter: the unit that opened it or the committees above it (not a station, not a department). */
const CANCELLING_ROLES = ['village_admin', 'township_admin', 'county_admin'];
const cancelling = (actor: Actor, c: CaseView) => actor.roles.some((r) => CANCELLING_ROLES.includes(r)) && covers(actor, c);

export const flowMatterWorkflow: WorkflowDef<MatterState, MatterTransition> = {
  caseType: 'flow_matter',
  states: ['running', 'done', 'cancelled'],
  stateLabels: MATTER_STATE_LABELS,
  initial: 'running',
  resolvedStates: ['done', 'cancelled'],
  finalStates: ['done', 'cancelled'],
  transitions: {
    complete_step: { from: ['running'], to: 'running', label: MATTER_TRANSITION_LABELS.complete_step, allowed: acting },
    finish: { from: ['running'], to: 'done', label: MATTER_TRANSITION_LABELS.finish, allowed: acting },
    return_step: { from: ['running'], to: 'running', label: MATTER_TRANSITION_LABELS.return_step, allowed: acting, requires: [{ field: 'comment', zh: '退回理由', en: 'Reason' }] },
    cancel: { from: ['running'], to: 'cancelled', label: MATTER_TRANSITION_LABELS.cancel, allowed: cancelling, requires: [{ field: 'comment', zh: '撤销理由', en: 'Reason' }] },
  },
  // 失职预警: a step past its limit becomes visible to the level above (the township, else the county)
  sla: { escalateOverdue: true },
};
