import { describe, expect, it } from 'vitest';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions, TEST_ACTORS } from '../../core/cases/workflow-testing.js';
import { researchWorkflow, type ResearchExtra } from './research.workflow.js';

// 五里镇 /1/10/, 榆舍站 /1/10/20/, 榆舍村 /1/10/20/30/, 彭镇 /1/11/
const view = (status: string): CaseView<ResearchExtra> => ({ id: 1, countyId: 1, orgId: 20, orgPath: '/1/10/20/', status, deadline: null, extra: {} });

describe('the 调查研究 workflow', () => {
  it('is well formed; a report needs its text, an appraisal its grade, a return its comment', () => {
    expect(validateWorkflow(researchWorkflow)).toEqual([]);
    const { township: wuli, station } = TEST_ACTORS;
    expect(checkTransition(researchWorkflow, 'report', station, view('planned'), { report: ' ' })).toMatchObject({ ok: false, reason: 'missing' });
    expect(checkTransition(researchWorkflow, 'appraise', wuli, view('reported'), {})).toMatchObject({ ok: false, reason: 'missing' });
    expect(checkTransition(researchWorkflow, 'return', wuli, view('reported'), { comment: '' })).toMatchObject({ ok: false, reason: 'missing' });
    expect(checkTransition(researchWorkflow, 'appraise', wuli, view('planned'), { grade: 'good' })).toEqual({ ok: false, reason: 'state' });
    expect(checkTransition(researchWorkflow, 'appraise', TEST_ACTORS.otherTownship, view('reported'), { grade: 'good' })).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('every state × every transition × every role', () => {
    const none = Object.fromEntries(Object.keys(TEST_ACTORS).map((k) => [k, []]));
    expect(exhaustiveTransitions(researchWorkflow, TEST_ACTORS, (s) => view(s), {
      planned: { ...none, station: ['report'] },
      reported: { ...none, township: ['return', 'appraise'] },
      returned: { ...none, station: ['report'] },
      appraised: { ...none },
    })).toEqual([]);
  });
});
