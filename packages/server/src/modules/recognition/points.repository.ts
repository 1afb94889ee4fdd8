// The only SQL of 党支部积星·党员积分: the county's points rules per year and version, the manual
// point items (scoped by the member's branch path), and the org the board is opened on. The records
// that earn points are read through the other modules' front doors, never here.
import type { Queryable } from '../../db/db.js';
import { BY_KEY, inScope } from '../../core/scope.js';
import { TOTAL_COUNT, totalOf } from '../../core/paging.js';
import type { BranchPointItem, BranchStarLevel, MemberPointItem, PointAwardState } from '@lianxin/contract';
import { personSql } from '../people/index.js';

export type PointRulesRow = { year: number; version: number; member_items: MemberPointItem[]; branch_items: BranchPointItem[]; branch_levels: BranchStarLevel[] };

/** The rules in force for a year: the newest version of that year, else of the latest earlier year. */
export async function pointRulesFor(q: Queryable, countyId: number, year: number): Promise<PointRulesRow | undefined> {
  const [r] = await q.query<PointRulesRow>(
    `SELECT year, version, member_items, branch_items, branch_levels FROM point_rules
      WHERE county_id = $1 AND year <= $2 ORDER BY year DESC, version DESC LIMIT 1`,
    [countyId, year],
  );
  return r;
}

/** Saves a new version of a year's rules when `version` is that year's newest (0: none yet); false on a stale version. */
export async function insertPointRules(q: Queryable, countyId: number, year: number, version: number, r: Omit<PointRulesRow, 'year' | 'version'>, by: number): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO point_rules (county_id, year, version, member_items, branch_items, branch_levels, created_by)
     SELECT $1, $2, $3 + 1, $4::jsonb, $5::jsonb, $6::jsonb, $7
      WHERE COALESCE((SELECT max(version) FROM point_rules WHERE county_id = $1 AND year = $2), 0) = $3
     ON CONFLICT DO NOTHING RETURNING version`,
    [countyId, year, version, JSON.stringify(r.member_items), JSON.stringify(r.branch_items), JSON.stringify(r.branch_levels), by || null],
  );
  return rows.length === 1;
}

export type OrgRow = { id: number; name: string; type: string; path: string };

/** An org in the caller's subtree (the board's drill-down), or undefined. */
export async function orgInScope(q: Queryable, prefix: string, id: number): Promise<OrgRow | undefined> {
  const [r] = await q.query<OrgRow>(`SELECT id, name, type, path FROM orgs WHERE id = $2 AND ${inScope('path', 1)}`, [prefix, id]);
  return r;
}

/** The townships under the prefix (the county board's rows). */
export async function townshipsUnder(q: Queryable, prefix: string): Promise<OrgRow[]> {
  return q.query<OrgRow>(`SELECT id, name, type, path FROM orgs WHERE ${inScope('path', 1)} AND type = 'township' AND status = 'active' ORDER BY sort, id`, [prefix]);
}

export type AwardRow = {
  id: number; county_id: number; org_id: number; org_name: string; org_type: string; org_path: string; person_id: number; person_name: string;
  year: number; item_code: string; item_name: string; points: number; done_on: string; description: string; evidence: string;
  status: PointAwardState; reason: string | null; decided_at: string | null; version: number;
};
const AWARD = `
  SELECT a.id, a.county_id, a.org_id, o.name AS org_name, o.type AS org_type, a.org_path, a.person_id, pe.name AS person_name,
         a.year, a.item_code, a.item_name, a.points::float8 AS points, to_char(a.done_on, 'YYYY-MM-DD') AS done_on, a.description, a.evidence,
         a.status, a.reason, a.decided_at, a.version
    FROM point_awards a JOIN orgs o ON o.id = a.org_id ${personSql.join('pe', 'a.person_id')}`;

export async function insertAward(q: Queryable, a: { countyId: number; orgId: number; orgPath: string; personId: number; year: number; itemCode: string; itemName: string; points: number; doneOn: string; description: string; evidence: string; by: number }): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO point_awards (county_id, org_id, org_path, person_id, year, item_code, item_name, points, done_on, description, evidence, proposed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10, $11, $12) RETURNING id`,
    [a.countyId, a.orgId, a.orgPath, a.personId, a.year, a.itemCode, a.itemName, a.points, a.doneOn, a.description, a.evidence, a.by || null],
  );
  return Number(r!.id);
}

export async function awardOf(q: Queryable, prefix: string, id: number, forUpdate = false): Promise<AwardRow | undefined> {
  const [r] = await q.query<AwardRow>(`${AWARD} WHERE a.id = $2 AND ${inScope('a.org_path', 1)}${forUpdate ? ' FOR UPDATE OF a' : ''}`, [prefix, id]);
  return r;
}

export async function listAwards(q: Queryable, prefix: string, f: { status?: string; personId?: number; year?: number; limit: number; offset: number; page: number }) {
  const params: unknown[] = [prefix];
  const where = [inScope('a.org_path', 1)];
  if (f.status) where.push(`a.status = $${params.push(f.status)}`);
  if (f.personId) where.push(`a.person_id = $${params.push(f.personId)}`);
  if (f.year) where.push(`a.year = $${params.push(f.year)}`);
  type Row = AwardRow & { total_count: number };
  const sql = (limit: number, offset: number) => `${AWARD.replace('a.version', `a.version, ${TOTAL_COUNT}`)} WHERE ${where.join(' AND ')} ORDER BY a.status = 'proposed' DESC, a.done_on DESC, a.id DESC LIMIT ${limit} OFFSET ${offset}`;
  const rows = await q.query<Row>(sql(f.limit, f.offset), params);
  const total = await totalOf(rows, f.page, () => q.query<Row>(sql(1, 0), params));
  return { rows, total };
}

export async function decideAward(q: Queryable, id: number, version: number, d: { status: 'approved' | 'returned'; reason: string | null; by: number }): Promise<boolean> {
  const rows = await q.query(
    `UPDATE point_awards SET status = $3, reason = $4, decided_by = $5, decided_at = now(), version = version + 1
      WHERE id = $1 ${BY_KEY} AND version = $2 AND status = 'proposed' RETURNING id`,
    [id, version, d.status, d.reason, d.by || null],
  );
  return rows.length === 1;
}

/** The approved items of a year under the prefix (the manual records behind the points). */
export async function approvedAwards(q: Queryable, prefix: string, year: number) {
  return q.query<{ id: number; person_id: number; item_code: string; item_name: string; points: number; done_on: string; description: string }>(
    `SELECT a.id, a.person_id, a.item_code, a.item_name, a.points::float8 AS points, to_char(a.done_on, 'YYYY-MM-DD') AS done_on, a.description
       FROM point_awards a WHERE ${inScope('a.org_path', 1)} AND a.year = $2 AND a.status = 'approved' ORDER BY a.done_on, a.id`,
    [prefix, year],
  );
}
