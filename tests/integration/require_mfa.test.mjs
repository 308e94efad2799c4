// Require MFA over the FAPI (auth.require_mfa=true, protocol §8.1 and §10, issue 4): a user without
// a second factor gets a `pending` session with the task setup-mfa (token claim sts=pending), can
// use /v1/me to enroll TOTP or reserve a verified phone for 2FA, after which the session is
// `active`. The last second factor cannot then be removed (second_factor_deletion_not_allowed).
//
// On the app backend, @clerk/backend's verifyToken() accepts a pending token and returns its
// payload with sts: 'pending'. Whether a pending session counts as signed in is decided above
// verifyToken: authenticateRequest()/auth() treat sts=pending as signed out unless the app passes
// `acceptsToken`/`treatPendingAsSignedOut: false` — that policy is the application's, not Tessera's.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { verifyToken } from '@clerk/backend';
import { useServer } from '../support/server.mjs';
import {
  BASE_SETS, PASSWORD, TEST_CODE, newClient, assertEnvelope, assertClerkError, signUpUser, signInUser,
  uniqueEmail, getToken, decodeJwt, fetchJwks, jwkToPem,
} from '../support/flows.mjs';
import { oathtoolCode } from '../support/mfa_flows.mjs';

const TEST_PHONE = '+15555550100'; // test mode: SMS code 424242

const totpCode = (secret, nowMs = Date.now()) => oathtoolCode(secret, nowMs);

function assertPending(session) {
  assert.equal(session.status, 'pending', JSON.stringify(session));
  assert.deepEqual(session.tasks, [{ key: 'setup-mfa' }], JSON.stringify(session.tasks));
  assert.ok(session.user?.id, 'a pending session still carries its user');
  assert.equal(session.user.two_factor_enabled, false);
}

function assertActive(session) {
  assert.equal(session.status, 'active', JSON.stringify(session));
  assert.ok(session.tasks === null || (Array.isArray(session.tasks) && session.tasks.length === 0),
    `no tasks left: ${JSON.stringify(session.tasks)}`);
}

/** Clerk's 400 second_factor_deletion_not_allowed. */
function assertDeletionNotAllowed(res) {
  assertClerkError(res, { status: 400, code: 'second_factor_deletion_not_allowed' });
}

const sessionIn = (client, id) => client?.sessions?.find((s) => s.id === id);

async function pemFor(url, jwt) {
  const jwks = await fetchJwks(url);
  const jwk = jwks.keys.find((k) => k.kid === decodeJwt(jwt).header.kid);
  assert.ok(jwk, 'kid in the JWKS');
  return jwkToPem(jwk);
}

