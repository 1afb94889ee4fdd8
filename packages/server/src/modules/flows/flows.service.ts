// 小微权力: the county's flows (validated step lists, editioned), matters run step by step on the
// case engine against the edition they started on, 失职预警 (overdue steps rolled up the tree, on the
// home page of the levels above), the published results and duty lists of a unit's public page.
import {
  DEFAULT_MEETING_TYPES,
  FLOW_LEVEL_LABELS,
  MATTER_STATE_LABELS,
  MATTER_TRANSITION_LABELS,
  SAMPLE_DUTIES,
  DUTY_LIMITS,
  type CompleteStepBody,
  type DutyList,
  type DutyPost,
  type DutyTemplate,
  type FlowBody,
  type FlowCategory,
  type FlowDetail,
  type FlowLevel,
  type FlowStep,
  type FlowSummary,
  type ListMattersQuery,
  type MatterBoard,
  type MatterBoardQuery,
  type MatterDetail,
  type MatterPage,
  type MatterReasonBody,
  type MatterState,
  type MatterStepView,
  type MatterSummary,
  type MatterTransition,
  type OpenMatterBody,
  type OverdueList,
  type OverdueQuery,
  type PublicMatter,
  type Role,
  type SaveDutyListBody,
  type SaveDutyTemplateBody,
  type UpdateFlowBody,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError, type FieldError } from '../../core/errors.js';
import { plusDays, todayInChina } from '../../core/calendar.js';
import { createCaseEngine, type CaseEngine } from '../../core/cases/case-engine.js';
import { ancestors as ancestorsOf, byIds, inScope as orgInScope, type OrgNode } from '../../core/org-tree.js';
import type { PublicSection, PublicUnitRef } from '../../core/public-sections.js';
import type { TodaySourceRow } from '../../core/today-sources.js';
import type { RegisterSource } from '../../core/register-sources.js';
import { flowMatterWorkflow } from './flow-matter.workflow.js';
import * as repo from './flows.repository.js';
import './flow-matter.case.js';

/** A meeting record of organizational life, read through its module's front door (app.ts wires it). */
export type MeetingRef = { id: number; org: { id: number }; typeCode: string; typeName: string; heldOn: string; topic: string };
export type FlowsDeps = {
  db: Db;
  /** One meeting within the actor's scope (404 outside it): orglife's `meeting`. */
  meeting: (actor: Actor, id: number) => Promise<MeetingRef>;
  /** The meeting types of the actor's county: orglife's settings. */
  meetingTypes: (actor: Actor) => Promise<{ code: string; name: string }[]>;
  engine?: CaseEngine;
  today?: () => string;
};

const LEVEL_ROLE: Record<FlowLevel, Role> = { village: 'village_admin', station: 'station_admin', township: 'township_admin', county: 'county_admin' };
const UNIT_TYPES = ['village', 'community'];
const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const ref = (o: { id: number; name: string; type: string }) => ({ id: Number(o.id), name: o.name, type: o.type });
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const typeName = (code: string | null) => (code ? DEFAULT_MEETING_TYPES.find((t) => t.code === code)?.name ?? code : null);

/** Everything wrong with a step list, in the order a person reads it (empty: valid). */
export function stepProblems(steps: FlowStep[], meetingCodes: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (steps.length === 0) return [{ field: 'steps', zh: '流程至少要有一个步骤', en: 'A flow has at least one step' }];
  const keys = new Map<string, number>();
  const names = new Map<string, number>();
  steps.forEach((s, i) => {
    const n = i + 1;
    const f = (k: string) => `steps.${i}.${k}`;
    const label = s.name.trim() ? `第${n}步「${s.name.trim()}」` : `第${n}步`;
    if (!KEY.test(s.key)) errors.push({ field: f('key'), zh: `${label}的编号只能用小写字母开头，含小写字母、数字和下划线`, en: `Step ${n}: the key is lowercase letters, digits and _` });
    else if (keys.has(s.key)) {
      errors.push({ field: f('key'), zh: `${label}的编号「${s.key}」与第${keys.get(s.key)}步重复：步骤按顺序办理，不能重复或回到前面的步骤`, en: `Step ${n} repeats the key of step ${keys.get(s.key)}: steps run in order and never loop back` });
    } else keys.set(s.key, n);
    const name = s.name.trim();
    if (!name) errors.push({ field: f('name'), zh: `第${n}步未填写名称`, en: `Step ${n} has no name` });
    else if (names.has(name)) errors.push({ field: f('name'), zh: `${label}与第${names.get(name)}步重名`, en: `Step ${n} has the name of step ${names.get(name)}` });
    else names.set(name, n);
    if (!s.level || !s.body.trim()) errors.push({ field: f(!s.level ? 'level' : 'body'), zh: `${label}未指定办理层级和办理主体（谁来办）`, en: `Step ${n} names no actor` });
    if (!Number.isInteger(s.limitDays) || s.limitDays < 1) errors.push({ field: f('limitDays'), zh: `${label}的时限须为正整数（天）`, en: `Step ${n}: the time limit is a positive number of days` });
    const docs = new Set<string>();
    for (const d of s.documents) {
      const t = d.trim();
      if (!t) errors.push({ field: f('documents'), zh: `${label}的材料名称不能为空`, en: `Step ${n}: a document has no name` });
      else if (docs.has(t)) errors.push({ field: f('documents'), zh: `${label}的材料「${t}」重复`, en: `Step ${n}: the document ${t} is listed twice` });
      docs.add(t);
    }
    if (s.meetingType !== null && !meetingCodes.has(s.meetingType)) {
      errors.push({ field: f('meetingType'), zh: `${label}的会议类型「${s.meetingType}」不是本县的组织生活会议类型`, en: `Step ${n}: unknown meeting type` });
    }
  });
  return errors;
}

