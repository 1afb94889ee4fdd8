// 审计: every mutation and security event appends a record (time, account, action, object,
// summary without personal data, result, source IP). Records of one county form a hash chain, so a
// changed or removed record is detectable; the database refuses UPDATE and DELETE.
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
 * The audit append as two CTEs (`audit_head`, `audit_record`) of one statement: the chain's head
 * row is created or locked and moved to the new hash, and the record written with the previous
 * and the new hash. The lock on the head row (held to the end of the transaction) orders the
 * writers of one chain; under READ COMMITTED a writer that waited on it goes on from the head its
 * predecessor committed, so the chain never forks. The new hash is digest() computed in the
 * database: the canonical JSON of [prev, …fields] is '["' + prev + '",' followed by that of the
 * fields without its opening bracket, as the previous hash is hex.
 *
 * `param` adds a value to the statement's parameters and answers its placeholder; with `when`,
 * the name of an earlier CTE, the record is written only if that CTE has a row (a change that
 * did not happen is not audited).
 */
export function auditCtes(entry: AuditEntry, param: (value: unknown) => string, when?: string): string {
  const at = new Date().toISOString();
  const tail = `${param(canonicalJson(hashedFields(at, entry)).slice(1))}::text`;
  const first = `encode(sha256(convert_to('["${GENESIS}",' || ${tail}, 'UTF8')), 'hex')`;
  const next = `encode(sha256(convert_to('["' || h.hash || '",' || ${tail}, 'UTF8')), 'hex')`;
  const chain = `${param(entry.countyId ?? 0)}::bigint`;
  return `audit_head AS (
    INSERT INTO audit_heads AS h (chain, prev_hash, hash)
    ${when ? `SELECT ${chain}, '${GENESIS}', ${first} FROM (SELECT 1 FROM ${when} LIMIT 1) w` : `VALUES (${chain}, '${GENESIS}', ${first})`}
    ON CONFLICT (chain) DO UPDATE SET prev_hash = h.hash, hash = ${next}
    RETURNING prev_hash, hash),
  audit_record AS (
    INSERT INTO audit_log (at, county_id, account_id, username, action, object_type, object_id, summary, result, ip, prev_hash, hash)
    SELECT ${param(at)}::timestamptz, ${param(entry.countyId)}::bigint, ${param(entry.accountId)}::bigint, ${param(entry.username)}::text,
           ${param(entry.action)}::text, ${param(entry.objectType ?? null)}::text,
           ${param(entry.objectId === undefined ? null : String(entry.objectId))}::text, ${param(JSON.stringify(entry.summary ?? {}))}::jsonb,
           ${param(entry.result)}::text, ${param(entry.ip)}::text, audit_head.prev_hash, audit_head.hash
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
  prev_hash: string;
  hash: string;
};

/** Recomputes a county's chain; answers the first record that does not fit, if any. */
export async function verifyAuditChain(
  db: Queryable,
  countyId: number | null,
): Promise<{ ok: boolean; checked: number; brokenAt?: number }> {
  const rows = await db.query<StoredRow>(
    countyId == null ? `SELECT * FROM audit_log WHERE county_id IS NULL ORDER BY id` : `SELECT * FROM audit_log WHERE county_id = $1 ORDER BY id`,
    countyId == null ? [] : [countyId],
  );
  let prev = GENESIS;
  for (const r of rows) {
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
    if (r.prev_hash !== prev || r.hash !== expected) return { ok: false, checked: rows.length, brokenAt: r.id };
    prev = r.hash;
  }
  return { ok: true, checked: rows.length };
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
