// 三务公开 (党务 / 村务 / 财务 disclosures per unit and period, with the county's disclosure day),
// 村级财务审计 (audits whose findings become ledger problems) and 台账/簿册 (the county's register set,
// filled from records where they exist) — issue 17, seeds 002 and 004, DOMAIN.md §9.
import { Type, type Static } from '@sinclair/typebox';
import { ORG_TYPES, type OrgType } from './enums.js';
import { DateString, Id, OrgRef, Page, PageQuery, Version } from './schemas.js';

const literalUnion = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const DISCLOSURE_KINDS = ['party', 'village', 'finance'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];
export const DISCLOSURE_KIND_LABELS: Record<DisclosureKind, { zh: string; en: string }> = {
  party: { zh: '党务公开', en: 'Party affairs' },
  village: { zh: '村务公开', en: 'Village affairs' },
  finance: { zh: '财务公开', en: 'Finances' },
};
export const DisclosureKindSchema = literalUnion(DISCLOSURE_KINDS);

export const DISCLOSURE_CADENCES = ['month', 'quarter'] as const;
export type DisclosureCadence = (typeof DISCLOSURE_CADENCES)[number];

/** A period: a month `2026-12` or a quarter `2026-Q4`. */
export const Period = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$', description: '月份 YYYY-MM 或季度 YYYY-Qn' });
/** An audit's period: a year, half-year, quarter or month (`2026`, `2026-H1`, `2026-Q2`, `2026-05`). */
export const AuditPeriod = Type.String({ pattern: '^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$', description: '年度 YYYY、半年 YYYY-H1、季度 YYYY-Qn 或月份 YYYY-MM' });
/** An amount in yuan as typed (up to two decimals); checked by the service so a bad one gets a clear message. */
export const AmountText = Type.String({ maxLength: 20, description: '金额（元），最多两位小数' });

// ---- registers (台账/簿册) ----

/** Where a book's rows come from: a record source (core/register-sources.ts) or hand-filled rows. */
export const REGISTER_SOURCES_KNOWN = ['manual', 'roster', 'meetings', 'disclosures', 'decisions', 'funds'] as const;
export const REGISTER_SOURCE_LABELS: Record<string, string> = {
  manual: '手工填写',
  roster: '党员名册（人员库）',
  meetings: '会议记录（组织生活）',
  disclosures: '三务公开记录',
  decisions: '民主决策（小微权力事项）',
  funds: '经费收支（经费下达与支出）',
};
export type RegisterColumn = { key: string; label: string };
export type RegisterBook = { code: string; name: string; group: 'book' | 'account' | 'manual'; source: string; columns: RegisterColumn[] };

const col = (key: string, label: string): RegisterColumn => ({ key, label });
/** 七簿两账两手册 (seed 004 names the set, not the books): a sensible default each county may edit. */
export const DEFAULT_REGISTER_BOOKS: RegisterBook[] = [
  { code: 'roster', name: '党员名册', group: 'book', source: 'roster', columns: [col('name', '姓名'), col('gender', '性别'), col('unit', '所在支部'), col('joined', '入党日期'), col('status', '党员类别')] },
  { code: 'meetings', name: '会议记录簿', group: 'book', source: 'meetings', columns: [col('date', '日期'), col('type', '会议类型'), col('topic', '议题'), col('host', '主持人'), col('attendance', '应到/实到'), col('decisions', '议定事项')] },
  { code: 'decisions', name: '民主决策记录簿', group: 'book', source: 'decisions', columns: [col('date', '日期'), col('matter', '决策事项'), col('step', '环节（四议两公开）'), col('result', '结果'), col('meeting', '会议')] },
  { code: 'disclosures', name: '三务公开记录簿', group: 'book', source: 'disclosures', columns: [col('period', '公开期间'), col('kind', '类别'), col('items', '公开事项'), col('amount', '金额（元）'), col('published', '公开日期'), col('revision', '版次')] },
  { code: 'development', name: '发展党员工作记录簿', group: 'book', source: 'manual', columns: [col('c1', '姓名'), col('c2', '阶段'), col('c3', '日期'), col('c4', '培养联系人'), col('c5', '备注')] },
  { code: 'training', name: '党员教育培训记录簿', group: 'book', source: 'manual', columns: [col('c1', '培训内容'), col('c2', '授课人'), col('c3', '参加人数'), col('c4', '备注')] },
  { code: 'service', name: '为民服务记录簿', group: 'book', source: 'manual', columns: [col('c1', '服务对象'), col('c2', '事项'), col('c3', '办理人'), col('c4', '结果')] },
  { code: 'dues', name: '党费收缴账', group: 'account', source: 'manual', columns: [col('c1', '姓名'), col('c2', '月份'), col('c3', '金额（元）'), col('c4', '经手人')] },
  { code: 'funds', name: '党建经费收支账', group: 'account', source: 'funds', columns: [col('date', '日期'), col('line', '经费项目'), col('item', '摘要'), col('income', '下达（元）'), col('expense', '支出（元）'), col('balance', '结余（元）')] },
  { code: 'handbook', name: '党建工作手册', group: 'manual', source: 'manual', columns: [col('c1', '工作事项'), col('c2', '完成情况'), col('c3', '责任人')] },
  { code: 'duty', name: '村干部坐班值班手册', group: 'manual', source: 'manual', columns: [col('c1', '值班人'), col('c2', '接待事项'), col('c3', '办理情况')] },
];

