// 教育培训 routes: the menu categories and course catalogue, sessions with their roster and
// attendance ticks, 书记讲党课 and 三个讲一次 talks, a person's record and the coverage board. Thin:
// schema, policy, one service call.
import type { TypedApp } from '../../core/http.js';
import {
  CreateTrainingCategoryBody,
  CreateTrainingCourseBody,
  CreateTrainingSessionBody,
  CreateTrainingTalkBody,
  IdParams,
  ListTrainingCategoriesQuery,
  ListTrainingCoursesQuery,
  ListTrainingSessionsQuery,
  ListTrainingTalksQuery,
  PersonTrainingQuery,
  PersonTrainingRecord,
  TickAttendanceBody,
  AttendSheetBody,
  TrainingCategory,
  TrainingCategoryPage,
  TrainingCourse,
  TrainingCoursePage,
  TrainingCoverage,
  TrainingCoverageQuery,
  TrainingRoster,
  TrainingSessionDetail,
  TrainingSessionPage,
  TrainingTalk,
  TrainingTalkPage,
  FileDownload,
  TRAINING_GROUP_LABELS,
} from '@lianxin/contract';
import { sendWorkbook } from '../../core/xlsx-write.js';
import type { TrainingService } from './training.service.js';

export async function trainingRoutes(app: TypedApp, opts: { training: TrainingService }) {
  const { training } = opts;
  const tags = ['training'];

  app.get(
    '/api/training/sessions/:id/roster/export',
    { schema: { tags, summary: '导出一次培训的签到表（.xlsx：培训对象与到课情况、人次）', params: IdParams, response: { 200: FileDownload } }, config: { policy: 'training:read' } },
    async (request, reply) => {
      const r = await training.roster(request.actor!, request.params.id);
      async function* rows() {
        yield r.people.map((p, i) => [i + 1, p.name, p.org, p.groups.map((g) => TRAINING_GROUP_LABELS[g].zh).join('、'), p.present ? '到课' : '']);
        yield [[null, `到课 ${r.personTimes} 人次`, null, null, null]];
      }
      await sendWorkbook(reply, `培训签到表-${r.session.heldOn}-${r.session.target.name}.xlsx`, '签到表', [
        { header: '序号', width: 6 }, { header: '姓名', width: 12 }, { header: '所在组织', width: 20 }, { header: '对象类别', width: 20 }, { header: '到课', width: 8 },
      ], rows());
      return reply;
    },
  );

  app.get(
    '/api/training/categories',
    { schema: { tags, summary: '本县培训菜单类别（菜单式培训）', querystring: ListTrainingCategoriesQuery, response: { 200: TrainingCategoryPage } }, config: { policy: 'training:read' } },
    async (request) => training.categories(request.actor!, request.query),
  );
  app.post(
    '/api/training/categories',
    { schema: { tags, summary: '新增培训菜单类别（县委组织部）', body: CreateTrainingCategoryBody, response: { 201: TrainingCategory } }, config: { policy: 'training:configure' } },
    async (request, reply) => reply.status(201).send(await training.addCategory(request.actor!, request.body)),
  );
  app.get(
    '/api/training/categories/:id',
    { schema: { tags, summary: '一个培训菜单类别（本县）', params: IdParams, response: { 200: TrainingCategory } }, config: { policy: 'training:read' } },
    async (request) => training.category(request.actor!, request.params.id),
  );
  app.get(
    '/api/training/courses',
    { schema: { tags, summary: '课程目录：本县和上级、本级及下级设置的课程（主题、类别、授课人、形式、学时）', querystring: ListTrainingCoursesQuery, response: { 200: TrainingCoursePage } }, config: { policy: 'training:read' } },
    async (request) => training.courses(request.actor!, request.query),
  );
  app.post(
    '/api/training/courses',
    { schema: { tags, summary: '新增课程（县委组织部或乡镇党委的课程目录）', body: CreateTrainingCourseBody, response: { 201: TrainingCourse } }, config: { policy: 'training:manage' } },
    async (request, reply) => reply.status(201).send(await training.addCourse(request.actor!, request.body)),
  );
  app.get(
    '/api/training/courses/:id',
    { schema: { tags, summary: '一门课程', params: IdParams, response: { 200: TrainingCourse } }, config: { policy: 'training:read' } },
    async (request) => training.course(request.actor!, request.params.id),
  );
  app.get(
    '/api/training/sessions',
    { schema: { tags, summary: '培训日历：管辖范围内举办的培训（按日期、课程、形式筛选），带人次合计', querystring: ListTrainingSessionsQuery, response: { 200: TrainingSessionPage } }, config: { policy: 'training:read' } },
    async (request) => training.sessions(request.actor!, request.query),
  );
  app.post(
    '/api/training/sessions',
    { schema: { tags, summary: '举办一期培训：课程、举办单位、日期、地点、培训对象（组织范围和人员类别）', body: CreateTrainingSessionBody, response: { 201: TrainingSessionDetail } }, config: { policy: 'training:manage' } },
    async (request, reply) => reply.status(201).send(await training.addSession(request.actor!, request.body)),
  );
  app.get(
    '/api/training/sessions/:id',
    { schema: { tags, summary: '一期培训及到课人员（人次由到课记录计算）', params: IdParams, response: { 200: TrainingSessionDetail } }, config: { policy: 'training:read' } },
    async (request) => training.session(request.actor!, request.params.id),
  );
  app.get(
    '/api/training/sessions/:id/roster',
    { schema: { tags, summary: '培训对象名册（勾选到课用）', params: IdParams, response: { 200: TrainingRoster } }, config: { policy: 'training:read' } },
    async (request) => training.roster(request.actor!, request.params.id),
  );
  app.post(
    '/api/training/sessions/:id/attendance',
    { schema: { tags, summary: '勾选或取消到课；培训对象以外的人员拒绝（400）', params: IdParams, body: TickAttendanceBody, response: { 200: TrainingRoster } }, config: { policy: 'training:manage' } },
    async (request) => training.tick(request.actor!, request.params.id, request.body),
  );
  app.post(
    '/api/training/sessions/:id/attendance/sheet',
    { schema: { tags, summary: '全部到课（整张签到表）：全部登记或全部不登记，培训对象以外的人员点名拒绝（400）', params: IdParams, body: AttendSheetBody, response: { 200: TrainingRoster } }, config: { policy: 'training:manage' } },
    async (request) => training.attendMany(request.actor!, request.params.id, request.body.personIds),
  );
  app.get(
    '/api/training/talks',
    { schema: { tags, summary: '书记讲党课、三个讲一次（管辖范围内）', querystring: ListTrainingTalksQuery, response: { 200: TrainingTalkPage } }, config: { policy: 'training:read' } },
    async (request) => training.talks(request.actor!, request.query),
  );
  app.post(
    '/api/training/talks',
    { schema: { tags, summary: '记录书记讲党课（组织生活已记录的党课会议直接关联）或三个讲一次', body: CreateTrainingTalkBody, response: { 201: TrainingTalk } }, config: { policy: 'training:manage' } },
    async (request, reply) => reply.status(201).send(await training.addTalk(request.actor!, request.body)),
  );
  app.get(
    '/api/training/talks/:id',
    { schema: { tags, summary: '一次书记讲党课或三个讲一次', params: IdParams, response: { 200: TrainingTalk } }, config: { policy: 'training:read' } },
    async (request) => training.talk(request.actor!, request.params.id),
  );
  app.get(
    '/api/training/people/:id',
    { schema: { tags, summary: '一个人的培训记录（参加的培训、讲的党课，按年度）', params: IdParams, querystring: PersonTrainingQuery, response: { 200: PersonTrainingRecord } }, config: { policy: 'training:read' } },
    async (request) => training.personRecord(request.actor!, request.params.id, request.query),
  );
  app.get(
    '/api/training/coverage',
    { schema: { tags, summary: '培训覆盖：两委干部和党员本年参加培训的人数，按下级单位逐级下钻（不排名）', querystring: TrainingCoverageQuery, response: { 200: TrainingCoverage } }, config: { policy: 'training:read' } },
    async (request) => training.coverage(request.actor!, request.query),
  );
}
