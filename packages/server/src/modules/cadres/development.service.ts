// 发展党员: opening a person's development path and taking its steps on the case engine. Each
// step is dated and checked against the county's path (the national default unless the county
// configured its own): the minimum time since the previous step, the checkpoints the step
// confirms, the development target's training before admission. Admission and full membership
// write the person's one record (member status, join date, full date) in the same transaction.
import {
  DEVELOPMENT_STATE_LABELS,
  DEVELOPMENT_STATES,
  DEVELOPMENT_TRANSITION_LABELS,
  DEVELOPMENT_TRANSITIONS,
  DevelopmentPathConfig as DevelopmentPathConfigSchema,
  NATIONAL_DEVELOPMENT_PATH,
  type DevelopmentListQuery,
  type DevelopmentPath,
  type DevelopmentPathConfig,
  type DevelopmentRow,
  type DevelopmentState,
  type DevelopmentStepBody,
  type DevelopmentTransition,
  type OpenDevelopmentBody,
  type PutDevelopmentPathBody,
} from '@lianxin/contract';
import { Value } from '@sinclair/typebox/value';
import type { Db, Queryable } from '../../db/db.js';
import { can } from '@lianxin/contract';
import { requireAction, type Actor } from '../../core/access.js';
import { ageOn, todayInChina } from '../../core/calendar.js';
import { appendAudit } from '../../core/audit.js';
import type { TodaySourceRow } from '../../core/today-sources.js';
import { AppError, fieldError, validationError, type FieldError } from '../../core/errors.js';
import { createCaseEngine, type CaseEngine } from '../../core/cases/case-engine.js';
import { availableTransitions } from '../../core/cases/workflow.js';
import type { PeopleService } from '../people/index.js';
import * as repo from './cadres.repository.js';
import { developmentWorkflow } from './development.workflow.js';
import './development.case.js';

/** The date `months` months after `date` (YYYY-MM-DD); a day the month lacks falls back to its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const NEXT: Record<DevelopmentState, DevelopmentTransition | null> = {
  applicant: 'make_activist', activist: 'make_target', target: 'admit', probationary: 'make_full', full: null,
};

type Steps = { applied_on: string; activist_on: string | null; target_on: string | null; admitted_on: string | null };
/** The date the step counts its interval from: the previous step's. */
function previousDate(step: DevelopmentTransition, s: Steps): string {
  switch (step) {
    case 'make_activist': return s.applied_on;
    case 'make_target': return s.activist_on ?? s.applied_on;
    case 'admit': return s.target_on ?? s.applied_on;
    case 'make_full': return s.admitted_on ?? s.applied_on;
  }
}

