// 人员与岗位: the member roster, person records, posts with terms, the cadre ledger and the
// reserve-cadre pool. ID numbers and phones are validated, encrypted at rest, masked in answers.
import {
  AGE_BANDS,
  EDUCATION_BANDS,
  POST_ROLE_LABELS,
  RESERVE_STATUS_LABELS,
  SINGLE_HOLDER_ROLES,
  type AgeBand,
  type CadreLedgerQuery,
  type CadreRow,
  type CadreStructure,
  type CadreStructureRow,
  type EducationBand,
  type PostRecord,
  type PostRole,
  type PostWritten,
  type PostView,
  type ReserveAppointBody,
  type ReserveCadreRow,
  type ReserveListQuery,
  type ReserveRemoveBody,
  type ReserveTrainBody,
  type SelectionChannel,
  type UpdatePostBody,
  type CreatePersonBody,
  type CreatePostBody,
  type ListPeopleQuery,
  type OrgType,
  type PersonDetail,
  type UpdatePersonBody,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, wholeCountyOf, type Actor, type Scope } from '../../core/access.js';
import { appendAudit, changeSummary } from '../../core/audit.js';
import { ageOn, isValidDate, todayInChina } from '../../core/calendar.js';
import { AppError, fieldError, validationError, type FieldError } from '../../core/errors.js';
import {
  ID_NUMBER_MESSAGES,
  birthDateOf,
  genderOf,
  maskIdNumber,
  maskPhone,
  validateIdNumber,
  validatePhone,
} from '../../core/id-number.js';
import type { PiiCipher } from '../../core/pii.js';
import * as repo from './people.repository.js';
import { accountsOfPerson } from '../accounts/index.js';
import type { PersonRow, PersonWrite } from './people.repository.js';
import { personPresenter } from './people.presenter.js';
import { buildOrgIndex } from './people.import.js';

/** Org types where people may be registered (not a station or a grid: those are not branches). */
const MEMBER_ORG_TYPES = new Set<string>(['county', 'township', 'village', 'community', 'agency', 'enterprise', 'social_org', 'department', 'party_group']);

export type PersonInput = CreatePersonBody & { status?: 'active' | 'left' | 'deceased' };

type OrgLite = { id: number; path: string; county_id: number; type: string; status: string; parent_id: number | null };

/**
 * Checks one person's fields (shared by the form and the Excel import) and turns them into a row
 * to write. Answers every field error at once.
 */
export function preparePerson(
  input: PersonInput,
  ctx: { org: OrgLite | undefined; partyGroup?: OrgLite | undefined; branch?: OrgLite | undefined; pii: PiiCipher; today: string },
): { ok: true; write: PersonWrite } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const err = (field: string, zh: string, en: string) => errors.push({ field, zh, en });
  const name = input.name.trim();
  if (!name) err('name', '姓名不能为空', 'The name may not be empty');
  let org = ctx.org;
  // Registered at a party group (the form or a roster row naming "榆舍村/第一党小组"): the person is
  // the branch's member, in that group — stored as the branch with the group set, the one shape every
  // reader of a branch's members knows (decisions.md, "People registered at a party group").
  let placedInGroup: OrgLite | undefined;
  if (org && org.type === 'party_group' && org.status === 'active') {
    const branch = ctx.branch;
    if (!branch || branch.id !== org.parent_id) {
      err('orgId', '党小组所属的党支部不存在或不在您的管辖范围内', 'The branch of this Party group is not in your scope');
      return { ok: false, errors };
    } else if (input.partyGroupId && input.partyGroupId !== org.id) {
      err('partyGroupId', '所在组织已是一个党小组，不能再选另一个党小组', 'The person is registered at one Party group; another cannot be chosen');
    } else {
      placedInGroup = org;
      org = branch;
    }
  }
  if (!org) err('orgId', '所在组织不存在或不在您的管辖范围内', 'No such organization in your scope');
  else if (org.status !== 'active') err('orgId', '所在组织已撤销', 'The organization is closed');
  else if (!MEMBER_ORG_TYPES.has(org.type)) err('orgId', '人员须登记在党组织（村、社区、机关、企业等）或党小组', 'People are registered with a Party organization');

  let idNumber: string | null = null;
  let birthDate = input.birthDate ?? null;
  if (input.idNumber) {
    const checked = validateIdNumber(input.idNumber);
    if (!checked.ok) {
      const m = ID_NUMBER_MESSAGES[checked.problem];
      err('idNumber', m.zh, m.en);
    } else {
      idNumber = checked.value;
      const encoded = birthDateOf(idNumber)!;
      if (birthDate && birthDate !== encoded) err('birthDate', '出生日期与身份证号不一致', 'The birth date does not match the ID number');
      birthDate = encoded;
      if (genderOf(idNumber) !== input.gender) err('gender', '性别与身份证号不一致', 'The gender does not match the ID number');
    }
  }
  if (birthDate && !isValidDate(birthDate)) err('birthDate', '出生日期无效', 'Invalid birth date');
  if (birthDate && birthDate > ctx.today) err('birthDate', '出生日期不能晚于今天', 'The birth date is in the future');

  let phone: string | null = null;
  if (input.phone) {
    phone = validatePhone(input.phone) ?? null;
    if (!phone) err('phone', '手机号应为11位数字（或带区号的固定电话）', 'A phone number has 11 digits (or a landline with area code)');
  }

  const memberStatus = input.memberStatus ?? null;
  const joinDate = input.joinDate ?? null;
  const fullDate = input.fullDate ?? null;
  if (memberStatus && !joinDate) err('joinDate', '党员须填写入党日期', 'A member needs a join date');
  if (!memberStatus && (joinDate || fullDate)) err('memberStatus', '填写了入党日期，请选择党员类别', 'Choose a member status');
  for (const [field, value] of [['joinDate', joinDate], ['fullDate', fullDate]] as const) {
    if (value && !isValidDate(value)) err(field, '日期无效', 'Invalid date');
    else if (value && value > ctx.today) err(field, '日期不能晚于今天', 'The date is in the future');
  }
  if (joinDate && birthDate && ageOn(birthDate, joinDate)! < 18) err('joinDate', '入党时须年满18周岁', 'Members join at 18 or older');
  if (memberStatus === 'probationary' && fullDate) err('fullDate', '预备党员没有转正日期', 'A probationary member has no full-membership date');
  if (fullDate && joinDate && fullDate < joinDate) err('fullDate', '转正日期不能早于入党日期', 'Full membership precedes joining');

  let partyGroupId: number | null = placedInGroup ? placedInGroup.id : null;
  if (input.partyGroupId && !placedInGroup) {
    const g = ctx.partyGroup;
    if (!g || g.type !== 'party_group' || g.status !== 'active') err('partyGroupId', '党小组不存在', 'No such Party group');
    else if (org && g.parent_id !== org.id) err('partyGroupId', '党小组须属于所在党组织', 'The Party group belongs to another organization');
    else partyGroupId = g.id;
  }

  if (errors.length > 0 || !org) return { ok: false, errors };
  return {
    ok: true,
    write: {
      countyId: org.county_id,
      orgId: org.id,
      orgPath: org.path,
      name,
      gender: input.gender,
      ethnicity: input.ethnicity?.trim() || '汉族',
      birthDate,
      idNumberEnc: idNumber ? ctx.pii.encrypt(idNumber) : null,
      idNumberHash: idNumber ? ctx.pii.hash(idNumber) : null,
      idNumberMask: idNumber ? maskIdNumber(idNumber) : null,
      phoneEnc: phone ? ctx.pii.encrypt(phone) : null,
      phoneHash: phone ? ctx.pii.hash(phone) : null,
      phoneMask: phone ? maskPhone(phone) : null,
      education: input.education ?? null,
      memberStatus,
      joinDate,
      fullDate,
      partyGroupId,
      flowStatus: input.flowStatus ?? 'none',
      status: input.status ?? 'active',
    },
  };
}

