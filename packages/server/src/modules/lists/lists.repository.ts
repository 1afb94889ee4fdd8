// SQL of the task list and the responsibility list; reads limited to the actor's subtree.
import { openPredicate } from '../../core/cases/registry.js';
import type { Queryable } from '../../db/db.js';
import { likePrefix, type Scope } from '../../core/access.js';
import type { OwnRow } from '../../core/cases/case-engine.js';
import { inScope, BY_KEY } from '../../core/scope.js';
import { personSql } from '../people/index.js';

export type TaskDbRow = {
  id: number;
  county_id: number;
  org_id: number;
  org_path: string;
  org_name: string;
  org_type: string;
  status: string;
  deadline: string | null;
  resolved_at: Date | null;
  version: number;
  year: number;
  content: string;
  owner_org_id: number;
  owner_org_name: string;
  owner_org_type: string;
  owner_org_path: string;
  owner_person: string | null;
  result: string | null;
};

// The case lies at the owner org; the list org keeps the list.
const TASK_SELECT = `
  SELECT c.id, c.county_id, lo.id AS org_id, lo.path AS org_path, lo.name AS org_name, lo.type AS org_type, c.status,
         c.deadline, c.resolved_at, c.version, t.year, t.content, c.org_id AS owner_org_id, oo.name AS owner_org_name,
         oo.type AS owner_org_type, c.org_path AS owner_org_path, t.owner_person, t.result
  FROM cases c JOIN tasks t ON t.case_id = c.id JOIN orgs lo ON lo.id = t.list_org_id JOIN orgs oo ON oo.id = c.org_id`;

/** A task's own row, written by the case engine with its case. */
export function taskRow(t: { countyId: number; year: number; content: string; listOrgId: number; ownerPerson: string | null }): OwnRow {
  return { table: 'tasks', values: { county_id: t.countyId, year: t.year, content: t.content, list_org_id: t.listOrgId, owner_person: t.ownerPerson } };
}

export async function findTask(q: Queryable, scope: Scope, id: number) {
  const [row] = await q.query<TaskDbRow>(`${TASK_SELECT} WHERE c.id = $1 AND c.case_type = 'task' AND ${inScope('c.org_path', 2)}`, [id, likePrefix(scope.path)]);
  return row;
}

/**
 * Tasks of a year whose work lies in the scope: those of lists kept at or under the root, and
 * those owned at or under it whichever list they are on (a village sees the township's tasks it
 * must do).
 */
export async function listTasks(q: Queryable, scope: Scope, rootPath: string, filter: { year: number | null; open: boolean }, page: { limit: number; offset: number }) {
  // $2 is the year or NULL (every year); "open" is the task type's own definition, the one 工作台 counts
  return q.query<TaskDbRow & { total_count: number }>(
    `${TASK_SELECT.replace('SELECT ', 'SELECT count(*) OVER ()::int AS total_count, ')} WHERE c.case_type = 'task' AND ${inScope('c.org_path', 3)}
       AND ($2::int IS NULL OR t.year = $2)${filter.open ? ` AND ${openPredicate('task')}` : ''}
       AND (${inScope('c.org_path', 1)} OR ${inScope('lo.path', 1)})
     ORDER BY c.deadline NULLS LAST, c.id LIMIT $4 OFFSET $5`,
    [likePrefix(rootPath), filter.year, likePrefix(scope.path), page.limit, page.offset],
  );
}

export async function setTaskResult(q: Queryable, caseId: number, result: string) {
  await q.query(`UPDATE tasks SET result = $2 WHERE case_id = $1`, [caseId, result]);
}

export async function listPathOf(q: Queryable, caseId: number) {
  const [row] = await q.query<{ path: string }>(`${BY_KEY}SELECT o.path FROM tasks t JOIN orgs o ON o.id = t.list_org_id WHERE t.case_id = $1`, [caseId]);
  return row?.path ?? '';
}

export type ResponsibilityDbRow = {
  id: number; county_id: number; org_id: number; org_name: string; org_type: string; year: number;
  post_role: string | null; person_id: number | null; person_name: string | null; duty: string; version: number;
};

export async function listResponsibilities(q: Queryable, rootPath: string, year: number, page: { limit: number; offset: number }) {
  return q.query<ResponsibilityDbRow & { total_count: number }>(
    `SELECT count(*) OVER ()::int AS total_count, r.id, r.county_id, r.org_id, o.name AS org_name, o.type AS org_type, r.year, r.post_role, r.person_id,
            p.name AS person_name, r.duty, r.version
     FROM responsibilities r JOIN orgs o ON o.id = r.org_id ${personSql.leftJoin('p', 'r.person_id')}
     WHERE ${inScope('r.org_path', 1)} AND r.year = $2 AND r.status = 'active' ORDER BY r.org_path, r.id LIMIT $3 OFFSET $4`,
    [likePrefix(rootPath), year, page.limit, page.offset],
  );
}

/** One responsibility still on the list, scoped like the list (at or under the scope). */
export async function responsibilityInScope(q: Queryable, scope: Scope, id: number) {
  const [row] = await q.query<ResponsibilityDbRow>(
    `SELECT r.id, r.county_id, r.org_id, o.name AS org_name, o.type AS org_type, r.year, r.post_role, r.person_id,
            p.name AS person_name, r.duty, r.version
     FROM responsibilities r JOIN orgs o ON o.id = r.org_id ${personSql.leftJoin('p', 'r.person_id')}
     WHERE r.id = $2 AND ${inScope('r.org_path', 1)} AND r.status = 'active'`,
    [likePrefix(scope.path), id],
  );
  return row;
}

export async function insertResponsibility(q: Queryable, r: { countyId: number; orgId: number; orgPath: string; year: number; postRole: string | null; personId: number | null; duty: string }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO responsibilities (county_id, org_id, org_path, year, post_role, person_id, duty) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
    [r.countyId, r.orgId, r.orgPath, r.year, r.postRole, r.personId, r.duty],
  );
  return row!.id;
}

export async function findResponsibility(q: Queryable, scope: Scope, id: number) {
  const [row] = await q.query<{ id: number; county_id: number; version: number; status: string }>(
    `SELECT id, county_id, version, status FROM responsibilities WHERE id = $1 AND ${inScope('org_path', 2)} FOR UPDATE`,
    [id, likePrefix(scope.path)],
  );
  return row;
}

export async function removeResponsibility(q: Queryable, id: number, version: number) {
  const rows = await q.query(`${BY_KEY}UPDATE responsibilities SET status = 'removed', version = version + 1 WHERE id = $1 AND version = $2 RETURNING id`, [id, version]);
  return rows.length > 0;
}

