// 三个清单 besides the ledger: each org's yearly task list (tasks are cases on the engine) and
// responsibility list (who answers for which duty).
import { POST_ROLES, type CreateResponsibilityBody, type CreateTaskBody, type ListYearQuery, type TaskListQuery, type TaskRow, type TaskTransition } from '@lianxin/contract';
import type { Db } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError, type FieldError } from '../../core/errors.js';
import { createCaseEngine, type CaseEngine } from '../../core/cases/case-engine.js';
import { availableTransitions } from '../../core/cases/workflow.js';
import { inScope as orgInScope } from '../../core/org-tree.js';
import * as repo from './lists.repository.js';
import { personInScope } from '../people/index.js';
import { taskWorkflow } from './tasks.workflow.js';
import './tasks.case.js';

/** The page asked for (the list shape every list route answers: {items, total, page, pageSize}). */
function paging(q: { page?: number; pageSize?: number }) {
  return { page: q.page ?? 1, pageSize: q.pageSize ?? 50 };
}

/** The total from the window count on the page's rows; a page past the end reads it from the first row. */
async function totalOf(rows: { total_count: number }[], page: number, _pageSize: number, firstRow: () => Promise<{ total_count: number }[]>) {
  if (rows[0]) return rows[0].total_count;
  if (page === 1) return 0;
  return (await firstRow())[0]?.total_count ?? 0;
}

