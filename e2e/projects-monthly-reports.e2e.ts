// 项目化推进 in a browser: the township proposes a project for a village through the form; the
// demo's 党群服务中心便民代办 (榆舍村, in progress) has this month's report request, issued by the
// dispatch engine when it started — the village answers it on a phone from the project page and
// records its next milestone done, and the progress rolls up on the page and on the county's
// board, whose late report and overdue milestone drill down to their projects.
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { login, openSession, settled, shot, useBrowser } from './support';

const percentOf = async (l: Locator) => Number(await l.getAttribute('data-percent'));

describe('projects: monthly reports and progress', () => {
  const browser = useBrowser();

  it('a village proposes its project on a phone; progress is computed, never typed', async () => {
    const s = await openSession(browser(), 'phone');
    await login(s, 'yushe');
    const { page } = s;
    await page.goto('/projects/new');
    await page.getByTestId('project-form').waitFor();
    await settled(page);
    expect(await page.getByText('不填写进度').count()).toBe(1);
    expect(await page.locator('input[name*="percent" i], input[id*="percent" i], input[id*="progress" i]').count()).toBe(0);
    await page.getByTestId('project-title').fill('村史馆党员志愿讲解');
    await expect.poll(() => page.getByTestId('project-unit').textContent()).toContain('榆舍村'); // its own village
    await page.getByTestId('milestone-title').first().fill('组建讲解队');
    await page.getByTestId('project-budget').locator('xpath=descendant-or-self::input').first().fill('6000');
    await shot(s, 'projects-form-phone');
    await page.getByTestId('project-submit').click();
    await page.getByTestId('project-page').waitFor();
    await expect.poll(() => page.getByTestId('project-status').textContent()).toBe('已申报');
    await expect.poll(() => percentOf(page.getByTestId('project-progress').first())).toBe(0);
    await s.close();
  });

  it('the village answers the month\'s report the dispatch engine issued, records a milestone done, and the progress rolls up on the page and the county board', async () => {
    const v = await openSession(browser(), 'phone');
    await login(v, 'yushe');
    const { page } = v;
    await page.goto('/projects');
    await page.getByTestId('projects-page').waitFor();
    await settled(page);
    await page.getByTestId('project-row').filter({ hasText: '党群服务中心便民代办' }).click();
    await page.getByTestId('project-page').waitFor();
    await settled(page);
    const progress = page.getByTestId('project-progress').first();
    const before = await percentOf(progress);
    await shot(v, 'projects-page-phone');

    // this month's report: a directive of the dispatch engine, answered on its assignment page
    const month = page.locator('[data-testid="project-report"][data-status="pending"]').first();
    await month.getByTestId('report-link').click();
    await page.getByTestId('assignment-page').waitFor();
    await settled(page);
    await page.getByTestId('report-section').getByText('已完成', { exact: true }).click();
    await page.getByTestId('report-text').fill('本月代办群众事项 42 件，代办点窗口已挂牌');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-view').getByText('本月代办群众事项 42 件').waitFor();
    await page.goBack();
    await page.getByTestId('project-page').waitFor();
    await settled(page);
    await expect.poll(() => page.locator('[data-testid="project-report"][data-status="pending"]').count()).toBe(0);
    await page.getByTestId('project-reports-list').getByText('本月代办群众事项 42 件').waitFor();

    // the next milestone is done: progress rolls up from the milestones
    await page.getByTestId('milestone-done').first().click();
    await page.getByTestId('milestone-note').fill('阶段总结会已开，群众评议满意率 96%');
    await page.getByTestId('milestone-done-ok').click();
    await expect.poll(() => percentOf(progress)).toBeGreaterThan(before);
    const after = await percentOf(progress);
    await shot(v, 'projects-milestone-done-phone');
    await v.close();

    // the county's board: rolled up per township, drilling down to the project
    const c = await openSession(browser(), 'desktop');
    await login(c, 'county');
    const cp = c.page;
    await cp.goto('/projects/board');
    await cp.getByTestId('project-board').waitFor();
    await settled(cp);
    await expect.poll(async () => Number(await cp.getByTestId('board-total-late').locator('.ant-statistic-content-value').textContent())).toBeGreaterThan(0);
    await expect.poll(async () => Number(await cp.getByTestId('board-total-overdue').locator('.ant-statistic-content-value').textContent())).toBeGreaterThan(0);
    await shot(c, 'projects-board-county');
    const wuli = cp.locator('[data-testid="board-row"][data-org="五里镇"]');
    await wuli.getByRole('link', { name: '五里镇' }).click();
    await cp.getByTestId('project-board').getByText('项目推进看板 · 五里镇').waitFor();
    await settled(cp);
    // the late report is 尧头村's; its project opens from the list
    await cp.getByTestId('board-late-list').getByRole('link').first().click();
    await cp.getByTestId('project-page').waitFor();
    await settled(cp);
    expect(await cp.locator('[data-testid="project-report"][data-late="true"]').count()).toBeGreaterThan(0);
    // the village's project, with the progress the village made
    await cp.goto('/projects?orgId=&assistance=no');
    await cp.getByTestId('projects-page').waitFor();
    await settled(cp);
    const row = cp.getByTestId('project-row').filter({ hasText: '党群服务中心便民代办' });
    await expect.poll(() => percentOf(row.getByTestId('project-progress'))).toBe(after);
    await cp.goto('/projects/matrix');
    await cp.getByTestId('project-matrix').waitFor();
    await settled(cp);
    await shot(c, 'projects-matrix-county');
    await cp.getByTestId('cell-service-key').click();
    await cp.getByTestId('projects-page').waitFor();
    await settled(cp);
    await expect.poll(() => cp.getByTestId('project-row').filter({ hasText: '党群服务中心便民代办' }).count()).toBe(1);
    await c.close();
  });
});
