// The only SQL of the cadres module: member development (its own rows beside the cases) and the
// county's development path. Persons, posts and the reserve pool are the people module's.
import { DEVELOPMENT_WARN_DAYS } from '@lianxin/contract';
import type { Queryable } from '../../db/db.js';
import { likePrefix, type Scope } from '../../core/access.js';
import { inCounty, inScope } from '../../core/scope.js';
import type { OwnRow } from '../../core/cases/case-engine.js';
import { personSql } from '../people/index.js';

export type DevelopmentDbRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; status: string; version: number;
  person_id: number; person_name: string; applied_on: string; activist_on: string | null; target_on: string | null;
  admitted_on: string | null; full_on: string | null; training_on: string | null;
  path_edition: number | null; cfg: unknown; due_on: string | null; warning: 'overdue' | 'due_soon' | null;
};

/**
 * A development with the rules it follows (its edition's config, or the national default passed as
 * `$nat`) and its next step's time limit: the previous step's date + the step's dueMonths, warned
 * from warnDays before it (`$today`). Computed on every read, so the board, its filter, its counts
 * and the 工作台 are one expression.
 */
const select = (nat: number, today: number) => `SELECT c.id, c.county_id, c.org_id, c.org_path, o.name AS org_name, o.type AS org_type, c.status, c.version,
         d.person_id, pe.name AS person_name, d.applied_on, d.activist_on, d.target_on, d.admitted_on, d.full_on, d.training_on,
         d.path_edition, s.cfg, x.due_on,
         CASE WHEN x.due_on IS NULL THEN NULL WHEN x.due_on < $${today}::date THEN 'overdue'
              WHEN x.due_on <= $${today}::date + x.warn_days THEN 'due_soon' END AS warning
    FROM cases c JOIN member_developments d ON d.case_id = c.id JOIN orgs o ON o.id = c.org_id ${personSql.join('pe', 'd.person_id')}
    LEFT JOIN development_path_editions e ON e.county_id = d.county_id AND e.edition = d.path_edition
   CROSS JOIN LATERAL (
     SELECT coalesce(e.config, $${nat}::jsonb) AS cfg,
            CASE c.status WHEN 'applicant' THEN 'make_activist' WHEN 'activist' THEN 'make_target' WHEN 'target' THEN 'admit' WHEN 'probationary' THEN 'make_full' END AS step,
            CASE c.status WHEN 'applicant' THEN d.applied_on WHEN 'activist' THEN d.activist_on WHEN 'target' THEN d.target_on WHEN 'probationary' THEN d.admitted_on END AS prev_on
   ) s
   CROSS JOIN LATERAL (
     SELECT (s.prev_on + make_interval(months => (s.cfg->'steps'->s.step->>'dueMonths')::int))::date AS due_on,
            coalesce((s.cfg->>'warnDays')::int, ${DEVELOPMENT_WARN_DAYS}) AS warn_days
   ) x`;

/** The own row a development case opens with: the person and the county's path edition in force (null: national). */
export function developmentRow(d: { countyId: number; personId: number; appliedOn: string; pathEdition: number | null }): OwnRow {
  return { table: 'member_developments', values: { county_id: d.countyId, person_id: d.personId, applied_on: d.appliedOn, path_edition: d.pathEdition } };
}

