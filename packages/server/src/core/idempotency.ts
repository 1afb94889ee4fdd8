// Idempotency-Key: a retried POST with the same key (from the same account) answers the first
// response instead of creating a second record. The key is claimed before the handler runs, so two
// concurrent retries cannot both create: the second waits for nothing and answers 409.
import type { FastifyInstance, onSendAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import type { Db } from '../db/db.js';
import { AppError } from './errors.js';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | undefined;
  }
}

/** A route hook option as Fastify takes it: absent, one function or several. */
type HookOption<F> = F | F[] | undefined;
const hooksOf = <F>(h: HookOption<F>): F[] => (h === undefined ? [] : Array.isArray(h) ? h : [h]);

/**
 * The two hooks are attached to the POST routes only (as they are declared), not to the app: a GET —
 * most requests — runs neither, where two global async hooks cost every request its promise turns
 * for a header check that can only matter to a POST.
 */
export async function registerIdempotency(app: FastifyInstance, db: Db) {
  app.decorateRequest('idempotencyKey', undefined);

  const claim: preHandlerAsyncHookHandler = async function (request, reply) {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || !request.actor) return;
    if (!KEY_PATTERN.test(key)) {
      throw new AppError('validation_failed', { zh: 'Idempotency-Key 格式不正确（8–100 位字母、数字或 _.:-）', en: 'Malformed Idempotency-Key' });
    }
    const scopedKey = `${request.method} ${request.routeOptions.url} ${key}`;
    const claimed = await db.query(
      `INSERT INTO idempotency_keys (key, account_id, status) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING RETURNING key`,
      [scopedKey, request.actor.accountId],
    );
    if (claimed.length > 0) {
      request.idempotencyKey = scopedKey;
      return;
    }
    const [stored] = await db.query<{ status: number; body: unknown }>(
      `SELECT status, body FROM idempotency_keys WHERE key = $1 AND account_id = $2`,
      [scopedKey, request.actor.accountId],
    );
    if (!stored || stored.status === 0) {
      throw new AppError('conflict', { zh: '相同的请求正在处理中，请稍候', en: 'The same request is being processed' });
    }
    reply.header('Idempotent-Replay', 'true');
    return reply.status(stored.status).send(stored.body);
  };

  const record: onSendAsyncHookHandler<unknown> = async function (request, reply, payload) {
    const key = request.idempotencyKey;
    if (!key || !request.actor) return payload;
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
      let body: unknown = null;
      try {
        body = typeof payload === 'string' && payload ? JSON.parse(payload) : null;
      } catch {
        body = null;
      }
      await db.query(`UPDATE idempotency_keys SET status = $3, body = $4::jsonb WHERE key = $1 AND account_id = $2`, [
        key,
        request.actor.accountId,
        reply.statusCode,
        JSON.stringify(body),
      ]);
    } else {
      // a refused request may be retried with the same key once corrected
      await db.query(`DELETE FROM idempotency_keys WHERE key = $1 AND account_id = $2`, [key, request.actor.accountId]);
    }
    return payload;
  };

  // Every route declared after this (all the modules' routes) passes here once, at start-up. The
  // claim runs first among the route's own preHandlers, as it did as the app's hook.
  app.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method);
    if (!methods.includes('POST')) return;
    route.preHandler = [claim, ...hooksOf(route.preHandler as HookOption<preHandlerAsyncHookHandler>)] as never;
    route.onSend = [record, ...hooksOf(route.onSend as HookOption<onSendAsyncHookHandler<unknown>>)] as never;
  });
}
