// 软弱涣散党组织整顿 (issue 15; seeds 001, 003: "整顿转化了11个软弱涣散村级党组织"): a branch is
// proposed from what its records show (overdue problems, late reports, citizens' satisfaction, a
// vacant secretary), listed by the county, rectified through ledger problems, accepted and
// de-listed — a case type with its history per organization.
import { Type, type Static } from '@sinclair/typebox';
import { DateString, Id, PageQuery, Version } from './schemas.js';

const strEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
/** An org as the weak-organization pages show it (its type as a plain string: branches of any kind). */
const OrgRef = Type.Object({ id: Id, name: Type.String(), type: Type.String() });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/** The typical situations of a weak and lax branch (中组部 排查整顿 的常见情形), what a proposal names. */
export const WEAK_REASONS = [
  'secretary_unfit', 'secretary_vacant', 'team_discord', 'stalled', 'no_org_life',
  'interference', 'openness_chaos', 'disputes', 'poor_service', 'other',
] as const;
export type WeakReason = (typeof WEAK_REASONS)[number];
export const WEAK_REASON_LABELS: Record<WeakReason, { zh: string; en: string }> = {
  secretary_unfit: { zh: '党组织书记不胜任现职、工作不在状态', en: 'The secretary is not up to the post' },
  secretary_vacant: { zh: '党组织书记长期缺职', en: 'The secretary post is long vacant' },
  team_discord: { zh: '班子不团结、内耗严重', en: 'The team is divided' },
  stalled: { zh: '组织软弱、工作处于停滞状态', en: 'Work has stalled' },
  no_org_life: { zh: '组织制度形同虚设、组织生活不正常', en: 'No regular organizational life' },
  interference: { zh: '宗族宗教和黑恶势力干扰渗透', en: 'Clan, religious or criminal interference' },
  openness_chaos: { zh: '村务财务公开和民主管理混乱', en: 'Village affairs and finances not disclosed or managed' },
  disputes: { zh: '矛盾纠纷突出、信访问题集中', en: 'Disputes and petitions pile up' },
  poor_service: { zh: '服务群众意识差、群众反映强烈', en: 'Poor service, strong complaints' },
  other: { zh: '其他', en: 'Other' },
};

export const WEAK_STATES = ['proposed', 'listed', 'acceptance', 'delisted', 'dismissed'] as const;
export type WeakState = (typeof WEAK_STATES)[number];
export const WEAK_STATE_LABELS: Record<WeakState, { zh: string; en: string }> = {
  proposed: { zh: '拟列入', en: 'Proposed' },
  listed: { zh: '整顿中', en: 'Being rectified' },
  acceptance: { zh: '待验收', en: 'Awaiting acceptance' },
  delisted: { zh: '已摘帽', en: 'De-listed' },
  dismissed: { zh: '不予列入', en: 'Not listed' },
};
export const WEAK_TRANSITIONS = ['confirm', 'dismiss', 'apply', 'return', 'accept'] as const;
export type WeakTransition = (typeof WEAK_TRANSITIONS)[number];
export const WEAK_TRANSITION_LABELS: Record<WeakTransition, { zh: string; en: string }> = {
  confirm: { zh: '确定列入整顿', en: 'list for rectification' },
  dismiss: { zh: '不予列入', en: 'do not list' },
  apply: { zh: '申请验收', en: 'apply for acceptance' },
  return: { zh: '验收不通过', en: 'not accepted' },
  accept: { zh: '验收通过、摘帽', en: 'accept and de-list' },
};

/** What a branch's records say, as the proposal saw it and as they stand now. */
export const WeakSignals = Type.Object({
  overdueProblems: Type.Integer({ description: '逾期未整改的问题（问题台账）' }),
  openProblems: Type.Integer(),
  lateReports: Type.Integer({ description: '逾期上报的任务（两下两上）' }),
  rated: Type.Integer({ description: '群众评价件数' }),
  satisfied: Type.Integer(),
  satisfactionRate: Type.Union([Type.Number(), Type.Null()], { description: '满意率 0–1；无评价为空' }),
  secretaryVacant: Type.Boolean({ description: '无在任党组织书记（村、社区）' }),
});
export type WeakSignals = Static<typeof WeakSignals>;

