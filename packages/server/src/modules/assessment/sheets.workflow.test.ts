import { describe, expect, it } from 'vitest';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions, testActor, TEST_ACTORS } from '../../core/cases/workflow-testing.js';
import { sheetWorkflow, type SheetExtra } from './sheets.workflow.js';

// 宜君县 /1/, 五里镇 /1/10/ (the scorer), 榆舍站 /1/10/20/, 榆舍村 /1/10/20/30/ (scored), 彭镇 /1/11/
const { village, station, township, otherTownship, county } = TEST_ACTORS;
const otherCounty = testActor('county_admin', '/2/', 14, 'nb');

const view = (status: string, extra: Partial<SheetExtra> = {}): CaseView<SheetExtra> => ({
  id: 1, countyId: 1, orgId: 30, orgPath: '/1/10/20/30/', status, deadline: null, extra: { scorerPath: '/1/10/', ...extra },
});

describe('the score sheet workflow', () => {
  it('is well formed: every state reachable, every transition between known states', () => {
    expect(validateWorkflow(sheetWorkflow)).toEqual([]);
  });

  it('a return needs its reason; a locked sheet takes no step', () => {
    expect(checkTransition(sheetWorkflow, 'return', county, view('submitted'), { comment: ' ' })).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'comment' }] });
    expect(checkTransition(sheetWorkflow, 'return', county, view('submitted'), { comment: '佐证不足' })).toEqual({ ok: true });
    for (const t of ['submit', 'return', 'pass', 'publish']) expect(checkTransition(sheetWorkflow, t, county, view('published'), { comment: 'x' })).toMatchObject({ ok: false });
  });

  it('a sheet the county scores itself (a township scored by the county) is still reviewed by the county', () => {
    const c = { ...view('draft', { scorerPath: '/1/' }), orgPath: '/1/10/' };
    expect(checkTransition(sheetWorkflow, 'submit', county, c, {})).toEqual({ ok: true });
    expect(checkTransition(sheetWorkflow, 'submit', township, c, {})).toEqual({ ok: false, reason: 'forbidden' });
  });
});

describe('the score sheet workflow, exhaustively', () => {
  it('every state × every transition × every role', () => {
    const actors = { ...TEST_ACTORS, otherCounty };
    const none = Object.fromEntries(Object.keys(actors).map((k) => [k, []]));
    expect(exhaustiveTransitions(sheetWorkflow, actors, (s) => view(s), {
      draft: { ...none, township: ['submit'] },
      submitted: { ...none, county: ['return', 'pass'] },
      passed: { ...none, county: ['publish'] },
      published: { ...none },
    })).toEqual([]);
  });
});
