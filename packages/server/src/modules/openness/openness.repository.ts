// SQL of 三务公开 (disclosures, their revisions, items and files), 村级财务审计 and hand-filled register rows.
import type { Queryable } from '../../db/db.js';
import { BY_KEY, SYSTEM, inScope } from '../../core/scope.js';

// ---- settings ----

export type SettingsRow = { disclosure_day: number; unit_types: string[]; cadence: Record<string, string>; books: unknown };

export async function settingsOf(q: Queryable, countyId: number) {
  const [row] = await q.query<SettingsRow>(`SELECT disclosure_day, unit_types, cadence, books FROM openness_settings WHERE county_id = $1`, [countyId]);
  return row;
}

export async function saveSettings(q: Queryable, countyId: number, s: { disclosureDay: number; unitTypes: string[]; cadence: unknown; books: unknown }) {
  await q.query(
    `INSERT INTO openness_settings (county_id, disclosure_day, unit_types, cadence, books) VALUES ($1, $2, $3::text[], $4::jsonb, $5::jsonb)
     ON CONFLICT (county_id) DO UPDATE SET disclosure_day = EXCLUDED.disclosure_day, unit_types = EXCLUDED.unit_types,
       cadence = EXCLUDED.cadence, books = EXCLUDED.books, updated_at = now()`,
    [countyId, s.disclosureDay, s.unitTypes, JSON.stringify(s.cadence), JSON.stringify(s.books)],
  );
}

// ---- disclosures ----

export type DisclosureRow = { id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; kind: string; period: string };
const DISCLOSURE = `SELECT d.id, d.county_id, d.org_id, d.org_path, o.name AS org_name, o.type AS org_type, d.kind, d.period FROM disclosures d JOIN orgs o ON o.id = d.org_id`;

export async function findDisclosure(q: Queryable, like: string, id: number) {
  const [row] = await q.query<DisclosureRow>(`${DISCLOSURE} WHERE d.id = $1 AND ${inScope('d.org_path', 2)}`, [id, like]);
  return row;
}

export async function findDisclosureOf(q: Queryable, like: string, orgId: number, kind: string, period: string) {
  const [row] = await q.query<DisclosureRow>(`${DISCLOSURE} WHERE d.org_id = $1 AND d.kind = $2 AND d.period = $3 AND ${inScope('d.org_path', 4)}`, [orgId, kind, period, like]);
  return row;
}

export async function insertDisclosure(q: Queryable, d: { countyId: number; orgId: number; orgPath: string; kind: string; period: string }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO disclosures (county_id, org_id, org_path, kind, period) VALUES ($1,$2,$3,$4,$5) ON CONFLICT (org_id, kind, period) DO NOTHING RETURNING id`,
    [d.countyId, d.orgId, d.orgPath, d.kind, d.period],
  );
  return row?.id;
}

export type RevisionRow = {
  id: number; disclosure_id: number; revision: number; status: 'draft' | 'published'; reason: string | null; photo_file_id: number | null;
  attachment_ids: number[]; published_at: Date | null; version: number;
};
const REVISION = `SELECT id, disclosure_id, revision, status, reason, photo_file_id, attachment_ids, published_at, version FROM disclosure_revisions`;

export async function revisionsOf(q: Queryable, disclosureIds: number[]) {
  if (!disclosureIds.length) return [];
  return q.query<RevisionRow>(`${BY_KEY}${REVISION} WHERE disclosure_id = ANY($1::bigint[]) ORDER BY disclosure_id, revision DESC`, [disclosureIds]);
}

export async function draftForUpdate(q: Queryable, disclosureId: number) {
  const [row] = await q.query<RevisionRow>(`${BY_KEY}${REVISION} WHERE disclosure_id = $1 AND status = 'draft' FOR UPDATE`, [disclosureId]);
  return row;
}

export async function insertRevision(q: Queryable, r: { disclosureId: number; countyId: number; revision: number; reason: string | null; photoFileId: number | null; attachmentIds: number[]; createdBy: number | null }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO disclosure_revisions (disclosure_id, county_id, revision, status, reason, photo_file_id, attachment_ids, created_by)
     VALUES ($1,$2,$3,'draft',$4,$5,$6::bigint[],$7) RETURNING id`,
    [r.disclosureId, r.countyId, r.revision, r.reason, r.photoFileId, r.attachmentIds, r.createdBy],
  );
  return row!.id;
}

