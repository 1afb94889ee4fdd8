// The case scenarios of `npm run bench` (issues 4, 5 and 6): the one-shot ones that are not a GET
// under autocannon — the province-wide weekly directive with its fan-out to every village, the
// progress boards it needs, and the public submit endpoint with its challenge and rate limit.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Role } from '@lianxin/contract';
import type { Db, Queryable } from '../packages/server/src/db/db.js';
import type { Actor, Scope } from '../packages/server/src/core/access.js';
import { plusDays } from '../packages/server/src/core/calendar.js';
import type { DispatchService } from '../packages/server/src/modules/dispatch/dispatch.service.js';
import * as dispatchRepo from '../packages/server/src/modules/dispatch/dispatch.repository.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

export type OrgRow = { id: number; path: string; county_id: number; name: string; account_id: number | null; username: string | null };

export function actorOf(o: { id: number; path: string; county_id: number }, role: Role, account: { id: number; username: string }): Actor {
  return { accountId: account.id, username: account.username, roles: [role], scope: { orgId: o.id, path: o.path, countyId: o.county_id }, ip: '127.0.0.1' };
}

/** Runs fn over items, `concurrency` at a time; answers the results in order. */
export async function pool<T, R>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export const WEEKLY_FORM = [
  { key: 'visits', label: '走访农户（户）', type: 'number' as const, required: true },
  { key: 'errands', label: '代办事项（件）', type: 'number' as const, required: true },
  { key: 'note', label: '需协调解决的问题', type: 'text' as const },
];

export type OrgsOfProvince = { counties: OrgRow[]; stations: OrgRow[]; villagesByStation: Map<number, OrgRow[]> };

export async function orgsOfProvince(q: Queryable): Promise<OrgsOfProvince> {
  const rows = await q.query<OrgRow & { type: string; parent_id: number }>(
    `SELECT o.id, o.path, o.county_id, o.name, o.type, o.parent_id, a.id AS account_id, a.username
     FROM orgs o LEFT JOIN accounts a ON a.username = o.type || '.' || o.id
     WHERE o.type IN ('county','station','village') AND o.status = 'active' ORDER BY o.id`,
  );
  const villagesByStation = new Map<number, OrgRow[]>();
  for (const r of rows) if (r.type === 'village') villagesByStation.set(r.parent_id, [...(villagesByStation.get(r.parent_id) ?? []), r]);
  return { counties: rows.filter((r) => r.type === 'county'), stations: rows.filter((r) => r.type === 'station'), villagesByStation };
}

export type FanOutResult = {
  seconds: number;
  issueSeconds: number;
  fanOutSeconds: number;
  directives: number;
  stationAssignments: number;
  villageAssignments: number;
  errors: number;
  /** The bench county's directive (its board is measured next). */
  benchDirectiveId: number | null;
};

/** The assignments of the given directives (the stations' inbox items to break down). */
export async function assignmentsOfDirectives(q: Queryable, directiveIds: number[]) {
  // stations all over the province at once, not county by county: the first station of every
  // county, then the second … (each county's audit chain takes one writer at a time)
  return q.query<{ id: number; org_id: number }>(
    `SELECT id, org_id FROM assignments WHERE directive_id = ANY($1::bigint[])
     ORDER BY row_number() OVER (PARTITION BY directive_id ORDER BY id), directive_id`,
    [directiveIds],
  );
}

/**
 * 两下两上 at province scale through the real service functions: every county issues this week's
 * task list to all of its stations (one `issue` each: the province has no directive of its own —
 * counties are the tenants and `directives.county_id` is required), then every station breaks its
 * assignment down to all of its villages (one `fanOut` each, as the station's own account).
 * `concurrency` calls at a time, as many users at once would.
 */
export async function runFanOut(db: Db, dispatch: DispatchService, orgs: OrgsOfProvince, today: string, concurrency: number, benchCountyId: number, label: string): Promise<FanOutResult> {
  let errors = 0;
  const firstError: string[] = [];
  const fail = (err: unknown) => {
    errors++;
    if (firstError.length < 3) firstError.push((err as Error).message);
  };
  const started = performance.now();
  const issued = await pool(orgs.counties, concurrency, async (c) => {
    try {
      const actor = actorOf(c, 'county_admin', { id: 0, username: `county.${c.id}` });
      const r = await dispatch.issue(actor, {
        kind: 'task_list', title: `${label}本周工作任务清单`, content: '一、走访农户，记民情日记；二、代办群众事项；三、排查矛盾纠纷。',
        form: WEEKLY_FORM, dueDate: plusDays(today, 6), targets: { type: 'station' },
      });
      return { county: c.id, directiveId: r.directiveId! };
    } catch (err) {
      fail(err);
      return undefined;
    }
  });
  const issuedAt = performance.now();
  const ok = issued.filter((x): x is NonNullable<typeof x> => !!x);
  // the stations find their assignment in their inbox (not timed: it is what they read, not create)
  const pending = await assignmentsOfDirectives(db, ok.map((x) => x.directiveId));
  const stationOf = new Map(orgs.stations.map((s) => [s.id, s]));
  const fanOutStarted = performance.now();
  const fanned = await pool(pending, concurrency, async (a) => {
    const s = stationOf.get(a.org_id)!;
    try {
      const actor = actorOf(s, 'station_admin', { id: s.account_id!, username: s.username! });
      return (await dispatch.fanOut(actor, a.id, { content: '请各村按清单逐项落实，周五前上报。', dueDate: plusDays(today, 4) })).targets;
    } catch (err) {
      fail(err);
      return 0;
    }
  });
  const done = performance.now();
  if (firstError.length) console.log(`    错误示例：${firstError.join(' | ')}`);
  return {
    seconds: (done - started - (fanOutStarted - issuedAt)) / 1000,
    issueSeconds: (issuedAt - started) / 1000,
    fanOutSeconds: (done - fanOutStarted) / 1000,
    directives: ok.length + fanned.filter((n) => n > 0).length,
    stationAssignments: pending.length,
    villageAssignments: fanned.reduce((a, n) => a + n, 0),
    errors,
    benchDirectiveId: ok.find((x) => x.county === benchCountyId)?.directiveId ?? null,
  };
}

