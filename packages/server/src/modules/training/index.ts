// 教育培训's front door: the course catalogue, sessions with attendance ticked from the target
// group's roster, 书记讲党课 and 三个讲一次, each person's record and coverage. People, posts, the
// reserve pool and member development come through the people and cadres services, 党课 meetings
// through organizational life's (app.ts hands them in).
import type { FastifyPluginAsync } from 'fastify';
import type { TrainingService } from './training.service.js';
import { trainingRoutes } from './training.routes.js';
import type { Queryable } from '../../db/db.js';
import { attendanceForPoints } from './training.repository.js';

export { createTrainingService, type TrainingService } from './training.service.js';

export const trainingModule: FastifyPluginAsync<{ training: TrainingService }> = async (app, opts) => {
  await app.register(trainingRoutes, opts);
};

// For 党员积分 (the recognition module): who under a prefix attended which training session in a year.

export async function trainingAttendedOf(q: Queryable, prefix: string, year: number): Promise<{ personId: number; recordId: number; on: string; label: string }[]> {
  return (await attendanceForPoints(q, prefix, year)).map((r) => ({ personId: Number(r.person_id), recordId: Number(r.session_id), on: r.held_on, label: `参加培训：${r.topic}` }));
}
