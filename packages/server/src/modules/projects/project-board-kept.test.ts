// The county project board reads what the database keeps for it (migration 520: project_board_rows,
// project_board_due). Every change the board depends on — a project proposed, moved through its
// states, renamed, moved to another unit or year, a report issued, answered or re-dated, a milestone
// added, done or deleted, a new day — shows in the next board exactly as the records say; with each
// trigger dropped in turn the same change is served stale, so the triggers are what keeps it right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectBoard, ProjectDetail } from '@lianxin/contract';
import { addDays } from '../../core/cases/case-engine.js';
import { buildApp } from '../../app.js';
import { buildTestApp, orgId, testPii, TEST_DEMO_PASSWORD, type Client, type TestApp } from '../../test/helpers.js';
import { boardOf } from './projects.repository.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let station: Client;
let yushe: Client;
let yusheId: number;
let secretaryPost: number;
let today: string;
let year: number;

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, station, yushe] = (await Promise.all(['county', 'wuli', 'yushe.station', 'yushe'].map((u) => t.as(u)))) as [Client, Client, Client, Client];
  yusheId = await orgId(t.db, '榆舍村');
  secretaryPost = (await t.db.query<{ id: number }>(`SELECT id FROM posts WHERE org_id = $1 AND end_date IS NULL ORDER BY (role = 'secretary') DESC, id LIMIT 1`, [yusheId]))[0]!.id;
  today = t.app.projects.today();
  year = Number(today.slice(0, 4));
});
afterAll(() => t.close());

type Board = Awaited<ReturnType<typeof boardOf>>;

/** The board as the plain definition gives it, straight from the records: every project of the year in the subtree, every report and milestone of it. */
async function truth(root: { path: string }, y: number, on: string) {
  const depth = root.path.split('/').filter(Boolean).length;
  const rows = await t.db.query<{ id: number; org_path: string; status: string; late: number; overdue: number }>(
    `SELECT c.id, c.org_path, c.status,
            (SELECT count(*)::int FROM project_reports r JOIN assignments a ON a.id = r.assignment_id WHERE r.project_id = c.id AND a.status = 'pending' AND a.due_date < $3::date) AS late,
            (SELECT count(*)::int FROM project_milestones m WHERE m.project_id = c.id AND m.done_on IS NULL AND m.due_on < $3::date) AS overdue
       FROM cases c JOIN projects p ON p.case_id = c.id WHERE c.case_type = 'project' AND c.org_path LIKE $1 AND p.year = $2`,
    [`${root.path}%`, y, on],
  );
  const child = (path: string) => (path === root.path ? null : Number(path.split('/').filter(Boolean)[depth]));
  const counts = new Map<number | null, { projects: number; in_progress: number; late: number; overdue: number }>();
  for (const r of rows) {
    const k = child(r.org_path);
    const x = counts.get(k) ?? { projects: 0, in_progress: 0, late: 0, overdue: 0 };
    counts.set(k, { projects: x.projects + 1, in_progress: x.in_progress + (r.status === 'in_progress' ? 1 : 0), late: x.late + r.late, overdue: x.overdue + r.overdue });
  }
  const ids = rows.map((r) => Number(r.id));
  const late = await t.db.query<{ key: string; due_on: string; project_id: number }>(
    `SELECT concat_ws(' ', r.project_id, c.title, c.org_id, o.name, r.period, a.id, to_char(a.due_date, 'YYYY-MM-DD')) AS key, to_char(a.due_date, 'YYYY-MM-DD') AS due_on, r.project_id
       FROM project_reports r JOIN assignments a ON a.id = r.assignment_id JOIN cases c ON c.id = r.project_id JOIN orgs o ON o.id = c.org_id
      WHERE r.project_id = ANY($1::bigint[]) AND a.status = 'pending' AND a.due_date < $2::date`,
    [ids, on],
  );
  const overdue = await t.db.query<{ key: string; due_on: string; project_id: number }>(
    `SELECT concat_ws(' ', m.project_id, c.title, c.org_id, o.name, m.title, to_char(m.due_on, 'YYYY-MM-DD')) AS key, to_char(m.due_on, 'YYYY-MM-DD') AS due_on, m.project_id
       FROM project_milestones m JOIN cases c ON c.id = m.project_id JOIN orgs o ON o.id = c.org_id
      WHERE m.project_id = ANY($1::bigint[]) AND m.done_on IS NULL AND m.due_on < $2::date`,
    [ids, on],
  );
  // the lists hold the first 100 by date and project (fewer here, so all of them), in any order within one (date, project)
  const first = (xs: { key: string; due_on: string; project_id: number }[]) =>
    xs.sort((a, b) => a.due_on.localeCompare(b.due_on) || Number(a.project_id) - Number(b.project_id)).slice(0, 100).map((x) => x.key).sort();
  return { counts: [...counts.entries()].map(([k, v]) => ({ child: k, ...v })).sort(byChild), late: first(late), overdue: first(overdue) };
}

