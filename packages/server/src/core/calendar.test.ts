import { describe, expect, it } from 'vitest';
import { ageOn, isoWeekKey, isoWeekday, periodOf, todayInChina } from './calendar.js';

describe('China Standard Time calendar', () => {
  it('takes today in China, not in UTC', () => {
    expect(todayInChina(new Date('2026-11-24T16:30:00Z'))).toBe('2026-11-25');
    expect(todayInChina(new Date('2026-11-24T15:59:00Z'))).toBe('2026-11-24');
  });

  it('counts whole years of age', () => {
    expect(ageOn('1990-11-25', '2026-11-25')).toBe(36);
    expect(ageOn('1990-11-26', '2026-11-25')).toBe(35);
  });

  it('knows ISO weeks and weekdays', () => {
    expect(isoWeekday('2026-11-25')).toBe(3); // a Wednesday
    expect(isoWeekKey('2026-11-25')).toBe('2026-W48');
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53');
    expect(isoWeekKey('2026-01-01')).toBe('2026-W01');
  });

  it('places a day in the period of a recurring duty', () => {
    expect(periodOf('2026-11-25', 'weekly', 1)).toEqual({ key: '2026-W48', issueOn: '2026-11-23' });
    expect(periodOf('2026-11-25', 'weekly', 5)).toEqual({ key: '2026-W48', issueOn: '2026-11-27' });
    expect(periodOf('2026-11-25', 'monthly')).toEqual({ key: '2026-11', issueOn: '2026-11-01' });
    expect(periodOf('2026-11-25', 'quarterly')).toEqual({ key: '2026-Q4', issueOn: '2026-10-01' });
    expect(periodOf('2026-11-25', 'yearly')).toEqual({ key: '2026', issueOn: '2026-01-01' });
  });
});
