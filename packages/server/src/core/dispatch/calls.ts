// The dispatch engine's one code path for the kinds kept in its own tables (migration 092):
// issue a call and fan it out, move an answer (answer, decline with a reason, the caller's
// re-route or flag) by the kind's declared rules, complete the call when the kind says so, and
// write the timeline entry on the case a call was made for (through the case engine) and the
// audit record — all in the caller's transaction. Modules declare what each move changes of the
// kind's own columns and the words of its timeline entry; they write no rows of these tables.
import type { Queryable } from '../../db/db.js';
import type { Actor } from '../access.js';
import { appendAudit } from '../audit.js';
import { AppError } from '../errors.js';
import type { CaseEngine } from '../cases/case-engine.js';
import { answer, isComplete, type DispatchKind, type Side } from './engine.js';
import * as calls from './calls.repository.js';

export type { CallKind, CallRow, AnswerRow, AnswerChange } from './calls.repository.js';
export { findCall, listCalls, callsReaching, answersOf, lockAnswer, lockCall, countAnswersIn, countAnswersOfCallsIn, callsByCaller } from './calls.repository.js';

type StoredKind = DispatchKind & { kind: calls.CallKind };

/** What the case a call was made for shows of a move: its timeline text and whether the citizen sees it. */
export type Entry = { body: string; public?: boolean; data?: Record<string, unknown> };

export function createCallEngine(deps: { cases: Pick<CaseEngine, 'annotate'> }) {
  const { cases } = deps;

  function onCase(tx: Queryable, kind: StoredKind, call: { id: number; source_case_id: number | null }, who: Actor | null, entry: Entry, action: string) {
    if (!call.source_case_id) return;
    const data = { [`${kind.kind}Id`]: call.id, ...(entry.public ? { public: true } : {}), ...(entry.data ?? {}) };
    return cases.annotate(tx, call.source_case_id, who ?? { anonymous: 'system', ip: null }, { kind: 'comment', body: entry.body, data }, { action: `${kind.kind}_${action}`, summary: data });
  }

  /**
   * Issues a call of `kind` from the actor's org and fans it out to `recipients` (answers in the
   * kind's initial state; none for a kind that reaches a subtree). Audited as `<kind>.<auditAction>`.
   */
  async function issue(tx: Queryable, kind: StoredKind, actor: Actor, input: {
    countyId: number; caller: { id: number; path: string }; title?: string | null; body: string; sourceCaseId?: number | null; inspectionId?: number | null;
    recipients: readonly number[]; entry?: Entry; auditAction: string; summary: Record<string, unknown>;
  }): Promise<number> {
    if (kind.reaches === 'chosen' && !input.recipients.length) throw new AppError('bad_request', { zh: `「${kind.label.zh}」至少要有一个接收单位`, en: `A ${kind.label.en} needs a recipient` });
    const id = await calls.insertCall(tx, {
      kind: kind.kind, countyId: input.countyId, callerOrgId: input.caller.id, callerPath: input.caller.path,
      status: kind.reaches === 'subtree' ? 'published' : 'open', title: input.title ?? null, body: input.body,
      sourceCaseId: input.sourceCaseId ?? null, inspectionId: input.inspectionId ?? null, createdBy: actor.accountId,
    });
    if (kind.reaches === 'chosen') await calls.insertAnswers(tx, kind.kind, id, input.countyId, input.recipients, kind.initial);
    if (input.entry) await onCase(tx, kind, { id, source_case_id: input.sourceCaseId ?? null }, actor, input.entry, input.auditAction);
    await appendAudit(tx, { countyId: input.countyId, accountId: actor.accountId, username: actor.username, action: `${kind.kind}.${input.auditAction}`, objectType: kind.kind, objectId: id, summary: input.summary, result: 'success', ip: actor.ip });
    return id;
  }

  /**
   * Moves one answer: the kind decides whether `side` may fire `action` in the answer's state and
   * the state it moves to (or refuses with the kind's own error code); the change is written at
   * the version the answer was read at (412 otherwise); the call completes when the kind says so;
   * the timeline entry on the call's case and the audit record `<kind>.<action>` go with it.
   * `also` adds recipients (a re-route fans out again). Answers the call's id.
   */
  async function move(tx: Queryable, kind: StoredKind, actor: Actor, a: calls.AnswerRow, input: {
    action: string; side: Side; version?: number; change?: calls.AnswerChange; entry: Entry; also?: readonly number[]; summary?: Record<string, unknown>;
  }): Promise<number> {
    if (input.version !== undefined && a.version !== input.version) throw new AppError('version_conflict');
    const next = answer(kind, a.state as never, input.action as never, input.side) as string;
    const call = await calls.lockCall(tx, kind.kind, a.call_id);
    if (!call) throw new AppError('not_found');
    if (!(await calls.updateAnswer(tx, a.id, a.version, { ...input.change, state: next }))) throw new AppError('version_conflict');
    if (input.also?.length) await calls.insertAnswers(tx, kind.kind, call.id, call.county_id, input.also, kind.initial);
    await onCase(tx, kind, call, actor, { ...input.entry, data: { ...(input.entry.data ?? {}), partId: a.id } }, input.action);
    // complete when the kind says so: every answer in play final, one succeeded (the call row is locked above)
    if (kind.completes === 'when_answered' && isComplete(kind, await calls.answerStates(tx, kind.kind, call.id)) && (await calls.completeCall(tx, kind.kind, call.id))) {
      await onCase(tx, kind, call, null, { body: kind.completedNote?.zh ?? `${kind.label.zh}：各接收单位均已办结`, public: true }, 'complete');
    }
    await appendAudit(tx, {
      countyId: a.county_id, accountId: actor.accountId, username: actor.username, action: `${kind.kind}.${input.action}`, objectType: `${kind.kind}_part`, objectId: a.id,
      summary: { [`${kind.kind}Id`]: call.id, ...(input.summary ?? {}) }, result: 'success', ip: actor.ip,
    });
    return call.id;
  }

  return { issue, move };
}

export type CallEngine = ReturnType<typeof createCallEngine>;
