// SQL of the dispatch engine's own tables (migration 092): calls (one org asks many) and their
// answers, for the kinds that live there — 吹哨报到 whistles and 通报 bulletins. The one place
// their rows are written; every module reaches them through `core/dispatch/calls.ts`.
import type { Queryable } from '../../db/db.js';
import { likePrefix, type Scope } from '../access.js';
import { inScope, BY_KEY, SYSTEM } from '../scope.js';

export type CallKind = 'whistle' | 'bulletin';

export type CallRow = {
  kind: CallKind; id: number; county_id: number; caller_org_id: number; caller_path: string; caller_name: string; caller_type: string;
  status: string; title: string | null; body: string; source_case_id: number | null; source_type: 'request' | 'problem' | null;
  inspection_id: number | null; created_by: number | null; created_at: Date; done_at: Date | null;
};

export type AnswerRow = {
  id: number; kind: CallKind; call_id: number; county_id: number; org_id: number; org_name: string; org_type: string; org_path: string;
  state: string; answered_at: Date | null; done_at: Date | null; decline_reason: string | null;
  suggested_org_id: number | null; suggested_name: string | null; suggested_type: string | null;
  part: string | null; onsite_record: string | null; result: string | null; judicial_transfer: boolean; created_at: Date; version: number;
};

const CALL_SELECT = `SELECT c.kind, c.id, c.county_id, c.caller_org_id, c.caller_path, o.name AS caller_name, o.type AS caller_type, c.status, c.title, c.body,
  c.source_case_id, (SELECT sc.case_type FROM cases sc WHERE sc.id = c.source_case_id) AS source_type, c.inspection_id, c.created_by, c.created_at, c.done_at
  FROM dispatch_calls c JOIN orgs o ON o.id = c.caller_org_id`;
const ANSWER_SELECT = `SELECT x.id, x.kind, x.call_id, x.county_id, x.org_id, d.name AS org_name, d.type AS org_type, x.org_path, x.state, x.answered_at, x.done_at,
  x.decline_reason, x.suggested_org_id, s.name AS suggested_name, s.type AS suggested_type, x.part, x.onsite_record, x.result, x.judicial_transfer, x.created_at, x.version
  FROM dispatch_call_answers x JOIN orgs d ON d.id = x.org_id LEFT JOIN orgs s ON s.id = x.suggested_org_id`;

/** Who is party to a call: its caller's subtree, or a recipient in the scope ($1 the scope prefix). */
const PARTY = `(${inScope('c.caller_path', 1)} OR EXISTS (SELECT 1 FROM dispatch_call_answers p WHERE p.kind = c.kind AND p.call_id = c.id AND ${inScope('p.org_path', 1)}))`;

/** A new call, its id drawn from its kind's sequence (ids are per kind, as they were before 092). */
export async function insertCall(q: Queryable, c: {
  kind: CallKind; countyId: number; callerOrgId: number; callerPath: string; status: string; title: string | null; body: string;
  sourceCaseId: number | null; inspectionId: number | null; createdBy: number;
}): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO dispatch_calls (kind, id, county_id, caller_org_id, caller_path, status, title, body, source_case_id, inspection_id, created_by)
     VALUES ($1, nextval(('dispatch_call_ids_' || $1)::regclass), $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [c.kind, c.countyId, c.callerOrgId, c.callerPath, c.status, c.title, c.body, c.sourceCaseId, c.inspectionId, c.createdBy],
  );
  return row!.id;
}

/** Fans a call out: one answer per recipient org, in the kind's initial state. */
export async function insertAnswers(q: Queryable, kind: CallKind, callId: number, countyId: number, orgIds: readonly number[], state: string) {
  await q.query(
    `${BY_KEY}INSERT INTO dispatch_call_answers (kind, call_id, county_id, org_id, org_path, state)
     SELECT $1, $2, $3, id, path, $5 FROM orgs WHERE id = ANY($4::bigint[])`,
    [kind, callId, countyId, orgIds, state],
  );
}

