// 整改销号: the life cycle of a ledger problem, as a transition table the case engine runs.
// registered → rectifying → submitted → accepted (by the checker) or returned (back to
// rectifying, with reasons) → closed (销号, the station chief's opinion) → published (反馈公示).
import { PROBLEM_STATE_LABELS, PROBLEM_TRANSITION_LABELS, type ProblemState, type ProblemTransition, type Role } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import type { WorkflowDef } from '../../core/cases/workflow.js';

/** What the guards need of a problem besides the case itself. */
export type ProblemExtra = {
  responsibleOrgPath: string;
  checkerAccountId: number | null;
  /** The county's signer, or the next level up where the case has none of that level above it. */
  closureSigner: Role;
  /**
   * The types of the orgs on the case's path above the responsible org — the levels that may
   * check and sign. A township's own problem has only the county there, so the county checks and
   * signs it; a station's own, the township (the responsible org never checks its own work).
   */
  pathTypes: readonly string[];
};

const has = (actor: Actor, ...roles: Role[]) => actor.roles.some((r) => roles.includes(r));
/** The actor's scope contains the path (the actor is at or above it). */
const covers = (actor: Actor, path: string) => path.startsWith(actor.scope.path);
/** The actor belongs to the org of the path or below it: 责任单位 itself acts. */
const within = (actor: Actor, path: string) => actor.scope.path.startsWith(path);

/**
 * 责任单位: the responsible org's own accounts do the rectifying — not the orgs below it (a
 * village does not rectify its township's problem).
 */
const responsible = (actor: Actor, x: ProblemExtra) =>
  has(actor, 'village_admin', 'department_admin', 'station_admin', 'township_admin', 'county_admin') && actor.scope.path === x.responsibleOrgPath;

/**
 * 专人检查验收: the designated checker, or else the station (then the township) over the case;
 * a case with neither above it (a department's) is checked by the county.
 */
const checker = (actor: Actor, c: { orgPath: string; extra: ProblemExtra }) =>
  c.extra.checkerAccountId !== null
    ? actor.accountId === c.extra.checkerAccountId
    : (has(actor, 'station_admin', 'township_admin') || (has(actor, 'county_admin') && !c.extra.pathTypes.some((t) => t === 'station' || t === 'township'))) &&
      covers(actor, c.orgPath) && !within(actor, c.extra.responsibleOrgPath);

/**
 * 销号 is signed by the county's choice of signer — unless no org of that level lies above the
 * case: a village of a township that does not use stations has no station chief, so its township
 * signs; a department's problem has neither, so the county does.
 */
export function signerFor(configured: Role, pathTypes: readonly string[]): Role {
  if (configured === 'station_admin' && !pathTypes.includes('station')) return pathTypes.includes('township') ? 'township_admin' : 'county_admin';
  if (configured === 'township_admin' && !pathTypes.includes('township')) return 'county_admin';
  return configured;
}

/**
 * Who checks a problem nobody was named for, by default (its to-do): the station among the levels
 * above the responsible org (`pathTypes`), else the township, else the county — the closure
 * signer's rule at the station level (`signerFor`); the problem page's checking unit is the same.
 */
export const defaultCheckerRole = (pathTypes: readonly string[]): Role => signerFor('station_admin', pathTypes);

/** A submitted problem waits on this account: it is the named checker, or none is named and it is the default checker's level over the case. */
export const awaitsCheckBy = (actor: Actor, c: { orgPath: string; extra: ProblemExtra }) =>
  c.extra.checkerAccountId !== null
    ? actor.accountId === c.extra.checkerAccountId
    : has(actor, defaultCheckerRole(c.extra.pathTypes)) && covers(actor, c.orgPath) && !within(actor, c.extra.responsibleOrgPath);

export const problemWorkflow: WorkflowDef<ProblemState, ProblemTransition, ProblemExtra> = {
  caseType: 'problem',
  states: ['registered', 'rectifying', 'submitted', 'accepted', 'closed', 'published'],
  stateLabels: PROBLEM_STATE_LABELS,
  initial: 'registered',
  resolvedStates: ['accepted', 'closed', 'published'],
  finalStates: ['closed', 'published'],
  transitions: {
    start: {
      from: ['registered'],
      to: 'rectifying',
      label: PROBLEM_TRANSITION_LABELS.start,
      allowed: (actor, c) => responsible(actor, c.extra),
      requires: [{ field: 'measures', zh: '请填写整改措施', en: 'Enter the rectification measures' }],
    },
    submit: {
      from: ['rectifying'],
      to: 'submitted',
      label: PROBLEM_TRANSITION_LABELS.submit,
      allowed: (actor, c) => responsible(actor, c.extra),
      requires: [{ field: 'comment', zh: '请填写整改完成情况', en: 'Describe what was done' }],
    },
    return: {
      from: ['submitted'],
      to: 'rectifying',
      label: PROBLEM_TRANSITION_LABELS.return,
      allowed: checker,
      requires: [{ field: 'comment', zh: '请填写退回理由', en: 'Give the reason for returning it' }],
    },
    accept: {
      from: ['submitted'],
      to: 'accepted',
      label: PROBLEM_TRANSITION_LABELS.accept,
      allowed: checker,
    },
    close: {
      from: ['accepted'],
      to: 'closed',
      label: PROBLEM_TRANSITION_LABELS.close,
      allowed: (actor, c) => has(actor, c.extra.closureSigner) && covers(actor, c.orgPath) && !within(actor, c.extra.responsibleOrgPath),
      requires: [{ field: 'comment', zh: '请填写销号意见', en: 'Enter the closure opinion' }],
    },
    publish: {
      from: ['closed'],
      to: 'published',
      label: PROBLEM_TRANSITION_LABELS.publish,
      allowed: (actor, c) => has(actor, 'station_admin', 'township_admin', 'county_admin') && covers(actor, c.orgPath) && !within(actor, c.extra.responsibleOrgPath),
      requires: [{ field: 'publicSummary', zh: '请填写公示内容（不含个人信息）', en: 'Enter the public summary (no personal data)' }],
    },
  },
  sla: { supervisionEveryDays: 15, escalateOverdue: true },
};

/** Who may record a supervision (督办): the station or the levels above, not the responsible org. */
export const maySupervise = (actor: Actor, orgPath: string, responsibleOrgPath: string) =>
  has(actor, 'station_admin', 'township_admin', 'county_admin') && covers(actor, orgPath) && !within(actor, responsibleOrgPath);
