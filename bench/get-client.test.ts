// The bench's lean load client counts what a request really got: every answer read whole
// (Content-Length and chunked bodies, answers without a body), statuses as sent, one answer per
// request — a client that miscounted would make every ratio in bench/README.md wrong.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, expect, test } from 'vitest';

type ClientResult = { ok: number; non2xx: number; errors: number; timeouts: number; statuses: Record<string, number>; latencies: number[]; bodyBytes: number };

let server: http.Server;
let base: string;
const served = { requests: 0, bodyBytes: 0, cookies: new Set<string>() };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    served.requests++;
    served.cookies.add(req.headers.cookie ?? '');
    const [, size, kind] = req.url!.split('/');
    const n = Number(size);
    if (kind === 'chunked') {
      // two writes without a length: Node sends them chunked
      res.write('x'.repeat(n));
      res.end('yz');
      served.bodyBytes += n + 2;
    } else if (kind === 'not-modified') {
      res.statusCode = 304;
      res.end();
    } else if (kind === 'missing') {
      res.statusCode = 404;
      res.setHeader('content-length', n);
      res.end('e'.repeat(n));
      served.bodyBytes += n;
    } else {
      res.setHeader('content-length', n);
      res.end('a'.repeat(n));
      served.bodyBytes += n;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function run(paths: string[], seconds: number): Promise<ClientResult> {
  const client = path.join(path.dirname(fileURLToPath(import.meta.url)), 'get-client.mjs');
  return new Promise((resolve, reject) => {
    const worker = new Worker(client, { workerData: { base, paths, headers: { cookie: 'lx_session=abc' }, connections: 4, seconds } });
    worker.once('message', (m: ClientResult) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

test('reads every answer whole, whatever its framing, and counts each request once', async () => {
  const r = await run(['/10/plain', '/70000/plain', '/5/chunked', '/100000/chunked', '/0/not-modified', '/300/missing'], 1);
  expect(r.errors + r.timeouts).toBe(0);
  // one answer counted per request the server answered, and exactly the bytes it sent
  expect(r.ok + r.non2xx).toBe(served.requests);
  expect(r.latencies).toHaveLength(served.requests);
  expect(r.bodyBytes).toBe(served.bodyBytes);
  expect(r.ok).toBeGreaterThan(60);
  // the six paths in turn: 304 and 404 are answers, but not 2xx
  expect(Object.keys(r.statuses).sort()).toEqual(['200', '304', '404']);
  expect(r.non2xx).toBe(r.statuses['304']! + r.statuses['404']!);
  expect([...served.cookies]).toEqual(['lx_session=abc']);
});