/**
 * The same rows through the repository's statements alone, on a bare pool: per county one
 * transaction with the directive and its station assignments, per station one with its directive
 * and village assignments (one statement each) — no checks, no audit chain, no inbox read.
 */
export async function rawFanOut(db: Db, orgs: OrgsOfProvince, today: string, concurrency: number, label: string) {
  const started = performance.now();
  const issued = await pool(orgs.counties, concurrency, (c) =>
    db.transaction(async (tx) => {
      const d = (await dispatchRepo.insertDirective(tx, {
        countyId: c.id, issuerOrgId: c.id, issuerPath: c.path, parentAssignmentId: null, seriesId: null, kind: 'task_list',
        title: `${label}本周工作任务清单（直连 SQL）`, content: '', form: WEEKLY_FORM, periodKey: null, dueDate: plusDays(today, 6), allowLate: true, createdBy: null,
      }, { type: 'station', issuerPath: c.path }))!;
      return d.id;
    }),
  );
  const issuedAt = performance.now();
  const pending = await assignmentsOfDirectives(db, issued);
  const stationOf = new Map(orgs.stations.map((s) => [s.id, s]));
  const fanOutStarted = performance.now();
  let villages = 0;
  await pool(pending, concurrency, (a) =>
    db.transaction(async (tx) => {
      const s = stationOf.get(a.org_id)!;
      const d = (await dispatchRepo.insertDirective(tx, {
        countyId: s.county_id, issuerOrgId: s.id, issuerPath: s.path, parentAssignmentId: a.id, seriesId: null, kind: 'task_list',
        title: `${label}本周工作任务清单（直连 SQL）`, content: '', form: WEEKLY_FORM, periodKey: null, dueDate: plusDays(today, 4), allowLate: true, createdBy: null,
      }, { orgIds: (orgs.villagesByStation.get(s.id) ?? []).map((v) => v.id) }))!;
      villages += d.targets;
    }),
  );
  const done = performance.now();
  return {
    seconds: (done - started - (fanOutStarted - issuedAt)) / 1000, issueSeconds: (issuedAt - started) / 1000, fanOutSeconds: (done - fanOutStarted) / 1000,
    stationAssignments: pending.length, villageAssignments: villages,
  };
}

/**
 * A township's weekly cycle for its progress board: the township issues to its stations, each
 * station fans out to its villages, two of every three villages report with figures, and the
 * first station compiles and reports up.
 */
export async function townshipCycle(db: Db, dispatch: DispatchService, township: Actor, orgs: OrgsOfProvince, today: string, label: string) {
  const { directiveId } = await dispatch.issue(township, {
    kind: 'task_list', title: `${label}乡镇周任务清单`, content: '本周重点工作', form: WEEKLY_FORM, dueDate: plusDays(today, 6), targets: { type: 'station' },
  });
  const stations = await assignmentsOfDirectives(db, [directiveId!]);
  const stationOf = new Map(orgs.stations.map((s) => [s.id, s]));
  for (const a of stations) {
    const s = stationOf.get(a.org_id)!;
    const actor = actorOf(s, 'station_admin', { id: s.account_id!, username: s.username! });
    const { directiveId: child } = await dispatch.fanOut(actor, a.id, { content: '请各村落实', dueDate: plusDays(today, 4) });
    const villages = await db.query<{ id: number; org_id: number; version: number }>(`SELECT id, org_id, version FROM assignments WHERE directive_id = $1 ORDER BY id`, [child]);
    const byId = new Map((orgs.villagesByStation.get(s.id) ?? []).map((v) => [v.id, v]));
    for (const [i, v] of villages.entries()) {
      if (i % 3 === 2) continue;
      const org = byId.get(v.org_id)!;
      await dispatch.report(actorOf(org, 'village_admin', { id: org.account_id!, username: org.username! }), v.id, {
        version: v.version, outcome: 'done', text: '已按清单完成', figures: { visits: 10 + i, errands: 2 + (i % 4) },
      });
    }
    if (a === stations[0]) {
      const compiled = await dispatch.compile(actor, a.id);
      const [own] = await db.query<{ version: number }>(`SELECT version FROM assignments WHERE id = $1`, [a.id]);
      await dispatch.report(actor, a.id, { version: own!.version, outcome: 'partly', reason: '个别村未上报', text: compiled.text, figures: compiled.figures as Record<string, number | string> });
    }
  }
  return directiveId!;
}

