// Resolved sessions kept in memory for a few seconds, so that a page's burst of API requests does
// not each read the session, its account and its scope from the database (a round trip per
// request: a third of a list page's work). Every change this process makes to a session, an
// account or the org tree drops what it affects at once (logout, password, second factor, roles,
// scope, disabling; an org moved, renamed or closed drops everything). A change made elsewhere —
// another instance of the server on the same PostgreSQL, or SQL run by hand — is seen once the
// entry is older than `maxAgeMs` (5 s by default, LIANXIN_SESSION_CACHE_SECONDS; 0 turns it off).

export type SessionCache<Row extends { id: number }> = {
  get(tokenHash: string, now: number): Row | undefined;
  /** A counter that every forget moves on: read it before reading a row from the database. */
  epoch(): number;
  /** Keeps a row read from the database — unless something was forgotten since `epoch` (the row may predate that change). */
  set(tokenHash: string, row: Row, now: number, epoch: number): void;
  /** Drops one session (logout, expiry). */
  forget(tokenHash: string): void;
  /** Drops every session of an account (its roles, scope, password, status or second factor changed). */
  forgetAccount(accountId: number): void;
  /** Drops everything (the org tree changed: scopes' paths and names). */
  forgetAll(): void;
};

/** Entries beyond which expired ones are swept on the next insert. */
const SWEEP_AT = 10_000;

export function createSessionCache<Row extends { id: number }>(maxAgeMs: number): SessionCache<Row> {
  const entries = new Map<string, { row: Row; until: number }>();
  let epoch = 0;
  return {
    get(tokenHash, now) {
      const e = entries.get(tokenHash);
      if (!e) return undefined;
      if (e.until <= now) {
        entries.delete(tokenHash);
        return undefined;
      }
      return e.row;
    },
    epoch: () => epoch,
    set(tokenHash, row, now, readAt) {
      if (maxAgeMs <= 0 || readAt !== epoch) return;
      if (entries.size >= SWEEP_AT) for (const [k, e] of entries) if (e.until <= now) entries.delete(k);
      entries.set(tokenHash, { row, until: now + maxAgeMs });
    },
    forget(tokenHash) {
      epoch++;
      entries.delete(tokenHash);
    },
    forgetAccount(accountId) {
      epoch++;
      for (const [k, e] of entries) if (e.row.id === accountId) entries.delete(k);
    },
    forgetAll() {
      epoch++;
      entries.clear();
    },
  };
}

/** What the services that change accounts and the org tree call after their change commits. */
export type SessionInvalidation = Pick<SessionCache<{ id: number }>, 'forgetAccount' | 'forgetAll'>;
