// 评分表: the life of a score sheet, as a transition table the case engine runs.
// draft (评分中) → submitted (待审核) → passed (审核通过) → published (公布，申诉期) → locked (锁定); the
// county returns a submitted sheet to the scorer with a reason. Within the county's appeal window the
// scored unit may appeal (申诉, with reason and evidence): appealed → the county upholds it (申诉成立:
// the sheet is locked and a corrected revision opened for the scorer) or rejects it (驳回) → locked.
// A sheet not appealed is locked when its window has passed (the hourly timer, or the county). A
// correction after locking is a new revision (a new sheet case), the locked one kept.
import { SHEET_STATE_LABELS, SHEET_TRANSITION_LABELS, type Role, type SheetState, type SheetTransition } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import type { WorkflowDef } from '../../core/cases/workflow.js';

/** What the guards need of a sheet besides the case: the scoring org's path, and whether the appeal window is open today. */
export type SheetExtra = { scorerPath: string; appealOpen: boolean };

const has = (actor: Actor, ...roles: Role[]) => actor.roles.some((r) => roles.includes(r));
/** The actor's scope contains the path (the actor is at or above it). */
const covers = (actor: Actor, path: string) => path.startsWith(actor.scope.path);

/** 评分单位: the scoring org's own accounts (a township scoring its villages). */
const scorer = (actor: Actor, x: SheetExtra) => has(actor, 'township_admin', 'county_admin') && actor.scope.path === x.scorerPath;
/** 审核: the county covering the scored unit. */
const reviewer = (actor: Actor, c: { orgPath: string }) => has(actor, 'county_admin') && covers(actor, c.orgPath);
/** 被考核单位: the scored unit's own accounts (a village, a station, a township scored by the county). */
const scoredUnit = (actor: Actor, c: { orgPath: string }) => has(actor, 'village_admin', 'station_admin', 'township_admin') && actor.scope.path === c.orgPath;

const DECISION_REASON = [{ field: 'comment', zh: '请填写申诉处理意见', en: 'Give the reason for the decision' }] as const;

export const sheetWorkflow: WorkflowDef<SheetState, SheetTransition, SheetExtra> = {
  caseType: 'score_sheet',
  states: ['draft', 'submitted', 'passed', 'published', 'appealed', 'locked'],
  stateLabels: SHEET_STATE_LABELS,
  initial: 'draft',
  resolvedStates: ['published', 'appealed', 'locked'],
  finalStates: ['locked'],
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
    appeal: {
      from: ['published'],
      to: 'appealed',
      label: SHEET_TRANSITION_LABELS.appeal,
      allowed: (actor, c) => scoredUnit(actor, c) && c.extra.appealOpen,
      requires: [
        { field: 'comment', zh: '请填写申诉理由', en: 'Give the reason for the appeal' },
        { field: 'evidence', zh: '请附申诉佐证', en: 'Give the evidence' },
      ],
    },
    uphold_appeal: { from: ['appealed'], to: 'locked', label: SHEET_TRANSITION_LABELS.uphold_appeal, allowed: reviewer, requires: DECISION_REASON },
    reject_appeal: { from: ['appealed'], to: 'locked', label: SHEET_TRANSITION_LABELS.reject_appeal, allowed: reviewer, requires: DECISION_REASON },
    // the hourly timer locks a sheet whose window has passed; the county may do it too, never before
    lock: { from: ['published'], to: 'locked', label: SHEET_TRANSITION_LABELS.lock, allowed: (actor, c) => reviewer(actor, c) && !c.extra.appealOpen },
  },
  sla: { escalateOverdue: false },
};
