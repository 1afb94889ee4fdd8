// The bench's ratios are req/s ÷ op/s of two sides measured in alternating rounds; combining the
// rounds wrongly (averaging rates instead of adding answers over time, percentiles of one round)
// would print a ratio neither side ran at.
import { expect, test } from 'vitest';
import { combine, httpFirstIn, type Measure } from './measure.js';

const window = (count: number, elapsed: number, latencies: number[], cpu?: Measure['cpu']): Measure => ({
  rps: count / elapsed, p50: 0, p99: 0, count, errors: 0, elapsed, latencies: [...latencies].sort((a, b) => a - b), ...(cpu ? { cpu } : {}),
});

test('adds the answers over the time they took, not the rates', () => {
  // 1,000 answers in 1 s and 1,000 in 3 s: 500 a second over the 4 s (the mean of the rates would say 667)
  const m = combine([window(1000, 1, []), window(1000, 3, [])]);
  expect(m.count).toBe(2000);
  expect(m.elapsed).toBe(4);
  expect(m.rps).toBe(500);
});

test('takes the percentiles from every latency together', () => {
  const fast = Array.from({ length: 98 }, () => 1);
  const slow = [50, 60];
  const m = combine([window(98, 1, fast), window(2, 1, slow)]);
  expect(m.latencies).toHaveLength(100);
  expect(m.p50).toBe(1);
  expect(m.p99).toBe(60);
});

test('weighs percentiles by answers where a window has no latencies (autocannon)', () => {
  const a: Measure = { rps: 300, p50: 10, p99: 40, count: 300, errors: 1, elapsed: 1 };
  const b: Measure = { rps: 100, p50: 30, p99: 80, count: 100, errors: 2, elapsed: 1 };
  const m = combine([a, b]);
  expect(m).toMatchObject({ count: 400, errors: 3, rps: 200, p50: 15, p99: 50 });
  expect(m.latencies).toBeUndefined();
});

test('weighs CPU per request by answers and the idle share by time', () => {
  const m = combine([
    window(300, 1, [], { main: 100, client: 10, other: 0, elsewhere: 1000, softirq: 20, idleShare: 0.1 }),
    window(100, 3, [], { main: 500, client: 30, other: 40, elsewhere: 2000, softirq: 60, idleShare: 0.3 }),
  ]);
  expect(m.cpu).toEqual({ main: 200, client: 15, other: 10, elsewhere: 1250, softirq: 30, idleShare: expect.closeTo(0.25, 9) });
});

test('leaves one window as it is, and refuses none', () => {
  const one = window(10, 1, [3, 1, 2]);
  expect(combine([one])).toBe(one);
  expect(() => combine([])).toThrow();
});

test('alternates which side goes first', () => {
  expect([0, 1, 2, 3].map(httpFirstIn)).toEqual([true, false, true, false]);
});