/** A call the scope is party to (as the caller's subtree or as a recipient). */
export async function findCall(q: Queryable, scope: Scope, kind: CallKind, id: number, forUpdate = false) {
  const [row] = await q.query<CallRow>(
    `${CALL_SELECT} WHERE c.kind = $2 AND c.id = $3 AND ${PARTY} ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
    [likePrefix(scope.path), kind, id],
  );
  return row;
}

/** Locks a call whose key an answer row of the same use case gave. */
export async function lockCall(q: Queryable, kind: CallKind, id: number) {
  const [row] = await q.query<CallRow>(`${BY_KEY}${CALL_SELECT} WHERE c.kind = $1 AND c.id = $2 FOR UPDATE OF c`, [kind, id]);
  return row;
}

/**
 * Calls of a kind the scope is party to; `awaiting`: only those still waiting on a recipient in
 * the scope (an answer in one of those states); `sourceCaseId`: only those made for that case.
 */
export async function listCalls(q: Queryable, scope: Scope, kind: CallKind, limit: number, opts: { awaiting?: readonly string[]; sourceCaseId?: number; offset?: number; done?: boolean; q?: string } = {}) {
  const params: unknown[] = [likePrefix(scope.path), kind];
  const param = (v: unknown) => `$${params.push(v)}`;
  const where = opts.awaiting
    ? `EXISTS (SELECT 1 FROM dispatch_call_answers p WHERE p.kind = c.kind AND p.call_id = c.id AND ${inScope('p.org_path', 1)} AND p.state = ANY(${param(opts.awaiting)}::text[]))`
    : PARTY;
  const source = opts.sourceCaseId ? `AND c.source_case_id = ${param(opts.sourceCaseId)}` : '';
  const status = opts.done === undefined ? '' : opts.done ? `AND c.status = 'done'` : `AND c.status <> 'done'`;
  let search = '';
  if (opts.q?.trim()) {
    // the matter, the title, the caller's name or a recipient's name
    const like = param(`%${opts.q.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    search = `AND (c.body LIKE ${like} OR c.title LIKE ${like} OR o.name LIKE ${like}
      OR EXISTS (SELECT 1 FROM dispatch_call_answers s JOIN orgs so ON so.id = s.org_id WHERE s.kind = c.kind AND s.call_id = c.id AND so.name LIKE ${like}))`;
  }
  // total_count: the calls matched before the page was cut (the one list shape's total)
  return q.query<CallRow & { total_count: number }>(
    `${CALL_SELECT.replace('SELECT ', 'SELECT count(*) OVER ()::int AS total_count, ')} WHERE c.kind = $2 AND ${where} ${source} ${status} ${search} ORDER BY c.id DESC LIMIT ${limit} OFFSET ${opts.offset ?? 0}`,
    params,
  );
}

/**
 * Calls that reach the scope from above or were issued within it (a kind that reaches a subtree:
 * bulletins); `id` one of them, `inspectionId` those of one inspection; `offset` the page's start.
 */
export async function callsReaching(q: Queryable, scope: Scope, kind: CallKind, limit: number, opts: { id?: number; inspectionId?: number; offset?: number; q?: string } = {}) {
  const text = opts.q?.trim() ? `%${opts.q.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  return q.query<CallRow & { total_count: number }>(
    `${CALL_SELECT.replace('SELECT ', 'SELECT count(*) OVER ()::int AS total_count, ')} WHERE c.kind = $3 AND (${inScope('c.caller_path', 1)} OR $2 LIKE c.caller_path || '%')
       AND ($4::bigint IS NULL OR c.id = $4) AND ($5::bigint IS NULL OR c.inspection_id = $5)
       AND ($6::text IS NULL OR c.title LIKE $6 OR c.body LIKE $6)
     ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit} OFFSET ${opts.offset ?? 0}`,
    [likePrefix(scope.path), scope.path, kind, opts.id ?? null, opts.inspectionId ?? null, text],
  );
}

export async function answersOf(q: Queryable, kind: CallKind, callIds: readonly number[]) {
  if (!callIds.length) return [];
  return q.query<AnswerRow>(`${BY_KEY}${ANSWER_SELECT} WHERE x.kind = $1 AND x.call_id = ANY($2::bigint[]) ORDER BY x.id`, [kind, callIds]);
}

/** An answer by its id, locked; the caller checks that the actor is its recipient or its caller. */
export async function lockAnswer(q: Queryable, kind: CallKind, id: number) {
  const [row] = await q.query<AnswerRow>(`${BY_KEY}${ANSWER_SELECT} WHERE x.id = $1 AND x.kind = $2 FOR UPDATE OF x`, [id, kind]);
  return row;
}

export type AnswerChange = Partial<{
  state: string; answered: boolean; done: boolean; decline_reason: string; suggested_org_id: number | null;
  part: string; onsite_record: string; result: string; judicial_transfer: boolean;
}>;

/** Moves an answer at the version it was read at; false when someone else moved it first. */
export async function updateAnswer(q: Queryable, id: number, version: number, f: AnswerChange): Promise<boolean> {
  const rows = await q.query(
    `${BY_KEY}UPDATE dispatch_call_answers SET state = COALESCE($3, state), part = COALESCE($4, part),
       answered_at = CASE WHEN $5 THEN COALESCE(answered_at, now()) ELSE answered_at END,
       onsite_record = COALESCE($6, onsite_record), result = COALESCE($7, result),
       done_at = CASE WHEN $8 THEN now() ELSE done_at END, decline_reason = COALESCE($9, decline_reason),
       suggested_org_id = COALESCE($10, suggested_org_id), judicial_transfer = judicial_transfer OR $11,
       version = version + 1
     WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, f.state ?? null, f.part ?? null, f.answered ?? false, f.onsite_record ?? null, f.result ?? null, f.done ?? false,
      f.decline_reason ?? null, f.suggested_org_id ?? null, f.judicial_transfer ?? false],
  );
  return rows.length > 0;
}

