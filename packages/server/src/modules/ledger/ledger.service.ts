// 问题台账: registering problems, moving them through 整改销号 on the case engine, supervision every
// 15 days (per county), overdue escalation, statistics from the records and the public closures.
import {
  DEFAULT_PROBLEM_CATEGORIES,
  DEFAULT_PROBLEM_SOURCES,
  builtInSourceLabel,
  PROBLEM_STATE_LABELS,
  type FireProblemBody,
  PROBLEM_STATES,
  type LedgerCounts,
  type LedgerSettings,
  type LedgerStatsRow,
  type ListProblemsQuery,
  type ProblemDetail,
  type ProblemSummary,
  type ProblemTransition,
  type RegisterProblemBody,
  type Role,
  type SaveLedgerSettingsBody,
  type LedgerSource,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, wholeCountyOf, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError, type FieldError } from '../../core/errors.js';
import { addDays, createCaseEngine, type CaseEngine } from '../../core/cases/case-engine.js';
import { TODAY_ROWS } from '../../core/today-sources.js';
import { ancestors, children as orgChildren, inScope as orgInScope, townshipAbove, typesOnPath, type OrgNode } from '../../core/org-tree.js';
import { problemCaseType } from './problems.case.js';
import { availableTransitions } from '../../core/cases/workflow.js';
import * as repo from './ledger.repository.js';
import type { ProblemRow } from './ledger.repository.js';
import { awaitsCheckBy, maySupervise, problemWorkflow, signerFor, type ProblemExtra } from './ledger.workflow.js';

const DAY = 86_400_000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

