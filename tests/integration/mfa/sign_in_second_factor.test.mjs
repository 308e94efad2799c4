// Multi-factor sign-in (protocol §7.3): password → needs_second_factor with the user's second
// factors; prepare_second_factor (phone_code) sends the SMS; attempt_second_factor with totp,
// backup_code or phone_code → complete with a session in the piggybacked client. And the ways it
// must fail: a strategy the user lacks, attempt before prepare, expired code, too many tries, a
// replayed TOTP code, a used backup code; a wrong TOTP must not discard an SMS code already sent.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../../support/server.mjs';
import { describe as show } from '../../support/fapi_client.mjs';
import {
  BASE_SETS, PASSWORD, TEST_CODE, newClient, assertEnvelope, assertClerkError, signUpUser, uniqueEmail,
  signInRequest, getToken, decodeJwt, readOutbox, latestOutboxCode,
} from '../../support/flows.mjs';
import {
  userWithMfa, startMfaSignIn, prepareSecondFactor, attemptSecondFactor, assertCompleted, freshTotp,
  totpCode, oathtoolCode, wrongTotp, advanceClock, serverNow, addVerifiedPhone, me, TEST_PHONE,
  CODE_LIFETIME_MS, TOTP_STEP_MS,
} from '../../support/mfa_flows.mjs';

const srv = useServer(nt, { sets: { ...BASE_SETS, 'dev.clock_control': 'true' } });

let phoneCounter = 0;
const realPhone = () => `+1555300${String(phoneCounter++).padStart(4, '0')}`;

/** A user whose only MFA phone is a non-test number (the code goes to the dev outbox). */
async function userWithRealPhone(prefix, { totp = false } = {}) {
  const c = newClient(srv.url);
  const u = await signUpUser(c, uniqueEmail(prefix));
  const number = realPhone();
  const q = me(u.sessionId);
  const p = assertEnvelope(await c.post('/v1/me/phone_numbers/', { phone_number: number }, q)).response;
  assertEnvelope(await c.post(`/v1/me/phone_numbers/${p.id}/prepare_verification`, { strategy: 'phone_code' }, q));
  const code = await latestOutboxCode(srv.url, number);
  assertEnvelope(await c.post(`/v1/me/phone_numbers/${p.id}/attempt_verification`, { code }, q));
  const reserved = assertEnvelope(await c.patch(`/v1/me/phone_numbers/${p.id}`, { reserved_for_second_factor: 'true' }, q)).response;
  let secret = null;
  if (totp) {
    const created = assertEnvelope(await c.post('/v1/me/totp', {}, q)).response;
    const now = await serverNow(srv.url);
    assertEnvelope(await c.post('/v1/me/totp/attempt_verification', { code: totpCode(created.secret, now) }, q));
    secret = created.secret;
  }
  assertEnvelope(await c.delete('/v1/client/sessions'));
  return { email: u.email, number, phoneId: p.id, backupCodes: reserved.backup_codes, secret };
}

/**
 * safe_identifier of a phone factor: the country code's first digit and the last four digits,
 * everything between masked (protocol §7.2 shows "+1*******0100"; the number of asterisks is
 * cosmetic, clerk-js only displays it).
 */
function assertMaskedPhone(masked, e164) {
  assert.equal(typeof masked, 'string');
  assert.ok(masked.startsWith(e164.slice(0, 2)), masked);
  assert.ok(masked.endsWith(e164.slice(-4)), masked);
  assert.match(masked.slice(2, -4), /^\*{4,}$/, `the middle is masked: ${masked}`);
}

/** Wait out the resend cooldown (30 s) on the server's clock. */
const pastCooldown = () => advanceClock(srv.url, 31_000);

