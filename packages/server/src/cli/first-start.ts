// First start: the initial administrator and, unless LIANXIN_DEMO=0, the demo county.
import type { Db } from '../db/db.js';
import type { PiiCipher } from '../core/pii.js';
import { appendAudit } from '../core/audit.js';
import { checkPasswordPolicy, generatePassword, hashPassword } from '../core/password.js';
import { insertOrg } from '../modules/orgs/orgs.repository.js';
import { insertAccount } from '../modules/accounts/accounts.repository.js';
import { demoLoaded, loadDemoCounty } from './demo-county.js';
import { loadDemoActivity } from './demo-activity.js';
import { loadDemoAssessment } from './demo-assessment.js';
import { loadDemoOrglife } from './demo-orglife.js';
import { loadDemoCadres } from './demo-cadres.js';
import { loadDemoWeakOrgs } from './demo-weakorgs.js';
import { loadDemoFunds } from './demo-funds.js';
import { loadDemoFlows } from './demo-flows.js';
import { loadDemoProjects } from './demo-projects.js';
import { loadDemoSubjects } from './demo-subjects.js';
import { loadDemoOpenness } from './demo-openness.js';
import { loadDemoAppraisal } from './demo-appraisal.js';
import { loadDemoTraining } from './demo-training.js';
import { loadDemoStars } from './demo-stars.js';
import { loadDemoPoints } from './demo-points.js';
import { loadDemoDesignations } from './demo-designations.js';
import { loadDemoSelection } from './demo-selection.js';

