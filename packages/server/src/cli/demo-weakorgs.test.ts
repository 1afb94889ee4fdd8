// The demo's 软弱涣散整顿 loads through the services: one branch being rectified with its plan and
// two ledger problems, one proposed and waiting for the county.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeakOrgDetail, WeakOrgPage } from '@lianxin/contract';
import { buildTestApp, testPii, type TestApp } from '../test/helpers.js';
import { loadDemoWeakOrgs } from './demo-weakorgs.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('the demo weak branches', () => {
  it('has one branch under rectification with its plan and problems, and one waiting for the county', async () => {
    expect(await loadDemoWeakOrgs(t.db, testPii)).toEqual({ listed: 1, proposed: 1 });
    const county = await t.as('county');
    const list = (await county.get('/api/weak-orgs')).json() as WeakOrgPage;
    expect(list.items.map((r) => [r.org.name, r.status]).sort()).toEqual([['柏树村', 'proposed'], ['焦家河村', 'listed']]);
    const listed = (await county.get(`/api/weak-orgs/${list.items.find((r) => r.status === 'listed')!.id}`)).json() as WeakOrgDetail;
    expect(listed).toMatchObject({ leader: expect.stringContaining('包联'), problems: 2, problemsClosed: 0 });
    expect(listed.rectification.every((p) => p.status === 'registered')).toBe(true);
    // the county decides on the proposed one
    const proposed = (await county.get(`/api/weak-orgs/${list.items.find((r) => r.status === 'proposed')!.id}`)).json() as WeakOrgDetail;
    expect(proposed.transitions.map((x) => x.name)).toEqual(['confirm', 'dismiss']);
  });
});
