// 软弱涣散整顿 routes: the signals board, the list, a branch's rectification, proposing, the plan,
// rectification problems (through the ledger) and the workflow's steps. Thin: schema, policy, one
// service call.
import type { TypedApp } from '../../core/http.js';
import {
  FireWeakBody,
  IdParams,
  ListWeakOrgsQuery,
  ProposeWeakOrgBody,
  WeakOrgDetail,
  WeakOrgPage,
  WeakPlanBody,
  WeakProblemBody,
  WeakProblemCreated,
  WeakSignalBoard,
  WeakSignalQuery,
  WeakTransitionParams,
} from '@lianxin/contract';
import type { WeakOrgService } from './weakorgs.service.js';

export async function weakOrgRoutes(app: TypedApp, opts: { weakOrgs: WeakOrgService }) {
  const { weakOrgs } = opts;
  const tags = ['weakorgs'];

  app.get(
    '/api/weak-orgs/signals',
    { schema: { tags, summary: '研判：下级各党组织的逾期问题、逾期上报、群众满意率、书记缺职', querystring: WeakSignalQuery, response: { 200: WeakSignalBoard } }, config: { policy: 'weakorg:read' } },
    async (request) => weakOrgs.signals(request.actor!, request.query.orgId),
  );
  app.get(
    '/api/weak-orgs',
    { schema: { tags, summary: '软弱涣散党组织整顿名单（管辖范围内，可按组织、年度、状态筛选）', querystring: ListWeakOrgsQuery, response: { 200: WeakOrgPage } }, config: { policy: 'weakorg:read' } },
    async (request) => weakOrgs.list(request.actor!, request.query),
  );
  app.post(
    '/api/weak-orgs',
    { schema: { tags, summary: '提出列入软弱涣散整顿（乡镇或县，附情形和记录研判）', body: ProposeWeakOrgBody, response: { 201: WeakOrgDetail } }, config: { policy: 'weakorg:propose' } },
    async (request, reply) => reply.status(201).send(await weakOrgs.propose(request.actor!, request.body)),
  );
  app.get(
    '/api/weak-orgs/:id',
    { schema: { tags, summary: '一个党组织的整顿：情形、研判、方案、整改问题、过程和历次整顿', params: IdParams, response: { 200: WeakOrgDetail } }, config: { policy: 'weakorg:read' } },
    async (request) => weakOrgs.detail(request.actor!, request.params.id),
  );
  app.put(
    '/api/weak-orgs/:id/plan',
    { schema: { tags, summary: '整顿方案和包联领导（整顿中，上级党组织填写）', params: IdParams, body: WeakPlanBody, response: { 200: WeakOrgDetail } }, config: { policy: 'weakorg:propose' } },
    async (request) => weakOrgs.plan(request.actor!, request.params.id, request.body),
  );
  app.post(
    '/api/weak-orgs/:id/problems',
    { schema: { tags, summary: '添加整改问题：登记到问题台账并与本次整顿关联', params: IdParams, body: WeakProblemBody, response: { 201: WeakProblemCreated } }, config: { policy: 'weakorg:propose' } },
    async (request, reply) => reply.status(201).send({ problemId: await weakOrgs.addProblem(request.actor!, request.params.id, request.body) }),
  );
  app.post(
    '/api/weak-orgs/:id/transitions/:transition',
    { schema: { tags, summary: '确定列入、不予列入（须说明理由）、申请验收、验收不通过（须说明原因）、验收通过摘帽', params: WeakTransitionParams, body: FireWeakBody, response: { 200: WeakOrgDetail } }, config: { policy: 'weakorg:propose' } },
    async (request) => {
      await weakOrgs.fire(request.actor!, request.params.id, request.params.transition, request.body);
      return weakOrgs.detail(request.actor!, request.params.id);
    },
  );
}
