// The only file with SQL of assessments. Schemes are the county's (read within the actor's county);
// score sheets are cases of the engine, read within the actor's subtree by the scored unit's path.
// The computed indicators read the engine's shared tables (cases with problems and requests, the
// dispatch engine's assignments) read-only, each statement scoped to the scored unit's subtree —
// never another module's repository.
import type { SchemeStatus, SchemeTree, SheetState, SubjectKind, Veto } from '@lianxin/contract';
import type { Queryable } from '../../db/db.js';
import { inScope, inCounty, BY_KEY, SYSTEM } from '../../core/scope.js';
import { likePrefix } from '../../core/access.js';
import './sheets.case.js';
import { requestSql } from '../dispatch/index.js';
import { citizenRequestSql } from '../citizens/index.js';

export type SchemeRow = {
  id: number;
  county_id: number;
  year: number;
  subject_kind: SubjectKind;
  unit_type: string | null;
  name: string;
  status: SchemeStatus;
  edition: number | null;
  total_points: number;
  tree: SchemeTree;
  based_on_id: number | null;
  published_at: Date | null;
  version: number;
};

const SCHEME = `SELECT id, county_id, year, subject_kind, unit_type, name, status, edition, total_points::float8 AS total_points, tree, based_on_id, published_at, version FROM assessment_schemes`;

