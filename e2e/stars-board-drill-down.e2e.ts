// 星级评定 in a browser: the county reads last year's published star board on a desktop, drills from
// a township to a village to a cadre and sees the numbers behind the stars; a township secretary on
// a phone sees only its own township's board and the year's rating, published and locked; the
// village on a phone reads its branch's points (党员积分) down to one member's records, and the
// township finds the manual items waiting for its review.
import { describe, expect, it } from 'vitest';
import { login, openSession, settled, shot, useBrowser } from './support';

describe('the star board, drilled down to a cadre', () => {
  const browser = useBrowser();

  it('the county drills from a township to a cadre; the township sees its own on a phone', async () => {
    const desk = await openSession(browser(), 'desktop');
    const phone = await openSession(browser(), 'phone');
    await Promise.all([login(desk, 'county'), login(phone, 'wuli')]);
    const c = desk.page;
    const w = phone.page;

    await c.goto('/stars');
    await settled(c);
    const board = c.getByTestId('stars-board');
    await board.waitFor();
    await expect.poll(() => board.locator('a', { hasText: '五里镇' }).count()).toBe(1);
    expect(await board.textContent()).toContain('彭镇');
    await shot(desk, 'stars-board');

    await board.locator('a', { hasText: '五里镇' }).click();
    await settled(c);
    await expect.poll(async () => (await c.getByTestId('stars-board').locator('a').allTextContents()).every((t) => t.endsWith('村'))).toBe(true);
    await c.getByTestId('stars-board').locator('a').first().click();
    await settled(c);
    const people = c.getByTestId('stars-people');
    await people.waitFor();
    await expect.poll(() => people.locator('a').count()).toBeGreaterThan(0);
    await people.locator('a').first().click();
    const row = c.getByTestId('star-row');
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('× 50%');
    expect(await row.textContent()).toContain('取自 1 张已公布的评分表');
    await shot(desk, 'stars-cadre');

    // the township on a phone: its own township only, and the rating published
    await w.goto('/stars');
    await settled(w);
    const own = w.getByTestId('stars-board');
    await own.waitFor();
    await expect.poll(() => own.locator('a').allTextContents()).toEqual(['五里镇']);
    await shot(phone, 'stars-board-phone');
    await w.getByRole('tab', { name: '年度评定' }).click();
    await settled(w);
    await expect.poll(() => w.getByTestId('stars-page').textContent()).toContain('已公布');
    expect(await w.getByTestId('stars-rating-rows').textContent()).not.toContain('彭镇');
    await shot(phone, 'stars-rating-phone');

    // 党员积分 on the village's phone: its branch's stars and members, a member's points traced to their records
    const village = await openSession(browser(), 'phone');
    await login(village, 'yushe');
    const v = village.page;
    await v.goto('/points');
    await settled(v);
    const members = v.getByTestId('points-members');
    await members.waitFor();
    await expect.poll(() => members.locator('a').count()).toBeGreaterThan(0);
    expect(await v.getByTestId('points-branch').textContent()).toContain('支部积分');
    await shot(village, 'points-branch-phone');
    await members.locator('a').first().click();
    const history = v.getByTestId('points-member');
    await history.waitFor();
    await expect.poll(() => history.textContent()).toContain('参加组织生活');
    await shot(village, 'points-member-phone');
    // the township reviews what its branches proposed (the demo leaves one waiting)
    await w.goto('/points?tab=review');
    await settled(w);
    await expect.poll(() => w.getByTestId('points-review').textContent()).toContain('待审核');
    await shot(phone, 'points-review-phone');
  });
});
