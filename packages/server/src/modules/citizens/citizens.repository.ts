// SQL of citizen requests, whistles, diary visits, households and grids. Reads are limited to the
// actor's subtree by path; the public lookups go by tracking code and the keyed phone hash.
import type { ListRequestsQuery } from '@lianxin/contract';
import { prepared, type Queryable } from '../../db/db.js';
import { casePage, pageOrderFor } from '../../core/cases/case-page.js';
import type { OwnRow } from '../../core/cases/case-engine.js';
import { likePrefix, type Scope } from '../../core/access.js';
import { openPredicate } from '../../core/cases/registry.js';
import './requests.case.js';
import { inScope, inCounty, BY_KEY, SYSTEM } from '../../core/scope.js';
import { TOTAL_COUNT, type PageWindow } from '../../core/paging.js';
import { personSql } from '../people/index.js';
import { problemSql } from '../ledger/index.js';

export type RequestRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; status: string;
  opened_at: Date; resolved_at: Date | null; closed_at: Date | null; version: number; channel: string; category: string;
  matter: string; citizen_name: string; phone_enc: string | null; phone_mask: string | null; tracking_code: string;
  first_owner_id: number | null; first_owner_name: string | null; owner_id: number | null; owner_name: string | null;
  responded_at: Date | null; promised_date: string | null; outcome: string | null; resolved: boolean | null;
  rating: string | null; rating_comment: string | null;
};

const SELECT = `
  SELECT c.id, c.county_id, c.org_id, c.org_path, o.name AS org_name, o.type AS org_type, c.status, c.opened_at,
         c.resolved_at, c.closed_at, c.version, r.channel, r.category, r.matter, r.citizen_name, r.phone_enc, r.phone_mask,
         r.tracking_code, r.first_owner_id, fo.display_name AS first_owner_name, r.owner_id, ow.display_name AS owner_name,
         r.responded_at, r.promised_date, r.outcome, r.resolved, r.rating, r.rating_comment
  FROM cases c JOIN citizen_requests r ON r.case_id = c.id JOIN orgs o ON o.id = c.org_id
  LEFT JOIN accounts fo ON fo.id = r.first_owner_id LEFT JOIN accounts ow ON ow.id = r.owner_id`;

/** A request's own row, written by the case engine with its case. */
export function requestRow(r: { countyId: number; channel: string; category: string; matter: string; citizenName: string; phoneEnc: string | null; phoneHash: string | null; phoneMask: string | null; trackingCode: string; visitId?: number | null }): OwnRow {
  return {
    table: 'citizen_requests',
    values: {
      county_id: r.countyId, channel: r.channel, category: r.category, matter: r.matter, citizen_name: r.citizenName, phone_enc: r.phoneEnc,
      phone_hash: r.phoneHash, phone_mask: r.phoneMask, tracking_code: r.trackingCode, visit_id: r.visitId ?? null,
    },
  };
}

export async function findRequest(q: Queryable, scope: Scope, id: number) {
  const [row] = await q.query<RequestRow>(`${SELECT} WHERE c.id = $1 AND c.case_type = 'request' AND ${inScope('c.org_path', 2)}`, [id, likePrefix(scope.path)]);
  return row;
}

export async function findByCode(q: Queryable, code: string, phoneHash: string) {
  const [row] = await q.query<RequestRow>(`${SYSTEM}${SELECT} WHERE r.tracking_code = $1 AND r.phone_hash = $2`, [code, phoneHash]);
  return row;
}

export async function ownerOf(q: Queryable, caseId: number) {
  const [row] = await q.query<{ owner_id: number | null }>(`SELECT owner_id FROM citizen_requests WHERE case_id = $1`, [caseId]);
  return row?.owner_id ?? null;
}

