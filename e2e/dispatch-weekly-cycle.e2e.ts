// One weekly cycle of 两下两上 on the demo county: 五里镇 issues the weekly task list (with a report
// form) to all its stations; 榆舍党建工作站 breaks it down to three villages — 榆舍村 and 尧头村 with
// this week's deadline, 武家村 recorded afterwards (补录) with yesterday's deadline, so its report is
// honestly late; 榆舍村 reports from a phone, the others from a desktop; the station compiles the
// villages' reports (pre-filled) and reports up; the township's board shows who reported, who is
// late and the rolled-up figures.
import type { Board } from '@lianxin/contract';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { apiAs, login, openSession, SCREENSHOTS, settled, shot, useBrowser, type Session } from './support';

const todayCn = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
const plusDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/**
 * A screenshot of a filled, unsaved form: the viewport only. A full-page screenshot resizes the
 * viewport for a moment, and the shell re-mounts the page when antd's breakpoints flicker — which
 * would clear the form under test (see the report to the lead).
 */
async function shotForm(s: Session, name: string) {
  await settled(s.page);
  await s.page.waitForTimeout(350);
  await s.page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${s.viewport}.png`) });
}

const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const input = (l: Locator) => l.locator('xpath=descendant-or-self::input').first();

async function typeDate(page: Page, field: Locator, date: string) {
  const i = input(field);
  await i.click();
  await i.fill(date);
  await i.press('Tab');
  await expect.poll(() => i.inputValue()).toBe(date);
  void page;
}

async function chooseOption(page: Page, select: Locator, option: string) {
  await select.click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(option, { exact: true }).click();
}

/** A village secretary's account for a village without one in the demo (set-up through the API). */
async function villageAccount(browser: ReturnType<ReturnType<typeof useBrowser>>, orgName: string, username: string): Promise<string> {
  const s = await openSession(browser);
  const admin = await apiAs(s, 'sysadmin');
  const tree = await admin.get<{ nodes: { id: number; name: string }[] }>('/api/orgs/tree');
  const org = tree.nodes.find((n) => n.name === orgName)!;
  const first = 'First-Passw0rd!2026';
  const created = await admin.post('/api/accounts', { username, displayName: `${orgName}书记`, password: first, roles: ['village_admin'], scopeOrgId: org.id });
  expect(created.status(), await created.text()).toBe(201);
  await admin.logout();
  // Its first password must be changed before it can work.
  const secretary = await apiAs(s, username, first);
  const password = 'Village-Passw0rd!2026';
  const changed = await secretary.post('/api/auth/password', { currentPassword: first, newPassword: password });
  expect(changed.status(), await changed.text()).toBe(204);
  await s.close();
  return password;
}

async function openAssignment(s: Session, title: string) {
  const { page } = s;
  await page.goto('/dispatch');
  await page.getByTestId('assignment-groups').waitFor();
  await page.getByTestId('assignment-card').filter({ hasText: title }).first().click();
  await page.getByTestId('assignment-page').waitFor();
  await settled(page);
}

async function report(s: Session, values: { outcome: '已完成' | '部分完成' | '未完成'; visits: string; progress: string; text: string; reason?: string }) {
  const { page } = s;
  const form = page.getByTestId('report-section');
  await form.getByText(values.outcome, { exact: true }).click();
  if (values.reason) await page.getByTestId('report-reason').fill(values.reason);
  await input(page.getByTestId('figure-f1')).fill(values.visits);
  await chooseOption(page, page.getByTestId('figure-f2'), values.progress);
  await page.getByTestId('report-text').fill(values.text);
}

describe('两下两上: one weekly cycle', () => {
  const browser = useBrowser();

  it('township → stations → three villages (one late, one on a phone) → the station compiles and reports up → the board shows it', async () => {
    const stamp = String(Date.now() % 100000);
    const title = `第48周工作任务清单（测试${stamp}）`;
    const today = todayCn();
    const passwords = {
      yaotou: await villageAccount(browser(), '尧头村', `yaotou.${stamp}`),
      wujia: await villageAccount(browser(), '武家村', `wujia.${stamp}`),
    };

    // 1. 五里镇 composes the weekly list for all its stations, with a two-field report form.
    const wuli = await openSession(browser());
    let page = wuli.page;
    await login(wuli, 'wuli');
    await page.getByTestId('side-menu').getByText('两下两上').click();
    await page.getByTestId('dispatch-inbox').waitFor();
    await page.getByTestId('new-directive').click();
    await page.getByTestId('compose-page').waitFor();
    await page.getByText(/本级以下全部工作站（4 个）/).waitFor();
    await page.getByTestId('compose-title').fill(title);
    await page.getByTestId('compose-content').fill('1. 走访脱贫户、监测户\n2. 督促各村召开支委会\n3. 收集群众意见建议');
    await typeDate(page, page.getByTestId('compose-due'), plusDays(today, 3));
    await page.getByTestId('add-field').click();
    await page.getByTestId('field-label').nth(0).fill('走访农户');
    await page.getByTestId('field-unit').nth(0).fill('户');
    await page.getByTestId('form-field-row').nth(0).locator('.ant-switch').click();
    await page.getByTestId('add-field').click();
    await page.getByTestId('field-label').nth(1).fill('总体进度');
    await chooseOption(page, page.getByTestId('field-type').nth(1), '选项');
    const options = input(page.getByTestId('field-options'));
    await options.fill('正常');
    await options.press('Enter');
    await options.fill('滞后');
    await options.press('Enter');
    await page.locator('input[type=file]').setInputFiles({ name: '第48周任务清单.png', mimeType: 'image/png', buffer: png });
    await page.getByText('第48周任务清单.png').waitFor();
    await shotForm(wuli, 'dispatch-compose');
    await page.getByTestId('compose-submit').click();
    await page.locator('.ant-modal-confirm-title').getByText('确认下发给 本级以下全部工作站（4 个）？').waitFor();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /下\s*发/ }).click();
    await page.getByTestId('board-page').waitFor();
    const directiveId = Number(/\/dispatch\/(\d+)/.exec(page.url())![1]);
    await expect.poll(() => page.getByTestId('board-totals').textContent()).toContain('0/ 4');
    await page.getByTestId('directive-files').getByText('第48周任务清单.png').waitFor();
    await shot(wuli, 'dispatch-board-issued');

    // 2. The station breaks it down: two villages this week (one with an extra note), and 武家村
    //    recorded afterwards with yesterday's deadline (补录), confirmed.
    const station = await openSession(browser());
    page = station.page;
    await login(station, 'yushe.station');
    await page.goto('/dispatch');
    await page.getByTestId('assignment-groups').waitFor();
    await shot(station, 'dispatch-inbox-station');
    await openAssignment(station, title);
    await page.getByTestId('assignment-content').getByText('走访脱贫户').waitFor();
    await page.getByTestId('fan-out-open').click();
    const drawer = page.getByTestId('fan-out-drawer');
    await drawer.getByLabel('榆舍村').check();
    await drawer.getByLabel('尧头村').check();
    await typeDate(page, drawer.getByTestId('fan-due'), plusDays(today, 2));
    await drawer.getByText('分村补充要求').click();
    await drawer.getByLabel('给尧头村的补充要求（可选）').fill('重点走访外出务工户家属');
    await shotForm(station, 'dispatch-fan-out');
    await page.getByTestId('fan-out-submit').click();
    await page.getByText('已分解下发给 2 个村（社区）').waitFor();
    await page.getByTestId('fan-out-open').click();
    await drawer.getByLabel('武家村').check();
    await typeDate(page, drawer.getByTestId('fan-due'), plusDays(today, -1));
    await drawer.getByTestId('fan-past-warn').waitFor();
    await page.getByTestId('fan-out-submit').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '分解下发' }).click();
    await page.getByText('已分解下发给 1 个村（社区）').waitFor();
    await expect.poll(async () => page.getByTestId('village-reports').locator('.ant-table-row').count()).toBe(3);
    await page.getByTestId('village-reports').getByTestId('tag-overdue').waitFor(); // 武家村: past its deadline, not reported

    // 3a. 榆舍村 reports from a phone.
    const yushe = await openSession(browser(), 'phone');
    page = yushe.page;
    await login(yushe, 'yushe');
    await page.goto('/dispatch');
    await page.getByTestId('assignment-card').filter({ hasText: title }).first().waitFor();
    await shot(yushe, 'dispatch-inbox-village');
    await openAssignment(yushe, title);
    await report(yushe, { outcome: '已完成', visits: '12', progress: '正常', text: '走访脱贫户12户，召开支委会1次' });
    await page.getByTestId('directive-files').getByText('第48周任务清单.png').waitFor(); // the township's file reaches the village
    await page.locator('input[type=file]').setInputFiles({ name: '走访照片.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('report-files-editing').getByText('走访照片.png').waitFor();
    await shotForm(yushe, 'dispatch-report-village');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-view').getByText('走访脱贫户12户').waitFor();
    await expect.poll(() => page.getByTestId('assignment-head').textContent()).toContain('已上报');
    await shot(yushe, 'dispatch-reported-village');
    await yushe.close();

    // 3b. 尧头村 reports partly done, with the reason.
    const yaotou = await openSession(browser());
    page = yaotou.page;
    await login(yaotou, `yaotou.${stamp}`, passwords.yaotou);
    await openAssignment(yaotou, title);
    await page.getByTestId('assignment-content').getByText('重点走访外出务工户家属').waitFor();
    await report(yaotou, { outcome: '部分完成', reason: '两户外出务工，电话联系', visits: '8', progress: '滞后', text: '走访8户' });
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-view').getByText('走访8户').waitFor();
    await yaotou.close();

    // 3c. 武家村 sees it overdue and reports after its deadline: the server marks it late.
    const wujia = await openSession(browser());
    page = wujia.page;
    await login(wujia, `wujia.${stamp}`, passwords.wujia);
    await page.goto('/dispatch');
    await page.getByTestId('assignment-card').filter({ hasText: title }).getByText('已逾期 1 天').waitFor();
    await openAssignment(wujia, title);
    await page.getByTestId('late-note').waitFor();
    await report(wujia, { outcome: '已完成', visits: '5', progress: '正常', text: '走访5户，补开支委会' });
    await shotForm(wujia, 'dispatch-report-late');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-view').getByText('逾期上报').waitFor();
    await wujia.close();

    // 4. The station sees its villages' reports, compiles them (pre-filled) and reports up.
    page = station.page;
    await page.reload();
    await page.getByTestId('assignment-page').waitFor();
    await expect.poll(async () => page.getByTestId('village-reports').getByTestId('tag-late').count()).toBe(1);
    const photo = page.getByTestId('village-reports').getByRole('link', { name: /走访照片\.png/ });
    const served = await page.evaluate(async (href) => {
      const r = await fetch(href);
      return `${r.headers.get('content-type')} ${(await r.arrayBuffer()).byteLength}`;
    }, (await photo.getAttribute('href'))!);
    expect(served).toBe(`image/png ${png.length}`);
    await page.getByTestId('compile').click();
    await page.getByTestId('compiled-note').getByText('已按 3/3 个村的上报预填').waitFor();
    expect(await input(page.getByTestId('figure-f1')).inputValue()).toBe('25');
    expect(await page.getByTestId('report-text').inputValue()).toContain('尧头村：部分完成');
    await page.getByTestId('report-reason').fill('尧头村两户外出务工，下周补访');
    await shotForm(station, 'dispatch-compile');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-view').waitFor();
    await shot(station, 'dispatch-station-reported');
    await station.close();

    // 5. The township's board: the station reported (partly), its villages with 武家村 late, totals.
    page = wuli.page;
    await page.goto(`/dispatch/${directiveId}`);
    await page.getByTestId('board-page').waitFor();
    const row = page.getByTestId('board-table').locator('.ant-table-row').filter({ hasText: '榆舍党建工作站' });
    await row.getByText('已上报', { exact: true }).waitFor();
    await row.getByText('部分完成').waitFor();
    await expect.poll(() => row.locator('[data-testid="below-tag"][data-state="late"]').textContent()).toContain('武家村');
    expect(await row.locator('[data-testid="below-tag"][data-state="reported"]').count()).toBe(2);
    await expect.poll(() => page.getByTestId('rollup-f1').textContent()).toContain('25');
    await expect.poll(() => page.getByTestId('board-totals').textContent()).toContain('1/ 4');
    await shot(wuli, 'dispatch-board');
    const board = (await page.evaluate(async (id) => (await fetch(`/api/directives/${id}/board`)).json(), directiveId)) as Board;
    expect(board.totals).toMatchObject({ targets: 4, reported: 1, belowTargets: 3, belowReported: 3, figures: { f1: 25, f2: { 正常: 1, 滞后: 0 } } });
    const below = board.rows.find((r) => r.org.name === '榆舍党建工作站')!.below;
    expect(below.map((b) => [b.org.name, b.status, b.late]).sort()).toEqual([['尧头村', 'reported', false], ['榆舍村', 'reported', false], ['武家村', 'reported', true]]);

    // The inbox's "issued by us" tab shows the progress; the late filter keeps the station.
    await page.getByTestId('board-filter').getByText('逾期').click();
    await page.waitForURL(/show=late/);
    await expect.poll(() => page.getByTestId('board-table').locator('.ant-table-row').filter({ hasText: '榆舍党建工作站' }).count()).toBe(1);
    // The township closes the week's list (confirmed): no more reports are taken.
    await page.getByTestId('close-directive').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /截\s*止/ }).click();
    await page.getByTestId('board-page').locator('.ant-tag').getByText('已截止').waitFor();
    await expect.poll(async () => page.getByTestId('close-directive').count()).toBe(0);
    await page.goto('/dispatch?tab=sent');
    await page.getByTestId('sent-list').locator('.ant-table-row').filter({ hasText: title }).getByText('已截止').waitFor();
    await shot(wuli, 'dispatch-sent');
    await page.goto('/dispatch?tab=series');
    await page.getByTestId('series-list').getByText('五里镇每周工作任务清单').waitFor();
    await shot(wuli, 'dispatch-series');
    await page.goto('/dispatch');
    await page.getByTestId('dispatch-inbox').waitFor();
    await shot(wuli, 'dispatch-inbox');
    await wuli.close();

    // The same pages on a phone for the township.
    const phone = await openSession(browser(), 'phone');
    page = phone.page;
    await login(phone, 'wuli');
    await page.goto(`/dispatch/${directiveId}`);
    await page.getByTestId('board-rows').getByText('榆舍党建工作站').waitFor();
    await shot(phone, 'dispatch-board');
    await page.goto('/dispatch?tab=sent');
    await page.getByTestId('sent-list').getByText(title).waitFor();
    await shot(phone, 'dispatch-sent');
    await page.goto('/dispatch/new');
    await page.getByTestId('compose-page').waitFor();
    await shot(phone, 'dispatch-compose');
    await phone.close();
  }, 240_000); // seven sessions in one journey: about 100 s on an idle two-core machine
});
