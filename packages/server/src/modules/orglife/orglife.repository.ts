// The only file with SQL of 组织生活. Meetings carry their unit's path (a tenant table: every
// statement is scoped, core/scope.ts); the 主题党日 filings are cases of the engine, their own row
// in theme_day_filings. The "who is behind" roll-up reads the running totals the database keeps
// beside meetings (meeting_tallies, migration 450) under the path prefix.
import type { Queryable } from '../../db/db.js';
import type { MeetingTypeRule } from '@lianxin/contract';
import { inScope, BY_KEY } from '../../core/scope.js';
import { personSql } from '../people/index.js';

export async function settingsOf(q: Queryable, countyId: number) {
  const [row] = await q.query<{ backdate_days: number; types: MeetingTypeRule[]; excellent_cap_pct: number | null; anonymous_ballots: boolean }>(
    `SELECT backdate_days, types, excellent_cap_pct, anonymous_ballots FROM orglife_settings WHERE county_id = $1`,
    [countyId],
  );
  return row;
}

export async function saveSettings(q: Queryable, countyId: number, s: { backdateDays: number; types: MeetingTypeRule[]; excellentCapPercent: number | null; anonymousBallots: boolean }) {
  await q.query(
    `INSERT INTO orglife_settings (county_id, backdate_days, types, excellent_cap_pct, anonymous_ballots) VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (county_id) DO UPDATE SET backdate_days = EXCLUDED.backdate_days, types = EXCLUDED.types, excellent_cap_pct = EXCLUDED.excellent_cap_pct,
       anonymous_ballots = EXCLUDED.anonymous_ballots, updated_at = now()`,
    [countyId, s.backdateDays, JSON.stringify(s.types), s.excellentCapPercent, s.anonymousBallots],
  );
}

export type NewMeeting = {
  countyId: number;
  orgId: number;
  orgPath: string;
  typeCode: string;
  heldOn: string;
  place: string;
  host: string;
  bySecretary: boolean;
  topic: string;
  minutes: string | null;
  decisions: string | null;
  activityKind: string | null;
  filingCaseId: number | null;
  partyGroupId: number | null;
  createdBy: number | null;
  attendees: { personId: number; present: boolean; absenceReason: string | null }[];
};

/** The meeting and its attendance in one statement (the caller audits it in the same transaction). */
export async function insertMeeting(q: Queryable, m: NewMeeting): Promise<number> {
  const present = m.attendees.filter((a) => a.present).length;
  const [row] = await q.query<{ id: number }>(
    `WITH m AS (
       INSERT INTO meetings (county_id, org_id, org_path, type_code, held_on, place, host, by_secretary, topic, minutes, decisions,
                             activity_kind, expected_count, present_count, filing_case_id, created_by, party_group_id)
       VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $20) RETURNING id, county_id),
     a AS (
       INSERT INTO meeting_attendees (meeting_id, county_id, person_id, present, absence_reason)
       SELECT m.id, m.county_id, x.person_id, x.present, x.reason
         FROM m, unnest($17::bigint[], $18::boolean[], $19::text[]) AS x(person_id, present, reason))
     SELECT id FROM m`,
    [m.countyId, m.orgId, m.orgPath, m.typeCode, m.heldOn, m.place, m.host, m.bySecretary, m.topic, m.minutes, m.decisions,
      m.activityKind, m.attendees.length, present, m.filingCaseId, m.createdBy,
      m.attendees.map((a) => a.personId), m.attendees.map((a) => a.present), m.attendees.map((a) => a.absenceReason), m.partyGroupId],
  );
  return Number(row!.id);
}

export type MeetingRow = {
  id: number;
  county_id: number;
  org_id: number;
  org_path: string;
  org_name: string;
  org_type: string;
  type_code: string;
  held_on: string;
  place: string;
  host: string;
  by_secretary: boolean;
  topic: string;
  minutes: string | null;
  decisions: string | null;
  activity_kind: string | null;
  expected_count: number;
  present_count: number;
  filing_case_id: number | null;
  party_group_id: number | null;
  party_group_name: string | null;
  version: number;
};

