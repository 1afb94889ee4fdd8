// 发展党员: a person's way to membership as a case — applicant → activist → development target →
// probationary member → full member. The branch (and the levels above it) names activists and
// targets; admission and full membership are approved by a Party committee (township or county,
// 上级党委审批). The dates, intervals and checkpoints of each step are the county's path
// (development.service.ts), checked when the step is taken.
import {
  DEVELOPMENT_STATE_LABELS,
  DEVELOPMENT_TRANSITION_LABELS,
  type DevelopmentState,
  type DevelopmentTransition,
} from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import type { CaseView, WorkflowDef } from '../../core/cases/workflow.js';

const covers = (actor: Actor, c: CaseView) => c.orgPath.startsWith(actor.scope.path);
/** The branch's own accounts and the committees above it (those that keep the roster: person:write). */
const BRANCH_ROLES = ['village_admin', 'department_admin', 'township_admin', 'county_admin'];
const branch = (actor: Actor, c: CaseView) => actor.roles.some((r) => BRANCH_ROLES.includes(r)) && covers(actor, c);
/** 上级党委: a township or the county committee above the branch. */
const committee = (actor: Actor, c: CaseView) => actor.roles.some((r) => r === 'township_admin' || r === 'county_admin') && covers(actor, c);

export const developmentWorkflow: WorkflowDef<DevelopmentState, DevelopmentTransition> = {
  caseType: 'development',
  states: ['applicant', 'activist', 'target', 'probationary', 'full'],
  stateLabels: DEVELOPMENT_STATE_LABELS,
  initial: 'applicant',
  resolvedStates: ['full'],
  finalStates: ['full'],
  transitions: {
    make_activist: { from: ['applicant'], to: 'activist', label: DEVELOPMENT_TRANSITION_LABELS.make_activist, allowed: branch },
    make_target: { from: ['activist'], to: 'target', label: DEVELOPMENT_TRANSITION_LABELS.make_target, allowed: branch },
    admit: { from: ['target'], to: 'probationary', label: DEVELOPMENT_TRANSITION_LABELS.admit, allowed: committee },
    make_full: { from: ['probationary'], to: 'full', label: DEVELOPMENT_TRANSITION_LABELS.make_full, allowed: committee },
  },
  sla: { escalateOverdue: false },
};
