// The demo's 教育培训 for 宜君县, the figures of seed 002 (商州区: 6 district trainings / 685 person-
// times, 书记讲党课 175, 流动课堂 76, with 284 first secretaries ≈ its villages) scaled to 宜君's 117
// villages (× 117/284 ≈ 0.41): 3 county trainings with about 280 person-times, 31 流动课堂 held by
// townships in their villages, 72 书记讲党课 — each linked to the 党课 its branch already recorded in
// organizational life (nothing typed twice) — and a dozen 三个讲一次 talks. Everything goes through
// the training service, as the county's and townships' staff would enter it; attendance is ticked
// from each session's roster, so person-times are counted, never typed.
import type { Db } from '../db/db.js';
import type { PiiCipher } from '../core/pii.js';
import type { ThreeTalkItem, TrainingGroup, TrainingMode } from '@lianxin/contract';
import { todayInChina } from '../core/calendar.js';
import { createPeopleService } from '../modules/people/index.js';
import { createDevelopmentService } from '../modules/cadres/index.js';
import { createOrglifeService } from '../modules/orglife/index.js';
import { createTrainingService } from '../modules/training/index.js';
import { demoActor } from './demo-actor.js';

export const DEMO_CATEGORIES = ['理想信念教育', '党章党规党纪', '乡村振兴与产业发展', '基层治理与村级事务', '发展党员与党员管理', '群众工作方法'];

const COURSES: { key: string; topic: string; category: number; lecturer: string; mode: TrainingMode; hours: number }[] = [
  { key: 'heads', topic: '村级“三委”负责人能力提升培训', category: 3, lecturer: '县委党校讲师团', mode: 'concentrated', hours: 16 },
  { key: 'skills', topic: '党员专业技术技能培训：苹果矮化密植栽培', category: 2, lecturer: '县果业中心高级农艺师', mode: 'concentrated', hours: 8 },
  { key: 'reserve', topic: '后备干部和入党积极分子培训班', category: 4, lecturer: '县委组织部组织股', mode: 'concentrated', hours: 12 },
  { key: 'mobile', topic: '流动课堂：村级“三务”公开和“四议两公开”实务', category: 3, lecturer: '专家教授讲师团', mode: 'mobile', hours: 2 },
  { key: 'site', topic: '党建示范点现场观摩', category: 0, lecturer: '示范村党支部书记', mode: 'site', hours: 4 },
  { key: 'home', topic: '送学上门：老党员学习党的二十届四中全会精神', category: 1, lecturer: '镇包村干部', mode: 'delivered', hours: 1 },
];

const TALK_TOPICS: Record<ThreeTalkItem, string[]> = {
  quote: ['“江山就是人民，人民就是江山”', '“为民造福是最大政绩”', '“幸福都是奋斗出来的”', '“空谈误国，实干兴邦”'],
  experience: ['群众的事情一件一件记在民情日记上', '产业项目先算清账再上会商议', '开会前先到户里听听意见', '“三务”公开的账要让老人也看得懂'],
  habit: ['遇事先打电话，不如先跑一趟', '材料写得多，地里去得少', '会议开得长，落实盯得松', '等上级安排，不主动谋划'],
};

