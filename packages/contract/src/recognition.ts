// 星级化管理 (issue 15; seed 001): the annual star rating of the cadres in the 8 village posts —
// personal post assessment × w + the village's annual result × (1 − w), w = 50 % by default, levels
// and thresholds the county's data; computed for a year, published by the county (locked; a
// correction is a new edition); 公职化 eligibility flagged for secretaries who meet the county's standard.
import { Type, type Static } from '@sinclair/typebox';
import { OrgRef, PageQuery, PostRoleSchema, Version } from './schemas.js';
import type { PostRole } from './enums.js';

const Id = Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Score = Type.Number({ minimum: 0, maximum: 100 });
const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** The 8 village posts that take part in 星级化管理 (seed 001: 书记、村委会主任、副书记、民兵连长、团书记 … 8 个岗位). */
export const STAR_POSTS = [
  'secretary', 'deputy_secretary', 'village_director', 'militia_head',
  'youth_league_secretary', 'women_chair', 'clerk', 'supervision_director',
] as const satisfies readonly PostRole[];
export type StarPost = (typeof STAR_POSTS)[number];

export const STAR_RATING_STATES = ['draft', 'published'] as const;
export type StarRatingState = (typeof STAR_RATING_STATES)[number];
export const STAR_RATING_STATE_LABELS: Record<StarRatingState, { zh: string; en: string }> = {
  draft: { zh: '评定中', en: 'Being rated' },
  published: { zh: '已公布', en: 'Published' },
};

export const StarLevel = Type.Object(
  { stars: Type.Integer({ minimum: 1, maximum: 10, description: '星数' }), min: Type.Number({ minimum: 0, maximum: 100, description: '综合得分不低于' }) },
  { additionalProperties: false },
);
export type StarLevel = Static<typeof StarLevel>;

/** The county's star rules (县定): the weight of the personal post assessment, the levels, the 公职化 standard. */
export const StarRules = Type.Object({
  postWeightPercent: Type.Integer({ minimum: 0, maximum: 100 }),
  levels: Type.Array(StarLevel),
  /** 公职化: a secretary rated at least this many stars … */
  civilServiceMinStars: Type.Integer({ minimum: 1, maximum: 10 }),
  /** … in this many years running (this year's rating included). */
  civilServiceYears: Type.Integer({ minimum: 1, maximum: 5 }),
  /** true while the county has not saved its own rules (the seed-001 defaults apply) */
  isDefault: Type.Boolean(),
  version: Type.Integer({ minimum: 0 }),
});
export type StarRules = Static<typeof StarRules>;

export const SaveStarRulesBody = Type.Object(
  {
    version: Type.Integer({ minimum: 0, description: '当前版本号（尚未保存过本县规则时为 0）' }),
    postWeightPercent: Type.Integer({ minimum: 0, maximum: 100, description: '个人岗位考核所占比例（%）' }),
    levels: Type.Array(StarLevel, { minItems: 1, maxItems: 10 }),
    civilServiceMinStars: Type.Integer({ minimum: 1, maximum: 10 }),
    civilServiceYears: Type.Integer({ minimum: 1, maximum: 5 }),
  },
  { additionalProperties: false },
);
export type SaveStarRulesBody = Static<typeof SaveStarRulesBody>;

export const StarRatingSummary = Type.Object({
  id: Id,
  year: Year,
  edition: Type.Integer({ minimum: 1 }),
  status: Type.Unsafe<StarRatingState>({ type: 'string', enum: [...STAR_RATING_STATES] }),
  statusLabel: Type.String(),
  supersedesId: Nullable(Id),
  postWeightPercent: Type.Integer(),
  /** cadres rated (in the caller's scope) and how many have their post assessment entered */
  rows: Type.Integer(),
  scored: Type.Integer(),
  publishedAt: Nullable(Type.String()),
  version: Version,
});
export type StarRatingSummary = Static<typeof StarRatingSummary>;

