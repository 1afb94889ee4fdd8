// 账号管理 under 三员分立: the system administrator creates accounts and resets passwords; the
// security administrator grants roles and scope, unlocks and disables; no account holds two of
// the three administrator roles (also a CHECK in the database).
import { SEPARATED_ADMIN_ROLES, type Role } from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError } from '../../core/errors.js';
import { checkPasswordPolicy, hashPassword } from '../../core/password.js';
import { endSessionsOf, type SessionInvalidation } from '../auth/index.js';
import * as repo from './accounts.repository.js';
import type { AccountListRow } from './accounts.repository.js';

export function checkRoleSet(roles: readonly Role[]) {
  const admins = roles.filter((r) => SEPARATED_ADMIN_ROLES.includes(r));
  if (admins.length > 1) {
    throw fieldError('roles', '系统管理员、安全管理员、审计管理员须由不同账号担任（三员分立）', 'The three administrator roles must be held by different accounts');
  }
  if (roles.includes('auditor') && (roles.includes('sys_admin') || roles.includes('sec_admin'))) {
    throw fieldError('roles', '系统管理员、安全管理员不能兼任审计员（三员分立）', 'The system and security administrators may not also be auditors');
  }
}

/**
 * Roles only the security administrator grants: the three administrators' and the auditor's
 * (who reads the audit log). The system administrator creates accounts with the other roles.
 */
export const PRIVILEGED_ROLES: readonly Role[] = [...SEPARATED_ADMIN_ROLES, 'auditor'];

const isPrivileged = (roles: readonly Role[]) => roles.some((r) => PRIVILEGED_ROLES.includes(r));

function separationError(zh: string, en: string) {
  return new AppError('forbidden', { zh: `${zh}（三员分立）`, en: `${en} (separation of the three administrators)` });
}

async function scopeOrg(q: Queryable, actor: Actor, id: number) {
  const org = await repo.scopeOrgInScope(q, actor.scope, id);
  if (!org || org.status !== 'active') throw fieldError('scopeOrgId', '管辖范围组织不存在或不在您的管辖范围内', 'No such organization in your scope');
  return org;
}

