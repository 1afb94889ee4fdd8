// The only file with SQL of directives, assignments and recurring series. Fan-out to thousands of
// orgs is one INSERT … SELECT; reads are limited to the actor's subtree by path.
import type { FormField } from '@lianxin/contract';
import { prepared, type Queryable } from '../../db/db.js';
import { likePrefix, type Scope } from '../../core/access.js';
import { auditCtes, type AuditEntry } from '../../core/audit.js';
import { inScope, BY_KEY, SYSTEM } from '../../core/scope.js';
import { TOTAL_COUNT, type PageWindow } from '../../core/paging.js';

export type OrgLite = { id: number; name: string; type: string; path: string; county_id: number; status: string; parent_id: number | null };

export type DirectiveRow = {
  id: number;
  county_id: number;
  issuer_org_id: number;
  issuer_path: string;
  issuer_name: string;
  issuer_type: string;
  parent_assignment_id: number | null;
  series_id: number | null;
  kind: string;
  title: string;
  content: string;
  form: FormField[];
  period_key: string | null;
  due_date: string;
  allow_late: boolean;
  status: 'open' | 'closed';
  created_at: Date;
  version: number;
};

export type AssignmentRow = {
  id: number;
  county_id: number;
  directive_id: number;
  org_id: number;
  org_path: string;
  org_name: string;
  org_type: string;
  due_date: string;
  status: 'pending' | 'reported';
  outcome: 'done' | 'partly' | 'not_done' | null;
  reason: string | null;
  report: string | null;
  figures: Record<string, number | string>;
  reported_at: Date | null;
  reported_by: number | null;
  late: boolean;
  version: number;
};

const DIRECTIVE_SELECT = `
  SELECT d.id, d.county_id, d.issuer_org_id, d.issuer_path, o.name AS issuer_name, o.type AS issuer_type,
         d.parent_assignment_id, d.series_id, d.kind, d.title, d.content, d.form, d.period_key, d.due_date,
         d.allow_late, d.status, d.created_at, d.version
  FROM directives d JOIN orgs o ON o.id = d.issuer_org_id`;

const ASSIGNMENT_SELECT = `
  SELECT a.id, a.county_id, a.directive_id, a.org_id, a.org_path, o.name AS org_name, o.type AS org_type, a.due_date,
         a.status, a.outcome, a.reason, a.report, a.figures, a.reported_at, a.reported_by, a.late, a.version
  FROM assignments a JOIN orgs o ON o.id = a.org_id`;

export async function orgInScope(q: Queryable, scope: Scope, id: number): Promise<OrgLite | undefined> {
  const [row] = await q.query<OrgLite>(
    `SELECT id, name, type, path, county_id, status, parent_id FROM orgs WHERE id = $1 AND ${inScope('path', 2)}`,
    [id, likePrefix(scope.path)],
  );
  return row;
}

/** Orgs among ids that lie strictly below the issuer and are open. */
/**
 * The open orgs below an issuer that a directive goes to — the chosen ones, or every one of a
 * type — in the order of the tree; with `allocate`, also the id the directive will have (so that
 * the one statement that writes it can write its audit record, which names it).
 */
export async function recipientsBelow(
  q: Queryable,
  issuer: { path: string; county_id: number },
  targets: { orgIds?: number[]; type?: string },
  allocate: boolean,
): Promise<{ ids: number[]; next_id: number | null }> {
  // every org below the issuer is in its county: (county_id, type) finds a type's orgs there
  const which = targets.orgIds?.length ? 'id = ANY($3::bigint[])' : 'county_id = $4 AND type = ANY($3::text[])';
  const [row] = await q.query<{ ids: number[]; next_id: number | null }>(
    `SELECT ARRAY(SELECT id FROM orgs WHERE ${inScope('path', 1)} AND path <> $2 AND ${which} AND status = 'active' ORDER BY path) AS ids,
            ${allocate ? `nextval(pg_get_serial_sequence('directives', 'id'))` : 'NULL::bigint'} AS next_id`,
    targets.orgIds?.length ? [likePrefix(issuer.path), issuer.path, targets.orgIds] : [likePrefix(issuer.path), issuer.path, targetTypes(targets.type!), issuer.county_id],
  );
  return row!;
}

/**
 * The org types a target type stands for: 「全部村（社区）」 (`village`) is every village and every
 * community — a community (社区) is the town's village-level unit and receives what villages do.
 */
export function targetTypes(type: string): string[] {
  return type === 'village' ? ['village', 'community'] : [type];
}

/** Who a directive goes to: chosen orgs, or every open org of a type below the issuer. */
export type AssignmentTarget = { orgIds: number[] } | { type: string; issuerPath: string };

