// The only file with SQL of the problem ledger. Reads are limited to the actor's subtree by the
// case's org path; the engine's tables (cases, case_events) are joined, never written, here —
// except the problem's own columns.
import type { ListProblemsQuery, ProblemSource, ProblemState } from '@lianxin/contract';
import { prepared, type Queryable } from '../../db/db.js';
import { casePage, pageOrderFor } from '../../core/cases/case-page.js';
import { typesOnPathSql } from '../../core/org-tree.js';
import { openPredicate } from '../../core/cases/registry.js';
import './problems.case.js';
import type { OwnRow } from '../../core/cases/case-engine.js';
import { likePrefix, type Scope } from '../../core/access.js';
import { inScope, inCounty, BY_KEY, SYSTEM } from '../../core/scope.js';
import { findingSql } from '../inspections/index.js';

export type ProblemRow = {
  id: number;
  county_id: number;
  org_id: number;
  org_path: string;
  org_name: string;
  org_type: string;
  status: ProblemState;
  title: string;
  deadline: string | null;
  opened_at: Date;
  resolved_at: Date | null;
  closed_at: Date | null;
  supervision_due: string | null;
  escalated_to_org_id: number | null;
  version: number;
  source: ProblemSource;
  category: string;
  description: string;
  measures: string | null;
  progress: string | null;
  responsible_org_id: number;
  responsible_org_name: string;
  responsible_org_type: string;
  responsible_org_path: string;
  responsible_person: string | null;
  checker_account_id: number | null;
  checker_name: string | null;
  closure_opinion: string | null;
  public_summary: string | null;
  published_at: Date | null;
  returned_count: number;
  source_ref: string | null;
  finding_id: number | null;
  inspection_id: number | null;
  /** The source's label in the county's settings; null when the county has no settings row or no such code (then the built-in label). */
  source_label: string | null;
};

// A function, not a constant: the ledger and inspections import each other's front doors, so the
// fragment is read when a statement is built, never while the modules are still loading.
const select = () => `
  SELECT c.id, c.county_id, c.org_id, c.org_path, o.name AS org_name, o.type AS org_type, c.status, c.title,
         c.deadline, c.opened_at, c.resolved_at, c.closed_at, c.supervision_due, c.escalated_to_org_id, c.version,
         p.source, p.category, p.description, p.measures, p.progress, p.responsible_org_id,
         ro.name AS responsible_org_name, ro.type AS responsible_org_type, ro.path AS responsible_org_path,
         p.responsible_person, p.checker_account_id, a.display_name AS checker_name, p.closure_opinion,
         p.public_summary, p.published_at, p.returned_count, p.source_ref, p.finding_id, f.inspection_id,
         (SELECT x->>'label' FROM jsonb_array_elements(ls.sources) x WHERE x->>'code' = p.source LIMIT 1) AS source_label
  FROM cases c
  JOIN problems p ON p.case_id = c.id
  JOIN orgs o ON o.id = c.org_id
  JOIN orgs ro ON ro.id = p.responsible_org_id
  LEFT JOIN accounts a ON a.id = p.checker_account_id
  LEFT JOIN ledger_settings ls ON ls.county_id = p.county_id
  ${findingSql.leftJoin('f', 'p.finding_id')}`;

export async function findProblem(q: Queryable, scope: Scope, id: number): Promise<ProblemRow | undefined> {
  const [row] = await q.query<ProblemRow>(`${select()} WHERE c.id = $1 AND c.case_type = 'problem' AND ${inScope('c.org_path', 2)}`, [id, likePrefix(scope.path)]);
  return row;
}

/** A problem's own row, written by the case engine with its case. */
export function problemRow(
  p: { countyId: number; source: string; category: string; description: string; measures: string | null; responsibleOrgId: number; responsiblePerson: string | null; checkerAccountId: number | null; sourceRef: string | null; findingId?: number | null },
): OwnRow {
  return {
    table: 'problems',
    values: {
      county_id: p.countyId, source: p.source, category: p.category, description: p.description, measures: p.measures,
      responsible_org_id: p.responsibleOrgId, responsible_person: p.responsiblePerson, checker_account_id: p.checkerAccountId, source_ref: p.sourceRef,
      ...(p.findingId ? { finding_id: p.findingId } : {}),
    },
  };
}

