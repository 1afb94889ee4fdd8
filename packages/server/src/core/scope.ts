// Scope in the data layer, made structural (docs/decisions.md, "Scope").
//
// Every statement the app runs on a tenant table — a table whose rows belong to a place in the
// org tree (it carries a path) — must say how it is scoped, in its own text, with one of three
// marks that only this module can produce:
//
//   inScope('c.org_path', 2)   the scope predicate `c.org_path LIKE $2`, where $2 must be a subtree
//                              prefix ('/1/5/%' from likePrefix(scope.path) or a root inside it);
//   BY_KEY                     the statement addresses rows by key (`id = $1`, `= ANY($1)`) that the
//                              same use case has just read through a scoped statement (a row locked
//                              FOR UPDATE, then updated), or hangs off such a row;
//   SYSTEM                     an explicit cross-scope reader (public pages, scheduled jobs,
//                              escalation, a county's own settings and departments, ancestors shown
//                              as context) — few, greppable, reviewed.
//
// `guardScope(db)` wraps the database the app's services use and throws `ScopeMissingError` (a 500,
// loudly, in every test) for a statement that touches a tenant table without a mark, for a scope
// predicate bound to anything but a subtree prefix (a '%' would match every county), and for a
// BY_KEY statement with no key in it. Tests and the CLI keep the raw database for their fixtures.
import crypto from 'node:crypto';
import type { Db, Queryable, Sql } from '../db/db.js';

// A per-process token in the marks: a mark cannot be typed by hand into a statement, only
// obtained from here.
const TOKEN = crypto.randomBytes(6).toString('hex');
const SCOPE_MARK = `/*lx-scope-${TOKEN}:`;
const COUNTY_MARK = `/*lx-county-${TOKEN}:`;
/** Prefix of a statement that addresses rows by a key a scoped statement of the same use case read. */
export const BY_KEY = `/*lx-key-${TOKEN}*/ `;
/** Prefix of a statement of an explicit cross-scope reader (public pages, jobs, escalation). */
export const SYSTEM = `/*lx-system-${TOKEN}*/ `;

/** The scope predicate on a path column: `column LIKE $n`, its parameter a subtree prefix. */
export function inScope(column: string, n: number | string): string {
  const i = typeof n === 'number' ? n : Number(n.replace(/^\$/, ''));
  return `${column} LIKE $${i} ${SCOPE_MARK}${i}*/`;
}

/**
 * The scope predicate of a county-wide scope on its tenant key: `column = $n`, its parameter the
 * county's id. Equivalent to the path prefix of the county root, and what Citus distributes on.
 */
export function inCounty(column: string, n: number): string {
  return `${column} = $${n} ${COUNTY_MARK}${n}*/`;
}

/**
 * The tables whose rows lie at a place in the org tree: each carries a path (or is the tree), and
 * each is where a use case decides scope. Their child rows (case_events, attachments, problems,
 * tasks, citizen_requests, inspection_findings, dispatch_attachments, grid_deeds) are reached
 * through such a row's key and are not checked on their own.
 */
export const TENANT_TABLES = [
  'orgs', 'persons', 'posts', 'reserve_cadres', 'cases', 'responsibilities', 'directives', 'assignments',
  'directive_series', 'inspections', 'accountability_records', 'dispatch_calls', 'dispatch_call_answers',
  'visits', 'households', 'grid_registrations', 'assessment_schemes', 'assessment_result_rows', 'assessment_result_months', 'assessment_result_lost', 'meetings', 'meeting_tallies',
  'fund_allocations', 'fund_awards', 'facility_checklists', 'venues',
  'flow_templates', 'duty_lists',
  'project_milestones', 'project_people', 'project_reports', 'project_links', 'project_board_rows', 'project_board_due',
  'disclosures', 'finance_audits', 'register_rows',
  'member_appraisals', 'report_sessions',
  'training_courses', 'training_sessions', 'training_talks',
  'star_ratings', 'star_rating_rows',
  'election_rounds', 'election_villages', 'mentoring_pairs',
  'point_awards', 'recognition_consequences',
] as const;

