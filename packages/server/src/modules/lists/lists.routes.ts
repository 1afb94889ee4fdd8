import type { TypedApp } from '../../core/http.js';
import {
  CreateResponsibilityBody,
  CreateTaskBody,
  Created,
  FireTaskBody,
  IdParams,
  ListYearQuery,
  NoContent,
  ResponsibilityList,
  ResponsibilityRow,
  TaskList,
  TaskListQuery,
  TaskRow,
  TaskTransitionParams,
  VersionQuery,
} from '@lianxin/contract';
import type { ListsService } from './lists.service.js';


export async function listsRoutes(app: TypedApp, opts: { lists: ListsService }) {
  const { lists } = opts;
  const tags = ['lists'];

  app.get(
    '/api/tasks',
    { schema: { tags, summary: '任务清单（按组织、年度；open=true 为各年度未完成的任务）', querystring: TaskListQuery, response: { 200: TaskList } }, config: { policy: 'list:read' } },
    async (request) => lists.tasks(request.actor!, request.query),
  );
  app.get(
    '/api/tasks/:id',
    { schema: { tags, summary: '一项任务（可见范围同列表）', params: IdParams, response: { 200: TaskRow } }, config: { policy: 'list:read' } },
    async (request) => lists.task(request.actor!, request.params.id),
  );
  app.post(
    '/api/tasks',
    { schema: { tags, summary: '列入任务清单', body: CreateTaskBody, response: { 201: TaskRow } }, config: { policy: 'list:handle' } },
    async (request, reply) => reply.status(201).send(await lists.createTask(request.actor!, request.body)),
  );
  app.post(
    '/api/tasks/:id/transitions/:transition',
    {
      schema: {
        tags,
        summary: '任务办理：开始推进、报告完成、退回、确认完成',
        params: TaskTransitionParams,
        body: FireTaskBody,
        response: { 200: TaskRow },
      },
      config: { policy: 'list:handle' },
    },
    async (request) => lists.fireTask(request.actor!, request.params.id, request.params.transition, request.body),
  );
  app.get(
    '/api/responsibilities',
    { schema: { tags, summary: '责任清单（按组织、年度）', querystring: ListYearQuery, response: { 200: ResponsibilityList } }, config: { policy: 'list:read' } },
    async (request) => lists.responsibilities(request.actor!, request.query),
  );
  app.get(
    '/api/responsibilities/:id',
    { schema: { tags, summary: '一条责任（可见范围同列表）', params: IdParams, response: { 200: ResponsibilityRow } }, config: { policy: 'list:read' } },
    async (request) => lists.responsibility(request.actor!, request.params.id),
  );
  app.post(
    '/api/responsibilities',
    { schema: { tags, summary: '列入责任清单', body: CreateResponsibilityBody, response: { 201: ResponsibilityRow } }, config: { policy: 'list:handle' } },
    async (request, reply) => reply.status(201).send(await lists.responsibility(request.actor!, await lists.addResponsibility(request.actor!, request.body))),
  );
  app.delete(
    '/api/responsibilities/:id',
    {
      schema: { tags, summary: '移出责任清单', params: IdParams, querystring: VersionQuery, response: { 204: NoContent } },
      config: { policy: 'list:handle' },
    },
    async (request, reply) => {
      await lists.removeResponsibility(request.actor!, request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );
}
