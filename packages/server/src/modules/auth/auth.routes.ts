import type { TypedApp } from '../../core/http.js';
import {
  ChangePasswordBody,
  LoginBody,
  Me,
  NoContent,
  TotpEnableBody,
  TotpSetup,
} from '@lianxin/contract';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../core/errors.js';
import type { AuthService } from './auth.service.js';

export type CookieSettings = { name: string; secure: boolean };

export function cookieSettings(secure: boolean): CookieSettings {
  // __Host- binds the cookie to this host, path / and HTTPS (browsers treat localhost as secure).
  return { name: secure ? '__Host-lianxin_sid' : 'lianxin_sid', secure };
}

export async function authRoutes(app: TypedApp, opts: { auth: AuthService; cookie: CookieSettings; loginRateLimit: { max: number; timeWindow: number } }) {
  const { auth, cookie } = opts;
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(cookie.name, token, { path: '/', httpOnly: true, secure: cookie.secure, sameSite: 'strict' });

  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], summary: '登录', body: LoginBody, response: { 200: Me } },
      config: {
        policy: 'public',
        csrfExempt: true,
        rateLimit: { max: opts.loginRateLimit.max, timeWindow: opts.loginRateLimit.timeWindow },
      },
    },
    async (request, reply) => {
      const { token, me } = await auth.login({
        username: request.body.username,
        password: request.body.password,
        otp: request.body.otp,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      setCookie(reply, token);
      return me;
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录', response: { 204: NoContent } }, config: { policy: 'authenticated' } },
    async (request, reply) => {
      const token = request.cookies[cookie.name];
      if (token && request.actor) await auth.logout(token, request.actor);
      reply.clearCookie(cookie.name, { path: '/', secure: cookie.secure, httpOnly: true, sameSite: 'strict' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前账号', response: { 200: Me } }, config: { policy: 'authenticated' } },
    // the session the request was admitted with (the hook resolved it): not resolved a second time
    async (request) => {
      const me = auth.meOfSession(request.session);
      if (!me) throw new AppError('session_expired');
      return me;
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: { tags: ['auth'], summary: '修改密码', body: ChangePasswordBody, response: { 204: NoContent } },
      config: { policy: 'authenticated' },
    },
    async (request, reply) => {
      await auth.changePassword(request.actor!, request.body.currentPassword, request.body.newPassword, request.cookies[cookie.name]);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/totp/setup',
    {
      schema: { tags: ['auth'], summary: '绑定动态验证码（双因素认证）：生成密钥和二维码', response: { 200: TotpSetup } },
      config: { policy: 'authenticated' },
    },
    async (request) => auth.totpSetup(request.actor!),
  );

  app.post(
    '/api/auth/totp/enable',
    {
      schema: { tags: ['auth'], summary: '绑定动态验证码：输入验证器上的第一个验证码完成绑定', body: TotpEnableBody, response: { 204: NoContent } },
      config: { policy: 'authenticated' },
    },
    async (request, reply) => {
      await auth.totpEnable(request.actor!, request.body.code);
      return reply.status(204).send(null);
    },
  );
}
