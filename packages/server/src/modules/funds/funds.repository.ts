// The only SQL of the funds module: fund standards (a county setting), allocations and spending,
// awards, the former-cadre rule, facility templates and checklists, venues and duty shifts.
// Posts and people are read through the people service; the org tree through core/org-tree.ts,
// except the unit lists of a subtree that the roll-ups need (scoped like every tenant statement).
import type { Queryable } from '../../db/db.js';
import { BY_KEY, SYSTEM, inScope } from '../../core/scope.js';
import { personSql } from '../people/index.js';
import { designationSql } from '../orgs/index.js';

// ---- fund standards (county setting)

export async function standardsOf(q: Queryable, countyId: number, year: number) {
  return q.query<{ unit_type: string; line: string; annual_fen: number }>(
    `SELECT unit_type, line, annual_fen FROM fund_standards WHERE county_id = $1 AND year = $2 ORDER BY unit_type, line`,
    [countyId, year],
  );
}

export async function replaceStandards(q: Queryable, countyId: number, year: number, rows: { unitType: string; line: string; annualFen: number }[]) {
  await q.query(`DELETE FROM fund_standards WHERE county_id = $1 AND year = $2`, [countyId, year]);
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO fund_standards (county_id, year, unit_type, line, annual_fen)
     SELECT $1, $2, u, l, f FROM unnest($3::text[], $4::text[], $5::bigint[]) AS x(u, l, f)`,
    [countyId, year, rows.map((r) => r.unitType), rows.map((r) => r.line), rows.map((r) => r.annualFen)],
  );
}

// ---- units of a subtree

export type UnitRow = { id: number; name: string; type: string; path: string; county_id: number };

/** The active units of the given types at or below a subtree prefix. */
export async function unitsOf(q: Queryable, prefix: string, types: readonly string[]) {
  return q.query<UnitRow>(
    `SELECT id, name, type, path, county_id FROM orgs WHERE ${inScope('path', 1)} AND status = 'active' AND type = ANY($2::text[]) ORDER BY path`,
    [prefix, types],
  );
}

/** How many active units of each type are at or below a subtree prefix (which checklists it keeps at all). */
export async function unitTypeCounts(q: Queryable, prefix: string, types: readonly string[]) {
  return q.query<{ type: string; n: number }>(
    `SELECT type, count(*)::int AS n FROM orgs WHERE ${inScope('path', 1)} AND status = 'active' AND type = ANY($2::text[]) GROUP BY type`,
    [prefix, types],
  );
}

// ---- allocations

export type AllocationRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; year: number; line: string;
  standard_fen: number | null; amount_fen: number; reason: string | null; version: number; spent_fen: number;
};

const ALLOCATION = `SELECT a.id, a.county_id, a.org_id, a.org_path, o.name AS org_name, o.type AS org_type, a.year, a.line, a.standard_fen,
         a.amount_fen, a.reason, a.version, coalesce(s.spent, 0)::bigint AS spent_fen
    FROM fund_allocations a JOIN orgs o ON o.id = a.org_id
    LEFT JOIN LATERAL (SELECT sum(sp.amount_fen) AS spent FROM fund_spendings sp WHERE sp.allocation_id = a.id) s ON true`;

export async function listAllocations(q: Queryable, prefix: string, year: number, line?: string) {
  const params: unknown[] = [prefix, year];
  let where = `${inScope('a.org_path', 1)} AND a.year = $2`;
  if (line) {
    params.push(line);
    where += ` AND a.line = $3`;
  }
  return q.query<AllocationRow>(`${ALLOCATION} WHERE ${where} ORDER BY a.org_path, a.line`, params);
}

export async function findAllocation(q: Queryable, prefix: string, id: number) {
  const [row] = await q.query<AllocationRow>(`${ALLOCATION} WHERE a.id = $1 AND ${inScope('a.org_path', 2)}`, [id, prefix]);
  return row;
}

export async function lockAllocation(q: Queryable, prefix: string, id: number) {
  const [row] = await q.query<{ id: number; county_id: number; org_path: string; year: number; amount_fen: number; version: number }>(
    `SELECT id, county_id, org_path, year, amount_fen, version FROM fund_allocations WHERE id = $1 AND ${inScope('org_path', 2)} FOR UPDATE`,
    [id, prefix],
  );
  return row;
}

export async function insertAllocations(
  q: Queryable,
  rows: { countyId: number; orgId: number; orgPath: string; year: number; line: string; standardFen: number | null; amountFen: number; reason: string | null }[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const got = await q.query<{ id: number }>(
    `INSERT INTO fund_allocations (county_id, org_id, org_path, year, line, standard_fen, amount_fen, reason)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::int[], $5::text[], $6::bigint[], $7::bigint[], $8::text[])
     ON CONFLICT (org_id, year, line) DO NOTHING RETURNING id`,
    [rows.map((r) => r.countyId), rows.map((r) => r.orgId), rows.map((r) => r.orgPath), rows.map((r) => r.year), rows.map((r) => r.line),
      rows.map((r) => r.standardFen), rows.map((r) => r.amountFen), rows.map((r) => r.reason)],
  );
  return got.map((r) => r.id);
}

export async function updateAllocation(q: Queryable, id: number, amountFen: number, reason: string) {
  await q.query(`${BY_KEY}UPDATE fund_allocations SET amount_fen = $2, reason = $3, version = version + 1, updated_at = now() WHERE id = $1`, [id, amountFen, reason]);
}

// ---- spending (child rows of an allocation)

export type SpendingRow = {
  id: number; allocation_id: number; spent_on: string; amount_fen: number; purpose: string; voucher_name: string | null; voucher_mime: string | null; recorded_by: string;
};

export async function spendingsOf(q: Queryable, allocationId: number) {
  return q.query<SpendingRow>(
    `SELECT id, allocation_id, spent_on, amount_fen, purpose, voucher_name, voucher_mime, recorded_by FROM fund_spendings WHERE allocation_id = $1 ORDER BY spent_on, id`,
    [allocationId],
  );
}

/** Spending of the subtree's allocations of a year (the finance office's export). */
export async function spendingsIn(q: Queryable, prefix: string, year: number) {
  return q.query<SpendingRow & { org_name: string; line: string }>(
    `SELECT sp.id, sp.allocation_id, sp.spent_on, sp.amount_fen, sp.purpose, sp.voucher_name, sp.voucher_mime, sp.recorded_by, o.name AS org_name, a.line
       FROM fund_spendings sp JOIN fund_allocations a ON a.id = sp.allocation_id JOIN orgs o ON o.id = a.org_id
      WHERE ${inScope('a.org_path', 1)} AND a.year = $2 ORDER BY a.org_path, sp.spent_on, sp.id`,
    [prefix, year],
  );
}

/** 经费收支账 of one unit and year: each allocation (received, adjustments noted) then its spending, by line and date. */
export async function fundBook(q: Queryable, prefix: string, orgId: number, year: number) {
  return q.query<{ line: string; kind: 'allocation' | 'spending'; on_date: string; amount_fen: number; text: string | null; standard_fen: number | null }>(
    `SELECT a.line, 'allocation' AS kind, (a.created_at AT TIME ZONE 'Asia/Shanghai')::date::text AS on_date, a.amount_fen, a.reason AS text, a.standard_fen, a.id, 0::bigint AS sid
       FROM fund_allocations a WHERE ${inScope('a.org_path', 1)} AND a.org_id = $2 AND a.year = $3
     UNION ALL
     SELECT a.line, 'spending', sp.spent_on::text, sp.amount_fen, sp.purpose, NULL, a.id, sp.id
       FROM fund_spendings sp JOIN fund_allocations a ON a.id = sp.allocation_id WHERE ${inScope('a.org_path', 1)} AND a.org_id = $2 AND a.year = $3
     ORDER BY line, id, sid`,
    [prefix, orgId, year],
  );
}

export async function insertSpending(q: Queryable, s: { countyId: number; allocationId: number; orgPath: string; spentOn: string; amountFen: number; purpose: string; recordedBy: string }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO fund_spendings (county_id, allocation_id, org_path, spent_on, amount_fen, purpose, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [s.countyId, s.allocationId, s.orgPath, s.spentOn, s.amountFen, s.purpose, s.recordedBy],
  );
  return row!.id;
}

/** One spending row by id, when its allocation's unit is in the prefix's subtree. */
export async function spendingById(q: Queryable, prefix: string, id: number) {
  const [row] = await q.query<SpendingRow>(
    `SELECT sp.id, sp.allocation_id, sp.spent_on, sp.amount_fen, sp.purpose, sp.voucher_name, sp.voucher_mime, sp.recorded_by
       FROM fund_spendings sp JOIN fund_allocations a ON a.id = sp.allocation_id WHERE sp.id = $1 AND ${inScope('a.org_path', 2)}`,
    [id, prefix],
  );
  return row;
}

export async function findSpending(q: Queryable, prefix: string, id: number) {
  const [row] = await q.query<{ id: number; county_id: number; allocation_id: number; voucher_name: string | null; voucher_mime: string | null; voucher: Buffer | Uint8Array | null }>(
    `SELECT sp.id, sp.county_id, sp.allocation_id, sp.voucher_name, sp.voucher_mime, sp.voucher
       FROM fund_spendings sp JOIN fund_allocations a ON a.id = sp.allocation_id WHERE sp.id = $1 AND ${inScope('a.org_path', 2)}`,
    [id, prefix],
  );
  return row;
}

export async function setVoucher(q: Queryable, id: number, v: { fileName: string; mimeType: string; content: Buffer }) {
  await q.query(`UPDATE fund_spendings SET voucher_name = $2, voucher_mime = $3, voucher = $4 WHERE id = $1`, [id, v.fileName, v.mimeType, v.content]);
}

// ---- former-cadre rule (county setting)

export async function formerRuleOf(q: Queryable, countyId: number) {
  const [row] = await q.query<{ min_years: number; per_year_served_fen: number; cap_fen: number }>(
    `SELECT min_years, per_year_served_fen, cap_fen FROM former_cadre_rules WHERE county_id = $1`,
    [countyId],
  );
  return row;
}

export async function saveFormerRule(q: Queryable, countyId: number, r: { minYears: number; perYearServedFen: number; capFen: number }) {
  await q.query(
    `INSERT INTO former_cadre_rules (county_id, min_years, per_year_served_fen, cap_fen) VALUES ($1, $2, $3, $4)
     ON CONFLICT (county_id) DO UPDATE SET min_years = EXCLUDED.min_years, per_year_served_fen = EXCLUDED.per_year_served_fen, cap_fen = EXCLUDED.cap_fen`,
    [countyId, r.minYears, r.perYearServedFen, r.capFen],
  );
}

// ---- awards

export type AwardLine = { id: number; org_id: number; org_name: string; org_type: string; year: number; title: string; amount_fen: number; awarded_on: string | null; source: 'award' | 'station_designation' };

/**
 * One page of a year's awards in the subtree, in one statement: the stations' 七一 commendations
 * (read from the orgs module's station_designations, not copied: decisions.md "Funds") first, by
 * the stations' order, then the awards recorded here by org; with the count and the sum of all.
 */
export async function pageAwards(q: Queryable, prefix: string, year: number, limit: number, offset: number) {
  const [row] = await q.query<{ total: number; total_fen: number | string; items: AwardLine[] }>(
    `WITH lines AS (
       SELECT 0 AS grp, s.sort AS k1, '' AS k2, d.id, d.org_id, s.name AS org_name, s.type AS org_type, d.year, '“七一”表彰党建示范站' AS title,
              coalesce(d.award_fen, 0)::bigint AS amount_fen, d.designated_on::text AS awarded_on, 'station_designation' AS source
         ${designationSql.from('d')} JOIN orgs s ON s.id = d.org_id
        WHERE ${inScope('s.path', 1)} AND d.kind = 'qiyi_commended' AND d.year = $2
       UNION ALL
       SELECT 1, 0, w.org_path, w.id, w.org_id, o.name, o.type, w.year, w.title, w.amount_fen::bigint, w.awarded_on::text, 'award'
         FROM fund_awards w JOIN orgs o ON o.id = w.org_id
        WHERE ${inScope('w.org_path', 1)} AND w.year = $2
     )
     SELECT (SELECT count(*)::int FROM lines) AS total,
            (SELECT coalesce(sum(amount_fen), 0)::bigint FROM lines) AS total_fen,
            coalesce((SELECT json_agg(p ORDER BY p.grp, p.k1, p.k2, p.id) FROM (SELECT * FROM lines ORDER BY grp, k1, k2, id LIMIT $3 OFFSET $4) p), '[]'::json) AS items`,
    [prefix, year, limit, offset],
  );
  return { items: row!.items, total: row!.total, totalFen: Number(row!.total_fen) };
}

export async function findAward(q: Queryable, prefix: string, id: number) {
  const [row] = await q.query<{ id: number; org_id: number; org_name: string; org_type: string; year: number; title: string; amount_fen: number; awarded_on: string | null }>(
    `SELECT w.id, w.org_id, o.name AS org_name, o.type AS org_type, w.year, w.title, w.amount_fen, w.awarded_on
       FROM fund_awards w JOIN orgs o ON o.id = w.org_id WHERE ${inScope('w.org_path', 1)} AND w.id = $2`,
    [prefix, id],
  );
  return row;
}

export async function insertAward(q: Queryable, a: { countyId: number; orgId: number; orgPath: string; year: number; title: string; amountFen: number; awardedOn: string | null }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO fund_awards (county_id, org_id, org_path, year, title, amount_fen, awarded_on) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [a.countyId, a.orgId, a.orgPath, a.year, a.title, a.amountFen, a.awardedOn],
  );
  return row!.id;
}

// ---- facility templates and checklists

export async function templatesOf(q: Queryable, countyId: number) {
  return q.query<{ kind: string; items: { key: string; name: string }[] }>(`SELECT kind, items FROM facility_templates WHERE county_id = $1`, [countyId]);
}

export async function saveTemplate(q: Queryable, countyId: number, kind: string, items: { key: string; name: string }[]) {
  await q.query(
    `INSERT INTO facility_templates (county_id, kind, items) VALUES ($1, $2, $3::jsonb) ON CONFLICT (county_id, kind) DO UPDATE SET items = EXCLUDED.items`,
    [countyId, kind, JSON.stringify(items)],
  );
}

export type ChecklistRow = { id: number; grade: string | null; investment_fen: number; version: number; updated_at: Date };

/** The checklist of a unit the use case has just found in scope. */
export async function checklistOf(q: Queryable, orgId: number, kind: string, forUpdate = false) {
  const [row] = await q.query<ChecklistRow>(
    `${BY_KEY}SELECT id, grade, investment_fen, version, updated_at FROM facility_checklists WHERE org_id = $1 AND kind = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [orgId, kind],
  );
  return row;
}

