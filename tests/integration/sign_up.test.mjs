// Sign-up with email + password + email_code verification (protocol §9).
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../support/server.mjs';
import { describe as desc } from '../support/fapi_client.mjs';
import {
  BASE_SETS, PASSWORD, TEST_CODE, newClient, assertEnvelope, assertClerkError, createSignUp, signUpUser,
  uniqueEmail, readOutbox, latestOutboxCode,
} from '../support/flows.mjs';

const srv = useServer(nt, { sets: BASE_SETS });

srv.test('sign-up happy path in test mode (+clerk_test, code 424242), Core 3 strategy=password', async () => {
  const c = newClient(srv.url);
  const email = uniqueEmail('su');
  const created = assertEnvelope(await createSignUp(c, email, PASSWORD));
  const su = created.response;
  assert.equal(su.object === undefined || typeof su.object === 'string', true);
  assert.match(su.id, /\S/);
  assert.equal(su.status, 'missing_requirements');
  assert.equal(su.email_address, email);
  assert.ok(su.unverified_fields.includes('email_address'), JSON.stringify(su));
  assert.deepEqual(su.missing_fields, []);
  assert.equal(su.has_password, true);
  assert.equal(su.created_session_id, null);
  assert.equal(su.created_user_id, null);
  assert.ok(su.abandon_at > Date.now(), 'abandon_at (ms) in the future');
  assert.equal(su.verifications.email_address.status, 'unverified');
  assert.ok(su.verifications.email_address.supported_strategies.includes('email_code'));
  // piggybacked client carries the sign-up
  assert.equal(created.client?.sign_up?.id, su.id, JSON.stringify(created.client));
  // the client cookie is set by the first mutating request
  assert.ok(c.jar.get('__client'), `no __client cookie: ${JSON.stringify(c.jar.header())}`);

  const prep = assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/prepare_verification`, { strategy: 'email_code' }));
  const v = prep.response.verifications.email_address;
  assert.equal(v.status, 'unverified');
  assert.equal(v.strategy, 'email_code');
  assert.ok(v.expire_at > Date.now(), 'verification expire_at in ms');
  // test-mode addresses are sent nothing
  assert.deepEqual(await readOutbox(srv.url, email), []);

  const att = assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code', code: TEST_CODE }));
  const done = att.response;
  assert.equal(done.status, 'complete', JSON.stringify(done));
  assert.equal(done.verifications.email_address.status, 'verified');
  assert.deepEqual(done.unverified_fields, []);
  assert.match(done.created_user_id, /\S/);
  assert.match(done.created_session_id, /\S/);
  const s = att.client.sessions.find((x) => x.id === done.created_session_id);
  assert.ok(s, 'session in piggybacked client');
  assert.equal(s.status, 'active');
  assert.equal(s.user.id, done.created_user_id);
  assert.ok(s.last_active_token?.jwt, 'session carries last_active_token.jwt');
  assert.equal(att.client.last_active_session_id, done.created_session_id);
});

srv.test('legacy sign-up create without a strategy field works too', async () => {
  const c = newClient(srv.url);
  const r = await signUpUser(c, uniqueEmail('legacy'), PASSWORD, { strategyField: false });
  assert.equal(r.session.status, 'active');
});

srv.test('sign-up with the code from the dev outbox (non test address)', async () => {
  const c = newClient(srv.url);
  const email = uniqueEmail('outbox', { test: false });
  const su = assertEnvelope(await createSignUp(c, email, PASSWORD)).response;
  assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/prepare_verification`, { strategy: 'email_code' }));
  const msgs = await readOutbox(srv.url, email);
  assert.equal(msgs.length, 1, JSON.stringify(msgs));
  assert.equal(msgs[0].to, email);
  assert.match(String(msgs[0].code), /^\d{6}$/);
  assert.equal(typeof msgs[0].purpose, 'string');
  // 424242 is only for +clerk_test addresses
  if (String(msgs[0].code) !== TEST_CODE) {
    const bad = await c.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code', code: TEST_CODE });
    assertClerkError(bad, { status: 422, code: 'form_code_incorrect', param: 'code' });
  }
  const att = assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/attempt_verification`,
    { strategy: 'email_code', code: String(msgs[0].code) }));
  assert.equal(att.response.status, 'complete', JSON.stringify(att.response));
});

srv.test('outbox keeps messages newest last', async () => {
  const c = newClient(srv.url);
  const email = uniqueEmail('resend', { test: false });
  const su = assertEnvelope(await createSignUp(c, email, PASSWORD)).response;
  assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/prepare_verification`, { strategy: 'email_code' }));
  const code = await latestOutboxCode(srv.url, email);
  assert.match(code, /^\d{6}$/);
});

srv.test('sign-up created with email only, password added by PATCH (Core 3 signUp.password on an existing sign-up)', async () => {
  const c = newClient(srv.url);
  const email = uniqueEmail('patch');
  const su = assertEnvelope(await c.post('/v1/client/sign_ups', { email_address: email })).response;
  assert.equal(su.status, 'missing_requirements');
  assert.ok(su.missing_fields.includes('password'), JSON.stringify(su));
  const upd = assertEnvelope(await c.patch(`/v1/client/sign_ups/${su.id}`, { strategy: 'password', password: PASSWORD }));
  assert.equal(upd.response.id, su.id);
  assert.ok(!upd.response.missing_fields.includes('password'), JSON.stringify(upd.response));
  assert.equal(upd.response.has_password, true);
});