export type SubmitResult = { rps: number; p50: number; p99: number; count: number; statuses: Record<string, number>; failures: number; seconds: number };

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Public submissions from a worker thread: `addresses` distinct citizens' addresses, or one. */
export function publicSubmitLoad(o: { base: string; units: number[]; connections: number; seconds: number; addresses: number; fixedAddress?: string }): Promise<SubmitResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(benchDir, 'public-client.mjs'), { workerData: o });
    worker.once('message', (m: { statuses: Record<string, number>; failures: number; latencies: number[]; elapsed: number }) => {
      const sorted = m.latencies.sort((a, b) => a - b);
      resolve({ rps: (m.statuses['201'] ?? 0) / m.elapsed, p50: percentile(sorted, 50), p99: percentile(sorted, 99), count: m.statuses['201'] ?? 0, statuses: m.statuses, failures: m.failures, seconds: m.elapsed });
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

// ---- 小微权力 失职预警 (issue 17): the overdue-step list of a county and of the province ----------

/**
 * Seeds 小微权力 matters set-based: 四议两公开 for every county (its first edition), and per village
 * `perVillage` matters at a step spread over the six, one in three past its step's limit by 1–30
 * days, one in five done — cases, their own rows and their steps, as the service writes them (the
 * timeline is left out: the overdue list never reads it). Idempotent per county (skips a county
 * that already has the flow).
 */
export async function seedFlowMatters(q: Queryable, today: string, perVillage: number): Promise<{ flows: number; matters: number; overdue: number }> {
  const { FLOW_SAMPLES } = await import('@lianxin/contract');
  const four = FLOW_SAMPLES[0]!.flow;
  const [flows] = await q.query<{ n: number }>(
    `WITH c AS (SELECT o.id FROM orgs o WHERE o.type = 'county' AND NOT EXISTS (SELECT 1 FROM flow_templates f WHERE f.county_id = o.id AND f.name = $1)),
          f AS (INSERT INTO flow_templates (county_id, name, category, description) SELECT id, $1, $2, $3 FROM c RETURNING id, county_id)
     INSERT INTO flow_editions (flow_id, edition, county_id, steps) SELECT id, 1, county_id, $4::jsonb FROM f RETURNING 1`,
    [four.name, four.category, four.description, JSON.stringify(four.steps)],
  ).then((r) => [{ n: r.length }]);
  const [made] = await q.query<{ matters: number; overdue: number }>(
    `WITH v AS (
       SELECT o.id, o.path, o.county_id, f.id AS flow_id FROM orgs o JOIN flow_templates f ON f.county_id = o.county_id AND f.name = $1
        WHERE o.type = 'village' AND o.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM cases x WHERE x.case_type = 'flow_matter' AND x.org_id = o.id)),
     plan AS (
       SELECT v.*, k, (v.id + k) % 6 AS step, ((v.id * 7 + k) % 3 = 0) AS late, ((v.id + k * 3) % 5 = 0) AS done,
              (1 + (v.id * 13 + k) % 30)::int AS days
         FROM v CROSS JOIN generate_series(1, $2::int) AS k),
     c AS (
       INSERT INTO cases (county_id, case_type, org_id, org_path, status, title, deadline, resolved_at, closed_at)
       SELECT county_id, 'flow_matter', id, path, CASE WHEN done THEN 'done' ELSE 'running' END, '压测事项 ' || id || '-' || k,
              CASE WHEN done THEN NULL WHEN late THEN $3::date - days ELSE $3::date + days END,
              CASE WHEN done THEN now() END, CASE WHEN done THEN now() END
         FROM plan RETURNING id, county_id, org_id, status, deadline),
     m AS (
       INSERT INTO flow_matters (case_id, county_id, flow_id, edition, summary, current_step)
       SELECT c.id, c.county_id, f.id, 1, '压测', CASE WHEN c.status = 'done' THEN 5 ELSE (c.id % 6)::int END
         FROM c JOIN orgs o ON o.id = c.org_id JOIN flow_templates f ON f.county_id = o.county_id AND f.name = $1
       RETURNING case_id, current_step),
     s AS (
       INSERT INTO flow_matter_steps (case_id, idx, county_id, started_on, due_on, completed_on, is_public)
       SELECT m.case_id, i, c.county_id, CASE WHEN i <= m.current_step THEN $3::date - 40 END,
              CASE WHEN i <= m.current_step THEN coalesce(c.deadline, $3::date) END,
              CASE WHEN i < m.current_step OR c.status = 'done' THEN $3::date - 40 + i END, i >= 4
         FROM m JOIN c ON c.id = m.case_id CROSS JOIN generate_series(0, 5) AS i
       RETURNING 1)
     SELECT (SELECT count(*)::int FROM c) AS matters, (SELECT count(*)::int FROM c WHERE status = 'running' AND deadline < $3::date) AS overdue, (SELECT count(*) FROM s) AS steps`,
    [four.name, perVillage, today],
  );
  return { flows: flows!.n, matters: made!.matters, overdue: made!.overdue };
}

// ---- 项目化推进 (issue 17): the county project board ------------------------------------------------

/**
 * Seeds the bench county with projects in progress, in bulk SQL (the service would take minutes):
 * `perVillage` projects per village, aims and classes in turn, each with 6 milestones across the
 * year (those before today done, except every fifth project's latest one — overdue) and one
 * monthly report request per month so far — a directive of kind 'report' from the county to the
 * village with its assignment, answered except every seventh (late). Answers the projects made.
 */
export async function seedProjects(db: Db, county: { id: number; path: string }, today: string, perVillage = 2): Promise<number> {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return db.transaction(async (tx) => {
    const made = await tx.query<{ n: number }>(
      `/*lx-bench*/ WITH c AS (
         INSERT INTO cases (county_id, case_type, org_id, org_path, status, title)
         SELECT o.county_id, 'project', o.id, o.path, 'in_progress', '压测项目 ' || o.name || ' #' || g
           FROM orgs o, generate_series(1, $3::int) g WHERE o.county_id = $1 AND o.type = 'village' AND o.status = 'active'
         RETURNING id, county_id)
       , p AS (
         INSERT INTO projects (case_id, county_id, year, aim, class, budget_fen)
         SELECT id, county_id, $2, (ARRAY['service','cadre','mechanism'])[1 + id % 3], (ARRAY['key','hard','weak'])[1 + (id / 3) % 3], 100000 FROM c
         RETURNING case_id, county_id)
       SELECT count(*)::int AS n FROM p`,
      [county.id, year, perVillage],
    );
    await tx.query(
      `INSERT INTO project_milestones (project_id, county_id, title, due_on, done_on, note)
       SELECT p.case_id, p.county_id, '节点 ' || k, d, CASE WHEN d < $3::date AND NOT (p.case_id % 5 = 0 AND k = m.last) THEN d END,
              CASE WHEN d < $3::date AND NOT (p.case_id % 5 = 0 AND k = m.last) THEN '按期完成' END
         FROM projects p, generate_series(1, 6) k,
              LATERAL (SELECT make_date($2::int, 1, 1) + ((k - 1) * 60) AS d) dd,
              LATERAL (SELECT max(k2) AS last FROM generate_series(1, 6) k2 WHERE make_date($2::int, 1, 1) + ((k2 - 1) * 60) < $3::date) m
        WHERE p.county_id = $1 AND p.year = $2::int`,
      [county.id, year, today],
    );
    await tx.query(
      `INSERT INTO directives (county_id, issuer_org_id, issuer_path, kind, title, period_key, due_date)
       SELECT p.county_id, $1, $4, 'report', 'bench-project:' || p.case_id || ':' || mm, $2::int || '-' || lpad(mm::text, 2, '0'), make_date($2::int, mm, 25)
         FROM projects p, generate_series(1, $3::int) mm WHERE p.county_id = $1 AND p.year = $2::int`,
      [county.id, year, month, county.path],
    );
    await tx.query(
      `INSERT INTO assignments (county_id, directive_id, org_id, org_path, due_date, status, reported_at, late, outcome, report)
       SELECT d.county_id, d.id, c.org_id, c.org_path, d.due_date,
              CASE WHEN (c.id + d.id) % 7 = 0 OR d.due_date >= $2::date THEN 'pending' ELSE 'reported' END,
              CASE WHEN (c.id + d.id) % 7 = 0 OR d.due_date >= $2::date THEN NULL ELSE d.due_date - 2 END, false,
              CASE WHEN (c.id + d.id) % 7 = 0 OR d.due_date >= $2::date THEN NULL ELSE 'done' END,
              CASE WHEN (c.id + d.id) % 7 = 0 OR d.due_date >= $2::date THEN NULL ELSE '本月按计划推进' END
         FROM directives d JOIN cases c ON c.id = split_part(d.title, ':', 2)::bigint
        WHERE d.county_id = $1 AND d.title LIKE 'bench-project:%'`,
      [county.id, today],
    );
    await tx.query(
      `INSERT INTO project_reports (project_id, period, county_id, directive_id, assignment_id)
       SELECT split_part(d.title, ':', 2)::bigint, d.period_key, d.county_id, d.id, a.id
         FROM directives d JOIN assignments a ON a.directive_id = d.id WHERE d.county_id = $1 AND d.title LIKE 'bench-project:%'`,
      [county.id],
    );
    await tx.query(`UPDATE directives SET title = '项目月报告（压测）' WHERE county_id = $1 AND title LIKE 'bench-project:%'`, [county.id]);
    return made[0]!.n;
  });
}

/**
 * The county board's SQL as the route runs it (GET /api/projects/board, `ProjectService.board`): the
 * root in scope (`orgTree.inScope`), then the board's one statement (`boardOf`: counts per org below,
 * late reports, overdue milestones, on the rows the database keeps for it — migration 520; prepared,
 * as the route's) beside the root's children (`orgTree.children`) — for the bench's
 * raw-SQL column: `npm run bench -- --only projects-board` puts the HTTP figure beside it.
 */
export async function projectBoardSql(q: Queryable, scope: Scope, year: number, today: string) {
  const repo = await import('../packages/server/src/modules/projects/projects.repository.js');
  const orgTree = await import('../packages/server/src/core/org-tree.js');
  const root = (await orgTree.inScope(q, scope, scope.orgId))!;
  await Promise.all([repo.boardOf(q, { path: root.path, countyId: Number(root.county_id) }, year, today), orgTree.children(q, root.id)]);
}

// ---- 组织生活 谁落后了 (issue 14): a year of meetings for every branch of the province ----------------

/** Meeting types with a yearly count (DOMAIN.md §12, DEFAULT_MEETING_TYPES) and the months they fall in. */
const MEETING_SCHEDULE = [
  // code, months (1–12), per party group, with an attendance list
  { code: 'committee', months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], group: false, attendance: true, name: '支委会' },
  { code: 'theme_day', months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], group: false, attendance: false, name: '主题党日' },
  { code: 'group', months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], group: true, attendance: false, name: '党小组会' },
  { code: 'member_congress', months: [3, 6, 9, 12], group: false, attendance: true, name: '支部党员大会' },
  { code: 'party_lecture', months: [2, 5, 8, 11], group: false, attendance: true, name: '党课' },
  { code: 'life_meeting', months: [1], group: false, attendance: true, name: '组织生活会' },
] as const;