export async function checklistItems(q: Queryable, checklistId: number) {
  return q.query<{ item_key: string; met: boolean; note: string | null; has_photo: boolean }>(
    `SELECT item_key, met, note, photo IS NOT NULL AS has_photo FROM facility_checklist_items WHERE checklist_id = $1`,
    [checklistId],
  );
}

export async function insertChecklist(q: Queryable, c: { countyId: number; orgId: number; orgPath: string; kind: string; grade: string | null; investmentFen: number }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO facility_checklists (county_id, org_id, org_path, kind, grade, investment_fen) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [c.countyId, c.orgId, c.orgPath, c.kind, c.grade, c.investmentFen],
  );
  return row!.id;
}

export async function updateChecklist(q: Queryable, id: number, grade: string | null, investmentFen: number) {
  await q.query(`${BY_KEY}UPDATE facility_checklists SET grade = $2, investment_fen = $3, version = version + 1, updated_at = now() WHERE id = $1`, [id, grade, investmentFen]);
}

export async function upsertItems(q: Queryable, checklistId: number, items: { key: string; met: boolean; note: string | null }[]) {
  if (items.length === 0) return;
  await q.query(
    `INSERT INTO facility_checklist_items (checklist_id, item_key, met, note)
     SELECT $1, k, m, n FROM unnest($2::text[], $3::boolean[], $4::text[]) AS x(k, m, n)
     ON CONFLICT (checklist_id, item_key) DO UPDATE SET met = EXCLUDED.met, note = EXCLUDED.note`,
    [checklistId, items.map((i) => i.key), items.map((i) => i.met), items.map((i) => i.note)],
  );
}