export async function updateRequest(q: Queryable, caseId: number, f: { claimBy?: number; promisedDate?: string; outcome?: string; resolved?: boolean; ownerId?: number; rating?: string; ratingComment?: string | null; reportedTo?: number; clearRating?: boolean }) {
  await q.query(
    `UPDATE citizen_requests SET
       first_owner_id = CASE WHEN $2::bigint IS NOT NULL THEN COALESCE(first_owner_id, $2) ELSE first_owner_id END,
       owner_id = COALESCE($7::bigint, CASE WHEN $2::bigint IS NOT NULL THEN COALESCE(owner_id, $2) ELSE owner_id END),
       responded_at = CASE WHEN $2::bigint IS NOT NULL THEN COALESCE(responded_at, now()) ELSE responded_at END,
       promised_date = COALESCE($3::date, promised_date),
       outcome = COALESCE($4, outcome),
       resolved = COALESCE($5, resolved),
       rating = CASE WHEN $10 THEN NULL ELSE COALESCE($8, rating) END,
       rating_comment = CASE WHEN $10 THEN NULL WHEN $8 IS NOT NULL THEN $9 ELSE rating_comment END,
       rated_at = CASE WHEN $8 IS NOT NULL THEN now() WHEN $10 THEN NULL ELSE rated_at END,
       reported_to_org_id = COALESCE($6::bigint, reported_to_org_id)
     WHERE case_id = $1`,
    [caseId, f.claimBy ?? null, f.promisedDate ?? null, f.outcome ?? null, f.resolved ?? null, f.reportedTo ?? null, f.ownerId ?? null, f.rating ?? null, f.ratingComment ?? null, f.clearRating ?? false],
  );
}

/**
 * The subtree a request query covers: a path, or a county's whole tree (`countyRoot`: the county's
 * id), which is selected by county_id — the same rows, read newest first from the county index
 * (migration 040) instead of through the path range.
 */
export type RequestScope = string | { path: string; countyRoot: number };

