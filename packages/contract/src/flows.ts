// 小微权力 (seed 001): the county's power-operation flows as data — ordered steps, who acts at each
// (the level and the deciding body), a time limit per step, the documents a step needs, and whether
// its result is published — with 四议两公开 as the first sample; matters (a land contract, a large
// expense) run step by step against a flow's edition on the case engine; and the duty lists per post
// (13 posts × 67 items as the sample), a county template copied and adapted by each village.
import { Type, type Static } from '@sinclair/typebox';

const strEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Id = Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 });
const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const OrgRef = Type.Object({ id: Id, name: Type.String(), type: Type.String() });
type L = { zh: string; en: string };

// ---- flows ----

/** The level whose account acts at a step (the matter's own unit, or a level above it). */
export const FLOW_LEVELS = ['village', 'station', 'township', 'county'] as const;
export type FlowLevel = (typeof FLOW_LEVELS)[number];
export const FLOW_LEVEL_LABELS: Record<FlowLevel, L> = {
  village: { zh: '村（社区）党组织', en: 'Village branch' },
  station: { zh: '党建工作站', en: 'Work station' },
  township: { zh: '乡镇党委', en: 'Township committee' },
  county: { zh: '县委组织部', en: 'County committee' },
};

export const FLOW_CATEGORIES = ['major_decision', 'project', 'large_spending', 'land_contract', 'other'] as const;
export type FlowCategory = (typeof FLOW_CATEGORIES)[number];
export const FLOW_CATEGORY_LABELS: Record<FlowCategory, L> = {
  major_decision: { zh: '重大事项决策', en: 'Major decision' },
  project: { zh: '项目安排', en: 'Project arrangement' },
  large_spending: { zh: '大额资金使用', en: 'Large spending' },
  land_contract: { zh: '土地承包', en: 'Land contracting' },
  other: { zh: '其他', en: 'Other' },
};

export const FlowStep = Type.Object(
  {
    key: Type.String({ maxLength: 40, description: '步骤编号（流程内唯一；步骤按顺序办理，不能回到前面的步骤）' }),
    name: Type.String({ maxLength: 40 }),
    level: Type.Union([strEnum(FLOW_LEVELS), Type.Null()], { description: '办理层级' }),
    body: Type.String({ maxLength: 40, description: '办理主体（党支部、村“两委”、党员大会、村民代表会议……）' }),
    limitDays: Type.Integer({ minimum: -1000, maximum: 365, description: '时限（天）' }),
    documents: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10, description: '完成本步骤前须上传的材料' }),
    public: Type.Boolean({ description: '本步骤的结果向群众公开' }),
    meetingType: Type.Union([Type.String({ maxLength: 40 }), Type.Null()], { description: '须关联的组织生活会议类型（编码），不需要会议时为空' }),
  },
  { additionalProperties: false },
);
export type FlowStep = Static<typeof FlowStep>;

