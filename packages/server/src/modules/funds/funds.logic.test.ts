// The allowance and former-cadre rules on hand-made posts: days in post, 一肩挑, several posts at
// once, leap years, years served counted once for overlapping posts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PostRole } from '@lianxin/contract';
import { computeAllowances, computeFormerCadres, daysInYear, overlapDays, sumFen, type PostSpan } from './funds.logic.js';

const STD: Record<string, number> = { secretary: 2_400_000, village_director: 2_400_000, concurrent: 3_000_000, deputy: 1_600_000, clerk: 1_600_000, supervision_director: 1_600_000 };
const standardOf = (unitType: string, post: string) => (unitType === 'village' ? STD[post] : undefined);
let n = 0;
const span = (role: PostRole, startDate: string, endDate: string | null, o: Partial<PostSpan> = {}): PostSpan => ({
  postId: ++n, person: { id: 1, name: '张三' }, org: { id: 10, name: '榆舍村', type: 'village' }, role, concurrent: false, startDate, endDate, ...o,
});

describe('overlapDays', () => {
  it('counts both ends and clips to the period', () => {
    expect(overlapDays('2026-01-01', null, '2026-01-01', '2026-12-31')).toBe(365);
    expect(overlapDays('2025-06-01', '2026-01-31', '2026-01-01', '2026-12-31')).toBe(31);
    expect(overlapDays('2027-01-01', null, '2026-01-01', '2026-12-31')).toBe(0);
    expect(daysInYear(2024)).toBe(366);
  });
});

describe('computeAllowances', () => {
  it('pays a whole year at the standard', () => {
    const [r] = computeAllowances(2026, [span('deputy_secretary', '2020-03-01', null)], standardOf);
    expect(r).toMatchObject({ days: 365, concurrentDays: 0, amountFen: 1_600_000 });
  });

  it('pays part of a year by the days in post', () => {
    const [r] = computeAllowances(2026, [span('clerk', '2026-07-01', null)], standardOf);
    expect(r!.days).toBe(184);
    expect(r!.amountFen).toBe(Math.round((1_600_000 * 184) / 365));
  });

  it('a secretary marked 一肩挑 draws the 一肩挑 standard, not secretary plus director', () => {
    const [r] = computeAllowances(2026, [span('secretary', '2021-01-01', null, { concurrent: true })], standardOf);
    expect(r).toMatchObject({ amountFen: 3_000_000, concurrentDays: 365 });
  });

  it('holding the secretary and director posts at once is 一肩挑 for the days they overlap', () => {
    const [r] = computeAllowances(2026, [span('secretary', '2021-01-01', null), span('village_director', '2026-07-01', null)], standardOf);
    expect(r!.concurrentDays).toBe(184);
    expect(r!.amountFen).toBe(Math.round((2_400_000 * 181 + 3_000_000 * 184) / 365));
  });

  it('two posts that are not 一肩挑 draw the higher standard, never the sum', () => {
    const [r] = computeAllowances(2026, [span('deputy_secretary', '2021-01-01', null), span('clerk', '2021-01-01', null)], standardOf);
    expect(r!.amountFen).toBe(1_600_000);
    const [s] = computeAllowances(2026, [span('clerk', '2021-01-01', null), span('secretary', '2026-01-01', '2026-06-30')], standardOf);
    expect(s!.amountFen).toBe(Math.round((2_400_000 * 181 + 1_600_000 * 184) / 365));
  });

  it('posts without a standard (a militia head) and outside the year draw nothing', () => {
    expect(computeAllowances(2026, [span('militia_head', '2021-01-01', null), span('clerk', '2010-01-01', '2025-12-31')], standardOf)).toEqual([]);
  });

  it('never pays more than the highest standard for the days of a year, whatever the posts', () => {
    const roles: PostRole[] = ['secretary', 'village_director', 'deputy_secretary', 'clerk', 'supervision_director', 'militia_head'];
    const arb = fc.array(fc.record({ role: fc.constantFrom(...roles), concurrent: fc.boolean(), start: fc.integer({ min: 0, max: 500 }), len: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }) }), { maxLength: 5 });
    fc.assert(fc.property(arb, (posts) => {
      const base = Date.parse('2025-09-01T00:00:00Z');
      const d = (days: number) => new Date(base + days * 86_400_000).toISOString().slice(0, 10);
      const spans = posts.map((p) => span(p.role, d(p.start), p.len === null ? null : d(p.start + p.len), { concurrent: p.role === 'secretary' && p.concurrent }));
      for (const r of computeAllowances(2026, spans, standardOf)) {
        expect(r.days).toBeLessThanOrEqual(365);
        expect(r.amountFen).toBeLessThanOrEqual(Math.round((3_000_000 * r.days) / 365));
        expect(Number.isInteger(r.amountFen)).toBe(true);
      }
    }));
  });
});

describe('computeFormerCadres', () => {
  const rule = { minYears: 6, perYearServedFen: 12_000, capFen: 0 };
  it('pays those who left before the year by full years served, overlapping posts once', () => {
    const rows = computeFormerCadres(2026, [
      span('secretary', '2010-01-01', '2019-12-31'),
      span('village_director', '2015-01-01', '2019-12-31'),
    ], rule);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ yearsServed: 10, eligible: true, amountFen: 120_000, endedOn: '2019-12-31' });
  });

  it('leaves out people still in post and pays nothing below the minimum; the cap holds', () => {
    expect(computeFormerCadres(2026, [span('clerk', '2000-01-01', null)], rule)).toEqual([]);
    expect(computeFormerCadres(2026, [span('clerk', '2020-01-01', '2023-12-31', { person: { id: 2, name: '李四' } })], rule)[0]).toMatchObject({ yearsServed: 4, eligible: false, amountFen: 0 });
    expect(computeFormerCadres(2026, [span('clerk', '1990-01-01', '2019-12-31')], { ...rule, capFen: 200_000 })[0]!.amountFen).toBe(200_000);
  });

  it('someone who left during the year is not yet a former cadre of that year', () => {
    expect(computeFormerCadres(2026, [span('clerk', '2000-01-01', '2026-03-31')], rule)).toEqual([]);
  });
});

describe('sumFen', () => {
  it('refuses a float', () => {
    expect(sumFen([1, 2])).toBe(3);
    expect(() => sumFen([1.5])).toThrow();
  });
});
