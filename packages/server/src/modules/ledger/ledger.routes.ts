import type { TypedApp } from '../../core/http.js';
import {
  ChainCheck,
  CaseAttachment,
  FileDownload,
  FireProblemBody,
  IdAndAttachmentParams,
  IdParams,
  ImportBulletinQuery,
  ImportReport,
  LedgerCounts,
  LedgerSettings,
  LedgerStats,
  LedgerStatsQuery,
  ListProblemsQuery,
  NoteBody,
  ProblemDetail,
  ProblemPage,
  ProblemTransitionParams,
  PublicClosureCountyList,
  PublicClosurePage,
  PublicClosuresQuery,
  RegisterProblemBody,
  SaveLedgerSettingsBody,
} from '@lianxin/contract';
import { AppError } from '../../core/errors.js';
import { contentDisposition } from '../../core/file-type.js';
import { receiveUpload } from '../../core/upload.js';
import { sendWorkbook } from '../../core/xlsx-write.js';
import { appendAudit } from '../../core/audit.js';
import type { Db } from '../../db/db.js';
import type { LedgerService } from './ledger.service.js';
import { createLedgerImport } from './ledger.import.js';

export const LEDGER_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '问题来源', width: 14 },
  { header: '问题描述', width: 40 },
  { header: '整改措施', width: 36 },
  { header: '责任单位', width: 16 },
  { header: '责任人', width: 12 },
  { header: '整改时限', width: 12 },
  { header: '整改进展', width: 30 },
  { header: '销号情况', width: 22 },
];