const MEETING_COLUMNS = `m.id, m.county_id, m.org_id, m.org_path, o.name AS org_name, o.type AS org_type, m.type_code, m.held_on::text AS held_on,
  m.place, m.host, m.by_secretary, m.topic, m.minutes, m.decisions, m.activity_kind, m.expected_count, m.present_count, m.filing_case_id,
  m.party_group_id, (SELECT g.name FROM orgs g WHERE g.id = m.party_group_id) AS party_group_name, m.version`;

export async function findMeeting(q: Queryable, like: string, id: number): Promise<MeetingRow | undefined> {
  const [row] = await q.query<MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM meetings m JOIN orgs o ON o.id = m.org_id WHERE m.id = $1 AND ${inScope('m.org_path', 2)}`,
    [id, like],
  );
  return row;
}

export async function attendeesOf(q: Queryable, meetingId: number) {
  return q.query<{ person_id: number; name: string; present: boolean; absence_reason: string | null }>(
    `${BY_KEY}SELECT a.person_id, p.name, a.present, a.absence_reason
       FROM meeting_attendees a ${personSql.join('p', 'a.person_id')}
      WHERE a.meeting_id = $1 ORDER BY a.present DESC, p.name`,
    [meetingId],
  );
}

export type MeetingFilter = { like: string; from: string; to: string; typeCode?: string; page: number; pageSize: number };

/** Meetings under a path prefix in a date range, newest first. */
export async function listMeetings(q: Queryable, f: MeetingFilter) {
  const where = `${inScope('m.org_path', 1)} AND m.held_on BETWEEN $2::date AND $3::date AND ($4::text IS NULL OR m.type_code = $4)`;
  const params = [f.like, f.from, f.to, f.typeCode ?? null];
  const [head] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM meetings m WHERE ${where}`, params);
  const rows = await q.query<MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM meetings m JOIN orgs o ON o.id = m.org_id WHERE ${where}
      ORDER BY m.held_on DESC, m.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    params,
  );
  return { rows, total: head?.n ?? 0 };
}