export function requestFilter(scope: RequestScope, f: ListRequestsQuery, accountId: number) {
  const byCounty = typeof scope !== 'string';
  const where = [`c.case_type = 'request'`, byCounty ? inCounty('c.county_id', 1) : inScope('c.org_path', 1)];
  const params: unknown[] = [byCounty ? scope.countyRoot : likePrefix(scope)];
  const add = (sql: (n: string) => string, v: unknown) => {
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  if (f.status) add((n) => `c.status = ${n}`, f.status);
  if (f.channel) add((n) => `r.channel = ${n}`, f.channel);
  if (f.overdue) where.push(`c.resolved_at IS NULL AND r.promised_date < (now() AT TIME ZONE 'Asia/Shanghai')::date`);
  if (f.open) where.push(openPredicate('request'));
  if (f.mine) add((n) => `r.owner_id = ${n}`, accountId);
  if (f.month) add((n) => `to_char(c.opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${n}`, f.month);
  switch (f.metric) {
    case 'responded': where.push(`r.responded_at IS NOT NULL AND r.responded_at <= c.opened_at + interval '24 hours'`); break;
    case 'resolved': where.push(`r.resolved IS TRUE`); break;
    case 'rated': where.push(`r.rating IS NOT NULL`); break;
    case 'satisfied': where.push(`r.rating IN ('satisfied','basic')`); break;
    case 'conflicts': where.push(`r.category = 'conflict' AND r.resolved IS TRUE`); break;
    case 'visits': where.push(`r.channel = 'visit'`); break;
    default: break;
  }
  if (f.q?.trim()) {
    const text = f.q.trim();
    params.push(`%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`, text.toUpperCase());
    where.push(`(r.matter LIKE $${params.length - 1} OR r.citizen_name LIKE $${params.length - 1} OR r.tracking_code = $${params.length})`);
  }
  return { where: where.join(' AND '), params };
}

/** A page's rows by their ids, newest first (prepared: planning this join costs more than running it). */
const PAGE_ROWS = prepared(`${BY_KEY}${SELECT} WHERE c.id = ANY($1::bigint[]) ORDER BY c.id DESC`);

export async function listRequests(q: Queryable, scope: RequestScope, f: ListRequestsQuery, accountId: number) {
  const { where, params } = requestFilter(scope, f, accountId);
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  // the page's ids (from cases alone unless a filter reads the request's columns) and the count
  // in one round trip, then the 20 rows by id — every request case has its citizen_requests row
  const from = `FROM cases c ${/\br\./.test(where) ? 'JOIN citizen_requests r ON r.case_id = c.id' : ''} WHERE ${where}`;
  // a county read by county id walks its own index in id order; a path scope reads its subtree's ids (case-page.ts)
  return casePage<RequestRow>(q, from, params, page, pageSize, PAGE_ROWS, typeof scope === 'string' ? pageOrderFor(scope) : 'walk');
}

export type CitizenStatsDb = { org_id: number; requests: number; handled: number; visits_received: number; conflicts: number; responded: number; resolved: number; rated: number; satisfied: number };

/** The three rates and the volumes per child of a node, from the records, for a month or all time. */
export async function citizenStats(q: Queryable, node: { id: number; path: string }, month?: string) {
  return q.query<CitizenStatsDb>(
    `SELECT CASE WHEN c.org_path = $2 THEN $1::bigint ELSE split_part(substr(c.org_path, length($2) + 1), '/', 1)::bigint END AS org_id,
            count(*)::int AS requests,
            count(c.resolved_at)::int AS handled,
            count(*) FILTER (WHERE r.channel = 'visit')::int AS visits_received,
            count(*) FILTER (WHERE r.category = 'conflict' AND r.resolved IS TRUE)::int AS conflicts,
            count(*) FILTER (WHERE r.responded_at IS NOT NULL AND r.responded_at <= c.opened_at + interval '24 hours')::int AS responded,
            count(*) FILTER (WHERE r.resolved IS TRUE)::int AS resolved,
            count(r.rating)::int AS rated,
            count(*) FILTER (WHERE r.rating IN ('satisfied','basic'))::int AS satisfied
     FROM cases c JOIN citizen_requests r ON r.case_id = c.id
     WHERE c.case_type = 'request' AND ${inScope('c.org_path', 3)}
       ${month ? `AND to_char(c.opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = $4` : ''}
     GROUP BY 1`,
    month ? [node.id, node.path, likePrefix(node.path), month] : [node.id, node.path, likePrefix(node.path)],
  );
}

// ---- whistles (their calls and parts are the dispatch engine's: core/dispatch/calls.ts) ----
export async function departments(q: Queryable, countyId: number, ids: number[]) {
  return q.query<{ id: number; name: string; path: string }>(
    `${BY_KEY}SELECT id, name, path FROM orgs WHERE id = ANY($1::bigint[]) AND county_id = $2 AND type = 'department' AND status = 'active'`,
    [ids, countyId],
  );
}

/** The county's departments, for whistling and for suggesting an owner. */
export async function countyDepartments(q: Queryable, countyId: number) {
  return q.query<{ id: number; name: string }>(`${SYSTEM}SELECT id, name FROM orgs WHERE county_id = $1 AND type = 'department' AND status = 'active' ORDER BY sort, id`, [countyId]);
}

/** Active accounts whose scope is the request's unit or one of its ancestors (hand-over targets). */
export async function handOverCandidates(q: Queryable, orgPath: string) {
  const ids = orgPath.split('/').filter(Boolean).map(Number);
  return q.query<{ id: number; name: string; scope: string }>(
    `${SYSTEM}SELECT a.id, a.display_name AS name, o.name AS scope FROM accounts a JOIN orgs o ON o.id = a.scope_org_id
     WHERE a.status = 'active' AND a.scope_org_id = ANY($1::bigint[])
       AND EXISTS (SELECT 1 FROM unnest(a.roles) r WHERE r IN ('county_admin','township_admin','station_admin','village_admin'))
     ORDER BY o.depth DESC, a.display_name`,
    [ids],
  );
}

/**
 * What a whistle was blown for, read-only, for the parties to that whistle (the whistler's
 * subtree, a department with a part on it): the request or problem's own fields — the citizen's
 * phone only masked — and the timeline entries that concern this whistle. Nothing else of the case.
 */
export async function whistleSource(q: Queryable, scope: Scope, whistleId: number) {
  const [row] = await q.query<{
    case_id: number; case_type: 'request' | 'problem'; title: string; status: string; deadline: string | null; opened_at: Date; closed_at: Date | null;
    org_id: number; org_name: string; org_type: string;
    matter: string | null; category: string | null; channel: string | null; citizen_name: string | null; phone_mask: string | null; promised_date: string | null;
    description: string | null; measures: string | null; responsible_person: string | null;
    events: { at: string; actor_name: string; body: string | null }[];
  }>(
    `SELECT c.id AS case_id, c.case_type, c.title, c.status, c.deadline, c.opened_at, c.closed_at,
            o.id AS org_id, o.name AS org_name, o.type AS org_type,
            r.matter, COALESCE(r.category, p.category) AS category, r.channel, r.citizen_name, r.phone_mask, r.promised_date,
            p.description, p.measures, p.responsible_person,
            (SELECT coalesce(json_agg(json_build_object('at', e.at, 'actor_name', e.actor_name, 'body', e.body) ORDER BY e.seq), '[]')
               FROM case_events e WHERE e.case_id = c.id AND e.data->>'whistleId' = w.id::text) AS events
       FROM dispatch_calls w JOIN cases c ON c.id = w.source_case_id JOIN orgs o ON o.id = c.org_id
       LEFT JOIN citizen_requests r ON r.case_id = c.id ${problemSql.leftJoin('p', 'c.id')}
      WHERE w.kind = 'whistle' AND w.id = $2
        AND (${inScope('w.caller_path', 1)} OR EXISTS (SELECT 1 FROM dispatch_call_answers x WHERE x.kind = w.kind AND x.call_id = w.id AND ${inScope('x.org_path', 1)}))`,
    [likePrefix(scope.path), whistleId],
  );
  return row;
}

// ---- visits, households, grids ----
export async function insertVisit(q: Queryable, v: { countyId: number; accountId: number; cadreLevel: string; orgId: number; orgPath: string; householdId: number | null; household: string; visitedOn: string; heard: string; followUp: string | null }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO visits (county_id, account_id, cadre_level, org_id, org_path, household_id, household, visited_on, heard, follow_up)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
    [v.countyId, v.accountId, v.cadreLevel, v.orgId, v.orgPath, v.householdId, v.household, v.visitedOn, v.heard, v.followUp],
  );
  return row!.id;
}

export async function linkVisitRequest(q: Queryable, visitId: number, caseId: number) {
  await q.query(`${BY_KEY}UPDATE visits SET request_case_id = $2 WHERE id = $1`, [visitId, caseId]);
}

export type VisitDbRow = { id: number; cadre: string; cadre_level: string; org_id: number; org_name: string; org_type: string; household: string; household_id: number | null; visited_on: string; heard: string; follow_up: string | null; request_case_id: number | null };

/** Visits in the scope (or under rootPath), newest first; total_count and with_requests count the whole filter, not the page. */
export async function listVisits(q: Queryable, scope: Scope, f: { accountId?: number; rootPath?: string; householdId?: number; id?: number }, page: PageWindow) {
  const where = [inScope('v.org_path', 1)];
  const params: unknown[] = [likePrefix(f.rootPath ?? scope.path)];
  if (!(f.rootPath ?? scope.path).startsWith(scope.path)) return [];
  if (f.accountId) { params.push(f.accountId); where.push(`v.account_id = $${params.length}`); }
  if (f.householdId) { params.push(f.householdId); where.push(`v.household_id = $${params.length}`); }
  if (f.id) { params.push(f.id); where.push(`v.id = $${params.length}`); }
  params.push(page.limit, page.offset);
  return q.query<VisitDbRow & { total_count: number; with_requests: number }>(
    `SELECT ${TOTAL_COUNT}, (count(*) FILTER (WHERE v.request_case_id IS NOT NULL) OVER ())::int AS with_requests, v.id, a.display_name AS cadre, v.cadre_level, v.org_id, o.name AS org_name, o.type AS org_type, v.household, v.household_id,
            v.visited_on, v.heard, v.follow_up, v.request_case_id
     FROM visits v JOIN accounts a ON a.id = v.account_id JOIN orgs o ON o.id = v.org_id
     WHERE ${where.join(' AND ')} ORDER BY v.visited_on DESC, v.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
}

export async function insertHousehold(q: Queryable, h: { countyId: number; orgId: number; orgPath: string; headName: string; categories: string[]; address: string | null; contacts: (number | null)[] }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO households (county_id, org_id, org_path, head_name, categories, address, county_contact, township_contact, village_contact, hamlet_contact)
     VALUES ($1,$2,$3,$4,$5::text[],$6,$7,$8,$9,$10) RETURNING id`,
    [h.countyId, h.orgId, h.orgPath, h.headName, h.categories, h.address, ...h.contacts],
  );
  return row!.id;
}

export type HouseholdDbRow = { id: number; org_id: number; org_name: string; org_type: string; head_name: string; categories: string[]; address: string | null; c1: number | null; n1: string | null; c2: number | null; n2: string | null; c3: number | null; n3: string | null; c4: number | null; n4: string | null; visits: number; last_visit: string | null };

/** 包保户 at or under rootPath, by village; `id`: just that one (scoped the same). */
export async function listHouseholds(q: Queryable, rootPath: string, page: PageWindow, id?: number) {
  return q.query<HouseholdDbRow & { total_count: number }>(
    `SELECT ${TOTAL_COUNT}, h.id, h.org_id, o.name AS org_name, o.type AS org_type, h.head_name, h.categories, h.address,
            h.county_contact AS c1, p1.name AS n1, h.township_contact AS c2, p2.name AS n2, h.village_contact AS c3, p3.name AS n3, h.hamlet_contact AS c4, p4.name AS n4,
            (SELECT count(*)::int FROM visits v WHERE v.household_id = h.id) AS visits,
            (SELECT max(visited_on)::text FROM visits v WHERE v.household_id = h.id) AS last_visit
     FROM households h JOIN orgs o ON o.id = h.org_id
     ${personSql.leftJoin('p1', 'h.county_contact')} ${personSql.leftJoin('p2', 'h.township_contact')}
     ${personSql.leftJoin('p3', 'h.village_contact')} ${personSql.leftJoin('p4', 'h.hamlet_contact')}
     WHERE ${inScope('h.org_path', 1)} AND ($2::bigint IS NULL OR h.id = $2) ORDER BY h.org_path, h.id LIMIT $3 OFFSET $4`,
    [likePrefix(rootPath), id ?? null, page.limit, page.offset],
  );
}

export async function findHousehold(q: Queryable, scope: Scope, id: number) {
  const [row] = await q.query<{ id: number; org_id: number; head_name: string }>(`SELECT id, org_id, head_name FROM households WHERE id = $1 AND ${inScope('org_path', 2)}`, [id, likePrefix(scope.path)]);
  return row;
}

export async function registerWithGrid(q: Queryable, r: { countyId: number; gridId: number; gridPath: string; personId: number; registeredOn: string }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO grid_registrations (county_id, grid_id, grid_path, person_id, registered_on) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (grid_id, person_id) DO NOTHING RETURNING id`,
    [r.countyId, r.gridId, r.gridPath, r.personId, r.registeredOn],
  );
  return row?.id;
}

export async function findRegistration(q: Queryable, scope: Scope, id: number) {
  const [row] = await q.query<{ id: number; county_id: number; grid_path: string }>(
    `SELECT id, county_id, grid_path FROM grid_registrations WHERE id = $1 AND ${inScope('grid_path', 2)}`,
    [id, likePrefix(scope.path)],
  );
  return row;
}

export async function insertDeed(q: Queryable, d: { registrationId: number; countyId: number; gridPath: string; doneOn: string; description: string }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO grid_deeds (registration_id, county_id, grid_path, done_on, description) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
    [d.registrationId, d.countyId, d.gridPath, d.doneOn, d.description],
  );
  return row!.id;
}

/** The date of a deed of a registration already read in scope. */
export async function deedDate(q: Queryable, registrationId: number, deedId: number) {
  const [row] = await q.query<{ done_on: string }>(`${BY_KEY}SELECT done_on::text AS done_on FROM grid_deeds WHERE id = $1 AND registration_id = $2`, [deedId, registrationId]);
  return row?.done_on;
}

export async function gridMembers(q: Queryable, gridPath: string, year: number) {
  return q.query<{ id: number; person_id: number; name: string; home_org: string; registered_on: string; deeds: number; deed_list: { id: number; doneOn: string; description: string }[] }>(
    `${BY_KEY}SELECT g.id, g.person_id, p.name, o.name AS home_org, g.registered_on,
            (SELECT count(*)::int FROM grid_deeds d WHERE d.registration_id = g.id AND extract(year FROM d.done_on) = $2) AS deeds,
            COALESCE((SELECT json_agg(json_build_object('id', d.id, 'doneOn', d.done_on::text, 'description', d.description) ORDER BY d.done_on)
                      FROM grid_deeds d WHERE d.registration_id = g.id AND extract(year FROM d.done_on) = $2), '[]'::json) AS deed_list
     FROM grid_registrations g ${personSql.join('p', 'g.person_id')} JOIN orgs o ON o.id = p.org_id
     WHERE g.grid_path = $1 ORDER BY p.name`,
    [gridPath, year],
  );
}

/** The account a request is handed over to (active), with its scope's path. */
export async function handOverTarget(q: Queryable, accountId: number) {
  const [row] = await q.query<{ id: number; display_name: string; path: string }>(
    `${BY_KEY}SELECT a.id, a.display_name, o.path FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.id = $1 AND a.status = 'active'`,
    [accountId],
  );
  return row;
}

/** How many files the citizen sent on the public page (attachments of no account). */
export async function citizenPhotoCount(q: Queryable, caseId: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM attachments WHERE case_id = $1 AND created_by IS NULL`, [caseId]);
  return row?.n ?? 0;
}

