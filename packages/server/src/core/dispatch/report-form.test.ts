import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormField } from '@lianxin/contract';
import { checkFigures, checkForm, prefill, rollUp } from './report-form.js';

const form: FormField[] = [
  { key: 'visits', label: '走访户数', type: 'number', required: true, unit: '户' },
  { key: 'progress', label: '进度', type: 'choice', options: ['正常', '滞后'] },
  { key: 'note', label: '备注', type: 'text' },
  { key: 'meeting_on', label: '会议日期', type: 'date' },
];

describe('report forms', () => {
  it('checks a form definition', () => {
    expect(checkForm(form)).toEqual([]);
    expect(checkForm([...form, { key: 'visits', label: 'x', type: 'number' }])[0]!.zh).toContain('重复');
    expect(checkForm([{ key: 'c', label: '选项', type: 'choice' }])[0]!.field).toBe('form.0.options');
  });

  it('names each wrong figure', () => {
    const errors = checkFigures(form, { visits: '12', progress: '很好', meeting_on: '2026-02-30', extra: 1 }, true);
    expect(errors.map((e) => e.field).sort()).toEqual(['figures.extra', 'figures.meeting_on', 'figures.progress', 'figures.visits']);
    expect(checkFigures(form, {}, true).map((e) => e.zh)).toEqual(['请填写「走访户数」']);
    expect(checkFigures(form, {}, false)).toEqual([]);
    expect(checkFigures(form, { visits: 3, progress: '正常', note: '无', meeting_on: '2026-11-20' }, true)).toEqual([]);
  });

  it('rolls numbers up by sum and choices by count', () => {
    const rolled = rollUp(form, [{ visits: 3, progress: '正常', note: 'a' }, { visits: 5, progress: '滞后' }, { visits: 2, progress: '正常' }]);
    expect(rolled).toEqual({ visits: 10, progress: { 正常: 2, 滞后: 1 }, note: 1, meeting_on: 0 });
    expect(prefill(form, [{ visits: 3, progress: '正常' }, { visits: 4, progress: '正常' }])).toEqual({ visits: 7, progress: '正常' });
  });

  it('sums of sums are the sum of all (roll-up is associative)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 8 }), { maxLength: 8 }), (groups) => {
        const level1 = groups.map((g) => rollUp(form, g.map((v) => ({ visits: v }))).visits as number);
        const top = rollUp(form, level1.map((v) => ({ visits: v }))).visits;
        expect(top).toBe(groups.flat().reduce((a, b) => a + b, 0));
      }),
    );
  });
});
