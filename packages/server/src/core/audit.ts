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
 * did not happen is not audited); with `objectIdSql`, the record's object id is that SQL
 * expression (the id of a row the same statement inserts), not `entry.objectId`.
 */
export function auditCtes(entry: AuditEntry, param: (value: unknown) => string, when?: string, objectIdSql?: string): string {
  const at = new Date().toISOString();
  // the object's id may be one the same statement creates (`objectIdSql`, a bigint expression):
  // its JSON string is spliced into the hashed text where the placeholder's is
  const placeholder = '\u0000id\u0000';
  const fields = canonicalJson(hashedFields(at, objectIdSql ? { ...entry, objectId: placeholder } : entry)).slice(1);
  const cut = objectIdSql ? fields.indexOf(JSON.stringify(placeholder)) : -1; // the first: the object id precedes the summary
  const [before, after] = cut < 0 ? [fields, undefined] : [fields.slice(0, cut), fields.slice(cut + JSON.stringify(placeholder).length)];
  const tail = after === undefined ? `${param(before)}::text` : `(${param(before)}::text || '"' || (${objectIdSql})::text || '"' || ${param(after)}::text)`;
  const objectId = objectIdSql ? `(${objectIdSql})::text` : `${param(entry.objectId === undefined ? null : String(entry.objectId))}::text`;
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
           ${objectId}, ${param(JSON.stringify(entry.summary ?? {}))}::jsonb,
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
