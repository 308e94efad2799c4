// Starts a real `tessera serve` process for black-box tests.
//
//   const srv = await startServer({ sets: { 'dev.test_mode': 'true' } });
//   ... fetch(srv.url + '/v1/environment') ...
//   await srv.stop();
//
// Binary: $TESSERA_BIN or <repo>/build/tessera. Config: <repo>/tessera.dev.toml
// (override with $TESSERA_CONFIG). The process runs with cwd = repo root.
// Database: a fresh SQLite file in a temp dir, or, when $TESSERA_TEST_DATABASE_URL is set (a
// postgres:// URL, e.g. from scripts/pg-test-cluster), a fresh database created on that cluster
// and dropped by dispose(). An explicit `database` option wins over both.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, dropDatabase } from './postgres.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TESSERA_BIN = process.env.TESSERA_BIN || path.join(REPO_ROOT, 'build', 'tessera');
export const TESSERA_CONFIG = process.env.TESSERA_CONFIG || path.join(REPO_ROOT, 'tessera.dev.toml');

const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
const MAX_LOG_BYTES = 1 << 20;

/** Ask the OS for a free TCP port on 127.0.0.1 (listen on 0, close, reuse the number). */
export async function freePort() {
  return await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {object}  [opts]
 * @param {Record<string,string|number|boolean>} [opts.sets]  extra `--set key=value` pairs
 * @param {string}  [opts.database]  database URL (default: fresh sqlite file in a temp dir)
 * @param {Record<string,string>} [opts.env]  extra environment variables
 * @param {string[]} [opts.args]  extra raw CLI args
 * @param {number}  [opts.port]  fixed port (default: a free one)
 */
export async function startServer({ sets = {}, database, env = {}, args = [], port } = {}) {
  if (!existsSync(TESSERA_BIN)) {
    throw new Error(`tessera binary not found at ${TESSERA_BIN} (build it or set TESSERA_BIN)`);
  }
  port = port ?? (await freePort());
  let tmpDir = null;
  let dbPath = null;
  let ownDatabase = null;
  if (!database && process.env.TESSERA_TEST_DATABASE_URL) {
    database = ownDatabase = createDatabase(process.env.TESSERA_TEST_DATABASE_URL, 'it');
  } else if (!database) {
    tmpDir = mkdtempSync(path.join(tmpdir(), 'tessera-it-'));
    dbPath = path.join(tmpDir, 't.db');
    database = `sqlite://${dbPath}`;
  } else if (database.startsWith('sqlite://')) {
    dbPath = database.slice('sqlite://'.length);
  }
  const url = `http://127.0.0.1:${port}`;

  let logBuf = '';
  const append = (chunk) => {
    logBuf += chunk.toString();
    if (logBuf.length > MAX_LOG_BYTES) logBuf = logBuf.slice(-MAX_LOG_BYTES);
  };

  let child = null;
  let exitPromise = null;

  const argv = () => {
    // Contract: --config tessera.dev.toml. If that file is absent (early in development) the
    // server runs on its built-in defaults, which the --set overrides below adjust.
    const config = existsSync(TESSERA_CONFIG) ? ['--config', TESSERA_CONFIG] : [];
    const a = ['serve', ...config, '--port', String(port), '--database', database,
      '--set', `server.public_url=${url}`];
    for (const [k, v] of Object.entries(sets)) a.push('--set', `${k}=${v}`);
    return a.concat(args);
  };

  async function launch() {
    append(`\n[harness] spawn ${TESSERA_BIN} ${argv().join(' ')}\n`);
    child = spawn(TESSERA_BIN, argv(), {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    let exited = null;
    exitPromise = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        exited = { code, signal };
        append(`[harness] exited code=${code} signal=${signal}\n`);
        resolve(exited);
      });
      child.on('error', (err) => {
        append(`[harness] spawn error: ${err.message}\n`);
        exited = { code: -1, signal: null };
        resolve(exited);
      });
    });

    const deadline = Date.now() + READY_TIMEOUT_MS;
    let lastErr = '';
    while (Date.now() < deadline) {
      if (exited) {
        throw new Error(`tessera exited before becoming ready (code=${exited.code} signal=${exited.signal})\n--- log ---\n${logBuf}`);
      }
      try {
        const res = await fetch(`${url}/v1/environment`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer().catch(() => {});
        if (res.status === 200) return;
        lastErr = `status ${res.status}`;
      } catch (e) {
        lastErr = e.cause?.code || e.message;
      }
      await sleep(100);
    }
    await killChild();
    throw new Error(`tessera not ready within ${READY_TIMEOUT_MS} ms (last: ${lastErr})\n--- log ---\n${logBuf}`);
  }

  async function killChild() {
    if (!child) return;
    const c = child;
    const ep = exitPromise;
    child = null;
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGTERM');
      // Cleared on exit: a pending timer would keep the test process alive for STOP_TIMEOUT_MS.
      let timer;
      const timeout = new Promise((r) => { timer = setTimeout(() => r('timeout'), STOP_TIMEOUT_MS); });
      const r = await Promise.race([ep, timeout]);
      clearTimeout(timer);
      if (r === 'timeout') {
        append('[harness] SIGTERM timed out, sending SIGKILL\n');
        c.kill('SIGKILL');
        await ep;
      }
    } else {
      await ep;
    }
  }

  try {
    await launch();
  } catch (err) {
    if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
    throw err;
  }

  const handle = {
    url,
    port,
    dbPath,
    database,
    /** Stop the server (SIGTERM, awaited). Returns the exit info. */
    async stop() {
      const ep = exitPromise;
      await killChild();
      return ep ? await ep : null;
    },
    /** Stop and start again on the same port and database. */
    async restart() {
      await killChild();
      await launch();
      return handle;
    },
    /** Stop and delete the temp dir (if we made one). */
    async dispose() {
      await killChild();
      if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
      if (ownDatabase) dropDatabase(ownDatabase);
    },
    logs() {
      return logBuf;
    },
    get pid() {
      return child?.pid ?? null;
    },
  };
  return handle;
}

