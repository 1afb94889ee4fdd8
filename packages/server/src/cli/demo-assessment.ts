// Demo assessment for 宜君县: a published village scheme (the 龙江 template, samples to edit) and a
// month of score sheets — 五里镇 and 彭镇 score their villages, the county passes and publishes them;
// one sheet still waits for the county's review. Everything goes through the service a user's clicks do.
import type { Role, SheetDetail } from '@lianxin/contract';
import type { Db } from '../db/db.js';
import type { Actor } from '../core/access.js';
import { todayInChina } from '../core/calendar.js';
import { createAssessmentService } from '../modules/assessment/assessment.service.js';
import { DEFAULT_RULE, DEFAULT_STANDARDS } from '../modules/assessment/subsidies.logic.js';

async function actorAt(db: Db, orgName: string, role: Role, username: string): Promise<Actor> {
  const [row] = await db.query<{ id: number; path: string; county_id: number }>(`SELECT id, path, county_id FROM orgs WHERE name = $1 AND type <> 'village'`, [orgName]);
  if (!row) throw new Error(`demo org ${orgName} missing`);
  const [account] = await db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = $1`, [username]);
  return { accountId: account?.id ?? 0, username, roles: [role], scope: { orgId: row.id, path: row.path, countyId: row.county_id }, ip: 'demo' };
}

/** The month the demo scores: last month when it lies in this year (a whole month of records), else this one. */
export function demoPeriod(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? today.slice(0, 7) : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export async function loadDemoAssessment(db: Db): Promise<{ schemes: number; sheets: number }> {
  const assessment = createAssessmentService({ db });
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const period = demoPeriod(today);
  const county = await actorAt(db, '中共宜君县委员会', 'county_admin', 'county');
  // the county's table of allowance standards (seed 002 figures, fen) and its performance rule
  for (const [unitType, posts] of Object.entries(DEFAULT_STANDARDS)) {
    for (const [post, fen] of Object.entries(posts)) {
      await db.query(`INSERT INTO allowance_standards (county_id, year, unit_type, post, annual_fen) VALUES ($1, $5, $2, $3, $4) ON CONFLICT DO NOTHING`, [county.scope.countyId, unitType, post, fen, year]);
    }
  }
  await db.query(`INSERT INTO performance_subsidy_rules (county_id, share_percent, grade_percent) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING`, [county.scope.countyId, DEFAULT_RULE.sharePercent, JSON.stringify(DEFAULT_RULE.gradePercent)]);
  const schemeId = await assessment.createScheme(county, { year, unitType: 'village', name: `${year}年度村级党建绩效指数（样例）` });
  const draft = await assessment.scheme(county, schemeId);
  await assessment.publishScheme(county, schemeId, draft.version);

  let sheets = 0;
  for (const [township, username] of [['五里镇', 'wuli'], ['彭镇', 'demo.peng']] as const) {
    const scorer = await actorAt(db, township, 'township_admin', username);
    const villages = await db.query<{ id: number; name: string }>(`SELECT id, name FROM orgs WHERE path LIKE $1 AND type = 'village' AND status = 'active' ORDER BY path`, [`${scorer.scope.path}%`]);
    for (const [i, v] of villages.entries()) {
      const id = await assessment.openSheet(scorer, { schemeId, orgId: v.id, period });
      let sheet: SheetDetail = await assessment.sheet(scorer, id);
      // a spread of results: most indicators full, some losing half a point to two points
      const scores = sheet.entries.filter((e) => e.source === 'manual').map((e, k) => ({
        key: e.key,
        points: Math.max(0, e.max - ((i * 7 + k * 3) % 5) * 0.5),
        evidence: e.evidenceRequired ? `${v.name}${e.name}：会议记录、照片和台账已核实` : undefined,
      }));
      const veto = i === 3 && township === '彭镇' ? { kind: 'cap' as const, cap: 59, reason: '代办服务出现失误，群众投诉属实（一票否决：限定最高 59 分）' } : undefined;
      await assessment.saveScores(scorer, id, { version: sheet.version, scores, ...(veto ? { veto } : {}) });
      sheet = await assessment.sheet(scorer, id);
      await assessment.fireSheet(scorer, id, 'submit', { version: sheet.version });
      sheets++;
      if (township === '五里镇' && v.name === '尧头村') continue; // waits for the county's review
      sheet = await assessment.sheet(county, id);
      await assessment.fireSheet(county, id, 'pass', { version: sheet.version });
      sheet = await assessment.sheet(county, id);
      await assessment.fireSheet(county, id, 'publish', { version: sheet.version });
      // 申诉: 榆舍村 appeals its published sheet within the window, with evidence; it waits for the county
      if (v.name === '榆舍村') {
        const [account] = await db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'yushe'`);
        const village: Actor = { accountId: account?.id ?? 0, username: 'yushe', roles: ['village_admin'], scope: { orgId: v.id, path: (await db.query<{ path: string }>(`SELECT path FROM orgs WHERE id = $1`, [v.id]))[0]!.path, countyId: county.scope.countyId }, ip: 'demo' };
        sheet = await assessment.sheet(village, id);
        await assessment.appealSheet(village, id, { version: sheet.version, reason: '本月“三会一课”均按期召开，会议记录齐全，相关指标扣分有误', evidence: '支部委员会会议记录本第 12–15 页；党员大会签到表（已上传至问题台账）' });
      }
    }
  }
  return { schemes: 1, sheets };
}
