// 审计日志查询: for the auditor and the audit administrator only, within their scope's county.
import type { ListAuditQuery } from '@lianxin/contract';
import type { Db } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { verifyAuditChain } from '../../core/audit.js';

export function createAuditService(deps: { db: Db }) {
  const { db } = deps;

  async function list(actor: Actor, q: ListAuditQuery) {
    requireAction(actor, 'audit:read');
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (n: string) => string, v: unknown) => {
      params.push(v);
      where.push(sql(`$${params.length}`));
    };
    // An auditor sees its county's records (and, at province scope, every county's).
    if (actor.scope.countyId !== null) add((n) => `county_id = ${n}`, actor.scope.countyId);
    if (q.username) add((n) => `username = ${n}`, q.username.toLowerCase());
    if (q.action) add((n) => `action LIKE ${n}`, `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (q.objectType) add((n) => `object_type = ${n}`, q.objectType);
    if (q.objectId) add((n) => `object_id = ${n}`, q.objectId);
    if (q.from) add((n) => `at >= (${n}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`, q.from);
    if (q.to) add((n) => `at < ((${n}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`, q.to);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const [rows, [count]] = await Promise.all([
      db.query<{ id: number; at: Date; account_id: number | null; username: string | null; action: string; object_type: string | null; object_id: string | null; summary: unknown; result: string; ip: string | null }>(
        `SELECT id, at, account_id, username, action, object_type, object_id, summary, result, ip
         FROM audit_log ${clause} ORDER BY id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      ),
      db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log ${clause}`, params),
    ]);
    return {
      page,
      pageSize,
      total: count?.n ?? 0,
      items: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        // a citizen's public submission and system jobs act without an account: the case engine
        // records their actor as account 0, which is no account (ids start at 1)
        accountId: r.account_id ? r.account_id : null,
        username: r.username,
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
        summary: r.summary,
        result: r.result,
        ip: r.ip,
      })),
    };
  }

  async function verify(actor: Actor) {
    requireAction(actor, 'audit:read');
    return verifyAuditChain(db, actor.scope.countyId);
  }

  return { list, verify };
}

export type AuditService = ReturnType<typeof createAuditService>;