/**
 * A directive with its assignments, in one statement (one round trip however many recipients):
 * the directive row, for a breakdown the notice's files copied down from the parent directive,
 * and one assignment per recipient, due on the directive's date. A recurring series' directive
 * that already exists for its period inserts nothing and answers undefined.
 *
 * With `id` (allocated by `findAssignmentForFanOut`), `whileOpen` and `audit`, the statement is a
 * whole breakdown on its own, without a transaction around it: it inserts only while the parent
 * directive is still open (else nothing, and undefined) and writes its audit record with it.
 */
export async function insertDirective(
  q: Queryable,
  d: { countyId: number; issuerOrgId: number; issuerPath: string; parentAssignmentId: number | null; seriesId: number | null; kind: string; title: string; content: string; form: FormField[]; periodKey: string | null; dueDate: string; allowLate: boolean; createdBy: number | null },
  target: AssignmentTarget,
  o: { copyFilesFrom?: number; id?: number; whileOpen?: number; audit?: AuditEntry } = {},
): Promise<{ id: number; targets: number } | undefined> {
  const params: unknown[] = [d.countyId, d.issuerOrgId, d.issuerPath, d.parentAssignmentId, d.seriesId, d.kind, d.title, d.content, JSON.stringify(d.form),
    d.periodKey, d.dueDate, d.allowLate, d.createdBy];
  const param = (v: unknown) => `$${params.push(v)}`;
  const columns = `county_id, issuer_org_id, issuer_path, parent_assignment_id, series_id, kind, title, content, form, period_key, due_date, allow_late, created_by`;
  const values = `$1::bigint, $2::bigint, $3::text, $4::bigint, $5::bigint, $6::text, $7::text, $8::text, $9::jsonb, $10::text, $11::date, $12::boolean, $13::bigint`;
  const directive =
    o.id === undefined
      ? `INSERT INTO directives (${columns}) VALUES (${values})`
      : `INSERT INTO directives (id, ${columns}) OVERRIDING SYSTEM VALUE SELECT ${param(o.id)}::bigint, ${values}
         ${o.whileOpen === undefined ? '' : `FROM directives p WHERE p.id = ${param(o.whileOpen)}::bigint AND p.status <> 'closed'`}`;
  // chosen orgs by key (one plan fits all: prepared); a type below the issuer by path prefix,
  // which is planned for its prefix
  const recipients =
    'orgIds' in target
      ? `o.id = ANY(${param(target.orgIds)}::bigint[]) ${BY_KEY}`
      : `${inScope('o.path', param(likePrefix(target.issuerPath)))} AND o.path <> ${param(target.issuerPath)} AND o.type = ANY(${param(targetTypes(target.type))}::text[]) AND o.status = 'active'`;
  const files = o.copyFilesFrom === undefined ? '' : `,
     files AS (
       INSERT INTO dispatch_attachments (county_id, directive_id, file_name, mime_type, size_bytes, sha256, content, created_by)
       SELECT f.county_id, d.id, f.file_name, f.mime_type, f.size_bytes, f.sha256, f.content, f.created_by
         FROM dispatch_attachments f, d WHERE f.directive_id = ${param(o.copyFilesFrom)}::bigint ORDER BY f.id)`;
  const text = `
    WITH d AS (
       ${directive}
       ON CONFLICT (series_id, period_key) WHERE series_id IS NOT NULL DO NOTHING
       RETURNING id)${files},
     a AS (
       INSERT INTO assignments (county_id, directive_id, org_id, org_path, due_date)
       SELECT o.county_id, d.id, o.id, o.path, $11::date FROM d, orgs o WHERE ${recipients}
       RETURNING 1)${o.audit ? `,
     ${auditCtes(o.audit, param, 'd')}` : ''}
    SELECT d.id, (SELECT count(*)::int FROM a) AS targets FROM d`;
  const [row] = await q.query<{ id: number; targets: number }>('type' in target ? text : prepared(text), params);
  return row;
}

/** The open villages and communities directly below an assignment's org `a`: a breakdown's default targets. */
const VILLAGES_BELOW = `ARRAY(SELECT v.id FROM orgs v WHERE v.parent_id = a.org_id AND v.type IN ('village','community') AND v.status = 'active'
                ORDER BY v.sort, v.id) AS village_ids`;

/**
 * A station's usual breakdown in one statement: its assignment (in scope, its own, in the actor's
 * county, the directive still open, the villages' deadline not after its own) is read, and the
 * breakdown to every open village and community directly below written with its files and its
 * audit record, whose object id and target count the statement computes. Answers nothing when
 * any condition fails (nothing is written then): the caller looks the assignment up to say why.
 */