/** Whether the unit already held a meeting of the type on that day (a filing for it is too late). */
export async function heldOnDay(q: Queryable, like: string, orgId: number, typeCode: string, day: string): Promise<boolean> {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM meetings m WHERE m.org_id = $2 AND m.type_code = $3 AND m.held_on = $4::date AND ${inScope('m.org_path', 1)}`,
    [like, orgId, typeCode, day],
  );
  return (row?.n ?? 0) > 0;
}

/**
 * The rules as rows: one per (type, unit type) with the count required by the end of the period,
 * and how many of those must have been given by the unit's secretary (党课: ≥ 1 a year).
 */
export type RuleRows = { codes: string[]; unitTypes: string[]; required: number[]; bySecretary: number[] };

/** The board's period: January 1 of `year` to the end of `month` (1–12). */
export type BoardPeriod = { year: number; month: number };

/** Per child of the board's org (child '' — the org itself is a unit): its units, how many are behind, meetings held and required, attendance. */
export type RollupRow = { child: string; units: number; behind: number; held: number; required: number; shortfall: number; present: number; expected: number };

/** Per meeting type over the units: held, required, shortfall; of them given by the secretary against the secretary's share. */
export type TypeRow = { code: string; held: number; required: number; shortfall: number; by_sec: number; sec_required: number; sec_shortfall: number; sec_behind: number };

/**
 * 谁落后了, in one statement: the units under the prefix ($1) the rules apply to, and per unit and
 * type the meetings held from January 1 of year $2 to the end of month $3 against the required
 * count ($4–$7 the rules as arrays) — computed once, then summed two ways: per child of the org at
 * `path` ($8) and per meeting type. Rows of kind 'child' carry the roll-up (key = the child), rows
 * of kind 'type' the per-type figures (key = the code); the caller splits them (`board`). $9: the
 * rules' unit types once each (repeated, as in $5, they made the planner expect three times the
 * units and group the province's 98,000 unit × type rows by sorting them on disk).
 *
 * The meetings are read from `meeting_tallies` (migration 450): per meeting path, unit, type
 * and party group the year's running totals by month, kept by triggers on meetings, so element
 * [$3] is exactly what counting the meetings of the period answers. One scan of the tallies
 * (`tal`) feeds both the per-unit sums and the per-group counts of 党小组会.
 */
const BOARD_SQL = `
  WITH rules AS (SELECT * FROM unnest($4::text[], $5::text[], $6::int[], $7::int[]) AS r(code, unit_type, required, sec_required)),
  units AS (
    SELECT o.id, o.type, split_part(substr(o.path, length($8::text) + 1), '/', 1) AS child
      FROM orgs o WHERE o.status = 'active' AND o.type = ANY($9::text[]) AND ${inScope('o.path', 1)}),
  tal AS (
    SELECT t.org_id, t.type_code, t.party_group_id, t.held[$3::int] AS n, t.by_secretary[$3::int] AS s,
           t.present[$3::int] AS p, t.expected[$3::int] AS e
      FROM meeting_tallies t WHERE ${inScope('t.org_path', 1)} AND t.year = $2::int),
  held AS (
    SELECT org_id, type_code, sum(n)::int AS n, sum(s)::int AS by_sec, sum(p)::int AS present, sum(e)::int AS expected
      FROM tal GROUP BY org_id, type_code),
  -- 党小组会 (code 'group') is held by each party group of a unit: a unit with groups owes the count per group
  grp AS (
    SELECT g.parent_id AS unit_id, count(*)::int AS groups,
           sum(greatest((SELECT max(r.required) FROM rules r WHERE r.code = 'group') - coalesce(gh.n, 0), 0))::int AS short
      FROM orgs g
      LEFT JOIN (SELECT party_group_id, sum(n)::int AS n FROM tal WHERE type_code = 'group' AND party_group_id <> 0 GROUP BY party_group_id) gh
        ON gh.party_group_id = g.id
     WHERE g.type = 'party_group' AND g.status = 'active' AND ${inScope('g.path', 1)}
     GROUP BY g.parent_id),
  per AS (
    SELECT u.id, u.child, r.code, r.required * CASE WHEN r.code = 'group' AND gr.groups > 0 THEN gr.groups ELSE 1 END AS required,
           coalesce(h.n, 0) AS held, coalesce(h.present, 0) AS present, coalesce(h.expected, 0) AS expected,
           r.sec_required, coalesce(h.by_sec, 0) AS by_sec,
           CASE WHEN r.code = 'group' AND gr.groups > 0 THEN gr.short
           -- short of the count, or of the ones the secretary must give (the meetings still needed)
           ELSE greatest(r.required - coalesce(h.n, 0), r.sec_required - coalesce(h.by_sec, 0), 0) END AS short
      FROM units u JOIN rules r ON r.unit_type = u.type
      LEFT JOIN held h ON h.org_id = u.id AND h.type_code = r.code
      LEFT JOIN grp gr ON gr.unit_id = u.id),
  -- the per-unit rows (behind: short of any type) and the per-type rows, in one pass over per
  agg AS (
    SELECT child, code, GROUPING(code) = 1 AS is_unit, bool_or(short > 0) AS behind,
           sum(held)::int AS held, sum(required)::int AS required, sum(short)::int AS shortfall, sum(present)::int AS present, sum(expected)::int AS expected,
           sum(by_sec)::int AS by_sec, sum(sec_required)::int AS sec_required, sum(greatest(sec_required - by_sec, 0))::int AS sec_shortfall,
           count(*) FILTER (WHERE by_sec < sec_required)::int AS sec_behind
      FROM per GROUP BY GROUPING SETS ((id, child), (code)))
  SELECT 'child' AS kind, child AS key, count(*)::int AS units, count(*) FILTER (WHERE behind)::int AS behind, sum(held)::int AS held,
         sum(required)::int AS required, sum(shortfall)::int AS shortfall, sum(present)::int AS present, sum(expected)::int AS expected,
         0 AS by_sec, 0 AS sec_required, 0 AS sec_shortfall, 0 AS sec_behind
    FROM agg WHERE is_unit GROUP BY child
  UNION ALL
  SELECT 'type', code, 0, 0, held, required, shortfall, present, expected, by_sec, sec_required, sec_shortfall, sec_behind FROM agg WHERE NOT is_unit
  ORDER BY 1, 2`;

/**
 * 谁落后了: the roll-up per child of the org at `path` and the figures per meeting type, from one
 * statement (the per-unit rows are computed once for both).
 */
export async function board(q: Queryable, like: string, path: string, period: BoardPeriod, rules: RuleRows): Promise<{ rollup: RollupRow[]; byType: TypeRow[] }> {
  const rows = await q.query<{ kind: 'child' | 'type'; key: string } & Omit<RollupRow, 'child'> & Omit<TypeRow, 'code'>>(
    BOARD_SQL,
    [like, period.year, period.month, rules.codes, rules.unitTypes, rules.required, rules.bySecretary, path, [...new Set(rules.unitTypes)]],
  );
  const rollup: RollupRow[] = [];
  const byType: TypeRow[] = [];
  for (const r of rows) {
    if (r.kind === 'child') {
      rollup.push({ child: r.key, units: r.units, behind: r.behind, held: r.held, required: r.required, shortfall: r.shortfall, present: r.present, expected: r.expected });
    } else {
      byType.push({ code: r.key, held: r.held, required: r.required, shortfall: r.shortfall, by_sec: r.by_sec, sec_required: r.sec_required, sec_shortfall: r.sec_shortfall, sec_behind: r.sec_behind });
    }
  }
  return { rollup, byType };
}

/** One unit's meetings held per type in [from, to], and of them given by the secretary (the home page's "due this month"). */
export async function heldByType(q: Queryable, like: string, orgId: number, from: string, to: string) {
  return q.query<{ type_code: string; n: number; by_sec: number }>(
    `SELECT m.type_code, count(*)::int AS n, count(*) FILTER (WHERE m.by_secretary)::int AS by_sec FROM meetings m
      WHERE m.org_id = $2 AND m.held_on BETWEEN $3::date AND $4::date AND ${inScope('m.org_path', 1)}
      GROUP BY m.type_code`,
    [like, orgId, from, to],
  );
}

/** Each person's attendance over one unit's meetings in [from, to]: listed (expected) and ticked present (a unit's board). */
export async function memberAttendance(q: Queryable, like: string, orgId: number, from: string, to: string) {
  return q.query<{ person_id: number; name: string; expected: number; present: number }>(
    `SELECT a.person_id, p.name, count(*)::int AS expected, count(*) FILTER (WHERE a.present)::int AS present
       FROM meetings m JOIN meeting_attendees a ON a.meeting_id = m.id ${personSql.join('p', 'a.person_id')}
      WHERE m.org_id = $2 AND m.held_on BETWEEN $3::date AND $4::date AND ${inScope('m.org_path', 1)}
      GROUP BY a.person_id, p.name
      ORDER BY count(*) FILTER (WHERE a.present)::float / count(*), p.name, a.person_id`,
    [like, orgId, from, to],
  );
}

// ---- 党小组 ----

/** The active party groups of a branch (the tree's nodes under it), in the tree's order. */
export async function partyGroupsOf(q: Queryable, like: string, branchId: number) {
  return q.query<{ id: number; name: string; version: number }>(
    `SELECT g.id, g.name, g.version FROM orgs g
      WHERE g.parent_id = $2 AND g.type = 'party_group' AND g.status = 'active' AND ${inScope('g.path', 1)} ORDER BY g.sort, g.id`,
    [like, branchId],
  );
}

/** One active party group of the scope, with its branch. */
export async function findPartyGroup(q: Queryable, like: string, id: number) {
  const [row] = await q.query<{ id: number; name: string; version: number; parent_id: number }>(
    `SELECT g.id, g.name, g.version, g.parent_id FROM orgs g WHERE g.id = $2 AND g.type = 'party_group' AND g.status = 'active' AND ${inScope('g.path', 1)}`,
    [like, id],
  );
  return row;
}

/** 党小组会 held by each active party group of a branch in [from, to] (the branch's board and home to-do). */
export async function groupMeetingsHeld(q: Queryable, like: string, branchId: number, from: string, to: string) {
  return q.query<{ id: number; name: string; n: number }>(
    `SELECT g.id, g.name, (SELECT count(*)::int FROM meetings m WHERE m.party_group_id = g.id AND m.org_id = $2 AND m.type_code = 'group'
                             AND m.held_on BETWEEN $3::date AND $4::date AND ${inScope('m.org_path', 1)}) AS n
       FROM orgs g WHERE g.parent_id = $2 AND g.type = 'party_group' AND g.status = 'active' AND ${inScope('g.path', 1)}
      ORDER BY g.sort, g.id`,
    [like, branchId, from, to],
  );
}

// ---- 会议照片和附件 ----

export async function filesOf(q: Queryable, meetingId: number) {
  return q.query<{ id: number; file_name: string; mime_type: string; size: number; created_at: Date }>(
    `SELECT f.id, f.file_name, f.mime_type, f.size, f.created_at FROM meeting_files f WHERE f.meeting_id = $1 ORDER BY f.id`,
    [meetingId],
  );
}

export async function insertFile(q: Queryable, f: { meetingId: number; countyId: number; fileName: string; mimeType: string; content: Buffer; createdBy: number | null }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO meeting_files (meeting_id, county_id, file_name, mime_type, size, content, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [f.meetingId, f.countyId, f.fileName, f.mimeType, f.content.length, f.content, f.createdBy],
  );
  return Number(row!.id);
}

export async function fileContent(q: Queryable, meetingId: number, fileId: number) {
  const [row] = await q.query<{ file_name: string; mime_type: string; content: Buffer }>(
    `SELECT f.file_name, f.mime_type, f.content FROM meeting_files f WHERE f.id = $2 AND f.meeting_id = $1`,
    [meetingId, fileId],
  );
  return row;
}

export async function deleteFile(q: Queryable, meetingId: number, fileId: number) {
  const rows = await q.query<{ file_name: string; size: number }>(`DELETE FROM meeting_files WHERE id = $2 AND meeting_id = $1 RETURNING file_name, size`, [meetingId, fileId]);
  return rows[0];
}

// ---- 主题党日 备案 ----

export type FilingRow = {
  id: number;
  county_id: number;
  org_id: number;
  org_path: string;
  org_name: string;
  org_type: string;
  status: string;
  version: number;
  opened_at: Date;
  updated_at: Date;
  planned_on: string;
  activity_kind: string;
  place: string;
  plan: string;
  meeting_id: number | null;
  return_comment: string | null;
};

const FILING_SELECT = `
  SELECT c.id, c.county_id, c.org_id, c.org_path, o.name AS org_name, o.type AS org_type, c.status, c.version, c.opened_at, c.updated_at,
         f.planned_on::text AS planned_on, f.activity_kind, f.place, f.plan, f.meeting_id,
         CASE WHEN c.status = 'returned' THEN (SELECT e.body FROM case_events e WHERE e.case_id = c.id AND e.transition = 'return' ORDER BY e.seq DESC LIMIT 1) END AS return_comment
    FROM cases c JOIN theme_day_filings f ON f.case_id = c.id JOIN orgs o ON o.id = c.org_id`;

export async function findFiling(q: Queryable, like: string, id: number): Promise<FilingRow | undefined> {
  const [row] = await q.query<FilingRow>(`${FILING_SELECT} WHERE c.id = $1 AND c.case_type = 'theme_day' AND ${inScope('c.org_path', 2)}`, [id, like]);
  return row;
}

export async function listFilings(q: Queryable, like: string, status: string | null, page: { page: number; pageSize: number }) {
  const where = `c.case_type = 'theme_day' AND ${inScope('c.org_path', 1)} AND ($2::text IS NULL OR c.status = $2)`;
  const [head] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c WHERE ${where}`, [like, status]);
  const rows = await q.query<FilingRow>(
    `${FILING_SELECT} WHERE ${where}
      ORDER BY f.planned_on DESC, c.id DESC LIMIT $3 OFFSET $4`,
    [like, status, page.pageSize, (page.page - 1) * page.pageSize],
  );
  return { rows, total: head?.n ?? 0 };
}