export function createDevelopmentService(deps: {
  db: Db;
  people: Pick<PeopleService, 'personForDevelopment' | 'setMembership' | 'rootPathOf'>;
  engine?: CaseEngine;
  today?: () => string;
}) {
  const { db, people } = deps;
  const engine = deps.engine ?? createCaseEngine({ db, today: deps.today });
  const today = deps.today ?? (() => todayInChina());

  const NATIONAL_NAME = '全国发展党员工作细则（默认）';
  /** The rules a row follows: its edition's config, or the national default (also for a config that no longer reads). */
  const rulesOf = (cfg: unknown): DevelopmentPathConfig => (Value.Check(DevelopmentPathConfigSchema, cfg) ? cfg : NATIONAL_DEVELOPMENT_PATH);

  /** The county's path in force: its newest edition, or the national default. */
  async function currentPath(q: Queryable, countyId: number): Promise<{ name: string; edition: number | null; config: DevelopmentPathConfig }> {
    const own = await repo.currentEdition(q, countyId);
    if (own && Value.Check(DevelopmentPathConfigSchema, own.config)) return { name: own.name, edition: own.edition, config: own.config };
    return { name: NATIONAL_NAME, edition: null, config: NATIONAL_DEVELOPMENT_PATH };
  }

  /** The rules a person's path follows: the edition it was opened under (null: the national default). */
  async function rulesFor(q: Queryable, countyId: number, edition: number | null): Promise<DevelopmentPathConfig> {
    if (edition === null) return NATIONAL_DEVELOPMENT_PATH;
    return rulesOf((await repo.editionOf(q, countyId, edition))?.config);
  }

  const countyOf = (actor: Actor): number => {
    if (actor.scope.countyId === null) throw new AppError('not_found');
    return actor.scope.countyId;
  };

  async function path(actor: Actor): Promise<DevelopmentPath> {
    requireAction(actor, 'cadre:read');
    const county = countyOf(actor);
    const [current, { editions, national }] = await Promise.all([currentPath(db, county), repo.editionsOf(db, county)]);
    return {
      name: current.name,
      national: current.edition === null,
      edition: current.edition,
      config: current.config,
      editions: editions.map((e) => ({ edition: e.edition, name: e.name, savedAt: new Date(e.saved_at).toISOString(), inProgress: e.in_progress })),
      inProgressNational: national,
    };
  }

  /**
   * 县委组织部 sets the county's path: the four steps in the workflow's order, each once, with
   * non-negative intervals, a time limit not before the minimum interval, and distinct checkpoints.
   * A save is a new edition; people already on the way keep the edition they were opened under.
   */
  async function savePath(actor: Actor, input: PutDevelopmentPathBody): Promise<DevelopmentPath> {
    requireAction(actor, 'cadre:configure');
    const county = countyOf(actor);
    if (actor.scope.orgId !== county) throw new AppError('forbidden', { zh: '发展党员流程由县委组织部设置', en: 'The county sets the development path' });
    const errors: FieldError[] = [];
    const name = input.name.trim();
    if (!name) errors.push({ field: 'name', zh: '请填写流程名称', en: 'Name the path' });
    const order = DEVELOPMENT_TRANSITIONS;
    const label = (t: DevelopmentTransition) => DEVELOPMENT_TRANSITION_LABELS[t].zh;
    if (input.steps.length === 0) {
      errors.push({ field: 'steps', zh: '流程不能为空：须包含全部四个步骤', en: 'The path has no steps' });
    } else {
      const given = input.steps.map((x) => x.transition);
      const missing = order.filter((t) => !given.includes(t));
      const twice = order.filter((t) => given.filter((g) => g === t).length > 1);
      if (missing.length) errors.push({ field: 'steps', zh: `缺少步骤：${missing.map(label).join('、')}`, en: `Missing steps: ${missing.join(', ')}` });
      if (twice.length) errors.push({ field: 'steps', zh: `步骤重复：${twice.map(label).join('、')}`, en: `Repeated steps: ${twice.join(', ')}` });
      if (!missing.length && !twice.length && given.some((t, i) => t !== order[i])) {
        errors.push({ field: 'steps', zh: `步骤顺序须为：${order.map(label).join(' → ')}`, en: 'The steps go in the workflow\'s order' });
      }
    }
    input.steps.forEach((x, i) => {
      const at = `steps[${i}]`;
      const who = `「${label(x.transition)}」`;
      if (x.minMonths < 0) errors.push({ field: `${at}.minMonths`, zh: `${who}的最短间隔不能为负数`, en: 'The minimum interval is not negative' });
      if (x.dueMonths !== null && x.dueMonths < 0) errors.push({ field: `${at}.dueMonths`, zh: `${who}的办理时限不能为负数`, en: 'The time limit is not negative' });
      else if (x.dueMonths !== null && x.dueMonths < x.minMonths) {
        errors.push({ field: `${at}.dueMonths`, zh: `${who}的办理时限（${x.dueMonths}个月）不能短于最短间隔（${x.minMonths}个月）`, en: 'The time limit is not shorter than the minimum interval' });
      }
      const checks = x.checks.map((c) => c.trim());
      if (checks.some((c) => !c)) errors.push({ field: `${at}.checks`, zh: `${who}有空白的检查点`, en: 'A checkpoint is blank' });
      const dup = checks.filter((c, j) => c && checks.indexOf(c) !== j);
      if (dup.length) errors.push({ field: `${at}.checks`, zh: `${who}的检查点重复：${[...new Set(dup)].join('、')}`, en: 'Repeated checkpoints' });
    });
    if (errors.length) throw validationError(errors);
    const rule = (t: DevelopmentTransition) => {
      const x = input.steps.find((y) => y.transition === t)!;
      return { minMonths: x.minMonths, dueMonths: x.dueMonths, checks: x.checks.map((c) => c.trim()) };
    };
    const config: DevelopmentPathConfig = {
      minAge: input.minAge,
      trainingRequired: input.trainingRequired,
      warnDays: input.warnDays,
      steps: { make_activist: rule('make_activist'), make_target: rule('make_target'), admit: rule('admit'), make_full: rule('make_full') },
    };
    await db.transaction(async (tx) => {
      const current = await repo.currentEdition(tx, county);
      if ((current?.edition ?? 0) !== input.edition) throw new AppError('version_conflict');
      const edition = input.edition + 1;
      if (!(await repo.saveEdition(tx, { countyId: county, edition, name, config, accountId: actor.accountId }))) throw new AppError('version_conflict');
      const months = (t: DevelopmentTransition) => `${config.steps[t].minMonths}/${config.steps[t].dueMonths ?? '-'}`;
      await appendAudit(tx, {
        countyId: county, accountId: actor.accountId, username: actor.username, action: 'development_path.save', objectType: 'org', objectId: county,
        summary: { edition, name, minAge: config.minAge, trainingRequired: config.trainingRequired, warnDays: input.warnDays, months: order.map(months).join(' '), checks: order.map((t) => config.steps[t].checks.length).join(' ') },
        result: 'success', ip: actor.ip,
      });
    });
    return path(actor);
  }

  function present(actor: Actor, r: repo.DevelopmentDbRow): DevelopmentRow {
    const config = rulesOf(r.cfg);
    const status = r.status as DevelopmentState;
    const view = { id: r.id, countyId: r.county_id, orgId: r.org_id, orgPath: r.org_path, status, deadline: null, extra: undefined };
    const step = NEXT[status];
    const may = step && availableTransitions(developmentWorkflow, actor, view).includes(step);
    return {
      id: r.id,
      version: r.version,
      status,
      person: { id: r.person_id, name: r.person_name },
      org: { id: r.org_id, name: r.org_name, type: r.org_type },
      appliedOn: r.applied_on,
      activistOn: r.activist_on,
      targetOn: r.target_on,
      admittedOn: r.admitted_on,
      fullOn: r.full_on,
      trainingOn: r.training_on,
      pathEdition: r.path_edition,
      due: r.due_on,
      warning: r.warning,
      next: step && may
        ? {
          transition: step,
          label: DEVELOPMENT_TRANSITION_LABELS[step],
          earliest: addMonths(previousDate(step, r), config.steps[step].minMonths),
          checks: config.steps[step].checks,
          needsTraining: step === 'admit' && config.trainingRequired,
        }
        : null,
    };
  }

  /**
   * 工作台: people whose next step is past its time limit or within the path's warning days of it —
   * for the branch's own accounts (hold the meeting, take the step) and the nearest committee above
   * (approve, or press the branch). Overdue items are urgent by their date.
   */
  async function todayItems(q: Queryable, actor: Actor, t: string): Promise<TodaySourceRow[]> {
    if (actor.scope.countyId === null || !can(actor.roles, 'cadre:write')) return [];
    const rows = await repo.developmentsDue(q, actor.scope, NATIONAL_DEVELOPMENT_PATH, t);
    const committee = actor.roles.some((r) => r === 'township_admin' || r === 'county_admin');
    return rows.map((r) => {
      const status = r.status as DevelopmentState;
      const step = NEXT[status]!;
      const above = committee && r.org_path !== actor.scope.path;
      const late = r.warning === 'overdue' ? '已逾期：' : '';
      const what = DEVELOPMENT_TRANSITION_LABELS[step].zh;
      let title: string;
      if (step === 'make_full') title = above ? `${late}${r.person_name}预备期满，待审批转正` : `${late}${r.person_name}预备期满，请召开支部大会讨论转正，报上级党委审批`;
      else if (step === 'admit') title = above ? `${late}${r.person_name}（发展对象）应于 ${r.due_on} 前接收为预备党员，待审批` : `${late}${r.person_name}（发展对象）应于 ${r.due_on} 前召开支部大会讨论接收，报上级党委审批`;
      else title = above ? `${late}${r.person_name}（${DEVELOPMENT_STATE_LABELS[status].zh}）应于 ${r.due_on} 前「${what}」，请督促支部办理` : `${late}${r.person_name}（${DEVELOPMENT_STATE_LABELS[status].zh}）请于 ${r.due_on} 前「${what}」`;
      return { kind: 'development_due', id: r.id, title, org: r.org_name, due: r.due_on, reason: null, at: r.updated_at };
    });
  }

  async function list(actor: Actor, q: DevelopmentListQuery) {
    requireAction(actor, 'cadre:read');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const result = await repo.listDevelopments(db, actor.scope, NATIONAL_DEVELOPMENT_PATH, today(), {
      rootPath: await people.rootPathOf(actor, q.orgId), status: q.status, warning: q.warning, page, pageSize,
    });
    return { page, pageSize, total: result.total, items: result.rows.map((r) => present(actor, r)), warnings: { overdue: result.overdue, dueSoon: result.dueSoon } };
  }

  async function detail(actor: Actor, id: number): Promise<DevelopmentRow> {
    requireAction(actor, 'cadre:read');
    const row = await repo.findDevelopment(db, actor.scope, NATIONAL_DEVELOPMENT_PATH, today(), id);
    if (!row) throw new AppError('not_found');
    return present(actor, row);
  }

  /** 递交入党申请书: opens the person's path at the applicant stage. */
  async function open(actor: Actor, input: OpenDevelopmentBody): Promise<DevelopmentRow> {
    requireAction(actor, 'cadre:write');
    const id = await db.transaction(async (tx) => {
      const person = await people.personForDevelopment(tx, actor, input.personId);
      if (!person) throw fieldError('personId', '人员不存在或不在您的管辖范围内', 'No such person in your scope');
      // the person follows the county's path as it is today, for the whole way (a later edition does not apply)
      const { config, edition } = await currentPath(tx, person.countyId);
      const errors: FieldError[] = [];
      if (person.status !== 'active') errors.push({ field: 'personId', zh: '此人已不在册（离开或去世）', en: 'The person is no longer on the roster' });
      if (person.memberStatus) errors.push({ field: 'personId', zh: '此人已是党员，无需发展', en: 'Already a Party member' });
      if (person.orgType === 'station' || person.orgType === 'grid') errors.push({ field: 'personId', zh: '申请人须登记在党组织', en: 'The applicant belongs to a Party organization' });
      if (input.appliedOn > today()) errors.push({ field: 'appliedOn', zh: '申请日期不能晚于今天', en: 'The date is in the future' });
      if (!person.birthDate) errors.push({ field: 'personId', zh: '请先在人员信息中填写出生日期（核对入党年龄）', en: 'Enter the birth date first (the age is checked)' });
      else if ((ageOn(person.birthDate, input.appliedOn) ?? 0) < config.minAge) {
        errors.push({ field: 'appliedOn', zh: `申请入党须年满${config.minAge}周岁`, en: `Applicants are ${config.minAge} or older` });
      }
      if (errors.length) throw validationError(errors);
      if (await repo.developmentOf(tx, person.id)) throw new AppError('conflict', { zh: '此人已有入党申请记录', en: 'This person already has a development record' });
      const c = await engine.open(tx, developmentWorkflow, actor, {
        countyId: person.countyId, orgId: person.orgId, orgPath: person.orgPath, title: `${person.name} 入党申请`, deadline: null,
        data: { personId: person.id, appliedOn: input.appliedOn },
      }, repo.developmentRow({ countyId: person.countyId, personId: person.id, appliedOn: input.appliedOn, pathEdition: edition }));
      return c.id;
    });
    return detail(actor, id);
  }

  /**
   * Takes the next step: the engine checks order (409) and who may (403); this checks the date
   * against the previous step and the county's minimum interval, the checkpoints, and the
   * training (400, with the earliest allowed date) — all before anything is written.
   */
  async function step(actor: Actor, id: number, input: DevelopmentStepBody): Promise<DevelopmentRow> {
    requireAction(actor, 'cadre:write');
    const name = input.transition;
    // a step skipped ahead (admitting an applicant) is a bad request naming the step still due;
    // a step already taken is the engine's state conflict (409)
    const current = await repo.findDevelopment(db, actor.scope, NATIONAL_DEVELOPMENT_PATH, today(), id);
    if (!current) throw new AppError('not_found');
    const due = NEXT[current.status as DevelopmentState];
    const order = Object.values(NEXT);
    if (due && order.indexOf(name) > order.indexOf(due)) {
      throw fieldError('transition', `须先「${DEVELOPMENT_TRANSITION_LABELS[due].zh}」，不能跳过`, `First ${DEVELOPMENT_TRANSITION_LABELS[due].en}; steps are not skipped`);
    }
    await engine.fire(developmentWorkflow, actor, id, name, { version: input.version, body: input.body?.trim() || null, fields: { date: input.date } }, {
      loadExtra: async () => undefined,
      apply: async (tx, c) => {
        const s = await repo.stepsOf(tx, c.id);
        const config = await rulesFor(tx, s.county_id, s.path_edition);
        const rule = config.steps[name];
        const prev = previousDate(name, s);
        const earliest = addMonths(prev, rule.minMonths);
        const errors: FieldError[] = [];
        if (input.date > today()) errors.push({ field: 'date', zh: '日期不能晚于今天', en: 'The date is in the future' });
        else if (input.date < prev) errors.push({ field: 'date', zh: `日期不能早于上一步（${prev}）`, en: `The date precedes the previous step (${prev})` });
        else if (input.date < earliest) {
          errors.push({
            field: 'date',
            zh: `「${DEVELOPMENT_TRANSITION_LABELS[name].zh}」须在上一步（${prev}）满${rule.minMonths}个月后，最早 ${earliest}`,
            en: `At least ${rule.minMonths} months after the previous step (${prev}): ${earliest} at the earliest`,
          });
        }
        const ticked = new Set((input.checks ?? []).map((x) => x.trim()));
        const missing = rule.checks.filter((x) => !ticked.has(x));
        if (missing.length) errors.push({ field: 'checks', zh: `尚未完成：${missing.join('、')}`, en: `Not yet done: ${missing.join(', ')}` });
        let trainingOn: string | null = null;
        if (name === 'admit' && config.trainingRequired) {
          if (!input.trainingOn) errors.push({ field: 'trainingOn', zh: '发展对象须参加集中培训，请填写结业日期', en: 'The development target needs the concentrated training' });
          else if (input.trainingOn < prev || input.trainingOn > input.date) errors.push({ field: 'trainingOn', zh: '集中培训须在确定为发展对象之后、接收为预备党员之前', en: 'The training falls between becoming a target and admission' });
          else trainingOn = input.trainingOn;
        }
        if (errors.length) throw validationError(errors);
        await repo.recordStep(tx, c.id, name, input.date, rule.checks, trainingOn);
        const person = await people.personForDevelopment(tx, actor, s.person_id);
        if (!person) throw new AppError('not_found');
        // the one person record becomes a member: probationary with the join date, then full
        if (name === 'admit') await people.setMembership(tx, actor, person.id, c.county_id, { memberStatus: 'probationary', joinDate: input.date, fullDate: null });
        if (name === 'make_full') await people.setMembership(tx, actor, person.id, c.county_id, { memberStatus: 'formal', joinDate: s.admitted_on!, fullDate: input.date });
        return { date: input.date };
      },
    });
    return detail(actor, id);
  }

  return { path, savePath, list, detail, open, step, todayItems, states: DEVELOPMENT_STATES };
}

export type DevelopmentService = ReturnType<typeof createDevelopmentService>;
