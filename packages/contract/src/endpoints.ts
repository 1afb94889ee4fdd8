// The API's endpoint table: method and path → the contract schemas of its query, body and
// success answer. The server's routes declare the same schemas (core/one-schema.test.ts checks the
// table against the OpenAPI document); the web's client (packages/web/src/app/api.ts) takes its
// request and response types from here, so no page retypes an answer by hand.
// Paths use OpenAPI's {param}; a param named id or …Id is a number, any other a string.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CaseTextBody, Challenge, CitizenStats, CitizenStatsQuery, ContactCard, CreateHouseholdBody, CreateRequestBody, CreateVisitBody, DepartmentList, FeedbackBody, FireRequestBody, GridDeedBody, GridQuery, GridRegistrationBody, GridView, HandOverBody, HandOverCandidateList, HouseholdList, JudicialTransferBody, ListHouseholdsQuery, ListRequestsQuery, ListVisitsQuery, PhotoReceived, PostCardList, PublicProgress, PublicSubmitBody, PublicSubmitted, PublicTrackBody, PublicTrackRateBody, PublicUnit, RequestDetail, RequestPage, RerouteBody, RevealedPhone, VisitList, VisitRecorded, WhistleBody, WhistleList, WhistleListQuery, WhistleLoad, WhistlePartAction, WhistleSource, WhistleView } from './citizens.js';
import { AccountabilityList, AssignmentList, AssignmentView, Board, DirectiveView, BulletinList, CreateAccountabilityBody, CreateBulletinBody, CreateInspectionBody, DirectiveIssued, FanOutBody, FannedOut, FindingProblemCreated, FindingToProblemBody, FollowedDirectiveList, InboxQuery, InspectionList, InspectionView, IssueDirectiveBody, ReportBody, ReportPrefill, SentDirectiveList, SeriesActive, SeriesList, SetSeriesActiveBody } from './dispatch.js';
import { TodayList, TodoSummary } from './home.js';
import { CreateResponsibilityBody, CreateTaskBody, FireProblemBody, FireTaskBody, ImportBulletinQuery, LedgerCounts, LedgerSettings, LedgerStats, LedgerStatsQuery, ListProblemsQuery, ListYearQuery, NoteBody, ProblemDetail, ProblemPage, PublicClosureCountyList, PublicClosurePage, PublicClosuresQuery, RegisterProblemBody, ResponsibilityList, SaveLedgerSettingsBody, TaskList, TaskRow } from './ledger.js';
import { AccountPage, AuditPage, CadrePage, CadreStructureQuery, DevelopmentPage, ChainCheck, ChangePasswordBody, CloseOrgBody, CreateAccountBody, CreateOrgBody, CreatePersonBody, CreatePostBody, Created, EndPostBody, FileDownload, HealthStatus, ImportQuery, ImportReport, ImportReportWithWarnings, ImportStarted, JobStatus, ListAuditQuery, ListPeopleQuery, LoginBody, Me, MoveOrgBody, NoContent, OrgDetail, OrgPostList, OrgTree, OrgTreeQuery, PageOnlyQuery, PersonDetail, PersonPage, ReserveCadreBody, ReserveCadrePage, ResetPasswordBody, StationDesignationPage, TotpEnableBody, TotpSetup, UpdateAccountBody, UpdateOrgBody, UpdatePersonBody, VersionBody, VersionQuery } from './schemas.js';
import { AddDesignationBody, ListDesignationsQuery, StationDesignation } from './stations.js';
import { CadreLedgerQuery, CadreStructure, DevelopmentListQuery, DevelopmentPath, DevelopmentRow, DevelopmentStepBody, OpenDevelopmentBody, PostWritten, ReserveAppointBody, ReserveListQuery, ReserveRemoveBody, ReserveTrainBody, UpdatePostBody } from './cadres.js';
import { AddRegisterRowBody, AuditFindingToProblemBody, ComposeDisclosureBody, CorrectDisclosureBody, CreateFinanceAuditBody, DisclosureBoard, DisclosureBoardQuery, DisclosurePage, DisclosureView, FinanceAuditPage, FinanceAuditView, ListDisclosuresQuery, ListFinanceAuditsQuery, OpennessSettings, PublicDisclosures, PublicDisclosuresQuery, PublishDisclosureBody, RegisterList, RegisterQuery, RegisterView, SaveDraftBody, SaveOpennessSettingsBody } from './openness.js';