export async function fanOutToVillages(
  q: Queryable,
  o: { assignmentId: number; scope: Scope; orgId: number; countyId: number; title: string | null; content: string; dueDate: string; createdBy: number | null; audit: Pick<AuditEntry, 'accountId' | 'username' | 'ip'> },
): Promise<{ id: number; targets: number } | undefined> {
  const params: unknown[] = [o.assignmentId, likePrefix(o.scope.path), o.orgId, o.countyId, o.dueDate, o.title, o.content, o.createdBy];
  const param = (v: unknown) => `$${params.push(v)}`;
  const text = `
    WITH src AS (
       SELECT a.id, a.county_id, a.org_id, a.org_path, d.id AS d_id, d.kind, d.title, d.form, d.period_key,
              ${VILLAGES_BELOW}
         FROM assignments a JOIN directives d ON d.id = a.directive_id
        WHERE a.id = $1::bigint AND ${inScope('a.org_path', 2)} AND a.org_id = $3::bigint AND a.county_id = $4::bigint
          AND d.status <> 'closed' AND $5::date <= a.due_date),
     d AS (
       INSERT INTO directives (county_id, issuer_org_id, issuer_path, parent_assignment_id, kind, title, content, form, period_key, due_date, allow_late, created_by)
       SELECT src.county_id, src.org_id, src.org_path, src.id, src.kind, COALESCE($6::text, src.title), $7::text, src.form, src.period_key, $5::date, true, $8::bigint
         FROM src WHERE cardinality(src.village_ids) > 0
       RETURNING id),
     files AS (
       INSERT INTO dispatch_attachments (county_id, directive_id, file_name, mime_type, size_bytes, sha256, content, created_by)
       SELECT f.county_id, d.id, f.file_name, f.mime_type, f.size_bytes, f.sha256, f.content, f.created_by
         FROM src JOIN dispatch_attachments f ON f.directive_id = src.d_id, d ORDER BY f.id),
     a AS (
       INSERT INTO assignments (county_id, directive_id, org_id, org_path, due_date)
       SELECT o.county_id, d.id, o.id, o.path, $5::date FROM d, src, orgs o WHERE o.id = ANY(src.village_ids)
       RETURNING 1),
     ${auditCtes(
       { countyId: o.countyId, ...o.audit, action: 'directive.fan_out', objectType: 'directive', summary: { parentAssignmentId: o.assignmentId }, result: 'success' },
       param, 'd', { objectId: '(SELECT id FROM d)', summary: { targets: '(SELECT cardinality(village_ids) FROM src)' } },
     )}
    SELECT d.id, (SELECT count(*)::int FROM a) AS targets FROM d`;
  const [row] = await q.query<{ id: number; targets: number }>(prepared(text), params);
  return row;
}

const DIRECTIVE_BY_ID = prepared(`${BY_KEY}${DIRECTIVE_SELECT} WHERE d.id = $1`);

export async function findDirective(q: Queryable, id: number): Promise<DirectiveRow | undefined> {
  const [row] = await q.query<DirectiveRow>(DIRECTIVE_BY_ID, [id]);
  return row;
}

export async function findAssignment(q: Queryable, scope: Scope, id: number, forUpdate = false): Promise<AssignmentRow | undefined> {
  const [row] = await q.query<AssignmentRow>(
    `${BY_KEY}${ASSIGNMENT_SELECT} WHERE a.id = $1 AND ${inScope('a.org_path', 2)} ${forUpdate ? 'FOR UPDATE OF a' : ''}`,
    [id, likePrefix(scope.path)],
  );
  return row;
}

/**
 * An assignment by id (its key decides the plan: prepared) with its directive's fields, for a
 * breakdown: the open villages and communities directly below its org, and the id the breakdown's
 * directive will have (allocated here, so that the one statement that writes it can also write
 * its audit record, which names it).
 */
const FOR_FAN_OUT = prepared(
  `SELECT a.id, a.county_id, a.directive_id, a.org_id, a.org_path, o.name AS org_name, o.type AS org_type, a.due_date,
          a.status, a.outcome, a.reason, a.report, a.figures, a.reported_at, a.reported_by, a.late, a.version,
          d.id AS d_id, d.kind AS d_kind, d.title AS d_title, d.form AS d_form, d.period_key AS d_period_key, d.status AS d_status,
          ${VILLAGES_BELOW},
          nextval(pg_get_serial_sequence('directives', 'id')) AS next_directive_id
     FROM assignments a JOIN orgs o ON o.id = a.org_id JOIN directives d ON d.id = a.directive_id
    WHERE a.id = $1 AND ${inScope('a.org_path', 2)}`,
);

export type FanOutSource = AssignmentRow & {
  d_id: number; d_kind: string; d_title: string; d_form: FormField[]; d_period_key: string | null; d_status: string;
  village_ids: number[]; next_directive_id: number;
};

export async function findAssignmentForFanOut(q: Queryable, scope: Scope, id: number): Promise<FanOutSource | undefined> {
  const [row] = await q.query<FanOutSource>(FOR_FAN_OUT, [id, likePrefix(scope.path)]);
  return row;
}

