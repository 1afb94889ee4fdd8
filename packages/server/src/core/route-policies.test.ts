// The route policy inventory (SECURITY.md): who may call each route, checked in. The authorization
// matrix derives its expectations from the declared policies, so a policy loosened by mistake
// (e.g. `citizen:handle` → `citizen:read`) would move the matrix with it; this inventory does not
// move: changing a policy means changing route-policies.json in the same commit, where a reviewer
// sees it.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/helpers.js';

const INVENTORY = new URL('./route-policies.json', import.meta.url);

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('route policy inventory', () => {
  it('every route of the OpenAPI document declares the policy the inventory names', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, { 'x-policy'?: string }>> };
    const actual: Record<string, string | null> = {};
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) actual[`${method.toUpperCase()} ${path}`] = op['x-policy'] ?? null;
    }
    const sorted = Object.fromEntries(Object.entries(actual).sort(([a], [b]) => a.localeCompare(b)));
    if (process.env.LIANXIN_WRITE_POLICIES === '1') fs.writeFileSync(INVENTORY, `${JSON.stringify(sorted, null, 2)}\n`);
    const expected = JSON.parse(fs.readFileSync(INVENTORY, 'utf8')) as Record<string, string>;
    expect(Object.values(sorted).filter((p) => p === null)).toEqual([]);
    expect(sorted).toEqual(expected);
  });
});
