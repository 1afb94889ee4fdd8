// 评议与调研 (issue 14; issue 15's appraisal meetings): 民主评议党员 per member per year with the
// follow-up of the last two grades, 述职评议 / 双述双评 / 三述职两评议一落实 sessions (reports by
// the secretaries below, ballots of the participants), and the stations' 调查研究 rounds.
import { Type, type Static } from '@sinclair/typebox';
import { DateString, Id, OrgRef, PostRoleSchema, Version } from './schemas.js';

const literalUnion = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};
const pageOf = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
type Label = { zh: string; en: string };

// ---- 民主评议党员 ----

export const APPRAISAL_GRADES = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];
export const APPRAISAL_GRADE_LABELS: Record<AppraisalGrade, Label> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  qualified: { zh: '合格', en: 'Qualified' },
  basically_qualified: { zh: '基本合格', en: 'Basically qualified' },
  unqualified: { zh: '不合格', en: 'Unqualified' },
};
/** The grades that need a follow-up. */
export const FOLLOWUP_GRADES: readonly AppraisalGrade[] = ['basically_qualified', 'unqualified'];

export const FOLLOWUP_KINDS = ['mentoring', 'correct_by_deadline', 'disposal'] as const;
export type FollowupKind = (typeof FOLLOWUP_KINDS)[number];
export const FOLLOWUP_KIND_LABELS: Record<FollowupKind, Label> = {
  mentoring: { zh: '帮教', en: 'Mentoring' },
  correct_by_deadline: { zh: '限期改正', en: 'Correct by a deadline' },
  disposal: { zh: '组织处置', en: 'Disposal' },
};

export const AppraisalGradeSchema = literalUnion(APPRAISAL_GRADES);