export function createAccountService(deps: { db: Db; sessions: SessionInvalidation }) {
  const { db } = deps;

  const audit = (tx: Queryable, actor: Actor, action: string, id: number, summary: Record<string, unknown>) =>
    appendAudit(tx, { countyId: actor.scope.countyId, accountId: actor.accountId, username: actor.username, action, objectType: 'account', objectId: id, summary, result: 'success', ip: actor.ip });

  const present = (r: AccountListRow) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles,
    scopeOrg: { id: r.scope_org_id, name: r.scope_name, type: r.scope_type as never },
    status: r.status,
    lockedUntil: r.locked_until && r.locked_until > new Date() ? r.locked_until.toISOString() : null,
    totpEnabled: !!r.totp_enabled_at,
  });

  async function list(actor: Actor, page = 1, pageSize = 50) {
    requireAction(actor, 'account:read');
    const { rows, total } = await repo.listAccounts(db, actor.scope, page, pageSize);
    return { page, pageSize, total, items: rows.map(present) };
  }

  /** One account as the list shows it (same scope: outside it, 404). */
  async function get(actor: Actor, id: number) {
    requireAction(actor, 'account:read');
    const row = await repo.findAccount(db, actor.scope, id);
    if (!row) throw new AppError('not_found');
    return present(row);
  }

  async function findInScope(q: Queryable, actor: Actor, id: number) {
    const row = await repo.lockAccountInScope(q, actor.scope, id);
    if (!row) throw new AppError('not_found');
    return row;
  }

  async function create(actor: Actor, input: { username: string; displayName: string; password: string; roles: Role[]; scopeOrgId: number }) {
    requireAction(actor, 'account:create');
    checkRoleSet(input.roles);
    if (isPrivileged(input.roles)) {
      // The creator knows the new account's password: an administrator or audit role on it would
      // be the system administrator's own (e.g. reading the audit log through it).
      throw separationError('管理员和审计角色只能由安全管理员授予，新建账号不能带这些角色', 'Administrator and audit roles are granted by the security administrator only');
    }
    const problem = checkPasswordPolicy(input.password, input.username);
    if (problem) throw fieldError('password', problem.zh, problem.en);
    const hash = await hashPassword(input.password);
    return db.transaction(async (tx) => {
      await scopeOrg(tx, actor, input.scopeOrgId);
      if (await repo.usernameTaken(tx, input.username)) throw fieldError('username', '用户名已被使用', 'The username is taken');
      const id = await repo.insertAccount(tx, { ...input, passwordHash: hash, mustChangePassword: true });
      await audit(tx, actor, 'account.create', id, { username: input.username, roles: input.roles, scopeOrgId: input.scopeOrgId });
      return id;
    });
  }

  async function grant(actor: Actor, id: number, input: { roles?: Role[]; scopeOrgId?: number; status?: 'active' | 'disabled'; unlock?: boolean; resetTotp?: boolean }) {
    requireAction(actor, 'account:grant');
    if (input.roles) checkRoleSet(input.roles);
    await db.transaction(async (tx) => {
      const account = await findInScope(tx, actor, id);
      if (account.id === actor.accountId && (input.roles || input.status === 'disabled')) {
        throw new AppError('forbidden', { zh: '不能修改自己的角色或停用自己', en: 'You cannot change your own roles or disable yourself' });
      }
      if (account.id !== actor.accountId && account.roles.some((r) => r === 'sys_admin' || r === 'audit_admin')) {
        throw separationError('安全管理员不能变更系统管理员、审计管理员的账号', 'The security administrator may not act on the system or audit administrator’s account');
      }
      if (input.roles && isPrivileged(input.roles) && !input.roles.every((r) => account.roles.includes(r)) && account.must_change_password) {
        // Until its holder has set their own password, whoever set the initial one (the system
        // administrator) controls the account.
        throw separationError('该账号尚未由本人修改初始密码，不能授予管理员或审计角色', 'The account’s holder has not yet replaced its initial password; administrator and audit roles cannot be granted');
      }
      if (input.scopeOrgId) await scopeOrg(tx, actor, input.scopeOrgId);
      await repo.grantAccount(tx, id, { roles: input.roles ?? null, scopeOrgId: input.scopeOrgId ?? null, status: input.status ?? null, unlock: input.unlock ?? false, resetTotp: input.resetTotp ?? false });
      if (input.status === 'disabled' || input.roles || input.scopeOrgId || input.resetTotp) {
        await endSessionsOf(tx, id);
      }
      await audit(tx, actor, 'account.grant', id, { username: account.username, ...input });
    });    deps.sessions.forgetAccount(id);
  }

  async function resetPassword(actor: Actor, id: number, password: string) {
    requireAction(actor, 'account:create');
    await db.transaction(async (tx) => {
      const account = await findInScope(tx, actor, id);
      if (account.roles.some((r) => r === 'sec_admin' || r === 'audit_admin' || r === 'auditor')) {
        throw separationError('系统管理员不能重置安全管理员、审计管理员、审计员的密码', 'The system administrator may not reset the security or audit administrators’ passwords');
      }
      const problem = checkPasswordPolicy(password, account.username);
      if (problem) throw fieldError('password', problem.zh, problem.en);
      await repo.resetAccountPassword(tx, id, await hashPassword(password));
      await endSessionsOf(tx, id);
      await audit(tx, actor, 'account.reset_password', id, { username: account.username });
    });    deps.sessions.forgetAccount(id);
  }

  /**
   * Records a refused attempt on an account (a role too low, or 三员分立): who tried what on which
   * account, without the password. Written on its own: the refused change itself rolled back.
   */
  async function recordDenied(actor: Actor, attempt: { action: string; accountId?: number; request: Record<string, unknown>; reason: string }) {
    await db.transaction((tx) =>
      appendAudit(tx, {
        countyId: actor.scope.countyId, accountId: actor.accountId, username: actor.username, action: attempt.action,
        objectType: 'account', ...(attempt.accountId ? { objectId: attempt.accountId } : {}), summary: { reason: attempt.reason, ...attempt.request }, result: 'denied', ip: actor.ip,
      }),
    );
  }

  return { list, get, create, grant, resetPassword, recordDenied };
}

export type AccountService = ReturnType<typeof createAccountService>;
