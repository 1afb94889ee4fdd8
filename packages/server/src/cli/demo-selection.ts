// The demo's 公开选拔 · 换届 · 结对培养 (seed 001 头雁工程; seed 002 换届): a public selection at each
// stage, from a township's application to one appointed with 公职化; 五里镇's election round about
// half done (two stations' villages elected, others inspected or recommended, 榆舍站's pending);
// 五里镇's committee members mentoring young cadres, reserve cadres and development targets,
// one-to-one and many-to-one, with contacts. Everything goes through the services.
import type { Db } from '../db/db.js';
import type { PiiCipher } from '../core/pii.js';
import type { SelectionState } from '@lianxin/contract';
import { plusDays, todayInChina } from '../core/calendar.js';
import { createPeopleService } from '../modules/people/index.js';
import { createSelectionService } from '../modules/selection/index.js';
import { demoActor } from './demo-actor.js';

const orgNamed = async (db: Db, name: string) => Number((await db.query<{ id: number }>(`SELECT id FROM orgs WHERE name = $1 ORDER BY id LIMIT 1`, [name]))[0]!.id);

/** The selections: the village, the stage it has reached, and its candidates (name, gender, birth, home village). */
const SELECTIONS: { village: string; role: 'secretary' | 'first_secretary'; civilService: boolean; stage: SelectionState }[] = [
  { village: '宋家村', role: 'secretary', civilService: true, stage: 'applied' },
  { village: '马洼村', role: 'first_secretary', civilService: false, stage: 'registration' },
  { village: '石堡村', role: 'first_secretary', civilService: false, stage: 'vetting' },
  { village: '高楼河村', role: 'first_secretary', civilService: false, stage: 'written' },
  { village: '坡底村', role: 'first_secretary', civilService: false, stage: 'interview' },
  { village: '川口村', role: 'first_secretary', civilService: false, stage: 'inspection' },
  { village: '杨树村', role: 'first_secretary', civilService: true, stage: 'appointed' },
];
/** Three applicants for each selection (fictional names): given name, gender, birth date, education. */
const NAMES = ['贺文博', '雷晓燕', '党志刚', '孙浩然', '王丽娟', '刘建军', '赵鹏飞', '杨雪梅', '李振华', '张宇航', '陈静怡', '马国栋',
  '冯晨阳', '高慧敏', '韩立新', '惠子豪', '姚婷婷', '郭永强', '师嘉乐', '屈美玲', '任海波'];
const CANDIDATES = [
  { gender: 'male', birthDate: '1991-04-12', education: 'bachelor' },
  { gender: 'female', birthDate: '1993-09-03', education: 'college' },
  { gender: 'male', birthDate: '1988-01-20', education: 'college' },
] as const;
const ORDER: SelectionState[] = ['applied', 'registration', 'vetting', 'written', 'interview', 'inspection', 'appointed'];

