// 账号管理's front door: accounts, their roles and scope (三员分立), `insertAccount`, which
// fixtures and the first start use to make an account, and the link of a work account to the
// person who uses it (the county's organization department keeps it; persons via the people service).
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import type { SessionInvalidation } from '../auth/index.js';
import { createAccountService } from './accounts.service.js';
import { accountRoutes } from './accounts.routes.js';
import { accountLinkRoutes } from './account-links.routes.js';
import { createAccountLinkService } from './account-links.service.js';
import type { PeopleService } from '../people/index.js';

export { createAccountLinkService, type AccountLinkService } from './account-links.service.js';
export { createAccountService, checkRoleSet, PRIVILEGED_ROLES, type AccountService } from './accounts.service.js';
export { insertAccount, accountsLinkedTo, accountsOfPerson } from './accounts.repository.js';

export const accountsModule: FastifyPluginAsync<{ db: Db; sessions: SessionInvalidation; people: Pick<PeopleService, 'personForDevelopment' | 'personNames'> }> = async (app, opts) => {
  await app.register(accountRoutes, { accounts: createAccountService(opts) });
  await app.register(accountLinkRoutes, { links: createAccountLinkService(opts) });
};
