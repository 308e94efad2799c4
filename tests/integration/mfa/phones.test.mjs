// Phone numbers as a second factor under /v1/me (protocol §10): add, prepare/attempt the SMS
// verification (test phones accept 424242; others get a code in the dev outbox), reserve for 2FA
// (backup codes on first enablement), default second factor, delete; bad inputs and unknown ids.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../../support/server.mjs';
import { describe as show } from '../../support/fapi_client.mjs';
import {
  BASE_SETS, TEST_CODE, assertEnvelope, assertClerkError, uniqueEmail,
  readOutbox, latestOutboxCode,
} from '../../support/flows.mjs';
import {
  me, signedUp, addVerifiedPhone, enrollTotp, advanceClock, TEST_PHONE, TEST_PHONE_2, CODE_LIFETIME_MS,
  BACKUP_CODE_COUNT,
} from '../../support/mfa_flows.mjs';

const srv = useServer(nt, { sets: { ...BASE_SETS, 'dev.clock_control': 'true' } });

let phoneCounter = 0;
/** A non-test phone unique within this server (+1 555 200 xxxx: outside the test range 555 555 01xx). */
const realPhone = () => `+1555200${String(phoneCounter++).padStart(4, '0')}`;

const addPhone = (c, q, phone_number) => c.post('/v1/me/phone_numbers/', { phone_number }, q);
const prepare = (c, q, id) => c.post(`/v1/me/phone_numbers/${id}/prepare_verification`, { strategy: 'phone_code' }, q);
const attempt = (c, q, id, code) => c.post(`/v1/me/phone_numbers/${id}/attempt_verification`, { code }, q);

srv.test('POST /v1/me/phone_numbers/ → unverified phone; shows in /v1/me; not a second factor yet', async () => {
  const { c, q } = await signedUp(srv.url, 'phone-add');
  const res = await addPhone(c, q, '+1 (555) 555-0100');
  const j = assertEnvelope(res);
  const p = j.response;
  assert.equal(p.object, 'phone_number', show(res));
  assert.match(p.id, /^idn_/, show(res));
  assert.equal(p.phone_number, TEST_PHONE, 'normalized to E.164');
  assert.equal(p.reserved_for_second_factor, false);
  assert.equal(p.default_second_factor, false);
  assert.equal(p.verification, null, 'no verification before prepare');
  assert.equal(p.backup_codes, null);
  const user = assertEnvelope(await c.get('/v1/me', q)).response;
  assert.deepEqual(user.phone_numbers.map((x) => [x.id, x.phone_number, x.reserved_for_second_factor]), [[p.id, TEST_PHONE, false]]);
  assert.equal(user.two_factor_enabled, false);
  // GET one phone.
  assert.equal(assertEnvelope(await c.get(`/v1/me/phone_numbers/${p.id}`, q)).response.id, p.id);
});

srv.test('bad phone numbers → 422 form_param_format_invalid / form_param_missing; duplicate → 422 form_identifier_exists', async () => {
  const { c, q } = await signedUp(srv.url, 'phone-bad');
  for (const bad of ['5555550100', '+1555abc0100', '+0123456789', '+1234', '+1234567890123456', 'not a phone']) {
    assertClerkError(await addPhone(c, q, bad), { status: 422, code: 'form_param_format_invalid', param: 'phone_number' });
  }
  assertClerkError(await c.post('/v1/me/phone_numbers/', {}, q), { status: 422, code: 'form_param_missing', param: 'phone_number' });
  assertEnvelope(await addPhone(c, q, TEST_PHONE));
  assertClerkError(await addPhone(c, q, TEST_PHONE), { status: 422, code: 'form_identifier_exists', param: 'phone_number' });
  assertClerkError(await addPhone(c, q, '+1 555-555-0100'), { status: 422, code: 'form_identifier_exists', param: 'phone_number' });
  assert.equal(assertEnvelope(await c.get('/v1/me', q)).response.phone_numbers.length, 1);
});