export const RegisterColumnSchema = Type.Object({ key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,29}$' }), label: Type.String({ minLength: 1, maxLength: 30 }) }, { additionalProperties: false });
export const RegisterBookSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
    name: Type.String({ minLength: 1, maxLength: 30 }),
    group: literalUnion(['book', 'account', 'manual'] as const),
    source: Type.String({ minLength: 1, maxLength: 30 }),
    columns: Type.Array(RegisterColumnSchema, { minItems: 1, maxItems: 12 }),
  },
  { additionalProperties: false },
);

// ---- settings ----

export const DEFAULT_DISCLOSURE_DAY = 25;
export const DEFAULT_DISCLOSURE_UNIT_TYPES: OrgType[] = ['village', 'community'];
export const DEFAULT_CADENCE: Record<DisclosureKind, DisclosureCadence> = { party: 'month', village: 'month', finance: 'month' };

export const OpennessSettings = Type.Object({
  disclosureDay: Type.Integer({ minimum: 1, maximum: 28 }),
  unitTypes: Type.Array(literalUnion(ORG_TYPES)),
  cadence: Type.Object({ party: literalUnion(DISCLOSURE_CADENCES), village: literalUnion(DISCLOSURE_CADENCES), finance: literalUnion(DISCLOSURE_CADENCES) }),
  books: Type.Array(RegisterBookSchema),
  sources: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), columns: Type.Array(RegisterColumnSchema), available: Type.Boolean() })),
});
export type OpennessSettings = Static<typeof OpennessSettings>;

export const SaveOpennessSettingsBody = Type.Object(
  {
    disclosureDay: Type.Integer({ minimum: 1, maximum: 28 }),
    unitTypes: Type.Array(literalUnion(ORG_TYPES), { minItems: 1, maxItems: 12, uniqueItems: true }),
    cadence: Type.Object({ party: literalUnion(DISCLOSURE_CADENCES), village: literalUnion(DISCLOSURE_CADENCES), finance: literalUnion(DISCLOSURE_CADENCES) }, { additionalProperties: false }),
    books: Type.Array(RegisterBookSchema, { minItems: 1, maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type SaveOpennessSettingsBody = Static<typeof SaveOpennessSettingsBody>;

// ---- disclosures ----

export const DisclosureItemInput = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 100 }),
    content: Type.String({ maxLength: 2000 }),
    amount: Type.Optional(Type.Union([AmountText, Type.Null()])),
  },
  { additionalProperties: false },
);
export type DisclosureItemInput = Static<typeof DisclosureItemInput>;

export const ComposeDisclosureBody = Type.Object(
  { orgId: Id, kind: DisclosureKindSchema, period: Period, items: Type.Array(DisclosureItemInput, { maxItems: 50 }) },
  { additionalProperties: false },
);
export type ComposeDisclosureBody = Static<typeof ComposeDisclosureBody>;

export const SaveDraftBody = Type.Object({ version: Version, items: Type.Array(DisclosureItemInput, { maxItems: 50 }) }, { additionalProperties: false });
export type SaveDraftBody = Static<typeof SaveDraftBody>;
export const PublishDisclosureBody = Type.Object({ version: Version }, { additionalProperties: false });
export type PublishDisclosureBody = Static<typeof PublishDisclosureBody>;
export const CorrectDisclosureBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export type CorrectDisclosureBody = Static<typeof CorrectDisclosureBody>;

export const DisclosureItem = Type.Object({ seq: Type.Integer(), title: Type.String(), content: Type.String(), amountFen: Type.Union([Type.Integer(), Type.Null()]) });
export type DisclosureItem = Static<typeof DisclosureItem>;
export const DisclosureFile = Type.Object({ id: Id, role: literalUnion(['photo', 'attachment'] as const), fileName: Type.String(), mimeType: Type.String(), size: Type.Integer() });
export type DisclosureFile = Static<typeof DisclosureFile>;

