// 组织生活 (issue 14): 三会一课, 主题党日 and the other meetings a county counts; the meeting record
// entered once; "who is behind" (held against the county's rules); the 主题党日 filing (备案).
import { Type, type Static } from '@sinclair/typebox';
import { ORG_TYPES, type OrgType } from './enums.js';
import { DateString, Id, OrgRef, OrgTypeSchema, Version } from './schemas.js';
import { REQUEST_CATEGORIES } from './citizens.js';

const literalUnion = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

/** A meeting type as a county counts it: how many a year each unit of the listed types must hold. */
export type MeetingTypeRule = {
  code: string;
  name: string;
  /** Required a year per unit (0: recorded, not required). */
  perYear: number;
  /** The unit types the requirement applies to (party branches of villages and communities by default). */
  unitTypes: OrgType[];
  /** 党课: how many of them the branch secretary gives himself (at least). */
  secretaryMin?: number;
};

const BRANCHES: OrgType[] = ['village', 'community'];

/** DOMAIN.md §12 (a typical provincial rule) and the other meeting types of seeds 000, 003, 004. */
export const DEFAULT_MEETING_TYPES: MeetingTypeRule[] = [
  { code: 'member_congress', name: '支部党员大会', perYear: 4, unitTypes: BRANCHES },
  { code: 'committee', name: '支委会', perYear: 12, unitTypes: BRANCHES },
  { code: 'group', name: '党小组会', perYear: 12, unitTypes: BRANCHES },
  { code: 'party_lecture', name: '党课', perYear: 4, unitTypes: BRANCHES, secretaryMin: 1 },
  { code: 'life_meeting', name: '组织生活会', perYear: 1, unitTypes: BRANCHES },
  { code: 'theme_day', name: '主题党日', perYear: 12, unitTypes: BRANCHES },
  { code: 'two_committees', name: '两委会', perYear: 0, unitTypes: BRANCHES },
  { code: 'villager_reps', name: '村民代表会', perYear: 0, unitTypes: BRANCHES },
  { code: 'work_consultation', name: '工作会商', perYear: 0, unitTypes: ['station'] },
  { code: 'month_end_summary', name: '月底小结会', perYear: 0, unitTypes: ['station'] },
  { code: 'member_appraisal', name: '民主评议党员', perYear: 0, unitTypes: BRANCHES },
  { code: 'report_appraisal', name: '述职评议', perYear: 0, unitTypes: BRANCHES },
];

export const DEFAULT_BACKDATE_DAYS = 7;

/** 主题党日 activity kinds (seed 004: from reading papers to 访民情·议发展·干实事). */
export const ACTIVITY_KINDS = ['study', 'visit_people', 'discuss_development', 'do_deeds'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, { zh: string; en: string }> = {
  study: { zh: '学习', en: 'Study' },
  visit_people: { zh: '访民情', en: 'Visit households' },
  discuss_development: { zh: '议发展', en: 'Discuss development' },
  do_deeds: { zh: '干实事', en: 'Do practical work' },
};
export const ActivityKindSchema = literalUnion(ACTIVITY_KINDS);

const Code = Type.String({ pattern: '^[a-z_]{2,40}$', description: '会议类型代码' });
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });

export const MeetingTypeRuleSchema = Type.Object(
  {
    code: Code,
    name: Text(30),
    perYear: Type.Integer({ minimum: 0, maximum: 366 }),
    unitTypes: Type.Array(OrgTypeSchema, { minItems: 1, maxItems: ORG_TYPES.length, uniqueItems: true }),
    secretaryMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })),
  },
  { additionalProperties: false },
);

export const OrglifeSettings = Type.Object({
  backdateDays: Type.Integer({ minimum: 0, maximum: 90 }),
  types: Type.Array(MeetingTypeRuleSchema),
  /** 民主评议党员: the cap on 优秀 per branch and year (percent of its members); null: no cap (the seeds name none). */
  excellentCapPercent: Type.Union([Type.Integer({ minimum: 1, maximum: 100 }), Type.Null()]),
  /** 述职评议: whether the county lets a session take anonymous ballots (counted, no rater recorded). */
  anonymousBallots: Type.Optional(Type.Boolean()),
});
export type OrglifeSettings = Static<typeof OrglifeSettings>;

