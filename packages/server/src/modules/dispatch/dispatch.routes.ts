import type { TypedApp } from '../../core/http.js';
import {
  AssignmentList,
  AssignmentView,
  Board,
  DirectiveView,
  DispatchFile,
  DirectiveIssued,
  FanOutBody,
  FannedOut,
  FileDownload,
  FollowedDirectiveList,
  IdParams,
  InboxQuery,
  IssueDirectiveBody,
  NoContent,
  ReportBody,
  ReportPrefill,
  SentDirectiveList,
  SeriesActive,
  SeriesList,
  SeriesRow,
  ListPageQuery,
  DirectiveListQuery,
  SetSeriesActiveBody,
  VersionBody,
} from '@lianxin/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendKept } from '../../core/kept-answers.js';
import { contentDisposition } from '../../core/file-type.js';
import { receiveUpload } from '../../core/upload.js';
import type { DispatchService } from './dispatch.service.js';

/** Attachments of directives and reports: images, PDF, Word, Excel, 10 MB each. */
export const MAX_DISPATCH_FILE_BYTES = 10 * 1024 * 1024;

async function receiveFile(request: FastifyRequest) {
  const { fileName, mimeType, content } = await receiveUpload(request, { maxBytes: MAX_DISPATCH_FILE_BYTES });
  return { fileName, mimeType, content };
}


