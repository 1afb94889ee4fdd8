// 考核: indicator schemes (绩效指数), score sheets, results — enumerations, labels and API schemas.
import { Type, type Static } from '@sinclair/typebox';

const strEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Id = Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 });

/** The kinds of unit a scheme scores (考评细则 per unit type, seed 002). */
export const ASSESSED_UNIT_TYPES = ['village', 'community', 'agency', 'station', 'township'] as const;
export type AssessedUnitType = (typeof ASSESSED_UNIT_TYPES)[number];
export const ASSESSED_UNIT_TYPE_LABELS: Record<AssessedUnitType, { zh: string; en: string }> = {
  village: { zh: '村', en: 'Village' },
  community: { zh: '社区', en: 'Community' },
  agency: { zh: '机关', en: 'Agency' },
  station: { zh: '党建工作站', en: 'Work station' },
  township: { zh: '乡镇', en: 'Township' },
};

/**
 * What a scheme scores (考核对象): an org unit of a type (as the 考评细则 do), a first secretary's term
 * (第一书记, a post: one person sent twice has two), or a project's 年交账 (项目化推进).
 */
export const SUBJECT_KINDS = ['org', 'first_secretary', 'project'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const SUBJECT_KIND_LABELS: Record<SubjectKind, { zh: string; en: string }> = {
  org: { zh: '单位（村、社区、工作站、乡镇…）', en: 'Org unit' },
  first_secretary: { zh: '第一书记（按任期）', en: 'First secretary (per term)' },
  project: { zh: '党建项目（年交账）', en: 'Project (year-end account)' },
};

/** How often an indicator is scored (宜君 monthly appraisal; 吴起 月督查·季讲评·半年问效·年终奖罚). */
export const CADENCES = ['monthly', 'quarterly', 'half_year', 'annual'] as const;
export type Cadence = (typeof CADENCES)[number];
export const CADENCE_LABELS: Record<Cadence, { zh: string; en: string }> = {
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  half_year: { zh: '每半年', en: 'Half-yearly' },
  annual: { zh: '每年', en: 'Annual' },
};

/** Who scores an indicator: the township scores villages, the county scores townships and stations. */
export const SCORING_LEVELS = ['county', 'township', 'station'] as const;
export type ScoringLevel = (typeof SCORING_LEVELS)[number];
export const SCORING_LEVEL_LABELS: Record<ScoringLevel, { zh: string; en: string }> = {
  county: { zh: '县级评分', en: 'Scored by the county' },
  township: { zh: '乡镇评分', en: 'Scored by the township' },
  station: { zh: '工作站参与评分', en: 'Scored with the station' },
};

/**
 * Where an indicator's points come from: entered by hand, or computed from the records. The list
 * is closed: there is no source for logins, clicks, likes, forwards or reading time, so an
 * indicator scoring app usage cannot be saved (DOMAIN.md §11, 指尖上的形式主义).
 */
export const INDICATOR_SOURCES = [
  'manual',
  'ledger_closed_on_time',
  'dispatch_reported_on_time',
  'citizen_response_rate',
  'citizen_resolve_rate',
  'citizen_satisfaction_rate',
  'member_appraisal_qualified',
  'report_rating_good',
  'research_rounds_done',
  'fs_visit_months',
  'fs_requests_closed',
  'project_milestones_on_time',
  'project_reports_on_time',
] as const;
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number];
export const INDICATOR_SOURCE_LABELS: Record<IndicatorSource, { zh: string; en: string }> = {
  manual: { zh: '人工评分（附佐证）', en: 'Scored by hand, with evidence' },
  ledger_closed_on_time: { zh: '问题按期销号率（问题台账）', en: 'Problems closed on time (ledger)' },
  dispatch_reported_on_time: { zh: '任务按期上报率（两下两上）', en: 'Directive reports on time (dispatch)' },
  citizen_response_rate: { zh: '群众诉求响应率', en: 'Citizen requests: response rate' },
  citizen_resolve_rate: { zh: '群众诉求解决率', en: 'Citizen requests: resolution rate' },
  citizen_satisfaction_rate: { zh: '群众诉求满意率', en: 'Citizen requests: satisfaction rate' },
  member_appraisal_qualified: { zh: '民主评议党员合格率（本年度）', en: 'Members appraised qualified or better (year)' },
  report_rating_good: { zh: '述职评议好、较好票比例（本年度）', en: 'Report ratings good or fairly good (year)' },
  research_rounds_done: { zh: '调查研究完成次数（每年 2 次）', en: 'Research rounds reported (2 a year)' },
  fs_visit_months: { zh: '在村月份中有民情日记走访的比例（第一书记本人记录）', en: 'Months in post with household visits (first secretary)' },
  fs_requests_closed: { zh: '代办群众诉求办结率（第一书记本人登记）', en: 'Citizen requests he registered, closed (first secretary)' },
  project_milestones_on_time: { zh: '路线图节点按期完成率（项目）', en: 'Milestones done on time (project)' },
  project_reports_on_time: { zh: '月报告按期上报率（项目）', en: 'Monthly reports on time (project)' },
};

