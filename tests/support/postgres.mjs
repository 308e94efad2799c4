// Throw-away PostgreSQL databases on the test cluster (scripts/pg-test-cluster), one per server
// or test so tests never see each other's rows. Uses the `psql` client (Debian's postgresql
// package), so no npm driver is needed.
//
//   const url = createDatabase(process.env.TESSERA_TEST_POSTGRES_URL, 'mn');  // postgres://…/mn_…
//   dropDatabase(url);
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';

const PSQL = existsSync('/usr/bin/psql') ? '/usr/bin/psql' : 'psql';

/** Runs one SQL statement with psql against `url`; returns stdout (unaligned, tuples only). */
export function psql(url, sql) {
  return execFileSync(PSQL, [url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `url` with its database name replaced (query string such as ?pool=N kept). */
export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates an empty database next to the one in `clusterUrl` and returns its URL. */
export function createDatabase(clusterUrl, prefix = 'tessera') {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  psql(withDatabase(clusterUrl, 'postgres'), `CREATE DATABASE "${name}"`);
  return withDatabase(clusterUrl, name);
}

/** Drops a database made by createDatabase (disconnecting whoever is still on it). */
export function dropDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  try {
    psql(withDatabase(url, 'postgres'), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } catch {
    /* the cluster may already be gone */
  }
}
