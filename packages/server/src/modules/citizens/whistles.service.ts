// 吹哨报到: a township or village escalates a request or a ledger problem to departments; each
// department reports in (报到), claims its part, records on-site handling and its result — or
// declines with a reason and a suggested owner, and the whistler re-routes. The whistle closes when
// every remaining part is done. A kind of the dispatch engine (core/dispatch/engine.ts): the
// engine's WHISTLE_KIND decides every move of a part and its refusal (module error codes such as
// `whistle_already_claimed`); department load and response times are the engine's one query.
import type { WhistlePartActionT, WhistleView } from '@lianxin/contract';
import type { Db } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError } from '../../core/errors.js';
import { appendEvent } from '../../core/cases/case-engine.js';
import { likePrefix } from '../../core/access.js';
import { answer, isComplete, WHISTLE_KIND } from '../../core/dispatch/engine.js';
import { recipientLoad } from '../../core/dispatch/load.repository.js';
import * as repo from './citizens.repository.js';
import { inScope, BY_KEY } from '../../core/scope.js';

export function createWhistleService(deps: { db: Db }) {
  const { db } = deps;

  function present(w: repo.WhistleRow, parts: repo.PartRow[]): WhistleView {
    return {
      id: w.id,
      status: w.status,
      matter: w.matter,
      whistler: { id: w.whistler_org_id, name: w.whistler_name, type: w.whistler_type },
      sourceCaseId: w.source_case_id,
      sourceType: w.source_type,
      createdAt: w.created_at.toISOString(),
      doneAt: w.done_at?.toISOString() ?? null,
      parts: parts.filter((p) => p.whistle_id === w.id).map((p) => ({
        id: p.id,
        department: { id: p.department_id, name: p.department_name, type: p.department_type },
        status: p.status,
        part: p.part,
        reportedAt: p.reported_at?.toISOString() ?? null,
        responseMinutes: p.reported_at ? Math.round((p.reported_at.getTime() - p.created_at.getTime()) / 60_000) : null,
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
    requireAction(actor, 'whistle:blow');
    return db.transaction(async (tx) => {
      const [source] = await tx.query<{ id: number; county_id: number; case_type: string; org_path: string }>(
        `SELECT id, county_id, case_type, org_path FROM cases WHERE id = $1 AND ${inScope('org_path', 2)} AND case_type IN ('request','problem') FOR UPDATE`,
        [input.sourceCaseId, likePrefix(actor.scope.path)],
      );
      if (!source) throw fieldError('sourceCaseId', '事项不存在或不在您的管辖范围内', 'No such request or problem in your scope');
      const depts = await repo.departments(tx, source.county_id, input.departmentIds);
      if (depts.length !== input.departmentIds.length) throw fieldError('departmentIds', '请选择本县的职能部门', 'Choose departments of the county');
      const [whistler] = await tx.query<{ id: number; path: string }>(`${BY_KEY}SELECT id, path FROM orgs WHERE id = $1`, [actor.scope.orgId]);
      const id = await repo.insertWhistle(tx, { countyId: source.county_id, sourceCaseId: source.id, whistlerOrgId: whistler!.id, whistlerPath: whistler!.path, matter: input.matter.trim(), createdBy: actor.accountId });
      await repo.insertParts(tx, id, source.county_id, input.departmentIds);
      await appendEvent(tx, { id: source.id, county_id: source.county_id }, actor, { kind: 'comment', body: `吹哨：请${depts.map((d) => d.name).join('、')}报到。${input.matter.trim()}`, data: { whistleId: id, public: true } });
      await appendAudit(tx, { countyId: source.county_id, accountId: actor.accountId, username: actor.username, action: 'whistle.blow', objectType: 'whistle', objectId: id, summary: { sourceCaseId: source.id, departments: input.departmentIds }, result: 'success', ip: actor.ip });
      return id;
    });
  }

  async function detail(actor: Actor, id: number) {
    requireAction(actor, 'citizen:read');
    const w = await repo.findWhistle(db, actor.scope, id);
    if (!w) throw new AppError('not_found');
    return present(w, await repo.partsOf(db, [w.id]));
  }

  /**
   * The board of whistles: blown in the scope, or addressed to departments in it; `awaiting`:
   * only those still waiting on a department in the scope (待本部门报到/办理).
   */
  async function list(actor: Actor, awaiting = false) {
    requireAction(actor, 'citizen:read');
    const rows = await repo.listWhistles(db, actor.scope, 200, undefined, awaiting);
    const parts = await repo.partsOf(db, rows.map((w) => w.id));
    return rows.map((w) => present(w, parts));
  }

  async function act(actor: Actor, partId: number, input: WhistlePartActionT) {
    requireAction(actor, 'whistle:answer');
    const whistleId = await db.transaction(async (tx) => {
      const p = await repo.findPart(tx, partId);
      // a department answers only its own parts; others' parts do not exist for it
      if (!p || !p.department_path.startsWith(actor.scope.path)) throw new AppError('not_found');
      if (p.version !== input.version) throw new AppError('version_conflict');
      // the engine decides whether the department may do this now, and its refusal if not
      const next = answer(WHISTLE_KIND, p.status, input.action, 'recipient');
      let change: Parameters<typeof repo.updatePart>[3];
      let text: string;
      switch (input.action) {
        case 'report':
          change = { status: next, reported: true };
          text = `${p.department_name}已报到`;
          break;
        case 'claim':
          if (!input.part?.trim()) throw fieldError('part', '请写明本部门认领的事项', 'Say which part you take');
          change = { status: next, part: input.part.trim() };
          text = `${p.department_name}认领：${input.part.trim()}`;
          break;
        case 'record':
          if (!input.onsiteRecord?.trim()) throw fieldError('onsiteRecord', '请填写现场处置情况', 'Describe the on-site handling');
          change = { onsite_record: input.onsiteRecord.trim(), judicial_transfer: input.judicialTransfer ?? false };
          text = `${p.department_name}现场处置：${input.onsiteRecord.trim()}`;
          break;
        case 'finish':
          if (!input.result?.trim()) throw fieldError('result', '请填写处置结果', 'Describe the result');
          change = { status: next, result: input.result.trim(), done: true, judicial_transfer: input.judicialTransfer ?? false };
          text = `${p.department_name}办结：${input.result.trim()}${input.judicialTransfer ? '（已移交公检法）' : ''}`;
          break;
        case 'decline': {
          const errors = [];
          if (!input.reason?.trim()) errors.push({ field: 'reason', zh: '请说明退回理由（如：不属于本部门职责）', en: 'Give the reason' });
          if (input.suggestedOrgId) {
            const [s] = await tx.query(`${BY_KEY}SELECT 1 FROM orgs WHERE id = $1 AND county_id = $2 AND status = 'active'`, [input.suggestedOrgId, p.county_id]);
            if (!s) errors.push({ field: 'suggestedOrgId', zh: '建议的责任单位不存在', en: 'No such suggested org' });
          }
          if (errors.length) throw validationError(errors);
          change = { status: next, decline_reason: input.reason!.trim(), suggested_org_id: input.suggestedOrgId ?? null, reported: true };
          text = `${p.department_name}退回：${input.reason!.trim()}`;
          break;
        }
      }
      if (!(await repo.updatePart(tx, p.id, p.version, change))) throw new AppError('version_conflict');
      const [w] = await tx.query<{ source_case_id: number; county_id: number }>(`${BY_KEY}SELECT source_case_id, county_id FROM whistles WHERE id = $1 FOR UPDATE`, [p.whistle_id]);
      await appendEvent(tx, { id: w!.source_case_id, county_id: w!.county_id }, actor, { kind: 'comment', body: text, data: { whistleId: p.whistle_id, partId: p.id } });
      // complete when the engine says so: every part in play final, one done (the whistle row is locked above)
      if (isComplete(WHISTLE_KIND, await repo.partStates(tx, p.whistle_id)) && (await repo.markWhistleDone(tx, p.whistle_id))) {
        await appendEvent(tx, { id: w!.source_case_id, county_id: w!.county_id }, null, { kind: 'comment', body: '吹哨事项各部门均已办结', data: { whistleId: p.whistle_id, public: true } });
      }
      await appendAudit(tx, { countyId: p.county_id, accountId: actor.accountId, username: actor.username, action: `whistle.${input.action}`, objectType: 'whistle_part', objectId: p.id, summary: { whistleId: p.whistle_id }, result: 'success', ip: actor.ip });
      return p.whistle_id;
    });
    return detail(actor, whistleId);
  }

  /** The whistler sends a declined part to another department. */
  async function reroute(actor: Actor, partId: number, departmentId: number) {
    requireAction(actor, 'whistle:blow');
    const whistleId = await db.transaction(async (tx) => {
      const p = await repo.findPart(tx, partId);
      if (!p) throw new AppError('not_found');
      const w = await repo.findWhistle(tx, actor.scope, p.whistle_id, true);
      if (!w || !w.whistler_path.startsWith(actor.scope.path)) throw new AppError('not_found');
      const next = answer(WHISTLE_KIND, p.status, 'reroute', 'caller');
      const depts = await repo.departments(tx, p.county_id, [departmentId]);
      if (!depts.length) throw fieldError('departmentId', '请选择本县的职能部门', 'Choose a department of the county');
      await repo.updatePart(tx, p.id, p.version, { status: next });
      await repo.insertParts(tx, p.whistle_id, p.county_id, [departmentId]);
      await appendEvent(tx, { id: w.source_case_id, county_id: w.county_id }, actor, { kind: 'comment', body: `改派${depts[0]!.name}报到`, data: { whistleId: w.id } });
      await appendAudit(tx, { countyId: p.county_id, accountId: actor.accountId, username: actor.username, action: 'whistle.reroute', objectType: 'whistle_part', objectId: p.id, summary: { toDepartment: departmentId }, result: 'success', ip: actor.ip });
      return w.id;
    });
    return detail(actor, whistleId);
  }

  /**
   * 移交公检法: the whistling org (as seed 001 has the township do) marks a department's part handed
   * over to the police, procuratorate or court — recorded on the request's timeline and audited.
   */
  async function judicialTransfer(actor: Actor, partId: number, input: { version: number; note?: string }) {
    requireAction(actor, 'whistle:blow');
    const whistleId = await db.transaction(async (tx) => {
      const p = await repo.findPart(tx, partId);
      if (!p) throw new AppError('not_found');
      const w = await repo.findWhistle(tx, actor.scope, p.whistle_id, true);
      if (!w || !w.whistler_path.startsWith(actor.scope.path)) throw new AppError('not_found');
      if (w.whistler_org_id !== actor.scope.orgId) throw new AppError('forbidden', { zh: '只能由吹哨单位移交公检法', en: 'Only the whistling org hands it over' });
      if (p.version !== input.version) throw new AppError('version_conflict');
      answer(WHISTLE_KIND, p.status, 'judicial', 'caller');
      if (p.judicial_transfer) return w.id; // already marked: answers as the first time did
      if (!(await repo.updatePart(tx, p.id, p.version, { judicial_transfer: true }))) throw new AppError('version_conflict');
      const note = input.note?.trim();
      await appendEvent(tx, { id: w.source_case_id, county_id: w.county_id }, actor, {
        kind: 'comment', body: `移交公检法（${p.department_name}）${note ? `：${note}` : ''}`, data: { whistleId: w.id, partId: p.id },
      });
      await appendAudit(tx, { countyId: p.county_id, accountId: actor.accountId, username: actor.username, action: 'whistle.judicial', objectType: 'whistle_part', objectId: p.id, summary: { whistleId: w.id }, result: 'success', ip: actor.ip });
      return w.id;
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
    // the dispatch engine's one query: whistle parts and directive assignments of each department
    const [departments, whistlers] = await Promise.all([recipientLoad(db, countyId, ['department']), repo.whistlesByWhistler(db, countyId)]);
    return {
      departments: departments.map((d) => ({
        department: { id: d.org_id, name: d.name }, parts: d.parts, open: d.open, declined: d.declined, judicialTransfers: d.judicial, avgResponseMinutes: d.avg_response_minutes,
        assignments: d.assignments, assignmentsOpen: d.assignments_open, avgReportMinutes: d.avg_report_minutes,
      })),
      whistlers: whistlers.map((w) => ({ org: { id: w.org_id, name: w.name }, whistles: w.whistles })),
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
