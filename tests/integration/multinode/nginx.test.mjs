// Two nodes behind nginx, run with the committed deploy/nginx/tessera.conf (ports replaced): a
// cookie client signs up, signs in, gets a token and signs out through the load balancer while
// round-robin spreads its requests over both nodes; the nodes trust nginx's X-Forwarded-For
// (server.trusted_proxies) so the per-IP rate limits count the real client, not nginx.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, freePort } from '../../support/server.mjs';
import {
  assertEnvelope, decodeJwt, getToken, newClient, signInUser, signUpUser, sleep, uniqueEmail,
} from '../../support/flows.mjs';
import { SKIP, describe, startCluster, withLogs } from './cluster.mjs';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const skip = SKIP || (!NGINX && 'nginx is not installed (scripts/install-deps; package nginx)');

/** The committed config with our ports: node A and B upstream, nginx on `port`. */
export function runtimeConfig(nodePorts, port) {
  let conf = readFileSync(path.join(REPO_ROOT, 'deploy/nginx/tessera.conf'), 'utf8');
  const servers = [...conf.matchAll(/^\s*server 127\.0\.0\.1:\d+/gm)];
  assert.equal(servers.length, nodePorts.length, 'deploy/nginx/tessera.conf: one upstream server per node');
  let i = 0;
  conf = conf.replace(/^(\s*server 127\.0\.0\.1:)\d+/gm, (_, head) => `${head}${nodePorts[i++]}`);
  assert.match(conf, /^\s*listen 8080;/m);
  return conf.replace(/^(\s*)listen 8080;/m, `$1listen 127.0.0.1:${port};`);
}

async function startNginx(nodePorts) {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-nginx-'));
  chmodSync(dir, 0o755); // nginx workers run as nobody when the master is root
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, runtimeConfig(nodePorts, port));
  execFileSync(NGINX, ['-t', '-q', '-p', dir, '-c', conf], { stdio: 'pipe' });
  let log = '';
  const child = spawn(NGINX, ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${url}/v1/environment`);
      break;
    } catch {
      if (i > 100 || child.exitCode !== null) throw new Error(`nginx did not start: ${log}`);
      await sleep(50);
    }
  }
  return {
    url,
    accessLog: () => readFileSync(path.join(dir, 'access.log'), 'utf8'),
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

nt.describe('two nodes behind nginx', () => {
  let cluster;
  let nginx;
  let nginxPort;
  nt.before(async () => {
    if (skip) return;
    nginxPort = await freePort();
    // Every node has the public URL of the load balancer and trusts it as a proxy.
    cluster = await startCluster({
      prefix: 'nginx',
      sets: {
        'server.public_url': `http://127.0.0.1:${nginxPort}`,
        'server.trusted_proxies': '127.0.0.1',
        'limits.rate_limits': 'true',
      },
    });
    nginx = await startNginx(cluster.nodes.map((n) => n.port));
  });
  nt.after(async () => {
    await nginx?.stop();
    await cluster?.dispose();
  });

  nt.it('sign-up → sign-in → token → sign-out through nginx, served by both nodes', { skip }, () => withLogs(cluster, async () => {
    const c = newClient(nginx.url);
    const email = uniqueEmail('mn-nginx');
    const up = await signUpUser(c, email);
    assertEnvelope(await c.delete('/v1/client/sessions'));
    const inn = await signInUser(c, email);
    assert.equal(inn.session.user.id, up.userId);
    for (let i = 0; i < 4; i++) {
      const jwt = await getToken(c, inn.sessionId);
      const { payload } = decodeJwt(jwt);
      assert.equal(payload.sid, inn.sessionId);
      assert.equal(payload.iss, `http://127.0.0.1:${nginxPort}`, 'every node issues as the load balancer');
    }
    assertEnvelope(await c.post(`/v1/client/sessions/${inn.sessionId}/end`, {}));
    for (let i = 0; i < 2; i++) {
      const res = await c.post(`/v1/client/sessions/${inn.sessionId}/tokens`, {});
      assert.notEqual(res.status, 200, `token after sign-out: ${describe(res)}`);
    }
    const log = nginx.accessLog();
    for (const node of cluster.nodes) {
      const served = log.split('\n').filter((l) => l.includes(`upstream=127.0.0.1:${node.port}`)).length;
      assert.ok(served > 0, `node ${node.url} served nothing:\n${log}`);
    }
  }));

  nt.it('per-IP limits count the client from X-Forwarded-For, not nginx', { skip }, () => withLogs(cluster, async () => {
    const create = (ip) => fetch(`${nginx.url}/v1/client/sign_ins`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': ip },
      body: new URLSearchParams({ identifier: 'nobody+clerk_test@example.com' }),
    }).then(async (r) => (await r.arrayBuffer(), r.status));
    // 12 clients behind one nginx: each has its own budget (5 per 10 s per node).
    const distinct = await Promise.all(Array.from({ length: 12 }, (_, i) => create(`203.0.113.${i + 1}`)));
    assert.ok(!distinct.includes(429), `distinct clients were limited together: ${distinct}`);
    // One client sending 12: over two nodes it gets at most 2 × 5.
    const same = [];
    for (let i = 0; i < 12; i++) same.push(await create('198.51.100.7'));
    assert.ok(same.filter((s) => s === 429).length >= 2, `one client was not limited: ${same}`);
  }));
});
