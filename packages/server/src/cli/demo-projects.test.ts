// The demo's projects load through the services: two in every aim × class cell (seed 004's 18),
// assistance projects with their sending units, milestones done, one overdue, monthly reports
// answered and one late — as the county board and the matrix show them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectBoard, ProjectMatrix, ProjectPage } from '@lianxin/contract';
import { buildTestApp, testPii, type TestApp } from '../test/helpers.js';
import { loadDemoProjects } from './demo-projects.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('the demo projects', () => {
  it('fill every cell of the matrix, with an overdue milestone and a late report on the county board', async () => {
    const loaded = await loadDemoProjects(t.db, testPii);
    expect(loaded.projects).toBe(18);
    expect(loaded.assistance).toBe(3);
    expect(loaded.overdueMilestones).toBe(1);
    const county = await t.as('county');
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const m = (await county.get(`/api/projects/matrix?year=${year}`)).json() as ProjectMatrix;
    expect(m.cells.map((c) => c.count)).toEqual(Array(9).fill(2));
    const board = (await county.get(`/api/projects/board?year=${year}`)).json() as ProjectBoard;
    expect(board.totals.overdueMilestones).toBe(1);
    expect(board.totals.lateReports).toBe(loaded.lateReports);
    if (new Date(Date.now() + 8 * 3600_000).getUTCMonth() > 0) expect(loaded.lateReports).toBe(1); // January has no earlier month of the year
    const statuses = ((await county.get(`/api/projects?year=${year}&pageSize=50`)).json() as ProjectPage).items.map((p) => p.status);
    expect(new Set(statuses)).toEqual(new Set(['proposed', 'reviewed', 'approved', 'in_progress', 'year_end', 'closed']));
    const yushe = (await (await t.as('yushe')).get(`/api/projects?year=${year}`)).json() as ProjectPage;
    expect(yushe.total).toBe(2);
    const running = yushe.items.find((p) => p.status === 'in_progress')!;
    expect(running.progress.done).toBeGreaterThan(0);
    expect(running.reports.answered).toBeGreaterThan(0);
  });
});
