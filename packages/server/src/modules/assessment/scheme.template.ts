// The 龙江 shape of a performance index (seed 001, 绩效指数管理): 4 categories 党的建设 / 经济发展 /
// 基层治理 / 安定稳定, 8 items, 31 indicators, 100 points. The seed names the categories and the
// counts only: the items, indicators and index values here are SAMPLES for the county to edit, and
// each is marked `sample`.
import type { Cadence, IndicatorSource, SchemeTreeInput, ScoringLevel, SubjectKind } from '@lianxin/contract';

type Spec = [name: string, points: number, cadence: Cadence, source?: IndicatorSource, evidenceRequired?: boolean];

const item = (name: string, indicators: Spec[], scoringLevel: ScoringLevel = 'township') => ({
  name,
  points: Math.round(indicators.reduce((s, [, p]) => s + p, 0) * 10) / 10,
  indicators: indicators.map(([n, points, cadence, source = 'manual', evidenceRequired = source === 'manual']) => ({
    name: n, points, cadence, scoringLevel, evidenceRequired, source, sample: true,
  })),
});
const category = (name: string, items: ReturnType<typeof item>[]) => ({ name, points: items.reduce((s, i) => s + i.points, 0), items });

export const LONGJIANG_TEMPLATE: SchemeTreeInput = {
  categories: [
    category('党的建设', [
      item('组织建设', [
        ['“三会一课”按规定召开', 4, 'monthly'],
        ['主题党日活动按月开展', 4, 'monthly'],
        ['问题按期整改销号', 4, 'monthly', 'ledger_closed_on_time'],
        ['上级任务按期上报', 4, 'monthly', 'dispatch_reported_on_time'],
        ['党建阵地规范化建设', 4, 'annual'],
      ]),
      item('党员队伍', [
        ['党员发展程序规范', 5, 'annual'],
        ['党员教育培训', 5, 'quarterly'],
        ['党员设岗定责、承诺践诺', 5, 'half_year'],
        ['党费按时足额收缴', 5, 'monthly'],
      ]),
    ]),
    category('经济发展', [
      item('集体经济', [
        ['村集体经济收入增长', 4, 'annual'],
        ['集体资产资源管理规范', 4, 'half_year'],
        ['村务财务按时公开', 4, 'quarterly'],
        ['项目资金使用规范', 3, 'annual'],
      ]),
      item('产业发展', [
        ['主导产业培育', 2.5, 'annual'],
        ['党员示范户带动', 2.5, 'half_year'],
        ['项目推进', 2.5, 'quarterly'],
        ['群众增收', 2.5, 'annual'],
      ]),
    ]),
    category('基层治理', [
      item('为民服务', [
        ['群众诉求响应率', 3, 'monthly', 'citizen_response_rate'],
        ['群众诉求解决率', 3, 'monthly', 'citizen_resolve_rate'],
        ['群众诉求满意率', 3, 'monthly', 'citizen_satisfaction_rate'],
        ['便民服务代办', 3, 'monthly'],
      ]),
      item('矛盾化解', [
        ['矛盾纠纷排查化解', 3, 'monthly'],
        ['信访事项按期办理', 3, 'quarterly'],
        ['网格化管理', 2, 'quarterly'],
      ]),
    ]),
    category('安定稳定', [
      item('平安建设', [
        ['治安防控', 2, 'monthly'],
        ['禁毒宣传', 2, 'quarterly'],
        ['矛盾风险线索摸排', 2, 'quarterly'],
        ['重点人员服务管理', 2, 'monthly'],
      ]),
      item('安全生产', [
        ['安全隐患排查整治', 3, 'monthly'],
        ['防汛防火', 2, 'half_year'],
        ['安全事故零发生', 2, 'annual'],
      ]),
    ]),
  ],
};

// 第一书记年度考核 (示例): seeds 001/003/004 say first secretaries are assessed by the county with the
// township (驻村、帮扶、抓党建、办实事); the items, indicators and points are SAMPLES to edit. Two are
// computed from his own records (民情日记 visits and the requests he registered, by the accounts
// linked to him); the rest are scored by hand with evidence.
export const FIRST_SECRETARY_TEMPLATE: SchemeTreeInput = {
  categories: [
    category('驻村履职', [
      item('驻村走访', [
        ['在村月份中有民情日记走访', 20, 'annual', 'fs_visit_months'],
        ['驻村天数符合规定', 10, 'annual'],
      ], 'county'),
      item('为民办事', [
        ['代办群众诉求办结率', 15, 'annual', 'fs_requests_closed'],
        ['帮办实事、解决急难愁盼', 15, 'annual'],
      ], 'county'),
    ]),
    category('抓党建促发展', [
      item('建强支部', [
        ['指导“三会一课”、主题党日', 10, 'annual'],
        ['讲党课、培养后备力量', 10, 'annual'],
      ], 'county'),
      item('帮扶发展', [
        ['帮扶项目落地见效', 10, 'annual'],
        ['村集体经济增收', 10, 'annual'],
      ], 'county'),
    ]),
  ],
};

// 党建项目年交账考评 (示例): seeds 004/002 name the 年交账 and the appraisal of the best, not its
// items; these are SAMPLES to edit. Milestones and monthly reports on time are computed from the
// project's own records; the rest are scored by hand with evidence.
export const PROJECT_TEMPLATE: SchemeTreeInput = {
  categories: [
    category('推进落实', [
      item('挂图作战', [
        ['路线图节点按期完成', 25, 'annual', 'project_milestones_on_time'],
        ['月报告按期上报', 15, 'annual', 'project_reports_on_time'],
      ]),
      item('责任落实', [
        ['书记领办、班子承办、党员认岗到位', 10, 'annual'],
      ]),
    ]),
    category('成效评价', [
      item('项目成效', [
        ['年度目标完成', 25, 'annual'],
        ['群众满意度', 15, 'annual'],
        ['示范带动、可复制推广', 10, 'annual'],
      ]),
    ]),
  ],
};

/** The sample a new scheme of each kind starts from. */
export const TEMPLATES: Record<SubjectKind, SchemeTreeInput> = { org: LONGJIANG_TEMPLATE, first_secretary: FIRST_SECRETARY_TEMPLATE, project: PROJECT_TEMPLATE };