export const StarRatingPage = Type.Object({ items: Type.Array(StarRatingSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type StarRatingPage = Static<typeof StarRatingPage>;

export const ListStarRatingsQuery = Type.Object({ year: Type.Optional(Year), ...PageQuery }, { additionalProperties: false });
export type ListStarRatingsQuery = Static<typeof ListStarRatingsQuery>;

export const CreateStarRatingBody = Type.Object({ year: Year }, { additionalProperties: false });
export type CreateStarRatingBody = Static<typeof CreateStarRatingBody>;

const StarCount = Type.Object({ stars: Type.Integer(), count: Type.Integer() });

export const StarRatingDetail = Type.Intersect([
  StarRatingSummary,
  Type.Object({
    levels: Type.Array(StarLevel),
    civilServiceMinStars: Type.Integer(),
    civilServiceYears: Type.Integer(),
    /** per township of the caller's scope: cadres, how many scored, stars given */
    townships: Type.Array(Type.Object({ township: OrgRef, rows: Type.Integer(), scored: Type.Integer(), stars: Type.Array(StarCount) })),
  }),
]);
export type StarRatingDetail = Static<typeof StarRatingDetail>;

export const ListStarRowsQuery = Type.Object(
  {
    ratingId: Type.Optional(Id),
    /** a person's star history: their rows in published ratings (the latest edition of each year) */
    personId: Type.Optional(Id),
    townshipId: Type.Optional(Id),
    orgId: Type.Optional(Id),
    stars: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    unscored: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListStarRowsQuery = Static<typeof ListStarRowsQuery>;

export const StarRow = Type.Object({
  id: Id,
  ratingId: Id,
  year: Year,
  edition: Type.Integer(),
  ratingStatus: Type.Unsafe<StarRatingState>({ type: 'string', enum: [...STAR_RATING_STATES] }),
  person: Type.Object({ id: Id, name: Type.String() }),
  org: OrgRef,
  township: Nullable(Type.Object({ id: Id, name: Type.String() })),
  role: PostRoleSchema,
  roleLabel: Type.String(),
  /** 个人岗位考核 (entered by the township) */
  postScore: Nullable(Score),
  postScoreNote: Nullable(Type.String()),
  /** 村级整体工作: the village's annual result (average of its published score sheets of the year) */
  villageScore: Nullable(Score),
  score: Nullable(Score),
  stars: Nullable(Type.Integer()),
  civilServiceEligible: Type.Boolean(),
  version: Version,
  /** the days of the year the post was held (null: a row of a rating computed before months in post were kept) */
  heldFrom: Nullable(Type.String({ format: 'date' })),
  heldTo: Nullable(Type.String({ format: 'date' })),
  /** months in post in the year (a month counts when the post was held on any day of it) */
  months: Nullable(Type.Integer({ minimum: 1, maximum: 12 })),
  /** the months in words: 全年, 1–6 月（6 个月）, 评定时在任 */
  monthsLabel: Type.String(),
  /** where the unit part came from: the unit's sheets of the months in post, or its whole year (no sheet in those months) */
  unitBasis: Nullable(Type.Unsafe<'months' | 'year'>({ type: 'string', enum: ['months', 'year'] })),
});
export type StarRow = Static<typeof StarRow>;

export const StarRowPage = Type.Object({ items: Type.Array(StarRow), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type StarRowPage = Static<typeof StarRowPage>;

export const StarRowDetail = Type.Intersect([
  StarRow,
  Type.Object({
    /** the numbers behind the village score: each published sheet of the year */
    villageSheets: Type.Array(Type.Object({ id: Id, period: Type.String(), score: Type.Number() })),
    postWeightPercent: Type.Integer(),
    levels: Type.Array(StarLevel),
    /** the formula with this person's numbers, in words */
    formula: Nullable(Type.String()),
    civilService: Type.Object({ applies: Type.Boolean(), minStars: Type.Integer(), years: Type.Integer(), streak: Type.Integer(), eligible: Type.Boolean() }),
    /** published stars of earlier years (latest edition of each) */
    history: Type.Array(Type.Object({ rowId: Id, year: Year, edition: Type.Integer(), stars: Nullable(Type.Integer()), score: Nullable(Score), org: Type.String(), roleLabel: Type.String(), monthsLabel: Type.String() })),
  }),
]);
export type StarRowDetail = Static<typeof StarRowDetail>;

export const SavePostScoreBody = Type.Object(
  {
    version: Version,
    postScore: Type.Number({ minimum: 0, maximum: 100, description: '个人岗位考核得分（0–100，0.5 分为单位）' }),
    note: Type.Optional(Type.String({ maxLength: 200, description: '考核依据' })),
  },
  { additionalProperties: false },
);
export type SavePostScoreBody = Static<typeof SavePostScoreBody>;

export const StarBoardQuery = Type.Object({ year: Year, townshipId: Type.Optional(Id) }, { additionalProperties: false });
export type StarBoardQuery = Static<typeof StarBoardQuery>;

/** 星级榜: per township (or, given a township, per village) from the year's published rating. */
export const StarBoard = Type.Object({
  year: Year,
  rating: Nullable(Type.Object({ id: Id, edition: Type.Integer(), publishedAt: Type.String() })),
  levels: Type.Array(StarLevel),
  /** unrated: cadres of villages whose annual result was not published (no stars given) */
  /** partYear: cadres rated for part of the year (a post begun or ended during it) */
  units: Type.Array(Type.Object({ org: OrgRef, people: Type.Integer(), unrated: Type.Integer(), average: Nullable(Type.Number()), stars: Type.Array(StarCount), civilServiceEligible: Type.Integer(), partYear: Type.Integer() })),
  total: Type.Object({ people: Type.Integer(), unrated: Type.Integer(), stars: Type.Array(StarCount), civilServiceEligible: Type.Integer(), partYear: Type.Integer() }),
});
export type StarBoard = Static<typeof StarBoard>;

// ---- 党支部积星·党员积分 (seed 003; 002 争十星, 004 创星晋级)
// County rules, versioned per year, award points from recorded work read through the modules that
// keep it — never from app usage; manual items (志愿服务, 表彰, 承诺践诺 while no record exists) need
// evidence and an approver. A branch's stars come from its members' points and its own work.

/** Where a member's points come from: the records, or a manual item with evidence and an approver. */
export const MEMBER_POINT_SOURCES = ['meetings', 'training', 'grid_deeds', 'requests', 'manual'] as const;
export type MemberPointSource = (typeof MEMBER_POINT_SOURCES)[number];
export const MEMBER_POINT_SOURCE_LABELS: Record<MemberPointSource, { zh: string; en: string }> = {
  meetings: { zh: '参加组织生活（会议签到记录）', en: 'Meetings attended' },
  training: { zh: '参加教育培训（到课记录）', en: 'Training attended' },
  grid_deeds: { zh: '双报到·网格服务（实事记录）', en: 'Grid deeds' },
  requests: { zh: '办结群众事项（首问负责）', en: 'Citizen requests resolved' },
  manual: { zh: '人工申报（须佐证，经审核）', en: 'Manual item (evidence, approved)' },
};
/** Where a branch's own points come from. */
export const BRANCH_POINT_SOURCES = ['meetings_held'] as const;
export type BranchPointSource = (typeof BRANCH_POINT_SOURCES)[number];

const Code = Type.String({ pattern: '^[a-z0-9_]{1,30}$', description: '代码（小写字母、数字、下划线）' });
const Points = Type.Number({ minimum: 0.5, maximum: 100, description: '每条记录（人工项为每次申报最多）计分' });
const Cap = Type.Number({ minimum: 0.5, maximum: 1000, description: '年度上限' });

export const MemberPointItem = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    source: Type.Unsafe<MemberPointSource>({ type: 'string', enum: [...MEMBER_POINT_SOURCES] }),
    points: Points,
    cap: Cap,
  },
  { additionalProperties: false },
);
export type MemberPointItem = Static<typeof MemberPointItem>;

export const BranchPointItem = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    source: Type.Unsafe<BranchPointSource>({ type: 'string', enum: [...BRANCH_POINT_SOURCES] }),
    points: Points,
    cap: Cap,
  },
  { additionalProperties: false },
);
export type BranchPointItem = Static<typeof BranchPointItem>;

export const BranchStarLevel = Type.Object(
  { stars: Type.Integer({ minimum: 1, maximum: 10 }), min: Type.Number({ minimum: 0, maximum: 10_000, description: '支部积分不低于' }) },
  { additionalProperties: false },
);
export type BranchStarLevel = Static<typeof BranchStarLevel>;

/** The county's points rules of a year (the newest version saved for that year, else an earlier year's, else the defaults). */
export const PointRules = Type.Object({
  year: Year,
  memberItems: Type.Array(MemberPointItem),
  branchItems: Type.Array(BranchPointItem),
  /** a branch's points = the average of its members' points + its own items; its stars by these thresholds */
  branchLevels: Type.Array(BranchStarLevel),
  /** the year whose rules apply (null: the built-in defaults) and their version there (0: defaults) */
  fromYear: Nullable(Year),
  version: Type.Integer({ minimum: 0 }),
});
export type PointRules = Static<typeof PointRules>;

export const PointRulesQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });
export type PointRulesQuery = Static<typeof PointRulesQuery>;

export const SavePointRulesBody = Type.Object(
  {
    year: Year,
    version: Type.Integer({ minimum: 0, description: '该年度当前版本号（该年度尚未保存过时为 0）' }),
    memberItems: Type.Array(MemberPointItem, { minItems: 1, maxItems: 30 }),
    branchItems: Type.Array(BranchPointItem, { maxItems: 10 }),
    branchLevels: Type.Array(BranchStarLevel, { minItems: 1, maxItems: 10 }),
  },
  { additionalProperties: false },
);
export type SavePointRulesBody = Static<typeof SavePointRulesBody>;

/** One line of a member's points: the record it comes from (or the approved manual item). */
export const PointEntry = Type.Object({
  itemCode: Type.String(),
  itemName: Type.String(),
  source: Type.Unsafe<MemberPointSource>({ type: 'string', enum: [...MEMBER_POINT_SOURCES] }),
  /** the record: a meeting, a training session, a grid deed, a request's case, an approved point item */
  recordType: Type.String(),
  recordId: Id,
  on: Type.String(),
  label: Type.String(),
  points: Type.Number(),
  /** true when the item's yearly cap was reached before this record (it counts 0) */
  capped: Type.Boolean(),
});
export type PointEntry = Static<typeof PointEntry>;

export const MemberPoints = Type.Object({
  person: Type.Object({ id: Id, name: Type.String() }),
  branch: OrgRef,
  year: Year,
  total: Type.Number(),
  /** per item of the rules: records and points (not a list of records: those are `entries`) */
  byItem: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), source: Type.String(), records: Type.Integer(), points: Type.Number(), cap: Type.Number() })),
  entries: Type.Array(PointEntry),
});
export type MemberPoints = Static<typeof MemberPoints>;

