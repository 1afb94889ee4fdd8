// 吹哨报到: a township or village escalates a request or a ledger problem to departments; each
// department reports in (报到), claims its part, records on-site handling and its result — or
// declines with a reason and a suggested owner, and the whistler re-routes. The whistle closes when
// every remaining part is done. A kind of the dispatch engine: the engine's WHISTLE_KIND decides
// every move of a part and its refusal (module error codes such as `whistle_already_claimed`), and
// its one code path (core/dispatch/calls.ts) writes the call, its answers, the entry on the
// request's or problem's timeline and the audit records; department load and response times are
// the engine's one query. This service checks who is party to a whistle and says what each move
// changes of the kind's own columns.
import type { WhistleListQuery, WhistlePartActionT, WhistleView } from '@lianxin/contract';
import type { Db } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { AppError, fieldError, validationError } from '../../core/errors.js';
import { WHISTLE_KIND } from '../../core/dispatch/engine.js';
import { createCaseEngine } from '../../core/cases/case-engine.js';
import * as dispatch from '../../core/dispatch/calls.js';
import { recipientLoad } from '../../core/dispatch/load.repository.js';
import * as repo from './citizens.repository.js';
import { pageOf, totalOf } from '../../core/paging.js';

export function createWhistleService(deps: { db: Db; calls?: dispatch.CallEngine }) {
  const { db } = deps;
  const calls = deps.calls ?? dispatch.createCallEngine({ cases: createCaseEngine({ db }) });

  function present(w: dispatch.CallRow, parts: dispatch.AnswerRow[]): WhistleView {
    return {
      id: w.id,
      status: w.status as WhistleView['status'],
      matter: w.body,
      whistler: { id: w.caller_org_id, name: w.caller_name, type: w.caller_type },
      sourceCaseId: w.source_case_id!,
      sourceType: w.source_type!,
      createdAt: w.created_at.toISOString(),
      doneAt: w.done_at?.toISOString() ?? null,
      parts: parts.filter((p) => p.call_id === w.id).map((p) => ({
        id: p.id,
        department: { id: p.org_id, name: p.org_name, type: p.org_type },
        status: p.state as WhistleView['parts'][number]['status'],
        part: p.part,
        reportedAt: p.answered_at?.toISOString() ?? null,
        responseMinutes: p.answered_at ? Math.round((p.answered_at.getTime() - p.created_at.getTime()) / 60_000) : null,
        onsiteRecord: p.onsite_record,
        result: p.result,
        declineReason: p.decline_reason,
        suggestedOrg: p.suggested_org_id ? { id: p.suggested_org_id, name: p.suggested_name ?? '', type: p.suggested_type ?? '' } : null,
        judicialTransfer: p.judicial_transfer,
        version: p.version,
      })),
    };
  }

  async function blow(actor: Actor, input: { sourceCaseId: number; matter: string; departmentIds: number[] }) {
    requireAction(actor, 'citizen:whistle');
    return db.transaction(async (tx) => {
      const source = await repo.lockWhistleSource(tx, actor.scope, input.sourceCaseId);
      if (!source) throw fieldError('sourceCaseId', '事项不存在或不在您的管辖范围内', 'No such request or problem in your scope');
      const depts = await repo.departments(tx, source.county_id, input.departmentIds);
      if (depts.length !== input.departmentIds.length) throw fieldError('departmentIds', '请选择本县的职能部门', 'Choose departments of the county');
      const whistler = await repo.whistlerOrg(tx, actor.scope.orgId);
      const matter = input.matter.trim();
      return calls.issue(tx, WHISTLE_KIND, actor, {
        countyId: source.county_id, caller: whistler!, body: matter, sourceCaseId: source.id, recipients: input.departmentIds,
        entry: { body: `吹哨：请${depts.map((d) => d.name).join('、')}报到。${matter}`, public: true },
        auditAction: 'blow', summary: { sourceCaseId: source.id, departments: input.departmentIds },
      });
    });
  }

  async function detail(actor: Actor, id: number) {
    requireAction(actor, 'citizen:read');
    const w = await dispatch.findCall(db, actor.scope, 'whistle', id);
    if (!w) throw new AppError('not_found');
    return present(w, await dispatch.answersOf(db, 'whistle', [w.id]));
  }

  /**
   * The board of whistles: blown in the scope, or addressed to departments in it; `awaiting`:
   * only those still waiting on a department in the scope (待本部门报到/办理).
   */
  async function list(actor: Actor, q: WhistleListQuery = {}) {
    requireAction(actor, 'citizen:read');
    const awaiting = q.awaiting ? WHISTLE_KIND.open : undefined;
    const p = pageOf(q);
    const filter = { awaiting, q: q.q, done: q.status === undefined ? undefined : q.status === 'done' };
    const rows = await dispatch.listCalls(db, actor.scope, 'whistle', p.limit, { ...filter, offset: p.offset });
    const total = await totalOf(rows, p.page, () => dispatch.listCalls(db, actor.scope, 'whistle', 1, filter));
    const parts = await dispatch.answersOf(db, 'whistle', rows.map((w) => w.id));
    return { items: rows.map((w) => present(w, parts)), total, page: p.page, pageSize: p.pageSize };
  }

  async function act(actor: Actor, partId: number, input: WhistlePartActionT) {
    requireAction(actor, 'citizen:answer');
    const whistleId = await db.transaction(async (tx) => {
      const p = await dispatch.lockAnswer(tx, 'whistle', partId);
      // a department answers only its own parts; others' parts do not exist for it
      if (!p || !p.org_path.startsWith(actor.scope.path)) throw new AppError('not_found');
      if (p.version !== input.version) throw new AppError('version_conflict');
      let change: dispatch.AnswerChange;
      let text: string;
      switch (input.action) {
        case 'report':
          change = { answered: true };
          text = `${p.org_name}已报到`;
          break;
        case 'claim':
          if (!input.part?.trim() && WHISTLE_KIND.actions.claim.from.includes(p.state as never)) throw fieldError('part', '请写明本部门认领的事项', 'Say which part you take');
          change = { part: input.part?.trim() };
          text = `${p.org_name}认领：${input.part?.trim() ?? ''}`;
          break;
        case 'record':
          if (!input.onsiteRecord?.trim() && WHISTLE_KIND.actions.record.from.includes(p.state as never)) throw fieldError('onsiteRecord', '请填写现场处置情况', 'Describe the on-site handling');
          change = { onsite_record: input.onsiteRecord?.trim(), judicial_transfer: input.judicialTransfer ?? false };
          text = `${p.org_name}现场处置：${input.onsiteRecord?.trim() ?? ''}`;
          break;
        case 'finish':
          if (!input.result?.trim() && WHISTLE_KIND.actions.finish.from.includes(p.state as never)) throw fieldError('result', '请填写处置结果', 'Describe the result');
          change = { result: input.result?.trim(), done: true, judicial_transfer: input.judicialTransfer ?? false };
          text = `${p.org_name}办结：${input.result?.trim() ?? ''}${input.judicialTransfer ? '（已移交公检法）' : ''}`;
          break;
        case 'decline': {
          if (WHISTLE_KIND.actions.decline.from.includes(p.state as never)) {
            const errors = [];
            if (!input.reason?.trim()) errors.push({ field: 'reason', zh: '请说明退回理由（如：不属于本部门职责）', en: 'Give the reason' });
            if (input.suggestedOrgId) {
              if (!(await repo.activeOrgOfCounty(tx, input.suggestedOrgId, p.county_id))) errors.push({ field: 'suggestedOrgId', zh: '建议的责任单位不存在', en: 'No such suggested org' });
            }
            if (errors.length) throw validationError(errors);
          }
          change = { decline_reason: input.reason?.trim(), suggested_org_id: input.suggestedOrgId ?? null, answered: true };
          text = `${p.org_name}退回：${input.reason?.trim() ?? ''}`;
          break;
        }
      }
      // the engine decides whether the department may do this now (its refusal if not), moves the
      // part, completes the whistle when every part in play is final, and records it
      return calls.move(tx, WHISTLE_KIND, actor, p, { action: input.action, side: 'recipient', change, entry: { body: text } });
    });
    return detail(actor, whistleId);
  }

  /** A part of a whistle blown in the actor's subtree, locked (others' parts do not exist for it). */
  async function callerPart(tx: Parameters<Parameters<Db['transaction']>[0]>[0], actor: Actor, partId: number) {
    const p = await dispatch.lockAnswer(tx, 'whistle', partId);
    if (!p) throw new AppError('not_found');
    const w = await dispatch.findCall(tx, actor.scope, 'whistle', p.call_id);
    if (!w || !w.caller_path.startsWith(actor.scope.path)) throw new AppError('not_found');
    return { p, w };
  }

  /** The whistler sends a declined part to another department. */
  async function reroute(actor: Actor, partId: number, departmentId: number) {
    requireAction(actor, 'citizen:whistle');
    const whistleId = await db.transaction(async (tx) => {
      const { p } = await callerPart(tx, actor, partId);
      const depts = await repo.departments(tx, p.county_id, [departmentId]);
      if (!depts.length && WHISTLE_KIND.actions.reroute.from.includes(p.state as never)) throw fieldError('departmentId', '请选择本县的职能部门', 'Choose a department of the county');
      return calls.move(tx, WHISTLE_KIND, actor, p, {
        action: 'reroute', side: 'caller', also: [departmentId], entry: { body: `改派${depts[0]?.name ?? ''}报到` }, summary: { toDepartment: departmentId },
      });
    });
    return detail(actor, whistleId);
  }

  /**
   * 移交公检法: the whistling org (as seed 001 has the township do) marks a department's part handed
   * over to the police, procuratorate or court — recorded on the request's timeline and audited.
   */
  async function judicialTransfer(actor: Actor, partId: number, input: { version: number; note?: string }) {
    requireAction(actor, 'citizen:whistle');
    const whistleId = await db.transaction(async (tx) => {
      const { p, w } = await callerPart(tx, actor, partId);
      if (w.caller_org_id !== actor.scope.orgId) throw new AppError('forbidden', { zh: '只能由吹哨单位移交公检法', en: 'Only the whistling org hands it over' });
      if (p.version !== input.version) throw new AppError('version_conflict');
      if (p.judicial_transfer && WHISTLE_KIND.actions.judicial.from.includes(p.state as never)) return w.id; // already marked: answers as the first time did
      const note = input.note?.trim();
      return calls.move(tx, WHISTLE_KIND, actor, p, {
        action: 'judicial', side: 'caller', version: input.version, change: { judicial_transfer: true }, entry: { body: `移交公检法（${p.org_name}）${note ? `：${note}` : ''}` },
      });
    });
    return detail(actor, whistleId);
  }

  /** What the whistle was blown for, read-only, for a department on it (or the whistler's side). */
  async function source(actor: Actor, whistleId: number) {
    requireAction(actor, 'citizen:read');
    const r = await repo.whistleSource(db, actor.scope, whistleId);
    if (!r) throw new AppError('not_found');
    return {
      whistleId,
      caseId: r.case_id,
      type: r.case_type,
      title: r.title,
      status: r.status,
      deadline: r.deadline,
      openedAt: r.opened_at.toISOString(),
      closedAt: r.closed_at?.toISOString() ?? null,
      org: { id: r.org_id, name: r.org_name, type: r.org_type },
      category: r.category,
      matter: r.case_type === 'request' ? r.matter : r.description,
      channel: r.channel,
      citizenName: r.citizen_name,
      phone: r.phone_mask,
      promisedDate: r.promised_date,
      measures: r.measures,
      responsiblePerson: r.responsible_person,
      timeline: r.events.map((e) => ({ at: new Date(e.at).toISOString(), actor: e.actor_name, body: e.body ?? '' })),
    };
  }

  async function load(actor: Actor) {
    requireAction(actor, 'citizen:read');
    const countyId = actor.scope.countyId ?? 0;
    // the dispatch engine's one query: whistle parts and directive assignments of each department —
    // county-wide, as a department answers the whole county; the whistlers only within the scope
    const [departments, whistlers] = await Promise.all([recipientLoad(db, countyId, ['department']), dispatch.callsByCaller(db, actor.scope, 'whistle')]);
    return {
      departments: departments.map((d) => ({
        department: { id: d.org_id, name: d.name }, parts: d.parts, open: d.open, declined: d.declined, judicialTransfers: d.judicial, avgResponseMinutes: d.avg_response_minutes,
        assignments: d.assignments, assignmentsOpen: d.assignments_open, avgReportMinutes: d.avg_report_minutes,
      })),
      whistlers: whistlers.map((w) => ({ org: { id: w.org_id, name: w.name }, whistles: w.calls })),
    };
  }

  /** The county's departments: whom a whistle can call, and whom a decline can suggest. */
  async function departments(actor: Actor) {
    requireAction(actor, 'citizen:read');
    return repo.countyDepartments(db, actor.scope.countyId ?? 0);
  }

  return { blow, detail, list, act, reroute, judicialTransfer, source, load, departments };
}

export type WhistleService = ReturnType<typeof createWhistleService>;
