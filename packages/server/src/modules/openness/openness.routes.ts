// 三务公开, 财务审计 and 台账 routes: thin — schema, policy, one service call.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypedApp } from '../../core/http.js';
import {
  AddRegisterRowBody,
  RegisterRowParams,
  RegisterRowView,
  AuditFindingToProblemBody,
  ComposeDisclosureBody,
  CorrectDisclosureBody,
  CreateFinanceAuditBody,
  Created,
  DisclosureBoard,
  DisclosureBoardQuery,
  DisclosurePage,
  DisclosureFileParams,
  AuditFindingParams,
  RegisterCodeParams,
  IdParams,
  DisclosureView,
  FileDownload,
  FinanceAuditPage,
  FinanceAuditView,
  ListDisclosuresQuery,
  ListFinanceAuditsQuery,
  OpennessSettings,
  PublicDisclosures,
  PublicDisclosuresQuery,
  PublishDisclosureBody,
  RegisterList,
  RegisterQuery,
  RegisterView,
  SaveDraftBody,
  SaveOpennessSettingsBody,
} from '@lianxin/contract';
import { AppError } from '../../core/errors.js';
import { cleanFileName, contentDisposition, sniffFileType } from '../../core/file-type.js';
import { sendWorkbook } from '../../core/xlsx-write.js';
import { sendTablePdf, type PdfFont } from '../../core/pdf.js';
import type { OpennessService } from './openness.service.js';

const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** The one uploaded file, typed by its content: the board photo must be an image. */
async function receive(request: FastifyRequest, role: 'photo' | 'attachment') {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', { zh: '请以表单文件（multipart/form-data）上传', en: 'Upload as multipart/form-data' });
  const file = await request.file({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1 } });
  if (!file) throw new AppError('validation_failed', { zh: '没有收到文件', en: 'No file received' });
  const content = await file.toBuffer();
  if (file.file.truncated) throw new AppError('payload_too_large', { zh: '文件不能超过 10 MB', en: 'At most 10 MB' });
  if (content.length === 0) throw new AppError('validation_failed', { zh: '文件是空的', en: 'The file is empty' });
  const type = sniffFileType(content);
  if (role === 'photo' && !type?.image) throw new AppError('unsupported_media_type', { zh: '公开栏照片须为图片（JPG、PNG、GIF、WebP）', en: 'The board photo must be an image' });
  if (!type) throw new AppError('unsupported_media_type', { zh: '只能上传图片（JPG、PNG、GIF、WebP）、PDF、Word 或 Excel 文件', en: 'Only images, PDF, Word or Excel files' });
  return { fileName: cleanFileName(file.filename, type.ext), mimeType: type.mime, content };
}

function sendFile(reply: FastifyReply, f: { fileName: string; mimeType: string; content: Buffer }, cache: string) {
  const inline = f.mimeType.startsWith('image/') || f.mimeType === 'application/pdf';
  reply.header('Content-Type', f.mimeType);
  reply.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', f.fileName));
  reply.header('Cache-Control', cache);
  return reply.send(f.content);
}

