// The only SQL of the flows module: the county's flows and their editions, matters (their own row
// and steps beside the case), step documents, the overdue list and its roll-up, the public results
// of a unit, and the duty-list template and copies. Every statement on a tenant table carries its
// scope mark (core/scope.ts).
import type { Queryable } from '../../db/db.js';
import { BY_KEY, inCounty, inScope, SYSTEM } from '../../core/scope.js';
import type { OwnRow } from '../../core/cases/case-engine.js';
import type { DutyPost, FlowStep } from '@lianxin/contract';
import { meetingSql } from '../orglife/index.js';

// ---- flows ----

export type FlowRow = {
  id: number; county_id: number; name: string; category: string; description: string; current_edition: number; version: number;
  steps: FlowStep[]; running: number;
};

const FLOW = `SELECT f.id, f.county_id, f.name, f.category, f.description, f.current_edition, f.version, e.steps,
         (SELECT count(*)::int FROM flow_matters m JOIN cases c ON c.id = m.case_id WHERE m.flow_id = f.id AND c.status = 'running') AS running
    FROM flow_templates f JOIN flow_editions e ON e.flow_id = f.id AND e.edition = f.current_edition`;

export async function listFlows(q: Queryable, countyId: number): Promise<FlowRow[]> {
  return q.query<FlowRow>(`${FLOW} WHERE ${inCounty('f.county_id', 1)} ORDER BY f.id`, [countyId]);
}

export async function findFlow(q: Queryable, countyId: number, id: number, forUpdate = false): Promise<FlowRow | undefined> {
  const [row] = await q.query<FlowRow>(`${FLOW} WHERE ${inCounty('f.county_id', 1)} AND f.id = $2 ${forUpdate ? 'FOR UPDATE OF f' : ''}`, [countyId, id]);
  return row;
}

export async function flowNamed(q: Queryable, countyId: number, name: string): Promise<{ id: number } | undefined> {
  const [row] = await q.query<{ id: number }>(`SELECT id FROM flow_templates WHERE ${inCounty('county_id', 1)} AND name = $2`, [countyId, name]);
  return row;
}

export async function insertFlow(q: Queryable, f: { countyId: number; name: string; category: string; description: string; steps: FlowStep[]; by: number | null }): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `WITH f AS (INSERT INTO flow_templates (county_id, name, category, description, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id)
     INSERT INTO flow_editions (flow_id, edition, county_id, steps, created_by) SELECT f.id, 1, $1, $6::jsonb, $5 FROM f RETURNING flow_id AS id`,
    [f.countyId, f.name, f.category, f.description, f.by, JSON.stringify(f.steps)],
  );
  return Number(row!.id);
}

/** Whether any matter started on the flow's edition (then its steps are frozen). */
export async function editionInUse(q: Queryable, flowId: number, edition: number): Promise<boolean> {
  const [row] = await q.query<{ used: boolean }>(`SELECT EXISTS (SELECT 1 FROM flow_matters WHERE flow_id = $1 AND edition = $2) AS used`, [flowId, edition]);
  return !!row?.used;
}

export async function anyMatter(q: Queryable, flowId: number): Promise<boolean> {
  const [row] = await q.query<{ used: boolean }>(`SELECT EXISTS (SELECT 1 FROM flow_matters WHERE flow_id = $1) AS used`, [flowId]);
  return !!row?.used;
}

/** Saves an edit: the steps in place while the edition is unused, else as the next edition. */
export async function saveFlow(q: Queryable, f: { id: number; name: string; category: string; description: string; steps: FlowStep[]; edition: number; newEdition: boolean; by: number | null }) {
  if (f.newEdition) {
    await q.query(
      `${BY_KEY}INSERT INTO flow_editions (flow_id, edition, county_id, steps, created_by) SELECT id, $2, county_id, $3::jsonb, $4 FROM flow_templates WHERE id = $1`,
      [f.id, f.edition, JSON.stringify(f.steps), f.by],
    );
  } else {
    await q.query(`UPDATE flow_editions SET steps = $3::jsonb WHERE flow_id = $1 AND edition = $2`, [f.id, f.edition, JSON.stringify(f.steps)]);
  }
  await q.query(
    `${BY_KEY}UPDATE flow_templates SET name = $2, category = $3, description = $4, current_edition = $5, version = version + 1, updated_at = now() WHERE id = $1`,
    [f.id, f.name, f.category, f.description, f.edition],
  );
}

