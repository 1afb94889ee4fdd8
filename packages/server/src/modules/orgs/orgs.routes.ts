import type { FastifyReply } from 'fastify';
import type { TypedApp } from '../../core/http.js';
import {
  AddDesignationBody,
  CloseOrgBody,
  CreateOrgBody,
  IdAndDesignationParams,
  IdParams,
  ListDesignationsQuery,
  MoveOrgBody,
  NoContent,
  OrgDetail,
  OrgTree,
  OrgTreeQuery,
  StationDesignationRow,
  StationDesignationPage,
  UpdateOrgBody,
  VersionQuery,
} from '@lianxin/contract';
import type { OrgService } from './orgs.service.js';
import { sendKept } from '../../core/kept-answers.js';

export async function orgRoutes(app: TypedApp, opts: { orgs: OrgService }) {
  const { orgs } = opts;
  const tags = ['orgs'];

  app.get(
    '/api/orgs/tree',
    {
      schema: {
        tags,
        summary: '组织树（一次返回整县，含每个节点的党员数、村数和工作站预警）',
        querystring: OrgTreeQuery,
        response: { 200: OrgTree },
      },
      config: { policy: 'org:read' },
    },
    async (request, reply) => {
      if (!orgs.treeCacheEnabled) return orgs.tree(request.actor!, request.query.rootId);
      // the kept bytes, serialized once by this route's own schema (docs/decisions.md "The org tree's answer kept per generation")
      const answer = await orgs.treeAnswer(request.actor!, request.query.rootId, (tree) => reply.serialize(tree) as string);
      // already serialized: sent as bytes, past the typed reply (the schema's answer, unchanged)
      return sendKept(request, reply as FastifyReply, answer);
    },
  );

  app.get(
    '/api/orgs/:id',
    { schema: { tags, summary: '组织详情', params: IdParams, response: { 200: OrgDetail } }, config: { policy: 'org:read' } },
    async (request) => orgs.detail(request.actor!, request.params.id),
  );

  app.post(
    '/api/orgs',
    { schema: { tags, summary: '新建组织', body: CreateOrgBody, response: { 201: OrgDetail } }, config: { policy: 'org:write' } },
    async (request, reply) => {
      const org = await orgs.create(request.actor!, request.body);
      return reply.status(201).send(await orgs.detail(request.actor!, org.id));
    },
  );

  app.patch(
    '/api/orgs/:id',
    { schema: { tags, summary: '重命名或修改设置', params: IdParams, body: UpdateOrgBody, response: { 200: OrgDetail } }, config: { policy: 'org:write' } },
    async (request) => {
      await orgs.update(request.actor!, request.params.id, request.body);
      return orgs.detail(request.actor!, request.params.id);
    },
  );

  app.post(
    '/api/orgs/:id/move',
    { schema: { tags, summary: '调整隶属关系（连同下级一起移动）', params: IdParams, body: MoveOrgBody, response: { 200: OrgDetail } }, config: { policy: 'org:write' } },
    async (request) => {
      await orgs.move(request.actor!, request.params.id, request.body);
      return orgs.detail(request.actor!, request.params.id);
    },
  );

  app.post(
    '/api/orgs/:id/close',
    { schema: { tags, summary: '撤销组织', params: IdParams, body: CloseOrgBody, response: { 200: OrgDetail } }, config: { policy: 'org:write' } },
    async (request) => {
      await orgs.close(request.actor!, request.params.id, request.body.version);
      return orgs.detail(request.actor!, request.params.id);
    },
  );

  app.delete(
    '/api/orgs/:id',
    {
      schema: {
        tags,
        summary: '删除误建的组织（无任何引用时）',
        params: IdParams,
        querystring: VersionQuery,
        response: { 204: NoContent },
      },
      config: { policy: 'org:write' },
    },
    async (request, reply) => {
      await orgs.remove(request.actor!, request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  // 工作站称号: county pilot, township demonstration, 七一 commendation (county-given, audited)
  app.get(
    '/api/station-designations',
    {
      schema: {
        tags,
        summary: '工作站称号名单：县级试点、乡镇示范站、“七一”表彰（按称号、年度、组织子树筛选）',
        querystring: ListDesignationsQuery,
        response: { 200: StationDesignationPage },
      },
      config: { policy: 'org:read' },
    },
    async (request) => orgs.listDesignations(request.actor!, request.query),
  );
  app.get(
    '/api/station-designations/:id',
    { schema: { tags, summary: '一项工作站称号（本辖区的工作站；含工作站与所属乡镇）', params: IdParams, response: { 200: StationDesignationRow } }, config: { policy: 'org:read' } },
    async (request) => orgs.designation(request.actor!, request.params.id),
  );
  app.post(
    '/api/orgs/:id/designations',
    { schema: { tags, summary: '认定工作站称号（县委组织部；乡镇示范站亦可由本乡镇确定；“七一”表彰带奖励金额，单位：分）', params: IdParams, body: AddDesignationBody, response: { 201: StationDesignationRow } }, config: { policy: 'org:write' } },
    async (request, reply) => {
      const made = await orgs.addDesignation(request.actor!, request.params.id, request.body);
      // answered as GET /api/station-designations/{id} shows it (with the station and its township)
      return reply.status(201).send(await orgs.designation(request.actor!, made.id));
    },
  );
  app.delete(
    '/api/orgs/:id/designations/:designationId',
    { schema: { tags, summary: '撤销工作站称号（县委组织部；乡镇示范站亦可由本乡镇撤销）', params: IdAndDesignationParams, response: { 204: NoContent } }, config: { policy: 'org:write' } },
    async (request, reply) => {
      await orgs.removeDesignation(request.actor!, request.params.id, request.params.designationId);
      return reply.status(204).send(null);
    },
  );
}
