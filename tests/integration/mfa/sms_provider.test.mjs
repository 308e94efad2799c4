// SMS codes through a provider's HTTP API (sms.delivery=http): tests/support/sms_provider_mock.py
// stands in for a Twilio-style Messages API. A non-test phone (+1 555 123 4567) gets a real code,
// for the /v1/me phone verification and for the sign-in second factor; the code is read from the
// mock's record. The mock refuses (401) a request without the right HTTP Basic credentials and
// (400) one without To, From and Body, so a recorded message proves all of them.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../support/server.mjs';
import { attachLogs } from '../../support/server.mjs';
import {
  BASE_SETS, newClient, assertEnvelope, assertClerkError, signUpUser, uniqueEmail, readOutbox,
} from '../../support/flows.mjs';
import {
  me, startSmsProvider, codeInSms, startMfaSignIn, prepareSecondFactor, attemptSecondFactor,
  assertCompleted, REAL_PHONE,
} from '../../support/mfa_flows.mjs';

const SMS_FROM = '+15550000000';
const smsSets = (provider, token = 'secret') => ({
  ...BASE_SETS,
  'dev.clock_control': 'true',
  'sms.delivery': 'http',
  'sms.api_url': provider.url,
  'sms.account_sid': 'AC123',
  'sms.auth_token': token,
  'sms.from': SMS_FROM,
});

let provider;
let server;
nt.before(async () => {
  provider = await startSmsProvider({ accountSid: 'AC123', authToken: 'secret' });
  server = await startServer({ sets: smsSets(provider) });
});
nt.after(async () => {
  await server?.dispose();
  await provider?.stop();
});

/** node:test test with the server log appended on failure. */
function test(name, fn) {
  nt.test(name, async (t) => {
    try {
      await fn(t);
    } catch (err) {
      throw attachLogs(err, server);
    }
  });
}

function assertSms(msg, to) {
  assert.equal(msg.to, to, JSON.stringify(msg));
  assert.equal(msg.from, SMS_FROM, JSON.stringify(msg));
  assert.equal(msg.account_sid, 'AC123', JSON.stringify(msg));
  assert.match(msg.body, /\b\d{6}\b/, JSON.stringify(msg));
  assert.match(msg.body, /Tessera/, `the body names the application: ${msg.body}`);
  return codeInSms(msg.body);
}

test('/v1/me phone verification: the code goes through the provider (Basic auth, To/From/Body) and verifies', async () => {
  const c = newClient(server.url);
  const u = await signUpUser(c, uniqueEmail('sms-me'));
  const q = me(u.sessionId);
  const before = provider.to(REAL_PHONE).length;
  const p = assertEnvelope(await c.post('/v1/me/phone_numbers/', { phone_number: '+1 555 123 4567' }, q)).response;
  assert.equal(p.phone_number, REAL_PHONE);
  assertEnvelope(await c.post(`/v1/me/phone_numbers/${p.id}/prepare_verification`, { strategy: 'phone_code' }, q));
  const sent = provider.to(REAL_PHONE);
  assert.equal(sent.length, before + 1, `one message recorded by the provider: ${JSON.stringify(provider.messages())}`);
  const code = assertSms(sent.at(-1), REAL_PHONE);
  // The dev outbox does not see provider-delivered SMS.
  assert.deepEqual(await readOutbox(server.url, REAL_PHONE), []);

  assertClerkError(await c.post(`/v1/me/phone_numbers/${p.id}/attempt_verification`, { code: code === '000000' ? '000001' : '000000' }, q),
    { status: 422, code: 'form_code_incorrect', param: 'code' });
  const ok = assertEnvelope(await c.post(`/v1/me/phone_numbers/${p.id}/attempt_verification`, { code }, q)).response;
  assert.equal(ok.verification.status, 'verified');
  assertEnvelope(await c.patch(`/v1/me/phone_numbers/${p.id}`, { reserved_for_second_factor: 'true' }, q));

  // Sign-in with the SMS second factor: prepare_second_factor sends a new code via the provider.
  assertEnvelope(await c.delete('/v1/client/sessions'));
  const { client, signIn } = await startMfaSignIn(server.url, u.email);
  const factor = signIn.supported_second_factors.find((f) => f.strategy === 'phone_code');
  assert.equal(factor?.phone_number_id, p.id, JSON.stringify(signIn.supported_second_factors));
  const n = provider.to(REAL_PHONE).length;
  assertEnvelope(await prepareSecondFactor(client, signIn.id, { strategy: 'phone_code', phone_number_id: p.id }));
  const msgs = provider.to(REAL_PHONE);
  assert.equal(msgs.length, n + 1, 'one more message');
  const signInCode = assertSms(msgs.at(-1), REAL_PHONE);
  const done = assertCompleted(await attemptSecondFactor(client, signIn.id, 'phone_code', signInCode));
  assert.equal(done.signIn.second_factor_verification.strategy, 'phone_code');
});

test('test phones (+1 555 555 01xx) send nothing to the provider', async () => {
  const c = newClient(server.url);
  const u = await signUpUser(c, uniqueEmail('sms-testphone'));
  const q = me(u.sessionId);
  const count = provider.messages().length;
  const p = assertEnvelope(await c.post('/v1/me/phone_numbers/', { phone_number: '+15555550123' }, q)).response;
  assertEnvelope(await c.post(`/v1/me/phone_numbers/${p.id}/prepare_verification`, { strategy: 'phone_code' }, q));
  assert.equal(provider.messages().length, count);
  assertEnvelope(await c.post(`/v1/me/phone_numbers/${p.id}/attempt_verification`, { code: '424242' }, q));
});

test('wrong provider credentials: the send fails, the caller gets an error, no code counts as sent', async () => {
  const bad = await startServer({ sets: smsSets(provider, 'wrong-token') });
  try {
    const c = newClient(bad.url);
    const u = await signUpUser(c, uniqueEmail('sms-badauth'));
    const q = me(u.sessionId);
    const count = provider.messages().length;
    const p = assertEnvelope(await c.post('/v1/me/phone_numbers/', { phone_number: REAL_PHONE }, q)).response;
    const res = await c.post(`/v1/me/phone_numbers/${p.id}/prepare_verification`, { strategy: 'phone_code' }, q);
    assert.ok(res.status >= 400, `a failed delivery must not look like success: ${res.status} ${res.text}`);
    assertClerkError(res);
    assert.equal(provider.messages().length, count, 'the mock refused it (401): nothing recorded');
    // Nothing was sent, so there is nothing to verify against.
    assertClerkError(await c.post(`/v1/me/phone_numbers/${p.id}/attempt_verification`, { code: '123456' }, q),
      { status: 400, code: 'verification_not_sent' });
  } catch (err) {
    throw attachLogs(err, bad);
  } finally {
    await bad.dispose();
  }
});