export async function saveReport(
  q: Queryable,
  id: number,
  version: number,
  r: { status: string; outcome: string; reason: string | null; report: string | null; figures: Record<string, number | string>; late: boolean; accountId: number },
): Promise<boolean> {
  const rows = await q.query(
    `${BY_KEY}UPDATE assignments SET status = $9, outcome = $3, reason = $4, report = $5, figures = $6::jsonb,
       late = $7, reported_at = now(), reported_by = $8, version = version + 1
     WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, r.outcome, r.reason, r.report, JSON.stringify(r.figures), r.late, r.accountId, r.status],
  );
  return rows.length > 0;
}

/** The assignments of an org (its inbox): pending first, by due date. */
/** What the inbox's tabs hold: pending work of an open directive (tasks, or routine 例行 items), or done. */
const INBOX_TAB_SQL = {
  todo: `a.status = 'pending' AND d.status = 'open' AND d.kind <> 'duty'`,
  duty: `a.status = 'pending' AND d.status = 'open' AND d.kind = 'duty'`,
  done: `(a.status = 'reported' OR d.status <> 'open')`,
} as const;
export type InboxFilter = { includeReported: boolean; tab?: keyof typeof INBOX_TAB_SQL; q?: string; kind?: string };

/** The title and kind filters of the inbox, as SQL over a (assignments) and d (directives), from parameter $from on. */
function inboxMatch(f: InboxFilter, from: number) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.q?.trim()) {
    params.push(`%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`d.title LIKE $${from + params.length - 1}`);
  }
  if (f.kind) {
    params.push(f.kind);
    where.push(`d.kind = $${from + params.length - 1}`);
  }
  return { sql: where.length ? where.join(' AND ') : 'true', params };
}

export async function inboxOf(q: Queryable, orgId: number, f: InboxFilter, page: PageWindow) {
  const match = inboxMatch(f, 4);
  const tab = f.tab ? INBOX_TAB_SQL[f.tab] : f.includeReported ? 'true' : `a.status = 'pending'`;
  return q.query<AssignmentRow & { total_count: number }>(
    `${BY_KEY}${ASSIGNMENT_SELECT.replace('SELECT ', `SELECT ${TOTAL_COUNT}, `)} JOIN directives d ON d.id = a.directive_id
     WHERE a.org_id = $1 AND ${tab} AND ${match.sql}
     ORDER BY (a.status = 'pending') DESC, a.due_date, a.id LIMIT $2 OFFSET $3`,
    [orgId, page.limit, page.offset, ...match.params],
  );
}

/** The inbox's counts in one statement: each tab with the list's filters, and the pending work by due date (unfiltered). */
export async function inboxCounts(q: Queryable, orgId: number, f: InboxFilter, today: string, weekEnd: string) {
  const match = inboxMatch(f, 4);
  const pending = `a.status = 'pending' AND d.status = 'open'`;
  // the list's own rows (its tab and filters) by due date: the groups the list is shown in (逾期 / 本周 / 以后)
  const listed = `${f.tab ? INBOX_TAB_SQL[f.tab] : f.includeReported ? 'true' : `a.status = 'pending'`} AND ${match.sql} AND a.status = 'pending'`;
  const [row] = await q.query<{ todo: number; duty: number; done: number; pending: number; overdue: number; week: number; g_overdue: number; g_week: number; g_later: number }>(
    `${BY_KEY}SELECT count(*) FILTER (WHERE ${INBOX_TAB_SQL.todo} AND ${match.sql})::int AS todo,
            count(*) FILTER (WHERE ${INBOX_TAB_SQL.duty} AND ${match.sql})::int AS duty,
            count(*) FILTER (WHERE ${INBOX_TAB_SQL.done} AND ${match.sql})::int AS done,
            count(*) FILTER (WHERE ${pending})::int AS pending,
            count(*) FILTER (WHERE ${pending} AND a.due_date < $2::date)::int AS overdue,
            count(*) FILTER (WHERE ${pending} AND a.due_date >= $2::date AND a.due_date <= $3::date)::int AS week,
            count(*) FILTER (WHERE ${listed} AND a.due_date < $2::date)::int AS g_overdue,
            count(*) FILTER (WHERE ${listed} AND a.due_date >= $2::date AND a.due_date <= $3::date)::int AS g_week,
            count(*) FILTER (WHERE ${listed} AND a.due_date > $3::date)::int AS g_later
       FROM assignments a JOIN directives d ON d.id = a.directive_id
      WHERE a.org_id = $1`,
    [orgId, today, weekEnd, ...match.params],
  );
  return row!;
}

// (by key: one plan fits every directive, prepared)
const ASSIGNMENTS_OF = prepared(`${BY_KEY}${ASSIGNMENT_SELECT} WHERE a.directive_id = ANY($1::bigint[]) ORDER BY a.org_path, a.id`);