/** The step list as stored: names, bodies and documents trimmed. */
const cleanSteps = (steps: FlowStep[]): FlowStep[] =>
  steps.map((s) => ({ ...s, name: s.name.trim(), body: s.body.trim(), documents: s.documents.map((d) => d.trim()) }));

/** Whether the actor is the level a step names for the matter's unit (its role, and its scope covering the unit). */
export function actsAt(actor: Actor, step: Pick<FlowStep, 'level'>, orgPath: string): boolean {
  return !!step.level && actor.roles.includes(LEVEL_ROLE[step.level]) && orgPath.startsWith(actor.scope.path);
}

function dutyProblems(posts: DutyPost[], fixed: DutyPost[] | null): FieldError[] {
  const errors: FieldError[] = [];
  if (posts.length === 0) errors.push({ field: 'posts', zh: '至少要有一个岗位', en: 'At least one post' });
  const seen = new Set<string>();
  posts.forEach((p, i) => {
    const name = p.post.trim();
    if (!name) errors.push({ field: `posts.${i}.post`, zh: `第${i + 1}个岗位未填写名称`, en: `Post ${i + 1} has no name` });
    else if (seen.has(name)) errors.push({ field: `posts.${i}.post`, zh: `岗位「${name}」重复`, en: `The post ${name} is listed twice` });
    seen.add(name);
    if (p.items.filter((x) => x.trim()).length === 0) errors.push({ field: `posts.${i}.items`, zh: `岗位「${name || i + 1}」至少保留一项职责`, en: `The post keeps at least one duty` });
    if (p.items.some((x) => !x.trim())) errors.push({ field: `posts.${i}.items`, zh: `岗位「${name || i + 1}」有空白的职责事项`, en: 'A duty item is empty' });
    if (p.items.length > DUTY_LIMITS.maxItemsPerPost) errors.push({ field: `posts.${i}.items`, zh: `岗位「${name}」最多 ${DUTY_LIMITS.maxItemsPerPost} 项职责`, en: `At most ${DUTY_LIMITS.maxItemsPerPost} duties per post` });
  });
  if (fixed) {
    const mine = new Set(posts.map((p) => p.post.trim()));
    const theirs = new Set(fixed.map((p) => p.post));
    for (const p of fixed) if (!mine.has(p.post)) errors.push({ field: 'posts', zh: `不能删除县里规定的岗位「${p.post}」`, en: `The county's post ${p.post} stays` });
    for (const p of posts) if (p.post.trim() && !theirs.has(p.post.trim())) errors.push({ field: 'posts', zh: `不能增加岗位「${p.post.trim()}」：岗位由县委组织部统一设定`, en: 'Posts are set by the county' });
  }
  return errors;
}