/**
 * A year of 三会一课 for every village and community of one county, in two bulk statements (the
 * meetings, then the attendance lists): per branch every meeting of DOMAIN.md §12's yearly counts
 * up to today's month, dated before today, with realistic gaps by a hash of the branch id —
 * 70 % hold all; 20 % miss one month's 支委会 and 主题党日; 7 % skip a whole quarter; 3 % stop after
 * June; and in every seventh branch its first party group skips a quarter of 党小组会. The
 * attendance counts are the members of the branch (the group's for 党小组会, five for 支委会), 5–19 %
 * absent. Attendance rows (who was there, who was not and why) are written for 支委会, 党员大会,
 * 党课 and 组织生活会; 党小组会 and 主题党日 carry their counts only (the board reads the counts).
 * Skips a county whose branches already have meetings that year. Answers meetings and attendance rows.
 */
export async function seedMeetingsOfCounty(q: Queryable, countyId: number, year: number, today: string): Promise<{ meetings: number; attendance: number }> {
  const lastMonth = Number(today.slice(0, 4)) > year ? 12 : Number(today.slice(5, 7));
  const codes = MEETING_SCHEDULE.flatMap((t) => t.months.filter((m) => m <= lastMonth).map(() => t.code));
  const months = MEETING_SCHEDULE.flatMap((t) => t.months.filter((m) => m <= lastMonth));
  const perGroup = MEETING_SCHEDULE.flatMap((t) => t.months.filter((m) => m <= lastMonth).map(() => t.group));
  const names = MEETING_SCHEDULE.flatMap((t) => t.months.filter((m) => m <= lastMonth).map(() => t.name));
  const [made] = await q.query<{ n: number }>(
    `/*lx-bench*/ WITH mc AS MATERIALIZED (
       SELECT p.org_id, count(*)::int AS n FROM persons p WHERE p.county_id = $1 AND p.member_status IS NOT NULL AND p.status = 'active' GROUP BY p.org_id),
     gc AS MATERIALIZED (
       SELECT p.party_group_id, count(*)::int AS n FROM persons p
        WHERE p.county_id = $1 AND p.party_group_id IS NOT NULL AND p.member_status IS NOT NULL AND p.status = 'active' GROUP BY p.party_group_id),
     v AS (
       SELECT o.id, o.path, o.county_id, (o.id * 7919) % 100 AS h, coalesce(mc.n, 0) AS members
         FROM orgs o LEFT JOIN mc ON mc.org_id = o.id
        WHERE o.county_id = $1 AND o.type IN ('village', 'community') AND o.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.org_id = o.id AND m.held_on BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31))),
     sched AS (SELECT * FROM unnest($4::text[], $5::int[], $6::boolean[], $7::text[]) AS s(code, month, per_group, name)),
     slot AS (
       SELECT v.*, s.code, s.month, s.name, g.id AS group_id, g.sort AS group_sort,
              CASE WHEN g.id IS NULL THEN CASE WHEN s.code = 'committee' THEN least(5, v.members) ELSE v.members END
                   ELSE coalesce(gc.n, 0) END AS expected
         FROM v CROSS JOIN sched s
         LEFT JOIN orgs g ON s.per_group AND g.parent_id = v.id AND g.type = 'party_group' AND g.status = 'active'
         LEFT JOIN gc ON gc.party_group_id = g.id
        WHERE NOT (s.per_group AND g.id IS NULL)
          -- the gaps: one month's 支委会 and 主题党日 missed, a quarter skipped, nothing after June
          AND NOT (v.h BETWEEN 70 AND 89 AND s.code IN ('committee', 'theme_day') AND s.month = 1 + v.id % $8::int)
          AND NOT (v.h BETWEEN 90 AND 96 AND (s.month - 1) / 3 = v.id % 4)
          AND NOT (v.h >= 97 AND s.month > 6)
          AND NOT (v.id % 7 = 0 AND g.sort = 1 AND (s.month - 1) / 3 = (v.id / 7) % 4)),
     dated AS (
       SELECT slot.*, least(make_date($2, month, 1 + ((id + length(code) * 3 + coalesce(group_sort, 0) * 5) % 25)::int), $3::date) AS held_on,
              expected - (expected * (5 + h % 15) / 100) AS present
         FROM slot WHERE make_date($2, month, 1) <= $3::date)
     INSERT INTO meetings (county_id, org_id, org_path, type_code, held_on, place, host, by_secretary, topic, activity_kind,
                           expected_count, present_count, party_group_id)
     SELECT county_id, id, path, code, held_on, '村党群服务中心', CASE WHEN code = 'group' THEN '党小组长' ELSE '党支部书记' END,
            code = 'party_lecture' AND month = 2, name || '（' || month || '月，压测）',
            CASE WHEN code = 'theme_day' THEN (ARRAY['study','visit_people','discuss_development','do_deeds'])[1 + month % 4] END,
            expected, present, group_id
       FROM dated
     RETURNING 1`,
    [countyId, year, today, codes, months, perGroup, names, lastMonth],
  ).then((r) => [{ n: r.length }]);
  if (!made!.n) return { meetings: 0, attendance: 0 };
  // the attendance lists: the branch's members (支委会: the first five), the last ones by a hash absent
  const att = await q.query<{ n: number }>(
    `/*lx-bench*/ WITH m AS (
       SELECT m.id, m.county_id, m.org_id, m.type_code, m.expected_count, m.present_count FROM meetings m
        WHERE m.county_id = $1 AND m.held_on BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31)
          AND m.type_code IN ('committee', 'member_congress', 'party_lecture', 'life_meeting')
          AND m.topic LIKE '%压测）' AND NOT EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.meeting_id = m.id)),
     members AS (
       SELECT p.id, p.org_id, row_number() OVER (PARTITION BY p.org_id ORDER BY p.id) AS rk
         FROM persons p WHERE p.county_id = $1 AND p.member_status IS NOT NULL AND p.status = 'active'),
     cand AS (
       SELECT m.id AS meeting_id, m.county_id, x.id AS person_id, m.present_count,
              row_number() OVER (PARTITION BY m.id ORDER BY (x.id * 31 + m.id) % 1009, x.id) AS rn
         FROM m JOIN members x ON x.org_id = m.org_id AND x.rk <= m.expected_count)
     INSERT INTO meeting_attendees (meeting_id, county_id, person_id, present, absence_reason)
     SELECT meeting_id, county_id, person_id, rn <= present_count, CASE WHEN rn > present_count THEN (ARRAY['外出务工','生病','请假'])[1 + rn % 3] END
       FROM cand
     RETURNING 1`,
    [countyId, year],
  );
  return { meetings: made!.n, attendance: att.length };
}

