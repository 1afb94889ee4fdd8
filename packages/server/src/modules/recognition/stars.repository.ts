// The only SQL of 星级化管理: the county's star rules, the year's ratings and their rows (one per
// cadre in the 8 village posts). Ratings are the county's (read by every account of the county,
// scoped by county); rows are scoped by their own org paths.
import type { Queryable } from '../../db/db.js';
import { BY_KEY, inCounty, inScope } from '../../core/scope.js';
import { TOTAL_COUNT, totalOf } from '../../core/paging.js';
import type { StarLevel, StarRatingState } from '@lianxin/contract';
import { personSql, postSql } from '../people/index.js';

export type RulesRow = { post_weight_percent: number; levels: StarLevel[]; civil_service_min_stars: number; civil_service_years: number; version: number };

export async function rulesOf(q: Queryable, countyId: number): Promise<RulesRow | undefined> {
  const [r] = await q.query<RulesRow>(
    `SELECT post_weight_percent, levels, civil_service_min_stars, civil_service_years, version FROM star_rules WHERE county_id = $1`,
    [countyId],
  );
  return r;
}

/** Saves the county's rules: the first save inserts (version 0 → 1), later ones need the current version. */
export async function saveRules(q: Queryable, countyId: number, r: Omit<RulesRow, 'version'>, version: number): Promise<boolean> {
  if (version === 0) {
    const rows = await q.query(
      `INSERT INTO star_rules (county_id, post_weight_percent, levels, civil_service_min_stars, civil_service_years) VALUES ($1, $2, $3::jsonb, $4, $5)
       ON CONFLICT (county_id) DO NOTHING RETURNING county_id`,
      [countyId, r.post_weight_percent, JSON.stringify(r.levels), r.civil_service_min_stars, r.civil_service_years],
    );
    return rows.length === 1;
  }
  const rows = await q.query(
    `UPDATE star_rules SET post_weight_percent = $2, levels = $3::jsonb, civil_service_min_stars = $4, civil_service_years = $5, version = version + 1, updated_at = now()
      WHERE county_id = $1 AND version = $6 RETURNING county_id`,
    [countyId, r.post_weight_percent, JSON.stringify(r.levels), r.civil_service_min_stars, r.civil_service_years, version],
  );
  return rows.length === 1;
}

export type RatingRow = {
  id: number; county_id: number; year: number; edition: number; status: StarRatingState; supersedes_id: number | null;
  post_weight_percent: number; levels: StarLevel[]; civil_service_min_stars: number; civil_service_years: number;
  published_at: string | null; version: number;
};
const RATING = `id, county_id, year, edition, status, supersedes_id, post_weight_percent, levels, civil_service_min_stars, civil_service_years, published_at, version`;