export async function assignmentsOf(q: Queryable, directiveIds: number[]): Promise<AssignmentRow[]> {
  if (directiveIds.length === 0) return [];
  return q.query<AssignmentRow>(ASSIGNMENTS_OF, [directiveIds]);
}

/**
 * A progress board in one statement: the directive, its recipients, their breakdowns' recipients
 * and the files, each list as JSON (one value to decode per list instead of a row of fields per
 * recipient). The issuer and the levels above it see every recipient; a level between the issuer
 * and the recipients (a township following its stations on the county's directive) sees the
 * recipients in its subtree — its part of the roll-up — and nothing else. Plans by the
 * directive's key: prepared.
 */
const BOARD = prepared(`
  WITH d AS (${DIRECTIVE_SELECT} WHERE d.id = $1
               AND (${inScope('d.issuer_path', 2)} OR EXISTS (SELECT 1 FROM assignments x WHERE x.directive_id = d.id AND ${inScope('x.org_path', 2)}))),
  top AS (
    SELECT a.id, a.org_id, o.name AS org_name, o.type AS org_type, a.org_path, a.due_date, a.status, a.outcome, a.reason, a.report,
           a.figures, a.reported_at, a.late
      FROM assignments a JOIN orgs o ON o.id = a.org_id, d
     WHERE a.directive_id = $1 AND (${inScope('d.issuer_path', 2)} OR ${inScope('a.org_path', 2)})),
  below AS (
    SELECT c.parent_assignment_id, a.id, a.org_id, o.name AS org_name, o.type AS org_type, a.org_path, a.due_date, a.status, a.outcome,
           a.reported_at, a.late
      FROM top JOIN directives c ON c.parent_assignment_id = top.id JOIN assignments a ON a.directive_id = c.id JOIN orgs o ON o.id = a.org_id),
  files AS (
    SELECT id, directive_id, assignment_id, file_name, mime_type, size_bytes, created_at FROM dispatch_attachments WHERE directive_id = $1 AND EXISTS (SELECT 1 FROM d)
    UNION
    SELECT f.id, f.directive_id, f.assignment_id, f.file_name, f.mime_type, f.size_bytes, f.created_at FROM top JOIN dispatch_attachments f ON f.assignment_id = top.id)
  SELECT row_to_json(d) AS directive,
         (SELECT coalesce(json_agg(t ORDER BY t.org_path, t.id), '[]') FROM top t) AS top,
         (SELECT coalesce(json_agg(b ORDER BY b.org_path, b.id), '[]') FROM below b) AS below,
         (SELECT coalesce(json_agg(f ORDER BY f.id), '[]') FROM files f) AS files
    FROM d`);

export type BoardTop = Pick<AssignmentRow, 'id' | 'org_id' | 'org_name' | 'org_type' | 'due_date' | 'status' | 'outcome' | 'reason' | 'report' | 'figures' | 'reported_at' | 'late'>;
export type BoardBelow = Pick<AssignmentRow, 'id' | 'org_id' | 'org_name' | 'org_type' | 'due_date' | 'status' | 'outcome' | 'reported_at' | 'late'> & { parent_assignment_id: number };

/** The board's rows, or nothing when there is no such directive in the scope (as issuer or above). */
export async function boardOf(q: Queryable, directiveId: number, scope: Scope): Promise<{ directive: DirectiveRow; top: BoardTop[]; below: BoardBelow[]; files: AttachmentMeta[] } | undefined> {
  type Json<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] extends Date ? string : T[P] extends Date | null ? string | null : T[P] };
  const [row] = await q.query<{ directive: Json<DirectiveRow, 'created_at'>; top: Json<BoardTop, 'reported_at'>[]; below: Json<BoardBelow, 'reported_at'>[]; files: Json<AttachmentMeta, 'created_at'>[] }>(
    BOARD,
    [directiveId, likePrefix(scope.path)],
  );
  if (!row) return undefined;
  const at = (v: string | null) => (v === null ? null : new Date(v));
  return {
    directive: { ...row.directive, created_at: new Date(row.directive.created_at) },
    top: row.top.map((a) => ({ ...a, reported_at: at(a.reported_at) })),
    below: row.below.map((b) => ({ ...b, reported_at: at(b.reported_at) })),
    files: row.files.map((f) => ({ ...f, created_at: new Date(f.created_at) })),
  };
}

/**
 * Directives issued above the scope (by the county, say) to orgs inside it (a township's
 * stations), newest first, with the counts of the recipients inside the scope only: what a level
 * follows without having issued it. An issuer sends only below itself, so such a directive's
 * issuer is one of the scope's ancestors: the few ancestor paths find them on the issuer index.
 */
/** The 已下发 / 下级收到的 lists' filters: title, kind and (unless counting by it) the directive's status. */
export type DirectiveFilter = { q?: string; kind?: string; status?: 'open' | 'closed' };

