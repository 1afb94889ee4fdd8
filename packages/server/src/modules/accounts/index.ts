// 账号管理's front door: accounts, their roles and scope (三员分立), and `insertAccount`, which
// fixtures and the first start use to make an account.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import type { SessionInvalidation } from '../auth/index.js';
import { createAccountService } from './accounts.service.js';
import { accountRoutes } from './accounts.routes.js';

export { createAccountService, checkRoleSet, PRIVILEGED_ROLES, type AccountService } from './accounts.service.js';
export { insertAccount, accountsLinkedTo } from './accounts.repository.js';

export const accountsModule: FastifyPluginAsync<{ db: Db; sessions: SessionInvalidation }> = async (app, opts) => {
  await app.register(accountRoutes, { accounts: createAccountService(opts) });
};
