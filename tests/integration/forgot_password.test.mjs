// Forgot password over the FAPI (Clerk's reset_password_email_code): an identified sign-in lists
// the factor; prepare_first_factor emails a code; the right code → needs_new_password;
// POST /v1/client/sign_ins/{id}/reset_password sets a new one (held to the password policy) and
// completes the sign-in, or stops at needs_second_factor for a user with MFA. Clerk's legacy flow
// too: create with the strategy sends the code, and attempt_first_factor takes code and password.
// The real SDK runs the Core 3 guide's page in tests/e2e/nextjs.test.mjs.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../support/server.mjs';
import {
  BASE_SETS, PASSWORD, newClient, assertEnvelope, assertOk, assertClerkError, signUpUser, signInRequest, uniqueEmail,
  latestOutboxCode, readOutbox, readNotices,
} from '../support/flows.mjs';
import { enrollTotp, me } from '../support/mfa_flows.mjs';

const STRATEGY = 'reset_password_email_code';
const NEW_PASSWORD = 'a brand new passphrase';

/** A user with a real address (codes go to the dev outbox), signed out of their sign-up client. */
async function newUser(url, prefix = 'forgot') {
  const home = newClient(url);
  const u = await signUpUser(home, uniqueEmail(prefix, { test: false }));
  assertEnvelope(await home.delete('/v1/client/sessions'));
  return { ...u, home };
}

async function identify(c, email) {
  return assertEnvelope(await c.post('/v1/client/sign_ins', { identifier: email })).response;
}

/** Identifies, emails the reset code and enters it: the sign-in then needs a new password. */
async function verifiedReset(url, c, email) {
  const si = await identify(c, email);
  const factor = si.supported_first_factors.find((f) => f.strategy === STRATEGY);
  assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/prepare_first_factor`, {
    strategy: STRATEGY, email_address_id: factor.email_address_id,
  }));
  const code = await latestOutboxCode(url, email);
  const j = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/attempt_first_factor`, { strategy: STRATEGY, code }));
  assert.equal(j.response.status, 'needs_new_password', JSON.stringify(j.response));
  return j.response;
}

/** A password sign-in on a new client: the status it reaches, or the error code. */
async function passwordOutcome(url, email, password) {
  const res = await signInRequest(newClient(url), email, password);
  return res.status === 200 ? assertEnvelope(res).response.status : res.json?.errors?.[0]?.code;
}

