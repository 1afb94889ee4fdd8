// 星级化管理 (seed 001): the county keeps its star rules; computes the year's rating of the cadres in
// the 8 village posts (the village's annual result comes from assessment's front door, the cadres
// from the people service); townships enter each cadre's personal post assessment; the county
// publishes (locked) and corrects by a new edition. 公职化 eligibility is flagged for secretaries.
import {
  POST_ROLE_LABELS,
  STAR_POSTS,
  STAR_RATING_STATE_LABELS,
  type CreateStarRatingBody,
  type ListStarRatingsQuery,
  type ListStarRowsQuery,
  type PostRole,
  type SavePostScoreBody,
  type SaveStarRulesBody,
  type StarBoard,
  type StarBoardQuery,
  type StarRatingDetail,
  type StarRatingPage,
  type StarRow,
  type StarRowDetail,
  type StarRowPage,
  type StarRules,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError } from '../../core/errors.js';
import { pageOf } from '../../core/paging.js';
import { annualResultsOf } from '../assessment/index.js';
import * as repo from './stars.repository.js';
import { civilServiceEligible, DEFAULT_RULES, formulaOf, heldIn, levelProblems, monthsLabel, rate, streakOf, unitPartOf } from './stars.logic.js';
import { todayInChina } from '../../core/calendar.js';

/** What stars need of the people module: the village and community posts of the scope held in a period (ended ones too). */
export type StarCadreSource = {
  postSpans: (actor: Actor, from: string, to: string) => Promise<{ postId: number; org: { id: number; type: string }; role: PostRole; startDate: string; endDate: string | null }[]>;
};

const STAR_POST_SET = new Set<string>(STAR_POSTS);

