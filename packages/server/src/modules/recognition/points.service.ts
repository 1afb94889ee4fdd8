// 党支部积星·党员积分 (seed 003; 002 争十星, 004 创星晋级). The county keeps the rules of each year
// (versioned; usage can never earn points); a member's points are derived on every read from the
// records the other modules keep — meetings attended (orglife), training attended (training), grid
// deeds and requests resolved (citizens) — read through their front doors, plus the manual items
// (志愿服务, 表彰, 承诺践诺) a branch proposes with evidence and the township, station or county
// approves or returns with a reason. Nothing computed is stored: one set of facts serves every list.
import {
  POINT_AWARD_STATE_LABELS,
  type DecidePointAwardBody,
  type ListPointAwardsQuery,
  type MemberPoints,
  type MemberPointsQuery,
  type OrgType,
  type PointAward,
  type PointAwardPage,
  type PointRules,
  type PointRulesQuery,
  type PointsBoard,
  type PointsBoardQuery,
  type ProposePointAwardBody,
  type SavePointRulesBody,
  can,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError } from '../../core/errors.js';
import { pageOf } from '../../core/paging.js';
import { isValidDate, todayInChina } from '../../core/calendar.js';
import { membersOf } from '../people/index.js';
import { meetingsHeldOf } from '../orglife/index.js';
import { trainingAttendedOf } from '../training/index.js';
import { gridDeedsOf, requestsHandledOf } from '../citizens/index.js';
import * as repo from './points.repository.js';
import { branchOwnPoints, branchStars, DEFAULT_POINT_RULES, memberPoints, pointRuleProblems, type PointRecord } from './points.logic.js';

type Member = Awaited<ReturnType<typeof membersOf>>[number];
const BRANCH_HOLDERS: ReadonlySet<string> = new Set(['village', 'community', 'agency', 'enterprise', 'social_org', 'department']);

