// 健康检查's front door: the liveness and readiness routes.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import { healthRoutes } from './health.routes.js';

export const healthModule: FastifyPluginAsync<{ db: Db }> = async (app, opts) => {
  await app.register(healthRoutes, opts);
};
