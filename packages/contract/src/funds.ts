// 经费、报酬、表彰 and 阵地 (issue 17): the county's fund standards per year, unit type and line,
// allocations per unit and spending against them (amounts in fen, never floats), each post-holder's
// yearly allowance computed from posts, the former-cadre living allowance, awards; facility
// checklists (六个到位 / 六有 / 十有), venues (群众之家, 便民服务站, 党群服务中心) and duty rosters.
import { Type, type Static } from '@sinclair/typebox';
import { DateString, Id, OrgRef, PageQuery, Version } from './schemas.js';
import { ALLOWANCE_POSTS } from './assessment.js';

const strEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
/** An amount in fen (分): a whole number, never negative; at most 10 亿 yuan. */
export const Fen = Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: '金额（分），非负整数' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

// ---- fund standards and lines

/** The unit types a fund standard names (seed 002: village, community; seed 003: department committees). */
export const FUND_UNIT_TYPES = ['village', 'community', 'department', 'station', 'township'] as const;
export type FundUnitType = (typeof FUND_UNIT_TYPES)[number];
export const FUND_UNIT_TYPE_LABELS: Record<FundUnitType, { zh: string; en: string }> = {
  village: { zh: '村', en: 'Village' },
  community: { zh: '社区', en: 'Community' },
  department: { zh: '县直部门党委', en: 'Department committee' },
  station: { zh: '党建工作站', en: 'Work station' },
  township: { zh: '乡镇（街道）', en: 'Township' },
};

/** Fund lines: 办公（工作）经费, 党建（工作）经费, 服务群众专项经费. */
export const FUND_LINES = ['office', 'party_building', 'service'] as const;
export type FundLine = (typeof FUND_LINES)[number];
export const FUND_LINE_LABELS: Record<FundLine, { zh: string; en: string }> = {
  office: { zh: '办公（工作）经费', en: 'Office / work funds' },
  party_building: { zh: '党建工作经费', en: 'Party-building funds' },
  service: { zh: '服务群众专项经费', en: 'Service-to-residents funds' },
};

export const FundStandard = Type.Object({ unitType: strEnum(FUND_UNIT_TYPES), line: strEnum(FUND_LINES), annualFen: Fen });
export type FundStandard = Static<typeof FundStandard>;
export const FundStandards = Type.Object({
  year: Type.Integer(),
  /** True when the county has not saved its own table for the year: the seeds' figures are shown. */
  isDefault: Type.Boolean(),
  rows: Type.Array(FundStandard),
});
export type FundStandards = Static<typeof FundStandards>;
export const YearQuery = Type.Object({ year: Year }, { additionalProperties: false });
export type YearQuery = Static<typeof YearQuery>;
export const SaveFundStandardsBody = Type.Object({ year: Year, rows: Type.Array(FundStandard, { maxItems: 30 }) }, { additionalProperties: false });
export type SaveFundStandardsBody = Static<typeof SaveFundStandardsBody>;
export const CopyFundStandardsBody = Type.Object({ fromYear: Year, toYear: Year }, { additionalProperties: false });
export type CopyFundStandardsBody = Static<typeof CopyFundStandardsBody>;

// ---- allowance standards (村干部报酬标准: assessment's table, edited here by year)

/** The unit types the allowance standards table knows (village and community cadres draw allowances). */
export const ALLOWANCE_UNIT_TYPES = ['village', 'community'] as const;
export type AllowanceUnitType = (typeof ALLOWANCE_UNIT_TYPES)[number];
export const AllowanceStandardRow = Type.Object({
  unitType: strEnum(ALLOWANCE_UNIT_TYPES),
  post: strEnum(ALLOWANCE_POSTS),
  annualFen: Type.Integer({ minimum: 0, maximum: 100_000_000, description: '年报酬标准（分），0 至 100 万元' }),
}, { additionalProperties: false });
export type AllowanceStandardRow = Static<typeof AllowanceStandardRow>;
export const AllowanceStandardTable = Type.Object({
  year: Type.Integer(),
  /** The year whose table is in force for `year` (its own, or the latest earlier one); null: the seed-002 defaults. */
  fromYear: Type.Union([Type.Integer(), Type.Null()]),
  rows: Type.Array(AllowanceStandardRow),
});
export type AllowanceStandardTable = Static<typeof AllowanceStandardTable>;
export const SaveAllowanceStandardsBody = Type.Object({ year: Year, rows: Type.Array(AllowanceStandardRow, { minItems: 1, maxItems: 14 }) }, { additionalProperties: false });
export type SaveAllowanceStandardsBody = Static<typeof SaveAllowanceStandardsBody>;