/** The filters as SQL over d (directives), from parameter $from on; `withStatus` false leaves the status out (to count by it). */
function directiveMatch(f: DirectiveFilter, from: number, withStatus = true) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.q?.trim()) where.push(`d.title LIKE $${from + params.push(`%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`) - 1}`);
  if (f.kind) where.push(`d.kind = $${from + params.push(f.kind) - 1}`);
  if (withStatus && f.status) where.push(`d.status = $${from + params.push(f.status) - 1}`);
  return { sql: where.length ? where.join(' AND ') : 'true', params };
}

function ancestorsOf(scopePath: string) {
  const ids = scopePath.split('/').filter(Boolean);
  return ids.slice(0, -1).map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/** How many directives of the list (its title and kind filters) are open and closed: the status filter's counts. */
export async function directiveCounts(q: Queryable, which: 'sent' | 'following', scopePath: string, f: DirectiveFilter) {
  const ancestors = ancestorsOf(scopePath);
  if (which === 'following' && ancestors.length === 0) return { open: 0, closed: 0 };
  const match = directiveMatch(f, which === 'sent' ? 2 : 3, false);
  const [row] = which === 'sent'
    ? await q.query<{ open: number; closed: number }>(
      `${BY_KEY}SELECT count(*) FILTER (WHERE d.status = 'open')::int AS open, count(*) FILTER (WHERE d.status <> 'open')::int AS closed
         FROM directives d WHERE d.issuer_path = $1 AND ${match.sql}`,
      [scopePath, ...match.params],
    )
    : await q.query<{ open: number; closed: number }>(
      `SELECT count(*) FILTER (WHERE d.status = 'open')::int AS open, count(*) FILTER (WHERE d.status <> 'open')::int AS closed
         FROM directives d WHERE d.issuer_path = ANY($2::text[])
          AND EXISTS (SELECT 1 FROM assignments x WHERE x.directive_id = d.id AND ${inScope('x.org_path', 1)}) AND ${match.sql}`,
      [likePrefix(scopePath), ancestors, ...match.params],
    );
  return row!;
}

export async function followedBy(q: Queryable, scopePath: string, page: PageWindow, f: DirectiveFilter = {}) {
  const ancestors = ancestorsOf(scopePath);
  if (ancestors.length === 0) return [];
  const match = directiveMatch(f, 5);
  return q.query<DirectiveRow & { targets: number; reported: number; late: number; total_count: number }>(
    `SELECT d.*, t.targets, t.reported, t.late FROM (
       ${DIRECTIVE_SELECT.replace('SELECT ', `SELECT ${TOTAL_COUNT}, `)}
        WHERE d.issuer_path = ANY($2::text[])
          AND EXISTS (SELECT 1 FROM assignments x WHERE x.directive_id = d.id AND ${inScope('x.org_path', 1)})
          AND ${match.sql}
        ORDER BY d.id DESC LIMIT $3 OFFSET $4) d
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS targets, count(*) FILTER (WHERE a.status = 'reported')::int AS reported,
              count(*) FILTER (WHERE a.late)::int AS late
         FROM assignments a WHERE a.directive_id = d.id AND ${inScope('a.org_path', 1)}) t
     ORDER BY d.id DESC`,
    [likePrefix(scopePath), ancestors, page.limit, page.offset, ...match.params],
  );
}

/** Directives that break down the given assignments (fan-out children). */
export async function childDirectives(q: Queryable, assignmentIds: number[]): Promise<{ id: number; parent_assignment_id: number }[]> {
  if (assignmentIds.length === 0) return [];
  return q.query<{ id: number; parent_assignment_id: number }>(
    `${BY_KEY}SELECT id, parent_assignment_id FROM directives WHERE parent_assignment_id = ANY($1::bigint[])`,
    [assignmentIds],
  );
}

/** Directives issued by the scope's orgs (sent), newest first. */
export async function sentBy(q: Queryable, issuerPath: string, page: PageWindow, f: DirectiveFilter = {}) {
  const match = directiveMatch(f, 4);
  return q.query<DirectiveRow & { targets: number; reported: number; late: number; total_count: number }>(
    `${BY_KEY}SELECT d.*, t.targets, t.reported, t.late FROM (${DIRECTIVE_SELECT.replace('SELECT ', `SELECT ${TOTAL_COUNT}, `)} WHERE d.issuer_path = $1 AND ${match.sql} ORDER BY d.id DESC LIMIT $2 OFFSET $3) d
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS targets, count(*) FILTER (WHERE a.status = 'reported')::int AS reported,
              count(*) FILTER (WHERE a.late)::int AS late
       FROM assignments a WHERE a.directive_id = d.id) t
     ORDER BY d.id DESC`,
    [issuerPath, page.limit, page.offset, ...match.params],
  );
}

export async function closeDirective(q: Queryable, id: number, version: number): Promise<boolean> {
  const rows = await q.query(`${BY_KEY}UPDATE directives SET status = 'closed', version = version + 1 WHERE id = $1 AND version = $2 RETURNING id`, [id, version]);
  return rows.length > 0;
}

export type SeriesRow = {
  id: number;
  county_id: number;
  issuer_org_id: number;
  issuer_path: string;
  kind: string;
  title: string;
  content: string;
  form: FormField[];
  targets: { orgIds?: number[]; type?: string };
  frequency: 'weekly' | 'monthly' | 'quarterly' | 'yearly';
  weekday: number | null;
  due_days: number;
  allow_late: boolean;
  created_by: number | null;
};

export async function insertSeries(q: Queryable, s: Omit<SeriesRow, 'id'>): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO directive_series (county_id, issuer_org_id, issuer_path, kind, title, content, form, targets, frequency, weekday, due_days, allow_late, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7::jsonb,$8::jsonb,$9,$10,$11,$12,$13) RETURNING id`,
    [s.county_id, s.issuer_org_id, s.issuer_path, s.kind, s.title, s.content, JSON.stringify(s.form), JSON.stringify(s.targets), s.frequency, s.weekday, s.due_days, s.allow_late, s.created_by],
  );
  return row!.id;
}

export async function activeSeries(q: Queryable, seriesId?: number): Promise<SeriesRow[]> {
  return q.query<SeriesRow>(
    `${SYSTEM}SELECT id, county_id, issuer_org_id, issuer_path, kind, title, content, form, targets, frequency, weekday, due_days, allow_late, created_by
     FROM directive_series WHERE active ${seriesId ? 'AND id = $1' : ''} ORDER BY id`,
    seriesId ? [seriesId] : [],
  );
}

/** Recurring directives issued in the scope, oldest first; `id`: just that one (scoped the same). */
export async function seriesOfScope(q: Queryable, scope: Scope, page: PageWindow, id?: number) {
  return q.query<SeriesRow & { active: boolean; total_count: number }>(
    `SELECT ${TOTAL_COUNT}, id, county_id, issuer_org_id, issuer_path, kind, title, content, form, targets, frequency, weekday, due_days, allow_late, created_by, active
     FROM directive_series WHERE ${inScope('issuer_path', 1)} AND ($2::bigint IS NULL OR id = $2) ORDER BY id LIMIT $3 OFFSET $4`,
    [likePrefix(scope.path), id ?? null, page.limit, page.offset],
  );
}

export async function villagesUnder(q: Queryable, orgId: number) {
  return q.query<{ id: number }>(
    `${BY_KEY}SELECT id FROM orgs WHERE parent_id = $1 AND type IN ('village','community') AND status = 'active' ORDER BY sort, id`,
    [orgId],
  );
}

export type AttachmentMeta = { id: number; directive_id: number | null; assignment_id: number | null; file_name: string; mime_type: string; size_bytes: number; created_at: Date };

export async function insertAttachment(
  q: Queryable,
  a: { countyId: number; directiveId: number | null; assignmentId: number | null; fileName: string; mimeType: string; content: Buffer; sha256: string; createdBy: number },
): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO dispatch_attachments (county_id, directive_id, assignment_id, file_name, mime_type, size_bytes, sha256, content, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
    [a.countyId, a.directiveId, a.assignmentId, a.fileName, a.mimeType, a.content.length, a.sha256, a.content, a.createdBy],
  );
  return row!.id;
}

/** The attachments (without content) of the given directives and assignments. */
const ATTACHMENTS_OF = prepared(
  `SELECT id, directive_id, assignment_id, file_name, mime_type, size_bytes, created_at FROM dispatch_attachments
   WHERE directive_id = ANY($1::bigint[]) OR assignment_id = ANY($2::bigint[]) ORDER BY id`,
);

export async function attachmentsOf(q: Queryable, directiveIds: number[], assignmentIds: number[]): Promise<AttachmentMeta[]> {
  if (directiveIds.length === 0 && assignmentIds.length === 0) return [];
  return q.query<AttachmentMeta>(ATTACHMENTS_OF, [directiveIds, assignmentIds]);
}

export async function findAttachment(q: Queryable, id: number) {
  const [row] = await q.query<AttachmentMeta & { content: Uint8Array }>(
    `SELECT id, directive_id, assignment_id, file_name, mime_type, size_bytes, created_at, content FROM dispatch_attachments WHERE id = $1`,
    [id],
  );
  return row;
}

/** Whether an account scoped at `path` may see a directive: it issued it (or above), or one of its recipients is in scope. */
export async function directiveVisible(q: Queryable, directiveId: number, path: string): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM directives d WHERE d.id = $1 AND (${inScope('d.issuer_path', 2)}
       OR EXISTS (SELECT 1 FROM assignments a WHERE a.directive_id = d.id AND ${inScope('a.org_path', 2)}))`,
    [directiveId, likePrefix(path)],
  );
  return rows.length > 0;
}