nt.describe('require MFA on', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.require_mfa': 'true', 'auth.client_trust': 'false' } });

  srv.test('sign-up → pending session with the task setup-mfa, token sts=pending, /v1/me works', async () => {
    const c = newClient(srv.url);
    const u = await signUpUser(c, uniqueEmail('pending'));
    assertPending(u.session);
    assert.equal(u.client.last_active_session_id, u.sessionId);

    const jwt = await getToken(c, u.sessionId);
    const { payload } = decodeJwt(jwt);
    assert.equal(payload.sts, 'pending');
    assert.equal(payload.sid, u.sessionId);
    assert.equal(payload.sub, u.userId);
    // The session carries a token too (clerk-js hydrates its cache from it).
    assert.equal(decodeJwt(u.session.last_active_token.jwt).payload.sts, 'pending');

    const me = assertEnvelope(await c.get('/v1/me', { _clerk_session_id: u.sessionId }));
    assert.equal(me.response.id, u.userId);
    assert.equal(me.response.two_factor_enabled, false);
    assertPending(sessionIn(me.client, u.sessionId));

    // @clerk/backend verifyToken returns the payload with sts: 'pending' (policy is the app's).
    const verified = await verifyToken(jwt, { jwtKey: await pemFor(srv.url, jwt) });
    assert.equal(verified.sts, 'pending');
    assert.equal(verified.sub, u.userId);
    assert.equal(verified.sid, u.sessionId);

    // touch (setActive) keeps it pending.
    const touched = assertEnvelope(await c.post(`/v1/client/sessions/${u.sessionId}/touch`, { active_organization_id: '', intent: 'select_session' }));
    assertPending(touched.response);
  });

  srv.test('enrolling TOTP turns the pending session active (piggybacked client), token sts=active', async () => {
    const c = newClient(srv.url);
    const u = await signUpUser(c, uniqueEmail('totp'));
    const q = { _clerk_session_id: u.sessionId };
    const created = assertEnvelope(await c.post('/v1/me/totp', {}, q));
    assert.equal(created.response.verified, false);
    assertPending(sessionIn(created.client, u.sessionId)); // creating alone is not enough

    // A wrong code leaves it pending.
    assertClerkError(await c.post('/v1/me/totp/attempt_verification', { code: '000000' === totpCode(created.response.secret) ? '111111' : '000000' }, q),
      { status: 422, code: 'form_code_incorrect', param: 'code' });

    const verified = assertEnvelope(await c.post('/v1/me/totp/attempt_verification', { code: totpCode(created.response.secret) }, q));
    assert.equal(verified.response.verified, true);
    assert.ok(Array.isArray(verified.response.backup_codes) && verified.response.backup_codes.length > 0, 'backup codes on first enablement');
    const s = sessionIn(verified.client, u.sessionId);
    assert.ok(s, `session in the piggybacked client: ${JSON.stringify(verified.client)}`);
    assertActive(s);
    assert.equal(s.user.two_factor_enabled, true);
    assert.equal(s.user.totp_enabled, true);
    assert.equal(decodeJwt(await getToken(c, u.sessionId)).payload.sts, 'active');
    const cl = assertEnvelope(await c.get('/v1/client')).response;
    assertActive(sessionIn(cl, u.sessionId));

    // The last second factor (backup codes alone do not count) cannot be removed now.
    assertDeletionNotAllowed(await c.delete('/v1/me/totp', {}, q));
    const me = assertEnvelope(await c.get('/v1/me', q)).response;
    assert.equal(me.totp_enabled, true, 'TOTP still on');

    // Signing in again later: MFA → needs_second_factor, then an active session.
    assertEnvelope(await c.delete('/v1/client/sessions'));
    const si = assertEnvelope(await c.post('/v1/client/sign_ins', { identifier: u.email, password: PASSWORD })).response;
    assert.equal(si.status, 'needs_second_factor', JSON.stringify(si));
    const done = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/attempt_second_factor`,
      { strategy: 'backup_code', code: verified.response.backup_codes[0] }));
    assert.equal(done.response.status, 'complete');
    assertActive(sessionIn(done.client, done.response.created_session_id));
  });

  srv.test('a verified phone reserved for 2FA turns the session active', async () => {
    const c = newClient(srv.url);
    const u = await signUpUser(c, uniqueEmail('phone'));
    const q = { _clerk_session_id: u.sessionId };
    const phone = assertEnvelope(await c.post('/v1/me/phone_numbers/', { phone_number: TEST_PHONE }, q)).response;
    assertEnvelope(await c.post(`/v1/me/phone_numbers/${phone.id}/prepare_verification`, { strategy: 'phone_code' }, q));
    const att = assertEnvelope(await c.post(`/v1/me/phone_numbers/${phone.id}/attempt_verification`, { code: TEST_CODE }, q));
    assert.equal(att.response.verification?.status, 'verified');
    assertPending(sessionIn(att.client, u.sessionId)); // verified, not yet a second factor

    const reserved = assertEnvelope(await c.patch(`/v1/me/phone_numbers/${phone.id}`, { reserved_for_second_factor: 'true' }, q));
    assert.equal(reserved.response.reserved_for_second_factor, true);
    assertActive(sessionIn(reserved.client, u.sessionId));
    assert.equal(decodeJwt(await getToken(c, u.sessionId)).payload.sts, 'active');

    // The only second factor: neither un-reserving nor deleting the phone is allowed.
    assertDeletionNotAllowed(await c.patch(`/v1/me/phone_numbers/${phone.id}`, { reserved_for_second_factor: 'false' }, q));
    assertDeletionNotAllowed(await c.delete(`/v1/me/phone_numbers/${phone.id}`, {}, q));
  });

  srv.test('sign-in of a user without MFA → complete with a pending session (and a sibling client sees it active after enrolment)', async () => {
    const home = newClient(srv.url);
    const u = await signUpUser(home, uniqueEmail('signin'));
    assertEnvelope(await home.delete('/v1/client/sessions'));

    const c = newClient(srv.url);
    const { session, sessionId } = await signInUser(c, u.email);
    assertPending(session);
    assert.equal(decodeJwt(await getToken(c, sessionId)).payload.sts, 'pending');

    // Enrol on this session; the change shows on the next read.
    const q = { _clerk_session_id: sessionId };
    const totp = assertEnvelope(await c.post('/v1/me/totp', {}, q)).response;
    assertEnvelope(await c.post('/v1/me/totp/attempt_verification', { code: totpCode(totp.secret) }, q));
    const cl = assertEnvelope(await c.get('/v1/client')).response;
    assertActive(sessionIn(cl, sessionId));
  });

  srv.test('without a session /v1/me is 401 authentication_invalid', async () => {
    assertClerkError(await newClient(srv.url).get('/v1/me'), { status: 401, code: 'authentication_invalid' });
  });
});

nt.describe('require MFA off', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.require_mfa': 'false' } });

  srv.test('sign-up → active session, sts=active, no tasks; the last factor may be removed', async () => {
    const c = newClient(srv.url);
    const u = await signUpUser(c, uniqueEmail('off'));
    assertActive(u.session);
    assert.equal(decodeJwt(await getToken(c, u.sessionId)).payload.sts, 'active');
    const q = { _clerk_session_id: u.sessionId };
    const totp = assertEnvelope(await c.post('/v1/me/totp', {}, q)).response;
    assertEnvelope(await c.post('/v1/me/totp/attempt_verification', { code: totpCode(totp.secret) }, q));
    const del = assertEnvelope(await c.delete('/v1/me/totp', {}, q));
    assert.equal(del.response.deleted, true);
    const me = assertEnvelope(await c.get('/v1/me', q)).response;
    assert.equal(me.two_factor_enabled, false, 'backup codes dropped with the last factor');
  });
});