export async function setItemPhoto(q: Queryable, checklistId: number, key: string, p: { fileName: string; mimeType: string; content: Buffer }) {
  await q.query(
    `INSERT INTO facility_checklist_items (checklist_id, item_key, met, photo_name, photo_mime, photo) VALUES ($1, $2, false, $3, $4, $5)
     ON CONFLICT (checklist_id, item_key) DO UPDATE SET photo_name = EXCLUDED.photo_name, photo_mime = EXCLUDED.photo_mime, photo = EXCLUDED.photo`,
    [checklistId, key, p.fileName, p.mimeType, p.content],
  );
}

export async function itemPhoto(q: Queryable, checklistId: number, key: string) {
  const [row] = await q.query<{ photo_name: string; photo_mime: string; photo: Buffer | Uint8Array }>(
    `SELECT photo_name, photo_mime, photo FROM facility_checklist_items WHERE checklist_id = $1 AND item_key = $2 AND photo IS NOT NULL`,
    [checklistId, key],
  );
  return row;
}

/** Every unit of the kind's types in the subtree with its checklist's met items (none when never checked). */
export async function boardUnits(q: Queryable, prefix: string, kind: string, types: readonly string[]) {
  return q.query<UnitRow & { checked: boolean; grade: string | null; investment_fen: number; met_keys: string[] }>(
    `SELECT o.id, o.name, o.type, o.path, o.county_id, c.id IS NOT NULL AS checked, c.grade, coalesce(c.investment_fen, 0)::bigint AS investment_fen,
            coalesce((SELECT array_agg(i.item_key ORDER BY i.item_key) FROM facility_checklist_items i WHERE i.checklist_id = c.id AND i.met), ARRAY[]::text[]) AS met_keys
       FROM orgs o LEFT JOIN facility_checklists c ON c.org_id = o.id AND c.kind = $2
      WHERE ${inScope('o.path', 1)} AND o.status = 'active' AND o.type = ANY($3::text[])
      ORDER BY o.path`,
    [prefix, kind, types],
  );
}