export function createStarService(deps: { db: Db; people: StarCadreSource }) {
  const { db } = deps;

  const countyOf = (actor: Actor): number => {
    if (actor.scope.countyId === null) throw new AppError('not_found');
    return actor.scope.countyId;
  };

  /** Rules and ratings are the county's to set: its organization department, at the county's root. */
  function requireCounty(actor: Actor): number {
    requireAction(actor, 'recognition:configure');
    const county = countyOf(actor);
    if (actor.scope.orgId !== county) throw new AppError('forbidden', { zh: '星级评定由县委组织部计算、公布', en: 'Star ratings are set by the county' });
    return county;
  }

  async function audit(tx: Queryable, actor: Actor, countyId: number, action: string, objectType: string, objectId: number, summary: Record<string, unknown>) {
    await appendAudit(tx, { countyId, accountId: actor.accountId || null, username: actor.username, action, objectType, objectId, summary, result: 'success', ip: actor.ip });
  }

  // ---- rules

  async function rulesOf(q: Queryable, county: number): Promise<StarRules> {
    const r = await repo.rulesOf(q, county);
    if (!r) return { ...DEFAULT_RULES, levels: [...DEFAULT_RULES.levels], isDefault: true, version: 0 };
    return { postWeightPercent: r.post_weight_percent, levels: r.levels, civilServiceMinStars: r.civil_service_min_stars, civilServiceYears: r.civil_service_years, isDefault: false, version: r.version };
  }

  async function rules(actor: Actor): Promise<StarRules> {
    requireAction(actor, 'recognition:read');
    return rulesOf(db, countyOf(actor));
  }

  async function saveRules(actor: Actor, input: SaveStarRulesBody): Promise<StarRules> {
    const county = requireCounty(actor);
    const problems = levelProblems(input.levels);
    if (input.levels.some((l) => l.min * 2 !== Math.round(l.min * 2))) problems.push({ field: 'levels', zh: '分数线以 0.5 分为单位', en: 'Thresholds in halves' });
    if (input.civilServiceMinStars > Math.max(...input.levels.map((l) => l.stars))) {
      problems.push({ field: 'civilServiceMinStars', zh: `公职化标准（${input.civilServiceMinStars} 星）高于设置的最高星级`, en: 'Above the highest level' });
    }
    if (problems.length) throw validationError(problems);
    const levels = [...input.levels].sort((a, b) => b.stars - a.stars);
    await db.transaction(async (tx) => {
      const ok = await repo.saveRules(tx, county, { post_weight_percent: input.postWeightPercent, levels, civil_service_min_stars: input.civilServiceMinStars, civil_service_years: input.civilServiceYears }, input.version);
      if (!ok) throw new AppError('version_conflict');
      await audit(tx, actor, county, 'star_rules.update', 'star_rules', county, { postWeightPercent: input.postWeightPercent, levels: levels.length, civilServiceMinStars: input.civilServiceMinStars, civilServiceYears: input.civilServiceYears });
    });
    return rulesOf(db, county);
  }

  // ---- ratings

  const summaryOf = (r: repo.RatingRow, counts: { rows: number; scored: number }) => ({
    id: Number(r.id), year: r.year, edition: r.edition, status: r.status, statusLabel: STAR_RATING_STATE_LABELS[r.status].zh,
    supersedesId: r.supersedes_id === null ? null : Number(r.supersedes_id), postWeightPercent: r.post_weight_percent,
    rows: counts.rows, scored: counts.scored, publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null, version: r.version,
  });

  async function listRatings(actor: Actor, f: ListStarRatingsQuery): Promise<StarRatingPage> {
    requireAction(actor, 'recognition:read');
    const p = pageOf(f, 20);
    if (actor.scope.countyId === null) return { items: [], total: 0, page: p.page, pageSize: p.pageSize };
    const { rows, total } = await repo.listRatings(db, actor.scope.countyId, likePrefix(actor.scope.path), { year: f.year, ...p });
    return { items: rows.map((r) => summaryOf(r, r)), total, page: p.page, pageSize: p.pageSize };
  }

  async function rating(actor: Actor, id: number): Promise<StarRatingDetail> {
    requireAction(actor, 'recognition:read');
    const county = countyOf(actor);
    const r = await repo.ratingOf(db, county, id);
    if (!r) throw new AppError('not_found');
    const prefix = likePrefix(actor.scope.path);
    const [counts, rows] = await Promise.all([repo.countsOf(db, id, prefix), repo.board(db, prefix, id, null)]);
    const townships = new Map<number, StarRatingDetail['townships'][number]>();
    for (const b of rows) {
      const t = townships.get(Number(b.unit_id)) ?? { township: { id: Number(b.unit_id), name: b.unit_name, type: b.unit_type as 'township' }, rows: 0, scored: 0, stars: [] };
      t.rows += b.n;
      t.scored += b.scored;
      if (b.stars !== null) t.stars.push({ stars: b.stars, count: b.n });
      townships.set(Number(b.unit_id), t);
    }
    return { ...summaryOf(r, counts), levels: r.levels, civilServiceMinStars: r.civil_service_min_stars, civilServiceYears: r.civil_service_years, townships: [...townships.values()] };
  }

  /**
   * The cadres who held one of the 8 posts of a village or community on any day of the year (through
   * the people service): one entry per post, with the days and months of the year it was held. A post
   * not begun by today is not rated yet.
   */
  async function cadresOfYear(actor: Actor, year: number): Promise<repo.NewRow[]> {
    const today = todayInChina();
    const spans = await deps.people.postSpans(actor, `${year}-01-01`, `${year}-12-31`);
    const out: repo.NewRow[] = [];
    for (const s of spans) {
      if (!(s.org.type === 'village' || s.org.type === 'community') || !STAR_POST_SET.has(s.role) || s.startDate > today) continue;
      const held = heldIn(year, s.startDate, s.endDate);
      if (held) out.push({ postId: Number(s.postId), heldFrom: held.from, heldTo: held.to, months: held.months.length, postScore: null, note: null });
    }
    return out;
  }

  /**
   * Recomputes every row of a draft: the village's annual result from the published score sheets,
   * the stars by the rating's rules, 公职化 by the streak of published years.
   */
  async function recompute(tx: Queryable, r: repo.RatingRow, countyPath: string): Promise<repo.StarDbRow[]> {
    const prefix = likePrefix(countyPath);
    const [rows, results] = await Promise.all([repo.rowsOfRating(tx, prefix, Number(r.id)), annualResultsOf(tx, Number(r.county_id), prefix, r.year)]);
    const earlier = await earlierStars(tx, Number(r.county_id), rows.map((x) => Number(x.person_id)), r.year);
    const computed = rows.map((x) => {
      // the unit part from the months in post (rows written before migration 430 have no months: the year's result)
      const held = x.held_from && x.held_to ? heldIn(r.year, x.held_from, x.held_to)!.months : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
      const v = unitPartOf(results.get(Number(x.org_id))?.sheets ?? [], held);
      const villageScore = v?.score ?? null;
      const { score, stars } = rate(x.post_score, villageScore, r.post_weight_percent, r.levels);
      const streak = streakOf(r.year, stars, earlier.get(Number(x.person_id)) ?? new Map(), r.civil_service_min_stars);
      const civil = civilServiceEligible(x.role, streak, r.civil_service_years);
      Object.assign(x, { village_score: villageScore, score, stars, civil_service_eligible: civil, unit_basis: v?.basis ?? null });
      return { id: Number(x.id), villageScore, villageSheets: v?.sheets ?? [], score, stars, civilService: civil, unitBasis: v?.basis ?? null };
    });
    await repo.setResults(tx, computed);
    return rows;
  }

  async function earlierStars(q: Queryable, county: number, personIds: number[], year: number) {
    const out = new Map<number, Map<number, number | null>>();
    for (const h of await repo.publishedStars(q, county, [...new Set(personIds)], year)) {
      const m = out.get(Number(h.person_id)) ?? new Map<number, number | null>();
      m.set(h.year, h.stars);
      out.set(Number(h.person_id), m);
    }
    return out;
  }

  /** Computes the year's rating as a draft: a row per cadre in the 8 village posts, the village results filled in. */
  async function createRating(actor: Actor, input: CreateStarRatingBody): Promise<number> {
    const county = requireCounty(actor);
    const posts = await cadresOfYear(actor, input.year);
    if (!posts.length) throw fieldError('year', `${input.year} 年本县村（社区）8 个岗位上没有任职的干部，无法评定星级`, 'No village cadres to rate');
    return db.transaction(async (tx) => {
      const latest = await repo.latestOfYear(tx, county, input.year);
      if (latest?.status === 'draft') throw new AppError('conflict', { zh: `${input.year} 年的星级评定正在进行中，请在原评定上继续`, en: 'A rating of this year is in progress' });
      if (latest?.status === 'published') throw new AppError('conflict', { zh: `${input.year} 年的星级评定已公布；如需更正，请对已公布的评定“更正”`, en: 'Published: correct it instead' });
      const rules = await rulesOf(tx, county);
      const id = await repo.insertRating(tx, {
        countyId: county, orgPath: actor.scope.path, year: input.year, edition: 1, supersedesId: null, createdBy: actor.accountId,
        rules: { post_weight_percent: rules.postWeightPercent, levels: rules.levels, civil_service_min_stars: rules.civilServiceMinStars, civil_service_years: rules.civilServiceYears },
      });
      await repo.insertRows(tx, id, county, likePrefix(actor.scope.path), posts);
      const rating = (await repo.ratingOf(tx, county, id))!;
      const rows = await recompute(tx, rating, actor.scope.path);
      await audit(tx, actor, county, 'star_rating.create', 'star_rating', id, { year: input.year, cadres: rows.length, postWeightPercent: rules.postWeightPercent });
      return id;
    });
  }

  /** Publishes a draft: every cadre has a post assessment and every village an annual result; locked afterwards. */
  async function publishRating(actor: Actor, id: number, version: number): Promise<void> {
    const county = requireCounty(actor);
    await db.transaction(async (tx) => {
      const r = await repo.ratingOf(tx, county, id, true);
      if (!r) throw new AppError('not_found');
      if (r.status === 'published') throw new AppError('conflict', { zh: '该星级评定已公布，不能再改；如需更正，请新建更正版本', en: 'Already published' });
      if (r.version !== version) throw new AppError('version_conflict');
      const rows = await recompute(tx, r, actor.scope.path);
      // cadres of villages without a published annual result are published unrated (no stars), and said so
      const rated = rows.filter((x) => x.village_score !== null);
      const unscored = rated.filter((x) => x.post_score === null);
      const problems = [];
      if (!rated.length) problems.push({ field: 'villageScore', zh: `${r.year} 年还没有任何村公布年度考核结果，无法评定星级；请先公布各村的考核评分表`, en: 'No village has an annual result' });
      if (unscored.length) {
        problems.push({ field: 'postScore', zh: `还有 ${unscored.length} 名村干部没有个人岗位考核得分（如 ${unscored.slice(0, 3).map((x) => `${x.org_name}${x.person_name}`).join('、')}）`, en: `${unscored.length} cadres lack a post assessment` });
      }
      if (problems.length) throw validationError(problems);
      await repo.publish(tx, id);
      const stars = rows.reduce<Record<string, number>>((m, x) => ({ ...m, [String(x.stars)]: (m[String(x.stars)] ?? 0) + 1 }), {});
      await audit(tx, actor, county, 'star_rating.publish', 'star_rating', id, { year: r.year, edition: r.edition, cadres: rows.length, unrated: rows.length - rated.length, stars, civilService: rows.filter((x) => x.civil_service_eligible).length });
    });
  }

  /** A correction of a published rating: a new draft edition with the post assessments carried over; the published one stays. */
  async function correctRating(actor: Actor, id: number): Promise<number> {
    const county = requireCounty(actor);
    // the posts held in the year, read before the transaction: the people service reads on its own
    // connection, and PGlite has one (a read inside the transaction would wait for it forever)
    const year = (await repo.ratingOf(db, county, id))?.year;
    const spans = year === undefined ? [] : await cadresOfYear(actor, year);
    return db.transaction(async (tx) => {
      const r = await repo.ratingOf(tx, county, id);
      if (!r) throw new AppError('not_found');
      if (r.status !== 'published') throw new AppError('conflict', { zh: '评定中的星级评定直接修改即可，公布后才需要更正', en: 'Only a published rating is corrected' });
      const latest = (await repo.latestOfYear(tx, county, r.year))!;
      if (Number(latest.id) !== Number(r.id)) throw new AppError('conflict', { zh: latest.status === 'draft' ? '已有更正中的新版本' : '这不是该年度的最新版本，请更正最新版本', en: 'Not the latest edition' });
      const rules = await rulesOf(tx, county);
      const newId = await repo.insertRating(tx, {
        countyId: county, orgPath: actor.scope.path, year: r.year, edition: r.edition + 1, supersedesId: Number(r.id), createdBy: actor.accountId,
        rules: { post_weight_percent: rules.postWeightPercent, levels: rules.levels, civil_service_min_stars: rules.civilServiceMinStars, civil_service_years: rules.civilServiceYears },
      });
      // the posts held in the year read again (a post record corrected since is taken as it is now);
      // each post's assessment carried over from the edition corrected
      const old = new Map((await repo.rowsOfRating(tx, likePrefix(actor.scope.path), Number(r.id))).map((x) => [Number(x.post_id), x]));
      const posts = spans.map((p) => ({ ...p, postScore: old.get(p.postId)?.post_score ?? null, note: old.get(p.postId)?.post_score_note ?? null }));
      await repo.insertRows(tx, newId, county, likePrefix(actor.scope.path), posts);
      const rating = (await repo.ratingOf(tx, county, newId))!;
      await recompute(tx, rating, actor.scope.path);
      await audit(tx, actor, county, 'star_rating.correct', 'star_rating', newId, { year: r.year, edition: r.edition + 1, supersedes: Number(r.id) });
      return newId;
    });
  }

  // ---- rows

  const rowOf = (x: repo.StarDbRow): StarRow => ({
    id: Number(x.id), ratingId: Number(x.rating_id), year: x.year, edition: x.edition, ratingStatus: x.rating_status,
    person: { id: Number(x.person_id), name: x.person_name },
    org: { id: Number(x.org_id), name: x.org_name, type: x.org_type as 'village' },
    township: x.township_id === null ? null : { id: Number(x.township_id), name: x.township_name ?? '' },
    role: x.role as PostRole, roleLabel: POST_ROLE_LABELS[x.role as PostRole].zh,
    postScore: x.post_score, postScoreNote: x.post_score_note, villageScore: x.village_score, score: x.score, stars: x.stars,
    civilServiceEligible: x.civil_service_eligible, version: x.version,
    heldFrom: x.held_from, heldTo: x.held_to, months: x.months, monthsLabel: monthsLabel(x.months, x.held_from, x.held_to), unitBasis: x.unit_basis,
  });

  async function listRows(actor: Actor, f: ListStarRowsQuery): Promise<StarRowPage> {
    requireAction(actor, 'recognition:read');
    const p = pageOf(f, 50);
    const { rows, total } = await repo.listRows(db, likePrefix(actor.scope.path), { ...f, ...p });
    return { items: rows.map(rowOf), total, page: p.page, pageSize: p.pageSize };
  }

  async function row(actor: Actor, id: number): Promise<StarRowDetail> {
    requireAction(actor, 'recognition:read');
    const county = countyOf(actor);
    const x = await repo.rowOf(db, likePrefix(actor.scope.path), id);
    if (!x) throw new AppError('not_found');
    const r = (await repo.ratingOf(db, county, Number(x.rating_id)))!;
    const history = await repo.publishedStars(db, county, [Number(x.person_id)], x.year);
    const earlier = new Map(history.map((h) => [h.year, h.stars]));
    const streak = streakOf(x.year, x.stars, earlier, r.civil_service_min_stars);
    return {
      ...rowOf(x),
      villageSheets: x.village_sheets,
      postWeightPercent: r.post_weight_percent,
      levels: r.levels,
      formula: formulaOf(x.post_score, x.village_score, r.post_weight_percent, x.score, x.stars),
      civilService: { applies: x.role === 'secretary', minStars: r.civil_service_min_stars, years: r.civil_service_years, streak, eligible: x.civil_service_eligible },
      history: history.map((h) => ({ rowId: Number(h.row_id), year: h.year, edition: h.edition, stars: h.stars, score: h.score, org: h.org_name, roleLabel: POST_ROLE_LABELS[h.role as PostRole].zh, monthsLabel: monthsLabel(h.months, h.held_from, h.held_to) })),
    };
  }

  /** 个人岗位考核: the township (or the county) enters a cadre's score while the rating is being worked on. */
  async function savePostScore(actor: Actor, id: number, input: SavePostScoreBody): Promise<void> {
    requireAction(actor, 'recognition:rate');
    const county = countyOf(actor);
    if (input.postScore * 2 !== Math.round(input.postScore * 2)) throw fieldError('postScore', '个人岗位考核得分以 0.5 分为单位', 'In halves');
    await db.transaction(async (tx) => {
      const x = await repo.rowOf(tx, likePrefix(actor.scope.path), id, true);
      if (!x) throw new AppError('not_found');
      if (x.org_path === actor.scope.path) throw new AppError('forbidden');
      if (x.rating_status === 'published') throw new AppError('conflict', { zh: '星级评定已公布锁定，不能修改；如需更正，由县委组织部新建更正版本', en: 'The rating is published and locked' });
      if (x.version !== input.version) throw new AppError('version_conflict');
      const r = (await repo.ratingOf(tx, county, Number(x.rating_id)))!;
      const note = input.note?.trim() || null;
      await repo.setPostScore(tx, id, input.postScore, note);
      const { score, stars } = rate(input.postScore, x.village_score, r.post_weight_percent, r.levels);
      const earlier = (await earlierStars(tx, county, [Number(x.person_id)], r.year)).get(Number(x.person_id)) ?? new Map();
      const civil = civilServiceEligible(x.role, streakOf(r.year, stars, earlier, r.civil_service_min_stars), r.civil_service_years);
      await repo.setResult(tx, id, { villageScore: x.village_score, villageSheets: x.village_sheets, score, stars, civilService: civil, unitBasis: x.unit_basis });
      await repo.bumpRating(tx, Number(r.id));
      await audit(tx, actor, county, 'star_rating.post_score', 'star_rating', Number(r.id), { row: id, person: Number(x.person_id), postScore: input.postScore, previous: x.post_score, stars });
    });
  }

  // ---- board

  async function board(actor: Actor, f: StarBoardQuery): Promise<StarBoard> {
    requireAction(actor, 'recognition:read');
    const county = countyOf(actor);
    const r = await repo.latestPublished(db, county, f.year);
    const levels = r?.levels ?? (await rulesOf(db, county)).levels;
    const empty = { people: 0, unrated: 0, stars: [], civilServiceEligible: 0, partYear: 0 };
    if (!r) return { year: f.year, rating: null, levels, units: [], total: empty };
    const rows = await repo.board(db, likePrefix(actor.scope.path), Number(r.id), f.townshipId ?? null);
    const units = new Map<number, StarBoard['units'][number]>();
    const total = { people: 0, unrated: 0, stars: new Map<number, number>(), civilServiceEligible: 0, partYear: 0 };
    for (const b of rows) {
      const u = units.get(Number(b.unit_id)) ?? { org: { id: Number(b.unit_id), name: b.unit_name, type: b.unit_type as 'township' }, people: b.people, unrated: 0, average: b.average, stars: [], civilServiceEligible: 0, partYear: 0 };
      u.partYear += b.part_year;
      total.partYear += b.part_year;
      if (b.stars === null) u.unrated += b.n;
      else u.stars.push({ stars: b.stars, count: b.n });
      u.civilServiceEligible += b.civil;
      units.set(Number(b.unit_id), u);
      total.people += b.n;
      if (b.stars === null) total.unrated += b.n;
      else total.stars.set(b.stars, (total.stars.get(b.stars) ?? 0) + b.n);
      total.civilServiceEligible += b.civil;
    }
    return {
      year: f.year,
      rating: { id: Number(r.id), edition: r.edition, publishedAt: new Date(r.published_at!).toISOString() },
      levels,
      units: [...units.values()],
      total: { people: total.people, unrated: total.unrated, civilServiceEligible: total.civilServiceEligible, partYear: total.partYear, stars: [...total.stars].sort((a, b) => b[0] - a[0]).map(([stars, count]) => ({ stars, count })) },
    };
  }

  return { rules, saveRules, listRatings, rating, createRating, publishRating, correctRating, listRows, row, savePostScore, board };
}

export type StarService = ReturnType<typeof createStarService>;
