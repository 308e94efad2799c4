// A node killed with SIGKILL in the middle of a load of sign-ups loses nothing it acknowledged:
// every sign-up that got its 200 exists and every session it returned works, on the other node
// and on the killed node once restarted. (Durability is the database's; a node keeps nothing.)
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import {
  PASSWORD, TEST_CODE, assertEnvelope, createSignUp, decodeJwt, getToken, newClient, signInUser, uniqueEmail,
} from '../../support/flows.mjs';
import { SKIP, describe, mapLimit, sameBrowser, startCluster, until200ish, withLogs } from './cluster.mjs';

const SIGN_UPS = 50;
const KILL_AFTER = 25; // acknowledged sign-ups before the kill

nt.describe('SIGKILL of a node under load', () => {
  let cluster;
  nt.before(async () => {
    if (SKIP) return;
    cluster = await startCluster({ prefix: 'kill' });
  });
  nt.after(async () => cluster?.dispose());

  nt.it(`kill -9 node A during ${SIGN_UPS} concurrent sign-ups: every acknowledged one survives`, { skip: SKIP }, (t) => withLogs(cluster, async () => {
    const [a, b] = cluster.nodes;
    const acknowledged = [];
    let killed = false;
    let lost = 0;
    const killA = () => {
      if (killed) return;
      killed = true;
      process.kill(a.pid, 'SIGKILL');
    };

    await mapLimit(Array.from({ length: SIGN_UPS }), 10, async (_, i) => {
      if (killed) return; // the rest would only meet a dead node
      const client = newClient(a.url);
      const email = uniqueEmail(`mn-kill-${i}`);
      try {
        const created = assertEnvelope(await until200ish(() => createSignUp(client, email, PASSWORD)));
        const id = created.response.id;
        assertEnvelope(await client.post(`/v1/client/sign_ups/${id}/prepare_verification`, { strategy: 'email_code' }));
        const res = await client.post(`/v1/client/sign_ups/${id}/attempt_verification`, { strategy: 'email_code', code: TEST_CODE });
        if (res.status !== 200) throw new Error(`attempt_verification: ${describe(res)}`);
        assert.equal(res.json.response.status, 'complete', describe(res));
        acknowledged.push({ email, client, sessionId: res.json.response.created_session_id, userId: res.json.response.created_user_id });
        if (acknowledged.length >= KILL_AFTER) killA();
      } catch (e) {
        if (!killed) throw e;
        lost++; // in flight when A died: never acknowledged, may or may not exist
      }
    });
    assert.ok(killed, 'node A was never killed');
    t.diagnostic(`acknowledged ${acknowledged.length}, in flight at the kill ${lost}`);
    assert.ok(acknowledged.length >= KILL_AFTER);

    async function checkAll(node) {
      await mapLimit(acknowledged, 4, async (u) => {
        const browser = sameBrowser(u.client, node.url);
        const client = assertEnvelope(await browser.get('/v1/client')).response;
        const session = client?.sessions?.find((s) => s.id === u.sessionId);
        assert.ok(session && session.status === 'active', `${node.url} lost session ${u.sessionId}: ${JSON.stringify(client)}`);
        assert.equal(decodeJwt(await getToken(browser, u.sessionId)).payload.sub, u.userId);
        const signedIn = await until200ish(() => newClient(node.url).post('/v1/client/sign_ins', { identifier: u.email, password: PASSWORD }));
        assert.equal(signedIn.status, 200, `${node.url}: sign-in of ${u.email}: ${describe(signedIn)}`);
        assert.equal(signedIn.json.response.status, 'complete', describe(signedIn));
      });
    }
    await checkAll(b);
    await a.restart();
    await checkAll(a);
    // And a new sign-in on the restarted node still works as usual.
    await signInUser(newClient(a.url), acknowledged[0].email);
  }));
});
