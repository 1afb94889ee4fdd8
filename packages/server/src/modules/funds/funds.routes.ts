// 经费、报酬、阵地 routes: thin — schema, policy, one service call.
import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AllowanceStandardTable,
  SaveAllowanceStandardsBody,
  AdjustAllocationBody,
  Allocation,
  AllocationDetail,
  AllocationList,
  AllocationsApplied,
  AllocationsQuery,
  Allowances,
  ApplyStandardsBody,
  AwardList,
  ChecklistItemParams,
  ChecklistParams,
  ChecklistTemplates,
  CopyFundStandardsBody,
  CreateAllocationBody,
  CreateAwardBody,
  CreateDutyShiftBody,
  CreateVenueBody,
  Award,
  DutyCandidates,
  DutyShift,
  DutyShiftList,
  DutyShiftsQuery,
  FacilityBoard,
  FacilityBoardQuery,
  FileDownload,
  FormerCadreRule,
  FormerCadres,
  FUND_LINE_LABELS,
  FundRollup,
  FundStandards,
  IdParams,
  NoContent,
  RecordSpendingBody,
  RollupQuery,
  SaveChecklistBody,
  SaveChecklistTemplateBody,
  SaveFormerCadreRuleBody,
  SaveFundStandardsBody,
  Spending,
  UnitChecklist,
  UpdateVenueBody,
  Venue,
  VenueList,
  VenuesQuery,
  YearQuery,
  YearPageQuery,
  ChecklistKindParams,
  AwardsQuery,
} from '@lianxin/contract';
import type { TypedApp } from '../../core/http.js';
import { contentDisposition } from '../../core/file-type.js';
import { receiveUpload } from '../../core/upload.js';
import { neutralize, sendWorkbook } from '../../core/xlsx-write.js';
import type { FundsService } from './funds.service.js';
import type { FacilitiesService } from './facilities.service.js';

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const yuan = (fen: number) => Math.round(fen) / 100;

/** One uploaded file, typed by its content; `images` refuses anything but a picture. */
async function readUpload(request: FastifyRequest, images: boolean) {
  const { fileName, mimeType, content } = await receiveUpload(request, {
    maxBytes: MAX_UPLOAD_BYTES,
    noun: { zh: '文件', en: 'Files' },
    accept: (type) => type.image || (!images && type.mime === 'application/pdf'),
    refused: images ? { zh: '只能上传图片（JPG、PNG、GIF、WebP）', en: 'Images only' } : { zh: '凭证只能是图片或 PDF', en: 'Vouchers are images or PDF' },
  });
  return { fileName, mimeType, content };
}

function sendFile(reply: FastifyReply, f: { fileName: string; mimeType: string; content: Buffer }) {
  const inline = f.mimeType.startsWith('image/') || f.mimeType === 'application/pdf';
  reply.header('Content-Type', f.mimeType);
  reply.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', f.fileName));
  reply.header('Cache-Control', 'private, max-age=300');
  return reply.send(f.content);
}

