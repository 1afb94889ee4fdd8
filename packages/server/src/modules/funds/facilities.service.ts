// 阵地与设施: the county's checklists (工作站“六个到位”, 乡镇“六有” with its grade, 村级“十有”) with
// a unit's items met or not, a photo per item and the investment, rolled up by township; venues
// (群众之家, 便民服务站, 党群服务中心) with their condition and hours; duty rosters, and who is on duty
// now on the unit's public page (name and duty only, the venue's public service phone).
import {
  CHECKLIST_KIND_LABELS,
  CHECKLIST_KINDS,
  CHECKLIST_UNIT_TYPES,
  DEFAULT_CHECKLISTS,
  POST_ROLE_LABELS,
  VENUE_CONDITION_LABELS,
  VENUE_KIND_LABELS,
  type ChecklistItemDef,
  type ChecklistKind,
  type ChecklistTemplates,
  type CreateDutyShiftBody,
  type CreateVenueBody,
  type DutyCandidates,
  type DutyShift,
  type DutyShiftList,
  type DutyShiftsQuery,
  type FacilityBoard,
  type FacilityBoardQuery,
  type FacilityGrade,
  type OrgType,
  type PostRole,
  type SaveChecklistBody,
  type UnitChecklist,
  type UpdateVenueBody,
  type VenuesQuery,
  type Venue,
  type VenueCondition,
  type VenueKind,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError, type FieldError } from '../../core/errors.js';
import { plusDays, todayInChina } from '../../core/calendar.js';
import { children, inScope as orgInScope, type OrgNode } from '../../core/org-tree.js';
import type { PublicSection, PublicUnitRef } from '../../core/public-sections.js';
import * as repo from './funds.repository.js';

/** What facilities needs of the people module: a person in scope (404 outside), the posts held at a unit. */
export type DutyPeopleSource = {
  detail: (actor: Actor, id: number) => Promise<{ id: number; name: string }>;
  postsAt: (actor: Actor, orgId: number) => Promise<{ role: PostRole; endDate: string | null; person: { id: number; name: string } }[]>;
};

const ref = (o: { id: number; name: string; type: string }) => ({ id: Number(o.id), name: o.name, type: o.type as OrgType });
const MAX_SHIFT_HOURS = 7 * 24;
const presentShift = (s: repo.ShiftRow): DutyShift => ({
  id: Number(s.id), venueId: Number(s.venue_id), person: { id: Number(s.person_id), name: s.person_name }, role: s.role,
  startsAt: new Date(s.starts_at).toISOString(), endsAt: new Date(s.ends_at).toISOString(), now: s.now,
});

