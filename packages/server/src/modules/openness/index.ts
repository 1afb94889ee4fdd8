// 三务公开's front door: disclosures with the county's disclosure day, the public disclosure page and
// the unit page's section, village finance audits (findings become problems through the ledger's
// front door), and the registers filled from sources other modules register (core/register-sources.ts).
import type { FastifyPluginAsync } from 'fastify';
import type { PdfFont } from '../../core/pdf.js';
import type { OpennessService } from './openness.service.js';
import { opennessRoutes } from './openness.routes.js';

export { createOpennessService, type OpennessService } from './openness.service.js';

export const opennessModule: FastifyPluginAsync<{ openness: OpennessService; publicRateLimit: number; pdfFont?: PdfFont }> = async (app, opts) => {
  await app.register(opennessRoutes, opts);
};
