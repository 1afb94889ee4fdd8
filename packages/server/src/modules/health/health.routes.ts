import type { TypedApp } from '../../core/http.js';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/db.js';

export async function healthRoutes(app: TypedApp, opts: { db: Db }) {
  app.get(
    '/api/health',
    {
      schema: { tags: ['system'], summary: '健康检查', response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
      config: { policy: 'public' },
    },
    async () => {
      await opts.db.query('SELECT 1');
      return { status: 'ok' as const };
    },
  );
}
