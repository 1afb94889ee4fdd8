// The bench splits each side's CPU into this process's threads and the rest of the machine; the
// rest is read from /proc/stat. A misread column (idle counted as busy, steal as work) would put
// a wrong "进程外" and "空闲" beside every ratio in bench/README.md.
import fs from 'node:fs';
import { expect, test } from 'vitest';
import { parseProcStat, watchCpu } from './thread-cpu.js';

const TICK_NS = 1e7; // USER_HZ 100

test('reads busy, idle and soft interrupts from the first line of /proc/stat', () => {
  // user nice system idle iowait irq softirq steal guest guest_nice
  const text = 'cpu  8598 2 5763 23481 348 5 235 900 0 0\ncpu0 3967 0 2474 12646 27 0 72 0 0 0\nintr 1 2 3\n';
  expect(parseProcStat(text)).toEqual({
    busy: (8598 + 2 + 5763 + 5 + 235) * TICK_NS,
    idle: (23481 + 348) * TICK_NS,
    softirq: 235 * TICK_NS,
  });
});

test('refuses text that is not /proc/stat', () => {
  expect(parseProcStat('')).toBeUndefined();
  expect(parseProcStat('cpu0 1 2 3 4 5 6 7')).toBeUndefined();
  expect(parseProcStat('cpu  1 2 three 4 5 6 7')).toBeUndefined();
  expect(parseProcStat('cpu  1 2 3')).toBeUndefined();
});

test.runIf(fs.existsSync('/proc/stat') && fs.existsSync('/proc/self/task'))('a split on Linux places the main thread inside the machine and leaves the idle time of every core', () => {
  const split = watchCpu();
  const until = performance.now() + 150;
  let x = 0;
  while (performance.now() < until) x += Math.sqrt(x + 1);
  const result = split.stop()!;
  expect(x).toBeGreaterThan(0);
  expect(result.mainNs).toBeGreaterThan(50e6);
  // the machine's busy time covers this process's (elsewhere is what is left, never negative) and
  // the idle time of the window fits in its cores (ticks are 10 ms: one tick of slack per core)
  expect(result.elsewhereNs).toBeGreaterThanOrEqual(0);
  expect(result.idleNs).toBeGreaterThanOrEqual(0);
  expect(result.idleNs!).toBeLessThanOrEqual((result.seconds * 1e9 + 2 * TICK_NS) * (fs.readFileSync('/proc/stat', 'utf8').match(/^cpu\d+ /gm)?.length ?? 1));
});
