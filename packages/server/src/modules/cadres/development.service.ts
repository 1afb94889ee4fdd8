// 发展党员: opening a person's development path and taking its steps on the case engine. Each
// step is dated and checked against the county's path (the national default unless the county
// configured its own): the minimum time since the previous step, the checkpoints the step
// confirms, the development target's training before admission. Admission and full membership
// write the person's one record (member status, join date, full date) in the same transaction.
import {
  DEVELOPMENT_STATES,
  DEVELOPMENT_TRANSITION_LABELS,
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
} from '@lianxin/contract';
import { Value } from '@sinclair/typebox/value';
import type { Db, Queryable } from '../../db/db.js';
import { can } from '@lianxin/contract';
import { requireAction, type Actor } from '../../core/access.js';
import { ageOn, plusDays, todayInChina } from '../../core/calendar.js';
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

  async function pathFor(q: Queryable, countyId: number): Promise<DevelopmentPath> {
    const own = await repo.pathOf(q, countyId);
    if (own && Value.Check(DevelopmentPathConfigSchema, own.config)) return { name: own.name, national: false, config: own.config };
    return { name: '全国发展党员工作细则（默认）', national: true, config: NATIONAL_DEVELOPMENT_PATH };
  }

  async function path(actor: Actor): Promise<DevelopmentPath> {
    requireAction(actor, 'cadre:read');
    return pathFor(db, actor.scope.countyId ?? 0);
  }

  function present(actor: Actor, r: repo.DevelopmentDbRow, config: DevelopmentPathConfig): DevelopmentRow {
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
   * 工作台: probationary members whose year is up or ends within 30 days — the branch holds the
   * vote (支部大会讨论表决), the committee above approves; both see it until it is done.
   */
  async function todayItems(q: Queryable, actor: Actor, t: string): Promise<TodaySourceRow[]> {
    if (actor.scope.countyId === null || !can(actor.roles, 'cadre:write')) return [];
    const { config } = await pathFor(q, actor.scope.countyId);
    const months = config.steps.make_full.minMonths;
    const rows = await repo.probationsAdmittedBy(q, actor.scope, addMonths(plusDays(t, 30), -months));
    return rows.map((r) => {
      const view = { id: r.id, countyId: r.county_id, orgId: r.org_id, orgPath: r.org_path, status: r.status as DevelopmentState, deadline: null, extra: undefined };
      const approves = availableTransitions(developmentWorkflow, actor, view).includes('make_full') && r.org_path !== actor.scope.path;
      return {
        kind: 'development_due',
        id: r.id,
        title: approves ? `${r.person_name}预备期满，待审批转正` : `${r.person_name}预备期满，请召开支部大会讨论转正，报上级党委审批`,
        org: r.org_name,
        due: addMonths(r.admitted_on!, months),
        reason: null,
        at: r.updated_at,
      };
    });
  }

  async function list(actor: Actor, q: DevelopmentListQuery) {
    requireAction(actor, 'cadre:read');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const { config } = await pathFor(db, actor.scope.countyId ?? 0);
    const result = await repo.listDevelopments(db, actor.scope, await people.rootPathOf(actor, q.orgId), q.status, page, pageSize);
    return { page, pageSize, total: result.total, items: result.rows.map((r) => present(actor, r, config)) };
  }

  async function detail(actor: Actor, id: number): Promise<DevelopmentRow> {
    requireAction(actor, 'cadre:read');
    const row = await repo.findDevelopment(db, actor.scope, id);
    if (!row) throw new AppError('not_found');
    return present(actor, row, (await pathFor(db, row.county_id)).config);
  }

  /** 递交入党申请书: opens the person's path at the applicant stage. */
  async function open(actor: Actor, input: OpenDevelopmentBody): Promise<DevelopmentRow> {
    requireAction(actor, 'cadre:write');
    const id = await db.transaction(async (tx) => {
      const person = await people.personForDevelopment(tx, actor, input.personId);
      if (!person) throw fieldError('personId', '人员不存在或不在您的管辖范围内', 'No such person in your scope');
      const { config } = await pathFor(tx, person.countyId);
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
      }, repo.developmentRow({ countyId: person.countyId, personId: person.id, appliedOn: input.appliedOn }));
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
    const current = await repo.findDevelopment(db, actor.scope, id);
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
        const { config } = await pathFor(tx, c.county_id);
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

  return { path, list, detail, open, step, todayItems, states: DEVELOPMENT_STATES };
}

export type DevelopmentService = ReturnType<typeof createDevelopmentService>;
