// 花名册导出与导入模板: the roster's columns, the import template (with an example row and a
// "填写说明" sheet) and the export of a filtered roster, written with exceljs's streaming writer.
// An export uses the template's columns, so it can be imported again. ID numbers and phones are
// shown exactly as the list shows them to the role (people.presenter.ts). Every text cell that a
// spreadsheet could take for a formula (= + - @, tab, CR) is written with a leading ' — the
// import strips that one quote again, so an export round-trips.
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  EDUCATION_LABELS,
  FLOW_STATUS_LABELS,
  GENDER_LABELS,
  MEMBER_STATUS_LABELS,
  can,
  type ListPeopleQuery,
} from '@lianxin/contract';
import type { Db } from '../../db/db.js';
import type { Actor } from '../../core/access.js';
import { requireAction } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import type { PiiCipher } from '../../core/pii.js';
import * as repo from './people.repository.js';
import { personPresenter } from './people.presenter.js';
import { EXAMPLE_ID_NUMBER, ROSTER_COLUMNS, buildOrgIndex, type OrgIndex, type RosterField } from './people.import.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ROSTER_SHEET = '党员名册';
export const HELP_SHEET = '填写说明';

import { neutralize } from '../../core/xlsx-write.js';
export { neutralize };

type CellValue = string | number | Date | null;

const dateCell = (d: string | null): Date | null => (d ? new Date(`${d}T00:00:00Z`) : null);

function startWorkbook(stream: Writable) {
  // Styles are needed for date cells (a numFmt) in the streaming writer.
  return new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
}

function addRosterSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter) {
  const ws = wb.addWorksheet(ROSTER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ROSTER_COLUMNS.map((c) => ({
    key: c.field,
    width: c.width,
    // Text format for ID numbers and phones, so Excel never turns them into numbers.
    style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.field === 'idNumber' || c.field === 'phone' ? { numFmt: '@' } : {},
  }));
  const header = ws.addRow(ROSTER_COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  return ws;
}

function addRow(ws: ExcelJS.Worksheet, values: Record<RosterField, CellValue>) {
  const row = ws.addRow(
    ROSTER_COLUMNS.map((c) => {
      const v = values[c.field];
      return typeof v === 'string' ? neutralize(v) : v;
    }),
  );
  ROSTER_COLUMNS.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    if (c.kind === 'date') cell.numFmt = 'yyyy-mm-dd';
    else if (c.field === 'idNumber' || c.field === 'phone') cell.numFmt = '@';
  });
  row.commit();
}

/** Where an example row should point: a village or community of the scope, or the scope itself. */
function exampleOrg(index: OrgIndex): string {
  const inScope = index.orgs.filter((o) => o.in_scope && o.status === 'active');
  const pick =
    inScope.find((o) => o.type === 'village' || o.type === 'community') ??
    inScope.find((o) => o.type !== 'station' && o.type !== 'grid' && o.type !== 'province') ??
    inScope[0];
  return pick ? index.label(pick.id) : '榆舍村';
}

