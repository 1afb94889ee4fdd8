// The only SQL of the weak-organization module: its own rows beside the cases, the link to the
// ledger problems it runs through (the problems themselves are the ledger's, read here only as
// cases: their title, state and deadline), and a branch's history.
import type { Queryable } from '../../db/db.js';
import { BY_KEY, inScope } from '../../core/scope.js';
import type { OwnRow } from '../../core/cases/case-engine.js';
import type { WeakReason, WeakSignals, WeakState } from '@lianxin/contract';

export type WeakDbRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; township: string | null;
  status: WeakState; version: number; year: number; reasons: WeakReason[]; note: string | null; signals: WeakSignals;
  leader: string | null; plan: string | null; opened_on: string; closed_on: string | null; problems: number; problems_closed: number;
};

const CLOSED = `('closed', 'published')`;
const SELECT = `
  SELECT c.id, c.county_id, c.org_id, c.org_path, o.name AS org_name, o.type AS org_type,
         (SELECT t.name FROM orgs t WHERE t.type = 'township' AND c.org_path LIKE t.path || '%' LIMIT 1) AS township,
         c.status, c.version, w.year, w.reasons, w.note, w.signals, w.leader, w.plan,
         (c.opened_at AT TIME ZONE 'Asia/Shanghai')::date::text AS opened_on, (c.resolved_at AT TIME ZONE 'Asia/Shanghai')::date::text AS closed_on,
         (SELECT count(*)::int FROM weak_org_problems l WHERE l.weak_case_id = c.id) AS problems,
         (SELECT count(*)::int FROM weak_org_problems l JOIN cases p ON p.id = l.problem_case_id WHERE l.weak_case_id = c.id AND p.status IN ${CLOSED}) AS problems_closed
    FROM cases c JOIN weak_orgs w ON w.case_id = c.id JOIN orgs o ON o.id = c.org_id`;

/** The own row a rectification opens with. */
export function weakRow(w: { countyId: number; year: number; reasons: WeakReason[]; note: string | null; signals: WeakSignals }): OwnRow {
  return { table: 'weak_orgs', values: { county_id: w.countyId, year: w.year, reasons: JSON.stringify(w.reasons), note: w.note, signals: JSON.stringify(w.signals) } };
}

