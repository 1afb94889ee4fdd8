// 四议两公开 end to end: the 榆舍村 secretary, on a phone, registers a matter and runs it step by step
// — 党支部提议, 两委会商议, 党员大会审议, 村民代表会议决议, 决议公开, 实施结果公开 — attaching each
// step's documents and linking the meeting that decided it (recorded in organizational life); a
// step out of order is refused; the published results then show on the village's public page,
// opened without login on a phone. The county's overdue list and flow editor are shot on a desktop.
import { describe, expect, it } from 'vitest';
import { apiAs, login, openSession, pick, settled, shot, useBrowser } from './support';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('a village runs a 四议两公开 matter to its public result', () => {
  const browser = useBrowser();

  it('each step with its documents and meeting, on a phone; the result on the public unit page', async () => {
    const phone = await openSession(browser(), 'phone');
    await login(phone, 'yushe');
    const p = phone.page;
    const api = await apiAs(phone, 'yushe');
    const me = await api.get<{ scopeOrg: { id: number } }>('/api/auth/me');
    const village = me.scopeOrg.id;

    // the meetings that decide the steps, recorded in organizational life (its own journey records them by hand)
    const roster = await api.get<{ members: { id: number }[] }>(`/api/orglife/units/${village}/roster`);
    const meetings: Record<string, string> = { committee: '支委会提议：村卫生室改建', two_committees: '两委会商议：村卫生室改建', member_congress: '党员大会审议：村卫生室改建', villager_reps: '村民代表会议表决：村卫生室改建' };
    for (const [typeCode, topic] of Object.entries(meetings)) {
      const res = await api.post('/api/orglife/meetings', { orgId: village, typeCode, heldOn: today, place: '村党群服务中心', host: '村党支部书记', topic, attendees: roster.members.slice(0, 6).map((m) => ({ personId: m.id, present: true })) });
      expect(res.status(), await res.text()).toBe(201);
    }

    // register the matter
    await p.goto('/flows');
    await settled(p);
    await shot(phone, 'flows-matters');
    await p.getByTestId('matter-new').click();
    await p.getByTestId('new-title').fill('村卫生室改建');
    await p.getByTestId('new-summary').fill('改建村卫生室 120 平方米，增设候诊区和无障碍通道。');
    await p.getByTestId('new-amount').fill('150000');
    await p.getByTestId('new-save').click();
    await p.waitForURL(/\/flows\/matters\/\d+$/);
    const matterUrl = new URL(p.url()).pathname;
    await expect.poll(() => p.locator('[data-testid="matter-step"][data-state="current"]').getAttribute('data-key')).toBe('propose');
    await shot(phone, 'flows-matter-first-step');

    const steps: { key: string; meeting: string | null; result: string }[] = [
      { key: 'propose', meeting: meetings.committee!, result: '党支部提议改建村卫生室，投资 15 万元' },
      { key: 'two_committees', meeting: meetings.two_committees!, result: '“两委”联席会议商议同意，提交党员大会审议' },
      { key: 'members', meeting: meetings.member_congress!, result: '党员大会审议通过，到会 6 人全部同意' },
      { key: 'representatives', meeting: meetings.villager_reps!, result: '村民代表会议表决通过：改建卫生室 120 平方米' },
      { key: 'publish_resolution', meeting: null, result: '决议在村务公开栏公开 7 天，群众无异议' },
      { key: 'publish_result', meeting: null, result: '卫生室改建完成并投入使用，实际支出 14.6 万元' },
    ];
    for (const [i, s] of steps.entries()) {
      const current = p.locator(`[data-testid="matter-step"][data-key="${s.key}"]`);
      await expect.poll(() => current.getAttribute('data-state')).toBe('current');
      if (i === 0) {
        // out of order: completing without the required document names what is missing, nothing changes
        await current.getByTestId('act-meeting').click();
        await p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText(s.meeting!, { exact: false }).first().click();
        await current.getByTestId('act-result').fill(s.result);
        phone.allowHttpErrors(/\/api\/flow-matters\/\d+\/steps/);
        await current.getByTestId('act-complete').click();
        await expect.poll(() => current.getByTestId('act-error').textContent()).toContain('尚缺材料：提议书');
        await shot(phone, 'flows-missing-document');
      }
      for (const doc of await current.getByTestId('step-document').all()) {
        const name = (await doc.getAttribute('data-name'))!;
        await doc.locator('input[type="file"]').setInputFiles({ name: `${name}.pdf`, mimeType: 'application/pdf', buffer: PDF });
        await expect.poll(() => doc.locator('a').count()).toBe(1);
      }
      if (s.meeting && i > 0) {
        await current.getByTestId('act-meeting').click();
        await p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText(s.meeting, { exact: false }).first().click();
      }
      if (i > 0) await current.getByTestId('act-result').fill(s.result);
      if (i === 2) await shot(phone, 'flows-act-form');
      await current.getByTestId('act-complete').click();
      // done, or the server's refusal in words (so a failure says why)
      await expect.poll(async () => ((await current.getAttribute('data-state')) === 'done' ? 'done' : (await current.getByTestId('act-error').count()) ? await current.getByTestId('act-error').textContent() : 'pending')).toBe('done');
      if (s.meeting) await expect.poll(() => current.getByTestId('step-meeting').textContent()).toContain(s.meeting);
    }
    await expect.poll(() => p.getByTestId('matter-page').textContent()).toContain('事项已办结');
    await shot(phone, 'flows-matter-done');

    // the public unit page, no login, on a phone: the two published results
    const citizen = await openSession(browser(), 'phone');
    await citizen.page.goto(`/public/unit/${village}`);
    await settled(citizen.page);
    const body = citizen.page.locator('body');
    await expect.poll(() => body.textContent()).toContain('村卫生室改建 · 实施结果公开');
    await expect.poll(() => body.textContent()).toContain('卫生室改建完成并投入使用，实际支出 14.6 万元');
    await expect.poll(() => body.textContent()).toContain('村卫生室改建 · 决议公开');
    expect(await body.textContent()).not.toContain('党员大会审议通过');
    await expect.poll(() => body.textContent()).toContain('小微权力清单 · 岗位职责');
    await citizen.page.getByText('村卫生室改建 · 实施结果公开').first().scrollIntoViewIfNeeded();
    await citizen.page.screenshot({ path: `${process.cwd()}/artifacts/screenshots/flows-public-unit-phone.png`, fullPage: false });
    await citizen.close();

    // back on the matter: the record shows each step's meeting and who acted
    await p.goto(matterUrl);
    await settled(p);
    await expect.poll(() => p.getByTestId('step-meeting').count()).toBe(4);
    await phone.close();

    // the county's desk: the demo's late step in 失职预警, rolled up by township; the flow editor
    const desk = await openSession(browser(), 'desktop');
    await login(desk, 'county');
    const d = desk.page;
    await d.goto('/flows/overdue');
    await settled(d);
    await expect.poll(() => d.getByTestId('overdue-items').textContent()).toContain('村道路灯安装工程');
    await expect.poll(() => d.getByTestId('overdue-units').textContent()).toContain('五里镇');
    await shot(desk, 'flows-overdue');
    await d.goto('/flows');
    await settled(d);
    await shot(desk, 'flows-board');
    await d.goto('/flows/templates');
    await settled(d);
    await shot(desk, 'flows-templates');
    await d.getByTestId('flow-card').filter({ hasText: '四议两公开' }).click();
    await d.getByTestId('flow-editor').waitFor();
    await settled(d);
    await shot(desk, 'flows-editor');
    // the editor refuses a step without an actor, in Chinese
    desk.allowHttpErrors(/\/api\/flows\/\d+/);
    await d.getByTestId('step-body').nth(1).fill('');
    await d.getByTestId('flow-save').click();
    await expect.poll(() => d.getByTestId('editor-errors').textContent()).toContain('第2步「两委会商议」未指定办理层级和办理主体');
    await d.goto('/flows/duties');
    await settled(d);
    await shot(desk, 'flows-duty-template');
    await desk.close();
  });
});
