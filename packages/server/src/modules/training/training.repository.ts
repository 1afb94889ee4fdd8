// The only SQL of the training module: menu categories, courses, sessions, attendance and talks.
// People, posts and meetings are other modules' records, read through their services (app.ts);
// here only their ids are stored. Person-times are counts of attendance rows.
import type { Queryable } from '../../db/db.js';
import { BY_KEY, inCounty, inScope } from '../../core/scope.js';
import { TOTAL_COUNT, totalOf } from '../../core/paging.js';
import { personSql } from '../people/index.js';

type Window = { page: number; limit: number; offset: number };

// ---- categories ----
export async function listCategories(q: Queryable, countyId: number, w: Window) {
  const sql = `SELECT c.id, c.name, (SELECT count(*)::int FROM training_courses k WHERE ${inCounty('k.county_id', 1)} AND k.category_id = c.id) AS courses, ${TOTAL_COUNT}
                 FROM training_categories c WHERE c.county_id = $1 ORDER BY c.id LIMIT $2 OFFSET $3`;
  const rows = await q.query<{ id: number; name: string; courses: number; total_count: number }>(sql, [countyId, w.limit, w.offset]);
  return { rows, total: await totalOf(rows, w.page, () => q.query(sql, [countyId, 1, 0])) };
}
/** One category of the county with its number of courses (GET /api/training/categories/{id}). */
export async function findCategory(q: Queryable, countyId: number, id: number) {
  const [row] = await q.query<{ id: number; name: string; courses: number }>(
    `SELECT c.id, c.name, (SELECT count(*)::int FROM training_courses k WHERE ${inCounty('k.county_id', 1)} AND k.category_id = c.id) AS courses
       FROM training_categories c WHERE ${inCounty('c.county_id', 1)} AND c.id = $2`,
    [countyId, id],
  );
  return row;
}
export async function categoryOf(q: Queryable, countyId: number, id: number) {
  const [row] = await q.query<{ id: number; name: string }>(`SELECT id, name FROM training_categories WHERE id = $1 AND county_id = $2`, [id, countyId]);
  return row;
}
export async function categoryNamed(q: Queryable, countyId: number, name: string) {
  const [row] = await q.query<{ id: number }>(`SELECT id FROM training_categories WHERE county_id = $1 AND name = $2`, [countyId, name]);
  return row;
}
export async function insertCategory(q: Queryable, countyId: number, name: string) {
  const [row] = await q.query<{ id: number }>(`INSERT INTO training_categories (county_id, name) VALUES ($1, $2) RETURNING id`, [countyId, name]);
  return row!.id;
}

// ---- courses: a county's catalogue; a course is seen below its owner and by the levels above it ----
export type CourseRow = {
  id: number; county_id: number; org_id: number; org_name: string; org_type: string; org_path: string; topic: string; lecturer: string; mode: string; hours: number;
  category_id: number; category_name: string; sessions: number;
};
const COURSE = `SELECT k.id, k.county_id, k.org_id, o.name AS org_name, o.type AS org_type, k.org_path, k.topic, k.lecturer, k.mode, k.hours,
                       k.category_id, g.name AS category_name, (SELECT count(*)::int FROM training_sessions s WHERE s.course_id = k.id) AS sessions
                  FROM training_courses k JOIN orgs o ON o.id = k.org_id JOIN training_categories g ON g.id = k.category_id`;
/** Visible to the caller: in the caller's county, and owned by the caller's subtree or by a level above the caller. */
const courseVisible = (county: number, prefix: number, path: number) => `${inCounty('k.county_id', county)} AND (k.org_path LIKE $${prefix} OR $${path}::text LIKE k.org_path || '%')`;

