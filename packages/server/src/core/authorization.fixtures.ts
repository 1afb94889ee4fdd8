// The world the authorization matrix runs in: the demo county's 五里镇 (inside every demo scope),
// its sibling township 彭镇 (same county, outside every township/station/village scope), and a
// second county 邻县 (outside every demo scope), each with accounts at every level and one record
// of every resource made through the API — so a record exists exactly as the app writes it.
import { hashPassword } from './password.js';
import { insertAccount } from '../modules/accounts/index.js';
import { orgId, TEST_DEMO_PASSWORD, type Client, type TestApp } from '../test/helpers.js';
import type { Queryable } from '../db/db.js';

export type PlaceName = 'inside' | 'sibling' | 'other';

export type Place = {
  name: PlaceName;
  org: { county: number; township: number; station: number; village: number; village2: number; dept: number };
  /** Accounts acting at each level of this place. */
  as: { county: Client; township: Client; station: Client; village: Client; dept: Client };
};

/** The ids of one record (and what hangs off it) as a route's path parameters name them. */
export type Rec = Record<string, number | string>;

export const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
export const plusDays = (d: string, n: number) => new Date(Date.parse(d) + n * 86400_000).toISOString().slice(0, 10);
export const year = Number(today.slice(0, 4));

let serial = 0;
/** A name no other fixture uses (sibling orgs may not share a name). */
export const unique = (prefix: string) => `${prefix}${++serial}`;
let designationYears = 2000;
/** A year no matrix designation used yet (2001, 2002, …; the schema allows up to 2100). */
export const designationYear = () => ++designationYears;
let firstSecretaryMonths = 0;
let starYears = 2040;
/** A year no matrix star rating used yet (2041, 2042, …). */
export const starYear = () => ++starYears;
let starRowYears = 2101;
/** The years of the star-row makers, from 2100 down: the list's seeds (made first) come first in a list ordered by year. */
const starRowYear = () => --starRowYears;
/** The year of the inside place's published star rating (the star board's summary reads it). */
export let starBoardYear = 0;

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

