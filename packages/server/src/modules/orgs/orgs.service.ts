// 组织树: create, rename, move (with the subtree), close; the whole tree of a scope with counts
// per node and the station coverage warnings.
import {
  ORG_NESTING,
  ORG_TYPE_LABELS,
  STATION_DESIGNATION_LABELS,
  STATION_STAFFING,
  STATION_VILLAGES_MAX,
  STATION_VILLAGES_MIN,
  TOWNSHIP_DEMO_MAX,
  type AddDesignationBody,
  type ListDesignationsQuery,
  type StationDesignation,
  type StationDesignationKind,
  type StationDesignationRow,
  type CreateOrgBody,
  type OrgDetail,
  type OrgNode,
  type OrgTree,
  type UpdateOrgBody,
  can,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { appendAudit, changeSummary } from '../../core/audit.js';
import { AppError, fieldError } from '../../core/errors.js';
import * as repo from './orgs.repository.js';
import type { OrgRow } from './orgs.repository.js';
import { createAnswerCache, type KeptAnswer } from '../../core/answer-cache.js';
import { inOneSnapshot } from '../../core/kept-answers.js';
import type { SessionInvalidation } from '../auth/index.js';
import { activePostsAt, memberCountsByOrg, stationStaffing, type StaffingRow } from '../people/index.js';

const VILLAGE_TYPES = new Set(['village', 'community']);

export function stationWarning(villages: number): string | undefined {
  if (villages < STATION_VILLAGES_MIN) return `工作站仅覆盖 ${villages} 个村（社区），少于 ${STATION_VILLAGES_MIN} 个`;
  if (villages > STATION_VILLAGES_MAX) return `工作站覆盖 ${villages} 个村（社区），超过 ${STATION_VILLAGES_MAX} 个`;
  return undefined;
}

/**
 * 人员到位 (seed 000): 1 chief who sits on the township committee, 1–2 deputies, 1–2 full-time
 * Party workers. Answers a warning per rule broken, as the village coverage rule does.
 */
export function staffingWarnings(s: { chiefs: number; chiefsOnCommittee: number; deputies: number; workers: number }): string[] {
  const out: string[] = [];
  const { chief, deputy, worker } = STATION_STAFFING;
  if (s.chiefs < chief.min) out.push('未配备站长');
  else if (s.chiefs > chief.max) out.push(`站长 ${s.chiefs} 名，应为 ${chief.max} 名`);
  else if (s.chiefsOnCommittee < s.chiefs) out.push('站长应由乡镇（街道）党委委员担任');
  if (s.deputies < deputy.min) out.push('未配备副站长');
  else if (s.deputies > deputy.max) out.push(`副站长 ${s.deputies} 名，应为 ${deputy.min}–${deputy.max} 名`);
  if (s.workers < worker.min) out.push('未配备专职党务工作者');
  else if (s.workers > worker.max) out.push(`专职党务工作者 ${s.workers} 名，应为 ${worker.min}–${worker.max} 名`);
  return out;
}

/** Adds the staffing warnings to the stations among the nodes. */
function addStaffingWarnings(nodes: OrgNode[], staffing: StaffingRow[]) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const r of staffing) {
    byId.get(r.org_id)?.warnings.push(...staffingWarnings({ chiefs: r.chiefs, chiefsOnCommittee: r.chiefs_on_committee, deputies: r.deputies, workers: r.workers }));
  }
}

const designationView = (r: repo.DesignationRow): StationDesignation => ({
  id: r.id, kind: r.kind as StationDesignationKind, year: r.year, designatedOn: r.designated_on, awardFen: r.award_fen, note: r.note,
});

