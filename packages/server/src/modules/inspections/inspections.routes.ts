import type { TypedApp } from '../../core/http.js';
import {
  AccountabilityList,
  AccountabilityView,
  BulletinView,
  ListAccountabilityQuery,
  ListBulletinsQuery,
  ListInspectionsQuery,
  BulletinList,
  CreateAccountabilityBody,
  CreateBulletinBody,
  CreateInspectionBody,
  Created,
  FindingParams,
  FindingProblemCreated,
  FindingToProblemBody,
  IdParams,
  InspectionList,
  InspectionView,
} from '@lianxin/contract';
import type { InspectionService } from './inspections.service.js';


export async function inspectionRoutes(app: TypedApp, opts: { inspections: InspectionService }) {
  const { inspections } = opts;
  const tags = ['inspections'];

  app.get('/api/inspections', { schema: { tags, summary: '督查记录（本单位开展的和本单位被督查的；督查日期新的在前，分页）', querystring: ListInspectionsQuery, response: { 200: InspectionList } }, config: { policy: 'inspection:read' } }, async (request) =>
    inspections.list(request.actor!, request.query),
  );
  app.post(
    '/api/inspections',
    { schema: { tags, summary: '记录督查：对象、日期、人员、发现的问题、评分和讲评', body: CreateInspectionBody, response: { 201: InspectionView } }, config: { policy: 'inspection:write' } },
    async (request, reply) => {
      const id = await inspections.create(request.actor!, request.body);
      return reply.status(201).send(await inspections.detail(request.actor!, id));
    },
  );
  app.get(
    '/api/inspections/:id',
    { schema: { tags, summary: '督查详情', params: IdParams, response: { 200: InspectionView } }, config: { policy: 'inspection:read' } },
    async (request) => inspections.detail(request.actor!, request.params.id),
  );
  app.post(
    '/api/inspections/:id/findings/:findingId/problem',
    {
      schema: { tags, summary: '一键列入问题台账（双向关联）', params: FindingParams, body: FindingToProblemBody, response: { 201: FindingProblemCreated } },
      config: { policy: 'inspection:problem' },
    },
    async (request, reply) => reply.status(201).send({ problemId: await inspections.findingToProblem(request.actor!, request.params.id, request.params.findingId, request.body) }),
  );
  app.get('/api/bulletins', { schema: { tags, summary: '通报（上级发给本单位的和本单位发出的；新的在前，分页；inspectionId 只列某次督查的，q 按标题或正文查找）', querystring: ListBulletinsQuery, response: { 200: BulletinList } }, config: { policy: 'inspection:read' } }, async (request) =>
    inspections.bulletins(request.actor!, request.query),
  );
  app.get('/api/bulletins/:id', { schema: { tags, summary: '一份通报（可见范围同列表）', params: IdParams, response: { 200: BulletinView } }, config: { policy: 'inspection:read' } }, async (request) =>
    inspections.bulletin(request.actor!, request.params.id),
  );
  app.post(
    '/api/bulletins',
    { schema: { tags, summary: '发布督查通报（本单位以下可见）', body: CreateBulletinBody, response: { 201: BulletinView } }, config: { policy: 'inspection:write' } },
    async (request, reply) => reply.status(201).send(await inspections.bulletin(request.actor!, await inspections.publishBulletin(request.actor!, request.body))),
  );
  app.get('/api/accountability', { schema: { tags, summary: '问责记录（决定日期新的在前，分页；inspectionId 只列某次督查的，kind 按问责方式；counts 为各方式的条数）', querystring: ListAccountabilityQuery, response: { 200: AccountabilityList } }, config: { policy: 'inspection:read' } }, async (request) =>
    inspections.accountability(request.actor!, request.query),
  );
  app.get('/api/accountability/:id', { schema: { tags, summary: '一条问责记录（可见范围同列表）', params: IdParams, response: { 200: AccountabilityView } }, config: { policy: 'inspection:read' } }, async (request) =>
    inspections.accountabilityRecord(request.actor!, request.params.id),
  );
  app.post(
    '/api/accountability',
    { schema: { tags, summary: '记录问责：通报批评、限期整改、约谈、诫勉谈话、调离岗位、大会检讨', body: CreateAccountabilityBody, response: { 201: AccountabilityView } }, config: { policy: 'inspection:accountability' } },
    async (request, reply) => reply.status(201).send(await inspections.accountabilityRecord(request.actor!, await inspections.recordAccountability(request.actor!, request.body))),
  );
}
