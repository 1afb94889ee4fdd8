import type { Role } from './enums.js';

/**
 * What each role may do. Scope (which records) is separate: every account acts only inside the
 * subtree of its scope org, and the data layer enforces that on every query.
 */
export const ACTIONS = [
  'org:read',
  'org:write', // create, rename, move, close nodes
  'person:read',
  'person:write',
  'person:read_pii', // see full ID numbers and phones
  'person:import',
  'person:export',
  'person:post',
  'account:read',
  'account:create', // system administrator: creates accounts, resets passwords
  'account:grant', // security administrator: roles, scope, unlock, disable
  'account:link', // 县委组织部: link a work account to the person who uses it (diaries, signatures, scores become personal)
  'audit:read',
  'ledger:read', // 问题台账: see problems of the scope
  'ledger:register', // register problems (登记)
  'ledger:handle', // fire workflow steps, comment, attach, supervise — each step checks more
  'ledger:configure', // categories, supervision cadence, closure signer of the county
  'dispatch:read', // 两下两上: see directives to and from the scope, boards
  'dispatch:issue', // issue directives down the tree (fan-out needs only dispatch:report)
  'dispatch:report', // report on an assignment, break it down to the orgs below
  'inspection:write', // 督查: record inspections and findings, publish bulletins
  'inspection:accountability', // 问责: record accountability actions
  'citizen:read', // 群众事项: requests, visits, households, grids of the scope
  'citizen:handle', // take on, promise, resolve requests; record visits, households, grid deeds
  'citizen:whistle', // 吹哨: escalate a request or problem to departments
  'citizen:answer', // 报到: a department answers its part of a whistle
  'assessment:read', // 考核: schemes of the county, score sheets and results of the scope
  'assessment:configure', // 考核: write, publish and copy the county's indicator schemes
  'assessment:score', // 考核: score units below, submit; the county reviews and publishes — the workflow checks who
  'assessment:appeal', // 考核: the scored unit appeals its published sheet within the county's window (villages, stations, townships)
  'orglife:read', // 组织生活: meetings, filings, who is behind in the scope
  'orglife:record', // record meetings, file 主题党日 plans; guiding a filing is checked by its workflow
  'orglife:configure', // the county's meeting types, frequencies and back-dating window
  'orglife:group', // 党小组: a branch's party groups — create, rename, dissolve, and which of its members each holds
  'weakorg:read', // 软弱涣散整顿: the signals below, the list and each branch's rectification in the scope
  'weakorg:propose', // propose a branch below, write its plan and problems, apply for acceptance; the county lists and accepts — the workflow checks who
  'funds:read', // 经费与阵地: standards, allocations, spending, allowances, awards, checklists, venues, duty rosters of the scope
  'funds:configure', // the county's fund standards, allocations, awards, former-cadre rule and checklist items (checked: the county's root)
  'funds:spend', // record spending against the unit's own allocations, with vouchers
  'funds:facility', // tick a unit's checklist items with photos, keep its venues and duty roster
  'flow:read', // 小微权力: the county's flows, matters and dereliction warnings of the scope, duty lists
  'flow:act', // open matters, complete, return or cancel their steps (the step's level is checked), edit a village's duty list
  'flow:configure', // the county's flows and its duty-list template
  'project:read', // 项目化推进: projects of the scope, the board and the aim × class matrix
  'project:write', // propose projects, plan milestones and people, record milestones done, files; each step checks more
  'project:configure', // the county's monthly report day, 评选优秀项目, issuing the month's reports now
  'openness:read', // 三务公开: disclosures, the due board, finance audits and registers of the scope
  'openness:publish', // compose, publish and correct a unit's disclosures; hand-filled register rows
  'openness:audit', // 村级财务审计: record audits of the units below, findings → problems
  'openness:configure', // the county's disclosure day, cadence, disclosing unit types and register set
  'training:read', // 教育培训: the course catalogue, sessions, talks, people's training records and coverage of the scope
  'training:manage', // add courses, hold sessions and tick attendance, record 书记讲党课 and 三个讲一次
  'training:configure', // the county's menu categories of courses
  'recognition:read', // 星级化管理: star ratings, the star board and the cadres' star rows of the scope
  'recognition:rate', // enter the personal post assessment of the cadres below (township, county)
  'recognition:configure', // the county's star rules; compute, publish and correct the year's rating (the county's root)
  'selection:read', // 公开选拔、换届、结对培养 of the scope
  'selection:write', // apply for and run public selections, election rounds, mentoring pairs and their contacts — the workflow checks who
  'recognition:propose', // 党员积分: a branch proposes a manual point item (志愿服务, 表彰 …) for its member, with evidence
  'recognition:nominate', // 称号认定: nominate units and members below for a designation, check its criteria with evidence (township, county); the county approves, publishes, reviews and revokes
  'recognition:approve', // 党员积分: approve or return (with a reason) the manual point items of the branches below (township, station, county)
  'recognition:consequence', // 奖惩: record a consequence (reward, penalty, 评优树先, cadre-file entry) of a result for a unit or person below (township, county)
  // One namespace per module (issue 11): the routes of lists, inspections and cadres, which read
  // with the ledger's, dispatch's and people's actions before, have their own; each is held by
  // exactly the roles that held the action it replaces (permissions.test.ts checks).
  'list:read', // 三个清单: the task and responsibility lists of the scope (as ledger:read)
  'list:handle', // add, complete and remove tasks and responsibilities (as ledger:handle)
  'inspection:read', // 督查: inspections, bulletins and accountability records of the scope (as dispatch:read)
  'inspection:problem', // turn an inspection finding into a problem of the ledger (as ledger:register)
  'cadre:read', // 干部: the cadre ledger and structure, 发展党员 (as person:read)
  'cadre:write', // 发展党员: register an application, record its steps (as person:write)
  'cadre:export', // export the cadre ledger (as person:export)
  'cadre:post', // 后备干部: train, appoint and remove reserve cadres (as person:post)
  'cadre:configure', // 第一书记: the county's daily subsidy figure (checked: the county's root)
] as const;
export type Action = (typeof ACTIONS)[number];

