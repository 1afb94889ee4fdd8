// 考核 routes: thin — schema, policy, one service call.
import type { TypedApp } from '../../core/http.js';
import type { FastifyReply } from 'fastify';
import { sendKept } from '../../core/kept-answers.js';
import {
  AppealSheetBody,
  AssessmentSettings,
  SaveAssessmentSettingsBody,
  CopySchemeBody,
  CreateSchemeBody,
  FileDownload,
  FireSheetBody,
  IdParams,
  ImportSchemeQuery,
  ListSchemesQuery,
  ListSheetsQuery,
  OpenSheetBody,
  OpenSheetsBody,
  OpenedSheets,
  Results,
  ResultsQuery,
  SaveSchemeBody,
  SaveScoresBody,
  SchemeDetail,
  SchemePage,
  SheetDetail,
  SheetPage,
  SheetTransitionParams,
  Subsidies,
  SubsidiesQuery,
  VersionBody,
  SubjectsQuery,
  SubjectList,
  ProjectRankingQuery,
  ProjectRanking,
  SheetAppealFile,
  SheetAppealFileParams,
} from '@lianxin/contract';
import { sendWorkbook } from '../../core/xlsx-write.js';
import { receiveUpload } from '../../core/upload.js';
import { contentDisposition } from '../../core/file-type.js';
import { AppError } from '../../core/errors.js';
import { SCHEME_COLUMNS, schemeRows } from './scheme.xlsx.js';
import type { AssessmentService } from './assessment.service.js';

const yuan = (fen: number | null) => (fen === null ? null : fen / 100);


