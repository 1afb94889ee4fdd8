// 群众事项代办 end to end: a citizen scans the station's 连心卡 on a phone and submits a matter (with
// HTML in it, shown as text), gets a tracking code; the station takes it (首问负责), promises a
// date and whistles two departments; 交通运输局 reports in, claims and finishes in the browser,
// 民政局 (an account the test creates through the admin APIs — the demo county has one
// department account) through the API; 交通运输局 declines a part of another whistle that is not
// its business and the station re-routes it to the suggested department; the station resolves it; the citizen follows it by code and
// phone and rates it; a village secretary's diary visit opens a second request in one step.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs, demoPassword, login, openSession, shot, useBrowser, type Session } from './support';

const PHONE = '13812345678';
// a 1×1 PNG: the citizen's photo of the place
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const MATTER = `村口路灯坏了一个多月，晚上老人出门看不见路 <b>请尽快</b><script>alert(1)</script>`;

/** Answers the public page's check ("3 + 4 = ?") as a person would. */
async function answerChallenge(page: Page) {
  const label = (await page.locator('label[for$="challengeAnswer"]').textContent()) ?? '';
  const m = /(\d+)\s*\+\s*(\d+)/.exec(label);
  if (!m) throw new Error(`no check question in "${label}"`);
  await page.getByTestId('public-answer').fill(String(Number(m[1]) + Number(m[2])));
}

async function chooseOption(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first().click();
}

async function station(s: Session) {
  await login(s, 'yushe.station');
}