export const DisclosureRevision = Type.Object({
  revision: Type.Integer(),
  status: literalUnion(['draft', 'published'] as const),
  reason: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  items: Type.Array(DisclosureItem),
  photo: Type.Union([DisclosureFile, Type.Null()]),
  attachments: Type.Array(DisclosureFile),
  version: Type.Integer(),
});
export type DisclosureRevision = Static<typeof DisclosureRevision>;

export const DisclosureView = Type.Object({
  id: Id,
  org: OrgRef,
  kind: DisclosureKindSchema,
  period: Type.String(),
  /** The revision the public sees (null until first published). */
  current: Type.Union([DisclosureRevision, Type.Null()]),
  /** The revision being composed or corrected (null when none is open). */
  draft: Type.Union([DisclosureRevision, Type.Null()]),
  /** Earlier published revisions, newest first. */
  history: Type.Array(Type.Object({ revision: Type.Integer(), reason: Type.Union([Type.String(), Type.Null()]), publishedAt: Type.Union([Type.String(), Type.Null()]) })),
  dueOn: Type.String(),
  canEdit: Type.Boolean(),
});
export type DisclosureView = Static<typeof DisclosureView>;

export const DisclosureSummary = Type.Object({
  id: Id, org: OrgRef, kind: DisclosureKindSchema, period: Type.String(), status: literalUnion(['draft', 'published', 'corrected', 'correcting'] as const),
  revision: Type.Integer(), publishedAt: Type.Union([Type.String(), Type.Null()]), items: Type.Integer(), hasPhoto: Type.Boolean(),
});
export type DisclosureSummary = Static<typeof DisclosureSummary>;
export const DisclosurePage = Page(DisclosureSummary);
export type DisclosurePage = Static<typeof DisclosurePage>;
export const ListDisclosuresQuery = Type.Object(
  { orgId: Type.Optional(Id), period: Type.Optional(Period), kind: Type.Optional(DisclosureKindSchema), ...PageQuery },
  { additionalProperties: false },
);
export type ListDisclosuresQuery = Static<typeof ListDisclosuresQuery>;

// ---- due / overdue board ----

