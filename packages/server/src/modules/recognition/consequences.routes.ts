// 奖惩 routes: thin — schema, policy, one service call.
import type { TypedApp } from '../../core/http.js';
import { Consequence, ConsequencePage, CreateConsequenceBody, FileDownload, IdParams, ListConsequencesQuery } from '@lianxin/contract';
import { sendWorkbook } from '../../core/xlsx-write.js';
import type { ConsequenceService } from './consequences.service.js';

export async function consequenceRoutes(app: TypedApp, opts: { consequences: ConsequenceService }) {
  const { consequences } = opts;
  const tags = ['recognition'];

  app.get(
    '/api/recognition/consequences',
    { schema: { tags, summary: '奖惩记录（本单位及以下；按单位、人员、年度、类别筛选，新的在前）', querystring: ListConsequencesQuery, response: { 200: ConsequencePage } }, config: { policy: 'recognition:read' } },
    async (request) => consequences.list(request.actor!, request.query),
  );
  app.get(
    '/api/recognition/consequences/export',
    { schema: { tags, summary: '导出奖惩记录（.xlsx，与列表同一筛选；金额单位：元）', querystring: ListConsequencesQuery, response: { 200: FileDownload } }, config: { policy: 'recognition:read' } },
    async (request, reply) => {
      const rows = await consequences.exportRows(request.actor!, request.query);
      await sendWorkbook(reply, '奖惩记录.xlsx', '奖惩记录', [
        { header: '序号', width: 6 }, { header: '决定日期', width: 12 }, { header: '类别', width: 12 }, { header: '单位', width: 16 }, { header: '人员', width: 10 },
        { header: '奖惩事项', width: 24 }, { header: '金额（元）', width: 12 }, { header: '依据', width: 14 }, { header: '依据内容', width: 48 }, { header: '说明', width: 30 }, { header: '记录人', width: 12 },
      ], (async function* () {
        yield rows.map((r, i) => [i + 1, r.decidedOn, r.kindLabel, r.org.name, r.person?.name ?? '', r.title, r.amountFen === null ? null : r.amountFen / 100, r.basis.typeLabel, r.basis.label, r.detail ?? '', r.recordedBy]);
      })());
      return reply;
    },
  );
  app.post(
    '/api/recognition/consequences',
    { schema: { tags, summary: '记录奖惩（奖励、惩处、评优树先、记入干部档案），须关联已公布的评分表、年度考核结果或星级评定', body: CreateConsequenceBody, response: { 201: Consequence } }, config: { policy: 'recognition:consequence' } },
    async (request, reply) => {
      const id = await consequences.create(request.actor!, request.body);
      return reply.status(201).send(await consequences.get(request.actor!, id));
    },
  );
  app.get(
    '/api/recognition/consequences/:id',
    { schema: { tags, summary: '奖惩记录详情及其依据', params: IdParams, response: { 200: Consequence } }, config: { policy: 'recognition:read' } },
    async (request) => consequences.get(request.actor!, request.params.id),
  );
}
