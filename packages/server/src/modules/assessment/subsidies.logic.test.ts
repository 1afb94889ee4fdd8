import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allowancePostOf, DEFAULT_STANDARDS, starsOf, subsidyOf } from './subsidies.logic.js';
import { applyVeto, appliesIn, gradeOf, pointsFromRate } from './scheme.logic.js';

describe('allowances and performance subsidies (seed 002)', () => {
  it('holds the 002 figures in fen', () => {
    expect(DEFAULT_STANDARDS.village).toMatchObject({ secretary: 2_400_000, concurrent: 3_000_000, deputy: 1_600_000, clerk: 1_600_000 });
    expect(DEFAULT_STANDARDS.community).toMatchObject({ concurrent: 3_600_000, committee_member: 1_800_000 });
  });

  it('a secretary who is also the director (一肩挑) draws the combined standard', () => {
    expect(allowancePostOf('secretary', true)).toBe('concurrent');
    expect(allowancePostOf('secretary', false)).toBe('secretary');
    expect(allowancePostOf('militia_head', false)).toBeNull();
  });

  it('pays the performance share by grade and the rest as the base, never more than the standard', () => {
    expect(subsidyOf(2_400_000, 30, 100)).toEqual({ baseFen: 1_680_000, performanceFen: 720_000 });
    expect(subsidyOf(2_400_000, 30, 70)).toEqual({ baseFen: 1_680_000, performanceFen: 504_000 });
    expect(subsidyOf(2_400_000, 30, null)).toEqual({ baseFen: 1_680_000, performanceFen: null });
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (std, share, pct) => {
      const s = subsidyOf(std, share, pct);
      return Number.isInteger(s.performanceFen) && s.baseFen + s.performanceFen! <= std && s.baseFen >= 0;
    }));
  });
});

describe('stars (星级化, seed 001)', () => {
  it('weighs the post assessment and the village result 50/50 by default; levels are county data', () => {
    expect(starsOf(96, 94)).toEqual({ score: 95, stars: 5 });
    expect(starsOf(90, 70)).toEqual({ score: 80, stars: 3 });
    expect(starsOf(90, 70, 80)).toEqual({ score: 86, stars: 3 });
    expect(starsOf(50, 50)).toEqual({ score: 50, stars: 0 });
    expect(starsOf(85, 85, 50, [{ stars: 10, min: 80 }])).toEqual({ score: 85, stars: 10 });
  });
});

describe('scoring rules', () => {
  it('scores a month by cadence: quarters, halves and the year at their ends', () => {
    expect([1, 2, 3, 6, 12].map((m) => appliesIn('quarterly', m))).toEqual([false, false, true, true, true]);
    expect([3, 6, 12].map((m) => appliesIn('half_year', m))).toEqual([false, true, true]);
    expect([6, 12].map((m) => appliesIn('annual', m))).toEqual([false, true]);
  });

  it('computes points from a rate to half a point, full marks when nothing was due, within the index value', () => {
    expect(pointsFromRate(4, 1, 3)).toBe(1.5);
    expect(pointsFromRate(4, 0, 0)).toBe(4);
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (max, a, b) => {
      const p = pointsFromRate(max / 2, Math.min(a, b), Math.max(a, b));
      return p >= 0 && p <= max / 2 && Number.isInteger(p * 2);
    }));
  });

  it('a veto zeroes or caps; grades follow the 100-point scale', () => {
    expect(applyVeto(88, { kind: 'zero', reason: '重大事故' })).toBe(0);
    expect(applyVeto(88, { kind: 'cap', cap: 59, reason: '代办失误' })).toBe(59);
    expect(applyVeto(50, { kind: 'cap', cap: 59, reason: '代办失误' })).toBe(50);
    expect([95, 85, 65, 30].map(gradeOf)).toEqual(['excellent', 'good', 'fair', 'poor']);
  });
});
