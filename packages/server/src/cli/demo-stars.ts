// Demo stars for 宜君县 (星级化管理, seed 001): last year's rating of the cadres in the 8 village posts
// of 五里镇 and 彭镇 — each village's annual assessment for last December scored and published, the
// townships' post assessments entered, the county's rating published. The county's rules are the
// seed's 50 % / 50 % with the default levels; its 公职化 standard (county data) is 4 stars or more
// in one year. Cadres of the other townships (villages not assessed last year) are published unrated.
// Everything goes through the services a user's clicks do.
import type { Role, SheetDetail } from '@lianxin/contract';
import type { Db } from '../db/db.js';
import type { Actor } from '../core/access.js';
import type { PiiCipher } from '../core/pii.js';
import { todayInChina } from '../core/calendar.js';
import { createAssessmentService } from '../modules/assessment/assessment.service.js';
import { createPeopleService } from '../modules/people/people.service.js';
import { createConsequenceService, createStarService } from '../modules/recognition/index.js';
import { DEFAULT_STAR_LEVELS } from '../modules/assessment/index.js';

async function actorAt(db: Db, orgName: string, role: Role, username: string): Promise<Actor> {
  const [row] = await db.query<{ id: number; path: string; county_id: number }>(`SELECT id, path, county_id FROM orgs WHERE name = $1 AND type <> 'village'`, [orgName]);
  if (!row) throw new Error(`demo org ${orgName} missing`);
  const [account] = await db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = $1`, [username]);
  return { accountId: account?.id ?? 0, username, roles: [role], scope: { orgId: row.id, path: row.path, countyId: row.county_id }, ip: 'demo' };
}

export type DemoStars = { year: number; ratingId: number; rated: number; unrated: number };

export async function loadDemoStars(db: Db, pii: PiiCipher): Promise<DemoStars> {
  const assessment = createAssessmentService({ db });
  const people = createPeopleService({ db, pii });
  const stars = createStarService({ db, people });
  const consequences = createConsequenceService({ db, people });
  const year = Number(todayInChina().slice(0, 4)) - 1;
  const county = await actorAt(db, '中共宜君县委员会', 'county_admin', 'county');

  // last year's village assessment: one annual sheet per village of the two townships, published
  const schemeId = await assessment.createScheme(county, { year, unitType: 'village', name: `${year}年度村级党建绩效指数（样例）` });
  await assessment.publishScheme(county, schemeId, (await assessment.scheme(county, schemeId)).version);
  const townships = [['五里镇', 'wuli'], ['彭镇', 'demo.peng']] as const;
  for (const [township, username] of townships) {
    const scorer = await actorAt(db, township, 'township_admin', username);
    const villages = await db.query<{ id: number; name: string }>(`SELECT id, name FROM orgs WHERE path LIKE $1 AND type = 'village' AND status = 'active' ORDER BY path`, [`${scorer.scope.path}%`]);
    for (const [i, v] of villages.entries()) {
      const id = await assessment.openSheet(scorer, { schemeId, orgId: v.id, period: `${year}-12` });
      let sheet: SheetDetail = await assessment.sheet(scorer, id);
      const scores = sheet.entries.filter((e) => e.source === 'manual').map((e, k) => ({
        key: e.key,
        points: Math.max(0, e.max - ((i * 5 + k * 3) % 6) * 0.5),
        evidence: e.evidenceRequired ? `${v.name}${e.name}：年终考核台账已核实` : undefined,
      }));
      await assessment.saveScores(scorer, id, { version: sheet.version, scores });
      sheet = await assessment.sheet(scorer, id);
      await assessment.fireSheet(scorer, id, 'submit', { version: sheet.version });
      sheet = await assessment.sheet(county, id);
      await assessment.fireSheet(county, id, 'pass', { version: sheet.version });
      sheet = await assessment.sheet(county, id);
      await assessment.fireSheet(county, id, 'publish', { version: sheet.version });
    }
  }

  // last year's appeal windows ended long ago: the sheets are locked (as the hourly timer does)
  await db.query(`UPDATE score_sheets SET appeal_until = $1::date WHERE scheme_id = $2`, [`${year}-12-31`, schemeId]);
  await assessment.lockPastAppeal();

  // the county's rules, the rating, the townships' post assessments, publishing
  await stars.saveRules(county, { version: 0, postWeightPercent: 50, levels: DEFAULT_STAR_LEVELS, civilServiceMinStars: 4, civilServiceYears: 1 });
  const ratingId = await stars.createRating(county, { year });
  for (const [township, username] of townships) {
    const scorer = await actorAt(db, township, 'township_admin', username);
    const rows = await stars.listRows(scorer, { ratingId, pageSize: 200 });
    for (const [i, r] of rows.items.entries()) {
      if (r.villageScore === null) continue;
      // a spread: secretaries mostly strong, the other posts from 78 to 96
      const postScore = r.role === 'secretary' ? 100 - (i % 3) * 2 : 96 - (i % 7) * 3;
      await stars.savePostScore(scorer, r.id, { version: r.version, postScore, note: '按岗位职责清单逐项考核' });
    }
  }
  const detail = await stars.rating(county, ratingId);
  await stars.publishRating(county, ratingId, detail.version);
  const board = await stars.board(county, { year });

  // 奖惩 of last year's results: the best village commended, its secretary's stars entered in the cadre
  // file, and a performance reward for 五里镇's best village, each linked to the record behind it
  const best = (await stars.listRows(county, { ratingId, pageSize: 200 })).items.filter((r) => r.role === 'secretary' && r.stars !== null).sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
  if (best) {
    const decidedOn = `${year + 1}-01-15`;
    await consequences.create(county, { kind: 'commendation', basisType: 'annual_result', basisId: best.org.id, year, title: `${year} 年度先进基层党组织`, detail: '年终考核全县前列，予以通报表扬', decidedOn });
    await consequences.create(county, { kind: 'cadre_file', basisType: 'star_row', basisId: best.id, title: `${year} 年度星级评定结果记入干部档案`, decidedOn });
    await consequences.create(county, { kind: 'reward', basisType: 'annual_result', basisId: best.org.id, year, personId: best.person.id, title: '年终考核奖励', amountFen: 300_000, decidedOn });
  }
  return { year, ratingId, rated: board.total.people - board.total.unrated, unrated: board.total.unrated };
}
