// 评议与调研 routes: thin — schema, policy, one service call.
import type { TypedApp } from '../../core/http.js';
import {
  AppraisalBatch,
  AppraisalPage,
  AppraisalResults,
  AppraisalResultsQuery,
  AppraisalView,
  BallotBody,
  CorrectAppraisalBody,
  Created,
  FileDownload,
  FireResearchBody,
  FollowupBody,
  GradeMembersBody,
  IdAndAttachmentParams,
  IdParams,
  ListAppraisalsQuery,
  ListResearchQuery,
  ListSessionsQuery,
  OpenSessionBody,
  UpdateSessionBody,
  PlanResearchBody,
  ReporterCandidates,
  ResearchBoard,
  ResearchBoardQuery,
  ResearchPage,
  ResearchTransitionParams,
  ResearchView,
  ResearchFile,
  SessionPage,
  SessionView,
} from '@lianxin/contract';
import { contentDisposition } from '../../core/file-type.js';
import { receiveUpload } from '../../core/upload.js';
import type { AppraisalService } from './appraisal.service.js';

const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export async function appraisalRoutes(app: TypedApp, opts: { appraisal: AppraisalService }) {
  const { appraisal } = opts;
  const tags = ['orglife'];

  // ---- 民主评议党员
  app.post('/api/orglife/appraisals',
    { schema: { tags, summary: '民主评议党员：支部录入本年度党员等次（每人每年一次）', body: GradeMembersBody, response: { 201: AppraisalBatch } }, config: { policy: 'orglife:record' } },
    async (request, reply) => reply.status(201).send({ appraisals: await appraisal.gradeMembers(request.actor!, request.body) }));
  app.get('/api/orglife/appraisals',
    { schema: { tags, summary: '民主评议党员等次（按单位、年度、等次、帮教未结，分页）', querystring: ListAppraisalsQuery, response: { 200: AppraisalPage } }, config: { policy: 'orglife:read' } },
    async (request) => appraisal.appraisals(request.actor!, request.query));
  app.get('/api/orglife/appraisals/:id',
    { schema: { tags, summary: '一名党员的评议等次', params: IdParams, response: { 200: AppraisalView } }, config: { policy: 'orglife:read' } },
    async (request) => appraisal.appraisal(request.actor!, request.params.id));
  app.patch('/api/orglife/appraisals/:id',
    { schema: { tags, summary: '更正评议等次（写明理由，留痕）', params: IdParams, body: CorrectAppraisalBody, response: { 200: AppraisalView } }, config: { policy: 'orglife:record' } },
    async (request) => appraisal.correctAppraisal(request.actor!, request.params.id, request.body));
  app.put('/api/orglife/appraisals/:id/follow-up',
    { schema: { tags, summary: '基本合格、不合格党员的帮教、限期改正或处置', params: IdParams, body: FollowupBody, response: { 200: AppraisalView } }, config: { policy: 'orglife:record' } },
    async (request) => appraisal.saveFollowup(request.actor!, request.params.id, request.body));
  app.get('/api/orglife/appraisal-results',
    { schema: { tags, summary: '民主评议结果：按下级汇总（工作站→乡镇→全县），可下钻；支部的未评人员', querystring: AppraisalResultsQuery, response: { 200: AppraisalResults } }, config: { policy: 'orglife:read' } },
    async (request) => appraisal.appraisalResults(request.actor!, request.query));

  // ---- 述职评议
  app.get('/api/orglife/units/:id/reporters',
    { schema: { tags, summary: '可述职的下级党组织书记（按岗位）', params: IdParams, response: { 200: ReporterCandidates } }, config: { policy: 'orglife:read' } },
    async (request) => appraisal.reporterCandidates(request.actor!, request.params.id));
  app.post('/api/orglife/report-sessions',
    { schema: { tags, summary: '述职评议会（述职评议、双述双评、三述职两评议一落实）及述职人', body: OpenSessionBody, response: { 201: SessionView } }, config: { policy: 'orglife:record' } },
    async (request, reply) => {
      const id = await appraisal.openSession(request.actor!, request.body);
      return reply.status(201).send(await appraisal.session(request.actor!, id));
    });
  app.get('/api/orglife/report-sessions',
    { schema: { tags, summary: '述职评议会（新的在前，分页）', querystring: ListSessionsQuery, response: { 200: SessionPage } }, config: { policy: 'orglife:read' } },
    async (request) => appraisal.sessions(request.actor!, request.query));
  app.get('/api/orglife/report-sessions/:id',
    { schema: { tags, summary: '述职评议会详情：每位述职人的得票', params: IdParams, response: { 200: SessionView } }, config: { policy: 'orglife:read' } },
    async (request) => appraisal.session(request.actor!, request.params.id));
  app.put('/api/orglife/report-sessions/:id',
    { schema: { tags, summary: '修改述职评议会（日期、地点、述职人、参会人员），录入评议票之前', params: IdParams, body: UpdateSessionBody, response: { 200: SessionView } }, config: { policy: 'orglife:record' } },
    async (request) => appraisal.updateSession(request.actor!, request.params.id, request.body));
  app.post('/api/orglife/report-sessions/:id/ballots',
    { schema: { tags, summary: '录入一张评议票（好、较好、一般、差）', params: IdParams, body: BallotBody, response: { 201: SessionView } }, config: { policy: 'orglife:record' } },
    async (request, reply) => reply.status(201).send(await appraisal.castBallot(request.actor!, request.params.id, request.body)));

  // ---- 调查研究
  app.post('/api/orglife/research',
    { schema: { tags, summary: '工作站调查研究计划（主题、村、日期）', body: PlanResearchBody, response: { 201: ResearchView } }, config: { policy: 'orglife:record' } },
    async (request, reply) => {
      const id = await appraisal.planResearch(request.actor!, request.body);
      return reply.status(201).send(await appraisal.research(request.actor!, id));
    });
  app.get('/api/orglife/research',
    { schema: { tags, summary: '调查研究（按单位、年度、状态，分页）', querystring: ListResearchQuery, response: { 200: ResearchPage } }, config: { policy: 'orglife:read' } },
    async (request) => appraisal.researchList(request.actor!, request.query));
  app.get('/api/orglife/research/:id',
    { schema: { tags, summary: '调查研究详情：计划、报告、评定', params: IdParams, response: { 200: ResearchView } }, config: { policy: 'orglife:read' } },
    async (request) => appraisal.research(request.actor!, request.params.id));
  app.post('/api/orglife/research/:id/transitions/:transition',
    { schema: { tags, summary: '调研办理：提交报告、退回、评定', params: ResearchTransitionParams, body: FireResearchBody, response: { 200: ResearchView } }, config: { policy: 'orglife:record' } },
    async (request) => appraisal.fireResearch(request.actor!, request.params.id, request.params.transition, request.body));
  app.post('/api/orglife/research/:id/attachments',
    { schema: { tags, summary: '上传调研报告附件（图片、PDF、Word、Excel，10 MB 以内）', params: IdParams, consumes: ['multipart/form-data'], response: { 201: ResearchFile } }, config: { policy: 'orglife:record' } },
    async (request, reply) => {
      const { fileName, mimeType, content } = await receiveUpload(request, { maxBytes: MAX_ATTACHMENT_BYTES });
      const id = await appraisal.attachResearch(request.actor!, request.params.id, { fileName, mimeType, content });
      return reply.status(201).send({ id, fileName });
    });
  app.get('/api/orglife/research/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载调研报告附件', params: IdAndAttachmentParams, response: { 200: FileDownload } }, config: { policy: 'orglife:read' } },
    async (request, reply) => {
      const f = await appraisal.researchFile(request.actor!, request.params.id, request.params.attachmentId);
      const inline = f.mimeType.startsWith('image/') || f.mimeType === 'application/pdf';
      reply.header('Content-Type', f.mimeType);
      reply.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', f.fileName));
      reply.header('Cache-Control', 'private, max-age=300');
      return reply.send(f.content);
    });
  app.get('/api/orglife/research-board',
    { schema: { tags, summary: '调查研究完成情况：每个工作站每年至少 2 次', querystring: ResearchBoardQuery, response: { 200: ResearchBoard } }, config: { policy: 'orglife:read' } },
    async (request) => appraisal.researchBoard(request.actor!, request.query));
}
