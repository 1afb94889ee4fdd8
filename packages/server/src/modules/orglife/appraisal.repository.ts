// SQL of 评议与调研: 民主评议党员 (member_appraisals, scoped by the branch's path), 述职评议 sessions
// (report_sessions scoped by the holding unit's path; reports, ballots and ratings hang off them)
// and the 调查研究 rounds (cases of type 'research' with their own row).
import type { Queryable } from '../../db/db.js';
import { inScope, BY_KEY } from '../../core/scope.js';
import { personSql } from '../people/index.js';

// ---- 民主评议党员 ----

export type AppraisalRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string;
  person_id: number; person_name: string; year: number; grade: string; comment: string | null;
  followup_kind: string | null; followup_from: string | null; followup_due: string | null; followup_outcome: string | null; followup_done_on: string | null;
  version: number;
};

const APPRAISAL_SELECT = `
  SELECT a.id, a.county_id, a.org_id, a.org_path, o.name AS org_name, o.type AS org_type, a.person_id, p.name AS person_name, a.year, a.grade, a.comment,
         a.followup_kind, a.followup_from::text AS followup_from, a.followup_due::text AS followup_due, a.followup_outcome, a.followup_done_on::text AS followup_done_on, a.version
    FROM member_appraisals a JOIN orgs o ON o.id = a.org_id ${personSql.join('p', 'a.person_id')}`;

/** 基本合格 / 不合格 with no concluded follow-up. */
const FOLLOWUP_OPEN = `(a.grade IN ('basically_qualified', 'unqualified') AND a.followup_done_on IS NULL)`;

export async function findAppraisal(q: Queryable, like: string, id: number): Promise<AppraisalRow | undefined> {
  const [row] = await q.query<AppraisalRow>(`${APPRAISAL_SELECT} WHERE a.id = $1 AND ${inScope('a.org_path', 2)}`, [id, like]);
  return row;
}

export async function appraisalsByIds(q: Queryable, like: string, ids: number[]): Promise<AppraisalRow[]> {
  return q.query<AppraisalRow>(`${APPRAISAL_SELECT} WHERE a.id = ANY($1::bigint[]) AND ${inScope('a.org_path', 2)} ORDER BY p.name, a.id`, [ids, like]);
}

export type AppraisalFilter = { like: string; year: number | null; grade: string | null; followupOpen: boolean | null; page: number; pageSize: number };

export async function listAppraisals(q: Queryable, f: AppraisalFilter) {
  const where = `${inScope('a.org_path', 1)} AND ($2::int IS NULL OR a.year = $2) AND ($3::text IS NULL OR a.grade = $3)
    AND ($4::boolean IS NULL OR ${FOLLOWUP_OPEN} = $4)`;
  const params = [f.like, f.year, f.grade, f.followupOpen];
  const [head] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM member_appraisals a WHERE ${where}`, params);
  const rows = await q.query<AppraisalRow>(
    `${APPRAISAL_SELECT} WHERE ${where} ORDER BY a.year DESC, a.org_path, p.name, a.id LIMIT $5 OFFSET $6`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize],
  );
  return { rows, total: head?.n ?? 0 };
}

/** Members of the branch already graded in the year (any grade), and how many of them 优秀. */
export async function gradedInYear(q: Queryable, like: string, countyId: number, personIds: number[], year: number) {
  return q.query<{ person_id: number }>(
    `SELECT a.person_id FROM member_appraisals a WHERE a.county_id = $2 AND a.year = $3 AND a.person_id = ANY($4::bigint[]) AND ${inScope('a.org_path', 1)}`,
    [like, countyId, year, personIds],
  );
}

export async function excellentCount(q: Queryable, like: string, orgId: number, year: number, exceptId: number | null = null) {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM member_appraisals a
      WHERE a.org_id = $2 AND a.year = $3 AND a.grade = 'excellent' AND ($4::bigint IS NULL OR a.id <> $4) AND ${inScope('a.org_path', 1)}`,
    [like, orgId, year, exceptId],
  );
  return row?.n ?? 0;
}

