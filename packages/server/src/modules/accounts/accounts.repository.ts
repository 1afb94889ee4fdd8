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

/**
 * The accounts linked to a person (accounts.person_id): what such an account records — diaries,
 * requests — is the person's own ("recorded by" resolves to the person). The caller has read the
 * person in its scope.
 */
export async function accountsOfPerson(q: Queryable, personId: number) {
  const rows = await q.query<{ id: number; username: string; display_name: string }>(
    `SELECT id, username, display_name FROM accounts WHERE person_id = $1 ORDER BY username`,
    [personId],
  );
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
}

// ---- 账号关联人员: the work accounts of a subtree and the person each is linked to ----

export type LinkDbRow = {
  id: number; username: string; display_name: string; roles: Role[]; scope_org_id: number; scope_name: string; scope_type: string;
  status: 'active' | 'disabled'; person_id: number | null;
};
const LINK_COLUMNS = `a.id, a.username, a.display_name, a.roles, a.scope_org_id, o.name AS scope_name, o.type AS scope_type, a.status, a.person_id`;
/** Work accounts only: none holding an administrator or audit role of 三员分立. */
const WORK = `NOT (a.roles && $2::text[])`;


/** The work accounts of the subtree at `path` (by the account's scope org), a page of them and the total. */
export async function listWorkAccounts(
  q: Queryable, path: string, adminRoles: readonly string[],
  f: { q?: string; linked?: boolean; page: number; pageSize: number },
) {
  const params: unknown[] = [likePrefix(path), adminRoles];
  let where = `${inScope('o.path', 1)} AND ${WORK}`;
  if (f.q) {
    params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where += ` AND (a.username ILIKE $${params.length} OR a.display_name ILIKE $${params.length})`;
  }
  if (f.linked !== undefined) where += f.linked ? ' AND a.person_id IS NOT NULL' : ' AND a.person_id IS NULL';
  const [rows, [count]] = await Promise.all([
    q.query<LinkDbRow>(`SELECT ${LINK_COLUMNS} FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE ${where} ORDER BY o.path, a.username LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`, params),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE ${where}`, params),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** One work account of the subtree at `path`, locked for the link's change when asked. */
export async function findWorkAccount(q: Queryable, path: string, adminRoles: readonly string[], id: number, lock: boolean) {
  const [row] = await q.query<LinkDbRow>(
    `SELECT ${LINK_COLUMNS} FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.id = $3 AND ${inScope('o.path', 1)} AND ${WORK}${lock ? ' FOR UPDATE OF a' : ''}`,
    [likePrefix(path), adminRoles, id],
  );
  return row;
}

export async function setAccountPerson(q: Queryable, id: number, personId: number | null) {
  await q.query(`UPDATE accounts SET person_id = $2 WHERE id = $1`, [id, personId]);
}