srv.test('test phone: prepare → unverified phone_code verification; wrong code 422; 424242 → verified', async () => {
  const { c, q } = await signedUp(srv.url, 'phone-verify');
  const p = assertEnvelope(await addPhone(c, q, TEST_PHONE)).response;
  const prepared = assertEnvelope(await prepare(c, q, p.id)).response;
  assert.equal(prepared.verification?.status, 'unverified', JSON.stringify(prepared));
  assert.equal(prepared.verification.strategy, 'phone_code');
  assert.equal(prepared.verification.attempts, 0);
  assert.equal(typeof prepared.verification.expire_at, 'number');
  assert.deepEqual(await readOutbox(srv.url, TEST_PHONE), [], 'test phones get nothing sent');

  assertClerkError(await attempt(c, q, p.id, '111111'), { status: 422, code: 'form_code_incorrect', param: 'code' });
  assertClerkError(await attempt(c, q, p.id, ''), { status: 422, code: 'form_param_missing', param: 'code' });
  const ok = assertEnvelope(await attempt(c, q, p.id, TEST_CODE)).response;
  assert.equal(ok.verification.status, 'verified');
  assert.equal(ok.reserved_for_second_factor, false, 'verifying does not reserve it');
  // Verified: neither prepare nor attempt again.
  assertClerkError(await prepare(c, q, p.id), { status: 400, code: 'verification_already_verified' });
  assertClerkError(await attempt(c, q, p.id, TEST_CODE), { status: 400, code: 'verification_already_verified' });
  const user = assertEnvelope(await c.get('/v1/me', q)).response;
  assert.equal(user.two_factor_enabled, false, 'a verified phone is not a second factor until reserved');
});

srv.test('non-test phone: the code is delivered (dev outbox) and verifies the phone', async () => {
  const { c, q } = await signedUp(srv.url, 'phone-real');
  const number = realPhone();
  const p = assertEnvelope(await addPhone(c, q, number)).response;
  assertEnvelope(await prepare(c, q, p.id));
  const msgs = await readOutbox(srv.url, number);
  assert.equal(msgs.length, 1, JSON.stringify(msgs));
  const code = await latestOutboxCode(srv.url, number);
  assertClerkError(await attempt(c, q, p.id, code === '000000' ? '000001' : '000000'), { status: 422, code: 'form_code_incorrect', param: 'code' });
  assert.equal(assertEnvelope(await attempt(c, q, p.id, code)).response.verification.status, 'verified');
});

srv.test('phone verification: attempt before prepare → 400 verification_not_sent; expired → verification_expired; 3 wrong → verification_failed', async () => {
  const { c, q } = await signedUp(srv.url, 'phone-errors');
  const a = assertEnvelope(await addPhone(c, q, realPhone())).response;
  assertClerkError(await attempt(c, q, a.id, '123456'), { status: 400, code: 'verification_not_sent' });

  // Expired: past auth.code_lifetime_seconds.
  assertEnvelope(await prepare(c, q, a.id));
  const code = await latestOutboxCode(srv.url, a.phone_number);
  await advanceClock(srv.url, CODE_LIFETIME_MS + 1000);
  assertClerkError(await attempt(c, q, a.id, code), { status: 400, code: 'verification_expired' });
  // A new code can be sent and works.
  assertEnvelope(await prepare(c, q, a.id));
  const code2 = await latestOutboxCode(srv.url, a.phone_number);
  assert.equal(assertEnvelope(await attempt(c, q, a.id, code2)).response.verification.status, 'verified');

  // Too many tries: the third wrong code fails the verification; then even the right code is refused.
  const b = assertEnvelope(await addPhone(c, q, realPhone())).response;
  assertEnvelope(await prepare(c, q, b.id));
  const right = await latestOutboxCode(srv.url, b.phone_number);
  const wrong = right === '000000' ? '000001' : '000000';
  assertClerkError(await attempt(c, q, b.id, wrong), { status: 422, code: 'form_code_incorrect' });
  assertClerkError(await attempt(c, q, b.id, wrong), { status: 422, code: 'form_code_incorrect' });
  assertClerkError(await attempt(c, q, b.id, wrong), { status: 400, code: 'verification_failed' });
  assertClerkError(await attempt(c, q, b.id, right), { status: 400, code: 'verification_failed' });
  const after = assertEnvelope(await c.get(`/v1/me/phone_numbers/${b.id}`, q)).response;
  assert.equal(after.verification?.status, 'failed', JSON.stringify(after));
});

