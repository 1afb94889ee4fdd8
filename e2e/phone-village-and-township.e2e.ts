// The same key journeys on a phone (375×812): a village secretary reads the roster (masked ID
// numbers and phones), filters it and opens a person; a township browses its tree; the auditor
// reads the log.
import { describe, expect, it } from 'vitest';
import { login, logout, openSession, pick, shot, useBrowser } from './support';

describe('on a phone', () => {
  const browser = useBrowser();

  it('a village secretary uses the bottom navigation, the roster and a person', async () => {
    const s = await openSession(browser(), 'phone');
    const { page } = s;
    await page.goto('/login');
    await shot(s, 'login');
    await login(s, 'yushe');
    await page.getByTestId('tabbar').waitFor();
    await expect.poll(() => page.getByTestId('scope-org').first().textContent()).toContain('榆舍村');
    await shot(s, 'home');

    await page.getByTestId('mobile-menu').click();
    expect(await page.getByTestId('side-menu').getByRole('menuitem').allTextContents()).toEqual(['工作台', '两下两上', '问题台账', '组织生活', '三个清单', '小微权力', '党建项目', '三务公开', '考核评分', '软弱涣散整顿', '经费与报酬', '阵地与设施', '教育培训', '星级评定', '党员积分', '称号认定', '群众事项', '吹哨报到', '民情日记', '网格包保', '连心卡', '组织体系', '党员名册', '党小组', '干部台账', '发展党员', '干部选任', '批量导入']);
    // The bottom tabs are what a village secretary does most: problems, this week's tasks, citizens.
    expect(await page.getByTestId('tabbar').locator('a').allTextContents()).toEqual(['工作台', '问题台账', '两下两上', '群众事项']);
    await shot(s, 'menu-drawer');
    await page.getByTestId('side-menu').getByText('党员名册').click();
    const cards = page.getByTestId('person-row');
    await cards.first().waitFor();
    // This role may not read personal data: phones come masked from the API.
    await expect.poll(async () => (await cards.first().textContent()) ?? '').toMatch(/\*{3,}/);
    await shot(s, 'people');

    await page.getByTestId('filters-open').click();
    await pick(page, 'filter-gender', '男');
    await shot(s, 'people-filters');
    await page.getByTestId('filters-apply').click();
    await page.waitForURL(/gender=male/);
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    await cards.first().click();
    await page.getByTestId('person-name-title').waitFor();
    await expect.poll(async () => (await page.getByTestId('person-id-number-value').textContent()) ?? '').toMatch(/\*/);
    await shot(s, 'person');
    await page.goBack();
    await page.waitForURL(/\/people\?gender=male/);

    await page.getByTestId('mobile-menu').click();
    await page.getByTestId('side-menu').getByText('批量导入').click();
    await page.getByTestId('import-upload').waitFor();
    await shot(s, 'import');

    // 党小组 from the menu: the branch's own groups and their members at once
    await page.getByTestId('mobile-menu').click();
    await page.getByTestId('side-menu').getByText('党小组').click();
    await page.getByTestId('party-groups-page').waitFor();
    await expect.poll(() => page.getByTestId('party-group-name').allTextContents()).toEqual(['第一党小组', '第二党小组']);
    await shot(s, 'party-groups');
    await logout(s);
    await s.close();
  });

  it('a township browses its tree and opens a station', async () => {
    const s = await openSession(browser(), 'phone');
    const { page } = s;
    await login(s, 'wuli');
    // 党小组 from the menu: a township first chooses one of its branches
    await page.getByTestId('mobile-menu').click();
    await page.getByTestId('side-menu').getByText('党小组').click();
    await page.getByTestId('party-group-choose').waitFor();
    await page.getByTestId('party-group-branch-select').waitFor();
    await shot(s, 'party-groups-township');
    await page.getByTestId('mobile-menu').click();
    await page.getByTestId('side-menu').getByText('组织体系').click();
    await page.getByTestId('org-tree').waitFor();
    await shot(s, 'orgs');
    await page.getByTestId('org-tree').getByText('榆舍', { exact: false }).first().click();
    await page.getByTestId('org-detail').waitFor();
    await shot(s, 'orgs-detail');
    await s.close();
  });

  it('the auditor reads the audit log', async () => {
    const s = await openSession(browser(), 'phone');
    const { page } = s;
    await login(s, 'auditor');
    await page.getByTestId('tabbar').getByText('审计日志').click();
    await page.getByTestId('audit-list').locator('.lx-list-item').first().waitFor();
    await shot(s, 'audit');
    await s.close();
  });
});
