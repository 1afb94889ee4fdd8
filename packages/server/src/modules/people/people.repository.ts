// The only file with SQL of people, posts and the reserve-cadre pool. Every query is limited to
// the actor's subtree by org_path.
import type { ListPeopleQuery } from '@lianxin/contract';
import { prepared, type Queryable } from '../../db/db.js';
import { likePrefix, type Scope } from '../../core/access.js';
import { inScope, inCounty, BY_KEY, SYSTEM } from '../../core/scope.js';

export type PersonRow = {
  id: number;
  county_id: number;
  org_id: number;
  org_path: string;
  org_name: string;
  org_type: string;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birth_date: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  phone_hash: string | null;
  id_number_mask: string | null;
  phone_enc: string | null;
  phone_mask: string | null;
  education: string | null;
  member_status: 'formal' | 'probationary' | null;
  join_date: string | null;
  full_date: string | null;
  party_group_id: number | null;
  flow_status: 'none' | 'outflow' | 'inflow';
  status: 'active' | 'left' | 'deceased';
  version: number;
};

const SELECT = `
  SELECT p.id, p.county_id, p.org_id, p.org_path, o.name AS org_name, o.type AS org_type, p.name,
         p.gender, p.ethnicity, p.birth_date, p.id_number_enc, p.id_number_hash, p.phone_hash, p.id_number_mask, p.phone_enc,
         p.phone_mask, p.education, p.member_status, p.join_date, p.full_date, p.party_group_id,
         p.flow_status, p.status, p.version
  FROM persons p JOIN orgs o ON o.id = p.org_id`;

export async function findPerson(q: Queryable, scope: Scope, id: number): Promise<PersonRow | undefined> {
  const [row] = await q.query<PersonRow>(`${SELECT} WHERE p.id = $1 AND ${inScope('p.org_path', 2)}`, [id, likePrefix(scope.path)]);
  return row;
}

export async function findPersonForUpdate(q: Queryable, scope: Scope, id: number): Promise<PersonRow | undefined> {
  const [row] = await q.query<PersonRow>(`${SELECT} WHERE p.id = $1 AND ${inScope('p.org_path', 2)} FOR UPDATE OF p`, [id, likePrefix(scope.path)]);
  return row;
}

/** Any person with this ID-number hash, in scope or not (uniqueness is county-wide and beyond). */
export async function findByIdNumberHash(q: Queryable, hash: string): Promise<{ id: number; org_path: string; version: number } | undefined> {
  const [row] = await q.query<{ id: number; org_path: string; version: number }>(
    `${SYSTEM}SELECT id, org_path, version FROM persons WHERE id_number_hash = $1`,
    [hash],
  );
  return row;
}

const SORT_COLUMNS = { name: 'p.name', birthDate: 'p.birth_date', joinDate: 'p.join_date', id: 'p.id' } as const;

