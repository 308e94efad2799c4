// Two nodes on one PostgreSQL: a browser moves between them freely, and everything that is
// counted (code attempts, lockout) is counted in the database, not in a node's memory.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import {
  PASSWORD, assertClerkError, assertEnvelope, getToken, latestOutboxCode, newClient,
  signInRequest, signInUser, signUpUser, uniqueEmail, createSignUp, decodeJwt,
} from '../../support/flows.mjs';
import {
  SKIP, describe, mapLimit, sameBrowser, startCluster, until200ish, withLogs, withinCacheWindow,
} from './cluster.mjs';

nt.describe('two nodes, one PostgreSQL', () => {
  let cluster;
  let a;
  let b;
  nt.before(async () => {
    if (SKIP) return;
    cluster = await startCluster({ prefix: 'flows' });
    [a, b] = cluster.nodes;
  });
  nt.after(async () => cluster?.dispose());

  nt.it('sign up and sign in on A; refresh the token and sign out on B', { skip: SKIP }, () => withLogs(cluster, async () => {
    const onA = newClient(a.url);
    const email = uniqueEmail('mn-flow');
    const signedUp = await signUpUser(onA, email);

    // The same browser on node B sees the session A created and gets tokens for it.
    const onB = sameBrowser(onA, b.url);
    const client = assertEnvelope(await onB.get('/v1/client'));
    assert.ok(client.response.sessions.some((s) => s.id === signedUp.sessionId), describe({ status: 200, text: JSON.stringify(client) }));
    const fromB = decodeJwt(await getToken(onB, signedUp.sessionId));
    assert.equal(fromB.payload.sid, signedUp.sessionId);
    assert.equal(fromB.payload.sub, signedUp.userId);

    // Sign out on B, then sign in again on A. A may have the client cached (it served nothing of
    // it yet here, but see below): what B changed reaches it within the cache window.
    assertEnvelope(await onB.delete('/v1/client/sessions'));
    const afterSignOut = await withinCacheWindow(
      () => onA.post(`/v1/client/sessions/${signedUp.sessionId}/tokens`, {}), (res) => res.status !== 200);
    assert.ok(afterSignOut.done, `A still mints for a session B ended: ${describe(afterSignOut.res)}`);

    const signedIn = await signInUser(onA, email);
    assert.notEqual(signedIn.sessionId, signedUp.sessionId);

    // Refresh on both (both now cache the client), sign out on B: B refuses at once, A as soon
    // as B's announcement reaches it.
    const jwt = await getToken(onB, signedIn.sessionId);
    assert.equal(decodeJwt(jwt).payload.sid, signedIn.sessionId);
    await getToken(onA, signedIn.sessionId);
    assertEnvelope(await onB.post(`/v1/client/sessions/${signedIn.sessionId}/end`, {}));
    const onBAtOnce = await onB.post(`/v1/client/sessions/${signedIn.sessionId}/tokens`, {});
    assert.notEqual(onBAtOnce.status, 200, `B mints for a session it ended: ${describe(onBAtOnce)}`);
    const onAInTime = await withinCacheWindow(
      () => onA.post(`/v1/client/sessions/${signedIn.sessionId}/tokens`, {}), (res) => res.status !== 200);
    assert.ok(onAInTime.done, `A mints for an ended session: ${describe(onAInTime.res)}`);
    const after = assertEnvelope(await onA.get('/v1/client'));
    const ended = after.response.sessions.find((s) => s.id === signedIn.sessionId);
    assert.ok(!ended || ended.status !== 'active', `session still active on A: ${JSON.stringify(after.response)}`);
  }));

  nt.it("a change on one node reaches the other's cached client within the cache window", { skip: SKIP }, (t) => withLogs(cluster, async () => {
    const onA = newClient(a.url);
    const signedUp = await signUpUser(onA, uniqueEmail('mn-cache'));
    const onB = sameBrowser(onA, b.url);
    const firstName = async () => assertEnvelope(await onB.get('/v1/client')).response.sessions[0].user.first_name;
    await firstName();
    await firstName();  // served from B's cache now, if it caches
    const q = { _clerk_session_id: signedUp.sessionId };
    assertEnvelope(await onA.patch('/v1/me', { first_name: 'Changed' }, q));
    const seen = await withinCacheWindow(firstName, (name) => name === 'Changed');
    assert.ok(seen.done, `B still shows the old name after ${seen.ms} ms`);
    t.diagnostic(`B saw the change after ${seen.ms} ms`);
  }));

  nt.it('3 tries per email code, counted across both nodes (sequential and parallel)', { skip: SKIP }, () => withLogs(cluster, async () => {
    for (const parallel of [false, true]) {
      const email = uniqueEmail(`mn-code-${parallel ? 'par' : 'seq'}`, { test: false });
      const onA = newClient(a.url);
      const su = assertEnvelope(await until200ish(() => createSignUp(onA, email, PASSWORD))).response;
      assertEnvelope(await onA.post(`/v1/client/sign_ups/${su.id}/prepare_verification`, { strategy: 'email_code' }));
      const code = await latestOutboxCode(a.url, email); // the outbox is per node: A sent it
      const wrong = code === '000000' ? '111111' : '000000';
      const onB = sameBrowser(onA, b.url);
      const attempt = (c, node) => node.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code', code: c });

      let responses;
      if (!parallel) {
        responses = [];
        for (const node of [onA, onB, onA]) responses.push(await attempt(wrong, node));
        assertClerkError(responses[0], { code: 'form_code_incorrect' });
        assertClerkError(responses[1], { code: 'form_code_incorrect' });
        assertClerkError(responses[2], { code: 'verification_failed' });
      } else {
        responses = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(wrong, i % 2 ? onB : onA)));
        for (const r of responses) assert.ok(r.status >= 400 && r.status < 500, describe(r));
        const incorrect = responses.filter((r) => r.json?.errors?.[0]?.code === 'form_code_incorrect').length;
        assert.ok(incorrect <= 2, `${incorrect} wrong guesses were judged, only 2 may be: ${responses.map((r) => r.json?.errors?.[0]?.code).join(',')}`);
      }
      // The right code no longer helps, on either node.
      for (const node of [onB, onA]) {
        const res = await attempt(code, node);
        assert.notEqual(res.status, 200, `correct code accepted after 3 failures: ${describe(res)}`);
      }
    }
  }));

  nt.it('lockout: 10 failures spread over both nodes lock the account everywhere', { skip: SKIP }, () => withLogs(cluster, async () => {
    const email = uniqueEmail('mn-lock');
    await signUpUser(newClient(a.url), email);
    // 5 failures on each node: neither node alone has seen 10.
    for (let i = 0; i < 10; i++) {
      const node = i % 2 ? b : a;
      const res = await until200ish(() => signInRequest(newClient(node.url), email, 'wrong password 12345'));
      assertClerkError(res, { code: 'form_password_incorrect' });
    }
    for (const node of [a, b]) {
      const res = await until200ish(() => signInRequest(newClient(node.url), email, PASSWORD));
      assertClerkError(res, { status: 403, code: 'user_locked' });
    }
  }));

  nt.it('parallel sign-ups of one email on both nodes: exactly one user', { skip: SKIP }, () => withLogs(cluster, async () => {
    const email = uniqueEmail('mn-dup');
    const results = await mapLimit(Array.from({ length: 6 }), 6, async (_, i) => {
      const c = newClient((i % 2 ? b : a).url);
      try {
        return (await signUpUser(c, email)).userId;
      } catch (e) {
        return `error: ${e.message.split('\n')[0]}`;
      }
    });
    const users = new Set(results.filter((r) => r.startsWith('user_')));
    assert.ok(users.size <= 1, `several users for one email: ${results.join(' | ')}`);
    // Whoever won, the email signs in on both nodes as the same user.
    const onA = await signInUser(newClient(a.url), email);
    const onB = await signInUser(newClient(b.url), email);
    assert.equal(onA.session.user.id, onB.session.user.id);
  }));
});
