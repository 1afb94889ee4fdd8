// The 龙江 shape of a performance index (seed 001, 绩效指数管理): 4 categories 党的建设 / 经济发展 /
// 基层治理 / 安定稳定, 8 items, 31 indicators, 100 points. The seed names the categories and the
// counts only: the items, indicators and index values here are SAMPLES for the county to edit, and
// each is marked `sample`.
import type { Cadence, IndicatorSource, SchemeTreeInput } from '@lianxin/contract';

type Spec = [name: string, points: number, cadence: Cadence, source?: IndicatorSource, evidenceRequired?: boolean];

const item = (name: string, indicators: Spec[]) => ({
  name,
  points: Math.round(indicators.reduce((s, [, p]) => s + p, 0) * 10) / 10,
  indicators: indicators.map(([n, points, cadence, source = 'manual', evidenceRequired = source === 'manual']) => ({
    name: n, points, cadence, scoringLevel: 'township' as const, evidenceRequired, source, sample: true,
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
