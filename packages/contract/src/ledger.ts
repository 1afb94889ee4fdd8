// 问题台账 · 整改销号: the ledger's enumerations, labels and API schemas.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const strEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Id = Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 });
const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const PROBLEM_STATES = ['registered', 'rectifying', 'submitted', 'accepted', 'closed', 'published'] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];
export const PROBLEM_STATE_LABELS: Record<ProblemState, { zh: string; en: string }> = {
  registered: { zh: '已登记', en: 'Registered' },
  rectifying: { zh: '整改中', en: 'Rectifying' },
  submitted: { zh: '待验收', en: 'Awaiting check' },
  accepted: { zh: '已验收', en: 'Accepted' },
  closed: { zh: '已销号', en: 'Closed' },
  published: { zh: '已公示', en: 'Published' },
};

export const PROBLEM_TRANSITIONS = ['start', 'submit', 'return', 'accept', 'close', 'publish'] as const;
export type ProblemTransition = (typeof PROBLEM_TRANSITIONS)[number];
export const PROBLEM_TRANSITION_LABELS: Record<ProblemTransition, { zh: string; en: string }> = {
  start: { zh: '开始整改', en: 'start rectifying' },
  submit: { zh: '提交验收', en: 'submit for checking' },
  return: { zh: '退回重改', en: 'return for rework' },
  accept: { zh: '验收通过', en: 'accept' },
  close: { zh: '销号', en: 'close' },
  publish: { zh: '反馈公示', en: 'publish' },
};

/**
 * Problem sources (问题来源) are county data, like the categories (台账设置): these are the
 * built-in codes every county starts with; a county adds its own (code `custom_<n>`), renames and
 * retires them. A problem keeps its source's code; the label comes from the county's list.
 */
export const PROBLEM_SOURCES = ['superior_feedback', 'provincial_bulletin', 'station_inspection', 'citizen', 'inspection_tour', 'heart_talk', 'visit', 'other'] as const;
/** A source code: a built-in one or a county's own. */
export type ProblemSource = string;
export const PROBLEM_SOURCE_LABELS: Record<(typeof PROBLEM_SOURCES)[number], { zh: string; en: string }> = {
  superior_feedback: { zh: '上级督查反馈', en: 'Feedback from superior inspection' },
  provincial_bulletin: { zh: '省市督查通报', en: 'Provincial/city bulletin' },
  station_inspection: { zh: '工作站督查发现', en: 'Found by station inspection' },
  citizen: { zh: '群众反映', en: 'Reported by citizens' },
  inspection_tour: { zh: '巡察', en: 'Inspection tour' },
  heart_talk: { zh: '谈心谈话', en: 'Heart-to-heart talks' },
  visit: { zh: '走访', en: 'Home visits' },
  other: { zh: '其他', en: 'Other' },
};
/** The label of a built-in source code (a county's own sources carry their labels in its settings). */
export const builtInSourceLabel = (code: string): { zh: string; en: string } | undefined =>
  (PROBLEM_SOURCE_LABELS as Record<string, { zh: string; en: string }>)[code];
export const DEFAULT_PROBLEM_SOURCES: { code: string; label: string; active: boolean }[] = PROBLEM_SOURCES.map((code) => ({ code, label: PROBLEM_SOURCE_LABELS[code].zh, active: true }));

export const DEFAULT_PROBLEM_CATEGORIES = ['基层组织建设', '党员教育管理', '作风建设', '经济社会发展', '联系服务群众', '党风廉政建设'];

export const ProblemSourceSchema = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description: '问题来源代码（本县台账设置中的来源）' });
export const ProblemStateSchema = strEnum(PROBLEM_STATES);
export const ProblemTransitionSchema = strEnum(PROBLEM_TRANSITIONS);

const OrgRefL = Type.Object({ id: Id, name: Type.String(), type: Type.String() });

