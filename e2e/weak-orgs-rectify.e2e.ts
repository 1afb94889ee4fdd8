// 软弱涣散整顿 in a browser: a township secretary on a phone reads the signals of its branches and
// proposes one with its situations; the county lists it on a desktop; the township writes the plan
// and registers a rectification problem that lands in the ledger; the demo's branch under
// rectification shows its plan and problems.
import { describe, expect, it } from 'vitest';
import { login, openSession, pick, settled, shot, useBrowser } from './support';

describe('a weak branch proposed, listed and rectified through the ledger', () => {
  const browser = useBrowser();

  it('the township proposes from the signals on a phone, the county lists it, the plan and a problem follow', async () => {
    const phone = await openSession(browser(), 'phone');
    const desk = await openSession(browser(), 'desktop');
    await Promise.all([login(phone, 'wuli'), login(desk, 'county')]);
    const w = phone.page;
    const c = desk.page;

    // the signals: every village of the township with what its records say; the demo's two are marked
    await w.goto('/weak-orgs?tab=signals');
    await settled(w);
    await w.getByTestId('weak-signals').waitFor();
    await expect.poll(() => w.getByTestId('weak-signal-row').count()).toBeGreaterThan(10);
    expect(await w.locator('[data-testid="weak-signal-row"][data-org="焦家河村"]').textContent()).toContain('整顿中');
    expect(await w.locator('[data-testid="weak-signal-row"][data-org="柏树村"]').textContent()).toContain('拟列入');
    await shot(phone, 'weak-signals');

    // propose 西坡村 with two situations
    const row = w.locator('[data-testid="weak-signal-row"][data-org="西坡村"]');
    await row.getByTestId('weak-propose').click();
    await w.getByRole('checkbox', { name: '组织软弱、工作处于停滞状态' }).check();
    await w.getByRole('checkbox', { name: '服务群众意识差、群众反映强烈' }).check();
    await w.getByTestId('weak-note').fill('村两委班子长期不在岗，群众办事找不到人');
    await w.getByTestId('weak-propose-submit').click();
    await w.waitForURL(/\/weak-orgs\/\d+$/);
    const path = new URL(w.url()).pathname;
    await expect.poll(() => w.getByTestId('weak-status').textContent()).toBe('拟列入');
    await shot(phone, 'weak-proposed');

    // the county lists it
    await c.goto(path);
    await settled(c);
    await c.getByTestId('weak-fire-confirm').click();
    await expect.poll(() => c.getByTestId('weak-status').textContent()).toBe('整顿中');

    // the township writes the plan and registers a problem into the ledger
    await w.reload();
    await settled(w);
    await w.getByTestId('weak-leader').fill('五里镇党委书记');
    await w.getByTestId('weak-plan').fill('调整村两委班子，建立坐班值班制度');
    await w.getByTestId('weak-save-plan').click();
    await settled(w);
    await pick(w, 'weak-problem-category', '基层组织建设');
    await w.getByTestId('weak-problem-description').fill('村干部坐班制度未落实');
    await w.getByTestId('weak-problem-deadline').click();
    await w.getByTestId('weak-problem-deadline').fill(new Date(Date.now() + 30 * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10));
    await w.keyboard.press('Enter');
    await w.getByTestId('weak-problem-add').click();
    const problem = w.getByTestId('weak-problems').getByRole('link', { name: '村干部坐班制度未落实' });
    await problem.waitFor();
    await shot(phone, 'weak-rectifying');
    await problem.click();
    await w.waitForURL(/\/ledger\/\d+$/);

    // the county's list shows both branches being rectified, the demo's with its plan and problems
    await c.goto('/weak-orgs');
    await settled(c);
    await expect.poll(() => c.getByTestId('weak-row').filter({ hasText: '西坡村' }).textContent()).toContain('整改问题 0/1 已销号');
    await c.getByTestId('weak-row').filter({ hasText: '焦家河村' }).click();
    await c.waitForURL(/\/weak-orgs\/\d+$/);
    await expect.poll(() => c.getByTestId('weak-problems').textContent()).toContain('支委会成员缺额两名');
    await shot(desk, 'weak-org-desktop');
    await Promise.all([phone.close(), desk.close()]);
  });
});
