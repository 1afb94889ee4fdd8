// 考核评分's front door: indicator schemes, score sheets (a case type), results and the village
// cadres' allowances. It reads the cadres through the people service it is handed, never their tables.
import type { FastifyPluginAsync } from 'fastify';
import type { AssessmentService } from './assessment.service.js';
import { assessmentRoutes } from './assessment.routes.js';
import './sheets.case.js';

export { createAssessmentService, type AssessmentService } from './assessment.service.js';
export { LONGJIANG_TEMPLATE } from './scheme.template.js';

/** app.ts builds the service (the home page reads its items too) and hands it in. */
export const assessmentModule: FastifyPluginAsync<{ assessment: AssessmentService }> = async (app, opts) => {
  await app.register(assessmentRoutes, { assessment: opts.assessment });
};