/** The fields an audit summary may show (never ID numbers or phones). */
function auditView(w: Partial<PersonWrite>): Record<string, unknown> {
  return {
    name: w.name,
    orgId: w.orgId,
    gender: w.gender,
    ethnicity: w.ethnicity,
    birthDate: w.birthDate,
    education: w.education,
    memberStatus: w.memberStatus,
    joinDate: w.joinDate,
    fullDate: w.fullDate,
    partyGroupId: w.partyGroupId,
    flowStatus: w.flowStatus,
    status: w.status,
    idNumber: w.idNumberHash,
    phone: w.phoneHash,
  };
}

function rowAsInput(r: PersonRow, pii: PiiCipher): PersonInput {
  return {
    name: r.name,
    gender: r.gender,
    ethnicity: r.ethnicity,
    birthDate: r.birth_date,
    idNumber: r.id_number_enc ? pii.decrypt(r.id_number_enc) : null,
    phone: r.phone_enc ? pii.decrypt(r.phone_enc) : null,
    education: r.education as PersonInput['education'],
    orgId: r.org_id,
    memberStatus: r.member_status,
    joinDate: r.join_date,
    fullDate: r.full_date,
    partyGroupId: r.party_group_id,
    flowStatus: r.flow_status,
    status: r.status,
  };
}

/** What assigning a post needs of the org tree: the station's 人员到位 warnings (orgs module). */
export type StationStaffing = { stationWarnings: (q: Queryable, stationPath: string) => Promise<string[]> };

type PostInput = Omit<CreatePostBody, 'personId' | 'orgId'>;

