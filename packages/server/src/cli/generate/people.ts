// The people and posts of one county of the plan, as column arrays ready for INSERT … unnest.
// Every person goes through preparePerson, the function the form and the Excel import use, so
// ciphertexts, hashes and masks are exactly what the app writes. Runs in a worker thread too.
import type { PersonWrite } from '../../modules/people/people.repository.js';
import { preparePerson, type PersonInput } from '../../modules/people/people.service.js';
import type { PiiCipher } from '../../core/pii.js';
import { maskIdNumber, maskPhone } from '../../core/id-number.js';
import { birthDate, education, idNumber, personName, phone, seededRandom } from '../names.js';
import {
  COUNTY_STAFF,
  DEPARTMENT_STAFF,
  TOWNSHIP_COMMITTEE,
  VILLAGE_NON_MEMBERS,
  mixSeed,
  type CountyPlan,
  type OrgSpec,
} from './plan.js';

export const PERSON_COLUMNS = [
  'id', 'county_id', 'org_id', 'org_path', 'name', 'gender', 'ethnicity', 'birth_date', 'id_number_enc',
  'id_number_hash', 'id_number_mask', 'phone_enc', 'phone_hash', 'phone_mask', 'education',
  'member_status', 'join_date', 'full_date', 'party_group_id', 'flow_status', 'status',
] as const;
export const PERSON_TYPES = [
  'bigint', 'bigint', 'bigint', 'text', 'text', 'text', 'text', 'date', 'text',
  'text', 'text', 'text', 'text', 'text', 'text',
  'text', 'date', 'date', 'bigint', 'text', 'text',
] as const;
export const POST_COLUMNS = ['county_id', 'org_id', 'org_path', 'person_id', 'role', 'concurrent', 'sent_from', 'start_date'] as const;
export const POST_TYPES = ['bigint', 'bigint', 'text', 'bigint', 'text', 'boolean', 'text', 'date'] as const;

export type Cell = string | number | boolean | null;
/** One array per column, all of the same length. */
export type Columns = Cell[][];

export type CountyPeople = {
  countyIndex: number;
  persons: Columns;
  posts: Columns;
  members: number;
};

function writeColumns(id: number, w: PersonWrite): Cell[] {
  return [
    id, w.countyId, w.orgId, w.orgPath, w.name, w.gender, w.ethnicity, w.birthDate, w.idNumberEnc,
    w.idNumberHash, w.idNumberMask, w.phoneEnc, w.phoneHash, w.phoneMask, w.education,
    w.memberStatus, w.joinDate, w.fullDate, w.partyGroupId, w.flowStatus, w.status,
  ];
}

/** Throws unless preparePerson turns the input into the same row (ciphertexts compared decrypted). */
export function checkAgainstPreparePerson(input: PersonInput, write: PersonWrite, org: OrgSpec, group: OrgSpec | undefined, pii: PiiCipher, today: string) {
  const prepared = preparePerson(input, { org: lite(org), partyGroup: group ? lite(group) : undefined, pii, today });
  if (!prepared.ok) {
    throw new Error(`生成的人员未通过校验（${org.name}）：${prepared.errors.map((e) => `${e.field} ${e.zh}`).join('；')}`);
  }
  const p = prepared.write;
  const plain = (w: PersonWrite) => ({
    ...w,
    idNumberEnc: w.idNumberEnc && pii.decrypt(w.idNumberEnc),
    phoneEnc: w.phoneEnc && pii.decrypt(w.phoneEnc),
  });
  const a = JSON.stringify(plain(p));
  const b = JSON.stringify(plain(write));
  if (a !== b) throw new Error(`内部错误：生成的人员行与 preparePerson 的结果不一致\n  preparePerson: ${a}\n  生成器:        ${b}`);
}

const lite = (o: OrgSpec) => ({ id: o.id, path: o.path, county_id: o.countyId!, type: o.type, status: 'active', parent_id: o.parentId });

