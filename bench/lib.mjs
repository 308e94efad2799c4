// Helpers for bench/bench.mjs: small closed- and open-loop HTTP load generators (for flows wrk
// cannot drive: one-shot TOTP attempts, and latency per status under overload), RFC 6238 codes, wrk,
// RSS of a process, percentiles.
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 (SHA-1, 6 digits, 30 s) code of a base32 secret at unix time `seconds`. */
export function totp(secretBase32, seconds) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

/** Resident set size of a process in KiB: {rss, hwm} (VmHWM: the peak so far). */
export function rssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+)`, 'm'))?.[1] ?? NaN);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

// Sends requests over a keep-alive agent and records each answer's latency by status.
function recorder(baseUrl, maxSockets) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const byStatus = {};
  const all = [];
  const start = performance.now();
  const send = (req) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const done = (status) => {
        const ms = performance.now() - t0;
        (byStatus[status] ??= []).push(ms);
        all.push(ms);
        resolve(status);
      };
      const r = http.request(
        { host: hostname, port, method: req.method, path: req.path, headers: req.headers, agent },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => done(res.statusCode));
        },
      );
      r.on('error', () => done(0));
      r.end(req.body);
    });
  const finish = () => {
    const elapsed = (performance.now() - start) / 1000;
    agent.destroy();
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
 * Closed loop: `concurrency` keep-alive connections, each sending its next request as soon as the
 * previous answered, until `count` requests were sent or `seconds` passed.
 * `next(i)` returns {method, path, headers, body} or null (nothing left).
 * Returns {requests, seconds, rps, statuses, latency: {status → sorted ms[]}, all: sorted ms[]}.
 */
export async function closedLoop(baseUrl, { concurrency, count = Infinity, seconds = Infinity, next }) {
  const rec = recorder(baseUrl, concurrency);
  const deadline = rec.start + seconds * 1000;
  let issued = 0;
  const worker = async () => {
    while (issued < count && performance.now() < deadline) {
      const req = next(issued++);
      if (!req) return;
      await rec.send(req);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return rec.finish();
}

/**
 * Open loop: requests arrive at `rate` per second for `seconds`, whether or not earlier ones were
 * answered (as independent users do), on up to `maxSockets` connections. Unlike a closed loop
 * it offers a fixed load past saturation without the generator spinning on fast refusals.
 * Same result shape as closedLoop.
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

/** Runs wrk with bench/wrk/flow.lua; returns the parsed "wrk-json" line. */
export function runWrk({ url, threads = 2, connections, seconds, env }) {
  const script = new URL('./wrk/flow.lua', import.meta.url).pathname;
  const args = ['-t', String(Math.min(threads, connections)), '-c', String(connections), '-d', `${seconds}s`,
    '--timeout', '10s', '-s', script, url];
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { env: { ...process.env, ...env }, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`wrk failed: ${err.message}\n${stderr}`));
      const line = stdout.split('\n').find((l) => l.startsWith('wrk-json '));
      if (!line) return reject(new Error(`wrk printed no result:\n${stdout}\n${stderr}`));
      const j = JSON.parse(line.slice('wrk-json '.length));
      j.rps = j.requests / (j.duration_us / 1e6);
      resolve(j);
    });
  });
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