/** The orglife rules as the service builds them: its own `ruleRows` over the default types, required by the end of `month`. */
export async function orglifeRules(month: number) {
  const { DEFAULT_MEETING_TYPES } = await import('@lianxin/contract');
  const { ruleRows } = await import('../packages/server/src/modules/orglife/orglife.service.js');
  return ruleRows(DEFAULT_MEETING_TYPES, month);
}

export async function orglifeBoardSql(q: Queryable, path: string, year: number, month: number, rules: Awaited<ReturnType<typeof orglifeRules>>) {
  const repo = await import('../packages/server/src/modules/orglife/orglife.repository.js');
  const like = `${path}%`;
  await repo.board(q, like, path, { year, month }, rules);
}

// ---- 绩效指数 (issue 15): a published scheme per county, sheets for a year, the province's computed indicators ----

/** The months of `year` scored so far: a month is scored once it is over (all twelve for a past year). */
export function scoredMonths(year: number, today: string): number {
  return Number(today.slice(0, 4)) > year ? 12 : Number(today.slice(5, 7)) - 1;
}

/**
 * Per county a published village scheme of the year in the 龙江 shape (LONGJIANG_TEMPLATE: 4
 * categories, 8 items, 31 indicators, 100 points; edition 1), then for every village one published
 * score sheet per month scored so far (the months before the last locked, as after the appeal
 * window) — a `cases` row of type score_sheet and its score_sheets row with the month's maximum
 * (the indicators whose cadence falls in the month) and a total of 60–100 % of it, scored by the
 * village's township. The bench county's sheets also get their entries, one per indicator of the
 * month (the results board reads the points lost), and their totals are the sum of those. Bulk
 * SQL per county; skips what exists. Answers schemes, sheets and entries made.
 */
