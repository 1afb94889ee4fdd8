import type { TypedApp } from '../../core/http.js';
import {
  CaseTextBody,
  Challenge,
  CitizenStats,
  CitizenStatsQuery,
  ContactCard,
  CreateHouseholdBody,
  CreateRequestBody,
  CreateVisitBody,
  Created,
  DepartmentList,
  FeedbackBody,
  FileDownload,
  FireRequestBody,
  GridDeedBody,
  GridQuery,
  GridRegistrationBody,
  GridView,
  HandOverBody,
  HandOverCandidateList,
  HouseholdList,
  HouseholdView,
  IdAndAttachmentParams,
  IdParams,
  JudicialTransferBody,
  ListHouseholdsQuery,
  ListRequestsQuery,
  ListVisitsQuery,
  MAX_PUBLIC_PHOTO_BYTES,
  PhotoReceived,
  PostCardList,
  PublicProgress,
  PublicSubmitBody,
  PublicSubmitted,
  PublicTrackBody,
  PublicTrackRateBody,
  PublicUnit,
  RequestDetail,
  RequestPage,
  RequestTransitionParams,
  RerouteBody,
  RevealedPhone,
  TrackingCodeParams,
  VisitList,
  VisitView,
  GridMember,
  GridDeed,
  WhistleBody,
  WhistleList,
  WhistleListQuery,
  WhistleLoad,
  WhistlePartAction,
  WhistleSource,
  WhistleView,
} from '@lianxin/contract';
import type { FastifyRequest } from 'fastify';
import { renderSVG } from 'uqr';
import type { Challenges } from '../../core/challenge.js';
import { contentDisposition } from '../../core/file-type.js';
import { receiveUpload } from '../../core/upload.js';
import type { CardService } from './cards.service.js';
import type { DiaryService } from './diary.service.js';
import type { RequestService } from './requests.service.js';
import type { WhistleService } from './whistles.service.js';


export type CitizenDeps = { requests: RequestService; whistles: WhistleService; diary: DiaryService; cards: CardService; challenges: Challenges; publicRateLimit: { submit: number; lookup: number } };

