// 干部台账与后备干部库的 .xlsx 导入: counties bring their existing sheets. Every row is checked,
// then written through the people module's front door (addPostIn / addReserveIn) in ONE
// transaction: the post rules of the form (single holder, a second station chief, 一肩挑 only on a
// secretary, the sending unit of a first secretary, 公职化 with date and basis) apply to every row
// exactly as on the form, rows of the same file included (row 5 overlapping row 2 is refused). The
// check (dryRun) runs the same writes and rolls them back, so the preview names every error the
// real import would meet. Any error: nothing is written. People are matched by ID number to the
// roster of the caller's scope; a person not on the roster is an error naming the row (the cadre
// ledger records posts of people already registered — creating people belongs to the roster import,
// which checks every personal field).
import ExcelJS from 'exceljs';
import { POST_ROLE_LABELS, POST_ROLES, SELECTION_CHANNEL_LABELS, SELECTION_CHANNELS, type CreatePostBody, type ImportReport, type ImportRowError, type PostRole, type SelectionChannel } from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { isValidDate } from '../../core/calendar.js';
import { AppError, type FieldError } from '../../core/errors.js';
import { validateIdNumber, ID_NUMBER_MESSAGES } from '../../core/id-number.js';
import { readSheet } from '../../core/xlsx-read.js';
import type { PeopleService } from '../people/index.js';

/** Rows one sheet may hold (a county's whole 两委 and stations fit several times over). */
export const MAX_IMPORT_ROWS = 3000;
/** Imports running at once on one server; one more is refused with a 429 in Chinese. */
const MAX_CONCURRENT = 2;

export const POST_COLUMNS = {
  idNumber: '身份证号',
  name: '姓名',
  org: '任职组织',
  role: '岗位',
  startDate: '任职开始',
  endDate: '任期结束',
  concurrent: '一肩挑',
  selectionChannel: '选任方式',
  sentFrom: '选派单位',
  civilService: '公职化',
  civilServiceDate: '公职化日期',
  civilServiceBasis: '公职化依据',
  note: '备注',
} as const;
const POST_REQUIRED = [POST_COLUMNS.idNumber, POST_COLUMNS.name, POST_COLUMNS.org, POST_COLUMNS.role, POST_COLUMNS.startDate];
/** Headers of the ledger's own export that mean the same column. */
const POST_ALIASES: Record<string, string> = { 组织: POST_COLUMNS.org, 任期开始: POST_COLUMNS.startDate, 任职结束: POST_COLUMNS.endDate };

export const RESERVE_COLUMNS = {
  idNumber: '身份证号',
  name: '姓名',
  org: '所在村（社区）',
  targetRole: '拟任岗位',
  addedOn: '入库日期',
  note: '培养情况',
  trainedOn: '最近培训日期',
  training: '最近培训内容',
} as const;
const RESERVE_REQUIRED = [RESERVE_COLUMNS.idNumber, RESERVE_COLUMNS.name, RESERVE_COLUMNS.org, RESERVE_COLUMNS.targetRole, RESERVE_COLUMNS.addedOn];
const RESERVE_ALIASES: Record<string, string> = { 培养方向: RESERVE_COLUMNS.targetRole, 所在组织: RESERVE_COLUMNS.org, 所在村: RESERVE_COLUMNS.org, '所在村(社区)': RESERVE_COLUMNS.org, 乡镇村: RESERVE_COLUMNS.org, '乡镇/村': RESERVE_COLUMNS.org, 培训情况: RESERVE_COLUMNS.note };

/** Dates as counties type them: 2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日 (Excel dates arrive as 2026-12-31). */
export function parseDate(text: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return undefined;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidDate(d) ? d : undefined;
}

function yesNo(text: string): boolean | undefined {
  const t = text.trim();
  if (t === '' || t === '否' || t === '无' || t === '不是') return false;
  if (t === '是' || t === '√' || t === '✓') return true;
  return undefined;
}

const ROLE_BY_LABEL = new Map<string, PostRole>(POST_ROLES.map((r) => [POST_ROLE_LABELS[r].zh, r]));
const CHANNEL_BY_LABEL = new Map<string, SelectionChannel>(SELECTION_CHANNELS.map((c) => [SELECTION_CHANNEL_LABELS[c].zh, c]));

/** The row's ID number, normalised, or the reason it cannot be one (both sheets match people by it). */
function idNumberOf(text: string, refuse: (message: string) => void): string | undefined {
  if (!text) {
    refuse('请填写身份证号（按身份证号与花名册对应）');
    return undefined;
  }
  const v = validateIdNumber(text);
  if (v.ok) return v.value;
  refuse(ID_NUMBER_MESSAGES[v.problem].zh);
  return undefined;
}

