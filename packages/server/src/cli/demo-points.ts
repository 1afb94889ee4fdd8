// Demo 党员积分·党支部积星 for 宜君县 (seed 003 积星积分): the county's sample rules saved for this year
// and a realistic year of manual items for 榆舍村's members — 志愿服务, 承诺践诺 and a 表彰 proposed by
// the branch with evidence and decided by 五里镇 (most approved, one returned with its reason, the
// latest still waiting). Meetings attended and training attended are not loaded here: they come from
// the organizational-life and training demos, read through those modules' front doors, so the points
// are derived from the same records every other list shows. Everything goes through the service.
import type { Db } from '../db/db.js';
import { todayInChina } from '../core/calendar.js';
import { createPointsService } from '../modules/recognition/index.js';
import { DEFAULT_POINT_RULES } from '../modules/recognition/points.logic.js';
import { demoActor } from './demo-actor.js';

const ITEMS: { item: 'volunteer' | 'pledges' | 'honours'; points: number; month: number; description: string; evidence: string; decision: 'approve' | 'return' | 'wait'; reason?: string }[] = [
  { item: 'pledges', points: 5, month: 1, description: '年初公开承诺：帮助 2 户脱贫户发展苹果产业，年中已兑现', evidence: '承诺书及践诺台账（村党群服务中心存档）', decision: 'approve' },
  { item: 'volunteer', points: 2, month: 3, description: '义务植树，栽植侧柏 60 株', evidence: '活动签到表、现场照片 3 张', decision: 'approve' },
  { item: 'volunteer', points: 2, month: 5, description: '春季防火巡山值守 3 天', evidence: '镇林业站值守登记表', decision: 'approve' },
  { item: 'volunteer', points: 2, month: 7, description: '汛期巡查河道、转移群众', evidence: '防汛值班记录', decision: 'approve' },
  { item: 'honours', points: 10, month: 7, description: '“七一”被镇党委表彰为优秀共产党员', evidence: '镇党委表彰决定（五发〔当年〕12 号）', decision: 'approve' },
  { item: 'volunteer', points: 2, month: 9, description: '协助村里收缴城乡居民医保', evidence: '照片', decision: 'return', reason: '照片不能说明本人参与，请补充收缴台账或经办人证明' },
  { item: 'pledges', points: 5, month: 10, description: '承诺为村集体联系苹果销路，已签订 2 万斤订单', evidence: '购销合同复印件', decision: 'wait' },
];

export type DemoPoints = { year: number; proposed: number; approved: number; returned: number; waiting: number };

export async function loadDemoPoints(db: Db): Promise<DemoPoints> {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const points = createPointsService({ db });
  const [county, wuli, yushe] = await Promise.all([demoActor(db, 'county'), demoActor(db, 'wuli'), demoActor(db, 'yushe')]);
  await points.saveRules(county, { year, version: 0, ...DEFAULT_POINT_RULES });
  const members = await db.query<{ id: number }>(
    `SELECT p.id FROM persons p JOIN orgs o ON o.id = p.org_id WHERE o.name = '榆舍村' AND o.type = 'village' AND p.member_status IS NOT NULL AND p.status = 'active' ORDER BY p.id LIMIT 5`,
  );
  const out: DemoPoints = { year, proposed: 0, approved: 0, returned: 0, waiting: 0 };
  for (const [i, it] of ITEMS.entries()) {
    if (it.month > month || !members.length) continue; // nothing from the future
    const person = members[i % members.length]!;
    const doneOn = `${year}-${String(it.month).padStart(2, '0')}-${it.month === month ? today.slice(8, 10) : '15'}`;
    const id = await points.propose(yushe, { personId: Number(person.id), itemCode: it.item, points: it.points, doneOn, description: it.description, evidence: it.evidence });
    out.proposed++;
    const { version } = await points.award(wuli, id);
    if (it.decision === 'approve') {
      await points.decide(wuli, id, 'approve', { version });
      out.approved++;
    } else if (it.decision === 'return') {
      await points.decide(wuli, id, 'return', { version, reason: it.reason });
      out.returned++;
    } else out.waiting++;
  }
  return out;
}
