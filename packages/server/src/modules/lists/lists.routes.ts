import type { TypedApp } from '../../core/http.js';
import { Type } from '@sinclair/typebox';
import {
  CreateResponsibilityBody,
  CreateTaskBody,
  FireTaskBody,
  Id,
  ResponsibilityRow,
  TASK_TRANSITIONS,
  TaskRow,
  type TaskTransition
} from '@lianxin/contract';
import type { ListsService } from './lists.service.js';

const YearQuery = Type.Object(
  { orgId: Type.Optional(Id), year: Type.Integer({ minimum: 2000, maximum: 2100 }) },
  { additionalProperties: false },
);

export async function listsRoutes(app: TypedApp, opts: { lists: ListsService }) {
  const { lists } = opts;
  const tags = ['lists'];

  app.get(
    '/api/tasks',
    { schema: { tags, summary: '任务清单（按组织、年度）', querystring: YearQuery, response: { 200: Type.Array(TaskRow) } }, config: { policy: 'ledger:read' } },
    async (request) => lists.tasks(request.actor!, request.query),
  );
  app.post(
    '/api/tasks',
    { schema: { tags, summary: '列入任务清单', body: CreateTaskBody, response: { 201: TaskRow } }, config: { policy: 'ledger:handle' } },
    async (request, reply) => reply.status(201).send(await lists.createTask(request.actor!, request.body)),
  );
  app.post(
    '/api/tasks/:id/transitions/:transition',
    {
      schema: {
        tags,
        summary: '任务办理：开始推进、报告完成、退回、确认完成',
        params: Type.Object({ id: Id, transition: Type.Unsafe<TaskTransition>({ type: 'string', enum: [...TASK_TRANSITIONS] }) }, { additionalProperties: false }),
        body: FireTaskBody,
        response: { 200: TaskRow },
      },
      config: { policy: 'ledger:handle' },
    },
    async (request) => lists.fireTask(request.actor!, request.params.id, request.params.transition, request.body),
  );
  app.get(
    '/api/responsibilities',
    { schema: { tags, summary: '责任清单（按组织、年度）', querystring: YearQuery, response: { 200: Type.Array(ResponsibilityRow) } }, config: { policy: 'ledger:read' } },
    async (request) => lists.responsibilities(request.actor!, request.query),
  );
  app.post(
    '/api/responsibilities',
    { schema: { tags, summary: '列入责任清单', body: CreateResponsibilityBody, response: { 201: Type.Object({ id: Id }) } }, config: { policy: 'ledger:handle' } },
    async (request, reply) => reply.status(201).send({ id: await lists.addResponsibility(request.actor!, request.body) }),
  );
  app.delete(
    '/api/responsibilities/:id',
    {
      schema: { tags, summary: '移出责任清单', params: Type.Object({ id: Id }, { additionalProperties: false }), querystring: Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }), response: { 204: Type.Null() } },
      config: { policy: 'ledger:handle' },
    },
    async (request, reply) => {
      await lists.removeResponsibility(request.actor!, request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );
}
