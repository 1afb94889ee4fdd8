// Pure rules of 党支部积星·党员积分 (seed 003; 002 争十星, 004 创星晋级): the county's rules checked
// (no usage-based item can be saved), a member's points from the records behind them (each item
// capped per year, in date order), and a branch's points and stars.
import type { BranchPointItem, BranchStarLevel, MemberPointItem, MemberPointSource, PointEntry } from '@lianxin/contract';
import type { FieldError } from '../../core/errors.js';

/** Sample rules for the county to edit (the seeds name the practice, not the figures). */
export const DEFAULT_POINT_RULES: { memberItems: MemberPointItem[]; branchItems: BranchPointItem[]; branchLevels: BranchStarLevel[] } = {
  memberItems: [
    { code: 'meetings', name: '参加组织生活', source: 'meetings', points: 2, cap: 30 },
    { code: 'training', name: '参加教育培训', source: 'training', points: 2, cap: 20 },
    { code: 'grid_deeds', name: '双报到·为群众办实事', source: 'grid_deeds', points: 2, cap: 20 },
    { code: 'requests', name: '办结群众事项', source: 'requests', points: 1, cap: 20 },
    { code: 'pledges', name: '承诺践诺', source: 'manual', points: 5, cap: 10 },
    { code: 'volunteer', name: '志愿服务', source: 'manual', points: 2, cap: 10 },
    { code: 'honours', name: '表彰奖励', source: 'manual', points: 10, cap: 20 },
  ],
  branchItems: [{ code: 'meetings_held', name: '按规定召开组织生活', source: 'meetings_held', points: 1, cap: 30 }],
  branchLevels: [
    { stars: 5, min: 60 },
    { stars: 4, min: 50 },
    { stars: 3, min: 40 },
    { stars: 2, min: 30 },
    { stars: 1, min: 20 },
  ],
};

/** The same words assessment refuses (DOMAIN.md §11): points are for work, never for using the app. */
const USAGE = /登录|登陆|点击|点赞|转发|阅读|学习时长|在线时长|浏览|打卡|签到次数|使用时长|login|click|like|forward|reading|online time|page view/i;

export function pointRuleProblems(r: { memberItems: readonly MemberPointItem[]; branchItems: readonly BranchPointItem[]; branchLevels: readonly BranchStarLevel[] }): FieldError[] {
  const problems: FieldError[] = [];
  const codes = new Set<string>();
  const check = (field: string, it: { code: string; name: string; points: number; cap: number }) => {
    if (codes.has(it.code)) problems.push({ field: `${field}.code`, zh: `代码「${it.code}」重复`, en: `Code ${it.code} used twice` });
    codes.add(it.code);
    if (USAGE.test(it.name)) {
      problems.push({ field: `${field}.name`, zh: `积分项「${it.name}」以登录、点击、阅读或在线时长计分，不能保存：积分只认工作实绩记录`, en: `${it.name} scores app usage; points are for recorded work, never usage` });
    }
    if (it.cap < it.points) problems.push({ field: `${field}.cap`, zh: `积分项「${it.name}」的年度上限（${it.cap} 分）低于每次计分（${it.points} 分）`, en: 'The cap is below one award' });
    if (it.points * 2 !== Math.round(it.points * 2) || it.cap * 2 !== Math.round(it.cap * 2)) problems.push({ field: `${field}.points`, zh: `积分项「${it.name}」的分值以 0.5 分为单位`, en: 'Points in halves' });
  };
  r.memberItems.forEach((it, i) => check(`memberItems.${i}`, it));
  r.branchItems.forEach((it, i) => check(`branchItems.${i}`, it));
  const stars = new Set<number>();
  r.branchLevels.forEach((l, i) => {
    if (stars.has(l.stars)) problems.push({ field: `branchLevels.${i}.stars`, zh: `「${l.stars} 星」重复设置了两次`, en: `${l.stars} stars set twice` });
    stars.add(l.stars);
  });
  const sorted = [...r.branchLevels].sort((a, b) => b.stars - a.stars);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.min >= sorted[i - 1]!.min) {
      problems.push({ field: 'branchLevels', zh: `${sorted[i - 1]!.stars} 星的积分线（${sorted[i - 1]!.min} 分）须高于 ${sorted[i]!.stars} 星（${sorted[i]!.min} 分）`, en: 'More stars need a higher threshold' });
    }
  }
  return problems;
}

/** A record that may earn points: a meeting attended, a session, a deed, a request, an approved item (with its own points). */
export type PointRecord = { source: MemberPointSource; itemCode?: string; recordType: string; recordId: number; on: string; label: string; points?: number };

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * A member's points of a year: every record matched to the county's item for its source (manual
 * records to their own item), in date order, each item capped — a record past the cap is listed
 * with 0 and `capped`, so every point is traceable and nothing is typed.
 */
export function memberPoints(items: readonly MemberPointItem[], records: readonly PointRecord[]): { total: number; items: { code: string; name: string; source: string; records: number; points: number; cap: number }[]; entries: PointEntry[] } {
  const byCode = new Map(items.map((it) => [it.code, { ...it, records: 0, sum: 0 }]));
  const bySource = new Map<string, MemberPointItem>();
  for (const it of items) if (it.source !== 'manual' && !bySource.has(it.source)) bySource.set(it.source, it);
  const sorted = [...records].sort((a, b) => a.on.localeCompare(b.on) || a.recordType.localeCompare(b.recordType) || a.recordId - b.recordId);
  const entries: PointEntry[] = [];
  for (const r of sorted) {
    const item = r.source === 'manual' ? (r.itemCode ? byCode.get(r.itemCode) : undefined) : bySource.get(r.source) && byCode.get(bySource.get(r.source)!.code);
    if (!item) continue; // the county has no item for it this year
    const want = r.source === 'manual' ? Math.min(r.points ?? 0, item.points) : item.points;
    const got = round1(Math.max(0, Math.min(want, item.cap - item.sum)));
    item.records++;
    item.sum = round1(item.sum + got);
    entries.push({ itemCode: item.code, itemName: item.name, source: r.source, recordType: r.recordType, recordId: r.recordId, on: r.on, label: r.label, points: got, capped: got < want });
  }
  const out = [...byCode.values()].map((it) => ({ code: it.code, name: it.name, source: it.source, records: it.records, points: it.sum, cap: it.cap }));
  return { total: round1(out.reduce((a, it) => a + it.points, 0)), items: out, entries };
}

/** A branch's own points: each item's records × points, capped. */
export function branchOwnPoints(items: readonly BranchPointItem[], counts: Readonly<Record<string, number>>): { code: string; name: string; records: number; points: number }[] {
  return items.map((it) => ({ code: it.code, name: it.name, records: counts[it.source] ?? 0, points: round1(Math.min(it.cap, (counts[it.source] ?? 0) * it.points)) }));
}

/** A branch's points (its members' average + its own) and its stars by the county's thresholds (0: below every level). */
export function branchStars(memberTotals: readonly number[], own: number, levels: readonly BranchStarLevel[]): { memberAverage: number; total: number; stars: number } {
  const memberAverage = memberTotals.length ? round1(memberTotals.reduce((a, b) => a + b, 0) / memberTotals.length) : 0;
  const total = round1(memberAverage + own);
  const level = [...levels].sort((a, b) => b.min - a.min).find((l) => total >= l.min);
  return { memberAverage, total, stars: level?.stars ?? 0 };
}
