// 花名册导入: reads an uploaded .xlsx (already passed through core/xlsx-guard.ts) with exceljs's
// streaming reader, checks EVERY row with the form's rules (the CreatePersonBody schema and
// preparePerson), and reports each problem as {row (Excel row number), column (Chinese header),
// message}. Writing is set-based (unnest), WRITE_CHUNK rows per transaction with a pause between
// chunks, and one audit record for the whole import (counts only, never personal data).
//
// Why chunks and not one transaction: PGlite has one connection and runs in the server's own
// thread, so a 50,000-row write in one transaction stalled every other request of the server for
// ~2 s (measured: the event loop did not turn once), and its progress bar could not move. The cost
// is atomicity of the write phase: a failure or a kill midway leaves the earlier chunks written.
// That is safe because the import is idempotent on ID number (below): importing the same file
// again matches the written people and writes only the rest; rows with ID numbers are written
// first, rows without one (which a second import would create again) last. A failure says how
// many rows were written. Validation stays all-or-nothing: in that mode one bad row writes nothing.
//
// Idempotent on ID number: a row whose ID number is registered in the actor's scope updates that
// person (counted as updated, or skipped when nothing changed); an ID number registered outside
// the scope is a row error that says nothing about where; an ID number twice in one file is an
// error on every such row. Rows without an ID number always create a person — the report warns
// about each, since importing the same file again creates them again.
//
// Progress: a real import runs as a job (core/jobs.ts). The upload is parsed in the request (so a
// broken file answers 4xx at once), then the route answers 202 {jobId} and the rows are checked
// in the background, a chunk at a time, then written a chunk at a time; jobs.processed counts the
// checked rows at half weight and the written rows at the other half, so the bar moves through
// both phases. The last chunk, the audit record and the job's final ImportReport commit together.
// The web wizard polls GET /api/jobs/:id for its progress bar.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import {
  CreatePersonBody,
  EDUCATION_LABELS,
  FLOW_STATUS_LABELS,
  GENDER_LABELS,
  MEMBER_STATUS_LABELS,
  valueByLabel,
  type ImportReport,
} from '@lianxin/contract';
import type { Db } from '../../db/db.js';
import { inScope, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, type Lang } from '../../core/errors.js';
import { checkCharacter, genderOf, validateIdNumber } from '../../core/id-number.js';
import { createJob, finishJob, releaseJob, reportProgress } from '../../core/jobs.js';
import type { PiiCipher } from '../../core/pii.js';
import { workbookReader } from '../../core/xlsx-read.js';
import * as repo from './people.repository.js';
import type { ExistingPerson, PersonWrite, RosterOrg } from './people.repository.js';
import { preparePerson, type PersonInput } from './people.service.js';

// ---------------------------------------------------------------------------------------------
// The sheet: its columns (shared with the template and the export, people.export.ts).

export type RosterField =
  | 'seq' | 'name' | 'gender' | 'ethnicity' | 'birthDate' | 'idNumber' | 'phone' | 'education'
  | 'org' | 'partyGroup' | 'memberStatus' | 'joinDate' | 'fullDate' | 'flowStatus';

export type RosterColumn = { field: RosterField; header: string; width: number; kind: 'text' | 'date' | 'enum'; required: boolean; help: string };

const labels = (l: Record<string, { zh: string }>) => Object.values(l).map((x) => x.zh).join('、');