// ---- allocations and spending

export const Allocation = Type.Object({
  id: Id,
  org: OrgRef,
  year: Type.Integer(),
  line: strEnum(FUND_LINES),
  lineLabel: Type.String(),
  /** The standard the unit's type had when the allocation was made (fen), null when none applied. */
  standardFen: Type.Union([Fen, Type.Null()]),
  amountFen: Fen,
  /** Why the amount differs from the standard (required when it does). */
  reason: Type.Union([Type.String(), Type.Null()]),
  spentFen: Fen,
  balanceFen: Type.Integer(),
  version: Version,
});
export type Allocation = Static<typeof Allocation>;
export const AllocationList = Type.Object({ year: Type.Integer(), items: Type.Array(Allocation), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type AllocationList = Static<typeof AllocationList>;
export const AllocationsQuery = Type.Object({ year: Year, orgId: Type.Optional(Id), line: Type.Optional(strEnum(FUND_LINES)), ...PageQuery }, { additionalProperties: false });
export type AllocationsQuery = Static<typeof AllocationsQuery>;
export const CreateAllocationBody = Type.Object(
  { orgId: Id, year: Year, line: strEnum(FUND_LINES), amountFen: Type.Optional(Fen), reason: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type CreateAllocationBody = Static<typeof CreateAllocationBody>;
export const ApplyStandardsBody = Type.Object({ year: Year }, { additionalProperties: false });
export type ApplyStandardsBody = Static<typeof ApplyStandardsBody>;
export const AllocationsApplied = Type.Object({ created: Type.Integer(), units: Type.Integer() });
export type AllocationsApplied = Static<typeof AllocationsApplied>;
export const AdjustAllocationBody = Type.Object({ version: Version, amountFen: Fen, reason: Text(200) }, { additionalProperties: false });
export type AdjustAllocationBody = Static<typeof AdjustAllocationBody>;

export const Spending = Type.Object({
  id: Id,
  allocationId: Id,
  spentOn: Type.String(),
  amountFen: Fen,
  purpose: Type.String(),
  voucher: Type.Union([Type.Object({ fileName: Type.String(), mimeType: Type.String() }), Type.Null()]),
  recordedBy: Type.String(),
});
export type Spending = Static<typeof Spending>;
export const AllocationDetail = Type.Object({ allocation: Allocation, spendings: Type.Array(Spending) });
export type AllocationDetail = Static<typeof AllocationDetail>;
export const RecordSpendingBody = Type.Object({ spentOn: DateString, amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000_000, description: '金额（分），正整数' }), purpose: Text(200) }, { additionalProperties: false });
export type RecordSpendingBody = Static<typeof RecordSpendingBody>;

/** Roll-up: the org's children (county → townships → villages) with their totals; a leaf shows its own lines. */
export const FundRollupRow = Type.Object({ org: OrgRef, units: Type.Integer(), allocatedFen: Type.Integer(), spentFen: Type.Integer(), balanceFen: Type.Integer(), leaf: Type.Boolean() });
export const FundRollup = Type.Object({
  year: Type.Integer(),
  org: OrgRef,
  total: Type.Object({ units: Type.Integer(), allocatedFen: Type.Integer(), spentFen: Type.Integer(), balanceFen: Type.Integer() }),
  byLine: Type.Array(Type.Object({ line: strEnum(FUND_LINES), lineLabel: Type.String(), allocatedFen: Type.Integer(), spentFen: Type.Integer() })),
  rows: Type.Array(FundRollupRow),
});
export type FundRollup = Static<typeof FundRollup>;
export const RollupQuery = Type.Object({ year: Year, orgId: Type.Optional(Id) }, { additionalProperties: false });
export type RollupQuery = Static<typeof RollupQuery>;

// ---- allowances (村干部报酬) computed from posts

export const AllowanceRow = Type.Object({
  /** The row's key: a person draws one row a year at each unit (`personId:orgId`). */
  id: Type.String(),
  person: Type.Object({ id: Id, name: Type.String() }),
  org: OrgRef,
  /** The posts the person held at the unit during the year, as the standards table names them. */
  posts: Type.Array(Type.Object({ postId: Id, post: strEnum(ALLOWANCE_POSTS), postLabel: Type.String(), startDate: Type.String(), endDate: Type.Union([Type.String(), Type.Null()]), days: Type.Integer() })),
  /** Days of the year the person drew an allowance at the unit. */
  days: Type.Integer(),
  /** Days drawn at the 一肩挑 rate (secretary and director at once). */
  concurrentDays: Type.Integer(),
  /** The year's allowance (fen): each day at the highest standard the person's posts draw that day. */
  amountFen: Type.Integer(),
});
export type AllowanceRow = Static<typeof AllowanceRow>;
export const Allowances = Type.Object({
  year: Type.Integer(),
  daysInYear: Type.Integer(),
  /** The standards applied (fen a year), from the assessment module's allowance standards table. */
  standards: Type.Array(Type.Object({ unitType: Type.String(), post: strEnum(ALLOWANCE_POSTS), postLabel: Type.String(), annualFen: Type.Integer() })),
  /** One page of the post-holders (the .xlsx export has them all). */
  items: Type.Array(AllowanceRow),
  /** Post-holders of the whole year in scope, and the sum of all their allowances (not only this page's). */
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  totalFen: Type.Integer(),
});
export type Allowances = Static<typeof Allowances>;
/** A year's report, paged like every list (page, pageSize). */
export const YearPageQuery = Type.Object({ year: Year, ...PageQuery }, { additionalProperties: false });
export type YearPageQuery = Static<typeof YearPageQuery>;

/** 离任村干部生活补贴: the county's rule (data), with a default. */
export const FormerCadreRule = Type.Object({
  /** Years served (all village posts added) before the allowance is paid. */
  minYears: Type.Integer({ minimum: 0, maximum: 60 }),
  /** Paid a year for each full year served (fen). */
  perYearServedFen: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  /** Upper bound a year (fen); 0 for none. */
  capFen: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
});
export type FormerCadreRule = Static<typeof FormerCadreRule>;
export const DEFAULT_FORMER_CADRE_RULE: FormerCadreRule = { minYears: 6, perYearServedFen: 12_000, capFen: 0 };
export const FormerCadreRow = Type.Object({
  /** The person's id: one row a person. */
  id: Id,
  person: Type.Object({ id: Id, name: Type.String() }),
  org: OrgRef,
  lastPost: Type.String(),
  endedOn: Type.String(),
  yearsServed: Type.Integer(),
  eligible: Type.Boolean(),
  amountFen: Type.Integer(),
});
export type FormerCadreRow = Static<typeof FormerCadreRow>;
export const FormerCadres = Type.Object({
  year: Type.Integer(),
  rule: FormerCadreRule,
  isDefaultRule: Type.Boolean(),
  /** One page of the former cadres; the total and the sum are of the whole year in scope. */
  items: Type.Array(FormerCadreRow),
  total: Type.Integer(),
  /** How many of the year's former cadres draw the allowance (of all, not this page). */
  eligibleCount: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  totalFen: Type.Integer(),
});
export type FormerCadres = Static<typeof FormerCadres>;
export const SaveFormerCadreRuleBody = FormerCadreRule;
export type SaveFormerCadreRuleBody = Static<typeof SaveFormerCadreRuleBody>;

// ---- awards (表彰奖励)

export const Award = Type.Object({
  id: Id,
  org: OrgRef,
  year: Type.Integer(),
  title: Type.String(),
  amountFen: Fen,
  awardedOn: Type.Union([Type.String(), Type.Null()]),
  /** Where the record lives: an award recorded here, or a station's 七一 commendation (orgs module). */
  source: strEnum(['award', 'station_designation'] as const),
});
export type Award = Static<typeof Award>;
export const AwardList = Type.Object({ year: Type.Integer(), items: Type.Array(Award), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), totalFen: Type.Integer() });
export const AwardsQuery = Type.Object({ year: Year, ...PageQuery }, { additionalProperties: false });
export type AwardsQuery = Static<typeof AwardsQuery>;
export type AwardList = Static<typeof AwardList>;
export const CreateAwardBody = Type.Object({ orgId: Id, year: Year, title: Text(100), amountFen: Fen, awardedOn: Type.Optional(DateString) }, { additionalProperties: false });
export type CreateAwardBody = Static<typeof CreateAwardBody>;

// ---- facilities: checklists 六个到位 / 六有 / 十有

export const CHECKLIST_KINDS = ['station_six', 'township_six', 'village_ten'] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];
export const CHECKLIST_KIND_LABELS: Record<ChecklistKind, { zh: string; en: string }> = {
  station_six: { zh: '工作站“六个到位”', en: 'Station: six in place' },
  township_six: { zh: '乡镇“六有”', en: 'Township: six haves' },
  village_ten: { zh: '村级“十有”', en: 'Village: ten haves' },
};
/** Which unit types keep which checklist. */
export const CHECKLIST_UNIT_TYPES: Record<ChecklistKind, readonly string[]> = {
  station_six: ['station'],
  township_six: ['township'],
  village_ten: ['village', 'community'],
};
/** The township's 六有 grade (seed 002: 示范型 8, 改善型 7, 节俭型 8). */
export const FACILITY_GRADES = ['model', 'improved', 'frugal'] as const;
export type FacilityGrade = (typeof FACILITY_GRADES)[number];
export const FACILITY_GRADE_LABELS: Record<FacilityGrade, { zh: string; en: string }> = {
  model: { zh: '示范型', en: 'Model' },
  improved: { zh: '改善型', en: 'Improved' },
  frugal: { zh: '节俭型', en: 'Frugal' },
};

