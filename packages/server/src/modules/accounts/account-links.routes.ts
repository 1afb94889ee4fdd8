// 账号关联人员 routes: the county's work accounts with the person each is linked to, and linking or
// unlinking one. Thin: schema, policy, one service call.
import type { TypedApp } from '../../core/http.js';
import { AccountLinkPage, AccountLinkQuery, AccountLinkRow, IdParams, PutAccountLinkBody } from '@lianxin/contract';
import type { AccountLinkService } from './account-links.service.js';

export async function accountLinkRoutes(app: TypedApp, opts: { links: AccountLinkService }) {
  const { links } = opts;
  const tags = ['accounts'];
  app.get(
    '/api/account-links',
    { schema: { tags, summary: '工作账号与人员的关联（县委组织部；不含三员账号）', querystring: AccountLinkQuery, response: { 200: AccountLinkPage } }, config: { policy: 'account:link' } },
    async (request) => links.list(request.actor!, request.query),
  );
  app.get(
    '/api/account-links/:id',
    { schema: { tags, summary: '一个工作账号及其关联的人员', params: IdParams, response: { 200: AccountLinkRow } }, config: { policy: 'account:link' } },
    async (request) => links.get(request.actor!, request.params.id),
  );
  app.put(
    '/api/account-links/:id',
    { schema: { tags, summary: '关联或解除关联人员（personId 为 null 即解除），民情日记、签字和积分随之归属本人', params: IdParams, body: PutAccountLinkBody, response: { 200: AccountLinkRow } }, config: { policy: 'account:link' } },
    async (request) => links.link(request.actor!, request.params.id, request.body.personId),
  );
}
