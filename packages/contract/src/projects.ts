// 项目化推进 (issue 17, seeds 004 and 002): Party-building service projects as a case type — aim ×
// class, unit, the responsibility chain (书记牵头领办 → 班子成员具体承办 → 党员认岗照办), the route
// map's milestones (挂图作战), monthly reports issued by the dispatch engine (月报告), linked
// inspections and accountability (季督查, 三不问责), the appraised year-end account (年交账), 销号 or
// carry-over; first-secretary assistance projects (第一书记帮扶项目) are the same type with the
// sending unit. Progress is computed from milestones, never typed.
import { Type, type Static } from '@sinclair/typebox';
import { SubjectResult } from './assessment.js';

const strEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Id = Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 });
const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const OrgRef = Type.Object({ id: Id, name: Type.String(), type: Type.String() });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const L = Type.Object({ zh: Type.String(), en: Type.String() });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
type Lbl = { zh: string; en: string };

/** 三个方面: the aims of seed 004. */
export const PROJECT_AIMS = ['service', 'cadre', 'mechanism'] as const;
export type ProjectAim = (typeof PROJECT_AIMS)[number];
export const PROJECT_AIM_LABELS: Record<ProjectAim, Lbl> = {
  service: { zh: '优化服务功能', en: 'Better services' },
  cadre: { zh: '提升干部素质', en: 'Stronger cadres' },
  mechanism: { zh: '完善落实机制', en: 'Working mechanisms' },
};

/** 三个分项: 重点 / 难点 / 弱点. */
export const PROJECT_CLASSES = ['key', 'hard', 'weak'] as const;
export type ProjectClass = (typeof PROJECT_CLASSES)[number];
export const PROJECT_CLASS_LABELS: Record<ProjectClass, Lbl> = {
  key: { zh: '重点', en: 'Key' },
  hard: { zh: '难点', en: 'Hard' },
  weak: { zh: '弱点', en: 'Weak' },
};

export const PROJECT_STATES = ['proposed', 'reviewed', 'approved', 'in_progress', 'year_end', 'closed', 'carried_over'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
export const PROJECT_STATE_LABELS: Record<ProjectState, Lbl> = {
  proposed: { zh: '已申报', en: 'Proposed' },
  reviewed: { zh: '已评审', en: 'Reviewed' },
  approved: { zh: '已立项', en: 'Approved' },
  in_progress: { zh: '推进中', en: 'In progress' },
  year_end: { zh: '年交账', en: 'Year-end account' },
  closed: { zh: '已销号', en: 'Closed' },
  carried_over: { zh: '已结转下年', en: 'Carried over' },
};

export const PROJECT_TRANSITIONS = ['review', 'approve', 'return', 'start', 'account', 'close', 'carry_over'] as const;
export type ProjectTransition = (typeof PROJECT_TRANSITIONS)[number];
export const PROJECT_TRANSITION_LABELS: Record<ProjectTransition, Lbl> = {
  review: { zh: '评审通过', en: 'Review' },
  approve: { zh: '批准立项', en: 'Approve' },
  return: { zh: '退回修改', en: 'Return' },
  start: { zh: '开始推进', en: 'Start' },
  account: { zh: '年终交账', en: 'Submit the year-end account' },
  close: { zh: '考评并销号', en: 'Appraise and close' },
  carry_over: { zh: '考评并结转下年', en: 'Appraise and carry over' },
};

export const PROJECT_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
/** Where a project's 年交账 appraisal takes its score: the published assessment sheets, or typed by the committee. */
export const APPRAISAL_SOURCES = ['assessment', 'committee'] as const;
export type ProjectGrade = (typeof PROJECT_GRADES)[number];
export const PROJECT_GRADE_LABELS: Record<ProjectGrade, Lbl> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  good: { zh: '良好', en: 'Good' },
  pass: { zh: '合格', en: 'Pass' },
  fail: { zh: '不合格', en: 'Fail' },
};

