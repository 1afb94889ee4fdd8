// 教育培训 (issue 16; seeds 002, 003, 004, 000): the county's course catalogue (菜单式培训), training
// sessions with a target group and attendance ticked from the roster (person-times computed, never
// typed), 书记讲党课 and 三个讲一次 talks (linked to the organizational-life 党课 meeting when there is
// one), each person's training record and the coverage of heads and members per township.
// Never a ranking by study time or app usage.
import { Type, type Static } from '@sinclair/typebox';
import { DateString, Id, OrgRef, PageQuery } from './schemas.js';

const strEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });

export const TRAINING_MODES = ['concentrated', 'mobile', 'site', 'delivered'] as const;
export type TrainingMode = (typeof TRAINING_MODES)[number];
export const TRAINING_MODE_LABELS: Record<TrainingMode, { zh: string; en: string }> = {
  concentrated: { zh: '集中培训', en: 'Concentrated training' },
  mobile: { zh: '流动课堂', en: 'Mobile classroom' },
  site: { zh: '现场教学', en: 'On-site teaching' },
  delivered: { zh: '送教上门', en: 'Teaching delivered at home' },
};

/** Who a session is for, beside its org subtree: a person matching any one of these is in the group. */
export const TRAINING_GROUPS = ['committee', 'member', 'activist', 'reserve', 'first_secretary'] as const;
export type TrainingGroup = (typeof TRAINING_GROUPS)[number];
export const TRAINING_GROUP_LABELS: Record<TrainingGroup, { zh: string; en: string }> = {
  committee: { zh: '村（社区）两委干部', en: 'Village committee cadres' },
  member: { zh: '党员', en: 'Party members' },
  activist: { zh: '入党积极分子', en: 'Activists' },
  reserve: { zh: '后备干部', en: 'Reserve cadres' },
  first_secretary: { zh: '第一书记', en: 'First secretaries' },
};

export const TALK_KINDS = ['secretary_lecture', 'three_talks'] as const;
export type TalkKind = (typeof TALK_KINDS)[number];
export const TALK_KIND_LABELS: Record<TalkKind, { zh: string; en: string }> = {
  secretary_lecture: { zh: '书记讲党课', en: "Secretary's Party lecture" },
  three_talks: { zh: '三个讲一次', en: 'Three talks' },
};
/** 三个讲一次 (seed 004): the three things each speaker talks about once. */
export const THREE_TALK_ITEMS = ['quote', 'experience', 'habit'] as const;
export type ThreeTalkItem = (typeof THREE_TALK_ITEMS)[number];
export const THREE_TALK_ITEM_LABELS: Record<ThreeTalkItem, { zh: string; en: string }> = {
  quote: { zh: '对我影响最深的一句话', en: 'The sentence that influenced me most' },
  experience: { zh: '干好业务最重要的一点经验', en: 'The most important lesson of the work' },
  habit: { zh: '转变作风最需要改变的一个习惯', en: 'The habit most in need of change' },
};

