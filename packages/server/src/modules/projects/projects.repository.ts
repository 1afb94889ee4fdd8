// SQL of 项目化推进: the project's own row, its people, milestones, monthly report keys and links;
// the list, the board and the matrix. The monthly reports themselves are the dispatch engine's
// requests: the counts here read their state by the keys this module kept, through the SQL the
// dispatch module offers at its front door (`requestSql`), so this file never names its table
// (one statement per page or board, so the board stays one round trip — bench/ measures it).
import { prepared, type Queryable } from '../../db/db.js';
import { likePrefix, type Scope } from '../../core/access.js';
import { inScope, BY_KEY, SYSTEM } from '../../core/scope.js';
import { casePage } from '../../core/cases/case-page.js';
import './project.case.js';
import { requestSql as rq } from '../dispatch/index.js';

export type ProjectDbRow = {
  id: number; version: number; title: string; status: string; county_id: number; org_id: number; org_name: string; org_type: string; org_path: string;
  year: number; aim: string; class: string; description: string; leader_post_id: number | null; budget_fen: string | number;
  sending_unit: string | null; sending_org_id: number | null; sending_org_name: string | null; sending_org_type: string | null;
  carried_from: number | null; carried_to: number | null; year_score: string | null; year_grade: string | null; year_source: 'committee' | 'assessment' | null; year_summary: string | null; excellent: boolean;
  ms_total: number; ms_done: number; ms_overdue: number; r_answered: number; r_late: number; r_answered_late: number; r_pending: number;
};

/** A report is late when it is not answered and its due date has passed (`$2` is today). */
const COUNTS = `
  (SELECT count(*)::int FROM project_milestones m WHERE m.project_id = c.id) AS ms_total,
  (SELECT count(*)::int FROM project_milestones m WHERE m.project_id = c.id AND m.done_on IS NOT NULL) AS ms_done,
  (SELECT count(*)::int FROM project_milestones m WHERE m.project_id = c.id AND m.done_on IS NULL AND m.due_on < $2::date) AS ms_overdue,
  (SELECT count(*) FILTER (WHERE ${rq.answered('a')})::int FROM project_reports r ${rq.join('a', 'r.assignment_id')} WHERE r.project_id = c.id) AS r_answered,
  (SELECT count(*) FILTER (WHERE ${rq.late('a', '$2::date')})::int FROM project_reports r ${rq.join('a', 'r.assignment_id')} WHERE r.project_id = c.id) AS r_late,
  (SELECT count(*) FILTER (WHERE ${rq.answeredLate('a')})::int FROM project_reports r ${rq.join('a', 'r.assignment_id')} WHERE r.project_id = c.id) AS r_answered_late,
  (SELECT count(*) FILTER (WHERE ${rq.waiting('a', '$2::date')})::int FROM project_reports r ${rq.join('a', 'r.assignment_id')} WHERE r.project_id = c.id) AS r_pending`;

const ROW_SELECT = `SELECT c.id, c.version, c.title, c.status, c.county_id, c.org_id, o.name AS org_name, o.type AS org_type, c.org_path,
    p.year, p.aim, p.class, p.description, p.leader_post_id, p.budget_fen, p.sending_unit, p.sending_org_id, so.name AS sending_org_name, so.type AS sending_org_type,
    p.carried_from, (SELECT x.case_id FROM projects x WHERE x.carried_from = c.id) AS carried_to, p.year_score, p.year_grade, p.year_source, p.year_summary, p.excellent,
    ${COUNTS}
  FROM cases c JOIN projects p ON p.case_id = c.id JOIN orgs o ON o.id = c.org_id LEFT JOIN orgs so ON so.id = p.sending_org_id`;

const ROWS_BY_ID = prepared(`${BY_KEY}${ROW_SELECT} WHERE c.id = ANY($1::bigint[]) ORDER BY c.id DESC`);

export async function rowsById(q: Queryable, ids: readonly number[], today: string): Promise<ProjectDbRow[]> {
  if (ids.length === 0) return [];
  return q.query<ProjectDbRow>(ROWS_BY_ID, [ids, today]);
}

export async function findProject(q: Queryable, scope: Scope, id: number, today: string): Promise<ProjectDbRow | undefined> {
  const [row] = await q.query<ProjectDbRow>(`${ROW_SELECT} WHERE c.id = $1 AND c.case_type = 'project' AND ${inScope('c.org_path', 3)}`, [id, today, likePrefix(scope.path)]);
  return row;
}

