// The only SQL of 称号认定: the county's kinds (a versioned set), the designations' own rows beside
// their cases, the register's counts per kind under each unit below a node, and the public list of
// a unit's designations held. Persons are never read here: the member's name is copied in when
// nominated (through the people service).
import type { Queryable } from '../../db/db.js';
import { BY_KEY, inScope, SYSTEM } from '../../core/scope.js';
import type { OwnRow } from '../../core/cases/case-engine.js';
import type { DesignationCheck, DesignationKind, DesignationSector, DesignationState, DesignationTarget } from '@lianxin/contract';

export type DesignationDbRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string;
  township_id: number | null; township_name: string | null;
  status: DesignationState; version: number; kind_code: string; kind_name: string; sector: DesignationSector; target: DesignationTarget;
  year: number; person_id: number | null; person_name: string | null; unit_name: string; citation: string; criteria: DesignationCheck[];
  published_on: string | null; reviewed_year: number | null; award_fen: number | string | null; nominated_on: string;
};

const SELECT = `
  SELECT c.id, c.county_id, c.org_id, c.org_path, o.name AS org_name, o.type AS org_type,
         t.id AS township_id, t.name AS township_name,
         c.status, c.version, d.kind_code, d.kind_name, d.sector, d.target, d.year, d.person_id, d.person_name, d.unit_name,
         d.citation, d.criteria, d.published_on::text AS published_on, d.reviewed_year, d.award_fen,
         (c.opened_at AT TIME ZONE 'Asia/Shanghai')::date::text AS nominated_on
    FROM cases c JOIN designations d ON d.case_id = c.id JOIN orgs o ON o.id = c.org_id
    LEFT JOIN LATERAL (SELECT t.id, t.name FROM orgs t WHERE t.type = 'township' AND t.id = ANY(string_to_array(trim(both '/' from c.org_path), '/')::bigint[]) LIMIT 1) t ON true`;

// ---- kinds

export async function kindSetOf(q: Queryable, countyId: number) {
  const [row] = await q.query<{ version: number; kinds: DesignationKind[] }>(
    `SELECT version, kinds FROM designation_kind_sets WHERE county_id = $1 ORDER BY version DESC LIMIT 1`,
    [countyId],
  );
  return row;
}

/** Saves a new version of the county's kinds when `version` is the newest (0: none yet); false on a stale version. */
export async function insertKindSet(q: Queryable, countyId: number, version: number, kinds: DesignationKind[], by: number): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO designation_kind_sets (county_id, version, kinds, created_by)
     SELECT $1, $2 + 1, $3::jsonb, $4
      WHERE COALESCE((SELECT max(version) FROM designation_kind_sets WHERE county_id = $1), 0) = $2
     ON CONFLICT DO NOTHING RETURNING version`,
    [countyId, version, JSON.stringify(kinds), by || null],
  );
  return rows.length === 1;
}

/** The kind codes the county's designations use (a used kind cannot leave the set; it may be retired). */
export async function usedKindCodes(q: Queryable, countyId: number): Promise<string[]> {
  const rows = await q.query<{ kind_code: string }>(`SELECT DISTINCT kind_code FROM designations WHERE county_id = $1`, [countyId]);
  return rows.map((r) => r.kind_code);
}

// ---- designations

export function designationRow(d: {
  countyId: number; kindCode: string; kindName: string; sector: DesignationSector; target: DesignationTarget; year: number;
  personId: number | null; personName: string | null; unitName: string; citation: string; criteria: DesignationCheck[];
}): OwnRow {
  return {
    table: 'designations',
    values: {
      county_id: d.countyId, kind_code: d.kindCode, kind_name: d.kindName, sector: d.sector, target: d.target, year: d.year,
      person_id: d.personId, person_name: d.personName, unit_name: d.unitName, citation: d.citation, criteria: JSON.stringify(d.criteria),
    },
  };
}

export type ListFilter = { kind?: string; states?: readonly string[]; year?: number; reviewDueBefore?: number; page: number; pageSize: number };

export async function listDesignations(q: Queryable, prefix: string, f: ListFilter) {
  const params: unknown[] = [prefix];
  const where = [`c.case_type = 'designation'`, inScope('c.org_path', 1)];
  if (f.kind) where.push(`d.kind_code = $${params.push(f.kind)}`);
  if (f.states) where.push(`c.status = ANY($${params.push(f.states)}::text[])`);
  if (f.year) where.push(`d.year = $${params.push(f.year)}`);
  if (f.reviewDueBefore) where.push(`c.status = 'published' AND COALESCE(d.reviewed_year, extract(year FROM d.published_on)::int) < $${params.push(f.reviewDueBefore)}`);
  const [rows, [count]] = await Promise.all([
    q.query<DesignationDbRow>(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY d.year DESC, d.kind_code, c.org_path, c.id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      params,
    ),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c JOIN designations d ON d.case_id = c.id WHERE ${where.join(' AND ')}`, params),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findDesignation(q: Queryable, prefix: string, id: number): Promise<DesignationDbRow | undefined> {
  const [row] = await q.query<DesignationDbRow>(`${SELECT} WHERE c.id = $1 AND c.case_type = 'designation' AND ${inScope('c.org_path', 2)}`, [id, prefix]);
  return row;
}

