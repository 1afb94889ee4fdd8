// One side of a benchmark key (HTTP or raw SQL) over a window, and the same side over several
// windows taken as one. The bench alternates the two sides in rounds (HTTP, raw, raw, HTTP, …) so
// that both see the same minutes of the machine: PostgreSQL's cost per statement moves by a third
// between minutes here (buffers, autovacuum, checkpoints), and a ratio of two windows taken one
// after the other carried that drift as ±15 points.

/**
 * CPU per answered request (µs), beside the ratio (which stays req/s ÷ op/s): `main` the main thread
 * (the app's event loop on the HTTP side; the pg client's loops on the raw side), `client` the load
 * client's worker thread (HTTP side only: it shares the two cores with the server), `other` the
 * process's remaining threads (GC helpers, libuv), `elsewhere` the machine outside this process
 * (PostgreSQL's backends, mostly), `softirq` the kernel's soft interrupts wherever they ran, and
 * `idleShare` the cores' idle share of the window. Undefined where /proc cannot be read.
 */
export type CpuPerRequest = { main: number; client: number; other: number; elsewhere?: number; idleShare?: number; softirq?: number };

export type Measure = {
  rps: number;
  p50: number;
  p99: number;
  count: number;
  errors: number;
  /** seconds the answers were counted over */
  elapsed: number;
  /** every answered request's latency in ms, sorted; absent where the client gives only percentiles (autocannon) */
  latencies?: number[];
  cpu?: CpuPerRequest;
};

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A mean of the defined values weighted by `w`, or undefined when none is defined. */
function weighted(values: (number | undefined)[], w: number[]): number | undefined {
  let sum = 0;
  let weight = 0;
  values.forEach((v, i) => {
    if (v === undefined) return;
    sum += v * w[i]!;
    weight += w[i]!;
  });
  return weight > 0 ? sum / weight : undefined;
}

/**
 * Several windows of one side as one: answers and errors add up over the time they took; the
 * percentiles come from every latency together (where a window has none, the windows' percentiles
 * weighted by their answers); CPU per request is weighted by each window's answers, the idle share
 * by its length.
 */
export function combine(parts: Measure[]): Measure {
  if (parts.length === 0) throw new Error('combine: no measure');
  if (parts.length === 1) return parts[0]!;
  const count = parts.reduce((n, m) => n + m.count, 0);
  const elapsed = parts.reduce((s, m) => s + m.elapsed, 0);
  const errors = parts.reduce((n, m) => n + m.errors, 0);
  const answers = parts.map((m) => m.count);
  let p50: number;
  let p99: number;
  let latencies: number[] | undefined;
  if (parts.every((m) => m.latencies)) {
    latencies = parts.flatMap((m) => m.latencies!).sort((a, b) => a - b);
    p50 = percentile(latencies, 50);
    p99 = percentile(latencies, 99);
  } else {
    p50 = weighted(parts.map((m) => m.p50), answers) ?? 0;
    p99 = weighted(parts.map((m) => m.p99), answers) ?? 0;
  }
  let cpu: CpuPerRequest | undefined;
  if (parts.every((m) => m.cpu)) {
    const of = (k: keyof CpuPerRequest) => weighted(parts.map((m) => m.cpu![k]), answers);
    const idleShare = weighted(parts.map((m) => m.cpu!.idleShare), parts.map((m) => m.elapsed));
    cpu = { main: of('main')!, client: of('client')!, other: of('other')! };
    const elsewhere = of('elsewhere');
    const softirq = of('softirq');
    if (elsewhere !== undefined) cpu.elsewhere = elsewhere;
    if (softirq !== undefined) cpu.softirq = softirq;
    if (idleShare !== undefined) cpu.idleShare = idleShare;
  }
  return { rps: elapsed > 0 ? count / elapsed : 0, p50, p99, count, errors, elapsed, ...(latencies ? { latencies } : {}), ...(cpu ? { cpu } : {}) };
}

/**
 * The order of the two sides in round `i` (from 0): HTTP first, then raw first, and so on, so a
 * drift over the rounds (a checkpoint, autovacuum waking) weighs on both sides alike.
 */
export const httpFirstIn = (i: number) => i % 2 === 0;
