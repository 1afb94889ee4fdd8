// The only SQL of the cadres module: member development (its own rows beside the cases) and the
// county's development path. Persons, posts and the reserve pool are the people module's.
import type { Queryable } from '../../db/db.js';
import { likePrefix, type Scope } from '../../core/access.js';
import { inScope } from '../../core/scope.js';
import type { OwnRow } from '../../core/cases/case-engine.js';
import { personSql } from '../people/index.js';

export type DevelopmentDbRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; status: string; version: number;
  person_id: number; person_name: string; applied_on: string; activist_on: string | null; target_on: string | null;
  admitted_on: string | null; full_on: string | null; training_on: string | null;
};

const SELECT = `SELECT c.id, c.county_id, c.org_id, c.org_path, o.name AS org_name, o.type AS org_type, c.status, c.version,
         d.person_id, pe.name AS person_name, d.applied_on, d.activist_on, d.target_on, d.admitted_on, d.full_on, d.training_on
    FROM cases c JOIN member_developments d ON d.case_id = c.id JOIN orgs o ON o.id = c.org_id ${personSql.join('pe', 'd.person_id')}`;

/** The own row a development case opens with. */
export function developmentRow(d: { countyId: number; personId: number; appliedOn: string }): OwnRow {
  return { table: 'member_developments', values: { county_id: d.countyId, person_id: d.personId, applied_on: d.appliedOn } };
}

export async function listDevelopments(q: Queryable, scope: Scope, rootPath: string, status: string | undefined, page: number, pageSize: number) {
  const params: unknown[] = [likePrefix(rootPath.startsWith(scope.path) ? rootPath : scope.path)];
  let where = `${inScope('c.org_path', 1)} AND c.case_type = 'development'`;
  if (status) {
    params.push(status);
    where += ` AND c.status = $2`;
  }
  const [rows, [count]] = await Promise.all([
    q.query<DevelopmentDbRow>(`${SELECT} WHERE ${where} ORDER BY c.org_path, d.applied_on, c.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c WHERE ${where}`, params),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findDevelopment(q: Queryable, scope: Scope, id: number): Promise<DevelopmentDbRow | undefined> {
  const [row] = await q.query<DevelopmentDbRow>(`${SELECT} WHERE c.id = $1 AND c.case_type = 'development' AND ${inScope('c.org_path', 2)}`, [id, likePrefix(scope.path)]);
  return row;
}

/** Probationary members admitted on or before a date (their year is up, or soon), oldest first. */
export async function probationsAdmittedBy(q: Queryable, scope: Scope, admittedBy: string) {
  return q.query<DevelopmentDbRow & { updated_at: Date }>(
    `SELECT s.*, c2.updated_at FROM (${SELECT} WHERE ${inScope('c.org_path', 1)} AND c.case_type = 'development' AND c.status = 'probationary' AND d.admitted_on <= $2::date) s
       JOIN cases c2 ON c2.id = s.id
      ORDER BY s.admitted_on, s.id LIMIT 50`,
    [likePrefix(scope.path), admittedBy],
  );
}

/** The development of a person, if any (a person has one path: the unique index). */
export async function developmentOf(q: Queryable, personId: number) {
  const [row] = await q.query<{ case_id: number }>(`SELECT case_id FROM member_developments WHERE person_id = $1`, [personId]);
  return row;
}

/** The step dates of a case already locked by the engine. */
export async function stepsOf(q: Queryable, caseId: number) {
  const [row] = await q.query<{ person_id: number; applied_on: string; activist_on: string | null; target_on: string | null; admitted_on: string | null; training_on: string | null }>(
    `SELECT person_id, applied_on, activist_on, target_on, admitted_on, training_on FROM member_developments WHERE case_id = $1`,
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

/** The county's own development path, if it configured one. */
export async function pathOf(q: Queryable, countyId: number) {
  const [row] = await q.query<{ name: string; config: unknown }>(`SELECT name, config FROM development_paths WHERE county_id = $1`, [countyId]);
  return row;
}

export async function savePath(q: Queryable, countyId: number, name: string, config: unknown) {
  await q.query(
    `INSERT INTO development_paths (county_id, name, config) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (county_id) DO UPDATE SET name = EXCLUDED.name, config = EXCLUDED.config, updated_at = now()`,
    [countyId, name, JSON.stringify(config)],
  );
}

