// SQL of inspections, findings, bulletins and accountability records.
import type { Queryable } from '../../db/db.js';
import { likePrefix, type Scope } from '../../core/access.js';
import { inScope, BY_KEY } from '../../core/scope.js';
import { TOTAL_COUNT, type PageWindow } from '../../core/paging.js';
import { personSql } from '../people/index.js';

export type InspectionRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; kind: string;
  inspected_on: string; inspectors: string; target_org_ids: number[]; target_paths: string[]; summary: string | null;
  score: number | null; comment: string | null;
};

const INSPECTION_SELECT = `
  SELECT i.id, i.county_id, i.org_id, i.org_path, o.name AS org_name, o.type AS org_type, i.kind, i.inspected_on,
         i.inspectors, i.target_org_ids, i.target_paths, i.summary, i.score, i.comment
  FROM inspections i JOIN orgs o ON o.id = i.org_id`;

/** Visible to the inspecting side and to the inspected orgs (and everyone above them). */
const VISIBLE = `(${inScope('i.org_path', 1)} OR EXISTS (SELECT 1 FROM unnest(i.target_paths) tp WHERE tp LIKE $1))`;

export async function insertInspection(q: Queryable, i: { countyId: number; orgId: number; orgPath: string; kind: string; inspectedOn: string; inspectors: string; targetIds: number[]; targetPaths: string[]; summary: string | null; score: number | null; comment: string | null; createdBy: number }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO inspections (county_id, org_id, org_path, kind, inspected_on, inspectors, target_org_ids, target_paths, summary, score, comment, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7::bigint[],$8::text[],$9,$10,$11,$12) RETURNING id`,
    [i.countyId, i.orgId, i.orgPath, i.kind, i.inspectedOn, i.inspectors, i.targetIds, i.targetPaths, i.summary, i.score, i.comment, i.createdBy],
  );
  return row!.id;
}

export async function insertFinding(q: Queryable, f: { inspectionId: number; countyId: number; targetOrgId: number; targetPath: string; description: string }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO inspection_findings (inspection_id, county_id, target_org_id, target_path, description) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
    [f.inspectionId, f.countyId, f.targetOrgId, f.targetPath, f.description],
  );
  return row!.id;
}

export async function findInspection(q: Queryable, scope: Scope, id: number) {
  const [row] = await q.query<InspectionRow>(`${INSPECTION_SELECT} WHERE i.id = $2 AND ${VISIBLE}`, [likePrefix(scope.path), id]);
  return row;
}

export async function listInspections(q: Queryable, scope: Scope, f: { kind?: string; q?: string }, page: PageWindow) {
  const like = f.q?.trim() ? `%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return q.query<InspectionRow & { total_count: number }>(
    `${INSPECTION_SELECT.replace('SELECT ', `SELECT ${TOTAL_COUNT}, `)} WHERE ${VISIBLE}
       AND ($4::text IS NULL OR i.kind = $4)
       AND ($5::text IS NULL OR i.inspectors LIKE $5 OR o.name LIKE $5 OR EXISTS (SELECT 1 FROM orgs t WHERE t.id = ANY(i.target_org_ids) AND t.name LIKE $5))
     ORDER BY i.inspected_on DESC, i.id DESC LIMIT $2 OFFSET $3`,
    [likePrefix(scope.path), page.limit, page.offset, f.kind ?? null, like],
  );
}

export async function findingsOf(q: Queryable, inspectionIds: number[]) {
  if (!inspectionIds.length) return [];
  return q.query<{ id: number; inspection_id: number; target_org_id: number; target_name: string; target_type: string; target_path: string; description: string; problem_case_id: number | null }>(
    `${BY_KEY}SELECT f.id, f.inspection_id, f.target_org_id, o.name AS target_name, o.type AS target_type, f.target_path, f.description, f.problem_case_id
     FROM inspection_findings f JOIN orgs o ON o.id = f.target_org_id WHERE f.inspection_id = ANY($1::bigint[]) ORDER BY f.id`,
    [inspectionIds],
  );
}

export async function findingForUpdate(q: Queryable, inspectionId: number, findingId: number) {
  const [row] = await q.query<{ id: number; target_org_id: number; target_path: string; description: string; problem_case_id: number | null }>(
    `SELECT id, target_org_id, target_path, description, problem_case_id FROM inspection_findings WHERE id = $1 AND inspection_id = $2 FOR UPDATE`,
    [findingId, inspectionId],
  );
  return row;
}

