import { describe, expect, it } from 'vitest';
import type { SelectionState } from '@lianxin/contract';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions, TEST_ACTORS } from '../../core/cases/workflow-testing.js';
import { selectionWorkflow } from './selection.workflow.js';

// The shared roster of every role (core/cases/workflow-testing.ts); the post is 榆舍村's, /1/10/20/30/.
const actors = TEST_ACTORS;
const view = (status: SelectionState, orgPath = '/1/10/20/30/'): CaseView => ({ id: 1, countyId: 1, orgId: 30, orgPath, status, deadline: null, extra: undefined });
const none = Object.fromEntries(Object.keys(actors).map((k) => [k, []]));

describe('the public selection workflow', () => {
  it('is well formed', () => {
    expect(validateWorkflow(selectionWorkflow)).toEqual([]);
  });

  it('the county runs every stage in order; the applying township may only withdraw its application', () => {
    expect(exhaustiveTransitions(selectionWorkflow, actors, (s) => view(s), {
      applied: { ...none, county: ['open_registration', 'cancel'], township: ['cancel'] },
      registration: { ...none, county: ['start_vetting'] },
      vetting: { ...none, county: ['start_written'] },
      written: { ...none, county: ['start_interview'] },
      interview: { ...none, county: ['start_inspection'] },
      inspection: { ...none, county: ['reject_candidate', 'appoint'] },
      appointed: { ...none },
      cancelled: { ...none },
    })).toEqual([]);
  });

  it('another township\'s village: its own township withdraws, 五里镇 does nothing', () => {
    expect(exhaustiveTransitions(selectionWorkflow, actors, (s) => view(s, '/1/11/40/'), {
      applied: { ...none, county: ['open_registration', 'cancel'], otherTownship: ['cancel'] },
      registration: { ...none, county: ['start_vetting'] },
      vetting: { ...none, county: ['start_written'] },
      written: { ...none, county: ['start_interview'] },
      interview: { ...none, county: ['start_inspection'] },
      inspection: { ...none, county: ['reject_candidate', 'appoint'] },
      appointed: { ...none },
      cancelled: { ...none },
    })).toEqual([]);
  });

  it('a stage out of order is a state refusal; appointing needs the opinion and the date', () => {
    expect(checkTransition(selectionWorkflow, 'start_interview', actors.county, view('vetting'), {})).toEqual({ ok: false, reason: 'state' });
    expect(checkTransition(selectionWorkflow, 'open_registration', actors.township, view('applied'), {})).toEqual({ ok: false, reason: 'forbidden' });
    const r = checkTransition(selectionWorkflow, 'appoint', actors.county, view('inspection'), { comment: '考察合格' });
    expect(r.ok ? [] : r.missing?.map((m) => m.field)).toEqual(['startDate']);
  });
});
