// Demo data of the cadre team and the members' path for 宜君县: a few 公职化 secretaries who were
// publicly selected, reserve cadres in training, and applicants at every stage of member
// development in 榆舍村 and two more villages — through the same services a user's clicks use,
// dated relative to today so the intervals hold whenever the demo is loaded; then the county's own
// path (an edition with "131" checkpoints and time limits) and one applicant past a time limit.
import { NATIONAL_DEVELOPMENT_PATH, type DevelopmentTransition } from '@lianxin/contract';
import type { Db } from '../db/db.js';
import type { PiiCipher } from '../core/pii.js';
import { plusDays, todayInChina } from '../core/calendar.js';
import { createPeopleService } from '../modules/people/people.service.js';
import { createDevelopmentService } from '../modules/cadres/development.service.js';
import { createAccountLinkService } from '../modules/accounts/index.js';
import { demoActor } from './demo-actor.js';

/** Applicants: name, gender, birth date, days since applying, and the steps taken (days ago each). */
type Applicant = { name: string; gender: 'male' | 'female'; birth: string; applied: number; steps: [DevelopmentTransition, number, string?][] };
const PLAN: Record<string, Applicant[]> = {
  榆舍村: [
    { name: '张晓雨', gender: 'female', birth: '2001-04-12', applied: 60, steps: [] },
    { name: '李向阳', gender: 'male', birth: '1997-09-03', applied: 240, steps: [['make_activist', 150]] },
    { name: '王思敏', gender: 'female', birth: '1995-11-20', applied: 900, steps: [['make_activist', 800], ['make_target', 400]] },
    { name: '赵建国', gender: 'male', birth: '1992-06-08', applied: 1300, steps: [['make_activist', 1200], ['make_target', 800], ['admit', 350, 'training']] },
  ],
  五里村: [
    { name: '孙丽娟', gender: 'female', birth: '1999-02-14', applied: 30, steps: [] },
    { name: '周志强', gender: 'male', birth: '1994-08-30', applied: 700, steps: [['make_activist', 600]] },
  ],
};