export const MILESTONE_STATES = ['done', 'overdue', 'due_soon', 'planned'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];
export const MILESTONE_STATE_LABELS: Record<MilestoneState, Lbl> = {
  done: { zh: '已完成', en: 'Done' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  due_soon: { zh: '7 天内到期', en: 'Due within 7 days' },
  planned: { zh: '未到期', en: 'Planned' },
};

export const PROJECT_LINK_KINDS = ['inspection', 'accountability'] as const;
export type ProjectLinkKind = (typeof PROJECT_LINK_KINDS)[number];
export const PROJECT_LINK_LABELS: Record<ProjectLinkKind, Lbl> = {
  inspection: { zh: '督查', en: 'Inspection' },
  accountability: { zh: '问责', en: 'Accountability' },
};

/** The rule the pages state beside every progress figure. */
export const PROGRESS_RULE: Lbl = {
  zh: '进度 = 已完成的路线图节点数 ÷ 全部节点数（每个节点同等权重），由节点完成记录自动计算，不能手填；月报告按时、迟报情况另列。',
  en: 'Progress = milestones done ÷ all milestones (equal weight), computed from the milestone records, never typed; monthly reports on time and late are shown beside it.',
};

const Progress = Type.Object({
  done: Type.Integer({ minimum: 0 }),
  total: Type.Integer({ minimum: 0 }),
  /** done ÷ total, 0–100, rounded; 0 when there are no milestones. */
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  overdue: Type.Integer({ minimum: 0 }),
});
const ReportCounts = Type.Object({
  answered: Type.Integer({ minimum: 0 }),
  /** Past the due date and not answered. */
  late: Type.Integer({ minimum: 0 }),
  /** Answered after the due date. */
  answeredLate: Type.Integer({ minimum: 0 }),
  pending: Type.Integer({ minimum: 0 }),
});

export const ProjectRow = Type.Object({
  id: Id,
  version: Version,
  title: Type.String(),
  year: Type.Integer(),
  aim: strEnum(PROJECT_AIMS),
  class: strEnum(PROJECT_CLASSES),
  status: strEnum(PROJECT_STATES),
  org: OrgRef,
  leader: Type.Union([Type.Object({ postId: Id, name: Type.String(), role: Type.String() }), Type.Null()]),
  /** 派出单位 of a first-secretary assistance project; null for the county's own projects. */
  sendingUnit: Nullable(Type.String()),
  budget: Type.Number({ minimum: 0, description: '预算（元）' }),
  progress: Progress,
  reports: ReportCounts,
  yearGrade: Type.Union([strEnum(PROJECT_GRADES), Type.Null()]),
  excellent: Type.Boolean(),
});
export type ProjectRow = Static<typeof ProjectRow>;

export const ProjectPage = Type.Object({
  items: Type.Array(ProjectRow),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type ProjectPage = Static<typeof ProjectPage>;

export const ProjectListQuery = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    aim: Type.Optional(strEnum(PROJECT_AIMS)),
    class: Type.Optional(strEnum(PROJECT_CLASSES)),
    status: Type.Optional(strEnum(PROJECT_STATES)),
    /** The unit and everything below it. */
    orgId: Type.Optional(Id),
    assistance: Type.Optional(strEnum(['yes', 'no'] as const)),
    /** Board drill-downs: only projects with a late report / an overdue milestone. */
    late: Type.Optional(Type.Boolean()),
    overdue: Type.Optional(Type.Boolean()),
    excellent: Type.Optional(Type.Boolean()),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  },
  { additionalProperties: false },
);
export type ProjectListQuery = Static<typeof ProjectListQuery>;

const PersonOnProject = Type.Object({ id: Id, personId: Id, name: Type.String(), role: Type.String(), postId: Type.Union([Id, Type.Null()]), claimedOn: DateString });
export const Milestone = Type.Object({
  id: Id, version: Version, title: Type.String(), dueOn: DateString, doneOn: Type.Union([DateString, Type.Null()]), note: Nullable(Type.String()), state: strEnum(MILESTONE_STATES),
});
export type Milestone = Static<typeof Milestone>;
export const ProjectReport = Type.Object({
  period: Type.String(), assignmentId: Id, directiveId: Id, dueOn: DateString, status: strEnum(['pending', 'reported'] as const),
  /** Not answered and past due, or answered after the due date. */
  late: Type.Boolean(), reportedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]), text: Nullable(Type.String()),
});
export type ProjectReport = Static<typeof ProjectReport>;
export const ProjectLink = Type.Object({ id: Id, kind: strEnum(PROJECT_LINK_KINDS), refId: Id, title: Type.String(), date: Type.Union([DateString, Type.Null()]) });
export const ProjectFile = Type.Object({ id: Id, fileName: Type.String(), mimeType: Type.String(), size: Type.Integer({ minimum: 0 }) });
export const ProjectEvent = Type.Object({
  seq: Type.Integer(), at: Type.String({ format: 'date-time' }), actor: Type.String(), kind: Type.String(),
  transition: Nullable(Type.String()), toStatus: Nullable(Type.String()), body: Nullable(Type.String()),
});
export const ProjectTransitionOffer = Type.Object({ name: strEnum(PROJECT_TRANSITIONS), label: L, requires: Type.Array(Type.String()) });

