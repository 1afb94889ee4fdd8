// The HTTP conventions every route shares: strict validation, a declared policy per route,
// sessions and CSRF, one error format ({code, message}) in zh-CN or English, security headers.
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Action } from '@lianxin/contract';
import type { Actor } from './access.js';
import { requireAction } from './access.js';
import { AppError, detailsIn, genericMessage, langOf, validationError, type FieldError, type Lang } from './errors.js';

/**
 * Who may call a route: 'public' (no login), 'authenticated' (any signed-in account; the service
 * decides further) or an action some role must hold. Every /api route declares one.
 */
export type RoutePolicy = 'public' | 'authenticated' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    /** Skip the CSRF token check (login, which has no session yet; it still checks Origin). */
    csrfExempt?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | undefined;
    csrfToken: string | undefined;
    /** The session the request was admitted with, as the resolver answered it (GET /api/auth/me reads its account from it). */
    session: AdmittedSession | undefined;
    lang: Lang;
  }
}

/** A live session: its actor and CSRF token (a resolver may answer more; the request keeps its answer whole). */
export type AdmittedSession = { actor: Actor; csrfToken: string };
type ResolvedSession = AdmittedSession | { expired: true } | undefined;

export type SessionResolver = (request: FastifyRequest) => Promise<ResolvedSession>;

const FIELD_WORDS: Record<string, string> = {
  required: '必填',
};

function fieldName(e: ErrorObject): string {
  const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (e.keyword === 'required') return [base, (e.params as { missingProperty: string }).missingProperty].filter(Boolean).join('.');
  if (e.keyword === 'additionalProperties')
    return [base, (e.params as { additionalProperty: string }).additionalProperty].filter(Boolean).join('.');
  return base || '(请求)';
}

function describe(e: ErrorObject, field: string): { zh: string; en: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { zh: `缺少${FIELD_WORDS.required}字段：${field}`, en: `Missing required field: ${field}` };
    case 'additionalProperties':
      return { zh: `不允许的字段：${field}`, en: `Unknown field: ${field}` };
    case 'type':
      return { zh: `字段 ${field} 的类型不正确（应为 ${String(p.type)}）`, en: `${field} must be ${String(p.type)}` };
    case 'minLength':
      return Number(p.limit) === 1
        ? { zh: `${field} 不能为空`, en: `${field} may not be empty` }
        : { zh: `${field} 至少 ${String(p.limit)} 个字符`, en: `${field} needs at least ${String(p.limit)} characters` };
    case 'maxLength':
      return { zh: `${field} 最多 ${String(p.limit)} 个字符`, en: `${field} has at most ${String(p.limit)} characters` };
    case 'minimum':
    case 'maximum':
      return {
        zh: `${field} 超出允许范围（${e.keyword === 'minimum' ? '最小' : '最大'} ${String(p.limit)}）`,
        en: `${field} is out of range (${e.keyword} ${String(p.limit)})`,
      };
    case 'format':
      return p.format === 'date'
        ? { zh: `${field} 应为日期，格式 YYYY-MM-DD`, en: `${field} must be a date YYYY-MM-DD` }
        : { zh: `${field} 格式不正确`, en: `${field} has the wrong format` };
    case 'pattern':
      return { zh: `${field} 格式不正确`, en: `${field} has the wrong format` };
    case 'x-notBlank':
      return { zh: `${field} 不能为空或只有空格`, en: `${field} may not be blank` };
    case 'anyOf':
    case 'const':
    case 'enum':
      return { zh: `${field} 的取值无效`, en: `${field} has an invalid value` };
    case 'minItems':
    case 'maxItems':
    case 'uniqueItems':
      return { zh: `${field} 的项目数量或重复项不符合要求`, en: `${field} has the wrong number of items` };
    default:
      return { zh: `${field} 不符合要求`, en: `${field} is invalid` };
  }
}

/** Fastify's name of a request part → the part as an integrator reads it in the error. */
const PART_OF: Record<string, FieldError['in']> = { body: 'body', querystring: 'query', params: 'path' };

/** Turns Ajv's errors into named field errors, one per field, most specific first. */
export function fieldErrorsOf(errors: ErrorObject[], part?: string): FieldError[] {
  const where = PART_OF[part ?? ''];
  const seen = new Map<string, FieldError>();
  // A failed union reports every branch; the branch errors ('const', 'type') are noise when the
  // union itself is reported.
  const unionPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && unionPaths.has(e.instancePath)) continue;
    const field = fieldName(e);
    if (!seen.has(field)) seen.set(field, { field, ...describe(e, field), ...(where ? { in: where } : {}) });
  }
  return [...seen.values()];
}

