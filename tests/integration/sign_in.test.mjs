// Sign-in with password (protocol §7): Core 3 (no strategy), legacy strategy=password,
// identifier first then attempt_first_factor.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../support/server.mjs';
import {
  BASE_SETS, PASSWORD, newClient, assertEnvelope, assertClerkError, signUpUser, signInRequest, signInUser,
  uniqueEmail, getToken, decodeJwt,
} from '../support/flows.mjs';

const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.single_session_mode': 'true' } });
let user; // { email, userId }

nt.before(async () => {
  await srv.ready();
  user = await signUpUser(newClient(srv.url), uniqueEmail('signin'));
});

function checkCompleteSignIn(j) {
  const si = j.response;
  assert.equal(si.status, 'complete', JSON.stringify(si));
  assert.match(si.created_session_id, /\S/);
  const s = j.client.sessions.find((x) => x.id === si.created_session_id);
  assert.ok(s, 'created session must be in the piggybacked client');
  assert.equal(s.status, 'active');
  assert.equal(s.user.id, user.userId);
  assert.ok(s.last_active_token?.jwt, 'last_active_token.jwt');
  assert.equal(j.client.last_active_session_id, si.created_session_id);
  return s;
}

srv.test('Core 3 sign-in: identifier + password, no strategy → complete with a session', async () => {
  const c = newClient(srv.url);
  const j = assertEnvelope(await signInRequest(c, user.email, PASSWORD));
  const s = checkCompleteSignIn(j);
  const jwt = await getToken(c, s.id);
  assert.equal(decodeJwt(jwt).payload.sub, user.userId);
});

srv.test('legacy sign-in: strategy=password + identifier + password → complete', async () => {
  const c = newClient(srv.url);
  const j = assertEnvelope(await c.post('/v1/client/sign_ins', { strategy: 'password', identifier: user.email, password: PASSWORD }));
  checkCompleteSignIn(j);
});