export async function listDevelopments(
  q: Queryable, scope: Scope, national: unknown, today: string,
  f: { rootPath: string; status?: string; warning?: string; page: number; pageSize: number },
) {
  const params: unknown[] = [likePrefix(f.rootPath.startsWith(scope.path) ? f.rootPath : scope.path), JSON.stringify(national), today];
  let where = `${inScope('c.org_path', 1)} AND c.case_type = 'development'`;
  if (f.status) {
    params.push(f.status);
    where += ` AND c.status = $${params.length}`;
  }
  // the warning filter narrows the page and its total, not the warning counts beside them
  let narrow = 'true';
  if (f.warning) {
    params.push(f.warning);
    narrow = `w.warning = $${params.length}`;
  }
  const [rows, [count]] = await Promise.all([
    q.query<DevelopmentDbRow>(
      `SELECT * FROM (${select(2, 3)} WHERE ${where}) w WHERE ${narrow} ORDER BY w.org_path, w.applied_on, w.id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      params,
    ),
    q.query<{ n: number; overdue: number; due_soon: number }>(
      `SELECT count(*) FILTER (WHERE ${narrow})::int AS n,
              count(*) FILTER (WHERE w.warning = 'overdue')::int AS overdue, count(*) FILTER (WHERE w.warning = 'due_soon')::int AS due_soon
         FROM (${select(2, 3)} WHERE ${where}) w`,
      params,
    ),
  ]);
  return { rows, total: count?.n ?? 0, overdue: count?.overdue ?? 0, dueSoon: count?.due_soon ?? 0 };
}

export async function findDevelopment(q: Queryable, scope: Scope, national: unknown, today: string, id: number): Promise<DevelopmentDbRow | undefined> {
  const [row] = await q.query<DevelopmentDbRow>(
    `${select(3, 4)} WHERE c.id = $1 AND c.case_type = 'development' AND ${inScope('c.org_path', 2)}`,
    [id, likePrefix(scope.path), JSON.stringify(national), today],
  );
  return row;
}

/**
 * 工作台: developments past or near their next step's time limit, for the branch's own accounts and
 * the nearest Party committee above it (a township, or the county for a branch directly under it):
 * a committee further up sees them on the board, not on its home page.
 */
export async function developmentsDue(q: Queryable, scope: Scope, national: unknown, today: string) {
  return q.query<DevelopmentDbRow & { updated_at: Date }>(
    `SELECT w.*, c2.updated_at FROM (${select(2, 3)}
        WHERE ${inScope('c.org_path', 1)} AND c.case_type = 'development' AND c.status <> 'full'
          AND NOT EXISTS (SELECT 1 FROM orgs t WHERE ${inScope('t.path', 1)} AND t.path <> $4 AND t.type IN ('township', 'county') AND c.org_path LIKE t.path || '%')) w
       JOIN cases c2 ON c2.id = w.id
      WHERE w.warning IS NOT NULL
      ORDER BY w.due_on, w.id LIMIT 50`,
    [likePrefix(scope.path), JSON.stringify(national), today, scope.path],
  );
}

/** The development of a person, if any (a person has one path: the unique index). */
export async function developmentOf(q: Queryable, personId: number) {
  const [row] = await q.query<{ case_id: number }>(`SELECT case_id FROM member_developments WHERE person_id = $1`, [personId]);
  return row;
}

/** The step dates of a case already locked by the engine. */
export async function stepsOf(q: Queryable, caseId: number) {
  const [row] = await q.query<{ person_id: number; county_id: number; path_edition: number | null; applied_on: string; activist_on: string | null; target_on: string | null; admitted_on: string | null; training_on: string | null }>(
    `SELECT person_id, county_id, path_edition, applied_on, activist_on, target_on, admitted_on, training_on FROM member_developments WHERE case_id = $1`,
    [caseId],
  );
  return row!;
}

const STEP_COLUMN = { make_activist: 'activist_on', make_target: 'target_on', admit: 'admitted_on', make_full: 'full_on' } as const;

export async function recordStep(q: Queryable, caseId: number, step: keyof typeof STEP_COLUMN, date: string, checks: string[], trainingOn: string | null) {
  await q.query(
    `UPDATE member_developments SET ${STEP_COLUMN[step]} = $2, checks = checks || jsonb_build_object($3::text, $4::jsonb),
            training_on = coalesce($5::date, training_on)
      WHERE case_id = $1`,
    [caseId, date, step, JSON.stringify(checks), trainingOn],
  );
}

/** The county's newest path edition, if it saved one. */
export async function currentEdition(q: Queryable, countyId: number) {
  const [row] = await q.query<{ edition: number; name: string; config: unknown }>(
    `SELECT edition, name, config FROM development_path_editions WHERE county_id = $1 ORDER BY edition DESC LIMIT 1`,
    [countyId],
  );
  return row;
}

/** One edition (the rules a person was opened under). */
export async function editionOf(q: Queryable, countyId: number, edition: number) {
  const [row] = await q.query<{ edition: number; name: string; config: unknown }>(
    `SELECT edition, name, config FROM development_path_editions WHERE county_id = $1 AND edition = $2`,
    [countyId, edition],
  );
  return row;
}

/** The county's editions, newest first, each with how many people on the way follow it; and those on the national default. */
export async function editionsOf(q: Queryable, countyId: number) {
  const [editions, [national]] = await Promise.all([
    q.query<{ edition: number; name: string; saved_at: Date; in_progress: number }>(
      `SELECT e.edition, e.name, e.saved_at, coalesce(n.n, 0)::int AS in_progress
         FROM development_path_editions e
         LEFT JOIN (SELECT d.path_edition, count(*) AS n FROM member_developments d JOIN cases c ON c.id = d.case_id
                     WHERE ${inCounty('c.county_id', 1)} AND d.county_id = $1 AND c.status <> 'full' GROUP BY d.path_edition) n ON n.path_edition = e.edition
        WHERE e.county_id = $1 ORDER BY e.edition DESC`,
      [countyId],
    ),
    q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member_developments d JOIN cases c ON c.id = d.case_id
        WHERE ${inCounty('c.county_id', 1)} AND d.county_id = $1 AND d.path_edition IS NULL AND c.status <> 'full'`,
      [countyId],
    ),
  ]);
  return { editions, national: national?.n ?? 0 };
}

/** Saves the next edition; false when another save took that number first (the caller's screen is stale). */
export async function saveEdition(q: Queryable, e: { countyId: number; edition: number; name: string; config: unknown; accountId: number }): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO development_path_editions (county_id, edition, name, config, saved_by) VALUES ($1, $2, $3, $4::jsonb, $5)
     ON CONFLICT (county_id, edition) DO NOTHING RETURNING edition`,
    [e.countyId, e.edition, e.name, JSON.stringify(e.config), e.accountId],
  );
  return rows.length === 1;
}