export async function loadDemoTraining(db: Db, pii: PiiCipher): Promise<{ countySessions: number; countyPersonTimes: number; mobile: number; lectures: number; talks: number }> {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const people = createPeopleService({ db, pii });
  const development = createDevelopmentService({ db, people });
  const orglife = createOrglifeService({ db, roster: async () => [] });
  const training = createTrainingService({ db, people, development, orglife, today: () => today });
  const county = await demoActor(db, 'county');
  const countyId = county.scope.countyId!;

  const categories: number[] = [];
  for (const name of DEMO_CATEGORIES) categories.push((await training.addCategory(county, { name })).id);
  const course = new Map<string, number>();
  for (const c of COURSES) {
    course.set(c.key, (await training.addCourse(county, { topic: c.topic, categoryId: categories[c.category]!, lecturer: c.lecturer, mode: c.mode, hours: c.hours })).id);
  }

  // 3 county trainings this year (seed 002's 6 district trainings scaled), ticked from their rosters
  const month = (m: number, d: number) => `${year}-${String(Math.min(m, Number(today.slice(5, 7)))).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const countyRuns: { course: string; heldOn: string; place: string; groups: TrainingGroup[]; take: number }[] = [
    { course: 'heads', heldOn: month(3, 15), place: '县委党校', groups: ['committee'], take: 110 },
    { course: 'skills', heldOn: month(6, 12), place: '县果业中心培训基地', groups: ['member'], take: 100 },
    { course: 'reserve', heldOn: month(9, 18), place: '县委党校', groups: ['reserve', 'activist', 'member'], take: 72 },
  ];
  let countyPersonTimes = 0;
  for (const r of countyRuns) {
    const s = await training.addSession(county, { courseId: course.get(r.course)!, orgId: countyId, heldOn: r.heldOn > today ? today : r.heldOn, place: r.place, targetOrgId: countyId, groups: r.groups });
    // reserve cadres and activists first, then members, in roster order: a sign-in sheet, not a sample
    const sheet = (roster: { id: number; groups: TrainingGroup[] }[]) => {
      const early = (p: { groups: TrainingGroup[] }) => Number(p.groups.includes('reserve') || p.groups.includes('activist'));
      return [...roster].sort((a, b) => early(b) - early(a)).slice(0, r.take).map((p) => p.id);
    };
    countyPersonTimes += (await training.attendMany(county, s.id, sheet)).personTimes;
  }

  // 31 流动课堂 (76 scaled): a township brings the course to one of its villages, its members attend
  const villages = await db.query<{ id: number; township: number }>(
    `SELECT v.id, t.id AS township FROM orgs v JOIN orgs t ON t.type = 'township' AND v.path LIKE t.path || '%'
      WHERE v.county_id = $1 AND v.type IN ('village', 'community') AND v.status = 'active' ORDER BY v.path`,
    [countyId],
  );
  const months = Math.max(1, Number(today.slice(5, 7)));
  let mobile = 0;
  for (let i = 0; i < villages.length && mobile < 31; i += 3) {
    const v = villages[i]!;
    const heldOn = `${year}-${String(1 + (mobile % months)).padStart(2, '0')}-${String(6 + (mobile % 20)).padStart(2, '0')}`;
    const key = mobile % 5 === 4 ? 'home' : mobile % 7 === 3 ? 'site' : 'mobile';
    const s = await training.addSession(county, { courseId: course.get(key)!, orgId: v.township, heldOn: heldOn > today ? today : heldOn, place: key === 'home' ? '老党员家中' : '村党群服务中心', targetOrgId: v.id, groups: ['member'] });
    const take = key === 'home' ? 3 : 6 + (mobile % 7);
    await training.attendMany(county, s.id, (roster) => roster.slice(0, take).map((p) => p.id));
    mobile++;
  }

  // 72 书记讲党课 (175 scaled): the 党课 each branch's secretary gave, already a meeting of organizational life — linked
  const lectures = await db.query<{ meeting_id: number; person_id: number }>(
    `SELECT DISTINCT ON (m.org_id) m.id AS meeting_id, p.person_id
       FROM meetings m JOIN posts p ON p.org_id = m.org_id AND p.role = 'secretary' AND p.start_date <= m.held_on AND (p.end_date IS NULL OR p.end_date >= m.held_on)
      WHERE m.county_id = $1 AND m.type_code = 'party_lecture' AND m.by_secretary AND m.held_on BETWEEN $2 AND $3
      ORDER BY m.org_id, m.held_on, p.start_date DESC`,
    [countyId, `${year}-01-01`, today],
  );
  let linked = 0;
  for (const l of lectures) {
    if (linked >= 72) break;
    await training.addTalk(county, { kind: 'secretary_lecture', speakerId: l.person_id, meetingId: l.meeting_id });
    linked++;
  }

  // 三个讲一次 (seed 004): 五里镇's village cadres each take one of the three talks
  const wuli = await demoActor(db, 'wuli');
  const speakers = await db.query<{ person_id: number; org_id: number }>(
    `SELECT p.person_id, p.org_id FROM posts p JOIN orgs o ON o.id = p.org_id
      WHERE o.path LIKE $1 AND o.type = 'village' AND p.role IN ('deputy_secretary', 'committee_member', 'village_director') AND p.end_date IS NULL
      ORDER BY o.path, p.role LIMIT 12`,
    [`${wuli.scope.path}%`],
  );
  const items: ThreeTalkItem[] = ['quote', 'experience', 'habit'];
  let talks = 0;
  for (const [i, sp] of speakers.entries()) {
    const item = items[i % 3]!;
    const heldOn = `${year}-${String(1 + (i % months)).padStart(2, '0')}-20`;
    await training.addTalk(wuli, { kind: 'three_talks', speakerId: sp.person_id, orgId: sp.org_id, heldOn: heldOn > today ? today : heldOn, topic: TALK_TOPICS[item][i % 4]!, item });
    talks++;
  }
  return { countySessions: countyRuns.length, countyPersonTimes, mobile, lectures: linked, talks };
}
