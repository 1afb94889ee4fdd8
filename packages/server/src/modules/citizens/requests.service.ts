// 群众事项代办: intake by staff or by the citizen on the public page, 首问负责, 办事承诺,
// progress messages the citizen sees (信息反馈), 情况报告 to the committee above, 登记归档, the
// citizen's rating (an unsatisfied one reopens it), and the three rates from the records.
import crypto from 'node:crypto';
import {
  PUBLISHED_SERVICES,
  REQUEST_STATE_LABELS,
  type CitizenStatsRow,
  type CreateRequestBody,
  type FireRequestBody,
  type ListRequestsQuery,
  type PublicProgress,
  type PublicSubmitBody,
  type Rating,
  type RequestDetail,
  type RequestState,
  type RequestSummary,
  type RequestTransition,
  type RevealedPhone,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, wholeCountyOf, type Actor } from '../../core/access.js';
import { TODAY_ROWS } from '../../core/today-sources.js';
import { AppError, fieldError } from '../../core/errors.js';
import { createCaseEngine, type CaseEngine } from '../../core/cases/case-engine.js';
import { availableTransitions } from '../../core/cases/workflow.js';
import { maskPhone, validatePhone } from '../../core/id-number.js';
import type { PiiCipher } from '../../core/pii.js';
import type { Challenges } from '../../core/challenge.js';
import { readPublicSections, type PublicSections } from '../../core/public-sections.js';
import { ancestors, children as orgChildren, inScope as orgInScope, publicOrg, townshipAbove } from '../../core/org-tree.js';
import * as repo from './citizens.repository.js';
import { answersOf, listCalls } from '../../core/dispatch/calls.js';
import { requestWorkflow } from './requests.workflow.js';
import './requests.case.js';
import { mayRevealPhone, type PhoneHolder } from './requests.policy.js';
import { appendAudit } from '../../core/audit.js';

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function trackingCode(): string {
  let code = 'LX';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Units a citizen can address on the public page: stations, villages, communities, townships. */
const PUBLIC_UNIT_TYPES = new Set(['station', 'village', 'community', 'township', 'grid']);

export function createRequestService(deps: { db: Db; pii: PiiCipher; challenges: Challenges; engine?: CaseEngine; publicSections?: PublicSections }) {
  const { db, pii, challenges } = deps;
  const engine = deps.engine ?? createCaseEngine({ db });
  const today = engine.today;

  const phoneHolder = (r: repo.RequestRow): PhoneHolder => ({ orgId: r.org_id, status: r.status, ownerId: r.owner_id, hasPhone: r.phone_enc !== null });

  /**
   * The list's row presenter for one answer (the day decided once, not per row). The citizen's phone
   * is always the masked one, whoever asks: the full number is shown only by `revealPhone`, to the
   * handler of record, audited. `person:read_pii` is the roster's right (members' and cadres' ID
   * numbers and phones), not a way around that.
   */
  function summaryOf(): (r: repo.RequestRow) => RequestSummary {
    const t = today();
    return (r) => ({
      id: r.id,
      trackingCode: r.tracking_code,
      status: r.status as RequestState,
      channel: r.channel as RequestSummary['channel'],
      category: r.category as RequestSummary['category'],
      matter: r.matter,
      citizenName: r.citizen_name,
      phone: r.phone_mask,
      org: { id: r.org_id, name: r.org_name, type: r.org_type },
      owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
      promisedDate: r.promised_date,
      overdue: r.resolved_at === null && r.promised_date !== null && r.promised_date < t,
      rating: r.rating as Rating | null,
      openedAt: r.opened_at.toISOString(),
      version: r.version,
    });
  }

  /** Opens a request inside the caller's transaction (staff intake, public page, diary visit). */
  /** Opens a request (one statement: `q` may be the database or a transaction writing more beside it). */
  async function openRequest(
    q: Queryable,
    actor: Actor,
    org: { id: number; path: string; county_id: number },
    input: { channel: string; category: string; citizenName: string; phone: string | null; matter: string; visitId?: number | null },
  ) {
    const code = trackingCode();
    const c = await engine.open(q, requestWorkflow, actor, {
      countyId: org.county_id, orgId: org.id, orgPath: org.path, title: input.matter.slice(0, 60), deadline: null,
      body: input.matter,
    }, repo.requestRow({
      countyId: org.county_id, channel: input.channel, category: input.category, matter: input.matter,
      citizenName: input.citizenName, phoneEnc: input.phone ? pii.encrypt(input.phone) : null, phoneHash: input.phone ? pii.hash(input.phone) : null,
      phoneMask: input.phone ? maskPhone(input.phone) : null, trackingCode: code, visitId: input.visitId ?? null,
    }));
    return { id: c.id, trackingCode: code };
  }

  function checkPhone(raw: string | undefined | null, field = 'phone'): string | null {
    if (!raw) return null;
    const phone = validatePhone(raw);
    if (!phone) throw fieldError(field, '手机号应为11位数字（或带区号的固定电话）', 'A phone number has 11 digits');
    return phone;
  }

  async function create(actor: Actor, input: CreateRequestBody) {
    requireAction(actor, 'citizen:handle');
    const org = await orgInScope(db, actor.scope, input.orgId);
    if (!org || org.status !== 'active') throw fieldError('orgId', '受理单位不存在或不在您的管辖范围内', 'No such unit in your scope');
    const phone = checkPhone(input.phone);
    return openRequest(db, actor, org, { ...input, phone, citizenName: input.citizenName.trim(), matter: input.matter.trim() });
  }

  async function detail(actor: Actor, id: number): Promise<RequestDetail> {
    requireAction(actor, 'citizen:read');
    const r = await repo.findRequest(db, actor.scope, id);
    if (!r) throw new AppError('not_found');
    const [{ events, files }, whistles] = await Promise.all([engine.timeline(db, id), listCalls(db, actor.scope, 'whistle', 50, { sourceCaseId: id })]);
    const citizenEvents = new Set(events.filter((e) => e.kind === 'attachment' && e.account_id === null).map((e) => e.id));
    const parts = await answersOf(db, 'whistle', whistles.map((w) => w.id));
    return {
      ...summaryOf()(r),
      firstOwner: r.first_owner_id ? { id: r.first_owner_id, name: r.first_owner_name ?? '' } : null,
      outcome: r.outcome,
      resolved: r.resolved,
      ratingComment: r.rating_comment,
      timeline: events.map((e) => ({ seq: e.seq, at: e.at.toISOString(), actor: e.actor_name, actorDisplay: e.actor_display ?? null, kind: e.kind, transition: e.transition, text: e.body, public: e.data.public === true })),
      whistles: whistles.map((w) => {
        const mine = parts.filter((p) => p.call_id === w.id && p.state !== 'rerouted');
        return { id: w.id, status: w.status as 'open' | 'done', parts: mine.length, done: mine.filter((p) => p.state === 'done').length };
      }),
      attachments: files.map((f) => ({ id: f.id, fileName: f.file_name, mimeType: f.mime_type, size: f.size_bytes, byCitizen: citizenEvents.has(f.event_id) })),
      actions: availableTransitions(requestWorkflow, actor, { id: r.id, countyId: r.county_id, orgId: r.org_id, orgPath: r.org_path, status: r.status, deadline: null, extra: { ownerId: r.owner_id } }),
      canRevealPhone: mayRevealPhone(actor, phoneHolder(r)),
    };
  }

  /**
   * 办结后电话告知: the handler of record sees the citizen's full phone on a deliberate action,
   * audited as `request.reveal_phone` (the number itself never goes into the audit record).
   * Outside the scope: 404; in it but not the handler: 403, and the refusal is audited too.
   */
  async function revealPhone(actor: Actor, id: number): Promise<RevealedPhone> {
    requireAction(actor, 'citizen:handle');
    const r = await repo.findRequest(db, actor.scope, id);
    if (!r) throw new AppError('not_found');
    const allowed = mayRevealPhone(actor, phoneHolder(r));
    const entry = { countyId: r.county_id, accountId: actor.accountId, username: actor.username, action: 'request.reveal_phone', objectType: 'request', objectId: r.id, ip: actor.ip } as const;
    if (!allowed) {
      await appendAudit(db, { ...entry, summary: { status: r.status }, result: 'denied' });
      if (!r.phone_enc) throw new AppError('not_found', { zh: '该事项没有登记群众电话', en: 'No phone was recorded for this request' });
      if (r.status === 'archived') throw new AppError('conflict', { zh: '事项已归档，不能再查看群众电话', en: 'The request is archived' });
      throw new AppError('forbidden', { zh: '只有首问负责人或受理单位可以查看群众的完整电话', en: 'Only the handler of record may see the full phone' });
    }
    await appendAudit(db, { ...entry, summary: { status: r.status }, result: 'success' });
    return { id: r.id, phone: pii.decrypt(r.phone_enc!) };
  }

  async function list(actor: Actor, q: ListRequestsQuery) {
    requireAction(actor, 'citizen:read');
    const org = q.orgId ? await orgInScope(db, actor.scope, q.orgId) : undefined;
    if (q.orgId && !org) throw new AppError('not_found');
    const path = org?.path ?? actor.scope.path;
    // a county's whole queue is read by county id (the same rows, from the county index)
    const county = wholeCountyOf(actor.scope, org);
    const scope: repo.RequestScope = county !== undefined ? { path, countyRoot: county } : path;
    const page = await repo.listRequests(db, scope, q, actor.accountId);
    return { items: page.rows.map(summaryOf()), total: page.total, page: page.page, pageSize: page.pageSize };
  }

  async function fire(actor: Actor, id: number, transition: RequestTransition, input: FireRequestBody) {
    requireAction(actor, 'citizen:handle');
    if (transition === 'promise' && input.promisedDate && input.promisedDate < today()) {
      throw fieldError('promisedDate', '承诺日期不能早于今天', 'The promised date is in the past');
    }
    await engine.fire(requestWorkflow, actor, id, transition, { version: input.version, body: input.comment ?? null, fields: { promisedDate: input.promisedDate, resolved: input.resolved } }, {
      loadExtra: async (q, c) => ({ ownerId: await repo.ownerOf(q, c.id) }),
      apply: async (tx, c) => {
        switch (transition) {
          case 'claim':
            await repo.updateRequest(tx, c.id, { claimBy: actor.accountId });
            return { owner: actor.username };
          case 'promise':
            await repo.updateRequest(tx, c.id, { promisedDate: input.promisedDate });
            return { promisedDate: input.promisedDate, public: true };
          case 'resolve':
            await repo.updateRequest(tx, c.id, { outcome: input.comment!.trim(), resolved: input.resolved });
            return { resolved: input.resolved, public: true };
          case 'reopen':
            await repo.updateRequest(tx, c.id, { clearRating: true });
            return { public: true };
          default:
            return;
        }
      },
    });
    return detail(actor, id);
  }

  /** 首问负责: the owner hands the request to another account of the same unit or above, recorded. */
  async function handOver(actor: Actor, id: number, toAccountId: number, note: string) {
    requireAction(actor, 'citizen:handle');
    await engine.edit('request', actor, id, {
      action: 'hand_over',
      apply: async (tx, c) => {
        const owner = await repo.ownerOf(tx, id);
        if (owner !== actor.accountId) throw new AppError('forbidden', { zh: '只有当前负责人可以移交', en: 'Only the current owner hands over' });
        const target = await repo.handOverTarget(tx, toAccountId);
        if (!target || !(c.org_path.startsWith(target.path) || target.path.startsWith(c.org_path))) {
          throw fieldError('toAccountId', '接收人须是本单位或上级单位的账号', 'The new owner must belong to the unit or above it');
        }
        await repo.updateRequest(tx, id, { ownerId: target.id });
        return { body: `移交给${target.display_name}：${note}`, data: { handOverTo: target.id }, summary: { from: owner, to: target.id } };
      },
    });
    return detail(actor, id);
  }

  /** Who the owner may hand the request to: accounts of the unit or of the units above it. */
  async function handOverCandidates(actor: Actor, id: number) {
    requireAction(actor, 'citizen:handle');
    const r = await repo.findRequest(db, actor.scope, id);
    if (!r) throw new AppError('not_found');
    return (await repo.handOverCandidates(db, r.org_path)).filter((a) => a.id !== actor.accountId);
  }

  /** 信息反馈: a progress message the citizen sees on the public page; or an internal comment. */
  async function message(actor: Actor, id: number, text: string, isPublic: boolean) {
    requireAction(actor, 'citizen:handle');
    await engine.note(requestWorkflow, actor, id, 'comment', text.trim(), () => true, { public: isPublic });
    return detail(actor, id);
  }

  /** 情况报告: report the matter to the committee above (the township), recorded on the timeline. */
  async function reportUp(actor: Actor, id: number, text: string) {
    requireAction(actor, 'citizen:handle');
    await engine.edit('request', actor, id, {
      action: 'report_up',
      kind: 'comment',
      apply: async (tx, c) => {
        const township = await townshipAbove(tx, c.org_path);
        const to = township?.id ?? c.county_id;
        await repo.updateRequest(tx, id, { reportedTo: to });
        return { body: `情况报告（报${township?.name ?? '县委'}）：${text.trim()}`, data: { reportedTo: to } };
      },
    });
    return detail(actor, id);
  }

  async function stats(actor: Actor, q: { orgId?: number; month?: string }): Promise<{ node: CitizenStatsRow; children: CitizenStatsRow[] }> {
    requireAction(actor, 'citizen:read');
    const node = await orgInScope(db, actor.scope, q.orgId ?? actor.scope.orgId);
    if (!node) throw new AppError('not_found');
    const rows = await repo.citizenStats(db, node, q.month);
    const children = await orgChildren(db, node.id);
    const shape = (org: { id: number; name: string; type: string }, parts: repo.CitizenStatsDb[]): CitizenStatsRow => {
      const sum = (k: keyof Omit<repo.CitizenStatsDb, 'org_id'>) => parts.reduce((a, p) => a + p[k], 0);
      const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null);
      return {
        org, requests: sum('requests'), handled: sum('handled'), visitsReceived: sum('visits_received'), conflictsMediated: sum('conflicts'),
        responded: sum('responded'), resolved: sum('resolved'), rated: sum('rated'), satisfied: sum('satisfied'),
        responseRate: rate(sum('responded'), sum('requests')), resolutionRate: rate(sum('resolved'), sum('handled')), satisfactionRate: rate(sum('satisfied'), sum('rated')),
      };
    };
    return { node: shape(node, rows), children: children.map((c) => shape(c, rows.filter((r) => r.org_id === c.id))) };
  }

  // ---- the public page (no login) ----
  async function publicUnit(unitId: number) {
    const unit = await publicOrg(db, unitId);
    if (!unit || unit.status !== 'active' || !PUBLIC_UNIT_TYPES.has(unit.type)) throw new AppError('not_found');
    const above = await ancestors(db, unit.path);
    return {
      id: unit.id,
      name: unit.name,
      type: unit.type,
      township: above.find((a) => a.type === 'township')?.name ?? null,
      county: above.find((a) => a.type === 'county')?.name ?? null,
      services: PUBLISHED_SERVICES,
      promise: '事事有回音、件件有落实：受理后24小时内有人负责，办理进展可凭查询码随时查看。',
      sections: await readPublicSections(db, deps.publicSections, { id: unit.id, countyId: unit.county_id, path: unit.path, type: unit.type, name: unit.name }, today()),
    };
  }

  async function publicSubmit(input: PublicSubmitBody, ip: string) {
    challenges.verify(input.challengeToken, input.challengeAnswer);
    // the unit in one look-up (its public page's ancestors are not needed here)
    const org = await publicOrg(db, input.unitId);
    if (!org || org.status !== 'active' || !PUBLIC_UNIT_TYPES.has(org.type)) throw new AppError('not_found');
    const unit = { name: org.name };
    const phone = checkPhone(input.phone)!;
    const citizen: Actor = { accountId: 0, username: '群众', roles: [], scope: { orgId: org.id, path: org.path, countyId: org.county_id }, ip };
    const created = await openRequest(db, citizen, org, { channel: 'public', category: input.category ?? 'other', citizenName: input.name.trim(), phone, matter: input.matter.trim() });
    return { trackingCode: created.trackingCode, unit: unit.name };
  }

  /** Progress by code and phone; a wrong pair answers the same 404 whichever half was wrong. */
  async function publicFind(code: string, phoneRaw: string) {
    const phone = validatePhone(phoneRaw);
    const row = phone ? await repo.findByCode(db, code.trim().toUpperCase(), pii.hash(phone)) : undefined;
    if (!row) throw new AppError('not_found', { zh: '查询码或手机号不正确', en: 'Wrong tracking code or phone' });
    return row;
  }

  async function publicProgress(code: string, phone: string): Promise<PublicProgress> {
    const row = await publicFind(code, phone);
    const { events } = await engine.timeline(db, row.id);
    const stateLabel = REQUEST_STATE_LABELS[row.status as RequestState].zh;
    const messages = events
      .filter((e) => e.kind === 'open' || e.data.public === true || (e.kind === 'transition' && e.transition === 'claim'))
      .map((e) => ({
        at: e.at.toISOString(),
        text: e.kind === 'open' ? '已受理' : e.transition === 'claim' ? '已有专人负责办理' : e.transition === 'promise' ? `承诺办结日期：${String(e.data.promisedDate ?? '')}` : e.transition === 'resolve' ? `已办结：${e.body ?? ''}` : e.transition === 'reopen' ? `重新办理：${e.body ?? ''}` : (e.body ?? ''),
      }));
    return {
      trackingCode: row.tracking_code,
      unit: row.org_name,
      status: row.status as RequestState,
      statusLabel: stateLabel,
      matter: row.matter,
      submittedAt: row.opened_at.toISOString(),
      promisedDate: row.promised_date,
      outcome: row.outcome,
      rating: row.rating as Rating | null,
      canRate: (row.status === 'resolved' || row.status === 'archived') && row.rating === null,
      messages,
    };
  }

  /** The citizen's one photo, sent right after submitting (code + phone), stored on the timeline. */
  async function publicPhoto(code: string, phone: string, file: { fileName: string; mimeType: string; content: Buffer }, ip: string | null = null) {
    const row = await publicFind(code, phone);
    await engine.attach('request', { anonymous: '群众', ip }, row.id, file, async (c, tx) => {
      if (c.status === 'archived') throw new AppError('conflict', { zh: '事项已归档，不能再上传照片', en: 'The request is archived' });
      if (await repo.citizenPhotoCount(tx, c.id)) throw new AppError('conflict', { zh: '已经上传过照片了', en: 'A photo was already sent' });
      return true;
    });
  }

  async function attachment(actor: Actor, id: number, attachmentId: number) {
    requireAction(actor, 'citizen:read');
    return engine.attachment('request', actor, id, attachmentId);
  }

  async function publicRate(code: string, input: { phone: string; rating: Rating; comment?: string }, ip: string | null = null) {
    const row = await publicFind(code, input.phone);
    const label = input.rating === 'satisfied' ? '满意' : input.rating === 'basic' ? '基本满意' : '不满意';
    await engine.rate(requestWorkflow, { anonymous: '群众', ip }, row.id, {
      body: `群众评价：${label}${input.comment ? `。${input.comment.trim()}` : ''}`,
      data: { rating: input.rating },
      apply: async (tx, c) => {
        if (!(c.status === 'resolved' || c.status === 'archived')) throw new AppError('conflict', { zh: '事项办结后才能评价', en: 'Rate after it is resolved' });
        if (await repo.ratingOf(tx, c.id)) throw new AppError('request_already_rated');
        // 不满意: the rating stays on the timeline and the request goes back to the handler, to be rated afresh
        await repo.updateRequest(tx, c.id, input.rating === 'unsatisfied' ? { clearRating: true } : { rating: input.rating, ratingComment: input.comment?.trim() || null });
      },
      then: input.rating === 'unsatisfied' ? { transition: 'reopen', body: '群众不满意，重新办理' } : null,
    });
    return publicProgress(code, input.phone);
  }

  /** 工作台 (a today source): requests of my subtree not taken on, and the ones I handle. */
  function todayItems(q: Queryable, actor: Actor, day: string) {
    return repo.todayRequests(q, { like: likePrefix(actor.scope.path), accountId: actor.accountId, today: day, limit: TODAY_ROWS });
  }

  /** 工作台 (a count source): the subtree's open requests, those not taken on and those past the promised date. */
  async function todoCounts(q: Queryable, actor: Actor, day: string) {
    const row = await repo.todoRequestCounts(q, likePrefix(actor.scope.path), day);
    return { requests_unclaimed: row.unclaimed, requests_open: row.open, requests_promise_overdue: row.overdue };
  }

  return { openRequest, create, detail, revealPhone, list, fire, handOver, handOverCandidates, message, reportUp, stats, publicUnit, publicSubmit, publicProgress, publicRate, publicPhoto, attachment, todayItems, todoCounts, today };
}

export type RequestService = ReturnType<typeof createRequestService>;