/** The request's current rating, if rated. */
export async function ratingOf(q: Queryable, caseId: number): Promise<string | null> {
  const [row] = await q.query<{ rating: string | null }>(`SELECT rating FROM citizen_requests WHERE case_id = $1`, [caseId]);
  return row?.rating ?? null;
}

/** For 党员积分 (recognition, through the front door): 双报到 members' grid deeds of a year, by the member's own branch. */
export async function gridDeedsForPoints(q: Queryable, prefix: string, year: number) {
  return q.query<{ person_id: number; id: number; done_on: string; description: string }>(
    `SELECT r.person_id, d.id, to_char(d.done_on, 'YYYY-MM-DD') AS done_on, d.description
       FROM grid_deeds d JOIN grid_registrations r ON r.id = d.registration_id ${personSql.join('p', 'r.person_id')}
      WHERE ${inScope('p.org_path', 1)} AND d.done_on >= make_date($2::int, 1, 1) AND d.done_on < make_date($2::int + 1, 1, 1)
      ORDER BY d.done_on, d.id`,
    [prefix, year],
  );
}

/**
 * For 党员积分: citizens' requests resolved in a year by an account linked to a member under the
 * prefix (the owner who resolved it, 首问负责). The matter is not returned (it may name the citizen).
 */
export async function requestsHandledForPoints(q: Queryable, prefix: string, year: number) {
  return q.query<{ person_id: number; id: number; resolved_on: string; category: string }>(
    `SELECT ac.person_id, c.id, to_char(c.resolved_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS resolved_on, r.category
       FROM citizen_requests r JOIN cases c ON c.id = r.case_id
       JOIN accounts ac ON ac.id = r.owner_id ${personSql.join('p', 'ac.person_id')}
      WHERE ${inScope('p.org_path', 1)} AND c.status IN ('resolved', 'archived') AND r.resolved IS TRUE
        AND c.resolved_at >= (make_date($2::int, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
        AND c.resolved_at < (make_date($2::int + 1, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
      ORDER BY c.resolved_at, c.id`,
    [prefix, year],
  );
}

