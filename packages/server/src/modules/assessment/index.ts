// 考核评分's front door: indicator schemes, score sheets (a case type), results and the village
// cadres' allowances. It reads the cadres through the people service it is handed, never their tables.
import type { FastifyPluginAsync } from 'fastify';
import type { AssessmentService } from './assessment.service.js';
import { assessmentRoutes } from './assessment.routes.js';
import './sheets.case.js';
import type { AllowancePost, AssessedUnitType } from '@lianxin/contract';
import type { Queryable } from '../../db/db.js';
import { allowanceStandards, hasPublishedScheme, replaceAllowanceStandards, results, sheetOf, subjectSheets } from './assessment.repository.js';
import { gradeOf } from './scheme.logic.js';
import { GRADE_LABELS, type SubjectKind, type SubjectResult } from '@lianxin/contract';
import { SHEET_RESULT_STATES } from '@lianxin/contract';
import { DEFAULT_STANDARDS } from './subsidies.logic.js';

export { createAssessmentService, type AssessmentService, type FirstSecretarySource, type ProjectSource } from './assessment.service.js';
export { LONGJIANG_TEMPLATE } from './scheme.template.js';

/** app.ts builds the service (the home page reads its items too) and hands it in. */
export const assessmentModule: FastifyPluginAsync<{ assessment: AssessmentService }> = async (app, opts) => {
  await app.register(assessmentRoutes, { assessment: opts.assessment });
};

// For the funds module (村干部报酬 computed from posts): the one allowance standards table (migration
// 121) as the county has it, else the seed-002 defaults, and which standard a post draws.
export { allowancePostOf } from './subsidies.logic.js';

/** The county's allowance standards (fen a year) in force in `year` by unit type and post: its own rows, or the defaults. */
export async function allowanceStandardsOf(q: Queryable, countyId: number, year: number): Promise<{ unitType: AssessedUnitType; post: AllowancePost; annualFen: number }[]> {
  return (await allowanceStandardTable(q, countyId, year)).rows;
}

/** The same, saying which year's table is in force (`fromYear` null: the seed-002 defaults, the county has none yet). */
export async function allowanceStandardTable(q: Queryable, countyId: number, year: number): Promise<{ fromYear: number | null; rows: { unitType: AssessedUnitType; post: AllowancePost; annualFen: number }[] }> {
  const own = await allowanceStandards(q, countyId, year);
  if (own.length) return { fromYear: own[0]!.year, rows: own.map((r) => ({ unitType: r.unit_type as AssessedUnitType, post: r.post as AllowancePost, annualFen: Number(r.annual_fen) })) };
  return {
    fromYear: null,
    rows: Object.entries(DEFAULT_STANDARDS).flatMap(([unitType, posts]) =>
      Object.entries(posts ?? {}).map(([post, fen]) => ({ unitType: unitType as AssessedUnitType, post: post as AllowancePost, annualFen: fen as number }))),
  };
}

/**
 * Writes the county's table of one year, in the caller's transaction (the caller checks who may and
 * audits): the funds module's standards page edits it, the one table the assessment issue introduced.
 */
export async function saveAllowanceStandards(tx: Queryable, countyId: number, year: number, rows: { unitType: string; post: string; annualFen: number }[]): Promise<void> {
  await replaceAllowanceStandards(tx, countyId, year, rows);
}

// For 星级化管理 (the recognition module): the star formula of seed 001 and each village's annual
// result — the average of its published score sheets of the year (the latest revision of each), the
// same figure the performance subsidy pays by.
export { starsOf, DEFAULT_STAR_LEVELS, type StarLevel } from './subsidies.logic.js';

/**
 * The annual result of each village and community under the prefix: its published sheets of the year
 * (each with its score to one decimal and `exact`, unrounded) and their average score.
 */