export const FlowBody = Type.Object(
  {
    name: Type.String({ maxLength: 60 }),
    category: strEnum(FLOW_CATEGORIES),
    description: Type.String({ maxLength: 1000 }),
    steps: Type.Array(FlowStep, { maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type FlowBody = Static<typeof FlowBody>;

export const UpdateFlowBody = Type.Composite([FlowBody, Type.Object({ version: Version })], { additionalProperties: false });
export type UpdateFlowBody = Static<typeof UpdateFlowBody>;

export const FlowSummary = Type.Object({
  id: Id,
  name: Type.String(),
  category: strEnum(FLOW_CATEGORIES),
  edition: Type.Integer(),
  stepCount: Type.Integer(),
  totalDays: Type.Integer(),
  running: Type.Integer({ description: '正在办理的事项数' }),
  version: Version,
});
export type FlowSummary = Static<typeof FlowSummary>;
export const FlowList = Type.Array(FlowSummary, { description: '本县的流程（不分页：一个县的权力运行流程只有几十个）' });
export type FlowList = Static<typeof FlowList>;

export const FlowDetail = Type.Composite([
  FlowSummary,
  Type.Object({
    description: Type.String(),
    steps: Type.Array(FlowStep),
    /** Matters started on any edition (an edit of a flow in use makes a new edition). */
    inUse: Type.Boolean(),
  }),
]);
export type FlowDetail = Static<typeof FlowDetail>;

const step = (key: string, name: string, level: FlowLevel, body: string, limitDays: number, documents: string[], pub: boolean, meetingType: string | null): FlowStep =>
  ({ key, name, level, body, limitDays, documents, public: pub, meetingType });

/** The samples a county adopts and adapts: 四议两公开 first, then flows of seed 001's 21 charts. */
export const FLOW_SAMPLES: { code: string; flow: FlowBody }[] = [
  {
    code: 'four_discussions',
    flow: {
      name: '四议两公开',
      category: 'major_decision',
      description: '村级重大事项决策：党支部提议、“两委”会商议、党员大会审议、村民代表会议决议，决议公开、实施结果公开。',
      steps: [
        step('propose', '党支部提议', 'village', '村党支部', 5, ['提议书'], false, 'committee'),
        step('two_committees', '两委会商议', 'village', '村“两委”联席会议', 7, ['商议记录'], false, 'two_committees'),
        step('members', '党员大会审议', 'village', '党员大会', 10, ['审议意见'], false, 'member_congress'),
        step('representatives', '村民代表会议决议', 'village', '村民代表会议', 10, ['决议书', '签到表'], false, 'villager_reps'),
        step('publish_resolution', '决议公开', 'village', '村党支部、村委会', 3, ['公开照片'], true, null),
        step('publish_result', '实施结果公开', 'village', '村党支部、村委会', 30, ['实施结果报告'], true, null),
      ],
    },
  },
  {
    code: 'land_contract',
    flow: {
      name: '集体土地发包',
      category: 'land_contract',
      description: '村集体机动地、“四荒”地发包：拟定方案、民主决策、乡镇审核、公开招标、签订合同、结果公开。',
      steps: [
        step('plan', '拟定发包方案', 'village', '村“两委”', 7, ['发包方案'], false, 'two_committees'),
        step('decide', '村民代表会议表决', 'village', '村民代表会议', 10, ['表决记录'], false, 'villager_reps'),
        step('review', '乡镇审核', 'township', '乡镇农经站、乡镇党委', 7, ['审核意见'], false, null),
        step('tender', '公开招标发包', 'village', '村委会', 15, ['招标公告', '中标结果'], true, null),
        step('contract', '签订承包合同', 'village', '村委会', 5, ['承包合同'], false, null),
        step('publish', '发包结果公开', 'village', '村务监督委员会', 3, ['公开照片'], true, null),
      ],
    },
  },
  {
    code: 'large_spending',
    flow: {
      name: '大额资金使用',
      category: 'large_spending',
      description: '村级大额资金（5 万元以上）使用：提出申请、“两委”研究、乡镇审批、报账支出、监委会监督、公开。',
      steps: [
        step('apply', '提出用款申请', 'village', '报账员', 3, ['用款申请'], false, null),
        step('study', '两委会研究', 'village', '村“两委”联席会议', 5, ['研究记录'], false, 'two_committees'),
        step('approve', '乡镇审批', 'township', '乡镇党委、三资代理中心', 7, ['审批单'], false, null),
        step('pay', '报账支出', 'village', '报账员', 10, ['票据', '支出凭证'], false, null),
        step('supervise', '村务监督委员会审核', 'village', '村务监督委员会', 5, ['审核意见'], false, null),
        step('publish', '资金使用公开', 'village', '村委会', 3, ['公开照片'], true, null),
      ],
    },
  },
  {
    code: 'project',
    flow: {
      name: '村级项目安排',
      category: 'project',
      description: '村级建设项目：征求意见、“四议”决策、乡镇审核、组织实施、竣工验收、结果公开。',
      steps: [
        step('consult', '征求群众意见', 'village', '村党支部', 10, ['意见汇总'], false, null),
        step('decide', '村民代表会议决议', 'village', '村民代表会议', 10, ['决议书'], true, 'villager_reps'),
        step('review', '乡镇审核备案', 'township', '乡镇党委', 7, ['审核意见'], false, null),
        step('build', '组织实施', 'village', '村委会', 60, ['施工合同'], false, null),
        step('accept', '竣工验收', 'township', '乡镇验收小组', 10, ['验收报告'], false, null),
        step('publish', '实施结果公开', 'village', '村务监督委员会', 3, ['公开照片'], true, null),
      ],
    },
  },
];

// ---- matters ----

export const MATTER_STATES = ['running', 'done', 'cancelled'] as const;
export type MatterState = (typeof MATTER_STATES)[number];
export const MATTER_STATE_LABELS: Record<MatterState, L> = {
  running: { zh: '办理中', en: 'Running' },
  done: { zh: '已办结', en: 'Done' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};
export const MATTER_TRANSITIONS = ['complete_step', 'finish', 'return_step', 'cancel'] as const;
export type MatterTransition = (typeof MATTER_TRANSITIONS)[number];
export const MATTER_TRANSITION_LABELS: Record<MatterTransition, L> = {
  complete_step: { zh: '完成本步骤', en: 'Complete the step' },
  finish: { zh: '完成最后一步（办结）', en: 'Complete the last step' },
  return_step: { zh: '退回上一步', en: 'Return to the previous step' },
  cancel: { zh: '撤销事项', en: 'Cancel the matter' },
};

export const OpenMatterBody = Type.Object(
  {
    flowId: Id,
    orgId: Id,
    title: Type.String({ maxLength: 100 }),
    summary: Type.String({ maxLength: 2000 }),
    amountYuan: Type.Optional(Type.Union([Type.Number({ minimum: -1e12, maximum: 1e12 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type OpenMatterBody = Static<typeof OpenMatterBody>;

export const CompleteStepBody = Type.Object(
  {
    version: Version,
    stepKey: Type.String({ maxLength: 40 }),
    result: Type.String({ maxLength: 2000, description: '办理结果（公开步骤的结果向群众公开）' }),
    meetingId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);
export type CompleteStepBody = Static<typeof CompleteStepBody>;

export const MatterReasonBody = Type.Object(
  { version: Version, reason: Type.String({ maxLength: 1000 }) },
  { additionalProperties: false },
);
export type MatterReasonBody = Static<typeof MatterReasonBody>;

export const MatterStepView = Type.Object({
  key: Type.String(),
  name: Type.String(),
  level: strEnum(FLOW_LEVELS),
  body: Type.String(),
  limitDays: Type.Integer(),
  public: Type.Boolean(),
  meetingType: Type.Union([Type.String(), Type.Null()]),
  meetingTypeName: Type.Union([Type.String(), Type.Null()]),
  state: strEnum(['done', 'current', 'waiting'] as const),
  startedOn: Type.Union([DateString, Type.Null()]),
  dueOn: Type.Union([DateString, Type.Null()]),
  completedOn: Type.Union([DateString, Type.Null()]),
  overdueDays: Type.Integer({ description: '逾期天数（未逾期为 0）' }),
  result: Type.Union([Type.String(), Type.Null()]),
  actedBy: Type.Union([Type.String(), Type.Null()]),
  meeting: Type.Union([Type.Object({ id: Id, typeName: Type.String(), heldOn: DateString, topic: Type.String() }), Type.Null()]),
  documents: Type.Array(Type.Object({ name: Type.String(), files: Type.Array(Type.Object({ attachmentId: Id, fileName: Type.String() })) })),
});
export type MatterStepView = Static<typeof MatterStepView>;

export const MatterSummary = Type.Object({
  id: Id,
  version: Version,
  title: Type.String(),
  org: OrgRef,
  flow: Type.Object({ id: Id, name: Type.String(), edition: Type.Integer(), category: strEnum(FLOW_CATEGORIES) }),
  status: strEnum(MATTER_STATES),
  stepIndex: Type.Integer(),
  stepCount: Type.Integer(),
  currentStep: Type.Union([Type.String(), Type.Null()]),
  dueOn: Type.Union([DateString, Type.Null()]),
  overdueDays: Type.Integer(),
  openedOn: DateString,
});
export type MatterSummary = Static<typeof MatterSummary>;

export const MatterDetail = Type.Composite([
  MatterSummary,
  Type.Object({
    summary: Type.String(),
    amountYuan: Type.Union([Type.Number(), Type.Null()]),
    steps: Type.Array(MatterStepView),
    /** What the caller may do now. */
    may: Type.Object({ complete: Type.Boolean(), return: Type.Boolean(), cancel: Type.Boolean() }),
    timeline: Type.Array(Type.Object({ at: Type.String({ format: 'date-time' }), actor: Type.String(), text: Type.String() })),
  }),
]);
export type MatterDetail = Static<typeof MatterDetail>;

export const ListMattersQuery = Type.Object(
  {
    orgId: Type.Optional(Id),
    status: Type.Optional(strEnum(MATTER_STATES)),
    overdue: Type.Optional(Type.Boolean()),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  },
  { additionalProperties: false },
);
export type ListMattersQuery = Static<typeof ListMattersQuery>;

export const MatterPage = Type.Object({ items: Type.Array(MatterSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type MatterPage = Static<typeof MatterPage>;

export const MatterBoardQuery = Type.Object({ orgId: Type.Optional(Id) }, { additionalProperties: false });
export type MatterBoardQuery = Static<typeof MatterBoardQuery>;
const Counts = { running: Type.Integer(), overdue: Type.Integer(), done: Type.Integer() };
export const MatterBoard = Type.Object({
  org: OrgRef,
  total: Type.Object(Counts),
  rows: Type.Array(Type.Object({ org: OrgRef, ...Counts })),
});
export type MatterBoard = Static<typeof MatterBoard>;

/** 失职预警: the steps past their time limit in the caller's scope, latest-due last. */
export const OverdueQuery = Type.Object(
  {
    orgId: Type.Optional(Id),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type OverdueQuery = Static<typeof OverdueQuery>;
export const OverdueItem = Type.Object({
  /** The matter's id. */
  id: Id,
  title: Type.String(),
  org: OrgRef,
  flowName: Type.String(),
  step: Type.String(),
  level: strEnum(FLOW_LEVELS),
  dueOn: DateString,
  overdueDays: Type.Integer(),
});
export type OverdueItem = Static<typeof OverdueItem>;
export const OverdueList = Type.Object({
  org: OrgRef,
  total: Type.Integer(),
  /** Rolled up per unit directly below the org (township, station or village). */
  byUnit: Type.Array(Type.Object({ org: OrgRef, overdue: Type.Integer(), worstDays: Type.Integer() })),
  items: Type.Array(OverdueItem),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type OverdueList = Static<typeof OverdueList>;

export const DocumentQuery = Type.Object({ document: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false });
export type DocumentQuery = Static<typeof DocumentQuery>;

/** An uploaded document as the matter's step lists it (steps[].documents[].files[]). */
export const MatterDocumentUploaded = Type.Object({ attachmentId: Id, fileName: Type.String() });
export type MatterDocumentUploaded = Static<typeof MatterDocumentUploaded>;

// ---- duty lists (岗位职责清单) ----

export const DutyPost = Type.Object(
  { post: Type.String({ maxLength: 30 }), items: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 }) },
  { additionalProperties: false },
);
export type DutyPost = Static<typeof DutyPost>;

export const DutyTemplate = Type.Object({ posts: Type.Array(DutyPost), sample: Type.Boolean({ description: '本县尚未制定，显示的是样板' }), version: Type.Integer() });
export type DutyTemplate = Static<typeof DutyTemplate>;
export const SaveDutyTemplateBody = Type.Object(
  { posts: Type.Array(DutyPost, { maxItems: 30 }), version: Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: '首次保存为 0' }) },
  { additionalProperties: false },
);
export type SaveDutyTemplateBody = Static<typeof SaveDutyTemplateBody>;

export const DutyList = Type.Object({
  org: OrgRef,
  posts: Type.Array(DutyPost),
  /** false: the village has not adapted its copy yet; the county template is shown. */
  own: Type.Boolean(),
  version: Type.Integer(),
});
export type DutyList = Static<typeof DutyList>;
export const SaveDutyListBody = Type.Object(
  { posts: Type.Array(DutyPost, { maxItems: 30 }), version: Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: '首次保存为 0' }) },
  { additionalProperties: false },
);
export type SaveDutyListBody = Static<typeof SaveDutyListBody>;

/** A village may reword and add items, but keeps every post of the county template, each with at least one item. */
export const DUTY_LIMITS = { maxItemsPerPost: 15 } as const;

const d = (post: string, ...items: string[]): DutyPost => ({ post, items });
/** The sample: 13 posts, 67 duty items (seed 001: 党组织、村委会及党组织书记、村委会主任、民兵连长等 13 个岗位, 67 项). */
export const SAMPLE_DUTIES: DutyPost[] = [
  d('村党组织',
    '讨论决定本村经济建设和社会发展中的重要问题，按“四议两公开”程序提出决策建议',
    '领导和支持村民委员会、村务监督委员会、村集体经济组织依法开展工作',
    '做好发展党员、党员教育管理和党费收缴工作，按规定召开“三会一课”',
    '负责村干部、后备干部的培养、管理和监督',
    '组织落实党务公开，每月 25 日前更新公开栏',
    '领导本村精神文明建设、平安建设和网格化治理',
    '组织党员开展设岗定责、承诺践诺和志愿服务',
    '每年向乡镇党委和党员大会报告工作'),
  d('村民委员会',
    '执行村民会议、村民代表会议的决议，办理本村公共事务和公益事业',
    '依法管理集体所有的土地和其他财产，组织土地承包和发包',
    '按月公开村务、财务，接受村民监督',
    '调解民间纠纷，协助维护社会治安',
    '组织实施村级建设项目，落实“一事一议”',
    '协助乡镇做好社会保障、医疗、教育等民生服务',
    '管理村级档案，建立健全村务台账'),
  d('村务监督委员会',
    '监督村务、财务公开和“四议两公开”执行情况',
    '审核村级财务收支票据，参与大额资金使用监督',
    '列席村“两委”会议，对村级重大事项决策提出意见',
    '收集村民对村务的意见建议并督促答复',
    '每年向村民代表会议报告监督工作'),
  d('党组织书记',
    '主持村党组织全面工作，履行抓党建第一责任人职责',
    '召集“两委”联席会议，提出重大事项决策建议',
    '带头落实“三会一课”，每年至少讲一次党课',
    '带领发展村集体经济，牵头领办重点项目',
    '落实党风廉政建设主体责任，带头遵守小微权力清单',
    '包联困难群众，接待群众来访',
    '年底向党员大会和乡镇党委述职'),
  d('党组织副书记',
    '协助书记抓好党建日常工作和党员管理',
    '负责党员发展和流动党员管理',
    '组织开展主题党日和党员志愿服务',
    '书记不在时主持村党组织日常工作'),
  d('村委会主任',
    '主持村委会日常工作，执行村民代表会议决议',
    '组织编制村级发展规划和年度计划',
    '负责集体资产、资源的管理和发包，按程序提交决策',
    '组织实施村级项目，按合同组织验收',
    '负责村级事务公开，答复村民询问',
    '负责本村矛盾纠纷排查调处'),
  d('村委会副主任',
    '协助主任做好村委会日常工作',
    '分管农业生产、土地流转和农村合作组织服务',
    '负责人居环境整治和公共设施维护',
    '完成主任交办的其他工作'),
  d('监委会主任',
    '主持村务监督委员会工作，组织开展日常监督',
    '每月审核村级财务收支，在报销票据上签署审核意见',
    '监督村级工程项目招投标和验收',
    '发现违规问题及时向乡镇纪委报告',
    '组织召开村务监督委员会会议，形成监督记录'),
  d('报账员',
    '负责村级财务收支的报账，做到日清月结',
    '严格执行村级财务审批制度，不符合规定的票据不予报账',
    '大额资金支出须附“两委”研究记录和乡镇审批单',
    '按月向乡镇三资代理服务中心报送财务资料',
    '配合做好财务公开和财务审计'),
  d('民兵连长',
    '负责民兵组织建设和训练',
    '组织应急抢险、防汛防火和治安巡逻',
    '做好征兵宣传和适龄青年兵役登记',
    '协助做好退役军人服务工作'),
  d('团支部书记',
    '主持团支部工作，做好团员发展和教育管理',
    '组织青年参与乡村振兴和志愿服务',
    '关心留守儿童和青少年成长',
    '向党组织推荐优秀团员作为入党积极分子'),
  d('妇联主席',
    '主持村妇联工作，维护妇女儿童合法权益',
    '组织妇女参与创业就业和美丽庭院建设',
    '做好家庭矛盾调解和关爱留守妇女儿童工作',
    '开展妇女健康、文明家风宣传'),
  d('文书',
    '负责村级会议记录和文件收发',
    '管理村级档案、党员名册和各类台账',
    '按时更新村务、党务公开栏内容',
    '做好便民服务代办事项登记'),
];

// ---- a matter's public page (no login): its public steps' results, reached from the unit's public page

export const PublicMatter = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  flowName: Type.String(),
  unit: Type.Object({ id: Type.Integer(), name: Type.String(), township: Type.Union([Type.String(), Type.Null()]), county: Type.Union([Type.String(), Type.Null()]) }),
  state: strEnum(MATTER_STATES),
  stateLabel: Type.String(),
  summary: Type.String(),
  amountYuan: Type.Union([Type.Number(), Type.Null()]),
  /** Every step in order: whether it is done and when; the result (and the meeting) only of the public steps (决议公开, 实施结果公开). */
  steps: Type.Array(Type.Object({
    name: Type.String(),
    public: Type.Boolean(),
    state: strEnum(['done', 'current', 'waiting'] as const),
    completedOn: Type.Union([Type.String(), Type.Null()]),
    result: Type.Union([Type.String(), Type.Null()]),
    meeting: Type.Union([Type.String(), Type.Null()]),
  })),
});
export type PublicMatter = Static<typeof PublicMatter>;
