// 奖惩 (consequences, issue 15): results feed rewards, penalties, commendations (评优树先) and entries
// in the cadres' files, recorded per unit and per person. Each is linked to the record that justifies
// it — a published score sheet or a unit's annual result (through assessment's front door) or a
// cadre's published star row (this module's) — and keeps what that record said when it was decided.
// The township records them for its units, the county for all; every account reads its subtree's.
import {
  CONSEQUENCE_BASIS_LABELS,
  CONSEQUENCE_KIND_LABELS,
  POST_ROLE_LABELS,
  type Consequence,
  type ConsequenceBasis,
  type ConsequenceKind,
  type ConsequencePage,
  type CreateConsequenceBody,
  type ListConsequencesQuery,
  type OrgType,
  type PostRole,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError } from '../../core/errors.js';
import { pageOf } from '../../core/paging.js';
import { inScope as orgInScope } from '../../core/org-tree.js';
import { annualResultsOf, resultSheetOf } from '../assessment/index.js';
import * as repo from './consequences.repository.js';

/** What 奖惩 needs of the people module: a person of the actor's scope, with their org's path. */
export type ConsequencePersonSource = {
  personForDevelopment: (tx: Queryable, actor: Actor, id: number) => Promise<{ id: number; name: string; orgPath: string } | undefined>;
};

