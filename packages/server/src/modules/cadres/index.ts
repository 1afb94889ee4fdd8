// 干部队伍与发展党员's front door: the cadre ledger and the 两委 structure, the reserve pool's life
// cycle, and member development (发展党员, a case type). Posts and people are read and written
// through the people service it is handed, never through its repository.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import type { PeopleService } from '../people/index.js';
import { cadresRoutes } from './cadres.routes.js';
import { firstSecretaryRoutes } from './first-secretaries.routes.js';
import type { FirstSecretaryService } from './first-secretaries.service.js';
import type { DevelopmentService } from './development.service.js';
import './development.case.js';

export { createDevelopmentService, type DevelopmentService } from './development.service.js';
export { createFirstSecretaryService, type FirstSecretaryService } from './first-secretaries.service.js';

/** app.ts builds the development service (the home page reads its items too) and hands it in. */
export const cadresModule: FastifyPluginAsync<{ db: Db; people: PeopleService; development: DevelopmentService }> = async (app, opts) => {
  await app.register(cadresRoutes, { db: opts.db, people: opts.people, development: opts.development });
};

/** 第一书记: the list, a page with the work log read from the records, the subsidy (app.ts builds the service from the readers). */
export const firstSecretariesModule: FastifyPluginAsync<{ firstSecretaries: FirstSecretaryService }> = async (app, opts) => {
  await app.register(firstSecretaryRoutes, opts);
};
