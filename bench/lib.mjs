// Helpers for bench/bench.mjs: wrk (flows that repeat, and a list of one-shot requests such as
// TOTP attempts), a small open-loop HTTP load generator (latency per status under
// overload, which wrk cannot give), RSS of a process, percentiles.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Resident set size of a process in KiB: {rss, hwm} (VmHWM: the peak so far). */
export function rssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+)`, 'm'))?.[1] ?? NaN);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

// One keep-alive HTTP/1.1 connection that sends pre-serialised requests and reads just the
// status line and Content-Length of each answer: a fraction of node:http's cost per request, so
// the generator leaves more of a small machine's CPU to the server under test.
class RawConnection {
  constructor(host, port) {
    this.host = host;
    this.port = port;
    this.waiting = null;
    this.buffer = Buffer.alloc(0);
  }

  connect() {
    this.socket = net.connect(this.port, this.host);
    this.socket.setNoDelay(true);
    this.buffer = Buffer.alloc(0);
    this.socket.on('data', (chunk) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.parse();
    });
    const fail = () => {
      this.socket = null;
      this.settle(0);
    };
    this.socket.on('error', fail);
    this.socket.on('close', fail);
  }

  parse() {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const next = /\r\ntransfer-encoding:\s*chunked/i.test(head)
      ? this.chunkedEnd(end + 4)
      : end + 4 + Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (next < 0 || this.buffer.length < next) return;
    this.buffer = this.buffer.subarray(next);
    if (/\r\nconnection:\s*close/i.test(head)) {
      this.socket.removeAllListeners('close');
      this.socket.destroy();
      this.socket = null;
    }
    this.settle(Number(head.slice(9, 12)));
  }

  // Offset just past a chunked body that starts at `pos`, or -1 while it is incomplete.
  chunkedEnd(pos) {
    for (;;) {
      const lineEnd = this.buffer.indexOf('\r\n', pos);
      if (lineEnd < 0) return -1;
      const size = parseInt(this.buffer.subarray(pos, lineEnd).toString('latin1'), 16);
      if (size === 0) return this.buffer.length >= lineEnd + 4 ? lineEnd + 4 : -1;
      pos = lineEnd + 2 + size + 2;
      if (pos > this.buffer.length) return -1;
    }
  }

  settle(status) {
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.(status);
  }

  send(text) {
    if (!this.socket) this.connect();
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(text);
    });
  }

  close() {
    this.socket?.removeAllListeners('close');
    this.socket?.destroy();
  }
}

function serialise(req, host) {
  const body = req.body ?? '';
  let text = `${req.method} ${req.path} HTTP/1.1\r\nHost: ${host}\r\n`;
  for (const [k, v] of Object.entries(req.headers ?? {})) text += `${k}: ${v}\r\n`;
  return `${text}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

// Sends requests over up to `maxSockets` keep-alive connections (a request waits for a free one)
// and records each answer's latency by status, from the moment it was due.
function recorder(baseUrl, maxSockets) {
  const { hostname, port } = new URL(baseUrl);
  const host = new URL(baseUrl).host;
  const idle = [];
  const queue = [];
  const connections = [];
  const byStatus = {};
  const all = [];
  const start = performance.now();
  const acquire = () => {
    if (idle.length) return Promise.resolve(idle.pop());
    if (connections.length < maxSockets) {
      const c = new RawConnection(hostname, Number(port));
      connections.push(c);
      return Promise.resolve(c);
    }
    return new Promise((resolve) => queue.push(resolve));
  };
  const release = (c) => (queue.length ? queue.shift()(c) : idle.push(c));
  const send = async (req) => {
    const text = typeof req === 'string' ? req : serialise(req, host);
    const t0 = performance.now();
    const c = await acquire();
    const status = await c.send(text);
    release(c);
    const ms = performance.now() - t0;
    (byStatus[status] ??= []).push(ms);
    all.push(ms);
    return status;
  };
  const finish = () => {
    const elapsed = (performance.now() - start) / 1000;
    for (const c of connections) c.close();
    const statuses = {};
    for (const [s, list] of Object.entries(byStatus)) {
      list.sort((a, b) => a - b);
      statuses[s] = list.length;
    }
    all.sort((a, b) => a - b);
    return { requests: all.length, seconds: elapsed, rps: all.length / elapsed, statuses, latency: byStatus, all };
  };
  return { send, finish, start };
}

