// Kept answers (docs/decisions.md "Kept answers are a core facility"; migration 550): a module
// declares a read-heavy GET answer — its key, its county, the tables it reads — and the core keeps
// the serialized bytes and reuses them while the county's generation of those tables and the date
// are unchanged. The generation moves in the same transaction as any committed change to a watched
// table (triggers), so no write path can forget it; the answer is built in one snapshot with the
// generation it is kept under, so a write committing meanwhile is never hidden behind it.
//
// What a module must get right: the key names everything the answer depends on besides the
// watched tables and the date (the root, every query parameter); the answer must not depend on
// who asks beyond that (no personal data masked per role, nothing a role adds or hides) — the
// scope check and the permission check run before, on every request.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Queryable } from '../db/db.js';
import { answerOf, createAnswerCache, matchesEtag, type KeptAnswer } from './answer-cache.js';
import { generationOf, inOneSnapshot } from './kept-answers.repository.js';

/** One read-only REPEATABLE READ transaction (the org tree builds its own kept answer in one too). */
export { inOneSnapshot };

/** The tables migration 550 watches: an answer may declare only these as its sources. */
export const WATCHED_TABLES = [
  'orgs',
  'directives', 'assignments', 'dispatch_attachments',
  'project_board_rows', 'project_board_due',
  'assessment_schemes', 'assessment_result_rows', 'assessment_result_months', 'assessment_result_lost', 'score_entries',
] as const;
export type WatchedTable = (typeof WATCHED_TABLES)[number];

/** What one kind of answer declares once: its name (the key's prefix) and the tables it reads. */
export type AnswerKind = { readonly name: string; readonly sources: readonly WatchedTable[] };

export function createKeptAnswers(deps: { db: Db; maxBytes: number }) {
  const cache = createAnswerCache(deps.maxBytes);
  const { db } = deps;

  return {
    enabled: cache.enabled,

    /**
     * The answer of `kind` for `key` in `countyId` on `today`: the kept bytes when the county's
     * generation of the kind's sources is the one they were built at, else built by `build` in one
     * snapshot (read-only) and kept. One statement on a hit. Above counties (`countyId` null)
     * nothing is kept: the answer is built each time.
     */
    async answer(kind: AnswerKind, key: string, countyId: number | null, today: string, build: (q: Queryable) => Promise<string>): Promise<KeptAnswer> {
      const fullKey = `${kind.name}:${key}`;
      if (!cache.enabled || !countyId) return answerOf(await inOneSnapshot(db, build));
      const gen = await generationOf(db, countyId, kind.sources);
      const kept = cache.get(fullKey, gen, today);
      if (kept) return kept;
      return cache.build(fullKey, gen, today, () =>
        inOneSnapshot(db, async (tx) => {
          // read again in the snapshot: the generation the rows belong to
          const now = await generationOf(tx, countyId, kind.sources);
          return { gen: now, today, body: await build(tx) };
        }),
      );
    },

    stats: () => cache.stats(),
  };
}

export type KeptAnswers = ReturnType<typeof createKeptAnswers>;

/**
 * Sends a kept answer as the route's own (bytes serialized by the route's response schema): its
 * ETag, 304 when If-None-Match names it, else the bytes as JSON.
 */
export function sendKept(request: FastifyRequest, reply: FastifyReply, answer: KeptAnswer): FastifyReply {
  reply.header('ETag', answer.etag);
  if (matchesEtag(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(answer.body);
}
