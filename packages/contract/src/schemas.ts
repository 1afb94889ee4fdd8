// Request and response schemas of the API (TypeBox): they validate requests on the server, type
// the handlers, generate the OpenAPI document and type the web client.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import {
  EDUCATIONS,
  FLOW_STATUSES,
  GENDERS,
  MEMBER_STATUSES,
  ORG_TYPES,
  POST_ROLES,
  ROLES,
} from './enums.js';
import { StationDesignation, StationDesignationRow } from './stations.js';
import { SelectionChannelSchema, postFields, RESERVE_STATUSES, DevelopmentRow } from './cadres.js';

/** A string enum: one JSON-schema `enum` (readable in OpenAPI), typed as the union of values. */
const literalUnion = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const Id = Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 });
export const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: '乐观锁版本号（int4）' });

export const RoleSchema = literalUnion(ROLES);
export const OrgTypeSchema = literalUnion(ORG_TYPES);
export const PostRoleSchema = literalUnion(POST_ROLES);
export const EducationSchema = literalUnion(EDUCATIONS);
export const GenderSchema = literalUnion(GENDERS);
export const MemberStatusSchema = literalUnion(MEMBER_STATUSES);
export const FlowStatusSchema = literalUnion(FLOW_STATUSES);

export const ErrorBody = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
    requestId: Type.Optional(Type.String()),
  },
  { $id: 'ErrorBody' },
);

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
};
export const PageOnlyQuery = Type.Object(PageQuery, { additionalProperties: false });

// ---- shapes every module shares ----
/** The id of a record just created (routes whose created record has no detail view of its own). */
export const Created = Type.Object({ id: Id });
export type Created = Static<typeof Created>;
/** 204: the answer has no body. */
export const NoContent = Type.Null({ description: '无内容（204）' });
/** A file download (Excel, an attachment, an image): the body is the file itself, not JSON. */
export const FileDownload = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: '文件内容（非 JSON）' });
/** The answer of a hash-chain check (audit log, a case's timeline). */
export const ChainCheck = Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), brokenAt: Type.Optional(Type.Integer()) });
export type ChainCheck = Static<typeof ChainCheck>;
/** A delete that names the version it read (412 when stale). */
export const VersionQuery = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export const VersionBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export const IdAndAttachmentParams = Type.Object({ id: Id, attachmentId: Id }, { additionalProperties: false });
export const HealthStatus = Type.Object({ status: Type.Literal('ok') });

// ---- auth ----
export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 40 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    /** The 6-digit code of the authenticator app, for accounts with a second factor. */
    otp: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const OrgRef = Type.Object({ id: Id, name: Type.String(), type: OrgTypeSchema });

export const Me = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  scopeOrg: OrgRef,
  mustChangePassword: Type.Boolean(),
  /** An administrator without a second factor yet: only enrollment is open until it is bound. */
  mustEnrollTotp: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  csrfToken: Type.String({ description: '写操作须在 X-CSRF-Token 头中带上此值' }),
  permissions: Type.Array(Type.String()),
});
export type Me = Static<typeof Me>;

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

// ---- org tree ----
export const OrgNode = Type.Object({
  id: Id,
  parentId: Type.Union([Id, Type.Null()]),
  countyId: Type.Union([Id, Type.Null()]),
  type: OrgTypeSchema,
  name: Type.String(),
  path: Type.String(),
  depth: Type.Integer(),
  status: Type.Union([Type.Literal('active'), Type.Literal('closed')]),
  usesStations: Type.Boolean(),
  isPilot: Type.Boolean({ description: '县级试点工作站（由称号 county_pilot 得出；称号见组织详情 designations）' }),
  version: Version,
  memberCount: Type.Integer({ description: '本节点及下级的党员数' }),
  villageCount: Type.Integer({ description: '本节点及下级的村（社区）数' }),
  warnings: Type.Array(Type.String()),
});
export type OrgNode = Static<typeof OrgNode>;

export const OrgTree = Type.Object({ rootId: Id, nodes: Type.Array(OrgNode) });
export type OrgTree = Static<typeof OrgTree>;