export async function insertAppraisals(
  q: Queryable,
  a: { countyId: number; orgId: number; orgPath: string; year: number; createdBy: number | null; grades: { personId: number; grade: string; comment: string | null }[] },
): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO member_appraisals (county_id, org_id, org_path, year, created_by, person_id, grade, comment)
     SELECT $1, $2, $3, $4, $5, x.person_id, x.grade, x.comment FROM unnest($6::bigint[], $7::text[], $8::text[]) AS x(person_id, grade, comment)
     RETURNING id`,
    [a.countyId, a.orgId, a.orgPath, a.year, a.createdBy, a.grades.map((g) => g.personId), a.grades.map((g) => g.grade), a.grades.map((g) => g.comment)],
  );
  return rows.map((r) => Number(r.id));
}

/** A correction of the grade (the follow-up is cleared when the grade no longer needs one). */
export async function correctGrade(q: Queryable, id: number, version: number, grade: string): Promise<boolean> {
  const rows = await q.query<{ id: number }>(
    `${BY_KEY}UPDATE member_appraisals SET grade = $3, version = version + 1, updated_at = now(),
            followup_kind = CASE WHEN $3 IN ('basically_qualified', 'unqualified') THEN followup_kind END,
            followup_from = CASE WHEN $3 IN ('basically_qualified', 'unqualified') THEN followup_from END,
            followup_due = CASE WHEN $3 IN ('basically_qualified', 'unqualified') THEN followup_due END,
            followup_outcome = CASE WHEN $3 IN ('basically_qualified', 'unqualified') THEN followup_outcome END,
            followup_done_on = CASE WHEN $3 IN ('basically_qualified', 'unqualified') THEN followup_done_on END
      WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, grade],
  );
  return rows.length === 1;
}

export async function saveFollowup(q: Queryable, id: number, version: number, f: { kind: string; from: string; due: string; outcome: string | null; doneOn: string | null }): Promise<boolean> {
  const rows = await q.query<{ id: number }>(
    `${BY_KEY}UPDATE member_appraisals SET followup_kind = $3, followup_from = $4::date, followup_due = $5::date, followup_outcome = $6, followup_done_on = $7::date,
            version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, f.kind, f.from, f.due, f.outcome, f.doneOn],
  );
  return rows.length === 1;
}

export type GradeRollupRow = { child: string; appraised: number; excellent: number; qualified: number; basically_qualified: number; unqualified: number; followup_open: number };

/** Grades of a year per child of the org at `path` (child '' — the org itself is the branch). */
export async function gradeRollup(q: Queryable, like: string, path: string, year: number): Promise<GradeRollupRow[]> {
  return q.query<GradeRollupRow>(
    `SELECT split_part(substr(a.org_path, length($2::text) + 1), '/', 1) AS child, count(*)::int AS appraised,
            count(*) FILTER (WHERE a.grade = 'excellent')::int AS excellent, count(*) FILTER (WHERE a.grade = 'qualified')::int AS qualified,
            count(*) FILTER (WHERE a.grade = 'basically_qualified')::int AS basically_qualified, count(*) FILTER (WHERE a.grade = 'unqualified')::int AS unqualified,
            count(*) FILTER (WHERE ${FOLLOWUP_OPEN})::int AS followup_open
       FROM member_appraisals a WHERE ${inScope('a.org_path', 1)} AND a.year = $3
      GROUP BY 1 ORDER BY 1`,
    [like, path, year],
  );
}

/** For assessment: members graded 合格 or better over members graded, in the subtree and year. */
export async function qualifiedBasis(q: Queryable, like: string, year: number) {
  return q.query<{ id: number; ok: boolean }>(
    `SELECT a.id, a.grade IN ('excellent', 'qualified') AS ok FROM member_appraisals a
      WHERE ${inScope('a.org_path', 1)} AND a.year = $2 ORDER BY a.id LIMIT 5000`,
    [like, year],
  );
}

// ---- 述职评议 sessions ----

export type SessionRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; kind: string; held_on: string; year: number; place: string;
  participants: string | null; anonymous: boolean; reports: number; ballots: number;
};

const SESSION_SELECT = `
  SELECT s.id, s.county_id, s.org_id, s.org_path, o.name AS org_name, o.type AS org_type, s.kind, s.held_on::text AS held_on, s.year, s.place,
         s.participants, s.anonymous,
         (SELECT count(*)::int FROM session_reports r WHERE r.session_id = s.id) AS reports,
         (SELECT count(*)::int FROM session_ballots b WHERE b.session_id = s.id) AS ballots
    FROM report_sessions s JOIN orgs o ON o.id = s.org_id`;

export async function findSession(q: Queryable, like: string, id: number): Promise<SessionRow | undefined> {
  const [row] = await q.query<SessionRow>(`${SESSION_SELECT} WHERE s.id = $1 AND ${inScope('s.org_path', 2)}`, [id, like]);
  return row;
}

export async function listSessions(q: Queryable, f: { like: string; year: number | null; page: number; pageSize: number }) {
  const where = `${inScope('s.org_path', 1)} AND ($2::int IS NULL OR s.year = $2)`;
  const [head] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM report_sessions s WHERE ${where}`, [f.like, f.year]);
  const rows = await q.query<SessionRow>(`${SESSION_SELECT} WHERE ${where} ORDER BY s.held_on DESC, s.id DESC LIMIT $3 OFFSET $4`, [f.like, f.year, f.pageSize, (f.page - 1) * f.pageSize]);
  return { rows, total: head?.n ?? 0 };
}