/** The date `years` years before `date` (YYYY-MM-DD); 29 February falls back to the 28th. */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Builds the WHERE clause of a roster filter; shared by the paged list and the export. */
export function rosterFilter(scope: Scope, rootPath: string, f: ListPeopleQuery, today: string, countyRootId?: number) {
  // countyRootId: the root is this county node, whose people are exactly those with its county_id
  const where: string[] = [countyRootId !== undefined ? inCounty('p.county_id', 1) : inScope('p.org_path', 1)];
  const params: unknown[] = [countyRootId ?? likePrefix(rootPath.startsWith(scope.path) ? rootPath : scope.path)];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  add((n) => `p.status = ${n}`, f.status ?? 'active');
  if (f.memberStatus === 'member') where.push('p.member_status IS NOT NULL');
  else if (f.memberStatus === 'non_member') where.push('p.member_status IS NULL');
  else if (f.memberStatus) add((n) => `p.member_status = ${n}`, f.memberStatus);
  if (f.gender) add((n) => `p.gender = ${n}`, f.gender);
  if (f.education) add((n) => `p.education = ${n}`, f.education);
  if (f.flowStatus) add((n) => `p.flow_status = ${n}`, f.flowStatus);
  if (f.q?.trim()) add((n) => `p.name LIKE ${n}`, `%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  // Age on today's date (China Standard Time): ageMin years old means born on or before today
  // minus ageMin years; at most ageMax means born after today minus (ageMax + 1) years.
  if (f.ageMin !== undefined) add((n) => `p.birth_date <= ${n}::date`, yearsBefore(today, f.ageMin));
  if (f.ageMax !== undefined) add((n) => `p.birth_date > ${n}::date`, yearsBefore(today, f.ageMax + 1));
  if (f.joinFrom) add((n) => `p.join_date >= ${n}::date`, f.joinFrom);
  if (f.joinTo) add((n) => `p.join_date <= ${n}::date`, f.joinTo);
  return { where: where.join(' AND '), params };
}

export async function listPeople(q: Queryable, scope: Scope, rootPath: string, f: ListPeopleQuery, today: string) {
  // A county's roster is selected by county_id (the same rows as its path prefix), so it can be
  // paged on persons_county_id_idx (migration 002) instead of the path.
  const [root] = await q.query<{ id: number; type: string }>(`${BY_KEY}SELECT id, type FROM orgs WHERE path = $1`, [
    rootPath.startsWith(scope.path) ? rootPath : scope.path,
  ]);
  const { where, params } = rosterFilter(scope, rootPath, f, today, root?.type === 'county' ? root.id : undefined);
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  const sort = SORT_COLUMNS[f.sort ?? 'id'];
  const order = f.order === 'desc' ? 'DESC' : 'ASC';
  const nulls = order === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST';
  const countColumn = rosterCountColumn(f);
  // A county's roster in id order is read as a keyset of persons_county_id_idx (county_id, id):
  // the row predicate, true of every row of the county (ids start at 1), is an index condition of
  // that index only, so the page never walks the primary key through the counties before this one
  // (a county holding a tenth of a province, its ids contiguous, made that walk 300–760 ms; bench/README.md).
  const countyKeyset = root?.type === 'county' && (f.sort ?? 'id') === 'id';
  const [rows, [count]] = await Promise.all([
    q.query<PersonRow>(
      countyKeyset
        ? // the page's ids first, from the index alone (its INCLUDE columns hold every filter but the
          // name), then only those rows: a deep page's offset is walked in the index, never as rows of
          // persons joined to orgs and sorted (which the planner chose on the province when it
          // underestimated the county: page 512 took 169 ms that way, 5 ms this way)
          `${SELECT} JOIN (SELECT p.id FROM persons p WHERE ${where} AND (p.county_id, p.id) >= ($1, 0)
          ORDER BY p.county_id ${order}, p.id ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}) page ON page.id = p.id
       ORDER BY p.id ${order}`
        : `${SELECT} WHERE ${where} ORDER BY ${sort} ${order} ${nulls}, p.id ${order}
       LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    ),
    countColumn
      ? // the running counts per org (migration 320) of the subtree: ~530 rows for a county instead of its ~20,000 people.
        // Below the province each of the subtree's orgs looks up its own count by key (0.5 ms for a county of the
        // bench province); joined, the planner hashed all 18,000 count rows of the province for it (3.9 ms, most of
        // the page's database time). A province's whole roster keeps the join, where hashing them all is cheaper.
        q.query<{ n: number }>(
          root?.type === 'province' || !root
            ? `SELECT coalesce(sum(c.${countColumn}), 0)::int AS n FROM orgs o JOIN org_person_counts c ON c.org_id = o.id WHERE ${inScope('o.path', 1)}`
            : `SELECT coalesce(sum((SELECT c.${countColumn} FROM org_person_counts c WHERE c.org_id = o.id)), 0)::int AS n FROM orgs o WHERE ${inScope('o.path', 1)}`,
          [likePrefix(rootPath.startsWith(scope.path) ? rootPath : scope.path)],
        )
      : q.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons p WHERE ${where}`, params),
  ]);
  return { rows, total: count?.n ?? 0, page, pageSize };
}

/**
 * The column of `org_person_counts` that holds this list's total, when its only filters are the
 * ones the counts are kept for (active people; active Party members), else undefined (count rows).
 */
export function rosterCountColumn(f: ListPeopleQuery): 'active' | 'members' | undefined {
  if ((f.status ?? 'active') !== 'active') return undefined;
  if (f.gender || f.education || f.flowStatus || f.q?.trim() || f.ageMin !== undefined || f.ageMax !== undefined || f.joinFrom || f.joinTo) return undefined;
  if (f.memberStatus === undefined) return 'active';
  return f.memberStatus === 'member' ? 'members' : undefined;
}

/** Streams a filtered roster in id order, a batch at a time (export of large lists). */
export async function* iterateRoster(q: Queryable, scope: Scope, rootPath: string, f: ListPeopleQuery, today: string, batch = 2000) {
  const { where, params } = rosterFilter(scope, rootPath, f, today);
  let after = 0;
  for (;;) {
    const rows = await q.query<PersonRow>(
      `${SELECT} WHERE ${where} AND p.id > $${params.length + 1} ORDER BY p.id LIMIT ${batch}`,
      [...params, after],
    );
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
    if (rows.length < batch) return;
  }
}

export type PersonWrite = {
  countyId: number;
  orgId: number;
  orgPath: string;
  name: string;
  gender: string;
  ethnicity: string;
  birthDate: string | null;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  idNumberMask: string | null;
  phoneEnc: string | null;
  phoneHash: string | null;
  phoneMask: string | null;
  education: string | null;
  memberStatus: string | null;
  joinDate: string | null;
  fullDate: string | null;
  partyGroupId: number | null;
  flowStatus: string;
  status: string;
};

const WRITE_COLUMNS = [
  'county_id', 'org_id', 'org_path', 'name', 'gender', 'ethnicity', 'birth_date', 'id_number_enc',
  'id_number_hash', 'id_number_mask', 'phone_enc', 'phone_hash', 'phone_mask', 'education',
  'member_status', 'join_date', 'full_date', 'party_group_id', 'flow_status', 'status',
] as const;

function values(p: PersonWrite): unknown[] {
  return [
    p.countyId, p.orgId, p.orgPath, p.name, p.gender, p.ethnicity, p.birthDate, p.idNumberEnc,
    p.idNumberHash, p.idNumberMask, p.phoneEnc, p.phoneHash, p.phoneMask, p.education,
    p.memberStatus, p.joinDate, p.fullDate, p.partyGroupId, p.flowStatus, p.status,
  ];
}

export async function insertPerson(q: Queryable, p: PersonWrite): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO persons (${WRITE_COLUMNS.join(', ')})
     VALUES (${WRITE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    values(p),
  );
  return row!.id;
}

export async function updatePerson(q: Queryable, id: number, version: number, p: PersonWrite): Promise<boolean> {
  const rows = await q.query(
    `${BY_KEY}UPDATE persons SET ${WRITE_COLUMNS.map((c, i) => `${c} = $${i + 3}`).join(', ')},
       version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, ...values(p)],
  );
  return rows.length > 0;
}

