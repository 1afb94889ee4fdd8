// The pure rules of 党员积分·党支部积星: no usage-based item, caps in date order, a branch's stars.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MemberPointItem } from '@lianxin/contract';
import { branchOwnPoints, branchStars, DEFAULT_POINT_RULES, memberPoints, pointRuleProblems, type PointRecord } from './points.logic.js';

const items: MemberPointItem[] = [
  { code: 'meetings', name: '参加组织生活', source: 'meetings', points: 2, cap: 5 },
  { code: 'volunteer', name: '志愿服务', source: 'manual', points: 3, cap: 4 },
];
const meeting = (id: number, on: string): PointRecord => ({ source: 'meetings', recordType: 'meeting', recordId: id, on, label: `会议 ${id}` });

describe('rules', () => {
  it('accept the sample rules and refuse usage, repeated codes, caps below one award and thresholds that do not rise', () => {
    expect(pointRuleProblems(DEFAULT_POINT_RULES)).toEqual([]);
    for (const name of ['每日登录', '点赞转发', '阅读文章', '在线时长']) {
      expect(pointRuleProblems({ ...DEFAULT_POINT_RULES, memberItems: [{ code: 'x', name, source: 'manual', points: 1, cap: 5 }] }).map((p) => p.zh).join()).toContain('不能保存');
    }
    expect(pointRuleProblems({ ...DEFAULT_POINT_RULES, memberItems: [items[0]!, items[0]!] }).map((p) => p.zh).join()).toContain('重复');
    expect(pointRuleProblems({ ...DEFAULT_POINT_RULES, memberItems: [{ ...items[0]!, cap: 1 }] }).map((p) => p.zh).join()).toContain('年度上限');
    expect(pointRuleProblems({ ...DEFAULT_POINT_RULES, branchLevels: [{ stars: 2, min: 10 }, { stars: 1, min: 10 }] }).map((p) => p.zh).join()).toContain('须高于');
  });
});

describe('a member\'s points', () => {
  it('follow the records in date order and stop at the cap, the record past it listed with 0', () => {
    const p = memberPoints(items, [meeting(3, '2026-03-01'), meeting(1, '2026-01-01'), meeting(2, '2026-02-01')]);
    expect(p.entries.map((e) => [e.recordId, e.points, e.capped])).toEqual([[1, 2, false], [2, 2, false], [3, 1, true]]);
    expect(p.total).toBe(5);
  });
  it('take a manual item at its own points, never above the item\'s, and ignore records with no item this year', () => {
    const p = memberPoints(items, [
      { source: 'manual', itemCode: 'volunteer', recordType: 'point_award', recordId: 9, on: '2026-05-01', label: '值守', points: 5 },
      { source: 'training', recordType: 'training_session', recordId: 4, on: '2026-05-02', label: '培训' },
    ]);
    expect(p.entries).toHaveLength(1);
    expect(p.entries[0]).toMatchObject({ recordId: 9, points: 3, capped: false }); // held to the item's 3 per award; the yearly cap (4) not yet reached
  });
  it('never exceed any cap, whatever the records', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 365 }), { maxLength: 40 }), (days) => {
      const p = memberPoints(items, days.map((d, i) => meeting(i + 1, `2026-01-01+${String(d).padStart(3, '0')}`)));
      expect(p.total).toBe(Math.min(5, days.length * 2));
      expect(p.entries).toHaveLength(days.length);
    }));
  });
});

describe('a branch', () => {
  it('adds its own capped items to its members\' average and takes the highest level reached', () => {
    expect(branchOwnPoints([{ code: 'm', name: '召开会议', source: 'meetings_held', points: 1, cap: 3 }], { meetings_held: 5 })).toEqual([{ code: 'm', name: '召开会议', records: 5, points: 3 }]);
    const levels = [{ stars: 1, min: 5 }, { stars: 3, min: 20 }, { stars: 2, min: 10 }];
    expect(branchStars([10, 20], 3, levels)).toEqual({ memberAverage: 15, total: 18, stars: 2 });
    expect(branchStars([], 0, levels)).toEqual({ memberAverage: 0, total: 0, stars: 0 });
    expect(branchStars([30], 0, levels).stars).toBe(3);
  });
});