export async function insertSession(
  q: Queryable,
  s: { countyId: number; orgId: number; orgPath: string; kind: string; heldOn: string; year: number; place: string; createdBy: number | null;
    participants: string | null; anonymous: boolean; reports: NewReport[] },
): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `WITH s AS (
       INSERT INTO report_sessions (county_id, org_id, org_path, kind, held_on, year, place, created_by, participants, anonymous)
       VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $16, $17) RETURNING id, county_id),
     r AS (
       INSERT INTO session_reports (session_id, county_id, post_id, person_id, person_name, post_role, reporter_org_id, reporter_path, summary)
       SELECT s.id, s.county_id, x.post_id, x.person_id, x.person_name, x.role, x.org_id, x.org_path, x.summary
         FROM s, unnest($9::bigint[], $10::bigint[], $11::text[], $12::text[], $13::bigint[], $14::text[], $15::text[]) AS x(post_id, person_id, person_name, role, org_id, org_path, summary))
     SELECT id FROM s`,
    [s.countyId, s.orgId, s.orgPath, s.kind, s.heldOn, s.year, s.place, s.createdBy,
      s.reports.map((r) => r.postId), s.reports.map((r) => r.personId), s.reports.map((r) => r.personName), s.reports.map((r) => r.role),
      s.reports.map((r) => r.orgId), s.reports.map((r) => r.orgPath), s.reports.map((r) => r.summary), s.participants, s.anonymous],
  );
  return Number(row!.id);
}

export type NewReport = { postId: number; personId: number; personName: string; role: string; orgId: number; orgPath: string; summary: string };

