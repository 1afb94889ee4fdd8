// 党员队伍's front door: the roster, posts and its Excel import and export.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import type { PiiCipher } from '../../core/pii.js';
import type { PeopleService } from './people.service.js';
import { peopleRoutes } from './people.routes.js';
import { peopleExcelRoutes } from './people-excel.routes.js';

export { createPeopleService, type PeopleService } from './people.service.js';

export const peopleModule: FastifyPluginAsync<{ db: Db; pii: PiiCipher; people: PeopleService }> = async (app, opts) => {
  const { people } = opts;
  await app.register(peopleRoutes, { people });
  await app.register(peopleExcelRoutes, { db: opts.db, pii: opts.pii, people });
};
