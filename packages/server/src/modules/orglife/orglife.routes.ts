// 组织生活 routes: thin — schema, policy, one service call.
import type { TypedApp } from '../../core/http.js';
import {
  BoardQuery,
  BoardView,
  ConsultationPage,
  ConsultationTransitionParams,
  ConsultationView,
  FileDownload,
  FileThemeDayBody,
  FilingPage,
  FilingTransitionParams,
  FilingView,
  FireConsultationBody,
  FireFilingBody,
  IdParams,
  ListConsultationsQuery,
  ListFilingsQuery,
  ListMeetingsQuery,
  MeetingDetail,
  MeetingPage,
  MinutesBookQuery,
  OpenConsultationBody,
  OrglifeSettings,
  RecordMeetingBody,
  Roster,
  SaveOrglifeSettingsBody,
  SitInBody,
  CreatePartyGroupBody,
  IdAndAttachmentParams,
  NoContent,
  PartyGroupList,
  PartyGroupView,
  UpdatePartyGroupBody,
  VersionQuery,
} from '@lianxin/contract';
import { receiveUpload } from '../../core/upload.js';
import { contentDisposition } from '../../core/file-type.js';

/** A meeting's photo or file: a phone's camera picture fits well within it. */
const MEETING_FILE_BYTES = 10 * 1024 * 1024;
import type { OrglifeService } from './orglife.service.js';
import type { Db } from '../../db/db.js';
import { appendAudit } from '../../core/audit.js';
import { sendWorkbook } from '../../core/xlsx-write.js';
import { sendTablePdf, type PdfFont } from '../../core/pdf.js';

/** 会议记录簿 (seed 004's 七簿两账两手册): one row a meeting, as the book is kept. */
export const MINUTES_BOOK_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '日期', width: 12 },
  { header: '会议类型', width: 12 },
  { header: '单位', width: 14 },
  { header: '地点', width: 16 },
  { header: '主持人', width: 10 },
  { header: '议题', width: 30 },
  { header: '应到', width: 6 },
  { header: '实到', width: 6 },
  { header: '缺席人员及原因', width: 30 },
  { header: '会议记录', width: 50 },
  { header: '议定事项', width: 30 },
  { header: '列席及意见', width: 30 },
];


