// The org tree's kept answers (docs/decisions.md "The org tree's answer kept per generation"):
// the serialized bytes of GET /api/orgs/tree per root, each with the generation and the date it
// was built at, bounded by their bytes (least recently used out first). No SQL here: what is
// current is read by the caller (orgs.repository `findTreeRoot`) and compared with `get`.
import crypto from 'node:crypto';

/** An answer as sent: its bytes and their entity tag. */
export type TreeAnswer = { readonly body: Buffer; readonly etag: string };

type Entry = TreeAnswer & { readonly gen: number; readonly today: string };

/** What a kept answer costs besides its bytes (the entry, its key, the Map's slot): a rough figure. */
const ENTRY_OVERHEAD = 200;

export function createTreeCache(maxBytes: number) {
  const entries = new Map<number, Entry>();
  const building = new Map<string, Promise<TreeAnswer>>();
  let bytes = 0;
  const stats = { hits: 0, misses: 0, builds: 0, evictions: 0 };

  const sizeOf = (e: Entry) => e.body.length + ENTRY_OVERHEAD;

  function drop(rootId: number) {
    const old = entries.get(rootId);
    if (!old) return;
    entries.delete(rootId);
    bytes -= sizeOf(old);
  }

  function put(rootId: number, entry: Entry) {
    drop(rootId);
    if (sizeOf(entry) > maxBytes) return;
    entries.set(rootId, entry);
    bytes += sizeOf(entry);
    // a Map iterates in insertion order: the first key is the least recently used
    for (const key of entries.keys()) {
      if (bytes <= maxBytes) break;
      drop(key);
      stats.evictions++;
    }
  }

  return {
    /** Whether answers are kept at all (a bound of 0 keeps none). */
    enabled: maxBytes > 0,

    /** The answer kept for the root if it was built at this generation and date. */
    get(rootId: number, gen: number, today: string): TreeAnswer | undefined {
      const e = entries.get(rootId);
      if (!e || e.gen !== gen || e.today !== today) {
        stats.misses++;
        return undefined;
      }
      stats.hits++;
      entries.delete(rootId);
      entries.set(rootId, e);
      return e;
    },

    /**
     * Builds the root's answer once however many requests miss it together, and keeps it under
     * the generation and date that `build` read in the same snapshot as its rows (which may be
     * newer than the ones the caller missed on: never older ones).
     */
    build(rootId: number, gen: number, today: string, build: () => Promise<{ gen: number; today: string; body: string }>): Promise<TreeAnswer> {
      const key = `${rootId}:${gen}:${today}`;
      let pending = building.get(key);
      if (!pending) {
        pending = (async () => {
          try {
            stats.builds++;
            const built = await build();
            const body = Buffer.from(built.body);
            const etag = `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
            const entry: Entry = { body, etag, gen: built.gen, today: built.today };
            // a slower build of an older snapshot must not replace a newer one kept meanwhile
            const kept = entries.get(rootId);
            if (!kept || kept.today < entry.today || (kept.today === entry.today && kept.gen < entry.gen)) put(rootId, entry);
            return entry;
          } finally {
            building.delete(key);
          }
        })();
        building.set(key, pending);
      }
      return pending;
    },

    /** For tests and the bench: counts and the bytes held. */
    stats: () => ({ ...stats, entries: entries.size, bytes }),
  };
}

export type TreeCache = ReturnType<typeof createTreeCache>;

/** Whether an If-None-Match header names the answer's entity tag (weak or strong, or `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}