export const ProjectDetail = Type.Object({
  ...ProjectRow.properties,
  description: Type.String(),
  sendingOrg: Type.Union([OrgRef, Type.Null()]),
  undertakers: Type.Array(PersonOnProject),
  members: Type.Array(PersonOnProject),
  milestones: Type.Array(Milestone),
  reportsList: Type.Array(ProjectReport),
  links: Type.Array(ProjectLink),
  files: Type.Array(ProjectFile),
  timeline: Type.Array(ProjectEvent),
  transitions: Type.Array(ProjectTransitionOffer),
  /** Whether the caller may edit the plan (fields, milestones, people, files). */
  canEdit: Type.Boolean(),
  canAppraise: Type.Boolean(),
  yearScore: Type.Union([Type.Number(), Type.Null()]),
  yearSummary: Nullable(Type.String()),
  carriedFrom: Type.Union([Id, Type.Null()]),
  carriedTo: Type.Union([Id, Type.Null()]),
  progressRule: L,
  /** 年交账考核: the project's published assessment sheets of its year (null when the caller may not read assessment, or none) */
  yearAccount: Type.Union([SubjectResult, Type.Null()]),
  /**
   * Where the appraisal's score comes from: 'assessment' — the published 年交账 sheets (the county
   * published a project scheme of the year; the step takes no typed score), 'committee' — typed on
   * the step (no such scheme). For an appraised project, what its score was taken from; null before
   * the year-end account.
   */
  appraisalSource: Type.Union([strEnum(APPRAISAL_SOURCES), Type.Null()]),
});
export type ProjectDetail = Static<typeof ProjectDetail>;

const MilestoneInput = Type.Object({ title: Text(200), dueOn: DateString }, { additionalProperties: false });
const Budget = Type.Number({ minimum: 0, maximum: 10_000_000_000, description: '预算（元），至多两位小数' });

