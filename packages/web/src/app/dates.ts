// Dates as people say them: "12月5日", "11月30日–12月6日" for an ISO week ("2026-W49" is a code,
// not a word), "2026年11月", "2026年第四季度". Inputs are YYYY-MM-DD (China Standard Time days).
import type { Lang } from './i18n';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m!, d!];
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const [a, b, c] = parts(from);
  const [x, y, z] = parts(to);
  return Math.round((Date.UTC(x, y - 1, z) - Date.UTC(a, b - 1, c)) / 86_400_000);
}

/** 12月5日 (the year only when it is not `thisYear`). */
export function dayLabel(date: string, lang: Lang, thisYear?: number): string {
  const [y, m, d] = parts(date);
  const withYear = thisYear !== undefined && y !== thisYear;
  if (lang === 'en') return `${MONTHS_EN[m - 1]} ${d}${withYear ? `, ${y}` : ''}`;
  return `${withYear ? `${y}年` : ''}${m}月${d}日`;
}

function isoWeekMonday(year: number, week: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + (week - 1) * 7);
  return monday;
}
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** A directive's period key in words: 2026-W49 → 11月30日–12月6日; 2026-11 → 2026年11月; 2026-Q4 → 2026年第四季度. */
export function periodLabel(key: string, lang: Lang): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) {
    const monday = isoWeekMonday(Number(week[1]), Number(week[2]));
    const sunday = new Date(monday);
    sunday.setUTCDate(monday.getUTCDate() + 6);
    return `${dayLabel(ymd(monday), lang)}–${dayLabel(ymd(sunday), lang)}`;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return lang === 'en' ? `${MONTHS_EN[Number(month[2]) - 1]} ${month[1]}` : `${month[1]}年${Number(month[2])}月`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) return lang === 'en' ? `Q${quarter[2]} ${quarter[1]}` : `${quarter[1]}年第${'一二三四'[Number(quarter[2]) - 1]}季度`;
  if (/^\d{4}$/.test(key)) return lang === 'en' ? key : `${key}年`;
  return key;
}

/** A title that ends in a period code, "周报（2026-W49）", with the period in words: "周报（11月30日–12月6日）". */
export function humanTitle(title: string, lang: Lang): string {
  return title.replace(/[（(](\d{4}(?:-W\d{2}|-\d{2}|-Q[1-4])?)[）)]\s*$/, (_m, key: string) => `（${periodLabel(key, lang)}）`);
}
