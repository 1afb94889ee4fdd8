// 组织生活: the county's meeting rules, the meeting record entered once (attendance ticked from the
// unit's roster), "who is behind" rolled up the tree, and the 主题党日 filing on the case engine.
import {
  ACTIVITY_KIND_LABELS,
  DEFAULT_BACKDATE_DAYS,
  DEFAULT_MEETING_TYPES,
  type ActivityKind,
  type BoardQuery,
  type BoardView,
  type FileThemeDayBody,
  type FilingState,
  type FilingTransition,
  type FilingView,
  type FireFilingBody,
  type HeldMeetingInput,
  type ListFilingsQuery,
  type FilingPage,
  type ConsultationPage,
  type ListConsultationsQuery,
  type ListMeetingsQuery,
  type MeetingDetail,
  type MeetingPage,
  type MeetingSummary,
  type MeetingTypeRule,
  type OrgType,
  type OrglifeSettings,
  type RecordMeetingBody,
  type Roster,
  type SaveOrglifeSettingsBody,
  type SitInBody,
  type ConsultationState,
  type ConsultationTransition,
  type ConsultationView,
  type FireConsultationBody,
  type OpenConsultationBody,
  type RequestCategory,
  type CreatePartyGroupBody,
  type PartyGroupList,
  type PartyGroupView,
  type UpdatePartyGroupBody,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError, type FieldError } from '../../core/errors.js';
import { lastDayOfMonth, plusDays, todayInChina } from '../../core/calendar.js';
import { createCaseEngine, type CaseEngine } from '../../core/cases/case-engine.js';
import { availableTransitions } from '../../core/cases/workflow.js';
import { byIds, children, inScope as orgInScope, type OrgNode } from '../../core/org-tree.js';
import { filingWorkflow } from './theme-day.workflow.js';
import { consultationWorkflow } from './consultation.workflow.js';
import './consultation.case.js';
import './theme-day.case.js';
import * as repo from './orglife.repository.js';

/** The members of a unit to tick, read through the people module's front door (app.ts wires it). */
export type RosterReader = (actor: Actor, orgId: number) => Promise<{ id: number; name: string }[]>;

/**
 * 民情日记 through the citizens module's front door (app.ts wires its diary service): checks one
 * household visit and answers how to write it — the diary entry and, when it needs handling, the
 * request — in the meeting's transaction.
 */
export type VisitWriter = (
  actor: Actor,
  visit: { orgId: number; visitedOn: string; household: string; heard: string; followUp?: string; openRequest?: { category: RequestCategory; matter: string; phone?: string } },
  field: (name: string) => string,
) => Promise<(tx: Queryable, meetingId: number) => Promise<{ id: number; requestId: number | null }>>;

/**
 * 党小组 through the front doors of the people module (which member is in which group) and of the
 * orgs module (the groups are nodes of the tree); app.ts wires them. The writes run in the
 * caller's transaction.
 */
export type PartyGroupKeeper = {
  membership: (actor: Actor, branchId: number, q?: Queryable) => Promise<{ id: number; name: string; partyGroupId: number | null }[]>;
  setGroup: (tx: Queryable, actor: Actor, branchId: number, groupId: number | null, personIds: readonly number[]) => Promise<number>;
  add: (tx: Queryable, actor: Actor, branchId: number, name: string) => Promise<{ id: number }>;
  rename: (tx: Queryable, actor: Actor, id: number, version: number, name: string | undefined) => Promise<unknown>;
  close: (tx: Queryable, actor: Actor, id: number, version: number) => Promise<void>;
};

/** The meeting type a party group holds (党小组会): its count is owed by each group of a branch. */
export const GROUP_MEETING = 'group';

/** The largest number of photos and files a meeting keeps. */
export const MEETING_FILES_MAX = 20;

/** Required by the end of month `m` of a yearly count: the year's share so far, rounded up (4 a year: 1 by March). */
export const requiredBy = (perYear: number, month: number) => Math.ceil((perYear * month) / 12);

/**
 * Of a type's meetings, how many the unit's secretary must have given by the end of month `m`:
 * owed once the year's remaining meetings of the type could no longer hold them (党课 4, ≥ 1 by
 * the secretary: from October, when all four are owed). 0 for a type without a secretary's share.
 */
export const bySecretaryBy = (rule: Pick<MeetingTypeRule, 'perYear' | 'secretaryMin'>, month: number) =>
  Math.max(0, Math.min(rule.secretaryMin ?? 0, rule.perYear) - (rule.perYear - requiredBy(rule.perYear, month)));

/** The county's meeting rules as the board's statements take them: one row per type and unit type, required by the end of `month`. */
export function ruleRows(types: readonly MeetingTypeRule[], month: number): repo.RuleRows {
  const out: repo.RuleRows = { codes: [], unitTypes: [], required: [], bySecretary: [] };
  for (const t of types) {
    if (t.perYear <= 0) continue;
    for (const u of t.unitTypes) {
      out.codes.push(t.code);
      out.unitTypes.push(u);
      out.required.push(requiredBy(t.perYear, month));
      out.bySecretary.push(bySecretaryBy(t, month));
    }
  }
  return out;
}

const ref = (o: { id: number; name: string; type: string }) => ({ id: o.id, name: o.name, type: o.type as OrgType });
const rate = (present: number, expected: number) => (expected > 0 ? Math.round((present / expected) * 1000) / 1000 : null);

