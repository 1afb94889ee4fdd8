// Load client of the public submit scenario (a worker thread of bench/run.ts): citizens as a
// browser would — fetch the challenge, solve it, submit — each from its own address through the
// reverse proxy (X-Forwarded-For), `connections` at a time, for `seconds`. It speaks HTTP/1.1 over
// kept-alive sockets with node:http: the load generator shares the two cores with the server and
// the database, and fetch() cost it about three times as much CPU per request (the server then
// measured the client's limit, not its own).
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { base, units, connections, seconds, addresses, fixedAddress } = workerData;
const { hostname, port } = new URL(base);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const solve = (q) => {
  const m = /(\d+)\s*\+\s*(\d+)/.exec(q);
  return m ? String(Number(m[1]) + Number(m[2])) : '';
};

/** One request; answers its status and body text. */
function request(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, hostname, port, method, path, headers: body ? { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

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
      const ch = await request('GET', '/api/public/challenge', headers);
      if (ch.status !== 200) {
        statuses[`challenge ${ch.status}`] = (statuses[`challenge ${ch.status}`] ?? 0) + 1;
        continue;
      }
      const { token, question } = JSON.parse(ch.text);
      const res = await request('POST', '/api/public/requests', headers, JSON.stringify({
        unitId: units[i % units.length],
        name: '张群众',
        phone: `139${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}`,
        matter: '压测：家门口路灯损坏，请求维修',
        category: 'complaint',
        challengeToken: token,
        challengeAnswer: solve(question),
      }));
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status === 201) latencies.push(performance.now() - t);
    } catch {
      failures++;
    }
  }
}
await Promise.all(Array.from({ length: connections }, loop));
agent.destroy();
parentPort.postMessage({ statuses, failures, latencies, elapsed: (performance.now() - started) / 1000 });
