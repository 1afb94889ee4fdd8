import { describe, expect, it } from 'vitest';
import type { DevelopmentState } from '@lianxin/contract';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions, TEST_ACTORS } from '../../core/cases/workflow-testing.js';
import { developmentWorkflow } from './development.workflow.js';

// The shared roster of every role (core/cases/workflow-testing.ts); the branch is 榆舍村 /1/10/20/30/.
const actors = TEST_ACTORS;
const view = (status: DevelopmentState, orgPath = '/1/10/20/30/'): CaseView => ({ id: 1, countyId: 1, orgId: 30, orgPath, status, deadline: null, extra: undefined });
const none = Object.fromEntries(Object.keys(actors).map((k) => [k, []]));

describe('the member development workflow', () => {
  it('is well formed', () => {
    expect(validateWorkflow(developmentWorkflow)).toEqual([]);
  });

  it('a village branch\'s applicant: the branch and the committees above name activists and targets; only a committee admits and makes full', () => {
    expect(exhaustiveTransitions(developmentWorkflow, actors, (s) => view(s), {
      applicant: { ...none, county: ['make_activist'], township: ['make_activist'], village: ['make_activist'] },
      activist: { ...none, county: ['make_target'], township: ['make_target'], village: ['make_target'] },
      target: { ...none, county: ['admit'], township: ['admit'] },
      probationary: { ...none, county: ['make_full'], township: ['make_full'] },
      full: { ...none },
    })).toEqual([]);
  });

  it('a department\'s branch: the department names activists and targets, the county committee approves', () => {
    expect(exhaustiveTransitions(developmentWorkflow, actors, (s) => view(s, '/1/50/'), {
      applicant: { ...none, county: ['make_activist'], department: ['make_activist'] },
      activist: { ...none, county: ['make_target'], department: ['make_target'] },
      target: { ...none, county: ['admit'] },
      probationary: { ...none, county: ['make_full'] },
      full: { ...none },
    })).toEqual([]);
  });

  it('a step out of order is a state refusal, not a permission one', () => {
    expect(checkTransition(developmentWorkflow, 'make_target', actors.village, view('applicant'), {})).toEqual({ ok: false, reason: 'state' });
    expect(checkTransition(developmentWorkflow, 'admit', actors.village, view('target'), {})).toEqual({ ok: false, reason: 'forbidden' });
  });
});
