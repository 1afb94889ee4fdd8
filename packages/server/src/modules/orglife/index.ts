// 组织生活's front door: meeting rules, meeting records, 主题党日 filings and 工作会商 (case types),
// sit-ins, the minutes book and "who is behind". The roster to tick is read through the people
// module's service (handed in as a reader), never its tables; the home page's items are offered
// through core/today-sources.ts.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import type { OrglifeService } from './orglife.service.js';
import { orglifeRoutes } from './orglife.routes.js';
import './consultation.case.js';
import './theme-day.case.js';

export { createOrglifeService, type OrglifeService } from './orglife.service.js';

export const orglifeModule: FastifyPluginAsync<{ db: Db; orglife: OrglifeService }> = async (app, opts) => {
  await app.register(orglifeRoutes, opts);
};
