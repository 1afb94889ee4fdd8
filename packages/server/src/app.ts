// Builds the Fastify app from a config object, without side effects: tests import it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { ErrorBody, can } from '@lianxin/contract';
import type { Db } from './db/db.js';
import { guardScope } from './core/scope.js';
import { createKeptAnswers } from './core/kept-answers.js';
import type { TrustProxy } from './config.js';
import type { PdfFont } from './core/pdf.js';
import type { PiiCipher } from './core/pii.js';
import { registerHttpConventions, serializationSchema } from './core/http.js';
import SerializerSelector, { type SerializerFactory } from '@fastify/fast-json-stringify-compiler';
import { genericMessage, langOf } from './core/errors.js';
import { registerIdempotency } from './core/idempotency.js';
import { registerMultipart } from './core/upload.js';
import { createCaseEngine, type CaseEngine } from './core/cases/case-engine.js';
import { createCallEngine } from './core/dispatch/calls.js';
import { createChallenges } from './core/challenge.js';
// every module is registered through its front door (modules/<name>/index.ts) and nothing else
import { authModule, createAuthService, cookieSettings, DEFAULT_SESSION_POLICY, type SessionPolicy } from './modules/auth/index.js';
import { healthModule } from './modules/health/index.js';
import { createOrgService, orgsModule } from './modules/orgs/index.js';
import { createPeopleService, peopleModule } from './modules/people/index.js';
import { auditModule } from './modules/audit/index.js';
import { accountsModule } from './modules/accounts/index.js';
import { createLedgerService, ledgerModule } from './modules/ledger/index.js';
import { listsModule } from './modules/lists/index.js';
import { createDispatchService, dispatchModule } from './modules/dispatch/index.js';
import { createInspectionService, inspectionsModule } from './modules/inspections/index.js';
import { citizensModule, createDiaryService, createRequestService } from './modules/citizens/index.js';
import { createWeakOrgService, signalSourcesFrom, weakOrgsModule } from './modules/weakorgs/index.js';
import { createSelectionService, selectionModule } from './modules/selection/index.js';
import { homeModule } from './modules/home/index.js';
import { assessmentModule, createAssessmentService, type AssessmentService } from './modules/assessment/index.js';
import { createConsequenceService, createDesignationService, createPointsService, createStarService, recognitionModule } from './modules/recognition/index.js';
import { cadresModule, createDevelopmentService, createFirstSecretaryService, firstSecretariesModule } from './modules/cadres/index.js';
import { createProjectService, projectsModule, type ProjectService } from './modules/projects/index.js';
import { createAppraisalService, createOrglifeService, orglifeModule, type PartyGroupKeeper, type PostReader, type RosterReader, type VisitWriter } from './modules/orglife/index.js';
import { createFacilitiesService, createFundsService, fundsModule } from './modules/funds/index.js';
import { createFlowsService, flowsModule } from './modules/flows/index.js';
import { createOpennessService, opennessModule } from './modules/openness/index.js';
import { createTrainingService, trainingModule } from './modules/training/index.js';
import { createRegisterSources } from './core/register-sources.js';
import { createPublicSections } from './core/public-sections.js';
import { createTodaySources } from './core/today-sources.js';

export type AppConfig = {
  db: Db;
  pii: PiiCipher;
  /** Pino options, or false for silence (tests). */
  logger?: boolean | Record<string, unknown>;
  /** Secure cookies (the default): the browser sends them over HTTPS and to localhost only. */
  secureCookies?: boolean;
  sessionPolicy?: SessionPolicy;
  /** Administrators' second factor (default `required`). */
  adminTotp?: 'required' | 'off';
  /** How long a resolved session is reused (default 5 s; 0: read on every request). */
  sessionCacheMs?: number;
  /** Requests per minute per address on the login route. */
  loginRateLimit?: number;
  /** The built web app to serve at /, if any. */
  webDir?: string;
  /** Reverse proxies to believe (config.ts `parseTrustProxy`): none, a hop count, or addresses. */
  trustProxy?: TrustProxy;
  /** Largest accepted upload, in bytes (Excel imports). */
  maxUploadBytes?: number;
  /** Public form: submissions and look-ups per address per minute. */
  publicRateLimit?: { submit: number; lookup: number };
  /** The CJK font of printable PDFs (config.ts; Noto Sans CJK by default). */
  pdfFont?: PdfFont;
  /** Bytes of org tree answers kept between writes (default 64 MB; 0 keeps none: every request builds its answer). */
  treeCacheBytes?: number;
  /** Bytes of the boards' kept answers (core/kept-answers.ts; default 64 MB; 0 keeps none: every request builds its answer). */
  keptAnswerBytes?: number;
  /** Secret for the public form's challenge tokens (derived from the data key by main.ts). */
  challengeSecret?: Buffer;
};