/** The roster's columns, in order: the template, the export and the import share them. */
export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { field: 'seq', header: '序号', width: 6, kind: 'text', required: false, help: '可不填，导入时忽略。' },
  { field: 'name', header: '姓名', width: 10, kind: 'text', required: true, help: '必填，最多 50 个字。' },
  { field: 'gender', header: '性别', width: 6, kind: 'enum', required: true, help: `必填：${labels(GENDER_LABELS)}。填写了身份证号时可留空，按身份证号识别；填写时须与身份证号一致。` },
  { field: 'ethnicity', header: '民族', width: 8, kind: 'text', required: false, help: '如"汉族""回族"；留空按汉族。' },
  { field: 'birthDate', header: '出生日期', width: 12, kind: 'date', required: false, help: '日期，如 1990-01-01（也可写 1990/01/01、1990.01.01 或 Excel 日期）。填写了身份证号时可留空，须与身份证号一致。' },
  { field: 'idNumber', header: '身份证号', width: 21, kind: 'text', required: false, help: '18 位公民身份号码（最后一位可为 X），请以文本格式填写。同一身份证号再次导入时更新该人员信息，不会重复新增；未填写身份证号的行每次导入都会新增人员。' },
  { field: 'phone', header: '手机号', width: 14, kind: 'text', required: false, help: '11 位手机号，或带区号的固定电话。' },
  { field: 'education', header: '学历', width: 10, kind: 'enum', required: false, help: `可选：${labels(EDUCATION_LABELS)}。` },
  { field: 'org', header: '所在党组织', width: 22, kind: 'text', required: true, help: '必填：您管辖范围内的党组织名称，如"榆舍村"。有同名组织时写上级名称和本级名称，用"/"分隔，如"五里镇/咀头村"。' },
  { field: 'partyGroup', header: '党小组', width: 12, kind: 'text', required: false, help: '可选：所在党组织下的党小组名称，如"第一党小组"。' },
  { field: 'memberStatus', header: '党员类别', width: 10, kind: 'enum', required: false, help: `${labels(MEMBER_STATUS_LABELS)}；非党员（如入党积极分子）留空。党员须填写入党日期。` },
  { field: 'joinDate', header: '入党日期', width: 12, kind: 'date', required: false, help: '日期；入党时须年满 18 周岁。' },
  { field: 'fullDate', header: '转正日期', width: 12, kind: 'date', required: false, help: '日期；预备党员不填；不能早于入党日期。' },
  { field: 'flowStatus', header: '流动情况', width: 10, kind: 'enum', required: false, help: `可选：${labels(FLOW_STATUS_LABELS)}；留空按非流动。` },
];

/** The template's example ID number: synthetic (宜君县 610222, born 1990-01-01, male). */
export const EXAMPLE_ID_NUMBER = (() => {
  const first17 = '61022219900101001';
  return first17 + checkCharacter(first17);
})();

/** Most data rows in one file. */
export const MAX_IMPORT_ROWS = 50_000;
/** Most row errors (and warnings) listed in a report; the counts stay exact. */
const MAX_LISTED = 1000;
/** Rows written per transaction (each ~30 ms on PGlite): other requests get in between. */
export const WRITE_CHUNK = 1000;

/** Rows checked between two progress updates. */
const CHUNK = 500;

export type ImportMode = 'all_or_nothing' | 'valid_only';

type Msg = { zh: string; en: string };
type RowIssue = { row: number; column: string; msg: Msg };

// ---------------------------------------------------------------------------------------------
// Org names: 所在党组织 is a unique name among the scope's orgs, or a path of names.

export type OrgIndex = {
  orgs: RosterOrg[];
  byId: Map<number, RosterOrg>;
  /** An org of the scope by name or by a path of names ("五里镇/咀头村"). */
  resolve(text: string): { ok: true; org: RosterOrg } | { ok: false; msg: Msg };
  /** The shortest unambiguous way to write an org of the scope (its name, or a path). */
  label(id: number): string;
  /** An active Party group of the org by name. */
  groupOf(orgId: number, name: string): RosterOrg | undefined;
};