srv.test('reserve for 2FA: unverified → 400 identification_update_second_factor_unverified; verified → reserved, default, backup codes once', async () => {
  const { c, q } = await signedUp(srv.url, 'phone-reserve');
  const p = assertEnvelope(await addPhone(c, q, TEST_PHONE)).response;
  assertClerkError(await c.patch(`/v1/me/phone_numbers/${p.id}`, { reserved_for_second_factor: 'true' }, q),
    { status: 400, code: 'identification_update_second_factor_unverified' });
  assertClerkError(await c.patch(`/v1/me/phone_numbers/${p.id}`, { default_second_factor: 'true' }, q),
    { status: 400, code: 'identification_update_second_factor_unverified' });
  assertClerkError(await c.patch(`/v1/me/phone_numbers/${p.id}`, { reserved_for_second_factor: 'yes please' }, q),
    { status: 422, code: 'form_param_format_invalid', param: 'reserved_for_second_factor' });
  assertEnvelope(await prepare(c, q, p.id));
  assertEnvelope(await attempt(c, q, p.id, TEST_CODE));

  const res = await c.patch(`/v1/me/phone_numbers/${p.id}`, { reserved_for_second_factor: 'true' }, q);
  const j = assertEnvelope(res);
  assert.equal(j.response.reserved_for_second_factor, true, show(res));
  assert.equal(j.response.default_second_factor, true, 'the first reserved phone is the default');
  assert.ok(Array.isArray(j.response.backup_codes) && j.response.backup_codes.length === BACKUP_CODE_COUNT,
    `backup codes on first MFA enablement: ${show(res)}`);
  const sessionUser = j.client?.sessions?.find((s) => s.id === q._clerk_session_id)?.user;
  assert.equal(sessionUser?.two_factor_enabled, true, 'piggybacked client reflects the change');

  let user = assertEnvelope(await c.get('/v1/me', q)).response;
  assert.equal(user.two_factor_enabled, true);
  assert.equal(user.backup_code_enabled, true);
  assert.equal(user.totp_enabled, false);
  assert.equal(user.phone_numbers[0].reserved_for_second_factor, true);

  // A second phone, reserved too: no new backup codes (MFA was already on); default moves with the flag.
  const second = await addVerifiedPhone(c, q._clerk_session_id, TEST_PHONE_2);
  assert.equal(second.backupCodes, null, 'backup codes are issued only on the first enablement');
  assert.equal(second.phone.default_second_factor, false, 'the default stays where it was');
  const d1 = assertEnvelope(await c.patch(`/v1/me/phone_numbers/${p.id}`, { default_second_factor: 'true' }, q)).response;
  assert.equal(d1.default_second_factor, true);
  const d2 = assertEnvelope(await c.patch(`/v1/me/phone_numbers/${second.phone.id}`, { default_second_factor: 'true' }, q)).response;
  assert.equal(d2.default_second_factor, true);
  user = assertEnvelope(await c.get('/v1/me', q)).response;
  const byId = Object.fromEntries(user.phone_numbers.map((x) => [x.id, x]));
  assert.equal(byId[second.phone.id].default_second_factor, true);
  assert.equal(byId[p.id].default_second_factor, false, 'only one default second factor');
  // The default moves only by naming another one.
  assertClerkError(await c.patch(`/v1/me/phone_numbers/${second.phone.id}`, { default_second_factor: 'false' }, q),
    { status: 422, code: 'form_disable_default_second_factor_not_allowed' });

  // Un-reserving the default of two: MFA stays on, and the other phone becomes the default.
  const un = assertEnvelope(await c.patch(`/v1/me/phone_numbers/${second.phone.id}`, { reserved_for_second_factor: 'false' }, q)).response;
  assert.equal(un.reserved_for_second_factor, false);
  assert.equal(un.default_second_factor, false);
  user = assertEnvelope(await c.get('/v1/me', q)).response;
  assert.equal(user.two_factor_enabled, true);
  assert.equal(user.phone_numbers.find((x) => x.id === p.id).default_second_factor, true);
});

