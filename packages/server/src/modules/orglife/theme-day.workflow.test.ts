import { describe, expect, it } from 'vitest';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions, TEST_ACTORS } from '../../core/cases/workflow-testing.js';
import { filingWorkflow, type FilingExtra } from './theme-day.workflow.js';

// 五里镇 /1/10/, 榆舍站 /1/10/20/, 榆舍村 /1/10/20/30/, 彭镇 /1/11/
const view = (status: string): CaseView<FilingExtra> => ({ id: 1, countyId: 1, orgId: 30, orgPath: '/1/10/20/30/', status, deadline: '2026-12-31', extra: {} });

describe('the 主题党日 filing workflow', () => {
  it('is well formed', () => {
    expect(validateWorkflow(filingWorkflow)).toEqual([]);
  });

  it('a return needs a comment, a refile a revised plan, holding it a meeting record', () => {
    const { township: wuli, village: yushe } = TEST_ACTORS;
    expect(checkTransition(filingWorkflow, 'return', wuli, view('filed'), { comment: ' ' })).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'comment' }] });
    expect(checkTransition(filingWorkflow, 'refile', yushe, view('returned'), {})).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'plan' }] });
    expect(checkTransition(filingWorkflow, 'hold', yushe, view('approved'), {})).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'meeting' }] });
    expect(checkTransition(filingWorkflow, 'hold', yushe, view('filed'), { meeting: {} })).toEqual({ ok: false, reason: 'state' });
  });

  it('every state × every transition × every role', () => {
    const actors = TEST_ACTORS;
    const none = Object.fromEntries(Object.keys(actors).map((k) => [k, []]));
    expect(exhaustiveTransitions(filingWorkflow, actors, (s) => view(s), {
      filed: { ...none, township: ['return', 'approve'] },
      returned: { ...none, village: ['refile'] },
      approved: { ...none, village: ['hold'] },
      held: { ...none },
    })).toEqual([]);
  });
});
