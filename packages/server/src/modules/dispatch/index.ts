// 两下两上's front door: directives down, reports up — the directive kind of the dispatch engine.
// The service is built by app.ts (main.ts issues recurring directives through it).
import type { FastifyPluginAsync } from 'fastify';
import type { DispatchService } from './dispatch.service.js';
import { dispatchRoutes } from './dispatch.routes.js';

export { createDispatchService, type DispatchService } from './dispatch.service.js';
export { requestSql } from './dispatch.repository.js';

export const dispatchModule: FastifyPluginAsync<{ dispatch: DispatchService }> = async (app, opts) => {
  await app.register(dispatchRoutes, opts);
};
