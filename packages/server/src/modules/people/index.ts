// 党员队伍's front door: the roster, posts and its Excel import and export.
import type { FastifyPluginAsync } from 'fastify';
import type { Db, Queryable } from '../../db/db.js';
import type { PiiCipher } from '../../core/pii.js';
import type { PeopleService } from './people.service.js';
import { peopleRoutes } from './people.routes.js';
import { peopleExcelRoutes } from './people-excel.routes.js';
import { membersForPoints } from './people.repository.js';

export { createPeopleService, type PeopleService } from './people.service.js';

// What other modules read of people without naming its tables: the people their records name
// (`personSql`, `postSql`: fragments of one statement, so a page stays one statement) and a few
// keyed look-ups. The caller has read the record that names the key in its scope.
export { personSql, postSql, currentStaffOf, activePersonOfCounty, countPeopleOfCounty, personInScope } from './people.repository.js';
// For the org tree: member counts, station staffing, an org's current posts, what hangs on an org, a moved subtree's paths.
export { memberCountsByOrg, stationStaffing, activePostsAt, movePeoplePaths, orgPeopleSql, type StaffingRow } from './people.repository.js';

export const peopleModule: FastifyPluginAsync<{ db: Db; pii: PiiCipher; people: PeopleService }> = async (app, opts) => {
  const { people } = opts;
  await app.register(peopleRoutes, { people });
  await app.register(peopleExcelRoutes, { db: opts.db, pii: opts.pii, people });
};

// For 党员积分 (the recognition module): the active Party members under a prefix with their branch.

export async function membersOf(q: Queryable, prefix: string): Promise<{ id: number; name: string; branch: { id: number; name: string; type: string; path: string } }[]> {
  return (await membersForPoints(q, prefix)).map((m) => ({ id: Number(m.id), name: m.name, branch: { id: Number(m.org_id), name: m.org_name, type: m.org_type, path: m.org_path } }));
}
