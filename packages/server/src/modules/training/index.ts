// 教育培训's front door: the course catalogue, sessions with attendance ticked from the target
// group's roster, 书记讲党课 and 三个讲一次, each person's record and coverage. People, posts, the
// reserve pool and member development come through the people and cadres services, 党课 meetings
// through organizational life's (app.ts hands them in).
import type { FastifyPluginAsync } from 'fastify';
import type { TrainingService } from './training.service.js';
import { trainingRoutes } from './training.routes.js';

export { createTrainingService, type TrainingService } from './training.service.js';

export const trainingModule: FastifyPluginAsync<{ training: TrainingService }> = async (app, opts) => {
  await app.register(trainingRoutes, opts);
};
