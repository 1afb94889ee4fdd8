// Pure rules of 星级化管理 (seed 001): the county's levels checked, one cadre's stars from the two
// scores, and 公职化 eligibility of a secretary from the stars of the years running.
import type { StarLevel } from '@lianxin/contract';
import type { FieldError } from '../../core/errors.js';
import { DEFAULT_STAR_LEVELS, starsOf } from '../assessment/index.js';

export const DEFAULT_RULES = { postWeightPercent: 50, levels: DEFAULT_STAR_LEVELS, civilServiceMinStars: 5, civilServiceYears: 2 };

/** The levels a county may save: distinct star counts, and more stars always need a higher score. */
export function levelProblems(levels: readonly StarLevel[]): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Set<number>();
  levels.forEach((l, i) => {
    if (seen.has(l.stars)) problems.push({ field: `levels.${i}.stars`, zh: `「${l.stars} 星」重复设置了两次`, en: `${l.stars} stars set twice` });
    seen.add(l.stars);
  });
  const sorted = [...levels].sort((a, b) => b.stars - a.stars);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.min >= sorted[i - 1]!.min) {
      problems.push({
        field: 'levels',
        zh: `${sorted[i - 1]!.stars} 星的分数线（${sorted[i - 1]!.min} 分）须高于 ${sorted[i]!.stars} 星（${sorted[i]!.min} 分）`,
        en: 'More stars need a higher threshold',
      });
    }
  }
  return problems;
}

/** One cadre's rating: null until both scores are there. */
export function rate(postScore: number | null, villageScore: number | null, postWeightPercent: number, levels: readonly StarLevel[]): { score: number | null; stars: number | null } {
  if (postScore === null || villageScore === null) return { score: null, stars: null };
  return starsOf(postScore, villageScore, postWeightPercent, [...levels]);
}

/**
 * How many years running, ending with this one, the person was rated at least `minStars`
 * (`earlier` maps a year to that year's published stars).
 */
export function streakOf(thisYear: number, stars: number | null, earlier: ReadonlyMap<number, number | null>, minStars: number): number {
  if (stars === null || stars < minStars) return 0;
  let n = 1;
  for (let y = thisYear - 1; (earlier.get(y) ?? -1) >= minStars; y--) n++;
  return n;
}

/** 公职化: a secretary whose streak meets the county's standard. */
export function civilServiceEligible(role: string, streak: number, years: number): boolean {
  return role === 'secretary' && streak >= years;
}

/** The formula with the numbers, in words (the numbers behind the stars). */
export function formulaOf(postScore: number | null, villageScore: number | null, w: number, score: number | null, stars: number | null): string | null {
  if (postScore === null || villageScore === null || score === null) return null;
  return `个人岗位考核 ${postScore} 分 × ${w}% + 村级整体工作 ${villageScore} 分 × ${100 - w}% = ${score} 分 → ${stars ? `${stars} 星` : '未达星级'}`;
}

/**
 * The part of `year` a post was held: its days clipped to the year (an open post runs to 31 Dec),
 * and the months in post — a month counts when the post was held on any day of it. Undefined when
 * the post was not held in the year (ended before it, or began after it).
 */
export function heldIn(year: number, startDate: string, endDate: string | null): { from: string; to: string; months: number[] } | undefined {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const from = startDate > first ? startDate : first;
  const to = endDate === null || endDate > last ? last : endDate;
  if (from > to) return undefined;
  const a = Number(from.slice(5, 7));
  const b = Number(to.slice(5, 7));
  return { from, to, months: Array.from({ length: b - a + 1 }, (_, i) => a + i) };
}

/**
 * The unit part of a cadre's stars (decisions.md, "Appeals and consequences"): the average of the
 * unit's published sheets of the months the post was held ('months'); when none of its sheets fell
 * in those months (an annual-only scheme, a cadre who left before the December sheet) the unit's
 * whole-year result ('year'); null when the unit has no published sheet of the year.
 */
export function unitPartOf(
  sheets: readonly { id: number; period: string; score: number; exact: number }[],
  months: readonly number[],
): { score: number; basis: 'months' | 'year'; sheets: { id: number; period: string; score: number }[] } | null {
  if (!sheets.length) return null;
  const held = new Set(months);
  const inPost = sheets.filter((s) => held.has(Number(s.period.slice(5, 7))));
  const used = inPost.length ? inPost : sheets;
  const avg = used.reduce((a, s) => a + s.exact, 0) / used.length;
  return { score: Math.round(avg * 10) / 10, basis: inPost.length ? 'months' : 'year', sheets: used.map(({ id, period, score }) => ({ id, period, score })) };
}

/** The months in post in words: "全年", "1–6 月（6 个月）". */
export function monthsLabel(months: number | null, from: string | null, to: string | null): string {
  if (months === null || from === null || to === null) return '评定时在任';
  if (months === 12) return '全年';
  const a = Number(from.slice(5, 7));
  const b = Number(to.slice(5, 7));
  return `${a === b ? `${a} 月` : `${a}–${b} 月`}（${months} 个月）`;
}