export async function seedAssessment(db: Db, year: number, today: string, benchCountyId: number): Promise<{ schemes: number; sheets: number; entries: number }> {
  const { LONGJIANG_TEMPLATE } = await import('../packages/server/src/modules/assessment/index.js');
  const { keyedTree, indicatorsOf } = await import('../packages/server/src/modules/assessment/scheme.logic.js');
  const tree = keyedTree(LONGJIANG_TEMPLATE);
  const months = scoredMonths(year, today);
  const period = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
  const maxOf = Array.from({ length: 12 }, (_, i) => indicatorsOf(tree, period(i + 1)).reduce((s, k) => s + k.points, 0));
  const flat = Array.from({ length: months }, (_, i) => indicatorsOf(tree, period(i + 1)).map((k) => ({ m: i + 1, key: k.key, max: k.points, computed: k.source !== 'manual' }))).flat();
  const schemes = await db.query(
    `/*lx-bench*/ INSERT INTO assessment_schemes (county_id, org_path, year, unit_type, name, status, edition, total_points, tree, published_at)
     SELECT o.id, o.path, $1::int, 'village', $1::int || '年度村级绩效指数（压测）', 'published', 1, 100, $2::jsonb, now() FROM orgs o
      WHERE o.type = 'county' AND NOT EXISTS (SELECT 1 FROM assessment_schemes s WHERE s.county_id = o.id AND s.year = $1::int AND s.unit_type = 'village' AND s.status = 'published')
     RETURNING 1`,
    [year, JSON.stringify(tree)],
  );
  const counties = await db.query<{ id: number }>(`SELECT id FROM orgs WHERE type = 'county' ORDER BY id`);
  let sheets = 0;
  for (const c of counties) {
    const made = await db.query(
      `/*lx-bench*/ WITH s AS (SELECT id FROM assessment_schemes WHERE county_id = $1 AND year = $2::int AND unit_type = 'village' AND status = 'published' ORDER BY edition DESC LIMIT 1),
       plan AS MATERIALIZED (
         SELECT nextval(pg_get_serial_sequence('cases', 'id')) AS case_id, o.id AS org_id, o.path, o.county_id, o.name, t.id AS scorer_id, t.path AS scorer_path,
                mm, ($3::numeric[])[mm] AS max_total, (SELECT id FROM s) AS scheme_id
           FROM orgs o JOIN orgs t ON t.id = split_part(o.path, '/', 4)::bigint AND t.type = 'township'
           CROSS JOIN generate_series(1, $4::int) AS mm
          WHERE o.county_id = $1 AND o.type = 'village' AND o.status = 'active'
            AND NOT EXISTS (SELECT 1 FROM score_sheets x WHERE x.org_id = o.id AND x.scheme_id = (SELECT id FROM s))),
       c AS (
         INSERT INTO cases (id, county_id, case_type, org_id, org_path, status, title, opened_at, updated_at) OVERRIDING SYSTEM VALUE
         SELECT case_id, county_id, 'score_sheet', org_id, path, CASE WHEN mm < $4 THEN 'locked' ELSE 'published' END,
                name || ' ' || $2::int || '-' || lpad(mm::text, 2, '0') || ' 村级绩效指数（压测）', make_date($2::int, mm, 1) + 35, make_date($2::int, mm, 1) + 45
           FROM plan RETURNING id)
       INSERT INTO score_sheets (case_id, county_id, scheme_id, org_id, subject_kind, subject_id, period, revision, scorer_org_id, scorer_path, total, max_total)
       SELECT case_id, county_id, scheme_id, org_id, 'org', org_id, $2::int || '-' || lpad(mm::text, 2, '0'), 1, scorer_id, scorer_path,
              round(max_total * (60 + (org_id * 13 + mm * 7) % 41) / 100 * 2) / 2, max_total
         FROM plan WHERE (SELECT count(*) FROM c) >= 0
       RETURNING 1`,
      [c.id, year, maxOf, months],
    );
    sheets += made.length;
  }
  // the bench county's entries: each indicator of the month, points lost here and there; totals their sum
  const entries = await db.query(
    `/*lx-bench*/ WITH k AS (SELECT * FROM unnest($3::int[], $4::text[], $5::numeric[], $6::boolean[]) AS k(mm, key, max, computed)),
     sh AS (SELECT s.case_id, s.county_id, substr(s.period, 6, 2)::int AS mm FROM score_sheets s JOIN assessment_schemes sc ON sc.id = s.scheme_id
             WHERE s.county_id = $1 AND sc.year = $2::int AND NOT EXISTS (SELECT 1 FROM score_entries e WHERE e.sheet_id = s.case_id))
     INSERT INTO score_entries (sheet_id, county_id, indicator_key, max_points, points, computed, evidence)
     SELECT sh.case_id, sh.county_id, k.key, k.max, greatest(0, k.max - ((sh.case_id + length(k.key) * 7 + k.mm) % 5) * 0.5), k.computed,
            CASE WHEN k.computed THEN NULL ELSE '见台账（压测）' END
       FROM sh JOIN k ON k.mm = sh.mm
     RETURNING 1`,
    [benchCountyId, year, flat.map((f) => f.m), flat.map((f) => f.key), flat.map((f) => f.max), flat.map((f) => f.computed)],
  );
  if (entries.length) {
    await db.query(
      `UPDATE score_sheets s SET total = e.sum FROM (SELECT sheet_id, sum(points) AS sum FROM score_entries WHERE county_id = $1 GROUP BY sheet_id) e WHERE e.sheet_id = s.case_id`,
      [benchCountyId],
    );
  }
  return { schemes: schemes.length, sheets, entries: entries.length };
}

