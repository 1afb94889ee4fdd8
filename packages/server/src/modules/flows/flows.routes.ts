// 小微权力 routes: the county's flows, matters and their steps, 失职预警, duty lists. Thin: schema,
// policy, one service call.
import type { TypedApp } from '../../core/http.js';
import {
  CompleteStepBody,
  DocumentQuery,
  DutyList,
  DutyTemplate,
  FileDownload,
  FlowBody,
  FlowDetail,
  FlowList,
  IdAndAttachmentParams,
  IdParams,
  ListMattersQuery,
  MatterBoard,
  MatterBoardQuery,
  MatterDetail,
  MatterDocumentUploaded,
  MatterPage,
  MatterReasonBody,
  OpenMatterBody,
  OverdueList,
  OverdueQuery,
  PublicMatter,
  SaveDutyListBody,
  SaveDutyTemplateBody,
  UpdateFlowBody,
} from '@lianxin/contract';
import { AppError } from '../../core/errors.js';
import { contentDisposition } from '../../core/file-type.js';
import { receiveUpload } from '../../core/upload.js';
import type { FlowsService } from './flows.service.js';

const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export async function flowsRoutes(app: TypedApp, opts: { flows: FlowsService; publicRateLimit?: number }) {
  const { flows } = opts;
  const tags = ['flows'];

  // a matter's public page (no login, phone first): linked from the unit's public page once a public step is done
  app.get('/api/public/flow-matters/:id',
    { schema: { tags: ['public'], summary: '小微权力事项的公开结果（决议公开、实施结果公开；未公开或已撤销的回答 404）', params: IdParams, response: { 200: PublicMatter } }, config: { policy: 'public', rateLimit: { max: opts.publicRateLimit ?? 60, timeWindow: 60_000 } } },
    async (request) => flows.publicMatter(request.params.id));

  app.get('/api/flows', { schema: { tags, summary: '本县的小微权力运行流程', response: { 200: FlowList } }, config: { policy: 'flow:read' } },
    async (request) => flows.flows(request.actor!));

  app.post('/api/flows', { schema: { tags, summary: '新建流程（步骤按顺序；无步骤、未指定办理主体、时限非正数、编号重复、重名回答 400）', body: FlowBody, response: { 201: FlowDetail } }, config: { policy: 'flow:configure' } },
    async (request, reply) => reply.status(201).send(await flows.createFlow(request.actor!, request.body)));

  app.get('/api/flows/:id', { schema: { tags, summary: '一个流程（当前版本的步骤）', params: IdParams, response: { 200: FlowDetail } }, config: { policy: 'flow:read' } },
    async (request) => flows.flow(request.actor!, request.params.id));

  app.put('/api/flows/:id', { schema: { tags, summary: '修改流程（已有事项使用时生成新版本，办理中的事项仍按原版本）', params: IdParams, body: UpdateFlowBody, response: { 200: FlowDetail } }, config: { policy: 'flow:configure' } },
    async (request) => flows.updateFlow(request.actor!, request.params.id, request.body));

  app.get('/api/flow-matters', { schema: { tags, summary: '小微权力事项（按单位、状态、是否逾期）', querystring: ListMattersQuery, response: { 200: MatterPage } }, config: { policy: 'flow:read' } },
    async (request) => flows.matters(request.actor!, request.query));

  app.post('/api/flow-matters', { schema: { tags, summary: '登记事项（按本县流程的当前版本办理）', body: OpenMatterBody, response: { 201: MatterDetail } }, config: { policy: 'flow:act' } },
    async (request, reply) => reply.status(201).send(await flows.openMatter(request.actor!, request.body)));

  app.get('/api/flow-matters/board', { schema: { tags, summary: '事项汇总（按下一级单位：办理中、逾期、办结）', querystring: MatterBoardQuery, response: { 200: MatterBoard } }, config: { policy: 'flow:read' } },
    async (request) => flows.board(request.actor!, request.query));

  app.get('/api/flow-matters/overdue', { schema: { tags, summary: '失职预警：逾期未办的步骤（按下一级单位汇总）', querystring: OverdueQuery, response: { 200: OverdueList } }, config: { policy: 'flow:read' } },
    async (request) => flows.overdue(request.actor!, request.query));

  app.get('/api/flow-matters/:id', { schema: { tags, summary: '一件事项：各步骤的期限、办理主体、材料、关联会议', params: IdParams, response: { 200: MatterDetail } }, config: { policy: 'flow:read' } },
    async (request) => flows.matter(request.actor!, request.params.id));

  app.post('/api/flow-matters/:id/steps', { schema: { tags, summary: '完成当前步骤（跳步 409、层级不对 403、缺材料或缺会议 400）', params: IdParams, body: CompleteStepBody, response: { 200: MatterDetail } }, config: { policy: 'flow:act' } },
    async (request) => flows.completeStep(request.actor!, request.params.id, request.body));

  app.post('/api/flow-matters/:id/return', { schema: { tags, summary: '退回上一步（写明理由）', params: IdParams, body: MatterReasonBody, response: { 200: MatterDetail } }, config: { policy: 'flow:act' } },
    async (request) => flows.returnStep(request.actor!, request.params.id, request.body));

  app.post('/api/flow-matters/:id/cancel', { schema: { tags, summary: '撤销事项（写明理由）', params: IdParams, body: MatterReasonBody, response: { 200: MatterDetail } }, config: { policy: 'flow:act' } },
    async (request) => flows.cancelMatter(request.actor!, request.params.id, request.body));

  app.post(
    '/api/flow-matters/:id/documents',
    {
      schema: { tags, summary: '上传当前步骤的材料（材料名称：表单字段 document，或查询参数 document；图片、PDF、Word、Excel，10 MB 以内）', params: IdParams, querystring: DocumentQuery, consumes: ['multipart/form-data'], response: { 201: MatterDocumentUploaded } },
      config: { policy: 'flow:act' },
    },
    async (request, reply) => {
      const { fileName, mimeType, content, fields } = await receiveUpload(request, { maxBytes: MAX_DOCUMENT_BYTES, noun: { zh: '材料', en: 'Documents' } });
      const document = fields.document?.trim() ? fields.document : request.query.document ?? '';
      const attachmentId = await flows.attachDocument(request.actor!, request.params.id, document, { fileName, mimeType, content });
      const row = (await flows.matter(request.actor!, request.params.id)).steps.flatMap((s) => s.documents.flatMap((d) => d.files)).find((f) => f.attachmentId === attachmentId);
      if (!row) throw new AppError('not_found');
      return reply.status(201).send(row);
    },
  );

  app.get(
    '/api/flow-matters/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载材料（图片和 PDF 可直接显示）', params: IdAndAttachmentParams, response: { 200: FileDownload } }, config: { policy: 'flow:read' } },
    async (request, reply) => {
      const f = await flows.attachment(request.actor!, request.params.id, request.params.attachmentId);
      const inline = f.mimeType.startsWith('image/') || f.mimeType === 'application/pdf';
      reply.header('Content-Type', f.mimeType);
      reply.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', f.fileName));
      reply.header('Cache-Control', 'private, max-age=300');
      return reply.send(f.content);
    },
  );

  app.get('/api/duty-template', { schema: { tags, summary: '本县岗位职责清单模板（未制定时为样板：13 个岗位 67 项）', response: { 200: DutyTemplate } }, config: { policy: 'flow:read' } },
    async (request) => flows.dutyTemplate(request.actor!));

  app.put('/api/duty-template', { schema: { tags, summary: '保存本县岗位职责清单模板（首次保存 version 为 0）', body: SaveDutyTemplateBody, response: { 200: DutyTemplate } }, config: { policy: 'flow:configure' } },
    async (request) => flows.saveDutyTemplate(request.actor!, request.body));

  app.get('/api/duty-lists/:id', { schema: { tags, summary: '一个村（社区）的岗位职责清单（未调整时为县模板）', params: IdParams, response: { 200: DutyList } }, config: { policy: 'flow:read' } },
    async (request) => flows.dutyList(request.actor!, request.params.id));

  app.put('/api/duty-lists/:id', { schema: { tags, summary: '保存村（社区）的岗位职责清单（可改写、增加事项，不能增删岗位）', params: IdParams, body: SaveDutyListBody, response: { 200: DutyList } }, config: { policy: 'flow:act' } },
    async (request) => flows.saveDutyList(request.actor!, request.params.id, request.body));
}