export const ChecklistItemDef = Type.Object({ key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,29}$' }), name: Text(30) });
export type ChecklistItemDef = Static<typeof ChecklistItemDef>;
/** The seeds' lists, a county's default. */
export const DEFAULT_CHECKLISTS: Record<ChecklistKind, ChecklistItemDef[]> = {
  // seed 000: 场所、设施、人员、职责上墙、8 项制度、经费
  station_six: [
    { key: 'venue', name: '场所到位' }, { key: 'facilities', name: '设施到位' }, { key: 'staff', name: '人员到位' },
    { key: 'duties', name: '职责上墙到位' }, { key: 'systems', name: '8项制度到位' }, { key: 'funds', name: '经费到位' },
  ],
  // seed 002: 宿办室、职工灶、浴室、有线电视、互联网、文体场所
  township_six: [
    { key: 'dorm', name: '有宿办室' }, { key: 'canteen', name: '有职工灶' }, { key: 'bath', name: '有浴室' },
    { key: 'tv', name: '有有线电视' }, { key: 'internet', name: '有互联网' }, { key: 'sports', name: '有文体场所' },
  ],
  // seed 002: 活动场所、办公电话、电脑、打印机、投影仪、电子显示屏、档案柜、图书室、文化健身器材、值班设施
  village_ten: [
    { key: 'venue', name: '有标准高活动场所' }, { key: 'phone', name: '有办公电话' }, { key: 'computer', name: '有电脑' },
    { key: 'printer', name: '有打印机' }, { key: 'projector', name: '有投影仪' }, { key: 'screen', name: '有电子显示屏' },
    { key: 'cabinet', name: '有档案柜' }, { key: 'library', name: '有图书室' }, { key: 'fitness', name: '有文化健身器材' },
    { key: 'duty', name: '有值班设施' },
  ],
};
export const ChecklistTemplates = Type.Object({
  templates: Type.Array(Type.Object({ kind: strEnum(CHECKLIST_KINDS), label: Type.String(), isDefault: Type.Boolean(), items: Type.Array(ChecklistItemDef) })),
});
export type ChecklistTemplates = Static<typeof ChecklistTemplates>;
export const SaveChecklistTemplateBody = Type.Object({ items: Type.Array(ChecklistItemDef, { minItems: 1, maxItems: 30 }) }, { additionalProperties: false });
export type SaveChecklistTemplateBody = Static<typeof SaveChecklistTemplateBody>;

export const UnitChecklist = Type.Object({
  org: OrgRef,
  kind: strEnum(CHECKLIST_KINDS),
  kindLabel: Type.String(),
  grade: Type.Union([strEnum(FACILITY_GRADES), Type.Null()]),
  investmentFen: Fen,
  /** The county's items (a fixed list, not a collection), each met or not. */
  checks: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), met: Type.Boolean(), note: Type.Union([Type.String(), Type.Null()]), hasPhoto: Type.Boolean() })),
  met: Type.Integer(),
  total: Type.Integer(),
  /** 0 before the unit's first save. */
  version: Type.Integer(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type UnitChecklist = Static<typeof UnitChecklist>;
export const ChecklistParams = Type.Object({ id: Id, kind: strEnum(CHECKLIST_KINDS) }, { additionalProperties: false });
export const ChecklistKindParams = Type.Object({ kind: strEnum(CHECKLIST_KINDS) }, { additionalProperties: false });
export const ChecklistItemParams = Type.Object({ id: Id, kind: strEnum(CHECKLIST_KINDS), key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,29}$' }) }, { additionalProperties: false });
export const SaveChecklistBody = Type.Object(
  {
    /** The version read (0 for a first save). */
    version: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }),
    grade: Type.Optional(Type.Union([strEnum(FACILITY_GRADES), Type.Null()])),
    investmentFen: Type.Optional(Fen),
    items: Type.Array(Type.Object({ key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,29}$' }), met: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }), { maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type SaveChecklistBody = Static<typeof SaveChecklistBody>;
export const FacilityBoardQuery = Type.Object({ kind: strEnum(CHECKLIST_KINDS), orgId: Type.Optional(Id) }, { additionalProperties: false });
export type FacilityBoardQuery = Static<typeof FacilityBoardQuery>;
export const FacilityBoard = Type.Object({
  kind: strEnum(CHECKLIST_KINDS),
  org: OrgRef,
  /** The checklist's items as the county keeps them. */
  checkItems: Type.Array(ChecklistItemDef),
  total: Type.Object({ units: Type.Integer(), complete: Type.Integer(), checked: Type.Integer(), investmentFen: Type.Integer() }),
  /** By child of the org (township, station): units, those meeting every item, investment. */
  rows: Type.Array(Type.Object({ org: OrgRef, units: Type.Integer(), complete: Type.Integer(), checked: Type.Integer(), investmentFen: Type.Integer() })),
  /** The units themselves when the org has them directly below or is one (drill-down's end). */
  units: Type.Array(Type.Object({ org: OrgRef, met: Type.Integer(), total: Type.Integer(), missing: Type.Array(Type.String()), grade: Type.Union([strEnum(FACILITY_GRADES), Type.Null()]), investmentFen: Type.Integer() })),
  /** The checklists the org's subtree keeps at all (a village: only its 十有), with their unit counts: the page offers only these. */
  kinds: Type.Array(Type.Object({ kind: strEnum(CHECKLIST_KINDS), units: Type.Integer() })),
});
export type FacilityBoard = Static<typeof FacilityBoard>;

// ---- venues and duty rosters

export const VENUE_KINDS = ['masses_home', 'service_station', 'service_center'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];
export const VENUE_KIND_LABELS: Record<VenueKind, { zh: string; en: string }> = {
  masses_home: { zh: '群众之家', en: 'Residents’ home' },
  service_station: { zh: '便民服务站', en: 'Service point' },
  service_center: { zh: '党群服务中心', en: 'Party-masses service centre' },
};
export const VENUE_CONDITIONS = ['good', 'needs_repair', 'under_repair', 'closed'] as const;
export type VenueCondition = (typeof VENUE_CONDITIONS)[number];
export const VENUE_CONDITION_LABELS: Record<VenueCondition, { zh: string; en: string }> = {
  good: { zh: '良好', en: 'Good' },
  needs_repair: { zh: '需维修', en: 'Needs repair' },
  under_repair: { zh: '维修中', en: 'Under repair' },
  closed: { zh: '停用', en: 'Closed' },
};
/** A public service phone (a landline or a hotline), never a person's own mobile. */
const ServicePhone = Type.String({ pattern: '^[0-9][0-9-]{4,19}$', description: '服务电话（座机或服务热线）' });
export const Venue = Type.Object({
  id: Id,
  org: OrgRef,
  kind: strEnum(VENUE_KINDS),
  kindLabel: Type.String(),
  name: Type.String(),
  condition: strEnum(VENUE_CONDITIONS),
  conditionLabel: Type.String(),
  open24h: Type.Boolean(),
  hours: Type.Union([Type.String(), Type.Null()]),
  servicePhone: Type.Union([Type.String(), Type.Null()]),
  onDutyNow: Type.Array(Type.Object({ name: Type.String(), role: Type.String() })),
  version: Version,
});
export type Venue = Static<typeof Venue>;
export const VenueList = Type.Object({ items: Type.Array(Venue), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type VenueList = Static<typeof VenueList>;
export const VenuesQuery = Type.Object({ orgId: Type.Optional(Id), ...PageQuery }, { additionalProperties: false });
export type VenuesQuery = Static<typeof VenuesQuery>;
export const CreateVenueBody = Type.Object(
  {
    orgId: Id, kind: strEnum(VENUE_KINDS), name: Text(50), condition: strEnum(VENUE_CONDITIONS), open24h: Type.Boolean(),
    hours: Type.Optional(Type.String({ maxLength: 100 })), servicePhone: Type.Optional(ServicePhone),
  },
  { additionalProperties: false },
);
export type CreateVenueBody = Static<typeof CreateVenueBody>;
export const UpdateVenueBody = Type.Object(
  {
    version: Version, name: Type.Optional(Text(50)), condition: Type.Optional(strEnum(VENUE_CONDITIONS)), open24h: Type.Optional(Type.Boolean()),
    hours: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])), servicePhone: Type.Optional(Type.Union([ServicePhone, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateVenueBody = Static<typeof UpdateVenueBody>;

export const DutyShift = Type.Object({ id: Id, venueId: Id, person: Type.Object({ id: Id, name: Type.String() }), role: Type.String(), startsAt: Type.String(), endsAt: Type.String(), now: Type.Boolean() });
export type DutyShift = Static<typeof DutyShift>;
/** A venue's roster over a window of at most 62 days (a view of one screen, not an open collection). */
export const DutyShiftList = Type.Object({ venue: Venue, from: Type.String(), to: Type.String(), shifts: Type.Array(DutyShift) });
export type DutyShiftList = Static<typeof DutyShiftList>;
export const DutyShiftsQuery = Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString) }, { additionalProperties: false });
export type DutyShiftsQuery = Static<typeof DutyShiftsQuery>;
export const DateTimeString = Type.String({ format: 'date-time', description: 'ISO 8601 时间（含时区）' });
export const CreateDutyShiftBody = Type.Object(
  { personId: Id, role: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })), startsAt: DateTimeString, endsAt: DateTimeString },
  { additionalProperties: false },
);
export type CreateDutyShiftBody = Static<typeof CreateDutyShiftBody>;
/** Who may be put on duty at a venue: the people holding posts at its unit now. */
export const DutyCandidates = Type.Object({ people: Type.Array(Type.Object({ personId: Id, name: Type.String(), role: Type.String() })) });
export type DutyCandidates = Static<typeof DutyCandidates>;
