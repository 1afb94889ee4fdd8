// A scheme as the county keeps it in Excel: one row per indicator, its category and item (with
// their points) repeated on each row, labels in Chinese. Export writes it, import reads it back into
// a tree (then checked like any other: sums and usage-based indicators).
import {
  CADENCES,
  CADENCE_LABELS,
  INDICATOR_SOURCES,
  INDICATOR_SOURCE_LABELS,
  SCORING_LEVELS,
  SCORING_LEVEL_LABELS,
  type SchemeTree,
  type SchemeTreeInput,
} from '@lianxin/contract';
import type { FieldError } from '../../core/errors.js';

export const SCHEME_COLUMNS = [
  { header: '类别', width: 12 },
  { header: '类别分值', width: 10 },
  { header: '项目', width: 14 },
  { header: '项目分值', width: 10 },
  { header: '指标', width: 30 },
  { header: '指数值', width: 8 },
  { header: '考核周期', width: 10 },
  { header: '评分层级', width: 14 },
  { header: '须附佐证', width: 10 },
  { header: '分值来源', width: 30 },
];

export function schemeRows(tree: SchemeTree): (string | number)[][] {
  return tree.categories.flatMap((c) => c.items.flatMap((i) => i.indicators.map((k) => [
    c.name, c.points, i.name, i.points, k.name, k.points, CADENCE_LABELS[k.cadence].zh, SCORING_LEVEL_LABELS[k.scoringLevel].zh, k.evidenceRequired ? '是' : '否', INDICATOR_SOURCE_LABELS[k.source].zh,
  ])));
}

const byLabel = <K extends string>(keys: readonly K[], labels: Record<K, { zh: string }>) => new Map(keys.map((k) => [labels[k].zh, k] as const));
const CADENCE = byLabel(CADENCES, CADENCE_LABELS);
const LEVEL = byLabel(SCORING_LEVELS, SCORING_LEVEL_LABELS);
const SOURCE = byLabel(INDICATOR_SOURCES, INDICATOR_SOURCE_LABELS);

/** Reads the rows back into a tree; every cell that cannot be read is named with its row and column. */
export function treeFromRows(headers: string[], rows: { rowNumber: number; cells: string[] }[]): { tree: SchemeTreeInput; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const col = SCHEME_COLUMNS.map((c) => headers.indexOf(c.header));
  const missing = SCHEME_COLUMNS.filter((_, i) => col[i]! < 0).map((c) => c.header);
  if (missing.length) return { tree: { categories: [] }, problems: [{ field: 'file', zh: `表头缺少：${missing.join('、')}`, en: `Missing columns: ${missing.join(', ')}` }] };
  const tree: SchemeTreeInput = { categories: [] };
  for (const r of rows) {
    const cell = (i: number) => (r.cells[col[i]!] ?? '').trim();
    const bad = (column: string, zh: string) => problems.push({ field: `row.${r.rowNumber}`, zh: `第 ${r.rowNumber} 行「${column}」：${zh}`, en: `Row ${r.rowNumber}, ${column}: ${zh}` });
    const num = (i: number) => {
      const n = Number(cell(i));
      if (!cell(i) || !Number.isFinite(n) || n < 0 || n > 1000 || Math.round(n * 2) !== n * 2) {
        bad(SCHEME_COLUMNS[i]!.header, '须为 0 到 1000 之间的分值（以 0.5 分为单位）');
        return 0;
      }
      return n;
    };
    const [cName, cPoints, iName, iPoints, kName, kPoints] = [cell(0), num(1), cell(2), num(3), cell(4), num(5)];
    if (!cName || !iName || !kName || cName.length > 60 || iName.length > 60 || kName.length > 60) {
      bad('类别/项目/指标', '名称不能为空，且不超过 60 字');
      continue;
    }
    const cadence = CADENCE.get(cell(6));
    const level = LEVEL.get(cell(7));
    const source = SOURCE.get(cell(9));
    if (!cadence) bad('考核周期', `应为${CADENCES.map((c) => CADENCE_LABELS[c].zh).join('、')}之一`);
    if (!level) bad('评分层级', `应为${SCORING_LEVELS.map((c) => SCORING_LEVEL_LABELS[c].zh).join('、')}之一`);
    if (!source) bad('分值来源', '不是可用的来源（人工评分，或按记录计算的几项；不能按登录、点击、点赞、转发或学习时长计分）');
    if (!['是', '否'].includes(cell(8))) bad('须附佐证', '应为“是”或“否”');
    if (!cadence || !level || !source) continue;
    let c = tree.categories.find((x) => x.name === cName);
    if (!c) tree.categories.push((c = { name: cName, points: cPoints, items: [] }));
    let item = c.items.find((x) => x.name === iName);
    if (!item) c.items.push((item = { name: iName, points: iPoints, indicators: [] }));
    item.indicators.push({ name: kName, points: kPoints, cadence, scoringLevel: level, evidenceRequired: cell(8) === '是', source });
  }
  if (rows.length === 0) problems.push({ field: 'file', zh: '表中没有指标', en: 'No indicators in the sheet' });
  return { tree, problems };
}
