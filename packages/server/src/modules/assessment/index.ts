// 考核评分's front door: indicator schemes, score sheets (a case type), results and the village
// cadres' allowances. It reads the cadres through the people service it is handed, never their tables.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import { createAssessmentService, type CadreSource } from './assessment.service.js';
import { assessmentRoutes } from './assessment.routes.js';
import './sheets.case.js';

export { createAssessmentService, type AssessmentService } from './assessment.service.js';
export { LONGJIANG_TEMPLATE } from './scheme.template.js';

export const assessmentModule: FastifyPluginAsync<{ db: Db; people: CadreSource }> = async (app, opts) => {
  await app.register(assessmentRoutes, { assessment: createAssessmentService({ db: opts.db, people: opts.people }) });
};
