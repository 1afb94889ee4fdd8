import type { TypedApp } from '../../core/http.js';
import {
  TodayList,
  TodoSummary,
} from '@lianxin/contract';
import type { HomeService } from './home.service.js';

export async function homeRoutes(app: TypedApp, opts: { home: HomeService }) {
  app.get(
    '/api/home/todos',
    {
      schema: { tags: ['home'], summary: '工作台待办：本级及下级待处理事项的数量（按角色可见范围）', response: { 200: TodoSummary } },
      config: { policy: 'authenticated' },
    },
    async (request) => opts.home.todos(request.actor!),
  );
  app.get(
    '/api/home/today',
    {
      schema: {
        tags: ['home'],
        summary: '今日待办：本单位要做的每一件事（标题、期限、退回理由、去处），最紧急、最新的在前；按账号的管辖范围和角色',
        response: { 200: TodayList },
      },
      // Every signed-in account has a home page; the service lists only the kinds its roles act on.
      config: { policy: 'authenticated' },
    },
    async (request) => opts.home.today(request.actor!),
  );
}
