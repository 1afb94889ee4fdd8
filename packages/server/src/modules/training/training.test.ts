// 教育培训 through the API: the county's menu categories and a township's course, a session for a
// village's Party members with attendance ticked from the roster (a person outside the target group
// refused in Chinese, nothing changed), person-times counted, the person's record, 书记讲党课 linked to
// the 党课 meeting organizational life already holds (never entered twice), 三个讲一次, and the
// coverage of heads and members rolled up per township — every change audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonTrainingRecord, TrainingCourse, TrainingCoverage, TrainingRoster, TrainingSessionDetail, TrainingSessionPage, TrainingTalk } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { plusDays, todayInChina } from '../../core/calendar.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let yushe: Client;
let yusheId: number;
let wuliId: number;
let categoryId: number;
let course: TrainingCourse;
const today = todayInChina();
const year = Number(today.slice(0, 4));

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;
const audits = (action: string) => count(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]);

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, yushe] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe')]);
  yusheId = await orgId(t.db, '榆舍村');
  wuliId = await orgId(t.db, '五里镇');
  const cat = await county.post('/api/training/categories', { name: '基层治理（测试）' });
  expect(cat.statusCode, cat.body).toBe(201);
  categoryId = cat.json().id;
  const res = await wuli.post('/api/training/courses', { topic: '村级“三务”公开实务', categoryId, lecturer: '镇党委组织委员', mode: 'mobile', hours: 2 });
  expect(res.statusCode, res.body).toBe(201);
  course = res.json() as TrainingCourse;
});
afterAll(() => t.close());

/** Two Party members of 榆舍村 and one villager who is not a member. */
async function yushePeople() {
  const members = (await yushe.get(`/api/people?orgId=${yusheId}&memberStatus=member&status=active&pageSize=5`)).json().items as { id: number; name: string }[];
  const created = await yushe.post('/api/people', { name: '培训测试群众', gender: 'male', orgId: yusheId, birthDate: '1980-03-01' });
  expect(created.statusCode, created.body).toBe(201);
  return { a: members[0]!, b: members[1]!, villager: { id: created.json().id as number, name: '培训测试群众' } };
}

