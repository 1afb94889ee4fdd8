// Report forms of directives: a few typed fields (number, text, choice, date) so that 信息报送 and
// data collection come back as data, checked on the way in and rolled up level by level.
import type { FormField } from '@lianxin/contract';
import type { FieldError } from '../errors.js';
import { isValidDate } from '../calendar.js';

export type Figures = Record<string, number | string>;

/** Checks a form definition itself: unique keys, options only (and always) on choices. */
export function checkForm(form: FormField[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  form.forEach((f, i) => {
    if (seen.has(f.key)) errors.push({ field: `form.${i}.key`, zh: `表单字段「${f.key}」重复`, en: `Duplicate form field ${f.key}` });
    seen.add(f.key);
    if (f.type === 'choice' && !f.options?.length) errors.push({ field: `form.${i}.options`, zh: `选项字段「${f.label}」须列出选项`, en: `Choice field ${f.label} needs options` });
    if (f.type !== 'choice' && f.options) errors.push({ field: `form.${i}.options`, zh: `只有选项字段可以设置选项`, en: 'Only choice fields have options' });
  });
  return errors;
}

/** Checks a report's figures against the form: known keys, right types, required ones present. */
export function checkFigures(form: FormField[], figures: Figures, requireAll: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const byKey = new Map(form.map((f) => [f.key, f]));
  for (const key of Object.keys(figures)) {
    if (!byKey.has(key)) errors.push({ field: `figures.${key}`, zh: `表单中没有字段「${key}」`, en: `The form has no field ${key}` });
  }
  for (const f of form) {
    const v = figures[f.key];
    const field = `figures.${f.key}`;
    if (v === undefined || v === '') {
      if (f.required && requireAll) errors.push({ field, zh: `请填写「${f.label}」`, en: `${f.label} is required` });
      continue;
    }
    switch (f.type) {
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) errors.push({ field, zh: `「${f.label}」应为数字`, en: `${f.label} must be a number` });
        break;
      case 'text':
        if (typeof v !== 'string') errors.push({ field, zh: `「${f.label}」应为文字`, en: `${f.label} must be text` });
        break;
      case 'choice':
        if (typeof v !== 'string' || !f.options?.includes(v)) errors.push({ field, zh: `「${f.label}」须从选项中选择：${f.options?.join('、')}`, en: `${f.label} must be one of the options` });
        break;
      case 'date':
        if (typeof v !== 'string' || !isValidDate(v)) errors.push({ field, zh: `「${f.label}」应为日期 YYYY-MM-DD`, en: `${f.label} must be a date` });
        break;
    }
  }
  return errors;
}

export type Rollup = Record<string, number | Record<string, number>>;

/** Sums numbers, counts each option of choices, counts filled-in text and date fields. */
export function rollUp(form: FormField[], reports: Figures[]): Rollup {
  const out: Rollup = {};
  for (const f of form) {
    if (f.type === 'number') {
      out[f.key] = reports.reduce((a, r) => a + (typeof r[f.key] === 'number' ? (r[f.key] as number) : 0), 0);
    } else if (f.type === 'choice') {
      const counts: Record<string, number> = Object.fromEntries((f.options ?? []).map((o) => [o, 0]));
      for (const r of reports) {
        const v = r[f.key];
        if (typeof v === 'string' && v in counts) counts[v]! += 1;
      }
      out[f.key] = counts;
    } else {
      out[f.key] = reports.filter((r) => typeof r[f.key] === 'string' && r[f.key] !== '').length;
    }
  }
  return out;
}

/** Pre-fills a compiled report from the reports below: numbers summed, choices by majority. */
export function prefill(form: FormField[], reports: Figures[]): Figures {
  const rolled = rollUp(form, reports);
  const out: Figures = {};
  for (const f of form) {
    const v = rolled[f.key];
    if (f.type === 'number' && typeof v === 'number') out[f.key] = v;
    if (f.type === 'choice' && v && typeof v === 'object') {
      const best = Object.entries(v).sort((a, b) => b[1] - a[1])[0];
      if (best && best[1] > 0) out[f.key] = best[0];
    }
  }
  return out;
}
