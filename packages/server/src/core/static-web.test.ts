// The web app as the server serves it: a deep link answers the app's page (GET and HEAD alike),
// hashed assets are cached for a year and precompressed, an unknown /api path is a JSON 404.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/helpers.js';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>连心</title>');
  const js = 'console.log("连心")'.repeat(50);
  fs.writeFileSync(path.join(dir, 'assets', 'main-AbCdEf12.js'), js);
  fs.writeFileSync(path.join(dir, 'assets', 'main-AbCdEf12.js.br'), zlib.brotliCompressSync(js));
  t = await buildTestApp({ webDir: dir });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the web app', () => {
  it('answers a deep link with the app page, for GET and for HEAD, revalidated every time', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await t.app.inject({ method, url: '/ledger/problems/12' });
      expect(res.statusCode, method).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves a hashed asset precompressed and cached for a year', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/main-AbCdEf12.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers an unknown API path with the JSON error, not the page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'route_not_found' });
  });
});
