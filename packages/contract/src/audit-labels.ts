// 审计日志 in words: every audit action code (`object.verb`, e.g. `problem.close`) and result as
// Chinese (and English) for the audit page. Codes stay in the database and the API; people read
// "问题台账 · 销号". A test (audit-labels.test.ts) keeps this list in step with the server's codes.
type L = { zh: string; en: string };

/** The kinds of records audit entries are about (the part before the dot). */
export const AUDIT_OBJECT_LABELS: Record<string, L> = {
  account: { zh: '账号', en: 'Account' },
  accountability: { zh: '问责', en: 'Accountability' },
  assessment_scheme: { zh: '考核指标体系', en: 'Assessment scheme' },
  assessment_subsidy: { zh: '村干部绩效补贴', en: 'Performance subsidies' },
  auth: { zh: '登录', en: 'Sign-in' },
  bulletin: { zh: '督查通报', en: 'Bulletin' },
  card: { zh: '连心卡', en: 'Contact card' },
  demo: { zh: '演示数据', en: 'Demo data' },
  development: { zh: '发展党员', en: 'Member development' },
  directive: { zh: '两下两上', en: 'Directive' },
  generate: { zh: '模拟数据', en: 'Synthetic data' },
  grid: { zh: '网格', en: 'Grid' },
  household: { zh: '包保户', en: 'Household' },
  inspection: { zh: '督查', en: 'Inspection' },
  ledger: { zh: '问题台账', en: 'Problem ledger' },
  meeting: { zh: '组织生活会议', en: 'Meeting' },
  consultation: { zh: '工作会商', en: 'Work consultation' },
  orglife: { zh: '组织生活', en: 'Organisational life' },
  openness: { zh: '三务公开设置', en: 'Openness settings' },
  disclosure: { zh: '三务公开', en: 'Disclosure' },
  finance_audit: { zh: '村级财务审计', en: 'Village finance audit' },
  register: { zh: '台账簿册', en: 'Register' },
  theme_day: { zh: '主题党日备案', en: 'Theme day filing' },
  org: { zh: '组织', en: 'Organisation' },
  person: { zh: '党员名册', en: 'Roster' },
  post: { zh: '职务', en: 'Post' },
  problem: { zh: '问题台账', en: 'Problem' },
  request: { zh: '群众事项', en: 'Citizen request' },
  reserve: { zh: '后备干部', en: 'Reserve cadre' },
  responsibility: { zh: '责任清单', en: 'Responsibility' },
  score_sheet: { zh: '考核评分表', en: 'Score sheet' },
  task: { zh: '任务清单', en: 'Task' },
  visit: { zh: '民情日记', en: 'Household visit' },
  whistle: { zh: '吹哨报到', en: 'Whistle' },
  whistle_part: { zh: '吹哨报到', en: 'Whistle' },
};

