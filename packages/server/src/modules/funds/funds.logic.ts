// Pure rules of the funds module: the seeds' fund standards, each post-holder's yearly allowance
// from the days in post (一肩挑 at its own rate, several posts at once at the highest one, never the
// sum), and the former-cadre living allowance from the years served. Amounts in fen, integer math.
import type { AllowancePost, FormerCadreRule, FundLine, FundUnitType, PostRole } from '@lianxin/contract';
// which standard a post draws is the assessment module's rule (the table is its own)
import { allowancePostOf } from '../assessment/index.js';

const yuan = (n: number) => n * 100;

/** Seed 002 (village 2.5 万 + 0.8 万; community 3 万 + 1 万 + 10 万 服务群众专项) and seed 003 (department committee 5 万). */
export const DEFAULT_FUND_STANDARDS: { unitType: FundUnitType; line: FundLine; annualFen: number }[] = [
  { unitType: 'village', line: 'office', annualFen: yuan(25_000) },
  { unitType: 'village', line: 'party_building', annualFen: yuan(8_000) },
  { unitType: 'community', line: 'office', annualFen: yuan(30_000) },
  { unitType: 'community', line: 'party_building', annualFen: yuan(10_000) },
  { unitType: 'community', line: 'service', annualFen: yuan(100_000) },
  { unitType: 'department', line: 'party_building', annualFen: yuan(50_000) },
];

export const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysInYear = (y: number) => (isLeapYear(y) ? 366 : 365);

const DAY = 86_400_000;
const dayNo = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);

/** Days of [start, end] (end inclusive, open when null) that fall in [from, to]. */
export function overlapDays(start: string, end: string | null, from: string, to: string): number {
  const a = Math.max(dayNo(start), dayNo(from));
  const b = Math.min(end === null ? dayNo(to) : dayNo(end), dayNo(to));
  return Math.max(0, b - a + 1);
}

export type PostSpan = {
  postId: number;
  person: { id: number; name: string };
  org: { id: number; name: string; type: string };
  role: PostRole;
  concurrent: boolean;
  startDate: string;
  endDate: string | null;
};

export type StandardOf = (unitType: string, post: AllowancePost) => number | undefined;

export type AllowanceResult = {
  person: { id: number; name: string };
  org: { id: number; name: string; type: string };
  posts: { postId: number; post: AllowancePost; startDate: string; endDate: string | null; days: number }[];
  days: number;
  concurrentDays: number;
  amountFen: number;
};

/**
 * Each person's allowance at each unit for the year: the year is cut where any of the person's
 * posts there starts or ends; on each piece the person draws the 一肩挑 standard when holding the
 * secretary's post and the director's (or a secretary's post marked 一肩挑), else the highest
 * standard of the posts held. Amount = Σ standard × days / days of the year, rounded to the fen once.
 */