// ---- venues and duty shifts

export type VenueRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; kind: string; name: string; condition: string;
  open_24h: boolean; hours: string | null; service_phone: string | null; version: number; on_duty: { name: string; role: string }[] | null;
};

const VENUE = `SELECT v.id, v.county_id, v.org_id, v.org_path, o.name AS org_name, o.type AS org_type, v.kind, v.name, v.condition, v.open_24h, v.hours,
         v.service_phone, v.version,
         (SELECT json_agg(json_build_object('name', pe.name, 'role', s.role) ORDER BY s.starts_at)
            FROM duty_shifts s ${personSql.join('pe', 's.person_id')}
           WHERE s.venue_id = v.id AND s.starts_at <= now() AND s.ends_at > now()) AS on_duty
    FROM venues v JOIN orgs o ON o.id = v.org_id`;

export async function listVenues(q: Queryable, prefix: string, page: number, pageSize: number) {
  const [rows, [count]] = await Promise.all([
    q.query<VenueRow>(`${VENUE} WHERE ${inScope('v.org_path', 1)} ORDER BY v.org_path, v.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, [prefix]),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM venues v WHERE ${inScope('v.org_path', 1)}`, [prefix]),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findVenue(q: Queryable, prefix: string, id: number) {
  const [row] = await q.query<VenueRow>(`${VENUE} WHERE v.id = $1 AND ${inScope('v.org_path', 2)}`, [id, prefix]);
  return row;
}

export async function lockVenue(q: Queryable, prefix: string, id: number) {
  const [row] = await q.query<{ id: number; county_id: number; org_id: number; org_path: string; version: number; name: string; condition: string; open_24h: boolean; hours: string | null; service_phone: string | null }>(
    `SELECT id, county_id, org_id, org_path, version, name, condition, open_24h, hours, service_phone FROM venues WHERE id = $1 AND ${inScope('org_path', 2)} FOR UPDATE`,
    [id, prefix],
  );
  return row;
}

export async function insertVenue(q: Queryable, v: { countyId: number; orgId: number; orgPath: string; kind: string; name: string; condition: string; open24h: boolean; hours: string | null; servicePhone: string | null }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO venues (county_id, org_id, org_path, kind, name, condition, open_24h, hours, service_phone) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [v.countyId, v.orgId, v.orgPath, v.kind, v.name, v.condition, v.open24h, v.hours, v.servicePhone],
  );
  return row!.id;
}

export async function updateVenue(q: Queryable, id: number, v: { name: string; condition: string; open24h: boolean; hours: string | null; servicePhone: string | null }) {
  await q.query(
    `${BY_KEY}UPDATE venues SET name = $2, condition = $3, open_24h = $4, hours = $5, service_phone = $6, version = version + 1 WHERE id = $1`,
    [id, v.name, v.condition, v.open24h, v.hours, v.servicePhone],
  );
}

export type ShiftRow = { id: number; venue_id: number; person_id: number; person_name: string; role: string; starts_at: Date; ends_at: Date; now: boolean };

/** The shifts of a venue (read in scope by the use case) overlapping [from, to). */
export async function shiftsOf(q: Queryable, venueId: number, from: string, to: string) {
  return q.query<ShiftRow>(
    `${BY_KEY}SELECT s.id, s.venue_id, s.person_id, pe.name AS person_name, s.role, s.starts_at, s.ends_at, (s.starts_at <= now() AND s.ends_at > now()) AS now
       FROM duty_shifts s ${personSql.join('pe', 's.person_id')}
      WHERE s.venue_id = $1 AND s.ends_at > $2::timestamptz AND s.starts_at < $3::timestamptz ORDER BY s.starts_at, s.id`,
    [venueId, from, to],
  );
}

/** One shift by id, when its venue is in the prefix's subtree (the detail of a roster's row). */
export async function shiftById(q: Queryable, prefix: string, id: number) {
  const [row] = await q.query<ShiftRow>(
    `SELECT s.id, s.venue_id, s.person_id, pe.name AS person_name, s.role, s.starts_at, s.ends_at, (s.starts_at <= now() AND s.ends_at > now()) AS now
       FROM duty_shifts s JOIN venues v ON v.id = s.venue_id ${personSql.join('pe', 's.person_id')}
      WHERE s.id = $1 AND ${inScope('v.org_path', 2)}`,
    [id, prefix],
  );
  return row;
}

export async function insertShift(q: Queryable, s: { countyId: number; venueId: number; orgPath: string; personId: number; role: string; startsAt: string; endsAt: string }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO duty_shifts (county_id, venue_id, org_path, person_id, role, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [s.countyId, s.venueId, s.orgPath, s.personId, s.role, s.startsAt, s.endsAt],
  );
  return row!.id;
}

export async function findShift(q: Queryable, prefix: string, id: number) {
  const [row] = await q.query<{ id: number; venue_id: number; county_id: number; person_id: number; starts_at: Date; ends_at: Date }>(
    `SELECT s.id, s.venue_id, s.county_id, s.person_id, s.starts_at, s.ends_at FROM duty_shifts s JOIN venues v ON v.id = s.venue_id WHERE s.id = $1 AND ${inScope('v.org_path', 2)}`,
    [id, prefix],
  );
  return row;
}

export async function deleteShift(q: Queryable, id: number) {
  await q.query(`DELETE FROM duty_shifts WHERE id = $1`, [id]);
}

/** The public unit page: the unit's venues with who is on duty now (name and duty only). */
export async function publicVenues(q: Queryable, orgId: number) {
  return q.query<VenueRow>(`${SYSTEM}${VENUE} WHERE v.org_id = $1 AND v.condition <> 'closed' ORDER BY v.id`, [orgId]);
}