/** What was done (the part after the dot), where the same word serves every object. */
export const AUDIT_VERB_LABELS: Record<string, L> = {
  open: { zh: '登记', en: 'registered' },
  create: { zh: '新建', en: 'created' },
  update: { zh: '修改', en: 'edited' },
  delete: { zh: '删除', en: 'deleted' },
  close: { zh: '撤销', en: 'closed' },
  move: { zh: '调整隶属', en: 'moved' },
  import: { zh: '批量导入', en: 'imported' },
  export: { zh: '导出', en: 'exported' },
  comment: { zh: '留言', en: 'commented' },
  supervision: { zh: '督办', en: 'supervised' },
  attach: { zh: '上传附件', en: 'attached a file' },
  escalation: { zh: '逾期上报', en: 'escalated' },
  edit: { zh: '修改', en: 'edited' },
  start: { zh: '开始整改', en: 'started' },
  submit: { zh: '提交验收', en: 'submitted' },
  return: { zh: '退回重改', en: 'returned for rework' },
  accept: { zh: '验收通过', en: 'accepted' },
  publish: { zh: '反馈公示', en: 'published' },
  confirm: { zh: '确认完成', en: 'confirmed' },
  claim: { zh: '接办', en: 'taken on' },
  promise: { zh: '承诺办结时限', en: 'promised a date' },
  resolve: { zh: '办结', en: 'resolved' },
  archive: { zh: '归档', en: 'archived' },
  reopen: { zh: '重新交办', en: 'reopened' },
  report: { zh: '上报', en: 'reported' },
  record: { zh: '记录现场处置', en: 'recorded on-site work' },
  finish: { zh: '办结', en: 'finished' },
  decline: { zh: '退回', en: 'declined' },
  blow: { zh: '吹哨', en: 'whistled' },
  reroute: { zh: '改派', en: 're-routed' },
  view: { zh: '查看', en: 'viewed' },
  load: { zh: '载入', en: 'loaded' },
  register: { zh: '报到登记', en: 'registered' },
  deed: { zh: '记录为民办事', en: 'recorded a deed' },
  add: { zh: '新增', en: 'added' },
  remove: { zh: '移除', en: 'removed' },
  end: { zh: '任职结束', en: 'ended' },
  issue: { zh: '下发', en: 'issued' },
  fan_out: { zh: '分解下发', en: 'broken down' },
  settings: { zh: '设置', en: 'settings changed' },
  grant: { zh: '授权', en: 'granted' },
  reset_password: { zh: '重置密码', en: 'password reset' },
  login: { zh: '登录', en: 'signed in' },
  logout: { zh: '退出', en: 'signed out' },
  change_password: { zh: '修改密码', en: 'changed password' },
  totp_enable: { zh: '绑定动态口令', en: 'bound an authenticator' },
  hand_over: { zh: '移交', en: 'handed over' },
  rate: { zh: '群众评价', en: 'rated' },
  report_up: { zh: '向上报告', en: 'reported up' },
  escalate: { zh: '逾期上报上一级', en: 'escalated' },
  message: { zh: '告知群众进展', en: 'told the citizen' },
  designate: { zh: '授予称号', en: 'designated' },
  undesignate: { zh: '撤销称号', en: 'designation withdrawn' },
  refile: { zh: '重新备案', en: 'refiled' },
  approve: { zh: '审核通过', en: 'approved' },
  hold: { zh: '开展并记录', en: 'recorded as held' },
  agree: { zh: '同意实施', en: 'agreed' },
  resubmit: { zh: '重新报审', en: 'resubmitted' },
  carry_out: { zh: '实施完毕', en: 'carried out' },
  sit_in: { zh: '列席并记录意见', en: 'sat in and gave an opinion' },
  train: { zh: '参加培训', en: 'trained' },
  appoint: { zh: '任用', en: 'appointed' },
  make_activist: { zh: '确定为入党积极分子', en: 'made an activist' },
  make_target: { zh: '确定为发展对象', en: 'made a development target' },
  admit: { zh: '接收为预备党员', en: 'admitted as a probationary member' },
  make_full: { zh: '转为正式党员', en: 'made a full member' },
};