export function createFlowsService(deps: FlowsDeps) {
  const { db } = deps;
  const engine = deps.engine ?? createCaseEngine({ db, today: deps.today });
  const today = deps.today ?? (() => todayInChina());

  function countyOf(actor: Actor): number {
    if (!actor.scope.countyId) throw new AppError('forbidden', { zh: '流程由各县自行制定，请以县级账号操作', en: 'Flows belong to a county' });
    return actor.scope.countyId;
  }

  async function meetingCodes(actor: Actor): Promise<Set<string>> {
    return new Set((await deps.meetingTypes(actor)).map((t) => t.code));
  }

  function audit(tx: Queryable, actor: Actor, countyId: number, action: string, objectType: string, objectId: number, summary: Record<string, unknown>) {
    return appendAudit(tx, { countyId, accountId: actor.accountId || null, username: actor.username, action, objectType, objectId, summary, result: 'success', ip: actor.ip });
  }

  // ---- flows ----

  function flowSummary(r: repo.FlowRow): FlowSummary {
    return {
      id: Number(r.id), name: r.name, category: r.category as FlowCategory, edition: r.current_edition, stepCount: r.steps.length,
      totalDays: r.steps.reduce((n, s) => n + s.limitDays, 0), running: r.running, version: r.version,
    };
  }

  async function flows(actor: Actor): Promise<FlowSummary[]> {
    requireAction(actor, 'flow:read');
    if (!actor.scope.countyId) return [];
    return (await repo.listFlows(db, actor.scope.countyId)).map(flowSummary);
  }

  async function flow(actor: Actor, id: number): Promise<FlowDetail> {
    requireAction(actor, 'flow:read');
    const r = actor.scope.countyId ? await repo.findFlow(db, actor.scope.countyId, id) : undefined;
    if (!r) throw new AppError('not_found');
    return { ...flowSummary(r), description: r.description, steps: r.steps, inUse: await repo.anyMatter(db, r.id) };
  }

  async function checkFlow(actor: Actor, body: FlowBody): Promise<FlowStep[]> {
    const errors: FieldError[] = [];
    if (!body.name.trim()) errors.push({ field: 'name', zh: '请填写流程名称', en: 'Name the flow' });
    errors.push(...stepProblems(body.steps, await meetingCodes(actor)));
    if (errors.length) throw validationError(errors);
    return cleanSteps(body.steps);
  }

  async function createFlow(actor: Actor, body: FlowBody): Promise<FlowDetail> {
    requireAction(actor, 'flow:configure');
    const countyId = countyOf(actor);
    const steps = await checkFlow(actor, body);
    const name = body.name.trim();
    const id = await db.transaction(async (tx) => {
      if (await repo.flowNamed(tx, countyId, name)) throw new AppError('conflict', { zh: `本县已有同名流程「${name}」`, en: 'A flow of that name exists' });
      const id = await repo.insertFlow(tx, { countyId, name, category: body.category, description: body.description.trim(), steps, by: actor.accountId || null });
      await audit(tx, actor, countyId, 'flow.create', 'flow', id, { name, steps: steps.length });
      return id;
    });
    return flow(actor, id);
  }

  /** Edits a flow: in place while no matter started on its edition, else as a new edition (running matters keep theirs). */
  async function updateFlow(actor: Actor, id: number, body: UpdateFlowBody): Promise<FlowDetail> {
    requireAction(actor, 'flow:configure');
    const countyId = countyOf(actor);
    const steps = await checkFlow(actor, body);
    const name = body.name.trim();
    await db.transaction(async (tx) => {
      const r = await repo.findFlow(tx, countyId, id, true);
      if (!r) throw new AppError('not_found');
      if (r.version !== body.version) throw new AppError('version_conflict');
      const other = await repo.flowNamed(tx, countyId, name);
      if (other && Number(other.id) !== Number(r.id)) throw new AppError('conflict', { zh: `本县已有同名流程「${name}」`, en: 'A flow of that name exists' });
      const newEdition = await repo.editionInUse(tx, r.id, r.current_edition);
      const edition = newEdition ? r.current_edition + 1 : r.current_edition;
      await repo.saveFlow(tx, { id: r.id, name, category: body.category, description: body.description.trim(), steps, edition, newEdition, by: actor.accountId || null });
      await audit(tx, actor, countyId, 'flow.update', 'flow', r.id, { edition, newEdition });
    });
    return flow(actor, id);
  }

  // ---- matters ----

  function summaryOf(m: repo.MatterDbRow, t: string): MatterSummary {
    const running = m.status === 'running';
    const step = running ? m.steps[m.current_step] : undefined;
    return {
      id: Number(m.id), version: m.version, title: m.title, org: { id: Number(m.org_id), name: m.org_name, type: m.org_type },
      flow: { id: Number(m.flow_id), name: m.flow_name, edition: m.edition, category: m.category as FlowCategory },
      status: m.status as MatterState, stepIndex: running ? m.current_step : m.status === 'done' ? m.step_count : m.current_step,
      stepCount: m.step_count, currentStep: step?.name ?? null, dueOn: running ? m.deadline : null,
      overdueDays: running && m.deadline && m.deadline < t ? daysBetween(m.deadline, t) : 0, openedOn: m.opened_on,
    };
  }

  async function unitOf(q: Queryable, actor: Actor, orgId: number | undefined): Promise<OrgNode> {
    const org = await orgInScope(q, actor.scope, orgId ?? actor.scope.orgId);
    if (!org) throw new AppError('not_found');
    return org;
  }

  async function matters(actor: Actor, query: ListMattersQuery): Promise<MatterPage> {
    requireAction(actor, 'flow:read');
    const root = await unitOf(db, actor, query.orgId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const t = today();
    const { rows, total } = await repo.listMatters(db, { like: likePrefix(root.path), status: query.status, overdueBefore: query.overdue ? t : undefined, page, pageSize });
    return { items: rows.map((r) => summaryOf(r, t)), total, page, pageSize };
  }

  async function matter(actor: Actor, id: number): Promise<MatterDetail> {
    requireAction(actor, 'flow:read');
    const m = await repo.findMatter(db, likePrefix(actor.scope.path), id);
    if (!m) throw new AppError('not_found');
    const t = today();
    const [rows, docs, { events }] = await Promise.all([repo.stepsOf(db, m.id), repo.documentsOf(db, m.id), engine.timeline(db, m.id)]);
    const steps: MatterStepView[] = m.steps.map((s, i) => {
      const r = rows.find((x) => x.idx === i);
      const state = r?.completed_on ? 'done' : m.status === 'running' && i === m.current_step ? 'current' : 'waiting';
      return {
        key: s.key, name: s.name, level: s.level!, body: s.body, limitDays: s.limitDays, public: s.public, meetingType: s.meetingType, meetingTypeName: typeName(s.meetingType),
        state, startedOn: r?.started_on ?? null, dueOn: r?.due_on ?? null, completedOn: r?.completed_on ?? null,
        overdueDays: state === 'current' && r?.due_on && r.due_on < t ? daysBetween(r.due_on, t) : state === 'done' && r?.due_on && r.completed_on! > r.due_on ? daysBetween(r.due_on, r.completed_on!) : 0,
        result: r?.result ?? null, actedBy: r?.actor_name ?? null,
        meeting: r?.meeting_id ? { id: Number(r.meeting_id), typeName: typeName(r.meeting_type) ?? '', heldOn: r.meeting_held_on!, topic: r.meeting_topic! } : null,
        documents: s.documents.map((name) => ({
          name, files: docs.filter((d) => d.step_idx === i && d.name === name).map((d) => ({ attachmentId: Number(d.attachment_id), fileName: d.file_name })),
        })),
      };
    });
    const running = m.status === 'running';
    const current = running ? m.steps[m.current_step] : undefined;
    const above = actor.roles.some((r) => r === 'township_admin' || r === 'county_admin');
    const timeline = events.map((e) => {
      const label = e.transition ? MATTER_TRANSITION_LABELS[e.transition as MatterTransition]?.zh ?? e.transition : null;
      const text = e.kind === 'open' ? `登记事项：${m.title}`
        : e.kind === 'transition' ? `${label}${typeof e.data.step === 'string' ? `「${e.data.step}」` : ''}${e.body ? `：${e.body}` : ''}`
        : e.kind === 'attachment' ? `上传材料：${e.body ?? ''}`
        : e.kind === 'escalation' ? '失职预警：步骤逾期未办，已提醒上一级'
        : e.body ?? '';
      return { at: e.at.toISOString(), actor: e.actor_display ?? e.actor_name, text };
    });
    return {
      ...summaryOf(m, t), summary: m.summary, amountYuan: m.amount_fen === null ? null : Number(m.amount_fen) / 100, steps,
      may: {
        complete: !!current && actsAt(actor, current, m.org_path),
        return: !!current && m.current_step > 0 && (actsAt(actor, current, m.org_path) || above),
        cancel: running && actor.roles.some((r) => ['village_admin', 'township_admin', 'county_admin'].includes(r)),
      },
      timeline,
    };
  }

  async function openMatter(actor: Actor, body: OpenMatterBody): Promise<MatterDetail> {
    requireAction(actor, 'flow:act');
    const t = today();
    const id = await db.transaction(async (tx) => {
      const org = await orgInScope(tx, actor.scope, body.orgId);
      if (!org) throw fieldError('orgId', '单位不存在或不在您的管辖范围内', 'No such unit in your scope');
      const errors: FieldError[] = [];
      if (!UNIT_TYPES.includes(org.type)) errors.push({ field: 'orgId', zh: '小微权力事项登记在村（社区）', en: 'Matters belong to a village or community' });
      const title = body.title.trim();
      if (title.length < 2) errors.push({ field: 'title', zh: '请填写事项名称（至少 2 个字）', en: 'Name the matter' });
      if (!body.summary.trim()) errors.push({ field: 'summary', zh: '请填写事项概要', en: 'Describe the matter' });
      const amount = body.amountYuan ?? null;
      if (amount !== null && !(Number.isFinite(amount) && amount >= 0)) errors.push({ field: 'amountYuan', zh: '金额不能为负数', en: 'The amount is not negative' });
      const f = await repo.findFlow(tx, org.county_id, body.flowId);
      if (!f) errors.push({ field: 'flowId', zh: '流程不存在（须是本县的流程）', en: 'No such flow in the county' });
      if (errors.length) throw validationError(errors);
      const steps = f!.steps;
      const c = await engine.open(tx, flowMatterWorkflow, actor, {
        countyId: org.county_id, orgId: org.id, orgPath: org.path, title, deadline: plusDays(t, steps[0]!.limitDays),
        data: { flowId: Number(f!.id), edition: f!.current_edition },
      }, repo.matterRow({ countyId: org.county_id, flowId: Number(f!.id), edition: f!.current_edition, summary: body.summary.trim(), amountFen: amount === null ? null : Math.round(amount * 100) }));
      await repo.insertSteps(tx, c.id, org.county_id, steps, t, plusDays(t, steps[0]!.limitDays));
      return Number(c.id);
    });
    return matter(actor, id);
  }

  /** The matter, running, with the step due now: 404 outside the scope, 409 when it is no longer running. */
  async function runningMatter(actor: Actor, id: number) {
    const m = await repo.findMatter(db, likePrefix(actor.scope.path), id);
    if (!m) throw new AppError('not_found');
    if (m.status !== 'running') {
      throw new AppError('conflict', { zh: `事项${MATTER_STATE_LABELS[m.status as MatterState]?.zh ?? ''}，不能再办理`, en: 'The matter is no longer running' });
    }
    return { m, step: m.steps[m.current_step]! };
  }

  function wrongLevel(step: FlowStep) {
    return new AppError('forbidden', {
      zh: `「${step.name}」由${FLOW_LEVEL_LABELS[step.level!].zh}（${step.body}）办理，您无权办理这一步`,
      en: `${step.name} is acted on by the ${FLOW_LEVEL_LABELS[step.level!].en}`,
    });
  }

  /**
   * Completes the step due now, checked against the edition before anything is written: the step
   * named is the one due (409 out of order), the actor is its level (403), the result is written,
   * its required documents are attached and its meeting is linked (400 naming what is missing).
   */
  async function completeStep(actor: Actor, id: number, body: CompleteStepBody): Promise<MatterDetail> {
    requireAction(actor, 'flow:act');
    const { m, step } = await runningMatter(actor, id);
    const named = m.steps.findIndex((s) => s.key === body.stepKey);
    if (named < 0) throw fieldError('stepKey', '流程中没有这个步骤', 'No such step in the flow');
    if (named > m.current_step) throw new AppError('conflict', { zh: `须先完成「${step.name}」，不能跳过`, en: `Complete ${step.name} first` });
    if (named < m.current_step) throw new AppError('conflict', { zh: `「${m.steps[named]!.name}」已经办理过，当前步骤是「${step.name}」`, en: 'That step is done' });
    if (!actsAt(actor, step, m.org_path)) throw wrongLevel(step);
    const errors: FieldError[] = [];
    const result = body.result.trim();
    if (!result) errors.push({ field: 'result', zh: '请填写办理结果', en: 'Write the result' });
    const have = new Set((await repo.documentsOf(db, m.id)).filter((d) => d.step_idx === m.current_step).map((d) => d.name));
    const missing = step.documents.filter((d) => !have.has(d));
    if (missing.length) errors.push({ field: 'documents', zh: `尚缺材料：${missing.join('、')}（请先上传）`, en: `Missing documents: ${missing.join(', ')}` });
    let meetingId: number | null = null;
    if (body.meetingId) {
      const mt = await deps.meeting(actor, body.meetingId).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'not_found') return null;
        throw e;
      });
      if (!mt) errors.push({ field: 'meetingId', zh: '会议记录不存在或不在您的管辖范围内', en: 'No such meeting in your scope' });
      else if (Number(mt.org.id) !== Number(m.org_id)) errors.push({ field: 'meetingId', zh: `须关联${m.org_name}自己的会议记录`, en: 'Link a meeting of the unit itself' });
      else if (step.meetingType && mt.typeCode !== step.meetingType) {
        errors.push({ field: 'meetingId', zh: `「${step.name}」须关联${typeName(step.meetingType)}的记录，所选会议是${mt.typeName}`, en: 'The meeting is of another type' });
      } else meetingId = Number(mt.id);
    } else if (step.meetingType) {
      errors.push({ field: 'meetingId', zh: `「${step.name}」须关联一次${typeName(step.meetingType)}的会议记录（先在组织生活中录入）`, en: 'Link the meeting that decided it' });
    }
    if (errors.length) throw validationError(errors);
    const last = m.current_step === m.step_count - 1;
    const t = today();
    const next = last ? null : m.steps[m.current_step + 1]!;
    await engine.fire(flowMatterWorkflow, actor, id, last ? 'finish' : 'complete_step', { version: body.version, body: result, fields: { stepKey: step.key } }, {
      loadExtra: async () => undefined,
      apply: async (tx, c) => {
        const now = await repo.matterByKey(tx, c.id);
        if (now.current_step !== m.current_step) throw new AppError('version_conflict');
        await repo.completeStep(tx, { caseId: c.id, idx: m.current_step, today: t, by: actor.accountId, actorName: actor.username, result, meetingId, nextDue: next ? plusDays(t, next.limitDays) : null });
        return { step: step.name, meetingId, public: step.public };
      },
    });
    return matter(actor, id);
  }

  async function returnStep(actor: Actor, id: number, body: MatterReasonBody): Promise<MatterDetail> {
    requireAction(actor, 'flow:act');
    const { m, step } = await runningMatter(actor, id);
    if (m.current_step === 0) throw new AppError('conflict', { zh: '第一步不能退回', en: 'The first step has nothing before it' });
    const above = actor.roles.some((r) => r === 'township_admin' || r === 'county_admin');
    if (!actsAt(actor, step, m.org_path) && !above) throw wrongLevel(step);
    const prev = m.steps[m.current_step - 1]!;
    const t = today();
    await engine.fire(flowMatterWorkflow, actor, id, 'return_step', { version: body.version, body: body.reason.trim() }, {
      loadExtra: async () => undefined,
      apply: async (tx, c) => {
        await repo.returnStep(tx, { caseId: c.id, idx: m.current_step, today: t, due: plusDays(t, prev.limitDays) });
        return { step: step.name, to: prev.name };
      },
    });
    return matter(actor, id);
  }

  async function cancelMatter(actor: Actor, id: number, body: MatterReasonBody): Promise<MatterDetail> {
    requireAction(actor, 'flow:act');
    await runningMatter(actor, id);
    await engine.fire(flowMatterWorkflow, actor, id, 'cancel', { version: body.version, body: body.reason.trim() }, {
      loadExtra: async () => undefined,
      apply: async (tx, c) => {
        await repo.clearDeadline(tx, c.id);
      },
    });
    return matter(actor, id);
  }

  /** A required document of the step due now, uploaded by the step's level. */
  async function attachDocument(actor: Actor, id: number, document: string, file: { fileName: string; mimeType: string; content: Buffer }): Promise<number> {
    requireAction(actor, 'flow:act');
    const { m, step } = await runningMatter(actor, id);
    const name = document.trim();
    if (!step.documents.includes(name)) {
      throw fieldError('document', step.documents.length ? `「${step.name}」须上传的材料是：${step.documents.join('、')}` : `「${step.name}」不需要上传材料`, 'Not a document of the step due now');
    }
    if (!actsAt(actor, step, m.org_path)) throw wrongLevel(step);
    const attachmentId = await engine.attach('flow_matter', actor, id, file, async (c, tx) => {
      const now = await repo.matterByKey(tx, c.id);
      return now.status === 'running' && now.current_step === m.current_step;
    });
    // the file is on the timeline; which document of which step it is, beside it
    await repo.addDocument(db, { attachmentId, caseId: m.id, countyId: m.county_id, stepIdx: m.current_step, name });
    return attachmentId;
  }

  function attachment(actor: Actor, id: number, attachmentId: number) {
    requireAction(actor, 'flow:read');
    return engine.attachment('flow_matter', actor, id, attachmentId);
  }

  // ---- 失职预警 and the roll-ups ----

  async function names(ids: number[], root: OrgNode) {
    const orgs = await byIds(db, ids.filter((x) => x > 0));
    const byId = new Map(orgs.map((o) => [Number(o.id), o]));
    return (child: number) => ref(child > 0 ? byId.get(Number(child)) ?? root : root);
  }

  async function board(actor: Actor, query: MatterBoardQuery): Promise<MatterBoard> {
    requireAction(actor, 'flow:read');
    const root = await unitOf(db, actor, query.orgId);
    const rows = await repo.boardByUnit(db, likePrefix(root.path), root.path, today());
    const name = await names(rows.map((r) => Number(r.child)), root);
    const sum = (k: 'running' | 'overdue' | 'done') => rows.reduce((n, r) => n + r[k], 0);
    return {
      org: ref(root), total: { running: sum('running'), overdue: sum('overdue'), done: sum('done') },
      rows: rows.map((r) => ({ org: name(Number(r.child)), running: r.running, overdue: r.overdue, done: r.done })).sort((a, b) => b.overdue - a.overdue || b.running - a.running),
    };
  }

  async function overdue(actor: Actor, query: OverdueQuery): Promise<OverdueList> {
    requireAction(actor, 'flow:read');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const t = today();
    // the own scope's path is known: its node, the list and the roll-up (child names joined) go in parallel —
    // one round trip's time instead of four in a row (the province's list, bench `flows-overdue-province`)
    const node = unitOf(db, actor, query.orgId);
    const path = query.orgId === undefined || query.orgId === actor.scope.orgId ? actor.scope.path : (await node).path;
    const like = likePrefix(path);
    const [root, rows, units] = await Promise.all([node, repo.overdue(db, like, t, page, pageSize), repo.overdueByUnit(db, like, path, t)]);
    const name = (u: { child: number; name: string | null; type: string | null }) => (Number(u.child) > 0 && u.name ? { id: Number(u.child), name: u.name, type: u.type! } : ref(root));
    return {
      org: ref(root), total: units.reduce((n, u) => n + u.n, 0),
      byUnit: units.map((u) => ({ org: name(u), overdue: u.n, worstDays: daysBetween(u.worst, t) })),
      items: rows.map((r) => ({
        id: Number(r.id), title: r.title, org: { id: Number(r.org_id), name: r.org_name, type: r.org_type }, flowName: r.flow_name,
        step: r.step.name, level: r.step.level!, dueOn: r.deadline, overdueDays: daysBetween(r.deadline, t),
      })),
      page, pageSize,
    };
  }

  /** 工作台: the steps this account's level acts on now, and 失职预警 of the units below it. */
  async function todayItems(q: Queryable, actor: Actor, t: string): Promise<TodaySourceRow[]> {
    const rows = await repo.runningForToday(q, likePrefix(actor.scope.path));
    const items: TodaySourceRow[] = [];
    for (const r of rows) {
      const late = r.deadline !== null && r.deadline < t;
      if (actsAt(actor, r.step, r.org_path)) {
        items.push({ kind: 'flow_step_due', id: Number(r.id), title: `${r.title}：${r.step.name}`, org: r.org_name, due: r.deadline, reason: late ? `已逾期 ${daysBetween(r.deadline!, t)} 天` : null, at: r.updated_at });
      } else if (late && r.org_path !== actor.scope.path && (actor.roles.includes('township_admin') || actor.roles.includes('county_admin') || actor.roles.includes('station_admin'))) {
        items.push({ kind: 'flow_dereliction', id: Number(r.id), title: `${r.title}：${r.step.name}`, org: r.org_name, due: r.deadline, reason: `逾期 ${daysBetween(r.deadline!, t)} 天未办（${r.step.body}）`, at: r.updated_at });
      }
    }
    return items;
  }

  // ---- the public page ----

  async function publicResults(q: Queryable, unit: PublicUnitRef): Promise<PublicSection | null> {
    if (!UNIT_TYPES.includes(unit.type)) return null;
    const rows = await repo.publicResults(q, unit.id, 12);
    return {
      key: 'flow_results', title: '四议两公开 · 决议和结果公开',
      items: rows.map((r) => ({ title: `${r.title} · ${r.steps[r.idx]?.name ?? ''}`, detail: r.result, at: r.completed_on, href: `/public/flow-matters/${r.case_id}` })),
      more: null,
    };
  }

  /**
   * A matter's public page (no login): shown once one of its public steps (决议公开, 实施结果公开) is done —
   * before that, and for a cancelled matter, it is not found. Every step's name, state and date; the
   * result and meeting only of the public steps; never who acted.
   */
  async function publicMatter(id: number): Promise<PublicMatter> {
    const notFound = new AppError('not_found', { zh: '没有找到这项公开的事项，可能尚未公开或已撤销', en: 'No such published matter' });
    const m = await repo.publicMatter(db, id);
    if (!m || m.org_status !== 'active' || !UNIT_TYPES.includes(m.org_type)) throw notFound;
    if (!m.stepRows.some((s) => s.is_public && s.completed_on)) throw notFound;
    const above = await ancestorsOf(db, m.org_path);
    return {
      id: Number(m.id), title: m.title, flowName: m.flow_name,
      unit: { id: Number(m.org_id), name: m.org_name, township: above.find((a) => a.type === 'township')?.name ?? null, county: above.find((a) => a.type === 'county')?.name ?? null },
      state: m.status as MatterState, stateLabel: MATTER_STATE_LABELS[m.status as MatterState]?.zh ?? m.status,
      summary: m.summary, amountYuan: m.amount_fen === null ? null : Number(m.amount_fen) / 100,
      steps: m.steps.map((s, i) => {
        const r = m.stepRows.find((x) => x.idx === i);
        const shown = !!r?.is_public && !!r.completed_on;
        return {
          name: s.name, public: s.public,
          state: r?.completed_on ? 'done' as const : m.status === 'running' && i === m.current_step ? 'current' as const : 'waiting' as const,
          completedOn: r?.completed_on ?? null,
          result: shown ? r!.result : null,
          meeting: shown && r!.meeting_held_on ? `${typeName(r!.meeting_type)}（${r!.meeting_held_on}）` : null,
        };
      }),
    };
  }

  async function templateOf(q: Queryable, countyId: number): Promise<{ posts: DutyPost[]; sample: boolean; version: number }> {
    const row = await repo.dutyTemplate(q, countyId);
    return row ? { posts: row.posts, sample: false, version: row.version } : { posts: SAMPLE_DUTIES, sample: true, version: 0 };
  }

  async function publicDuties(q: Queryable, unit: PublicUnitRef): Promise<PublicSection | null> {
    if (!UNIT_TYPES.includes(unit.type)) return null;
    const own = await repo.publicDutyList(q, unit.id);
    const posts = own?.posts ?? (await templateOf(q, unit.countyId)).posts;
    return {
      key: 'duty_list', title: '小微权力清单 · 岗位职责',
      items: posts.map((p) => ({ title: p.post, detail: p.items.map((x, i) => `${i + 1}. ${x}`).join('\n'), at: null, href: null })),
      more: null,
    };
  }

  // ---- duty lists ----

  async function dutyTemplate(actor: Actor): Promise<DutyTemplate> {
    requireAction(actor, 'flow:read');
    return templateOf(db, countyOf(actor));
  }

  async function saveDutyTemplate(actor: Actor, body: SaveDutyTemplateBody): Promise<DutyTemplate> {
    requireAction(actor, 'flow:configure');
    const countyId = countyOf(actor);
    const errors = dutyProblems(body.posts, null);
    if (errors.length) throw validationError(errors);
    const posts = body.posts.map((p) => ({ post: p.post.trim(), items: p.items.map((x) => x.trim()) }));
    await db.transaction(async (tx) => {
      if (!(await repo.saveDutyTemplate(tx, countyId, posts, body.version, actor.accountId || null))) throw new AppError('version_conflict');
      await audit(tx, actor, countyId, 'duty_template.update', 'duty_template', countyId, { posts: posts.length, items: posts.reduce((n, p) => n + p.items.length, 0) });
    });
    return dutyTemplate(actor);
  }

  async function dutyUnit(actor: Actor, orgId: number) {
    const org = await orgInScope(db, actor.scope, orgId);
    if (!org) throw new AppError('not_found');
    if (!UNIT_TYPES.includes(org.type)) throw fieldError('id', '岗位职责清单按村（社区）建立', 'Duty lists belong to villages and communities');
    return org;
  }

  async function dutyList(actor: Actor, orgId: number): Promise<DutyList> {
    requireAction(actor, 'flow:read');
    const org = await dutyUnit(actor, orgId);
    const own = await repo.dutyList(db, likePrefix(actor.scope.path), org.id);
    if (own) return { org: ref(org), posts: own.posts, own: true, version: own.version };
    return { org: ref(org), posts: (await templateOf(db, org.county_id)).posts, own: false, version: 0 };
  }

  /** A village's copy: reworded and added items, every post of the county template kept (in its order). */
  async function saveDutyList(actor: Actor, orgId: number, body: SaveDutyListBody): Promise<DutyList> {
    requireAction(actor, 'flow:act');
    const org = await dutyUnit(actor, orgId);
    const template = (await templateOf(db, org.county_id)).posts;
    const errors = dutyProblems(body.posts, template);
    if (errors.length) throw validationError(errors);
    const byPost = new Map(body.posts.map((p) => [p.post.trim(), p.items.map((x) => x.trim())]));
    const posts = template.map((p) => ({ post: p.post, items: byPost.get(p.post)! }));
    await db.transaction(async (tx) => {
      const saved = await repo.saveDutyList(tx, { orgId: org.id, countyId: org.county_id, orgPath: org.path, like: likePrefix(actor.scope.path) }, posts, body.version, actor.accountId || null);
      if (!saved) throw new AppError('version_conflict');
      await audit(tx, actor, org.county_id, 'duty_list.update', 'duty_list', org.id, { items: posts.reduce((n, p) => n + p.items.length, 0) });
    });
    return dutyList(actor, orgId);
  }

  // ---- the registers ----

  /** 民主决策记录簿 filled from the unit's matters: one row per step taken (四议两公开's 提议, 商议, 审议, 决议, 公开), with its meeting. */
  const decisionSource: RegisterSource = {
    code: 'decisions',
    label: '民主决策（小微权力事项）',
    columns: [
      { key: 'date', label: '日期' }, { key: 'matter', label: '决策事项' }, { key: 'flow', label: '运行流程' }, { key: 'step', label: '环节（四议两公开）' },
      { key: 'result', label: '结果' }, { key: 'meeting', label: '会议' }, { key: 'actor', label: '经办人' },
    ],
    read: async (actor, unit, year) => {
      requireAction(actor, 'flow:read');
      const rows = await repo.decisionBook(db, likePrefix(actor.scope.path), unit.id, year);
      return rows.map((r) => ({
        date: r.completed_on,
        matter: r.status === 'cancelled' ? `${r.title}（已撤销）` : r.title,
        flow: r.flow_name,
        step: r.steps[r.idx]?.name ?? `第${r.idx + 1}步`,
        result: r.result ?? '',
        meeting: r.meeting_held_on ? `${r.meeting_held_on} ${r.meeting_topic ?? ''}`.trim() : '',
        actor: r.actor_name ?? '',
      }));
    },
  };

  return {
    flows, flow, createFlow, updateFlow, matters, matter, openMatter, completeStep, returnStep, cancelMatter, attachDocument, attachment,
    board, overdue, todayItems, publicResults, publicDuties, dutyTemplate, saveDutyTemplate, dutyList, saveDutyList, today, decisionSource, publicMatter,
  };
}

export type FlowsService = ReturnType<typeof createFlowsService>;
