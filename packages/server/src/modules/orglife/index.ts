// 组织生活's front door: meeting rules, meeting records, 主题党日 filings and 工作会商 (case types),
// sit-ins, the minutes book and "who is behind"; 民主评议党员, 述职评议 sessions and 调查研究
// rounds (a case type). The roster to tick and the secretaries who report are read through the
// people module's service (handed in as readers), never its tables; the home page's items are
// offered through core/today-sources.ts; what assessment computes from appraisals, ratings and
// research rounds is offered by `AppraisalService.assessmentBasis`.
import type { FastifyPluginAsync } from 'fastify';
import type { Db, Queryable } from '../../db/db.js';
import type { OrglifeService } from './orglife.service.js';
import type { AppraisalService } from './appraisal.service.js';
import { orglifeRoutes } from './orglife.routes.js';
import type { PdfFont } from '../../core/pdf.js';
import { appraisalRoutes } from './appraisal.routes.js';
import './consultation.case.js';
import './theme-day.case.js';
import './research.case.js';
import { DEFAULT_MEETING_TYPES } from '@lianxin/contract';
import { meetingsForPoints } from './orglife.repository.js';

export { createOrglifeService, type OrglifeService } from './orglife.service.js';
export { meetingSql } from './orglife.repository.js';
export { createAppraisalService, type AppraisalService, type PostReader } from './appraisal.service.js';
export type { PartyGroupKeeper, RosterReader, VisitWriter } from './orglife.service.js';

export const orglifeModule: FastifyPluginAsync<{ db: Db; orglife: OrglifeService; appraisal: AppraisalService; pdfFont?: PdfFont }> = async (app, opts) => {
  await app.register(orglifeRoutes, opts);
  await app.register(appraisalRoutes, { appraisal: opts.appraisal });
};

// For 党员积分 (the recognition module): the meetings held under a prefix in a year, each with its
// branch and the members ticked present (a member's 组织生活 points, a branch's meetings held).

export async function meetingsHeldOf(q: Queryable, prefix: string, year: number): Promise<{ id: number; orgId: number; on: string; label: string; present: number[] }[]> {
  const names = new Map(DEFAULT_MEETING_TYPES.map((t) => [t.code, t.name]));
  return (await meetingsForPoints(q, prefix, year)).map((m) => {
    const type = names.get(m.type_code) ?? m.type_code;
    // a topic that already names its type ("党课：坚定理想信念…") is not prefixed twice
    const label = m.topic.startsWith(type) ? m.topic : `${type}：${m.topic}`;
    return { id: Number(m.id), orgId: Number(m.org_id), on: m.held_on, label, present: m.present.map(Number) };
  });
}