export function buildOrgIndex(orgs: RosterOrg[]): OrgIndex {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const byName = new Map<string, RosterOrg[]>();
  for (const o of orgs) {
    if (!o.in_scope) continue;
    const list = byName.get(o.name);
    if (list) list.push(o);
    else byName.set(o.name, [o]);
  }
  const ancestorNames = (o: RosterOrg): string[] => {
    const names: string[] = [];
    for (let p = o.parent_id ? byId.get(o.parent_id) : undefined; p; p = p.parent_id ? byId.get(p.parent_id) : undefined) names.unshift(p.name);
    return names;
  };
  // The last segment is the org's name; the others appear among its ancestors, in order.
  const matches = (o: RosterOrg, segments: string[]): boolean => {
    if (o.name !== segments[segments.length - 1]) return false;
    const above = ancestorNames(o);
    let i = 0;
    for (const s of segments.slice(0, -1)) {
      while (i < above.length && above[i] !== s) i++;
      if (i === above.length) return false;
      i++;
    }
    return true;
  };
  const find = (segments: string[]) => (byName.get(segments[segments.length - 1] ?? '') ?? []).filter((o) => matches(o, segments));
  const labels = new Map<number, string>();
  const label = (id: number): string => {
    const cached = labels.get(id);
    if (cached) return cached;
    const o = byId.get(id);
    if (!o) return '';
    const above = ancestorNames(o);
    const tries = [[o.name], ...above.map((a) => [a, o.name]), [...above, o.name]];
    const chosen = tries.find((segs) => find(segs).length === 1) ?? [...above, o.name];
    const text = chosen.join('/');
    labels.set(id, text);
    return text;
  };
  return {
    orgs,
    byId,
    label,
    resolve(text) {
      const segments = text.split(/[/／]/).map((s) => s.trim()).filter(Boolean);
      let found = find(segments);
      if (found.length > 1) {
        const active = found.filter((o) => o.status === 'active');
        if (active.length === 1) found = active;
      }
      if (found.length === 1) return { ok: true, org: found[0]! };
      if (found.length === 0) {
        return { ok: false, msg: { zh: `党组织「${text}」不存在或不在您的管辖范围内`, en: `No organization "${text}" in your scope` } };
      }
      const examples = found.slice(0, 3).map((o) => label(o.id));
      return {
        ok: false,
        msg: {
          zh: `有 ${found.length} 个名为「${text}」的党组织，请写明上级，如「${examples.join('」「')}」`,
          en: `${found.length} organizations are named "${text}"; add the parent, e.g. "${examples.join('", "')}"`,
        },
      };
    },
    groupOf(orgId, name) {
      return orgs.find((o) => o.parent_id === orgId && o.type === 'party_group' && o.status === 'active' && o.name === name);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the workbook.

type Cell = string | number | Date | null;
export type SheetRow = { row: number; cells: Partial<Record<RosterField, Cell>> };

const unreadable = () =>
  new AppError('validation_failed', { zh: '无法读取工作簿内容，文件可能已损坏', en: 'The workbook cannot be read; the file may be damaged' });

function cellOf(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text?: string }[]; text?: unknown; result?: unknown; formula?: unknown; sharedFormula?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o) return cellOf(o.result);
    if (o.text !== undefined) return cellOf(o.text);
    if (o.error !== undefined) return String(o.error);
  }
  return null;
}

const normalizeHeader = (h: string) => h.replace(/\s+/g, '').replace(/[*＊]/g, '').replace(/[（(](必填|选填)[)）]$/, '');
const HEADER_FIELDS = new Map(ROSTER_COLUMNS.map((c) => [c.header, c.field]));
export const HEADER_OF = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.field, c.header])) as Record<RosterField, string>;

/**
 * The roster rows of a workbook: the first sheet whose header row (within its first 10 rows)
 * holds 姓名. Throws a 4xx AppError for an unreadable file, missing columns or too many rows.
 */