export function createFacilitiesService(deps: { db: Db; people: DutyPeopleSource; today?: () => string }) {
  const { db } = deps;
  const today = deps.today ?? (() => todayInChina());

  function countyOf(actor: Actor): number {
    if (actor.scope.countyId === null) throw new AppError('forbidden');
    return actor.scope.countyId;
  }
  async function unitInScope(q: Queryable, actor: Actor, orgId: number): Promise<OrgNode> {
    const org = await orgInScope(q, actor.scope, orgId);
    if (!org || org.status !== 'active') throw new AppError('not_found');
    return org;
  }
  const audit = (tx: Queryable, actor: Actor, action: string, objectType: string, objectId: number, summary: Record<string, unknown>) =>
    appendAudit(tx, { countyId: countyOf(actor), accountId: actor.accountId, username: actor.username, action, objectType, objectId, summary, result: 'success', ip: actor.ip });

  // ---- checklist templates

  async function templatesOf(countyId: number) {
    const own = new Map((await repo.templatesOf(db, countyId)).map((r) => [r.kind, r.items]));
    return CHECKLIST_KINDS.map((kind) => ({ kind, label: CHECKLIST_KIND_LABELS[kind].zh, isDefault: !own.has(kind), items: (own.get(kind) ?? DEFAULT_CHECKLISTS[kind]) as ChecklistItemDef[] }));
  }
  async function templateOf(countyId: number, kind: ChecklistKind) {
    return (await templatesOf(countyId)).find((t) => t.kind === kind)!.items;
  }

  async function templates(actor: Actor): Promise<ChecklistTemplates> {
    requireAction(actor, 'funds:read');
    return { templates: await templatesOf(countyOf(actor)) };
  }

  async function saveTemplate(actor: Actor, kind: ChecklistKind, items: ChecklistItemDef[]): Promise<ChecklistTemplates> {
    requireAction(actor, 'funds:configure');
    const county = countyOf(actor);
    if (actor.scope.orgId !== county) throw new AppError('forbidden', { zh: '设施标准由县委组织部制定', en: 'Checklists are set by the county' });
    const errors: FieldError[] = [];
    const keys = new Set<string>();
    const names = new Set<string>();
    items.forEach((it, i) => {
      if (keys.has(it.key)) errors.push({ field: `items.${i}.key`, zh: `项目代码“${it.key}”重复`, en: 'Duplicate key' });
      if (names.has(it.name.trim())) errors.push({ field: `items.${i}.name`, zh: `项目“${it.name.trim()}”重复`, en: 'Duplicate name' });
      if (!it.name.trim()) errors.push({ field: `items.${i}.name`, zh: '请填写项目名称', en: 'Enter the name' });
      keys.add(it.key);
      names.add(it.name.trim());
    });
    if (errors.length) throw validationError(errors);
    const before = await templateOf(county, kind);
    const clean = items.map((i) => ({ key: i.key, name: i.name.trim() }));
    await db.transaction(async (tx) => {
      await repo.saveTemplate(tx, county, kind, clean);
      await audit(tx, actor, 'facility_template.update', 'county', county, { kind, from: before.map((i) => i.name), to: clean.map((i) => i.name) });
    });
    return { templates: await templatesOf(county) };
  }

  // ---- a unit's checklist

  function requireKindFor(org: OrgNode, kind: ChecklistKind) {
    if (!CHECKLIST_UNIT_TYPES[kind].includes(org.type)) {
      throw fieldError('kind', `${org.name}不适用${CHECKLIST_KIND_LABELS[kind].zh}`, `${CHECKLIST_KIND_LABELS[kind].en} does not apply to this unit`);
    }
  }

  async function readChecklist(q: Queryable, org: OrgNode, kind: ChecklistKind): Promise<UnitChecklist> {
    const defs = await templateOf(org.county_id, kind);
    const row = await repo.checklistOf(q, org.id, kind);
    const items = row ? new Map((await repo.checklistItems(q, row.id)).map((i) => [i.item_key, i])) : new Map();
    const list = defs.map((d) => {
      const it = items.get(d.key);
      return { key: d.key, name: d.name, met: it?.met ?? false, note: it?.note ?? null, hasPhoto: it?.has_photo ?? false };
    });
    return {
      org: ref(org), kind, kindLabel: CHECKLIST_KIND_LABELS[kind].zh, grade: (row?.grade ?? null) as FacilityGrade | null, investmentFen: Number(row?.investment_fen ?? 0),
      checks: list, met: list.filter((i) => i.met).length, total: list.length, version: row?.version ?? 0, updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    };
  }

  async function checklist(actor: Actor, orgId: number, kind: ChecklistKind): Promise<UnitChecklist> {
    requireAction(actor, 'funds:read');
    const org = await unitInScope(db, actor, orgId);
    requireKindFor(org, kind);
    return readChecklist(db, org, kind);
  }

  async function saveChecklist(actor: Actor, orgId: number, kind: ChecklistKind, body: SaveChecklistBody): Promise<UnitChecklist> {
    requireAction(actor, 'funds:facility');
    const org = await unitInScope(db, actor, orgId);
    requireKindFor(org, kind);
    const defs = await templateOf(org.county_id, kind);
    const known = new Set(defs.map((d) => d.key));
    const errors: FieldError[] = [];
    body.items.forEach((it, i) => {
      if (!known.has(it.key)) errors.push({ field: `items.${i}.key`, zh: `没有“${it.key}”这一项（本县${CHECKLIST_KIND_LABELS[kind].zh}标准）`, en: 'No such item' });
    });
    if (body.grade && kind !== 'township_six') errors.push({ field: 'grade', zh: '只有乡镇“六有”评定示范型、改善型、节俭型', en: 'Only township checklists are graded' });
    if (errors.length) throw validationError(errors);
    await db.transaction(async (tx) => {
      const row = await repo.checklistOf(tx, org.id, kind, true);
      if ((row?.version ?? 0) !== body.version) throw new AppError('version_conflict');
      const grade = body.grade === undefined ? (row?.grade ?? null) : body.grade;
      const investment = body.investmentFen ?? Number(row?.investment_fen ?? 0);
      const id = row ? row.id : await repo.insertChecklist(tx, { countyId: org.county_id, orgId: org.id, orgPath: org.path, kind, grade, investmentFen: investment });
      if (row) await repo.updateChecklist(tx, row.id, grade, investment);
      const before = row ? new Map((await repo.checklistItems(tx, row.id)).map((i) => [i.item_key, i.met])) : new Map<string, boolean>();
      await repo.upsertItems(tx, id, body.items.map((i) => ({ key: i.key, met: i.met, note: i.note?.trim() || null })));
      const changed = body.items.filter((i) => (before.get(i.key) ?? false) !== i.met).map((i) => `${defs.find((d) => d.key === i.key)!.name}:${i.met ? '达标' : '未达标'}`);
      await audit(tx, actor, 'facility_checklist.update', 'facility_checklist', id, {
        org: org.name, kind, changed, grade, investmentFen: { from: Number(row?.investment_fen ?? 0), to: investment },
      });
    });
    return readChecklist(db, org, kind);
  }

  /** A photo for one item (an image, checked by its content); the checklist is opened if it was never saved. */
  async function attachPhoto(actor: Actor, orgId: number, kind: ChecklistKind, key: string, file: { fileName: string; mimeType: string; content: Buffer }): Promise<UnitChecklist> {
    requireAction(actor, 'funds:facility');
    const org = await unitInScope(db, actor, orgId);
    requireKindFor(org, kind);
    const def = (await templateOf(org.county_id, kind)).find((d) => d.key === key);
    if (!def) throw new AppError('not_found');
    await db.transaction(async (tx) => {
      const row = await repo.checklistOf(tx, org.id, kind, true);
      const id = row ? row.id : await repo.insertChecklist(tx, { countyId: org.county_id, orgId: org.id, orgPath: org.path, kind, grade: null, investmentFen: 0 });
      if (row) await repo.updateChecklist(tx, row.id, row.grade, Number(row.investment_fen));
      await repo.setItemPhoto(tx, id, key, file);
      await audit(tx, actor, 'facility_checklist.attach', 'facility_checklist', id, { org: org.name, kind, item: def.name, fileName: file.fileName, bytes: file.content.length });
    });
    return readChecklist(db, org, kind);
  }

  async function photo(actor: Actor, orgId: number, kind: ChecklistKind, key: string) {
    requireAction(actor, 'funds:read');
    const org = await unitInScope(db, actor, orgId);
    const row = await repo.checklistOf(db, org.id, kind);
    const p = row ? await repo.itemPhoto(db, row.id, key) : undefined;
    if (!p) throw new AppError('not_found');
    return { fileName: p.photo_name, mimeType: p.photo_mime, content: Buffer.from(p.photo) };
  }

  /** 达标率 by child of the org (county → townships → stations …), and the units themselves at the end of the drill-down. */
  async function board(actor: Actor, q: FacilityBoardQuery): Promise<FacilityBoard> {
    requireAction(actor, 'funds:read');
    const root = await unitInScope(db, actor, q.orgId ?? actor.scope.orgId);
    const defs = await templateOf(root.county_id, q.kind);
    const [units, counts] = await Promise.all([
      repo.boardUnits(db, likePrefix(root.path), q.kind, CHECKLIST_UNIT_TYPES[q.kind]),
      repo.unitTypeCounts(db, likePrefix(root.path), Object.values(CHECKLIST_UNIT_TYPES).flat()),
    ]);
    const kinds = CHECKLIST_KINDS
      .map((kind) => ({ kind, units: counts.filter((c) => CHECKLIST_UNIT_TYPES[kind].includes(c.type)).reduce((n, c) => n + Number(c.n), 0) }))
      .filter((k) => k.units > 0);
    const view = units.map((u) => {
      const met = defs.filter((d) => u.met_keys.includes(d.key));
      return { u, met: met.length, complete: met.length === defs.length, missing: defs.filter((d) => !u.met_keys.includes(d.key)).map((d) => d.name) };
    });
    const depth = root.path.split('/').filter(Boolean).length;
    const kids = await children(db, root.id);
    const rows = kids
      .map((k) => {
        const mine = view.filter((v) => Number(v.u.path.split('/').filter(Boolean)[depth]) === Number(k.id));
        return { org: ref(k), units: mine.length, complete: mine.filter((v) => v.complete).length, checked: mine.filter((v) => v.u.checked).length, investmentFen: mine.reduce((s, v) => s + Number(v.u.investment_fen), 0) };
      })
      .filter((r) => r.units > 0);
    // a child that is itself a unit of the kind is listed among the units (the drill-down's end), not as a roll-up row
    const direct = view.filter((v) => Number(v.u.id) === root.id || v.u.path.split('/').filter(Boolean).length === depth + 1);
    const isUnit = new Set(direct.map((d) => Number(d.u.id)));
    return {
      kind: q.kind, org: ref(root), checkItems: defs,
      total: { units: view.length, complete: view.filter((v) => v.complete).length, checked: view.filter((v) => v.u.checked).length, investmentFen: view.reduce((s, v) => s + Number(v.u.investment_fen), 0) },
      rows: rows.filter((r) => !isUnit.has(r.org.id)),
      units: direct.map((v) => ({ org: ref(v.u), met: v.met, total: defs.length, missing: v.missing, grade: (v.u.grade ?? null) as FacilityGrade | null, investmentFen: Number(v.u.investment_fen) })),
      kinds,
    };
  }

  // ---- venues and duty rosters

  const presentVenue = (v: repo.VenueRow): Venue => ({
    id: Number(v.id), org: { id: Number(v.org_id), name: v.org_name, type: v.org_type as OrgType }, kind: v.kind as VenueKind, kindLabel: VENUE_KIND_LABELS[v.kind as VenueKind].zh,
    name: v.name, condition: v.condition as VenueCondition, conditionLabel: VENUE_CONDITION_LABELS[v.condition as VenueCondition].zh, open24h: v.open_24h, hours: v.hours,
    servicePhone: v.service_phone, onDutyNow: v.on_duty ?? [], version: v.version,
  });

  async function venues(actor: Actor, q: VenuesQuery) {
    requireAction(actor, 'funds:read');
    const root = await unitInScope(db, actor, q.orgId ?? actor.scope.orgId);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const { rows, total } = await repo.listVenues(db, likePrefix(root.path), page, pageSize);
    return { items: rows.map(presentVenue), total, page, pageSize };
  }

  async function venue(actor: Actor, id: number): Promise<Venue> {
    requireAction(actor, 'funds:read');
    const v = await repo.findVenue(db, likePrefix(actor.scope.path), id);
    if (!v) throw new AppError('not_found');
    return presentVenue(v);
  }

  async function createVenue(actor: Actor, body: CreateVenueBody): Promise<Venue> {
    requireAction(actor, 'funds:facility');
    const org = await unitInScope(db, actor, body.orgId);
    const id = await db.transaction(async (tx) => {
      const id = await repo.insertVenue(tx, {
        countyId: org.county_id, orgId: org.id, orgPath: org.path, kind: body.kind, name: body.name.trim(), condition: body.condition, open24h: body.open24h,
        hours: body.hours?.trim() || null, servicePhone: body.servicePhone ?? null,
      });
      await audit(tx, actor, 'venue.create', 'venue', id, { org: org.name, kind: body.kind, name: body.name.trim(), condition: body.condition, open24h: body.open24h });
      return id;
    });
    return venue(actor, id);
  }

  async function updateVenue(actor: Actor, id: number, body: UpdateVenueBody): Promise<Venue> {
    requireAction(actor, 'funds:facility');
    await db.transaction(async (tx) => {
      const v = await repo.lockVenue(tx, likePrefix(actor.scope.path), id);
      if (!v) throw new AppError('not_found');
      if (v.version !== body.version) throw new AppError('version_conflict');
      const next = {
        name: body.name?.trim() ?? v.name, condition: body.condition ?? v.condition, open24h: body.open24h ?? v.open_24h,
        hours: body.hours === undefined ? v.hours : body.hours?.trim() || null, servicePhone: body.servicePhone === undefined ? v.service_phone : body.servicePhone,
      };
      await repo.updateVenue(tx, id, next);
      const changed = Object.fromEntries(Object.entries(next).filter(([k, val]) => val !== ({ name: v.name, condition: v.condition, open24h: v.open_24h, hours: v.hours, servicePhone: v.service_phone } as Record<string, unknown>)[k]));
      await audit(tx, actor, 'venue.update', 'venue', id, { changed });
    });
    return venue(actor, id);
  }

  async function shifts(actor: Actor, venueId: number, q: DutyShiftsQuery): Promise<DutyShiftList> {
    requireAction(actor, 'funds:read');
    const v = await venue(actor, venueId);
    const from = q.from ?? plusDays(today(), -1);
    const to = q.to ?? plusDays(today(), 7);
    if (to < from) throw fieldError('to', '结束日期不能早于开始日期', 'to precedes from');
    if (plusDays(from, 62) < to) throw fieldError('to', '一次最多查看 62 天的值班表', 'At most 62 days at a time');
    const rows = await repo.shiftsOf(db, venueId, `${from}T00:00:00+08:00`, `${plusDays(to, 1)}T00:00:00+08:00`);
    return { venue: v, from, to, shifts: rows.map(presentShift) };
  }

  /** One shift of a roster (its venue in the actor's subtree; 404 otherwise). */
  async function shift(actor: Actor, id: number): Promise<DutyShift> {
    requireAction(actor, 'funds:read');
    const row = await repo.shiftById(db, likePrefix(actor.scope.path), id);
    if (!row) throw new AppError('not_found');
    return presentShift(row);
  }

  /** The people holding a post at the venue's unit now: who a roster is made of. */
  async function candidates(actor: Actor, venueId: number): Promise<DutyCandidates> {
    requireAction(actor, 'funds:read');
    const v = await venue(actor, venueId);
    const posts = (await deps.people.postsAt(actor, v.org.id)).filter((p) => p.endDate === null || p.endDate >= today());
    const seen = new Set<number>();
    const items = [];
    for (const p of posts) {
      if (seen.has(p.person.id)) continue;
      seen.add(p.person.id);
      items.push({ personId: Number(p.person.id), name: p.person.name, role: POST_ROLE_LABELS[p.role].zh });
    }
    return { people: items };
  }

  async function addShift(actor: Actor, venueId: number, body: CreateDutyShiftBody): Promise<DutyShift> {
    requireAction(actor, 'funds:facility');
    const v = await venue(actor, venueId);
    const starts = Date.parse(body.startsAt);
    const ends = Date.parse(body.endsAt);
    if (!(ends > starts)) throw fieldError('endsAt', '值班结束时间须晚于开始时间', 'The shift ends before it starts');
    if (ends - starts > MAX_SHIFT_HOURS * 3600_000) throw fieldError('endsAt', '一次值班不能超过 7 天，请分段排班', 'A shift is at most 7 days');
    const person = await deps.people.detail(actor, body.personId);
    const role = body.role?.trim() || (await candidates(actor, venueId)).people.find((c) => c.personId === person.id)?.role || '值班人员';
    const id = await db.transaction(async (tx) => {
      const locked = await repo.lockVenue(tx, likePrefix(actor.scope.path), venueId);
      if (!locked) throw new AppError('not_found');
      const id = await repo.insertShift(tx, { countyId: Number(locked.county_id), venueId, orgPath: locked.org_path, personId: person.id, role, startsAt: new Date(starts).toISOString(), endsAt: new Date(ends).toISOString() });
      await audit(tx, actor, 'duty_shift.create', 'duty_shift', id, { venue: v.name, person: person.name, role, startsAt: new Date(starts).toISOString(), endsAt: new Date(ends).toISOString() });
      return id;
    });
    return shift(actor, id);
  }

  async function removeShift(actor: Actor, id: number) {
    requireAction(actor, 'funds:facility');
    await db.transaction(async (tx) => {
      const s = await repo.findShift(tx, likePrefix(actor.scope.path), id);
      if (!s) throw new AppError('not_found');
      await repo.deleteShift(tx, id);
      await audit(tx, actor, 'duty_shift.delete', 'duty_shift', id, { venueId: Number(s.venue_id), startsAt: new Date(s.starts_at).toISOString(), endsAt: new Date(s.ends_at).toISOString() });
    });
  }

  /**
   * The unit's public page: its venues, their hours and public service phone, and who is on duty
   * now (name and duty only — never a person's own phone).
   */
  async function publicSection(q: Queryable, unit: PublicUnitRef): Promise<PublicSection | null> {
    const rows = await repo.publicVenues(q, unit.id);
    if (rows.length === 0) return null;
    return {
      key: 'duty',
      title: '阵地与值班',
      items: rows.map((v) => {
        const duty = v.on_duty ?? [];
        const open = v.open_24h ? '24小时开放' : v.hours ? `开放时间：${v.hours}` : null;
        return {
          title: duty.length ? `${v.name}：现在值班 ${duty.map((d) => `${d.name}（${d.role}）`).join('、')}` : `${v.name}：现在无人值班`,
          detail: [VENUE_KIND_LABELS[v.kind as VenueKind].zh, open, v.condition !== 'good' ? VENUE_CONDITION_LABELS[v.condition as VenueCondition].zh : null, v.service_phone ? `服务电话 ${v.service_phone}` : null]
            .filter(Boolean).join(' · '),
          at: null,
          href: null,
        };
      }),
      more: null,
    };
  }

  return { templates, saveTemplate, checklist, saveChecklist, attachPhoto, photo, board, venues, venue, createVenue, updateVenue, shifts, shift, candidates, addShift, removeShift, publicSection };
}

export type FacilitiesService = ReturnType<typeof createFacilitiesService>;
