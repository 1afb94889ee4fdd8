import { describe, expect, it } from 'vitest';
import { GRADES, type ProjectState, type ProjectTransition } from '@lianxin/contract';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions, TEST_ACTORS } from '../../core/cases/workflow-testing.js';
import { mayEditPlan, projectGradeOf, projectWorkflow } from './project.workflow.js';

// The shared roster of every role (core/cases/workflow-testing.ts).
const actors = TEST_ACTORS;
const view = (status: ProjectState, orgPath: string): CaseView => ({ id: 1, countyId: 1, orgId: 30, orgPath, status, deadline: null, extra: undefined });
const none = Object.fromEntries(Object.keys(actors).map((k) => [k, []]));

describe('the project workflow', () => {
  it('is well formed', () => {
    expect(validateWorkflow(projectWorkflow)).toEqual([]);
  });

  it('a village\'s project: the station, township or county reviews, a committee above approves and appraises, the village and those above it run it', () => {
    const unitAndAbove = (t: ProjectTransition[]) => ({ ...none, county: t, township: t, station: t, village: t });
    expect(exhaustiveTransitions(projectWorkflow, actors, (s) => view(s, '/1/10/20/30/'), {
      proposed: { ...none, county: ['review'], township: ['review'], station: ['review'] },
      reviewed: { ...none, county: ['approve', 'return'], township: ['approve', 'return'] },
      approved: unitAndAbove(['start']),
      in_progress: unitAndAbove(['account']),
      year_end: { ...none, county: ['close', 'carry_over'], township: ['close', 'carry_over'] },
      closed: { ...none },
      carried_over: { ...none },
    })).toEqual([]);
  });

  it('a township\'s own project: only the county reviews, approves and appraises it', () => {
    expect(exhaustiveTransitions(projectWorkflow, actors, (s) => view(s, '/1/10/'), {
      proposed: { ...none, county: ['review'] },
      reviewed: { ...none, county: ['approve', 'return'] },
      approved: { ...none, county: ['start'], township: ['start'] },
      in_progress: { ...none, county: ['account'], township: ['account'] },
      year_end: { ...none, county: ['close', 'carry_over'] },
      closed: { ...none },
      carried_over: { ...none },
    })).toEqual([]);
  });

  it('a department\'s project: the department runs it, the county reviews and appraises', () => {
    expect(exhaustiveTransitions(projectWorkflow, actors, (s) => view(s, '/1/50/'), {
      proposed: { ...none, county: ['review'] },
      reviewed: { ...none, county: ['approve', 'return'] },
      approved: { ...none, county: ['start'], department: ['start'] },
      in_progress: { ...none, county: ['account'], department: ['account'] },
      year_end: { ...none, county: ['close', 'carry_over'] },
      closed: { ...none },
      carried_over: { ...none },
    })).toEqual([]);
  });

  it('steps out of order are state refusals; the wrong level a permission refusal; the appraisal needs a score and a grade', () => {
    expect(checkTransition(projectWorkflow, 'start', actors.village, view('proposed', '/1/10/20/30/'), {})).toEqual({ ok: false, reason: 'state' });
    expect(checkTransition(projectWorkflow, 'approve', actors.station, view('reviewed', '/1/10/20/30/'), {})).toEqual({ ok: false, reason: 'forbidden' });
    expect(checkTransition(projectWorkflow, 'review', actors.village, view('proposed', '/1/10/20/30/'), {})).toEqual({ ok: false, reason: 'forbidden' });
    const missing = checkTransition(projectWorkflow, 'close', actors.township, view('year_end', '/1/10/20/30/'), { score: 90 });
    expect(missing).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'grade' }] });
  });

  it('an appraisal taken from the 年交账 assessment result keeps its band, in the project\'s grades', () => {
    expect(Object.fromEntries(GRADES.map((g) => [g, projectGradeOf(g)]))).toEqual({ excellent: 'excellent', good: 'good', fair: 'pass', poor: 'fail' });
  });

  it('the plan is editable by the unit and above until the year-end account', () => {
    expect(mayEditPlan(actors.village, view('in_progress', '/1/10/20/30/'))).toBe(true);
    expect(mayEditPlan(actors.otherVillage, view('in_progress', '/1/10/20/30/'))).toBe(false);
    expect(mayEditPlan(actors.village, view('year_end', '/1/10/20/30/'))).toBe(false);
    expect(mayEditPlan(actors.auditor, view('proposed', '/1/10/20/30/'))).toBe(false);
  });
});