export async function listWeak(q: Queryable, prefix: string, f: { year?: number; status?: WeakState; page: number; pageSize: number }) {
  const params: unknown[] = [prefix];
  const where = [`c.case_type = 'weak_org'`, inScope('c.org_path', 1)];
  if (f.year) where.push(`w.year = $${params.push(f.year)}`);
  if (f.status) where.push(`c.status = $${params.push(f.status)}`);
  const [rows, [count]] = await Promise.all([
    q.query<WeakDbRow>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY w.year DESC, c.resolved_at IS NULL DESC, c.org_path, c.id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`, params),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c JOIN weak_orgs w ON w.case_id = c.id WHERE ${where.join(' AND ')}`, params),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findWeak(q: Queryable, prefix: string, id: number): Promise<WeakDbRow | undefined> {
  const [row] = await q.query<WeakDbRow>(`${SELECT} WHERE c.id = $1 AND c.case_type = 'weak_org' AND ${inScope('c.org_path', 2)}`, [id, prefix]);
  return row;
}

/** The open rectifications (proposed, listed, awaiting acceptance) of the branches in a scope, by branch. */
export async function openByOrg(q: Queryable, prefix: string) {
  return q.query<{ id: number; org_id: number; status: WeakState }>(
    `SELECT c.id, c.org_id, c.status FROM cases c WHERE c.case_type = 'weak_org' AND c.resolved_at IS NULL AND ${inScope('c.org_path', 1)}`,
    [prefix],
  );
}

/** Serializes proposals for one branch (a second one waits, then finds the first open). */
export async function lockOrg(q: Queryable, orgId: number) {
  await q.query(`${BY_KEY}SELECT id FROM orgs WHERE id = $1 FOR UPDATE`, [orgId]);
}

export async function openOf(q: Queryable, orgId: number) {
  const [row] = await q.query<{ id: number }>(`${BY_KEY}SELECT c.id FROM cases c WHERE c.org_id = $1 AND c.case_type = 'weak_org' AND c.resolved_at IS NULL`, [orgId]);
  return row;
}

/** The branch's other rectifications, newest first. */
export async function historyOf(q: Queryable, prefix: string, orgId: number, exceptId: number) {
  return q.query<{ id: number; year: number; status: WeakState; opened_on: string; closed_on: string | null }>(
    `SELECT c.id, w.year, c.status, (c.opened_at AT TIME ZONE 'Asia/Shanghai')::date::text AS opened_on, (c.resolved_at AT TIME ZONE 'Asia/Shanghai')::date::text AS closed_on
       FROM cases c JOIN weak_orgs w ON w.case_id = c.id
      WHERE c.org_id = $2 AND c.id <> $3 AND c.case_type = 'weak_org' AND ${inScope('c.org_path', 1)}
      ORDER BY c.opened_at DESC`,
    [prefix, orgId, exceptId],
  );
}

/** The ledger problems the rectification runs through, as cases. */
export async function rectificationOf(q: Queryable, weakId: number) {
  return q.query<{ id: number; title: string; status: string; deadline: string | null }>(
    `${BY_KEY}SELECT p.id, p.title, p.status, p.deadline::text AS deadline FROM weak_org_problems l JOIN cases p ON p.id = l.problem_case_id
      WHERE l.weak_case_id = $1 ORDER BY p.id`,
    [weakId],
  );
}

export async function linkProblem(q: Queryable, weakId: number, problemId: number, countyId: number) {
  await q.query(`INSERT INTO weak_org_problems (weak_case_id, problem_case_id, county_id) VALUES ($1, $2, $3)`, [weakId, problemId, countyId]);
}

export async function savePlan(q: Queryable, weakId: number, leader: string, plan: string) {
  await q.query(`UPDATE weak_orgs SET leader = $2, plan = $3 WHERE case_id = $1`, [weakId, leader, plan]);
}

export async function problemCounts(q: Queryable, weakId: number) {
  const [row] = await q.query<{ n: number; closed: number }>(
    `${BY_KEY}SELECT count(*)::int AS n, count(*) FILTER (WHERE p.status IN ${CLOSED})::int AS closed
       FROM weak_org_problems l JOIN cases p ON p.id = l.problem_case_id WHERE l.weak_case_id = $1`,
    [weakId],
  );
  return row!;
}

/**
 * 工作台: for the county, branches proposed and rectifications awaiting acceptance in its scope;
 * for the township above a branch, rectifications the county did not accept (the last step a return).
 */
export async function forToday(q: Queryable, prefix: string, ownPath: string, decides: boolean) {
  return q.query<{ kind: 'weak_to_decide' | 'weak_returned'; id: number; title: string; org: string; due: string | null; reason: string | null; at: Date }>(
    `SELECT CASE WHEN c.status = 'listed' THEN 'weak_returned' ELSE 'weak_to_decide' END AS kind,
            c.id, c.title, o.name AS org, NULL::text AS due, CASE WHEN c.status = 'listed' THEN r.body END AS reason, c.updated_at AS at
       FROM cases c JOIN orgs o ON o.id = c.org_id
       LEFT JOIN LATERAL (SELECT e.body, e.transition FROM case_events e WHERE e.case_id = c.id AND e.kind = 'transition' ORDER BY e.seq DESC LIMIT 1) r ON true
      WHERE c.case_type = 'weak_org' AND ${inScope('c.org_path', 1)} AND c.org_path <> $2
        AND (($3::boolean AND c.status IN ('proposed', 'acceptance')) OR (NOT $3::boolean AND c.status = 'listed' AND r.transition = 'return'))
      ORDER BY c.updated_at DESC, c.id DESC LIMIT 50`,
    [prefix, ownPath, decides],
  );
}
