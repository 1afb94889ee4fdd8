// 公开选拔 · 换届 · 结对培养 (issue 16; seed 001 头雁工程: 乡镇党委申报 → 公开报名 → 联审联查 → 笔试 →
// 面试 → 组织考察, "一对一""多对一"结对培养; seed 002: 换届). Public selection is a case type ending
// in a post; an election round's village results become posts; mentoring pairs record contacts.
import { Type, type Static } from '@sinclair/typebox';
import { DateString, Id, PageQuery, Version } from './schemas.js';
import { EDUCATIONS, GENDERS } from './enums.js';

const strEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const OrgRef = Type.Object({ id: Id, name: Type.String(), type: Type.String() });
const PersonRef = Type.Object({ id: Id, name: Type.String() });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
type L = { zh: string; en: string };

// ---- 公开选拔 ----
export const SELECTION_STATES = ['applied', 'registration', 'vetting', 'written', 'interview', 'inspection', 'appointed', 'cancelled'] as const;
export type SelectionState = (typeof SELECTION_STATES)[number];
export const SELECTION_STATE_LABELS: Record<SelectionState, L> = {
  applied: { zh: '乡镇党委申报', en: 'Applied by the township' },
  registration: { zh: '公开报名', en: 'Open registration' },
  vetting: { zh: '联审联查', en: 'Joint vetting' },
  written: { zh: '笔试', en: 'Written exam' },
  interview: { zh: '面试', en: 'Interview' },
  inspection: { zh: '组织考察', en: 'Organizational inspection' },
  appointed: { zh: '已任职', en: 'Appointed' },
  cancelled: { zh: '已终止', en: 'Cancelled' },
};
export const SELECTION_TRANSITIONS = ['open_registration', 'start_vetting', 'start_written', 'start_interview', 'start_inspection', 'reject_candidate', 'appoint', 'cancel'] as const;
export type SelectionTransition = (typeof SELECTION_TRANSITIONS)[number];
export const SELECTION_TRANSITION_LABELS: Record<SelectionTransition, L> = {
  open_registration: { zh: '发布公告、开始报名', en: 'open registration' },
  start_vetting: { zh: '报名截止、进入联审联查', en: 'close registration and vet' },
  start_written: { zh: '联审联查结束、进入笔试', en: 'start the written exam' },
  start_interview: { zh: '笔试结束、进入面试', en: 'start the interview' },
  start_inspection: { zh: '确定考察人选、进入组织考察', en: 'choose the candidate to inspect' },
  reject_candidate: { zh: '考察不合格、另定人选', en: 'inspection failed, choose again' },
  appoint: { zh: '考察合格、任职', en: 'inspection passed, appoint' },
  cancel: { zh: '终止选拔', en: 'cancel the selection' },
};
export const SELECTION_ROLES = ['secretary', 'first_secretary'] as const;
export type SelectionRole = (typeof SELECTION_ROLES)[number];
export const VETTING_RESULTS = ['pending', 'passed', 'failed'] as const;
export const VETTING_LABELS: Record<(typeof VETTING_RESULTS)[number], L> = {
  pending: { zh: '待审查', en: 'Pending' }, passed: { zh: '审查通过', en: 'Passed' }, failed: { zh: '审查未通过', en: 'Failed' },
};

export const SelectionCandidate = Type.Object({
  id: Id,
  person: PersonRef,
  org: Type.String({ description: '报名人所在单位' }),
  registeredOn: DateString,
  vetting: strEnum(VETTING_RESULTS),
  vettingReason: Nullable(Type.String()),
  writtenScore: Nullable(Type.Number()),
  interviewScore: Nullable(Type.Number()),
  /** 笔试、面试各占 50% 的综合成绩（两项都有时） */
  total: Nullable(Type.Number()),
  inspection: Nullable(strEnum(['passed', 'failed'] as const)),
  inspectionNote: Nullable(Type.String()),
  chosen: Type.Boolean({ description: '正在组织考察的人选' }),
});
export type SelectionCandidate = Static<typeof SelectionCandidate>;

