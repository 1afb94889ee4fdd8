import type { TypedApp } from '../../core/http.js';
import {
  AuditPage,
  ChainCheck,
  ListAuditQuery,
} from '@lianxin/contract';
import type { AuditService } from './audit.service.js';

export async function auditRoutes(app: TypedApp, opts: { audit: AuditService }) {
  app.get(
    '/api/audit',
    { schema: { tags: ['audit'], summary: '审计日志（仅审计员、审计管理员）', querystring: ListAuditQuery, response: { 200: AuditPage } }, config: { policy: 'audit:read' } },
    async (request) => opts.audit.list(request.actor!, request.query),
  );
  app.get(
    '/api/audit/verify',
    {
      schema: { tags: ['audit'], summary: '校验审计日志哈希链', response: { 200: ChainCheck } },
      config: { policy: 'audit:read' },
    },
    async (request) => opts.audit.verify(request.actor!),
  );
}
