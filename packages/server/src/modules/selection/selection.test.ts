// 公开选拔 · 换届 · 结对培养 through the API: a public selection run stage by stage to a post with
// the selection channel and 公职化; an election round whose village results become posts, ending
// the previous holders' terms; mentoring pairs with contacts, counted per township and shown per
// person — each refusal a 4xx in Chinese that changes nothing, every change audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElectionBoard, ElectionVillage, MentoringDetail, MentoringPage, MentoringSummary, SelectionDetail, SelectionPage } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { plusDays, todayInChina } from '../../core/calendar.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let yushe: Client;
const today = todayInChina();
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, yushe] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe')]);
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;
const audits = (prefix: string) => count(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE $1`, [`${prefix}%`]);
function expectRefused(res: { statusCode: number; json(): unknown }, status: number, text: RegExp) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  const body = res.json() as { message: string; details?: { fields?: { message: string }[] } };
  expect([body.message, ...(body.details?.fields ?? []).map((f) => f.message)].join(' ')).toMatch(text);
}

describe('公开选拔', () => {
  let village: number;
  let s: SelectionDetail;
  const fire = (c: Client, name: string, body: Record<string, unknown> = {}) => c.post(`/api/selections/${s.id}/transitions/${name}`, { version: s.version, ...body });
  const take = (res: { statusCode: number; body: string; json(): unknown }, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    s = res.json() as SelectionDetail;
    return s;
  };

  it('a township applies for a village secretary post; the county alone runs the stages', async () => {
    const res = await wuli.post('/api/orgs', { parentId: await orgId(t.db, '榆舍党建工作站'), type: 'village', name: '选拔试点村' });
    village = (res.json() as { id: number }).id;
    expectRefused(await yushe.post('/api/selections', { orgId: village, role: 'secretary', conditions: '35岁以下，大专以上' }), 403, /.+/);
    take(await wuli.post('/api/selections', { orgId: village, role: 'secretary', conditions: '35周岁以下，大专以上学历，有农村工作经历', civilService: true }), 201);
    expect(s).toMatchObject({ status: 'applied', township: '五里镇', role: 'secretary', civilService: true, candidates: 0 });
    expect(s.transitions.map((x) => x.name)).toEqual(['cancel']); // the applying township may only withdraw
  });

  it('refuses a stage out of order, registration before it opens, and a township running a stage', async () => {
    expectRefused(await fire(county, 'start_vetting'), 409, /当前状态为「乡镇党委申报」/);
    expectRefused(await county.post(`/api/selections/${s.id}/candidates`, { version: s.version, personId: 1, registeredOn: today }), 409, /不能登记报名/);
    expectRefused(await fire(wuli, 'open_registration'), 403, /无权/);
    take(await fire(county, 'open_registration'));
    expect(s.status).toBe('registration');
    expect(s.canRegister).toBe(true);
    expect(((await wuli.get(`/api/selections/${s.id}`)).json() as SelectionDetail).canRegister).toBe(false);
  });

  it('registers a person of the roster and a new person added to the roster through the people module', async () => {
    const [known] = await t.db.query<{ id: number }>(`SELECT p.id FROM persons p JOIN orgs o ON o.id = p.org_id WHERE o.name = '榆舍村' AND p.status = 'active' ORDER BY p.id LIMIT 1`);
    take(await county.post(`/api/selections/${s.id}/candidates`, { version: s.version, personId: known!.id, registeredOn: today }), 201);
    const people = await count(`SELECT count(*)::int AS n FROM persons`);
    expectRefused(await county.post(`/api/selections/${s.id}/candidates`, { version: s.version, person: { name: '报名甲', gender: 'male', birthDate: '1992-05-01', orgId: await orgId(t.db, '榆舍村') }, personId: known!.id, registeredOn: today }), 400, /二选一/);
    take(await county.post(`/api/selections/${s.id}/candidates`, { version: s.version, person: { name: '报名甲', gender: 'male', birthDate: '1992-05-01', orgId: await orgId(t.db, '榆舍村'), education: 'college' }, registeredOn: today }), 201);
    take(await county.post(`/api/selections/${s.id}/candidates`, { version: s.version, person: { name: '报名乙', gender: 'female', birthDate: '1990-03-01', orgId: await orgId(t.db, '榆舍村') }, registeredOn: today }), 201);
    expect(await count(`SELECT count(*)::int AS n FROM persons`)).toBe(people + 2);
    expect(s.candidateList.map((k) => k.person.name)).toContain('报名甲');
    expectRefused(await county.post(`/api/selections/${s.id}/candidates`, { version: s.version, personId: known!.id, registeredOn: today }), 409, /已经报名/);
    expect(s.candidates).toBe(3);
  });

  it('联审联查: a failure needs its reason; the written exam waits until everyone is vetted', async () => {
    take(await fire(county, 'start_vetting'));
    const [a, b, c] = s.candidateList;
    expectRefused(await county.post(`/api/selections/${s.id}/candidates/${a!.id}/vetting`, { version: s.version, passed: false }), 400, /写明原因/);
    take(await county.post(`/api/selections/${s.id}/candidates/${a!.id}/vetting`, { version: s.version, passed: false, reason: '年龄不符合条件' }));
    take(await county.post(`/api/selections/${s.id}/candidates/${b!.id}/vetting`, { version: s.version, passed: true }));
    expectRefused(await fire(county, 'start_written'), 409, /未录入联审联查结果：报名乙/);
    take(await county.post(`/api/selections/${s.id}/candidates/${c!.id}/vetting`, { version: s.version, passed: true }));
    take(await fire(county, 'start_written'));
    expect(s.candidateList.map((k) => k.vetting)).toEqual(['failed', 'passed', 'passed']);
  });

  it('scores: out of range refused, a failed candidate not scored, nothing changed by a refusal', async () => {
    const [a, b, c] = s.candidateList;
    const before = s.version;
    expectRefused(await county.post(`/api/selections/${s.id}/candidates/${b!.id}/score`, { version: s.version, score: 100.5 }), 400, /0 到 100 分/);
    expectRefused(await county.post(`/api/selections/${s.id}/candidates/${b!.id}/score`, { version: s.version, score: -1 }), 400, /0 到 100 分/);
    expectRefused(await county.post(`/api/selections/${s.id}/candidates/${b!.id}/score`, { version: s.version, score: 80.25 }), 400, /一位小数/);
    expectRefused(await county.post(`/api/selections/${s.id}/candidates/${a!.id}/score`, { version: s.version, score: 90 }), 409, /未通过联审联查，不能录入成绩/);
    const again = (await county.get(`/api/selections/${s.id}`)).json() as SelectionDetail;
    expect(again.version).toBe(before);
    expect(again.candidateList.every((k) => k.writtenScore === null)).toBe(true);
    take(await county.post(`/api/selections/${s.id}/candidates/${b!.id}/score`, { version: s.version, score: 86.5 }));
    expectRefused(await fire(county, 'start_interview'), 409, /未录入笔试成绩：报名乙/);
    take(await county.post(`/api/selections/${s.id}/candidates/${c!.id}/score`, { version: s.version, score: 78 }));
    take(await fire(county, 'start_interview'));
    take(await county.post(`/api/selections/${s.id}/candidates/${b!.id}/score`, { version: s.version, score: 90 }));
    expectRefused(await fire(county, 'start_inspection', { candidateId: b!.id }), 409, /未录入面试成绩/);
    take(await county.post(`/api/selections/${s.id}/candidates/${c!.id}/score`, { version: s.version, score: 81.5 }));
    expect(s.candidateList.find((k) => k.id === b!.id)).toMatchObject({ writtenScore: 86.5, interviewScore: 90, total: 88.3 });
  });

  it('组织考察 of the chosen one: a failed candidate cannot be chosen; a failed inspection goes back to choose again', async () => {
    const [a, b, c] = s.candidateList;
    expectRefused(await fire(county, 'start_inspection'), 400, /考察人选/);
    expectRefused(await fire(county, 'start_inspection', { candidateId: a!.id }), 400, /通过联审联查/);
    take(await fire(county, 'start_inspection', { candidateId: c!.id }));
    expectRefused(await fire(county, 'reject_candidate'), 400, /原因/);
    take(await fire(county, 'reject_candidate', { comment: '群众认可度不高' }));
    expect(s.status).toBe('interview');
    expectRefused(await fire(county, 'start_inspection', { candidateId: c!.id }), 400, /已考察不合格/);
    take(await fire(county, 'start_inspection', { candidateId: b!.id }));
    expect(s.candidateList.find((k) => k.chosen)?.id).toBe(b!.id);
  });

  it('ends in the post: 公开选拔 channel and 公职化 with its basis, in one step', async () => {
    const b = s.candidateList.find((k) => k.chosen)!;
    const posts = await count(`SELECT count(*)::int AS n FROM posts`);
    expectRefused(await fire(county, 'appoint', { comment: '考察合格', startDate: today }), 400, /公职化依据/);
    expect(await count(`SELECT count(*)::int AS n FROM posts`)).toBe(posts);
    take(await fire(county, 'appoint', { comment: '考察合格', startDate: today, civilServiceBasis: '县委组织部〔2026〕5号' }));
    expect(s.status).toBe('appointed');
    const [post] = await t.db.query<{ person_id: number; org_id: number; role: string; selection_channel: string; civil_service: boolean; civil_service_date: string }>(
      `SELECT person_id, org_id, role, selection_channel, civil_service, civil_service_date::text FROM posts WHERE id = $1`, [s.postId],
    );
    expect(post).toMatchObject({ person_id: b.person.id, org_id: village, role: 'secretary', selection_channel: 'public_selection', civil_service: true, civil_service_date: today });
    expect(s.timeline.map((e) => e.label)).toEqual(expect.arrayContaining(['乡镇党委申报', '登记报名', '录入联审联查结果', '录入笔试成绩', '录入面试成绩', '考察合格、任职']));
    expect(await audits('public_selection.')).toBeGreaterThanOrEqual(15);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'post.create' AND (summary->>'postId')::bigint = $1`, [s.postId])).toBe(1);
    expectRefused(await fire(county, 'cancel', { comment: '不再需要' }), 409, /已任职/);
  });

  it('lists selections of the scope by stage', async () => {
    const page = (await wuli.get('/api/selections?status=appointed')).json() as SelectionPage;
    expect(page.items.map((x) => x.id)).toContain(s.id);
    expect((await yushe.get(`/api/selections/${s.id}`)).statusCode).toBe(404); // another village's selection
  });
});