export async function listCourses(q: Queryable, s: { countyId: number; prefix: string; path: string }, f: { categoryId?: number; mode?: string; q?: string }, w: Window) {
  const params: unknown[] = [s.countyId, s.prefix, s.path];
  const where = [courseVisible(1, 2, 3)];
  if (f.categoryId) where.push(`k.category_id = $${params.push(f.categoryId)}`);
  if (f.mode) where.push(`k.mode = $${params.push(f.mode)}`);
  if (f.q) where.push(`k.topic LIKE $${params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  const sql = (limit: number, offset: number) => `${COURSE.replace('k.category_id, g.name', `${TOTAL_COUNT}, k.category_id, g.name`)} WHERE ${where.join(' AND ')} ORDER BY k.id DESC LIMIT ${limit} OFFSET ${offset}`;
  const rows = await q.query<CourseRow & { total_count: number }>(sql(w.limit, w.offset), params);
  return { rows, total: await totalOf(rows, w.page, () => q.query(sql(1, 0), params)) };
}
export async function findCourse(q: Queryable, s: { countyId: number; prefix: string; path: string }, id: number) {
  const [row] = await q.query<CourseRow>(`${COURSE} WHERE k.id = $4 AND ${courseVisible(1, 2, 3)}`, [s.countyId, s.prefix, s.path, id]);
  return row;
}
export async function insertCourse(q: Queryable, c: { countyId: number; orgId: number; orgPath: string; categoryId: number; topic: string; lecturer: string; mode: string; hours: number; by: number | null }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO training_courses (county_id, org_id, org_path, category_id, topic, lecturer, mode, hours, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [c.countyId, c.orgId, c.orgPath, c.categoryId, c.topic, c.lecturer, c.mode, c.hours, c.by],
  );
  return row!.id;
}

// ---- sessions ----
export type SessionRow = {
  id: number; county_id: number; org_id: number; org_name: string; org_type: string; org_path: string; held_on: string; place: string;
  target_org_id: number; target_name: string; target_type: string; target_org_path: string; groups: string[];
  course_id: number; topic: string; mode: string; hours: number; lecturer: string; category: string; person_times: number;
};
const SESSION = `SELECT s.id, s.county_id, s.org_id, o.name AS org_name, o.type AS org_type, s.org_path, s.held_on, s.place,
                        s.target_org_id, t.name AS target_name, t.type AS target_type, s.target_org_path, s.groups,
                        s.course_id, k.topic, k.mode, k.hours, k.lecturer, g.name AS category,
                        (SELECT count(*)::int FROM training_attendance a WHERE a.session_id = s.id) AS person_times
                   FROM training_sessions s JOIN orgs o ON o.id = s.org_id JOIN orgs t ON t.id = s.target_org_id
                   JOIN training_courses k ON k.id = s.course_id JOIN training_categories g ON g.id = k.category_id`;

export async function listSessions(q: Queryable, prefix: string, f: { courseId?: number; mode?: string; from?: string; to?: string }, w: Window) {
  const params: unknown[] = [prefix];
  const where = [inScope('s.org_path', 1)];
  if (f.courseId) where.push(`s.course_id = $${params.push(f.courseId)}`);
  if (f.mode) where.push(`k.mode = $${params.push(f.mode)}`);
  if (f.from) where.push(`s.held_on >= $${params.push(f.from)}`);
  if (f.to) where.push(`s.held_on <= $${params.push(f.to)}`);
  const cond = where.join(' AND ');
  const [rows, [sum]] = await Promise.all([
    q.query<SessionRow & { total_count: number }>(`${SESSION.replace('s.held_on, s.place', `${TOTAL_COUNT}, s.held_on, s.place`)} WHERE ${cond} ORDER BY s.held_on DESC, s.id DESC LIMIT ${w.limit} OFFSET ${w.offset}`, params),
    q.query<{ n: number; times: number }>(
      `SELECT count(*)::int AS n, coalesce(sum((SELECT count(*) FROM training_attendance a WHERE a.session_id = s.id)), 0)::int AS times
         FROM training_sessions s JOIN training_courses k ON k.id = s.course_id WHERE ${cond}`,
      params,
    ),
  ]);
  return { rows, total: sum?.n ?? 0, personTimes: sum?.times ?? 0 };
}
export async function findSession(q: Queryable, prefix: string, id: number) {
  const [row] = await q.query<SessionRow>(`${SESSION} WHERE s.id = $2 AND ${inScope('s.org_path', 1)}`, [prefix, id]);
  return row;
}
export async function insertSession(q: Queryable, s: { countyId: number; courseId: number; orgId: number; orgPath: string; heldOn: string; place: string; targetOrgId: number; targetOrgPath: string; groups: string[]; by: number | null }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO training_sessions (county_id, course_id, org_id, org_path, held_on, place, target_org_id, target_org_path, groups, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10) RETURNING id`,
    [s.countyId, s.courseId, s.orgId, s.orgPath, s.heldOn, s.place, s.targetOrgId, s.targetOrgPath, s.groups, s.by],
  );
  return row!.id;
}
/** Serializes ticks of one session (the session read in scope just before). */
export async function lockSession(q: Queryable, id: number) {
  await q.query(`${BY_KEY}SELECT id FROM training_sessions WHERE id = $1 FOR UPDATE`, [id]);
}
export async function attendeesOf(q: Queryable, sessionId: number) {
  return q.query<{ person_id: number; at: Date }>(`SELECT person_id, ticked_at AS at FROM training_attendance WHERE session_id = $1 ORDER BY ticked_at, person_id`, [sessionId]);
}
export async function tick(q: Queryable, a: { sessionId: number; personId: number; countyId: number; by: number | null }) {
  const rows = await q.query(
    `INSERT INTO training_attendance (session_id, person_id, county_id, ticked_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING person_id`,
    [a.sessionId, a.personId, a.countyId, a.by],
  );
  return rows.length > 0;
}
export async function untick(q: Queryable, sessionId: number, personId: number) {
  const rows = await q.query(`DELETE FROM training_attendance WHERE session_id = $1 AND person_id = $2 RETURNING person_id`, [sessionId, personId]);
  return rows.length > 0;
}

