// The fixture table of the authorization matrix: one entry per route of the OpenAPI document
// (`METHOD /path`). A route missing here fails the matrix; an entry for a route that no longer
// exists fails it too. When a route is added or renamed, add its entry: what record it acts on
// (made fresh in each place by a maker), who may call it inside its scope, with what valid body.
import { designationYear, make, pastMonth, plusDays, starBoardYear, today, unique, year, type Place, type Rec } from './authorization.fixtures.js';
import { LONGJIANG_TEMPLATE } from '../modules/assessment/index.js';
import { SAMPLE_DUTIES } from '@lianxin/contract';

/** A demo username (README's demo accounts). */
export type Demo = 'county' | 'wuli' | 'yushe.station' | 'yushe' | 'jiaotong' | 'auditor' | 'sysadmin' | 'secadmin' | 'auditadmin';

/** Checks that every id a list returned is inside the caller's scope: returns the ids that are not.
 * :ids the listed ids, :prefix the scope path as a LIKE prefix, :path the scope path, :county the scope's county. */
export type Visible = string;

export type RouteFixture =
  /** Needs no session (public pages, login). */
  | { kind: 'public'; note: string }
  /** Acts on the caller's own session, account or county settings: no record to be out of scope. */
  | { kind: 'self'; note: string }
  /** A file produced from the caller's scope (export, template): answered only to allowed roles. */
  | { kind: 'file'; note: string; query?: string }
  /** A list: every returned item lies inside the caller's scope; the sibling's and the other county's records are absent. */
  | {
      kind: 'list';
      as: Demo;
      /** The query string; a function of the inside place's seed when the list is read against that record (a scheme's subjects). */
      query?: string | ((seed: Rec) => string);
      ids: (json: any) => number[];
      visible: Visible;
      /** A record made in each place before the lists are read: the inside one must be listed for `as`, the others absent. */
      seed?: keyof typeof make;
      /** The id the list shows for a seed record (default: its id). */
      seedId?: (r: Rec) => number;
      /** The sibling township's seed is in scope for everyone in the county (e.g. the county's departments). */
      siblingVisible?: boolean;
    }
  /** A summary over the caller's scope: its figure equals the same count over the scope in SQL. */
  | { kind: 'summary'; as: Demo; query?: (p: Place) => string; figure: (json: any) => number; expected: string }
  /** A route on one record: made in each place; 404 outside the caller's scope, 2xx inside with a valid body. */
  | {
      kind: 'record';
      as: Demo;
      make: (p: Place) => Promise<Rec>;
      params?: Rec;
      query?: (r: Rec) => string;
      body?: (r: Rec, p: Place) => unknown | Promise<unknown>;
      upload?: boolean;
      ok: number;
      /** Records owned by one account (jobs): outside for every other account, whatever its scope. */
      owned?: boolean;
      /** The service narrows the route's action to these demo roles (e.g. 称号 are the county's to give):
       * every other role holding the action answers 403 before any lookup. */
      only?: Demo[];
    }
  /** A create naming an org or record of a place in its body: refused for the sibling and the other county, 2xx inside. */
  | { kind: 'create'; as: Demo; body: (p: Place) => unknown | Promise<unknown>; ok: number; upload?: boolean };

const caseIn = (type: string): Visible => `SELECT id FROM cases WHERE id = ANY(:ids) AND (case_type <> '${type}' OR org_path NOT LIKE :prefix)`;
const items = (j: { items: { id: number }[] }) => j.items.map((i) => i.id);
const all = (j: { id: number }[]) => j.map((i) => i.id);
const v = (r: Rec) => Number(r.version);

