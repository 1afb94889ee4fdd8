// 审计: every mutation and security event appends a record (time, account, action, object,
// summary without personal data, result, source IP). Records of one county form a hash chain, so a
// changed or removed record is detectable; the database refuses UPDATE and DELETE.
import crypto from 'node:crypto';
import type { Queryable } from '../db/db.js';

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

function digest(prev: string, at: string, e: AuditEntry): string {
  const canonical = canonicalJson([
    prev,
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
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

/** Appends one audit record inside the caller's transaction (so it commits with the change). */
export async function appendAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  const chain = entry.countyId ?? 0;
  await tx.query('SELECT pg_advisory_xact_lock(7302, $1::int)', [chain]);
  // `county_id = $1` (not IS NOT DISTINCT FROM) so the (county_id, id DESC) index answers it.
  const [last] = await tx.query<{ hash: string }>(
    entry.countyId == null
      ? `SELECT hash FROM audit_log WHERE county_id IS NULL ORDER BY id DESC LIMIT 1`
      : `SELECT hash FROM audit_log WHERE county_id = $1 ORDER BY id DESC LIMIT 1`,
    entry.countyId == null ? [] : [entry.countyId],
  );
  const prev = last?.hash ?? GENESIS;
  const at = new Date().toISOString();
  await tx.query(
    `INSERT INTO audit_log (at, county_id, account_id, username, action, object_type, object_id,
       summary, result, ip, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8::jsonb,$9,$10,$11,$12)`,
    [
      at,
      entry.countyId,
      entry.accountId,
      entry.username,
      entry.action,
      entry.objectType ?? null,
      entry.objectId === undefined ? null : String(entry.objectId),
      JSON.stringify(entry.summary ?? {}),
      entry.result,
      entry.ip,
      prev,
      digest(prev, at, entry),
    ],
  );
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
