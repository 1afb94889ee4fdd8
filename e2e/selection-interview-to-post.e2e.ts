// 干部选任 in a browser: the county organization department on a desktop takes the demo's public
// selection at the interview stage — a step out of order is refused with the API's sentence, the
// missing interview score is entered, the top candidate is inspected and appointed (a post with
// the channel 公开选拔); 五里镇's secretary on a phone reads the election round's progress board
// and the mentoring pairs.
import { describe, expect, it } from 'vitest';
import { login, openSession, settled, shot, useBrowser } from './support';

describe('a public selection from the interview to the post, the election board and mentoring on a phone', () => {
  const browser = useBrowser();

  it('the county finishes a selection; the township reads its round and pairs', async () => {
    const desk = await openSession(browser(), 'desktop');
    const phone = await openSession(browser(), 'phone');
    await Promise.all([login(desk, 'county'), login(phone, 'wuli')]);
    const c = desk.page;
    const w = phone.page;

    await c.goto('/selection');
    await settled(c);
    await expect.poll(() => c.getByTestId('selection-row').count()).toBeGreaterThanOrEqual(7);
    await shot(desk, 'selection-list');

    await c.locator('[data-testid="selection-row"][data-org="坡底村"]').click();
    await c.getByTestId('selection-detail').waitFor();
    await expect.poll(() => c.getByTestId('selection-status').textContent()).toBe('面试');

    // choosing the candidate before every interview score is in: the API's sentence, nothing changed
    await c.getByTestId('selection-fire-start_inspection').click();
    await c.getByTestId('fire-submit').click();
    await expect.poll(() => c.getByTestId('fire-error').textContent()).toContain('未录入面试成绩');
    await shot(desk, 'selection-refused');
    await c.keyboard.press('Escape');
    await expect.poll(() => c.getByTestId('selection-status').textContent()).toBe('面试');

    // the missing score, then the inspection of the top candidate and the appointment
    await c.getByTestId('score-高慧敏').fill('86');
    await c.getByTestId('score-save-高慧敏').click();
    await expect.poll(async () => (await c.getByTestId('selection-detail').textContent()) ?? '').toContain('82.5');
    await c.getByTestId('selection-fire-start_inspection').click();
    await c.getByTestId('fire-submit').click();
    await expect.poll(() => c.getByTestId('selection-status').textContent()).toBe('组织考察');
    await c.getByTestId('selection-fire-appoint').click();
    await c.getByTestId('fire-comment').fill('考察组走访党员群众28人，考察合格');
    await c.getByTestId('fire-submit').click();
    await expect.poll(() => c.getByTestId('selection-status').textContent()).toBe('已任职');
    await shot(desk, 'selection-appointed');

    // the township on a phone: the round's board and the pairs
    await w.goto('/selection?tab=elections');
    await settled(w);
    await w.getByTestId('election-board').waitFor();
    expect(Number(await w.getByTestId('election-done').textContent())).toBeGreaterThanOrEqual(4);
    await shot(phone, 'selection-election-board');
    await w.locator('[data-testid="election-village-row"][data-org="榆舍村"]').click();
    await w.getByTestId('election-submit').waitFor();
    await shot(phone, 'selection-election-village');
    await w.keyboard.press('Escape');
    await w.goto('/selection?tab=mentoring');
    await settled(w);
    await expect.poll(async () => (await w.getByTestId('selection-page').textContent()) ?? '').toContain('多对一');
    await shot(phone, 'selection-mentoring');
  }, 240_000);
});