/**
 * Bulk insert of many people in one statement (Excel import, synthetic data): one array per
 * column through unnest, instead of a statement per row.
 */
export async function insertPeopleBulk(q: Queryable, people: PersonWrite[]): Promise<number> {
  if (people.length === 0) return 0;
  const types = ['bigint', 'bigint', 'text', 'text', 'text', 'text', 'date', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'date', 'date', 'bigint', 'text', 'text'];
  const columns = WRITE_COLUMNS.map((_, i) => people.map((p) => values(p)[i]));
  await q.query(
    `INSERT INTO persons (${WRITE_COLUMNS.join(', ')})
     SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
    columns,
  );
  return people.length;
}

export async function orgsOfScope(q: Queryable, scope: Scope) {
  return q.query<{ id: number; name: string; type: string; path: string; county_id: number; parent_id: number | null; status: string }>(
    `SELECT id, name, type, path, county_id, parent_id, status FROM orgs WHERE ${inScope('path', 1)}`,
    [likePrefix(scope.path)],
  );
}

export async function findOrgInScope(q: Queryable, scope: Scope, id: number) {
  const [row] = await q.query<{ id: number; name: string; type: string; path: string; county_id: number; status: string; parent_id: number | null }>(
    `SELECT id, name, type, path, county_id, status, parent_id FROM orgs WHERE id = $1 AND ${inScope('path', 2)}`,
    [id, likePrefix(scope.path)],
  );
  return row;
}

export type PostRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; person_id: number;
  role: string; concurrent: boolean; sent_from: string | null; start_date: string; end_date: string | null; note: string | null;
  selection_channel: string | null; civil_service: boolean; civil_service_date: string | null; civil_service_basis: string | null; version: number;
};
const POST_SELECT = `SELECT p.id, p.county_id, p.org_id, p.org_path, o.name AS org_name, o.type AS org_type, p.person_id, p.role,
            p.concurrent, p.sent_from, p.start_date, p.end_date, p.note, p.selection_channel, p.civil_service,
            p.civil_service_date, p.civil_service_basis, p.version
     FROM posts p JOIN orgs o ON o.id = p.org_id`;

export async function postsOf(q: Queryable, personId: number) {
  return q.query<PostRow>(`${BY_KEY}${POST_SELECT} WHERE p.person_id = $1 ORDER BY p.start_date DESC, p.id DESC`, [personId]);
}

/** The current and past posts of one org (its page lists them). */
export async function postsAt(q: Queryable, scope: Scope, orgId: number) {
  return q.query<PostRow & { person_name: string }>(
    `SELECT x.*, pe.name AS person_name FROM (${POST_SELECT} WHERE p.org_id = $1 AND ${inScope('p.org_path', 2)}) x
       JOIN persons pe ON pe.id = x.person_id ORDER BY (x.end_date IS NULL OR x.end_date >= CURRENT_DATE) DESC, x.role, x.start_date DESC`,
    [orgId, likePrefix(scope.path)],
  );
}

/** One post in the scope with its holder's name (GET /api/posts/{id}). */
export async function findPostWithHolder(q: Queryable, scope: Scope, id: number) {
  const [row] = await q.query<PostRow & { person_name: string }>(
    `SELECT x.*, pe.name AS person_name FROM (${POST_SELECT} WHERE p.id = $1 AND ${inScope('p.org_path', 2)}) x
       JOIN persons pe ON pe.id = x.person_id`,
    [id, likePrefix(scope.path)],
  );
  return row;
}

export type PostSpanRow = {
  post_id: number; person_id: number; person_name: string; org_id: number; org_name: string; org_type: string;
  role: string; concurrent: boolean; start_date: string; end_date: string | null; sent_from: string | null; org_path: string;
};

/** Posts at villages and communities of the subtree held at any time in [from, to], ended ones included (报酬, 离任补贴, 第一书记补助). */
export async function postSpans(q: Queryable, scope: Scope, from: string, to: string, role?: string) {
  return q.query<PostSpanRow>(
    `SELECT po.id AS post_id, po.person_id, pe.name AS person_name, po.org_id, o.name AS org_name, o.type AS org_type,
            po.role, po.concurrent, po.start_date, po.end_date, po.sent_from, po.org_path
       FROM posts po JOIN persons pe ON pe.id = po.person_id JOIN orgs o ON o.id = po.org_id
      WHERE ${inScope('po.org_path', 1)} AND o.type IN ('village', 'community')
        AND po.start_date <= $3::date AND (po.end_date IS NULL OR po.end_date >= $2::date)${role ? ' AND po.role = $4' : ''}
      ORDER BY po.org_path, po.person_id, po.start_date, po.id`,
    role ? [likePrefix(scope.path), from, to, role] : [likePrefix(scope.path), from, to],
  );
}

export async function historyOf(q: Queryable, personId: number) {
  return q.query<{ at: Date; username: string | null; by_name: string | null; action: string; summary: unknown }>(
    `SELECT l.at, l.username, a.display_name AS by_name, l.action, l.summary
       FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id
      WHERE l.object_type = 'person' AND l.object_id = $1 ORDER BY l.id DESC LIMIT 50`,
    [String(personId)],
  );
}

export async function reserveOf(q: Queryable, personId: number) {
  const [row] = await q.query<{ id: number; target_role: string; added_on: string }>(
    `${BY_KEY}SELECT id, target_role, added_on FROM reserve_cadres WHERE person_id = $1 AND status = 'active'`,
    [personId],
  );
  return row;
}

export type PostWrite = {
  countyId: number; orgId: number; orgPath: string; personId: number; role: string; concurrent: boolean; sentFrom: string | null;
  startDate: string; endDate: string | null; note: string | null; selectionChannel: string | null; civilService: boolean;
  civilServiceDate: string | null; civilServiceBasis: string | null;
};

export async function insertPost(q: Queryable, p: PostWrite) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO posts (county_id, org_id, org_path, person_id, role, concurrent, sent_from, start_date, end_date, note,
                        selection_channel, civil_service, civil_service_date, civil_service_basis)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING id`,
    [p.countyId, p.orgId, p.orgPath, p.personId, p.role, p.concurrent, p.sentFrom, p.startDate, p.endDate, p.note,
      p.selectionChannel, p.civilService, p.civilServiceDate, p.civilServiceBasis],
  );
  return row!.id;
}

