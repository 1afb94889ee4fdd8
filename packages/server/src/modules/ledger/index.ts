// 问题台账's front door: the ledger service (other modules turn findings into problems and ask
// who checks what through it), the problem case type's registration, and the routes.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import type { LedgerService } from './ledger.service.js';
import { ledgerRoutes } from './ledger.routes.js';
import './problems.case.js';

export { createLedgerService, type LedgerService } from './ledger.service.js';
export { problemSql } from './ledger.repository.js';
export { signerFor, defaultCheckerRole, awaitsCheckBy, problemWorkflow } from './ledger.workflow.js';

export const ledgerModule: FastifyPluginAsync<{ db: Db; ledger: LedgerService }> = async (app, opts) => {
  await app.register(ledgerRoutes, opts);
};
