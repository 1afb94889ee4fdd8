// 督查: inspections with findings (each becomes a ledger problem in one step, linked both ways),
// bulletins (通报) published to the orgs below the issuer, and accountability records (问责).
import { ACCOUNTABILITY_KINDS, type AccountabilityKindCounts, type CreateAccountabilityBody, type CreateInspectionBody, type InspectionView, type ListAccountabilityQuery, type ListBulletinsQuery, type ListInspectionsQuery, type ProblemSource } from '@lianxin/contract';
import type { Db } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError } from '../../core/errors.js';
import type { LedgerService } from '../ledger/index.js';
import { byIds as orgsByIds } from '../../core/org-tree.js';
import * as repo from './inspections.repository.js';
import { personInScope } from '../people/index.js';
import { BULLETIN_KIND } from '../../core/dispatch/engine.js';
import { callsReaching, createCallEngine, type CallEngine, type CallRow } from '../../core/dispatch/calls.js';
import { pageOf, totalOf } from '../../core/paging.js';
import { createCaseEngine } from '../../core/cases/case-engine.js';

/** A station's own inspection finds problems; the levels above give feedback from above. */
const SOURCE_OF: Record<string, ProblemSource> = {
  station_biweekly: 'station_inspection',
  unannounced: 'superior_feedback',
  quarterly_evaluation: 'superior_feedback',
  half_year_review: 'superior_feedback',
  annual_review: 'superior_feedback',
  other: 'other',
};