// ---- menu categories (county data) ----
export const TrainingCategory = Type.Object({ id: Id, name: Type.String(), courses: Type.Integer({ description: '本类课程数' }) });
export type TrainingCategory = Static<typeof TrainingCategory>;
export const TrainingCategoryPage = Type.Object({ items: Type.Array(TrainingCategory), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type TrainingCategoryPage = Static<typeof TrainingCategoryPage>;
export const CreateTrainingCategoryBody = Type.Object({ name: Text(30) }, { additionalProperties: false });
export type CreateTrainingCategoryBody = Static<typeof CreateTrainingCategoryBody>;
export const ListTrainingCategoriesQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

// ---- courses ----
export const TrainingCourse = Type.Object({
  id: Id,
  topic: Type.String(),
  category: Type.Object({ id: Id, name: Type.String() }),
  lecturer: Type.String(),
  mode: strEnum(TRAINING_MODES),
  hours: Type.Integer({ description: '学时' }),
  owner: OrgRef,
  sessions: Type.Integer({ description: '开班期数' }),
});
export type TrainingCourse = Static<typeof TrainingCourse>;
export const TrainingCoursePage = Type.Object({ items: Type.Array(TrainingCourse), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type TrainingCoursePage = Static<typeof TrainingCoursePage>;
export const ListTrainingCoursesQuery = Type.Object(
  { categoryId: Type.Optional(Id), mode: Type.Optional(strEnum(TRAINING_MODES)), q: Type.Optional(Type.String({ maxLength: 50, description: '按主题搜索' })), ...PageQuery },
  { additionalProperties: false },
);
export type ListTrainingCoursesQuery = Static<typeof ListTrainingCoursesQuery>;
export const CreateTrainingCourseBody = Type.Object(
  { orgId: Type.Optional(Id), topic: Text(100), categoryId: Id, lecturer: Text(50), mode: strEnum(TRAINING_MODES), hours: Type.Integer({ minimum: 1, maximum: 200 }) },
  { additionalProperties: false },
);
export type CreateTrainingCourseBody = Static<typeof CreateTrainingCourseBody>;

// ---- sessions ----
export const TrainingSessionSummary = Type.Object({
  id: Id,
  course: Type.Object({ id: Id, topic: Type.String(), mode: strEnum(TRAINING_MODES), hours: Type.Integer(), lecturer: Type.String(), category: Type.String() }),
  org: OrgRef,
  heldOn: DateString,
  place: Type.String(),
  target: OrgRef,
  groups: Type.Array(strEnum(TRAINING_GROUPS)),
  personTimes: Type.Integer({ description: '人次：到课勾选的人数，由记录计算' }),
});
export type TrainingSessionSummary = Static<typeof TrainingSessionSummary>;
export const TrainingSessionDetail = Type.Composite([
  TrainingSessionSummary,
  Type.Object({ attendees: Type.Array(Type.Object({ personId: Id, name: Type.String(), at: Type.String() })) }),
]);
export type TrainingSessionDetail = Static<typeof TrainingSessionDetail>;
export const TrainingSessionPage = Type.Object({
  items: Type.Array(TrainingSessionSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
  personTimes: Type.Integer({ description: '筛选范围内的总人次' }),
});
export type TrainingSessionPage = Static<typeof TrainingSessionPage>;
export const ListTrainingSessionsQuery = Type.Object(
  {
    orgId: Type.Optional(Id), courseId: Type.Optional(Id), mode: Type.Optional(strEnum(TRAINING_MODES)),
    from: Type.Optional(DateString), to: Type.Optional(DateString), ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListTrainingSessionsQuery = Static<typeof ListTrainingSessionsQuery>;
export const CreateTrainingSessionBody = Type.Object(
  {
    courseId: Id, orgId: Id, heldOn: DateString, place: Text(100), targetOrgId: Id,
    groups: Type.Array(strEnum(TRAINING_GROUPS), { maxItems: TRAINING_GROUPS.length, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type CreateTrainingSessionBody = Static<typeof CreateTrainingSessionBody>;
export const TrainingRoster = Type.Object({
  session: Type.Object({ id: Id, heldOn: DateString, target: OrgRef, groups: Type.Array(strEnum(TRAINING_GROUPS)) }),
  people: Type.Array(Type.Object({ id: Id, name: Type.String(), org: Type.String(), groups: Type.Array(strEnum(TRAINING_GROUPS)), present: Type.Boolean() })),
  personTimes: Type.Integer(),
});
export type TrainingRoster = Static<typeof TrainingRoster>;
export const TickAttendanceBody = Type.Object({ personId: Id, present: Type.Boolean() }, { additionalProperties: false });
export type TickAttendanceBody = Static<typeof TickAttendanceBody>;
/** 全部到课: a whole sign-in sheet at once — all ticked or none; one person outside the target group refuses the sheet. */
export const AttendSheetBody = Type.Object({ personIds: Type.Array(Id, { minItems: 1, maxItems: 2000, description: '到课人员（签到表）' }) }, { additionalProperties: false });
export type AttendSheetBody = Static<typeof AttendSheetBody>;

// ---- 书记讲党课 · 三个讲一次 ----
export const TrainingTalk = Type.Object({
  id: Id,
  kind: strEnum(TALK_KINDS),
  org: OrgRef,
  speaker: Type.Object({ id: Id, name: Type.String() }),
  heldOn: DateString,
  topic: Type.String(),
  item: Type.Union([strEnum(THREE_TALK_ITEMS), Type.Null()]),
  meetingId: Type.Union([Id, Type.Null()], { description: '组织生活中记录的党课会议（关联，不重复录入）' }),
});
export type TrainingTalk = Static<typeof TrainingTalk>;
export const TrainingTalkPage = Type.Object({ items: Type.Array(TrainingTalk), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type TrainingTalkPage = Static<typeof TrainingTalkPage>;
export const ListTrainingTalksQuery = Type.Object(
  { kind: Type.Optional(strEnum(TALK_KINDS)), orgId: Type.Optional(Id), year: Type.Optional(Year), ...PageQuery },
  { additionalProperties: false },
);
export type ListTrainingTalksQuery = Static<typeof ListTrainingTalksQuery>;
export const CreateTrainingTalkBody = Type.Object(
  {
    kind: strEnum(TALK_KINDS),
    speakerId: Id,
    /** a 党课 meeting already recorded in organizational life: its unit, date and topic are taken from it */
    meetingId: Type.Optional(Id),
    orgId: Type.Optional(Id),
    heldOn: Type.Optional(DateString),
    topic: Type.Optional(Text(100)),
    item: Type.Optional(strEnum(THREE_TALK_ITEMS)),
  },
  { additionalProperties: false },
);
export type CreateTrainingTalkBody = Static<typeof CreateTrainingTalkBody>;

// ---- a person's record ----
export const PersonTrainingRecord = Type.Object({
  person: Type.Object({ id: Id, name: Type.String() }),
  year: Year,
  sessions: Type.Integer({ description: '本年参加培训期数' }),
  hours: Type.Integer({ description: '本年参加培训学时（按课程学时计算）' }),
  talks: Type.Integer({ description: '本年讲党课、三个讲一次次数' }),
  items: Type.Array(Type.Object({
    kind: Type.Union([Type.Literal('session'), strEnum(TALK_KINDS)]),
    id: Id, heldOn: DateString, title: Type.String(), org: Type.String(), mode: Type.Union([strEnum(TRAINING_MODES), Type.Null()]), hours: Type.Union([Type.Integer(), Type.Null()]),
  })),
  total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
});
export type PersonTrainingRecord = Static<typeof PersonTrainingRecord>;
export const PersonTrainingQuery = Type.Object({ year: Type.Optional(Year), ...PageQuery }, { additionalProperties: false });
export type PersonTrainingQuery = Static<typeof PersonTrainingQuery>;

// ---- coverage ----
const CoverageFigures = Type.Object({
  heads: Type.Integer({ description: '村（社区）两委干部人数' }),
  headsTrained: Type.Integer({ description: '其中本年参加过培训的人数' }),
  members: Type.Integer({ description: '党员人数' }),
  membersTrained: Type.Integer({ description: '其中本年参加过培训的人数' }),
  sessions: Type.Integer({ description: '本单位及下级举办的培训期数' }),
  personTimes: Type.Integer({ description: '这些培训的人次' }),
});
export const TrainingCoverage = Type.Object({
  node: OrgRef,
  year: Year,
  total: CoverageFigures,
  /** the unit's own people (not in any unit below it), so total = own + children */
  own: CoverageFigures,
  /** the units directly below (a work station opened up into its villages' level is not needed: stations are units too) */
  children: Type.Array(Type.Composite([Type.Object({ org: OrgRef }), CoverageFigures])),
});
export type TrainingCoverage = Static<typeof TrainingCoverage>;
export const TrainingCoverageQuery = Type.Object({ orgId: Type.Optional(Id), year: Type.Optional(Year) }, { additionalProperties: false });
export type TrainingCoverageQuery = Static<typeof TrainingCoverageQuery>;
