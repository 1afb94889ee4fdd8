// 称号认定 (issue 15; seed 003 四创建四争当, 000/004 示范): a county's designations of units and
// members — 农村 发展型党组织 / 带富型党员, 机关 效能型 / 表率型, 社区 服务型 / 奉献型, 非公和社会组织
// 诚信型 / 创业型, 党员产业示范点 and 示范户, 党建示范点 — each of a kind the county defines (its
// sector, what it is given to, the criteria to check). A designation is a case: nominated by the
// township (or the county), its criteria checked with evidence, approved and published by the
// county, re-checked every year, revoked. Registers count them per kind and township (吴起: 四型党组织
// 56, 四型党员 184, 产业示范点 346, 示范户 684). The stations' own designations (县级试点, 乡镇示范站,
// “七一”表彰) stay with the org tree (`/api/station-designations`); the register shows them beside.
import { Type, type Static } from '@sinclair/typebox';
import { DateString, Id, PageQuery, Version } from './schemas.js';

const strEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Code = Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', description: '英文小写代码' });
/** An org as these pages show it (its type as a plain string). */
const OrgRef = Type.Object({ id: Id, name: Type.String(), type: Type.String() });

/** The sectors of 四创建四争当 (003), and the demonstration sites and households beside them. */
export const DESIGNATION_SECTORS = ['rural', 'agency', 'community', 'nonpublic', 'industry', 'demonstration'] as const;
export type DesignationSector = (typeof DESIGNATION_SECTORS)[number];
export const DESIGNATION_SECTOR_LABELS: Record<DesignationSector, { zh: string; en: string }> = {
  rural: { zh: '农村', en: 'Rural' },
  agency: { zh: '机关', en: 'Agencies' },
  community: { zh: '社区', en: 'Communities' },
  nonpublic: { zh: '非公和社会组织', en: 'Non-public and social organizations' },
  industry: { zh: '党员产业示范', en: 'Members’ industry demonstration' },
  demonstration: { zh: '党建示范', en: 'Party-building demonstration' },
};

/**
 * What a kind is given to: a Party organization; a Party member; a named site under an org (an
 * industry demonstration site is a place, not an org of the tree); a member's household.
 */
export const DESIGNATION_TARGETS = ['org', 'member', 'site', 'household'] as const;
export type DesignationTarget = (typeof DESIGNATION_TARGETS)[number];
export const DESIGNATION_TARGET_LABELS: Record<DesignationTarget, { zh: string; en: string }> = {
  org: { zh: '党组织', en: 'Party organization' },
  member: { zh: '党员', en: 'Party member' },
  site: { zh: '示范点', en: 'Site' },
  household: { zh: '示范户', en: 'Household' },
};