/** A refiled plan's fields (the case is locked by the engine). */
export async function updateFiling(q: Queryable, caseId: number, f: { plannedOn: string; activityKind: string; place: string; plan: string }) {
  await q.query(
    `${BY_KEY}UPDATE theme_day_filings SET planned_on = $2::date, activity_kind = $3, place = $4, plan = $5 WHERE case_id = $1`,
    [caseId, f.plannedOn, f.activityKind, f.place, f.plan],
  );
  await q.query(`${BY_KEY}UPDATE cases SET deadline = $2::date WHERE id = $1`, [caseId, f.plannedOn]);
}

export async function linkMeeting(q: Queryable, caseId: number, meetingId: number) {
  await q.query(`${BY_KEY}UPDATE theme_day_filings SET meeting_id = $2 WHERE case_id = $1`, [caseId, meetingId]);
}

/** Home: filings of my unit sent back to me, and filings below me waiting for my review. */
export async function filingsForToday(q: Queryable, like: string, orgPath: string, mayGuide: boolean) {
  return q.query<{ kind: string; id: number; title: string; org: string; due: string | null; reason: string | null; at: Date }>(
    `SELECT CASE WHEN c.status = 'returned' THEN 'filing_returned' ELSE 'filing_to_review' END AS kind,
            c.id, c.title, o.name AS org, c.deadline::text AS due,
            (SELECT e.body FROM case_events e WHERE e.case_id = c.id AND e.transition = 'return' AND c.status = 'returned' ORDER BY e.seq DESC LIMIT 1) AS reason,
            c.updated_at AS at
       FROM cases c JOIN orgs o ON o.id = c.org_id
      WHERE c.case_type = 'theme_day' AND ${inScope('c.org_path', 1)}
        AND ((c.status = 'returned' AND $2::text LIKE c.org_path || '%') OR ($3::boolean AND c.status = 'filed' AND c.org_path <> $2::text))
      ORDER BY c.id DESC LIMIT 50`,
    [like, orgPath, mayGuide],
  );
}

