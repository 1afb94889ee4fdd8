// 软弱涣散整顿: what the records say of each branch below (the signals), proposals, the county's
// list, the rectification plan and the ledger problems it runs through, acceptance and the
// branch's history. The records are read through the services of the modules that keep them
// (handed in from app.ts), never their tables; the problems are created through the ledger's.
import {
  can,
  PROBLEM_STATE_LABELS,
  WEAK_REASON_LABELS,
  WEAK_STATE_LABELS,
  WEAK_TRANSITION_LABELS,
  WEAK_TRANSITIONS,
  type FireWeakBody,
  type ListWeakOrgsQuery,
  type ProblemState,
  type ProposeWeakOrgBody,
  type WeakOrgDetail,
  type WeakOrgRow,
  type WeakPlanBody,
  type WeakProblemBody,
  type WeakSignalBoard,
  type WeakSignalRow,
  type WeakSignals,
  type WeakTransition,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import type { TodaySourceRow } from '../../core/today-sources.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { AppError, fieldError, validationError } from '../../core/errors.js';
import { todayInChina } from '../../core/calendar.js';
import { createCaseEngine, type CaseEngine } from '../../core/cases/case-engine.js';
import { availableTransitions } from '../../core/cases/workflow.js';
import { children as orgChildren, inScope as orgInScope, type OrgNode } from '../../core/org-tree.js';
import { recipientLoad } from '../../core/dispatch/load.repository.js';
import type { LedgerService } from '../ledger/index.js';
import type { RequestService } from '../citizens/index.js';
import type { PeopleService } from '../people/index.js';
import * as repo from './weakorgs.repository.js';
import { weakOrgWorkflow } from './weakorgs.workflow.js';
import './weakorgs.case.js';

/** The branches a proposal can name: Party branches of villages, communities and departments. */
const BRANCH_TYPES = new Set(['village', 'community', 'department']);
/** Below this share of satisfied ratings (with at least a few ratings) the satisfaction signal is raised. */
const SATISFACTION_FLOOR = 0.8;

/** What the weak-organization module reads of other modules' records, through their services. */
export type WeakSignalSources = {
  /** 问题台账: open and overdue problems of an org and of each child (its subtree). */
  problems(actor: Actor, orgId: number): Promise<{ node: { org: { id: number }; open: number; overdue: number }; children: { org: { id: number }; open: number; overdue: number }[] }>;
  /** 群众事项: ratings and satisfied ratings of an org and of each child (its subtree). */
  ratings(actor: Actor, orgId: number): Promise<{ node: { org: { id: number }; rated: number; satisfied: number }; children: { org: { id: number }; rated: number; satisfied: number }[] }>;
  /** 干部: the orgs under the org (itself included) with a secretary in post today. */
  orgsWithSecretary(actor: Actor, orgId: number): Promise<Set<number>>;
};

/** The signal sources from the services of the modules that keep the records (app.ts and the demo build them so). */
export function signalSourcesFrom(s: { ledger: Pick<LedgerService, 'stats'>; requests: Pick<RequestService, 'stats'>; people: Pick<PeopleService, 'cadres'> }): WeakSignalSources {
  return {
    problems: (actor, orgId) => s.ledger.stats(actor, orgId),
    ratings: (actor, orgId) => s.requests.stats(actor, { orgId }),
    orgsWithSecretary: async (actor, orgId) => {
      const held = new Set<number>();
      for (let page = 1; ; page++) {
        const p = await s.people.cadres(actor, { orgId, role: 'secretary', page, pageSize: 200 });
        for (const c of p.items) held.add(c.org.id);
        if (page * 200 >= p.total || p.items.length === 0) return held;
      }
    },
  };
}

export function createWeakOrgService(deps: { db: Db; ledger: LedgerService; sources: WeakSignalSources; engine?: CaseEngine; today?: () => string }) {
  const { db, ledger, sources } = deps;
  const engine = deps.engine ?? createCaseEngine({ db, today: deps.today });
  const today = deps.today ?? (() => todayInChina());

  const signalOf = (p: { open: number; overdue: number } | undefined, r: { rated: number; satisfied: number } | undefined, late: number, vacant: boolean): WeakSignals => ({
    overdueProblems: p?.overdue ?? 0,
    openProblems: p?.open ?? 0,
    lateReports: late,
    rated: r?.rated ?? 0,
    satisfied: r?.satisfied ?? 0,
    satisfactionRate: r && r.rated > 0 ? Math.round((r.satisfied / r.rated) * 1000) / 1000 : null,
    secretaryVacant: vacant,
  });
  const flagsOf = (s: WeakSignals) =>
    Number(s.overdueProblems > 0) + Number(s.lateReports > 0) + Number(s.satisfactionRate !== null && s.rated >= 3 && s.satisfactionRate < SATISFACTION_FLOOR) + Number(s.secretaryVacant);

  /** Late directive reports per org of the county (the dispatch engine's one load query). */
  async function lateReports(countyId: number): Promise<Map<number, number>> {
    const rows = await recipientLoad(db, countyId, ['township', 'station', 'village', 'community', 'department']);
    return new Map(rows.map((r) => [Number(r.org_id), r.assignments_late]));
  }

  async function signalsOfOrg(actor: Actor, org: OrgNode): Promise<WeakSignals> {
    const [p, r, late, staffed] = await Promise.all([
      sources.problems(actor, org.id), sources.ratings(actor, org.id), lateReports(org.county_id), sources.orgsWithSecretary(actor, org.id),
    ]);
    return signalOf(p.node, r.node, late.get(org.id) ?? 0, BRANCH_TYPES.has(org.type) && org.type !== 'department' && !staffed.has(org.id));
  }

  /** 研判: each org below the node with what its records say, the most signals first. */
  async function signals(actor: Actor, orgId?: number): Promise<WeakSignalBoard> {
    requireAction(actor, 'weakorg:read');
    const node = await orgInScope(db, actor.scope, orgId ?? actor.scope.orgId);
    if (!node) throw new AppError('not_found');
    // the rows: the node's children, a work station opened up into its villages (a station groups
    // villages; it is not a Party branch of its own); each parent's statistics give its children's
    const kids: { id: number; name: string; type: string; parent: number }[] = [];
    const parents = [node.id];
    for (const k of await orgChildren(db, node.id)) {
      if (k.type === 'grid') continue;
      if (k.type !== 'station') kids.push({ ...k, parent: node.id });
      else {
        parents.push(k.id);
        for (const v of await orgChildren(db, k.id)) if (v.type !== 'grid' && v.type !== 'station') kids.push({ ...v, parent: k.id });
      }
    }
    const [stats, late, staffed, open] = await Promise.all([
      Promise.all(parents.map(async (id) => ({ p: await sources.problems(actor, id), r: await sources.ratings(actor, id) }))),
      lateReports(node.county_id), sources.orgsWithSecretary(actor, node.id), repo.openByOrg(db, likePrefix(node.path)),
    ]);
    const problems = new Map(stats.flatMap((x) => x.p.children).map((x) => [x.org.id, x]));
    const ratings = new Map(stats.flatMap((x) => x.r.children).map((x) => [x.org.id, x]));
    const current = new Map(open.map((x) => [Number(x.org_id), { id: Number(x.id), status: x.status }]));
    const rows: WeakSignalRow[] = kids
      .map((k) => {
        const s = signalOf(problems.get(k.id), ratings.get(k.id), late.get(k.id) ?? 0, (k.type === 'village' || k.type === 'community') && !staffed.has(k.id));
        return { org: { id: k.id, name: k.name, type: k.type }, signals: s, flags: flagsOf(s), current: current.get(k.id) ?? null };
      });
    rows.sort((a, b) => b.flags - a.flags || b.signals.overdueProblems - a.signals.overdueProblems || a.org.id - b.org.id);
    return { node: { id: node.id, name: node.name, type: node.type }, children: rows };
  }

  function row(r: repo.WeakDbRow): WeakOrgRow {
    return {
      id: Number(r.id), version: r.version, org: { id: Number(r.org_id), name: r.org_name, type: r.org_type }, township: r.township,
      year: r.year, status: r.status, reasons: r.reasons, leader: r.leader, problems: r.problems, problemsClosed: r.problems_closed,
      openedOn: r.opened_on, closedOn: r.closed_on,
    };
  }

  async function list(actor: Actor, q: ListWeakOrgsQuery) {
    requireAction(actor, 'weakorg:read');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    let prefix = likePrefix(actor.scope.path);
    if (q.orgId) {
      const root = await orgInScope(db, actor.scope, q.orgId);
      if (!root) throw fieldError('orgId', '组织不存在或不在您的管辖范围内', 'No such organization in your scope');
      prefix = likePrefix(root.path);
    }
    const result = await repo.listWeak(db, prefix, { year: q.year, status: q.status, page, pageSize });
    return { page, pageSize, total: result.total, items: result.rows.map(row) };
  }

  async function detail(actor: Actor, id: number): Promise<WeakOrgDetail> {
    requireAction(actor, 'weakorg:read');
    const prefix = likePrefix(actor.scope.path);
    const r = await repo.findWeak(db, prefix, id);
    if (!r) throw new AppError('not_found');
    const org = (await orgInScope(db, actor.scope, Number(r.org_id)))!;
    const [problems, history, { events }, now] = await Promise.all([
      repo.rectificationOf(db, id), repo.historyOf(db, prefix, Number(r.org_id), id), engine.timeline(db, id), signalsOfOrg(actor, org),
    ]);
    const view = { id, countyId: Number(r.county_id), orgId: Number(r.org_id), orgPath: r.org_path, status: r.status, deadline: null, extra: undefined };
    return {
      ...row(r),
      note: r.note,
      plan: r.plan,
      signalsAtProposal: r.signals,
      signalsNow: now,
      rectification: problems.map((p) => ({
        id: Number(p.id), title: p.title, status: p.status, statusLabel: PROBLEM_STATE_LABELS[p.status as ProblemState]?.zh ?? p.status,
        deadline: p.deadline, closed: p.status === 'closed' || p.status === 'published',
      })),
      history: history.map((h) => ({ id: Number(h.id), year: h.year, status: h.status, openedOn: h.opened_on, closedOn: h.closed_on })),
      transitions: availableTransitions(weakOrgWorkflow, actor, view).map((t) => ({ name: t, label: WEAK_TRANSITION_LABELS[t].zh, needsReason: Boolean(weakOrgWorkflow.transitions[t].requires?.length) })),
      canPlan: r.status === 'listed' && mayPlan(actor, r.org_path),
      timeline: events.map((e) => ({
        at: new Date(e.at).toISOString(),
        actor: e.actor_name,
        label: e.transition && (WEAK_TRANSITIONS as readonly string[]).includes(e.transition)
          ? WEAK_TRANSITION_LABELS[e.transition as WeakTransition].zh
          : e.kind === 'open' ? '提出列入' : e.kind === 'edit' ? '整顿方案' : e.kind === 'comment' ? '整改问题' : e.kind,
        body: e.body,
      })),
    };
  }

  /** The township or county above the branch writes the plan and the rectification problems. */
  const mayPlan = (actor: Actor, orgPath: string) =>
    actor.roles.some((x) => x === 'township_admin' || x === 'county_admin') && orgPath.startsWith(actor.scope.path) && orgPath !== actor.scope.path;

  /** 提出列入: a township (or the county) names a branch below it, with the reasons and what its records say now. */
  async function propose(actor: Actor, input: ProposeWeakOrgBody): Promise<WeakOrgDetail> {
    requireAction(actor, 'weakorg:propose');
    const org = await orgInScope(db, actor.scope, input.orgId);
    if (!org || org.status !== 'active') throw fieldError('orgId', '组织不存在或不在您的管辖范围内', 'No such organization in your scope');
    if (!BRANCH_TYPES.has(org.type)) throw fieldError('orgId', '只能将村、社区或机关的党组织列入软弱涣散整顿', 'Only village, community or department branches');
    if (org.path === actor.scope.path) throw fieldError('orgId', '不能提出将本级组织列入整顿，须由上级党组织提出', 'The level above proposes');
    const year = Number(today().slice(0, 4));
    if (input.year > year || input.year < year - 1) throw fieldError('year', `整顿年度须为 ${year - 1} 或 ${year} 年`, `The year is ${year - 1} or ${year}`);
    const note = input.note?.trim() || null;
    if (input.reasons.includes('other') && !note) throw fieldError('note', '选择"其他"时请写明具体情形', 'Describe the situation');
    const signalsNow = await signalsOfOrg(actor, org);
    const id = await db.transaction(async (tx) => {
      await repo.lockOrg(tx, org.id);
      const open = await repo.openOf(tx, org.id);
      if (open) throw new AppError('conflict', { zh: `${org.name}已有未结束的整顿记录`, en: 'This branch already has an open rectification' }, { id: Number(open.id) });
      const c = await engine.open(tx, weakOrgWorkflow, actor, {
        countyId: org.county_id, orgId: org.id, orgPath: org.path, title: `${org.name} 软弱涣散整顿（${input.year}年）`, deadline: null,
        body: `${input.reasons.map((x) => WEAK_REASON_LABELS[x].zh).join('；')}${note ? `。${note}` : ''}`,
        data: { year: input.year, reasons: input.reasons, signals: signalsNow },
      }, repo.weakRow({ countyId: org.county_id, year: input.year, reasons: input.reasons, note, signals: signalsNow }));
      return c.id;
    });
    return detail(actor, id);
  }

  /** 整顿方案: who takes charge (包联领导) and the plan, while it is being rectified. */
  async function plan(actor: Actor, id: number, input: WeakPlanBody): Promise<WeakOrgDetail> {
    requireAction(actor, 'weakorg:propose');
    const leader = input.leader.trim();
    const text = input.plan.trim();
    if (!leader) throw fieldError('leader', '请填写包联领导', 'Name who takes charge');
    if (!text) throw fieldError('plan', '请填写整顿方案', 'Write the plan');
    await engine.edit('weak_org', actor, id, {
      action: 'plan',
      version: input.version,
      apply: async (tx, c) => {
        if (c.status !== 'listed') throw new AppError('conflict', { zh: `当前为「${WEAK_STATE_LABELS[c.status as keyof typeof WEAK_STATE_LABELS]?.zh ?? c.status}」，只有整顿中的记录可以修改整顿方案`, en: 'Only while being rectified' });
        if (!mayPlan(actor, c.org_path)) throw new AppError('forbidden', { zh: '整顿方案由上级党组织（乡镇党委或县委组织部）制定', en: 'The level above writes the plan' });
        await repo.savePlan(tx, id, leader, text);
        return { body: `包联领导：${leader}。${text}`, data: { leader }, summary: { leader } };
      },
    });
    return detail(actor, id);
  }

  /** 整改问题: a ledger problem at the branch, registered through the ledger and linked here in one step. */
  async function addProblem(actor: Actor, id: number, input: WeakProblemBody): Promise<number> {
    requireAction(actor, 'weakorg:propose');
    requireAction(actor, 'ledger:register');
    const r = await repo.findWeak(db, likePrefix(actor.scope.path), id);
    if (!r) throw new AppError('not_found');
    if (r.status !== 'listed') throw new AppError('conflict', { zh: '只有整顿中的记录可以添加整改问题', en: 'Only while being rectified' });
    if (!mayPlan(actor, r.org_path)) throw new AppError('forbidden', { zh: '整改问题由上级党组织（乡镇党委或县委组织部）列出', en: 'The level above lists the problems' });
    const s = await ledger.settings(Number(r.county_id));
    const source = s.sources.find((x) => x.code === 'superior_feedback' && x.active) ?? s.sources.find((x) => x.code === 'other' && x.active) ?? s.sources.find((x) => x.active);
    if (!source) throw new AppError('conflict', { zh: '本县问题台账没有可用的问题来源，请先在台账设置中启用', en: 'No active problem source in the ledger settings' });
    const registration = {
      orgId: Number(r.org_id), source: source.code, category: input.category, description: input.description,
      measures: input.measures, deadline: input.deadline, sourceRef: `软弱涣散整顿#${id}`,
    };
    // every read the registration needs happens before the transaction (PGlite has one connection)
    const checked = await ledger.checkRegistration(actor, registration);
    if (!checked.ok) throw validationError(checked.errors);
    let problemId = 0;
    await engine.edit('weak_org', actor, id, {
      action: 'add_problem',
      kind: 'comment',
      apply: async (tx, c) => {
        if (c.status !== 'listed') throw new AppError('conflict', { zh: '只有整顿中的记录可以添加整改问题', en: 'Only while being rectified' });
        problemId = await ledger.createChecked(tx, actor, registration, checked);
        await repo.linkProblem(tx, id, problemId, c.county_id);
        return { body: `列入整改问题：${checked.description}（期限 ${input.deadline}）`, data: { problemId }, summary: { problemId } };
      },
    });
    return problemId;
  }

  async function fire(actor: Actor, id: number, name: WeakTransition, input: FireWeakBody): Promise<void> {
    requireAction(actor, 'weakorg:propose');
    await engine.fire(weakOrgWorkflow, actor, id, name, { version: input.version, body: input.body?.trim() || null }, {
      loadExtra: async () => undefined,
      apply: async (tx, c) => {
        if (name !== 'apply') return;
        // acceptance is asked for once there is a plan and every rectification problem is closed
        const r = await repo.findWeak(tx, likePrefix(c.org_path), id);
        const counts = await repo.problemCounts(tx, id);
        const missing: string[] = [];
        if (!r?.plan) missing.push('尚未制定整顿方案');
        if (counts.n === 0) missing.push('尚未列出整改问题');
        else if (counts.closed < counts.n) missing.push(`还有 ${counts.n - counts.closed} 个整改问题未销号`);
        if (missing.length) throw validationError([{ field: 'transition', zh: `不能申请验收：${missing.join('；')}`, en: 'Not ready for acceptance' }]);
        return { problems: counts.n };
      },
    });
  }

  /** 工作台: what waits for the county's decision, and rectifications sent back to the levels in charge. */
  async function todayItems(q: Queryable, actor: Actor, _today: string): Promise<TodaySourceRow[]> {
    if (!can(actor.roles, 'weakorg:propose')) return [];
    return repo.forToday(q, likePrefix(actor.scope.path), actor.scope.path, actor.roles.includes('county_admin'));
  }

  return { signals, list, detail, propose, plan, addProblem, fire, todayItems, today };
}

export type WeakOrgService = ReturnType<typeof createWeakOrgService>;