/** The problem's own columns a transition may change. */
export async function updateProblemFields(
  q: Queryable,
  caseId: number,
  f: { measures?: string; progress?: string; closureOpinion?: string; publicSummary?: string; publishedAt?: Date; reportedToOrgId?: number | null; returned?: boolean },
) {
  await q.query(
    `UPDATE problems SET measures = COALESCE($2, measures), progress = COALESCE($3, progress),
       closure_opinion = COALESCE($4, closure_opinion), public_summary = COALESCE($5, public_summary),
       published_at = COALESCE($6, published_at), reported_to_org_id = COALESCE($7, reported_to_org_id),
       returned_count = returned_count + CASE WHEN $8 THEN 1 ELSE 0 END
     WHERE case_id = $1`,
    [caseId, f.measures ?? null, f.progress ?? null, f.closureOpinion ?? null, f.publicSummary ?? null, f.publishedAt ?? null, f.reportedToOrgId ?? null, f.returned ?? false],
  );
}

/** The types of the orgs on a path ('/id/id/…/', the org itself included), as a SQL expression. */

export async function extraOf(q: Queryable, caseId: number) {
  const [row] = await q.query<{ responsible_org_path: string; checker_account_id: number | null; closure_signer: string | null; path_types: string[] }>(
    `${BY_KEY}SELECT ro.path AS responsible_org_path, p.checker_account_id, s.closure_signer, ${typesOnPathSql('c.org_path', 'ro.path')} AS path_types
     FROM problems p JOIN cases c ON c.id = p.case_id JOIN orgs ro ON ro.id = p.responsible_org_id LEFT JOIN ledger_settings s ON s.county_id = p.county_id
     WHERE p.case_id = $1`,
    [caseId],
  );
  return row;
}

/**
 * Problems submitted for checking in the scope that name this account or nobody as checker, with
 * what the ledger's checker rule needs (the service decides which wait on the account).
 */
export async function submittedInScope(q: Queryable, scope: Scope, accountId: number, limit: number) {
  return q.query<{ id: number; title: string; org: string; due: string | null; at: Date; org_path: string; responsible_org_path: string; checker_account_id: number | null; path_types: string[] }>(
    `SELECT c.id, c.title, o.name AS org, c.deadline::text AS due, c.updated_at AS at, c.org_path, ro.path AS responsible_org_path,
            p.checker_account_id, ${typesOnPathSql('c.org_path', 'ro.path')} AS path_types
       FROM cases c JOIN problems p ON p.case_id = c.id JOIN orgs o ON o.id = c.org_id JOIN orgs ro ON ro.id = p.responsible_org_id
      WHERE c.case_type = 'problem' AND c.status = 'submitted' AND ${inScope('c.org_path', 1)}
        AND (p.checker_account_id = $2 OR p.checker_account_id IS NULL)
      ORDER BY c.updated_at DESC
      LIMIT ${limit}`,
    [likePrefix(scope.path), accountId],
  );
}

/**
 * The subtree a ledger query covers: a path, or a county's whole tree (`countyRoot`, the county's
 * id, with its path), which is selected by county_id — the same rows, read from the county index
 * newest first instead of through the path range (see migration 040).
 */
export type LedgerScope = string | { path: string; countyRoot: number };

