import type { FastifyInstance } from 'fastify';
import { TodoSummary } from '@lianxin/contract';
import type { HomeService } from './home.service.js';

export async function homeRoutes(app: FastifyInstance, opts: { home: HomeService }) {
  app.get(
    '/api/home/todos',
    {
      schema: { tags: ['home'], summary: '工作台待办：本级及下级待处理事项的数量（按角色可见范围）', response: { 200: TodoSummary } },
      config: { policy: 'authenticated' },
    },
    async (request) => opts.home.todos(request.actor!),
  );
}
