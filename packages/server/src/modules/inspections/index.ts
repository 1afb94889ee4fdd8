// 督查问责's front door: inspections and findings (a finding becomes a ledger problem through the
// ledger's front door), bulletins (a kind of the dispatch engine), accountability records.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import type { CallEngine } from '../../core/dispatch/calls.js';
import type { LedgerService } from '../ledger/index.js';
import { createInspectionService } from './inspections.service.js';
import { inspectionRoutes } from './inspections.routes.js';

export { createInspectionService, type InspectionService } from './inspections.service.js';
export { findingSql } from './inspections.repository.js';

export const inspectionsModule: FastifyPluginAsync<{ db: Db; ledger: LedgerService; calls: CallEngine }> = async (app, opts) => {
  await app.register(inspectionRoutes, { inspections: createInspectionService(opts) });
};