const byChild = (a: { child: number | null }, b: { child: number | null }) => (a.child ?? 0) - (b.child ?? 0);

/** The board statement's answer in the same form. */
function shape(b: Board) {
  return {
    counts: b.counts.map((x) => ({ child: x.child === null ? null : Number(x.child), projects: x.projects, in_progress: x.in_progress, late: x.late, overdue: x.overdue })).sort(byChild),
    late: b.late.map((x) => [Number(x.project_id), x.title, Number(x.org_id), x.org_name, x.period, Number(x.assignment_id), x.due_on].join(' ')).sort(),
    overdue: b.overdue.map((x) => [Number(x.project_id), x.title, Number(x.org_id), x.org_name, x.milestone, x.due_on].join(' ')).sort(),
  };
}

const roots = async () => t.db.query<{ path: string; county_id: number }>(`SELECT path, county_id FROM orgs WHERE id IN ($1, (SELECT parent_id FROM orgs WHERE id = $1), (SELECT county_id FROM orgs WHERE id = $1))`, [yusheId]);

/** The board statement at the county, the township and the station, on `on`, against the records. */
async function kept(on = today, y = year) {
  const out = [];
  for (const r of await roots()) out.push({ root: r.path, board: shape(await boardOf(t.db, { path: r.path, countyId: Number(r.county_id) }, y, on)), truth: await truth(r, y, on) });
  return out;
}
async function expectKept(on = today, y = year) {
  for (const x of await kept(on, y)) expect(x.board, x.root).toEqual(x.truth);
}
async function isStale(on = today, y = year) {
  return (await kept(on, y)).some((x) => JSON.stringify(x.board) !== JSON.stringify(x.truth));
}

