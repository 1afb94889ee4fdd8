// 项目化推进: projects on the case engine. A unit proposes a project (aim × class, leader,
// undertakers, milestones with dates inside the project's year, budget); the levels above review
// and approve it; once it is in progress the dispatch engine asks the unit for a monthly report
// (月报告: a directive from the county to the unit, due on the county's report day), and a
// missing answer past that day is late; milestones are done with a note; members claim roles on
// it (党员认岗照办); inspections and accountability records are linked; the unit gives its
// year-end account and the committee above appraises it (score and grade) and closes it (销号)
// or carries it over — a carried-over project continues as the next year's project, linked to
// this one, with its unfinished milestones moved into the new year. Progress is computed from the
// milestones, never typed.
import {
  POST_ROLE_LABELS,
  PROGRESS_RULE,
  PROJECT_TRANSITION_LABELS,
  INSPECTION_KIND_LABELS,
  type AddMilestoneBody,
  type ClaimRoleBody,
  type CreateProjectBody,
  type ExcellentBody,
  type FireProjectBody,
  type LinkProjectBody,
  type MilestoneDoneBody,
  type MilestoneState,
  type PostRole,
  type ProjectGrade,
  type ProjectBoard,
  type ProjectBoardQuery,
  type ProjectDetail,
  type ProjectListQuery,
  type ProjectMatrix,
  type ProjectMatrixQuery,
  type ProjectRow,
  type ProjectState,
  type ProjectTransition,
  type UpdateProjectBody,
  PROJECT_AIMS,
  PROJECT_CLASSES,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { todayInChina } from '../../core/calendar.js';
import { AppError, fieldError, validationError, type FieldError } from '../../core/errors.js';
import { addDays, createCaseEngine, type CaseEngine, type CaseRow } from '../../core/cases/case-engine.js';
import { availableTransitions, type CaseView } from '../../core/cases/workflow.js';
import * as orgTree from '../../core/org-tree.js';
import { createKeptAnswers, type AnswerKind, type KeptAnswers } from '../../core/kept-answers.js';
import type { KeptAnswer } from '../../core/answer-cache.js';
import { likePrefix } from '../../core/access.js';
import { can as canDo } from '@lianxin/contract';
import { projectYearAccountOf, subjectResultsOf } from '../assessment/index.js';
import type { TodaySourceRow } from '../../core/today-sources.js';
import type { PeopleService } from '../people/index.js';
import type { DispatchService } from '../dispatch/index.js';
import type { InspectionService } from '../inspections/index.js';
import * as repo from './projects.repository.js';
import { mayAppraise, mayEditPlan, projectGradeOf, projectWorkflow } from './project.workflow.js';
import './project.case.js';

/** The appraisal a close or carry-over records: its score, grade, and where they came from. */
type Appraisal = { source: 'committee' | 'assessment'; score: number; grade: ProjectGrade; sheetIds: number[] };

/** The county's monthly report day when it has not set its own. */
export const DEFAULT_REPORT_DAY = 25;

const lastDayOfMonth = (period: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** When the month's report falls due: the report day of the month, or — issued after it — the month's last day (never before `on`). */
export function reportDue(on: string, reportDay: number): string {
  const period = on.slice(0, 7);
  const planned = `${period}-${String(reportDay).padStart(2, '0')}`;
  if (planned >= on) return planned;
  return lastDayOfMonth(period);
}

/** The same month and day in another year (29 February becomes the 28th). */
function sameDayIn(date: string, year: number): string {
  const md = date.slice(5);
  const candidate = `${year}-${md}`;
  return md === '02-29' && new Date(Date.UTC(year, 1, 29)).getUTCMonth() !== 1 ? `${year}-02-28` : candidate;
}

/** Yuan (at most two decimals) to fen; a third decimal is a validation error. */
function toFen(yuan: number): number {
  const fen = Math.round(yuan * 100);
  if (Math.abs(yuan * 100 - fen) > 1e-6) throw fieldError('budget', '预算金额至多保留两位小数（元）', 'The budget has at most two decimals');
  return fen;
}

const view = (c: { id: number; county_id: number; org_id: number; org_path: string; status: string }): CaseView => ({
  id: c.id, countyId: c.county_id, orgId: c.org_id, orgPath: c.org_path, status: c.status, deadline: null, extra: undefined,
});

/** The county project board (core/kept-answers.ts): it reads the kept rows of migration 520 and org names. */
const BOARD_ANSWER: AnswerKind = { name: 'projects.board', sources: ['orgs', 'project_board_rows', 'project_board_due'] };

export function createProjectService(deps: {
  db: Db;
  people: Pick<PeopleService, 'postHolders' | 'personNames' | 'personForDevelopment'>;
  dispatch: Pick<DispatchService, 'issueRequest' | 'answerStates'>;
  inspections: Pick<InspectionService, 'detail' | 'accountabilityRecord'>;
  engine?: CaseEngine;
  today?: () => string;
  /** The core's kept answers (the board's); without them the board is built on every request. */
  kept?: KeptAnswers;
}) {
  const { db, people, dispatch, inspections } = deps;
  const kept = deps.kept ?? createKeptAnswers({ db, maxBytes: 0 });
  const engine = deps.engine ?? createCaseEngine({ db, today: deps.today });
  const today = deps.today ?? (() => todayInChina());

  // ---- presenting ----

  async function leaders(q: Queryable, rows: repo.ProjectDbRow[]) {
    const holders = await people.postHolders(q, rows.flatMap((r) => (r.leader_post_id ? [r.leader_post_id] : [])));
    return new Map(holders.map((h) => [Number(h.id), h]));
  }

  function present(r: repo.ProjectDbRow, leader: Awaited<ReturnType<typeof leaders>>): ProjectRow {
    const h = r.leader_post_id ? leader.get(Number(r.leader_post_id)) : undefined;
    return {
      id: Number(r.id),
      version: r.version,
      title: r.title,
      year: r.year,
      aim: r.aim as ProjectRow['aim'],
      class: r.class as ProjectRow['class'],
      status: r.status as ProjectState,
      org: { id: Number(r.org_id), name: r.org_name, type: r.org_type },
      leader: h ? { postId: Number(h.id), name: h.person_name, role: POST_ROLE_LABELS[h.role as PostRole]?.zh ?? h.role } : null,
      sendingUnit: r.sending_unit ?? r.sending_org_name ?? null,
      budget: Number(r.budget_fen) / 100,
      progress: { done: r.ms_done, total: r.ms_total, percent: r.ms_total ? Math.round((100 * r.ms_done) / r.ms_total) : 0, overdue: r.ms_overdue },
      reports: { answered: r.r_answered, late: r.r_late, answeredLate: r.r_answered_late, pending: r.r_pending },
      yearGrade: (r.year_grade as ProjectRow['yearGrade']) ?? null,
      excellent: r.excellent,
    };
  }

  async function list(actor: Actor, q: ProjectListQuery) {
    requireAction(actor, 'project:read');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    let rootPath = actor.scope.path;
    if (q.orgId) {
      const org = await orgTree.inScope(db, actor.scope, q.orgId);
      if (!org) throw new AppError('not_found');
      rootPath = org.path;
    }
    const t = today();
    const { ids, total } = await repo.listProjects(db, { ...q, rootPath, today: t }, page, pageSize);
    const rows = await repo.rowsById(db, ids, t);
    const leader = await leaders(db, rows);
    return { items: rows.map((r) => present(r, leader)), total, page, pageSize };
  }

  async function load(actor: Actor, id: number) {
    const row = await repo.findProject(db, actor.scope, id, today());
    if (!row) throw new AppError('not_found');
    return row;
  }

  function milestoneState(m: repo.MilestoneDbRow, t: string): MilestoneState {
    if (m.done_on) return 'done';
    if (m.due_on < t) return 'overdue';
    return m.due_on <= addDays(t, 7) ? 'due_soon' : 'planned';
  }

  async function linkTitles(actor: Actor, links: Awaited<ReturnType<typeof repo.linksOf>>) {
    return Promise.all(links.map(async (l) => {
      try {
        if (l.kind === 'inspection') {
          const i = await inspections.detail(actor, Number(l.ref_id));
          return { id: Number(l.id), kind: l.kind, refId: Number(l.ref_id), title: `${INSPECTION_KIND_LABELS[i.kind]?.zh ?? '督查'}：${i.org.name}（${i.inspectors}）`, date: i.inspectedOn };
        }
        const a = await inspections.accountabilityRecord(actor, Number(l.ref_id));
        return { id: Number(l.id), kind: l.kind, refId: Number(l.ref_id), title: a.reason, date: a.decidedOn };
      } catch {
        // the record lies outside the caller's scope (a county inspection seen from a village)
        return { id: Number(l.id), kind: l.kind, refId: Number(l.ref_id), title: '（不在您的查看范围内）', date: null };
      }
    }));
  }

  async function detail(actor: Actor, id: number): Promise<ProjectDetail> {
    requireAction(actor, 'project:read');
    const r = await load(actor, id);
    const t = today();
    const [leader, persons, milestones, reports, links, tl] = await Promise.all([
      leaders(db, [r]), repo.peopleOf(db, r.id), repo.milestonesOf(db, r.id), repo.reportsOf(db, r.id), repo.linksOf(db, r.id), engine.timeline(db, r.id),
    ]);
    const names = new Map((await people.personNames(db, persons.map((p) => Number(p.person_id)))).map((n) => [Number(n.id), n.name]));
    const answers = new Map((await dispatch.answerStates(db, reports.map((x) => Number(x.assignment_id)))).map((a) => [Number(a.id), a]));
    const v = view(r);
    // 年交账考评: what the appraisal took its score from, or — at the year-end account — will take it from
    const appraisalSource = r.year_source ?? (r.status === 'year_end'
      ? ((await projectYearAccountOf(db, Number(r.county_id), likePrefix(actor.scope.path), Number(r.id), r.year)).throughAssessment ? 'assessment' : 'committee')
      : null);
    const person = (p: (typeof persons)[number]) => ({ id: Number(p.id), personId: Number(p.person_id), name: names.get(Number(p.person_id)) ?? '', role: p.role, postId: p.post_id ? Number(p.post_id) : null, claimedOn: p.claimed_on });
    return {
      ...present(r, leader),
      description: r.description,
      sendingOrg: r.sending_org_id ? { id: Number(r.sending_org_id), name: r.sending_org_name ?? '', type: r.sending_org_type ?? '' } : null,
      undertakers: persons.filter((p) => p.kind === 'undertaker').map(person),
      members: persons.filter((p) => p.kind === 'member').map(person),
      milestones: milestones.map((m) => ({ id: Number(m.id), version: m.version, title: m.title, dueOn: m.due_on, doneOn: m.done_on, note: m.note, state: milestoneState(m, t) })),
      reportsList: reports.map((x) => {
        const a = answers.get(Number(x.assignment_id));
        const status = a?.status ?? 'pending';
        const due = a?.due_date ?? t;
        return {
          period: x.period, assignmentId: Number(x.assignment_id), directiveId: Number(x.directive_id), dueOn: due, status,
          late: status === 'pending' ? due < t : Boolean(a?.late), reportedAt: a?.reported_at ? new Date(a.reported_at).toISOString() : null, text: a?.report ?? null,
        };
      }),
      links: await linkTitles(actor, links),
      files: tl.files.map((f) => ({ id: Number(f.id), fileName: f.file_name, mimeType: f.mime_type, size: Number(f.size_bytes) })),
      timeline: tl.events.map((e) => ({
        seq: e.seq, at: new Date(e.at).toISOString(), actor: e.actor_display ?? e.actor_name, kind: e.kind, transition: e.transition, toStatus: e.to_status, body: e.body,
      })),
      // the appraisal's score and grade are typed only where the 年交账 is not scored through assessment
      transitions: availableTransitions(projectWorkflow, actor, v).map((name) => ({
        name, label: PROJECT_TRANSITION_LABELS[name],
        requires: (projectWorkflow.transitions[name].requires ?? []).map((f) => f.field).filter((f) => appraisalSource !== 'assessment' || (f !== 'score' && f !== 'grade')),
      })),
      canEdit: mayEditPlan(actor, v) && can(actor),
      canAppraise: mayAppraise(actor, v),
      yearScore: r.year_score === null ? null : Number(r.year_score),
      yearSummary: r.year_summary,
      carriedFrom: r.carried_from ? Number(r.carried_from) : null,
      carriedTo: r.carried_to ? Number(r.carried_to) : null,
      progressRule: PROGRESS_RULE,
      // 年交账考核: the project's published assessment sheets of its year, through assessment's front door
      yearAccount: canDo(actor.roles, 'assessment:read')
        ? ((await subjectResultsOf(db, likePrefix(actor.scope.path), 'project', [r.id])).get(Number(r.id))?.find((y) => y.year === r.year) ?? null)
        : null,
      appraisalSource,
    };
  }

  function can(actor: Actor) {
    return actor.roles.some((role) => ['county_admin', 'township_admin', 'station_admin', 'village_admin', 'department_admin'].includes(role));
  }

  // ---- checks ----

  /** Current posts at the unit (leader, undertakers), read through the people service. */
  async function postsAtUnit(q: Queryable, unitId: number, ids: readonly number[], field: string, what: string) {
    const holders = await people.postHolders(q, ids);
    const t = today();
    const ok = holders.filter((h) => Number(h.org_id) === unitId && (!h.end_date || h.end_date >= t));
    if (ok.length !== new Set(ids).size) throw fieldError(field, `${what}须是承担单位的现任班子成员`, 'Must hold a current post at the unit');
    return ok;
  }

  function checkMilestoneDates(year: number, ms: readonly { dueOn: string }[], field = 'milestones') {
    const errors: FieldError[] = [];
    ms.forEach((m, i) => {
      if (!m.dueOn.startsWith(`${year}-`)) errors.push({ field: ms.length === 1 && field === 'dueOn' ? 'dueOn' : `${field}[${i}].dueOn`, zh: `节点日期须在项目年度（${year} 年）内`, en: `Milestone dates fall within ${year}` });
    });
    if (errors.length) throw validationError(errors);
  }

  async function lockEditable(tx: Queryable, actor: Actor, c: CaseRow, version?: number) {
    if (!mayEditPlan(actor, view(c)) || !can(actor)) {
      if (['year_end', 'closed', 'carried_over'].includes(c.status)) throw new AppError('conflict', { zh: '项目已年终交账，计划不能再修改', en: 'The project has given its year-end account' });
      throw new AppError('forbidden', { zh: '您无权修改此项目', en: 'You may not change this project' });
    }
    if (version !== undefined && c.version !== version) throw new AppError('version_conflict');
    const own = await repo.planOf(tx, c.id);
    return { year: own!.year };
  }

  // ---- writes ----

  async function create(actor: Actor, input: CreateProjectBody): Promise<ProjectDetail> {
    requireAction(actor, 'project:write');
    const org = await orgTree.inScope(db, actor.scope, input.orgId);
    if (!org || org.status !== 'active') throw fieldError('orgId', '承担单位不存在或不在您的管辖范围内', 'No such unit in your scope');
    if (org.parent_id === null) throw fieldError('orgId', '承担单位须是县以下的组织（乡镇、工作站、村、社区、部门等）', 'The unit lies below the county');
    if (!can(actor)) throw new AppError('forbidden');
    const budgetFen = toFen(input.budget ?? 0);
    const milestones = (input.milestones ?? []).map((m) => ({ title: m.title.trim(), dueOn: m.dueOn }));
    checkMilestoneDates(input.year, milestones);
    if (milestones.some((m) => !m.title)) throw fieldError('milestones', '节点名称不能为空', 'Milestone titles are required');
    const title = input.title.trim();
    if (!title) throw fieldError('title', '请填写项目名称', 'Enter the title');
    let sendingOrgId: number | null = null;
    if (input.sendingOrgId) {
      const [s] = await orgTree.byIds(db, [input.sendingOrgId]);
      if (!s || s.county_id !== org.county_id) throw fieldError('sendingOrgId', '派出单位须是本县的单位', 'The sending unit is in this county');
      sendingOrgId = s.id;
    }
    const id = await db.transaction(async (tx) => {
      const leader = input.leaderPostId ? (await postsAtUnit(tx, org.id, [input.leaderPostId], 'leaderPostId', '牵头领办人'))[0]! : null;
      const undertakers = input.undertakerPostIds?.length ? await postsAtUnit(tx, org.id, input.undertakerPostIds, 'undertakerPostIds', '具体承办人') : [];
      const c = await engine.open(tx, projectWorkflow, actor, {
        countyId: org.county_id, orgId: org.id, orgPath: org.path, title, deadline: null, data: { year: input.year, aim: input.aim, class: input.class, budgetFen },
      }, {
        table: 'projects',
        values: {
          county_id: org.county_id, year: input.year, aim: input.aim, class: input.class, description: input.description?.trim() ?? '',
          leader_post_id: leader ? leader.id : null, budget_fen: budgetFen, sending_unit: input.sendingUnit?.trim() || null, sending_org_id: sendingOrgId,
        },
      });
      await repo.insertPeople(tx, c.id, org.county_id, undertakers.map((u) => ({ kind: 'undertaker' as const, postId: Number(u.id), personId: Number(u.person_id), role: POST_ROLE_LABELS[u.role as PostRole]?.zh ?? u.role, claimedOn: today() })));
      await repo.insertMilestones(tx, c.id, org.county_id, milestones);
      return c.id;
    });
    return detail(actor, Number(id));
  }

  async function update(actor: Actor, id: number, input: UpdateProjectBody): Promise<ProjectDetail> {
    requireAction(actor, 'project:write');
    const budgetFen = input.budget === undefined ? undefined : toFen(input.budget);
    await engine.edit('project', actor, id, {
      action: 'edit',
      apply: async (tx, c) => {
        await lockEditable(tx, actor, c, input.version);
        const changes: Record<string, unknown> = {};
        if (input.aim) changes.aim = input.aim;
        if (input.class) changes.class = input.class;
        if (input.description !== undefined) changes.description = input.description.trim();
        if (budgetFen !== undefined) changes.budget_fen = budgetFen;
        if (input.sendingUnit !== undefined) changes.sending_unit = input.sendingUnit?.trim() || null;
        if (input.leaderPostId !== undefined) {
          changes.leader_post_id = input.leaderPostId ? Number((await postsAtUnit(tx, c.org_id, [input.leaderPostId], 'leaderPostId', '牵头领办人'))[0]!.id) : null;
        }
        if (input.undertakerPostIds) {
          const u = await postsAtUnit(tx, c.org_id, input.undertakerPostIds, 'undertakerPostIds', '具体承办人');
          await repo.deleteUndertakers(tx, c.id);
          await repo.insertPeople(tx, c.id, c.county_id, u.map((x) => ({ kind: 'undertaker' as const, postId: Number(x.id), personId: Number(x.person_id), role: POST_ROLE_LABELS[x.role as PostRole]?.zh ?? x.role, claimedOn: today() })));
          changes.undertakers = undefined;
        }
        const own = Object.fromEntries(Object.entries(changes).filter(([k]) => k !== 'undertakers'));
        await repo.insertProjectRowExtra(tx, c.id, own);
        await repo.bumpVersion(tx, c.id, input.title?.trim() || null);
        const fields = Object.keys(changes).concat(input.title ? ['title'] : []);
        return { body: `修改项目：${fields.join('、') || '无变化'}`, data: { fields } };
      },
    });
    return detail(actor, id);
  }

  async function addMilestone(actor: Actor, id: number, input: AddMilestoneBody): Promise<ProjectDetail> {
    requireAction(actor, 'project:write');
    const title = input.title.trim();
    if (!title) throw fieldError('title', '请填写节点名称', 'Enter the milestone');
    await engine.edit('project', actor, id, {
      action: 'milestone_add',
      apply: async (tx, c) => {
        const own = await lockEditable(tx, actor, c);
        checkMilestoneDates(own.year, [input], 'dueOn');
        await repo.insertMilestones(tx, c.id, c.county_id, [{ title, dueOn: input.dueOn }]);
        return { body: `增加路线图节点「${title}」，${input.dueOn} 前完成`, data: { title, dueOn: input.dueOn } };
      },
    });
    return detail(actor, id);
  }

  async function milestoneDone(actor: Actor, id: number, milestoneId: number, input: MilestoneDoneBody): Promise<ProjectDetail> {
    requireAction(actor, 'project:write');
    const note = input.note.trim();
    if (!note) throw fieldError('note', '请填写完成情况', 'Describe what was done');
    if (input.doneOn > today()) throw fieldError('doneOn', '完成日期不能晚于今天', 'The date is in the future');
    await engine.edit('project', actor, id, {
      action: 'milestone_done',
      apply: async (tx, c) => {
        const own = await lockEditable(tx, actor, c);
        if (c.status !== 'in_progress') throw new AppError('conflict', { zh: '项目开始推进后才能记录节点完成', en: 'Milestones are done once the project is in progress' });
        const m = await repo.findMilestone(tx, c.id, milestoneId);
        if (!m) throw new AppError('not_found');
        if (m.done_on) throw new AppError('conflict', { zh: `该节点已于 ${m.done_on} 完成`, en: 'Already done' });
        if (m.version !== input.version) throw new AppError('version_conflict');
        if (!input.doneOn.startsWith(`${own.year}-`)) throw fieldError('doneOn', `完成日期须在项目年度（${own.year} 年）内`, 'Within the project year');
        if (!(await repo.markMilestoneDone(tx, c.id, milestoneId, input.version, input.doneOn, note))) throw new AppError('version_conflict');
        return { body: `完成节点「${m.title}」（${input.doneOn}）：${note}`, data: { milestoneId, doneOn: input.doneOn, late: input.doneOn > m.due_on } };
      },
    });
    return detail(actor, id);
  }

  async function claimRole(actor: Actor, id: number, input: ClaimRoleBody): Promise<ProjectDetail> {
    requireAction(actor, 'project:write');
    const role = input.role.trim();
    if (!role) throw fieldError('role', '请填写认领的岗位', 'Enter the role');
    await engine.edit('project', actor, id, {
      action: 'member_claim',
      apply: async (tx, c) => {
        await lockEditable(tx, actor, c);
        const p = await people.personForDevelopment(tx, actor, input.personId);
        if (!p || !p.orgPath.startsWith(c.org_path) || !p.memberStatus || p.status !== 'active') {
          throw fieldError('personId', '认岗的须是承担单位在册的党员', 'A member of the unit claims a role');
        }
        await repo.insertPeople(tx, c.id, c.county_id, [{ kind: 'member', postId: null, personId: p.id, role, claimedOn: today() }]);
        return { body: `党员 ${p.name} 认岗：${role}`, data: { personId: p.id, role } };
      },
    });
    return detail(actor, id);
  }

  async function link(actor: Actor, id: number, input: LinkProjectBody): Promise<ProjectDetail> {
    requireAction(actor, input.kind === 'inspection' ? 'inspection:write' : 'inspection:accountability');
    let label: string;
    const r = await load(actor, id);
    try {
      if (input.kind === 'inspection') {
        const i = await inspections.detail(actor, input.refId);
        if (!i.targets.some((t) => r.org_path.includes(`/${t.id}/`))) throw new Error('elsewhere');
        label = `督查（${i.inspectedOn}）`;
      } else {
        const a = await inspections.accountabilityRecord(actor, input.refId);
        label = `问责（${a.decidedOn}）：${a.reason}`;
      }
    } catch {
      throw fieldError('refId', input.kind === 'inspection' ? '督查记录不存在，或未督查本项目的承担单位' : '问责记录不存在或不在您的管辖范围内', 'No such record for this unit');
    }
    await engine.edit('project', actor, id, {
      action: 'link',
      apply: async (tx, c) => {
        if (!(await repo.insertLink(tx, { projectId: c.id, countyId: c.county_id, kind: input.kind, refId: input.refId, createdBy: actor.accountId }))) {
          throw new AppError('conflict', { zh: '已关联过该记录', en: 'Already linked' });
        }
        return { body: `关联${label}`, data: { kind: input.kind, refId: input.refId } };
      },
    });
    return detail(actor, id);
  }

  async function setExcellent(actor: Actor, id: number, input: ExcellentBody): Promise<ProjectDetail> {
    requireAction(actor, 'project:configure');
    await engine.edit('project', actor, id, {
      action: 'excellent',
      apply: async (tx, c) => {
        if (c.version !== input.version) throw new AppError('version_conflict');
        if (!['closed', 'carried_over'].includes(c.status)) throw new AppError('conflict', { zh: '年终考评后才能评选优秀项目', en: 'Appraise the year-end account first' });
        await repo.insertProjectRowExtra(tx, c.id, { excellent: input.excellent });
        await repo.bumpVersion(tx, c.id, null);
        return { body: input.excellent ? '评为优秀党建服务项目' : '撤销优秀项目评选', data: { excellent: input.excellent } };
      },
    });
    return detail(actor, id);
  }

  async function fire(actor: Actor, id: number, name: ProjectTransition, input: FireProjectBody): Promise<ProjectDetail> {
    requireAction(actor, 'project:read');
    const errors: FieldError[] = [];
    if (name === 'account' && !input.summary?.trim()) errors.push({ field: 'summary', zh: '请填写年终交账情况', en: 'Enter the year-end account' });
    if (name === 'return' && !input.comment?.trim()) errors.push({ field: 'comment', zh: '请填写退回理由', en: 'Give the reason' });
    // a closer look first, so a step out of order or by the wrong level answers before the fields
    const current = await load(actor, id);
    const t = projectWorkflow.transitions[name];
    if (!t.from.includes(current.status as ProjectState)) {
      throw new AppError('conflict', { zh: `当前状态为「${projectWorkflow.stateLabels[current.status as ProjectState].zh}」，不能执行「${t.label.zh}」`, en: `Cannot ${t.label.en} now` });
    }
    if (!t.allowed(actor, view(current))) throw new AppError('forbidden', { zh: `您无权执行「${t.label.zh}」`, en: `You may not ${t.label.en}` });
    // 考评 (close, carry over): one judgement of the 年交账 — the published assessment sheets' result
    // where the county scores the year's projects through assessment, else the committee's typed score
    let appraisal: Appraisal | null = null;
    if (name === 'close' || name === 'carry_over') {
      const basis = await projectYearAccountOf(db, Number(current.county_id), likePrefix(actor.scope.path), Number(current.id), current.year);
      if (basis.throughAssessment) {
        const typed = (['score', 'grade'] as const).filter((f) => input[f] !== undefined);
        if (typed.length) {
          throw validationError(typed.map((field) => ({ field, zh: `本县${current.year}年度的项目年交账通过考核评分打分，得分和等次取自已公布的考核表，不能另填`, en: 'The score comes from the published assessment sheet' })));
        }
        if (!basis.result) {
          throw new AppError('conflict', {
            zh: `项目「${current.title}」${current.year}年度的年交账考核表尚未公布，不能「${t.label.zh}」：请先在「考核评分」中评分、审核并公布（得分取自考核表）`,
            en: 'The year-end assessment sheet of this project is not published yet',
          });
        }
        appraisal = { source: 'assessment', score: basis.result.score, grade: projectGradeOf(basis.result.grade), sheetIds: basis.result.sheets.map((x) => x.id) };
      } else {
        if (input.score === undefined) errors.push({ field: 'score', zh: '请填写考评得分（0–100）', en: 'Enter the score' });
        if (!input.grade) errors.push({ field: 'grade', zh: '请选择考评等次', en: 'Choose the grade' });
        if (input.score !== undefined && input.grade) appraisal = { source: 'committee', score: input.score, grade: input.grade, sheetIds: [] };
      }
    }
    if (errors.length) throw validationError(errors);
    if (name === 'start' && current.ms_total === 0) throw fieldError('milestones', '请先制定路线图（至少一个节点）再开始推进', 'Plan at least one milestone first');
    await engine.fire(projectWorkflow, actor, id, name, { version: input.version, body: input.comment?.trim() || null, fields: { summary: input.summary?.trim(), score: appraisal?.score, grade: appraisal?.grade } }, {
      loadExtra: async () => undefined,
      apply: async (tx, c) => {
        if (name === 'account') await repo.insertProjectRowExtra(tx, c.id, { year_summary: input.summary!.trim() });
        if (appraisal) {
          await repo.insertProjectRowExtra(tx, c.id, { year_score: appraisal.score, year_grade: appraisal.grade, year_source: appraisal.source });
          await appendAudit(tx, {
            countyId: c.county_id, accountId: actor.accountId, username: actor.username, action: 'project.appraise', objectType: 'project', objectId: c.id,
            summary: { transition: name, source: appraisal.source, score: appraisal.score, grade: appraisal.grade, sheetIds: appraisal.sheetIds }, result: 'success', ip: actor.ip,
          });
        }
        if (name === 'carry_over') return { carriedTo: await carryOver(tx, actor, c) };
        return {};
      },
    });
    if (name === 'start') await issueDueReports(today(), id);
    return detail(actor, id);
  }

  /**
   * 结转下年: the project continues as next year's project (opened as proposed, so the year's
   * plan is reviewed and approved again), linked to this one, with the same aim, class, unit,
   * leader, people and sending unit; its unfinished milestones move to the same day next year.
   */
  async function carryOver(tx: Queryable, actor: Actor, c: CaseRow): Promise<number> {
    const own = await repo.planOf(tx, c.id);
    const year = own!.year + 1;
    const next = await engine.open(tx, projectWorkflow, actor, {
      countyId: c.county_id, orgId: c.org_id, orgPath: c.org_path, title: c.title, deadline: null, data: { year, carriedFrom: c.id },
    }, {
      table: 'projects',
      values: {
        county_id: c.county_id, year, aim: own!.aim, class: own!.class, description: own!.description, leader_post_id: own!.leader_post_id,
        budget_fen: 0, sending_unit: own!.sending_unit, sending_org_id: own!.sending_org_id, carried_from: c.id,
      },
    });
    const persons = await repo.peopleOf(tx, c.id);
    await repo.insertPeople(tx, next.id, c.county_id, persons.map((p) => ({ kind: p.kind, postId: p.post_id, personId: Number(p.person_id), role: p.role, claimedOn: p.claimed_on })));
    const undone = (await repo.milestonesOf(tx, c.id)).filter((m) => !m.done_on);
    await repo.insertMilestones(tx, next.id, c.county_id, undone.map((m) => ({ title: m.title, dueOn: sameDayIn(m.due_on, year) })));
    return Number(next.id);
  }

  async function attach(actor: Actor, id: number, file: { fileName: string; mimeType: string; content: Buffer }) {
    requireAction(actor, 'project:write');
    return engine.attach('project', actor, id, file, (c) => can(actor) && c.closed_at === null && c.org_path.startsWith(actor.scope.path));
  }

  async function attachment(actor: Actor, id: number, attachmentId: number) {
    requireAction(actor, 'project:read');
    return engine.attachment('project', actor, id, attachmentId);
  }

  // ---- monthly reports (月报告) through the dispatch engine ----

  async function reportDay(q: Queryable, countyId: number) {
    return (await repo.reportDayOf(q, countyId)) ?? DEFAULT_REPORT_DAY;
  }

  /**
   * Issues the monthly report request of every project in progress that has none for the month
   * of `on` (the scheduler calls this; a second run, or a concurrent one, issues nothing more):
   * a directive of kind 'report' from the county to the project's unit, due on the county's
   * report day (or the month's last day when issued after it), with an entry on the project's
   * timeline. `projectId`: only that project (a project that starts gets its month's request at once).
   */
  async function issueDueReports(on: string, projectId?: number): Promise<number> {
    const period = on.slice(0, 7);
    let issued = 0;
    for (const p of await repo.dueForReport(db, period, projectId)) {
      const done = await db.transaction(async (tx) => {
        const locked = await repo.lockCase(tx, Number(p.id));
        if (!locked || locked.status !== 'in_progress' || (await repo.hasReport(tx, Number(p.id), period))) return false;
        const countyOrg = orgTree.idsOnPath(p.org_path)[0]!;
        const due = reportDue(on, await reportDay(tx, Number(p.county_id)));
        const made = await dispatch.issueRequest(tx, {
          countyId: Number(p.county_id), issuer: { id: countyOrg, path: `/${countyOrg}/` }, orgId: Number(p.org_id), kind: 'report',
          title: `项目月报告：${p.title}（${period}）`,
          content: `请报告「${p.title}」本月推进情况：完成了哪些节点、下月计划、存在的困难。`,
          periodKey: period, dueDate: due, summary: { projectId: Number(p.id) },
        });
        await repo.insertReport(tx, { projectId: Number(p.id), period, countyId: Number(p.county_id), ...made });
        await engine.annotate(tx, Number(p.id), { anonymous: 'system', ip: null }, {
          kind: 'comment', body: `已下发 ${period} 月报告，请于 ${due} 前上报`, data: { period, assignmentId: made.assignmentId, dueOn: due },
        }, { action: 'report_issue', summary: { period, assignmentId: made.assignmentId } });
        return true;
      });
      if (done) issued++;
    }
    return issued;
  }

  // ---- board, matrix, settings ----

  async function rootOf(actor: Actor, orgId?: number) {
    const org = await orgTree.inScope(db, actor.scope, orgId ?? actor.scope.orgId);
    if (!org) throw new AppError('not_found');
    return org;
  }

  async function board(actor: Actor, q: ProjectBoardQuery): Promise<ProjectBoard> {
    requireAction(actor, 'project:read');
    const root = await rootOf(actor, q.orgId);
    const t = today();
    return boardOf(db, root, q.year ?? Number(t.slice(0, 4)), t);
  }

  /**
   * GET /api/projects/board's answer as bytes, kept per root, year and date while the county's
   * generation of what the board reads is unchanged (core/kept-answers.ts; the board reads the kept
   * rows of migration 520 and the org tree's names). The answer depends on the root, the year and
   * the date alone, not on who asks: the scope check (404) and the permission run on every request.
   * `render` serializes as the route's schema does.
   */
  async function boardAnswer(actor: Actor, q: ProjectBoardQuery, render: (board: ProjectBoard) => string): Promise<KeptAnswer> {
    requireAction(actor, 'project:read');
    const t = today();
    const year = q.year ?? Number(t.slice(0, 4));
    // the caller's own unit needs no scope check (it is the scope's root): it is read only to build
    // the answer, in the build's snapshot; another unit is checked on every request (404 outside the scope)
    const own = q.orgId === undefined || q.orgId === actor.scope.orgId;
    const root = own ? undefined : await rootOf(actor, q.orgId);
    const countyId = root ? (root.county_id === null ? null : Number(root.county_id)) : actor.scope.countyId;
    return kept.answer(BOARD_ANSWER, `${root?.id ?? actor.scope.orgId}:${year}`, countyId, t, async (tx) => {
      const at = root ?? (await orgTree.inScope(tx, actor.scope, actor.scope.orgId));
      if (!at) throw new AppError('not_found');
      return render(await boardOf(tx, at, year, t));
    });
  }

  async function boardOf(q: Queryable, root: { id: number; name: string; type: string; path: string; county_id: number | null }, year: number, t: string): Promise<ProjectBoard> {
    const at = { path: root.path, countyId: Number(root.county_id) };
    const [{ counts, late, overdue }, kids] = await Promise.all([repo.boardOf(q, at, year, t), orgTree.children(q, root.id)]);
    const byChild = new Map(counts.map((x) => [x.child === null ? null : Number(x.child), x]));
    const zero = { projects: 0, in_progress: 0, late: 0, overdue: 0 };
    const ref = (o: { id: number; name: string; type: string }) => ({ id: Number(o.id), name: o.name, type: o.type });
    const row = (o: { id: number; name: string; type: string }, own: boolean) => {
      const x = byChild.get(own ? null : Number(o.id)) ?? zero;
      return { org: ref(o), own, projects: x.projects, inProgress: x.in_progress, lateReports: x.late, overdueMilestones: x.overdue, hasChildren: !own && ['township', 'station', 'county', 'agency'].includes(o.type) };
    };
    // the own row first, then units with projects (most first), then townships, then the rest (each in tree order): a
    // county sees its townships before dozens of departments with nothing to show; the page folds the empty ones
    const rank = (r: ReturnType<typeof row>) => (r.own ? 0 : r.projects > 0 ? 1 : r.org.type === 'township' ? 2 : 3);
    const rows = [...(byChild.has(null) ? [row(root, true)] : []), ...kids.map((k) => row(k, false))]
      .map((r, i) => ({ r, i }))
      .sort((a, b) => rank(a.r) - rank(b.r) || (rank(a.r) === 1 ? b.r.projects - a.r.projects : 0) || a.i - b.i)
      .map((x) => x.r);
    const sum = (k: 'projects' | 'in_progress' | 'late' | 'overdue') => counts.reduce((s, x) => s + x[k], 0);
    return {
      org: ref(root), year, today: t,
      totals: { projects: sum('projects'), inProgress: sum('in_progress'), lateReports: sum('late'), overdueMilestones: sum('overdue') },
      rows,
      lateReports: late.map((x) => ({ projectId: Number(x.project_id), title: x.title, org: { id: Number(x.org_id), name: x.org_name, type: x.org_type }, period: x.period, dueOn: x.due_on, assignmentId: Number(x.assignment_id) })),
      overdueMilestones: overdue.map((x) => ({ projectId: Number(x.project_id), title: x.title, org: { id: Number(x.org_id), name: x.org_name, type: x.org_type }, milestone: x.milestone, dueOn: x.due_on })),
    };
  }

  async function matrix(actor: Actor, q: ProjectMatrixQuery): Promise<ProjectMatrix> {
    requireAction(actor, 'project:read');
    const root = await rootOf(actor, q.orgId);
    const year = q.year ?? Number(today().slice(0, 4));
    const counts = new Map((await repo.matrix(db, root.path, year, q.assistance)).map((x) => [`${x.aim}/${x.class}`, x.n]));
    const cells = PROJECT_AIMS.flatMap((aim) => PROJECT_CLASSES.map((cls) => ({ aim, class: cls, count: counts.get(`${aim}/${cls}`) ?? 0 })));
    return { year, cells, total: cells.reduce((s, c) => s + c.count, 0) };
  }

  async function settings(actor: Actor) {
    requireAction(actor, 'project:read');
    return { reportDay: await reportDay(db, actor.scope.countyId ?? 0) };
  }

  async function saveSettings(actor: Actor, input: { reportDay: number }) {
    requireAction(actor, 'project:configure');
    const countyId = actor.scope.countyId;
    if (!countyId) throw new AppError('forbidden');
    await db.transaction(async (tx) => {
      await repo.saveReportDay(tx, countyId, input.reportDay);
      await appendAudit(tx, { countyId, accountId: actor.accountId, username: actor.username, action: 'project.settings', objectType: 'project', objectId: countyId, summary: { reportDay: input.reportDay }, result: 'success', ip: actor.ip });
    });
    return { reportDay: input.reportDay };
  }

  /** 工作台: the unit's milestones due within 7 days or overdue (report requests show as the dispatch engine's own items). */
  async function todayItems(q: Queryable, actor: Actor, t: string): Promise<TodaySourceRow[]> {
    const rows = await repo.milestonesDueFor(q, actor.scope, t, addDays(t, 7));
    return rows.map((r) => ({ kind: 'milestone_due', id: Number(r.project_id), title: `${r.title}：${r.milestone}`, org: r.org_name, due: r.due_on, reason: r.overdue ? '节点已逾期' : null, at: r.opened_at }));
  }

  // ---- for assessment (年交账考核, through this front door)

  /** States in which a project has given its year-end account (年交账) and may be scored on it. */
  const ACCOUNTED = ['year_end', 'closed', 'carried_over'];

  /** A project in the caller's scope, as assessment scores it (undefined outside the scope). */
  async function assessmentSubject(actor: Actor, id: number) {
    requireAction(actor, 'project:read');
    const r = await repo.findProject(db, actor.scope, id, today());
    if (!r) return undefined;
    return {
      id: Number(r.id), title: r.title, year: r.year, status: r.status, accounted: ACCOUNTED.includes(r.status),
      appraisedByCommittee: r.year_source === 'committee', org: { id: Number(r.org_id), name: r.org_name, type: r.org_type, path: r.org_path },
    };
  }

  /**
   * The projects of a year under the caller's scope that have given their year-end account and may be
   * scored on it (not those the committee already appraised with a typed score: judged once).
   */
  async function assessmentSubjects(actor: Actor, year: number) {
    requireAction(actor, 'project:read');
    const t = today();
    const out: NonNullable<Awaited<ReturnType<typeof assessmentSubject>>>[] = [];
    for (let page = 1; page <= 50; page++) {
      const { ids } = await repo.listProjects(db, { year, rootPath: actor.scope.path, today: t }, page, 200);
      for (const r of await repo.rowsById(db, ids, t)) {
        if (ACCOUNTED.includes(r.status) && r.year_source !== 'committee') out.push({ id: Number(r.id), title: r.title, year: r.year, status: r.status, accounted: true, appraisedByCommittee: false, org: { id: Number(r.org_id), name: r.org_name, type: r.org_type, path: r.org_path } });
      }
      if (ids.length < 200) break;
    }
    return out.sort((a, b) => a.org.path.localeCompare(b.org.path) || a.id - b.id);
  }

  /**
   * The records behind a project's computed indicators up to `until` (the caller read the project in
   * scope first): milestones due and done by their date, monthly reports due and answered on time.
   */
  async function assessmentBasis(q: Queryable, id: number, until: string) {
    const [milestones, reports] = await Promise.all([repo.milestonesOnTime(q, id, until), repo.reportsOnTime(q, id, until)]);
    const basis = (rows: { id: number; on_time: boolean }[]) => ({ numerator: rows.filter((x) => x.on_time).length, denominator: rows.length, ids: rows.map((x) => Number(x.id)) });
    return { milestones: basis(milestones), reports: basis(reports) };
  }

  return { assessmentSubject, assessmentSubjects, assessmentBasis, list, detail, create, update, addMilestone, milestoneDone, claimRole, link, setExcellent, fire, attach, attachment, issueDueReports, board, boardAnswer, matrix, settings, saveSettings, todayItems, today };
}

export type ProjectService = ReturnType<typeof createProjectService>;
