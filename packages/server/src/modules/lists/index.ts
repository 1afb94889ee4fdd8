// 三个清单's front door: task lists, the task case type's registration, and the routes.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import type { CaseEngine } from '../../core/cases/case-engine.js';
import { createListsService } from './lists.service.js';
import { listsRoutes } from './lists.routes.js';
import './tasks.case.js';

export { createListsService, type ListsService } from './lists.service.js';

export const listsModule: FastifyPluginAsync<{ db: Db; engine?: CaseEngine }> = async (app, opts) => {
  await app.register(listsRoutes, { lists: createListsService(opts) });
};