/** Turns rows of a subtree into nodes with subtree counts and warnings (one pass, bottom-up). */
export function buildNodes(rows: OrgRow[], directMembers: Map<number, number>): OrgNode[] {
  const nodes = new Map<number, OrgNode>();
  const directVillageChildren = new Map<number, number>();
  for (const r of rows) {
    nodes.set(r.id, {
      id: r.id,
      parentId: r.parent_id,
      countyId: r.county_id,
      type: r.type,
      name: r.name,
      path: r.path,
      depth: r.depth,
      status: r.status,
      usesStations: r.uses_stations,
      isPilot: r.is_pilot,
      version: r.version,
      memberCount: directMembers.get(r.id) ?? 0,
      villageCount: r.status === 'active' && VILLAGE_TYPES.has(r.type) ? 1 : 0,
      warnings: [],
    });
    if (r.status === 'active' && VILLAGE_TYPES.has(r.type) && r.parent_id !== null) {
      directVillageChildren.set(r.parent_id, (directVillageChildren.get(r.parent_id) ?? 0) + 1);
    }
  }
  // rows come ordered by depth: walk deepest first and add each node into its parent
  for (let i = rows.length - 1; i >= 0; i--) {
    const node = nodes.get(rows[i]!.id)!;
    const parent = node.parentId !== null ? nodes.get(node.parentId) : undefined;
    if (parent) {
      parent.memberCount += node.memberCount;
      parent.villageCount += node.villageCount;
    }
  }
  for (const node of nodes.values()) {
    if (node.status !== 'active') continue;
    if (node.type === 'station') {
      const w = stationWarning(directVillageChildren.get(node.id) ?? 0);
      if (w) node.warnings.push(w);
    }
    if (node.type === 'township' && node.usesStations) {
      const loose = directVillageChildren.get(node.id) ?? 0;
      if (loose > 0) node.warnings.push(`有 ${loose} 个村（社区）未划入工作站`);
    }
  }
  return [...nodes.values()];
}

