// 登录与会话's front door: the auth service (sessions are resolved before any module runs, so
// app.ts builds it first and hands it in), its routes, and what other modules may use — the
// session invalidation a change of an account or the org tree calls.
import type { FastifyPluginAsync } from 'fastify';
import type { AuthService } from './auth.service.js';
import { authRoutes, type CookieSettings } from './auth.routes.js';

export { createAuthService, DEFAULT_SESSION_POLICY, type AuthService, type SessionPolicy, type AdminTotpMode } from './auth.service.js';
export { cookieSettings, type CookieSettings } from './auth.routes.js';
export type { SessionInvalidation } from './session-cache.js';
/** Ends an account's open sessions (a change of its roles, scope, status or password), in the caller's transaction. */
export { endSessionsOf } from './auth.repository.js';

export type AuthModuleOptions = { auth: AuthService; cookie: CookieSettings; loginRateLimit: { max: number; timeWindow: number } };

export const authModule: FastifyPluginAsync<AuthModuleOptions> = async (app, opts) => {
  await app.register(authRoutes, opts);
};