export const RegisterProblemBody = Type.Object(
  {
    orgId: Id,
    source: ProblemSourceSchema,
    category: Type.String({ minLength: 1, maxLength: 50 }),
    description: Type.String({ minLength: 1, maxLength: 4000 }),
    measures: Type.Optional(Type.String({ maxLength: 4000 })),
    responsibleOrgId: Type.Optional(Id),
    responsiblePerson: Type.Optional(Type.String({ maxLength: 50 })),
    deadline: DateString,
    checkerAccountId: Type.Optional(Id),
    sourceRef: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type RegisterProblemBody = Static<typeof RegisterProblemBody>;

export const FireProblemBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    comment: Type.Optional(Type.String({ maxLength: 4000, description: '说明、理由或意见' })),
    measures: Type.Optional(Type.String({ maxLength: 4000 })),
    publicSummary: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type FireProblemBody = Static<typeof FireProblemBody>;

export const NoteBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });

export const ProblemSummary = Type.Object({
  id: Id,
  status: ProblemStateSchema,
  source: ProblemSourceSchema,
  category: Type.String(),
  title: Type.String(),
  description: Type.String(),
  org: OrgRefL,
  responsibleOrg: OrgRefL,
  responsiblePerson: Type.Union([Type.String(), Type.Null()]),
  deadline: Type.Union([DateString, Type.Null()]),
  daysLeft: Type.Union([Type.Integer(), Type.Null()], { description: '距期限天数，负数为逾期' }),
  overdue: Type.Boolean(),
  supervisionDue: Type.Union([DateString, Type.Null()]),
  supervisionOverdue: Type.Boolean(),
  escalated: Type.Boolean(),
  returnedCount: Type.Integer(),
  openedAt: Type.String(),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  canSupervise: Type.Boolean({ description: '当前账号现在可以督办（工作站或上级，未整改完成）' }),
  sourceLabel: Type.String({ description: '问题来源的名称（本县台账设置）' }),
});
export type ProblemSummary = Static<typeof ProblemSummary>;

/** A file attached to a case, as its timeline shows it (the answer to uploading it). */
export const CaseAttachment = Type.Object({ id: Id, fileName: Type.String(), mimeType: Type.String(), size: Type.Integer() });
export type CaseAttachment = Static<typeof CaseAttachment>;

export const TimelineEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  actorDisplay: Type.Union([Type.String(), Type.Null()], { description: '办理账号的名称（如“榆舍党建工作站”）；系统或群众为空' }),
  kind: Type.String(),
  transition: Type.Union([Type.String(), Type.Null()]),
  fromStatus: Type.Union([Type.String(), Type.Null()]),
  toStatus: Type.Union([Type.String(), Type.Null()]),
  text: Type.Union([Type.String(), Type.Null()]),
  attachment: Type.Union([CaseAttachment, Type.Null()]),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const ProblemDetail = Type.Composite([
  ProblemSummary,
  Type.Object({
    measures: Type.Union([Type.String(), Type.Null()]),
    progress: Type.Union([Type.String(), Type.Null()]),
    closureOpinion: Type.Union([Type.String(), Type.Null()]),
    publicSummary: Type.Union([Type.String(), Type.Null()]),
    sourceRef: Type.Union([Type.String(), Type.Null()]),
    finding: Type.Union([Type.Object({ inspectionId: Id, findingId: Id }), Type.Null()], { description: '来自哪次督查的哪条发现' }),
    checker: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
    checkingOrg: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()], {
      description: '没有指定验收人时负责验收的单位：问题所在的工作站，没有工作站（或责任单位就是工作站）时为乡镇，部门的问题为县',
    }),
    signingOrg: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()], { description: '签批销号的单位（按本县的销号签批设置）' }),
    timeline: Type.Array(TimelineEntry),
    actions: Type.Array(ProblemTransitionSchema, { description: '当前账号可以执行的环节' }),
  }),
]);
export type ProblemDetail = Static<typeof ProblemDetail>;

