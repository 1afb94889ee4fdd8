// Kept answers in memory (docs/decisions.md "The org tree's answer kept per generation", and "Kept
// answers are a core facility"): the serialized bytes of a GET answer per key (the tree's root; a
// board's root and query), each with the generation and the date it was built at, bounded by their
// bytes (least recently used out first). No SQL here: what is current is read by the caller (the
// orgs repository's `findTreeRoot`, or `core/kept-answers.ts` for a declared answer) and compared
// with `get`.
import crypto from 'node:crypto';

/** An answer as sent: its bytes and their entity tag. */
export type KeptAnswer = { readonly body: Buffer; readonly etag: string };

type Entry = KeptAnswer & { readonly gen: number; readonly today: string };

/** What a kept answer costs besides its bytes (the entry, its key, the Map's slot): a rough figure. */
const ENTRY_OVERHEAD = 200;

/** A key: the tree's root id, or a declared answer's key string. */
export type AnswerKey = number | string;

export function createAnswerCache(maxBytes: number) {
  const entries = new Map<AnswerKey, Entry>();
  const building = new Map<string, Promise<KeptAnswer>>();
  let bytes = 0;
  const stats = { hits: 0, misses: 0, builds: 0, evictions: 0 };

  const sizeOf = (e: Entry) => e.body.length + ENTRY_OVERHEAD;

  function drop(key: AnswerKey) {
    const old = entries.get(key);
    if (!old) return;
    entries.delete(key);
    bytes -= sizeOf(old);
  }

  function put(key: AnswerKey, entry: Entry) {
    drop(key);
    if (sizeOf(entry) > maxBytes) return;
    entries.set(key, entry);
    bytes += sizeOf(entry);
    // a Map iterates in insertion order: the first key is the least recently used
    for (const oldest of entries.keys()) {
      if (bytes <= maxBytes) break;
      drop(oldest);
      stats.evictions++;
    }
  }

  return {
    /** Whether answers are kept at all (a bound of 0 keeps none). */
    enabled: maxBytes > 0,

    /** The answer kept for the key if it was built at this generation and date. */
    get(key: AnswerKey, gen: number, today: string): KeptAnswer | undefined {
      const e = entries.get(key);
      if (!e || e.gen !== gen || e.today !== today) {
        stats.misses++;
        return undefined;
      }
      stats.hits++;
      entries.delete(key);
      entries.set(key, e);
      return e;
    },

    /**
     * Builds the key's answer once however many requests miss it together, and keeps it under
     * the generation and date that `build` read in the same snapshot as its rows (which may be
     * newer than the ones the caller missed on: never older ones).
     */
    build(key: AnswerKey, gen: number, today: string, build: () => Promise<{ gen: number; today: string; body: string }>): Promise<KeptAnswer> {
      const pendingKey = `${key}:${gen}:${today}`;
      let pending = building.get(pendingKey);
      if (!pending) {
        pending = (async () => {
          try {
            stats.builds++;
            const built = await build();
            const entry: Entry = { ...answerOf(built.body), gen: built.gen, today: built.today };
            // a slower build of an older snapshot must not replace a newer one kept meanwhile
            const kept = entries.get(key);
            if (!kept || kept.today < entry.today || (kept.today === entry.today && kept.gen < entry.gen)) put(key, entry);
            return entry;
          } finally {
            building.delete(pendingKey);
          }
        })();
        building.set(pendingKey, pending);
      }
      return pending;
    },

    /** For tests and the bench: counts and the bytes held. */
    stats: () => ({ ...stats, entries: entries.size, bytes }),
  };
}

export type AnswerCache = ReturnType<typeof createAnswerCache>;

/** An answer's bytes and their entity tag (a digest of the bytes: the same answer, the same tag). */
export function answerOf(text: string): KeptAnswer {
  const body = Buffer.from(text);
  return { body, etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** Whether an If-None-Match header names the answer's entity tag (weak or strong, or `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}
