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
    history: Type.Array(Type.Object({ rowId: Id, year: Year, edition: Type.Integer(), stars: Nullable(Type.Integer()), score: Nullable(Score), org: Type.String(), roleLabel: Type.String() })),
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
  units: Type.Array(Type.Object({ org: OrgRef, people: Type.Integer(), unrated: Type.Integer(), average: Nullable(Type.Number()), stars: Type.Array(StarCount), civilServiceEligible: Type.Integer() })),
  total: Type.Object({ people: Type.Integer(), unrated: Type.Integer(), stars: Type.Array(StarCount), civilServiceEligible: Type.Integer() }),
});
export type StarBoard = Static<typeof StarBoard>;
