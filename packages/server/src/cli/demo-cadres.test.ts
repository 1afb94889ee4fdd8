// The demo's cadre and development data load through the services and leave every stage of the
// development path filled, with the intervals the browser journey relies on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevelopmentPage, DevelopmentPath, DevelopmentRow } from '@lianxin/contract';
import { buildTestApp, testPii, type TestApp } from '../test/helpers.js';
import { loadDemoCadres } from './demo-cadres.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('the demo cadres', () => {
  it('loads 公职化 secretaries and applicants at every stage', async () => {
    const loaded = await loadDemoCadres(t.db, testPii);
    expect(loaded.developments).toBe(7);
    expect(loaded.civilService).toBeGreaterThan(0);
    const yushe = await t.as('yushe');
    const list = (await yushe.get('/api/developments?pageSize=50')).json() as { items: DevelopmentRow[] };
    expect(list.items.map((r) => r.status).sort()).toEqual(['activist', 'applicant', 'probationary', 'target']);
    const applicant = list.items.find((r) => r.status === 'applicant')!;
    expect(applicant.next!.earliest <= new Date().toISOString().slice(0, 10)).toBe(true);
    const activist = list.items.find((r) => r.status === 'activist')!;
    expect(activist.next!.earliest > new Date().toISOString().slice(0, 10)).toBe(true);
    // the county's path is an edition; the people opened before it keep the national default
    const path = (await yushe.get('/api/development-path')).json() as DevelopmentPath;
    expect(path).toMatchObject({ edition: 1, national: false, inProgressNational: 6, editions: [{ edition: 1, inProgress: 1 }] });
    expect(path.config.steps.admit.checks.some((c) => c.includes('131'))).toBe(true);
    const late = (await (await t.as('wuli')).get('/api/developments?warning=overdue&pageSize=50')).json() as DevelopmentPage;
    expect(late.items.map((r) => r.person.name)).toContain('马小川');
    // 赵建国's probation year ends within the warning days
    expect(list.items.find((r) => r.person.name === '赵建国')?.warning).toBe('due_soon');
    const civil = (await (await t.as('wuli')).get('/api/cadres?civilService=true')).json() as { total: number };
    expect(civil.total).toBe(loaded.civilService);
  });

  it('links the accounts people really use: the village secretary\'s and the station\'s (its first secretary)', async () => {
    const rows = await t.db.query<{ username: string; role: string; org: string }>(
      `SELECT a.username, p.role, o.name AS org FROM accounts a JOIN posts p ON p.person_id = a.person_id AND p.end_date IS NULL JOIN orgs o ON o.id = p.org_id
        WHERE a.person_id IS NOT NULL AND p.role IN ('secretary', 'first_secretary') ORDER BY a.username`,
    );
    expect(rows).toEqual([
      { username: 'yushe', role: 'secretary', org: '榆舍村' },
      { username: 'yushe.station', role: 'first_secretary', org: '榆舍村' },
    ]);
    // offices' accounts stay unlinked; each link was audited
    expect(await t.db.query(`SELECT username FROM accounts WHERE person_id IS NOT NULL ORDER BY username`)).toEqual([{ username: 'yushe' }, { username: 'yushe.station' }]);
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'account.link'`))[0]!.n).toBe(2);
    // the first secretary's page counts the linked account
    const county = await t.as('county');
    const list = (await county.get('/api/first-secretaries?pageSize=100&current=true')).json() as { items: { postId: number; village: { name: string } }[] };
    const fs = list.items.find((i) => i.village.name === '榆舍村')!;
    expect(((await county.get(`/api/first-secretaries/${fs.postId}`)).json() as { linkedAccounts: number }).linkedAccounts).toBe(1);
  });

  it('keeps sitting post-holders out of the reserve pool', async () => {
    const [pool] = await t.db.query<{ n: number; sitting: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM posts po WHERE po.person_id = r.person_id AND (po.end_date IS NULL OR po.end_date >= CURRENT_DATE)))::int AS sitting
         FROM reserve_cadres r`,
    );
    expect(pool!.n).toBeGreaterThan(0);
    expect(pool!.sitting).toBe(0);
  });
});
