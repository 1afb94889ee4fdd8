// 公开选拔 on the case engine, 换届 rounds per township, 结对培养 pairs — use cases. Persons and posts
// are written through the people service (a new candidate, the post a selection or an election
// ends in, the previous holders' terms ended); every change is audited in its transaction.
import {
  ELECTION_ROLES,
  ELECTION_STAGE_LABELS,
  POST_ROLE_LABELS,
  SELECTION_STATE_LABELS,
  SELECTION_TRANSITION_LABELS,
  SELECTION_TRANSITIONS,
  can,
  type ApplySelectionBody,
  type CreateMentoringBody,
  type ElectBody,
  type ElectionBoard,
  type ElectionRound,
  type ElectionVillage,
  type FireSelectionBody,
  type InspectBody,
  type ListElectionsQuery,
  type ListMentoringQuery,
  type ListSelectionsQuery,
  type MentoringContactBody,
  type MentoringDetail,
  type MentoringPair,
  type MentoringSummary,
  type OpenElectionBody,
  type RecommendBody,
  type RegisterCandidateBody,
  type ScoreCandidateBody,
  type SelectionCandidate,
  type SelectionDetail,
  type SelectionRow,
  type SelectionState,
  type SelectionTransition,
  type VetCandidateBody,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { ageOn, plusDays, todayInChina } from '../../core/calendar.js';
import { AppError, fieldError } from '../../core/errors.js';
import { idsOnPath, inScope as orgInScope, stationAbove, townshipAbove } from '../../core/org-tree.js';
import { createCaseEngine, type CaseEngine, type CaseRow } from '../../core/cases/case-engine.js';
import { availableTransitions } from '../../core/cases/workflow.js';
import type { PeopleService } from '../people/index.js';
import * as repo from './selection.repository.js';
import { selectionWorkflow } from './selection.workflow.js';
import './selection.case.js';

type People = Pick<PeopleService, 'personForDevelopment' | 'createIn' | 'addPostIn' | 'endPostIn' | 'updatePostIn' | 'postsAt' | 'detail'>;

const isCounty = (actor: Actor) => actor.roles.includes('county_admin');
const isCommittee = (actor: Actor) => actor.roles.includes('county_admin') || actor.roles.includes('township_admin');
const num = (v: string | null) => (v === null ? null : Number(v));
/** A score: 0–100 with at most one decimal. */
const validScore = (s: number) => s >= 0 && s <= 100 && Math.abs(Math.round(s * 10) - s * 10) < 1e-9;

export function createSelectionService(deps: { db: Db; people: People; engine?: CaseEngine; today?: () => string }) {
  const { db, people } = deps;
  const engine = deps.engine ?? createCaseEngine({ db, today: deps.today });
  const today = deps.today ?? (() => todayInChina());

  const audit = (tx: Queryable, actor: Actor, countyId: number, action: string, objectType: string, objectId: number, summary: Record<string, unknown>) =>
    appendAudit(tx, { countyId, accountId: actor.accountId, username: actor.username, action, objectType, objectId, summary, result: 'success', ip: actor.ip });

  async function prefixOf(actor: Actor, orgId?: number) {
    if (!orgId) return likePrefix(actor.scope.path);
    const org = await orgInScope(db, actor.scope, orgId);
    if (!org) throw new AppError('not_found');
    return likePrefix(org.path);
  }

  /** The county's accounts run the stages; the township only applies (and may withdraw). */
  function requireCounty(actor: Actor) {
    if (!isCounty(actor)) throw new AppError('forbidden', { zh: '公开选拔由县委组织部组织实施', en: 'The county organization department runs public selections' });
  }
  function requireCommittee(actor: Actor, what: string) {
    if (!isCommittee(actor)) throw new AppError('forbidden', { zh: `${what}由乡镇党委或县委组织部办理`, en: 'A township or the county does this' });
  }

  // ---------------- 公开选拔 ----------------
  function selectionRow(r: repo.SelectionDbRow): SelectionRow {
    return {
      id: Number(r.id), version: r.version, org: { id: Number(r.org_id), name: r.org_name, type: r.org_type }, township: r.township,
      role: r.role, civilService: r.civil_service, status: r.status, candidates: r.candidates, passed: r.passed, openedOn: r.opened_on,
      postId: r.post_id === null ? null : Number(r.post_id),
    };
  }

  function candidate(r: repo.SelectionDbRow, k: repo.CandidateDbRow): SelectionCandidate {
    const w = num(k.written_score);
    const i = num(k.interview_score);
    return {
      id: Number(k.id), person: { id: Number(k.person_id), name: k.person_name }, org: k.person_org, registeredOn: k.registered_on,
      vetting: k.vetting, vettingReason: k.vetting_reason, writtenScore: w, interviewScore: i,
      total: w !== null && i !== null ? Math.round((w + i) * 5) / 10 : null,
      inspection: k.inspection, inspectionNote: k.inspection_note, chosen: r.chosen_id !== null && Number(r.chosen_id) === Number(k.id),
    };
  }

  async function listSelections(actor: Actor, q: ListSelectionsQuery) {
    requireAction(actor, 'selection:read');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const { rows, total } = await repo.listSelections(db, await prefixOf(actor, q.orgId), { status: q.status, page, pageSize });
    return { items: rows.map(selectionRow), total, page, pageSize };
  }

  async function selection(actor: Actor, id: number): Promise<SelectionDetail> {
    requireAction(actor, 'selection:read');
    const r = await repo.findSelection(db, likePrefix(actor.scope.path), id);
    if (!r) throw new AppError('not_found');
    const [candidates, { events }] = await Promise.all([repo.candidatesOf(db, id), engine.timeline(db, id)]);
    const view = { id, countyId: Number(r.county_id), orgId: Number(r.org_id), orgPath: r.org_path, status: r.status, deadline: null, extra: undefined };
    const writes = isCounty(actor) && can(actor.roles, 'selection:write') && r.org_path.startsWith(actor.scope.path);
    return {
      ...selectionRow(r),
      conditions: r.conditions,
      candidateList: candidates.map((k) => candidate(r, k)),
      transitions: availableTransitions(selectionWorkflow, actor, view).map((t) => ({ name: t, label: SELECTION_TRANSITION_LABELS[t].zh })),
      canRegister: writes && r.status === 'registration',
      canVet: writes && r.status === 'vetting',
      canScore: writes && (r.status === 'written' || r.status === 'interview') ? r.status : null,
      timeline: events.map((e) => ({
        at: new Date(e.at).toISOString(),
        actor: e.actor_display ?? e.actor_name,
        label: e.transition && (SELECTION_TRANSITIONS as readonly string[]).includes(e.transition)
          ? SELECTION_TRANSITION_LABELS[e.transition as SelectionTransition].zh
          : e.kind === 'open' ? '乡镇党委申报' : String(e.data.label ?? '记录'),
        body: e.body,
      })),
    };
  }

  /** 乡镇党委申报: the township (or the county) applies to fill a village's post by public selection. */
  async function apply(actor: Actor, input: ApplySelectionBody): Promise<SelectionDetail> {
    requireAction(actor, 'selection:write');
    requireCommittee(actor, '申报公开选拔');
    const village = await orgInScope(db, actor.scope, input.orgId);
    if (!village || village.status !== 'active') throw fieldError('orgId', '村（社区）不存在或不在您的管辖范围内', 'No such village in your scope');
    if (village.type !== 'village' && village.type !== 'community') throw fieldError('orgId', '公开选拔的岗位须是村（社区）党组织的书记或第一书记', 'A village or community post');
    const township = await townshipAbove(db, village.path);
    if (!township) throw fieldError('orgId', '该村（社区）不在任何乡镇（街道）之下', 'The village lies under no township');
    const conditions = input.conditions.trim();
    if (!conditions) throw fieldError('conditions', '请填写人选条件', 'Give the conditions');
    const c = await engine.open(db, selectionWorkflow, actor, {
      countyId: village.county_id, orgId: village.id, orgPath: village.path, deadline: null,
      title: `${village.name}${POST_ROLE_LABELS[input.role].zh}公开选拔`, body: conditions,
      data: { role: input.role, civilService: input.civilService ?? false },
    }, repo.selectionRow({ countyId: village.county_id, townshipId: township.id, role: input.role, conditions, civilService: input.civilService ?? false }));
    return selection(actor, Number(c.id));
  }

  /** An entry of the current stage on the case (a candidate registered, vetted, scored), versioned and on the timeline. */
  async function stageEntry(actor: Actor, id: number, version: number, stage: SelectionState, action: string, label: string,
    apply: (tx: Queryable, c: CaseRow) => Promise<{ body: string; summary: Record<string, unknown> }>) {
    requireAction(actor, 'selection:write');
    await engine.edit('public_selection', actor, id, {
      action, version,
      apply: async (tx, c) => {
        requireCounty(actor);
        if (c.status !== stage) {
          const now = SELECTION_STATE_LABELS[c.status as SelectionState]?.zh ?? c.status;
          throw new AppError('conflict', { zh: `当前阶段为「${now}」，不能${label}（须在「${SELECTION_STATE_LABELS[stage].zh}」阶段）`, en: `The selection is at ${c.status}; not now` });
        }
        const done = await apply(tx, c);
        return { body: done.body, data: { label }, summary: done.summary };
      },
    });
    return selection(actor, id);
  }

  /** 公开报名: a candidate registers — a person of the roster, or a new one added to it here. */
  async function register(actor: Actor, id: number, input: RegisterCandidateBody) {
    if ((input.personId === undefined) === (input.person === undefined)) {
      throw fieldError('personId', '请选择人员库中的报名人，或填写新报名人的信息（二选一）', 'Give a person of the roster or a new one');
    }
    if (input.registeredOn > today()) throw fieldError('registeredOn', '报名日期不能晚于今天', 'The date is in the future');
    return stageEntry(actor, id, input.version, 'registration', 'register', '登记报名', async (tx, c) => {
      const personId = input.personId ?? await people.createIn(tx, actor, { ...input.person!, memberStatus: null });
      const person = await people.personForDevelopment(tx, actor, personId);
      if (!person) throw fieldError('personId', '人员不存在或不在您的管辖范围内', 'No such person in your scope');
      if (person.status !== 'active') throw fieldError('personId', '此人已不在册（离开或去世），不能报名', 'The person is no longer on the roster');
      const candidateId = await repo.addCandidate(tx, { countyId: c.county_id, caseId: c.id, personId, registeredOn: input.registeredOn });
      if (!candidateId) throw new AppError('conflict', { zh: `${person.name}已经报名`, en: 'Already registered' });
      return { body: `${person.name} 报名`, summary: { candidateId, personId } };
    });
  }

  /** 联审联查: passed, or failed with the reason. */
  async function vet(actor: Actor, id: number, candidateId: number, input: VetCandidateBody) {
    const reason = input.reason?.trim() || null;
    if (!input.passed && !reason) throw fieldError('reason', '审查未通过须写明原因', 'Give the reason');
    return stageEntry(actor, id, input.version, 'vetting', 'vet', '录入联审联查结果', async (tx, c) => {
      const k = await repo.candidateOf(tx, c.id, candidateId);
      if (!k) throw new AppError('not_found', { zh: '没有这个报名人', en: 'No such candidate' });
      await repo.vetCandidate(tx, k.id, input.passed, input.passed ? null : reason);
      return { body: `${k.person_name} 联审联查${input.passed ? '通过' : `未通过：${reason}`}`, summary: { candidateId, passed: input.passed } };
    });
  }

  /** 笔试 / 面试 score of a vetted candidate, in the stage that holds it. */
  async function score(actor: Actor, id: number, candidateId: number, input: ScoreCandidateBody) {
    if (!validScore(input.score)) throw fieldError('score', '成绩须在 0 到 100 分之间，最多一位小数', 'A score is 0–100 with one decimal');
    const current = await repo.findSelection(db, likePrefix(actor.scope.path), id);
    if (!current) throw new AppError('not_found');
    const kind = current.status === 'interview' ? 'interview' : 'written';
    const label = kind === 'written' ? '录入笔试成绩' : '录入面试成绩';
    return stageEntry(actor, id, input.version, kind, 'score', label, async (tx, c) => {
      const k = await repo.candidateOf(tx, c.id, candidateId);
      if (!k) throw new AppError('not_found', { zh: '没有这个报名人', en: 'No such candidate' });
      if (k.vetting !== 'passed') throw new AppError('conflict', { zh: `${k.person_name}未通过联审联查，不能录入成绩`, en: 'The candidate did not pass vetting' });
      await repo.scoreCandidate(tx, k.id, kind, input.score);
      return { body: `${k.person_name} ${kind === 'written' ? '笔试' : '面试'} ${input.score} 分`, summary: { candidateId, kind, score: input.score } };
    });
  }

  /** The next stage: the engine checks order (409) and who (403); this checks the stage's entries are complete. */
  async function fire(actor: Actor, id: number, name: SelectionTransition, input: FireSelectionBody) {
    requireAction(actor, 'selection:write');
    const body = input.comment?.trim() || null;
    await engine.fire(selectionWorkflow, actor, id, name, { version: input.version, body, fields: { candidateId: input.candidateId, startDate: input.startDate } }, {
      loadExtra: async () => undefined,
      apply: async (tx, c) => {
        const candidates = await repo.candidatesOf(tx, c.id);
        const passed = candidates.filter((k) => k.vetting === 'passed');
        const own = await repo.findSelection(tx, likePrefix(actor.scope.path), c.id);
        if (!own) throw new AppError('not_found');
        switch (name) {
          case 'start_vetting':
            if (candidates.length === 0) throw new AppError('conflict', { zh: '还没有人报名，不能进入联审联查', en: 'No candidates yet' });
            return;
          case 'start_written': {
            const pending = candidates.filter((k) => k.vetting === 'pending');
            if (pending.length) throw new AppError('conflict', { zh: `还有 ${pending.length} 人未录入联审联查结果：${pending.map((k) => k.person_name).join('、')}`, en: 'Some candidates are not vetted yet' });
            if (passed.length === 0) throw new AppError('conflict', { zh: '没有通过联审联查的报名人，不能进入笔试', en: 'Nobody passed vetting' });
            return;
          }
          case 'start_interview': {
            const missing = passed.filter((k) => k.written_score === null);
            if (missing.length) throw new AppError('conflict', { zh: `还有 ${missing.length} 人未录入笔试成绩：${missing.map((k) => k.person_name).join('、')}`, en: 'Written scores are missing' });
            return;
          }
          case 'start_inspection': {
            const missing = passed.filter((k) => k.interview_score === null);
            if (missing.length) throw new AppError('conflict', { zh: `还有 ${missing.length} 人未录入面试成绩：${missing.map((k) => k.person_name).join('、')}`, en: 'Interview scores are missing' });
            const chosen = passed.find((k) => Number(k.id) === input.candidateId);
            if (!chosen) throw fieldError('candidateId', '考察人选须是通过联审联查并参加笔试、面试的报名人', 'Choose a vetted and scored candidate');
            if (chosen.inspection === 'failed') throw fieldError('candidateId', `${chosen.person_name}已考察不合格，请另定人选`, 'Already failed the inspection');
            await repo.setChosen(tx, c.id, chosen.id);
            return { candidateId: chosen.id, person: chosen.person_name };
          }
          case 'reject_candidate': {
            const chosen = candidates.find((k) => own.chosen_id !== null && Number(k.id) === Number(own.chosen_id));
            if (!chosen) throw new AppError('conflict', { zh: '尚未确定考察人选', en: 'No candidate under inspection' });
            await repo.inspectCandidate(tx, chosen.id, false, body!);
            await repo.setChosen(tx, c.id, null);
            return { candidateId: chosen.id };
          }
          case 'appoint': {
            const chosen = candidates.find((k) => own.chosen_id !== null && Number(k.id) === Number(own.chosen_id));
            if (!chosen) throw new AppError('conflict', { zh: '尚未确定考察人选', en: 'No candidate under inspection' });
            const startDate = input.startDate!;
            if (own.civil_service && !input.civilServiceBasis?.trim()) throw fieldError('civilServiceBasis', '公职化村党组织书记须填写公职化依据（文件或会议）', 'Give the basis of the civil-service status');
            await repo.inspectCandidate(tx, chosen.id, true, body!);
            const post = await people.addPostIn(tx, actor, {
              personId: Number(chosen.person_id), orgId: c.org_id, role: own.role, startDate,
              selectionChannel: 'public_selection',
              sentFrom: own.role === 'first_secretary' ? '县委组织部（公开选拔）' : undefined,
              civilService: own.civil_service,
              civilServiceDate: own.civil_service ? (input.civilServiceDate ?? startDate) : undefined,
              civilServiceBasis: own.civil_service ? input.civilServiceBasis!.trim() : undefined,
              note: '公开选拔',
            });
            await repo.setPost(tx, c.id, post.id);
            return { candidateId: chosen.id, postId: post.id };
          }
          default:
            return;
        }
      },
    });
    return selection(actor, id);
  }

  // ---------------- 换届 ----------------
  function round(r: repo.RoundDbRow): ElectionRound {
    const villages = r.pending + r.recommended + r.inspected + r.elected;
    return {
      id: Number(r.id), org: { id: Number(r.org_id), name: r.org_name, type: r.org_type }, year: r.year,
      villages, done: r.elected, pending: villages - r.elected,
      byStage: { pending: r.pending, recommended: r.recommended, inspected: r.inspected, elected: r.elected },
    };
  }
  function villageOf(v: repo.ElectionVillageDbRow) {
    return {
      id: Number(v.id), version: v.version, org: { id: Number(v.org_id), name: v.org_name, type: v.org_type }, roundId: Number(v.round_id), year: v.year,
      stage: v.stage, recommendedOn: v.recommended_on, inspectedOn: v.inspected_on, electedOn: v.elected_on,
    };
  }

  /**
   * A station (党建工作站) reads its township's rounds, read-only and narrowed to its own villages:
   * the township's path when the caller's scope org is a station, else nothing.
   */
  async function stationTownship(actor: Actor): Promise<string | null> {
    const ids = idsOnPath(actor.scope.path);
    if (ids.length < 2) return null;
    // the caller's own scope org is a station (the nearest station on its path is itself)
    const station = await stationAbove(db, actor.scope.path);
    if (!station || Number(station.id) !== actor.scope.orgId) return null;
    const town = await townshipAbove(db, actor.scope.path);
    if (!town) return null;
    return `/${ids.slice(0, ids.indexOf(Number(town.id)) + 1).join('/')}/`;
  }

  /** A round's counts recomputed over the villages a station holds (the township's figures are not its own). */
  function narrowed(r: repo.RoundDbRow, villages: repo.ElectionVillageDbRow[]): repo.RoundDbRow {
    const by = (stage: string) => villages.filter((v) => v.stage === stage).length;
    return { ...r, pending: by('pending'), recommended: by('recommended'), inspected: by('inspected'), elected: by('elected') };
  }

  async function listRounds(actor: Actor, q: ListElectionsQuery) {
    requireAction(actor, 'selection:read');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const town = await stationTownship(actor);
    if (town) {
      const { rows, total } = await repo.listRounds(db, likePrefix(town), { year: q.year, page, pageSize });
      const items: ElectionRound[] = [];
      for (const r of rows) items.push(round(narrowed(r, (await repo.villagesOf(db, Number(r.id))).filter((v) => v.org_path.startsWith(actor.scope.path)))));
      return { items, total, page, pageSize };
    }
    const { rows, total } = await repo.listRounds(db, likePrefix(actor.scope.path), { year: q.year, page, pageSize });
    return { items: rows.map(round), total, page, pageSize };
  }

  /**
   * A township's progress board: each village's stage, villages done and pending (only those in the
   * caller's scope). A station opens its township's board with its own villages (read-only: the
   * stages are the township's to move).
   */
  async function board(actor: Actor, id: number): Promise<ElectionBoard> {
    requireAction(actor, 'selection:read');
    const r = await repo.findRound(db, likePrefix(actor.scope.path), id);
    if (!r) {
      const town = await stationTownship(actor);
      const t = town ? await repo.findRound(db, likePrefix(town), id) : undefined;
      if (!t) throw new AppError('not_found');
      const villages = (await repo.villagesOf(db, Number(t.id))).filter((v) => v.org_path.startsWith(actor.scope.path));
      return { ...round(narrowed(t, villages)), villageList: villages.map(villageOf) };
    }
    return { ...round(r), villageList: (await repo.villagesOf(db, Number(r.id))).map(villageOf) };
  }

  async function openRound(actor: Actor, input: OpenElectionBody): Promise<ElectionBoard> {
    requireAction(actor, 'selection:write');
    requireCommittee(actor, '组织换届');
    const town = await orgInScope(db, actor.scope, input.townshipId);
    if (!town || town.status !== 'active') throw fieldError('townshipId', '乡镇（街道）不存在或不在您的管辖范围内', 'No such township in your scope');
    if (town.type !== 'township') throw fieldError('townshipId', '换届按乡镇（街道）组织，请选择乡镇（街道）', 'Choose a township');
    const id = await db.transaction(async (tx) => {
      const rid = await repo.insertRound(tx, { countyId: town.county_id, orgId: town.id, orgPath: town.path, year: input.year });
      if (!rid) throw new AppError('conflict', { zh: `${town.name}${input.year}年的换届已经开始`, en: 'This round already exists' });
      await audit(tx, actor, town.county_id, 'election.open', 'election', rid, { townshipId: town.id, year: input.year });
      return rid;
    });
    return board(actor, Number(id));
  }

  async function electionVillage(actor: Actor, id: number): Promise<ElectionVillage> {
    requireAction(actor, 'selection:read');
    const v = await repo.findVillage(db, likePrefix(actor.scope.path), id);
    if (!v) throw new AppError('not_found');
    const candidates = await repo.electionCandidates(db, id);
    return {
      ...villageOf(v),
      candidates: candidates.map((k) => ({
        id: Number(k.id), person: { id: Number(k.person_id), name: k.person_name }, role: k.role as ElectionVillage['candidates'][number]['role'],
        inspection: k.inspection, inspectionReason: k.inspection_reason, elected: k.elected, postId: k.post_id === null ? null : Number(k.post_id),
      })),
    };
  }

  /** One stage of a village, in order, at the version read; `run` writes it; audited as election.<stage>. */
  async function villageStage(actor: Actor, id: number, version: number, date: string, expect: repo.ElectionVillageDbRow['stage'], action: string,
    run: (tx: Queryable, v: repo.ElectionVillageDbRow) => Promise<Record<string, unknown>>) {
    requireAction(actor, 'selection:write');
    requireCommittee(actor, '换届');
    if (date > today()) throw fieldError('date', '日期不能晚于今天', 'The date is in the future');
    await db.transaction(async (tx) => {
      const v = await repo.findVillage(tx, likePrefix(actor.scope.path), id, true);
      if (!v) throw new AppError('not_found');
      if (v.version !== version) throw new AppError('version_conflict');
      if (v.stage !== expect) {
        throw new AppError('conflict', { zh: `${v.org_name}当前为「${ELECTION_STAGE_LABELS[v.stage].zh}」，换届按推荐、考察、选举的顺序进行`, en: 'Steps run in order: recommend, inspect, elect' });
      }
      const previous = v.elected_on ?? v.inspected_on ?? v.recommended_on;
      if (previous && date < previous) throw fieldError('date', `日期不能早于上一步（${previous}）`, 'The date precedes the previous step');
      const summary = await run(tx, v);
      await audit(tx, actor, v.county_id, `election.${action}`, 'election', Number(v.round_id), { villageId: v.id, orgId: v.org_id, date, ...summary });
    });
    return electionVillage(actor, id);
  }

  async function recommend(actor: Actor, id: number, input: RecommendBody) {
    const seen = new Set<string>();
    for (const [i, c] of input.candidates.entries()) {
      const key = `${c.personId}:${c.role}`;
      if (seen.has(key)) throw fieldError(`candidates.${i}.personId`, '同一人在同一岗位重复推荐', 'Listed twice for the same post');
      seen.add(key);
    }
    return villageStage(actor, id, input.version, input.date, 'pending', 'recommend', async (tx, v) => {
      for (const [i, c] of input.candidates.entries()) {
        const p = await people.personForDevelopment(tx, actor, c.personId);
        if (!p || !p.orgPath.startsWith(v.org_path)) throw fieldError(`candidates.${i}.personId`, '推荐人选须是本村（社区）在册人员', 'The candidate belongs to this village');
        if (p.status !== 'active') throw fieldError(`candidates.${i}.personId`, `${p.name}已不在册`, 'No longer on the roster');
      }
      await repo.recommend(tx, { countyId: v.county_id, villageId: v.id, date: input.date, candidates: input.candidates });
      return { candidates: input.candidates.length };
    });
  }

  async function inspect(actor: Actor, id: number, input: InspectBody) {
    return villageStage(actor, id, input.version, input.date, 'recommended', 'inspect', async (tx, v) => {
      const candidates = await repo.electionCandidates(tx, v.id);
      const given = new Map(input.results.map((r) => [r.candidateId, r]));
      const missing = candidates.filter((k) => !given.has(Number(k.id)));
      if (missing.length) throw fieldError('results', `还有人选未录入考察结果：${missing.map((k) => k.person_name).join('、')}`, 'Every candidate needs a result');
      for (const [i, r] of input.results.entries()) {
        if (!candidates.some((k) => Number(k.id) === r.candidateId)) throw fieldError(`results.${i}.candidateId`, '不是本村（社区）的推荐人选', 'Not a candidate of this village');
        if (!r.passed && !r.reason?.trim()) throw fieldError(`results.${i}.reason`, '考察不合格须写明原因', 'Give the reason');
      }
      await repo.inspect(tx, v.id, input.date, input.results.map((r) => ({ candidateId: r.candidateId, passed: r.passed, reason: r.passed ? null : r.reason!.trim() })));
      return { passed: input.results.filter((r) => r.passed).length, failed: input.results.filter((r) => !r.passed).length };
    });
  }

  /** 选举: the elected take their posts; the previous holders of the elected posts end their terms the day before. */
  async function elect(actor: Actor, id: number, input: ElectBody) {
    const current = await repo.findVillage(db, likePrefix(actor.scope.path), id);
    if (!current) throw new AppError('not_found');
    const before = (await people.postsAt(actor, Number(current.org_id)))
      .filter((p) => (ELECTION_ROLES as readonly string[]).includes(p.role) && (p.endDate === null || p.endDate >= input.date) && p.startDate < input.date);
    return villageStage(actor, id, input.version, input.date, 'inspected', 'elect', async (tx, v) => {
      const candidates = await repo.electionCandidates(tx, v.id);
      const elected = [...new Set(input.elected)];
      for (const [i, cid] of elected.entries()) {
        const k = candidates.find((x) => Number(x.id) === cid);
        if (!k) throw fieldError(`elected.${i}`, '不是本村（社区）的推荐人选', 'Not a candidate of this village');
        if (k.inspection !== 'passed') throw fieldError(`elected.${i}`, `${k.person_name}未通过考察，不能当选`, 'Only candidates who passed the inspection');
      }
      const roles = new Set(elected.map((cid) => candidates.find((x) => Number(x.id) === cid)!.role));
      const ended: number[] = [];
      for (const p of before.filter((x) => roles.has(x.role))) {
        await people.endPostIn(tx, actor, p.id, plusDays(input.date, -1));
        ended.push(p.id);
      }
      // 一肩挑: the village director elected is also the secretary — elected secretary in this
      // election, or the sitting secretary whose term this election did not end — so the
      // secretary's post is marked, as a post assigned by hand would be.
      const electedAs = (role: string) => new Set(elected.map((cid) => candidates.find((x) => Number(x.id) === cid)!).filter((k) => k.role === role).map((k) => Number(k.person_id)));
      const directors = electedAs('village_director');
      const posts: number[] = [];
      const concurrent: number[] = [];
      for (const cid of elected) {
        const k = candidates.find((x) => Number(x.id) === cid)!;
        const both = k.role === 'secretary' && directors.has(Number(k.person_id));
        const post = await people.addPostIn(tx, actor, { personId: Number(k.person_id), orgId: Number(v.org_id), role: k.role as (typeof ELECTION_ROLES)[number], startDate: input.date, selectionChannel: 'elected', note: `${v.year}年换届选举`, ...(both ? { concurrent: true } : {}) });
        await repo.markElected(tx, k.id, post.id);
        posts.push(post.id);
        if (both) concurrent.push(post.id);
      }
      if (!roles.has('secretary')) {
        for (const p of before.filter((x) => x.role === 'secretary' && !x.concurrent && directors.has(x.person.id))) {
          await people.updatePostIn(tx, actor, p.id, { concurrent: true });
          concurrent.push(p.id);
        }
      }
      await repo.finishVillage(tx, v.id, input.date);
      return { posts, ended, concurrent };
    });
  }

  // ---------------- 结对培养 ----------------
  function pair(r: repo.PairDbRow): MentoringPair {
    return {
      id: Number(r.id), org: { id: Number(r.org_id), name: r.org_name, type: r.org_type }, mode: r.mode,
      mentee: { id: Number(r.mentee_id), name: r.mentee_name }, menteeKind: r.mentee_kind,
      mentors: r.mentors.map((m) => ({ id: Number(m.id), name: m.name, kind: m.kind })),
      startedOn: r.started_on, goal: r.goal, contacts: r.contacts, lastContactOn: r.last_contact_on,
    };
  }

  async function listPairs(actor: Actor, q: ListMentoringQuery) {
    requireAction(actor, 'selection:read');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const { rows, total } = await repo.listPairs(db, await prefixOf(actor, q.orgId), { personId: q.personId, page, pageSize });
    return { items: rows.map(pair), total, page, pageSize };
  }

  async function pairDetail(actor: Actor, id: number): Promise<MentoringDetail> {
    requireAction(actor, 'selection:read');
    const r = await repo.findPair(db, likePrefix(actor.scope.path), id);
    if (!r) throw new AppError('not_found');
    const contacts = await repo.contactsOf(db, id);
    return { ...pair(r), contactList: contacts.map((c) => ({ id: Number(c.id), contactedOn: c.contacted_on, way: c.way, content: c.content })) };
  }

  async function createPair(actor: Actor, input: CreateMentoringBody): Promise<MentoringDetail> {
    requireAction(actor, 'selection:write');
    requireCommittee(actor, '结对培养');
    const mentorIds = input.mentors.map((m) => m.personId);
    if (new Set(mentorIds).size !== mentorIds.length) throw fieldError('mentors', '培养人重复', 'A mentor is listed twice');
    if (input.mode === 'one_to_one' && mentorIds.length !== 1) throw fieldError('mentors', '“一对一”结对只能有一名培养人', 'One-to-one has one mentor');
    if (input.mode === 'many_to_one' && mentorIds.length < 2) throw fieldError('mentors', '“多对一”结对须有两名及以上培养人', 'Many-to-one has two or more mentors');
    if (mentorIds.includes(input.menteeId)) throw fieldError('mentors', '培养人不能是被培养人本人', 'The mentee cannot mentor themself');
    if (input.startedOn > today()) throw fieldError('startedOn', '结对日期不能晚于今天', 'The date is in the future');
    const menteeDetail = await people.detail(actor, input.menteeId).catch(() => null);
    if (!menteeDetail) throw fieldError('menteeId', '被培养人不存在或不在您的管辖范围内', 'No such person in your scope');
    if (input.menteeKind === 'reserve_cadre' && !menteeDetail.reserve) throw fieldError('menteeKind', `${menteeDetail.name}不在后备干部库中`, 'Not in the reserve pool');
    if (input.menteeKind === 'young_cadre' && !(menteeDetail.posts.some((p) => p.endDate === null || p.endDate >= input.startedOn))) {
      throw fieldError('menteeKind', `${menteeDetail.name}没有在任岗位，不是在岗干部`, 'Holds no current post');
    }
    const mentorDetails = await Promise.all(input.mentors.map((m) => people.detail(actor, m.personId).catch(() => null)));
    for (const [i, m] of input.mentors.entries()) {
      const d = mentorDetails[i];
      if (!d) throw fieldError(`mentors.${i}.personId`, '培养人不存在或不在您的管辖范围内', 'No such person in your scope');
      if (m.kind === 'committee_member' && !d.posts.some((p) => p.role === 'township_committee_member' && (p.endDate === null || p.endDate >= input.startedOn))) {
        throw fieldError(`mentors.${i}.kind`, `${d.name}不是在任的乡镇党委委员`, 'Not a sitting committee member');
      }
    }
    const id = await db.transaction(async (tx) => {
      const mentee = await people.personForDevelopment(tx, actor, input.menteeId);
      if (!mentee || mentee.status !== 'active') throw fieldError('menteeId', '被培养人不存在或已不在册', 'No such person');
      if (input.menteeKind === 'young_cadre') {
        const age = ageOn(mentee.birthDate, input.startedOn);
        if (age === null || age > 35) throw fieldError('menteeKind', '年轻干部须在 35 周岁以下（请核对出生日期）', 'A young cadre is 35 or younger');
      }
      if (input.menteeKind === 'development_target' && mentee.memberStatus) throw fieldError('menteeKind', `${mentee.name}已是党员，不是发展对象`, 'Already a member');
      const town = await townshipAbove(tx, mentee.orgPath);
      if (!town) throw fieldError('menteeId', '被培养人须在乡镇（街道）所辖单位', 'The mentee belongs under a township');
      const townNode = await orgInScope(tx, actor.scope, town.id);
      if (!townNode) throw fieldError('menteeId', '结对由被培养人所在乡镇党委办理', 'The mentee\'s township pairs them');
      if (await repo.pairOfMentee(tx, mentee.id)) throw new AppError('conflict', { zh: `${mentee.name}已有结对培养`, en: 'Already paired' });
      const pid = await repo.insertPair(tx, {
        countyId: mentee.countyId, orgId: townNode.id, orgPath: townNode.path, mode: input.mode, menteeId: mentee.id, menteeKind: input.menteeKind,
        startedOn: input.startedOn, goal: input.goal?.trim() || null, mentors: input.mentors,
      });
      await audit(tx, actor, mentee.countyId, 'mentoring.create', 'mentoring', pid, { mode: input.mode, menteeId: mentee.id, mentors: mentorIds });
      return pid;
    });
    return pairDetail(actor, id);
  }

  async function addContact(actor: Actor, id: number, input: MentoringContactBody): Promise<MentoringDetail> {
    requireAction(actor, 'selection:write');
    requireCommittee(actor, '记录结对联系');
    const content = input.content.trim();
    if (!content) throw fieldError('content', '请填写联系内容', 'Describe the contact');
    if (input.contactedOn > today()) throw fieldError('contactedOn', '联系日期不能晚于今天', 'The date is in the future');
    await db.transaction(async (tx) => {
      const r = await repo.findPair(tx, likePrefix(actor.scope.path), id);
      if (!r) throw new AppError('not_found');
      if (input.contactedOn < r.started_on) throw fieldError('contactedOn', `联系日期不能早于结对日期（${r.started_on}）`, 'Before the pairing began');
      const cid = await repo.addContact(tx, { countyId: r.county_id, pairId: r.id, contactedOn: input.contactedOn, way: input.way, content, by: actor.accountId || null });
      await audit(tx, actor, r.county_id, 'mentoring.contact', 'mentoring', Number(r.id), { contactId: cid, contactedOn: input.contactedOn, way: input.way });
    });
    return pairDetail(actor, id);
  }

  async function mentoringSummary(actor: Actor, q: { year?: number }): Promise<MentoringSummary> {
    requireAction(actor, 'selection:read');
    const year = q.year ?? Number(today().slice(0, 4));
    const rows = await repo.mentoringByTownship(db, likePrefix(actor.scope.path), year);
    return {
      year,
      rows: rows.map((r) => ({ org: { id: Number(r.org_id), name: r.org_name, type: r.org_type }, pairs: r.pairs, oneToOne: r.one_to_one, manyToOne: r.many_to_one, mentors: r.mentors, mentees: r.mentees, contacts: r.contacts })),
    };
  }

  return {
    listSelections, selection, apply, register, vet, score, fire,
    listRounds, board, openRound, electionVillage, recommend, inspect, elect,
    listPairs, pairDetail, createPair, addContact, mentoringSummary,
  };
}

export type SelectionService = ReturnType<typeof createSelectionService>;