export const SelectionRow = Type.Object({
  id: Id,
  version: Version,
  org: OrgRef,
  township: Type.String(),
  role: strEnum(SELECTION_ROLES),
  civilService: Type.Boolean(),
  status: strEnum(SELECTION_STATES),
  candidates: Type.Integer(),
  passed: Type.Integer({ description: '联审联查通过人数' }),
  openedOn: DateString,
  postId: Nullable(Id),
});
export type SelectionRow = Static<typeof SelectionRow>;
export const SelectionPage = Type.Object({ items: Type.Array(SelectionRow), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type SelectionPage = Static<typeof SelectionPage>;
export const ListSelectionsQuery = Type.Object({ orgId: Type.Optional(Id), status: Type.Optional(strEnum(SELECTION_STATES)), ...PageQuery }, { additionalProperties: false });
export type ListSelectionsQuery = Static<typeof ListSelectionsQuery>;

export const SelectionDetail = Type.Composite([
  SelectionRow,
  Type.Object({
    conditions: Type.String(),
    candidateList: Type.Array(SelectionCandidate),
    /** what the current account may do now: the next step and the per-candidate entries of this stage */
    transitions: Type.Array(Type.Object({ name: strEnum(SELECTION_TRANSITIONS), label: Type.String() })),
    canRegister: Type.Boolean(),
    canVet: Type.Boolean(),
    canScore: Type.Union([strEnum(['written', 'interview'] as const), Type.Null()]),
    timeline: Type.Array(Type.Object({ at: Type.String(), actor: Type.String(), label: Type.String(), body: Nullable(Type.String()) })),
  }),
]);
export type SelectionDetail = Static<typeof SelectionDetail>;

export const ApplySelectionBody = Type.Object(
  { orgId: Id, role: strEnum(SELECTION_ROLES), conditions: Text(500), civilService: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type ApplySelectionBody = Static<typeof ApplySelectionBody>;

const NewPerson = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    gender: strEnum(GENDERS),
    birthDate: DateString,
    orgId: Id,
    education: Type.Optional(strEnum(EDUCATIONS)),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false, description: '不在人员库中的报名人：经人员库新建' },
);
export const RegisterCandidateBody = Type.Object(
  { version: Version, personId: Type.Optional(Id), person: Type.Optional(NewPerson), registeredOn: DateString },
  { additionalProperties: false },
);
export type RegisterCandidateBody = Static<typeof RegisterCandidateBody>;
export const VetCandidateBody = Type.Object(
  { version: Version, passed: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type VetCandidateBody = Static<typeof VetCandidateBody>;
export const ScoreCandidateBody = Type.Object(
  { version: Version, score: Type.Number({ description: '0–100，保留一位小数' }) },
  { additionalProperties: false },
);
export type ScoreCandidateBody = Static<typeof ScoreCandidateBody>;
export const SelectionTransitionParams = Type.Object({ id: Id, transition: strEnum(SELECTION_TRANSITIONS) });
export const CandidateParams = Type.Object({ id: Id, candidateId: Id });
export const FireSelectionBody = Type.Object(
  {
    version: Version,
    comment: Type.Optional(Type.String({ maxLength: 500 })),
    candidateId: Type.Optional(Id),
    startDate: Type.Optional(DateString),
    civilServiceDate: Type.Optional(DateString),
    civilServiceBasis: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type FireSelectionBody = Static<typeof FireSelectionBody>;

// ---- 换届 ----
export const ELECTION_STAGES = ['pending', 'recommended', 'inspected', 'elected'] as const;
export type ElectionStage = (typeof ELECTION_STAGES)[number];
export const ELECTION_STAGE_LABELS: Record<ElectionStage, L> = {
  pending: { zh: '待推荐', en: 'Pending' },
  recommended: { zh: '已推荐', en: 'Recommended' },
  inspected: { zh: '已考察', en: 'Inspected' },
  elected: { zh: '已选举', en: 'Elected' },
};
export const ELECTION_ROLES = ['secretary', 'deputy_secretary', 'committee_member', 'village_director', 'supervision_director'] as const;
export type ElectionRole = (typeof ELECTION_ROLES)[number];

export const ElectionCandidate = Type.Object({
  id: Id, person: PersonRef, role: strEnum(ELECTION_ROLES),
  inspection: Nullable(strEnum(['passed', 'failed'] as const)), inspectionReason: Nullable(Type.String()),
  elected: Type.Boolean(), postId: Nullable(Id),
});
export const ElectionVillage = Type.Object({
  id: Id, version: Version, org: OrgRef, roundId: Id, year: Type.Integer(), stage: strEnum(ELECTION_STAGES),
  recommendedOn: Nullable(DateString), inspectedOn: Nullable(DateString), electedOn: Nullable(DateString),
  candidates: Type.Array(ElectionCandidate),
});
export type ElectionVillage = Static<typeof ElectionVillage>;
export const ElectionRound = Type.Object({
  id: Id, org: OrgRef, year: Type.Integer(),
  villages: Type.Integer(), done: Type.Integer({ description: '已完成选举的村（社区）' }), pending: Type.Integer({ description: '尚未完成的' }),
  byStage: Type.Object({ pending: Type.Integer(), recommended: Type.Integer(), inspected: Type.Integer(), elected: Type.Integer() }),
});
export type ElectionRound = Static<typeof ElectionRound>;
export const ElectionRoundPage = Type.Object({ items: Type.Array(ElectionRound), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type ElectionRoundPage = Static<typeof ElectionRoundPage>;
export const ElectionBoard = Type.Composite([ElectionRound, Type.Object({ villageList: Type.Array(Type.Omit(ElectionVillage, ['candidates'])) })]);
export type ElectionBoard = Static<typeof ElectionBoard>;
export const ListElectionsQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), ...PageQuery }, { additionalProperties: false });
export type ListElectionsQuery = Static<typeof ListElectionsQuery>;
export const OpenElectionBody = Type.Object({ townshipId: Id, year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export type OpenElectionBody = Static<typeof OpenElectionBody>;
export const RecommendBody = Type.Object(
  { version: Version, date: DateString, candidates: Type.Array(Type.Object({ personId: Id, role: strEnum(ELECTION_ROLES) }, { additionalProperties: false }), { minItems: 1, maxItems: 40 }) },
  { additionalProperties: false },
);
export type RecommendBody = Static<typeof RecommendBody>;
export const InspectBody = Type.Object(
  { version: Version, date: DateString, results: Type.Array(Type.Object({ candidateId: Id, passed: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }), { minItems: 1, maxItems: 40 }) },
  { additionalProperties: false },
);
export type InspectBody = Static<typeof InspectBody>;
export const ElectBody = Type.Object(
  { version: Version, date: DateString, elected: Type.Array(Id, { minItems: 1, maxItems: 40 }) },
  { additionalProperties: false },
);
export type ElectBody = Static<typeof ElectBody>;

// ---- 结对培养 ----
export const MENTORING_MODES = ['one_to_one', 'many_to_one'] as const;
export const MENTORING_MODE_LABELS: Record<(typeof MENTORING_MODES)[number], L> = { one_to_one: { zh: '一对一', en: 'One-to-one' }, many_to_one: { zh: '多对一', en: 'Many-to-one' } };
export const MENTEE_KINDS = ['young_cadre', 'reserve_cadre', 'development_target'] as const;
export const MENTEE_KIND_LABELS: Record<(typeof MENTEE_KINDS)[number], L> = {
  young_cadre: { zh: '年轻干部', en: 'Young cadre' }, reserve_cadre: { zh: '后备干部', en: 'Reserve cadre' }, development_target: { zh: '发展对象', en: 'Development target' },
};
export const MENTOR_KINDS = ['committee_member', 'cadre'] as const;
export const MENTOR_KIND_LABELS: Record<(typeof MENTOR_KINDS)[number], L> = { committee_member: { zh: '乡镇党委成员', en: 'Committee member' }, cadre: { zh: '乡镇干部', en: 'Cadre' } };
export const CONTACT_WAYS = ['visit', 'talk', 'phone', 'online', 'practice'] as const;
export const CONTACT_WAY_LABELS: Record<(typeof CONTACT_WAYS)[number], L> = {
  visit: { zh: '走访', en: 'Visit' }, talk: { zh: '谈心谈话', en: 'Talk' }, phone: { zh: '电话', en: 'Phone' }, online: { zh: '线上', en: 'Online' }, practice: { zh: '带岗实践', en: 'On-the-job practice' },
};

export const MentoringPair = Type.Object({
  id: Id, org: OrgRef, mode: strEnum(MENTORING_MODES),
  mentee: PersonRef, menteeKind: strEnum(MENTEE_KINDS),
  mentors: Type.Array(Type.Object({ id: Id, name: Type.String(), kind: strEnum(MENTOR_KINDS) })),
  startedOn: DateString, goal: Nullable(Type.String()),
  contacts: Type.Integer(), lastContactOn: Nullable(DateString),
});
export type MentoringPair = Static<typeof MentoringPair>;
export const MentoringPage = Type.Object({ items: Type.Array(MentoringPair), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type MentoringPage = Static<typeof MentoringPage>;
export const MentoringDetail = Type.Composite([MentoringPair, Type.Object({
  contactList: Type.Array(Type.Object({ id: Id, contactedOn: DateString, way: strEnum(CONTACT_WAYS), content: Type.String() })),
})]);
export type MentoringDetail = Static<typeof MentoringDetail>;
export const ListMentoringQuery = Type.Object({ orgId: Type.Optional(Id), personId: Type.Optional(Id), ...PageQuery }, { additionalProperties: false });
export type ListMentoringQuery = Static<typeof ListMentoringQuery>;
export const CreateMentoringBody = Type.Object(
  {
    mode: strEnum(MENTORING_MODES), menteeId: Id, menteeKind: strEnum(MENTEE_KINDS), startedOn: DateString,
    mentors: Type.Array(Type.Object({ personId: Id, kind: strEnum(MENTOR_KINDS) }, { additionalProperties: false }), { minItems: 1, maxItems: 10 }),
    goal: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
export type CreateMentoringBody = Static<typeof CreateMentoringBody>;
export const MentoringContactBody = Type.Object(
  { contactedOn: DateString, way: strEnum(CONTACT_WAYS), content: Text(500) },
  { additionalProperties: false },
);
export type MentoringContactBody = Static<typeof MentoringContactBody>;
export const MentoringSummary = Type.Object({
  year: Type.Integer(),
  rows: Type.Array(Type.Object({ org: OrgRef, pairs: Type.Integer(), oneToOne: Type.Integer(), manyToOne: Type.Integer(), mentors: Type.Integer(), mentees: Type.Integer(), contacts: Type.Integer({ description: '本年联系次数' }) })),
});
export type MentoringSummary = Static<typeof MentoringSummary>;
export const MentoringSummaryQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false });
