// Pure rules of indicator schemes and score sheets: the tree's totals, indicator keys, which
// indicators a month scores (by cadence), computed points from a rate, vetoes, grades. No database.
import {
  INDICATOR_SOURCE_LABELS,
  SOURCES_BY_SUBJECT,
  SUBJECT_KIND_LABELS,
  type SubjectKind,
  type Cadence,
  type Grade,
  type SchemeTree,
  type SchemeTreeInput,
  type Veto,
} from '@lianxin/contract';
import type { FieldError } from '../../core/errors.js';

/**
 * Usage-based indicators are refused by name too (DOMAIN.md §11; the 2026 rules on government
 * apps forbid scoring people on likes, forwards or study time): the closed list of computed sources
 * has none of these, and a manual indicator may not be named after them either.
 */
const USAGE = /登录|登陆|点击|点赞|转发|阅读时长|学习时长|在线时长|浏览量|打卡|积分排名|签到|login|click|like|forward|reading time/i;

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10;

/** Everything wrong with a tree: children that do not add up to their parent, usage-based indicators. */
/** What is wrong with a tree for a scheme of the kind (sums, usage, and sources the kind's subjects have records for). */
export function treeProblems(totalPoints: number, tree: SchemeTreeInput, kind: SubjectKind = 'org'): FieldError[] {
  const problems: FieldError[] = [];
  const categoriesSum = sum(tree.categories.map((c) => c.points));
  if (categoriesSum !== totalPoints) {
    problems.push({ field: 'tree.categories', zh: `各类别分值合计 ${categoriesSum} 分，与总分 ${totalPoints} 分不符`, en: `The categories add up to ${categoriesSum}, not ${totalPoints}` });
  }
  tree.categories.forEach((c, ci) => {
    const itemsSum = sum(c.items.map((i) => i.points));
    if (itemsSum !== c.points) {
      problems.push({ field: `tree.categories.${ci}.items`, zh: `类别「${c.name}」下各项目合计 ${itemsSum} 分，与类别分值 ${c.points} 分不符`, en: `The items of ${c.name} add up to ${itemsSum}, not ${c.points}` });
    }
    c.items.forEach((item, ii) => {
      const indicatorsSum = sum(item.indicators.map((k) => k.points));
      if (indicatorsSum !== item.points) {
        problems.push({ field: `tree.categories.${ci}.items.${ii}.indicators`, zh: `项目「${item.name}」下各指标指数值合计 ${indicatorsSum} 分，与项目分值 ${item.points} 分不符`, en: `The indicators of ${item.name} add up to ${indicatorsSum}, not ${item.points}` });
      }
      item.indicators.forEach((k, ki) => {
        const field = `tree.categories.${ci}.items.${ii}.indicators.${ki}`;
        if (USAGE.test(k.name) || USAGE.test(k.note ?? '')) {
          problems.push({ field: `${field}.name`, zh: `指标「${k.name}」以登录、点击、点赞、转发或学习时长计分，不能保存：考核只评工作实绩`, en: `${k.name} scores app usage; assessments score work, never usage` });
        }
        if (!SOURCES_BY_SUBJECT[kind].includes(k.source)) {
          problems.push({ field: `${field}.source`, zh: `指标「${k.name}」的来源「${INDICATOR_SOURCE_LABELS[k.source].zh}」不适用于「${SUBJECT_KIND_LABELS[kind].zh}」的考核`, en: `${k.name}: source ${k.source} does not apply to ${kind}` });
        }
        if (k.points <= 0) problems.push({ field: `${field}.points`, zh: `指标「${k.name}」的指数值须大于 0`, en: `${k.name} needs a positive index value` });
      });
    });
  });
  return problems;
}

/** The stored tree: each indicator keyed by its place ("1.2.3") and labelled by its source. */
export function keyedTree(tree: SchemeTreeInput): SchemeTree {
  return {
    categories: tree.categories.map((c, ci) => ({
      name: c.name,
      points: c.points,
      items: c.items.map((item, ii) => ({
        name: item.name,
        points: item.points,
        indicators: item.indicators.map((k, ki) => ({ ...k, key: `${ci + 1}.${ii + 1}.${ki + 1}`, sourceLabel: INDICATOR_SOURCE_LABELS[k.source].zh })),
      })),
    })),
  };
}

/** The tree as an editor saves it back (without keys and labels). */
export function inputOf(tree: SchemeTree): SchemeTreeInput {
  return {
    categories: tree.categories.map((c) => ({
      name: c.name,
      points: c.points,
      items: c.items.map((i) => ({ name: i.name, points: i.points, indicators: i.indicators.map(({ key: _k, sourceLabel: _s, ...k }) => k) })),
    })),
  };
}

export function indicatorCount(tree: SchemeTree): number {
  return tree.categories.reduce((n, c) => n + c.items.reduce((m, i) => m + i.indicators.length, 0), 0);
}

/** Whether an indicator of this cadence is scored in the month (1–12): quarters end in 3/6/9/12, halves in 6/12, the year in 12. */
export function appliesIn(cadence: Cadence, month: number): boolean {
  switch (cadence) {
    case 'monthly': return true;
    case 'quarterly': return month % 3 === 0;
    case 'half_year': return month % 6 === 0;
    case 'annual': return month === 12;
  }
}

export type FlatIndicator = SchemeTree['categories'][number]['items'][number]['indicators'][number] & { category: string; item: string };

/** The indicators a sheet of the period ('YYYY-MM') scores. */
export function indicatorsOf(tree: SchemeTree, period: string): FlatIndicator[] {
  const month = Number(period.slice(5, 7));
  return tree.categories.flatMap((c) => c.items.flatMap((i) => i.indicators.filter((k) => appliesIn(k.cadence, month)).map((k) => ({ ...k, category: c.name, item: i.name }))));
}

/** Points earned from a rate: the index value × numerator / denominator, to half a point; nothing due earns full marks. */
export function pointsFromRate(max: number, numerator: number, denominator: number): number {
  if (denominator <= 0) return max;
  return Math.round((max * numerator * 2) / denominator) / 2;
}

/** The sheet's total after a veto: 一票否决 zeroes it, a cap limits it. */
export function applyVeto(total: number, veto: Veto | null | undefined): number {
  if (!veto) return total;
  if (veto.kind === 'zero') return 0;
  return Math.min(total, veto.cap ?? total);
}

/** A score on a 100-point scale → 优秀 ≥ 90, 良好 ≥ 80, 一般 ≥ 60, 较差 below. */
export function gradeOf(score: number): Grade {
  return score >= 90 ? 'excellent' : score >= 80 ? 'good' : score >= 60 ? 'fair' : 'poor';
}

/** The month range of a period in China Standard Time: [first day, first day of the next month). */
export function monthRange(period: string): { from: string; to: string } {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${period}-01`, to: `${next}-01` };
}
