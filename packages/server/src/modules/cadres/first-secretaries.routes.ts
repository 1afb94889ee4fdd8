// 第一书记 routes: the list, one page with the work log, the county's daily subsidy figure and the
// subsidy table with its .xlsx export. Thin: schema, policy, one service call.
import type { TypedApp } from '../../core/http.js';
import {
  FileDownload,
  FirstSecretaryDetail,
  FirstSecretaryLogQuery,
  FirstSecretaryPage,
  FirstSecretarySubsidy,
  FirstSecretarySubsidyQuery,
  FirstSecretarySubsidyRate,
  IdParams,
  ListFirstSecretariesQuery,
  PutFirstSecretarySubsidyRateBody,
} from '@lianxin/contract';
import { allPages, cellsOf, sendWorkbook } from '../../core/xlsx-write.js';
import type { FirstSecretaryService } from './first-secretaries.service.js';

const yuan = (fen: number) => fen / 100;

export async function firstSecretaryRoutes(app: TypedApp, opts: { firstSecretaries: FirstSecretaryService }) {
  const fs = opts.firstSecretaries;
  const tags = ['cadres'];

  app.get(
    '/api/first-secretaries/export',
    { schema: { tags, summary: '导出第一书记名单（.xlsx，筛选条件同列表）', querystring: ListFirstSecretariesQuery, response: { 200: FileDownload } }, config: { policy: 'cadre:export' } },
    async (request, reply) => {
      const { page: _p, pageSize: _s, ...q } = request.query;
      const pages = await allPages((page, pageSize) => fs.list(request.actor!, { ...q, page, pageSize }));
      await sendWorkbook(reply, `第一书记名单-${q.year ?? new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()}.xlsx`, '第一书记', [
        { header: '村（社区）', width: 20 }, { header: '姓名', width: 10 }, { header: '选派单位', width: 24 }, { header: '任职开始', width: 12 },
        { header: '任职结束', width: 12 }, { header: '在任', width: 6 }, { header: '在任天数', width: 10 },
      ], cellsOf(pages, (r) => [r.village.name, r.person.name, r.sentFrom ?? '', r.startDate, r.endDate ?? '', r.current ? '是' : '', r.daysInPost]));
      return reply;
    },
  );

  app.get(
    '/api/first-secretaries',
    { schema: { tags, summary: '第一书记名单：选派单位、任职起止、在任天数（某年内任过职的）', querystring: ListFirstSecretariesQuery, response: { 200: FirstSecretaryPage } }, config: { policy: 'cadre:read' } },
    async (request) => fs.list(request.actor!, request.query),
  );
  app.get(
    '/api/first-secretaries/subsidy-rate',
    { schema: { tags, summary: '本县第一书记生活补贴标准（每天，分）', response: { 200: FirstSecretarySubsidyRate } }, config: { policy: 'cadre:read' } },
    async (request) => fs.rate(request.actor!),
  );
  app.put(
    '/api/first-secretaries/subsidy-rate',
    { schema: { tags, summary: '设置第一书记生活补贴标准（县委组织部）', body: PutFirstSecretarySubsidyRateBody, response: { 200: FirstSecretarySubsidyRate } }, config: { policy: 'cadre:configure' } },
    async (request) => fs.setRate(request.actor!, request.body.dailyFen),
  );
  app.get(
    '/api/first-secretaries/subsidy',
    { schema: { tags, summary: '第一书记生活补贴表：按任职起止日期计算的各月在村天数 × 每天标准（年度或某月）', querystring: FirstSecretarySubsidyQuery, response: { 200: FirstSecretarySubsidy } }, config: { policy: 'cadre:read' } },
    async (request) => fs.subsidy(request.actor!, request.query),
  );
  app.get(
    '/api/first-secretaries/subsidy/export',
    { schema: { tags, summary: '导出第一书记生活补贴表（.xlsx；金额单位：元）', querystring: FirstSecretarySubsidyQuery, response: { 200: FileDownload } }, config: { policy: 'cadre:read' } },
    async (request, reply) => {
      const actor = request.actor!;
      const s = await fs.subsidy(actor, request.query);
      const monthCols = s.month ? [`${s.month}月天数`] : Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
      const rows = s.rows.map((r, i) => [i + 1, r.village.name, r.person.name, r.sentFrom ?? '', r.startDate, r.endDate ?? '在任', ...r.months, r.days, yuan(s.dailyFen), yuan(r.amountFen)]);
      rows.push(['合计', '', '', '', '', '', ...monthCols.map((_, m) => s.rows.reduce((a, r) => a + r.months[m]!, 0)), s.totalDays, '', yuan(s.totalFen)]);
      const name = s.month ? `第一书记生活补贴_${s.year}年${s.month}月.xlsx` : `第一书记生活补贴_${s.year}年.xlsx`;
      await sendWorkbook(reply, name, '生活补贴', [
        { header: '序号', width: 6 }, { header: '村（社区）', width: 16 }, { header: '姓名', width: 10 }, { header: '选派单位', width: 20 },
        { header: '任职开始', width: 12 }, { header: '任职结束', width: 12 },
        ...monthCols.map((h) => ({ header: h, width: s.month ? 10 : 6 })),
        { header: '在村天数', width: 10 }, { header: '每天标准（元）', width: 12 }, { header: '补贴金额（元）', width: 14 },
      ], (async function* () { yield rows; })());
      await fs.auditExport(actor, { year: s.year, month: s.month, rows: s.rows.length });
      return reply;
    },
  );
  app.get(
    '/api/first-secretaries/:id',
    { schema: { tags, summary: '一位第一书记（按任职记录）：任职、在任天数、工作纪实（民情日记、经办群众事项、参加会议、讲党课，均取自原始记录）和本年生活补贴', params: IdParams, querystring: FirstSecretaryLogQuery, response: { 200: FirstSecretaryDetail } }, config: { policy: 'cadre:read' } },
    async (request) => fs.detail(request.actor!, request.params.id, request.query),
  );
}