srv.test('password → needs_second_factor listing totp, phone_code (id, masked number, default) and backup_code', async () => {
  const u = await userWithMfa(srv.url, { prefix: 'sf-list', totp: true, phone: TEST_PHONE });
  const c = newClient(srv.url);
  const res = await signInRequest(c, u.email, PASSWORD);
  const j = assertEnvelope(res);
  const si = j.response;
  assert.equal(si.status, 'needs_second_factor', show(res));
  assert.equal(si.created_session_id, null, show(res));
  assert.equal(si.first_factor_verification?.status, 'verified', show(res));
  assert.equal(si.first_factor_verification.strategy, 'password');
  assert.equal(si.second_factor_verification, null, show(res));
  assert.deepEqual(j.client.sessions, [], 'no session before the second factor');

  const f = si.supported_second_factors;
  assert.ok(Array.isArray(f), show(res));
  assert.deepEqual(f.map((x) => x.strategy).sort(), ['backup_code', 'phone_code', 'totp'], show(res));
  const phone = f.find((x) => x.strategy === 'phone_code');
  assert.equal(phone.phone_number_id, u.phone.id, show(res));
  assertMaskedPhone(phone.safe_identifier, TEST_PHONE);
  assert.ok(!JSON.stringify(si).includes(TEST_PHONE), 'the full number is not revealed before the second factor');
  assert.equal(typeof phone.default, 'boolean');

  // A GET of the attempt shows the same state.
  const again = assertEnvelope(await c.get(`/v1/client/sign_ins/${si.id}`)).response;
  assert.equal(again.status, 'needs_second_factor');
  assert.deepEqual(again.supported_second_factors, f);
});

srv.test('TOTP (oathtool code) → complete, session in the piggybacked client, token for the user', async () => {
  const u = await userWithMfa(srv.url, { prefix: 'sf-totp' });
  const { client, signIn } = await startMfaSignIn(srv.url, u.email);
  const now = await advanceClock(srv.url, TOTP_STEP_MS); // the enrollment used the current step
  const res = await attemptSecondFactor(client, signIn.id, 'totp', oathtoolCode(u.secret, now));
  const { signIn: done, session } = assertCompleted(res);
  assert.equal(done.second_factor_verification?.status, 'verified', show(res));
  assert.equal(done.second_factor_verification.strategy, 'totp', show(res));
  assert.equal(session.status, 'active');
  assert.equal(session.user.id, u.userId);
  const jwt = decodeJwt(await getToken(client, done.created_session_id)).payload;
  assert.equal(jwt.sub, u.userId);
  assert.equal(jwt.sid, done.created_session_id);
  // The finished attempt cannot be reused.
  const { code } = await freshTotp(srv.url, u.secret);
  const reuse = await attemptSecondFactor(client, signIn.id, 'totp', code);
  assert.ok(reuse.status >= 400 && reuse.status < 500 && reuse.status !== 401, `finished attempt: ${show(reuse)}`);
});

srv.test('a TOTP code used once cannot be used again (replay → 422 form_code_incorrect)', async () => {
  const u = await userWithMfa(srv.url, { prefix: 'sf-replay' });
  const { code } = await freshTotp(srv.url, u.secret);
  const first = await startMfaSignIn(srv.url, u.email);
  assertCompleted(await attemptSecondFactor(first.client, first.signIn.id, 'totp', code));
  const second = await startMfaSignIn(srv.url, u.email);
  assertClerkError(await attemptSecondFactor(second.client, second.signIn.id, 'totp', code),
    { status: 422, code: 'form_code_incorrect', param: 'code' });
  // Also an earlier step's code (still inside the ±1 window) is refused once a later step was used.
  const now = await serverNow(srv.url);
  assertClerkError(await attemptSecondFactor(second.client, second.signIn.id, 'totp', totpCode(u.secret, now, -1)),
    { status: 422, code: 'form_code_incorrect', param: 'code' });
  // The next step's code works.
  const next = await freshTotp(srv.url, u.secret);
  assertCompleted(await attemptSecondFactor(second.client, second.signIn.id, 'totp', next.code));
});

srv.test('backup code → complete; a used backup code → 422 form_code_incorrect; the others still work', async () => {
  const u = await userWithMfa(srv.url, { prefix: 'sf-backup' });
  const [b0, b1] = u.backupCodes;
  const a = await startMfaSignIn(srv.url, u.email);
  const res = await attemptSecondFactor(a.client, a.signIn.id, 'backup_code', b0);
  const { signIn: done } = assertCompleted(res);
  assert.equal(done.second_factor_verification?.strategy, 'backup_code', show(res));

  const b = await startMfaSignIn(srv.url, u.email);
  assertClerkError(await attemptSecondFactor(b.client, b.signIn.id, 'backup_code', b0),
    { status: 422, code: 'form_code_incorrect', param: 'code' });
  assertClerkError(await attemptSecondFactor(b.client, b.signIn.id, 'backup_code', 'zzzzzzzzzz'),
    { status: 422, code: 'form_code_incorrect', param: 'code' });
  assertCompleted(await attemptSecondFactor(b.client, b.signIn.id, 'backup_code', b1));
});

