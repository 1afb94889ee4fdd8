// 两下两上: directives down, reports up; report forms; inspections, bulletins, accountability.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const strEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Id = Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 });
const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const OrgRefD = Type.Object({ id: Id, name: Type.String(), type: Type.String() });

/** page/pageSize of a paged list ({items, total, page, pageSize}); 50 rows a page unless asked. */
const listPaging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};
const PagedList = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
type L = { zh: string; en: string };
export const DispatchFile = Type.Object({ id: Id, fileName: Type.String(), mimeType: Type.String(), size: Type.Integer() });
export type DispatchFile = Static<typeof DispatchFile>;

/** A directive in the issuer's "我下发的" list, with its reporting progress. */
export const SentDirective = Type.Object({
  id: Id, kind: Type.String(), title: Type.String(), dueDate: Type.String(), status: Type.String(),
  periodKey: Type.Union([Type.String(), Type.Null()]), seriesId: Type.Union([Id, Type.Null()]),
  parentAssignmentId: Type.Union([Id, Type.Null()]), createdAt: Type.String(),
  targets: Type.Integer(), reported: Type.Integer(), late: Type.Integer(),
});
export type SentDirective = Static<typeof SentDirective>;
/** A directive from above that levels below this one received ("下级收到的"), counted over this subtree. */
export const FollowedDirective = Type.Composite([SentDirective, Type.Object({ issuer: OrgRefD })]);
export type FollowedDirective = Static<typeof FollowedDirective>;

export const DIRECTIVE_KINDS = ['task_list', 'report', 'data_collection', 'notice', 'duty'] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];
export const DIRECTIVE_KIND_LABELS: Record<DirectiveKind, L> = {
  task_list: { zh: '任务清单', en: 'Task list' },
  report: { zh: '工作报告', en: 'Work report' },
  data_collection: { zh: '信息报送', en: 'Data collection' },
  notice: { zh: '通知', en: 'Notice' },
  duty: { zh: '例行工作', en: 'Routine duty' },
};

export const FREQUENCIES = ['weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, L> = {
  weekly: { zh: '每周', en: 'Weekly' },
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  yearly: { zh: '每年', en: 'Yearly' },
};

export const OUTCOMES = ['done', 'partly', 'not_done'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, L> = {
  done: { zh: '已完成', en: 'Done' },
  partly: { zh: '部分完成', en: 'Partly done' },
  not_done: { zh: '未完成', en: 'Not done' },
};

export const FORM_FIELD_TYPES = ['number', 'text', 'choice', 'date'] as const;
export const FormField = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,29}$' }),
    label: Type.String({ minLength: 1, maxLength: 50 }),
    type: strEnum(FORM_FIELD_TYPES),
    required: Type.Optional(Type.Boolean()),
    options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { minItems: 1, maxItems: 30 })),
    unit: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
export type FormField = Static<typeof FormField>;
export const ReportForm = Type.Array(FormField, { maxItems: 30 });

export const Targets = Type.Object(
  {
    orgIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 5000, uniqueItems: true })),
    type: Type.Optional(strEnum(['station', 'village', 'community', 'township', 'department'] as const)),
  },
  { additionalProperties: false, description: '指定组织（orgIds），或本级以下某类组织全部（type，如全部工作站）' },
);
export type Targets = Static<typeof Targets>;