export function createOrgService(deps: { db: Db; sessions: SessionInvalidation; treeCacheBytes?: number }) {
  const { db } = deps;
  /** The tree's kept answers: 64 MB unless told (AppConfig.treeCacheBytes; 0 keeps none). */
  const treeCache = createAnswerCache(deps.treeCacheBytes ?? 64 * 1024 * 1024);
  /** Scopes hold the org's path and name: signed-in accounts' cached sessions are read afresh. */
  const treeChanged = async <T>(change: Promise<T>): Promise<T> => {
    const result = await change;
    deps.sessions.forgetAll();
    return result;
  };

  const audit = (tx: Parameters<typeof appendAudit>[0], actor: Actor, action: string, org: OrgRow, summary: Record<string, unknown>) =>
    appendAudit(tx, {
      countyId: org.county_id,
      accountId: actor.accountId,
      username: actor.username,
      action,
      objectType: 'org',
      objectId: org.id,
      summary,
      result: 'success',
      ip: actor.ip,
    });

  /** The tree under a root as the answer carries it, every statement on `q` (one snapshot when it is a transaction). */
  async function buildTree(q: Queryable, scope: Actor['scope'], root: OrgRow): Promise<OrgTree> {
    // Above a county the tree is large (a province): answer two levels; a county answers whole.
    const maxDepth = root.type === 'province' ? root.depth + 1 : undefined;
    const [rows, staffing] = await Promise.all([
      repo.listSubtreeWithMembers(q, scope, root.path, maxDepth),
      root.type === 'province' ? Promise.resolve([]) : stationStaffing(q, root.path),
    ]);
    const members = new Map<number, number>();
    for (const r of rows) if (r.members > 0) members.set(r.id, r.members);
    const nodes = buildNodes(rows, members);
    addStaffingWarnings(nodes, staffing);
    if (maxDepth !== undefined) {
      // the cut-off level still reports its whole subtree's members
      const byPath = rows.filter((r) => r.depth === maxDepth);
      for (const r of byPath) {
        const n = nodes.find((x) => x.id === r.id)!;
        const counts = await memberCountsByOrg(q, r.path);
        n.memberCount = [...counts.values()].reduce((a, b) => a + b, 0);
      }
    }
    return { rootId: root.id, nodes };
  }

  async function tree(actor: Actor, rootId?: number): Promise<OrgTree> {
    const root = await repo.findOrg(db, actor.scope, rootId ?? actor.scope.orgId);
    if (!root) throw new AppError('not_found');
    return buildTree(db, actor.scope, root);
  }

  /**
   * GET /api/orgs/tree's answer as bytes, kept per root while its county's generation and the date
   * are unchanged (docs/decisions.md "The org tree's answer kept per generation"). The answer
   * depends on the root alone, not on who asks: the actor's scope decides only whether the root
   * may be read (404), and the tree carries no personal data nor anything a role adds or hides.
   * One statement on a hit (the root, its generation, the date); on a miss, the tree read in one
   * snapshot with the generation it is kept under. `render` serializes as the route's schema does.
   */
  async function treeAnswer(actor: Actor, rootId: number | undefined, render: (tree: OrgTree) => string): Promise<KeptAnswer> {
    const root = await repo.findTreeRoot(db, actor.scope, rootId ?? actor.scope.orgId);
    if (!root) throw new AppError('not_found');
    const kept = treeCache.get(root.id, root.gen, root.today);
    if (kept) return kept;
    return treeCache.build(root.id, root.gen, root.today, () =>
      inOneSnapshot(db, async (tx) => {
        // read again in the snapshot: the generation the rows belong to (and the root as it is now)
        const now = await repo.findTreeRoot(tx, actor.scope, root.id);
        if (!now) throw new AppError('not_found');
        const built = await buildTree(tx, actor.scope, now);
        return { gen: now.gen, today: now.today, body: render(built) };
      }),
    );
  }

  async function detail(actor: Actor, id: number): Promise<OrgDetail> {
    const org = await repo.findOrg(db, actor.scope, id);
    if (!org) throw new AppError('not_found');
    const isStation = org.type === 'station';
    const [rows, members, ancestors, posts, staffing, designations] = await Promise.all([
      repo.listSubtree(db, actor.scope, org.path, org.depth + 1),
      memberCountsByOrg(db, org.path),
      repo.ancestorsOf(db, actor.scope, org.path),
      activePostsAt(db, org.id),
      isStation ? stationStaffing(db, org.path) : Promise.resolve([]),
      isStation ? repo.designationsOf(db, org.id) : Promise.resolve([]),
    ]);
    // counts need the whole subtree; children need one level
    const all = org.type === 'province' ? rows : await repo.listSubtree(db, actor.scope, org.path);
    const nodes = buildNodes(all, members);
    addStaffingWarnings(nodes, staffing.filter((r) => r.org_id === org.id));
    const node = nodes.find((n) => n.id === org.id)!;
    const childCounts: Record<string, number> = {};
    for (const r of rows) {
      if (r.parent_id === org.id && r.status === 'active') childCounts[r.type] = (childCounts[r.type] ?? 0) + 1;
    }
    const parentRow = ancestors.find((a) => a.id === org.parent_id);
    return {
      ...node,
      parent: parentRow ? { id: parentRow.id, name: parentRow.name, type: parentRow.type } : null,
      ancestors: ancestors.filter((a) => a.id !== org.id).map((a) => ({ id: a.id, name: a.name, type: a.type })),
      posts: posts.map((p) => ({
        id: p.id,
        personId: p.person_id,
        personName: p.person_name,
        role: p.role as OrgDetail['posts'][number]['role'],
        concurrent: p.concurrent,
        sentFrom: p.sent_from,
        startDate: p.start_date,
        endDate: p.end_date,
      })),
      childCounts,
      designations: designations.map(designationView),
    };
  }

  const designationRow = (r: repo.DesignationRow): StationDesignationRow => ({
    ...designationView(r),
    station: { id: r.org_id, name: r.station_name },
    township: r.township_id ? { id: r.township_id, name: r.township_name ?? '' } : null,
  });

  /** One designation of a station in the scope, as the list shows it (404 outside the scope). */
  async function designation(actor: Actor, id: number): Promise<StationDesignationRow> {
    requireAction(actor, 'org:read');
    const row = await repo.findDesignationUnder(db, actor.scope.path, id);
    if (!row) throw new AppError('not_found');
    return designationRow(row);
  }

  /** Designations of the stations in a subtree (the scope, or an org in it), by kind and year. */
  async function listDesignations(actor: Actor, q: ListDesignationsQuery) {
    requireAction(actor, 'org:read');
    const root = await repo.findOrg(db, actor.scope, q.orgId ?? actor.scope.orgId);
    if (!root) throw new AppError('not_found');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const { rows, total } = await repo.listDesignations(db, root.path, q, page, pageSize);
    const items: StationDesignationRow[] = rows.map(designationRow);
    return { items, total, page, pageSize };
  }

  /**
   * Who gives a 称号 (seed 000): the county's pilot stations and the 七一 commendations are the
   * county's (县委组织部); a township names its own demonstration stations (乡镇示范站) — the county
   * may too. The station must lie in the actor's scope (checked where it is read).
   */
  function requireDesigner(actor: Actor, kind: StationDesignationKind) {
    requireAction(actor, 'org:write');
    if (actor.roles.includes('county_admin')) return;
    if (kind === 'township_demo' && actor.roles.includes('township_admin')) return;
    throw new AppError('forbidden', {
      zh: kind === 'township_demo' ? '乡镇示范站由乡镇党委或县委组织部确定' : `${STATION_DESIGNATION_LABELS[kind].zh}由县委组织部认定`,
      en: kind === 'township_demo' ? 'Demonstration stations are named by the township or the county' : 'This designation is given by the county',
    });
  }

  async function addDesignation(actor: Actor, orgId: number, input: AddDesignationBody): Promise<StationDesignation> {
    requireDesigner(actor, input.kind);
    if (input.kind === 'qiyi_commended' && input.awardFen === undefined) throw fieldError('awardFen', '请填写奖励金额', 'Enter the award');
    if (input.kind !== 'qiyi_commended' && input.awardFen !== undefined) throw fieldError('awardFen', '只有“七一”表彰有奖励金额', 'Only the 1 July commendation carries an award');
    if (input.designatedOn && Number(input.designatedOn.slice(0, 4)) !== input.year) throw fieldError('designatedOn', '认定日期应在所填年度内', 'The date must fall in the year');
    return db.transaction(async (tx) => {
      const org = await repo.findOrgForUpdate(tx, actor.scope, orgId);
      if (!org) throw new AppError('not_found');
      if (org.type !== 'station' || org.status !== 'active') throw new AppError('conflict', { zh: '只有在册的党建工作站可以认定称号', en: 'Only an active work station can be designated' });
      const label = STATION_DESIGNATION_LABELS[input.kind].zh;
      if (input.kind === 'township_demo' && org.parent_id !== null && (await repo.countInTownship(tx, org.parent_id, 'township_demo', input.year)) >= TOWNSHIP_DEMO_MAX) {
        throw new AppError('conflict', { zh: `每个乡镇每年确定 1 至 ${TOWNSHIP_DEMO_MAX} 个示范站，${input.year} 年已满`, en: `A township names at most ${TOWNSHIP_DEMO_MAX} demonstration stations a year` });
      }
      const id = await repo.insertDesignation(tx, {
        countyId: org.county_id!, orgId: org.id, kind: input.kind, year: input.year, designatedOn: input.designatedOn ?? null,
        awardFen: input.awardFen ?? null, note: input.note?.trim() || null, createdBy: actor.accountId,
      });
      if (!id) throw new AppError('conflict', { zh: `${org.name}已是 ${input.year} 年的${label}`, en: 'The station already holds this designation that year' });
      if (input.kind === 'county_pilot') await repo.syncPilotFlag(tx, org.id);
      await audit(tx, actor, 'org.designate', org, { designationId: id, kind: input.kind, year: input.year, designatedOn: input.designatedOn ?? null, awardFen: input.awardFen ?? null });
      return designationView((await repo.findDesignation(tx, org.id, id))!);
    });
  }

  async function removeDesignation(actor: Actor, orgId: number, id: number) {
    requireAction(actor, 'org:write');
    await db.transaction(async (tx) => {
      const org = await repo.findOrgForUpdate(tx, actor.scope, orgId);
      if (!org) throw new AppError('not_found');
      const d = await repo.findDesignation(tx, org.id, id);
      if (!d) throw new AppError('not_found');
      requireDesigner(actor, d.kind as StationDesignationKind);
      if (!(await repo.deleteDesignation(tx, org.id, id))) throw new AppError('not_found');
      if (d.kind === 'county_pilot') await repo.syncPilotFlag(tx, org.id);
      await audit(tx, actor, 'org.undesignate', org, { designationId: id, kind: d.kind, year: d.year, awardFen: d.award_fen });
    });
  }

  function checkNesting(parent: OrgRow, type: OrgRow['type'], field: string) {
    if (!ORG_NESTING[parent.type].includes(type)) {
      throw fieldError(
        field,
        `「${ORG_TYPE_LABELS[parent.type].zh}」下不能设立「${ORG_TYPE_LABELS[type].zh}」`,
        `A ${ORG_TYPE_LABELS[type].en} cannot sit under a ${ORG_TYPE_LABELS[parent.type].en}`,
      );
    }
    if (parent.type === 'township' && parent.uses_stations && VILLAGE_TYPES.has(type)) {
      throw fieldError(
        field,
        `${parent.name}实行党建工作站全覆盖，村（社区）须归入某个工作站`,
        `${parent.name} uses work stations: a village must belong to a station`,
      );
    }
    if (parent.status !== 'active') {
      throw fieldError(field, '上级组织已撤销', 'The parent organization is closed');
    }
  }

  async function create(actor: Actor, input: CreateOrgBody) {
    requireAction(actor, 'org:write');
    const name = input.name.trim();
    if (!name) throw fieldError('name', '名称不能为空', 'The name may not be empty');
    return db.transaction(async (tx) => {
      const parent = await repo.findOrgForUpdate(tx, actor.scope, input.parentId);
      if (!parent) throw fieldError('parentId', '上级组织不存在或不在您的管辖范围内', 'No such parent in your scope');
      checkNesting(parent, input.type, 'type');
      if (await repo.siblingNameTaken(tx, parent.id, name)) {
        throw fieldError('name', `${parent.name}下已有同名组织「${name}」`, `${parent.name} already has "${name}"`);
      }
      const org = await repo.insertOrg(tx, {
        parentId: parent.id,
        countyId: parent.county_id,
        type: input.type,
        name,
        code: input.code,
        usesStations: input.type === 'township' ? input.usesStations : false,
        parentPath: parent.path,
        parentDepth: parent.depth,
      });
      await audit(tx, actor, 'org.create', org, { type: org.type, name: org.name, parentId: parent.id });
      return org;
    });
  }

  async function update(actor: Actor, id: number, input: UpdateOrgBody) {
    requireAction(actor, 'org:write');
    return treeChanged(db.transaction(async (tx) => {
      const org = await repo.findOrgForUpdate(tx, actor.scope, id);
      if (!org) throw new AppError('not_found');
      if (org.version !== input.version) throw new AppError('version_conflict');
      const name = input.name?.trim();
      if (input.name !== undefined && !name) throw fieldError('name', '名称不能为空', 'The name may not be empty');
      if (name && org.parent_id !== null && (await repo.siblingNameTaken(tx, org.parent_id, name, org.id))) {
        throw fieldError('name', `同级已有同名组织「${name}」`, `A sibling is already named "${name}"`);
      }
      if (input.usesStations !== undefined && org.type !== 'township') {
        throw fieldError('usesStations', '只有乡镇（街道）可以设置工作站模式', 'Only a township can use stations');
      }
      if (input.usesStations && !org.uses_stations) {
        const loose = await repo.directVillagesOf(tx, org.id);
        if (loose > 0) {
          throw fieldError('usesStations', `请先将直属的 ${loose} 个村（社区）划入工作站`, `First move the ${loose} villages under stations`);
        }
      }
      const updated = await repo.updateOrg(tx, org.id, org.version, { name, usesStations: input.usesStations });
      if (!updated) throw new AppError('version_conflict');
      await audit(tx, actor, 'org.update', updated, changeSummary(
        { name: org.name, usesStations: org.uses_stations },
        { name, usesStations: input.usesStations },
      ));
      return updated;
    }));
  }

  async function move(actor: Actor, id: number, input: { version: number; newParentId: number }) {
    requireAction(actor, 'org:write');
    return treeChanged(db.transaction(async (tx) => {
      const org = await repo.findOrgForUpdate(tx, actor.scope, id);
      if (!org) throw new AppError('not_found');
      if (org.id === actor.scope.orgId) throw new AppError('forbidden', { zh: '不能移动本账号的管辖范围根节点', en: 'You cannot move the root of your own scope' });
      if (org.version !== input.version) throw new AppError('version_conflict');
      const parent = await repo.findOrgForUpdate(tx, actor.scope, input.newParentId);
      if (!parent) throw fieldError('newParentId', '新的上级组织不存在或不在您的管辖范围内', 'No such parent in your scope');
      if (parent.path.startsWith(org.path)) {
        throw fieldError('newParentId', '不能移动到自身或其下级组织之下', 'Cannot move a node under itself');
      }
      if (parent.id === org.parent_id) throw fieldError('newParentId', '已在该上级组织之下', 'Already under that parent');
      if (parent.county_id !== org.county_id) throw fieldError('newParentId', '不能跨县移动组织', 'Cannot move across counties');
      checkNesting(parent, org.type, 'newParentId');
      if (await repo.siblingNameTaken(tx, parent.id, org.name)) {
        throw fieldError('newParentId', `${parent.name}下已有同名组织「${org.name}」`, `${parent.name} already has "${org.name}"`);
      }
      const moved = await repo.moveSubtree(tx, org, parent);
      if (!moved) throw new AppError('version_conflict');
      await audit(tx, actor, 'org.move', moved, { fromParentId: org.parent_id, toParentId: parent.id });
      return moved;
    }));
  }

  async function close(actor: Actor, id: number, version: number) {
    requireAction(actor, 'org:write');
    return treeChanged(db.transaction(async (tx) => {
      const org = await repo.findOrgForUpdate(tx, actor.scope, id);
      if (!org) throw new AppError('not_found');
      if (org.id === actor.scope.orgId) throw new AppError('forbidden', { zh: '不能撤销本账号的管辖范围根节点', en: 'You cannot close the root of your own scope' });
      if (org.version !== version) throw new AppError('version_conflict');
      if (org.status === 'closed') throw new AppError('conflict', { zh: '该组织已撤销', en: 'Already closed' });
      const refs = await repo.references(tx, org);
      const blockers = [
        refs.children && `${refs.children} 个下级组织`,
        refs.people && `${refs.people} 名在册人员`,
        refs.posts && `${refs.posts} 个在任岗位`,
        refs.accounts && `${refs.accounts} 个账号`,
      ].filter(Boolean);
      if (blockers.length > 0) {
        throw new AppError('conflict', {
          zh: `「${org.name}」还有${blockers.join('、')}，请先迁出或撤销后再撤销本组织`,
          en: `"${org.name}" still has children, members, posts or accounts; move or close them first`,
        }, refs);
      }
      const closed = await repo.closeOrg(tx, org.id, org.version);
      if (!closed) throw new AppError('version_conflict');
      await audit(tx, actor, 'org.close', closed, { name: org.name });
      return closed;
    }));
  }

  /** Removes a node created by mistake; anything that refers to it forbids this (close it instead). */
  async function remove(actor: Actor, id: number, version: number) {
    requireAction(actor, 'org:write');
    await db.transaction(async (tx) => {
      const org = await repo.findOrgForUpdate(tx, actor.scope, id);
      if (!org) throw new AppError('not_found');
      if (org.id === actor.scope.orgId) throw new AppError('forbidden');
      if (await repo.anyReference(tx, org)) {
        throw new AppError('conflict', { zh: '该组织已被人员、岗位、账号或下级组织引用，不能删除，请改为撤销', en: 'The node is referenced; close it instead' });
      }
      if (!(await repo.deleteOrg(tx, org.id, version))) throw new AppError('version_conflict');
      await audit(tx, actor, 'org.delete', org, { name: org.name, type: org.type });
    });
  }

  /** A station's 人员到位 warnings as they stand in `q` (a transaction that just changed its posts sees the change). */
  async function stationWarnings(q: Queryable, stationPath: string): Promise<string[]> {
    const [s] = await stationStaffing(q, stationPath);
    return s ? staffingWarnings({ chiefs: s.chiefs, chiefsOnCommittee: s.chiefs_on_committee, deputies: s.deputies, workers: s.workers }) : [];
  }

  // ---- 党小组: a branch's party groups, kept by the branch through organizational life ----

  /** The tree's writer (org:write) or the branch's keeper of its groups (orglife:group, checked by organizational life's routes). */
  function requireGroupKeeper(actor: Actor) {
    if (!can(actor.roles, 'org:write') && !can(actor.roles, 'orglife:group')) throw new AppError('forbidden');
  }

  /** Adds a party group under a branch of the scope, in the caller's transaction; audited as the tree's create. */
  async function addPartyGroupIn(tx: Queryable, actor: Actor, branchId: number, rawName: string): Promise<OrgRow> {
    requireGroupKeeper(actor);
    const name = rawName.trim();
    if (!name) throw fieldError('name', '请填写党小组名称', 'Enter the name');
    const parent = await repo.findOrgForUpdate(tx, actor.scope, branchId);
    if (!parent) throw new AppError('not_found');
    checkNesting(parent, 'party_group', 'orgId');
    if (await repo.siblingNameTaken(tx, parent.id, name)) throw fieldError('name', `${parent.name}下已有「${name}」`, `${parent.name} already has "${name}"`);
    const org = await repo.insertOrg(tx, { parentId: parent.id, countyId: parent.county_id, type: 'party_group', name, parentPath: parent.path, parentDepth: parent.depth });
    await audit(tx, actor, 'org.create', org, { type: org.type, name: org.name, parentId: parent.id });
    return org;
  }

  /** The party group of the scope, locked for a change (404 for any other node or outside the scope). */
  async function partyGroupForUpdate(tx: Queryable, actor: Actor, id: number, version: number) {
    requireGroupKeeper(actor);
    const org = await repo.findOrgForUpdate(tx, actor.scope, id);
    if (!org || org.type !== 'party_group' || org.status !== 'active') throw new AppError('not_found');
    if (org.version !== version) throw new AppError('version_conflict');
    return org;
  }

  /** Renames a party group (and answers it, or the unchanged group), in the caller's transaction. */
  async function renamePartyGroupIn(tx: Queryable, actor: Actor, id: number, version: number, rawName: string | undefined): Promise<OrgRow> {
    const org = await partyGroupForUpdate(tx, actor, id, version);
    const name = rawName?.trim();
    if (rawName !== undefined && !name) throw fieldError('name', '请填写党小组名称', 'Enter the name');
    if (!name || name === org.name) {
      // the group's version still moves: a change of members is a change of the group
      const bumped = await repo.updateOrg(tx, org.id, org.version, {});
      if (!bumped) throw new AppError('version_conflict');
      return bumped;
    }
    if (org.parent_id !== null && (await repo.siblingNameTaken(tx, org.parent_id, name, org.id))) throw fieldError('name', `同一支部已有「${name}」`, `A sibling is already named "${name}"`);
    const updated = await repo.updateOrg(tx, org.id, org.version, { name });
    if (!updated) throw new AppError('version_conflict');
    await audit(tx, actor, 'org.update', updated, changeSummary({ name: org.name }, { name }));
    return updated;
  }

  /** Dissolves (closes) a party group with no one left in it, in the caller's transaction. */
  async function closePartyGroupIn(tx: Queryable, actor: Actor, id: number, version: number): Promise<void> {
    const org = await partyGroupForUpdate(tx, actor, id, version);
    const refs = await repo.references(tx, org);
    if (refs.children || refs.people || refs.posts || refs.accounts) throw new AppError('conflict', { zh: `「${org.name}」还有下级组织、人员、岗位或账号，不能撤销`, en: 'The group is still referenced' }, refs);
    const closed = await repo.closeOrg(tx, org.id, org.version);
    if (!closed) throw new AppError('version_conflict');
    await audit(tx, actor, 'org.close', closed, { name: org.name, partyGroup: true });
  }

  return { addPartyGroupIn, renamePartyGroupIn, closePartyGroupIn, tree, treeAnswer, treeCacheStats: () => treeCache.stats(), treeCacheEnabled: treeCache.enabled, detail, create, update, move, close, remove, listDesignations, designation, addDesignation, removeDesignation, stationWarnings };
}

export type OrgService = ReturnType<typeof createOrgService>;
