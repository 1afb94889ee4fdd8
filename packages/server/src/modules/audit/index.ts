// 审计日志's front door: reading the audit log (writing it is core/audit.ts, for every module).
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import { createAuditService } from './audit.service.js';
import { auditRoutes } from './audit.routes.js';

export { createAuditService, type AuditService } from './audit.service.js';

export const auditModule: FastifyPluginAsync<{ db: Db }> = async (app, opts) => {
  await app.register(auditRoutes, { audit: createAuditService(opts) });
};
