// 党支部积星·党员积分 routes: thin — schema, policy, one service call.
import type { TypedApp } from '../../core/http.js';
import {
  DecidePointAwardBody,
  IdParams,
  ListPointAwardsQuery,
  MemberPoints,
  MemberPointsQuery,
  PointAward,
  PointAwardPage,
  PointRules,
  PointRulesQuery,
  PointsBoard,
  PointsBoardQuery,
  ProposePointAwardBody,
  SavePointRulesBody,
} from '@lianxin/contract';
import type { PointsService } from './points.service.js';

export async function pointRoutes(app: TypedApp, opts: { points: PointsService }) {
  const { points } = opts;
  const tags = ['recognition'];

  app.get(
    '/api/recognition/point-rules',
    { schema: { tags, summary: '本县某年度党员积分、党支部积星规则（积分项只取工作记录，不计登录、点击、阅读）', querystring: PointRulesQuery, response: { 200: PointRules } }, config: { policy: 'recognition:read' } },
    async (request) => points.rules(request.actor!, request.query),
  );
  app.put(
    '/api/recognition/point-rules',
    { schema: { tags, summary: '保存某年度积分规则（县委组织部；每次保存为该年度的新版本）', body: SavePointRulesBody, response: { 200: PointRules } }, config: { policy: 'recognition:configure' } },
    async (request) => points.saveRules(request.actor!, request.body),
  );
  app.get(
    '/api/recognition/member-points/:id',
    { schema: { tags, summary: '一名党员某年度的积分：每一分来自的记录（会议、培训、网格服务、群众事项、经审核的申报）', params: IdParams, querystring: MemberPointsQuery, response: { 200: MemberPoints } }, config: { policy: 'recognition:read' } },
    async (request) => points.memberPoints(request.actor!, request.params.id, request.query),
  );
  app.get(
    '/api/recognition/points-board',
    { schema: { tags, summary: '积星积分榜：县看各乡镇，乡镇看各支部（积分、星级），支部看各党员', querystring: PointsBoardQuery, response: { 200: PointsBoard } }, config: { policy: 'recognition:read' } },
    async (request) => points.board(request.actor!, request.query),
  );
  app.get(
    '/api/recognition/point-awards',
    { schema: { tags, summary: '人工申报的积分事项（待审核在前；本单位及以下）', querystring: ListPointAwardsQuery, response: { 200: PointAwardPage } }, config: { policy: 'recognition:read' } },
    async (request) => points.awards(request.actor!, request.query),
  );
  app.post(
    '/api/recognition/point-awards',
    { schema: { tags, summary: '支部为党员申报人工积分事项（志愿服务、表彰、承诺践诺等；须佐证，待上级审核）', body: ProposePointAwardBody, response: { 201: PointAward } }, config: { policy: 'recognition:propose' } },
    async (request, reply) => {
      const id = await points.propose(request.actor!, request.body);
      return reply.status(201).send(await points.award(request.actor!, id));
    },
  );
  app.get(
    '/api/recognition/point-awards/:id',
    { schema: { tags, summary: '一项人工积分申报', params: IdParams, response: { 200: PointAward } }, config: { policy: 'recognition:read' } },
    async (request) => points.award(request.actor!, request.params.id),
  );
  app.post(
    '/api/recognition/point-awards/:id/approve',
    { schema: { tags, summary: '认定支部申报的积分（乡镇、工作站或县）', params: IdParams, body: DecidePointAwardBody, response: { 200: PointAward } }, config: { policy: 'recognition:approve' } },
    async (request) => {
      await points.decide(request.actor!, request.params.id, 'approve', request.body);
      return points.award(request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/recognition/point-awards/:id/return',
    { schema: { tags, summary: '退回支部申报的积分（须写明理由）', params: IdParams, body: DecidePointAwardBody, response: { 200: PointAward } }, config: { policy: 'recognition:approve' } },
    async (request) => {
      await points.decide(request.actor!, request.params.id, 'return', request.body);
      return points.award(request.actor!, request.params.id);
    },
  );
}