export function createLedgerService(deps: { db: Db; engine?: CaseEngine }) {
  const { db } = deps;
  const engine = deps.engine ?? createCaseEngine({ db });
  const today = engine.today;

  async function settings(countyId: number): Promise<LedgerSettings> {
    const row = await repo.settingsOf(db, countyId);
    return {
      categories: row?.categories ?? DEFAULT_PROBLEM_CATEGORIES,
      supervisionDays: row?.supervision_days ?? 15,
      closureSigner: (row?.closure_signer ?? 'station_admin') as LedgerSettings['closureSigner'],
      sources: row?.sources ?? DEFAULT_PROBLEM_SOURCES,
    };
  }

  /**
   * The county's sources after an edit: the submitted ones are in use, in that order (a known code
   * keeps it and takes the new label; no code: the source of that name, retired or not, keeps its code;
   * else it is a new one); the codes left out are retired, kept so registered problems keep their label.
   */
  function nextSources(current: LedgerSource[], submitted: NonNullable<SaveLedgerSettingsBody['sources']>): LedgerSource[] {
    const errors: FieldError[] = [];
    const labels = submitted.map((x) => x.label.trim());
    labels.forEach((l, i) => {
      if (!l) errors.push({ field: `sources.${i}.label`, zh: '请填写来源名称', en: 'Enter the source name' });
      else if (labels.indexOf(l) !== i) errors.push({ field: `sources.${i}.label`, zh: `问题来源“${l}”重复`, en: `Duplicate source "${l}"` });
    });
    const byCode = new Map(current.map((x) => [x.code, x]));
    submitted.forEach((x, i) => {
      if (x.code && !byCode.has(x.code)) errors.push({ field: `sources.${i}.code`, zh: '没有这个问题来源', en: 'No such source' });
    });
    if (errors.length) throw validationError(errors);
    let n = Math.max(0, ...current.map((x) => Number(/^custom_(\d+)$/.exec(x.code)?.[1] ?? 0)));
    const used = new Set<string>();
    const active = submitted.map((x, i) => {
      const label = labels[i]!;
      const code = x.code ?? current.find((c) => c.label === label && !used.has(c.code) && !submitted.some((y) => y.code === c.code))?.code ?? `custom_${++n}`;
      used.add(code);
      return { code, label, active: true };
    });
    const retired = current.filter((c) => !used.has(c.code)).map((c) => ({ ...c, active: false }));
    return [...active, ...retired];
  }

  async function saveSettings(actor: Actor, input: SaveLedgerSettingsBody) {
    requireAction(actor, 'ledger:configure');
    const countyId = actor.scope.countyId;
    if (countyId === null) throw new AppError('forbidden');
    const categories = [...new Set(input.categories.map((c) => c.trim()).filter(Boolean))];
    if (categories.length === 0) throw fieldError('categories', '至少需要一个问题类别', 'At least one category');
    const before = await settings(countyId);
    // what GET answered may come back as it is: a source marked inactive is one left out
    const sources = input.sources ? nextSources(before.sources, input.sources.filter((x) => x.active !== false)) : before.sources;
    const changed = (a: LedgerSource[], b: LedgerSource[]) => JSON.stringify(a) !== JSON.stringify(b);
    await db.transaction(async (tx) => {
      await repo.saveSettings(tx, countyId, { ...input, categories, sources });
      await appendAudit(tx, {
        countyId, accountId: actor.accountId, username: actor.username, action: 'ledger.settings', objectType: 'county', objectId: countyId,
        summary: { categories, supervisionDays: input.supervisionDays, closureSigner: input.closureSigner, ...(changed(before.sources, sources) ? { sources: { from: before.sources, to: sources } } : {}) },
        result: 'success', ip: actor.ip,
      });
    });
    return settings(countyId);
  }

  /** Source labels of the counties of some rows: the county's own, else the built-in one, else the code. */
  async function sourceLabels(countyIds: Iterable<number>) {
    const lists = new Map<number, Map<string, string>>();
    for (const id of new Set(countyIds)) lists.set(id, new Map((await settings(id)).sources.map((x) => [x.code, x.label])));
    return (countyId: number, code: string) => lists.get(countyId)?.get(code) ?? builtInSourceLabel(code)?.zh ?? code;
  }

  /** The workflow with the county's supervision cadence. */
  async function workflowFor(countyId: number) {
    const s = await settings(countyId);
    return { ...problemWorkflow, sla: { ...problemWorkflow.sla, supervisionEveryDays: s.supervisionDays } };
  }

  /** A row as the list shows it; with an actor, whether that account may record a 督办 now. */
  function summary(r: ProblemRow, t: string, sourceLabel: string, actor?: Actor): ProblemSummary {
    const unresolved = r.resolved_at === null;
    const daysLeft = r.deadline ? daysBetween(t, r.deadline) : null;
    return {
      id: r.id,
      status: r.status,
      source: r.source,
      category: r.category,
      title: r.title,
      description: r.description,
      org: { id: r.org_id, name: r.org_name, type: r.org_type },
      responsibleOrg: { id: r.responsible_org_id, name: r.responsible_org_name, type: r.responsible_org_type },
      responsiblePerson: r.responsible_person,
      deadline: r.deadline,
      daysLeft: unresolved ? daysLeft : null,
      overdue: unresolved && daysLeft !== null && daysLeft < 0,
      supervisionDue: unresolved ? r.supervision_due : null,
      supervisionOverdue: unresolved && r.supervision_due !== null && r.supervision_due <= t,
      escalated: r.escalated_to_org_id !== null,
      returnedCount: r.returned_count,
      openedAt: r.opened_at.toISOString(),
      closedAt: r.closed_at?.toISOString() ?? null,
      version: r.version,
      canSupervise: !!actor && unresolved && maySupervise(actor, r.org_path, r.responsible_org_path),
      sourceLabel,
    };
  }

  const extraOf = (r: Pick<ProblemRow, 'responsible_org_path' | 'checker_account_id'>, signer: string | null, pathTypes: string[]): ProblemExtra => ({
    responsibleOrgPath: r.responsible_org_path,
    checkerAccountId: r.checker_account_id,
    closureSigner: signerFor((signer ?? 'station_admin') as Role, pathTypes),
    pathTypes,
  });

  /** Checks a registration without writing; answers what to write or every field error. */
  async function checkRegistration(actor: Actor, input: RegisterProblemBody) {
    const errors: FieldError[] = [];
    const org = await orgInScope(db, actor.scope, input.orgId);
    if (!org || org.status !== 'active') errors.push({ field: 'orgId', zh: '问题所在组织不存在或不在您的管辖范围内', en: 'No such organization in your scope' });
    const responsible = input.responsibleOrgId ? await orgInScope(db, actor.scope, input.responsibleOrgId) : org;
    if (!responsible || responsible.status !== 'active') errors.push({ field: 'responsibleOrgId', zh: '责任单位不存在或不在您的管辖范围内', en: 'No such responsible organization in your scope' });
    const s = await settings(org?.county_id ?? actor.scope.countyId ?? 0);
    const source = s.sources.find((x) => x.code === input.source && x.active);
    if (!source) errors.push({ field: 'source', zh: `问题来源须为：${s.sources.filter((x) => x.active).map((x) => x.label).join('、')}`, en: 'Choose one of the county\'s problem sources' });
    if (!s.categories.includes(input.category)) errors.push({ field: 'category', zh: `问题类别须为：${s.categories.join('、')}`, en: `Category must be one of: ${s.categories.join(', ')}` });
    if (input.deadline < today()) errors.push({ field: 'deadline', zh: '整改时限不能早于今天', en: 'The deadline is in the past' });
    let checkerId: number | null = null;
    if (input.checkerAccountId) {
      const checker = await repo.accountInScope(db, actor.scope, input.checkerAccountId);
      if (!checker) errors.push({ field: 'checkerAccountId', zh: '验收人账号不存在或不在您的管辖范围内', en: 'No such checker account in your scope' });
      // the responsible org does not check its own work (a village registering in its own ledger
      // cannot name itself: the station checks)
      else if (responsible && checker.path.startsWith(responsible.path)) errors.push({ field: 'checkerAccountId', zh: '验收人不能是责任单位自己的账号', en: 'The checker cannot belong to the responsible organization' });
      else checkerId = checker.id;
    }
    const description = input.description.trim();
    if (!description) errors.push({ field: 'description', zh: '请填写问题描述', en: 'Describe the problem' });
    if (errors.length > 0 || !org || !responsible || !source) return { ok: false as const, errors };
    // read the county's workflow now: nothing outside the write transaction may query later
    // (PGlite has one connection, so a query outside an open transaction would wait on it)
    const def = await workflowFor(org.county_id);
    return { ok: true as const, org, responsible, checkerId, description, def, sourceLabel: source.label };
  }

  /** Writes a checked registration (one statement: `q` is the database, or the caller's transaction). */
  async function createChecked(q: Queryable, actor: Actor, input: RegisterProblemBody, c: Extract<Awaited<ReturnType<typeof checkRegistration>>, { ok: true }>, link?: { findingId: number }) {
    const opened = await engine.open(q, c.def, actor, {
      countyId: c.org.county_id,
      orgId: c.org.id,
      orgPath: c.org.path,
      title: c.description.length > 60 ? `${c.description.slice(0, 60)}…` : c.description,
      deadline: input.deadline,
      body: `${c.sourceLabel}：${c.description}`,
    }, repo.problemRow({
      countyId: c.org.county_id,
      source: input.source,
      category: input.category,
      description: c.description,
      measures: input.measures?.trim() || null,
      responsibleOrgId: c.responsible.id,
      responsiblePerson: input.responsiblePerson?.trim() || null,
      checkerAccountId: c.checkerId,
      sourceRef: input.sourceRef?.trim() || null,
      findingId: link?.findingId ?? null,
    }));
    return opened.id;
  }

  async function register(actor: Actor, input: RegisterProblemBody): Promise<number> {
    requireAction(actor, 'ledger:register');
    const checked = await checkRegistration(actor, input);
    if (!checked.ok) throw validationError(checked.errors);
    return createChecked(db, actor, input, checked);
  }

  async function fire(actor: Actor, id: number, transition: ProblemTransition, input: FireProblemBody) {
    requireAction(actor, 'ledger:handle');
    const row = await repo.findProblem(db, actor.scope, id);
    if (!row) throw new AppError('not_found');
    const def = await workflowFor(row.county_id);
    const result = await engine.fire(def, actor, id, transition, { version: input.version, body: input.comment ?? null, fields: { measures: input.measures, publicSummary: input.publicSummary } }, {
      loadExtra: async (q, c) => {
        const x = await repo.extraOf(q, c.id);
        return extraOf({ responsible_org_path: x!.responsible_org_path, checker_account_id: x!.checker_account_id }, x!.closure_signer, x!.path_types);
      },
      apply: async (tx, c) => {
        const text = input.comment?.trim();
        switch (transition) {
          case 'start':
            await repo.updateProblemFields(tx, c.id, { measures: input.measures!.trim() });
            return { measures: input.measures!.trim() };
          case 'submit':
            await repo.updateProblemFields(tx, c.id, { progress: text });
            return;
          case 'return':
            await repo.updateProblemFields(tx, c.id, { returned: true });
            return;
          case 'accept':
            return;
          case 'close':
            await repo.updateProblemFields(tx, c.id, { closureOpinion: text });
            return;
          case 'publish': {
            const township = (await townshipAbove(tx, c.org_path))?.id ?? c.county_id;
            await repo.updateProblemFields(tx, c.id, { publicSummary: input.publicSummary!.trim(), publishedAt: new Date(), reportedToOrgId: township });
            return { reportedToOrgId: township };
          }
        }
      },
    });
    return result;
  }

  async function detail(actor: Actor, id: number): Promise<ProblemDetail> {
    requireAction(actor, 'ledger:read');
    const row = await repo.findProblem(db, actor.scope, id);
    if (!row) throw new AppError('not_found');
    const [s, above] = await Promise.all([settings(row.county_id), ancestors(db, row.org_path)]);
    const levels = above.filter((o) => !o.path.startsWith(row.responsible_org_path));
    const pathTypes = levels.map((o) => o.type);
    const extra = extraOf(row, s.closureSigner, pathTypes);
    const { events, files } = await engine.timeline(db, id);
    const fileByEvent = new Map(files.map((f) => [f.event_id, f]));
    const t = today();
    const view = { id: row.id, countyId: row.county_id, orgId: row.org_id, orgPath: row.org_path, status: row.status, deadline: row.deadline, extra };
    return {
      ...summary(row, t, s.sources.find((x) => x.code === row.source)?.label ?? builtInSourceLabel(row.source)?.zh ?? row.source, actor),
      measures: row.measures,
      progress: row.progress,
      closureOpinion: row.closure_opinion,
      publicSummary: row.public_summary,
      sourceRef: row.source_ref,
      finding: row.finding_id && row.inspection_id ? { inspectionId: row.inspection_id, findingId: row.finding_id } : null,
      checker: row.checker_account_id ? { id: row.checker_account_id, name: row.checker_name ?? '' } : null,
      checkingOrg: nameOf(checkingOrgOf(levels)),
      signingOrg: nameOf(nearest(levels, SIGNER_ORG_TYPE[extra.closureSigner])),
      timeline: events.map((e) => {
        const f = fileByEvent.get(e.id);
        return {
          seq: e.seq,
          at: e.at.toISOString(),
          actor: e.actor_name,
          actorDisplay: e.actor_display ?? null,
          kind: e.kind,
          transition: e.transition,
          fromStatus: e.from_status,
          toStatus: e.to_status,
          text: e.body,
          attachment: f ? { id: f.id, fileName: f.file_name, mimeType: f.mime_type, size: f.size_bytes } : null,
        };
      }),
      actions: row.closed_at && row.status === 'published' ? [] : availableTransitions(problemWorkflow, actor, view),
    };
  }

  /** The subtree a list covers: the account's scope or an org in it; a county's by county id. */
  async function scopeOf(actor: Actor, orgId?: number): Promise<repo.LedgerScope> {
    const org = orgId ? await orgInScope(db, actor.scope, orgId) : undefined;
    if (orgId && !org) throw new AppError('not_found');
    const path = org?.path ?? actor.scope.path;
    const county = wholeCountyOf(actor.scope, org);
    return county !== undefined ? { path, countyRoot: county } : path;
  }

  async function list(actor: Actor, query: ListProblemsQuery) {
    requireAction(actor, 'ledger:read');
    const path = await scopeOf(actor, query.orgId);
    const t = today();
    const page = await repo.listProblems(db, path, query, t, actor.scope.orgId);
    // the county's label comes with each row (no settings read per page); else the built-in one, else the code
    const label = (r: ProblemRow) => r.source_label ?? builtInSourceLabel(r.source)?.zh ?? r.source;
    return { items: page.rows.map((r) => summary(r, t, label(r), actor)), total: page.total, page: page.page, pageSize: page.pageSize };
  }

  /** How many problems the filter finds in each state (the status filter itself left out), for the list's header. */
  async function counts(actor: Actor, query: ListProblemsQuery): Promise<LedgerCounts> {
    requireAction(actor, 'ledger:read');
    const path = await scopeOf(actor, query.orgId);
    const { status: _status, page: _page, pageSize: _size, ...filter } = query;
    const rows = await repo.countProblems(db, path, filter, today(), actor.scope.orgId);
    const byStatus = Object.fromEntries(PROBLEM_STATES.map((s) => [s, 0])) as LedgerCounts['byStatus'];
    let total = 0, open = 0, overdue = 0, supervisionDue = 0;
    for (const r of rows) {
      byStatus[r.status] = r.n;
      total += r.n;
      if (r.status !== 'closed' && r.status !== 'published') open += r.n;
      overdue += r.overdue;
      supervisionDue += r.supervision_due;
    }
    return { total, byStatus, open, overdue, supervisionDue };
  }

  async function supervise(actor: Actor, id: number, text: string) {
    requireAction(actor, 'ledger:handle');
    const row = await repo.findProblem(db, actor.scope, id);
    if (!row) throw new AppError('not_found');
    const def = await workflowFor(row.county_id);
    if (!maySupervise(actor, row.org_path, row.responsible_org_path)) {
      throw new AppError('forbidden', { zh: '督办由工作站或上级组织进行', en: 'Supervision is done by the station or a higher level' });
    }
    await engine.note(def, actor, id, 'supervision', text.trim(), () => true);
  }

  async function comment(actor: Actor, id: number, text: string) {
    requireAction(actor, 'ledger:handle');
    await engine.note(problemWorkflow, actor, id, 'comment', text.trim(), () => true);
  }

  async function attach(actor: Actor, id: number, file: { fileName: string; mimeType: string; content: Buffer }) {
    requireAction(actor, 'ledger:handle');
    return engine.attach('problem', actor, id, file, (c) => c.closed_at === null);
  }

  /** An attached file as the problem's timeline shows it. */
  async function attachmentRow(actor: Actor, id: number, attachmentId: number) {
    const found = (await detail(actor, id)).timeline.find((e) => e.attachment?.id === attachmentId)?.attachment;
    if (!found) throw new AppError('not_found');
    return found;
  }

  async function stats(actor: Actor, orgId?: number): Promise<{ node: LedgerStatsRow; children: LedgerStatsRow[] }> {
    requireAction(actor, 'ledger:read');
    const node = await orgInScope(db, actor.scope, orgId ?? actor.scope.orgId);
    if (!node) throw new AppError('not_found');
    const [rows, children] = await Promise.all([repo.ledgerStats(db, node, today()), orgChildren(db, node.id)]);
    const byOrg = new Map(rows.map((r) => [r.org_id, r]));
    const shape = (org: { id: number; name: string; type: string }, parts: repo.StatsRow[]): LedgerStatsRow => {
      const sum = (k: 'total' | 'open' | 'overdue' | 'closed' | 'closed_on_time') => parts.reduce((a, p) => a + p[k], 0);
      const closed = sum('closed');
      const days = parts.reduce((a, p) => a + (p.days_sum ?? 0), 0);
      return {
        org,
        total: sum('total'),
        open: sum('open'),
        overdue: sum('overdue'),
        closed,
        closedOnTime: sum('closed_on_time'),
        closureRate: sum('total') ? Math.round((closed / sum('total')) * 1000) / 1000 : 0,
        avgDaysToClose: closed ? Math.round((days / closed) * 10) / 10 : null,
      };
    };
    return {
      node: shape({ id: node.id, name: node.name, type: node.type }, rows),
      children: children.map((c) => shape(c, byOrg.has(c.id) ? [byOrg.get(c.id)!] : [])),
    };
  }

  /** The counties that publish closures, for the public page's picker. */
  async function publicCounties() {
    return repo.publicCounties(db);
  }

  async function publicList(countyId: number, page = 1, pageSize = 20) {
    const result = await repo.publicClosures(db, countyId, page, pageSize);
    const label = await sourceLabels([countyId]);
    const day = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : null);
    return {
      page,
      pageSize,
      total: result.total,
      items: result.rows.map((r) => ({
        id: r.id,
        org: r.org_name,
        township: r.township,
        category: r.category,
        source: label(countyId, r.source),
        description: r.description,
        publicSummary: r.public_summary,
        openedOn: day(r.opened_at)!,
        closedOn: day(r.closed_at),
        publishedOn: day(r.published_at)!,
      })),
    };
  }

  /** Marks newly overdue problems as escalated to the township above (run periodically). */
  async function escalateOverdue(): Promise<number> {
    return engine.escalateOverdue('problem', problemCaseType.escalateTo!);
  }

  async function verify(actor: Actor, id: number) {
    requireAction(actor, 'ledger:read');
    return engine.verify('problem', actor, id);
  }

  async function attachment(actor: Actor, id: number, attachmentId: number) {
    requireAction(actor, 'ledger:read');
    return engine.attachment('problem', actor, id, attachmentId);
  }

  /** The ledger in the columns counties keep (序号 … 销号情况), batch by batch, for the export. */
  /** Checks access first (before any byte of the file is sent), then yields rows batch by batch. */
  async function exportRows(actor: Actor, query: ListProblemsQuery) {
    requireAction(actor, 'ledger:read');
    const path = await scopeOf(actor, query.orgId);
    return exportBatches(path, query);
  }

  async function* exportBatches(path: repo.LedgerScope, query: ListProblemsQuery) {
    const t = today();
    let n = 0;
    for await (const batch of repo.iterateProblems(db, path, query, t)) {
      const label = await sourceLabels(batch.map((r) => r.county_id));
      yield batch.map((r) => {
        const s = summary(r, t, label(r.county_id, r.source));
        const closure =
          r.status === 'closed' || r.status === 'published'
            ? `已销号${r.closure_opinion ? `（${r.closure_opinion}）` : ''}`
            : s.overdue ? `未销号（逾期${-(s.daysLeft ?? 0)}天）` : '未销号';
        return [
          ++n,
          s.sourceLabel,
          r.description,
          r.measures,
          r.responsible_org_name,
          r.responsible_person,
          r.deadline,
          `${PROBLEM_STATE_LABELS[r.status].zh}${r.progress ? `：${r.progress}` : ''}`,
          closure,
        ];
      });
    }
  }

  /**
   * 待验收: submitted problems waiting on this account to check them, newest first — the workflow's
   * checker rule (`awaitsCheckBy`), so the home page and the ledger agree on who checks what.
   */
  async function problemsToCheck(actor: Actor, limit: number) {
    const rows = await repo.submittedInScope(db, actor.scope, actor.accountId, Math.max(limit * 4, 200));
    return rows
      .filter((r) => awaitsCheckBy(actor, { orgPath: r.org_path, extra: { responsibleOrgPath: r.responsible_org_path, checkerAccountId: r.checker_account_id, closureSigner: 'station_admin', pathTypes: r.path_types } }))
      .slice(0, limit)
      .map((r) => ({ id: r.id, title: r.title, org: r.org, due: r.due, at: r.at }));
  }

  /** 工作台 (a today source): my org's problems to rectify, and the ones below it due for supervision this week. */
  async function todayItems(q: Queryable, actor: Actor, day: string) {
    const p = { orgId: actor.scope.orgId, like: likePrefix(actor.scope.path), today: day, soon: addDays(day, 7), limit: TODAY_ROWS };
    return [...(await repo.todayOwnProblems(q, p)), ...(await repo.todaySupervisionDue(q, p))];
  }

  return { settings, saveSettings, checkRegistration, createChecked, register, fire, detail, list, counts, publicCounties, supervise, comment, attach, attachment, attachmentRow, stats, publicList, escalateOverdue, verify, exportRows, problemsToCheck, todayItems, today };
}

export type LedgerService = ReturnType<typeof createLedgerService>;

/** The org type whose accounts hold each signer role. */
const SIGNER_ORG_TYPE: Partial<Record<Role, string>> = { station_admin: 'station', township_admin: 'township', county_admin: 'county' };

const nearest = (above: OrgNode[], type: string | undefined) => [...above].reverse().find((o) => o.type === type);
const nameOf = (o: OrgNode | undefined) => (o ? { id: o.id, name: o.name } : null);

/**
 * The org whose accounts check a problem without a designated checker — the workflow's `checker`
 * guard: the nearest station, else township, among the levels above the responsible org; the
 * county where there is neither (a department's or a township's own problem).
 */
function checkingOrgOf(levels: OrgNode[]): OrgNode | undefined {
  return nearest(levels, 'station') ?? nearest(levels, 'township') ?? nearest(levels, 'county');
}