/** A one-pixel PNG as a multipart upload, as a browser sends it. */
export function upload(client: Client, url: string, fields: Record<string, string> = {}) {
  const boundary = '----lianxin-authz';
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const payload = Buffer.concat([
    ...parts,
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场.png"\r\nContent-Type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request('POST', url, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

async function addOrg(q: Queryable, parent: { id: number; path: string; depth: number; county: number } | null, type: string, name: string, usesStations = false) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO orgs (county_id, parent_id, type, name, path, depth, uses_stations) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [parent?.county ?? null, parent?.id ?? null, type, name, `/tmp-${name}/`, (parent?.depth ?? -1) + 1, usesStations],
  );
  const path = `${parent?.path ?? '/'}${row!.id}/`;
  await q.query(`UPDATE orgs SET path = $1, county_id = coalesce(county_id, id) WHERE id = $2`, [path, row!.id]);
  return { id: row!.id, path, depth: (parent?.depth ?? -1) + 1, county: parent?.county ?? row!.id };
}

/** Builds the three places; the demo accounts are the inside place's. */
export async function buildPlaces(t: TestApp, demo: Map<string, Client>): Promise<Record<PlaceName, Place>> {
  const hash = await hashPassword(TEST_DEMO_PASSWORD);
  const account = (username: string, role: string, scopeOrgId: number) =>
    insertAccount(t.db, { username, displayName: username, passwordHash: hash, roles: [role as never], scopeOrgId, mustChangePassword: false });

  const villagesOf = async (station: number) =>
    (await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE parent_id = $1 AND type = 'village' AND status = 'active' ORDER BY id`, [station])).map((r) => r.id);

  const county = await orgId(t.db, '中共宜君县委员会');
  const yusheStation = await orgId(t.db, '榆舍党建工作站');
  const yushe = await orgId(t.db, '榆舍村');
  const inside: Place = {
    name: 'inside',
    org: { county, township: await orgId(t.db, '五里镇'), station: yusheStation, village: yushe, village2: (await villagesOf(yusheStation)).find((v) => v !== yushe)!, dept: await orgId(t.db, '县交通运输局') },
    as: { county: demo.get('county')!, township: demo.get('wuli')!, station: demo.get('yushe.station')!, village: demo.get('yushe')!, dept: demo.get('jiaotong')! },
  };

  const peng = await orgId(t.db, '彭镇');
  const [pengStation] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE parent_id = $1 AND type = 'station' ORDER BY id LIMIT 1`, [peng]);
  const pengVillages = await villagesOf(pengStation!.id);
  const minzheng = await orgId(t.db, '县民政局');
  await account('authz.peng', 'township_admin', peng);
  await account('authz.peng.station', 'station_admin', pengStation!.id);
  await account('authz.peng.village', 'village_admin', pengVillages[0]!);
  await account('authz.minzheng', 'department_admin', minzheng);
  const sibling: Place = {
    name: 'sibling',
    org: { county, township: peng, station: pengStation!.id, village: pengVillages[0]!, village2: pengVillages[1]!, dept: minzheng },
    as: { county: demo.get('county')!, township: await t.as('authz.peng'), station: await t.as('authz.peng.station'), village: await t.as('authz.peng.village'), dept: await t.as('authz.minzheng') },
  };

  const o = await t.db.transaction(async (tx) => {
    const c = await addOrg(tx, null, 'county', '中共邻县委员会');
    const town = await addOrg(tx, c, 'township', '邻镇', true);
    const station = await addOrg(tx, town, 'station', '邻镇党建工作站');
    const v1 = await addOrg(tx, station, 'village', '邻村');
    const v2 = await addOrg(tx, station, 'village', '邻二村');
    const dept = await addOrg(tx, c, 'department', '邻县交通运输局');
    await tx.query(
      `INSERT INTO ledger_settings (county_id, categories, supervision_days, closure_signer)
       SELECT $1, categories, supervision_days, closure_signer FROM ledger_settings WHERE county_id = $2`,
      [c.id, county],
    );
    return { county: c.id, township: town.id, station: station.id, village: v1.id, village2: v2.id, dept: dept.id };
  });
  await account('authz.nb', 'county_admin', o.county);
  await account('authz.nb.town', 'township_admin', o.township);
  await account('authz.nb.station', 'station_admin', o.station);
  await account('authz.nb.village', 'village_admin', o.village);
  await account('authz.nb.dept', 'department_admin', o.dept);
  const other: Place = {
    name: 'other',
    org: o,
    as: { county: await t.as('authz.nb'), township: await t.as('authz.nb.town'), station: await t.as('authz.nb.station'), village: await t.as('authz.nb.village'), dept: await t.as('authz.nb.dept') },
  };
  return { inside, sibling, other };
}

/** Asserts a fixture call worked and returns its JSON. */
export async function ok<T = Record<string, unknown>>(label: string, res: Promise<{ statusCode: number; body: string; json(): unknown }>): Promise<T> {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`fixture ${label}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  return (r.body ? r.json() : {}) as T;
}

// ---- one maker per resource: a fresh record in a place, made as the person who would make it ----

let monthsBack = 0;
/** A past month no other fixture used (a disclosure is one a unit, kind and period; an audit one a unit and period). */
export const pastMonth = () => {
  const [y, m] = today.slice(0, 7).split('-').map(Number);
  const k = y! * 12 + (m! - 1) - ++monthsBack;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
};

/** The training menu category made in each county (by county id). */
const trainingCategories = new Map<number, number>();

/** The scheme and the next free (unit, month) slot of each place's score sheets. */
const sheetSlots = new Map<PlaceName, { schemeId: number; next: number }>();

export const make = {
  async department(p: Place): Promise<Rec> {
    return { id: p.org.dept };
  },
  async orgNode(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; version: number }>('org', p.as.township.post('/api/orgs', { parentId: p.org.village, type: 'party_group', name: unique('矩阵党小组') }));
    return { id: r.id, version: r.version };
  },
  async person(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; version: number }>('person', p.as.village.post('/api/people', { name: unique('矩阵人'), gender: 'female', orgId: p.org.village, memberStatus: 'formal', joinDate: '2010-07-01', fullDate: '2011-07-01', birthDate: '1990-01-01' }));
    return { id: r.id, version: r.version };
  },
  /** A current post in the place's village that draws an allowance (副书记: not a single-holder post, so fixtures may add many). */
  async post(p: Place): Promise<Rec> {
    const person = await make.person(p);
    const r = await ok<{ id: number }>('post', p.as.township.post('/api/posts', { personId: person.id, orgId: p.org.village, role: 'deputy_secretary', startDate: '2026-01-01' }));
    return { id: r.id, personId: Number(person.id) };
  },
  async reserveCadre(p: Place): Promise<Rec> {
    const person = await make.person(p);
    const r = await ok<{ id: number }>('reserve cadre', p.as.township.post('/api/reserve-cadres', { personId: person.id, targetRole: '村党支部书记', addedOn: today }));
    return { id: r.id, personId: Number(person.id) };
  },
  /** A villager who is not yet a Party member (an applicant-to-be). */
  async applicant(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; version: number }>('applicant', p.as.village.post('/api/people', { name: unique('矩阵申请人'), gender: 'male', orgId: p.org.village, birthDate: '1995-01-01' }));
    return { id: r.id, version: r.version };
  },
  async development(p: Place): Promise<Rec> {
    const person = await make.applicant(p);
    const r = await ok<{ id: number; version: number }>('development', p.as.village.post('/api/developments', { personId: person.id, appliedOn: today }));
    return { id: r.id, version: r.version, personId: Number(person.id) };
  },
  /** A new village under the place's station (a branch can have one open rectification at a time). */
  async newVillage(p: Place): Promise<Rec> {
    const r = await ok<{ id: number }>('village', p.as.township.post('/api/orgs', { parentId: p.org.station, type: 'village', name: unique('矩阵村') }));
    return { id: r.id };
  },
  /** 软弱涣散整顿: a new village proposed by its township. */
  async weakOrg(p: Place): Promise<Rec> {
    const village = await make.newVillage(p);
    const r = await ok<{ id: number; version: number }>('weak org', p.as.township.post('/api/weak-orgs', { orgId: village.id, year, reasons: ['stalled'] }));
    return { id: r.id, version: r.version };
  },
  /** … listed by the county: being rectified. */
  async weakOrgListed(p: Place): Promise<Rec> {
    const w = await make.weakOrg(p);
    const r = await ok<{ id: number; version: number }>('weak org listed', p.as.county.post(`/api/weak-orgs/${w.id}/transitions/confirm`, { version: w.version }));
    return { id: r.id, version: r.version };
  },
  async account(p: Place): Promise<Rec> {
    const username = unique(`authz.acc.${p.name}.`);
    const { hashPassword: h } = await import('./password.js');
    return { id: await insertAccountFor(p, username, await h(TEST_DEMO_PASSWORD)), username };
  },
  async problem(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; version: number }>('problem', p.as.township.post('/api/ledger/problems', { orgId: p.org.village, source: 'other', category: '作风建设', description: unique('矩阵问题'), deadline: plusDays(today, 30) }));
    return { id: r.id, version: r.version };
  },
  async problemWithAttachment(p: Place): Promise<Rec> {
    const problem = await make.problem(p);
    const a = await ok<{ id: number }>('problem attachment', upload(p.as.township, `/api/ledger/problems/${problem.id}/attachments`));
    return { ...problem, attachmentId: a.id };
  },
  async task(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; version: number }>('task', p.as.township.post('/api/tasks', { orgId: p.org.township, year, content: unique('矩阵任务'), ownerOrgId: p.org.village, deadline: plusDays(today, 30) }));
    return { id: r.id, version: r.version };
  },
  async responsibility(p: Place): Promise<Rec> {
    const r = await ok<{ id: number }>('responsibility', p.as.village.post('/api/responsibilities', { orgId: p.org.village, year, postRole: 'secretary', duty: unique('矩阵职责') }));
    const [row] = await dbOf(p).query<{ version: number }>(`SELECT version FROM responsibilities WHERE id = $1`, [r.id]);
    return { id: r.id, version: row!.version };
  },
  /** A directive from the township to its station; the station's assignment. */
  async directive(p: Place): Promise<Rec> {
    const d = await ok<{ directiveId: number }>('directive', p.as.township.post('/api/directives', { kind: 'task_list', title: unique('矩阵清单'), content: '请落实', dueDate: plusDays(today, 5), targets: { orgIds: [p.org.station] } }));
    const [a] = await dbOf(p).query<{ id: number; version: number }>(`SELECT id, version FROM assignments WHERE directive_id = $1`, [d.directiveId]);
    const [dv] = await dbOf(p).query<{ version: number }>(`SELECT version FROM directives WHERE id = $1`, [d.directiveId]);
    return { id: d.directiveId, directiveVersion: dv!.version, assignmentId: a!.id, assignmentVersion: a!.version };
  },
  /** A directive from the county to the place's station (the township follows it: 下级收到的任务). */
  async countyDirective(p: Place): Promise<Rec> {
    const d = await ok<{ directiveId: number }>('county directive', p.as.county.post('/api/directives', { kind: 'notice', title: unique('矩阵县通知'), dueDate: plusDays(today, 5), targets: { orgIds: [p.org.station] } }));
    return { id: d.directiveId };
  },
  /** A 工作站称号 the county gives the place's station (a fresh year each time: one a kind and year). */
  async designation(p: Place): Promise<Rec> {
    const d = await ok<{ id: number }>('designation', p.as.county.post(`/api/orgs/${p.org.station}/designations`, { kind: 'county_pilot', year: designationYear() }));
    return { id: p.org.station, designationId: d.id };
  },
  async series(p: Place): Promise<Rec> {
    const d = await ok<{ seriesId: number }>('series', p.as.township.post('/api/directives', { kind: 'duty', title: unique('矩阵例会'), targets: { type: 'station' }, recurrence: { frequency: 'monthly', dueDays: 20 } }));
    return { id: d.seriesId };
  },
  async dispatchFile(p: Place): Promise<Rec> {
    const d = await make.directive(p);
    const f = await ok<{ id: number }>('dispatch file', upload(p.as.township, `/api/directives/${d.id}/attachments`));
    return { id: f.id };
  },
  async inspection(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; findings: { id: number }[] }>('inspection', p.as.station.post('/api/inspections', { kind: 'station_biweekly', inspectedOn: today, inspectors: '站长', targetOrgIds: [p.org.village], findings: [{ targetOrgId: p.org.village, description: unique('矩阵发现') }] }));
    return { id: r.id, findingId: r.findings[0]!.id };
  },
  async bulletin(p: Place): Promise<Rec> {
    return ok<{ id: number }>('bulletin', p.as.township.post('/api/bulletins', { title: unique('矩阵通报'), content: '资料不全，限期整改。' }));
  },
  async accountability(p: Place): Promise<Rec> {
    return ok<{ id: number }>('accountability', p.as.township.post('/api/accountability', { kind: 'rectify_within_deadline', targetOrgId: p.org.village, reason: unique('矩阵问责'), decidedOn: today }));
  },
  /** A request at the station, with a citizen's photo. */
  async request(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; version: number; trackingCode: string }>('request', p.as.station.post('/api/requests', { orgId: p.org.station, channel: 'station', category: 'errand', citizenName: unique('矩阵群众'), phone: '13800001234', matter: '路灯坏了' }));
    return { id: r.id, version: r.version, code: r.trackingCode };
  },
  async requestWithPhoto(p: Place, anonymous: Pick<Client, 'request'>): Promise<Rec> {
    const r = await make.request(p);
    await ok('request photo', upload(anonymous as Client, `/api/public/requests/${r.code}/photo`, { phone: '13800001234' }));
    const [a] = await dbOf(p).query<{ id: number }>(`SELECT id FROM attachments WHERE case_id = $1 ORDER BY id DESC LIMIT 1`, [r.id]);
    return { ...r, attachmentId: a!.id };
  },
  async claimedRequest(p: Place): Promise<Rec> {
    const r = await make.request(p);
    const c = await ok<{ version: number }>('claim', p.as.station.post(`/api/requests/${r.id}/transitions/claim`, { version: r.version }));
    return { ...r, version: c.version };
  },
  /** A whistle of the station to the place's department: the part, and the whistle. */
  async whistle(p: Place): Promise<Rec> {
    const r = await make.request(p);
    const w = await ok<{ id: number; parts: { id: number; version: number }[] }>('whistle', p.as.station.post('/api/whistles', { sourceCaseId: r.id, matter: unique('矩阵吹哨'), departmentIds: [p.org.dept] }));
    return { id: w.id, partId: w.parts[0]!.id, partVersion: w.parts[0]!.version };
  },
  async declinedPart(p: Place): Promise<Rec> {
    const w = await make.whistle(p);
    await ok('decline', p.as.dept.post(`/api/whistle-parts/${w.partId}/actions`, { version: w.partVersion, action: 'decline', reason: '不属于本部门职责' }));
    return w;
  },
  async visit(p: Place): Promise<Rec> {
    return ok<{ id: number }>('visit', p.as.village.post('/api/visits', { orgId: p.org.village, cadreLevel: 'village', household: unique('矩阵户'), visitedOn: today, heard: '取暖困难' }));
  },
  async household(p: Place): Promise<Rec> {
    return ok<{ id: number }>('household', p.as.village.post('/api/households', { orgId: p.org.village, headName: unique('矩阵户主'), categories: ['elderly'] }));
  },
  async grid(p: Place): Promise<Rec> {
    const g = await ok<{ id: number }>('grid', p.as.township.post('/api/orgs', { parentId: p.org.village, type: 'grid', name: unique('矩阵网格') }));
    return { id: g.id };
  },
  async gridRegistration(p: Place): Promise<Rec> {
    const g = await make.grid(p);
    const person = await make.person(p);
    const r = await ok<{ id: number }>('grid registration', p.as.village.post(`/api/grids/${g.id}/registrations`, { personId: person.id, registeredOn: today }));
    return { id: r.id, gridId: Number(g.id) };
  },
  /** A draft indicator scheme of the place's county (the 龙江 template), by its county. */
  async assessmentDraft(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; version: number }>('assessment draft', p.as.county.post('/api/assessment/schemes', { year, unitType: 'village', name: unique('矩阵指标体系') }));
    return { id: r.id, version: r.version };
  },
  /** A published scheme of the place's county (a fresh edition each time, so each sheet made on it is the unit's first). */
  async assessmentScheme(p: Place): Promise<Rec> {
    const d = await make.assessmentDraft(p);
    const r = await ok<{ id: number; version: number }>('assessment publish', p.as.county.post(`/api/assessment/schemes/${d.id}/publish`, { version: d.version }));
    return { id: r.id, version: r.version };
  },
  /**
   * The township's score sheet of a village of the place, every manual indicator scored. Sheets share
   * one published scheme per place and take the next free unit and month (this month first, then
   * back through the year), so the first two are this month's.
   */
  async scoreSheet(p: Place): Promise<Rec> {
    let slot = sheetSlots.get(p.name);
    const month = Number(today.slice(5, 7));
    if (!slot || slot.next >= 2 * month) sheetSlots.set(p.name, (slot = { schemeId: Number((await make.assessmentScheme(p)).id), next: 0 }));
    const k = slot.next++;
    const period = `${year}-${String(month - Math.floor(k / 2)).padStart(2, '0')}`;
    const sheet = await ok<{ id: number; version: number; entries: { key: string; max: number; source: string }[] }>('score sheet', p.as.township.post('/api/assessment/sheets', { schemeId: slot.schemeId, orgId: k % 2 === 0 ? p.org.village : p.org.village2, period }));
    const scores = sheet.entries.filter((e) => e.source === 'manual').map((e) => ({ key: e.key, points: e.max, evidence: '矩阵佐证' }));
    const r = await ok<{ id: number; version: number }>('scores', p.as.township.request('PUT', `/api/assessment/sheets/${sheet.id}/scores`, { version: sheet.version, scores }));
    return { id: r.id, version: r.version };
  },
  /** A score sheet submitted by the township and passed and published by the county (locked). */
  async publishedSheet(p: Place): Promise<Rec> {
    const s = await make.scoreSheet(p);
    const a = await ok<{ version: number }>('submit', p.as.township.post(`/api/assessment/sheets/${s.id}/transitions/submit`, { version: s.version }));
    const b = await ok<{ version: number }>('pass', p.as.county.post(`/api/assessment/sheets/${s.id}/transitions/pass`, { version: a.version }));
    const c = await ok<{ version: number }>('publish', p.as.county.post(`/api/assessment/sheets/${s.id}/transitions/publish`, { version: b.version }));
    return { id: Number(s.id), version: c.version };
  },
  /** A sheet locked after its appeal: published, appealed by the village, the appeal rejected by the county. */
  /** A published sheet of the place's first village (the one its village account holds): the sheets alternate two villages. */
  async villageSheet(p: Place): Promise<Rec> {
    const s = await make.publishedSheet(p);
    if ((await p.as.village.get(`/api/assessment/sheets/${s.id}`)).statusCode === 200) return s;
    return make.publishedSheet(p);
  },
  async lockedSheet(p: Place): Promise<Rec> {
    const s = await make.villageSheet(p);
    const a = await ok<{ version: number }>('appeal', p.as.village.post(`/api/assessment/sheets/${s.id}/appeal`, { version: s.version, reason: '矩阵申诉', evidence: '矩阵佐证' }));
    const b = await ok<{ version: number }>('reject', p.as.county.post(`/api/assessment/sheets/${s.id}/transitions/reject_appeal`, { version: a.version, body: '维持原评分' }));
    return { id: Number(s.id), version: b.version };
  },
  /** A sheet of the place's first village under appeal (filed by the village, not yet decided). */
  async appealedSheet(p: Place): Promise<Rec> {
    const s = await make.villageSheet(p);
    const a = await ok<{ version: number }>('appeal', p.as.village.post(`/api/assessment/sheets/${s.id}/appeal`, { version: s.version, reason: '矩阵申诉', evidence: '矩阵佐证' }));
    return { id: Number(s.id), version: a.version };
  },
  /** An evidence file on a sheet's open appeal. */
  async appealFile(p: Place): Promise<Rec> {
    const s = await make.appealedSheet(p);
    const f = await ok<{ id: number }>('appeal file', upload(p.as.village, `/api/assessment/sheets/${s.id}/appeal/files`));
    return { ...s, fileId: f.id };
  },
  /** A 支委会 of the place's village, one member ticked present. */
  async meeting(p: Place): Promise<Rec> {
    const person = await make.person(p);
    return ok<{ id: number }>('meeting', p.as.village.post('/api/orglife/meetings', { orgId: p.org.village, typeCode: 'committee', heldOn: today, place: '村委会', host: '书记', topic: unique('矩阵支委会'), attendees: [{ personId: person.id, present: true }] }));
  },
  /** A photo kept with a 支委会 of the place's village. */
  async meetingFile(p: Place): Promise<Rec> {
    const m = await make.meeting(p);
    const r = await ok<{ files: { id: number }[] }>('meeting file', upload(p.as.village, `/api/orglife/meetings/${m.id}/files`));
    return { id: Number(m.id), attachmentId: r.files[0]!.id };
  },
  /** A party group (党小组) the place's village sets up. */
  async partyGroup(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; version: number }>('party group', p.as.village.post(`/api/orglife/units/${p.org.village}/party-groups`, { name: unique('矩阵党小组') }));
    return { id: r.id, version: r.version };
  },
  /** A 主题党日 plan the village files for next week. */
  async filing(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; version: number }>('filing', p.as.village.post('/api/orglife/filings', { orgId: p.org.village, plannedOn: plusDays(today, 7), activityKind: 'study', place: '村委会', plan: unique('矩阵方案') }));
    return { id: r.id, version: r.version };
  },
  /** A 工作会商 of the place's station on a major matter, waiting for the township. */
  async consultation(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; version: number }>('consultation', p.as.station.post('/api/orglife/consultations', { orgId: p.org.station, heldOn: today, topic: unique('矩阵会商'), participants: '站长、副站长', decision: '报镇党委审定' }));
    return { id: r.id, version: r.version };
  },
  /** 经费: an allocation the county makes to a fresh party group of the place's village (one per org, year and line). */
  async allocation(p: Place): Promise<Rec> {
    const node = await make.orgNode(p);
    const r = await ok<{ id: number; version: number }>('allocation', p.as.county.post('/api/funds/allocations', { orgId: node.id, year, line: 'office', amountFen: 100_000, reason: '矩阵经费' }));
    return { id: r.id, version: r.version };
  },
  /** A spending the village records against such an allocation. */
  async spending(p: Place): Promise<Rec> {
    const a = await make.allocation(p);
    const r = await ok<{ id: number }>('spending', p.as.village.post(`/api/funds/allocations/${a.id}/spendings`, { spentOn: today, amountFen: 100, purpose: unique('矩阵支出') }));
    return { id: r.id, allocationId: Number(a.id) };
  },
  async spendingWithVoucher(p: Place): Promise<Rec> {
    const s = await make.spending(p);
    await ok('voucher', upload(p.as.village, `/api/funds/spendings/${s.id}/voucher`));
    return s;
  },
  async award(p: Place): Promise<Rec> {
    return ok<{ id: number }>('award', p.as.county.post('/api/funds/awards', { orgId: p.org.village, year, title: unique('矩阵表彰'), amountFen: 2_000_000 }));
  },
  /** The village's 十有 checklist as it stands (version 0 before its first save). */
  async checklist(p: Place): Promise<Rec> {
    const [row] = await dbOf(p).query<{ version: number }>(`SELECT version FROM facility_checklists WHERE org_id = $1 AND kind = 'village_ten'`, [p.org.village]);
    return { id: p.org.village, version: row?.version ?? 0 };
  },
  async checklistPhoto(p: Place): Promise<Rec> {
    await ok('checklist photo', upload(p.as.village, `/api/facilities/units/${p.org.village}/checklists/village_ten/items/venue/photo`));
    return { id: p.org.village };
  },
  async venue(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; version: number }>('venue', p.as.village.post('/api/venues', { orgId: p.org.village, kind: 'masses_home', name: unique('矩阵群众之家'), condition: 'good', open24h: true }));
    return { id: r.id, version: r.version };
  },
  async venueWithPerson(p: Place): Promise<Rec> {
    const [v, person] = [await make.venue(p), await make.person(p)];
    return { ...v, personId: Number(person.id) };
  },
  async dutyShift(p: Place): Promise<Rec> {
    const v = await make.venueWithPerson(p);
    const r = await ok<{ id: number }>('duty shift', p.as.village.post(`/api/venues/${v.id}/shifts`, { personId: v.personId, startsAt: `${today}T08:00:00+08:00`, endsAt: `${today}T18:00:00+08:00` }));
    return { id: r.id };
  },
  /** A two-step flow of the place's county (the village proposes; then a decision with its 决议书). */
  async flow(p: Place): Promise<Rec> {
    const step = (key: string, name: string, documents: string[]) => ({ key, name, level: 'village', body: '村党支部', limitDays: 5, documents, public: true, meetingType: null });
    return ok<{ id: number }>('flow', p.as.county.post('/api/flows', { name: unique('矩阵流程'), category: 'other', description: '', steps: [step('a', '提议', []), step('b', '决议', ['决议书'])] }));
  },
  /** A matter of the place's village at its first step. */
  async flowMatter(p: Place): Promise<Rec> {
    const flow = await make.flow(p);
    const r = await ok<{ id: number; version: number }>('flow matter', p.as.village.post('/api/flow-matters', { flowId: flow.id, orgId: p.org.village, title: unique('矩阵事项'), summary: '矩阵' }));
    return { id: r.id, version: r.version, flowId: Number(flow.id) };
  },
  /** … at its second step, which needs a 决议书. */
  async flowMatterAtDecision(p: Place): Promise<Rec> {
    const m = await make.flowMatter(p);
    const r = await ok<{ version: number }>('flow step', p.as.village.post(`/api/flow-matters/${m.id}/steps`, { version: m.version, stepKey: 'a', result: '提议' }));
    return { id: Number(m.id), version: r.version };
  },
  /** … with its 决议书 uploaded. */
  async flowMatterWithDocument(p: Place): Promise<Rec> {
    const m = await make.flowMatterAtDecision(p);
    const a = await ok<{ attachmentId: number }>('flow document', upload(p.as.village, `/api/flow-matters/${m.id}/documents`, { document: '决议书' }));
    return { id: Number(m.id), version: Number(m.version), attachmentId: a.attachmentId };
  },
  /** … whose first step is four days past its limit (失职预警). */
  async overdueFlowMatter(p: Place): Promise<Rec> {
    const m = await make.flowMatter(p);
    await dbOf(p).query(`UPDATE cases SET deadline = $2 WHERE id = $1`, [m.id, plusDays(today, -4)]);
    return m;
  },
  /** 项目化推进: a project the place's village proposes, with one milestone this year. */
  async project(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; version: number; milestones: { id: number; version: number }[] }>('project', p.as.village.post('/api/projects', {
      title: unique('矩阵项目'), year, aim: 'service', class: 'key', orgId: p.org.village, budget: 1000, milestones: [{ title: '矩阵节点', dueOn: `${year}-12-31` }],
    }));
    return { id: r.id, version: r.version, milestoneId: r.milestones[0]!.id, milestoneVersion: r.milestones[0]!.version };
  },
  /** A project reviewed by the station, approved by the township and started by the village. */
  async projectInProgress(p: Place): Promise<Rec> {
    const r = await make.project(p);
    const a = await ok<{ version: number }>('review', p.as.station.post(`/api/projects/${r.id}/transitions/review`, { version: r.version }));
    const b = await ok<{ version: number }>('approve', p.as.township.post(`/api/projects/${r.id}/transitions/approve`, { version: a.version }));
    const c = await ok<{ version: number }>('start', p.as.village.post(`/api/projects/${r.id}/transitions/start`, { version: b.version }));
    return { ...r, version: c.version };
  },
  /**
   * A project given its year-end account and appraised and closed by the township (销号): where the
   * county scores the year's 年交账 through assessment (a published project scheme, as the demo
   * county has), its sheet is opened, scored and published first and 销号 takes that score;
   * elsewhere the township types score and grade.
   */
  async projectClosed(p: Place): Promise<Rec> {
    const r = await make.projectInProgress(p);
    const a = await ok<{ version: number; appraisalSource: string | null }>('account', p.as.village.post(`/api/projects/${r.id}/transitions/account`, { version: r.version, summary: '矩阵交账' }));
    if (a.appraisalSource !== 'assessment') {
      const b = await ok<{ version: number }>('close', p.as.township.post(`/api/projects/${r.id}/transitions/close`, { version: a.version, score: 90, grade: 'excellent' }));
      return { ...r, version: b.version };
    }
    const schemes = await ok<{ items: { id: number; subjectKind: string }[] }>('project schemes', p.as.county.get(`/api/assessment/schemes?year=${year}&status=published&pageSize=200`));
    const scheme = schemes.items.find((x) => x.subjectKind === 'project');
    if (!scheme) throw new Error('fixture close: the project is scored through assessment, but no published project scheme is listed');
    const sheet = await ok<{ id: number; version: number; entries: { key: string; max: number; source: string }[] }>('project sheet', p.as.township.post('/api/assessment/sheets', { schemeId: scheme.id, projectId: r.id, period: `${year}-12` }));
    const scores = sheet.entries.filter((e) => e.source === 'manual').map((e) => ({ key: e.key, points: e.max, evidence: '矩阵佐证' }));
    let v = (await ok<{ version: number }>('project scores', p.as.township.request('PUT', `/api/assessment/sheets/${sheet.id}/scores`, { version: sheet.version, scores }))).version;
    for (const [who, step] of [[p.as.township, 'submit'], [p.as.county, 'pass'], [p.as.county, 'publish']] as const) {
      v = (await ok<{ version: number }>(`project sheet ${step}`, who.post(`/api/assessment/sheets/${sheet.id}/transitions/${step}`, { version: v }))).version;
    }
    const b = await ok<{ version: number }>('close', p.as.township.post(`/api/projects/${r.id}/transitions/close`, { version: a.version }));
    return { ...r, version: b.version };
  },
  /** A project and a formal member of its village (to claim a role on it). */
  async projectAndMember(p: Place): Promise<Rec> {
    const r = await make.project(p);
    const person = await make.person(p);
    return { ...r, personId: Number(person.id) };
  },
  /** A project and a quarterly inspection of its village by the township. */
  async projectAndInspection(p: Place): Promise<Rec> {
    const r = await make.project(p);
    const i = await ok<{ id: number }>('inspection', p.as.township.post('/api/inspections', { kind: 'quarterly_evaluation', inspectedOn: today, inspectors: '矩阵督查组', targetOrgIds: [p.org.village] }));
    return { ...r, inspectionId: i.id };
  },
  /** A project with a file. */
  async projectFile(p: Place): Promise<Rec> {
    const r = await make.project(p);
    const f = await ok<{ id: number }>('project file', upload(p.as.village, `/api/projects/${r.id}/attachments`));
    return { ...r, attachmentId: f.id };
  },
  /** A 村务公开 draft the place's village composes. */
  async disclosure(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; draft: { version: number } }>('disclosure', p.as.village.post('/api/openness/disclosures', { orgId: p.org.village, kind: 'village', period: pastMonth(), items: [{ title: unique('矩阵公开'), content: '内容' }] }));
    return { id: r.id, version: r.draft.version };
  },
  /** … with the board photo uploaded, ready to publish. */
  async disclosureWithPhoto(p: Place): Promise<Rec> {
    const d = await make.disclosure(p);
    const r = await ok<{ draft: { version: number; photo: { id: number } } }>('disclosure photo', upload(p.as.village, `/api/openness/disclosures/${d.id}/photo`));
    return { id: Number(d.id), version: r.draft.version, fileId: r.draft.photo.id };
  },
  /** … published. */
  async publishedDisclosure(p: Place): Promise<Rec> {
    const d = await make.disclosureWithPhoto(p);
    await ok('disclosure publish', p.as.village.post(`/api/openness/disclosures/${d.id}/publish`, { version: d.version }));
    return { id: Number(d.id), fileId: Number(d.fileId) };
  },
  /** A 村级财务审计 of the place's village by its township, with one finding. */
  async financeAudit(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; findings: { id: number }[] }>('finance audit', p.as.township.post('/api/openness/audits', { orgId: p.org.village, period: pastMonth(), auditedOn: today, auditor: '经管站', conclusion: '基本规范', findings: [{ description: unique('矩阵审计发现'), amount: '100' }] }));
    return { id: r.id, findingId: r.findings[0]!.id };
  },
  /** 民主评议: a fresh member of the place's village graded 基本合格 by the branch this year. */
  async appraisal(p: Place): Promise<Rec> {
    const person = await make.person(p);
    const r = await ok<{ appraisals: { id: number; version: number }[] }>('appraisal', p.as.village.post('/api/orglife/appraisals', { orgId: p.org.village, year, grades: [{ personId: person.id, grade: 'basically_qualified' }] }));
    return { id: r.appraisals[0]!.id, version: r.appraisals[0]!.version };
  },
  /** The current secretary post of the place's second village (made when the place has none). */
  async secretaryPost(p: Place): Promise<Rec> {
    const [row] = await dbOf(p).query<{ id: number }>(`SELECT id FROM posts WHERE org_id = $1 AND role = 'secretary' AND (end_date IS NULL OR end_date >= current_date) ORDER BY id LIMIT 1`, [p.org.village2]);
    if (row) return { id: Number(row.id) };
    const person = await make.person(p);
    const r = await ok<{ id: number }>('secretary', p.as.township.post('/api/posts', { personId: person.id, orgId: p.org.village2, role: 'secretary', startDate: '2026-01-01' }));
    return { id: r.id };
  },
  /** A 述职评议 session of the place's township: its second village's secretary reported. */
  async reportSession(p: Place): Promise<Rec> {
    const post = await make.secretaryPost(p);
    const r = await ok<{ id: number; reports: { id: number }[] }>('report session', p.as.township.post('/api/orglife/report-sessions', { orgId: p.org.township, kind: 'report_appraisal', heldOn: today, year, place: '会议室', reports: [{ postId: post.id, summary: unique('矩阵述职') }] }));
    return { id: r.id, reportId: r.reports[0]!.id, postId: Number(post.id) };
  },
  /** A research round the place's station plans in its village, starting today. */
  async research(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; version: number }>('research', p.as.station.post('/api/orglife/research', { orgId: p.org.station, topic: unique('矩阵调研'), villageIds: [p.org.village], startsOn: today, endsOn: today }));
    return { id: r.id, version: r.version };
  },
  async researchFile(p: Place): Promise<Rec> {
    const r = await make.research(p);
    const f = await ok<{ id: number }>('research file', upload(p.as.station, `/api/orglife/research/${r.id}/attachments`));
    return { ...r, attachmentId: f.id };
  },
  /** 教育培训: a menu category of the place's county (one per county), made by its county account. */
  async trainingCategory(p: Place): Promise<Rec> {
    const known = trainingCategories.get(p.org.county);
    if (known) return { id: known };
    const r = await ok<{ id: number }>('training category', p.as.county.post('/api/training/categories', { name: unique('矩阵培训类别') }));
    trainingCategories.set(p.org.county, r.id);
    return { id: r.id };
  },
  /** A course in the place's township's catalogue. */
  async trainingCourse(p: Place): Promise<Rec> {
    const category = await make.trainingCategory(p);
    const r = await ok<{ id: number }>('training course', p.as.township.post('/api/training/courses', { topic: unique('矩阵课程'), categoryId: category.id, lecturer: '矩阵讲师', mode: 'mobile', hours: 2 }));
    return { id: r.id };
  },
  /** A session the place's village holds today for its Party members, on the township's course. */
  async trainingSession(p: Place): Promise<Rec> {
    const course = await make.trainingCourse(p);
    const r = await ok<{ id: number }>('training session', p.as.village.post('/api/training/sessions', { courseId: course.id, orgId: p.org.village, heldOn: today, place: '村部', targetOrgId: p.org.village, groups: ['member'] }));
    return { id: r.id };
  },
  /** … and a formal member of the village to tick. */
  async trainingSessionWithMember(p: Place): Promise<Rec> {
    const s = await make.trainingSession(p);
    const person = await make.person(p);
    return { id: Number(s.id), personId: Number(person.id) };
  },
  /** A 三个讲一次 talk in the place's village. */
  async trainingTalk(p: Place): Promise<Rec> {
    const person = await make.person(p);
    const r = await ok<{ id: number }>('training talk', p.as.village.post('/api/training/talks', { kind: 'three_talks', speakerId: person.id, orgId: p.org.village, heldOn: today, topic: unique('矩阵心得'), item: 'quote' }));
    return { id: r.id };
  },
  /** A star rating (draft) of the place's county for a year no fixture used yet, with a fresh cadre of the place's village in it. */
  async starRating(p: Place, y = starYear()): Promise<Rec> {
    const post = await make.post(p);
    const r = await ok<{ id: number; version: number }>('star rating', p.as.county.post('/api/recognition/star-ratings', { year: y }));
    const [row] = await dbOf(p).query<{ id: number; version: number }>(`SELECT id, version FROM star_rating_rows WHERE rating_id = $1 AND post_id = $2`, [r.id, post.id]);
    return { id: r.id, version: r.version, year: y, rowId: row!.id, rowVersion: row!.version };
  },
  /** The place's village cadre's row in a fresh star rating. */
  async starRow(p: Place): Promise<Rec> {
    const r = await make.starRating(p, starRowYear());
    return { id: Number(r.rowId), version: Number(r.rowVersion) };
  },
  /** A star rating ready to publish: the place's village has a published sheet of the year, its cadres their post assessments. */
  async publishableRating(p: Place): Promise<Rec> {
    const y = starYear();
    const draft = await ok<{ id: number; version: number }>('star scheme', p.as.county.post('/api/assessment/schemes', { year: y, unitType: 'village', name: unique('矩阵星级指标体系') }));
    await ok('star scheme publish', p.as.county.post(`/api/assessment/schemes/${draft.id}/publish`, { version: draft.version }));
    const sheet = await ok<{ id: number; version: number; entries: { key: string; max: number; source: string }[] }>('star sheet', p.as.township.post('/api/assessment/sheets', { schemeId: draft.id, orgId: p.org.village, period: `${y}-01` }));
    const scores = sheet.entries.filter((e) => e.source === 'manual').map((e) => ({ key: e.key, points: e.max, evidence: '矩阵佐证' }));
    let v = (await ok<{ version: number }>('star scores', p.as.township.request('PUT', `/api/assessment/sheets/${sheet.id}/scores`, { version: sheet.version, scores }))).version;
    v = (await ok<{ version: number }>('submit', p.as.township.post(`/api/assessment/sheets/${sheet.id}/transitions/submit`, { version: v }))).version;
    v = (await ok<{ version: number }>('pass', p.as.county.post(`/api/assessment/sheets/${sheet.id}/transitions/pass`, { version: v }))).version;
    await ok('publish', p.as.county.post(`/api/assessment/sheets/${sheet.id}/transitions/publish`, { version: v }));
    await make.post(p);
    const r = await ok<{ id: number }>('star rating', p.as.county.post('/api/recognition/star-ratings', { year: y }));
    const rows = await dbOf(p).query<{ id: number; version: number }>(`SELECT id, version FROM star_rating_rows WHERE rating_id = $1 AND village_score IS NOT NULL`, [r.id]);
    for (const row of rows) await ok('post score', p.as.county.request('PUT', `/api/recognition/star-rows/${row.id}`, { version: row.version, postScore: 90 }));
    const [rating] = await dbOf(p).query<{ version: number }>(`SELECT version FROM star_ratings WHERE id = $1`, [r.id]);
    return { id: r.id, version: rating!.version, year: y };
  },
  /** … published by the county. */
  async publishedRating(p: Place): Promise<Rec> {
    const r = await make.publishableRating(p);
    await ok('star publish', p.as.county.post(`/api/recognition/star-ratings/${r.id}/publish`, { version: r.version }));
    if (p.name === 'inside') starBoardYear = Number(r.year);
    return { id: Number(r.id) };
  },
  /** 公开选拔: a new village's secretary post its township applies for. */
  async selection(p: Place): Promise<Rec> {
    const village = await make.newVillage(p);
    const r = await ok<{ id: number; version: number }>('selection', p.as.township.post('/api/selections', { orgId: village.id, role: 'secretary', conditions: '35周岁以下，大专以上学历' }));
    return { id: r.id, version: r.version };
  },
  /** … registration opened by the county. */
  async selectionOpen(p: Place): Promise<Rec> {
    const s = await make.selection(p);
    const r = await ok<{ id: number; version: number }>('selection open', p.as.county.post(`/api/selections/${s.id}/transitions/open_registration`, { version: s.version }));
    return { id: r.id, version: r.version };
  },
  /** … one candidate registered, in joint vetting. */
  async selectionVetting(p: Place): Promise<Rec> {
    const s = await make.selectionOpen(p);
    const person = await make.person(p);
    const c = await ok<{ version: number; candidateList: { id: number }[] }>('candidate', p.as.county.post(`/api/selections/${s.id}/candidates`, { version: s.version, personId: person.id, registeredOn: today }));
    const r = await ok<{ id: number; version: number }>('selection vetting', p.as.county.post(`/api/selections/${s.id}/transitions/start_vetting`, { version: c.version }));
    return { id: r.id, version: r.version, candidateId: c.candidateList[0]!.id };
  },
  /** … the candidate passed, at the written exam. */
  async selectionWritten(p: Place): Promise<Rec> {
    const s = await make.selectionVetting(p);
    const vetted = await ok<{ version: number }>('vetting', p.as.county.post(`/api/selections/${s.id}/candidates/${s.candidateId}/vetting`, { version: s.version, passed: true }));
    const r = await ok<{ id: number; version: number }>('selection written', p.as.county.post(`/api/selections/${s.id}/transitions/start_written`, { version: vetted.version }));
    return { id: r.id, version: r.version, candidateId: s.candidateId! };
  },
  /** 换届: a round of the place's township (a fresh year each time: one a township and year). */
  async electionRound(p: Place): Promise<Rec> {
    const r = await ok<{ id: number; villageList: { id: number; version: number; org: { id: number } }[] }>('election round', p.as.township.post('/api/elections', { townshipId: p.org.township, year: designationYear() }));
    const v = r.villageList.find((x) => x.org.id === p.org.village)!;
    return { id: r.id, villageId: v.id, villageVersion: v.version };
  },
  /** … the place's village in it. */
  async electionVillage(p: Place): Promise<Rec> {
    const r = await make.electionRound(p);
    return { id: r.villageId!, version: r.villageVersion! };
  },
  /** … with a 监委会主任 candidate recommended. */
  async electionRecommended(p: Place): Promise<Rec> {
    const v = await make.electionVillage(p);
    const person = await make.person(p);
    const r = await ok<{ id: number; version: number; candidates: { id: number }[] }>('recommend', p.as.township.post(`/api/election-villages/${v.id}/recommend`, { version: v.version, date: today, candidates: [{ personId: person.id, role: 'supervision_director' }] }));
    return { id: r.id, version: r.version, candidateId: r.candidates[0]!.id };
  },
  /** … and inspected: passed. */
  async electionInspected(p: Place): Promise<Rec> {
    const v = await make.electionRecommended(p);
    const r = await ok<{ id: number; version: number }>('inspect', p.as.township.post(`/api/election-villages/${v.id}/inspect`, { version: v.version, date: today, results: [{ candidateId: v.candidateId, passed: true }] }));
    return { id: r.id, version: r.version, candidateId: v.candidateId! };
  },
  /** 结对培养: a development target of the place's village and a mentor, one-to-one. */
  async mentoring(p: Place): Promise<Rec> {
    const mentee = await make.applicant(p);
    const mentor = await make.person(p);
    const r = await ok<{ id: number }>('mentoring', p.as.township.post('/api/mentoring', { mode: 'one_to_one', menteeId: mentee.id, menteeKind: 'development_target', startedOn: today, mentors: [{ personId: mentor.id, kind: 'cadre' }] }));
    return { id: r.id };
  },
  /**
   * 第一书记: a first secretary of the place's village, one month of 2011 per call (a single-holder
   * post: the months never overlap each other or the demo's terms); the list is asked for 2011.
   */
  async firstSecretary(p: Place): Promise<Rec> {
    const person = await make.person(p);
    const m = String(++firstSecretaryMonths).padStart(2, '0');
    const r = await ok<{ id: number }>('first secretary', p.as.township.post('/api/posts', { personId: person.id, orgId: p.org.village, role: 'first_secretary', startDate: `2011-${m}-01`, endDate: `2011-${m}-28`, sentFrom: '矩阵选派单位' }));
    return { id: r.id, personId: Number(person.id) };
  },
  /** A first secretary (2011) and a published first-secretary scheme of 2011 of the place's county: the scheme's subjects list him. */
  async firstSecretarySubject(p: Place): Promise<Rec> {
    const fs = await make.firstSecretary(p);
    const d = await ok<{ id: number; version: number }>('fs scheme', p.as.county.post('/api/assessment/schemes', { year: 2011, subjectKind: 'first_secretary', name: unique('矩阵第一书记考核') }));
    await ok('fs scheme publish', p.as.county.post(`/api/assessment/schemes/${d.id}/publish`, { version: d.version }));
    return { id: fs.id!, schemeId: d.id };
  },
  /** A village's project that gave its year-end account, scored by its township against a project scheme and published. */
  async publishedProjectSheet(p: Place): Promise<Rec> {
    const r = await make.projectInProgress(p);
    await ok('account', p.as.village.post(`/api/projects/${r.id}/transitions/account`, { version: r.version, summary: '矩阵年终交账' }));
    const d = await ok<{ id: number; version: number }>('project scheme', p.as.county.post('/api/assessment/schemes', { year, subjectKind: 'project', name: unique('矩阵项目考评') }));
    await ok('project scheme publish', p.as.county.post(`/api/assessment/schemes/${d.id}/publish`, { version: d.version }));
    const sheet = await ok<{ id: number; version: number; entries: { key: string; max: number; source: string }[] }>('project sheet', p.as.township.post('/api/assessment/sheets', { schemeId: d.id, projectId: r.id, period: `${year}-12` }));
    const scores = sheet.entries.filter((e) => e.source === 'manual').map((e) => ({ key: e.key, points: e.max, evidence: '矩阵佐证' }));
    let v = (await ok<{ version: number }>('project scores', p.as.township.request('PUT', `/api/assessment/sheets/${sheet.id}/scores`, { version: sheet.version, scores }))).version;
    v = (await ok<{ version: number }>('submit', p.as.township.post(`/api/assessment/sheets/${sheet.id}/transitions/submit`, { version: v }))).version;
    v = (await ok<{ version: number }>('pass', p.as.county.post(`/api/assessment/sheets/${sheet.id}/transitions/pass`, { version: v }))).version;
    await ok('publish', p.as.county.post(`/api/assessment/sheets/${sheet.id}/transitions/publish`, { version: v }));
    return { id: sheet.id, projectId: Number(r.id) };
  },
  async job(p: Place): Promise<Rec> {
    const [row] = await dbOf(p).query<{ id: number }>(
      `INSERT INTO jobs (kind, account_id, status, total, processed) SELECT 'people_import', id, 'done', 0, 0 FROM accounts WHERE username = $1 RETURNING id`,
      [p.as.village.username],
    );
    return { id: row!.id };
  },
  /** A station designation, by its own id (GET /api/station-designations/{id}). */
  async designationById(p: Place): Promise<Rec> {
    return { id: Number((await make.designation(p)).designationId) };
  },
  /** A hand-written row of the village's 党费收缴 register. */
  async registerRow(p: Place): Promise<Rec> {
    return ok<{ id: number }>('register row', p.as.village.post('/api/openness/registers/dues/rows', { orgId: p.org.village, entryDate: today, cells: { c1: unique('缴费人'), c3: '20' } }));
  },
  /** 党员积分: a manual item (志愿服务) the place's village proposed for a fresh member of it, awaiting approval. */
  async pointAward(p: Place): Promise<Rec> {
    const person = await make.person(p);
    const r = await ok<{ id: number; version: number }>('point award', p.as.village.post('/api/recognition/point-awards', { personId: person.id, itemCode: 'volunteer', points: 2, doneOn: today, description: unique('矩阵志愿服务'), evidence: '签到表' }));
    return { id: r.id, version: r.version };
  },
  /** 称号认定: a fresh village of the place nominated by its township as a 发展型党组织. */
  async nominated(p: Place): Promise<Rec> {
    const village = await make.newVillage(p);
    const r = await ok<{ id: number; version: number }>('designation', p.as.township.post('/api/recognition/designations', { kindCode: 'rural_development', year, orgId: village.id, citation: unique('矩阵推荐') }));
    return { id: r.id, version: r.version };
  },
  /** … with a piece of evidence. */
  async nominatedFile(p: Place): Promise<Rec> {
    const d = await make.nominated(p);
    const f = await ok<{ id: number }>('designation evidence', upload(p.as.township, `/api/recognition/designations/${d.id}/evidence`));
    return { ...d, fileId: f.id };
  },
  /** 奖惩: a reward the place's township records for its village from a published sheet. */
  async consequence(p: Place): Promise<Rec> {
    const sheet = await make.publishedSheet(p);
    const r = await ok<{ id: number }>('consequence', p.as.township.post('/api/recognition/consequences', { kind: 'reward', basisType: 'sheet', basisId: sheet.id, title: unique('矩阵奖励'), decidedOn: today }));
    return { id: r.id, version: 1 };
  },
};

// The makers need the database for a version or an id the API does not return; the matrix sets it.
let currentDb: Queryable | undefined;
export function useDb(q: Queryable) {
  currentDb = q;
}
const dbOf = (_p: Place) => currentDb!;

async function insertAccountFor(p: Place, username: string, hash: string) {
  return insertAccount(currentDb!, { username, displayName: username, passwordHash: hash, roles: ['village_admin'], scopeOrgId: p.org.village, mustChangePassword: false });
}