export type UnitMonthBases = { orgId: number; month: number; problems: [number, number]; reports: [number, number]; response: [number, number]; resolve: [number, number]; satisfaction: [number, number] };

/**
 * The computed indicators of one unit's month through the repository functions the service's
 * `computeBases` calls for the 龙江 scheme's computed sources (问题按期销号, 任务按期上报, the three
 * request rates): three statements per unit and month, as opening a score sheet runs them.
 */
export async function unitMonthBases(q: Queryable, unit: { id: number; path: string }, year: number, month: number): Promise<UnitMonthBases> {
  const repo = await import('../packages/server/src/modules/assessment/assessment.repository.js');
  const { monthRange } = await import('../packages/server/src/modules/assessment/scheme.logic.js');
  const { from, to } = monthRange(`${year}-${String(month).padStart(2, '0')}`);
  const prefix = `${unit.path}%`;
  const p = await repo.problemsClosedOnTime(q, prefix, from, to);
  const r = await repo.reportsOnTime(q, prefix, from, to);
  const rates = await repo.requestRates(q, prefix, from, to);
  const pair = (b: { numerator: number; denominator: number }): [number, number] => [b.numerator, b.denominator];
  return { orgId: unit.id, month, problems: pair(p), reports: pair(r), response: pair(rates.response), resolve: pair(rates.resolve), satisfaction: pair(rates.satisfaction) };
}