export const ListProblemsQuery = Type.Object(
  {
    orgId: Type.Optional(Id),
    status: Type.Optional(ProblemStateSchema),
    open: Type.Optional(Type.Boolean({ description: '仅未销号' })),
    source: Type.Optional(ProblemSourceSchema),
    category: Type.Optional(Type.String({ maxLength: 50 })),
    overdue: Type.Optional(Type.Boolean()),
    supervisionDue: Type.Optional(Type.Boolean()),
    escalated: Type.Optional(Type.Boolean({ description: '上报到本级的逾期事项' })),
    q: Type.Optional(Type.String({ maxLength: 50 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  },
  { additionalProperties: false },
);
export type ListProblemsQuery = Static<typeof ListProblemsQuery>;

export const LedgerCounts = Type.Object({
  total: Type.Integer({ description: '符合筛选条件（不含状态条件）的问题数' }),
  byStatus: Type.Object(Object.fromEntries(PROBLEM_STATES.map((s) => [s, Type.Integer()])) as Record<ProblemState, ReturnType<typeof Type.Integer>>),
  open: Type.Integer({ description: '未销号' }),
  overdue: Type.Integer(),
  supervisionDue: Type.Integer(),
});
export type LedgerCounts = Static<typeof LedgerCounts>;

export const LedgerStatsRow = Type.Object({
  org: OrgRefL,
  total: Type.Integer(),
  open: Type.Integer(),
  overdue: Type.Integer(),
  closed: Type.Integer(),
  closedOnTime: Type.Integer(),
  closureRate: Type.Number({ description: '销号率 0–1' }),
  avgDaysToClose: Type.Union([Type.Number(), Type.Null()]),
});
export type LedgerStatsRow = Static<typeof LedgerStatsRow>;

export const LedgerStats = Type.Object({ node: LedgerStatsRow, children: Type.Array(LedgerStatsRow) });
export type LedgerStats = Static<typeof LedgerStats>;

export const PublicClosure = Type.Object({
  id: Id,
  org: Type.String(),
  township: Type.Union([Type.String(), Type.Null()]),
  category: Type.String(),
  source: Type.String(),
  description: Type.String(),
  publicSummary: Type.String(),
  openedOn: DateString,
  closedOn: Type.Union([DateString, Type.Null()]),
  publishedOn: DateString,
});
export type PublicClosure = Static<typeof PublicClosure>;

export const PublicClosureCounty = Type.Object({ id: Id, name: Type.String(), published: Type.Integer() });
export type PublicClosureCounty = Static<typeof PublicClosureCounty>;

export const LedgerSource = Type.Object({
  code: ProblemSourceSchema,
  label: Type.String({ minLength: 1, maxLength: 20 }),
  active: Type.Boolean({ description: '停用的来源不再可选，已登记的问题保留' }),
});
export type LedgerSource = Static<typeof LedgerSource>;

export const LedgerSettings = Type.Object({
  categories: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { minItems: 1, maxItems: 50 }),
  supervisionDays: Type.Integer({ minimum: 1, maximum: 90 }),
  closureSigner: strEnum(['station_admin', 'township_admin'] as const),
  sources: Type.Array(LedgerSource, { description: '本县的问题来源（含已停用的）' }),
});
export type LedgerSettings = Static<typeof LedgerSettings>;

/** Saving the settings: `sources` lists the sources in use, in order (no code: a new one; a code left out: retired). */
export const SaveLedgerSettingsBody = Type.Object(
  {
    categories: LedgerSettings.properties.categories,
    supervisionDays: LedgerSettings.properties.supervisionDays,
    closureSigner: LedgerSettings.properties.closureSigner,
    sources: Type.Optional(Type.Array(Type.Object({ code: Type.Optional(ProblemSourceSchema), label: Type.String({ minLength: 1, maxLength: 20 }), active: Type.Optional(Type.Boolean({ description: 'false：停用（与未列出相同），便于原样回传 GET 的结果' })) }, { additionalProperties: false }), { minItems: 1, maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type SaveLedgerSettingsBody = Static<typeof SaveLedgerSettingsBody>;

// ---- 任务清单 · 责任清单 ----
export const TASK_STATES = ['assigned', 'in_progress', 'submitted', 'completed'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TASK_STATE_LABELS: Record<TaskState, { zh: string; en: string }> = {
  assigned: { zh: '已下达', en: 'Assigned' },
  in_progress: { zh: '推进中', en: 'In progress' },
  submitted: { zh: '已报完成', en: 'Reported done' },
  completed: { zh: '已完成', en: 'Completed' },
};
export const TASK_TRANSITIONS = ['start', 'submit', 'return', 'confirm'] as const;
export type TaskTransition = (typeof TASK_TRANSITIONS)[number];
export const TASK_TRANSITION_LABELS: Record<TaskTransition, { zh: string; en: string }> = {
  start: { zh: '开始推进', en: 'start' },
  submit: { zh: '报告完成', en: 'report done' },
  return: { zh: '退回', en: 'return' },
  confirm: { zh: '确认完成', en: 'confirm' },
};

export const CreateTaskBody = Type.Object(
  {
    orgId: Id,
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    content: Type.String({ minLength: 1, maxLength: 4000 }),
    ownerOrgId: Type.Optional(Id),
    ownerPerson: Type.Optional(Type.String({ maxLength: 50 })),
    deadline: DateString,
  },
  { additionalProperties: false },
);
export type CreateTaskBody = Static<typeof CreateTaskBody>;

export const TaskRow = Type.Object({
  id: Id,
  year: Type.Integer(),
  status: strEnum(TASK_STATES),
  content: Type.String(),
  org: OrgRefL,
  ownerOrg: OrgRefL,
  ownerPerson: Type.Union([Type.String(), Type.Null()]),
  deadline: Type.Union([DateString, Type.Null()]),
  overdue: Type.Boolean(),
  result: Type.Union([Type.String(), Type.Null()]),
  actions: Type.Array(strEnum(TASK_TRANSITIONS)),
  version: Type.Integer(),
});
export type TaskRow = Static<typeof TaskRow>;

export const FireTaskBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), comment: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);

export const CreateResponsibilityBody = Type.Object(
  {
    orgId: Id,
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    postRole: Type.Optional(Type.String({ maxLength: 40 })),
    personId: Type.Optional(Id),
    duty: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type CreateResponsibilityBody = Static<typeof CreateResponsibilityBody>;

export const ResponsibilityRow = Type.Object({
  id: Id,
  year: Type.Integer(),
  org: OrgRefL,
  postRole: Type.Union([Type.String(), Type.Null()]),
  person: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  duty: Type.String(),
  version: Type.Integer(),
});
export type ResponsibilityRow = Static<typeof ResponsibilityRow>;

// ---- route schemas of the ledger and the lists (请求与响应) ----
const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export const ProblemPage = PageOf(ProblemSummary);
export const PublicClosurePage = PageOf(PublicClosure);
export const PublicClosureCountyList = Type.Array(PublicClosureCounty, { description: '各县（一县一行，县数很少，不分页）' });
export const ImportBulletinQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ description: '只检查不导入' })),
    mode: Type.Optional(strEnum(['all_or_nothing', 'valid_only'] as const)),
    source: Type.Optional(ProblemSourceSchema),
    sourceRef: Type.Optional(Type.String({ maxLength: 100, description: '通报文号' })),
  },
  { additionalProperties: false },
);
export const ProblemTransitionParams = Type.Object({ id: Id, transition: strEnum(PROBLEM_TRANSITIONS) }, { additionalProperties: false });
export const LedgerStatsQuery = Type.Object({ orgId: Type.Optional(Id) }, { additionalProperties: false });
export const PublicClosuresQuery = Type.Object(
  { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) },
  { additionalProperties: false },
);
export const ListYearQuery = Type.Object(
  {
    orgId: Type.Optional(Id),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type ListYearQuery = Static<typeof ListYearQuery>;
/**
 * 任务清单's query: a year's tasks, or with `open` the unfinished ones (not yet reported done) of every
 * year — what 工作台's 任务清单未完成 counts and links to. The year is required unless `open` is set.
 */
export const TaskListQuery = Type.Object(
  {
    orgId: Type.Optional(Id),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    open: Type.Optional(Type.Boolean()),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type TaskListQuery = Static<typeof TaskListQuery>;
export const TaskList = PageOf(TaskRow);
export const ResponsibilityList = PageOf(ResponsibilityRow);
export const TaskTransitionParams = Type.Object({ id: Id, transition: strEnum(TASK_TRANSITIONS) }, { additionalProperties: false });
