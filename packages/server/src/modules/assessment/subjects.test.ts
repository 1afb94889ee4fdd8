// 考核对象 through the API: a scheme scores first secretaries (a post: one term) or projects' 年交账,
// besides org units. The subjects come from the people and projects front doors; the county scores a
// first secretary, the township above the unit a village's project; a sibling township gets 404 for
// the sheet and sees neither subject nor ranking row; the computed figures equal the same count in
// SQL; the first secretary's page and the project's page show the published result; the county's
// 年度评选 ranks the year's projects; org results are not mixed with either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstSecretaryDetail, ProjectDetail, ProjectRanking, Results, SchemeDetail, SheetDetail, SubjectList } from '@lianxin/contract';
import { accountAt, buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { plusDays, todayInChina } from '../../core/calendar.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let yushe: Client;
let peng: Client;
let linked: Client;
let yusheId: number;
let postId: number;
const today = todayInChina();
const year = Number(today.slice(0, 4));
const december = `${year}-12`;
const start = `${year - 1}-11-15`;


beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, yushe] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe')]);
  peng = await accountAt(t, 'subj.peng', 'township_admin', '彭镇');
  yusheId = await orgId(t.db, '榆舍村');
  for (const p of await t.db.query<{ id: number }>(`SELECT id FROM posts WHERE org_id = $1 AND role = 'first_secretary' AND (end_date IS NULL OR end_date >= $2)`, [yusheId, start])) {
    expect((await wuli.post(`/api/posts/${p.id}/end`, { endDate: plusDays(start, -1) })).statusCode).toBe(204);
  }
  const person = await wuli.post('/api/people', { name: '考核第一书记', gender: 'male', orgId: yusheId, birthDate: '1988-04-01', memberStatus: 'formal', joinDate: '2010-07-01', fullDate: '2011-07-01' });
  expect(person.statusCode, person.body).toBe(201);
  const post = await wuli.post('/api/posts', { personId: person.json().id, orgId: yusheId, role: 'first_secretary', startDate: start, sentFrom: '县交通运输局', selectionChannel: 'sent_department' });
  expect(post.statusCode, post.body).toBe(201);
  postId = post.json().id;
  linked = await accountAt(t, 'subj.fs', 'village_admin', '榆舍村', person.json().id);
  // his work log: a visit that opened a request (his), and a visit by the village's own account (not his)
  expect((await linked.post('/api/visits', { orgId: yusheId, cadreLevel: 'village', household: '张家', visitedOn: today, heard: '灌溉渠堵塞', openRequest: { category: 'assistance', matter: '疏通灌溉渠' } })).statusCode).toBe(201);
  expect((await yushe.post('/api/visits', { orgId: yusheId, cadreLevel: 'village', household: '李家', visitedOn: today, heard: '村部记录' })).statusCode).toBe(201);
});
afterAll(() => t.close());

