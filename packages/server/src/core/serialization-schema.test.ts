// Answers are serialized from `serializationSchema(schema)` (core/http.ts): nullable unions become
// `nullable: true`, which fast-json-stringify tests for null instead of validating each branch. The
// bytes must not change: every schema the contract exports is serialized both ways, with every
// nullable place null and with every one holding a value, and the two texts compared.
import { describe, expect, it } from 'vitest';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import * as contract from '@lianxin/contract';
import { serializationSchema } from './http.js';

type S = Record<string, unknown>;
const compile = SerializerSelector()({}, {});
const serializer = (schema: unknown) => compile({ schema: schema as never, method: 'GET', url: '/', httpStatus: '200' });

/** A value of the schema: at a nullable place null (`nulls`) or a value. */
function sample(schema: S, nulls: boolean, depth = 0): unknown {
  if (depth > 12) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf as S[];
    const nullable = branches.some((b) => b.type === 'null');
    if (nullable && nulls) return null;
    return sample(branches.find((b) => b.type !== 'null') ?? branches[0]!, nulls, depth + 1);
  }
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries((schema.properties as Record<string, S> | undefined) ?? {})) out[k] = sample(v, nulls, depth + 1);
      return out;
    }
    case 'array':
      return schema.items ? [sample(schema.items as S, nulls, depth + 1), sample(schema.items as S, !nulls, depth + 1)] : [];
    case 'string': {
      if (schema.format === 'date') return '2026-02-03';
      if (schema.format === 'date-time') return '2026-02-03T04:05:06.000Z';
      // a pattern's example from a few shapes the contract uses (phones, codes, months, weeks, times)
      if (typeof schema.pattern === 'string') {
        const re = new RegExp(schema.pattern);
        return ['13800001234', '0919-1234567', 'LXABCDEFGH', '2026-02', '2026-W05', '08:30', '2026', 'abc', 'A1'].find((x) => re.test(x)) ?? 'x';
      }
      const text = '引号"与\\反斜杠'.repeat(4).slice(0, typeof schema.maxLength === 'number' ? schema.maxLength : 32);
      return typeof schema.minLength === 'number' ? text.padEnd(schema.minLength, '字') : text;
    }
    case 'integer':
    case 'number': {
      // a value within the schema's bounds (a year from 2000, a percentage to 100 …)
      const wanted = schema.type === 'integer' ? 7 : 1.5;
      const min = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : -Infinity;
      const max = typeof schema.maximum === 'number' ? schema.maximum : typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - 1 : Infinity;
      return Math.min(Math.max(wanted, min), max);
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'x';
  }
}

const schemas = Object.entries(contract).filter(([, v]) => !!v && typeof v === 'object' && ((v as S).type === 'object' || (v as S).type === 'array')) as [string, S][];

describe('the serializer compiles nullable unions as nullable, with the same bytes', () => {
  it('finds the contract\'s response schemas and nullable unions in them', () => {
    expect(schemas.length).toBeGreaterThan(200);
    const changed = schemas.filter(([, s]) => JSON.stringify(serializationSchema(s)) !== JSON.stringify(s));
    expect(changed.length).toBeGreaterThan(100);
    // the route's own schema (and so the OpenAPI document) is left as it was
    const page = contract.ProblemPage as unknown as S;
    const before = JSON.stringify(page);
    serializationSchema(page);
    expect(JSON.stringify(page)).toBe(before);
  });

  it('serializes every contract schema to the same text both ways, nulls and values', () => {
    let compared = 0;
    for (const [name, schema] of schemas) {
      const plain = serializer(schema);
      const fast = serializer(serializationSchema(schema));
      for (const nulls of [true, false]) {
        const value = sample(schema, nulls);
        const text = (f: (v: unknown) => string) => {
          try {
            return f(value);
          } catch (e) {
            return `threw: ${(e as Error).message}`;
          }
        };
        expect(text(fast), `${name} (${nulls ? 'nulls' : 'values'})`).toBe(text(plain));
        compared++;
      }
    }
    expect(compared).toBe(schemas.length * 2);
  });

  it('turns a union of one type and null into that type, nullable; leaves other unions alone', () => {
    const date = { type: 'string', format: 'date' };
    expect(serializationSchema({ anyOf: [date, { type: 'null' }] })).toEqual({ ...date, nullable: true });
    expect(serializationSchema({ anyOf: [{ type: 'null' }, { type: 'integer' }], description: 'd' })).toEqual({ type: 'integer', description: 'd', nullable: true });
    const literals = { anyOf: [{ const: 'a', type: 'string' }, { const: 'b', type: 'string' }] };
    expect(serializationSchema(literals)).toEqual(literals);
    const three = { anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] };
    expect(serializationSchema(three)).toEqual(three);
    const inner = { anyOf: [{ anyOf: [{ const: 'a', type: 'string' }, { const: 'b', type: 'string' }] }, { type: 'null' }] };
    expect(serializationSchema(inner)).toEqual(inner);
  });
});
