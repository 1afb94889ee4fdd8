// 干部队伍与发展党员 (issue 16): selection channels and 公职化 of posts, the cadre ledger and its
// structure, the reserve pool's life cycle, and member development (发展党员) as a case type.
import { Type, type Static } from '@sinclair/typebox';
import { EDUCATIONS, POST_ROLES, type PostRole } from './enums.js';

const strEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Id = Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 });
const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const OrgRef = Type.Object({ id: Id, name: Type.String(), type: Type.String() });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
};
const L = Type.Object({ zh: Type.String(), en: Type.String() });

// ---- posts ----

/** 选任方式: how the holder came to the post. */
export const SELECTION_CHANNELS = ['elected', 'appointed', 'sent_township', 'sent_department', 'public_selection', 'college_graduate'] as const;
export type SelectionChannel = (typeof SELECTION_CHANNELS)[number];
export const SELECTION_CHANNEL_LABELS: Record<SelectionChannel, { zh: string; en: string }> = {
  elected: { zh: '选举产生', en: 'Elected' },
  appointed: { zh: '任命', en: 'Appointed' },
  sent_township: { zh: '乡镇选派', en: 'Sent by the township' },
  sent_department: { zh: '部门选派', en: 'Sent by a department' },
  public_selection: { zh: '公开选拔', en: 'Publicly selected' },
  college_graduate: { zh: '大学生村官', en: 'College-graduate village official' },
};
export const SelectionChannelSchema = strEnum(SELECTION_CHANNELS);

/** Posts one person holds at a time in one org: a second holder with an overlapping term is refused. */
export const SINGLE_HOLDER_ROLES: readonly PostRole[] = [
  'secretary', 'village_director', 'militia_head', 'youth_league_secretary', 'women_chair', 'clerk',
  'supervision_director', 'first_secretary', 'station_chief',
];

/** The fields of a post that can be set when assigning it and changed later (公职化, 选任方式 …). */
export const postFields = {
  concurrent: Type.Optional(Type.Boolean({ description: '一肩挑：书记兼任村委会主任' })),
  sentFrom: Type.Optional(Type.String({ maxLength: 100, description: '选派单位' })),
  selectionChannel: Type.Optional(Type.Union([SelectionChannelSchema, Type.Null()])),
  civilService: Type.Optional(Type.Boolean({ description: '公职化管理' })),
  civilServiceDate: Type.Optional(Type.Union([DateString, Type.Null()])),
  civilServiceBasis: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  note: Type.Optional(Type.String({ maxLength: 500 })),
};

export const UpdatePostBody = Type.Object(
  {
    version: Version,
    startDate: Type.Optional(DateString),
    endDate: Type.Optional(Type.Union([DateString, Type.Null()])),
    ...postFields,
  },
  { additionalProperties: false },
);
export type UpdatePostBody = Static<typeof UpdatePostBody>;


// ---- the cadre ledger (干部台账) ----