// ---- talks ----
export type TalkRow = {
  id: number; county_id: number; kind: string; org_id: number; org_name: string; org_type: string; org_path: string; speaker_id: number;
  held_on: string; topic: string; item: string | null; meeting_id: number | null;
};
const TALK = `SELECT w.id, w.county_id, w.kind, w.org_id, o.name AS org_name, o.type AS org_type, w.org_path, w.speaker_id, w.held_on, w.topic, w.item, w.meeting_id
                FROM training_talks w JOIN orgs o ON o.id = w.org_id`;
export async function listTalks(q: Queryable, prefix: string, f: { kind?: string; from?: string; to?: string }, w: Window) {
  const params: unknown[] = [prefix];
  const where = [inScope('w.org_path', 1)];
  if (f.kind) where.push(`w.kind = $${params.push(f.kind)}`);
  if (f.from) where.push(`w.held_on >= $${params.push(f.from)}`);
  if (f.to) where.push(`w.held_on <= $${params.push(f.to)}`);
  const sql = (limit: number, offset: number) => `${TALK.replace('w.meeting_id', `w.meeting_id, ${TOTAL_COUNT}`)} WHERE ${where.join(' AND ')} ORDER BY w.held_on DESC, w.id DESC LIMIT ${limit} OFFSET ${offset}`;
  const rows = await q.query<TalkRow & { total_count: number }>(sql(w.limit, w.offset), params);
  return { rows, total: await totalOf(rows, w.page, () => q.query(sql(1, 0), params)) };
}
export async function findTalk(q: Queryable, prefix: string, id: number) {
  const [row] = await q.query<TalkRow>(`${TALK} WHERE w.id = $2 AND ${inScope('w.org_path', 1)}`, [prefix, id]);
  return row;
}
/** The talk already linked to a meeting, if any (the meeting was read in scope just before). */
export async function talkOfMeeting(q: Queryable, meetingId: number) {
  const [row] = await q.query<{ id: number }>(`${BY_KEY}SELECT id FROM training_talks WHERE meeting_id = $1`, [meetingId]);
  return row;
}
export async function insertTalk(q: Queryable, t: { countyId: number; kind: string; orgId: number; orgPath: string; speakerId: number; heldOn: string; topic: string; item: string | null; meetingId: number | null; by: number | null }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO training_talks (county_id, kind, org_id, org_path, speaker_id, held_on, topic, item, meeting_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [t.countyId, t.kind, t.orgId, t.orgPath, t.speakerId, t.heldOn, t.topic, t.item, t.meetingId, t.by],
  );
  return row!.id;
}