/** The computed sources a scheme of each kind may use (manual is open to all). */
export const SOURCES_BY_SUBJECT: Record<SubjectKind, readonly IndicatorSource[]> = {
  org: ['manual', 'ledger_closed_on_time', 'dispatch_reported_on_time', 'citizen_response_rate', 'citizen_resolve_rate', 'citizen_satisfaction_rate', 'member_appraisal_qualified', 'report_rating_good', 'research_rounds_done'],
  first_secretary: ['manual', 'fs_visit_months', 'fs_requests_closed'],
  project: ['manual', 'project_milestones_on_time', 'project_reports_on_time'],
};

export const SCHEME_STATUSES = ['draft', 'published'] as const;
export type SchemeStatus = (typeof SCHEME_STATUSES)[number];
export const SCHEME_STATUS_LABELS: Record<SchemeStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
};

const Points = Type.Number({ minimum: 0, maximum: 1000, multipleOf: 0.5, description: '指数值（满分），以 0.5 分为单位' });
const Name = Type.String({ minLength: 1, maxLength: 60 });

export const IndicatorInput = Type.Object(
  {
    name: Name,
    points: Points,
    cadence: strEnum(CADENCES),
    scoringLevel: strEnum(SCORING_LEVELS),
    evidenceRequired: Type.Boolean(),
    source: strEnum(INDICATOR_SOURCES),
    /** A sample the county should edit (the 龙江 template's indicators are samples). */
    sample: Type.Optional(Type.Boolean()),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const ItemInput = Type.Object({ name: Name, points: Points, indicators: Type.Array(IndicatorInput, { minItems: 1, maxItems: 40 }) }, { additionalProperties: false });
export const CategoryInput = Type.Object({ name: Name, points: Points, items: Type.Array(ItemInput, { minItems: 1, maxItems: 20 }) }, { additionalProperties: false });
export const SchemeTreeInput = Type.Object({ categories: Type.Array(CategoryInput, { minItems: 1, maxItems: 12 }) }, { additionalProperties: false });
export type SchemeTreeInput = Static<typeof SchemeTreeInput>;

export const Indicator = Type.Composite([IndicatorInput, Type.Object({ key: Type.String(), sourceLabel: Type.String() })]);
export type Indicator = Static<typeof Indicator>;
export const SchemeTree = Type.Object({
  categories: Type.Array(Type.Object({ name: Type.String(), points: Type.Number(), items: Type.Array(Type.Object({ name: Type.String(), points: Type.Number(), indicators: Type.Array(Indicator) })) })),
});
export type SchemeTree = Static<typeof SchemeTree>;

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });

export const CreateSchemeBody = Type.Object(
  {
    year: Year,
    /** What the scheme scores (default: org units); an org scheme names the unit type, the others none. */
    subjectKind: Type.Optional(strEnum(SUBJECT_KINDS)),
    unitType: Type.Optional(strEnum(ASSESSED_UNIT_TYPES)),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    totalPoints: Type.Optional(Points),
    /** The tree; without it the draft starts from the 龙江 template (samples to edit). */
    tree: Type.Optional(SchemeTreeInput),
  },
  { additionalProperties: false },
);
export type CreateSchemeBody = Static<typeof CreateSchemeBody>;

export const SaveSchemeBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), name: Type.String({ minLength: 1, maxLength: 100 }), totalPoints: Points, tree: SchemeTreeInput },
  { additionalProperties: false },
);
export type SaveSchemeBody = Static<typeof SaveSchemeBody>;
export const CopySchemeBody = Type.Object({ year: Year }, { additionalProperties: false });

