// 评议与调研 end to end: the 榆舍村 secretary grades members by tapping on a phone (民主评议党员); the
// township drills the results down to the station; enters a participant's ballot at the demo's
// 三述职两评议一落实 session; appraises a station's research report; the short stations show on
// the ≥ 2-a-year board.
import { describe, expect, it } from 'vitest';
import { login, openSession, settled, shot, useBrowser } from './support';

describe('民主评议党员, 述职评议 and 调查研究 on a phone and a desktop', () => {
  const browser = useBrowser();

  it('a branch grades on a phone, the township drills down, rates reporters and appraises research', async () => {
    const phone = await openSession(browser(), 'phone');
    const desk = await openSession(browser(), 'desktop');
    await Promise.all([login(phone, 'yushe'), login(desk, 'wuli')]);
    const v = phone.page;
    const w = desk.page;

    // 1. 榆舍村 has not graded this year (the demo leaves it to its secretary): tap three grades, submit
    await v.goto('/orglife/appraisals');
    await settled(v);
    const pending = v.getByTestId('pending-member');
    await expect.poll(() => pending.count()).toBeGreaterThan(3);
    const before = await pending.count();
    await pending.nth(0).getByText('优秀', { exact: true }).click();
    await pending.nth(1).getByText('合格', { exact: true }).click();
    await pending.nth(2).getByText('基本合格', { exact: true }).click();
    await shot(phone, 'appraisal-grading');
    await v.getByTestId('submit-grades').click();
    await expect.poll(() => pending.count()).toBe(before - 3);
    await expect.poll(() => v.getByTestId('appraisal-list').textContent()).toContain('基本合格');
    await expect.poll(() => v.getByTestId('appraisal-total').textContent()).toContain('已评 3');
    // the score sheet's link to one member's appraisal opens that record, and a reload keeps it open
    const graded = (await (await v.request.get('/api/orglife/appraisals?grade=basically_qualified')).json()) as { items: { id: number; person: { name: string } }[] };
    const one = graded.items[0]!;
    await v.goto(`/orglife/appraisals?id=${one.id}`);
    await expect.poll(() => v.getByTestId('appraisal-record').textContent()).toContain(one.person.name);
    await v.reload();
    await expect.poll(() => v.getByTestId('appraisal-record').textContent()).toContain('基本合格');
    await v.getByTestId('appraisal-record-close').click();
    await expect.poll(() => v.getByTestId('appraisal-record').count()).toBe(0);
    expect(new URL(v.url()).search).not.toContain('id=');

    // 2. the township's results per station, drilled down to 榆舍党建工作站 and its villages
    await w.goto('/orglife/appraisals');
    await settled(w);
    await w.getByTestId('appraisal-rows').getByText('榆舍党建工作站').click();
    await settled(w);
    await expect.poll(() => w.getByTestId('appraisal-rows').textContent()).toContain('榆舍村');
    await shot(desk, 'appraisal-results');

    // 3. a participant's ballot at the demo session: every reporter rated, tallied at once
    await w.goto('/orglife/report-sessions');
    await settled(w);
    await w.getByTestId('session-list').getByRole('link').first().click();
    await w.getByTestId('session-page').waitFor();
    const reports = await w.getByTestId('session-report').count();
    expect(reports).toBeGreaterThan(0);
    await w.getByTestId('ballot-rater').fill('列席党代表');
    for (let i = 0; i < reports; i++) await w.getByTestId('ballot-rating').nth(i).getByText('较好', { exact: true }).click();
    await w.getByTestId('cast-ballot').click();
    await expect.poll(() => w.getByTestId('session-page').textContent()).toContain('评议票 9 张');
    await shot(desk, 'report-session');

    // 4. research: the board shows the short stations; a reported round is appraised
    await w.goto('/orglife/research');
    await settled(w);
    await expect.poll(() => w.getByTestId('research-board').textContent()).toContain('榆舍党建工作站');
    await w.getByTestId('research-list').getByRole('link').filter({ hasText: '已报告待评定' }).first().click();
    await w.getByTestId('research-round-page').waitFor();
    await w.getByTestId('research-grade-pick').getByText('良好', { exact: true }).click();
    await w.getByTestId('research-comment').fill('问题梳理清楚，建议可行');
    await w.getByTestId('research-appraise').click();
    await expect.poll(() => w.getByTestId('research-status').textContent()).toBe('已评定');

    // the station on a phone sees its board row short
    const st = await openSession(browser(), 'phone');
    await login(st, 'yushe.station');
    await st.page.goto('/orglife/research');
    await settled(st.page);
    await expect.poll(() => st.page.getByTestId('research-board').textContent()).toContain('不足');
    await shot(st, 'research-board');
  });
});