srv.test('phone_code: prepare sends the SMS (dev outbox), attempt with it → complete', async () => {
  const u = await userWithRealPhone('sf-sms');
  const { client, signIn } = await startMfaSignIn(srv.url, u.email);
  const factor = signIn.supported_second_factors.find((x) => x.strategy === 'phone_code');
  assert.equal(factor?.phone_number_id, u.phoneId, JSON.stringify(signIn.supported_second_factors));
  assertMaskedPhone(factor.safe_identifier, u.number);
  const before = (await readOutbox(srv.url, u.number)).length;

  const res = await prepareSecondFactor(client, signIn.id, { strategy: 'phone_code', phone_number_id: u.phoneId });
  const prepared = assertEnvelope(res).response;
  assert.equal(prepared.status, 'needs_second_factor', show(res));
  assert.equal(prepared.second_factor_verification?.status, 'unverified', show(res));
  assert.equal(prepared.second_factor_verification.strategy, 'phone_code', show(res));
  assert.equal(prepared.second_factor_verification.attempts, 0, show(res));
  const now = await serverNow(srv.url);
  const expireAt = prepared.second_factor_verification.expire_at;
  assert.ok(Math.abs(expireAt - (now + CODE_LIFETIME_MS)) < 60_000, `expire_at ≈ now + 10 min: ${expireAt} vs ${now}`);
  const msgs = await readOutbox(srv.url, u.number);
  assert.equal(msgs.length, before + 1, 'one SMS sent');
  const code = await latestOutboxCode(srv.url, u.number);

  const done = assertCompleted(await attemptSecondFactor(client, signIn.id, 'phone_code', code));
  assert.equal(done.signIn.second_factor_verification?.strategy, 'phone_code');
  assert.equal(done.signIn.second_factor_verification.status, 'verified');
});

srv.test('phone_code on a test phone: prepare sends nothing, 424242 completes', async () => {
  const u = await userWithMfa(srv.url, { prefix: 'sf-testphone', totp: false, phone: TEST_PHONE });
  const { client, signIn } = await startMfaSignIn(srv.url, u.email);
  assertEnvelope(await prepareSecondFactor(client, signIn.id, { strategy: 'phone_code', phone_number_id: u.phone.id }));
  assert.deepEqual(await readOutbox(srv.url, TEST_PHONE), []);
  assertCompleted(await attemptSecondFactor(client, signIn.id, 'phone_code', TEST_CODE));
});

srv.test('a strategy the user lacks → 400 strategy_for_user_invalid (prepare and attempt)', async () => {
  const u = await userWithMfa(srv.url, { prefix: 'sf-wrongstrategy' }); // TOTP + backup codes, no phone
  const { client, signIn } = await startMfaSignIn(srv.url, u.email);
  assertClerkError(await prepareSecondFactor(client, signIn.id, { strategy: 'phone_code' }),
    { status: 400, code: 'strategy_for_user_invalid' });
  assertClerkError(await prepareSecondFactor(client, signIn.id, { strategy: 'phone_code', phone_number_id: 'idn_nope' }),
    { status: 400, code: 'strategy_for_user_invalid' });
  assertClerkError(await attemptSecondFactor(client, signIn.id, 'phone_code', '123456'),
    { status: 400, code: 'strategy_for_user_invalid' });
  assertClerkError(await attemptSecondFactor(client, signIn.id, 'email_code', '123456'),
    { status: 400, code: 'strategy_for_user_invalid' });
  assertClerkError(await attemptSecondFactor(client, signIn.id, 'password', PASSWORD),
    { status: 400, code: 'strategy_for_user_invalid' });

  // A phone-only user has no TOTP; with its backup codes removed... it still has backup codes, so
  // check TOTP on a phone-only user.
  const p = await userWithMfa(srv.url, { prefix: 'sf-phoneonly', totp: false, phone: TEST_PHONE });
  const s = await startMfaSignIn(srv.url, p.email);
  assert.deepEqual(s.signIn.supported_second_factors.map((x) => x.strategy).sort(), ['backup_code', 'phone_code']);
  assertClerkError(await attemptSecondFactor(s.client, s.signIn.id, 'totp', '123456'),
    { status: 400, code: 'strategy_for_user_invalid' });
  // Another user's phone id is not this user's factor.
  assertClerkError(await prepareSecondFactor(client, signIn.id, { strategy: 'phone_code', phone_number_id: p.phone.id }),
    { status: 400, code: 'strategy_for_user_invalid' });
  // Missing code.
  assertClerkError(await attemptSecondFactor(s.client, s.signIn.id, 'phone_code', ''),
    { status: 422, code: 'form_param_missing', param: 'code' });
});

