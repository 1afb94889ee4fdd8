// A station with more work than one page of its inbox: the tab badges and the summary show the
// server's counts (not the 50 rows loaded), a title search narrows list and badges on the server;
// the whistle board finds a whistle the first page does not hold.
import { describe, expect, it } from 'vitest';
import { apiAs, login, openSession, settled, shot, useBrowser, type Viewport } from './support';

type Counts = { todo: number; duty: number; done: number; pending: number; overdue: number; week: number };

describe('inbox counts and list search on the server', () => {
  const browser = useBrowser();

  it('the station sees counts over every page and finds records beyond the first page', async () => {
    // ---- set-up through the API: 55 tasks from the township; 36 whistles, the one to find blown first ----
    const setup = await openSession(browser());
    const station = await apiAs(setup, 'yushe.station');
    const me = await station.get<{ scopeOrg: { id: number } }>('/api/auth/me');
    await station.logout();
    const wuli = await apiAs(setup, 'wuli');
    const stamp = Date.now() % 100000;
    for (let i = 0; i < 55; i++) {
      const r = await wuli.post('/api/directives', { kind: 'report', title: `分页任务${stamp}-${i}`, dueDate: new Date(Date.now() + (i + 1) * 86_400_000).toISOString().slice(0, 10), targets: { orgIds: [me.scopeOrg.id] } });
      expect(r.status(), await r.text()).toBe(201);
    }
    await wuli.logout();
    const st = await apiAs(setup, 'yushe.station');
    const req = await st.post('/api/requests', { orgId: me.scopeOrg.id, channel: 'visit', category: 'errand', citizenName: '群众', phone: '13800002468', matter: `寻踪${stamp}：桥面裂缝` });
    expect(req.status(), await req.text()).toBe(201);
    const departments = await st.get<{ id: number; name: string }[]>('/api/whistles/departments');
    const whistle = await st.post('/api/whistles', { sourceCaseId: ((await req.json()) as { id: number }).id, matter: `寻踪${stamp}：桥面裂缝`, departmentIds: [departments[0]!.id] });
    expect(whistle.status(), await whistle.text()).toBe(201);
    for (let i = 0; i < 35; i++) {
      const r = await st.post('/api/whistles', { sourceCaseId: ((await req.json()) as { id: number }).id, matter: `例行吹哨${i}`, departmentIds: [departments[0]!.id] });
      expect(r.status(), await r.text()).toBe(201);
    }
    const { counts, groups } = await st.get<{ counts: Counts; groups: { overdue: number; week: number; later: number } }>('/api/inbox?tab=todo&pageSize=1');
    expect(counts.todo).toBeGreaterThan(50);
    await st.logout();
    await setup.close();

    for (const viewport of ['phone', 'desktop'] as Viewport[]) {
      const s = await openSession(browser(), viewport);
      const { page } = s;
      await login(s, 'yushe.station');
      await page.goto('/dispatch');
      await page.getByTestId('assignment-groups').waitFor();
      await settled(page);
      // the badge and the summary are the server's counts over every page (more than the 50 rows loaded)
      const badge = Math.min(counts.todo, 99);
      await expect.poll(async () => (await page.getByTestId('inbox-tabs').textContent()) ?? '').toContain(counts.todo > 99 ? '99+' : String(badge));
      await expect.poll(async () => (await page.getByTestId('inbox-counts').textContent()) ?? '').toContain(`全部待上报 ${counts.pending}（含例行事项）`);
      expect(await page.getByTestId('assignment-card').count()).toBeLessThan(counts.todo);
      // the group heading 以后 counts the whole tab (the server's), not the rows loaded
      expect(groups.later).toBeGreaterThan(await page.locator('.lx-group-later [data-testid="assignment-card"]').count());
      await expect.poll(async () => (await page.getByTestId('group-count-later').textContent()) ?? '').toBe(String(groups.later));
      await shot(s, 'dispatch-inbox-counts');
      // a title search narrows the list and the badge on the server: the oldest-due task is on the last page
      await page.getByTestId('inbox-search').locator('input').fill(`分页任务${stamp}-54`);
      await page.getByTestId('inbox-search').locator('input').press('Enter');
      await expect.poll(() => page.getByTestId('assignment-card').count()).toBe(1);
      await expect.poll(async () => (await page.getByTestId('assignment-card').textContent()) ?? '').toContain(`分页任务${stamp}-54`);
      await shot(s, 'dispatch-inbox-search');

      // 下级收到的: the township's directive to the station, searched on the server from a link that survives a reload
      await page.goto(`/dispatch?tab=below&q=${encodeURIComponent(`分页任务${stamp}-54`)}`);
      await page.getByTestId('directive-status-filter').waitFor();
      await settled(page);
      await expect.poll(async () => (await page.getByTestId('dispatch-inbox').textContent()) ?? '').toContain(`分页任务${stamp}-54`);
      expect((await page.getByTestId('dispatch-inbox').textContent()) ?? '').not.toContain(`分页任务${stamp}-53`);
      await expect.poll(async () => (await page.getByTestId('directive-status-filter').textContent()) ?? '').toContain('全部 1');
      await shot(s, 'dispatch-below-search');

      // the whistle board finds the whistle the first page (30 newest) does not hold
      await page.goto('/whistles?view=all');
      await page.getByTestId('whistle-search').waitFor();
      await settled(page);
      expect((await page.getByTestId('whistles-page').textContent()) ?? '').not.toContain(`寻踪${stamp}`);
      await page.getByTestId('whistle-search').locator('input').fill(`寻踪${stamp}`);
      await page.getByTestId('whistle-search').locator('input').press('Enter');
      await expect.poll(async () => (await page.getByTestId('whistles-page').textContent()) ?? '').toContain(`寻踪${stamp}：桥面裂缝`);
      await shot(s, 'whistles-search');
      await s.close();
    }
  });
});
