// 教育培训: the county's course catalogue, sessions with a target group and attendance ticked from
// the roster, 书记讲党课 and 三个讲一次 talks, each person's record and the coverage of heads and
// members. People, posts, the reserve pool and member development are read through the people and
// cadres services, 党课 meetings through organizational life's: nothing is entered twice here.
// Person-times and coverage are counted from the attendance rows; there is no ranking of anyone by
// study time.
import {
  TRAINING_GROUP_LABELS,
  type CreateTrainingCategoryBody,
  type CreateTrainingCourseBody,
  type CreateTrainingSessionBody,
  type CreateTrainingTalkBody,
  type ListTrainingCoursesQuery,
  type ListTrainingSessionsQuery,
  type ListTrainingTalksQuery,
  type OrgType,
  type PersonTrainingQuery,
  type PersonTrainingRecord,
  type PostRole,
  type TalkKind,
  type ThreeTalkItem,
  type TickAttendanceBody,
  type TrainingCategory,
  type TrainingCategoryPage,
  type TrainingCourse,
  type TrainingCoursePage,
  type TrainingCoverage,
  type TrainingCoverageQuery,
  type TrainingGroup,
  type TrainingMode,
  type TrainingRoster,
  type TrainingSessionDetail,
  type TrainingSessionPage,
  type TrainingSessionSummary,
  type TrainingTalk,
  type TrainingTalkPage,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError } from '../../core/errors.js';
import { todayInChina } from '../../core/calendar.js';
import { pageOf } from '../../core/paging.js';
import { byIds, children as orgChildren, inScope as orgInScope, type OrgNode } from '../../core/org-tree.js';
import type { PeopleService } from '../people/index.js';
import type { DevelopmentService } from '../cadres/index.js';
import type { OrglifeService } from '../orglife/index.js';
import * as repo from './training.repository.js';

/** 村（社区）两委: the posts of the branch committee and the villagers' committee (and its supervisors). */
export const COMMITTEE_ROLES: readonly PostRole[] = [
  'secretary', 'deputy_secretary', 'committee_member', 'village_director', 'clerk', 'women_chair', 'militia_head', 'youth_league_secretary', 'supervision_director',
];
/** Who gives 书记讲党课: the secretaries of Party organizations at every level. */
const SECRETARY_ROLES: readonly PostRole[] = ['secretary', 'deputy_secretary', 'first_secretary', 'station_chief', 'township_committee_member'];
const VILLAGE_TYPES = new Set(['village', 'community']);
/** The organizational-life meeting type a 书记讲党课 links to. */
export const PARTY_LECTURE_TYPE = 'party_lecture';

export type TrainingDeps = {
  db: Db;
  people: Pick<PeopleService, 'list' | 'detail' | 'cadres' | 'reserve' | 'personNames'>;
  development: Pick<DevelopmentService, 'list'>;
  orglife: Pick<OrglifeService, 'meeting' | 'meetings'>;
  today?: () => string;
};

const ref = (id: number, name: string, type: string) => ({ id, name, type: type as OrgType });

/** Every page of a paged reader, 200 at a time. */
async function all<T>(read: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const p = await read(page);
    out.push(...p.items);
    if (out.length >= p.total || p.items.length === 0) return out;
  }
}