const OFFICE: Action[] = ['org:read', 'person:read', 'person:export', 'ledger:read', 'ledger:handle', 'dispatch:read', 'dispatch:report', 'citizen:read', 'citizen:handle', 'assessment:read', 'orglife:read', 'orglife:record', 'weakorg:read', 'funds:read', 'funds:spend', 'funds:facility', 'flow:read', 'project:read', 'project:write', 'openness:read', 'openness:publish', 'recognition:read', 'list:read', 'list:handle', 'inspection:read', 'cadre:read', 'cadre:export'];

export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  county_admin: [
    ...OFFICE,
    'org:write',
    'person:write',
    'person:read_pii',
    'person:import',
    'person:post',
    'ledger:register',
    'ledger:configure',
    'orglife:configure',
    'orglife:group',
    'dispatch:issue',
    'inspection:write',
    'inspection:accountability',
    'citizen:whistle',
    'assessment:configure',
    'assessment:score',
    'weakorg:propose',
    'funds:configure',
    'flow:act',
    'flow:configure',
    'project:configure',
    'openness:audit',
    'openness:configure',
    'training:read',
    'training:manage',
    'training:configure',
    'recognition:rate',
    'recognition:configure',
    'selection:read',
    'selection:write',
    'recognition:approve',
    'recognition:nominate',
    'recognition:consequence',
    'inspection:problem',
    'cadre:write',
    'cadre:post',
    'cadre:configure',
    'account:link',
  ],
  township_admin: [...OFFICE, 'orglife:group', 'org:write', 'person:write', 'person:import', 'person:post', 'ledger:register', 'dispatch:issue', 'inspection:write', 'inspection:accountability', 'citizen:whistle', 'assessment:score', 'weakorg:propose', 'flow:act', 'openness:audit', 'training:read', 'training:manage', 'recognition:rate', 'selection:read', 'selection:write', 'inspection:problem', 'cadre:write', 'cadre:post', 'recognition:approve', 'recognition:nominate', 'assessment:appeal', 'recognition:consequence'],
  station_admin: [...OFFICE, 'ledger:register', 'inspection:write', 'citizen:whistle', 'flow:act', 'training:read', 'training:manage', 'selection:read', 'inspection:problem', 'recognition:approve', 'assessment:appeal'],
  // a village branch keeps its own problem list (seed 003: 各级党组织的三个清单); the station still checks and closes
  village_admin: [...OFFICE, 'orglife:group', 'person:write', 'person:import', 'citizen:whistle', 'ledger:register', 'flow:act', 'training:read', 'training:manage', 'selection:read', 'inspection:problem', 'cadre:write', 'recognition:propose', 'assessment:appeal'],
  department_admin: [...OFFICE, 'orglife:group', 'person:write', 'citizen:answer', 'cadre:write'],
  auditor: ['audit:read'],
  sys_admin: ['org:read', 'account:read', 'account:create'],
  sec_admin: ['org:read', 'account:read', 'account:grant'],
  audit_admin: ['audit:read'],
};

export function actionsOf(roles: readonly Role[]): Action[] {
  const set = new Set<Action>();
  for (const role of roles) for (const a of ROLE_ACTIONS[role]) set.add(a);
  return ACTIONS.filter((a) => set.has(a));
}

export function can(roles: readonly Role[], action: Action): boolean {
  return roles.some((r) => ROLE_ACTIONS[r].includes(action));
}
