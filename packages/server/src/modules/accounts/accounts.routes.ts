import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AccountRow, CreateAccountBody, Id, IdParams, Page, PageQuery, RoleSchema, type Role } from '@lianxin/contract';
import type { AccountService } from './accounts.service.js';

export async function accountRoutes(app: FastifyInstance, opts: { accounts: AccountService }) {
  const { accounts } = opts;
  const tags = ['accounts'];

  app.get<{ Querystring: { page?: number; pageSize?: number } }>(
    '/api/accounts',
    { schema: { tags, summary: '账号列表', querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: Page(AccountRow) } }, config: { policy: 'account:read' } },
    async (request) => accounts.list(request.actor!, request.query.page, request.query.pageSize),
  );

  app.post<{ Body: { username: string; displayName: string; password: string; roles: Role[]; scopeOrgId: number } }>(
    '/api/accounts',
    { schema: { tags, summary: '新建账号（系统管理员）', body: CreateAccountBody, response: { 201: Type.Object({ id: Id }) } }, config: { policy: 'account:create' } },
    async (request, reply) => reply.status(201).send({ id: await accounts.create(request.actor!, request.body) }),
  );

  app.patch<{ Params: { id: number }; Body: { roles?: Role[]; scopeOrgId?: number; status?: 'active' | 'disabled'; unlock?: boolean; resetTotp?: boolean } }>(
    '/api/accounts/:id',
    {
      schema: {
        tags,
        summary: '授权、调整管辖范围、解锁、停用、重置动态验证码（安全管理员）',
        params: IdParams,
        body: Type.Object(
          {
            roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 5, uniqueItems: true })),
            scopeOrgId: Type.Optional(Id),
            status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
            unlock: Type.Optional(Type.Boolean()),
            resetTotp: Type.Optional(Type.Boolean({ description: '清除已绑定的动态验证码（如手机丢失），下次登录重新绑定' })),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null() },
      },
      config: { policy: 'account:grant' },
    },
    async (request, reply) => {
      await accounts.grant(request.actor!, request.params.id, request.body);
      return reply.status(204).send();
    },
  );

  app.post<{ Params: { id: number }; Body: { password: string } }>(
    '/api/accounts/:id/reset-password',
    {
      schema: { tags, summary: '重置密码（系统管理员；下次登录须修改）', params: IdParams, body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }), response: { 204: Type.Null() } },
      config: { policy: 'account:create' },
    },
    async (request, reply) => {
      await accounts.resetPassword(request.actor!, request.params.id, request.body.password);
      return reply.status(204).send();
    },
  );
}
