// 吹哨报到: a township or village escalates a request or a ledger problem to departments; each
// department reports in (报到), claims its part, records on-site handling and its result — or
// declines with a reason and a suggested owner, and the whistler re-routes. The whistle closes when
// every remaining part is done. Response times, whistles per township and department load are
// measured from the records.
import type { WhistlePartActionT, WhistleView } from '@lianxin/contract';
import type { Db } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError } from '../../core/errors.js';
import { appendEvent } from '../../core/cases/case-engine.js';
import { likePrefix } from '../../core/access.js';
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

  /** The board of whistles: blown in the scope, or addressed to departments in it. */
  async function list(actor: Actor) {
    requireAction(actor, 'citizen:read');
    const rows = await repo.listWhistles(db, actor.scope, 200);
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
      const state = p.status;
      const refuse = (zh: string) => new AppError('conflict', { zh, en: zh });
      let change: Parameters<typeof repo.updatePart>[3];
      let text: string;
      switch (input.action) {
        case 'report':
          if (state !== 'whistled') throw refuse('已经报到过了');
          change = { status: 'reported', reported: true };
          text = `${p.department_name}已报到`;
          break;
        case 'claim':
          if (state !== 'reported') throw refuse('请先报到');
          if (!input.part?.trim()) throw fieldError('part', '请写明本部门认领的事项', 'Say which part you take');
          change = { status: 'handling', part: input.part.trim() };
          text = `${p.department_name}认领：${input.part.trim()}`;
          break;
        case 'record':
          if (state !== 'handling') throw refuse('认领后才能记录现场处置');
          if (!input.onsiteRecord?.trim()) throw fieldError('onsiteRecord', '请填写现场处置情况', 'Describe the on-site handling');
          change = { onsite_record: input.onsiteRecord.trim(), judicial_transfer: input.judicialTransfer ?? false };
          text = `${p.department_name}现场处置：${input.onsiteRecord.trim()}`;
          break;
        case 'finish':
          if (state !== 'handling') throw refuse('认领后才能办结');
          if (!input.result?.trim()) throw fieldError('result', '请填写处置结果', 'Describe the result');
          change = { status: 'done', result: input.result.trim(), done: true, judicial_transfer: input.judicialTransfer ?? false };
          text = `${p.department_name}办结：${input.result.trim()}${input.judicialTransfer ? '（已移交公检法）' : ''}`;
          break;
        case 'decline': {
          if (!['whistled', 'reported'].includes(state)) throw refuse('认领后不能退回');
          const errors = [];
          if (!input.reason?.trim()) errors.push({ field: 'reason', zh: '请说明退回理由（如：不属于本部门职责）', en: 'Give the reason' });
          if (input.suggestedOrgId) {
            const [s] = await tx.query(`${BY_KEY}SELECT 1 FROM orgs WHERE id = $1 AND county_id = $2 AND status = 'active'`, [input.suggestedOrgId, p.county_id]);
            if (!s) errors.push({ field: 'suggestedOrgId', zh: '建议的责任单位不存在', en: 'No such suggested org' });
          }
          if (errors.length) throw validationError(errors);
          change = { status: 'declined', decline_reason: input.reason!.trim(), suggested_org_id: input.suggestedOrgId ?? null, reported: true };
          text = `${p.department_name}退回：${input.reason!.trim()}`;
          break;
        }
      }
      if (!(await repo.updatePart(tx, p.id, p.version, change))) throw new AppError('version_conflict');
      const [w] = await tx.query<{ source_case_id: number; county_id: number }>(`${BY_KEY}SELECT source_case_id, county_id FROM whistles WHERE id = $1 FOR UPDATE`, [p.whistle_id]);
      await appendEvent(tx, { id: w!.source_case_id, county_id: w!.county_id }, actor, { kind: 'comment', body: text, data: { whistleId: p.whistle_id, partId: p.id } });
      if (await repo.finishWhistleIfDone(tx, p.whistle_id)) {
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
      if (p.status !== 'declined') throw new AppError('conflict', { zh: '只有被退回的部分可以改派', en: 'Only a declined part is re-routed' });
      const depts = await repo.departments(tx, p.county_id, [departmentId]);
      if (!depts.length) throw fieldError('departmentId', '请选择本县的职能部门', 'Choose a department of the county');
      await repo.updatePart(tx, p.id, p.version, { status: 'rerouted' });
      await repo.insertParts(tx, p.whistle_id, p.county_id, [departmentId]);
      await appendEvent(tx, { id: w.source_case_id, county_id: w.county_id }, actor, { kind: 'comment', body: `改派${depts[0]!.name}报到`, data: { whistleId: w.id } });
      await appendAudit(tx, { countyId: p.county_id, accountId: actor.accountId, username: actor.username, action: 'whistle.reroute', objectType: 'whistle_part', objectId: p.id, summary: { toDepartment: departmentId }, result: 'success', ip: actor.ip });
      return w.id;
    });
    return detail(actor, whistleId);
  }

  async function load(actor: Actor) {
    requireAction(actor, 'citizen:read');
    const countyId = actor.scope.countyId ?? 0;
    const [departments, whistlers] = await Promise.all([repo.departmentLoad(db, countyId), repo.whistlesByWhistler(db, countyId)]);
    return {
      departments: departments.map((d) => ({ department: { id: d.department_id, name: d.name }, parts: d.parts, open: d.open, declined: d.declined, judicialTransfers: d.judicial, avgResponseMinutes: d.avg_response_minutes })),
      whistlers: whistlers.map((w) => ({ org: { id: w.org_id, name: w.name }, whistles: w.whistles })),
    };
  }

  /** The county's departments: whom a whistle can call, and whom a decline can suggest. */
  async function departments(actor: Actor) {
    requireAction(actor, 'citizen:read');
    return repo.countyDepartments(db, actor.scope.countyId ?? 0);
  }

  return { blow, detail, list, act, reroute, load, departments };
}

export type WhistleService = ReturnType<typeof createWhistleService>;
