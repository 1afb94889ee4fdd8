// The only SQL of the selection module: public selections beside their cases and their candidates,
// election rounds with their villages and candidates, mentoring pairs with mentors and contacts.
// Persons and posts are the people module's: read here only by key for names, written through its service.
import type { Queryable } from '../../db/db.js';
import { BY_KEY, inScope } from '../../core/scope.js';
import type { OwnRow } from '../../core/cases/case-engine.js';
import type { ElectionStage, SelectionState } from '@lianxin/contract';
import { personSql } from '../people/index.js';

// ---- 公开选拔 ----
export type SelectionDbRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; township: string;
  status: SelectionState; version: number; role: 'secretary' | 'first_secretary'; conditions: string; civil_service: boolean;
  chosen_id: number | null; post_id: number | null; opened_on: string; candidates: number; passed: number;
};
const SELECTION = `
  SELECT c.id, c.county_id, c.org_id, c.org_path, o.name AS org_name, o.type AS org_type, t.name AS township,
         c.status, c.version, s.role, s.conditions, s.civil_service, s.chosen_id, s.post_id,
         (c.opened_at AT TIME ZONE 'Asia/Shanghai')::date::text AS opened_on,
         (SELECT count(*)::int FROM selection_candidates k WHERE k.case_id = c.id) AS candidates,
         (SELECT count(*)::int FROM selection_candidates k WHERE k.case_id = c.id AND k.vetting = 'passed') AS passed
    FROM cases c JOIN public_selections s ON s.case_id = c.id JOIN orgs o ON o.id = c.org_id JOIN orgs t ON t.id = s.township_id`;

export function selectionRow(v: { countyId: number; townshipId: number; role: string; conditions: string; civilService: boolean }): OwnRow {
  return { table: 'public_selections', values: { county_id: v.countyId, township_id: v.townshipId, role: v.role, conditions: v.conditions, civil_service: v.civilService } };
}

export async function listSelections(q: Queryable, prefix: string, f: { status?: SelectionState; page: number; pageSize: number }) {
  const params: unknown[] = [prefix];
  const where = [`c.case_type = 'public_selection'`, inScope('c.org_path', 1)];
  if (f.status) where.push(`c.status = $${params.push(f.status)}`);
  const [rows, [count]] = await Promise.all([
    q.query<SelectionDbRow>(`${SELECTION} WHERE ${where.join(' AND ')} ORDER BY c.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`, params),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c WHERE ${where.join(' AND ')}`, params),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findSelection(q: Queryable, prefix: string, id: number): Promise<SelectionDbRow | undefined> {
  const [row] = await q.query<SelectionDbRow>(`${SELECTION} WHERE c.id = $1 AND c.case_type = 'public_selection' AND ${inScope('c.org_path', 2)}`, [id, prefix]);
  return row;
}

export type CandidateDbRow = {
  id: number; person_id: number; person_name: string; person_org: string; registered_on: string; vetting: 'pending' | 'passed' | 'failed';
  vetting_reason: string | null; written_score: string | null; interview_score: string | null; inspection: 'passed' | 'failed' | null; inspection_note: string | null;
};
export async function candidatesOf(q: Queryable, caseId: number) {
  return q.query<CandidateDbRow>(
    `${BY_KEY}SELECT k.id, k.person_id, p.name AS person_name, o.name AS person_org, k.registered_on::text AS registered_on, k.vetting, k.vetting_reason,
            k.written_score::text AS written_score, k.interview_score::text AS interview_score, k.inspection, k.inspection_note
       FROM selection_candidates k ${personSql.join('p', 'k.person_id')} JOIN orgs o ON o.id = p.org_id
      WHERE k.case_id = $1 ORDER BY k.id`,
    [caseId],
  );
}

export async function candidateOf(q: Queryable, caseId: number, candidateId: number) {
  return (await candidatesOf(q, caseId)).find((k) => k.id === candidateId);
}

export async function addCandidate(q: Queryable, v: { countyId: number; caseId: number; personId: number; registeredOn: string }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO selection_candidates (county_id, case_id, person_id, registered_on) VALUES ($1, $2, $3, $4)
     ON CONFLICT (case_id, person_id) DO NOTHING RETURNING id`,
    [v.countyId, v.caseId, v.personId, v.registeredOn],
  );
  return row?.id;
}

export async function vetCandidate(q: Queryable, id: number, passed: boolean, reason: string | null) {
  await q.query(`UPDATE selection_candidates SET vetting = $2, vetting_reason = $3 WHERE id = $1`, [id, passed ? 'passed' : 'failed', reason]);
}

export async function scoreCandidate(q: Queryable, id: number, kind: 'written' | 'interview', score: number) {
  await q.query(`UPDATE selection_candidates SET ${kind === 'written' ? 'written_score' : 'interview_score'} = $2 WHERE id = $1`, [id, score]);
}

export async function inspectCandidate(q: Queryable, id: number, passed: boolean, note: string) {
  await q.query(`UPDATE selection_candidates SET inspection = $2, inspection_note = $3 WHERE id = $1`, [id, passed ? 'passed' : 'failed', note]);
}

export async function setChosen(q: Queryable, caseId: number, candidateId: number | null) {
  await q.query(`UPDATE public_selections SET chosen_id = $2 WHERE case_id = $1`, [caseId, candidateId]);
}

export async function setPost(q: Queryable, caseId: number, postId: number) {
  await q.query(`UPDATE public_selections SET post_id = $2 WHERE case_id = $1`, [caseId, postId]);
}

// ---- 换届 ----
export type RoundDbRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; year: number;
  pending: number; recommended: number; inspected: number; elected: number;
};
const ROUND = `
  SELECT r.id, r.county_id, r.org_id, r.org_path, o.name AS org_name, o.type AS org_type, r.year,
         count(*) FILTER (WHERE v.stage = 'pending')::int AS pending,
         count(*) FILTER (WHERE v.stage = 'recommended')::int AS recommended,
         count(*) FILTER (WHERE v.stage = 'inspected')::int AS inspected,
         count(*) FILTER (WHERE v.stage = 'elected')::int AS elected
    FROM election_rounds r JOIN orgs o ON o.id = r.org_id LEFT JOIN election_villages v ON v.round_id = r.id`;