const TOUCHES = new RegExp(`\\b(?:FROM|JOIN|UPDATE|DELETE\\s+FROM)\\s+(?:ONLY\\s+)?(${TENANT_TABLES.join('|')})\\b`, 'i');
const SCOPE_PARAM = new RegExp(`LIKE \\$(\\d+)(?:::text)? ${SCOPE_MARK.replace(/[*/]/g, (c) => `\\${c}`)}(\\d+)\\*/`, 'g');
const COUNTY_PARAM = new RegExp(`= \\$(\\d+) ${COUNTY_MARK.replace(/[*/]/g, (c) => `\\${c}`)}(\\d+)\\*/`, 'g');
const KEYED = /\b(?:id|[a-z_]+_id|[a-z_]*path|tracking_code)\s*=\s*(?:\$\d+|ANY\s*\(|[a-z]+\.id\b)/i;
/** A subtree prefix: a materialized path '/1/5/' and the LIKE wildcard, nothing else. */
const SUBTREE = /^(?:\/\d+)+\/%$/;

type Verdict = { kind: 'free' } | { kind: 'scoped'; params: number[]; counties: number[] } | { kind: 'ok' } | { kind: 'bad'; why: string };
const verdicts = new Map<string, Verdict>();

function classify(text: string): Verdict {
  const cached = verdicts.get(text);
  if (cached) return cached;
  let v: Verdict;
  const params = [...text.matchAll(SCOPE_PARAM)].map((m) => (m[1] === m[2] ? Number(m[1]) : NaN));
  const counties = [...text.matchAll(COUNTY_PARAM)].map((m) => (m[1] === m[2] ? Number(m[1]) : NaN));
  if ([...params, ...counties].some(Number.isNaN)) v = { kind: 'bad', why: 'a scope mark names another parameter than its predicate' };
  else if (params.length || counties.length) v = { kind: 'scoped', params, counties };
  else if (text.includes(SYSTEM)) v = { kind: 'ok' };
  else if (text.includes(BY_KEY)) v = KEYED.test(text) ? { kind: 'ok' } : { kind: 'bad', why: 'a BY_KEY statement addresses no key' };
  else v = TOUCHES.test(text) ? { kind: 'bad', why: `touches ${TOUCHES.exec(text)![1]} without a scope` } : { kind: 'free' };
  if (verdicts.size < 5000) verdicts.set(text, v);
  return v;
}

/** Throws unless the statement says how it is scoped (see the top of this file). */
export function checkScoped(sql: Sql, params: readonly unknown[] | undefined): void {
  const text = typeof sql === 'string' ? sql : sql.text;
  const v = classify(text);
  if (v.kind === 'free' || v.kind === 'ok') return;
  if (v.kind === 'bad') throw scopeMissing(v.why, text);
  for (const n of v.params) {
    const value = params?.[n - 1];
    if (typeof value !== 'string' || !SUBTREE.test(value)) throw scopeMissing(`scope parameter $${n} is not a subtree prefix`, text);
  }
  for (const n of v.counties) {
    const value = params?.[n - 1];
    if (!Number.isSafeInteger(value) || (value as number) <= 0) throw scopeMissing(`county parameter $${n} is not a county id`, text);
  }
}

/** A programming error, not a refusal: answered as a 500 and logged with the statement (never its values). */
export class ScopeMissingError extends Error {
  override readonly name = 'ScopeMissingError';
}

function scopeMissing(why: string, text: string) {
  return new ScopeMissingError(`scope_missing: ${why}: ${text.replace(/\s+/g, ' ').slice(0, 400)}`);
}

function guardQueryable<Q extends Queryable>(q: Q): Q {
  return {
    ...q,
    query: async (sql: Sql, params?: readonly unknown[]) => {
      checkScoped(sql, params);
      return q.query(sql, params);
    },
  } as Q;
}

/** The database as the app's services see it: every statement on a tenant table is checked. */
export function guardScope(db: Db): Db {
  return {
    ...guardQueryable(db),
    kind: db.kind,
    exec: db.exec,
    close: () => db.close(),
    transaction: (fn) => db.transaction((tx) => fn(guardQueryable(tx))),
  };
}
