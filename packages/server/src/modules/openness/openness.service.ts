// 三务公开: a unit composes a period's 党务/村务/财务 disclosure (items, the board's photo), publishes it,
// and corrects a published one only by a new audited revision; the county's disclosure day makes
// due and overdue lists rolled up the tree; citizens read the current revisions without logging in.
// 村级财务审计: audits with findings, each finding a ledger problem in one step through the ledger's
// front door. 台账/簿册: the county's register set, each book filled from records where a source is
// registered (core/register-sources.ts), by hand where none is, as a printable page and .xlsx.
import {
  DEFAULT_CADENCE,
  DEFAULT_DISCLOSURE_DAY,
  DEFAULT_DISCLOSURE_UNIT_TYPES,
  DEFAULT_REGISTER_BOOKS,
  DISCLOSURE_KINDS,
  DISCLOSURE_KIND_LABELS,
  REGISTER_SOURCES_KNOWN,
  REGISTER_SOURCE_LABELS,
  formatYuan,
  type AddRegisterRowBody,
  type AuditFindingToProblemBody,
  type DisclosureCadence,
  type ComposeDisclosureBody,
  type CorrectDisclosureBody,
  type CreateFinanceAuditBody,
  type DisclosureBoard,
  type DisclosureBoardQuery,
  type DisclosureItemInput,
  type DisclosureKind,
  type DisclosureRevision,
  type DisclosurePage,
  type DisclosureSummary,
  type FinanceAuditPage,
  type DisclosureView,
  type FinanceAuditView,
  type ListDisclosuresQuery,
  type ListFinanceAuditsQuery,
  type OpennessSettings,
  type OrgType,
  type PublicDisclosures,
  type RegisterBook,
  type RegisterList,
  type RegisterQuery,
  type RegisterView,
  type RegisterRowView,
  type SaveDraftBody,
  type SaveOpennessSettingsBody,
} from '@lianxin/contract';
import { can } from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError, type FieldError } from '../../core/errors.js';
import { plusDays, todayInChina } from '../../core/calendar.js';
import { ancestors, byIds, idsOnPath, inScope as orgInScope, publicOrg, type OrgNode } from '../../core/org-tree.js';
import type { PublicSection, PublicUnitRef } from '../../core/public-sections.js';
import type { RegisterCell, RegisterSource, RegisterSources } from '../../core/register-sources.js';
import type { TodaySourceRow } from '../../core/today-sources.js';
import type { LedgerService } from '../ledger/index.js';
import * as repo from './openness.repository.js';

type Ledger = Pick<LedgerService, 'checkRegistration' | 'createChecked' | 'detail'>;
const ref = (o: { id: number; name: string; type: string }) => ({ id: o.id, name: o.name, type: o.type as OrgType });
const kindLabel = (k: string) => DISCLOSURE_KIND_LABELS[k as DisclosureKind]?.zh ?? k;

// ---- periods ----

/** The quarter of a month: `2026-11` → `2026-Q4`. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
}
/** The first month of a period (a month is its own). */
export function firstMonthOf(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  return q ? `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}` : period.slice(0, 7);
}
/** The month in which a period's disclosure is due (a quarter's last month). */
export function dueMonthOf(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  return q ? `${q[1]}-${String(Number(q[2]) * 3).padStart(2, '0')}` : period;
}
export const dueOnOf = (period: string, day: number) => `${dueMonthOf(period)}-${String(day).padStart(2, '0')}`;
/** What is due in a month: each kind with the period it covers (a quarterly kind only in its quarter's last month). */
export function dueIn(month: string, cadence: Record<DisclosureKind, DisclosureCadence>): { kind: DisclosureKind; period: string }[] {
  return DISCLOSURE_KINDS.flatMap((kind) => {
    if (cadence[kind] === 'month') return [{ kind, period: month }];
    const q = quarterOf(month);
    return dueMonthOf(q) === month ? [{ kind, period: q }] : [];
  });
}

