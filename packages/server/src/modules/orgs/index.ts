// 组织架构's front door: the org tree's writes and pages. Other modules read the tree through
// core/org-tree.ts, never through this module's repository.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import type { SessionInvalidation } from '../auth/index.js';
import { createOrgService } from './orgs.service.js';
import { orgRoutes } from './orgs.routes.js';

export { createOrgService, type OrgService } from './orgs.service.js';

export const orgsModule: FastifyPluginAsync<{ db: Db; sessions: SessionInvalidation }> = async (app, opts) => {
  await app.register(orgRoutes, { orgs: createOrgService(opts) });
};