// ---- 列席 ----

export async function insertSitIn(q: Queryable, s: { meetingId: number; countyId: number; orgId: number; attendee: string; opinion: string; createdBy: number | null }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO meeting_sitins (meeting_id, county_id, org_id, attendee, opinion, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [s.meetingId, s.countyId, s.orgId, s.attendee, s.opinion, s.createdBy],
  );
  return Number(row!.id);
}

export async function sitInsOf(q: Queryable, meetingId: number) {
  return q.query<{ id: number; org_id: number; org_name: string; org_type: string; attendee: string; opinion: string; created_at: Date }>(
    `${BY_KEY}SELECT s.id, s.org_id, o.name AS org_name, o.type AS org_type, s.attendee, s.opinion, s.created_at
       FROM meeting_sitins s JOIN orgs o ON o.id = s.org_id WHERE s.meeting_id = $1 ORDER BY s.id`,
    [meetingId],
  );
}

// ---- 访民情 ----

/** Links a held theme day to the 民情日记 entry (and request) one of its visits made. */
export async function insertMeetingVisit(q: Queryable, v: { meetingId: number; countyId: number; visitId: number; requestId: number | null; household: string; seq: number }) {
  await q.query(
    `INSERT INTO meeting_visits (meeting_id, county_id, visit_id, request_case_id, household, seq) VALUES ($1, $2, $3, $4, $5, $6)`,
    [v.meetingId, v.countyId, v.visitId, v.requestId, v.household, v.seq],
  );
}