export const SaveOrglifeSettingsBody = Type.Object(
  {
    backdateDays: Type.Integer({ minimum: 0, maximum: 90, description: '补录窗口（天）：早于此的会议不能再录入' }),
    types: Type.Array(MeetingTypeRuleSchema, { minItems: 1, maxItems: 40 }),
    excellentCapPercent: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100 }), Type.Null()], { description: '优秀比例上限（%），空为不限；不填则不变' })),
    anonymousBallots: Type.Optional(Type.Boolean({ description: '述职评议可以无记名投票；不填则不变' })),
  },
  { additionalProperties: false },
);
export type SaveOrglifeSettingsBody = Static<typeof SaveOrglifeSettingsBody>;

export const AttendeeInput = Type.Object(
  {
    personId: Id,
    present: Type.Boolean(),
    absenceReason: Type.Optional(Type.String({ maxLength: 100, description: '缺席原因（缺席时必填）' })),
  },
  { additionalProperties: false },
);

/**
 * A household visited during a 主题党日 of 访民情: becomes the 民情日记 entry and, when the visitor
 * ticks "needs handling", the citizen request, in the meeting's transaction (no second entry).
 */
export const MeetingVisitInput = Type.Object(
  {
    household: Type.String({ minLength: 1, maxLength: 100, description: '走访的农户（户主姓名）' }),
    heard: Type.String({ minLength: 1, maxLength: 4000, description: '听到的民情' }),
    followUp: Type.Optional(Type.String({ maxLength: 4000 })),
    /** 需要办理: opens the citizen request. */
    needsHandling: Type.Optional(Type.Object(
      { category: literalUnion(REQUEST_CATEGORIES), matter: Type.String({ minLength: 1, maxLength: 4000 }), phone: Type.Optional(Type.String({ maxLength: 20 })) },
      { additionalProperties: false },
    )),
  },
  { additionalProperties: false },
);
export type MeetingVisitInput = Static<typeof MeetingVisitInput>;

const meetingFields = {
  heldOn: DateString,
  place: Text(100),
  host: Text(50),
  bySecretary: Type.Optional(Type.Boolean({ description: '党课由支部书记讲授' })),
  topic: Text(200),
  minutes: Type.Optional(Type.String({ maxLength: 20000 })),
  decisions: Type.Optional(Type.String({ maxLength: 4000 })),
  attendees: Type.Array(AttendeeInput, { minItems: 1, maxItems: 500 }),
  /** 主题党日·访民情 only: the households visited. */
  visits: Type.Optional(Type.Array(MeetingVisitInput, { maxItems: 100 })),
};

export const RecordMeetingBody = Type.Object(
  {
    orgId: Id, typeCode: Code, activityKind: Type.Optional(ActivityKindSchema),
    /** 党小组会: the branch's party group that held it (required when the branch has groups); attendees are its members. */
    partyGroupId: Type.Optional(Id),
    ...meetingFields,
  },
  { additionalProperties: false },
);
export type RecordMeetingBody = Static<typeof RecordMeetingBody>;

/** The meeting a filed 主题党日 became (the unit, type and activity come from the filing). */
export const HeldMeetingInput = Type.Object(meetingFields, { additionalProperties: false });
export type HeldMeetingInput = Static<typeof HeldMeetingInput>;

export const MeetingSummary = Type.Object({
  id: Id,
  org: OrgRef,
  typeCode: Type.String(),
  typeName: Type.String(),
  heldOn: DateString,
  place: Type.String(),
  host: Type.String(),
  topic: Type.String(),
  presentCount: Type.Integer(),
  expectedCount: Type.Integer(),
  filingId: Type.Union([Id, Type.Null()]),
  /** 党小组会: the party group of the branch that held it. */
  partyGroup: Type.Union([OrgRef, Type.Null()]),
});
export type MeetingSummary = Static<typeof MeetingSummary>;