/** Rolls the check's writes back (the dry run, or a file with errors). */
class Rollback extends Error {}

type Sheet = Awaited<ReturnType<typeof readSheet>>;

function columnsOf(sheet: Sheet, required: string[], all: string[], aliases: Record<string, string>) {
  const headers = sheet.headers.map((h) => aliases[h.replace(/\s/g, '')] ?? h.replace(/\s/g, ''));
  const missing = required.filter((h) => !headers.includes(h));
  if (missing.length) {
    throw new AppError('validation_failed', { zh: `表头缺少：${missing.join('、')}（请下载导入模板；列依次为：${all.join('、')}）`, en: `Missing columns: ${missing.join(', ')}` });
  }
  return (cells: string[], header: string) => {
    const i = headers.indexOf(header);
    return i >= 0 ? (cells[i] ?? '').trim() : '';
  };
}

/** An error the front door threw for one row, as rows and columns of the sheet. */
function rowErrorsOf(err: AppError, row: number, columnOf: (field: string) => string): ImportRowError[] {
  const fields = (err.details as { fields?: FieldError[] } | undefined)?.fields ?? [];
  if (err.code === 'validation_failed' && fields.length) return fields.map((f) => ({ row, column: columnOf(f.field), message: f.zh }));
  return [{ row, column: columnOf(fields[0]?.field ?? ''), message: err.messages.zh }];
}