export const VERSION = '0.1.0';

const defaultSerializerFactory = SerializerSelector();

/** The request as the log sees it: method and path, never the query string, body or headers. */
const logSerializers = {
  req(req: { method?: string; url?: string; ip?: string; socket?: { remoteAddress?: string } }) {
    return { method: req.method, url: (req.url ?? '').split('?')[0], remoteAddress: req.ip ?? req.socket?.remoteAddress };
  },
};

function answerClientError(err: NodeJS.ErrnoException, socket: import('node:net').Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'headers_too_large', '请求头过大']
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'request_timeout', '请求超时']
    : [400, 'bad_request', '请求格式不正确'];
  const body = JSON.stringify({ code, message, requestId: `client-${crypto.randomBytes(6).toString('hex')}` });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/**
 * Fastify's own hop count does not peel hops (5.12 ignores X-Forwarded-For for a number), and
 * `true` trusts every hop, making a client's left-most X-Forwarded-For entry its address. A hop
 * count N trusts the N addresses nearest the server (the socket, then right to left); a list
 * trusts those addresses only.
 */
function trustProxyOption(tp: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (tp === false || tp === 0) return false;
  if (typeof tp === 'number') return (_address, hop) => hop < tp;
  return tp;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The ledger service, for the periodic overdue escalation in main.ts. */
    ledger: ReturnType<typeof createLedgerService>;
    /** The dispatch service, for issuing recurring directives on their day. */
    dispatch: ReturnType<typeof createDispatchService>;
    /** The case engine, for the periodic escalation of every registered case type in main.ts. */
    cases: CaseEngine;
    /** 项目化推进, for issuing the monthly report requests on their day. */
    projects: ProjectService;
    /** 考核, for locking the score sheets whose appeal window has passed. */
    assessment: AssessmentService;
  }
}

/** What an integrator needs to tell 409 from 412 (README "接口" says the same). */
const API_DESCRIPTION = [
  '县域基层党建平台接口。错误一律为 `{code, message, details?, requestId}`。',
  '',
  '- **409 conflict**：记录当前的状态不允许这个操作（如问题已销号不能再退回、已评价过、同名组织已存在）。重试同一请求不会成功：先读取记录，看它现在的状态。',
  '- **412 version_conflict**：请求带的 `version`（或 If-Match）已过期，记录在您读取之后被他人修改过。重新读取记录，用新的 `version` 再提交。',
].join('\n');

/** Mutating routes answer 409 (state) and, where the body carries `version`, 412 (stale version): say so per route. */
function documentConflicts(schema: Record<string, unknown>, method: string | string[]) {
  const methods = Array.isArray(method) ? method : [method];
  if (!methods.some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m))) return;
  const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
  response['409'] ??= { description: '冲突（409 conflict）：记录当前的状态不允许此操作；重试无效，先读取记录的当前状态', $ref: 'ErrorBody#' };
  const body = schema.body as { properties?: Record<string, unknown> } | undefined;
  if (body?.properties?.version) response['412'] ??= { description: '版本过期（412 version_conflict）：记录已被他人修改；重新读取后用新的 version 再提交', $ref: 'ErrorBody#' };
  schema.response = response;
}

