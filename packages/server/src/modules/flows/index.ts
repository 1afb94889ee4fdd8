// 小微权力's front door: the county's flows, matters run on the case engine, 失职预警, duty lists.
// Meetings are read through organizational life's service (handed in by app.ts), never its tables;
// the home page's items and the public unit page's sections are offered through core registries.
import type { FastifyPluginAsync } from 'fastify';
import type { FlowsService } from './flows.service.js';
import { flowsRoutes } from './flows.routes.js';
import './flow-matter.case.js';

export { createFlowsService, type FlowsService, type MeetingRef } from './flows.service.js';

export const flowsModule: FastifyPluginAsync<{ flows: FlowsService; publicRateLimit?: number }> = async (app, opts) => {
  await app.register(flowsRoutes, opts);
};
