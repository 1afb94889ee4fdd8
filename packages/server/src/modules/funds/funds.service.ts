// 经费与报酬: the county's fund standards per year (copied to the next), allocations per unit (the
// standard applied, adjusted with a reason), spending against them with an optional voucher, the
// roll-up county → township → village; each post-holder's yearly allowance computed from posts on
// the assessment module's allowance standards; the former-cadre living allowance; awards.
import {
  ALLOWANCE_POST_LABELS,
  DEFAULT_FORMER_CADRE_RULE,
  FUND_LINE_LABELS,
  FUND_UNIT_TYPES,
  POST_ROLE_LABELS,
  ALLOWANCE_UNIT_TYPES,
  FUND_UNIT_TYPE_LABELS,
  type AdjustAllocationBody,
  type AllowanceStandardTable,
  type AllowanceUnitType,
  type SaveAllowanceStandardsBody,
  type Allocation,
  type AllocationDetail,
  type AllocationList,
  type AllocationsQuery,
  type Allowances,
  type AwardList,
  type CopyFundStandardsBody,
  type CreateAllocationBody,
  type CreateAwardBody,
  type FormerCadreRule,
  type FormerCadres,
  type FundLine,
  type FundRollup,
  type FundStandards,
  type FundUnitType,
  type OrgType,
  type RecordSpendingBody,
  type RollupQuery,
  type SaveFundStandardsBody,
  type Spending,
  type YearPageQuery,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError, validationError, type FieldError } from '../../core/errors.js';
import { todayInChina } from '../../core/calendar.js';
import { pageOf } from '../../core/paging.js';
import { children, inScope as orgInScope, type OrgNode } from '../../core/org-tree.js';
import { allowanceStandardsOf, allowanceStandardTable, saveAllowanceStandards as writeAllowanceStandards } from '../assessment/index.js';
import { computeAllowances, computeFormerCadres, daysInYear, DEFAULT_FUND_STANDARDS, sumFen, type PostSpan } from './funds.logic.js';
import * as repo from './funds.repository.js';
import type { RegisterSource } from '../../core/register-sources.js';

/** What funds needs of the people module: the village posts held in a period (app.ts hands in the people service). */
export type PostSpanSource = { postSpans: (actor: Actor, from: string, to: string) => Promise<PostSpan[]> };

const ref = (o: { id: number; name: string; type: string }) => ({ id: Number(o.id), name: o.name, type: o.type as OrgType });
const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const presentSpending = (s: repo.SpendingRow): Spending => ({
  id: Number(s.id), allocationId: Number(s.allocation_id), spentOn: s.spent_on, amountFen: Number(s.amount_fen), purpose: s.purpose,
  voucher: s.voucher_name ? { fileName: s.voucher_name, mimeType: s.voucher_mime ?? 'application/octet-stream' } : null, recordedBy: s.recorded_by,
});