export const DisclosureBoardQuery = Type.Object({ orgId: Type.Optional(Id), month: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' })) }, { additionalProperties: false });
export type DisclosureBoardQuery = Static<typeof DisclosureBoardQuery>;
const Tally = { units: Type.Integer(), expected: Type.Integer(), published: Type.Integer(), late: Type.Integer(), missing: Type.Integer(), overdueUnits: Type.Integer() };
export const DisclosureBoard = Type.Object({
  org: OrgRef,
  month: Type.String(),
  dueOn: Type.String(),
  overdue: Type.Boolean(),
  /** What is due this month: each kind with the period it covers (a quarter's kinds only in its last month). */
  due: Type.Array(Type.Object({ kind: DisclosureKindSchema, period: Type.String() })),
  total: Type.Object(Tally),
  rows: Type.Array(Type.Object({ org: OrgRef, ...Tally })),
  /** The units under the org and each due kind's state (missing first). */
  units: Type.Array(Type.Object({
    org: OrgRef,
    township: Type.Union([Type.String(), Type.Null()]),
    kinds: Type.Array(Type.Object({ kind: DisclosureKindSchema, period: Type.String(), state: literalUnion(['published', 'late', 'draft', 'missing'] as const), disclosureId: Type.Union([Id, Type.Null()]), publishedAt: Type.Union([Type.String(), Type.Null()]) })),
  })),
});
export type DisclosureBoard = Static<typeof DisclosureBoard>;

// ---- finance audits ----

export const CreateFinanceAuditBody = Type.Object(
  {
    orgId: Id,
    period: AuditPeriod,
    auditedOn: DateString,
    auditor: Type.String({ minLength: 1, maxLength: 100 }),
    conclusion: Type.String({ minLength: 1, maxLength: 2000 }),
    findings: Type.Array(Type.Object({ description: Type.String({ minLength: 1, maxLength: 1000 }), amount: Type.Optional(Type.Union([AmountText, Type.Null()])) }, { additionalProperties: false }), { maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type CreateFinanceAuditBody = Static<typeof CreateFinanceAuditBody>;

export const FinanceAuditView = Type.Object({
  id: Id,
  org: OrgRef,
  by: OrgRef,
  period: Type.String(),
  auditedOn: Type.String(),
  auditor: Type.String(),
  conclusion: Type.String(),
  findings: Type.Array(Type.Object({
    id: Id, seq: Type.Integer(), description: Type.String(), amountFen: Type.Union([Type.Integer(), Type.Null()]),
    problemId: Type.Union([Id, Type.Null()]),
    /** The ledger problem's state as the ledger reports it (null when not registered, or not visible to the caller). */
    problemStatus: Type.Union([Type.String(), Type.Null()]),
  })),
});
export type FinanceAuditView = Static<typeof FinanceAuditView>;
export const FinanceAuditPage = Page(FinanceAuditView);
export type FinanceAuditPage = Static<typeof FinanceAuditPage>;
export const ListFinanceAuditsQuery = Type.Object({ orgId: Type.Optional(Id), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), ...PageQuery }, { additionalProperties: false });
export type ListFinanceAuditsQuery = Static<typeof ListFinanceAuditsQuery>;

export const AuditFindingToProblemBody = Type.Object(
  {
    category: Type.String({ minLength: 1, maxLength: 50 }),
    deadline: DateString,
    measures: Type.Optional(Type.String({ maxLength: 2000 })),
    responsiblePerson: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);
export type AuditFindingToProblemBody = Static<typeof AuditFindingToProblemBody>;

// ---- registers ----

export const RegisterQuery = Type.Object({ orgId: Type.Optional(Id), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false });
export type RegisterQuery = Static<typeof RegisterQuery>;
export const RegisterList = Type.Object({
  org: OrgRef,
  year: Type.Integer(),
  books: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), group: Type.String(), source: Type.String(), sourceLabel: Type.String(), filledFromRecords: Type.Boolean(), rows: Type.Integer() })),
});
export type RegisterList = Static<typeof RegisterList>;
export const RegisterView = Type.Object({
  org: OrgRef,
  township: Type.Union([Type.String(), Type.Null()]),
  county: Type.Union([Type.String(), Type.Null()]),
  year: Type.Integer(),
  book: RegisterBookSchema,
  sourceLabel: Type.String(),
  filledFromRecords: Type.Boolean(),
  rows: Type.Array(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]))),
});
export type RegisterView = Static<typeof RegisterView>;
export const AddRegisterRowBody = Type.Object(
  {
    orgId: Id,
    entryDate: DateString,
    cells: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,29}$' }), Type.String({ maxLength: 500 }), { maxProperties: 12 }),
  },
  { additionalProperties: false },
);
export type AddRegisterRowBody = Static<typeof AddRegisterRowBody>;
/** One hand-written register row (GET /api/openness/registers/{code}/rows/{id}; what adding it answers). */
export const RegisterRowView = Type.Object({
  id: Id,
  org: OrgRef,
  book: Type.Object({ code: Type.String(), name: Type.String() }),
  year: Type.Integer(),
  entryDate: DateString,
  cells: Type.Record(Type.String(), Type.String()),
});
export type RegisterRowView = Static<typeof RegisterRowView>;

// ---- route params ----

export const DisclosureFileParams = Type.Object({ id: Id, fileId: Id }, { additionalProperties: false });
export const AuditFindingParams = Type.Object({ id: Id, findingId: Id }, { additionalProperties: false });
export const RegisterCodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }) }, { additionalProperties: false });
export const RegisterRowParams = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }), id: Id }, { additionalProperties: false });

// ---- the public page ----

export const PublicDisclosuresQuery = Type.Object({ period: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' })) }, { additionalProperties: false });
export type PublicDisclosuresQuery = Static<typeof PublicDisclosuresQuery>;
export const PublicDisclosures = Type.Object({
  unit: Type.Object({ id: Id, name: Type.String(), township: Type.Union([Type.String(), Type.Null()]), county: Type.Union([Type.String(), Type.Null()]) }),
  month: Type.String(),
  disclosureDay: Type.Integer(),
  /** Months with a published disclosure, newest first (for the month picker). */
  months: Type.Array(Type.String()),
  disclosures: Type.Array(Type.Object({
    id: Id,
    kind: DisclosureKindSchema,
    period: Type.String(),
    revision: Type.Integer(),
    corrected: Type.Boolean(),
    reason: Type.Union([Type.String(), Type.Null()]),
    publishedAt: Type.String(),
    items: Type.Array(DisclosureItem),
    photoUrl: Type.Union([Type.String(), Type.Null()]),
    attachments: Type.Array(Type.Object({ name: Type.String(), url: Type.String() })),
  })),
});
export type PublicDisclosures = Static<typeof PublicDisclosures>;

/** Fen → "1,234.50" (yuan). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