export type EndpointSpec = { query?: TSchema; body?: TSchema; response: TSchema; upload?: true; file?: true };

export const ENDPOINTS = {
  // 三务公开 · 财务审计 · 台账
  'GET /api/openness/settings': { response: OpennessSettings },
  'PUT /api/openness/settings': { body: SaveOpennessSettingsBody, response: OpennessSettings },
  'GET /api/openness/disclosures': { query: ListDisclosuresQuery, response: DisclosurePage },
  'POST /api/openness/disclosures': { body: ComposeDisclosureBody, response: DisclosureView },
  'GET /api/openness/disclosures/{id}': { response: DisclosureView },
  'PUT /api/openness/disclosures/{id}/draft': { body: SaveDraftBody, response: DisclosureView },
  'POST /api/openness/disclosures/{id}/photo': { response: DisclosureView, upload: true },
  'POST /api/openness/disclosures/{id}/attachments': { response: DisclosureView, upload: true },
  'GET /api/openness/disclosures/{id}/files/{fileId}': { response: FileDownload, file: true },
  'POST /api/openness/disclosures/{id}/publish': { body: PublishDisclosureBody, response: DisclosureView },
  'POST /api/openness/disclosures/{id}/corrections': { body: CorrectDisclosureBody, response: DisclosureView },
  'GET /api/openness/board': { query: DisclosureBoardQuery, response: DisclosureBoard },
  'GET /api/openness/audits': { query: ListFinanceAuditsQuery, response: FinanceAuditPage },
  'POST /api/openness/audits': { body: CreateFinanceAuditBody, response: FinanceAuditView },
  'GET /api/openness/audits/{id}': { response: FinanceAuditView },
  'POST /api/openness/audits/{id}/findings/{findingId}/problem': { body: AuditFindingToProblemBody, response: Created },
  'GET /api/openness/registers': { query: RegisterQuery, response: RegisterList },
  'GET /api/openness/registers/{code}': { query: RegisterQuery, response: RegisterView },
  'GET /api/openness/registers/{code}/xlsx': { query: RegisterQuery, response: FileDownload, file: true },
  'POST /api/openness/registers/{code}/rows': { body: AddRegisterRowBody, response: Created },
  'GET /api/public/units/{id}/disclosures': { query: PublicDisclosuresQuery, response: PublicDisclosures },
  'GET /api/public/disclosures/{id}/files/{fileId}': { response: FileDownload, file: true },
  'GET /api/accounts': { query: PageOnlyQuery, response: AccountPage },
  'POST /api/accounts': { body: CreateAccountBody, response: Created },
  'PATCH /api/accounts/{id}': { body: UpdateAccountBody, response: NoContent },
  'POST /api/accounts/{id}/reset-password': { body: ResetPasswordBody, response: NoContent },
  'GET /api/audit': { query: ListAuditQuery, response: AuditPage },
  'GET /api/audit/verify': { response: ChainCheck },
  'POST /api/auth/login': { body: LoginBody, response: Me },
  'POST /api/auth/logout': { response: NoContent },
  'GET /api/auth/me': { response: Me },
  'POST /api/auth/password': { body: ChangePasswordBody, response: NoContent },
  'POST /api/auth/totp/setup': { response: TotpSetup },
  'POST /api/auth/totp/enable': { body: TotpEnableBody, response: NoContent },
  'GET /api/requests': { query: ListRequestsQuery, response: RequestPage },
  'POST /api/requests': { body: CreateRequestBody, response: RequestDetail },
  'GET /api/requests/{id}': { response: RequestDetail },
  'POST /api/requests/{id}/transitions/{transition}': { body: FireRequestBody, response: RequestDetail },
  'POST /api/requests/{id}/reveal-phone': { response: RevealedPhone },
  'POST /api/requests/{id}/hand-over': { body: HandOverBody, response: RequestDetail },
  'GET /api/requests/{id}/attachments/{attachmentId}': { response: FileDownload, file: true },
  'GET /api/requests/{id}/hand-over-candidates': { response: HandOverCandidateList },
  'POST /api/requests/{id}/messages': { body: FeedbackBody, response: RequestDetail },
  'POST /api/requests/{id}/report-up': { body: CaseTextBody, response: RequestDetail },
  'GET /api/requests/stats': { query: CitizenStatsQuery, response: CitizenStats },
  'POST /api/whistles': { body: WhistleBody, response: WhistleView },
  'GET /api/whistles': { query: WhistleListQuery, response: WhistleList },
  'GET /api/whistles/load': { response: WhistleLoad },
  'GET /api/whistles/departments': { response: DepartmentList },
  'GET /api/whistles/{id}': { response: WhistleView },
  'GET /api/whistles/{id}/source': { response: WhistleSource },
  'POST /api/whistle-parts/{id}/judicial-transfer': { body: JudicialTransferBody, response: WhistleView },
  'POST /api/whistle-parts/{id}/actions': { body: WhistlePartAction, response: WhistleView },
  'POST /api/whistle-parts/{id}/reroute': { body: RerouteBody, response: WhistleView },
  'POST /api/visits': { body: CreateVisitBody, response: VisitRecorded },
  'GET /api/visits': { query: ListVisitsQuery, response: VisitList },
  'POST /api/households': { body: CreateHouseholdBody, response: Created },
  'GET /api/households': { query: ListHouseholdsQuery, response: HouseholdList },
  'GET /api/grids/{id}': { query: GridQuery, response: GridView },
  'POST /api/grids/{id}/registrations': { body: GridRegistrationBody, response: Created },
  'POST /api/grid-registrations/{id}/deeds': { body: GridDeedBody, response: Created },
  'GET /api/cards/{id}': { response: ContactCard },
  'GET /api/cards/{id}/posts': { response: PostCardList },
  'GET /api/cards/{id}/qr.svg': { response: FileDownload, file: true },
  'GET /api/public/units/{id}': { response: PublicUnit },
  'GET /api/public/challenge': { response: Challenge },
  'POST /api/public/requests': { body: PublicSubmitBody, response: PublicSubmitted },
  'POST /api/public/requests/{code}/photo': { response: PhotoReceived, upload: true },
  'POST /api/public/track': { body: PublicTrackBody, response: PublicProgress },
  'POST /api/public/track/rating': { body: PublicTrackRateBody, response: PublicProgress },
  'POST /api/directives': { body: IssueDirectiveBody, response: DirectiveIssued },
  'GET /api/directives/sent': { response: SentDirectiveList },
  'GET /api/directives/following': { response: FollowedDirectiveList },
  'GET /api/directives/series': { response: SeriesList },
  'PATCH /api/directives/series/{id}': { body: SetSeriesActiveBody, response: SeriesActive },
  'GET /api/directives/{id}': { response: DirectiveView },
  'GET /api/directives/{id}/board': { response: Board },
  'POST /api/directives/{id}/close': { body: VersionBody, response: NoContent },
  'GET /api/inbox': { query: InboxQuery, response: AssignmentList },
  'GET /api/assignments/{id}': { response: AssignmentView },
  'POST /api/assignments/{id}/fan-out': { body: FanOutBody, response: FannedOut },
  'GET /api/assignments/{id}/compile': { response: ReportPrefill },
  'POST /api/directives/{id}/attachments': { response: Created, upload: true },
  'POST /api/assignments/{id}/attachments': { response: Created, upload: true },
  'GET /api/dispatch-files/{id}': { response: FileDownload, file: true },
  'POST /api/assignments/{id}/report': { body: ReportBody, response: AssignmentView },
  'GET /api/health': { response: HealthStatus },
  'GET /api/home/todos': { response: TodoSummary },
  'GET /api/home/today': { response: TodayList },
  'GET /api/inspections': { response: InspectionList },
  'POST /api/inspections': { body: CreateInspectionBody, response: InspectionView },
  'GET /api/inspections/{id}': { response: InspectionView },
  'POST /api/inspections/{id}/findings/{findingId}/problem': { body: FindingToProblemBody, response: FindingProblemCreated },
  'GET /api/bulletins': { response: BulletinList },
  'POST /api/bulletins': { body: CreateBulletinBody, response: Created },
  'GET /api/accountability': { response: AccountabilityList },
  'POST /api/accountability': { body: CreateAccountabilityBody, response: Created },
  'POST /api/ledger/problems/import': { query: ImportBulletinQuery, response: ImportReport, upload: true },
  'GET /api/ledger/problems/export': { query: ListProblemsQuery, response: FileDownload, file: true },
  'GET /api/ledger/problems': { query: ListProblemsQuery, response: ProblemPage },
  'GET /api/ledger/problems/counts': { query: ListProblemsQuery, response: LedgerCounts },
  'POST /api/ledger/problems': { body: RegisterProblemBody, response: ProblemDetail },
  'GET /api/ledger/problems/{id}': { response: ProblemDetail },
  'POST /api/ledger/problems/{id}/transitions/{transition}': { body: FireProblemBody, response: ProblemDetail },
  'POST /api/ledger/problems/{id}/supervisions': { body: NoteBody, response: ProblemDetail },
  'POST /api/ledger/problems/{id}/comments': { body: NoteBody, response: ProblemDetail },
  'POST /api/ledger/problems/{id}/attachments': { response: Created, upload: true },
  'GET /api/ledger/problems/{id}/attachments/{attachmentId}': { response: FileDownload, file: true },
  'GET /api/ledger/problems/{id}/verify': { response: ChainCheck },
  'GET /api/ledger/stats': { query: LedgerStatsQuery, response: LedgerStats },
  'GET /api/ledger/settings': { response: LedgerSettings },
  'PUT /api/ledger/settings': { body: SaveLedgerSettingsBody, response: LedgerSettings },
  'GET /api/public/ledger/counties': { response: PublicClosureCountyList },
  'GET /api/public/counties/{id}/closures': { query: PublicClosuresQuery, response: PublicClosurePage },
  'GET /api/tasks': { query: ListYearQuery, response: TaskList },
  'POST /api/tasks': { body: CreateTaskBody, response: TaskRow },
  'POST /api/tasks/{id}/transitions/{transition}': { body: FireTaskBody, response: TaskRow },
  'GET /api/responsibilities': { query: ListYearQuery, response: ResponsibilityList },
  'POST /api/responsibilities': { body: CreateResponsibilityBody, response: Created },
  'DELETE /api/responsibilities/{id}': { query: VersionQuery, response: NoContent },
  'GET /api/orgs/tree': { query: OrgTreeQuery, response: OrgTree },
  'GET /api/orgs/{id}': { response: OrgDetail },
  'POST /api/orgs': { body: CreateOrgBody, response: OrgDetail },
  'PATCH /api/orgs/{id}': { body: UpdateOrgBody, response: OrgDetail },
  'POST /api/orgs/{id}/move': { body: MoveOrgBody, response: OrgDetail },
  'POST /api/orgs/{id}/close': { body: CloseOrgBody, response: OrgDetail },
  'DELETE /api/orgs/{id}': { query: VersionQuery, response: NoContent },
  'GET /api/station-designations': { query: ListDesignationsQuery, response: StationDesignationPage },
  'POST /api/orgs/{id}/designations': { body: AddDesignationBody, response: StationDesignation },
  'DELETE /api/orgs/{id}/designations/{designationId}': { response: NoContent },
  'GET /api/people/import/template': { response: FileDownload, file: true },
  'POST /api/people/import': { query: ImportQuery, response: Type.Union([ImportReportWithWarnings, ImportStarted]), upload: true },
  'GET /api/people/export': { query: ListPeopleQuery, response: FileDownload, file: true },
  'GET /api/jobs/{id}': { response: JobStatus },
  'GET /api/people': { query: ListPeopleQuery, response: PersonPage },
  'GET /api/people/{id}': { response: PersonDetail },
  'POST /api/people': { body: CreatePersonBody, response: PersonDetail },
  'PATCH /api/people/{id}': { body: UpdatePersonBody, response: PersonDetail },
  'POST /api/posts': { body: CreatePostBody, response: PostWritten },
  'PATCH /api/posts/{id}': { body: UpdatePostBody, response: PostWritten },
  'GET /api/orgs/{id}/posts': { response: OrgPostList },
  'POST /api/posts/{id}/end': { body: EndPostBody, response: NoContent },
  'GET /api/cadres': { query: CadreLedgerQuery, response: CadrePage },
  'GET /api/reserve-cadres': { query: ReserveListQuery, response: ReserveCadrePage },
  'GET /api/cadres/export': { query: CadreLedgerQuery, response: FileDownload, file: true },
  'GET /api/cadres/structure': { query: CadreStructureQuery, response: CadreStructure },
  'POST /api/reserve-cadres/{id}/train': { body: ReserveTrainBody, response: NoContent },
  'POST /api/reserve-cadres/{id}/appoint': { body: ReserveAppointBody, response: PostWritten },
  'POST /api/reserve-cadres/{id}/remove': { body: ReserveRemoveBody, response: NoContent },
  'GET /api/development-path': { response: DevelopmentPath },
  'GET /api/developments': { query: DevelopmentListQuery, response: DevelopmentPage },
  'POST /api/developments': { body: OpenDevelopmentBody, response: DevelopmentRow },
  'GET /api/developments/{id}': { response: DevelopmentRow },
  'POST /api/developments/{id}/steps': { body: DevelopmentStepBody, response: DevelopmentRow },
  'POST /api/reserve-cadres': { body: ReserveCadreBody, response: Created },
} as const satisfies Record<string, EndpointSpec>;