export async function updatePost(q: Queryable, id: number, version: number, p: PostWrite): Promise<boolean> {
  const rows = await q.query<{ id: number }>(
    `${BY_KEY}UPDATE posts SET concurrent = $3, sent_from = $4, start_date = $5, end_date = $6, note = $7, selection_channel = $8,
            civil_service = $9, civil_service_date = $10, civil_service_basis = $11, version = version + 1
      WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, p.concurrent, p.sentFrom, p.startDate, p.endDate, p.note, p.selectionChannel, p.civilService, p.civilServiceDate, p.civilServiceBasis],
  );
  return rows.length === 1;
}

export async function findPost(q: Queryable, scope: Scope, id: number, forUpdate = false): Promise<PostRow | undefined> {
  const [row] = await q.query<PostRow>(`${POST_SELECT} WHERE p.id = $1 AND ${inScope('p.org_path', 2)}${forUpdate ? ' FOR UPDATE OF p' : ''}`, [id, likePrefix(scope.path)]);
  return row;
}

/** Serializes post assignments of one org (read in scope just before): the overlap check then sees every committed term. */
export async function lockOrgForPosts(q: Queryable, orgId: number) {
  await q.query(`${BY_KEY}SELECT id FROM orgs WHERE id = $1 FOR UPDATE`, [orgId]);
}

/** Terms of this role at this org that overlap [start, end] (end NULL: open-ended), other than `exceptId`. */
export async function overlappingPosts(q: Queryable, orgId: number, role: string, start: string, end: string | null, exceptId: number | null) {
  return q.query<{ id: number; name: string; start_date: string; end_date: string | null }>(
    `${BY_KEY}SELECT p.id, pe.name, p.start_date, p.end_date FROM posts p JOIN persons pe ON pe.id = p.person_id
      WHERE p.org_id = $1 AND p.role = $2 AND p.id <> coalesce($5::bigint, 0)
        AND p.start_date <= coalesce($4::date, 'infinity'::date) AND coalesce(p.end_date, 'infinity'::date) >= $3::date
      ORDER BY p.start_date LIMIT 1`,
    [orgId, role, start, end, exceptId],
  );
}

export async function endPost(q: Queryable, id: number, endDate: string) {
  await q.query(`${BY_KEY}UPDATE posts SET end_date = $2, version = version + 1 WHERE id = $1`, [id, endDate]);
}

/** 党员身份: the development path's end writes the person's membership (join date, full date) on the one record. */
export async function setMembership(q: Queryable, personId: number, m: { memberStatus: 'formal' | 'probationary'; joinDate: string; fullDate: string | null }) {
  await q.query(
    `${BY_KEY}UPDATE persons SET member_status = $2, join_date = $3, full_date = $4, version = version + 1, updated_at = now() WHERE id = $1`,
    [personId, m.memberStatus, m.joinDate, m.fullDate],
  );
}

export type CadreFilter = {
  role?: string; concurrent?: boolean; sentFrom?: string; selectionChannel?: string; civilService?: boolean; education?: string;
  ageMin?: number; ageMax?: number; startFrom?: string; startTo?: string;
};

/**
 * The subtree the cadre ledger covers: a path, or a county's whole tree (`countyRoot`, the county's
 * id, with its path), selected by county_id — the same posts, read from `posts_county_ledger_idx`
 * in the ledger's order instead of through the path range and a sort (migration 470).
 */
export type CadreRoot = string | { path: string; countyRoot: number };

/** The WHERE clause of the cadre ledger: current posts of the subtree and the filters (shared by the page and the export). */
function cadreWhere(scope: Scope, root: CadreRoot, f: CadreFilter, today: string) {
  const rootPath = typeof root === 'string' ? root : root.path;
  // a county root inside the caller's scope is read by its id; anything else by the (clamped) path
  const byCounty = typeof root !== 'string' && rootPath.startsWith(scope.path);
  const params: unknown[] = [byCounty ? root.countyRoot : likePrefix(rootPath.startsWith(scope.path) ? rootPath : scope.path), today];
  const where = [byCounty ? inCounty('po.county_id', 1) : inScope('po.org_path', 1), '(po.end_date IS NULL OR po.end_date >= $2::date)', 'po.start_date <= $2::date'];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.role) add((n) => `po.role = ${n}`, f.role);
  if (f.concurrent !== undefined) add((n) => `po.concurrent = ${n}`, f.concurrent);
  if (f.sentFrom) add((n) => `po.sent_from LIKE ${n}`, `%${f.sentFrom.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.selectionChannel) add((n) => `po.selection_channel = ${n}`, f.selectionChannel);
  if (f.civilService !== undefined) add((n) => `po.civil_service = ${n}`, f.civilService);
  if (f.education) add((n) => `pe.education = ${n}`, f.education);
  // age on today: born on or before (today − ageMin years), and after (today − (ageMax + 1) years)
  if (f.ageMin !== undefined) add((n) => `pe.birth_date <= ${n}::date`, yearsBefore(today, f.ageMin));
  if (f.ageMax !== undefined) add((n) => `pe.birth_date > ${n}::date`, yearsBefore(today, f.ageMax + 1));
  if (f.startFrom) add((n) => `po.start_date >= ${n}::date`, f.startFrom);
  if (f.startTo) add((n) => `po.start_date <= ${n}::date`, f.startTo);
  return { where: where.join(' AND '), params, byCounty };
}

export type CadreRowDb = {
  post_id: number; role: string; concurrent: boolean; sent_from: string | null; start_date: string; end_date: string | null;
  selection_channel: string | null; civil_service: boolean; version: number; org_id: number; org_name: string; org_type: string;
  person_id: number; name: string; gender: 'male' | 'female'; birth_date: string | null; education: string | null;
  phone_mask: string | null; phone_enc: string | null;
};
const CADRE_SELECT = `SELECT po.id AS post_id, po.role, po.concurrent, po.sent_from, po.start_date, po.end_date, po.selection_channel,
              po.civil_service, po.version, o.id AS org_id, o.name AS org_name, o.type AS org_type, pe.id AS person_id, pe.name,
              pe.gender, pe.birth_date, pe.education, pe.phone_mask, pe.phone_enc
       FROM posts po JOIN orgs o ON o.id = po.org_id JOIN persons pe ON pe.id = po.person_id`;

/** 干部台账: current posts in the subtree with their holders, filtered and paged. */
export async function listCadres(q: Queryable, scope: Scope, root: CadreRoot, f: CadreFilter, today: string, page: number, pageSize: number) {
  const { where, params, byCounty } = cadreWhere(scope, root, f, today);
  // A county's ledger (county id) is one plan whatever the county and the page: its statements are
  // prepared (one name per filter combination, the page's size and offset as parameters), since
  // planning the three-table join took 5 ms against its 1 ms run. A path's are not: a generic plan
  // cannot turn `LIKE $1` into an index range.
  const sql = (text: string) => (byCounty ? prepared(text) : text);
  const n = params.length;
  const [rows, [count]] = await Promise.all([
    q.query<CadreRowDb>(sql(`${CADRE_SELECT} WHERE ${where} ORDER BY po.org_path, po.role, po.id LIMIT $${n + 1} OFFSET $${n + 2}`), [...params, pageSize, (page - 1) * pageSize]),
    // every post has its person (a required foreign key): without a filter on the person the
    // count reads posts alone, not one person lookup per post
    where.includes('pe.')
      ? q.query<{ n: number }>(sql(`SELECT count(*)::int AS n FROM posts po JOIN persons pe ON pe.id = po.person_id WHERE ${where}`), params)
      : q.query<{ n: number }>(sql(`SELECT count(*)::int AS n FROM posts po WHERE ${where}`), params),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** The whole filtered ledger for the .xlsx export, in pages of `batch` rows (keyset on the post id). */
export async function* cadresForExport(q: Queryable, scope: Scope, root: CadreRoot, f: CadreFilter, today: string, batch = 2000) {
  const { where, params } = cadreWhere(scope, root, f, today);
  let after = 0;
  for (;;) {
    const rows = await q.query<CadreRowDb>(`${CADRE_SELECT} WHERE ${where} AND po.id > $${params.length + 1} ORDER BY po.id LIMIT ${batch}`, [...params, after]);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.post_id;
  }
}

/** 两委 of the villages and communities under each township of the subtree: one row per person (several posts count once). */
export async function committeeMembers(q: Queryable, scope: Scope, rootPath: string, today: string) {
  return q.query<{ township_id: number; township_name: string; person_id: number; birth_date: string | null; education: string | null; concurrent: boolean }>(
    `SELECT t.id AS township_id, t.name AS township_name, pe.id AS person_id, pe.birth_date, pe.education, bool_or(po.concurrent) AS concurrent
       FROM posts po
       JOIN orgs o ON o.id = po.org_id AND o.type IN ('village', 'community')
       JOIN orgs t ON t.type = 'township' AND po.org_path LIKE t.path || '%'
       JOIN persons pe ON pe.id = po.person_id
      WHERE ${inScope('po.org_path', 1)} AND (po.end_date IS NULL OR po.end_date >= $2::date) AND po.start_date <= $2::date
        AND po.role IN ('secretary', 'deputy_secretary', 'committee_member', 'village_director', 'militia_head',
                        'youth_league_secretary', 'women_chair', 'clerk', 'supervision_director')
      GROUP BY t.id, t.name, pe.id, pe.birth_date, pe.education
      ORDER BY t.id`,
    [likePrefix(rootPath.startsWith(scope.path) ? rootPath : scope.path), today],
  );
}

export type ReserveRowDb = {
  id: number; target_role: string; added_on: string; note: string | null; status: 'active' | 'appointed' | 'removed'; trained_on: string | null;
  training: string | null; post_id: number | null; ended_on: string | null; end_reason: string | null; version: number;
  county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; person_id: number; name: string;
  gender: 'male' | 'female'; birth_date: string | null; education: string | null;
};
const RESERVE_SELECT = `SELECT r.id, r.target_role, r.added_on, r.note, r.status, r.trained_on, r.training, r.post_id, r.ended_on, r.end_reason,
              r.version, r.county_id, r.org_id, r.org_path, o.name AS org_name, o.type AS org_type,
              pe.id AS person_id, pe.name, pe.gender, pe.birth_date, pe.education
       FROM reserve_cadres r JOIN orgs o ON o.id = r.org_id JOIN persons pe ON pe.id = r.person_id`;

export async function listReserve(q: Queryable, scope: Scope, rootPath: string, status: string, page: number, pageSize: number) {
  const params = [likePrefix(rootPath.startsWith(scope.path) ? rootPath : scope.path), status];
  const where = `${inScope('r.org_path', 1)} AND r.status = $2`;
  const [rows, [count]] = await Promise.all([
    q.query<ReserveRowDb>(`${RESERVE_SELECT} WHERE ${where} ORDER BY r.org_path, r.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM reserve_cadres r WHERE ${where}`, params),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findReserve(q: Queryable, scope: Scope, id: number): Promise<ReserveRowDb | undefined> {
  const [row] = await q.query<ReserveRowDb>(`${RESERVE_SELECT} WHERE r.id = $1 AND ${inScope('r.org_path', 2)}`, [id, likePrefix(scope.path)]);
  return row;
}

export async function findReserveForUpdate(q: Queryable, scope: Scope, id: number): Promise<ReserveRowDb | undefined> {
  const [row] = await q.query<ReserveRowDb>(`${RESERVE_SELECT} WHERE r.id = $1 AND ${inScope('r.org_path', 2)} FOR UPDATE OF r`, [id, likePrefix(scope.path)]);
  return row;
}

export async function trainReserve(q: Queryable, id: number, trainedOn: string, training: string) {
  await q.query(`${BY_KEY}UPDATE reserve_cadres SET trained_on = $2, training = $3, version = version + 1 WHERE id = $1`, [id, trainedOn, training]);
}

export async function endReserve(q: Queryable, id: number, e: { status: 'appointed' | 'removed'; endedOn: string; reason: string | null; postId: number | null }) {
  await q.query(
    `${BY_KEY}UPDATE reserve_cadres SET status = $2, ended_on = $3, end_reason = $4, post_id = $5, version = version + 1 WHERE id = $1`,
    [id, e.status, e.endedOn, e.reason, e.postId],
  );
}

export async function insertReserve(q: Queryable, r: { countyId: number; orgId: number; orgPath: string; personId: number; targetRole: string; addedOn: string; note: string | null }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO reserve_cadres (county_id, org_id, org_path, person_id, target_role, added_on, note)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
    [r.countyId, r.orgId, r.orgPath, r.personId, r.targetRole, r.addedOn, r.note],
  );
  return row!.id;
}

// ---- Excel import and export (people.import.ts, people.export.ts) ----

export type RosterOrg = { id: number; name: string; type: string; path: string; county_id: number; parent_id: number | null; status: string; in_scope: boolean };

/**
 * The orgs of the scope, plus the ancestors of the scope org (marked in_scope = false): names are
 * resolved among the scope's orgs, and a path of names may start above the scope ("五里镇/咀头村").
 */
export async function orgsForRoster(q: Queryable, scope: Scope): Promise<RosterOrg[]> {
  return q.query<RosterOrg>(
    `SELECT id, name, type, path, county_id, parent_id, status, (${inScope('path', 1)}) AS in_scope
     FROM orgs WHERE ${inScope('path', 1)} OR $2 LIKE path || '%'
     ORDER BY path`,
    [likePrefix(scope.path), scope.path],
  );
}

export type ExistingPerson = Pick<
  PersonRow,
  | 'id' | 'county_id' | 'org_id' | 'org_path' | 'name' | 'gender' | 'ethnicity' | 'birth_date' | 'id_number_hash'
  | 'phone_hash' | 'education' | 'member_status' | 'join_date' | 'full_date' | 'party_group_id' | 'flow_status'
  | 'status' | 'version'
>;

/** People with any of these ID-number hashes, in scope or not (the caller tells them apart). */
export async function findPeopleByIdNumberHashes(q: Queryable, hashes: string[], lock = false): Promise<ExistingPerson[]> {
  if (hashes.length === 0) return [];
  return q.query<ExistingPerson>(
    `${SYSTEM}SELECT id, county_id, org_id, org_path, name, gender, ethnicity, birth_date, id_number_hash, phone_hash,
            education, member_status, join_date, full_date, party_group_id, flow_status, status, version
     FROM persons WHERE id_number_hash = ANY($1::text[]) ${lock ? 'FOR UPDATE' : ''}`,
    [hashes],
  );
}

/**
 * Bulk update in one statement (Excel import): each row only if its version is still the one read;
 * answers how many rows were updated.
 */
export async function updatePeopleBulk(q: Queryable, people: { id: number; version: number; write: PersonWrite }[]): Promise<number> {
  if (people.length === 0) return 0;
  const types = ['bigint', 'int', 'bigint', 'bigint', 'text', 'text', 'text', 'text', 'date', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'date', 'date', 'bigint', 'text', 'text'];
  const columns = [
    people.map((p) => p.id),
    people.map((p) => p.version),
    ...WRITE_COLUMNS.map((_, i) => people.map((p) => values(p.write)[i])),
  ];
  const rows = await q.query<{ id: number }>(
    `${BY_KEY}UPDATE persons p SET ${WRITE_COLUMNS.map((c) => `${c} = u.${c}`).join(', ')},
       version = p.version + 1, updated_at = now()
     FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
       AS u(id, version, ${WRITE_COLUMNS.join(', ')})
     WHERE p.id = u.id AND p.version = u.version
     RETURNING p.id`,
    columns,
  );
  return rows.length;
}

/** How many people a roster filter selects (the export's audit record). */
export async function countRoster(q: Queryable, scope: Scope, rootPath: string, f: ListPeopleQuery, today: string): Promise<number> {
  const { where, params } = rosterFilter(scope, rootPath, f, today);
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons p WHERE ${where}`, params);
  return row?.n ?? 0;
}

/** Posts by key with their holders' names (a module showing who holds the posts it names). */
export async function postHolders(q: Queryable, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return q.query<{ id: number; org_id: number; org_path: string; role: string; end_date: string | null; person_id: number; person_name: string }>(
    `${BY_KEY}SELECT p.id, p.org_id, p.org_path, p.role, to_char(p.end_date, 'YYYY-MM-DD') AS end_date, p.person_id, pe.name AS person_name
       FROM posts p JOIN persons pe ON pe.id = p.person_id WHERE p.id = ANY($1::bigint[])`,
    [ids],
  );
}

/** Names of persons by key (a module showing the people its records name). */
export async function personNames(q: Queryable, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return q.query<{ id: number; name: string }>(`${BY_KEY}SELECT id, name FROM persons WHERE id = ANY($1::bigint[])`, [ids]);
}

/** For 党员积分 (recognition, through the front door): the active Party members under the prefix and their branch. */
export async function membersForPoints(q: Queryable, prefix: string) {
  return q.query<{ id: number; name: string; org_id: number; org_name: string; org_type: string; org_path: string; member_status: string }>(
    `SELECT p.id, p.name, p.org_id, o.name AS org_name, o.type AS org_type, p.org_path, p.member_status
       FROM persons p JOIN orgs o ON o.id = p.org_id
      WHERE ${inScope('p.org_path', 1)} AND p.member_status IS NOT NULL AND p.status = 'active'
      ORDER BY p.org_path, p.id`,
    [prefix],
  );
}

// ---- What other modules read of people, published at the front door (index.ts) ----

/** The current holders of an org's posts, chiefs first (连心卡). The caller read the org in its scope. */
export async function currentStaffOf(q: Queryable, orgId: number) {
  return q.query<{ id: number; role: string; name: string; phone_enc: string | null }>(
    `${BY_KEY}SELECT po.id, po.role, pe.name, pe.phone_enc FROM posts po JOIN persons pe ON pe.id = po.person_id
     WHERE po.org_id = $1 AND (po.end_date IS NULL OR po.end_date >= CURRENT_DATE)
     ORDER BY array_position(ARRAY['station_chief','secretary','deputy_station_chief','first_secretary','village_director','deputy_secretary','party_worker','grid_worker']::text[], po.role::text), po.id`,
    [orgId],
  );
}

/** An active person of the county with their Party membership (null: not a member). The caller read the county from a record in its scope. */
export async function activePersonOfCounty(q: Queryable, countyId: number, personId: number) {
  const [row] = await q.query<{ id: number; member_status: string | null }>(
    `${BY_KEY}SELECT id, member_status FROM persons WHERE id = $1 AND county_id = $2 AND status = 'active'`,
    [personId, countyId],
  );
  return row;
}

/** How many of these ids are people of the county (whatever their status). */
export async function countPeopleOfCounty(q: Queryable, countyId: number, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [row] = await q.query<{ n: number }>(`${BY_KEY}SELECT count(*)::int AS n FROM persons WHERE id = ANY($1::bigint[]) AND county_id = $2`, [ids, countyId]);
  return row?.n ?? 0;
}

/** A person inside the scope, by key: their id and place (a module linking its record to a person). */
export async function personInScope(q: Queryable, scope: Scope, id: number) {
  const [row] = await q.query<{ id: number; org_path: string }>(`SELECT id, org_path FROM persons WHERE id = $1 AND ${inScope('org_path', 2)}`, [id, likePrefix(scope.path)]);
  return row;
}

/**
 * SQL over people for a module whose one statement shows the people its rows name (a name beside
 * a duty shift, an attendee, a candidate): `join(alias, key)` joins the person whose id is the
 * expression `key`, so that module's text never names this module's table and a change of it is
 * made here. The columns a module may read through the alias are those of `PersonRow`'s own
 * (`name`, `gender`, `org_id`, `org_path`, `member_status`, `join_date`, `birth_date`, `status`).
 * The statement text is the one the module wrote before, so its plan is unchanged.
 */
export const personSql = {
  join: (alias: string, key: string) => `JOIN persons ${alias} ON ${alias}.id = ${key}`,
  leftJoin: (alias: string, key: string) => `LEFT JOIN persons ${alias} ON ${alias}.id = ${key}`,
};

/** SQL over posts (person × org × role with a term), in the shape of `personSql`. */
export const postSql = {
  join: (alias: string, key: string) => `JOIN posts ${alias} ON ${alias}.id = ${key}`,
};

// ---- For the org tree (orgs): what people hang on an org, kept where people's tables are ----

/**
 * Active Party members registered directly at each org of the subtree: the running counts the
 * database keeps beside persons (migration 320, `org_person_counts`), one row per org instead of
 * counting a county's ~20,000 people on every tree request. The org tree asks it through the front door.
 */
export async function memberCountsByOrg(q: Queryable, rootPath: string): Promise<Map<number, number>> {
  const rows = await q.query<{ org_id: number; n: number }>(
    `SELECT c.org_id, c.members AS n FROM orgs o JOIN org_person_counts c ON c.org_id = o.id
     WHERE ${inScope('o.path', 1)} AND c.members > 0`,
    [likePrefix(rootPath)],
  );
  return new Map(rows.map((r) => [r.org_id, r.n]));
}

export type StaffingRow = { org_id: number; chiefs: number; chiefs_on_committee: number; deputies: number; workers: number };

/**
 * 人员到位 of the active stations under a path: the current chiefs (and how many of them sit on
 * the township committee above), deputies and full-time Party workers.
 */
export async function stationStaffing(q: Queryable, path: string) {
  return q.query<StaffingRow>(
    `SELECT s.id AS org_id,
            count(p.id) FILTER (WHERE p.role = 'station_chief')::int AS chiefs,
            count(p.id) FILTER (WHERE p.role = 'station_chief' AND EXISTS (
              SELECT 1 FROM posts c WHERE c.person_id = p.person_id AND c.org_id = s.parent_id
                AND c.role IN ('secretary', 'deputy_secretary', 'committee_member', 'township_committee_member')
                AND (c.end_date IS NULL OR c.end_date >= CURRENT_DATE)))::int AS chiefs_on_committee,
            count(p.id) FILTER (WHERE p.role = 'deputy_station_chief')::int AS deputies,
            count(p.id) FILTER (WHERE p.role = 'party_worker')::int AS workers
     FROM orgs s LEFT JOIN posts p ON p.org_id = s.id AND (p.end_date IS NULL OR p.end_date >= CURRENT_DATE)
       AND p.role IN ('station_chief', 'deputy_station_chief', 'party_worker') AND ${inScope('p.org_path', 1)}
     WHERE ${inScope('s.path', 1)} AND s.type = 'station' AND s.status = 'active'
     GROUP BY s.id`,
    [likePrefix(path)],
  );
}

export async function activePostsAt(q: Queryable, orgId: number) {
  return q.query<{ id: number; person_id: number; person_name: string; role: string; concurrent: boolean; sent_from: string | null; start_date: string; end_date: string | null }>(
    `${BY_KEY}SELECT p.id, p.person_id, pe.name AS person_name, p.role, p.concurrent, p.sent_from, p.start_date, p.end_date
     FROM posts p JOIN persons pe ON pe.id = p.person_id
     WHERE p.org_id = $1 AND (p.end_date IS NULL OR p.end_date >= CURRENT_DATE)
     ORDER BY p.role, p.id`,
    [orgId],
  );
}

/** A moved subtree's people, posts and reserve cadres carry its new path (their copy of it), in the move's transaction. */
export async function movePeoplePaths(q: Queryable, oldPath: string, newPath: string) {
  const params = [likePrefix(oldPath), newPath, oldPath.length + 1];
  for (const table of ['persons', 'posts', 'reserve_cadres']) {
    await q.query(`UPDATE ${table} SET org_path = $2 || substr(org_path, $3) WHERE ${inScope('org_path', 1)}`, params);
  }
}

/** SQL expressions over what people hang on the org `org` (an SQL expression), for the org's own statements (closing, deleting it). */
export const orgPeopleSql = {
  activePeople: (org: string) => `(SELECT count(*)::int FROM persons WHERE org_id = ${org} AND status = 'active')`,
  openPosts: (org: string) => `(SELECT count(*)::int FROM posts WHERE org_id = ${org} AND end_date IS NULL)`,
  /** The org's own active Party members (the running count, migration 320): 0 for an org without a row. */
  members: (org: string) => `coalesce((SELECT c.members FROM org_person_counts c WHERE c.org_id = ${org}), 0)`,
  /** Whether any person, post or reserve cadre, current or past, names the org. */
  anyRecord: (org: string) => `EXISTS (SELECT 1 FROM persons WHERE org_id = ${org} OR party_group_id = ${org})
         OR EXISTS (SELECT 1 FROM posts WHERE org_id = ${org})
         OR EXISTS (SELECT 1 FROM reserve_cadres WHERE org_id = ${org})`,
};

// ---- 党小组: which of a branch's members each of its party groups holds ----

/** The active Party members registered with the branch (its own roster, not the groups'), with their party group. */
export async function groupMembership(q: Queryable, like: string, branchId: number) {
  return q.query<{ id: number; name: string; party_group_id: number | null }>(
    `SELECT p.id, p.name, p.party_group_id FROM persons p
      WHERE p.org_id = $2 AND ${inScope('p.org_path', 1)} AND p.status = 'active' AND p.member_status IS NOT NULL
      ORDER BY p.name, p.id`,
    [like, branchId],
  );
}

/**
 * Moves the listed members of the branch into the group (or none): the rows that change, each with
 * the group it had (for the audit). Members of other branches are not touched (the caller checked).
 */
export async function setPartyGroup(q: Queryable, like: string, branchId: number, groupId: number | null, personIds: readonly number[]) {
  return q.query<{ id: number; county_id: number; before: number | null }>(
    `WITH old AS (
       SELECT p.id, p.party_group_id FROM persons p
        WHERE p.id = ANY($3::bigint[]) AND p.org_id = $2 AND ${inScope('p.org_path', 1)} AND p.party_group_id IS DISTINCT FROM $4::bigint
        FOR UPDATE)
     UPDATE persons p SET party_group_id = $4::bigint, version = p.version + 1, updated_at = now()
       FROM old WHERE p.id = old.id
     RETURNING p.id, p.county_id, old.party_group_id AS before`,
    [like, branchId, personIds, groupId],
  );
}
