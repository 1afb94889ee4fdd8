// 称号认定 (seed 003 四创建四争当; 000/004 示范): the county's kinds and criteria (county data, a
// versioned set, samples until the county saves its own), nominations by the township above a unit
// (or the county), criteria checked with evidence, the county's approval, publication, yearly review
// and revocation on the case engine; the register counts what is held per kind under each unit below
// a node and drills down to the designations. Members are read through the people service, the
// stations' own designations (县级试点, 乡镇示范站, “七一”表彰) through the orgs service: never their tables.
import {
  can,
  DESIGNATION_HELD,
  DESIGNATION_STATE_LABELS,
  DESIGNATION_TRANSITION_LABELS,
  DESIGNATION_TRANSITIONS,
  ORG_TYPES,
  SAMPLE_DESIGNATION_KINDS,
  type DesignationCheck,
  type DesignationDetail,
  type DesignationFile,
  type DesignationKind,
  type DesignationKinds,
  type DesignationPage,
  type DesignationRegister,
  type DesignationRegisterQuery,
  type DesignationRow,
  type DesignationState,
  type DesignationTransition,
  type FireDesignationBody,
  type ListDesignationRecordsQuery,
  type NominateBody,
  type PersonDetail,
  type SaveChecksBody,
  type SaveDesignationKindsBody,
  type StationDesignationRow,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError, type FieldError } from '../../core/errors.js';
import { todayInChina } from '../../core/calendar.js';
import { createCaseEngine, type CaseEngine } from '../../core/cases/case-engine.js';
import { availableTransitions } from '../../core/cases/workflow.js';
import { byIds, children as orgChildren, inScope as orgInScope } from '../../core/org-tree.js';
import type { PublicSection, PublicUnitRef } from '../../core/public-sections.js';
import type { TodaySourceRow } from '../../core/today-sources.js';
import * as repo from './designations.repository.js';
import { aboveUnit, designationWorkflow } from './designations.workflow.js';
import './designations.case.js';

/** What 称号认定 reads of other modules, through their front doors (app.ts hands them in). */
export type DesignationSources = {
  /** 党员: a person in the caller's scope (404 outside it), as the people service shows them. */
  person(actor: Actor, id: number): Promise<Pick<PersonDetail, 'id' | 'name' | 'org' | 'memberStatus' | 'status'>>;
  /** 工作站称号: one page of the stations' designations under an org in the caller's scope. */
  stationDesignations(actor: Actor, q: { orgId: number; year?: number; page: number; pageSize: number }): Promise<{ items: StationDesignationRow[]; total: number }>;
};

const PERSON_TARGETS = new Set(['member', 'household']);
/** Where a check or a review can tick criteria and add evidence. */
const CHECKING: readonly string[] = ['nominated', 'reviewing'];

