// 公开选拔 · 换届 · 结对培养 routes. Thin: schema, policy, one service call.
import type { TypedApp } from '../../core/http.js';
import {
  ApplySelectionBody,
  CandidateParams,
  CreateMentoringBody,
  ElectBody,
  ElectionBoard,
  ElectionRoundPage,
  ElectionVillage,
  FireSelectionBody,
  IdParams,
  InspectBody,
  ListElectionsQuery,
  ListMentoringQuery,
  ListSelectionsQuery,
  MentoringContactBody,
  MentoringDetail,
  MentoringPage,
  MentoringSummary,
  MentoringSummaryQuery,
  OpenElectionBody,
  RecommendBody,
  RegisterCandidateBody,
  ScoreCandidateBody,
  SelectionDetail,
  SelectionPage,
  SelectionTransitionParams,
  VetCandidateBody,
  FileDownload,
  MENTEE_KIND_LABELS,
  MENTOR_KIND_LABELS,
  MENTORING_MODE_LABELS,
} from '@lianxin/contract';
import { allPages, cellsOf, sendWorkbook } from '../../core/xlsx-write.js';
import type { SelectionService } from './selection.service.js';

export async function selectionRoutes(app: TypedApp, opts: { selection: SelectionService }) {
  const { selection } = opts;
  const tags = ['selection'];

  app.get(
    '/api/mentoring/export',
    { schema: { tags, summary: '导出结对培养台账（.xlsx，筛选条件同列表）', querystring: ListMentoringQuery, response: { 200: FileDownload } }, config: { policy: 'selection:read' } },
    async (request, reply) => {
      const { page: _p, pageSize: _s, ...q } = request.query;
      const pages = await allPages((page, pageSize) => selection.listPairs(request.actor!, { ...q, page, pageSize }));
      await sendWorkbook(reply, `结对培养-${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}.xlsx`, '结对培养', [
        { header: '组织', width: 20 }, { header: '方式', width: 8 }, { header: '被培养人', width: 10 }, { header: '类别', width: 14 },
        { header: '培养人', width: 30 }, { header: '开始日期', width: 12 }, { header: '培养目标', width: 30 }, { header: '联系次数', width: 10 }, { header: '最近联系', width: 12 },
      ], cellsOf(pages, (r) => [
        r.org.name, MENTORING_MODE_LABELS[r.mode].zh, r.mentee.name, MENTEE_KIND_LABELS[r.menteeKind].zh,
        r.mentors.map((m) => `${m.name}（${MENTOR_KIND_LABELS[m.kind].zh}）`).join('、'), r.startedOn, r.goal ?? '', r.contacts, r.lastContactOn ?? '',
      ]));
      return reply;
    },
  );

  // 公开选拔
  app.get(
    '/api/selections',
    { schema: { tags, summary: '公开选拔（管辖范围内，可按村和阶段筛选）', querystring: ListSelectionsQuery, response: { 200: SelectionPage } }, config: { policy: 'selection:read' } },
    async (request) => selection.listSelections(request.actor!, request.query),
  );
  app.post(
    '/api/selections',
    { schema: { tags, summary: '乡镇党委申报：为村（社区）书记或第一书记岗位申请公开选拔', body: ApplySelectionBody, response: { 201: SelectionDetail } }, config: { policy: 'selection:write' } },
    async (request, reply) => reply.status(201).send(await selection.apply(request.actor!, request.body)),
  );
  app.get(
    '/api/selections/:id',
    { schema: { tags, summary: '一次公开选拔：报名人、联审联查、笔试面试成绩、考察和过程', params: IdParams, response: { 200: SelectionDetail } }, config: { policy: 'selection:read' } },
    async (request) => selection.selection(request.actor!, request.params.id),
  );
  app.post(
    '/api/selections/:id/candidates',
    { schema: { tags, summary: '公开报名：登记报名人（人员库中的人，或经人员库新建）', params: IdParams, body: RegisterCandidateBody, response: { 201: SelectionDetail } }, config: { policy: 'selection:write' } },
    async (request, reply) => reply.status(201).send(await selection.register(request.actor!, request.params.id, request.body)),
  );
  app.post(
    '/api/selections/:id/candidates/:candidateId/vetting',
    { schema: { tags, summary: '联审联查结果（未通过须写明原因）', params: CandidateParams, body: VetCandidateBody, response: { 200: SelectionDetail } }, config: { policy: 'selection:write' } },
    async (request) => selection.vet(request.actor!, request.params.id, request.params.candidateId, request.body),
  );
  app.post(
    '/api/selections/:id/candidates/:candidateId/score',
    { schema: { tags, summary: '笔试或面试成绩（按当前阶段；0–100 分，未通过联审联查的不能录入）', params: CandidateParams, body: ScoreCandidateBody, response: { 200: SelectionDetail } }, config: { policy: 'selection:write' } },
    async (request) => selection.score(request.actor!, request.params.id, request.params.candidateId, request.body),
  );
  app.post(
    '/api/selections/:id/transitions/:transition',
    { schema: { tags, summary: '下一阶段：开始报名、联审联查、笔试、面试、组织考察，任职（生成岗位）或另定人选、终止', params: SelectionTransitionParams, body: FireSelectionBody, response: { 200: SelectionDetail } }, config: { policy: 'selection:write' } },
    async (request) => selection.fire(request.actor!, request.params.id, request.params.transition, request.body),
  );

  // 换届
  app.get(
    '/api/elections',
    { schema: { tags, summary: '换届（按乡镇，每轮的村（社区）完成情况）', querystring: ListElectionsQuery, response: { 200: ElectionRoundPage } }, config: { policy: 'selection:read' } },
    async (request) => selection.listRounds(request.actor!, request.query),
  );
  app.post(
    '/api/elections',
    { schema: { tags, summary: '开始一个乡镇的换届（所辖村、社区均列入）', body: OpenElectionBody, response: { 201: ElectionBoard } }, config: { policy: 'selection:write' } },
    async (request, reply) => reply.status(201).send(await selection.openRound(request.actor!, request.body)),
  );
  app.get(
    '/api/elections/:id',
    { schema: { tags, summary: '乡镇换届进度看板：各村（社区）所处阶段，已完成与未完成', params: IdParams, response: { 200: ElectionBoard } }, config: { policy: 'selection:read' } },
    async (request) => selection.board(request.actor!, request.params.id),
  );
  app.get(
    '/api/election-villages/:id',
    { schema: { tags, summary: '一个村（社区）的换届：推荐人选、考察结果、当选', params: IdParams, response: { 200: ElectionVillage } }, config: { policy: 'selection:read' } },
    async (request) => selection.electionVillage(request.actor!, request.params.id),
  );
  app.post(
    '/api/election-villages/:id/recommend',
    { schema: { tags, summary: '推荐人选（本村在册人员和岗位）', params: IdParams, body: RecommendBody, response: { 200: ElectionVillage } }, config: { policy: 'selection:write' } },
    async (request) => selection.recommend(request.actor!, request.params.id, request.body),
  );
  app.post(
    '/api/election-villages/:id/inspect',
    { schema: { tags, summary: '考察人选（每人合格或不合格及原因）', params: IdParams, body: InspectBody, response: { 200: ElectionVillage } }, config: { policy: 'selection:write' } },
    async (request) => selection.inspect(request.actor!, request.params.id, request.body),
  );
  app.post(
    '/api/election-villages/:id/elect',
    { schema: { tags, summary: '选举结果：当选人任职，原任职同岗位的任期结束（不再另行录入）', params: IdParams, body: ElectBody, response: { 200: ElectionVillage } }, config: { policy: 'selection:write' } },
    async (request) => selection.elect(request.actor!, request.params.id, request.body),
  );

  // 结对培养
  app.get(
    '/api/mentoring',
    { schema: { tags, summary: '结对培养（管辖范围内；按人员筛选时包括其作为培养人和被培养人的结对）', querystring: ListMentoringQuery, response: { 200: MentoringPage } }, config: { policy: 'selection:read' } },
    async (request) => selection.listPairs(request.actor!, request.query),
  );
  app.post(
    '/api/mentoring',
    { schema: { tags, summary: '建立结对（一对一或多对一）', body: CreateMentoringBody, response: { 201: MentoringDetail } }, config: { policy: 'selection:write' } },
    async (request, reply) => reply.status(201).send(await selection.createPair(request.actor!, request.body)),
  );
  app.get(
    '/api/mentoring/summary',
    { schema: { tags, summary: '结对培养按乡镇统计：结对数、一对一、多对一、培养人、被培养人、本年联系次数', querystring: MentoringSummaryQuery, response: { 200: MentoringSummary } }, config: { policy: 'selection:read' } },
    async (request) => selection.mentoringSummary(request.actor!, request.query),
  );
  app.get(
    '/api/mentoring/:id',
    { schema: { tags, summary: '一个结对及其联系记录', params: IdParams, response: { 200: MentoringDetail } }, config: { policy: 'selection:read' } },
    async (request) => selection.pairDetail(request.actor!, request.params.id),
  );
  app.post(
    '/api/mentoring/:id/contacts',
    { schema: { tags, summary: '记录一次联系（日期、方式、内容）', params: IdParams, body: MentoringContactBody, response: { 201: MentoringDetail } }, config: { policy: 'selection:write' } },
    async (request, reply) => reply.status(201).send(await selection.addContact(request.actor!, request.params.id, request.body)),
  );
}