export const MemberPointsQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });
export type MemberPointsQuery = Static<typeof MemberPointsQuery>;

/** The board: townships (the county), or the branches of a township, or the members of a branch. */
export const PointsBoardQuery = Type.Object({ year: Type.Optional(Year), orgId: Type.Optional(Id) }, { additionalProperties: false });
export type PointsBoardQuery = Static<typeof PointsBoardQuery>;

export const PointsBoard = Type.Object({
  year: Year,
  level: Type.Union([Type.Literal('townships'), Type.Literal('branches'), Type.Literal('members')]),
  org: Nullable(OrgRef),
  units: Type.Array(Type.Object({
    org: OrgRef,
    members: Type.Integer(),
    memberAverage: Type.Number(),
    /** branches only: the branch's own points, its total and stars */
    ownPoints: Nullable(Type.Number()),
    total: Nullable(Type.Number()),
    stars: Nullable(Type.Integer()),
    /** townships: branches by stars */
    starCounts: Type.Array(Type.Object({ stars: Type.Integer(), count: Type.Integer() })),
  })),
  members: Type.Array(Type.Object({ person: Type.Object({ id: Id, name: Type.String() }), total: Type.Number(), entries: Type.Integer() })),
  /** at branch level: the branch's own items */
  branchItems: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), records: Type.Integer(), points: Type.Number(), recordIds: Type.Array(Id) })),
});
export type PointsBoard = Static<typeof PointsBoard>;

