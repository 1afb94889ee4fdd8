// The case engine: opens cases, fires transitions of a declared workflow, and appends every
// transition, comment, attachment and supervision to the case's hash-chained timeline in the same
// transaction as the change. Nothing here knows about any one case type.
import crypto from 'node:crypto';
import { prepared, type Db, type Queryable } from '../../db/db.js';
import { likePrefix, type Actor, type Scope } from '../access.js';
import { appendAudit, auditCtes, canonicalJson } from '../audit.js';
import { AppError, validationError } from '../errors.js';
import { todayInChina } from '../calendar.js';
import { checkTransition, type CaseView, type WorkflowDef } from './workflow.js';
import { caseType, caseTypes } from './registry.js';
import { inScope, BY_KEY, SYSTEM } from '../scope.js';

export type CaseRow = {
  id: number;
  county_id: number;
  case_type: string;
  org_id: number;
  org_path: string;
  status: string;
  title: string;
  deadline: string | null;
  opened_at: Date;
  resolved_at: Date | null;
  closed_at: Date | null;
  supervision_due: string | null;
  escalated_to_org_id: number | null;
  created_by: number | null;
  version: number;
};

export type CaseEvent = {
  id: number;
  seq: number;
  at: Date;
  account_id: number | null;
  actor_name: string;
  /** The account's display name (a person or a unit, as the UI shows it), when an account acted. */
  actor_display?: string | null;
  actor_org_id: number | null;
  kind: 'open' | 'transition' | 'comment' | 'attachment' | 'supervision' | 'escalation' | 'edit';
  transition: string | null;
  from_status: string | null;
  to_status: string | null;
  body: string | null;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

const GENESIS = '0'.repeat(64);
const CASE_COLUMNS = `id, county_id, case_type, org_id, org_path, status, title, deadline, opened_at, resolved_at,
  closed_at, supervision_due, escalated_to_org_id, created_by, version`;

type EventFields = Omit<CaseEvent, 'id' | 'case_id' | 'county_id' | 'prev_hash' | 'hash'>;

/** The entry's fields after the previous hash and the case id, in the order they are hashed. */
function eventFields(e: EventFields): unknown[] {
  return [e.seq, e.at.toISOString(), e.account_id, e.actor_name, e.actor_org_id, e.kind, e.transition, e.from_status, e.to_status, e.body, e.data];
}

/** An entry's hash: SHA-256 of the canonical JSON of [previous hash, case id, …fields]. */
function eventDigest(prev: string, caseId: number, e: EventFields): string {
  return crypto.createHash('sha256').update(canonicalJson([prev, caseId, ...eventFields(e)])).digest('hex');
}

/** A case's first timeline entry. */
function openEvent(actor: Actor | null, status: string, body: string | null, data: Record<string, unknown>): EventFields {
  return {
    seq: 1, at: new Date(), account_id: actor?.accountId ?? null, actor_name: actor?.username ?? 'system', actor_org_id: actor?.scope.orgId ?? null,
    kind: 'open', transition: null, from_status: null, to_status: status, body, data,
  };
}

/**
 * The row a case type keeps beside the case. Its table is the one the type registered
 * (`registerCaseType`), checked when the case opens, and its columns are the module's code, never
 * input: a new case type needs no edit here.
 */
export type OwnRow = { table: string; values: Record<string, unknown> };

const SQL_NAME = /^[a-z_][a-z0-9_]*$/;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type AppendInput = {
  kind: CaseEvent['kind'];
  /** Who acted when it was not an account (e.g. 群众 rating on the public page). */
  actorName?: string;
  transition?: string;
  fromStatus?: string;
  toStatus?: string;
  body?: string | null;
  data?: Record<string, unknown>;
};

const INSERT_EVENT = prepared(
  `INSERT INTO case_events (case_id, county_id, seq, at, account_id, actor_name, actor_org_id, kind, transition,
     from_status, to_status, body, data, prev_hash, hash)
   VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13::jsonb,$14,$15) RETURNING id`,
);

/**
 * Appends one timeline entry; the caller holds the case row lock (FOR UPDATE). Private to the
 * engine: every operation below writes its entry and its audit record together (`record`).
 */
async function appendEvent(tx: Queryable, c: Pick<CaseRow, 'id' | 'county_id'>, actor: Actor | null, input: AppendInput): Promise<number> {
  const [last] = await tx.query<{ seq: number; hash: string }>(`SELECT seq, hash FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`, [c.id]);
  const event = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    account_id: actor?.accountId ?? null,
    actor_name: actor?.username ?? input.actorName ?? 'system',
    actor_org_id: actor?.scope.orgId ?? null,
    kind: input.kind,
    transition: input.transition ?? null,
    from_status: input.fromStatus ?? null,
    to_status: input.toStatus ?? null,
    body: input.body ?? null,
    data: input.data ?? {},
  };
  const prev = last?.hash ?? GENESIS;
  const [row] = await tx.query<{ id: number }>(
    INSERT_EVENT,
    [c.id, c.county_id, event.seq, event.at, event.account_id, event.actor_name, event.actor_org_id, event.kind, event.transition,
      event.from_status, event.to_status, event.body, JSON.stringify(event.data), prev, eventDigest(prev, c.id, event)],
  );
  return row!.id;
}