export async function linkFinding(q: Queryable, findingId: number, caseId: number) {
  // the problem's side (problems.finding_id) is written by the ledger with the problem itself
  await q.query(`UPDATE inspection_findings SET problem_case_id = $2 WHERE id = $1`, [findingId, caseId]);
}

export async function insertAccountability(q: Queryable, a: { countyId: number; kind: string; targetOrgId: number | null; targetPersonId: number | null; targetPath: string; reason: string; inspectionId: number | null; problemCaseId: number | null; decidedOn: string; decidedByOrg: number; createdBy: number }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO accountability_records (county_id, kind, target_org_id, target_person_id, target_path, reason, inspection_id, problem_case_id, decided_on, decided_by_org, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
    [a.countyId, a.kind, a.targetOrgId, a.targetPersonId, a.targetPath, a.reason, a.inspectionId, a.problemCaseId, a.decidedOn, a.decidedByOrg, a.createdBy],
  );
  return row!.id;
}

export type AccountabilityRow = { id: number; kind: string; target_org_id: number | null; target_org_name: string | null; target_org_type: string | null; target_person_id: number | null; target_person_name: string | null; reason: string; inspection_id: number | null; problem_case_id: number | null; decided_on: string; decided_by_org: number; decided_by_name: string; decided_by_type: string };

/** Accountability records on orgs or people in the scope, newest decision first; one by id, or those of one inspection. */
/** How many accountability records of each kind the list holds (its scope and inspection; not its kind filter). */
export async function accountabilityKinds(q: Queryable, scope: Scope, f: { inspectionId?: number }) {
  return q.query<{ kind: string; n: number }>(
    `SELECT r.kind, count(*)::int AS n FROM accountability_records r
      WHERE ${inScope('r.target_path', 1)} AND ($2::bigint IS NULL OR r.inspection_id = $2) GROUP BY r.kind`,
    [likePrefix(scope.path), f.inspectionId ?? null],
  );
}

export async function listAccountability(q: Queryable, scope: Scope, f: { id?: number; inspectionId?: number; kind?: string }, page: PageWindow) {
  return q.query<AccountabilityRow & { total_count: number }>(
    `SELECT ${TOTAL_COUNT}, r.id, r.kind, r.target_org_id, o.name AS target_org_name, o.type AS target_org_type, r.target_person_id,
            p.name AS target_person_name, r.reason, r.inspection_id, r.problem_case_id, r.decided_on, r.decided_by_org,
            d.name AS decided_by_name, d.type AS decided_by_type
     FROM accountability_records r LEFT JOIN orgs o ON o.id = r.target_org_id ${personSql.leftJoin('p', 'r.target_person_id')}
     JOIN orgs d ON d.id = r.decided_by_org
     WHERE ${inScope('r.target_path', 1)} AND ($2::bigint IS NULL OR r.id = $2) AND ($3::bigint IS NULL OR r.inspection_id = $3)
       AND ($6::text IS NULL OR r.kind = $6)
     ORDER BY r.decided_on DESC, r.id DESC LIMIT $4 OFFSET $5`,
    [likePrefix(scope.path), f.id ?? null, f.inspectionId ?? null, page.limit, page.offset, f.kind ?? null],
  );
}


export async function findAccountability(q: Queryable, scope: Scope, id: number) {
  const [row] = await q.query<{ id: number; kind: string; reason: string; decided_on: string }>(
    `SELECT r.id, r.kind, r.reason, to_char(r.decided_on, 'YYYY-MM-DD') AS decided_on FROM accountability_records r WHERE r.id = $1 AND ${inScope('r.target_path', 2)}`,
    [id, likePrefix(scope.path)],
  );
  return row;
}

/**
 * SQL over inspection findings for the ledger, whose problem rows name the inspection a problem
 * was found in, in the shape of people's `personSql`: `leftJoin(alias, key)` joins the finding
 * whose id is the expression `key`. Column read through the alias: `inspection_id`.
 */
export const findingSql = {
  leftJoin: (alias: string, key: string) => `LEFT JOIN inspection_findings ${alias} ON ${alias}.id = ${key}`,
};
