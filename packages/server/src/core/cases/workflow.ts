// A case type's state machine as data: states, transitions, who may fire each, required fields,
// and the SLA. Pure: no database. The engine (case-engine.ts) runs it.
import type { Actor } from '../access.js';

export type Label = { zh: string; en: string };

/** What a guard may look at: the case as the engine stores it, and the type's own fields. */
export type CaseView<X = unknown> = {
  id: number;
  countyId: number;
  orgId: number;
  orgPath: string;
  status: string;
  deadline: string | null;
  extra: X;
};

export type RequiredField = { field: string } & Label;

export type TransitionDef<S extends string, X> = {
  from: readonly S[];
  to: S;
  label: Label;
  /** Who may fire it: roles and the actor's place relative to the case (scope, designation). */
  allowed: (actor: Actor, c: CaseView<X>) => boolean;
  /** Fields the input must carry (non-empty text). */
  requires?: readonly RequiredField[];
};

export type WorkflowDef<S extends string, T extends string, X = unknown> = {
  caseType: string;
  states: readonly S[];
  stateLabels: Record<S, Label>;
  initial: S;
  /** Entering one of these stops the deadline clock (resolved_at). */
  resolvedStates: readonly S[];
  /** Entering one of these closes the case (closed_at). */
  finalStates: readonly S[];
  transitions: Record<T, TransitionDef<S, X>>;
  sla: {
    /** 督办 cadence in days for every unresolved case; undefined: no supervision. */
    supervisionEveryDays?: number;
    /** Overdue unresolved cases become visible to the next level up. */
    escalateOverdue: boolean;
  };
};

export type TransitionCheck =
  | { ok: true }
  | { ok: false; reason: 'unknown' | 'state' | 'forbidden' | 'missing'; missing?: RequiredField[] };

/** Decides whether a transition may fire now, without touching anything. */
export function checkTransition<S extends string, T extends string, X>(
  def: WorkflowDef<S, T, X>,
  name: string,
  actor: Actor,
  c: CaseView<X>,
  input: Record<string, unknown>,
): TransitionCheck {
  const t = (def.transitions as Record<string, TransitionDef<S, X> | undefined>)[name];
  if (!t) return { ok: false, reason: 'unknown' };
  if (!t.from.includes(c.status as S)) return { ok: false, reason: 'state' };
  if (!t.allowed(actor, c)) return { ok: false, reason: 'forbidden' };
  const missing = (t.requires ?? []).filter((f) => {
    const v = input[f.field];
    return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  });
  if (missing.length > 0) return { ok: false, reason: 'missing', missing };
  return { ok: true };
}

/** The transitions the actor may fire on the case now (the web shows only these). */
export function availableTransitions<S extends string, T extends string, X>(
  def: WorkflowDef<S, T, X>,
  actor: Actor,
  c: CaseView<X>,
): T[] {
  return (Object.keys(def.transitions) as T[]).filter((name) => {
    const t = def.transitions[name];
    return t.from.includes(c.status as S) && t.allowed(actor, c);
  });
}

/**
 * Every state is reachable from the initial one, every transition names known states, and the
 * clock states (resolved, final) are states, every final one also resolved.
 */
export function validateWorkflow<S extends string, T extends string, X>(def: WorkflowDef<S, T, X>): string[] {
  const problems: string[] = [];
  const states = new Set<string>(def.states);
  for (const [name, t] of Object.entries(def.transitions) as [string, TransitionDef<S, X>][]) {
    for (const s of [...t.from, t.to]) if (!states.has(s)) problems.push(`${name}: unknown state ${s}`);
  }
  if (!states.has(def.initial)) problems.push(`unknown initial state ${def.initial}`);
  for (const s of [...def.resolvedStates, ...def.finalStates]) if (!states.has(s)) problems.push(`unknown clock state ${s}`);
  // a final (closed) state is also resolved: "open" by resolved_at then implies not closed
  for (const s of def.finalStates) if (!def.resolvedStates.includes(s)) problems.push(`final state ${s} is not resolved`);
  for (const [name, t] of Object.entries(def.transitions) as [string, TransitionDef<S, X>][]) {
    if (t.from.length === 0) problems.push(`${name}: fires from no state`);
  }
  const reached = new Set<string>([def.initial]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of Object.values(def.transitions) as TransitionDef<S, X>[]) {
      if (t.from.some((s) => reached.has(s)) && !reached.has(t.to)) {
        reached.add(t.to);
        grew = true;
      }
    }
  }
  for (const s of def.states) if (!reached.has(s)) problems.push(`unreachable state ${s}`);
  return problems;
}