/**
 * node:test helper: start a server in before(), dispose in after().
 *
 *   import * as nt from 'node:test';
 *   const srv = useServer(nt, { sets: { 'dev.test_mode': 'true' } });
 *   srv.test('does X', async () => { ... srv.url ... });
 *
 * `srv.test` is node:test's `test` with the tail of the server log appended to the
 * failure message, so a failing assertion shows what the server printed.
 */
export function useServer(nt, opts = {}) {
  let current = null;
  let starting = null;
  // Hooks registered at file level may run in any order relative to ours, so every entry
  // point awaits the same start promise.
  const ready = () => {
    starting ??= startServer(opts).then((s) => (current = s));
    return starting;
  };
  nt.before(ready);
  nt.after(async () => {
    if (starting) await starting.catch(() => {});
    if (!current) return;
    if (process.env.TESSERA_SHOW_LOGS) process.stderr.write(current.logs());
    await current.dispose();
  });
  const wrap = (fn) => async (...a) => {
    await ready();
    try {
      return await fn(...a);
    } catch (err) {
      attachLogs(err, current);
      throw err;
    }
  };
  const extra = {
    test: (name, optsOrFn, maybeFn) =>
      typeof optsOrFn === 'function' ? nt.test(name, wrap(optsOrFn)) : nt.test(name, optsOrFn, wrap(maybeFn)),
    ready,
    get server() { return current; },
  };
  return new Proxy(extra, {
    get(target, k) {
      if (k in target) return target[k];
      if (!current) throw new Error('server not started yet');
      const v = current[k];
      return typeof v === 'function' ? v.bind(current) : v;
    },
  });
}

/** Append the tail of a server's log to an error's message (for failure diagnostics). */
export function attachLogs(err, server, tail = 6000) {
  if (!server || !err || typeof err !== 'object' || err.__tesseraLogs) return err;
  try {
    const log = server.logs();
    err.message = `${err.message}\n--- tessera log (tail) ---\n${log.slice(-tail)}`;
    err.__tesseraLogs = true;
  } catch { /* ignore */ }
  return err;
}