/** The unit's other designations (same org and site, or the same member), newest first. */
export async function historyOf(q: Queryable, prefix: string, r: { id: number; org_id: number; person_id: number | null; unit_name: string }) {
  return q.query<{ id: number; kind_name: string; year: number; status: DesignationState }>(
    `SELECT c.id, d.kind_name, d.year, c.status FROM cases c JOIN designations d ON d.case_id = c.id
      WHERE c.case_type = 'designation' AND ${inScope('c.org_path', 1)} AND c.id <> $2
        AND (CASE WHEN $4::bigint IS NULL THEN c.org_id = $3 AND d.person_id IS NULL AND d.unit_name = $5 ELSE d.person_id = $4 END)
      ORDER BY c.opened_at DESC LIMIT 50`,
    [prefix, r.id, r.org_id, r.person_id, r.unit_name],
  );
}

/** Serializes nominations for one org (a second one waits, then finds the first). */
export async function lockOrg(q: Queryable, orgId: number) {
  await q.query(`${BY_KEY}SELECT id FROM orgs WHERE id = $1 FOR UPDATE`, [orgId]);
}

/** A designation of the kind for the same unit that is not rejected or revoked (one at a time). */
export async function liveOf(q: Queryable, u: { orgId: number; kindCode: string; personId: number | null; unitName: string }) {
  const [row] = await q.query<{ id: number; status: DesignationState }>(
    `${BY_KEY}SELECT c.id, c.status FROM cases c JOIN designations d ON d.case_id = c.id
      WHERE c.org_id = $1 AND c.case_type = 'designation' AND d.kind_code = $2 AND c.status NOT IN ('revoked', 'rejected')
        AND (CASE WHEN $3::bigint IS NULL THEN d.person_id IS NULL AND d.unit_name = $4 ELSE d.person_id = $3 END)
      LIMIT 1`,
    [u.orgId, u.kindCode, u.personId, u.unitName],
  );
  return row;
}

export async function saveCriteria(q: Queryable, id: number, criteria: DesignationCheck[]) {
  await q.query(`UPDATE designations SET criteria = $2::jsonb WHERE case_id = $1`, [id, JSON.stringify(criteria)]);
}

export async function markPublished(q: Queryable, id: number, on: string, awardFen: number | null) {
  await q.query(`UPDATE designations SET published_on = $2::date, reviewed_year = extract(year FROM $2::date)::int, award_fen = COALESCE($3, award_fen) WHERE case_id = $1`, [id, on, awardFen]);
}

export async function markReviewed(q: Queryable, id: number, year: number) {
  await q.query(`UPDATE designations SET reviewed_year = $2 WHERE case_id = $1`, [id, year]);
}

