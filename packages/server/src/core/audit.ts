// 审计: every mutation and security event appends a record (time, account, action, object,
// summary without personal data, result, source IP). Records of one county form hash chains (eight
// lanes, see 061_audit_lanes.sql), so a changed or removed record is detectable; the database
// refuses UPDATE and DELETE.
import crypto from 'node:crypto';
import { prepared, type Queryable } from '../db/db.js';

export type AuditEntry = {
  countyId: number | null;
  accountId: number | null;
  username: string | null;
  action: string;
  objectType?: string;
  objectId?: string | number;
  summary?: Record<string, unknown>;
  result: 'success' | 'failure' | 'denied';
  ip: string | null;
};

const GENESIS = '0'.repeat(64);

/** Lanes per chain: a write appends to the lane of its connection, so one county's writers on different connections do not wait on each other's commits. */
export const AUDIT_LANES = 8;

/** JSON with object keys sorted at every level: jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The entry's fields after the previous hash, in the order they are hashed. */
function hashedFields(at: string, e: AuditEntry): unknown[] {
  return [
    at,
    e.countyId,
    e.accountId,
    e.username,
    e.action,
    e.objectType ?? null,
    e.objectId === undefined ? null : String(e.objectId),
    e.summary ?? {},
    e.result,
    e.ip,
  ];
}

/** A record's hash: SHA-256 of the canonical JSON of [previous hash, …fields]. */
function digest(prev: string, at: string, e: AuditEntry): string {
  return crypto.createHash('sha256').update(canonicalJson([prev, ...hashedFields(at, e)])).digest('hex');
}

/**
 * The audit append as two CTEs (`audit_head`, `audit_record`) of one statement: the head row of
 * the chain's lane is created or locked and moved to the new hash, and the record written with
 * the previous and the new hash. The lane is the connection's (`pg_backend_pid() % AUDIT_LANES`),
 * so one transaction appends to one lane of a chain however many records it writes. The lock on
 * the head row (held to the end of the transaction) orders the writers of one lane; under READ
 * COMMITTED a writer that waited on it goes on from the head its predecessor committed, so a lane
 * never forks, and as the record's id is drawn after the lock, ids ascend along each lane. The
 * new hash is digest() computed in the database: the canonical JSON of [prev, …fields] is
 * '["' + prev + '",' followed by that of the fields without its opening bracket, as the previous
 * hash is hex.
 *
 * `param` adds a value to the statement's parameters and answers its placeholder; with `when`,
 * the name of an earlier CTE, the record is written only if that CTE has a row (a change that
 * did not happen is not audited). `sql` gives values the same statement computes, as SQL
 * expressions: the object id (of a row the statement inserts: a bigint) and summary entries
 * (integers or text: their `to_jsonb` text is what JSON.stringify writes; not decimals, whose
 * text jsonb keeps as written); the hashed text is spliced around them, so it is the canonical
 * JSON of the record as stored, and verification is the same as for any record.
 */
export function auditCtes(
  entry: AuditEntry,
  param: (value: unknown) => string,
  when?: string,
  sql: { objectId?: string; summary?: Record<string, string> } = {},
): string {
  const at = new Date().toISOString();
  // each value computed in SQL stands in the hashed JSON as a marker string, replaced by the
  // expression's JSON text (markers hold NUL, which no stored text can)
  const subs: { mark: string; json: string }[] = [];
  const mark = (json: string) => {
    const m = `\u0000${subs.length}\u0000`;
    subs.push({ mark: JSON.stringify(m), json });
    return m;
  };
  const summarySql = Object.entries(sql.summary ?? {});
  const hashed: AuditEntry = {
    ...entry,
    objectId: sql.objectId ? mark(`'"' || (${sql.objectId})::text || '"'`) : entry.objectId,
    summary: { ...entry.summary, ...Object.fromEntries(summarySql.map(([k, e]) => [k, mark(`to_jsonb(${e})::text`)])) },
  };
  const pieces: string[] = [];
  let rest = canonicalJson(hashedFields(at, hashed)).slice(1);
  for (;;) {
    const next = subs.map((x) => ({ ...x, at: rest.indexOf(x.mark) })).filter((x) => x.at >= 0).sort((a, b) => a.at - b.at)[0];
    if (!next) break;
    pieces.push(`${param(rest.slice(0, next.at))}::text`, next.json);
    rest = rest.slice(next.at + next.mark.length);
  }
  pieces.push(`${param(rest)}::text`);
  const tail = pieces.length === 1 ? pieces[0] : `(${pieces.join(' || ')})`;
  const objectId = sql.objectId ? `(${sql.objectId})::text` : `${param(entry.objectId === undefined ? null : String(entry.objectId))}::text`;
  const summary = `${param(JSON.stringify(entry.summary ?? {}))}::jsonb${summarySql.length ? ` || jsonb_build_object(${summarySql.map(([k, e]) => `${param(k)}::text, ${e}`).join(', ')})` : ''}`;
  const first = `encode(sha256(convert_to('["${GENESIS}",' || ${tail}, 'UTF8')), 'hex')`;
  const next = `encode(sha256(convert_to('["' || h.hash || '",' || ${tail}, 'UTF8')), 'hex')`;
  const chain = `${param(entry.countyId ?? 0)}::bigint, (pg_backend_pid() % ${AUDIT_LANES})::smallint`;
  return `audit_head AS (
    INSERT INTO audit_heads AS h (chain, lane, prev_hash, hash)
    ${when ? `SELECT ${chain}, '${GENESIS}', ${first} FROM (SELECT 1 FROM ${when} LIMIT 1) w` : `VALUES (${chain}, '${GENESIS}', ${first})`}
    ON CONFLICT (chain, lane) DO UPDATE SET prev_hash = h.hash, hash = ${next}
    RETURNING lane, prev_hash, hash),
  audit_record AS (
    INSERT INTO audit_log (at, county_id, account_id, username, action, object_type, object_id, summary, result, ip, lane, prev_hash, hash)
    SELECT ${param(at)}::timestamptz, ${param(entry.countyId)}::bigint, ${param(entry.accountId)}::bigint, ${param(entry.username)}::text,
           ${param(entry.action)}::text, ${param(entry.objectType ?? null)}::text,
           ${objectId}, ${summary},
           ${param(entry.result)}::text, ${param(entry.ip)}::text, audit_head.lane, audit_head.prev_hash, audit_head.hash
    FROM audit_head)`;
}

