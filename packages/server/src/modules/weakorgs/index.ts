// 软弱涣散整顿's front door: the signals from other modules' records (read through their services,
// handed in from app.ts), the case type, and the routes.
import type { FastifyPluginAsync } from 'fastify';
import type { WeakOrgService } from './weakorgs.service.js';
import { weakOrgRoutes } from './weakorgs.routes.js';
import './weakorgs.case.js';

export { createWeakOrgService, signalSourcesFrom, type WeakOrgService, type WeakSignalSources } from './weakorgs.service.js';

export const weakOrgsModule: FastifyPluginAsync<{ weakOrgs: WeakOrgService }> = async (app, opts) => {
  await app.register(weakOrgRoutes, opts);
};