export async function editionSteps(q: Queryable, flowId: number, edition: number): Promise<FlowStep[]> {
  const [row] = await q.query<{ steps: FlowStep[] }>(`SELECT steps FROM flow_editions WHERE flow_id = $1 AND edition = $2`, [flowId, edition]);
  return row?.steps ?? [];
}

// ---- matters ----

export function matterRow(m: { countyId: number; flowId: number; edition: number; summary: string; amountFen: number | null }): OwnRow {
  return { table: 'flow_matters', values: { county_id: m.countyId, flow_id: m.flowId, edition: m.edition, summary: m.summary, amount_fen: m.amountFen } };
}

/** The steps of a new matter: the first started today and due by its limit, the rest waiting. */
export async function insertSteps(q: Queryable, caseId: number, countyId: number, steps: FlowStep[], today: string, firstDue: string) {
  await q.query(
    `INSERT INTO flow_matter_steps (case_id, idx, county_id, started_on, due_on, is_public)
     SELECT $1, i - 1, $2, CASE WHEN i = 1 THEN $3::date END, CASE WHEN i = 1 THEN $4::date END, p
       FROM unnest($5::boolean[]) WITH ORDINALITY AS s(p, i)`,
    [caseId, countyId, today, firstDue, steps.map((s) => s.public)],
  );
}

export type MatterDbRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; status: string; version: number;
  title: string; deadline: string | null; opened_on: string; flow_id: number; flow_name: string; category: string; edition: number;
  summary: string; amount_fen: string | number | null; current_step: number; step_count: number; steps: FlowStep[];
};

const MATTER = `SELECT c.id, c.county_id, c.org_id, c.org_path, o.name AS org_name, o.type AS org_type, c.status, c.version, c.title,
         c.deadline::text AS deadline, (c.opened_at AT TIME ZONE 'Asia/Shanghai')::date::text AS opened_on,
         m.flow_id, f.name AS flow_name, f.category, m.edition, m.summary, m.amount_fen, m.current_step,
         jsonb_array_length(e.steps)::int AS step_count, e.steps
    FROM cases c JOIN flow_matters m ON m.case_id = c.id JOIN flow_templates f ON f.id = m.flow_id
    JOIN flow_editions e ON e.flow_id = m.flow_id AND e.edition = m.edition JOIN orgs o ON o.id = c.org_id`;

export async function findMatter(q: Queryable, like: string, id: number): Promise<MatterDbRow | undefined> {
  const [row] = await q.query<MatterDbRow>(`${MATTER} WHERE c.id = $1 AND c.case_type = 'flow_matter' AND ${inScope('c.org_path', 2)}`, [id, like]);
  return row;
}

/** The matter behind a case the engine has locked (by key). */
export async function matterByKey(q: Queryable, id: number): Promise<MatterDbRow> {
  const [row] = await q.query<MatterDbRow>(`${BY_KEY}${MATTER} WHERE c.id = $1`, [id]);
  return row!;
}