export async function ratingOf(q: Queryable, countyId: number, id: number, forUpdate = false): Promise<RatingRow | undefined> {
  const [r] = await q.query<RatingRow>(`SELECT ${RATING} FROM star_ratings WHERE ${inCounty('county_id', 1)} AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [countyId, id]);
  return r;
}

export async function latestOfYear(q: Queryable, countyId: number, year: number): Promise<RatingRow | undefined> {
  const [r] = await q.query<RatingRow>(`SELECT ${RATING} FROM star_ratings WHERE ${inCounty('county_id', 1)} AND year = $2 ORDER BY edition DESC LIMIT 1`, [countyId, year]);
  return r;
}

export async function latestPublished(q: Queryable, countyId: number, year: number): Promise<RatingRow | undefined> {
  const [r] = await q.query<RatingRow>(
    `SELECT ${RATING} FROM star_ratings WHERE ${inCounty('county_id', 1)} AND year = $2 AND status = 'published' ORDER BY edition DESC LIMIT 1`,
    [countyId, year],
  );
  return r;
}

/** The ratings of the county (newest year and edition first) with their row counts in the caller's scope. */
export async function listRatings(q: Queryable, countyId: number, prefix: string, f: { year?: number; limit: number; offset: number; page: number }) {
  const params: unknown[] = [countyId, prefix];
  const where = [inCounty('r.county_id', 1)];
  if (f.year) where.push(`r.year = $${params.push(f.year)}`);
  const sql = (limit: number, offset: number) => `
    SELECT r.id, r.county_id, r.year, r.edition, r.status, r.supersedes_id, r.post_weight_percent, r.levels, r.civil_service_min_stars, r.civil_service_years, r.published_at, r.version,
           (SELECT count(*)::int FROM star_rating_rows x WHERE x.rating_id = r.id AND ${inScope('x.org_path', 2)}) AS rows,
           (SELECT count(*)::int FROM star_rating_rows x WHERE x.rating_id = r.id AND x.org_path LIKE $2 AND x.post_score IS NOT NULL) AS scored,
           ${TOTAL_COUNT}
      FROM star_ratings r WHERE ${where.join(' AND ')}
     ORDER BY r.year DESC, r.edition DESC, r.id DESC LIMIT ${limit} OFFSET ${offset}`;
  type Row = RatingRow & { rows: number; scored: number; total_count: number };
  const rows = await q.query<Row>(sql(f.limit, f.offset), params);
  const total = await totalOf(rows, f.page, () => q.query<Row>(sql(1, 0), params));
  return { rows, total };
}

export async function countsOf(q: Queryable, ratingId: number, prefix: string): Promise<{ rows: number; scored: number }> {
  const [r] = await q.query<{ rows: number; scored: number }>(
    `SELECT count(*)::int AS rows, count(post_score)::int AS scored FROM star_rating_rows WHERE rating_id = $1 AND ${inScope('org_path', 2)}`,
    [ratingId, prefix],
  );
  return r ?? { rows: 0, scored: 0 };
}

export async function insertRating(q: Queryable, r: { countyId: number; orgPath: string; year: number; edition: number; supersedesId: number | null; rules: Omit<RulesRow, 'version'>; createdBy: number }): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO star_ratings (county_id, org_path, year, edition, supersedes_id, post_weight_percent, levels, civil_service_min_stars, civil_service_years, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10) RETURNING id`,
    [r.countyId, r.orgPath, r.year, r.edition, r.supersedesId, r.rules.post_weight_percent, JSON.stringify(r.rules.levels), r.rules.civil_service_min_stars, r.rules.civil_service_years, r.createdBy || null],
  );
  return Number(row!.id);
}

/**
 * The rows of a new rating, set-based: one per post given (posts read in the county's scope), with
 * the township above each village found on its path.
 */
export type NewRow = { postId: number; heldFrom: string; heldTo: string; months: number; postScore: number | null; note: string | null };
export async function insertRows(q: Queryable, ratingId: number, countyId: number, prefix: string, rows: NewRow[]): Promise<void> {
  if (!rows.length) return;
  await q.query(
    `INSERT INTO star_rating_rows (rating_id, county_id, org_id, org_path, township_id, post_id, person_id, role, post_score, post_score_note, held_from, held_to, months)
     SELECT $1, $2, p.org_id, p.org_path,
            (SELECT t.id FROM orgs t WHERE t.type = 'township' AND t.id = ANY(string_to_array(trim(both '/' from p.org_path), '/')::bigint[]) LIMIT 1),
            p.id, p.person_id, p.role, u.post_score, u.note, u.held_from, u.held_to, u.months
       FROM unnest($4::bigint[], $5::numeric[], $6::text[], $7::date[], $8::date[], $9::int[]) AS u(post_id, post_score, note, held_from, held_to, months)
       ${postSql.join('p', 'u.post_id')}
      WHERE ${inScope('p.org_path', 3)}`,
    [ratingId, countyId, prefix, rows.map((r) => r.postId), rows.map((r) => r.postScore), rows.map((r) => r.note), rows.map((r) => r.heldFrom), rows.map((r) => r.heldTo), rows.map((r) => r.months)],
  );
}

export type StarDbRow = {
  id: number; rating_id: number; year: number; edition: number; rating_status: StarRatingState;
  person_id: number; person_name: string; org_id: number; post_id: number; org_name: string; org_type: string; org_path: string;
  township_id: number | null; township_name: string | null; role: string;
  post_score: number | null; post_score_note: string | null; village_score: number | null; village_sheets: { id: number; period: string; score: number }[];
  score: number | null; stars: number | null; civil_service_eligible: boolean; version: number; total_count: number;
  held_from: string | null; held_to: string | null; months: number | null; unit_basis: 'months' | 'year' | null;
};
const ROW = `
  SELECT x.id, x.rating_id, r.year, r.edition, r.status AS rating_status, x.person_id, pe.name AS person_name,
         x.org_id, x.post_id, o.name AS org_name, o.type AS org_type, x.org_path, x.township_id, t.name AS township_name, x.role,
         x.post_score::float8 AS post_score, x.post_score_note, x.village_score::float8 AS village_score, x.village_sheets,
         x.score::float8 AS score, x.stars, x.civil_service_eligible, x.version,
         x.held_from::text AS held_from, x.held_to::text AS held_to, x.months, x.unit_basis`;