export async function orglifeRoutes(app: TypedApp, opts: { orglife: OrglifeService; db: Db; pdfFont?: PdfFont }) {
  const { orglife } = opts;
  const tags = ['orglife'];

  app.get('/api/orglife/settings', { schema: { tags, summary: '本县组织生活规则：会议类型、每年应开次数、补录窗口', response: { 200: OrglifeSettings } }, config: { policy: 'orglife:read' } },
    async (request) => orglife.getSettings(request.actor!));

  app.put('/api/orglife/settings',
    { schema: { tags, summary: '修改本县组织生活规则（县委组织部）', body: SaveOrglifeSettingsBody, response: { 200: OrglifeSettings } }, config: { policy: 'orglife:configure' } },
    async (request) => orglife.saveSettings(request.actor!, request.body));

  app.get('/api/orglife/units/:id/roster',
    { schema: { tags, summary: '单位党员名单（会议签到勾选用）', params: IdParams, response: { 200: Roster } }, config: { policy: 'orglife:read' } },
    async (request) => orglife.roster(request.actor!, request.params.id));

  app.post('/api/orglife/meetings',
    { schema: { tags, summary: '录入会议记录（一次录入：到会、缺席及原因、记录、决定）', body: RecordMeetingBody, response: { 201: MeetingDetail } }, config: { policy: 'orglife:record' } },
    async (request, reply) => {
      const id = await orglife.recordMeeting(request.actor!, request.body);
      return reply.status(201).send(await orglife.meeting(request.actor!, id));
    });

  app.get('/api/orglife/meetings',
    { schema: { tags, summary: '会议记录（按单位、年、月、类型）', querystring: ListMeetingsQuery, response: { 200: MeetingPage } }, config: { policy: 'orglife:read' } },
    async (request) => orglife.meetings(request.actor!, request.query));

  app.get('/api/orglife/meetings/:id',
    { schema: { tags, summary: '会议记录详情', params: IdParams, response: { 200: MeetingDetail } }, config: { policy: 'orglife:read' } },
    async (request) => orglife.meeting(request.actor!, request.params.id));

  app.post('/api/orglife/meetings/:id/sit-ins',
    { schema: { tags, summary: '列席：上级同志列席会议并记录意见', params: IdParams, body: SitInBody, response: { 201: MeetingDetail } }, config: { policy: 'orglife:record' } },
    async (request, reply) => {
      await orglife.sitIn(request.actor!, request.params.id, request.body);
      return reply.status(201).send(await orglife.meeting(request.actor!, request.params.id));
    });

  // ---- 会议照片和附件 ----
  app.post('/api/orglife/meetings/:id/files',
    { schema: { tags, summary: '上传会议照片或附件（图片、PDF、Word、Excel，10 MB 以内；补录期内）', params: IdParams, consumes: ['multipart/form-data'], response: { 201: MeetingDetail } }, config: { policy: 'orglife:record' } },
    async (request, reply) => {
      const { fileName, mimeType, content } = await receiveUpload(request, { maxBytes: MEETING_FILE_BYTES, noun: { zh: '会议照片或附件', en: 'Meeting files' } });
      await orglife.attachFile(request.actor!, request.params.id, { fileName, mimeType, content });
      return reply.status(201).send(await orglife.meeting(request.actor!, request.params.id));
    });
  app.get('/api/orglife/meetings/:id/files/:attachmentId',
    { schema: { tags, summary: '查看或下载会议照片、附件', params: IdAndAttachmentParams, response: { 200: FileDownload } }, config: { policy: 'orglife:read' } },
    async (request, reply) => {
      const f = await orglife.meetingFile(request.actor!, request.params.id, request.params.attachmentId);
      const inline = f.mimeType.startsWith('image/') || f.mimeType === 'application/pdf';
      reply.header('Content-Type', f.mimeType);
      reply.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', f.fileName));
      reply.header('Cache-Control', 'private, max-age=300');
      return reply.send(f.content);
    });
  app.delete('/api/orglife/meetings/:id/files/:attachmentId',
    { schema: { tags, summary: '删除会议照片或附件（补录期内）', params: IdAndAttachmentParams, response: { 204: NoContent } }, config: { policy: 'orglife:record' } },
    async (request, reply) => {
      await orglife.removeFile(request.actor!, request.params.id, request.params.attachmentId);
      return reply.status(204).send(null);
    });

  // ---- 党小组 ----
  app.get('/api/orglife/units/:id/party-groups',
    { schema: { tags, summary: '支部的党小组及其成员、未编入党小组的党员', params: IdParams, response: { 200: PartyGroupList } }, config: { policy: 'orglife:read' } },
    async (request) => orglife.partyGroups(request.actor!, request.params.id));
  app.post('/api/orglife/units/:id/party-groups',
    { schema: { tags, summary: '成立党小组（可同时从本支部名册编入成员）', params: IdParams, body: CreatePartyGroupBody, response: { 201: PartyGroupView } }, config: { policy: 'orglife:group' } },
    async (request, reply) => {
      const id = await orglife.createPartyGroup(request.actor!, request.params.id, request.body);
      return reply.status(201).send(await orglife.partyGroup(request.actor!, id));
    });
  app.get('/api/orglife/party-groups/:id',
    { schema: { tags, summary: '党小组及其成员', params: IdParams, response: { 200: PartyGroupView } }, config: { policy: 'orglife:read' } },
    async (request) => orglife.partyGroup(request.actor!, request.params.id));
  app.put('/api/orglife/party-groups/:id',
    { schema: { tags, summary: '党小组改名、调整成员（未列出的原成员移出本小组）', params: IdParams, body: UpdatePartyGroupBody, response: { 200: PartyGroupView } }, config: { policy: 'orglife:group' } },
    async (request) => orglife.updatePartyGroup(request.actor!, request.params.id, request.body));
  app.delete('/api/orglife/party-groups/:id',
    { schema: { tags, summary: '撤销党小组（成员留在本支部，已开的党小组会保留）', params: IdParams, querystring: VersionQuery, response: { 204: NoContent } }, config: { policy: 'orglife:group' } },
    async (request, reply) => {
      await orglife.dissolvePartyGroup(request.actor!, request.params.id, request.query.version);
      return reply.status(204).send(null);
    });

  app.get('/api/orglife/minutes-book',
    { schema: { tags, summary: '会议记录簿（.xlsx，一年的会议，按日期）', querystring: MinutesBookQuery, response: { 200: FileDownload } }, config: { policy: 'orglife:read' } },
    async (request, reply) => {
      const actor = request.actor!;
      const book = await orglife.minutesBook(actor, request.query);
      const count = await sendWorkbook(reply, `会议记录簿_${book.org.name}_${book.year}.xlsx`, '会议记录簿', MINUTES_BOOK_COLUMNS, book.rows);
      await opts.db.transaction((tx) =>
        appendAudit(tx, { countyId: book.org.county_id, accountId: actor.accountId, username: actor.username, action: 'orglife.export', objectType: 'org', objectId: book.org.id, summary: { rows: count, year: book.year }, result: 'success', ip: actor.ip }),
      );
      return reply;
    });
  app.get('/api/orglife/minutes-book/pdf',
    { schema: { tags, summary: '会议记录簿（A4 PDF，可打印：一年的会议，按日期，每页重复表头、带页码）', querystring: MinutesBookQuery, response: { 200: FileDownload } }, config: { policy: 'orglife:read' } },
    async (request, reply) => {
      const actor = request.actor!;
      const book = await orglife.minutesBook(actor, request.query);
      const rows = [];
      for await (const batch of book.rows) rows.push(...batch);
      await sendTablePdf(reply, `会议记录簿_${book.org.name}_${book.year}.pdf`, {
        title: '会议记录簿', unit: book.org.name, period: `${book.year}年`, rows, landscape: true,
        // a date is kept on one line on paper (the sheet's widths are for a spreadsheet)
        columns: MINUTES_BOOK_COLUMNS.map((c) => (c.header === '日期' ? { ...c, width: 17 } : c)),
      }, opts.pdfFont, (count) => opts.db.transaction((tx) =>
        appendAudit(tx, { countyId: book.org.county_id, accountId: actor.accountId, username: actor.username, action: 'orglife.export', objectType: 'org', objectId: book.org.id, summary: { rows: count, year: book.year, format: 'pdf' }, result: 'success', ip: actor.ip }),
      ));
      return reply;
    });

  app.post('/api/orglife/consultations',
    { schema: { tags, summary: '工作会商：重大事项会商后报镇党委审定', body: OpenConsultationBody, response: { 201: ConsultationView } }, config: { policy: 'orglife:record' } },
    async (request, reply) => {
      const id = await orglife.openConsultation(request.actor!, request.body);
      return reply.status(201).send(await orglife.consultation(request.actor!, id));
    });
  app.get('/api/orglife/consultations',
    { schema: { tags, summary: '工作会商（新的在前，分页）', querystring: ListConsultationsQuery, response: { 200: ConsultationPage } }, config: { policy: 'orglife:read' } },
    async (request) => orglife.consultations(request.actor!, request.query));
  app.get('/api/orglife/consultations/:id',
    { schema: { tags, summary: '工作会商详情', params: IdParams, response: { 200: ConsultationView } }, config: { policy: 'orglife:read' } },
    async (request) => orglife.consultation(request.actor!, request.params.id));
  app.post('/api/orglife/consultations/:id/transitions/:transition',
    { schema: { tags, summary: '会商办理：同意、退回、重新报审、实施完毕', params: ConsultationTransitionParams, body: FireConsultationBody, response: { 200: ConsultationView } }, config: { policy: 'orglife:record' } },
    async (request) => orglife.fireConsultation(request.actor!, request.params.id, request.params.transition, request.body));

  app.get('/api/orglife/board',
    { schema: { tags, summary: '谁落后了：应开与已开，按下级汇总，可下钻', querystring: BoardQuery, response: { 200: BoardView } }, config: { policy: 'orglife:read' } },
    async (request) => orglife.board(request.actor!, request.query));

  app.post('/api/orglife/filings',
    { schema: { tags, summary: '主题党日活动方案备案（活动日之前）', body: FileThemeDayBody, response: { 201: FilingView } }, config: { policy: 'orglife:record' } },
    async (request, reply) => {
      const id = await orglife.fileThemeDay(request.actor!, request.body);
      return reply.status(201).send(await orglife.filing(request.actor!, id));
    });

  app.get('/api/orglife/filings',
    { schema: { tags, summary: '主题党日备案（审核队列，活动日新的在前，分页）', querystring: ListFilingsQuery, response: { 200: FilingPage } }, config: { policy: 'orglife:read' } },
    async (request) => orglife.filings(request.actor!, request.query));

  app.get('/api/orglife/filings/:id',
    { schema: { tags, summary: '主题党日备案详情', params: IdParams, response: { 200: FilingView } }, config: { policy: 'orglife:read' } },
    async (request) => orglife.filing(request.actor!, request.params.id));

  app.post('/api/orglife/filings/:id/transitions/:transition',
    { schema: { tags, summary: '备案办理：退回、重新备案、审核通过、开展并记录', params: FilingTransitionParams, body: FireFilingBody, response: { 200: FilingView } }, config: { policy: 'orglife:record' } },
    async (request) => orglife.fireFiling(request.actor!, request.params.id, request.params.transition, request.body));
}