export function createPeopleService(deps: { db: Db; pii: PiiCipher; today?: () => string; staffing?: StationStaffing }) {
  const { db, pii } = deps;
  const today = deps.today ?? (() => todayInChina());

  const audit = (tx: Queryable, actor: Actor, action: string, id: number, countyId: number, summary: Record<string, unknown>) =>
    appendAudit(tx, { countyId, accountId: actor.accountId, username: actor.username, action, objectType: 'person', objectId: id, summary, result: 'success', ip: actor.ip });

  async function orgFor(q: Queryable, scope: Scope, id: number | null | undefined) {
    return id ? repo.findOrgInScope(q, scope, id) : undefined;
  }

  /** Where a person is registered: the org, its party group, and — when the org is a party group — its branch. */
  async function placement(q: Queryable, scope: Scope, orgId: number | null | undefined, partyGroupId: number | null | undefined) {
    const org = await orgFor(q, scope, orgId);
    return {
      org,
      partyGroup: await orgFor(q, scope, partyGroupId),
      branch: org?.type === 'party_group' ? await orgFor(q, scope, org.parent_id) : undefined,
    };
  }

  async function rootPathOf(actor: Actor, orgId?: number): Promise<string> {
    if (!orgId) return actor.scope.path;
    const org = await repo.findOrgInScope(db, actor.scope, orgId);
    if (!org) throw new AppError('not_found');
    return org.path;
  }

  /** The cadre ledger's subtree: the account's scope or an org in it; a county's by its county id (as the problem ledger). */
  async function cadreRootOf(actor: Actor, orgId?: number): Promise<repo.CadreRoot> {
    const org = orgId ? await repo.findOrgInScope(db, actor.scope, orgId) : undefined;
    if (orgId && !org) throw new AppError('not_found');
    const path = org?.path ?? actor.scope.path;
    const county = wholeCountyOf(actor.scope, org);
    return county !== undefined ? { path, countyRoot: county } : path;
  }

  async function list(actor: Actor, query: ListPeopleQuery) {
    requireAction(actor, 'person:read');
    if (query.ageMin !== undefined && query.ageMax !== undefined && query.ageMin > query.ageMax) {
      throw fieldError('ageMax', '年龄上限不能小于下限', 'ageMax is below ageMin');
    }
    const t = today();
    const page = await repo.listPeople(db, actor.scope, await rootPathOf(actor, query.orgId), query, t);
    const present = personPresenter(actor, pii, t);
    return { items: page.rows.map(present.summary), total: page.total, page: page.page, pageSize: page.pageSize };
  }

  async function detail(actor: Actor, id: number): Promise<PersonDetail> {
    requireAction(actor, 'person:read');
    const row = await repo.findPerson(db, actor.scope, id);
    if (!row) throw new AppError('not_found');
    const [posts, history, reserve, group, accounts] = await Promise.all([
      repo.postsOf(db, id),
      repo.historyOf(db, id),
      repo.reserveOf(db, id),
      row.party_group_id ? repo.findOrgInScope(db, actor.scope, row.party_group_id) : Promise.resolve(undefined),
      accountsOfPerson(db, id),
    ]);
    const present = personPresenter(actor, pii, today());
    return {
      ...present.summary(row),
      fullDate: row.full_date,
      partyGroup: group ? { id: group.id, name: group.name, type: group.type as OrgType } : null,
      posts: posts.map(presentPost),
      accounts,
      reserve: reserve ? { id: reserve.id, targetRole: reserve.target_role, addedOn: reserve.added_on } : null,
      history: history.map((h) => ({ at: h.at.toISOString(), username: h.username, by: h.by_name, action: h.action, summary: h.summary })),
    };
  }

  async function create(actor: Actor, input: CreatePersonBody): Promise<number> {
    requireAction(actor, 'person:write');
    return db.transaction((tx) => createIn(tx, actor, input));
  }

  /** Adds a person inside the caller's transaction (a public selection's new candidate uses it too). */
  async function createIn(tx: Queryable, actor: Actor, input: CreatePersonBody): Promise<number> {
    requireAction(actor, 'person:write');
    {
      const prepared = preparePerson(input, {
        ...(await placement(tx, actor.scope, input.orgId, input.partyGroupId)),
        pii,
        today: today(),
      });
      if (!prepared.ok) throw validationError(prepared.errors);
      const w = prepared.write;
      if (w.idNumberHash && (await repo.findByIdNumberHash(tx, w.idNumberHash))) {
        throw new AppError('conflict', { zh: '该身份证号已登记', en: 'This ID number is already registered' }, { fields: [{ field: 'idNumber', zh: '该身份证号已登记', en: 'This ID number is already registered' }] });
      }
      const id = await repo.insertPerson(tx, w);
      await audit(tx, actor, 'person.create', id, w.countyId, auditView(w));
      return id;
    }
  }

  async function update(actor: Actor, id: number, input: UpdatePersonBody): Promise<void> {
    requireAction(actor, 'person:write');
    await db.transaction(async (tx) => {
      const row = await repo.findPersonForUpdate(tx, actor.scope, id);
      if (!row) throw new AppError('not_found');
      if (row.version !== input.version) throw new AppError('version_conflict');
      const { version: _v, ...changes } = input;
      const merged: PersonInput = { ...rowAsInput(row, pii), ...changes };
      const where = await placement(tx, actor.scope, merged.orgId, merged.partyGroupId);
      // moved to a party group's node without naming a group: that group is the person's group now
      if (changes.orgId !== undefined && changes.partyGroupId === undefined && where.org?.type === 'party_group') merged.partyGroupId = null;
      const prepared = preparePerson(merged, {
        ...where,
        pii,
        today: today(),
      });
      if (!prepared.ok) throw validationError(prepared.errors);
      const w = prepared.write;
      if (w.idNumberHash) {
        const other = await repo.findByIdNumberHash(tx, w.idNumberHash);
        if (other && other.id !== id) {
          throw new AppError('conflict', { zh: '该身份证号已登记', en: 'This ID number is already registered' }, { fields: [{ field: 'idNumber', zh: '该身份证号已登记', en: 'This ID number is already registered' }] });
        }
      }
      if (!(await repo.updatePerson(tx, id, row.version, w))) throw new AppError('version_conflict');
      const before = auditView({
        name: row.name, orgId: row.org_id, gender: row.gender, ethnicity: row.ethnicity, birthDate: row.birth_date,
        education: row.education, memberStatus: row.member_status, joinDate: row.join_date, fullDate: row.full_date,
        partyGroupId: row.party_group_id, flowStatus: row.flow_status, status: row.status,
        idNumberHash: row.id_number_hash, phoneHash: row.phone_hash,
      });
      await audit(tx, actor, 'person.update', id, w.countyId, changeSummary(before, auditView(w), ['idNumber', 'phone']));
    });
  }

  /**
   * Checks a post (new or changed) and turns it into a row to write: the role fits the org type,
   * 一肩挑 only on a secretary, a first secretary's sending unit, 公职化 with its date; and a
   * single-holder post (书记, 站长 …) has no other term overlapping this one.
   */
  async function preparePost(
    tx: Queryable,
    org: { id: number; path: string; county_id: number; type: string },
    personId: number,
    input: PostInput,
    exceptId: number | null,
  ): Promise<repo.PostWrite> {
    if (input.endDate && input.endDate < input.startDate) throw fieldError('endDate', '任期结束不能早于开始', 'The term ends before it starts');
    if (input.concurrent && input.role !== 'secretary') throw fieldError('concurrent', '"一肩挑"指书记兼任村委会主任，只能设在书记岗位上', '"One shoulder" applies to a secretary');
    const stationRoles = ['station_chief', 'deputy_station_chief', 'party_worker'];
    if (stationRoles.includes(input.role) !== (org.type === 'station')) {
      throw fieldError('role', `「${POST_ROLE_LABELS[input.role].zh}」与组织类型不符`, 'The post does not fit this organization type');
    }
    if (input.role === 'first_secretary' && !input.sentFrom?.trim()) {
      throw fieldError('sentFrom', '第一书记须填写选派单位', 'A first secretary needs the sending unit');
    }
    if (input.civilService && !input.civilServiceDate) throw fieldError('civilServiceDate', '公职化管理须填写实行日期', 'Civil-service status needs its date');
    if (input.civilService && !input.civilServiceBasis?.trim()) throw fieldError('civilServiceBasis', '公职化管理须填写依据（文件或会议）', 'Civil-service status needs its basis');
    if (input.civilServiceDate && input.civilServiceDate < input.startDate) throw fieldError('civilServiceDate', '公职化日期不能早于任职开始', 'Civil-service status precedes the term');
    if (SINGLE_HOLDER_ROLES.includes(input.role)) {
      await repo.lockOrgForPosts(tx, org.id);
      const [other] = await repo.overlappingPosts(tx, org.id, input.role, input.startDate, input.endDate ?? null, exceptId);
      if (other) {
        const label = POST_ROLE_LABELS[input.role].zh;
        const term = `${other.start_date} 至 ${other.end_date ?? '今'}`;
        throw new AppError(
          'conflict',
          input.role === 'station_chief'
            ? { zh: `该工作站已有站长（${other.name}，${term}），一个工作站只设一名站长；请先结束其任职`, en: 'The station already has a chief in this term' }
            : { zh: `「${label}」只能由一人担任，与 ${other.name} 的任期（${term}）重叠；请先结束其任职或调整任期`, en: `The term overlaps another holder of this single-holder post` },
          { fields: [{ field: 'startDate', zh: '任期与他人重叠', en: 'The term overlaps another holder' }] },
        );
      }
    }
    return {
      countyId: org.county_id,
      orgId: org.id,
      orgPath: org.path,
      personId,
      role: input.role,
      concurrent: input.concurrent ?? false,
      sentFrom: input.sentFrom?.trim() || null,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      note: input.note?.trim() || null,
      selectionChannel: input.selectionChannel ?? null,
      civilService: input.civilService ?? false,
      civilServiceDate: input.civilService ? (input.civilServiceDate ?? null) : null,
      civilServiceBasis: input.civilService ? (input.civilServiceBasis?.trim() || null) : null,
    };
  }

  /** The station's 人员到位 warnings after a change of its posts (none for other org types). */
  async function warningsAt(tx: Queryable, org: { type: string; path: string }): Promise<string[]> {
    return org.type === 'station' && deps.staffing ? deps.staffing.stationWarnings(tx, org.path) : [];
  }

  /** Assigns a post inside the caller's transaction (the reserve pool's appointment uses it too). */
  async function addPostIn(tx: Queryable, actor: Actor, input: CreatePostBody): Promise<PostWritten> {
    requireAction(actor, 'person:post');
    const person = await repo.findPersonForUpdate(tx, actor.scope, input.personId);
    if (!person) throw fieldError('personId', '人员不存在或不在您的管辖范围内', 'No such person in your scope');
    if (person.status !== 'active') throw fieldError('personId', '此人已不在册（离开或去世），不能任职', 'The person is no longer on the roster');
    const org = await repo.findOrgInScope(tx, actor.scope, input.orgId);
    if (!org || org.status !== 'active') throw fieldError('orgId', '任职组织不存在或不在您的管辖范围内', 'No such organization in your scope');
    const w = await preparePost(tx, org, person.id, input, null);
    const id = await repo.insertPost(tx, w);
    await appendAudit(tx, { countyId: org.county_id, accountId: actor.accountId, username: actor.username, action: 'post.create', objectType: 'person', objectId: person.id, summary: { postId: id, orgId: org.id, role: input.role, startDate: input.startDate, selectionChannel: w.selectionChannel }, result: 'success', ip: actor.ip });
    return postViewIn(tx, actor, id);
  }

  async function addPost(actor: Actor, input: CreatePostBody): Promise<PostWritten> {
    requireAction(actor, 'person:post');
    return db.transaction((tx) => addPostIn(tx, actor, input));
  }

  /** 调整任职: term, 一肩挑, sending unit, selection channel, 公职化 — with the version read. */
  async function updatePost(actor: Actor, postId: number, input: UpdatePostBody): Promise<PostWritten> {
    requireAction(actor, 'person:post');
    return db.transaction((tx) => updatePostIn(tx, actor, postId, input));
  }

  /**
   * Changes a post inside the caller's transaction (an election marks the sitting secretary who is
   * elected village director 一肩挑). Without a version it changes the post as read under its lock.
   */
  async function updatePostIn(tx: Queryable, actor: Actor, postId: number, input: Omit<UpdatePostBody, 'version'> & { version?: number }): Promise<PostWritten> {
    requireAction(actor, 'person:post');
    {
      const post = await repo.findPost(tx, actor.scope, postId, true);
      if (!post) throw new AppError('not_found');
      if (input.version !== undefined && post.version !== input.version) throw new AppError('version_conflict');
      const merged: PostInput = {
        role: post.role as PostRole,
        startDate: input.startDate ?? post.start_date,
        endDate: input.endDate !== undefined ? input.endDate : post.end_date,
        concurrent: input.concurrent ?? post.concurrent,
        sentFrom: input.sentFrom ?? post.sent_from ?? undefined,
        selectionChannel: input.selectionChannel !== undefined ? input.selectionChannel : (post.selection_channel as SelectionChannel | null),
        civilService: input.civilService ?? post.civil_service,
        civilServiceDate: input.civilServiceDate !== undefined ? input.civilServiceDate : post.civil_service_date,
        civilServiceBasis: input.civilServiceBasis !== undefined ? input.civilServiceBasis : post.civil_service_basis,
        note: input.note ?? post.note ?? undefined,
      };
      const org = { id: post.org_id, path: post.org_path, county_id: post.county_id, type: post.org_type };
      const w = await preparePost(tx, org, post.person_id, merged, post.id);
      if (!(await repo.updatePost(tx, post.id, post.version, w))) throw new AppError('version_conflict');
      const before = { startDate: post.start_date, endDate: post.end_date, concurrent: post.concurrent, sentFrom: post.sent_from, selectionChannel: post.selection_channel, civilService: post.civil_service, civilServiceDate: post.civil_service_date, civilServiceBasis: post.civil_service_basis, note: post.note };
      const after = { startDate: w.startDate, endDate: w.endDate, concurrent: w.concurrent, sentFrom: w.sentFrom, selectionChannel: w.selectionChannel, civilService: w.civilService, civilServiceDate: w.civilServiceDate, civilServiceBasis: w.civilServiceBasis, note: w.note };
      await appendAudit(tx, { countyId: post.county_id, accountId: actor.accountId, username: actor.username, action: 'post.update', objectType: 'person', objectId: post.person_id, summary: { postId, role: post.role, ...changeSummary(before, after, []) }, result: 'success', ip: actor.ip });
      return postViewIn(tx, actor, post.id);
    }
  }

  /** One post as GET /api/posts/{id} shows it (404 outside the scope), with its org's staffing warnings now. */
  async function postViewIn(q: Queryable, actor: Actor, postId: number): Promise<PostView> {
    const post = await repo.findPostWithHolder(q, actor.scope, postId);
    if (!post) throw new AppError('not_found');
    return { ...presentPost(post), person: { id: post.person_id, name: post.person_name }, warnings: await warningsAt(q, { type: post.org_type, path: post.org_path }) };
  }

  async function post(actor: Actor, postId: number): Promise<PostView> {
    requireAction(actor, 'person:read');
    return postViewIn(db, actor, postId);
  }

  async function endPost(actor: Actor, postId: number, endDate: string): Promise<void> {
    requireAction(actor, 'person:post');
    await db.transaction((tx) => endPostIn(tx, actor, postId, endDate));
  }

  /** Ends a post inside the caller's transaction (an election's results end the previous holders' terms). */
  async function endPostIn(tx: Queryable, actor: Actor, postId: number, endDate: string): Promise<void> {
    requireAction(actor, 'person:post');
    {
      const post = await repo.findPost(tx, actor.scope, postId, true);
      if (!post) throw new AppError('not_found');
      if (post.end_date && post.end_date <= today()) throw new AppError('conflict', { zh: '该任职已结束', en: 'The term has already ended' });
      if (endDate < post.start_date) throw fieldError('endDate', '任期结束不能早于开始', 'The term ends before it starts');
      await repo.endPost(tx, postId, endDate);
      await appendAudit(tx, { countyId: post.county_id, accountId: actor.accountId, username: actor.username, action: 'post.end', objectType: 'person', objectId: post.person_id, summary: { postId, role: post.role, endDate }, result: 'success', ip: actor.ip });
    }
  }

  /** The posts of one org, current first (the org page's 班子成员). */
  async function postsAt(actor: Actor, orgId: number) {
    requireAction(actor, 'person:read');
    const org = await repo.findOrgInScope(db, actor.scope, orgId);
    if (!org) throw new AppError('not_found');
    return (await repo.postsAt(db, actor.scope, orgId)).map((p) => ({ ...presentPost(p), person: { id: p.person_id, name: p.person_name } }));
  }

  function presentPost(p: repo.PostRow): PostRecord {
    return {
      id: p.id,
      org: { id: p.org_id, name: p.org_name, type: p.org_type as OrgType },
      role: p.role as PostRole,
      concurrent: p.concurrent,
      sentFrom: p.sent_from,
      startDate: p.start_date,
      endDate: p.end_date,
      note: p.note,
      selectionChannel: p.selection_channel as SelectionChannel | null,
      civilService: p.civil_service,
      civilServiceDate: p.civil_service_date,
      civilServiceBasis: p.civil_service_basis,
      version: p.version,
    };
  }

  function cadreFilter(actor: Actor, q: CadreLedgerQuery): repo.CadreFilter {
    if (q.ageMin !== undefined && q.ageMax !== undefined && q.ageMin > q.ageMax) throw fieldError('ageMax', '年龄上限不能小于下限', 'ageMax is below ageMin');
    if (q.startFrom && q.startTo && q.startFrom > q.startTo) throw fieldError('startTo', '任职时间止不能早于起', 'startTo precedes startFrom');
    void actor;
    return q;
  }

  function presentCadre(actor: Actor, t: string) {
    const present = personPresenter(actor, pii, t);
    return (r: repo.CadreRowDb): CadreRow => ({
      id: r.post_id,
      postId: r.post_id,
      person: { id: r.person_id, name: r.name, gender: r.gender, age: ageOn(r.birth_date, t), education: r.education as PersonDetail['education'], phone: present.phone(r.phone_enc, r.phone_mask) },
      org: { id: r.org_id, name: r.org_name, type: r.org_type as OrgType },
      role: r.role as PostRole,
      concurrent: r.concurrent,
      sentFrom: r.sent_from,
      startDate: r.start_date,
      endDate: r.end_date,
      selectionChannel: r.selection_channel as SelectionChannel | null,
      civilService: r.civil_service,
      daysInPost: Math.max(0, Math.round((Date.parse(t) - Date.parse(r.start_date)) / 86_400_000)),
      version: r.version,
    });
  }

  async function cadres(actor: Actor, q: CadreLedgerQuery) {
    requireAction(actor, 'person:read');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const t = today();
    const result = await repo.listCadres(db, actor.scope, await cadreRootOf(actor, q.orgId), cadreFilter(actor, q), t, page, pageSize);
    return { page, pageSize, total: result.total, items: result.rows.map(presentCadre(actor, t)) };
  }

  /** The filtered ledger for the export, batch by batch, presented (phones masked unless the role may see them). */
  async function* cadresForExport(actor: Actor, q: CadreLedgerQuery): AsyncGenerator<CadreRow[]> {
    requireAction(actor, 'person:export');
    const t = today();
    const present = presentCadre(actor, t);
    for await (const rows of repo.cadresForExport(db, actor.scope, await cadreRootOf(actor, q.orgId), cadreFilter(actor, q), t)) yield rows.map(present);
  }

  /** 两委 age and education structure per township (each person once, however many posts). */
  async function cadreStructure(actor: Actor, q: { orgId?: number }): Promise<CadreStructure> {
    requireAction(actor, 'person:read');
    const t = today();
    const rows = await repo.committeeMembers(db, actor.scope, await rootPathOf(actor, q.orgId), t);
    const byTownship = new Map<number, CadreStructureRow & { ageSum: number; aged: number }>();
    for (const r of rows) {
      let row = byTownship.get(r.township_id);
      if (!row) {
        row = {
          township: { id: r.township_id, name: r.township_name, type: 'township' }, people: 0, averageAge: null, concurrent: 0, ageSum: 0, aged: 0,
          age: Object.fromEntries(AGE_BANDS.map((b) => [b, 0])), education: Object.fromEntries(EDUCATION_BANDS.map((b) => [b, 0])),
        };
        byTownship.set(r.township_id, row);
      }
      row.people++;
      if (r.concurrent) row.concurrent++;
      const age = ageOn(r.birth_date, t);
      if (age !== null) {
        row.ageSum += age;
        row.aged++;
      }
      const band: AgeBand = age === null ? 'unknown' : age <= 35 ? 'to35' : age <= 45 ? 'to45' : age <= 55 ? 'to55' : 'over55';
      row.age[band] = (row.age[band] ?? 0) + 1;
      const edu: EducationBand = !r.education ? 'unknown'
        : ['primary', 'junior', 'senior'].includes(r.education) ? 'senior_or_below'
          : ['vocational', 'college'].includes(r.education) ? 'vocational_college' : 'bachelor_or_above';
      row.education[edu] = (row.education[edu] ?? 0) + 1;
    }
    return {
      asOf: t,
      rows: [...byTownship.values()].map(({ ageSum, aged, ...row }) => ({ ...row, averageAge: aged ? Math.round((ageSum / aged) * 10) / 10 : null })),
    };
  }

  function presentReserve(t: string) {
    return (r: repo.ReserveRowDb): ReserveCadreRow => ({
      id: r.id,
      person: { id: r.person_id, name: r.name, gender: r.gender, age: ageOn(r.birth_date, t), education: r.education as PersonDetail['education'] },
      org: { id: r.org_id, name: r.org_name, type: r.org_type as OrgType },
      targetRole: r.target_role,
      addedOn: r.added_on,
      note: r.note,
      status: r.status,
      trainedOn: r.trained_on,
      training: r.training,
      postId: r.post_id,
      endedOn: r.ended_on,
      endReason: r.end_reason,
      version: r.version,
    });
  }

  async function reserve(actor: Actor, q: ReserveListQuery) {
    requireAction(actor, 'person:read');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const t = today();
    const result = await repo.listReserve(db, actor.scope, await rootPathOf(actor, q.orgId), q.status ?? 'active', page, pageSize);
    return { page, pageSize, total: result.total, items: result.rows.map(presentReserve(t)) };
  }

  /** One reserve cadre as the pool's list shows it (same scope: outside it, 404). */
  async function reserveCadre(actor: Actor, id: number) {
    requireAction(actor, 'person:read');
    const row = await repo.findReserve(db, actor.scope, id);
    if (!row) throw new AppError('not_found');
    return presentReserve(today())(row);
  }

  async function addReserve(actor: Actor, input: { personId: number; targetRole: string; addedOn: string; note?: string }) {
    requireAction(actor, 'person:post');
    return db.transaction((tx) => addReserveIn(tx, actor, input));
  }

  /**
   * 入库 inside the caller's transaction (the form and the pool's .xlsx import): the person on the
   * roster of the scope, not yet in the pool; with the latest training when the sheet gives one
   * (checked as 培养 checks it).
   */
  async function addReserveIn(tx: Queryable, actor: Actor, input: { personId: number; targetRole: string; addedOn: string; note?: string; training?: { trainedOn: string; training: string } }) {
    requireAction(actor, 'person:post');
    const person = await repo.findPersonForUpdate(tx, actor.scope, input.personId);
    if (!person) throw fieldError('personId', '人员不存在或不在您的管辖范围内', 'No such person in your scope');
    if (person.status !== 'active') throw fieldError('personId', '此人已不在册（离开或去世）', 'The person is no longer on the roster');
    if (await repo.reserveOf(tx, person.id)) throw new AppError('conflict', { zh: '此人已在后备干部库中', en: 'Already in the reserve pool' });
    if (input.addedOn > today()) throw fieldError('addedOn', '入库日期不能晚于今天', 'The date is in the future');
    const targetRole = input.targetRole.trim();
    if (!targetRole) throw fieldError('targetRole', '请填写拟任岗位', 'Give the intended post');
    if (input.training) {
      if (input.training.trainedOn > today()) throw fieldError('trainedOn', '培训日期不能晚于今天', 'The date is in the future');
      if (input.training.trainedOn < input.addedOn) throw fieldError('trainedOn', '培训日期不能早于入库日期', 'The training precedes joining the pool');
      if (!input.training.training.trim()) throw fieldError('training', '请填写培训内容', 'Describe the training');
    }
    const id = await repo.insertReserve(tx, { countyId: person.county_id, orgId: person.org_id, orgPath: person.org_path, personId: person.id, targetRole, addedOn: input.addedOn, note: input.note?.trim() || null });
    await appendAudit(tx, { countyId: person.county_id, accountId: actor.accountId, username: actor.username, action: 'reserve.add', objectType: 'person', objectId: person.id, summary: { reserveId: id, targetRole }, result: 'success', ip: actor.ip });
    if (input.training) {
      const training = input.training.training.trim();
      await repo.trainReserve(tx, id, input.training.trainedOn, training);
      await appendAudit(tx, { countyId: person.county_id, accountId: actor.accountId, username: actor.username, action: 'reserve.train', objectType: 'person', objectId: person.id, summary: { reserveId: id, trainedOn: input.training.trainedOn, training }, result: 'success', ip: actor.ip });
    }
    return id;
  }

  /**
   * What an .xlsx import of posts or of the pool needs of the roster: orgs of the scope by name or
   * by a path of names (as the roster import resolves them), and people by ID number — a number on
   * the roster outside the scope answers 'outside', never where.
   */
  async function importLookups(actor: Actor, q: Queryable = db) {
    const index = buildOrgIndex(await repo.orgsForRoster(q, actor.scope));
    return {
      org(text: string): { ok: true; org: { id: number; name: string; type: string; path: string } } | { ok: false; zh: string } {
        const r = index.resolve(text);
        if (!r.ok) return { ok: false, zh: r.msg.zh };
        if (!r.org.in_scope) return { ok: false, zh: `党组织「${text}」不存在或不在您的管辖范围内` };
        if (r.org.status !== 'active') return { ok: false, zh: `党组织「${text}」已撤销` };
        return { ok: true, org: r.org };
      },
      label: index.label,
      async people(idNumbers: string[]): Promise<Map<string, { id: number; name: string; orgId: number; orgPath: string; status: string } | 'outside'>> {
        const byHash = new Map(idNumbers.map((n) => [pii.hash(n), n] as const));
        const found = new Map<string, { id: number; name: string; orgId: number; orgPath: string; status: string } | 'outside'>();
        const hashes = [...byHash.keys()];
        for (let i = 0; i < hashes.length; i += 5000) {
          for (const e of await repo.findPeopleByIdNumberHashes(q, hashes.slice(i, i + 5000))) {
            const n = byHash.get(e.id_number_hash!)!;
            found.set(n, e.org_path.startsWith(actor.scope.path) ? { id: e.id, name: e.name, orgId: e.org_id, orgPath: e.org_path, status: e.status } : 'outside');
          }
        }
        return found;
      },
    };
  }

  /** A reserve cadre still in the pool, locked, at the version the caller read. */
  async function activeReserve(tx: Queryable, actor: Actor, id: number, version: number) {
    const r = await repo.findReserveForUpdate(tx, actor.scope, id);
    if (!r) throw new AppError('not_found');
    if (r.version !== version) throw new AppError('version_conflict');
    if (r.status !== 'active') throw new AppError('conflict', { zh: `此人已${RESERVE_STATUS_LABELS[r.status].zh}，不在库中`, en: 'No longer in the pool' });
    return r;
  }

  /** 培养: a training of a reserve cadre (the latest one is kept on the record; the audit keeps each). */
  async function trainReserve(actor: Actor, id: number, input: ReserveTrainBody) {
    requireAction(actor, 'person:post');
    await db.transaction(async (tx) => {
      const r = await activeReserve(tx, actor, id, input.version);
      if (input.trainedOn > today()) throw fieldError('trainedOn', '培训日期不能晚于今天', 'The date is in the future');
      if (input.trainedOn < r.added_on) throw fieldError('trainedOn', '培训日期不能早于入库日期', 'The training precedes joining the pool');
      const training = input.training.trim();
      if (!training) throw fieldError('training', '请填写培训内容', 'Describe the training');
      await repo.trainReserve(tx, r.id, input.trainedOn, training);
      await appendAudit(tx, { countyId: r.county_id, accountId: actor.accountId, username: actor.username, action: 'reserve.train', objectType: 'person', objectId: r.person_id, summary: { reserveId: r.id, trainedOn: input.trainedOn, training }, result: 'success', ip: actor.ip });
    });
  }

  /** 任用: the reserve cadre takes a post — the post and the pool record change in one transaction. */
  async function appointReserve(actor: Actor, id: number, input: ReserveAppointBody): Promise<PostWritten> {
    requireAction(actor, 'person:post');
    return db.transaction(async (tx) => {
      const r = await activeReserve(tx, actor, id, input.version);
      if (input.startDate < r.added_on) throw fieldError('startDate', '任职日期不能早于入库日期', 'The post starts before joining the pool');
      const { version: _v, ...post } = input;
      const written = await addPostIn(tx, actor, { ...post, personId: r.person_id });
      await repo.endReserve(tx, r.id, { status: 'appointed', endedOn: input.startDate, reason: null, postId: written.id });
      await appendAudit(tx, { countyId: r.county_id, accountId: actor.accountId, username: actor.username, action: 'reserve.appoint', objectType: 'person', objectId: r.person_id, summary: { reserveId: r.id, postId: written.id, orgId: input.orgId, role: input.role }, result: 'success', ip: actor.ip });
      return written;
    });
  }

  /** 出库: removed from the pool with a reason (the record stays). */
  async function removeReserve(actor: Actor, id: number, input: ReserveRemoveBody) {
    requireAction(actor, 'person:post');
    await db.transaction(async (tx) => {
      const r = await activeReserve(tx, actor, id, input.version);
      if (input.endedOn > today()) throw fieldError('endedOn', '出库日期不能晚于今天', 'The date is in the future');
      if (input.endedOn < r.added_on) throw fieldError('endedOn', '出库日期不能早于入库日期', 'The date precedes joining the pool');
      const reason = input.reason.trim();
      if (!reason) throw fieldError('reason', '请填写出库原因', 'Give the reason');
      await repo.endReserve(tx, r.id, { status: 'removed', endedOn: input.endedOn, reason, postId: null });
      await appendAudit(tx, { countyId: r.county_id, accountId: actor.accountId, username: actor.username, action: 'reserve.remove', objectType: 'person', objectId: r.person_id, summary: { reserveId: r.id, endedOn: input.endedOn, reason }, result: 'success', ip: actor.ip });
    });
  }

  /**
   * A person of the caller's scope as member development sees them (locked), and the write of
   * their membership at its steps — on the one person record, inside the caller's transaction.
   */
  async function personForDevelopment(tx: Queryable, actor: Actor, id: number) {
    const p = await repo.findPersonForUpdate(tx, actor.scope, id);
    return p && { id: p.id, countyId: p.county_id, orgId: p.org_id, orgPath: p.org_path, orgType: p.org_type, name: p.name, birthDate: p.birth_date, memberStatus: p.member_status, status: p.status };
  }
  /**
   * The village and community posts of the scope held at any time in [from, to], ended ones too,
   * with the holder's name only (no personal data): the funds module's allowances are computed
   * from them.
   */
  /** The posts held at any time in [from, to] under the caller's scope (`q`: the caller's transaction, when it reads inside one). */
  async function postSpans(actor: Actor, from: string, to: string, role?: PostRole, q: Queryable = db) {
    requireAction(actor, 'person:read');
    return (await repo.postSpans(q, actor.scope, from, to, role)).map((r) => ({
      postId: r.post_id, person: { id: r.person_id, name: r.person_name }, org: { id: r.org_id, name: r.org_name, type: r.org_type as OrgType },
      role: r.role as PostRole, concurrent: r.concurrent, startDate: r.start_date, endDate: r.end_date, sentFrom: r.sent_from, orgPath: r.org_path,
    }));
  }

  async function setMembership(tx: Queryable, actor: Actor, personId: number, countyId: number, m: { memberStatus: 'formal' | 'probationary'; joinDate: string; fullDate: string | null }) {
    await repo.setMembership(tx, personId, m);
    await appendAudit(tx, { countyId, accountId: actor.accountId, username: actor.username, action: 'person.update', objectType: 'person', objectId: personId, summary: { memberStatus: m.memberStatus, joinDate: m.joinDate, fullDate: m.fullDate, via: 'development' }, result: 'success', ip: actor.ip });
  }

  /** Posts by key with their holders (书记牵头领办, 班子成员承办 on a project): the caller already read the keys in scope. */
  function postHolders(q: Queryable, ids: readonly number[]) {
    return repo.postHolders(q, [...new Set(ids)]);
  }

  function personNames(q: Queryable, ids: readonly number[]) {
    return repo.personNames(q, [...new Set(ids)]);
  }

  /**
   * 党小组 (organizational life's group pages and its 党小组会 roster read them here): the active
   * Party members registered with a branch of the scope, each with the party group it is in.
   */
  async function groupMembership(actor: Actor, branchId: number, q: Queryable = db) {
    requireAction(actor, 'person:read');
    const branch = await repo.findOrgInScope(q, actor.scope, branchId);
    if (!branch) throw new AppError('not_found');
    return (await repo.groupMembership(q, likePrefix(branch.path), branch.id)).map((r) => ({ id: Number(r.id), name: r.name, partyGroupId: r.party_group_id === null ? null : Number(r.party_group_id) }));
  }

  /**
   * Puts members of a branch into one of its party groups, or into none (groupId null), in the
   * caller's transaction: every person must be an active member registered with the branch, the
   * group one of the branch's own. Each person changed is audited as an edit of the person.
   */
  async function setPartyGroupIn(tx: Queryable, actor: Actor, branchId: number, groupId: number | null, personIds: readonly number[]) {
    requireAction(actor, 'person:write');
    const branch = await repo.findOrgInScope(tx, actor.scope, branchId);
    if (!branch) throw new AppError('not_found');
    if (groupId !== null) {
      const g = await repo.findOrgInScope(tx, actor.scope, groupId);
      if (!g || g.type !== 'party_group' || g.status !== 'active' || g.parent_id !== branch.id) throw fieldError('partyGroupId', '党小组须属于所在党组织', 'The Party group belongs to another organization');
    }
    const like = likePrefix(branch.path);
    const members = new Set((await repo.groupMembership(tx, like, branch.id)).map((r) => Number(r.id)));
    const errors: FieldError[] = [];
    personIds.forEach((id, i) => {
      if (!members.has(id)) errors.push({ field: `memberIds.${i}`, zh: `该人员不是本支部（${branch.name}）在册的党员`, en: 'Not an active member of this branch' });
    });
    if (errors.length) throw validationError(errors);
    const changed = await repo.setPartyGroup(tx, like, branch.id, groupId, personIds);
    for (const r of changed) {
      await audit(tx, actor, 'person.update', Number(r.id), r.county_id, { partyGroupId: { from: r.before === null ? null : Number(r.before), to: groupId } });
    }
    return changed.length;
  }

  return { postHolders, personNames, groupMembership, setPartyGroupIn,
    list, detail, create, update, addPost, addPostIn, updatePost, post, endPost, postsAt, cadres, cadresForExport, cadreStructure,
    reserve, reserveCadre, addReserve, addReserveIn, importLookups, trainReserve, appointReserve, removeReserve, personForDevelopment, setMembership, today, rootPathOf, postSpans,
    createIn, endPostIn, updatePostIn,
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
