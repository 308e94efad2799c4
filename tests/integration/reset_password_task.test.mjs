// The reset-password session task (issue 4): a user whose stored password the instance's policy
// now refuses (here: imported with a well-known password) still signs in, but the session is
// `pending` with the task reset-password (token sts=pending) until the user sets a new password
// with POST /v1/me/change_password. From that session — and only there — the current password
// may be left out, as clerk-js's TaskResetPassword does (it sends new_password and
// sign_out_of_other_sessions). With require_mfa as well, reset-password comes before setup-mfa.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../support/server.mjs';
import {
  BASE_SETS, PASSWORD, newClient, assertEnvelope, assertClerkError, signUpUser, signInUser, signInRequest,
  uniqueEmail, getToken, decodeJwt,
} from '../support/flows.mjs';
import { importUsers, pbkdf2Digest } from '../support/user_import.mjs';

const WEAK_PASSWORD = 'password1'; // in the common-password list: form_password_pwned for a new one
const NEW_PASSWORD = 'a much better passphrase';
const RESET_PASSWORD = [{ key: 'reset-password' }];

/** Imports a user whose password is `password` (the instance never hashed it); returns the email. */
function importUser(srv, password) {
  const email = uniqueEmail('reset');
  const res = importUsers(srv.database, [{ email_address: email, password_digest: pbkdf2Digest(password), password_hasher: 'pbkdf2_sha256' }]);
  assert.equal(res.status, 0, `${res.stdout}\n${res.stderr}`);
  return email;
}

const sessionIn = (client, id) => client?.sessions?.find((s) => s.id === id);
const changePassword = (c, sessionId, form) => c.post('/v1/me/change_password', form, { _clerk_session_id: sessionId });

/** A weak-password user signed in on a new client: {c, email, sessionId, session}. */
async function weakSignIn(srv) {
  const email = importUser(srv, WEAK_PASSWORD);
  const c = newClient(srv.url);
  const { session, sessionId } = await signInUser(c, email, WEAK_PASSWORD);
  return { c, email, session, sessionId };
}

nt.describe('reset-password task', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS } });

  srv.test('a weak password signs in to a pending session with reset-password; sts=pending; /v1/me works', async () => {
    const { c, session, sessionId } = await weakSignIn(srv);
    assert.equal(session.status, 'pending', JSON.stringify(session));
    assert.deepEqual(session.tasks, RESET_PASSWORD);
    assert.equal(decodeJwt(session.last_active_token.jwt).payload.sts, 'pending');
    assert.equal(decodeJwt(await getToken(c, sessionId)).payload.sts, 'pending');

    const client = assertEnvelope(await c.get('/v1/client')).response;
    assert.equal(client.last_active_session_id, sessionId);
    assert.deepEqual(sessionIn(client, sessionId).tasks, RESET_PASSWORD);

    const me = assertEnvelope(await c.get('/v1/me', { _clerk_session_id: sessionId }));
    assert.equal(me.response.id, session.user.id);
    assert.equal(me.response.password_enabled, true);
  });

  srv.test('the new password from the task session, without the current one → active; others signed out', async () => {
    const { c, email, sessionId } = await weakSignIn(srv);
    const elsewhere = newClient(srv.url);
    await signInUser(elsewhere, email, WEAK_PASSWORD);

    // What clerk-js's TaskResetPassword sends: user.updatePassword({newPassword, signOutOfOtherSessions}).
    const changed = assertEnvelope(await changePassword(c, sessionId, { new_password: NEW_PASSWORD, sign_out_of_other_sessions: true }));
    const s = sessionIn(changed.client, sessionId);
    assert.equal(s.status, 'active', JSON.stringify(s));
    assert.equal(s.tasks, null);
    assert.equal(decodeJwt(await getToken(c, sessionId)).payload.sts, 'active');
    assert.deepEqual(assertEnvelope(await elsewhere.get('/v1/client')).response?.sessions ?? [], [], 'the other client is signed out');

    assertEnvelope(await c.delete('/v1/client/sessions'));
    assertClerkError(await signInRequest(newClient(srv.url), email, WEAK_PASSWORD),
      { status: 422, code: 'form_password_incorrect', param: 'password' });
    const again = await signInUser(newClient(srv.url), email, NEW_PASSWORD);
    assert.equal(again.session.status, 'active');
    assert.equal(again.session.tasks, null);
  });

  srv.test('without the task, change_password still needs the current password', async () => {
    const c = newClient(srv.url);
    const u = await signUpUser(c, uniqueEmail('strong'));
    assertClerkError(await changePassword(c, u.sessionId, { new_password: NEW_PASSWORD, sign_out_of_other_sessions: true }),
      { status: 422, code: 'form_param_missing', param: 'current_password' });
    assertEnvelope(await changePassword(c, u.sessionId, { current_password: PASSWORD, new_password: NEW_PASSWORD }));
  });

  srv.test('a new password the policy refuses is refused with its error; the task stays', async () => {
    const { c, sessionId } = await weakSignIn(srv);
    assertClerkError(await changePassword(c, sessionId, { new_password: 'password2' }),
      { status: 422, code: 'form_password_pwned', param: 'new_password' });
    assertClerkError(await changePassword(c, sessionId, { new_password: 'short' }),
      { status: 422, code: 'form_password_length_too_short', param: 'new_password' });
    assertClerkError(await changePassword(c, sessionId, { current_password: 'not it', new_password: NEW_PASSWORD }),
      { status: 422, code: 'form_password_incorrect', param: 'current_password' });
    const client = assertEnvelope(await c.get('/v1/client')).response;
    assert.equal(sessionIn(client, sessionId).status, 'pending');
    assert.deepEqual(sessionIn(client, sessionId).tasks, RESET_PASSWORD);
  });

  srv.test('users with a strong password get an active session', async () => {
    const c = newClient(srv.url);
    const u = await signUpUser(c, uniqueEmail('strong'));
    assertEnvelope(await c.delete('/v1/client/sessions'));
    const signedUp = await signInUser(c, u.email);
    assert.equal(signedUp.session.status, 'active');
    assert.equal(signedUp.session.tasks, null);

    const imported = await signInUser(newClient(srv.url), importUser(srv, NEW_PASSWORD), NEW_PASSWORD);
    assert.equal(imported.session.status, 'active');
    assert.equal(imported.session.tasks, null);
  });
});

nt.describe('reset-password task with require_mfa', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.require_mfa': 'true' } });

  srv.test('both tasks: reset-password first, then setup-mfa; a new password leaves setup-mfa', async () => {
    const { c, session, sessionId } = await weakSignIn(srv);
    assert.equal(session.status, 'pending');
    assert.deepEqual(session.tasks, [{ key: 'reset-password' }, { key: 'setup-mfa' }]);
    const changed = assertEnvelope(await changePassword(c, sessionId, { new_password: NEW_PASSWORD, sign_out_of_other_sessions: true }));
    const s = sessionIn(changed.client, sessionId);
    assert.equal(s.status, 'pending');
    assert.deepEqual(s.tasks, [{ key: 'setup-mfa' }]);
    assert.equal(decodeJwt(await getToken(c, sessionId)).payload.sts, 'pending');
  });
});
