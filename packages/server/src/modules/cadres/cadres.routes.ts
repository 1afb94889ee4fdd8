// 干部队伍与发展党员 routes: the cadre ledger's export and 两委 structure, the reserve pool's life
// cycle (train → appoint → remove), and member development (发展党员). Thin: schema, policy, one
// service call. The cadre ledger list, posts and the pool's list and intake are in people.routes.ts.
import type { TypedApp } from '../../core/http.js';
import {
  CadreImportQuery,
  DEVELOPMENT_STATE_LABELS,
  DEVELOPMENT_WARNING_LABELS,
  ImportReport,
  RESERVE_STATUS_LABELS,
  ReserveExportQuery,
  CadreLedgerQuery,
  CadreStructure,
  CadreStructureQuery,
  DevelopmentPage,
  FileDownload,
  NoContent,
  DevelopmentListQuery,
  DevelopmentPath,
  DevelopmentRow,
  DevelopmentStepBody,
  EDUCATION_LABELS,
  IdParams,
  OpenDevelopmentBody,
  POST_ROLE_LABELS,
  PostView,
  PutDevelopmentPathBody,
  ReserveAppointBody,
  ReserveRemoveBody,
  ReserveTrainBody,
  SELECTION_CHANNEL_LABELS,
} from '@lianxin/contract';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/db.js';
import { AppError } from '../../core/errors.js';
import { contentDisposition } from '../../core/file-type.js';
import { allPages, cellsOf, sendWorkbook } from '../../core/xlsx-write.js';
import type { PeopleService } from '../people/index.js';
import { createCadreImport } from './cadres.import.js';
import type { DevelopmentService } from './development.service.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The one uploaded .xlsx (10 MB at most); the .xlsx guard checks its content when it is read. */
async function upload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', { zh: '请以表单文件（multipart/form-data）上传一个 .xlsx 文件', en: 'Upload one .xlsx file as multipart/form-data' });
  const file = await request.file({ limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  if (!file) throw new AppError('validation_failed', { zh: '没有收到文件', en: 'No file received' });
  const content = await file.toBuffer();
  if (file.file.truncated) throw new AppError('payload_too_large', { zh: '文件不能超过 10 MB', en: 'At most 10 MB' });
  return content;
}


export async function cadresRoutes(app: TypedApp, opts: { db: Db; people: PeopleService; development: DevelopmentService }) {
  const { people, development } = opts;
  const tags = ['cadres'];
  const importer = createCadreImport({ db: opts.db, people });

  app.get(
    '/api/cadres/import/template',
    { schema: { tags, summary: '下载干部台账导入模板（.xlsx：身份证号、姓名、任职组织、岗位、任期、一肩挑、选任方式、选派单位、公职化）', response: { 200: FileDownload } }, config: { policy: 'cadre:post' } },
    async (_request, reply) => reply.type(XLSX_MIME).header('Content-Disposition', contentDisposition('attachment', '干部台账导入模板.xlsx')).send(await importer.postTemplate()),
  );

  app.post(
    '/api/cadres/import',
    {
      schema: {
        tags,
        summary: '导入干部台账（multipart，一个 .xlsx）：每行按身份证号对应花名册，与页面任职同样检查；dryRun=true 只检查；任何一行有错则全部不导入',
        consumes: ['multipart/form-data'],
        querystring: CadreImportQuery,
        response: { 200: ImportReport },
      },
      config: { policy: 'cadre:post' },
    },
    async (request) => importer.importPosts(request.actor!, await upload(request), { dryRun: request.query.dryRun ?? false }),
  );

  app.get(
    '/api/reserve-cadres/import/template',
    { schema: { tags, summary: '下载后备干部导入模板（.xlsx：身份证号、姓名、所在村、拟任岗位、入库日期、培养情况、最近培训）', response: { 200: FileDownload } }, config: { policy: 'cadre:post' } },
    async (_request, reply) => reply.type(XLSX_MIME).header('Content-Disposition', contentDisposition('attachment', '后备干部导入模板.xlsx')).send(await importer.reserveTemplate()),
  );

  app.post(
    '/api/reserve-cadres/import',
    {
      schema: {
        tags,
        summary: '导入后备干部（multipart，一个 .xlsx）：每行按身份证号对应花名册，与页面入库同样检查；dryRun=true 只检查；任何一行有错则全部不导入',
        consumes: ['multipart/form-data'],
        querystring: CadreImportQuery,
        response: { 200: ImportReport },
      },
      config: { policy: 'cadre:post' },
    },
    async (request) => importer.importReserve(request.actor!, await upload(request), { dryRun: request.query.dryRun ?? false }),
  );

  app.get(
    '/api/reserve-cadres/export',
    { schema: { tags, summary: '导出后备干部库（.xlsx，筛选条件同列表）', querystring: ReserveExportQuery, response: { 200: FileDownload } }, config: { policy: 'cadre:export' } },
    async (request, reply) => {
      const q = request.query;
      const first = await people.reserve(request.actor!, { ...q, page: 1, pageSize: 200 });
      async function* cells() {
        let page = first;
        for (let n = 1; ; n++) {
          if (n > 1) page = await people.reserve(request.actor!, { ...q, page: n, pageSize: 200 });
          if (page.items.length === 0) return;
          yield page.items.map((r) => [
            r.org.name, r.person.name, r.person.gender === 'male' ? '男' : '女', r.person.age, r.person.education ? EDUCATION_LABELS[r.person.education].zh : '',
            r.targetRole, r.addedOn, r.note ?? '', r.trainedOn ?? '', r.training ?? '', RESERVE_STATUS_LABELS[r.status].zh, r.endedOn ?? '', r.endReason ?? '',
          ]);
          if (n * 200 >= page.total) return;
        }
      }
      await sendWorkbook(reply, `后备干部库-${people.today()}.xlsx`, '后备干部', [
        { header: '所在村（社区）', width: 20 }, { header: '姓名', width: 10 }, { header: '性别', width: 6 }, { header: '年龄', width: 6 }, { header: '学历', width: 10 },
        { header: '拟任岗位', width: 16 }, { header: '入库日期', width: 12 }, { header: '培养情况', width: 24 }, { header: '最近培训日期', width: 12 }, { header: '最近培训内容', width: 24 },
        { header: '状态', width: 8 }, { header: '出库（任用）日期', width: 14 }, { header: '出库原因', width: 20 },
      ], cells());
      return reply;
    },
  );

  app.get(
    '/api/cadres/export',
    { schema: { tags, summary: '导出干部台账（.xlsx，筛选条件同列表，按角色脱敏）', querystring: CadreLedgerQuery, response: { 200: FileDownload } }, config: { policy: 'cadre:export' } },
    async (request, reply) => {
      const rows = people.cadresForExport(request.actor!, request.query);
      // the first batch is read before the download starts, so a bad filter still answers 400
      const first = await rows.next();
      async function* all() {
        if (!first.done) yield first.value;
        for await (const batch of rows) yield batch;
      }
      async function* cells() {
        for await (const batch of all()) {
          yield batch.map((r) => [
            r.org.name, POST_ROLE_LABELS[r.role].zh, r.person.name, r.person.gender === 'male' ? '男' : '女', r.person.age,
            r.person.education ? EDUCATION_LABELS[r.person.education].zh : '', r.concurrent ? '是' : '', r.selectionChannel ? SELECTION_CHANNEL_LABELS[r.selectionChannel].zh : '',
            r.sentFrom ?? '', r.civilService ? '是' : '', r.startDate, r.daysInPost, r.endDate ?? '', r.person.phone ?? '',
          ]);
        }
      }
      await sendWorkbook(reply, `干部台账-${people.today()}.xlsx`, '干部台账', [
        { header: '组织', width: 24 }, { header: '岗位', width: 14 }, { header: '姓名', width: 10 }, { header: '性别', width: 6 },
        { header: '年龄', width: 6 }, { header: '学历', width: 10 }, { header: '一肩挑', width: 8 }, { header: '选任方式', width: 12 },
        { header: '选派单位', width: 20 }, { header: '公职化', width: 8 }, { header: '任职开始', width: 12 }, { header: '在岗天数', width: 10 }, { header: '任期结束', width: 12 },
        { header: '联系电话', width: 14 },
      ], cells());
      return reply;
    },
  );

  app.get(
    '/api/cadres/structure',
    { schema: { tags, summary: '村（社区）“两委”年龄、学历结构（按乡镇，每人只计一次）', querystring: CadreStructureQuery, response: { 200: CadreStructure } }, config: { policy: 'cadre:read' } },
    async (request) => people.cadreStructure(request.actor!, request.query),
  );

  app.post(
    '/api/reserve-cadres/:id/train',
    { schema: { tags, summary: '后备干部培养：记录一次培训', params: IdParams, body: ReserveTrainBody, response: { 204: NoContent } }, config: { policy: 'cadre:post' } },
    async (request, reply) => {
      await people.trainReserve(request.actor!, request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/reserve-cadres/:id/appoint',
    { schema: { tags, summary: '后备干部任用：任职并出库（同一事务）', params: IdParams, body: ReserveAppointBody, response: { 201: PostView } }, config: { policy: 'cadre:post' } },
    async (request, reply) => reply.status(201).send(await people.appointReserve(request.actor!, request.params.id, request.body)),
  );

  app.post(
    '/api/reserve-cadres/:id/remove',
    { schema: { tags, summary: '后备干部出库（注明原因，记录保留）', params: IdParams, body: ReserveRemoveBody, response: { 204: NoContent } }, config: { policy: 'cadre:post' } },
    async (request, reply) => {
      await people.removeReserve(request.actor!, request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/development-path',
    { schema: { tags, summary: '本县发展党员流程（各步最短间隔与检查点；未配置时为全国默认）', response: { 200: DevelopmentPath } }, config: { policy: 'cadre:read' } },
    async (request) => development.path(request.actor!),
  );

  app.put(
    '/api/development-path',
    { schema: { tags, summary: '设置本县发展党员流程（四个步骤按顺序：最短间隔、办理时限、检查点；保存为新版本，已在途的人员仍按原版本办理）', body: PutDevelopmentPathBody, response: { 200: DevelopmentPath } }, config: { policy: 'cadre:configure' } },
    async (request) => development.savePath(request.actor!, request.body),
  );

  app.get(
    '/api/developments/export',
    { schema: { tags, summary: '导出发展党员台账（.xlsx，筛选条件同列表：支部、阶段、逾期/即将到期）', querystring: DevelopmentListQuery, response: { 200: FileDownload } }, config: { policy: 'cadre:export' } },
    async (request, reply) => {
      const { page: _p, pageSize: _s, ...q } = request.query;
      const pages = await allPages((page, pageSize) => development.list(request.actor!, { ...q, page, pageSize }));
      await sendWorkbook(reply, `发展党员台账-${people.today()}.xlsx`, '发展党员', [
        { header: '支部', width: 20 }, { header: '姓名', width: 10 }, { header: '阶段', width: 12 }, { header: '递交申请', width: 12 }, { header: '确定积极分子', width: 12 },
        { header: '列为发展对象', width: 12 }, { header: '接收预备党员', width: 12 }, { header: '转为正式党员', width: 12 }, { header: '集中培训', width: 12 },
        { header: '下一步期限', width: 12 }, { header: '提醒', width: 10 },
      ], cellsOf(pages, (r) => [
        r.org.name, r.person.name, DEVELOPMENT_STATE_LABELS[r.status].zh, r.appliedOn, r.activistOn ?? '', r.targetOn ?? '', r.admittedOn ?? '', r.fullOn ?? '',
        r.trainingOn ?? '', r.due ?? '', r.warning ? DEVELOPMENT_WARNING_LABELS[r.warning].zh : '',
      ]));
      return reply;
    },
  );

  app.get(
    '/api/developments',
    { schema: { tags, summary: '发展党员（按支部、按阶段、按逾期/即将到期；附逾期与即将到期人数）', querystring: DevelopmentListQuery, response: { 200: DevelopmentPage } }, config: { policy: 'cadre:read' } },
    async (request) => development.list(request.actor!, request.query),
  );

  app.post(
    '/api/developments',
    { schema: { tags, summary: '登记入党申请（申请人须在册、非党员、达到入党年龄）', body: OpenDevelopmentBody, response: { 201: DevelopmentRow } }, config: { policy: 'cadre:write' } },
    async (request, reply) => reply.status(201).send(await development.open(request.actor!, request.body)),
  );

  app.get(
    '/api/developments/:id',
    { schema: { tags, summary: '一人的发展党员记录', params: IdParams, response: { 200: DevelopmentRow } }, config: { policy: 'cadre:read' } },
    async (request) => development.detail(request.actor!, request.params.id),
  );

  app.post(
    '/api/developments/:id/steps',
    { schema: { tags, summary: '发展党员下一步（带日期、检查点；跳步或间隔不足回答 400，已办过的步骤回答 409）', params: IdParams, body: DevelopmentStepBody, response: { 200: DevelopmentRow } }, config: { policy: 'cadre:write' } },
    async (request) => development.step(request.actor!, request.params.id, request.body),
  );
}