/** Locks a session's row (an edit and a ballot wait for each other) and answers its ballots so far. */
export async function lockSession(q: Queryable, id: number): Promise<number> {
  await q.query(`${BY_KEY}SELECT s.id FROM report_sessions s WHERE s.id = $1 FOR UPDATE`, [id]);
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM session_ballots b WHERE b.session_id = $1`, [id]);
  return row?.n ?? 0;
}

/** A session's date, place, participants and reports, replaced before its first ballot (no rating refers to a report yet). */
export async function updateSession(q: Queryable, id: number, s: { countyId: number; heldOn: string; place: string; participants: string | null; reports: NewReport[] }) {
  await q.query(`${BY_KEY}UPDATE report_sessions SET held_on = $2::date, place = $3, participants = $4 WHERE id = $1`, [id, s.heldOn, s.place, s.participants]);
  await q.query(`DELETE FROM session_reports WHERE session_id = $1`, [id]);
  await q.query(
    `INSERT INTO session_reports (session_id, county_id, post_id, person_id, person_name, post_role, reporter_org_id, reporter_path, summary)
     SELECT $1, $2, x.post_id, x.person_id, x.person_name, x.role, x.org_id, x.org_path, x.summary
       FROM unnest($3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[]) AS x(post_id, person_id, person_name, role, org_id, org_path, summary)`,
    [id, s.countyId, s.reports.map((r) => r.postId), s.reports.map((r) => r.personId), s.reports.map((r) => r.personName), s.reports.map((r) => r.role),
      s.reports.map((r) => r.orgId), s.reports.map((r) => r.orgPath), s.reports.map((r) => r.summary)],
  );
}

export type ReportRow = {
  id: number; post_id: number; person_id: number; person_name: string; post_role: string; org_id: number; org_name: string; org_type: string; summary: string;
  good: number; fairly_good: number; fair: number; poor: number;
};

/** The reports of a session (read after the session itself through a scoped statement) with their tallies. */
export async function reportsOf(q: Queryable, sessionId: number): Promise<ReportRow[]> {
  return q.query<ReportRow>(
    `${BY_KEY}SELECT r.id, r.post_id, r.person_id, r.person_name, r.post_role, r.reporter_org_id AS org_id, o.name AS org_name, o.type AS org_type, r.summary,
            count(x.rating) FILTER (WHERE x.rating = 'good')::int AS good, count(x.rating) FILTER (WHERE x.rating = 'fairly_good')::int AS fairly_good,
            count(x.rating) FILTER (WHERE x.rating = 'fair')::int AS fair, count(x.rating) FILTER (WHERE x.rating = 'poor')::int AS poor
       FROM session_reports r JOIN orgs o ON o.id = r.reporter_org_id LEFT JOIN session_ratings x ON x.report_id = r.id
      WHERE r.session_id = $1
      GROUP BY r.id, o.name, o.type ORDER BY r.id`,
    [sessionId],
  );
}

export async function ratersOf(q: Queryable, sessionId: number): Promise<string[]> {
  const rows = await q.query<{ rater: string }>(`SELECT b.rater FROM session_ballots b WHERE b.session_id = $1 AND b.rater IS NOT NULL ORDER BY b.id`, [sessionId]);
  return rows.map((r) => r.rater);
}

/** A ballot and its ratings; answers null when the rater already voted in the session. */
export async function insertBallot(q: Queryable, b: { sessionId: number; countyId: number; rater: string | null; createdBy: number | null; ratings: { reportId: number; rating: string }[] }): Promise<number | null> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO session_ballots (session_id, county_id, rater, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT (session_id, rater) DO NOTHING RETURNING id`,
    [b.sessionId, b.countyId, b.rater, b.createdBy],
  );
  if (!row) return null;
  await q.query(
    `INSERT INTO session_ratings (ballot_id, report_id, county_id, rating) SELECT $1, x.report_id, $2, x.rating FROM unnest($3::bigint[], $4::text[]) AS x(report_id, rating)`,
    [row.id, b.countyId, b.ratings.map((r) => r.reportId), b.ratings.map((r) => r.rating)],
  );
  return Number(row.id);
}

/** For assessment: the ratings given to reporters of the subtree in sessions of the year (好 and 较好 count as good). */
export async function ratingBasis(q: Queryable, like: string, year: number) {
  return q.query<{ id: number; ok: boolean }>(
    `SELECT s.id, x.rating IN ('good', 'fairly_good') AS ok
       FROM session_reports r JOIN report_sessions s ON s.id = r.session_id JOIN session_ratings x ON x.report_id = r.id
      WHERE ${inScope('r.reporter_path', 1)} AND s.year = $2 ORDER BY s.id LIMIT 20000`,
    [like, year],
  );
}

// ---- 调查研究 ----

export type ResearchRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; status: string; version: number;
  year: number; topic: string; village_ids: (number | string)[]; starts_on: string; ends_on: string; report: string | null; reported_on: string | null;
  grade: string | null; appraisal: string | null; return_comment: string | null;
};

const RESEARCH_SELECT = `
  SELECT c.id, c.county_id, c.org_id, c.org_path, o.name AS org_name, o.type AS org_type, c.status, c.version,
         r.year, r.topic, r.village_ids, r.starts_on::text AS starts_on, r.ends_on::text AS ends_on, r.report, r.reported_on::text AS reported_on, r.grade, r.appraisal,
         CASE WHEN c.status = 'returned' THEN (SELECT e.body FROM case_events e WHERE e.case_id = c.id AND e.transition = 'return' ORDER BY e.seq DESC LIMIT 1) END AS return_comment
    FROM cases c JOIN research_rounds r ON r.case_id = c.id JOIN orgs o ON o.id = c.org_id`;

export async function findResearch(q: Queryable, like: string, id: number): Promise<ResearchRow | undefined> {
  const [row] = await q.query<ResearchRow>(`${RESEARCH_SELECT} WHERE c.id = $1 AND c.case_type = 'research' AND ${inScope('c.org_path', 2)}`, [id, like]);
  return row;
}

