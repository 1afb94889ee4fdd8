// 评分表: the life of a score sheet, as a transition table the case engine runs.
// draft (评分中) → submitted (待审核) → passed (审核通过) → published (公布, locked); the county returns a
// submitted sheet to the scorer with a reason. A correction after publishing is a new revision (a new
// sheet case), the published one kept.
import { SHEET_STATE_LABELS, SHEET_TRANSITION_LABELS, type Role, type SheetState, type SheetTransition } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import type { WorkflowDef } from '../../core/cases/workflow.js';

/** What the guards need of a sheet besides the case: the scoring org's path. */
export type SheetExtra = { scorerPath: string };

const has = (actor: Actor, ...roles: Role[]) => actor.roles.some((r) => roles.includes(r));
/** The actor's scope contains the path (the actor is at or above it). */
const covers = (actor: Actor, path: string) => path.startsWith(actor.scope.path);

/** 评分单位: the scoring org's own accounts (a township scoring its villages). */
const scorer = (actor: Actor, x: SheetExtra) => has(actor, 'township_admin', 'county_admin') && actor.scope.path === x.scorerPath;
/** 审核: the county covering the scored unit. */
const reviewer = (actor: Actor, c: { orgPath: string }) => has(actor, 'county_admin') && covers(actor, c.orgPath);

export const sheetWorkflow: WorkflowDef<SheetState, SheetTransition, SheetExtra> = {
  caseType: 'score_sheet',
  states: ['draft', 'submitted', 'passed', 'published'],
  stateLabels: SHEET_STATE_LABELS,
  initial: 'draft',
  resolvedStates: ['published'],
  finalStates: ['published'],
  transitions: {
    submit: { from: ['draft'], to: 'submitted', label: SHEET_TRANSITION_LABELS.submit, allowed: (actor, c) => scorer(actor, c.extra) },
    return: {
      from: ['submitted'],
      to: 'draft',
      label: SHEET_TRANSITION_LABELS.return,
      allowed: reviewer,
      requires: [{ field: 'comment', zh: '请填写退回理由', en: 'Give the reason for returning it' }],
    },
    pass: { from: ['submitted'], to: 'passed', label: SHEET_TRANSITION_LABELS.pass, allowed: reviewer },
    publish: { from: ['passed'], to: 'published', label: SHEET_TRANSITION_LABELS.publish, allowed: reviewer },
  },
  sla: { escalateOverdue: false },
};