// ---- a person's own records (第一书记's work log): "recorded by" is an account linked to the person ----
export type RecordedVisitRow = { id: number; visited_on: string; org_name: string; household: string; heard: string; request_case_id: number | null };
/** 民情日记 visits recorded by any account linked to the person (accounts.person_id), in the scope, in [from, to]. */
export async function visitsRecordedBy(q: Queryable, scope: Scope, personId: number, from: string, to: string) {
  return q.query<RecordedVisitRow>(
    `SELECT v.id, v.visited_on, o.name AS org_name, v.household, v.heard, v.request_case_id
       FROM visits v JOIN orgs o ON o.id = v.org_id
      WHERE ${inScope('v.org_path', 1)} AND v.account_id IN (SELECT a.id FROM accounts a WHERE a.person_id = $2)
        AND v.visited_on BETWEEN $3::date AND $4::date
      ORDER BY v.visited_on DESC, v.id DESC LIMIT 500`,
    [likePrefix(scope.path), personId, from, to],
  );
}
export type RecordedRequestRow = { id: number; opened_on: string; org_name: string; channel: string; matter: string; status: string };
/** Citizen requests opened by any account linked to the person, in the scope, opened in [from, to]. */
export async function requestsOpenedBy(q: Queryable, scope: Scope, personId: number, from: string, to: string) {
  return q.query<RecordedRequestRow>(
    `SELECT c.id, to_char(c.opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS opened_on, o.name AS org_name, r.channel, r.matter, c.status
       FROM cases c JOIN citizen_requests r ON r.case_id = c.id JOIN orgs o ON o.id = c.org_id
      WHERE c.case_type = 'request' AND ${inScope('c.org_path', 1)} AND c.created_by IN (SELECT a.id FROM accounts a WHERE a.person_id = $2)
        AND (c.opened_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $3::date AND $4::date
      ORDER BY c.id DESC LIMIT 500`,
    [likePrefix(scope.path), personId, from, to],
  );
}

