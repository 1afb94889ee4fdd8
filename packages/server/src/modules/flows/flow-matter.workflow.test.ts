import { describe, expect, it } from 'vitest';
import type { MatterState } from '@lianxin/contract';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions, TEST_ACTORS } from '../../core/cases/workflow-testing.js';
import { flowMatterWorkflow } from './flow-matter.workflow.js';

// The shared roster of every role (core/cases/workflow-testing.ts); the matter is 榆舍村's /1/10/20/30/.
const actors = TEST_ACTORS;
const view = (status: MatterState, orgPath = '/1/10/20/30/'): CaseView => ({ id: 1, countyId: 1, orgId: 30, orgPath, status, deadline: null, extra: undefined });
const none = Object.fromEntries(Object.keys(actors).map((k) => [k, []]));
const ALL = ['complete_step', 'finish', 'return_step', 'cancel'] as const;
const NO_CANCEL = ['complete_step', 'finish', 'return_step'] as const;

describe('the flow matter workflow (generic over every flow)', () => {
  it('is well formed', () => {
    expect(validateWorkflow(flowMatterWorkflow)).toEqual([]);
  });

  it('a village matter: the village, its station, township and county may act; the station may not cancel; nobody else', () => {
    expect(exhaustiveTransitions(flowMatterWorkflow, actors, (s) => view(s), {
      running: { ...none, county: [...ALL], township: [...ALL], station: [...NO_CANCEL], village: [...ALL] },
      done: { ...none },
      cancelled: { ...none },
    })).toEqual([]);
  });

  it('a matter of the neighbouring village: its own village account is absent, the other village acts', () => {
    expect(exhaustiveTransitions(flowMatterWorkflow, actors, (s) => view(s, '/1/10/20/31/'), {
      running: { ...none, county: [...ALL], township: [...ALL], station: [...NO_CANCEL], otherVillage: [...ALL] },
      done: { ...none },
      cancelled: { ...none },
    })).toEqual([]);
  });

  it('returning and cancelling need a reason; a finished matter refuses by state', () => {
    expect(checkTransition(flowMatterWorkflow, 'return_step', actors.village, view('running'), {})).toMatchObject({ ok: false, reason: 'missing' });
    expect(checkTransition(flowMatterWorkflow, 'cancel', actors.township, view('running'), { comment: '  ' })).toMatchObject({ ok: false, reason: 'missing' });
    expect(checkTransition(flowMatterWorkflow, 'complete_step', actors.village, view('done'), {})).toEqual({ ok: false, reason: 'state' });
    expect(checkTransition(flowMatterWorkflow, 'complete_step', actors.department, view('running'), {})).toEqual({ ok: false, reason: 'forbidden' });
  });
});