export const DesignationCriterion = Type.Object(
  { code: Code, text: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type DesignationCriterion = Static<typeof DesignationCriterion>;

export const DesignationKind = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    sector: strEnum(DESIGNATION_SECTORS),
    target: strEnum(DESIGNATION_TARGETS),
    /** The org types it may be given to (a site: the org it lies under; a member: any branch). */
    orgTypes: Type.Array(Type.String({ pattern: '^[a-z_]{2,20}$' }), { maxItems: 12, uniqueItems: true }),
    criteria: Type.Array(DesignationCriterion, { minItems: 1, maxItems: 20 }),
    active: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type DesignationKind = Static<typeof DesignationKind>;

export const DesignationKinds = Type.Object({
  kinds: Type.Array(DesignationKind),
  /** true while the county has not saved its own kinds: the sample set (labelled so) applies */
  isSample: Type.Boolean(),
  version: Type.Integer({ minimum: 0 }),
});
export type DesignationKinds = Static<typeof DesignationKinds>;

export const SaveDesignationKindsBody = Type.Object(
  {
    version: Type.Integer({ minimum: 0, description: '当前版本号（尚未保存过本县称号类别时为 0）' }),
    kinds: Type.Array(DesignationKind, { minItems: 1, maxItems: 40 }),
  },
  { additionalProperties: false },
);
export type SaveDesignationKindsBody = Static<typeof SaveDesignationKindsBody>;

const criteria = (...texts: string[]) => texts.map((text, i) => ({ code: `c${i + 1}`, text }));

/**
 * The sample kinds (seed 003 names the kinds and counts, not the criteria): labelled as samples for
 * the county to edit.
 */
export const SAMPLE_DESIGNATION_KINDS: DesignationKind[] = [
  { code: 'rural_development', name: '发展型党组织', sector: 'rural', target: 'org', orgTypes: ['village'], active: true,
    criteria: criteria('班子团结、书记带头，村集体经济有稳定收入', '有主导产业并带动群众增收', '问题台账按期整改销号，无逾期问题') },
  { code: 'rural_enriching', name: '带富型党员', sector: 'rural', target: 'member', orgTypes: ['village'], active: true,
    criteria: criteria('本人发展产业或创业有成效', '结对帮带群众增收（写明户数）', '遵守党纪，按时参加组织生活') },
  { code: 'agency_efficient', name: '效能型党组织', sector: 'agency', target: 'org', orgTypes: ['agency', 'department'], active: true,
    criteria: criteria('服务事项按时办结、群众满意', '“三会一课”等组织生活按规定开展', '吹哨报到按时响应') },
  { code: 'agency_exemplary', name: '表率型党员', sector: 'agency', target: 'member', orgTypes: ['agency', 'department'], active: true,
    criteria: criteria('岗位工作成绩突出', '双报到、志愿服务有实绩', '遵守党纪，按时参加组织生活') },
  { code: 'community_service', name: '服务型党组织', sector: 'community', target: 'org', orgTypes: ['community'], active: true,
    criteria: criteria('便民服务站正常开放、代办事项按时办结', '网格服务覆盖全部居民', '群众满意率达到县定标准') },
  { code: 'community_devoted', name: '奉献型党员', sector: 'community', target: 'member', orgTypes: ['community'], active: true,
    criteria: criteria('参加志愿服务有记录', '联系服务群众有实绩', '遵守党纪，按时参加组织生活') },
  { code: 'nonpublic_honest', name: '诚信型党组织', sector: 'nonpublic', target: 'org', orgTypes: ['enterprise', 'social_org'], active: true,
    criteria: criteria('依法诚信经营、无失信记录', '党组织活动正常开展', '履行社会责任、带动就业') },
  { code: 'nonpublic_entrepreneur', name: '创业型党员', sector: 'nonpublic', target: 'member', orgTypes: ['enterprise', 'social_org'], active: true,
    criteria: criteria('创业或岗位创新有成效', '带动就业（写明人数）', '遵守党纪，按时参加组织生活') },
  { code: 'industry_site', name: '党员产业示范点', sector: 'industry', target: 'site', orgTypes: ['village', 'community'], active: true,
    criteria: criteria('由党员领办，产业有一定规模', '带动周边群众参与（写明户数）', '有技术推广或观摩学习作用') },
  { code: 'industry_household', name: '党员示范户', sector: 'industry', target: 'household', orgTypes: ['village', 'community'], active: true,
    criteria: criteria('家庭产业收入高于本村平均水平', '帮带农户（写明户数）', '遵守村规民约、家风良好') },
  { code: 'demo_point', name: '党建示范点', sector: 'demonstration', target: 'org', orgTypes: ['village', 'community', 'agency', 'enterprise', 'social_org'], active: true,
    criteria: criteria('基础工作标准化达标', '组织生活规范、有特色载体', '以党建促发展成效明显') },
];

export const DESIGNATION_STATES = ['nominated', 'checked', 'approved', 'published', 'reviewing', 'revoked', 'rejected'] as const;
export type DesignationState = (typeof DESIGNATION_STATES)[number];
export const DESIGNATION_STATE_LABELS: Record<DesignationState, { zh: string; en: string }> = {
  nominated: { zh: '已推荐', en: 'Nominated' },
  checked: { zh: '已核查', en: 'Criteria checked' },
  approved: { zh: '已审定', en: 'Approved' },
  published: { zh: '已命名', en: 'Published' },
  reviewing: { zh: '年度复核中', en: 'Under yearly review' },
  revoked: { zh: '已撤销', en: 'Revoked' },
  rejected: { zh: '未通过', en: 'Not approved' },
};
/** The states in which a designation is held (the register counts these). */
export const DESIGNATION_HELD: readonly DesignationState[] = ['published', 'reviewing'];

export const DESIGNATION_TRANSITIONS = ['check', 'return', 'approve', 'reject', 'publish', 'review', 'confirm', 'revoke'] as const;
export type DesignationTransition = (typeof DESIGNATION_TRANSITIONS)[number];
export const DESIGNATION_TRANSITION_LABELS: Record<DesignationTransition, { zh: string; en: string }> = {
  check: { zh: '核查通过，报县审定', en: 'criteria checked, send to the county' },
  return: { zh: '退回补充', en: 'return for more evidence' },
  approve: { zh: '审定通过', en: 'approve' },
  reject: { zh: '不予命名', en: 'do not designate' },
  publish: { zh: '命名公布', en: 'publish' },
  review: { zh: '开始年度复核', en: 'start the yearly review' },
  confirm: { zh: '复核通过', en: 'pass the review' },
  revoke: { zh: '撤销称号', en: 'revoke' },
};

export const DesignationUnit = Type.Object({
  /** the org: the unit itself, the member's branch, the org a site or household lies under */
  org: OrgRef,
  person: Nullable(Type.Object({ id: Id, name: Type.String() })),
  /** as the register shows it: the org's, the member's, the site's or the household's name */
  name: Type.String(),
});

export const DesignationRow = Type.Object({
  id: Id,
  version: Version,
  kind: Type.Object({ code: Type.String(), name: Type.String(), sector: strEnum(DESIGNATION_SECTORS), target: strEnum(DESIGNATION_TARGETS) }),
  unit: DesignationUnit,
  township: Nullable(Type.Object({ id: Id, name: Type.String() })),
  year: Type.Integer(),
  status: strEnum(DESIGNATION_STATES),
  nominatedOn: DateString,
  publishedOn: Nullable(DateString),
  /** the last year it passed the yearly review (the year it was published until then) */
  reviewedYear: Nullable(Type.Integer()),
  /** held, and not reviewed this year */
  reviewDue: Type.Boolean(),
  awardFen: Nullable(Type.Integer({ minimum: 0 })),
});
export type DesignationRow = Static<typeof DesignationRow>;

export const DesignationPage = Type.Object({ items: Type.Array(DesignationRow), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type DesignationPage = Static<typeof DesignationPage>;

export const ListDesignationRecordsQuery = Type.Object(
  {
    orgId: Type.Optional(Id),
    kind: Type.Optional(Code),
    /** a state, or `held` (published or under review) */
    status: Type.Optional(strEnum([...DESIGNATION_STATES, 'held', 'open'] as const)),
    year: Type.Optional(Year),
    reviewDue: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListDesignationRecordsQuery = Static<typeof ListDesignationRecordsQuery>;

export const DesignationCheck = Type.Object({
  code: Type.String(),
  text: Type.String(),
  met: Nullable(Type.Boolean()),
  note: Nullable(Type.String()),
});
export type DesignationCheck = Static<typeof DesignationCheck>;

export const DesignationFile = Type.Object({ id: Id, fileName: Type.String(), mimeType: Type.String(), sizeBytes: Type.Integer(), at: Type.String() });
export type DesignationFile = Static<typeof DesignationFile>;

export const DesignationDetail = Type.Composite([
  DesignationRow,
  Type.Object({
    /** 推荐事迹: why the unit is nominated */
    citation: Type.String(),
    /** the kind's criteria as they were when nominated, each checked (met) with a note */
    criteria: Type.Array(DesignationCheck),
    evidence: Type.Array(DesignationFile),
    transitions: Type.Array(Type.Object({ name: strEnum(DESIGNATION_TRANSITIONS), label: Type.String(), needsReason: Type.Boolean() })),
    /** the caller may tick criteria and add evidence now (nominated or under review, the level above the unit) */
    canCheck: Type.Boolean(),
    /** the unit's other designations (its history) */
    history: Type.Array(Type.Object({ id: Id, kindName: Type.String(), year: Type.Integer(), status: strEnum(DESIGNATION_STATES) })),
    timeline: Type.Array(Type.Object({ at: Type.String(), actor: Type.String(), label: Type.String(), body: Nullable(Type.String()) })),
  }),
]);
export type DesignationDetail = Static<typeof DesignationDetail>;

export const NominateBody = Type.Object(
  {
    kindCode: Code,
    year: Year,
    /** the org (kinds given to organizations and sites) */
    orgId: Type.Optional(Id),
    /** the member (kinds given to members and households) */
    personId: Type.Optional(Id),
    /** a site's name (产业示范点) */
    siteName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    citation: Type.String({ minLength: 1, maxLength: 2000, description: '推荐事迹' }),
  },
  { additionalProperties: false },
);
export type NominateBody = Static<typeof NominateBody>;

export const SaveChecksBody = Type.Object(
  {
    version: Version,
    checks: Type.Array(
      Type.Object({ code: Type.String({ maxLength: 40 }), met: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);
export type SaveChecksBody = Static<typeof SaveChecksBody>;

export const FireDesignationBody = Type.Object(
  {
    version: Version,
    body: Type.Optional(Type.String({ maxLength: 2000 })),
    /** 奖励金额（分），命名公布时可填 */
    awardFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
  },
  { additionalProperties: false },
);
export type FireDesignationBody = Static<typeof FireDesignationBody>;

export const DesignationTransitionParams = Type.Object({ id: Id, transition: strEnum(DESIGNATION_TRANSITIONS) });
export const DesignationFileParams = Type.Object({ id: Id, fileId: Id });

export const DesignationRegisterQuery = Type.Object(
  { orgId: Type.Optional(Id), year: Type.Optional(Year) },
  { additionalProperties: false },
);
export type DesignationRegisterQuery = Static<typeof DesignationRegisterQuery>;

const Counts = Type.Record(Type.String(), Type.Integer(), { description: '称号类别代码 → 个数' });

/** 称号台账: the designations held, per kind, for each unit below the node (townships for the county). */
export const DesignationRegister = Type.Object({
  node: OrgRef,
  /** the node's parent in the caller's scope, to go back up */
  parent: Nullable(OrgRef),
  kinds: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), sector: strEnum(DESIGNATION_SECTORS), target: strEnum(DESIGNATION_TARGETS) })),
  rows: Type.Array(Type.Object({ org: OrgRef, counts: Counts, total: Type.Integer(), stations: Counts })),
  totals: Counts,
  total: Type.Integer(),
  /** in the process (nominated, checked, approved, under review) */
  inProcess: Type.Integer(),
  reviewDue: Type.Integer(),
  /** the stations' designations (县级试点, 乡镇示范站, “七一”表彰) below the node, read from the org tree */
  stationTotals: Counts,
});
export type DesignationRegister = Static<typeof DesignationRegister>;