async function templateOf(sheetName: string, headers: string[], example: string[], notes: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.columns = headers.map((h) => ({ header: h, width: Math.max(12, h.length * 3) }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(example);
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '列', width: 16 }, { header: '说明', width: 90 }];
  help.getRow(1).font = { bold: true };
  for (const n of notes) help.addRow(n);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function createCadreImport(deps: { db: Db; people: PeopleService }) {
  const { db, people } = deps;
  let running = 0;

  async function bounded<T>(fn: () => Promise<T>): Promise<T> {
    if (running >= MAX_CONCURRENT) {
      throw new AppError('rate_limited', { zh: '其他导入正在进行，服务器繁忙，请 1 分钟后再试', en: 'Other imports are running; try again in a minute' });
    }
    running++;
    try {
      return await fn();
    } finally {
      running--;
    }
  }

  /** The people of the sheet by ID number: on the roster of the scope, or an error for the row. */
  async function matchPeople(
    lookups: Awaited<ReturnType<PeopleService['importLookups']>>,
    rows: { row: number; idNumber?: string; name: string }[],
    err: (row: number, column: string, message: string) => void,
    columns: { idNumber: string; name: string },
  ) {
    const found = await lookups.people([...new Set(rows.flatMap((r) => (r.idNumber ? [r.idNumber] : [])))]);
    const byRow = new Map<number, { id: number; name: string; orgId: number; orgPath: string }>();
    for (const r of rows) {
      if (!r.idNumber) continue;
      const p = found.get(r.idNumber);
      if (!p) err(r.row, columns.idNumber, '此人不在花名册中：请先在花名册中登记（或用花名册导入），再导入任职');
      else if (p === 'outside') err(r.row, columns.idNumber, '该身份证号的人员不在您的管辖范围内');
      else if (p.status !== 'active') err(r.row, columns.idNumber, `${p.name} 已不在册（离开或去世）`);
      else if (r.name && r.name !== p.name) err(r.row, columns.name, `姓名与花名册不一致（花名册中该身份证号为「${p.name}」）`);
      else byRow.set(r.row, p);
    }
    return byRow;
  }

  function report(sheet: Sheet, errors: ImportRowError[], valid: number, dryRun: boolean, imported: boolean): ImportReport {
    errors.sort((a, b) => a.row - b.row);
    return { jobId: null, dryRun, totalRows: sheet.rows.length, validRows: valid, errors, created: imported ? valid : 0, updated: 0, skipped: imported ? 0 : sheet.rows.length, imported };
  }

  /** Writes through the front door in one transaction; rolled back on a dry run or any error. */
  async function writeAll<T>(
    writes: { row: number; write: (tx: Queryable) => Promise<unknown> }[],
    errors: ImportRowError[],
    columnOf: (field: string) => string,
    finish: (tx: Queryable) => Promise<T>,
    dryRun: boolean,
  ): Promise<{ ok: Set<number>; committed: boolean }> {
    const ok = new Set<number>();
    try {
      await db.transaction(async (tx) => {
        for (const w of writes) {
          try {
            await w.write(tx);
            ok.add(w.row);
          } catch (e) {
            // The front door refused the row before writing it (its checks run first): the
            // transaction is intact, the next row goes on. A database error ends the import.
            if (!(e instanceof AppError)) throw e;
            errors.push(...rowErrorsOf(e, w.row, columnOf));
          }
        }
        if (dryRun || errors.length > 0 || writes.length === 0) throw new Rollback();
        await finish(tx);
      });
      return { ok, committed: true };
    } catch (e) {
      if (e instanceof Rollback) return { ok, committed: false };
      throw e;
    }
  }

  // ---- 干部台账 (posts) ----

  async function importPosts(actor: Actor, file: Buffer, opts: { dryRun: boolean }): Promise<ImportReport> {
    requireAction(actor, 'cadre:post');
    requireAction(actor, 'person:post');
    return bounded(async () => {
      const sheet = await readSheet(file, { maxRows: MAX_IMPORT_ROWS });
      const C = POST_COLUMNS;
      const col = columnsOf(sheet, POST_REQUIRED, Object.values(C), POST_ALIASES);
      const errors: ImportRowError[] = [];
      const err = (row: number, column: string, message: string) => errors.push({ row, column, message });
      const lookups = await people.importLookups(actor);
      type Parsed = { row: number; idNumber?: string; name: string; body?: Omit<CreatePostBody, 'personId'> };
      const parsed: Parsed[] = [];
      const seen = new Map<string, number>();
      for (const { rowNumber: row, cells } of sheet.rows) {
        const before = errors.length;
        const idNumber = idNumberOf(col(cells, C.idNumber), (message) => err(row, C.idNumber, message));
        const name = col(cells, C.name);
        if (!name) err(row, C.name, '请填写姓名');
        const orgText = col(cells, C.org);
        const org = orgText ? lookups.org(orgText) : undefined;
        if (!orgText) err(row, C.org, '请填写任职组织');
        else if (org && !org.ok) err(row, C.org, org.zh);
        const roleText = col(cells, C.role);
        const role = ROLE_BY_LABEL.get(roleText);
        if (!role) err(row, C.role, roleText ? `岗位「${roleText}」不认识，须为：${POST_ROLES.map((r) => POST_ROLE_LABELS[r].zh).join('、')}` : '请填写岗位');
        const startText = col(cells, C.startDate);
        const startDate = parseDate(startText);
        if (!startDate) err(row, C.startDate, startText ? `「${startText}」不是有效日期（如 2024-01-15）` : '请填写任职开始日期');
        const endText = col(cells, C.endDate);
        const endDate = endText ? parseDate(endText) : null;
        if (endText && !endDate) err(row, C.endDate, `「${endText}」不是有效日期（如 2027-01-14）`);
        const concurrent = yesNo(col(cells, C.concurrent));
        if (concurrent === undefined) err(row, C.concurrent, '一肩挑请填“是”或留空');
        const channelText = col(cells, C.selectionChannel);
        const selectionChannel = channelText ? CHANNEL_BY_LABEL.get(channelText) : undefined;
        if (channelText && !selectionChannel) err(row, C.selectionChannel, `选任方式须为：${SELECTION_CHANNELS.map((c) => SELECTION_CHANNEL_LABELS[c].zh).join('、')}`);
        const civilService = yesNo(col(cells, C.civilService));
        if (civilService === undefined) err(row, C.civilService, '公职化请填“是”或留空');
        const csText = col(cells, C.civilServiceDate);
        const civilServiceDate = csText ? parseDate(csText) : undefined;
        if (csText && !civilServiceDate) err(row, C.civilServiceDate, `「${csText}」不是有效日期`);
        const sentFrom = col(cells, C.sentFrom);
        const basis = col(cells, C.civilServiceBasis);
        const note = col(cells, C.note);
        if (sentFrom.length > 100) err(row, C.sentFrom, '选派单位最多 100 字');
        if (note.length > 500) err(row, C.note, '备注最多 500 字');
        if (idNumber && org?.ok && role && startDate) {
          const key = `${idNumber}|${org.org.id}|${role}|${startDate}`;
          const first = seen.get(key);
          if (first) err(row, C.idNumber, `与第 ${first} 行重复（同一人、同一组织、同一岗位、同一任职开始）`);
          else seen.set(key, row);
        }
        parsed.push({
          row,
          idNumber,
          name,
          body:
            errors.length === before && org?.ok && role && startDate
              ? {
                  orgId: org.org.id, role, startDate, endDate: endDate ?? null, concurrent: concurrent ?? false,
                  selectionChannel: selectionChannel ?? undefined, sentFrom: sentFrom || undefined,
                  civilService: civilService ?? false, civilServiceDate: civilServiceDate ?? undefined, civilServiceBasis: basis || undefined, note: note || undefined,
                }
              : undefined,
        });
      }
      const persons = await matchPeople(lookups, parsed, err, C);
      const FIELD_COLUMN: Record<string, string> = {
        personId: C.idNumber, orgId: C.org, role: C.role, startDate: C.startDate, endDate: C.endDate, concurrent: C.concurrent, sentFrom: C.sentFrom,
        selectionChannel: C.selectionChannel, civilService: C.civilService, civilServiceDate: C.civilServiceDate, civilServiceBasis: C.civilServiceBasis, note: C.note,
      };
      const writes = parsed.flatMap((p) => {
        const person = persons.get(p.row);
        const body = p.body;
        if (!person || !body || errors.some((e) => e.row === p.row)) return [];
        return [{ row: p.row, write: (tx: Queryable) => people.addPostIn(tx, actor, { ...body, personId: person.id }) }];
      });
      const { ok, committed } = await writeAll(writes, errors, (f) => FIELD_COLUMN[f] ?? C.role, (tx) =>
        appendAudit(tx, { countyId: actor.scope.countyId, accountId: actor.accountId, username: actor.username, action: 'post.import', objectType: 'post', summary: { rows: sheet.rows.length, created: writes.length, errors: 0 }, result: 'success', ip: actor.ip }),
      opts.dryRun);
      return report(sheet, errors, ok.size, opts.dryRun, committed);
    });
  }

  // ---- 后备干部库 (the reserve pool) ----

  async function importReserve(actor: Actor, file: Buffer, opts: { dryRun: boolean }): Promise<ImportReport> {
    requireAction(actor, 'cadre:post');
    requireAction(actor, 'person:post');
    return bounded(async () => {
      const sheet = await readSheet(file, { maxRows: MAX_IMPORT_ROWS });
      const C = RESERVE_COLUMNS;
      const col = columnsOf(sheet, RESERVE_REQUIRED, Object.values(C), RESERVE_ALIASES);
      const errors: ImportRowError[] = [];
      const err = (row: number, column: string, message: string) => errors.push({ row, column, message });
      const lookups = await people.importLookups(actor);
      type Parsed = { row: number; idNumber?: string; name: string; orgPath?: string; orgText: string; input?: { targetRole: string; addedOn: string; note?: string; training?: { trainedOn: string; training: string } } };
      const parsed: Parsed[] = [];
      const seen = new Map<string, number>();
      for (const { rowNumber: row, cells } of sheet.rows) {
        const before = errors.length;
        const idNumber = idNumberOf(col(cells, C.idNumber), (message) => err(row, C.idNumber, message));
        if (idNumber) {
          const first = seen.get(idNumber);
          if (first) err(row, C.idNumber, `与第 ${first} 行是同一人（一人只入库一次）`);
          else seen.set(idNumber, row);
        }
        const name = col(cells, C.name);
        if (!name) err(row, C.name, '请填写姓名');
        const orgText = col(cells, C.org);
        const org = orgText ? lookups.org(orgText) : undefined;
        if (!orgText) err(row, C.org, '请填写所在村（社区），如“五里镇/咀头村”');
        else if (org && !org.ok) err(row, C.org, org.zh);
        const targetRole = col(cells, C.targetRole);
        if (!targetRole) err(row, C.targetRole, '请填写拟任岗位');
        else if (targetRole.length > 50) err(row, C.targetRole, '拟任岗位最多 50 字');
        const addedText = col(cells, C.addedOn);
        const addedOn = parseDate(addedText);
        if (!addedOn) err(row, C.addedOn, addedText ? `「${addedText}」不是有效日期（如 2025-03-01）` : '请填写入库日期');
        const note = col(cells, C.note);
        if (note.length > 500) err(row, C.note, '培养情况最多 500 字');
        const trainedText = col(cells, C.trainedOn);
        const trainedOn = trainedText ? parseDate(trainedText) : undefined;
        if (trainedText && !trainedOn) err(row, C.trainedOn, `「${trainedText}」不是有效日期`);
        const training = col(cells, C.training);
        if (trainedText && !training) err(row, C.training, '填写了培训日期，请同时填写培训内容');
        if (training && !trainedText) err(row, C.trainedOn, '填写了培训内容，请同时填写培训日期');
        parsed.push({
          row, idNumber, name, orgText, orgPath: org?.ok ? org.org.path : undefined,
          input: errors.length === before && addedOn ? { targetRole, addedOn, note: note || undefined, training: trainedOn && training ? { trainedOn, training } : undefined } : undefined,
        });
      }
      const persons = await matchPeople(lookups, parsed, err, C);
      for (const p of parsed) {
        const person = persons.get(p.row);
        // The pool keeps a person at their own village: the sheet's village says where, and must agree with the roster.
        if (person && p.orgPath && !person.orgPath.startsWith(p.orgPath)) err(p.row, C.org, `${person.name} 在花名册中不属于「${p.orgText}」（在「${lookups.label(person.orgId)}」）`);
      }
      const FIELD_COLUMN: Record<string, string> = { personId: C.idNumber, targetRole: C.targetRole, addedOn: C.addedOn, note: C.note, trainedOn: C.trainedOn, training: C.training };
      const writes = parsed.flatMap((p) => {
        const person = persons.get(p.row);
        const input = p.input;
        if (!person || !input || errors.some((e) => e.row === p.row)) return [];
        return [{ row: p.row, write: (tx: Queryable) => people.addReserveIn(tx, actor, { ...input, personId: person.id }) }];
      });
      const { ok, committed } = await writeAll(writes, errors, (f) => FIELD_COLUMN[f] ?? C.idNumber, (tx) =>
        appendAudit(tx, { countyId: actor.scope.countyId, accountId: actor.accountId, username: actor.username, action: 'reserve.import', objectType: 'reserve', summary: { rows: sheet.rows.length, created: writes.length, errors: 0 }, result: 'success', ip: actor.ip }),
      opts.dryRun);
      return report(sheet, errors, ok.size, opts.dryRun, committed);
    });
  }

  const postTemplate = () =>
    templateOf('干部台账', Object.values(POST_COLUMNS), ['', '张三', '五里镇/咀头村', '书记', '2024-01-15', '', '是', '选举产生', '', '', '', '', ''], [
      [POST_COLUMNS.idNumber, '必填。按身份证号与花名册对应；此人须已在花名册中（不在册请先登记或用花名册导入）'],
      [POST_COLUMNS.name, '必填。须与花名册一致（核对用）'],
      [POST_COLUMNS.org, '必填。村（社区）、工作站等组织名称；重名时写成“乡镇/村”'],
      [POST_COLUMNS.role, `必填。${POST_ROLES.map((r) => POST_ROLE_LABELS[r].zh).join('、')}`],
      [POST_COLUMNS.startDate + ' / ' + POST_COLUMNS.endDate, '日期，如 2024-01-15；任期结束可留空（在任）'],
      [POST_COLUMNS.concurrent, '“是”或留空；只能填在书记岗位上（书记兼村委会主任）'],
      [POST_COLUMNS.selectionChannel, `${SELECTION_CHANNELS.map((c) => SELECTION_CHANNEL_LABELS[c].zh).join('、')}，可留空`],
      [POST_COLUMNS.sentFrom, '第一书记必填（选派单位）'],
      [POST_COLUMNS.civilService, '“是”或留空；填“是”时须填公职化日期与依据'],
      ['规则', '与页面上任职相同：书记、主任、站长等一人岗位任期不得重叠，一个工作站只设一名站长。任何一行有错，整个文件都不导入；先“检查”可看到每行每列的错误。第 2 行为示例，请删除后填写'],
    ]);

  const reserveTemplate = () =>
    templateOf('后备干部', Object.values(RESERVE_COLUMNS), ['', '李四', '五里镇/咀头村', '村党组织书记', '2025-03-01', '', '', ''], [
      [RESERVE_COLUMNS.idNumber, '必填。按身份证号与花名册对应；此人须已在花名册中'],
      [RESERVE_COLUMNS.name, '必填。须与花名册一致（核对用）'],
      [RESERVE_COLUMNS.org, '必填。此人在花名册中所在的村（社区），重名时写成“乡镇/村”'],
      [RESERVE_COLUMNS.targetRole, '必填，如 村党组织书记、村委会主任'],
      [RESERVE_COLUMNS.addedOn, '必填，日期，不晚于今天'],
      [RESERVE_COLUMNS.note, '可留空'],
      [RESERVE_COLUMNS.trainedOn + ' / ' + RESERVE_COLUMNS.training, '可留空；填一项须同时填另一项，培训日期不早于入库日期'],
      ['规则', '一人只入库一次（已在库中的人员是错误）。任何一行有错，整个文件都不导入。第 2 行为示例，请删除后填写'],
    ]);

  return { importPosts, importReserve, postTemplate, reserveTemplate };
}

export type CadreImport = ReturnType<typeof createCadreImport>;