export const SchemeSummary = Type.Object({
  id: Id,
  year: Type.Integer(),
  subjectKind: strEnum(SUBJECT_KINDS),
  /** the unit type of an org scheme; null for first secretaries and projects */
  unitType: Type.Union([strEnum(ASSESSED_UNIT_TYPES), Type.Null()]),
  name: Type.String(),
  status: strEnum(SCHEME_STATUSES),
  edition: Type.Union([Type.Integer(), Type.Null()]),
  totalPoints: Type.Number(),
  indicatorCount: Type.Integer(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});
export type SchemeSummary = Static<typeof SchemeSummary>;
export const SchemeDetail = Type.Composite([SchemeSummary, Type.Object({ tree: SchemeTree, basedOnId: Type.Union([Id, Type.Null()]) })]);
export type SchemeDetail = Static<typeof SchemeDetail>;
export const ListSchemesQuery = Type.Object(
  {
    year: Type.Optional(Year),
    status: Type.Optional(strEnum(SCHEME_STATUSES)),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type ListSchemesQuery = Static<typeof ListSchemesQuery>;

// ---- score sheets (评分表) on the case engine

export const SHEET_STATES = ['draft', 'submitted', 'passed', 'published', 'appealed', 'locked'] as const;
export type SheetState = (typeof SHEET_STATES)[number];
export const SHEET_STATE_LABELS: Record<SheetState, { zh: string; en: string }> = {
  draft: { zh: '评分中', en: 'Scoring' },
  submitted: { zh: '待审核', en: 'Awaiting review' },
  passed: { zh: '审核通过', en: 'Passed' },
  published: { zh: '已公布（申诉期）', en: 'Published (open to appeal)' },
  appealed: { zh: '申诉中', en: 'Appealed' },
  locked: { zh: '已锁定', en: 'Locked' },
};
/** The states in which a sheet counts in the results: published, whatever became of its appeal. */
export const SHEET_RESULT_STATES: readonly SheetState[] = ['published', 'appealed', 'locked'];
export const SHEET_TRANSITIONS = ['submit', 'return', 'pass', 'publish', 'appeal', 'uphold_appeal', 'reject_appeal', 'lock'] as const;
export type SheetTransition = (typeof SHEET_TRANSITIONS)[number];
export const SHEET_TRANSITION_LABELS: Record<SheetTransition, { zh: string; en: string }> = {
  submit: { zh: '提交审核', en: 'submit for review' },
  return: { zh: '退回', en: 'return' },
  pass: { zh: '审核通过', en: 'pass' },
  publish: { zh: '公布', en: 'publish' },
  appeal: { zh: '提出申诉', en: 'appeal' },
  uphold_appeal: { zh: '申诉成立（更正评分）', en: 'uphold the appeal' },
  reject_appeal: { zh: '驳回申诉', en: 'reject the appeal' },
  lock: { zh: '申诉期满锁定', en: 'lock after the appeal window' },
};

/** 一票否决: a rule that zeroes a total or caps it, applied with its reason. */
export const VETO_KINDS = ['zero', 'cap'] as const;
export type VetoKind = (typeof VETO_KINDS)[number];
export const VETO_KIND_LABELS: Record<VetoKind, { zh: string; en: string }> = {
  zero: { zh: '一票否决（总分记零）', en: 'Veto: total set to zero' },
  cap: { zh: '限定最高得分', en: 'Total capped' },
};
export const Veto = Type.Object(
  { kind: strEnum(VETO_KINDS), cap: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })), reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);
export type Veto = Static<typeof Veto>;

const Period = Type.String({ pattern: '^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$', description: '月份 YYYY-MM' });

/** A new sheet: the scheme, the month, and the subject of the scheme's kind — an org, a first secretary's post, or a project. */
export const OpenSheetBody = Type.Object(
  { schemeId: Id, orgId: Type.Optional(Id), postId: Type.Optional(Id), projectId: Type.Optional(Id), period: Period },
  { additionalProperties: false },
);
export type OpenSheetBody = Static<typeof OpenSheetBody>;

/** 本月评分表一键生成: every unit of the scheme's type in the caller's scope without a sheet of the month. */
export const OpenSheetsBody = Type.Object({ schemeId: Id, period: Period }, { additionalProperties: false });
export type OpenSheetsBody = Static<typeof OpenSheetsBody>;
export const OpenedSheets = Type.Object({ opened: Type.Integer({ minimum: 0 }), sheetIds: Type.Array(Id) });
export type OpenedSheets = Static<typeof OpenedSheets>;

export const SaveScoresBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    scores: Type.Array(
      Type.Object(
        {
          key: Type.String({ pattern: '^[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{1,2}$' }),
          points: Type.Number({ minimum: -1000, maximum: 1000 }),
          evidence: Type.Optional(Type.String({ maxLength: 1000 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
    veto: Type.Optional(Type.Union([Veto, Type.Null()])),
  },
  { additionalProperties: false },
);
export type SaveScoresBody = Static<typeof SaveScoresBody>;
export const FireSheetBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), body: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type FireSheetBody = Static<typeof FireSheetBody>;

/** 申诉: the scored unit's appeal of a published sheet within the county's window, with its evidence. */
export const AppealSheetBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    reason: Type.String({ minLength: 2, maxLength: 1000, description: '申诉理由' }),
    evidence: Type.String({ minLength: 2, maxLength: 1000, description: '佐证（材料、关联记录的说明）' }),
  },
  { additionalProperties: false },
);
export type AppealSheetBody = Static<typeof AppealSheetBody>;

/** The county's assessment settings: the appeal window in days after a sheet is published. */
export const AssessmentSettings = Type.Object({
  appealDays: Type.Integer({ minimum: 1, maximum: 60 }),
  /** false: the built-in default (7 days), the county has not set its own */
  own: Type.Boolean(),
  version: Type.Integer(),
});
export type AssessmentSettings = Static<typeof AssessmentSettings>;
export const SaveAssessmentSettingsBody = Type.Object(
  { appealDays: Type.Integer({ minimum: 1, maximum: 60, description: '申诉期（天）' }), version: Type.Integer({ minimum: 0, description: '读到的版本（尚未设置时为 0）' }) },
  { additionalProperties: false },
);
export type SaveAssessmentSettingsBody = Static<typeof SaveAssessmentSettingsBody>;

export const SheetAppeal = Type.Object({
  reason: Type.String(),
  evidence: Type.String(),
  filedBy: Type.String(),
  filedAt: Type.String(),
  decision: Type.Union([strEnum(['upheld', 'rejected'] as const), Type.Null()]),
  decisionReason: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  /** the corrected revision opened when the appeal was upheld */
  correctionId: Type.Union([Id, Type.Null()]),
  /** evidence files (photos, scans) the unit added while the appeal was open */
  files: Type.Array(Type.Object({ id: Id, fileName: Type.String(), mimeType: Type.String(), sizeBytes: Type.Integer(), at: Type.String() })),
  /** the caller (the scored unit's own account) may add files now: the appeal is open */
  canAddFiles: Type.Boolean(),
});
export type SheetAppeal = Static<typeof SheetAppeal>;
export const SheetAppealFile = Type.Object({ id: Id, fileName: Type.String(), mimeType: Type.String(), sizeBytes: Type.Integer(), at: Type.String() });
export type SheetAppealFile = Static<typeof SheetAppealFile>;
export const SheetAppealFileParams = Type.Object({ id: Id, fileId: Id });

const OrgRef = Type.Object({ id: Id, name: Type.String() });

export const SheetEntry = Type.Object({
  key: Type.String(),
  category: Type.String(),
  item: Type.String(),
  name: Type.String(),
  max: Type.Number(),
  source: strEnum(INDICATOR_SOURCES),
  evidenceRequired: Type.Boolean(),
  points: Type.Union([Type.Number(), Type.Null()]),
  evidence: Type.Union([Type.String(), Type.Null()]),
  /** The records behind a computed figure: how many count, out of how many, and which. */
  basis: Type.Union([
    Type.Object({
      numerator: Type.Integer(),
      denominator: Type.Integer(),
      records: Type.Object({ kind: strEnum(['problem', 'assignment', 'request', 'appraisal', 'report_session', 'research', 'visit', 'milestone'] as const), ids: Type.Array(Id) }),
    }),
    Type.Null(),
  ]),
});
export type SheetEntry = Static<typeof SheetEntry>;

export const SheetSummary = Type.Object({
  id: Id,
  scheme: Type.Object({ id: Id, name: Type.String(), year: Type.Integer() }),
  org: OrgRef,
  /** what is scored: the org itself, a first secretary's post (his name), or a project (its title) */
  subject: Type.Object({ kind: strEnum(SUBJECT_KINDS), id: Id, name: Type.String() }),
  period: Type.String(),
  revision: Type.Integer(),
  status: strEnum(SHEET_STATES),
  statusLabel: Type.String(),
  total: Type.Number(),
  max: Type.Number(),
  vetoed: Type.Boolean(),
  version: Type.Integer(),
});
export type SheetSummary = Static<typeof SheetSummary>;

export const SheetDetail = Type.Composite([
  SheetSummary,
  Type.Object({
    scorer: OrgRef,
    entries: Type.Array(SheetEntry),
    veto: Type.Union([Veto, Type.Null()]),
    supersedesId: Type.Union([Id, Type.Null()]),
    /** the last day (CST) the unit may appeal; null before publishing */
    appealUntil: Type.Union([Type.String(), Type.Null()]),
    /** the scored unit may appeal now (its own account, within the window) */
    canAppeal: Type.Boolean(),
    appeal: Type.Union([SheetAppeal, Type.Null()]),
    transitions: Type.Array(Type.Object({ name: strEnum(SHEET_TRANSITIONS), label: Type.String(), needsReason: Type.Boolean() })),
    timeline: Type.Array(Type.Object({ at: Type.String(), actor: Type.String(), kind: Type.String(), transition: Type.Union([Type.String(), Type.Null()]), label: Type.String(), body: Type.Union([Type.String(), Type.Null()]) })),
  }),
]);
export type SheetDetail = Static<typeof SheetDetail>;

export const ListSheetsQuery = Type.Object(
  {
    schemeId: Type.Optional(Id),
    period: Type.Optional(Period),
    status: Type.Optional(strEnum(SHEET_STATES)),
    subjectKind: Type.Optional(strEnum(SUBJECT_KINDS)),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type ListSheetsQuery = Static<typeof ListSheetsQuery>;
export const SheetPage = Type.Object({ items: Type.Array(SheetSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

// ---- results (结果)

export const GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  good: { zh: '良好', en: 'Good' },
  fair: { zh: '一般', en: 'Fair' },
  poor: { zh: '较差', en: 'Poor' },
};

export const ResultsQuery = Type.Object(
  { year: Year, period: Type.Optional(Period), unitType: Type.Optional(strEnum(ASSESSED_UNIT_TYPES)) },
  { additionalProperties: false },
);
export type ResultsQuery = Static<typeof ResultsQuery>;
export const Results = Type.Object({
  year: Type.Integer(),
  period: Type.Union([Type.String(), Type.Null()]),
  rows: Type.Array(
    Type.Object({
      sheetId: Id,
      org: OrgRef,
      township: Type.Union([OrgRef, Type.Null()]),
      total: Type.Number(),
      max: Type.Number(),
      /** The total on a 100-point scale (sheets of different months weigh different maxima). */
      score: Type.Number(),
      grade: strEnum(GRADES),
      gradeLabel: Type.String(),
      rankInTownship: Type.Integer(),
      rankInCounty: Type.Integer(),
      vetoed: Type.Boolean(),
    }),
  ),
  /** The indicators losing the most points over the rows. */
  losing: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), lost: Type.Number(), sheets: Type.Integer() })),
  /** The average score of the scope's published sheets, month by month. */
  trend: Type.Array(Type.Object({ period: Type.String(), average: Type.Number(), sheets: Type.Integer() })),
});
export type Results = Static<typeof Results>;

// ---- allowances (村干部报酬) and performance subsidies (绩效补贴), amounts in fen

/** The posts an allowance standard names (seed 002): 一肩挑 is a secretary who is also the director. */
export const ALLOWANCE_POSTS = ['secretary', 'village_director', 'concurrent', 'deputy', 'clerk', 'supervision_director', 'committee_member'] as const;
export type AllowancePost = (typeof ALLOWANCE_POSTS)[number];
export const ALLOWANCE_POST_LABELS: Record<AllowancePost, { zh: string; en: string }> = {
  secretary: { zh: '党支部书记（分设）', en: 'Secretary (separate)' },
  village_director: { zh: '村（居）委会主任（分设）', en: 'Director (separate)' },
  concurrent: { zh: '书记、主任“一肩挑”', en: 'Secretary and director in one' },
  deputy: { zh: '“两委”副职', en: 'Deputy' },
  clerk: { zh: '文书', en: 'Clerk' },
  supervision_director: { zh: '监委会主任', en: 'Supervision committee director' },
  committee_member: { zh: '“两委”委员', en: 'Committee member' },
};

export const SubsidiesQuery = Type.Object({ year: Year }, { additionalProperties: false });
export type SubsidiesQuery = Static<typeof SubsidiesQuery>;
export const Subsidies = Type.Object({
  year: Type.Integer(),
  /** The share of the annual allowance paid by the village's result (e.g. 30 %), and the pay per grade. */
  performanceSharePercent: Type.Integer(),
  gradePercent: Type.Record(Type.String(), Type.Integer()),
  rows: Type.Array(
    Type.Object({
      postId: Id,
      person: Type.String(),
      org: OrgRef,
      post: strEnum(ALLOWANCE_POSTS),
      postLabel: Type.String(),
      /** 年报酬标准 (fen). */
      standardFen: Type.Integer(),
      /** The village's annual result: the average of its published monthly scores (100-point scale), if any. */
      villageScore: Type.Union([Type.Number(), Type.Null()]),
      grade: Type.Union([strEnum(GRADES), Type.Null()]),
      gradeLabel: Type.Union([Type.String(), Type.Null()]),
      /** 绩效补贴 (fen): standard × share × the grade's percentage; null without a result. */
      performanceFen: Type.Union([Type.Integer(), Type.Null()]),
      /** 基本报酬 (fen): the rest of the standard, paid whatever the result. */
      baseFen: Type.Integer(),
    }),
  ),
});
export type Subsidies = Static<typeof Subsidies>;

/** The county's schemes, newest year first, a page at a time. */
export const SchemePage = Type.Object({ items: Type.Array(SchemeSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type SchemePage = Static<typeof SchemePage>;
export const SheetTransitionParams = Type.Object({ id: Id, transition: strEnum(SHEET_TRANSITIONS) }, { additionalProperties: false });
/** Importing a scheme from .xlsx: its year, unit type and name (the file is the multipart body). */
export const ImportSchemeQuery = Type.Object(
  { year: Year, unitType: strEnum(ASSESSED_UNIT_TYPES), name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export type ImportSchemeQuery = Static<typeof ImportSchemeQuery>;

// ---- subjects (考核对象) and their results

export const SubjectsQuery = Type.Object(
  {
    schemeId: Id,
    period: Period,
    /** part of the name (a first secretary's, a project's title) or of the unit's name */
    q: Type.Optional(Type.String({ maxLength: 50 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type SubjectsQuery = Static<typeof SubjectsQuery>;
/** The subjects a scorer may score against a scheme in a month, with the sheet already opened (if any). */
export const SubjectList = Type.Object({
  kind: strEnum(SUBJECT_KINDS),
  items: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      /** the org it sits at (the first secretary's village, the project's unit) */
      org: OrgRef,
      note: Type.String(),
      sheetId: Type.Union([Id, Type.Null()]),
    }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type SubjectList = Static<typeof SubjectList>;

/** A subject's results by year: the average of its published sheets (100-point scale), each sheet to drill down. */
export const SubjectResult = Type.Object({
  year: Type.Integer(),
  score: Type.Number(),
  grade: strEnum(GRADES),
  gradeLabel: Type.String(),
  sheets: Type.Array(Type.Object({ id: Id, period: Type.String(), score: Type.Number(), status: Type.String(), schemeName: Type.String() })),
});
export type SubjectResult = Static<typeof SubjectResult>;

export const ProjectRankingQuery = Type.Object({ year: Year }, { additionalProperties: false });
export type ProjectRankingQuery = Static<typeof ProjectRankingQuery>;
/** 年度评选: the county's projects of the year ranked by their 年交账 score; rows of the caller's scope. */
export const ProjectRanking = Type.Object({
  year: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      projectId: Id,
      title: Type.String(),
      org: OrgRef,
      township: Type.Union([OrgRef, Type.Null()]),
      sheetId: Id,
      score: Type.Number(),
      grade: strEnum(GRADES),
      gradeLabel: Type.String(),
      /** Competition ranking: equal scores share a place (并列) and the next place is skipped (1, 1, 3). */
      rankInCounty: Type.Integer(),
      /** Another project of the county has the same score (并列). */
      tied: Type.Boolean(),
      vetoed: Type.Boolean(),
    }),
  ),
});
export type ProjectRanking = Static<typeof ProjectRanking>;
