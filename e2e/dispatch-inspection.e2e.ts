// 督查: 榆舍党建工作站 records its bi-weekly inspection of 榆舍村 with a finding, turns the finding
// into a ledger problem in one click (linked both ways: checked through the API), and publishes a
// bulletin; 五里镇 records accountability linked to the inspection (a missing target is refused at
// the field); the village sees the inspection and the bulletin on its phone.
import type { InspectionView, ProblemDetail } from '@lianxin/contract';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { login, openSession, SCREENSHOTS, settled, shot, useBrowser, type Session } from './support';

/** A screenshot of a filled, unsaved form: the viewport only (a full-page one resizes the viewport and can re-mount the page). */
async function shotForm(s: Session, name: string) {
  await settled(s.page);
  await s.page.waitForTimeout(350);
  await s.page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${s.viewport}.png`) });
}

const input = (l: Locator) => l.locator('xpath=descendant-or-self::input').first();

/** Checks an org in a checkable tree select, found by searching its name. */
async function checkOrg(page: Page, select: Locator, name: string) {
  await select.click();
  await page.keyboard.type(name);
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await dropdown.locator('.ant-select-tree-treenode').filter({ hasText: name }).first().locator('.ant-select-tree-checkbox').click();
  await page.keyboard.press('Escape');
}

describe('督查问责', () => {
  const browser = useBrowser();

  it('a finding becomes a ledger problem in one click, linked both ways; bulletin and accountability follow', async () => {
    const stamp = String(Date.now() % 100000);
    const finding = `三会一课记录缺少10月党课（测试${stamp}）`;

    // 1. The station records its bi-weekly inspection of 榆舍村.
    const station = await openSession(browser());
    let page = station.page;
    await login(station, 'yushe.station');
    await page.getByTestId('side-menu').getByText('督查问责').click();
    await page.getByTestId('inspection-list').waitFor();
    await settled(page);
    await shot(station, 'dispatch-inspections');
    await page.getByTestId('new-inspection').click();
    await page.getByTestId('inspection-new').waitFor();
    await page.getByTestId('inspection-inspectors').fill(`站长、副站长（测试${stamp}）`);
    await checkOrg(page, page.getByTestId('inspection-targets'), '榆舍村');
    await input(page.getByTestId('inspection-score')).fill('82');
    await page.getByTestId('inspection-comment').fill('活动阵地整洁，资料归档不及时');
    await page.getByTestId('add-finding').click();
    await page.getByTestId('finding-description').fill(finding);
    await shotForm(station, 'dispatch-inspection-new');
    await page.getByTestId('inspection-submit').click();
    await page.getByTestId('inspection-detail').waitFor();
    const inspectionId = Number(/\/inspections\/(\d+)/.exec(page.url())![1]);
    await page.getByTestId('inspection-score-view').getByText('82').waitFor();

    // 2. One click: the finding goes into the problem ledger, and the page links to it.
    await page.getByTestId('finding-to-ledger').click();
    await page.getByTestId('to-ledger-modal').getByRole('button', { name: '列入问题台账' }).click();
    const link = page.getByTestId('finding-problem-link');
    await link.waitFor();
    const problemId = Number(/#(\d+)/.exec((await link.textContent()) ?? '')![1]);
    expect(await link.getAttribute('href')).toBe(`/ledger/${problemId}`);
    await shot(station, 'dispatch-inspection');
    const api = <T,>(path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;
    const inspection = await api<InspectionView>(`/api/inspections/${inspectionId}`);
    expect(inspection.findings).toEqual([expect.objectContaining({ description: finding, problemId, target: expect.objectContaining({ name: '榆舍村' }) })]);
    const problem = await api<ProblemDetail>(`/api/ledger/problems/${problemId}`);
    expect(problem).toMatchObject({ id: problemId, description: finding, source: 'station_inspection', org: { name: '榆舍村' }, finding: { inspectionId, findingId: inspection.findings[0]!.id } });

    // 3. A bulletin drafted from the inspection, published to the orgs below.
    await page.getByTestId('publish-bulletin').click();
    const modal = page.getByTestId('bulletin-modal');
    expect(await modal.getByTestId('bulletin-content').inputValue()).toContain(finding);
    const bulletinTitle = `关于榆舍村双周督查情况的通报（测试${stamp}）`;
    await modal.getByTestId('bulletin-title').fill(bulletinTitle);
    await modal.getByRole('button', { name: '发布通报' }).click();
    await page.getByText('通报已发布，本单位以下可见').waitFor();
    await page.goto('/inspections/bulletins');
    await page.getByTestId('bulletin-list').getByText(bulletinTitle).waitFor();
    await shot(station, 'dispatch-bulletins');
    await station.close();

    // 4. The township records accountability linked to the inspection; without a target it is
    //    refused and the API's message shows at the field.
    const wuli = await openSession(browser());
    page = wuli.page;
    wuli.allowHttpErrors(/\/api\/accountability$/);
    await login(wuli, 'wuli');
    await page.goto('/inspections/accountability');
    await page.getByTestId('accountability-page').waitFor();
    await page.getByTestId('new-accountability').click();
    const acc = page.getByTestId('accountability-modal');
    await acc.getByTestId('acc-reason').fill(`督查发现问题整改不及时（测试${stamp}）`);
    await acc.getByRole('button', { name: /保\s*存/ }).click();
    await acc.locator('.ant-form-item-explain-error').getByText('请选择问责对象（组织或个人）').waitFor();
    await shotForm(wuli, 'dispatch-accountability-error');
    await acc.getByTestId('acc-org').click();
    await page.keyboard.type('榆舍村');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper').filter({ hasText: '榆舍村' }).first().click();
    await acc.getByText('关联督查').waitFor();
    await acc.locator('.ant-form-item').filter({ hasText: '关联督查' }).locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText(`#${inspectionId} `, { exact: false }).click();
    await acc.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('问责记录已保存').waitFor();
    const row = page.getByTestId('accountability-table').locator('.ant-table-row').filter({ hasText: `测试${stamp}` });
    await row.getByText('限期整改').waitFor();
    expect(await row.getByRole('link', { name: `督查 #${inspectionId}` }).getAttribute('href')).toBe(`/inspections/${inspectionId}`);
    await shot(wuli, 'dispatch-accountability');
    await page.goto(`/inspections/${inspectionId}`);
    await page.getByTestId('inspection-detail').getByText(bulletinTitle).waitFor();
    await wuli.close();

    // 5. The village, on its phone, sees the inspection, its finding's ledger link and the bulletin.
    const yushe = await openSession(browser(), 'phone');
    page = yushe.page;
    await login(yushe, 'yushe');
    await page.goto('/inspections');
    await page.getByTestId('inspection-cards').locator('a').first().waitFor();
    await shot(yushe, 'dispatch-inspections');
    await page.goto(`/inspections/${inspectionId}`);
    await page.getByTestId('finding-problem-link').waitFor();
    await shot(yushe, 'dispatch-inspection');
    await page.goto('/inspections/bulletins');
    await page.getByTestId('bulletin-list').getByText(bulletinTitle).waitFor();
    await shot(yushe, 'dispatch-bulletins');
    await page.goto('/inspections/accountability');
    await page.getByTestId('accountability-cards').getByText(`测试${stamp}`).waitFor();
    await shot(yushe, 'dispatch-accountability');
    await yushe.close();

    // The station's form on a phone.
    const phone = await openSession(browser(), 'phone');
    await login(phone, 'yushe.station');
    await phone.page.goto('/inspections/new');
    await phone.page.getByTestId('inspection-new').waitFor();
    await shot(phone, 'dispatch-inspection-new');
    await phone.close();
  });
});
