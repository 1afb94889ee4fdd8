// The only file with SQL of the org tree. Every read takes the actor's scope and filters on the
// materialized path, so a node outside the scope is simply not found.
import type { OrgType } from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, type Scope } from '../../core/access.js';
import { inScope, BY_KEY } from '../../core/scope.js';
import { movePeoplePaths, orgPeopleSql } from '../people/index.js';

export type OrgRow = {
  id: number;
  county_id: number | null;
  parent_id: number | null;
  type: OrgType;
  name: string;
  code: string | null;
  path: string;
  depth: number;
  uses_stations: boolean;
  is_pilot: boolean;
  status: 'active' | 'closed';
  sort: number;
  version: number;
};

const COLUMNS = `id, county_id, parent_id, type, name, code, path, depth, uses_stations, is_pilot, status, sort, version`;

export async function findOrg(q: Queryable, scope: Scope, id: number): Promise<OrgRow | undefined> {
  const [row] = await q.query<OrgRow>(
    `SELECT ${COLUMNS} FROM orgs WHERE id = $1 AND ${inScope('path', 2)}`,
    [id, likePrefix(scope.path)],
  );
  return row;
}

/** A tree's root as `findOrg` reads it, with what its answer depends on beyond the rows (migration 500). */
export type TreeRoot = OrgRow & {
  /** The generation of the root's county (the sum of its rows); for a root above counties, of every county. */
  gen: number;
  /** The database's date: the staffing reads the posts current on it. */
  today: string;
};

/**
 * `findOrg`, and in the same statement (one snapshot) the generation and the date the tree's
 * answer depends on: what a kept answer is checked against, one index probe each.
 */
export async function findTreeRoot(q: Queryable, scope: Scope, id: number): Promise<TreeRoot | undefined> {
  const [row] = await q.query<TreeRoot>(
    `SELECT ${COLUMNS}, CURRENT_DATE::text AS today,
       (CASE WHEN county_id IS NULL THEN (SELECT coalesce(sum(g.gen), 0) FROM tree_generations g)
             ELSE (SELECT coalesce(sum(g.gen), 0) FROM tree_generations g WHERE g.county_id = orgs.county_id) END)::bigint AS gen
     FROM orgs WHERE id = $1 AND ${inScope('path', 2)}`,
    [id, likePrefix(scope.path)],
  );
  return row;
}

/** Locks the row for the rest of the transaction (a concurrent move or close waits). */
export async function findOrgForUpdate(q: Queryable, scope: Scope, id: number): Promise<OrgRow | undefined> {
  const [row] = await q.query<OrgRow>(
    `SELECT ${COLUMNS} FROM orgs WHERE id = $1 AND ${inScope('path', 2)} FOR UPDATE`,
    [id, likePrefix(scope.path)],
  );
  return row;
}

export async function listSubtree(q: Queryable, scope: Scope, rootPath: string, maxDepth?: number): Promise<OrgRow[]> {
  if (!rootPath.startsWith(scope.path)) return [];
  return q.query<OrgRow>(
    `SELECT ${COLUMNS} FROM orgs WHERE ${inScope('path', 1)} ${maxDepth !== undefined ? 'AND depth <= $2' : ''}
     ORDER BY depth, sort, id`,
    maxDepth !== undefined ? [likePrefix(rootPath), maxDepth] : [likePrefix(rootPath)],
  );
}

/**
 * The subtree as `listSubtree` reads it, each node with its own active Party members (the running
 * count people keep per org) read in the same statement: the tree's rows and counts in one index
 * range scan of the paths instead of two statements scanning it twice.
 */
export async function listSubtreeWithMembers(q: Queryable, scope: Scope, rootPath: string, maxDepth?: number): Promise<(OrgRow & { members: number })[]> {
  if (!rootPath.startsWith(scope.path)) return [];
  return q.query<OrgRow & { members: number }>(
    `SELECT ${COLUMNS}, ${orgPeopleSql.members('orgs.id')} AS members FROM orgs WHERE ${inScope('path', 1)} ${maxDepth !== undefined ? 'AND depth <= $2' : ''}
     ORDER BY depth, sort, id`,
    maxDepth !== undefined ? [likePrefix(rootPath), maxDepth] : [likePrefix(rootPath)],
  );
}

export async function ancestorsOf(q: Queryable, scope: Scope, path: string): Promise<OrgRow[]> {
  const ids = path.split('/').filter(Boolean).map(Number);
  return q.query<OrgRow>(
    `SELECT ${COLUMNS} FROM orgs WHERE id = ANY($1::bigint[]) AND ${inScope('path', 2)} ORDER BY depth`,
    [ids, likePrefix(scope.path)],
  );
}

