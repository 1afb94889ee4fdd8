// 网格包保: the township draws a grid under a village; the village secretary, on a phone, registers
// an in-service Party member with it (双报到) and records two practical things done for residents
// (the target of 2–3 a year shows as met); registers a vulnerable household with its village-level
// contact (it opens by its id, also after a reload); a diary visit to that household is counted on it,
// and opens by its id too.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, openSession, shot, useBrowser } from './support';

/** Picks a node of an org tree select (by its data-testid) by searching its name. */
async function pickOrg(page: Page, testId: string, name: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(name);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper').filter({ hasText: name }).first().click();
}

async function pickSearch(page: Page, testId: string, text: string, option: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).first().click();
}

describe('grids and vulnerable households', () => {
  const browser = useBrowser();

  it('a grid gets a registered member with deeds against the yearly target; a household gets contacts and a visit', async () => {
    const gridName = `第${Date.now() % 1000}网格`;
    const town = await openSession(browser(), 'desktop');
    await login(town, 'wuli');
    await town.page.goto('/grids');
    await town.page.getByTestId('grid-create').click();
    await pickOrg(town.page, 'grid-parent', '榆舍村');
    await town.page.getByTestId('grid-name').fill(gridName);
    await town.page.getByTestId('grid-create-ok').click();
    await town.page.getByTestId('grid-item').filter({ hasText: gridName }).waitFor();
    await town.page.getByTestId('grid-detail').filter({ hasText: gridName }).waitFor();
    await town.close();

    // ---- the village secretary, on a phone ----
    const s = await openSession(browser(), 'phone');
    const { page } = s;
    await login(s, 'yushe');
    const members = (await (await s.context.request.get('/api/people?memberStatus=member&pageSize=5')).json()) as { items: { id: number; name: string }[] };
    const member = members.items[0]!;
    await page.goto('/grids');
    await page.getByTestId('grid-item').filter({ hasText: gridName }).click();
    await page.getByTestId('grid-detail').filter({ hasText: gridName }).waitFor();
    await page.getByTestId('grid-register').click();
    await pickSearch(page, 'grid-person', member.name, member.name);
    await page.getByTestId('grid-dialog-ok').click();
    await expect.poll(() => page.getByTestId('grid-detail').textContent()).toContain(member.name);
    await expect.poll(() => page.getByTestId('grid-detail').textContent()).toContain('0 / 2–3 件');
    for (const deed of ['帮王奶奶代购降压药', '陪同独居老人到镇卫生院体检']) {
      await page.getByTestId('grid-add-deed').first().click();
      await page.getByTestId('deed-text').fill(deed);
      await page.getByTestId('grid-dialog-ok').click();
      await expect.poll(() => page.getByTestId('grid-detail').textContent()).toContain(deed);
    }
    await expect.poll(() => page.getByTestId('grid-detail').textContent()).toContain('2 / 2–3 件');
    await expect.poll(() => page.getByTestId('grid-detail').textContent()).toContain('已达标 1/1');
    await shot(s, 'citizens-grid-members');

    // ---- a vulnerable household with its village-level contact ----
    const head = `孙${Date.now() % 1000}奶奶`;
    await page.goto('/grids?tab=households');
    await page.getByTestId('household-add').click();
    await pickOrg(page, 'hh-village', '榆舍村');
    await page.getByTestId('hh-head').fill(head);
    await page.getByTestId('hh-categories').getByText('老', { exact: true }).click();
    await page.getByTestId('hh-categories').getByText('独', { exact: true }).click();
    await pickSearch(page, 'hh-village-contact', member.name, member.name);
    await shot(s, 'citizens-household-form');
    await page.getByTestId('hh-submit').click();
    // the answer of the create is the household: it opens, and its address survives a reload
    const detail = page.getByTestId('household-detail');
    await expect.poll(async () => (await detail.textContent()) ?? '').toContain(member.name);
    expect(page.url()).toMatch(/[?&]id=\d+/);
    const householdUrl = page.url();
    await page.reload();
    await expect.poll(async () => (await page.getByTestId('household-detail').textContent()) ?? '').toContain(head);
    await expect.poll(async () => (await page.getByTestId('household-detail').textContent()) ?? '').toContain('还没有走访这一户的记录');
    await shot(s, 'citizens-household-detail');
    await page.goto('/grids?tab=households');
    const card = page.getByTestId('household-card').filter({ hasText: head });
    await card.waitFor();
    await expect.poll(async () => (await card.textContent()) ?? '').toContain(`村级：${member.name}`);
    await expect.poll(async () => (await card.textContent()) ?? '').toContain('未走访');

    // ---- a diary visit to that household is counted on it ----
    await page.goto('/diary');
    await page.getByTestId('visit-open').click();
    await pickSearch(page, 'visit-household-pick', head, head);
    await expect.poll(() => page.getByTestId('visit-household').inputValue()).toBe(`${head}家`);
    await page.getByTestId('visit-heard').fill('身体还好，想了解高龄补贴怎么领');
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('visit-card').filter({ hasText: head }).click();
    // one visit opens by its id, also after a reload (a link to it works)
    await expect.poll(async () => (await page.getByTestId('visit-detail').textContent()) ?? '').toContain('高龄补贴');
    expect(page.url()).toMatch(/[?&]visit=\d+/);
    await page.reload();
    await expect.poll(async () => (await page.getByTestId('visit-detail').textContent()) ?? '').toContain(head);
    await shot(s, 'citizens-visit-detail');
    // the household's own page lists the visit
    await page.goto(householdUrl);
    await expect.poll(async () => (await page.getByTestId('household-visits').textContent()) ?? '').toContain('高龄补贴');
    await page.goto('/grids?tab=households');
    await expect.poll(async () => (await page.getByTestId('household-card').filter({ hasText: head }).textContent()) ?? '').toContain('走访 1 次');
    await shot(s, 'citizens-households-visited');
    await s.close();

    // ---- the same on a desktop ----
    const d = await openSession(browser(), 'desktop');
    await login(d, 'yushe');
    await d.page.goto('/grids');
    await d.page.getByTestId('grid-item').filter({ hasText: gridName }).click();
    await expect.poll(() => d.page.getByTestId('grid-detail').textContent()).toContain('已达标');
    await shot(d, 'citizens-grid-members');
    await d.page.goto('/grids?tab=households');
    await d.page.getByTestId('household-table').locator('tr.ant-table-row').filter({ hasText: head }).waitFor();
    await shot(d, 'citizens-households-visited');
    await d.page.getByTestId('household-table').locator('tr.ant-table-row').filter({ hasText: head }).click();
    await expect.poll(async () => (await d.page.getByTestId('household-detail').textContent()) ?? '').toContain('走访记录（1 次）');
    await shot(d, 'citizens-household-detail');
    await d.page.goto('/diary');
    await d.page.getByTestId('visit-card').filter({ hasText: head }).first().click();
    await expect.poll(async () => (await d.page.getByTestId('visit-detail').textContent()) ?? '').toContain('高龄补贴');
    await shot(d, 'citizens-visit-detail');
    await d.close();
  });
});