/**
 * Open loop: requests arrive at `rate` per second for `seconds`, whether or not earlier ones were
 * answered (as independent users do), on up to `maxSockets` connections. Unlike a closed loop
 * it offers a fixed load past saturation without the generator spinning on fast refusals.
 * Returns {requests, seconds, rps, statuses, latency: {status → sorted ms[]}, all: sorted ms[]}.
 */
export async function openLoop(baseUrl, { rate, seconds, next, maxSockets = 256 }) {
  const rec = recorder(baseUrl, maxSockets);
  const total = Math.floor(rate * seconds);
  const inFlight = [];
  for (let i = 0; i < total; i++) {
    const due = rec.start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    inFlight.push(rec.send(next(i)));
  }
  await Promise.all(inFlight);
  return rec.finish();
}

/**
 * How many wrk threads carry `connections`: at most `threads`, and a divisor of `connections`,
 * because wrk opens connections / threads (rounded down) on each thread: `-t 2 -c 3` would run
 * two connections, not three.
 */
export function wrkThreads(threads, connections) {
  let t = Math.max(1, Math.min(threads, connections));
  while (connections % t !== 0) t--;
  return t;
}

// Runs wrk with one of bench/wrk's scripts; returns its parsed "wrk-json" line.
function wrk({ url, threads, connections, seconds, script, env }) {
  const args = ['-t', String(wrkThreads(threads, connections)), '-c', String(connections), '-d', `${seconds}s`,
    '--timeout', '10s', '-s', new URL(`./wrk/${script}`, import.meta.url).pathname, url];
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { env: { ...process.env, ...env }, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`wrk failed: ${err.message}\n${stderr}`));
      const line = stdout.split('\n').find((l) => l.startsWith('wrk-json '));
      if (!line) return reject(new Error(`wrk printed no result:\n${stdout}\n${stderr}`));
      resolve(JSON.parse(line.slice('wrk-json '.length)));
    });
  });
}

/** Runs wrk with bench/wrk/flow.lua for `seconds`; returns the parsed "wrk-json" line. */
export async function runWrk({ url, threads = 2, connections, seconds, env }) {
  const j = await wrk({ url, threads, connections, seconds, script: 'flow.lua', env });
  j.rps = j.requests / (j.duration_us / 1e6);
  return j;
}

/**
 * Sends each of `requests` ({method, path, headers, body}) once with wrk (bench/wrk/requests.lua)
 * on `connections` keep-alive connections, each sending its next request as soon as the previous
 * answered, and ends when all are answered. Returns the "wrk-json" line with `seconds` (first
 * request to last answer) and `rps`. `file`: where the list is written.
 */
export async function runWrkList({ url, connections, requests, file, maxSeconds = 120 }) {
  const line = (r) => [r.method, r.path, r.body ?? '', ...Object.entries(r.headers ?? {}).map(([k, v]) => `${k}: ${v}`)];
  const lines = requests.map((r) => {
    const fields = line(r);
    if (fields.some((f) => /[\t\r\n]/.test(f))) throw new Error(`request not sendable as one line: ${r.path}`);
    return fields.join('\t');
  });
  writeFileSync(file, lines.join('\n') + '\n');
  const j = await wrk({ url, threads: 1, connections, seconds: maxSeconds, script: 'requests.lua', env: { BENCH_REQUESTS: file } });
  if (!(j.elapsed_us > 0)) throw new Error(`wrk did not get all ${requests.length} answers in ${maxSeconds} s: ${JSON.stringify(j)}`);
  j.seconds = j.elapsed_us / 1e6;
  j.rps = j.requests / j.seconds;
  return j;
}

/** Runs `worker(item)` over `items` with at most `limit` at once. */
export async function pool(items, limit, worker) {
  const results = new Array(items.length);
  let nextIndex = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (nextIndex < items.length) {
        const i = nextIndex++;
        results[i] = await worker(items[i], i);
      }
    }),
  );
  return results;
}