export async function listResearch(q: Queryable, f: { like: string; year: number | null; status: string | null; page: number; pageSize: number }) {
  const where = `c.case_type = 'research' AND ${inScope('c.org_path', 1)} AND ($2::int IS NULL OR r.year = $2) AND ($3::text IS NULL OR c.status = $3)`;
  const params = [f.like, f.year, f.status];
  const [head] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c JOIN research_rounds r ON r.case_id = c.id WHERE ${where}`, params);
  const rows = await q.query<ResearchRow>(`${RESEARCH_SELECT} WHERE ${where} ORDER BY r.starts_on DESC, c.id DESC LIMIT $4 OFFSET $5`, [...params, f.pageSize, (f.page - 1) * f.pageSize]);
  return { rows, total: head?.n ?? 0 };
}

export async function filesOf(q: Queryable, caseId: number) {
  return q.query<{ id: number; file_name: string }>(`${BY_KEY}SELECT a.id, a.file_name FROM attachments a WHERE a.case_id = $1 ORDER BY a.id`, [caseId]);
}

export async function writeReport(q: Queryable, caseId: number, report: string, on: string) {
  await q.query(`${BY_KEY}UPDATE research_rounds SET report = $2, reported_on = $3::date WHERE case_id = $1`, [caseId, report, on]);
}

export async function writeAppraisal(q: Queryable, caseId: number, grade: string, appraisal: string | null) {
  await q.query(`${BY_KEY}UPDATE research_rounds SET grade = $2, appraisal = $3 WHERE case_id = $1`, [caseId, grade, appraisal]);
}

export type ResearchBoardRow = { id: number; name: string; type: string; township: string; planned: number; reported: number; appraised: number };

/** Every active station under the prefix with its rounds of the year: planned (any), reported or appraised, appraised. */
export async function researchBoard(q: Queryable, like: string, year: number): Promise<ResearchBoardRow[]> {
  return q.query<ResearchBoardRow>(
    `WITH st AS (SELECT o.id, o.name, o.type, o.parent_id FROM orgs o WHERE o.type = 'station' AND o.status = 'active' AND ${inScope('o.path', 1)}),
          rr AS (
            SELECT c.org_id, count(*)::int AS planned,
                   count(*) FILTER (WHERE c.status IN ('reported', 'appraised'))::int AS reported,
                   count(*) FILTER (WHERE c.status = 'appraised')::int AS appraised
              FROM cases c JOIN research_rounds r ON r.case_id = c.id
             WHERE c.case_type = 'research' AND ${inScope('c.org_path', 1)} AND r.year = $2
             GROUP BY c.org_id)
     SELECT st.id, st.name, st.type, coalesce(t.name, '') AS township, coalesce(rr.planned, 0) AS planned, coalesce(rr.reported, 0) AS reported, coalesce(rr.appraised, 0) AS appraised
       FROM st LEFT JOIN rr ON rr.org_id = st.id LEFT JOIN orgs t ON t.id = st.parent_id
      ORDER BY coalesce(rr.reported, 0), st.id`,
    [like, year],
  );
}

/** Home: reports below the township waiting for its appraisal. */
export async function researchToAppraise(q: Queryable, like: string, path: string) {
  return q.query<{ id: number; title: string; org: string; at: Date }>(
    `SELECT c.id, c.title, o.name AS org, c.updated_at AS at FROM cases c JOIN orgs o ON o.id = c.org_id
      WHERE c.case_type = 'research' AND c.status = 'reported' AND ${inScope('c.org_path', 1)} AND c.org_path <> $2::text
      ORDER BY c.id DESC LIMIT 50`,
    [like, path],
  );
}

/** For assessment: a station's rounds reported (or appraised) in the year. */
export async function reportedRounds(q: Queryable, like: string, year: number) {
  return q.query<{ id: number }>(
    `SELECT c.id FROM cases c JOIN research_rounds r ON r.case_id = c.id
      WHERE c.case_type = 'research' AND c.status IN ('reported', 'appraised') AND r.year = $2 AND ${inScope('c.org_path', 1)} ORDER BY c.id`,
    [like, year],
  );
}
