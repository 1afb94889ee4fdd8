// 工作台 "today" items and to-do counts a module contributes without the home module knowing its
// tables: a module registers a reader (app.ts does, when it builds the module); home calls every
// registered reader with the account and today's date and merges the rows with its own.
import type { TodoKind } from '@lianxin/contract';
import type { Queryable } from '../db/db.js';
import type { Actor } from './access.js';

export type TodaySourceRow = { kind: string; id: number; title: string; org: string; due: string | null; reason: string | null; at: Date | string };
export type TodaySource = (q: Queryable, actor: Actor, today: string) => Promise<TodaySourceRow[]>;
/** Counts of the 工作台's to-do summary a module owns (each count's list is that module's page). */
export type TodoCountSource = (q: Queryable, actor: Actor, today: string) => Promise<Partial<Record<TodoKind, number>>>;

export type TodaySources = {
  register(source: TodaySource): void;
  all(): readonly TodaySource[];
  registerCounts(source: TodoCountSource): void;
  allCounts(): readonly TodoCountSource[];
};

/** How many rows a reader answers with at most (the home page shows as many). */
export const TODAY_ROWS = 50;

/** One list per app (tests build many apps in one process). */
export function createTodaySources(): TodaySources {
  const sources: TodaySource[] = [];
  const counts: TodoCountSource[] = [];
  return { register: (s) => void sources.push(s), all: () => sources, registerCounts: (s) => void counts.push(s), allCounts: () => counts };
}
