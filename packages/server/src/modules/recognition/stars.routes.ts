// 星级化管理 routes: thin — schema, policy, one service call.
import type { TypedApp } from '../../core/http.js';
import {
  CreateStarRatingBody,
  IdParams,
  ListStarRatingsQuery,
  ListStarRowsQuery,
  SavePostScoreBody,
  SaveStarRulesBody,
  StarBoard,
  StarBoardQuery,
  StarRatingDetail,
  StarRatingPage,
  StarRowDetail,
  StarRowPage,
  StarRules,
  VersionBody,
} from '@lianxin/contract';
import type { StarService } from './stars.service.js';

export async function starRoutes(app: TypedApp, opts: { stars: StarService }) {
  const { stars } = opts;
  const tags = ['recognition'];

  app.get(
    '/api/recognition/star-rules',
    { schema: { tags, summary: '本县星级评定规则：个人岗位考核所占比例、星级分数线、公职化标准', response: { 200: StarRules } }, config: { policy: 'recognition:read' } },
    async (request) => stars.rules(request.actor!),
  );
  app.put(
    '/api/recognition/star-rules',
    { schema: { tags, summary: '修改本县星级评定规则（县委组织部；已计算的评定保留计算时的规则）', body: SaveStarRulesBody, response: { 200: StarRules } }, config: { policy: 'recognition:configure' } },
    async (request) => stars.saveRules(request.actor!, request.body),
  );
  app.get(
    '/api/recognition/star-ratings',
    { schema: { tags, summary: '本县各年度星级评定（新的在前，分页）', querystring: ListStarRatingsQuery, response: { 200: StarRatingPage } }, config: { policy: 'recognition:read' } },
    async (request) => stars.listRatings(request.actor!, request.query),
  );
  app.post(
    '/api/recognition/star-ratings',
    { schema: { tags, summary: '计算某年度的星级评定：8 个岗位的村干部各一行，村级整体工作得分取自该年已公布的考核结果', body: CreateStarRatingBody, response: { 201: StarRatingDetail } }, config: { policy: 'recognition:configure' } },
    async (request, reply) => {
      const id = await stars.createRating(request.actor!, request.body);
      return reply.status(201).send(await stars.rating(request.actor!, id));
    },
  );
  app.get(
    '/api/recognition/star-ratings/:id',
    { schema: { tags, summary: '星级评定详情：按乡镇的人数、已评分人数和星级分布', params: IdParams, response: { 200: StarRatingDetail } }, config: { policy: 'recognition:read' } },
    async (request) => stars.rating(request.actor!, request.params.id),
  );
  app.post(
    '/api/recognition/star-ratings/:id/publish',
    { schema: { tags, summary: '公布星级评定（须全部填写个人岗位考核、各村有年度考核结果；公布后锁定）', params: IdParams, body: VersionBody, response: { 200: StarRatingDetail } }, config: { policy: 'recognition:configure' } },
    async (request) => {
      await stars.publishRating(request.actor!, request.params.id, request.body.version);
      return stars.rating(request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/recognition/star-ratings/:id/correct',
    { schema: { tags, summary: '更正已公布的星级评定：新建一个版本（个人岗位考核得分带入），原评定保留', params: IdParams, response: { 201: StarRatingDetail } }, config: { policy: 'recognition:configure' } },
    async (request, reply) => {
      const id = await stars.correctRating(request.actor!, request.params.id);
      return reply.status(201).send(await stars.rating(request.actor!, id));
    },
  );
  app.get(
    '/api/recognition/star-rows',
    { schema: { tags, summary: '星级评定中的村干部（按评定，或某人历年已公布的星级；本单位及以下）', querystring: ListStarRowsQuery, response: { 200: StarRowPage } }, config: { policy: 'recognition:read' } },
    async (request) => stars.listRows(request.actor!, request.query),
  );
  app.get(
    '/api/recognition/star-rows/:id',
    { schema: { tags, summary: '一名村干部的星级：两项得分、计算式、村级得分来自的评分表、公职化标准、历年星级', params: IdParams, response: { 200: StarRowDetail } }, config: { policy: 'recognition:read' } },
    async (request) => stars.row(request.actor!, request.params.id),
  );
  app.put(
    '/api/recognition/star-rows/:id',
    { schema: { tags, summary: '填写个人岗位考核得分（乡镇党委或县委组织部；评定公布前）', params: IdParams, body: SavePostScoreBody, response: { 200: StarRowDetail } }, config: { policy: 'recognition:rate' } },
    async (request) => {
      await stars.savePostScore(request.actor!, request.params.id, request.body);
      return stars.row(request.actor!, request.params.id);
    },
  );
  app.get(
    '/api/recognition/star-board',
    { schema: { tags, summary: '星级榜：某年度已公布的星级评定，按乡镇（指定乡镇时按村）的人数、平均分、星级分布和符合公职化标准的书记', querystring: StarBoardQuery, response: { 200: StarBoard } }, config: { policy: 'recognition:read' } },
    async (request) => stars.board(request.actor!, request.query),
  );
}