export const IssueDirectiveBody = Type.Object(
  {
    kind: strEnum(DIRECTIVE_KINDS),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    content: Type.Optional(Type.String({ maxLength: 10000 })),
    form: Type.Optional(ReportForm),
    dueDate: Type.Optional(DateString),
    allowLate: Type.Optional(Type.Boolean()),
    targets: Targets,
    recurrence: Type.Optional(
      Type.Object(
        {
          frequency: strEnum(FREQUENCIES),
          weekday: Type.Optional(Type.Integer({ minimum: 1, maximum: 7, description: '每周几下发（1=周一）' })),
          dueDays: Type.Integer({ minimum: 0, maximum: 366, description: '下发后几天内上报' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type IssueDirectiveBody = Static<typeof IssueDirectiveBody>;

export const FanOutBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    content: Type.String({ minLength: 1, maxLength: 10000 }),
    orgIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 500, uniqueItems: true, description: '不填则下发给全部下级村（社区）' })),
    dueDate: Type.String({ format: 'date', description: 'YYYY-MM-DD；不晚于本单位的上报期限；补录线下已布置的任务时可早于今天（最早 7 天前），此后的上报记为逾期' }),
  },
  { additionalProperties: false },
);
export type FanOutBody = Static<typeof FanOutBody>;

export const ReportBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    outcome: strEnum(OUTCOMES),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    text: Type.Optional(Type.String({ maxLength: 10000 })),
    figures: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,29}$' }), Type.Union([Type.Number(), Type.String({ maxLength: 500 })]))),
  },
  { additionalProperties: false },
);
export type ReportBody = Static<typeof ReportBody>;

export const AssignmentView = Type.Object({
  id: Id,
  directive: Type.Object({ id: Id, kind: strEnum(DIRECTIVE_KINDS), title: Type.String(), content: Type.String(), issuer: OrgRefD, form: ReportForm, periodKey: Type.Union([Type.String(), Type.Null()]), allowLate: Type.Boolean(), status: Type.String(), parentAssignmentId: Type.Union([Id, Type.Null()]), attachments: Type.Array(DispatchFile) }),
  org: OrgRefD,
  dueDate: DateString,
  status: strEnum(['pending', 'reported'] as const),
  overdue: Type.Boolean(),
  late: Type.Boolean(),
  outcome: Type.Union([strEnum(OUTCOMES), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  report: Type.Union([Type.String(), Type.Null()]),
  figures: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()])),
  reportedAt: Type.Union([Type.String(), Type.Null()]),
  fannedOut: Type.Array(Type.Object({ directiveId: Id, targets: Type.Integer(), reported: Type.Integer() })),
  attachments: Type.Array(DispatchFile, { description: '随上报上传的附件' }),
  version: Type.Integer(),
});
export type AssignmentView = Static<typeof AssignmentView>;

