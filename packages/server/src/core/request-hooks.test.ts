// What every request pays before and after its route's own work: the hooks of the whole app. A GET
// runs the cookie parser, the session and policy check, the input check and the security headers —
// nothing a write or an upload needs (issue 11: the app's own overhead). A hook added for all
// routes shows here and has to say why a GET needs it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { buildTestApp, type TestApp } from '../test/helpers.js';
import { AppError } from './errors.js';
import { registerHttpConventions } from './http.js';
import { registerMultipart } from './upload.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

type RouteHooks = { route: string; method: string; hooks: Record<string, string[]> };

/** Every route with the hooks it runs, from Fastify's own print of the routing tree. */
function routesWithHooks(): RouteHooks[] {
  const out: RouteHooks[] = [];
  for (const line of t.app.printRoutes({ includeHooks: true, commonPrefix: false }).split('\n')) {
    const route = line.includes('•') ? null : /(\S+) \(([A-Z, ]+)\)$/.exec(line);
    if (route) {
      for (const method of route[2]!.split(', ')) out.push({ route: route[1]!, method, hooks: {} });
      continue;
    }
    const hook = /• \((\w+)\) (\[.*\])$/.exec(line);
    if (hook && out.length) out.at(-1)!.hooks[hook[1]!] = JSON.parse(hook[2]!) as string[];
  }
  return out;
}

describe('the hooks a request runs', () => {
  it('a GET of the API runs the cookie parser, the session, the input check and the headers — nothing else', () => {
    const people = routesWithHooks().find((r) => r.route === '/api/people' && r.method === 'GET');
    expect(people?.hooks).toEqual({
      onRequest: ['fastifyCookieHandler()', 'admitSession()'],
      preValidation: ['checkInput()'],
      onSend: ['fastifyCookieOnSendHandler()', 'securityHeaders()'],
    });
  });

  it('no GET runs the Idempotency-Key hooks, and every POST does (the claim before its own preHandlers)', () => {
    const routes = routesWithHooks();
    const posts = routes.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(100);
    for (const r of posts) {
      expect(r.hooks.preHandler?.[0], `POST ${r.route}`).toBe('claim()');
      expect(r.hooks.onSend, `POST ${r.route}`).toContain('record()');
    }
    for (const r of routes.filter((x) => x.method === 'GET' || x.method === 'HEAD')) {
      expect([...(r.hooks.preHandler ?? []), ...(r.hooks.onSend ?? [])], `${r.method} ${r.route}`).not.toContain('claim()');
      expect(r.hooks.onSend ?? [], `${r.method} ${r.route}`).not.toContain('record()');
    }
  });

  it('no route runs an onResponse hook (the multipart plugin’s temporary-file cleanup is not registered)', () => {
    expect(routesWithHooks().filter((r) => r.hooks.onResponse).map((r) => `${r.method} ${r.route}`)).toEqual([]);
  });

  it('no code saves uploads to temporary files (the multipart disk mode would need the cleanup hooks back)', () => {
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const users: string[] = [];
    for (const file of fs.readdirSync(src, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      if (/\.saveRequestFiles\(|\.tmpUploads\b|\.cleanRequestFiles\(/.test(fs.readFileSync(path.join(src, file), 'utf8'))) users.push(file);
    }
    expect(users).toEqual([]);
  });
});

describe('what the hooks still do', () => {
  it('a retried POST with an Idempotency-Key answers the first response and creates one record', async () => {
    const county = await t.as('county');
    const [{ id: parentId }] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE name = '五里党建工作站'`) as [{ id: number }];
    const body = { parentId, type: 'village', name: '钩子重试村' };
    const headers = { 'idempotency-key': 'request-hooks-0001' };
    const first = await county.request('POST', '/api/orgs', body, headers);
    const again = await county.request('POST', '/api/orgs', body, headers);
    expect(first.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(await t.db.query(`SELECT 1 FROM orgs WHERE name = '钩子重试村'`)).toHaveLength(1);
  });

  it('a GET with an Idempotency-Key is answered as any GET (the key concerns writes only)', async () => {
    const county = await t.as('county');
    const res = await county.request('GET', '/api/people?page=1&pageSize=5', undefined, { 'idempotency-key': 'x' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['idempotent-replay']).toBeUndefined();
  });

  it('a GET carries the security headers and no-store; a write from another origin is refused', async () => {
    const county = await t.as('county');
    const res = await county.get('/api/people?page=1&pageSize=5');
    expect(res.headers['content-security-policy']).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    const foreign = await county.request('POST', '/api/orgs', {}, { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('csrf_failed');
  });

  it("an API answer is no-store unless its route set its own Cache-Control; an error is always no-store", async () => {
    const app = Fastify();
    // as app.ts registers them (the error handler asks whether a request is multipart)
    await registerMultipart(app, { fileSize: 1024, files: 1, fields: 1, parts: 2 });
    await registerHttpConventions(app, { resolveSession: async () => undefined });
    // as the attachment and file routes do (a photo a page shows again within minutes)
    app.get('/api/own-cache', { config: { policy: 'public' } }, async (_request, reply) => {
      reply.header('Cache-Control', 'private, max-age=300');
      return reply.send(Buffer.from('a file'));
    });
    app.get('/api/no-cache-said', { config: { policy: 'public' } }, async () => ({ ok: true }));
    app.get('/api/own-cache-then-fails', { config: { policy: 'public' } }, async (_request, reply) => {
      reply.header('Cache-Control', 'private, max-age=300');
      throw new AppError('not_found');
    });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/own-cache' })).headers['cache-control']).toBe('private, max-age=300');
      expect((await app.inject({ method: 'GET', url: '/api/no-cache-said' })).headers['cache-control']).toBe('no-store');
      const failed = await app.inject({ method: 'GET', url: '/api/own-cache-then-fails' });
      expect(failed.statusCode).toBe(404);
      expect(failed.headers['cache-control']).toBe('no-store');
    } finally {
      await app.close();
    }
  });

  it('a session the cache answers is refused a route its role lacks, and a request without one is 401', async () => {
    const village = await t.as('yushe');
    expect((await village.get('/api/people?page=1&pageSize=5')).statusCode).toBe(200); // read: now cached
    const again = await village.get('/api/audit?page=1&pageSize=5');
    expect(again.statusCode).toBe(403);
    expect((await t.anonymous.get('/api/people?page=1&pageSize=5')).statusCode).toBe(401);
  });
});