/** WHERE clause of a ledger filter, shared by the list, the export and the statistics. */
export function ledgerFilter(scope: LedgerScope, f: ListProblemsQuery, today: string, escalatedTo?: number) {
  const scopePath = typeof scope === 'string' ? scope : scope.path;
  // the open-case filters read the partial index of open cases by path; the rest a county root
  // reads by county. (Both predicates at once make the planner multiply their selectivities.)
  const byCounty = typeof scope !== 'string' && !f.overdue && !f.supervisionDue;
  const where = [`c.case_type = 'problem'`, byCounty ? inCounty('c.county_id', 1) : inScope('c.org_path', 1)];
  const params: unknown[] = [byCounty ? scope.countyRoot : likePrefix(scopePath)];
  const add = (sql: (n: string) => string, v: unknown) => {
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  if (f.status) add((n) => `c.status = ${n}`, f.status);
  if (f.open) where.push(openPredicate('problem'));
  if (f.source) add((n) => `p.source = ${n}`, f.source);
  if (f.category) add((n) => `p.category = ${n}`, f.category);
  if (f.overdue) add((n) => `c.resolved_at IS NULL AND c.deadline < ${n}::date`, today);
  if (f.supervisionDue) add((n) => `c.resolved_at IS NULL AND c.supervision_due <= ${n}::date`, today);
  if (f.escalated && escalatedTo) add((n) => `c.escalated_to_org_id = ${n}`, escalatedTo);
  if (f.q?.trim()) add((n) => `(c.title LIKE ${n} OR p.description LIKE ${n})`, `%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  // a page by county id walks the county's own index in id order; by path it reads the subtree's ids (core/cases/case-page.ts)
  return { where: where.join(' AND '), params, pageOrder: byCounty ? ('walk' as const) : pageOrderFor(scopePath) };
}

/** Whether a filter reads the problem's own columns (else cases alone answer it: every problem case has its row). */
const needsProblems = (where: string) => /\bp\./.test(where);

/** A page's rows by their ids, newest first (prepared: planning this join costs more than running it; one name per text, kept by `prepared`). */
const pageRows = () => prepared(`${BY_KEY}${select()} WHERE c.id = ANY($1::bigint[]) ORDER BY c.id DESC`);

export async function listProblems(q: Queryable, scope: LedgerScope, f: ListProblemsQuery, today: string, escalatedTo?: number) {
  const { where, params, pageOrder } = ledgerFilter(scope, f, today, escalatedTo);
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  const from = `FROM cases c ${needsProblems(where) ? 'JOIN problems p ON p.case_id = c.id' : ''} WHERE ${where}`;
  // Newest first: the page's ids from cases alone (the county or scope index; problems joined only
  // for a filter on their columns) and the count in one round trip, then the 20 rows by id.
  return casePage<ProblemRow>(q, from, params, page, pageSize, pageRows(), pageOrder);
}

/** Counts per status under the same filter as the list (one pass, the status filter left out by the caller). */
export async function countProblems(q: Queryable, scope: LedgerScope, f: ListProblemsQuery, today: string, escalatedTo?: number) {
  const { where, params } = ledgerFilter(scope, f, today, escalatedTo);
  params.push(today);
  const t = `$${params.length}::date`;
  return q.query<{ status: ProblemState; n: number; overdue: number; supervision_due: number }>(
    `SELECT c.status, count(*)::int AS n,
            count(*) FILTER (WHERE c.resolved_at IS NULL AND c.deadline < ${t})::int AS overdue,
            count(*) FILTER (WHERE c.resolved_at IS NULL AND c.supervision_due <= ${t})::int AS supervision_due
     FROM cases c ${needsProblems(where) ? 'JOIN problems p ON p.case_id = c.id' : ''} WHERE ${where} GROUP BY c.status`,
    params,
  );
}

export async function* iterateProblems(q: Queryable, scope: LedgerScope, f: ListProblemsQuery, today: string, batch = 1000) {
  const { where, params } = ledgerFilter(scope, f, today);
  let after = 0;
  for (;;) {
    const rows = await q.query<ProblemRow>(`${select()} WHERE ${where} AND c.id > $${params.length + 1} ORDER BY c.id LIMIT ${batch}`, [...params, after]);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
    if (rows.length < batch) return;
  }
}

export type StatsRow = { org_id: number; total: number; open: number; overdue: number; closed: number; closed_on_time: number; days_sum: number | null };

/**
 * Statistics from the records, one row per child of the node (problems lying at the node itself
 * come back under the node's own id), in one pass over the node's subtree: totals, open, overdue,
 * closed, closed on time (accepted by the deadline, China time) and the days it took to close.
 */
export async function ledgerStats(q: Queryable, node: { id: number; path: string }, today: string) {
  return q.query<StatsRow>(
    `SELECT CASE WHEN c.org_path = $2 THEN $1::bigint
                 ELSE split_part(substr(c.org_path, length($2) + 1), '/', 1)::bigint END AS org_id,
            count(*)::int AS total,
            count(*) FILTER (WHERE c.closed_at IS NULL)::int AS open,
            count(*) FILTER (WHERE c.resolved_at IS NULL AND c.deadline < $3::date)::int AS overdue,
            count(c.closed_at)::int AS closed,
            count(*) FILTER (WHERE c.closed_at IS NOT NULL
                             AND (c.deadline IS NULL OR (c.resolved_at AT TIME ZONE 'Asia/Shanghai')::date <= c.deadline))::int AS closed_on_time,
            sum(EXTRACT(EPOCH FROM (c.closed_at - c.opened_at)) / 86400.0)::float8 AS days_sum
     FROM cases c
     WHERE c.case_type = 'problem' AND ${inScope('c.org_path', 4)}
     GROUP BY 1`,
    [node.id, node.path, today, likePrefix(node.path)],
  );
}

/** Active counties with how many closures each has published (public: names only). */
export async function publicCounties(q: Queryable) {
  return q.query<{ id: number; name: string; published: number }>(
    `${SYSTEM}SELECT o.id, o.name,
            (SELECT count(*)::int FROM cases c WHERE c.county_id = o.id AND c.case_type = 'problem' AND c.status = 'published') AS published
     FROM orgs o WHERE o.type = 'county' AND o.status = 'active' ORDER BY o.name, o.id`,
  );
}

export async function publicClosures(q: Queryable, countyId: number, page: number, pageSize: number) {
  const [rows, [count]] = await Promise.all([
    q.query<{ id: number; org_name: string; township: string | null; category: string; source: string; description: string; public_summary: string; opened_at: Date; closed_at: Date | null; published_at: Date }>(
      `${SYSTEM}SELECT c.id, o.name AS org_name, t.name AS township, p.category, p.source, p.description, p.public_summary,
              c.opened_at, c.closed_at, p.published_at
       FROM cases c JOIN problems p ON p.case_id = c.id JOIN orgs o ON o.id = c.org_id
       LEFT JOIN LATERAL (SELECT name FROM orgs WHERE type = 'township' AND c.org_path LIKE path || '%' LIMIT 1) t ON true
       WHERE c.county_id = $1 AND c.case_type = 'problem' AND c.status = 'published'
       ORDER BY p.published_at DESC, c.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      [countyId],
    ),
    q.query<{ n: number }>(`${SYSTEM}SELECT count(*)::int AS n FROM cases c WHERE c.county_id = $1 AND c.case_type = 'problem' AND c.status = 'published'`, [countyId]),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function settingsOf(q: Queryable, countyId: number) {
  const [row] = await q.query<{ categories: string[]; supervision_days: number; closure_signer: string; sources: { code: string; label: string; active: boolean }[] | null }>(
    `SELECT categories, supervision_days, closure_signer, sources FROM ledger_settings WHERE county_id = $1`,
    [countyId],
  );
  return row;
}

export async function saveSettings(
  q: Queryable,
  countyId: number,
  s: { categories: string[]; supervisionDays: number; closureSigner: string; sources: { code: string; label: string; active: boolean }[] },
) {
  await q.query(
    `INSERT INTO ledger_settings (county_id, categories, supervision_days, closure_signer, sources) VALUES ($1, $2::text[], $3, $4, $5::jsonb)
     ON CONFLICT (county_id) DO UPDATE SET categories = EXCLUDED.categories, supervision_days = EXCLUDED.supervision_days,
       closure_signer = EXCLUDED.closure_signer, sources = EXCLUDED.sources`,
    [countyId, s.categories, s.supervisionDays, s.closureSigner, JSON.stringify(s.sources)],
  );
}

export async function accountInScope(q: Queryable, scope: Scope, id: number) {
  const [row] = await q.query<{ id: number; display_name: string; roles: string[]; path: string }>(
    `SELECT a.id, a.display_name, a.roles, o.path FROM accounts a JOIN orgs o ON o.id = a.scope_org_id
     WHERE a.id = $1 AND ${inScope('o.path', 2)} AND a.status = 'active'`,
    [id, likePrefix(scope.path)],
  );
  return row;
}


// ---- 工作台 (home reads these through the ledger's today source and count source) ----

export type LedgerTodayRow = { kind: string; id: number; title: string; org: string; due: string | null; reason: string | null; at: Date | string };

/** Problems my org must rectify: sent back (with the checker's reason), overdue, to start, in progress. */
export function todayOwnProblems(q: Queryable, p: { orgId: number; like: string; today: string; limit: number }) {
  return q.query<LedgerTodayRow>(
    `SELECT CASE WHEN c.deadline < $3 THEN 'problem_overdue'
                 WHEN c.status = 'rectifying' AND r.body IS NOT NULL THEN 'problem_returned'
                 WHEN c.status = 'registered' THEN 'problem_to_start'
                 ELSE 'problem_rectifying' END AS kind,
            c.id, c.title, o.name AS org, c.deadline::text AS due, r.body AS reason,
            greatest(c.updated_at, coalesce(r.at, c.opened_at)) AS at
       FROM cases c
       JOIN problems p ON p.case_id = c.id
       JOIN orgs o ON o.id = c.org_id
       LEFT JOIN LATERAL (
             SELECT e.body, e.at FROM case_events e
              WHERE e.case_id = c.id AND e.kind = 'transition' AND e.transition = 'return'
                AND p.returned_count > 0 AND c.status = 'rectifying'
              ORDER BY e.seq DESC LIMIT 1) r ON true
      WHERE c.case_type = 'problem' AND c.status IN ('registered', 'rectifying')
        AND p.responsible_org_id = $1 AND ${inScope('c.org_path', 2)}
      ORDER BY c.deadline, c.id DESC
      LIMIT $4`,
    [p.orgId, p.like, p.today, p.limit],
  );
}

/** 督办: open problems below my org whose supervision date falls within the week (`soon`) or has passed. */
export function todaySupervisionDue(q: Queryable, p: { orgId: number; like: string; soon: string; limit: number }) {
  return q.query<LedgerTodayRow>(
    `SELECT 'problem_supervision' AS kind, c.id, c.title, o.name AS org, c.supervision_due::text AS due,
            NULL::text AS reason, c.updated_at AS at
       FROM cases c
       JOIN problems p ON p.case_id = c.id
       JOIN orgs o ON o.id = c.org_id
      WHERE c.case_type = 'problem' AND c.resolved_at IS NULL AND ${inScope('c.org_path', 2)}
        AND p.responsible_org_id <> $1 AND c.supervision_due <= $3
      ORDER BY c.supervision_due, c.id DESC
      LIMIT $4`,
    [p.orgId, p.like, p.soon, p.limit],
  );
}

// ---- 督查通报导入 (ledger.import.ts): the responsible org named in a row ----

/** The active orgs in the scope with this exact name. */
export async function orgsNamedInScope(q: Queryable, scope: Scope, name: string) {
  return q.query<{ id: number; path: string }>(
    `SELECT id, path FROM orgs WHERE name = $1 AND ${inScope('path', 2)} AND status = 'active'`,
    [name, likePrefix(scope.path)],
  );
}

/** Names of orgs by key (the ancestors on the paths just read, which may lie above the scope). */
export async function orgNamesByIds(q: Queryable, ids: readonly number[]) {
  return q.query<{ id: number; name: string }>(`${SYSTEM}SELECT id, name FROM orgs WHERE id = ANY($1::bigint[])`, [ids]);
}

/**
 * SQL over a problem's own row for a module whose one statement shows a case that may be a
 * problem (what a whistle was blown for), in the shape of people's `personSql`: `leftJoin(alias,
 * caseKey)` joins the problem of the case whose id is the expression `caseKey`.
 */
export const problemSql = {
  leftJoin: (alias: string, caseKey: string) => `LEFT JOIN problems ${alias} ON ${alias}.case_id = ${caseKey}`,
};