export type ProjectFilter = {
  rootPath: string; year?: number; aim?: string; class?: string; status?: string; assistance?: 'yes' | 'no'; late?: boolean; overdue?: boolean; excellent?: boolean; today: string;
};

export async function listProjects(q: Queryable, f: ProjectFilter, page: number, pageSize: number) {
  const params: unknown[] = [likePrefix(f.rootPath)];
  const param = (v: unknown) => `$${params.push(v)}`;
  const where = [`c.case_type = 'project'`, inScope('c.org_path', 1)];
  if (f.year !== undefined) where.push(`p.year = ${param(f.year)}`);
  if (f.aim) where.push(`p.aim = ${param(f.aim)}`);
  if (f.class) where.push(`p.class = ${param(f.class)}`);
  if (f.status) where.push(`c.status = ${param(f.status)}`);
  if (f.assistance === 'yes') where.push(`(p.sending_unit IS NOT NULL OR p.sending_org_id IS NOT NULL)`);
  if (f.assistance === 'no') where.push(`p.sending_unit IS NULL AND p.sending_org_id IS NULL`);
  if (f.excellent !== undefined) where.push(`p.excellent = ${param(f.excellent)}`);
  if (f.late !== undefined) {
    where.push(`${f.late ? '' : 'NOT '}EXISTS (SELECT 1 FROM project_reports r ${rq.join('a', 'r.assignment_id')}
      WHERE r.project_id = c.id AND ${rq.late('a', `${param(f.today)}::date`)})`);
  }
  if (f.overdue !== undefined) {
    where.push(`${f.overdue ? '' : 'NOT '}EXISTS (SELECT 1 FROM project_milestones m WHERE m.project_id = c.id AND m.done_on IS NULL AND m.due_on < ${param(f.today)}::date)`);
  }
  const from = `FROM cases c JOIN projects p ON p.case_id = c.id WHERE ${where.join(' AND ')}`;
  const head = await casePage<{ id: number }>(q, from, params, page, pageSize, prepared(`${BY_KEY}SELECT c.id FROM cases c WHERE c.id = ANY($1::bigint[])`));
  return { ids: head.rows.map((r) => Number(r.id)), total: head.total };
}