describe('换届', () => {
  let board: ElectionBoard;
  let v: ElectionVillage;
  it('a township opens its round with every village pending; a second one for the year is refused', async () => {
    const res = await wuli.post('/api/elections', { townshipId: await orgId(t.db, '五里镇'), year });
    expect(res.statusCode, res.body).toBe(201);
    board = res.json() as ElectionBoard;
    expect(board.villages).toBeGreaterThan(3);
    expect(board).toMatchObject({ done: 0, pending: board.villages });
    expectRefused(await wuli.post('/api/elections', { townshipId: await orgId(t.db, '五里镇'), year }), 409, /已经开始/);
    expectRefused(await wuli.post('/api/elections', { townshipId: await orgId(t.db, '榆舍村'), year }), 400, /乡镇/);
  });

  it('recommend → inspect → elect in order; the results become posts and end the previous secretary\'s term', async () => {
    const yusheId = await orgId(t.db, '榆舍村');
    const row = board.villageList.find((x) => x.org.id === yusheId)!;
    v = (await wuli.get(`/api/election-villages/${row.id}`)).json() as ElectionVillage;
    const [old] = await t.db.query<{ id: number; person_id: number }>(`SELECT id, person_id FROM posts WHERE org_id = $1 AND role = 'secretary' AND end_date IS NULL`, [yusheId]);
    const people = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_id = $1 AND status = 'active' AND id <> $2 ORDER BY id LIMIT 2`, [yusheId, old!.person_id]);
    const [outsider] = await t.db.query<{ id: number }>(`SELECT p.id FROM persons p JOIN orgs o ON o.id = p.org_id WHERE o.name = '尧头村' LIMIT 1`);
    expectRefused(await wuli.post(`/api/election-villages/${v.id}/elect`, { version: v.version, date: today, elected: [1] }), 409, /推荐、考察、选举的顺序/);
    expectRefused(await wuli.post(`/api/election-villages/${v.id}/recommend`, { version: v.version, date: today, candidates: [{ personId: outsider!.id, role: 'secretary' }] }), 400, /本村/);
    expectRefused(await yushe.post(`/api/election-villages/${v.id}/recommend`, { version: v.version, date: today, candidates: [{ personId: people[0]!.id, role: 'secretary' }] }), 403, /.+/);
    let res = await wuli.post(`/api/election-villages/${v.id}/recommend`, { version: v.version, date: today, candidates: [{ personId: people[0]!.id, role: 'secretary' }, { personId: people[1]!.id, role: 'committee_member' }] });
    expect(res.statusCode, res.body).toBe(200);
    v = res.json() as ElectionVillage;
    const [sec, mem] = v.candidates;
    expectRefused(await wuli.post(`/api/election-villages/${v.id}/inspect`, { version: v.version, date: today, results: [{ candidateId: sec!.id, passed: true }] }), 400, /未录入考察结果/);
    res = await wuli.post(`/api/election-villages/${v.id}/inspect`, { version: v.version, date: today, results: [{ candidateId: sec!.id, passed: true }, { candidateId: mem!.id, passed: false, reason: '群众基础弱' }] });
    expect(res.statusCode, res.body).toBe(200);
    v = res.json() as ElectionVillage;
    expectRefused(await wuli.post(`/api/election-villages/${v.id}/elect`, { version: v.version, date: today, elected: [sec!.id, mem!.id] }), 400, /未通过考察/);
    res = await wuli.post(`/api/election-villages/${v.id}/elect`, { version: v.version, date: today, elected: [sec!.id] });
    expect(res.statusCode, res.body).toBe(200);
    v = res.json() as ElectionVillage;
    expect(v.stage).toBe('elected');
    const [post] = await t.db.query<{ person_id: number; selection_channel: string; start_date: string }>(`SELECT person_id, selection_channel, start_date::text FROM posts WHERE id = $1`, [v.candidates[0]!.postId]);
    expect(post).toEqual({ person_id: people[0]!.id, selection_channel: 'elected', start_date: today });
    const [ended] = await t.db.query<{ end_date: string }>(`SELECT end_date::text FROM posts WHERE id = $1`, [old!.id]);
    expect(ended!.end_date).toBe(plusDays(today, -1));
    expect(await audits('election.')).toBe(4);
  });

  it('the township\'s progress board counts the village done', async () => {
    const b = (await wuli.get(`/api/elections/${board.id}`)).json() as ElectionBoard;
    expect(b).toMatchObject({ done: 1, pending: board.villages - 1 });
    expect(b.villageList.find((x) => x.id === v.id)?.stage).toBe('elected');
    // a station opens its township's board, read-only, with its own villages only
    const station = await t.as('yushe.station');
    const [st] = await t.db.query<{ path: string }>(`SELECT o.path FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.username = 'yushe.station'`);
    const res = await station.get(`/api/elections/${board.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const sb = res.json() as ElectionBoard;
    const mine = await count(`SELECT count(*)::int AS n FROM orgs WHERE path LIKE $1 AND type IN ('village', 'community') AND status = 'active'`, [`${st!.path}%`]);
    expect(sb.villageList.length).toBe(mine);
    expect(sb.villageList.length).toBeLessThan(board.villages);
    expect(sb).toMatchObject({ villages: mine, done: 1, pending: mine - 1 });
    expect(sb.villageList.find((x) => x.id === v.id)?.stage).toBe('elected');
    const list = (await station.get(`/api/elections?year=${year}`)).json() as { items: { id: number; villages: number }[] };
    expect(list.items.find((x) => x.id === board.id)?.villages).toBe(mine);
    // read-only: the stages are the township's to move
    const other = sb.villageList.find((x) => x.stage === 'pending')!;
    expect((await station.post(`/api/election-villages/${other.id}/recommend`, { version: other.version, date: today, candidates: [{ personId: 1, role: 'secretary' }] })).statusCode).toBe(403);
    const own = (await station.get(`/api/election-villages/${v.id}`)).json() as ElectionVillage;
    expect(own.stage).toBe('elected');
  });

  it('marks the secretary\'s post 一肩挑 when the village director elected is also the secretary', async () => {
    const stepThrough = async (villageId: number, candidates: { personId: number; role: string }[]) => {
      let cur = (await wuli.get(`/api/election-villages/${villageId}`)).json() as ElectionVillage;
      let res = await wuli.post(`/api/election-villages/${cur.id}/recommend`, { version: cur.version, date: today, candidates });
      expect(res.statusCode, res.body).toBe(200);
      cur = res.json() as ElectionVillage;
      res = await wuli.post(`/api/election-villages/${cur.id}/inspect`, { version: cur.version, date: today, results: cur.candidates.map((k) => ({ candidateId: k.id, passed: true })) });
      expect(res.statusCode, res.body).toBe(200);
      cur = res.json() as ElectionVillage;
      res = await wuli.post(`/api/election-villages/${cur.id}/elect`, { version: cur.version, date: today, elected: cur.candidates.map((k) => k.id) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as ElectionVillage;
    };
    const pending = board.villageList.filter((x) => x.id !== v.id && x.stage === 'pending');
    // one person elected secretary and director in the same election
    const [a, b] = pending;
    const [pa] = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_id = $1 AND status = 'active' AND id NOT IN (SELECT person_id FROM posts WHERE org_id = $1) ORDER BY id LIMIT 1`, [a!.org.id]);
    const ea = await stepThrough(a!.id, [{ personId: pa!.id, role: 'secretary' }, { personId: pa!.id, role: 'village_director' }]);
    const secA = ea.candidates.find((k) => k.role === 'secretary')!;
    const dirA = ea.candidates.find((k) => k.role === 'village_director')!;
    const flags = async (ids: number[]) => (await t.db.query<{ id: number; concurrent: boolean }>(`SELECT id, concurrent FROM posts WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids])).map((r) => [Number(r.id), r.concurrent]);
    expect(await flags([secA.postId!, dirA.postId!])).toEqual([[secA.postId, true], [dirA.postId, false]]);
    // the sitting secretary (not up for election) elected director: the secretary's post is marked
    const [sitting] = await t.db.query<{ id: number; person_id: number }>(`SELECT id, person_id FROM posts WHERE org_id = $1 AND role = 'secretary' AND end_date IS NULL`, [b!.org.id]);
    expect(sitting).toBeTruthy();
    await t.db.query(`UPDATE posts SET concurrent = false WHERE id = $1`, [sitting!.id]);
    await t.db.query(`UPDATE posts SET end_date = $2 WHERE org_id = $1 AND role = 'village_director' AND end_date IS NULL`, [b!.org.id, plusDays(today, -1)]);
    await stepThrough(b!.id, [{ personId: Number(sitting!.person_id), role: 'village_director' }]);
    expect(await flags([sitting!.id])).toEqual([[Number(sitting!.id), true]]);
  });
});

