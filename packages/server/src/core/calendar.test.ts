import { describe, expect, it } from 'vitest';
import { ageOn, isoWeekKey, isoWeekday, periodEnd, periodOf, recurrenceDue, todayInChina } from './calendar.js';

describe('China Standard Time calendar', () => {
  it('takes today in China, not in UTC', () => {
    expect(todayInChina(new Date('2026-11-24T16:30:00Z'))).toBe('2026-11-25');
    expect(todayInChina(new Date('2026-11-24T15:59:00Z'))).toBe('2026-11-24');
  });

  it('keeps answering the day of the instant asked, on either side of China\'s midnight, in any order', () => {
    // the last day asked for is kept with the instants it spans: each call must still answer its own instant's day
    const instants = ['2026-11-24T15:59:59.999Z', '2026-11-24T16:00:00.000Z', '2026-11-24T15:59:59.999Z', '2026-12-31T16:00:00Z', '1999-12-31T15:59:59Z', '2026-11-25T15:59:59.999Z', '2026-11-25T16:00:00Z'];
    const plain = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
    for (const iso of instants) expect(todayInChina(new Date(iso)), iso).toBe(plain(iso));
    expect(todayInChina()).toBe(plain(new Date().toISOString()));
  });

  it('counts whole years of age', () => {
    expect(ageOn('1990-11-25', '2026-11-25')).toBe(36);
    expect(ageOn('1990-11-26', '2026-11-25')).toBe(35);
    expect(ageOn('1990-12-01', '2026-11-30')).toBe(35);
    expect(ageOn('1990-01-31', '2026-02-01')).toBe(36);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
    expect(ageOn('2026-11-25', '2026-11-25')).toBe(0);
    expect(ageOn(null, '2026-11-25')).toBe(null);
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

  it('a month-end duty falls due within its month: February (leap or not), 30- and 31-day months', () => {
    // 月底小结会: issued on the 1st with 30 days to report
    expect(recurrenceDue('2026-01-01', 'monthly', 30)).toBe('2026-01-31');
    expect(recurrenceDue('2026-02-01', 'monthly', 30)).toBe('2026-02-28');
    expect(recurrenceDue('2028-02-01', 'monthly', 30)).toBe('2028-02-29');
    expect(recurrenceDue('2026-04-01', 'monthly', 30)).toBe('2026-04-30');
    expect(recurrenceDue('2026-11-01', 'monthly', 30)).toBe('2026-11-30');
    expect(recurrenceDue('2026-12-01', 'monthly', 30)).toBe('2026-12-31');
    // a shorter deadline is kept as given
    expect(recurrenceDue('2026-02-01', 'monthly', 10)).toBe('2026-02-11');
  });

  it('ends each period the day before the next instance is issued', () => {
    expect(periodEnd('2026-11-23', 'weekly')).toBe('2026-11-29');
    expect(recurrenceDue('2026-11-27', 'weekly', 10)).toBe('2026-12-03');
    expect(periodEnd('2026-10-01', 'quarterly')).toBe('2026-12-31');
    expect(periodEnd('2026-01-01', 'quarterly')).toBe('2026-03-31');
    expect(periodEnd('2026-01-01', 'yearly')).toBe('2026-12-31');
    expect(recurrenceDue('2026-01-01', 'yearly', 366)).toBe('2026-12-31');
  });
});
