// Helpers for the multi-node tests: several `tessera serve` processes sharing one PostgreSQL
// database made fresh for each test file on the test cluster ($TESSERA_TEST_POSTGRES_URL, from
// `eval "$(scripts/pg-test-cluster start)"`). Without that variable every test skips.
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { startServer, attachLogs } from '../../support/server.mjs';
import { createDatabase, dropDatabase } from '../../support/postgres.mjs';
import { BASE_SETS, newClient, sleep } from '../../support/flows.mjs';
import { TOTP_STEP_MS, totpCode } from '../../support/mfa_flows.mjs';
import { FapiClient, describe } from '../../support/fapi_client.mjs';

export const PG_URL = process.env.TESSERA_TEST_POSTGRES_URL || '';
/** node:test `skip` option: a reason when there is no PostgreSQL test cluster. */
export const SKIP = PG_URL
  ? false
  : 'TESSERA_TEST_POSTGRES_URL is not set (eval "$(scripts/pg-test-cluster start)")';

/**
 * Starts `count` nodes at once (so they also race to migrate the empty database) on a fresh
 * database, with one explicit instance key, as docs/deploy.md asks of a real deployment.
 * @returns {{database, instanceKey, sets, nodes, dispose, logs}}
 */
export async function startCluster({ count = 2, sets = {}, prefix = 'mn' } = {}) {
  const database = createDatabase(PG_URL, prefix);
  const instanceKey = randomBytes(32).toString('base64');
  const all = { ...BASE_SETS, 'security.instance_key': instanceKey, ...sets };
  const started = await Promise.allSettled(
    Array.from({ length: count }, () => startServer({ sets: all, database })),
  );
  const nodes = started.filter((r) => r.status === 'fulfilled').map((r) => r.value);
  const failed = started.find((r) => r.status === 'rejected');
  const cluster = {
    database,
    instanceKey,
    sets: all,
    nodes,
    async dispose() {
      if (process.env.TESSERA_SHOW_LOGS) for (const n of nodes) process.stderr.write(n.logs());
      await Promise.all(nodes.map((n) => n.dispose()));
      dropDatabase(database);
    },
    /** The tail of every node's log, for failure messages. */
    logs(tail = 4000) {
      return nodes.map((n, i) => `--- node ${i} (${n.url}) ---\n${n.logs().slice(-tail)}`).join('\n');
    },
  };
  if (failed) {
    await cluster.dispose();
    throw failed.reason;
  }
  return cluster;
}

/** Runs `fn`, appending every node's log to a failure. */
export async function withLogs(cluster, fn) {
  try {
    return await fn();
  } catch (err) {
    if (err && typeof err === 'object' && !err.__tesseraLogs) {
      err.message = `${err.message}\n${cluster.logs()}`;
      err.__tesseraLogs = true;
    }
    throw err;
  }
}
export { attachLogs };

/** A client for `url` that shares `client`'s cookie jar: the same browser on another node. */
export function sameBrowser(client, url) {
  const other = newClient(url);
  other.jar = client.jar;
  return other;
}

/** Calls `fn` until its response is not 429 (a node's hashing queue was full). */
export async function until200ish(fn, { tries = 200 } = {}) {
  for (let i = 0; ; i++) {
    const res = await fn();
    if (res.status !== 429 || i >= tries) return res;
    await sleep(50 + Math.random() * 150);
  }
}

/**
 * How long another node's client cache may still show what was just changed on this one
 * (docs/deploy.md, "Client cache": a node trusts its cache for 2 s after its own ping returns;
 * normally the change arrives within milliseconds). Some slack for a loaded machine.
 */
export const CACHE_WINDOW_MS = 2500;

/** Calls `fn` until `done(response)` holds or CACHE_WINDOW_MS pass: {res, ms, done}. */
export async function withinCacheWindow(fn, done) {
  const start = Date.now();
  for (;;) {
    const res = await fn();
    const ok = done(res);
    const ms = Date.now() - start;
    if (ok || ms > CACHE_WINDOW_MS) return { res, ms, done: ok };
    await sleep(10);
  }
}

/** Maps `items` through async `fn` with at most `limit` in flight. */
export async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** RFC 6238 code for time step `step` (30 s steps since the epoch). */
export const totp = (secret, step) => totpCode(secret, step * TOTP_STEP_MS);

export const currentStep = () => Math.floor(Date.now() / TOTP_STEP_MS);

export { describe, FapiClient };