export async function assessmentRoutes(app: TypedApp, opts: { assessment: AssessmentService }) {
  const { assessment } = opts;
  const tags = ['assessment'];

  // 指标体系
  app.get(
    '/api/assessment/schemes',
    { schema: { tags, summary: '本县考核指标体系（按年度、状态；新的年度在前，分页）', querystring: ListSchemesQuery, response: { 200: SchemePage } }, config: { policy: 'assessment:read' } },
    async (request) => assessment.listSchemes(request.actor!, request.query),
  );
  app.post(
    '/api/assessment/schemes',
    { schema: { tags, summary: '新建指标体系草稿（不带 tree 时以龙江模板为样例）；各级分值须逐级相加一致', body: CreateSchemeBody, response: { 201: SchemeDetail } }, config: { policy: 'assessment:configure' } },
    async (request, reply) => {
      const id = await assessment.createScheme(request.actor!, request.body);
      return reply.status(201).send(await assessment.scheme(request.actor!, id));
    },
  );
  app.get(
    '/api/assessment/schemes/:id',
    { schema: { tags, summary: '指标体系详情：类别 → 项目 → 指标', params: IdParams, response: { 200: SchemeDetail } }, config: { policy: 'assessment:read' } },
    async (request) => assessment.scheme(request.actor!, request.params.id),
  );
  app.put(
    '/api/assessment/schemes/:id',
    { schema: { tags, summary: '保存指标体系草稿（已发布的不能修改）', params: IdParams, body: SaveSchemeBody, response: { 200: SchemeDetail } }, config: { policy: 'assessment:configure' } },
    async (request) => {
      await assessment.saveScheme(request.actor!, request.params.id, request.body);
      return assessment.scheme(request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/assessment/schemes/:id/publish',
    { schema: { tags, summary: '发布指标体系（成为本年度该类单位的新版本，此后不能修改）', params: IdParams, body: VersionBody, response: { 200: SchemeDetail } }, config: { policy: 'assessment:configure' } },
    async (request) => {
      await assessment.publishScheme(request.actor!, request.params.id, request.body.version);
      return assessment.scheme(request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/assessment/schemes/:id/copy',
    { schema: { tags, summary: '将指标体系复制为新年度的草稿', params: IdParams, body: CopySchemeBody, response: { 201: SchemeDetail } }, config: { policy: 'assessment:configure' } },
    async (request, reply) => {
      const id = await assessment.copyScheme(request.actor!, request.params.id, request.body.year);
      return reply.status(201).send(await assessment.scheme(request.actor!, id));
    },
  );

  app.get(
    '/api/assessment/schemes/:id/export',
    { schema: { tags, summary: '导出指标体系（.xlsx：每行一项指标，类别、项目及分值随行重复）', params: IdParams, response: { 200: FileDownload } }, config: { policy: 'assessment:read' } },
    async (request, reply) => {
      const s = await assessment.scheme(request.actor!, request.params.id);
      await sendWorkbook(reply, `${s.name}.xlsx`, '指标体系', SCHEME_COLUMNS, (async function* () { yield schemeRows(s.tree); })());
      return reply;
    },
  );
  app.post(
    '/api/assessment/schemes/import',
    {
      schema: {
        tags,
        summary: '从 .xlsx 导入指标体系为草稿（列：类别、类别分值、项目、项目分值、指标、指数值、考核周期、评分层级、须附佐证、分值来源）',
        consumes: ['multipart/form-data'],
        querystring: ImportSchemeQuery,
        response: { 201: SchemeDetail },
      },
      config: { policy: 'assessment:configure' },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', { zh: '请以表单文件（multipart/form-data）上传', en: 'Upload as multipart/form-data' });
      const file = await request.file({ limits: { fileSize: 2 * 1024 * 1024, files: 1 } });
      if (!file) throw new AppError('validation_failed', { zh: '没有收到文件', en: 'No file received' });
      const content = await file.toBuffer();
      if (file.file.truncated) throw new AppError('payload_too_large', { zh: '文件不能超过 2 MB', en: 'At most 2 MB' });
      const id = await assessment.importScheme(request.actor!, request.query, content);
      return reply.status(201).send(await assessment.scheme(request.actor!, id));
    },
  );

  // 评分表
  app.get(
    '/api/assessment/sheets',
    { schema: { tags, summary: '评分表（本单位及以下）', querystring: ListSheetsQuery, response: { 200: SheetPage } }, config: { policy: 'assessment:read' } },
    async (request) => assessment.listSheets(request.actor!, request.query),
  );
  app.post(
    '/api/assessment/sheets',
    { schema: { tags, summary: '为下级单位新建某月评分表：计算类指标按记录自动得分', body: OpenSheetBody, response: { 201: SheetDetail } }, config: { policy: 'assessment:score' } },
    async (request, reply) => {
      const id = await assessment.openSheet(request.actor!, request.body);
      return reply.status(201).send(await assessment.sheet(request.actor!, id));
    },
  );
  app.post(
    '/api/assessment/sheets/batch',
    { schema: { tags, summary: '一键生成本月评分表：本单位范围内该类单位尚无本月评分表的，全部新建（计算类指标整体计算）', body: OpenSheetsBody, response: { 201: OpenedSheets } }, config: { policy: 'assessment:score' } },
    async (request, reply) => reply.status(201).send(await assessment.openSheets(request.actor!, request.body)),
  );
  app.get(
    '/api/assessment/sheets/:id',
    { schema: { tags, summary: '评分表详情：各指标得分、计算依据（可查看对应记录）、佐证、办理记录', params: IdParams, response: { 200: SheetDetail } }, config: { policy: 'assessment:read' } },
    async (request) => assessment.sheet(request.actor!, request.params.id),
  );
  app.put(
    '/api/assessment/sheets/:id/scores',
    { schema: { tags, summary: '填写人工评分和佐证、一票否决（仅评分中）', params: IdParams, body: SaveScoresBody, response: { 200: SheetDetail } }, config: { policy: 'assessment:score' } },
    async (request) => {
      await assessment.saveScores(request.actor!, request.params.id, request.body);
      return assessment.sheet(request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/assessment/sheets/:id/transitions/:transition',
    { schema: { tags, summary: '提交审核、退回（须说明理由）、审核通过、公布、申诉成立或驳回（须说明理由）、申诉期满锁定', params: SheetTransitionParams, body: FireSheetBody, response: { 200: SheetDetail } }, config: { policy: 'assessment:score' } },
    async (request) => {
      await assessment.fireSheet(request.actor!, request.params.id, request.params.transition, request.body);
      return assessment.sheet(request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/assessment/sheets/:id/appeal',
    { schema: { tags, summary: '被考核单位在申诉期内对已公布的评分表提出申诉（须说明理由并附佐证）', params: IdParams, body: AppealSheetBody, response: { 200: SheetDetail } }, config: { policy: 'assessment:appeal' } },
    async (request) => {
      await assessment.appealSheet(request.actor!, request.params.id, request.body);
      return assessment.sheet(request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/assessment/sheets/:id/appeal/files',
    {
      schema: { tags, summary: '上传申诉材料（照片、扫描件、PDF 等，10 MB 以内，每项申诉最多 10 个；被考核单位在申诉处理前）', params: IdParams, consumes: ['multipart/form-data'], response: { 201: SheetAppealFile } },
      config: { policy: 'assessment:appeal' },
    },
    async (request, reply) => {
      const { fileName, mimeType, content } = await receiveUpload(request, { maxBytes: 10 * 1024 * 1024, noun: { zh: '申诉材料', en: 'Appeal files' } });
      return reply.status(201).send(await assessment.attachAppealFile(request.actor!, request.params.id, { fileName, mimeType, content }));
    },
  );
  app.get(
    '/api/assessment/sheets/:id/appeal/files/:fileId',
    { schema: { tags, summary: '查看申诉材料（图片、PDF 可直接显示；能查看评分表的均可查看）', params: SheetAppealFileParams, response: { 200: FileDownload } }, config: { policy: 'assessment:read' } },
    async (request, reply) => {
      const f = await assessment.appealFile(request.actor!, request.params.id, request.params.fileId);
      const inline = f.mimeType.startsWith('image/') || f.mimeType === 'application/pdf';
      reply.header('Content-Type', f.mimeType);
      reply.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', f.fileName));
      reply.header('Cache-Control', 'private, max-age=300');
      return reply.send(f.content);
    },
  );
  app.get(
    '/api/assessment/settings',
    { schema: { tags, summary: '本县考核设置：评分表公布后的申诉期（天）', response: { 200: AssessmentSettings } }, config: { policy: 'assessment:read' } },
    async (request) => assessment.settings(request.actor!),
  );
  app.put(
    '/api/assessment/settings',
    { schema: { tags, summary: '设置申诉期（天，1–60；县委组织部）', body: SaveAssessmentSettingsBody, response: { 200: AssessmentSettings } }, config: { policy: 'assessment:configure' } },
    async (request) => {
      await assessment.saveSettings(request.actor!, request.body);
      return assessment.settings(request.actor!);
    },
  );
  app.post(
    '/api/assessment/sheets/:id/correct',
    { schema: { tags, summary: '更正已锁定的评分表：新建一个版本重新审核，原评分表保留', params: IdParams, response: { 201: SheetDetail } }, config: { policy: 'assessment:score' } },
    async (request, reply) => {
      const id = await assessment.correctSheet(request.actor!, request.params.id);
      return reply.status(201).send(await assessment.sheet(request.actor!, id));
    },
  );

  // 村干部报酬与绩效补贴
  app.get(
    '/api/assessment/subsidies',
    { schema: { tags, summary: '村（社区）干部年报酬标准与绩效补贴（按村年度考核结果，金额单位：分）', querystring: SubsidiesQuery, response: { 200: Subsidies } }, config: { policy: 'assessment:read' } },
    async (request) => assessment.subsidies(request.actor!, request.query.year),
  );
  app.get(
    '/api/assessment/subsidies/export',
    { schema: { tags, summary: '导出村干部绩效补贴表（.xlsx，供财政所发放；金额单位：元）', querystring: SubsidiesQuery, response: { 200: FileDownload } }, config: { policy: 'assessment:read' } },
    async (request, reply) => {
      const actor = request.actor!;
      const year = request.query.year;
      const s = await assessment.subsidies(actor, year);
      const rows = s.rows.map((r, i) => [i + 1, r.org.name, r.person, r.postLabel, yuan(r.standardFen), yuan(r.baseFen), r.villageScore, r.gradeLabel, yuan(r.performanceFen)]);
      await sendWorkbook(reply, `村干部绩效补贴_${year}.xlsx`, '绩效补贴', [
        { header: '序号', width: 6 }, { header: '村（社区）', width: 16 }, { header: '姓名', width: 10 }, { header: '职务', width: 22 },
        { header: '年报酬标准（元）', width: 16 }, { header: '基本报酬（元）', width: 14 }, { header: '村年度考核得分', width: 14 }, { header: '等次', width: 8 }, { header: '绩效补贴（元）', width: 14 },
      ], (async function* () { yield rows; })());
      await assessment.auditExport(actor, { year, rows: rows.length });
      return reply;
    },
  );

  // 考核结果
  app.get(
    '/api/assessment/results',
    { schema: { tags, summary: '考核结果：总分、等次、乡镇内和全县排名、月度走势、失分最多的指标', querystring: ResultsQuery, response: { 200: Results } }, config: { policy: 'assessment:read' } },
    async (request, reply) => {
      // the kept bytes, serialized once by this route's own schema (core/kept-answers.ts), sent past the typed reply
      const answer = await assessment.resultsAnswer(request.actor!, request.query, (r) => reply.serialize(r) as string);
      return sendKept(request, reply as FastifyReply, answer);
    },
  );

  // 考核对象 and 年度评选
  app.get(
    '/api/assessment/subjects',
    { schema: { tags, summary: '可评分的考核对象：按指标体系的对象类别列出本辖区的单位、第一书记（按任期）或已年终交账的项目，及本月已开的评分表', querystring: SubjectsQuery, response: { 200: SubjectList } }, config: { policy: 'assessment:read' } },
    async (request) => assessment.subjects(request.actor!, request.query),
  );
  app.get(
    '/api/assessment/project-ranking',
    { schema: { tags, summary: '年度评选：本年度项目按年交账考评得分在全县排名（只列本辖区的项目），可查看评分表', querystring: ProjectRankingQuery, response: { 200: ProjectRanking } }, config: { policy: 'assessment:read' } },
    async (request) => assessment.projectRanking(request.actor!, request.query),
  );
}