export function createPointsService(deps: { db: Db }) {
  const { db } = deps;
  const thisYear = () => Number(todayInChina().slice(0, 4));

  const countyOf = (actor: Actor): number => {
    if (actor.scope.countyId === null) throw new AppError('not_found');
    return actor.scope.countyId;
  };

  async function audit(tx: Queryable, actor: Actor, countyId: number, action: string, objectType: string, objectId: number, summary: Record<string, unknown>) {
    await appendAudit(tx, { countyId, accountId: actor.accountId || null, username: actor.username, action, objectType, objectId, summary, result: 'success', ip: actor.ip });
  }

  // ---- rules

  async function rulesFor(q: Queryable, county: number, year: number): Promise<PointRules> {
    const r = await repo.pointRulesFor(q, county, year);
    if (!r) return { year, ...structuredClone(DEFAULT_POINT_RULES), fromYear: null, version: 0 };
    return { year, memberItems: r.member_items, branchItems: r.branch_items, branchLevels: r.branch_levels, fromYear: r.year, version: r.version };
  }

  async function rules(actor: Actor, query: PointRulesQuery): Promise<PointRules> {
    requireAction(actor, 'recognition:read');
    return rulesFor(db, countyOf(actor), query.year ?? thisYear());
  }

  async function saveRules(actor: Actor, input: SavePointRulesBody): Promise<PointRules> {
    requireAction(actor, 'recognition:configure');
    const county = countyOf(actor);
    if (actor.scope.orgId !== county) throw new AppError('forbidden', { zh: '积分规则由县委组织部制定', en: 'Points rules are set by the county' });
    const problems = pointRuleProblems(input);
    if (problems.length) throw validationError(problems);
    const branchLevels = [...input.branchLevels].sort((a, b) => b.stars - a.stars);
    await db.transaction(async (tx) => {
      // the version is that of the year itself: an earlier year's rules in force count as none saved yet
      const ok = await repo.insertPointRules(tx, county, input.year, input.version, { member_items: input.memberItems, branch_items: input.branchItems, branch_levels: branchLevels }, actor.accountId);
      if (!ok) throw new AppError('version_conflict');
      await audit(tx, actor, county, 'point_rules.update', 'point_rules', county, { year: input.year, version: input.version + 1, memberItems: input.memberItems.length, branchItems: input.branchItems.length, levels: branchLevels.length });
    });
    return rulesFor(db, county, input.year);
  }

  // ---- the records behind the points

  /** Every member under the prefix with their records of the year, and the meetings each branch held. */
  async function gather(prefix: string, year: number) {
    const [members, meetings, training, deeds, requests, awards] = await Promise.all([
      membersOf(db, prefix),
      meetingsHeldOf(db, prefix, year),
      trainingAttendedOf(db, prefix, year),
      gridDeedsOf(db, prefix, year),
      requestsHandledOf(db, prefix, year),
      repo.approvedAwards(db, prefix, year),
    ]);
    const records = new Map<number, PointRecord[]>();
    const add = (personId: number, r: PointRecord) => {
      const list = records.get(personId);
      if (list) list.push(r);
      else records.set(personId, [r]);
    };
    const held = new Map<number, number[]>();
    for (const m of meetings) {
      held.set(m.orgId, [...(held.get(m.orgId) ?? []), m.id]);
      for (const p of m.present) add(p, { source: 'meetings', recordType: 'meeting', recordId: m.id, on: m.on, label: m.label });
    }
    for (const t of training) add(t.personId, { source: 'training', recordType: 'training_session', recordId: t.recordId, on: t.on, label: t.label });
    for (const d of deeds) add(d.personId, { source: 'grid_deeds', recordType: 'grid_deed', recordId: d.recordId, on: d.on, label: d.label });
    for (const r of requests) add(r.personId, { source: 'requests', recordType: 'request', recordId: r.recordId, on: r.on, label: r.label });
    for (const a of awards) {
      add(Number(a.person_id), { source: 'manual', itemCode: a.item_code, recordType: 'point_award', recordId: Number(a.id), on: a.done_on, label: `${a.item_name}：${a.description}`, points: a.points });
    }
    return { members, records, held };
  }

  async function memberPointsOf(actor: Actor, personId: number, query: MemberPointsQuery): Promise<MemberPoints> {
    requireAction(actor, 'recognition:read');
    const county = countyOf(actor);
    const year = query.year ?? thisYear();
    const member = (await membersOf(db, likePrefix(actor.scope.path))).find((m) => m.id === personId);
    if (!member) throw new AppError('not_found', { zh: '该党员不存在或不在您的管辖范围内', en: 'No such member in your scope' });
    const [r, { records }] = await Promise.all([rulesFor(db, county, year), gather(likePrefix(member.branch.path), year)]);
    const p = memberPoints(r.memberItems, records.get(personId) ?? []);
    return { person: { id: member.id, name: member.name }, branch: ref(member.branch), year, total: p.total, byItem: p.items, entries: p.entries };
  }

  const ref = (o: { id: number; name: string; type: string }) => ({ id: Number(o.id), name: o.name, type: o.type as OrgType });

  /** The board: the county's townships, a township's (or station's) branches, or a branch's members. */
  async function board(actor: Actor, query: PointsBoardQuery): Promise<PointsBoard> {
    requireAction(actor, 'recognition:read');
    const county = countyOf(actor);
    const year = query.year ?? thisYear();
    const org = await repo.orgInScope(db, likePrefix(actor.scope.path), query.orgId ?? actor.scope.orgId);
    if (!org) throw new AppError('not_found');
    const [r, g] = await Promise.all([rulesFor(db, county, year), gather(likePrefix(org.path), year)]);
    const totals = new Map(g.members.map((m) => [m.id, memberPoints(r.memberItems, g.records.get(m.id) ?? [])]));
    const byBranch = new Map<number, { branch: Member['branch']; members: Member[] }>();
    for (const m of g.members) {
      const b = byBranch.get(m.branch.id) ?? { branch: m.branch, members: [] };
      b.members.push(m);
      byBranch.set(m.branch.id, b);
    }
    const branchRow = (b: { branch: Member['branch']; members: Member[] }) => {
      const own = branchOwnPoints(r.branchItems, { meetings_held: g.held.get(b.branch.id)?.length ?? 0 });
      const s = branchStars(b.members.map((m) => totals.get(m.id)!.total), own.reduce((a, o) => a + o.points, 0), r.branchLevels);
      return { org: ref(b.branch), members: b.members.length, memberAverage: s.memberAverage, ownPoints: Math.round(own.reduce((a, o) => a + o.points, 0) * 10) / 10, total: s.total, stars: s.stars, starCounts: [] as { stars: number; count: number }[] };
    };
    const base = { year, org: ref(org), members: [] as PointsBoard['members'], branchItems: [] as PointsBoard['branchItems'] };
    if (org.type === 'county') {
      const townships = await repo.townshipsUnder(db, likePrefix(org.path));
      const branches = [...byBranch.values()].map((b) => ({ path: b.branch.path, row: branchRow(b), memberTotals: b.members.map((m) => totals.get(m.id)!.total) }));
      const units = townships.map((t) => {
        const mine = branches.filter((b) => b.path.startsWith(t.path));
        const all = mine.flatMap((b) => b.memberTotals);
        const counts = new Map<number, number>();
        for (const b of mine) counts.set(b.row.stars, (counts.get(b.row.stars) ?? 0) + 1);
        return {
          org: ref(t), members: all.length, memberAverage: all.length ? Math.round((all.reduce((a, x) => a + x, 0) / all.length) * 10) / 10 : 0,
          ownPoints: null, total: null, stars: null, starCounts: [...counts].sort((a, b) => b[0] - a[0]).map(([stars, count]) => ({ stars, count })),
        };
      });
      return { ...base, level: 'townships', units };
    }
    if (!BRANCH_HOLDERS.has(org.type) || !byBranch.has(org.id) || byBranch.size > 1) {
      const units = [...byBranch.values()].map(branchRow).sort((a, b) => (b.total ?? 0) - (a.total ?? 0) || a.org.id - b.org.id);
      return { ...base, level: 'branches', units };
    }
    const b = byBranch.get(org.id)!;
    const own = branchOwnPoints(r.branchItems, { meetings_held: g.held.get(org.id)?.length ?? 0 });
    return {
      ...base,
      level: 'members',
      units: [branchRow(b)],
      members: b.members
        .map((m) => ({ person: { id: m.id, name: m.name }, total: totals.get(m.id)!.total, entries: totals.get(m.id)!.entries.length }))
        .sort((x, y) => y.total - x.total || x.person.id - y.person.id),
      branchItems: own.map((o) => ({ ...o, recordIds: o.code && r.branchItems.find((i) => i.code === o.code)?.source === 'meetings_held' ? (g.held.get(org.id) ?? []).slice(0, 200) : [] })),
    };
  }

  // ---- manual items: proposed by the branch with evidence, approved or returned above it

  const awardView = (actor: Actor, a: repo.AwardRow): PointAward => ({
    id: Number(a.id), person: { id: Number(a.person_id), name: a.person_name }, branch: ref({ id: a.org_id, name: a.org_name, type: a.org_type }),
    year: a.year, itemCode: a.item_code, itemName: a.item_name, points: a.points, doneOn: a.done_on, description: a.description, evidence: a.evidence,
    status: a.status, statusLabel: POINT_AWARD_STATE_LABELS[a.status].zh, reason: a.reason, decidedAt: a.decided_at ? new Date(a.decided_at).toISOString() : null,
    canDecide: a.status === 'proposed' && mayDecide(actor, a.org_path), version: a.version,
  });

  /** Approving is for the levels above the branch: never the branch itself. */
  const mayDecide = (actor: Actor, orgPath: string) => can(actor.roles, 'recognition:approve') && orgPath.startsWith(actor.scope.path) && orgPath !== actor.scope.path;

  async function propose(actor: Actor, input: ProposePointAwardBody): Promise<number> {
    requireAction(actor, 'recognition:propose');
    const county = countyOf(actor);
    const member = (await membersOf(db, likePrefix(actor.scope.path))).find((m) => m.id === input.personId);
    if (!member) throw new AppError('not_found', { zh: '该党员不存在或不在本支部', en: 'No such member in your branch' });
    if (!isValidDate(input.doneOn)) throw fieldError('doneOn', '日期不正确', 'Not a date');
    if (input.doneOn > todayInChina()) throw fieldError('doneOn', '不能申报尚未发生的事项', 'The date is in the future');
    const year = Number(input.doneOn.slice(0, 4));
    const r = await rulesFor(db, county, year);
    const item = r.memberItems.find((i) => i.code === input.itemCode);
    if (!item || item.source !== 'manual') {
      const manual = r.memberItems.filter((i) => i.source === 'manual').map((i) => i.name).join('、');
      throw fieldError('itemCode', `「${input.itemCode}」不是 ${year} 年可人工申报的积分项（可申报：${manual || '无'}）；会议、培训、网格服务、群众事项的积分由记录自动计算`, 'Not a manual item of that year');
    }
    if (input.points > item.points) throw fieldError('points', `「${item.name}」每次最多 ${item.points} 分`, `At most ${item.points} points`);
    if (input.points * 2 !== Math.round(input.points * 2)) throw fieldError('points', '分值以 0.5 分为单位', 'Points in halves');
    if (!input.evidence.trim()) throw fieldError('evidence', '请填写佐证材料', 'Evidence is required');
    if (!input.description.trim()) throw fieldError('description', '请填写事项说明', 'Describe what was done');
    return db.transaction(async (tx) => {
      const id = await repo.insertAward(tx, {
        countyId: county, orgId: member.branch.id, orgPath: member.branch.path, personId: member.id, year, itemCode: item.code, itemName: item.name,
        points: input.points, doneOn: input.doneOn, description: input.description.trim(), evidence: input.evidence.trim(), by: actor.accountId,
      });
      await audit(tx, actor, county, 'point_award.propose', 'point_award', id, { personId: member.id, item: item.code, points: input.points, year });
      return id;
    });
  }

  async function award(actor: Actor, id: number): Promise<PointAward> {
    requireAction(actor, 'recognition:read');
    const a = await repo.awardOf(db, likePrefix(actor.scope.path), id);
    if (!a) throw new AppError('not_found');
    return awardView(actor, a);
  }

  async function awards(actor: Actor, query: ListPointAwardsQuery): Promise<PointAwardPage> {
    requireAction(actor, 'recognition:read');
    const p = pageOf(query, 20);
    const { rows, total } = await repo.listAwards(db, likePrefix(actor.scope.path), { status: query.status, personId: query.personId, year: query.year, ...p });
    return { items: rows.map((r) => awardView(actor, r)), total, page: p.page, pageSize: p.pageSize };
  }

  async function decide(actor: Actor, id: number, verdict: 'approve' | 'return', input: DecidePointAwardBody): Promise<void> {
    requireAction(actor, 'recognition:approve');
    const county = countyOf(actor);
    const reason = input.reason?.trim() || null;
    if (verdict === 'return' && !reason) throw fieldError('reason', '退回须写明理由', 'Give the reason for returning it');
    await db.transaction(async (tx) => {
      const a = await repo.awardOf(tx, likePrefix(actor.scope.path), id, true);
      if (!a) throw new AppError('not_found');
      if (!mayDecide(actor, a.org_path)) throw new AppError('forbidden', { zh: '支部申报的积分由上级（乡镇、工作站或县）审核，不能自己审核', en: 'A branch cannot approve its own items' });
      if (a.status !== 'proposed') throw new AppError('conflict', { zh: `该积分申报已${POINT_AWARD_STATE_LABELS[a.status].zh}，不能再审核`, en: 'Already decided' });
      if (a.version !== input.version) throw new AppError('version_conflict');
      const ok = await repo.decideAward(tx, id, input.version, { status: verdict === 'approve' ? 'approved' : 'returned', reason, by: actor.accountId });
      if (!ok) throw new AppError('version_conflict');
      await audit(tx, actor, county, verdict === 'approve' ? 'point_award.approve' : 'point_award.return', 'point_award', id, { personId: Number(a.person_id), item: a.item_code, points: a.points, ...(reason ? { reason } : {}) });
    });
  }

  return { rules, saveRules, memberPoints: memberPointsOf, board, propose, award, awards, decide };
}

export type PointsService = ReturnType<typeof createPointsService>;
