// 项目化推进 through the API: a village proposes a project, the levels above review and approve it,
// it starts and the dispatch engine asks for its monthly report, milestones roll progress up, a
// missing report is late on the board, the year-end account is appraised and the project closed or
// carried over — and every bad input or out-of-scope call is a 4xx in Chinese that changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectBoard, ProjectDetail, ProjectMatrix, ProjectPage, TodayList } from '@lianxin/contract';
import { addDays } from '../../core/cases/case-engine.js';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { reportDue } from './index.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let station: Client;
let yushe: Client;
let jiaotong: Client;
let yusheId: number;
let yaotouId: number;
let wuliId: number;
let secretaryPost: number;
let otherPosts: number[];
let today: string;
let year: number;

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, station, yushe, jiaotong] = (await Promise.all(['county', 'wuli', 'yushe.station', 'yushe', 'jiaotong'].map((u) => t.as(u)))) as [Client, Client, Client, Client, Client];
  yusheId = await orgId(t.db, '榆舍村');
  yaotouId = await orgId(t.db, '尧头村');
  wuliId = await orgId(t.db, '五里镇');
  const posts = await t.db.query<{ id: number; role: string }>(`SELECT id, role FROM posts WHERE org_id = $1 AND end_date IS NULL ORDER BY (role = 'secretary') DESC, id`, [yusheId]);
  secretaryPost = posts[0]!.id;
  otherPosts = posts.slice(1, 3).map((p) => p.id);
  today = t.app.projects.today();
  year = Number(today.slice(0, 4));
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;
const projectsNow = () => count(`SELECT count(*)::int AS n FROM cases WHERE case_type = 'project'`);

