// Client Trust over the FAPI (protocol §7.5, issue 4): a password sign-in by a user without MFA
// from a client that never completed a sign-in for them → needs_client_trust, confirmed with an
// emailed code (prepare/attempt_second_factor strategy=email_code); the client is then trusted.
// Sign-up trusts its client; MFA takes precedence (needs_second_factor); auth.client_trust=false
// turns it off.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { useServer } from '../support/server.mjs';
import { describe as show } from '../support/fapi_client.mjs';
import {
  BASE_SETS, PASSWORD, newClient, assertEnvelope, assertClerkError, signUpUser, signInRequest, signInUser,
  uniqueEmail, latestOutboxCode, readOutbox, getToken, decodeJwt,
} from '../support/flows.mjs';

/** POST /__dev/clock advance_ms=N → the server's now (ms). */
async function advanceClock(url, ms) {
  const res = await fetch(`${url}/__dev/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `advance_ms=${ms}`,
  });
  const text = await res.text();
  assert.equal(res.status, 200, `POST /__dev/clock: ${res.status} ${text}`);
  return JSON.parse(text).now;
}

/** A signed-up user (real email: codes go to the dev outbox), signed out of the sign-up client. */
async function newUser(url, prefix) {
  const home = newClient(url);
  const u = await signUpUser(home, uniqueEmail(prefix, { test: false }));
  assertEnvelope(await home.delete('/v1/client/sessions'));
  return { ...u, home };
}

/** Password sign-in expected to stop at needs_client_trust; checks the wire shape. */
async function expectClientTrust(c, user) {
  const j = assertEnvelope(await signInRequest(c, user.email, PASSWORD));
  const si = j.response;
  assert.equal(si.status, 'needs_client_trust', JSON.stringify(si));
  assert.equal(si.created_session_id, null);
  assert.equal(si.first_factor_verification?.status, 'verified', JSON.stringify(si.first_factor_verification));
  assert.ok(['new', 'pending'].includes(si.client_trust_state), `client_trust_state ${si.client_trust_state}`);
  assert.ok(Array.isArray(si.supported_second_factors), JSON.stringify(si));
  assert.equal(si.supported_second_factors.length, 1, JSON.stringify(si.supported_second_factors));
  const f = si.supported_second_factors[0];
  assert.equal(f.strategy, 'email_code');
  assert.match(f.email_address_id ?? '', /^idn_/, JSON.stringify(f));
  assert.equal(typeof f.safe_identifier, 'string');
  assert.notEqual(f.safe_identifier, user.email, 'safe_identifier is masked');
  assert.match(f.safe_identifier, /\*/, `masked: ${f.safe_identifier}`);
  assert.ok(f.safe_identifier.endsWith('@example.com'), `keeps the domain: ${f.safe_identifier}`);
  assert.ok(!si.supported_second_factors.some((x) => ['totp', 'backup_code', 'phone_code'].includes(x.strategy)));
  assert.equal(j.client.sign_in?.id, si.id, 'the client carries the sign-in');
  assert.equal(j.client.sessions.filter((s) => s.status === 'active').length, 0, 'no session yet');
  return { si, emailAddressId: f.email_address_id };
}

nt.describe('client trust on', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.client_trust': 'true', 'dev.clock_control': 'true' } });

  srv.test('an email-code sign-in on a new client completes (Client Trust is for passwords only) and trusts it', async () => {
    const user = await newUser(srv.url, 'trust-code');
    const c = newClient(srv.url);
    const si = assertEnvelope(await c.post('/v1/client/sign_ins', { identifier: user.email })).response;
    const factor = si.supported_first_factors.find((f) => f.strategy === 'email_code');
    assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/prepare_first_factor`,
      { strategy: 'email_code', email_address_id: factor.email_address_id }));
    const code = await latestOutboxCode(srv.url, user.email);
    const done = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/attempt_first_factor`, { strategy: 'email_code', code }));
    assert.equal(done.response.status, 'complete', JSON.stringify(done.response));
    // The client is now known: a password sign-in there completes at once.
    assertEnvelope(await c.delete('/v1/client/sessions'));
    await signInUser(c, user.email);
  });

  srv.test('new client → needs_client_trust → email_code prepare/attempt → complete; the same client is then trusted', async () => {
    const user = await newUser(srv.url, 'trust');
    const c = newClient(srv.url);
    const { si, emailAddressId } = await expectClientTrust(c, user);

    // clerk-js signIn.mfa.sendEmailCode(): email_address_id + strategy=email_code.
    const before = (await readOutbox(srv.url, user.email)).length;
    const prep = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/prepare_second_factor`,
      { strategy: 'email_code', email_address_id: emailAddressId }));
    assert.equal(prep.response.status, 'needs_client_trust');
    const v = prep.response.second_factor_verification;
    assert.equal(v?.status, 'unverified', JSON.stringify(v));
    assert.equal(v.strategy, 'email_code');
    assert.ok(v.expire_at > Date.now() - 60_000, `expire_at ${v.expire_at}`);
    const msgs = await readOutbox(srv.url, user.email);
    assert.equal(msgs.length, before + 1, 'one email sent');
    const code = await latestOutboxCode(srv.url, user.email);

    // A wrong code → 422 form_code_incorrect; the right one completes.
    const wrong = code === '000000' ? '111111' : '000000';
    assertClerkError(await c.post(`/v1/client/sign_ins/${si.id}/attempt_second_factor`, { strategy: 'email_code', code: wrong }),
      { status: 422, code: 'form_code_incorrect', param: 'code' });
    const done = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/attempt_second_factor`, { strategy: 'email_code', code }));
    assert.equal(done.response.status, 'complete', JSON.stringify(done.response));
    assert.equal(done.response.second_factor_verification?.status, 'verified');
    assert.equal(done.response.client_trust_state, 'known');
    const session = done.client.sessions.find((s) => s.id === done.response.created_session_id);
    assert.ok(session, 'session in the piggybacked client');
    assert.equal(session.status, 'active');
    assert.equal(session.user.id, user.userId);
    assert.equal(decodeJwt(await getToken(c, session.id)).payload.sub, user.userId);

    // Same client again: complete directly, nothing emailed.
    assertEnvelope(await c.delete('/v1/client/sessions'));
    const n = (await readOutbox(srv.url, user.email)).length;
    await signInUser(c, user.email);
    assert.equal((await readOutbox(srv.url, user.email)).length, n, 'no code for a trusted client');
  });

  srv.test('sign-up trusts its client: signing in there again completes directly', async () => {
    const user = await newUser(srv.url, 'home');
    await signInUser(user.home, user.email);
  });

  srv.test('trust is per user: a client trusted for one user is new for another', async () => {
    const a = await newUser(srv.url, 'pera');
    const b = await newUser(srv.url, 'perb');
    // b's sign-up client is trusted for b only.
    await expectClientTrust(b.home, a);
  });

  srv.test('a client that only started (never finished) a trusted sign-in is still new', async () => {
    const user = await newUser(srv.url, 'unfinished');
    const c = newClient(srv.url);
    await expectClientTrust(c, user);
    // Start over without confirming: still needs client trust.
    await expectClientTrust(c, user);
  });

  srv.test('3 wrong email codes → verification_failed; the right code then fails; a new code works', async () => {
    const user = await newUser(srv.url, 'tries');
    const c = newClient(srv.url);
    const { si, emailAddressId } = await expectClientTrust(c, user);
    const prepare = () => c.post(`/v1/client/sign_ins/${si.id}/prepare_second_factor`, { strategy: 'email_code', email_address_id: emailAddressId });
    const attempt = (code) => c.post(`/v1/client/sign_ins/${si.id}/attempt_second_factor`, { strategy: 'email_code', code });
    assertEnvelope(await prepare());
    const code = await latestOutboxCode(srv.url, user.email);
    const wrong = code === '999999' ? '999998' : '999999';
    assertClerkError(await attempt(wrong), { status: 422, code: 'form_code_incorrect', param: 'code' });
    assertClerkError(await attempt(wrong), { status: 422, code: 'form_code_incorrect', param: 'code' });
    assertClerkError(await attempt(wrong), { status: 400, code: 'verification_failed' });
    assertClerkError(await attempt(code), { status: 400, code: 'verification_failed' });

    await advanceClock(srv.url, 31_000); // past the resend cooldown
    assertEnvelope(await prepare());
    const fresh = await latestOutboxCode(srv.url, user.email);
    const done = assertEnvelope(await attempt(fresh));
    assert.equal(done.response.status, 'complete', JSON.stringify(done.response));
  });

  srv.test('attempt before any code was sent → 4xx, and other strategies are refused', async () => {
    const user = await newUser(srv.url, 'nosend');
    const c = newClient(srv.url);
    const { si } = await expectClientTrust(c, user);
    const early = await c.post(`/v1/client/sign_ins/${si.id}/attempt_second_factor`, { strategy: 'email_code', code: '123456' });
    assert.ok(early.status >= 400 && early.status < 500, show(early));
    const totp = await c.post(`/v1/client/sign_ins/${si.id}/attempt_second_factor`, { strategy: 'totp', code: '123456' });
    assertClerkError(totp, { code: 'strategy_for_user_invalid' });
    assert.ok(totp.status >= 400 && totp.status < 500, show(totp));
    const cl = assertEnvelope(await c.get('/v1/client')).response;
    assert.equal((cl?.sessions ?? []).length, 0, 'no session');
  });

  srv.test('a user WITH MFA gets needs_second_factor (not needs_client_trust) on a new client', async () => {
    const user = await newUser(srv.url, 'mfa');
    // Turn TOTP on through /v1/me on the (trusted) sign-up client.
    const s = await signInUser(user.home, user.email);
    const q = { _clerk_session_id: s.sessionId };
    const totp = assertEnvelope(await user.home.post('/v1/me/totp', {}, q)).response;
    const now = await advanceClock(srv.url, 0);
    const code = execFileSync('oathtool', ['--totp', '-b', `--now=@${Math.floor(now / 1000)}`, totp.secret], { encoding: 'utf8' }).trim();
    assert.equal(assertEnvelope(await user.home.post('/v1/me/totp/attempt_verification', { code }, q)).response.verified, true);

    const c = newClient(srv.url);
    const si = assertEnvelope(await signInRequest(c, user.email, PASSWORD)).response;
    assert.equal(si.status, 'needs_second_factor', JSON.stringify(si));
    const strategies = si.supported_second_factors.map((f) => f.strategy);
    assert.ok(strategies.includes('totp'), JSON.stringify(strategies));
    assert.ok(!strategies.includes('email_code'), `no client-trust email factor: ${JSON.stringify(strategies)}`);
    const bad = await c.post(`/v1/client/sign_ins/${si.id}/prepare_second_factor`, { strategy: 'email_code' });
    assert.ok(bad.status >= 400 && bad.status < 500, `email_code is not a second factor here: ${show(bad)}`);
  });
});

nt.describe('client trust off (auth.client_trust=false)', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.client_trust': 'false' } });

  srv.test('a user without MFA on a new client → complete at once, nothing emailed', async () => {
    const user = await newUser(srv.url, 'off');
    const n = (await readOutbox(srv.url, user.email)).length;
    const { signIn } = await signInUser(newClient(srv.url), user.email);
    assert.notEqual(signIn.status, 'needs_client_trust');
    assert.equal((await readOutbox(srv.url, user.email)).length, n);
  });
});