export function createConsequenceService(deps: { db: Db; people: ConsequencePersonSource }) {
  const { db } = deps;

  const present = (r: repo.ConsequenceRow): Consequence => ({
    id: Number(r.id),
    kind: r.kind as ConsequenceKind,
    kindLabel: CONSEQUENCE_KIND_LABELS[r.kind as ConsequenceKind].zh,
    org: { id: Number(r.org_id), name: r.org_name, type: r.org_type as OrgType },
    person: r.person_id === null ? null : { id: Number(r.person_id), name: r.person_name ?? '' },
    title: r.title,
    detail: r.detail,
    amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
    decidedOn: r.decided_on,
    basis: {
      type: r.basis_type as ConsequenceBasis,
      typeLabel: CONSEQUENCE_BASIS_LABELS[r.basis_type as ConsequenceBasis].zh,
      id: Number(r.basis_id),
      year: r.basis_year,
      label: r.basis_label,
      href: r.basis_type === 'sheet' ? `/assessment/sheets/${r.basis_id}` : r.basis_type === 'star_row' ? `/stars?year=${r.basis_year}&row=${r.basis_id}` : `/assessment/results?year=${r.basis_year}`,
    },
    recordedBy: r.recorded_by_name ?? '—',
    recordedAt: new Date(r.recorded_at).toISOString(),
  });

  /** The record behind it, read in the actor's scope: its unit, the person it names (a star row), its year and what it says. */
  async function basisOf(tx: Queryable, actor: Actor, input: CreateConsequenceBody): Promise<{ org: { id: number; path: string }; personId: number | null; year: number; label: string }> {
    const prefix = likePrefix(actor.scope.path);
    switch (input.basisType) {
      case 'sheet': {
        const s = await resultSheetOf(tx, prefix, input.basisId);
        if (!s) throw fieldError('basisId', '没有找到已公布的考核评分表（须在本单位范围内）', 'No published score sheet of your scope');
        return { org: { id: s.orgId, path: s.orgPath }, personId: null, year: s.year, label: `${s.orgName} ${s.period} ${s.schemeName}（第 ${s.revision} 版）${s.score} 分` };
      }
      case 'annual_result': {
        if (!input.year) throw fieldError('year', '年度考核结果须注明年度', 'Give the year');
        const unit = await orgInScope(tx, actor.scope, input.basisId);
        if (!unit || unit.path === actor.scope.path) throw fieldError('basisId', '没有找到本单位范围内的被考核单位', 'No unit of your scope');
        const result = (await annualResultsOf(tx, Number(actor.scope.countyId), likePrefix(unit.path), input.year)).get(unit.id);
        if (!result) throw fieldError('year', `${unit.name}${input.year} 年还没有已公布的考核结果`, 'No published result that year');
        return { org: { id: unit.id, path: unit.path }, personId: null, year: input.year, label: `${unit.name}${input.year} 年度考核结果 ${result.score} 分（${result.sheets.length} 张已公布评分表的平均）` };
      }
      case 'star_row': {
        const x = await repo.publishedStarRowOf(tx, prefix, input.basisId);
        if (!x) throw fieldError('basisId', '没有找到已公布的星级评定（须在本单位范围内）', 'No published star row of your scope');
        const stars = x.stars === null ? '未评星' : x.stars === 0 ? '未达星级' : `${x.stars} 星`;
        return { org: { id: Number(x.org_id), path: x.org_path }, personId: Number(x.person_id), year: x.year, label: `${x.year} 年星级评定（第 ${x.edition} 版）${x.org_name}${POST_ROLE_LABELS[x.role as PostRole]?.zh ?? ''}${x.person_name}：${stars}，综合 ${x.score ?? '—'} 分` };
      }
    }
  }

  async function create(actor: Actor, input: CreateConsequenceBody): Promise<number> {
    requireAction(actor, 'recognition:consequence');
    if (actor.scope.countyId === null) throw new AppError('not_found');
    const county = actor.scope.countyId;
    if (input.amountFen !== undefined && input.kind !== 'reward' && input.kind !== 'penalty') throw fieldError('amountFen', '只有奖励或惩处可以填写金额', 'Only a reward or penalty carries money');
    return db.transaction(async (tx) => {
      const basis = await basisOf(tx, actor, input);
      if (basis.org.path === actor.scope.path) throw new AppError('forbidden', { zh: '不能为本单位记录奖惩；由上级记录', en: 'A unit does not record its own consequences' });
      let personId = basis.personId;
      if (input.personId !== undefined) {
        if (personId !== null && personId !== input.personId) throw fieldError('personId', '星级评定的奖惩只能记给被评定的本人', 'A star row concerns its own cadre');
        const p = await deps.people.personForDevelopment(tx, actor, input.personId);
        if (!p) throw fieldError('personId', '没有找到该人员（须在本单位范围内）', 'No such person in your scope');
        if (!p.orgPath.startsWith(basis.org.path)) throw fieldError('personId', `${p.name}不属于该考核结果的单位`, 'The person is not of that unit');
        personId = p.id;
      }
      if (input.kind === 'cadre_file' && personId === null) throw fieldError('personId', '记入干部档案须指明本人', 'A cadre-file entry names its person');
      const id = await repo.insertConsequence(tx, {
        countyId: county, orgId: basis.org.id, orgPath: basis.org.path, personId, kind: input.kind, title: input.title.trim(), detail: input.detail?.trim() || null,
        amountFen: input.amountFen ?? null, basisType: input.basisType, basisId: input.basisId, basisYear: basis.year, basisLabel: basis.label, decidedOn: input.decidedOn, recordedBy: actor.accountId,
      });
      await appendAudit(tx, {
        countyId: county, accountId: actor.accountId || null, username: actor.username, action: 'consequence.create', objectType: 'consequence', objectId: id,
        summary: { kind: input.kind, orgId: basis.org.id, personId, basis: `${input.basisType}:${input.basisId}`, amountFen: input.amountFen ?? null }, result: 'success', ip: actor.ip,
      });
      return id;
    });
  }

  async function get(actor: Actor, id: number): Promise<Consequence> {
    requireAction(actor, 'recognition:read');
    const r = await repo.consequenceOf(db, likePrefix(actor.scope.path), id);
    if (!r) throw new AppError('not_found');
    return present(r);
  }

  async function list(actor: Actor, f: ListConsequencesQuery): Promise<ConsequencePage> {
    requireAction(actor, 'recognition:read');
    const p = pageOf(f, 50);
    const { rows, total } = await repo.listConsequences(db, likePrefix(actor.scope.path), { ...f, ...p });
    return { items: rows.map(present), total, page: p.page, pageSize: p.pageSize };
  }

  /** Every row of the filtered list (up to 5,000) for the .xlsx, and the export's audit record. */
  async function exportRows(actor: Actor, f: ListConsequencesQuery): Promise<Consequence[]> {
    requireAction(actor, 'recognition:read');
    if (actor.scope.countyId === null) throw new AppError('not_found');
    const { rows } = await repo.listConsequences(db, likePrefix(actor.scope.path), { ...f, page: 1, limit: 5000, offset: 0 });
    await db.transaction((tx) => appendAudit(tx, {
      countyId: actor.scope.countyId!, accountId: actor.accountId || null, username: actor.username, action: 'consequence.export', objectType: 'consequence', objectId: 0,
      summary: { rows: rows.length, orgId: f.orgId ?? null, personId: f.personId ?? null, year: f.year ?? null, kind: f.kind ?? null }, result: 'success', ip: actor.ip,
    }));
    return rows.map(present);
  }

  return { create, get, list, exportRows };
}

export type ConsequenceService = ReturnType<typeof createConsequenceService>;