const ROUND_GROUP = `GROUP BY r.id, o.name, o.type`;

export async function listRounds(q: Queryable, prefix: string, f: { year?: number; page: number; pageSize: number }) {
  const params: unknown[] = [prefix];
  const where = [inScope('r.org_path', 1)];
  if (f.year) where.push(`r.year = $${params.push(f.year)}`);
  const [rows, [count]] = await Promise.all([
    q.query<RoundDbRow>(`${ROUND} WHERE ${where.join(' AND ')} ${ROUND_GROUP} ORDER BY r.year DESC, r.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`, params),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM election_rounds r WHERE ${where.join(' AND ')}`, params),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findRound(q: Queryable, prefix: string, id: number) {
  const [row] = await q.query<RoundDbRow>(`${ROUND} WHERE r.id = $1 AND ${inScope('r.org_path', 2)} ${ROUND_GROUP}`, [id, prefix]);
  return row;
}

/** Opens a round with every active village and community below the township, all pending. */
export async function insertRound(q: Queryable, v: { countyId: number; orgId: number; orgPath: string; year: number }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO election_rounds (county_id, org_id, org_path, year) VALUES ($1, $2, $3, $4) ON CONFLICT (org_id, year) DO NOTHING RETURNING id`,
    [v.countyId, v.orgId, v.orgPath, v.year],
  );
  if (!row) return undefined;
  await q.query(
    `INSERT INTO election_villages (county_id, round_id, org_id, org_path)
     SELECT $1, $2, o.id, o.path FROM orgs o WHERE ${inScope('o.path', 3)} AND o.type IN ('village', 'community') AND o.status = 'active' ORDER BY o.path`,
    [v.countyId, row.id, `${v.orgPath}%`],
  );
  return row.id;
}

export type ElectionVillageDbRow = {
  id: number; county_id: number; round_id: number; year: number; org_id: number; org_path: string; org_name: string; org_type: string;
  stage: ElectionStage; recommended_on: string | null; inspected_on: string | null; elected_on: string | null; version: number;
};
const VILLAGE = `
  SELECT v.id, v.county_id, v.round_id, r.year, v.org_id, v.org_path, o.name AS org_name, o.type AS org_type, v.stage,
         v.recommended_on::text AS recommended_on, v.inspected_on::text AS inspected_on, v.elected_on::text AS elected_on, v.version
    FROM election_villages v JOIN election_rounds r ON r.id = v.round_id JOIN orgs o ON o.id = v.org_id`;

export async function villagesOf(q: Queryable, roundId: number) {
  return q.query<ElectionVillageDbRow>(`${BY_KEY}${VILLAGE} WHERE v.round_id = $1 ORDER BY v.org_path`, [roundId]);
}

export async function findVillage(q: Queryable, prefix: string, id: number, forUpdate = false) {
  const [row] = await q.query<ElectionVillageDbRow>(`${VILLAGE} WHERE v.id = $1 AND ${inScope('v.org_path', 2)}${forUpdate ? ' FOR UPDATE OF v' : ''}`, [id, prefix]);
  return row;
}

export type ElectionCandidateDbRow = {
  id: number; person_id: number; person_name: string; role: string; inspection: 'passed' | 'failed' | null; inspection_reason: string | null; elected: boolean; post_id: number | null;
};
export async function electionCandidates(q: Queryable, villageId: number) {
  return q.query<ElectionCandidateDbRow>(
    `${BY_KEY}SELECT k.id, k.person_id, p.name AS person_name, k.role, k.inspection, k.inspection_reason, k.elected, k.post_id
       FROM election_candidates k ${personSql.join('p', 'k.person_id')} WHERE k.village_id = $1 ORDER BY k.id`,
    [villageId],
  );
}

export async function recommend(q: Queryable, v: { countyId: number; villageId: number; date: string; candidates: { personId: number; role: string }[] }) {
  await q.query(
    `INSERT INTO election_candidates (county_id, village_id, person_id, role) SELECT $1, $2, x.person_id, x.role FROM unnest($3::bigint[], $4::text[]) AS x(person_id, role)`,
    [v.countyId, v.villageId, v.candidates.map((c) => c.personId), v.candidates.map((c) => c.role)],
  );
  await q.query(`${BY_KEY}UPDATE election_villages SET stage = 'recommended', recommended_on = $2, version = version + 1 WHERE id = $1`, [v.villageId, v.date]);
}

export async function inspect(q: Queryable, villageId: number, date: string, results: { candidateId: number; passed: boolean; reason: string | null }[]) {
  await q.query(
    `UPDATE election_candidates k SET inspection = CASE WHEN x.passed THEN 'passed' ELSE 'failed' END, inspection_reason = x.reason
       FROM unnest($2::bigint[], $3::boolean[], $4::text[]) AS x(id, passed, reason) WHERE k.id = x.id AND k.village_id = $1`,
    [villageId, results.map((r) => r.candidateId), results.map((r) => r.passed), results.map((r) => r.reason)],
  );
  await q.query(`${BY_KEY}UPDATE election_villages SET stage = 'inspected', inspected_on = $2, version = version + 1 WHERE id = $1`, [villageId, date]);
}

export async function markElected(q: Queryable, candidateId: number, postId: number) {
  await q.query(`UPDATE election_candidates SET elected = true, post_id = $2 WHERE id = $1`, [candidateId, postId]);
}

export async function finishVillage(q: Queryable, villageId: number, date: string) {
  await q.query(`${BY_KEY}UPDATE election_villages SET stage = 'elected', elected_on = $2, version = version + 1 WHERE id = $1`, [villageId, date]);
}

// ---- 结对培养 ----
export type PairDbRow = {
  id: number; county_id: number; org_id: number; org_path: string; org_name: string; org_type: string; mode: 'one_to_one' | 'many_to_one';
  mentee_id: number; mentee_name: string; mentee_kind: 'young_cadre' | 'reserve_cadre' | 'development_target'; started_on: string; goal: string | null;
  mentors: { id: number; name: string; kind: 'committee_member' | 'cadre' }[]; contacts: number; last_contact_on: string | null;
};
const PAIR = `
  SELECT m.id, m.county_id, m.org_id, m.org_path, o.name AS org_name, o.type AS org_type, m.mode, m.mentee_id, pe.name AS mentee_name, m.mentee_kind,
         m.started_on::text AS started_on, m.goal,
         coalesce((SELECT json_agg(json_build_object('id', x.person_id, 'name', xp.name, 'kind', x.mentor_kind) ORDER BY xp.name)
                     FROM mentoring_mentors x ${personSql.join('xp', 'x.person_id')} WHERE x.pair_id = m.id), '[]'::json) AS mentors,
         (SELECT count(*)::int FROM mentoring_contacts k WHERE k.pair_id = m.id) AS contacts,
         (SELECT max(k.contacted_on)::text FROM mentoring_contacts k WHERE k.pair_id = m.id) AS last_contact_on
    FROM mentoring_pairs m JOIN orgs o ON o.id = m.org_id ${personSql.join('pe', 'm.mentee_id')}`;

export async function listPairs(q: Queryable, prefix: string, f: { personId?: number; page: number; pageSize: number }) {
  const params: unknown[] = [prefix];
  const where = [inScope('m.org_path', 1)];
  if (f.personId) {
    const n = params.push(f.personId);
    where.push(`(m.mentee_id = $${n} OR EXISTS (SELECT 1 FROM mentoring_mentors x WHERE x.pair_id = m.id AND x.person_id = $${n}))`);
  }
  const [rows, [count]] = await Promise.all([
    q.query<PairDbRow>(`${PAIR} WHERE ${where.join(' AND ')} ORDER BY m.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`, params),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM mentoring_pairs m WHERE ${where.join(' AND ')}`, params),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findPair(q: Queryable, prefix: string, id: number) {
  const [row] = await q.query<PairDbRow>(`${PAIR} WHERE m.id = $1 AND ${inScope('m.org_path', 2)}`, [id, prefix]);
  return row;
}

export async function pairOfMentee(q: Queryable, menteeId: number) {
  const [row] = await q.query<{ id: number }>(`${BY_KEY}SELECT id FROM mentoring_pairs WHERE mentee_id = $1`, [menteeId]);
  return row;
}

export async function insertPair(q: Queryable, v: { countyId: number; orgId: number; orgPath: string; mode: string; menteeId: number; menteeKind: string; startedOn: string; goal: string | null; mentors: { personId: number; kind: string }[] }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO mentoring_pairs (county_id, org_id, org_path, mode, mentee_id, mentee_kind, started_on, goal) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [v.countyId, v.orgId, v.orgPath, v.mode, v.menteeId, v.menteeKind, v.startedOn, v.goal],
  );
  await q.query(
    `INSERT INTO mentoring_mentors (pair_id, county_id, person_id, mentor_kind) SELECT $1, $2, x.person_id, x.kind FROM unnest($3::bigint[], $4::text[]) AS x(person_id, kind)`,
    [row!.id, v.countyId, v.mentors.map((m) => m.personId), v.mentors.map((m) => m.kind)],
  );
  return row!.id;
}

export async function contactsOf(q: Queryable, pairId: number) {
  return q.query<{ id: number; contacted_on: string; way: 'visit' | 'talk' | 'phone' | 'online' | 'practice'; content: string }>(
    `SELECT id, contacted_on::text AS contacted_on, way, content FROM mentoring_contacts WHERE pair_id = $1 ORDER BY contacted_on DESC, id DESC`,
    [pairId],
  );
}

export async function addContact(q: Queryable, v: { countyId: number; pairId: number; contactedOn: string; way: string; content: string; by: number | null }) {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO mentoring_contacts (county_id, pair_id, contacted_on, way, content, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [v.countyId, v.pairId, v.contactedOn, v.way, v.content, v.by],
  );
  return row!.id;
}

/** 结对培养 per township of the scope: pairs by mode, distinct mentors and mentees, the year's contacts. */
export async function mentoringByTownship(q: Queryable, prefix: string, year: number) {
  return q.query<{ org_id: number; org_name: string; org_type: string; pairs: number; one_to_one: number; many_to_one: number; mentors: number; mentees: number; contacts: number }>(
    `SELECT m.org_id, o.name AS org_name, o.type AS org_type, count(*)::int AS pairs,
            count(*) FILTER (WHERE m.mode = 'one_to_one')::int AS one_to_one, count(*) FILTER (WHERE m.mode = 'many_to_one')::int AS many_to_one,
            (SELECT count(DISTINCT x.person_id)::int FROM mentoring_mentors x JOIN mentoring_pairs mm ON mm.id = x.pair_id WHERE mm.org_id = m.org_id) AS mentors,
            count(DISTINCT m.mentee_id)::int AS mentees,
            (SELECT count(*)::int FROM mentoring_contacts k JOIN mentoring_pairs mm ON mm.id = k.pair_id WHERE mm.org_id = m.org_id AND extract(year FROM k.contacted_on) = $2) AS contacts
       FROM mentoring_pairs m JOIN orgs o ON o.id = m.org_id
      WHERE ${inScope('m.org_path', 1)} GROUP BY m.org_id, o.name, o.type, o.path ORDER BY o.path`,
    [prefix, year],
  );
}