export type Endpoints = typeof ENDPOINTS;
export type EndpointKey = keyof Endpoints;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** '/api/orgs/{id}/designations/{designationId}' → `/api/orgs/${number}/designations/${number}`. */
export type PathOf<S extends string> = S extends `${infer Head}{${infer Param}}${infer Tail}`
  ? `${Head}${Param extends 'id' | `${string}Id` ? number : string}${PathOf<Tail>}`
  : S;

type KeysOf<M extends HttpMethod> = Extract<EndpointKey, `${M} ${string}`>;
/** The concrete paths a method can be called with. */
export type PathsOf<M extends HttpMethod> = KeysOf<M> extends `${M} ${infer P}` ? PathOf<P> : never;
/** The endpoint a concrete path of a method belongs to. */
export type EndpointOf<M extends HttpMethod, P extends string> = {
  [K in KeysOf<M>]: K extends `${M} ${infer Pattern}` ? (P extends PathOf<Pattern> ? K : never) : never;
}[KeysOf<M>];
export type ResponseOf<M extends HttpMethod, P extends string> = Static<Endpoints[EndpointOf<M, P>]['response']>;
export type BodyOf<M extends HttpMethod, P extends string> = Endpoints[EndpointOf<M, P>] extends { body: infer B extends TSchema } ? Static<B> : undefined;
export type QueryOf<M extends HttpMethod, P extends string> = Endpoints[EndpointOf<M, P>] extends { query: infer Q extends TSchema } ? Static<Q> : undefined;
