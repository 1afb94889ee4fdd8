import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

type Op = { responses?: Record<string, { description?: string }>; requestBody?: unknown };

describe('the OpenAPI document tells 409 from 412', () => {
  it('explains both in the API description and on each mutating route (412 only where a version is sent)', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json() as { info: { description: string }; paths: Record<string, Record<string, Op>> };
    expect(doc.info.description).toContain('409');
    expect(doc.info.description).toContain('412');
    const transition = doc.paths['/api/requests/{id}/transitions/{transition}']!.post!;
    expect(transition.responses!['409']!.description).toMatch(/状态不允许/);
    expect(transition.responses!['412']!.description).toMatch(/已被他人修改/);
    // no version in the body: no 412
    const reveal = doc.paths['/api/requests/{id}/reveal-phone']!.post!;
    expect(reveal.responses!['409']).toBeDefined();
    expect(reveal.responses!['412']).toBeUndefined();
    // reads have neither
    expect(doc.paths['/api/requests/{id}']!.get!.responses!['409']).toBeUndefined();
  });
});
