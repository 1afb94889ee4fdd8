import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { freshDb, testPii } from '../../test/helpers.js';
import { TEST_DEMO_PASSWORD } from '../../test/constants.js';
import { createAuthService, DEFAULT_SESSION_POLICY } from './auth.service.js';

// The auth service on a database whose session reads are counted, with a clock the test moves.
let db: Db;
let reads = 0;
let touches = 0;
let hold: Promise<void> | undefined;
let clock = Date.now();
const counted = (): Db => ({
  ...db,
  async query(sql, params) {
    const text = typeof sql === 'string' ? sql : sql.text;
    if (text.includes('FROM sessions s JOIN')) {
      reads++;
      const rows = await db.query(sql, params);
      if (hold) await hold; // a change lands while this read is on its way back
      return rows as never;
    }
    if (text.includes('UPDATE sessions SET last_seen_at')) touches++;
    return db.query(sql, params);
  },
  transaction: (fn) => db.transaction(fn),
});
const auth = () => createAuthService({ db: counted(), pii: testPii, now: () => new Date(clock), sessionCacheMs: 5_000 });
const signIn = async (s: ReturnType<typeof auth>, username = 'county') => (await s.login({ username, password: TEST_DEMO_PASSWORD, ip: '127.0.0.1' })).token!;

beforeAll(async () => {
  db = await freshDb();
});
afterAll(() => db.close());