export async function loadDemoCadres(db: Db, pii: PiiCipher): Promise<{ developments: number; civilService: number; linked: number }> {
  const today = todayInChina();
  const people = createPeopleService({ db, pii });
  const development = createDevelopmentService({ db, people });
  const wuli = await demoActor(db, 'wuli');

  // 公职化: the secretaries of two villages, publicly selected (seed 001: 公开选拔公职化村党组织书记)
  const secretaries = await db.query<{ id: number; version: number }>(
    `SELECT p.id, p.version FROM posts p JOIN orgs o ON o.id = p.org_id
      WHERE p.role = 'secretary' AND p.end_date IS NULL AND o.name IN ('榆舍村', '五里村') ORDER BY p.id`,
  );
  for (const s of secretaries) {
    await people.updatePost(wuli, s.id, {
      version: s.version, selectionChannel: 'public_selection', civilService: true, civilServiceDate: plusDays(today, -400),
      civilServiceBasis: '县委组织部公开选拔公职化村党组织书记',
    });
  }

  // 后备干部: the first of the pool in each township was trained this year
  const pool = await db.query<{ id: number; version: number; added_on: string }>(
    `SELECT DISTINCT ON (o.parent_id) r.id, r.version, r.added_on::text AS added_on FROM reserve_cadres r JOIN orgs o ON o.id = r.org_id
      WHERE r.status = 'active' ORDER BY o.parent_id, r.id`,
  );
  for (const r of pool.slice(0, 4)) {
    await db.query(`UPDATE reserve_cadres SET trained_on = $2, training = '村级后备干部能力提升培训班', version = version + 1 WHERE id = $1`, [r.id, plusDays(today, -45)]);
  }

  let developments = 0;
  for (const [village, applicants] of Object.entries(PLAN)) {
    const [org] = await db.query<{ id: number }>(`SELECT id FROM orgs WHERE name = $1 AND type = 'village'`, [village]);
    if (!org) continue;
    for (const a of applicants) {
      const personId = await people.create(wuli, { name: a.name, gender: a.gender, birthDate: a.birth, orgId: org.id, education: 'college' });
      let row = await development.open(wuli, { personId, appliedOn: plusDays(today, -a.applied) });
      for (const [step, daysAgo, training] of a.steps) {
        row = await development.step(wuli, row.id, {
          version: row.version, transition: step, date: plusDays(today, -daysAgo), checks: NATIONAL_DEVELOPMENT_PATH.steps[step].checks,
          ...(training ? { trainingOn: plusDays(today, -daysAgo - 20) } : {}),
        });
      }
      developments++;
    }
  }
  // 县委组织部 sets the county's own path (with "131" checkpoints, seed 004 曲沃: 落实"131"工作法):
  // a new edition after the people above were opened, so they keep the national default and the
  // path page shows both; one applicant opened under it is past the activist step's time limit.
  const county = await demoActor(db, 'county');
  const n = NATIONAL_DEVELOPMENT_PATH.steps;
  await development.savePath(county, {
    edition: (await development.path(county)).edition ?? 0,
    name: '宜君县发展党员流程（含“131”检查点示例）', minAge: 18, trainingRequired: true, warnDays: 30,
    steps: [
      { transition: 'make_activist', minMonths: 0, dueMonths: 6, checks: [...n.make_activist.checks, '“131”：一名支委联系培养（示例）'] },
      { transition: 'make_target', minMonths: 12, dueMonths: null, checks: [...n.make_target.checks, '“131”：三方面意见齐全（示例）'] },
      { transition: 'admit', minMonths: 0, dueMonths: 6, checks: [...n.admit.checks, '“131”：一次县委组织部预审（示例）'] },
      { transition: 'make_full', minMonths: 12, dueMonths: 12, checks: n.make_full.checks },
    ],
  });
  const [wuliVillage] = await db.query<{ id: number }>(`SELECT id FROM orgs WHERE name = '五里村' AND type = 'village'`);
  if (wuliVillage) {
    const personId = await people.create(wuli, { name: '马小川', gender: 'male', birthDate: '2000-10-05', orgId: wuliVillage.id, education: 'college' });
    await development.open(wuli, { personId, appliedOn: plusDays(today, -200) });
    developments++;
  }
  const linked = await linkDemoAccounts(db, people, county);
  return { developments, civilService: secretaries.length, linked };
}

/**
 * 账号关联人员 (issue 16): the work accounts a person really uses are linked to that person, through
 * the accounts front door as the county's organization department does it, so what they record is
 * personal. 榆舍村党支部's account is its secretary's. The station's account is used day to day by
 * its first secretary, who is the station's 副站长 (seed 000: the chief sits on the township
 * committee; the first secretary runs the station): linking it to them makes the first secretary's
 * work log (visits, requests, signatures) theirs. The township's, the department's and the
 * county's accounts are offices' accounts, used by several people: not linked.
 */
async function linkDemoAccounts(db: Db, people: ReturnType<typeof createPeopleService>, county: Awaited<ReturnType<typeof demoActor>>): Promise<number> {
  const links = createAccountLinkService({ db, people });
  const holderOf = async (org: string, role: string) =>
    (await db.query<{ person_id: number }>(
      `SELECT p.person_id FROM posts p JOIN orgs o ON o.id = p.org_id WHERE o.name = $1 AND p.role = $2 AND p.end_date IS NULL ORDER BY p.start_date DESC, p.id LIMIT 1`,
      [org, role],
    ))[0]?.person_id;
  const plan: [string, number | undefined][] = [
    ['yushe', await holderOf('榆舍村', 'secretary')],
    ['yushe.station', await holderOf('榆舍村', 'first_secretary')],
  ];
  let n = 0;
  for (const [username, personId] of plan) {
    if (!personId) continue;
    await links.link(county, (await demoActor(db, username)).accountId, Number(personId));
    n++;
  }
  return n;
}
