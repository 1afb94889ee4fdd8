import type { TypedApp } from '../../core/http.js';
import {
  AccountPage,
  CreateAccountBody,
  AccountRow,
  IdParams,
  NoContent,
  PageOnlyQuery,
  ResetPasswordBody,
  UpdateAccountBody,
} from '@lianxin/contract';
import { AppError } from '../../core/errors.js';
import type { AccountService } from './accounts.service.js';

export async function accountRoutes(app: TypedApp, opts: { accounts: AccountService }) {
  const { accounts } = opts;
  const tags = ['accounts'];

  // Every refused attempt on accounts (a role too low, 三员分立) is a security event: audited with
  // who tried what on which account. The password never enters the record.
  app.addHook('onError', async (request, _reply, error) => {
    if (!request.actor || !(error instanceof AppError)) return;
    const roleRefused = error.code === 'validation_failed' && ((error.details as { fields?: { field: string }[] })?.fields ?? []).some((f) => f.field === 'roles');
    if (error.code !== 'forbidden' && !roleRefused) return;
    const action =
      request.method === 'GET' ? 'account.read'
      : request.method === 'PATCH' ? 'account.grant'
      : request.url.endsWith('/reset-password') ? 'account.reset_password'
      : 'account.create';
    const { password: _password, ...asked } = (request.body ?? {}) as Record<string, unknown>;
    const id = Number((request.params as { id?: string }).id);
    try {
      await accounts.recordDenied(request.actor, { action, accountId: Number.isInteger(id) && id > 0 ? id : undefined, request: asked, reason: error.messages.zh });
    } catch (err) {
      request.log.error({ err: { message: (err as Error).message } }, 'could not audit a refused account change');
    }
  });

  app.get(
    '/api/accounts',
    { schema: { tags, summary: '账号列表', querystring: PageOnlyQuery, response: { 200: AccountPage } }, config: { policy: 'account:read' } },
    async (request) => accounts.list(request.actor!, request.query.page, request.query.pageSize),
  );

  app.get(
    '/api/accounts/:id',
    { schema: { tags, summary: '一个账号（可见范围同列表）', params: IdParams, response: { 200: AccountRow } }, config: { policy: 'account:read' } },
    async (request) => accounts.get(request.actor!, request.params.id),
  );

  app.post(
    '/api/accounts',
    { schema: { tags, summary: '新建账号（系统管理员）', body: CreateAccountBody, response: { 201: AccountRow } }, config: { policy: 'account:create' } },
    async (request, reply) => reply.status(201).send(await accounts.get(request.actor!, await accounts.create(request.actor!, request.body))),
  );

  app.patch(
    '/api/accounts/:id',
    {
      schema: {
        tags,
        summary: '授权、调整管辖范围、解锁、停用、重置动态验证码（安全管理员）',
        params: IdParams,
        body: UpdateAccountBody,
        response: { 204: NoContent },
      },
      config: { policy: 'account:grant' },
    },
    async (request, reply) => {
      await accounts.grant(request.actor!, request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/accounts/:id/reset-password',
    {
      schema: { tags, summary: '重置密码（系统管理员；下次登录须修改）', params: IdParams, body: ResetPasswordBody, response: { 204: NoContent } },
      config: { policy: 'account:create' },
    },
    async (request, reply) => {
      await accounts.resetPassword(request.actor!, request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  );
}