export const OrgDetail = Type.Composite([
  OrgNode,
  Type.Object({
    parent: Type.Union([OrgRef, Type.Null()]),
    ancestors: Type.Array(OrgRef),
    posts: Type.Array(
      Type.Object({
        id: Id,
        personId: Id,
        personName: Type.String(),
        role: PostRoleSchema,
        concurrent: Type.Boolean(),
        sentFrom: Type.Union([Type.String(), Type.Null()]),
        startDate: DateString,
        endDate: Type.Union([DateString, Type.Null()]),
      }),
    ),
    childCounts: Type.Record(Type.String(), Type.Integer()),
    /** A station's designations (试点、乡镇示范、“七一”表彰), newest first; empty for other orgs. */
    designations: Type.Array(StationDesignation),
  }),
]);
export type OrgDetail = Static<typeof OrgDetail>;

export const CreateOrgBody = Type.Object(
  {
    parentId: Id,
    type: OrgTypeSchema,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    code: Type.Optional(Type.String({ maxLength: 50 })),
    usesStations: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateOrgBody = Static<typeof CreateOrgBody>;

export const UpdateOrgBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    usesStations: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateOrgBody = Static<typeof UpdateOrgBody>;

export const MoveOrgBody = Type.Object(
  { version: Version, newParentId: Id },
  { additionalProperties: false },
);
export type MoveOrgBody = Static<typeof MoveOrgBody>;

export const CloseOrgBody = Type.Object({ version: Version }, { additionalProperties: false });

// ---- people ----
export const PersonSummary = Type.Object({
  id: Id,
  name: Type.String(),
  gender: GenderSchema,
  ethnicity: Type.String(),
  birthDate: Type.Union([DateString, Type.Null()]),
  age: Type.Union([Type.Integer(), Type.Null()]),
  idNumber: Type.Union([Type.String(), Type.Null()], { description: '默认脱敏' }),
  phone: Type.Union([Type.String(), Type.Null()], { description: '默认脱敏' }),
  education: Type.Union([EducationSchema, Type.Null()]),
  org: OrgRef,
  memberStatus: Type.Union([MemberStatusSchema, Type.Null()]),
  joinDate: Type.Union([DateString, Type.Null()]),
  flowStatus: FlowStatusSchema,
  status: Type.Union([Type.Literal('active'), Type.Literal('left'), Type.Literal('deceased')]),
  version: Version,
});
export type PersonSummary = Static<typeof PersonSummary>;

export const PostRecord = Type.Object({
  id: Id,
  org: OrgRef,
  role: PostRoleSchema,
  concurrent: Type.Boolean(),
  sentFrom: Type.Union([Type.String(), Type.Null()]),
  startDate: DateString,
  endDate: Type.Union([DateString, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  selectionChannel: Type.Union([SelectionChannelSchema, Type.Null()]),
  civilService: Type.Boolean(),
  civilServiceDate: Type.Union([DateString, Type.Null()]),
  civilServiceBasis: Type.Union([Type.String(), Type.Null()]),
  version: Version,
});
export type PostRecord = Static<typeof PostRecord>;

/**
 * One post (任职) as GET /api/posts/{id} shows it, and as assigning or changing it answers: the
 * record, its holder, and the staffing warnings (人员到位) of its org as they stand now (a station's;
 * none for other org types).
 */
export const PostView = Type.Composite([
  PostRecord,
  Type.Object({
    person: Type.Object({ id: Id, name: Type.String() }),
    warnings: Type.Array(Type.String(), { description: '任职单位当前的人员到位预警（工作站；其他组织为空）' }),
  }),
]);
export type PostView = Static<typeof PostView>;
/** What assigning or changing a post answers: the post as its GET shows it (with the warnings after the write). */
export const PostWritten = PostView;
export type PostWritten = PostView;

export const PersonDetail = Type.Composite([
  PersonSummary,
  Type.Object({
    fullDate: Type.Union([DateString, Type.Null()]),
    partyGroup: Type.Union([OrgRef, Type.Null()]),
    posts: Type.Array(PostRecord),
    /** the work accounts linked to this person (账号关联人员): what they record is this person's own */
    accounts: Type.Array(Type.Object({ id: Id, username: Type.String(), displayName: Type.String() })),
    reserve: Type.Union([
      Type.Object({ id: Id, targetRole: Type.String(), addedOn: DateString }),
      Type.Null(),
    ]),
    history: Type.Array(
      Type.Object({
        at: Type.String(),
        username: Type.Union([Type.String(), Type.Null()]),
        by: Type.Union([Type.String(), Type.Null()], { description: '操作账号的名称（如“榆舍村党支部”），界面显示它而不是登录名' }),
        action: Type.String(),
        summary: Type.Unknown(),
      }),
    ),
  }),
]);
export type PersonDetail = Static<typeof PersonDetail>;

const personFields = {
  name: Type.String({ minLength: 1, maxLength: 50 }),
  gender: GenderSchema,
  ethnicity: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  birthDate: Type.Optional(Type.Union([DateString, Type.Null()])),
  idNumber: Type.Optional(Type.Union([Type.String({ maxLength: 18 }), Type.Null()])),
  phone: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  education: Type.Optional(Type.Union([EducationSchema, Type.Null()])),
  orgId: Id,
  memberStatus: Type.Optional(Type.Union([MemberStatusSchema, Type.Null()])),
  joinDate: Type.Optional(Type.Union([DateString, Type.Null()])),
  fullDate: Type.Optional(Type.Union([DateString, Type.Null()])),
  partyGroupId: Type.Optional(Type.Union([Id, Type.Null()])),
  flowStatus: Type.Optional(FlowStatusSchema),
};

export const CreatePersonBody = Type.Object(personFields, { additionalProperties: false });
export type CreatePersonBody = Static<typeof CreatePersonBody>;

export const UpdatePersonBody = Type.Composite(
  [
    Type.Partial(Type.Object(personFields)),
    Type.Object({
      version: Version,
      status: Type.Optional(
        Type.Union([Type.Literal('active'), Type.Literal('left'), Type.Literal('deceased')]),
      ),
    }),
  ],
  { additionalProperties: false },
);
export type UpdatePersonBody = Partial<CreatePersonBody> & {
  version: number;
  status?: 'active' | 'left' | 'deceased';
};

export const PERSON_SORTS = ['name', 'birthDate', 'joinDate', 'id'] as const;
export const ListPeopleQuery = Type.Object(
  {
    orgId: Type.Optional(Id),
    q: Type.Optional(Type.String({ maxLength: 50, description: '按姓名搜索' })),
    memberStatus: Type.Optional(
      Type.Union([MemberStatusSchema, Type.Literal('member'), Type.Literal('non_member')]),
    ),
    gender: Type.Optional(GenderSchema),
    education: Type.Optional(EducationSchema),
    flowStatus: Type.Optional(FlowStatusSchema),
    ageMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
    ageMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
    joinFrom: Type.Optional(DateString),
    joinTo: Type.Optional(DateString),
    status: Type.Optional(
      Type.Union([Type.Literal('active'), Type.Literal('left'), Type.Literal('deceased')]),
    ),
    sort: Type.Optional(literalUnion(PERSON_SORTS)),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListPeopleQuery = Static<typeof ListPeopleQuery>;

export const CreatePostBody = Type.Object(
  {
    personId: Id,
    orgId: Id,
    role: PostRoleSchema,
    startDate: DateString,
    endDate: Type.Optional(Type.Union([DateString, Type.Null()])),
    ...postFields,
  },
  { additionalProperties: false },
);
export type CreatePostBody = Static<typeof CreatePostBody>;

export const EndPostBody = Type.Object({ endDate: DateString }, { additionalProperties: false });

export const CadreRow = Type.Object({
  id: Id,
  postId: Id,
  person: Type.Object({ id: Id, name: Type.String(), gender: GenderSchema, age: Type.Union([Type.Integer(), Type.Null()]), education: Type.Union([EducationSchema, Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]) }),
  org: OrgRef,
  role: PostRoleSchema,
  concurrent: Type.Boolean(),
  sentFrom: Type.Union([Type.String(), Type.Null()]),
  startDate: DateString,
  endDate: Type.Union([DateString, Type.Null()]),
  selectionChannel: Type.Union([SelectionChannelSchema, Type.Null()]),
  civilService: Type.Boolean(),
  /** 在岗天数 (a first secretary's days in post): from the start of the term to today */
  daysInPost: Type.Integer(),
  version: Version,
});
export type CadreRow = Static<typeof CadreRow>;

export const ReserveCadreBody = Type.Object(
  {
    personId: Id,
    targetRole: Type.String({ minLength: 1, maxLength: 50 }),
    addedOn: DateString,
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const ReserveCadreRow = Type.Object({
  id: Id,
  person: Type.Object({ id: Id, name: Type.String(), gender: GenderSchema, age: Type.Union([Type.Integer(), Type.Null()]), education: Type.Union([EducationSchema, Type.Null()]) }),
  org: OrgRef,
  targetRole: Type.String(),
  addedOn: DateString,
  note: Type.Union([Type.String(), Type.Null()]),
  status: Type.Unsafe<(typeof RESERVE_STATUSES)[number]>({ type: 'string', enum: [...RESERVE_STATUSES] }),
  trainedOn: Type.Union([DateString, Type.Null()]),
  training: Type.Union([Type.String(), Type.Null()]),
  postId: Type.Union([Id, Type.Null()]),
  endedOn: Type.Union([DateString, Type.Null()]),
  endReason: Type.Union([Type.String(), Type.Null()]),
  version: Version,
});
export type ReserveCadreRow = Static<typeof ReserveCadreRow>;

// ---- import ----
export const ImportRowError = Type.Object({
  row: Type.Integer(),
  column: Type.String(),
  message: Type.String(),
});
export type ImportRowError = Static<typeof ImportRowError>;

export const ImportReport = Type.Object({
  jobId: Type.Union([Id, Type.Null()]),
  dryRun: Type.Boolean(),
  totalRows: Type.Integer(),
  validRows: Type.Integer(),
  errors: Type.Array(ImportRowError),
  created: Type.Integer(),
  updated: Type.Integer(),
  skipped: Type.Integer(),
  imported: Type.Boolean(),
});
export type ImportReport = Static<typeof ImportReport>;

export const JobStatus = Type.Object({
  id: Id,
  kind: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  total: Type.Integer(),
  processed: Type.Integer(),
  result: Type.Unknown(),
});

// ---- audit ----
export const AuditRecord = Type.Object({
  id: Id,
  at: Type.String(),
  accountId: Type.Union([Id, Type.Null()]),
  username: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  objectType: Type.Union([Type.String(), Type.Null()]),
  objectId: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Unknown(),
  result: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
});
export type AuditRecord = Static<typeof AuditRecord>;

export const ListAuditQuery = Type.Object(
  {
    username: Type.Optional(Type.String({ maxLength: 40 })),
    action: Type.Optional(Type.String({ maxLength: 60 })),
    objectType: Type.Optional(Type.String({ maxLength: 40 })),
    objectId: Type.Optional(Type.String({ maxLength: 40 })),
    from: Type.Optional(DateString),
    to: Type.Optional(DateString),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListAuditQuery = Static<typeof ListAuditQuery>;

// ---- accounts (administration) ----
export const AccountRow = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  scopeOrg: OrgRef,
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  totpEnabled: Type.Boolean(),
});

/** 账号关联人员: a work account linked to the person who uses it, so what it records is that person's own. */
export const AccountLinkRow = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  scopeOrg: OrgRef,
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  person: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
});
export type AccountLinkRow = Static<typeof AccountLinkRow>;
export const AccountLinkPage = Page(AccountLinkRow);
export type AccountLinkPage = Static<typeof AccountLinkPage>;
export const AccountLinkQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 50, description: '用户名或显示名（包含）' })),
    linked: Type.Optional(Type.Boolean({ description: 'true：已关联人员；false：未关联' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type AccountLinkQuery = Static<typeof AccountLinkQuery>;
export const PutAccountLinkBody = Type.Object({ personId: Type.Union([Id, Type.Null()], { description: '关联的人员；null 为解除关联' }) }, { additionalProperties: false });
export type PutAccountLinkBody = Static<typeof PutAccountLinkBody>;

export const TotpSetup = Type.Object({
  secret: Type.String({ description: 'base32，可手工输入验证器' }),
  uri: Type.String({ description: 'otpauth:// 地址（二维码内容）' }),
  qrSvg: Type.String(),
});
export type TotpSetup = Static<typeof TotpSetup>;
export const TotpEnableBody = Type.Object({ code: Type.String({ maxLength: 10 }) }, { additionalProperties: false });

export const CreateAccountBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z0-9_.-]{3,40}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 50 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 5, uniqueItems: true }),
    scopeOrgId: Id,
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** 授权、调整管辖范围、解锁、停用、重置动态验证码 (security administrator). */
export const UpdateAccountBody = Type.Object(
  {
    roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 5, uniqueItems: true })),
    scopeOrgId: Type.Optional(Id),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    unlock: Type.Optional(Type.Boolean()),
    resetTotp: Type.Optional(Type.Boolean({ description: '清除已绑定的动态验证码（如手机丢失），下次登录重新绑定' })),
  },
  { additionalProperties: false },
);
export type UpdateAccountBody = Static<typeof UpdateAccountBody>;
export const ResetPasswordBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const OrgTreeQuery = Type.Object({ rootId: Type.Optional(Id) }, { additionalProperties: false });
export const IdAndDesignationParams = Type.Object({ id: Id, designationId: Id }, { additionalProperties: false });

