// The pure rules of 星级化管理: the county's levels checked, a cadre's stars, the 公职化 streak.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { civilServiceEligible, DEFAULT_RULES, formulaOf, heldIn, levelProblems, monthsLabel, rate, streakOf, unitPartOf } from './stars.logic.js';

describe('levels', () => {
  it('accept the seed-001 defaults and refuse repeated stars or thresholds that do not rise with the stars', () => {
    expect(levelProblems(DEFAULT_RULES.levels)).toEqual([]);
    expect(levelProblems([{ stars: 3, min: 80 }, { stars: 3, min: 70 }]).map((p) => p.zh).join()).toContain('重复');
    expect(levelProblems([{ stars: 5, min: 80 }, { stars: 4, min: 80 }]).map((p) => p.zh).join()).toContain('须高于');
  });
  it('any strictly rising set of thresholds passes, any other fails', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 10 }), (mins) => {
      const sorted = [...mins].sort((a, b) => a - b);
      expect(levelProblems(sorted.map((m, i) => ({ stars: i + 1, min: m / 2 })))).toEqual([]);
      if (sorted.length > 1) expect(levelProblems(sorted.map((m, i) => ({ stars: sorted.length - i, min: m / 2 }))).length).toBeGreaterThan(0);
    }));
  });
});

describe('a cadre\'s stars', () => {
  it('need both scores, and weigh them by the county\'s share', () => {
    expect(rate(null, 90, 50, DEFAULT_RULES.levels)).toEqual({ score: null, stars: null });
    expect(rate(90, null, 50, DEFAULT_RULES.levels)).toEqual({ score: null, stars: null });
    expect(rate(96, 94, 50, DEFAULT_RULES.levels)).toEqual({ score: 95, stars: 5 });
    expect(rate(100, 80, 70, DEFAULT_RULES.levels)).toEqual({ score: 94, stars: 4 });
    expect(rate(50, 50, 50, DEFAULT_RULES.levels)).toEqual({ score: 50, stars: 0 });
    expect(formulaOf(96, 94, 50, 95, 5)).toBe('个人岗位考核 96 分 × 50% + 村级整体工作 94 分 × 50% = 95 分 → 5 星');
    expect(formulaOf(50, 50, 50, 50, 0)).toContain('未达星级');
  });
});

describe('公职化', () => {
  it('counts the years running at the county\'s level, this year included', () => {
    const earlier = new Map([[2024, 5], [2023, 4], [2022, 5]]);
    expect(streakOf(2025, 5, earlier, 5)).toBe(2);
    expect(streakOf(2025, 5, earlier, 4)).toBe(4);
    expect(streakOf(2025, 4, earlier, 5)).toBe(0);
    expect(streakOf(2025, null, earlier, 1)).toBe(0);
    expect(streakOf(2025, 5, new Map(), 5)).toBe(1);
  });
  it('is for secretaries only', () => {
    expect(civilServiceEligible('secretary', 2, 2)).toBe(true);
    expect(civilServiceEligible('secretary', 1, 2)).toBe(false);
    expect(civilServiceEligible('village_director', 5, 1)).toBe(false);
  });
});

describe('the part of the year a post was held', () => {
  it('clips the post to the year and counts a month held on any day of it', () => {
    expect(heldIn(2025, '2021-10-15', null)).toEqual({ from: '2025-01-01', to: '2025-12-31', months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    expect(heldIn(2025, '2021-10-15', '2025-06-15')!.months).toEqual([1, 2, 3, 4, 5, 6]);
    expect(heldIn(2025, '2025-06-16', null)!.months).toEqual([6, 7, 8, 9, 10, 11, 12]);
    expect(heldIn(2025, '2021-10-15', '2024-12-31')).toBeUndefined();
    expect(heldIn(2025, '2026-01-01', null)).toBeUndefined();
  });
  it('takes the unit part from the sheets of the months held, else the whole year', () => {
    const sheets = [{ id: 1, period: '2025-03', score: 90, exact: 90 }, { id: 2, period: '2025-09', score: 80.05, exact: 80.05 }];
    expect(unitPartOf(sheets, [1, 2, 3, 4, 5, 6])).toMatchObject({ score: 90, basis: 'months', sheets: [{ id: 1 }] });
    expect(unitPartOf(sheets, [10, 11, 12])).toMatchObject({ score: 85, basis: 'year' });
    expect(unitPartOf([], [1])).toBeNull();
    expect(monthsLabel(6, '2025-01-01', '2025-06-15')).toBe('1–6 月（6 个月）');
    expect(monthsLabel(12, '2025-01-01', '2025-12-31')).toBe('全年');
  });
});