let serial = 0;
async function propose(milestones: { title: string; dueOn: string }[] = [{ title: '建成代办点', dueOn: `${year}-12-31` }]): Promise<ProjectDetail> {
  const res = await yushe.post('/api/projects', { title: `看板项目${++serial}`, year, aim: 'service', class: 'key', orgId: yusheId, leaderPostId: secretaryPost, milestones });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ProjectDetail;
}
async function fire(as: Client, id: number, transition: string) {
  const version = ((await county.get(`/api/projects/${id}`)).json() as ProjectDetail).version;
  const res = await as.post(`/api/projects/${id}/transitions/${transition}`, { version });
  expect(res.statusCode, res.body).toBe(200);
}
async function start(id: number) {
  await fire(station, id, 'review');
  await fire(wuli, id, 'approve');
  await fire(yushe, id, 'start');
}
/** A month's report of the project issued as the scheduler would have then, due on `due` (a past date: late). */
async function lateReport(id: number, due: string) {
  const [c] = await t.db.query<{ county_id: number; org_id: number; org_path: string }>(`SELECT county_id, org_id, org_path FROM cases WHERE id = $1`, [id]);
  const [countyOrg] = await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE id = $1`, [c!.county_id]);
  const [made] = await t.db.query<{ id: number }>(
    `WITH d AS (INSERT INTO directives (county_id, issuer_org_id, issuer_path, kind, title, period_key, due_date)
                VALUES ($1, $1, $2, 'report', '项目月报告（看板测试）', $3, $4::date) RETURNING id, county_id, due_date),
          a AS (INSERT INTO assignments (county_id, directive_id, org_id, org_path, due_date, status)
                SELECT d.county_id, d.id, $5, $6, d.due_date, 'pending' FROM d RETURNING id, directive_id)
     INSERT INTO project_reports (project_id, period, county_id, directive_id, assignment_id)
     SELECT $7, $3, d.county_id, d.id, a.id FROM d JOIN a ON a.directive_id = d.id RETURNING assignment_id AS id`,
    [c!.county_id, countyOrg!.path, `${2000 + ++serial}-01`, due, c!.org_id, c!.org_path, id],
  );
  return made!.id;
}
async function answer(assignmentId: number) {
  const a = await yushe.get(`/api/assignments/${assignmentId}`);
  const res = await yushe.post(`/api/assignments/${assignmentId}/report`, { version: a.json().version, outcome: 'done', text: '本月按计划推进' });
  expect(res.statusCode, res.body).toBe(200);
}

/** A project in progress with an open report past due and two overdue milestones. */
async function setup() {
  const p = await propose([{ title: '甲', dueOn: `${year}-01-01` }, { title: '乙', dueOn: `${year}-01-01` }]);
  await start(p.id);
  const report = await lateReport(p.id, `${year}-03-25`);
  const mids = (await t.db.query<{ id: number }>(`SELECT id FROM project_milestones WHERE project_id = $1 ORDER BY id`, [p.id])).map((x) => x.id);
  const [c] = await t.db.query<{ county_id: number }>(`SELECT county_id FROM cases WHERE id = $1`, [p.id]);
  return { id: p.id, report, mids, countyId: c!.county_id };
}

describe('the project board on kept rows', () => {
  it('keeps a row per project and per open report or milestone, and the board statement is the plain definition at every level', async () => {
    const p = await propose([{ title: '摸底', dueOn: `${year}-01-01` }, { title: '建成', dueOn: `${year}-12-31` }]);
    await start(p.id);
    await expectKept();
    const [n] = await t.db.query<{ rows: number; due: number }>(
      `SELECT (SELECT count(*)::int FROM project_board_rows WHERE case_id = $1) AS rows, (SELECT count(*)::int FROM project_board_due WHERE project_id = $1) AS due`, [p.id]);
    expect(n).toEqual({ rows: 1, due: 3 }); // two open milestones and this month's report
    // and the route answers the same figures
    const b = (await county.get(`/api/projects/board?year=${year}`)).json() as ProjectBoard;
    const [top] = await kept();
    expect(b.totals.projects).toBe(top!.truth.counts.reduce((s, x) => s + x.projects, 0));
    expect(b.lateReports).toHaveLength(top!.truth.late.length);
    expect(b.overdueMilestones).toHaveLength(top!.truth.overdue.length);
  });

  it('follows the project: proposed, each step of its workflow, renamed, moved to another unit, another year', async () => {
    const before = (await county.get(`/api/projects/board?year=${year}`)).json() as ProjectBoard;
    const p = await propose([{ title: '早已到期的节点', dueOn: `${year}-01-01` }]);
    const proposed = (await county.get(`/api/projects/board?year=${year}`)).json() as ProjectBoard;
    expect(proposed.totals.projects).toBe(before.totals.projects + 1);
    await expectKept();
    await start(p.id);
    const started = (await county.get(`/api/projects/board?year=${year}`)).json() as ProjectBoard;
    expect(started.totals.inProgress).toBe(proposed.totals.inProgress + 1);
    await expectKept();
    // renamed: the lists carry the new title
    const version = ((await county.get(`/api/projects/${p.id}`)).json() as ProjectDetail).version;
    expect((await yushe.patch(`/api/projects/${p.id}`, { version, title: '改名后的看板项目' })).statusCode).toBe(200);
    const renamed = (await county.get(`/api/projects/board?year=${year}`)).json() as ProjectBoard;
    expect(renamed.overdueMilestones.filter((x) => x.projectId === p.id).map((x) => x.title)).toEqual(['改名后的看板项目']);
    await expectKept();
    // moved to another unit (by SQL: the app never moves a project, a repair by hand may)
    const [other] = await t.db.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE id = $1`, [await orgId(t.db, '尧头村')]);
    await t.db.query(`UPDATE cases SET org_id = $2, org_path = $3 WHERE id = $1`, [p.id, other!.id, other!.path]);
    const moved = (await county.get(`/api/projects/board?year=${year}`)).json() as ProjectBoard;
    expect(moved.overdueMilestones.find((x) => x.projectId === p.id)?.org.id).toBe(other!.id);
    await expectKept();
    // another year: it leaves this year's board and joins that one's
    await t.db.query(`UPDATE projects SET year = $2 WHERE case_id = $1`, [p.id, year - 1]);
    await expectKept();
    await expectKept(today, year - 1);
    expect((await county.get(`/api/projects/board?year=${year}`)).json().totals.projects).toBe(before.totals.projects);
    await t.db.query(`UPDATE projects SET year = $2 WHERE case_id = $1`, [p.id, year]);
    await expectKept();
  });

  it('follows the reports: issued, late, answered in the unit\'s inbox, re-dated; and the milestones: added, done, deleted', async () => {
    const p = await propose([{ title: '第一节点', dueOn: `${year}-01-01` }, { title: '第二节点', dueOn: `${year}-01-01` }]);
    await start(p.id);
    const late = await lateReport(p.id, `${year}-01-25`);
    const lateBoard = (await county.get(`/api/projects/board?year=${year}`)).json() as ProjectBoard;
    expect(lateBoard.lateReports.map((x) => x.assignmentId)).toContain(late);
    await expectKept();
    // answered through the dispatch module's route: no longer late
    await answer(late);
    const answered = (await county.get(`/api/projects/board?year=${year}`)).json() as ProjectBoard;
    expect(answered.lateReports.map((x) => x.assignmentId)).not.toContain(late);
    expect(answered.totals.lateReports).toBe(lateBoard.totals.lateReports - 1);
    await expectKept();
    // a request's due date moved (by SQL): late again when it lies in the past and the request is open
    const again = await lateReport(p.id, `${year}-02-25`);
    await t.db.query(`UPDATE assignments SET due_date = $2 WHERE id = $1`, [again, addDays(today, 30)]);
    expect(((await county.get(`/api/projects/board?year=${year}`)).json() as ProjectBoard).lateReports.map((x) => x.assignmentId)).not.toContain(again);
    await expectKept();
    // a milestone done through the route: no longer overdue
    const d = (await county.get(`/api/projects/${p.id}`)).json() as ProjectDetail;
    const m = d.milestones.find((x) => x.title === '第一节点')!;
    expect((await yushe.post(`/api/projects/${p.id}/milestones/${m.id}/done`, { version: m.version, doneOn: today, note: '已完成' })).statusCode).toBe(200);
    const done = (await county.get(`/api/projects/board?year=${year}`)).json() as ProjectBoard;
    expect(done.overdueMilestones.filter((x) => x.projectId === p.id).map((x) => x.milestone)).toEqual(['第二节点']);
    await expectKept();
    // one added past its date (by SQL), one deleted
    await t.db.query(`INSERT INTO project_milestones (project_id, county_id, title, due_on) SELECT case_id, county_id, '补记节点', $2 FROM projects WHERE case_id = $1`, [p.id, `${year}-01-02`]);
    await expectKept();
    await t.db.query(`DELETE FROM project_milestones WHERE project_id = $1 AND title = '第二节点'`, [p.id]);
    const deleted = (await county.get(`/api/projects/board?year=${year}`)).json() as ProjectBoard;
    expect(deleted.overdueMilestones.filter((x) => x.projectId === p.id).map((x) => x.milestone)).toEqual(['补记节点']);
    await expectKept();
  });

  it('a new day needs no write: what falls due today is late or overdue tomorrow', async () => {
    const tomorrow = addDays(today, 1);
    const p = await propose([{ title: '今天到期的节点', dueOn: today }]);
    await start(p.id);
    const r = await lateReport(p.id, today);
    const onToday = await boardOf(t.db, { path: (await roots()).find((x) => x.path.split('/').length === 3)!.path, countyId: (await roots())[0]!.county_id }, year, today);
    expect(onToday.late.map((x) => Number(x.assignment_id))).not.toContain(r);
    expect(onToday.overdue.map((x) => Number(x.project_id))).not.toContain(p.id);
    await expectKept(today);
    if (tomorrow.startsWith(`${year}-`)) {
      const onTomorrow = await boardOf(t.db, { path: (await roots()).find((x) => x.path.split('/').length === 3)!.path, countyId: (await roots())[0]!.county_id }, year, tomorrow);
      expect(onTomorrow.late.map((x) => Number(x.assignment_id))).toContain(r);
      expect(onTomorrow.overdue.map((x) => Number(x.project_id))).toContain(p.id);
      await expectKept(tomorrow);
    }
  });

  it.skipIf(!process.env.DATABASE_URL)('a report answered while a milestone of the same project is done, in two transactions at once, leaves the board right (the second refresh waits for the first to commit; PostgreSQL only: PGlite has one connection)', async () => {
    const x = await setup();
    let updated!: () => void;
    const t1Updated = new Promise<void>((r) => (updated = r));
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    const t1 = t.db.transaction(async (tx) => {
      await tx.query(`UPDATE assignments SET status = 'reported', reported_at = now() WHERE id = $1`, [x.report]);
      updated();
      await hold;
    });
    await t1Updated;
    const t2 = t.db.transaction((tx) => tx.query(`UPDATE project_milestones SET done_on = $2, note = '完成' WHERE id = $1`, [x.mids[0], today]));
    // the second waits on the first (its refresh of the same project) until it commits
    for (let i = 0; i < 100; i++) {
      const [w] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (w!.n > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    release();
    await Promise.all([t1, t2]);
    await expectKept();
  });

  it('has its triggers, and with each one dropped the change it keeps is served stale', async () => {
    const triggers = await t.db.query<{ name: string; on: string; def: string }>(
      `SELECT t.tgname AS name, c.relname AS on, pg_get_triggerdef(t.oid) AS def FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND t.tgname LIKE 'project_board_%' ORDER BY t.tgname`);
    expect(triggers.map((x) => `${x.on}.${x.name}`)).toEqual([
      'cases.project_board_case',
      'project_milestones.project_board_milestones_del', 'project_milestones.project_board_milestones_ins',
      'project_milestones.project_board_milestones_truncate', 'project_milestones.project_board_milestones_upd',
      'projects.project_board_projects_del', 'projects.project_board_projects_ins', 'projects.project_board_projects_truncate', 'projects.project_board_projects_upd',
      'project_reports.project_board_reports_del', 'project_reports.project_board_reports_ins', 'project_reports.project_board_reports_truncate', 'project_reports.project_board_reports_upd',
      'assignments.project_board_request',
    ].sort((a, b) => a.split('.')[1]!.localeCompare(b.split('.')[1]!)));
    // each change on a project of its own (an open report past due, two overdue milestones), with the trigger that keeps it
    type Ctx = Awaited<ReturnType<typeof setup>>;
    const changes: [string, (x: Ctx) => Promise<unknown>][] = [
      ['project_board_projects_ins', () => propose([])], // no milestones: their trigger would refresh the project too
      ['project_board_case', (x) => t.db.query(`UPDATE cases SET status = 'approved' WHERE id = $1`, [x.id])],
      ['project_board_projects_upd', (x) => t.db.query(`UPDATE projects SET year = $2 WHERE case_id = $1`, [x.id, year - 1])],
      ['project_board_request', (x) => t.db.query(`UPDATE assignments SET status = 'reported' WHERE id = $1`, [x.report])],
      ['project_board_reports_ins', (x) => lateReport(x.id, `${year}-04-25`)],
      ['project_board_reports_upd', (x) => t.db.query(`UPDATE project_reports SET period = '1999-12' WHERE assignment_id = $1`, [x.report])],
      ['project_board_reports_del', (x) => t.db.query(`DELETE FROM project_reports WHERE assignment_id = $1`, [x.report])],
      ['project_board_milestones_ins', (x) => t.db.query(`INSERT INTO project_milestones (project_id, county_id, title, due_on) VALUES ($1, $2, '丙', $3)`, [x.id, x.countyId, `${year}-01-01`])],
      ['project_board_milestones_upd', (x) => t.db.query(`UPDATE project_milestones SET done_on = $2, note = '完成' WHERE id = $1`, [x.mids[0], today])],
      ['project_board_milestones_del', (x) => t.db.query(`DELETE FROM project_milestones WHERE id = $1`, [x.mids[1]])],
      ['project_board_projects_del', async (x) => {
        for (const table of ['project_milestones', 'project_reports', 'project_people']) await t.db.query(`DELETE FROM ${table} WHERE project_id = $1`, [x.id]);
        await t.db.query(`DELETE FROM projects WHERE case_id = $1`, [x.id]);
      }],
      // last: these empty the tables
      ['project_board_reports_truncate', () => t.db.query(`TRUNCATE project_reports`)],
      ['project_board_milestones_truncate', () => t.db.query(`TRUNCATE project_milestones`)],
    ];
    const refreshAll = () => t.db.query(`SELECT project_board_refresh(array_agg(case_id)) FROM (SELECT case_id FROM projects UNION SELECT case_id FROM project_board_rows) k`);
    for (const [name, change] of changes) {
      const trigger = triggers.find((x) => x.name === name)!;
      // without the trigger: stale
      const a = await setup();
      await expectKept();
      await t.db.query(`DROP TRIGGER ${name} ON ${trigger.on}`);
      try {
        await change(a);
        expect(await isStale(), `${name} dropped: the change is served stale`).toBe(true);
      } finally {
        await t.db.query(trigger.def);
      }
      await refreshAll();
      await expectKept();
      // with it: kept
      if (name.endsWith('_truncate')) continue;
      const b = await setup();
      await change(b);
      await expectKept();
    }
  });
});