export async function ensureInitialData(
  db: Db,
  pii: PiiCipher,
  config: { adminPassword?: string; demoPassword?: string; loadDemo: boolean },
  print: (line: string) => void = (line) => console.log(line),
): Promise<void> {
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts`);
  if (n > 0) return;

  for (const [name, value] of [['LIANXIN_ADMIN_PASSWORD', config.adminPassword], ['LIANXIN_DEMO_PASSWORD', config.demoPassword]] as const) {
    const problem = value ? checkPasswordPolicy(value) : undefined;
    if (problem) throw new Error(`${name} 不符合密码策略：${problem.zh}`);
  }

  let countyId: number;
  if (config.loadDemo && !(await demoLoaded(db))) {
    const demoPassword = config.demoPassword ?? generatePassword();
    print('正在载入演示县（宜君县）……');
    const demo = await loadDemoCounty(db, pii, { demoPassword });
    countyId = demo.countyId;
    print(`演示县已载入：${demo.orgs} 个组织（${demo.stations} 个工作站、${demo.villages} 个村/社区），${demo.people} 名人员。`);
    print(`演示账号（密码${config.demoPassword ? '取自 LIANXIN_DEMO_PASSWORD' : `：${demoPassword}　仅显示这一次`}）：`);
    for (const a of demo.accounts) print(`  ${a.username.padEnd(14)} ${a.displayName}`);
    const activity = await loadDemoActivity(db, pii);
    print(`演示工作数据：${activity.problems} 个台账问题、${activity.directives} 项下发任务、${activity.requests} 件群众事项。`);
    const assessed = await loadDemoAssessment(db);
    print(`演示考核数据：${assessed.schemes} 套已发布的指标体系、${assessed.sheets} 张评分表。`);
    const orglife = await loadDemoOrglife(db, countyId);
    print(`组织生活：${orglife.meetings} 次会议记录、${orglife.filings} 份主题党日备案。`);
    const cadres = await loadDemoCadres(db, pii);
    print(`演示干部与发展党员：${cadres.civilService} 名公职化书记、${cadres.developments} 名入党申请人（各阶段）。`);
    const weak = await loadDemoWeakOrgs(db, pii);
    print(`软弱涣散整顿：${weak.listed} 个党组织整顿中、${weak.proposed} 个待县委组织部研究。`);
    const funds = await loadDemoFunds(db, pii);
    print(`经费与阵地：${funds.allocations} 项经费下达、${funds.spendings} 笔支出、${funds.checklists} 份设施清单、${funds.venues} 处阵地、${funds.shifts} 个值班班次。`);
    const flows = await loadDemoFlows(db, countyId);
    print(`小微权力：${flows.flows} 个运行流程（含四议两公开）、${flows.matters} 件事项（${flows.overdue} 件步骤逾期）、${flows.dutyLists} 个村的岗位职责清单。`);
    const projects = await loadDemoProjects(db, pii);
    print(`项目化推进：${projects.projects} 个党建服务项目（其中第一书记帮扶项目 ${projects.assistance} 个），月报告迟报 ${projects.lateReports} 件、逾期节点 ${projects.overdueMilestones} 个。`);
    const subjects = await loadDemoSubjects(db, pii);
    print(`考核对象（示例）：${subjects.year} 年度第一书记考核 ${subjects.firstSecretaries} 人已公布，本年度 ${subjects.projects} 个项目年交账已考评公布（年度评选）。`);
    const openness = await loadDemoOpenness(db, countyId);
    print(`三务公开：${openness.disclosures} 期公开（上月 ${openness.overdue} 个单位逾期未公开）、${openness.audits} 次村级财务审计。`);
    const appraisal = await loadDemoAppraisal(db, countyId);
    print(`评议与调研：上年度民主评议党员 ${appraisal.lastYear} 人、本年度 ${appraisal.thisYear} 人，述职评议票 ${appraisal.ballots} 张，调查研究 ${appraisal.rounds} 次（${appraisal.shortStations} 个工作站不足 2 次）。`);
    const training = await loadDemoTraining(db, pii);
    print(`教育培训：县级培训 ${training.countySessions} 期 ${training.countyPersonTimes} 人次、流动课堂 ${training.mobile} 场、书记讲党课 ${training.lectures} 场、三个讲一次 ${training.talks} 次。`);
    const stars = await loadDemoStars(db, pii);
    print(`星级化管理：${stars.year} 年度星级评定已公布，${stars.rated} 名村干部评定星级（其余 ${stars.unrated} 名所在村上年未考核，未评星）。`);
    const selection = await loadDemoSelection(db, pii);
    print(`干部选任：${selection.selections} 项公开选拔（各阶段）、五里镇换届 ${selection.election.elected}/${selection.election.villages} 个村完成选举、${selection.pairs} 对结对培养。`);
    const points = await loadDemoPoints(db);
    print(`党员积分：${points.year} 年积分规则（样例）已保存，榆舍村人工申报 ${points.proposed} 项（认定 ${points.approved}、退回 ${points.returned}、待审 ${points.waiting}），会议、培训积分由记录计算。`);
    const designations = await loadDemoDesignations(db, pii);
    print(`称号认定：四创建四争当、党员产业示范点和示范户已命名 ${designations.published} 项，办理中 ${designations.inProcess} 项（待县审定、刚推荐、年度复核中）。`);
  } else {
    const county = await db.transaction((tx) =>
      insertOrg(tx, { parentId: null, countyId: null, type: 'county', name: '本县县委', parentPath: '/', parentDepth: -1 }),
    );
    countyId = county.id;
  }

  const adminPassword = config.adminPassword ?? generatePassword();
  const hash = await hashPassword(adminPassword);
  await db.transaction(async (tx) => {
    const id = await insertAccount(tx, {
      username: 'admin',
      displayName: '初始管理员',
      passwordHash: hash,
      roles: ['county_admin', 'sys_admin'],
      scopeOrgId: countyId,
      // a printed random password must be changed at first login; a chosen one need not
      mustChangePassword: !config.adminPassword,
    });
    await appendAudit(tx, { countyId, accountId: null, username: 'system', action: 'account.create', objectType: 'account', objectId: id, summary: { username: 'admin', initial: true }, result: 'success', ip: null });
  });
  print(config.adminPassword ? '初始管理员 admin 的密码取自 LIANXIN_ADMIN_PASSWORD。' : `初始管理员 admin 的密码：${adminPassword}　（仅显示这一次，首次登录后须修改）`);
}
