// Dates follow China Standard Time (Asia/Shanghai, UTC+8, no daylight saving).

const CST_OFFSET_MS = 8 * 3_600_000;

const DAY_MS = 86_400_000;
// the China day last asked for, and the instants it spans: most calls fall in it (several per request)
let cachedDay = '';
let cachedFrom = 0;
let cachedUntil = 0;

/** Today's date in China (YYYY-MM-DD). */
export function todayInChina(now?: Date): string {
  const t = now ? now.getTime() : Date.now();
  if (t >= cachedFrom && t < cachedUntil) return cachedDay;
  const shifted = t + CST_OFFSET_MS;
  const midnight = shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS);
  cachedDay = new Date(shifted).toISOString().slice(0, 10);
  cachedFrom = midnight - CST_OFFSET_MS;
  cachedUntil = cachedFrom + DAY_MS;
  return cachedDay;
}

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  // the years apart, one less before this year's birthday (fixed-width MM-DD compares as text)
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5, 10) < birthDate.slice(5, 10) ? years - 1 : years;
}

export function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO week key of a date, e.g. 2026-W48 (weeks start on Monday; week 1 holds 4 January). */
export function isoWeekKey(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(d);
  thursday.setUTCDate(d.getUTCDate() + 4 - isoWeekday(date));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export type Frequency = 'weekly' | 'monthly' | 'quarterly' | 'yearly';

/** The last day of a month (1–12): 28 or 29 in February, 30 or 31 otherwise. */
export function lastDayOfMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0)); // day 0 of the next month
  return d.toISOString().slice(0, 10);
}

/**
 * The period of a recurring duty that a day falls in, and the day it is issued on: weekly on the
 * chosen weekday of the ISO week, otherwise on the first day of the month, quarter or year.
 */
export function periodOf(date: string, frequency: Frequency, weekday = 1): { key: string; issueOn: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  switch (frequency) {
    case 'weekly':
      return { key: isoWeekKey(date), issueOn: plusDays(date, weekday - isoWeekday(date)) };
    case 'monthly':
      return { key: `${y}-${String(m).padStart(2, '0')}`, issueOn: `${y}-${String(m).padStart(2, '0')}-01` };
    case 'quarterly': {
      const q = Math.floor((m - 1) / 3) + 1;
      return { key: `${y}-Q${q}`, issueOn: `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01` };
    }
    case 'yearly':
      return { key: `${y}`, issueOn: `${y}-01-01` };
  }
}

/**
 * The last day of the period that begins on `issueOn`: the day before the next period's instance
 * is issued (a week later; the month's, quarter's or year's last day).
 */
export function periodEnd(issueOn: string, frequency: Frequency): string {
  const [y, m] = issueOn.split('-').map(Number) as [number, number];
  switch (frequency) {
    case 'weekly':
      return plusDays(issueOn, 6);
    case 'monthly':
      return lastDayOfMonth(y, m);
    case 'quarterly':
      return lastDayOfMonth(y, Math.floor((m - 1) / 3) * 3 + 3);
    case 'yearly':
      return `${y}-12-31`;
  }
}

/**
 * When a recurring duty's instance falls due: `dueDays` after it is issued, but never after its
 * period ends — a month-end summary given 30 days is due on 28/29 February and on the 30th of a
 * 30-day month, not in the next month (where the next instance is already due).
 */
export function recurrenceDue(issueOn: string, frequency: Frequency, dueDays: number): string {
  const due = plusDays(issueOn, dueDays);
  const end = periodEnd(issueOn, frequency);
  return due > end ? end : due;
}
