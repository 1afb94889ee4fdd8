// The county browses its org tree, searches, opens a village, and creates, renames and closes a
// Party group under it — with the API's validation error shown at the field; it designates a station
// and withdraws the designation.
import { describe, expect, it } from 'vitest';
import { login, openSession, shot, useBrowser } from './support';

describe('org tree', () => {
  const browser = useBrowser();

  it('browses, searches and edits the tree as the county', async () => {
    const s = await openSession(browser());
    const { page } = s;
    s.allowHttpErrors(/\/api\/orgs$/); // the duplicate name below is refused with 400
    await login(s, 'county');
    await page.getByTestId('side-menu').getByText('组织体系').click();
    await page.getByTestId('org-tree').waitFor();
    await shot(s, 'orgs');

    // Search: the URL keeps it, the tree shows the matches.
    await page.getByTestId('org-search').locator('input').fill('榆舍');
    await page.getByTestId('org-search').locator('input').press('Enter');
    await page.waitForURL(/q=%E6%A6%86%E8%88%8D|q=榆舍/);
    await page.getByText(/找到 \d+ 个组织/).waitFor();
    await page.getByTestId('org-tree').getByText('榆舍村', { exact: false }).first().click();
    await page.waitForURL(/id=\d+/);
    await expect.poll(() => page.getByTestId('org-detail-name').textContent()).toBe('榆舍村');
    await shot(s, 'orgs-village');

    // Create a Party group under the village.
    const name = `第九党小组${Date.now() % 10000}`;
    await page.getByRole('button', { name: '新建下级' }).click();
    await page.getByTestId('org-name-input').fill(name);
    await shot(s, 'orgs-create');
    await page.getByRole('dialog').getByRole('button', { name: /新\s*建/ }).click();
    await expect.poll(() => page.getByTestId('org-detail-name').textContent()).toBe(name);

    // The same name again under the same village: the API's message appears under the name field.
    await page.getByTestId('org-detail').locator('a', { hasText: '榆舍村' }).click();
    await expect.poll(() => page.getByTestId('org-detail-name').textContent()).toBe('榆舍村');
    await page.getByRole('button', { name: '新建下级' }).click();
    await page.getByTestId('org-name-input').fill(name);
    await page.getByRole('dialog').getByRole('button', { name: /新\s*建/ }).click();
    await page.getByRole('dialog').locator('.ant-form-item-explain-error').getByText('已有同名组织').waitFor();
    await shot(s, 'orgs-create-field-error');
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();

    // Rename it, then close it (each confirmed).
    await page.getByTestId('org-search').locator('input').fill(name);
    await page.getByTestId('org-search').locator('input').press('Enter');
    await page.getByTestId('org-tree').getByText(name).click();
    await expect.poll(() => page.getByTestId('org-detail-name').textContent()).toBe(name);
    await page.getByRole('button', { name: '重命名' }).click();
    await page.getByTestId('org-name-input').fill(`${name}（改）`);
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('org-detail-name').textContent()).toBe(`${name}（改）`);
    await page.getByRole('button', { name: '撤销' }).click();
    await page.getByRole('dialog').getByText('撤销后该组织不再出现在统计中').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: /撤\s*销/ }).click();
    await page.getByTestId('org-detail').getByText('已撤销').first().waitFor();

    // Back returns to the previous selection.
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('closed'));
    await s.close();
  });

  it('shows a station\'s designations and lets the county give and withdraw one', async () => {
    const s = await openSession(browser());
    const { page } = s;
    await login(s, 'county');
    const tree = await page.evaluate(() => fetch('/api/orgs/tree').then((r) => r.json() as Promise<{ nodes: { id: number; name: string }[] }>));
    const station = tree.nodes.find((n) => n.name === '榆舍党建工作站')!;
    await page.goto(`/orgs?id=${station.id}`);
    await expect.poll(() => page.getByTestId('org-detail-name').textContent()).toBe('榆舍党建工作站');
    const designations = page.getByTestId('station-designations');
    await expect.poll(() => designations.textContent()).toContain('县级试点工作站');
    await expect.poll(() => designations.textContent()).toContain('“七一”表彰示范站 · 奖励 ¥20,000');

    await page.getByTestId('designation-add').click();
    await page.getByTestId('designation-kind').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('乡镇示范站', { exact: true }).click();
    await page.getByTestId('designation-year').fill('2026');
    await page.getByRole('dialog').getByRole('button', { name: /认\s*定/ }).click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('已认定：2026 乡镇示范站');
    await expect.poll(() => designations.textContent()).toContain('2026 乡镇示范站');
    await shot(s, 'orgs-station-designations');

    const added = designations.getByTestId('designation').filter({ hasText: '2026 乡镇示范站' });
    await added.locator('xpath=../..').getByRole('button', { name: /撤\s*销/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('称号已撤销');
    await expect.poll(() => designations.textContent()).not.toContain('2026 乡镇示范站');

    // the township's list, filtered by designation
    const township = tree.nodes.find((n) => n.name === '五里镇')!;
    await page.goto(`/orgs?id=${township.id}`);
    const list = page.getByTestId('designation-list');
    await list.waitFor();
    await page.getByTestId('designation-filter-kind').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('县级试点工作站', { exact: true }).click();
    await expect.poll(async () => (await list.locator('tbody tr.ant-table-row').allTextContents()).join('|')).toContain('榆舍党建工作站');
    expect(await list.locator('tbody tr.ant-table-row').count()).toBe(1);
    await s.close();
  });
});
