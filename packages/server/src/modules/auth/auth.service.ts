// 登录与会话: password login with temporary lock, server-side sessions with idle and absolute
// timeouts, logout that ends the session on the server.
import crypto from 'node:crypto';
import { actionsOf, needsSecondFactor, type Me, type Role, type TotpSetup } from '@lianxin/contract';
import { renderSVG } from 'uqr';
import type { Db } from '../../db/db.js';
import type { Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../core/password.js';
import type { PiiCipher } from '../../core/pii.js';
import { newTotpSecret, otpauthUri, verifyTotp } from '../../core/totp.js';
import { createSessionCache } from './session-cache.js';
import * as repo from './auth.repository.js';
import type { AccountRow, SessionRow } from './auth.repository.js';

/** `required`: administrators must bind and use a TOTP second factor (the default). */
export type AdminTotpMode = 'required' | 'off';

export type SessionPolicy = {
  idleMinutes: number;
  absoluteHours: number;
  maxFailures: number;
  lockMinutes: number;
  /** Failed logins from one address within lockMinutes before that address is refused. */
  maxFailuresPerIp: number;
};

/** How long a resolved session is reused (LIANXIN_SESSION_CACHE_SECONDS). */
export const DEFAULT_SESSION_CACHE_MS = 5_000;

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMinutes: 30,
  absoluteHours: 12,
  maxFailures: 5,
  lockMinutes: 15,
  maxFailuresPerIp: 30,
};

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

function actorOf(row: AccountRow, ip: string, totpMode: AdminTotpMode): Actor {
  return {
    accountId: row.id,
    username: row.username,
    roles: row.roles,
    // above counties (a province's root) the tenant of what it writes is its own id; lists must not read by it
    scope: { orgId: row.scope_org_id, path: row.scope_path, countyId: row.scope_county_id ?? row.scope_org_id, ...(row.scope_county_id === null ? { aboveCounties: true } : {}) },
    ip,
    mustChangePassword: row.must_change_password,
    mustEnrollTotp: mustEnroll(row, totpMode),
  };
}

function mustEnroll(row: AccountRow, totpMode: AdminTotpMode): boolean {
  return totpMode === 'required' && needsSecondFactor(row.roles) && !row.totp_enabled_at;
}

/** The signed-in account as GET /api/auth/me and the login answer it. */
function viewOf(row: AccountRow, csrfToken: string, totpMode: AdminTotpMode): Me {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    scopeOrg: { id: row.scope_org_id, name: row.scope_name, type: row.scope_type },
    mustChangePassword: row.must_change_password,
    mustEnrollTotp: mustEnroll(row, totpMode),
    totpEnabled: !!row.totp_enabled_at,
    csrfToken,
    permissions: actionsOf(row.roles),
  };
}

/**
 * A session as `resolve` and `resolveCached` answer it, and as the session hook keeps it on the
 * request (`request.session`): the actor and CSRF token every request needs, and the account's view
 * (with the role's permission list), built only when GET /api/auth/me asks for it — from the row the
 * hook admitted, not by resolving the session a second time.
 */
export class ResolvedSession {
  readonly csrfToken: string;
  constructor(readonly actor: Actor, private readonly row: SessionRow, private readonly totpMode: AdminTotpMode) {
    this.csrfToken = row.csrf_token;
  }
  get me(): Me {
    return viewOf(this.row, this.row.csrf_token, this.totpMode);
  }
}

/** The account's view of a session this service resolved (the one a request was admitted with), else undefined. */
export function meOfSession(session: unknown): Me | undefined {
  return session instanceof ResolvedSession ? session.me : undefined;
}