export async function loadDemoSelection(db: Db, pii: PiiCipher) {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const people = createPeopleService({ db, pii });
  const selection = createSelectionService({ db, people });
  const [wuli, county] = await Promise.all([demoActor(db, 'wuli'), demoActor(db, 'county')]);

  // ---- 公开选拔: one at each stage ----
  const reached: Partial<Record<SelectionState, number>> = {};
  for (const [n, plan] of SELECTIONS.entries()) {
    const village = await orgNamed(db, plan.village);
    // a first secretary's post must be free: the selection fills a village that has none
    const [held] = await db.query<{ id: number }>(`SELECT id FROM posts WHERE org_id = $1 AND role = $2 AND end_date IS NULL`, [village, plan.role]);
    if (held && plan.stage === 'appointed') await people.endPost(county, held.id, plusDays(today, -30));
    let s = await selection.apply(plan.village === '宋家村' || plan.village === '高楼河村' || plan.village === '杨树村' ? wuli : county, {
      orgId: village, role: plan.role, civilService: plan.civilService,
      conditions: '中共党员，35周岁以下，大专及以上学历，有2年以上农村工作经历，群众基础好',
    });
    const at = (stage: SelectionState) => ORDER.indexOf(plan.stage) >= ORDER.indexOf(stage);
    const fire = async (name: Parameters<typeof selection.fire>[2], extra: Record<string, unknown> = {}) => {
      s = await selection.fire(county, s.id, name, { version: s.version, ...extra });
    };
    if (at('registration')) {
      await fire('open_registration', { comment: '县委组织部发布公开选拔公告' });
      for (const [i, c] of CANDIDATES.entries()) {
        if (plan.stage === 'registration' && i === 2) break;
        s = await selection.register(county, s.id, { version: s.version, registeredOn: plusDays(today, -20 + i), person: { ...c, name: NAMES[n * 3 + i]!, orgId: village } });
      }
    }
    if (at('vetting')) {
      await fire('start_vetting');
      const [a, b, c] = s.candidateList;
      s = await selection.vet(county, s.id, a!.id, { version: s.version, passed: true });
      if (plan.stage !== 'vetting') {
        s = await selection.vet(county, s.id, b!.id, { version: s.version, passed: true });
        s = await selection.vet(county, s.id, c!.id, { version: s.version, passed: false, reason: '不符合“2年以上农村工作经历”条件' });
      }
    }
    if (at('written')) {
      await fire('start_written');
      const [a, b] = s.candidateList;
      s = await selection.score(county, s.id, a!.id, { version: s.version, score: 84.5 });
      if (plan.stage !== 'written') s = await selection.score(county, s.id, b!.id, { version: s.version, score: 79 });
    }
    if (at('interview')) {
      await fire('start_interview');
      const [a, b] = s.candidateList;
      s = await selection.score(county, s.id, a!.id, { version: s.version, score: 88 });
      if (plan.stage !== 'interview') s = await selection.score(county, s.id, b!.id, { version: s.version, score: 82.5 });
    }
    if (at('inspection')) await fire('start_inspection', { candidateId: s.candidateList[0]!.id, comment: '综合成绩第一' });
    if (at('appointed')) {
      await fire('appoint', { comment: '考察组走访党员群众32人，考察合格', startDate: plusDays(today, -7), civilServiceBasis: '县委组织部公开选拔公职化村党组织书记（第一书记）' });
    }
    reached[plan.stage] = s.id;
  }

  // ---- 换届: 五里镇's round, about half done ----
  const board = await selection.openRound(wuli, { townshipId: await orgNamed(db, '五里镇'), year });
  const stationOf = async (villageId: number) => (await db.query<{ name: string }>(`SELECT s.name FROM orgs v JOIN orgs s ON s.id = v.parent_id WHERE v.id = $1`, [villageId]))[0]!.name;
  const counts = { elected: 0, inspected: 0, recommended: 0 };
  for (const v of board.villageList) {
    const station = await stationOf(v.org.id);
    const stage = station.startsWith('新村') || station.startsWith('解家塬') ? 'elected' : station.startsWith('五里') ? (v.org.name === '五里村' || v.org.name === '咀头村' ? 'inspected' : 'recommended') : 'pending';
    if (stage === 'pending') continue;
    // the incumbent deputy secretary stands again (secretaries, mostly 一肩挑, are left for their own
    // term here), with one newcomer for the committee
    const [dep] = await db.query<{ person_id: number }>(`SELECT person_id FROM posts WHERE org_id = $1 AND role = 'deputy_secretary' AND end_date IS NULL ORDER BY id LIMIT 1`, [v.org.id]);
    const [newcomer] = await db.query<{ id: number }>(
      `SELECT p.id FROM persons p WHERE p.org_id = $1 AND p.status = 'active' AND p.member_status IS NOT NULL AND NOT EXISTS (SELECT 1 FROM posts x WHERE x.person_id = p.id AND x.end_date IS NULL) ORDER BY p.id LIMIT 1`,
      [v.org.id],
    );
    if (!dep || !newcomer) continue;
    let row = await selection.recommend(wuli, v.id, { version: v.version, date: plusDays(today, -40), candidates: [{ personId: dep.person_id, role: 'deputy_secretary' }, { personId: newcomer.id, role: 'committee_member' }] });
    if (stage === 'recommended') { counts.recommended++; continue; }
    const [a, b] = row.candidates;
    row = await selection.inspect(wuli, v.id, { version: row.version, date: plusDays(today, -25), results: [{ candidateId: a!.id, passed: true }, { candidateId: b!.id, passed: stage === 'elected', reason: stage === 'elected' ? undefined : '群众推荐票未过半' }] });
    if (stage === 'inspected') { counts.inspected++; continue; }
    // 差额选举: the newcomer passed the inspection but was not elected; the deputy secretary was re-elected
    await selection.elect(wuli, v.id, { version: row.version, date: plusDays(today, -10), elected: [a!.id] });
    counts.elected++;
  }

  // ---- 结对培养: 五里镇's committee members and cadres ----
  const committee = await db.query<{ id: number }>(
    `SELECT p.person_id AS id FROM posts p JOIN orgs o ON o.id = p.org_id WHERE o.name = '五里镇' AND p.role = 'township_committee_member' AND p.end_date IS NULL ORDER BY p.id`,
  );
  const yushe = await orgNamed(db, '榆舍村');
  const mentees: { id: number; kind: 'young_cadre' | 'reserve_cadre' | 'development_target' }[] = [];
  for (const [i, name] of ['王一鸣', '杜佳琪'].entries()) {
    const id = await db.transaction((tx) => people.createIn(tx, wuli, { name, gender: i ? 'female' : 'male', birthDate: i ? '1998-02-14' : '1996-07-30', orgId: yushe, memberStatus: 'formal', joinDate: '2019-06-28', fullDate: '2020-06-28', education: 'bachelor' }));
    await people.addPost(wuli, { personId: id, orgId: yushe, role: 'committee_member', startDate: plusDays(today, -300), selectionChannel: 'college_graduate' });
    mentees.push({ id, kind: 'young_cadre' });
  }
  const reserve = await db.query<{ id: number }>(
    `SELECT r.person_id AS id FROM reserve_cadres r JOIN orgs t ON r.org_path LIKE t.path || '%' WHERE t.name = '五里镇' AND r.status = 'active' ORDER BY r.id LIMIT 2`,
  );
  mentees.push(...reserve.map((r) => ({ id: Number(r.id), kind: 'reserve_cadre' as const })));
  const targets = await db.query<{ id: number }>(
    `SELECT p.id FROM persons p JOIN orgs t ON p.org_path LIKE t.path || '%' WHERE t.name = '五里镇' AND p.status = 'active' AND p.member_status IS NULL
        AND p.birth_date > ($1::date - interval '40 years') AND NOT EXISTS (SELECT 1 FROM reserve_cadres r WHERE r.person_id = p.id) ORDER BY p.id LIMIT 1`,
    [today],
  );
  mentees.push(...targets.map((r) => ({ id: Number(r.id), kind: 'development_target' as const })));
  const WAYS = ['talk', 'practice', 'visit'] as const;
  const CONTENT = ['谈心谈话，了解思想和工作困难', '带岗参与村级产业项目推进会', '一同入户走访困难群众，讲解民情日记写法'];
  let pairs = 0;
  for (const [i, m] of mentees.entries()) {
    const many = i % 2 === 1 && committee.length >= 2;
    const mentors = many
      ? [{ personId: Number(committee[i % committee.length]!.id), kind: 'committee_member' as const }, { personId: Number(committee[(i + 1) % committee.length]!.id), kind: 'committee_member' as const }]
      : [{ personId: Number(committee[i % committee.length]!.id), kind: 'committee_member' as const }];
    const pair = await selection.createPair(wuli, { mode: many ? 'many_to_one' : 'one_to_one', menteeId: m.id, menteeKind: m.kind, mentors, startedOn: plusDays(today, -120), goal: '一年内熟悉村级事务，能独立主持一项工作' });
    for (let k = 0; k <= i % 3; k++) {
      await selection.addContact(wuli, pair.id, { contactedOn: plusDays(today, -90 + k * 30), way: WAYS[k]!, content: CONTENT[k]! });
    }
    pairs++;
  }
  return { selections: Object.keys(reached).length, election: { villages: board.villages, ...counts }, pairs };
}
