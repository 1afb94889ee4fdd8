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
};

type Reading = { at: number; main: number; process: number; threads: Map<number, number> };

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
    return { at: performance.now(), main, process: (used.user + used.system) * 1000, threads: new Map(threads) };
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
      return { seconds: (end.at - start.at) / 1000, mainNs, newThreadsNs, otherNs: Math.max(0, end.process - start.process - mainNs - newThreadsNs) };
    },
  };
}
