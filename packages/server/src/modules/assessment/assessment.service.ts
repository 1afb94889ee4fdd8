// 考核: the county's indicator schemes (drafted, published as editions, copied to a new year),
// score sheets on the case engine (computed indicators pre-filled from the records, manual ones with
// evidence; submit → review → publish, locked; a correction is a new revision) and results (totals,
// grades, ranks, trend, the indicators losing the most points).
import {
  GRADE_LABELS,
  SHEET_STATE_LABELS,
  SHEET_TRANSITIONS,
  SHEET_TRANSITION_LABELS,
  type CreateSchemeBody,
  type FireSheetBody,
  type AppealSheetBody,
  type AssessmentSettings,
  type SaveAssessmentSettingsBody,
  type ListSchemesQuery,
  type ListSheetsQuery,
  type OpenSheetBody,
  type OpenSheetsBody,
  type OpenedSheets,
  type Results,
  type ResultsQuery,
  type SaveSchemeBody,
  type SaveScoresBody,
  type SchemeDetail,
  type SchemeSummary,
  type SchemePage,
  type SheetDetail,
  type SheetSummary,
  type SheetTransition,
  type AssessedUnitType,
  type AllowancePost,
  type Grade,
  type PostRole,
  type Subsidies,
  ALLOWANCE_POST_LABELS,
  SUBJECT_KIND_LABELS,
  type SubjectKind,
  type SubjectList,
  type SubjectsQuery,
  type ProjectRanking,
  type ProjectRankingQuery,
} from '@lianxin/contract';
import type { PeopleService } from '../people/index.js';
import type { DiaryService } from '../citizens/index.js';
import type { ProjectService } from '../projects/index.js';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { can } from '@lianxin/contract';
import type { TodaySourceRow } from '../../core/today-sources.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError, type FieldError } from '../../core/errors.js';
import { addDays, createCaseEngine, type CaseEngine, type CaseRow, type FireInput } from '../../core/cases/case-engine.js';
import { availableTransitions } from '../../core/cases/workflow.js';
import { inScope as orgInScope, townshipAbove } from '../../core/org-tree.js';
import { createKeptAnswers, type AnswerKind, type KeptAnswers } from '../../core/kept-answers.js';
import type { KeptAnswer } from '../../core/answer-cache.js';
import { lastDayOfMonth } from '../../core/calendar.js';
import { sheetWorkflow, type SheetExtra } from './sheets.workflow.js';
import { TEMPLATES } from './scheme.template.js';
import { applyVeto, gradeOf, indicatorCount, indicatorsOf, inputOf, keyedTree, monthRange, pointsFromRate, treeProblems, type FlatIndicator } from './scheme.logic.js';
import * as repo from './assessment.repository.js';
import { basesOfUnits } from './bases.js';
import { readSheet } from '../../core/xlsx-read.js';
import { treeFromRows } from './scheme.xlsx.js';
import { allowancePostOf, DEFAULT_RULE, DEFAULT_STANDARDS, subsidyOf } from './subsidies.logic.js';

