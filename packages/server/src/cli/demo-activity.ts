// Demo activity for 宜君县, so a first look finds real work in progress: ledger problems at each
// step, a weekly task list and the two half-days as recurring directives, citizens' requests, a
// whistle, an inspection. Everything goes through the same services a user's clicks do.
import type { Db } from '../db/db.js';
import type { Actor } from '../core/access.js';
import type { PiiCipher } from '../core/pii.js';
import { createChallenges } from '../core/challenge.js';
import { plusDays, todayInChina } from '../core/calendar.js';
import { createLedgerService } from '../modules/ledger/ledger.service.js';
import { createDispatchService } from '../modules/dispatch/dispatch.service.js';
import { createRequestService } from '../modules/citizens/requests.service.js';
import { createWhistleService } from '../modules/citizens/whistles.service.js';
import { createInspectionService } from '../modules/inspections/inspections.service.js';
import { demoActor } from './demo-actor.js';

async function orgIdOf(db: Db, name: string, under?: string): Promise<number> {
  const rows = await db.query<{ id: number }>(
    under
      ? `SELECT o.id FROM orgs o JOIN orgs t ON o.path LIKE t.path || '%' WHERE o.name = $1 AND t.name = $2`
      : `SELECT id FROM orgs WHERE name = $1`,
    under ? [name, under] : [name],
  );
  if (!rows[0]) throw new Error(`demo org ${name} missing`);
  return rows[0].id;
}

