// 评议与调研 (issue 14; issue 15's appraisal meetings):
//  - 民主评议党员: the branch grades each member of its roster once a year (优秀 / 合格 / 基本合格 /
//    不合格), a correction is audited with its reason, 基本合格 and 不合格 get a follow-up (帮教 /
//    限期改正 / 处置, dates, outcome); the county may cap 优秀 per branch; results roll up the tree.
//  - 述职评议 / 双述双评 / 三述职两评议一落实: a unit's session, the reports of the secretaries of
//    the branches below (person and post, read through the people module's front door), the
//    participants' ballots (好 / 较好 / 一般 / 差) tallied per reporter.
//  - 调查研究: a station's rounds on the case engine; ≥ 2 a year per station checked.
// What assessment computes from these is offered by `assessmentBasis` (index.ts), never by its SQL.
import {
  APPRAISAL_GRADE_LABELS,
  FOLLOWUP_GRADES,
  SESSION_RATINGS,
  RESEARCH_ROUNDS_PER_YEAR,
  type AppraisalGrade,
  type AppraisalPage,
  type AppraisalResults,
  type AppraisalResultsQuery,
  type AppraisalView,
  type BallotBody,
  type CorrectAppraisalBody,
  type FireResearchBody,
  type FollowupBody,
  type GradeMembersBody,
  type ListAppraisalsQuery,
  type ListResearchQuery,
  type ListSessionsQuery,
  type OpenSessionBody,
  type UpdateSessionBody,
  type OrgType,
  type PlanResearchBody,
  type PostRole,
  type SessionRating,
  type ReporterCandidates,
  type ResearchBoard,
  type ResearchBoardQuery,
  type ResearchGrade,
  type ResearchPage,
  type ResearchState,
  type ResearchTransition,
  type ResearchView,
  type SessionKind,
  type SessionPage,
  type SessionView,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError, type FieldError } from '../../core/errors.js';
import { todayInChina } from '../../core/calendar.js';
import { createCaseEngine, type CaseEngine } from '../../core/cases/case-engine.js';
import { availableTransitions } from '../../core/cases/workflow.js';
import { byIds, inScope as orgInScope, type OrgNode } from '../../core/org-tree.js';
import type { TodaySourceRow } from '../../core/today-sources.js';
import type { RosterReader } from './orglife.service.js';
import { researchWorkflow } from './research.workflow.js';
import './research.case.js';
import * as repo from './appraisal.repository.js';
import { settingsOf } from './orglife.repository.js';

/** The posts that may report at a session: current posts in the units below, read through the people module. */
export type PostReader = (actor: Actor, orgId: number) => Promise<{ postId: number; personId: number; name: string; role: PostRole; org: { id: number; name: string; type: string } }[]>;

/** Who reports at a 述职评议: the secretaries of the branches (书记, 第一书记). */
export const REPORTING_ROLES: readonly PostRole[] = ['secretary', 'first_secretary'];
/** The month from which a station still short of its research rounds sees it on its home page (the last quarter). */
export const RESEARCH_LATE_MONTH = 10;
const BRANCH_TYPES: readonly string[] = ['village', 'community'];
const SESSION_UNITS: readonly string[] = ['county', 'township', 'station'];

const ref = (o: { id: number; name: string; type: string }) => ({ id: Number(o.id), name: o.name, type: o.type as OrgType });
const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);

/** The result of a reporter: the rating most participants gave, ties going to the better one. */
export function resultOf(t: Record<SessionRating, number>): SessionRating | null {
  let best: SessionRating | null = null;
  for (const r of SESSION_RATINGS) if (t[r] > 0 && (best === null || t[r] > t[best])) best = r;
  return best;
}

/** The most 优秀 a branch of `members` may have under a cap of `pct` percent (at least 1 when the cap allows any). */
export const excellentLimit = (members: number, pct: number | null) => (pct === null ? Infinity : Math.floor((members * pct) / 100));