export const ROUTES: Record<string, RouteFixture> = {
  'GET /api/health': { kind: 'public', note: 'health check' },
  'POST /api/auth/login': { kind: 'public', note: 'login' },
  'POST /api/auth/logout': { kind: 'self', note: 'ends the caller’s own session' },
  'GET /api/auth/me': { kind: 'self', note: 'the caller' },
  'POST /api/auth/password': { kind: 'self', note: 'the caller’s own password' },
  'POST /api/auth/totp/setup': { kind: 'self', note: 'the caller’s own second factor' },
  'POST /api/auth/totp/enable': { kind: 'self', note: 'the caller’s own second factor' },

  // 组织体系
  'GET /api/orgs/tree': { kind: 'list', as: 'wuli', seed: 'orgNode', ids: (j) => j.nodes.map((n: { id: number }) => n.id), visible: `SELECT id FROM orgs WHERE id = ANY(:ids) AND path NOT LIKE :prefix` },
  'GET /api/orgs/{id}': { kind: 'record', as: 'wuli', make: make.orgNode, ok: 200 },
  'PATCH /api/orgs/{id}': { kind: 'record', as: 'wuli', make: make.orgNode, body: (r) => ({ version: v(r), name: unique('改名党小组') }), ok: 200 },
  'DELETE /api/orgs/{id}': { kind: 'record', as: 'wuli', make: make.orgNode, query: (r) => `?version=${v(r)}`, ok: 204 },
  'POST /api/orgs': { kind: 'create', as: 'wuli', body: (p) => ({ parentId: p.org.village, type: 'party_group', name: unique('新党小组') }), ok: 201 },
  'POST /api/orgs/{id}/move': { kind: 'record', as: 'wuli', make: make.orgNode, body: (r, p) => ({ version: v(r), newParentId: p.org.village2 }), ok: 200 },
  'GET /api/station-designations': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'designation', seedId: (r) => Number(r.designationId), ids: items, visible: `SELECT d.id FROM station_designations d JOIN orgs o ON o.id = d.org_id WHERE d.id = ANY(:ids) AND o.path NOT LIKE :prefix` },
  'POST /api/orgs/{id}/designations': { kind: 'record', as: 'county', only: ['county'], make: async (p) => ({ id: p.org.station }), body: () => ({ kind: 'county_pilot', year: designationYear() }), ok: 201 },
  'DELETE /api/orgs/{id}/designations/{designationId}': { kind: 'record', as: 'county', only: ['county'], make: make.designation, ok: 204 },
  'POST /api/orgs/{id}/close': { kind: 'record', as: 'wuli', make: make.orgNode, body: (r) => ({ version: v(r) }), ok: 200 },

  // 人员与岗位
  'GET /api/people': { kind: 'list', as: 'yushe', query: '?pageSize=100&joinFrom=2010-07-01&joinTo=2010-07-01&sort=id&order=asc', seed: 'person', ids: items, visible: `SELECT id FROM persons WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'POST /api/people': { kind: 'create', as: 'yushe', body: (p) => ({ name: unique('新人'), gender: 'male', orgId: p.org.village }), ok: 201 },
  'GET /api/people/{id}': { kind: 'record', as: 'yushe', make: make.person, ok: 200 },
  'PATCH /api/people/{id}': { kind: 'record', as: 'yushe', make: make.person, body: (r) => ({ version: v(r), education: 'master' }), ok: 200 },
  'POST /api/posts': { kind: 'create', as: 'wuli', body: async (p) => ({ personId: (await make.person(p)).id, orgId: p.org.village, role: 'committee_member', startDate: '2026-01-01' }), ok: 201 },
  'POST /api/posts/{id}/end': { kind: 'record', as: 'wuli', make: make.post, body: () => ({ endDate: today }), ok: 204 },
  'GET /api/cadres': { kind: 'list', as: 'wuli', query: '?pageSize=100', seed: 'post', ids: (j) => j.items.map((i: { postId: number }) => i.postId), visible: `SELECT id FROM posts WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/reserve-cadres': { kind: 'list', as: 'wuli', query: '?pageSize=100', seed: 'reserveCadre', ids: items, visible: `SELECT id FROM reserve_cadres WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'POST /api/reserve-cadres': { kind: 'create', as: 'wuli', body: async (p) => ({ personId: (await make.person(p)).id, targetRole: '村党支部书记', addedOn: today }), ok: 201 },
  'PATCH /api/posts/{id}': { kind: 'record', as: 'wuli', make: make.post, body: () => ({ version: 1, selectionChannel: 'appointed', note: '矩阵调整' }), ok: 200 },
  'GET /api/orgs/{id}/posts': { kind: 'record', as: 'yushe', make: async (p) => ({ id: p.org.village }), ok: 200 },
  'GET /api/cadres/export': { kind: 'file', note: 'the cadre ledger of the caller\'s scope as .xlsx', query: '?role=secretary' },
  'GET /api/cadres/import/template': { kind: 'file', note: 'the empty template' },
  'GET /api/developments/export': { kind: 'file', note: 'the development board of the caller\'s scope as .xlsx (read through GET /api/developments)' },
  'GET /api/mentoring/export': { kind: 'file', note: 'the mentoring pairs of the caller\'s scope as .xlsx (read through GET /api/mentoring)' },
  'GET /api/first-secretaries/export': { kind: 'file', note: 'the first secretaries of the caller\'s scope as .xlsx (read through GET /api/first-secretaries)' },
  'POST /api/cadres/import': { kind: 'file', note: 'rows naming an org or a person outside the scope are refused row by row, nothing written (cadres-import.test.ts)' },
  'GET /api/reserve-cadres/export': { kind: 'file', note: 'the reserve pool of the caller\'s scope as .xlsx (read through GET /api/reserve-cadres)', query: '?status=active' },
  'GET /api/reserve-cadres/import/template': { kind: 'file', note: 'the empty template' },
  'POST /api/reserve-cadres/import': { kind: 'file', note: 'rows naming an org or a person outside the scope are refused row by row, nothing written (cadres-import.test.ts)' },
  'GET /api/cadres/structure': {
    kind: 'summary', as: 'wuli', figure: (j) => j.rows.reduce((n: number, r: { people: number }) => n + r.people, 0),
    expected: `SELECT count(*)::int AS n FROM (SELECT DISTINCT t.id, po.person_id FROM posts po JOIN orgs o ON o.id = po.org_id AND o.type IN ('village', 'community')
      JOIN orgs t ON t.type = 'township' AND po.org_path LIKE t.path || '%'
      WHERE po.org_path LIKE :prefix AND (po.end_date IS NULL OR po.end_date >= (now() AT TIME ZONE 'Asia/Shanghai')::date) AND po.start_date <= (now() AT TIME ZONE 'Asia/Shanghai')::date
        AND po.role IN ('secretary', 'deputy_secretary', 'committee_member', 'village_director', 'militia_head', 'youth_league_secretary', 'women_chair', 'clerk', 'supervision_director')) x`,
  },
  'POST /api/reserve-cadres/{id}/train': { kind: 'record', as: 'wuli', make: make.reserveCadre, body: () => ({ version: 1, trainedOn: today, training: '矩阵培训' }), ok: 204 },
  'POST /api/reserve-cadres/{id}/appoint': { kind: 'record', as: 'wuli', make: make.reserveCadre, body: (_r, p) => ({ version: 1, orgId: p.org.village, role: 'committee_member', startDate: today, selectionChannel: 'elected' }), ok: 201 },
  'POST /api/reserve-cadres/{id}/remove': { kind: 'record', as: 'wuli', make: make.reserveCadre, body: () => ({ version: 1, endedOn: today, reason: '矩阵出库' }), ok: 204 },

  // 发展党员
  // 小微权力
  'GET /api/flows': { kind: 'list', as: 'wuli', seed: 'flow', siblingVisible: true, ids: all, visible: `SELECT id FROM flow_templates WHERE id = ANY(:ids) AND county_id IS DISTINCT FROM :county` }, // the county's flows: every account of the county reads them
  'POST /api/flows': { kind: 'self', note: 'a flow of the caller’s county (the county’s root accounts only)' },
  'GET /api/flows/{id}': { kind: 'self', note: 'a flow of the caller’s county (another county’s answers 404: flows.test.ts)' },
  'PUT /api/flows/{id}': { kind: 'self', note: 'a flow of the caller’s county' },
  'GET /api/flow-matters': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'flowMatter', ids: items, visible: caseIn('flow_matter') },
  'POST /api/flow-matters': { kind: 'create', as: 'yushe', body: async (p) => ({ flowId: (await make.flow(p)).id, orgId: p.org.village, title: unique('矩阵事项'), summary: '矩阵' }), ok: 201 },
  'GET /api/flow-matters/board': { kind: 'summary', as: 'wuli', figure: (j) => j.total.running, expected: `SELECT count(*)::int AS n FROM cases WHERE case_type = 'flow_matter' AND status = 'running' AND org_path LIKE :prefix` },
  'GET /api/flow-matters/overdue': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'overdueFlowMatter', ids: items, visible: caseIn('flow_matter') },
  'GET /api/flow-matters/{id}': { kind: 'record', as: 'yushe', make: make.flowMatter, ok: 200 },
  'POST /api/flow-matters/{id}/steps': { kind: 'record', as: 'yushe', make: make.flowMatter, body: (r) => ({ version: v(r), stepKey: 'a', result: '同意' }), ok: 200 },
  'POST /api/flow-matters/{id}/return': { kind: 'record', as: 'wuli', make: make.flowMatterAtDecision, body: (r) => ({ version: v(r), reason: '矩阵退回' }), ok: 200 },
  'POST /api/flow-matters/{id}/cancel': { kind: 'record', as: 'yushe', make: make.flowMatter, body: (r) => ({ version: v(r), reason: '矩阵撤销' }), ok: 200 },
  'POST /api/flow-matters/{id}/documents': { kind: 'record', as: 'yushe', make: make.flowMatterAtDecision, query: () => `?document=${encodeURIComponent('决议书')}`, upload: true, ok: 201 },
  'GET /api/flow-matters/{id}/attachments/{attachmentId}': { kind: 'record', as: 'yushe', make: make.flowMatterWithDocument, ok: 200 },
  'GET /api/duty-template': { kind: 'self', note: 'the duty-list template of the caller’s county' },
  'PUT /api/duty-template': { kind: 'self', note: 'the duty-list template of the caller’s county (the county’s root accounts only)' },
  'GET /api/duty-lists/{id}': { kind: 'record', as: 'yushe', make: async (p) => ({ id: p.org.village }), ok: 200 },
  'PUT /api/duty-lists/{id}': { kind: 'record', as: 'yushe', make: async (p) => ({ id: p.org.village }), body: () => ({ posts: SAMPLE_DUTIES, version: 0 }), ok: 200 },
  'GET /api/development-path': { kind: 'self', note: 'the caller county\'s development path (a county setting)' },
  'PUT /api/development-path': { kind: 'self', note: 'a new edition of the caller\'s own county path (the county\'s root accounts only)' },
  // 项目化推进
  'GET /api/projects': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'project', ids: items, visible: caseIn('project') },
  'POST /api/projects': { kind: 'create', as: 'yushe', body: (p) => ({ title: unique('矩阵新项目'), year, aim: 'cadre', class: 'hard', orgId: p.org.village, budget: 500, milestones: [{ title: '节点', dueOn: `${year}-12-31` }] }), ok: 201 },
  'GET /api/projects/board': {
    kind: 'summary', as: 'wuli', figure: (j) => j.totals.projects,
    expected: `SELECT count(*)::int AS n FROM cases c JOIN projects p ON p.case_id = c.id WHERE c.case_type = 'project' AND c.org_path LIKE :prefix AND p.year = ${year}`,
  },
  'GET /api/projects/matrix': {
    kind: 'summary', as: 'wuli', figure: (j) => j.total,
    expected: `SELECT count(*)::int AS n FROM cases c JOIN projects p ON p.case_id = c.id WHERE c.case_type = 'project' AND c.org_path LIKE :prefix AND p.year = ${year}`,
  },
  'GET /api/projects/settings': { kind: 'self', note: 'the caller county\'s monthly report day (a county setting)' },
  'PUT /api/projects/settings': { kind: 'self', note: 'the caller county\'s monthly report day (a county setting)' },
  'GET /api/projects/{id}': { kind: 'record', as: 'yushe', make: make.project, ok: 200 },
  'PATCH /api/projects/{id}': { kind: 'record', as: 'yushe', make: make.project, body: (r) => ({ version: v(r), description: '矩阵修改' }), ok: 200 },
  'POST /api/projects/{id}/transitions/{transition}': { kind: 'record', as: 'yushe.station', make: make.project, params: { transition: 'review' }, body: (r) => ({ version: v(r) }), ok: 200 },
  'POST /api/projects/{id}/milestones': { kind: 'record', as: 'yushe', make: make.project, body: () => ({ title: '矩阵新节点', dueOn: `${year}-12-31` }), ok: 200 },
  'POST /api/projects/{id}/milestones/{milestoneId}/done': { kind: 'record', as: 'yushe', make: make.projectInProgress, body: (r) => ({ version: Number(r.milestoneVersion), doneOn: today, note: '矩阵完成' }), ok: 200 },
  'POST /api/projects/{id}/members': { kind: 'record', as: 'yushe', make: make.projectAndMember, body: (r) => ({ personId: Number(r.personId), role: '矩阵宣传员' }), ok: 200 },
  'POST /api/projects/{id}/links': { kind: 'record', as: 'wuli', only: ['county', 'wuli', 'yushe.station'], make: make.projectAndInspection, body: (r) => ({ kind: 'inspection', refId: Number(r.inspectionId) }), ok: 200 },
  'POST /api/projects/{id}/excellent': { kind: 'record', as: 'county', make: make.projectClosed, body: (r) => ({ version: v(r), excellent: true }), ok: 200 },
  'POST /api/projects/{id}/attachments': { kind: 'record', as: 'yushe', make: make.project, upload: true, ok: 201 },
  'GET /api/projects/{id}/attachments/{attachmentId}': { kind: 'record', as: 'yushe', make: make.projectFile, ok: 200 },
  'GET /api/developments': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'development', ids: items, visible: caseIn('development') },
  'POST /api/developments': { kind: 'create', as: 'yushe', body: async (p) => ({ personId: (await make.applicant(p)).id, appliedOn: today }), ok: 201 },
  'GET /api/developments/{id}': { kind: 'record', as: 'yushe', make: make.development, ok: 200 },
  'GET /api/weak-orgs/signals': { kind: 'record', as: 'wuli', make: async (p) => ({ id: p.org.township }), query: (r) => `?orgId=${r.id}`, ok: 200 },
  'GET /api/weak-orgs': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'weakOrg', ids: items, visible: caseIn('weak_org') },
  'POST /api/weak-orgs': { kind: 'create', as: 'wuli', body: async (p) => ({ orgId: (await make.newVillage(p)).id, year, reasons: ['stalled'] }), ok: 201 },
  'GET /api/weak-orgs/{id}': { kind: 'record', as: 'yushe.station', make: make.weakOrg, ok: 200 },
  'PUT /api/weak-orgs/{id}/plan': { kind: 'record', as: 'wuli', make: make.weakOrgListed, body: (r) => ({ version: v(r), leader: '包联领导', plan: '整顿方案' }), ok: 200 },
  'POST /api/weak-orgs/{id}/problems': { kind: 'record', as: 'wuli', make: make.weakOrgListed, body: () => ({ category: '作风建设', description: unique('整顿问题'), deadline: plusDays(today, 30) }), ok: 201 },
  'POST /api/weak-orgs/{id}/transitions/{transition}': { kind: 'record', as: 'county', make: make.weakOrg, params: { transition: 'confirm' }, body: (r) => ({ version: v(r) }), ok: 200 },
  'POST /api/developments/{id}/steps': { kind: 'record', as: 'yushe', make: make.development, body: () => ({ version: 1, transition: 'make_activist', date: today, checks: ['党组织派人谈话', '党员推荐或群团组织推优'] }), ok: 200 },
  'GET /api/people/import/template': { kind: 'file', note: 'the empty template' },
  'POST /api/people/import': { kind: 'file', note: 'rows naming an org outside the scope are refused row by row (people-excel.test.ts)' },
  'GET /api/people/export': { kind: 'file', note: 'the roster list’s own query (checked by GET /api/people) written to .xlsx' },
  'GET /api/jobs/{id}': { kind: 'record', as: 'yushe', make: make.job, ok: 200, owned: true },

  // 审计与账号
  'GET /api/audit': { kind: 'list', as: 'auditor', query: '?pageSize=100', ids: items, visible: `SELECT id FROM audit_log WHERE id = ANY(:ids) AND county_id IS DISTINCT FROM :county` },
  'GET /api/audit/verify': { kind: 'self', note: 'verifies the chain of the caller’s county' },
  'GET /api/accounts': { kind: 'list', as: 'sysadmin', query: '?pageSize=100', seed: 'account', ids: items, visible: `SELECT a.id FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.id = ANY(:ids) AND o.path NOT LIKE :prefix` },
  'POST /api/accounts': { kind: 'create', as: 'sysadmin', body: (p) => ({ username: unique(`matrix.new.${p.name}.`), displayName: '矩阵账号', password: 'Matrix-Account#2026', roles: ['village_admin'], scopeOrgId: p.org.village }), ok: 201 },
  'GET /api/account-links': { kind: 'list', as: 'county', query: '?q=authz.acc&pageSize=200', seed: 'account', ids: items, visible: `SELECT a.id FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.id = ANY(:ids) AND o.path NOT LIKE :prefix` },
  'GET /api/account-links/{id}': { kind: 'record', as: 'county', make: make.account, ok: 200 },
  'PUT /api/account-links/{id}': { kind: 'record', as: 'county', make: make.account, body: () => ({ personId: null }), ok: 200 },
  'PATCH /api/accounts/{id}': { kind: 'record', as: 'secadmin', make: make.account, body: () => ({ unlock: true }), ok: 204 },
  'POST /api/accounts/{id}/reset-password': { kind: 'record', as: 'sysadmin', make: make.account, body: () => ({ password: 'Matrix-Reset#2026x' }), ok: 204 },

  // 问题台账
  'POST /api/ledger/problems/import': { kind: 'file', note: 'rows naming an org outside the scope are refused row by row (ledger.test.ts)' },
  'GET /api/ledger/problems/export': { kind: 'file', note: 'the ledger list’s own query (checked by GET /api/ledger/problems) written to .xlsx' },
  'GET /api/ledger/problems': { kind: 'list', as: 'wuli', query: '?pageSize=100', seed: 'problem', ids: items, visible: caseIn('problem') },
  'POST /api/ledger/problems': { kind: 'create', as: 'wuli', body: (p) => ({ orgId: p.org.village, source: 'other', category: '作风建设', description: unique('新问题'), deadline: plusDays(today, 10) }), ok: 201 },
  'GET /api/ledger/problems/counts': { kind: 'summary', as: 'wuli', figure: (j) => j.total, expected: `SELECT count(*)::int AS n FROM cases WHERE case_type = 'problem' AND org_path LIKE :prefix` },
  'GET /api/ledger/problems/{id}': { kind: 'record', as: 'yushe', make: make.problem, ok: 200 },
  'POST /api/ledger/problems/{id}/transitions/{transition}': { kind: 'record', as: 'yushe', make: make.problem, params: { transition: 'start' }, body: (r) => ({ version: v(r), measures: '立行立改' }), ok: 200 },
  'POST /api/ledger/problems/{id}/supervisions': { kind: 'record', as: 'yushe.station', make: make.problem, body: () => ({ text: '到村督办' }), ok: 200 },
  'POST /api/ledger/problems/{id}/comments': { kind: 'record', as: 'yushe', make: make.problem, body: () => ({ text: '已安排' }), ok: 200 },
  'POST /api/ledger/problems/{id}/attachments': { kind: 'record', as: 'yushe', make: make.problem, upload: true, ok: 201 },
  'GET /api/ledger/problems/{id}/attachments/{attachmentId}': { kind: 'record', as: 'yushe', make: make.problemWithAttachment, ok: 200 },
  'GET /api/ledger/problems/{id}/verify': { kind: 'record', as: 'yushe', make: make.problem, ok: 200 },
  'GET /api/ledger/stats': { kind: 'summary', as: 'wuli', figure: (j) => j.node.total, expected: `SELECT count(*)::int AS n FROM cases WHERE case_type = 'problem' AND org_path LIKE :prefix` },
  'GET /api/ledger/settings': { kind: 'self', note: 'the settings of the caller’s county' },
  'PUT /api/ledger/settings': { kind: 'self', note: 'the settings of the caller’s county' },
  'GET /api/public/ledger/counties': { kind: 'public', note: 'counties with a public closure page' },
  'GET /api/public/counties/{id}/closures': { kind: 'public', note: 'published closures, no personal data' },

  // 三个清单
  'GET /api/tasks': { kind: 'list', as: 'wuli', query: `?year=${year}&pageSize=200`, seed: 'task', ids: items, visible: caseIn('task') },
  'GET /api/tasks/{id}': { kind: 'record', as: 'yushe', make: make.task, ok: 200 },
  'POST /api/tasks': { kind: 'create', as: 'wuli', body: (p) => ({ orgId: p.org.township, year, content: unique('新任务'), ownerOrgId: p.org.village, deadline: plusDays(today, 10) }), ok: 201 },
  'POST /api/tasks/{id}/transitions/{transition}': { kind: 'record', as: 'yushe', make: make.task, params: { transition: 'start' }, body: (r) => ({ version: v(r) }), ok: 200 },
  'GET /api/responsibilities': { kind: 'list', as: 'yushe', query: `?year=${year}&pageSize=200`, seed: 'responsibility', ids: items, visible: `SELECT id FROM responsibilities WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/responsibilities/{id}': { kind: 'record', as: 'yushe', make: make.responsibility, ok: 200 },
  'POST /api/responsibilities': { kind: 'create', as: 'yushe', body: (p) => ({ orgId: p.org.village, year, postRole: 'secretary', duty: unique('新职责') }), ok: 201 },
  'DELETE /api/responsibilities/{id}': { kind: 'record', as: 'yushe', make: make.responsibility, query: (r) => `?version=${v(r)}`, ok: 204 },

  // 两下两上
  'POST /api/directives': { kind: 'create', as: 'wuli', body: (p) => ({ kind: 'notice', title: unique('新通知'), dueDate: plusDays(today, 3), targets: { orgIds: [p.org.station] } }), ok: 201 },
  'GET /api/directives/sent': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'directive', ids: items, visible: `SELECT id FROM directives WHERE id = ANY(:ids) AND issuer_path NOT LIKE :prefix` },
  'GET /api/directives/series': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'series', ids: items, visible: `SELECT id FROM directive_series WHERE id = ANY(:ids) AND issuer_path NOT LIKE :prefix AND :path NOT LIKE issuer_path || '%'` },
  'GET /api/directives/series/{id}': { kind: 'record', as: 'wuli', make: make.series, ok: 200 },
  'PATCH /api/directives/series/{id}': { kind: 'record', as: 'wuli', make: make.series, body: () => ({ active: false }), ok: 200 },
  'GET /api/directives/following': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'countyDirective', ids: items, visible: `SELECT d.id FROM directives d WHERE d.id = ANY(:ids) AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.directive_id = d.id AND a.org_path LIKE :prefix)` },
  'GET /api/directives/{id}': { kind: 'record', as: 'wuli', make: make.directive, ok: 200 },
  'GET /api/directives/{id}/board': { kind: 'record', as: 'wuli', make: make.directive, ok: 200 },
  'POST /api/directives/{id}/close': { kind: 'record', as: 'wuli', make: make.directive, body: (r) => ({ version: Number(r.directiveVersion) }), ok: 204 },
  'GET /api/inbox': { kind: 'list', as: 'yushe.station', query: '?all=true&pageSize=200', seed: 'directive', seedId: (r) => Number(r.assignmentId), ids: items, visible: `SELECT id FROM assignments WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/assignments/{id}': { kind: 'record', as: 'yushe.station', make: make.directive, params: {}, ok: 200 },
  'POST /api/assignments/{id}/fan-out': { kind: 'record', as: 'yushe.station', make: make.directive, body: (_r, p) => ({ content: '请各村落实', orgIds: [p.org.village], dueDate: plusDays(today, 3) }), ok: 201 },
  'GET /api/assignments/{id}/compile': { kind: 'record', as: 'yushe.station', make: make.directive, ok: 200 },
  'POST /api/directives/{id}/attachments': { kind: 'record', as: 'wuli', make: make.directive, upload: true, ok: 201 },
  'POST /api/assignments/{id}/attachments': { kind: 'record', as: 'yushe.station', make: make.directive, upload: true, ok: 201 },
  'GET /api/dispatch-files/{id}': { kind: 'record', as: 'wuli', make: make.dispatchFile, ok: 200 },
  'POST /api/assignments/{id}/report': { kind: 'record', as: 'yushe.station', make: make.directive, body: (r) => ({ version: Number(r.assignmentVersion), outcome: 'done', text: '已完成' }), ok: 200 },

  // 督查问责
  'GET /api/inspections': { kind: 'list', as: 'yushe.station', query: '?pageSize=200', seed: 'inspection', ids: items, visible: `SELECT id FROM inspections WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix AND NOT EXISTS (SELECT 1 FROM unnest(target_paths) tp WHERE tp LIKE :prefix)` },
  'POST /api/inspections': { kind: 'create', as: 'yushe.station', body: (p) => ({ kind: 'station_biweekly', inspectedOn: today, inspectors: '站长', targetOrgIds: [p.org.village] }), ok: 201 },
  'GET /api/inspections/{id}': { kind: 'record', as: 'yushe.station', make: make.inspection, ok: 200 },
  'POST /api/inspections/{id}/findings/{findingId}/problem': { kind: 'record', as: 'yushe.station', make: make.inspection, body: () => ({ category: '作风建设', deadline: plusDays(today, 20) }), ok: 201 },
  'GET /api/bulletins': { kind: 'list', as: 'yushe.station', query: '?pageSize=200', seed: 'bulletin', ids: items, visible: `SELECT id FROM dispatch_calls WHERE kind = 'bulletin' AND id = ANY(:ids) AND caller_path NOT LIKE :prefix AND :path NOT LIKE caller_path || '%'` },
  'GET /api/bulletins/{id}': { kind: 'record', as: 'yushe.station', make: make.bulletin, ok: 200 },
  'POST /api/bulletins': { kind: 'create', as: 'wuli', body: async (p) => ({ title: unique('新通报'), content: '通报内容', inspectionId: (await make.inspection(p)).id }), ok: 201 },
  'GET /api/accountability': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'accountability', ids: items, visible: `SELECT id FROM accountability_records WHERE id = ANY(:ids) AND target_path NOT LIKE :prefix` },
  'GET /api/accountability/{id}': { kind: 'record', as: 'wuli', make: make.accountability, ok: 200 },
  'POST /api/accountability': { kind: 'create', as: 'wuli', body: (p) => ({ kind: 'talk', targetOrgId: p.org.village, reason: '资料不全', decidedOn: today }), ok: 201 },

  // 服务群众
  'GET /api/requests': { kind: 'list', as: 'yushe.station', query: '?pageSize=100', seed: 'request', ids: items, visible: caseIn('request') },
  'POST /api/requests': { kind: 'create', as: 'yushe.station', body: (p) => ({ orgId: p.org.station, channel: 'station', category: 'errand', citizenName: '张大妈', matter: unique('路灯坏了') }), ok: 201 },
  'GET /api/requests/{id}': { kind: 'record', as: 'yushe.station', make: make.request, ok: 200 },
  'POST /api/requests/{id}/transitions/{transition}': { kind: 'record', as: 'yushe.station', make: make.request, params: { transition: 'claim' }, body: (r) => ({ version: v(r) }), ok: 200 },
  'POST /api/requests/{id}/reveal-phone': { kind: 'record', as: 'yushe.station', make: make.claimedRequest, ok: 200 },
  'POST /api/requests/{id}/hand-over': { kind: 'record', as: 'yushe.station', make: make.claimedRequest, body: async (_r, p) => ({ toAccountId: await accountIdOf(p, 'township'), note: '请镇上牵头' }), ok: 200 },
  'GET /api/requests/{id}/attachments/{attachmentId}': { kind: 'record', as: 'yushe.station', make: (p) => make.requestWithPhoto(p, anonymousClient!), ok: 200 },
  'GET /api/requests/{id}/hand-over-candidates': { kind: 'record', as: 'yushe.station', make: make.claimedRequest, ok: 200 },
  'POST /api/requests/{id}/messages': { kind: 'record', as: 'yushe.station', make: make.claimedRequest, body: () => ({ text: '正在办理', public: true }), ok: 200 },
  'POST /api/requests/{id}/report-up': { kind: 'record', as: 'yushe.station', make: make.claimedRequest, body: () => ({ text: '需镇上协调' }), ok: 200 },
  'GET /api/requests/stats': { kind: 'summary', as: 'yushe.station', figure: (j) => j.node.requests, expected: `SELECT count(*)::int AS n FROM cases WHERE case_type = 'request' AND org_path LIKE :prefix` },
  'POST /api/whistles': { kind: 'create', as: 'yushe.station', body: async (p) => ({ sourceCaseId: (await make.request(p)).id, matter: unique('吹哨'), departmentIds: [p.org.dept] }), ok: 201 },
  'GET /api/whistles': { kind: 'list', as: 'yushe.station', query: '?pageSize=200', seed: 'whistle', ids: items, visible: `SELECT w.id FROM dispatch_calls w WHERE w.kind = 'whistle' AND w.id = ANY(:ids) AND w.caller_path NOT LIKE :prefix AND NOT EXISTS (SELECT 1 FROM dispatch_call_answers p WHERE p.kind = w.kind AND p.call_id = w.id AND p.org_path LIKE :prefix)` },
  'GET /api/whistles/load': { kind: 'summary', as: 'wuli', figure: (j) => j.whistlers.reduce((s: number, w: { whistles: number }) => s + w.whistles, 0), expected: `SELECT count(*)::int AS n FROM dispatch_calls WHERE kind = 'whistle' AND caller_path LIKE :prefix` }, // who whistled, within the scope (the departments' load is county-wide: they answer the whole county)
  'GET /api/whistles/departments': { kind: 'list', as: 'yushe.station', seed: 'department', siblingVisible: true, ids: all, visible: `SELECT id FROM orgs WHERE id = ANY(:ids) AND (type <> 'department' OR county_id IS DISTINCT FROM :county)` },
  'GET /api/whistles/{id}': { kind: 'record', as: 'yushe.station', make: make.whistle, ok: 200 },
  'GET /api/whistles/{id}/source': { kind: 'record', as: 'yushe.station', make: make.whistle, ok: 200 },
  'POST /api/whistle-parts/{id}/judicial-transfer': { kind: 'record', as: 'yushe.station', make: make.whistle, params: {}, body: (r) => ({ version: Number(r.partVersion), note: '移交派出所' }), ok: 200 },
  'POST /api/whistle-parts/{id}/actions': { kind: 'record', as: 'jiaotong', make: make.whistle, params: {}, body: (r) => ({ version: Number(r.partVersion), action: 'report' }), ok: 200 },
  'POST /api/whistle-parts/{id}/reroute': { kind: 'record', as: 'yushe.station', make: make.declinedPart, params: {}, body: async (_r, p) => ({ departmentId: await otherDepartment(p) }), ok: 200 },
  'POST /api/visits': { kind: 'create', as: 'yushe', body: (p) => ({ orgId: p.org.village, cadreLevel: 'village', household: unique('某户'), visitedOn: today, heard: '取暖困难' }), ok: 201 },
  'GET /api/visits': { kind: 'list', as: 'yushe', seed: 'visit', ids: items, visible: `SELECT id FROM visits WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/visits/{id}': { kind: 'record', as: 'yushe', make: make.visit, ok: 200 },
  'POST /api/households': { kind: 'create', as: 'yushe', body: (p) => ({ orgId: p.org.village, headName: unique('户主'), categories: ['sick'] }), ok: 201 },
  'GET /api/households': { kind: 'list', as: 'yushe', query: '?pageSize=200', seed: 'household', ids: items, visible: `SELECT id FROM households WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/households/{id}': { kind: 'record', as: 'yushe', make: make.household, ok: 200 },
  'GET /api/grids/{id}': { kind: 'record', as: 'yushe', make: make.grid, query: () => `?year=${year}`, ok: 200 },
  'POST /api/grids/{id}/registrations': { kind: 'record', as: 'yushe', make: make.grid, body: async (_r, p) => ({ personId: (await make.person(p)).id, registeredOn: today }), ok: 201 },
  'POST /api/grid-registrations/{id}/deeds': { kind: 'record', as: 'yushe', make: make.gridRegistration, body: () => ({ doneOn: today, description: '代购药品' }), ok: 201 },
  'GET /api/cards/{id}': { kind: 'record', as: 'yushe.station', make: async (p) => ({ id: p.org.station }), ok: 200 },
  'GET /api/cards/{id}/posts': { kind: 'record', as: 'yushe.station', make: async (p) => ({ id: p.org.station }), ok: 200 },
  'GET /api/cards/{id}/qr.svg': { kind: 'record', as: 'yushe.station', make: async (p) => ({ id: p.org.village }), ok: 200 },
  'POST /api/public/track': { kind: 'public', note: 'tracking code and phone in the body' },
  'POST /api/public/track/rating': { kind: 'public', note: 'tracking code and phone in the body' },
  'GET /api/public/units/{id}': { kind: 'public', note: 'a unit’s public page (contact card)' },
  'GET /api/public/challenge': { kind: 'public', note: 'the anti-bot question' },
  'POST /api/public/requests': { kind: 'public', note: 'a citizen submits' },
  'POST /api/public/requests/{code}/photo': { kind: 'public', note: 'tracking code and phone' },
  // 组织生活
  'GET /api/orglife/settings': { kind: 'self', note: 'the rules of the caller’s county' },
  'PUT /api/orglife/settings': { kind: 'self', note: 'the rules of the caller’s county' },
  'GET /api/orglife/units/{id}/roster': { kind: 'record', as: 'yushe', make: async (p) => ({ id: p.org.village }), ok: 200 },
  'POST /api/orglife/meetings': { kind: 'create', as: 'yushe', body: async (p) => ({ orgId: p.org.village, typeCode: 'committee', heldOn: today, place: '村委会', host: '书记', topic: unique('支委会'), attendees: [{ personId: (await make.person(p)).id, present: true }] }), ok: 201 },
  'GET /api/orglife/meetings': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'meeting', ids: items, visible: `SELECT id FROM meetings WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/orglife/meetings/{id}': { kind: 'record', as: 'yushe', make: make.meeting, ok: 200 },
  'POST /api/orglife/meetings/{id}/sit-ins': { kind: 'record', as: 'yushe.station', only: ['county', 'wuli', 'yushe.station'], make: make.meeting, body: () => ({ attendee: '站长', opinion: '同意' }), ok: 201 },
  'POST /api/orglife/meetings/{id}/files': { kind: 'record', as: 'yushe', make: make.meeting, upload: true, ok: 201 },
  'GET /api/orglife/meetings/{id}/files/{attachmentId}': { kind: 'record', as: 'yushe', make: make.meetingFile, ok: 200 },
  'DELETE /api/orglife/meetings/{id}/files/{attachmentId}': { kind: 'record', as: 'yushe', make: make.meetingFile, ok: 204 },
  'GET /api/orglife/units/{id}/party-groups': { kind: 'record', as: 'yushe', make: async (p) => ({ id: p.org.village }), ok: 200 },
  'POST /api/orglife/units/{id}/party-groups': { kind: 'record', as: 'yushe', make: async (p) => ({ id: p.org.village }), body: () => ({ name: unique('矩阵党小组') }), ok: 201 },
  'GET /api/orglife/party-groups/{id}': { kind: 'record', as: 'yushe', make: make.partyGroup, ok: 200 },
  'PUT /api/orglife/party-groups/{id}': { kind: 'record', as: 'yushe', make: make.partyGroup, body: (r) => ({ version: v(r), name: unique('矩阵党小组改') }), ok: 200 },
  'DELETE /api/orglife/party-groups/{id}': { kind: 'record', as: 'yushe', make: make.partyGroup, query: (r) => `?version=${v(r)}`, ok: 204 },
  'GET /api/orglife/minutes-book': { kind: 'file', note: 'the meetings list’s own query (checked by GET /api/orglife/meetings) written to .xlsx' },
  'GET /api/orglife/minutes-book/pdf': { kind: 'file', note: 'the same book as GET /api/orglife/minutes-book, set as an A4 PDF (scope 404 in orglife-pdf.test.ts)' },
  'POST /api/orglife/consultations': { kind: 'create', as: 'yushe.station', body: (p) => ({ orgId: p.org.station, heldOn: today, topic: unique('会商'), participants: '站长、副站长', decision: '报镇党委审定' }), ok: 201 },
  'GET /api/orglife/consultations': { kind: 'list', as: 'wuli', seed: 'consultation', query: '?pageSize=200', ids: items, visible: caseIn('consultation') },
  'GET /api/orglife/consultations/{id}': { kind: 'record', as: 'yushe.station', make: make.consultation, ok: 200 },
  'POST /api/orglife/consultations/{id}/transitions/{transition}': { kind: 'record', as: 'wuli', make: make.consultation, params: { transition: 'agree' }, body: (r) => ({ version: v(r), body: '同意' }), ok: 200 },
  'GET /api/orglife/board': { kind: 'summary', as: 'wuli', figure: (j) => j.total.units, expected: `SELECT count(*)::int AS n FROM orgs WHERE path LIKE :prefix AND status = 'active' AND type IN ('village', 'community')` },
  'POST /api/orglife/filings': { kind: 'create', as: 'yushe', body: (p) => ({ orgId: p.org.village, plannedOn: plusDays(today, 3), activityKind: 'study', place: '村委会', plan: unique('学习') }), ok: 201 },
  'GET /api/orglife/filings': { kind: 'list', as: 'wuli', seed: 'filing', query: '?pageSize=200', ids: items, visible: caseIn('theme_day') },
  'GET /api/orglife/filings/{id}': { kind: 'record', as: 'yushe', make: make.filing, ok: 200 },
  'POST /api/orglife/filings/{id}/transitions/{transition}': { kind: 'record', as: 'wuli', make: make.filing, params: { transition: 'approve' }, body: (r) => ({ version: v(r) }), ok: 200 },
  'GET /api/home/today': { kind: 'self', note: 'the caller’s own to-do list over its scope and roles' },
  'GET /api/home/todos': { kind: 'self', note: 'counts over the caller’s scope, each the filter of the list it links to' },

  // 考核
  'GET /api/assessment/schemes': { kind: 'list', as: 'wuli', seed: 'assessmentScheme', siblingVisible: true, query: '?pageSize=200', ids: items, visible: `SELECT id FROM assessment_schemes WHERE id = ANY(:ids) AND county_id IS DISTINCT FROM :county` }, // the county's schemes: every account of the county reads them
  'POST /api/assessment/schemes': { kind: 'self', note: 'a draft scheme of the caller’s county (the county’s root accounts only)' },
  'GET /api/assessment/schemes/{id}': { kind: 'self', note: 'a scheme of the caller’s county, read by every account of the county by design; another county’s answers 404 (assessment.test.ts)' },
  'GET /api/assessment/schemes/{id}/export': { kind: 'self', note: 'a scheme of the caller’s county as .xlsx (the detail’s own read, county-wide by design)' },
  'POST /api/assessment/schemes/import': { kind: 'file', note: 'a draft of the caller’s county from .xlsx (assessment.test.ts: round trip and refused rows)' },
  'PUT /api/assessment/schemes/{id}': { kind: 'record', as: 'county', make: make.assessmentDraft, body: (r) => ({ version: v(r), name: unique('矩阵指标体系'), totalPoints: 100, tree: LONGJIANG_TEMPLATE }), ok: 200 },
  'POST /api/assessment/schemes/{id}/publish': { kind: 'record', as: 'county', make: make.assessmentDraft, body: (r) => ({ version: v(r) }), ok: 200 },
  'POST /api/assessment/schemes/{id}/copy': { kind: 'record', as: 'county', make: make.assessmentScheme, body: () => ({ year: year + 1 }), ok: 201 },
  'GET /api/assessment/sheets': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'scoreSheet', ids: items, visible: caseIn('score_sheet') },
  'POST /api/assessment/sheets/batch': { kind: 'self', note: 'opens the month’s sheets of the units of the caller’s own scope, the scheme read in the caller’s county (bases.test.ts: exactly the township’s villages)' },
  'POST /api/assessment/sheets': { kind: 'create', as: 'wuli', body: async (p) => ({ schemeId: (await make.assessmentScheme(p)).id, orgId: p.org.village, period: today.slice(0, 7) }), ok: 201 },
  'GET /api/assessment/sheets/{id}': { kind: 'record', as: 'wuli', make: make.scoreSheet, ok: 200 },
  'PUT /api/assessment/sheets/{id}/scores': { kind: 'record', as: 'wuli', make: make.scoreSheet, body: (r) => ({ version: v(r), scores: [] }), ok: 200 },
  'POST /api/assessment/sheets/{id}/transitions/{transition}': { kind: 'record', as: 'wuli', make: make.scoreSheet, params: { transition: 'submit' }, body: (r) => ({ version: v(r) }), ok: 200 },
  'POST /api/assessment/sheets/{id}/correct': { kind: 'record', as: 'wuli', make: make.lockedSheet, ok: 201 },
  'POST /api/assessment/sheets/{id}/appeal/files': { kind: 'record', as: 'yushe', make: make.appealedSheet, upload: true, ok: 201 },
  'GET /api/assessment/sheets/{id}/appeal/files/{fileId}': { kind: 'record', as: 'yushe.station', make: make.appealFile, ok: 200 },
  'POST /api/assessment/sheets/{id}/appeal': { kind: 'record', as: 'yushe', make: make.villageSheet, body: (r) => ({ version: v(r), reason: '矩阵申诉理由', evidence: '矩阵申诉佐证' }), ok: 200 },
  'GET /api/assessment/settings': { kind: 'self', note: 'the caller county\'s appeal window (a county setting)' },
  'PUT /api/assessment/settings': { kind: 'self', note: 'the caller county\'s appeal window (the county\'s root accounts only; assessment.test.ts)' },
  'GET /api/assessment/subsidies': { kind: 'list', as: 'wuli', query: `?year=${year}`, seed: 'post', ids: (j) => j.rows.map((r: { postId: number }) => r.postId), visible: `SELECT id FROM posts WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/assessment/subsidies/export': { kind: 'file', note: 'the subsidies list’s own rows (checked by GET /api/assessment/subsidies) written to .xlsx', query: `?year=${year}` },
  // 三务公开 · 财务审计 · 台账
  'GET /api/openness/settings': { kind: 'self', note: 'the settings of the caller’s county' },
  'PUT /api/openness/settings': { kind: 'self', note: 'the settings of the caller’s county' },
  'GET /api/openness/disclosures': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'disclosure', ids: items, visible: `SELECT id FROM disclosures WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'POST /api/openness/disclosures': { kind: 'create', as: 'yushe', body: (p) => ({ orgId: p.org.village, kind: 'party', period: pastMonth(), items: [{ title: unique('矩阵党务'), content: '内容' }] }), ok: 201 },
  'GET /api/openness/disclosures/{id}': { kind: 'record', as: 'yushe', make: make.disclosure, ok: 200 },
  'PUT /api/openness/disclosures/{id}/draft': { kind: 'record', as: 'yushe', make: make.disclosure, body: (r) => ({ version: v(r), items: [{ title: '改后的事项', content: '' }] }), ok: 200 },
  'POST /api/openness/disclosures/{id}/photo': { kind: 'record', as: 'yushe', make: make.disclosure, upload: true, ok: 201 },
  'POST /api/openness/disclosures/{id}/attachments': { kind: 'record', as: 'yushe', make: make.disclosure, upload: true, ok: 201 },
  'GET /api/openness/disclosures/{id}/files/{fileId}': { kind: 'record', as: 'yushe', make: make.disclosureWithPhoto, ok: 200 },
  'POST /api/openness/disclosures/{id}/publish': { kind: 'record', as: 'yushe', make: make.disclosureWithPhoto, body: (r) => ({ version: v(r) }), ok: 200 },
  'POST /api/openness/disclosures/{id}/corrections': { kind: 'record', as: 'yushe', make: make.publishedDisclosure, body: () => ({ reason: '金额更正' }), ok: 201 },
  'GET /api/openness/board': { kind: 'summary', as: 'wuli', figure: (j) => j.total.units, expected: `SELECT count(*)::int AS n FROM orgs WHERE path LIKE :prefix AND status = 'active' AND type IN ('village', 'community')` },
  'GET /api/openness/audits': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'financeAudit', ids: items, visible: `SELECT id FROM finance_audits WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'POST /api/openness/audits': { kind: 'create', as: 'wuli', body: (p) => ({ orgId: p.org.village, period: pastMonth(), auditedOn: today, auditor: '经管站', conclusion: '规范', findings: [] }), ok: 201 },
  'GET /api/openness/audits/{id}': { kind: 'record', as: 'wuli', make: make.financeAudit, ok: 200 },
  'POST /api/openness/audits/{id}/findings/{findingId}/problem': { kind: 'record', as: 'wuli', make: make.financeAudit, body: () => ({ category: '党风廉政建设', deadline: plusDays(today, 30) }), ok: 201 },
  'GET /api/openness/registers': { kind: 'record', as: 'yushe', make: async (p) => ({ orgId: p.org.village }), query: (r) => `?orgId=${r.orgId}`, ok: 200 },
  'GET /api/openness/registers/{code}': { kind: 'record', as: 'yushe', make: async (p) => ({ code: 'disclosures', orgId: p.org.village }), query: (r) => `?orgId=${r.orgId}`, ok: 200 },
  'GET /api/openness/registers/{code}/xlsx': { kind: 'record', as: 'yushe', make: async (p) => ({ code: 'meetings', orgId: p.org.village }), query: (r) => `?orgId=${r.orgId}`, ok: 200 },
  'GET /api/openness/registers/{code}/pdf': { kind: 'record', as: 'yushe', make: async (p) => ({ code: 'meetings', orgId: p.org.village }), query: (r) => `?orgId=${r.orgId}`, ok: 200 },
  'POST /api/openness/registers/{code}/rows': { kind: 'record', as: 'yushe', make: async (p) => ({ code: 'dues', orgId: p.org.village }), body: (r) => ({ orgId: r.orgId, entryDate: today, cells: { c1: '张三', c3: '20' } }), ok: 201 },
  'GET /api/public/units/{id}/disclosures': { kind: 'public', note: 'a unit’s published disclosures: citizens read them without logging in' },
  'GET /api/public/disclosures/{id}/files/{fileId}': { kind: 'public', note: 'the board photo or an attachment of a published revision only (openness.test.ts)' },
  'GET /api/assessment/subjects': { kind: 'list', as: 'wuli', seed: 'firstSecretarySubject', query: (r) => `?schemeId=${r.schemeId}&period=2011-12`, ids: items, visible: `SELECT id FROM posts WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/assessment/project-ranking': { kind: 'list', as: 'wuli', query: `?year=${year}`, seed: 'publishedProjectSheet', seedId: (r) => Number(r.projectId), ids: (j) => j.rows.map((r: { projectId: number }) => r.projectId), visible: caseIn('project') },
  'GET /api/assessment/results': { kind: 'list', as: 'wuli', query: `?year=${year}&period=${today.slice(0, 7)}`, seed: 'publishedSheet', ids: (j) => j.rows.map((r: { sheetId: number }) => r.sheetId), visible: caseIn('score_sheet') },

  // 经费、报酬、表彰与阵地 (funds module)
  'GET /api/funds/standards': { kind: 'self', note: 'the caller county’s fund standards (a county setting)' },
  'PUT /api/funds/standards': { kind: 'self', note: 'the caller county’s fund standards (the county’s root accounts only)' },
  'POST /api/funds/standards/copy': { kind: 'self', note: 'the caller county’s fund standards copied to another year' },
  'GET /api/funds/allocations': { kind: 'list', as: 'wuli', query: `?year=${year}`, seed: 'allocation', ids: items, visible: `SELECT id FROM fund_allocations WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'POST /api/funds/allocations': { kind: 'create', as: 'county', body: async (p) => ({ orgId: (await make.orgNode(p)).id, year, line: 'party_building', amountFen: 50_000, reason: '矩阵下达' }), ok: 201 },
  'POST /api/funds/allocations/apply': { kind: 'self', note: 'the standards applied to the units of the caller’s own scope (funds.test.ts: in scope per level)' },
  'GET /api/funds/allocations/{id}': { kind: 'record', as: 'yushe', make: make.allocation, ok: 200 },
  'PATCH /api/funds/allocations/{id}': { kind: 'record', as: 'county', make: make.allocation, body: (r) => ({ version: v(r), amountFen: 120_000, reason: '矩阵调整' }), ok: 200 },
  'POST /api/funds/allocations/{id}/spendings': { kind: 'record', as: 'yushe', make: make.allocation, body: () => ({ spentOn: today, amountFen: 100, purpose: '矩阵支出' }), ok: 201 },
  'POST /api/funds/spendings/{id}/voucher': { kind: 'record', as: 'yushe', make: make.spending, upload: true, ok: 204 },
  'GET /api/funds/spendings/{id}': { kind: 'record', as: 'yushe', make: make.spending, ok: 200 },
  'GET /api/funds/spendings/{id}/voucher': { kind: 'record', as: 'yushe', make: make.spendingWithVoucher, ok: 200 },
  'GET /api/funds/rollup': { kind: 'summary', as: 'wuli', query: () => `?year=${year}`, figure: (j) => j.total.allocatedFen, expected: `SELECT coalesce(sum(amount_fen), 0)::int AS n FROM fund_allocations WHERE org_path LIKE :prefix AND year = ${year}` },
  'GET /api/funds/export': { kind: 'file', note: 'the allocations list’s own rows (checked by GET /api/funds/allocations) and their spending as .xlsx', query: `?year=${year}` },
  'GET /api/funds/allowances': { kind: 'list', as: 'wuli', query: `?year=${year}`, seed: 'post', ids: (j) => j.items.flatMap((r: { posts: { postId: number }[] }) => r.posts.map((p) => p.postId)), visible: `SELECT id FROM posts WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/funds/allowances/export': { kind: 'file', note: 'the allowances list’s own rows (checked by GET /api/funds/allowances) written to .xlsx', query: `?year=${year}` },
  'GET /api/funds/former-cadres': { kind: 'list', as: 'wuli', query: `?year=${year}`, ids: (j) => j.items.map((r: { person: { id: number } }) => r.person.id), visible: `SELECT id FROM persons WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'PUT /api/funds/former-cadre-rule': { kind: 'self', note: 'the caller county’s former-cadre allowance rule' },
  'GET /api/funds/awards': { kind: 'list', as: 'wuli', query: `?year=${year}`, seed: 'award', ids: (j) => j.items.filter((i: { source: string }) => i.source === 'award').map((i: { id: number }) => i.id), visible: `SELECT id FROM fund_awards WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'POST /api/funds/awards': { kind: 'create', as: 'county', body: (p) => ({ orgId: p.org.village, year, title: unique('矩阵奖励'), amountFen: 2_000_000 }), ok: 201 },
  'GET /api/facilities/templates': { kind: 'self', note: 'the caller county’s checklist items (a county setting)' },
  'PUT /api/facilities/templates/{kind}': { kind: 'self', note: 'the caller county’s checklist items (the county’s root accounts only)' },
  'GET /api/facilities/board': { kind: 'summary', as: 'wuli', query: () => '?kind=village_ten', figure: (j) => j.total.units, expected: `SELECT count(*)::int AS n FROM orgs WHERE path LIKE :prefix AND status = 'active' AND type IN ('village', 'community')` },
  'GET /api/facilities/units/{id}/checklists/{kind}': { kind: 'record', as: 'yushe', make: async (p) => ({ id: p.org.village }), params: { kind: 'village_ten' }, ok: 200 },
  'PUT /api/facilities/units/{id}/checklists/{kind}': { kind: 'record', as: 'yushe', make: make.checklist, params: { kind: 'village_ten' }, body: (r) => ({ version: v(r), items: [{ key: 'venue', met: true }] }), ok: 200 },
  'POST /api/facilities/units/{id}/checklists/{kind}/items/{key}/photo': { kind: 'record', as: 'yushe', make: async (p) => ({ id: p.org.village }), params: { kind: 'village_ten', key: 'computer' }, upload: true, ok: 201 },
  'GET /api/facilities/units/{id}/checklists/{kind}/items/{key}/photo': { kind: 'record', as: 'yushe', make: make.checklistPhoto, params: { kind: 'village_ten', key: 'venue' }, ok: 200 },
  'GET /api/venues': { kind: 'list', as: 'wuli', seed: 'venue', ids: items, visible: `SELECT id FROM venues WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'POST /api/venues': { kind: 'create', as: 'yushe', body: (p) => ({ orgId: p.org.village, kind: 'service_station', name: unique('矩阵便民服务站'), condition: 'good', open24h: false, hours: '8:30-17:30' }), ok: 201 },
  'PATCH /api/venues/{id}': { kind: 'record', as: 'yushe', make: make.venue, body: (r) => ({ version: v(r), condition: 'needs_repair' }), ok: 200 },
  'GET /api/venues/{id}/shifts': { kind: 'record', as: 'yushe', make: make.venue, ok: 200 },
  'GET /api/venues/{id}/duty-candidates': { kind: 'record', as: 'yushe', make: make.venue, ok: 200 },
  'POST /api/venues/{id}/shifts': { kind: 'record', as: 'yushe', make: make.venueWithPerson, body: (r) => ({ personId: r.personId, startsAt: `${today}T08:00:00+08:00`, endsAt: `${today}T20:00:00+08:00` }), ok: 201 },
  'GET /api/duty-shifts/{id}': { kind: 'record', as: 'yushe', make: make.dutyShift, ok: 200 },
  'DELETE /api/duty-shifts/{id}': { kind: 'record', as: 'yushe', make: make.dutyShift, ok: 204 },
  'GET /api/accounts/{id}': { kind: 'record', as: 'sysadmin', make: make.account, ok: 200 },
  'GET /api/reserve-cadres/{id}': { kind: 'record', as: 'wuli', make: make.reserveCadre, ok: 200 },
  'GET /api/funds/awards/{id}': { kind: 'record', as: 'wuli', make: make.award, ok: 200 },
  'GET /api/funds/allowance-standards': { kind: 'self', note: 'the caller county’s allowance standards of a year (a county setting)' },
  'PUT /api/funds/allowance-standards': { kind: 'self', note: 'the caller county’s allowance standards (the county’s root accounts only)' },
  'GET /api/public/flow-matters/{id}': { kind: 'public', note: 'a matter’s public page once a public step is done; results of public steps only (flows.test.ts)' },
  // 评议与调研 (组织生活)
  'POST /api/orglife/appraisals': { kind: 'create', as: 'yushe', body: async (p) => ({ orgId: p.org.village, year, grades: [{ personId: (await make.person(p)).id, grade: 'qualified' }] }), ok: 201 },
  'GET /api/orglife/appraisals': { kind: 'list', as: 'wuli', seed: 'appraisal', query: '?pageSize=200', ids: items, visible: `SELECT id FROM member_appraisals WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/orglife/appraisals/{id}': { kind: 'record', as: 'yushe', make: make.appraisal, ok: 200 },
  'PATCH /api/orglife/appraisals/{id}': { kind: 'record', as: 'yushe', make: make.appraisal, body: (r) => ({ version: v(r), grade: 'qualified', reason: '支部复议' }), ok: 200 },
  'PUT /api/orglife/appraisals/{id}/follow-up': { kind: 'record', as: 'yushe', make: make.appraisal, body: (r) => ({ version: v(r), kind: 'mentoring', from: today, due: plusDays(today, 30) }), ok: 200 },
  'GET /api/orglife/appraisal-results': { kind: 'summary', as: 'wuli', figure: (j) => j.total.appraised, expected: `SELECT count(*)::int AS n FROM member_appraisals WHERE org_path LIKE :prefix AND year = ${year}` },
  'GET /api/orglife/units/{id}/reporters': { kind: 'record', as: 'wuli', make: async (p) => ({ id: p.org.township }), ok: 200 },
  'POST /api/orglife/report-sessions': { kind: 'create', as: 'wuli', body: async (p) => ({ orgId: p.org.township, kind: 'report_appraisal', heldOn: today, year, place: '会议室', reports: [{ postId: (await make.secretaryPost(p)).id, summary: unique('述职') }] }), ok: 201 },
  'GET /api/orglife/report-sessions': { kind: 'list', as: 'wuli', seed: 'reportSession', query: '?pageSize=200', ids: items, visible: `SELECT id FROM report_sessions WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/orglife/report-sessions/{id}': { kind: 'record', as: 'wuli', make: make.reportSession, ok: 200 },
  'POST /api/orglife/report-sessions/{id}/ballots': { kind: 'record', as: 'wuli', make: make.reportSession, body: (r) => ({ rater: unique('评议人'), ratings: [{ reportId: r.reportId, rating: 'good' }] }), ok: 201 },
  'PUT /api/orglife/report-sessions/{id}': { kind: 'record', as: 'wuli', make: make.reportSession, body: (r) => ({ heldOn: today, place: unique('会议室'), reports: [{ postId: Number(r.postId), summary: unique('述职') }] }), ok: 200 },
  'POST /api/orglife/research': { kind: 'create', as: 'yushe.station', body: (p) => ({ orgId: p.org.station, topic: unique('调研'), villageIds: [p.org.village], startsOn: today, endsOn: today }), ok: 201 },
  'GET /api/orglife/research': { kind: 'list', as: 'wuli', seed: 'research', query: '?pageSize=200', ids: items, visible: caseIn('research') },
  'GET /api/orglife/research/{id}': { kind: 'record', as: 'yushe.station', make: make.research, ok: 200 },
  'POST /api/orglife/research/{id}/transitions/{transition}': { kind: 'record', as: 'yushe.station', make: make.research, params: { transition: 'report' }, body: (r) => ({ version: v(r), report: '矩阵调研报告' }), ok: 200 },
  'POST /api/orglife/research/{id}/attachments': { kind: 'record', as: 'yushe.station', make: make.research, upload: true, ok: 201 },
  'GET /api/orglife/research/{id}/attachments/{attachmentId}': { kind: 'record', as: 'yushe.station', make: make.researchFile, ok: 200 },
  'GET /api/orglife/research-board': { kind: 'summary', as: 'wuli', figure: (j) => j.stations, expected: `SELECT count(*)::int AS n FROM orgs WHERE path LIKE :prefix AND status = 'active' AND type = 'station'` },

  // 教育培训 (training module)
  'GET /api/training/categories': { kind: 'self', note: 'the caller county’s menu categories (a county setting)' },
  'POST /api/training/categories': { kind: 'self', note: 'a menu category of the caller’s own county (the county’s root accounts only)' },
  'GET /api/training/courses': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'trainingCourse', ids: items, visible: `SELECT id FROM training_courses WHERE id = ANY(:ids) AND NOT (county_id = :county AND (org_path LIKE :prefix OR :path LIKE org_path || '%'))` },
  'POST /api/training/courses': { kind: 'create', as: 'wuli', body: async (p) => ({ orgId: p.org.township, topic: unique('矩阵课程'), categoryId: (await make.trainingCategory(p)).id, lecturer: '矩阵讲师', mode: 'site', hours: 1 }), ok: 201 },
  'GET /api/training/courses/{id}': { kind: 'record', as: 'yushe', make: make.trainingCourse, ok: 200 },
  'GET /api/training/sessions': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'trainingSession', ids: items, visible: `SELECT id FROM training_sessions WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'POST /api/training/sessions': { kind: 'create', as: 'yushe', body: async (p) => ({ courseId: (await make.trainingCourse(p)).id, orgId: p.org.village, heldOn: today, place: '村部', targetOrgId: p.org.village, groups: ['member'] }), ok: 201 },
  'GET /api/training/sessions/{id}': { kind: 'record', as: 'yushe', make: make.trainingSession, ok: 200 },
  'GET /api/training/sessions/{id}/roster': { kind: 'record', as: 'yushe', make: make.trainingSession, ok: 200 },
  'GET /api/training/sessions/{id}/roster/export': { kind: 'record', as: 'yushe', make: make.trainingSession, ok: 200 },
  'POST /api/training/sessions/{id}/attendance': { kind: 'record', as: 'yushe', make: make.trainingSessionWithMember, body: (r) => ({ personId: r.personId, present: true }), ok: 200 },
  'POST /api/training/sessions/{id}/attendance/sheet': { kind: 'record', as: 'yushe', make: make.trainingSessionWithMember, body: (r) => ({ personIds: [r.personId] }), ok: 200 },
  'GET /api/training/talks': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'trainingTalk', ids: items, visible: `SELECT id FROM training_talks WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'POST /api/training/talks': { kind: 'create', as: 'yushe', body: async (p) => ({ kind: 'three_talks', speakerId: (await make.person(p)).id, orgId: p.org.village, heldOn: today, topic: unique('矩阵心得'), item: 'habit' }), ok: 201 },
  'GET /api/training/talks/{id}': { kind: 'record', as: 'yushe', make: make.trainingTalk, ok: 200 },
  'GET /api/training/people/{id}': { kind: 'record', as: 'yushe', make: make.person, ok: 200 },
  'GET /api/training/coverage': { kind: 'summary', as: 'wuli', query: () => `?year=${year}`, figure: (j) => j.total.members, expected: `SELECT count(*)::int AS n FROM persons WHERE org_path LIKE :prefix AND status = 'active' AND member_status IN ('formal', 'probationary')` },
  // 星级化管理
  'GET /api/recognition/star-rules': { kind: 'self', note: 'the caller county’s star rules (a county setting)' },
  'PUT /api/recognition/star-rules': { kind: 'self', note: 'the caller county’s star rules (the county’s root accounts only; stars.test.ts)' },
  'GET /api/recognition/star-ratings': { kind: 'list', as: 'wuli', seed: 'starRating', siblingVisible: true, query: '?pageSize=200', ids: items, visible: `SELECT id FROM star_ratings WHERE id = ANY(:ids) AND county_id IS DISTINCT FROM :county` }, // the county's ratings: every account of the county reads them (their rows are scoped)
  'POST /api/recognition/star-ratings': { kind: 'self', note: 'a rating of the caller’s county (the county’s root accounts only; stars.test.ts)' },
  'GET /api/recognition/star-ratings/{id}': { kind: 'self', note: 'a rating of the caller’s county, read by every account of the county by design (its figures count the caller’s scope only)' },
  'POST /api/recognition/star-ratings/{id}/publish': { kind: 'record', as: 'county', only: ['county'], make: make.publishableRating, body: (r) => ({ version: v(r) }), ok: 200 },
  'POST /api/recognition/star-ratings/{id}/correct': { kind: 'record', as: 'county', only: ['county'], make: make.publishedRating, ok: 201 },
  'GET /api/recognition/star-rows': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'starRow', ids: items, visible: `SELECT id FROM star_rating_rows WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/recognition/star-rows/{id}': { kind: 'record', as: 'wuli', make: make.starRow, ok: 200 },
  'PUT /api/recognition/star-rows/{id}': { kind: 'record', as: 'wuli', make: make.starRow, body: (r) => ({ version: v(r), postScore: 90 }), ok: 200 },
  'GET /api/recognition/star-board': {
    kind: 'summary', as: 'wuli', query: () => `?year=${starBoardYear}`, figure: (j) => j.total.people,
    // the year of the inside place's published rating (made by the correction route's maker, before the summaries)
    get expected() {
      return `SELECT count(*)::int AS n FROM star_rating_rows x WHERE x.org_path LIKE :prefix AND x.rating_id = (SELECT id FROM star_ratings r WHERE r.county_id = :county AND r.year = ${starBoardYear} AND r.status = 'published' ORDER BY edition DESC LIMIT 1)`;
    },
  },
  // 党支部积星·党员积分
  'GET /api/recognition/point-rules': { kind: 'self', note: 'the caller county’s points rules of a year (a county setting)' },
  'PUT /api/recognition/point-rules': { kind: 'self', note: 'the caller county’s points rules (the county’s root accounts only; points.test.ts)' },
  'GET /api/recognition/member-points/{id}': { kind: 'record', as: 'wuli', make: make.person, ok: 200 },
  'GET /api/recognition/points-board': {
    kind: 'summary', as: 'wuli', figure: (j) => j.units.reduce((a: number, u: { members: number }) => a + u.members, 0),
    expected: `SELECT count(*)::int AS n FROM persons WHERE org_path LIKE :prefix AND member_status IS NOT NULL AND status = 'active'`,
  },
  'GET /api/recognition/point-awards': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'pointAward', ids: items, visible: `SELECT id FROM point_awards WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/recognition/consequences': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'consequence', ids: items, visible: `SELECT id FROM recognition_consequences WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'POST /api/recognition/consequences': { kind: 'create', as: 'wuli', body: async (p) => ({ kind: 'reward', basisType: 'sheet', basisId: (await make.publishedSheet(p)).id, title: unique('矩阵奖励'), decidedOn: today }), ok: 201 },
  'GET /api/recognition/consequences/{id}': { kind: 'record', as: 'wuli', make: make.consequence, ok: 200 },
  'GET /api/recognition/consequences/export': { kind: 'file', note: 'the consequences list’s own rows (checked by GET /api/recognition/consequences) written to .xlsx' },
  'POST /api/recognition/point-awards': { kind: 'create', as: 'yushe', body: async (p) => ({ personId: (await make.person(p)).id, itemCode: 'volunteer', points: 2, doneOn: today, description: unique('志愿服务'), evidence: '签到表' }), ok: 201 },
  'GET /api/recognition/point-awards/{id}': { kind: 'record', as: 'wuli', make: make.pointAward, ok: 200 },
  'POST /api/recognition/point-awards/{id}/approve': { kind: 'record', as: 'wuli', make: make.pointAward, body: (r) => ({ version: v(r) }), ok: 200 },
  'POST /api/recognition/point-awards/{id}/return': { kind: 'record', as: 'wuli', make: make.pointAward, body: (r) => ({ version: v(r), reason: '佐证不足' }), ok: 200 },
  // 称号认定
  'GET /api/recognition/designation-kinds': { kind: 'self', note: 'the caller county’s designation kinds (a county setting)' },
  'PUT /api/recognition/designation-kinds': { kind: 'self', note: 'the caller county’s designation kinds (the county’s root accounts only; designations.test.ts)' },
  'GET /api/recognition/designation-register': {
    // held (published, under review) plus in process (nominated … under review): the matrix's nominations count
    kind: 'summary', as: 'wuli', figure: (j) => j.total + j.inProcess,
    expected: `SELECT (count(*) FILTER (WHERE status IN ('published', 'reviewing')) + count(*) FILTER (WHERE status IN ('nominated', 'checked', 'approved', 'reviewing')))::int AS n FROM cases WHERE case_type = 'designation' AND org_path LIKE :prefix`,
  },
  'GET /api/recognition/designation-register/export': { kind: 'file', note: 'the register’s own figures (checked by GET /api/recognition/designation-register) written to .xlsx; a node outside the scope answers 404 (designations.test.ts)' },
  'GET /api/recognition/designations/export': { kind: 'file', note: 'the designations list’s own rows (checked by GET /api/recognition/designations) written to .xlsx' },
  'GET /api/recognition/designations': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'nominated', ids: items, visible: caseIn('designation') },
  'POST /api/recognition/designations': { kind: 'create', as: 'wuli', body: async (p) => ({ kindCode: 'rural_development', year, orgId: (await make.newVillage(p)).id, citation: unique('推荐事迹') }), ok: 201 },
  'GET /api/recognition/designations/{id}': { kind: 'record', as: 'yushe.station', make: make.nominated, ok: 200 },
  'PUT /api/recognition/designations/{id}/criteria': { kind: 'record', as: 'wuli', make: make.nominated, body: (r) => ({ version: v(r), checks: [{ code: 'c1', met: true, note: '已核实' }] }), ok: 200 },
  'POST /api/recognition/designations/{id}/evidence': { kind: 'record', as: 'wuli', make: make.nominated, upload: true, ok: 201 },
  'GET /api/recognition/designations/{id}/evidence/{fileId}': { kind: 'record', as: 'yushe.station', make: make.nominatedFile, ok: 200 },
  'POST /api/recognition/designations/{id}/transitions/{transition}': { kind: 'record', as: 'county', make: make.nominated, params: { transition: 'reject' }, body: (r) => ({ version: v(r), body: '不符合认定标准' }), ok: 200 },
  // 公开选拔 · 换届 · 结对培养
  'GET /api/selections': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'selection', ids: items, visible: caseIn('public_selection') },
  'POST /api/selections': { kind: 'create', as: 'wuli', body: async (p) => ({ orgId: (await make.newVillage(p)).id, role: 'secretary', conditions: '35周岁以下' }), ok: 201 },
  'GET /api/selections/{id}': { kind: 'record', as: 'yushe.station', make: make.selection, ok: 200 },
  'POST /api/selections/{id}/candidates': { kind: 'record', as: 'county', make: make.selectionOpen, body: async (r, p) => ({ version: v(r), personId: (await make.person(p)).id, registeredOn: today }), ok: 201, only: ['county'] },
  'POST /api/selections/{id}/candidates/{candidateId}/vetting': { kind: 'record', as: 'county', make: make.selectionVetting, body: (r) => ({ version: v(r), passed: true }), ok: 200, only: ['county'] },
  'POST /api/selections/{id}/candidates/{candidateId}/score': { kind: 'record', as: 'county', make: make.selectionWritten, body: (r) => ({ version: v(r), score: 82.5 }), ok: 200, only: ['county'] },
  'POST /api/selections/{id}/transitions/{transition}': { kind: 'record', as: 'county', make: make.selection, params: { transition: 'open_registration' }, body: (r) => ({ version: v(r) }), ok: 200, only: ['county'] },
  'GET /api/elections': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'electionRound', ids: items, visible: `SELECT id FROM election_rounds WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix AND NOT (:path LIKE org_path || '%' AND EXISTS (SELECT 1 FROM orgs s WHERE s.path = :path AND s.type = 'station'))` }, // a station also lists its own township’s rounds (read-only, narrowed to its villages)
  'POST /api/elections': { kind: 'create', as: 'wuli', body: (p) => ({ townshipId: p.org.township, year: designationYear() }), ok: 201 },
  'GET /api/elections/{id}': { kind: 'record', as: 'wuli', make: make.electionRound, ok: 200 },
  'GET /api/election-villages/{id}': { kind: 'record', as: 'yushe', make: make.electionVillage, ok: 200 },
  'POST /api/election-villages/{id}/recommend': { kind: 'record', as: 'wuli', make: make.electionVillage, body: async (r, p) => ({ version: v(r), date: today, candidates: [{ personId: (await make.person(p)).id, role: 'supervision_director' }] }), ok: 200 },
  'POST /api/election-villages/{id}/inspect': { kind: 'record', as: 'wuli', make: make.electionRecommended, body: (r) => ({ version: v(r), date: today, results: [{ candidateId: Number(r.candidateId), passed: true }] }), ok: 200 },
  'POST /api/election-villages/{id}/elect': { kind: 'record', as: 'wuli', make: make.electionInspected, body: (r) => ({ version: v(r), date: today, elected: [Number(r.candidateId)] }), ok: 200 },
  'GET /api/mentoring': { kind: 'list', as: 'wuli', query: '?pageSize=200', seed: 'mentoring', ids: items, visible: `SELECT id FROM mentoring_pairs WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'POST /api/mentoring': { kind: 'create', as: 'wuli', body: async (p) => ({ mode: 'one_to_one', menteeId: (await make.applicant(p)).id, menteeKind: 'development_target', startedOn: today, mentors: [{ personId: (await make.person(p)).id, kind: 'cadre' }] }), ok: 201 },
  'GET /api/mentoring/summary': { kind: 'summary', as: 'wuli', figure: (j) => j.rows.reduce((n: number, r: { pairs: number }) => n + r.pairs, 0), expected: `SELECT count(*)::int AS n FROM mentoring_pairs WHERE org_path LIKE :prefix` },
  'GET /api/mentoring/{id}': { kind: 'record', as: 'wuli', make: make.mentoring, ok: 200 },
  'POST /api/mentoring/{id}/contacts': { kind: 'record', as: 'wuli', make: make.mentoring, body: () => ({ contactedOn: today, way: 'talk', content: '谈心谈话' }), ok: 201 },
  // one record of each collection (issue 12: every collection has its GET /…/{id})
  'GET /api/posts/{id}': { kind: 'record', as: 'yushe', make: make.post, ok: 200 },
  'GET /api/venues/{id}': { kind: 'record', as: 'yushe', make: make.venue, ok: 200 },
  'GET /api/station-designations/{id}': { kind: 'record', as: 'wuli', make: make.designationById, ok: 200 },
  'GET /api/openness/registers/{code}/rows/{id}': { kind: 'record', as: 'yushe', make: make.registerRow, params: { code: 'dues' }, ok: 200 },
  'GET /api/training/categories/{id}': { kind: 'self', note: 'a menu category of the caller’s county (a county setting, read by every account of the county); another county’s answers 404 (training.test.ts)' },
  // 第一书记
  'GET /api/first-secretaries': { kind: 'list', as: 'wuli', query: '?year=2011&pageSize=200', seed: 'firstSecretary', ids: (j) => j.items.map((r: { postId: number }) => r.postId), visible: `SELECT id FROM posts WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/first-secretaries/{id}': { kind: 'record', as: 'yushe', make: make.firstSecretary, ok: 200 },
  'GET /api/first-secretaries/subsidy-rate': { kind: 'self', note: 'the caller county’s daily figure (a county setting)' },
  'PUT /api/first-secretaries/subsidy-rate': { kind: 'self', note: 'the daily figure of the caller’s own county (the county’s root accounts only)' },
  'GET /api/first-secretaries/subsidy': { kind: 'list', as: 'wuli', query: '?year=2011', seed: 'firstSecretary', ids: (j) => j.rows.map((r: { postId: number }) => r.postId), visible: `SELECT id FROM posts WHERE id = ANY(:ids) AND org_path NOT LIKE :prefix` },
  'GET /api/first-secretaries/subsidy/export': { kind: 'file', note: 'the subsidy table’s own rows (checked by GET /api/first-secretaries/subsidy) written to .xlsx', query: '?year=2011' },
};

/** Path parameters a route needs beyond {id}, from the record its maker made. */
export const PATH_PARAM_OF: Record<string, (r: Rec) => number | string> = {
  '/api/assignments/': (r) => r.assignmentId!,
  '/api/whistle-parts/': (r) => r.partId!,
};

// Set by the matrix before it runs (the makers and bodies above need them).
let anonymousClient: { request: (...a: any[]) => any } | undefined;
let lookup: ((sql: string, params: unknown[]) => Promise<{ id: number }[]>) | undefined;
export function bindRouteFixtures(anonymous: typeof anonymousClient, query: typeof lookup) {
  anonymousClient = anonymous;
  lookup = query;
}
async function accountIdOf(p: Place, level: keyof Place['as']) {
  const [row] = await lookup!(`SELECT id FROM accounts WHERE username = $1`, [p.as[level].username]);
  return row!.id;
}
async function otherDepartment(p: Place) {
  const [row] = await lookup!(`SELECT id FROM orgs WHERE county_id = $1 AND type = 'department' AND id <> $2 AND status = 'active' ORDER BY id LIMIT 1`, [p.org.county, p.org.dept]);
  if (row) return row.id;
  return p.org.dept;
}