/** Yuan as typed → fen; a negative or non-numeric amount is refused with the field named. */
export function parseAmount(raw: string | null | undefined, field: string): number | null {
  if (raw === null || raw === undefined) return null;
  const s = raw.trim().replace(/,/g, '');
  if (s === '') return null;
  if (/^-/.test(s) && /^-\d/.test(s)) throw fieldError(field, '金额不能为负数', 'The amount cannot be negative');
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw fieldError(field, `金额“${raw.slice(0, 20)}”不是有效数字：请填写元，最多两位小数`, 'The amount must be a number of yuan with at most two decimals');
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export type OpennessDeps = { db: Db; ledger: Ledger; sources: RegisterSources; today?: () => string };

export function createOpennessService(deps: OpennessDeps) {
  const { db, ledger, sources } = deps;
  const today = deps.today ?? (() => todayInChina());
  const monthOf = (d: string) => d.slice(0, 7);

  // ---- settings ----

  async function settings(countyId: number): Promise<Omit<OpennessSettings, 'sources'>> {
    const row = await repo.settingsOf(db, countyId);
    return {
      disclosureDay: row?.disclosure_day ?? DEFAULT_DISCLOSURE_DAY,
      unitTypes: (row?.unit_types as OrgType[] | undefined) ?? DEFAULT_DISCLOSURE_UNIT_TYPES,
      cadence: { ...DEFAULT_CADENCE, ...((row?.cadence as Record<DisclosureKind, DisclosureCadence> | undefined) ?? {}) },
      books: (row?.books as RegisterBook[] | undefined) ?? DEFAULT_REGISTER_BOOKS,
    };
  }

  function sourceList() {
    return [
      { code: 'manual', label: REGISTER_SOURCE_LABELS.manual!, columns: [], available: true },
      ...sources.all().map((s) => ({ code: s.code, label: s.label, columns: s.columns, available: true })),
      ...REGISTER_SOURCES_KNOWN.filter((c) => c !== 'manual' && !sources.get(c)).map((c) => ({ code: c, label: REGISTER_SOURCE_LABELS[c] ?? c, columns: [], available: false })),
    ];
  }

  function countyOf(actor: Actor): number {
    if (actor.scope.countyId === null) throw new AppError('forbidden');
    return actor.scope.countyId;
  }

  async function getSettings(actor: Actor): Promise<OpennessSettings> {
    requireAction(actor, 'openness:read');
    return { ...(await settings(countyOf(actor))), sources: sourceList() };
  }

  async function saveSettings(actor: Actor, input: SaveOpennessSettingsBody): Promise<OpennessSettings> {
    requireAction(actor, 'openness:configure');
    const countyId = countyOf(actor);
    const errors: FieldError[] = [];
    const codes = input.books.map((b) => b.code);
    const names = input.books.map((b) => b.name.trim());
    input.books.forEach((b, i) => {
      if (codes.indexOf(b.code) !== i) errors.push({ field: `books.${i}.code`, zh: `簿册代码“${b.code}”重复`, en: `Duplicate code ${b.code}` });
      if (!names[i]) errors.push({ field: `books.${i}.name`, zh: '请填写簿册名称', en: 'Enter the name' });
      else if (names.indexOf(names[i]!) !== i) errors.push({ field: `books.${i}.name`, zh: `簿册“${names[i]}”重复`, en: `Duplicate book ${names[i]}` });
      const source = sources.get(b.source);
      if (b.source !== 'manual' && !source && !(REGISTER_SOURCES_KNOWN as readonly string[]).includes(b.source)) {
        errors.push({ field: `books.${i}.source`, zh: `没有“${b.source}”这个数据来源`, en: 'No such record source' });
      }
      const keys = b.columns.map((c) => c.key);
      b.columns.forEach((c, j) => {
        if (keys.indexOf(c.key) !== j) errors.push({ field: `books.${i}.columns.${j}.key`, zh: `栏目“${c.label}”的代码重复`, en: 'Duplicate column key' });
        if (!c.label.trim()) errors.push({ field: `books.${i}.columns.${j}.label`, zh: '请填写栏目名称', en: 'Enter the column label' });
        if (source && !source.columns.some((s) => s.key === c.key)) {
          errors.push({ field: `books.${i}.columns.${j}.key`, zh: `“${source.label}”没有“${c.key}”这一栏，可选：${source.columns.map((s) => s.label).join('、')}`, en: 'The source has no such column' });
        }
      });
    });
    if (errors.length) throw validationError(errors);
    const before = await settings(countyId);
    const books = input.books.map((b, i) => ({ ...b, name: names[i]!, columns: b.columns.map((c) => ({ key: c.key, label: c.label.trim() })) }));
    await db.transaction(async (tx) => {
      await repo.saveSettings(tx, countyId, { disclosureDay: input.disclosureDay, unitTypes: input.unitTypes, cadence: input.cadence, books });
      await appendAudit(tx, {
        countyId, accountId: actor.accountId, username: actor.username, action: 'openness.settings', objectType: 'county', objectId: countyId,
        summary: { disclosureDay: { from: before.disclosureDay, to: input.disclosureDay }, unitTypes: input.unitTypes, cadence: input.cadence, books: books.map((b) => b.name) },
        result: 'success', ip: actor.ip,
      });
    });
    return getSettings(actor);
  }

  // ---- disclosures ----

  async function unitInScope(q: Queryable, actor: Actor, orgId: number): Promise<OrgNode> {
    const org = await orgInScope(q, actor.scope, orgId);
    if (!org || org.status !== 'active') throw new AppError('not_found');
    return org;
  }

  async function revisionView(rows: repo.RevisionRow[]): Promise<Map<number, DisclosureRevision>> {
    const items = await repo.itemsOf(db, rows.map((r) => r.id));
    const files = new Map((await repo.filesMeta(db, rows.flatMap((r) => [...(r.photo_file_id ? [r.photo_file_id] : []), ...r.attachment_ids.map(Number)]))).map((f) => [Number(f.id), f]));
    const file = (id: number | null) => {
      const f = id ? files.get(Number(id)) : undefined;
      return f ? { id: Number(f.id), role: f.role, fileName: f.file_name, mimeType: f.mime_type, size: f.size } : null;
    };
    return new Map(rows.map((r) => [r.id, {
      revision: r.revision, status: r.status, reason: r.reason, publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
      items: items.filter((i) => i.revision_id === r.id).map((i) => ({ seq: i.seq, title: i.title, content: i.content, amountFen: i.amount_fen === null ? null : Number(i.amount_fen) })),
      photo: file(r.photo_file_id), attachments: r.attachment_ids.map((id) => file(Number(id))).filter((f): f is NonNullable<typeof f> => f !== null), version: r.version,
    }]));
  }

  async function view(actor: Actor, d: repo.DisclosureRow): Promise<DisclosureView> {
    const s = await settings(d.county_id);
    const revisions = await repo.revisionsOf(db, [d.id]);
    const views = await revisionView(revisions);
    const published = revisions.filter((r) => r.status === 'published');
    const draft = revisions.find((r) => r.status === 'draft');
    return {
      id: d.id, org: ref({ id: d.org_id, name: d.org_name, type: d.org_type }), kind: d.kind as DisclosureKind, period: d.period,
      current: published[0] ? views.get(published[0].id)! : null,
      draft: draft ? views.get(draft.id)! : null,
      history: published.slice(1).map((r) => ({ revision: r.revision, reason: r.reason, publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null })),
      dueOn: dueOnOf(d.period, s.disclosureDay),
      canEdit: can(actor.roles, 'openness:publish'),
    };
  }

  async function disclosure(actor: Actor, id: number): Promise<DisclosureView> {
    requireAction(actor, 'openness:read');
    const d = await repo.findDisclosure(db, likePrefix(actor.scope.path), id);
    if (!d) throw new AppError('not_found');
    return view(actor, d);
  }

  function checkItems(kind: DisclosureKind, items: DisclosureItemInput[]) {
    const errors: FieldError[] = [];
    const out = items.map((it, i) => {
      const title = it.title.trim();
      if (!title) errors.push({ field: `items.${i}.title`, zh: '请填写公开事项的标题', en: 'Enter the title' });
      let amountFen: number | null = null;
      try {
        amountFen = parseAmount(it.amount, `items.${i}.amount`);
      } catch (e) {
        const f = (e as AppError).details as { fields?: FieldError[] } | undefined;
        errors.push(...(f?.fields ?? [{ field: `items.${i}.amount`, zh: '金额不正确', en: 'Bad amount' }]));
      }
      if (amountFen !== null && kind !== 'finance') errors.push({ field: `items.${i}.amount`, zh: '只有财务公开的事项填写金额', en: 'Only financial items carry an amount' });
      return { title, content: it.content.trim(), amountFen };
    });
    if (errors.length) throw validationError(errors);
    return out;
  }

  function checkPeriod(kind: DisclosureKind, period: string, s: Omit<OpennessSettings, 'sources'>) {
    const quarterly = /Q/.test(period);
    if (s.cadence[kind] === 'quarter' && !quarterly) throw fieldError('period', `本县${kindLabel(kind)}按季度公开，请选择季度（如 ${quarterOf(monthOf(today()))}）`, 'This kind is disclosed quarterly');
    if (s.cadence[kind] === 'month' && quarterly) throw fieldError('period', `本县${kindLabel(kind)}按月公开，请选择月份`, 'This kind is disclosed monthly');
    if (firstMonthOf(period) > monthOf(today())) throw fieldError('period', `不能公开未来的期间（${period}）：期间开始后再公开`, 'The period has not begun');
  }

  async function compose(actor: Actor, input: ComposeDisclosureBody): Promise<number> {
    requireAction(actor, 'openness:publish');
    const org = await unitInScope(db, actor, input.orgId);
    const s = await settings(org.county_id);
    if (!s.unitTypes.includes(org.type as OrgType)) throw fieldError('orgId', `本县未要求${org.name}这类单位进行三务公开`, 'This kind of unit does not disclose in this county');
    checkPeriod(input.kind, input.period, s);
    const items = checkItems(input.kind, input.items);
    const like = likePrefix(actor.scope.path);
    const existing = await repo.findDisclosureOf(db, like, org.id, input.kind, input.period);
    if (existing) throw new AppError('conflict', { zh: `${org.name}${input.period}的${kindLabel(input.kind)}已经建立：请打开它继续编辑，已公布的请提交更正`, en: 'This disclosure already exists' }, { disclosureId: existing.id });
    return db.transaction(async (tx) => {
      const id = await repo.insertDisclosure(tx, { countyId: org.county_id, orgId: org.id, orgPath: org.path, kind: input.kind, period: input.period });
      if (!id) throw new AppError('conflict', { zh: '该期公开刚被他人建立，请刷新', en: 'Created by someone else just now' });
      const revisionId = await repo.insertRevision(tx, { disclosureId: id, countyId: org.county_id, revision: 1, reason: null, photoFileId: null, attachmentIds: [], createdBy: actor.accountId || null });
      await repo.replaceItems(tx, revisionId, items);
      await appendAudit(tx, {
        countyId: org.county_id, accountId: actor.accountId, username: actor.username, action: 'disclosure.create', objectType: 'disclosure', objectId: id,
        summary: { orgId: org.id, kind: input.kind, period: input.period, items: items.length }, result: 'success', ip: actor.ip,
      });
      return id;
    });
  }

  /** The disclosure in scope with its open draft (409 when none is open: published ones are corrected, not edited). */
  async function openDraft(actor: Actor, id: number) {
    requireAction(actor, 'openness:publish');
    const d = await repo.findDisclosure(db, likePrefix(actor.scope.path), id);
    if (!d) throw new AppError('not_found');
    const draft = (await repo.revisionsOf(db, [d.id])).find((r) => r.status === 'draft');
    if (!draft) throw new AppError('conflict', { zh: '已公布的公开不能直接修改：请提交更正，说明更正原因', en: 'A published disclosure is corrected by a new revision' });
    return { d, draft };
  }

  async function saveDraft(actor: Actor, id: number, input: SaveDraftBody): Promise<DisclosureView> {
    const { d, draft } = await openDraft(actor, id);
    const items = checkItems(d.kind as DisclosureKind, input.items);
    await db.transaction(async (tx) => {
      const locked = await repo.draftForUpdate(tx, d.id);
      if (!locked) throw new AppError('conflict', { zh: '这一稿已公布，请刷新', en: 'Published meanwhile' });
      if (locked.version !== input.version) throw new AppError('version_conflict');
      await repo.replaceItems(tx, locked.id, items);
      await repo.touchRevision(tx, locked.id, {});
      await appendAudit(tx, {
        countyId: d.county_id, accountId: actor.accountId, username: actor.username, action: 'disclosure.update', objectType: 'disclosure', objectId: d.id,
        summary: { revision: draft.revision, items: items.length }, result: 'success', ip: actor.ip,
      });
    });
    return disclosure(actor, id);
  }

  async function attach(actor: Actor, id: number, role: 'photo' | 'attachment', file: { fileName: string; mimeType: string; content: Buffer }): Promise<DisclosureView> {
    const { d } = await openDraft(actor, id);
    await db.transaction(async (tx) => {
      const locked = await repo.draftForUpdate(tx, d.id);
      if (!locked) throw new AppError('conflict', { zh: '这一稿已公布，请刷新', en: 'Published meanwhile' });
      if (role === 'attachment' && locked.attachment_ids.length >= 10) throw new AppError('conflict', { zh: '每期公开最多 10 个附件', en: 'At most 10 attachments' });
      const fileId = await repo.insertFile(tx, { disclosureId: d.id, countyId: d.county_id, role, fileName: file.fileName, mimeType: file.mimeType, content: file.content, createdBy: actor.accountId || null });
      await repo.touchRevision(tx, locked.id, role === 'photo' ? { photoFileId: fileId } : { attachmentId: fileId });
      await appendAudit(tx, {
        countyId: d.county_id, accountId: actor.accountId, username: actor.username, action: role === 'photo' ? 'disclosure.photo' : 'disclosure.attach', objectType: 'disclosure', objectId: d.id,
        summary: { revision: locked.revision, fileId, size: file.content.length, mimeType: file.mimeType }, result: 'success', ip: actor.ip,
      });
    });
    return disclosure(actor, id);
  }

  async function publish(actor: Actor, id: number, version: number): Promise<DisclosureView> {
    const { d } = await openDraft(actor, id);
    await db.transaction(async (tx) => {
      const locked = await repo.draftForUpdate(tx, d.id);
      if (!locked) throw new AppError('conflict', { zh: '这一稿已公布', en: 'Already published' });
      if (locked.version !== version) throw new AppError('version_conflict');
      const [count] = [(await repo.itemsOf(tx, [locked.id])).length];
      const errors: FieldError[] = [];
      if (!count) errors.push({ field: 'items', zh: '请至少填写一项公开内容', en: 'Add at least one item' });
      if (!locked.photo_file_id) errors.push({ field: 'photo', zh: '请上传公开栏照片后再公布', en: 'Upload the board photo first' });
      if (errors.length) throw validationError(errors);
      await repo.publishRevision(tx, locked.id, actor.accountId || null);
      await appendAudit(tx, {
        countyId: d.county_id, accountId: actor.accountId, username: actor.username, action: 'disclosure.publish', objectType: 'disclosure', objectId: d.id,
        summary: { orgId: d.org_id, kind: d.kind, period: d.period, revision: locked.revision, reason: locked.reason, items: count }, result: 'success', ip: actor.ip,
      });
    });
    return disclosure(actor, id);
  }

  /** 更正: a new draft revision copying the current one, with the reason; published when the unit publishes it. */
  async function correct(actor: Actor, id: number, input: CorrectDisclosureBody): Promise<DisclosureView> {
    requireAction(actor, 'openness:publish');
    const d = await repo.findDisclosure(db, likePrefix(actor.scope.path), id);
    if (!d) throw new AppError('not_found');
    const reason = input.reason.trim();
    if (!reason) throw fieldError('reason', '请说明更正原因', 'Give the reason');
    const revisions = await repo.revisionsOf(db, [d.id]);
    if (revisions.some((r) => r.status === 'draft')) throw new AppError('conflict', { zh: '这一期公开还有未公布的稿：请先完成并公布它', en: 'A draft is open' });
    const current = revisions.find((r) => r.status === 'published');
    if (!current) throw new AppError('conflict', { zh: '尚未公布，无需更正', en: 'Not published yet' });
    await db.transaction(async (tx) => {
      const revisionId = await repo.insertRevision(tx, { disclosureId: d.id, countyId: d.county_id, revision: current.revision + 1, reason, photoFileId: current.photo_file_id, attachmentIds: current.attachment_ids.map(Number), createdBy: actor.accountId || null });
      await repo.copyItems(tx, current.id, revisionId);
      await appendAudit(tx, {
        countyId: d.county_id, accountId: actor.accountId, username: actor.username, action: 'disclosure.correct', objectType: 'disclosure', objectId: d.id,
        summary: { fromRevision: current.revision, revision: current.revision + 1, reason }, result: 'success', ip: actor.ip,
      });
    });
    return disclosure(actor, id);
  }

  async function file(actor: Actor, id: number, fileId: number) {
    requireAction(actor, 'openness:read');
    const d = await repo.findDisclosure(db, likePrefix(actor.scope.path), id);
    if (!d) throw new AppError('not_found');
    const f = await repo.fileContent(db, d.id, fileId);
    if (!f) throw new AppError('not_found');
    return { fileName: f.file_name, mimeType: f.mime_type, content: Buffer.from(f.content) };
  }

  async function list(actor: Actor, query: ListDisclosuresQuery): Promise<DisclosurePage> {
    requireAction(actor, 'openness:read');
    const path = query.orgId ? (await unitInScope(db, actor, query.orgId)).path : actor.scope.path;
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { rows, total } = await repo.listDisclosures(db, likePrefix(path), { period: query.period, kind: query.kind, page, pageSize });
    const revisions = await repo.revisionsOf(db, rows.map((r) => r.id));
    const counts = await repo.itemsOf(db, revisions.map((r) => r.id));
    const items = rows.map((d): DisclosureSummary => {
      const mine = revisions.filter((r) => r.disclosure_id === d.id);
      const published = mine.find((r) => r.status === 'published');
      const draft = mine.find((r) => r.status === 'draft');
      const shown = published ?? draft!;
      const status: DisclosureSummary['status'] = !published ? 'draft' : draft ? 'correcting' : published.revision > 1 ? 'corrected' : 'published';
      return {
        id: d.id, org: ref({ id: d.org_id, name: d.org_name, type: d.org_type }), kind: d.kind as DisclosureKind, period: d.period, status,
        revision: shown.revision, publishedAt: published?.published_at ? new Date(published.published_at).toISOString() : null,
        items: counts.filter((i) => i.revision_id === shown.id).length, hasPhoto: !!shown.photo_file_id,
      };
    });
    return { items, total, page, pageSize };
  }

  // ---- due / overdue ----

  async function board(actor: Actor, query: DisclosureBoardQuery): Promise<DisclosureBoard> {
    requireAction(actor, 'openness:read');
    const org = await unitInScope(db, actor, query.orgId ?? actor.scope.orgId);
    const t = today();
    const month = query.month ?? monthOf(t);
    if (month > monthOf(t)) throw fieldError('month', '不能查看未来月份的公开情况', 'The month is in the future');
    const s = await settings(org.county_id);
    const due = dueIn(month, s.cadence);
    const dueOn = `${month}-${String(s.disclosureDay).padStart(2, '0')}`;
    const overdue = t > dueOn;
    const kindOrder = (k: string) => DISCLOSURE_KINDS.indexOf(k as DisclosureKind);
    const facts = (await repo.boardUnits(db, likePrefix(org.path), s.unitTypes, due.map((x) => x.kind), due.map((x) => x.period)))
      .sort((a, b) => a.org_path.localeCompare(b.org_path) || kindOrder(a.kind) - kindOrder(b.kind));
    const lateAfter = new Date(`${plusDays(dueOn, 1)}T00:00:00+08:00`);
    const stateOf = (f: (typeof facts)[number]) =>
      f.first_published ? (new Date(f.first_published) >= lateAfter ? 'late' : 'published') : f.has_draft ? 'draft' : 'missing';
    type Unit = DisclosureBoard['units'][number] & { path: string };
    const units = new Map<number, Unit>();
    for (const f of facts) {
      let u = units.get(f.org_id);
      if (!u) units.set(f.org_id, (u = { org: ref({ id: f.org_id, name: f.org_name, type: f.org_type }), township: null, kinds: [], path: f.org_path }));
      u.kinds.push({ kind: f.kind as DisclosureKind, period: f.period, state: stateOf(f), disclosureId: f.disclosure_id, publishedAt: f.first_published ? new Date(f.first_published).toISOString() : null });
    }
    // the child of the org each unit rolls up to, and each unit's township (for the lists)
    const depth = idsOnPath(org.path).length;
    const childId = (path: string) => idsOnPath(path)[depth] ?? org.id;
    const aboveIds = new Set<number>();
    for (const u of units.values()) for (const id of idsOnPath(u.path)) aboveIds.add(id);
    const nodes = new Map((await byIds(db, [...aboveIds, org.id])).map((o) => [o.id, o]));
    for (const u of units.values()) u.township = idsOnPath(u.path).map((id) => nodes.get(id)).find((o) => o?.type === 'township')?.name ?? null;
    const empty = () => ({ units: 0, expected: 0, published: 0, late: 0, missing: 0, overdueUnits: 0 });
    const add = (acc: ReturnType<typeof empty>, u: Unit) => {
      acc.units++;
      acc.expected += u.kinds.length;
      acc.published += u.kinds.filter((k) => k.state === 'published' || k.state === 'late').length;
      acc.late += u.kinds.filter((k) => k.state === 'late').length;
      const open = u.kinds.filter((k) => k.state === 'missing' || k.state === 'draft').length;
      acc.missing += open;
      if (overdue && open > 0) acc.overdueUnits++;
    };
    const total = empty();
    const byChild = new Map<number, ReturnType<typeof empty>>();
    for (const u of units.values()) {
      add(total, u);
      const c = childId(u.path);
      if (!byChild.has(c)) byChild.set(c, empty());
      add(byChild.get(c)!, u);
    }
    const open = (u: Unit) => u.kinds.filter((k) => k.state === 'missing' || k.state === 'draft').length;
    return {
      org: ref(org), month, dueOn, overdue, due, total,
      rows: [...byChild.entries()].map(([id, tally]) => ({ org: ref(nodes.get(id) ?? org), ...tally })).sort((a, b) => b.missing - a.missing || a.org.id - b.org.id),
      units: [...units.values()].sort((a, b) => open(b) - open(a) || a.path.localeCompare(b.path)).map(({ path: _path, ...u }) => u),
    };
  }

  /**
   * 工作台: a unit that discloses sees what it has not published this month within a week of the
   * day (or after it); a township or station sees how many units below it are overdue.
   */
  async function todayItems(q: Queryable, actor: Actor, t: string): Promise<TodaySourceRow[]> {
    if (actor.scope.countyId === null || !can(actor.roles, 'openness:read')) return [];
    const org = await orgInScope(q, actor.scope, actor.scope.orgId);
    if (!org) return [];
    const s = await settings(org.county_id);
    const month = monthOf(t);
    const dueOn = `${month}-${String(s.disclosureDay).padStart(2, '0')}`;
    const due = dueIn(month, s.cadence);
    if (s.unitTypes.includes(org.type as OrgType)) {
      if (t < plusDays(dueOn, -7)) return [];
      const facts = await repo.boardUnits(q, likePrefix(org.path), [org.type], due.map((x) => x.kind), due.map((x) => x.period));
      const open = facts.filter((f) => f.org_id === org.id && !f.first_published);
      if (!open.length) return [];
      const overdue = t > dueOn;
      return [{
        kind: overdue ? 'disclosure_overdue' : 'disclosure_due', id: org.id, org: org.name, due: dueOn, reason: null, at: `${t}T00:00:00+08:00`,
        title: `${open.map((f) => `${kindLabel(f.kind)}（${f.period}）`).join('、')}${overdue ? '已过公开日，尚未公布' : '待公布'}`,
      }];
    }
    if (!(actor.roles.includes('township_admin') || actor.roles.includes('station_admin') || actor.roles.includes('county_admin')) || t <= dueOn) return [];
    const facts = await repo.boardUnits(q, likePrefix(org.path), s.unitTypes, due.map((x) => x.kind), due.map((x) => x.period));
    const behind = new Set(facts.filter((f) => !f.first_published).map((f) => f.org_id));
    if (!behind.size) return [];
    return [{ kind: 'disclosures_overdue_below', id: org.id, org: org.name, due: dueOn, reason: null, at: `${t}T00:00:00+08:00`, title: `${behind.size} 个单位本月三务公开逾期未公布` }];
  }

  // ---- public ----

  async function publicUnitOf(unitId: number) {
    const unit = await publicOrg(db, unitId);
    if (!unit || unit.status !== 'active') throw new AppError('not_found');
    const s = await settings(unit.county_id);
    if (!s.unitTypes.includes(unit.type as OrgType)) throw new AppError('not_found');
    return { unit, s };
  }

  /** The periods a month shows: the month itself and its quarter. */
  const periodsOfMonth = (month: string) => [month, quarterOf(month)];

  async function publicDisclosures(unitId: number, month?: string): Promise<PublicDisclosures> {
    const { unit, s } = await publicUnitOf(unitId);
    const periods = await repo.publishedMonths(db, unit.id);
    const months = [...new Set(periods.map((p) => dueMonthOf(p)))].sort().reverse();
    const shown = month ?? months[0] ?? monthOf(today());
    if (shown > monthOf(today())) throw fieldError('period', '不能查看未来月份', 'The month is in the future');
    const rows = await repo.publishedOf(db, unit.id, periodsOfMonth(shown));
    const items = await repo.itemsOf(db, rows.map((r) => r.revision_id));
    const files = new Map((await repo.filesMeta(db, rows.flatMap((r) => r.attachment_ids.map(Number)))).map((f) => [Number(f.id), f]));
    const above = await ancestors(db, unit.path);
    const order = (k: string) => DISCLOSURE_KINDS.indexOf(k as DisclosureKind);
    return {
      unit: { id: unit.id, name: unit.name, township: above.find((a) => a.type === 'township')?.name ?? null, county: above.find((a) => a.type === 'county')?.name ?? null },
      month: shown, disclosureDay: s.disclosureDay, months,
      disclosures: rows.sort((a, b) => order(a.kind) - order(b.kind)).map((r) => ({
        id: r.id, kind: r.kind as DisclosureKind, period: r.period, revision: r.revision, corrected: r.revision > 1, reason: r.reason,
        publishedAt: new Date(r.published_at).toISOString(),
        items: items.filter((i) => i.revision_id === r.revision_id).map((i) => ({ seq: i.seq, title: i.title, content: i.content, amountFen: i.amount_fen === null ? null : Number(i.amount_fen) })),
        photoUrl: r.photo_file_id ? `/api/public/disclosures/${r.id}/files/${r.photo_file_id}` : null,
        attachments: r.attachment_ids.map(Number).filter((id) => files.has(id)).map((id) => ({ name: files.get(id)!.file_name, url: `/api/public/disclosures/${r.id}/files/${id}` })),
      })),
    };
  }

  async function publicFile(disclosureId: number, fileId: number) {
    const f = await repo.publicFile(db, disclosureId, fileId);
    if (!f) throw new AppError('not_found');
    await publicUnitOf(f.org_id);
    return { fileName: f.file_name, mimeType: f.mime_type, content: Buffer.from(f.content) };
  }

  /** The unit page's 三务公开 section (core/public-sections.ts): the latest month's current disclosures. */
  async function publicSection(q: Queryable, unit: PublicUnitRef, _today: string): Promise<PublicSection | null> {
    const s = await settings(unit.countyId);
    if (!s.unitTypes.includes(unit.type as OrgType)) return null;
    const periods = await repo.publishedMonths(q, unit.id);
    const href = `/public/units/${unit.id}/disclosures`;
    if (!periods.length) return { key: 'disclosures', title: '三务公开', items: [], more: { label: '查看三务公开', href } };
    const month = [...new Set(periods.map((p) => dueMonthOf(p)))].sort().reverse()[0]!;
    const rows = await repo.publishedOf(q, unit.id, periodsOfMonth(month));
    const items = await repo.itemsOf(q, rows.map((r) => r.revision_id));
    const order = (k: string) => DISCLOSURE_KINDS.indexOf(k as DisclosureKind);
    return {
      key: 'disclosures', title: '三务公开',
      items: rows.sort((a, b) => order(a.kind) - order(b.kind)).map((r) => {
        const titles = items.filter((i) => i.revision_id === r.revision_id).map((i) => i.title).join('；');
        return { title: `${kindLabel(r.kind)}（${r.period}）${r.revision > 1 ? '·已更正' : ''}`, detail: titles.length > 80 ? `${titles.slice(0, 80)}…` : titles, at: new Date(r.published_at).toISOString().slice(0, 10), href };
      }),
      more: { label: '查看全部公开内容与公开栏照片', href },
    };
  }

  // ---- finance audits ----

  async function auditViews(actor: Actor, rows: repo.AuditRow[]): Promise<FinanceAuditView[]> {
    const findings = await repo.findingsOf(db, rows.map((r) => r.id));
    const statuses = new Map<number, string | null>();
    const mayRead = can(actor.roles, 'ledger:read');
    for (const f of findings) {
      if (!f.problem_case_id) continue;
      statuses.set(f.problem_case_id, mayRead ? await ledger.detail(actor, f.problem_case_id).then((p) => p.status, () => null) : null);
    }
    return rows.map((a) => ({
      id: a.id, org: ref({ id: a.org_id, name: a.org_name, type: a.org_type }), by: ref({ id: a.by_org_id, name: a.by_name, type: a.by_type }),
      period: a.period, auditedOn: a.audited_on, auditor: a.auditor, conclusion: a.conclusion,
      findings: findings.filter((f) => f.audit_id === a.id).map((f) => ({
        id: f.id, seq: f.seq, description: f.description, amountFen: f.amount_fen === null ? null : Number(f.amount_fen),
        problemId: f.problem_case_id, problemStatus: f.problem_case_id ? statuses.get(f.problem_case_id) ?? null : null,
      })),
    }));
  }

  async function audit(actor: Actor, id: number): Promise<FinanceAuditView> {
    requireAction(actor, 'openness:read');
    const a = await repo.findAudit(db, likePrefix(actor.scope.path), id);
    if (!a) throw new AppError('not_found');
    return (await auditViews(actor, [a]))[0]!;
  }

  async function audits(actor: Actor, query: ListFinanceAuditsQuery): Promise<FinanceAuditPage> {
    requireAction(actor, 'openness:read');
    const path = query.orgId ? (await unitInScope(db, actor, query.orgId)).path : actor.scope.path;
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { rows, total } = await repo.listAudits(db, likePrefix(path), query.year ?? null, page, pageSize);
    return { items: await auditViews(actor, rows), total, page, pageSize };
  }

  async function createAudit(actor: Actor, input: CreateFinanceAuditBody): Promise<number> {
    requireAction(actor, 'openness:audit');
    const org = await unitInScope(db, actor, input.orgId);
    if (org.id === actor.scope.orgId) throw fieldError('orgId', '审计对象须是本单位以下的村（社区）', 'Audit a unit below yours');
    const s = await settings(org.county_id);
    if (!s.unitTypes.includes(org.type as OrgType)) throw fieldError('orgId', `${org.name}不是本县三务公开的单位，不做村级财务审计`, 'Not a disclosing unit');
    const t = today();
    if (input.auditedOn > t) throw fieldError('auditedOn', '审计日期不能晚于今天', 'The date is in the future');
    const start = /^\d{4}$/.test(input.period) ? `${input.period}-01` : /H2$/.test(input.period) ? `${input.period.slice(0, 4)}-07` : /H1$/.test(input.period) ? `${input.period.slice(0, 4)}-01` : firstMonthOf(input.period);
    if (start > monthOf(t)) throw fieldError('period', `不能审计未来的期间（${input.period}）`, 'The period has not begun');
    const errors: FieldError[] = [];
    const findings = input.findings.map((f, i) => {
      let amountFen: number | null = null;
      try {
        amountFen = parseAmount(f.amount, `findings.${i}.amount`);
      } catch (e) {
        errors.push(...(((e as AppError).details as { fields?: FieldError[] } | undefined)?.fields ?? []));
      }
      const description = f.description.trim();
      if (!description) errors.push({ field: `findings.${i}.description`, zh: '请填写审计发现的问题', en: 'Describe the finding' });
      return { description, amountFen };
    });
    if (errors.length) throw validationError(errors);
    const like = likePrefix(actor.scope.path);
    if (await repo.auditExists(db, like, org.id, input.period)) throw new AppError('conflict', { zh: `${org.name}${input.period}的财务审计已经登记`, en: 'This audit is already recorded' });
    return db.transaction(async (tx) => {
      const id = await repo.insertAudit(tx, {
        countyId: org.county_id, orgId: org.id, orgPath: org.path, period: input.period, auditedOn: input.auditedOn, auditor: input.auditor.trim(),
        conclusion: input.conclusion.trim(), byOrgId: actor.scope.orgId, createdBy: actor.accountId || null,
      });
      if (!id) throw new AppError('conflict', { zh: `${org.name}${input.period}的财务审计已经登记`, en: 'This audit is already recorded' });
      await repo.insertFindings(tx, id, org.county_id, findings);
      await appendAudit(tx, {
        countyId: org.county_id, accountId: actor.accountId, username: actor.username, action: 'finance_audit.create', objectType: 'finance_audit', objectId: id,
        summary: { orgId: org.id, period: input.period, findings: findings.length }, result: 'success', ip: actor.ip,
      });
      return id;
    });
  }

  /** One step, one transaction, as inspections do: the finding (locked) becomes a ledger problem at the audited unit. */
  async function findingToProblem(actor: Actor, auditId: number, findingId: number, input: AuditFindingToProblemBody): Promise<number> {
    requireAction(actor, 'openness:audit');
    requireAction(actor, 'ledger:register');
    const a = await repo.findAudit(db, likePrefix(actor.scope.path), auditId);
    if (!a) throw new AppError('not_found');
    const finding = (await repo.findingsOf(db, [a.id])).find((f) => f.id === findingId);
    if (!finding) throw new AppError('not_found');
    const linked = (problemId: number) => new AppError('conflict', { zh: '该审计发现已列入问题台账', en: 'Already in the ledger' }, { problemId });
    if (finding.problem_case_id) throw linked(finding.problem_case_id);
    const amount = finding.amount_fen === null ? '' : `（涉及金额 ${formatYuan(Number(finding.amount_fen))} 元）`;
    const registration = {
      orgId: a.org_id, source: 'superior_feedback', category: input.category, description: `村级财务审计：${finding.description}${amount}`,
      measures: input.measures, responsiblePerson: input.responsiblePerson, deadline: input.deadline, sourceRef: `财务审计#${a.id}（${a.period}）第${finding.seq}条`,
    };
    const checked = await ledger.checkRegistration(actor, registration);
    if (!checked.ok) throw validationError(checked.errors);
    return db.transaction(async (tx) => {
      const locked = await repo.findingForUpdate(tx, a.id, findingId);
      if (!locked) throw new AppError('not_found');
      if (locked.problem_case_id) throw linked(locked.problem_case_id);
      const problemId = await ledger.createChecked(tx, actor, registration, checked);
      await repo.linkFinding(tx, findingId, problemId);
      await appendAudit(tx, {
        countyId: a.county_id, accountId: actor.accountId, username: actor.username, action: 'finance_audit.finding_to_problem', objectType: 'finance_audit_finding', objectId: findingId,
        summary: { auditId: a.id, problemId }, result: 'success', ip: actor.ip,
      });
      return problemId;
    });
  }

  // ---- registers ----

  const disclosureSource: RegisterSource = {
    code: 'disclosures',
    label: REGISTER_SOURCE_LABELS.disclosures!,
    columns: [
      { key: 'period', label: '公开期间' }, { key: 'kind', label: '类别' }, { key: 'items', label: '公开事项' }, { key: 'amount', label: '金额（元）' },
      { key: 'published', label: '公开日期' }, { key: 'revision', label: '版次' },
    ],
    read: async (actor, unit, year) => {
      const rows = await repo.disclosureBook(db, likePrefix(actor.scope.path), unit.id, year);
      return rows.map((r) => ({
        period: r.period, kind: kindLabel(r.kind), items: r.titles ?? '', amount: r.amount_fen === null ? '' : formatYuan(Number(r.amount_fen)),
        published: todayInChina(new Date(r.first_published)), revision: r.revision > 1 ? `第${r.revision}版（已更正）` : '第1版',
      }));
    },
  };

  function bookOf(books: RegisterBook[], code: string) {
    const book = books.find((b) => b.code === code);
    if (!book) throw new AppError('not_found', { zh: '本县没有这本簿册', en: 'No such register in this county' });
    return book;
  }

  async function registerUnit(actor: Actor, orgId?: number) {
    const org = await unitInScope(db, actor, orgId ?? actor.scope.orgId);
    return org;
  }

  async function rowsOf(actor: Actor, org: OrgNode, book: RegisterBook, year: number): Promise<{ rows: Record<string, RegisterCell>[]; fromRecords: boolean; columns: RegisterBook['columns'] }> {
    const source = book.source === 'manual' ? undefined : sources.get(book.source);
    if (source) {
      const rows = await source.read(actor, { id: org.id, name: org.name, path: org.path, countyId: org.county_id }, year);
      return { rows: rows.map((r) => Object.fromEntries(book.columns.map((c) => [c.key, r[c.key] ?? null]))), fromRecords: true, columns: book.columns };
    }
    const rows = await repo.registerRows(db, likePrefix(actor.scope.path), org.id, book.code, year);
    return {
      rows: rows.map((r) => ({ id: r.id, entry_date: r.entry_date, ...Object.fromEntries(book.columns.map((c) => [c.key, r.cells[c.key] ?? ''])) })),
      fromRecords: false,
      columns: [{ key: 'entry_date', label: '登记日期' }, ...book.columns],
    };
  }

  const sourceLabel = (book: RegisterBook) => (book.source === 'manual' ? REGISTER_SOURCE_LABELS.manual! : sources.get(book.source)?.label ?? `${REGISTER_SOURCE_LABELS[book.source] ?? book.source}，暂手工填写`);

  async function registers(actor: Actor, query: RegisterQuery): Promise<RegisterList> {
    requireAction(actor, 'openness:read');
    const org = await registerUnit(actor, query.orgId);
    const year = query.year ?? Number(today().slice(0, 4));
    const s = await settings(org.county_id);
    const counts = new Map((await repo.registerCounts(db, likePrefix(actor.scope.path), org.id, year)).map((r) => [r.book_code, r.n]));
    const books = [];
    for (const b of s.books) {
      const source = b.source === 'manual' ? undefined : sources.get(b.source);
      const n = source ? (await source.read(actor, { id: org.id, name: org.name, path: org.path, countyId: org.county_id }, year)).length : counts.get(b.code) ?? 0;
      books.push({ code: b.code, name: b.name, group: b.group, source: b.source, sourceLabel: sourceLabel(b), filledFromRecords: !!source, rows: n });
    }
    return { org: ref(org), year, books };
  }

  async function register(actor: Actor, code: string, query: RegisterQuery): Promise<RegisterView> {
    requireAction(actor, 'openness:read');
    const org = await registerUnit(actor, query.orgId);
    const year = query.year ?? Number(today().slice(0, 4));
    const s = await settings(org.county_id);
    const book = bookOf(s.books, code);
    const { rows, fromRecords, columns } = await rowsOf(actor, org, book, year);
    const above = await ancestors(db, org.path);
    return {
      org: ref(org), township: above.find((a) => a.type === 'township')?.name ?? null, county: above.find((a) => a.type === 'county')?.name ?? null,
      year, book: { ...book, columns }, sourceLabel: sourceLabel(book), filledFromRecords: fromRecords, rows,
    };
  }

  async function addRegisterRow(actor: Actor, code: string, input: AddRegisterRowBody): Promise<number> {
    requireAction(actor, 'openness:publish');
    const org = await unitInScope(db, actor, input.orgId);
    const s = await settings(org.county_id);
    const book = bookOf(s.books, code);
    if (book.source !== 'manual' && sources.get(book.source)) throw new AppError('conflict', { zh: `“${book.name}”由业务记录自动生成，不能手工添加`, en: 'This register is filled from records' });
    if (input.entryDate > today()) throw fieldError('entryDate', '登记日期不能晚于今天', 'The date is in the future');
    const errors: FieldError[] = [];
    const cells: Record<string, string> = {};
    for (const [key, value] of Object.entries(input.cells)) {
      if (!book.columns.some((c) => c.key === key)) errors.push({ field: `cells.${key}`, zh: `“${book.name}”没有这一栏`, en: 'No such column' });
      else if (value.trim()) cells[key] = value.trim();
    }
    if (!errors.length && !Object.keys(cells).length) errors.push({ field: 'cells', zh: '请至少填写一栏', en: 'Fill in at least one column' });
    if (errors.length) throw validationError(errors);
    return db.transaction(async (tx) => {
      const id = await repo.insertRegisterRow(tx, { countyId: org.county_id, orgId: org.id, orgPath: org.path, bookCode: book.code, year: Number(input.entryDate.slice(0, 4)), entryDate: input.entryDate, cells, createdBy: actor.accountId || null });
      await appendAudit(tx, {
        countyId: org.county_id, accountId: actor.accountId, username: actor.username, action: 'register.add_row', objectType: 'register', objectId: id,
        summary: { orgId: org.id, book: book.code, entryDate: input.entryDate }, result: 'success', ip: actor.ip,
      });
      return id;
    });
  }

  /** One hand-written row of a register in the scope (404 outside it, or under another register's code). */
  async function registerRow(actor: Actor, code: string, id: number): Promise<RegisterRowView> {
    requireAction(actor, 'openness:read');
    const row = await repo.findRegisterRow(db, likePrefix(actor.scope.path), code, id);
    if (!row) throw new AppError('not_found');
    const book = bookOf((await settings(row.county_id)).books, code);
    return { id: row.id, org: ref({ id: row.org_id, name: row.org_name, type: row.org_type }), book: { code: book.code, name: book.name }, year: row.year, entryDate: row.entry_date, cells: row.cells };
  }

  async function auditExport(actor: Actor, view: RegisterView, rows: number, format: 'xlsx' | 'pdf' = 'xlsx') {
    await db.transaction((tx) => appendAudit(tx, {
      countyId: actor.scope.countyId ?? 0, accountId: actor.accountId, username: actor.username, action: 'register.export', objectType: 'org', objectId: view.org.id,
      summary: { book: view.book.code, year: view.year, rows, ...(format === 'pdf' ? { format } : {}) }, result: 'success', ip: actor.ip,
    }));
  }

  return {
    getSettings, saveSettings, compose, disclosure, saveDraft, attach, publish, correct, file, list, board, todayItems,
    publicDisclosures, publicFile, publicSection, audits, audit, createAudit, findingToProblem,
    registers, register, registerRow, addRegisterRow, auditExport, disclosureSource, today,
  };
}

export type OpennessService = ReturnType<typeof createOpennessService>;
