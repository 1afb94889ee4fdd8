// The audit matrix, beside the authorization matrix: a scripted run calls every non-GET route of
// the OpenAPI document with a valid request as an account allowed to make it, and each answer 2xx
// must have left a new audit record whose action names the route's module. A route of the
// document with no script here fails the test: every route is listed below, none skipped.
import { isDeepStrictEqual } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DEVELOPMENT_TRANSITIONS } from '@lianxin/contract';
import { buildTestApp, orgId, TEST_DEMO_PASSWORD, type Client, type TestApp } from '../test/helpers.js';
import { addDays } from './cases/case-engine.js';
import { todayInChina } from './calendar.js';
import { checkCharacter } from './id-number.js';
import { solve } from './challenge.js';
import { stepAt, totpCode } from './totp.js';
import { LONGJIANG_TEMPLATE } from '../modules/assessment/index.js';
import { SAMPLE_DESIGNATION_KINDS } from '@lianxin/contract';

let t: TestApp;
const today = todayInChina();
const clients = new Map<string, Client>();
/** The client that sent the last write: the created record is read back as the one who created it. */
let lastWriter: Client | undefined;
const tracked = (c: Client): Client => ({
  ...c,
  request: (...a) => ((lastWriter = c), c.request(...a)),
  post: (...a) => ((lastWriter = c), c.post(...a)),
  patch: (...a) => ((lastWriter = c), c.patch(...a)),
  del: (...a) => ((lastWriter = c), c.del(...a)),
});
const as = async (username: string, password?: string) => {
  const key = `${username}:${password ?? ''}`;
  if (!clients.has(key)) clients.set(key, tracked(await t.as(username, password)));
  return clients.get(key)!;
};
/** Ids made by earlier steps, for later ones. */
const ctx: Record<string, number | string> = {};
const num = (k: string) => Number(ctx[k]);

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
function multipart(fields: Record<string, string>, file: { name: string; type: string; content: Buffer }) {
  const boundary = '----auditmatrix';
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const payload = Buffer.concat([
    ...parts,
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (c: Pick<Client, 'request'>, url: string, fields: Record<string, string>, file: { name: string; type: string; content: Buffer }) => {
  const { payload, headers } = multipart(fields, file);
  return c.request('POST', url, payload, headers);
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
async function sheet(header: string[], rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const orgVersion = async (id: number) => (await t.db.query<{ version: number }>(`SELECT version FROM orgs WHERE id = $1`, [id]))[0]!.version;
const json = (res: LightMyRequestResponse) => res.json() as Record<string, unknown> & { id: number; version: number };

type Step = {
  /** "METHOD /openapi/{path}" exactly as the document names it. */
  route: string;
  /**
   * The audit action prefix(es) of the route's module; 'read' for a lookup that is a POST only to
   * keep its input out of URLs (public tracking: code and phone) — it must change nothing.
   */
  audit: RegExp | 'read';
  /**
   * What the request needs made first (a record to change, a claimed request to rate). It runs
   * before the audit window opens, so its own records cannot stand in for the route's.
   */
  setup?: () => Promise<void>;
  /** The one request to the route under test. */
  run: () => Promise<LightMyRequestResponse>;
  /** The record is written when a background job ends (poll for it). */
  later?: boolean;
  /** A read sent as POST so that personal data stays out of the URL (public tracking): it answers 2xx and writes nothing. */
  read?: true;
  /**
   * A create (201) whose record is not at `GET <its path>/{id}`: reads the created record as the
   * list or detail that shows it, for comparison with the 201 answer.
   */
  record?: (created: Record<string, unknown>, by: Pick<Client, 'get'>) => Promise<unknown>;
};

/**
 * Creates (201) that do not answer the created record as a GET shows it, and why. Every other
 * 201 route answers exactly what its record's GET returns (checked below).
 */
const NOT_THE_RECORD: Record<string, string> = {
  'POST /api/public/requests': 'the citizen gets the tracking code only; the request itself is read back by code and phone (POST /api/public/track)',
  'POST /api/public/requests/{code}/photo': 'a citizen has no read of attachments: the answer only confirms that the photo was received',
  'POST /api/directives': 'one directive may create a series and fan out to many assignments; the answer names the directive, the series and the number reached',
  'POST /api/assignments/{id}/fan-out': 'a fan-out creates one sub-directive with many assignments; the answer names them and the count',
  'POST /api/weak-orgs/{id}/problems': 'the problem is the ledger module’s record: answered with its id, read at GET /api/ledger/problems/{id}',
  'POST /api/inspections/{id}/findings/{findingId}/problem': 'the problem is the ledger module’s record: answered with its id, read at GET /api/ledger/problems/{id}',
  'POST /api/openness/audits/{id}/findings/{findingId}/problem': 'the problem is the ledger module’s record: answered with its id, read at GET /api/ledger/problems/{id}',
  'POST /api/assessment/sheets/batch': 'opens many score sheets at once: the answer names how many and their ids, each read at GET /api/assessment/sheets/{id}',
};

// In order: later steps use what earlier ones made.
const STEPS: Step[] = [
  // ---- accounts and sign-in (auth, accounts)
  { route: 'POST /api/accounts', audit: /^account\./, run: async () => {
    const res = await (await as('sysadmin')).post('/api/accounts', { username: 'matrix.clerk', displayName: '矩阵测试文书', password: 'Matrix-Clerk#2026a', roles: ['village_admin'], scopeOrgId: await orgId(t.db, '榆舍村') });
    ctx.account = json(res).id;
    return res;
  } },
  { route: 'POST /api/accounts/{id}/reset-password', audit: /^account\./, run: async () => {
    ctx.clerkPassword = 'Matrix-Reset#2026a';
    return (await as('sysadmin')).post(`/api/accounts/${num('account')}/reset-password`, { password: ctx.clerkPassword });
  } },
  { route: 'PATCH /api/accounts/{id}', audit: /^account\./, run: async () => (await as('secadmin')).patch(`/api/accounts/${num('account')}`, { unlock: true }) },
  { route: 'POST /api/auth/login', audit: /^auth\./, run: () => t.anonymous.post('/api/auth/login', { username: 'yushe', password: TEST_DEMO_PASSWORD }) },
  { route: 'POST /api/auth/password', audit: /^auth\./, run: async () => {
    const c = await t.as('matrix.clerk', String(ctx.clerkPassword));
    ctx.clerkNew = 'Matrix-Clerk#2026b';
    return c.post('/api/auth/password', { currentPassword: String(ctx.clerkPassword), newPassword: String(ctx.clerkNew) });
  } },
  { route: 'POST /api/auth/totp/setup', audit: /^auth\./, run: async () => {
    const c = await t.as('matrix.clerk', String(ctx.clerkNew));
    clients.set('matrix.clerk:totp', c);
    const res = await c.post('/api/auth/totp/setup');
    ctx.totpSecret = String((res.json() as { secret?: string }).secret ?? '');
    return res;
  } },
  { route: 'POST /api/auth/totp/enable', audit: /^auth\./, run: async () => clients.get('matrix.clerk:totp')!.post('/api/auth/totp/enable', { code: totpCode(String(ctx.totpSecret), stepAt(new Date())) }) },
  { route: 'POST /api/auth/logout', audit: /^auth\./, run: async () => clients.get('matrix.clerk:totp')!.post('/api/auth/logout') },

  // ---- the org tree (orgs)
  { route: 'POST /api/orgs', audit: /^org\./, setup: async () => {
    ctx.agency = json(await (await as('wuli')).post('/api/orgs', { parentId: await orgId(t.db, '榆舍党建工作站'), type: 'village', name: '矩阵村' })).id;
  }, run: async () => {
    const res = await (await as('wuli')).post('/api/orgs', { parentId: await orgId(t.db, '榆舍村'), type: 'grid', name: '矩阵网格' });
    ctx.grid = json(res).id;
    return res;
  } },
  { route: 'PATCH /api/orgs/{id}', audit: /^org\./, run: async () => {
    return (await as('wuli')).patch(`/api/orgs/${num('agency')}`, { version: await orgVersion(num('agency')), name: '矩阵新村' });
  } },
  { route: 'POST /api/orgs/{id}/move', audit: /^org\./, run: async () => {
    return (await as('wuli')).post(`/api/orgs/${num('agency')}/move`, { version: await orgVersion(num('agency')), newParentId: await orgId(t.db, '五里党建工作站') });
  } },
  { route: 'POST /api/orgs/{id}/close', audit: /^org\./, setup: async () => {
    const made = json(await (await as('wuli')).post('/api/orgs', { parentId: await orgId(t.db, '五里镇'), type: 'agency', name: '矩阵撤销机关' }));
    ctx.closing = made.id;
    ctx.closingVersion = made.version;
  }, run: async () => (await as('wuli')).post(`/api/orgs/${num('closing')}/close`, { version: num('closingVersion') }) },
  { route: 'POST /api/orgs/{id}/designations', record: async (b, by) => (await by.get(`/api/station-designations/${String(b.id)}`)).json(), audit: /^org\./, run: async () => {
    const res = await (await as('county')).post(`/api/orgs/${await orgId(t.db, '五里党建工作站')}/designations`, { kind: 'township_demo', year: 2031, note: '矩阵' });
    ctx.designation = json(res).id;
    return res;
  } },
  { route: 'DELETE /api/orgs/{id}/designations/{designationId}', audit: /^org\./, run: async () => (await as('county')).del(`/api/orgs/${await orgId(t.db, '五里党建工作站')}/designations/${num('designation')}`) },
  { route: 'DELETE /api/orgs/{id}', audit: /^org\./, run: async () => (await as('wuli')).del(`/api/orgs/${num('agency')}?version=${await orgVersion(num('agency'))}`) },

  // ---- people
  { route: 'POST /api/people', audit: /^person\./, run: async () => {
    const res = await (await as('yushe')).post('/api/people', { name: '矩阵测试', gender: 'female', orgId: await orgId(t.db, '榆舍村') });
    ctx.person = json(res).id;
    ctx.personVersion = json(res).version;
    return res;
  } },
  { route: 'PUT /api/account-links/{id}', audit: /^account\./, run: async () => (await as('county')).request('PUT', `/api/account-links/${num('account')}`, { personId: num('person') }) },
  { route: 'PATCH /api/people/{id}', audit: /^person\./, run: async () => (await as('yushe')).patch(`/api/people/${num('person')}`, { version: num('personVersion'), education: 'bachelor' }) },
  { route: 'POST /api/posts', audit: /^post\./, run: async () => {
    const res = await (await as('wuli')).post('/api/posts', { personId: num('person'), orgId: await orgId(t.db, '榆舍村'), role: 'committee_member', startDate: '2026-01-01' });
    ctx.post = json(res).id;
    return res;
  } },
  { route: 'POST /api/posts/{id}/end', audit: /^post\./, run: async () => (await as('wuli')).post(`/api/posts/${num('post')}/end`, { endDate: '2026-06-30' }) },
  { route: 'POST /api/reserve-cadres', audit: /^reserve\./, setup: async () => {
    const other = json(await (await as('yushe')).post('/api/people', { name: '矩阵后备', gender: 'male', orgId: await orgId(t.db, '榆舍村'), birthDate: '1996-01-01' })).id;
    ctx.reserve2 = json(await (await as('wuli')).post('/api/reserve-cadres', { personId: other, targetRole: '村委会委员', addedOn: '2026-11-01' })).id;
  }, run: async () => {
    const res = await (await as('wuli')).post('/api/reserve-cadres', { personId: num('person'), targetRole: '村党支部书记', addedOn: '2026-11-01' });
    ctx.reserve = json(res).id;
    return res;
  } },
  { route: 'PATCH /api/posts/{id}', audit: /^post\./, setup: async () => {
    const made = json(await (await as('wuli')).post('/api/posts', { personId: num('person'), orgId: await orgId(t.db, '榆舍村'), role: 'committee_member', startDate: '2026-01-01' }));
    ctx.post2 = made.id;
    ctx.post2Version = made.version;
  }, run: async () => (await as('wuli')).patch(`/api/posts/${num('post2')}`, { version: num('post2Version'), selectionChannel: 'elected', civilService: true, civilServiceDate: '2026-06-01', civilServiceBasis: '矩阵文件' }) },
  { route: 'POST /api/reserve-cadres/{id}/train', audit: /^reserve\./, run: async () => (await as('wuli')).post(`/api/reserve-cadres/${num('reserve')}/train`, { version: 1, trainedOn: '2026-11-20', training: '矩阵培训' }) },
  { route: 'POST /api/reserve-cadres/{id}/appoint', record: async (b, by) => (await by.get(`/api/posts/${String(b.id)}`)).json(), audit: /^reserve\./, run: async () => (await as('wuli')).post(`/api/reserve-cadres/${num('reserve')}/appoint`, { version: 2, orgId: await orgId(t.db, '榆舍村'), role: 'committee_member', startDate: '2026-11-21', selectionChannel: 'elected' }) },
  { route: 'POST /api/reserve-cadres/{id}/remove', audit: /^reserve\./, run: async () => (await as('wuli')).post(`/api/reserve-cadres/${num('reserve2')}/remove`, { version: 1, endedOn: '2026-11-21', reason: '矩阵出库' }) },
  { route: 'POST /api/cadres/import', audit: /^post\./, setup: async () => {
    const first17 = '61022219880808101';
    ctx.importId = first17 + checkCharacter(first17);
    await (await as('yushe')).post('/api/people', { name: '矩阵任职导入', gender: 'male', orgId: await orgId(t.db, '榆舍村'), birthDate: '1988-08-08', idNumber: String(ctx.importId) });
  }, run: async () => {
    const file = await sheet(['身份证号', '姓名', '任职组织', '岗位', '任职开始'], [[String(ctx.importId), '矩阵任职导入', '五里镇/榆舍村', '委员', '2026-01-01']]);
    return upload(await as('wuli'), '/api/cadres/import', {}, { name: '干部台账.xlsx', type: XLSX, content: file });
  } },
  { route: 'POST /api/reserve-cadres/import', audit: /^reserve\./, run: async () => {
    const file = await sheet(['身份证号', '姓名', '所在村（社区）', '拟任岗位', '入库日期'], [[String(ctx.importId), '矩阵任职导入', '榆舍村', '村党支部书记', '2026-11-01']]);
    return upload(await as('wuli'), '/api/reserve-cadres/import', {}, { name: '后备干部.xlsx', type: XLSX, content: file });
  } },
  { route: 'POST /api/developments', audit: /^development\./, setup: async () => {
    ctx.applicant = json(await (await as('yushe')).post('/api/people', { name: '矩阵申请人', gender: 'female', orgId: await orgId(t.db, '榆舍村'), birthDate: '1997-01-01' })).id;
  }, run: async () => {
    const res = await (await as('yushe')).post('/api/developments', { personId: num('applicant'), appliedOn: '2026-10-01' });
    ctx.development = json(res).id;
    return res;
  } },
  { route: 'POST /api/developments/{id}/steps', audit: /^development\./, run: async () => (await as('yushe')).post(`/api/developments/${num('development')}/steps`, { version: 1, transition: 'make_activist', date: '2026-11-01', checks: ['党组织派人谈话', '党员推荐或群团组织推优'] }) },
  { route: 'POST /api/weak-orgs', audit: /^weak_org\./, setup: async () => {
    ctx.weakVillage = json(await (await as('wuli')).post('/api/orgs', { parentId: await orgId(t.db, '榆舍党建工作站'), type: 'village', name: '矩阵整顿村' })).id;
  }, run: async () => {
    const res = await (await as('wuli')).post('/api/weak-orgs', { orgId: num('weakVillage'), year: Number(today.slice(0, 4)), reasons: ['stalled'] });
    ctx.weak = json(res).id;
    return res;
  } },
  { route: 'POST /api/weak-orgs/{id}/transitions/{transition}', audit: /^weak_org\./, run: async () => (await as('county')).post(`/api/weak-orgs/${num('weak')}/transitions/confirm`, { version: 1 }) },
  { route: 'PUT /api/weak-orgs/{id}/plan', audit: /^weak_org\./, run: async () => (await as('wuli')).request('PUT', `/api/weak-orgs/${num('weak')}/plan`, { version: 2, leader: '矩阵领导', plan: '矩阵方案' }) },
  { route: 'POST /api/weak-orgs/{id}/problems', audit: /^weak_org\./, run: async () => (await as('wuli')).post(`/api/weak-orgs/${num('weak')}/problems`, { category: '作风建设', description: '矩阵整顿问题', deadline: addDays(today, 30) }) },
  // ---- 项目化推进
  { route: 'POST /api/projects', audit: /^project\./, run: async () => {
    const res = await (await as('yushe')).post('/api/projects', { title: '矩阵项目', year: Number(today.slice(0, 4)), aim: 'service', class: 'key', orgId: await orgId(t.db, '榆舍村'), budget: 800, milestones: [{ title: '矩阵节点', dueOn: `${today.slice(0, 4)}-12-31` }] });
    ctx.project = json(res).id;
    ctx.projectMilestone = (res.json() as { milestones: { id: number }[] }).milestones[0]!.id;
    return res;
  } },
  { route: 'PATCH /api/projects/{id}', audit: /^project\./, run: async () => (await as('yushe')).patch(`/api/projects/${num('project')}`, { version: 1, description: '矩阵修改' }) },
  { route: 'POST /api/projects/{id}/milestones', audit: /^project\./, run: async () => (await as('yushe')).post(`/api/projects/${num('project')}/milestones`, { title: '矩阵新节点', dueOn: `${today.slice(0, 4)}-12-30` }) },
  { route: 'POST /api/projects/{id}/members', audit: /^project\./, setup: async () => {
    ctx.projectMember = json(await (await as('yushe')).post('/api/people', { name: '矩阵认岗党员', gender: 'male', orgId: await orgId(t.db, '榆舍村'), memberStatus: 'formal', joinDate: '2010-07-01', fullDate: '2011-07-01', birthDate: '1980-01-01' })).id;
  }, run: async () => (await as('yushe')).post(`/api/projects/${num('project')}/members`, { personId: num('projectMember'), role: '矩阵宣传员' }) },
  { route: 'POST /api/projects/{id}/attachments', record: async (b, by) => ((await by.get(`/api/projects/${num('project')}`)).json() as { files: { id: unknown }[] }).files.find((f) => f.id === b.id), audit: /^project\./, run: async () => upload(await as('yushe'), `/api/projects/${num('project')}/attachments`, {}, { name: '项目.png', type: 'image/png', content: PNG }) },
  { route: 'POST /api/projects/{id}/links', audit: /^project\./, setup: async () => {
    ctx.projectInspection = json(await (await as('wuli')).post('/api/inspections', { kind: 'quarterly_evaluation', inspectedOn: today, inspectors: '矩阵督查组', targetOrgIds: [await orgId(t.db, '榆舍村')] })).id;
  }, run: async () => (await as('wuli')).post(`/api/projects/${num('project')}/links`, { kind: 'inspection', refId: num('projectInspection') }) },
  { route: 'POST /api/projects/{id}/transitions/{transition}', audit: /^project\./, run: async () => {
    const v = async () => (await (await as('county')).get(`/api/projects/${num('project')}`)).json().version as number;
    await (await as('yushe.station')).post(`/api/projects/${num('project')}/transitions/review`, { version: await v() });
    await (await as('wuli')).post(`/api/projects/${num('project')}/transitions/approve`, { version: await v() });
    return (await as('yushe')).post(`/api/projects/${num('project')}/transitions/start`, { version: await v() });
  } },
  { route: 'POST /api/projects/{id}/milestones/{milestoneId}/done', audit: /^project\./, run: async () => (await as('yushe')).post(`/api/projects/${num('project')}/milestones/${num('projectMilestone')}/done`, { version: 1, doneOn: today, note: '矩阵完成' }) },
  { route: 'POST /api/projects/{id}/excellent', audit: /^project\./, setup: async () => {
    const v = async () => (await (await as('county')).get(`/api/projects/${num('project')}`)).json().version as number;
    await (await as('yushe')).post(`/api/projects/${num('project')}/transitions/account`, { version: await v(), summary: '矩阵交账' });
    await (await as('wuli')).post(`/api/projects/${num('project')}/transitions/close`, { version: await v(), score: 95, grade: 'excellent' });
    ctx.projectVersion = await v();
  }, run: async () => (await as('county')).post(`/api/projects/${num('project')}/excellent`, { version: num('projectVersion'), excellent: true }) },
  { route: 'PUT /api/projects/settings', audit: /^project\./, run: async () => (await as('county')).request('PUT', '/api/projects/settings', { reportDay: 25 }) },
  { route: 'POST /api/people/import', audit: /^person\./, later: true, run: async () => {
    const file = await sheet(['序号', '姓名', '性别', '民族', '出生日期', '身份证号', '手机号', '学历', '所在党组织', '党小组', '党员类别', '入党日期', '转正日期', '流动情况'],
      [[1, '矩阵导入', '男', '汉族', null, null, null, '高中', '榆舍村', null, '正式党员', '2010-07-01', '2011/07/01', '非流动']]);
    return upload(await as('yushe'), '/api/people/import?mode=all_or_nothing', {}, { name: '名册.xlsx', type: XLSX, content: file });
  } },

  // ---- the ledger
  { route: 'PUT /api/ledger/settings', audit: /^ledger\./, run: async () => {
    const c = await as('county');
    const s = (await c.get('/api/ledger/settings')).json() as { categories: string[]; supervisionDays: number; closureSigner: string };
    return c.request('PUT', '/api/ledger/settings', { categories: s.categories, supervisionDays: s.supervisionDays, closureSigner: s.closureSigner });
  } },
  { route: 'POST /api/ledger/problems', audit: /^problem\./, run: async () => {
    const res = await (await as('wuli')).post('/api/ledger/problems', { orgId: await orgId(t.db, '榆舍村'), source: 'station_inspection', category: '基层组织建设', description: '矩阵：制度未上墙', deadline: addDays(today, 20) });
    ctx.problem = json(res).id;
    ctx.problemVersion = json(res).version;
    return res;
  } },
  // ---- 组织生活 (orglife)
  { route: 'PUT /api/orglife/settings', audit: /^orglife\./, run: async () => {
    const c = await as('county');
    const s = (await c.get('/api/orglife/settings')).json() as { backdateDays: number; types: unknown[] };
    return c.request('PUT', '/api/orglife/settings', { backdateDays: s.backdateDays, types: s.types });
  } },
  { route: 'POST /api/orglife/meetings', audit: /^meeting\./, run: async () => {
    const c = await as('yushe');
    const orgIdOf = await orgId(t.db, '榆舍村');
    const members = (await c.get(`/api/orglife/units/${orgIdOf}/roster`)).json().members as { id: number }[];
    return c.post('/api/orglife/meetings', { orgId: orgIdOf, typeCode: 'committee', heldOn: today, place: '村委会', host: '书记', topic: '支委会', attendees: [{ personId: members[0]!.id, present: true }] });
  } },
  { route: 'POST /api/orglife/meetings/{id}/sit-ins', record: async (b, by) => (await by.get(`/api/orglife/meetings/${String(b.id)}`)).json(), audit: /^meeting\./, run: async () => {
    const list = (await (await as('yushe.station')).get(`/api/orglife/meetings?orgId=${await orgId(t.db, '榆舍村')}`)).json() as { items: { id: number }[] };
    return (await as('yushe.station')).post(`/api/orglife/meetings/${list.items[0]!.id}/sit-ins`, { attendee: '站长', opinion: '同意' });
  } },
  // ---- 小微权力 (flows)
  { route: 'POST /api/flows', audit: /^flow\./, run: async () => {
    const step = (key: string, name: string, documents: string[]) => ({ key, name, level: 'village', body: '村党支部', limitDays: 5, documents, public: true, meetingType: null });
    const res = await (await as('county')).post('/api/flows', { name: '审计矩阵流程', category: 'other', description: '', steps: [step('a', '提议', []), step('b', '决议', ['决议书']), step('c', '公开', [])] });
    ctx.flow = json(res).id;
    ctx.flowVersion = json(res).version;
    return res;
  } },
  { route: 'PUT /api/flows/{id}', audit: /^flow\./, run: async () => {
    const f = (await (await as('county')).get(`/api/flows/${num('flow')}`)).json() as { name: string; category: string; description: string; steps: unknown[] };
    const res = await (await as('county')).request('PUT', `/api/flows/${num('flow')}`, { name: f.name, category: f.category, description: '修改说明', steps: f.steps, version: num('flowVersion') });
    return res;
  } },
  { route: 'POST /api/flow-matters', audit: /^flow_matter\./, run: async () => {
    const res = await (await as('yushe')).post('/api/flow-matters', { flowId: num('flow'), orgId: await orgId(t.db, '榆舍村'), title: '审计矩阵事项', summary: '矩阵', amountYuan: 1200 });
    ctx.matter = json(res).id;
    ctx.matterVersion = json(res).version;
    return res;
  } },
  { route: 'POST /api/flow-matters/{id}/steps', audit: /^flow_matter\./, run: async () => {
    const res = await (await as('yushe')).post(`/api/flow-matters/${num('matter')}/steps`, { version: num('matterVersion'), stepKey: 'a', result: '同意' });
    ctx.matterVersion = json(res).version;
    return res;
  } },
  { route: 'POST /api/flow-matters/{id}/documents', record: async (b, by) => ((await by.get(`/api/flow-matters/${num('matter')}`)).json() as { steps: { documents: { files: { attachmentId: unknown }[] }[] }[] }).steps.flatMap((st) => st.documents.flatMap((d) => d.files)).find((f) => f.attachmentId === b.attachmentId), audit: /^flow_matter\./, run: () => as('yushe').then((c) => upload(c, `/api/flow-matters/${num('matter')}/documents`, { document: '决议书' }, { name: '决议书.png', type: 'image/png', content: PNG })) },
  { route: 'POST /api/flow-matters/{id}/return', audit: /^flow_matter\./, run: async () => {
    const res = await (await as('wuli')).post(`/api/flow-matters/${num('matter')}/return`, { version: num('matterVersion'), reason: '重新提议' });
    ctx.matterVersion = json(res).version;
    return res;
  } },
  { route: 'POST /api/flow-matters/{id}/cancel', audit: /^flow_matter\./, run: async () => (await as('yushe')).post(`/api/flow-matters/${num('matter')}/cancel`, { version: num('matterVersion'), reason: '暂缓' }) },
  { route: 'PUT /api/duty-template', audit: /^duty_template\./, run: async () => {
    const tpl = (await (await as('county')).get('/api/duty-template')).json() as { posts: unknown[] };
    return (await as('county')).request('PUT', '/api/duty-template', { posts: tpl.posts, version: 0 });
  } },
  { route: 'PUT /api/duty-lists/{id}', audit: /^duty_list\./, run: async () => {
    const id = await orgId(t.db, '榆舍村');
    const list = (await (await as('yushe')).get(`/api/duty-lists/${id}`)).json() as { posts: unknown[] };
    return (await as('yushe')).request('PUT', `/api/duty-lists/${id}`, { posts: list.posts, version: 0 });
  } },
  // 会议照片和附件; 党小组 (the groups are the tree's nodes, their members the people's records: audited by those modules)
  { route: 'POST /api/orglife/meetings/{id}/files', record: async (b, by) => (await by.get(`/api/orglife/meetings/${String(b.id)}`)).json(), audit: /^meeting\./, run: async () => {
    const c = await as('yushe');
    const list = (await c.get(`/api/orglife/meetings?orgId=${await orgId(t.db, '榆舍村')}`)).json() as { items: { id: number; heldOn: string }[] };
    const m = list.items.find((x) => x.heldOn === today)!;
    ctx.fileMeeting = m.id;
    const res = await upload(c, `/api/orglife/meetings/${m.id}/files`, {}, { name: '会场.png', type: 'image/png', content: PNG });
    if (res.statusCode === 201) ctx.meetingFile = (res.json() as { files: { id: number }[] }).files[0]!.id;
    return res;
  } },
  { route: 'DELETE /api/orglife/meetings/{id}/files/{attachmentId}', audit: /^meeting\./, run: async () => (await as('yushe')).del(`/api/orglife/meetings/${num('fileMeeting')}/files/${num('meetingFile')}`) },
  { route: 'POST /api/orglife/units/{id}/party-groups', record: async (b, by) => (await by.get(`/api/orglife/party-groups/${String(b.id)}`)).json(), audit: /^(org|person)\./, run: async () => {
    const c = await as('yushe');
    const village = await orgId(t.db, '榆舍村');
    const members = (await c.get(`/api/orglife/units/${village}/roster`)).json().members as { id: number }[];
    const res = await c.post(`/api/orglife/units/${village}/party-groups`, { name: '矩阵第三党小组', memberIds: [members[0]!.id] });
    ctx.partyGroup = json(res).id;
    ctx.partyGroupVersion = json(res).version;
    return res;
  } },
  { route: 'PUT /api/orglife/party-groups/{id}', audit: /^(org|person)\./, run: async () => {
    const res = await (await as('yushe')).request('PUT', `/api/orglife/party-groups/${num('partyGroup')}`, { version: num('partyGroupVersion'), name: '矩阵第三党小组（改）' });
    if (res.statusCode === 200) ctx.partyGroupVersion = json(res).version;
    return res;
  } },
  { route: 'DELETE /api/orglife/party-groups/{id}', audit: /^(org|person)\./, run: async () => (await as('yushe')).del(`/api/orglife/party-groups/${num('partyGroup')}?version=${num('partyGroupVersion')}`) },
  { route: 'POST /api/orglife/consultations', audit: /^consultation\./, run: async () => {
    const res = await (await as('yushe.station')).post('/api/orglife/consultations', { orgId: await orgId(t.db, '榆舍党建工作站'), heldOn: today, topic: '村集体经济项目', participants: '站长、副站长、各村书记', decision: '报镇党委审定后实施' });
    ctx.consultation = json(res).id;
    ctx.consultationVersion = json(res).version;
    return res;
  } },
  { route: 'POST /api/orglife/consultations/{id}/transitions/{transition}', audit: /^consultation\./, run: async () => (await as('wuli')).post(`/api/orglife/consultations/${num('consultation')}/transitions/agree`, { version: num('consultationVersion'), body: '同意' }) },
  { route: 'POST /api/orglife/filings', audit: /^theme_day\./, run: async () => {
    const res = await (await as('yushe')).post('/api/orglife/filings', { orgId: await orgId(t.db, '榆舍村'), plannedOn: addDays(today, 2), activityKind: 'study', place: '村委会', plan: '学习党章' });
    ctx.filing = json(res).id;
    ctx.filingVersion = json(res).version;
    return res;
  } },
  { route: 'POST /api/orglife/filings/{id}/transitions/{transition}', audit: /^theme_day\./, run: async () => (await as('wuli')).post(`/api/orglife/filings/${num('filing')}/transitions/approve`, { version: num('filingVersion') }) },
  { route: 'POST /api/ledger/problems/{id}/transitions/{transition}', audit: /^problem\./, run: async () => (await as('yushe')).post(`/api/ledger/problems/${num('problem')}/transitions/start`, { version: num('problemVersion'), measures: '制度上墙' }) },
  { route: 'POST /api/ledger/problems/{id}/supervisions', audit: /^problem\./, run: async () => (await as('yushe.station')).post(`/api/ledger/problems/${num('problem')}/supervisions`, { text: '督办：月底前完成' }) },
  { route: 'POST /api/ledger/problems/{id}/comments', audit: /^problem\./, run: async () => (await as('yushe')).post(`/api/ledger/problems/${num('problem')}/comments`, { text: '正在整改' }) },
  { route: 'POST /api/ledger/problems/{id}/attachments', record: async (b, by) => ((await by.get(`/api/ledger/problems/${num('problem')}`)).json() as { timeline: { attachment: { id: unknown } | null }[] }).timeline.find((e) => e.attachment?.id === b.id)?.attachment, audit: /^problem\./, run: async () => upload(await as('yushe'), `/api/ledger/problems/${num('problem')}/attachments`, {}, { name: '现场.png', type: 'image/png', content: PNG }) },
  { route: 'POST /api/ledger/problems/import', audit: /^(ledger|problem)\./, run: async () => {
    const file = await sheet(['序号', '问题来源', '问题描述', '整改措施', '责任单位', '责任人', '整改时限'], [['1', '省市督查通报', '矩阵导入的问题', '补齐', '五里镇/榆舍村', '书记', addDays(today, 30)]]);
    return upload(await as('wuli'), '/api/ledger/problems/import?sourceRef=矩阵', {}, { name: '通报.xlsx', type: XLSX, content: file });
  } },

  // ---- lists
  { route: 'POST /api/tasks', audit: /^task\./, run: async () => {
    const res = await (await as('wuli')).post('/api/tasks', { orgId: await orgId(t.db, '五里镇'), year: Number(today.slice(0, 4)), content: '矩阵任务', ownerOrgId: await orgId(t.db, '榆舍村'), deadline: addDays(today, 30) });
    ctx.task = json(res).id;
    ctx.taskVersion = json(res).version;
    return res;
  } },
  { route: 'POST /api/tasks/{id}/transitions/{transition}', audit: /^task\./, run: async () => (await as('yushe')).post(`/api/tasks/${num('task')}/transitions/start`, { version: num('taskVersion') }) },
  { route: 'POST /api/responsibilities', audit: /^responsibility\./, run: async () => {
    const res = await (await as('yushe')).post('/api/responsibilities', { orgId: await orgId(t.db, '榆舍村'), year: Number(today.slice(0, 4)), postRole: 'secretary', duty: '矩阵责任' });
    ctx.responsibility = json(res).id;
    ctx.responsibilityVersion = json(res).version;
    return res;
  } },
  { route: 'DELETE /api/responsibilities/{id}', audit: /^responsibility\./, run: async () => (await as('yushe')).del(`/api/responsibilities/${num('responsibility')}?version=${(await t.db.query<{ version: number }>(`SELECT version FROM responsibilities WHERE id = $1`, [num('responsibility')]))[0]!.version}`) },

  // ---- dispatch
  { route: 'POST /api/directives', audit: /^directive\./, run: async () => {
    const res = await (await as('wuli')).post('/api/directives', { kind: 'report', title: '矩阵报告', dueDate: addDays(today, 5), targets: { orgIds: [await orgId(t.db, '榆舍党建工作站')] } });
    ctx.directive = Number((res.json() as { directiveId?: number; id?: number }).directiveId ?? json(res).id);
    return res;
  } },
  { route: 'POST /api/directives/{id}/attachments', record: async (b, by) => ((await by.get(`/api/directives/${num('directive')}`)).json() as { attachments: { id: unknown }[] }).attachments.find((f) => f.id === b.id), audit: /^directive\./, run: async () => upload(await as('wuli'), `/api/directives/${num('directive')}/attachments`, {}, { name: '通知.png', type: 'image/png', content: PNG }) },
  { route: 'POST /api/assignments/{id}/fan-out', audit: /^directive\./, run: async () => {
    const c = await as('yushe.station');
    const inbox = ((await c.get('/api/inbox?pageSize=200')).json() as { items: { id: number; version: number; directive: { id: number } }[] }).items;
    const mine = inbox.find((a) => a.directive.id === num('directive'))!;
    ctx.assignment = mine.id;
    ctx.assignmentVersion = mine.version;
    return c.post(`/api/assignments/${mine.id}/fan-out`, { content: '矩阵分解', orgIds: [await orgId(t.db, '榆舍村')], dueDate: addDays(today, 3) });
  } },
  { route: 'POST /api/assignments/{id}/attachments', record: async (b, by) => ((await by.get(`/api/assignments/${num('assignment')}`)).json() as { attachments: { id: unknown }[] }).attachments.find((f) => f.id === b.id), audit: /^(directive|assignment)\./, run: async () => upload(await as('yushe.station'), `/api/assignments/${num('assignment')}/attachments`, {}, { name: '签到表.png', type: 'image/png', content: PNG }) },
  { route: 'POST /api/assignments/{id}/report', audit: /^(directive|assignment)\./, run: async () => {
    const c = await as('yushe.station');
    const a = (await c.get(`/api/assignments/${num('assignment')}`)).json() as { version: number };
    return c.post(`/api/assignments/${num('assignment')}/report`, { version: a.version ?? num('assignmentVersion'), outcome: 'done', text: '已完成' });
  } },
  { route: 'POST /api/directives/{id}/close', audit: /^directive\./, run: async () => {
    const c = await as('wuli');
    const [d] = await t.db.query<{ version: number }>(`SELECT version FROM directives WHERE id = $1`, [num('directive')]);
    return c.post(`/api/directives/${num('directive')}/close`, { version: d!.version });
  } },
  { route: 'PATCH /api/directives/series/{id}', audit: /^directive\./, setup: async () => {
    const made = await (await as('wuli')).post('/api/directives', { kind: 'duty', title: '矩阵定期', targets: { type: 'station' }, recurrence: { frequency: 'monthly', dueDays: 20 } });
    ctx.series = (made.json() as { seriesId: number }).seriesId;
  }, run: async () => (await as('wuli')).patch(`/api/directives/series/${num('series')}`, { active: false }) },

  // ---- inspections
  { route: 'POST /api/inspections', audit: /^inspection\./, run: async () => {
    const village = await orgId(t.db, '榆舍村');
    const res = await (await as('yushe.station')).post('/api/inspections', { kind: 'station_biweekly', inspectedOn: today, inspectors: '站长', targetOrgIds: [village], findings: [{ targetOrgId: village, description: '矩阵发现' }] });
    ctx.inspection = json(res).id;
    ctx.finding = (res.json() as { findings: { id: number }[] }).findings[0]!.id;
    return res;
  } },
  { route: 'POST /api/inspections/{id}/findings/{findingId}/problem', audit: /^inspection\./, run: async () => (await as('yushe.station')).post(`/api/inspections/${num('inspection')}/findings/${num('finding')}/problem`, { category: '基层组织建设', deadline: addDays(today, 15) }) },
  { route: 'POST /api/bulletins', audit: /^bulletin\./, run: async () => (await as('wuli')).post('/api/bulletins', { title: '矩阵通报', content: '内容' }) },
  { route: 'POST /api/accountability', audit: /^accountability\./, run: async () => (await as('wuli')).post('/api/accountability', { kind: 'talk', targetOrgId: await orgId(t.db, '榆舍村'), reason: '矩阵', decidedOn: today }) },

  // ---- citizens
  { route: 'POST /api/requests', audit: /^request\./, run: async () => {
    const res = await (await as('yushe.station')).post('/api/requests', { orgId: await orgId(t.db, '榆舍党建工作站'), channel: 'visit', category: 'errand', citizenName: '矩阵群众', phone: '13800002468', matter: '矩阵事项' });
    ctx.request = json(res).id;
    ctx.requestVersion = json(res).version;
    ctx.code = String((res.json() as { trackingCode: string }).trackingCode);
    return res;
  } },
  { route: 'POST /api/requests/{id}/transitions/{transition}', audit: /^request\./, run: async () => (await as('yushe.station')).post(`/api/requests/${num('request')}/transitions/claim`, { version: num('requestVersion') }) },
  { route: 'POST /api/requests/{id}/reveal-phone', audit: /^request\./, run: async () => (await as('yushe.station')).post(`/api/requests/${num('request')}/reveal-phone`) },
  { route: 'POST /api/requests/{id}/messages', audit: /^request\./, run: async () => (await as('yushe.station')).post(`/api/requests/${num('request')}/messages`, { text: '正在办理', public: true }) },
  { route: 'POST /api/requests/{id}/report-up', audit: /^request\./, run: async () => (await as('yushe.station')).post(`/api/requests/${num('request')}/report-up`, { text: '请镇里把关' }) },
  { route: 'POST /api/requests/{id}/hand-over', audit: /^request\./, run: async () => {
    const c = await as('yushe.station');
    const to = ((await c.get(`/api/requests/${num('request')}/hand-over-candidates`)).json() as { id: number }[])[0]!;
    return c.post(`/api/requests/${num('request')}/hand-over`, { toAccountId: to.id, note: '镇里办理' });
  } },
  { route: 'POST /api/whistles', audit: /^whistle\./, run: async () => {
    const res = await (await as('yushe.station')).post('/api/whistles', { sourceCaseId: num('request'), matter: '矩阵吹哨', departmentIds: [await orgId(t.db, '县交通运输局')] });
    ctx.part = (res.json() as { parts: { id: number; version: number }[] }).parts[0]!.id;
    ctx.partVersion = (res.json() as { parts: { id: number; version: number }[] }).parts[0]!.version;
    return res;
  } },
  { route: 'POST /api/whistle-parts/{id}/actions', audit: /^whistle\./, run: async () => (await as('jiaotong')).post(`/api/whistle-parts/${num('part')}/actions`, { version: num('partVersion'), action: 'decline', reason: '不属本部门职责' }) },
  { route: 'POST /api/whistle-parts/{id}/reroute', audit: /^whistle\./, run: async () => (await as('yushe.station')).post(`/api/whistle-parts/${num('part')}/reroute`, { departmentId: await orgId(t.db, '县交通运输局') === num('part') ? 0 : (await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE type = 'department' AND name <> '县交通运输局' ORDER BY id LIMIT 1`))[0]!.id }) },
  { route: 'POST /api/whistle-parts/{id}/judicial-transfer', audit: /^whistle\./, run: async () => {
    // the part the re-route created (the declined one is closed to it)
    const [p] = await t.db.query<{ id: number; version: number }>(
      `SELECT id, version FROM dispatch_call_answers WHERE kind = 'whistle' AND call_id = (SELECT call_id FROM dispatch_call_answers WHERE id = $1) ORDER BY id DESC LIMIT 1`, [num('part')],
    );
    return (await as('yushe.station')).post(`/api/whistle-parts/${p!.id}/judicial-transfer`, { version: p!.version, note: '矩阵移交' });
  } },
  { route: 'POST /api/visits', audit: /^(visit|request)\./, run: async () => (await as('yushe')).post('/api/visits', { orgId: await orgId(t.db, '榆舍村'), cadreLevel: 'village', household: '矩阵户', visitedOn: today, heard: '反映问题', followUp: '跟进' }) },
  { route: 'POST /api/households', audit: /^household\./, run: async () => {
    const people = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_id = $1 ORDER BY id LIMIT 2`, [await orgId(t.db, '榆舍村')]);
    return (await as('yushe')).post('/api/households', { orgId: await orgId(t.db, '榆舍村'), headName: '矩阵户主', categories: ['elderly'], villageContact: people[0]!.id, hamletContact: people[1]!.id });
  } },
  { route: 'POST /api/grids/{id}/registrations', record: async (b, by) => ((await by.get(`/api/grids/${num('grid')}`)).json() as { members: { registrationId: unknown }[] }).members.find((m) => m.registrationId === b.registrationId), audit: /^grid\./, run: async () => {
    const [member] = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_id = $1 AND member_status = 'formal' AND status = 'active' ORDER BY id LIMIT 1`, [await orgId(t.db, '榆舍村')]);
    const res = await (await as('yushe')).post(`/api/grids/${num('grid')}/registrations`, { personId: member!.id, registeredOn: today });
    ctx.registration = json(res).id;
    return res;
  } },
  { route: 'POST /api/grid-registrations/{id}/deeds', record: async (b, by) => ((await by.get(`/api/grids/${num('grid')}`)).json() as { members: { deedList: { id: unknown }[] }[] }).members.flatMap((m) => m.deedList).find((d) => d.id === b.id), audit: /^grid\./, run: async () => (await as('yushe')).post(`/api/grid-registrations/${num('registration')}/deeds`, { doneOn: today, description: '代购药品' }) },

  // ---- the public page (no account): the records name 群众
  { route: 'POST /api/public/requests', audit: /^request\./, run: async () => {
    const ch = (await t.anonymous.get('/api/public/challenge')).json();
    const res = await t.anonymous.post('/api/public/requests', { unitId: await orgId(t.db, '榆舍党建工作站'), name: '矩阵', phone: '13800001357', matter: '路灯坏了', category: 'errand', challengeToken: ch.token, challengeAnswer: solve(ch.question) });
    ctx.publicCode = String((res.json() as { trackingCode: string }).trackingCode);
    return res;
  } },
  { route: 'POST /api/public/requests/{code}/photo', audit: /^request\./, run: async () => upload(t.anonymous, `/api/public/requests/${ctx.publicCode}/photo`, { phone: '13800001357' }, { name: '现场.png', type: 'image/png', content: PNG }) },
  { route: 'POST /api/public/track', audit: 'read', run: async () => t.anonymous.post('/api/public/track', { code: ctx.publicCode, phone: '13800001357' }) },
  { route: 'POST /api/public/track/rating', audit: /^request\./, setup: async () => {
    const c = await as('yushe.station');
    let r = ((await c.get(`/api/requests?q=${ctx.publicCode}`)).json() as { items: { id: number; version: number }[] }).items[0]!;
    r = (await c.post(`/api/requests/${r.id}/transitions/claim`, { version: r.version })).json();
    await c.post(`/api/requests/${r.id}/transitions/resolve`, { version: r.version, comment: '已修好', resolved: true });
  }, run: async () => t.anonymous.post('/api/public/track/rating', { code: ctx.publicCode, phone: '13800001357', rating: 'satisfied' }) },
  // ---- assessment (考核)
  { route: 'POST /api/assessment/schemes', audit: /^assessment_scheme\./, run: async () => {
    const res = await (await as('county')).post('/api/assessment/schemes', { year: Number(today.slice(0, 4)), unitType: 'village', name: '矩阵指标体系' });
    ctx.scheme = json(res).id;
    ctx.schemeVersion = json(res).version;
    ctx.schemeTree = JSON.stringify(LONGJIANG_TEMPLATE);
    return res;
  } },
  { route: 'POST /api/assessment/schemes/import', record: async (b, by) => (await by.get(`/api/assessment/schemes/${String(b.id)}`)).json(), audit: /^assessment_scheme\./, run: async () => {
    const file = await sheet(['类别', '类别分值', '项目', '项目分值', '指标', '指数值', '考核周期', '评分层级', '须附佐证', '分值来源'], [['党的建设', '10', '组织建设', '10', '三会一课', '10', '每月', '乡镇评分', '是', '人工评分（附佐证）']]);
    return upload(await as('county'), `/api/assessment/schemes/import?year=${today.slice(0, 4)}&unitType=community&name=${encodeURIComponent('矩阵导入')}`, {}, { name: '指标体系.xlsx', type: XLSX, content: file });
  } },
  { route: 'PUT /api/assessment/schemes/{id}', audit: /^assessment_scheme\./, run: async () => {
    const res = await (await as('county')).request('PUT', `/api/assessment/schemes/${num('scheme')}`, { version: num('schemeVersion'), name: '矩阵指标体系（修改）', totalPoints: 100, tree: JSON.parse(String(ctx.schemeTree)) });
    ctx.schemeVersion = json(res).version;
    return res;
  } },
  { route: 'POST /api/assessment/schemes/{id}/publish', audit: /^assessment_scheme\./, run: async () => (await as('county')).post(`/api/assessment/schemes/${num('scheme')}/publish`, { version: num('schemeVersion') }) },
  { route: 'POST /api/assessment/schemes/{id}/copy', record: async (b, by) => (await by.get(`/api/assessment/schemes/${String(b.id)}`)).json(), audit: /^assessment_scheme\./, run: async () => (await as('county')).post(`/api/assessment/schemes/${num('scheme')}/copy`, { year: Number(today.slice(0, 4)) + 1 }) },
  { route: 'POST /api/assessment/sheets', audit: /^score_sheet\./, run: async () => {
    const res = await (await as('wuli')).post('/api/assessment/sheets', { schemeId: num('scheme'), orgId: await orgId(t.db, '榆舍村'), period: today.slice(0, 7) });
    ctx.sheet = json(res).id;
    ctx.sheetVersion = json(res).version;
    ctx.sheetManual = JSON.stringify((res.json() as { entries: { key: string; max: number; source: string }[] }).entries.filter((e) => e.source === 'manual').map((e) => ({ key: e.key, points: e.max, evidence: '矩阵佐证' })));
    return res;
  } },
  { route: 'POST /api/assessment/sheets/batch', audit: /^score_sheet\./, run: async () => (await as('wuli')).post('/api/assessment/sheets/batch', { schemeId: num('scheme'), period: `${today.slice(0, 4)}-01` }) },
  { route: 'PUT /api/assessment/sheets/{id}/scores', audit: /^score_sheet\./, run: async () => {
    const res = await (await as('wuli')).request('PUT', `/api/assessment/sheets/${num('sheet')}/scores`, { version: num('sheetVersion'), scores: JSON.parse(String(ctx.sheetManual)) });
    ctx.sheetVersion = json(res).version;
    return res;
  } },
  { route: 'POST /api/assessment/sheets/{id}/transitions/{transition}', audit: /^score_sheet\./, setup: async () => {
    const submitted = await (await as('wuli')).post(`/api/assessment/sheets/${num('sheet')}/transitions/submit`, { version: num('sheetVersion') });
    ctx.sheetVersion = json((await (await as('county')).post(`/api/assessment/sheets/${num('sheet')}/transitions/pass`, { version: json(submitted).version }))).version;
  }, run: async () => {
    const res = await (await as('county')).post(`/api/assessment/sheets/${num('sheet')}/transitions/publish`, { version: num('sheetVersion') });
    ctx.sheetVersion = json(res).version;
    return res;
  } },
  { route: 'POST /api/assessment/sheets/{id}/appeal', audit: /^score_sheet\./, run: async () => {
    const res = await (await as('yushe')).post(`/api/assessment/sheets/${num('sheet')}/appeal`, { version: num('sheetVersion'), reason: '矩阵申诉', evidence: '矩阵佐证' });
    ctx.sheetVersion = json(res).version;
    return res;
  } },
  { route: 'POST /api/assessment/sheets/{id}/appeal/files', record: async (b, by) => ((await by.get(`/api/assessment/sheets/${num('sheet')}`)).json() as { appeal: { files: { id: unknown }[] } | null }).appeal?.files.find((f) => f.id === b.id), audit: /^score_sheet\./, run: async () => upload(await as('yushe'), `/api/assessment/sheets/${num('sheet')}/appeal/files`, {}, { name: '申诉材料.png', type: 'image/png', content: PNG }) },
  { route: 'PUT /api/assessment/settings', audit: /^assessment_settings\./, run: async () => (await as('county')).request('PUT', '/api/assessment/settings', { appealDays: 7, version: 0 }) },
  { route: 'POST /api/assessment/sheets/{id}/correct', record: async (b, by) => (await by.get(`/api/assessment/sheets/${String(b.id)}`)).json(), audit: /^score_sheet\./, setup: async () => {
    await (await as('county')).post(`/api/assessment/sheets/${num('sheet')}/transitions/reject_appeal`, { version: num('sheetVersion'), body: '维持原评分' });
  }, run: async () => (await as('wuli')).post(`/api/assessment/sheets/${num('sheet')}/correct`) },
  // ---- 经费、报酬、表彰与阵地 (funds)
  { route: 'PUT /api/funds/standards', audit: /^fund_standard\./, run: async () => (await as('county')).request('PUT', '/api/funds/standards', { year: Number(today.slice(0, 4)), rows: [{ unitType: 'village', line: 'office', annualFen: 2_500_000 }, { unitType: 'village', line: 'party_building', annualFen: 800_000 }] }) },
  { route: 'POST /api/funds/standards/copy', audit: /^fund_standard\./, run: async () => (await as('county')).post('/api/funds/standards/copy', { fromYear: Number(today.slice(0, 4)), toYear: Number(today.slice(0, 4)) + 1 }) },
  { route: 'POST /api/funds/allocations/apply', audit: /^fund_allocation\./, run: async () => (await as('county')).post('/api/funds/allocations/apply', { year: Number(today.slice(0, 4)) }) },
  { route: 'POST /api/funds/allocations', record: async (b, by) => ((await by.get(`/api/funds/allocations/${String(b.id)}`)).json() as { allocation: unknown }).allocation, audit: /^fund_allocation\./, run: async () => {
    const res = await (await as('county')).post('/api/funds/allocations', { orgId: await orgId(t.db, '榆舍村'), year: Number(today.slice(0, 4)), line: 'service', amountFen: 300_000, reason: '群众之家维修' });
    ctx.allocation = json(res).id;
    ctx.allocationVersion = json(res).version;
    return res;
  } },
  { route: 'PATCH /api/funds/allocations/{id}', audit: /^fund_allocation\./, run: async () => (await as('county')).patch(`/api/funds/allocations/${num('allocation')}`, { version: num('allocationVersion'), amountFen: 350_000, reason: '追加' }) },
  { route: 'POST /api/funds/allocations/{id}/spendings', record: async (b, by) => (await by.get(`/api/funds/spendings/${String(b.id)}`)).json(), audit: /^fund_spending\./, run: async () => {
    const res = await (await as('yushe')).post(`/api/funds/allocations/${num('allocation')}/spendings`, { spentOn: today, amountFen: 12_000, purpose: '更换门窗' });
    ctx.spending = json(res).id;
    return res;
  } },
  { route: 'POST /api/funds/spendings/{id}/voucher', audit: /^fund_spending\./, run: async () => upload(await as('yushe'), `/api/funds/spendings/${num('spending')}/voucher`, {}, { name: '发票.png', type: 'image/png', content: PNG }) },
  { route: 'PUT /api/funds/former-cadre-rule', audit: /^former_cadre_rule\./, run: async () => (await as('county')).request('PUT', '/api/funds/former-cadre-rule', { minYears: 6, perYearServedFen: 12_000, capFen: 0 }) },
  { route: 'POST /api/funds/awards', audit: /^fund_award\./, run: async () => (await as('county')).post('/api/funds/awards', { orgId: await orgId(t.db, '榆舍村'), year: Number(today.slice(0, 4)), title: '先进基层党组织', amountFen: 1_000_000 }) },
  { route: 'PUT /api/facilities/templates/{kind}', audit: /^facility_template\./, run: async () => (await as('county')).request('PUT', '/api/facilities/templates/station_six', { items: [{ key: 'venue', name: '场所到位' }, { key: 'staff', name: '人员到位' }] }) },
  { route: 'PUT /api/facilities/units/{id}/checklists/{kind}', audit: /^facility_checklist\./, run: async () => (await as('yushe')).request('PUT', `/api/facilities/units/${await orgId(t.db, '榆舍村')}/checklists/village_ten`, { version: 0, investmentFen: 100_000, items: [{ key: 'venue', met: true }] }) },
  { route: 'POST /api/facilities/units/{id}/checklists/{kind}/items/{key}/photo', record: async (_b, by) => (await by.get(`/api/facilities/units/${await orgId(t.db, '榆舍村')}/checklists/village_ten`)).json(), audit: /^facility_checklist\./, run: async () => upload(await as('yushe'), `/api/facilities/units/${await orgId(t.db, '榆舍村')}/checklists/village_ten/items/venue/photo`, {}, { name: '现场.png', type: 'image/png', content: PNG }) },
  { route: 'POST /api/venues', audit: /^venue\./, run: async () => {
    const res = await (await as('yushe')).post('/api/venues', { orgId: await orgId(t.db, '榆舍村'), kind: 'masses_home', name: '榆舍村群众之家', condition: 'good', open24h: true });
    ctx.venue = json(res).id;
    ctx.venueVersion = json(res).version;
    return res;
  } },
  { route: 'PATCH /api/venues/{id}', audit: /^venue\./, run: async () => (await as('yushe')).patch(`/api/venues/${num('venue')}`, { version: num('venueVersion'), hours: '全天' }) },
  { route: 'POST /api/venues/{id}/shifts', record: async (b, by) => (await by.get(`/api/duty-shifts/${String(b.id)}`)).json(), audit: /^duty_shift\./, run: async () => {
    const c = await as('yushe');
    const who = ((await c.get(`/api/venues/${num('venue')}/duty-candidates`)).json() as { people: { personId: number }[] }).people[0]!;
    const res = await c.post(`/api/venues/${num('venue')}/shifts`, { personId: who.personId, startsAt: `${today}T08:00:00+08:00`, endsAt: `${today}T20:00:00+08:00` });
    ctx.shift = json(res).id;
    return res;
  } },
  { route: 'DELETE /api/duty-shifts/{id}', audit: /^duty_shift\./, run: async () => (await as('yushe')).del(`/api/duty-shifts/${num('shift')}`) },

  // ---- 三务公开 · 财务审计 · 台账 (openness)
  { route: 'PUT /api/openness/settings', audit: /^openness\./, run: async () => {
    const c = await as('county');
    const s = (await c.get('/api/openness/settings')).json() as { disclosureDay: number; unitTypes: string[]; cadence: unknown; books: unknown[] };
    return c.request('PUT', '/api/openness/settings', { disclosureDay: s.disclosureDay, unitTypes: s.unitTypes, cadence: s.cadence, books: s.books });
  } },
  { route: 'POST /api/openness/disclosures', audit: /^disclosure\./, run: async () => {
    const res = await (await as('yushe')).post('/api/openness/disclosures', { orgId: await orgId(t.db, '榆舍村'), kind: 'finance', period: today.slice(0, 7), items: [{ title: '办公经费', content: '水电费', amount: '300' }] });
    ctx.disclosure = json(res).id;
    return res;
  } },
  { route: 'PUT /api/openness/disclosures/{id}/draft', audit: /^disclosure\./, run: async () => {
    const d = (await (await as('yushe')).get(`/api/openness/disclosures/${num('disclosure')}`)).json() as { draft: { version: number } };
    return (await as('yushe')).request('PUT', `/api/openness/disclosures/${num('disclosure')}/draft`, { version: d.draft.version, items: [{ title: '办公经费', content: '水电费', amount: '320' }] });
  } },
  { route: 'POST /api/openness/disclosures/{id}/photo', record: async (b, by) => (await by.get(`/api/openness/disclosures/${String(b.id)}`)).json(), audit: /^disclosure\./, run: async () => upload(await as('yushe'), `/api/openness/disclosures/${num('disclosure')}/photo`, {}, { name: '公开栏.png', type: 'image/png', content: PNG }) },
  { route: 'POST /api/openness/disclosures/{id}/attachments', record: async (b, by) => (await by.get(`/api/openness/disclosures/${String(b.id)}`)).json(), audit: /^disclosure\./, run: async () => upload(await as('yushe'), `/api/openness/disclosures/${num('disclosure')}/attachments`, {}, { name: '明细.png', type: 'image/png', content: PNG }) },
  { route: 'POST /api/openness/disclosures/{id}/publish', audit: /^disclosure\./, run: async () => {
    const d = (await (await as('yushe')).get(`/api/openness/disclosures/${num('disclosure')}`)).json() as { draft: { version: number } };
    return (await as('yushe')).post(`/api/openness/disclosures/${num('disclosure')}/publish`, { version: d.draft.version });
  } },
  { route: 'POST /api/openness/disclosures/{id}/corrections', record: async (b, by) => (await by.get(`/api/openness/disclosures/${String(b.id)}`)).json(), audit: /^disclosure\./, run: async () => (await as('yushe')).post(`/api/openness/disclosures/${num('disclosure')}/corrections`, { reason: '金额有误' }) },
  { route: 'POST /api/openness/audits', audit: /^finance_audit\./, run: async () => {
    const res = await (await as('wuli')).post('/api/openness/audits', { orgId: await orgId(t.db, '榆舍村'), period: today.slice(0, 4), auditedOn: today, auditor: '经管站', conclusion: '基本规范', findings: [{ description: '凭证不全' }] });
    ctx.financeAudit = json(res).id;
    ctx.financeFinding = (json(res).findings as { id: number }[])[0]!.id;
    return res;
  } },
  { route: 'POST /api/openness/audits/{id}/findings/{findingId}/problem', audit: /^finance_audit\./, run: async () => (await as('wuli')).post(`/api/openness/audits/${num('financeAudit')}/findings/${num('financeFinding')}/problem`, { category: '党风廉政建设', deadline: addDays(today, 30) }) },
  { route: 'POST /api/openness/registers/{code}/rows', record: async (b, by) => (await by.get(`/api/openness/registers/dues/rows/${String(b.id)}`)).json(), audit: /^register\./, run: async () => (await as('yushe')).post('/api/openness/registers/dues/rows', { orgId: await orgId(t.db, '榆舍村'), entryDate: today, cells: { c1: '张三', c3: '20' } }) },
  // 村干部报酬标准 by year (funds)
  { route: 'PUT /api/funds/allowance-standards', audit: /^allowance_standard\./, run: async () => (await as('county')).request('PUT', '/api/funds/allowance-standards', { year: Number(today.slice(0, 4)), rows: [{ unitType: 'village', post: 'secretary', annualFen: 2_400_000 }, { unitType: 'village', post: 'concurrent', annualFen: 3_000_000 }] }) },
  // 评议与调研 (组织生活)
  { route: 'POST /api/orglife/appraisals', record: async (b, by) => ({ appraisals: await Promise.all((b.appraisals as { id: number }[]).map(async (a) => (await by.get(`/api/orglife/appraisals/${a.id}`)).json())) }), audit: /^appraisal\./, run: async () => {
    const c = await as('yushe');
    const village = await orgId(t.db, '榆舍村');
    const members = (await c.get(`/api/orglife/units/${village}/roster`)).json().members as { id: number }[];
    const res = await c.post('/api/orglife/appraisals', { orgId: village, year: Number(today.slice(0, 4)), grades: [{ personId: members[0]!.id, grade: 'unqualified' }] });
    const item = (res.json() as { appraisals?: { id: number; version: number }[] }).appraisals?.[0];
    ctx.appraisal = item?.id ?? 0;
    ctx.appraisalVersion = item?.version ?? 0;
    return res;
  } },
  { route: 'PUT /api/orglife/appraisals/{id}/follow-up', audit: /^appraisal\./, run: async () => {
    const res = await (await as('yushe')).request('PUT', `/api/orglife/appraisals/${num('appraisal')}/follow-up`, { version: num('appraisalVersion'), kind: 'correct_by_deadline', from: today, due: addDays(today, 60) });
    ctx.appraisalVersion = json(res).version;
    return res;
  } },
  { route: 'PATCH /api/orglife/appraisals/{id}', audit: /^appraisal\./, run: async () => (await as('yushe')).patch(`/api/orglife/appraisals/${num('appraisal')}`, { version: num('appraisalVersion'), grade: 'basically_qualified', reason: '支部党员大会复议' }) },
  { route: 'POST /api/orglife/report-sessions', audit: /^report_session\./, run: async () => {
    const c = await as('wuli');
    const town = await orgId(t.db, '五里镇');
    const cands = (await c.get(`/api/orglife/units/${town}/reporters`)).json().secretaries as { postId: number }[];
    const res = await c.post('/api/orglife/report-sessions', { orgId: town, kind: 'dual_report', heldOn: today, year: Number(today.slice(0, 4)), place: '镇党委会议室', reports: [{ postId: cands[0]!.postId, summary: '党建和经济工作双述职' }] });
    ctx.session = json(res).id;
    ctx.sessionReport = (json(res).reports as { id: number }[])?.[0]?.id ?? 0;
    return res;
  } },
  { route: 'PUT /api/orglife/report-sessions/{id}', audit: /^report_session\./, run: async () => {
    const c = await as('wuli');
    const town = await orgId(t.db, '五里镇');
    const cands = (await c.get(`/api/orglife/units/${town}/reporters`)).json().secretaries as { postId: number }[];
    const res = await c.request('PUT', `/api/orglife/report-sessions/${num('session')}`, { heldOn: today, place: '镇党群服务中心', participants: '镇党委委员', reports: [{ postId: cands[0]!.postId, summary: '党建和经济工作双述职（改）' }] });
    ctx.sessionReport = (json(res).reports as { id: number }[])?.[0]?.id ?? 0;
    return res;
  } },
  { route: 'POST /api/orglife/report-sessions/{id}/ballots', record: async (b, by) => (await by.get(`/api/orglife/report-sessions/${String(b.id)}`)).json(), audit: /^report_session\./, run: async () => (await as('wuli')).post(`/api/orglife/report-sessions/${num('session')}/ballots`, { rater: '党代表甲', ratings: [{ reportId: num('sessionReport'), rating: 'fairly_good' }] }) },
  { route: 'POST /api/orglife/research', audit: /^research\./, run: async () => {
    const res = await (await as('yushe.station')).post('/api/orglife/research', { orgId: await orgId(t.db, '榆舍党建工作站'), topic: '产业发展调研', villageIds: [await orgId(t.db, '榆舍村')], startsOn: today, endsOn: today });
    ctx.research = json(res).id;
    ctx.researchVersion = json(res).version;
    return res;
  } },
  { route: 'POST /api/orglife/research/{id}/attachments', record: async (b, by) => ((await by.get(`/api/orglife/research/${num('research')}`)).json() as { files: { id: unknown }[] }).files.find((f) => f.id === b.id), audit: /^research\./, run: async () => upload(await as('yushe.station'), `/api/orglife/research/${num('research')}/attachments`, {}, { name: '调研照片.png', type: 'image/png', content: PNG }) },
  { route: 'POST /api/orglife/research/{id}/transitions/{transition}', audit: /^research\./, run: async () => {
    const v = (await t.db.query<{ version: number }>(`SELECT version FROM cases WHERE id = $1`, [num('research')]))[0]!.version;
    return (await as('yushe.station')).post(`/api/orglife/research/${num('research')}/transitions/report`, { version: v, report: '走访农户 20 户，形成调研报告' });
  } },
  { route: 'POST /api/training/categories', audit: /^training\./, run: async () => {
    const res = await (await as('county')).post('/api/training/categories', { name: '矩阵培训类别' });
    ctx.trainingCategory = json(res).id;
    return res;
  } },
  { route: 'POST /api/training/courses', audit: /^training\./, run: async () => {
    const res = await (await as('wuli')).post('/api/training/courses', { topic: '矩阵课程', categoryId: num('trainingCategory'), lecturer: '矩阵讲师', mode: 'delivered', hours: 2 });
    ctx.trainingCourse = json(res).id;
    return res;
  } },
  { route: 'POST /api/training/sessions', audit: /^training\./, run: async () => {
    const yushe = await orgId(t.db, '榆舍村');
    const res = await (await as('yushe')).post('/api/training/sessions', { courseId: num('trainingCourse'), orgId: yushe, heldOn: today, place: '村部', targetOrgId: yushe, groups: ['member'] });
    ctx.trainingSession = json(res).id;
    return res;
  } },
  { route: 'POST /api/training/sessions/{id}/attendance', audit: /^training\./, setup: async () => {
    ctx.trainee = json(await (await as('yushe')).post('/api/people', { name: '矩阵学员', gender: 'male', orgId: await orgId(t.db, '榆舍村'), memberStatus: 'formal', joinDate: '2012-07-01', fullDate: '2013-07-01', birthDate: '1985-01-01' })).id;
  }, run: async () => (await as('yushe')).post(`/api/training/sessions/${num('trainingSession')}/attendance`, { personId: num('trainee'), present: true }) },
  { route: 'POST /api/training/sessions/{id}/attendance/sheet', audit: /^training\./, setup: async () => {
    ctx.trainee2 = json(await (await as('yushe')).post('/api/people', { name: '矩阵学员二', gender: 'female', orgId: await orgId(t.db, '榆舍村'), memberStatus: 'formal', joinDate: '2012-07-01', fullDate: '2013-07-01', birthDate: '1986-01-01' })).id;
  }, run: async () => (await as('yushe')).post(`/api/training/sessions/${num('trainingSession')}/attendance/sheet`, { personIds: [num('trainee2')] }) },
  { route: 'POST /api/training/talks', audit: /^training\./, run: async () => (await as('yushe')).post('/api/training/talks', { kind: 'three_talks', speakerId: num('trainee'), orgId: await orgId(t.db, '榆舍村'), heldOn: today, topic: '矩阵心得', item: 'quote' }) },
  { route: 'PUT /api/development-path', audit: /^development_path\./, run: async () => (await as('county')).request('PUT', '/api/development-path', {
    edition: 0, name: '矩阵县流程', minAge: 18, trainingRequired: true, warnDays: 30,
    steps: DEVELOPMENT_TRANSITIONS.map((transition) => ({ transition, minMonths: 0, dueMonths: null, checks: [] })),
  }) },
  { route: 'PUT /api/first-secretaries/subsidy-rate', audit: /^first_secretary_subsidy\./, run: async () => (await as('county')).request('PUT', '/api/first-secretaries/subsidy-rate', { dailyFen: 5000 }) },
  // ---- 星级化管理 (recognition)
  { route: 'PUT /api/recognition/star-rules', audit: /^star_rules\./, run: async () => (await as('county')).request('PUT', '/api/recognition/star-rules', { version: 0, postWeightPercent: 50, levels: [{ stars: 5, min: 95 }, { stars: 4, min: 90 }, { stars: 3, min: 80 }], civilServiceMinStars: 5, civilServiceYears: 2 }) },
  { route: 'POST /api/recognition/star-ratings', audit: /^star_rating\./, run: async () => {
    const res = await (await as('county')).post('/api/recognition/star-ratings', { year: Number(today.slice(0, 4)) });
    ctx.rating = json(res).id;
    return res;
  } },
  { route: 'PUT /api/recognition/star-rows/{id}', audit: /^star_rating\./, run: async () => {
    const [row] = await t.db.query<{ id: number; version: number }>(`SELECT id, version FROM star_rating_rows WHERE rating_id = $1 AND village_score IS NOT NULL ORDER BY id LIMIT 1`, [num('rating')]);
    return (await as('wuli')).request('PUT', `/api/recognition/star-rows/${row!.id}`, { version: row!.version, postScore: 92 });
  } },
  { route: 'POST /api/recognition/star-ratings/{id}/publish', audit: /^star_rating\./, setup: async () => {
    const rows = await t.db.query<{ id: number; version: number }>(`SELECT id, version FROM star_rating_rows WHERE rating_id = $1 AND village_score IS NOT NULL AND post_score IS NULL`, [num('rating')]);
    for (const row of rows) await (await as('county')).request('PUT', `/api/recognition/star-rows/${row.id}`, { version: row.version, postScore: 85 });
  }, run: async () => {
    const [r] = await t.db.query<{ version: number }>(`SELECT version FROM star_ratings WHERE id = $1`, [num('rating')]);
    return (await as('county')).post(`/api/recognition/star-ratings/${num('rating')}/publish`, { version: r!.version });
  } },
  { route: 'POST /api/recognition/star-ratings/{id}/correct', record: async (b, by) => (await by.get(`/api/recognition/star-ratings/${String(b.id)}`)).json(), audit: /^star_rating\./, run: async () => (await as('county')).post(`/api/recognition/star-ratings/${num('rating')}/correct`) },
  // 党支部积星·党员积分 (recognition)
  { route: 'PUT /api/recognition/point-rules', audit: /^point_rules\./, run: async () => (await as('county')).request('PUT', '/api/recognition/point-rules', { year: Number(today.slice(0, 4)), version: 0, memberItems: [{ code: 'meetings', name: '参加组织生活', source: 'meetings', points: 2, cap: 30 }, { code: 'volunteer', name: '志愿服务', source: 'manual', points: 2, cap: 10 }], branchItems: [], branchLevels: [{ stars: 1, min: 10 }] }) },
  { route: 'POST /api/recognition/point-awards', audit: /^point_award\./, run: async () => {
    const res = await (await as('yushe')).post('/api/recognition/point-awards', { personId: num('trainee'), itemCode: 'volunteer', points: 2, doneOn: today, description: '矩阵志愿服务', evidence: '签到表' });
    ctx.award = json(res).id;
    return res;
  } },
  { route: 'POST /api/recognition/point-awards/{id}/return', audit: /^point_award\./, run: async () => (await as('wuli')).post(`/api/recognition/point-awards/${num('award')}/return`, { version: 1, reason: '佐证不足' }) },
  { route: 'POST /api/recognition/point-awards/{id}/approve', audit: /^point_award\./, setup: async () => {
    ctx.award2 = json(await (await as('yushe')).post('/api/recognition/point-awards', { personId: num('trainee'), itemCode: 'volunteer', points: 1, doneOn: today, description: '矩阵志愿服务二', evidence: '照片' })).id;
  }, run: async () => (await as('wuli')).post(`/api/recognition/point-awards/${num('award2')}/approve`, { version: 1 }) },
  // 称号认定 (recognition)
  { route: 'PUT /api/recognition/designation-kinds', audit: /^designation_kinds\./, run: async () => (await as('county')).request('PUT', '/api/recognition/designation-kinds', { version: 0, kinds: SAMPLE_DESIGNATION_KINDS }) },
  { route: 'POST /api/recognition/designations', audit: /^designation\./, run: async () => {
    const res = await (await as('wuli')).post('/api/recognition/designations', { kindCode: 'rural_development', year: Number(today.slice(0, 4)), orgId: await orgId(t.db, '榆舍村'), citation: '矩阵推荐事迹' });
    ctx.designation = json(res).id;
    return res;
  } },
  { route: 'PUT /api/recognition/designations/{id}/criteria', audit: /^designation\./, run: async () => (await as('wuli')).request('PUT', `/api/recognition/designations/${num('designation')}/criteria`, { version: 1, checks: ['c1', 'c2', 'c3'].map((code) => ({ code, met: true, note: '矩阵核实' })) }) },
  { route: 'POST /api/recognition/designations/{id}/evidence', record: async (b, by) => ((await by.get(`/api/recognition/designations/${num('designation')}`)).json() as { evidence: { id: unknown }[] }).evidence.find((f) => f.id === b.id), audit: /^designation\./, run: async () => upload(await as('wuli'), `/api/recognition/designations/${num('designation')}/evidence`, {}, { name: '佐证.png', type: 'image/png', content: PNG }) },
  { route: 'POST /api/recognition/designations/{id}/transitions/{transition}', audit: /^designation\./, run: async () => (await as('wuli')).post(`/api/recognition/designations/${num('designation')}/transitions/check`, { version: 2 }) },
  // 奖惩: a reward from the sheet published, appealed and locked above
  { route: 'POST /api/recognition/consequences', audit: /^consequence\./, run: async () => (await as('wuli')).post('/api/recognition/consequences', { kind: 'reward', basisType: 'sheet', basisId: num('sheet'), title: '矩阵奖励', decidedOn: today }) },
  // 公开选拔 · 换届 · 结对培养
  { route: 'POST /api/selections', audit: /^public_selection\./, setup: async () => {
    ctx.selVillage = json(await (await as('wuli')).post('/api/orgs', { parentId: await orgId(t.db, '榆舍党建工作站'), type: 'village', name: '矩阵选拔村' })).id;
  }, run: async () => {
    const res = await (await as('wuli')).post('/api/selections', { orgId: num('selVillage'), role: 'secretary', conditions: '35周岁以下' });
    ctx.selection = json(res).id;
    return res;
  } },
  { route: 'POST /api/selections/{id}/transitions/{transition}', audit: /^public_selection\./, run: async () => (await as('county')).post(`/api/selections/${num('selection')}/transitions/open_registration`, { version: 1 }) },
  { route: 'POST /api/selections/{id}/candidates', record: async (b, by) => (await by.get(`/api/selections/${String(b.id)}`)).json(), audit: /^public_selection\./, run: async () => {
    const res = await (await as('county')).post(`/api/selections/${num('selection')}/candidates`, { version: 2, person: { name: '矩阵报名人', gender: 'male', birthDate: '1990-01-01', orgId: await orgId(t.db, '榆舍村') }, registeredOn: today });
    ctx.selectionCandidate = (json(res).candidateList as { id: number }[])[0]!.id;
    return res;
  } },
  { route: 'POST /api/selections/{id}/candidates/{candidateId}/vetting', audit: /^public_selection\./, setup: async () => {
    await (await as('county')).post(`/api/selections/${num('selection')}/transitions/start_vetting`, { version: 3 });
  }, run: async () => (await as('county')).post(`/api/selections/${num('selection')}/candidates/${num('selectionCandidate')}/vetting`, { version: 4, passed: true }) },
  { route: 'POST /api/selections/{id}/candidates/{candidateId}/score', audit: /^public_selection\./, setup: async () => {
    await (await as('county')).post(`/api/selections/${num('selection')}/transitions/start_written`, { version: 5 });
  }, run: async () => (await as('county')).post(`/api/selections/${num('selection')}/candidates/${num('selectionCandidate')}/score`, { version: 6, score: 85 }) },
  { route: 'POST /api/elections', audit: /^election\./, run: async () => {
    const res = await (await as('wuli')).post('/api/elections', { townshipId: await orgId(t.db, '五里镇'), year: 2031 });
    const yushe = await orgId(t.db, '榆舍村');
    ctx.electionVillage = (json(res).villageList as { id: number; org: { id: number } }[]).find((x) => x.org.id === yushe)!.id;
    return res;
  } },
  { route: 'POST /api/election-villages/{id}/recommend', audit: /^election\./, run: async () => {
    const [p] = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_id = $1 AND status = 'active' ORDER BY id LIMIT 1`, [await orgId(t.db, '榆舍村')]);
    const res = await (await as('wuli')).post(`/api/election-villages/${num('electionVillage')}/recommend`, { version: 1, date: today, candidates: [{ personId: p!.id, role: 'supervision_director' }] });
    ctx.electionCandidate = (json(res).candidates as { id: number }[])[0]!.id;
    return res;
  } },
  { route: 'POST /api/election-villages/{id}/inspect', audit: /^election\./, run: async () => (await as('wuli')).post(`/api/election-villages/${num('electionVillage')}/inspect`, { version: 2, date: today, results: [{ candidateId: num('electionCandidate'), passed: true }] }) },
  { route: 'POST /api/election-villages/{id}/elect', audit: /^election\./, run: async () => (await as('wuli')).post(`/api/election-villages/${num('electionVillage')}/elect`, { version: 3, date: today, elected: [num('electionCandidate')] }) },
  { route: 'POST /api/mentoring', audit: /^mentoring\./, setup: async () => {
    ctx.mentee = json(await (await as('yushe')).post('/api/people', { name: '矩阵被培养人', gender: 'female', orgId: await orgId(t.db, '榆舍村'), birthDate: '1996-01-01' })).id;
    ctx.mentor = json(await (await as('yushe')).post('/api/people', { name: '矩阵培养人', gender: 'male', orgId: await orgId(t.db, '榆舍村'), birthDate: '1980-01-01', memberStatus: 'formal', joinDate: '2005-07-01', fullDate: '2006-07-01' })).id;
  }, run: async () => {
    const res = await (await as('wuli')).post('/api/mentoring', { mode: 'one_to_one', menteeId: num('mentee'), menteeKind: 'development_target', startedOn: today, mentors: [{ personId: num('mentor'), kind: 'cadre' }] });
    ctx.mentoring = json(res).id;
    return res;
  } },
  { route: 'POST /api/mentoring/{id}/contacts', record: async (b, by) => (await by.get(`/api/mentoring/${String(b.id)}`)).json(), audit: /^mentoring\./, run: async () => (await as('wuli')).post(`/api/mentoring/${num('mentoring')}/contacts`, { contactedOn: today, way: 'talk', content: '谈心谈话' }) },
];

beforeAll(async () => {
  t = await buildTestApp({ publicRateLimit: { submit: 1000, lookup: 1000 } });
});
afterAll(() => t.close());

describe('the audit matrix', () => {
  it('every non-GET route of the OpenAPI document has a scripted request here', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).filter((m) => m !== 'get' && m !== 'head').map((m) => `${m.toUpperCase()} ${p}`));
    const scripted = new Set(STEPS.map((s) => s.route));
    expect(routes.filter((r) => !scripted.has(r)), 'routes without a scripted request').toEqual([]);
    expect([...scripted].filter((r) => !routes.includes(r)), 'scripts for routes the document does not have').toEqual([]);
    expect(STEPS.length).toBe(scripted.size);
    const creates = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops as Record<string, { responses?: Record<string, unknown> }>).filter(([m, op]) => m !== 'get' && op.responses?.['201']).map(([m]) => `${m.toUpperCase()} ${p}`));
    expect(Object.keys(NOT_THE_RECORD).filter((r) => !creates.includes(r)), 'NOT_THE_RECORD names routes that are not creates (201)').toEqual([]);
  });

  it('every scripted write answers 2xx and leaves an audit record naming its module; every create answers its record as the GET shows it', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
    const creates = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).filter(([m, op]) => m !== 'get' && op.responses?.['201']).map(([m]) => `${m.toUpperCase()} ${p}`)));
    const unaudited: string[] = [];
    const refused: string[] = [];
    const notTheRecord: string[] = [];
    const unread: string[] = [];
    for (const step of STEPS) {
      await step.setup?.();
      const [{ last }] = (await t.db.query<{ last: number }>(`SELECT coalesce(max(id), 0)::bigint AS last FROM audit_log`)) as [{ last: number }];
      lastWriter = undefined;
      const res = await step.run().catch((err: Error) => ({ statusCode: 0, body: err.message }) as LightMyRequestResponse);
      if (res.statusCode < 200 || res.statusCode >= 300) {
        refused.push(`${step.route}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        continue;
      }
      if (creates.has(step.route) && !NOT_THE_RECORD[step.route]) {
        const body = res.json() as Record<string, unknown>;
        const path = step.route.slice('POST '.length);
        const by: Pick<Client, 'get'> = lastWriter ?? t.anonymous;
        const read = step.record
          ? step.record(body, by)
          : !path.includes('{') && doc.paths[`${path}/{id}`]?.get
            ? by.get(`${path}/${String(body.id)}`).then((r) => r.json())
            : undefined;
        if (!read) unread.push(step.route);
        else {
          const shown = await read;
          if (!isDeepStrictEqual(body, shown)) notTheRecord.push(`${step.route}: answered ${JSON.stringify(body).slice(0, 300)} — its GET shows ${JSON.stringify(shown).slice(0, 300)}`);
        }
      }
      if (step.read) {
        const wrote = (await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE id > $1`, [last])).map((r) => r.action);
        if (wrote.length) unaudited.push(`${step.route} is a read but wrote: ${wrote.join(', ')}`);
        continue;
      }
      let actions: string[] = [];
      if (step.audit === 'read') {
        actions = (await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE id > $1 ORDER BY id`, [last])).map((r) => r.action);
        if (actions.length) unaudited.push(`${step.route} is a read but wrote: ${actions.join(', ')}`);
        continue;
      }
      const audit = step.audit;
      for (let i = 0; i < (step.later ? 200 : 1); i++) {
        actions = (await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE id > $1 ORDER BY id`, [last])).map((r) => r.action);
        if (actions.some((a) => audit.test(a))) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      if (!actions.some((a) => audit.test(a))) unaudited.push(`${step.route} (wrote: ${actions.join(', ') || 'nothing'})`);
    }
    expect({ refused, unaudited }, 'scripted writes that were refused, and routes that answered 2xx without an audit record of their module').toEqual({ refused: [], unaudited: [] });
    expect({ notTheRecord, unread }, 'creates whose 201 answer is not the created record as its GET shows it, and creates with no GET to compare with (list them in NOT_THE_RECORD with the reason)').toEqual({ notTheRecord: [], unread: [] });
  }, 240_000); // every route of every module in one run: past 60 s on two shared cores
});