function makeAjv(coerce: boolean) {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false, // unknown fields are rejected, never silently dropped
    allErrors: false,
    strict: false,
  });
  addFormats.default(ajv);
  // A date the database can store and a person can mean: ajv's own 'date' takes year 0000,
  // which PostgreSQL refuses (a 500 before this).
  ajv.addFormat('date', { type: 'string', validate: isPlausibleDate });
  ajv.addKeyword({ keyword: 'x-notBlank', type: 'string', schemaType: 'boolean', errors: false, validate: (on: boolean, data: string) => !on || data.trim() !== '' });
  return ajv;
}

/** YYYY-MM-DD of a real calendar day between 1800 and 2200. */
export function isPlausibleDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1800 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const INT4_MAX = 2_147_483_647;

/**
 * Tightens a route schema before it is compiled, for every route at once: a required text
 * (minLength ≥ 1) may not be only spaces (CHECK constraints refuse it: a 500 before this), and an
 * integer without bounds is bounded to int4, so no number reaches SQL that a column cannot hold.
 * The route's own schema object (also the OpenAPI document's) is not changed.
 */
export function hardenSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(hardenSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] = k === 'default' || k === 'const' || k === 'enum' || k === 'examples' ? v : hardenSchema(v);
  }
  const types = ([] as unknown[]).concat(out.type ?? []);
  if (types.includes('string') && typeof out.minLength === 'number' && out.minLength >= 1 && out.format === undefined && out.enum === undefined) {
    out['x-notBlank'] = true;
  }
  if (types.includes('integer')) {
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = INT4_MAX;
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = -INT4_MAX - 1;
  }
  return out;
}

/**
 * A response schema as the serializer compiles it: each nullable union of one typed branch —
 * TypeBox's `Union([T, Null()])`, i.e. `anyOf: [T, {type: 'null'}]` — becomes T with
 * `nullable: true`. fast-json-stringify picks an `anyOf` branch by validating the value against
 * each branch with Ajv on every answer (a date's format check, an object's whole schema); with
 * `nullable` it tests for null. The bytes of an answer are the same (`serialization-schema.test.ts`
 * serializes every contract schema both ways); the route's own schema and the OpenAPI document are
 * not changed.
 */
export function serializationSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(serializationSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'default' || k === 'const' || k === 'enum' || k === 'examples' ? v : serializationSchema(v);
  const branches = out.anyOf;
  if (Array.isArray(branches) && branches.length === 2) {
    const isNull = (b: unknown) => !!b && typeof b === 'object' && (b as { type?: unknown }).type === 'null' && Object.keys(b).every((k) => k === 'type' || k === 'description');
    const nullAt = branches.findIndex(isNull);
    const typed = branches[1 - nullAt] as Record<string, unknown> | undefined;
    // a typed branch only: one JSON type, no union or reference of its own (those stay as they are)
    if (nullAt >= 0 && typed && typeof typed.type === 'string' && typed.type !== 'null' && !('anyOf' in typed) && !('oneOf' in typed) && !('allOf' in typed) && !('$ref' in typed)) {
      const { anyOf: _anyOf, ...rest } = out;
      return { ...typed, ...rest, nullable: true };
    }
  }
  return out;
}

