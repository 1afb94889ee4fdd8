// CPU time of this process's threads, read from Linux's /proc (`schedstat`: nanoseconds on a CPU),
// so the bench can say how much of the two cores each side of a measurement used: the server's main
// thread, autocannon's worker thread (the load client shares the machine with the server on the HTTP
// side only), and the rest of the process (V8's GC helpers, libuv's pool). Elsewhere than Linux
// every figure is undefined and the report leaves the columns empty.
import fs from 'node:fs';

const TASKS = '/proc/self/task';

/** Nanoseconds a thread of this process has run, or undefined (no such thread, or no /proc). */
export function threadCpuNs(tid: number): number | undefined {
  try {
    return Number(fs.readFileSync(`${TASKS}/${tid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}

function threadIds(): number[] {
  try {
    return fs.readdirSync(TASKS).map(Number);
  } catch {
    return [];
  }
}

export type CpuSplit = {
  /** Seconds the split covers (from the end of the skipped start to stop()). */
  seconds: number;
  /** The main thread (the app's event loop on the HTTP side, the pg client's on the raw side). */
  mainNs: number;
  /** Threads started after watchCpu was called: autocannon's worker on the HTTP side. */
  newThreadsNs: number;
  /** The process's other threads (GC helpers, libuv pool), from process.cpuUsage minus the two above. */
  otherNs: number;
  /**
   * The whole machine over the same window (/proc/stat, every core): the CPU time spent outside this
   * process (PostgreSQL's backends, the kernel's softirqs, other services) and the time every core sat
   * idle. Idle time under load says the side was not held back by the CPU but by something serial.
   */
  elsewhereNs?: number;
  idleNs?: number;
  /** Of the machine's busy time, what the kernel spent in soft interrupts (loopback TCP, mostly), in any process. */
  softirqNs?: number;
};

type Reading = { at: number; main: number; process: number; threads: Map<number, number>; machine?: { busy: number; idle: number; softirq: number } };

const NS_PER_TICK = 1e9 / 100; // USER_HZ is 100 on Linux

/**
 * The machine's CPU time since boot from the text of /proc/stat (its first line sums every core):
 * busy (user, nice, system, irq, softirq), idle (idle, iowait) and the soft interrupts alone, in
 * nanoseconds. Steal (the hypervisor running another guest) is neither: this machine did no work then.
 * Guest time is already inside user. Undefined for text that is not /proc/stat's.
 */
export function parseProcStat(text: string): { busy: number; idle: number; softirq: number } | undefined {
  const line = text.split('\n', 1)[0]!.trim();
  if (!/^cpu\s/.test(line)) return undefined;
  const ticks = line.split(/\s+/).slice(1, 8).map(Number);
  if (ticks.length < 7 || ticks.some((x) => !Number.isFinite(x))) return undefined;
  const [user, nice, system, idle, iowait, irq, softirq] = ticks as [number, number, number, number, number, number, number];
  return { busy: (user + nice + system + irq + softirq) * NS_PER_TICK, idle: (idle + iowait) * NS_PER_TICK, softirq: softirq * NS_PER_TICK };
}

/** parseProcStat of this machine now, or undefined where there is no /proc/stat. */
export function machineCpuNs(): { busy: number; idle: number; softirq: number } | undefined {
  try {
    return parseProcStat(fs.readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Starts watching the main thread, the whole process, and every thread that appears from now on
 * (sampled every `everyMs` ms: a worker's thread is gone by the time its result arrives, so at most
 * the last interval of its work is missed — it then counts under `otherNs`). The split starts
 * `skipMs` after the call, so a load client's start-up (a new worker thread loading its modules
 * while the server waits) is not charged to the requests. `stop()` answers undefined where /proc
 * cannot be read.
 */
export function watchCpu(skipMs = 0, everyMs = 200): { stop(): CpuSplit | undefined } {
  const before = new Set(threadIds());
  const threads = new Map<number, number>();
  const sampleThreads = () => {
    for (const tid of threadIds()) {
      if (before.has(tid)) continue;
      const ns = threadCpuNs(tid);
      if (ns !== undefined) threads.set(tid, ns);
    }
  };
  const read = (): Reading | undefined => {
    const main = threadCpuNs(process.pid);
    if (main === undefined) return undefined;
    const used = process.cpuUsage();
    return { at: performance.now(), main, process: (used.user + used.system) * 1000, threads: new Map(threads), machine: machineCpuNs() };
  };
  let start = skipMs > 0 ? undefined : read();
  const skip = skipMs > 0 ? setTimeout(() => (sampleThreads(), (start = read())), skipMs) : undefined;
  const timer = setInterval(sampleThreads, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      clearTimeout(skip);
      sampleThreads();
      const end = read();
      if (!start || !end) return undefined;
      const mainNs = end.main - start.main;
      let newThreadsNs = 0;
      for (const [tid, ns] of end.threads) newThreadsNs += ns - (start.threads.get(tid) ?? 0);
      const processNs = end.process - start.process;
      const machine =
        end.machine && start.machine
          ? {
              elsewhereNs: Math.max(0, end.machine.busy - start.machine.busy - processNs),
              idleNs: end.machine.idle - start.machine.idle,
              softirqNs: end.machine.softirq - start.machine.softirq,
            }
          : {};
      return { seconds: (end.at - start.at) / 1000, mainNs, newThreadsNs, otherNs: Math.max(0, processNs - mainNs - newThreadsNs), ...machine };
    },
  };
}
