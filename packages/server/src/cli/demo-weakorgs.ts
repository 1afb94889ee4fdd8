// The demo's 软弱涣散整顿 (seed 003: "整顿转化了11个软弱涣散村级党组织"): 五里镇's 焦家河村 is being
// rectified — listed by the county, a plan and two rectification problems in the ledger, none
// closed yet — and 五里镇's 柏树村 is proposed, waiting for the county's decision.
// Everything goes through the services, as a township and the county would do it.
import type { Db } from '../db/db.js';
import type { PiiCipher } from '../core/pii.js';
import { plusDays, todayInChina } from '../core/calendar.js';
import { createChallenges } from '../core/challenge.js';
import { createLedgerService } from '../modules/ledger/index.js';
import { createRequestService } from '../modules/citizens/index.js';
import { createPeopleService } from '../modules/people/index.js';
import { createWeakOrgService, signalSourcesFrom } from '../modules/weakorgs/index.js';
import crypto from 'node:crypto';
import { demoActor } from './demo-actor.js';

const orgNamed = async (db: Db, name: string, under: string) =>
  Number((await db.query<{ id: number }>(`SELECT o.id FROM orgs o JOIN orgs t ON o.path LIKE t.path || '%' WHERE o.name = $1 AND t.name = $2 LIMIT 1`, [name, under]))[0]!.id);

export async function loadDemoWeakOrgs(db: Db, pii: PiiCipher): Promise<{ listed: number; proposed: number }> {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const ledger = createLedgerService({ db });
  const requests = createRequestService({ db, pii, challenges: createChallenges(crypto.randomBytes(32)) });
  const people = createPeopleService({ db, pii });
  const weakOrgs = createWeakOrgService({ db, ledger, sources: signalSourcesFrom({ ledger, requests, people }) });
  const [wuli, county] = await Promise.all([demoActor(db, 'wuli'), demoActor(db, 'county')]);
  const categories = (await ledger.settings(county.scope.countyId!)).categories;

  let d = await weakOrgs.propose(wuli, { orgId: await orgNamed(db, '焦家河村', '五里镇'), year, reasons: ['stalled', 'no_org_life'], note: '支委会半年未召开，“三会一课”记录缺失，村务长期由个别人说了算。' });
  await weakOrgs.fire(county, d.id, 'confirm', { version: d.version });
  d = await weakOrgs.detail(county, d.id);
  d = await weakOrgs.plan(wuli, d.id, { version: d.version, leader: '五里镇党委副书记（包联）', plan: '一、调整充实支委会，补选两名支委；二、每月主题党日按时开展并备案；三、建立村务重大事项“四议两公开”流程；四、镇包联领导每月到村督导一次。' });
  await weakOrgs.addProblem(wuli, d.id, { category: categories[0]!, description: '支委会成员缺额两名，长期未补选', deadline: plusDays(today, 45), measures: '召开党员大会补选支委' });
  await weakOrgs.addProblem(wuli, d.id, { category: categories[Math.min(1, categories.length - 1)]!, description: '“三会一课”记录不全，组织生活不正常', deadline: plusDays(today, 30), measures: '按月开展主题党日并录入系统' });

  await weakOrgs.propose(wuli, { orgId: await orgNamed(db, '柏树村', '五里镇'), year, reasons: ['disputes'], note: '土地流转纠纷引发多次集体上访。' });
  return { listed: 1, proposed: 1 };
}
