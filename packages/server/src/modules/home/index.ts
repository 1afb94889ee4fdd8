// 工作台's front door: today's items and the to-do counts, read from the modules' records; who
// checks a submitted problem is asked of the ledger.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import type { LedgerService } from '../ledger/index.js';
import type { TodaySources } from '../../core/today-sources.js';
import { createHomeService } from './home.service.js';
import { homeRoutes } from './home.routes.js';

export { createHomeService, type HomeService } from './home.service.js';

export const homeModule: FastifyPluginAsync<{ db: Db; ledger: Pick<LedgerService, 'problemsToCheck'>; sources?: TodaySources }> = async (app, opts) => {
  await app.register(homeRoutes, { home: createHomeService(opts) });
};