nt.describe('forgot password', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.client_trust': 'true', 'dev.clock_control': 'true' } });

  nt.it('an identified sign-in offers a reset code to the email address', async () => {
    const u = await newUser(srv.url);
    const si = await identify(newClient(srv.url), u.email);
    assert.equal(si.status, 'needs_first_factor');
    const factor = si.supported_first_factors.find((f) => f.strategy === STRATEGY);
    assert.ok(factor, JSON.stringify(si.supported_first_factors));
    assert.match(factor.email_address_id, /^idn_/);
    assert.equal(factor.safe_identifier, u.email);
    assert.equal(factor.primary, true);
  });

  nt.it('the code is emailed for a password reset, then a new password signs in', async () => {
    const u = await newUser(srv.url);
    const c = newClient(srv.url);
    const si = await identify(c, u.email);
    const factor = si.supported_first_factors.find((f) => f.strategy === STRATEGY);
    const prepared = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/prepare_first_factor`, {
      strategy: STRATEGY, email_address_id: factor.email_address_id,
    })).response;
    assert.equal(prepared.first_factor_verification.status, 'unverified');
    assert.equal(prepared.first_factor_verification.strategy, STRATEGY);
    assert.ok(prepared.first_factor_verification.expire_at > Date.now());
    const mail = (await readOutbox(srv.url, u.email)).at(-1);
    assert.equal(mail.purpose, 'password_reset');

    const code = await latestOutboxCode(srv.url, u.email);
    const wrong = code === '000000' ? '111111' : '000000';
    assertClerkError(await c.post(`/v1/client/sign_ins/${si.id}/attempt_first_factor`, { strategy: STRATEGY, code: wrong }),
      { status: 422, code: 'form_code_incorrect', param: 'code' });
    assertClerkError(await c.post(`/v1/client/sign_ins/${si.id}/reset_password`, { password: NEW_PASSWORD }),
      { status: 400, code: 'client_state_invalid' });

    const verified = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/attempt_first_factor`, { strategy: STRATEGY, code }));
    assert.equal(verified.response.status, 'needs_new_password');
    assert.equal(verified.response.first_factor_verification.status, 'verified');
    assert.equal(verified.client.sign_in?.status, 'needs_new_password');
    assert.equal(await passwordOutcome(srv.url, u.email, PASSWORD), 'needs_client_trust', 'nothing changed yet');

    assertClerkError(await c.post(`/v1/client/sign_ins/${si.id}/reset_password`, { password: 'short' }),
      { status: 422, code: 'form_password_length_too_short', param: 'password' });
    assertClerkError(await c.post(`/v1/client/sign_ins/${si.id}/reset_password`, {}),
      { status: 422, code: 'form_param_missing', param: 'password' });
    const done = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/reset_password`, { password: NEW_PASSWORD }));
    // A new client, yet no Client Trust step: the emailed code proved the inbox.
    assert.equal(done.response.status, 'complete', JSON.stringify(done.response));
    const session = done.client.sessions.find((s) => s.id === done.response.created_session_id);
    assert.equal(session?.status, 'active');
    assert.equal(session.user.id, u.userId);

    assert.equal(await passwordOutcome(srv.url, u.email, PASSWORD), 'form_password_incorrect');
    assert.equal(await passwordOutcome(srv.url, u.email, NEW_PASSWORD), 'needs_client_trust');
  });

  nt.it('sign_out_of_other_sessions ends the sessions the old password opened', async () => {
    const u = await newUser(srv.url);
    const kept = newClient(srv.url);
    const other = assertEnvelope(await signInRequest(u.home, u.email, PASSWORD)).response;
    assert.equal(other.status, 'complete');
    const untouched = await verifiedReset(srv.url, kept, u.email);
    assertEnvelope(await kept.post(`/v1/client/sign_ins/${untouched.id}/reset_password`, {
      password: NEW_PASSWORD, sign_out_of_other_sessions: 'false',
    }));
    assertOk(await u.home.post(`/v1/client/sessions/${other.created_session_id}/tokens`, {}));

    const c = newClient(srv.url);
    const si = await verifiedReset(srv.url, c, u.email);
    const done = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/reset_password`, {
      password: `${NEW_PASSWORD} again`, sign_out_of_other_sessions: 'true',
    }));
    assert.equal(done.response.status, 'complete');
    // Revoked: no token any more (the client no longer lists the session).
    for (const [client, sessionId] of [[u.home, other.created_session_id], [kept, untouched.created_session_id]]) {
      const res = await client.post(`/v1/client/sessions/${sessionId}/tokens`, {});
      assertClerkError(res);
      assert.ok([401, 404].includes(res.status), `status ${res.status}`);
      assert.equal(assertEnvelope(await client.get('/v1/client')).response.sessions.length, 0);
    }
    assertOk(await c.post(`/v1/client/sessions/${done.response.created_session_id}/tokens`, {}));
  });

  nt.it('a user with MFA sets the password, then still needs the second factor', async () => {
    const home = newClient(srv.url);
    const u = await signUpUser(home, uniqueEmail('forgot-mfa', { test: false }));
    await enrollTotp(home, u.sessionId);
    const c = newClient(srv.url);
    const si = await verifiedReset(srv.url, c, u.email);
    const j = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/reset_password`, { password: NEW_PASSWORD }));
    assert.equal(j.response.status, 'needs_second_factor');
    assert.equal(j.response.created_session_id, null);
    assert.ok(j.response.supported_second_factors.some((f) => f.strategy === 'totp'));
    assert.equal(await passwordOutcome(srv.url, u.email, NEW_PASSWORD), 'needs_second_factor');
  });

  nt.it('a new password, reset or changed while signed in, emails the user a notice naming the browser', async () => {
    const u = await newUser(srv.url);
    const ua = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
    const c = newClient(srv.url);
    const si = await verifiedReset(srv.url, c, u.email);
    const done = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/reset_password`, { password: NEW_PASSWORD },
      undefined, { headers: { 'User-Agent': ua } }));
    const changed = async () => (await readNotices(srv.url, u.email)).filter((n) => n.kind === 'password_changed');
    const [notice] = await changed();
    assert.equal(notice?.to, u.email, JSON.stringify(await readNotices(srv.url, u.email)));
    assert.equal(notice.user_agent, ua);
    assert.equal(notice.ip_address, '127.0.0.1');

    assertEnvelope(await c.post('/v1/me/change_password', { current_password: NEW_PASSWORD, new_password: `${NEW_PASSWORD} 2` },
      me(done.response.created_session_id)));
    assert.equal((await changed()).length, 2);
    // A refused new password changes nothing, and says nothing.
    assertClerkError(await c.post('/v1/me/change_password', { current_password: `${NEW_PASSWORD} 2`, new_password: 'short' },
      me(done.response.created_session_id)), { status: 422, param: 'new_password' });
    assert.equal((await changed()).length, 2);
  });

  nt.it('a sign-in code cannot reset the password', async () => {
    const u = await newUser(srv.url);
    const c = newClient(srv.url);
    const si = await identify(c, u.email);
    assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/prepare_first_factor`, { strategy: 'email_code' }));
    const code = await latestOutboxCode(srv.url, u.email);
    assertClerkError(await c.post(`/v1/client/sign_ins/${si.id}/attempt_first_factor`, { strategy: STRATEGY, code }),
      { status: 400, code: 'verification_strategy_invalid' });
  });

  nt.it('legacy: create with the strategy sends the code; one attempt takes the code and the password', async () => {
    const u = await newUser(srv.url);
    const c = newClient(srv.url);
    const si = assertEnvelope(await c.post('/v1/client/sign_ins', { strategy: STRATEGY, identifier: u.email })).response;
    assert.equal(si.status, 'needs_first_factor');
    assert.equal(si.first_factor_verification.strategy, STRATEGY);
    assert.equal(si.first_factor_verification.status, 'unverified');
    const code = await latestOutboxCode(srv.url, u.email);
    // A password the policy refuses is refused before the code is used up.
    assertClerkError(await c.post(`/v1/client/sign_ins/${si.id}/attempt_first_factor`, { strategy: STRATEGY, code, password: 'short' }),
      { status: 422, code: 'form_password_length_too_short', param: 'password' });
    const done = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/attempt_first_factor`, {
      strategy: STRATEGY, code, password: NEW_PASSWORD,
    }));
    assert.equal(done.response.status, 'complete');
    assert.equal(await passwordOutcome(srv.url, u.email, NEW_PASSWORD), 'needs_client_trust');
    assertClerkError(await newClient(srv.url).post('/v1/client/sign_ins', { strategy: STRATEGY }),
      { status: 422, code: 'form_param_missing', param: 'identifier' });
  });
});

nt.describe('forgot password under enumeration protection', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.enumeration_protection': 'true' } });

  nt.it('known and unknown addresses get the same factor, and only the known one a code', async () => {
    const u = await newUser(srv.url, 'forgot-known');
    const unknown = uniqueEmail('forgot-unknown', { test: false });
    for (const email of [u.email, unknown]) {
      const c = newClient(srv.url);
      const si = await identify(c, email);
      const factor = si.supported_first_factors.find((f) => f.strategy === STRATEGY);
      assert.deepEqual(factor, { strategy: STRATEGY, safe_identifier: email, primary: true });
      const prepared = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/prepare_first_factor`, { strategy: STRATEGY }));
      assert.equal(prepared.response.first_factor_verification.status, 'unverified');
    }
    assert.equal((await readOutbox(srv.url, unknown)).length, 0, 'nothing is sent to an unknown address');
    assert.equal((await readOutbox(srv.url, u.email)).at(-1).purpose, 'password_reset');
  });
});