let serial = 0;
async function propose(body: Record<string, unknown> = {}, as: Client = yushe): Promise<ProjectDetail> {
  const res = await as.post('/api/projects', {
    title: `便民服务代办项目${++serial}`, year, aim: 'service', class: 'key', orgId: yusheId, leaderPostId: secretaryPost, undertakerPostIds: otherPosts,
    budget: 12000.5, milestones: [{ title: '摸底调研', dueOn: `${year}-03-31` }, { title: '建成代办点', dueOn: `${year}-12-20` }, { title: '年终总结', dueOn: `${year}-12-31` }],
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ProjectDetail;
}
async function fire(as: Client, p: { id: number }, transition: string, body: Record<string, unknown> = {}) {
  const version = ((await county.get(`/api/projects/${p.id}`)).json() as ProjectDetail).version;
  return as.post(`/api/projects/${p.id}/transitions/${transition}`, { version, ...body });
}
async function inProgress(body: Record<string, unknown> = {}): Promise<ProjectDetail> {
  const p = await propose(body);
  expect((await fire(station, p, 'review')).statusCode).toBe(200);
  expect((await fire(wuli, p, 'approve')).statusCode).toBe(200);
  const res = await fire(yushe, p, 'start');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ProjectDetail;
}

describe('proposing a project', () => {
  it('records aim × class, the unit, the leader and undertakers read through the people service, the route map and the budget in fen', async () => {
    const p = await propose();
    expect(p).toMatchObject({ status: 'proposed', aim: 'service', class: 'key', org: { id: yusheId, name: '榆舍村' }, budget: 12000.5, sendingUnit: null });
    expect(p.leader?.postId).toBe(secretaryPost);
    expect(p.undertakers.map((u) => u.postId)).toEqual(otherPosts);
    expect(p.milestones.map((m) => m.title)).toEqual(['摸底调研', '建成代办点', '年终总结']);
    expect(p.progress).toEqual({ done: 0, total: 3, percent: 0, overdue: p.milestones.filter((m) => m.dueOn < today).length });
    expect(await count(`SELECT budget_fen::int AS n FROM projects WHERE case_id = $1`, [p.id])).toBe(1_200_050);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'project.open' AND object_id = $1`, [p.id])).toBe(1);
    expect(p.transitions).toEqual([]); // the village does not review its own project
  });

  it('marks a first-secretary assistance project with its sending unit, and the list filters on it', async () => {
    const p = await propose({ sendingUnit: '县交通运输局', aim: 'cadre', class: 'weak' });
    expect(p.sendingUnit).toBe('县交通运输局');
    const yes = (await county.get(`/api/projects?assistance=yes&year=${year}&pageSize=200`)).json() as ProjectPage;
    const no = (await county.get(`/api/projects?assistance=no&year=${year}&pageSize=200`)).json() as ProjectPage;
    expect(yes.items.map((x) => x.id)).toContain(p.id);
    expect(no.items.map((x) => x.id)).not.toContain(p.id);
    expect(yes).toMatchObject({ page: 1, pageSize: 200 });
  });

  it.each([
    ['a negative budget', () => ({ budget: -1 }), /budget|预算|大于或等于|不能小于/],
    ['a budget that is not a number', () => ({ budget: '一万元' }), /budget|预算|数字|number/i],
    ['a budget with three decimals', () => ({ budget: 10.005 }), /两位小数/],
    ['a milestone outside the project year', () => ({ milestones: [{ title: '跨年节点', dueOn: `${year + 1}-01-15` }] }), /项目年度/],
    ['a leader who holds no post at the unit', () => ({ leaderPostId: 1 }), /牵头领办人须是承担单位的现任班子成员/],
    ['a unit outside the scope', () => ({ orgId: yaotouId }), /承担单位不存在或不在您的管辖范围内/],
  ])('refuses %s with a Chinese 400 and writes nothing', async (_name, body, message) => {
    const before = await projectsNow();
    const res = await yushe.post('/api/projects', { title: '错误项目', year, aim: 'service', class: 'key', orgId: yusheId, ...body() });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toMatch(message);
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await projectsNow()).toBe(before);
  });

  it('has no percentage input: progress cannot be typed', async () => {
    const res = await yushe.post('/api/projects', { title: '手填进度', year, aim: 'service', class: 'key', orgId: yusheId, progress: 80 });
    expect(res.statusCode).toBe(400);
    const p = await propose();
    const edit = await yushe.patch(`/api/projects/${p.id}`, { version: p.version, percent: 50 });
    expect(edit.statusCode).toBe(400);
  });
});

describe('the workflow through the API', () => {
  it('refuses steps out of order (409) and by the wrong level (403), changing nothing', async () => {
    const p = await propose();
    const early = await fire(yushe, p, 'start');
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/当前状态为「已申报」，不能执行「开始推进」/);
    const self = await fire(yushe, p, 'review');
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toMatch(/无权/);
    expect((await fire(station, p, 'review')).statusCode).toBe(200);
    const stationApproves = await fire(station, p, 'approve');
    expect(stationApproves.statusCode).toBe(403);
    expect(((await county.get(`/api/projects/${p.id}`)).json() as ProjectDetail).status).toBe('reviewed');
    const noReason = await fire(wuli, p, 'return');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toMatch(/退回理由/);
    const back = await fire(wuli, p, 'return', { comment: '路线图太粗，请细化到月' });
    expect((back.json() as ProjectDetail).status).toBe('proposed');
  });

  it('a project that starts gets its month\'s report request from the dispatch engine; the village answers it in its inbox', async () => {
    const p = await inProgress();
    expect(p.status).toBe('in_progress');
    expect(p.reportsList).toHaveLength(1);
    const r = p.reportsList[0]!;
    expect(r).toMatchObject({ period: today.slice(0, 7), status: 'pending', late: false, dueOn: reportDue(today, 25) });
    // a real directive of the engine, from the county to the village
    const a = await yushe.get(`/api/assignments/${r.assignmentId}`);
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ org: { id: yusheId }, status: 'pending', directive: { kind: 'report', issuer: { name: '中共宜君县委员会' } } });
    const report = await yushe.post(`/api/assignments/${r.assignmentId}/report`, { version: a.json().version, outcome: 'done', text: '本月完成摸底调研，走访 86 户' });
    expect(report.statusCode, report.body).toBe(200);
    const after = (await yushe.get(`/api/projects/${p.id}`)).json() as ProjectDetail;
    expect(after.reportsList[0]).toMatchObject({ status: 'reported', late: false, text: '本月完成摸底调研，走访 86 户' });
    expect(after.reports).toMatchObject({ answered: 1, late: 0 });
    expect(after.timeline.some((e) => e.body?.includes('月报告'))).toBe(true);
  });

  it('issues each month once: a second run issues nothing more', async () => {
    await inProgress();
    expect(await t.app.projects.issueDueReports(today)).toBe(0);
  });

  it('a month whose report day has passed without an answer is late, on the project, the list and the boards, drilled down level by level', async () => {
    const p = await inProgress();
    const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1); // the last day of the previous month
    const earlier = `${lastMonth.slice(0, 7)}-02`;
    // the previous month's request (as the scheduler would have issued it then) goes unanswered
    await t.db.query(`UPDATE projects SET year = $2 WHERE case_id = $1`, [p.id, Number(earlier.slice(0, 4))]);
    expect(await t.app.projects.issueDueReports(earlier, p.id)).toBe(1);
    const d = (await yushe.get(`/api/projects/${p.id}`)).json() as ProjectDetail;
    const late = d.reportsList.find((x) => x.period === earlier.slice(0, 7))!;
    expect(late).toMatchObject({ status: 'pending', late: true, dueOn: `${earlier.slice(0, 7)}-25` });
    expect(d.reports.late).toBe(1);
    const y = Number(earlier.slice(0, 4));
    const cb = (await county.get(`/api/projects/board?year=${y}`)).json() as ProjectBoard;
    expect(cb.lateReports.map((x) => x.projectId)).toContain(p.id);
    const wuliRow = cb.rows.find((r) => r.org.id === wuliId)!;
    expect(wuliRow.lateReports).toBeGreaterThanOrEqual(1);
    expect(wuliRow.hasChildren).toBe(true);
    // the township sees its stations; drilling to the project list of the late ones
    const wb = (await wuli.get(`/api/projects/board?year=${y}`)).json() as ProjectBoard;
    expect(wb.org.id).toBe(wuliId);
    expect(wb.totals.lateReports).toBe(wuliRow.lateReports);
    const list = (await wuli.get(`/api/projects?late=true&year=${y}&orgId=${yusheId}`)).json() as ProjectPage;
    expect(list.items.map((x) => x.id)).toContain(p.id);
    // a department sees none of it
    const jb = (await jiaotong.get(`/api/projects/board?year=${y}`)).json() as ProjectBoard;
    expect(jb.lateReports.map((x) => x.projectId)).not.toContain(p.id);
    expect((await jiaotong.get(`/api/projects/${p.id}`)).statusCode).toBe(404);
    expect((await jiaotong.get(`/api/projects/board?orgId=${wuliId}`)).statusCode).toBe(404);
  });

  it('the board at every level counts and lists exactly what the records say (each report and milestone looked at one by one)', async () => {
    // a late report of an earlier month beside an answered one, and a request to the same village that is no project's report
    const p = await inProgress();
    const earlier = `${addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)}-02`;
    await t.db.query(`UPDATE projects SET year = $2 WHERE case_id = $1`, [p.id, Number(earlier.slice(0, 4))]);
    await t.app.projects.issueDueReports(earlier, p.id);
    // and the month before it answered (late, but answered: not late on the board)
    const older = `${addDays(`${earlier.slice(0, 7)}-01`, -1).slice(0, 7)}-02`;
    if (older.slice(0, 4) === earlier.slice(0, 4)) {
      await t.app.projects.issueDueReports(older, p.id);
      const r = ((await yushe.get(`/api/projects/${p.id}`)).json() as ProjectDetail).reportsList.find((x) => x.period === older.slice(0, 7))!;
      const a = await yushe.get(`/api/assignments/${r.assignmentId}`);
      expect((await yushe.post(`/api/assignments/${r.assignmentId}/report`, { version: a.json().version, outcome: 'done', text: '补报' })).statusCode).toBe(200);
    }
    const [countyOrg] = await t.db.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE id = (SELECT county_id FROM orgs WHERE id = $1)`, [yusheId]);
    await t.db.query(
      `WITH d AS (INSERT INTO directives (county_id, issuer_org_id, issuer_path, kind, title, period_key, due_date)
                  VALUES ($1, $1, $2, 'report', '非项目的月报告', $4, $5::date) RETURNING id, county_id, due_date)
       INSERT INTO assignments (county_id, directive_id, org_id, org_path, due_date, status)
       SELECT d.county_id, d.id, o.id, o.path, d.due_date, 'pending' FROM d, orgs o WHERE o.id = $3`,
      [countyOrg!.id, countyOrg!.path, yusheId, earlier.slice(0, 7), `${earlier.slice(0, 7)}-20`],
    );
    // the board reads each source once for the whole subtree (the unit's late requests, the county's open milestones) and
    // keeps what belongs to the year's projects: the same village holds a project of two years ago with its own late report and
    // overdue milestone, which count on that year's board only; a milestone done late is not overdue
    const prev = await inProgress();
    await t.db.query(`UPDATE projects SET year = $2 WHERE case_id = $1`, [prev.id, year - 2]);
    expect(await t.app.projects.issueDueReports(`${year - 2}-06-02`, prev.id)).toBe(1);
    const dueBefore = addDays(today, -10);
    await t.db.query(
      `INSERT INTO project_milestones (project_id, county_id, title, due_on, done_on, note)
       SELECT c.id, c.county_id, v.title, v.due_on::date, v.done_on::date, v.note FROM cases c,
              (VALUES ($2, $3, NULL, NULL), ($4, $3, $5, '迟了两天完成')) AS v(title, due_on, done_on, note)
        WHERE c.id = ANY($1::bigint[])`,
      [[p.id, prev.id], '逾期未完成的节点', dueBefore, '逾期后完成的节点', addDays(today, -8)],
    );
    // and 110 more late reports and overdue milestones of that project, older than any other: they lead that year's lists
    // and, were they not left out before the lists are cut at 100, would push the other years' items out of theirs
    const [prevCase] = await t.db.query<{ county_id: number; org_id: number; org_path: string }>(`SELECT county_id, org_id, org_path FROM cases WHERE id = $1`, [prev.id]);
    await t.db.query(
      `WITH d AS (INSERT INTO directives (county_id, issuer_org_id, issuer_path, kind, title, period_key, due_date)
                  SELECT $1, $1, $2, 'report', '项目月报告（旧）', to_char(make_date(2001, 1, 1) + (k * 31), 'YYYY-MM'), make_date(2001, 1, 1) + (k * 31)
                    FROM generate_series(1, 110) k RETURNING id, county_id, period_key, due_date),
            a AS (INSERT INTO assignments (county_id, directive_id, org_id, org_path, due_date, status)
                  SELECT d.county_id, d.id, $3, $4, d.due_date, 'pending' FROM d RETURNING id, directive_id)
       INSERT INTO project_reports (project_id, period, county_id, directive_id, assignment_id)
       SELECT $5, d.period_key, d.county_id, d.id, a.id FROM d JOIN a ON a.directive_id = d.id`,
      [countyOrg!.id, countyOrg!.path, prevCase!.org_id, prevCase!.org_path, prev.id],
    );
    await t.db.query(
      `INSERT INTO project_milestones (project_id, county_id, title, due_on) SELECT $1, $2, '旧节点 ' || k, make_date(2001, 1, 1) + k FROM generate_series(1, 110) k`,
      [prev.id, prevCase!.county_id],
    );
    for (const y of [...new Set([year, Number(earlier.slice(0, 4)), year - 2])]) {
      for (const who of [county, wuli, station]) {
        const b = (await who.get(`/api/projects/board?year=${y}`)).json() as ProjectBoard;
        const path = (await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE id = $1`, [b.org.id]))[0]!.path;
        const depth = path.split('/').filter(Boolean).length;
        // the plain definition: every project of the year in the subtree, every report and milestone of it
        const rows = await t.db.query<{ id: number; org_path: string; status: string; late: number; overdue: number }>(
          `SELECT c.id, c.org_path, c.status,
                  (SELECT count(*)::int FROM project_reports r JOIN assignments a ON a.id = r.assignment_id WHERE r.project_id = c.id AND a.status = 'pending' AND a.due_date < $3::date) AS late,
                  (SELECT count(*)::int FROM project_milestones m WHERE m.project_id = c.id AND m.done_on IS NULL AND m.due_on < $3::date) AS overdue
             FROM cases c JOIN projects p ON p.case_id = c.id WHERE c.case_type = 'project' AND c.org_path LIKE $1 AND p.year = $2`,
          [`${path}%`, y, b.today],
        );
        const sum = (k: 'late' | 'overdue') => rows.reduce((a, r) => a + r[k], 0);
        expect(b.totals).toEqual({ projects: rows.length, inProgress: rows.filter((r) => r.status === 'in_progress').length, lateReports: sum('late'), overdueMilestones: sum('overdue') });
        for (const row of b.rows) {
          const mine = rows.filter((r) => (row.own ? r.org_path === path : r.org_path.split('/').filter(Boolean)[depth] === String(row.org.id)));
          expect({ projects: row.projects, late: row.lateReports, overdue: row.overdueMilestones }).toEqual({ projects: mine.length, late: mine.reduce((a, r) => a + r.late, 0), overdue: mine.reduce((a, r) => a + r.overdue, 0) });
        }
        expect(b.lateReports).toHaveLength(Math.min(100, sum('late')));
        expect(b.overdueMilestones).toHaveLength(Math.min(100, sum('overdue')));
        expect(b.lateReports.map((x) => x.dueOn)).toEqual([...b.lateReports.map((x) => x.dueOn)].sort());
        expect(b.overdueMilestones.map((x) => x.dueOn)).toEqual([...b.overdueMilestones.map((x) => x.dueOn)].sort());
        for (const x of b.lateReports) expect(rows.find((r) => Number(r.id) === x.projectId)?.late).toBeGreaterThan(0);
        if (y === Number(earlier.slice(0, 4)) && who !== station) expect(b.lateReports.map((x) => x.projectId)).toContain(p.id);
        // the lists, item by item, against the records (each under 100 here, so all of them)
        const ids = rows.map((r) => Number(r.id));
        const lateRecords = await t.db.query<{ project_id: number; period: string; assignment_id: number; due_on: string }>(
          `SELECT r.project_id, r.period, a.id AS assignment_id, to_char(a.due_date, 'YYYY-MM-DD') AS due_on
             FROM project_reports r JOIN assignments a ON a.id = r.assignment_id
            WHERE r.project_id = ANY($1::bigint[]) AND a.status = 'pending' AND a.due_date < $2::date`,
          [ids, b.today],
        );
        const overdueRecords = await t.db.query<{ project_id: number; title: string; due_on: string }>(
          `SELECT m.project_id, m.title, to_char(m.due_on, 'YYYY-MM-DD') AS due_on FROM project_milestones m
            WHERE m.project_id = ANY($1::bigint[]) AND m.done_on IS NULL AND m.due_on < $2::date`,
          [ids, b.today],
        );
        // the first 100 by due date, then project (no two items tie at the cut here), in any order within a (date, project)
        const first100 = <T extends { project_id: number; due_on: string }>(xs: T[]) =>
          [...xs].sort((a, c) => a.due_on.localeCompare(c.due_on) || Number(a.project_id) - Number(c.project_id)).slice(0, 100);
        const byKey = (xs: string[]) => [...xs].sort();
        expect(byKey(b.lateReports.map((x) => `${x.projectId} ${x.period} ${x.assignmentId} ${x.dueOn}`)))
          .toEqual(byKey(first100(lateRecords).map((x) => `${Number(x.project_id)} ${x.period} ${Number(x.assignment_id)} ${x.due_on}`)));
        expect(byKey(b.overdueMilestones.map((x) => `${x.projectId} ${x.milestone} ${x.dueOn}`)))
          .toEqual(byKey(first100(overdueRecords).map((x) => `${Number(x.project_id)} ${x.title} ${x.due_on}`)));
        if (who !== station) {
          expect(b.lateReports.some((x) => x.projectId === prev.id)).toBe(y === year - 2);
          expect(b.overdueMilestones.some((x) => x.projectId === prev.id)).toBe(y === year - 2);
          expect(b.overdueMilestones.some((x) => x.milestone === '逾期后完成的节点')).toBe(false);
        }
      }
    }
    // the 110 old items and the two dated milestones leave, so that the village's home page (50 items, oldest first) is as the other tests expect
    await t.db.query(`DELETE FROM project_milestones WHERE project_id = ANY($1::bigint[]) AND (due_on < '2002-01-01' OR title IN ('逾期未完成的节点', '逾期后完成的节点'))`, [[p.id, prev.id]]);
    const old = await t.db.query<{ directive_id: number; assignment_id: number }>(`DELETE FROM project_reports WHERE project_id = $1 AND period < '2011' RETURNING directive_id, assignment_id`, [prev.id]);
    await t.db.query(`DELETE FROM assignments WHERE id = ANY($1::bigint[])`, [old.map((x) => x.assignment_id)]);
    await t.db.query(`DELETE FROM directives WHERE id = ANY($1::bigint[])`, [old.map((x) => x.directive_id)]);
    expect(old).toHaveLength(110);
  });

  it('the county board lists units with projects first, then townships, then the rest (empty departments last)', async () => {
    await inProgress();
    const cb = (await county.get('/api/projects/board')).json() as ProjectBoard;
    const rank = (r: ProjectBoard['rows'][number]) => (r.own ? 0 : r.projects > 0 ? 1 : r.org.type === 'township' ? 2 : 3);
    const ranks = cb.rows.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks).toContain(1);
    expect(ranks).toContain(2);
    expect(ranks).toContain(3);
    expect(cb.rows[0]!.org.id).toBe(wuliId);
    const withProjects = cb.rows.filter((r) => rank(r) === 1).map((r) => r.projects);
    expect(withProjects).toEqual([...withProjects].sort((a, b) => b - a));
    expect(cb.rows.filter((r) => rank(r) === 3).some((r) => r.org.type === 'department')).toBe(true);
  });

  it('progress rolls up from milestones done, never typed; a done milestone needs a note, a date not in the future and within the year', async () => {
    const p = await inProgress();
    const [m1, m2] = p.milestones;
    const future = await yushe.post(`/api/projects/${p.id}/milestones/${m2!.id}/done`, { version: m2!.version, doneOn: addDays(today, 2), note: '提前完成' });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toMatch(/不能晚于今天/);
    const noNote = await yushe.post(`/api/projects/${p.id}/milestones/${m1!.id}/done`, { version: m1!.version, doneOn: today, note: '' });
    expect(noNote.statusCode).toBe(400);
    const done = await yushe.post(`/api/projects/${p.id}/milestones/${m1!.id}/done`, { version: m1!.version, doneOn: today, note: '走访 86 户，形成调研报告' });
    expect(done.statusCode, done.body).toBe(200);
    const d = done.json() as ProjectDetail;
    expect(d.progress).toMatchObject({ done: 1, total: 3, percent: 33 });
    expect(d.milestones[0]).toMatchObject({ state: 'done', doneOn: today, note: '走访 86 户，形成调研报告' });
    const again = await yushe.post(`/api/projects/${p.id}/milestones/${m1!.id}/done`, { version: d.milestones[0]!.version, doneOn: today, note: '再来一次' });
    expect(again.statusCode).toBe(409);
    const outOfYear = await yushe.post(`/api/projects/${p.id}/milestones`, { title: '明年的事', dueOn: `${year + 1}-02-01` });
    expect(outOfYear.statusCode).toBe(400);
    expect(outOfYear.json().message).toMatch(/项目年度/);
    const added = await yushe.post(`/api/projects/${p.id}/milestones`, { title: '群众满意度回访', dueOn: `${year}-12-30` });
    expect((added.json() as ProjectDetail).progress).toMatchObject({ done: 1, total: 4, percent: 25 });
    // another village's account may not touch it
    expect((await jiaotong.post(`/api/projects/${p.id}/milestones`, { title: 'x', dueOn: `${year}-12-30` })).statusCode).toBe(404);
  });

  it('members of the unit claim roles (党员认岗); someone who is not a member of the unit cannot', async () => {
    const p = await propose();
    const [member] = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_path LIKE (SELECT path FROM orgs WHERE id = $1) || '%' AND member_status IS NOT NULL AND status = 'active' ORDER BY id LIMIT 1`, [yusheId]);
    const res = await yushe.post(`/api/projects/${p.id}/members`, { personId: member!.id, role: '政策宣传员' });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ProjectDetail).members).toMatchObject([{ personId: member!.id, role: '政策宣传员' }]);
    const [outsider] = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_id = $1 AND member_status IS NOT NULL LIMIT 1`, [wuliId]);
    const bad = await wuli.post(`/api/projects/${p.id}/members`, { personId: outsider!.id, role: '联络员' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/承担单位在册的党员/);
  });

  it('links a quarterly inspection of the unit, and refuses one that did not inspect it', async () => {
    const p = await propose();
    const ins = await wuli.post('/api/inspections', { kind: 'quarterly_evaluation', inspectedOn: today, inspectors: '镇党委组织委员', targetOrgIds: [yusheId] });
    expect(ins.statusCode, ins.body).toBe(201);
    const res = await wuli.post(`/api/projects/${p.id}/links`, { kind: 'inspection', refId: ins.json().id });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ProjectDetail).links).toMatchObject([{ kind: 'inspection', refId: ins.json().id, date: today }]);
    const elsewhere = await wuli.post('/api/inspections', { kind: 'quarterly_evaluation', inspectedOn: today, inspectors: '镇党委组织委员', targetOrgIds: [yaotouId] });
    const bad = await wuli.post(`/api/projects/${p.id}/links`, { kind: 'inspection', refId: elsewhere.json().id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/未督查本项目的承担单位/);
    // linking is for inspectors: a village may not
    expect((await yushe.post(`/api/projects/${p.id}/links`, { kind: 'inspection', refId: ins.json().id })).statusCode).toBe(403);
  });

  it('the year-end account is appraised with a score and a grade; 销号 closes it and the county picks excellent projects', async () => {
    const p = await inProgress();
    expect((await fire(yushe, p, 'account')).statusCode).toBe(400);
    expect((await fire(yushe, p, 'account', { summary: '建成代办点 1 个，代办 320 件' })).statusCode).toBe(200);
    const noGrade = await fire(wuli, p, 'close', { score: 92 });
    expect(noGrade.statusCode).toBe(400);
    expect(noGrade.json().message).toMatch(/考评等次/);
    expect((await fire(yushe, p, 'close', { score: 92, grade: 'excellent' })).statusCode).toBe(403);
    const closed = await fire(wuli, p, 'close', { score: 92, grade: 'excellent' });
    expect(closed.statusCode, closed.body).toBe(200);
    const d = closed.json() as ProjectDetail;
    expect(d).toMatchObject({ status: 'closed', yearScore: 92, yearGrade: 'excellent', yearSummary: '建成代办点 1 个，代办 320 件' });
    expect((await wuli.post(`/api/projects/${p.id}/excellent`, { version: d.version, excellent: true })).statusCode).toBe(403);
    const ex = await county.post(`/api/projects/${p.id}/excellent`, { version: d.version, excellent: true });
    expect(ex.statusCode, ex.body).toBe(200);
    expect((ex.json() as ProjectDetail).excellent).toBe(true);
    // the plan is frozen after the account
    expect((await yushe.post(`/api/projects/${p.id}/milestones`, { title: 'x', dueOn: `${year}-12-30` })).statusCode).toBe(409);
  });

  it('a carried-over project continues as next year\'s project linked to this one, with its unfinished milestones moved into the new year', async () => {
    const p = await inProgress();
    await fire(yushe, p, 'account', { summary: '代办点建设受场地影响，跨年完成' });
    const res = await fire(wuli, p, 'carry_over', { score: 75, grade: 'pass' });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as ProjectDetail;
    expect(d.status).toBe('carried_over');
    const next = (await yushe.get(`/api/projects/${d.carriedTo}`)).json() as ProjectDetail;
    expect(next).toMatchObject({ status: 'proposed', year: year + 1, carriedFrom: p.id, aim: p.aim, class: p.class, org: { id: yusheId } });
    expect(next.milestones.map((m) => m.dueOn)).toEqual(p.milestones.map((m) => `${year + 1}${m.dueOn.slice(4)}`));
    expect(next.undertakers.map((u) => u.postId)).toEqual(otherPosts);
  });

  it('the 年交账 is judged once: typed by the committee where the county has no project scheme, and then not scored again through assessment', async () => {
    const p = await inProgress();
    await fire(yushe, p, 'account', { summary: '年度任务完成' });
    const open = (await wuli.get(`/api/projects/${p.id}`)).json() as ProjectDetail;
    expect(open.appraisalSource).toBe('committee');
    expect(open.transitions.find((x) => x.name === 'close')!.requires).toEqual(['score', 'grade']);
    const closed = await fire(wuli, p, 'close', { score: 81, grade: 'good' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ yearScore: 81, yearGrade: 'good', appraisalSource: 'committee' });
    const [audit] = await t.db.query<{ summary: Record<string, unknown> }>(`SELECT summary FROM audit_log WHERE action = 'project.appraise' AND object_id = $1`, [p.id]);
    expect(audit!.summary).toMatchObject({ transition: 'close', source: 'committee', score: 81, grade: 'good', sheetIds: [] });
    // the county publishes a 年交账 scheme afterwards: this project is not offered, and a sheet for it is refused
    const draft = await county.post('/api/assessment/schemes', { year, subjectKind: 'project', name: '项目年交账考评' });
    expect(draft.statusCode, draft.body).toBe(201);
    const scheme = (await county.post(`/api/assessment/schemes/${draft.json().id}/publish`, { version: draft.json().version })).json() as { id: number };
    const subjects = (await wuli.get(`/api/assessment/subjects?schemeId=${scheme.id}&period=${year}-12`)).json() as { items: { id: number }[] };
    expect(subjects.items.some((x) => x.id === p.id)).toBe(false);
    const sheets = await count(`SELECT count(*)::int AS n FROM score_sheets`);
    const again = await wuli.post('/api/assessment/sheets', { schemeId: scheme.id, projectId: p.id, period: `${year}-12` });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已由考评委员会直接评定得分');
    expect(await count(`SELECT count(*)::int AS n FROM score_sheets`)).toBe(sheets);
  });
});

describe('views', () => {
  it('the aim × class matrix counts the scope\'s projects of a year, 3 × 3', async () => {
    await propose({ aim: 'mechanism', class: 'hard' });
    const m = (await wuli.get(`/api/projects/matrix?year=${year}`)).json() as ProjectMatrix;
    expect(m.cells).toHaveLength(9);
    const cell = m.cells.find((c) => c.aim === 'mechanism' && c.class === 'hard')!;
    const list = (await wuli.get(`/api/projects?year=${year}&aim=mechanism&class=hard&pageSize=1`)).json() as ProjectPage;
    expect(cell.count).toBe(list.total);
    expect(m.total).toBe(m.cells.reduce((s, c) => s + c.count, 0));
    expect(((await jiaotong.get(`/api/projects/matrix?year=${year}`)).json() as ProjectMatrix).total).toBe(0);
  });

  it('the unit\'s milestones due within 7 days are on its home page', async () => {
    const p = await inProgress({ milestones: [{ title: '七日内节点', dueOn: today }] });
    const home = (await yushe.get('/api/home/today')).json() as TodayList;
    expect(home.items.find((i) => i.kind === 'milestone_due' && i.id === p.id)).toMatchObject({ href: `/projects/${p.id}`, org: '榆舍村' });
  });

  it('files are typed by their content', async () => {
    const p = await propose();
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5dd2d6e0000000049454e44ae426082', 'hex');
    const form = (name: string, content: Buffer) => {
      const boundary = 'x-project-boundary';
      return {
        payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      };
    };
    const ok = form('照片.png', png);
    const res = await yushe.request('POST', `/api/projects/${p.id}/attachments`, ok.payload, ok.headers);
    expect(res.statusCode, res.body).toBe(201);
    const bad = form('evil.png', Buffer.from('<script>alert(1)</script>'));
    expect((await yushe.request('POST', `/api/projects/${p.id}/attachments`, bad.payload, bad.headers)).statusCode).toBe(415);
    const d = (await yushe.get(`/api/projects/${p.id}`)).json() as ProjectDetail;
    expect(d.files).toMatchObject([{ fileName: '照片.png', mimeType: 'image/png' }]);
    const file = await yushe.get(`/api/projects/${p.id}/attachments/${d.files[0]!.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
  });

  it('the county sets its report day; a village may not', async () => {
    expect((await yushe.request('PUT', '/api/projects/settings', { reportDay: 20 })).statusCode).toBe(403);
    expect((await county.request('PUT', '/api/projects/settings', { reportDay: 31 })).statusCode).toBe(400);
    const res = await county.request('PUT', '/api/projects/settings', { reportDay: 20 });
    expect(res.json()).toEqual({ reportDay: 20 });
    expect((await yushe.get('/api/projects/settings')).json()).toEqual({ reportDay: 20 });
    await county.request('PUT', '/api/projects/settings', { reportDay: 25 });
  });
});

describe('reportDue', () => {
  it('is the report day of the month, or the month\'s last day when issued after it', () => {
    expect(reportDue('2026-12-01', 25)).toBe('2026-12-25');
    expect(reportDue('2026-12-25', 25)).toBe('2026-12-25');
    expect(reportDue('2026-12-28', 25)).toBe('2026-12-31');
    expect(reportDue('2028-02-27', 25)).toBe('2028-02-29');
  });
});