export async function buildApp(config: AppConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      config.logger === false
        ? false
        : {
            level: 'info',
            ...(typeof config.logger === 'object' ? config.logger : {}),
            // Personal data never reaches the log: bodies are not logged, headers are redacted,
            // and a request is logged by its path without the query string (a citizen's phone, a
            // searched name); see logSerializers.
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
            serializers: logSerializers,
          },
    trustProxy: trustProxyOption(config.trustProxy ?? false),
    bodyLimit: 1024 * 1024,
    // Errors Node's HTTP parser answers before Fastify sees a request (431 headers too large, 400
    // malformed, 408) keep the one error format: {code, message, requestId}.
    clientErrorHandler: answerClientError,
    // Fastify's own refusals before routing (a URL that is not valid UTF-8 …) in the same format.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const lang = langOf(request.headers['accept-language']);
      const message = error.code === 'FST_ERR_BAD_URL' ? (lang === 'en' ? 'The request URL is malformed' : '请求地址不正确（含无效字符）') : genericMessage('bad_request', lang);
      return reply.code(400).send({ code: 'bad_request', message, requestId: request.id });
    },
    ajv: { customOptions: { removeAdditional: false } },
    // answers are serialized from their schemas with nullable unions made cheap to pick (core/http.ts)
    schemaController: {
      compilersFactory: {
        buildSerializer: ((externalSchemas, options) => {
          const compile = defaultSerializerFactory(externalSchemas as never, options as never);
          return (route) => compile({ ...route, schema: serializationSchema(route.schema) as never });
        }) satisfies SerializerFactory,
      },
    },
  });

  // The services' database checks that every statement on a tenant table is scoped (core/scope.ts).
  // Session resolution reads the account and its scope org before there is a scope: the raw one.
  const db = guardScope(config.db);
  const auth = createAuthService({
    db: config.db, pii: config.pii, policy: config.sessionPolicy ?? DEFAULT_SESSION_POLICY, adminTotp: config.adminTotp, sessionCacheMs: config.sessionCacheMs,
  });
  const cookieConf = cookieSettings(config.secureCookies ?? true);

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, code: 'rate_limited', message: `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试` }),
  });
  await registerMultipart(app, { fileSize: config.maxUploadBytes ?? 20 * 1024 * 1024, files: 1, fields: 10, parts: 12 });
  const hasWeb = !!config.webDir && fs.existsSync(path.join(config.webDir, 'index.html'));
  await registerHttpConventions(app, {
    // Client-side routes of the web app answer its page; unknown /api paths stay JSON 404s.
    spaFallback: hasWeb ? (reply) => reply.type('text/html').sendFile('index.html') : undefined,
    cachedSession: (request) => {
      const token = request.cookies[cookieConf.name];
      return token ? auth.resolveCached(token, request.ip) : undefined;
    },
    resolveSession: async (request) => {
      const token = request.cookies[cookieConf.name];
      if (!token) return undefined;
      // answered whole: the request keeps it (GET /api/auth/me builds the account's view from it)
      return auth.resolve(token, request.ip);
    },
  });
  await registerIdempotency(app, db);
  app.addSchema(ErrorBody);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '连心 Lianxin API', version: VERSION, description: API_DESCRIPTION },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: cookieConf.name } },
      },
      security: [{ session: [] }],
    },
    transform: ({ schema, url, route }) => {
      const policy = route.config?.policy;
      const out = { ...(schema ?? {}) } as Record<string, unknown>;
      if (policy) out['x-policy'] = policy;
      documentConflicts(out, route.method);
      return { schema: out as never, url };
    },
  });

  app.get(
    '/api/openapi.json',
    { schema: { hide: true }, config: { policy: 'public' } },
    async () => app.swagger(),
  );

  const ledger = createLedgerService({ db });
  app.decorate('ledger', ledger);
  const cases = createCaseEngine({ db });
  app.decorate('cases', cases);
  // the dispatch engine's one code path for whistles and bulletins (core/dispatch/calls.ts)
  const calls = createCallEngine({ cases });
  // the boards' kept answers (core/kept-answers.ts, migration 550): one bound for all of them
  const kept = createKeptAnswers({ db, maxBytes: config.keptAnswerBytes ?? 64 * 1024 * 1024 });
  const dispatch = createDispatchService({ db, kept });
  app.decorate('dispatch', dispatch);

  await app.register(healthModule, { db });
  await app.register(authModule, { auth, cookie: cookieConf, loginRateLimit: { max: config.loginRateLimit ?? 30, timeWindow: 60_000 } });
  // services other modules use are built once here and handed to their modules and to the users
  const orgs = createOrgService({ db, sessions: auth.sessions, treeCacheBytes: config.treeCacheBytes });
  const people = createPeopleService({ db, pii: config.pii, staffing: orgs });
  await app.register(orgsModule, { orgs });
  await app.register(peopleModule, { db, pii: config.pii, people });
  const development = createDevelopmentService({ db, people });
  await app.register(cadresModule, { db, people, development });
  await app.register(auditModule, { db });
  await app.register(accountsModule, { db, sessions: auth.sessions, people });
  await app.register(ledgerModule, { db, ledger });
  await app.register(listsModule, { db });
  await app.register(dispatchModule, { dispatch });
  await app.register(inspectionsModule, { db, ledger, calls });
  // what modules show on a unit's public page, each reader registered where its module is built
  const publicSections = createPublicSections();
  const challenges = createChallenges(config.challengeSecret ?? crypto.randomBytes(32));
  const requests = createRequestService({ db, pii: config.pii, challenges, engine: cases, publicSections });
  await app.register(citizensModule, {
    db, pii: config.pii, calls, challenges, requests,
    publicRateLimit: config.publicRateLimit ?? { submit: 10, lookup: 60 },
    publicSections,
  });
  // 组织生活: the roster to tick comes through the people module's front door (its service)
  const roster: RosterReader = async (actor, orgId) => {
    const members: { id: number; name: string }[] = [];
    for (let page = 1; ; page++) {
      const p = await people.list(actor, { orgId, memberStatus: 'member', status: 'active', sort: 'name', order: 'asc', page, pageSize: 200 });
      members.push(...p.items.map((x) => ({ id: x.id, name: x.name })));
      if (members.length >= p.total || p.items.length === 0) return members;
    }
  };
  // 主题党日·访民情: each household visit is the 民情日记 entry (and the request) through the citizens front door
  const diary = createDiaryService({ db, requests });
  const visits: VisitWriter = async (actor, v, field) => {
    const cadreLevel = actor.roles.includes('county_admin') ? 'county' : actor.roles.some((r) => r === 'township_admin' || r === 'station_admin') ? 'township' : 'village';
    const checked = await diary.checkVisit(actor, { ...v, cadreLevel }, field);
    return (tx, meetingId) => diary.writeVisit(tx, actor, checked, { meetingId });
  };
  // 党小组: the groups are the tree's nodes (orgs service), their members the people service's records
  const groups: PartyGroupKeeper = {
    membership: (actor, branchId, q) => people.groupMembership(actor, branchId, q),
    setGroup: (tx, actor, branchId, groupId, ids) => people.setPartyGroupIn(tx, actor, branchId, groupId, ids),
    add: (tx, actor, branchId, name) => orgs.addPartyGroupIn(tx, actor, branchId, name),
    rename: (tx, actor, id, version, name) => orgs.renamePartyGroupIn(tx, actor, id, version, name),
    close: (tx, actor, id, version) => orgs.closePartyGroupIn(tx, actor, id, version),
  };
  const orglife = createOrglifeService({ db, roster, visits, groups });
  // 民主评议 and 述职评议: the roster and the secretaries below come through the people service
  const appraisal = createAppraisalService({
    db,
    engine: cases,
    roster,
    posts: async (actor, orgId) => {
      const out: Awaited<ReturnType<PostReader>> = [];
      for (let page = 1; ; page++) {
        const p = await people.cadres(actor, { orgId, page, pageSize: 200 });
        out.push(...p.items.map((x) => ({ postId: x.postId, personId: x.person.id, name: x.person.name, role: x.role, org: x.org })));
        if (page * 200 >= p.total || p.items.length === 0) return out;
      }
    },
  });
  await app.register(orglifeModule, { orglife, appraisal, db, pdfFont: config.pdfFont });
  // 小微权力: a step's meeting is read through organizational life's service
  const flows = createFlowsService({
    db,
    meeting: (actor, id) => orglife.meeting(actor, id),
    meetingTypes: async (actor) => (await orglife.getSettings(actor)).types,
  });
  await app.register(flowsModule, { flows, publicRateLimit: (config.publicRateLimit ?? { submit: 10, lookup: 60 }).lookup });
  publicSections.register(40, (q, unit) => flows.publicResults(q, unit));
  publicSections.register(50, (q, unit) => flows.publicDuties(q, unit));
  // the home page's items offered by modules it does not import
  const todaySources = createTodaySources();
  // the ledger's problems, the dispatch engine's reports and the citizens' requests: each read by its module
  todaySources.register((q, actor, today) => (can(actor.roles, 'ledger:handle') ? ledger.todayItems(q, actor, today) : Promise.resolve([])));
  todaySources.register((q, actor, today) => (can(actor.roles, 'dispatch:report') ? dispatch.todayItems(q, actor, today) : Promise.resolve([])));
  todaySources.register((q, actor, today) => (can(actor.roles, 'citizen:handle') ? requests.todayItems(q, actor, today) : Promise.resolve([])));
  todaySources.registerCounts((q, actor, today) => (can(actor.roles, 'dispatch:read') ? dispatch.todoCounts(q, actor, today) : Promise.resolve({})));
  todaySources.registerCounts((q, actor, today) => (can(actor.roles, 'citizen:read') ? requests.todoCounts(q, actor, today) : Promise.resolve({})));
  todaySources.register((q, actor, today) => (can(actor.roles, 'orglife:read') ? orglife.todayItems(q, actor, today) : Promise.resolve([])));
  todaySources.register((q, actor, today) => (can(actor.roles, 'orglife:read') ? appraisal.todayItems(q, actor, today) : Promise.resolve([])));
  // 考核对象: first secretaries' posts and their work log through the people and citizens front doors,
  // projects' 年交账 through the projects service (built below; called only once a request runs)
  const assessment = createAssessmentService({
    db, kept, people, appraisals: appraisal, engine: cases,
    firstSecretaries: { postSpans: (...a) => people.postSpans(...a), recordedBy: (...a) => diary.recordedBy(...a) },
    projects: {
      assessmentSubject: (...a) => projects.assessmentSubject(...a),
      assessmentSubjects: (...a) => projects.assessmentSubjects(...a),
      assessmentBasis: (...a) => projects.assessmentBasis(...a),
    },
  });
  app.decorate('assessment', assessment);
  todaySources.register((q, actor, today) => (can(actor.roles, 'assessment:read') ? assessment.todayItems(q, actor, today) : Promise.resolve([])));
  todaySources.register((q, actor, today) => development.todayItems(q, actor, today));
  // 软弱涣散整顿: the signals come from the ledger, citizens' ratings and the posts, through their services
  const weakOrgs = createWeakOrgService({ db, ledger, sources: signalSourcesFrom({ ledger, requests, people }) });
  todaySources.register((q, actor, today) => weakOrgs.todayItems(q, actor, today));
  await app.register(weakOrgsModule, { weakOrgs });
  todaySources.register((q, actor, today) => (can(actor.roles, 'flow:read') ? flows.todayItems(q, actor, today) : Promise.resolve([])));
  // 项目化推进: posts through the people service, report requests through the dispatch service,
  // inspections and accountability through the inspections service
  const projects = createProjectService({ db, people, dispatch, inspections: createInspectionService({ db, ledger, calls }), engine: cases, kept });
  app.decorate('projects', projects);
  await app.register(projectsModule, { projects });
  todaySources.register((q, actor, today) => (can(actor.roles, 'project:read') ? projects.todayItems(q, actor, today) : Promise.resolve([])));
  // 三务公开 and the registers: each book filled from the source a module registers (core/register-sources.ts)
  const registerSources = createRegisterSources();
  const openness = createOpennessService({ db, ledger, sources: registerSources });
  registerSources.register(openness.disclosureSource);
  registerSources.register({
    code: 'roster', label: '党员名册（人员库）',
    columns: [{ key: 'name', label: '姓名' }, { key: 'gender', label: '性别' }, { key: 'unit', label: '所在支部' }, { key: 'joined', label: '入党日期' }, { key: 'status', label: '党员类别' }],
    read: async (actor, unit) => {
      const rows: Record<string, string | null>[] = [];
      for (let page = 1; ; page++) {
        const p = await people.list(actor, { orgId: unit.id, memberStatus: 'member', status: 'active', sort: 'name', order: 'asc', page, pageSize: 200 });
        for (const x of p.items) {
          rows.push({ name: x.name, gender: x.gender === 'female' ? '女' : '男', unit: x.org.name, joined: x.joinDate, status: x.memberStatus === 'probationary' ? '预备党员' : '正式党员' });
        }
        if (page * 200 >= p.total || p.items.length === 0) return rows;
      }
    },
  });
  registerSources.register({
    code: 'meetings', label: '会议记录（组织生活）',
    columns: [{ key: 'date', label: '日期' }, { key: 'type', label: '会议类型' }, { key: 'topic', label: '议题' }, { key: 'host', label: '主持人' }, { key: 'place', label: '地点' }, { key: 'attendance', label: '应到/实到' }, { key: 'absentees', label: '缺席人员及原因' }, { key: 'decisions', label: '议定事项' }],
    read: async (actor, unit, year) => {
      const book = await orglife.minutesBook(actor, { orgId: unit.id, year });
      const rows: Record<string, string | number | null>[] = [];
      for await (const batch of book.rows) {
        for (const r of batch) rows.push({ date: r[1] as string, type: r[2] as string, topic: r[6] as string, host: r[5] as string, place: r[4] as string, attendance: `${r[7]}/${r[8]}`, absentees: r[9] as string, decisions: r[11] as string });
      }
      return rows;
    },
  });
  await app.register(opennessModule, { openness, pdfFont: config.pdfFont, publicRateLimit: (config.publicRateLimit ?? { submit: 10, lookup: 60 }).lookup });
  publicSections.register(30, (q, unit, today) => openness.publicSection(q, unit, today));
  todaySources.register((q, actor, today) => openness.todayItems(q, actor, today));
  await app.register(homeModule, { db, ledger, sources: todaySources });
  await app.register(assessmentModule, { assessment });
  // 经费、报酬与阵地: posts through the people service, 七一 awards through the orgs service; who is on duty on the public unit page
  const facilities = createFacilitiesService({ db, people });
  const funds = createFundsService({ db, people });
  await app.register(fundsModule, { funds, facilities });
  publicSections.register(20, (q, unit) => facilities.publicSection(q, unit));
  // the registers' 民主决策 book from the flows' matters, the 经费收支 account from funds (core/register-sources.ts)
  registerSources.register(flows.decisionSource);
  registerSources.register(funds.fundSource);
  // 教育培训: the target group through the people and cadres services, 党课 meetings through organizational life's
  const training = createTrainingService({ db, people, development, orglife });
  await app.register(trainingModule, { training });
  // 星级化管理: the cadres through the people service, the villages' annual results through assessment's front door
  // 称号认定: members through the people service, the stations' 称号 through the orgs service
  const designations = createDesignationService({
    db, engine: cases,
    sources: { person: (actor, id) => people.detail(actor, id), stationDesignations: (actor, q) => orgs.listDesignations(actor, q) },
  });
  publicSections.register(60, (q, unit) => designations.publicSection(q, unit));
  todaySources.register((q, actor) => designations.todayItems(q, actor));
  await app.register(recognitionModule, { stars: createStarService({ db, people }), points: createPointsService({ db }), designations, consequences: createConsequenceService({ db, people }) });
  // 公开选拔 · 换届 · 结对培养: persons and posts through the people service
  await app.register(selectionModule, { selection: createSelectionService({ db, people, engine: cases }) });
  await app.register(firstSecretariesModule, { firstSecretaries: createFirstSecretaryService({ db, people, diary: createDiaryService({ db, requests }), orglife, training }) });

  if (hasWeb) {
    // The build writes .br and .gz beside each file (packages/web/vite.config.ts); a phone gets the
    // smallest its Accept-Encoding allows. Hashed assets never change: cached for a year; the page
    // itself is revalidated every time so a new release is picked up at once.
    await app.register(fastifyStatic, {
      root: config.webDir!,
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        const hashed = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.\w+(\.(br|gz))?$/.test(filePath);
        reply.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  return app;
}