/** A photo or file kept with a meeting (会议照片、附件). */
export const MeetingFileView = Type.Object({ id: Id, fileName: Type.String(), mimeType: Type.String(), size: Type.Integer(), at: Type.String({ format: 'date-time' }) });
export type MeetingFileView = Static<typeof MeetingFileView>;

export const MeetingDetail = Type.Composite([
  MeetingSummary,
  Type.Object({
    bySecretary: Type.Boolean(),
    activityKind: Type.Union([ActivityKindSchema, Type.Null()]),
    minutes: Type.Union([Type.String(), Type.Null()]),
    decisions: Type.Union([Type.String(), Type.Null()]),
    attendees: Type.Array(Type.Object({ personId: Id, name: Type.String(), present: Type.Boolean(), absenceReason: Type.Union([Type.String(), Type.Null()]) })),
    /** 列席: members of the levels above who attended and the opinions they gave. */
    sitIns: Type.Array(Type.Object({ id: Id, org: OrgRef, attendee: Type.String(), opinion: Type.String(), at: Type.String({ format: 'date-time' }) })),
    /** 访民情: the 民情日记 entries the meeting's visits made, and the requests they opened. */
    visits: Type.Optional(Type.Array(Type.Object({ visitId: Id, household: Type.String(), requestId: Type.Union([Id, Type.Null()]) }))),
    /** Photos and files of the meeting. */
    files: Type.Array(MeetingFileView),
    /** Whether files may still be added or removed: within the county's back-dating window of the meeting's date, as entering it is. */
    filesOpen: Type.Boolean(),
    version: Version,
  }),
]);
export type MeetingDetail = Static<typeof MeetingDetail>;

export const SitInBody = Type.Object(
  { attendee: Text(50), opinion: Text(4000) },
  { additionalProperties: false },
);
export type SitInBody = Static<typeof SitInBody>;

export const MinutesBookQuery = Type.Object(
  { orgId: Type.Optional(Id), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) },
  { additionalProperties: false },
);
export type MinutesBookQuery = Static<typeof MinutesBookQuery>;