export async function itemsOf(q: Queryable, revisionIds: number[]) {
  if (!revisionIds.length) return [];
  return q.query<{ revision_id: number; seq: number; title: string; content: string; amount_fen: string | number | null }>(
    `${BY_KEY}SELECT revision_id, seq, title, content, amount_fen FROM disclosure_items WHERE revision_id = ANY($1::bigint[]) ORDER BY revision_id, seq`,
    [revisionIds],
  );
}

export async function replaceItems(q: Queryable, revisionId: number, items: { title: string; content: string; amountFen: number | null }[]) {
  await q.query(`DELETE FROM disclosure_items WHERE revision_id = $1`, [revisionId]);
  if (!items.length) return;
  await q.query(
    `INSERT INTO disclosure_items (revision_id, seq, title, content, amount_fen)
     SELECT $1, s, t, c, a FROM unnest($2::int[], $3::text[], $4::text[], $5::bigint[]) AS x(s, t, c, a)`,
    [revisionId, items.map((_, i) => i + 1), items.map((i) => i.title), items.map((i) => i.content), items.map((i) => i.amountFen)],
  );
}

export async function copyItems(q: Queryable, fromRevisionId: number, toRevisionId: number) {
  await q.query(
    `INSERT INTO disclosure_items (revision_id, seq, title, content, amount_fen) SELECT $2, seq, title, content, amount_fen FROM disclosure_items WHERE revision_id = $1`,
    [fromRevisionId, toRevisionId],
  );
}

export async function touchRevision(q: Queryable, revisionId: number, set: { photoFileId?: number; attachmentId?: number }) {
  await q.query(
    `UPDATE disclosure_revisions SET photo_file_id = COALESCE($2, photo_file_id),
       attachment_ids = CASE WHEN $3::bigint IS NULL THEN attachment_ids ELSE attachment_ids || $3::bigint END, version = version + 1
     WHERE id = $1`,
    [revisionId, set.photoFileId ?? null, set.attachmentId ?? null],
  );
}

export async function publishRevision(q: Queryable, revisionId: number, accountId: number | null) {
  await q.query(`UPDATE disclosure_revisions SET status = 'published', published_at = now(), published_by = $2, version = version + 1 WHERE id = $1 AND status = 'draft'`, [revisionId, accountId]);
}

export async function insertFile(q: Queryable, f: { disclosureId: number; countyId: number; role: 'photo' | 'attachment'; fileName: string; mimeType: string; content: Buffer; createdBy: number | null }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO disclosure_files (disclosure_id, county_id, role, file_name, mime_type, size, content, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [f.disclosureId, f.countyId, f.role, f.fileName, f.mimeType, f.content.length, f.content, f.createdBy],
  );
  return row!.id;
}

export type FileMeta = { id: number; disclosure_id: number; role: 'photo' | 'attachment'; file_name: string; mime_type: string; size: number };
export async function filesMeta(q: Queryable, ids: number[]) {
  if (!ids.length) return [];
  return q.query<FileMeta>(`${BY_KEY}SELECT id, disclosure_id, role, file_name, mime_type, size FROM disclosure_files WHERE id = ANY($1::bigint[])`, [ids]);
}

export async function fileContent(q: Queryable, disclosureId: number, fileId: number) {
  const [row] = await q.query<FileMeta & { content: Buffer | Uint8Array }>(
    `${BY_KEY}SELECT id, disclosure_id, role, file_name, mime_type, size, content FROM disclosure_files WHERE id = $1 AND disclosure_id = $2`,
    [fileId, disclosureId],
  );
  return row;
}