export async function dispatchRoutes(app: TypedApp, opts: { dispatch: DispatchService }) {
  const { dispatch } = opts;
  const tags = ['dispatch'];

  app.post(
    '/api/directives',
    {
      schema: {
        tags,
        summary: '下发：向下级（指定组织，或全部工作站/村）下发任务、报告要求或信息报送表，可设为每周/月/季/年定期下发',
        body: IssueDirectiveBody,
        response: { 201: DirectiveIssued },
      },
      config: { policy: 'dispatch:issue' },
    },
    async (request, reply) => reply.status(201).send(await dispatch.issue(request.actor!, request.body)),
  );

  app.get(
    '/api/directives/sent',
    {
      schema: {
        tags,
        summary: '本单位下发的任务（含上报进度；新的在前，分页）：按标题查找、按类别与状态筛选，counts 为按状态的条数',
        querystring: DirectiveListQuery,
        response: {
          200: SentDirectiveList,
        },
      },
      config: { policy: 'dispatch:read' },
    },
    async (request) => dispatch.sent(request.actor!, request.query),
  );

  app.get(
    '/api/directives/following',
    {
      schema: {
        tags,
        summary: '下级收到的任务：上级下发到本单位以下组织的任务，只统计本单位以下的接收单位（看板同样只显示这一部分）；新的在前，分页；按标题查找、按类别与状态筛选，counts 为按状态的条数',
        querystring: DirectiveListQuery,
        response: {
          200: FollowedDirectiveList,
        },
      },
      config: { policy: 'dispatch:read' },
    },
    async (request) => dispatch.following(request.actor!, request.query),
  );

  app.get(
    '/api/directives/series',
    {
      schema: {
        tags,
        summary: '定期下发（周、月、季、年）；先设的在前，分页',
        querystring: ListPageQuery,
        response: { 200: SeriesList },
      },
      config: { policy: 'dispatch:read' },
    },
    async (request) => dispatch.series(request.actor!, request.query),
  );

  app.get(
    '/api/directives/series/:id',
    { schema: { tags, summary: '一项定期下发（可见范围同列表）', params: IdParams, response: { 200: SeriesRow } }, config: { policy: 'dispatch:read' } },
    async (request) => dispatch.oneSeries(request.actor!, request.params.id),
  );

  app.patch(
    '/api/directives/series/:id',
    {
      schema: {
        tags,
        summary: '停止或恢复定期下发（仅下发单位）',
        params: IdParams,
        body: SetSeriesActiveBody,
        response: { 200: SeriesActive },
      },
      config: { policy: 'dispatch:issue' },
    },
    async (request) => dispatch.setSeriesActive(request.actor!, request.params.id, request.body.active),
  );

  // The collection's own record (every collection has its GET /…/{id}); the board adds the progress.
  app.get(
    '/api/directives/:id',
    { schema: { tags, summary: '下发的任务（标题、内容、期限、表单、附件）；进度见 /board', params: IdParams, response: { 200: DirectiveView } }, config: { policy: 'dispatch:read' } },
    async (request) => (await dispatch.board(request.actor!, request.params.id)).directive,
  );

  app.get(
    '/api/directives/:id/board',
    { schema: { tags, summary: '进度看板：谁已上报、谁逾期、汇总数字（含下一级分解）', params: IdParams, response: { 200: Board } }, config: { policy: 'dispatch:read' } },
    async (request, reply) => {
      // the kept bytes, serialized once by this route's own schema (core/kept-answers.ts), sent past the typed reply
      const answer = await dispatch.boardAnswer(request.actor!, request.params.id, (board) => reply.serialize(board) as string);
      return sendKept(request, reply as FastifyReply, answer);
    },
  );

  app.post(
    '/api/directives/:id/close',
    {
      schema: { tags, summary: '截止（不再接收上报）', params: IdParams, body: VersionBody, response: { 204: NoContent } },
      config: { policy: 'dispatch:report' },
    },
    async (request, reply) => {
      await dispatch.close(request.actor!, request.params.id, request.body.version);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/inbox',
    {
      schema: { tags, summary: '待办：本单位收到、需要上报的任务（待上报的在前、期限近的在前，分页）', querystring: InboxQuery, response: { 200: AssignmentList } },
      config: { policy: 'dispatch:read' },
    },
    async (request) => dispatch.inbox(request.actor!, request.query),
  );

  app.get(
    '/api/assignments/:id',
    { schema: { tags, summary: '一项收到的任务及其上报', params: IdParams, response: { 200: AssignmentView } }, config: { policy: 'dispatch:read' } },
    async (request) => dispatch.assignment(request.actor!, request.params.id),
  );

  app.post(
    '/api/assignments/:id/fan-out',
    {
      schema: { tags, summary: '分解下发：把收到的任务分解给所辖村（社区）', params: IdParams, body: FanOutBody, response: { 201: FannedOut } },
      config: { policy: 'dispatch:report' },
    },
    async (request, reply) => reply.status(201).send(await dispatch.fanOut(request.actor!, request.params.id, request.body)),
  );

  app.get(
    '/api/assignments/:id/compile',
    {
      schema: {
        tags,
        summary: '汇总：按下级上报预填本单位的上报（可修改后提交）',
        params: IdParams,
        response: { 200: ReportPrefill },
      },
      config: { policy: 'dispatch:read' },
    },
    async (request) => dispatch.compile(request.actor!, request.params.id),
  );

  app.post(
    '/api/directives/:id/attachments',
    {
      schema: { tags, summary: '为下发的任务上传附件（通知原文、表格模板；图片、PDF、Word、Excel，10 MB 以内）', params: IdParams, consumes: ['multipart/form-data'], response: { 201: DispatchFile } },
      config: { policy: 'dispatch:report' },
    },
    async (request, reply) => reply.status(201).send(await dispatch.attach(request.actor!, { directiveId: request.params.id }, await receiveFile(request))),
  );

  app.post(
    '/api/assignments/:id/attachments',
    {
      schema: { tags, summary: '为上报上传附件（照片、签到表等；图片、PDF、Word、Excel，10 MB 以内）', params: IdParams, consumes: ['multipart/form-data'], response: { 201: DispatchFile } },
      config: { policy: 'dispatch:report' },
    },
    async (request, reply) => reply.status(201).send(await dispatch.attach(request.actor!, { assignmentId: request.params.id }, await receiveFile(request))),
  );

  app.get(
    '/api/dispatch-files/:id',
    { schema: { tags, summary: '下载下发或上报的附件（图片、PDF 可直接显示）', params: IdParams, response: { 200: FileDownload } }, config: { policy: 'dispatch:read' } },
    async (request, reply) => {
      const f = await dispatch.attachment(request.actor!, request.params.id);
      const inline = f.mimeType.startsWith('image/') || f.mimeType === 'application/pdf';
      reply.header('Content-Type', f.mimeType);
      reply.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', f.fileName));
      reply.header('Cache-Control', 'private, max-age=300');
      return reply.send(f.content);
    },
  );

  app.post(
    '/api/assignments/:id/report',
    { schema: { tags, summary: '上报完成情况（文字、表单数字、完成/部分完成/未完成及原因）', params: IdParams, body: ReportBody, response: { 200: AssignmentView } }, config: { policy: 'dispatch:report' } },
    async (request) => dispatch.report(request.actor!, request.params.id, request.body),
  );
}