export const CadreLedgerQuery = Type.Object(
  {
    orgId: Type.Optional(Id),
    role: Type.Optional(strEnum(POST_ROLES)),
    concurrent: Type.Optional(Type.Boolean()),
    sentFrom: Type.Optional(Type.String({ maxLength: 100, description: '选派单位（包含）' })),
    selectionChannel: Type.Optional(SelectionChannelSchema),
    civilService: Type.Optional(Type.Boolean()),
    education: Type.Optional(strEnum(EDUCATIONS)),
    ageMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
    ageMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
    startFrom: Type.Optional(DateString),
    startTo: Type.Optional(DateString),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type CadreLedgerQuery = Static<typeof CadreLedgerQuery>;

/** 两委 age and education structure of one township's villages and communities. */
export const AGE_BANDS = ['to35', 'to45', 'to55', 'over55', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, { zh: string; en: string }> = {
  to35: { zh: '35岁及以下', en: '35 or under' },
  to45: { zh: '36–45岁', en: '36–45' },
  to55: { zh: '46–55岁', en: '46–55' },
  over55: { zh: '56岁及以上', en: '56 or over' },
  unknown: { zh: '年龄不详', en: 'Age unknown' },
};
export const EDUCATION_BANDS = ['senior_or_below', 'vocational_college', 'bachelor_or_above', 'unknown'] as const;
export type EducationBand = (typeof EDUCATION_BANDS)[number];
export const EDUCATION_BAND_LABELS: Record<EducationBand, { zh: string; en: string }> = {
  senior_or_below: { zh: '高中及以下', en: 'Senior high or below' },
  vocational_college: { zh: '中专、大专', en: 'Vocational or college' },
  bachelor_or_above: { zh: '本科及以上', en: 'Bachelor or above' },
  unknown: { zh: '学历不详', en: 'Education unknown' },
};
export const CadreStructureRow = Type.Object({
  township: OrgRef,
  /** people holding a 两委 post (a person with two posts counts once) */
  people: Type.Integer(),
  averageAge: Type.Union([Type.Number(), Type.Null()]),
  age: Type.Record(Type.String(), Type.Integer()),
  education: Type.Record(Type.String(), Type.Integer()),
  concurrent: Type.Integer({ description: '一肩挑的书记' }),
});
export type CadreStructureRow = Static<typeof CadreStructureRow>;
export const CadreStructure = Type.Object({ asOf: DateString, rows: Type.Array(CadreStructureRow) });
export type CadreStructure = Static<typeof CadreStructure>;

// ---- the reserve pool (后备干部库) ----

export const RESERVE_STATUSES = ['active', 'appointed', 'removed'] as const;
export type ReserveStatus = (typeof RESERVE_STATUSES)[number];
export const RESERVE_STATUS_LABELS: Record<ReserveStatus, { zh: string; en: string }> = {
  active: { zh: '在库', en: 'In the pool' },
  appointed: { zh: '已任用', en: 'Appointed' },
  removed: { zh: '已出库', en: 'Removed' },
};
export const ReserveListQuery = Type.Object(
  { orgId: Type.Optional(Id), status: Type.Optional(strEnum(RESERVE_STATUSES)), ...PageQuery },
  { additionalProperties: false },
);
export type ReserveListQuery = Static<typeof ReserveListQuery>;
/** The reserve pool's .xlsx: the list's filters without paging (every row of the scope). */
export const ReserveExportQuery = Type.Object({ orgId: Type.Optional(Id), status: Type.Optional(strEnum(RESERVE_STATUSES)) }, { additionalProperties: false });
export type ReserveExportQuery = Static<typeof ReserveExportQuery>;
/** 干部台账 / 后备干部 .xlsx import: dryRun checks every row (the same writes, rolled back); any error writes nothing. */
export const CadreImportQuery = Type.Object({ dryRun: Type.Optional(Type.Boolean({ description: '只检查不导入' })) }, { additionalProperties: false });
export type CadreImportQuery = Static<typeof CadreImportQuery>;
export const ReserveTrainBody = Type.Object({ version: Version, trainedOn: DateString, training: Text(200) }, { additionalProperties: false });
export type ReserveTrainBody = Static<typeof ReserveTrainBody>;
export const ReserveAppointBody = Type.Object(
  { version: Version, orgId: Id, role: strEnum(POST_ROLES), startDate: DateString, endDate: Type.Optional(Type.Union([DateString, Type.Null()])), ...postFields },
  { additionalProperties: false },
);
export type ReserveAppointBody = Static<typeof ReserveAppointBody>;
export const ReserveRemoveBody = Type.Object({ version: Version, endedOn: DateString, reason: Text(200) }, { additionalProperties: false });
export type ReserveRemoveBody = Static<typeof ReserveRemoveBody>;

// ---- member development (发展党员) ----

export const DEVELOPMENT_STATES = ['applicant', 'activist', 'target', 'probationary', 'full'] as const;
export type DevelopmentState = (typeof DEVELOPMENT_STATES)[number];
export const DEVELOPMENT_STATE_LABELS: Record<DevelopmentState, { zh: string; en: string }> = {
  applicant: { zh: '入党申请人', en: 'Applicant' },
  activist: { zh: '入党积极分子', en: 'Activist' },
  target: { zh: '发展对象', en: 'Development target' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
  full: { zh: '正式党员', en: 'Full member' },
};
/** 逾期 (past the step's time limit) and 即将到期 (within the path's warnDays of it). */
export const DEVELOPMENT_WARNINGS = ['overdue', 'due_soon'] as const;
export type DevelopmentWarning = (typeof DEVELOPMENT_WARNINGS)[number];
export const DEVELOPMENT_WARNING_LABELS: Record<DevelopmentWarning, { zh: string; en: string }> = {
  overdue: { zh: '逾期', en: 'Overdue' },
  due_soon: { zh: '即将到期', en: 'Due soon' },
};
export const DEVELOPMENT_TRANSITIONS = ['make_activist', 'make_target', 'admit', 'make_full'] as const;
export type DevelopmentTransition = (typeof DEVELOPMENT_TRANSITIONS)[number];
export const DEVELOPMENT_TRANSITION_LABELS: Record<DevelopmentTransition, { zh: string; en: string }> = {
  make_activist: { zh: '确定为入党积极分子', en: 'make an activist' },
  make_target: { zh: '确定为发展对象', en: 'make a development target' },
  admit: { zh: '接收为预备党员', en: 'admit as a probationary member' },
  make_full: { zh: '转为正式党员', en: 'make a full member' },
};

/**
 * One step's rule in a county's path: minimum time since the previous step, the time limit it is due
 * by (none: no deadline), and the checkpoints it confirms (a county's "131" 工作法 goes here).
 */
export const DevelopmentStepRule = Type.Object({
  minMonths: Type.Integer({ minimum: 0, maximum: 120, description: '距上一步至少满几个月' }),
  dueMonths: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 120 }), Type.Null()], { description: '距上一步几个月内应办（空：不设时限）' })),
  checks: Type.Array(Text(50), { maxItems: 30, description: '本步须确认的检查点' }),
});
export type DevelopmentStepRule = Static<typeof DevelopmentStepRule>;
export const DevelopmentPathConfig = Type.Object({
  minAge: Type.Integer({ minimum: 14, maximum: 30 }),
  /** the development target's concentrated training must be finished before admission */
  trainingRequired: Type.Boolean(),
  /** how many days before a step's time limit the board and the 工作台 warn (default 30) */
  warnDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 180 })),
  steps: Type.Object({
    make_activist: DevelopmentStepRule,
    make_target: DevelopmentStepRule,
    admit: DevelopmentStepRule,
    make_full: DevelopmentStepRule,
  }),
}, { additionalProperties: false });
export type DevelopmentPathConfig = Static<typeof DevelopmentPathConfig>;
export const DEVELOPMENT_WARN_DAYS = 30;
export const DevelopmentPathEdition = Type.Object({
  edition: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  savedAt: Type.String({ format: 'date-time' }),
  /** people on the way (not yet full members) who follow this edition */
  inProgress: Type.Integer({ minimum: 0 }),
});
export type DevelopmentPathEdition = Static<typeof DevelopmentPathEdition>;
export const DevelopmentPath = Type.Object({
  name: Type.String(),
  national: Type.Boolean(),
  /** the county's current edition (null: the national default, never saved) */
  edition: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  config: DevelopmentPathConfig,
  /** the county's editions, newest first; people keep the edition they were opened under */
  editions: Type.Array(DevelopmentPathEdition),
  /** people on the way under the national default (opened before the county saved a path) */
  inProgressNational: Type.Integer({ minimum: 0 }),
});
export type DevelopmentPath = Static<typeof DevelopmentPath>;