export function createTrainingService(deps: TrainingDeps) {
  const { db, people, development, orglife } = deps;
  const today = deps.today ?? (() => todayInChina());

  function countyOf(actor: Actor): number {
    if (actor.scope.countyId === null) throw new AppError('forbidden');
    return actor.scope.countyId;
  }
  const scopeOf = (actor: Actor) => ({ countyId: countyOf(actor), prefix: likePrefix(actor.scope.path), path: actor.scope.path });

  async function unitInScope(q: Queryable, actor: Actor, orgId: number, field: string): Promise<OrgNode> {
    const org = await orgInScope(q, actor.scope, orgId);
    if (!org || org.status !== 'active') throw fieldError(field, '单位不存在或不在您的管辖范围内', 'No such unit in your scope');
    return org;
  }

  const audit = (tx: Queryable, actor: Actor, countyId: number, action: string, objectType: string, objectId: number, summary: Record<string, unknown>) =>
    appendAudit(tx, { countyId, accountId: actor.accountId, username: actor.username, action, objectType, objectId, summary, result: 'success', ip: actor.ip });

  // ---- menu categories ----
  async function categories(actor: Actor, query: { page?: number; pageSize?: number }): Promise<TrainingCategoryPage> {
    requireAction(actor, 'training:read');
    const w = pageOf(query, 50);
    const { rows, total } = await repo.listCategories(db, countyOf(actor), w);
    return { items: rows.map((r) => ({ id: r.id, name: r.name, courses: r.courses })), total, page: w.page, pageSize: w.pageSize };
  }

  async function addCategory(actor: Actor, input: CreateTrainingCategoryBody): Promise<TrainingCategory> {
    requireAction(actor, 'training:configure');
    const countyId = countyOf(actor);
    if (actor.scope.orgId !== countyId) throw new AppError('forbidden', { zh: '培训菜单类别由县委组织部设置', en: 'Categories are set by the county' });
    const name = input.name.trim();
    if (!name) throw fieldError('name', '请填写类别名称', 'Enter the name');
    return db.transaction(async (tx) => {
      if (await repo.categoryNamed(tx, countyId, name)) throw new AppError('conflict', { zh: `已有类别“${name}”`, en: `${name} exists` });
      const id = await repo.insertCategory(tx, countyId, name);
      await audit(tx, actor, countyId, 'training.category', 'county', countyId, { categoryId: id, name });
      return { id, name, courses: 0 };
    });
  }

  /** One category of the actor's county (404 for another county's). */
  async function category(actor: Actor, id: number): Promise<TrainingCategory> {
    requireAction(actor, 'training:read');
    const row = await repo.findCategory(db, countyOf(actor), id);
    if (!row) throw new AppError('not_found');
    return { id: row.id, name: row.name, courses: row.courses };
  }

  // ---- courses ----
  const presentCourse = (r: repo.CourseRow): TrainingCourse => ({
    id: r.id, topic: r.topic, category: { id: r.category_id, name: r.category_name }, lecturer: r.lecturer, mode: r.mode as TrainingMode, hours: r.hours,
    owner: ref(r.org_id, r.org_name, r.org_type), sessions: r.sessions,
  });

  async function courses(actor: Actor, query: ListTrainingCoursesQuery): Promise<TrainingCoursePage> {
    requireAction(actor, 'training:read');
    const w = pageOf(query, 50);
    const { rows, total } = await repo.listCourses(db, scopeOf(actor), { categoryId: query.categoryId, mode: query.mode, q: query.q?.trim() || undefined }, w);
    return { items: rows.map(presentCourse), total, page: w.page, pageSize: w.pageSize };
  }

  async function course(actor: Actor, id: number): Promise<TrainingCourse> {
    requireAction(actor, 'training:read');
    const row = await repo.findCourse(db, scopeOf(actor), id);
    if (!row) throw new AppError('not_found');
    return presentCourse(row);
  }

  async function addCourse(actor: Actor, input: CreateTrainingCourseBody): Promise<TrainingCourse> {
    requireAction(actor, 'training:manage');
    const countyId = countyOf(actor);
    const org = await unitInScope(db, actor, input.orgId ?? actor.scope.orgId, 'orgId');
    if (!['county', 'township'].includes(org.type)) throw fieldError('orgId', '课程目录由县委组织部或乡镇党委设置', 'Courses belong to the county or a township');
    const category = await repo.categoryOf(db, countyId, input.categoryId);
    if (!category) throw fieldError('categoryId', '没有这个培训菜单类别', 'No such category');
    const topic = input.topic.trim();
    const lecturer = input.lecturer.trim();
    if (!topic) throw fieldError('topic', '请填写课程主题', 'Enter the topic');
    if (!lecturer) throw fieldError('lecturer', '请填写授课人', 'Enter the lecturer');
    const id = await db.transaction(async (tx) => {
      const id = await repo.insertCourse(tx, { countyId, orgId: org.id, orgPath: org.path, categoryId: category.id, topic, lecturer, mode: input.mode, hours: input.hours, by: actor.accountId || null });
      await audit(tx, actor, countyId, 'training.course', 'training_course', id, { orgId: org.id, topic, mode: input.mode, hours: input.hours });
      return id;
    });
    return course(actor, id);
  }

  // ---- sessions ----
  const presentSession = (r: repo.SessionRow): TrainingSessionSummary => ({
    id: r.id,
    course: { id: r.course_id, topic: r.topic, mode: r.mode as TrainingMode, hours: r.hours, lecturer: r.lecturer, category: r.category },
    org: ref(r.org_id, r.org_name, r.org_type), heldOn: r.held_on, place: r.place, target: ref(r.target_org_id, r.target_name, r.target_type),
    groups: r.groups as TrainingGroup[], personTimes: r.person_times,
  });

  async function sessions(actor: Actor, query: ListTrainingSessionsQuery): Promise<TrainingSessionPage> {
    requireAction(actor, 'training:read');
    if (query.from && query.to && query.from > query.to) throw fieldError('to', '结束日期不能早于开始日期', 'to is before from');
    const path = query.orgId ? (await unitInScope(db, actor, query.orgId, 'orgId')).path : actor.scope.path;
    const w = pageOf(query, 50);
    const { rows, total, personTimes } = await repo.listSessions(db, likePrefix(path), query, w);
    return { items: rows.map(presentSession), total, page: w.page, pageSize: w.pageSize, personTimes };
  }

  async function sessionRow(actor: Actor, id: number) {
    const r = await repo.findSession(db, likePrefix(actor.scope.path), id);
    if (!r) throw new AppError('not_found');
    return r;
  }

  async function session(actor: Actor, id: number): Promise<TrainingSessionDetail> {
    requireAction(actor, 'training:read');
    const r = await sessionRow(actor, id);
    const ticks = await repo.attendeesOf(db, r.id);
    // the ticks were read through the session in scope: their names by key, not the whole roster again
    const names = new Map((await people.personNames(db, ticks.map((a) => a.person_id))).map((p) => [p.id, p.name]));
    return {
      ...presentSession(r),
      attendees: ticks.map((a) => ({ personId: a.person_id, name: names.get(a.person_id) ?? '', at: a.at.toISOString() })),
    };
  }

  async function addSession(actor: Actor, input: CreateTrainingSessionBody): Promise<TrainingSessionDetail> {
    requireAction(actor, 'training:manage');
    const org = await unitInScope(db, actor, input.orgId, 'orgId');
    const target = await unitInScope(db, actor, input.targetOrgId, 'targetOrgId');
    if (!target.path.startsWith(org.path)) throw fieldError('targetOrgId', `培训对象须在${org.name}及其下级单位中`, 'The target group lies outside the holding unit');
    const c = await repo.findCourse(db, scopeOf(actor), input.courseId);
    if (!c) throw fieldError('courseId', '课程不存在或不在您可用的课程目录中', 'No such course in your catalogue');
    const place = input.place.trim();
    if (!place) throw fieldError('place', '请填写培训地点', 'Enter the place');
    const id = await db.transaction(async (tx) => {
      const id = await repo.insertSession(tx, {
        countyId: org.county_id, courseId: c.id, orgId: org.id, orgPath: org.path, heldOn: input.heldOn, place, targetOrgId: target.id, targetOrgPath: target.path, groups: input.groups, by: actor.accountId || null,
      });
      await audit(tx, actor, org.county_id, 'training.session', 'training_session', id, { courseId: c.id, orgId: org.id, heldOn: input.heldOn, targetOrgId: target.id, groups: input.groups });
      return id;
    });
    return session(actor, id);
  }

  type RosterPerson = { id: number; name: string; org: string; groups: TrainingGroup[] };

  /**
   * The session's target group, read through the people and cadres services: the people of the
   * target subtree who match any of its groups (everyone active there when it names none).
   */
  async function rosterOf(actor: Actor, s: repo.SessionRow): Promise<RosterPerson[]> {
    const out = new Map<number, RosterPerson>();
    const add = (id: number, name: string, org: string, g: TrainingGroup | null) => {
      const p = out.get(id) ?? { id, name, org, groups: [] };
      if (g && !p.groups.includes(g)) p.groups.push(g);
      out.set(id, p);
    };
    const orgId = s.target_org_id;
    const groups = s.groups as TrainingGroup[];
    if (groups.length === 0) {
      for (const p of await all((page) => people.list(actor, { orgId, status: 'active', sort: 'name', order: 'asc', page, pageSize: 200 }))) add(p.id, p.name, p.org.name, null);
    }
    if (groups.includes('member')) {
      for (const p of await all((page) => people.list(actor, { orgId, memberStatus: 'member', status: 'active', sort: 'name', order: 'asc', page, pageSize: 200 }))) add(p.id, p.name, p.org.name, 'member');
    }
    if (groups.includes('committee') || groups.includes('first_secretary')) {
      const held = (c: { startDate: string; endDate: string | null }) => c.startDate <= s.held_on && (!c.endDate || c.endDate >= s.held_on);
      for (const c of await all((page) => people.cadres(actor, { orgId, page, pageSize: 200 }))) {
        if (!held(c)) continue;
        if (groups.includes('committee') && COMMITTEE_ROLES.includes(c.role) && VILLAGE_TYPES.has(c.org.type)) add(c.person.id, c.person.name, c.org.name, 'committee');
        if (groups.includes('first_secretary') && c.role === 'first_secretary') add(c.person.id, c.person.name, c.org.name, 'first_secretary');
      }
    }
    if (groups.includes('reserve')) {
      for (const r of await all((page) => people.reserve(actor, { orgId, status: 'active', page, pageSize: 200 }))) add(r.person.id, r.person.name, r.org.name, 'reserve');
    }
    if (groups.includes('activist')) {
      for (const status of ['activist', 'target'] as const) {
        for (const d of await all((page) => development.list(actor, { orgId, status, page, pageSize: 200 }))) add(d.person.id, d.person.name, d.org.name, 'activist');
      }
    }
    return [...out.values()].sort((a, b) => a.org.localeCompare(b.org, 'zh') || a.name.localeCompare(b.name, 'zh'));
  }

  async function presentRoster(actor: Actor, s: repo.SessionRow, list: RosterPerson[], q: Queryable = db): Promise<TrainingRoster> {
    const ticked = new Set((await repo.attendeesOf(q, s.id)).map((a) => a.person_id));
    return {
      session: { id: s.id, heldOn: s.held_on, target: ref(s.target_org_id, s.target_name, s.target_type), groups: s.groups as TrainingGroup[] },
      people: list.map((p) => ({ ...p, present: ticked.has(p.id) })),
      personTimes: ticked.size,
    };
  }

  async function roster(actor: Actor, id: number): Promise<TrainingRoster> {
    requireAction(actor, 'training:read');
    const s = await sessionRow(actor, id);
    return presentRoster(actor, s, await rosterOf(actor, s));
  }

  function groupWords(s: repo.SessionRow) {
    const groups = s.groups as TrainingGroup[];
    return `${s.target_name}${groups.length ? ` · ${groups.map((g) => TRAINING_GROUP_LABELS[g].zh).join('、')}` : '全体人员'}`;
  }

  /** 到课: a tap on the roster ticks (or unticks) one person; a person outside the target group is refused. */
  async function tick(actor: Actor, id: number, input: TickAttendanceBody): Promise<TrainingRoster> {
    requireAction(actor, 'training:manage');
    const s = await sessionRow(actor, id);
    if (s.held_on > today()) throw new AppError('conflict', { zh: `这期培训定于 ${s.held_on} 举行，举行当天起才能勾选到课`, en: 'The session has not taken place yet' });
    const list = await rosterOf(actor, s);
    if (input.present && !list.some((p) => p.id === input.personId)) {
      // the person must at least be someone the caller may see; the refusal names them
      const person = await people.detail(actor, input.personId).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'not_found') throw fieldError('personId', '人员不存在或不在您的管辖范围内', 'No such person in your scope');
        throw e;
      });
      throw fieldError('personId', `${person.name}不在本期培训的对象范围内（培训对象：${groupWords(s)}），不能勾选到课`, `${person.name} is outside the target group`);
    }
    return db.transaction(async (tx) => {
      await repo.lockSession(tx, s.id);
      const changed = input.present
        ? await repo.tick(tx, { sessionId: s.id, personId: input.personId, countyId: s.county_id, by: actor.accountId || null })
        : await repo.untick(tx, s.id, input.personId);
      if (changed) {
        await audit(tx, actor, s.county_id, input.present ? 'training.attend' : 'training.unattend', 'training_session', s.id, { personId: input.personId });
      }
      return presentRoster(actor, s, list, tx);
    });
  }

  /**
   * A whole sign-in sheet at once (the demo county's past sessions): the roster is read once, every
   * person must be in the target group, all ticks and one audit record in one transaction.
   */
  async function attendMany(actor: Actor, id: number, sheet: readonly number[] | ((roster: RosterPerson[]) => number[])): Promise<TrainingRoster> {
    requireAction(actor, 'training:manage');
    const s = await sessionRow(actor, id);
    if (s.held_on > today()) throw new AppError('conflict', { zh: `这期培训定于 ${s.held_on} 举行，举行当天起才能勾选到课`, en: 'The session has not taken place yet' });
    const list = await rosterOf(actor, s);
    const personIds = typeof sheet === 'function' ? sheet(list) : sheet;
    const inGroup = new Set(list.map((p) => p.id));
    const outside = [...new Set(personIds.filter((p) => !inGroup.has(p)))];
    if (outside.length) {
      // the refusal names who is outside (people the caller may see; anyone else is "not in your scope")
      const named: string[] = [];
      let unknown = 0;
      for (const pid of outside.slice(0, 20)) {
        const person = await people.detail(actor, pid).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'not_found') return null;
          throw e;
        });
        if (person) named.push(person.name);
        else unknown++;
      }
      const words = [
        named.length ? `${named.join('、')}${outside.length > 20 ? ` 等 ${outside.length} 人` : ''}不在本期培训的对象范围内（培训对象：${groupWords(s)}）` : '',
        unknown ? `${unknown} 人不存在或不在您的管辖范围内` : '',
      ].filter(Boolean).join('；');
      throw fieldError('personIds', `${words}；整张签到表未登记，请改正后重新提交`, `${[...named, ...(unknown ? [`${unknown} unknown`] : [])].join(', ')}: outside the target group; nothing was recorded`);
    }
    return db.transaction(async (tx) => {
      await repo.lockSession(tx, s.id);
      let n = 0;
      for (const personId of new Set(personIds)) if (await repo.tick(tx, { sessionId: s.id, personId, countyId: s.county_id, by: actor.accountId || null })) n++;
      if (n) await audit(tx, actor, s.county_id, 'training.attend', 'training_session', s.id, { people: n, sheet: true });
      return presentRoster(actor, s, list, tx);
    });
  }

  // ---- 书记讲党课 · 三个讲一次 ----
  const presentTalk = (r: repo.TalkRow, speaker: string): TrainingTalk => ({
    id: r.id, kind: r.kind as TalkKind, org: ref(r.org_id, r.org_name, r.org_type), speaker: { id: r.speaker_id, name: speaker }, heldOn: r.held_on, topic: r.topic,
    item: (r.item as ThreeTalkItem | null) ?? null, meetingId: r.meeting_id,
  });

  /** The speakers of talks read in scope, by key (a speaker may sit at another level than the talk). */
  async function speakerNames(ids: number[]) {
    return new Map((await people.personNames(db, ids)).map((p) => [p.id, p.name]));
  }

  async function talks(actor: Actor, query: ListTrainingTalksQuery): Promise<TrainingTalkPage> {
    requireAction(actor, 'training:read');
    const path = query.orgId ? (await unitInScope(db, actor, query.orgId, 'orgId')).path : actor.scope.path;
    const w = pageOf(query, 50);
    const { rows, total } = await repo.listTalks(db, likePrefix(path), { kind: query.kind, from: query.year ? `${query.year}-01-01` : undefined, to: query.year ? `${query.year}-12-31` : undefined }, w);
    const names = await speakerNames(rows.map((r) => r.speaker_id));
    return { items: rows.map((r) => presentTalk(r, names.get(r.speaker_id) ?? '')), total, page: w.page, pageSize: w.pageSize };
  }

  async function talk(actor: Actor, id: number): Promise<TrainingTalk> {
    requireAction(actor, 'training:read');
    const r = await repo.findTalk(db, likePrefix(actor.scope.path), id);
    if (!r) throw new AppError('not_found');
    return presentTalk(r, (await speakerNames([r.speaker_id])).get(r.speaker_id) ?? '');
  }

  async function addTalk(actor: Actor, input: CreateTrainingTalkBody): Promise<TrainingTalk> {
    requireAction(actor, 'training:manage');
    let org: OrgNode;
    let heldOn: string;
    let topic: string;
    let meetingId: number | null = null;
    if (input.meetingId) {
      if (input.kind !== 'secretary_lecture') throw fieldError('meetingId', '只有书记讲党课关联组织生活的党课会议', 'Only a Party lecture links to a meeting');
      const m = await orglife.meeting(actor, input.meetingId).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'not_found') throw fieldError('meetingId', '会议不存在或不在您的管辖范围内', 'No such meeting in your scope');
        throw e;
      });
      if (m.typeCode !== PARTY_LECTURE_TYPE) throw fieldError('meetingId', `关联的会议是“${m.typeName}”，不是党课`, 'The meeting is not a Party lecture');
      org = await unitInScope(db, actor, m.org.id, 'meetingId');
      heldOn = m.heldOn;
      topic = m.topic;
      meetingId = m.id;
    } else {
      if (!input.orgId) throw fieldError('orgId', '请选择讲课所在的党组织', 'Choose the unit');
      if (!input.heldOn) throw fieldError('heldOn', '请填写讲课日期', 'Enter the date');
      if (!input.topic?.trim()) throw fieldError('topic', '请填写讲课题目', 'Enter the topic');
      org = await unitInScope(db, actor, input.orgId, 'orgId');
      heldOn = input.heldOn;
      topic = input.topic.trim();
      if (heldOn > today()) throw fieldError('heldOn', '讲课日期不能晚于今天：讲过之后再记录', 'The date is in the future');
      if (input.kind === 'secretary_lecture') {
        // a 党课 already recorded as a meeting of this unit that day is linked, never entered twice
        const same = await orglife.meetings(actor, { orgId: org.id, year: Number(heldOn.slice(0, 4)), month: Number(heldOn.slice(5, 7)), typeCode: PARTY_LECTURE_TYPE, page: 1, pageSize: 200 });
        const m = same.items.find((x) => x.heldOn === heldOn && x.org.id === org.id);
        if (m) throw new AppError('conflict', { zh: `组织生活已记录了${org.name} ${heldOn} 的党课“${m.topic}”，请关联该会议记录，不要重复录入`, en: 'This lecture is already recorded as a meeting: link it' });
      }
    }
    if (input.kind === 'three_talks' && !input.item) throw fieldError('item', '请选择“三个讲一次”讲的是哪一项', 'Choose which of the three talks');
    if (input.kind === 'secretary_lecture' && input.item) throw fieldError('item', '书记讲党课不分“三个讲一次”的项目', 'Only the three talks have an item');
    const speaker = await people.detail(actor, input.speakerId).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'not_found') throw fieldError('speakerId', '讲课人不存在或不在您的管辖范围内', 'No such person in your scope');
      throw e;
    });
    if (input.kind === 'secretary_lecture') {
      const isSecretary = speaker.posts.some((p) => SECRETARY_ROLES.includes(p.role) && p.startDate <= heldOn && (!p.endDate || p.endDate >= heldOn));
      if (!isSecretary) throw fieldError('speakerId', `${speaker.name}在 ${heldOn} 没有担任党组织书记（副书记、第一书记、站长或乡镇党委委员），书记讲党课须由书记讲授`, 'The speaker held no secretary post that day');
    }
    const id = await db.transaction(async (tx) => {
      if (meetingId !== null && (await repo.talkOfMeeting(tx, meetingId))) throw new AppError('conflict', { zh: '这次党课已经记录为书记讲党课，不能重复录入', en: 'This meeting is already recorded' });
      const id = await repo.insertTalk(tx, { countyId: org.county_id, kind: input.kind, orgId: org.id, orgPath: org.path, speakerId: speaker.id, heldOn, topic, item: input.item ?? null, meetingId, by: actor.accountId || null });
      await audit(tx, actor, org.county_id, 'training.talk', 'training_talk', id, { kind: input.kind, orgId: org.id, speakerId: speaker.id, heldOn, meetingId, item: input.item ?? null });
      return id;
    });
    return talk(actor, id);
  }

  // ---- a person's record ----
  async function personRecord(actor: Actor, personId: number, query: PersonTrainingQuery): Promise<PersonTrainingRecord> {
    requireAction(actor, 'training:read');
    const person = await people.detail(actor, personId);
    const year = query.year ?? Number(today().slice(0, 4));
    const w = pageOf(query, 50);
    const { rows, total, sum } = await repo.recordOf(db, person.id, `${year}-01-01`, `${year}-12-31`, w);
    return {
      person: { id: person.id, name: person.name }, year, sessions: sum.sessions, hours: sum.hours, talks: sum.talks,
      items: rows.map((r) => ({ kind: r.kind as 'session' | TalkKind, id: r.id, heldOn: r.held_on, title: r.title, org: r.org, mode: (r.mode as TrainingMode | null) ?? null, hours: r.hours })),
      total, page: w.page, pageSize: w.pageSize,
    };
  }

  // ---- coverage: heads and members of each unit below, trained this year ----
  async function coverage(actor: Actor, query: TrainingCoverageQuery): Promise<TrainingCoverage> {
    requireAction(actor, 'training:read');
    const node = await orgInScope(db, actor.scope, query.orgId ?? actor.scope.orgId);
    if (!node) throw new AppError('not_found');
    const year = query.year ?? Number(today().slice(0, 4));
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const asOf = to < today() ? to : today();
    const kids = await orgChildren(db, node.id);
    const kidNodes = await byIds(db, kids.map((k) => k.id));
    const childOf = (path: string) => kidNodes.find((k) => path.startsWith(k.path));

    const heads = new Map<number, number>(); // person → org id
    for (const c of await all((page) => people.cadres(actor, { orgId: node.id, page, pageSize: 200 }))) {
      if (COMMITTEE_ROLES.includes(c.role) && VILLAGE_TYPES.has(c.org.type) && c.startDate <= asOf && (!c.endDate || c.endDate >= from)) heads.set(c.person.id, c.org.id);
    }
    const members = new Map<number, number>();
    for (const p of await all((page) => people.list(actor, { orgId: node.id, memberStatus: 'member', status: 'active', page, pageSize: 200 }))) members.set(p.id, p.org.id);
    const orgPaths = new Map((await byIds(db, [...new Set([...heads.values(), ...members.values()])])).map((o) => [o.id, o.path]));
    const trained = await repo.trainedIn(db, [...new Set([...heads.keys(), ...members.keys()])], from, to);
    const held = await repo.sessionsIn(db, likePrefix(node.path), from, to);

    const zero = () => ({ heads: 0, headsTrained: 0, members: 0, membersTrained: 0, sessions: 0, personTimes: 0 });
    const total = zero();
    const own = zero();
    const rows = new Map(kidNodes.map((k) => [k.id, zero()]));
    const bump = (path: string | undefined, f: (x: ReturnType<typeof zero>) => void) => {
      f(total);
      const child = path ? childOf(path) : undefined;
      f(child ? rows.get(child.id)! : own);
    };
    for (const [person, org] of heads) bump(orgPaths.get(org), (x) => { x.heads++; if (trained.has(person)) x.headsTrained++; });
    for (const [person, org] of members) bump(orgPaths.get(org), (x) => { x.members++; if (trained.has(person)) x.membersTrained++; });
    for (const s of held) bump(s.org_path, (x) => { x.sessions++; x.personTimes += s.times; });
    return {
      node: ref(node.id, node.name, node.type), year, total, own,
      children: kids.map((k) => ({ org: ref(k.id, k.name, k.type), ...rows.get(k.id)! })),
    };
  }

  return { categories, category, addCategory, courses, course, addCourse, sessions, session, addSession, roster, tick, attendMany, talks, talk, addTalk, personRecord, coverage, today };
}

export type TrainingService = ReturnType<typeof createTrainingService>;