/** The states of a call's answers (the engine decides from them whether it is complete). */
export async function answerStates(q: Queryable, kind: CallKind, callId: number): Promise<string[]> {
  const rows = await q.query<{ state: string }>(`${BY_KEY}SELECT state FROM dispatch_call_answers WHERE kind = $1 AND call_id = $2 ORDER BY id`, [kind, callId]);
  return rows.map((r) => r.state);
}

/** Marks an open call done (once: a second call changes nothing and answers false). */
export async function completeCall(q: Queryable, kind: CallKind, callId: number): Promise<boolean> {
  const rows = await q.query(`${BY_KEY}UPDATE dispatch_calls SET status = 'done', done_at = now() WHERE kind = $1 AND id = $2 AND status = 'open' RETURNING id`, [kind, callId]);
  return rows.length > 0;
}

/** Answers in the scope in one of the given states (a recipient's to-do). */
export async function countAnswersIn(q: Queryable, scope: Scope, kind: CallKind, states: readonly string[]): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM dispatch_call_answers WHERE ${inScope('org_path', 1)} AND kind = $2 AND state = ANY($3::text[])`,
    [likePrefix(scope.path), kind, states],
  );
  return row!.n;
}

/** Answers in one of the given states of calls made in the scope (the caller's to-do: declined parts to re-route). */
export async function countAnswersOfCallsIn(q: Queryable, scope: Scope, kind: CallKind, states: readonly string[]): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM dispatch_call_answers p JOIN dispatch_calls c ON c.kind = p.kind AND c.id = p.call_id
      WHERE ${inScope('c.caller_path', 1)} AND p.kind = $2 AND p.state = ANY($3::text[])`,
    [likePrefix(scope.path), kind, states],
  );
  return row!.n;
}

/** How many calls of a kind each caller in the county made. */
/** How many calls each caller within the scope made (a township sees its own stations and villages, not its neighbours'). */
export async function callsByCaller(q: Queryable, scope: Scope, kind: CallKind) {
  return q.query<{ org_id: number; name: string; calls: number }>(
    `SELECT o.id AS org_id, o.name, count(*)::int AS calls FROM dispatch_calls c JOIN orgs o ON o.id = c.caller_org_id
     WHERE ${inScope('c.caller_path', 1)} AND c.kind = $2 GROUP BY o.id, o.name ORDER BY calls DESC, o.name`,
    [likePrefix(scope.path), kind],
  );
}