describe('结对培养', () => {
  let committee: { id: number }[];
  let mentee: number;
  let pair: MentoringDetail;
  it('pairs a young cadre with committee members, many-to-one; a one-to-one pair takes one mentor', async () => {
    committee = await t.db.query<{ id: number }>(`SELECT p.person_id AS id FROM posts p JOIN orgs o ON o.id = p.org_id WHERE o.name = '五里镇' AND p.role = 'township_committee_member' AND p.end_date IS NULL ORDER BY p.id LIMIT 2`);
    expect(committee.length).toBe(2);
    const person = (await yushe.post('/api/people', { name: '青年干部甲', gender: 'female', orgId: await orgId(t.db, '榆舍村'), birthDate: '1998-06-01' })).json() as { id: number };
    mentee = person.id;
    expect((await wuli.post('/api/posts', { personId: mentee, orgId: await orgId(t.db, '榆舍村'), role: 'committee_member', startDate: '2025-01-01' })).statusCode).toBe(201);
    const body = { mode: 'one_to_one', menteeId: mentee, menteeKind: 'young_cadre', startedOn: plusDays(today, -30), mentors: committee.map((c) => ({ personId: c.id, kind: 'committee_member' })) };
    expectRefused(await wuli.post('/api/mentoring', body), 400, /一对一/);
    expectRefused(await wuli.post('/api/mentoring', { ...body, mode: 'many_to_one', menteeKind: 'reserve_cadre' }), 400, /后备干部库/);
    expectRefused(await wuli.post('/api/mentoring', { ...body, mode: 'many_to_one', mentors: [{ personId: committee[0]!.id, kind: 'committee_member' }, { personId: mentee, kind: 'cadre' }] }), 400, /本人/);
    expect(await count(`SELECT count(*)::int AS n FROM mentoring_pairs WHERE mentee_id = $1`, [mentee])).toBe(0);
    const res = await wuli.post('/api/mentoring', { ...body, mode: 'many_to_one', goal: '一年内能独立主持村务' });
    expect(res.statusCode, res.body).toBe(201);
    pair = res.json() as MentoringDetail;
    expect(pair).toMatchObject({ mode: 'many_to_one', mentee: { id: mentee }, org: { name: '五里镇' } });
    expectRefused(await wuli.post('/api/mentoring', { ...body, mode: 'many_to_one' }), 409, /已有结对/);
  });

  it('records contacts with date, way and content; not before the pairing', async () => {
    expectRefused(await wuli.post(`/api/mentoring/${pair.id}/contacts`, { contactedOn: plusDays(today, -60), way: 'talk', content: '谈心' }), 400, /不能早于结对日期/);
    expectRefused(await wuli.post(`/api/mentoring/${pair.id}/contacts`, { contactedOn: today, way: 'talk', content: '   ' }), 400, /不能为空/);
    const res = await wuli.post(`/api/mentoring/${pair.id}/contacts`, { contactedOn: today, way: 'practice', content: '带岗处理土地纠纷调解' });
    expect(res.statusCode, res.body).toBe(201);
    pair = res.json() as MentoringDetail;
    expect(pair.contactList).toEqual([expect.objectContaining({ contactedOn: today, way: 'practice' })]);
    expect(await audits('mentoring.')).toBe(2);
  });

  it('counts per township, and each person\'s pairs as mentor or mentee', async () => {
    const sum = (await wuli.get('/api/mentoring/summary')).json() as MentoringSummary;
    const row = sum.rows.find((r) => r.org.name === '五里镇')!;
    expect(row).toMatchObject({ pairs: expect.any(Number), contacts: expect.any(Number) });
    const sql = await count(`SELECT count(*)::int AS n FROM mentoring_pairs m JOIN orgs o ON o.id = m.org_id WHERE o.name = '五里镇'`);
    expect(row.pairs).toBe(sql);
    expect(row.manyToOne + row.oneToOne).toBe(sql);
    for (const id of [mentee, committee[0]!.id]) {
      const page = (await wuli.get(`/api/mentoring?personId=${id}`)).json() as MentoringPage;
      expect(page.items.map((p) => p.id)).toContain(pair.id);
    }
  });
});
