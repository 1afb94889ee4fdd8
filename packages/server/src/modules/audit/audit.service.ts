// 审计日志查询: for the auditor and the audit administrator only, within their scope's county.
import type { ListAuditQuery } from '@lianxin/contract';
import type { Db } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { verifyAuditChain } from '../../core/audit.js';
import { listAudit } from './audit.repository.js';

export function createAuditService(deps: { db: Db }) {
  const { db } = deps;

  async function list(actor: Actor, q: ListAuditQuery) {
    requireAction(actor, 'audit:read');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    // An auditor sees its county's records (and, at province scope, every county's).
    const { rows, total } = await listAudit(db, actor.scope.countyId, q, page, pageSize);
    return {
      page,
      pageSize,
      total,
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
