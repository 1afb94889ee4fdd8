// 人员与岗位: the member roster, person records, posts with terms, the cadre ledger and the
// reserve-cadre pool. ID numbers and phones are validated, encrypted at rest, masked in answers.
import {
  POST_ROLE_LABELS,
  type CreatePersonBody,
  type CreatePostBody,
  type ListPeopleQuery,
  type OrgType,
  type PersonDetail,
  type UpdatePersonBody,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { requireAction, type Actor, type Scope } from '../../core/access.js';
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
import type { PersonRow, PersonWrite } from './people.repository.js';
import { personPresenter } from './people.presenter.js';

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
  ctx: { org: OrgLite | undefined; partyGroup?: OrgLite | undefined; pii: PiiCipher; today: string },
): { ok: true; write: PersonWrite } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const err = (field: string, zh: string, en: string) => errors.push({ field, zh, en });
  const name = input.name.trim();
  if (!name) err('name', '姓名不能为空', 'The name may not be empty');
  const org = ctx.org;
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

  let partyGroupId: number | null = null;
  if (input.partyGroupId) {
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

export function createPeopleService(deps: { db: Db; pii: PiiCipher; today?: () => string }) {
  const { db, pii } = deps;
  const today = deps.today ?? (() => todayInChina());

  const audit = (tx: Queryable, actor: Actor, action: string, id: number, countyId: number, summary: Record<string, unknown>) =>
    appendAudit(tx, { countyId, accountId: actor.accountId, username: actor.username, action, objectType: 'person', objectId: id, summary, result: 'success', ip: actor.ip });

  async function orgFor(q: Queryable, scope: Scope, id: number | null | undefined) {
    return id ? repo.findOrgInScope(q, scope, id) : undefined;
  }

  async function rootPathOf(actor: Actor, orgId?: number): Promise<string> {
    if (!orgId) return actor.scope.path;
    const org = await repo.findOrgInScope(db, actor.scope, orgId);
    if (!org) throw new AppError('not_found');
    return org.path;
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
    const [posts, history, reserve, group] = await Promise.all([
      repo.postsOf(db, id),
      repo.historyOf(db, id),
      repo.reserveOf(db, id),
      row.party_group_id ? repo.findOrgInScope(db, actor.scope, row.party_group_id) : Promise.resolve(undefined),
    ]);
    const present = personPresenter(actor, pii, today());
    return {
      ...present.summary(row),
      fullDate: row.full_date,
      partyGroup: group ? { id: group.id, name: group.name, type: group.type as OrgType } : null,
      posts: posts.map((p) => ({
        id: p.id,
        org: { id: p.org_id, name: p.org_name, type: p.org_type as OrgType },
        role: p.role as PersonDetail['posts'][number]['role'],
        concurrent: p.concurrent,
        sentFrom: p.sent_from,
        startDate: p.start_date,
        endDate: p.end_date,
        note: p.note,
      })),
      reserve: reserve ? { id: reserve.id, targetRole: reserve.target_role, addedOn: reserve.added_on } : null,
      history: history.map((h) => ({ at: h.at.toISOString(), username: h.username, by: h.by_name, action: h.action, summary: h.summary })),
    };
  }

  async function create(actor: Actor, input: CreatePersonBody): Promise<number> {
    requireAction(actor, 'person:write');
    return db.transaction(async (tx) => {
      const prepared = preparePerson(input, {
        org: await orgFor(tx, actor.scope, input.orgId),
        partyGroup: await orgFor(tx, actor.scope, input.partyGroupId),
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
    });
  }

  async function update(actor: Actor, id: number, input: UpdatePersonBody): Promise<void> {
    requireAction(actor, 'person:write');
    await db.transaction(async (tx) => {
      const row = await repo.findPersonForUpdate(tx, actor.scope, id);
      if (!row) throw new AppError('not_found');
      if (row.version !== input.version) throw new AppError('version_conflict');
      const { version: _v, ...changes } = input;
      const merged: PersonInput = { ...rowAsInput(row, pii), ...changes };
      const prepared = preparePerson(merged, {
        org: await orgFor(tx, actor.scope, merged.orgId),
        partyGroup: await orgFor(tx, actor.scope, merged.partyGroupId),
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

  async function addPost(actor: Actor, input: CreatePostBody): Promise<number> {
    requireAction(actor, 'post:write');
    return db.transaction(async (tx) => {
      const person = await repo.findPersonForUpdate(tx, actor.scope, input.personId);
      if (!person) throw fieldError('personId', '人员不存在或不在您的管辖范围内', 'No such person in your scope');
      const org = await repo.findOrgInScope(tx, actor.scope, input.orgId);
      if (!org || org.status !== 'active') throw fieldError('orgId', '任职组织不存在或不在您的管辖范围内', 'No such organization in your scope');
      if (input.endDate && input.endDate < input.startDate) throw fieldError('endDate', '任期结束不能早于开始', 'The term ends before it starts');
      if (input.concurrent && input.role !== 'secretary') throw fieldError('concurrent', '"一肩挑"指书记兼任村委会主任，只能设在书记岗位上', '"One shoulder" applies to a secretary');
      const stationRoles = ['station_chief', 'deputy_station_chief', 'party_worker'];
      if (stationRoles.includes(input.role) !== (org.type === 'station')) {
        throw fieldError('role', `「${POST_ROLE_LABELS[input.role].zh}」与组织类型不符`, 'The post does not fit this organization type');
      }
      if (input.role === 'first_secretary' && !input.sentFrom?.trim()) {
        throw fieldError('sentFrom', '第一书记须填写选派单位', 'A first secretary needs the sending unit');
      }
      const id = await repo.insertPost(tx, {
        countyId: org.county_id,
        orgId: org.id,
        orgPath: org.path,
        personId: person.id,
        role: input.role,
        concurrent: input.concurrent ?? false,
        sentFrom: input.sentFrom?.trim() || null,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        note: input.note ?? null,
      });
      await appendAudit(tx, { countyId: org.county_id, accountId: actor.accountId, username: actor.username, action: 'post.create', objectType: 'person', objectId: person.id, summary: { postId: id, orgId: org.id, role: input.role, startDate: input.startDate }, result: 'success', ip: actor.ip });
      return id;
    });
  }

  async function endPost(actor: Actor, postId: number, endDate: string): Promise<void> {
    requireAction(actor, 'post:write');
    await db.transaction(async (tx) => {
      const post = await repo.findPost(tx, actor.scope, postId);
      if (!post) throw new AppError('not_found');
      if (post.end_date && post.end_date <= today()) throw new AppError('conflict', { zh: '该任职已结束', en: 'The term has already ended' });
      if (endDate < post.start_date) throw fieldError('endDate', '任期结束不能早于开始', 'The term ends before it starts');
      await repo.endPost(tx, postId, endDate);
      await appendAudit(tx, { countyId: post.county_id, accountId: actor.accountId, username: actor.username, action: 'post.end', objectType: 'person', objectId: post.person_id, summary: { postId, role: post.role, endDate }, result: 'success', ip: actor.ip });
    });
  }

  async function cadres(actor: Actor, q: { orgId?: number; role?: string; page?: number; pageSize?: number }) {
    requireAction(actor, 'person:read');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const t = today();
    const result = await repo.listCadres(db, actor.scope, await rootPathOf(actor, q.orgId), page, pageSize, q.role);
    const present = personPresenter(actor, pii, t);
    return {
      page,
      pageSize,
      total: result.total,
      items: result.rows.map((r) => ({
        id: r.post_id,
        postId: r.post_id,
        person: { id: r.person_id, name: r.name, gender: r.gender, age: ageOn(r.birth_date, t), education: r.education as PersonDetail['education'], phone: present.phone(r.phone_enc, r.phone_mask) },
        org: { id: r.org_id, name: r.org_name, type: r.org_type as OrgType },
        role: r.role as PersonDetail['posts'][number]['role'],
        concurrent: r.concurrent,
        sentFrom: r.sent_from,
        startDate: r.start_date,
      })),
    };
  }

  async function reserve(actor: Actor, q: { page?: number; pageSize?: number }) {
    requireAction(actor, 'person:read');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const t = today();
    const result = await repo.listReserve(db, actor.scope, page, pageSize);
    return {
      page,
      pageSize,
      total: result.total,
      items: result.rows.map((r) => ({
        id: r.id,
        person: { id: r.person_id, name: r.name, gender: r.gender, age: ageOn(r.birth_date, t), education: r.education as PersonDetail['education'] },
        org: { id: r.org_id, name: r.org_name, type: r.org_type as OrgType },
        targetRole: r.target_role,
        addedOn: r.added_on,
        note: r.note,
      })),
    };
  }

  async function addReserve(actor: Actor, input: { personId: number; targetRole: string; addedOn: string; note?: string }) {
    requireAction(actor, 'post:write');
    return db.transaction(async (tx) => {
      const person = await repo.findPersonForUpdate(tx, actor.scope, input.personId);
      if (!person) throw fieldError('personId', '人员不存在或不在您的管辖范围内', 'No such person in your scope');
      if (await repo.reserveOf(tx, person.id)) throw new AppError('conflict', { zh: '此人已在后备干部库中', en: 'Already in the reserve pool' });
      if (input.addedOn > today()) throw fieldError('addedOn', '入库日期不能晚于今天', 'The date is in the future');
      const id = await repo.insertReserve(tx, { countyId: person.county_id, orgId: person.org_id, orgPath: person.org_path, personId: person.id, targetRole: input.targetRole.trim(), addedOn: input.addedOn, note: input.note ?? null });
      await appendAudit(tx, { countyId: person.county_id, accountId: actor.accountId, username: actor.username, action: 'reserve.add', objectType: 'person', objectId: person.id, summary: { reserveId: id, targetRole: input.targetRole }, result: 'success', ip: actor.ip });
      return id;
    });
  }

  return { list, detail, create, update, addPost, endPost, cadres, reserve, addReserve, today, rootPathOf };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
