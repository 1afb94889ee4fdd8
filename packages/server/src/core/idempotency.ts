// Idempotency-Key: a retried POST with the same key (from the same account) answers the first
// response instead of creating a second record. The key is claimed before the handler runs, so two
// concurrent retries cannot both create: the second waits for nothing and answers 409.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.js';
import { AppError } from './errors.js';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | undefined;
  }
}

export async function registerIdempotency(app: FastifyInstance, db: Db) {
  app.decorateRequest('idempotencyKey', undefined);

  app.addHook('preHandler', async (request, reply) => {
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
  });

  app.addHook('onSend', async (request, reply, payload) => {
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
  });
}