export const POINT_AWARD_STATES = ['proposed', 'approved', 'returned'] as const;
export type PointAwardState = (typeof POINT_AWARD_STATES)[number];
export const POINT_AWARD_STATE_LABELS: Record<PointAwardState, { zh: string; en: string }> = {
  proposed: { zh: '待审核', en: 'Awaiting approval' },
  approved: { zh: '已认定', en: 'Approved' },
  returned: { zh: '已退回', en: 'Returned' },
};

export const ProposePointAwardBody = Type.Object(
  {
    personId: Id,
    itemCode: Code,
    points: Type.Number({ minimum: 0.5, maximum: 100 }),
    doneOn: Type.String({ format: 'date' }),
    description: Type.String({ minLength: 1, maxLength: 500 }),
    evidence: Type.String({ minLength: 1, maxLength: 500, description: '佐证：照片、签到表、表彰文件的编号或说明' }),
  },
  { additionalProperties: false },
);
export type ProposePointAwardBody = Static<typeof ProposePointAwardBody>;

export const PointAward = Type.Object({
  id: Id,
  person: Type.Object({ id: Id, name: Type.String() }),
  branch: OrgRef,
  year: Year,
  itemCode: Type.String(),
  itemName: Type.String(),
  points: Type.Number(),
  doneOn: Type.String(),
  description: Type.String(),
  evidence: Type.String(),
  status: Type.Unsafe<PointAwardState>({ type: 'string', enum: [...POINT_AWARD_STATES] }),
  statusLabel: Type.String(),
  reason: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  /** may the caller approve or return it */
  canDecide: Type.Boolean(),
  version: Version,
});
export type PointAward = Static<typeof PointAward>;