const FROM = `
    FROM star_rating_rows x JOIN star_ratings r ON r.id = x.rating_id ${personSql.join('pe', 'x.person_id')}
    JOIN orgs o ON o.id = x.org_id LEFT JOIN orgs t ON t.id = x.township_id`;
const ROLE_ORDER = `array_position(ARRAY['secretary','village_director','deputy_secretary','militia_head','youth_league_secretary','women_chair','clerk','supervision_director'], x.role)`;

export async function listRows(
  q: Queryable, prefix: string,
  f: { ratingId?: number; personId?: number; townshipId?: number; orgId?: number; stars?: number; unscored?: boolean; limit: number; offset: number; page: number },
) {
  const params: unknown[] = [prefix];
  const where = [inScope('x.org_path', 1)];
  if (f.ratingId) where.push(`x.rating_id = $${params.push(f.ratingId)}`);
  if (f.personId) {
    // a person's history: the latest published edition of each year
    where.push(`x.person_id = $${params.push(f.personId)}`);
    where.push(`r.status = 'published' AND r.edition = (SELECT max(r2.edition) FROM star_ratings r2 WHERE r2.county_id = r.county_id AND r2.year = r.year AND r2.status = 'published')`);
  }
  if (f.townshipId) where.push(`x.township_id = $${params.push(f.townshipId)}`);
  if (f.orgId) where.push(`x.org_id = $${params.push(f.orgId)}`);
  if (f.stars !== undefined) where.push(`coalesce(x.stars, -1) = $${params.push(f.stars)}`);
  if (f.unscored) where.push(`x.post_score IS NULL`);
  const sql = (limit: number, offset: number) =>
    `${ROW}, ${TOTAL_COUNT} ${FROM} WHERE ${where.join(' AND ')}
      ORDER BY r.year DESC, x.org_path, ${ROLE_ORDER}, x.held_from NULLS FIRST, x.id LIMIT ${limit} OFFSET ${offset}`;
  const rows = await q.query<StarDbRow>(sql(f.limit, f.offset), params);
  const total = await totalOf(rows, f.page, () => q.query<StarDbRow>(sql(1, 0), params));
  return { rows, total };
}

export async function rowOf(q: Queryable, prefix: string, id: number, forUpdate = false): Promise<StarDbRow | undefined> {
  const [r] = await q.query<StarDbRow>(`${ROW}, 1 AS total_count ${FROM} WHERE ${inScope('x.org_path', 1)} AND x.id = $2${forUpdate ? ' FOR UPDATE OF x' : ''}`, [prefix, id]);
  return r;
}

/** Every row of a rating (the county computing or publishing it). */
export async function rowsOfRating(q: Queryable, prefix: string, ratingId: number): Promise<StarDbRow[]> {
  return q.query<StarDbRow>(`${ROW}, 0 AS total_count ${FROM} WHERE ${inScope('x.org_path', 1)} AND x.rating_id = $2 ORDER BY x.id`, [prefix, ratingId]);
}

export async function setPostScore(q: Queryable, id: number, postScore: number, note: string | null): Promise<void> {
  await q.query(`${BY_KEY}UPDATE star_rating_rows SET post_score = $2, post_score_note = $3, version = version + 1 WHERE id = $1`, [id, postScore, note]);
}

export async function setResult(q: Queryable, id: number, r: { villageScore: number | null; villageSheets: unknown[]; score: number | null; stars: number | null; civilService: boolean; unitBasis: string | null }): Promise<void> {
  await q.query(
    `${BY_KEY}UPDATE star_rating_rows SET village_score = $2, village_sheets = $3::jsonb, score = $4, stars = $5, civil_service_eligible = $6, unit_basis = $7 WHERE id = $1`,
    [id, r.villageScore, JSON.stringify(r.villageSheets), r.score, r.stars, r.civilService, r.unitBasis],
  );
}

