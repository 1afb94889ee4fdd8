// Demo data of 项目化推进 for 宜君县 (seed 004: 18 Party-building service projects, 3 aims × 3
// classes; seed 002: first-secretary assistance projects marked with their sending unit): two
// projects in every cell of the matrix, most in progress with milestones done before today, one
// milestone overdue, monthly reports issued by the dispatch engine and answered — one month left
// unanswered, so late — and one project at each other step. Everything goes through the same
// services a user's clicks do, dated relative to today inside the current year.
import { POST_ROLES, type ProjectAim, type ProjectClass } from '@lianxin/contract';
import type { Db } from '../db/db.js';
import type { Actor } from '../core/access.js';
import type { PiiCipher } from '../core/pii.js';
import { plusDays, todayInChina } from '../core/calendar.js';
import { createPeopleService } from '../modules/people/people.service.js';
import { createDispatchService } from '../modules/dispatch/dispatch.service.js';
import { createLedgerService } from '../modules/ledger/ledger.service.js';
import { createInspectionService } from '../modules/inspections/inspections.service.js';
import { createProjectService } from '../modules/projects/projects.service.js';
import { demoActor } from './demo-actor.js';

type Step = 'proposed' | 'reviewed' | 'approved' | 'in_progress' | 'year_end' | 'closed';
type Plan = { title: string; aim: ProjectAim; class: ProjectClass; unit: string; step: Step; sending?: string; budget: number; description: string };

/** Two projects per cell (seed 004's 18); 榆舍村 runs two, so its demo account has its own. */
const PLANS: Plan[] = [
  { title: '党群服务中心便民代办', aim: 'service', class: 'key', unit: '榆舍村', step: 'in_progress', budget: 30000, description: '在村党群服务中心设代办窗口，群众事项“一窗受理、全程代办”。' },
  { title: '村级党群服务站标准化建设', aim: 'service', class: 'key', unit: '五里镇', step: 'in_progress', budget: 80000, description: '按“六有”标准提升全镇村级服务站。' },
  { title: '偏远山村流动服务队', aim: 'service', class: 'hard', unit: '尧头村', step: 'in_progress', sending: '县交通运输局', budget: 20000, description: '第一书记带队，每周进山入户送服务。' },
  { title: '留守老人日间照料', aim: 'service', class: 'hard', unit: '彭镇', step: 'approved', budget: 50000, description: '利用闲置校舍建日间照料点。' },
  { title: '网格员入户走访全覆盖', aim: 'service', class: 'weak', unit: '五里镇', step: 'in_progress', budget: 10000, description: '网格员每月走访包保户，民情日记一次录入。' },
  { title: '群众诉求“接诉即办”', aim: 'service', class: 'weak', unit: '榆舍村', step: 'proposed', budget: 5000, description: '群众诉求当天响应、限时办结。' },
  { title: '村党组织书记“领头雁”培训', aim: 'cadre', class: 'key', unit: '彭镇', step: 'in_progress', budget: 40000, description: '分批轮训村党组织书记，现场观摩示范村。' },
  { title: '后备干部“一对一”帮带', aim: 'cadre', class: 'key', unit: '五里镇', step: 'year_end', budget: 8000, description: '每名后备干部由一名班子成员帮带。' },
  { title: '年轻党员返乡创业带头', aim: 'cadre', class: 'hard', unit: '尧头村', step: 'in_progress', sending: '县民政局', budget: 60000, description: '第一书记联系项目，年轻党员带头创业。' },
  { title: '农村党员技能提升“田间课堂”', aim: 'cadre', class: 'hard', unit: '彭镇', step: 'in_progress', budget: 15000, description: '农技专家下田授课，党员带头学技术。' },
  { title: '“三个讲一次”学讲活动', aim: 'cadre', class: 'weak', unit: '五里镇', step: 'closed', budget: 3000, description: '人人上台讲心得、谈体会、明方向。' },
  { title: '软弱涣散村班子整顿提升', aim: 'cadre', class: 'weak', unit: '彭镇', step: 'in_progress', budget: 10000, description: '县级领导包联，限期整顿销号。' },
  { title: '“四议两公开”规范运行', aim: 'mechanism', class: 'key', unit: '五里镇', step: 'in_progress', budget: 6000, description: '重大事项全部按“四议两公开”决策。' },
  { title: '“七簿两账两手册”村级台账规范', aim: 'mechanism', class: 'key', unit: '彭镇', step: 'in_progress', budget: 12000, description: '统一村级台账格式，账簿式纪实。' },
  { title: '村集体经济“清化收”', aim: 'mechanism', class: 'hard', unit: '五里镇', step: 'in_progress', sending: '陕西省交通运输厅', budget: 100000, description: '第一书记牵头清理合同、化解债务、收回资源。' },
  { title: '党员积分制管理', aim: 'mechanism', class: 'hard', unit: '彭镇', step: 'reviewed', budget: 4000, description: '按实绩积分，不按点击量积分。' },
  { title: '三务公开“25日”公开日', aim: 'mechanism', class: 'weak', unit: '五里镇', step: 'in_progress', budget: 2000, description: '每月 25 日全镇统一公开党务、村务、财务。' },
  { title: '村务监督委员会履职', aim: 'mechanism', class: 'weak', unit: '彭镇', step: 'in_progress', budget: 3000, description: '“一会两组”履职清单化。' },
];

