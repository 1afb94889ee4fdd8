// A village secretary's day on a phone: the login page fits the screen; the home page opens on
// what to do today (titles, due dates, the reason a problem came back), each item one tap from its
// page, statistics below; the bottom tabs are a village's; the roster's privacy note tells this role
// the truth. A department gets 吹哨报到 as a tab; the auditor reads actions in words.
import { describe, expect, it } from 'vitest';
import { apiAs, login, openSession, settled, shot, useBrowser } from './support';

describe('a village secretary\'s day on a phone', () => {
  const browser = useBrowser();

  it('the login page fits a 375-wide phone', async () => {
    const s = await openSession(browser(), 'phone');
    await s.page.goto('/login');
    await s.page.getByLabel(/用户名/).waitFor();
    const { width, card, hero } = await s.page.evaluate(() => {
      const c = document.querySelector('.lx-login-card')!.getBoundingClientRect();
      const h = document.querySelector('.lx-login-hero')!.getBoundingClientRect();
      return { width: document.scrollingElement!.scrollWidth, card: { left: c.left, right: c.right }, hero: { left: h.left, right: h.right } };
    });
    expect(width, 'no sideways scrolling').toBeLessThanOrEqual(375);
    // the red band runs edge to edge (it used to shrink to its text, with grey strips beside it)
    expect(hero).toEqual({ left: 0, right: 375 });
    expect(card.left).toBeGreaterThanOrEqual(8);
    expect(card.right).toBeLessThanOrEqual(367);
    // the sign-in button is on the first screen, above the keyboard's reach
    const button = await s.page.locator('form button[type="submit"]').boundingBox();
    expect(button!.y + button!.height).toBeLessThanOrEqual(812);
    expect(button!.height).toBeGreaterThanOrEqual(40);
    await shot(s, 'login-today');
    await s.close();
  });

  it('opens on today\'s work: a returned problem with its reason comes first and is one tap from its page', async () => {
    const s = await openSession(browser(), 'phone');
    // Set-up as the station would: a problem of 榆舍村 is checked and sent back with a reason.
    const station = await apiAs(s, 'yushe.station');
    const tree = await station.get<{ nodes: { id: number; name: string }[] }>('/api/orgs/tree');
    const village = tree.nodes.find((n) => n.name === '榆舍村')!.id;
    const due = new Date(Date.now() + (8 + 24 * 10) * 3600_000).toISOString().slice(0, 10);
    const reg = await station.post('/api/ledger/problems', { orgId: village, source: 'station_inspection', category: '基层组织建设', description: '党员活动室门牌缺失（今日待办测试）', deadline: due });
    expect(reg.status(), await reg.text()).toBe(201);
    let p = (await reg.json()) as { id: number; version: number };
    await station.logout();
    const yushe = await apiAs(s, 'yushe');
    const fire = async (api: typeof yushe, t: string, body: Record<string, unknown>) => {
      const r = await api.post(`/api/ledger/problems/${p.id}/transitions/${t}`, { version: p.version, ...body });
      expect(r.status(), await r.text()).toBe(200);
      p = (await r.json()) as typeof p;
    };
    await fire(yushe, 'start', { measures: '补挂门牌' });
    await fire(yushe, 'submit', { comment: '已补挂' });
    await yushe.logout();
    const station2 = await apiAs(s, 'yushe.station');
    await fire(station2, 'return', { comment: '门牌位置不醒目，请挂到正门右侧' });
    await station2.logout();

    await login(s, 'yushe');
    const { page } = s;
    await page.getByTestId('today').waitFor();
    await settled(page);
    const items = page.getByTestId('today-item');
    await expect.poll(() => items.count()).toBeGreaterThan(1);
    // most urgent first: the returned problem is among the urgent items at the top, with its reason
    const first = items.first();
    expect(await first.getAttribute('class')).toContain('urgent');
    const returned = page.locator(`[data-testid="today-item"][href="/ledger/${p.id}"]`);
    await expect.poll(() => returned.textContent()).toContain('被退回待重改');
    expect(await returned.textContent()).toContain('门牌位置不醒目，请挂到正门右侧');
    expect(await returned.textContent()).toMatch(/到期 · 还有 10 天/);
    // no raw codes: no ISO week, no "#id", no status codes in the list
    const text = (await page.getByTestId('today').textContent()) ?? '';
    expect(text).not.toMatch(/\d{4}-W\d{2}|#\d+|problem_|report_due/);
    // statistics come after the to-do list
    const order = await page.evaluate(() => {
      const t = document.querySelector('[data-testid="today"]')!;
      const c = document.querySelector('[data-testid="todos"]');
      return c ? !!(t.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) : true;
    });
    expect(order, 'the counts follow the list').toBe(true);
    await shot(s, 'today');

    // the bottom tabs are a village's
    expect(await page.getByTestId('tabbar').locator('a').allTextContents()).toEqual(['工作台', '问题台账', '两下两上', '群众事项']);

    // one tap: the problem's own page, where the rework is done
    await returned.click();
    await page.waitForURL(new RegExp(`/ledger/${p.id}$`));
    await page.getByText('党员活动室门牌缺失', { exact: false }).first().waitFor();

    // the roster's note: this role sees masked numbers, and says so
    await page.goto('/people');
    await expect.poll(() => page.getByTestId('privacy-note').first().textContent()).toContain('您的角色不能查看完整号码');
    await s.close();
  });

  it('a department\'s phone has 吹哨报到 as a tab; the county\'s roster note says it sees full numbers', async () => {
    const s = await openSession(browser(), 'phone');
    await login(s, 'jiaotong');
    expect(await s.page.getByTestId('tabbar').locator('a').allTextContents()).toEqual(['工作台', '吹哨报到', '两下两上', '问题台账']);
    await s.page.getByTestId('today').waitFor();
    await shot(s, 'today-department');
    await s.close();

    const d = await openSession(browser(), 'desktop');
    await login(d, 'county');
    await d.page.goto('/people');
    await expect.poll(() => d.page.getByTestId('privacy-note').first().textContent()).toContain('您的角色可以看到完整的身份证号和手机号');
    await d.page.goto('/');
    await d.page.getByTestId('today').waitFor();
    await shot(d, 'today-county');
    await d.close();
  });

  it('the auditor reads actions and results in words', async () => {
    const s = await openSession(browser(), 'desktop');
    await login(s, 'auditor');
    await s.page.goto('/audit');
    const rows = s.page.getByTestId('audit-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const actions = await s.page.getByTestId('audit-action-words').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => /^[a-z_]+\.[a-z_]+$/.test(a))).toEqual([]);
    const results = await rows.locator('td:nth-child(5)').allTextContents();
    expect(results.filter((r) => /success|failure|denied/.test(r))).toEqual([]);
    await shot(s, 'audit-words');
    await s.close();
  });
});