/** Saving the county's path: the steps in the workflow's order, each once; a new edition. */
export const PutDevelopmentPathBody = Type.Object({
  /** the edition the screen showed (0: the national default): a later save answers 409 */
  edition: Type.Integer({ minimum: 0, maximum: 100_000 }),
  name: Type.String({ maxLength: 50 }),
  minAge: Type.Integer({ minimum: 14, maximum: 30 }),
  trainingRequired: Type.Boolean(),
  warnDays: Type.Integer({ minimum: 0, maximum: 180 }),
  steps: Type.Array(Type.Object({
    transition: strEnum(DEVELOPMENT_TRANSITIONS),
    minMonths: Type.Integer({ minimum: -1200, maximum: 120 }),
    dueMonths: Type.Union([Type.Integer({ minimum: -1200, maximum: 120 }), Type.Null()]),
    checks: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 30 }),
  }, { additionalProperties: false }), { maxItems: 10 }),
}, { additionalProperties: false });
export type PutDevelopmentPathBody = Static<typeof PutDevelopmentPathBody>;

/**
 * The national default (《中国共产党发展党员工作细则》): 18 or older; an activist is educated and
 * observed for more than a year before becoming a development target; the target passes a
 * concentrated training; probation lasts a year, and when it is up the branch discusses 转正 in
 * time (预备期满，党支部应当及时讨论): the one time limit of the default.
 */
