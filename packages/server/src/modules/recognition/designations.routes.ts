// 称号认定 routes: the county's kinds, the register, the list, a designation's page, nominating,
// ticking criteria, evidence and the workflow's steps. Thin: schema, policy, one service call.
import type { TypedApp } from '../../core/http.js';
import {
  DesignationDetail,
  DesignationFile,
  DesignationFileParams,
  DesignationKinds,
  DesignationPage,
  DesignationRegister,
  DesignationRegisterQuery,
  DesignationTransitionParams,
  FileDownload,
  FireDesignationBody,
  IdParams,
  ListDesignationRecordsQuery,
  NominateBody,
  SaveChecksBody,
  SaveDesignationKindsBody,
} from '@lianxin/contract';
import { contentDisposition } from '../../core/file-type.js';
import { sendWorkbook } from '../../core/xlsx-write.js';
import { DESIGNATION_SECTOR_LABELS, DESIGNATION_STATE_LABELS, DESIGNATION_TARGET_LABELS, STATION_DESIGNATION_LABELS, type StationDesignationKind } from '@lianxin/contract';
import { receiveUpload } from '../../core/upload.js';
import type { DesignationService } from './designations.service.js';

const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export async function designationRoutes(app: TypedApp, opts: { designations: DesignationService }) {
  const { designations } = opts;
  const tags = ['recognition'];

  app.get(
    '/api/recognition/designation-kinds',
    { schema: { tags, summary: '本县称号类别和认定标准（四创建四争当、产业示范点、示范户、党建示范点；未保存时为样例）', response: { 200: DesignationKinds } }, config: { policy: 'recognition:read' } },
    async (request) => designations.kinds(request.actor!),
  );
  app.put(
    '/api/recognition/designation-kinds',
    { schema: { tags, summary: '保存本县称号类别和认定标准（县委组织部；每次保存为新版本，已使用的类别只能停用）', body: SaveDesignationKindsBody, response: { 200: DesignationKinds } }, config: { policy: 'recognition:configure' } },
    async (request) => designations.saveKinds(request.actor!, request.body),
  );
  app.get(
    '/api/recognition/designation-register',
    { schema: { tags, summary: '称号台账：本级以下各单位按类别的已命名称号数（含工作站称号），可逐级下钻', querystring: DesignationRegisterQuery, response: { 200: DesignationRegister } }, config: { policy: 'recognition:read' } },
    async (request) => designations.register(request.actor!, request.query),
  );
  app.get(
    '/api/recognition/designation-register/export',
    { schema: { tags, summary: '导出称号台账（.xlsx：本级以下各单位按类别的已命名称号数和工作站称号，与台账同一单位、年度）', querystring: DesignationRegisterQuery, response: { 200: FileDownload } }, config: { policy: 'recognition:read' } },
    async (request, reply) => {
      const r = await designations.exportRegister(request.actor!, request.query);
      const stationKinds = Object.keys(STATION_DESIGNATION_LABELS) as StationDesignationKind[];
      await sendWorkbook(reply, `称号台账（${r.node.name}${request.query.year ? `，${request.query.year}年` : ''}）.xlsx`, '称号台账', [
        { header: '单位', width: 20 },
        ...r.kinds.map((k) => ({ header: k.name, width: 12 })),
        { header: '合计', width: 8 },
        ...stationKinds.map((k) => ({ header: STATION_DESIGNATION_LABELS[k].zh, width: 12 })),
      ], (async function* () {
        yield r.rows.map((row) => [row.org.name, ...r.kinds.map((k) => row.counts[k.code] ?? 0), row.total, ...stationKinds.map((k) => row.stations[k] ?? 0)]);
        yield [[`${r.node.name}合计`, ...r.kinds.map((k) => r.totals[k.code] ?? 0), r.total, ...stationKinds.map((k) => r.stationTotals[k] ?? 0)]];
      })());
      return reply;
    },
  );
  app.get(
    '/api/recognition/designations/export',
    { schema: { tags, summary: '导出称号名单（.xlsx，与名单同一筛选，最多 5000 行；奖励金额单位：元）', querystring: ListDesignationRecordsQuery, response: { 200: FileDownload } }, config: { policy: 'recognition:read' } },
    async (request, reply) => {
      const rows = await designations.exportList(request.actor!, request.query);
      await sendWorkbook(reply, '称号名单.xlsx', '称号名单', [
        { header: '序号', width: 6 }, { header: '称号', width: 16 }, { header: '领域', width: 12 }, { header: '授予对象', width: 10 }, { header: '名称', width: 20 },
        { header: '所属组织', width: 18 }, { header: '乡镇', width: 12 }, { header: '年度', width: 8 }, { header: '状态', width: 10 }, { header: '推荐日期', width: 12 },
        { header: '命名日期', width: 12 }, { header: '最近复核年度', width: 12 }, { header: '待复核', width: 8 }, { header: '奖励（元）', width: 10 },
      ], (async function* () {
        yield rows.map((d, i) => [
          i + 1, d.kind.name, DESIGNATION_SECTOR_LABELS[d.kind.sector].zh, DESIGNATION_TARGET_LABELS[d.kind.target].zh, d.unit.name, d.unit.org.name, d.township?.name ?? '',
          d.year, DESIGNATION_STATE_LABELS[d.status].zh, d.nominatedOn, d.publishedOn ?? '', d.reviewedYear, d.reviewDue ? '是' : '', d.awardFen === null ? null : d.awardFen / 100,
        ]);
      })());
      return reply;
    },
  );
  app.get(
    '/api/recognition/designations',
    { schema: { tags, summary: '称号名单（管辖范围内，可按组织、类别、状态、年度、待复核筛选）', querystring: ListDesignationRecordsQuery, response: { 200: DesignationPage } }, config: { policy: 'recognition:read' } },
    async (request) => designations.list(request.actor!, request.query),
  );
  app.post(
    '/api/recognition/designations',
    { schema: { tags, summary: '推荐称号（乡镇党委或县委组织部推荐下级党组织、党员、示范点、示范户，附推荐事迹）', body: NominateBody, response: { 201: DesignationDetail } }, config: { policy: 'recognition:nominate' } },
    async (request, reply) => reply.status(201).send(await designations.nominate(request.actor!, request.body)),
  );
  app.get(
    '/api/recognition/designations/:id',
    { schema: { tags, summary: '一项称号：认定标准核对、佐证材料、办理过程和本单位的历次称号', params: IdParams, response: { 200: DesignationDetail } }, config: { policy: 'recognition:read' } },
    async (request) => designations.detail(request.actor!, request.params.id),
  );
  app.put(
    '/api/recognition/designations/:id/criteria',
    { schema: { tags, summary: '核对认定标准（推荐中或年度复核中，上级党组织逐项填写是否符合及说明）', params: IdParams, body: SaveChecksBody, response: { 200: DesignationDetail } }, config: { policy: 'recognition:nominate' } },
    async (request) => designations.saveChecks(request.actor!, request.params.id, request.body),
  );
  app.post(
    '/api/recognition/designations/:id/evidence',
    {
      schema: { tags, summary: '上传佐证材料（图片、PDF、Word、Excel，10 MB 以内；推荐中或复核中）', params: IdParams, consumes: ['multipart/form-data'], response: { 201: DesignationFile } },
      config: { policy: 'recognition:nominate' },
    },
    async (request, reply) => {
      const { fileName, mimeType, content } = await receiveUpload(request, { maxBytes: MAX_EVIDENCE_BYTES, noun: { zh: '佐证材料', en: 'Evidence files' } });
      return reply.status(201).send(await designations.attach(request.actor!, request.params.id, { fileName, mimeType, content }));
    },
  );
  app.get(
    '/api/recognition/designations/:id/evidence/:fileId',
    { schema: { tags, summary: '下载佐证材料（图片、PDF 可直接显示）', params: DesignationFileParams, response: { 200: FileDownload } }, config: { policy: 'recognition:read' } },
    async (request, reply) => {
      const f = await designations.evidence(request.actor!, request.params.id, request.params.fileId);
      const inline = f.mimeType.startsWith('image/') || f.mimeType === 'application/pdf';
      reply.header('Content-Type', f.mimeType);
      reply.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', f.fileName));
      reply.header('Cache-Control', 'private, max-age=300');
      return reply.send(f.content);
    },
  );
  app.post(
    '/api/recognition/designations/:id/transitions/:transition',
    { schema: { tags, summary: '核查通过报县、退回补充、审定、不予命名、命名公布（可填奖励金额，分）、开始年度复核、复核通过、撤销称号', params: DesignationTransitionParams, body: FireDesignationBody, response: { 200: DesignationDetail } }, config: { policy: 'recognition:nominate' } },
    async (request) => {
      await designations.fire(request.actor!, request.params.id, request.params.transition, request.body);
      return designations.detail(request.actor!, request.params.id);
    },
  );
}
