// The demo's 教育培训: seed 002's figures scaled to 宜君's villages, entered through the service —
// person-times are the ticked attendance rows, every 书记讲党课 is linked to its branch's 党课 meeting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingCoverage, TrainingSessionPage, TrainingTalkPage } from '@lianxin/contract';
import { buildTestApp, testPii, type TestApp } from '../test/helpers.js';
import { loadDemoOrglife } from './demo-orglife.js';
import { loadDemoTraining } from './demo-training.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('the demo training', () => {
  it('has 3 county trainings with their person-times, 31 流动课堂, 72 linked 书记讲党课 and a dozen 三个讲一次', async () => {
    const [c] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE type = 'county' AND name = '中共宜君县委员会'`);
    await loadDemoOrglife(t.db, c!.id);
    const loaded = await loadDemoTraining(t.db, testPii);
    expect(loaded).toMatchObject({ countySessions: 3, mobile: 31, lectures: 72, talks: 12 });
    // person-times are the attendance rows, about 685 × 117/284
    const [rows] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id WHERE s.org_id = $1`, [c!.id]);
    expect(loaded.countyPersonTimes).toBe(rows!.n);
    expect(rows!.n).toBeGreaterThan(250);
    expect(rows!.n).toBeLessThanOrEqual(282);

    const county = await t.as('county');
    const sessions = (await county.get('/api/training/sessions?pageSize=200')).json() as TrainingSessionPage;
    expect(sessions.total).toBe(34);
    expect(sessions.items.filter((s) => s.course.mode === 'mobile').length).toBeGreaterThan(20);
    const lectures = (await county.get('/api/training/talks?kind=secretary_lecture&pageSize=200')).json() as TrainingTalkPage;
    expect(lectures.total).toBe(72);
    expect(lectures.items.every((l) => l.meetingId !== null)).toBe(true);
    const [meetings] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM meetings WHERE id = ANY($1::bigint[]) AND type_code = 'party_lecture'`, [lectures.items.map((l) => l.meetingId)]);
    expect(meetings!.n).toBe(72);

    // the coverage board shows heads and members trained per township, from the same rows
    const board = (await county.get('/api/training/coverage')).json() as TrainingCoverage;
    expect(board.total.headsTrained).toBeGreaterThan(50);
    expect(board.total.headsTrained).toBeLessThanOrEqual(board.total.heads);
    expect(board.total.sessions).toBe(34);
    expect(board.total.personTimes).toBe(sessions.personTimes);
  });
});
