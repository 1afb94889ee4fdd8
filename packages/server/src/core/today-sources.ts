// 工作台 "today" items a module contributes without the home module knowing its tables: a module
// registers a reader (app.ts does, when it builds the module); home calls every registered reader
// with the account and today's date and merges the rows with its own.
import type { Queryable } from '../db/db.js';
import type { Actor } from './access.js';

export type TodaySourceRow = { kind: string; id: number; title: string; org: string; due: string | null; reason: string | null; at: Date | string };
export type TodaySource = (q: Queryable, actor: Actor, today: string) => Promise<TodaySourceRow[]>;

export type TodaySources = { register(source: TodaySource): void; all(): readonly TodaySource[] };

/** One list per app (tests build many apps in one process). */
export function createTodaySources(): TodaySources {
  const sources: TodaySource[] = [];
  return { register: (s) => void sources.push(s), all: () => sources };
}
