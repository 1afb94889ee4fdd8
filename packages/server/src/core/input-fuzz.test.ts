// API input fuzz from the route schemas: for EVERY route of the OpenAPI document, values generated
// from its own parameter and body schemas — valid ones and hostile ones (NUL, lone surrogates,
// blanks, year 0000, impossible dates, int4/int8 edges, huge strings, extra fields) — sent as a
// demo account the route's policy admits (anonymously for public routes). No answer may be 5xx;
// every error is {code, message, requestId} without a stack trace. Bounded: FUZZ_RUNS per route.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_ACTIONS, type Action, type Role } from '@lianxin/contract';
import { buildTestApp, type Client, type TestApp } from '../test/helpers.js';

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 12);

type Schema = {
  type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema;
  enum?: unknown[]; const?: unknown; anyOf?: Schema[]; oneOf?: Schema[]; format?: string; pattern?: string;
  minimum?: number; maximum?: number; minLength?: number; maxLength?: number; minItems?: number; maxItems?: number;
  additionalProperties?: boolean | Schema; nullable?: boolean;
};
type Operation = {
  parameters?: { in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  'x-policy'?: 'public' | 'authenticated' | Action;
};

const DEMO_ROLES: [string, Role][] = [
  ['county', 'county_admin'], ['wuli', 'township_admin'], ['yushe.station', 'station_admin'], ['yushe', 'village_admin'],
  ['jiaotong', 'department_admin'], ['auditor', 'auditor'], ['sysadmin', 'sys_admin'], ['secadmin', 'sec_admin'], ['auditadmin', 'audit_admin'],
];

/** A demo account whose role holds the action. */
function accountFor(policy: Operation['x-policy']): string | undefined {
  if (!policy || policy === 'public') return undefined;
  if (policy === 'authenticated') return 'county';
  return DEMO_ROLES.find(([, role]) => ROLE_ACTIONS[role].includes(policy))?.[0];
}

const hostileText = fc.constantFrom(
  '', ' ', '   ', '\u0000', 'a\u0000b', '\uD800', 'x\uDC00y', '😀', '0000-01-01', '2026-02-30', '9999-12-31', '1e309',
  '13912345678', '610222199001011234', "'; DROP TABLE orgs; --", '<script>alert(1)</script>', '=1+1', '../../etc/passwd',
  '%00', 'NaN', '-1', '2147483648', '9'.repeat(30), 'x'.repeat(5000), '\t\r\n', '张三',
);
const edgeInts = fc.constantFrom(0, -1, 1, 2, 2_147_483_647, 2_147_483_648, -2_147_483_649, 9_007_199_254_740_991, 1e15);

function arb(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.jsonValue({ maxDepth: 1 });
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => arb(v, depth + 1)));
  if (schema.const !== undefined) return fc.oneof({ weight: 4, arbitrary: fc.constant(schema.const) }, { weight: 1, arbitrary: hostileText });
  if (schema.enum) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: hostileText });
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const base = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'integer':
      case 'number':
        return fc.oneof(
          { weight: 3, arbitrary: fc.integer({ min: Math.ceil(Math.max(schema.minimum ?? -10, -1000)), max: Math.floor(Math.min(schema.maximum ?? 10_000, 1_000_000)) }) },
          { weight: 2, arbitrary: edgeInts },
          { weight: 1, arbitrary: fc.double({ noNaN: true }) },
        );
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(arb(schema.items, depth + 1), { maxLength: 3 });
      case 'object': {
        const props = schema.properties ?? {};
        const required = new Set(schema.required ?? []);
        const entries = Object.entries(props).map(([k, s]) => [k, required.has(k) ? arb(s, depth + 1) : fc.option(arb(s, depth + 1), { nil: undefined, freq: 2 })] as const);
        const record = fc.record(Object.fromEntries(entries) as Record<string, fc.Arbitrary<unknown>>);
        return fc.oneof(
          { weight: 8, arbitrary: record.map((o) => Object.fromEntries(Object.entries(o as object).filter(([, v]) => v !== undefined))) },
          { weight: 1, arbitrary: record.map((o) => ({ ...(o as object), __proto__x: 1, constructor: 'x' })) },
        );
      }
      default: {
        const valid =
          schema.format === 'date' ? fc.date({ min: new Date('1950-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
          : schema.format === 'date-time' ? fc.date({ noInvalidDate: true, min: new Date('1970-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString())
          : schema.pattern ? fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, schema.maxLength ?? 200))
          : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40), unit: 'grapheme' });
        return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: hostileText });
      }
    }
  })();
  return schema.nullable ? fc.option(base, { nil: null }) : base;
}

