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