/** What assessment needs of the people module: the cadres (posts) of the scope. */
export type CadreSource = {
  cadres: (actor: Actor, q: { page?: number; pageSize?: number }) => Promise<{ items: { postId: number; person: { name: string }; org: { id: number; name: string; type: string }; role: PostRole; concurrent: boolean }[]; total: number }>;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * What assessment reads of 组织生活's appraisals, report ratings and research rounds: a figure
 * for a unit's subtree and year with the records behind it, through orglife's front door.
 */
export type AppraisalSource = {
  assessmentBasis: (q: Queryable, source: 'member_appraisal_qualified' | 'report_rating_good' | 'research_rounds_done', unitPath: string, year: number) => Promise<{ numerator: number; denominator: number; ids: number[] }>;
};
const APPRAISAL_KINDS = { member_appraisal_qualified: 'appraisal', report_rating_good: 'report_session', research_rounds_done: 'research' } as const;

/**
 * What assessment reads to score first secretaries: their posts (the people service's spans, in the
 * caller's scope) and the 民情日记 visits and requests recorded by the accounts linked to the person
 * (the citizens module's diary) — through their front doors.
 */
export type FirstSecretarySource = { postSpans: PeopleService['postSpans']; recordedBy: DiaryService['recordedBy'] };
/** What assessment reads to score projects' 年交账: the project in scope, the year's accounted projects, the records behind its figures. */
export type ProjectSource = Pick<ProjectService, 'assessmentSubject' | 'assessmentSubjects' | 'assessmentBasis'>;

/** A sheet's subject: what is scored, and the org it sits at (the case's org: scope, roll-up, the unit's appeal). */
type Subject = { kind: SubjectKind; id: number; name: string; org: { id: number; name: string; path: string } };

const ANY_FROM = '1900-01-01';
const ANY_TO = '2999-12-31';
const minDate = (...d: string[]) => d.sort()[0]!;
const maxDate = (...d: string[]) => d.sort().at(-1)!;
/** The months (YYYY-MM) from one date to another, both included. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (let i = 0; i < 600; i++) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    if (p > last) break;
    out.push(p);
    m++;
    if (m > 12) { m = 1; y++; }
  }
  return out;
}

/** At most this many evidence files on one appeal. */
const MAX_APPEAL_FILES = 10;

/** The results board (core/kept-answers.ts): the kept rows and sums of migrations 530 and 540, the entries below a township, scheme names, org names. */
const RESULTS_ANSWER: AnswerKind = {
  name: 'assessment.results',
  sources: ['orgs', 'assessment_schemes', 'assessment_result_rows', 'assessment_result_months', 'assessment_result_lost', 'score_entries'],
};

export function createAssessmentService(deps: { db: Db; kept?: KeptAnswers; engine?: CaseEngine; people?: CadreSource; appraisals?: AppraisalSource; firstSecretaries?: FirstSecretarySource; projects?: ProjectSource }) {
  const { db } = deps;
  const engine = deps.engine ?? createCaseEngine({ db });
  const kept = deps.kept ?? createKeptAnswers({ db, maxBytes: 0 });

  // ---- schemes

  const countyOf = (actor: Actor): number => {
    if (actor.scope.countyId === null) throw new AppError('not_found');
    return actor.scope.countyId;
  };

  /** Schemes are the county's to write: its organization department, at the county's root. */
  function requireCountyConfigurer(actor: Actor): number {
    requireAction(actor, 'assessment:configure');
    const county = countyOf(actor);
    if (actor.scope.orgId !== county) throw new AppError('forbidden', { zh: '考核指标体系由县委组织部制定', en: 'Schemes are set by the county' });
    return county;
  }

  const summary = (r: repo.SchemeRow): SchemeSummary => ({
    id: Number(r.id), year: r.year, subjectKind: r.subject_kind, unitType: r.unit_type as AssessedUnitType | null, name: r.name, status: r.status, edition: r.edition,
    totalPoints: r.total_points, indicatorCount: indicatorCount(r.tree), publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null, version: r.version,
  });

  async function listSchemes(actor: Actor, f: ListSchemesQuery): Promise<SchemePage> {
    requireAction(actor, 'assessment:read');
    const page = f.page ?? 1;
    const pageSize = f.pageSize ?? 50;
    if (actor.scope.countyId === null) return { items: [], total: 0, page, pageSize };
    const { rows, total } = await repo.listSchemes(db, actor.scope.countyId, { year: f.year, status: f.status, page, pageSize });
    return { items: rows.map(summary), total, page, pageSize };
  }

  async function scheme(actor: Actor, id: number): Promise<SchemeDetail> {
    requireAction(actor, 'assessment:read');
    const r = await repo.schemeOf(db, countyOf(actor), id);
    if (!r) throw new AppError('not_found');
    return { ...summary(r), tree: r.tree, basedOnId: r.based_on_id === null ? null : Number(r.based_on_id) };
  }

  function checkTree(totalPoints: number, tree: CreateSchemeBody['tree'] & object, kind: SubjectKind): void {
    const problems = treeProblems(totalPoints, tree, kind);
    if (problems.length) throw validationError(problems);
  }

  async function audit(tx: Queryable, actor: Actor, countyId: number, action: string, objectType: string, objectId: number, s: Record<string, unknown>) {
    await appendAudit(tx, { countyId, accountId: actor.accountId || null, username: actor.username, action, objectType, objectId, summary: s, result: 'success', ip: actor.ip });
  }

  async function createScheme(actor: Actor, input: CreateSchemeBody): Promise<number> {
    const county = requireCountyConfigurer(actor);
    const kind = input.subjectKind ?? 'org';
    if (kind === 'org' && !input.unitType) throw fieldError('unitType', '请选择被考核单位的类型', 'Choose the unit type');
    if (kind !== 'org' && input.unitType) throw fieldError('unitType', `「${SUBJECT_KIND_LABELS[kind].zh}」的考核不分单位类型`, 'Only org schemes have a unit type');
    const tree = input.tree ?? TEMPLATES[kind];
    const totalPoints = input.totalPoints ?? 100;
    checkTree(totalPoints, tree, kind);
    return db.transaction(async (tx) => {
      const id = await repo.insertScheme(tx, { countyId: county, orgPath: actor.scope.path, year: input.year, subjectKind: kind, unitType: input.unitType ?? null, name: input.name.trim(), totalPoints, tree: keyedTree(tree), basedOnId: null, createdBy: actor.accountId });
      await audit(tx, actor, county, 'assessment_scheme.create', 'assessment_scheme', id, { year: input.year, subjectKind: kind, unitType: input.unitType ?? null, template: input.tree ? null : kind === 'org' ? 'longjiang' : `sample:${kind}` });
      return id;
    });
  }

  /** Locks a draft of the county for a change: 404 outside the county, 409 once published, 412 on a stale version. */
  async function lockDraft(tx: Queryable, county: number, id: number, version: number): Promise<repo.SchemeRow> {
    const r = await repo.schemeOf(tx, county, id, true);
    if (!r) throw new AppError('not_found');
    if (r.status === 'published') throw new AppError('conflict', { zh: '已发布的指标体系不能修改；请复制为新草稿，修改后发布为新版本', en: 'A published scheme is never edited; copy it to a new draft' });
    if (r.version !== version) throw new AppError('version_conflict');
    return r;
  }

  /** A draft from an .xlsx the county keeps (checked like any other draft). */
  async function importScheme(actor: Actor, input: { year: number; unitType: AssessedUnitType; name: string; subjectKind?: SubjectKind }, file: Buffer): Promise<number> {
    requireCountyConfigurer(actor);
    const { headers, rows } = await readSheet(file, { maxRows: 500 });
    const { tree, problems } = treeFromRows(headers, rows);
    if (problems.length) throw validationError(problems.slice(0, 20));
    const totalPoints = Math.round(tree.categories.reduce((a, c) => a + c.points, 0) * 10) / 10;
    if (totalPoints <= 0) throw fieldError('file', '总分须大于 0', 'The total must be positive');
    return createScheme(actor, { ...input, totalPoints, tree });
  }

  async function saveScheme(actor: Actor, id: number, input: SaveSchemeBody): Promise<void> {
    const county = requireCountyConfigurer(actor);
    await db.transaction(async (tx) => {
      const r = await lockDraft(tx, county, id, input.version);
      checkTree(input.totalPoints, input.tree, r.subject_kind);
      await repo.saveDraft(tx, id, { name: input.name.trim(), totalPoints: input.totalPoints, tree: keyedTree(input.tree) });
      await audit(tx, actor, county, 'assessment_scheme.update', 'assessment_scheme', id, { totalPoints: input.totalPoints });
    });
  }

  async function publishScheme(actor: Actor, id: number, version: number): Promise<void> {
    const county = requireCountyConfigurer(actor);
    await db.transaction(async (tx) => {
      const r = await lockDraft(tx, county, id, version);
      checkTree(r.total_points, inputOf(r.tree), r.subject_kind);
      const edition = await repo.publishScheme(tx, id);
      await audit(tx, actor, county, 'assessment_scheme.publish', 'assessment_scheme', id, { year: r.year, unitType: r.unit_type, edition });
    });
  }

  /** Copies a scheme (last year's, as a rule) to a new draft of the given year, in one action. */
  async function copyScheme(actor: Actor, id: number, year: number): Promise<number> {
    const county = requireCountyConfigurer(actor);
    return db.transaction(async (tx) => {
      const r = await repo.schemeOf(tx, county, id);
      if (!r) throw new AppError('not_found');
      const name = r.name.includes(String(r.year)) ? r.name.replaceAll(String(r.year), String(year)) : `${year}年 ${r.name}`.slice(0, 100);
      const newId = await repo.insertScheme(tx, { countyId: county, orgPath: actor.scope.path, year, subjectKind: r.subject_kind, unitType: r.unit_type, name, totalPoints: r.total_points, tree: keyedTree(inputOf(r.tree)), basedOnId: Number(r.id), createdBy: actor.accountId });
      await audit(tx, actor, county, 'assessment_scheme.copy', 'assessment_scheme', newId, { from: Number(r.id), year });
      return newId;
    });
  }

  // ---- score sheets

  /**
   * A first secretary's figures: from the start of the year (or of his term) to the end of the
   * month (or of his term, or today): the months in post with a 民情日记 visit recorded by his linked
   * accounts, and the requests those accounts registered that are resolved or archived.
   */
  async function firstSecretaryBases(q: Queryable, actor: Actor, postId: number, period: string, sources: Set<string>, out: Map<string, repo.Basis>) {
    if (!deps.firstSecretaries) throw new Error('assessment: no first-secretary source');
    // read in the sheet's transaction (q): PGlite has one connection, a read beside it would wait for it
    const span = (await deps.firstSecretaries.postSpans(actor, ANY_FROM, ANY_TO, 'first_secretary', q)).find((x) => x.postId === postId);
    if (!span) throw new AppError('not_found');
    const from = maxDate(`${period.slice(0, 4)}-01-01`, span.startDate);
    const to = minDate(lastDayOfMonth(Number(period.slice(0, 4)), Number(period.slice(5, 7))), span.endDate ?? ANY_TO, engine.today());
    const log = from <= to ? await deps.firstSecretaries.recordedBy(actor, span.person.id, from, to, q) : { visits: [], requests: [] };
    if (sources.has('fs_visit_months')) {
      const months = from <= to ? monthsBetween(from, to) : [];
      const visited = new Set(log.visits.map((v) => v.date.slice(0, 7)));
      out.set('fs_visit_months', { numerator: months.filter((m) => visited.has(m)).length, denominator: months.length, records: { kind: 'visit', ids: log.visits.map((v) => v.id).slice(0, 200) } });
    }
    if (sources.has('fs_requests_closed')) {
      const done = (st: string) => st === 'resolved' || st === 'archived';
      out.set('fs_requests_closed', { numerator: log.requests.filter((r) => done(r.status)).length, denominator: log.requests.length, records: { kind: 'request', ids: log.requests.map((r) => r.id).slice(0, 200) } });
    }
  }

  /** A project's figures up to the end of the month: milestones done by their date, monthly reports answered on time. */
  async function projectBases(q: Queryable, projectId: number, period: string, sources: Set<string>, out: Map<string, repo.Basis>) {
    if (!deps.projects) throw new Error('assessment: no project source');
    const b = await deps.projects.assessmentBasis(q, projectId, lastDayOfMonth(Number(period.slice(0, 4)), Number(period.slice(5, 7))));
    if (sources.has('project_milestones_on_time')) out.set('project_milestones_on_time', { numerator: b.milestones.numerator, denominator: b.milestones.denominator, records: { kind: 'milestone', ids: b.milestones.ids.slice(0, 200) } });
    if (sources.has('project_reports_on_time')) out.set('project_reports_on_time', { numerator: b.reports.numerator, denominator: b.reports.denominator, records: { kind: 'assignment', ids: b.reports.ids.slice(0, 200) } });
  }

  /** The computed figures of a subject's month, one per computed source the indicators use. */
  async function computeBases(
    q: Queryable,
    actor: Actor,
    subject: { kind: SubjectKind; id: number; orgPath: string },
    period: string,
    indicators: FlatIndicator[],
    given?: ReadonlyMap<string, repo.Basis>,
  ): Promise<Map<string, repo.Basis>> {
    const sources = new Set<string>(indicators.map((k) => k.source));
    const out = new Map<string, repo.Basis>();
    // figures computed set-based for many units at once (openSheets); the rest below per unit
    if (given) {
      for (const [source, b] of given) {
        if (sources.has(source)) out.set(source, b);
        sources.delete(source);
      }
    }
    if (subject.kind === 'first_secretary') {
      if (sources.has('fs_visit_months') || sources.has('fs_requests_closed')) await firstSecretaryBases(q, actor, subject.id, period, sources, out);
      return out;
    }
    if (subject.kind === 'project') {
      if (sources.has('project_milestones_on_time') || sources.has('project_reports_on_time')) await projectBases(q, subject.id, period, sources, out);
      return out;
    }
    const unitPath = subject.orgPath;
    const prefix = likePrefix(unitPath);
    const { from, to } = monthRange(period);
    if (sources.has('ledger_closed_on_time')) out.set('ledger_closed_on_time', await repo.problemsClosedOnTime(q, prefix, from, to));
    if (sources.has('dispatch_reported_on_time')) out.set('dispatch_reported_on_time', await repo.reportsOnTime(q, prefix, from, to));
    if (['citizen_response_rate', 'citizen_resolve_rate', 'citizen_satisfaction_rate'].some((s) => sources.has(s as never))) {
      const rates = await repo.requestRates(q, prefix, from, to);
      out.set('citizen_response_rate', rates.response);
      out.set('citizen_resolve_rate', rates.resolve);
      out.set('citizen_satisfaction_rate', rates.satisfaction);
    }
    // annual results of organizational life: the year of the period, so far
    for (const source of ['member_appraisal_qualified', 'report_rating_good', 'research_rounds_done'] as const) {
      if (!sources.has(source)) continue;
      if (!deps.appraisals) throw new Error('assessment: no appraisal source');
      const b = await deps.appraisals.assessmentBasis(q, source, unitPath, Number(period.slice(0, 4)));
      out.set(source, { numerator: b.numerator, denominator: b.denominator, records: { kind: APPRAISAL_KINDS[source], ids: b.ids.slice(0, 500) } });
    }
    return out;
  }

  const totalsOf = (entries: { max: number; points: number | null }[], veto: repo.SheetRow['veto']) => {
    const raw = round1(entries.reduce((s, e) => s + (e.points ?? 0), 0));
    return { total: round1(applyVeto(raw, veto)), max: round1(entries.reduce((s, e) => s + e.max, 0)) };
  };

  /** The published scheme a sheet of `period` is opened on, and the indicators scored that month (one sheet or a batch). */
  async function schemeToScore(actor: Actor, schemeId: number, period: string) {
    requireAction(actor, 'assessment:score');
    const s = await repo.schemeOf(db, countyOf(actor), schemeId);
    if (!s) throw new AppError('not_found');
    if (s.status !== 'published') throw fieldError('schemeId', '指标体系发布后才能评分', 'Score against a published scheme');
    if (Number(period.slice(0, 4)) !== s.year) throw fieldError('period', `评分月份须在指标体系的年度（${s.year} 年）内`, 'The month lies outside the scheme\'s year');
    const indicators = indicatorsOf(s.tree, period);
    if (indicators.length === 0) throw fieldError('period', `${period} 没有需要评分的指标（年度指标在 12 月评分）`, 'No indicator is scored that month');
    return { s, indicators };
  }

  async function openSheet(actor: Actor, input: OpenSheetBody): Promise<number> {
    const { s } = await schemeToScore(actor, input.schemeId, input.period);
    const subject = await subjectToOpen(actor, s, input);
    return openRevision(actor, s, subject, input.period, null);
  }

  /**
   * 本月评分表一键生成: the scorer opens the month's sheet of every unit of the scheme's type in its
   * scope that has none yet (a township its villages, the county its townships), in one
   * transaction. The computed indicators of all of them come from one GROUP BY per source
   * (`basesOfUnits`), not three statements per unit; the figures are the same as opening each
   * sheet alone. Sheets already opened are left as they are.
   */
  async function openSheets(actor: Actor, input: OpenSheetsBody): Promise<OpenedSheets> {
    const { s, indicators } = await schemeToScore(actor, input.schemeId, input.period);
    if (s.subject_kind !== 'org') throw fieldError('schemeId', `一键生成仅用于考核单位；「${SUBJECT_KIND_LABELS[s.subject_kind].zh}」请逐个新建评分表`, 'Only unit schemes open in batch');
    const prefix = likePrefix(actor.scope.path);
    return db.transaction(async (tx) => {
      const opened = await repo.sheetsBySubject(tx, prefix, Number(s.id), input.period);
      const units = (await repo.unitsOfType(tx, prefix, s.unit_type!, actor.scope.path)).filter((u) => !opened.has(Number(u.id)));
      const sources = new Set<string>(indicators.map((k) => k.source));
      const bases = await basesOfUnits(tx, actor.scope.path, units.map((u) => ({ id: Number(u.id), path: u.path })), input.period, input.period, sources);
      const sheetIds: number[] = [];
      for (const u of units) {
        const subject: Subject = { kind: 'org', id: Number(u.id), name: u.name, org: { id: Number(u.id), name: u.name, path: u.path } };
        const given = bases.get(Number(u.id))?.get(input.period);
        sheetIds.push(await openRevisionIn(tx, actor, s, subject, input.period, null, { orgId: actor.scope.orgId, path: actor.scope.path }, undefined, given));
      }
      return { opened: sheetIds.length, sheetIds };
    });
  }

  /** One subject id, the one the scheme's kind names (a 400 naming the field otherwise). */
  function subjectIdOf(kind: SubjectKind, input: OpenSheetBody): number {
    const field = { org: 'orgId', first_secretary: 'postId', project: 'projectId' } as const;
    const given = (['orgId', 'postId', 'projectId'] as const).filter((f) => input[f] !== undefined);
    const want = field[kind];
    const stray = given.find((f) => f !== want);
    if (stray) throw fieldError(stray, `此指标体系考核「${SUBJECT_KIND_LABELS[kind].zh}」，不能按该项选择考核对象`, 'The scheme scores another kind of subject');
    const id = input[want];
    if (id === undefined) throw fieldError(want, { org: '请选择被考核单位', first_secretary: '请选择被考核的第一书记', project: '请选择被考评的项目' }[kind], 'Choose the subject');
    return id;
  }

  /**
   * The subject of a new sheet, read in the caller's scope through the front door of the module that
   * keeps it (404 outside), and who scores it: an org by the org above it that opens the sheet (as
   * before); a first secretary by the county (the township gives its opinion on the sheet's
   * evidence); a project by the nearest Party committee above its unit — its township, or the county
   * for a township's or the county's own units.
   */
  async function subjectToOpen(actor: Actor, s: repo.SchemeRow, input: OpenSheetBody): Promise<Subject> {
    const id = subjectIdOf(s.subject_kind, input);
    if (s.subject_kind === 'org') {
      const unit = await orgInScope(db, actor.scope, id);
      if (!unit) throw new AppError('not_found');
      if (unit.path === actor.scope.path) throw fieldError('orgId', '不能给本单位评分', 'A unit does not score itself');
      if (unit.type !== s.unit_type) throw fieldError('orgId', '被考核单位的类型与指标体系不符', 'The unit type does not match the scheme');
      return { kind: 'org', id: unit.id, name: unit.name, org: { id: unit.id, name: unit.name, path: unit.path } };
    }
    if (s.subject_kind === 'first_secretary') {
      if (!deps.firstSecretaries) throw new Error('assessment: no first-secretary source');
      const span = (await deps.firstSecretaries.postSpans(actor, ANY_FROM, ANY_TO, 'first_secretary')).find((x) => x.postId === id);
      if (!span) throw new AppError('not_found');
      if (actor.scope.orgId !== s.county_id) throw new AppError('forbidden', { zh: '第一书记由县委组织部考核，乡镇在评分表上提出意见', en: 'First secretaries are scored by the county' });
      if (span.startDate > `${s.year}-12-31` || (span.endDate !== null && span.endDate < `${s.year}-01-01`)) {
        throw fieldError('postId', `${span.person.name}在 ${s.year} 年没有担任${span.org.name}第一书记（任期 ${span.startDate} 至 ${span.endDate ?? '今'}）`, 'Not in post that year');
      }
      return { kind: 'first_secretary', id, name: span.person.name, org: { id: span.org.id, name: span.org.name, path: span.orgPath } };
    }
    if (!deps.projects) throw new Error('assessment: no project source');
    const p = await deps.projects.assessmentSubject(actor, id);
    if (!p) throw new AppError('not_found');
    if (p.year !== s.year) throw fieldError('projectId', `项目「${p.title}」是 ${p.year} 年度的项目，与指标体系的年度（${s.year} 年）不符`, 'The project is of another year');
    if (!p.accounted) throw fieldError('projectId', `项目「${p.title}」尚未年终交账，交账后方可考评`, 'The project has not given its year-end account');
    if (p.appraisedByCommittee) {
      throw new AppError('conflict', { zh: `项目「${p.title}」的年交账已由考评委员会直接评定得分（${p.status === 'closed' ? '已销号' : '已结转'}），不再另行考核打分`, en: 'This project was appraised on its step with a typed score' });
    }
    const scorer = await projectScorer(p.org.path, Number(s.county_id));
    if (actor.scope.orgId !== scorer.id) throw new AppError('forbidden', { zh: `此项目的年交账由${scorer.name}考评`, en: 'Another committee appraises this project' });
    return { kind: 'project', id, name: p.title, org: { id: p.org.id, name: p.org.name, path: p.org.path } };
  }

  /** 年交账考评: the nearest Party committee strictly above the project's unit — its township, else the county. */
  async function projectScorer(unitPath: string, countyId: number): Promise<{ id: number; name: string }> {
    const t = await townshipAbove(db, unitPath);
    if (t && !unitPath.endsWith(`/${t.id}/`)) return { id: Number(t.id), name: t.name };
    return { id: countyId, name: '县委' };
  }

  async function openRevision(
    actor: Actor,
    s: repo.SchemeRow,
    subject: Subject,
    period: string,
    previous: { id: number; revision: number } | null,
  ): Promise<number> {
    return db.transaction((tx) => openRevisionIn(tx, actor, s, subject, period, previous, { orgId: actor.scope.orgId, path: actor.scope.path }));
  }

  /** The subject of a stored sheet (a correction keeps the subject and the name it was opened under). */
  const subjectOfSheet = (sheet: repo.SheetRow): Subject => ({
    kind: sheet.subject_kind, id: Number(sheet.subject_id), name: sheet.subject_name, org: { id: Number(sheet.org_id), name: sheet.org_name, path: sheet.org_path },
  });

  /**
   * Opens a sheet (or a corrected revision of `previous`) in the caller's transaction. The scorer is
   * the org that scores it: the actor's own, or — a revision the county opens on upholding an
   * appeal — the scorer of the sheet it corrects.
   */
  async function openRevisionIn(
    tx: Queryable,
    actor: Actor,
    s: repo.SchemeRow,
    subject: Subject,
    period: string,
    previous: { id: number; revision: number } | null,
    scorerOrg: { orgId: number; path: string },
    why?: string,
    given?: ReadonlyMap<string, repo.Basis>,
  ): Promise<number> {
    const county = Number(s.county_id);
    const unit = subject.org;
    {
      const latest = await repo.latestRevision(tx, county, Number(s.id), subject, period);
      if (!previous && latest) throw new AppError('conflict', { zh: `${subject.name}本月已有评分表`, en: 'The subject already has a sheet for this month' });
      if (previous && latest && latest.revision !== previous.revision) throw new AppError('conflict', { zh: '已有更正中的新版本评分表', en: 'A correction is already open' });
      const indicators = indicatorsOf(s.tree, period);
      const bases = await computeBases(tx, actor, { kind: subject.kind, id: subject.id, orgPath: unit.path }, period, indicators, given);
      const kept = previous ? new Map((await repo.entriesOf(tx, previous.id)).map((e) => [e.indicator_key, e])) : new Map<string, repo.EntryRow>();
      const entries = indicators.map((k) => {
        const basis = k.source === 'manual' ? null : bases.get(k.source)!;
        const old = kept.get(k.key);
        return {
          key: k.key,
          max: k.points,
          computed: k.source !== 'manual',
          basis,
          points: basis ? pointsFromRate(k.points, basis.numerator, basis.denominator) : (old?.points ?? null),
          evidence: basis ? null : (old?.evidence ?? null),
        };
      });
      const c = await engine.open(tx, sheetWorkflow, actor, {
        countyId: county, orgId: unit.id, orgPath: unit.path, title: `${subject.kind === 'org' ? unit.name : `${subject.name}（${unit.name}）`} ${period} ${s.name}`.slice(0, 200), deadline: null,
        ...(previous ? { body: why ?? `更正已锁定的评分表（第 ${previous.revision} 版），原评分表保留` } : {}),
        data: { schemeId: Number(s.id), period, revision: (previous?.revision ?? 0) + 1, ...(previous ? { supersedes: previous.id } : {}) },
      }, {
        table: 'score_sheets',
        values: {
          county_id: county, scheme_id: Number(s.id), org_id: unit.id, period, revision: (previous?.revision ?? 0) + 1,
          supersedes_case_id: previous?.id ?? null, scorer_org_id: scorerOrg.orgId, scorer_path: scorerOrg.path,
          subject_kind: subject.kind, subject_id: subject.id, subject_name: subject.kind === 'org' ? null : subject.name.slice(0, 200),
        },
      });
      const id = Number(c.id);
      await repo.insertEntries(tx, id, county, entries);
      const t = totalsOf(entries, null);
      await repo.setTotals(tx, id, t.total, t.max, null);
      return id;
    }
  }

  /** A correction after locking: a new revision, reviewed again; the locked one is kept. */
  async function correctSheet(actor: Actor, id: number): Promise<number> {
    requireAction(actor, 'assessment:score');
    const sheet = await repo.sheetOf(db, likePrefix(actor.scope.path), id);
    if (!sheet) throw new AppError('not_found');
    if (actor.scope.path !== sheet.scorer_path) throw new AppError('forbidden', { zh: '只有评分单位可以更正评分', en: 'Only the scoring unit corrects a sheet' });
    if (sheet.status === 'published') throw new AppError('conflict', { zh: `评分表在申诉期内（至 ${sheet.appeal_until ?? '—'}），期满或申诉处理后锁定，方可更正为新版本`, en: 'The sheet is open to appeal; correct it once locked' });
    if (sheet.status === 'appealed') throw new AppError('conflict', { zh: '被考核单位已提出申诉，待县委组织部处理；申诉成立时将自动生成更正版本', en: 'An appeal is pending' });
    if (sheet.status !== 'locked') throw new AppError('conflict', { zh: '评分表公布锁定后才需更正；未公布的评分表请直接修改', en: 'Only a locked sheet is corrected' });
    const s = (await repo.schemeOf(db, Number(sheet.county_id), Number(sheet.scheme_id)))!;
    return openRevision(actor, s, subjectOfSheet(sheet), sheet.period, { id: Number(sheet.id), revision: sheet.revision });
  }

  // ---- the appeal window (申诉期)

  const DEFAULT_APPEAL_DAYS = 7;

  async function settings(actor: Actor): Promise<AssessmentSettings> {
    requireAction(actor, 'assessment:read');
    const row = await repo.appealDays(db, countyOf(actor));
    return row ? { appealDays: row.appeal_days, own: true, version: row.version } : { appealDays: DEFAULT_APPEAL_DAYS, own: false, version: 0 };
  }

  async function saveSettings(actor: Actor, input: SaveAssessmentSettingsBody): Promise<void> {
    const county = requireCountyConfigurer(actor);
    await db.transaction(async (tx) => {
      if (!(await repo.saveAppealDays(tx, county, input.appealDays, input.version))) throw new AppError('version_conflict');
      await audit(tx, actor, county, 'assessment_settings.update', 'assessment_settings', county, { appealDays: input.appealDays });
    });
  }

  /** 申诉: the scored unit appeals its published sheet within the window, with reason and evidence. */
  async function appealSheet(actor: Actor, id: number, input: AppealSheetBody): Promise<void> {
    requireAction(actor, 'assessment:appeal');
    await fire(actor, id, 'appeal', { version: input.version, body: input.reason.trim(), fields: { evidence: input.evidence.trim() } });
  }

  /**
   * 申诉材料: a photo or scan added to the sheet's appeal by the scored unit's own accounts, only
   * while the appeal is open (filed, not yet decided); at most 10. The file is on the sheet's
   * timeline (marked as the appeal's) and audited (`score_sheet.attach`) in one transaction.
   */
  async function attachAppealFile(actor: Actor, id: number, file: { fileName: string; mimeType: string; content: Buffer }): Promise<{ id: number; fileName: string; mimeType: string; sizeBytes: number; at: string }> {
    requireAction(actor, 'assessment:appeal');
    const fileId = await engine.attach('score_sheet', actor, id, file, async (c, tx) => {
      if (actor.scope.path !== c.org_path) return false;
      if (c.status !== 'appealed') {
        throw new AppError('conflict', c.status === 'published'
          ? { zh: '请先提出申诉（填写理由），再上传申诉材料', en: 'File the appeal first, then add its files' }
          : { zh: '申诉已处理或未提出申诉，不能再上传申诉材料', en: 'The appeal is not open' });
      }
      if ((await repo.appealFiles(tx, id)).length >= MAX_APPEAL_FILES) throw new AppError('conflict', { zh: `每项申诉最多上传 ${MAX_APPEAL_FILES} 个材料`, en: `At most ${MAX_APPEAL_FILES} files an appeal` });
      return true;
    }, { purpose: 'appeal' });
    const f = (await repo.appealFiles(db, id)).find((x) => Number(x.id) === fileId)!;
    return { id: Number(f.id), fileName: f.file_name, mimeType: f.mime_type, sizeBytes: Number(f.size_bytes), at: new Date(f.created_at).toISOString() };
  }

  /** An appeal's file, to whoever reads the sheet (404 outside the scope, or not one of the appeal's files). */
  async function appealFile(actor: Actor, id: number, fileId: number) {
    requireAction(actor, 'assessment:read');
    if (!(await repo.appealFiles(db, id)).some((f) => Number(f.id) === fileId)) throw new AppError('not_found');
    return engine.attachment('score_sheet', actor, id, fileId);
  }

  /** The hourly timer: every published sheet whose window has passed unappealed is locked. */
  async function lockPastAppeal(): Promise<number> {
    const today = engine.today();
    let n = 0;
    for (const id of await repo.sheetsPastAppeal(db, today)) {
      const fired = await engine.fireTimed(sheetWorkflow, id, 'lock', '申诉期满，无申诉，评分表锁定', async (tx) => {
        const row = await repo.sheetCaseOf(tx, id);
        return row?.appeal_until != null && row.appeal_until < today;
      });
      if (fired) n++;
    }
    return n;
  }

  async function saveScores(actor: Actor, id: number, input: SaveScoresBody): Promise<void> {
    requireAction(actor, 'assessment:score');
    await engine.edit('score_sheet', actor, id, {
      action: 'score',
      version: input.version,
      apply: async (tx, c) => {
        const sheet = (await repo.sheetOf(tx, likePrefix(actor.scope.path), id))!;
        if (actor.scope.path !== sheet.scorer_path) throw new AppError('forbidden', { zh: '只有评分单位可以填写评分', en: 'Only the scoring unit enters scores' });
        if (c.status !== 'draft') throw new AppError('conflict', { zh: `评分表当前为「${SHEET_STATE_LABELS[c.status as keyof typeof SHEET_STATE_LABELS]?.zh ?? c.status}」，不能修改；公布后的更正须新建版本`, en: 'The sheet is not being scored' });
        const s = (await repo.schemeOf(tx, Number(sheet.county_id), Number(sheet.scheme_id)))!;
        const indicators = new Map(indicatorsOf(s.tree, sheet.period).map((k) => [k.key, k]));
        const problems: FieldError[] = [];
        input.scores.forEach((e, i) => {
          const k = indicators.get(e.key);
          if (!k) return problems.push({ field: `scores.${i}.key`, zh: `本月没有编号为 ${e.key} 的指标`, en: `No indicator ${e.key} this month` });
          if (k.source !== 'manual') return problems.push({ field: `scores.${i}.points`, zh: `「${k.name}」由系统根据记录计算，不能手工填写`, en: `${k.name} is computed from the records` });
          if (e.points < 0 || e.points > k.points || Math.round(e.points * 2) !== e.points * 2) {
            return problems.push({ field: `scores.${i}.points`, zh: `「${k.name}」的得分须在 0 到 ${k.points} 分之间（以 0.5 分为单位）`, en: `${k.name}: between 0 and ${k.points}, in halves` });
          }
          if (k.evidenceRequired && !e.evidence?.trim()) problems.push({ field: `scores.${i}.evidence`, zh: `「${k.name}」须附评分佐证`, en: `${k.name} needs evidence` });
          return undefined;
        });
        if (input.veto?.kind === 'cap' && input.veto.cap === undefined) problems.push({ field: 'veto.cap', zh: '限定最高得分时须填写上限分值', en: 'Give the cap' });
        if (problems.length) throw validationError(problems);
        for (const e of input.scores) await repo.updateEntry(tx, id, e.key, e.points, e.evidence?.trim() || null);
        // the computed figures are refreshed from the records at each save
        const flat = [...indicators.values()];
        const bases = await computeBases(tx, actor, { kind: sheet.subject_kind, id: Number(sheet.subject_id), orgPath: sheet.org_path }, sheet.period, flat);
        for (const k of flat) {
          const basis = bases.get(k.source);
          if (basis) await repo.updateEntry(tx, id, k.key, pointsFromRate(k.points, basis.numerator, basis.denominator), null, basis);
        }
        const veto = input.veto === undefined ? sheet.veto : input.veto;
        const entries = (await repo.entriesOf(tx, id)).map((e) => ({ max: e.max_points, points: e.points }));
        const t = totalsOf(entries, veto);
        await repo.setTotals(tx, id, t.total, t.max, veto);
        return {
          body: `评分：${input.scores.length} 项人工评分，合计 ${t.total} / ${t.max} 分${veto ? `；${veto.kind === 'zero' ? '一票否决' : `限定最高 ${veto.cap} 分`}：${veto.reason}` : ''}`,
          data: { scored: input.scores.map((e) => e.key), total: t.total, max: t.max, veto: veto ?? null },
          summary: { scored: input.scores.length, total: t.total, vetoed: Boolean(veto) },
        };
      },
    });
  }

  const appealOpen = (until: string | null) => until !== null && engine.today() <= until;

  const extraOf = async (q: Queryable, c: CaseRow): Promise<SheetExtra> => {
    const row = (await repo.sheetCaseOf(q, c.id))!;
    return { scorerPath: row.scorer_path, appealOpen: appealOpen(row.appeal_until) };
  };

  async function fireSheet(actor: Actor, id: number, name: SheetTransition, input: FireSheetBody): Promise<void> {
    requireAction(actor, 'assessment:score');
    await fire(actor, id, name, { version: input.version, body: input.body?.trim() || null });
  }

  async function fire(actor: Actor, id: number, name: SheetTransition, input: FireInput): Promise<void> {
    await engine.fire(sheetWorkflow, actor, id, name, input, {
      loadExtra: extraOf,
      apply: async (tx, c, given) => {
        const sheet = (await repo.sheetOf(tx, likePrefix(c.org_path), id))!;
        switch (name) {
          case 'submit': {
            // every manual indicator scored (with its evidence where required) before review
            const s = (await repo.schemeOf(tx, Number(sheet.county_id), Number(sheet.scheme_id)))!;
            const byKey = new Map(indicatorsOf(s.tree, sheet.period).map((k) => [k.key, k]));
            const missing = (await repo.entriesOf(tx, id)).filter((e) => !e.computed && (e.points === null || (byKey.get(e.indicator_key)?.evidenceRequired && !e.evidence)));
            if (missing.length) {
              throw validationError(missing.map((e) => ({ field: `scores.${e.indicator_key}`, zh: `「${byKey.get(e.indicator_key)?.name ?? e.indicator_key}」尚未评分或缺少佐证`, en: `${e.indicator_key} is not scored` })));
            }
            return { total: sheet.total, max: sheet.max_total };
          }
          case 'publish': {
            // the window: the county's days from today (China Standard Time), both ends counted as days to appeal
            const days = (await repo.appealDays(tx, Number(sheet.county_id)))?.appeal_days ?? DEFAULT_APPEAL_DAYS;
            const until = addDays(engine.today(), days);
            await repo.setAppealUntil(tx, id, until);
            return { appealUntil: until, appealDays: days };
          }
          case 'appeal': {
            const evidence = String(given.fields?.evidence ?? '');
            await repo.insertAppeal(tx, { sheetId: id, countyId: Number(sheet.county_id), reason: given.body ?? '', evidence, filedBy: actor.accountId });
            return { evidence };
          }
          case 'uphold_appeal': {
            // 申诉成立: the sheet is locked and a corrected revision opened for its scorer, reviewed again
            const s = (await repo.schemeOf(tx, Number(sheet.county_id), Number(sheet.scheme_id)))!;
            const correction = await openRevisionIn(tx, actor, s, subjectOfSheet(sheet), sheet.period,
              { id, revision: sheet.revision }, { orgId: Number(sheet.scorer_org_id), path: sheet.scorer_path },
              `申诉成立，更正第 ${sheet.revision} 版评分表（原评分表保留）：${given.body ?? ''}`.slice(0, 1000));
            await repo.decideAppeal(tx, id, { decision: 'upheld', reason: given.body ?? '', decidedBy: actor.accountId, correctionId: correction });
            return { correctionId: correction };
          }
          case 'reject_appeal':
            await repo.decideAppeal(tx, id, { decision: 'rejected', reason: given.body ?? '', decidedBy: actor.accountId, correctionId: null });
            return;
          default:
            return;
        }
      },
    });
  }

  const sheetSummary = (r: repo.SheetRow): SheetSummary => ({
    id: Number(r.id),
    scheme: { id: Number(r.scheme_id), name: r.scheme_name, year: r.scheme_year },
    org: { id: Number(r.org_id), name: r.org_name },
    subject: { kind: r.subject_kind, id: Number(r.subject_id), name: r.subject_name },
    period: r.period,
    revision: r.revision,
    status: r.status,
    statusLabel: SHEET_STATE_LABELS[r.status].zh,
    total: r.total,
    max: r.max_total,
    vetoed: r.veto !== null,
    version: r.version,
  });

  async function listSheets(actor: Actor, f: ListSheetsQuery) {
    requireAction(actor, 'assessment:read');
    const page = f.page ?? 1;
    const pageSize = f.pageSize ?? 50;
    const { rows, total } = await repo.listSheets(db, likePrefix(actor.scope.path), { ...f, page, pageSize });
    return { items: rows.map(sheetSummary), total, page, pageSize };
  }

  async function sheet(actor: Actor, id: number): Promise<SheetDetail> {
    requireAction(actor, 'assessment:read');
    const r = await repo.sheetOf(db, likePrefix(actor.scope.path), id);
    if (!r) throw new AppError('not_found');
    const s = (await repo.schemeOf(db, Number(r.county_id), Number(r.scheme_id)))!;
    const stored = new Map((await repo.entriesOf(db, id)).map((e) => [e.indicator_key, e]));
    const entries = indicatorsOf(s.tree, r.period).filter((k) => stored.has(k.key)).map((k) => {
      const e = stored.get(k.key)!;
      return {
        key: k.key, category: k.category, item: k.item, name: k.name, max: e.max_points, source: k.source, evidenceRequired: k.evidenceRequired,
        points: e.points, evidence: e.evidence, basis: e.basis ? { ...e.basis, records: { kind: e.basis.records.kind, ids: e.basis.records.ids.map(Number) } } : null,
      };
    });
    const view = { id: Number(r.id), countyId: Number(r.county_id), orgId: Number(r.org_id), orgPath: r.org_path, status: r.status, deadline: null, extra: { scorerPath: r.scorer_path, appealOpen: appealOpen(r.appeal_until) } };
    const { events } = await engine.timeline(db, id);
    const [appeal, appealFiles] = await Promise.all([repo.appealOf(db, id), repo.appealFiles(db, id)]);
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return {
      ...sheetSummary(r),
      scorer: { id: Number(r.scorer_org_id), name: r.scorer_name },
      entries,
      veto: r.veto,
      supersedesId: r.supersedes_case_id === null ? null : Number(r.supersedes_case_id),
      appealUntil: r.appeal_until,
      canAppeal: can(actor.roles, 'assessment:appeal') && availableTransitions(sheetWorkflow, actor, view).includes('appeal'),
      appeal: appeal
        ? {
            reason: appeal.reason, evidence: appeal.evidence, filedBy: appeal.filed_by_name ?? '—', filedAt: iso(appeal.filed_at)!,
            decision: appeal.decision, decisionReason: appeal.decision_reason, decidedAt: iso(appeal.decided_at),
            correctionId: appeal.correction_id === null ? null : Number(appeal.correction_id),
            files: appealFiles.map((f) => ({ id: Number(f.id), fileName: f.file_name, mimeType: f.mime_type, sizeBytes: Number(f.size_bytes), at: new Date(f.created_at).toISOString() })),
            canAddFiles: r.status === 'appealed' && can(actor.roles, 'assessment:appeal') && actor.scope.path === r.org_path && appealFiles.length < MAX_APPEAL_FILES,
          }
        : null,
      // the appeal has its own form (reason and evidence); the others are buttons
      transitions: availableTransitions(sheetWorkflow, actor, view).filter((t) => t !== 'appeal').map((t) => ({ name: t, label: SHEET_TRANSITION_LABELS[t].zh, needsReason: Boolean(sheetWorkflow.transitions[t].requires?.length) })),
      timeline: events.map((e) => ({
        at: new Date(e.at).toISOString(),
        actor: e.actor_name,
        kind: e.kind,
        transition: e.transition,
        label: e.transition && (SHEET_TRANSITIONS as readonly string[]).includes(e.transition) ? SHEET_TRANSITION_LABELS[e.transition as SheetTransition].zh : e.kind === 'open' ? '新建评分表' : e.kind === 'edit' ? '填写评分' : e.kind,
        body: e.body,
      })),
    };
  }

  // ---- results

  /**
   * The names of a scheme's indicators by key. A published scheme is never edited (a trigger refuses
   * it), so its names are kept once read — the results board names the lost points on every request
   * and would otherwise read and parse the whole scheme each time; a draft's are read afresh.
   */
  const publishedNames = new Map<string, ReadonlyMap<string, string>>();
  const PUBLISHED_NAMES_MAX = 512;
  async function indicatorNames(q: Queryable, countyId: number, schemeId: number): Promise<ReadonlyMap<string, string>> {
    const key = `${countyId}:${schemeId}`;
    const known = publishedNames.get(key);
    if (known) return known;
    const s = await repo.schemeOf(q, countyId, schemeId);
    const names = new Map((s ? indicatorsOf(s.tree, '2000-12') : []).map((k) => [k.key, k.name] as const));
    if (s?.status === 'published') {
      if (publishedNames.size >= PUBLISHED_NAMES_MAX) publishedNames.delete(publishedNames.keys().next().value!);
      publishedNames.set(key, names);
    }
    return names;
  }

  /**
   * GET /api/assessment/results's answer as bytes, kept per scope and query while the county's
   * generation of what the board reads is unchanged (core/kept-answers.ts). The answer depends on
   * the caller's scope (its path) and the query alone, not on who asks: no personal data, nothing a
   * role adds or hides; the permission runs on every request. `render` serializes as the route's
   * schema does.
   */
  async function resultsAnswer(actor: Actor, f: ResultsQuery, render: (r: Results) => string): Promise<KeptAnswer> {
    requireAction(actor, 'assessment:read');
    const key = `${actor.scope.path}:${f.year}:${f.period ?? ''}:${f.unitType ?? ''}`;
    return kept.answer(RESULTS_ANSWER, key, actor.scope.countyId, engine.today(), async (tx) => render(await resultsIn(tx, actor.scope, f)));
  }

  async function resultsIn(q: Queryable, scope: Actor['scope'], f: ResultsQuery): Promise<Results> {
    if (scope.countyId === null) return { year: f.year, period: null, rows: [], losing: [], trend: [] };
    // the year's months (sheets and summed scores: the trend), then the ranked rows and the points lost of one month only
    const { countyId, path } = scope;
    const months = await repo.resultTrend(q, countyId, path, { year: f.year, unitType: f.unitType });
    const score = (r: { total: number; max_total: number }) => (r.max_total > 0 ? round1((r.total * 100) / r.max_total) : 0);
    const periods = months.map((m) => m.period).sort();
    const period = f.period ?? periods.at(-1) ?? null;
    const shown = period !== null && periods.includes(period);
    const rows = shown ? await repo.results(q, countyId, likePrefix(path), { year: f.year, period, unitType: f.unitType }) : [];
    const lost = shown ? await repo.pointsLost(q, countyId, path, { year: f.year, period, unitType: f.unitType }) : [];
    const names = new Map<number, ReadonlyMap<string, string>>();
    for (const schemeId of new Set(lost.map((l) => Number(l.scheme_id)))) names.set(schemeId, await indicatorNames(q, countyId, schemeId));
    const losing = new Map<string, { key: string; name: string; lost: number; sheets: number }>();
    for (const l of lost) {
      const name = names.get(Number(l.scheme_id))?.get(l.key) ?? l.key;
      const had = losing.get(name);
      losing.set(name, { key: l.key, name, lost: round1((had?.lost ?? 0) + l.lost), sheets: (had?.sheets ?? 0) + l.sheets });
    }
    return {
      year: f.year,
      period,
      rows: rows.map((r) => {
        const s = score(r);
        const grade = gradeOf(s);
        return {
          sheetId: Number(r.sheet_id), org: { id: Number(r.org_id), name: r.org_name },
          township: r.township_id === null ? null : { id: Number(r.township_id), name: r.township_name! },
          total: r.total, max: r.max_total, score: s, grade, gradeLabel: GRADE_LABELS[grade].zh,
          rankInTownship: r.rank_township, rankInCounty: r.rank_county, vetoed: r.vetoed,
        };
      }),
      losing: [...losing.values()].sort((a, b) => b.lost - a.lost).slice(0, 10),
      trend: periods.map((p) => {
        const m = months.find((x) => x.period === p)!;
        // the mean of the month's shown scores (each rounded to a tenth), rounded half up to a tenth; exact: summed in tenths
        return { period: p, sheets: m.sheets, average: Math.round(Number(m.score_tenths) / m.sheets) / 10 };
      }),
    };
  }

  // ---- subjects to score, and the county's 年度评选 of projects

  /**
   * The subjects of a published scheme's kind under the caller's scope, each with the sheet of the
   * month already opened: units of the type from the org tree, first secretaries in post in the
   * scheme's year from the people service, projects of the year that gave their 年交账 from the
   * projects service — never their tables.
   */
  async function subjects(actor: Actor, q: SubjectsQuery): Promise<SubjectList> {
    const all = await allSubjects(actor, q);
    // a page of the list, filtered by name or unit; the subjects come from three sources, so the page is cut here
    const needle = q.q?.trim();
    const items = needle ? all.items.filter((x) => x.name.includes(needle) || x.org.name.includes(needle)) : all.items;
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    return { kind: all.kind, items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pageSize };
  }

  async function allSubjects(actor: Actor, q: SubjectsQuery): Promise<Pick<SubjectList, 'kind' | 'items'>> {
    requireAction(actor, 'assessment:read');
    const s = await repo.schemeOf(db, countyOf(actor), q.schemeId);
    if (!s) throw new AppError('not_found');
    if (Number(q.period.slice(0, 4)) !== s.year) throw fieldError('period', `月份须在指标体系的年度（${s.year} 年）内`, 'The month lies outside the scheme\'s year');
    const prefix = likePrefix(actor.scope.path);
    const opened = await repo.sheetsBySubject(db, prefix, Number(s.id), q.period);
    const sheetOfSubject = (id: number) => opened.get(id) ?? null;
    if (s.subject_kind === 'org') {
      const units = await repo.unitsOfType(db, prefix, s.unit_type!, actor.scope.path);
      return { kind: 'org', items: units.map((u) => ({ id: Number(u.id), name: u.name, org: { id: Number(u.id), name: u.name }, note: u.parent_name ?? '', sheetId: sheetOfSubject(Number(u.id)) })) };
    }
    // a role that may not read people (or projects) sees no such subjects, rather than a refusal of the whole screen
    if (s.subject_kind === 'first_secretary' && !can(actor.roles, 'person:read')) return { kind: 'first_secretary', items: [] };
    if (s.subject_kind === 'project' && !can(actor.roles, 'project:read')) return { kind: 'project', items: [] };
    if (s.subject_kind === 'first_secretary') {
      if (!deps.firstSecretaries) throw new Error('assessment: no first-secretary source');
      const spans = await deps.firstSecretaries.postSpans(actor, `${s.year}-01-01`, `${s.year}-12-31`, 'first_secretary');
      return {
        kind: 'first_secretary',
        items: spans.map((x) => ({ id: x.postId, name: x.person.name, org: { id: x.org.id, name: x.org.name }, note: `${x.sentFrom ? `${x.sentFrom}选派，` : ''}任期 ${x.startDate} 至 ${x.endDate ?? '今'}`, sheetId: sheetOfSubject(x.postId) })),
      };
    }
    if (!deps.projects) throw new Error('assessment: no project source');
    const projects = await deps.projects.assessmentSubjects(actor, s.year);
    return { kind: 'project', items: projects.map((p) => ({ id: p.id, name: p.title, org: { id: p.org.id, name: p.org.name }, note: '已年终交账', sheetId: sheetOfSubject(p.id) })) };
  }

  /** 年度评选: the year's projects ranked by their 年交账 score within the county, rows of the caller's scope. */
  async function projectRanking(actor: Actor, q: ProjectRankingQuery): Promise<ProjectRanking> {
    requireAction(actor, 'assessment:read');
    if (actor.scope.countyId === null) return { year: q.year, rows: [] };
    const rows = await repo.projectRanking(db, actor.scope.countyId, likePrefix(actor.scope.path), q.year);
    return {
      year: q.year,
      rows: rows.map((r) => {
        const grade = gradeOf(r.score);
        return {
          projectId: Number(r.project_id), title: r.title, org: { id: Number(r.org_id), name: r.org_name },
          township: r.township_id === null ? null : { id: Number(r.township_id), name: r.township_name! },
          sheetId: Number(r.sheet_id), score: r.score, grade, gradeLabel: GRADE_LABELS[grade].zh, rankInCounty: r.rank_county, tied: r.tied, vetoed: r.vetoed,
        };
      }),
    };
  }

  // ---- allowances and performance subsidies

  /**
   * Each village (community) cadre of the scope with the county's allowance standard for the post
   * and the performance subsidy the village's annual result earns (the average of its published
   * monthly scores this year), in fen.
   */
  async function subsidies(actor: Actor, year: number): Promise<Subsidies> {
    requireAction(actor, 'assessment:read');
    const county = countyOf(actor);
    if (!deps.people) throw new Error('assessment: no cadre source');
    const [own, rule, results] = await Promise.all([repo.allowanceStandards(db, county, year), repo.subsidyRule(db, county), repo.results(db, county, likePrefix(actor.scope.path), { year })]);
    const standard = (unitType: string, post: AllowancePost): number | undefined =>
      own.length ? own.find((r) => r.unit_type === unitType && r.post === post)?.annual_fen : DEFAULT_STANDARDS[unitType as AssessedUnitType]?.[post];
    const share = rule?.share_percent ?? DEFAULT_RULE.sharePercent;
    const gradePercent = (rule?.grade_percent ?? DEFAULT_RULE.gradePercent) as Record<Grade, number>;
    const byOrg = new Map<number, number[]>();
    for (const r of results) {
      const list = byOrg.get(Number(r.org_id)) ?? [];
      list.push(r.max_total > 0 ? (r.total * 100) / r.max_total : 0);
      byOrg.set(Number(r.org_id), list);
    }
    const cadres = [];
    for (let page = 1; page <= 100; page++) {
      const got = await deps.people.cadres(actor, { page, pageSize: 100 });
      cadres.push(...got.items);
      if (got.items.length < 100) break;
    }
    const rows: Subsidies['rows'] = [];
    for (const c of cadres) {
      if (c.org.type !== 'village' && c.org.type !== 'community') continue;
      const post = allowancePostOf(c.role, c.concurrent);
      const std = post ? standard(c.org.type, post) : undefined;
      if (!post || std === undefined) continue;
      const scores = byOrg.get(Number(c.org.id));
      const villageScore = scores?.length ? round1(scores.reduce((a, b) => a + b, 0) / scores.length) : null;
      const grade = villageScore === null ? null : gradeOf(villageScore);
      const pay = subsidyOf(std, share, grade ? gradePercent[grade] ?? 0 : null);
      rows.push({
        postId: Number(c.postId), person: c.person.name, org: { id: Number(c.org.id), name: c.org.name }, post, postLabel: ALLOWANCE_POST_LABELS[post].zh,
        standardFen: std, villageScore, grade, gradeLabel: grade ? GRADE_LABELS[grade].zh : null, performanceFen: pay.performanceFen, baseFen: pay.baseFen,
      });
    }
    return { year, performanceSharePercent: share, gradePercent, rows };
  }

  async function auditExport(actor: Actor, summary: Record<string, unknown>) {
    await db.transaction((tx) => audit(tx, actor, countyOf(actor), 'assessment_subsidy.export', 'assessment_subsidy', 0, summary));
  }

  /** 工作台: my org's returned sheets (as scorer), and sheets waiting for my review or publishing (county). */
  async function todayItems(q: Queryable, actor: Actor, _today: string): Promise<TodaySourceRow[]> {
    const scores = actor.roles.some((r) => r === 'township_admin' || r === 'county_admin');
    const reviews = actor.roles.includes('county_admin');
    if (!scores && !reviews) return [];
    return repo.sheetsForToday(q, likePrefix(actor.scope.path), actor.scope.path, reviews);
  }

  return { subjects, projectRanking, todayItems, subsidies, auditExport, settings, saveSettings, appealSheet, attachAppealFile, appealFile, lockPastAppeal, importScheme, listSchemes, scheme, createScheme, saveScheme, publishScheme, copyScheme, openSheet, openSheets, correctSheet, saveScores, fireSheet, listSheets, sheet, resultsAnswer, today: engine.today };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