// ---- 工作台 (home reads these through the requests service's today source and count source) ----

/** 群众事项: received in my subtree and not taken on; and the ones I handle (late first). */
export function todayRequests(q: Queryable, p: { like: string; accountId: number; today: string; limit: number }) {
  return q.query<{ kind: string; id: number; title: string; org: string; due: string | null; reason: string | null; at: Date | string }>(
    `SELECT CASE WHEN c.status = 'received' THEN 'request_to_claim'
                 WHEN r.promised_date < $3 THEN 'request_overdue'
                 ELSE 'request_mine' END AS kind,
            c.id, c.title, o.name AS org,
            (CASE WHEN c.status = 'received' THEN NULL ELSE r.promised_date END)::text AS due,
            NULL::text AS reason, c.updated_at AS at
       FROM cases c
       JOIN citizen_requests r ON r.case_id = c.id
       JOIN orgs o ON o.id = c.org_id
      WHERE c.case_type = 'request' AND c.resolved_at IS NULL AND ${inScope('c.org_path', 1)}
        AND (c.status = 'received' OR r.owner_id = $2)
      ORDER BY (c.status = 'received') DESC, r.promised_date NULLS LAST, c.opened_at DESC
      LIMIT $4`,
    [p.like, p.accountId, p.today, p.limit],
  );
}

