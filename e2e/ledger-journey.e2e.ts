// 整改销号, the whole way, each step as the account that does it in real life: the township (wuli)
// registers a problem for 榆舍村; the village secretary (yushe, on a phone) sets measures, uploads a
// photo and submits; the station chief (yushe.station) returns it once with a reason; the village
// resubmits; the station accepts and closes it (销号) and records a supervision on the way; the
// township publishes it while the station's page is stale (412 → "已被他人修改，请刷新"); it
// appears on the public closures page without login. Wrong accounts never see the step.
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { apiAs, login, openSession, pick, SCREENSHOTS, settled, shot, useBrowser, type Session } from './support';

/** A small valid PNG (a red square), built here so the upload is a real image. */
function png(size = 24): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([0xb7, 0x16, 0x1b]))]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Picks a node of an OrgTreeSelect by searching its name. */
async function pickOrg(page: Page, testId: string, name: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(name);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-treenode')
    .filter({ hasText: new RegExp(`^${name}`) })
    .first()
    .locator('.ant-select-tree-node-content-wrapper')
    .click();
}

async function typeDate(page: Page, testId: string, date: string) {
  const el = page.getByTestId(testId);
  const input = (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input');
  await input.click();
  await input.fill(date);
  await input.press('Tab');
}

/**
 * A screenshot of the viewport only, for a page with a form or dialog still in use: a full-page
 * capture resizes the page for a moment, which now and then made the shell re-lay out and drop
 * the open dialog (and its typed text) under the test.
 */
async function formShot(s: Session, name: string) {
  await settled(s.page);
  await s.page.waitForTimeout(350);
  await s.page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${s.viewport}.png`) });
}

const status = (page: Page) => page.getByTestId('problem-head').getByTestId('problem-status');

function cstDate(days: number) {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe('整改销号: a problem goes the whole way', () => {
  const browser = useBrowser();
  const stamp = String(Date.now()).slice(-6);
  const description = `E2E${stamp} 党员活动室制度未上墙，“三会一课”签到表缺失`;
  const publicSummary = `榆舍村已完成制度上墙并补齐签到表（E2E${stamp}）`;
  let problemUrl = '';
  let wuli: Session;
  let station: Session;
  let village: Session;
  const open: Session[] = [];
  afterAll(async () => {
    for (const s of open) await s.context.close().catch(() => undefined);
  });

  it('the township registers a problem for a village; the form checks its fields first', async () => {
    wuli = await openSession(browser());
    open.push(wuli);
    const { page } = wuli;
    await login(wuli, 'wuli');
    await page.getByTestId('side-menu').getByText('问题台账').click();
    await page.getByTestId('ledger-table').locator('tbody tr.ant-table-row').first().waitFor();
    await expect.poll(() => page.getByTestId('ledger-count-all').textContent()).toMatch(/^\d+/);
    await shot(wuli, 'ledger-list');

    // One tap on a count filters the list, and the filter is in the URL.
    await page.getByTestId('ledger-count-rectifying').click();
    await page.waitForURL(/status=rectifying/);
    await expect.poll(async () => [...new Set(await page.getByTestId('ledger-table').getByTestId('problem-status').allTextContents())]).toEqual(['整改中']);
    await page.getByTestId('ledger-count-all').click();
    await page.waitForURL((u) => !u.search.includes('status='));

    await page.getByTestId('ledger-register').click();
    await page.getByTestId('register-form').waitFor();
    await page.getByTestId('register-submit').click();
    await page.getByText('请选择所在组织').waitFor();
    await page.getByText('请填写问题描述').waitFor();
    await formShot(wuli, 'ledger-register-errors');

    await pickOrg(page, 'register-org', '榆舍村');
    await pick(page, 'register-category', '基层组织建设');
    await page.getByTestId('register-description').fill(description);
    await page.getByTestId('register-person').fill('村党支部书记');
    await typeDate(page, 'register-deadline', cstDate(20));
    await formShot(wuli, 'ledger-register');
    await page.getByTestId('register-submit').click();
    await page.waitForURL(/\/ledger\/\d+$/);
    problemUrl = new URL(page.url()).pathname;
    await expect.poll(() => status(page).textContent()).toBe('已登记');
    await expect.poll(() => page.getByTestId('problem-title').textContent()).toBe(description);
    // the township registered it; rectifying is the village's step, not the township's (it may supervise)
    await page.getByTestId('no-actions').waitFor();
    expect(await page.getByTestId('action-start').count()).toBe(0);
    await page.getByTestId('action-supervise').waitFor();
    await expect.poll(() => page.getByTestId('chain-ok').textContent()).toContain('1 条');
    await shot(wuli, 'ledger-detail');
  });

  it('the village secretary, on a phone, sets measures, uploads a photo and submits; the station cannot do it for them', async () => {
    station = await openSession(browser());
    open.push(station);
    await login(station, 'yushe.station');
    await station.page.goto(problemUrl);
    await expect.poll(() => status(station.page).textContent()).toBe('已登记');
    expect(await station.page.getByTestId('action-start').count()).toBe(0);

    village = await openSession(browser(), 'phone');
    open.push(village);
    const { page } = village;
    await login(village, 'yushe');
    await page.goto(`/ledger?q=E2E${stamp}`);
    const card = page.getByTestId('problem-row').filter({ hasText: `E2E${stamp}` });
    await card.waitFor();
    await shot(village, 'ledger-list');
    await card.click();
    await page.waitForURL(/\/ledger\/\d+$/);
    await page.getByTestId('action-start').click();
    await page.getByTestId('step-measures').fill('召开支委会研究整改；制度上墙；补齐近三个月签到表');
    await page.getByTestId('step-ok').click();
    await expect.poll(() => status(page).textContent()).toBe('整改中');

    await page.getByTestId('problem-timeline').locator('input[type=file]').setInputFiles({ name: '整改照片.png', mimeType: 'image/png', buffer: png() });
    const img = page.getByTestId('timeline-image').first();
    await img.waitFor();
    await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

    await page.getByTestId('action-submit').click();
    await page.getByTestId('step-ok').click();
    await page.getByText('请填写整改完成情况').waitFor(); // required before anything is sent
    await page.getByTestId('step-comment').fill('制度已上墙，签到表已补齐，照片见附件');
    await formShot(village, 'ledger-step-submit');
    await page.getByTestId('step-ok').click();
    await expect.poll(() => status(page).textContent()).toBe('待验收');
    // the village cannot check its own work
    expect(await page.getByTestId('action-accept').count()).toBe(0);
    expect(await page.getByTestId('action-return').count()).toBe(0);
    await shot(village, 'ledger-detail');
  });

  it('the station chief returns it once with a reason; the village resubmits', async () => {
    const { page } = station;
    await page.reload();
    await expect.poll(() => status(page).textContent()).toBe('待验收');
    await page.getByTestId('action-return').click();
    await page.getByTestId('step-ok').click();
    await page.getByText('请填写退回理由').waitFor();
    await page.getByTestId('step-comment').fill('签到表缺少 9 月份，请补齐后再提交');
    await formShot(station, 'ledger-step-return');
    await page.getByTestId('step-ok').click();
    await expect.poll(() => status(page).textContent()).toBe('整改中');
    await page.getByText('退回 1 次').first().waitFor();

    const v = village.page;
    await v.reload();
    await expect.poll(() => status(v).textContent()).toBe('整改中');
    await v.getByTestId('action-submit').click();
    await v.getByTestId('step-comment').fill('已补齐 9 月份签到表');
    await v.getByTestId('step-ok').click();
    await expect.poll(() => status(v).textContent()).toBe('待验收');

    // a wrong account cannot fire the step either: the API refuses the village's accept
    const probe = await openSession(browser());
    open.push(probe);
    const villageApi = await apiAs(probe, 'yushe');
    const id = Number(problemUrl.split('/').pop());
    const detail = await villageApi.get<{ version: number; actions: string[] }>(`/api/ledger/problems/${id}`);
    expect(detail.actions).toEqual([]);
    expect((await villageApi.post(`/api/ledger/problems/${id}/transitions/accept`, { version: detail.version })).status()).toBe(403);
    await probe.context.close();
  });

  it('the station accepts, records a supervision and closes it; the township may not close', async () => {
    const { page } = station;
    await page.reload();
    await expect.poll(() => status(page).textContent()).toBe('待验收');
    await page.getByTestId('action-accept').click();
    await page.getByTestId('step-comment').fill('经现场检查，验收合格');
    await page.getByTestId('step-ok').click();
    await expect.poll(() => status(page).textContent()).toBe('已验收');

    // the township is not the closure signer (the station chief is)
    await wuli.page.reload();
    await expect.poll(() => status(wuli.page).textContent()).toBe('已验收');
    expect(await wuli.page.getByTestId('action-close').count()).toBe(0);

    await page.getByTestId('action-close').click();
    await page.getByTestId('step-ok').click();
    await page.getByText('请填写销号意见').waitFor();
    await page.getByTestId('step-comment').fill('整改到位，同意销号');
    await formShot(station, 'ledger-step-close');
    await page.getByTestId('step-ok').click();
    await expect.poll(() => status(page).textContent()).toBe('已销号');
    await expect.poll(() => page.getByTestId('problem-closure').textContent()).toBe('整改到位，同意销号');
  });

  it('the township publishes it while the station page is stale: the station is told it changed', async () => {
    const w = wuli.page;
    await w.reload();
    await expect.poll(() => status(w).textContent()).toBe('已销号');
    await w.getByTestId('action-publish').click();
    await w.getByTestId('step-public-summary').fill(publicSummary);
    await w.getByTestId('step-ok').click();
    await expect.poll(() => status(w).textContent()).toBe('已公示');

    // the station's page still shows 已销号 with the publish step
    const { page } = station;
    station.allowHttpErrors(/\/transitions\/publish/);
    await page.getByTestId('action-publish').click();
    await page.getByTestId('step-public-summary').fill('（重复）');
    await page.getByTestId('step-ok').click();
    await expect.poll(() => page.getByTestId('step-error').textContent()).toContain('已被他人修改，请刷新');
    await page.getByTestId('step-refresh').click();
    await expect.poll(() => status(page).textContent()).toBe('已公示');
    await page.getByTestId('no-actions').waitFor();
    const entries = await page.getByTestId('timeline-entry').count();
    expect(entries).toBeGreaterThanOrEqual(9); // open, start, attachment, submit, return, submit, accept, close, publish
    await expect.poll(() => page.getByTestId('chain-ok').textContent()).toContain(`${entries} 条`);
    await shot(station, 'ledger-detail-published');
  });

  it('appears on the public closures page without login, without personal data', async () => {
    for (const viewport of ['phone', 'desktop'] as const) {
      const s = await openSession(browser(), viewport);
      open.push(s);
      const { page } = s;
      await page.goto('/public/closures');
      await page.waitForURL(/\/public\/closures\/\d+$/);
      const card = page.getByTestId('public-closure').filter({ hasText: publicSummary });
      await card.waitFor();
      expect(await card.textContent()).toContain('榆舍村');
      expect(await page.getByTestId('public-closures').textContent()).not.toContain('村党支部书记');
      await shot(s, 'ledger-public');
      await s.close();
    }
  });

  it('supervision due, statistics and the three lists, on a desktop and a phone', async () => {
    // 督办: the station's due list; one tap and a note, and the problem leaves the list until next time
    const st = station.page;
    await st.goto('/ledger/supervision');
    const dueRow = st.getByTestId('supervision-table').locator('tbody tr.ant-table-row', { hasText: '柳树湾村' });
    await dueRow.waitFor();
    await shot(station, 'ledger-supervision');
    await dueRow.getByTestId('row-supervise').click();
    await st.getByTestId('supervise-text').fill('已电话督促，要求本月内完成后备干部培养计划');
    await st.getByTestId('supervise-ok').click();
    await st.getByText('已督办，下次督办日期已顺延').waitFor();
    await dueRow.waitFor({ state: 'detached' });
    await st.goto('/ledger?q=' + encodeURIComponent('后备干部'));
    await st.getByTestId('ledger-table').getByTestId('problem-link').first().click();
    await st.getByTestId('timeline-entry').filter({ hasText: '已电话督促' }).waitFor();
    // the village does not supervise itself
    await village.page.goto(`/ledger?q=${encodeURIComponent('流动党员')}`);
    await village.page.getByTestId('problem-row').first().click();
    await village.page.getByTestId('problem-actions').waitFor();
    expect(await village.page.getByTestId('action-supervise').count()).toBe(0);
    await village.page.goto('/ledger/supervision');
    await village.page.getByTestId('supervision-page').waitFor();
    await shot(village, 'ledger-supervision');

    // statistics under the township: one row per station; a name goes down a level
    const w = wuli.page;
    await w.goto('/ledger/stats');
    await w.getByTestId('stats-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(wuli, 'ledger-stats');
    await w.getByTestId('stats-table').getByTestId('stats-drill').filter({ hasText: '榆舍党建工作站' }).click();
    await w.waitForURL(/orgId=\d+/);
    await w.getByTestId('stats-table').getByTestId('stats-drill').filter({ hasText: '榆舍村' }).waitFor();
    await village.page.goto('/ledger/stats');
    await village.page.getByTestId('stats-node').waitFor();
    await shot(village, 'ledger-stats');

    // the task list: the township lists a task for the village; the village sees its steps
    const year = Number(cstDate(0).slice(0, 4));
    const probe = await openSession(browser());
    open.push(probe);
    const wuliApi = await apiAs(probe, 'wuli');
    const orgs = await wuliApi.get<{ nodes: { id: number; name: string }[] }>('/api/orgs/tree');
    const township = orgs.nodes.find((n) => n.name === '五里镇')!.id;
    const yushe = orgs.nodes.find((n) => n.name === '榆舍村')!.id;
    const task = await wuliApi.post('/api/tasks', { orgId: township, year, content: `E2E${stamp} 村级活动场所“十有”达标`, ownerOrgId: yushe, ownerPerson: '村党支部书记', deadline: cstDate(30) });
    expect(task.status()).toBe(201);
    await probe.context.close();
    await w.goto('/lists');
    await w.getByTestId('tasks-table').getByText(`E2E${stamp}`).waitFor();
    expect(await w.getByTestId('tasks-table').locator('tr', { hasText: `E2E${stamp}` }).getByTestId('task-action-confirm').count()).toBe(0);
    await shot(wuli, 'ledger-lists');
    const v = village.page;
    await v.goto('/lists');
    const taskCard = v.getByTestId('tasks-list').locator('.lx-list-item', { hasText: `E2E${stamp}` });
    await taskCard.getByTestId('task-action-submit').click();
    await v.getByTestId('task-step-comment').fill('已完成，验收材料已归档');
    await v.getByTestId('task-step-ok').click();
    await taskCard.getByText('已报完成').waitFor();
    await shot(village, 'ledger-lists');

    for (const s of [wuli, station, village]) await s.close();
    open.length = 0;
  });
});