export const GradeMembersBody = Type.Object(
  {
    orgId: Id,
    year: Year,
    grades: Type.Array(
      Type.Object({ personId: Id, grade: AppraisalGradeSchema, comment: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type GradeMembersBody = Static<typeof GradeMembersBody>;

export const AppraisalView = Type.Object({
  id: Id,
  org: OrgRef,
  person: Type.Object({ id: Id, name: Type.String() }),
  year: Type.Integer(),
  grade: AppraisalGradeSchema,
  comment: Type.Union([Type.String(), Type.Null()]),
  followup: Type.Union([
    Type.Null(),
    Type.Object({
      kind: literalUnion(FOLLOWUP_KINDS),
      from: DateString,
      due: DateString,
      outcome: Type.Union([Type.String(), Type.Null()]),
      doneOn: Type.Union([DateString, Type.Null()]),
    }),
  ]),
  /** 基本合格 / 不合格 without a follow-up recorded, or with one not yet concluded. */
  followupOpen: Type.Boolean(),
  version: Version,
});
export type AppraisalView = Static<typeof AppraisalView>;

/** What a branch's entry answers: the grades it created. */
export const AppraisalBatch = Type.Object({ appraisals: Type.Array(AppraisalView) });
export type AppraisalBatch = Static<typeof AppraisalBatch>;

export const ListAppraisalsQuery = Type.Object(
  { orgId: Type.Optional(Id), year: Type.Optional(Year), grade: Type.Optional(AppraisalGradeSchema), followupOpen: Type.Optional(Type.Boolean()), ...Paging },
  { additionalProperties: false },
);
export type ListAppraisalsQuery = Static<typeof ListAppraisalsQuery>;
export const AppraisalPage = pageOf(AppraisalView);
export type AppraisalPage = Static<typeof AppraisalPage>;

export const CorrectAppraisalBody = Type.Object(
  { version: Version, grade: AppraisalGradeSchema, reason: Type.String({ minLength: 1, maxLength: 500, description: '更正理由' }) },
  { additionalProperties: false },
);
export type CorrectAppraisalBody = Static<typeof CorrectAppraisalBody>;

export const FollowupBody = Type.Object(
  {
    version: Version,
    kind: literalUnion(FOLLOWUP_KINDS),
    from: DateString,
    due: DateString,
    outcome: Type.Optional(Type.String({ maxLength: 2000 })),
    doneOn: Type.Optional(DateString),
  },
  { additionalProperties: false },
);
export type FollowupBody = Static<typeof FollowupBody>;

export const AppraisalResultsQuery = Type.Object({ orgId: Type.Optional(Id), year: Type.Optional(Year) }, { additionalProperties: false });
export type AppraisalResultsQuery = Static<typeof AppraisalResultsQuery>;

const GradeTally = {
  appraised: Type.Integer(),
  excellent: Type.Integer(),
  qualified: Type.Integer(),
  basically_qualified: Type.Integer(),
  unqualified: Type.Integer(),
  /** 基本合格 / 不合格 whose follow-up is missing or not concluded. */
  followupOpen: Type.Integer(),
};
export const AppraisalResults = Type.Object({
  org: OrgRef,
  year: Type.Integer(),
  /** The county's cap on 优秀 per branch (percent), null: no cap. */
  excellentCapPercent: Type.Union([Type.Integer(), Type.Null()]),
  total: Type.Object(GradeTally),
  /** Per child of the org (station → township → county), each drilling down by its id; the org itself when it is a branch. */
  rows: Type.Array(Type.Object({ org: OrgRef, ...GradeTally })),
  /** For a branch: its members not yet graded this year (from its roster). */
  pending: Type.Array(Type.Object({ id: Id, name: Type.String() })),
});
export type AppraisalResults = Static<typeof AppraisalResults>;

// ---- 述职评议 sessions ----

export const SESSION_KINDS = ['report_appraisal', 'dual_report', 'three_reports'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_KIND_LABELS: Record<SessionKind, Label> = {
  report_appraisal: { zh: '述职评议', en: 'Report and appraisal' },
  dual_report: { zh: '党建经济双述双评', en: 'Dual report, dual appraisal' },
  three_reports: { zh: '三述职两评议一落实', en: 'Three reports, two appraisals' },
};
export const SESSION_RATINGS = ['good', 'fairly_good', 'fair', 'poor'] as const;
export type SessionRating = (typeof SESSION_RATINGS)[number];
export const SESSION_RATING_LABELS: Record<SessionRating, Label> = {
  good: { zh: '好', en: 'Good' },
  fairly_good: { zh: '较好', en: 'Fairly good' },
  fair: { zh: '一般', en: 'Fair' },
  poor: { zh: '差', en: 'Poor' },
};

export const OpenSessionBody = Type.Object(
  {
    orgId: Id,
    kind: literalUnion(SESSION_KINDS),
    heldOn: DateString,
    year: Year,
    place: Type.String({ minLength: 1, maxLength: 100 }),
    reports: Type.Array(Type.Object({ postId: Id, summary: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 100 }),
    participants: Type.Optional(Type.String({ maxLength: 2000, description: '参会人员' })),
    /** 无记名投票: ballots counted, no rater recorded (only where the county allows it). */
    anonymous: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type OpenSessionBody = Static<typeof OpenSessionBody>;

/** A session's date, place, reporters and participants, changed before its first ballot. */
export const UpdateSessionBody = Type.Object(
  {
    heldOn: DateString,
    place: Type.String({ minLength: 1, maxLength: 100 }),
    reports: Type.Array(Type.Object({ postId: Id, summary: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 100 }),
    participants: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type UpdateSessionBody = Static<typeof UpdateSessionBody>;

export const BallotBody = Type.Object(
  {
    rater: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '评议人（参会人员或票号）；无记名投票的评议会不填' })),
    ratings: Type.Array(Type.Object({ reportId: Id, rating: literalUnion(SESSION_RATINGS) }, { additionalProperties: false }), { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type BallotBody = Static<typeof BallotBody>;

const RatingTally = { good: Type.Integer(), fairly_good: Type.Integer(), fair: Type.Integer(), poor: Type.Integer() };
export const SessionReport = Type.Object({
  id: Id,
  /** The reporter's post (书记岗位) the report was given in: what an edit of the session names. */
  postId: Id,
  person: Type.Object({ id: Id, name: Type.String() }),
  role: PostRoleSchema,
  org: OrgRef,
  summary: Type.String(),
  tally: Type.Object(RatingTally),
  /** 好 + 较好 over all ratings, 0–1; null before any ballot. */
  goodRate: Type.Union([Type.Number(), Type.Null()]),
  /** The rating most participants gave (ties to the better one); null before any ballot. */
  result: Type.Union([literalUnion(SESSION_RATINGS), Type.Null()]),
});
export type SessionReport = Static<typeof SessionReport>;

export const SessionView = Type.Object({
  id: Id,
  org: OrgRef,
  kind: literalUnion(SESSION_KINDS),
  heldOn: DateString,
  year: Type.Integer(),
  place: Type.String(),
  ballots: Type.Integer(),
  raters: Type.Array(Type.String()),
  reports: Type.Array(SessionReport),
  participants: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** 无记名投票: no rater is recorded. */
  anonymous: Type.Optional(Type.Boolean()),
  /** Date, place, reporters and participants may change until the first ballot. */
  editable: Type.Optional(Type.Boolean()),
});
export type SessionView = Static<typeof SessionView>;

export const ListSessionsQuery = Type.Object({ orgId: Type.Optional(Id), year: Type.Optional(Year), ...Paging }, { additionalProperties: false });
export type ListSessionsQuery = Static<typeof ListSessionsQuery>;
export const SessionSummary = Type.Object({
  id: Id, org: OrgRef, kind: literalUnion(SESSION_KINDS), heldOn: DateString, year: Type.Integer(), place: Type.String(), reports: Type.Integer(), ballots: Type.Integer(),
});
export type SessionSummary = Static<typeof SessionSummary>;
export const SessionPage = pageOf(SessionSummary);
export type SessionPage = Static<typeof SessionPage>;

/** The secretaries who may report at a session of the unit: posts of the branches below it. */
export const ReporterCandidates = Type.Object({
  org: OrgRef,
  secretaries: Type.Array(Type.Object({ postId: Id, person: Type.Object({ id: Id, name: Type.String() }), role: PostRoleSchema, org: OrgRef })),
});
export type ReporterCandidates = Static<typeof ReporterCandidates>;

// ---- 调查研究 ----

export const RESEARCH_STATES = ['planned', 'reported', 'returned', 'appraised'] as const;
export type ResearchState = (typeof RESEARCH_STATES)[number];
export const RESEARCH_STATE_LABELS: Record<ResearchState, Label> = {
  planned: { zh: '已计划', en: 'Planned' },
  reported: { zh: '已报告待评定', en: 'Reported' },
  returned: { zh: '报告被退回', en: 'Returned' },
  appraised: { zh: '已评定', en: 'Appraised' },
};
export const RESEARCH_TRANSITIONS = ['report', 'return', 'appraise'] as const;
export type ResearchTransition = (typeof RESEARCH_TRANSITIONS)[number];
export const RESEARCH_TRANSITION_LABELS: Record<ResearchTransition, Label> = {
  report: { zh: '提交调研报告', en: 'submit the report' },
  return: { zh: '退回修改', en: 'return with a comment' },
  appraise: { zh: '评定', en: 'appraise' },
};
export const RESEARCH_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type ResearchGrade = (typeof RESEARCH_GRADES)[number];
export const RESEARCH_GRADE_LABELS: Record<ResearchGrade, Label> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  good: { zh: '良好', en: 'Good' },
  pass: { zh: '合格', en: 'Pass' },
  fail: { zh: '不合格', en: 'Fail' },
};
/** Seed 000: every station runs at least 2 centralized research rounds a year. */
export const RESEARCH_ROUNDS_PER_YEAR = 2;

export const PlanResearchBody = Type.Object(
  {
    orgId: Id,
    topic: Type.String({ minLength: 1, maxLength: 200 }),
    villageIds: Type.Array(Id, { minItems: 1, maxItems: 30, uniqueItems: true }),
    startsOn: DateString,
    endsOn: DateString,
  },
  { additionalProperties: false },
);
export type PlanResearchBody = Static<typeof PlanResearchBody>;

export const FireResearchBody = Type.Object(
  {
    version: Version,
    report: Type.Optional(Type.String({ maxLength: 20000, description: '调研报告' })),
    grade: Type.Optional(literalUnion(RESEARCH_GRADES)),
    body: Type.Optional(Type.String({ maxLength: 4000, description: '评定意见 / 退回意见' })),
  },
  { additionalProperties: false },
);
export type FireResearchBody = Static<typeof FireResearchBody>;

/** A file of a research report, as the round lists it (and its upload answers). */
export const ResearchFile = Type.Object({ id: Id, fileName: Type.String() });
export type ResearchFile = Static<typeof ResearchFile>;

export const ResearchView = Type.Object({
  id: Id,
  org: OrgRef,
  year: Type.Integer(),
  topic: Type.String(),
  villages: Type.Array(OrgRef),
  startsOn: DateString,
  endsOn: DateString,
  status: literalUnion(RESEARCH_STATES),
  report: Type.Union([Type.String(), Type.Null()]),
  reportedOn: Type.Union([DateString, Type.Null()]),
  grade: Type.Union([literalUnion(RESEARCH_GRADES), Type.Null()]),
  appraisal: Type.Union([Type.String(), Type.Null()]),
  returnComment: Type.Union([Type.String(), Type.Null()]),
  files: Type.Array(ResearchFile),
  transitions: Type.Array(literalUnion(RESEARCH_TRANSITIONS)),
  version: Version,
});
export type ResearchView = Static<typeof ResearchView>;

export const ListResearchQuery = Type.Object(
  { orgId: Type.Optional(Id), year: Type.Optional(Year), status: Type.Optional(literalUnion(RESEARCH_STATES)), ...Paging },
  { additionalProperties: false },
);
export type ListResearchQuery = Static<typeof ListResearchQuery>;
export const ResearchPage = pageOf(ResearchView);
export type ResearchPage = Static<typeof ResearchPage>;

export const ResearchBoardQuery = Type.Object({ orgId: Type.Optional(Id), year: Type.Optional(Year) }, { additionalProperties: false });
export type ResearchBoardQuery = Static<typeof ResearchBoardQuery>;
/** ≥ 2 a year per station: rounds planned, reported (or appraised) and appraised, per station under the org. */
export const ResearchBoard = Type.Object({
  org: OrgRef,
  year: Type.Integer(),
  required: Type.Integer(),
  stations: Type.Integer(),
  short: Type.Integer(),
  rows: Type.Array(Type.Object({ org: OrgRef, township: Type.String(), planned: Type.Integer(), reported: Type.Integer(), appraised: Type.Integer(), short: Type.Boolean() })),
});
export type ResearchBoard = Static<typeof ResearchBoard>;
export const ResearchTransitionParams = Type.Object({ id: Id, transition: literalUnion(RESEARCH_TRANSITIONS) }, { additionalProperties: false });
