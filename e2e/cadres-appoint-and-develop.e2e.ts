// The cadre team and the members' path in a browser: a township appoints a reserve cadre to a
// post (the post appears on the person's page, the pool record moves to 已任用); a village branch
// on a phone moves an applicant one development step, and is refused — with the earliest date —
// when it tries to make an activist of less than a year a development target.
import { describe, expect, it } from 'vitest';
import { login, openSession, pick, settled, shot, useBrowser } from './support';

describe('cadres: appoint from the reserve pool, develop a member', () => {
  const browser = useBrowser();

  it('a township appoints a reserve cadre to a post', async () => {
    const s = await openSession(browser(), 'desktop');
    await login(s, 'wuli');
    const { page } = s;
    await page.goto('/reserve');
    await page.getByTestId('reserve-page').waitFor();
    await settled(page);
    const appoint = page.locator('[data-testid^="reserve-appoint-"]').first();
    const name = (await appoint.getAttribute('data-testid'))!.slice('reserve-appoint-'.length);
    await appoint.click();
    await pick(page, 'post-role', '委员');
    await pick(page, 'post-channel', '选举产生');
    await page.getByTestId('reserve-submit').click();
    await page.getByText('已任用').first().waitFor();
    await expect.poll(() => page.getByTestId(`reserve-appoint-${name}`).count()).toBe(0);
    await page.locator('.ant-segmented-item').filter({ hasText: '已任用' }).click();
    await settled(page);
    await page.getByRole('link', { name, exact: true }).first().click();
    await page.getByTestId('person-page').waitFor();
    await settled(page);
    const posts = page.getByTestId('posts-table');
    await expect.poll(() => posts.getByText('委员').count()).toBeGreaterThan(0);
    await expect.poll(() => posts.getByText('在任').count()).toBeGreaterThan(0);
    await shot(s, 'cadres-appointed');
    await s.close();
  });

  it('a village branch on a phone moves an applicant one step and is refused a step before its interval', async () => {
    const s = await openSession(browser(), 'phone');
    await login(s, 'yushe');
    const { page } = s;
    await page.goto('/developments');
    await page.getByTestId('development-board').waitFor();
    await settled(page);

    // 张晓雨 applied two months ago: the branch makes her an activist today
    const applicant = page.getByTestId('development-card').filter({ hasText: '张晓雨' });
    await applicant.getByTestId('development-next').click();
    for (const c of ['党组织派人谈话', '党员推荐或群团组织推优']) await page.getByRole('checkbox', { name: c }).check();
    await page.getByTestId('development-submit').click();
    await expect.poll(() => page.getByTestId('development-column-activist').getByText('张晓雨').count()).toBe(1);

    // 李向阳 has been an activist for five months: a development target only after a year
    const activist = page.getByTestId('development-card').filter({ hasText: '李向阳' });
    await activist.getByTestId('development-next').click();
    for (const c of ['听取党小组、培养联系人、党员和群众意见', '支委会讨论同意', '报上级党委备案']) await page.getByRole('checkbox', { name: c }).check();
    s.allowHttpErrors(/\/api\/developments\/\d+\/steps$/);
    await page.getByTestId('development-submit').click();
    const error = page.getByTestId('development-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/须在上一步（\d{4}-\d{2}-\d{2}）满12个月后，最早 \d{4}-\d{2}-\d{2}/);
    await shot(s, 'cadres-development-refused');
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await expect.poll(() => page.getByTestId('development-column-activist').getByText('李向阳').count()).toBe(1);
    await expect.poll(() => page.getByTestId('development-column-target').getByText('李向阳').count()).toBe(0);
    await s.close();
  });

  it('the township committee sees a probation ending on its 工作台 and opens that person\'s step in one tap', async () => {
    const s = await openSession(browser());
    await login(s, 'wuli');
    const { page } = s;
    await page.getByTestId('today').waitFor();
    await settled(page);
    // the demo's 赵建国 was admitted 350 days ago: his year is up within the month
    const item = page.locator('[data-testid="today-item"][data-kind="development_due"]').filter({ hasText: '赵建国' });
    await expect.poll(() => item.textContent()).toContain('赵建国预备期满，待审批转正');
    await item.click();
    await page.waitForURL(/\/developments\?id=\d+$/);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/赵建国：转为正式党员/);
    expect(await dialog.textContent()).toMatch(/最早 \d{4}-\d{2}-\d{2}|本人提出转正申请/);
    await shot(s, 'cadres-probation-from-today');
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await page.waitForURL(/\/developments$/);
    await s.close();
  });

  it('a township opens its first secretaries, the subsidy table and one first secretary\'s work log', async () => {
    const s = await openSession(browser(), 'desktop');
    await login(s, 'wuli');
    const { page } = s;
    await page.goto('/first-secretaries');
    await page.getByTestId('first-secretaries-page').waitFor();
    await settled(page);
    const rows = page.getByTestId('fs-list').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    await page.getByRole('tab', { name: '生活补贴' }).click();
    await page.getByTestId('fs-total').waitFor();
    expect(await page.getByTestId('fs-total').textContent()).toMatch(/每天 50\.00 元 · 合计 \d+ 天/);
    await shot(s, 'cadres-first-secretary-subsidy');
    await page.getByRole('tab', { name: '名单' }).click();
    await rows.first().getByRole('link').click();
    await page.getByTestId('first-secretary-page').waitFor();
    await settled(page);
    expect(await page.getByTestId('fs-days').textContent()).toMatch(/\d+ 天/);
    await page.getByTestId('fs-visits').waitFor();
    await shot(s, 'cadres-first-secretary-page');
    await s.close();
  });
});
