// 督查通报导入: problems from an inspection bulletin sheet, every row checked with the same rules
// as the form; nothing is written when a row is wrong (unless only the valid rows are asked for).
import { type ImportReport, type ImportRowError, type ProblemSource } from '@lianxin/contract';
import type { Db } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { isValidDate } from '../../core/calendar.js';
import { AppError } from '../../core/errors.js';
import { readSheet } from '../../core/xlsx-read.js';
import type { LedgerService } from './ledger.service.js';
import * as repo from './ledger.repository.js';

const COLUMNS = {
  source: '问题来源',
  category: '问题类别',
  description: '问题描述',
  measures: '整改措施',
  org: '责任单位',
  person: '责任人',
  deadline: '整改时限',
} as const;
const REQUIRED = [COLUMNS.description, COLUMNS.org, COLUMNS.deadline];

/** Dates as counties type them: 2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日. */
export function parseDate(text: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return undefined;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidDate(d) ? d : undefined;
}

/** Rows one bulletin may hold. */
export const MAX_BULLETIN_ROWS = 2000;
/** Bulletin imports running at once on one server; more wait for a free place or are refused. */
export const MAX_CONCURRENT_IMPORTS = 2;
/** Rows checked between two yields to the event loop (other users' requests go in between). */
const YIELD_EVERY = 50;

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createLedgerImport(deps: { db: Db; ledger: LedgerService; maxConcurrent?: number }) {
  const { db, ledger } = deps;
  const maxConcurrent = deps.maxConcurrent ?? MAX_CONCURRENT_IMPORTS;
  let running = 0;

  /** Resolves an org by unique name in the scope, or by a path of names ("五里镇/咀头村"). */
  async function resolveOrg(actor: Actor, text: string): Promise<{ id: number } | { error: string }> {
    const parts = text.split(/[/／]/).map((p) => p.trim()).filter(Boolean);
    const last = parts.at(-1);
    if (!last) return { error: '请填写责任单位' };
    const rows = await repo.orgsNamedInScope(db, actor.scope, last);
    let matches = rows;
    if (parts.length > 1) {
      const ancestors = await repo.orgNamesByIds(db, [...new Set(rows.flatMap((r) => r.path.split('/').filter(Boolean).map(Number)))]);
      const names = new Map(ancestors.map((a) => [a.id, a.name]));
      matches = rows.filter((r) => {
        const chain = r.path.split('/').filter(Boolean).map((id) => names.get(Number(id)));
        return parts.slice(0, -1).every((p) => chain.includes(p));
      });
    }
    if (matches.length === 0) return { error: `找不到责任单位「${text}」（须在您的管辖范围内）` };
    if (matches.length > 1) return { error: `「${text}」有 ${matches.length} 个同名单位，请写成“乡镇/村”的形式` };
    return { id: matches[0]!.id };
  }

  async function importBulletin(
    actor: Actor,
    file: Buffer,
    opts: { dryRun: boolean; mode: 'all_or_nothing' | 'valid_only'; source?: ProblemSource; sourceRef?: string },
  ): Promise<ImportReport> {
    requireAction(actor, 'ledger:register');
    // A bounded number of imports per server: each parses a workbook and checks every row.
    if (running >= maxConcurrent) {
      throw new AppError('rate_limited', { zh: '其他导入正在进行，服务器繁忙，请 1 分钟后再试', en: 'Other imports are running; try again in a minute' });
    }
    running++;
    try {
      return await importBulletinNow(actor, file, opts);
    } finally {
      running--;
    }
  }

  async function importBulletinNow(
    actor: Actor,
    file: Buffer,
    opts: { dryRun: boolean; mode: 'all_or_nothing' | 'valid_only'; source?: ProblemSource; sourceRef?: string },
  ): Promise<ImportReport> {
    // Streamed, and read no further than the limit: a million-row sheet stops at row 2,001.
    const sheet = await readSheet(file, { maxRows: MAX_BULLETIN_ROWS });
    const missing = REQUIRED.filter((h) => !sheet.headers.includes(h));
    if (missing.length) {
      throw new AppError('validation_failed', { zh: `表头缺少：${missing.join('、')}（需要：${Object.values(COLUMNS).join('、')}）`, en: `Missing columns: ${missing.join(', ')}` });
    }
    const col = (cells: string[], header: string) => {
      const i = sheet.headers.indexOf(header);
      return i >= 0 ? (cells[i] ?? '').trim() : '';
    };
    const settings = await ledger.settings(actor.scope.countyId ?? 0);
    const sources = settings.sources.filter((x) => x.active);
    const errors: ImportRowError[] = [];
    const valid: { input: Parameters<LedgerService['register']>[1]; checked: Extract<Awaited<ReturnType<LedgerService['checkRegistration']>>, { ok: true }> }[] = [];
    for (const [index, { rowNumber, cells }] of sheet.rows.entries()) {
      // On PGlite (one connection) other users' reads queue behind the checks: let them in.
      if (index > 0 && index % YIELD_EVERY === 0) await yieldToOthers();
      const rowErrors: ImportRowError[] = [];
      const err = (column: string, message: string) => rowErrors.push({ row: rowNumber, column, message });
      const sourceText = col(cells, COLUMNS.source);
      // the county's own sources, by name (in use only)
      const source = sourceText ? sources.find((x) => x.label === sourceText)?.code : (opts.source ?? 'superior_feedback');
      if (!source) err(COLUMNS.source, `问题来源须为：${sources.map((x) => x.label).join('、')}`);
      const category = col(cells, COLUMNS.category) || settings.categories[0]!;
      if (!settings.categories.includes(category)) err(COLUMNS.category, `问题类别须为：${settings.categories.join('、')}`);
      const description = col(cells, COLUMNS.description);
      if (!description) err(COLUMNS.description, '请填写问题描述');
      else if (description.length > 4000) err(COLUMNS.description, '问题描述最多 4000 字');
      const deadlineText = col(cells, COLUMNS.deadline);
      const deadline = parseDate(deadlineText);
      if (!deadline) err(COLUMNS.deadline, deadlineText ? `「${deadlineText}」不是有效日期（如 2026-12-31）` : '请填写整改时限');
      const orgText = col(cells, COLUMNS.org);
      const org = await resolveOrg(actor, orgText);
      if ('error' in org) err(COLUMNS.org, org.error);
      if (rowErrors.length === 0 && source && deadline && 'id' in org) {
        const input = { orgId: org.id, source, category, description, measures: col(cells, COLUMNS.measures) || undefined, responsiblePerson: col(cells, COLUMNS.person) || undefined, deadline, sourceRef: opts.sourceRef };
        const checked = await ledger.checkRegistration(actor, input);
        if (checked.ok) valid.push({ input, checked });
        else for (const e of checked.errors) err(e.field === 'deadline' ? COLUMNS.deadline : e.field === 'category' ? COLUMNS.category : e.field === 'source' ? COLUMNS.source : COLUMNS.org, e.zh);
      }
      errors.push(...rowErrors);
    }
    const importing = !opts.dryRun && (errors.length === 0 || opts.mode === 'valid_only') && valid.length > 0;
    if (importing) {
      await db.transaction(async (tx) => {
        for (const v of valid) await ledger.createChecked(tx, actor, v.input, v.checked);
        await appendAudit(tx, { countyId: actor.scope.countyId, accountId: actor.accountId, username: actor.username, action: 'ledger.import', objectType: 'ledger', summary: { rows: sheet.rows.length, created: valid.length, errors: errors.length, sourceRef: opts.sourceRef ?? null }, result: 'success', ip: actor.ip });
      });
    }
    return {
      jobId: null,
      dryRun: opts.dryRun,
      totalRows: sheet.rows.length,
      validRows: valid.length,
      errors,
      created: importing ? valid.length : 0,
      updated: 0,
      skipped: importing ? sheet.rows.length - valid.length : sheet.rows.length,
      imported: importing,
    };
  }

  return { importBulletin, columns: COLUMNS };
}

export type LedgerImport = ReturnType<typeof createLedgerImport>;
