// Load client of the public submit scenario (a worker thread of bench/run.ts): citizens as a
// browser would — fetch the challenge, solve it, submit — each from its own address through the
// reverse proxy (X-Forwarded-For), `connections` at a time, for `seconds`.
import { parentPort, workerData } from 'node:worker_threads';

const { base, units, connections, seconds, addresses, fixedAddress } = workerData;
const solve = (q) => {
  const m = /(\d+)\s*\+\s*(\d+)/.exec(q);
  return m ? String(Number(m[1]) + Number(m[2])) : '';
};
let n = 0;
const statuses = {};
const latencies = [];
let failures = 0;
const end = performance.now() + seconds * 1000;
const started = performance.now();
async function loop() {
  while (performance.now() < end) {
    const i = n++;
    const ip = fixedAddress ?? `10.${(i % addresses) >> 16 & 255}.${((i % addresses) >> 8) & 255}.${(i % addresses) & 255}`;
    const headers = { 'x-forwarded-for': ip };
    const t = performance.now();
    try {
      const ch = await fetch(`${base}/api/public/challenge`, { headers });
      if (ch.status !== 200) {
        statuses[`challenge ${ch.status}`] = (statuses[`challenge ${ch.status}`] ?? 0) + 1;
        await ch.arrayBuffer();
        continue;
      }
      const { token, question } = await ch.json();
      const res = await fetch(`${base}/api/public/requests`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          unitId: units[i % units.length],
          name: '张群众',
          phone: `139${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}`,
          matter: '压测：家门口路灯损坏，请求维修',
          category: 'complaint',
          challengeToken: token,
          challengeAnswer: solve(question),
        }),
      });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status === 201) latencies.push(performance.now() - t);
    } catch {
      failures++;
    }
  }
}
await Promise.all(Array.from({ length: connections }, loop));
parentPort.postMessage({ statuses, failures, latencies, elapsed: (performance.now() - started) / 1000 });