export async function annualResultsOf(q: Queryable, countyId: number, prefix: string, year: number): Promise<Map<number, { score: number; sheets: { id: number; period: string; score: number; exact: number }[] }>> {
  const raw = new Map<number, { sum: number; sheets: { id: number; period: string; score: number; exact: number }[] }>();
  const rows = [...await results(q, countyId, prefix, { year, unitType: 'village' }), ...await results(q, countyId, prefix, { year, unitType: 'community' })];
  for (const r of rows) {
    const score = r.max_total > 0 ? (r.total * 100) / r.max_total : 0;
    const had = raw.get(Number(r.org_id)) ?? { sum: 0, sheets: [] };
    had.sum += score;
    had.sheets.push({ id: Number(r.sheet_id), period: r.period, score: Math.round(score * 10) / 10, exact: score });
    raw.set(Number(r.org_id), had);
  }
  return new Map([...raw].map(([org, v]) => [org, { score: Math.round((v.sum / v.sheets.length) * 10) / 10, sheets: v.sheets.sort((a, b) => a.period.localeCompare(b.period)) }]));
}

/**
 * For 奖惩 (the recognition module): a score sheet of the subtree that counts in the results
 * (published, appealed or locked), with its unit and its score on a 100-point scale; undefined when
 * it is outside the prefix, missing, or not published.
 */
export async function resultSheetOf(q: Queryable, prefix: string, id: number): Promise<{ id: number; orgId: number; orgName: string; orgPath: string; period: string; year: number; schemeName: string; revision: number; score: number; status: string } | undefined> {
  const r = await sheetOf(q, prefix, id);
  if (!r || !(SHEET_RESULT_STATES as readonly string[]).includes(r.status)) return undefined;
  return {
    id: Number(r.id), orgId: Number(r.org_id), orgName: r.org_name, orgPath: r.org_path, period: r.period, year: r.scheme_year, schemeName: r.scheme_name,
    revision: r.revision, score: r.max_total > 0 ? Math.round((r.total * 1000) / r.max_total) / 10 : 0, status: r.status,
  };
}

/**
 * For the first secretary's page (cadres) and the project's page (projects): each subject's results
 * by year — the sheets that count (published, appealed, locked; the newest revision of each month)
 * under the prefix, and their average on a 100-point scale. A subject with none is absent.
 */
export async function subjectResultsOf(q: Queryable, prefix: string, kind: SubjectKind, ids: readonly number[]): Promise<Map<number, SubjectResult[]>> {
  const byKey = new Map<string, { subject: number; year: number; sheets: SubjectResult['sheets'] }>();
  for (const r of await subjectSheets(q, prefix, kind, ids)) {
    const key = `${r.subject_id}:${r.year}`;
    const had = byKey.get(key) ?? { subject: Number(r.subject_id), year: r.year, sheets: [] };
    had.sheets.push({ id: Number(r.sheet_id), period: r.period, score: r.max_total > 0 ? Math.round((r.total * 1000) / r.max_total) / 10 : 0, status: r.status, schemeName: r.scheme_name });
    byKey.set(key, had);
  }
  const out = new Map<number, SubjectResult[]>();
  for (const v of byKey.values()) {
    const score = Math.round((v.sheets.reduce((a, x) => a + x.score, 0) / v.sheets.length) * 10) / 10;
    const grade = gradeOf(score);
    out.set(v.subject, [...(out.get(v.subject) ?? []), { year: v.year, score, grade, gradeLabel: GRADE_LABELS[grade].zh, sheets: v.sheets }].sort((a, b) => b.year - a.year));
  }
  return out;
}

/**
 * For the projects module's appraisal (年交账考评): whether the county scores the year's projects
 * through assessment (it has published a project scheme of that year) and, if so, the project's
 * result of that year — the same figure its page and 年度评选 show (the counting sheets of the
 * year, newest revision of each month, averaged) — or null while no sheet of it is published.
 */
export async function projectYearAccountOf(q: Queryable, countyId: number, prefix: string, projectId: number, year: number): Promise<{ throughAssessment: false } | { throughAssessment: true; result: SubjectResult | null }> {
  if (!(await hasPublishedScheme(q, countyId, year, 'project'))) return { throughAssessment: false };
  const result = (await subjectResultsOf(q, prefix, 'project', [projectId])).get(projectId)?.find((r) => r.year === year) ?? null;
  return { throughAssessment: true, result };
}