describe('serving citizens: a request from the public page to the rating', () => {
  const browser = useBrowser();

  it('a citizen submits on a phone, the station and two departments handle it, the citizen follows and rates it, a diary visit opens another', async () => {
    // ---- the station's 连心卡: its QR code opens the unit's public page ----
    const desk = await openSession(browser(), 'desktop');
    await station(desk);
    const tree = await (await desk.context.request.get('/api/orgs/tree')).json() as { nodes: { id: number; name: string; type: string }[] };
    const stationId = tree.nodes.find((n) => n.name === '榆舍党建工作站')!.id;
    const card = await (await desk.context.request.get(`/api/cards/${stationId}`)).json() as { publicUrl: string };
    expect(card.publicUrl).toMatch(new RegExp(`/public/unit/${stationId}$`));
    const departments = await (await desk.context.request.get('/api/whistles/departments')).json() as { id: number; name: string }[];

    // ---- the citizen, on a phone, without an account ----
    const citizen = await openSession(browser(), 'phone');
    const cp = citizen.page;
    await cp.goto(new URL(card.publicUrl).pathname);
    await cp.getByTestId('public-form-card').waitFor();
    await expect.poll(() => cp.locator('.lx-pub-top h1').textContent()).toBe('榆舍党建工作站');
    await cp.getByTestId('public-name').fill('张大妈');
    await cp.getByTestId('public-phone').fill(PHONE);
    await cp.getByTestId('public-matter').fill(MATTER);
    await cp.getByTestId('public-photo').setInputFiles({ name: '路灯.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
    await answerChallenge(cp);
    await shot(citizen, 'citizens-public-submit');
    // big touch targets on a phone
    const box = await cp.getByTestId('public-submit').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await cp.getByTestId('public-submit').click();
    await cp.getByTestId('public-sent').waitFor();
    const code = ((await cp.getByTestId('public-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^LX[A-Z2-9]{8}$/);
    await shot(citizen, 'citizens-public-code');

    // ---- the station: queue, detail, 首问负责, 办事承诺, 吹哨 ----
    const page = desk.page;
    await page.goto(`/citizens?q=${code}`);
    const row = page.getByTestId('request-table').locator('tbody tr.ant-table-row').filter({ hasText: code });
    await row.waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('138****5678'); // phones masked for this role
    await shot(desk, 'citizens-queue');
    await row.getByTestId('request-link').click();
    await page.getByTestId('request-detail').waitFor();
    // the citizen's HTML is text, not markup
    await expect.poll(() => page.getByTestId('request-matter').textContent()).toContain('<script>alert(1)</script>');
    expect(await page.locator('[data-testid="request-matter"] b').count()).toBe(0);
    // the photo the citizen sent, for the handling unit
    await page.getByTestId('request-photos').locator('img').first().waitFor();
    // only what this account may do now: take it on, but not promise or resolve yet
    await page.getByTestId('act-claim').waitFor();
    expect(await page.getByTestId('act-promise').count()).toBe(0);
    expect(await page.getByTestId('act-resolve').count()).toBe(0);
    await shot(desk, 'citizens-detail-received');
    await page.getByTestId('act-claim').click();
    await page.getByTestId('claim-confirm').click();
    // each action confirms what it did, not a bare 已完成 (issue 12)
    await page.getByText('已接办，您是这件事的首问负责人').waitFor();
    await page.getByTestId('act-promise').waitFor();
    await expect.poll(() => page.getByTestId('request-status').first().textContent()).toBe('办理中');

    await page.getByTestId('act-promise').click();
    const promised = new Date(Date.now() + 5 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await page.getByTestId('promise-date').click();
    await page.keyboard.type(promised);
    await page.keyboard.press('Enter');
    await page.getByTestId('promise-ok').click();
    await page.getByText(`已承诺 ${promised} 前办结，群众查询时可以看到`).waitFor();
    await expect.poll(() => page.getByTestId('request-status').first().textContent()).toBe('已承诺');
    await expect.poll(() => page.getByTestId('countdown').first().textContent()).toBe('还剩 5 天');
    // 办结后电话告知: the handler shows the citizen's full number on a deliberate, audited action
    await expect.poll(() => page.getByTestId('request-phone').textContent()).toBe('138****5678');
    await page.getByTestId('request-reveal-phone').click();
    await expect.poll(() => page.getByTestId('request-phone').textContent()).toBe(PHONE);
    expect(await page.getByTestId('request-phone').getAttribute('href')).toBe(`tel:${PHONE}`);

    await page.getByTestId('act-whistle').click();
    await chooseOption(page, 'whistle-departments', '县交通运输局');
    await chooseOption(page, 'whistle-departments', '县民政局');
    await page.keyboard.press('Escape');
    await page.getByTestId('whistle-matter').fill('路灯线路老化：请交通运输局更换路灯，民政局协调照顾独居老人夜间出行');
    await page.getByTestId('whistle-ok').click();
    await page.getByTestId('request-whistles').waitFor();
    await expect.poll(() => page.getByTestId('request-whistles').textContent()).toContain('0/2');
    await shot(desk, 'citizens-detail-whistled');
    const requestUrl = page.url();

    // ---- 县交通运输局 in the browser: 报到, 认领, 办结 ----
    const dept = await openSession(browser(), 'desktop');
    await login(dept, 'jiaotong');
    await dept.page.goto('/whistles');
    const lamp = dept.page.getByTestId('whistle-card').filter({ hasText: '独居老人夜间出行' });
    const part = lamp.getByTestId('whistle-part').filter({ hasText: '县交通运输局' });
    // the department opens the request it was whistled for (read-only, phone masked)
    await lamp.getByTestId('whistle-source-open').click();
    const source = dept.page.getByTestId('whistle-source');
    await expect.poll(async () => (await source.textContent()) ?? '').toContain('吹哨：请县交通运输局、县民政局报到');
    expect(await source.textContent()).toMatch(/1\d\d\*{4}\d{4}/);
    await shot(dept, 'citizens-whistles-source');
    await dept.page.keyboard.press('Escape');
    await source.waitFor({ state: 'hidden' });
    await part.getByTestId('part-report').click();
    await part.getByTestId('part-claim').click();
    await dept.page.getByTestId('part-text').fill('更换村口路灯及老化线路');
    await dept.page.getByTestId('part-ok').click();
    await part.getByTestId('part-finish').waitFor();
    await shot(dept, 'citizens-whistles-department');
    await part.getByTestId('part-finish').click();
    await dept.page.getByTestId('part-result').fill('已更换路灯 2 盏、线路 80 米');
    await dept.page.getByTestId('part-ok').click();
    // finished: it leaves 「待本部门报到」, and the whole board shows it done
    await lamp.waitFor({ state: 'detached' });
    // a part that is not its business: declined with the reason and a suggested owner
    const notOurs = dept.page.getByTestId('whistle-card').filter({ hasText: '灌溉用水纠纷' }).getByTestId('whistle-part').filter({ hasText: '县交通运输局' });
    await notOurs.getByTestId('part-decline').click();
    await chooseOption(dept.page, 'decline-suggested', '县农业农村局');
    await dept.page.getByTestId('part-ok').click();
    await notOurs.waitFor({ state: 'detached' });
    await dept.page.goto('/whistles?view=all');
    await expect.poll(async () => (await part.textContent()) ?? '').toContain('已办结');
    await expect.poll(async () => (await part.textContent()) ?? '').toMatch(/\d+ 分钟报到/);
    await expect.poll(async () => (await notOurs.textContent()) ?? '').toContain('退回理由：不属于本部门职责');
    await expect.poll(async () => (await notOurs.textContent()) ?? '').toContain('建议：县农业农村局');
    await dept.page.goto('/whistles?tab=load');
    await dept.page.getByTestId('whistle-load').waitFor();
    await shot(dept, 'citizens-whistles-load');
    await dept.close();

    // ---- 县民政局: the demo county has no account for it; the sysadmin creates one ----
    const admin = await openSession(browser(), 'desktop');
    const sys = await apiAs(admin, 'sysadmin'); // signs in with the second factor where administrators need one
    const minzhengOrg = departments.find((d) => d.name === '县民政局')?.id;
    expect(minzhengOrg, 'the demo county has 县民政局').toBeTruthy();
    const username = `minzheng${Date.now() % 100000}`;
    const first = 'Temp-Passw0rd!2026';
    const created = await sys.post('/api/accounts', { username, displayName: '县民政局（测试）', password: first, roles: ['department_admin'], scopeOrgId: minzhengOrg });
    expect(created.status(), await created.text()).toBe(201);
    await sys.logout();
    const mz = await apiAs(admin, username, first);
    const changed = await mz.post('/api/auth/password', { currentPassword: first, newPassword: demoPassword() });
    expect(changed.ok(), await changed.text()).toBe(true);
    const mzApi = await apiAs(admin, username, demoPassword());
    type W = { id: number; matter: string; parts: { id: number; version: number; status: string; department: { name: string } }[] };
    const board = await mzApi.get<{ items: W[] }>('/api/whistles?pageSize=200');
    const w = board.items.find((x) => x.matter.includes('独居老人夜间出行'))!;
    let p = w.parts.find((x) => x.department.name === '县民政局')!;
    for (const step of [{ action: 'report' }, { action: 'claim', part: '协调照顾独居老人夜间出行' }, { action: 'finish', result: '已安排网格员每晚巡查' }]) {
      const r = await mzApi.post(`/api/whistle-parts/${p.id}/actions`, { version: p.version, ...step });
      expect(r.status(), await r.text()).toBe(200);
      p = ((await r.json()) as W).parts.find((x) => x.id === p.id)!;
    }
    expect(p.status).toBe('done');
    await admin.close();

    // ---- the station re-routes the declined part to the suggested department ----
    await page.goto('/whistles?view=all');
    const irrigation = page.getByTestId('whistle-card').filter({ hasText: '灌溉用水纠纷' });
    await irrigation.getByTestId('part-reroute').click();
    await page.getByTestId('part-ok').click(); // the suggested department is chosen already
    await expect.poll(async () => (await irrigation.textContent()) ?? '').toContain('县农业农村局');
    await expect.poll(async () => (await irrigation.getByTestId('whistle-part').filter({ hasText: '县交通运输局' }).textContent()) ?? '').toContain('已改派');
    await shot(desk, 'citizens-whistles-rerouted');
    // 移交公检法 is marked by the whistling org (seed 001: the township hands it over)
    const nongye = irrigation.locator('[data-testid="whistle-part"][data-dept="县农业农村局"]');
    await nongye.getByTestId('part-judicial').click();
    await page.getByTestId('judicial-note').fill('涉及用水纠纷伤人，移交县公安局');
    await page.getByTestId('part-ok').click();
    await expect.poll(async () => (await nongye.textContent()) ?? '').toContain('已移交公检法');

    // ---- the station sees both parts done and resolves it ----
    await page.goto(requestUrl);
    await expect.poll(() => page.getByTestId('request-whistles').textContent()).toContain('2/2');
    await expect.poll(() => page.getByTestId('request-timeline').textContent()).toContain('县民政局办结');
    await page.getByTestId('act-resolve').click();
    await page.getByTestId('resolve-outcome').fill('路灯已修复，网格员每晚巡查');
    await page.getByTestId('resolve-solved').getByText('问题已解决').click();
    await page.getByTestId('resolve-ok').click();
    await page.getByText('已登记办结，请电话告知群众结果').waitFor();
    await expect.poll(() => page.getByTestId('request-status').first().textContent()).toBe('已办结');
    await shot(desk, 'citizens-detail-resolved');

    // ---- the citizen follows it by code and phone; a wrong pair gives no hint ----
    citizen.allowHttpErrors(/\/api\/public\/track$/); // the wrong pair: 404
    await cp.goto(`/public/track?code=${code}`);
    await cp.getByTestId('track-phone').fill('13900000000');
    await cp.getByTestId('track-submit').click();
    await expect.poll(() => cp.getByTestId('track-error').textContent()).toContain('查询码或手机号不正确');
    await cp.getByTestId('track-phone').fill(PHONE);
    await cp.getByTestId('track-submit').click();
    await cp.getByTestId('track-result').waitFor();
    await expect.poll(() => cp.getByTestId('track-status').textContent()).toBe('已办结');
    await expect.poll(() => cp.getByTestId('track-matter').textContent()).toContain('<script>alert(1)</script>');
    const messages = (await cp.getByTestId('track-messages').textContent()) ?? '';
    expect(messages).toContain('已有专人负责办理');
    expect(messages).toContain('承诺办结日期');
    expect(messages).toContain('已办结：路灯已修复');
    expect(messages).not.toContain('演示'); // no staff names
    await shot(citizen, 'citizens-public-track');
    await cp.getByTestId('track-rating').getByText('满意', { exact: true }).click();
    await cp.getByTestId('track-rate-submit').click();
    await cp.getByTestId('track-rated').waitFor();
    await shot(citizen, 'citizens-public-rated');
    await citizen.close();

    await page.reload();
    await expect.poll(() => page.getByTestId('request-detail').textContent()).toContain('群众评价：满意');

    // ---- the three rates, drilling down to records ----
    await page.goto('/citizens?tab=stats');
    await page.getByTestId('rate-satisfied').waitFor();
    await shot(desk, 'citizens-stats');
    await page.getByTestId('rate-satisfied').click();
    await page.waitForURL(/metric=satisfied/);
    await expect.poll(() => page.getByTestId('request-table').textContent()).toContain(code);
    await desk.close();

    // ---- a village secretary's diary visit opens a second request, on a phone ----
    const village = await openSession(browser(), 'phone');
    await login(village, 'yushe');
    await village.page.goto('/diary');
    await village.page.getByTestId('visit-open').click();
    await village.page.getByTestId('visit-household').fill('王奶奶家（三组）');
    await village.page.getByTestId('visit-heard').fill('老人独居，冬季取暖煤不够');
    await village.page.getByTestId('visit-open-request').click();
    await village.page.getByTestId('visit-request-matter').fill('独居老人冬季取暖困难，申请取暖补贴');
    await shot(village, 'citizens-diary-form');
    await village.page.getByTestId('visit-submit').click();
    await village.page.getByTestId('request-detail').waitFor();
    await expect.poll(() => village.page.getByTestId('request-detail').textContent()).toContain('走访发现');
    await expect.poll(() => village.page.getByTestId('request-matter').textContent()).toContain('取暖补贴');
    await shot(village, 'citizens-diary-request');
    await village.page.goto('/diary');
    await village.page.getByTestId('visit-card').filter({ hasText: '王奶奶家' }).waitFor();
    await shot(village, 'citizens-diary');
    await village.close();
  }, 240_000); // the longest journey: seven steps, two departments, a diary visit (2 shared cores)
});

describe('serving citizens: every page on a desktop and a phone', () => {
  const browser = useBrowser();

  for (const viewport of ['desktop', 'phone'] as const) {
    it(`the station's pages look right (${viewport})`, async () => {
      const s = await openSession(browser(), viewport);
      await station(s);
      const { page } = s;
      await page.goto('/citizens');
      await (viewport === 'phone' ? page.getByTestId('request-row') : page.getByTestId('request-table').locator('tbody tr.ant-table-row')).first().waitFor();
      await shot(s, 'citizens-list');
      const first = viewport === 'phone' ? page.getByTestId('request-row').first() : page.getByTestId('request-link').first();
      await first.click();
      await page.getByTestId('seven-steps').waitFor();
      await shot(s, 'citizens-detail');
      await page.goto('/citizens?tab=stats');
      await page.getByTestId('request-stats').waitFor();
      await shot(s, 'citizens-stats');
      await page.goto('/citizens');
      await page.getByTestId('intake-open').click();
      await page.getByTestId('intake-form').waitFor();
      await shot(s, 'citizens-intake');
      await page.goto('/whistles?view=all');
      await page.getByTestId('whistle-card').first().waitFor();
      await shot(s, 'citizens-whistles');
      await page.goto('/diary?view=org');
      await page.getByTestId('diary-view').waitFor();
      await shot(s, 'citizens-diary-village');
      await page.goto('/grids');
      await page.getByTestId('grids-page').waitFor();
      await shot(s, 'citizens-grids');
      await page.goto('/grids?tab=households');
      await page.getByTestId('household-add').waitFor();
      await shot(s, 'citizens-households');
      await page.goto('/cards');
      await page.getByTestId('card-unit').first().waitFor();
      await page.getByTestId('card-select').nth(0).click();
      await page.getByTestId('card-select').nth(1).click();
      await shot(s, 'citizens-cards');
      await page.getByTestId('cards-print').first().click();
      await page.getByTestId('contact-card').nth(1).waitFor();
      await page.getByTestId('post-card').first().waitFor(); // and a card for each cadre post
      // each selected unit's post cards load on their own: wait for all of them before reading the first (the
      // village's could come back before the station's, whose chief's card leads the sheet)
      await expect.poll(() => page.locator('.lx-print-sheet .ant-skeleton').count()).toBe(0);
      expect(await page.getByTestId('post-card').first().textContent()).toMatch(/站长.*1\d{10}/);
      await expect.poll(() => page.getByTestId('card-qr').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      await shot(s, 'citizens-cards-print');
      await page.emulateMedia({ media: 'print' });
      await shot(s, 'citizens-cards-print-media');
      await page.emulateMedia({ media: 'screen' });
      await s.close();
    });
  }
});