export function insertPeople(q: Queryable, projectId: number, countyId: number, rows: { kind: 'undertaker' | 'member'; postId: number | null; personId: number; role: string; claimedOn: string }[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return q.query(
    `INSERT INTO project_people (project_id, county_id, kind, post_id, person_id, role, claimed_on)
     SELECT $1, $2, k, NULLIF(pid, 0), per, r, d FROM unnest($3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::date[]) AS t(k, pid, per, r, d)
     ON CONFLICT (project_id, kind, person_id) DO NOTHING`,
    [projectId, countyId, rows.map((r) => r.kind), rows.map((r) => r.postId ?? 0), rows.map((r) => r.personId), rows.map((r) => r.role), rows.map((r) => r.claimedOn)],
  );
}

export function deleteUndertakers(q: Queryable, projectId: number) {
  return q.query(`${BY_KEY}DELETE FROM project_people WHERE project_id = $1 AND kind = 'undertaker'`, [projectId]);
}

export function peopleOf(q: Queryable, projectId: number) {
  return q.query<{ id: number; kind: 'undertaker' | 'member'; post_id: number | null; person_id: number; role: string; claimed_on: string }>(
    `${BY_KEY}SELECT id, kind, post_id, person_id, role, to_char(claimed_on, 'YYYY-MM-DD') AS claimed_on FROM project_people WHERE project_id = $1 ORDER BY kind DESC, id`,
    [projectId],
  );
}

export function insertMilestones(q: Queryable, projectId: number, countyId: number, rows: { title: string; dueOn: string }[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return q.query(
    `INSERT INTO project_milestones (project_id, county_id, title, due_on) SELECT $1, $2, t, d FROM unnest($3::text[], $4::date[]) AS x(t, d)`,
    [projectId, countyId, rows.map((r) => r.title), rows.map((r) => r.dueOn)],
  );
}

export type MilestoneDbRow = { id: number; title: string; due_on: string; done_on: string | null; note: string | null; version: number };
export function milestonesOf(q: Queryable, projectId: number) {
  return q.query<MilestoneDbRow>(
    `${BY_KEY}SELECT id, title, to_char(due_on, 'YYYY-MM-DD') AS due_on, to_char(done_on, 'YYYY-MM-DD') AS done_on, note, version
       FROM project_milestones WHERE project_id = $1 ORDER BY due_on, id`,
    [projectId],
  );
}

export async function markMilestoneDone(q: Queryable, projectId: number, id: number, version: number, doneOn: string, note: string) {
  const rows = await q.query<{ id: number }>(
    `${BY_KEY}UPDATE project_milestones SET done_on = $4, note = $5, version = version + 1
      WHERE id = $2 AND project_id = $1 AND version = $3 AND done_on IS NULL RETURNING id`,
    [projectId, id, version, doneOn, note],
  );
  return rows.length > 0;
}

export function findMilestone(q: Queryable, projectId: number, id: number) {
  return q.query<MilestoneDbRow>(
    `${BY_KEY}SELECT id, title, to_char(due_on, 'YYYY-MM-DD') AS due_on, to_char(done_on, 'YYYY-MM-DD') AS done_on, note, version FROM project_milestones WHERE project_id = $1 AND id = $2`,
    [projectId, id],
  ).then((r) => r[0]);
}

export async function insertProjectRowExtra(q: Queryable, projectId: number, v: Record<string, unknown>) {
  const cols = Object.keys(v);
  if (cols.length === 0) return;
  await q.query(`${BY_KEY}UPDATE projects SET ${cols.map((k, i) => `${k} = $${i + 2}`).join(', ')} WHERE case_id = $1`, [projectId, ...cols.map((k) => v[k])]);
}


export function reportsOf(q: Queryable, projectId: number) {
  return q.query<{ period: string; directive_id: number; assignment_id: number }>(
    `${BY_KEY}SELECT period, directive_id, assignment_id FROM project_reports WHERE project_id = $1 ORDER BY period`,
    [projectId],
  );
}

export function insertReport(q: Queryable, r: { projectId: number; period: string; countyId: number; directiveId: number; assignmentId: number }) {
  return q.query(
    `INSERT INTO project_reports (project_id, period, county_id, directive_id, assignment_id) VALUES ($1, $2, $3, $4, $5)`,
    [r.projectId, r.period, r.countyId, r.directiveId, r.assignmentId],
  );
}

export function hasReport(q: Queryable, projectId: number, period: string) {
  return q.query<{ one: number }>(`${BY_KEY}SELECT 1 AS one FROM project_reports WHERE project_id = $1 AND period = $2`, [projectId, period]).then((r) => r.length > 0);
}

/** The job's cross-scope read: every project in progress still without a request for the period. */
export function dueForReport(q: Queryable, period: string, projectId?: number) {
  return q.query<{ id: number; county_id: number; org_id: number; org_path: string; title: string }>(
    `${SYSTEM}SELECT c.id, c.county_id, c.org_id, c.org_path, c.title FROM cases c
      WHERE c.case_type = 'project' AND c.status = 'in_progress' ${projectId ? 'AND c.id = $2' : ''}
        AND NOT EXISTS (SELECT 1 FROM project_reports r WHERE r.project_id = c.id AND r.period = $1)
      ORDER BY c.id`,
    projectId ? [period, projectId] : [period],
  );
}

export function lockCase(q: Queryable, id: number) {
  return q.query<{ status: string }>(`${BY_KEY}SELECT status FROM cases WHERE id = $1 FOR UPDATE`, [id]).then((r) => r[0]);
}

export function linksOf(q: Queryable, projectId: number) {
  return q.query<{ id: number; kind: 'inspection' | 'accountability'; ref_id: number }>(
    `${BY_KEY}SELECT id, kind, ref_id FROM project_links WHERE project_id = $1 ORDER BY id`,
    [projectId],
  );
}

export async function insertLink(q: Queryable, l: { projectId: number; countyId: number; kind: string; refId: number; createdBy: number }) {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO project_links (project_id, county_id, kind, ref_id, created_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
    [l.projectId, l.countyId, l.kind, l.refId, l.createdBy],
  );
  return rows.length > 0;
}

export async function reportDayOf(q: Queryable, countyId: number): Promise<number | undefined> {
  const [row] = await q.query<{ report_day: number }>(`SELECT report_day FROM project_settings WHERE county_id = $1`, [countyId]);
  return row?.report_day;
}

export function saveReportDay(q: Queryable, countyId: number, day: number) {
  return q.query(
    `INSERT INTO project_settings (county_id, report_day) VALUES ($1, $2) ON CONFLICT (county_id) DO UPDATE SET report_day = EXCLUDED.report_day, updated_at = now()`,
    [countyId, day],
  );
}

export type BoardCountRow = { child: number | null; projects: number; in_progress: number; late: number; overdue: number };
export type BoardLateRow = { project_id: number; title: string; org_id: number; org_name: string; org_type: string; period: string; due_on: string; assignment_id: number };
export type BoardOverdueRow = { project_id: number; title: string; org_id: number; org_name: string; org_type: string; milestone: string; due_on: string };

/**
 * The board in one statement (GET /api/projects/board): per org directly below `root` (and the root
 * itself, its own projects), over the year's projects of the subtree — projects, in progress, late
 * reports (unanswered past due) and overdue milestones — and the two lists, the longest late or
 * overdue first (100 each). It reads only what the database keeps for it (migration 520):
 * - the year's projects of the subtree, `project_board_rows` (each project's county, year, unit, path,
 *   title and status) on its county-and-year index, counted per child;
 * - `due`, what of them fell due before today and is still open: `project_board_due` (each report not
 *   answered, each milestone not done, with its date and its project's unit, path and title) on its
 *   county, year and date index. Late and overdue are that comparison with today: a new day needs no
 *   write.
 * No set is joined to another (the counts are one grouping of both sources' rows, each with its own
 * path; the lists take the first 100 of `due` and look up their units by key), so no plan depends on
 * how many projects the planner expects — which lets the statement be prepared: its text does not
 * vary with the root (the child's position in the path is `$5`), and PostgreSQL's generic plan after
 * five runs (which believes a `LIKE $1` subtree holds one project) is as good as the custom ones.
 * Before 2026-12-05 (tenth session) it read each project's case by key and the dispatch engine's
 * requests per unit, planned on every request (docs/decisions.md).
 */
const BOARD = prepared(`WITH due AS MATERIALIZED (
       SELECT d.project_id, d.kind, d.ref_id, d.label, d.due_on, d.title, d.org_id, NULLIF(split_part(d.org_path, '/', $5::int), '')::bigint AS child
         FROM project_board_due d WHERE d.county_id = $4 AND d.year = $2 AND d.due_on < $3::date AND ${inScope('d.org_path', 1)})
     SELECT
       (SELECT COALESCE(json_agg(x), '[]') FROM (
          SELECT u.child, sum(u.p)::int AS projects, sum(u.ip)::int AS in_progress, sum(u.l)::int AS late, sum(u.o)::int AS overdue
            FROM (SELECT NULLIF(split_part(b.org_path, '/', $5::int), '')::bigint AS child, 1 AS p, (b.status = 'in_progress')::int AS ip, 0 AS l, 0 AS o
                    FROM project_board_rows b WHERE b.county_id = $4 AND b.year = $2 AND ${inScope('b.org_path', 1)}
                  UNION ALL
                  SELECT due.child, 0, 0, (due.kind = 'report')::int, (due.kind = 'milestone')::int FROM due) u
           GROUP BY u.child) x) AS counts,
       (SELECT COALESCE(json_agg(x ORDER BY x.due_on, x.project_id), '[]') FROM (
          SELECT d.project_id, d.title, d.org_id, o.name AS org_name, o.type AS org_type, d.label AS period, to_char(d.due_on, 'YYYY-MM-DD') AS due_on, d.ref_id AS assignment_id
            FROM (SELECT * FROM due WHERE due.kind = 'report' ORDER BY due.due_on, due.project_id LIMIT 100) d JOIN orgs o ON o.id = d.org_id) x) AS late,
       (SELECT COALESCE(json_agg(x ORDER BY x.due_on, x.project_id), '[]') FROM (
          SELECT d.project_id, d.title, d.org_id, o.name AS org_name, o.type AS org_type, d.label AS milestone, to_char(d.due_on, 'YYYY-MM-DD') AS due_on
            FROM (SELECT * FROM due WHERE due.kind = 'milestone' ORDER BY due.due_on, due.project_id LIMIT 100) d JOIN orgs o ON o.id = d.org_id) x) AS overdue`);

export async function boardOf(q: Queryable, root: { path: string; countyId: number }, year: number, today: string): Promise<{ counts: BoardCountRow[]; late: BoardLateRow[]; overdue: BoardOverdueRow[] }> {
  const childPart = root.path.split('/').filter(Boolean).length + 2;
  const [row] = await q.query<{ counts: BoardCountRow[]; late: BoardLateRow[]; overdue: BoardOverdueRow[] }>(BOARD, [likePrefix(root.path), year, today, root.countyId, childPart]);
  return row!;
}

export function matrix(q: Queryable, rootPath: string, year: number, assistance?: 'yes' | 'no') {
  const assist = assistance === 'yes' ? 'AND (p.sending_unit IS NOT NULL OR p.sending_org_id IS NOT NULL)'
    : assistance === 'no' ? 'AND p.sending_unit IS NULL AND p.sending_org_id IS NULL' : '';
  return q.query<{ aim: string; class: string; n: number }>(
    `SELECT p.aim, p.class, count(*)::int AS n FROM cases c JOIN projects p ON p.case_id = c.id
      WHERE c.case_type = 'project' AND ${inScope('c.org_path', 1)} AND p.year = $2 ${assist} GROUP BY p.aim, p.class`,
    [likePrefix(rootPath), year],
  );
}

/** 工作台: milestones of the unit's own projects due within 7 days or overdue. */
export function milestonesDueFor(q: Queryable, scope: Scope, today: string, until: string) {
  return q.query<{ project_id: number; title: string; org_name: string; milestone: string; due_on: string; opened_at: Date }>(
    `SELECT c.id AS project_id, c.title, o.name AS org_name, m.title AS milestone, to_char(m.due_on, 'YYYY-MM-DD') AS due_on, c.opened_at
       FROM cases c JOIN project_milestones m ON m.project_id = c.id JOIN orgs o ON o.id = c.org_id
      WHERE c.case_type = 'project' AND ${inScope('c.org_path', 1)} AND c.org_id = $2 AND c.status IN ('approved', 'in_progress')
        AND m.done_on IS NULL AND m.due_on <= $3::date
      ORDER BY m.due_on LIMIT 50`,
    [likePrefix(scope.path), scope.orgId, until],
  ).then((rows) => rows.map((r) => ({ ...r, overdue: r.due_on < today })));
}

/** An edit of the plan moves the project's version (a stale form answers 412); the title moves with it. */
export function bumpVersion(q: Queryable, projectId: number, title: string | null) {
  return q.query(`${BY_KEY}UPDATE cases SET version = version + 1, title = COALESCE($2, title), updated_at = now() WHERE id = $1`, [projectId, title]);
}

/** A project's own row (its plan), by its case's key. */
export async function planOf(q: Queryable, caseId: number) {
  const [row] = await q.query<{ year: number; aim: string; class: string; description: string; leader_post_id: number | null; budget_fen: number; sending_unit: string | null; sending_org_id: number | null }>(
    `SELECT year, aim, class, description, leader_post_id, budget_fen, sending_unit, sending_org_id FROM projects WHERE case_id = $1`, [caseId],
  );
  return row;
}

// ---- for assessment (年交账考核): the records behind a project's computed indicators

/** The project's milestones due on or before `until`, each done by its date or not. */
export async function milestonesOnTime(q: Queryable, projectId: number, until: string) {
  return q.query<{ id: number; on_time: boolean }>(
    `${BY_KEY}SELECT m.id, (m.done_on IS NOT NULL AND m.done_on <= m.due_on) AS on_time
       FROM project_milestones m WHERE m.project_id = $1 AND m.due_on <= $2::date ORDER BY m.due_on, m.id`,
    [projectId, until],
  );
}

/** The project's monthly reports due on or before `until`, each answered by its due date or not. */
export async function reportsOnTime(q: Queryable, projectId: number, until: string) {
  return q.query<{ id: number; on_time: boolean }>(
    `${BY_KEY}SELECT ${rq.id('a')} AS id, (${rq.answered('a')} AND NOT (${rq.answeredLate('a')})) AS on_time
       FROM project_reports r ${rq.join('a', 'r.assignment_id')}
      WHERE r.project_id = $1 AND ${rq.dueDate('a')} <= $2::date ORDER BY ${rq.dueDate('a')}, a.id`,
    [projectId, until],
  );
}
