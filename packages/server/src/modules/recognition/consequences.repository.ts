// The only file with SQL of 奖惩 (recognition_consequences): written once, read within the actor's subtree.
import type { Queryable } from '../../db/db.js';
import { inScope } from '../../core/scope.js';
import { personSql } from '../people/index.js';
import { TOTAL_COUNT, totalOf } from '../../core/paging.js';

export type ConsequenceRow = {
  id: number; county_id: number; org_id: number; org_name: string; org_type: string; org_path: string;
  person_id: number | null; person_name: string | null; kind: string; title: string; detail: string | null; amount_fen: number | null;
  basis_type: string; basis_id: number; basis_year: number; basis_label: string; decided_on: string;
  recorded_by_name: string | null; recorded_at: Date; total_count: number;
};

const SELECT = `
  SELECT k.id, k.county_id, k.org_id, o.name AS org_name, o.type AS org_type, k.org_path, k.person_id, pe.name AS person_name,
         k.kind, k.title, k.detail, k.amount_fen::float8 AS amount_fen, k.basis_type, k.basis_id, k.basis_year, k.basis_label,
         k.decided_on, a.display_name AS recorded_by_name, k.recorded_at`;
const FROM = `
    FROM recognition_consequences k JOIN orgs o ON o.id = k.org_id
    ${personSql.leftJoin('pe', 'k.person_id')} LEFT JOIN accounts a ON a.id = k.recorded_by`;

export async function insertConsequence(
  q: Queryable,
  c: { countyId: number; orgId: number; orgPath: string; personId: number | null; kind: string; title: string; detail: string | null; amountFen: number | null; basisType: string; basisId: number; basisYear: number; basisLabel: string; decidedOn: string; recordedBy: number },
): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO recognition_consequences (county_id, org_id, org_path, person_id, kind, title, detail, amount_fen, basis_type, basis_id, basis_year, basis_label, decided_on, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::date, $14) RETURNING id`,
    [c.countyId, c.orgId, c.orgPath, c.personId, c.kind, c.title, c.detail, c.amountFen, c.basisType, c.basisId, c.basisYear, c.basisLabel, c.decidedOn, c.recordedBy || null],
  );
  return Number(row!.id);
}

export async function consequenceOf(q: Queryable, prefix: string, id: number): Promise<ConsequenceRow | undefined> {
  const [row] = await q.query<ConsequenceRow>(`${SELECT}, 1 AS total_count ${FROM} WHERE ${inScope('k.org_path', 1)} AND k.id = $2`, [prefix, id]);
  return row;
}

/** The subtree's consequences, the latest decided first: a unit's (with its people's) or a person's history. */
export async function listConsequences(
  q: Queryable,
  prefix: string,
  f: { orgId?: number; personId?: number; year?: number; kind?: string; limit: number; offset: number; page: number },
): Promise<{ rows: ConsequenceRow[]; total: number }> {
  const params: unknown[] = [prefix];
  const where = [inScope('k.org_path', 1)];
  if (f.orgId) where.push(`k.org_id = $${params.push(f.orgId)}`);
  if (f.personId) where.push(`k.person_id = $${params.push(f.personId)}`);
  if (f.year) where.push(`k.basis_year = $${params.push(f.year)}`);
  if (f.kind) where.push(`k.kind = $${params.push(f.kind)}`);
  const sql = (limit: number, offset: number) => `${SELECT}, ${TOTAL_COUNT} ${FROM} WHERE ${where.join(' AND ')} ORDER BY k.decided_on DESC, k.id DESC LIMIT ${limit} OFFSET ${offset}`;
  const rows = await q.query<ConsequenceRow>(sql(f.limit, f.offset), params);
  const total = await totalOf(rows, f.page, () => q.query<ConsequenceRow>(sql(1, 0), params));
  return { rows, total };
}

/** A published star row of the subtree (the latest published edition of its year or an earlier one: both are records). */
export async function publishedStarRowOf(q: Queryable, prefix: string, id: number) {
  const [row] = await q.query<{ id: number; org_id: number; org_name: string; org_path: string; person_id: number; person_name: string; year: number; edition: number; stars: number | null; score: number | null; role: string }>(
    `SELECT x.id, x.org_id, o.name AS org_name, x.org_path, x.person_id, pe.name AS person_name, r.year, r.edition, x.stars, x.score::float8 AS score, x.role
       FROM star_rating_rows x JOIN star_ratings r ON r.id = x.rating_id JOIN orgs o ON o.id = x.org_id ${personSql.join('pe', 'x.person_id')}
      WHERE ${inScope('x.org_path', 1)} AND x.id = $2 AND r.status = 'published'`,
    [prefix, id],
  );
  return row;
}
