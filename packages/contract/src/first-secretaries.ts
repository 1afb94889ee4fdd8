// 第一书记 (seeds 001, 003, 004): the first secretaries held in a year with their sending unit and
// days in post; a work log read from the records others keep (民情日记 visits and citizen requests
// recorded by the accounts linked to the person, meetings attended, 党课 and talks given) — never a
// second entry; and the county's daily living subsidy (seed 003: 50 yuan a day), in fen.
import { Type, type Static } from '@sinclair/typebox';
import { DateString, Id, PageQuery } from './schemas.js';
import { SubjectResult } from './assessment.js';

const OrgRef = Type.Object({ id: Id, name: Type.String(), type: Type.String() });
const PersonRef = Type.Object({ id: Id, name: Type.String() });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** The default daily subsidy when the county has set none (seed 003: 每天补助50元生活补贴). */
export const FIRST_SECRETARY_DAILY_FEN_DEFAULT = 5000;

export const FirstSecretaryRow = Type.Object({
  id: Id,
  postId: Id,
  person: PersonRef,
  village: OrgRef,
  sentFrom: Nullable(Type.String()),
  startDate: DateString,
  endDate: Nullable(DateString),
  current: Type.Boolean({ description: '今天在任' }),
  daysInPost: Type.Integer({ description: '任职开始至结束（在任的至今天）的天数，首尾两天都算' }),
});
export type FirstSecretaryRow = Static<typeof FirstSecretaryRow>;
export const FirstSecretaryPage = Type.Object({ year: Type.Integer(), items: Type.Array(FirstSecretaryRow), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type FirstSecretaryPage = Static<typeof FirstSecretaryPage>;
export const ListFirstSecretariesQuery = Type.Object(
  { year: Type.Optional(Year), orgId: Type.Optional(Id), current: Type.Optional(Type.Boolean()), ...PageQuery },
  { additionalProperties: false },
);
export type ListFirstSecretariesQuery = Static<typeof ListFirstSecretariesQuery>;

export const FirstSecretaryLogQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });
export type FirstSecretaryLogQuery = Static<typeof FirstSecretaryLogQuery>;
/** One page per first secretary: the post, and the year's work log read from the records (each part null when the caller may not read that module). */
export const FirstSecretaryDetail = Type.Composite([
  FirstSecretaryRow,
  Type.Object({
    year: Type.Integer(),
    linkedAccounts: Type.Integer({ description: '与此人关联的账号数（“记录人”按账号关联到人）' }),
    visits: Nullable(Type.Array(Type.Object({ id: Id, date: DateString, org: Type.String(), household: Type.String(), heard: Type.String(), requestId: Nullable(Id) }))),
    requests: Nullable(Type.Array(Type.Object({ id: Id, date: DateString, org: Type.String(), channel: Type.String(), matter: Type.String(), status: Type.String() }))),
    meetings: Nullable(Type.Array(Type.Object({ id: Id, date: DateString, typeCode: Type.String(), topic: Type.String(), org: Type.String() }))),
    talks: Nullable(Type.Array(Type.Object({ id: Id, date: DateString, title: Type.String(), org: Type.String() }))),
    subsidy: Type.Object({ dailyFen: Type.Integer(), days: Type.Integer({ description: '本年在村天数' }), amountFen: Type.Integer() }),
    /** 考核结果: this term's published assessment sheets by year (null when the caller may not read assessment) */
    assessments: Nullable(Type.Array(SubjectResult)),
  }),
]);
export type FirstSecretaryDetail = Static<typeof FirstSecretaryDetail>;

export const FirstSecretarySubsidyRate = Type.Object({
  dailyFen: Type.Integer({ minimum: 0, maximum: 100000, description: '每天补助（分）' }),
  isDefault: Type.Boolean({ description: '本县未设置，用默认标准（每天50元）' }),
});
export type FirstSecretarySubsidyRate = Static<typeof FirstSecretarySubsidyRate>;
export const PutFirstSecretarySubsidyRateBody = Type.Object({ dailyFen: Type.Integer({ minimum: 0, maximum: 100000, description: '每天补助（分）' }) }, { additionalProperties: false });
export type PutFirstSecretarySubsidyRateBody = Static<typeof PutFirstSecretarySubsidyRateBody>;

export const FirstSecretarySubsidyQuery = Type.Object(
  { year: Year, month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })), orgId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type FirstSecretarySubsidyQuery = Static<typeof FirstSecretarySubsidyQuery>;
/** The year's (or one month's) subsidy: per post, the days in the village per month and the amount. */
export const FirstSecretarySubsidy = Type.Object({
  year: Type.Integer(),
  month: Nullable(Type.Integer()),
  dailyFen: Type.Integer(),
  rule: Type.String({ description: '天数的计算口径' }),
  rows: Type.Array(Type.Object({
    postId: Id, person: PersonRef, village: OrgRef, sentFrom: Nullable(Type.String()), startDate: DateString, endDate: Nullable(DateString),
    months: Type.Array(Type.Integer(), { description: '各月在村天数（按月查询时只有该月）' }),
    days: Type.Integer(), amountFen: Type.Integer(),
  })),
  totalDays: Type.Integer(),
  totalFen: Type.Integer(),
});
export type FirstSecretarySubsidy = Static<typeof FirstSecretarySubsidy>;