export async function readRoster(buf: Buffer): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  let found = false;
  try {
    const reader = workbookReader(buf);
    for await (const sheet of reader) {
      let columns: Map<number, RosterField> | undefined;
      let seen = 0;
      for await (const row of sheet) {
        if (found && !columns) continue; // another sheet after the roster: drain it
        const values = (row.values as unknown[]) ?? [];
        if (!columns) {
          if (++seen > 10) continue;
          const headers = values.map((v) => cellOf(v));
          if (!headers.some((h) => typeof h === 'string' && normalizeHeader(h) === '姓名')) continue;
          columns = new Map();
          const taken = new Set<RosterField>();
          headers.forEach((h, i) => {
            const field = typeof h === 'string' ? HEADER_FIELDS.get(normalizeHeader(h)) : undefined;
            if (!field) return; // other columns (备注 …) are ignored
            if (taken.has(field)) {
              throw new AppError('validation_failed', { zh: `列名「${HEADER_OF[field]}」重复`, en: `The column "${HEADER_OF[field]}" appears twice` });
            }
            taken.add(field);
            columns!.set(i, field);
          });
          const missing = ROSTER_COLUMNS.filter((c) => (c.field === 'name' || c.field === 'org') && !taken.has(c.field)).map((c) => c.header);
          if (missing.length > 0) {
            throw new AppError('validation_failed', { zh: `缺少必需的列：${missing.join('、')}`, en: `Missing columns: ${missing.join(', ')}` });
          }
          found = true;
          continue;
        }
        const cells: SheetRow['cells'] = {};
        let filled = false;
        for (const [i, field] of columns) {
          const c = cellOf(values[i]);
          if (c === null || (typeof c === 'string' && c.trim() === '')) continue;
          cells[field] = c;
          if (field !== 'seq') filled = true;
        }
        if (!filled) continue;
        if (rows.length >= MAX_IMPORT_ROWS) {
          throw new AppError('payload_too_large', { zh: `单个文件最多导入 ${MAX_IMPORT_ROWS} 行，请分成几个文件`, en: `At most ${MAX_IMPORT_ROWS} rows per file` });
        }
        rows.push({ row: row.number, cells });
      }
      if (columns) columns = undefined;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable();
  }
  if (!found) {
    throw new AppError('validation_failed', { zh: '未找到名册表头（第一行应为"姓名""所在党组织"等列名），请使用导入模板', en: 'No roster header row found; use the import template' });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Cells to a person's fields.

const stripQuote = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

function textOf(c: Cell | undefined): string | undefined {
  if (c === null || c === undefined) return undefined;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  const s = stripQuote(String(c).trim());
  return s === '' ? undefined : s;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell: a real Excel date, or text YYYY-MM-DD / YYYY/MM/DD / YYYY.MM.DD. */
function dateOf(c: Cell | undefined): { ok: true; value: string | undefined } | { ok: false } {
  if (c === null || c === undefined) return { ok: true, value: undefined };
  if (c instanceof Date) return { ok: true, value: `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())}` };
  if (typeof c === 'number') {
    // A date serial whose date format was lost (1920-01-01 … 2100-12-31); a bare year is not one.
    if (Number.isInteger(c) && c >= 7306 && c <= 73415) {
      const d = new Date(Math.round((c - 25569) * 86_400_000));
      return { ok: true, value: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` };
    }
    return { ok: false };
  }
  const s = c.trim();
  if (!s) return { ok: true, value: undefined };
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (!m) return { ok: false };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return { ok: false };
  return { ok: true, value: `${m[1]}-${pad(mo)}-${pad(d)}` };
}

const allowed = (l: Record<string, { zh: string }>) => Object.values(l).map((x) => x.zh).join('、');

// The form's request schema, compiled as core/http.ts compiles route schemas (Ajv), all errors.
const shapeAjv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
addFormats.default(shapeAjv);
const checkShape = shapeAjv.compile(CreatePersonBody);

/** Maps preparePerson's and the schema's field names to the sheet's columns. */
const FIELD_COLUMN: Record<string, RosterField> = {
  name: 'name', gender: 'gender', ethnicity: 'ethnicity', birthDate: 'birthDate', idNumber: 'idNumber', phone: 'phone',
  education: 'education', orgId: 'org', partyGroupId: 'partyGroup', memberStatus: 'memberStatus', joinDate: 'joinDate',
  fullDate: 'fullDate', flowStatus: 'flowStatus',
};

type Checked = {
  row: number;
  issues: RowIssue[];
  write?: PersonWrite;
  /** The normalized ID number, when valid (duplicates in the file). */
  idNumber?: string;
};

/** Checks one row with the form's rules; answers the write or every problem of the row. */
function checkRow(r: SheetRow, ctx: { index: OrgIndex; pii: PiiCipher; today: string }): Checked {
  const issues = new Map<RosterField, Msg>();
  const issue = (f: RosterField, zh: string, en: string) => {
    if (!issues.has(f)) issues.set(f, { zh, en });
  };
  const c = r.cells;

  const idText = c.idNumber;
  let idNumber: string | undefined;
  if (typeof idText === 'number') {
    issue('idNumber', '身份证号被存成了数字（末几位会丢失），请把该列设为文本格式后重新填写', 'The ID number was stored as a number (digits are lost); format the column as text');
  } else {
    idNumber = textOf(idText);
    if (idNumber?.includes('*')) issue('idNumber', '身份证号是脱敏显示的号码（含 *），请填写完整号码', 'The ID number is masked (contains *); enter the full number');
    else if (idNumber && idNumber.toUpperCase() === EXAMPLE_ID_NUMBER) issue('idNumber', '这是模板中的示例身份证号，请删除示例行或填写真实信息', 'This is the template example; delete the example row');
  }
  const validId = idNumber && !issues.has('idNumber') ? validateIdNumber(idNumber) : undefined;

  let phone = typeof c.phone === 'number' ? String(c.phone) : textOf(c.phone);
  if (phone?.includes('*')) {
    issue('phone', '手机号是脱敏显示的号码（含 *），请填写完整号码', 'The phone number is masked (contains *); enter the full number');
    phone = undefined;
  }

  const genderText = textOf(c.gender);
  let gender = genderText ? valueByLabel(GENDER_LABELS, genderText) : undefined;
  if (genderText && !gender) issue('gender', `性别只能填写：${allowed(GENDER_LABELS)}`, 'Gender is 男 or 女');
  else if (!genderText && validId?.ok) gender = genderOf(validId.value);
  else if (!genderText) issue('gender', '请填写性别（男或女）', 'Gender is required');

  const enumOf = <T extends string>(f: RosterField, labels: Record<T, { zh: string; en: string }>, en: string): T | undefined => {
    const text = textOf(c[f]);
    if (!text) return undefined;
    const v = valueByLabel(labels, text);
    if (!v) issue(f, `「${text}」不是有效的${HEADER_OF[f]}，可填写：${allowed(labels)}`, `Invalid ${en}`);
    return v;
  };
  const education = enumOf('education', EDUCATION_LABELS, 'education');
  const memberStatus = enumOf('memberStatus', MEMBER_STATUS_LABELS, 'member status');
  const flowStatus = enumOf('flowStatus', FLOW_STATUS_LABELS, 'flow status');

  const dates = {} as Record<'birthDate' | 'joinDate' | 'fullDate', string | undefined>;
  for (const f of ['birthDate', 'joinDate', 'fullDate'] as const) {
    const d = dateOf(c[f]);
    if (d.ok) dates[f] = d.value;
    else issue(f, '日期无效，请填写如 1990-01-01 的日期', 'Invalid date; use YYYY-MM-DD');
  }

  const orgText = textOf(c.org);
  let org: RosterOrg | undefined;
  if (!orgText) issue('org', '请填写所在党组织', 'The organization is required');
  else {
    const found = ctx.index.resolve(orgText);
    if (found.ok) org = found.org;
    else issue('org', found.msg.zh, found.msg.en);
  }
  // a row may name a party group as the organization ("榆舍村/第一党小组"): the person is the branch's
  // member in that group (preparePerson stores the branch with the group set)
  const above = org?.type === 'party_group' && org.parent_id !== null ? ctx.index.byId.get(org.parent_id) : undefined;
  const branch = above?.in_scope ? above : undefined;
  const groupText = textOf(c.partyGroup);
  let group: RosterOrg | undefined;
  if (groupText && org) {
    group = ctx.index.groupOf(branch?.id ?? org.id, groupText.split(/[/／]/).pop()!.trim());
    if (!group) issue('partyGroup', `所在党组织下没有名为「${groupText}」的党小组`, `No Party group "${groupText}" in the organization`);
  }

  const input: PersonInput = {
    name: textOf(c.name) ?? '',
    gender: gender ?? 'male',
    ethnicity: textOf(c.ethnicity),
    birthDate: dates.birthDate ?? null,
    idNumber: issues.has('idNumber') ? null : (idNumber ?? null),
    phone: phone ?? null,
    education: education ?? null,
    orgId: org?.id ?? 1,
    memberStatus: memberStatus ?? null,
    joinDate: dates.joinDate ?? null,
    fullDate: dates.fullDate ?? null,
    partyGroupId: group?.id ?? null,
    flowStatus: flowStatus ?? 'none',
  };

  // The request schema of the form (lengths and shapes), validated as the route validates it.
  if (!checkShape(input)) {
    for (const e of checkShape.errors ?? []) {
      const f = FIELD_COLUMN[e.instancePath.replace(/^\//, '').split('/')[0] ?? ''];
      if (!f) continue;
      const limit = (e.params as { limit?: number }).limit;
      if (e.keyword === 'maxLength') issue(f, `${HEADER_OF[f]}最多 ${limit} 个字`, `${HEADER_OF[f]} has at most ${limit} characters`);
      else if (e.keyword === 'minLength') issue(f, `${HEADER_OF[f]}不能为空`, `${HEADER_OF[f]} may not be empty`);
      else issue(f, `${HEADER_OF[f]}格式不正确`, `${HEADER_OF[f]} is invalid`);
    }
  }

  // The form's rules, shared with POST /api/people.
  const prepared = preparePerson(input, { org, partyGroup: group, branch, pii: ctx.pii, today: ctx.today });
  if (!prepared.ok) {
    for (const e of prepared.errors) {
      const f = FIELD_COLUMN[e.field];
      if (f) issue(f, e.zh, e.en);
    }
  }
  const list: RowIssue[] = ROSTER_COLUMNS.filter((col) => issues.has(col.field)).map((col) => ({ row: r.row, column: col.header, msg: issues.get(col.field)! }));
  if (list.length > 0 || !prepared.ok) return { row: r.row, issues: list, idNumber: validId?.ok ? validId.value : undefined };
  return { row: r.row, issues: [], write: prepared.write, idNumber: validId?.ok ? validId.value : undefined };
}

/** Whether an import row changes the stored person (ID number and phone compared by hash). */
function changes(w: PersonWrite, e: ExistingPerson): boolean {
  return (
    w.orgId !== e.org_id || w.name !== e.name || w.gender !== e.gender || w.ethnicity !== e.ethnicity ||
    w.birthDate !== e.birth_date || w.idNumberHash !== e.id_number_hash || w.phoneHash !== e.phone_hash ||
    w.education !== e.education || w.memberStatus !== e.member_status || w.joinDate !== e.join_date ||
    w.fullDate !== e.full_date || w.partyGroupId !== e.party_group_id || w.flowStatus !== e.flow_status
  );
}

type Plan = {
  totalRows: number;
  validRows: number;
  issues: RowIssue[];
  warnings: RowIssue[];
  creates: PersonWrite[];
  updates: { id: number; version: number; write: PersonWrite }[];
  skipped: number;
};

export type ImportReportOut = ImportReport & { warnings: ImportReport['errors'] };

const render = (list: RowIssue[], lang: Lang) => list.slice(0, MAX_LISTED).map((i) => ({ row: i.row, column: i.column, message: i.msg[lang] }));

class ConcurrentChange extends Error {}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Roster imports running at once on one server; one more is refused (429) until one ends. */
export const MAX_CONCURRENT_PERSON_IMPORTS = 2;

export function createPeopleImport(deps: { db: Db; pii: PiiCipher; today: () => string; log?: (msg: string, meta?: Record<string, unknown>) => void }) {
  const { db, pii } = deps;
  const running = new Set<Promise<void>>();
  let slots = 0;

  /** Checks every row and decides what each does; progress(n) after each chunk. */
  async function plan(actor: Actor, rows: SheetRow[], progress?: (n: number) => Promise<void>): Promise<Plan> {
    const index = buildOrgIndex(await repo.orgsForRoster(db, actor.scope));
    const today = deps.today();
    const checked: Checked[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      for (const r of rows.slice(i, i + CHUNK)) checked.push(checkRow(r, { index, pii, today }));
      if (progress) await progress(Math.min(i + CHUNK, rows.length));
      await pause(); // let other requests in (a PGlite query alone does not turn the event loop)
    }

    // The same ID number twice in the file: every such row is an error.
    const rowsById = new Map<string, number[]>();
    for (const c of checked) if (c.idNumber) rowsById.set(c.idNumber, [...(rowsById.get(c.idNumber) ?? []), c.row]);
    for (const c of checked) {
      const same = c.idNumber ? rowsById.get(c.idNumber)! : [];
      if (same.length < 2) continue;
      const others = same.filter((n) => n !== c.row).join('、');
      c.issues.push({ row: c.row, column: HEADER_OF.idNumber, msg: { zh: `身份证号与第 ${others} 行重复`, en: `The ID number repeats row ${others}` } });
      c.write = undefined;
    }

    // Every valid ID number of the file, also on rows with other errors: a number registered
    // outside the scope is reported whatever else is wrong with the row.
    const hashOf = new Map(checked.flatMap((c) => (c.idNumber ? [[c.row, pii.hash(c.idNumber)] as const] : [])));
    const hashes = [...new Set(hashOf.values())];
    const existing = new Map<string, ExistingPerson>();
    for (let i = 0; i < hashes.length; i += 5000) {
      for (const e of await repo.findPeopleByIdNumberHashes(db, hashes.slice(i, i + 5000))) existing.set(e.id_number_hash!, e);
    }

    const p: Plan = { totalRows: rows.length, validRows: 0, issues: [], warnings: [], creates: [], updates: [], skipped: 0 };
    for (const c of checked) {
      const w = c.write;
      const hash = hashOf.get(c.row);
      const known = hash ? existing.get(hash) : undefined;
      if (known && !inScope(actor.scope, known.org_path)) {
        // Registered elsewhere: say so, and nothing about where.
        c.issues.push({ row: c.row, column: HEADER_OF.idNumber, msg: { zh: '该身份证号已在您的管辖范围以外登记，不能在此导入；如需转入，请联系上级组织部门', en: 'This ID number is registered outside your scope' } });
      }
      if (c.issues.length > 0 || !w) {
        p.issues.push(...c.issues);
        continue;
      }
      p.validRows++;
      if (!w.idNumberHash) {
        p.warnings.push({ row: c.row, column: HEADER_OF.idNumber, msg: { zh: '未填写身份证号：将新增人员，再次导入同一文件会重复新增', en: 'No ID number: a new person is created each time this row is imported' } });
        p.creates.push(w);
      } else if (!known) p.creates.push(w);
      else {
        const write = { ...w, status: known.status }; // the import does not change whether someone left
        if (changes(write, known)) p.updates.push({ id: known.id, version: known.version, write });
        else p.skipped++;
      }
    }
    p.issues.sort((a, b) => a.row - b.row);
    return p;
  }

  function reportOf(p: Plan, o: { jobId: number | null; dryRun: boolean; imported: boolean; lang: Lang }): ImportReportOut {
    const counted = o.dryRun || o.imported;
    return {
      jobId: o.jobId,
      dryRun: o.dryRun,
      totalRows: p.totalRows,
      validRows: p.validRows,
      errors: render(p.issues, o.lang),
      warnings: render(p.warnings, o.lang),
      created: counted ? p.creates.length : 0,
      updated: counted ? p.updates.length : 0,
      skipped: counted ? p.skipped : 0,
      imported: o.imported,
    };
  }

  const auditImport = (q: Db | Parameters<Parameters<Db['transaction']>[0]>[0], actor: Actor, jobId: number, mode: ImportMode, p: Plan, imported: boolean, partial = false) =>
    appendAudit(q, {
      countyId: actor.scope.countyId,
      accountId: actor.accountId,
      username: actor.username,
      action: 'person.import',
      objectType: 'job',
      objectId: jobId,
      summary: {
        mode,
        totalRows: p.totalRows,
        validRows: p.validRows,
        invalidRows: p.totalRows - p.validRows,
        created: imported ? p.creates.length : 0,
        updated: imported ? p.updates.length : 0,
        skipped: imported ? p.skipped : 0,
        imported,
        ...(partial ? { partial: true } : {}),
      },
      result: imported && !partial ? 'success' : 'failure',
      ip: actor.ip,
    });

  /**
   * 检查: a dry run. Every row is checked; nothing is written. created/updated/skipped say what
   * importing the valid rows would do.
   */
  async function check(actor: Actor, rows: SheetRow[], lang: Lang): Promise<ImportReportOut> {
    requireAction(actor, 'person:import');
    return reportOf(await plan(actor, rows), { jobId: null, dryRun: true, imported: false, lang });
  }

  async function run(actor: Actor, jobId: number, rows: SheetRow[], mode: ImportMode, lang: Lang): Promise<void> {
    const total = rows.length;
    const half = (n: number) => Math.floor(n / 2);
    // What has been committed so far, for an honest failure message.
    const written = { created: 0, updated: 0 };
    let p: Plan | undefined;
    try {
      p = await plan(actor, rows, (n) => reportProgress(db, jobId, half(n)));
      const go = p.validRows > 0 && (mode === 'valid_only' || p.issues.length === 0);
      if (!go) {
        const plan_ = p;
        await db.transaction(async (tx) => {
          await auditImport(tx, actor, jobId, mode, plan_, false);
          await finishJob(tx, jobId, 'done', reportOf(plan_, { jobId, dryRun: false, imported: false, lang }), total);
        });
        return;
      }
      // People with an ID number first (a repeated import matches them), those without last.
      type Op = { kind: 'update'; u: Plan['updates'][number] } | { kind: 'create'; w: PersonWrite };
      const ops: Op[] = [
        ...p.updates.map((u) => ({ kind: 'update' as const, u })),
        ...p.creates.filter((w) => w.idNumberHash).map((w) => ({ kind: 'create' as const, w })),
        ...p.creates.filter((w) => !w.idNumberHash).map((w) => ({ kind: 'create' as const, w })),
      ];
      const planned = p;
      // Nothing to write (every valid row unchanged): the loop still runs once, to finish the job.
      for (let i = 0; i === 0 || i < ops.length; i += WRITE_CHUNK) {
        const part = ops.slice(i, i + WRITE_CHUNK);
        const last = i + WRITE_CHUNK >= ops.length;
        const creates = part.flatMap((o) => (o.kind === 'create' ? [o.w] : []));
        const updates = part.flatMap((o) => (o.kind === 'update' ? [o.u] : []));
        await db.transaction(async (tx) => {
          await repo.insertPeopleBulk(tx, creates);
          if ((await repo.updatePeopleBulk(tx, updates)) !== updates.length) throw new ConcurrentChange();
          if (!last) await reportProgress(tx, jobId, half(total) + half(Math.round(((i + part.length) / ops.length) * total)));
          else {
            await auditImport(tx, actor, jobId, mode, planned, true);
            await finishJob(tx, jobId, 'done', reportOf(planned, { jobId, dryRun: false, imported: true, lang }), total);
          }
        });
        written.created += creates.length;
        written.updated += updates.length;
        if (!last) await pause();
      }
    } catch (err) {
      const clash = err instanceof ConcurrentChange || (err as { code?: string }).code === '23505';
      const none = written.created + written.updated === 0;
      const why: Msg = clash
        ? { zh: '导入期间有人修改或新增了相同身份证号的人员', en: 'Someone changed the same people meanwhile' }
        : { zh: '导入失败', en: 'The import failed' };
      const msg: Msg = none
        ? { zh: `${why.zh}，本次未导入任何数据，请重新导入`, en: `${why.en}; nothing was imported, please retry` }
        : {
            zh: `${why.zh}：已导入 ${written.created + written.updated} 人（新增 ${written.created}，更新 ${written.updated}），其余未导入。再次导入同一文件即可补全：已导入的人员按身份证号识别，只会更新，不会重复`,
            en: `${why.en}: ${written.created + written.updated} people were written (${written.created} new, ${written.updated} updated), the rest were not. Import the same file again to finish: people already written are matched by ID number, not duplicated`,
          };
      // No personal data in the log: only the kind of error.
      deps.log?.('person import failed', { jobId, code: (err as { code?: string }).code, name: (err as Error).name, written: written.created + written.updated });
      if (p && !none) {
        // The rows that did land are an official change: audit them, with what failed.
        const partial: Plan = { ...p, creates: p.creates.slice(0, written.created), updates: p.updates.slice(0, written.updated) };
        await auditImport(db, actor, jobId, mode, partial, true, true).catch(() => undefined);
      }
      await finishJob(db, jobId, 'failed', { message: msg[lang] }).catch(() => undefined);
    } finally {
      releaseJob(jobId);
    }
  }

  /** 导入: starts the import as a job and answers its id at once; the work goes on in the background. */
  async function start(actor: Actor, rows: SheetRow[], mode: ImportMode, lang: Lang): Promise<number> {
    requireAction(actor, 'person:import');
    // A bounded number of imports per server (each holds its whole sheet in memory while it runs).
    // The place is taken before the first await, so simultaneous starts cannot all pass the check.
    if (slots >= MAX_CONCURRENT_PERSON_IMPORTS) {
      throw new AppError('rate_limited', { zh: '其他导入正在进行，服务器繁忙，请 1 分钟后再试', en: 'Other imports are running; try again in a minute' });
    }
    slots++;
    let jobId: number;
    try {
      jobId = await createJob(db, actor.accountId, 'person.import', rows.length);
    } catch (err) {
      slots--;
      throw err;
    }
    const work = run(actor, jobId, rows, mode, lang);
    running.add(work);
    void work.finally(() => {
      running.delete(work);
      slots--;
    });
    return jobId;
  }

  /** Resolves when no import is running (the app waits for this when it closes). */
  const idle = () => Promise.allSettled([...running]).then(() => undefined);

  return { check, start, idle };
}

export type PeopleImport = ReturnType<typeof createPeopleImport>;