export function createOrglifeService(deps: { db: Db; roster: RosterReader; visits?: VisitWriter; groups?: PartyGroupKeeper; engine?: CaseEngine; today?: () => string }) {
  const { db } = deps;
  const engine = deps.engine ?? createCaseEngine({ db, today: deps.today });
  const today = deps.today ?? (() => todayInChina());

  async function settings(countyId: number): Promise<OrglifeSettings> {
    const row = await repo.settingsOf(db, countyId);
    return { backdateDays: row?.backdate_days ?? DEFAULT_BACKDATE_DAYS, types: row?.types ?? DEFAULT_MEETING_TYPES, excellentCapPercent: row?.excellent_cap_pct ?? null, anonymousBallots: row?.anonymous_ballots ?? false };
  }

  function countyOf(actor: Actor): number {
    if (actor.scope.countyId === null) throw new AppError('forbidden');
    return actor.scope.countyId;
  }

  async function getSettings(actor: Actor) {
    requireAction(actor, 'orglife:read');
    return settings(countyOf(actor));
  }

  async function saveSettings(actor: Actor, input: SaveOrglifeSettingsBody): Promise<OrglifeSettings> {
    requireAction(actor, 'orglife:configure');
    const countyId = countyOf(actor);
    const errors: FieldError[] = [];
    const codes = input.types.map((t) => t.code);
    const names = input.types.map((t) => t.name.trim());
    input.types.forEach((t, i) => {
      if (codes.indexOf(t.code) !== i) errors.push({ field: `types.${i}.code`, zh: `会议类型代码“${t.code}”重复`, en: `Duplicate code ${t.code}` });
      if (!names[i]) errors.push({ field: `types.${i}.name`, zh: '请填写会议类型名称', en: 'Enter the name' });
      else if (names.indexOf(names[i]!) !== i) errors.push({ field: `types.${i}.name`, zh: `会议类型“${names[i]}”重复`, en: `Duplicate name ${names[i]}` });
      if (t.secretaryMin !== undefined && t.secretaryMin > t.perYear) errors.push({ field: `types.${i}.secretaryMin`, zh: '书记讲授次数不能多于全年次数', en: 'More by the secretary than a year requires' });
    });
    if (errors.length) throw validationError(errors);
    const before = await settings(countyId);
    const types = input.types.map((t, i) => ({ ...t, name: names[i]! }));
    const excellentCapPercent = input.excellentCapPercent === undefined ? before.excellentCapPercent : input.excellentCapPercent;
    const anonymousBallots = input.anonymousBallots ?? before.anonymousBallots ?? false;
    await db.transaction(async (tx) => {
      await repo.saveSettings(tx, countyId, { backdateDays: input.backdateDays, types, excellentCapPercent, anonymousBallots });
      await appendAudit(tx, {
        countyId, accountId: actor.accountId, username: actor.username, action: 'orglife.settings', objectType: 'county', objectId: countyId,
        summary: { backdateDays: { from: before.backdateDays, to: input.backdateDays }, types: types.map((t) => `${t.name} ${t.perYear}`), excellentCapPercent: { from: before.excellentCapPercent, to: excellentCapPercent }, anonymousBallots: { from: before.anonymousBallots ?? false, to: anonymousBallots } }, result: 'success', ip: actor.ip,
      });
    });
    return settings(countyId);
  }

  async function unitInScope(q: Queryable, actor: Actor, orgId: number): Promise<OrgNode> {
    const org = await orgInScope(q, actor.scope, orgId);
    if (!org || org.status !== 'active') throw new AppError('not_found');
    return org;
  }

  async function roster(actor: Actor, orgId: number): Promise<Roster> {
    requireAction(actor, 'orglife:read');
    const org = await unitInScope(db, actor, orgId);
    const groups = await groupsWithMembers(db, actor, org);
    return { org: ref(org), members: await deps.roster(actor, org.id), groups: groups.groups.map((g) => ({ id: g.id, name: g.name, memberIds: g.members.map((m) => m.id) })) };
  }

  // ---- 党小组 ----

  /** A branch's active party groups with their members, and its members in none. */
  async function groupsWithMembers(q: Queryable, actor: Actor, branch: OrgNode) {
    const groups = await repo.partyGroupsOf(q, likePrefix(branch.path), branch.id);
    const members = groups.length && deps.groups ? await deps.groups.membership(actor, branch.id, q) : [];
    const ids = new Set(groups.map((g) => Number(g.id)));
    return {
      groups: groups.map((g) => ({
        id: Number(g.id), name: g.name, version: g.version, branch: ref(branch),
        members: members.filter((m) => m.partyGroupId === Number(g.id)).map((m) => ({ id: m.id, name: m.name })),
      })),
      ungrouped: members.filter((m) => m.partyGroupId === null || !ids.has(m.partyGroupId)).map((m) => ({ id: m.id, name: m.name })),
    };
  }

  function keeper(): PartyGroupKeeper {
    if (!deps.groups) throw new AppError('conflict', { zh: '党小组暂不可用，请稍后再试', en: 'Party groups are not available' });
    return deps.groups;
  }

  async function partyGroups(actor: Actor, branchId: number): Promise<PartyGroupList> {
    requireAction(actor, 'orglife:read');
    const branch = await unitInScope(db, actor, branchId);
    const { groups, ungrouped } = await groupsWithMembers(db, actor, branch);
    // a branch without groups lists its whole roster as not yet grouped
    return { org: ref(branch), groups, ungrouped: groups.length ? ungrouped : (await keeper().membership(actor, branch.id)).map((m) => ({ id: m.id, name: m.name })) };
  }

  async function partyGroupIn(q: Queryable, actor: Actor, id: number): Promise<PartyGroupView> {
    const g = await repo.findPartyGroup(q, likePrefix(actor.scope.path), id);
    if (!g) throw new AppError('not_found');
    const branch = await unitInScope(q, actor, Number(g.parent_id));
    const view = (await groupsWithMembers(q, actor, branch)).groups.find((x) => x.id === Number(g.id));
    if (!view) throw new AppError('not_found');
    return view;
  }

  async function partyGroup(actor: Actor, id: number): Promise<PartyGroupView> {
    requireAction(actor, 'orglife:read');
    return partyGroupIn(db, actor, id);
  }

  /** A branch sets up a party group (党小组), with the members it holds from the branch's roster. */
  async function createPartyGroup(actor: Actor, branchId: number, input: CreatePartyGroupBody): Promise<number> {
    requireAction(actor, 'orglife:group');
    const branch = await unitInScope(db, actor, branchId);
    const k = keeper();
    return db.transaction(async (tx) => {
      const g = await k.add(tx, actor, branch.id, input.name);
      if (input.memberIds?.length) await k.setGroup(tx, actor, branch.id, Number(g.id), input.memberIds);
      return Number(g.id);
    });
  }

  /** Renames a group and/or sets its members (those left out leave the group); the group's version guards both. */
  async function updatePartyGroup(actor: Actor, id: number, input: UpdatePartyGroupBody): Promise<PartyGroupView> {
    requireAction(actor, 'orglife:group');
    const k = keeper();
    await db.transaction(async (tx) => {
      const g = await repo.findPartyGroup(tx, likePrefix(actor.scope.path), id);
      if (!g) throw new AppError('not_found');
      const branchId = Number(g.parent_id);
      await k.rename(tx, actor, Number(g.id), input.version, input.name);
      if (input.memberIds) {
        const before = (await k.membership(actor, branchId, tx)).filter((m) => m.partyGroupId === Number(g.id)).map((m) => m.id);
        const keep = new Set(input.memberIds);
        const leaving = before.filter((x) => !keep.has(x));
        if (input.memberIds.length) await k.setGroup(tx, actor, branchId, Number(g.id), input.memberIds);
        if (leaving.length) await k.setGroup(tx, actor, branchId, null, leaving);
      }
    });
    return partyGroup(actor, id);
  }

  /** 撤销党小组: its members leave it (they stay in the branch), then the group is closed; its meetings stay on record. */
  async function dissolvePartyGroup(actor: Actor, id: number, version: number): Promise<void> {
    requireAction(actor, 'orglife:group');
    const k = keeper();
    await db.transaction(async (tx) => {
      const g = await repo.findPartyGroup(tx, likePrefix(actor.scope.path), id);
      if (!g) throw new AppError('not_found');
      const branchId = Number(g.parent_id);
      const members = (await k.membership(actor, branchId, tx)).filter((m) => m.partyGroupId === Number(g.id)).map((m) => m.id);
      if (members.length) await k.setGroup(tx, actor, branchId, null, members);
      await k.close(tx, actor, Number(g.id), version);
    });
  }

  /**
   * Checks a meeting before it is written: the type applies to the unit, the date is neither in
   * the future nor older than the county's back-dating window, every attendee is a member of the
   * unit, every absentee has a reason. Answers the rows to insert.
   */
  async function checkMeeting(actor: Actor, org: OrgNode, typeCode: string, m: HeldMeetingInput, s: OrglifeSettings, activityKind: string | null = null, partyGroupId: number | null = null) {
    const rule = s.types.find((t) => t.code === typeCode);
    if (!rule) throw fieldError('typeCode', '没有这个会议类型', 'No such meeting type');
    if (!rule.unitTypes.includes(org.type as OrgType)) throw fieldError('typeCode', `${org.name}不开“${rule.name}”（本县规则未包括这类单位）`, `${rule.name} is not held by this kind of unit`);
    const t = today();
    if (m.heldOn > t) throw fieldError('heldOn', '会议日期不能晚于今天：会议开过之后再录入', 'The meeting date is in the future');
    const earliest = plusDays(t, -s.backdateDays);
    if (m.heldOn < earliest) throw fieldError('heldOn', `只能补录 ${s.backdateDays} 天内（${earliest} 及以后）召开的会议`, `Meetings older than ${s.backdateDays} days cannot be entered`);
    // 党小组会: held by one of the branch's party groups, its attendees that group's members
    let group: { id: number; name: string } | null = null;
    if (typeCode === GROUP_MEETING) {
      const groups = (await children(db, org.id)).filter((c) => c.type === 'party_group');
      if (groups.length && partyGroupId === null) throw fieldError('partyGroupId', `${org.name}设有党小组：请选择召开会议的党小组`, 'Choose the Party group that met');
      if (partyGroupId !== null) {
        group = groups.find((g) => Number(g.id) === partyGroupId) ?? null;
        if (!group) throw fieldError('partyGroupId', `该党小组不是${org.name}的党小组（或已撤销）`, 'Not a Party group of this branch');
      }
    } else if (partyGroupId !== null) {
      throw fieldError('partyGroupId', '只有党小组会记录召开会议的党小组', 'Only a Party group meeting names its group');
    }
    const members = group
      ? new Map((await keeper().membership(actor, org.id)).filter((p) => p.partyGroupId === Number(group.id)).map((p) => [p.id, p.name]))
      : new Map((await deps.roster(actor, org.id)).map((p) => [p.id, p.name]));
    const errors: FieldError[] = [];
    const seen = new Set<number>();
    m.attendees.forEach((a, i) => {
      if (seen.has(a.personId)) errors.push({ field: `attendees.${i}.personId`, zh: '同一人重复出现', en: 'Listed twice' });
      seen.add(a.personId);
      if (!members.has(a.personId)) {
        errors.push(group
          ? { field: `attendees.${i}.personId`, zh: `该人员不是${group.name}的成员：党小组会从本小组成员中勾选`, en: 'Not a member of this Party group' }
          : { field: `attendees.${i}.personId`, zh: `该人员不是${org.name}的党员`, en: 'Not a member of this unit' });
      }
      if (!a.present && !a.absenceReason?.trim()) errors.push({ field: `attendees.${i}.absenceReason`, zh: `请填写${members.get(a.personId) ?? ''}的缺席原因`, en: 'Give the reason for the absence' });
    });
    if (!m.attendees.some((a) => a.present)) errors.push({ field: 'attendees', zh: '请至少勾选一名到会人员', en: 'Tick at least one attendee' });
    if (errors.length) throw validationError(errors);
    return {
      rule,
      partyGroupId: group ? Number(group.id) : null,
      visits: await checkVisits(actor, org, typeCode, activityKind, m),
      attendees: m.attendees.map((a) => ({ personId: a.personId, present: a.present, absenceReason: a.present ? null : a.absenceReason!.trim() })),
    };
  }

  /**
   * 访民情: the households visited during a theme day of that kind, each checked by the citizens
   * module before anything is written; answers the writers the meeting's transaction calls.
   */
  async function checkVisits(actor: Actor, org: OrgNode, typeCode: string, activityKind: string | null, m: HeldMeetingInput) {
    const visits = m.visits ?? [];
    if (visits.length === 0) return [];
    if (typeCode !== 'theme_day' || activityKind !== 'visit_people') throw fieldError('visits', '只有“访民情”的主题党日才记录走访农户', 'Household visits belong to a theme day of visiting households');
    if (!deps.visits) throw new AppError('conflict', { zh: '民情日记暂不可用，请稍后再录入', en: 'The diary is not available' });
    const errors: FieldError[] = [];
    visits.forEach((v, i) => {
      if (!v.household.trim()) errors.push({ field: `visits.${i}.household`, zh: '请填写走访的农户', en: 'Enter the household' });
      if (!v.heard.trim()) errors.push({ field: `visits.${i}.heard`, zh: `请填写在${v.household.trim() || '该户'}听到的民情`, en: 'Enter what was heard' });
      if (v.needsHandling && !v.needsHandling.matter.trim()) errors.push({ field: `visits.${i}.needsHandling.matter`, zh: `请写明${v.household.trim() || '该户'}需要办理的事项`, en: 'Enter the matter to handle' });
    });
    if (errors.length) throw validationError(errors);
    const writers = [];
    for (const [i, v] of visits.entries()) {
      writers.push({
        household: v.household.trim(),
        write: await deps.visits(actor, {
          orgId: org.id, visitedOn: m.heldOn, household: v.household.trim(), heard: v.heard.trim(), followUp: v.followUp?.trim() || undefined,
          openRequest: v.needsHandling ? { category: v.needsHandling.category, matter: v.needsHandling.matter.trim(), phone: v.needsHandling.phone?.trim() || undefined } : undefined,
        }, (f) => `visits.${i}.${f === 'openRequest.phone' ? 'needsHandling.phone' : f}`),
      });
    }
    return writers;
  }

  async function writeVisits(tx: Queryable, org: OrgNode, meetingId: number, writers: Awaited<ReturnType<typeof checkVisits>>) {
    for (const [seq, w] of writers.entries()) {
      const made = await w.write(tx, meetingId);
      await repo.insertMeetingVisit(tx, { meetingId, countyId: org.county_id, visitId: made.id, requestId: made.requestId, household: w.household, seq });
    }
  }

  async function writeMeeting(tx: Queryable, actor: Actor, org: OrgNode, typeCode: string, m: HeldMeetingInput, checked: Awaited<ReturnType<typeof checkMeeting>>, extra: { activityKind: string | null; filingCaseId: number | null }) {
    const id = await repo.insertMeeting(tx, {
      countyId: org.county_id, orgId: org.id, orgPath: org.path, typeCode, heldOn: m.heldOn, place: m.place.trim(), host: m.host.trim(),
      bySecretary: m.bySecretary ?? false, topic: m.topic.trim(), minutes: m.minutes?.trim() || null, decisions: m.decisions?.trim() || null,
      activityKind: extra.activityKind, filingCaseId: extra.filingCaseId, partyGroupId: checked.partyGroupId, createdBy: actor.accountId || null, attendees: checked.attendees,
    });
    const present = checked.attendees.filter((a) => a.present).length;
    await appendAudit(tx, {
      countyId: org.county_id, accountId: actor.accountId, username: actor.username, action: 'meeting.create', objectType: 'meeting', objectId: id,
      summary: { orgId: org.id, type: typeCode, heldOn: m.heldOn, present, absent: checked.attendees.length - present, filingId: extra.filingCaseId, visits: checked.visits.length, ...(checked.partyGroupId ? { partyGroupId: checked.partyGroupId } : {}) }, result: 'success', ip: actor.ip,
    });
    await writeVisits(tx, org, id, checked.visits);
    return id;
  }

  async function recordMeeting(actor: Actor, input: RecordMeetingBody): Promise<number> {
    requireAction(actor, 'orglife:record');
    const org = await unitInScope(db, actor, input.orgId);
    const s = await settings(org.county_id);
    const checked = await checkMeeting(actor, org, input.typeCode, input, s, input.activityKind ?? null, input.partyGroupId ?? null);
    return db.transaction((tx) => writeMeeting(tx, actor, org, input.typeCode, input, checked, { activityKind: input.activityKind ?? null, filingCaseId: null }));
  }

  function summary(r: repo.MeetingRow, types: MeetingTypeRule[]): MeetingSummary {
    return {
      id: r.id, org: { id: r.org_id, name: r.org_name, type: r.org_type as OrgType }, typeCode: r.type_code,
      typeName: types.find((t) => t.code === r.type_code)?.name ?? r.type_code, heldOn: r.held_on, place: r.place, host: r.host, topic: r.topic,
      presentCount: r.present_count, expectedCount: r.expected_count, filingId: r.filing_case_id,
      partyGroup: r.party_group_id === null ? null : { id: Number(r.party_group_id), name: r.party_group_name ?? '', type: 'party_group' },
    };
  }

  async function meeting(actor: Actor, id: number): Promise<MeetingDetail> {
    requireAction(actor, 'orglife:read');
    const r = await repo.findMeeting(db, likePrefix(actor.scope.path), id);
    if (!r) throw new AppError('not_found');
    const s = await settings(r.county_id);
    const attendees = await repo.attendeesOf(db, r.id);
    const sitIns = await repo.sitInsOf(db, r.id);
    const visits = await repo.visitsOf(db, r.id);
    const files = await repo.filesOf(db, r.id);
    return {
      files: files.map((f) => ({ id: Number(f.id), fileName: f.file_name, mimeType: f.mime_type, size: f.size, at: f.created_at.toISOString() })),
      filesOpen: r.held_on >= plusDays(today(), -s.backdateDays),
      visits: visits.map((v) => ({ visitId: v.visit_id, household: v.household, requestId: v.request_case_id })),
      sitIns: sitIns.map((x) => ({ id: x.id, org: { id: x.org_id, name: x.org_name, type: x.org_type as OrgType }, attendee: x.attendee, opinion: x.opinion, at: x.created_at.toISOString() })),
      ...summary(r, s.types), bySecretary: r.by_secretary, activityKind: (r.activity_kind as ActivityKind | null) ?? null, minutes: r.minutes, decisions: r.decisions,
      attendees: attendees.map((a) => ({ personId: a.person_id, name: a.name, present: a.present, absenceReason: a.absence_reason })), version: r.version,
    };
  }

  /**
   * 列席: a member of a level above the unit (the station, the township, the county) records
   * attending the unit's meeting and the opinion given, within the back-dating window.
   */
  async function sitIn(actor: Actor, meetingId: number, input: SitInBody): Promise<void> {
    requireAction(actor, 'orglife:record');
    if (!actor.roles.some((r) => r === 'station_admin' || r === 'township_admin' || r === 'county_admin')) {
      throw new AppError('forbidden', { zh: '列席由工作站、乡镇或县里的同志记录', en: 'Sit-ins are recorded by the levels above' });
    }
    const m = await repo.findMeeting(db, likePrefix(actor.scope.path), meetingId);
    if (!m) throw new AppError('not_found');
    if (!m.org_path.startsWith(actor.scope.path) || m.org_path === actor.scope.path) throw new AppError('forbidden', { zh: '只能列席下级单位的会议', en: 'Only meetings of the units below' });
    const s = await settings(m.county_id);
    const earliest = plusDays(today(), -s.backdateDays);
    if (m.held_on < earliest) throw new AppError('conflict', { zh: `会议已过 ${s.backdateDays} 天补录期，不能再补记列席`, en: 'The meeting is beyond the back-dating window' });
    const attendee = input.attendee.trim();
    const opinion = input.opinion.trim();
    if (!attendee) throw fieldError('attendee', '请填写列席人', 'Enter who sat in');
    if (!opinion) throw fieldError('opinion', '请填写列席意见', 'Enter the opinion');
    await db.transaction(async (tx) => {
      const id = await repo.insertSitIn(tx, { meetingId: m.id, countyId: m.county_id, orgId: actor.scope.orgId, attendee, opinion, createdBy: actor.accountId || null });
      await appendAudit(tx, {
        countyId: m.county_id, accountId: actor.accountId, username: actor.username, action: 'meeting.sit_in', objectType: 'meeting', objectId: m.id,
        summary: { sitInId: id, orgId: m.org_id }, result: 'success', ip: actor.ip,
      });
    });
  }

  // ---- 会议照片和附件 ----

  /**
   * The meeting whose files change: in scope (else 404), and still within the county's back-dating
   * window of its date — while the meeting could still be entered, its evidence can be completed;
   * after that the record and its files stay as they are (409).
   */
  async function meetingForFiles(actor: Actor, meetingId: number) {
    requireAction(actor, 'orglife:record');
    const m = await repo.findMeeting(db, likePrefix(actor.scope.path), meetingId);
    if (!m) throw new AppError('not_found');
    const s = await settings(m.county_id);
    if (m.held_on < plusDays(today(), -s.backdateDays)) {
      throw new AppError('conflict', { zh: `会议已过 ${s.backdateDays} 天补录期，照片和附件不能再增删`, en: 'The meeting is beyond the back-dating window; its files are kept as they are' });
    }
    return m;
  }

  /** A photo (taken on the phone) or a file kept with the meeting; audited. */
  async function attachFile(actor: Actor, meetingId: number, file: { fileName: string; mimeType: string; content: Buffer }): Promise<void> {
    const m = await meetingForFiles(actor, meetingId);
    await db.transaction(async (tx) => {
      if ((await repo.filesOf(tx, m.id)).length >= MEETING_FILES_MAX) {
        throw new AppError('conflict', { zh: `每次会议最多保存 ${MEETING_FILES_MAX} 个照片或附件`, en: `A meeting keeps at most ${MEETING_FILES_MAX} files` });
      }
      const id = await repo.insertFile(tx, { meetingId: m.id, countyId: m.county_id, fileName: file.fileName, mimeType: file.mimeType, content: file.content, createdBy: actor.accountId || null });
      await appendAudit(tx, {
        countyId: m.county_id, accountId: actor.accountId, username: actor.username, action: 'meeting.attach', objectType: 'meeting', objectId: m.id,
        summary: { fileId: id, fileName: file.fileName, mimeType: file.mimeType, size: file.content.length }, result: 'success', ip: actor.ip,
      });
    });
  }

  async function meetingFile(actor: Actor, meetingId: number, fileId: number) {
    requireAction(actor, 'orglife:read');
    const m = await repo.findMeeting(db, likePrefix(actor.scope.path), meetingId);
    if (!m) throw new AppError('not_found');
    const f = await repo.fileContent(db, m.id, fileId);
    if (!f) throw new AppError('not_found');
    return { fileName: f.file_name, mimeType: f.mime_type, content: f.content };
  }

  async function removeFile(actor: Actor, meetingId: number, fileId: number): Promise<void> {
    const m = await meetingForFiles(actor, meetingId);
    await db.transaction(async (tx) => {
      const gone = await repo.deleteFile(tx, m.id, fileId);
      if (!gone) throw new AppError('not_found');
      await appendAudit(tx, {
        countyId: m.county_id, accountId: actor.accountId, username: actor.username, action: 'meeting.remove_file', objectType: 'meeting', objectId: m.id,
        summary: { fileId, fileName: gone.file_name, size: gone.size }, result: 'success', ip: actor.ip,
      });
    });
  }

  /** 会议记录簿: the meetings of a unit (or a subtree) in a year, as the book's rows. */
  async function minutesBook(actor: Actor, query: { orgId?: number; year?: number }) {
    requireAction(actor, 'orglife:read');
    const org = await unitInScope(db, actor, query.orgId ?? actor.scope.orgId);
    const year = query.year ?? Number(today().slice(0, 4));
    const types = (await settings(org.county_id)).types;
    const name = (code: string) => types.find((t) => t.code === code)?.name ?? code;
    async function* rows() {
      let n = 0;
      for await (const batch of repo.iterateBook(db, likePrefix(org.path), `${year}-01-01`, `${year}-12-31`)) {
        yield batch.map((r) => [
          ++n, r.held_on, r.party_group_name ? `${name(r.type_code)}（${r.party_group_name}）` : name(r.type_code), r.org_name, r.place, r.host, r.topic, r.expected_count, r.present_count,
          r.absentees ?? '', r.minutes ?? '', r.decisions ?? '', r.sit_ins ?? '',
        ]);
      }
    }
    return { org, year, rows: rows() };
  }

  /** The period of a query: a month, else a year (to its end, or to today in the current year). */
  function periodOf(year?: number, month?: number) {
    const t = today();
    const y = year ?? Number(t.slice(0, 4));
    if (month) return { from: `${y}-${String(month).padStart(2, '0')}-01`, to: lastDayOfMonth(y, month) };
    return { from: `${y}-01-01`, to: `${y}-12-31` };
  }

  async function meetings(actor: Actor, query: ListMeetingsQuery): Promise<MeetingPage> {
    requireAction(actor, 'orglife:read');
    const path = query.orgId ? (await unitInScope(db, actor, query.orgId)).path : actor.scope.path;
    const { from, to } = periodOf(query.year, query.month);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { rows, total } = await repo.listMeetings(db, { like: likePrefix(path), from, to, typeCode: query.typeCode, page, pageSize });
    const types = actor.scope.countyId ? (await settings(actor.scope.countyId)).types : DEFAULT_MEETING_TYPES;
    return { items: rows.map((r) => summary(r, types)), total, page, pageSize };
  }


  /** 谁落后了: held against the county's rules from January to the end of the month, per child of the org. */
  async function board(actor: Actor, query: BoardQuery): Promise<BoardView> {
    requireAction(actor, 'orglife:read');
    const org = await unitInScope(db, actor, query.orgId ?? actor.scope.orgId);
    const t = today();
    const year = query.year ?? Number(t.slice(0, 4));
    const month = query.month ?? (year === Number(t.slice(0, 4)) ? Number(t.slice(5, 7)) : 12);
    const s = await settings(org.county_id);
    const rules = ruleRows(s.types, month);
    const from = `${year}-01-01`;
    const to = lastDayOfMonth(year, month);
    const like = likePrefix(org.path);
    const { rollup: rows, byType: types } = await repo.board(db, like, org.path, { year, month }, rules);
    const children = await byIds(db, rows.map((r) => Number(r.child || org.id)));
    const nameOf = new Map(children.map((c) => [c.id, c]));
    const tally = (r: Omit<repo.RollupRow, 'child'>) => ({
      units: r.units, behind: r.behind, held: r.held, required: r.required, shortfall: r.shortfall, attendanceRate: rate(r.present, r.expected),
    });
    const sum = (k: keyof Omit<repo.RollupRow, 'child'>) => rows.reduce((n, r) => n + r[k], 0);
    // a branch's board: the 党小组会 of each of its groups against the rule
    const groupRule = s.types.find((x) => x.code === GROUP_MEETING && x.perYear > 0 && x.unitTypes.includes(org.type as OrgType));
    const groupRequired = groupRule ? requiredBy(groupRule.perYear, month) : 0;
    const groups = groupRule ? await repo.groupMeetingsHeld(db, like, org.id, from, to) : [];
    // a unit's own board: attendance per member (the org itself is the one unit of its rows)
    const isUnit = rows.length === 1 && (rows[0]!.child || String(org.id)) === String(org.id);
    const members = isUnit ? await repo.memberAttendance(db, like, org.id, from, to) : [];
    return {
      members: members.map((m) => ({ person: { id: Number(m.person_id), name: m.name }, expected: m.expected, present: m.present, attendanceRate: rate(m.present, m.expected) })),
      groups: groups.map((g) => ({ org: { id: Number(g.id), name: g.name, type: 'party_group' as OrgType }, held: g.n, required: groupRequired, shortfall: Math.max(0, groupRequired - g.n) })),
      org: ref(org), year, month,
      total: tally({ units: sum('units'), behind: sum('behind'), held: sum('held'), required: sum('required'), shortfall: sum('shortfall'), present: sum('present'), expected: sum('expected') }),
      rows: rows.map((r) => ({ org: ref(nameOf.get(Number(r.child || org.id))!), ...tally(r) })).sort((a, b) => b.shortfall - a.shortfall || a.org.id - b.org.id),
      types: s.types.filter((x) => x.perYear > 0).map((x) => {
        const r = types.find((y) => y.code === x.code);
        const row = { code: x.code, name: x.name, held: r?.held ?? 0, required: r?.required ?? 0, shortfall: r?.shortfall ?? 0 };
        if (!x.secretaryMin) return row;
        return { ...row, bySecretary: { held: r?.by_sec ?? 0, required: r?.sec_required ?? 0, shortfall: r?.sec_shortfall ?? 0, unitsBehind: r?.sec_behind ?? 0 } };
      }),
    };
  }

  /**
   * 工作台: what a unit still owes by the end of this month (each required type held fewer times
   * than its share so far), and its filings returned or waiting for the committee's review.
   */
  async function todayItems(q: Queryable, actor: Actor, t: string) {
    const items: { kind: string; id: number; title: string; org: string; due: string | null; reason: string | null; at: Date | string }[] = [];
    const like = likePrefix(actor.scope.path);
    if (actor.roles.includes('township_admin') || actor.roles.some((r) => r === 'village_admin')) {
      items.push(...(await repo.filingsForToday(q, like, actor.scope.path, actor.roles.includes('township_admin'))));
    }
    if (actor.scope.countyId === null) return items;
    const org = await orgInScope(q, actor.scope, actor.scope.orgId);
    if (!org) return items;
    const s = await settings(org.county_id);
    const month = Number(t.slice(5, 7));
    const year = Number(t.slice(0, 4));
    const due = s.types.filter((x) => x.perYear > 0 && x.unitTypes.includes(org.type as OrgType));
    if (due.length === 0) return items;
    const held = new Map((await repo.heldByType(q, like, org.id, `${year}-01-01`, lastDayOfMonth(year, month))).map((r) => [r.type_code, r]));
    const groups = due.some((x) => x.code === GROUP_MEETING) ? await repo.groupMeetingsHeld(q, like, org.id, `${year}-01-01`, lastDayOfMonth(year, month)) : [];
    // one item for the unit (its id is the unit's), naming every type it still owes
    const owed = due.flatMap((x) => {
      const required = requiredBy(x.perYear, month);
      // 党小组会 where the branch has groups: each group owes its own
      if (x.code === GROUP_MEETING && groups.length) return groups.filter((g) => g.n < required).map((g) => `${g.name}${x.name}（本年应开 ${required} 次，已开 ${g.n} 次）`);
      const n = held.get(x.code)?.n ?? 0;
      const out = n < required ? [`${x.name}（本年应开 ${required} 次，已开 ${n} 次）`] : [];
      const bySec = bySecretaryBy(x, month);
      const s = held.get(x.code)?.by_sec ?? 0;
      if (s < bySec) out.push(`${x.name}须由书记讲授（本年应至少 ${bySec} 次，已 ${s} 次${n >= required ? `；已开的 ${n} 次都不是书记讲的` : ''}）`);
      return out;
    });
    if (owed.length) items.push({ kind: 'meeting_due', id: org.id, title: owed.join('、'), org: org.name, due: lastDayOfMonth(year, month), reason: null, at: `${t}T00:00:00+08:00` });
    return items;
  }

  // ---- 主题党日 备案 ----

  function filingView(actor: Actor, r: repo.FilingRow): FilingView {
    return {
      id: r.id, org: { id: r.org_id, name: r.org_name, type: r.org_type as OrgType }, status: r.status as FilingState, plannedOn: r.planned_on,
      activityKind: r.activity_kind as ActivityKind, place: r.place, plan: r.plan, meetingId: r.meeting_id, returnComment: r.return_comment,
      transitions: availableTransitions(filingWorkflow, actor, { id: r.id, countyId: r.county_id, orgId: r.org_id, orgPath: r.org_path, status: r.status, deadline: r.planned_on, extra: {} }),
      version: r.version,
    };
  }

  const themeDayCode = (s: OrglifeSettings) => s.types.find((t) => t.code === 'theme_day');

  async function fileThemeDay(actor: Actor, input: FileThemeDayBody): Promise<number> {
    requireAction(actor, 'orglife:record');
    const org = await unitInScope(db, actor, input.orgId);
    // 登记备案: the branch files its own plan
    if (!actor.scope.path.startsWith(org.path)) throw new AppError('forbidden', { zh: '主题党日方案由本支部备案', en: 'The branch files its own plan' });
    const s = await settings(org.county_id);
    const rule = themeDayCode(s);
    if (!rule || !rule.unitTypes.includes(org.type as OrgType)) throw fieldError('orgId', `${org.name}不开主题党日（本县规则未包括这类单位）`, 'This unit holds no theme day');
    if (input.plannedOn < today()) throw fieldError('plannedOn', '须在活动日之前备案：活动日期不能早于今天', 'File before the day');
    if (await repo.heldOnDay(db, likePrefix(org.path), org.id, 'theme_day', input.plannedOn)) {
      throw new AppError('conflict', { zh: `${input.plannedOn} 的主题党日已经开过并记录`, en: 'A theme day was already held that day' });
    }
    const c = await engine.open(db, filingWorkflow, actor, {
      countyId: org.county_id, orgId: org.id, orgPath: org.path, title: `主题党日·${ACTIVITY_KIND_LABELS[input.activityKind].zh}（${input.plannedOn}）`,
      deadline: input.plannedOn, body: input.plan.trim(), data: { activityKind: input.activityKind, place: input.place },
    }, { table: 'theme_day_filings', values: { county_id: org.county_id, planned_on: input.plannedOn, activity_kind: input.activityKind, place: input.place.trim(), plan: input.plan.trim() } });
    return Number(c.id);
  }

  async function filing(actor: Actor, id: number): Promise<FilingView> {
    requireAction(actor, 'orglife:read');
    const r = await repo.findFiling(db, likePrefix(actor.scope.path), id);
    if (!r) throw new AppError('not_found');
    return filingView(actor, r);
  }

  async function filings(actor: Actor, query: ListFilingsQuery): Promise<FilingPage> {
    requireAction(actor, 'orglife:read');
    const path = query.orgId ? (await unitInScope(db, actor, query.orgId)).path : actor.scope.path;
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { rows, total } = await repo.listFilings(db, likePrefix(path), query.status ?? null, { page, pageSize });
    return { items: rows.map((r) => filingView(actor, r)), total, page, pageSize };
  }

  async function fireFiling(actor: Actor, id: number, name: FilingTransition, input: FireFilingBody): Promise<FilingView> {
    requireAction(actor, 'orglife:record');
    const current = await repo.findFiling(db, likePrefix(actor.scope.path), id);
    if (!current) throw new AppError('not_found');
    // a held meeting is checked before the case is touched (its unit, date, roster)
    let held: { org: OrgNode; m: HeldMeetingInput; checked: Awaited<ReturnType<typeof checkMeeting>> } | undefined;
    if (name === 'hold' && input.meeting && filingWorkflow.transitions.hold.from.includes(current.status as FilingState) && filingWorkflow.transitions.hold.allowed(actor, { id, countyId: current.county_id, orgId: current.org_id, orgPath: current.org_path, status: current.status, deadline: null, extra: {} })) {
      const org = await unitInScope(db, actor, current.org_id);
      const s = await settings(org.county_id);
      held = { org, m: input.meeting, checked: await checkMeeting(actor, org, 'theme_day', input.meeting, s, current.activity_kind) };
    }
    if (name === 'refile' && input.plannedOn !== undefined && input.plannedOn < today()) throw fieldError('plannedOn', '活动日期不能早于今天', 'The day is in the past');
    await engine.fire(filingWorkflow, actor, id, name, { version: input.version, body: input.body ?? null, fields: { plan: input.plan, meeting: input.meeting } }, {
      loadExtra: async () => ({}),
      apply: async (tx, c) => {
        if (name === 'refile') {
          const plannedOn = input.plannedOn ?? current.planned_on;
          if (plannedOn < today()) throw fieldError('plannedOn', '原定活动日期已过，请改定新的日期', 'The planned day has passed; choose a new one');
          await repo.updateFiling(tx, c.id, { plannedOn, activityKind: input.activityKind ?? current.activity_kind, place: input.place?.trim() ?? current.place, plan: input.plan!.trim() });
          return { plannedOn };
        }
        if (name === 'hold' && held) {
          const meetingId = await writeMeeting(tx, actor, held.org, 'theme_day', held.m, held.checked, { activityKind: current.activity_kind, filingCaseId: c.id });
          await repo.linkMeeting(tx, c.id, meetingId);
          return { meetingId };
        }
        return {};
      },
    });
    return filing(actor, id);
  }

  // ---- 工作会商 ----

  function consultationView(actor: Actor, r: repo.ConsultationRow): ConsultationView {
    return {
      id: r.id, org: { id: r.org_id, name: r.org_name, type: r.org_type as OrgType }, status: r.status as ConsultationState, heldOn: r.held_on,
      topic: r.topic, participants: r.participants, decision: r.decision, comment: r.comment,
      transitions: availableTransitions(consultationWorkflow, actor, { id: r.id, countyId: r.county_id, orgId: r.org_id, orgPath: r.org_path, status: r.status, deadline: null, extra: {} }),
      version: r.version,
    };
  }

  /** A station records a consultation on a major matter; it goes to the township for agreement. */
  async function openConsultation(actor: Actor, input: OpenConsultationBody): Promise<number> {
    requireAction(actor, 'orglife:record');
    const org = await unitInScope(db, actor, input.orgId);
    if (!actor.roles.includes('station_admin')) throw new AppError('forbidden', { zh: '工作会商由工作站记录并报镇党委', en: 'A station records its consultations' });
    if (org.type !== 'station' || !actor.scope.path.startsWith(org.path)) throw fieldError('orgId', '工作会商由本工作站记录', 'The station records its own consultation');
    const s = await settings(org.county_id);
    if (input.heldOn > today()) throw fieldError('heldOn', '会商日期不能晚于今天', 'The date is in the future');
    const earliest = plusDays(today(), -s.backdateDays);
    if (input.heldOn < earliest) throw fieldError('heldOn', `只能补录 ${s.backdateDays} 天内（${earliest} 及以后）的会商`, 'Too old to enter');
    const c = await engine.open(db, consultationWorkflow, actor, {
      countyId: org.county_id, orgId: org.id, orgPath: org.path, title: `工作会商：${input.topic.trim()}`.slice(0, 200), deadline: null, body: input.decision.trim(),
    }, { table: 'consultations', values: { county_id: org.county_id, held_on: input.heldOn, topic: input.topic.trim(), participants: input.participants.trim(), decision: input.decision.trim() } });
    return Number(c.id);
  }

  async function consultation(actor: Actor, id: number): Promise<ConsultationView> {
    requireAction(actor, 'orglife:read');
    const r = await repo.findConsultation(db, likePrefix(actor.scope.path), id);
    if (!r) throw new AppError('not_found');
    return consultationView(actor, r);
  }

  async function consultations(actor: Actor, query: ListConsultationsQuery = {}): Promise<ConsultationPage> {
    requireAction(actor, 'orglife:read');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { rows, total } = await repo.listConsultations(db, likePrefix(actor.scope.path), { page, pageSize });
    return { items: rows.map((r) => consultationView(actor, r)), total, page, pageSize };
  }

  async function fireConsultation(actor: Actor, id: number, name: ConsultationTransition, input: FireConsultationBody): Promise<ConsultationView> {
    requireAction(actor, 'orglife:record');
    await engine.fire(consultationWorkflow, actor, id, name, { version: input.version, body: input.body ?? null, fields: { decision: input.decision } }, {
      loadExtra: async () => ({}),
      apply: async (tx, c) => {
        if (name === 'resubmit') await repo.reviseConsultation(tx, c.id, input.decision!.trim());
      },
    });
    return consultation(actor, id);
  }

  /** Meetings a person attended (ticked present) in the caller's scope — a first secretary's work log reads them here. */
  async function attendedBy(actor: Actor, personId: number, from: string, to: string) {
    requireAction(actor, 'orglife:read');
    return (await repo.meetingsAttendedBy(db, likePrefix(actor.scope.path), personId, from, to))
      .map((m) => ({ id: Number(m.id), date: m.held_on, typeCode: m.type_code, topic: m.topic, org: m.org_name }));
  }

  return { partyGroups, partyGroup, createPartyGroup, updatePartyGroup, dissolvePartyGroup, attachFile, meetingFile, removeFile, attendedBy, openConsultation, consultation, consultations, fireConsultation, getSettings, saveSettings, roster, recordMeeting, meeting, meetings, sitIn, minutesBook, board, todayItems, fileThemeDay, filing, filings, fireFiling, today };
}

export type OrglifeService = ReturnType<typeof createOrglifeService>;
