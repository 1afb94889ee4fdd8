// 工作台 to-dos: counts of what waits for the account's org, limited to the account's scope and to
// what its roles may read. Home reads the core's tables (cases, the dispatch engine's calls);
// each module's own tables are read by that module, registered in core/today-sources.ts.
import { can, type TodayItem, type TodayKind, type TodayList, type TodoItem, type TodoKind, type TodoSummary } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import { likePrefix } from '../../core/access.js';
import { todayInChina } from '../../core/calendar.js';
import type { Db } from '../../db/db.js';
import type { LedgerService } from '../ledger/index.js';
import '../ledger/index.js';
import '../lists/index.js';
import { addDays } from '../../core/cases/case-engine.js';
import * as repo from './home.repository.js';
import { countAnswersIn, countAnswersOfCallsIn } from '../../core/dispatch/calls.js';
import { WHISTLE_KIND } from '../../core/dispatch/engine.js';
import { TODAY_ROWS, type TodaySources } from '../../core/today-sources.js';

type Counts = Partial<Record<TodoKind, number>>;

const URGENT: ReadonlySet<TodoKind> = new Set([
  'assignments_late_below',
  'problems_overdue',
  'problems_supervision_due',
  'problems_escalated',
  'requests_unclaimed',
  'requests_promise_overdue',
  'whistle_parts_declined',
]);

// Where each count is listed; the list pages read these filters from the URL.
const HREF: Record<TodoKind, string> = {
  assignments_to_report: '/dispatch',
  assignments_late_below: '/dispatch?tab=sent',
  tasks_open: '/lists?open=1',
  problems_open: '/ledger?open=1',
  problems_overdue: '/ledger?overdue=1',
  problems_supervision_due: '/ledger/supervision',
  problems_escalated: '/ledger/supervision?tab=escalated',
  requests_unclaimed: '/citizens?status=received',
  requests_open: '/citizens?open=1',
  requests_promise_overdue: '/citizens?overdue=1',
  whistle_parts_to_answer: '/whistles',
  whistle_parts_declined: '/whistles',
};

/** Kinds that need attention now; the rest are routine work in progress. */
const TODAY_URGENT: ReadonlySet<TodayKind> = new Set([
  'problem_returned',
  'problem_overdue',
  'report_overdue',
  'request_to_claim',
  'request_overdue',
  'whistle_declined',
  'filing_returned',
  'sheet_returned',
  'weak_returned',
  'flow_dereliction',
]);

/** The page where each item is done: its own record, one tap away. */
const TODAY_HREF: Record<TodayKind, (id: number) => string> = {
  problem_returned: (id) => `/ledger/${id}`,
  problem_overdue: (id) => `/ledger/${id}`,
  problem_to_start: (id) => `/ledger/${id}`,
  problem_rectifying: (id) => `/ledger/${id}`,
  problem_to_check: (id) => `/ledger/${id}`,
  problem_supervision: (id) => `/ledger/${id}`,
  report_overdue: (id) => `/dispatch/assignments/${id}`,
  report_due: (id) => `/dispatch/assignments/${id}`,
  task_open: () => '/lists',
  request_to_claim: (id) => `/citizens/${id}`,
  request_overdue: (id) => `/citizens/${id}`,
  request_mine: (id) => `/citizens/${id}`,
  whistle_to_answer: (id) => `/whistles?id=${id}`,
  whistle_declined: (id) => `/whistles?id=${id}`,
  meeting_due: (id) => `/orglife/meetings/new?orgId=${id}`,
  filing_returned: (id) => `/orglife/filings/${id}`,
  filing_to_review: (id) => `/orglife/filings/${id}`,
  sheet_returned: (id) => `/assessment/sheets/${id}`,
  sheet_to_review: (id) => `/assessment/sheets/${id}`,
  development_due: (id) => `/developments?id=${id}`,
  weak_to_decide: (id) => `/weak-orgs/${id}`,
  weak_returned: (id) => `/weak-orgs/${id}`,
  designation_to_check: (id) => `/designations/${id}`,
  designation_to_decide: (id) => `/designations/${id}`,
  flow_step_due: (id) => `/flows/matters/${id}`,
  flow_dereliction: (id) => `/flows/matters/${id}`,
  milestone_due: (id) => `/projects/${id}`,
  disclosure_due: (id) => `/openness/compose?orgId=${id}`,
  disclosure_overdue: (id) => `/openness/compose?orgId=${id}`,
  disclosures_overdue_below: (id) => `/openness/board?orgId=${id}`,
  research_short: () => '/orglife/research',
  research_to_appraise: (id) => `/orglife/research/${id}`,
};