type Route = { method: string; path: string; op: Operation; account: string | undefined };

let t: TestApp;
let routes: Route[];
const clients = new Map<string, Client>();

beforeAll(async () => {
  t = await buildTestApp();
  const doc = (await t.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, Operation>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([m, op]) => ({ method: m.toUpperCase(), path, op, account: accountFor(op['x-policy']) })),
  );
  for (const name of new Set(routes.map((r) => r.account).filter((a): a is string => !!a))) clients.set(name, await t.as(name));
});
afterAll(() => t.close());

/** Logging out would end the session the rest of the run uses; it is fuzzed with a throwaway one. */
async function clientFor(r: Route): Promise<Omit<Client, 'username' | 'csrf'>> {
  if (!r.account) return t.anonymous;
  if (r.path === '/api/auth/logout') return t.as(r.account);
  return clients.get(r.account)!;
}

function requestOf(r: Route, values: { path: Record<string, unknown>; query: Record<string, unknown>; body: unknown }) {
  // A lone surrogate cannot be percent-encoded as text: send it as the invalid UTF-8 a client could.
  const segment = (v: unknown) => {
    try {
      return encodeURIComponent(String(v));
    } catch {
      return '%ED%A0%80';
    }
  };
  let url = r.path.replace(/\{(\w+)\}/g, (_, name: string) => segment(values.path[name] ?? '1'));
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(values.query)) if (v !== undefined && v !== null) qs.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  if ([...qs].length) url += `?${qs.toString()}`;
  return url;
}

describe('input fuzz over every route of the OpenAPI document', () => {
  it('covers every route, each with a demo account its policy admits', () => {
    expect(routes.length).toBeGreaterThan(100);
    for (const r of routes) {
      expect(r.op['x-policy'], `${r.method} ${r.path}`).toBeDefined();
      if (r.op['x-policy'] !== 'public') expect(r.account, `${r.method} ${r.path} has no demo account`).toBeDefined();
    }
  });

  // Before the fuzz, which may disable demo accounts and spend rate limits.
  it('refuses an oversized body with 413', async () => {
    const res = await clients.get('county')!.post('/api/orgs', { parentId: 1, type: 'village', name: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });

  it('refuses a body of the wrong content type with 415', async () => {
    const res = await clients.get('county')!.request('POST', '/api/orgs', '<xml/>', { 'content-type': 'application/xml' });
    expect(res.statusCode).toBe(415);
  });

  it('answers schema-driven and hostile input on every route without a 5xx, errors as {code, message, requestId}', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const params = r.op.parameters ?? [];
      const group = (where: 'path' | 'query') =>
        fc.record(Object.fromEntries(params.filter((p) => p.in === where).map((p) => [p.name, p.required || where === 'path' ? arb(p.schema) : fc.option(arb(p.schema), { nil: undefined })])) as Record<string, fc.Arbitrary<unknown>>);
      const bodySchema = r.op.requestBody?.content?.['application/json']?.schema;
      const withBody = !['GET', 'HEAD', 'DELETE'].includes(r.method);
      const client = await clientFor(r);
      await fc.assert(
        fc.asyncProperty(group('path'), group('query'), withBody ? arb(bodySchema ?? { type: 'object' }) : fc.constant(undefined), async (path, query, body) => {
          const url = requestOf(r, { path, query, body });
          const res = await client.request(r.method as never, url, body as never);
          const where = `${r.method} ${url} ${JSON.stringify(body)?.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
          if (res.statusCode >= 500) failures.push(where);
          expect(res.statusCode, where).toBeLessThan(500);
          if (res.statusCode >= 400) {
            const err = res.json();
            expect(err, where).toMatchObject({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
            expect(res.body, where).not.toMatch(/at .*\.(ts|js):\d+/);
          }
        }),
        { numRuns: RUNS_PER_ROUTE, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
      );
    }
    expect(failures).toEqual([]);
  }, 300_000);

});
