// 审计日志查询's SQL: the audit log filtered as the auditor asks, newest first.
import type { ListAuditQuery } from '@lianxin/contract';
import type { Queryable } from '../../db/db.js';

export type AuditLogRow = { id: number; at: Date; account_id: number | null; username: string | null; action: string; object_type: string | null; object_id: string | null; summary: unknown; result: string; ip: string | null };

/** A page of the log and the number of records the filter selects; `countyId` null: every county (province scope). */
export async function listAudit(q: Queryable, countyId: number | null, f: ListAuditQuery, page: number, pageSize: number) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, v: unknown) => {
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  if (countyId !== null) add((n) => `county_id = ${n}`, countyId);
  if (f.username) add((n) => `username = ${n}`, f.username.toLowerCase());
  if (f.action) add((n) => `action LIKE ${n}`, `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.objectType) add((n) => `object_type = ${n}`, f.objectType);
  if (f.objectId) add((n) => `object_id = ${n}`, f.objectId);
  if (f.from) add((n) => `at >= (${n}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`, f.from);
  if (f.to) add((n) => `at < ((${n}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`, f.to);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [rows, [count]] = await Promise.all([
    q.query<AuditLogRow>(
      `SELECT id, at, account_id, username, action, object_type, object_id, summary, result, ip
       FROM audit_log ${clause} ORDER BY id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    ),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log ${clause}`, params),
  ]);
  return { rows, total: count?.n ?? 0 };
}