export async function visitsOf(q: Queryable, meetingId: number) {
  return q.query<{ visit_id: number; household: string; request_case_id: number | null }>(
    `${BY_KEY}SELECT v.visit_id, v.household, v.request_case_id FROM meeting_visits v WHERE v.meeting_id = $1 ORDER BY v.seq`,
    [meetingId],
  );
}

// ---- 会议记录簿 ----

export type BookRow = MeetingRow & { absentees: string | null; sit_ins: string | null };

/** The minutes book: a unit's (or a subtree's) meetings of a year in date order, in batches. */
export async function* iterateBook(q: Queryable, like: string, from: string, to: string, batch = 500): AsyncGenerator<BookRow[]> {
  let after = { day: '0001-01-01', id: 0 };
  for (;;) {
    const rows = await q.query<BookRow>(
      `SELECT ${MEETING_COLUMNS},
              (SELECT string_agg(p.name || '（' || a.absence_reason || '）', '、' ORDER BY p.name)
                 FROM meeting_attendees a ${personSql.join('p', 'a.person_id')} WHERE a.meeting_id = m.id AND NOT a.present) AS absentees,
              (SELECT string_agg(s.attendee || '：' || s.opinion, '；' ORDER BY s.id) FROM meeting_sitins s WHERE s.meeting_id = m.id) AS sit_ins
         FROM meetings m JOIN orgs o ON o.id = m.org_id
        WHERE ${inScope('m.org_path', 1)} AND m.held_on BETWEEN $2::date AND $3::date AND (m.held_on, m.id) > ($4::date, $5::bigint)
        ORDER BY m.held_on, m.id LIMIT ${batch}`,
      [like, from, to, after.day, after.id],
    );
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { day: last.held_on, id: last.id };
  }
}

