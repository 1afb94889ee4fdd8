import type { TypedApp } from '../../core/http.js';
import {
  HealthStatus,
} from '@lianxin/contract';
import type { Db } from '../../db/db.js';
import { ping } from './health.repository.js';

export async function healthRoutes(app: TypedApp, opts: { db: Db }) {
  app.get(
    '/api/health',
    {
      schema: { tags: ['system'], summary: '健康检查', response: { 200: HealthStatus } },
      config: { policy: 'public' },
    },
    async () => {
      await ping(opts.db);
      return { status: 'ok' as const };
    },
  );
}