/** Whole codes whose words are not object + verb. */
export const AUDIT_ACTION_LABELS: Record<string, L> = {
  'problem.close': { zh: '问题销号', en: 'Problem closed' },
  'problem.open': { zh: '登记问题', en: 'Problem registered' },
  'request.open': { zh: '受理群众事项', en: 'Citizen request received' },
  'org.close': { zh: '撤销组织', en: 'Organisation closed' },
  'card.view': { zh: '查看连心卡（含电话）', en: 'Contact card viewed (with phones)' },
  'person.update': { zh: '修改党员信息', en: 'Person edited' },
  'person.create': { zh: '新增党员', en: 'Person added' },
  'auth.login': { zh: '登录', en: 'Sign-in' },
  'auth.logout': { zh: '退出登录', en: 'Sign-out' },
  'ledger.settings': { zh: '修改问题台账设置', en: 'Ledger settings changed' },
  'directive.report': { zh: '上报任务完成情况', en: 'Directive reported on' },
  'directive.close': { zh: '结束任务', en: 'Directive closed' },
  'request.reveal_phone': { zh: '查看群众完整电话（回访）', en: 'Citizen\'s full phone shown (call back)' },
  'whistle.judicial': { zh: '吹哨报到 · 移交公检法', en: 'Whistle handed to the judiciary' },
  'inspection.finding_to_problem': { zh: '督查发现列入问题台账', en: 'Inspection finding put on the ledger' },
  'org.designate': { zh: '认定工作站称号', en: 'Station designated' },
  'theme_day.open': { zh: '主题党日备案', en: 'Theme day filed' },
  'meeting.create': { zh: '录入会议记录', en: 'Meeting recorded' },
  'orglife.export': { zh: '导出会议记录簿', en: 'Minutes book exported' },
  'orglife.settings': { zh: '修改组织生活规则', en: 'Organisational life rules changed' },
  'openness.settings': { zh: '修改公开日、公开周期和簿册', en: 'Openness settings changed' },
  'disclosure.create': { zh: '编制三务公开', en: 'Disclosure composed' },
  'disclosure.update': { zh: '修改三务公开草稿', en: 'Disclosure draft edited' },
  'disclosure.photo': { zh: '上传公开栏照片', en: 'Board photo uploaded' },
  'disclosure.attach': { zh: '上传公开附件', en: 'Disclosure attachment uploaded' },
  'disclosure.publish': { zh: '公布三务公开', en: 'Disclosure published' },
  'disclosure.correct': { zh: '更正三务公开', en: 'Disclosure corrected' },
  'finance_audit.create': { zh: '登记村级财务审计', en: 'Finance audit recorded' },
  'finance_audit.finding_to_problem': { zh: '审计发现列入问题台账', en: 'Audit finding registered as a problem' },
  'register.add_row': { zh: '簿册手工登记', en: 'Register row added' },
  'register.export': { zh: '导出簿册', en: 'Register exported' },
  'org.undesignate': { zh: '撤销工作站称号', en: 'Station designation withdrawn' },
  'assessment_scheme.create': { zh: '新建考核指标体系（草稿）', en: 'Assessment scheme drafted' },
  'assessment_scheme.update': { zh: '修改考核指标体系草稿', en: 'Assessment scheme draft edited' },
  'assessment_scheme.publish': { zh: '发布考核指标体系', en: 'Assessment scheme published' },
  'assessment_scheme.copy': { zh: '复制考核指标体系到新年度', en: 'Assessment scheme copied to a new year' },
  'score_sheet.open': { zh: '新建考核评分表', en: 'Score sheet opened' },
  'score_sheet.score': { zh: '填写考核评分', en: 'Scores entered' },
  'score_sheet.submit': { zh: '提交考核评分', en: 'Score sheet submitted' },
  'score_sheet.return': { zh: '退回考核评分', en: 'Score sheet returned' },
  'score_sheet.pass': { zh: '考核评分审核通过', en: 'Score sheet passed' },
  'score_sheet.publish': { zh: '公布考核评分（锁定）', en: 'Score sheet published (locked)' },
  'development.open': { zh: '登记入党申请', en: 'Application for membership registered' },
  'post.update': { zh: '修改任职', en: 'Post changed' },
  'post.create': { zh: '任职', en: 'Post assigned' },
};

export const AUDIT_RESULTS = ['success', 'failure', 'denied'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];
export const AUDIT_RESULT_LABELS: Record<AuditResult, L> = {
  success: { zh: '成功', en: 'Succeeded' },
  failure: { zh: '失败', en: 'Failed' },
  denied: { zh: '被拒绝', en: 'Denied' },
};

/** The words of an audit action code: its own label, else object + verb, else the code itself. */
export function auditActionLabel(code: string, lang: 'zh' | 'en'): string {
  const own = AUDIT_ACTION_LABELS[code];
  if (own) return own[lang];
  const dot = code.indexOf('.');
  const object = AUDIT_OBJECT_LABELS[code.slice(0, dot)];
  const verb = AUDIT_VERB_LABELS[code.slice(dot + 1)];
  if (dot > 0 && object && verb) return lang === 'zh' ? `${object.zh} · ${verb.zh}` : `${object.en} ${verb.en}`;
  return code;
}

/** Whether a code has words (the test checks every code the server writes). */
export function hasAuditLabel(code: string): boolean {
  return auditActionLabel(code, 'zh') !== code;
}