export function createFundsService(deps: { db: Db; people: PostSpanSource; today?: () => string }) {
  const { db } = deps;
  const today = deps.today ?? (() => todayInChina());

  function countyOf(actor: Actor): number {
    if (actor.scope.countyId === null) throw new AppError('forbidden');
    return actor.scope.countyId;
  }
  /** Standards, allocations, awards and the former-cadre rule are the county's (its organization department at the root). */
  function requireCounty(actor: Actor): number {
    requireAction(actor, 'funds:configure');
    const county = countyOf(actor);
    if (actor.scope.orgId !== county) throw new AppError('forbidden', { zh: '经费标准和经费下达由县委组织部办理', en: 'Fund standards and allocations are set by the county' });
    return county;
  }
  async function unitInScope(q: Queryable, actor: Actor, orgId: number): Promise<OrgNode> {
    const org = await orgInScope(q, actor.scope, orgId);
    if (!org || org.status !== 'active') throw new AppError('not_found');
    return org;
  }
  async function rootOf(actor: Actor, orgId?: number): Promise<OrgNode> {
    return unitInScope(db, actor, orgId ?? actor.scope.orgId);
  }
  const audit = (tx: Queryable, actor: Actor, action: string, objectType: string, objectId: number, summary: Record<string, unknown>) =>
    appendAudit(tx, { countyId: countyOf(actor), accountId: actor.accountId, username: actor.username, action, objectType, objectId, summary, result: 'success', ip: actor.ip });

  // ---- standards

  async function effectiveStandards(countyId: number, year: number): Promise<FundStandards> {
    const own = await repo.standardsOf(db, countyId, year);
    if (own.length) return { year, isDefault: false, rows: own.map((r) => ({ unitType: r.unit_type as FundUnitType, line: r.line as FundLine, annualFen: Number(r.annual_fen) })) };
    return { year, isDefault: true, rows: DEFAULT_FUND_STANDARDS.map((r) => ({ ...r })) };
  }

  async function standards(actor: Actor, year: number): Promise<FundStandards> {
    requireAction(actor, 'funds:read');
    return effectiveStandards(countyOf(actor), year);
  }

  function checkStandardRows(rows: SaveFundStandardsBody['rows']) {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const k = `${r.unitType}:${r.line}`;
      if (seen.has(k)) errors.push({ field: `rows.${i}.line`, zh: '同一单位类型的同一经费项目只能有一个标准', en: 'Duplicate unit type and line' });
      seen.add(k);
    });
    if (errors.length) throw validationError(errors);
  }

  async function saveStandards(actor: Actor, body: SaveFundStandardsBody): Promise<FundStandards> {
    const county = requireCounty(actor);
    checkStandardRows(body.rows);
    const before = await effectiveStandards(county, body.year);
    await db.transaction(async (tx) => {
      await repo.replaceStandards(tx, county, body.year, body.rows);
      await audit(tx, actor, 'fund_standard.update', 'county', county, {
        year: body.year,
        from: before.rows.map((r) => `${r.unitType}/${r.line}=${r.annualFen}`),
        to: body.rows.map((r) => `${r.unitType}/${r.line}=${r.annualFen}`),
      });
    });
    return effectiveStandards(county, body.year);
  }

  /** 复制到下一年: the table of one year becomes another's (refused when the target year has its own). */
  async function copyStandards(actor: Actor, body: CopyFundStandardsBody): Promise<FundStandards> {
    const county = requireCounty(actor);
    if (body.toYear === body.fromYear) throw fieldError('toYear', '目标年度与来源年度相同', 'The target year is the source year');
    if ((await repo.standardsOf(db, county, body.toYear)).length) throw new AppError('conflict', { zh: `${body.toYear} 年已有经费标准，请直接修改`, en: `${body.toYear} already has standards` });
    const from = await effectiveStandards(county, body.fromYear);
    await db.transaction(async (tx) => {
      await repo.replaceStandards(tx, county, body.toYear, from.rows);
      await audit(tx, actor, 'fund_standard.copy', 'county', county, { fromYear: body.fromYear, toYear: body.toYear, rows: from.rows.length });
    });
    return effectiveStandards(county, body.toYear);
  }

  // ---- allowance standards (村干部报酬标准, assessment's table, through its front door)

  async function allowanceStandards(actor: Actor, year: number): Promise<AllowanceStandardTable> {
    requireAction(actor, 'funds:read');
    const t = await allowanceStandardTable(db, countyOf(actor), year);
    return { year, fromYear: t.fromYear, rows: t.rows.filter((r) => (ALLOWANCE_UNIT_TYPES as readonly string[]).includes(r.unitType)) as AllowanceStandardTable['rows'] };
  }

  /** 村干部报酬标准 of a year: no post twice; 一肩挑 (书记兼主任) never below 书记 or 主任 alone, as it draws one standard for both. */
  async function saveAllowanceStandards(actor: Actor, body: SaveAllowanceStandardsBody): Promise<AllowanceStandardTable> {
    const county = requireCounty(actor);
    const errors: FieldError[] = [];
    const seen = new Map<string, number>();
    body.rows.forEach((r, i) => {
      const k = `${r.unitType}:${r.post}`;
      const label = `${FUND_UNIT_TYPE_LABELS[r.unitType as AllowanceUnitType].zh}${ALLOWANCE_POST_LABELS[r.post].zh}`;
      if (seen.has(k)) errors.push({ field: `rows.${i}.post`, zh: `${label}的标准填了两次`, en: 'Duplicate unit type and post' });
      seen.set(k, i);
    });
    for (const unitType of ALLOWANCE_UNIT_TYPES) {
      const at = (post: string) => body.rows.find((r) => r.unitType === unitType && r.post === post);
      const both = at('concurrent');
      if (!both) continue;
      for (const post of ['secretary', 'village_director'] as const) {
        const one = at(post);
        if (one && both.annualFen < one.annualFen) {
          errors.push({
            field: `rows.${body.rows.indexOf(both)}.annualFen`,
            zh: `${FUND_UNIT_TYPE_LABELS[unitType].zh}“${ALLOWANCE_POST_LABELS.concurrent.zh}”的标准（${yuan(both.annualFen)} 元）不能低于${ALLOWANCE_POST_LABELS[post].zh}（${yuan(one.annualFen)} 元）`,
            en: 'The combined post may not draw less than either post alone',
          });
        }
      }
    }
    if (errors.length) throw validationError(errors);
    const before = await allowanceStandardTable(db, county, body.year);
    await db.transaction(async (tx) => {
      await writeAllowanceStandards(tx, county, body.year, body.rows);
      await audit(tx, actor, 'allowance_standard.update', 'county', county, {
        year: body.year,
        fromYear: before.fromYear,
        from: before.rows.map((r) => `${r.unitType}/${r.post}=${r.annualFen}`),
        to: body.rows.map((r) => `${r.unitType}/${r.post}=${r.annualFen}`),
      });
    });
    return allowanceStandards(actor, body.year);
  }

  // ---- allocations

  const present = (r: repo.AllocationRow): Allocation => ({
    id: Number(r.id), org: { id: Number(r.org_id), name: r.org_name, type: r.org_type as OrgType }, year: r.year, line: r.line as FundLine,
    lineLabel: FUND_LINE_LABELS[r.line as FundLine].zh, standardFen: r.standard_fen === null ? null : Number(r.standard_fen), amountFen: Number(r.amount_fen),
    reason: r.reason, spentFen: Number(r.spent_fen), balanceFen: Number(r.amount_fen) - Number(r.spent_fen), version: r.version,
  });

  async function allocations(actor: Actor, q: AllocationsQuery): Promise<AllocationList> {
    requireAction(actor, 'funds:read');
    const root = await rootOf(actor, q.orgId);
    const rows = await repo.listAllocations(db, likePrefix(root.path), q.year, q.line);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 200;
    return { year: q.year, items: rows.slice((page - 1) * pageSize, page * pageSize).map(present), total: rows.length, page, pageSize };
  }

  async function allocation(actor: Actor, id: number): Promise<AllocationDetail> {
    requireAction(actor, 'funds:read');
    const row = await repo.findAllocation(db, likePrefix(actor.scope.path), id);
    if (!row) throw new AppError('not_found');
    const spendings = await repo.spendingsOf(db, row.id);
    return { allocation: present(row), spendings: spendings.map(presentSpending) };
  }

  /** One spending row, as its allocation's detail lists it (its unit in scope; 404 otherwise). */
  async function spending(actor: Actor, id: number): Promise<Spending> {
    requireAction(actor, 'funds:read');
    const row = await repo.spendingById(db, likePrefix(actor.scope.path), id);
    if (!row) throw new AppError('not_found');
    return presentSpending(row);
  }

  /** 按标准下达: every unit of the scope whose type has a standard gets its allocation for each line (existing ones are kept). */
  async function applyStandards(actor: Actor, year: number) {
    const county = requireCounty(actor);
    const std = await effectiveStandards(county, year);
    const types = [...new Set(std.rows.map((r) => r.unitType))];
    const units = await repo.unitsOf(db, likePrefix(actor.scope.path), types);
    const rows = units.flatMap((u) =>
      std.rows.filter((r) => r.unitType === u.type).map((r) => ({ countyId: county, orgId: Number(u.id), orgPath: u.path, year, line: r.line, standardFen: r.annualFen, amountFen: r.annualFen, reason: null })));
    const created = await db.transaction(async (tx) => {
      const ids = await repo.insertAllocations(tx, rows);
      await audit(tx, actor, 'fund_allocation.create', 'county', county, { year, applied: 'standards', created: ids.length, units: units.length });
      return ids.length;
    });
    return { created, units: units.length };
  }

  async function createAllocation(actor: Actor, body: CreateAllocationBody): Promise<Allocation> {
    const county = requireCounty(actor);
    const org = await unitInScope(db, actor, body.orgId);
    const std = await effectiveStandards(county, body.year);
    const standard = std.rows.find((r) => r.unitType === org.type && r.line === body.line)?.annualFen ?? null;
    const amount = body.amountFen ?? standard;
    if (amount === null) throw fieldError('amountFen', `${org.name}的单位类型没有“${FUND_LINE_LABELS[body.line].zh}”标准，请填写金额`, 'No standard applies: enter the amount');
    const reason = body.reason?.trim() || null;
    if (amount !== standard && !reason) throw fieldError('reason', '金额与标准不同，请写明调整原因', 'Give the reason the amount differs from the standard');
    const id = await db.transaction(async (tx) => {
      const [created] = await repo.insertAllocations(tx, [{ countyId: county, orgId: org.id, orgPath: org.path, year: body.year, line: body.line, standardFen: standard, amountFen: amount, reason }]);
      if (!created) throw new AppError('conflict', { zh: `${org.name} ${body.year} 年的${FUND_LINE_LABELS[body.line].zh}已下达，请调整原记录`, en: 'Already allocated; adjust it instead' });
      await audit(tx, actor, 'fund_allocation.create', 'fund_allocation', created, { org: org.name, year: body.year, line: body.line, amountFen: amount, standardFen: standard, reason });
      return created;
    });
    return (await allocation(actor, id)).allocation;
  }

  async function adjustAllocation(actor: Actor, id: number, body: AdjustAllocationBody): Promise<Allocation> {
    requireCounty(actor);
    await db.transaction(async (tx) => {
      const row = await repo.lockAllocation(tx, likePrefix(actor.scope.path), id);
      if (!row) throw new AppError('not_found');
      if (row.version !== body.version) throw new AppError('version_conflict');
      const spent = sumFen((await repo.spendingsOf(tx, id)).map((s) => Number(s.amount_fen)));
      if (body.amountFen < spent) throw fieldError('amountFen', `调整后的金额不能少于已支出的 ${yuan(spent)} 元`, 'Below what has been spent');
      await repo.updateAllocation(tx, id, body.amountFen, body.reason.trim());
      await audit(tx, actor, 'fund_allocation.update', 'fund_allocation', id, { amountFen: { from: Number(row.amount_fen), to: body.amountFen }, reason: body.reason.trim() });
    });
    return (await allocation(actor, id)).allocation;
  }

  async function recordSpending(actor: Actor, allocationId: number, body: RecordSpendingBody): Promise<Spending> {
    requireAction(actor, 'funds:spend');
    const t = today();
    if (body.spentOn > t) throw fieldError('spentOn', '支出日期不能晚于今天', 'The date is in the future');
    const id = await db.transaction(async (tx) => {
      const row = await repo.lockAllocation(tx, likePrefix(actor.scope.path), allocationId);
      if (!row) throw new AppError('not_found');
      if (Number(body.spentOn.slice(0, 4)) !== row.year) throw fieldError('spentOn', `支出日期须在 ${row.year} 年内（本笔经费的年度）`, 'The date is outside the allocation year');
      const spent = sumFen((await repo.spendingsOf(tx, allocationId)).map((s) => Number(s.amount_fen)));
      const balance = Number(row.amount_fen) - spent;
      if (body.amountFen > balance) throw fieldError('amountFen', `超出余额：本项经费余额 ${yuan(balance)} 元`, 'More than the balance');
      const id = await repo.insertSpending(tx, { countyId: Number(row.county_id), allocationId, orgPath: row.org_path, spentOn: body.spentOn, amountFen: body.amountFen, purpose: body.purpose.trim(), recordedBy: actor.username });
      await audit(tx, actor, 'fund_spending.create', 'fund_spending', id, { allocationId, spentOn: body.spentOn, amountFen: body.amountFen, purpose: body.purpose.trim() });
      return id;
    });
    return spending(actor, id);
  }

  async function attachVoucher(actor: Actor, spendingId: number, file: { fileName: string; mimeType: string; content: Buffer }) {
    requireAction(actor, 'funds:spend');
    await db.transaction(async (tx) => {
      const s = await repo.findSpending(tx, likePrefix(actor.scope.path), spendingId);
      if (!s) throw new AppError('not_found');
      await repo.setVoucher(tx, spendingId, file);
      await audit(tx, actor, 'fund_spending.attach', 'fund_spending', spendingId, { fileName: file.fileName, mimeType: file.mimeType, bytes: file.content.length });
    });
  }

  async function voucher(actor: Actor, spendingId: number) {
    requireAction(actor, 'funds:read');
    const s = await repo.findSpending(db, likePrefix(actor.scope.path), spendingId);
    if (!s || !s.voucher) throw new AppError('not_found');
    return { fileName: s.voucher_name ?? '凭证', mimeType: s.voucher_mime ?? 'application/octet-stream', content: Buffer.from(s.voucher) };
  }

  /** 层层汇总: the org's children with their units' allocations and spending; a unit itself shows its own lines. */
  async function rollup(actor: Actor, q: RollupQuery): Promise<FundRollup> {
    requireAction(actor, 'funds:read');
    const root = await rootOf(actor, q.orgId);
    const rows = await repo.listAllocations(db, likePrefix(root.path), q.year);
    const kids = await children(db, root.id);
    const depth = root.path.split('/').filter(Boolean).length;
    const childOf = (path: string) => Number(path.split('/').filter(Boolean)[depth]);
    type Acc = { units: Set<number>; allocatedFen: number; spentFen: number; deeper: boolean };
    const acc = new Map<number, Acc>();
    for (const r of rows) {
      const c = childOf(r.org_path);
      if (!c) continue;
      const a = acc.get(c) ?? { units: new Set<number>(), allocatedFen: 0, spentFen: 0, deeper: false };
      a.units.add(Number(r.org_id));
      a.allocatedFen += Number(r.amount_fen);
      a.spentFen += Number(r.spent_fen);
      if (Number(r.org_id) !== c) a.deeper = true;
      acc.set(c, a);
    }
    const byLine = new Map<FundLine, { allocatedFen: number; spentFen: number }>();
    for (const r of rows) {
      const l = byLine.get(r.line as FundLine) ?? { allocatedFen: 0, spentFen: 0 };
      l.allocatedFen += Number(r.amount_fen);
      l.spentFen += Number(r.spent_fen);
      byLine.set(r.line as FundLine, l);
    }
    const allocated = sumFen(rows.map((r) => Number(r.amount_fen)));
    const spent = sumFen(rows.map((r) => Number(r.spent_fen)));
    return {
      year: q.year,
      org: ref(root),
      total: { units: new Set(rows.map((r) => Number(r.org_id))).size, allocatedFen: allocated, spentFen: spent, balanceFen: allocated - spent },
      byLine: [...byLine.entries()].map(([line, v]) => ({ line, lineLabel: FUND_LINE_LABELS[line].zh, ...v })),
      rows: kids
        .filter((k) => acc.has(Number(k.id)))
        .map((k) => {
          const a = acc.get(Number(k.id))!;
          return { org: ref(k), units: a.units.size, allocatedFen: a.allocatedFen, spentFen: a.spentFen, balanceFen: a.allocatedFen - a.spentFen, leaf: !a.deeper };
        }),
    };
  }

  /** The finance office's workbook: allocations and spending of the scope for a year. */
  async function fundsForExport(actor: Actor, year: number) {
    requireAction(actor, 'funds:read');
    const prefix = likePrefix(actor.scope.path);
    const [allocs, spends] = await Promise.all([repo.listAllocations(db, prefix, year), repo.spendingsIn(db, prefix, year)]);
    await db.transaction((tx) => audit(tx, actor, 'funds.export', 'funds', year, { year, what: 'allocations', allocations: allocs.length, spendings: spends.length }));
    return { allocations: allocs.map(present), spendings: spends };
  }

  // ---- allowances (村干部报酬)

  /** One page of the year's allowances; the sum is of the whole year in scope. */
  async function allowances(actor: Actor, q: YearPageQuery): Promise<Allowances> {
    const { page, pageSize, offset } = pageOf(q);
    const all = await allowancesOfYear(actor, q.year);
    return { ...all, items: all.items.slice(offset, offset + pageSize), page, pageSize };
  }

  /**
   * The whole year's allowances (the .xlsx export writes every row). Computed from post spans day by
   * day, so it cannot page in SQL: the page is cut from the computed year.
   */
  async function allowancesOfYear(actor: Actor, year: number): Promise<Omit<Allowances, 'page' | 'pageSize'>> {
    requireAction(actor, 'funds:read');
    const county = countyOf(actor);
    const [spans, table] = await Promise.all([deps.people.postSpans(actor, `${year}-01-01`, `${year}-12-31`), allowanceStandardsOf(db, county, year)]);
    const standardOf = (unitType: string, post: string) => table.find((s) => s.unitType === unitType && s.post === post)?.annualFen;
    const rows = computeAllowances(year, spans, standardOf).map((r) => ({
      id: `${r.person.id}:${r.org.id}`, person: r.person, org: ref(r.org), days: r.days, concurrentDays: r.concurrentDays, amountFen: r.amountFen,
      posts: r.posts.map((p) => ({ postId: p.postId, post: p.post, postLabel: ALLOWANCE_POST_LABELS[p.post].zh, startDate: p.startDate, endDate: p.endDate, days: p.days })),
    }));
    return {
      year, daysInYear: daysInYear(year),
      standards: table.map((s) => ({ unitType: s.unitType, post: s.post, postLabel: ALLOWANCE_POST_LABELS[s.post].zh, annualFen: s.annualFen })),
      items: rows, total: rows.length, totalFen: sumFen(rows.map((r) => r.amountFen)),
    };
  }

  async function auditExport(actor: Actor, year: number, what: string, rows: number) {
    await db.transaction((tx) => audit(tx, actor, 'funds.export', 'funds', year, { year, what, rows }));
  }

  async function formerRule(countyId: number): Promise<{ rule: FormerCadreRule; isDefault: boolean }> {
    const row = await repo.formerRuleOf(db, countyId);
    return row
      ? { rule: { minYears: row.min_years, perYearServedFen: Number(row.per_year_served_fen), capFen: Number(row.cap_fen) }, isDefault: false }
      : { rule: DEFAULT_FORMER_CADRE_RULE, isDefault: true };
  }

  /** One page of the former cadres of the year; the sum is of the whole year in scope. */
  async function formerCadres(actor: Actor, q: YearPageQuery): Promise<FormerCadres> {
    requireAction(actor, 'funds:read');
    const { page, pageSize, offset } = pageOf(q);
    const year = q.year;
    const county = countyOf(actor);
    const [{ rule, isDefault }, spans] = await Promise.all([formerRule(county), deps.people.postSpans(actor, '1949-10-01', `${year}-12-31`)]);
    const rows = computeFormerCadres(year, spans, rule).map((r) => ({
      id: r.person.id, person: r.person, org: ref(r.org), lastPost: POST_ROLE_LABELS[r.lastPost].zh, endedOn: r.endedOn, yearsServed: r.yearsServed, eligible: r.eligible, amountFen: r.amountFen,
    }));
    return { year, rule, isDefaultRule: isDefault, items: rows.slice(offset, offset + pageSize), total: rows.length, eligibleCount: rows.filter((r) => r.eligible).length, page, pageSize, totalFen: sumFen(rows.map((r) => r.amountFen)) };
  }

  async function saveFormerRule(actor: Actor, body: FormerCadreRule): Promise<FormerCadreRule> {
    const county = requireCounty(actor);
    const before = await formerRule(county);
    await db.transaction(async (tx) => {
      await repo.saveFormerRule(tx, county, body);
      await audit(tx, actor, 'former_cadre_rule.update', 'county', county, { from: before.rule, to: body });
    });
    return (await formerRule(county)).rule;
  }

  // ---- awards

  const presentAward = (a: { id: number; org_id: number; org_name: string; org_type: string; year: number; title: string; amount_fen: number; awarded_on: string | null }) =>
    ({ id: Number(a.id), org: { id: Number(a.org_id), name: a.org_name, type: a.org_type as OrgType }, year: a.year, title: a.title, amountFen: Number(a.amount_fen), awardedOn: a.awarded_on, source: 'award' as const });

  /** One award recorded here, as the awards list shows it (same scope: outside it, 404). */
  async function award(actor: Actor, id: number) {
    requireAction(actor, 'funds:read');
    const row = await repo.findAward(db, likePrefix(actor.scope.path), id);
    if (!row) throw new AppError('not_found');
    return presentAward(row);
  }

  async function awards(actor: Actor, year: number, page = 1, pageSize = 50): Promise<AwardList> {
    requireAction(actor, 'funds:read');
    // paged in SQL over both tables (one statement: the page, the count and the sum of the whole year)
    const { items, total, totalFen } = await repo.pageAwards(db, likePrefix(actor.scope.path), year, pageSize, (page - 1) * pageSize);
    return { year, items: items.map((a) => ({ ...presentAward(a), source: a.source })), total, page, pageSize, totalFen };
  }

  async function createAward(actor: Actor, body: CreateAwardBody) {
    const county = requireCounty(actor);
    const org = await unitInScope(db, actor, body.orgId);
    if (body.awardedOn && body.awardedOn > today()) throw fieldError('awardedOn', '表彰日期不能晚于今天', 'The date is in the future');
    const id = await db.transaction(async (tx) => {
      const id = await repo.insertAward(tx, { countyId: county, orgId: org.id, orgPath: org.path, year: body.year, title: body.title.trim(), amountFen: body.amountFen, awardedOn: body.awardedOn ?? null });
      await audit(tx, actor, 'fund_award.create', 'fund_award', id, { org: org.name, year: body.year, title: body.title.trim(), amountFen: body.amountFen });
      return id;
    });
    return award(actor, id);
  }

  // ---- the registers

  /** 经费收支账 filled from the unit's allocations (received) and spending, with the balance of each line after every entry. */
  const fundSource: RegisterSource = {
    code: 'funds',
    label: '经费收支（经费下达与支出）',
    columns: [
      { key: 'date', label: '日期' }, { key: 'line', label: '经费项目' }, { key: 'item', label: '摘要' },
      { key: 'income', label: '下达（元）' }, { key: 'expense', label: '支出（元）' }, { key: 'balance', label: '结余（元）' },
    ],
    read: async (actor, unit, year) => {
      requireAction(actor, 'funds:read');
      const rows = await repo.fundBook(db, likePrefix(actor.scope.path), unit.id, year);
      const balance = new Map<string, number>();
      return rows.map((r) => {
        const amount = Number(r.amount_fen);
        const before = balance.get(r.line) ?? 0;
        const after = r.kind === 'allocation' ? before + amount : before - amount;
        balance.set(r.line, after);
        const line = FUND_LINE_LABELS[r.line as FundLine]?.zh ?? r.line;
        const item = r.kind === 'allocation'
          ? `${year}年${line}下达${r.text ? `（调整：${r.text}）` : r.standard_fen !== null ? '（按标准）' : ''}`
          : r.text ?? '';
        return { date: r.on_date, line, item, income: r.kind === 'allocation' ? yuan(amount) : '', expense: r.kind === 'spending' ? yuan(amount) : '', balance: yuan(after) };
      });
    },
  };

  return {
    standards, saveStandards, copyStandards, allocations, allocation, spending, applyStandards, createAllocation, adjustAllocation, recordSpending,
    attachVoucher, voucher, rollup, fundsForExport, allowances, allowancesOfYear, auditExport, formerCadres, saveFormerRule, awards, award, createAward, today, fundSource, allowanceStandards, saveAllowanceStandards,
    unitTypes: FUND_UNIT_TYPES,
  };
}

export type FundsService = ReturnType<typeof createFundsService>;
