// Pure rules of village cadres' pay and stars: the allowance standards of seed 002 as the default
// county table (amounts in fen), the performance subsidy paid by the village's annual result, and
// the star formula of seed 001 (personal post assessment × w + village result × (1 − w)).
import type { AllowancePost, AssessedUnitType, Grade, PostRole } from '@lianxin/contract';

const yuan = (n: number) => n * 100;

/**
 * Seed 002: village secretary and director (separate) 24,000 a year, 一肩挑 30,000, deputies,
 * clerk and supervision director 16,000; community secretary and director 30,000, 一肩挑 36,000,
 * supervision director, clerk and deputies 24,000, committee members 18,000. A county's own table
 * (allowance_standards) replaces these.
 */
export const DEFAULT_STANDARDS: Partial<Record<AssessedUnitType, Partial<Record<AllowancePost, number>>>> = {
  village: { secretary: yuan(24_000), village_director: yuan(24_000), concurrent: yuan(30_000), deputy: yuan(16_000), clerk: yuan(16_000), supervision_director: yuan(16_000) },
  community: { secretary: yuan(30_000), village_director: yuan(30_000), concurrent: yuan(36_000), deputy: yuan(24_000), clerk: yuan(24_000), supervision_director: yuan(24_000), committee_member: yuan(18_000) },
};

/** The default rule (county data; the seeds give no figures): 30 % of the allowance depends on the result. */
export const DEFAULT_RULE: { sharePercent: number; gradePercent: Record<Grade, number> } = {
  sharePercent: 30,
  gradePercent: { excellent: 100, good: 90, fair: 70, poor: 40 },
};

/** Which standard a post draws: a secretary who is also the director (一肩挑) draws the combined one. */
export function allowancePostOf(role: PostRole, concurrent: boolean): AllowancePost | null {
  switch (role) {
    case 'secretary': return concurrent ? 'concurrent' : 'secretary';
    case 'village_director': return 'village_director';
    case 'deputy_secretary': return 'deputy';
    case 'clerk': return 'clerk';
    case 'supervision_director': return 'supervision_director';
    case 'committee_member': return 'committee_member';
    default: return null;
  }
}

/** 绩效补贴 and 基本报酬 of one post for the year, in fen. */
export function subsidyOf(standardFen: number, sharePercent: number, gradePercent: number | null): { performanceFen: number | null; baseFen: number } {
  const share = Math.round((standardFen * sharePercent) / 100);
  return { baseFen: standardFen - share, performanceFen: gradePercent === null ? null : Math.round((share * gradePercent) / 100) };
}

export type StarLevel = { stars: number; min: number };
export const DEFAULT_STAR_LEVELS: StarLevel[] = [
  { stars: 5, min: 95 }, { stars: 4, min: 90 }, { stars: 3, min: 80 }, { stars: 2, min: 70 }, { stars: 1, min: 60 },
];

/** 星级化管理 (seed 001): the weighted score and its stars by the county's thresholds (0 below the lowest). */
export function starsOf(postScore: number, villageScore: number, postWeightPercent = 50, levels: StarLevel[] = DEFAULT_STAR_LEVELS): { score: number; stars: number } {
  const score = Math.round((postScore * postWeightPercent + villageScore * (100 - postWeightPercent))) / 100;
  const level = [...levels].sort((a, b) => b.min - a.min).find((l) => score >= l.min);
  return { score, stars: level?.stars ?? 0 };
}