export async function loadDemoActivity(db: Db, pii: PiiCipher): Promise<{ problems: number; directives: number; requests: number }> {
  const today = todayInChina();
  const ledger = createLedgerService({ db });
  const dispatch = createDispatchService({ db });
  const requests = createRequestService({ db, pii, challenges: createChallenges(Buffer.alloc(32)) });
  const whistles = createWhistleService({ db });
  const inspections = createInspectionService({ db, ledger });
  const [wuli, station, yushe, county] = (await Promise.all(['wuli', 'yushe.station', 'yushe', 'county'].map((u) => demoActor(db, u)))) as [Actor, Actor, Actor, Actor];
  const village = (name: string) => orgIdOf(db, name, '五里镇');

  // 问题台账: one problem at each step of 整改销号
  // Village steps are taken by 榆舍村's own account; elsewhere the problems wait for their villages.
  const specs: { org: string; source: 'station_inspection' | 'superior_feedback' | 'citizen' | 'provincial_bulletin'; category: string; description: string; steps: string[]; days: number }[] = [
    { org: '榆舍村', source: 'station_inspection', category: '基层组织建设', description: '党员活动室制度未上墙，“三会一课”记录不完整', steps: ['start', 'submit', 'accept', 'close', 'publish'], days: 20 },
    { org: '榆舍村', source: 'citizen', category: '联系服务群众', description: '群众反映村务公开栏三个月未更新', steps: ['start', 'submit'], days: 15 },
    { org: '榆舍村', source: 'superior_feedback', category: '党员教育管理', description: '流动党员联系不畅，6名外出党员未按时参加组织生活', steps: ['start'], days: 30 },
    { org: '尧头村', source: 'provincial_bulletin', category: '作风建设', description: '村干部坐班制度落实不到位，便民服务时间人员不在岗', steps: [], days: 10 },
    { org: '武家村', source: 'station_inspection', category: '经济社会发展', description: '村集体经济合作社账目不清，收益分配方案未公示', steps: [], days: 25 },
  ];
  let problems = 0;
  for (const s of specs) {
    const id = await ledger.register(wuli, { orgId: await village(s.org), source: s.source, category: s.category, description: s.description, deadline: plusDays(today, s.days), responsiblePerson: '村党支部书记' });
    problems++;
    for (const step of s.steps) {
      const [{ version } = { version: 1 }] = await db.query<{ version: number }>(`SELECT version FROM cases WHERE id = $1`, [id]);
      const actor = ['start', 'submit'].includes(step) ? yushe : station;
      await ledger.fire(actor, id, step as 'start', {
        version,
        measures: step === 'start' ? '召开支委会研究整改，明确专人负责，限期完成' : undefined,
        comment: step === 'submit' ? '已按整改措施完成，相关资料已归档' : step === 'close' ? '整改到位，同意销号' : step === 'accept' ? '经现场检查，验收合格' : undefined,
        publicSummary: step === 'publish' ? `${s.org}已完成整改：${s.description.slice(0, 20)}……` : undefined,
      });
    }
  }
  // one overdue problem, registered a month ago
  const overdue = await ledger.register(wuli, { orgId: await village('柳树湾村'), source: 'superior_feedback', category: '基层组织建设', description: '后备干部培养不足，35岁以下村“两委”成员缺位', deadline: plusDays(today, 1) });
  await db.query(`UPDATE cases SET deadline = $2, opened_at = now() - interval '40 days', supervision_due = $3 WHERE id = $1`, [overdue, plusDays(today, -5), plusDays(today, -25)]);
  problems++;
  await ledger.escalateOverdue();

  // 两下两上: the weekly task list and the two half-days as recurring directives to stations
  const form = [
    { key: 'visits', label: '走访农户', type: 'number' as const, required: true, unit: '户' },
    { key: 'meetings', label: '召开会议', type: 'number' as const, unit: '次' },
    { key: 'progress', label: '总体进度', type: 'choice' as const, options: ['正常', '滞后'] },
  ];
  await dispatch.issue(wuli, { kind: 'task_list', title: '五里镇每周工作任务清单', content: '1. 走访脱贫户、监测户\n2. 督促各村召开支委会\n3. 收集群众意见建议', form, targets: { type: 'station' }, recurrence: { frequency: 'weekly', weekday: 1, dueDays: 4 } });
  await dispatch.issue(wuli, { kind: 'duty', title: '集中便民服务日（半天）', targets: { type: 'station' }, recurrence: { frequency: 'weekly', weekday: 3, dueDays: 2 } });
  await dispatch.issue(wuli, { kind: 'duty', title: '月底半天小结会', targets: { type: 'station' }, recurrence: { frequency: 'monthly', dueDays: 30 } });
  const collect = await dispatch.issue(county, { kind: 'data_collection', title: '第四季度流动党员情况报送', form: [{ key: 'outflow', label: '流出党员', type: 'number', required: true, unit: '人' }, { key: 'contacted', label: '已联系', type: 'number', required: true, unit: '人' }], dueDate: plusDays(today, 7), targets: { type: 'township' } });

  // 群众事项: a few requests at the station, one whistled to two departments
  const stationId = await orgIdOf(db, '榆舍党建工作站');
  const stationOrg = (await db.query<{ id: number; path: string; county_id: number }>(`SELECT id, path, county_id FROM orgs WHERE id = $1`, [stationId]))[0]!;
  const asks = [
    { citizenName: '王秀英', phone: '13900001111', category: 'errand', matter: '代办城乡居民医疗保险缴费', channel: 'station', steps: ['claim', 'promise', 'resolve'] },
    { citizenName: '李建国', phone: '13900002222', category: 'assistance', matter: '家中老人行动不便，申请临时救助', channel: 'visit', steps: ['claim', 'promise'] },
    { citizenName: '赵桂兰', phone: '13900003333', category: 'conflict', matter: '与邻居因灌溉用水发生纠纷', channel: 'phone', steps: ['claim'] },
    { citizenName: '张大妈', phone: '13900004444', category: 'errand', matter: '村口路灯损坏，夜间出行不便', channel: 'public', steps: [] },
  ];
  let created = 0;
  for (const a of asks) {
    const { id } = await db.transaction((tx) => requests.openRequest(tx, station, stationOrg, { channel: a.channel, category: a.category, citizenName: a.citizenName, phone: a.phone, matter: a.matter }));
    created++;
    for (const step of a.steps) {
      const [{ version } = { version: 1 }] = await db.query<{ version: number }>(`SELECT version FROM cases WHERE id = $1`, [id]);
      await requests.fire(station, id, step as 'claim', { version, promisedDate: step === 'promise' ? plusDays(today, 3) : undefined, comment: step === 'resolve' ? '已代为缴费，回执已交本人' : undefined, resolved: step === 'resolve' ? true : undefined });
    }
    if (a.category === 'conflict') {
      await whistles.blow(station, { sourceCaseId: id, matter: '灌溉用水纠纷，需水利局、司法所到场', departmentIds: [await orgIdOf(db, '县水利局'), await orgIdOf(db, '县交通运输局')] });
    }
  }

  // 督查: the station's bi-weekly inspection with one finding
  await inspections.create(station, {
    kind: 'station_biweekly', inspectedOn: today, inspectors: '站长、副站长', targetOrgIds: [await village('榆舍村'), await village('尧头村')], score: 88,
    comment: '总体较好，尧头村党员活动记录需完善', findings: [{ targetOrgId: await village('尧头村'), description: '党员积分管理台账未及时更新' }],
  });
  void collect;
  return { problems, directives: 4, requests: created };
}