export function createDesignationService(deps: { db: Db; sources: DesignationSources; engine?: CaseEngine; today?: () => string }) {
  const { db, sources } = deps;
  const engine = deps.engine ?? createCaseEngine({ db, today: deps.today });
  const today = deps.today ?? (() => todayInChina());
  const thisYear = () => Number(today().slice(0, 4));

  const countyOf = (actor: Actor): number => {
    if (actor.scope.countyId === null) throw new AppError('not_found');
    return actor.scope.countyId;
  };

  // ---- kinds (county data)

  async function kindSet(q: Queryable, county: number): Promise<DesignationKinds> {
    const row = await repo.kindSetOf(q, county);
    if (!row) return { kinds: structuredClone(SAMPLE_DESIGNATION_KINDS), isSample: true, version: 0 };
    return { kinds: row.kinds, isSample: false, version: row.version };
  }

  async function kinds(actor: Actor): Promise<DesignationKinds> {
    requireAction(actor, 'recognition:read');
    return kindSet(db, countyOf(actor));
  }

  function kindProblems(list: readonly DesignationKind[]): FieldError[] {
    const problems: FieldError[] = [];
    const codes = new Set<string>();
    const names = new Set<string>();
    list.forEach((k, i) => {
      if (codes.has(k.code)) problems.push({ field: `kinds.${i}.code`, zh: `类别代码「${k.code}」重复`, en: `Duplicate code ${k.code}` });
      codes.add(k.code);
      const name = k.name.trim();
      if (!name) problems.push({ field: `kinds.${i}.name`, zh: '请填写称号名称', en: 'Name the kind' });
      if (names.has(name)) problems.push({ field: `kinds.${i}.name`, zh: `称号名称「${name}」重复`, en: `Duplicate name ${name}` });
      names.add(name);
      if (k.orgTypes.length === 0) problems.push({ field: `kinds.${i}.orgTypes`, zh: `「${name}」须至少选择一种组织类型`, en: 'Pick at least one org type' });
      for (const t of k.orgTypes) {
        if (!(ORG_TYPES as readonly string[]).includes(t) || t === 'province' || t === 'county' || t === 'grid' || t === 'party_group') {
          problems.push({ field: `kinds.${i}.orgTypes`, zh: `「${name}」的组织类型「${t}」不能授予称号`, en: `Org type ${t} cannot hold a designation` });
        }
      }
      const cc = new Set<string>();
      k.criteria.forEach((c, j) => {
        if (cc.has(c.code)) problems.push({ field: `kinds.${i}.criteria.${j}.code`, zh: `「${name}」的认定标准代码「${c.code}」重复`, en: 'Duplicate criterion code' });
        cc.add(c.code);
        if (!c.text.trim()) problems.push({ field: `kinds.${i}.criteria.${j}.text`, zh: `「${name}」的认定标准不能为空`, en: 'A criterion needs its text' });
      });
    });
    return problems;
  }

  async function saveKinds(actor: Actor, input: SaveDesignationKindsBody): Promise<DesignationKinds> {
    requireAction(actor, 'recognition:configure');
    const county = countyOf(actor);
    if (actor.scope.orgId !== county) throw new AppError('forbidden', { zh: '称号类别和认定标准由县委组织部制定', en: 'Designation kinds are set by the county' });
    const problems = kindProblems(input.kinds);
    if (problems.length) throw validationError(problems);
    const kindsToSave = input.kinds.map((k) => ({ ...k, name: k.name.trim(), criteria: k.criteria.map((c) => ({ code: c.code, text: c.text.trim() })) }));
    await db.transaction(async (tx) => {
      // a kind that designations use stays in the set (it may be retired: active false)
      const used = await repo.usedKindCodes(tx, county);
      const gone = used.filter((code) => !kindsToSave.some((k) => k.code === code));
      if (gone.length) {
        // named as the county knows them (the set in force), never by their codes
        const names = new Map((await kindSet(tx, county)).kinds.map((k) => [k.code, k.name]));
        throw fieldError('kinds', `已有称号使用的类别不能删除，可设为停用：${gone.map((c) => `「${names.get(c) ?? c}」`).join('、')}`, `Kinds in use cannot be removed, only retired: ${gone.join(', ')}`);
      }
      if (!(await repo.insertKindSet(tx, county, input.version, kindsToSave, actor.accountId))) throw new AppError('version_conflict');
      await appendAudit(tx, {
        countyId: county, accountId: actor.accountId || null, username: actor.username, action: 'designation_kinds.update', objectType: 'designation_kinds',
        objectId: county, summary: { version: input.version + 1, kinds: kindsToSave.map((k) => k.code) }, result: 'success', ip: actor.ip,
      });
    });
    return kindSet(db, county);
  }

  // ---- reading

  function rowOf(r: repo.DesignationDbRow): DesignationRow {
    const held = (DESIGNATION_HELD as readonly string[]).includes(r.status);
    const reviewed = r.reviewed_year ?? (r.published_on ? Number(r.published_on.slice(0, 4)) : null);
    return {
      id: Number(r.id), version: r.version,
      kind: { code: r.kind_code, name: r.kind_name, sector: r.sector, target: r.target },
      unit: {
        org: { id: Number(r.org_id), name: r.org_name, type: r.org_type },
        person: r.person_id === null ? null : { id: Number(r.person_id), name: r.person_name ?? '' },
        name: r.unit_name,
      },
      township: r.township_id === null ? null : { id: Number(r.township_id), name: r.township_name ?? '' },
      year: r.year, status: r.status, nominatedOn: r.nominated_on, publishedOn: r.published_on, reviewedYear: r.reviewed_year,
      reviewDue: held && r.status === 'published' && reviewed !== null && reviewed < thisYear(),
      awardFen: r.award_fen === null ? null : Number(r.award_fen),
    };
  }

  async function rootPrefix(actor: Actor, orgId: number | undefined): Promise<string> {
    if (!orgId) return likePrefix(actor.scope.path);
    const root = await orgInScope(db, actor.scope, orgId);
    // a list or export of an org outside the scope answers 404, as every list's orgId does
    if (!root) throw new AppError('not_found');
    return likePrefix(root.path);
  }

  async function list(actor: Actor, q: ListDesignationRecordsQuery): Promise<DesignationPage> {
    requireAction(actor, 'recognition:read');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const prefix = await rootPrefix(actor, q.orgId);
    const result = await repo.listDesignations(db, prefix, { kind: q.kind, states: statesOf(q.status), year: q.year, reviewDueBefore: q.reviewDue ? thisYear() : undefined, page, pageSize });
    return { page, pageSize, total: result.total, items: result.rows.map(rowOf) };
  }

  const statesOf = (status: ListDesignationRecordsQuery['status']) => (status === 'held' ? DESIGNATION_HELD
    : status === 'open' ? ['nominated', 'checked', 'approved', 'reviewing']
    : status ? [status] : undefined);

  async function auditExport(actor: Actor, summary: Record<string, unknown>) {
    await db.transaction((tx) => appendAudit(tx, {
      countyId: countyOf(actor), accountId: actor.accountId || null, username: actor.username, action: 'designation.export', objectType: 'designation', objectId: 0,
      summary, result: 'success', ip: actor.ip,
    }));
  }

  /** Every row of the filtered list (up to 5,000) for the .xlsx, and the export's audit record (committed before the file is sent). */
  async function exportList(actor: Actor, q: ListDesignationRecordsQuery): Promise<DesignationRow[]> {
    requireAction(actor, 'recognition:read');
    const prefix = await rootPrefix(actor, q.orgId);
    const { rows } = await repo.listDesignations(db, prefix, { kind: q.kind, states: statesOf(q.status), year: q.year, reviewDueBefore: q.reviewDue ? thisYear() : undefined, page: 1, pageSize: 5000 });
    await auditExport(actor, { what: 'list', rows: rows.length, orgId: q.orgId ?? null, kind: q.kind ?? null, status: q.status ?? null, year: q.year ?? null, reviewDue: q.reviewDue ?? null });
    return rows.map(rowOf);
  }

  /** The register as it is shown (one row per unit below the node, a column per kind), and the export's audit record. */
  async function exportRegister(actor: Actor, q: DesignationRegisterQuery): Promise<DesignationRegister> {
    const r = await register(actor, q);
    await auditExport(actor, { what: 'register', orgId: r.node.id, year: q.year ?? null, rows: r.rows.length, total: r.total });
    return r;
  }

  const mayCheck = (actor: Actor, r: { org_path: string; status: string }) =>
    can(actor.roles, 'recognition:nominate') && CHECKING.includes(r.status) && aboveUnit(actor, { orgPath: r.org_path });

  async function detail(actor: Actor, id: number): Promise<DesignationDetail> {
    requireAction(actor, 'recognition:read');
    const prefix = likePrefix(actor.scope.path);
    const r = await repo.findDesignation(db, prefix, id);
    if (!r) throw new AppError('not_found');
    const [files, history, { events }] = await Promise.all([repo.evidenceOf(db, id), repo.historyOf(db, prefix, r), engine.timeline(db, id)]);
    const view = { id, countyId: Number(r.county_id), orgId: Number(r.org_id), orgPath: r.org_path, status: r.status, deadline: null, extra: undefined };
    const offered = can(actor.roles, 'recognition:nominate') ? availableTransitions(designationWorkflow, actor, view) : [];
    return {
      ...rowOf(r),
      citation: r.citation,
      criteria: r.criteria,
      evidence: files.map(fileOf),
      transitions: offered.map((t) => ({ name: t, label: DESIGNATION_TRANSITION_LABELS[t].zh, needsReason: Boolean(designationWorkflow.transitions[t].requires?.length) })),
      canCheck: mayCheck(actor, r),
      history: history.map((h) => ({ id: Number(h.id), kindName: h.kind_name, year: h.year, status: h.status })),
      timeline: events.map((e) => ({
        at: new Date(e.at).toISOString(),
        actor: e.actor_display ?? e.actor_name,
        label: e.transition && (DESIGNATION_TRANSITIONS as readonly string[]).includes(e.transition)
          ? DESIGNATION_TRANSITION_LABELS[e.transition as DesignationTransition].zh
          : e.kind === 'open' ? '推荐' : e.kind === 'edit' ? '核对认定标准' : e.kind === 'attachment' ? '上传佐证材料' : e.kind,
        body: e.body,
      })),
    };
  }

  const fileOf = (f: { id: number; file_name: string; mime_type: string; size_bytes: number; created_at: Date }): DesignationFile => ({
    id: Number(f.id), fileName: f.file_name, mimeType: f.mime_type, sizeBytes: Number(f.size_bytes), at: new Date(f.created_at).toISOString(),
  });

  // ---- nominating

  /** 推荐: the township (or the county) above the unit nominates it for a kind, with the citation. */
  async function nominate(actor: Actor, input: NominateBody): Promise<DesignationDetail> {
    requireAction(actor, 'recognition:nominate');
    const county = countyOf(actor);
    const { kinds: all } = await kindSet(db, county);
    const kind = all.find((k) => k.code === input.kindCode && k.active);
    if (!kind) throw fieldError('kindCode', '没有这个称号类别，或已停用', 'No such designation kind');
    const year = thisYear();
    if (input.year > year || input.year < year - 1) throw fieldError('year', `推荐年度须为 ${year - 1} 或 ${year} 年`, `The year is ${year - 1} or ${year}`);
    const citation = input.citation.trim();
    if (!citation) throw fieldError('citation', '请填写推荐事迹', 'Write the citation');
    const byPerson = PERSON_TARGETS.has(kind.target);
    if (byPerson && (input.orgId !== undefined || input.siteName !== undefined)) throw fieldError('personId', `「${kind.name}」授予党员，请只选择党员`, 'This kind is given to a member: name the member only');
    if (!byPerson && input.personId !== undefined) throw fieldError('orgId', `「${kind.name}」授予${kind.target === 'site' ? '示范点' : '党组织'}，请选择组织`, 'This kind is given to an organization');
    if (kind.target === 'site' && !input.siteName?.trim()) throw fieldError('siteName', '请填写示范点名称', 'Name the site');
    if (kind.target === 'org' && input.siteName !== undefined) throw fieldError('siteName', '授予党组织的称号不填写示范点名称', 'No site name for an organization');

    let orgId: number;
    let person: { id: number; name: string } | null = null;
    if (byPerson) {
      if (!input.personId) throw fieldError('personId', '请选择党员', 'Name the member');
      let p: Awaited<ReturnType<DesignationSources['person']>>;
      try {
        p = await sources.person(actor, input.personId);
      } catch (e) {
        if (e instanceof AppError && e.code === 'not_found') throw fieldError('personId', '人员不存在或不在您的管辖范围内', 'No such person in your scope');
        throw e;
      }
      if (!p.memberStatus || p.status !== 'active') throw fieldError('personId', `${p.name}不是在册党员`, 'Not an active Party member');
      orgId = p.org.id;
      person = { id: p.id, name: p.name };
    } else {
      if (!input.orgId) throw fieldError('orgId', '请选择组织', 'Name the organization');
      orgId = input.orgId;
    }
    const org = await orgInScope(db, actor.scope, orgId);
    if (!org || org.status !== 'active') throw fieldError(byPerson ? 'personId' : 'orgId', '组织不存在或不在您的管辖范围内', 'No such organization in your scope');
    if (org.path === actor.scope.path) throw fieldError(byPerson ? 'personId' : 'orgId', '不能推荐本级组织或本级党员，须由上级党组织推荐', 'The level above nominates');
    if (!kind.orgTypes.includes(org.type)) {
      throw fieldError(byPerson ? 'personId' : 'orgId', `「${kind.name}」只授予${kind.orgTypes.map((t) => ORG_TYPE_ZH[t] ?? t).join('、')}${byPerson ? '的党员' : ''}，${org.name}不在其列`, 'The kind is not given to this type of organization');
    }
    const unitName = kind.target === 'site' ? input.siteName!.trim() : kind.target === 'household' ? `${person!.name}户` : person ? person.name : org.name;
    const criteria: DesignationCheck[] = kind.criteria.map((c) => ({ code: c.code, text: c.text, met: null, note: null }));
    const id = await db.transaction(async (tx) => {
      await repo.lockOrg(tx, org.id);
      const live = await repo.liveOf(tx, { orgId: org.id, kindCode: kind.code, personId: person?.id ?? null, unitName });
      if (live) {
        throw new AppError('conflict', { zh: `${unitName}已有「${kind.name}」的推荐或称号（${DESIGNATION_STATE_LABELS[live.status].zh}）`, en: 'Already nominated or designated' }, { id: Number(live.id) });
      }
      const c = await engine.open(tx, designationWorkflow, actor, {
        countyId: org.county_id, orgId: org.id, orgPath: org.path, title: `${unitName} ${kind.name}（${input.year}年）`, deadline: null,
        body: citation, data: { kind: kind.code, year: input.year, personId: person?.id ?? null },
      }, repo.designationRow({
        countyId: org.county_id, kindCode: kind.code, kindName: kind.name, sector: kind.sector, target: kind.target, year: input.year,
        personId: person?.id ?? null, personName: person?.name ?? null, unitName, citation, criteria,
      }));
      return c.id;
    });
    return detail(actor, id);
  }

  /** 核对认定标准: the level above ticks each criterion (met or not) with a note, while nominated or under review. */
  async function saveChecks(actor: Actor, id: number, input: SaveChecksBody): Promise<DesignationDetail> {
    requireAction(actor, 'recognition:nominate');
    await engine.edit('designation', actor, id, {
      action: 'criteria',
      version: input.version,
      apply: async (tx, c) => {
        if (!CHECKING.includes(c.status)) {
          throw new AppError('conflict', { zh: `当前为「${DESIGNATION_STATE_LABELS[c.status as DesignationState]?.zh ?? c.status}」，只有推荐中或复核中的称号可以核对认定标准`, en: 'Only while nominated or under review' });
        }
        if (!aboveUnit(actor, { orgPath: c.org_path })) throw new AppError('forbidden', { zh: '认定标准由推荐单位的上级党组织（乡镇党委或县委组织部）核对', en: 'The level above checks the criteria' });
        const r = (await repo.findDesignation(tx, likePrefix(c.org_path), id))!;
        const byCode = new Map(input.checks.map((x) => [x.code, x]));
        const unknown = input.checks.filter((x) => !r.criteria.some((k) => k.code === x.code));
        if (unknown.length) throw fieldError('checks', `没有这些认定标准：${unknown.map((x) => x.code).join('、')}`, 'Unknown criteria');
        const next = r.criteria.map((k) => {
          const x = byCode.get(k.code);
          return x ? { ...k, met: x.met, note: x.note?.trim() || null } : k;
        });
        await repo.saveCriteria(tx, id, next);
        const met = next.filter((k) => k.met === true).length;
        return { body: `认定标准 ${met}/${next.length} 项符合`, data: { met, of: next.length }, summary: { met, of: next.length } };
      },
    });
    return detail(actor, id);
  }

  /** 佐证材料: a file on the designation's timeline, added by the level above while it is checked. */
  async function attach(actor: Actor, id: number, file: { fileName: string; mimeType: string; content: Buffer }): Promise<DesignationFile> {
    requireAction(actor, 'recognition:nominate');
    const fileId = await engine.attach('designation', actor, id, file, (c) => {
      if (!CHECKING.includes(c.status)) throw new AppError('conflict', { zh: '只有推荐中或复核中的称号可以上传佐证材料', en: 'Evidence is added while nominated or under review' });
      return aboveUnit(actor, { orgPath: c.org_path });
    });
    const f = (await repo.evidenceOf(db, id)).find((x) => Number(x.id) === fileId);
    if (!f) throw new AppError('not_found');
    return fileOf(f);
  }

  async function evidence(actor: Actor, id: number, fileId: number) {
    requireAction(actor, 'recognition:read');
    return engine.attachment('designation', actor, id, fileId);
  }

  /** What a check or a passed review needs: every criterion met, and at least one piece of evidence. */
  async function readiness(tx: Queryable, id: number, orgPath: string): Promise<string[]> {
    const r = (await repo.findDesignation(tx, likePrefix(orgPath), id))!;
    const files = await repo.evidenceOf(tx, id);
    const missing: string[] = [];
    const unticked = r.criteria.filter((k) => k.met === null).length;
    const unmet = r.criteria.filter((k) => k.met === false).length;
    if (unticked) missing.push(`还有 ${unticked} 项认定标准未核对`);
    if (unmet) missing.push(`${unmet} 项认定标准不符合`);
    if (files.length === 0) missing.push('尚未上传佐证材料');
    return missing;
  }

  async function fire(actor: Actor, id: number, name: DesignationTransition, input: FireDesignationBody): Promise<void> {
    requireAction(actor, 'recognition:nominate');
    if (input.awardFen !== undefined && name !== 'publish') throw fieldError('awardFen', '奖励金额在命名公布时填写', 'The award is given when publishing');
    await engine.fire(designationWorkflow, actor, id, name, { version: input.version, body: input.body?.trim() || null, fields: input.awardFen === undefined ? {} : { awardFen: input.awardFen } }, {
      loadExtra: async () => undefined,
      apply: async (tx, c) => {
        if (name === 'check' || name === 'confirm') {
          const missing = await readiness(tx, id, c.org_path);
          if (missing.length) throw validationError([{ field: 'transition', zh: `不能${DESIGNATION_TRANSITION_LABELS[name].zh}：${missing.join('；')}`, en: 'The criteria are not all met with evidence' }]);
        }
        if (name === 'publish') {
          await repo.markPublished(tx, id, today(), input.awardFen ?? null);
          return input.awardFen === undefined ? {} : { awardFen: input.awardFen };
        }
        if (name === 'review') {
          // the yearly re-check ticks the criteria afresh (the earlier checks stay on the timeline)
          const r = (await repo.findDesignation(tx, likePrefix(c.org_path), id))!;
          await repo.saveCriteria(tx, id, r.criteria.map((k) => ({ ...k, met: null, note: null })));
        }
        if (name === 'confirm') await repo.markReviewed(tx, id, thisYear());
      },
    });
  }

  // ---- the register

  async function register(actor: Actor, q: DesignationRegisterQuery): Promise<DesignationRegister> {
    requireAction(actor, 'recognition:read');
    const node = await orgInScope(db, actor.scope, q.orgId ?? actor.scope.orgId);
    if (!node) throw new AppError('not_found');
    const { kinds: all } = await kindSet(db, countyOf(actor));
    // townships (and stations) first, in the tree's order; the county's agencies and departments after them
    const below = (await orgChildren(db, node.id)).filter((k) => k.type !== 'grid' && k.type !== 'party_group');
    const kids = [...below.filter((k) => k.type === 'township' || k.type === 'station'), ...below.filter((k) => k.type !== 'township' && k.type !== 'station')];
    const nodes = await byIds(db, kids.map((k) => k.id));
    const pathOf = new Map(nodes.map((n) => [Number(n.id), n.path]));
    const roots = kids.map((k) => pathOf.get(Number(k.id))!).filter(Boolean);
    const [counts, stations] = await Promise.all([
      repo.registerCounts(db, likePrefix(node.path), roots, q.year, thisYear()),
      stationDesignationsUnder(actor, node.id, q.year),
    ]);
    const byRoot = new Map<string, Record<string, number>>();
    const totals: Record<string, number> = {};
    let inProcess = 0;
    let reviewDue = 0;
    for (const c of counts) {
      inProcess += c.in_process;
      reviewDue += c.review_due;
      if (!c.held) continue;
      totals[c.kind_code] = (totals[c.kind_code] ?? 0) + c.held;
      if (c.root) {
        const m = byRoot.get(c.root) ?? {};
        m[c.kind_code] = (m[c.kind_code] ?? 0) + c.held;
        byRoot.set(c.root, m);
      }
    }
    const stationTotals: Record<string, number> = {};
    const stationsOf = new Map<number, Record<string, number>>();
    for (const s of stations) {
      stationTotals[s.kind] = (stationTotals[s.kind] ?? 0) + 1;
      // the row of the unit below the node the station lies under: the station itself, or its township
      const rowId = kids.some((k) => Number(k.id) === s.station.id) ? s.station.id : s.township && kids.some((k) => Number(k.id) === s.township!.id) ? s.township.id : null;
      if (rowId === null) continue;
      const m = stationsOf.get(rowId) ?? {};
      m[s.kind] = (m[s.kind] ?? 0) + 1;
      stationsOf.set(rowId, m);
    }
    const parent = node.path !== actor.scope.path && node.parent_id ? await orgInScope(db, actor.scope, Number(node.parent_id)) : undefined;
    return {
      node: { id: Number(node.id), name: node.name, type: node.type },
      parent: parent ? { id: Number(parent.id), name: parent.name, type: parent.type } : null,
      kinds: all.filter((k) => k.active || totals[k.code]).map((k) => ({ code: k.code, name: k.name, sector: k.sector, target: k.target })),
      rows: kids.map((k) => {
        const c = byRoot.get(pathOf.get(Number(k.id)) ?? '') ?? {};
        return { org: { id: Number(k.id), name: k.name, type: k.type }, counts: c, total: Object.values(c).reduce((a, b) => a + b, 0), stations: stationsOf.get(Number(k.id)) ?? {} };
      }),
      totals,
      total: Object.values(totals).reduce((a, b) => a + b, 0),
      inProcess,
      reviewDue,
      stationTotals,
    };
  }

  async function stationDesignationsUnder(actor: Actor, orgId: number, year: number | undefined): Promise<StationDesignationRow[]> {
    if (!can(actor.roles, 'org:read')) return [];
    const out: StationDesignationRow[] = [];
    for (let page = 1; page <= 50; page++) {
      const p = await sources.stationDesignations(actor, { orgId, year, page, pageSize: 200 });
      out.push(...p.items);
      if (page * 200 >= p.total || p.items.length === 0) break;
    }
    return out;
  }

  // ---- the unit's public page and the home page

  /** 公开: the designations the unit and its members hold now (names and years; nothing personal beyond the name). */
  async function publicSection(q: Queryable, unit: PublicUnitRef): Promise<PublicSection | null> {
    const rows = await repo.heldBy(q, unit.id);
    if (rows.length === 0) return null;
    return {
      key: 'designations',
      title: '荣誉称号',
      items: rows.map((r) => ({
        title: r.target === 'org' ? r.kind_name : `${r.unit_name}：${r.kind_name}`,
        detail: [r.published_on ? `${r.published_on.slice(0, 4)}年命名` : null, r.reviewed_year && r.published_on && r.reviewed_year > Number(r.published_on.slice(0, 4)) ? `${r.reviewed_year}年复核通过` : null].filter(Boolean).join(' · ') || null,
        at: r.published_on,
        href: null,
      })),
      more: null,
    };
  }

  /** 工作台: nominations and reviews to check for the township (or county) above; what waits for the county's decision. */
  async function todayItems(q: Queryable, actor: Actor): Promise<TodaySourceRow[]> {
    if (!can(actor.roles, 'recognition:nominate')) return [];
    return repo.forToday(q, likePrefix(actor.scope.path), actor.scope.path, actor.roles.includes('county_admin'));
  }

  return { kinds, saveKinds, list, exportList, exportRegister, detail, nominate, saveChecks, attach, evidence, fire, register, publicSection, todayItems, today };
}

const ORG_TYPE_ZH: Record<string, string> = {
  township: '乡镇（街道）党委', station: '党建工作站', village: '村党组织', community: '社区党组织', agency: '机关党组织',
  enterprise: '非公企业党组织', social_org: '社会组织党组织', department: '职能部门党组织',
};

export type DesignationService = ReturnType<typeof createDesignationService>;
