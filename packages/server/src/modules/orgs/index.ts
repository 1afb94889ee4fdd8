// 组织架构's front door: the org tree's writes and pages. Other modules read the tree through
// core/org-tree.ts, never through this module's repository.
import type { FastifyPluginAsync } from 'fastify';
import type { OrgService } from './orgs.service.js';
import { orgRoutes } from './orgs.routes.js';

export { createOrgService, type OrgService } from './orgs.service.js';
export { designationSql } from './orgs.repository.js';

export const orgsModule: FastifyPluginAsync<{ orgs: OrgService }> = async (app, opts) => {
  await app.register(orgRoutes, { orgs: opts.orgs });
};