/** How many items the list answers with (the total says how many there are). */
export const TODAY_LIMIT = TODAY_ROWS;

/** Urgent first; then the earliest due date (undated last); then the newest change. */
export function compareToday(a: TodayItem, b: TodayItem): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  if (a.due !== b.due) return a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -1 : 1;
  return a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id;
}

export function createHomeService({ db, ledger, sources }: { db: Db; ledger: Pick<LedgerService, 'problemsToCheck'>; sources?: TodaySources }) {
  return {
    /**
     * 今日待办: one item per record that waits for this account's org, from the modules' own
     * tables, within its scope and only of the kinds its roles may act on.
     */
    async today(actor: Actor, now = new Date()): Promise<TodayList> {
      const today = todayInChina(now);
      const p: repo.TodayParams = {
        orgId: actor.scope.orgId,
        like: likePrefix(actor.scope.path),
        accountId: actor.accountId,
        today,
        soon: addDays(today, 7),
        limit: TODAY_LIMIT,
      };
      const may = (action: Parameters<typeof can>[1]) => can(actor.roles, action);
      const reads: Promise<repo.TodayRow[]>[] = [];
      if (may('ledger:handle')) reads.push(
          // who checks a submitted problem is the ledger's rule, asked through its front door
          ledger.problemsToCheck(actor, p.limit).then((rows) => rows.map((r) => ({ kind: 'problem_to_check', ...r, reason: null }))),
          repo.openTasks(db, p),
        );
      if (may('citizen:answer')) reads.push(repo.whistlesToAnswer(db, p));
      if (may('citizen:whistle')) reads.push(repo.whistlesDeclined(db, p));
      // One connection on PGlite: the reads run one after another either way.
      const rows: repo.TodayRow[] = [];
      for (const r of reads) rows.push(...(await r));
      // the modules that register their own items (the ledger's problems, reports, requests, 组织生活 …)
      for (const source of sources?.all() ?? []) rows.push(...(await source(db, actor, today)));
      const items = rows.map((r): TodayItem => {
        const kind = r.kind as TodayKind;
        return {
          kind,
          id: r.id,
          title: r.title,
          org: r.org,
          due: r.due,
          reason: r.reason,
          at: new Date(r.at).toISOString(),
          urgent: TODAY_URGENT.has(kind) || (r.due !== null && r.due < today),
          href: TODAY_HREF[kind](r.id),
        };
      });
      items.sort(compareToday);
      return { today, items: items.slice(0, TODAY_LIMIT), total: items.length };
    },

    async todos(actor: Actor, now = new Date()): Promise<TodoSummary> {
      const today = todayInChina(now);
      const { orgId, path } = actor.scope;
      const like = likePrefix(path);
      const counts: Counts = {};
      const may = (action: Parameters<typeof can>[1]) => can(actor.roles, action);

      if (may('ledger:read')) {
        const row = await repo.ledgerCounts(db, orgId, like, today);
        counts.tasks_open = row!.tasks;
        counts.problems_open = row!.open;
        counts.problems_overdue = row!.overdue;
        counts.problems_supervision_due = row!.supervision;
        counts.problems_escalated = row!.escalated;
      }
      if (may('citizen:answer')) {
        counts.whistle_parts_to_answer = await countAnswersIn(db, actor.scope, 'whistle', WHISTLE_KIND.open);
      }
      if (may('citizen:whistle')) {
        // declined parts wait for the whistler to re-route them
        counts.whistle_parts_declined = await countAnswersOfCallsIn(db, actor.scope, 'whistle', WHISTLE_KIND.actions.reroute.from);
      }

      // the modules that register their own counts (reports, requests)
      for (const source of sources?.allCounts() ?? []) Object.assign(counts, await source(db, actor, today));

      // in the order of HREF, whichever module counted
      const items: TodoItem[] = (Object.keys(HREF) as TodoKind[]).filter((kind) => counts[kind] !== undefined).map((kind) => [kind, counts[kind]!] as const).map(([kind, count]) => ({
        kind,
        count,
        urgent: URGENT.has(kind) && count > 0,
        href: HREF[kind],
      }));
      return { today, items };
    },
  };
}
export type HomeService = ReturnType<typeof createHomeService>;