export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export async function ledgerRoutes(app: TypedApp, opts: { ledger: LedgerService; db: Db }) {
  const { ledger } = opts;
  const tags = ['ledger'];

  const importer = createLedgerImport({ db: opts.db, ledger });
  app.post(
    '/api/ledger/problems/import',
    {
      schema: {
        tags,
        summary: '从督查通报表导入问题（.xlsx；列：问题来源、问题类别、问题描述、整改措施、责任单位、责任人、整改时限）',
        consumes: ['multipart/form-data'],
        querystring: ImportBulletinQuery,
        response: { 200: ImportReport },
      },
      config: { policy: 'ledger:register' },
    },
    async (request) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', { zh: '请以表单文件（multipart/form-data）上传', en: 'Upload as multipart/form-data' });
      const file = await request.file({ limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
      if (!file) throw new AppError('validation_failed', { zh: '没有收到文件', en: 'No file received' });
      const content = await file.toBuffer();
      if (file.file.truncated) throw new AppError('payload_too_large', { zh: '文件不能超过 10 MB', en: 'At most 10 MB' });
      const q = request.query;
      return importer.importBulletin(request.actor!, content, { dryRun: q.dryRun ?? false, mode: q.mode ?? 'all_or_nothing', source: q.source, sourceRef: q.sourceRef });
    },
  );

  app.get(
    '/api/ledger/problems/export',
    { schema: { tags, summary: '导出问题台账（.xlsx，县里常用的列：序号、问题来源……销号情况）', querystring: ListProblemsQuery, response: { 200: FileDownload } }, config: { policy: 'ledger:read' } },
    async (request, reply) => {
      const actor = request.actor!;
      const rows = await ledger.exportRows(actor, request.query);
      const count = await sendWorkbook(reply, `问题台账_${ledger.today()}.xlsx`, '问题台账', LEDGER_COLUMNS, rows);
      await opts.db.transaction((tx) =>
        appendAudit(tx, { countyId: actor.scope.countyId, accountId: actor.accountId, username: actor.username, action: 'ledger.export', objectType: 'ledger', summary: { rows: count, filter: { ...request.query } }, result: 'success', ip: actor.ip }),
      );
      return reply;
    },
  );

  app.get(
    '/api/ledger/problems',
    { schema: { tags, summary: '问题台账（按状态、来源、类别、逾期、待督办、子树筛选）', querystring: ListProblemsQuery, response: { 200: ProblemPage } }, config: { policy: 'ledger:read' } },
    async (request) => ledger.list(request.actor!, request.query),
  );

  app.get(
    '/api/ledger/problems/counts',
    { schema: { tags, summary: '台账计数：按状态、未销号、逾期、待督办（筛选条件同列表，不含状态）', querystring: ListProblemsQuery, response: { 200: LedgerCounts } }, config: { policy: 'ledger:read' } },
    async (request) => ledger.counts(request.actor!, request.query),
  );

  app.post(
    '/api/ledger/problems',
    { schema: { tags, summary: '登记问题', body: RegisterProblemBody, response: { 201: ProblemDetail } }, config: { policy: 'ledger:register' } },
    async (request, reply) => {
      const id = await ledger.register(request.actor!, request.body);
      return reply.status(201).send(await ledger.detail(request.actor!, id));
    },
  );

  app.get(
    '/api/ledger/problems/:id',
    { schema: { tags, summary: '问题详情、办理记录和当前账号可执行的环节', params: IdParams, response: { 200: ProblemDetail } }, config: { policy: 'ledger:read' } },
    async (request) => ledger.detail(request.actor!, request.params.id),
  );

  app.post(
    '/api/ledger/problems/:id/transitions/:transition',
    {
      schema: {
        tags,
        summary: '办理环节：开始整改、提交验收、退回、验收通过、销号、反馈公示',
        params: ProblemTransitionParams,
        body: FireProblemBody,
        response: { 200: ProblemDetail },
      },
      config: { policy: 'ledger:handle' },
    },
    async (request) => {
      const { replayed } = await ledger.fire(request.actor!, request.params.id, request.params.transition, request.body);
      const detail = await ledger.detail(request.actor!, request.params.id);
      return replayed ? { ...detail } : detail;
    },
  );

  app.post(
    '/api/ledger/problems/:id/supervisions',
    { schema: { tags, summary: '督办（每15天一次）', params: IdParams, body: NoteBody, response: { 200: ProblemDetail } }, config: { policy: 'ledger:handle' } },
    async (request) => {
      await ledger.supervise(request.actor!, request.params.id, request.body.text);
      return ledger.detail(request.actor!, request.params.id);
    },
  );

  app.post(
    '/api/ledger/problems/:id/comments',
    { schema: { tags, summary: '留言', params: IdParams, body: NoteBody, response: { 200: ProblemDetail } }, config: { policy: 'ledger:handle' } },
    async (request) => {
      await ledger.comment(request.actor!, request.params.id, request.body.text);
      return ledger.detail(request.actor!, request.params.id);
    },
  );

  app.post(
    '/api/ledger/problems/:id/attachments',
    {
      schema: { tags, summary: '上传附件（图片、PDF、Word、Excel，10 MB 以内）', params: IdParams, consumes: ['multipart/form-data'], response: { 201: CaseAttachment } },
      config: { policy: 'ledger:handle' },
    },
    async (request, reply) => {
      const { fileName, mimeType, content } = await receiveUpload(request, { maxBytes: MAX_ATTACHMENT_BYTES });
      const id = await ledger.attach(request.actor!, request.params.id, { fileName, mimeType, content });
      return reply.status(201).send(await ledger.attachmentRow(request.actor!, request.params.id, id));
    },
  );

  app.get(
    '/api/ledger/problems/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载附件（图片可直接显示）', params: IdAndAttachmentParams, response: { 200: FileDownload } }, config: { policy: 'ledger:read' } },
    async (request, reply) => {
      const f = await ledger.attachment(request.actor!, request.params.id, request.params.attachmentId);
      const inline = f.mimeType.startsWith('image/') || f.mimeType === 'application/pdf';
      reply.header('Content-Type', f.mimeType);
      reply.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', f.fileName));
      reply.header('Cache-Control', 'private, max-age=300');
      return reply.send(f.content);
    },
  );

  app.get(
    '/api/ledger/problems/:id/verify',
    {
      schema: { tags, summary: '校验办理记录哈希链', params: IdParams, response: { 200: ChainCheck } },
      config: { policy: 'ledger:read' },
    },
    async (request) => ledger.verify(request.actor!, request.params.id),
  );

  app.get(
    '/api/ledger/stats',
    {
      schema: { tags, summary: '统计：未销号、逾期、按期销号、销号率、平均办结天数（本级与各下级）', querystring: LedgerStatsQuery, response: { 200: LedgerStats } },
      config: { policy: 'ledger:read' },
    },
    async (request) => ledger.stats(request.actor!, request.query.orgId),
  );

  app.get(
    '/api/ledger/settings',
    { schema: { tags, summary: '本县台账设置（问题类别、问题来源、督办周期、销号签署人）', response: { 200: LedgerSettings } }, config: { policy: 'ledger:read' } },
    async (request) => ledger.settings(request.actor!.scope.countyId ?? 0),
  );

  app.put(
    '/api/ledger/settings',
    { schema: { tags, summary: '修改本县台账设置（问题类别、问题来源、督办周期、销号签署人）；sources 为在用的来源（无 code 为新增，未列出的停用）', body: SaveLedgerSettingsBody, response: { 200: LedgerSettings } }, config: { policy: 'ledger:configure' } },
    async (request) => ledger.saveSettings(request.actor!, request.body),
  );

  app.get(
    '/api/public/ledger/counties',
    {
      schema: { tags: ['public'], summary: '反馈公示：各县及已公示的问题数（无需登录）', response: { 200: PublicClosureCountyList } },
      config: { policy: 'public', rateLimit: { max: 120, timeWindow: 60_000 } },
    },
    async () => ledger.publicCounties(),
  );

  app.get(
    '/api/public/counties/:id/closures',
    {
      schema: {
        tags: ['public'],
        summary: '反馈公示：本县已公示的问题整改销号情况（无需登录，不含个人信息）',
        params: IdParams,
        querystring: PublicClosuresQuery,
        response: { 200: PublicClosurePage },
      },
      config: { policy: 'public', rateLimit: { max: 120, timeWindow: 60_000 } },
    },
    async (request) => ledger.publicList(request.params.id, request.query.page, request.query.pageSize),
  );
}
