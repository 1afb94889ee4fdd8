// 项目化推进: a Party-building service project as a case — proposed (the unit's 申报) → reviewed
// (评审, by the station, township or county above the unit) → approved (立项, by a Party committee
// above: the township or the county) → in progress → year-end account (年交账, the unit submits
// its account) → closed (销号) or carried over (结转下年), both appraised by the committee above
// with a score and a grade. A committee may return a reviewed project for changes. The fields each
// step needs (the account's summary, the appraisal's score and grade) are required here; the
// service checks their values and says where the appraisal's come from: the published 年交账
// assessment sheets where the county scores the year's projects through assessment (none typed),
// else typed by the committee on the step — one judgement either way (docs/decisions.md).
import {
  type Grade,
  type ProjectGrade,
  PROJECT_STATE_LABELS,
  PROJECT_TRANSITION_LABELS,
  type ProjectState,
  type ProjectTransition,
} from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import type { CaseView, WorkflowDef } from '../../core/cases/workflow.js';

const covers = (actor: Actor, c: CaseView) => c.orgPath.startsWith(actor.scope.path);
/** Strictly above the unit: its own account does not review or approve its own project. */
const above = (actor: Actor, c: CaseView) => covers(actor, c) && c.orgPath !== actor.scope.path;
const has = (actor: Actor, roles: readonly string[]) => actor.roles.some((r) => roles.includes(r));

/** The unit itself or any level above it that runs Party work (not the three administrators, not the auditor). */
const UNIT_ROLES = ['village_admin', 'department_admin', 'station_admin', 'township_admin', 'county_admin'];
const unitOrAbove = (actor: Actor, c: CaseView) => has(actor, UNIT_ROLES) && covers(actor, c);
/** 评审: the station, township or county above the unit. */
const reviewer = (actor: Actor, c: CaseView) => has(actor, ['station_admin', 'township_admin', 'county_admin']) && above(actor, c);
/** 立项, 考评: a Party committee above the unit (township or county). */
const committee = (actor: Actor, c: CaseView) => has(actor, ['township_admin', 'county_admin']) && above(actor, c);

const APPRAISAL = [
  { field: 'score', zh: '考评得分', en: 'Score' },
  { field: 'grade', zh: '考评等次', en: 'Grade' },
] as const;

export const projectWorkflow: WorkflowDef<ProjectState, ProjectTransition> = {
  caseType: 'project',
  states: ['proposed', 'reviewed', 'approved', 'in_progress', 'year_end', 'closed', 'carried_over'],
  stateLabels: PROJECT_STATE_LABELS,
  initial: 'proposed',
  resolvedStates: ['closed', 'carried_over'],
  finalStates: ['closed', 'carried_over'],
  transitions: {
    review: { from: ['proposed'], to: 'reviewed', label: PROJECT_TRANSITION_LABELS.review, allowed: reviewer },
    approve: { from: ['reviewed'], to: 'approved', label: PROJECT_TRANSITION_LABELS.approve, allowed: committee },
    return: {
      from: ['reviewed'], to: 'proposed', label: PROJECT_TRANSITION_LABELS.return, allowed: committee,
      requires: [{ field: 'comment', zh: '退回理由', en: 'Reason' }],
    },
    start: { from: ['approved'], to: 'in_progress', label: PROJECT_TRANSITION_LABELS.start, allowed: unitOrAbove },
    account: {
      from: ['in_progress'], to: 'year_end', label: PROJECT_TRANSITION_LABELS.account, allowed: unitOrAbove,
      requires: [{ field: 'summary', zh: '年终交账情况', en: 'The year-end account' }],
    },
    close: { from: ['year_end'], to: 'closed', label: PROJECT_TRANSITION_LABELS.close, allowed: committee, requires: APPRAISAL },
    carry_over: { from: ['year_end'], to: 'carried_over', label: PROJECT_TRANSITION_LABELS.carry_over, allowed: committee, requires: APPRAISAL },
  },
  sla: { escalateOverdue: false },
};

/** Who may change the plan (fields, milestones, people, files): the unit and the levels above, until the year-end account. */
export function mayEditPlan(actor: Actor, c: CaseView): boolean {
  return unitOrAbove(actor, c) && ['proposed', 'reviewed', 'approved', 'in_progress'].includes(c.status);
}

/** Who appraises (年交账 score, 评选优秀): a committee above the unit. */
export const mayAppraise = committee;

/** A project's grade from its 年交账 assessment result's grade: the same bands (90 / 80 / 60), in the project's words (一般 → 合格, 较差 → 不合格). */
export function projectGradeOf(grade: Grade): ProjectGrade {
  return ({ excellent: 'excellent', good: 'good', fair: 'pass', poor: 'fail' } as const satisfies Record<Grade, ProjectGrade>)[grade];
}
