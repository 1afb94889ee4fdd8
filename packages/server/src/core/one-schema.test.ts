// One schema feeds all (issue 11): every route's request and response schemas come from
// packages/contract, so validation, the handlers' types, the OpenAPI document and the web client
// read the same definitions. These checks fail when a route drifts from that.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '@lianxin/contract';
import { buildTestApp, type TestApp } from '../test/helpers.js';

const modulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../modules');
const routeFiles = fs
  .readdirSync(modulesDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.routes.ts'))
  .map((f) => path.join(modulesDir, f));

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('one schema feeds all', () => {
  it('finds the route files it scans', () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(10);
  });

  it('keeps the web on the typed client: no page names its answer type by hand', () => {
    const webSrc = path.resolve(modulesDir, '../../../web/src');
    const users = fs
      .readdirSync(webSrc, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && fs.readFileSync(path.join(webSrc, f), 'utf8').includes('untypedApi'));
    expect(users).toEqual([]);
  });

  it('declares no schema inside a route file: request and response schemas come from the contract', () => {
    const offences: string[] = [];
    for (const file of routeFiles) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const where = `${path.relative(modulesDir, file)}:${i + 1}`;
        if (/from '@sinclair\/typebox'/.test(line)) offences.push(`${where} imports TypeBox`);
        if (/\bType\.\w+\(/.test(line)) offences.push(`${where} declares a schema inline: ${line.trim().slice(0, 80)}`);
        if (/[^\w]Page\(/.test(line)) offences.push(`${where} builds a page schema inline (name it in the contract)`);
        // The type provider gives handlers their types from the schemas: no hand-restated generics.
        if (/app\.(get|post|put|patch|delete)</.test(line)) offences.push(`${where} restates a route's types by hand`);
      });
    }
    expect(offences).toEqual([]);
  });

  it('gives every route in the OpenAPI document a schema for its success answer', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, Operation>> };
    const missing: string[] = [];
    let routes = 0;
    for (const [url, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        routes++;
        const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
        // 204 has no body to describe; every other success answer names its schema.
        const described = success.some(([status, r]) => status === '204' || Object.values(r.content ?? {}).some((c) => c.schema !== undefined));
        if (!described) missing.push(`${method.toUpperCase()} ${url}`);
      }
    }
    expect(routes).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it('keeps the endpoint table the web is typed from in step with the routes (same operations, same answer shape)', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, Operation & { requestBody?: { content?: Record<string, { schema?: unknown }> }; parameters?: { in: string; name: string }[] }>> };
    const operations = Object.entries(doc.paths).flatMap(([url, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${url}`));
    expect(Object.keys(ENDPOINTS).sort()).toEqual(operations.sort());
    const drift: string[] = [];
    for (const [key, spec] of Object.entries(ENDPOINTS)) {
      const [method, url] = key.split(' ') as [string, string];
      const op = doc.paths[url]![method.toLowerCase()]!;
      const documented = Object.entries(op.responses ?? {})
        .filter(([status]) => /^2\d\d$/.test(status))
        .map(([, r]) => shapeOf(Object.values(r.content ?? {})[0]?.schema))
        .filter((s) => s !== 'none');
      const tabled = spec.response.anyOf && documented.length > 1 ? (spec.response.anyOf as unknown[]).map(shapeOf) : [shapeOf(spec.response)];
      if (JSON.stringify([...documented].sort()) !== JSON.stringify([...tabled].sort()) && !(documented.length === 0 && tabled[0] === 'null')) {
        drift.push(`${key}: answer ${documented.join(' | ').slice(0, 300)} ≠ table ${tabled.join(' | ').slice(0, 300)}`);
      }
      const body = Object.values(op.requestBody?.content ?? {})[0]?.schema;
      const bodyTabled = 'body' in spec ? shapeOf(spec.body) : 'none';
      if (body !== undefined && !('upload' in spec) && shapeOf(body) !== bodyTabled) drift.push(`${key}: body ≠ table`);
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name).sort();
      const queryTabled = 'query' in spec ? Object.keys((spec.query as { properties: object }).properties).sort() : [];
      if (JSON.stringify(query) !== JSON.stringify(queryTabled)) drift.push(`${key}: query ${query.join(',')} ≠ table ${queryTabled.join(',')}`);
    }
    expect(drift).toEqual([]);
  });
});

/** Lists that answer a bare array because they are tiny, fixed dictionaries: their OpenAPI description says so. */
const DICTIONARIES = ['GET /api/whistles/departments', 'GET /api/public/ledger/counties', 'GET /api/requests/{id}/hand-over-candidates', 'GET /api/cards/{id}/posts', 'GET /api/orgs/{id}/posts', 'GET /api/flows'];
describe('one list shape', () => {
  it('answers {items, total, page, pageSize} on every list route but the named dictionaries', () => {
    const bare: string[] = [];
    const partial: string[] = [];
    for (const [key, spec] of Object.entries(ENDPOINTS)) {
      const r = spec.response as { type?: string; description?: string; properties?: Record<string, unknown> };
      if (r.type === 'array') {
        if (DICTIONARIES.includes(key)) expect(r.description, `${key} says why it is not paged`).toMatch(/不分页/);
        else bare.push(key);
      } else if (r.properties?.items && !['total', 'page', 'pageSize'].every((k) => k in r.properties!)) {
        partial.push(key);
      }
    }
    expect(bare).toEqual([]);
    // a list object without its paging fields: the home page's to-do counts and today's list are
    // views computed for one screen, not collections
    expect(partial).toEqual(['GET /api/home/todos', 'GET /api/home/today']);
  });

  it('gives every row of every list an id', () => {
    const missing: string[] = [];
    for (const [key, spec] of Object.entries(ENDPOINTS)) {
      if (!key.startsWith('GET ') || key === 'GET /api/home/todos') continue; // counts per kind, not rows
      const r = spec.response as { type?: string; items?: { properties?: object }; properties?: { items?: { items?: { properties?: object } } } };
      const row = r.type === 'array' ? r.items : r.properties?.items?.items;
      if (row?.properties && !('id' in row.properties)) missing.push(key);
    }
    expect(missing).toEqual([]);
  });
});

describe('field errors name the field as the client sent it', () => {
  it('says which field and in which part of the request (body, query string, path)', async () => {
    const county = await t.as('county');
    const body = (await county.post('/api/orgs', { parentId: 1, type: 'party_group' })).json();
    expect(body.details.fields).toEqual([{ field: 'name', in: 'body', message: expect.stringContaining('name') }]);
    const settings = (await county.get('/api/ledger/settings')).json();
    const { categories, supervisionDays, closureSigner } = settings;
    const nested = (await county.request('PUT', '/api/ledger/settings', { categories, supervisionDays, closureSigner, sources: [{ label: '谈心谈话' }, { label: '' }] })).json();
    expect(nested.details.fields).toEqual([{ field: 'sources.1.label', in: 'body', message: expect.stringContaining('sources.1.label') }]);
    const query = (await county.get('/api/people?page=0')).json();
    expect(query.details.fields).toEqual([{ field: 'page', in: 'query', message: expect.stringContaining('page') }]);
    const path = (await county.get('/api/orgs/abc')).json();
    expect(path.details.fields).toEqual([{ field: 'id', in: 'path', message: expect.stringContaining('id') }]);
  });
});

/** The property names of a schema, recursively (what a client reads), ignoring descriptions and formats. */
function shapeOf(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return 'none';
  const s = schema as { type?: unknown; properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[]; allOf?: unknown[] };
  if (s.properties) return `{${Object.keys(s.properties).sort().map((k) => `${k}:${shapeOf(s.properties![k])}`).join(',')}}`;
  if (s.items) return `[${shapeOf(s.items)}]`;
  // OpenAPI 3.0 writes `X | null` as X with nullable: compare without the null.
  if (s.anyOf) {
    const members = s.anyOf.map(shapeOf).filter((m) => m !== 'null');
    return members.length === 1 ? members[0]! : members.sort().join('|');
  }
  return typeof s.type === 'string' ? s.type : 'any';
}