export async function directiveOfAssignment(q: Queryable, assignmentId: number): Promise<number | undefined> {
  const [row] = await q.query<{ directive_id: number }>(`${BY_KEY}SELECT directive_id FROM assignments WHERE id = $1`, [assignmentId]);
  return row?.directive_id;
}

/** A breakdown carries the files of the work it breaks down (the notice, the template) to the villages. */

/** The assignments of a directive (its recipients' answers), by the directive's key. */
export async function assignmentIdsOf(q: Queryable, directiveId: number): Promise<number[]> {
  const rows = await q.query<{ id: number }>(`${BY_KEY}SELECT id FROM assignments WHERE directive_id = $1 ORDER BY id`, [directiveId]);
  return rows.map((r) => Number(r.id));
}

export type AnswerState = { id: number; status: 'pending' | 'reported'; due_date: string; reported_at: Date | null; late: boolean; outcome: string | null; report: string | null };

/** Assignments by key, for a module that keeps the keys of the requests it had issued (项目月报告). */
export async function answerStates(q: Queryable, ids: readonly number[]): Promise<AnswerState[]> {
  if (ids.length === 0) return [];
  return q.query<AnswerState>(
    `${BY_KEY}SELECT id, status, to_char(due_date, 'YYYY-MM-DD') AS due_date, reported_at, late, outcome, report FROM assignments WHERE id = ANY($1::bigint[])`,
    [ids],
  );
}