export async function listMatters(q: Queryable, p: { like: string; status?: string; overdueBefore?: string; page: number; pageSize: number }) {
  const params: unknown[] = [p.like];
  const where = [`c.case_type = 'flow_matter'`, inScope('c.org_path', 1)];
  if (p.status) where.push(`c.status = $${params.push(p.status)}`);
  if (p.overdueBefore) where.push(`c.status = 'running' AND c.deadline < $${params.push(p.overdueBefore)}::date`);
  const w = where.join(' AND ');
  const [rows, [count]] = await Promise.all([
    q.query<MatterDbRow>(`${MATTER} WHERE ${w} ORDER BY (c.status = 'running') DESC, c.id DESC LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`, params),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c WHERE ${w}`, params),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export type StepDbRow = {
  idx: number; started_on: string | null; due_on: string | null; completed_on: string | null; actor_name: string | null; result: string | null;
  meeting_id: number | null; meeting_held_on: string | null; meeting_topic: string | null; meeting_type: string | null;
};

export async function stepsOf(q: Queryable, caseId: number): Promise<StepDbRow[]> {
  return q.query<StepDbRow>(
    `${BY_KEY}SELECT s.idx, s.started_on::text AS started_on, s.due_on::text AS due_on, s.completed_on::text AS completed_on, s.actor_name, s.result,
            s.meeting_id, mt.held_on::text AS meeting_held_on, mt.topic AS meeting_topic, mt.type_code AS meeting_type
       FROM flow_matter_steps s ${meetingSql.leftJoin('mt', 's.meeting_id')} WHERE s.case_id = $1 ORDER BY s.idx`,
    [caseId],
  );
}

export async function documentsOf(q: Queryable, caseId: number) {
  return q.query<{ attachment_id: number; step_idx: number; name: string; file_name: string }>(
    `SELECT d.attachment_id, d.step_idx, d.name, a.file_name FROM flow_matter_documents d JOIN attachments a ON a.id = d.attachment_id
      WHERE d.case_id = $1 ORDER BY d.attachment_id`,
    [caseId],
  );
}

export async function addDocument(q: Queryable, d: { attachmentId: number; caseId: number; countyId: number; stepIdx: number; name: string }) {
  await q.query(`INSERT INTO flow_matter_documents (attachment_id, case_id, county_id, step_idx, name) VALUES ($1, $2, $3, $4, $5)`,
    [d.attachmentId, d.caseId, d.countyId, d.stepIdx, d.name]);
}

/** Completes step `idx` and starts the next one (if any), moving the case's deadline with it. */
export async function completeStep(q: Queryable, s: { caseId: number; idx: number; today: string; by: number; actorName: string; result: string; meetingId: number | null; nextDue: string | null }) {
  await q.query(
    `UPDATE flow_matter_steps SET completed_on = $3, completed_by = $4, actor_name = $5, result = $6, meeting_id = $7 WHERE case_id = $1 AND idx = $2`,
    [s.caseId, s.idx, s.today, s.by, s.actorName, s.result, s.meetingId],
  );
  if (s.nextDue) {
    await q.query(`UPDATE flow_matter_steps SET started_on = $3, due_on = $4 WHERE case_id = $1 AND idx = $2`, [s.caseId, s.idx + 1, s.today, s.nextDue]);
    await q.query(`UPDATE flow_matters SET current_step = $2 WHERE case_id = $1`, [s.caseId, s.idx + 1]);
  }
  // a new step, a new clock: the next late step warns the level above again
  await q.query(`${BY_KEY}UPDATE cases SET deadline = $2::date, escalated_to_org_id = NULL WHERE id = $1`, [s.caseId, s.nextDue]);
}

/** Returns step `idx` to the previous one: that one is reopened with a fresh limit, this one waits again. */
export async function returnStep(q: Queryable, s: { caseId: number; idx: number; today: string; due: string }) {
  await q.query(`UPDATE flow_matter_steps SET started_on = NULL, due_on = NULL WHERE case_id = $1 AND idx = $2`, [s.caseId, s.idx]);
  await q.query(
    `UPDATE flow_matter_steps SET started_on = $3, due_on = $4, completed_on = NULL, completed_by = NULL, actor_name = NULL, result = NULL, meeting_id = NULL
      WHERE case_id = $1 AND idx = $2`,
    [s.caseId, s.idx - 1, s.today, s.due],
  );
  await q.query(`UPDATE flow_matters SET current_step = $2 WHERE case_id = $1`, [s.caseId, s.idx - 1]);
  await q.query(`${BY_KEY}UPDATE cases SET deadline = $2::date, escalated_to_org_id = NULL WHERE id = $1`, [s.caseId, s.due]);
}

export async function clearDeadline(q: Queryable, caseId: number) {
  await q.query(`${BY_KEY}UPDATE cases SET deadline = NULL WHERE id = $1`, [caseId]);
}

// ---- 失职预警 and the roll-ups ----

export type OverdueDbRow = {
  id: number; title: string; org_id: number; org_name: string; org_type: string; deadline: string; flow_name: string; step: FlowStep;
};

/**
 * The overdue current steps under a subtree, the earliest due first (the hot statement of the bench).
 * The page is cut from the overdue cases alone (the partial index `cases_flow_overdue_idx`, no heap
 * join), then only its rows are joined to their flow, edition and unit: the planner guesses a few
 * hundred overdue matters under any root, and with 13,049 under the province it joined them all
 * before sorting (160 ms; 3 ms cut first — the same rows, bench/README.md eleventh session).
 */
const OVERDUE_SQL = (scopeParam: string) => `WITH late AS MATERIALIZED (
      SELECT c.id, c.title, c.org_id, c.deadline FROM cases c
       WHERE c.case_type = 'flow_matter' AND c.status = 'running' AND c.deadline < $2::date AND ${scopeParam}
       ORDER BY c.deadline, c.id LIMIT $3 OFFSET $4)
  SELECT l.id, l.title, l.org_id, o.name AS org_name, o.type AS org_type, l.deadline::text AS deadline,
         f.name AS flow_name, e.steps -> m.current_step AS step
    FROM late l JOIN flow_matters m ON m.case_id = l.id JOIN flow_templates f ON f.id = m.flow_id
    JOIN flow_editions e ON e.flow_id = m.flow_id AND e.edition = m.edition JOIN orgs o ON o.id = l.org_id
   ORDER BY l.deadline, l.id`;

export async function overdue(q: Queryable, like: string, today: string, page: number, pageSize: number): Promise<OverdueDbRow[]> {
  return q.query<OverdueDbRow>(OVERDUE_SQL(inScope('c.org_path', 1)), [like, today, pageSize, (page - 1) * pageSize]);
}

/**
 * Overdue matters per unit directly below `rootPath` (the unit itself answers child 0), with the
 * child's name and type in the same statement (the province's list is one round trip, not two).
 */
export async function overdueByUnit(q: Queryable, like: string, rootPath: string, today: string) {
  return q.query<{ child: number; n: number; worst: string; name: string | null; type: string | null }>(
    `WITH u AS (
       SELECT coalesce(nullif(split_part(substr(c.org_path, length($3::text) + 1), '/', 1), ''), '0')::bigint AS child,
              count(*)::int AS n, min(c.deadline)::text AS worst
         FROM cases c WHERE c.case_type = 'flow_matter' AND c.status = 'running' AND c.deadline < $2::date AND ${inScope('c.org_path', 1)}
        GROUP BY 1)
     SELECT u.child, u.n, u.worst, o.name, o.type FROM u LEFT JOIN orgs o ON o.id = u.child ORDER BY u.n DESC, u.child`,
    [like, today, rootPath],
  );
}

/** Matters per unit directly below `rootPath`: running, overdue, done. */
export async function boardByUnit(q: Queryable, like: string, rootPath: string, today: string) {
  return q.query<{ child: number; running: number; overdue: number; done: number }>(
    `SELECT coalesce(nullif(split_part(substr(c.org_path, length($3::text) + 1), '/', 1), ''), '0')::bigint AS child,
            count(*) FILTER (WHERE c.status = 'running')::int AS running,
            count(*) FILTER (WHERE c.status = 'running' AND c.deadline < $2::date)::int AS overdue,
            count(*) FILTER (WHERE c.status = 'done')::int AS done
       FROM cases c WHERE c.case_type = 'flow_matter' AND ${inScope('c.org_path', 1)}
      GROUP BY 1 ORDER BY 1`,
    [like, today, rootPath],
  );
}

/** 工作台: running matters under the scope with their current step's level and due date (first 50, earliest due first). */
export async function runningForToday(q: Queryable, like: string) {
  return q.query<{ id: number; title: string; org_name: string; org_path: string; deadline: string | null; step: FlowStep; updated_at: Date }>(
    `SELECT c.id, c.title, o.name AS org_name, c.org_path, c.deadline::text AS deadline, e.steps -> m.current_step AS step, c.updated_at
       FROM cases c JOIN flow_matters m ON m.case_id = c.id JOIN flow_editions e ON e.flow_id = m.flow_id AND e.edition = m.edition
       JOIN orgs o ON o.id = c.org_id
      WHERE c.case_type = 'flow_matter' AND c.status = 'running' AND ${inScope('c.org_path', 1)}
      ORDER BY c.deadline NULLS LAST, c.id LIMIT 200`,
    [like],
  );
}

// ---- the public page ----

/** The published results of a unit's matters: each completed public step, newest first. */
export async function publicResults(q: Queryable, orgId: number, limit: number) {
  return q.query<{ case_id: number; title: string; idx: number; result: string | null; completed_on: string; steps: FlowStep[] }>(
    `${SYSTEM}SELECT c.id AS case_id, c.title, s.idx, s.result, s.completed_on::text AS completed_on, e.steps
       FROM cases c JOIN flow_matter_steps s ON s.case_id = c.id AND s.is_public AND s.completed_on IS NOT NULL
       JOIN flow_matters m ON m.case_id = c.id JOIN flow_editions e ON e.flow_id = m.flow_id AND e.edition = m.edition
      WHERE c.org_id = $1 AND c.case_type = 'flow_matter' AND c.status <> 'cancelled'
      ORDER BY s.completed_on DESC, c.id DESC, s.idx DESC LIMIT $2`,
    [orgId, limit],
  );
}

/** A matter for its public page (no login): only a matter not cancelled; the caller shows only what its public steps publish. */
export async function publicMatter(q: Queryable, id: number) {
  const [row] = await q.query<{ id: number; title: string; status: string; org_id: number; org_name: string; org_path: string; org_type: string; org_status: string; flow_name: string; summary: string; amount_fen: number | null; current_step: number; steps: FlowStep[] }>(
    `${SYSTEM}SELECT c.id, c.title, c.status, c.org_id, o.name AS org_name, o.path AS org_path, o.type AS org_type, o.status AS org_status, f.name AS flow_name, m.summary, m.amount_fen, m.current_step, e.steps
       FROM cases c JOIN flow_matters m ON m.case_id = c.id JOIN flow_templates f ON f.id = m.flow_id
       JOIN flow_editions e ON e.flow_id = m.flow_id AND e.edition = m.edition JOIN orgs o ON o.id = c.org_id
      WHERE c.id = $1 AND c.case_type = 'flow_matter' AND c.status <> 'cancelled'`,
    [id],
  );
  if (!row) return undefined;
  const steps = await q.query<{ idx: number; completed_on: string | null; is_public: boolean; result: string | null; meeting_held_on: string | null; meeting_type: string | null }>(
    `${SYSTEM}SELECT s.idx, s.completed_on::text AS completed_on, s.is_public, s.result, mt.held_on::text AS meeting_held_on, mt.type_code AS meeting_type
       FROM flow_matter_steps s ${meetingSql.leftJoin('mt', 's.meeting_id')} WHERE s.case_id = $1 ORDER BY s.idx`,
    [id],
  );
  return { ...row, stepRows: steps };
}

/** 民主决策记录簿: every completed step of a unit's matters in a year (a cancelled matter's steps stay: they were decided). */
export async function decisionBook(q: Queryable, like: string, orgId: number, year: number) {
  return q.query<{ case_id: number; title: string; status: string; idx: number; completed_on: string; result: string | null; actor_name: string | null; steps: FlowStep[]; flow_name: string; meeting_held_on: string | null; meeting_topic: string | null }>(
    `SELECT c.id AS case_id, c.title, c.status, s.idx, s.completed_on::text AS completed_on, s.result, s.actor_name, e.steps, f.name AS flow_name,
            mt.held_on::text AS meeting_held_on, mt.topic AS meeting_topic
       FROM cases c JOIN flow_matter_steps s ON s.case_id = c.id AND s.completed_on IS NOT NULL
       JOIN flow_matters m ON m.case_id = c.id JOIN flow_templates f ON f.id = m.flow_id
       JOIN flow_editions e ON e.flow_id = m.flow_id AND e.edition = m.edition
       ${meetingSql.leftJoin('mt', 's.meeting_id')}
      WHERE c.org_id = $2 AND c.case_type = 'flow_matter' AND ${inScope('c.org_path', 1)}
        AND s.completed_on >= make_date($3::int, 1, 1) AND s.completed_on < make_date($3::int + 1, 1, 1)
      ORDER BY s.completed_on, c.id, s.idx`,
    [like, orgId, year],
  );
}

// ---- duty lists ----

export async function dutyTemplate(q: Queryable, countyId: number) {
  const [row] = await q.query<{ posts: DutyPost[]; version: number }>(`SELECT posts, version FROM duty_templates WHERE county_id = $1`, [countyId]);
  return row;
}

/** Saves the county template when its version is `version` (0: none yet); false when another edit came first. */
export async function saveDutyTemplate(q: Queryable, countyId: number, posts: DutyPost[], version: number, by: number | null): Promise<boolean> {
  const rows = version === 0
    ? await q.query(`INSERT INTO duty_templates (county_id, posts, updated_by) VALUES ($1, $2::jsonb, $3) ON CONFLICT (county_id) DO NOTHING RETURNING county_id`, [countyId, JSON.stringify(posts), by])
    : await q.query(`UPDATE duty_templates SET posts = $2::jsonb, updated_by = $3, updated_at = now(), version = version + 1 WHERE county_id = $1 AND version = $4 RETURNING county_id`, [countyId, JSON.stringify(posts), by, version]);
  return rows.length === 1;
}

export async function dutyList(q: Queryable, like: string, orgId: number) {
  const [row] = await q.query<{ posts: DutyPost[]; version: number }>(`SELECT posts, version FROM duty_lists WHERE org_id = $1 AND ${inScope('org_path', 2)}`, [orgId, like]);
  return row;
}

export async function publicDutyList(q: Queryable, orgId: number) {
  const [row] = await q.query<{ posts: DutyPost[] }>(`${SYSTEM}SELECT posts FROM duty_lists WHERE org_id = $1`, [orgId]);
  return row;
}

export async function saveDutyList(q: Queryable, o: { orgId: number; countyId: number; orgPath: string; like: string }, posts: DutyPost[], version: number, by: number | null): Promise<boolean> {
  const rows = version === 0
    ? await q.query(`INSERT INTO duty_lists (org_id, county_id, org_path, posts, updated_by) VALUES ($1, $2, $3, $4::jsonb, $5) ON CONFLICT (org_id) DO NOTHING RETURNING org_id`,
      [o.orgId, o.countyId, o.orgPath, JSON.stringify(posts), by])
    : await q.query(`UPDATE duty_lists SET posts = $2::jsonb, updated_by = $3, updated_at = now(), version = version + 1 WHERE org_id = $1 AND version = $4 AND ${inScope('org_path', 5)} RETURNING org_id`,
      [o.orgId, JSON.stringify(posts), by, version, o.like]);
  return rows.length === 1;
}