describe('the session cache', () => {
  it('reads a session once for a burst of requests, and again when the entry is 5 s old', async () => {
    const s = auth();
    const token = await signIn(s);
    reads = 0;
    for (let i = 0; i < 5; i++) expect(await s.resolve(token, '127.0.0.1')).toHaveProperty('actor.username', 'county');
    expect(reads).toBe(1);
    clock += 5_001;
    await s.resolve(token, '127.0.0.1');
    expect(reads).toBe(2);
  });

  it('ends an idle session whether or not it is cached', async () => {
    const s = auth();
    const token = await signIn(s);
    await s.resolve(token, '127.0.0.1');
    clock += 31 * 60_000;
    expect(await s.resolve(token, '127.0.0.1')).toEqual({ expired: true });
  });

  it('forgets a session at logout, and an account changed by this server at once', async () => {
    const s = auth();
    const token = await signIn(s);
    const r = await s.resolve(token, '127.0.0.1');
    if (!r || !('actor' in r)) throw new Error('not signed in');
    await s.logout(token, r.actor);
    expect(await s.resolve(token, '127.0.0.1')).toEqual({ expired: true });

    const other = await signIn(s, 'wuli');
    const w = await s.resolve(other, '127.0.0.1');
    if (!w || !('actor' in w)) throw new Error('not signed in');
    await db.query(`UPDATE accounts SET status = 'disabled' WHERE id = $1`, [w.actor.accountId]);
    s.sessions.forgetAccount(w.actor.accountId); // what the accounts service does after its change
    expect(await s.resolve(other, '127.0.0.1')).toEqual({ expired: true });
    await db.query(`UPDATE accounts SET status = 'active' WHERE id = $1`, [w.actor.accountId]);
  });

  it('sees a change made by hand (or by another server) once the entry is 5 s old', async () => {
    const s = auth();
    const token = await signIn(s, 'yushe');
    const r = await s.resolve(token, '127.0.0.1');
    if (!r || !('actor' in r)) throw new Error('not signed in');
    await db.query(`UPDATE accounts SET roles = '{}' WHERE id = $1`, [r.actor.accountId]);
    expect(await s.resolve(token, '127.0.0.1')).toHaveProperty('actor.roles', ['village_admin']);
    clock += 5_001;
    expect(await s.resolve(token, '127.0.0.1')).toHaveProperty('actor.roles', []);
    await db.query(`UPDATE accounts SET roles = '{village_admin}' WHERE id = $1`, [r.actor.accountId]);
  });

  it('does not keep a row that was read before a change it then missed', async () => {
    const s = auth();
    const token = await signIn(s, 'wuli');
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    const pending = s.resolve(token, '127.0.0.1'); // its read is back but held
    await new Promise((resolve) => setTimeout(resolve, 20));
    s.sessions.forgetAll(); // e.g. an org was moved meanwhile
    release();
    await pending;
    hold = undefined;
    reads = 0;
    await s.resolve(token, '127.0.0.1');
    expect(reads).toBe(1); // read again, not served the row from before the change
  });

  it('shares one read among the requests that miss the cache at once, and touches the session once for them', async () => {
    const s = auth();
    const token = await signIn(s, 'yushe.station');
    reads = 0;
    const burst = () => Promise.all(Array.from({ length: 32 }, () => s.resolve(token, '127.0.0.1')));
    for (const r of await burst()) expect(r).toHaveProperty('actor.username', 'yushe.station');
    expect(reads).toBe(1);
    // a minute on, with the entry expired: one read and one touch for the whole burst
    clock += 61_000;
    reads = 0;
    touches = 0;
    for (const r of await burst()) expect(r).toHaveProperty('actor.username', 'yushe.station');
    expect(reads).toBe(1);
    expect(touches).toBe(1);
    const [row] = await db.query<{ last_seen_at: Date }>(`SELECT s.last_seen_at FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.username = 'yushe.station' ORDER BY s.last_seen_at DESC LIMIT 1`);
    expect(row!.last_seen_at.getTime()).toBe(clock);
  });

  it('does not let a request after a logout join a read that began before it', async () => {
    const s = auth();
    const token = await signIn(s, 'jiaotong');
    const signedIn = await s.resolve(token, '127.0.0.1');
    if (!signedIn || !('actor' in signedIn)) throw new Error('not signed in');
    clock += 5_001; // its cache entry is out of date: the next request reads the session
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    reads = 0;
    const before = s.resolve(token, '127.0.0.1'); // its read is back but held
    await new Promise((resolve) => setTimeout(resolve, 20));
    const r = await Promise.race([before, new Promise((resolve) => setTimeout(() => resolve('held'), 50))]);
    expect(r).toBe('held');
    await s.logout(token, signedIn.actor);
    const after = s.resolve(token, '127.0.0.1');
    release();
    await before;
    expect(await after).toEqual({ expired: true });
    expect(reads).toBe(2);
    hold = undefined;
  });

  // `resolveCached` answers a request without a promise (core/http.ts's session hook); whenever it
  // gives up, `resolve` decides — so a touch, an idle end or an absolute end is never skipped.
  it('answers a cached, live session at once, with what resolve gave, and nothing it has not read', async () => {
    const s = auth();
    const token = await signIn(s, 'wuli');
    expect(s.resolveCached(token, '10.0.0.1')).toBeUndefined(); // not read yet: resolve reads it
    const resolved = await s.resolve(token, '10.0.0.1');
    reads = 0;
    const cached = s.resolveCached(token, '10.0.0.2');
    expect(cached?.actor).toEqual({ ...(resolved as { actor: object }).actor, ip: '10.0.0.2' });
    expect(cached?.csrfToken).toBe((resolved as { csrfToken: string }).csrfToken);
    expect(reads).toBe(0);
    expect(s.resolveCached('not-a-token', '10.0.0.2')).toBeUndefined();
  });

  it('leaves to resolve a cached session whose minute is up, and resolve touches it', async () => {
    const s = auth();
    const token = await signIn(s, 'yushe');
    clock += 59_000;
    await s.resolve(token, '127.0.0.1'); // read and kept, not touched (59 s)
    clock += 2_000; // the entry is 2 s old, the session last seen 61 s ago
    expect(s.resolveCached(token, '127.0.0.1')).toBeUndefined();
    touches = 0;
    expect(await s.resolve(token, '127.0.0.1')).toHaveProperty('actor.username', 'yushe');
    expect(touches).toBe(1);
  });

  it('leaves to resolve a cached session that has gone idle or passed its absolute age, and resolve ends it', async () => {
    for (const policy of [{ idleMinutes: 0.5, absoluteHours: 12 }, { idleMinutes: 30, absoluteHours: 30 / 3600 }]) {
      const s = createAuthService({ db: counted(), pii: testPii, now: () => new Date(clock), sessionCacheMs: 5_000, policy: { ...DEFAULT_SESSION_POLICY, ...policy } });
      const token = await signIn(s, 'jiaotong');
      clock += 29_000;
      expect(await s.resolve(token, '127.0.0.1')).toHaveProperty('actor.username', 'jiaotong'); // read and kept
      clock += 2_000; // 31 s: idle (30 s) or too old (30 s), the entry 2 s old
      expect(s.resolveCached(token, '127.0.0.1')).toBeUndefined();
      expect(await s.resolve(token, '127.0.0.1')).toEqual({ expired: true });
    }
  });
});