export function createInspectionService(deps: { db: Db; ledger: LedgerService; calls?: CallEngine }) {
  const { db, ledger } = deps;
  const calls = deps.calls ?? createCallEngine({ cases: createCaseEngine({ db }) });

  async function create(actor: Actor, input: CreateInspectionBody): Promise<number> {
    requireAction(actor, 'inspection:write');
    const [inspector] = await orgsByIds(db, [actor.scope.orgId]);
    if (!inspector) throw new AppError('not_found');
    const targets = await orgsByIds(db, input.targetOrgIds);
    const below = targets.filter((o) => o.status === 'active' && o.path.startsWith(inspector.path) && o.path !== inspector.path);
    if (below.length !== input.targetOrgIds.length) throw fieldError('targetOrgIds', '督查对象须是本单位以下的组织', 'Targets must be below the inspecting org');
    if (input.inspectedOn > ledger.today()) throw fieldError('inspectedOn', '督查日期不能晚于今天', 'The date is in the future');
    const findings = input.findings ?? [];
    const byId = new Map(below.map((o) => [o.id, o]));
    const bad = findings.findIndex((f) => !byId.has(f.targetOrgId));
    if (bad >= 0) throw validationError([{ field: `findings.${bad}.targetOrgId`, zh: '发现的问题须属于督查对象', en: 'A finding must concern one of the targets' }]);
    return db.transaction(async (tx) => {
      const id = await repo.insertInspection(tx, {
        countyId: inspector.county_id, orgId: inspector.id, orgPath: inspector.path, kind: input.kind, inspectedOn: input.inspectedOn,
        inspectors: input.inspectors.trim(), targetIds: below.map((o) => o.id), targetPaths: below.map((o) => o.path),
        summary: input.summary?.trim() || null, score: input.score ?? null, comment: input.comment?.trim() || null, createdBy: actor.accountId,
      });
      for (const f of findings) {
        const target = byId.get(f.targetOrgId)!;
        await repo.insertFinding(tx, { inspectionId: id, countyId: inspector.county_id, targetOrgId: target.id, targetPath: target.path, description: f.description.trim() });
      }
      await appendAudit(tx, { countyId: inspector.county_id, accountId: actor.accountId, username: actor.username, action: 'inspection.create', objectType: 'inspection', objectId: id, summary: { kind: input.kind, targets: below.length, findings: findings.length, score: input.score ?? null }, result: 'success', ip: actor.ip });
      return id;
    });
  }

  async function views(rows: repo.InspectionRow[]): Promise<InspectionView[]> {
    const findings = await repo.findingsOf(db, rows.map((r) => r.id));
    const targets = new Map((await orgsByIds(db, [...new Set(rows.flatMap((r) => r.target_org_ids))])).map((o) => [o.id, o]));
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as InspectionView['kind'],
      org: { id: r.org_id, name: r.org_name, type: r.org_type },
      inspectedOn: r.inspected_on,
      inspectors: r.inspectors,
      targets: r.target_org_ids.map((id) => ({ id, name: targets.get(id)?.name ?? '', type: targets.get(id)?.type ?? '' })),
      summary: r.summary,
      score: r.score === null ? null : Number(r.score),
      comment: r.comment,
      findings: findings.filter((f) => f.inspection_id === r.id).map((f) => ({ id: f.id, target: { id: f.target_org_id, name: f.target_name, type: f.target_type }, description: f.description, problemId: f.problem_case_id })),
    }));
  }

  async function list(actor: Actor, q: ListInspectionsQuery = {}) {
    requireAction(actor, 'inspection:read');
    const p = pageOf(q);
    const filter = { kind: q.kind, q: q.q };
    const rows = await repo.listInspections(db, actor.scope, filter, p);
    const total = await totalOf(rows, p.page, () => repo.listInspections(db, actor.scope, filter, { limit: 1, offset: 0 }));
    return { items: await views(rows), total, page: p.page, pageSize: p.pageSize };
  }

  async function detail(actor: Actor, id: number) {
    requireAction(actor, 'inspection:read');
    const row = await repo.findInspection(db, actor.scope, id);
    if (!row) throw new AppError('not_found');
    return (await views([row]))[0]!;
  }

  /**
   * One step, one transaction: the finding (locked, so a second click waits and then finds it
   * linked) becomes a ledger problem at its org, each points to the other, and both are audited.
   */
  async function findingToProblem(actor: Actor, inspectionId: number, findingId: number, input: { category: string; deadline: string; measures?: string; responsiblePerson?: string }) {
    requireAction(actor, 'inspection:problem');
    const inspection = await repo.findInspection(db, actor.scope, inspectionId);
    if (!inspection) throw new AppError('not_found');
    const [finding] = (await repo.findingsOf(db, [inspectionId])).filter((f) => f.id === findingId);
    if (!finding) throw new AppError('not_found');
    const linked = (problemId: number) => new AppError('conflict', { zh: '该问题已列入问题台账', en: 'Already in the ledger' }, { problemId });
    if (finding.problem_case_id) throw linked(finding.problem_case_id);
    const registration = {
      orgId: finding.target_org_id,
      source: SOURCE_OF[inspection.kind] ?? 'other',
      category: input.category,
      description: finding.description,
      measures: input.measures,
      responsiblePerson: input.responsiblePerson,
      deadline: input.deadline,
      sourceRef: `督查#${inspection.id}（${inspection.inspected_on}）`,
    };
    // every read the registration needs happens before the transaction (PGlite has one connection)
    const checked = await ledger.checkRegistration(actor, registration);
    if (!checked.ok) throw validationError(checked.errors);
    return db.transaction(async (tx) => {
      const locked = await repo.findingForUpdate(tx, inspectionId, findingId);
      if (!locked) throw new AppError('not_found');
      if (locked.problem_case_id) throw linked(locked.problem_case_id);
      const problemId = await ledger.createChecked(tx, actor, registration, checked, { findingId });
      await repo.linkFinding(tx, findingId, problemId);
      await appendAudit(tx, { countyId: inspection.county_id, accountId: actor.accountId, username: actor.username, action: 'inspection.finding_to_problem', objectType: 'inspection_finding', objectId: findingId, summary: { inspectionId, problemId }, result: 'success', ip: actor.ip });
      return problemId;
    });
  }

  async function publishBulletin(actor: Actor, input: { title: string; content: string; inspectionId?: number }) {
    requireAction(actor, 'inspection:write');
    const [issuer] = await orgsByIds(db, [actor.scope.orgId]);
    if (!issuer) throw new AppError('not_found');
    if (input.inspectionId && !(await repo.findInspection(db, actor.scope, input.inspectionId))) {
      throw fieldError('inspectionId', '督查记录不存在或不在您的管辖范围内', 'No such inspection in your scope');
    }
    // a kind of the dispatch engine: issued to the issuer's whole subtree, read, not answered
    return db.transaction((tx) => calls.issue(tx, BULLETIN_KIND, actor, {
      countyId: issuer.county_id, caller: issuer, title: input.title.trim(), body: input.content, inspectionId: input.inspectionId ?? null,
      recipients: [], auditAction: 'publish', summary: { title: input.title },
    }));
  }

  const bulletinView = (b: CallRow) => ({ id: b.id, issuer: { id: b.caller_org_id, name: b.caller_name, type: b.caller_type }, title: b.title ?? '', content: b.body, inspectionId: b.inspection_id, publishedAt: b.created_at.toISOString() });

  /** Bulletins reaching the scope (sent from above or within it), newest first; or those of one inspection. */
  async function bulletins(actor: Actor, q: ListBulletinsQuery = {}) {
    requireAction(actor, 'inspection:read');
    const p = pageOf(q);
    const rows = await callsReaching(db, actor.scope, 'bulletin', p.limit, { inspectionId: q.inspectionId, q: q.q, offset: p.offset });
    const total = await totalOf(rows, p.page, () => callsReaching(db, actor.scope, 'bulletin', 1, { inspectionId: q.inspectionId, q: q.q }));
    return { items: rows.map(bulletinView), total, page: p.page, pageSize: p.pageSize };
  }

  /** One bulletin, scoped exactly like the list: outside it, not found. */
  async function bulletin(actor: Actor, id: number) {
    requireAction(actor, 'inspection:read');
    const [row] = await callsReaching(db, actor.scope, 'bulletin', 1, { id });
    if (!row) throw new AppError('not_found');
    return bulletinView(row);
  }

  async function recordAccountability(actor: Actor, input: CreateAccountabilityBody) {
    requireAction(actor, 'inspection:accountability');
    if (!input.targetOrgId && !input.targetPersonId) throw fieldError('targetOrgId', '请选择问责对象（组织或个人）', 'Choose an org or a person');
    let targetPath: string | undefined;
    if (input.targetOrgId) {
      const [org] = await orgsByIds(db, [input.targetOrgId]);
      if (!org || !org.path.startsWith(actor.scope.path) || org.id === actor.scope.orgId) throw fieldError('targetOrgId', '问责对象须是本单位以下的组织', 'The org must be below yours');
      targetPath = org.path;
    }
    if (input.targetPersonId) {
      const path = (await personInScope(db, actor.scope, input.targetPersonId))?.org_path;
      if (!path) throw fieldError('targetPersonId', '人员不存在或不在您的管辖范围内', 'No such person in your scope');
      targetPath = targetPath ?? path;
    }
    if (input.inspectionId && !(await repo.findInspection(db, actor.scope, input.inspectionId))) throw fieldError('inspectionId', '督查记录不存在', 'No such inspection');
    if (input.problemId) await ledger.detail(actor, input.problemId).catch(() => { throw fieldError('problemId', '问题不存在', 'No such problem'); });
    const [issuer] = await orgsByIds(db, [actor.scope.orgId]);
    return db.transaction(async (tx) => {
      const id = await repo.insertAccountability(tx, {
        countyId: issuer!.county_id, kind: input.kind, targetOrgId: input.targetOrgId ?? null, targetPersonId: input.targetPersonId ?? null,
        targetPath: targetPath!, reason: input.reason.trim(), inspectionId: input.inspectionId ?? null, problemCaseId: input.problemId ?? null,
        decidedOn: input.decidedOn, decidedByOrg: issuer!.id, createdBy: actor.accountId,
      });
      await appendAudit(tx, { countyId: issuer!.county_id, accountId: actor.accountId, username: actor.username, action: 'accountability.create', objectType: 'accountability', objectId: id, summary: { kind: input.kind, targetOrgId: input.targetOrgId ?? null, targetPersonId: input.targetPersonId ?? null }, result: 'success', ip: actor.ip });
      return id;
    });
  }

  async function accountability(actor: Actor, q: ListAccountabilityQuery = {}) {
    requireAction(actor, 'inspection:read');
    const p = pageOf(q);
    const f = { inspectionId: q.inspectionId, kind: q.kind };
    const [rows, kinds] = await Promise.all([repo.listAccountability(db, actor.scope, f, p), repo.accountabilityKinds(db, actor.scope, f)]);
    const total = await totalOf(rows, p.page, () => repo.listAccountability(db, actor.scope, f, { limit: 1, offset: 0 }));
    const counts = Object.fromEntries(ACCOUNTABILITY_KINDS.map((k) => [k, kinds.find((r) => r.kind === k)?.n ?? 0])) as AccountabilityKindCounts;
    return { items: rows.map(accountabilityView), total, page: p.page, pageSize: p.pageSize, counts };
  }

  /** One accountability record, scoped exactly like the list: outside it, not found. */
  async function accountabilityRecord(actor: Actor, id: number) {
    requireAction(actor, 'inspection:read');
    const [row] = await repo.listAccountability(db, actor.scope, { id }, { limit: 1, offset: 0 });
    if (!row) throw new AppError('not_found');
    return accountabilityView(row);
  }

  function accountabilityView(r: repo.AccountabilityRow) {
    return ({
      id: r.id,
      kind: r.kind as CreateAccountabilityBody['kind'],
      targetOrg: r.target_org_id ? { id: r.target_org_id, name: r.target_org_name ?? '', type: r.target_org_type ?? '' } : null,
      targetPerson: r.target_person_id ? { id: r.target_person_id, name: r.target_person_name ?? '' } : null,
      reason: r.reason,
      inspectionId: r.inspection_id,
      problemId: r.problem_case_id,
      decidedOn: r.decided_on,
      decidedBy: { id: r.decided_by_org, name: r.decided_by_name, type: r.decided_by_type },
    });
  }

  return { create, list, detail, findingToProblem, publishBulletin, bulletins, bulletin, recordAccountability, accountability, accountabilityRecord };
}

export type InspectionService = ReturnType<typeof createInspectionService>;
