import { describe, expect, it } from 'vitest';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions, TEST_ACTORS } from '../../core/cases/workflow-testing.js';
import { consultationWorkflow, type ConsultationExtra } from './consultation.workflow.js';

// 五里镇 /1/10/, 榆舍站 /1/10/20/, 榆舍村 /1/10/20/30/, 彭镇 /1/11/
const view = (status: string): CaseView<ConsultationExtra> => ({ id: 1, countyId: 1, orgId: 20, orgPath: '/1/10/20/', status, deadline: null, extra: {} });

describe('the 工作会商 workflow', () => {
  it('is well formed; a return needs a comment, carrying out a report', () => {
    expect(validateWorkflow(consultationWorkflow)).toEqual([]);
    const { township: wuli, station } = TEST_ACTORS;
    expect(checkTransition(consultationWorkflow, 'return', wuli, view('submitted'), {})).toMatchObject({ ok: false, reason: 'missing' });
    expect(checkTransition(consultationWorkflow, 'carry_out', station, view('agreed'), { comment: '' })).toMatchObject({ ok: false, reason: 'missing' });
    expect(checkTransition(consultationWorkflow, 'carry_out', station, view('submitted'), { comment: 'x' })).toEqual({ ok: false, reason: 'state' });
  });

  it('every state × every transition × every role', () => {
    const actors = TEST_ACTORS;
    const none = Object.fromEntries(Object.keys(actors).map((k) => [k, []]));
    expect(exhaustiveTransitions(consultationWorkflow, actors, (s) => view(s), {
      submitted: { ...none, township: ['agree', 'return'] },
      returned: { ...none, station: ['resubmit'] },
      agreed: { ...none, station: ['carry_out'] },
      carried_out: { ...none },
    })).toEqual([]);
  });
});
