import { describe, expect, it } from 'vitest';
import type { DesignationState } from '@lianxin/contract';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions, TEST_ACTORS } from '../../core/cases/workflow-testing.js';
import { designationWorkflow } from './designations.workflow.js';

// The shared roster of every role (core/cases/workflow-testing.ts); the unit is 榆舍村 /1/10/20/30/.
const actors = TEST_ACTORS;
const view = (status: DesignationState, orgPath = '/1/10/20/30/'): CaseView => ({ id: 1, countyId: 1, orgId: 30, orgPath, status, deadline: null, extra: undefined });
const none = Object.fromEntries(Object.keys(actors).map((k) => [k, []]));

describe('the designation workflow', () => {
  it('is well formed', () => {
    expect(validateWorkflow(designationWorkflow)).toEqual([]);
  });

  it('a village: its township (or the county) checks the criteria; the county returns, approves, rejects, publishes, reviews and revokes; the village, its station, the neighbours and the other township act on nothing', () => {
    expect(exhaustiveTransitions(designationWorkflow, actors, (s) => view(s), {
      nominated: { ...none, county: ['check', 'reject'], township: ['check'] },
      checked: { ...none, county: ['return', 'approve', 'reject'] },
      approved: { ...none, county: ['reject', 'publish'] },
      published: { ...none, county: ['review', 'revoke'] },
      reviewing: { ...none, county: ['confirm', 'revoke'] },
      revoked: { ...none },
      rejected: { ...none },
    })).toEqual([]);
  });

  it('a township-level unit (the township committee itself): only the county acts on it', () => {
    expect(exhaustiveTransitions(designationWorkflow, actors, (s) => view(s, '/1/10/'), {
      nominated: { ...none, county: ['check', 'reject'] },
      checked: { ...none, county: ['return', 'approve', 'reject'] },
      approved: { ...none, county: ['reject', 'publish'] },
      published: { ...none, county: ['review', 'revoke'] },
      reviewing: { ...none, county: ['confirm', 'revoke'] },
      revoked: { ...none },
      rejected: { ...none },
    })).toEqual([]);
  });

  it('returning, rejecting and revoking need the reason; a step out of order is a state refusal', () => {
    for (const [name, state] of [['return', 'checked'], ['reject', 'approved'], ['revoke', 'published']] as const) {
      expect(checkTransition(designationWorkflow, name, actors.county, view(state), {})).toMatchObject({ ok: false, reason: 'missing' });
      expect(checkTransition(designationWorkflow, name, actors.county, view(state), { comment: '理由' })).toEqual({ ok: true });
    }
    expect(checkTransition(designationWorkflow, 'publish', actors.county, view('checked'), {})).toEqual({ ok: false, reason: 'state' });
    expect(checkTransition(designationWorkflow, 'check', actors.otherTownship, view('nominated'), {})).toEqual({ ok: false, reason: 'forbidden' });
  });
});
