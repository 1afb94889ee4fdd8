// 工作台: what waits for the account's org now, counted from the records of every module — the
// same facts the modules' own lists show, never entered again for a dashboard.
import { Type, type Static } from '@sinclair/typebox';

export const TODO_KINDS = [
  'assignments_to_report', // 两下两上: directives addressed to my org, not reported yet
  'assignments_late_below', // reports due from the orgs below me that are late
  'tasks_open', // 任务清单: tasks in my scope not yet reported done, every year (the list's open filter)
  'problems_open', // 问题台账: open problems in my subtree
  'problems_overdue', // … past their deadline
  'problems_supervision_due', // … whose 督办 is due
  'problems_escalated', // overdue problems escalated to my org
  'requests_unclaimed', // 群众事项: received, nobody has taken them on (首问负责)
  'requests_open', // … not resolved
  'requests_promise_overdue', // … past the promised date
  'whistle_parts_to_answer', // 吹哨报到: parts whistled to my department, not finished
  'whistle_parts_declined', // parts declined by a department, waiting for me to re-route
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export const TODO_LABELS: Record<TodoKind, { zh: string; en: string }> = {
  assignments_to_report: { zh: '待上报的任务', en: 'Directives to report on' },
  assignments_late_below: { zh: '下级逾期未报', en: 'Late reports below' },
  tasks_open: { zh: '任务清单未完成', en: 'Open tasks on the list' },
  problems_open: { zh: '未销号问题', en: 'Open problems' },
  problems_overdue: { zh: '逾期未整改', en: 'Overdue problems' },
  problems_supervision_due: { zh: '到期待督办', en: 'Supervision due' },
  problems_escalated: { zh: '上交本级督办', en: 'Escalated to us' },
  requests_unclaimed: { zh: '待接办群众事项', en: 'Requests nobody has taken' },
  requests_open: { zh: '办理中群众事项', en: 'Requests being handled' },
  requests_promise_overdue: { zh: '超过承诺时限', en: 'Past the promised date' },
  whistle_parts_to_answer: { zh: '待报到的吹哨', en: 'Whistles to answer' },
  whistle_parts_declined: { zh: '被退回待改派', en: 'Declined parts to re-route' },
};

export const TodoItem = Type.Object({
  kind: Type.Unsafe<TodoKind>({ type: 'string', enum: [...TODO_KINDS] }),
  count: Type.Integer({ minimum: 0 }),
  /** Needs attention now (late, overdue, unclaimed) rather than routine work in progress. */
  urgent: Type.Boolean(),
  /** The page that lists exactly these records. */
  href: Type.String(),
});
export type TodoItem = Static<typeof TodoItem>;

export const TodoSummary = Type.Object({ today: Type.String({ format: 'date' }), items: Type.Array(TodoItem) });
export type TodoSummary = Static<typeof TodoSummary>;

// 今日待办: the same facts as single records — each item one thing to do, with its title, its
// due date, why it waits (the reason a problem was sent back) and the page where it is done.
export const TODAY_KINDS = [
  'problem_returned', // 被退回待重改: the checker sent my rectification back, with a reason
  'problem_overdue', // my problem is past its deadline and not submitted
  'problem_to_start', // registered for my org: write the measures and start
  'problem_rectifying', // my org is rectifying it: submit when done
  'problem_to_check', // submitted below me (or to me as the named checker): check it
  'problem_supervision', // 督办: a problem below me is due for supervision
  'report_overdue', // 两下两上: my org's report is late
  'report_due', // … due (this week first)
  'task_open', // 任务清单: a task my org owns
  'request_to_claim', // 群众事项: received, nobody has taken it on
  'request_overdue', // mine, past the promised date
  'request_mine', // mine, being handled
  'whistle_to_answer', // 吹哨报到: my department's part, not finished
  'whistle_declined', // a department declined my whistle: re-route it
  'meeting_due', // 组织生活: a meeting type my branch still owes by the end of this month
  'filing_returned', // 主题党日 备案 returned: revise and refile
  'filing_to_review', // 主题党日 备案 filed below me: pass or return
  'sheet_returned', // 考核评分: the county returned my org's score sheet, with a reason
  'sheet_to_review', // 考核评分: a sheet submitted (or passed) below me waits for my review or publishing
  'development_due', // 发展党员: a person's next step is past its time limit on the county's path, or within its warning days (转正 when probation ends)
  'weak_to_decide', // 软弱涣散整顿: a branch proposed, or a rectification awaiting acceptance, for the county
  'weak_returned', // 软弱涣散整顿: the county did not accept a rectification I am in charge of, with its reason
  'designation_to_check', // 称号认定: a nomination (or a yearly review) below me whose criteria and evidence I check, returned ones included
  'designation_to_decide', // 称号认定: a designation checked, approved or reviewed below the county, waiting for its decision
  'flow_step_due', // 小微权力: a step of a matter my level acts on
  'flow_dereliction', // 失职预警: a step of a matter below me is past its time limit
  'milestone_due', // 项目化推进: a route-map milestone of my unit's project due within 7 days or overdue
  'disclosure_due', // 三务公开: my unit has not yet published this month's disclosure (within a week of the day)
  'disclosure_overdue', // … and the county's disclosure day has passed
  'disclosures_overdue_below', // units below me past the disclosure day
  'research_short', // 调查研究: my station has reported fewer than 2 rounds this year, in its last quarter
  'research_to_appraise', // 调查研究: a station's report below me waits for my appraisal
] as const;
export type TodayKind = (typeof TODAY_KINDS)[number];

export const TODAY_LABELS: Record<TodayKind, { zh: string; en: string }> = {
  problem_returned: { zh: '被退回待重改', en: 'Sent back for rework' },
  problem_overdue: { zh: '整改已逾期', en: 'Rectification overdue' },
  problem_to_start: { zh: '待制定整改措施', en: 'Write the measures' },
  problem_rectifying: { zh: '整改中，完成后提交验收', en: 'Rectifying — submit when done' },
  problem_to_check: { zh: '待验收', en: 'To check' },
  problem_supervision: { zh: '到期督办', en: 'Supervision due' },
  report_overdue: { zh: '上报已逾期', en: 'Report overdue' },
  report_due: { zh: '待上报', en: 'Report due' },
  task_open: { zh: '任务清单待完成', en: 'Task to complete' },
  request_to_claim: { zh: '群众事项待接办', en: 'Request to take on' },
  request_overdue: { zh: '超过承诺时限', en: 'Past the promised date' },
  request_mine: { zh: '我在办的群众事项', en: 'Request I am handling' },
  whistle_to_answer: { zh: '吹哨待报到', en: 'Whistle to answer' },
  whistle_declined: { zh: '吹哨被退回待改派', en: 'Whistle declined — re-route' },
  meeting_due: { zh: '本月应开的会', en: 'Meeting due this month' },
  filing_returned: { zh: '主题党日备案被退回', en: 'Theme day filing returned' },
  filing_to_review: { zh: '主题党日备案待审核', en: 'Theme day filing to review' },
  sheet_returned: { zh: '评分表被退回', en: 'Score sheet returned' },
  sheet_to_review: { zh: '评分表待审核', en: 'Score sheet to review' },
  development_due: { zh: '发展党员步骤到期', en: 'Development step due' },
  weak_to_decide: { zh: '软弱涣散整顿待研究', en: 'Weak branch to decide' },
  weak_returned: { zh: '整顿验收未通过', en: 'Rectification not accepted' },
  designation_to_check: { zh: '称号待核对认定标准', en: 'Designation to check' },
  designation_to_decide: { zh: '称号待审定', en: 'Designation to decide' },
  flow_step_due: { zh: '小微权力事项待办理', en: 'Matter step to act on' },
  flow_dereliction: { zh: '失职预警：步骤逾期', en: 'Dereliction warning: step overdue' },
  milestone_due: { zh: '项目节点即将到期', en: 'Project milestone due' },
  disclosure_due: { zh: '三务公开待公布', en: 'Disclosure due' },
  disclosure_overdue: { zh: '三务公开已逾期', en: 'Disclosure overdue' },
  disclosures_overdue_below: { zh: '下级三务公开逾期', en: 'Disclosures overdue below' },
  research_short: { zh: '调查研究不足 2 次', en: 'Research rounds short' },
  research_to_appraise: { zh: '调研报告待评定', en: 'Research report to appraise' },
};

/** The button on an item: what the user does there. */
export const TODAY_ACTION_LABELS: Record<TodayKind, { zh: string; en: string }> = {
  problem_returned: { zh: '去重改', en: 'Rework' },
  problem_overdue: { zh: '去整改', en: 'Rectify' },
  problem_to_start: { zh: '填整改措施', en: 'Write measures' },
  problem_rectifying: { zh: '提交验收', en: 'Submit' },
  problem_to_check: { zh: '去验收', en: 'Check' },
  problem_supervision: { zh: '去督办', en: 'Supervise' },
  report_overdue: { zh: '马上上报', en: 'Report now' },
  report_due: { zh: '去上报', en: 'Report' },
  task_open: { zh: '查看任务', en: 'Open task' },
  request_to_claim: { zh: '去接办', en: 'Take it on' },
  request_overdue: { zh: '去办理', en: 'Handle' },
  request_mine: { zh: '去办理', en: 'Handle' },
  whistle_to_answer: { zh: '去报到', en: 'Answer' },
  whistle_declined: { zh: '去改派', en: 'Re-route' },
  meeting_due: { zh: '录入会议', en: 'Record it' },
  filing_returned: { zh: '修改后重新备案', en: 'Refile' },
  filing_to_review: { zh: '去审核', en: 'Review' },
  sheet_returned: { zh: '修改后重新提交', en: 'Revise and resubmit' },
  sheet_to_review: { zh: '去审核', en: 'Review' },
  development_due: { zh: '去办理', en: 'Take the step' },
  weak_to_decide: { zh: '去研究', en: 'Decide' },
  weak_returned: { zh: '继续整顿', en: 'Continue' },
  designation_to_check: { zh: '去核对', en: 'Check' },
  designation_to_decide: { zh: '去审定', en: 'Decide' },
  flow_step_due: { zh: '去办理', en: 'Act' },
  flow_dereliction: { zh: '去督促', en: 'Follow up' },
  milestone_due: { zh: '去完成节点', en: 'Record it' },
  disclosure_due: { zh: '去公开', en: 'Publish' },
  disclosure_overdue: { zh: '马上公开', en: 'Publish now' },
  disclosures_overdue_below: { zh: '查看逾期单位', en: 'See who is late' },
  research_short: { zh: '制定调研计划', en: 'Plan a round' },
  research_to_appraise: { zh: '去评定', en: 'Appraise' },
};

export const TodayItem = Type.Object({
  kind: Type.Unsafe<TodayKind>({ type: 'string', enum: [...TODAY_KINDS] }),
  /** The record's id (problem, assignment, request case, whistle part). */
  id: Type.Integer({ minimum: 1 }),
  title: Type.String(),
  /** The unit the item concerns, by name. */
  org: Type.String(),
  /** The date it is due by (deadline, report due date, promised date, supervision date). */
  due: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  /** Why it waits: the checker's reason for sending it back, a department's for declining. */
  reason: Type.Union([Type.String(), Type.Null()]),
  /** When it last changed (newest first among equals). */
  at: Type.String({ format: 'date-time' }),
  /** Late, sent back, or nobody has taken it. */
  urgent: Type.Boolean(),
  /** Where it is done: one tap. */
  href: Type.String(),
});
export type TodayItem = Static<typeof TodayItem>;

export const TodayList = Type.Object({
  today: Type.String({ format: 'date' }),
  items: Type.Array(TodayItem),
  /** Items found; the list shows the first 50, most urgent first. */
  total: Type.Integer({ minimum: 0 }),
});
export type TodayList = Static<typeof TodayList>;