describe('the catalogue', () => {
  it('lets only the county set menu categories, and refuses a duplicate in Chinese', async () => {
    expect((await wuli.post('/api/training/categories', { name: '乡镇自设' })).statusCode).toBe(403);
    const dup = await county.post('/api/training/categories', { name: '基层治理（测试）' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain('已有类别');
  });

  it('opens one category by id for every account of the county, with its courses counted; another county’s answers 404', async () => {
    const one = await yushe.get(`/api/training/categories/${categoryId}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toEqual({ id: categoryId, name: '基层治理（测试）', courses: 1 });
    const [other] = await t.db.query<{ id: number }>(`INSERT INTO orgs (county_id, parent_id, type, name, path, depth) VALUES (NULL, NULL, 'county', '邻县培训', '/tmp-training/', 0) RETURNING id`);
    await t.db.query(`UPDATE orgs SET path = $1, county_id = id WHERE id = $2`, [`/${other!.id}/`, other!.id]);
    const [foreign] = await t.db.query<{ id: number }>(`INSERT INTO training_categories (county_id, name) VALUES ($1, '邻县类别') RETURNING id`, [other!.id]);
    expect((await county.get(`/api/training/categories/${foreign!.id}`)).statusCode).toBe(404);
  });

  it('shows a township course to its villages but not to the sibling township, and keeps catalogues to the county and townships', async () => {
    expect((await yushe.get(`/api/training/courses/${course.id}`)).statusCode).toBe(200);
    const list = (await yushe.get('/api/training/courses?mode=mobile&pageSize=200')).json();
    expect(list.items.map((c: { id: number }) => c.id)).toContain(course.id);
    const village = await yushe.post('/api/training/courses', { topic: '村里自己的课', categoryId, lecturer: '书记', mode: 'site', hours: 1 });
    expect(village.statusCode).toBe(400);
    expect(village.json().message).toContain('课程目录由县委组织部或乡镇党委设置');
    const noCategory = await wuli.post('/api/training/courses', { topic: '无类别', categoryId: 999999, lecturer: '某', mode: 'site', hours: 1 });
    expect(noCategory.statusCode).toBe(400);
  });
});

describe('a session and its attendance', () => {
  it('ticks members from the roster, refuses a person outside the target group, and counts person-times', async () => {
    const { a, b, villager } = await yushePeople();
    const made = await wuli.post('/api/training/sessions', { courseId: course.id, orgId: wuliId, heldOn: today, place: '榆舍村党群服务中心', targetOrgId: yusheId, groups: ['member'] });
    expect(made.statusCode, made.body).toBe(201);
    const s = made.json() as TrainingSessionDetail;
    expect(s).toMatchObject({ personTimes: 0, target: { id: yusheId }, groups: ['member'], course: { topic: '村级“三务”公开实务', mode: 'mobile' } });

    const roster = (await yushe.get(`/api/training/sessions/${s.id}/roster`)).statusCode;
    // the session is the township's: the village does not see it
    expect(roster).toBe(404);
    const r = (await wuli.get(`/api/training/sessions/${s.id}/roster`)).json() as TrainingRoster;
    expect(r.people.map((p) => p.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(r.people.some((p) => p.id === villager.id)).toBe(false);

    for (const p of [a, b]) {
      const res = await wuli.post(`/api/training/sessions/${s.id}/attendance`, { personId: p.id, present: true });
      expect(res.statusCode, res.body).toBe(200);
    }
    // a second tap on the same person changes nothing
    expect((await wuli.post(`/api/training/sessions/${s.id}/attendance`, { personId: a.id, present: true })).json().personTimes).toBe(2);

    const before = await count(`SELECT count(*)::int AS n FROM training_attendance WHERE session_id = $1`, [s.id]);
    const refused = await wuli.post(`/api/training/sessions/${s.id}/attendance`, { personId: villager.id, present: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('培训测试群众不在本期培训的对象范围内');
    expect(refused.json().message).toContain('党员');
    expect(await count(`SELECT count(*)::int AS n FROM training_attendance WHERE session_id = $1`, [s.id])).toBe(before);

    // someone of another township is not even seen
    const peng = await orgId(t.db, '彭镇');
    const [stranger] = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_path LIKE (SELECT path FROM orgs WHERE id = $1) || '%' LIMIT 1`, [peng]);
    const outside = await wuli.post(`/api/training/sessions/${s.id}/attendance`, { personId: stranger!.id, present: true });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toContain('不在您的管辖范围内');

    const detail = (await wuli.get(`/api/training/sessions/${s.id}`)).json() as TrainingSessionDetail;
    expect(detail.personTimes).toBe(2);
    expect(detail.attendees.map((x) => x.name).sort()).toEqual([a.name, b.name].sort());

    // untick: person-times follow the records
    const off = (await wuli.post(`/api/training/sessions/${s.id}/attendance`, { personId: b.id, present: false })).json() as TrainingRoster;
    expect(off.personTimes).toBe(1);
    expect(await audits('training.attend')).toBe(2);
    expect(await audits('training.unattend')).toBe(1);

    const page = (await wuli.get(`/api/training/sessions?from=${today}&to=${today}`)).json() as TrainingSessionPage;
    expect(page.items.find((x) => x.id === s.id)?.personTimes).toBe(1);
    expect(page.personTimes).toBeGreaterThanOrEqual(1);

    // the person's record on their page
    const rec = (await yushe.get(`/api/training/people/${a.id}`)).json() as PersonTrainingRecord;
    expect(rec).toMatchObject({ year, sessions: 1, hours: 2 });
    expect(rec.items[0]).toMatchObject({ kind: 'session', title: '村级“三务”公开实务', mode: 'mobile' });
  });

  it('takes a whole sign-in sheet at once (全部到课), all or nothing, and a refusal names the people outside the group', async () => {
    const members = (await yushe.get(`/api/people?orgId=${yusheId}&memberStatus=member&status=active&pageSize=5`)).json().items as { id: number; name: string }[];
    const made = await yushe.post('/api/training/sessions', { courseId: course.id, orgId: yusheId, heldOn: today, place: '村部', targetOrgId: yusheId, groups: ['member'] });
    expect(made.statusCode, made.body).toBe(201);
    const s = made.json() as TrainingSessionDetail;
    const villager = await yushe.post('/api/people', { name: '签到表群众', gender: 'female', orgId: yusheId, birthDate: '1979-05-01' });
    expect(villager.statusCode, villager.body).toBe(201);
    const peng = await orgId(t.db, '彭镇');
    const [stranger] = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_path LIKE (SELECT path FROM orgs WHERE id = $1) || '%' LIMIT 1`, [peng]);
    const attended = () => count(`SELECT count(*)::int AS n FROM training_attendance WHERE session_id = $1`, [s.id]);
    const auditsBefore = await audits('training.attend');

    // one person outside the group refuses the whole sheet, naming them; nothing is ticked
    const refused = await yushe.post(`/api/training/sessions/${s.id}/attendance/sheet`, { personIds: [members[0]!.id, members[1]!.id, villager.json().id, stranger!.id] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('签到表群众不在本期培训的对象范围内');
    expect(refused.json().message).toContain('1 人不存在或不在您的管辖范围内');
    expect(refused.json().message).not.toContain(members[0]!.name);
    expect(await attended()).toBe(0);
    expect(await audits('training.attend')).toBe(auditsBefore);

    const okSheet = await yushe.post(`/api/training/sessions/${s.id}/attendance/sheet`, { personIds: members.map((m) => m.id) });
    expect(okSheet.statusCode, okSheet.body).toBe(200);
    const r = okSheet.json() as TrainingRoster;
    expect(r.personTimes).toBe(members.length);
    expect(r.people.filter((p) => p.present).length).toBe(members.length);
    expect(await attended()).toBe(members.length);
    // one audit record for the sheet, and a second sheet of the same people changes nothing
    expect(await audits('training.attend')).toBe(auditsBefore + 1);
    expect((await yushe.post(`/api/training/sessions/${s.id}/attendance/sheet`, { personIds: members.map((m) => m.id) })).json().personTimes).toBe(members.length);
    expect(await audits('training.attend')).toBe(auditsBefore + 1);
    expect((await yushe.post(`/api/training/sessions/${s.id}/attendance/sheet`, { personIds: [] })).statusCode).toBe(400);
  });

  it('refuses a target outside the holding unit, a date-less future tick, and a village holding for the township', async () => {
    const station = await orgId(t.db, '榆舍党建工作站');
    const bad = await yushe.post('/api/training/sessions', { courseId: course.id, orgId: yusheId, heldOn: today, place: '村部', targetOrgId: station, groups: [] });
    expect(bad.statusCode).toBe(400);
    const future = await wuli.post('/api/training/sessions', { courseId: course.id, orgId: wuliId, heldOn: plusDays(today, 10), place: '镇会议室', targetOrgId: yusheId, groups: [] });
    expect(future.statusCode).toBe(201);
    const { a } = await yushePeople();
    const early = await wuli.post(`/api/training/sessions/${future.json().id}/attendance`, { personId: a.id, present: true });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('举行当天起才能勾选到课');
  });

  it('takes 两委 cadres from their posts when the group is 村两委', async () => {
    const [post] = await t.db.query<{ person_id: number }>(`SELECT person_id FROM posts WHERE org_id = $1 AND role = 'secretary' AND end_date IS NULL LIMIT 1`, [yusheId]);
    const s = (await yushe.post('/api/training/sessions', { courseId: course.id, orgId: yusheId, heldOn: today, place: '村部', targetOrgId: yusheId, groups: ['committee'] })).json() as TrainingSessionDetail;
    const r = (await yushe.get(`/api/training/sessions/${s.id}/roster`)).json() as TrainingRoster;
    expect(r.people.find((p) => p.id === post!.person_id)?.groups).toContain('committee');
    expect(r.people.every((p) => p.groups.includes('committee'))).toBe(true);
  });
});

describe('书记讲党课 and 三个讲一次', () => {
  it('links a 党课 meeting organizational life recorded, and refuses entering it twice', async () => {
    const [sec] = await t.db.query<{ person_id: number }>(`SELECT person_id FROM posts WHERE org_id = $1 AND role = 'secretary' AND end_date IS NULL LIMIT 1`, [yusheId]);
    const roster = (await yushe.get(`/api/orglife/units/${yusheId}/roster`)).json() as { members: { id: number }[] };
    const meeting = await yushe.post('/api/orglife/meetings', {
      orgId: yusheId, typeCode: 'party_lecture', heldOn: today, place: '村部', host: '书记', topic: '学习党章', bySecretary: true,
      attendees: roster.members.slice(0, 3).map((m) => ({ personId: m.id, present: true })),
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const meetingId = meeting.json().id as number;

    // typed again by hand: refused, pointing at the meeting
    const typed = await yushe.post('/api/training/talks', { kind: 'secretary_lecture', speakerId: sec!.person_id, orgId: yusheId, heldOn: today, topic: '学习党章' });
    expect(typed.statusCode).toBe(409);
    expect(typed.json().message).toContain('请关联该会议记录');

    const linked = await yushe.post('/api/training/talks', { kind: 'secretary_lecture', speakerId: sec!.person_id, meetingId });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json() as TrainingTalk).toMatchObject({ meetingId, topic: '学习党章', heldOn: today, org: { id: yusheId } });
    const again = await yushe.post('/api/training/talks', { kind: 'secretary_lecture', speakerId: sec!.person_id, meetingId });
    expect(again.statusCode).toBe(409);
    expect(await count(`SELECT count(*)::int AS n FROM training_talks WHERE meeting_id = $1`, [meetingId])).toBe(1);
  });

  it('asks the lecturer to hold a secretary post, and a 三个讲一次 talk to name its item', async () => {
    const { villager } = await yushePeople();
    const notSec = await yushe.post('/api/training/talks', { kind: 'secretary_lecture', speakerId: villager.id, orgId: yusheId, heldOn: plusDays(today, -1), topic: '党课' });
    expect(notSec.statusCode).toBe(400);
    expect(notSec.json().message).toContain('书记讲党课须由书记讲授');
    const noItem = await yushe.post('/api/training/talks', { kind: 'three_talks', speakerId: villager.id, orgId: yusheId, heldOn: today, topic: '心得' });
    expect(noItem.statusCode).toBe(400);
    const ok = await yushe.post('/api/training/talks', { kind: 'three_talks', speakerId: villager.id, orgId: yusheId, heldOn: today, topic: '干好业务最重要的一点经验', item: 'experience' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await yushe.get(`/api/training/talks/${ok.json().id}`)).json()).toMatchObject({ kind: 'three_talks', item: 'experience', speaker: { id: villager.id } });
    expect((await yushe.get(`/api/training/people/${villager.id}`)).json()).toMatchObject({ talks: 1 });
  });
});

describe('coverage', () => {
  it('counts heads and members trained this year per unit below, and the county total equals its townships', async () => {
    const board = (await county.get(`/api/training/coverage?year=${year}`)).json() as TrainingCoverage;
    const wuliRow = board.children.find((c) => c.org.id === wuliId)!;
    expect(wuliRow.membersTrained).toBeGreaterThanOrEqual(1);
    expect(wuliRow.members).toBeGreaterThan(wuliRow.membersTrained);
    expect(wuliRow.heads).toBeGreaterThan(0);
    for (const k of ['heads', 'members', 'membersTrained', 'headsTrained', 'personTimes'] as const) {
      expect(board.children.reduce((s, c) => s + c[k], board.own[k])).toBe(board.total[k]);
    }
    // drill down to the township's units: the same numbers
    const down = (await county.get(`/api/training/coverage?orgId=${wuliId}&year=${year}`)).json() as TrainingCoverage;
    expect(down.total).toEqual({ heads: wuliRow.heads, headsTrained: wuliRow.headsTrained, members: wuliRow.members, membersTrained: wuliRow.membersTrained, sessions: wuliRow.sessions, personTimes: wuliRow.personTimes });
    const members = await count(`SELECT count(*)::int AS n FROM persons WHERE org_path LIKE (SELECT path FROM orgs WHERE id = $1) || '%' AND status = 'active' AND member_status IN ('formal', 'probationary')`, [wuliId]);
    expect(down.total.members).toBe(members);
    // the sibling township's board is not 五里镇's to read
    expect((await wuli.get(`/api/training/coverage?orgId=${await orgId(t.db, '彭镇')}`)).statusCode).toBe(404);
  });
});