export function computeAllowances(year: number, spans: PostSpan[], standardOf: StandardOf): AllowanceResult[] {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const yearDays = daysInYear(year);
  const groups = new Map<string, PostSpan[]>();
  for (const s of spans) {
    const key = `${s.person.id}:${s.org.id}`;
    const list = groups.get(key) ?? [];
    list.push(s);
    groups.set(key, list);
  }
  const out: AllowanceResult[] = [];
  for (const list of groups.values()) {
    const drawn = list
      .map((s) => ({ s, post: allowancePostOf(s.role, s.concurrent) }))
      .filter((x): x is { s: PostSpan; post: AllowancePost } => x.post !== null && standardOf(x.s.org.type, x.post) !== undefined)
      .map((x) => ({ ...x, days: overlapDays(x.s.startDate, x.s.endDate, from, to) }))
      .filter((x) => x.days > 0);
    if (drawn.length === 0) continue;
    const lo = dayNo(from);
    const hi = dayNo(to) + 1;
    const cuts = new Set<number>([lo, hi]);
    for (const x of drawn) {
      cuts.add(Math.max(lo, dayNo(x.s.startDate)));
      if (x.s.endDate !== null) cuts.add(Math.min(hi, dayNo(x.s.endDate) + 1));
    }
    const points = [...cuts].filter((c) => c >= lo && c <= hi).sort((a, b) => a - b);
    let numerator = 0;
    let days = 0;
    let concurrentDays = 0;
    const unitType = list[0]!.org.type;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i]!;
      const b = points[i + 1]!;
      const held = drawn.filter((x) => dayNo(x.s.startDate) <= a && (x.s.endDate === null || dayNo(x.s.endDate) >= a)).map((x) => x.post);
      if (held.length === 0) continue;
      const both = held.includes('concurrent') || (held.includes('secretary') && held.includes('village_director'));
      const concurrentRate = both ? standardOf(unitType, 'concurrent') : undefined;
      const rate = concurrentRate ?? Math.max(...held.map((p) => standardOf(unitType, p) ?? 0));
      numerator += rate * (b - a);
      days += b - a;
      if (both) concurrentDays += b - a;
    }
    out.push({
      person: list[0]!.person,
      org: list[0]!.org,
      posts: drawn.map((x) => ({ postId: x.s.postId, post: x.post, startDate: x.s.startDate, endDate: x.s.endDate, days: x.days })),
      days,
      concurrentDays,
      amountFen: Math.round(numerator / yearDays),
    });
  }
  return out;
}

export type FormerCadreResult = {
  person: { id: number; name: string };
  org: { id: number; name: string; type: string };
  lastPost: PostRole;
  endedOn: string;
  yearsServed: number;
  eligible: boolean;
  amountFen: number;
};

/**
 * 离任村干部生活补贴 for the year: people who held village or community posts, every one of them
 * ended before the year began. Years served = full years of the union of their posts' days (two
 * posts at once count once); paid when they reach the rule's minimum, per year served, capped.
 */
export function computeFormerCadres(year: number, spans: PostSpan[], rule: FormerCadreRule): FormerCadreResult[] {
  const yearStart = dayNo(`${year}-01-01`);
  const byPerson = new Map<number, PostSpan[]>();
  for (const s of spans) {
    if (allowancePostOf(s.role, s.concurrent) === null && s.role !== 'militia_head' && s.role !== 'women_chair' && s.role !== 'youth_league_secretary') continue;
    const list = byPerson.get(s.person.id) ?? [];
    list.push(s);
    byPerson.set(s.person.id, list);
  }
  const out: FormerCadreResult[] = [];
  for (const list of byPerson.values()) {
    if (list.some((s) => s.endDate === null || dayNo(s.endDate) >= yearStart)) continue;
    const intervals = list.map((s) => [dayNo(s.startDate), dayNo(s.endDate!) + 1] as const).sort((a, b) => a[0] - b[0]);
    let served = 0;
    let curA = intervals[0]![0];
    let curB = intervals[0]![1];
    for (const [a, b] of intervals.slice(1)) {
      if (a <= curB) curB = Math.max(curB, b);
      else {
        served += curB - curA;
        curA = a;
        curB = b;
      }
    }
    served += curB - curA;
    // full years: 10 calendar years are 3,652 or 3,653 days
    const yearsServed = Math.floor((served + 1) / 365.25);
    const last = [...list].sort((a, b) => (a.endDate! < b.endDate! ? 1 : -1))[0]!;
    const eligible = yearsServed >= rule.minYears && yearsServed > 0;
    const raw = eligible ? yearsServed * rule.perYearServedFen : 0;
    out.push({
      person: last.person, org: last.org, lastPost: last.role, endedOn: last.endDate!, yearsServed, eligible,
      amountFen: rule.capFen > 0 ? Math.min(raw, rule.capFen) : raw,
    });
  }
  return out.sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.yearsServed - a.yearsServed);
}

/** Sums in fen: integers only, refusing anything a float could have produced. */
export function sumFen(values: number[]): number {
  let s = 0;
  for (const v of values) {
    if (!Number.isSafeInteger(v)) throw new Error(`not an amount in fen: ${v}`);
    s += v;
  }
  return s;
}