export type FireInput = { version: number; body?: string | null; fields?: Record<string, unknown> };

/**
 * Who acts: a signed-in account, or someone without one — a citizen on the public page (after
 * the caller checked the tracking code and phone) or a timer. Operations by someone without an
 * account find the case by id alone, so only code that has already authorized the caller may
 * pass one.
 */
export type Who = Actor | { anonymous: string; ip: string | null };
const isAccount = (w: Who): w is Actor => 'accountId' in w;

/** A check an operation runs on the locked case before changing anything: false answers 403; it may throw its own error. */
export type MayAct = (c: CaseRow, tx: Queryable) => boolean | Promise<boolean>;

export function createCaseEngine(deps: { db: Db; today?: () => string }) {
  const { db } = deps;
  const today = deps.today ?? (() => todayInChina());

  async function load(q: Queryable, scope: Scope, caseType: string, id: number, forUpdate = false): Promise<CaseRow | undefined> {
    const [row] = await q.query<CaseRow>(
      `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 AND case_type = $2 AND ${inScope('org_path', 3)} ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id, caseType, likePrefix(scope.path)],
    );
    return row;
  }

  /** Locks the case for an operation of `who`: within the account's scope, or by id for someone without an account. */
  async function lock(tx: Queryable, caseType: string, id: number, who: Who, mayAct?: MayAct): Promise<CaseRow> {
    const c = isAccount(who)
      ? await load(tx, who.scope, caseType, id, true)
      : (await tx.query<CaseRow>(`${BY_KEY}SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 AND case_type = $2 FOR UPDATE`, [id, caseType]))[0];
    if (!c) throw new AppError('not_found');
    if (mayAct && !(await mayAct(c, tx))) throw new AppError('forbidden');
    return c;
  }

  /**
   * The one way anything reaches a case's timeline after it is opened: the entry and the audit
   * record naming the case type (`<type>.<action>`), in the caller's transaction, which holds the
   * case row lock.
   */
  async function record(tx: Queryable, c: CaseRow, who: Who, event: AppendInput, audit: { action: string; summary?: Record<string, unknown> }): Promise<number> {
    const eventId = await entry(tx, c, who, event);
    await auditOf(tx, c, who, audit.action, audit.summary ?? {});
    return eventId;
  }

  function entry(tx: Queryable, c: CaseRow, who: Who, event: AppendInput): Promise<number> {
    return isAccount(who) ? appendEvent(tx, c, who, event) : appendEvent(tx, c, null, { ...event, actorName: who.anonymous });
  }

  function auditOf(tx: Queryable, c: CaseRow, who: Who, action: string, summary: Record<string, unknown>): Promise<void> {
    return appendAudit(tx, {
      countyId: c.county_id, accountId: isAccount(who) ? who.accountId || null : null, username: isAccount(who) ? who.username : who.anonymous,
      action: `${c.case_type}.${action}`, objectType: c.case_type, objectId: c.id, summary, result: 'success', ip: who.ip,
    });
  }

  /**
   * The one transition path (fire, a citizen's unsatisfied rating, …): status and version, the
   * clocks, the timeline entry and the audit record. Entering a resolved state starts resolved_at
   * (kept when it was already set: accepted → closed), entering a final state starts closed_at;
   * leaving them clears them, so a reopened case is open again everywhere "open" is asked.
   */
  async function applyTransition<S extends string, T extends string, X>(
    tx: Queryable, def: WorkflowDef<S, T, X>, c: CaseRow, name: T, who: Who, body: string | null, data: Record<string, unknown>,
  ): Promise<void> {
    const to = def.transitions[name].to;
    const resolves = def.resolvedStates.includes(to);
    const finishes = def.finalStates.includes(to);
    await tx.query(
      `${BY_KEY}UPDATE cases SET status = $2, version = version + 1, updated_at = now(),
         resolved_at = CASE WHEN $3::boolean THEN COALESCE(resolved_at, now()) END,
         closed_at = CASE WHEN $4::boolean THEN COALESCE(closed_at, now()) END
       WHERE id = $1`,
      [c.id, to, resolves, finishes],
    );
    await record(tx, c, who, { kind: 'transition', transition: name, fromStatus: c.status, toStatus: to, body, data: { version: c.version + 1, ...data } }, { action: name, summary: { from: c.status, to } });
  }

  /**
   * Opens a case in one statement: the case row, its first timeline entry, the type's own row
   * (`own`: a problem, a request, a task) and the audit record, the hashes of the entry and the
   * record computed by the database around the case id it draws. One statement is atomic: the
   * caller needs no transaction (it may pass one, to write more beside it), and the county's audit
   * lane is held only for this statement and the commit.
   */
  async function open<S extends string, T extends string, X>(
    q: Queryable,
    def: WorkflowDef<S, T, X>,
    actor: Actor,
    input: { countyId: number; orgId: number; orgPath: string; title: string; deadline: string | null; body?: string; data?: Record<string, unknown> },
    own?: OwnRow,
  ): Promise<CaseRow> {
    const t = today();
    if (input.deadline && input.deadline < t) {
      throw validationError([{ field: 'deadline', zh: '期限不能早于今天', en: 'The deadline is in the past' }]);
    }
    const cadence = def.sla.supervisionEveryDays;
    const params: unknown[] = [input.countyId, def.caseType, input.orgId, input.orgPath, def.initial, input.title, input.deadline,
      cadence ? addDays(t, cadence) : null, actor.accountId || null];
    const param = (v: unknown) => `$${params.push(v)}`;
    const event = openEvent(actor, def.initial, input.body ?? null, input.data ?? {});
    // eventDigest's canonical JSON is [prev, caseId, …fields]: the id is spliced in by the database
    const tail = param(canonicalJson(eventFields(event)).slice(1));
    const ownColumns = own ? Object.keys(own.values) : [];
    if (own) {
      const registeredTable = caseType(def.caseType).table;
      if (own.table !== registeredTable) throw new Error(`case type ${def.caseType} keeps its rows in ${registeredTable}, not ${own.table}`);
      const bad = ownColumns.find((k) => !SQL_NAME.test(k));
      if (bad) throw new Error(`case type ${def.caseType}: "${bad}" is not a column name`);
    }
    const text = `
      WITH c AS (
        INSERT INTO cases (county_id, case_type, org_id, org_path, status, title, deadline, supervision_due, created_by)
        VALUES ($1::bigint, $2::text, $3::bigint, $4::text, $5::text, $6::text, $7::date, $8::date, $9::bigint)
        RETURNING ${CASE_COLUMNS}),
      ev AS (
        INSERT INTO case_events (case_id, county_id, seq, at, account_id, actor_name, actor_org_id, kind, transition, from_status, to_status, body, data, prev_hash, hash)
        SELECT c.id, c.county_id, 1, ${param(event.at)}::timestamptz, ${param(event.account_id)}::bigint, ${param(event.actor_name)}::text,
               ${param(event.actor_org_id)}::bigint, 'open', NULL, NULL, $5::text, ${param(event.body)}::text, ${param(JSON.stringify(event.data))}::jsonb,
               '${GENESIS}', encode(sha256(convert_to('["${GENESIS}",' || c.id::text || ',' || ${tail}::text, 'UTF8')), 'hex')
          FROM c)${own ? `,
      own AS (
        INSERT INTO ${own.table} (case_id, ${ownColumns.join(', ')})
        VALUES ((SELECT id FROM c), ${ownColumns.map((k) => param(own.values[k])).join(', ')}))` : ''},
      ${auditCtes(
        { countyId: input.countyId, accountId: actor.accountId, username: actor.username, action: `${def.caseType}.open`, objectType: def.caseType, summary: { orgId: input.orgId, title: input.title, deadline: input.deadline }, result: 'success', ip: actor.ip },
        param, 'c', { objectId: '(SELECT id FROM c)' },
      )}
      SELECT * FROM c`;
    const [row] = await q.query<CaseRow>(prepared(text), params);
    return row!;
  }

  /**
   * Fires a transition: version check (412), idempotent replay of the same transition by the same
   * account (answers the case as it is), state and permission checks, required fields; then the
   * type's own changes (apply) and the one transition path, atomically.
   */
  async function fire<S extends string, T extends string, X>(
    def: WorkflowDef<S, T, X>,
    actor: Actor,
    id: number,
    name: string,
    input: FireInput,
    hooks: {
      loadExtra: (q: Queryable, c: CaseRow) => Promise<X>;
      apply?: (tx: Queryable, c: CaseRow, input: FireInput) => Promise<Record<string, unknown> | void>;
    },
  ): Promise<{ replayed: boolean }> {
    return db.transaction(async (tx) => {
      const c = await lock(tx, def.caseType, id, actor);
      const transition = (def.transitions as Record<string, { to: S; label: { zh: string; en: string } } | undefined>)[name];
      if (!transition) throw new AppError('not_found', { zh: '没有这个办理环节', en: 'No such transition' });
      const inputHash = crypto.createHash('sha256').update(canonicalJson([name, input.body ?? null, input.fields ?? {}])).digest('hex').slice(0, 32);
      if (c.version !== input.version) {
        // a retry: the same account firing the same transition with the same input on the version
        // it already moved past answers the case as it is; anything else lost the race (412)
        const [last] = await tx.query<{ transition: string | null; account_id: number | null; data: Record<string, unknown> }>(
          `SELECT transition, account_id, data FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`,
          [c.id],
        );
        if (last?.transition === name && last.account_id === actor.accountId && last.data.inputHash === inputHash && c.version === input.version + 1) {
          return { replayed: true };
        }
        throw new AppError('version_conflict');
      }
      const view: CaseView<X> = { id: c.id, countyId: c.county_id, orgId: c.org_id, orgPath: c.org_path, status: c.status, deadline: c.deadline, extra: await hooks.loadExtra(tx, c) };
      // Required fields are named as the client sends them: the note is the body's `comment`.
      const check = checkTransition(def, name, actor, view, { comment: input.body, ...input.fields });
      if (!check.ok) {
        if (check.reason === 'forbidden') {
          throw new AppError('forbidden', { zh: `您无权执行「${transition.label.zh}」`, en: `You may not ${transition.label.en}` });
        }
        if (check.reason === 'missing') throw validationError(check.missing!);
        throw stateConflict(def, c, transition.label);
      }
      const extraData = (await hooks.apply?.(tx, c, input)) ?? {};
      await applyTransition(tx, def, c, name as T, actor, input.body ?? null, { inputHash, ...extraData });
      return { replayed: false };
    });
  }

  /**
   * A transition the clock fires (a window that has passed), not an account: the case is found by id
   * and locked, the transition must leave its current state, and `due` — asked of the locked case —
   * must still hold (another request may have moved it meanwhile). The timeline and the audit record
   * name the system. Answers whether it fired.
   */
  async function fireTimed<S extends string, T extends string, X>(
    def: WorkflowDef<S, T, X>,
    id: number,
    name: T,
    body: string,
    due: (tx: Queryable, c: CaseRow) => Promise<boolean>,
  ): Promise<boolean> {
    return db.transaction(async (tx) => {
      const system: Who = { anonymous: 'system', ip: null };
      const c = await lock(tx, def.caseType, id, system);
      if (!def.transitions[name].from.includes(c.status as S) || !(await due(tx, c))) return false;
      await applyTransition(tx, def, c, name, system, body, { timed: true });
      return true;
    });
  }

  function stateConflict<S extends string, T extends string, X>(def: WorkflowDef<S, T, X>, c: CaseRow, label: { zh: string; en: string }) {
    const from = def.stateLabels[c.status as S] ?? { zh: c.status, en: c.status };
    return new AppError('conflict', { zh: `当前状态为「${from.zh}」，不能执行「${label.zh}」`, en: `The case is ${from.en}; cannot ${label.en}` });
  }

  /**
   * A comment or a supervision record (督办) on the timeline; supervision resets the cadence.
   * `data.public` marks a progress message the citizen sees (信息反馈).
   */
  async function note<S extends string, T extends string, X>(
    def: WorkflowDef<S, T, X>,
    actor: Actor,
    id: number,
    kind: 'comment' | 'supervision',
    body: string,
    mayAct: MayAct,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    await db.transaction(async (tx) => {
      const c = await lock(tx, def.caseType, id, actor, mayAct);
      if (kind === 'supervision') {
        if (c.resolved_at || c.closed_at) throw new AppError('conflict', { zh: '已整改完成的事项无需督办', en: 'A resolved case needs no supervision' });
        const cadence = def.sla.supervisionEveryDays ?? 15;
        await tx.query(`${BY_KEY}UPDATE cases SET supervision_due = $2, updated_at = now() WHERE id = $1`, [c.id, addDays(today(), cadence)]);
      }
      await record(tx, c, actor, { kind, body, data }, { action: kind, summary: Object.keys(data).length ? data : {} });
    });
  }

  /**
   * A change of the type's own fields that is not a transition (首问负责 hand-over, 情况报告 report
   * up, …): the module checks and changes its row in `apply`, which answers the timeline text; the
   * engine records it with the audit record `<type>.<action>`.
   */
  async function edit(
    caseType: string,
    actor: Actor,
    id: number,
    op: {
      action: string;
      kind?: 'edit' | 'comment';
      /**
       * The version the editor saw: given, a stale one is refused (409) and the edit moves the
       * version on, so two people saving the same record cannot overwrite each other unseen.
       */
      version?: number;
      apply: (tx: Queryable, c: CaseRow) => Promise<{ body: string; data?: Record<string, unknown>; summary?: Record<string, unknown> }>;
    },
  ): Promise<void> {
    await db.transaction(async (tx) => {
      const c = await lock(tx, caseType, id, actor);
      if (op.version !== undefined && c.version !== op.version) throw new AppError('version_conflict');
      const done = await op.apply(tx, c);
      if (op.version !== undefined) await tx.query(`${BY_KEY}UPDATE cases SET version = version + 1, updated_at = now() WHERE id = $1`, [c.id]);
      await record(tx, c, actor, { kind: op.kind ?? 'edit', body: done.body, data: done.data ?? {} }, { action: op.action, summary: done.summary ?? done.data ?? {} });
    });
  }

  /** A file on the timeline, by an account or by a citizen on the public page (after the caller checked the code). */
  async function attach(
    caseType: string,
    who: Who,
    id: number,
    file: { fileName: string; mimeType: string; content: Buffer },
    mayAct: MayAct,
    /** what the file is for, kept on its timeline entry and audit record (e.g. `{ purpose: 'appeal' }`) */
    purpose?: Record<string, string>,
  ): Promise<number> {
    return db.transaction(async (tx) => {
      const c = await lock(tx, caseType, id, who, mayAct);
      const sha256 = crypto.createHash('sha256').update(file.content).digest('hex');
      // the entry, the file (naming the entry) and the audit record (naming the file): one transaction
      const eventId = await entry(tx, c, who, { kind: 'attachment', body: file.fileName, data: { ...purpose, sha256, size: file.content.length, mimeType: file.mimeType } });
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO attachments (county_id, case_id, event_id, file_name, mime_type, size_bytes, sha256, content, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
        [c.county_id, c.id, eventId, file.fileName, file.mimeType, file.content.length, sha256, file.content, isAccount(who) ? who.accountId || null : null],
      );
      const attachmentId = Number(row!.id);
      await auditOf(tx, c, who, 'attach', { ...purpose, attachmentId, size: file.content.length, mimeType: file.mimeType });
      return attachmentId;
    });
  }

  /**
   * A rating (群众评价) by someone without an account, after the caller checked the code: the
   * module checks and stores it (`apply`), the engine records it; `then` fires a transition in the
   * same transaction (an unsatisfied rating reopens the case) through the one transition path.
   */
  async function rate<S extends string, T extends string, X>(
    def: WorkflowDef<S, T, X>,
    who: Who,
    id: number,
    op: {
      body: string;
      data: Record<string, unknown>;
      apply: (tx: Queryable, c: CaseRow) => Promise<void>;
      then?: { transition: T; body: string } | null;
    },
  ): Promise<void> {
    await db.transaction(async (tx) => {
      const c = await lock(tx, def.caseType, id, who);
      await op.apply(tx, c);
      await record(tx, c, who, { kind: 'comment', body: op.body, data: op.data }, { action: 'rate', summary: op.data });
      if (op.then) {
        const t = def.transitions[op.then.transition];
        if (!t.from.includes(c.status as S)) throw stateConflict(def, c, t.label);
        await applyTransition(tx, def, c, op.then.transition, who, op.then.body, { public: true });
      }
    });
  }

  /**
   * An entry written on a case by another engine inside its own transaction (the dispatch engine:
   * a whistle blown for a request, a department's answer to it): the case is locked by its key —
   * the other engine has already checked who may act — and the entry and its audit record
   * (`<type>.<action>`) are written together, like every other operation here.
   */
  async function annotate(tx: Queryable, caseId: number, who: Who, event: AppendInput, audit: { action: string; summary?: Record<string, unknown> }): Promise<number> {
    const [c] = await tx.query<CaseRow>(`${BY_KEY}SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
    if (!c) throw new AppError('not_found');
    return record(tx, c, who, event, audit);
  }

  async function attachment(caseType: string, actor: Actor, caseId: number, attachmentId: number) {
    const c = await load(db, actor.scope, caseType, caseId);
    if (!c) throw new AppError('not_found');
    const [row] = await db.query<{ file_name: string; mime_type: string; content: Uint8Array }>(
      `SELECT file_name, mime_type, content FROM attachments WHERE id = $1 AND case_id = $2`,
      [attachmentId, caseId],
    );
    if (!row) throw new AppError('not_found');
    return { fileName: row.file_name, mimeType: row.mime_type, content: Buffer.from(row.content) };
  }

  async function timeline(q: Queryable, caseId: number) {
    const [events, files] = await Promise.all([
      q.query<CaseEvent>(
        `SELECT e.*, a.display_name AS actor_display FROM case_events e LEFT JOIN accounts a ON a.id = e.account_id WHERE e.case_id = $1 ORDER BY e.seq`,
        [caseId],
      ),
      q.query<{ id: number; event_id: number; file_name: string; mime_type: string; size_bytes: number }>(
        `SELECT id, event_id, file_name, mime_type, size_bytes FROM attachments WHERE case_id = $1 ORDER BY id`,
        [caseId],
      ),
    ]);
    return { events, files };
  }

  /** Recomputes a case's chain; answers the first entry that does not fit, if any. */
  async function verify(caseType: string, actor: Actor, id: number) {
    const c = await load(db, actor.scope, caseType, id);
    if (!c) throw new AppError('not_found');
    const { events } = await timeline(db, id);
    let prev = GENESIS;
    for (const e of events) {
      const expected = eventDigest(prev, id, e);
      if (e.prev_hash !== prev || e.hash !== expected) return { ok: false, checked: events.length, brokenAt: e.seq };
      prev = e.hash;
    }
    return { ok: true, checked: events.length };
  }

  /**
   * Overdue unresolved cases of a type become visible one level up: each gets the org to escalate
   * to (chosen by the type, e.g. the township above), an 'escalation' entry and its audit record, once.
   */
  async function escalateOverdue(caseType: string, targetOf: (q: Queryable, c: CaseRow) => Promise<number | null>): Promise<number> {
    const overdue = await db.query<CaseRow>(
      `${SYSTEM}SELECT ${CASE_COLUMNS} FROM cases WHERE case_type = $1 AND resolved_at IS NULL AND closed_at IS NULL
         AND deadline < $2::date AND escalated_to_org_id IS NULL`,
      [caseType, today()],
    );
    let n = 0;
    const system: Who = { anonymous: 'system', ip: null };
    for (const c of overdue) {
      await db.transaction(async (tx) => {
        const locked = await lock(tx, caseType, c.id, system);
        if (locked.escalated_to_org_id !== null || locked.resolved_at) return;
        const target = await targetOf(tx, locked);
        if (!target) return;
        await tx.query(`${SYSTEM}UPDATE cases SET escalated_to_org_id = $2 WHERE id = $1`, [c.id, target]);
        await record(tx, locked, system, { kind: 'escalation', body: '逾期未完成，已上报上一级', data: { toOrgId: target, deadline: locked.deadline } }, { action: 'escalate', summary: { toOrgId: target } });
        n++;
      });
    }
    return n;
  }

  /** The periodic escalation of every registered case type whose SLA escalates overdue cases. */
  async function escalateAll(): Promise<Record<string, number>> {
    const done: Record<string, number> = {};
    for (const t of caseTypes()) {
      if (t.workflow.sla.escalateOverdue && t.escalateTo) done[t.workflow.caseType] = await escalateOverdue(t.workflow.caseType, t.escalateTo);
    }
    return done;
  }

  return { load, open, fire, fireTimed, note, edit, attach, rate, annotate, attachment, timeline, verify, escalateOverdue, escalateAll, today };
}

export type CaseEngine = ReturnType<typeof createCaseEngine>;
