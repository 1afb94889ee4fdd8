// The county filters the roster (filters in the URL, Back restores them), sorts, opens a person
// and edits the phone number, seeing a field error first.
import { describe, expect, it } from 'vitest';
import { login, openSession, pick, shot, useBrowser } from './support';

describe('people roster', () => {
  const browser = useBrowser();

  it('filters, sorts, opens and edits a person', async () => {
    const s = await openSession(browser());
    const { page } = s;
    await login(s, 'county');
    await page.getByTestId('side-menu').getByText('党员名册').click();
    await page.getByTestId('people-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(s, 'people');

    await pick(page, 'filter-member-status', '预备党员');
    await pick(page, 'filter-gender', '女');
    await page.getByTestId('filter-age-max').fill('45');
    await page.getByTestId('filters-apply').click();
    await page.waitForURL(/memberStatus=probationary/);
    expect(page.url()).toMatch(/gender=female/);
    expect(page.url()).toMatch(/ageMax=45/);
    const rows = page.getByTestId('people-table').locator('tbody tr.ant-table-row');
    await expect.poll(async () => [...new Set(await rows.locator('td:nth-child(6)').allTextContents())]).toEqual(['预备党员']);
    await expect.poll(async () => [...new Set(await rows.locator('td:nth-child(2)').allTextContents())]).toEqual(['女']);
    const filteredUrl = page.url();

    // Sort by name: in the URL too; Back restores the unsorted list with the same filters.
    await page.getByTestId('people-table').getByRole('columnheader', { name: '姓名' }).click();
    await page.waitForURL(/sort=name/);
    await page.goBack();
    await page.waitForURL((u) => u.toString() === filteredUrl);
    await expect.poll(() => page.getByTestId('filter-gender').textContent()).toContain('女');
    await shot(s, 'people-filtered');

    // Open the first person and edit the phone number.
    const name = (await rows.first().locator('td').first().textContent())!.trim();
    await rows.first().getByRole('link', { name }).click();
    await expect.poll(() => page.getByTestId('person-name-title').textContent()).toBe(name);
    await shot(s, 'person');
    await page.getByTestId('person-edit').click();
    await page.getByTestId('person-phone').fill('123');
    await page.getByTestId('person-save').click();
    await page.getByRole('dialog').getByText('手机号应为 11 位数字').waitFor();
    await shot(s, 'person-edit-error');
    const phone = `139${String(Date.now()).slice(-8)}`;
    await page.getByTestId('person-phone').fill(phone);
    await page.getByTestId('person-save').click();
    await page.getByText('已保存修改').waitFor();
    await expect.poll(() => page.getByTestId('person-descriptions').textContent()).toContain(phone);
    await expect.poll(() => page.getByTestId('person-history').textContent()).toContain('修改');
    await s.close();
  });
});