export function createListsService(deps: { db: Db; engine?: CaseEngine }) {
  const { db } = deps;
  const engine = deps.engine ?? createCaseEngine({ db });

  function present(actor: Actor, r: repo.TaskDbRow, today: string): TaskRow {
    const view = { id: r.id, countyId: r.county_id, orgId: r.owner_org_id, orgPath: r.owner_org_path, status: r.status, deadline: r.deadline, extra: { listOrgPath: r.org_path } };
    return {
      id: r.id,
      year: r.year,
      status: r.status as TaskRow['status'],
      content: r.content,
      org: { id: r.org_id, name: r.org_name, type: r.org_type },
      ownerOrg: { id: r.owner_org_id, name: r.owner_org_name, type: r.owner_org_type },
      ownerPerson: r.owner_person,
      deadline: r.deadline,
      overdue: r.resolved_at === null && r.deadline !== null && r.deadline < today,
      result: r.result,
      actions: availableTransitions(taskWorkflow, actor, view),
      version: r.version,
    };
  }

  async function tasks(actor: Actor, q: TaskListQuery) {
    requireAction(actor, 'list:read');
    // a year's list, or the unfinished tasks of every year (工作台's 任务清单未完成)
    if (q.year === undefined && !q.open) throw fieldError('year', '请选择年度', 'Choose a year');
    const root = q.orgId ? await orgInScope(db, actor.scope, q.orgId) : { path: actor.scope.path };
    if (!root) throw new AppError('not_found');
    const { page, pageSize } = paging(q);
    const filter = { year: q.year ?? null, open: q.open === true };
    const rows = await repo.listTasks(db, actor.scope, root.path, filter, { limit: pageSize, offset: (page - 1) * pageSize });
    const t = engine.today();
    return { items: rows.map((r) => present(actor, r, t)), total: await totalOf(rows, page, pageSize, () => repo.listTasks(db, actor.scope, root.path, filter, { limit: 1, offset: 0 })), page, pageSize };
  }

  async function createTask(actor: Actor, input: CreateTaskBody): Promise<TaskRow> {
    requireAction(actor, 'list:handle');
    const errors: FieldError[] = [];
    const org = await orgInScope(db, actor.scope, input.orgId);
    if (!org || org.status !== 'active') errors.push({ field: 'orgId', zh: '清单所属组织不存在或不在您的管辖范围内', en: 'No such organization in your scope' });
    const owner = input.ownerOrgId ? await orgInScope(db, actor.scope, input.ownerOrgId) : org;
    if (!owner || owner.status !== 'active') errors.push({ field: 'ownerOrgId', zh: '责任单位不存在或不在您的管辖范围内', en: 'No such owner in your scope' });
    else if (org && !owner.path.startsWith(org.path)) errors.push({ field: 'ownerOrgId', zh: '责任单位须是本组织或其下级', en: 'The owner must be the org or below it' });
    if (errors.length || !org || !owner) throw validationError(errors);
    const { id } = await engine.open(db, taskWorkflow, actor, {
      countyId: org.county_id, orgId: owner.id, orgPath: owner.path,
      title: input.content.trim().slice(0, 60), deadline: input.deadline, body: input.content.trim(),
    }, repo.taskRow({ countyId: org.county_id, year: input.year, content: input.content.trim(), listOrgId: org.id, ownerPerson: input.ownerPerson?.trim() || null }));
    return present(actor, (await repo.findTask(db, actor.scope, id))!, engine.today());
  }

  async function fireTask(actor: Actor, id: number, transition: TaskTransition, input: { version: number; comment?: string }): Promise<TaskRow> {
    requireAction(actor, 'list:handle');
    await engine.fire(taskWorkflow, actor, id, transition, { version: input.version, body: input.comment ?? null }, {
      loadExtra: async (q, c) => ({ listOrgPath: await repo.listPathOf(q, c.id) }),
      apply: async (tx, c) => {
        if (transition === 'submit') await repo.setTaskResult(tx, c.id, input.comment!.trim());
      },
    });
    const row = await repo.findTask(db, actor.scope, id);
    if (!row) throw new AppError('not_found');
    return present(actor, row, engine.today());
  }

  async function responsibilities(actor: Actor, q: ListYearQuery) {
    requireAction(actor, 'list:read');
    const root = q.orgId ? await orgInScope(db, actor.scope, q.orgId) : { path: actor.scope.path };
    if (!root) throw new AppError('not_found');
    const { page, pageSize } = paging(q);
    const rows = await repo.listResponsibilities(db, root.path, q.year, { limit: pageSize, offset: (page - 1) * pageSize });
    const total = await totalOf(rows, page, pageSize, () => repo.listResponsibilities(db, root.path, q.year, { limit: 1, offset: 0 }));
    return { page, pageSize, total, items: rows.map(responsibilityView) };
  }

  function responsibilityView(r: repo.ResponsibilityDbRow) {
    return {
      id: r.id,
      year: r.year,
      org: { id: r.org_id, name: r.org_name, type: r.org_type },
      postRole: r.post_role,
      person: r.person_id ? { id: r.person_id, name: r.person_name ?? '' } : null,
      duty: r.duty,
      version: r.version,
    };
  }

  /** One responsibility, scoped like the list: outside the caller's scope (or removed), not found. */
  async function responsibility(actor: Actor, id: number) {
    requireAction(actor, 'list:read');
    const row = await repo.responsibilityInScope(db, actor.scope, id);
    if (!row) throw new AppError('not_found');
    return responsibilityView(row);
  }

  /** One task, scoped like the list: outside the caller's scope, not found. */
  async function task(actor: Actor, id: number): Promise<TaskRow> {
    requireAction(actor, 'list:read');
    const row = await repo.findTask(db, actor.scope, id);
    if (!row) throw new AppError('not_found');
    return present(actor, row, engine.today());
  }

  async function addResponsibility(actor: Actor, input: CreateResponsibilityBody): Promise<number> {
    requireAction(actor, 'list:handle');
    const errors: FieldError[] = [];
    const org = await orgInScope(db, actor.scope, input.orgId);
    if (!org || org.status !== 'active') errors.push({ field: 'orgId', zh: '组织不存在或不在您的管辖范围内', en: 'No such organization in your scope' });
    if (!input.postRole && !input.personId) errors.push({ field: 'postRole', zh: '请选择岗位或责任人', en: 'Choose a post or a person' });
    if (input.postRole && !(POST_ROLES as readonly string[]).includes(input.postRole)) errors.push({ field: 'postRole', zh: '岗位无效', en: 'Unknown post' });
    if (input.personId && !(await personInScope(db, actor.scope, input.personId))) errors.push({ field: 'personId', zh: '责任人不存在或不在您的管辖范围内', en: 'No such person in your scope' });
    if (errors.length || !org) throw validationError(errors);
    return db.transaction(async (tx) => {
      const id = await repo.insertResponsibility(tx, { countyId: org.county_id, orgId: org.id, orgPath: org.path, year: input.year, postRole: input.postRole ?? null, personId: input.personId ?? null, duty: input.duty.trim() });
      await appendAudit(tx, { countyId: org.county_id, accountId: actor.accountId, username: actor.username, action: 'responsibility.create', objectType: 'responsibility', objectId: id, summary: { orgId: org.id, year: input.year, postRole: input.postRole ?? null }, result: 'success', ip: actor.ip });
      return id;
    });
  }

  async function removeResponsibility(actor: Actor, id: number, version: number) {
    requireAction(actor, 'list:handle');
    await db.transaction(async (tx) => {
      const row = await repo.findResponsibility(tx, actor.scope, id);
      if (!row || row.status !== 'active') throw new AppError('not_found');
      if (!(await repo.removeResponsibility(tx, id, version))) throw new AppError('version_conflict');
      await appendAudit(tx, { countyId: row.county_id, accountId: actor.accountId, username: actor.username, action: 'responsibility.remove', objectType: 'responsibility', objectId: id, result: 'success', ip: actor.ip });
    });
  }

  return { tasks, task, createTask, fireTask, responsibilities, responsibility, addResponsibility, removeResponsibility };
}

export type ListsService = ReturnType<typeof createListsService>;