export function buildCountyPeople(plan: CountyPlan, opts: { seed: number; today: string }, pii: PiiCipher): CountyPeople {
  const rnd = seededRandom(mixSeed(opts.seed, plan.index, 2));
  const today = opts.today;
  const thisYear = Number(today.slice(0, 4));
  const persons: Columns = Array.from({ length: PERSON_COLUMNS.length }, () => []);
  const posts: Columns = Array.from({ length: POST_COLUMNS.length }, () => []);
  let nextId = plan.firstPersonId;
  let members = 0;
  // ID numbers stay unique: within the county a serial per (birth date, gender); counties differ
  // by region code.
  const serials = new Map<string, number>();

  const person = (org: OrgSpec, o: { member: boolean; minAge?: number; maxAge?: number; gender?: 'male' | 'female'; group?: OrgSpec }): number => {
    const gender = o.gender ?? (rnd.chance(0.68) ? 'male' : 'female');
    let birth = birthDate(rnd, o.minAge ?? 20, o.maxAge ?? 80, today);
    let serial = serials.get(birth + gender) ?? 0;
    while (serial >= 500) {
      birth = birthDate(rnd, o.minAge ?? 20, o.maxAge ?? 80, today);
      serial = serials.get(birth + gender) ?? 0;
    }
    serials.set(birth + gender, serial + 1);
    const id = idNumber(plan.region, birth, gender, serial);
    const tel = phone(rnd);
    const birthYear = Number(birth.slice(0, 4));
    const age = thisYear - birthYear;
    const joinYear = Math.min(birthYear + Math.min(rnd.int(19, 45), age - 1), thisYear - 1);
    const join = `${joinYear}-${String(rnd.int(1, 12)).padStart(2, '0')}-01`;
    const full = `${joinYear + 1}${join.slice(4)}`;
    // 预备党员: joined within the last year and not yet a full member
    const probationary = o.member && (full > today || (joinYear >= thisYear - 1 && rnd.chance(0.5)));
    const input: PersonInput = {
      name: personName(rnd, gender),
      gender,
      ethnicity: rnd.chance(0.98) ? '汉族' : rnd.pick(['回族', '满族', '蒙古族']),
      idNumber: id,
      phone: tel,
      education: education(rnd) as PersonInput['education'],
      orgId: org.id,
      memberStatus: o.member ? (probationary ? 'probationary' : 'formal') : null,
      joinDate: o.member ? join : null,
      fullDate: o.member && !probationary ? full : null,
      partyGroupId: o.group?.id ?? null,
      flowStatus: o.member && rnd.chance(0.06) ? 'outflow' : 'none',
      status: 'active',
    };
    // The row preparePerson would write, computed directly (it re-validates every field: 3× the
    // cost). Every 64th person still goes through preparePerson and must come out the same.
    const write: PersonWrite = {
      countyId: org.countyId!,
      orgId: org.id,
      orgPath: org.path,
      name: input.name,
      gender,
      ethnicity: input.ethnicity!,
      birthDate: birth,
      idNumberEnc: pii.encrypt(id),
      idNumberHash: pii.hash(id),
      idNumberMask: maskIdNumber(id),
      phoneEnc: pii.encrypt(tel),
      phoneHash: pii.hash(tel),
      phoneMask: maskPhone(tel),
      education: input.education!,
      memberStatus: input.memberStatus ?? null,
      joinDate: input.joinDate ?? null,
      fullDate: input.fullDate ?? null,
      partyGroupId: input.partyGroupId ?? null,
      flowStatus: input.flowStatus!,
      status: 'active',
    };
    if (nextId % 64 === 0) checkAgainstPreparePerson(input, write, org, o.group, pii, today);
    const personId = nextId++;
    const row = writeColumns(personId, write);
    for (let i = 0; i < row.length; i++) persons[i]!.push(row[i]!);
    if (o.member) members++;
    return personId;
  };

  const post = (org: OrgSpec, personId: number, role: string, extra: { concurrent?: boolean; sentFrom?: string; startDate?: string } = {}) => {
    const row: Cell[] = [org.countyId, org.id, org.path, personId, role, extra.concurrent ?? false, extra.sentFrom ?? null, extra.startDate ?? '2021-10-15'];
    for (let i = 0; i < row.length; i++) posts[i]!.push(row[i]!);
  };

  for (let i = 0; i < COUNTY_STAFF; i++) person(plan.county, { member: true, minAge: 26, maxAge: 55 });
  for (const d of plan.departments) {
    const head = person(d, { member: true, minAge: 35, maxAge: 58 });
    for (let i = 1; i < DEPARTMENT_STAFF; i++) person(d, { member: true, minAge: 25, maxAge: 58 });
    post(d, head, 'department_head');
  }
  for (const t of plan.townships) {
    const committee: number[] = [];
    for (let i = 0; i < TOWNSHIP_COMMITTEE; i++) committee.push(person(t.org, { member: true, minAge: 28, maxAge: 56 }));
    post(t.org, committee[0]!, 'secretary');
    post(t.org, committee[1]!, 'deputy_secretary');
    for (const [si, s] of t.stations.entries()) {
      // 站长: a township committee member; 副站长: the first secretary sent to a village of the
      // station; 专职党务工作者 registered with the township.
      post(s.org, committee[2 + (si % (TOWNSHIP_COMMITTEE - 2))]!, 'station_chief');
      const firstVillage = s.villages[0]!.org;
      const firstSecretary = person(firstVillage, { member: true, minAge: 28, maxAge: 50 });
      const sentFrom = plan.departments.length > 0 ? plan.departments[rnd.int(0, plan.departments.length - 1)]!.name : '县委组织部';
      post(firstVillage, firstSecretary, 'first_secretary', { sentFrom, startDate: '2024-03-01' });
      post(s.org, firstSecretary, 'deputy_station_chief', { startDate: '2024-03-01' });
      for (let i = 0; i < (s.org.isPilot ? 2 : 1); i++) {
        post(s.org, person(t.org, { member: true, minAge: 23, maxAge: 40 }), 'party_worker');
      }
      for (const v of s.villages) {
        const memberCount = v.persons - VILLAGE_NON_MEMBERS;
        const first = nextId;
        for (let i = 0; i < memberCount; i++) {
          person(v.org, { member: true, gender: i === 4 ? 'female' : undefined, group: v.groups[i % v.groups.length] });
        }
        for (let i = 0; i < VILLAGE_NON_MEMBERS; i++) person(v.org, { member: false, minAge: 18, maxAge: 45 }); // 入党积极分子
        const combined = rnd.chance(0.8); // 一肩挑: the secretary is also the village director
        post(v.org, first, 'secretary', { concurrent: combined });
        if (!combined) post(v.org, first + 1, 'village_director');
        post(v.org, first + 2, 'deputy_secretary');
        post(v.org, first + 3, 'clerk');
        post(v.org, first + 4, 'women_chair');
        post(v.org, first + 5, 'militia_head');
        post(v.org, first + 6, 'supervision_director');
      }
    }
  }
  if (nextId !== plan.firstPersonId + plan.personCount) {
    throw new Error(`内部错误：第 ${plan.index + 1} 个县的人数与计划不符（${nextId - plan.firstPersonId} ≠ ${plan.personCount}）`);
  }
  return { countyIndex: plan.index, persons, posts, members };
}