export const BoardRow = Type.Object({
  assignmentId: Id,
  org: OrgRefD,
  status: strEnum(['pending', 'reported'] as const),
  late: Type.Boolean(),
  overdue: Type.Boolean(),
  outcome: Type.Union([strEnum(OUTCOMES), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  report: Type.Union([Type.String(), Type.Null()]),
  reportedAt: Type.Union([Type.String(), Type.Null()]),
  dueDate: DateString,
  figures: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()])),
  attachments: Type.Array(DispatchFile),
  below: Type.Array(
    Type.Object({
      assignmentId: Id,
      org: OrgRefD,
      status: strEnum(['pending', 'reported'] as const),
      late: Type.Boolean(),
      overdue: Type.Boolean(),
      outcome: Type.Union([strEnum(OUTCOMES), Type.Null()]),
      reportedAt: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export const Board = Type.Object({
  directive: Type.Object({
    id: Id, title: Type.String(), content: Type.String(), dueDate: DateString, kind: strEnum(DIRECTIVE_KINDS), form: ReportForm,
    issuer: OrgRefD, status: strEnum(['open', 'closed'] as const), allowLate: Type.Boolean(), periodKey: Type.Union([Type.String(), Type.Null()]),
    parentAssignmentId: Type.Union([Id, Type.Null()]), createdAt: Type.String(), version: Type.Integer(),
    attachments: Type.Array(DispatchFile),
  }),
  totals: Type.Object({
    targets: Type.Integer(),
    reported: Type.Integer(),
    late: Type.Integer(),
    overdue: Type.Integer(),
    belowTargets: Type.Integer(),
    belowReported: Type.Integer(),
    figures: Type.Record(Type.String(), Type.Unknown(), { description: '数字字段求和，选项字段计数' }),
  }),
  rows: Type.Array(BoardRow),
});
export type Board = Static<typeof Board>;
/** One directive (下发) as its issuer and every level above its recipients read it. */
export const DirectiveView = Board.properties.directive;
export type DirectiveView = Static<typeof DirectiveView>;
export type BoardRow = Static<typeof BoardRow>;

// ---- 督查 ----
export const INSPECTION_KINDS = ['station_biweekly', 'unannounced', 'quarterly_evaluation', 'half_year_review', 'annual_review', 'other'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_LABELS: Record<InspectionKind, L> = {
  station_biweekly: { zh: '工作站双周督查', en: 'Station bi-weekly inspection' },
  unannounced: { zh: '暗访', en: 'Unannounced visit' },
  quarterly_evaluation: { zh: '季度讲评', en: 'Quarterly evaluation' },
  half_year_review: { zh: '半年问效', en: 'Half-year review' },
  annual_review: { zh: '年终考评', en: 'Annual review' },
  other: { zh: '其他督查', en: 'Other inspection' },
};

export const CreateInspectionBody = Type.Object(
  {
    kind: strEnum(INSPECTION_KINDS),
    inspectedOn: DateString,
    inspectors: Type.String({ minLength: 1, maxLength: 200 }),
    targetOrgIds: Type.Array(Id, { minItems: 1, maxItems: 200, uniqueItems: true }),
    summary: Type.Optional(Type.String({ maxLength: 10000 })),
    score: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    comment: Type.Optional(Type.String({ maxLength: 4000 })),
    findings: Type.Optional(Type.Array(Type.Object({ targetOrgId: Id, description: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type CreateInspectionBody = Static<typeof CreateInspectionBody>;

export const InspectionView = Type.Object({
  id: Id,
  kind: strEnum(INSPECTION_KINDS),
  org: OrgRefD,
  inspectedOn: DateString,
  inspectors: Type.String(),
  targets: Type.Array(OrgRefD),
  summary: Type.Union([Type.String(), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  comment: Type.Union([Type.String(), Type.Null()]),
  findings: Type.Array(Type.Object({ id: Id, target: OrgRefD, description: Type.String(), problemId: Type.Union([Id, Type.Null()]) })),
});
export type InspectionView = Static<typeof InspectionView>;

export const FindingToProblemBody = Type.Object(
  { category: Type.String({ minLength: 1, maxLength: 50 }), deadline: DateString, measures: Type.Optional(Type.String({ maxLength: 4000 })), responsiblePerson: Type.Optional(Type.String({ maxLength: 50 })) },
  { additionalProperties: false },
);

export const CreateBulletinBody = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 200 }), content: Type.String({ minLength: 1, maxLength: 20000 }), inspectionId: Type.Optional(Id) },
  { additionalProperties: false },
);
export const BulletinView = Type.Object({ id: Id, issuer: OrgRefD, title: Type.String(), content: Type.String(), inspectionId: Type.Union([Id, Type.Null()]), publishedAt: Type.String() });

export const ACCOUNTABILITY_KINDS = ['notice_criticism', 'rectify_within_deadline', 'talk', 'admonition_talk', 'removal', 'public_self_criticism'] as const;
export type AccountabilityKind = (typeof ACCOUNTABILITY_KINDS)[number];
export const ACCOUNTABILITY_KIND_LABELS: Record<AccountabilityKind, L> = {
  notice_criticism: { zh: '通报批评', en: 'Notice of criticism' },
  rectify_within_deadline: { zh: '限期整改', en: 'Rectify within a deadline' },
  talk: { zh: '约谈', en: 'Talk' },
  admonition_talk: { zh: '诫勉谈话', en: 'Admonition talk' },
  removal: { zh: '调离岗位', en: 'Removal from post' },
  public_self_criticism: { zh: '大会检讨', en: 'Self-criticism at a meeting' },
};
export const CreateAccountabilityBody = Type.Object(
  {
    kind: strEnum(ACCOUNTABILITY_KINDS),
    targetOrgId: Type.Optional(Id),
    targetPersonId: Type.Optional(Id),
    reason: Type.String({ minLength: 1, maxLength: 4000 }),
    inspectionId: Type.Optional(Id),
    problemId: Type.Optional(Id),
    decidedOn: DateString,
  },
  { additionalProperties: false },
);
export type CreateAccountabilityBody = Static<typeof CreateAccountabilityBody>;
export const AccountabilityView = Type.Object({
  id: Id,
  kind: strEnum(ACCOUNTABILITY_KINDS),
  targetOrg: Type.Union([OrgRefD, Type.Null()]),
  targetPerson: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  reason: Type.String(),
  inspectionId: Type.Union([Id, Type.Null()]),
  problemId: Type.Union([Id, Type.Null()]),
  decidedOn: DateString,
  decidedBy: OrgRefD,
});

// ---- route schemas of 两下两上, inspections, bulletins and accountability (请求与响应) ----
export const DirectiveIssued = Type.Object({
  directiveId: Type.Union([Id, Type.Null()], { description: '一次下发的任务；只设定期下发、尚未到期时为 null' }),
  seriesId: Type.Union([Id, Type.Null()], { description: '定期下发的系列；一次性下发时为 null' }),
  targets: Type.Integer(),
});
export type DirectiveIssued = Static<typeof DirectiveIssued>;
/** A list with nothing to filter by but the page (newest first). */
export const ListPageQuery = Type.Object(listPaging, { additionalProperties: false });
export type ListPageQuery = Static<typeof ListPageQuery>;
/** 已下发 / 下级收到的: searched by title, filtered by kind and status (open or closed) on the server. */
export const DirectiveListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 50, description: '按标题查找' })),
    kind: Type.Optional(strEnum(DIRECTIVE_KINDS)),
    /** open 进行中；closed 已截止 */
    status: Type.Optional(strEnum(['open', 'closed'] as const)),
    ...listPaging,
  },
  { additionalProperties: false },
);
export type DirectiveListQuery = Static<typeof DirectiveListQuery>;
/** How many directives of the list, with its title and kind filters, are open and closed (the status filter's counts). */
export const DirectiveStatusCounts = Type.Object({ open: Type.Integer(), closed: Type.Integer() });
export type DirectiveStatusCounts = Static<typeof DirectiveStatusCounts>;
export const SentDirectiveList = Type.Object({ items: Type.Array(SentDirective), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), counts: DirectiveStatusCounts });
export const FollowedDirectiveList = Type.Object({ items: Type.Array(FollowedDirective), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), counts: DirectiveStatusCounts });
export const SeriesRow = Type.Object({
  id: Id,
  kind: Type.String(),
  title: Type.String(),
  frequency: Type.String(),
  weekday: Type.Union([Type.Integer(), Type.Null()]),
  dueDays: Type.Integer(),
  active: Type.Boolean(),
  targets: Type.Unknown(),
  mine: Type.Boolean({ description: '本单位下发（可停止、恢复）' }),
});
export type SeriesRow = Static<typeof SeriesRow>;
export const SeriesList = PagedList(SeriesRow);
export const SetSeriesActiveBody = Type.Object({ active: Type.Boolean() }, { additionalProperties: false });
export const SeriesActive = Type.Object({ id: Id, active: Type.Boolean() });
export const INBOX_TABS = ['todo', 'duty', 'done'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];
export const InboxQuery = Type.Object(
  {
    all: Type.Optional(Type.Boolean({ description: '包括已上报的（不带 tab 时）' })),
    tab: Type.Optional(Type.Unsafe<InboxTab>({ type: 'string', enum: [...INBOX_TABS], description: 'todo 待上报的任务；duty 待办的例行事项（便民服务日、月底小结会）；done 已上报或已截止的' })),
    q: Type.Optional(Type.String({ maxLength: 50, description: '按标题查找' })),
    kind: Type.Optional(strEnum(DIRECTIVE_KINDS)),
    ...listPaging,
  },
  { additionalProperties: false },
);
export type InboxQuery = Static<typeof InboxQuery>;
/** How many assignments each tab of the inbox holds (with the same q and kind as the list), and the pending ones overdue or due this week. */
export const InboxCounts = Type.Object({
  todo: Type.Integer(),
  duty: Type.Integer(),
  done: Type.Integer(),
  pending: Type.Integer({ description: '待上报（任务与例行事项，不按标题与类别筛选）' }),
  overdue: Type.Integer({ description: '待上报中已逾期的' }),
  week: Type.Integer({ description: '待上报中本周（至周日）到期、尚未逾期的' }),
});
export type InboxCounts = Static<typeof InboxCounts>;
/** The listed tab's pending rows (its title and kind filters) by due date: the list's group headings 逾期 / 本周 / 以后, over the whole list, not the loaded page. */
export const InboxGroups = Type.Object({
  overdue: Type.Integer(),
  week: Type.Integer({ description: '本周（至周日）到期、尚未逾期' }),
  later: Type.Integer(),
});
export type InboxGroups = Static<typeof InboxGroups>;
export const AssignmentList = Type.Object({ items: Type.Array(AssignmentView), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), counts: InboxCounts, groups: InboxGroups });
export const FannedOut = Type.Object({ directiveId: Id, targets: Type.Integer() });
export const ReportPrefill = Type.Object({
  outcome: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
  figures: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()])),
  reported: Type.Integer(),
  targets: Type.Integer(),
  missing: Type.Array(Type.String()),
});
export type ReportPrefill = Static<typeof ReportPrefill>;
export const InspectionList = PagedList(InspectionView);
export const ListInspectionsQuery = Type.Object(
  {
    kind: Type.Optional(strEnum(INSPECTION_KINDS)),
    q: Type.Optional(Type.String({ maxLength: 50, description: '按督查人员、开展单位或被督查单位名称查找' })),
    ...listPaging,
  },
  { additionalProperties: false },
);
export type ListInspectionsQuery = Static<typeof ListInspectionsQuery>;
export const BulletinList = PagedList(BulletinView);
/** Accountability records by kind: how many the list holds of each (with its other filters), for the kind filter. */
export const AccountabilityKindCounts = Type.Object(Object.fromEntries(ACCOUNTABILITY_KINDS.map((k) => [k, Type.Integer()])) as Record<AccountabilityKind, ReturnType<typeof Type.Integer>>);
export type AccountabilityKindCounts = Static<typeof AccountabilityKindCounts>;
export const AccountabilityList = Type.Object({ items: Type.Array(AccountabilityView), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), counts: AccountabilityKindCounts });
/** Bulletins: all reaching the scope or those of one inspection, searched by title and text on the server. */
export const ListBulletinsQuery = Type.Object(
  { inspectionId: Type.Optional(Id), q: Type.Optional(Type.String({ maxLength: 50, description: '按标题或正文查找' })), ...listPaging },
  { additionalProperties: false },
);
export type ListBulletinsQuery = Static<typeof ListBulletinsQuery>;
/** Accountability records: all in the scope or those of one inspection, of one kind. */
export const ListAccountabilityQuery = Type.Object(
  { inspectionId: Type.Optional(Id), kind: Type.Optional(strEnum(ACCOUNTABILITY_KINDS)), ...listPaging },
  { additionalProperties: false },
);
export type ListAccountabilityQuery = Static<typeof ListAccountabilityQuery>;
export const FindingParams = Type.Object({ id: Id, findingId: Id }, { additionalProperties: false });
export const FindingProblemCreated = Type.Object({ problemId: Id });