srv.test('phone_code attempt before prepare → 400 verification_not_sent', async () => {
  const u = await userWithMfa(srv.url, { prefix: 'sf-noprep', totp: false, phone: TEST_PHONE });
  const { client, signIn } = await startMfaSignIn(srv.url, u.email);
  assertClerkError(await attemptSecondFactor(client, signIn.id, 'phone_code', TEST_CODE),
    { status: 400, code: 'verification_not_sent' });
  // Then prepare + the same code works.
  assertEnvelope(await prepareSecondFactor(client, signIn.id, { strategy: 'phone_code', phone_number_id: u.phone.id }));
  assertCompleted(await attemptSecondFactor(client, signIn.id, 'phone_code', TEST_CODE));
});

srv.test('expired SMS code (past code_lifetime_seconds) → 400 verification_expired; a new code works', async () => {
  const u = await userWithRealPhone('sf-expired');
  const { client, signIn } = await startMfaSignIn(srv.url, u.email);
  assertEnvelope(await prepareSecondFactor(client, signIn.id, { strategy: 'phone_code', phone_number_id: u.phoneId }));
  const code = await latestOutboxCode(srv.url, u.number);
  await advanceClock(srv.url, CODE_LIFETIME_MS - 5_000);
  // Just before expiry a wrong code is only incorrect...
  assertClerkError(await attemptSecondFactor(client, signIn.id, 'phone_code', code === '000000' ? '000001' : '000000'),
    { status: 422, code: 'form_code_incorrect' });
  await advanceClock(srv.url, 6_000);
  // ...after it even the right code is expired.
  assertClerkError(await attemptSecondFactor(client, signIn.id, 'phone_code', code), { status: 400, code: 'verification_expired' });
  const cur = assertEnvelope(await client.get(`/v1/client/sign_ins/${signIn.id}`)).response;
  assert.equal(cur.status, 'needs_second_factor');
  assert.equal(cur.second_factor_verification?.status, 'expired', JSON.stringify(cur.second_factor_verification));

  assertEnvelope(await prepareSecondFactor(client, signIn.id, { strategy: 'phone_code', phone_number_id: u.phoneId }));
  const fresh = await latestOutboxCode(srv.url, u.number);
  assertCompleted(await attemptSecondFactor(client, signIn.id, 'phone_code', fresh));
});

srv.test('three wrong SMS codes → 400 verification_failed; the right code is then refused; resend works', async () => {
  const u = await userWithRealPhone('sf-toomany');
  const { client, signIn } = await startMfaSignIn(srv.url, u.email);
  assertEnvelope(await prepareSecondFactor(client, signIn.id, { strategy: 'phone_code', phone_number_id: u.phoneId }));
  const right = await latestOutboxCode(srv.url, u.number);
  const wrong = right === '000000' ? '000001' : '000000';
  assertClerkError(await attemptSecondFactor(client, signIn.id, 'phone_code', wrong), { status: 422, code: 'form_code_incorrect', param: 'code' });
  assertClerkError(await attemptSecondFactor(client, signIn.id, 'phone_code', wrong), { status: 422, code: 'form_code_incorrect', param: 'code' });
  assertClerkError(await attemptSecondFactor(client, signIn.id, 'phone_code', wrong), { status: 400, code: 'verification_failed' });
  assertClerkError(await attemptSecondFactor(client, signIn.id, 'phone_code', right), { status: 400, code: 'verification_failed' });
  const cur = assertEnvelope(await client.get(`/v1/client/sign_ins/${signIn.id}`)).response;
  assert.equal(cur.status, 'needs_second_factor', 'the attempt is not complete');
  assert.equal(cur.second_factor_verification?.status, 'failed', JSON.stringify(cur.second_factor_verification));
  assert.deepEqual(assertEnvelope(await client.get('/v1/client')).response?.sessions ?? [], []);

  await pastCooldown();
  assertEnvelope(await prepareSecondFactor(client, signIn.id, { strategy: 'phone_code', phone_number_id: u.phoneId }));
  assertCompleted(await attemptSecondFactor(client, signIn.id, 'phone_code', await latestOutboxCode(srv.url, u.number)));
});