describe('the board\'s kept answer (core/kept-answers.ts, migration 550)', () => {
  it('is the bytes the route builds without keeping, with an ETag (304 when it matches); a change to what it reads is in the next answer', async () => {
    const url = `/api/projects/board?year=${year}`;
    const reference = await buildApp({ db: t.db, pii: testPii, logger: false, loginRateLimit: 10_000, keptAnswerBytes: 0 });
    await reference.ready();
    try {
      const login = await reference.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'county', password: TEST_DEMO_PASSWORD } });
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const built = async () => (await reference.inject({ method: 'GET', url, headers: { cookie } })).body;
      const first = await county.get(url);
      const second = await county.get(url);
      expect(second.body).toBe(first.body);
      expect(first.body).toBe(await built());
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[\w-]{27}"$/);
      expect((await county.request('GET', url, undefined, { 'if-none-match': etag })).statusCode).toBe(304);
      // a milestone past due added to a project of the year: the kept answer moves with it
      const p = await propose([{ title: '核验', dueOn: addDays(today, -3) }]);
      await start(p.id);
      const after = await county.get(url);
      expect(after.body).not.toBe(first.body);
      expect(after.body).toBe(await built());
      expect((after.json() as ProjectBoard).overdueMilestones.map((m) => m.projectId)).toContain(p.id);
      expect((await county.request('GET', url, undefined, { 'if-none-match': etag })).statusCode).toBe(200);
      // a unit renamed (the board names it): the org tree's table is one of its sources
      await t.db.query(`UPDATE orgs SET name = name || '（改）' WHERE id = $1`, [yusheId]);
      const renamed = await county.get(url);
      expect(renamed.body).toBe(await built());
      expect(renamed.body).toContain('榆舍村（改）');
      await t.db.query(`UPDATE orgs SET name = '榆舍村' WHERE id = $1`, [yusheId]);
    } finally {
      await reference.close();
    }
  });
});