srv.test('unknown phone id → 404 resource_not_found on every phone route (also another user\'s phone)', async () => {
  const { c, q } = await signedUp(srv.url, 'phone-404');
  const other = await signedUp(srv.url, 'phone-404-other');
  const theirs = assertEnvelope(await addPhone(other.c, other.q, TEST_PHONE)).response;
  for (const id of ['idn_doesnotexist', theirs.id]) {
    assertClerkError(await c.get(`/v1/me/phone_numbers/${id}`, q), { status: 404, code: 'resource_not_found' });
    assertClerkError(await prepare(c, q, id), { status: 404, code: 'resource_not_found' });
    assertClerkError(await attempt(c, q, id, TEST_CODE), { status: 404, code: 'resource_not_found' });
    assertClerkError(await c.patch(`/v1/me/phone_numbers/${id}`, { reserved_for_second_factor: 'true' }, q), { status: 404, code: 'resource_not_found' });
    assertClerkError(await c.delete(`/v1/me/phone_numbers/${id}`, {}, q), { status: 404, code: 'resource_not_found' });
  }
  // The other user's phone is untouched.
  assert.equal(assertEnvelope(await other.c.get('/v1/me', other.q)).response.phone_numbers.length, 1);
});

srv.test('DELETE phone → deleted object; deleting the last second factor (require_mfa off) drops the backup codes', async () => {
  const { c, q } = await signedUp(srv.url, 'phone-delete');
  // An unverified extra phone can simply go.
  const extra = assertEnvelope(await addPhone(c, q, TEST_PHONE_2)).response;
  const res = await c.delete(`/v1/me/phone_numbers/${extra.id}`, {}, q);
  assert.deepEqual(assertEnvelope(res).response, { object: 'phone_number', id: extra.id, deleted: true }, show(res));

  const { phone } = await addVerifiedPhone(c, q._clerk_session_id, TEST_PHONE);
  let user = assertEnvelope(await c.get('/v1/me', q)).response;
  assert.equal(user.two_factor_enabled, true);
  assert.equal(user.backup_code_enabled, true);
  const del = assertEnvelope(await c.delete(`/v1/me/phone_numbers/${phone.id}`, {}, q));
  assert.deepEqual(del.response, { object: 'phone_number', id: phone.id, deleted: true });
  user = assertEnvelope(await c.get('/v1/me', q)).response;
  assert.deepEqual(user.phone_numbers, []);
  assert.equal(user.backup_code_enabled, false);
  assert.equal(user.two_factor_enabled, false);
  assertClerkError(await c.delete(`/v1/me/phone_numbers/${phone.id}`, {}, q), { status: 404, code: 'resource_not_found' });
});

srv.test('with TOTP still on, removing the phone keeps the backup codes', async () => {
  const { c, q } = await signedUp(srv.url, 'phone-and-totp');
  const t = await enrollTotp(c, q._clerk_session_id);
  const { phone, backupCodes } = await addVerifiedPhone(c, q._clerk_session_id, TEST_PHONE);
  assert.equal(backupCodes, null, 'MFA already on (TOTP): no new backup codes');
  assert.equal(t.backupCodes.length, BACKUP_CODE_COUNT);
  assertEnvelope(await c.delete(`/v1/me/phone_numbers/${phone.id}`, {}, q));
  const user = assertEnvelope(await c.get('/v1/me', q)).response;
  assert.equal(user.totp_enabled, true);
  assert.equal(user.backup_code_enabled, true);
  assert.equal(user.two_factor_enabled, true);
});
