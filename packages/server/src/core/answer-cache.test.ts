// Kept answers in memory (the org tree's, the boards'): bounded by bytes, least recently used out first, one build
// per root and generation however many ask at once, never an older snapshot over a newer one.
import { describe, expect, it } from 'vitest';
import { createAnswerCache, matchesEtag } from './answer-cache.js';

const body = (n: number, fill = 'x') => fill.repeat(n);
const build = (gen: number, b: string, today = '2026-12-05') => async () => ({ gen, today, body: b });

describe('the answer cache', () => {
  it('answers a kept answer only for its generation and date', async () => {
    const c = createAnswerCache(10_000);
    const a = await c.build(1, 5, '2026-12-05', build(5, body(100)));
    expect(c.get(1, 5, '2026-12-05')).toBe(a);
    expect(c.get(1, 6, '2026-12-05')).toBeUndefined();
    expect(c.get(1, 5, '2026-12-06')).toBeUndefined();
    expect(c.get(2, 5, '2026-12-05')).toBeUndefined();
    expect(a.body.toString()).toBe(body(100));
  });

  it('keeps at most its bound in bytes, dropping the least recently used first', async () => {
    const c = createAnswerCache(3 * (1_000 + 200));
    for (const root of [1, 2, 3]) await c.build(root, 1, 'd', build(1, body(1_000), 'd'));
    expect(c.stats()).toMatchObject({ entries: 3, bytes: 3_600 });
    expect(c.get(1, 1, 'd')).toBeDefined(); // 1 is now the most recently used: 2 goes next
    await c.build(4, 1, 'd', build(1, body(1_000), 'd'));
    expect(c.stats()).toMatchObject({ entries: 3, bytes: 3_600, evictions: 1 });
    expect(c.get(2, 1, 'd')).toBeUndefined();
    for (const root of [1, 3, 4]) expect(c.get(root, 1, 'd')).toBeDefined();
    // a new generation of a root replaces its old answer (its bytes counted once)
    await c.build(3, 2, 'd', build(2, body(500), 'd'));
    expect(c.stats()).toMatchObject({ entries: 3, bytes: 3_600 - 500 });
    // an answer larger than the bound is sent, not kept
    const big = await c.build(9, 1, 'd', build(1, body(10_000), 'd'));
    expect(big.body.length).toBe(10_000);
    expect(c.get(9, 1, 'd')).toBeUndefined();
    expect(c.stats().bytes).toBeLessThanOrEqual(3_600);
    // a bound of 0 keeps nothing
    const off = createAnswerCache(0);
    expect(off.enabled).toBe(false);
    await off.build(1, 1, 'd', build(1, body(10), 'd'));
    expect(off.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('builds once for requests that miss together, and keeps what the build read, not what the callers missed on', async () => {
    const c = createAnswerCache(10_000);
    let builds = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = async () => {
      builds++;
      await gate;
      return { gen: 8, today: 'd', body: 'tree at 8' };
    };
    const waiting = [c.build(1, 7, 'd', slow), c.build(1, 7, 'd', slow), c.build(1, 7, 'd', slow)];
    release();
    const answers = await Promise.all(waiting);
    expect(builds).toBe(1);
    expect(new Set(answers).size).toBe(1);
    // kept under the generation its snapshot read (8), not the one the callers had read (7)
    expect(c.get(1, 7, 'd')).toBeUndefined();
    expect(c.get(1, 8, 'd')?.body.toString()).toBe('tree at 8');
    // an older snapshot finishing later does not replace it
    await c.build(1, 6, 'd', build(6, 'tree at 6', 'd'));
    expect(c.get(1, 8, 'd')?.body.toString()).toBe('tree at 8');
    // a failed build answers its error and keeps nothing
    await expect(c.build(2, 1, 'd', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(c.get(2, 1, 'd')).toBeUndefined();
  });

  it('tags an answer by its bytes and matches If-None-Match as HTTP does', async () => {
    const c = createAnswerCache(10_000);
    const a = await c.build(1, 1, 'd', build(1, '{"a":1}', 'd'));
    const b = await c.build(2, 9, 'e', build(9, '{"a":1}', 'e'));
    const other = await c.build(3, 1, 'd', build(1, '{"a":2}', 'd'));
    expect(a.etag).toBe(b.etag);
    expect(other.etag).not.toBe(a.etag);
    expect(matchesEtag(undefined, a.etag)).toBe(false);
    expect(matchesEtag(a.etag, a.etag)).toBe(true);
    expect(matchesEtag(`W/${a.etag}`, a.etag)).toBe(true);
    expect(matchesEtag(`"x", ${a.etag}`, a.etag)).toBe(true);
    expect(matchesEtag('*', a.etag)).toBe(true);
    expect(matchesEtag(other.etag, a.etag)).toBe(false);
  });
});