const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export async function citizenRoutes(app: TypedApp, opts: CitizenDeps) {
  const { requests, whistles, diary, cards, challenges } = opts;
  const tags = ['citizens'];

  app.get('/api/requests', { schema: { tags, summary: '群众事项：单位队列、我负责的、按月和指标下钻', querystring: ListRequestsQuery, response: { 200: RequestPage } }, config: { policy: 'citizen:read' } }, async (request) =>
    requests.list(request.actor!, request.query),
  );
  app.post('/api/requests', { schema: { tags, summary: '群众接待：登记群众事项', body: CreateRequestBody, response: { 201: RequestDetail } }, config: { policy: 'citizen:handle' } }, async (request, reply) => {
    const { id } = await requests.create(request.actor!, request.body);
    return reply.status(201).send(await requests.detail(request.actor!, id));
  });
  app.get('/api/requests/:id', { schema: { tags, summary: '群众事项详情', params: IdParams, response: { 200: RequestDetail } }, config: { policy: 'citizen:read' } }, async (request) =>
    requests.detail(request.actor!, request.params.id),
  );
  app.post(
    '/api/requests/:id/transitions/:transition',
    {
      schema: { tags, summary: '首问负责、办事承诺、办结、归档、重新办理', params: RequestTransitionParams, body: FireRequestBody, response: { 200: RequestDetail } },
      config: { policy: 'citizen:handle' },
    },
    async (request) => requests.fire(request.actor!, request.params.id, request.params.transition, request.body),
  );
  app.post(
    '/api/requests/:id/reveal-phone',
    { schema: { tags, summary: '查看群众完整电话（办结后电话告知）：仅首问负责人或受理单位，记审计；其他人 403，范围外 404', params: IdParams, response: { 200: RevealedPhone } }, config: { policy: 'citizen:handle' } },
    async (request) => requests.revealPhone(request.actor!, request.params.id),
  );
  app.post(
    '/api/requests/:id/hand-over',
    { schema: { tags, summary: '移交（首问负责人变更，留痕）', params: IdParams, body: HandOverBody, response: { 200: RequestDetail } }, config: { policy: 'citizen:handle' } },
    async (request) => requests.handOver(request.actor!, request.params.id, request.body.toAccountId, request.body.note),
  );
  app.get(
    '/api/requests/:id/attachments/:attachmentId',
    { schema: { tags, summary: '事项的照片和附件（图片直接显示）', params: IdAndAttachmentParams, response: { 200: FileDownload } }, config: { policy: 'citizen:read' } },
    async (request, reply) => {
      const f = await requests.attachment(request.actor!, request.params.id, request.params.attachmentId);
      const inline = f.mimeType.startsWith('image/');
      reply.header('Content-Type', f.mimeType);
      reply.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', f.fileName));
      reply.header('Cache-Control', 'private, max-age=300');
      return reply.send(f.content);
    },
  );
  app.get(
    '/api/requests/:id/hand-over-candidates',
    { schema: { tags, summary: '可移交的账号（本单位及上级单位）', params: IdParams, response: { 200: HandOverCandidateList } }, config: { policy: 'citizen:handle' } },
    async (request) => requests.handOverCandidates(request.actor!, request.params.id),
  );
  app.post(
    '/api/requests/:id/messages',
    { schema: { tags, summary: '信息反馈（public=true 时群众可见）或内部备注', params: IdParams, body: FeedbackBody, response: { 200: RequestDetail } }, config: { policy: 'citizen:handle' } },
    async (request) => requests.message(request.actor!, request.params.id, request.body.text, request.body.public),
  );
  app.post(
    '/api/requests/:id/report-up',
    { schema: { tags, summary: '情况报告（报乡镇党委）', params: IdParams, body: CaseTextBody, response: { 200: RequestDetail } }, config: { policy: 'citizen:handle' } },
    async (request) => requests.reportUp(request.actor!, request.params.id, request.body.text),
  );
  app.get(
    '/api/requests/stats',
    {
      schema: { tags, summary: '统计：办件、来访、调处纠纷，响应率、解决率、满意率（本级与各下级）', querystring: CitizenStatsQuery, response: { 200: CitizenStats } },
      config: { policy: 'citizen:read' },
    },
    async (request) => requests.stats(request.actor!, request.query),
  );

  // 吹哨报到
  app.post('/api/whistles', { schema: { tags, summary: '吹哨：请职能部门报到', body: WhistleBody, response: { 201: WhistleView } }, config: { policy: 'citizen:whistle' } }, async (request, reply) => {
    const id = await whistles.blow(request.actor!, request.body);
    return reply.status(201).send(await whistles.detail(request.actor!, id));
  });
  app.get(
    '/api/whistles',
    {
      schema: {
        tags,
        summary: '吹哨事项（本级吹的与派给本部门的；新的在前，分页）；awaiting=true 只列还在等本部门报到或办理的（不含已办结、已退回、已改派）',
        querystring: WhistleListQuery,
        response: { 200: WhistleList },
      },
      config: { policy: 'citizen:read' },
    },
    async (request) => whistles.list(request.actor!, request.query),
  );
  app.get('/api/whistles/load', {
    schema: { tags, summary: '各部门响应时间与负荷、各乡镇吹哨次数', response: { 200: WhistleLoad } },
    config: { policy: 'citizen:read' },
  }, async (request) => whistles.load(request.actor!));
  app.get('/api/whistles/departments', { schema: { tags, summary: '本县职能部门（吹哨对象、建议责任单位）', response: { 200: DepartmentList } }, config: { policy: 'citizen:read' } }, async (request) =>
    whistles.departments(request.actor!),
  );
  app.get('/api/whistles/:id', { schema: { tags, summary: '吹哨详情', params: IdParams, response: { 200: WhistleView } }, config: { policy: 'citizen:read' } }, async (request) =>
    whistles.detail(request.actor!, request.params.id),
  );
  app.get(
    '/api/whistles/:id/source',
    { schema: { tags, summary: '吹哨所涉的群众事项或台账问题（只读；被吹哨的部门与吹哨单位可看，手机号脱敏，办理记录只含本次吹哨）', params: IdParams, response: { 200: WhistleSource } }, config: { policy: 'citizen:read' } },
    async (request) => whistles.source(request.actor!, request.params.id),
  );
  app.post(
    '/api/whistle-parts/:id/judicial-transfer',
    {
      schema: {
        tags,
        summary: '移交公检法：吹哨单位把某部门承办的部分标记为已移交公检法（记入办理记录和审计）',
        params: IdParams,
        body: JudicialTransferBody,
        response: { 200: WhistleView },
      },
      config: { policy: 'citizen:whistle' },
    },
    async (request) => whistles.judicialTransfer(request.actor!, request.params.id, request.body),
  );
  app.post(
    '/api/whistle-parts/:id/actions',
    { schema: { tags, summary: '部门：报到、认领、现场处置、办结，或退回（说明理由、建议责任单位）', params: IdParams, body: WhistlePartAction, response: { 200: WhistleView } }, config: { policy: 'citizen:answer' } },
    async (request) => whistles.act(request.actor!, request.params.id, request.body),
  );
  app.post(
    '/api/whistle-parts/:id/reroute',
    { schema: { tags, summary: '改派被退回的部分', params: IdParams, body: RerouteBody, response: { 200: WhistleView } }, config: { policy: 'citizen:whistle' } },
    async (request) => whistles.reroute(request.actor!, request.params.id, request.body.departmentId),
  );

  // 民情日记、包保户、网格
  app.post('/api/visits', { schema: { tags, summary: '记民情日记（可一步转为群众事项）', body: CreateVisitBody, response: { 201: VisitView } }, config: { policy: 'citizen:handle' } }, async (request, reply) =>
    reply.status(201).send(await diary.visit(request.actor!, (await diary.recordVisit(request.actor!, request.body)).id)),
  );
  app.get(
    '/api/visits',
    { schema: { tags, summary: '民情日记：我的、某村的、某户的（走访日期新的在前，分页；total、withRequests 为全部条数）', querystring: ListVisitsQuery, response: { 200: VisitList } },
    config: { policy: 'citizen:read' },
  }, async (request) => diary.visits(request.actor!, request.query));
  app.get('/api/visits/:id', { schema: { tags, summary: '一篇民情日记（可见范围同列表）', params: IdParams, response: { 200: VisitView } }, config: { policy: 'citizen:read' } }, async (request) =>
    diary.visit(request.actor!, request.params.id),
  );
  app.post('/api/households', { schema: { tags, summary: '登记包保户（四级包保责任人）', body: CreateHouseholdBody, response: { 201: HouseholdView } }, config: { policy: 'citizen:handle' } }, async (request, reply) =>
    reply.status(201).send(await diary.household(request.actor!, await diary.addHousehold(request.actor!, request.body))),
  );
  app.get('/api/households', { schema: { tags, summary: '包保户（按村排列，分页）', querystring: ListHouseholdsQuery, response: { 200: HouseholdList } }, config: { policy: 'citizen:read' } }, async (request) =>
    diary.households(request.actor!, request.query),
  );
  app.get('/api/households/:id', { schema: { tags, summary: '一户包保户（可见范围同列表）', params: IdParams, response: { 200: HouseholdView } }, config: { policy: 'citizen:read' } }, async (request) =>
    diary.household(request.actor!, request.params.id),
  );
  app.get(
    '/api/grids/:id',
    { schema: { tags, summary: '网格：报到党员及其为群众办的实事（每年2–3件）；不带 year 时为本年', params: IdParams, querystring: GridQuery, response: { 200: GridView } }, config: { policy: 'citizen:read' } },
    async (request) => diary.grid(request.actor!, request.params.id, request.query.year),
  );
  app.post(
    '/api/grids/:id/registrations',
    { schema: { tags, summary: '在职党员到网格报到（双报到）', params: IdParams, body: GridRegistrationBody, response: { 201: GridMember } }, config: { policy: 'citizen:handle' } },
    async (request, reply) => {
      const id = await diary.registerMember(request.actor!, request.params.id, request.body.personId, request.body.registeredOn);
      return reply.status(201).send(await diary.registration(request.actor!, request.params.id, id));
    },
  );
  app.post(
    '/api/grid-registrations/:id/deeds',
    { schema: { tags, summary: '记录为群众办的实事', params: IdParams, body: GridDeedBody, response: { 201: GridDeed } }, config: { policy: 'citizen:handle' } },
    async (request, reply) => {
      const id = await diary.addDeed(request.actor!, request.params.id, request.body.doneOn, request.body.description);
      return reply.status(201).send(await diary.deed(request.actor!, request.params.id, id));
    },
  );

  // 连心卡
  app.get('/api/cards/:id', { schema: { tags, summary: '连心卡：单位名称、职责、联系人与电话、二维码指向的公开页面', params: IdParams, response: { 200: ContactCard } }, config: { policy: 'citizen:handle' } }, async (request) =>
    cards.card(request.actor!, request.params.id, originOf(request)),
  );
  app.get('/api/cards/:id/posts', { schema: { tags, summary: '干部岗位连心卡：单位各在任岗位的职责、姓名与电话，二维码指向单位公开页', params: IdParams, response: { 200: PostCardList } }, config: { policy: 'citizen:handle' } }, async (request) =>
    cards.postCards(request.actor!, request.params.id, originOf(request)),
  );
  app.get('/api/cards/:id/qr.svg', { schema: { tags, summary: '连心卡二维码（SVG）', params: IdParams, response: { 200: FileDownload } }, config: { policy: 'citizen:read' } }, async (request, reply) => {
    const card = await cards.card(request.actor!, request.params.id, originOf(request), false);
    reply.header('Content-Type', 'image/svg+xml');
    return reply.send(renderSVG(card.publicUrl, { border: 2 }));
  });

  // 公开页面（无需登录）
  const limits = opts.publicRateLimit;
  app.get('/api/public/units/:id', { schema: { tags: ['public'], summary: '单位公开页：服务事项与办理流程（公示公开）', params: IdParams, response: { 200: PublicUnit } }, config: { policy: 'public', rateLimit: { max: limits.lookup, timeWindow: 60_000 } } }, async (request) =>
    requests.publicUnit(request.params.id),
  );
  app.get('/api/public/challenge', { schema: { tags: ['public'], summary: '提交前的简单验证题', response: { 200: Challenge } }, config: { policy: 'public', rateLimit: { max: limits.lookup, timeWindow: 60_000 } } }, async () =>
    challenges.issue(),
  );
  app.post(
    '/api/public/requests',
    { schema: { tags: ['public'], summary: '群众提交事项，返回查询码', body: PublicSubmitBody, response: { 201: PublicSubmitted } }, config: { policy: 'public', csrfExempt: true, rateLimit: { max: limits.submit, timeWindow: 60_000 } } },
    async (request, reply) => reply.status(201).send(await requests.publicSubmit(request.body, request.ip)),
  );
  app.post(
    '/api/public/requests/:code/photo',
    {
      schema: { tags: ['public'], summary: '群众提交后补传一张现场照片（表单字段 phone 在前、file 在后；仅图片，5 MB 以内）', params: TrackingCodeParams, consumes: ['multipart/form-data'], response: { 201: PhotoReceived } },
      config: { policy: 'public', csrfExempt: true, rateLimit: { max: limits.submit, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const { fileName, mimeType, content, fields } = await receiveUpload(request, {
        maxBytes: MAX_PUBLIC_PHOTO_BYTES,
        fields: 2,
        noFile: { zh: '没有收到照片', en: 'No photo received' },
        tooLarge: { zh: '照片不能超过 5 MB', en: 'The photo is at most 5 MB' },
        accept: (type) => type.image,
        refused: { zh: '只能上传图片（JPG、PNG、GIF、WebP）', en: 'Images only (JPG, PNG, GIF, WebP)' },
        emptyIsRefusedType: true,
      });
      await requests.publicPhoto(request.params.code, fields.phone ?? '', { fileName, mimeType, content }, request.ip);
      return reply.status(201).send({ ok: true });
    },
  );
  // Tracking and rating carry the code and the phone in the body: a URL ends up in access logs,
  // proxies and browser history, and the phone is personal data.
  app.post(
    '/api/public/track',
    { schema: { tags: ['public'], summary: '凭查询码和手机号查看办理进度（二者放在请求体中，不进地址栏；错误时不提示哪一项不对）', body: PublicTrackBody, response: { 200: PublicProgress } }, config: { policy: 'public', csrfExempt: true, rateLimit: { max: limits.lookup, timeWindow: 60_000 } } },
    async (request) => requests.publicProgress(request.body.code, request.body.phone),
  );
  app.post(
    '/api/public/track/rating',
    { schema: { tags: ['public'], summary: '群众评价：满意、基本满意、不满意（不满意将重新办理）；查询码和手机号在请求体中', body: PublicTrackRateBody, response: { 200: PublicProgress } }, config: { policy: 'public', csrfExempt: true, rateLimit: { max: limits.lookup, timeWindow: 60_000 } } },
    async (request) => {
      const { code, ...rating } = request.body;
      return requests.publicRate(code, rating, request.ip);
    },
  );
}
