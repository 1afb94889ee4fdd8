// 账号管理's SQL: accounts with the org of their scope.
import type { Role } from '@lianxin/contract';
import type { Queryable } from '../../db/db.js';
import { likePrefix, type Scope } from '../../core/access.js';
import { inScope } from '../../core/scope.js';

export type AccountListRow = {
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

const ACCOUNT_COLUMNS = `a.id, a.username, a.display_name, a.roles, a.scope_org_id, o.name AS scope_name, o.type AS scope_type, a.status, a.locked_until, a.totp_enabled_at`;

/** An active or closed org inside the scope (an account's scope must lie in its grantor's). */
export async function scopeOrgInScope(q: Queryable, scope: Scope, id: number) {
  const [org] = await q.query<{ id: number; path: string; county_id: number | null; status: string }>(
    `SELECT id, path, county_id, status FROM orgs WHERE id = $1 AND ${inScope('path', 2)}`,
    [id, likePrefix(scope.path)],
  );
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
export async function accountsLinkedTo(q: Queryable, personId: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts WHERE person_id = $1`, [personId]);
  return row?.n ?? 0;
}

export async function listAccounts(q: Queryable, scope: Scope, page: number, pageSize: number) {
  const params = [likePrefix(scope.path)];
  const [rows, [count]] = await Promise.all([
    q.query<AccountListRow>(
      `SELECT ${ACCOUNT_COLUMNS}
       FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE ${inScope('o.path', 1)} ORDER BY o.path, a.username
       LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    ),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE ${inScope('o.path', 1)}`, params),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findAccount(q: Queryable, scope: Scope, id: number): Promise<AccountListRow | undefined> {
  const [row] = await q.query<AccountListRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.id = $1 AND ${inScope('o.path', 2)}`,
    [id, likePrefix(scope.path)],
  );
  return row;
}

/** An account in the scope, locked for a change. */
export async function lockAccountInScope(q: Queryable, scope: Scope, id: number) {
  const [row] = await q.query<{ id: number; roles: Role[]; username: string; must_change_password: boolean }>(
    `SELECT a.id, a.roles, a.username, a.must_change_password FROM accounts a JOIN orgs o ON o.id = a.scope_org_id
     WHERE a.id = $1 AND ${inScope('o.path', 2)} FOR UPDATE OF a`,
    [id, likePrefix(scope.path)],
  );
  return row;
}

export async function usernameTaken(q: Queryable, username: string): Promise<boolean> {
  return (await q.query(`SELECT 1 FROM accounts WHERE username = $1`, [username])).length > 0;
}

export async function grantAccount(q: Queryable, id: number, g: { roles: Role[] | null; scopeOrgId: number | null; status: string | null; unlock: boolean; resetTotp: boolean }) {
  await q.query(
    `UPDATE accounts SET roles = COALESCE($2::text[], roles), scope_org_id = COALESCE($3, scope_org_id),
       status = COALESCE($4, status),
       failed_logins = CASE WHEN $5 THEN 0 ELSE failed_logins END,
       locked_until = CASE WHEN $5 THEN NULL ELSE locked_until END,
       totp_secret_enc = CASE WHEN $6 THEN NULL ELSE totp_secret_enc END,
       totp_pending_enc = CASE WHEN $6 THEN NULL ELSE totp_pending_enc END,
       totp_enabled_at = CASE WHEN $6 THEN NULL ELSE totp_enabled_at END,
       totp_last_step = CASE WHEN $6 THEN NULL ELSE totp_last_step END
     WHERE id = $1`,
    [id, g.roles, g.scopeOrgId, g.status, g.unlock, g.resetTotp],
  );
}

/** Sets a password its holder must change at the next sign-in (a reset). */
export async function resetAccountPassword(q: Queryable, id: number, hash: string) {
  await q.query(`UPDATE accounts SET password_hash = $2, must_change_password = true, password_changed_at = now() WHERE id = $1`, [id, hash]);
}
