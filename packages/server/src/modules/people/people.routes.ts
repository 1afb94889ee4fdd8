import type { TypedApp } from '../../core/http.js';
import {
  CadrePage,
  CreatePersonBody,
  CreatePostBody,
  ReserveCadreRow,
  EndPostBody,
  IdParams,
  ListPeopleQuery,
  NoContent,
  PersonDetail,
  PersonPage,
  CadreLedgerQuery,
  OrgPostList,
  PostView,
  ReserveCadreBody,
  ReserveCadrePage,
  ReserveListQuery,
  UpdatePostBody,
  UpdatePersonBody,
} from '@lianxin/contract';
import type { PeopleService } from './people.service.js';

export async function peopleRoutes(app: TypedApp, opts: { people: PeopleService }) {
  const { people } = opts;
  const tags = ['people'];

  app.get(
    '/api/people',
    { schema: { tags, summary: '人员（党员）名册：按组织子树筛选、排序、分页', querystring: ListPeopleQuery, response: { 200: PersonPage } }, config: { policy: 'person:read' } },
    async (request) => people.list(request.actor!, request.query),
  );

  app.get(
    '/api/people/:id',
    { schema: { tags, summary: '人员详情（岗位、履历）', params: IdParams, response: { 200: PersonDetail } }, config: { policy: 'person:read' } },
    async (request) => people.detail(request.actor!, request.params.id),
  );

  app.post(
    '/api/people',
    { schema: { tags, summary: '新增人员', body: CreatePersonBody, response: { 201: PersonDetail } }, config: { policy: 'person:write' } },
    async (request, reply) => {
      const id = await people.create(request.actor!, request.body);
      return reply.status(201).send(await people.detail(request.actor!, id));
    },
  );

  app.patch(
    '/api/people/:id',
    { schema: { tags, summary: '修改人员信息（带版本号）', params: IdParams, body: UpdatePersonBody, response: { 200: PersonDetail } }, config: { policy: 'person:write' } },
    async (request) => {
      await people.update(request.actor!, request.params.id, request.body);
      return people.detail(request.actor!, request.params.id);
    },
  );

  app.post(
    '/api/posts',
    { schema: { tags, summary: '任职（设岗）：单人岗位任期重叠、工作站第二名站长回答 409；工作站人员到位预警随结果返回', body: CreatePostBody, response: { 201: PostView } }, config: { policy: 'person:post' } },
    async (request, reply) => reply.status(201).send(await people.addPost(request.actor!, request.body)),
  );

  app.patch(
    '/api/posts/:id',
    { schema: { tags, summary: '调整任职（任期、一肩挑、选派单位、选任方式、公职化；带版本号）', params: IdParams, body: UpdatePostBody, response: { 200: PostView } }, config: { policy: 'person:post' } },
    async (request) => people.updatePost(request.actor!, request.params.id, request.body),
  );

  app.get(
    '/api/posts/:id',
    { schema: { tags, summary: '一项任职（本辖区内；含任职人与任职单位当前的人员到位预警）', params: IdParams, response: { 200: PostView } }, config: { policy: 'person:read' } },
    async (request) => people.post(request.actor!, request.params.id),
  );

  app.get(
    '/api/orgs/:id/posts',
    { schema: { tags, summary: '本组织的任职（班子成员），在任的在前', params: IdParams, response: { 200: OrgPostList } }, config: { policy: 'person:read' } },
    async (request) => people.postsAt(request.actor!, request.params.id),
  );

  app.post(
    '/api/posts/:id/end',
    { schema: { tags, summary: '免职（结束任期）', params: IdParams, body: EndPostBody, response: { 204: NoContent } }, config: { policy: 'person:post' } },
    async (request, reply) => {
      await people.endPost(request.actor!, request.params.id, request.body.endDate);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/cadres',
    { schema: { tags, summary: '干部台账（在任岗位）：按岗位、一肩挑、选派单位、选任方式、公职化、学历、年龄、任职时间筛选，分页', querystring: CadreLedgerQuery, response: { 200: CadrePage } }, config: { policy: 'person:read' } },
    async (request) => people.cadres(request.actor!, request.query),
  );

  app.get(
    '/api/reserve-cadres',
    { schema: { tags, summary: '后备干部库（按乡镇等组织、按在库/已任用/已出库）', querystring: ReserveListQuery, response: { 200: ReserveCadrePage } }, config: { policy: 'person:read' } },
    async (request) => people.reserve(request.actor!, request.query),
  );

  app.post(
    '/api/reserve-cadres',
    { schema: { tags, summary: '纳入后备干部库', body: ReserveCadreBody, response: { 201: ReserveCadreRow } }, config: { policy: 'person:post' } },
    async (request, reply) => reply.status(201).send(await people.reserveCadre(request.actor!, await people.addReserve(request.actor!, request.body))),
  );

  app.get(
    '/api/reserve-cadres/:id',
    { schema: { tags, summary: '一名后备干部（可见范围同列表）', params: IdParams, response: { 200: ReserveCadreRow } }, config: { policy: 'person:read' } },
    async (request) => people.reserveCadre(request.actor!, request.params.id),
  );
}