export async function opennessRoutes(app: TypedApp, opts: { openness: OpennessService; publicRateLimit: number; pdfFont?: PdfFont }) {
  const { openness } = opts;
  const tags = ['openness'];

  app.get('/api/openness/settings', { schema: { tags, summary: '本县三务公开与台账设置：公开日、公开单位、公开周期、簿册', response: { 200: OpennessSettings } }, config: { policy: 'openness:read' } },
    async (request) => openness.getSettings(request.actor!));
  app.put('/api/openness/settings',
    { schema: { tags, summary: '修改本县公开日、公开周期和簿册（县委组织部）', body: SaveOpennessSettingsBody, response: { 200: OpennessSettings } }, config: { policy: 'openness:configure' } },
    async (request) => openness.saveSettings(request.actor!, request.body));

  app.get('/api/openness/disclosures',
    { schema: { tags, summary: '三务公开（按单位、期间、类别）', querystring: ListDisclosuresQuery, response: { 200: DisclosurePage } }, config: { policy: 'openness:read' } },
    async (request) => openness.list(request.actor!, request.query));
  app.post('/api/openness/disclosures',
    { schema: { tags, summary: '编制一期公开（草稿）：党务、村务或财务', body: ComposeDisclosureBody, response: { 201: DisclosureView } }, config: { policy: 'openness:publish' } },
    async (request, reply) => {
      const id = await openness.compose(request.actor!, request.body);
      return reply.status(201).send(await openness.disclosure(request.actor!, id));
    });
  app.get('/api/openness/disclosures/:id',
    { schema: { tags, summary: '一期公开：现行版本、草稿与更正记录', params: IdParams, response: { 200: DisclosureView } }, config: { policy: 'openness:read' } },
    async (request) => openness.disclosure(request.actor!, request.params.id));
  app.put('/api/openness/disclosures/:id/draft',
    { schema: { tags, summary: '修改草稿的公开事项', params: IdParams, body: SaveDraftBody, response: { 200: DisclosureView } }, config: { policy: 'openness:publish' } },
    async (request) => openness.saveDraft(request.actor!, request.params.id, request.body));
  app.post('/api/openness/disclosures/:id/photo',
    { schema: { tags, summary: '上传公开栏照片（仅图片，10 MB 以内）', params: IdParams, consumes: ['multipart/form-data'], response: { 201: DisclosureView } }, config: { policy: 'openness:publish' } },
    async (request, reply) => reply.status(201).send(await openness.attach(request.actor!, request.params.id, 'photo', await receive(request, 'photo'))));
  app.post('/api/openness/disclosures/:id/attachments',
    { schema: { tags, summary: '上传附件（图片、PDF、Word、Excel，10 MB 以内）', params: IdParams, consumes: ['multipart/form-data'], response: { 201: DisclosureView } }, config: { policy: 'openness:publish' } },
    async (request, reply) => reply.status(201).send(await openness.attach(request.actor!, request.params.id, 'attachment', await receive(request, 'attachment'))));
  app.get('/api/openness/disclosures/:id/files/:fileId',
    { schema: { tags, summary: '公开栏照片或附件', params: DisclosureFileParams, response: { 200: FileDownload } }, config: { policy: 'openness:read' } },
    async (request, reply) => sendFile(reply, await openness.file(request.actor!, request.params.id, request.params.fileId), 'private, max-age=300'));
  app.post('/api/openness/disclosures/:id/publish',
    { schema: { tags, summary: '公布（须有公开事项和公开栏照片）', params: IdParams, body: PublishDisclosureBody, response: { 200: DisclosureView } }, config: { policy: 'openness:publish' } },
    async (request) => openness.publish(request.actor!, request.params.id, request.body.version));
  app.post('/api/openness/disclosures/:id/corrections',
    { schema: { tags, summary: '更正已公布的公开：生成新版本草稿，公布后群众看到更正后的内容和更正说明', params: IdParams, body: CorrectDisclosureBody, response: { 201: DisclosureView } }, config: { policy: 'openness:publish' } },
    async (request, reply) => reply.status(201).send(await openness.correct(request.actor!, request.params.id, request.body)));

  app.get('/api/openness/board',
    { schema: { tags, summary: '公开日到期与逾期：按下级汇总，可下钻到村', querystring: DisclosureBoardQuery, response: { 200: DisclosureBoard } }, config: { policy: 'openness:read' } },
    async (request) => openness.board(request.actor!, request.query));

  app.get('/api/openness/audits',
    { schema: { tags, summary: '村级财务审计', querystring: ListFinanceAuditsQuery, response: { 200: FinanceAuditPage } }, config: { policy: 'openness:read' } },
    async (request) => openness.audits(request.actor!, request.query));
  app.post('/api/openness/audits',
    { schema: { tags, summary: '登记村级财务审计及发现的问题', body: CreateFinanceAuditBody, response: { 201: FinanceAuditView } }, config: { policy: 'openness:audit' } },
    async (request, reply) => {
      const id = await openness.createAudit(request.actor!, request.body);
      return reply.status(201).send(await openness.audit(request.actor!, id));
    });
  app.get('/api/openness/audits/:id',
    { schema: { tags, summary: '财务审计详情（发现的问题及其整改状态）', params: IdParams, response: { 200: FinanceAuditView } }, config: { policy: 'openness:read' } },
    async (request) => openness.audit(request.actor!, request.params.id));
  app.post('/api/openness/audits/:id/findings/:findingId/problem',
    { schema: { tags, summary: '审计发现一键列入问题台账', params: AuditFindingParams, body: AuditFindingToProblemBody, response: { 201: Created } }, config: { policy: 'openness:audit' } },
    async (request, reply) => reply.status(201).send({ id: await openness.findingToProblem(request.actor!, request.params.id, request.params.findingId, request.body) }));

  app.get('/api/openness/registers',
    { schema: { tags, summary: '本单位的簿册（七簿两账两手册）', querystring: RegisterQuery, response: { 200: RegisterList } }, config: { policy: 'openness:read' } },
    async (request) => openness.registers(request.actor!, request.query));
  app.get('/api/openness/registers/:code',
    { schema: { tags, summary: '一本簿册（一年的记录，可打印）', params: RegisterCodeParams, querystring: RegisterQuery, response: { 200: RegisterView } }, config: { policy: 'openness:read' } },
    async (request) => openness.register(request.actor!, request.params.code, request.query));
  app.get('/api/openness/registers/:code/xlsx',
    { schema: { tags, summary: '一本簿册（.xlsx）', params: RegisterCodeParams, querystring: RegisterQuery, response: { 200: FileDownload } }, config: { policy: 'openness:read' } },
    async (request, reply) => {
      const actor = request.actor!;
      const view = await openness.register(actor, request.params.code, request.query);
      const columns = [{ header: '序号', width: 6 }, ...view.book.columns.map((c) => ({ header: c.label, width: c.key === 'items' || c.key === 'decisions' || c.key === 'topic' ? 40 : 14 }))];
      async function* rows() {
        yield view.rows.map((r, i) => [i + 1, ...view.book.columns.map((c) => r[c.key] ?? null)]);
      }
      const count = await sendWorkbook(reply, `${view.book.name}_${view.org.name}_${view.year}.xlsx`, view.book.name.slice(0, 31), columns, rows());
      await openness.auditExport(actor, view, count);
      return reply;
    });
  app.get('/api/openness/registers/:code/pdf',
    { schema: { tags, summary: '一本簿册（A4 PDF，可打印：每页重复表头、带页码）', params: RegisterCodeParams, querystring: RegisterQuery, response: { 200: FileDownload } }, config: { policy: 'openness:read' } },
    async (request, reply) => {
      const actor = request.actor!;
      const view = await openness.register(actor, request.params.code, request.query);
      await sendTablePdf(reply, `${view.book.name}_${view.org.name}_${view.year}.pdf`, {
        title: view.book.name,
        unit: [view.county, view.township, view.org.name].filter((x, i, all) => x && all.indexOf(x) === i).join(' '),
        period: `${view.year}年`,
        columns: [{ header: '序号', width: 5 }, ...view.book.columns.map((c) => ({ header: c.label, width: c.key === 'items' || c.key === 'decisions' || c.key === 'topic' ? 32 : 12 }))],
        rows: view.rows.map((r, i) => [i + 1, ...view.book.columns.map((c) => r[c.key] ?? null)]),
      }, opts.pdfFont, (count) => openness.auditExport(actor, view, count, 'pdf'));
      return reply;
    });
  app.post('/api/openness/registers/:code/rows',
    { schema: { tags, summary: '手工登记一行（没有业务记录来源的簿册）；回答这一行', params: RegisterCodeParams, body: AddRegisterRowBody, response: { 201: RegisterRowView } }, config: { policy: 'openness:publish' } },
    async (request, reply) => {
      const id = await openness.addRegisterRow(request.actor!, request.params.code, request.body);
      return reply.status(201).send(await openness.registerRow(request.actor!, request.params.code, id));
    });
  app.get('/api/openness/registers/:code/rows/:id',
    { schema: { tags, summary: '手工登记的一行（本辖区内）', params: RegisterRowParams, response: { 200: RegisterRowView } }, config: { policy: 'openness:read' } },
    async (request) => openness.registerRow(request.actor!, request.params.code, request.params.id));

  // the public pages (no login, phone first)
  const rateLimit = { max: opts.publicRateLimit, timeWindow: 60_000 };
  app.get('/api/public/units/:id/disclosures',
    { schema: { tags: ['public'], summary: '单位三务公开（党务、村务、财务，现行版本及更正说明）', params: IdParams, querystring: PublicDisclosuresQuery, response: { 200: PublicDisclosures } }, config: { policy: 'public', rateLimit } },
    async (request) => openness.publicDisclosures(request.params.id, request.query.period));
  app.get('/api/public/disclosures/:id/files/:fileId',
    { schema: { tags: ['public'], summary: '公开栏照片或附件（仅现行公布版本的）', params: DisclosureFileParams, response: { 200: FileDownload } }, config: { policy: 'public', rateLimit } },
    async (request, reply) => sendFile(reply, await openness.publicFile(request.params.id, request.params.fileId), 'public, max-age=300'));
}