async function published(body: Record<string, unknown>): Promise<SchemeDetail> {
  const draft = await county.post('/api/assessment/schemes', { year, ...body });
  expect(draft.statusCode, draft.body).toBe(201);
  const s = draft.json() as SchemeDetail;
  const res = await county.post(`/api/assessment/schemes/${s.id}/publish`, { version: s.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SchemeDetail;
}

const manual = (s: SheetDetail, minus: number) => s.entries.filter((e) => e.source === 'manual').map((e) => ({ key: e.key, points: Math.max(0, e.max - minus), evidence: '述职报告、驻村日志已核' }));

/** Scores every manual indicator, then submit → pass → publish (the same workflow as a unit's sheet). */
async function scoreAndPublish(scorer: Client, id: number, minus: number): Promise<SheetDetail> {
  let s = (await scorer.get(`/api/assessment/sheets/${id}`)).json() as SheetDetail;
  const saved = await scorer.request('PUT', `/api/assessment/sheets/${id}/scores`, { version: s.version, scores: manual(s, minus) });
  expect(saved.statusCode, saved.body).toBe(200);
  s = saved.json() as SheetDetail;
  for (const [who, step] of [[scorer, 'submit'], [county, 'pass'], [county, 'publish']] as const) {
    const res = await who.post(`/api/assessment/sheets/${id}/transitions/${step}`, { version: s.version });
    expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
    s = res.json() as SheetDetail;
  }
  expect(s.status).toBe('published');
  return s;
}

describe('schemes declare what they score', () => {
  it('a first-secretary scheme starts from its 示例 template; sources and unit types must fit the kind', async () => {
    const res = await county.post('/api/assessment/schemes', { year, subjectKind: 'first_secretary', name: '第一书记年度考核' });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json() as SchemeDetail;
    expect(s).toMatchObject({ subjectKind: 'first_secretary', unitType: null, totalPoints: 100 });
    const indicators = s.tree.categories.flatMap((c) => c.items.flatMap((i) => i.indicators));
    expect(indicators.every((k) => k.sample && k.scoringLevel === 'county')).toBe(true);
    expect(indicators.filter((k) => k.source !== 'manual').map((k) => k.source).sort()).toEqual(['fs_requests_closed', 'fs_visit_months']);
    // an org source in a first-secretary scheme is refused, naming the indicator
    const tree = structuredClone(s.tree) as SchemeDetail['tree'];
    tree.categories[0]!.items[0]!.indicators[0]!.source = 'ledger_closed_on_time';
    const bad = await county.request('PUT', `/api/assessment/schemes/${s.id}`, { version: s.version, name: s.name, totalPoints: 100, tree: { categories: tree.categories.map((c) => ({ name: c.name, points: c.points, items: c.items.map((i) => ({ name: i.name, points: i.points, indicators: i.indicators.map(({ key: _k, sourceLabel: _l, ...k }) => k) })) })) } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('不适用于「第一书记（按任期）」');
    expect((await county.post('/api/assessment/schemes', { year, name: '无类型' })).json().message).toContain('请选择被考核单位的类型');
    expect((await county.post('/api/assessment/schemes', { year, subjectKind: 'project', unitType: 'village', name: 'x' })).statusCode).toBe(400);
  });
});

describe('a first secretary assessed by the county', () => {
  let scheme: SchemeDetail;
  let sheetId: number;

  it('lists him as a subject of the scheme in the county and the township, not in the sibling township', async () => {
    scheme = await published({ subjectKind: 'first_secretary', name: '第一书记年度考核（示例）' });
    const list = (c: Client) => c.get(`/api/assessment/subjects?schemeId=${scheme.id}&period=${december}`);
    const res = await list(county);
    expect(res.statusCode, res.body).toBe(200);
    const subjects = res.json() as SubjectList;
    expect(subjects.kind).toBe('first_secretary');
    expect(subjects.items.find((x) => x.id === postId)).toMatchObject({ name: '考核第一书记', org: { id: yusheId }, sheetId: null });
    expect(((await list(wuli)).json() as SubjectList).items.some((x) => x.id === postId)).toBe(true);
    expect(((await list(peng)).json() as SubjectList).items.some((x) => x.id === postId)).toBe(false);
  });

  it('the township does not score him; the county does, by post — not by org', async () => {
    expect((await wuli.post('/api/assessment/sheets', { schemeId: scheme.id, postId, period: december })).statusCode).toBe(403);
    const byOrg = await county.post('/api/assessment/sheets', { schemeId: scheme.id, orgId: yusheId, period: december });
    expect(byOrg.statusCode).toBe(400);
    expect(byOrg.body).toContain('此指标体系考核「第一书记（按任期）」');
    expect((await county.post('/api/assessment/sheets', { schemeId: scheme.id, postId, period: `${year}-05` })).json().message).toContain('没有需要评分的指标');
    const res = await county.post('/api/assessment/sheets', { schemeId: scheme.id, postId, period: december });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json() as SheetDetail;
    sheetId = s.id;
    expect(s).toMatchObject({ subject: { kind: 'first_secretary', id: postId, name: '考核第一书记' }, org: { id: yusheId }, scorer: { id: await orgId(t.db, '中共宜君县委员会') } });
    expect((await county.post('/api/assessment/sheets', { schemeId: scheme.id, postId, period: december })).statusCode).toBe(409);
  });

  it('computes his figures from his own records, as the same count in SQL', async () => {
    const s = (await county.get(`/api/assessment/sheets/${sheetId}`)).json() as SheetDetail;
    const visits = s.entries.find((e) => e.source === 'fs_visit_months')!;
    const requests = s.entries.find((e) => e.source === 'fs_requests_closed')!;
    // months from 1 January (his term began last year) to this month, and those with a visit by an account linked to him
    const sql = await t.db.query<{ months: number; visited: number; visits: number[]; requests: number[] }>(
      `SELECT (SELECT count(*)::int FROM generate_series(date_trunc('month', $1::date), date_trunc('month', $2::date), interval '1 month')) AS months,
              (SELECT count(DISTINCT to_char(v.visited_on, 'YYYY-MM'))::int FROM visits v JOIN accounts a ON a.id = v.account_id WHERE a.person_id = $3 AND v.visited_on BETWEEN $1 AND $2) AS visited,
              (SELECT coalesce(array_agg(v.id ORDER BY v.id), '{}') FROM visits v JOIN accounts a ON a.id = v.account_id WHERE a.person_id = $3 AND v.visited_on BETWEEN $1 AND $2) AS visits,
              (SELECT coalesce(array_agg(v.request_case_id ORDER BY v.id), '{}') FROM visits v JOIN accounts a ON a.id = v.account_id WHERE a.person_id = $3 AND v.request_case_id IS NOT NULL) AS requests`,
      [`${year}-01-01`, today, (await t.db.query<{ person_id: number }>(`SELECT person_id FROM posts WHERE id = $1`, [postId]))[0]!.person_id],
    );
    expect(visits.basis).toMatchObject({ numerator: sql[0]!.visited, denominator: sql[0]!.months, records: { kind: 'visit' } });
    expect(visits.basis!.records.ids.sort()).toEqual(sql[0]!.visits.map(Number).sort());
    expect(sql[0]!.visited).toBe(1);
    expect(visits.points).toBe(Math.round((visits.max * 2 * sql[0]!.visited) / sql[0]!.months) / 2);
    // the request his visit opened is not resolved yet: 0 of 1
    expect(requests.basis).toMatchObject({ numerator: 0, denominator: 1, records: { kind: 'request', ids: sql[0]!.requests.map(Number) } });
  });

  it('is read by the county, the township and the village above him; a sibling township gets 404', async () => {
    for (const c of [county, wuli, yushe]) expect((await c.get(`/api/assessment/sheets/${sheetId}`)).statusCode).toBe(200);
    expect((await peng.get(`/api/assessment/sheets/${sheetId}`)).statusCode).toBe(404);
    expect((await peng.request('PUT', `/api/assessment/sheets/${sheetId}/scores`, { version: 1, scores: [] })).statusCode).toBe(404);
    const listed = await peng.get(`/api/assessment/sheets?subjectKind=first_secretary&pageSize=200`);
    expect((listed.json() as { items: { id: number }[] }).items.some((x) => x.id === sheetId)).toBe(false);
  });

  it('goes through submit → review → publish; his page shows the year\'s result, org results do not count it', async () => {
    const s = await scoreAndPublish(county, sheetId, 1);
    const score = Math.round((s.total * 1000) / s.max) / 10;
    const page = (await wuli.get(`/api/first-secretaries/${postId}?year=${year}`)).json() as FirstSecretaryDetail;
    expect(page.assessments).toEqual([expect.objectContaining({ year, score, sheets: [expect.objectContaining({ id: sheetId, period: december, status: 'published' })] })]);
    expect((await peng.get(`/api/first-secretaries/${postId}`)).statusCode).toBe(404);
    const results = (await county.get(`/api/assessment/results?year=${year}&period=${december}`)).json() as Results;
    expect(results.rows.some((r) => r.sheetId === sheetId)).toBe(false);
    // the audit names the sheet's steps
    const audited = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_type = 'score_sheet' AND object_id = $1 ORDER BY id`, [sheetId]);
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['score_sheet.open', 'score_sheet.submit', 'score_sheet.pass', 'score_sheet.publish']));
  });
});

describe('a project\'s 年交账 scored by the township above its village', () => {
  let scheme: SchemeDetail;
  let project: ProjectDetail;
  let sheetId: number;

  async function fire(as: Client, transition: string, body: Record<string, unknown> = {}) {
    const version = ((await county.get(`/api/projects/${project.id}`)).json() as ProjectDetail).version;
    const res = await as.post(`/api/projects/${project.id}/transitions/${transition}`, { version, ...body });
    expect(res.statusCode, `${transition}: ${res.body}`).toBe(200);
  }

  beforeAll(async () => {
    const res = await yushe.post('/api/projects', {
      title: '考评示范项目', year, aim: 'service', class: 'key', orgId: yusheId,
      milestones: [{ title: '摸底调研', dueOn: `${year}-01-20` }, { title: '建成代办点', dueOn: `${year}-02-20` }, { title: '年终总结', dueOn: `${year}-12-31` }],
    });
    expect(res.statusCode, res.body).toBe(201);
    project = res.json() as ProjectDetail;
    await fire(wuli, 'review');
    await fire(wuli, 'approve');
    await fire(yushe, 'start');
    // the first milestone done on its date, the second late
    const d = (await yushe.get(`/api/projects/${project.id}`)).json() as ProjectDetail;
    const [m1, m2] = d.milestones;
    expect((await yushe.post(`/api/projects/${project.id}/milestones/${m1!.id}/done`, { version: m1!.version, doneOn: `${year}-01-20`, note: '走访 40 户' })).statusCode).toBe(200);
    expect((await yushe.post(`/api/projects/${project.id}/milestones/${m2!.id}/done`, { version: m2!.version, doneOn: `${year}-03-02`, note: '代办点建成' })).statusCode).toBe(200);
    scheme = await published({ subjectKind: 'project', name: '项目年交账考评（示例）' });
  });

  it('is not scored before the year-end account, nor by the county for a village\'s project', async () => {
    const early = await wuli.post('/api/assessment/sheets', { schemeId: scheme.id, projectId: project.id, period: december });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('尚未年终交账');
    await fire(yushe, 'account', { summary: '代办点建成运行，服务群众 300 余人次' });
    // the county scores the year's 年交账 through assessment: no appraisal before the project's sheet is published
    const version = ((await wuli.get(`/api/projects/${project.id}`)).json() as ProjectDetail).version;
    const early2 = await wuli.post(`/api/projects/${project.id}/transitions/close`, { version });
    expect(early2.statusCode).toBe(409);
    expect(early2.json().message).toContain('年交账考核表尚未公布');
    const waiting = (await wuli.get(`/api/projects/${project.id}`)).json() as ProjectDetail;
    expect(waiting).toMatchObject({ status: 'year_end', version, yearScore: null, appraisalSource: 'assessment' });
    // the step asks for no score and grade: they come from the sheet
    expect(waiting.transitions.find((x) => x.name === 'close')!.requires).toEqual([]);
    const byCounty = await county.post('/api/assessment/sheets', { schemeId: scheme.id, projectId: project.id, period: december });
    expect(byCounty.statusCode).toBe(403);
    expect(byCounty.body).toContain('五里镇');
    expect((await peng.post('/api/assessment/sheets', { schemeId: scheme.id, projectId: project.id, period: december })).statusCode).toBe(404);
    const subjects = (await wuli.get(`/api/assessment/subjects?schemeId=${scheme.id}&period=${december}`)).json() as SubjectList;
    expect(subjects.items.find((x) => x.id === project.id)).toMatchObject({ name: '考评示范项目', sheetId: null });
    // found by part of its title, and not by a word it does not hold; a page of one keeps the whole count
    const found = (await wuli.get(`/api/assessment/subjects?schemeId=${scheme.id}&period=${december}&q=${encodeURIComponent('考评示范')}`)).json() as SubjectList;
    expect(found.items.map((x) => x.id)).toEqual([project.id]);
    expect(found.total).toBe(1);
    expect(((await wuli.get(`/api/assessment/subjects?schemeId=${scheme.id}&period=${december}&q=${encodeURIComponent('不存在的项目名')}`)).json() as SubjectList).total).toBe(0);
    const one = (await wuli.get(`/api/assessment/subjects?schemeId=${scheme.id}&period=${december}&pageSize=1`)).json() as SubjectList;
    expect(one).toMatchObject({ total: subjects.total, pageSize: 1 });
    expect(one.items).toHaveLength(Math.min(1, subjects.total));
    expect(((await peng.get(`/api/assessment/subjects?schemeId=${scheme.id}&period=${december}`)).json() as SubjectList).items.some((x) => x.id === project.id)).toBe(false);
  });

  it('computes milestones on time as the same count in SQL', async () => {
    const res = await wuli.post('/api/assessment/sheets', { schemeId: scheme.id, projectId: project.id, period: december });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json() as SheetDetail;
    sheetId = s.id;
    expect(s.subject).toEqual({ kind: 'project', id: project.id, name: '考评示范项目' });
    const [sql] = await t.db.query<{ due: number; on_time: number }>(
      `SELECT count(*)::int AS due, count(*) FILTER (WHERE done_on <= due_on)::int AS on_time FROM project_milestones WHERE project_id = $1 AND due_on <= $2::date`,
      [project.id, `${year}-12-31`],
    );
    expect(sql).toEqual({ due: 3, on_time: 1 });
    expect(s.entries.find((e) => e.source === 'project_milestones_on_time')!.basis).toMatchObject({ numerator: sql!.on_time, denominator: sql!.due, records: { kind: 'milestone' } });
    const [reports] = await t.db.query<{ due: number }>(`SELECT count(*)::int AS due FROM project_reports r JOIN assignments a ON a.id = r.assignment_id WHERE r.project_id = $1 AND a.due_date <= $2::date`, [project.id, `${year}-12-31`]);
    expect(s.entries.find((e) => e.source === 'project_reports_on_time')!.basis!.denominator).toBe(reports!.due);
  });

  it('published, it shows on the project page and in the county\'s 年度评选, drilling down to the sheet', async () => {
    const s = await scoreAndPublish(wuli, sheetId, 2);
    const score = Math.round((s.total * 1000) / s.max) / 10;
    const page = (await yushe.get(`/api/projects/${project.id}`)).json() as ProjectDetail;
    expect(page.yearAccount).toMatchObject({ year, score, sheets: [expect.objectContaining({ id: sheetId })] });
    const ranking = (await county.get(`/api/assessment/project-ranking?year=${year}`)).json() as ProjectRanking;
    const row = ranking.rows.find((r) => r.projectId === project.id)!;
    expect(row).toMatchObject({ title: '考评示范项目', sheetId, score, org: { id: yusheId }, township: { name: '五里镇' } });
    expect(ranking.rows.map((r) => r.rankInCounty)).toEqual([...ranking.rows.map((r) => r.rankInCounty)].sort((a, b) => a - b));
    expect(((await wuli.get(`/api/assessment/project-ranking?year=${year}`)).json() as ProjectRanking).rows.some((r) => r.projectId === project.id)).toBe(true);
    expect(((await peng.get(`/api/assessment/project-ranking?year=${year}`)).json() as ProjectRanking).rows.some((r) => r.projectId === project.id)).toBe(false);
    expect((await county.get(`/api/assessment/sheets/${row.sheetId}`)).statusCode).toBe(200);
  });

  it('the committee\'s appraisal (销号) takes the published sheet\'s score — a typed one is refused — and the audit names the sheet', async () => {
    const before = (await wuli.get(`/api/projects/${project.id}`)).json() as ProjectDetail;
    const typed = await wuli.post(`/api/projects/${project.id}/transitions/close`, { version: before.version, score: 99, grade: 'excellent' });
    expect(typed.statusCode).toBe(400);
    expect(typed.json().message).toContain('取自已公布的考核表');
    expect(((await wuli.get(`/api/projects/${project.id}`)).json() as ProjectDetail)).toMatchObject({ status: 'year_end', version: before.version, yearScore: null });
    const res = await wuli.post(`/api/projects/${project.id}/transitions/close`, { version: before.version });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as ProjectDetail;
    const account = before.yearAccount!;
    const grade = ({ excellent: 'excellent', good: 'good', fair: 'pass', poor: 'fail' } as const)[account.grade];
    expect(d).toMatchObject({ status: 'closed', yearScore: account.score, yearGrade: grade, appraisalSource: 'assessment' });
    expect(d.yearScore).toBe(d.yearAccount!.score);
    const [audit] = await t.db.query<{ summary: { source: string; score: number; sheetIds: number[]; transition: string } }>(
      `SELECT summary FROM audit_log WHERE action = 'project.appraise' AND object_id = $1`, [project.id],
    );
    expect(audit!.summary).toMatchObject({ transition: 'close', source: 'assessment', score: account.score, sheetIds: [sheetId] });
    // judged once: it is still scored by its sheet (a correction stays possible), not listed twice
    const ranking = (await county.get(`/api/assessment/project-ranking?year=${year}`)).json() as ProjectRanking;
    expect(ranking.rows.filter((r) => r.projectId === project.id)).toHaveLength(1);
  });
});