export async function evidenceOf(q: Queryable, caseId: number) {
  return q.query<{ id: number; file_name: string; mime_type: string; size_bytes: number; created_at: Date }>(
    `SELECT id, file_name, mime_type, size_bytes, created_at FROM attachments WHERE case_id = $1 ORDER BY id`,
    [caseId],
  );
}

/**
 * 称号台账: designations held per kind under each of the given roots (the units below the node),
 * and the node's totals, in-process and review-due counts — one pass over the scope.
 */
export async function registerCounts(q: Queryable, prefix: string, roots: readonly string[], year: number | undefined, thisYear: number) {
  const params: unknown[] = [prefix, roots, thisYear];
  const yearSql = year ? ` AND d.year = $${params.push(year)}` : '';
  return q.query<{ root: string | null; kind_code: string; held: number; in_process: number; review_due: number }>(
    `SELECT r.root, d.kind_code,
            count(*) FILTER (WHERE c.status IN ('published', 'reviewing'))::int AS held,
            count(*) FILTER (WHERE c.status IN ('nominated', 'checked', 'approved', 'reviewing'))::int AS in_process,
            count(*) FILTER (WHERE c.status = 'published' AND COALESCE(d.reviewed_year, extract(year FROM d.published_on)::int) < $3)::int AS review_due
       FROM cases c JOIN designations d ON d.case_id = c.id
       LEFT JOIN LATERAL (SELECT x AS root FROM unnest($2::text[]) x WHERE left(c.org_path, length(x)) = x LIMIT 1) r ON true
      WHERE c.case_type = 'designation' AND ${inScope('c.org_path', 1)}${yearSql}
      GROUP BY r.root, d.kind_code`,
    params,
  );
}

/** 公开: the designations a unit holds now (its own, its members' and its sites'), for its public page. */
export async function heldBy(q: Queryable, orgId: number) {
  return q.query<{ kind_name: string; target: DesignationTarget; unit_name: string; published_on: string | null; reviewed_year: number | null }>(
    `${SYSTEM}SELECT d.kind_name, d.target, d.unit_name, d.published_on::text AS published_on, d.reviewed_year
       FROM cases c JOIN designations d ON d.case_id = c.id
      WHERE c.org_id = $1 AND c.case_type = 'designation' AND c.status IN ('published', 'reviewing')
      ORDER BY d.target = 'org' DESC, d.published_on DESC, c.id LIMIT 50`,
    [orgId],
  );
}

/**
 * 工作台: for the county, designations below it waiting for its decision (checked, approved, under
 * review with the criteria ticked); for a township, nominations and reviews below it to check
 * (returned ones with the county's reason).
 */
export async function forToday(q: Queryable, prefix: string, ownPath: string, decides: boolean) {
  return q.query<{ kind: 'designation_to_check' | 'designation_to_decide'; id: number; title: string; org: string; due: string | null; reason: string | null; at: Date }>(
    `SELECT CASE WHEN c.status = 'nominated' OR (c.status = 'reviewing' AND d.criteria @> '[{"met": null}]') THEN 'designation_to_check' ELSE 'designation_to_decide' END AS kind,
            c.id, c.title, o.name AS org, NULL::text AS due, CASE WHEN r.transition = 'return' THEN r.body END AS reason, c.updated_at AS at
       FROM cases c JOIN designations d ON d.case_id = c.id JOIN orgs o ON o.id = c.org_id
       LEFT JOIN LATERAL (SELECT e.body, e.transition FROM case_events e WHERE e.case_id = c.id AND e.kind = 'transition' ORDER BY e.seq DESC LIMIT 1) r ON true
      WHERE c.case_type = 'designation' AND ${inScope('c.org_path', 1)} AND c.org_path <> $2 AND c.resolved_at IS NULL
        AND ((NOT $3::boolean AND (c.status = 'nominated' OR (c.status = 'reviewing' AND d.criteria @> '[{"met": null}]')))
             OR ($3::boolean AND (c.status IN ('checked', 'approved') OR (c.status = 'reviewing' AND NOT d.criteria @> '[{"met": null}]'))))
      ORDER BY c.updated_at DESC, c.id DESC LIMIT 50`,
    [prefix, ownPath, decides],
  );
}