/** Characters no text field may hold: NUL (PostgreSQL refuses it) and lone UTF-16 surrogates. */
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string (key or value) in a parsed body, query or params holding such a character. */
export function findUnsafeText(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return UNSAFE_TEXT.test(value) ? path : undefined;
  if (!value || typeof value !== 'object' || depth > 32) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const p = path ? `${path}.${k}` : k;
    if (UNSAFE_TEXT.test(k)) return p;
    const found = findUnsafeText(v, p, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
};

/**
 * Text that passes the schema but no database or log should take (NUL, lone surrogates), in any
 * part of any request: a 400 naming the field, before anything is read or written.
 */
function checkUnsafeText(request: FastifyRequest) {
  const parts: [string, unknown][] = [['params', request.params], ['querystring', request.query], ['body', request.body]];
  for (const [part, value] of parts) {
    const field = findUnsafeText(value, '');
    if (field !== undefined) {
      const name = field || '(请求)';
      throw validationError([{ field: name, in: PART_OF[part], zh: `${name} 含有不允许的字符（如空字符或不成对的代理字符）`, en: `${name} contains characters that are not allowed` }]);
    }
  }
}

/**
 * CSRF: a state-changing request must come from our own origin and, with a session, carry the
 * session's token in X-CSRF-Token. Runs after the route is known and before the body is read.
 */
function checkCsrf(request: FastifyRequest) {
  const origin = request.headers.origin;
  if (origin) {
    // request.host reads X-Forwarded-Host only from a trusted proxy (TRUST_PROXY); otherwise the
    // Host header: a client cannot name its own origin as ours.
    const host = request.host;
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost !== host) throw new AppError('csrf_failed');
  }
  if (request.routeOptions.config?.csrfExempt || !request.actor) return;
  if (request.headers['x-csrf-token'] !== request.csrfToken) throw new AppError('csrf_failed');
}

export async function registerHttpConventions(
  app: FastifyInstance,
  options: {
    resolveSession: SessionResolver;
    /**
     * The request's session when a cache answers it outright, without a promise; undefined to ask
     * `resolveSession`. Must give what `resolveSession` would.
     */
    cachedSession?: (request: FastifyRequest) => AdmittedSession | undefined;
    isApiPath?: (url: string) => boolean;
    spaFallback?: (reply: FastifyReply) => FastifyReply;
  },
) {
  const bodyAjv = makeAjv(false);
  const paramAjv = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? bodyAjv : paramAjv;
    return ajv.compile(hardenSchema(schema) as object) as never;
  });
  app.setSchemaErrorFormatter((errors, dataVar) => {
    const err = new AppError('validation_failed', undefined, { fields: fieldErrorsOf(errors as ErrorObject[], dataVar) });
    const first = (err.details as { fields: FieldError[] }).fields[0];
    return first ? new AppError('validation_failed', { zh: first.zh, en: first.en }, err.details) : err;
  });

  const isApi = options.isApiPath ?? ((url: string) => url.startsWith('/api/'));

  app.addHook('onRoute', (route) => {
    if (!isApi(route.url)) return;
    if (!route.config?.policy) {
      throw new Error(`路由 ${String(route.method)} ${route.url} 未声明访问策略（config.policy）`);
    }
  });

  app.decorateRequest('actor', undefined);
  app.decorateRequest('csrfToken', undefined);
  app.decorateRequest('session', undefined);
  app.decorateRequest('lang', 'zh');

  /** The session's actor on the request, then the route's policy: 401, 403 or through. */
  const admit = (request: FastifyRequest, policy: RoutePolicy, session: ResolvedSession) => {
    if (session && 'actor' in session) {
      request.actor = session.actor;
      request.csrfToken = session.csrfToken;
      request.session = session;
    }
    if (policy === 'public') return;
    if (!request.actor) {
      throw new AppError(session && 'expired' in session ? 'session_expired' : 'unauthenticated');
    }
    if (request.actor.mustChangePassword && !request.url.startsWith('/api/auth/')) {
      throw new AppError('password_change_required');
    }
    if (request.actor.mustEnrollTotp && !request.url.startsWith('/api/auth/')) {
      throw new AppError('totp_enrollment_required');
    }
    if (policy !== 'authenticated') requireAction(request.actor, policy);
  };

  // Not async: a session the cache answers (most requests of a signed-in page) is admitted in the
  // same turn; only a miss — a read, a touch, an expiry — waits for `resolveSession`.
  app.addHook('onRequest', function admitSession(request, _reply, done) {
    request.lang = langOf(request.headers['accept-language']);
    const policy = request.routeOptions.config?.policy;
    if (!policy || !isApi(request.url)) return done();
    let cached: ResolvedSession;
    try {
      cached = options.cachedSession?.(request);
      if (cached) admit(request, policy, cached);
    } catch (err) {
      return done(err as Error);
    }
    if (cached) return done();
    options.resolveSession(request).then(
      (session) => {
        try {
          admit(request, policy, session);
        } catch (err) {
          return done(err as Error);
        }
        done();
      },
      (err: Error) => done(err),
    );
  });

  // One preValidation hook for both checks, and not async: a hook that returns a promise costs
  // every request a few microtask turns, and most requests need neither check to do anything.
  app.addHook('preValidation', function checkInput(request, _reply, done) {
    if (!isApi(request.url)) return done();
    try {
      checkUnsafeText(request);
      if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') checkCsrf(request);
    } catch (err) {
      return done(err as Error);
    }
    done();
  });

  // The same headers on every answer: one object, set in one call, by a hook that is not async.
  // An API answer is not stored (no-store) unless its route said otherwise — a file a route serves
  // with `private, max-age=300` keeps it — and an error is never stored, whatever was set before it.
  app.addHook('onSend', function securityHeaders(request, reply, payload, done) {
    reply.headers(SECURITY_HEADERS);
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000');
    if (isApi(request.url) && (reply.statusCode >= 400 || !reply.hasHeader('cache-control'))) reply.header('Cache-Control', 'no-store');
    done(null, payload);
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const lang = request.lang ?? langOf(request.headers['accept-language']);
    if (reply.raw.headersSent) {
      // A download failed after it started (an export): the status line is gone, so no error body
      // can follow. End the response unfinished (the client sees an aborted download, never a
      // file with JSON appended) and log it.
      request.log.error({ err: { message: scrubPii(error.message), code: (error as FastifyError).code } }, 'response failed after it started; aborted');
      reply.raw.destroy();
      return reply;
    }
    const appError = toAppError(error, request.isMultipart());
    if (appError.status >= 500) {
      // Never log request bodies: they may hold ID numbers and phones.
      // A database error may quote the value it refused (an ID number, a phone): digits are masked.
      request.log.error({ err: { message: scrubPii(error.message), code: (error as FastifyError).code, stack: scrubPii(error.stack ?? '') } }, 'request failed');
    }
    const body: Record<string, unknown> = {
      code: appError.code,
      message: appError.status >= 500 ? genericMessage(appError.code, lang) : appError.messages[lang],
      requestId: request.id,
    };
    if (appError.details !== undefined) body.details = detailsIn(appError.details, lang);
    if (appError.code === 'rate_limited') reply.header('Retry-After', '60');
    return reply.status(appError.status).send(body);
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    // A page of the app (a deep link, a reload): its index.html — also for HEAD, which link checkers and proxies send.
    if (options.spaFallback && (request.method === 'GET' || request.method === 'HEAD') && !isApi(request.url)) return options.spaFallback(reply);
    const lang = langOf(request.headers['accept-language']);
    return reply.status(404).send({ code: 'route_not_found', message: genericMessage('route_not_found', lang), requestId: request.id });
  });
}