/** Appends one audit record inside the caller's transaction (so it commits with the change): one statement. */
export async function appendAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  const params: unknown[] = [];
  const text = `WITH ${auditCtes(entry, (v) => `$${params.push(v)}`)} SELECT 1`;
  await tx.query(prepared(text), params);
}

type StoredRow = {
  id: number;
  at: Date;
  county_id: number | null;
  account_id: number | null;
  username: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  summary: Record<string, unknown>;
  result: AuditEntry['result'];
  ip: string | null;
  lane: number;
  prev_hash: string;
  hash: string;
};

/**
 * Recomputes a county's chain, lane by lane, and checks that each lane ends at the hash its head
 * row holds (so records cut off a lane's end are found too); answers the first record that does
 * not fit, if any (for a lane whose records are all gone: 0). Rows and heads are read in one
 * statement, one snapshot, so writers appending meanwhile do not make it report a break.
 */
export async function verifyAuditChain(
  db: Queryable,
  countyId: number | null,
): Promise<{ ok: boolean; checked: number; brokenAt?: number }> {
  const rows = await db.query<StoredRow & { head: string | null }>(
    `SELECT id, at, county_id, account_id, username, action, object_type, object_id, summary, result, ip, lane, prev_hash, hash, NULL AS head
       FROM audit_log WHERE ${countyId == null ? 'county_id IS NULL' : 'county_id = $1'}
     UNION ALL
     SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, lane, NULL, NULL, hash
       FROM audit_heads WHERE chain = ${countyId == null ? '0' : '$1'}
     ORDER BY lane, id NULLS LAST`,
    countyId == null ? [] : [countyId],
  );
  let checked = 0;
  let lane = -1;
  let prev = GENESIS;
  let last = 0;
  for (const r of rows) {
    if (r.lane !== lane) {
      lane = r.lane;
      prev = GENESIS;
      last = 0;
    }
    if (r.id == null) {
      // the lane's head row, after its records: the last record must be the one it points to
      if (r.head !== prev) return { ok: false, checked, brokenAt: last };
      continue;
    }
    checked++;
    const expected = digest(prev, r.at.toISOString(), {
      countyId: r.county_id,
      accountId: r.account_id,
      username: r.username,
      action: r.action,
      objectType: r.object_type ?? undefined,
      objectId: r.object_id ?? undefined,
      summary: r.summary,
      result: r.result,
      ip: r.ip,
    });
    if (r.prev_hash !== prev || r.hash !== expected) return { ok: false, checked, brokenAt: r.id };
    prev = r.hash;
    last = r.id;
  }
  return { ok: true, checked };
}

/**
 * What changed between two versions of a record, for the audit summary. Personal fields are
 * reported as changed, never with their values.
 */
export function changeSummary(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  personalFields: readonly string[] = [],
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (after[key] === undefined || key === 'version') continue;
    if (JSON.stringify(before[key] ?? null) === JSON.stringify(after[key] ?? null)) continue;
    changes[key] = personalFields.includes(key) ? '(已修改)' : { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}