// ---- bad input -------------------------------------------------------------

for (const bad of ['not-an-email', 'a@', '@example.com', 'a b@example.com', 'a@b@example.com']) {
  srv.test(`invalid email ${JSON.stringify(bad)} → 422 form_param_format_invalid (email_address)`, async () => {
    const c = newClient(srv.url);
    const res = await createSignUp(c, bad, PASSWORD);
    assertClerkError(res, { status: 422, code: 'form_param_format_invalid', param: 'email_address' });
  });
}

srv.test('password too short → 422 form_password_length_too_short (password)', async () => {
  const c = newClient(srv.url);
  const res = await createSignUp(c, uniqueEmail('short'), 'abc');
  assertClerkError(res, { status: 422, code: 'form_password_length_too_short', param: 'password' });
});

srv.test('password too long → 422 form_password_length_too_long (password)', async () => {
  const c = newClient(srv.url);
  const res = await createSignUp(c, uniqueEmail('long'), 'x'.repeat(1000));
  assertClerkError(res, { status: 422, code: 'form_password_length_too_long', param: 'password' });
});

srv.test('email already taken → 422 form_identifier_exists (email_address)', async () => {
  const email = uniqueEmail('dup');
  await signUpUser(newClient(srv.url), email);
  const c = newClient(srv.url);
  const res = await createSignUp(c, email, PASSWORD);
  assertClerkError(res, { status: 422, code: 'form_identifier_exists', param: 'email_address' });
});

srv.test('wrong code → 422 form_code_incorrect (code); the right code still works afterwards', async () => {
  const c = newClient(srv.url);
  const su = assertEnvelope(await createSignUp(c, uniqueEmail('wrong'), PASSWORD)).response;
  assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/prepare_verification`, { strategy: 'email_code' }));
  const bad = await c.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code', code: '000000' });
  assertClerkError(bad, { status: 422, code: 'form_code_incorrect', param: 'code' });
  const ok = assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code', code: TEST_CODE }));
  assert.equal(ok.response.status, 'complete');
});

srv.test('attempt_verification without code → 422 form_param_missing (code)', async () => {
  const c = newClient(srv.url);
  const su = assertEnvelope(await createSignUp(c, uniqueEmail('nocode'), PASSWORD)).response;
  assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/prepare_verification`, { strategy: 'email_code' }));
  const res = await c.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code' });
  assertClerkError(res, { status: 422, code: 'form_param_missing', param: 'code' });
});

srv.test('unknown sign-up id → 404 resource_not_found', async () => {
  const c = newClient(srv.url);
  await createSignUp(c, uniqueEmail('unk'), PASSWORD); // make sure the client exists
  for (const path of ['prepare_verification', 'attempt_verification']) {
    const res = await c.post(`/v1/client/sign_ups/sua_doesnotexist/${path}`, { strategy: 'email_code', code: TEST_CODE });
    assertClerkError(res, { status: 404, code: 'resource_not_found' });
  }
});

srv.test("another client cannot drive someone else's sign-up (404)", async () => {
  const a = newClient(srv.url);
  const su = assertEnvelope(await createSignUp(a, uniqueEmail('steal'), PASSWORD)).response;
  const b = newClient(srv.url);
  await createSignUp(b, uniqueEmail('thief'), PASSWORD);
  const res = await b.post(`/v1/client/sign_ups/${su.id}/prepare_verification`, { strategy: 'email_code' });
  assertClerkError(res, { status: 404, code: 'resource_not_found' });
});

// Protocol §2.6: attempt before prepare → 400 verification_not_sent / verification_missing.
for (const test of [false, true]) {
  srv.test(`attempt_verification before prepare_verification → 400 verification_not_sent (${test ? '+clerk_test' : 'regular'} address)`, async () => {
    const c = newClient(srv.url);
    const su = assertEnvelope(await createSignUp(c, uniqueEmail('noprep', { test }), PASSWORD)).response;
    const res = await c.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code', code: TEST_CODE });
    const e = assertClerkError(res, { status: 400 });
    assert.ok(['verification_not_sent', 'verification_missing'].includes(e.code), desc(res));
  });
}

srv.test('three wrong codes → 400 verification_failed, and then even the right code is refused', async () => {
  const c = newClient(srv.url);
  const su = assertEnvelope(await createSignUp(c, uniqueEmail('tries'), PASSWORD)).response;
  assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/prepare_verification`, { strategy: 'email_code' }));
  const attempt = (code) => c.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code', code });
  assertClerkError(await attempt('111111'), { status: 422, code: 'form_code_incorrect', param: 'code' });
  assertClerkError(await attempt('222222'), { status: 422, code: 'form_code_incorrect', param: 'code' });
  assertClerkError(await attempt('333333'), { status: 400, code: 'verification_failed' });
  assertClerkError(await attempt(TEST_CODE), { status: 400, code: 'verification_failed' });
});

srv.test('a completed sign-up cannot be verified again (400 verification_already_verified)', async () => {
  const c = newClient(srv.url);
  const { signUp } = await signUpUser(c, uniqueEmail('again'));
  const res = await c.post(`/v1/client/sign_ups/${signUp.id}/attempt_verification`, { strategy: 'email_code', code: TEST_CODE });
  assertClerkError(res, { status: 400, code: 'verification_already_verified' });
});
