// Single-use secrets on two nodes: 100 parallel uses of one backup code, and of one TOTP code,
// spread over node A and node B, let exactly one sign-in through. The database decides.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import {
  PASSWORD, assertEnvelope, newClient, signInRequest, signUpUser, uniqueEmail,
} from '../../support/flows.mjs';
import {
  SKIP, currentStep, describe, mapLimit, startCluster, totp, until200ish, withLogs,
} from './cluster.mjs';

const PARALLEL = 100;

nt.describe('single-use codes across two nodes', () => {
  let cluster;
  let a;
  let b;
  nt.before(async () => {
    if (SKIP) return;
    // Failed uses of the spent code must not lock the account before all are answered.
    cluster = await startCluster({ prefix: 'races', sets: { 'limits.lockout_attempts': '1000' } });
    [a, b] = cluster.nodes;
  });
  nt.after(async () => cluster?.dispose());

  /** A user with TOTP (and so backup codes); returns { email, secret, backupCodes, step }. */
  async function mfaUser(tag) {
    const c = newClient(a.url);
    const email = uniqueEmail(tag);
    await signUpUser(c, email);
    const created = assertEnvelope(await c.post('/v1/me/totp', {}));
    const { secret } = created.response;
    assert.match(secret, /^[A-Z2-7]+=*$/, describe({ status: 200, text: JSON.stringify(created) }));
    const step = currentStep();
    const verified = assertEnvelope(await c.post('/v1/me/totp/attempt_verification', { code: totp(secret, step) }));
    const backupCodes = verified.response.backup_codes;
    assert.ok(Array.isArray(backupCodes) && backupCodes.length > 0, JSON.stringify(verified.response));
    return { email, secret, backupCodes, step };
  }

  /** PARALLEL clients, each with a sign-in waiting for its second factor; half on each node. */
  async function pendingSignIns(email) {
    return mapLimit(Array.from({ length: PARALLEL }), 6, async (_, i) => {
      const c = newClient((i % 2 ? b : a).url);
      const j = assertEnvelope(await until200ish(() => signInRequest(c, email, PASSWORD)));
      assert.equal(j.response.status, 'needs_second_factor', JSON.stringify(j.response));
      return { client: c, signInId: j.response.id };
    });
  }

  /** Fires every attempt at once (429s from a full hashing queue are retried) and tallies. */
  async function race(signIns, strategy, code) {
    const responses = await Promise.all(
      signIns.map(({ client, signInId }) =>
        until200ish(() => client.post(`/v1/client/sign_ins/${signInId}/attempt_second_factor`, { strategy, code }))),
    );
    const ok = responses.filter((r) => r.status === 200);
    const codes = {};
    for (const r of responses) {
      const key = r.status === 200 ? `200 ${r.json?.response?.status}` : `${r.status} ${r.json?.errors?.[0]?.code}`;
      codes[key] = (codes[key] ?? 0) + 1;
    }
    const summary = JSON.stringify(codes);
    for (const r of responses) assert.ok(r.status < 500 && r.status !== 429, `${summary}: ${describe(r)}`);
    assert.equal(ok.length, 1, `exactly one use must succeed: ${summary}`);
    assert.equal(ok[0].json.response.status, 'complete', summary);
    return { codes, winner: ok[0] };
  }

  nt.it(`${PARALLEL} parallel uses of one backup code on A and B: exactly one succeeds`, { skip: SKIP }, (t) => withLogs(cluster, async () => {
    const user = await mfaUser('mn-backup');
    const signIns = await pendingSignIns(user.email);
    t.diagnostic(JSON.stringify((await race(signIns, 'backup_code', user.backupCodes[0])).codes));
    // Another, unused code still works, on either node.
    const late = newClient(b.url);
    const j = assertEnvelope(await until200ish(() => signInRequest(late, user.email, PASSWORD)));
    const done = assertEnvelope(await until200ish(() => late.post(`/v1/client/sign_ins/${j.response.id}/attempt_second_factor`, { strategy: 'backup_code', code: user.backupCodes[1] })));
    assert.equal(done.response.status, 'complete');
  }));

  nt.it(`${PARALLEL} parallel uses of one TOTP code on A and B: exactly one succeeds`, { skip: SKIP }, (t) => withLogs(cluster, async () => {
    const user = await mfaUser('mn-totp');
    const signIns = await pendingSignIns(user.email);
    // A step after the enrolment's (which is spent) and inside the ±1 window for the whole race.
    const step = Math.max(currentStep(), user.step + 1);
    assert.ok(step <= currentStep() + 1, 'sign-ins took too long for the TOTP window');
    t.diagnostic(JSON.stringify((await race(signIns, 'totp', totp(user.secret, step))).codes));
  }));
});