// ---- a person's record (the person was read in scope through the people service just before) ----
export type RecordRow = { kind: string; id: number; held_on: string; title: string; org: string; mode: string | null; hours: number | null };
export async function recordOf(q: Queryable, personId: number, from: string, to: string, w: Window) {
  const sql = (limit: number, offset: number) => `${BY_KEY}SELECT * , ${TOTAL_COUNT} FROM (
      SELECT 'session' AS kind, s.id, s.held_on, k.topic AS title, o.name AS org, k.mode, k.hours
        FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id JOIN training_courses k ON k.id = s.course_id JOIN orgs o ON o.id = s.org_id
       WHERE a.person_id = $1 AND s.held_on BETWEEN $2 AND $3
      UNION ALL
      SELECT w.kind, w.id, w.held_on, w.topic AS title, o.name AS org, NULL AS mode, NULL AS hours
        FROM training_talks w JOIN orgs o ON o.id = w.org_id
       WHERE w.speaker_id = $1 AND w.held_on BETWEEN $2 AND $3) r
    ORDER BY held_on DESC, kind, id DESC LIMIT ${limit} OFFSET ${offset}`;
  const [rows, [sum]] = await Promise.all([
    q.query<RecordRow & { total_count: number }>(sql(w.limit, w.offset), [personId, from, to]),
    q.query<{ sessions: number; hours: number; talks: number }>(
      `${BY_KEY}SELECT (SELECT count(*)::int FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id WHERE a.person_id = $1 AND s.held_on BETWEEN $2 AND $3) AS sessions,
              (SELECT coalesce(sum(k.hours), 0)::int FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id JOIN training_courses k ON k.id = s.course_id WHERE a.person_id = $1 AND s.held_on BETWEEN $2 AND $3) AS hours,
              (SELECT count(*)::int FROM training_talks w WHERE w.speaker_id = $1 AND w.held_on BETWEEN $2 AND $3) AS talks`,
      [personId, from, to],
    ),
  ]);
  return { rows, total: await totalOf(rows, w.page, () => q.query(sql(1, 0), [personId, from, to])), sum: sum! };
}

// ---- coverage ----
/** The people of a scope who attended any session in a period (wherever it was held), with their org's path. */
export async function trainedIn(q: Queryable, personIds: readonly number[], from: string, to: string) {
  if (personIds.length === 0) return new Set<number>();
  const rows = await q.query<{ person_id: number }>(
    `${BY_KEY}SELECT DISTINCT a.person_id FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
      WHERE a.person_id = ANY($1::bigint[]) AND s.held_on BETWEEN $2 AND $3`,
    [personIds, from, to],
  );
  return new Set(rows.map((r) => r.person_id));
}
/** Sessions held in a subtree in a period, with their holder's path and person-times. */
export async function sessionsIn(q: Queryable, prefix: string, from: string, to: string) {
  return q.query<{ org_path: string; times: number }>(
    `SELECT s.org_path, (SELECT count(*)::int FROM training_attendance a WHERE a.session_id = s.id) AS times
       FROM training_sessions s WHERE ${inScope('s.org_path', 1)} AND s.held_on BETWEEN $2 AND $3`,
    [prefix, from, to],
  );
}

/** For 党员积分 (recognition, through the front door): who under the prefix attended which session in a year. */
export async function attendanceForPoints(q: Queryable, prefix: string, year: number) {
  return q.query<{ person_id: number; session_id: number; held_on: string; topic: string }>(
    `SELECT a.person_id, s.id AS session_id, to_char(s.held_on, 'YYYY-MM-DD') AS held_on, c.topic
       FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
       JOIN training_courses c ON c.id = s.course_id ${personSql.join('p', 'a.person_id')}
      WHERE ${inScope('p.org_path', 1)} AND s.held_on >= make_date($2::int, 1, 1) AND s.held_on < make_date($2::int + 1, 1, 1)
      ORDER BY s.held_on, s.id, a.person_id`,
    [prefix, year],
  );
}
