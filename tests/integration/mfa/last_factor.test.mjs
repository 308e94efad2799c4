// Removing the last second factor. With auth.require_mfa=true it is refused (400 second_factor_deletion_not_allowed),
// whichever way it is attempted (disable TOTP, un-reserve or delete the phone); with another
// factor left it is allowed. With require_mfa off it is allowed and the backup codes go with it
// (two_factor_enabled false), and the next sign-in is password-only.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../../support/server.mjs';
import {
  BASE_SETS, PASSWORD, newClient, assertEnvelope, assertClerkError, signInRequest, uniqueEmail,
} from '../../support/flows.mjs';
import { me, signedUp, enrollTotp, addVerifiedPhone, TEST_PHONE } from '../../support/mfa_flows.mjs';

const flags = (user) => ({
  two_factor_enabled: user.two_factor_enabled, totp_enabled: user.totp_enabled,
  backup_code_enabled: user.backup_code_enabled,
  reserved: user.phone_numbers.map((p) => p.reserved_for_second_factor),
});

nt.describe('require_mfa on', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.require_mfa': 'true', 'dev.clock_control': 'true' } });

  srv.test('the only factor is TOTP → DELETE /v1/me/totp is 400 second_factor_deletion_not_allowed; nothing changes', async () => {
    const { c, u, q } = await signedUp(srv.url, 'last-totp');
    await enrollTotp(c, u.sessionId);
    const before = flags(assertEnvelope(await c.get('/v1/me', q)).response);
    assertClerkError(await c.delete('/v1/me/totp', {}, q), { status: 400, code: 'second_factor_deletion_not_allowed' });
    assert.deepEqual(flags(assertEnvelope(await c.get('/v1/me', q)).response), before);
    assert.deepEqual(before, { two_factor_enabled: true, totp_enabled: true, backup_code_enabled: true, reserved: [] });
  });

  srv.test('the only factor is a phone → un-reserving and deleting it are 400 second_factor_deletion_not_allowed', async () => {
    const { c, u, q } = await signedUp(srv.url, 'last-phone');
    const { phone } = await addVerifiedPhone(c, u.sessionId, TEST_PHONE);
    assertClerkError(await c.patch(`/v1/me/phone_numbers/${phone.id}`, { reserved_for_second_factor: 'false' }, q),
      { status: 400, code: 'second_factor_deletion_not_allowed' });
    assertClerkError(await c.delete(`/v1/me/phone_numbers/${phone.id}`, {}, q), { status: 400, code: 'second_factor_deletion_not_allowed' });
    const user = assertEnvelope(await c.get('/v1/me', q)).response;
    assert.deepEqual(flags(user), { two_factor_enabled: true, totp_enabled: false, backup_code_enabled: true, reserved: [true] });
  });

  srv.test('with two factors one may go, then the other is the last', async () => {
    const { c, u, q } = await signedUp(srv.url, 'last-two');
    await enrollTotp(c, u.sessionId);
    const { phone } = await addVerifiedPhone(c, u.sessionId, TEST_PHONE);
    const del = assertEnvelope(await c.delete('/v1/me/totp', {}, q)).response;
    assert.equal(del.deleted, true);
    let user = assertEnvelope(await c.get('/v1/me', q)).response;
    assert.deepEqual(flags(user), { two_factor_enabled: true, totp_enabled: false, backup_code_enabled: true, reserved: [true] });
    assertClerkError(await c.delete(`/v1/me/phone_numbers/${phone.id}`, {}, q), { status: 400, code: 'second_factor_deletion_not_allowed' });
    // Backup codes alone are not a factor that keeps MFA satisfied.
    user = assertEnvelope(await c.get('/v1/me', q)).response;
    assert.equal(user.phone_numbers.length, 1);
  });
});

nt.describe('require_mfa off', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.require_mfa': 'false', 'dev.clock_control': 'true' } });

  srv.test('disabling the only TOTP drops the backup codes; sign-in is password-only again', async () => {
    const { c, u, q } = await signedUp(srv.url, 'off-totp');
    await enrollTotp(c, u.sessionId);
    assertEnvelope(await c.delete('/v1/me/totp', {}, q));
    const user = assertEnvelope(await c.get('/v1/me', q)).response;
    assert.deepEqual(flags(user), { two_factor_enabled: false, totp_enabled: false, backup_code_enabled: false, reserved: [] });
    assertEnvelope(await c.delete('/v1/client/sessions'));
    const si = assertEnvelope(await signInRequest(newClient(srv.url), u.email, PASSWORD)).response;
    assert.equal(si.status, 'complete', JSON.stringify(si));
  });

  srv.test('un-reserving the only phone drops the backup codes but keeps the (verified) phone', async () => {
    const { c, u, q } = await signedUp(srv.url, 'off-phone');
    const { phone } = await addVerifiedPhone(c, u.sessionId, TEST_PHONE);
    const un = assertEnvelope(await c.patch(`/v1/me/phone_numbers/${phone.id}`, { reserved_for_second_factor: 'false' }, q)).response;
    assert.equal(un.reserved_for_second_factor, false);
    assert.equal(un.default_second_factor, false);
    assert.equal(un.verification?.status, 'verified');
    const user = assertEnvelope(await c.get('/v1/me', q)).response;
    assert.deepEqual(flags(user), { two_factor_enabled: false, totp_enabled: false, backup_code_enabled: false, reserved: [false] });
    // Reserving it again is a first enablement: new backup codes.
    const re = assertEnvelope(await c.patch(`/v1/me/phone_numbers/${phone.id}`, { reserved_for_second_factor: 'true' }, q)).response;
    assert.equal(re.backup_codes?.length, 10, JSON.stringify(re));
  });
});