export async function listDisclosures(q: Queryable, like: string, f: { period?: string; kind?: string; page: number; pageSize: number }) {
  const rows = await q.query<DisclosureRow & { total: number }>(
    `SELECT d.id, d.county_id, d.org_id, d.org_path, o.name AS org_name, o.type AS org_type, d.kind, d.period, count(*) OVER ()::int AS total
     FROM disclosures d JOIN orgs o ON o.id = d.org_id
     WHERE ${inScope('d.org_path', 1)} AND ($2::text IS NULL OR d.period = $2) AND ($3::text IS NULL OR d.kind = $3)
     ORDER BY d.period DESC, d.org_path, d.kind LIMIT $4 OFFSET $5`,
    [like, f.period ?? null, f.kind ?? null, f.pageSize, (f.page - 1) * f.pageSize],
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** The due board's facts: every unit of the given types under the org, with each due (kind, period)'s state. */
export async function boardUnits(q: Queryable, like: string, types: string[], kinds: string[], periods: string[]) {
  return q.query<{ org_id: number; org_name: string; org_type: string; org_path: string; kind: string; period: string; disclosure_id: number | null; first_published: Date | null; has_draft: boolean }>(
    `SELECT o.id AS org_id, o.name AS org_name, o.type AS org_type, o.path AS org_path, k.kind, k.period, d.id AS disclosure_id,
            (SELECT min(r.published_at) FROM disclosure_revisions r WHERE r.disclosure_id = d.id AND r.status = 'published') AS first_published,
            EXISTS (SELECT 1 FROM disclosure_revisions r WHERE r.disclosure_id = d.id AND r.status = 'draft') AS has_draft
     FROM orgs o
     CROSS JOIN unnest($3::text[], $4::text[]) AS k(kind, period)
     LEFT JOIN disclosures d ON d.org_id = o.id AND d.kind = k.kind AND d.period = k.period
     WHERE ${inScope('o.path', 1)} AND o.status = 'active' AND o.type = ANY($2::text[])
     ORDER BY o.path, k.kind`,
    [like, types, kinds, periods],
  );
}

/** The public page: a unit's published revisions of the given periods (current revision of each). */
export async function publishedOf(q: Queryable, orgId: number, periods: string[]) {
  return q.query<{ id: number; kind: string; period: string; revision_id: number; revision: number; reason: string | null; published_at: Date; photo_file_id: number | null; attachment_ids: number[] }>(
    `${SYSTEM}SELECT DISTINCT ON (d.id) d.id, d.kind, d.period, r.id AS revision_id, r.revision, r.reason, r.published_at, r.photo_file_id, r.attachment_ids
     FROM disclosures d JOIN disclosure_revisions r ON r.disclosure_id = d.id AND r.status = 'published'
     WHERE d.org_id = $1 AND d.period = ANY($2::text[])
     ORDER BY d.id, r.revision DESC`,
    [orgId, periods],
  );
}

/** Months (YYYY-MM, a quarter counted in its last month) in which a unit has a published disclosure. */
export async function publishedMonths(q: Queryable, orgId: number) {
  const rows = await q.query<{ period: string }>(
    `${SYSTEM}SELECT DISTINCT d.period FROM disclosures d WHERE d.org_id = $1
       AND EXISTS (SELECT 1 FROM disclosure_revisions r WHERE r.disclosure_id = d.id AND r.status = 'published') ORDER BY d.period DESC LIMIT 36`,
    [orgId],
  );
  return rows.map((r) => r.period);
}

export async function publicFile(q: Queryable, disclosureId: number, fileId: number) {
  // only a file of the disclosure's current published revision
  const [row] = await q.query<FileMeta & { content: Buffer | Uint8Array; org_id: number }>(
    `${SYSTEM}SELECT f.id, f.disclosure_id, f.role, f.file_name, f.mime_type, f.size, f.content, d.org_id
     FROM disclosure_files f JOIN disclosures d ON d.id = f.disclosure_id
     WHERE f.id = $2 AND f.disclosure_id = $1 AND EXISTS (
       SELECT 1 FROM (SELECT r.photo_file_id, r.attachment_ids FROM disclosure_revisions r WHERE r.disclosure_id = $1 AND r.status = 'published' ORDER BY r.revision DESC LIMIT 1) cur
       WHERE cur.photo_file_id = f.id OR f.id = ANY(cur.attachment_ids))`,
    [disclosureId, fileId],
  );
  return row;
}

/** 三务公开记录簿: a unit's published disclosures of a year (each current revision), for the register. */
export async function disclosureBook(q: Queryable, like: string, orgId: number, year: number) {
  return q.query<{ period: string; kind: string; revision: number; published_at: Date; first_published: Date; titles: string | null; amount_fen: string | number | null }>(
    `SELECT cur.period, cur.kind, cur.revision, cur.published_at, cur.first_published,
            (SELECT string_agg(i.title, '；' ORDER BY i.seq) FROM disclosure_items i WHERE i.revision_id = cur.revision_id) AS titles,
            (SELECT sum(i.amount_fen) FROM disclosure_items i WHERE i.revision_id = cur.revision_id) AS amount_fen
     FROM (SELECT DISTINCT ON (d.id) d.id, d.period, d.kind, r.id AS revision_id, r.revision, r.published_at,
                  (SELECT min(r2.published_at) FROM disclosure_revisions r2 WHERE r2.disclosure_id = d.id AND r2.status = 'published') AS first_published
           FROM disclosures d JOIN disclosure_revisions r ON r.disclosure_id = d.id AND r.status = 'published'
           WHERE d.org_id = $1 AND ${inScope('d.org_path', 2)} AND d.period LIKE $3
           ORDER BY d.id, r.revision DESC) cur
     ORDER BY cur.period, cur.kind`,
    [orgId, like, `${year}-%`],
  );
}

// ---- finance audits ----

export type AuditRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; period: string; audited_on: string;
  auditor: string; conclusion: string; by_org_id: number; by_name: string; by_type: string;
};
const AUDIT = `SELECT a.id, a.county_id, a.org_id, a.org_path, o.name AS org_name, o.type AS org_type, a.period, a.audited_on::text AS audited_on,
  a.auditor, a.conclusion, a.by_org_id, b.name AS by_name, b.type AS by_type
  FROM finance_audits a JOIN orgs o ON o.id = a.org_id JOIN orgs b ON b.id = a.by_org_id`;

export async function findAudit(q: Queryable, like: string, id: number) {
  const [row] = await q.query<AuditRow>(`${AUDIT} WHERE a.id = $1 AND ${inScope('a.org_path', 2)}`, [id, like]);
  return row;
}

export async function listAudits(q: Queryable, like: string, year: number | null, page: number, pageSize: number) {
  const rows = await q.query<AuditRow & { total: number }>(
    `SELECT a.id, a.county_id, a.org_id, a.org_path, o.name AS org_name, o.type AS org_type, a.period, a.audited_on::text AS audited_on,
       a.auditor, a.conclusion, a.by_org_id, b.name AS by_name, b.type AS by_type, count(*) OVER ()::int AS total
     FROM finance_audits a JOIN orgs o ON o.id = a.org_id JOIN orgs b ON b.id = a.by_org_id
     WHERE ${inScope('a.org_path', 1)} AND ($2::int IS NULL OR a.period LIKE $2::text || '%') ORDER BY a.audited_on DESC, a.id DESC LIMIT $3 OFFSET $4`,
    [like, year, pageSize, (page - 1) * pageSize],
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function auditExists(q: Queryable, like: string, orgId: number, period: string) {
  const [row] = await q.query<{ id: number }>(`SELECT a.id FROM finance_audits a WHERE a.org_id = $1 AND a.period = $2 AND ${inScope('a.org_path', 3)}`, [orgId, period, like]);
  return row?.id;
}

export async function insertAudit(q: Queryable, a: { countyId: number; orgId: number; orgPath: string; period: string; auditedOn: string; auditor: string; conclusion: string; byOrgId: number; createdBy: number | null }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO finance_audits (county_id, org_id, org_path, period, audited_on, auditor, conclusion, by_org_id, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (org_id, period) DO NOTHING RETURNING id`,
    [a.countyId, a.orgId, a.orgPath, a.period, a.auditedOn, a.auditor, a.conclusion, a.byOrgId, a.createdBy],
  );
  return row?.id;
}

export async function insertFindings(q: Queryable, auditId: number, countyId: number, findings: { description: string; amountFen: number | null }[]) {
  if (!findings.length) return;
  await q.query(
    `INSERT INTO finance_audit_findings (audit_id, county_id, seq, description, amount_fen)
     SELECT $1, $2, s, d, a FROM unnest($3::int[], $4::text[], $5::bigint[]) AS x(s, d, a)`,
    [auditId, countyId, findings.map((_, i) => i + 1), findings.map((f) => f.description), findings.map((f) => f.amountFen)],
  );
}

export type FindingRow = { id: number; audit_id: number; seq: number; description: string; amount_fen: string | number | null; problem_case_id: number | null };
export async function findingsOf(q: Queryable, auditIds: number[]) {
  if (!auditIds.length) return [];
  return q.query<FindingRow>(`${BY_KEY}SELECT id, audit_id, seq, description, amount_fen, problem_case_id FROM finance_audit_findings WHERE audit_id = ANY($1::bigint[]) ORDER BY audit_id, seq`, [auditIds]);
}

export async function findingForUpdate(q: Queryable, auditId: number, findingId: number) {
  const [row] = await q.query<FindingRow>(`${BY_KEY}SELECT id, audit_id, seq, description, amount_fen, problem_case_id FROM finance_audit_findings WHERE id = $1 AND audit_id = $2 FOR UPDATE`, [findingId, auditId]);
  return row;
}

export async function linkFinding(q: Queryable, findingId: number, caseId: number) {
  await q.query(`UPDATE finance_audit_findings SET problem_case_id = $2 WHERE id = $1`, [findingId, caseId]);
}

// ---- hand-filled register rows ----

export async function registerRows(q: Queryable, like: string, orgId: number, bookCode: string, year: number) {
  return q.query<{ id: number; entry_date: string; cells: Record<string, string> }>(
    `SELECT r.id, r.entry_date::text AS entry_date, r.cells FROM register_rows r
     WHERE r.org_id = $1 AND r.book_code = $2 AND r.year = $3 AND ${inScope('r.org_path', 4)} ORDER BY r.entry_date, r.id`,
    [orgId, bookCode, year, like],
  );
}

export async function findRegisterRow(q: Queryable, like: string, bookCode: string, id: number) {
  const [row] = await q.query<{ id: number; county_id: number; org_id: number; org_name: string; org_type: string; book_code: string; year: number; entry_date: string; cells: Record<string, string> }>(
    `SELECT r.id, r.county_id, r.org_id, o.name AS org_name, o.type AS org_type, r.book_code, r.year, r.entry_date::text AS entry_date, r.cells
       FROM register_rows r JOIN orgs o ON o.id = r.org_id WHERE r.id = $1 AND r.book_code = $2 AND ${inScope('r.org_path', 3)}`,
    [id, bookCode, like],
  );
  return row;
}

export async function registerCounts(q: Queryable, like: string, orgId: number, year: number) {
  return q.query<{ book_code: string; n: number }>(
    `SELECT r.book_code, count(*)::int AS n FROM register_rows r WHERE r.org_id = $1 AND r.year = $2 AND ${inScope('r.org_path', 3)} GROUP BY r.book_code`,
    [orgId, year, like],
  );
}

export async function insertRegisterRow(q: Queryable, r: { countyId: number; orgId: number; orgPath: string; bookCode: string; year: number; entryDate: string; cells: Record<string, string>; createdBy: number | null }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO register_rows (county_id, org_id, org_path, book_code, year, entry_date, cells, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7::jsonb,$8) RETURNING id`,
    [r.countyId, r.orgId, r.orgPath, r.bookCode, r.year, r.entryDate, JSON.stringify(r.cells), r.createdBy],
  );
  return row!.id;
}