/** The open requests of my subtree: not taken on, all, past the promised date. */
export async function todoRequestCounts(q: Queryable, like: string, today: string) {
  const [row] = await q.query<{ unclaimed: number; open: number; overdue: number }>(
    `SELECT count(*) FILTER (WHERE c.status = 'received')::int AS unclaimed,
            count(*)::int AS open,
            count(*) FILTER (WHERE r.promised_date < $2)::int AS overdue
       FROM cases c JOIN citizen_requests r ON r.case_id = c.id
      WHERE c.case_type = 'request' AND ${openPredicate('request')} AND ${inScope('c.org_path', 1)}`,
    [like, today],
  );
  return row!;
}

// ---- 吹哨报到 (whistles.service.ts) ----

/** The request or ledger problem a whistle is blown for, in the scope, locked for the call. */
export async function lockWhistleSource(q: Queryable, scope: Scope, caseId: number) {
  const [row] = await q.query<{ id: number; county_id: number; case_type: string; org_path: string }>(
    `SELECT id, county_id, case_type, org_path FROM cases WHERE id = $1 AND ${inScope('org_path', 2)} AND case_type IN ('request','problem') FOR UPDATE`,
    [caseId, likePrefix(scope.path)],
  );
  return row;
}

/** The whistling org (the account's own scope org). */
export async function whistlerOrg(q: Queryable, orgId: number) {
  const [row] = await q.query<{ id: number; path: string }>(`${BY_KEY}SELECT id, path FROM orgs WHERE id = $1`, [orgId]);
  return row;
}

/** Whether an org is an active one of the county (an owner a declining department suggests). */
export async function activeOrgOfCounty(q: Queryable, orgId: number, countyId: number): Promise<boolean> {
  return (await q.query(`${BY_KEY}SELECT 1 FROM orgs WHERE id = $1 AND county_id = $2 AND status = 'active'`, [orgId, countyId])).length > 0;
}

/**
 * SQL over a citizen request's own row for a module whose one statement reads requests beside
 * their cases (assessment's 响应率/解决率/满意率), in the shape of people's `personSql`: `join(alias,
 * caseKey)` joins the request of the case whose id is the expression `caseKey`, so that module's
 * text never names this module's table. The statement text is the one it wrote before.
 */
export const citizenRequestSql = {
  join: (alias: string, caseKey: string) => `JOIN citizen_requests ${alias} ON ${alias}.case_id = ${caseKey}`,
};
