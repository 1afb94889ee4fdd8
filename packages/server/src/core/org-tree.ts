// The org tree as every module reads it: one org within a scope, the orgs above a path (its
// township, its station, the types on it), an org's children. Modules ask here instead of querying
// the orgs table themselves or borrowing another module's repository; the orgs module owns the
// writes.
import type { Queryable } from '../db/db.js';
import { likePrefix, type Scope } from './access.js';
import { inScope as inScopeSql, BY_KEY, SYSTEM } from './scope.js';

export type OrgNode = { id: number; name: string; type: string; path: string; county_id: number; status: string; parent_id: number | null };
export type OrgChild = { id: number; name: string; type: string };

const NODE = `SELECT id, name, type, path, county_id, status, parent_id FROM orgs`;

/** The ids on a materialized path ('/1/10/20/' → [1, 10, 20]), the path's own org last. */
export function idsOnPath(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** An org by id when it lies within the scope (at or below the scope org); undefined otherwise. */
export async function inScope(q: Queryable, scope: Scope, id: number): Promise<OrgNode | undefined> {
  const [row] = await q.query<OrgNode>(`${NODE} WHERE id = $1 AND ${inScopeSql('path', 2)}`, [id, likePrefix(scope.path)]);
  return row;
}

/**
 * An org by id with no scope: only for readers that have no account (the public pages, which
 * then check the org's type and status themselves) and for jobs.
 */
export async function publicOrg(q: Queryable, id: number): Promise<OrgNode | undefined> {
  const [row] = await q.query<OrgNode>(`${SYSTEM}${NODE} WHERE id = $1`, [id]);
  return row;
}

/** The orgs on a path, from the root down (the path's own org last). */
export async function ancestors(q: Queryable, path: string): Promise<OrgNode[]> {
  return q.query<OrgNode>(`${SYSTEM}${NODE} WHERE id = ANY($1::bigint[]) ORDER BY depth`, [idsOnPath(path)]);
}

/**
 * SQL: the types of the orgs on a path expression (for a statement that needs them per row);
 * with `notUnder`, only the orgs that are not that path's org or below it (the levels above it).
 */
export const typesOnPathSql = (path: string, notUnder?: string) =>
  `ARRAY(SELECT t.type FROM orgs t WHERE t.id = ANY(string_to_array(trim(both '/' from ${path}), '/')::bigint[])${
    notUnder ? ` AND left(t.path, length(${notUnder})) <> ${notUnder}` : ''
  })`;

/** The types of the orgs on a path (is there a station above this village?). */
export async function typesOnPath(q: Queryable, path: string): Promise<string[]> {
  const [row] = await q.query<{ types: string[] }>(`${SYSTEM}SELECT ${typesOnPathSql('$1::text')} AS types`, [path]);
  return row?.types ?? [];
}

/** The nearest org of a type on a path (the path's own org included), if any. */
async function nearestOfType(q: Queryable, path: string, type: string): Promise<{ id: number; name: string } | undefined> {
  const [row] = await q.query<{ id: number; name: string }>(
    `${BY_KEY}SELECT id, name FROM orgs WHERE id = ANY($1::bigint[]) AND type = $2 ORDER BY depth DESC LIMIT 1`,
    [idsOnPath(path), type],
  );
  return row;
}

/** The township on a path (the escalation and 情况报告 target), if any. */
export function townshipAbove(q: Queryable, path: string) {
  return nearestOfType(q, path, 'township');
}

/** The station (管理站) on a path, if any. */
export function stationAbove(q: Queryable, path: string) {
  return nearestOfType(q, path, 'station');
}

/** The active children of an org, in the tree's order. */
export async function children(q: Queryable, id: number): Promise<OrgChild[]> {
  return q.query<OrgChild>(`${BY_KEY}SELECT id, name, type FROM orgs WHERE parent_id = $1 AND status = 'active' ORDER BY sort, id`, [id]);
}

/**
 * Orgs by id with no scope, for a service that then checks each against the actor's place (an
 * inspection's targets must lie below the inspector) or shows the names of orgs a record in
 * scope already names.
 */
export async function byIds(q: Queryable, ids: readonly number[]): Promise<OrgNode[]> {
  if (ids.length === 0) return [];
  return q.query<OrgNode>(`${BY_KEY}${NODE} WHERE id = ANY($1::bigint[])`, [ids]);
}
