// 表彰激励's front door (recognition): 星级化管理 — the annual star rating of the village cadres
// (seed 001). It reads the cadres through the people service it is handed and the villages' annual
// results through the assessment module's front door; never their tables.
//
// Why a module of its own rather than more of assessment: assessment scores units (schemes, sheets,
// results); recognition rates and honours people and branches on top of those results (stars now;
// branch stars, member points and designations are the same kind of thing), with its own
// permission namespace (recognition:*) so a county can give the township the rating step alone.
import type { FastifyPluginAsync } from 'fastify';
import type { StarService } from './stars.service.js';
import { starRoutes } from './stars.routes.js';
import type { PointsService } from './points.service.js';
import { pointRoutes } from './points.routes.js';
import type { DesignationService } from './designations.service.js';
import { designationRoutes } from './designations.routes.js';
import './designations.case.js';
import type { ConsequenceService } from './consequences.service.js';
import { consequenceRoutes } from './consequences.routes.js';

export { createStarService, type StarService, type StarCadreSource } from './stars.service.js';
export { createPointsService, type PointsService } from './points.service.js';
export { createDesignationService, type DesignationService, type DesignationSources } from './designations.service.js';
export { createConsequenceService, type ConsequenceService } from './consequences.service.js';

// 党支部积星·党员积分: the records that earn points are read through the people, orglife, training
// and citizens front doors (points.service.ts); nothing computed is stored.
//
// 称号认定 (四创建四争当, 示范点, 示范户): a case type; members through the people service and the
// stations' own designations through the orgs service, handed in as DesignationSources.
//
// 奖惩: consequences of results, each linked to the sheet, annual result or star row behind it.
export const recognitionModule: FastifyPluginAsync<{ stars: StarService; points: PointsService; designations: DesignationService; consequences: ConsequenceService }> = async (app, opts) => {
  await app.register(starRoutes, { stars: opts.stars });
  await app.register(pointRoutes, { points: opts.points });
  await app.register(designationRoutes, { designations: opts.designations });
  await app.register(consequenceRoutes, { consequences: opts.consequences });
};