export const ListMeetingsQuery = Type.Object(
  {
    orgId: Type.Optional(Id),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
    typeCode: Type.Optional(Code),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type ListMeetingsQuery = Static<typeof ListMeetingsQuery>;

export const MeetingPage = Type.Object({ items: Type.Array(MeetingSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type MeetingPage = Static<typeof MeetingPage>;

/** A unit's members to tick (Party members registered there or below it, active). */
export const Roster = Type.Object({
  org: OrgRef,
  members: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  /** The unit's party groups (党小组) and their members: a 党小组会 is ticked from its group's. */
  groups: Type.Array(Type.Object({ id: Id, name: Type.String(), memberIds: Type.Array(Id) })),
});
export type Roster = Static<typeof Roster>;

// ---- who is behind (谁落后了) ----

export const BoardQuery = Type.Object(
  {
    orgId: Type.Optional(Id),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: '统计到该月底（默认本月）' })),
  },
  { additionalProperties: false },
);
export type BoardQuery = Static<typeof BoardQuery>;

const Tally = {
  /** Units the rules apply to (branches). */
  units: Type.Integer(),
  /** Units short of at least one required meeting by the end of the period. */
  behind: Type.Integer(),
  held: Type.Integer(),
  required: Type.Integer(),
  /** Required meetings not held. */
  shortfall: Type.Integer(),
  /** Present ÷ expected over the meetings held, 0–1; null without attendance recorded. */
  attendanceRate: Type.Union([Type.Number(), Type.Null()]),
};

export const BoardView = Type.Object({
  org: OrgRef,
  year: Type.Integer(),
  month: Type.Integer(),
  total: Type.Object(Tally),
  /** Each child of the org that holds units (or the org itself, when it is a unit). */
  rows: Type.Array(Type.Object({ org: OrgRef, ...Tally })),
  /** Per meeting type over the org's units. */
  types: Type.Array(Type.Object({
    code: Type.String(), name: Type.String(), held: Type.Integer(), required: Type.Integer(), shortfall: Type.Integer(),
    /** A type with a secretary's share (党课: ≥ 1 a year by the branch secretary): of those held, given by the secretary; units short of it. */
    bySecretary: Type.Optional(Type.Object({ held: Type.Integer(), required: Type.Integer(), shortfall: Type.Integer(), unitsBehind: Type.Integer() })),
  })),
  /** A branch's board: 党小组会 of each of its party groups against the rule (each group holds its own). */
  groups: Type.Array(Type.Object({ org: OrgRef, held: Type.Integer(), required: Type.Integer(), shortfall: Type.Integer() })),
  /**
   * A unit's board (empty above a unit): each member's attendance over the unit's meetings of the
   * period they were on the list of — ticked present ÷ listed, lowest first. From the records only.
   */
  members: Type.Array(Type.Object({
    person: Type.Object({ id: Id, name: Type.String() }),
    expected: Type.Integer(), present: Type.Integer(), attendanceRate: Type.Union([Type.Number(), Type.Null()]),
  })),
});
export type BoardView = Static<typeof BoardView>;

// ---- 主题党日 备案 ----

export const FILING_STATES = ['filed', 'returned', 'approved', 'held'] as const;
export type FilingState = (typeof FILING_STATES)[number];
export const FILING_STATE_LABELS: Record<FilingState, { zh: string; en: string }> = {
  filed: { zh: '已备案待审核', en: 'Filed' },
  returned: { zh: '已退回待修改', en: 'Returned' },
  approved: { zh: '已通过', en: 'Approved' },
  held: { zh: '已开展并记录', en: 'Held and recorded' },
};
export const FILING_TRANSITIONS = ['return', 'refile', 'approve', 'hold'] as const;
export type FilingTransition = (typeof FILING_TRANSITIONS)[number];
export const FILING_TRANSITION_LABELS: Record<FilingTransition, { zh: string; en: string }> = {
  return: { zh: '退回修改', en: 'return with a comment' },
  refile: { zh: '修改后重新备案', en: 'refile' },
  approve: { zh: '审核通过', en: 'approve' },
  hold: { zh: '开展并记录', en: 'record as held' },
};

export const FileThemeDayBody = Type.Object(
  { orgId: Id, plannedOn: DateString, activityKind: ActivityKindSchema, place: Text(100), plan: Text(4000) },
  { additionalProperties: false },
);
export type FileThemeDayBody = Static<typeof FileThemeDayBody>;

export const FireFilingBody = Type.Object(
  {
    version: Version,
    body: Type.Optional(Type.String({ maxLength: 4000, description: '退回意见 / 修改说明' })),
    plannedOn: Type.Optional(DateString),
    activityKind: Type.Optional(ActivityKindSchema),
    place: Type.Optional(Text(100)),
    plan: Type.Optional(Text(4000)),
    meeting: Type.Optional(HeldMeetingInput),
  },
  { additionalProperties: false },
);
export type FireFilingBody = Static<typeof FireFilingBody>;

export const FilingView = Type.Object({
  id: Id,
  org: OrgRef,
  status: literalUnion(FILING_STATES),
  plannedOn: DateString,
  activityKind: ActivityKindSchema,
  place: Type.String(),
  plan: Type.String(),
  meetingId: Type.Union([Id, Type.Null()]),
  /** The latest comment of a return, if the filing was returned. */
  returnComment: Type.Union([Type.String(), Type.Null()]),
  transitions: Type.Array(literalUnion(FILING_TRANSITIONS)),
  version: Version,
});
export type FilingView = Static<typeof FilingView>;

export const ListFilingsQuery = Type.Object(
  {
    status: Type.Optional(literalUnion(FILING_STATES)),
    orgId: Type.Optional(Id),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type ListFilingsQuery = Static<typeof ListFilingsQuery>;

// ---- 工作会商: a major matter goes to the township for agreement before it is carried out ----

export const CONSULTATION_STATES = ['submitted', 'returned', 'agreed', 'carried_out'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];
export const CONSULTATION_STATE_LABELS: Record<ConsultationState, { zh: string; en: string }> = {
  submitted: { zh: '已报镇党委待审', en: 'Awaiting agreement' },
  returned: { zh: '已退回', en: 'Returned' },
  agreed: { zh: '已同意，待实施', en: 'Agreed' },
  carried_out: { zh: '已实施', en: 'Carried out' },
};
export const CONSULTATION_TRANSITIONS = ['agree', 'return', 'resubmit', 'carry_out'] as const;
export type ConsultationTransition = (typeof CONSULTATION_TRANSITIONS)[number];
export const CONSULTATION_TRANSITION_LABELS: Record<ConsultationTransition, { zh: string; en: string }> = {
  agree: { zh: '同意实施', en: 'agree' },
  return: { zh: '退回', en: 'return' },
  resubmit: { zh: '修改后重新报审', en: 'resubmit' },
  carry_out: { zh: '实施完毕', en: 'report as carried out' },
};

export const OpenConsultationBody = Type.Object(
  { orgId: Id, heldOn: DateString, topic: Text(200), participants: Text(500), decision: Text(4000) },
  { additionalProperties: false },
);
export type OpenConsultationBody = Static<typeof OpenConsultationBody>;

export const FireConsultationBody = Type.Object(
  { version: Version, body: Type.Optional(Type.String({ maxLength: 4000, description: '意见 / 实施情况' })), decision: Type.Optional(Text(4000)) },
  { additionalProperties: false },
);
export type FireConsultationBody = Static<typeof FireConsultationBody>;

export const ConsultationView = Type.Object({
  id: Id,
  org: OrgRef,
  status: literalUnion(CONSULTATION_STATES),
  heldOn: DateString,
  topic: Type.String(),
  participants: Type.String(),
  decision: Type.String(),
  /** The township's latest comment (agreeing or returning). */
  comment: Type.Union([Type.String(), Type.Null()]),
  transitions: Type.Array(literalUnion(CONSULTATION_TRANSITIONS)),
  version: Version,
});
export type ConsultationView = Static<typeof ConsultationView>;

/** 主题党日备案, newest activity day first, a page at a time. */
export const FilingPage = Type.Object({ items: Type.Array(FilingView), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type FilingPage = Static<typeof FilingPage>;
export const ListConsultationsQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type ListConsultationsQuery = Static<typeof ListConsultationsQuery>;
/** 工作会商, newest first, a page at a time. */
export const ConsultationPage = Type.Object({ items: Type.Array(ConsultationView), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type ConsultationPage = Static<typeof ConsultationPage>;
export const FilingTransitionParams = Type.Object({ id: Id, transition: literalUnion(FILING_TRANSITIONS) }, { additionalProperties: false });
export const ConsultationTransitionParams = Type.Object({ id: Id, transition: literalUnion(CONSULTATION_TRANSITIONS) }, { additionalProperties: false });

// ---- 党小组: a branch's party groups and their members ----

const Member = Type.Object({ id: Id, name: Type.String() });

export const PartyGroupView = Type.Object({
  id: Id,
  name: Type.String(),
  /** The branch the group belongs to. */
  branch: OrgRef,
  members: Type.Array(Member),
  version: Version,
});
export type PartyGroupView = Static<typeof PartyGroupView>;

/** A branch's party groups, and its members in none of them. */
export const PartyGroupList = Type.Object({ org: OrgRef, groups: Type.Array(PartyGroupView), ungrouped: Type.Array(Member) });
export type PartyGroupList = Static<typeof PartyGroupList>;

export const CreatePartyGroupBody = Type.Object(
  { name: Text(50), memberIds: Type.Optional(Type.Array(Id, { maxItems: 500, uniqueItems: true, description: '本支部的党员，编入本党小组' })) },
  { additionalProperties: false },
);
export type CreatePartyGroupBody = Static<typeof CreatePartyGroupBody>;

export const UpdatePartyGroupBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(Text(50)),
    memberIds: Type.Optional(Type.Array(Id, { maxItems: 500, uniqueItems: true, description: '本党小组的全部成员（未列出的原成员移出本党小组）' })),
  },
  { additionalProperties: false },
);
export type UpdatePartyGroupBody = Static<typeof UpdatePartyGroupBody>;