export const PointAwardPage = Type.Object({ items: Type.Array(PointAward), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type PointAwardPage = Static<typeof PointAwardPage>;

export const ListPointAwardsQuery = Type.Object(
  { status: Type.Optional(Type.Unsafe<PointAwardState>({ type: 'string', enum: [...POINT_AWARD_STATES] })), personId: Type.Optional(Id), year: Type.Optional(Year), ...PageQuery },
  { additionalProperties: false },
);
export type ListPointAwardsQuery = Static<typeof ListPointAwardsQuery>;

export const DecidePointAwardBody = Type.Object(
  { version: Version, reason: Type.Optional(Type.String({ maxLength: 500, description: '退回时必填' })) },
  { additionalProperties: false },
);
export type DecidePointAwardBody = Static<typeof DecidePointAwardBody>;

// ---- 奖惩 (consequences): what a result leads to, per unit and per person, each linked to the
// record that justifies it — a score sheet, a unit's annual result, or a cadre's published star row.

export const CONSEQUENCE_KINDS = ['reward', 'penalty', 'commendation', 'cadre_file'] as const;
export type ConsequenceKind = (typeof CONSEQUENCE_KINDS)[number];
export const CONSEQUENCE_KIND_LABELS: Record<ConsequenceKind, { zh: string; en: string }> = {
  reward: { zh: '奖励', en: 'Reward' },
  penalty: { zh: '惩处', en: 'Penalty' },
  commendation: { zh: '评优树先', en: 'Commendation' },
  cadre_file: { zh: '记入干部档案', en: 'Cadre-file entry' },
};
export const CONSEQUENCE_BASES = ['sheet', 'annual_result', 'star_row'] as const;
export type ConsequenceBasis = (typeof CONSEQUENCE_BASES)[number];
export const CONSEQUENCE_BASIS_LABELS: Record<ConsequenceBasis, { zh: string; en: string }> = {
  sheet: { zh: '考核评分表', en: 'Score sheet' },
  annual_result: { zh: '年度考核结果', en: 'Annual result' },
  star_row: { zh: '星级评定', en: 'Star rating' },
};
const consequenceKind = Type.Unsafe<ConsequenceKind>({ type: 'string', enum: [...CONSEQUENCE_KINDS] });
const consequenceBasis = Type.Unsafe<ConsequenceBasis>({ type: 'string', enum: [...CONSEQUENCE_BASES] });

export const CreateConsequenceBody = Type.Object(
  {
    kind: consequenceKind,
    basisType: consequenceBasis,
    /** the score sheet's id, the star row's id, or — an annual result — the unit's org id */
    basisId: Id,
    /** the year of an annual result (ignored for the others) */
    year: Type.Optional(Year),
    /** the person it concerns; absent: the unit itself (a star row always concerns its cadre) */
    personId: Type.Optional(Id),
    title: Type.String({ minLength: 2, maxLength: 100, description: '奖惩事项' }),
    detail: Type.Optional(Type.String({ maxLength: 500, description: '说明' })),
    /** money of a reward or penalty, in fen */
    amountFen: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000 })),
    decidedOn: Type.String({ format: 'date', description: '决定日期' }),
  },
  { additionalProperties: false },
);
export type CreateConsequenceBody = Static<typeof CreateConsequenceBody>;

export const Consequence = Type.Object({
  id: Id,
  kind: consequenceKind,
  kindLabel: Type.String(),
  org: OrgRef,
  person: Nullable(Type.Object({ id: Id, name: Type.String() })),
  title: Type.String(),
  detail: Nullable(Type.String()),
  amountFen: Nullable(Type.Integer()),
  decidedOn: Type.String(),
  /** the record that justifies it, with what it said when the consequence was recorded */
  basis: Type.Object({ type: consequenceBasis, typeLabel: Type.String(), id: Id, year: Year, label: Type.String(), href: Type.String() }),
  recordedBy: Type.String(),
  recordedAt: Type.String(),
});
export type Consequence = Static<typeof Consequence>;

export const ListConsequencesQuery = Type.Object(
  { orgId: Type.Optional(Id), personId: Type.Optional(Id), year: Type.Optional(Year), kind: Type.Optional(consequenceKind), ...PageQuery },
  { additionalProperties: false },
);
export type ListConsequencesQuery = Static<typeof ListConsequencesQuery>;
export const ConsequencePage = Type.Object({ items: Type.Array(Consequence), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type ConsequencePage = Static<typeof ConsequencePage>;