export async function siblingNameTaken(q: Queryable, parentId: number, name: string, exceptId?: number): Promise<boolean> {
  const rows = await q.query(
    `${BY_KEY}SELECT 1 FROM orgs WHERE parent_id = $1 AND name = $2 AND status = 'active' AND id <> $3`,
    [parentId, name, exceptId ?? 0],
  );
  return rows.length > 0;
}

export async function insertOrg(
  q: Queryable,
  org: { parentId: number | null; countyId: number | null; type: OrgType; name: string; code?: string | null; usesStations?: boolean; isPilot?: boolean; parentPath: string; parentDepth: number; sort?: number },
): Promise<OrgRow> {
  // The path holds the node's own id, known only after the insert: take the id first.
  const [{ id } = { id: 0 }] = await q.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('orgs','id'))::bigint AS id`);
  const [row] = await q.query<OrgRow>(
    `INSERT INTO orgs (id, county_id, parent_id, type, name, code, path, depth, uses_stations, is_pilot, sort)
     OVERRIDING SYSTEM VALUE
     VALUES ($1::bigint, CASE WHEN $4::text = 'county' THEN $1::bigint ELSE $2::bigint END, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     RETURNING ${COLUMNS}`,
    [
      id,
      org.countyId,
      org.parentId,
      org.type,
      org.name,
      org.code ?? null,
      `${org.parentPath}${id}/`,
      org.parentDepth + 1,
      org.usesStations ?? false,
      org.isPilot ?? false,
      org.sort ?? 0,
    ],
  );
  return row!;
}

export async function updateOrg(
  q: Queryable,
  id: number,
  version: number,
  changes: { name?: string; usesStations?: boolean; isPilot?: boolean },
): Promise<OrgRow | undefined> {
  const [row] = await q.query<OrgRow>(
    `${BY_KEY}UPDATE orgs SET name = COALESCE($3, name), uses_stations = COALESCE($4, uses_stations),
       is_pilot = COALESCE($5, is_pilot), version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $2 RETURNING ${COLUMNS}`,
    [id, version, changes.name ?? null, changes.usesStations ?? null, changes.isPilot ?? null],
  );
  return row;
}

/** Moves a subtree: every descendant's path and depth, and the copies of paths on people. */
export async function moveSubtree(q: Queryable, org: OrgRow, newParent: OrgRow): Promise<OrgRow | undefined> {
  const oldPath = org.path;
  const newPath = `${newParent.path}${org.id}/`;
  const depthDelta = newParent.depth + 1 - org.depth;
  const [moved] = await q.query<OrgRow>(
    `${BY_KEY}UPDATE orgs SET parent_id = $2, version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $3 RETURNING ${COLUMNS}`,
    [org.id, newParent.id, org.version],
  );
  if (!moved) return undefined;
  const params = [likePrefix(oldPath), newPath, oldPath.length + 1];
  await q.query(
    `UPDATE orgs SET path = $2 || substr(path, $3), depth = depth + $4 WHERE ${inScope('path', 1)}`,
    [...params, depthDelta],
  );
  await movePeoplePaths(q, oldPath, newPath);
  return { ...moved, path: newPath, depth: org.depth + depthDelta };
}

export async function references(q: Queryable, org: OrgRow): Promise<{ children: number; people: number; posts: number; accounts: number }> {
  const [row] = await q.query<{ children: number; people: number; posts: number; accounts: number }>(
    `${BY_KEY}SELECT
       (SELECT count(*)::int FROM orgs WHERE parent_id = $1 AND status = 'active') AS children,
       ${orgPeopleSql.activePeople('$1')} AS people,
       ${orgPeopleSql.openPosts('$1')} AS posts,
       (SELECT count(*)::int FROM accounts WHERE scope_org_id = $1 AND status = 'active') AS accounts`,
    [org.id],
  );
  return row!;
}

export async function anyReference(q: Queryable, org: OrgRow): Promise<boolean> {
  const [row] = await q.query<{ used: boolean }>(
    `${BY_KEY}SELECT EXISTS (SELECT 1 FROM orgs WHERE parent_id = $1)
         OR ${orgPeopleSql.anyRecord('$1')}
         OR EXISTS (SELECT 1 FROM accounts WHERE scope_org_id = $1)
         OR EXISTS (SELECT 1 FROM station_designations WHERE org_id = $1) AS used`,
    [org.id],
  );
  return row?.used ?? true;
}

export async function closeOrg(q: Queryable, id: number, version: number): Promise<OrgRow | undefined> {
  const [row] = await q.query<OrgRow>(
    `${BY_KEY}UPDATE orgs SET status = 'closed', closed_at = now(), version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $2 RETURNING ${COLUMNS}`,
    [id, version],
  );
  return row;
}

export async function deleteOrg(q: Queryable, id: number, version: number): Promise<boolean> {
  const rows = await q.query(`${BY_KEY}DELETE FROM orgs WHERE id = $1 AND version = $2 RETURNING id`, [id, version]);
  return rows.length > 0;
}

export async function directVillagesOf(q: Queryable, townshipId: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `${BY_KEY}SELECT count(*)::int AS n FROM orgs WHERE parent_id = $1 AND type IN ('village','community') AND status = 'active'`,
    [townshipId],
  );
  return row?.n ?? 0;
}


// ---- 工作站称号 and 人员到位 ----

export type DesignationRow = {
  id: number; org_id: number; kind: string; year: number; designated_on: string | null; award_fen: number | null; note: string | null;
  station_name: string; township_id: number | null; township_name: string | null;
};

const DESIGNATION_SELECT = `
  SELECT d.id, d.org_id, d.kind, d.year, d.designated_on, d.award_fen::bigint AS award_fen, d.note,
         s.name AS station_name, t.id AS township_id, t.name AS township_name
  FROM station_designations d JOIN orgs s ON s.id = d.org_id LEFT JOIN orgs t ON t.id = s.parent_id AND t.type = 'township'`;

/** A station's designations, newest first. */
export async function designationsOf(q: Queryable, orgId: number) {
  return q.query<DesignationRow>(`${BY_KEY}${DESIGNATION_SELECT} WHERE d.org_id = $1 ORDER BY d.year DESC, d.id DESC`, [orgId]);
}

/** Designations of the stations under a path, filtered by kind and year, paged on (year, id). */
export async function listDesignations(q: Queryable, path: string, f: { kind?: string; year?: number }, page: number, pageSize: number) {
  const params: unknown[] = [likePrefix(path)];
  const where = [`${inScope('s.path', 1)}`];
  if (f.kind) where.push(`d.kind = $${params.push(f.kind)}`);
  if (f.year) where.push(`d.year = $${params.push(f.year)}`);
  const clause = where.join(' AND ');
  const [rows, [count]] = await Promise.all([
    q.query<DesignationRow>(`${DESIGNATION_SELECT} WHERE ${clause} ORDER BY d.year DESC, d.kind, s.sort, d.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM station_designations d JOIN orgs s ON s.id = d.org_id WHERE ${clause}`, params),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** One designation of a station under the path (GET /api/station-designations/{id}). */
export async function findDesignationUnder(q: Queryable, path: string, id: number) {
  const [row] = await q.query<DesignationRow>(`${DESIGNATION_SELECT} WHERE ${inScope('s.path', 1)} AND d.id = $2`, [likePrefix(path), id]);
  return row;
}

export async function findDesignation(q: Queryable, orgId: number, id: number) {
  const [row] = await q.query<DesignationRow>(`${BY_KEY}${DESIGNATION_SELECT} WHERE d.org_id = $1 AND d.id = $2`, [orgId, id]);
  return row;
}

/** How many stations of a township hold a designation of a kind in a year. */
export async function countInTownship(q: Queryable, townshipId: number, kind: string, year: number) {
  const [row] = await q.query<{ n: number }>(
    `${BY_KEY}SELECT count(*)::int AS n FROM station_designations d JOIN orgs s ON s.id = d.org_id WHERE s.parent_id = $1 AND d.kind = $2 AND d.year = $3`,
    [townshipId, kind, year],
  );
  return row?.n ?? 0;
}

/** Inserts a designation; undefined when the station already holds it that year. */
export async function insertDesignation(
  q: Queryable,
  d: { countyId: number; orgId: number; kind: string; year: number; designatedOn: string | null; awardFen: number | null; note: string | null; createdBy: number | null },
) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO station_designations (county_id, org_id, kind, year, designated_on, award_fen, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (org_id, kind, year) DO NOTHING RETURNING id`,
    [d.countyId, d.orgId, d.kind, d.year, d.designatedOn, d.awardFen, d.note, d.createdBy],
  );
  return row?.id;
}

export async function deleteDesignation(q: Queryable, orgId: number, id: number) {
  const rows = await q.query(`DELETE FROM station_designations WHERE org_id = $1 AND id = $2 RETURNING id`, [orgId, id]);
  return rows.length > 0;
}

/** Keeps the tree's pilot mark in step with the county_pilot designations. */
export async function syncPilotFlag(q: Queryable, orgId: number) {
  await q.query(
    `${BY_KEY}UPDATE orgs SET is_pilot = EXISTS (SELECT 1 FROM station_designations WHERE org_id = $1 AND kind = 'county_pilot') WHERE id = $1`,
    [orgId],
  );
}

/**
 * SQL over station designations for a module whose one statement lists them beside its own rows
 * (funds' awards page: the 七一 commendations with the awards, decisions.md "Funds"), in the shape
 * of people's `personSql`: `from(alias)` is the designations as the statement's source.
 * Columns read through the alias: `id`, `org_id`, `kind`, `year`, `award_fen`, `designated_on`.
 */
export const designationSql = {
  from: (alias: string) => `FROM station_designations ${alias}`,
};