srv.test('identifier first → needs_first_factor, then attempt_first_factor strategy=password → complete', async () => {
  const c = newClient(srv.url);
  const created = assertEnvelope(await c.post('/v1/client/sign_ins', { identifier: user.email, locale: 'en-US' }));
  const si = created.response;
  assert.equal(si.status, 'needs_first_factor', JSON.stringify(si));
  assert.equal(si.identifier, user.email);
  assert.ok(Array.isArray(si.supported_first_factors), JSON.stringify(si));
  assert.ok(si.supported_first_factors.some((f) => f.strategy === 'password'), JSON.stringify(si.supported_first_factors));
  assert.equal(si.created_session_id, null);
  assert.ok(si.abandon_at > Date.now(), 'abandon_at (ms) in the future');
  // The client's copy of its current attempt is the answer itself, and what the client reads
  // back later from the store.
  assert.deepEqual(created.client?.sign_in, si);

  const got = assertEnvelope(await c.get(`/v1/client/sign_ins/${si.id}`));
  assert.deepEqual(got.response, si);
  assert.deepEqual(got.client.sign_in, si);
  const client = assertEnvelope(await c.get('/v1/client'));
  assert.deepEqual(client.response.sign_in, si);

  const att = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/attempt_first_factor`, { strategy: 'password', password: PASSWORD }));
  assert.equal(att.response.id, si.id);
  checkCompleteSignIn(att);
});

srv.test('wrong password at create → 422 form_password_incorrect (password), no session', async () => {
  const c = newClient(srv.url);
  const res = await signInRequest(c, user.email, 'definitely the wrong one');
  assertClerkError(res, { status: 422, code: 'form_password_incorrect', param: 'password' });
  const cl = assertEnvelope(await c.get('/v1/client'));
  const active = (cl.response?.sessions ?? []).filter((s) => s.status === 'active');
  assert.equal(active.length, 0);
  // Clerk piggybacks the client the failure left (meta.client); clerk-js applies it before it
  // throws, so the SDK's signIn is the needs_first_factor attempt the server now holds.
  const piggybacked = res.json.meta?.client;
  assert.equal(piggybacked?.object, 'client', JSON.stringify(res.json.meta));
  assert.equal(piggybacked.sign_in?.status, 'needs_first_factor');
  assert.equal(piggybacked.sign_in?.id, cl.response.sign_in?.id);
  assert.equal(piggybacked.sign_in?.identifier, user.email);
});

srv.test('an error without a client to show (unknown identifier on a new browser) has meta {}', async () => {
  const res = await signInRequest(newClient(srv.url), uniqueEmail('nobody-meta'), PASSWORD);
  assertClerkError(res, { status: 422, code: 'form_identifier_not_found' });
  assert.deepEqual(res.json.meta, {});
});

srv.test('wrong password at attempt_first_factor → 422 form_password_incorrect; then the right one completes', async () => {
  const c = newClient(srv.url);
  const si = assertEnvelope(await c.post('/v1/client/sign_ins', { identifier: user.email })).response;
  const bad = await c.post(`/v1/client/sign_ins/${si.id}/attempt_first_factor`, { strategy: 'password', password: 'nope nope nope' });
  assertClerkError(bad, { status: 422, code: 'form_password_incorrect', param: 'password' });
  const ok = assertEnvelope(await c.post(`/v1/client/sign_ins/${si.id}/attempt_first_factor`, { strategy: 'password', password: PASSWORD }));
  checkCompleteSignIn(ok);
});

srv.test('unknown identifier → 422 form_identifier_not_found (identifier)', async () => {
  const c = newClient(srv.url);
  const res = await signInRequest(c, uniqueEmail('nobody'), PASSWORD);
  assertClerkError(res, { status: 422, code: 'form_identifier_not_found', param: 'identifier' });
  const res2 = await c.post('/v1/client/sign_ins', { identifier: uniqueEmail('nobody2') });
  assertClerkError(res2, { status: 422, code: 'form_identifier_not_found', param: 'identifier' });
});

srv.test('attempt_first_factor strategy=password without password → 422 form_param_missing (password)', async () => {
  const c = newClient(srv.url);
  const si = assertEnvelope(await c.post('/v1/client/sign_ins', { identifier: user.email })).response;
  const res = await c.post(`/v1/client/sign_ins/${si.id}/attempt_first_factor`, { strategy: 'password' });
  assertClerkError(res, { status: 422, code: 'form_param_missing', param: 'password' });
});

srv.test('a step on an older sign-in of the client → 403 resource_forbidden; the current one goes on', async () => {
  const c = newClient(srv.url);
  const older = assertEnvelope(await c.post('/v1/client/sign_ins', { identifier: user.email })).response;
  const newer = assertEnvelope(await c.post('/v1/client/sign_ins', { identifier: user.email })).response;
  assertClerkError(await c.post(`/v1/client/sign_ins/${older.id}/attempt_first_factor`, { strategy: 'password', password: PASSWORD }),
    { status: 403, code: 'resource_forbidden' });
  checkCompleteSignIn(assertEnvelope(await c.post(`/v1/client/sign_ins/${newer.id}/attempt_first_factor`, { strategy: 'password', password: PASSWORD })));
});

srv.test('unknown sign-in id → 404 resource_not_found', async () => {
  const c = newClient(srv.url);
  await c.post('/v1/client/sign_ins', { identifier: user.email });
  const r1 = await c.get('/v1/client/sign_ins/sia_doesnotexist');
  assertClerkError(r1, { status: 404, code: 'resource_not_found' });
  const r2 = await c.post('/v1/client/sign_ins/sia_doesnotexist/attempt_first_factor', { strategy: 'password', password: PASSWORD });
  assertClerkError(r2, { status: 404, code: 'resource_not_found' });
});

srv.test("another client cannot complete someone else's sign-in (404)", async () => {
  const a = newClient(srv.url);
  const si = assertEnvelope(await a.post('/v1/client/sign_ins', { identifier: user.email })).response;
  const b = newClient(srv.url);
  await b.post('/v1/client/sign_ins', { identifier: user.email });
  const res = await b.post(`/v1/client/sign_ins/${si.id}/attempt_first_factor`, { strategy: 'password', password: PASSWORD });
  assertClerkError(res, { status: 404, code: 'resource_not_found' });
});

srv.test('unknown fields (locale, timezone, captcha_*) are ignored', async () => {
  const c = newClient(srv.url);
  await signInUser(c, user.email, PASSWORD, { captcha_token: '', captcha_widget_type: 'smart', some_future_field: 'x' });
});

srv.test('sign-in after sign-out on the same client gives a new session', async () => {
  const c = newClient(srv.url);
  const first = await signInUser(c, user.email);
  assertEnvelope(await c.delete('/v1/client/sessions'));
  const second = await signInUser(c, user.email);
  assert.notEqual(first.sessionId, second.sessionId);
});

srv.test('the whole sign-in + token flow also works under the /__clerk prefix', async () => {
  const c = newClient(srv.url);
  const j = assertEnvelope(await c.post('/__clerk/v1/client/sign_ins', { identifier: user.email, password: PASSWORD }));
  const s = checkCompleteSignIn(j);
  const tok = await c.post(`/__clerk/v1/client/sessions/${s.id}/tokens`, {});
  assert.equal(tok.status, 200);
  assert.equal(decodeJwt(tok.json.jwt).payload.sid, s.id);
  const me = assertEnvelope(await c.get('/__clerk/v1/me', { _clerk_session_id: s.id }));
  assert.equal(me.response.id, user.userId);
});

// Protocol §5.2/§2.6: single-session mode (the default) refuses a second sign-in on a signed-in client.
srv.test('single-session mode: sign-in or sign-up on a signed-in client → 400 session_exists', async () => {
  const c = newClient(srv.url);
  await signInUser(c, user.email);
  assertClerkError(await signInRequest(c, user.email, PASSWORD), { status: 400, code: 'session_exists' });
  assertClerkError(await c.post('/v1/client/sign_ups', { strategy: 'password', email_address: uniqueEmail('ssm'), password: PASSWORD }),
    { status: 400, code: 'session_exists' });
});
