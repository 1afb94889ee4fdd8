// 三务公开 end to end on phones: the 榆舍村 secretary composes this month's 村务公开, photographs the
// disclosure board and publishes it (党务 and 财务 were published earlier in the demo); then a
// citizen, not logged in, opens the village's page, follows its 三务公开 section and sees this
// month's 党务/村务/财务 items with the board photo.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boardPhoto } from '../packages/server/src/cli/board-photo';
import { login, openSession, settled, shot, useBrowser } from './support';

describe('a village publishes its 村务公开 and a citizen reads the month’s disclosures on a phone', () => {
  const browser = useBrowser();

  it('publishes from a phone with the board photo; the public page shows all three kinds', async () => {
    const village = await openSession(browser(), 'phone');
    await login(village, 'yushe');
    const v = village.page;

    // the village's own board: 党务 and 财务 published, 村务 still to do
    await v.goto('/openness');
    await v.getByTestId('unit-kinds').waitFor();
    await expect.poll(() => v.getByTestId('kind-party').textContent()).toContain('已公开');
    await shot(village, 'openness-village-board');
    await v.getByTestId('compose-village').click();

    // compose: two items, saved as a draft
    await v.waitForURL(/\/openness\/compose/);
    await v.getByTestId('item-title-0').fill('村组道路硬化项目');
    await v.getByTestId('item-content-0').fill('经“四议两公开”程序，村民代表会议决议硬化二组道路 1.2 公里，预算 36 万元。');
    await v.getByTestId('add-item').click();
    await v.getByTestId('item-title-1').fill('低保及临时救助');
    await v.getByTestId('item-content-1').fill('新增低保 1 户，临时救助 2 户。');
    await shot(village, 'openness-compose');
    await v.getByTestId('compose-save').click();
    await v.waitForURL(/\/openness\/disclosures\/\d+$/);
    await v.getByTestId('disclosure-draft').waitFor();
    await expect(v.getByTestId('publish').isDisabled()).resolves.toBe(true);

    // the board photo from the phone's camera (a file chooser here), then publish
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lx-board-')), '公开栏.png');
    fs.writeFileSync(file, boardPhoto());
    await v.getByTestId('photo-input').setInputFiles(file);
    await v.getByTestId('board-photo').first().waitFor();
    await v.getByTestId('publish').click();
    await v.getByTestId('disclosure-published').waitFor();
    await shot(village, 'openness-published');
    const publicHref = await v.getByRole('link', { name: '打开公开页面' }).getAttribute('href');
    expect(publicHref).toMatch(/^\/public\/units\/\d+\/disclosures$/);
    await village.close();

    // a citizen's phone, no login: the unit page's 三务公开 section, then the full page
    const citizen = await openSession(browser(), 'phone');
    const c = citizen.page;
    const unitId = publicHref!.split('/')[3];
    await c.goto(`/public/unit/${unitId}`);
    const section = c.getByTestId('public-section-disclosures');
    await section.waitFor();
    // below the long form on a phone, but one tap from the top of the page
    const inView = () => section.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; });
    expect(await inView()).toBe(false);
    await shot(citizen, 'public-unit-top');
    await c.getByTestId('public-jump').getByRole('link', { name: '三务公开' }).click();
    await expect.poll(inView).toBe(true);
    await expect.poll(() => section.textContent()).toContain('村务公开');
    await section.getByRole('link', { name: /查看全部公开内容/ }).click();
    await c.waitForURL(/\/public\/units\/\d+\/disclosures$/);
    await c.getByTestId('public-disclosures').waitFor();
    for (const kind of ['party', 'village', 'finance']) await c.getByTestId(`disclosure-${kind}`).waitFor();
    await expect.poll(() => c.getByTestId('disclosure-village').textContent()).toContain('村组道路硬化项目');
    await expect.poll(() => c.getByTestId('disclosure-finance').textContent()).toContain('元');
    await expect.poll(() => c.getByTestId('disclosure-party').textContent()).toContain('党员发展情况');
    // every board photo is a loaded image
    const photos = c.getByTestId('board-photo');
    await expect.poll(() => photos.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      await photos.nth(i).scrollIntoViewIfNeeded();
      await expect.poll(() => photos.nth(i).evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    }
    await shot(citizen, 'openness-public-disclosures');
    await c.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
    await c.screenshot({ path: path.join(path.resolve(import.meta.dirname, '../artifacts/screenshots'), 'openness-public-disclosures-middle-phone.png') });
    await citizen.close();
  }, 180_000);
});