export const CreateProjectBody = Type.Object(
  {
    title: Text(200),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    aim: strEnum(PROJECT_AIMS),
    class: strEnum(PROJECT_CLASSES),
    orgId: Id,
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    /** 书记牵头领办: a current post at the unit. */
    leaderPostId: Type.Optional(Id),
    /** 班子成员具体承办: current posts at the unit. */
    undertakerPostIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
    budget: Type.Optional(Budget),
    sendingUnit: Type.Optional(Type.String({ maxLength: 100 })),
    sendingOrgId: Type.Optional(Id),
    milestones: Type.Optional(Type.Array(MilestoneInput, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type CreateProjectBody = Static<typeof CreateProjectBody>;

export const UpdateProjectBody = Type.Object(
  {
    version: Version,
    title: Type.Optional(Text(200)),
    aim: Type.Optional(strEnum(PROJECT_AIMS)),
    class: Type.Optional(strEnum(PROJECT_CLASSES)),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    leaderPostId: Type.Optional(Type.Union([Id, Type.Null()])),
    undertakerPostIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
    budget: Type.Optional(Budget),
    sendingUnit: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateProjectBody = Static<typeof UpdateProjectBody>;

export const AddMilestoneBody = MilestoneInput;
export type AddMilestoneBody = Static<typeof AddMilestoneBody>;
export const MilestoneDoneBody = Type.Object({ version: Version, doneOn: DateString, note: Text(2000) }, { additionalProperties: false });
export type MilestoneDoneBody = Static<typeof MilestoneDoneBody>;
export const ClaimRoleBody = Type.Object({ personId: Id, role: Text(60) }, { additionalProperties: false });
export type ClaimRoleBody = Static<typeof ClaimRoleBody>;
export const LinkProjectBody = Type.Object({ kind: strEnum(PROJECT_LINK_KINDS), refId: Id }, { additionalProperties: false });
export type LinkProjectBody = Static<typeof LinkProjectBody>;
export const FireProjectBody = Type.Object(
  {
    version: Version,
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    /** 年交账: the unit's account of the year. */
    summary: Type.Optional(Type.String({ maxLength: 4000 })),
    /** 考评: score 0–100 and grade, typed on the year-end step only where the county does not score 年交账 through assessment. */
    score: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    grade: Type.Optional(strEnum(PROJECT_GRADES)),
  },
  { additionalProperties: false },
);
export type FireProjectBody = Static<typeof FireProjectBody>;
export const ExcellentBody = Type.Object({ version: Version, excellent: Type.Boolean() }, { additionalProperties: false });
export type ExcellentBody = Static<typeof ExcellentBody>;

export const ProjectBoardQuery = Type.Object(
  { orgId: Type.Optional(Id), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) },
  { additionalProperties: false },
);
export type ProjectBoardQuery = Static<typeof ProjectBoardQuery>;
export const ProjectBoard = Type.Object({
  org: OrgRef,
  year: Type.Integer(),
  today: DateString,
  totals: Type.Object({ projects: Type.Integer(), inProgress: Type.Integer(), lateReports: Type.Integer(), overdueMilestones: Type.Integer() }),
  /** One row per org directly below (and the org itself for its own projects), counted over its subtree. */
  rows: Type.Array(Type.Object({
    org: OrgRef, own: Type.Boolean(), projects: Type.Integer(), inProgress: Type.Integer(), lateReports: Type.Integer(), overdueMilestones: Type.Integer(),
    /** Whether the org has orgs below it to drill into. */
    hasChildren: Type.Boolean(),
  })),
  /** The late reports and overdue milestones themselves (most overdue first, at most 100 each). */
  lateReports: Type.Array(Type.Object({ projectId: Id, title: Type.String(), org: OrgRef, period: Type.String(), dueOn: DateString, assignmentId: Id })),
  overdueMilestones: Type.Array(Type.Object({ projectId: Id, title: Type.String(), org: OrgRef, milestone: Type.String(), dueOn: DateString })),
});
export type ProjectBoard = Static<typeof ProjectBoard>;

export const ProjectMatrixQuery = Type.Object(
  { orgId: Type.Optional(Id), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), assistance: Type.Optional(strEnum(['yes', 'no'] as const)) },
  { additionalProperties: false },
);
export type ProjectMatrixQuery = Static<typeof ProjectMatrixQuery>;
export const ProjectMatrix = Type.Object({
  year: Type.Integer(),
  cells: Type.Array(Type.Object({ aim: strEnum(PROJECT_AIMS), class: strEnum(PROJECT_CLASSES), count: Type.Integer({ minimum: 0 }) })),
  total: Type.Integer({ minimum: 0 }),
});
export type ProjectMatrix = Static<typeof ProjectMatrix>;

export const ProjectSettings = Type.Object({ reportDay: Type.Integer({ minimum: 1, maximum: 28 }) }, { additionalProperties: false });
export type ProjectSettings = Static<typeof ProjectSettings>;


export const ProjectTransitionParams = Type.Object({ id: Id, transition: strEnum(PROJECT_TRANSITIONS) }, { additionalProperties: false });
export const ProjectMilestoneParams = Type.Object({ id: Id, milestoneId: Id }, { additionalProperties: false });