export async function fundsRoutes(app: TypedApp, opts: { funds: FundsService; facilities: FacilitiesService }) {
  const { funds, facilities } = opts;
  const tags = ['funds'];

  // ---- standards
  app.get('/api/funds/standards', { schema: { tags, summary: '本县某年度经费标准（按单位类型和经费项目；未制定时为种子材料的标准）', querystring: YearQuery, response: { 200: FundStandards } }, config: { policy: 'funds:read' } },
    async (request) => funds.standards(request.actor!, request.query.year));
  app.put('/api/funds/standards', { schema: { tags, summary: '修改本县某年度经费标准（县委组织部）', body: SaveFundStandardsBody, response: { 200: FundStandards } }, config: { policy: 'funds:configure' } },
    async (request) => funds.saveStandards(request.actor!, request.body));
  app.post('/api/funds/standards/copy', { schema: { tags, summary: '把一年的经费标准复制到另一年（目标年度已有标准时回答 409）', body: CopyFundStandardsBody, response: { 200: FundStandards } }, config: { policy: 'funds:configure' } },
    async (request) => funds.copyStandards(request.actor!, request.body));

  // ---- allowance standards (村干部报酬标准 by year)
  app.get('/api/funds/allowance-standards', { schema: { tags, summary: '本县某年度村干部报酬标准（当年未制定时沿用此前最近一年的，从未制定时为种子材料的标准）', querystring: YearQuery, response: { 200: AllowanceStandardTable } }, config: { policy: 'funds:read' } },
    async (request) => funds.allowanceStandards(request.actor!, request.query.year));
  app.put('/api/funds/allowance-standards', { schema: { tags, summary: '修改本县某年度村干部报酬标准（县委组织部；一肩挑不低于单任书记或主任）', body: SaveAllowanceStandardsBody, response: { 200: AllowanceStandardTable } }, config: { policy: 'funds:configure' } },
    async (request) => funds.saveAllowanceStandards(request.actor!, request.body));

  // ---- allocations and spending
  app.get('/api/funds/allocations', { schema: { tags, summary: '经费下达（按单位、年度、经费项目，含已支出和余额）', querystring: AllocationsQuery, response: { 200: AllocationList } }, config: { policy: 'funds:read' } },
    async (request) => funds.allocations(request.actor!, request.query));
  app.post('/api/funds/allocations', { schema: { tags, summary: '给一个单位下达一项经费（默认按标准；金额不同须写明原因）', body: CreateAllocationBody, response: { 201: Allocation } }, config: { policy: 'funds:configure' } },
    async (request, reply) => reply.status(201).send(await funds.createAllocation(request.actor!, request.body)));
  app.post('/api/funds/allocations/apply', { schema: { tags, summary: '按标准给全县各单位下达经费（已下达的保留不变）', body: ApplyStandardsBody, response: { 200: AllocationsApplied } }, config: { policy: 'funds:configure' } },
    async (request) => funds.applyStandards(request.actor!, request.body.year));
  app.get('/api/funds/allocations/:id', { schema: { tags, summary: '一项经费及其支出明细', params: IdParams, response: { 200: AllocationDetail } }, config: { policy: 'funds:read' } },
    async (request) => funds.allocation(request.actor!, request.params.id));
  app.patch('/api/funds/allocations/:id', { schema: { tags, summary: '调整下达金额（写明原因；不能少于已支出）', params: IdParams, body: AdjustAllocationBody, response: { 200: Allocation } }, config: { policy: 'funds:configure' } },
    async (request) => funds.adjustAllocation(request.actor!, request.params.id, request.body));
  app.post('/api/funds/allocations/:id/spendings', { schema: { tags, summary: '登记一笔支出（日期、金额、用途；不能超出余额）；回答登记的支出，同 GET /api/funds/spendings/{id}', params: IdParams, body: RecordSpendingBody, response: { 201: Spending } }, config: { policy: 'funds:spend' } },
    async (request, reply) => reply.status(201).send(await funds.recordSpending(request.actor!, request.params.id, request.body)));
  app.get('/api/funds/spendings/:id', { schema: { tags, summary: '一笔支出（所属单位在本辖区内）', params: IdParams, response: { 200: Spending } }, config: { policy: 'funds:read' } },
    async (request) => funds.spending(request.actor!, request.params.id));
  app.post('/api/funds/spendings/:id/voucher',
    { schema: { tags, summary: '上传支出凭证（图片或 PDF，10 MB 以内）', params: IdParams, consumes: ['multipart/form-data'], response: { 204: NoContent } }, config: { policy: 'funds:spend' } },
    async (request, reply) => {
      await funds.attachVoucher(request.actor!, request.params.id, await readUpload(request, false));
      return reply.status(204).send(null);
    });
  app.get('/api/funds/spendings/:id/voucher', { schema: { tags, summary: '查看支出凭证', params: IdParams, response: { 200: FileDownload } }, config: { policy: 'funds:read' } },
    async (request, reply) => sendFile(reply, await funds.voucher(request.actor!, request.params.id)));
  app.get('/api/funds/rollup', { schema: { tags, summary: '经费汇总：县—乡镇—村逐级下钻', querystring: RollupQuery, response: { 200: FundRollup } }, config: { policy: 'funds:read' } },
    async (request) => funds.rollup(request.actor!, request.query));
  app.get('/api/funds/export', { schema: { tags, summary: '导出经费下达和支出明细（.xlsx，两张工作表，供财务）', querystring: YearQuery, response: { 200: FileDownload } }, config: { policy: 'funds:read' } },
    async (request, reply) => {
      const { allocations, spendings } = await funds.fundsForExport(request.actor!, request.query.year);
      const wb = new ExcelJS.Workbook();
      const a = wb.addWorksheet('经费下达');
      a.columns = [{ header: '单位', width: 24 }, { header: '经费项目', width: 18 }, { header: '标准（元）', width: 12 }, { header: '下达（元）', width: 12 }, { header: '调整原因', width: 24 }, { header: '已支出（元）', width: 12 }, { header: '余额（元）', width: 12 }];
      a.getRow(1).font = { bold: true };
      for (const r of allocations) a.addRow([neutralize(r.org.name), r.lineLabel, r.standardFen === null ? null : yuan(r.standardFen), yuan(r.amountFen), neutralize(r.reason ?? ''), yuan(r.spentFen), yuan(r.balanceFen)]);
      const s = wb.addWorksheet('支出明细');
      s.columns = [{ header: '单位', width: 24 }, { header: '经费项目', width: 18 }, { header: '日期', width: 12 }, { header: '金额（元）', width: 12 }, { header: '用途', width: 30 }, { header: '凭证', width: 8 }, { header: '登记人', width: 12 }];
      s.getRow(1).font = { bold: true };
      for (const r of spendings) s.addRow([neutralize(r.org_name), FUND_LINE_LABELS[r.line as keyof typeof FUND_LINE_LABELS].zh, r.spent_on, yuan(Number(r.amount_fen)), neutralize(r.purpose), r.voucher_name ? '有' : '', neutralize(r.recorded_by)]);
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      reply.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('Content-Disposition', contentDisposition('attachment', `经费下达和支出-${request.query.year}.xlsx`));
      return reply.send(buf);
    });

  // ---- allowances, former cadres, awards
  app.get('/api/funds/allowances', { schema: { tags, summary: '村（社区）干部年度报酬：按任职天数和报酬标准计算（一肩挑按一肩挑标准，兼任按较高者；分页，合计为全年）', querystring: YearPageQuery, response: { 200: Allowances } }, config: { policy: 'funds:read' } },
    async (request) => funds.allowances(request.actor!, request.query));
  app.get('/api/funds/allowances/export', { schema: { tags, summary: '导出村干部报酬表（.xlsx：单位、姓名、岗位、在岗天数、金额；不含身份证号、电话）', querystring: YearQuery, response: { 200: FileDownload } }, config: { policy: 'funds:read' } },
    async (request, reply) => {
      const year = request.query.year;
      const data = await funds.allowancesOfYear(request.actor!, year);
      await funds.auditExport(request.actor!, year, 'allowances', data.items.length);
      async function* rows() {
        yield data.items.map((r) => [
          r.org.name, r.person.name, r.posts.map((p) => p.postLabel).join('、'), r.posts.map((p) => `${p.startDate}—${p.endDate ?? '至今'}`).join('；'),
          r.days, r.concurrentDays, yuan(r.amountFen),
        ]);
        yield [['合计', '', '', '', null, null, yuan(data.totalFen)]];
      }
      await sendWorkbook(reply, `村干部报酬-${year}.xlsx`, `${year}年村干部报酬`, [
        { header: '单位', width: 20 }, { header: '姓名', width: 10 }, { header: '岗位', width: 24 }, { header: '任职期间', width: 30 },
        { header: '在岗天数', width: 10 }, { header: '一肩挑天数', width: 10 }, { header: '报酬（元）', width: 12 },
      ], rows());
      return reply;
    });
  app.get('/api/funds/former-cadres', { schema: { tags, summary: '离任村干部生活补贴：按任职年限和本县规则计算（分页，合计为全年）', querystring: YearPageQuery, response: { 200: FormerCadres } }, config: { policy: 'funds:read' } },
    async (request) => funds.formerCadres(request.actor!, request.query));
  app.put('/api/funds/former-cadre-rule', { schema: { tags, summary: '修改离任村干部生活补贴规则（县委组织部）', body: SaveFormerCadreRuleBody, response: { 200: FormerCadreRule } }, config: { policy: 'funds:configure' } },
    async (request) => funds.saveFormerRule(request.actor!, request.body));
  app.get('/api/funds/awards', { schema: { tags, summary: '表彰奖励（含“七一”表彰的党建示范站）', querystring: AwardsQuery, response: { 200: AwardList } }, config: { policy: 'funds:read' } },
    async (request) => funds.awards(request.actor!, request.query.year, request.query.page, request.query.pageSize));
  app.post('/api/funds/awards', { schema: { tags, summary: '登记一项表彰奖励（县委组织部）', body: CreateAwardBody, response: { 201: Award } }, config: { policy: 'funds:configure' } },
    async (request, reply) => reply.status(201).send(await funds.createAward(request.actor!, request.body)));
  app.get('/api/funds/awards/:id', { schema: { tags, summary: '一项表彰奖励（本模块登记的；可见范围同列表）', params: IdParams, response: { 200: Award } }, config: { policy: 'funds:read' } },
    async (request) => funds.award(request.actor!, request.params.id));

  // ---- facilities
  const ftags = ['facilities'];
  app.get('/api/facilities/templates', { schema: { tags: ftags, summary: '本县设施标准：工作站“六个到位”、乡镇“六有”、村级“十有”的项目', response: { 200: ChecklistTemplates } }, config: { policy: 'funds:read' } },
    async (request) => facilities.templates(request.actor!));
  app.put('/api/facilities/templates/:kind', { schema: { tags: ftags, summary: '修改一类设施标准的项目（县委组织部）', params: ChecklistKindParams, body: SaveChecklistTemplateBody, response: { 200: ChecklistTemplates } }, config: { policy: 'funds:configure' } },
    async (request) => facilities.saveTemplate(request.actor!, request.params.kind, request.body.items));
  app.get('/api/facilities/board', { schema: { tags: ftags, summary: '设施达标情况：全部项目达标的单位占比，按乡镇汇总并下钻', querystring: FacilityBoardQuery, response: { 200: FacilityBoard } }, config: { policy: 'funds:read' } },
    async (request) => facilities.board(request.actor!, request.query));
  app.get('/api/facilities/units/:id/checklists/:kind', { schema: { tags: ftags, summary: '一个单位的设施清单（各项达标与否、照片、投入）', params: ChecklistParams, response: { 200: UnitChecklist } }, config: { policy: 'funds:read' } },
    async (request) => facilities.checklist(request.actor!, request.params.id, request.params.kind));
  app.put('/api/facilities/units/:id/checklists/:kind', { schema: { tags: ftags, summary: '保存一个单位的设施清单（version 为读取时的版本，首次为 0）', params: ChecklistParams, body: SaveChecklistBody, response: { 200: UnitChecklist } }, config: { policy: 'funds:facility' } },
    async (request) => facilities.saveChecklist(request.actor!, request.params.id, request.params.kind, request.body));
  app.post('/api/facilities/units/:id/checklists/:kind/items/:key/photo',
    { schema: { tags: ftags, summary: '上传一项的现场照片（仅图片，10 MB 以内）', params: ChecklistItemParams, consumes: ['multipart/form-data'], response: { 201: UnitChecklist } }, config: { policy: 'funds:facility' } },
    async (request, reply) => reply.status(201).send(await facilities.attachPhoto(request.actor!, request.params.id, request.params.kind, request.params.key, await readUpload(request, true))));
  app.get('/api/facilities/units/:id/checklists/:kind/items/:key/photo', { schema: { tags: ftags, summary: '查看一项的现场照片', params: ChecklistItemParams, response: { 200: FileDownload } }, config: { policy: 'funds:read' } },
    async (request, reply) => sendFile(reply, await facilities.photo(request.actor!, request.params.id, request.params.kind, request.params.key)));

  // ---- venues and duty rosters
  app.get('/api/venues', { schema: { tags: ftags, summary: '阵地（群众之家、便民服务站、党群服务中心）及当前值班', querystring: VenuesQuery, response: { 200: VenueList } }, config: { policy: 'funds:read' } },
    async (request) => facilities.venues(request.actor!, request.query));
  app.post('/api/venues', { schema: { tags: ftags, summary: '登记阵地', body: CreateVenueBody, response: { 201: Venue } }, config: { policy: 'funds:facility' } },
    async (request, reply) => reply.status(201).send(await facilities.createVenue(request.actor!, request.body)));
  app.get('/api/venues/:id', { schema: { tags: ftags, summary: '一处阵地及当前值班（本辖区内）', params: IdParams, response: { 200: Venue } }, config: { policy: 'funds:read' } },
    async (request) => facilities.venue(request.actor!, request.params.id));
  app.patch('/api/venues/:id', { schema: { tags: ftags, summary: '修改阵地（状况、开放时间、服务电话）', params: IdParams, body: UpdateVenueBody, response: { 200: Venue } }, config: { policy: 'funds:facility' } },
    async (request) => facilities.updateVenue(request.actor!, request.params.id, request.body));
  app.get('/api/venues/:id/shifts', { schema: { tags: ftags, summary: '值班表（默认昨天起 8 天）', params: IdParams, querystring: DutyShiftsQuery, response: { 200: DutyShiftList } }, config: { policy: 'funds:read' } },
    async (request) => facilities.shifts(request.actor!, request.params.id, request.query));
  app.get('/api/venues/:id/duty-candidates', { schema: { tags: ftags, summary: '可排班的人员（本单位在任人员）', params: IdParams, response: { 200: DutyCandidates } }, config: { policy: 'funds:read' } },
    async (request) => facilities.candidates(request.actor!, request.params.id));
  app.post('/api/venues/:id/shifts', { schema: { tags: ftags, summary: '排一个班（结束须晚于开始，一次不超过 7 天）；回答排好的班，同 GET /api/duty-shifts/{id}', params: IdParams, body: CreateDutyShiftBody, response: { 201: DutyShift } }, config: { policy: 'funds:facility' } },
    async (request, reply) => reply.status(201).send(await facilities.addShift(request.actor!, request.params.id, request.body)));
  app.get('/api/duty-shifts/:id', { schema: { tags: ftags, summary: '一个班（阵地在本辖区内）', params: IdParams, response: { 200: DutyShift } }, config: { policy: 'funds:read' } },
    async (request) => facilities.shift(request.actor!, request.params.id));
  app.delete('/api/duty-shifts/:id', { schema: { tags: ftags, summary: '删除一个班', params: IdParams, response: { 204: NoContent } }, config: { policy: 'funds:facility' } },
    async (request, reply) => {
      await facilities.removeShift(request.actor!, request.params.id);
      return reply.status(204).send(null);
    });
}
