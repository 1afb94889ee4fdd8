// 经费、报酬、表彰与阵地's front door (issue 17): fund standards, allocations and spending, each
// post-holder's allowance (posts read through the people service, the standards through the
// assessment module's front door), the former-cadre allowance, awards; facility checklists,
// venues and duty rosters — who is on duty now is offered to the public unit page through
// core/public-sections.ts (app.ts registers it).
import type { FastifyPluginAsync } from 'fastify';
import type { FundsService } from './funds.service.js';
import type { FacilitiesService } from './facilities.service.js';
import { fundsRoutes } from './funds.routes.js';

export { createFundsService, type FundsService, type PostSpanSource } from './funds.service.js';
export { createFacilitiesService, type FacilitiesService, type DutyPeopleSource } from './facilities.service.js';

export const fundsModule: FastifyPluginAsync<{ funds: FundsService; facilities: FacilitiesService }> = async (app, opts) => {
  await app.register(fundsRoutes, opts);
};
