// 服务群众's front door: citizens' requests (a case type), 吹哨报到 (a kind of the dispatch engine),
// 民情日记 and 联系卡, the public form, and the routes.
import type { FastifyPluginAsync } from 'fastify';
import type { Db, Queryable } from '../../db/db.js';
import type { PiiCipher } from '../../core/pii.js';
import type { Challenges } from '../../core/challenge.js';
import type { CallEngine } from '../../core/dispatch/calls.js';
import type { CaseEngine } from '../../core/cases/case-engine.js';
import type { PublicSections } from '../../core/public-sections.js';
import { createRequestService, type RequestService } from './requests.service.js';
import { createWhistleService } from './whistles.service.js';
import { createDiaryService } from './diary.service.js';
import { createCardService } from './cards.service.js';
import { citizenRoutes } from './citizens.routes.js';
import './requests.case.js';
import { REQUEST_CATEGORY_LABELS, type RequestCategory } from '@lianxin/contract';
import { gridDeedsForPoints, requestsHandledForPoints } from './citizens.repository.js';

export { createRequestService, type RequestService } from './requests.service.js';
export { citizenRequestSql } from './citizens.repository.js';
export { createWhistleService, type WhistleService } from './whistles.service.js';
export { createDiaryService, type DiaryService } from './diary.service.js';
export { createCardService, type CardService } from './cards.service.js';

export type CitizensModuleOptions = {
  db: Db; pii: PiiCipher; challenges: Challenges; calls: CallEngine; engine?: CaseEngine;
  publicRateLimit: { submit: number; lookup: number };
  /** what other modules show on a unit's public page (core/public-sections.ts) */
  publicSections?: PublicSections;
  /** the requests service, when app.ts built it (other modules read its statistics) */
  requests?: RequestService;
};

export const citizensModule: FastifyPluginAsync<CitizensModuleOptions> = async (app, opts) => {
  const { db, pii, challenges, calls, engine } = opts;
  const requests = opts.requests ?? createRequestService({ db, pii, challenges, engine, publicSections: opts.publicSections });
  await app.register(citizenRoutes, {
    requests,
    whistles: createWhistleService({ db, calls }),
    diary: createDiaryService({ db, requests }),
    cards: createCardService({ db, pii }),
    challenges,
    publicRateLimit: opts.publicRateLimit,
  });
};

// For 党员积分 (the recognition module): 双报到 grid deeds and requests resolved, per member under a prefix, in a year.

export async function gridDeedsOf(q: Queryable, prefix: string, year: number): Promise<{ personId: number; recordId: number; on: string; label: string }[]> {
  return (await gridDeedsForPoints(q, prefix, year)).map((r) => ({ personId: Number(r.person_id), recordId: Number(r.id), on: r.done_on, label: `双报到·网格服务：${r.description.slice(0, 60)}` }));
}

export async function requestsHandledOf(q: Queryable, prefix: string, year: number): Promise<{ personId: number; recordId: number; on: string; label: string }[]> {
  return (await requestsHandledForPoints(q, prefix, year)).map((r) => ({
    personId: Number(r.person_id), recordId: Number(r.id), on: r.resolved_on, label: `办结群众事项（${REQUEST_CATEGORY_LABELS[r.category as RequestCategory]?.zh ?? r.category}）#${r.id}`,
  }));
}
