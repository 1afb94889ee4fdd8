// 两下两上: an org issues directives to orgs below it (one-off or recurring); each recipient
// reports (or first breaks its assignment down to its own orgs and compiles their reports);
// figures roll up level by level; late reports are flagged and visible one level up.
import {
  ORG_TYPE_LABELS,
  type DispatchFile,
  type AssignmentView,
  type Board,
  type FanOutBody,
  type FormField,
  type InboxQuery,
  type ListPageQuery,
  type DirectiveListQuery,
  type IssueDirectiveBody,
  type OrgType,
  type ReportBody,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { TODAY_ROWS } from '../../core/today-sources.js';
import { appendAudit, canonicalJson } from '../../core/audit.js';
import { isoWeekday, periodOf, plusDays, recurrenceDue, todayInChina } from '../../core/calendar.js';
import { AppError, fieldError, validationError } from '../../core/errors.js';
import { checkFigures, checkForm, prefill, rollUp } from '../../core/dispatch/report-form.js';
import { answer, DIRECTIVE_KIND } from '../../core/dispatch/engine.js';
import * as repo from './dispatch.repository.js';
import type { AssignmentRow, AttachmentMeta, DirectiveRow, SeriesRow } from './dispatch.repository.js';
import crypto from 'node:crypto';
import { pageOf, totalOf } from '../../core/paging.js';
import { createKeptAnswers, type AnswerKind, type KeptAnswers } from '../../core/kept-answers.js';
import type { KeptAnswer } from '../../core/answer-cache.js';

const orgRef = (id: number, name: string, type: string) => ({ id, name, type });
const fileRef = (a: AttachmentMeta) => ({ id: a.id, fileName: a.file_name, mimeType: a.mime_type, size: a.size_bytes });

/** A directive's board (core/kept-answers.ts): the directive, its assignments, theirs one level down, the files, the org names. */
const BOARD_ANSWER: AnswerKind = { name: 'dispatch.board', sources: ['orgs', 'directives', 'assignments', 'dispatch_attachments'] };

export function createDispatchService(deps: { db: Db; today?: () => string; kept?: KeptAnswers }) {
  const { db } = deps;
  const today = deps.today ?? (() => todayInChina());
  const kept = deps.kept ?? createKeptAnswers({ db, maxBytes: 0 });

  const audit = (tx: Queryable, actor: Actor, action: string, objectType: string, id: number, countyId: number, summary: Record<string, unknown>) =>
    appendAudit(tx, { countyId, accountId: actor.accountId, username: actor.username, action, objectType, objectId: id, summary, result: 'success', ip: actor.ip });

  async function issuerOf(actor: Actor) {
    const issuer = await repo.orgInScope(db, actor.scope, actor.scope.orgId);
    if (!issuer) throw new AppError('not_found');
    return issuer;
  }

  /**
   * The recipients of a directive: the chosen orgs, each strictly below the issuer and open, or
   * every open org of a type below it (there must be one); with `allocate`, the new directive's id.
   */
  async function checkTargets(q: Queryable, issuer: repo.OrgLite, targets: IssueDirectiveBody['targets'], allocate = false) {
    if (!targets.orgIds?.length && !targets.type) throw fieldError('targets', '请选择下发对象', 'Choose the recipients');
    const found = await repo.recipientsBelow(q, issuer, targets, allocate);
    if (targets.orgIds?.length && found.ids.length !== new Set(targets.orgIds).size) {
      throw fieldError('targets.orgIds', '下发对象须是本单位以下、未撤销的组织', 'Targets must be open orgs below the issuer');
    }
    if (!targets.orgIds?.length && found.ids.length === 0) {
      throw fieldError('targets.type', `本单位以下没有「${ORG_TYPE_LABELS[targets.type as OrgType].zh}」`, 'No orgs of that type below the issuer');
    }
    return { orgIds: found.ids, nextId: found.next_id };
  }

  async function issue(actor: Actor, input: IssueDirectiveBody): Promise<{ directiveId: number | null; seriesId: number | null; targets: number }> {
    requireAction(actor, 'dispatch:issue');
    const form = input.form ?? [];
    const formErrors = checkForm(form);
    if (formErrors.length) throw validationError(formErrors);
    if (!input.recurrence) {
      if (!input.dueDate) throw fieldError('dueDate', '请填写上报期限', 'Enter the due date');
      if (input.dueDate < today()) throw fieldError('dueDate', '上报期限不能早于今天', 'The due date is in the past');
    }
    const issuer = await issuerOf(actor);
    const { orgIds, nextId } = await checkTargets(db, issuer, input.targets, !input.recurrence);
    if (input.recurrence) {
      if (input.recurrence.frequency === 'weekly' && !input.recurrence.weekday) {
        throw fieldError('recurrence.weekday', '每周下发须选择星期几', 'Choose the weekday');
      }
      const seriesId = await db.transaction(async (tx) => {
        const id = await repo.insertSeries(tx, {
          county_id: issuer.county_id,
          issuer_org_id: issuer.id,
          issuer_path: issuer.path,
          kind: input.kind,
          title: input.title.trim(),
          content: input.content ?? '',
          form,
          targets: input.targets,
          frequency: input.recurrence!.frequency,
          weekday: input.recurrence!.weekday ?? null,
          due_days: input.recurrence!.dueDays,
          allow_late: input.allowLate ?? true,
          created_by: actor.accountId,
        });
        await audit(tx, actor, 'directive.series.create', 'directive_series', id, issuer.county_id, { title: input.title, frequency: input.recurrence!.frequency });
        return id;
      });
      const created = await runSeries(seriesId);
      return { directiveId: created[0]?.directiveId ?? null, seriesId, targets: created[0]?.targets ?? 0 };
    }
    // one statement: the directive, an assignment per recipient and the audit record
    const id = nextId!;
    const made = (await repo.insertDirective(db, {
      countyId: issuer.county_id, issuerOrgId: issuer.id, issuerPath: issuer.path, parentAssignmentId: null, seriesId: null,
      kind: input.kind, title: input.title.trim(), content: input.content ?? '', form, periodKey: null, dueDate: input.dueDate!,
      allowLate: input.allowLate ?? true, createdBy: actor.accountId,
    }, { orgIds }, {
      id,
      audit: { countyId: issuer.county_id, accountId: actor.accountId, username: actor.username, action: 'directive.issue', objectType: 'directive', objectId: id, summary: { title: input.title, targets: orgIds.length, dueDate: input.dueDate }, result: 'success', ip: actor.ip },
    }))!;
    return { directiveId: made.id, seriesId: null, targets: made.targets };
  }

  /**
   * Issues the current period's instance of each active series (or of one), once per period: the
   * unique (series, period) index makes a second run, or a concurrent one, a no-op.
   */
  async function runSeries(seriesId?: number): Promise<{ seriesId: number; directiveId: number; targets: number }[]> {
    const t = today();
    const created = [];
    for (const s of await repo.activeSeries(db, seriesId)) {
      const period = periodOf(t, s.frequency, s.weekday ?? 1);
      if (period.issueOn > t) continue; // this week's day has not come yet
      const made = await db.transaction(async (tx) => {
        // due within its period (a month-end summary on the month's last day), never in the past
        const planned = recurrenceDue(period.issueOn, s.frequency, s.due_days);
        const due = planned < t ? t : planned;
        const target = s.targets.orgIds?.length ? { orgIds: s.targets.orgIds } : { type: s.targets.type ?? 'station', issuerPath: s.issuer_path };
        const inserted = await repo.insertDirective(tx, {
          countyId: s.county_id, issuerOrgId: s.issuer_org_id, issuerPath: s.issuer_path, parentAssignmentId: null, seriesId: s.id,
          kind: s.kind, title: `${s.title}（${period.key}）`, content: s.content, form: s.form, periodKey: period.key, dueDate: due,
          allowLate: s.allow_late, createdBy: s.created_by,
        }, target);
        if (!inserted) return undefined; // this period's directive exists
        const { id, targets: n } = inserted;
        await appendAudit(tx, { countyId: s.county_id, accountId: null, username: 'system', action: 'directive.issue', objectType: 'directive', objectId: id, summary: { seriesId: s.id, period: period.key, targets: n }, result: 'success', ip: null });
        return { seriesId: s.id, directiveId: id, targets: n };
      });
      if (made) created.push(made);
    }
    return created;
  }

  /** A station breaks its assignment into concrete work for its villages (linked to the parent). */
  async function fanOut(actor: Actor, assignmentId: number, input: FanOutBody) {
    requireAction(actor, 'dispatch:report');
    // 补录: a station may record a breakdown it gave its villages earlier (at the Monday meeting,
    // by phone) with the deadline it set then — reports after it are marked late — but not one
    // older than a weekly cycle.
    if (input.dueDate < plusDays(today(), -7)) throw fieldError('dueDate', '补录的期限最早为 7 天前', 'A recorded deadline is at most 7 days old');
    // The usual breakdown, to every village below, is one statement (read, write and audit
    // record). When it writes nothing, or villages were chosen, the assignment is read first: to
    // check the choice, or to say why not. No transaction: the write is one statement either way.
    if (!input.orgIds?.length && actor.scope.countyId !== null) {
      const made = await repo.fanOutToVillages(db, {
        assignmentId, scope: actor.scope, orgId: actor.scope.orgId, countyId: actor.scope.countyId, title: input.title?.trim() || null,
        content: input.content, dueDate: input.dueDate, createdBy: actor.accountId, audit: { accountId: actor.accountId, username: actor.username, ip: actor.ip },
      });
      if (made) return { directiveId: made.id, targets: made.targets };
    }
    const a = await repo.findAssignmentForFanOut(db, actor.scope, assignmentId);
    if (!a) throw new AppError('not_found');
    if (a.org_id !== actor.scope.orgId) throw new AppError('forbidden', { zh: '只能由接收单位分解下发', en: 'Only the recipient breaks it down' });
    const parent = { id: a.d_id, kind: a.d_kind, title: a.d_title, form: a.d_form, period_key: a.d_period_key, status: a.d_status };
    const closed = () => new AppError('dispatch_closed', { zh: '该任务已截止', en: 'The directive is closed' });
    if (parent.status === 'closed') throw closed();
    if (input.dueDate > a.due_date) throw fieldError('dueDate', `村级上报期限须在本单位上报期限（${a.due_date}）之前，以便汇总`, `Villages must report before ${a.due_date}`);
    // the recipient itself issues the breakdown (the assignment row carries its org)
    const issuer: repo.OrgLite = { id: a.org_id, name: a.org_name, type: a.org_type, path: a.org_path, county_id: a.county_id, status: 'active', parent_id: null };
    // default: every open village and community directly below
    const orgIds = input.orgIds?.length ? (await checkTargets(db, issuer, { orgIds: input.orgIds })).orgIds : a.village_ids;
    if (orgIds.length === 0) throw fieldError('orgIds', '本单位以下没有村（社区）', 'No villages below');
    const id = a.next_directive_id;
    const made = await repo.insertDirective(db, {
      countyId: a.county_id, issuerOrgId: issuer.id, issuerPath: issuer.path, parentAssignmentId: a.id, seriesId: null,
      kind: parent.kind, title: input.title?.trim() || parent.title, content: input.content, form: parent.form, periodKey: parent.period_key,
      dueDate: input.dueDate, allowLate: true, createdBy: actor.accountId,
    }, { orgIds }, {
      id, copyFilesFrom: parent.id, whileOpen: parent.id,
      audit: { countyId: a.county_id, accountId: actor.accountId, username: actor.username, action: 'directive.fan_out', objectType: 'directive', objectId: id, summary: { parentAssignmentId: a.id, targets: orgIds.length }, result: 'success', ip: actor.ip },
    });
    if (!made) throw closed(); // closed meanwhile: nothing written
    return { directiveId: id, targets: made.targets };
  }

  async function report(actor: Actor, assignmentId: number, input: ReportBody): Promise<AssignmentView> {
    requireAction(actor, 'dispatch:report');
    await db.transaction(async (tx) => {
      const a = await repo.findAssignment(tx, actor.scope, assignmentId, true);
      if (!a) throw new AppError('not_found');
      if (a.org_id !== actor.scope.orgId) throw new AppError('forbidden', { zh: '只能由接收单位上报', en: 'Only the recipient reports' });
      const d = (await repo.findDirective(tx, a.directive_id))!;
      const figures = input.figures ?? {};
      const text = input.text?.trim() || null;
      const reason = input.reason?.trim() || null;
      if (a.version !== input.version) {
        // a double submission of the same report answers as the first did
        const same = a.status === 'reported' && a.version === input.version + 1 && a.outcome === input.outcome &&
          (a.report ?? null) === text && (a.reason ?? null) === reason && canonicalJson(a.figures) === canonicalJson(figures);
        if (same) return;
        throw new AppError('version_conflict');
      }
      const late = today() > a.due_date;
      if (d.status === 'closed' || (late && !d.allow_late)) throw new AppError('dispatch_closed');
      // the engine's directive kind: the recipient reports (again, to correct it) while it is open
      const next = answer(DIRECTIVE_KIND, a.status, 'report', 'recipient');
      if (input.outcome !== 'done' && !reason) throw fieldError('reason', '部分完成或未完成须说明原因', 'Give the reason');
      const errors = checkFigures(d.form, figures, input.outcome !== 'not_done');
      if (errors.length) throw validationError(errors);
      if (d.kind !== 'notice' && d.form.length === 0 && !text) throw fieldError('text', '请填写完成情况', 'Describe what was done');
      const saved = await repo.saveReport(tx, a.id, a.version, { status: next, outcome: input.outcome, reason, report: text, figures, late, accountId: actor.accountId });
      if (!saved) throw new AppError('version_conflict');
      await audit(tx, actor, 'directive.report', 'assignment', a.id, a.county_id, { directiveId: d.id, outcome: input.outcome, late });
    });
    return assignment(actor, assignmentId);
  }

  async function present(a: AssignmentRow, d: DirectiveRow, children: { id: number }[], below: AssignmentRow[], files: AttachmentMeta[]): Promise<AssignmentView> {
    return {
      id: a.id,
      directive: {
        id: d.id, kind: d.kind as AssignmentView['directive']['kind'], title: d.title, content: d.content,
        issuer: orgRef(d.issuer_org_id, d.issuer_name, d.issuer_type), form: d.form, periodKey: d.period_key,
        allowLate: d.allow_late, status: d.status, parentAssignmentId: d.parent_assignment_id,
        attachments: files.filter((f) => f.directive_id === d.id).map(fileRef),
      },
      org: orgRef(a.org_id, a.org_name, a.org_type),
      dueDate: a.due_date,
      status: a.status,
      overdue: a.status === 'pending' && today() > a.due_date,
      late: a.late,
      outcome: a.outcome,
      reason: a.reason,
      report: a.report,
      figures: a.figures,
      reportedAt: a.reported_at?.toISOString() ?? null,
      fannedOut: children.map((c) => {
        const rows = below.filter((b) => b.directive_id === c.id);
        return { directiveId: c.id, targets: rows.length, reported: rows.filter((r) => r.status === 'reported').length };
      }),
      attachments: files.filter((f) => f.assignment_id === a.id).map(fileRef),
      version: a.version,
    };
  }

  async function assignment(actor: Actor, id: number): Promise<AssignmentView> {
    requireAction(actor, 'dispatch:read');
    const a = await repo.findAssignment(db, actor.scope, id);
    if (!a) throw new AppError('not_found');
    const d = (await repo.findDirective(db, a.directive_id))!;
    const children = await repo.childDirectives(db, [a.id]);
    const below = await repo.assignmentsOf(db, children.map((c) => c.id));
    return present(a, d, children, below, await repo.attachmentsOf(db, [d.id], [a.id]));
  }

  /** What the actor's own org must do: pending first, then recent reports. */
  async function inbox(actor: Actor, q: InboxQuery = {}) {
    requireAction(actor, 'dispatch:read');
    const filter: repo.InboxFilter = { includeReported: q.all ?? false, tab: q.tab, q: q.q, kind: q.kind };
    const p = pageOf(q);
    const t = today();
    const [rows, all] = await Promise.all([
      repo.inboxOf(db, actor.scope.orgId, filter, p),
      repo.inboxCounts(db, actor.scope.orgId, filter, t, plusDays(t, 7 - isoWeekday(t))), // the week ends on Sunday
    ]);
    const total = await totalOf(rows, p.page, () => repo.inboxOf(db, actor.scope.orgId, filter, { limit: 1, offset: 0 }));
    const { g_overdue, g_week, g_later, ...counts } = all;
    return { items: await inboxItems(rows), total, page: p.page, pageSize: p.pageSize, counts, groups: { overdue: g_overdue, week: g_week, later: g_later } };
  }

  async function inboxItems(rows: AssignmentRow[]) {
    const directives = new Map<number, DirectiveRow>();
    for (const id of new Set(rows.map((r) => r.directive_id))) directives.set(id, (await repo.findDirective(db, id))!);
    const children = await repo.childDirectives(db, rows.map((r) => r.id));
    const below = await repo.assignmentsOf(db, children.map((c) => c.id));
    const files = await repo.attachmentsOf(db, [...directives.keys()], rows.map((r) => r.id));
    return Promise.all(rows.map((r) => present(r, directives.get(r.directive_id)!, children.filter((c) => c.parent_assignment_id === r.id), below, files)));
  }

  /** Pre-fills the org's own report from the reports of the orgs it broke the work down to. */
  async function compile(actor: Actor, id: number) {
    const view = await assignment(actor, id);
    const children = await repo.childDirectives(db, [id]);
    const below = await repo.assignmentsOf(db, children.map((c) => c.id));
    const reported = below.filter((b) => b.status === 'reported');
    const lines = reported.map((b) => `${b.org_name}：${b.outcome === 'done' ? '已完成' : b.outcome === 'partly' ? '部分完成' : '未完成'}${b.report ? `。${b.report}` : ''}${b.reason ? `（原因：${b.reason}）` : ''}`);
    const missing = below.filter((b) => b.status !== 'reported').map((b) => b.org_name);
    const outcomes = reported.map((b) => b.outcome);
    const outcome = missing.length === 0 && outcomes.every((o) => o === 'done') ? 'done' : outcomes.some((o) => o !== 'not_done') ? 'partly' : 'not_done';
    return {
      outcome: below.length ? outcome : null,
      text: lines.join('\n') + (missing.length ? `\n未上报：${missing.join('、')}` : ''),
      figures: prefill(view.directive.form, reported.map((b) => b.figures)),
      reported: reported.length,
      targets: below.length,
      missing,
    };
  }

  /** The issuer's progress board: who reported, who is late, rolled-up figures, down two levels. */
  async function board(actor: Actor, directiveId: number): Promise<Board> {
    requireAction(actor, 'dispatch:read');
    return boardIn(db, actor, directiveId);
  }

  /**
   * GET /api/directives/:id/board's answer as bytes, kept per directive and scope while the county's
   * generation of what the board reads and the date are unchanged (core/kept-answers.ts). What a
   * scope sees of a directive (whether at all: 404; which recipients) depends only on the
   * directive's and its assignments' paths — watched tables — so an answer kept at the current
   * generation for this scope is still in it; nothing in it depends on who asks. A directive
   * and its assignments lie in one county (the issuer's; nothing above counties issues).
   */
  async function boardAnswer(actor: Actor, directiveId: number, render: (board: Board) => string): Promise<KeptAnswer> {
    requireAction(actor, 'dispatch:read');
    return kept.answer(BOARD_ANSWER, `${directiveId}:${actor.scope.path}`, actor.scope.countyId, today(), async (tx) => render(await boardIn(tx, actor, directiveId)));
  }

  async function boardIn(q: Queryable, actor: Actor, directiveId: number): Promise<Board> {
    // the directive (only within the scope), its recipients, theirs and the files: one statement
    const found = await repo.boardOf(q, directiveId, actor.scope);
    if (!found) throw new AppError('not_found');
    const { directive: d, top, below, files } = found;
    const t = today();
    const overdue = (a: Pick<AssignmentRow, 'status' | 'due_date'>) => a.status === 'pending' && t > a.due_date;
    const rows = top.map((a) => ({
      assignmentId: a.id,
      org: orgRef(a.org_id, a.org_name, a.org_type),
      status: a.status,
      late: a.late,
      overdue: overdue(a),
      outcome: a.outcome,
      reason: a.reason,
      report: a.report,
      reportedAt: a.reported_at?.toISOString() ?? null,
      dueDate: a.due_date,
      figures: a.figures,
      attachments: files.filter((f) => f.assignment_id === a.id).map(fileRef),
      below: below
        .filter((b) => b.parent_assignment_id === a.id)
        .map((b) => ({ assignmentId: b.id, org: orgRef(b.org_id, b.org_name, b.org_type), status: b.status, late: b.late, overdue: overdue(b), outcome: b.outcome, reportedAt: b.reported_at?.toISOString() ?? null })),
    }));
    const reported = top.filter((a) => a.status === 'reported');
    return {
      directive: {
        id: d.id, title: d.title, content: d.content, dueDate: d.due_date, kind: d.kind as Board['directive']['kind'], form: d.form,
        issuer: orgRef(d.issuer_org_id, d.issuer_name, d.issuer_type), status: d.status, allowLate: d.allow_late, periodKey: d.period_key,
        parentAssignmentId: d.parent_assignment_id, createdAt: d.created_at.toISOString(), version: d.version,
        attachments: files.filter((f) => f.directive_id === d.id).map(fileRef),
      },
      totals: {
        targets: top.length,
        reported: reported.length,
        late: top.filter((a) => a.late || overdue(a)).length,
        overdue: top.filter(overdue).length,
        belowTargets: below.length,
        belowReported: below.filter((b) => b.status === 'reported').length,
        figures: rollUp(d.form as FormField[], reported.map((a) => a.figures)),
      },
      rows,
    };
  }

  /**
   * Attaches a file to a directive (by its issuer, while open) or to an assignment's report (by
   * the recipient, while the directive is open).
   */
  /** Attaches a file; answers the file as the directive's or the report's attachments list it. */
  async function attach(actor: Actor, to: { directiveId: number } | { assignmentId: number }, file: { fileName: string; mimeType: string; content: Buffer }): Promise<DispatchFile> {
    requireAction(actor, 'dispatch:report');
    return db.transaction(async (tx) => {
      let countyId: number;
      let directiveId: number | null = null;
      let assignmentId: number | null = null;
      if ('directiveId' in to) {
        const d = await repo.findDirective(tx, to.directiveId);
        if (!d || !(await repo.directiveVisible(tx, d.id, actor.scope.path))) throw new AppError('not_found');
        if (d.issuer_org_id !== actor.scope.orgId) throw new AppError('forbidden', { zh: '只能由下发单位添加附件', en: 'Only the issuer attaches files' });
        if (d.status === 'closed') throw new AppError('dispatch_closed', { zh: '该任务已截止', en: 'The directive is closed' });
        countyId = d.county_id;
        directiveId = d.id;
      } else {
        const a = await repo.findAssignment(tx, actor.scope, to.assignmentId, true);
        if (!a) throw new AppError('not_found');
        if (a.org_id !== actor.scope.orgId) throw new AppError('forbidden', { zh: '只能由接收单位上传上报附件', en: 'Only the recipient attaches files to its report' });
        const d = (await repo.findDirective(tx, a.directive_id))!;
        if (d.status === 'closed') throw new AppError('dispatch_closed');
        countyId = a.county_id;
        assignmentId = a.id;
      }
      const sha256 = crypto.createHash('sha256').update(file.content).digest('hex');
      const id = await repo.insertAttachment(tx, { countyId, directiveId, assignmentId, fileName: file.fileName, mimeType: file.mimeType, content: file.content, sha256, createdBy: actor.accountId });
      await audit(tx, actor, 'directive.attach', directiveId ? 'directive' : 'assignment', (directiveId ?? assignmentId)!, countyId, { attachmentId: id, size: file.content.length, mimeType: file.mimeType });
      return { id, fileName: file.fileName, mimeType: file.mimeType, size: file.content.length };
    });
  }

  /** A file of a directive or report, for whoever may see that directive or assignment. */
  async function attachment(actor: Actor, id: number) {
    requireAction(actor, 'dispatch:read');
    const f = await repo.findAttachment(db, id);
    if (!f) throw new AppError('not_found');
    if (f.directive_id) {
      if (!(await repo.directiveVisible(db, f.directive_id, actor.scope.path))) throw new AppError('not_found');
    } else {
      // the recipient (and the levels above it), or the issuer of the directive (and above)
      if (!(await repo.findAssignment(db, actor.scope, f.assignment_id!))) {
        const directiveId = await repo.directiveOfAssignment(db, f.assignment_id!);
        const d = directiveId ? await repo.findDirective(db, directiveId) : undefined;
        if (!d || !d.issuer_path.startsWith(actor.scope.path)) throw new AppError('not_found');
      }
    }
    return { fileName: f.file_name, mimeType: f.mime_type, content: Buffer.from(f.content) };
  }

  async function sent(actor: Actor, q: DirectiveListQuery = {}) {
    requireAction(actor, 'dispatch:read');
    const p = pageOf(q);
    const f: repo.DirectiveFilter = { q: q.q, kind: q.kind, status: q.status };
    const [rows, counts] = await Promise.all([repo.sentBy(db, actor.scope.path, p, f), repo.directiveCounts(db, 'sent', actor.scope.path, f)]);
    const total = await totalOf(rows, p.page, () => repo.sentBy(db, actor.scope.path, { limit: 1, offset: 0 }, f));
    return { total, page: p.page, pageSize: p.pageSize, counts, items: rows.map((d) => ({
      id: d.id, kind: d.kind, title: d.title, dueDate: d.due_date, status: d.status, periodKey: d.period_key,
      seriesId: d.series_id, parentAssignmentId: d.parent_assignment_id, createdAt: d.created_at.toISOString(),
      targets: d.targets, reported: d.reported, late: d.late,
    })) };
  }

  /**
   * Directives from above (the county's) to orgs within the scope (a township's stations): the
   * level follows its part — counts over its own subtree only; the board opens on the same part.
   */
  async function following(actor: Actor, q: DirectiveListQuery = {}) {
    requireAction(actor, 'dispatch:read');
    const p = pageOf(q);
    const f: repo.DirectiveFilter = { q: q.q, kind: q.kind, status: q.status };
    const [rows, counts] = await Promise.all([repo.followedBy(db, actor.scope.path, p, f), repo.directiveCounts(db, 'following', actor.scope.path, f)]);
    const total = await totalOf(rows, p.page, () => repo.followedBy(db, actor.scope.path, { limit: 1, offset: 0 }, f));
    return { total, page: p.page, pageSize: p.pageSize, counts, items: rows.map((d) => ({
      id: d.id, kind: d.kind, title: d.title, dueDate: d.due_date, status: d.status, periodKey: d.period_key,
      seriesId: d.series_id, parentAssignmentId: d.parent_assignment_id, createdAt: d.created_at.toISOString(),
      targets: d.targets, reported: d.reported, late: d.late, issuer: orgRef(d.issuer_org_id, d.issuer_name, d.issuer_type),
    })) };
  }

  async function close(actor: Actor, directiveId: number, version: number) {
    requireAction(actor, 'dispatch:report');
    await db.transaction(async (tx) => {
      const d = await repo.findDirective(tx, directiveId);
      if (!d || !d.issuer_path.startsWith(actor.scope.path)) throw new AppError('not_found');
      if (d.issuer_org_id !== actor.scope.orgId) throw new AppError('forbidden', { zh: '只能由下发单位截止', en: 'Only the issuer closes it' });
      if (!(await repo.closeDirective(tx, d.id, version))) throw new AppError('version_conflict');
      await audit(tx, actor, 'directive.close', 'directive', d.id, d.county_id, {});
    });
  }

  const seriesView = (actor: Actor, s: SeriesRow & { active: boolean }) => ({ id: s.id, kind: s.kind, title: s.title, frequency: s.frequency, weekday: s.weekday, dueDays: s.due_days, active: s.active, targets: s.targets, mine: s.issuer_org_id === actor.scope.orgId });

  async function series(actor: Actor, q: ListPageQuery = {}) {
    requireAction(actor, 'dispatch:read');
    const p = pageOf(q);
    const rows = await repo.seriesOfScope(db, actor.scope, p);
    const total = await totalOf(rows, p.page, () => repo.seriesOfScope(db, actor.scope, { limit: 1, offset: 0 }));
    return { items: rows.map((s) => seriesView(actor, s)), total, page: p.page, pageSize: p.pageSize };
  }

  /** One recurring directive, scoped exactly like the list (issued in the scope): outside it, not found. */
  async function oneSeries(actor: Actor, id: number) {
    requireAction(actor, 'dispatch:read');
    const [row] = await repo.seriesOfScope(db, actor.scope, { limit: 1, offset: 0 }, id);
    if (!row) throw new AppError('not_found');
    return seriesView(actor, row);
  }

  /** Stops a recurring directive (no further periods are issued) or starts it again; issuer only. */
  async function setSeriesActive(actor: Actor, seriesId: number, active: boolean) {
    requireAction(actor, 'dispatch:issue');
    return db.transaction(async (tx) => {
      const s = await repo.lockSeries(tx, seriesId);
      if (!s || !s.issuer_path.startsWith(actor.scope.path)) throw new AppError('not_found');
      if (s.issuer_org_id !== actor.scope.orgId) throw new AppError('forbidden', { zh: '只能由下发单位停止或恢复定期下发', en: 'Only the issuer stops or resumes it' });
      if (s.active !== active) {
        await repo.setSeriesActive(tx, s.id, active);
        await audit(tx, actor, active ? 'directive.series.resume' : 'directive.series.stop', 'directive_series', s.id, s.county_id, { title: s.title });
      }
      return { id: s.id, active };
    });
  }

  /**
   * A report request issued by another module on its own schedule (项目月报告): one directive of
   * the given kind from `issuer` to one org below it, its assignment and the audit record by the
   * system, in the caller's transaction (which also records the request on its side). Answered,
   * late and rolled up like every directive; the recipient reports in its inbox.
   */
  async function issueRequest(tx: Queryable, input: {
    countyId: number; issuer: { id: number; path: string }; orgId: number; kind: 'report'; title: string; content: string; periodKey: string; dueDate: string;
    summary: Record<string, unknown>;
  }): Promise<{ directiveId: number; assignmentId: number }> {
    const made = await repo.insertDirective(tx, {
      countyId: input.countyId, issuerOrgId: input.issuer.id, issuerPath: input.issuer.path, parentAssignmentId: null, seriesId: null,
      kind: input.kind, title: input.title, content: input.content, form: [], periodKey: input.periodKey, dueDate: input.dueDate, allowLate: true, createdBy: null,
    }, { orgIds: [input.orgId] });
    if (!made || made.targets !== 1) throw new AppError('conflict', { zh: '接收单位不存在或已撤销', en: 'The recipient is gone' });
    const [assignmentId] = await repo.assignmentIdsOf(tx, made.id);
    await appendAudit(tx, { countyId: input.countyId, accountId: null, username: 'system', action: 'directive.issue', objectType: 'directive', objectId: made.id, summary: { ...input.summary, period: input.periodKey, targets: 1 }, result: 'success', ip: null });
    return { directiveId: made.id, assignmentId: assignmentId! };
  }

  /** The answers to requests a module issued (by the assignment keys it kept). */
  function answerStates(q: Queryable, ids: readonly number[]) {
    return repo.answerStates(q, ids);
  }

  /** 工作台 (a today source): my org's reports not yet made. */
  function todayItems(q: Queryable, actor: Actor, day: string) {
    return repo.todayReportsDue(q, { orgId: actor.scope.orgId, today: day, limit: TODAY_ROWS });
  }

  /** 工作台 (a count source): my org's reports to make, and the late ones below it. */
  async function todoCounts(q: Queryable, actor: Actor, day: string) {
    const row = await repo.todoAssignmentCounts(q, actor.scope, day);
    return { assignments_to_report: row.mine, assignments_late_below: row.late_below };
  }

  return { issueRequest, answerStates, issue, runSeries, fanOut, report, assignment, inbox, compile, board, boardAnswer, sent, following, close, series, oneSeries, setSeriesActive, attach, attachment, todayItems, todoCounts, today };
}

export type DispatchService = ReturnType<typeof createDispatchService>;