// ---- 工作台 (home reads these through the dispatch service's today source and count source) ----

/** 两下两上: my org's reports not yet made, late ones first. */
export function todayReportsDue(q: Queryable, p: { orgId: number; today: string; limit: number }) {
  return q.query<{ kind: string; id: number; title: string; org: string; due: string | null; reason: string | null; at: Date | string }>(
    `${BY_KEY}SELECT CASE WHEN a.due_date < $2 THEN 'report_overdue' ELSE 'report_due' END AS kind,
            a.id, d.title, i.name AS org, a.due_date::text AS due, NULL::text AS reason, d.created_at AS at
       FROM assignments a
       JOIN directives d ON d.id = a.directive_id
       JOIN orgs i ON i.id = d.issuer_org_id
      WHERE a.org_id = $1 AND a.status = 'pending'
      ORDER BY a.due_date, a.id DESC
      LIMIT $3`,
    [p.orgId, p.today, p.limit],
  );
}

/** Pending reports of my org, and of the orgs below it past their due date. */
export async function todoAssignmentCounts(q: Queryable, scope: Scope, today: string) {
  const [row] = await q.query<{ mine: number; late_below: number }>(
    `SELECT count(*) FILTER (WHERE org_id = $1)::int AS mine,
            count(*) FILTER (WHERE org_id <> $1 AND due_date < $3)::int AS late_below
       FROM assignments
      WHERE status = 'pending' AND ${inScope('org_path', 2)}`,
    [scope.orgId, likePrefix(scope.path), today],
  );
  return row!;
}

/**
 * SQL over the requests this engine issued for a module that keeps their keys (项目月报告), so
 * that module's board stays one statement without naming this module's table: `join(alias, key)`
 * joins the request whose id is the expression `key`; the predicates read its state.
 */
export const requestSql = {
  join: (alias: string, key: string) => `JOIN assignments ${alias} ON ${alias}.id = ${key}`,
  /** The requests themselves as the statement's source (a reader scopes them by `${alias}.org_path`). */
  from: (alias: string) => `FROM assignments ${alias}`,
  /** Not answered and past its due date (`today` is a SQL date expression). */
  late: (alias: string, today: string) => `${alias}.status = 'pending' AND ${alias}.due_date < ${today}`,
  /** Not answered, due date not yet passed. */
  waiting: (alias: string, today: string) => `${alias}.status = 'pending' AND ${alias}.due_date >= ${today}`,
  answered: (alias: string) => `${alias}.status = 'reported'`,
  answeredLate: (alias: string) => `${alias}.status = 'reported' AND ${alias}.late`,
  dueDate: (alias: string) => `${alias}.due_date`,
  id: (alias: string) => `${alias}.id`,
};

/** A recurring directive by key, locked to stop or resume it (the caller checks the issuer's scope). */
export async function lockSeries(q: Queryable, id: number) {
  const [row] = await q.query<{ id: number; county_id: number; issuer_org_id: number; issuer_path: string; active: boolean; title: string }>(
    `${BY_KEY}SELECT id, county_id, issuer_org_id, issuer_path, active, title FROM directive_series WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row;
}

export async function setSeriesActive(q: Queryable, id: number, active: boolean) {
  await q.query(`${BY_KEY}UPDATE directive_series SET active = $2 WHERE id = $1`, [id, active]);
}
