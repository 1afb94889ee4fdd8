// 软弱涣散整顿: the life of a branch's rectification, as a transition table the case engine runs.
// A township (or the county) proposes a branch in its scope; the county organization department
// lists it or not; the township, once every rectification problem is closed, applies for
// acceptance; the county accepts (de-lists) or sends it back with the reason.
import { WEAK_STATE_LABELS, WEAK_TRANSITION_LABELS, type WeakState, type WeakTransition } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import type { CaseView, WorkflowDef } from '../../core/cases/workflow.js';

/** The actor's scope contains the branch (the actor is at or above it). */
const covers = (actor: Actor, c: CaseView) => c.orgPath.startsWith(actor.scope.path);
/** 县委组织部: the county covering the branch. */
const county = (actor: Actor, c: CaseView) => actor.roles.includes('county_admin') && covers(actor, c);
/** 乡镇党委 (or the county) above the branch — never the branch itself. */
const above = (actor: Actor, c: CaseView) =>
  actor.roles.some((r) => r === 'township_admin' || r === 'county_admin') && covers(actor, c) && actor.scope.path !== c.orgPath;

export const weakOrgWorkflow: WorkflowDef<WeakState, WeakTransition> = {
  caseType: 'weak_org',
  states: ['proposed', 'listed', 'acceptance', 'delisted', 'dismissed'],
  stateLabels: WEAK_STATE_LABELS,
  initial: 'proposed',
  resolvedStates: ['delisted', 'dismissed'],
  finalStates: ['delisted', 'dismissed'],
  transitions: {
    confirm: { from: ['proposed'], to: 'listed', label: WEAK_TRANSITION_LABELS.confirm, allowed: county },
    dismiss: {
      from: ['proposed'],
      to: 'dismissed',
      label: WEAK_TRANSITION_LABELS.dismiss,
      allowed: county,
      requires: [{ field: 'comment', zh: '请说明不予列入的理由', en: 'Give the reason' }],
    },
    apply: { from: ['listed'], to: 'acceptance', label: WEAK_TRANSITION_LABELS.apply, allowed: above },
    return: {
      from: ['acceptance'],
      to: 'listed',
      label: WEAK_TRANSITION_LABELS.return,
      allowed: county,
      requires: [{ field: 'comment', zh: '请写明验收不通过的原因', en: 'Say why it is not accepted' }],
    },
    accept: { from: ['acceptance'], to: 'delisted', label: WEAK_TRANSITION_LABELS.accept, allowed: county },
  },
  sla: { escalateOverdue: false },
};