export function createPeopleExport(deps: { db: Db; pii: PiiCipher; today: () => string; rootPathOf: (actor: Actor, orgId?: number) => Promise<string> }) {
  const { db, pii } = deps;

  /** The import template: the header, one valid example row, and the "填写说明" sheet. */
  async function template(actor: Actor): Promise<Buffer> {
    requireAction(actor, 'person:import');
    const index = buildOrgIndex(await repo.orgsForRoster(db, actor.scope));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      out.on('end', resolve);
      out.on('error', reject);
    });
    const wb = startWorkbook(out);
    const ws = addRosterSheet(wb);
    addRow(ws, {
      seq: 1,
      name: '张三',
      gender: GENDER_LABELS.male.zh,
      ethnicity: '汉族',
      birthDate: dateCell('1990-01-01'),
      idNumber: EXAMPLE_ID_NUMBER,
      phone: '13800138000',
      education: EDUCATION_LABELS.bachelor.zh,
      org: exampleOrg(index),
      partyGroup: null,
      memberStatus: MEMBER_STATUS_LABELS.formal.zh,
      joinDate: dateCell('2015-07-01'),
      fullDate: dateCell('2016-07-01'),
      flowStatus: FLOW_STATUS_LABELS.none.zh,
    });
    ws.commit();

    const help = wb.addWorksheet(HELP_SHEET);
    help.columns = [{ key: 'col', width: 14 }, { key: 'req', width: 8 }, { key: 'help', width: 100 }];
    const head = help.addRow(['列名', '是否必填', '填写说明']);
    head.font = { bold: true };
    head.commit();
    for (const c of ROSTER_COLUMNS) help.addRow([c.header, c.required ? '必填' : '选填', c.help]).commit();
    help.addRow([]).commit();
    for (const line of [
      '第一行是列名，请勿修改；从第二行起每行一人。第二行是示例，导入前请删除或改为真实信息（示例身份证号不能导入）。',
      '导入前可先"检查"：系统逐行校验，列出每个错误所在的行、列和原因，不写入任何数据。',
      '"全部成功才导入"：有任何一行错误则不导入；"只导入正确的行"：导入正确的行，列出其余行的错误。',
      '同一文件中身份证号不能重复；身份证号已登记在您管辖范围之外的，请联系上级组织部门办理转接。',
      '单个文件最多 50000 行、20 MB。',
    ]) {
      help.addRow([line]).commit();
    }
    help.commit();
    await wb.commit();
    await done;
    return Buffer.concat(chunks);
  }

  /**
   * Starts an export: checks the filter, counts and audits it, then answers a stream that the
   * rows are written into, a batch at a time.
   */
  async function exportRoster(actor: Actor, query: ListPeopleQuery): Promise<{ stream: PassThrough; rows: number }> {
    requireAction(actor, 'person:export');
    const today = deps.today();
    const rootPath = await deps.rootPathOf(actor, query.orgId);
    const { page: _p, pageSize: _s, sort: _o, order: _d, ...filter } = query;
    const rows = await repo.countRoster(db, actor.scope, rootPath, filter, today);
    const present = personPresenter(actor, pii, today);
    const reveal = present.summary; // masking exactly as the list shows it to this role
    await appendAudit(db, {
      countyId: actor.scope.countyId,
      accountId: actor.accountId,
      username: actor.username,
      action: 'person.export',
      objectType: 'person',
      summary: { filter, rows, fullPersonalData: can(actor.roles, 'person:read_pii') },
      result: 'success',
      ip: actor.ip,
    });
    const index = buildOrgIndex(await repo.orgsForRoster(db, actor.scope));
    const stream = new PassThrough();
    const write = async () => {
      const wb = startWorkbook(stream);
      const ws = addRosterSheet(wb);
      let seq = 0;
      for await (const batch of repo.iterateRoster(db, actor.scope, rootPath, filter, today)) {
        for (const r of batch) {
          const shown = reveal(r);
          addRow(ws, {
            seq: ++seq,
            name: r.name,
            gender: GENDER_LABELS[r.gender].zh,
            ethnicity: r.ethnicity,
            birthDate: dateCell(r.birth_date),
            idNumber: shown.idNumber,
            phone: shown.phone,
            education: shown.education ? EDUCATION_LABELS[shown.education].zh : null,
            org: index.label(r.org_id),
            partyGroup: r.party_group_id ? (index.byId.get(r.party_group_id)?.name ?? null) : null,
            memberStatus: r.member_status ? MEMBER_STATUS_LABELS[r.member_status].zh : null,
            joinDate: dateCell(r.join_date),
            fullDate: dateCell(r.full_date),
            flowStatus: FLOW_STATUS_LABELS[r.flow_status].zh,
          });
        }
      }
      ws.commit();
      await wb.commit();
    };
    write().catch((err: unknown) => stream.destroy(err instanceof Error ? err : new Error('export failed')));
    return { stream, rows };
  }

  return { template, exportRoster };
}

export type PeopleExport = ReturnType<typeof createPeopleExport>;
