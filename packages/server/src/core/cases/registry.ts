// The case types of the platform, registered by their modules: the workflow (states,
// transitions, SLA), the type's own row table, its one definition of "open" (an SQL predicate that
// lists, counts and the home page share), and where an overdue case escalates to. The periodic
// escalation iterates these instead of being wired per module.
import type { Queryable } from '../../db/db.js';
import type { CaseRow, OwnRow } from './case-engine.js';
import type { WorkflowDef } from './workflow.js';

export type CaseType = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds workflows of every state/transition/extra type
  workflow: WorkflowDef<any, any, any>;
  /** The type's own row table (one row per case, keyed by case_id): the only table `open` writes beside the case. */
  table: OwnRow['table'];
  /**
   * "Open" for this type, as a predicate over `cases c`: what its list's open filter, the home
   * page's count and the escalation mean by a case that still waits for someone.
   */
  openSql: string;
  /** The org an overdue case becomes visible to (when `workflow.sla.escalateOverdue`). */
  escalateTo?: (q: Queryable, c: CaseRow) => Promise<number | null>;
  /** The exhaustive state × transition × role test of the workflow (checked by registry.test.ts). */
  workflowTest: URL;
};

const registered = new Map<string, CaseType>();

/** Registers a case type (once per process; registering the same definition again is a no-op). */
export function registerCaseType(t: CaseType): CaseType {
  const name = t.workflow.caseType;
  if (!/^[a-z_][a-z0-9_]*$/.test(t.table)) throw new Error(`case type ${name}: "${t.table}" is not a table name`);
  const known = registered.get(name);
  if (known && known.workflow !== t.workflow) throw new Error(`case type ${name} registered twice`);
  registered.set(name, t);
  return t;
}

export function caseTypes(): CaseType[] {
  return [...registered.values()];
}

/** A registered type (throws for an unknown one: a typo must not read as "no cases"). */
export function caseType(name: string): CaseType {
  const t = registered.get(name);
  if (!t) throw new Error(`unknown case type ${name}`);
  return t;
}

/** The type's definition of open, for a case table aliased `alias`. */
export function openPredicate(name: string, alias = 'c'): string {
  return caseType(name).openSql.replaceAll('c.', `${alias}.`);
}
