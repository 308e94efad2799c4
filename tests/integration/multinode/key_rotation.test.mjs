// `tessera keys rotate` against the shared PostgreSQL while two nodes run: both publish old and
// new key, switch to the new key without a restart, and tokens signed by either key verify with
// the official @clerk/backend through the JWKS of either node.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { verifyToken } from '@clerk/backend';
import { TESSERA_BIN, TESSERA_CONFIG, REPO_ROOT } from '../../support/server.mjs';
import { decodeJwt, fetchJwks, getToken, newClient, signUpUser, sleep, uniqueEmail } from '../../support/flows.mjs';
import { SKIP, sameBrowser, startCluster, withLogs } from './cluster.mjs';

const REFRESH_SECONDS = 1;

async function verifyVia(node, jwt) {
  try {
    return await verifyToken(jwt, { secretKey: 'sk_test_tessera_multinode', apiUrl: node.url, skipJwksCache: true });
  } catch (e) {
    assert.fail(`verifyToken via ${node.url} threw: ${e.reason ?? ''} ${e.message}`);
  }
}

const kidsOf = async (node) => (await fetchJwks(node.url)).keys.map((k) => k.kid);

nt.describe('signing key rotation across nodes', () => {
  let cluster;
  nt.before(async () => {
    if (SKIP) return;
    cluster = await startCluster({
      prefix: 'keys',
      sets: { 'security.signing_key_refresh_seconds': String(REFRESH_SECONDS) },
    });
  });
  nt.after(async () => cluster?.dispose());

  nt.it('keys rotate while both nodes run: overlap in the JWKS, new kid signs, old tokens verify', { skip: SKIP }, () => withLogs(cluster, async () => {
    const [a, b] = cluster.nodes;
    const onA = newClient(a.url);
    const user = await signUpUser(onA, uniqueEmail('mn-keys'));
    const onB = sameBrowser(onA, b.url);
    const before = await getToken(onA, user.sessionId);
    const oldKid = decodeJwt(before).header.kid;
    assert.equal(decodeJwt(await getToken(onB, user.sessionId)).header.kid, oldKid, 'both nodes sign with one key');
    assert.deepEqual(await kidsOf(a), [oldKid]);

    const { stdout } = await promisify(execFile)(TESSERA_BIN, [
      'keys', 'rotate', '--config', TESSERA_CONFIG, '--database', cluster.database,
      '--set', `security.instance_key=${cluster.instanceKey}`,
      '--set', `security.signing_key_refresh_seconds=${REFRESH_SECONDS}`,
    ], { cwd: REPO_ROOT });
    const newKid = stdout.match(/new signing key (\S+)/)?.[1];
    assert.ok(newKid && newKid !== oldKid, `keys rotate printed: ${stdout}`);

    // Within a few refresh intervals both nodes sign with the new key. Whenever a token carries
    // the new kid, both nodes' JWKS already publish it (a key signs only once published).
    const deadline = Date.now() + 10_000 * REFRESH_SECONDS;
    const switched = new Set();
    while (switched.size < 2) {
      assert.ok(Date.now() < deadline, `nodes still sign with ${oldKid} (switched: ${[...switched]})`);
      for (const [name, client] of [['A', onA], ['B', onB]]) {
        const jwt = await getToken(client, user.sessionId);
        const kid = decodeJwt(jwt).header.kid;
        assert.ok(kid === oldKid || kid === newKid, `unknown kid ${kid}`);
        if (kid !== newKid) continue;
        switched.add(name);
        for (const node of [a, b]) assert.ok((await kidsOf(node)).includes(newKid), `${name} signs with ${newKid} before ${node.url} publishes it`);
      }
      await sleep(200);
    }
    for (const node of [a, b]) assert.deepEqual(await kidsOf(node), [newKid, oldKid], `${node.url} publishes new and old`);

    const after = await getToken(onB, user.sessionId);
    assert.equal(decodeJwt(after).header.kid, newKid);
    for (const node of [a, b]) {
      for (const jwt of [before, after]) {
        const payload = await verifyVia(node, jwt);
        assert.equal(payload.sub, user.userId);
        assert.equal(payload.sid, user.sessionId);
      }
    }

    // A node restarted after the rotation signs with the new key at once and still publishes both.
    await a.restart();
    assert.equal(decodeJwt(await getToken(onA, user.sessionId)).header.kid, newKid);
    assert.deepEqual(await kidsOf(a), [newKid, oldKid]);
  }));
});