srv.test('a wrong TOTP (or backup code) does not discard an SMS code already sent', async () => {
  const u = await userWithRealPhone('sf-keepsms', { totp: true });
  const { client, signIn } = await startMfaSignIn(srv.url, u.email);
  assertEnvelope(await prepareSecondFactor(client, signIn.id, { strategy: 'phone_code', phone_number_id: u.phoneId }));
  const sms = await latestOutboxCode(srv.url, u.number);
  const now = await serverNow(srv.url);
  assertClerkError(await attemptSecondFactor(client, signIn.id, 'totp', wrongTotp(u.secret, now)),
    { status: 422, code: 'form_code_incorrect', param: 'code' });
  assertClerkError(await attemptSecondFactor(client, signIn.id, 'backup_code', 'zzzzzzzzzz'),
    { status: 422, code: 'form_code_incorrect', param: 'code' });
  const cur = assertEnvelope(await client.get(`/v1/client/sign_ins/${signIn.id}`)).response;
  assert.equal(cur.second_factor_verification?.strategy, 'phone_code', JSON.stringify(cur.second_factor_verification));
  assert.equal(cur.second_factor_verification.status, 'unverified');
  const done = assertCompleted(await attemptSecondFactor(client, signIn.id, 'phone_code', sms));
  assert.equal(done.signIn.second_factor_verification.strategy, 'phone_code');
});

srv.test('re-sending within the cooldown → 429 verification_code_too_many_requests; after it, a new code replaces the old', async () => {
  const u = await userWithRealPhone('sf-resend');
  const { client, signIn } = await startMfaSignIn(srv.url, u.email);
  const prep = () => prepareSecondFactor(client, signIn.id, { strategy: 'phone_code', phone_number_id: u.phoneId });
  assertEnvelope(await prep());
  const first = await latestOutboxCode(srv.url, u.number);
  assertClerkError(await prep(), { status: 429, code: 'verification_code_too_many_requests' });
  await pastCooldown();
  assertEnvelope(await prep());
  const second = await latestOutboxCode(srv.url, u.number);
  if (first !== second) {
    assertClerkError(await attemptSecondFactor(client, signIn.id, 'phone_code', first), { status: 422, code: 'form_code_incorrect' });
  }
  assertCompleted(await attemptSecondFactor(client, signIn.id, 'phone_code', second));
});

srv.test('a sign-in of another client cannot be driven from this one (404 resource_not_found)', async () => {
  const u = await userWithMfa(srv.url, { prefix: 'sf-otherclient' });
  const { signIn } = await startMfaSignIn(srv.url, u.email);
  const intruder = newClient(srv.url);
  assertClerkError(await attemptSecondFactor(intruder, signIn.id, 'backup_code', u.backupCodes[0]),
    { status: 404, code: 'resource_not_found' });
  // The backup code was not consumed by that.
  const mine = await startMfaSignIn(srv.url, u.email);
  assertCompleted(await attemptSecondFactor(mine.client, mine.signIn.id, 'backup_code', u.backupCodes[0]));
});

srv.test('MFA enrolled mid-session is enforced on the next sign-in; removing it turns it off again', async () => {
  const c = newClient(srv.url);
  const u = await signUpUser(c, uniqueEmail('sf-toggle'));
  const { phone } = await addVerifiedPhone(c, u.sessionId, TEST_PHONE);
  assertEnvelope(await c.delete('/v1/client/sessions'));
  const s = await startMfaSignIn(srv.url, u.email);
  assertEnvelope(await prepareSecondFactor(s.client, s.signIn.id, { strategy: 'phone_code', phone_number_id: phone.id }));
  const done = assertCompleted(await attemptSecondFactor(s.client, s.signIn.id, 'phone_code', TEST_CODE));
  // Remove the factor from the new session; the next sign-in is password-only.
  assertEnvelope(await s.client.delete(`/v1/me/phone_numbers/${phone.id}`, {}, me(done.signIn.created_session_id)));
  const plain = assertEnvelope(await signInRequest(newClient(srv.url), u.email, PASSWORD)).response;
  assert.equal(plain.status, 'complete', JSON.stringify(plain));
});