/**
 * The same figures for every village of the province and every month of the year, set based, raw:
 * the repository's three statements the app's `basesOfUnits` runs (one GROUP BY per source over
 * the year's records, a record counted for the village on its path, the numerator, denominator and
 * first 200 record ids per unit and month), run side by side on the pool, without the service's
 * mapping to unit-months. Answers the rows per source and the records counted.
 */
export async function provinceYearBasesSql(q: Queryable, provincePath: string, villageIds: readonly number[], year: number): Promise<{ problems: number; reports: number; requests: number; denominators: number }> {
  const repo = await import('../packages/server/src/modules/assessment/assessment.repository.js');
  const prefix = `${provincePath}%`;
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const [problems, reports, requests] = await Promise.all([
    repo.problemsClosedOnTimeByUnit(q, prefix, villageIds, from, to),
    repo.reportsOnTimeByUnit(q, prefix, villageIds, from, to),
    repo.requestRatesByUnit(q, prefix, villageIds, from, to),
  ]);
  const sum = (m: Map<string, { denominator: number }>) => [...m.values()].reduce((n, b) => n + Math.max(0, b.denominator), 0);
  return { problems: problems.size, reports: reports.size, requests: requests.size, denominators: sum(problems) + sum(reports) + sum(new Map([...requests].map(([k, r]) => [k, r.response]))) };
}

/**
 * The app's set-based path for the same year: `basesOfUnits` (what 一键生成 runs for a scorer's
 * units and month) for every village of the province and all 12 months — the three statements in
 * turn, then every unit-month's figures as a sheet gets them. Answers the unit-months and records.
 */
export async function provinceYearBasesApp(q: Queryable, provincePath: string, villages: readonly { id: number; path: string }[], year: number): Promise<{ unitMonths: number; denominators: number }> {
  const { basesOfUnits, SET_BASED_SOURCES } = await import('../packages/server/src/modules/assessment/bases.js');
  const out = await basesOfUnits(q, provincePath, villages, `${year}-01`, `${year}-12`, new Set(SET_BASED_SOURCES));
  let unitMonths = 0;
  let denominators = 0;
  for (const months of out.values()) {
    for (const b of months.values()) {
      unitMonths++;
      denominators += b.get('ledger_closed_on_time')!.denominator + b.get('dispatch_reported_on_time')!.denominator + b.get('citizen_response_rate')!.denominator;
    }
  }
  return { unitMonths, denominators };
}