/** The results of many rows at once (set-based: one statement for a whole rating). */
export async function setResults(q: Queryable, rows: { id: number; villageScore: number | null; villageSheets: unknown[]; score: number | null; stars: number | null; civilService: boolean; unitBasis: string | null }[]): Promise<void> {
  if (!rows.length) return;
  await q.query(
    `${BY_KEY}UPDATE star_rating_rows x SET village_score = u.village_score, village_sheets = u.sheets::jsonb, score = u.score, stars = u.stars, civil_service_eligible = u.civil, unit_basis = u.basis
       FROM unnest($1::bigint[], $2::numeric[], $3::text[], $4::numeric[], $5::int[], $6::boolean[], $7::text[]) AS u(id, village_score, sheets, score, stars, civil, basis)
      WHERE x.id = u.id`,
    [rows.map((r) => r.id), rows.map((r) => r.villageScore), rows.map((r) => JSON.stringify(r.villageSheets)), rows.map((r) => r.score), rows.map((r) => r.stars), rows.map((r) => r.civilService), rows.map((r) => r.unitBasis)],
  );
}

export async function publish(q: Queryable, id: number): Promise<void> {
  await q.query(`${BY_KEY}UPDATE star_ratings SET status = 'published', published_at = now(), version = version + 1 WHERE id = $1`, [id]);
}

export async function bumpRating(q: Queryable, id: number): Promise<void> {
  await q.query(`${BY_KEY}UPDATE star_ratings SET version = version + 1 WHERE id = $1`, [id]);
}

/** Published stars of earlier years per person (the latest edition of each year), for 公职化 and the history. */
export async function publishedStars(q: Queryable, countyId: number, personIds: number[], beforeYear: number) {
  if (!personIds.length) return [];
  return q.query<{ row_id: number; person_id: number; year: number; edition: number; stars: number | null; score: number | null; org_name: string; role: string; months: number | null; held_from: string | null; held_to: string | null }>(
    `SELECT DISTINCT ON (x.person_id, r.year) x.id AS row_id, x.person_id, r.year, r.edition, x.stars, x.score::float8 AS score, o.name AS org_name, x.role,
            x.months, x.held_from::text AS held_from, x.held_to::text AS held_to
       FROM star_rating_rows x JOIN star_ratings r ON r.id = x.rating_id JOIN orgs o ON o.id = x.org_id
      WHERE ${inCounty('x.county_id', 1)} AND r.status = 'published' AND x.person_id = ANY($2::bigint[]) AND r.year < $3
      ORDER BY x.person_id, r.year DESC, r.edition DESC, x.stars DESC NULLS LAST`,
    [countyId, personIds, beforeYear],
  );
}

/** The star board: per unit (township, or village within one township) from one rating's rows in scope. */
export async function board(q: Queryable, prefix: string, ratingId: number, townshipId: number | null) {
  const params: unknown[] = [prefix, ratingId];
  const unit = townshipId ? 'x.org_id' : 'x.township_id';
  if (townshipId) params.push(townshipId);
  return q.query<{ unit_id: number; unit_name: string; unit_type: string; people: number; average: number | null; stars: number | null; n: number; scored: number; civil: number; part_year: number }>(
    `SELECT u.id AS unit_id, u.name AS unit_name, u.type AS unit_type, g.stars, g.n, g.scored, g.civil, g.part_year,
            sum(g.n) OVER (PARTITION BY u.id)::int AS people, avg_score AS average
       FROM (SELECT ${unit} AS unit_id, x.stars, count(*)::int AS n, count(x.post_score)::int AS scored, count(*) FILTER (WHERE x.civil_service_eligible)::int AS civil,
                    count(*) FILTER (WHERE x.months < 12)::int AS part_year,
                    round((sum(sum(x.score)) OVER (PARTITION BY ${unit}) / nullif(sum(count(x.score)) OVER (PARTITION BY ${unit}), 0))::numeric, 1)::float8 AS avg_score
               FROM star_rating_rows x
              WHERE ${inScope('x.org_path', 1)} AND x.rating_id = $2 ${townshipId ? 'AND x.township_id = $3' : ''}
              GROUP BY ${unit}, x.stars) g
       JOIN orgs u ON u.id = g.unit_id
      ORDER BY u.path, g.stars DESC NULLS LAST`,
    params,
  );
}