export const NATIONAL_DEVELOPMENT_PATH: DevelopmentPathConfig = {
  minAge: 18,
  trainingRequired: true,
  warnDays: DEVELOPMENT_WARN_DAYS,
  steps: {
    make_activist: { minMonths: 0, checks: ['党组织派人谈话', '党员推荐或群团组织推优'] },
    make_target: { minMonths: 12, checks: ['听取党小组、培养联系人、党员和群众意见', '支委会讨论同意', '报上级党委备案'] },
    admit: { minMonths: 0, checks: ['政治审查', '上级党委预审', '公示', '支部大会讨论表决', '上级党委审批'] },
    make_full: { minMonths: 12, dueMonths: 12, checks: ['本人提出转正申请', '支部大会讨论表决', '上级党委审批'] },
  },
};

export const DevelopmentRow = Type.Object({
  id: Id,
  version: Version,
  status: strEnum(DEVELOPMENT_STATES),
  person: Type.Object({ id: Id, name: Type.String() }),
  org: OrgRef,
  appliedOn: DateString,
  activistOn: Type.Union([DateString, Type.Null()]),
  targetOn: Type.Union([DateString, Type.Null()]),
  admittedOn: Type.Union([DateString, Type.Null()]),
  fullOn: Type.Union([DateString, Type.Null()]),
  trainingOn: Type.Union([DateString, Type.Null()]),
  /** the county's path edition this person follows (null: the national default) */
  pathEdition: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  /** the next step's time limit (previous step + dueMonths), and whether it is past or near */
  due: Type.Union([DateString, Type.Null()]),
  warning: Type.Union([strEnum(DEVELOPMENT_WARNINGS), Type.Null()]),
  /** the next step the caller may take, with the earliest date it is allowed and the checkpoints it asks */
  next: Type.Union([
    Type.Object({ transition: strEnum(DEVELOPMENT_TRANSITIONS), label: L, earliest: DateString, checks: Type.Array(Type.String()), needsTraining: Type.Boolean() }),
    Type.Null(),
  ]),
});
export type DevelopmentRow = Static<typeof DevelopmentRow>;
export const DevelopmentListQuery = Type.Object(
  { orgId: Type.Optional(Id), status: Type.Optional(strEnum(DEVELOPMENT_STATES)), warning: Type.Optional(strEnum(DEVELOPMENT_WARNINGS)), ...PageQuery },
  { additionalProperties: false },
);
export type DevelopmentListQuery = Static<typeof DevelopmentListQuery>;
export const OpenDevelopmentBody = Type.Object({ personId: Id, appliedOn: DateString }, { additionalProperties: false });
export type OpenDevelopmentBody = Static<typeof OpenDevelopmentBody>;
export const DevelopmentStepBody = Type.Object(
  {
    version: Version,
    transition: strEnum(DEVELOPMENT_TRANSITIONS),
    date: DateString,
    checks: Type.Optional(Type.Array(Text(50), { maxItems: 20 })),
    trainingOn: Type.Optional(DateString),
    body: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type DevelopmentStepBody = Static<typeof DevelopmentStepBody>;