export const WeakSignalRow = Type.Object({
  org: OrgRef,
  signals: WeakSignals,
  /** how many of the four signals are raised (overdue problems, late reports, satisfaction below 80 %, vacant secretary) */
  flags: Type.Integer(),
  /** the branch's open rectification, if any */
  current: Type.Union([Type.Object({ id: Id, status: strEnum(WEAK_STATES) }), Type.Null()]),
});
export type WeakSignalRow = Static<typeof WeakSignalRow>;
export const WeakSignalBoard = Type.Object({ node: OrgRef, children: Type.Array(WeakSignalRow) });
export type WeakSignalBoard = Static<typeof WeakSignalBoard>;
export const WeakSignalQuery = Type.Object({ orgId: Type.Optional(Id) }, { additionalProperties: false });
export type WeakSignalQuery = Static<typeof WeakSignalQuery>;

export const WeakOrgRow = Type.Object({
  id: Id,
  version: Version,
  org: OrgRef,
  township: Type.Union([Type.String(), Type.Null()]),
  year: Type.Integer(),
  status: strEnum(WEAK_STATES),
  reasons: Type.Array(strEnum(WEAK_REASONS)),
  leader: Type.Union([Type.String(), Type.Null()]),
  problems: Type.Integer({ description: '整改问题数' }),
  problemsClosed: Type.Integer({ description: '已销号' }),
  openedOn: DateString,
  closedOn: Type.Union([DateString, Type.Null()]),
});
export type WeakOrgRow = Static<typeof WeakOrgRow>;
export const WeakOrgPage = Type.Object({ items: Type.Array(WeakOrgRow), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type WeakOrgPage = Static<typeof WeakOrgPage>;
export const ListWeakOrgsQuery = Type.Object(
  { orgId: Type.Optional(Id), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), status: Type.Optional(strEnum(WEAK_STATES)), ...PageQuery },
  { additionalProperties: false },
);
export type ListWeakOrgsQuery = Static<typeof ListWeakOrgsQuery>;

export const WeakOrgDetail = Type.Composite([
  WeakOrgRow,
  Type.Object({
    note: Type.Union([Type.String(), Type.Null()]),
    plan: Type.Union([Type.String(), Type.Null()]),
    /** the signals when it was proposed, and now */
    signalsAtProposal: WeakSignals,
    signalsNow: WeakSignals,
    rectification: Type.Array(Type.Object({ id: Id, title: Type.String(), status: Type.String(), statusLabel: Type.String(), deadline: Type.Union([DateString, Type.Null()]), closed: Type.Boolean() })),
    /** earlier rectifications of the same branch (its history) */
    history: Type.Array(Type.Object({ id: Id, year: Type.Integer(), status: strEnum(WEAK_STATES), openedOn: DateString, closedOn: Type.Union([DateString, Type.Null()]) })),
    transitions: Type.Array(Type.Object({ name: strEnum(WEAK_TRANSITIONS), label: Type.String(), needsReason: Type.Boolean() })),
    canPlan: Type.Boolean({ description: '当前账号可以填写整顿方案、添加整改问题' }),
    timeline: Type.Array(Type.Object({ at: Type.String(), actor: Type.String(), label: Type.String(), body: Type.Union([Type.String(), Type.Null()]) })),
  }),
]);
export type WeakOrgDetail = Static<typeof WeakOrgDetail>;

export const ProposeWeakOrgBody = Type.Object(
  {
    orgId: Id,
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    reasons: Type.Array(strEnum(WEAK_REASONS), { minItems: 1, maxItems: WEAK_REASONS.length, uniqueItems: true }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ProposeWeakOrgBody = Static<typeof ProposeWeakOrgBody>;

export const WeakPlanBody = Type.Object(
  { version: Version, leader: Text(50), plan: Text(4000) },
  { additionalProperties: false },
);
export type WeakPlanBody = Static<typeof WeakPlanBody>;

export const WeakProblemBody = Type.Object(
  { category: Text(50), description: Text(2000), deadline: DateString, measures: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type WeakProblemBody = Static<typeof WeakProblemBody>;
export const WeakProblemCreated = Type.Object({ problemId: Id });

export const FireWeakBody = Type.Object({ version: Version, body: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export type FireWeakBody = Static<typeof FireWeakBody>;
export const WeakTransitionParams = Type.Object({ id: Id, transition: strEnum(WEAK_TRANSITIONS) });
