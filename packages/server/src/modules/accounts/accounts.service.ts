// 账号管理 under 三员分立: the system administrator creates accounts and resets passwords; the
// security administrator grants roles and scope, unlocks and disables; no account holds two of
// the three administrator roles (also a CHECK in the database).
import { SEPARATED_ADMIN_ROLES, type Role } from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError } from '../../core/errors.js';
import { checkPasswordPolicy, hashPassword } from '../../core/password.js';
import type { SessionInvalidation } from '../auth/index.js';
import { inScope } from '../../core/scope.js';

type AccountListRow = {
  id: number;
  username: string;
  display_name: string;
  roles: Role[];
  scope_org_id: number;
  scope_name: string;
  scope_type: string;
  status: 'active' | 'disabled';
  locked_until: Date | null;
  totp_enabled_at: Date | null;
};

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
  const [org] = await q.query<{ id: number; path: string; county_id: number | null; status: string }>(
    `SELECT id, path, county_id, status FROM orgs WHERE id = $1 AND ${inScope('path', 2)}`,
    [id, likePrefix(actor.scope.path)],
  );
  if (!org || org.status !== 'active') throw fieldError('scopeOrgId', '管辖范围组织不存在或不在您的管辖范围内', 'No such organization in your scope');
  return org;
}

/** Creates an account (also used by the demo loader and first start). */
export async function insertAccount(
  q: Queryable,
  a: { username: string; displayName: string; passwordHash: string; roles: Role[]; scopeOrgId: number; mustChangePassword: boolean; personId?: number | null },
): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO accounts (username, display_name, password_hash, roles, scope_org_id, must_change_password, person_id)
     VALUES ($1, $2, $3, $4::text[], $5, $6, $7) RETURNING id`,
    [a.username, a.displayName, a.passwordHash, a.roles, a.scopeOrgId, a.mustChangePassword, a.personId ?? null],
  );
  return row!.id;
}

/**
 * How many accounts are linked to a person (accounts.person_id): what such an account records —
 * diaries, requests — is the person's own ("recorded by" resolves to the person). The caller has
 * read the person in its scope.
 */
export async function accountsOfPerson(q: Queryable, personId: number) {
  const rows = await q.query<{ id: number; username: string; display_name: string }>(
    `SELECT id, username, display_name FROM accounts WHERE person_id = $1 ORDER BY username`,
    [personId],
  );
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
}

export async function accountsLinkedTo(q: Queryable, personId: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts WHERE person_id = $1`, [personId]);
  return row?.n ?? 0;
}

export function createAccountService(deps: { db: Db; sessions: SessionInvalidation }) {
  const { db } = deps;

  const audit = (tx: Queryable, actor: Actor, action: string, id: number, summary: Record<string, unknown>) =>
    appendAudit(tx, { countyId: actor.scope.countyId, accountId: actor.accountId, username: actor.username, action, objectType: 'account', objectId: id, summary, result: 'success', ip: actor.ip });

  const ACCOUNT_COLUMNS = `a.id, a.username, a.display_name, a.roles, a.scope_org_id, o.name AS scope_name, o.type AS scope_type, a.status, a.locked_until, a.totp_enabled_at`;
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
    const params = [likePrefix(actor.scope.path)];
    const [rows, [count]] = await Promise.all([
      db.query<AccountListRow>(
        `SELECT ${ACCOUNT_COLUMNS}
         FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE ${inScope('o.path', 1)} ORDER BY o.path, a.username
         LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      ),
      db.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE ${inScope('o.path', 1)}`, params),
    ]);
    return { page, pageSize, total: count?.n ?? 0, items: rows.map(present) };
  }

  /** One account as the list shows it (same scope: outside it, 404). */
  async function get(actor: Actor, id: number) {
    requireAction(actor, 'account:read');
    const [row] = await db.query<AccountListRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.id = $1 AND ${inScope('o.path', 2)}`,
      [id, likePrefix(actor.scope.path)],
    );
    if (!row) throw new AppError('not_found');
    return present(row);
  }

  async function findInScope(q: Queryable, actor: Actor, id: number) {
    const [row] = await q.query<{ id: number; roles: Role[]; username: string; must_change_password: boolean }>(
      `SELECT a.id, a.roles, a.username, a.must_change_password FROM accounts a JOIN orgs o ON o.id = a.scope_org_id
       WHERE a.id = $1 AND ${inScope('o.path', 2)} FOR UPDATE OF a`,
      [id, likePrefix(actor.scope.path)],
    );
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
      const taken = await tx.query(`SELECT 1 FROM accounts WHERE username = $1`, [input.username]);
      if (taken.length) throw fieldError('username', '用户名已被使用', 'The username is taken');
      const id = await insertAccount(tx, { ...input, passwordHash: hash, mustChangePassword: true });
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
      await tx.query(
        `UPDATE accounts SET roles = COALESCE($2::text[], roles), scope_org_id = COALESCE($3, scope_org_id),
           status = COALESCE($4, status),
           failed_logins = CASE WHEN $5 THEN 0 ELSE failed_logins END,
           locked_until = CASE WHEN $5 THEN NULL ELSE locked_until END,
           totp_secret_enc = CASE WHEN $6 THEN NULL ELSE totp_secret_enc END,
           totp_pending_enc = CASE WHEN $6 THEN NULL ELSE totp_pending_enc END,
           totp_enabled_at = CASE WHEN $6 THEN NULL ELSE totp_enabled_at END,
           totp_last_step = CASE WHEN $6 THEN NULL ELSE totp_last_step END
         WHERE id = $1`,
        [id, input.roles ?? null, input.scopeOrgId ?? null, input.status ?? null, input.unlock ?? false, input.resetTotp ?? false],
      );
      if (input.status === 'disabled' || input.roles || input.scopeOrgId || input.resetTotp) {
        await tx.query(`UPDATE sessions SET ended_at = now() WHERE account_id = $1 AND ended_at IS NULL`, [id]);
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
      await tx.query(
        `UPDATE accounts SET password_hash = $2, must_change_password = true, password_changed_at = now() WHERE id = $1`,
        [id, await hashPassword(password)],
      );
      await tx.query(`UPDATE sessions SET ended_at = now() WHERE account_id = $1 AND ended_at IS NULL`, [id]);
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