// ---- 工作会商 ----

export type ConsultationRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; status: string; version: number;
  held_on: string; topic: string; participants: string; decision: string; comment: string | null;
};

const CONSULTATION_SELECT = `
  SELECT c.id, c.county_id, c.org_id, c.org_path, o.name AS org_name, o.type AS org_type, c.status, c.version,
         k.held_on::text AS held_on, k.topic, k.participants, k.decision,
         (SELECT e.body FROM case_events e WHERE e.case_id = c.id AND e.transition IN ('agree', 'return') ORDER BY e.seq DESC LIMIT 1) AS comment
    FROM cases c JOIN consultations k ON k.case_id = c.id JOIN orgs o ON o.id = c.org_id`;

export async function findConsultation(q: Queryable, like: string, id: number): Promise<ConsultationRow | undefined> {
  const [row] = await q.query<ConsultationRow>(`${CONSULTATION_SELECT} WHERE c.id = $1 AND c.case_type = 'consultation' AND ${inScope('c.org_path', 2)}`, [id, like]);
  return row;
}

export async function listConsultations(q: Queryable, like: string, page: { page: number; pageSize: number }) {
  const where = `c.case_type = 'consultation' AND ${inScope('c.org_path', 1)}`;
  const [head] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c WHERE ${where}`, [like]);
  const rows = await q.query<ConsultationRow>(`${CONSULTATION_SELECT} WHERE ${where} ORDER BY c.id DESC LIMIT $2 OFFSET $3`, [like, page.pageSize, (page.page - 1) * page.pageSize]);
  return { rows, total: head?.n ?? 0 };
}

export async function reviseConsultation(q: Queryable, caseId: number, decision: string) {
  await q.query(`${BY_KEY}UPDATE consultations SET decision = $2 WHERE case_id = $1`, [caseId, decision]);
}

/**
 * For 党员积分 (recognition, through the front door): the meetings held under the prefix in a year,
 * with the members ticked present — a member's points for 组织生活 and a branch's for meetings held.
 */
export async function meetingsForPoints(q: Queryable, prefix: string, year: number) {
  return q.query<{ id: number; org_id: number; held_on: string; type_code: string; topic: string; present: number[] }>(
    `SELECT m.id, m.org_id, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, m.type_code, m.topic,
            COALESCE(array_agg(a.person_id::int ORDER BY a.person_id) FILTER (WHERE a.present), '{}') AS present
       FROM meetings m LEFT JOIN meeting_attendees a ON a.meeting_id = m.id
      WHERE ${inScope('m.org_path', 1)} AND m.held_on >= make_date($2::int, 1, 1) AND m.held_on < make_date($2::int + 1, 1, 1)
      GROUP BY m.id ORDER BY m.held_on, m.id`,
    [prefix, year],
  );
}

/** Meetings a person attended (ticked present), in the subtree, held in [from, to] (第一书记's work log). */
export async function meetingsAttendedBy(q: Queryable, like: string, personId: number, from: string, to: string) {
  return q.query<{ id: number; held_on: string; type_code: string; topic: string; org_name: string }>(
    `SELECT m.id, m.held_on, m.type_code, m.topic, o.name AS org_name
       FROM meetings m JOIN meeting_attendees a ON a.meeting_id = m.id JOIN orgs o ON o.id = m.org_id
      WHERE ${inScope('m.org_path', 1)} AND a.person_id = $2 AND a.present AND m.held_on BETWEEN $3::date AND $4::date
      ORDER BY m.held_on DESC, m.id DESC LIMIT 500`,
    [like, personId, from, to],
  );
}

/**
 * SQL over meetings for a module whose one statement shows the meeting a row names (a flow step
 * decided at a meeting), in the shape of people's `personSql`: `leftJoin(alias, key)` joins the
 * meeting whose id is the expression `key`. Columns read through the alias: `held_on`, `topic`, `type_code`.
 */
export const meetingSql = {
  leftJoin: (alias: string, key: string) => `LEFT JOIN meetings ${alias} ON ${alias}.id = ${key}`,
};
