// Serving citizens: errands (群众事项代办), whistle-and-report (吹哨报到), 连心卡, 民情日记, grids.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const strEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Id = Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 });
const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const OrgRefC = Type.Object({ id: Id, name: Type.String(), type: Type.String() });

/** page/pageSize of a paged list ({items, total, page, pageSize}); 50 rows a page unless asked. */
const listPaging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};
const PagedList = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
type L = { zh: string; en: string };

export const REQUEST_STATES = ['received', 'claimed', 'promised', 'resolved', 'archived'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const REQUEST_STATE_LABELS: Record<RequestState, L> = {
  received: { zh: '已受理', en: 'Received' },
  claimed: { zh: '办理中', en: 'Being handled' },
  promised: { zh: '已承诺', en: 'Promised' },
  resolved: { zh: '已办结', en: 'Resolved' },
  archived: { zh: '已归档', en: 'Archived' },
};
export const REQUEST_TRANSITIONS = ['claim', 'promise', 'resolve', 'archive', 'reopen'] as const;
export type RequestTransition = (typeof REQUEST_TRANSITIONS)[number];
export const REQUEST_TRANSITION_LABELS: Record<RequestTransition, L> = {
  claim: { zh: '首问负责（接办）', en: 'take it on' },
  promise: { zh: '办事承诺', en: 'promise a date' },
  resolve: { zh: '办结', en: 'resolve' },
  archive: { zh: '登记归档', en: 'archive' },
  reopen: { zh: '重新办理', en: 'reopen' },
};

export const CHANNELS = ['station', 'village', 'grid', 'phone', 'visit', 'public', 'diary'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, L> = {
  station: { zh: '工作站受理', en: 'At the station' },
  village: { zh: '村（社区）受理', en: 'At the village' },
  grid: { zh: '网格员受理', en: 'By a grid worker' },
  phone: { zh: '电话', en: 'By phone' },
  visit: { zh: '来访', en: 'In-person visit' },
  public: { zh: '网上提交', en: 'Online' },
  diary: { zh: '走访发现', en: 'Found on a household visit' },
};

export const REQUEST_CATEGORIES = ['errand', 'consultation', 'complaint', 'conflict', 'assistance', 'other'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];
export const REQUEST_CATEGORY_LABELS: Record<RequestCategory, L> = {
  errand: { zh: '代办事项', en: 'Errand' },
  consultation: { zh: '政策咨询', en: 'Consultation' },
  complaint: { zh: '投诉建议', en: 'Complaint or suggestion' },
  conflict: { zh: '矛盾纠纷', en: 'Dispute' },
  assistance: { zh: '困难帮扶', en: 'Assistance' },
  other: { zh: '其他', en: 'Other' },
};

export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, L> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basic: { zh: '基本满意', en: 'Mostly satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};

/** 公示公开: the services a unit does for citizens and how (the published list). */
export const PUBLISHED_SERVICES: { name: string; procedure: string }[] = [
  { name: '社保医保代办', procedure: '携带身份证到工作站或村委会登记，工作人员代为办理，办结后电话告知。' },
  { name: '证明材料开具', procedure: '说明用途，工作人员核实后一个工作日内出具。' },
  { name: '惠民政策咨询', procedure: '当场答复；不能当场答复的，三个工作日内回复。' },
  { name: '矛盾纠纷调解', procedure: '登记后由村调解委员会或工作站组织调解，必要时请相关部门到场。' },
  { name: '困难群众帮扶', procedure: '登记困难情况，工作站核实后协调帮扶措施并跟踪落实。' },
];

export const CreateRequestBody = Type.Object(
  {
    orgId: Id,
    channel: strEnum(CHANNELS),
    category: strEnum(REQUEST_CATEGORIES),
    citizenName: Type.String({ minLength: 1, maxLength: 50 }),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
    matter: Type.String({ minLength: 1, maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type CreateRequestBody = Static<typeof CreateRequestBody>;

export const FireRequestBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    comment: Type.Optional(Type.String({ maxLength: 4000 })),
    promisedDate: Type.Optional(DateString),
    resolved: Type.Optional(Type.Boolean({ description: '办结时：问题是否解决' })),
  },
  { additionalProperties: false },
);
export type FireRequestBody = Static<typeof FireRequestBody>;

export const RequestSummary = Type.Object({
  id: Id,
  trackingCode: Type.String(),
  status: strEnum(REQUEST_STATES),
  channel: strEnum(CHANNELS),
  category: strEnum(REQUEST_CATEGORIES),
  matter: Type.String(),
  citizenName: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  org: OrgRefC,
  owner: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  promisedDate: Type.Union([DateString, Type.Null()]),
  overdue: Type.Boolean(),
  rating: Type.Union([strEnum(RATINGS), Type.Null()]),
  openedAt: Type.String(),
  version: Type.Integer(),
});
export type RequestSummary = Static<typeof RequestSummary>;

export const RequestDetail = Type.Composite([
  RequestSummary,
  Type.Object({
    firstOwner: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
    outcome: Type.Union([Type.String(), Type.Null()]),
    resolved: Type.Union([Type.Boolean(), Type.Null()]),
    ratingComment: Type.Union([Type.String(), Type.Null()]),
    timeline: Type.Array(Type.Object({ seq: Type.Integer(), at: Type.String(), actor: Type.String(), actorDisplay: Type.Union([Type.String(), Type.Null()], { description: '办理人（账号的显示名称）；群众或系统为 null' }), kind: Type.String(), transition: Type.Union([Type.String(), Type.Null()]), text: Type.Union([Type.String(), Type.Null()]), public: Type.Boolean() })),
    whistles: Type.Array(Type.Object({ id: Id, status: Type.String(), parts: Type.Integer(), done: Type.Integer() })),
    attachments: Type.Array(Type.Object({ id: Id, fileName: Type.String(), mimeType: Type.String(), size: Type.Integer(), byCitizen: Type.Boolean() })),
    actions: Type.Array(strEnum(REQUEST_TRANSITIONS)),
    /** The handler of record may show the citizen's full phone (POST /api/requests/{id}/reveal-phone, audited). */
    canRevealPhone: Type.Boolean(),
  }),
]);
export type RequestDetail = Static<typeof RequestDetail>;
export const RevealedPhone = Type.Object({ id: Id, phone: Type.String() });
export type RevealedPhone = Static<typeof RevealedPhone>;

export const ListRequestsQuery = Type.Object(
  {
    orgId: Type.Optional(Id),
    status: Type.Optional(strEnum(REQUEST_STATES)),
    channel: Type.Optional(strEnum(CHANNELS)),
    overdue: Type.Optional(Type.Boolean({ description: '已超过承诺日期仍未办结' })),
    mine: Type.Optional(Type.Boolean({ description: '我负责的' })),
    open: Type.Optional(Type.Boolean()),
    month: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$' })),
    metric: Type.Optional(strEnum(['total', 'responded', 'resolved', 'satisfied', 'rated', 'conflicts', 'visits'] as const)),
    q: Type.Optional(Type.String({ maxLength: 50 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type ListRequestsQuery = Static<typeof ListRequestsQuery>;

// ---- public ----
export const PublicSubmitBody = Type.Object(
  {
    unitId: Id,
    name: Type.String({ minLength: 1, maxLength: 50 }),
    phone: Type.String({ minLength: 5, maxLength: 20 }),
    matter: Type.String({ minLength: 1, maxLength: 2000 }),
    category: Type.Optional(strEnum(REQUEST_CATEGORIES)),
    challengeToken: Type.String({ minLength: 10, maxLength: 200 }),
    challengeAnswer: Type.String({ minLength: 1, maxLength: 10 }),
  },
  { additionalProperties: false },
);
export type PublicSubmitBody = Static<typeof PublicSubmitBody>;

/** A unit's public page (连心卡二维码): what it serves and how, with no personal data. */
/** A section of a unit's public page contributed by a module (server: core/public-sections.ts). */
export const PublicSectionItem = Type.Object({
  title: Type.String(),
  detail: Type.Union([Type.String(), Type.Null()]),
  at: Type.Union([Type.String(), Type.Null()]),
  /** a link inside the public app (/public/…) */
  href: Type.Union([Type.String(), Type.Null()]),
});
export const PublicSection = Type.Object({
  key: Type.String(),
  title: Type.String(),
  items: Type.Array(PublicSectionItem),
  more: Type.Union([Type.Object({ label: Type.String(), href: Type.String() }), Type.Null()]),
});
export type PublicSection = Static<typeof PublicSection>;

export const PublicUnit = Type.Object({
  id: Id,
  name: Type.String(),
  type: Type.String(),
  township: Type.Union([Type.String(), Type.Null()]),
  county: Type.Union([Type.String(), Type.Null()]),
  services: Type.Array(Type.Object({ name: Type.String(), procedure: Type.String() })),
  promise: Type.String(),
  /** what other modules publish for this unit (duty lists, disclosures, who is on duty, …), in page order */
  sections: Type.Array(PublicSection),
});
export type PublicUnit = Static<typeof PublicUnit>;

export const PublicProgress = Type.Object({
  trackingCode: Type.String(),
  unit: Type.String(),
  status: strEnum(REQUEST_STATES),
  statusLabel: Type.String(),
  matter: Type.String(),
  submittedAt: Type.String(),
  promisedDate: Type.Union([DateString, Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
  rating: Type.Union([strEnum(RATINGS), Type.Null()]),
  canRate: Type.Boolean(),
  messages: Type.Array(Type.Object({ at: Type.String(), text: Type.String() })),
});
export type PublicProgress = Static<typeof PublicProgress>;

/** The citizen's photo (optional, one per request): an image by its content, at most 5 MB. */
export const MAX_PUBLIC_PHOTO_BYTES = 5 * 1024 * 1024;

/** Tracking a request: the code and the phone travel in the body, never in a URL (URLs reach logs and histories). */
export const TrackingCode = Type.String({ pattern: '^[A-Za-z0-9]{6,20}$', description: '查询码' });
export const PublicTrackBody = Type.Object(
  { code: TrackingCode, phone: Type.String({ minLength: 5, maxLength: 20 }) },
  { additionalProperties: false },
);
export type PublicTrackBody = Static<typeof PublicTrackBody>;
export const PublicTrackRateBody = Type.Object(
  { code: TrackingCode, phone: Type.String({ minLength: 5, maxLength: 20 }), rating: strEnum(RATINGS), comment: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type PublicTrackRateBody = Static<typeof PublicTrackRateBody>;

// ---- 吹哨报到 ----
export const WhistleBody = Type.Object(
  {
    sourceCaseId: Id,
    matter: Type.String({ minLength: 1, maxLength: 4000 }),
    departmentIds: Type.Array(Id, { minItems: 1, maxItems: 20, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export const WHISTLE_PART_STATES = ['whistled', 'reported', 'handling', 'done', 'declined', 'rerouted'] as const;
export const WHISTLE_PART_LABELS: Record<(typeof WHISTLE_PART_STATES)[number], L> = {
  whistled: { zh: '待报到', en: 'Whistled' },
  reported: { zh: '已报到', en: 'Reported in' },
  handling: { zh: '处置中', en: 'Handling' },
  done: { zh: '已办结', en: 'Done' },
  declined: { zh: '已退回', en: 'Declined' },
  rerouted: { zh: '已改派', en: 'Re-routed' },
};
export const WhistlePartAction = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    action: strEnum(['report', 'claim', 'record', 'finish', 'decline'] as const),
    part: Type.Optional(Type.String({ maxLength: 2000 })),
    onsiteRecord: Type.Optional(Type.String({ maxLength: 4000 })),
    result: Type.Optional(Type.String({ maxLength: 4000 })),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    suggestedOrgId: Type.Optional(Id),
    judicialTransfer: Type.Optional(Type.Boolean({ description: '移交公检法' })),
  },
  { additionalProperties: false },
);
export type WhistlePartActionT = Static<typeof WhistlePartAction>;

export const WhistleView = Type.Object({
  id: Id,
  status: Type.String(),
  matter: Type.String(),
  whistler: OrgRefC,
  sourceCaseId: Id,
  sourceType: Type.Union([Type.Literal('request'), Type.Literal('problem')], { description: '群众事项或台账问题' }),
  createdAt: Type.String(),
  doneAt: Type.Union([Type.String(), Type.Null()]),
  parts: Type.Array(
    Type.Object({
      id: Id,
      department: OrgRefC,
      status: strEnum(WHISTLE_PART_STATES),
      part: Type.Union([Type.String(), Type.Null()]),
      reportedAt: Type.Union([Type.String(), Type.Null()]),
      responseMinutes: Type.Union([Type.Integer(), Type.Null()]),
      onsiteRecord: Type.Union([Type.String(), Type.Null()]),
      result: Type.Union([Type.String(), Type.Null()]),
      declineReason: Type.Union([Type.String(), Type.Null()]),
      suggestedOrg: Type.Union([OrgRefC, Type.Null()]),
      judicialTransfer: Type.Boolean(),
      version: Type.Integer(),
    }),
  ),
});
export type WhistleView = Static<typeof WhistleView>;

/** What a whistle was blown for, read-only for the departments on it (`/api/whistles/{id}/source`). */
export const WhistleSource = Type.Object({
  whistleId: Id,
  caseId: Id,
  type: Type.Union([Type.Literal('request'), Type.Literal('problem')]),
  title: Type.String(),
  status: Type.String(),
  deadline: Type.Union([Type.String(), Type.Null()]),
  openedAt: Type.String(),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  org: OrgRefC,
  category: Type.Union([Type.String(), Type.Null()]),
  matter: Type.Union([Type.String(), Type.Null()], { description: '群众诉求或问题描述' }),
  channel: Type.Union([Type.String(), Type.Null()]),
  citizenName: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()], { description: '脱敏手机号' }),
  promisedDate: Type.Union([Type.String(), Type.Null()]),
  measures: Type.Union([Type.String(), Type.Null()]),
  responsiblePerson: Type.Union([Type.String(), Type.Null()]),
  timeline: Type.Array(Type.Object({ at: Type.String(), actor: Type.String(), body: Type.String() }), { description: '本次吹哨的办理记录' }),
});
export type WhistleSource = Static<typeof WhistleSource>;

// ---- 民情日记, households, grids ----
export const CADRE_LEVELS = ['county', 'township', 'village', 'hamlet'] as const;
export const CADRE_LEVEL_LABELS: Record<(typeof CADRE_LEVELS)[number], L> = {
  county: { zh: '县级', en: 'County' },
  township: { zh: '乡镇级', en: 'Township' },
  village: { zh: '村级', en: 'Village' },
  hamlet: { zh: '组级', en: 'Hamlet' },
};
export const CreateVisitBody = Type.Object(
  {
    orgId: Id,
    cadreLevel: strEnum(CADRE_LEVELS),
    householdId: Type.Optional(Id),
    household: Type.String({ minLength: 1, maxLength: 100 }),
    visitedOn: DateString,
    heard: Type.String({ minLength: 1, maxLength: 4000 }),
    followUp: Type.Optional(Type.String({ maxLength: 4000 })),
    openRequest: Type.Optional(Type.Object({ category: strEnum(REQUEST_CATEGORIES), matter: Type.String({ minLength: 1, maxLength: 4000 }), phone: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type CreateVisitBody = Static<typeof CreateVisitBody>;
export const VisitView = Type.Object({
  id: Id,
  cadre: Type.String(),
  cadreLevel: Type.String(),
  org: OrgRefC,
  household: Type.String(),
  householdId: Type.Union([Id, Type.Null()]),
  visitedOn: DateString,
  heard: Type.String(),
  followUp: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Id, Type.Null()]),
});

export const HOUSEHOLD_CATEGORIES = ['elderly', 'sick', 'disabled', 'widowed', 'orphaned', 'lonely'] as const;
export const HOUSEHOLD_CATEGORY_LABELS: Record<(typeof HOUSEHOLD_CATEGORIES)[number], L> = {
  elderly: { zh: '老', en: 'Elderly' },
  sick: { zh: '弱（病）', en: 'Sick' },
  disabled: { zh: '残', en: 'Disabled' },
  widowed: { zh: '鳏寡', en: 'Widowed' },
  orphaned: { zh: '孤', en: 'Orphaned' },
  lonely: { zh: '独', en: 'Living alone' },
};
export const CreateHouseholdBody = Type.Object(
  {
    orgId: Id,
    headName: Type.String({ minLength: 1, maxLength: 50 }),
    categories: Type.Array(strEnum(HOUSEHOLD_CATEGORIES), { minItems: 1, uniqueItems: true }),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    countyContact: Type.Optional(Id),
    townshipContact: Type.Optional(Id),
    villageContact: Type.Optional(Id),
    hamletContact: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CreateHouseholdBody = Static<typeof CreateHouseholdBody>;
export const HouseholdView = Type.Object({
  id: Id,
  org: OrgRefC,
  headName: Type.String(),
  categories: Type.Array(Type.String()),
  address: Type.Union([Type.String(), Type.Null()]),
  contacts: Type.Object({
    county: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
    township: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
    village: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
    hamlet: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  }),
  visits: Type.Integer(),
  lastVisitOn: Type.Union([DateString, Type.Null()]),
});

export const CitizenStatsRow = Type.Object({
  org: OrgRefC,
  requests: Type.Integer(),
  handled: Type.Integer({ description: '办结件数' }),
  visitsReceived: Type.Integer({ description: '来访接待' }),
  conflictsMediated: Type.Integer({ description: '调处矛盾纠纷' }),
  responded: Type.Integer(),
  resolved: Type.Integer(),
  rated: Type.Integer(),
  satisfied: Type.Integer(),
  responseRate: Type.Union([Type.Number(), Type.Null()], { description: '响应率：受理后24小时内接办' }),
  resolutionRate: Type.Union([Type.Number(), Type.Null()], { description: '解决率' }),
  satisfactionRate: Type.Union([Type.Number(), Type.Null()], { description: '满意率：满意与基本满意 / 已评价' }),
});
export type CitizenStatsRow = Static<typeof CitizenStatsRow>;

export const NamedRef = Type.Object({ id: Id, name: Type.String() });
export type NamedRef = Static<typeof NamedRef>;
/** Accounts a request may be handed over to (首问负责人变更): of the request's unit or above it. */
export const HandOverCandidate = Type.Object({ id: Id, name: Type.String(), scope: Type.String() });
export type HandOverCandidate = Static<typeof HandOverCandidate>;
export type HouseholdViewT = Static<typeof HouseholdView>;
export type VisitViewT = Static<typeof VisitView>;

// ---- route schemas of serving citizens (请求与响应) ----
export const RequestPage = Type.Object({ items: Type.Array(RequestSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export const RequestTransitionParams = Type.Object({ id: Id, transition: strEnum(REQUEST_TRANSITIONS) }, { additionalProperties: false });
export const HandOverBody = Type.Object({ toAccountId: Id, note: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
export const HandOverCandidateList = Type.Array(HandOverCandidate, { description: '本单位及上级单位的账号（数量有限，不分页）' });
export const CaseTextBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });
export const FeedbackBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }), public: Type.Boolean() }, { additionalProperties: false });
export const CitizenStatsQuery = Type.Object({ orgId: Type.Optional(Id), month: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$' })) }, { additionalProperties: false });
export const CitizenStats = Type.Object({ node: CitizenStatsRow, children: Type.Array(CitizenStatsRow) });
export type CitizenStats = Static<typeof CitizenStats>;
export const WhistleListQuery = Type.Object(
  {
    awaiting: Type.Optional(Type.Boolean({ description: '待本部门报到/办理' })),
    status: Type.Optional(strEnum(['open', 'done'] as const)),
    q: Type.Optional(Type.String({ maxLength: 50, description: '按事项、吹哨单位或部门名称查找' })),
    ...listPaging,
  },
  { additionalProperties: false },
);
export type WhistleListQuery = Static<typeof WhistleListQuery>;
export const WhistleList = PagedList(WhistleView);
export const WhistleLoad = Type.Object({
  departments: Type.Array(
    Type.Object({
      department: Type.Object({ id: Id, name: Type.String() }),
      parts: Type.Integer(),
      open: Type.Integer(),
      declined: Type.Integer(),
      judicialTransfers: Type.Integer(),
      avgResponseMinutes: Type.Union([Type.Number(), Type.Null()]),
      assignments: Type.Integer({ description: '两下两上：收到的任务' }),
      assignmentsOpen: Type.Integer({ description: '两下两上：待上报' }),
      avgReportMinutes: Type.Union([Type.Number(), Type.Null()], { description: '两下两上：平均上报用时（分钟）' }),
    }),
  ),
  whistlers: Type.Array(Type.Object({ org: Type.Object({ id: Id, name: Type.String() }), whistles: Type.Integer() })),
});
export type WhistleLoad = Static<typeof WhistleLoad>;
export const DepartmentList = Type.Array(NamedRef, { description: '本县职能部门（一县数十个，不分页）' });
export const JudicialTransferBody = Type.Object({ version: Type.Integer({ minimum: 1 }), note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export const RerouteBody = Type.Object({ departmentId: Id }, { additionalProperties: false });
export const ListVisitsQuery = Type.Object({ mine: Type.Optional(Type.Boolean()), orgId: Type.Optional(Id), householdId: Type.Optional(Id), ...listPaging }, { additionalProperties: false });
export type ListVisitsQuery = Static<typeof ListVisitsQuery>;
/** A page of visits, newest first; total and withRequests count every visit of the filter, not just the page. */
export const VisitList = Type.Object({ total: Type.Integer(), withRequests: Type.Integer(), items: Type.Array(VisitView), page: Type.Integer(), pageSize: Type.Integer() });
export type VisitList = Static<typeof VisitList>;
export const ListHouseholdsQuery = Type.Object({ orgId: Type.Optional(Id), ...listPaging }, { additionalProperties: false });
export type ListHouseholdsQuery = Static<typeof ListHouseholdsQuery>;
export const HouseholdList = PagedList(HouseholdView);
export const GridQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false });
/** A deed (为群众办的实事) as the grid's view lists it. */
export const GridDeed = Type.Object({ id: Id, doneOn: Type.String(), description: Type.String() });
export type GridDeed = Static<typeof GridDeed>;
/** A member registered with a grid (双报到), with this year's deeds. */
export const GridMember = Type.Object({
  id: Id,
  registrationId: Id,
  personId: Id,
  name: Type.String(),
  homeOrg: Type.String(),
  registeredOn: Type.String(),
  deeds: Type.Integer(),
  metTarget: Type.Boolean(),
  deedList: Type.Array(GridDeed),
});
export type GridMember = Static<typeof GridMember>;
export const GridView = Type.Object({
  id: Id,
  grid: OrgRefC,
  year: Type.Integer(),
  target: Type.Object({ min: Type.Integer(), max: Type.Integer() }),
  members: Type.Array(GridMember),
});
export type GridView = Static<typeof GridView>;
export const GridRegistrationBody = Type.Object({ personId: Id, registeredOn: DateString }, { additionalProperties: false });
export const GridDeedBody = Type.Object({ doneOn: DateString, description: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
const CardContact = Type.Object({ role: Type.String(), name: Type.String(), phone: Type.Union([Type.String(), Type.Null()]) });
export const ContactCard = Type.Object({
  org: OrgRefC,
  title: Type.String(),
  duties: Type.String(),
  contacts: Type.Array(CardContact),
  promise: Type.String(),
  publicUrl: Type.String(),
  qrUrl: Type.String(),
});
export type ContactCard = Static<typeof ContactCard>;
export const PostCard = Type.Object({
  id: Id,
  postId: Id,
  role: Type.String(),
  name: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  duties: Type.String(),
  org: OrgRefC,
  publicUrl: Type.String(),
  qrUrl: Type.String(),
});
export const PostCardList = Type.Array(PostCard, { description: '单位在任岗位（数量有限，不分页）' });
export const Challenge = Type.Object({ token: Type.String(), question: Type.String() });
export type Challenge = Static<typeof Challenge>;
export const PublicSubmitted = Type.Object({ trackingCode: Type.String(), unit: Type.String() });
export type PublicSubmitted = Static<typeof PublicSubmitted>;
export const TrackingCodeParams = Type.Object({ code: Type.String({ pattern: '^[A-Za-z0-9]{6,20}$' }) });
export const PhotoReceived = Type.Object({ ok: Type.Boolean() });
