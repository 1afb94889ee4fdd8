// Builds the Fastify app from a config object, without side effects: tests import it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { ErrorBody } from '@lianxin/contract';
import type { Db } from './db/db.js';
import { guardScope } from './core/scope.js';
import type { PiiCipher } from './core/pii.js';
import { registerHttpConventions } from './core/http.js';
import { registerIdempotency } from './core/idempotency.js';
import { createAuthService, DEFAULT_SESSION_POLICY, type SessionPolicy } from './modules/auth/auth.service.js';
import { authRoutes, cookieSettings } from './modules/auth/auth.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { createOrgService } from './modules/orgs/orgs.service.js';
import { orgRoutes } from './modules/orgs/orgs.routes.js';
import { createPeopleService } from './modules/people/people.service.js';
import { peopleRoutes } from './modules/people/people.routes.js';
import { peopleExcelRoutes } from './modules/people/people-excel.routes.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { createAccountService } from './modules/accounts/accounts.service.js';
import { accountRoutes } from './modules/accounts/accounts.routes.js';
import { createLedgerService } from './modules/ledger/ledger.service.js';
import { ledgerRoutes } from './modules/ledger/ledger.routes.js';
import { createListsService } from './modules/lists/lists.service.js';
import { listsRoutes } from './modules/lists/lists.routes.js';
import { createDispatchService } from './modules/dispatch/dispatch.service.js';
import { dispatchRoutes } from './modules/dispatch/dispatch.routes.js';
import { createInspectionService } from './modules/inspections/inspections.service.js';
import { inspectionRoutes } from './modules/inspections/inspections.routes.js';
import { createChallenges } from './core/challenge.js';
import { createRequestService } from './modules/citizens/requests.service.js';
import { createWhistleService } from './modules/citizens/whistles.service.js';
import { createDiaryService } from './modules/citizens/diary.service.js';
import { createCardService } from './modules/citizens/cards.service.js';
import { citizenRoutes } from './modules/citizens/citizens.routes.js';
import { createHomeService } from './modules/home/home.service.js';
import { homeRoutes } from './modules/home/home.routes.js';

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
  trustProxy?: boolean;
  /** Largest accepted upload, in bytes (Excel imports). */
  maxUploadBytes?: number;
  /** Public form: submissions and look-ups per address per minute. */
  publicRateLimit?: { submit: number; lookup: number };
  /** Secret for the public form's challenge tokens (derived from the data key by main.ts). */
  challengeSecret?: Buffer;
};

export const VERSION = '0.1.0';

declare module 'fastify' {
  interface FastifyInstance {
    /** The ledger service, for the periodic overdue escalation in main.ts. */
    ledger: ReturnType<typeof createLedgerService>;
    /** The dispatch service, for issuing recurring directives on their day. */
    dispatch: ReturnType<typeof createDispatchService>;
  }
}

export async function buildApp(config: AppConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      config.logger === undefined || config.logger === true
        ? {
            level: 'info',
            // Personal data never reaches the log: bodies are not logged, headers are redacted.
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
          }
        : config.logger,
    trustProxy: config.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false } },
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
  await app.register(multipart, {
    limits: { fileSize: config.maxUploadBytes ?? 20 * 1024 * 1024, files: 1, fields: 10, parts: 12 },
  });
  const hasWeb = !!config.webDir && fs.existsSync(path.join(config.webDir, 'index.html'));
  await registerHttpConventions(app, {
    // Client-side routes of the web app answer its page; unknown /api paths stay JSON 404s.
    spaFallback: hasWeb ? (reply) => reply.type('text/html').sendFile('index.html') : undefined,
    resolveSession: async (request) => {
      const token = request.cookies[cookieConf.name];
      if (!token) return undefined;
      const result = await auth.resolve(token, request.ip);
      return result && 'actor' in result ? { actor: result.actor, csrfToken: result.csrfToken } : result;
    },
  });
  await registerIdempotency(app, db);
  app.addSchema(ErrorBody);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '连心 Lianxin API', version: VERSION, description: '县域基层党建平台接口' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: cookieConf.name } },
      },
      security: [{ session: [] }],
    },
    transform: ({ schema, url, route }) => {
      const policy = route.config?.policy;
      const out = { ...(schema ?? {}) } as Record<string, unknown>;
      if (policy) out['x-policy'] = policy;
      return { schema: out as never, url };
    },
  });

  app.get(
    '/api/openapi.json',
    { schema: { hide: true }, config: { policy: 'public' } },
    async () => app.swagger(),
  );

  const orgs = createOrgService({ db, sessions: auth.sessions });
  const people = createPeopleService({ db, pii: config.pii });
  const auditService = createAuditService({ db });
  const accounts = createAccountService({ db, sessions: auth.sessions });
  const ledger = createLedgerService({ db });
  app.decorate('ledger', ledger);

  await app.register(healthRoutes, { db });
  await app.register(authRoutes, { auth, cookie: cookieConf, loginRateLimit: { max: config.loginRateLimit ?? 30, timeWindow: 60_000 } });
  await app.register(orgRoutes, { orgs });
  await app.register(peopleRoutes, { people });
  await app.register(peopleExcelRoutes, { db, pii: config.pii, people });
  await app.register(auditRoutes, { audit: auditService });
  await app.register(accountRoutes, { accounts });
  await app.register(ledgerRoutes, { ledger, db });
  await app.register(listsRoutes, { lists: createListsService({ db }) });
  const dispatch = createDispatchService({ db });
  app.decorate('dispatch', dispatch);
  await app.register(dispatchRoutes, { dispatch });
  await app.register(inspectionRoutes, { inspections: createInspectionService({ db, ledger }) });
  const challenges = createChallenges(config.challengeSecret ?? crypto.randomBytes(32));
  const requests = createRequestService({ db, pii: config.pii, challenges });
  await app.register(citizenRoutes, {
    requests,
    whistles: createWhistleService({ db }),
    diary: createDiaryService({ db, requests }),
    cards: createCardService({ db, pii: config.pii }),
    challenges,
    publicRateLimit: config.publicRateLimit ?? { submit: 10, lookup: 60 },
  });
  await app.register(homeRoutes, { home: createHomeService({ db }) });

  if (hasWeb) {
    await app.register(fastifyStatic, { root: config.webDir!, wildcard: false, index: ['index.html'] });
  }

  return app;
}
