// The computed indicators of the 龙江 kind (问题按期销号, 任务按期上报, the three request rates) for
// many units and months at once: one GROUP BY per source over the span (the repository's
// `…ByUnit` functions) instead of three statements per unit and month. The figures are the
// per-unit functions' own (numerator, denominator over every record, the first 200 record ids); a
// unit-month without records gets the empty basis they answer. `bases.test.ts` checks the equality
// unit by unit.
import type { Queryable } from '../../db/db.js';
import { likePrefix } from '../../core/access.js';
import { monthRange } from './scheme.logic.js';
import * as repo from './assessment.repository.js';

/** The computed sources this path answers (the others — first secretaries, projects, organizational life — stay per subject). */
export const SET_BASED_SOURCES = ['ledger_closed_on_time', 'dispatch_reported_on_time', 'citizen_response_rate', 'citizen_resolve_rate', 'citizen_satisfaction_rate'] as const;
export type SetBasedSource = (typeof SET_BASED_SOURCES)[number];
const RATES = ['citizen_response_rate', 'citizen_resolve_rate', 'citizen_satisfaction_rate'] as const;

/** The months `first`..`last` (YYYY-MM, inclusive). */
export function monthsOf(first: string, last: string): string[] {
  const out: string[] = [];
  for (let y = Number(first.slice(0, 4)), m = Number(first.slice(5, 7)); `${y}-${String(m).padStart(2, '0')}` <= last; m === 12 ? (y++, (m = 1)) : m++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

/**
 * The figures of `sources` (those of SET_BASED_SOURCES asked for) of every unit and every month
 * `first`..`last`, the records read under `scopePath` (the caller's scope; every unit lies in it):
 * unit id → period → source → basis, the same as `computeBases` gives one sheet.
 */
export async function basesOfUnits(
  q: Queryable,
  scopePath: string,
  units: readonly { id: number; path: string }[],
  first: string,
  last: string,
  sources: ReadonlySet<string>,
): Promise<Map<number, Map<string, Map<SetBasedSource, repo.Basis>>>> {
  const out = new Map<number, Map<string, Map<SetBasedSource, repo.Basis>>>();
  if (units.length === 0) return out;
  const periods = monthsOf(first, last);
  const from = monthRange(first).from;
  const to = monthRange(last).to;
  const prefix = likePrefix(scopePath);
  const ids = units.map((u) => u.id);
  const wantRates = RATES.some((s) => sources.has(s));
  // one after the other: in a transaction they share a connection anyway
  const problems = sources.has('ledger_closed_on_time') ? await repo.problemsClosedOnTimeByUnit(q, prefix, ids, from, to) : null;
  const reports = sources.has('dispatch_reported_on_time') ? await repo.reportsOnTimeByUnit(q, prefix, ids, from, to) : null;
  const rates = wantRates ? await repo.requestRatesByUnit(q, prefix, ids, from, to) : null;
  const empty = (kind: repo.Basis['records']['kind']): repo.Basis => ({ numerator: 0, denominator: 0, records: { kind, ids: [] } });
  for (const u of units) {
    const byPeriod = new Map<string, Map<SetBasedSource, repo.Basis>>();
    out.set(u.id, byPeriod);
    for (const period of periods) {
      const key = repo.unitMonth(u.id, period);
      const b = new Map<SetBasedSource, repo.Basis>();
      if (problems) b.set('ledger_closed_on_time', problems.get(key) ?? empty('problem'));
      if (reports) b.set('dispatch_reported_on_time', reports.get(key) ?? empty('assignment'));
      if (rates) {
        const r = rates.get(key);
        b.set('citizen_response_rate', r?.response ?? empty('request'));
        b.set('citizen_resolve_rate', r?.resolve ?? empty('request'));
        b.set('citizen_satisfaction_rate', r?.satisfaction ?? empty('request'));
      }
      byPeriod.set(period, b);
    }
  }
  return out;
}