export function createAppraisalService(deps: { db: Db; roster: RosterReader; posts: PostReader; engine?: CaseEngine; today?: () => string }) {
  const { db } = deps;
  const engine = deps.engine ?? createCaseEngine({ db, today: deps.today });
  const today = deps.today ?? (() => todayInChina());
  const thisYear = () => Number(today().slice(0, 4));

  async function unitInScope(q: Queryable, actor: Actor, orgId: number): Promise<OrgNode> {
    const org = await orgInScope(q, actor.scope, orgId);
    if (!org || org.status !== 'active') throw new AppError('not_found');
    return org;
  }
  const capOf = async (countyId: number) => (await settingsOf(db, countyId))?.excellent_cap_pct ?? null;

  // ---- 民主评议党员 ----

  function appraisalView(r: repo.AppraisalRow): AppraisalView {
    const needs = FOLLOWUP_GRADES.includes(r.grade as AppraisalGrade);
    return {
      id: Number(r.id), org: ref({ id: r.org_id, name: r.org_name, type: r.org_type }), person: { id: Number(r.person_id), name: r.person_name }, year: r.year,
      grade: r.grade as AppraisalGrade, comment: r.comment,
      followup: r.followup_kind ? { kind: r.followup_kind as never, from: r.followup_from!, due: r.followup_due!, outcome: r.followup_outcome, doneOn: r.followup_done_on } : null,
      followupOpen: needs && !r.followup_done_on, version: r.version,
    };
  }

  /** The branch itself grades its members (its own accounts); the levels above read the results. */
  function requireBranchAccount(actor: Actor, org: OrgNode) {
    if (!BRANCH_TYPES.includes(org.type)) throw fieldError('orgId', `民主评议党员由村（社区）党支部进行，${org.name}不是党支部`, 'Members are appraised by their branch');
    if (!actor.scope.path.startsWith(org.path)) throw new AppError('forbidden', { zh: '民主评议党员的等次由本支部录入', en: 'The branch enters its own grades' });
  }

  /**
   * 民主评议党员: the branch's grades of a year, all or nothing: every person is on the branch's
   * roster, graded once a year, the year not in the future, and 优秀 within the county's cap.
   */
  async function gradeMembers(actor: Actor, input: GradeMembersBody): Promise<AppraisalView[]> {
    requireAction(actor, 'orglife:record');
    const org = await unitInScope(db, actor, input.orgId);
    requireBranchAccount(actor, org);
    if (input.year > thisYear()) throw fieldError('year', `不能评议还没有到来的年度（${input.year} 年）`, 'The year has not come yet');
    const members = new Map((await deps.roster(actor, org.id)).map((p) => [p.id, p.name]));
    const errors: FieldError[] = [];
    const seen = new Set<number>();
    input.grades.forEach((g, i) => {
      if (seen.has(g.personId)) errors.push({ field: `grades.${i}.personId`, zh: '同一名党员出现了两次', en: 'Listed twice' });
      seen.add(g.personId);
      if (!members.has(g.personId)) errors.push({ field: `grades.${i}.personId`, zh: `该人员不在${org.name}的党员名册中`, en: 'Not on the branch roster' });
    });
    if (errors.length) throw validationError(errors);
    const like = likePrefix(org.path);
    const done = await repo.gradedInYear(db, like, org.county_id, input.grades.map((g) => g.personId), input.year);
    if (done.length) {
      const names = done.map((d) => members.get(Number(d.person_id))).filter(Boolean).join('、');
      throw new AppError('conflict', { zh: `${names}已评定 ${input.year} 年度等次，每人每年只评一次；如需更正请在评议结果中修改并写明理由`, en: 'Already graded this year; correct the grade instead' });
    }
    const cap = await capOf(org.county_id);
    const newExcellent = input.grades.filter((g) => g.grade === 'excellent').length;
    if (cap !== null && newExcellent > 0) {
      const limit = excellentLimit(members.size, cap);
      const already = await repo.excellentCount(db, like, org.id, input.year);
      if (already + newExcellent > limit) {
        throw fieldError('grades', `本县规定优秀党员不超过支部党员的 ${cap}%：${org.name}共 ${members.size} 名党员，最多评 ${limit} 名优秀（已评 ${already} 名，本次 ${newExcellent} 名）`, `At most ${limit} excellent under the county's cap`);
      }
    }
    const ids = await db.transaction(async (tx) => {
      const ids = await repo.insertAppraisals(tx, {
        countyId: org.county_id, orgId: org.id, orgPath: org.path, year: input.year, createdBy: actor.accountId || null,
        grades: input.grades.map((g) => ({ personId: g.personId, grade: g.grade, comment: g.comment?.trim() || null })),
      });
      const tally = Object.fromEntries(Object.keys(APPRAISAL_GRADE_LABELS).map((k) => [k, input.grades.filter((g) => g.grade === k).length]));
      await appendAudit(tx, {
        countyId: org.county_id, accountId: actor.accountId, username: actor.username, action: 'appraisal.grade', objectType: 'org', objectId: org.id,
        summary: { year: input.year, appraisalIds: ids, ...tally }, result: 'success', ip: actor.ip,
      });
      return ids;
    });
    return (await repo.appraisalsByIds(db, like, ids)).map(appraisalView);
  }

  async function appraisal(actor: Actor, id: number): Promise<AppraisalView> {
    requireAction(actor, 'orglife:read');
    const r = await repo.findAppraisal(db, likePrefix(actor.scope.path), id);
    if (!r) throw new AppError('not_found');
    return appraisalView(r);
  }

  async function appraisals(actor: Actor, query: ListAppraisalsQuery): Promise<AppraisalPage> {
    requireAction(actor, 'orglife:read');
    const path = query.orgId ? (await unitInScope(db, actor, query.orgId)).path : actor.scope.path;
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { rows, total } = await repo.listAppraisals(db, { like: likePrefix(path), year: query.year ?? null, grade: query.grade ?? null, followupOpen: query.followupOpen ?? null, page, pageSize });
    return { items: rows.map(appraisalView), total, page, pageSize };
  }

  /** A correction of a grade: the branch, with a reason, audited with the old and the new grade. */
  async function correctAppraisal(actor: Actor, id: number, input: CorrectAppraisalBody): Promise<AppraisalView> {
    requireAction(actor, 'orglife:record');
    const like = likePrefix(actor.scope.path);
    const r = await repo.findAppraisal(db, like, id);
    if (!r) throw new AppError('not_found');
    if (!actor.scope.path.startsWith(r.org_path)) throw new AppError('forbidden', { zh: '等次的更正由本支部录入', en: 'The branch corrects its own grades' });
    const reason = input.reason.trim();
    if (!reason) throw fieldError('reason', '请写明更正理由', 'Give the reason for the correction');
    if (input.grade === r.grade) throw fieldError('grade', `等次没有变化（仍为${APPRAISAL_GRADE_LABELS[r.grade as AppraisalGrade].zh}）`, 'The grade is unchanged');
    if (input.version !== r.version) throw new AppError('version_conflict');
    if (input.grade === 'excellent') {
      const cap = await capOf(r.county_id);
      if (cap !== null) {
        const members = (await deps.roster(actor, r.org_id)).length;
        const limit = excellentLimit(members, cap);
        const already = await repo.excellentCount(db, likePrefix(r.org_path), r.org_id, r.year, r.id);
        if (already + 1 > limit) throw fieldError('grade', `本县规定优秀党员不超过支部党员的 ${cap}%：${r.org_name}最多评 ${limit} 名优秀，已评 ${already} 名`, 'Over the county\'s cap');
      }
    }
    await db.transaction(async (tx) => {
      if (!(await repo.correctGrade(tx, r.id, input.version, input.grade))) throw new AppError('version_conflict');
      await appendAudit(tx, {
        countyId: r.county_id, accountId: actor.accountId, username: actor.username, action: 'appraisal.correct', objectType: 'member_appraisal', objectId: r.id,
        summary: { personId: r.person_id, year: r.year, grade: { from: r.grade, to: input.grade }, reason }, result: 'success', ip: actor.ip,
      });
    });
    return appraisal(actor, id);
  }

  /** The follow-up of 基本合格 / 不合格: kind, from, due, and when concluded its outcome and date. */
  async function saveFollowup(actor: Actor, id: number, input: FollowupBody): Promise<AppraisalView> {
    requireAction(actor, 'orglife:record');
    const r = await repo.findAppraisal(db, likePrefix(actor.scope.path), id);
    if (!r) throw new AppError('not_found');
    if (!FOLLOWUP_GRADES.includes(r.grade as AppraisalGrade)) {
      throw new AppError('conflict', { zh: `评为${APPRAISAL_GRADE_LABELS[r.grade as AppraisalGrade].zh}的党员不需要帮教或处置`, en: 'Only 基本合格 and 不合格 are followed up' });
    }
    const errors: FieldError[] = [];
    if (input.due < input.from) errors.push({ field: 'due', zh: '期限不能早于开始日期', en: 'The due date is before the start' });
    if (input.from > today()) errors.push({ field: 'from', zh: '开始日期不能晚于今天', en: 'The start is in the future' });
    const outcome = input.outcome?.trim() || null;
    if (input.doneOn && !outcome) errors.push({ field: 'outcome', zh: '办结时请填写结果', en: 'Give the outcome' });
    if (input.doneOn && input.doneOn < input.from) errors.push({ field: 'doneOn', zh: '办结日期不能早于开始日期', en: 'Concluded before it started' });
    if (input.doneOn && input.doneOn > today()) errors.push({ field: 'doneOn', zh: '办结日期不能晚于今天', en: 'Concluded in the future' });
    if (errors.length) throw validationError(errors);
    if (input.version !== r.version) throw new AppError('version_conflict');
    await db.transaction(async (tx) => {
      if (!(await repo.saveFollowup(tx, r.id, input.version, { kind: input.kind, from: input.from, due: input.due, outcome, doneOn: input.doneOn ?? null }))) throw new AppError('version_conflict');
      await appendAudit(tx, {
        countyId: r.county_id, accountId: actor.accountId, username: actor.username, action: 'appraisal.followup', objectType: 'member_appraisal', objectId: r.id,
        summary: { personId: r.person_id, kind: input.kind, from: input.from, due: input.due, doneOn: input.doneOn ?? null }, result: 'success', ip: actor.ip,
      });
    });
    return appraisal(actor, id);
  }

  /** Results of a year per child of the org (station → township → county), drilling down by id; a branch's pending members. */
  async function appraisalResults(actor: Actor, query: AppraisalResultsQuery): Promise<AppraisalResults> {
    requireAction(actor, 'orglife:read');
    const org = await unitInScope(db, actor, query.orgId ?? actor.scope.orgId);
    const year = query.year ?? thisYear();
    const rows = await repo.gradeRollup(db, likePrefix(org.path), org.path, year);
    const children = new Map((await byIds(db, rows.map((r) => Number(r.child || org.id)))).map((c) => [Number(c.id), c]));
    const tally = (r: Omit<repo.GradeRollupRow, 'child'>) => ({
      appraised: r.appraised, excellent: r.excellent, qualified: r.qualified, basically_qualified: r.basically_qualified, unqualified: r.unqualified, followupOpen: r.followup_open,
    });
    const sum = (k: keyof Omit<repo.GradeRollupRow, 'child'>) => rows.reduce((n, r) => n + r[k], 0);
    let pending: { id: number; name: string }[] = [];
    if (BRANCH_TYPES.includes(org.type)) {
      const roster = await deps.roster(actor, org.id);
      const graded = new Set((await repo.gradedInYear(db, likePrefix(org.path), org.county_id, roster.map((p) => p.id), year)).map((r) => Number(r.person_id)));
      pending = roster.filter((p) => !graded.has(p.id));
    }
    return {
      org: ref(org), year, excellentCapPercent: await capOf(org.county_id),
      total: tally({ appraised: sum('appraised'), excellent: sum('excellent'), qualified: sum('qualified'), basically_qualified: sum('basically_qualified'), unqualified: sum('unqualified'), followup_open: sum('followup_open') }),
      rows: rows.filter((r) => children.has(Number(r.child || org.id))).map((r) => ({ org: ref(children.get(Number(r.child || org.id))!), ...tally(r) })),
      pending,
    };
  }

  // ---- 述职评议 sessions ----

  async function sessionView(r: repo.SessionRow): Promise<SessionView> {
    const reports = await repo.reportsOf(db, r.id);
    return {
      id: Number(r.id), org: ref({ id: r.org_id, name: r.org_name, type: r.org_type }), kind: r.kind as SessionKind, heldOn: r.held_on, year: r.year, place: r.place,
      ballots: r.ballots, raters: r.anonymous ? [] : await repo.ratersOf(db, r.id),
      participants: r.participants, anonymous: r.anonymous, editable: r.ballots === 0,
      reports: reports.map((x) => {
        const tally = { good: x.good, fairly_good: x.fairly_good, fair: x.fair, poor: x.poor };
        const n = x.good + x.fairly_good + x.fair + x.poor;
        return {
          id: Number(x.id), postId: Number(x.post_id), person: { id: Number(x.person_id), name: x.person_name }, role: x.post_role as PostRole, org: ref({ id: x.org_id, name: x.org_name, type: x.org_type }),
          summary: x.summary, tally, goodRate: rate(x.good + x.fairly_good, n), result: resultOf(tally),
        };
      }),
    };
  }

  /** The secretaries of the branches below a unit, who may report at its session. */
  async function reporterCandidates(actor: Actor, orgId: number): Promise<ReporterCandidates> {
    requireAction(actor, 'orglife:read');
    const org = await unitInScope(db, actor, orgId);
    const posts = (await deps.posts(actor, org.id)).filter((p) => REPORTING_ROLES.includes(p.role) && p.org.id !== org.id);
    return { org: ref(org), secretaries: posts.map((p) => ({ postId: p.postId, person: { id: p.personId, name: p.name }, role: p.role, org: ref(p.org) })) };
  }

  /** The session's date and reporters checked against the unit: answers the reports to write. */
  async function checkSession(actor: Actor, org: OrgNode, input: { heldOn: string; year: number; reports: { postId: number; summary: string }[] }) {
    const errors: FieldError[] = [];
    if (input.heldOn > today()) errors.push({ field: 'heldOn', zh: '评议会日期不能晚于今天：开过之后再录入', en: 'The date is in the future' });
    if (input.year > Number(input.heldOn.slice(0, 4))) errors.push({ field: 'year', zh: '述职年度不能晚于评议会的年份', en: 'The year reported on is after the session' });
    const candidates = new Map((await deps.posts(actor, org.id)).filter((p) => REPORTING_ROLES.includes(p.role) && p.org.id !== org.id).map((p) => [p.postId, p]));
    const seen = new Set<number>();
    input.reports.forEach((r, i) => {
      if (seen.has(r.postId)) errors.push({ field: `reports.${i}.postId`, zh: '同一岗位重复述职', en: 'Listed twice' });
      seen.add(r.postId);
      if (!candidates.has(r.postId)) errors.push({ field: `reports.${i}.postId`, zh: `述职人须是${org.name}下级党组织的在任书记`, en: 'Not a secretary of a branch below' });
      if (!r.summary.trim()) errors.push({ field: `reports.${i}.summary`, zh: '请填写述职要点', en: 'Enter the summary' });
    });
    if (errors.length) throw validationError(errors);
    const nodes = new Map((await byIds(db, [...candidates.values()].map((p) => p.org.id))).map((o) => [Number(o.id), o]));
    return input.reports.map((r) => {
      const p = candidates.get(r.postId)!;
      return { postId: p.postId, personId: p.personId, personName: p.name, role: p.role, orgId: p.org.id, orgPath: nodes.get(p.org.id)!.path, summary: r.summary.trim() };
    });
  }

  /** A session held by the caller's own unit (a township, a station or the county), with the reports given. */
  async function openSession(actor: Actor, input: OpenSessionBody): Promise<number> {
    requireAction(actor, 'orglife:record');
    const org = await unitInScope(db, actor, input.orgId);
    if (!SESSION_UNITS.includes(org.type)) throw fieldError('orgId', '述职评议由县、乡镇党委或工作站组织', 'Held by the county, a township or a station');
    if (!actor.scope.path.startsWith(org.path)) throw new AppError('forbidden', { zh: '述职评议由组织评议的单位本身录入', en: 'The holding unit records its session' });
    const anonymous = input.anonymous ?? false;
    if (anonymous && !(await settingsOf(db, org.county_id))?.anonymous_ballots) throw fieldError('anonymous', '本县未启用无记名投票：述职评议须记录评议人', 'The county has not enabled anonymous ballots');
    const reports = await checkSession(actor, org, input);
    const participants = input.participants?.trim() || null;
    return db.transaction(async (tx) => {
      const id = await repo.insertSession(tx, {
        countyId: org.county_id, orgId: org.id, orgPath: org.path, kind: input.kind, heldOn: input.heldOn, year: input.year, place: input.place.trim(), createdBy: actor.accountId || null,
        participants, anonymous, reports,
      });
      await appendAudit(tx, {
        countyId: org.county_id, accountId: actor.accountId, username: actor.username, action: 'report_session.create', objectType: 'report_session', objectId: id,
        summary: { orgId: org.id, kind: input.kind, heldOn: input.heldOn, year: input.year, reports: input.reports.length, anonymous }, result: 'success', ip: actor.ip,
      });
      return id;
    });
  }

  /** Date, place, reporters and participants change until the first ballot; after it, refused. */
  async function updateSession(actor: Actor, id: number, input: UpdateSessionBody): Promise<SessionView> {
    requireAction(actor, 'orglife:record');
    const s = await repo.findSession(db, likePrefix(actor.scope.path), id);
    if (!s) throw new AppError('not_found');
    if (!actor.scope.path.startsWith(s.org_path)) throw new AppError('forbidden', { zh: '述职评议由组织评议的单位本身修改', en: 'The holding unit changes its session' });
    const tooLate = () => new AppError('conflict', { zh: '这次评议会已经录入评议票，日期、地点、述职人和参会人员不能再修改', en: 'The session has ballots: it can no longer change' });
    if (s.ballots > 0) throw tooLate();
    const org = await unitInScope(db, actor, s.org_id);
    const reports = await checkSession(actor, org, { heldOn: input.heldOn, year: s.year, reports: input.reports });
    const participants = input.participants === undefined ? s.participants : input.participants.trim() || null;
    await db.transaction(async (tx) => {
      if ((await repo.lockSession(tx, s.id)) > 0) throw tooLate();
      await repo.updateSession(tx, s.id, { countyId: s.county_id, heldOn: input.heldOn, place: input.place.trim(), participants, reports });
      await appendAudit(tx, {
        countyId: s.county_id, accountId: actor.accountId, username: actor.username, action: 'report_session.update', objectType: 'report_session', objectId: s.id,
        summary: { heldOn: { from: s.held_on, to: input.heldOn }, place: { from: s.place, to: input.place.trim() }, reports: { from: s.reports, to: reports.length }, participantsChanged: participants !== s.participants },
        result: 'success', ip: actor.ip,
      });
    });
    return session(actor, id);
  }

  async function session(actor: Actor, id: number): Promise<SessionView> {
    requireAction(actor, 'orglife:read');
    const r = await repo.findSession(db, likePrefix(actor.scope.path), id);
    if (!r) throw new AppError('not_found');
    return sessionView(r);
  }

  async function sessions(actor: Actor, query: ListSessionsQuery): Promise<SessionPage> {
    requireAction(actor, 'orglife:read');
    const path = query.orgId ? (await unitInScope(db, actor, query.orgId)).path : actor.scope.path;
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { rows, total } = await repo.listSessions(db, { like: likePrefix(path), year: query.year ?? null, page, pageSize });
    return {
      items: rows.map((r) => ({ id: Number(r.id), org: ref({ id: r.org_id, name: r.org_name, type: r.org_type }), kind: r.kind as SessionKind, heldOn: r.held_on, year: r.year, place: r.place, reports: r.reports, ballots: r.ballots })),
      total, page, pageSize,
    };
  }

  /** A participant's ballot: one rating for every report of the session, once per participant. */
  async function castBallot(actor: Actor, sessionId: number, input: BallotBody): Promise<SessionView> {
    requireAction(actor, 'orglife:record');
    const s = await repo.findSession(db, likePrefix(actor.scope.path), sessionId);
    if (!s) throw new AppError('not_found');
    if (!actor.scope.path.startsWith(s.org_path)) throw new AppError('forbidden', { zh: '评议票由组织评议的单位录入', en: 'The holding unit enters the ballots' });
    // 无记名: no rater is recorded, so none may be given; otherwise each participant votes once by name
    const rater = s.anonymous ? null : (input.rater ?? '').trim();
    if (s.anonymous && input.rater?.trim()) throw fieldError('rater', '这次评议会是无记名投票，不记录评议人', 'Anonymous ballots record no rater');
    if (rater === '') throw fieldError('rater', '请填写评议人', 'Enter who rates');
    const reports = await repo.reportsOf(db, s.id);
    const ids = new Set(reports.map((r) => Number(r.id)));
    const given = new Set(input.ratings.map((r) => r.reportId));
    const errors: FieldError[] = [];
    input.ratings.forEach((r, i) => { if (!ids.has(r.reportId)) errors.push({ field: `ratings.${i}.reportId`, zh: '该述职不属于这次评议会', en: 'Not a report of this session' }); });
    if (given.size !== input.ratings.length) errors.push({ field: 'ratings', zh: '同一述职人只能评一次', en: 'A reporter is rated once per ballot' });
    const missing = reports.filter((r) => !given.has(Number(r.id)));
    if (missing.length) errors.push({ field: 'ratings', zh: `请给每位述职人评议：还没有评${missing.map((m) => m.person_name).join('、')}`, en: 'Rate every reporter' });
    if (errors.length) throw validationError(errors);
    await db.transaction(async (tx) => {
      const before = await repo.lockSession(tx, s.id);
      const ballotId = await repo.insertBallot(tx, { sessionId: s.id, countyId: s.county_id, rater, createdBy: actor.accountId || null, ratings: input.ratings });
      if (ballotId === null) throw new AppError('conflict', { zh: `“${rater}”已经投过票，每人只评一次`, en: 'This participant already voted' });
      await appendAudit(tx, {
        countyId: s.county_id, accountId: actor.accountId, username: actor.username, action: 'report_session.ballot', objectType: 'report_session', objectId: s.id,
        // an anonymous ballot is audited as a count, never by ballot (the ballot's row would lead to its ratings)
        summary: s.anonymous ? { anonymous: true, ballots: before + 1, ratings: input.ratings.length } : { ballotId, ratings: input.ratings.length }, result: 'success', ip: actor.ip,
      });
    });
    return session(actor, sessionId);
  }

  // ---- 调查研究 ----

  async function researchView(actor: Actor, r: repo.ResearchRow): Promise<ResearchView> {
    const villages = await byIds(db, r.village_ids.map(Number));
    const order = new Map(r.village_ids.map((v, i) => [Number(v), i]));
    return {
      id: Number(r.id), org: ref({ id: r.org_id, name: r.org_name, type: r.org_type }), year: r.year, topic: r.topic,
      villages: villages.sort((a, b) => order.get(Number(a.id))! - order.get(Number(b.id))!).map(ref),
      startsOn: r.starts_on, endsOn: r.ends_on, status: r.status as ResearchState, report: r.report, reportedOn: r.reported_on,
      grade: (r.grade as ResearchGrade | null) ?? null, appraisal: r.appraisal, returnComment: r.return_comment,
      files: (await repo.filesOf(db, r.id)).map((f) => ({ id: Number(f.id), fileName: f.file_name })),
      transitions: availableTransitions(researchWorkflow, actor, { id: r.id, countyId: r.county_id, orgId: r.org_id, orgPath: r.org_path, status: r.status, deadline: null, extra: {} }),
      version: r.version,
    };
  }

  /** A station plans a round: its topic, the villages of its area it visits, the dates. */
  async function planResearch(actor: Actor, input: PlanResearchBody): Promise<number> {
    requireAction(actor, 'orglife:record');
    const org = await unitInScope(db, actor, input.orgId);
    if (org.type !== 'station') throw fieldError('orgId', '调查研究由党建工作站开展', 'A station runs research rounds');
    if (!actor.roles.includes('station_admin') || !actor.scope.path.startsWith(org.path)) throw new AppError('forbidden', { zh: '调研计划由本工作站制定', en: 'The station plans its own rounds' });
    const errors: FieldError[] = [];
    const topic = input.topic.trim();
    if (!topic) errors.push({ field: 'topic', zh: '请填写调研主题', en: 'Enter the topic' });
    if (input.endsOn < input.startsOn) errors.push({ field: 'endsOn', zh: '结束日期不能早于开始日期', en: 'Ends before it starts' });
    if (input.startsOn.slice(0, 4) !== input.endsOn.slice(0, 4)) errors.push({ field: 'endsOn', zh: '一次调研须在同一年度内完成', en: 'A round lies within one year' });
    if (Number(input.startsOn.slice(0, 4)) < thisYear()) errors.push({ field: 'startsOn', zh: '不能补订往年的调研计划', en: 'A past year cannot be planned' });
    const villages = await byIds(db, input.villageIds);
    input.villageIds.forEach((v, i) => {
      const o = villages.find((x) => Number(x.id) === v);
      if (!o || o.status !== 'active' || !o.path.startsWith(org.path) || !BRANCH_TYPES.includes(o.type)) errors.push({ field: `villageIds.${i}`, zh: `调研的村（社区）须在${org.name}的片区内`, en: 'A village of the station\'s area' });
    });
    if (errors.length) throw validationError(errors);
    const c = await engine.open(db, researchWorkflow, actor, {
      countyId: org.county_id, orgId: org.id, orgPath: org.path, title: `调查研究：${topic}`.slice(0, 200), deadline: null, body: topic,
      data: { villageIds: input.villageIds, startsOn: input.startsOn, endsOn: input.endsOn },
    }, { table: 'research_rounds', values: { county_id: org.county_id, year: Number(input.startsOn.slice(0, 4)), topic, village_ids: input.villageIds, starts_on: input.startsOn, ends_on: input.endsOn } });
    return Number(c.id);
  }

  async function research(actor: Actor, id: number): Promise<ResearchView> {
    requireAction(actor, 'orglife:read');
    const r = await repo.findResearch(db, likePrefix(actor.scope.path), id);
    if (!r) throw new AppError('not_found');
    return researchView(actor, r);
  }

  async function researchList(actor: Actor, query: ListResearchQuery): Promise<ResearchPage> {
    requireAction(actor, 'orglife:read');
    const path = query.orgId ? (await unitInScope(db, actor, query.orgId)).path : actor.scope.path;
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { rows, total } = await repo.listResearch(db, { like: likePrefix(path), year: query.year ?? null, status: query.status ?? null, page, pageSize });
    return { items: await Promise.all(rows.map((r) => researchView(actor, r))), total, page, pageSize };
  }

  async function fireResearch(actor: Actor, id: number, name: ResearchTransition, input: FireResearchBody): Promise<ResearchView> {
    requireAction(actor, 'orglife:record');
    const current = await repo.findResearch(db, likePrefix(actor.scope.path), id);
    if (!current) throw new AppError('not_found');
    if (name === 'report' && current.starts_on > today()) throw fieldError('report', `调研从 ${current.starts_on} 开始，开展之后才能提交报告`, 'The round has not started');
    await engine.fire(researchWorkflow, actor, id, name, { version: input.version, body: input.body ?? null, fields: { report: input.report, grade: input.grade } }, {
      loadExtra: async () => ({}),
      apply: async (tx, c) => {
        if (name === 'report') await repo.writeReport(tx, c.id, input.report!.trim(), today());
        if (name === 'appraise') await repo.writeAppraisal(tx, c.id, input.grade!, input.body?.trim() || null);
        return name === 'appraise' ? { grade: input.grade } : {};
      },
    });
    return research(actor, id);
  }

  async function attachResearch(actor: Actor, id: number, file: { fileName: string; mimeType: string; content: Buffer }) {
    requireAction(actor, 'orglife:record');
    return engine.attach('research', actor, id, file, (c) => actor.roles.includes('station_admin') && c.closed_at === null && actor.scope.path.startsWith(c.org_path));
  }

  async function researchFile(actor: Actor, id: number, attachmentId: number) {
    requireAction(actor, 'orglife:read');
    return engine.attachment('research', actor, id, attachmentId);
  }

  /** ≥ 2 rounds a year per station: each station under the org with its rounds planned, reported and appraised. */
  async function researchBoard(actor: Actor, query: ResearchBoardQuery): Promise<ResearchBoard> {
    requireAction(actor, 'orglife:read');
    const org = await unitInScope(db, actor, query.orgId ?? actor.scope.orgId);
    const year = query.year ?? thisYear();
    const rows = await repo.researchBoard(db, likePrefix(org.path), year);
    const out = rows.map((r) => ({
      org: ref(r), township: r.township, planned: r.planned, reported: r.reported, appraised: r.appraised, short: r.reported < RESEARCH_ROUNDS_PER_YEAR,
    }));
    return { org: ref(org), year, required: RESEARCH_ROUNDS_PER_YEAR, stations: out.length, short: out.filter((r) => r.short).length, rows: out };
  }

  /**
   * 工作台: a station that has not yet reported its 2 rounds in the last quarter of the year; a
   * township's reports below waiting for its appraisal.
   */
  async function todayItems(q: Queryable, actor: Actor, t: string): Promise<TodaySourceRow[]> {
    const items: TodaySourceRow[] = [];
    const like = likePrefix(actor.scope.path);
    if (actor.roles.includes('township_admin')) {
      for (const r of await repo.researchToAppraise(q, like, actor.scope.path)) items.push({ kind: 'research_to_appraise', id: Number(r.id), title: r.title, org: r.org, due: null, reason: null, at: r.at });
    }
    if (actor.roles.includes('station_admin') && Number(t.slice(5, 7)) >= RESEARCH_LATE_MONTH) {
      const year = Number(t.slice(0, 4));
      const [row] = await repo.researchBoard(q, like, year);
      if (row && Number(row.id) === actor.scope.orgId && row.reported < RESEARCH_ROUNDS_PER_YEAR) {
        items.push({
          kind: 'research_short', id: Number(row.id), title: `本年已完成调查研究 ${row.reported} 次，全年至少 ${RESEARCH_ROUNDS_PER_YEAR} 次`, org: row.name,
          due: `${year}-12-31`, reason: null, at: `${t}T00:00:00+08:00`,
        });
      }
    }
    return items;
  }

  // ---- for assessment (through index.ts) ----

  /**
   * What assessment computes from these records for a unit's subtree and year: members graded 合格
   * or better over members graded; 好 and 较好 over all ratings of its reporters; a station's rounds
   * reported against the 2 a year.
   */
  async function assessmentBasis(q: Queryable, source: 'member_appraisal_qualified' | 'report_rating_good' | 'research_rounds_done', unitPath: string, year: number) {
    const like = likePrefix(unitPath);
    if (source === 'member_appraisal_qualified') {
      const rows = await repo.qualifiedBasis(q, like, year);
      return { numerator: rows.filter((r) => r.ok).length, denominator: rows.length, ids: rows.map((r) => Number(r.id)) };
    }
    if (source === 'report_rating_good') {
      const rows = await repo.ratingBasis(q, like, year);
      return { numerator: rows.filter((r) => r.ok).length, denominator: rows.length, ids: [...new Set(rows.map((r) => Number(r.id)))] };
    }
    const rows = await repo.reportedRounds(q, like, year);
    return { numerator: Math.min(rows.length, RESEARCH_ROUNDS_PER_YEAR), denominator: RESEARCH_ROUNDS_PER_YEAR, ids: rows.map((r) => Number(r.id)) };
  }

  return {
    gradeMembers, appraisal, appraisals, correctAppraisal, saveFollowup, appraisalResults,
    reporterCandidates, openSession, updateSession, session, sessions, castBallot,
    planResearch, research, researchList, fireResearch, attachResearch, researchFile, researchBoard,
    todayItems, assessmentBasis, today,
  };
}

export type AppraisalService = ReturnType<typeof createAppraisalService>;
