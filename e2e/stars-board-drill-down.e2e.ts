// 星级评定 in a browser: the county reads last year's published star board on a desktop, drills from
// a township to a village to a cadre and sees the numbers behind the stars; a township secretary on
// a phone sees only its own township's board and the year's rating, published and locked.
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
  });
});
