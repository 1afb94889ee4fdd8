// 民情日记 (household visits, each may open a request in one step), vulnerable households with
// four-level contacts (包保), and grids with in-service members (双报到) and their deeds.
import type { CreateHouseholdBody, CreateVisitBody, ListHouseholdsQuery, ListVisitsQuery } from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError } from '../../core/errors.js';
import { validatePhone } from '../../core/id-number.js';
import { inScope as orgInScope } from '../../core/org-tree.js';
import { todayInChina } from '../../core/calendar.js';
import * as repo from './citizens.repository.js';
import type { RequestService } from './requests.service.js';
import { activePersonOfCounty, countPeopleOfCounty } from '../people/index.js';
import { pageOf, totalOf } from '../../core/paging.js';

const VILLAGE_TYPES = new Set(['village', 'community', 'grid']);

export function createDiaryService(deps: { db: Db; requests: RequestService }) {
  const { db, requests } = deps;

  /** Checks a visit before anything is written: the village in scope, the date, the household, the phone. */
  async function checkVisit(actor: Actor, input: CreateVisitBody, field = (f: string) => f) {
    requireAction(actor, 'citizen:handle');
    const org = await orgInScope(db, actor.scope, input.orgId);
    if (!org || org.status !== 'active' || !VILLAGE_TYPES.has(org.type)) throw fieldError(field('orgId'), '请选择走访的村（社区）', 'Choose the village visited');
    if (input.visitedOn > requests.today()) throw fieldError(field('visitedOn'), '走访日期不能晚于今天', 'The date is in the future');
    if (input.householdId && !(await repo.findHousehold(db, actor.scope, input.householdId))) throw fieldError(field('householdId'), '包保户不存在', 'No such household');
    const phone = input.openRequest?.phone ? (validatePhone(input.openRequest.phone) ?? null) : null;
    if (input.openRequest?.phone && !phone) throw fieldError(field('openRequest.phone'), '手机号应为11位数字', 'A phone number has 11 digits');
    return { org, input, phone };
  }

  /** Writes a checked visit (and the request it opens) in the caller's transaction, audited there. */
  async function writeVisit(tx: Queryable, actor: Actor, checked: Awaited<ReturnType<typeof checkVisit>>, via?: { meetingId: number }) {
    const { org, input, phone } = checked;
    const id = await repo.insertVisit(tx, {
      countyId: org.county_id, accountId: actor.accountId, cadreLevel: input.cadreLevel, orgId: org.id, orgPath: org.path,
      householdId: input.householdId ?? null, household: input.household.trim(), visitedOn: input.visitedOn, heard: input.heard.trim(), followUp: input.followUp?.trim() || null,
    });
    let requestId: number | null = null;
    if (input.openRequest) {
      // one fact, entered once: the visit's record opens the request
      const opened = await requests.openRequest(tx, actor, org, { channel: 'diary', category: input.openRequest.category, citizenName: input.household.trim(), phone, matter: input.openRequest.matter.trim(), visitId: id });
      requestId = opened.id;
      await repo.linkVisitRequest(tx, id, opened.id);
    }
    await appendAudit(tx, { countyId: org.county_id, accountId: actor.accountId, username: actor.username, action: 'visit.create', objectType: 'visit', objectId: id, summary: { orgId: org.id, requestId, ...(via ? { meetingId: via.meetingId } : {}) }, result: 'success', ip: actor.ip });
    return { id, requestId };
  }

  async function recordVisit(actor: Actor, input: CreateVisitBody) {
    const checked = await checkVisit(actor, input);
    return db.transaction((tx) => writeVisit(tx, actor, checked));
  }

  const visitView = (r: repo.VisitDbRow) => ({ id: r.id, cadre: r.cadre, cadreLevel: r.cadre_level, org: { id: r.org_id, name: r.org_name, type: r.org_type }, household: r.household, householdId: r.household_id, visitedOn: r.visited_on, heard: r.heard, followUp: r.follow_up, requestId: r.request_case_id });

  async function visits(actor: Actor, q: ListVisitsQuery) {
    requireAction(actor, 'citizen:read');
    let rootPath: string | undefined;
    if (q.orgId) {
      const org = await orgInScope(db, actor.scope, q.orgId);
      if (!org) throw new AppError('not_found');
      rootPath = org.path;
    }
    const filter = { accountId: q.mine ? actor.accountId : undefined, rootPath, householdId: q.householdId };
    const p = pageOf(q);
    const rows = await repo.listVisits(db, actor.scope, filter, p);
    // the counts ride on the page's rows; a page past the end reads them from the first row
    const head = rows[0] ?? (p.page > 1 ? (await repo.listVisits(db, actor.scope, filter, { limit: 1, offset: 0 }))[0] : undefined);
    return { total: head?.total_count ?? 0, withRequests: head?.with_requests ?? 0, page: p.page, pageSize: p.pageSize, items: rows.map(visitView) };
  }

  /** One visit, scoped exactly like the list: outside the caller's scope, not found. */
  async function visit(actor: Actor, id: number) {
    requireAction(actor, 'citizen:read');
    const [row] = await repo.listVisits(db, actor.scope, { id }, { limit: 1, offset: 0 });
    if (!row) throw new AppError('not_found');
    return visitView(row);
  }

  /**
   * What a person recorded (a first secretary's work log): the 民情日记 visits and the citizen
   * requests opened by the accounts linked to the person, in the caller's scope — read, never re-entered.
   */
  async function recordedBy(actor: Actor, personId: number, from: string, to: string, q: Queryable = db) {
    requireAction(actor, 'citizen:read');
    const visits = await repo.visitsRecordedBy(q, actor.scope, personId, from, to);
    const opened = await repo.requestsOpenedBy(q, actor.scope, personId, from, to);
    return {
      visits: visits.map((v) => ({ id: Number(v.id), date: v.visited_on, org: v.org_name, household: v.household, heard: v.heard, requestId: v.request_case_id === null ? null : Number(v.request_case_id) })),
      requests: opened.map((r) => ({ id: Number(r.id), date: r.opened_on, org: r.org_name, channel: r.channel, matter: r.matter, status: r.status })),
    };
  }

  async function addHousehold(actor: Actor, input: CreateHouseholdBody) {
    requireAction(actor, 'citizen:handle');
    const org = await orgInScope(db, actor.scope, input.orgId);
    if (!org || org.status !== 'active' || !VILLAGE_TYPES.has(org.type)) throw fieldError('orgId', '请选择所在村（社区）', 'Choose the village');
    const contacts = [input.countyContact, input.townshipContact, input.villageContact, input.hamletContact];
    const given = contacts.filter((c): c is number => !!c);
    if ((await countPeopleOfCounty(db, org.county_id, given)) !== given.length) throw fieldError('villageContact', '包保责任人须是本县人员', 'Contacts must be people of the county');
    return db.transaction(async (tx) => {
      const id = await repo.insertHousehold(tx, { countyId: org.county_id, orgId: org.id, orgPath: org.path, headName: input.headName.trim(), categories: input.categories, address: input.address?.trim() || null, contacts: contacts.map((c) => c ?? null) });
      await appendAudit(tx, { countyId: org.county_id, accountId: actor.accountId, username: actor.username, action: 'household.create', objectType: 'household', objectId: id, summary: { orgId: org.id, categories: input.categories }, result: 'success', ip: actor.ip });
      return id;
    });
  }

  const ref = (id: number | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
  const householdView = (h: repo.HouseholdDbRow) => ({
    id: h.id, org: { id: h.org_id, name: h.org_name, type: h.org_type }, headName: h.head_name, categories: h.categories, address: h.address,
    contacts: { county: ref(h.c1, h.n1), township: ref(h.c2, h.n2), village: ref(h.c3, h.n3), hamlet: ref(h.c4, h.n4) },
    visits: h.visits, lastVisitOn: h.last_visit,
  });

  async function households(actor: Actor, q: ListHouseholdsQuery = {}) {
    requireAction(actor, 'citizen:read');
    const root = q.orgId ? await orgInScope(db, actor.scope, q.orgId) : { path: actor.scope.path };
    if (!root) throw new AppError('not_found');
    const p = pageOf(q);
    const rows = await repo.listHouseholds(db, root.path, p);
    const total = await totalOf(rows, p.page, () => repo.listHouseholds(db, root.path, { limit: 1, offset: 0 }));
    return { items: rows.map(householdView), total, page: p.page, pageSize: p.pageSize };
  }

  /** One 包保户, scoped exactly like the list: outside the caller's scope, not found. */
  async function household(actor: Actor, id: number) {
    requireAction(actor, 'citizen:read');
    const [row] = await repo.listHouseholds(db, actor.scope.path, { limit: 1, offset: 0 }, id);
    if (!row) throw new AppError('not_found');
    return householdView(row);
  }

  async function registerMember(actor: Actor, gridId: number, personId: number, registeredOn: string) {
    requireAction(actor, 'citizen:handle');
    const grid = await orgInScope(db, actor.scope, gridId);
    if (!grid || grid.type !== 'grid' || grid.status !== 'active') throw new AppError('not_found');
    // 双报到: the member works elsewhere (any org of the county) and registers where they live
    const person = await activePersonOfCounty(db, grid.county_id, personId);
    if (!person || !person.member_status) throw fieldError('personId', '须是本县在册党员', 'Must be a Party member of the county');
    const id = await db.transaction(async (tx) => {
      const rid = await repo.registerWithGrid(tx, { countyId: grid.county_id, gridId: grid.id, gridPath: grid.path, personId, registeredOn });
      if (!rid) throw new AppError('conflict', { zh: '已在本网格报到', en: 'Already registered with this grid' });
      await appendAudit(tx, { countyId: grid.county_id, accountId: actor.accountId, username: actor.username, action: 'grid.register', objectType: 'grid_registration', objectId: rid, summary: { gridId, personId }, result: 'success', ip: actor.ip });
      return rid;
    });
    return id;
  }

  async function addDeed(actor: Actor, registrationId: number, doneOn: string, description: string) {
    requireAction(actor, 'citizen:handle');
    const reg = await repo.findRegistration(db, actor.scope, registrationId);
    if (!reg) throw new AppError('not_found');
    if (doneOn > requests.today()) throw fieldError('doneOn', '日期不能晚于今天', 'The date is in the future');
    return db.transaction(async (tx) => {
      const id = await repo.insertDeed(tx, { registrationId, countyId: reg.county_id, gridPath: reg.grid_path, doneOn, description: description.trim() });
      await appendAudit(tx, { countyId: reg.county_id, accountId: actor.accountId, username: actor.username, action: 'grid.deed', objectType: 'grid_registration', objectId: registrationId, summary: { deedId: id }, result: 'success', ip: actor.ip });
      return id;
    });
  }

  /** A grid's registered members and what each did this year, against the 2–3 a year target. */
  /** A grid's members and their deeds in a year (this year, China time, when none is given). */
  async function grid(actor: Actor, gridId: number, year: number = Number(todayInChina().slice(0, 4))) {
    requireAction(actor, 'citizen:read');
    const g = await orgInScope(db, actor.scope, gridId);
    if (!g || g.type !== 'grid') throw new AppError('not_found');
    const members = await repo.gridMembers(db, g.path, year);
    return {
      id: g.id,
      grid: { id: g.id, name: g.name, type: g.type },
      year,
      target: { min: 2, max: 3 },
      members: members.map((m) => ({ id: m.id, registrationId: m.id, personId: m.person_id, name: m.name, homeOrg: m.home_org, registeredOn: m.registered_on, deeds: m.deeds, metTarget: m.deeds >= 2, deedList: m.deed_list })),
    };
  }

  /** A member's registration as the grid's view of this year shows it (the answer to 报到). */
  async function registration(actor: Actor, gridId: number, registrationId: number) {
    const member = (await grid(actor, gridId)).members.find((m) => m.registrationId === registrationId);
    if (!member) throw new AppError('not_found');
    return member;
  }

  /** A deed as the grid's view of its year lists it (the answer to recording it). */
  async function deed(actor: Actor, registrationId: number, deedId: number) {
    requireAction(actor, 'citizen:read');
    const reg = await repo.findRegistration(db, actor.scope, registrationId);
    if (!reg) throw new AppError('not_found');
    const doneOn = await repo.deedDate(db, registrationId, deedId);
    if (!doneOn) throw new AppError('not_found');
    const found = (await repo.gridMembers(db, reg.grid_path, Number(doneOn.slice(0, 4)))).find((m) => m.id === registrationId)?.deed_list.find((d) => d.id === deedId);
    if (!found) throw new AppError('not_found');
    return found;
  }

  return { recordVisit, checkVisit, writeVisit, visits, visit, addHousehold, households, household, registerMember, registration, addDeed, deed, grid, recordedBy };
}

export type DiaryService = ReturnType<typeof createDiaryService>;