export async function loadDemoProjects(db: Db, pii: PiiCipher): Promise<{ projects: number; assistance: number; lateReports: number; overdueMilestones: number }> {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const inYear = (d: string) => (d < `${year}-01-01` ? `${year}-01-01` : d > `${year}-12-31` ? `${year}-12-31` : d);
  const people = createPeopleService({ db, pii });
  const ledger = createLedgerService({ db });
  const projects = createProjectService({ db, people, dispatch: createDispatchService({ db }), inspections: createInspectionService({ db, ledger }) });
  const [county, wuli, station, yushe] = (await Promise.all(['county', 'wuli', 'yushe.station', 'yushe'].map((u) => demoActor(db, u)))) as [Actor, Actor, Actor, Actor];

  const orgs = new Map((await db.query<{ id: number; name: string; path: string; county_id: number }>(
    `SELECT id, name, path, county_id FROM orgs WHERE name = ANY($1::text[]) AND status = 'active' ORDER BY depth`, [[...new Set(PLANS.map((p) => p.unit).concat(['县交通运输局', '县民政局']))]],
  )).map((o) => [o.name, o]));
  /** Who acts for a unit without a demo account of its own (the reports of 尧头村, 彭镇 …): the unit itself. */
  const unitActor = (name: string): Actor => {
    if (name === '榆舍村') return yushe;
    if (name === '五里镇') return wuli;
    const o = orgs.get(name)!;
    return { accountId: 0, username: 'system', roles: ['village_admin'], scope: { orgId: o.id, path: o.path, countyId: o.county_id }, ip: 'demo' };
  };

  let made = 0;
  let assistance = 0;
  let late = 0;
  let overdue = 0;
  const month = Number(today.slice(5, 7));
  for (const [i, plan] of PLANS.entries()) {
    const unit = orgs.get(plan.unit);
    if (!unit) continue;
    const posts = await db.query<{ id: number; role: string }>(
      `SELECT id, role FROM posts WHERE org_id = $1 AND end_date IS NULL ORDER BY array_position($2::text[], role), id`, [unit.id, [...POST_ROLES]],
    );
    const sendingOrg = plan.sending ? orgs.get(plan.sending) : undefined;
    // the route map: monthly milestones through the year; the last two after today
    // (a project not yet started plans from today on, so nothing of it is overdue)
    const started = ['in_progress', 'year_end', 'closed'].includes(plan.step);
    const dates = (started ? [plusDays(today, -120), plusDays(today, -60), plusDays(today, -20), plusDays(today, 5), `${year}-12-31`]
      : [plusDays(today, 3), plusDays(today, 10), plusDays(today, 15), plusDays(today, 20), `${year}-12-31`]).map(inYear);
    const titles = ['调研摸底、制定方案', '落实场地与经费', '组织实施、过程督导', '阶段总结、群众评议', '年终交账'];
    const creator = plan.unit === '榆舍村' ? yushe : plan.unit === '五里镇' ? wuli : county;
    const p = await projects.create(creator, {
      title: plan.title, year, aim: plan.aim, class: plan.class, orgId: unit.id, description: plan.description, budget: plan.budget,
      leaderPostId: posts[0]?.id, undertakerPostIds: posts.slice(1, 3).map((x) => x.id),
      ...(sendingOrg ? { sendingOrgId: sendingOrg.id } : plan.sending ? { sendingUnit: plan.sending } : {}),
      milestones: titles.map((title, k) => ({ title, dueOn: dates[k]! })),
    });
    made++;
    if (plan.sending) assistance++;
    const order: Step[] = ['proposed', 'reviewed', 'approved', 'in_progress', 'year_end', 'closed'];
    const reach = order.indexOf(plan.step);
    // each step answers the project as it is now: its version feeds the next step
    let current = p;
    const fire = async (actor: Actor, name: 'review' | 'approve' | 'start' | 'account' | 'close', extra: Record<string, unknown> = {}) => {
      current = await projects.fire(actor, p.id, name, { version: current.version, ...extra });
    };
    // a village's project is reviewed by its station and approved by its township; a township's by the county
    const village = plan.unit === '榆舍村' || plan.unit === '尧头村';
    const committee = village ? wuli : county;
    if (reach >= 1) await fire(village ? station : county, 'review');
    if (reach >= 2) await fire(committee, 'approve');
    if (reach < 3) continue;
    await fire(unitActor(plan.unit), 'start'); // this month's report request is issued at once
    // milestones before today are done — but one project leaves its third one overdue
    const leaveOverdue = i === 4;
    let done = 0;
    for (const m of current.milestones) {
      if (m.dueOn >= today) continue;
      if (leaveOverdue && m.title === '组织实施、过程督导') { overdue++; continue; }
      current = await projects.milestoneDone(unitActor(plan.unit), p.id, m.id, { version: m.version, doneOn: m.dueOn, note: `${m.title}：按计划完成，材料已归档。` });
      done++;
    }
    // last month's report: issued then, answered by the unit (3 days before it was due) — except one, left unanswered (late)
    if (month > 1) {
      const lastMonth = `${year}-${String(month - 1).padStart(2, '0')}-01`;
      await projects.issueDueReports(lastMonth, p.id);
      const [r] = await db.query<{ assignment_id: number; due_date: string }>(
        `SELECT r.assignment_id, to_char(a.due_date, 'YYYY-MM-DD') AS due_date FROM project_reports r JOIN assignments a ON a.id = r.assignment_id WHERE r.project_id = $1 AND r.period = $2`,
        [p.id, lastMonth.slice(0, 7)],
      );
      if (r && i === 2) late++;
      else if (r) {
        const onTime = createDispatchService({ db, today: () => plusDays(r.due_date, -3) });
        await onTime.report(unitActor(plan.unit), Number(r.assignment_id), { version: 1, outcome: 'done', text: `本月按路线图推进，完成节点 ${done} 个，下月继续落实。` });
      }
    }
    if (reach >= 4) await fire(unitActor(plan.unit), 'account', { summary: `${plan.title}：全年完成既定节点，群众满意。` });
    if (reach >= 5) {
      await fire(committee, 'close', { score: 93, grade: 'excellent' });
      await projects.setExcellent(county, p.id, { version: current.version, excellent: true });
    }
  }
  return { projects: made, assistance, lateReports: late, overdueMilestones: overdue };
}