export async function insertScheme(
  q: Queryable,
  s: { countyId: number; orgPath: string; year: number; subjectKind: SubjectKind; unitType: string | null; name: string; totalPoints: number; tree: SchemeTree; basedOnId: number | null; createdBy: number },
): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO assessment_schemes (county_id, org_path, year, unit_type, name, total_points, tree, based_on_id, created_by, subject_kind)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10) RETURNING id`,
    [s.countyId, s.orgPath, s.year, s.unitType, s.name, s.totalPoints, JSON.stringify(s.tree), s.basedOnId, s.createdBy || null, s.subjectKind],
  );
  return Number(row!.id);
}

export async function listSchemes(q: Queryable, countyId: number, f: { year?: number; status?: SchemeStatus; page: number; pageSize: number }): Promise<{ rows: SchemeRow[]; total: number }> {
  const params: unknown[] = [countyId];
  const where = [inCounty('county_id', 1)];
  if (f.year !== undefined) where.push(`year = $${params.push(f.year)}`);
  if (f.status) where.push(`status = $${params.push(f.status)}`);
  const [head] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM assessment_schemes WHERE ${where.join(' AND ')}`, params);
  const rows = await q.query<SchemeRow>(
    `${SCHEME} WHERE ${where.join(' AND ')} ORDER BY year DESC, unit_type, edition DESC NULLS FIRST, id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    params,
  );
  return { rows, total: head?.n ?? 0 };
}

/** Whether the county has published a scheme of the subject kind for the year (any edition). */
export async function hasPublishedScheme(q: Queryable, countyId: number, year: number, kind: SubjectKind): Promise<boolean> {
  const rows = await q.query<{ one: number }>(
    `SELECT 1 AS one FROM assessment_schemes WHERE ${inCounty('county_id', 1)} AND year = $2 AND subject_kind = $3 AND status = 'published' LIMIT 1`,
    [countyId, year, kind],
  );
  return rows.length > 0;
}

/** A scheme of the county, by id (locked for an update when asked). */
export async function schemeOf(q: Queryable, countyId: number, id: number, forUpdate = false): Promise<SchemeRow | undefined> {
  const [row] = await q.query<SchemeRow>(`${SCHEME} WHERE ${inCounty('county_id', 1)} AND id = $2 ${forUpdate ? 'FOR UPDATE' : ''}`, [countyId, id]);
  return row;
}

export async function saveDraft(q: Queryable, id: number, s: { name: string; totalPoints: number; tree: SchemeTree }): Promise<void> {
  await q.query(
    `${BY_KEY}UPDATE assessment_schemes SET name = $2, total_points = $3, tree = $4::jsonb, version = version + 1 WHERE id = $1 AND status = 'draft'`,
    [id, s.name, s.totalPoints, JSON.stringify(s.tree)],
  );
}

/** Publishes a draft as the next edition of its county, year and unit type. */
export async function publishScheme(q: Queryable, id: number): Promise<number> {
  const [row] = await q.query<{ edition: number }>(
    `${BY_KEY}UPDATE assessment_schemes s SET status = 'published', published_at = now(), version = s.version + 1,
       edition = (SELECT coalesce(max(o.edition), 0) + 1 FROM assessment_schemes o
                   WHERE o.county_id = s.county_id AND o.year = s.year AND o.subject_kind = s.subject_kind
                     AND o.unit_type IS NOT DISTINCT FROM s.unit_type)
     WHERE s.id = $1 AND s.status = 'draft' RETURNING s.edition`,
    [id],
  );
  return row!.edition;
}

// ---- score sheets

export type SheetRow = {
  id: number;
  county_id: number;
  org_id: number;
  org_path: string;
  org_name: string;
  status: SheetState;
  version: number;
  scheme_id: number;
  scheme_name: string;
  scheme_year: number;
  period: string;
  revision: number;
  supersedes_case_id: number | null;
  scorer_org_id: number;
  scorer_name: string;
  scorer_path: string;
  total: number;
  max_total: number;
  veto: Veto | null;
  appeal_until: string | null;
  subject_kind: SubjectKind;
  subject_id: number;
  subject_name: string;
};

const SHEET = `
  SELECT c.id, c.county_id, c.org_id, c.org_path, o.name AS org_name, c.status, c.version,
         s.scheme_id, sc.name AS scheme_name, sc.year AS scheme_year, s.period, s.revision, s.supersedes_case_id,
         s.scorer_org_id, so.name AS scorer_name, s.scorer_path, s.total::float8 AS total, s.max_total::float8 AS max_total, s.veto, s.appeal_until,
         s.subject_kind, s.subject_id, coalesce(s.subject_name, o.name) AS subject_name
  FROM cases c
  JOIN score_sheets s ON s.case_id = c.id
  JOIN assessment_schemes sc ON sc.id = s.scheme_id
  JOIN orgs o ON o.id = c.org_id
  JOIN orgs so ON so.id = s.scorer_org_id`;

export async function sheetOf(q: Queryable, prefix: string, id: number): Promise<SheetRow | undefined> {
  const [row] = await q.query<SheetRow>(`${SHEET} WHERE c.id = $1 AND c.case_type = 'score_sheet' AND ${inScope('c.org_path', 2)}`, [id, prefix]);
  return row;
}

export async function listSheets(
  q: Queryable,
  prefix: string,
  f: { schemeId?: number; period?: string; status?: SheetState; subjectKind?: SubjectKind; page: number; pageSize: number },
): Promise<{ rows: SheetRow[]; total: number }> {
  const params: unknown[] = [prefix];
  const where = [`c.case_type = 'score_sheet'`, inScope('c.org_path', 1)];
  if (f.subjectKind) where.push(`s.subject_kind = $${params.push(f.subjectKind)}`);
  if (f.schemeId) where.push(`s.scheme_id = $${params.push(f.schemeId)}`);
  if (f.period) where.push(`s.period = $${params.push(f.period)}`);
  if (f.status) where.push(`c.status = $${params.push(f.status)}`);
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c JOIN score_sheets s ON s.case_id = c.id WHERE ${where.join(' AND ')}`, params);
  const rows = await q.query<SheetRow>(
    `${SHEET} WHERE ${where.join(' AND ')} ORDER BY s.period DESC, c.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    params,
  );
  return { rows, total: count!.n };
}

/**
 * 工作台: sheets my org scores that the county returned (draft again, the last move a return, with
 * its reason), and — for a reviewer — sheets in scope submitted or passed, waiting for review or publishing.
 */
export async function sheetsForToday(q: Queryable, prefix: string, scorerPath: string, reviews: boolean) {
  return q.query<{ kind: 'sheet_returned' | 'sheet_to_review'; id: number; title: string; org: string; due: string | null; reason: string | null; at: Date }>(
    `SELECT CASE WHEN c.status = 'draft' THEN 'sheet_returned' ELSE 'sheet_to_review' END AS kind,
            c.id, concat(sc.name, ' · ', s.period, CASE WHEN c.status = 'passed' THEN '（已审核，待公布）' WHEN c.status = 'appealed' THEN '（申诉待处理）' ELSE '' END) AS title,
            o.name AS org, NULL::text AS due, r.body AS reason, c.updated_at AS at
       FROM cases c
       JOIN score_sheets s ON s.case_id = c.id
       JOIN assessment_schemes sc ON sc.id = s.scheme_id
       JOIN orgs o ON o.id = c.org_id
       LEFT JOIN LATERAL (
             SELECT e.body, e.transition FROM case_events e
              WHERE e.case_id = c.id AND e.kind = 'transition'
              ORDER BY e.seq DESC LIMIT 1) r ON true
      WHERE c.case_type = 'score_sheet' AND ${inScope('c.org_path', 1)}
        AND ((c.status = 'draft' AND r.transition = 'return' AND s.scorer_path = $2)
          OR ($3::boolean AND c.status IN ('submitted', 'passed', 'appealed')))
      ORDER BY c.updated_at DESC, c.id DESC LIMIT 50`,
    [prefix, scorerPath, reviews],
  );
}

/** The newest revision of a subject's sheet of a scheme and period, if any (within the county). */
export async function latestRevision(q: Queryable, countyId: number, schemeId: number, subject: { kind: SubjectKind; id: number }, period: string) {
  const [row] = await q.query<{ id: number; revision: number; status: string }>(
    `SELECT c.id, s.revision, c.status FROM cases c JOIN score_sheets s ON s.case_id = c.id
      WHERE ${inCounty('c.county_id', 1)} AND s.scheme_id = $2 AND s.subject_kind = $3 AND s.subject_id = $4 AND s.period = $5
      ORDER BY s.revision DESC LIMIT 1`,
    [countyId, schemeId, subject.kind, subject.id, period],
  );
  return row;
}

/** The newest sheet of each subject of a scheme and month under the prefix (the scoring screen's "opened"). */
export async function sheetsBySubject(q: Queryable, prefix: string, schemeId: number, period: string): Promise<Map<number, number>> {
  const rows = await q.query<{ subject_id: number; id: number }>(
    `SELECT DISTINCT ON (s.subject_id) s.subject_id, c.id FROM cases c JOIN score_sheets s ON s.case_id = c.id
      WHERE c.case_type = 'score_sheet' AND ${inScope('c.org_path', 1)} AND s.scheme_id = $2 AND s.period = $3
      ORDER BY s.subject_id, s.revision DESC`,
    [prefix, schemeId, period],
  );
  return new Map(rows.map((r) => [Number(r.subject_id), Number(r.id)]));
}

export type SubjectSheetRow = { subject_id: number; sheet_id: number; period: string; year: number; scheme_name: string; status: string; total: number; max_total: number };

/**
 * The sheets that count in the results (published, appealed, locked; the newest revision of each
 * scheme, subject and month) of the given subjects of a kind, under the prefix.
 */
export async function subjectSheets(q: Queryable, prefix: string, kind: SubjectKind, ids: readonly number[]): Promise<SubjectSheetRow[]> {
  if (ids.length === 0) return [];
  return q.query<SubjectSheetRow>(
    `SELECT * FROM (
       SELECT DISTINCT ON (s.scheme_id, s.subject_id, s.period) s.subject_id, c.id AS sheet_id, s.period, sc.year, sc.name AS scheme_name, c.status,
              s.total::float8 AS total, s.max_total::float8 AS max_total
         FROM cases c JOIN score_sheets s ON s.case_id = c.id JOIN assessment_schemes sc ON sc.id = s.scheme_id
        WHERE c.case_type = 'score_sheet' AND ${inScope('c.org_path', 1)} AND s.subject_kind = $2 AND s.subject_id = ANY($3::bigint[])
          AND c.status IN ('published', 'appealed', 'locked')
        ORDER BY s.scheme_id, s.subject_id, s.period, s.revision DESC) x
      ORDER BY x.year, x.period, x.sheet_id`,
    [prefix, kind, ids],
  );
}

export type RankingRow = {
  project_id: number; title: string; org_id: number; org_name: string; township_id: number | null; township_name: string | null;
  sheet_id: number; score: number; vetoed: boolean; rank_county: number; tied: boolean;
};

/**
 * 年度评选: the county's projects scored on their year-end account in a year (the newest counting
 * revision of each; a project scored twice in the year by its average), ranked over the county —
 * equal scores share their place (并列, 1, 1, 3: no tie-break the county has not set) —, rows of the
 * prefix only.
 */
export async function projectRanking(q: Queryable, countyId: number, prefix: string, year: number): Promise<RankingRow[]> {
  return q.query<RankingRow>(
    `WITH latest AS (
       SELECT DISTINCT ON (s.scheme_id, s.subject_id, s.period) s.subject_id, c.id AS sheet_id, c.org_id, c.org_path, c.status,
              coalesce(s.subject_name, c.title) AS title, CASE WHEN s.max_total > 0 THEN s.total * 100 / s.max_total ELSE 0 END AS score, s.veto IS NOT NULL AS vetoed
         FROM cases c JOIN score_sheets s ON s.case_id = c.id JOIN assessment_schemes sc ON sc.id = s.scheme_id
        WHERE ${inCounty('c.county_id', 1)} AND c.case_type = 'score_sheet' AND s.subject_kind = 'project' AND sc.year = $3
          AND c.status IN ('published', 'appealed', 'locked')
        ORDER BY s.scheme_id, s.subject_id, s.period, s.revision DESC),
     per_project AS (
       SELECT l.subject_id, max(l.sheet_id) AS sheet_id, min(l.org_id) AS org_id, min(l.org_path) AS org_path, min(l.title) AS title,
              round(avg(l.score)::numeric, 1)::float8 AS score, bool_or(l.vetoed) AS vetoed
         FROM latest l GROUP BY l.subject_id),
     ranked AS (SELECT p.*, rank() OVER (ORDER BY p.score DESC)::int AS rank_county, count(*) OVER (PARTITION BY p.score) > 1 AS tied FROM per_project p)
     SELECT r.subject_id AS project_id, r.title, r.org_id, o.name AS org_name, t.id AS township_id, t.name AS township_name,
            r.sheet_id, r.score, r.vetoed, r.rank_county, r.tied
       FROM ranked r JOIN orgs o ON o.id = r.org_id
       LEFT JOIN LATERAL (SELECT x.id, x.name FROM orgs x WHERE x.id = ANY(string_to_array(trim(both '/' from r.org_path), '/')::bigint[]) AND x.type = 'township' LIMIT 1) t ON true
      WHERE ${inScope('r.org_path', 2)}
      ORDER BY r.rank_county, r.subject_id`,
    [countyId, prefix, year],
  );
}

export type EntryRow = { indicator_key: string; max_points: number; points: number | null; computed: boolean; evidence: string | null; basis: Basis | null };
export type Basis = { numerator: number; denominator: number; records: { kind: 'problem' | 'assignment' | 'request' | 'appraisal' | 'report_session' | 'research' | 'visit' | 'milestone'; ids: number[] } };

export async function entriesOf(q: Queryable, sheetId: number): Promise<EntryRow[]> {
  return q.query<EntryRow>(
    `SELECT indicator_key, max_points::float8 AS max_points, points::float8 AS points, computed, evidence, basis FROM score_entries WHERE sheet_id = $1`,
    [sheetId],
  );
}

export async function insertEntries(
  q: Queryable,
  sheetId: number,
  countyId: number,
  entries: { key: string; max: number; points: number | null; computed: boolean; evidence: string | null; basis: Basis | null }[],
): Promise<void> {
  if (entries.length === 0) return;
  await q.query(
    `INSERT INTO score_entries (sheet_id, county_id, indicator_key, max_points, points, computed, evidence, basis)
     SELECT $1, $2, k, m, p, c, e, b::jsonb
       FROM unnest($3::text[], $4::numeric[], $5::numeric[], $6::boolean[], $7::text[], $8::text[]) AS t(k, m, p, c, e, b)`,
    [sheetId, countyId, entries.map((e) => e.key), entries.map((e) => e.max), entries.map((e) => e.points), entries.map((e) => e.computed),
      entries.map((e) => e.evidence), entries.map((e) => (e.basis ? JSON.stringify(e.basis) : null))],
  );
}

export async function updateEntry(q: Queryable, sheetId: number, key: string, points: number | null, evidence: string | null, basis?: Basis | null): Promise<void> {
  await q.query(
    `UPDATE score_entries SET points = $3, evidence = $4, basis = CASE WHEN $5::boolean THEN $6::jsonb ELSE basis END WHERE sheet_id = $1 AND indicator_key = $2`,
    [sheetId, key, points, evidence, basis !== undefined, basis ? JSON.stringify(basis) : null],
  );
}

export async function setTotals(q: Queryable, sheetId: number, total: number, max: number, veto: Veto | null): Promise<void> {
  await q.query(`UPDATE score_sheets SET total = $2, max_total = $3, veto = $4::jsonb WHERE case_id = $1`, [sheetId, total, max, veto ? JSON.stringify(veto) : null]);
}

// ---- the appeal window (申诉期)

/** Sets the last day of the sheet's appeal window (at publishing). */
export async function setAppealUntil(q: Queryable, sheetId: number, until: string): Promise<void> {
  await q.query(`UPDATE score_sheets SET appeal_until = $2::date WHERE case_id = $1`, [sheetId, until]);
}

export type AppealRow = {
  reason: string; evidence: string; filed_by_name: string | null; filed_at: Date;
  decision: 'upheld' | 'rejected' | null; decision_reason: string | null; decided_at: Date | null; correction_id: number | null;
};

export async function insertAppeal(q: Queryable, a: { sheetId: number; countyId: number; reason: string; evidence: string; filedBy: number }): Promise<void> {
  await q.query(
    `INSERT INTO score_appeals (sheet_id, county_id, reason, evidence, filed_by) VALUES ($1, $2, $3, $4, $5)`,
    [a.sheetId, a.countyId, a.reason, a.evidence, a.filedBy || null],
  );
}

export async function decideAppeal(q: Queryable, sheetId: number, d: { decision: 'upheld' | 'rejected'; reason: string; decidedBy: number; correctionId: number | null }): Promise<void> {
  await q.query(
    `UPDATE score_appeals SET decision = $2, decision_reason = $3, decided_by = $4, decided_at = now(), correction_id = $5
      WHERE sheet_id = $1 AND decision IS NULL`,
    [sheetId, d.decision, d.reason, d.decidedBy || null, d.correctionId],
  );
}

/** The sheet's appeal (read after the sheet itself was read in scope). */
export async function appealOf(q: Queryable, sheetId: number): Promise<AppealRow | undefined> {
  const [row] = await q.query<AppealRow>(
    `SELECT a.reason, a.evidence, ac.display_name AS filed_by_name, a.filed_at, a.decision, a.decision_reason, a.decided_at, a.correction_id
       FROM score_appeals a LEFT JOIN accounts ac ON ac.id = a.filed_by WHERE a.sheet_id = $1`,
    [sheetId],
  );
  return row;
}

/** The evidence files of a sheet's appeal: the sheet's attachments whose timeline entry says they are for the appeal. */
export async function appealFiles(q: Queryable, sheetId: number): Promise<{ id: number; file_name: string; mime_type: string; size_bytes: number; created_at: Date }[]> {
  return q.query(
    `SELECT f.id, f.file_name, f.mime_type, f.size_bytes, f.created_at
       FROM attachments f JOIN case_events e ON e.id = f.event_id
      WHERE f.case_id = $1 AND e.data->>'purpose' = 'appeal' ORDER BY f.id`,
    [sheetId],
  );
}

/** Published sheets of every county whose appeal window ended before `today` (the hourly timer locks them). */
export async function sheetsPastAppeal(q: Queryable, today: string): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `${SYSTEM}SELECT c.id FROM cases c JOIN score_sheets s ON s.case_id = c.id
      WHERE c.case_type = 'score_sheet' AND c.status = 'published' AND s.appeal_until < $1::date ORDER BY c.id LIMIT 1000`,
    [today],
  );
  return rows.map((r) => Number(r.id));
}

export async function appealDays(q: Queryable, countyId: number): Promise<{ appeal_days: number; version: number } | undefined> {
  const [row] = await q.query<{ appeal_days: number; version: number }>(`SELECT appeal_days, version FROM assessment_settings WHERE county_id = $1`, [countyId]);
  return row;
}

/** Saves the county's settings at the version the county saw (0: none yet); false when it was stale. */
export async function saveAppealDays(q: Queryable, countyId: number, days: number, version: number): Promise<boolean> {
  const rows = version === 0
    ? await q.query(`INSERT INTO assessment_settings (county_id, appeal_days) VALUES ($1, $2) ON CONFLICT (county_id) DO NOTHING RETURNING county_id`, [countyId, days])
    : await q.query(`UPDATE assessment_settings SET appeal_days = $2, version = version + 1, updated_at = now() WHERE county_id = $1 AND version = $3 RETURNING county_id`, [countyId, days, version]);
  return rows.length === 1;
}

// ---- computed indicators: read-only over the shared case and dispatch tables, scoped to the unit's subtree

const CAP = 200;

type Counted = { denominator: number; numerator: number; ids: (number | string)[] | null };

/**
 * The unit-month's figures counted in SQL over every record (they were counted here over the first
 * 5,000 records a LIMIT let through: a unit-month with more got the figures of those only, silently),
 * with the first CAP record ids by id.
 */
const countedBasis = (kind: Basis['records']['kind'], r: Counted | undefined): Basis =>
  ({ numerator: Number(r?.numerator ?? 0), denominator: Number(r?.denominator ?? 0), records: { kind, ids: (r?.ids ?? []).map(Number) } });

/** 问题按期销号: the unit's problems due in the month, and which of them were closed by their deadline. */
export async function problemsClosedOnTime(q: Queryable, prefix: string, from: string, to: string): Promise<Basis> {
  const [row] = await q.query<Counted>(
    `SELECT count(*)::int AS denominator,
            count(*) FILTER (WHERE c.closed_at IS NOT NULL AND (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date <= c.deadline)::int AS numerator,
            (array_agg(c.id ORDER BY c.id))[1:${CAP}] AS ids
       FROM cases c
      WHERE c.case_type = 'problem' AND ${inScope('c.org_path', 1)} AND c.deadline >= $2::date AND c.deadline < $3::date`,
    [prefix, from, to],
  );
  return countedBasis('problem', row);
}

/** 任务按期上报: the unit's assignments due in the month, and which were reported by their due date. */
export async function reportsOnTime(q: Queryable, prefix: string, from: string, to: string): Promise<Basis> {
  const [row] = await q.query<Counted>(
    `SELECT count(*)::int AS denominator,
            count(*) FILTER (WHERE a.status = 'reported' AND NOT a.late)::int AS numerator,
            (array_agg(a.id ORDER BY a.id))[1:${CAP}] AS ids
       ${requestSql.from('a')}
      WHERE ${inScope('a.org_path', 1)} AND a.due_date >= $2::date AND a.due_date < $3::date`,
    [prefix, from, to],
  );
  return countedBasis('assignment', row);
}

type CountedRates = { n: number; responded: number; resolved: number; rated: number; satisfied: number; ids: (number | string)[] | null; rated_ids: (number | string)[] | null };

/** The rates' figures from their counts: 响应率 and 解决率 of every request, 满意率 of those rated. */
const ratesOf = (r: CountedRates | undefined): { response: Basis; resolve: Basis; satisfaction: Basis } => ({
  response: countedBasis('request', r && { numerator: r.responded, denominator: r.n, ids: r.ids }),
  resolve: countedBasis('request', r && { numerator: r.resolved, denominator: r.n, ids: r.ids }),
  satisfaction: countedBasis('request', r && { numerator: r.satisfied, denominator: r.rated, ids: r.rated_ids }),
});

/** The rates' counts over requests `c` joined to their rows `r`. */
const RATE_COUNTS = `count(*)::int AS n,
            count(*) FILTER (WHERE r.responded_at IS NOT NULL)::int AS responded,
            count(*) FILTER (WHERE coalesce(r.resolved, false))::int AS resolved,
            count(*) FILTER (WHERE r.rating IS NOT NULL)::int AS rated,
            count(*) FILTER (WHERE r.rating IS NOT NULL AND coalesce(r.rating IN ('satisfied', 'basic'), false))::int AS satisfied,
            (array_agg(c.id ORDER BY c.id))[1:${CAP}] AS ids,
            (array_agg(c.id ORDER BY c.id) FILTER (WHERE r.rating IS NOT NULL))[1:${CAP}] AS rated_ids`;

/** The three rates of citizen requests opened in the month (响应率, 解决率, 满意率 of those rated). */
export async function requestRates(q: Queryable, prefix: string, from: string, to: string): Promise<{ response: Basis; resolve: Basis; satisfaction: Basis }> {
  const [row] = await q.query<CountedRates>(
    `SELECT ${RATE_COUNTS}
       FROM cases c ${citizenRequestSql.join('r', 'c.id')}
      WHERE c.case_type = 'request' AND ${inScope('c.org_path', 1)}
        AND c.opened_at >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND c.opened_at < ($3::date::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    [prefix, from, to],
  );
  return ratesOf(row);
}

// ---- the same figures set-based: every unit of a list, every month of a span, one GROUP BY per source

/** `${unitId}|${period}` — a unit's month in the set-based answers. */
export const unitMonth = (unitId: number, period: string) => `${unitId}|${period}`;

type Grouped = Counted & { unit_id: number; period: string };

/**
 * A record counts for every listed unit on its path (the per-unit statements' `org_path LIKE unit
 * path%`), read here as the ids of the path joined to the list; `prefix` bounds the records read
 * (the caller's scope), `from`..`to` the span of whole months.
 */
const UNITS_ON_PATH = (pathCol: string) =>
  `CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from ${pathCol}), '/')::bigint[]) AS up(id)
   JOIN unnest($2::bigint[]) AS u(id) ON u.id = up.id`;

/** 问题按期销号 of every listed unit and month (as `problemsClosedOnTime` per unit): keyed by `unitMonth`; absent = no problem due. */
export async function problemsClosedOnTimeByUnit(q: Queryable, prefix: string, unitIds: readonly number[], from: string, to: string): Promise<Map<string, Basis>> {
  const rows = await q.query<Grouped>(
    `SELECT u.id AS unit_id, to_char(c.deadline, 'YYYY-MM') AS period, count(*)::int AS denominator,
            count(*) FILTER (WHERE c.closed_at IS NOT NULL AND (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date <= c.deadline)::int AS numerator,
            (array_agg(c.id ORDER BY c.id))[1:${CAP}] AS ids
       FROM cases c ${UNITS_ON_PATH('c.org_path')}
      WHERE c.case_type = 'problem' AND ${inScope('c.org_path', 1)} AND c.deadline >= $3::date AND c.deadline < $4::date
      GROUP BY 1, 2`,
    [prefix, unitIds, from, to],
  );
  return new Map(rows.map((r) => [unitMonth(Number(r.unit_id), r.period), countedBasis('problem', r)]));
}

/** 任务按期上报 of every listed unit and month (as `reportsOnTime` per unit). */
export async function reportsOnTimeByUnit(q: Queryable, prefix: string, unitIds: readonly number[], from: string, to: string): Promise<Map<string, Basis>> {
  const rows = await q.query<Grouped>(
    `SELECT u.id AS unit_id, to_char(a.due_date, 'YYYY-MM') AS period, count(*)::int AS denominator,
            count(*) FILTER (WHERE a.status = 'reported' AND NOT a.late)::int AS numerator,
            (array_agg(a.id ORDER BY a.id))[1:${CAP}] AS ids
       ${requestSql.from('a')} ${UNITS_ON_PATH('a.org_path')}
      WHERE ${inScope('a.org_path', 1)} AND a.due_date >= $3::date AND a.due_date < $4::date
      GROUP BY 1, 2`,
    [prefix, unitIds, from, to],
  );
  return new Map(rows.map((r) => [unitMonth(Number(r.unit_id), r.period), countedBasis('assignment', r)]));
}

export type RequestRates = { response: Basis; resolve: Basis; satisfaction: Basis };

/** The three request rates of every listed unit and month (as `requestRates` per unit; the month of opening in China's time). */
export async function requestRatesByUnit(q: Queryable, prefix: string, unitIds: readonly number[], from: string, to: string): Promise<Map<string, RequestRates>> {
  const rows = await q.query<CountedRates & { unit_id: number; period: string }>(
    `SELECT u.id AS unit_id, to_char(c.opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS period, ${RATE_COUNTS}
       FROM cases c ${citizenRequestSql.join('r', 'c.id')} ${UNITS_ON_PATH('c.org_path')}
      WHERE c.case_type = 'request' AND ${inScope('c.org_path', 1)}
        AND c.opened_at >= ($3::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND c.opened_at < ($4::date::timestamp AT TIME ZONE 'Asia/Shanghai')
      GROUP BY 1, 2`,
    [prefix, unitIds, from, to],
  );
  return new Map(rows.map((r) => [unitMonth(Number(r.unit_id), r.period), ratesOf(r)]));
}

// ---- results

export type ResultRow = {
  sheet_id: number;
  org_id: number;
  org_name: string;
  township_id: number | null;
  township_name: string | null;
  period: string;
  total: number;
  max_total: number;
  vetoed: boolean;
  rank_township: number;
  rank_county: number;
};

/**
 * The published sheets of a county's year (the newest revision of each unit and month that is
 * published, appealed or locked), ranked on a 100-point scale within their township and the county —
 * ranks over the whole county, rows only of the actor's subtree. Read from `assessment_result_rows`
 * (migration 530: that row per scheme, unit and month, kept by triggers on the sheets and their
 * cases, with the township on its path), not from the sheets: ≈ units × months rows of the
 * county's year through its index; the names are read here, as they are now.
 */
export async function results(q: Queryable, countyId: number, prefix: string, f: { year: number; period?: string; unitType?: string }): Promise<ResultRow[]> {
  const params: unknown[] = [countyId, prefix, f.year];
  const extra: string[] = [];
  if (f.period) extra.push(`l.period = $${params.push(f.period)}`);
  if (f.unitType) extra.push(`l.unit_type = $${params.push(f.unitType)}`);
  return q.query<ResultRow>(
    `WITH placed AS (
       SELECT l.sheet_id, l.org_id, l.org_path, l.period, l.total, l.max_total, l.vetoed, l.unit_type, t.id AS township_id, t.name AS township_name,
              CASE WHEN l.max_total > 0 THEN l.total * 100 / l.max_total ELSE 0 END AS score
         FROM assessment_result_rows l
         LEFT JOIN orgs t ON t.id = l.township_id AND t.type = 'township'
        WHERE ${inCounty('l.county_id', 1)} AND l.year = $3 ${extra.length ? `AND ${extra.join(' AND ')}` : ''}),
     ranked AS (
       SELECT p.*, rank() OVER (PARTITION BY p.period, p.unit_type, p.township_id ORDER BY p.score DESC)::int AS rank_township,
              rank() OVER (PARTITION BY p.period, p.unit_type ORDER BY p.score DESC)::int AS rank_county
         FROM placed p)
     SELECT r.sheet_id, r.org_id, o.name AS org_name, r.township_id, r.township_name, r.period, r.total, r.max_total, r.vetoed, r.rank_township, r.rank_county
       FROM ranked r JOIN orgs o ON o.id = r.org_id
      WHERE ${inScope('r.org_path', 2)}
      ORDER BY r.period DESC, r.rank_county, r.sheet_id`,
    params,
  );
}

/**
 * Whether the kept sums of the board (migration 540) hold a scope: the county's own path, or a path
 * one id below it (a township, a department) — the path's last or second-to-last id is the
 * county's. Deeper scopes (a station, a village: a few rows) are summed from the kept rows.
 */
export function summedScope(countyId: number, scopePath: string): boolean {
  const ids = scopePath.split('/').filter(Boolean);
  return ids.at(-1) === String(countyId) || ids.at(-2) === String(countyId);
}

export type TrendMonth = { period: string; sheets: number; score_tenths: number };

/**
 * The results board's months and trend: per month of the county's year with a counting sheet in
 * the scope (the newest counting revision of each unit, `assessment_result_rows`), the sheets and the
 * sum of their scores on the 100-point scale each rounded to a tenth, in tenths — an integer, so the
 * sum is exact whatever the order (the trend's average is its mean). For a county's or a township's
 * scope the ≈ 12 kept sums of `assessment_result_months` (migration 540), else the scope's kept rows.
 */
export async function resultTrend(q: Queryable, countyId: number, scopePath: string, f: { year: number; unitType?: string }): Promise<TrendMonth[]> {
  if (summedScope(countyId, scopePath)) {
    const params: unknown[] = [countyId, scopePath, f.year];
    const extra = f.unitType ? `AND m.unit_type = $${params.push(f.unitType)}` : '';
    return q.query<TrendMonth>(
      `SELECT m.period, sum(m.sheets)::int AS sheets, sum(m.score_tenths)::float8 AS score_tenths
         FROM assessment_result_months m
        WHERE ${inCounty('m.county_id', 1)} AND m.scope_path = $2 AND m.year = $3 ${extra}
        GROUP BY m.period
        ORDER BY m.period`,
      params,
    );
  }
  const params: unknown[] = [countyId, likePrefix(scopePath), f.year];
  const extra = f.unitType ? `AND l.unit_type = $${params.push(f.unitType)}` : '';
  return q.query<TrendMonth>(
    `SELECT l.period, count(*)::int AS sheets, sum(assessment_score_tenths(l.total, l.max_total))::float8 AS score_tenths
       FROM assessment_result_rows l
      WHERE ${inCounty('l.county_id', 1)} AND ${inScope('l.org_path', 2)} AND l.year = $3 ${extra}
      GROUP BY l.period
      ORDER BY l.period`,
    params,
  );
}

/**
 * Points lost per indicator (max − points) over the entries of the month's counting sheets in the
 * scope, the largest first (10): for a county's or a township's scope the kept sums of
 * `assessment_result_lost` (migration 540: ≈ 31 rows), else the entries of the scope's kept rows.
 * `sheets` is the entries summed (one per sheet and indicator).
 */
export async function pointsLost(
  q: Queryable,
  countyId: number,
  scopePath: string,
  f: { year: number; period: string; unitType?: string },
): Promise<{ key: string; lost: number; sheets: number; scheme_id: number }[]> {
  if (summedScope(countyId, scopePath)) {
    const params: unknown[] = [countyId, scopePath, f.year, f.period];
    const extra = f.unitType ? `AND l.unit_type = $${params.push(f.unitType)}` : '';
    return q.query(
      `SELECT l.indicator_key AS key, l.scheme_id, sum(l.lost)::float8 AS lost, sum(l.entries)::int AS sheets
         FROM assessment_result_lost l
        WHERE ${inCounty('l.county_id', 1)} AND l.scope_path = $2 AND l.year = $3 AND l.period = $4 ${extra}
        GROUP BY l.indicator_key, l.scheme_id
       HAVING sum(l.lost) > 0
        ORDER BY lost DESC, key, l.scheme_id LIMIT 10`,
      params,
    );
  }
  const params: unknown[] = [countyId, likePrefix(scopePath), f.year, f.period];
  const extra = f.unitType ? `AND l.unit_type = $${params.push(f.unitType)}` : '';
  return q.query(
    `SELECT e.indicator_key AS key, l.scheme_id, sum(e.max_points - coalesce(e.points, 0))::float8 AS lost, count(*)::int AS sheets
       FROM assessment_result_rows l
       JOIN score_entries e ON e.sheet_id = l.sheet_id
      WHERE ${inCounty('l.county_id', 1)} AND ${inScope('l.org_path', 2)} AND l.year = $3 AND l.period = $4 ${extra}
      GROUP BY e.indicator_key, l.scheme_id
     HAVING sum(e.max_points - coalesce(e.points, 0)) > 0
      ORDER BY lost DESC, key, l.scheme_id LIMIT 10`,
    params,
  );
}

// ---- allowance standards and the performance rule (county settings, keyed by county)

/** The table in force in `year`: the county's rows of that year, else of the latest earlier year (`year` of each row says which). */
export async function allowanceStandards(q: Queryable, countyId: number, year: number): Promise<{ year: number; unit_type: string; post: string; annual_fen: number }[]> {
  return q.query(
    `SELECT year, unit_type, post, annual_fen::float8 AS annual_fen FROM allowance_standards
      WHERE county_id = $1 AND year = (SELECT max(year) FROM allowance_standards WHERE county_id = $1 AND year <= $2) ORDER BY unit_type, post`,
    [countyId, year],
  );
}

/** Replaces the county's table of one year (the later years keep theirs). */
export async function replaceAllowanceStandards(q: Queryable, countyId: number, year: number, rows: { unitType: string; post: string; annualFen: number }[]) {
  await q.query(`DELETE FROM allowance_standards WHERE county_id = $1 AND year = $2`, [countyId, year]);
  await q.query(
    `INSERT INTO allowance_standards (county_id, year, unit_type, post, annual_fen)
     SELECT $1, $2, u, p, f FROM unnest($3::text[], $4::text[], $5::bigint[]) AS x(u, p, f)`,
    [countyId, year, rows.map((r) => r.unitType), rows.map((r) => r.post), rows.map((r) => r.annualFen)],
  );
}

export async function subsidyRule(q: Queryable, countyId: number): Promise<{ share_percent: number; grade_percent: Record<string, number> } | undefined> {
  const [row] = await q.query<{ share_percent: number; grade_percent: Record<string, number> }>(`SELECT share_percent, grade_percent FROM performance_subsidy_rules WHERE county_id = $1`, [countyId]);
  return row;
}

/** Who scores a sheet (the path of the scoring org), by its case's key. */
/** What the sheet workflow's guards read of a sheet: who scores it and until when it can be appealed. */
export async function sheetCaseOf(q: Queryable, caseId: number) {
  const [row] = await q.query<{ scorer_path: string; appeal_until: string | null }>(`SELECT scorer_path, appeal_until FROM score_sheets WHERE case_id = $1`, [caseId]);
  return row;
}

/** The active units of a type under the prefix (not the scorer's own org), with the org above each, in the tree's order. */
export async function unitsOfType(q: Queryable, prefix: string, type: string, ownPath: string) {
  return q.query<{ id: number; name: string; path: string; parent_name: string | null }>(
    `SELECT o.id, o.name, o.path, p.name AS parent_name FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
      WHERE ${inScope('o.path', 1)} AND o.type = $2 AND o.status = 'active' AND o.path <> $3
      ORDER BY o.path LIMIT 1000`,
    [prefix, type, ownPath],
  );
}
