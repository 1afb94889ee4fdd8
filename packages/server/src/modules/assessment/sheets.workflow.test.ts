import { describe, expect, it } from 'vitest';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions, testActor, TEST_ACTORS } from '../../core/cases/workflow-testing.js';
import { sheetWorkflow, type SheetExtra } from './sheets.workflow.js';

// 宜君县 /1/, 五里镇 /1/10/ (the scorer), 榆舍站 /1/10/20/, 榆舍村 /1/10/20/30/ (scored), 彭镇 /1/11/
const { village, station, township, otherTownship, county } = TEST_ACTORS;
const otherCounty = testActor('county_admin', '/2/', 14, 'nb');

const view = (status: string, extra: Partial<SheetExtra> = {}): CaseView<SheetExtra> => ({
  id: 1, countyId: 1, orgId: 30, orgPath: '/1/10/20/30/', status, deadline: null, extra: { scorerPath: '/1/10/', appealOpen: true, ...extra },
});

describe('the score sheet workflow', () => {
  it('is well formed: every state reachable, every transition between known states', () => {
    expect(validateWorkflow(sheetWorkflow)).toEqual([]);
  });

  it('a return needs its reason; a locked sheet takes no step', () => {
    expect(checkTransition(sheetWorkflow, 'return', county, view('submitted'), { comment: ' ' })).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'comment' }] });
    expect(checkTransition(sheetWorkflow, 'return', county, view('submitted'), { comment: '佐证不足' })).toEqual({ ok: true });
    for (const t of Object.keys(sheetWorkflow.transitions)) {
      for (const a of [county, village, township]) expect(checkTransition(sheetWorkflow, t, a, view('locked', { appealOpen: false }), { comment: 'x', evidence: 'x' })).toMatchObject({ ok: false });
    }
  });

  it('a sheet the county scores itself (a township scored by the county) is still reviewed by the county', () => {
    const c = { ...view('draft', { scorerPath: '/1/' }), orgPath: '/1/10/' };
    expect(checkTransition(sheetWorkflow, 'submit', county, c, {})).toEqual({ ok: true });
    expect(checkTransition(sheetWorkflow, 'submit', township, c, {})).toEqual({ ok: false, reason: 'forbidden' });
    // …and the township it scored appeals it, as a village does
    expect(checkTransition(sheetWorkflow, 'appeal', township, { ...c, status: 'published' }, { comment: '理由', evidence: '材料' })).toEqual({ ok: true });
  });

  it('an appeal needs its reason and evidence, and only within the window', () => {
    expect(checkTransition(sheetWorkflow, 'appeal', village, view('published'), { comment: '计算有误' })).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'evidence' }] });
    expect(checkTransition(sheetWorkflow, 'appeal', village, view('published'), { comment: '计算有误', evidence: '会议记录' })).toEqual({ ok: true });
    expect(checkTransition(sheetWorkflow, 'appeal', village, view('published', { appealOpen: false }), { comment: '计算有误', evidence: '会议记录' })).toEqual({ ok: false, reason: 'forbidden' });
    // the county locks only after the window; a decision needs its reason
    expect(checkTransition(sheetWorkflow, 'lock', county, view('published'), {})).toEqual({ ok: false, reason: 'forbidden' });
    expect(checkTransition(sheetWorkflow, 'lock', county, view('published', { appealOpen: false }), {})).toEqual({ ok: true });
    expect(checkTransition(sheetWorkflow, 'reject_appeal', county, view('appealed'), {})).toMatchObject({ ok: false, reason: 'missing' });
  });
});

describe('the score sheet workflow, exhaustively', () => {
  const actors = { ...TEST_ACTORS, otherCounty };
  const none = Object.fromEntries(Object.keys(actors).map((k) => [k, []]));
  const expected = (published: Record<string, ('appeal' | 'lock')[]>) => ({
    draft: { ...none, township: ['submit' as const] },
    submitted: { ...none, county: ['return' as const, 'pass' as const] },
    passed: { ...none, county: ['publish' as const] },
    published: { ...none, ...published },
    appealed: { ...none, county: ['uphold_appeal' as const, 'reject_appeal' as const] },
    locked: { ...none },
  });

  it('every state × every transition × every role, within the appeal window', () => {
    expect(exhaustiveTransitions(sheetWorkflow, actors, (s) => view(s), expected({ village: ['appeal'] }))).toEqual([]);
  });

  it('every state × every transition × every role, after the window', () => {
    expect(exhaustiveTransitions(sheetWorkflow, actors, (s) => view(s, { appealOpen: false }), expected({ county: ['lock'] }))).toEqual([]);
  });

  // a first secretary's sheet (考核对象: his post) sits at his village and is scored by the county; a
  // village's project sheet is scored by its township, as a unit's — the same table, every role
  it('every state × every transition × every role, a first secretary\'s sheet the county scores', () => {
    const fs = (st: string) => view(st, { scorerPath: '/1/' });
    expect(exhaustiveTransitions(sheetWorkflow, actors, fs, { ...expected({ village: ['appeal'] }), draft: { ...none, county: ['submit'] } })).toEqual([]);
    expect(exhaustiveTransitions(sheetWorkflow, actors, (st) => view(st, { scorerPath: '/1/', appealOpen: false }), { ...expected({ county: ['lock'] }), draft: { ...none, county: ['submit'] } })).toEqual([]);
  });

  it('the station and the sibling village do not appeal the village\'s sheet', () => {
    for (const a of [station, otherTownship, TEST_ACTORS.otherVillage]) expect(checkTransition(sheetWorkflow, 'appeal', a, view('published'), { comment: 'x', evidence: 'x' })).toEqual({ ok: false, reason: 'forbidden' });
  });
});
