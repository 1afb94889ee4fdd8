// 项目化推进 routes: thin — schema, policy, one service call. Who may fire each step is the
// workflow's; the monthly reports are answered on the dispatch engine's own routes (the inbox).
import {
  AddMilestoneBody,
  ClaimRoleBody,
  ProjectFile,
  CreateProjectBody,
  ExcellentBody,
  FileDownload,
  FireProjectBody,
  IdAndAttachmentParams,
  IdParams,
  LinkProjectBody,
  MilestoneDoneBody,
  ProjectMilestoneParams,
  ProjectTransitionParams,
  ProjectBoard,
  ProjectBoardQuery,
  ProjectDetail,
  ProjectListQuery,
  ProjectMatrix,
  ProjectMatrixQuery,
  ProjectPage,
  ProjectSettings,
  UpdateProjectBody,
} from '@lianxin/contract';
import type { FastifyReply } from 'fastify';
import { sendKept } from '../../core/kept-answers.js';
import type { TypedApp } from '../../core/http.js';
import { AppError } from '../../core/errors.js';
import { contentDisposition } from '../../core/file-type.js';
import { receiveUpload } from '../../core/upload.js';
import type { ProjectService } from './projects.service.js';

const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export async function projectRoutes(app: TypedApp, opts: { projects: ProjectService }) {
  const { projects } = opts;
  const tags = ['projects'];

  app.get(
    '/api/projects',
    { schema: { tags, summary: '党建项目清单（按年度、方面、分项、状态、单位、是否帮扶项目筛选，分页）', querystring: ProjectListQuery, response: { 200: ProjectPage } }, config: { policy: 'project:read' } },
    async (request) => projects.list(request.actor!, request.query),
  );

  app.post(
    '/api/projects',
    { schema: { tags, summary: '申报党建项目（方面×分项、承担单位、牵头领办、具体承办、路线图、预算）', body: CreateProjectBody, response: { 201: ProjectDetail } }, config: { policy: 'project:write' } },
    async (request, reply) => reply.status(201).send(await projects.create(request.actor!, request.body)),
  );

  app.get(
    '/api/projects/board',
    { schema: { tags, summary: '项目推进看板：迟报月报告、逾期节点（逐级汇总，下钻到项目）', querystring: ProjectBoardQuery, response: { 200: ProjectBoard } }, config: { policy: 'project:read' } },
    async (request, reply) => {
      // the kept bytes, serialized once by this route's own schema (core/kept-answers.ts), sent past the typed reply
      const answer = await projects.boardAnswer(request.actor!, request.query, (board) => reply.serialize(board) as string);
      return sendKept(request, reply as FastifyReply, answer);
    },
  );

  app.get(
    '/api/projects/matrix',
    { schema: { tags, summary: '三个方面 × 三个分项项目数（每格下钻到清单）', querystring: ProjectMatrixQuery, response: { 200: ProjectMatrix } }, config: { policy: 'project:read' } },
    async (request) => projects.matrix(request.actor!, request.query),
  );

  app.get(
    '/api/projects/settings',
    { schema: { tags, summary: '本县项目月报告日', response: { 200: ProjectSettings } }, config: { policy: 'project:read' } },
    async (request) => projects.settings(request.actor!),
  );

  app.put(
    '/api/projects/settings',
    { schema: { tags, summary: '设置本县项目月报告日（每月 1–28 日）', body: ProjectSettings, response: { 200: ProjectSettings } }, config: { policy: 'project:configure' } },
    async (request) => projects.saveSettings(request.actor!, request.body),
  );

  app.get(
    '/api/projects/:id',
    { schema: { tags, summary: '项目详情：路线图、月报告、附件、关联督查问责、办理记录', params: IdParams, response: { 200: ProjectDetail } }, config: { policy: 'project:read' } },
    async (request) => projects.detail(request.actor!, request.params.id),
  );

  app.patch(
    '/api/projects/:id',
    { schema: { tags, summary: '修改项目计划（年终交账前）', params: IdParams, body: UpdateProjectBody, response: { 200: ProjectDetail } }, config: { policy: 'project:write' } },
    async (request) => projects.update(request.actor!, request.params.id, request.body),
  );

  app.post(
    '/api/projects/:id/transitions/:transition',
    { schema: { tags, summary: '办理环节：评审、立项、退回、开始推进、年终交账、考评销号或结转下年', params: ProjectTransitionParams, body: FireProjectBody, response: { 200: ProjectDetail } }, config: { policy: 'project:read' } },
    async (request) => projects.fire(request.actor!, request.params.id, request.params.transition, request.body),
  );

  app.post(
    '/api/projects/:id/milestones',
    { schema: { tags, summary: '增加路线图节点（日期在项目年度内）', params: IdParams, body: AddMilestoneBody, response: { 200: ProjectDetail } }, config: { policy: 'project:write' } },
    async (request) => projects.addMilestone(request.actor!, request.params.id, request.body),
  );

  app.post(
    '/api/projects/:id/milestones/:milestoneId/done',
    { schema: { tags, summary: '记录节点完成（日期、完成情况）', params: ProjectMilestoneParams, body: MilestoneDoneBody, response: { 200: ProjectDetail } }, config: { policy: 'project:write' } },
    async (request) => projects.milestoneDone(request.actor!, request.params.id, request.params.milestoneId, request.body),
  );

  app.post(
    '/api/projects/:id/members',
    { schema: { tags, summary: '党员认岗照办', params: IdParams, body: ClaimRoleBody, response: { 200: ProjectDetail } }, config: { policy: 'project:write' } },
    async (request) => projects.claimRole(request.actor!, request.params.id, request.body),
  );

  app.post(
    '/api/projects/:id/links',
    { schema: { tags, summary: '关联季督查或问责记录', params: IdParams, body: LinkProjectBody, response: { 200: ProjectDetail } }, config: { policy: 'project:read' } },
    async (request) => projects.link(request.actor!, request.params.id, request.body),
  );

  app.post(
    '/api/projects/:id/excellent',
    { schema: { tags, summary: '评选优秀党建服务项目（年终考评后）', params: IdParams, body: ExcellentBody, response: { 200: ProjectDetail } }, config: { policy: 'project:configure' } },
    async (request) => projects.setExcellent(request.actor!, request.params.id, request.body),
  );

  app.post(
    '/api/projects/:id/attachments',
    {
      schema: { tags, summary: '上传项目附件（图片、PDF、Word、Excel，10 MB 以内）', params: IdParams, consumes: ['multipart/form-data'], response: { 201: ProjectFile } },
      config: { policy: 'project:write' },
    },
    async (request, reply) => {
      const { fileName, mimeType, content } = await receiveUpload(request, { maxBytes: MAX_ATTACHMENT_BYTES });
      const id = await projects.attach(request.actor!, request.params.id, { fileName, mimeType, content });
      const row = (await projects.detail(request.actor!, request.params.id)).files.find((f) => f.id === id);
      if (!row) throw new AppError('not_found');
      return reply.status(201).send(row);
    },
  );

  app.get(
    '/api/projects/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载项目附件（图片、PDF 可直接显示）', params: IdAndAttachmentParams, response: { 200: FileDownload } }, config: { policy: 'project:read' } },
    async (request, reply) => {
      const f = await projects.attachment(request.actor!, request.params.id, request.params.attachmentId);
      const inline = f.mimeType.startsWith('image/') || f.mimeType === 'application/pdf';
      reply.header('Content-Type', f.mimeType);
      reply.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', f.fileName));
      reply.header('Cache-Control', 'private, max-age=300');
      return reply.send(f.content);
    },
  );
}
