// Load client of the GET scenarios (a worker thread of bench/run.ts, `--client lean`, the default):
// `connections` kept-alive sockets, each sending one request and reading its whole answer before the
// next, for `seconds`. It speaks just enough HTTP/1.1 for that — the request bytes are built once, an
// answer's head is read for its status and length (Content-Length or chunked), its body is counted,
// not kept — because the load generator shares the two cores with the server and the database:
// autocannon (`--client autocannon`) parses every answer's headers into objects and costs the
// machine ≈ 0.5–0.7 of the raw side's whole Node work per request, CPU the raw side never pays.
// What it measures is the same: requests answered whole, each one's latency from its first byte
// written to its last byte read.
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const { base, paths, headers, connections, seconds, timeoutSeconds } = workerData;
const { hostname, port, host } = new URL(base);
const extra = Object.entries(headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`).join('');
const requests = paths.map((p) => Buffer.from(`GET ${p} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n${extra}\r\n`, 'latin1'));
const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

let n = 0;
let ok = 0;
let non2xx = 0;
let errors = 0;
let timeouts = 0;
let bodyBytes = 0;
const statuses = {};
const latencies = [];
const started = performance.now();
const end = started + seconds * 1000;

/** One connection's loop: answers when the run's time is up and its last request is answered (or given up). */
function connection() {
  return new Promise((resolve) => {
    let socket;
    let pending = null; // bytes read and not yet consumed
    let state = 'head'; // 'head' | 'body' (remaining bytes known) | 'chunk-size' | 'chunk-data' | 'chunk-end'
    let remaining = 0;
    let status = 0;
    let t0 = 0;
    let inFlight = false;
    let timer;

    const finish = () => {
      clearTimeout(timer);
      socket?.destroy();
      resolve();
    };
    const send = () => {
      if (performance.now() >= end) return finish();
      t0 = performance.now();
      inFlight = true;
      state = 'head';
      socket.write(requests[n++ % requests.length]);
    };
    const answered = () => {
      inFlight = false;
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) ok++;
      else non2xx++;
      send();
    };
    const open = () => {
      pending = null;
      socket = net.connect({ host: hostname, port: Number(port), noDelay: true });
      socket.on('connect', send);
      socket.on('data', (chunk) => {
        let buf = pending ? Buffer.concat([pending, chunk]) : chunk;
        pending = null;
        // one answer per request: a loop, because a read may end one answer's body and hold nothing else
        for (;;) {
          if (state === 'head') {
            const at = buf.indexOf(HEAD_END);
            if (at < 0) {
              pending = buf;
              return;
            }
            const head = buf.latin1Slice(0, at);
            status = Number(head.slice(9, 12));
            buf = buf.subarray(at + 4);
            const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
            if (length) {
              remaining = Number(length[1]);
              state = 'body';
            } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
              state = 'chunk-size';
            } else {
              remaining = 0; // 204, 304: no body
              state = 'body';
            }
          }
          if (state === 'body') {
            const take = Math.min(remaining, buf.length);
            remaining -= take;
            bodyBytes += take;
            buf = buf.subarray(take);
            if (remaining > 0) return;
            answered();
            if (buf.length === 0) return;
            continue;
          }
          if (state === 'chunk-size') {
            const at = buf.indexOf(CRLF);
            if (at < 0) {
              pending = buf;
              return;
            }
            remaining = parseInt(buf.latin1Slice(0, at), 16);
            buf = buf.subarray(at + 2);
            state = remaining === 0 ? 'chunk-end' : 'chunk-data';
          }
          if (state === 'chunk-data') {
            const take = Math.min(remaining, buf.length);
            remaining -= take;
            bodyBytes += take;
            buf = buf.subarray(take);
            if (remaining > 0) return;
            remaining = 2; // the CRLF after the chunk's data
            state = 'chunk-crlf';
          }
          if (state === 'chunk-crlf') {
            const take = Math.min(remaining, buf.length);
            remaining -= take;
            buf = buf.subarray(take);
            if (remaining > 0) return;
            state = 'chunk-size';
            continue;
          }
          if (state === 'chunk-end') {
            // no trailers: the last chunk is followed by one CRLF
            if (buf.length < 2) {
              pending = buf;
              return;
            }
            buf = buf.subarray(2);
            answered();
            if (buf.length === 0) return;
          }
        }
      });
      socket.on('error', () => {});
      socket.on('close', () => {
        if (inFlight) {
          inFlight = false;
          errors++;
        }
        if (performance.now() < end) open();
        else finish();
      });
    };
    open();
    // a request still unanswered this long after the run's end counts as a timeout
    timer = setTimeout(() => {
      if (inFlight) {
        inFlight = false;
        timeouts++;
      }
      finish();
    }, seconds * 1000 + (timeoutSeconds ?? 30) * 1000);
  });
}

await Promise.all(Array.from({ length: connections }, connection));
parentPort.postMessage({ ok, non2xx, errors, timeouts, statuses, latencies, bodyBytes, elapsed: (performance.now() - started) / 1000 });