// ---- Excel import and export of the roster (花名册) ----
export const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ default: false, description: '只检查，不写入' })),
    mode: Type.Optional(
      Type.Union([Type.Literal('all_or_nothing'), Type.Literal('valid_only')], {
        default: 'all_or_nothing',
        description: 'all_or_nothing：有错误则全部不导入；valid_only：只导入正确的行',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuery>;

/** An ImportReport plus warnings (rows that import, but deserve a look: e.g. no ID number). */
export const ImportReportWithWarnings = Type.Composite([
  ImportReport,
  Type.Object({ warnings: Type.Array(ImportRowError) }),
]);
export type ImportReportWithWarnings = Static<typeof ImportReportWithWarnings>;

export const ImportStarted = Type.Object({ jobId: Id });
export type ImportStarted = Static<typeof ImportStarted>;

export type JobStatus = Static<typeof JobStatus>;

// ---- the lists' named page shapes (one list shape: {items, total, page, pageSize}) ----
export const PersonPage = Page(PersonSummary);
export const CadrePage = Page(CadreRow);
export const ReserveCadrePage = Page(ReserveCadreRow);
export const DevelopmentPage = Type.Object({
  items: Type.Array(DevelopmentRow),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  /** of the whole filtered list (without the warning filter): how many are past or near their step's time limit */
  warnings: Type.Object({ overdue: Type.Integer(), dueSoon: Type.Integer() }),
});
export type DevelopmentPage = Static<typeof DevelopmentPage>;
/** The 两委 structure of the caller's scope, or of one org under it. */
export const CadreStructureQuery = Type.Object({ orgId: Type.Optional(Id) }, { additionalProperties: false });
/** An org's posts (its 班子), current first, each with its holder. 不分页: an org's posts are few. */
export const OrgPostList = Type.Array(Type.Composite([PostRecord, Type.Object({ person: Type.Object({ id: Id, name: Type.String() }) })]), { description: '不分页（一个组织的任职不多）' });
export const AccountPage = Page(AccountRow);
export const AuditPage = Page(AuditRecord);
export const StationDesignationPage = Page(StationDesignationRow);
