import type { TypedApp } from '../../core/http.js';
import {
  FileDownload,
  IdParams,
  ImportQuery,
  ImportReport,
  ImportReportWithWarnings,
  ImportStarted,
  JobStatus,
  ListPeopleQuery,
} from '@lianxin/contract';
// Excel import and export of the roster (花名册), and the progress of import jobs:
//   GET  /api/people/import/template  the .xlsx template (example row + "填写说明" sheet)
//   POST /api/people/import           multipart, one file; ?dryRun=true → 200 ImportReport (checked,
//                                     nothing written); otherwise → 202 {jobId}, the import runs in
//                                     the background and GET /api/jobs/:id answers its progress and,
//                                     when done, the ImportReport in `result`
//   GET  /api/people/export           the filtered roster (the filters of GET /api/people) as .xlsx
//   GET  /api/jobs/:id                a job of the calling account (another's answers 404)
// Uploads are capped by the multipart limits of app.ts and checked by content (core/xlsx-guard.ts)
// before exceljs sees them; the browser's file name and type are ignored.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/db.js';
import { AppError } from '../../core/errors.js';
import { contentDisposition } from '../../core/file-type.js';
import { findJob } from '../../core/jobs.js';
import type { PiiCipher } from '../../core/pii.js';
import { guardXlsx } from '../../core/xlsx-guard.js';
import { createPeopleExport, XLSX_MIME } from './people.export.js';
import { createPeopleImport, readRoster } from './people.import.js';
import type { PeopleService } from './people.service.js';

const TOO_LARGE = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

/** The one uploaded file, within the multipart limits of app.ts; a broken form answers 400. */
async function readUpload(request: FastifyRequest): Promise<Buffer> {
  try {
    const part = await request.file();
    if (!part) throw new AppError('validation_failed', { zh: '请上传一个 .xlsx 文件', en: 'Upload one .xlsx file' });
    return await part.toBuffer(); // throws past the fileSize limit
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (TOO_LARGE.has((err as { code?: string }).code ?? '')) {
      throw new AppError('payload_too_large', { zh: '上传的文件过大', en: 'The file is too large' });
    }
    throw new AppError('validation_failed', { zh: '上传内容不完整或格式不正确，请重新上传', en: 'The upload is incomplete or malformed' });
  }
}

export async function peopleExcelRoutes(app: TypedApp, opts: { db: Db; pii: PiiCipher; people: PeopleService }) {
  const { db, pii, people } = opts;
  const importer = createPeopleImport({ db, pii, today: people.today, log: (msg, meta) => app.log.warn(meta ?? {}, msg) });
  const exporter = createPeopleExport({ db, pii, today: people.today, rootPathOf: people.rootPathOf });
  // Closing the app waits for running imports (their transaction commits or rolls back first).
  app.addHook('onClose', async () => importer.idle());
  const tags = ['people'];

  app.get(
    '/api/people/import/template',
    { schema: { tags, summary: '下载人员（党员）导入模板（.xlsx）', response: { 200: FileDownload } }, config: { policy: 'person:import' } },
    async (request, reply) => {
      const file = await exporter.template(request.actor!);
      return reply.type(XLSX_MIME).header('Content-Disposition', contentDisposition('attachment', '党员导入模板.xlsx')).send(file);
    },
  );

  app.post(
    '/api/people/import',
    {
      schema: {
        tags,
        summary: '批量导入人员（multipart，一个 .xlsx 文件）：dryRun=true 只检查；否则返回 202 与任务号，后台导入',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: ImportReportWithWarnings, 202: ImportStarted },
      },
      config: { policy: 'person:import' },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError('unsupported_media_type', { zh: '请以 multipart/form-data 上传一个 .xlsx 文件', en: 'Upload one .xlsx file as multipart/form-data' });
      }
      const buf = await readUpload(request);
      await guardXlsx(buf);
      const rows = await readRoster(buf);
      const mode = request.query.mode ?? 'all_or_nothing';
      if (request.query.dryRun) return reply.status(200).send(await importer.check(request.actor!, rows, request.lang));
      const jobId = await importer.start(request.actor!, rows, mode, request.lang);
      return reply.status(202).send({ jobId });
    },
  );

  app.get(
    '/api/people/export',
    { schema: { tags, summary: '导出人员名册（.xlsx，筛选条件同列表，按角色脱敏）', querystring: ListPeopleQuery, response: { 200: FileDownload } }, config: { policy: 'person:export' } },
    async (request, reply) => {
      const { stream } = await exporter.exportRoster(request.actor!, request.query);
      const name = `党员名册-${people.today()}.xlsx`;
      return reply.type(XLSX_MIME).header('Content-Disposition', contentDisposition('attachment', name)).send(stream);
    },
  );

  app.get(
    '/api/jobs/:id',
    { schema: { tags: ['jobs'], summary: '后台任务进度（仅发起账号可查）', params: IdParams, response: { 200: JobStatus } }, config: { policy: 'authenticated' } },
    async (request) => {
      const job = await findJob(db, request.params.id, request.actor!.accountId);
      if (!job) throw new AppError('not_found');
      return job;
    },
  );
}