/** Masks what could be an ID number or a phone (7 or more digits in a row) in a log message. */
export function scrubPii(text: string): string {
  return text.replace(/\d{6,}[\dXx]?/g, (m) => (m.length >= 7 ? '*'.repeat(m.length) : m));
}

/** What busboy (multipart) says when the form itself is malformed: the client's fault. */
const MALFORMED_MULTIPART = /multipart|boundary|Unsupported Content-Type|terminated early|Malformed part header/i;

function toAppError(error: FastifyError | AppError, multipart = false): AppError {
  if (error instanceof AppError) return error;
  if (multipart && !(error as FastifyError).statusCode && MALFORMED_MULTIPART.test(error.message)) {
    return new AppError('bad_request', { zh: '上传的表单格式不正确（multipart/form-data 不完整或边界错误）', en: 'The multipart form is malformed' });
  }
  const code = (error as FastifyError).code;
  const status = (error as FastifyError).statusCode;
  if ((error as FastifyError).validation) {
    return new AppError('validation_failed', undefined, {
      fields: fieldErrorsOf((error as FastifyError).validation as unknown as ErrorObject[]),
    });
  }
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_MP_PREMATURE_CLOSE':
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new AppError('bad_request');
    case 'FST_FIELDS_LIMIT':
      return new AppError('payload_too_large');
  }
  if (status === 429) return new AppError('rate_limited');
  if (error instanceof SyntaxError && status === 400) return new AppError('invalid_json');
  if (status && status >= 400 && status < 500) return new AppError(status === 404 ? 'not_found' : 'bad_request');
  return new AppError('internal');
}

/**
 * The Fastify instance every route plugin receives: the TypeBox type provider gives each handler
 * its request types (body, params, querystring) and its reply type from the route's own schemas,
 * so no route restates them by hand.
 */
export type TypedApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;
