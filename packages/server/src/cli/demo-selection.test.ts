// The demo's public selections, 五里镇's election round and the mentoring pairs load through the
// services: a selection at every stage, the round about half done, pairs of both kinds with contacts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElectionBoard, ElectionRoundPage, MentoringPage, MentoringSummary, SelectionPage } from '@lianxin/contract';
import { buildTestApp, testPii, type TestApp } from '../test/helpers.js';
import { loadDemoSelection } from './demo-selection.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('the demo selections, election round and mentoring pairs', () => {
  it('has a selection at each stage, one ending in a publicly selected post', async () => {
    const loaded = await loadDemoSelection(t.db, testPii);
    expect(loaded.selections).toBe(7);
    const county = await t.as('county');
    const page = (await county.get('/api/selections?pageSize=50')).json() as SelectionPage;
    expect(page.items.map((s) => s.status).sort()).toEqual(['applied', 'appointed', 'inspection', 'interview', 'registration', 'vetting', 'written']);
    const appointed = page.items.find((s) => s.status === 'appointed')!;
    const [post] = await t.db.query<{ selection_channel: string; civil_service: boolean }>(`SELECT selection_channel, civil_service FROM posts WHERE id = $1`, [appointed.postId]);
    expect(post).toEqual({ selection_channel: 'public_selection', civil_service: true });

    const wuli = await t.as('wuli');
    const rounds = (await wuli.get('/api/elections')).json() as ElectionRoundPage;
    expect(rounds.items).toHaveLength(1);
    const board = (await wuli.get(`/api/elections/${rounds.items[0]!.id}`)).json() as ElectionBoard;
    expect(board.done).toBe(loaded.election.elected);
    expect(board.done).toBeGreaterThanOrEqual(4);
    expect(board.pending).toBeGreaterThanOrEqual(5);
    expect(board.byStage.inspected + board.byStage.recommended).toBeGreaterThan(0);

    const pairs = (await wuli.get('/api/mentoring')).json() as MentoringPage;
    expect(pairs.total).toBe(loaded.pairs);
    expect(new Set(pairs.items.map((p) => p.mode))).toEqual(new Set(['one_to_one', 'many_to_one']));
    expect(pairs.items.every((p) => p.contacts > 0)).toBe(true);
    const sum = (await wuli.get('/api/mentoring/summary')).json() as MentoringSummary;
    expect(sum.rows.find((r) => r.org.name === '五里镇')?.pairs).toBe(loaded.pairs);
  });
});
