// 登录与会话's SQL: accounts as sign-in reads them, sessions and failed sign-ins. Runs on the raw
// database (there is no scope before a session is resolved).
import type { Me, Role } from '@lianxin/contract';
import { prepared, type Queryable } from '../../db/db.js';

export type AccountRow = {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  roles: Role[];
  scope_org_id: number;
  status: 'active' | 'disabled';
  failed_logins: number;
  locked_until: Date | null;
  must_change_password: boolean;
  totp_secret_enc: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  scope_path: string;
  scope_county_id: number | null;
  scope_name: string;
  scope_type: Me['scopeOrg']['type'];
};

export type SessionRow = AccountRow & { csrf_token: string; created_at: Date; last_seen_at: Date; ended_at: Date | null; token_hash: string };

const ACCOUNT_SELECT = `
  SELECT a.id, a.username, a.display_name, a.password_hash, a.roles, a.scope_org_id, a.status,
         a.failed_logins, a.locked_until, a.must_change_password,
         a.totp_secret_enc, a.totp_enabled_at, a.totp_last_step,
         o.path AS scope_path, o.county_id AS scope_county_id, o.name AS scope_name, o.type AS scope_type
  FROM accounts a JOIN orgs o ON o.id = a.scope_org_id`;

/** The session behind a token with its account (every request reads it: prepared). */
const SESSION_SELECT = prepared(
  `SELECT s.token_hash, s.csrf_token, s.created_at, s.last_seen_at, s.ended_at, acc.*
   FROM sessions s JOIN (${ACCOUNT_SELECT}) acc ON acc.id = s.account_id
   WHERE s.token_hash = $1`,
);

export async function accountByUsername(q: Queryable, username: string): Promise<AccountRow | undefined> {
  const [row] = await q.query<AccountRow>(`${ACCOUNT_SELECT} WHERE a.username = $1`, [username]);
  return row;
}

export async function sessionByHash(q: Queryable, hash: string): Promise<SessionRow | undefined> {
  const [row] = await q.query<SessionRow>(SESSION_SELECT, [hash]);
  return row;
}

export async function insertLoginFailure(q: Queryable, ip: string, at: Date, username: string) {
  await q.query(`INSERT INTO login_failures (ip, at, username) VALUES ($1, $2, $3)`, [ip, at, username]);
}

/** Failed sign-ins under a username: how many, and the last. */
export async function failuresOfUsername(q: Queryable, username: string): Promise<{ n: number; last: Date | null }> {
  const [row] = await q.query<{ n: number; last: Date | null }>(
    `SELECT count(*)::int AS n, max(at) AS last FROM login_failures WHERE username = $1`,
    [username],
  );
  return row ?? { n: 0, last: null };
}

/** Failed sign-ins from an address since a time. */
export async function failuresFromIp(q: Queryable, ip: string, since: Date): Promise<number> {
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM login_failures WHERE ip = $1 AND at > $2`, [ip, since]);
  return row?.n ?? 0;
}

/** Counts a failure on the account and locks it until `lockUntil` at the `maxFailures`-th; the count after it. */
export async function countAccountFailure(q: Queryable, accountId: number, maxFailures: number, lockUntil: Date): Promise<number> {
  const [row] = await q.query<{ failed_logins: number }>(
    `UPDATE accounts SET failed_logins = failed_logins + 1,
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
     WHERE id = $1 RETURNING failed_logins`,
    [accountId, maxFailures, lockUntil],
  );
  return row?.failed_logins ?? 0;
}

/**
 * Clears the failures and claims the TOTP step used (if any) in the statement that checks it: of
 * simultaneous sign-ins with one code, exactly one updates the row. False when the step was taken.
 */
export async function claimSignIn(q: Queryable, accountId: number, usedStep: number | null): Promise<boolean> {
  const rows = await q.query(
    `UPDATE accounts SET failed_logins = 0, locked_until = NULL, totp_last_step = COALESCE($2, totp_last_step)
     WHERE id = $1 AND ($2::bigint IS NULL OR totp_last_step IS NULL OR totp_last_step < $2::bigint) RETURNING id`,
    [accountId, usedStep],
  );
  return rows.length > 0;
}

export async function insertSession(q: Queryable, s: { tokenHash: string; accountId: number; csrfToken: string; ip: string; userAgent: string | null; at: Date }) {
  await q.query(
    `INSERT INTO sessions (token_hash, account_id, csrf_token, ip, user_agent, created_at, last_seen_at)
     VALUES ($1,$2,$3,$4,$5,$6,$6)`,
    [s.tokenHash, s.accountId, s.csrfToken, s.ip, s.userAgent, s.at],
  );
}

export async function endSession(q: Queryable, tokenHash: string, at: Date) {
  await q.query(`UPDATE sessions SET ended_at = $2 WHERE token_hash = $1 AND ended_at IS NULL`, [tokenHash, at]);
}

export async function touchSession(q: Queryable, tokenHash: string, at: Date) {
  await q.query(`UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1`, [tokenHash, at]);
}

/** Ends every open session of an account except the one with `keepTokenHash` (null: all of them). */
export async function endSessionsOf(q: Queryable, accountId: number, keepTokenHash: string | null = null) {
  await q.query(
    `UPDATE sessions SET ended_at = now() WHERE account_id = $1 AND ended_at IS NULL AND token_hash IS DISTINCT FROM $2`,
    [accountId, keepTokenHash],
  );
}

export async function passwordHashOf(q: Queryable, accountId: number): Promise<string | undefined> {
  const [row] = await q.query<{ password_hash: string }>(`SELECT password_hash FROM accounts WHERE id = $1`, [accountId]);
  return row?.password_hash;
}

export async function setOwnPassword(q: Queryable, accountId: number, hash: string) {
  await q.query(`UPDATE accounts SET password_hash = $2, must_change_password = false, password_changed_at = now() WHERE id = $1`, [accountId, hash]);
}

export async function totpStateOf(q: Queryable, accountId: number): Promise<{ totp_pending_enc: string | null; totp_enabled_at: Date | null } | undefined> {
  const [row] = await q.query<{ totp_pending_enc: string | null; totp_enabled_at: Date | null }>(
    `SELECT totp_pending_enc, totp_enabled_at FROM accounts WHERE id = $1`,
    [accountId],
  );
  return row;
}

export async function setPendingTotp(q: Queryable, accountId: number, secretEnc: string) {
  await q.query(`UPDATE accounts SET totp_pending_enc = $2 WHERE id = $1`, [accountId, secretEnc]);
}

export async function enablePendingTotp(q: Queryable, accountId: number, at: Date, step: number) {
  await q.query(
    `UPDATE accounts SET totp_secret_enc = totp_pending_enc, totp_pending_enc = NULL, totp_enabled_at = $2, totp_last_step = $3 WHERE id = $1`,
    [accountId, at, step],
  );
}