export function createAuthService(deps: {
  db: Db;
  pii: PiiCipher;
  policy?: SessionPolicy;
  now?: () => Date;
  adminTotp?: AdminTotpMode;
  /** How long a resolved session is reused without reading it again (see session-cache.ts); 0: never. */
  sessionCacheMs?: number;
}) {
  const { db, pii } = deps;
  const sessions = createSessionCache<SessionRow>(deps.sessionCacheMs ?? DEFAULT_SESSION_CACHE_MS);
  const totpMode = deps.adminTotp ?? 'required';
  const policy = deps.policy ?? DEFAULT_SESSION_POLICY;
  const now = deps.now ?? (() => new Date());

  /** Counts a failed sign-in (wrong password or wrong code) against the account and the address. */
  async function recordFailure(account: AccountRow | undefined, username: string, countyId: number | null, ip: string, reason: string): Promise<boolean> {
    return db.transaction(async (tx) => {
      await repo.insertLoginFailure(tx, ip, now(), username);
      let locked = false;
      if (!account) {
        // An unknown username locks after as many failures as a real account would (see unknownLock).
        locked = (await repo.failuresOfUsername(tx, username)).n >= policy.maxFailures;
      } else {
        const failed = await repo.countAccountFailure(tx, account.id, policy.maxFailures, new Date(now().getTime() + policy.lockMinutes * 60_000));
        locked = failed >= policy.maxFailures;
      }
      await appendAudit(tx, {
        countyId,
        accountId: account?.id ?? null,
        username,
        action: 'auth.login',
        result: 'failure',
        ip,
        summary: locked ? { reason, locked: true } : { reason },
      });
      return locked;
    });
  }

  /** When an unknown username's failures lock it, as they would a real account's. */
  async function unknownLock(username: string): Promise<Date | null> {
    const row = await repo.failuresOfUsername(db, username);
    if (row.n < policy.maxFailures || !row.last) return null;
    return new Date(new Date(row.last).getTime() + policy.lockMinutes * 60_000);
  }

  function lockedError() {
    return new AppError('account_locked', {
      zh: `连续错误 ${policy.maxFailures} 次，账号已临时锁定 ${policy.lockMinutes} 分钟`,
      en: `${policy.maxFailures} failed sign-ins in a row; the account is locked for ${policy.lockMinutes} minutes`,
    });
  }

  async function login(input: { username: string; password: string; otp?: string; ip: string; userAgent?: string }) {
    const username = input.username.trim().toLowerCase();
    const account = await repo.accountByUsername(db, username);
    const countyId = account ? (account.scope_county_id ?? account.scope_org_id) : null;

    const ipFailures = await repo.failuresFromIp(db, input.ip, new Date(now().getTime() - policy.lockMinutes * 60_000));
    if (ipFailures >= policy.maxFailuresPerIp) {
      await db.transaction((tx) =>
        appendAudit(tx, { countyId, accountId: account?.id ?? null, username, action: 'auth.login', result: 'denied', ip: input.ip, summary: { reason: 'ip_locked' } }),
      );
      throw new AppError('account_locked', {
        zh: `该地址登录失败次数过多，请 ${policy.lockMinutes} 分钟后再试`,
        en: `Too many failed sign-ins from this address; try again in ${policy.lockMinutes} minutes`,
      });
    }

    // An unknown username answers the lock exactly as a real one: 423 after the same number of
    // failures, for the same time (its "lock" runs from its last failure, as a real account's does).
    const lockedUntil = account ? account.locked_until : await unknownLock(username);
    if (lockedUntil && lockedUntil > now()) {
      const minutes = Math.ceil((lockedUntil.getTime() - now().getTime()) / 60_000);
      await db.transaction((tx) =>
        appendAudit(tx, { countyId, accountId: account?.id ?? null, username, action: 'auth.login', result: 'denied', ip: input.ip, summary: { reason: 'locked' } }),
      );
      throw new AppError('account_locked', {
        zh: `登录失败次数过多，账号已临时锁定，请 ${minutes} 分钟后再试`,
        en: `Too many failed sign-ins; the account is locked for ${minutes} more minutes`,
      });
    }

    // Verify even for unknown users so timing does not reveal which usernames exist.
    const ok = await verifyPassword(
      input.password,
      account?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    );
    if (!account || !ok) {
      const lockedNow = await recordFailure(account, username, countyId, input.ip, account ? 'bad_password' : 'unknown_user');
      if (lockedNow) throw lockedError();
      throw new AppError('login_failed');
    }
    // A disabled account answers exactly as a wrong password (and counts as one): the sign-in
    // page never confirms that a disabled account's password is right (docs/decisions.md).
    if (account.status !== 'active') {
      if (await recordFailure(account, username, countyId, input.ip, 'disabled')) throw lockedError();
      throw new AppError('login_failed');
    }

    // Second factor: an account that bound one always uses it; a code works once.
    let usedStep: number | undefined;
    if (account.totp_enabled_at && account.totp_secret_enc) {
      if (!input.otp) throw new AppError('otp_required');
      usedStep = verifyTotp(pii.decrypt(account.totp_secret_enc), input.otp.trim(), now(), account.totp_last_step);
      if (usedStep === undefined) {
        if (await recordFailure(account, username, countyId, input.ip, 'bad_otp')) throw lockedError();
        throw new AppError('otp_invalid');
      }
    }

    const token = crypto.randomBytes(32).toString('base64url');
    const csrfToken = crypto.randomBytes(24).toString('base64url');
    const claimed = await db.transaction(async (tx) => {
      // The used time step is claimed in the same statement that checks it: of simultaneous
      // sign-ins with one code, exactly one updates the row; the others find the step taken.
      if (!(await repo.claimSignIn(tx, account.id, usedStep ?? null))) return false;
      await repo.insertSession(tx, { tokenHash: tokenHash(token), accountId: account.id, csrfToken, ip: input.ip, userAgent: input.userAgent?.slice(0, 300) ?? null, at: now() });
      await appendAudit(tx, { countyId, accountId: account.id, username, action: 'auth.login', result: 'success', ip: input.ip });
      return true;
    });
    if (!claimed) {
      if (await recordFailure(account, username, countyId, input.ip, 'otp_reused')) throw lockedError();
      throw new AppError('otp_invalid');
    }
    return { token, me: viewOf(account, csrfToken, totpMode) };
  }


  /**
   * Reads of a session on their way from the database, by token hash: the requests that miss the
   * cache at the same moment (a page's burst, or every client at once when its entry turns 5 s
   * old — 32 identical reads at a time under the bench) share one read. A request joins only a
   * read that began after the last forget, so none is served a row from before a change it follows.
   */
  const reading = new Map<string, { epoch: number; row: Promise<SessionRow | undefined> }>();

  /** The session and its account: from the cache while it is fresh, else from the database. */
  async function sessionRow(hash: string, t: number): Promise<SessionRow | undefined> {
    const cached = sessions.get(hash, t);
    if (cached) return cached;
    const epoch = sessions.epoch();
    const inFlight = reading.get(hash);
    if (inFlight && inFlight.epoch === epoch) return inFlight.row;
    const row = repo.sessionByHash(db, hash).then(
      (r) => {
        if (reading.get(hash)?.row === row) reading.delete(hash);
        if (r) sessions.set(hash, r, t, epoch);
        return r;
      },
      (err: unknown) => {
        if (reading.get(hash)?.row === row) reading.delete(hash);
        throw err;
      },
    );
    reading.set(hash, { epoch, row });
    return row;
  }

  /** What a resolved session gives a request: its actor, its CSRF token and (for GET /api/auth/me) the account's view. */
  function resolvedOf(row: SessionRow, ip: string): ResolvedSession {
    return new ResolvedSession(actorOf(row, ip, totpMode), row, totpMode);
  }

  /**
   * The session behind a token when the cache answers it outright — fresh entry, session live, no
   * touch due — without a promise; undefined otherwise (then `resolve` decides, reading, touching
   * or ending it). Most requests of a signed-in page end here: the same answer `resolve` gives.
   */
  function resolveCached(token: string, ip: string): ResolvedSession | undefined {
    const t = now().getTime();
    const row = sessions.get(tokenHash(token), t);
    if (!row || row.ended_at || row.status !== 'active') return undefined;
    const sinceSeen = t - row.last_seen_at.getTime();
    if (sinceSeen > 60_000 || sinceSeen > policy.idleMinutes * 60_000 || t - row.created_at.getTime() > policy.absoluteHours * 3_600_000) return undefined;
    return resolvedOf(row, ip);
  }

  /** The actor behind a session token; 'expired' when it timed out or was ended. */
  async function resolve(token: string, ip: string): Promise<ResolvedSession | { expired: true } | undefined> {
    const hash = tokenHash(token);
    const t = now().getTime();
    const row = await sessionRow(hash, t);
    if (!row) return undefined;
    const idle = t - row.last_seen_at.getTime() > policy.idleMinutes * 60_000;
    const tooOld = t - row.created_at.getTime() > policy.absoluteHours * 3_600_000;
    if (row.ended_at || idle || tooOld || row.status !== 'active') {
      sessions.forget(hash);
      if (!row.ended_at) {
        await repo.endSession(db, row.token_hash, now());
      }
      return { expired: true };
    }
    // Touch at most once a minute: a list page's requests do not each write. The shared row is
    // marked before the write, so the requests in flight with it do not each send the same UPDATE
    // (32 of them queued on the session row's lock, one commit after another: a p99 spike a minute).
    if (t - row.last_seen_at.getTime() > 60_000) {
      const before = row.last_seen_at;
      const seen = now();
      row.last_seen_at = seen;
      try {
        await repo.touchSession(db, row.token_hash, seen);
      } catch (err) {
        row.last_seen_at = before;
        throw err;
      }
    }
    return resolvedOf(row, ip);
  }

  async function logout(token: string, actor: Actor) {
    const hash = tokenHash(token);
    await db.transaction(async (tx) => {
      await repo.endSession(tx, hash, now());
      await appendAudit(tx, { countyId: actor.scope.countyId, accountId: actor.accountId, username: actor.username, action: 'auth.logout', result: 'success', ip: actor.ip });
    });
    sessions.forget(hash);
  }

  async function changePassword(actor: Actor, currentPassword: string, newPassword: string, currentToken?: string) {
    const passwordHash = await repo.passwordHashOf(db, actor.accountId);
    if (!passwordHash || !(await verifyPassword(currentPassword, passwordHash))) {
      throw new AppError('validation_failed', { zh: '当前密码不正确', en: 'The current password is wrong' }, { fields: [{ field: 'currentPassword', zh: '当前密码不正确', en: 'The current password is wrong' }] });
    }
    const problem = checkPasswordPolicy(newPassword, actor.username);
    if (problem) throw new AppError('validation_failed', problem, { fields: [{ field: 'newPassword', ...problem }] });
    if (newPassword === currentPassword) {
      const same = { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' };
      throw new AppError('validation_failed', same, { fields: [{ field: 'newPassword', ...same }] });
    }
    const hash = await hashPassword(newPassword);
    await db.transaction(async (tx) => {
      await repo.setOwnPassword(tx, actor.accountId, hash);
      // A new password ends every other session of the account (a stolen one among them); the
      // session that changed it goes on.
      await repo.endSessionsOf(tx, actor.accountId, currentToken ? tokenHash(currentToken) : null);
      await appendAudit(tx, { countyId: actor.scope.countyId, accountId: actor.accountId, username: actor.username, action: 'auth.change_password', objectType: 'account', objectId: actor.accountId, result: 'success', ip: actor.ip });
    });
    sessions.forgetAccount(actor.accountId);
  }

  /** Starts binding a second factor: a new secret, shown once as a QR code and as text. */
  async function totpSetup(actor: Actor): Promise<TotpSetup> {
    const row = await repo.totpStateOf(db, actor.accountId);
    if (row?.totp_enabled_at) {
      throw new AppError('conflict', { zh: '已绑定动态验证码；如需更换，请安全管理员重置', en: 'A second factor is already bound; ask the security administrator to reset it' });
    }
    const secret = newTotpSecret();
    await repo.setPendingTotp(db, actor.accountId, pii.encrypt(secret));
    const uri = otpauthUri(secret, actor.username);
    return { secret, uri, qrSvg: renderSVG(uri, { border: 2 }) };
  }

  /** Completes binding with the first code the app shows. */
  async function totpEnable(actor: Actor, code: string) {
    const row = await repo.totpStateOf(db, actor.accountId);
    if (row?.totp_enabled_at) throw new AppError('conflict', { zh: '已绑定动态验证码', en: 'A second factor is already bound' });
    if (!row?.totp_pending_enc) throw new AppError('conflict', { zh: '请先获取绑定二维码', en: 'Start the setup first' });
    const secret = pii.decrypt(row.totp_pending_enc);
    const step = verifyTotp(secret, code.trim(), now());
    if (step === undefined) {
      const wrong = { zh: '验证码不正确，请输入验证器上当前显示的 6 位数字', en: 'The code is wrong; enter the 6 digits your app shows now' };
      throw new AppError('validation_failed', wrong, { fields: [{ field: 'code', ...wrong }] });
    }
    await db.transaction(async (tx) => {
      await repo.enablePendingTotp(tx, actor.accountId, now(), step);
      await appendAudit(tx, { countyId: actor.scope.countyId, accountId: actor.accountId, username: actor.username, action: 'auth.totp_enable', objectType: 'account', objectId: actor.accountId, result: 'success', ip: actor.ip });
    });    sessions.forgetAccount(actor.accountId);
  }

  return {
    login, resolve, resolveCached, logout, changePassword, totpSetup, totpEnable, meOfSession,
    /** For the services that change accounts and the org tree (see session-cache.ts). */
    sessions: { forgetAccount: sessions.forgetAccount, forgetAll: sessions.forgetAll },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
