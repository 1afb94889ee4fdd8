import { describe, expect, it } from 'vitest';
import type { WeakState } from '@lianxin/contract';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions, TEST_ACTORS } from '../../core/cases/workflow-testing.js';
import { weakOrgWorkflow } from './weakorgs.workflow.js';

// The shared roster of every role (core/cases/workflow-testing.ts); the branch is 榆舍村 /1/10/20/30/.
const actors = TEST_ACTORS;
const view = (status: WeakState, orgPath = '/1/10/20/30/'): CaseView => ({ id: 1, countyId: 1, orgId: 30, orgPath, status, deadline: null, extra: undefined });
const none = Object.fromEntries(Object.keys(actors).map((k) => [k, []]));

describe('the weak-organization rectification workflow', () => {
  it('is well formed', () => {
    expect(validateWorkflow(weakOrgWorkflow)).toEqual([]);
  });

  it('a village branch: the county lists or dismisses, the township (or county) applies for acceptance, the county accepts or returns; the branch, its station and the neighbours act on nothing', () => {
    expect(exhaustiveTransitions(weakOrgWorkflow, actors, (s) => view(s), {
      proposed: { ...none, county: ['confirm', 'dismiss'] },
      listed: { ...none, county: ['apply'], township: ['apply'] },
      acceptance: { ...none, county: ['return', 'accept'] },
      delisted: { ...none },
      dismissed: { ...none },
    })).toEqual([]);
  });

  it('a township\'s own committee, proposed by the county: only the county acts on it', () => {
    expect(exhaustiveTransitions(weakOrgWorkflow, actors, (s) => view(s, '/1/10/'), {
      proposed: { ...none, county: ['confirm', 'dismiss'] },
      listed: { ...none, county: ['apply'] },
      acceptance: { ...none, county: ['return', 'accept'] },
      delisted: { ...none },
      dismissed: { ...none },
    })).toEqual([]);
  });

  it('dismissing or returning needs the reason; a step out of order is a state refusal', () => {
    expect(checkTransition(weakOrgWorkflow, 'dismiss', actors.county, view('proposed'), {})).toMatchObject({ ok: false, reason: 'missing' });
    expect(checkTransition(weakOrgWorkflow, 'accept', actors.county, view('listed'), {})).toEqual({ ok: false, reason: 'state' });
    expect(checkTransition(weakOrgWorkflow, 'apply', actors.village, view('listed'), {})).toEqual({ ok: false, reason: 'forbidden' });
  });
});
