// TOTP enrollment under /v1/me (protocol §10): create → otpauth URI + base32 secret, verify with a
// code from an independent client (oathtool) → verified + backup codes on first MFA enablement,
// enrolling twice, wrong codes, disabling; /v1/me without a session; the QR code route.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../../support/server.mjs';
import { describe as show } from '../../support/fapi_client.mjs';
import {
  BASE_SETS, newClient, assertEnvelope, assertClerkError, uniqueEmail,
} from '../../support/flows.mjs';
import {
  me, signedUp, totpCode, oathtoolCode, wrongTotp, serverNow, advanceClock, enrollTotp, base32Decode,
  BACKUP_CODE_COUNT, BACKUP_CODE_RE, TOTP_STEP_MS,
} from '../../support/mfa_flows.mjs';

const srv = useServer(nt, { sets: { ...BASE_SETS, 'dev.clock_control': 'true' } });

srv.test('the RFC 6238 helper agrees with oathtool (and with the RFC test vector)', async () => {
  // RFC 6238 appendix B, SHA-1, T=59 → 94287082 (8 digits) → 287082 with 6 digits.
  const rfcSecret = Buffer.from('12345678901234567890').toString('hex');
  assert.equal(Buffer.from(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toString('hex'), rfcSecret);
  assert.equal(totpCode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000), '287082');
  for (const t of [59_000, 1_111_111_109_000, Date.now()]) {
    for (const d of [-1, 0, 1]) {
      assert.equal(totpCode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', t, d), oathtoolCode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', t, d));
    }
  }
});

srv.test('POST /v1/me/totp → unverified totp with a base32 secret and an otpauth URI', async () => {
  const { c, u, q } = await signedUp(srv.url, 'totp-create');
  const res = await c.post('/v1/me/totp', {}, q);
  const j = assertEnvelope(res);
  const t = j.response;
  assert.equal(t.object, 'totp', show(res));
  assert.equal(typeof t.id, 'string', show(res));
  assert.ok(t.id.length > 0, show(res));
  assert.equal(t.verified, false, show(res));
  assert.equal(t.backup_codes, null, show(res));
  assert.match(t.secret, /^[A-Z2-7]+=*$/, show(res));
  assert.ok(base32Decode(t.secret).length >= 16, `secret of at least 128 bits: ${t.secret}`);
  assert.equal(typeof t.created_at, 'number', show(res));
  assert.equal(typeof t.updated_at, 'number', show(res));

  const uri = new URL(t.uri);
  assert.equal(uri.protocol, 'otpauth:', t.uri);
  assert.equal(uri.host, 'totp', t.uri);
  const label = decodeURIComponent(uri.pathname.replace(/^\//, ''));
  assert.equal(label, `Tessera:${u.email}`, t.uri);
  assert.equal(uri.searchParams.get('secret'), t.secret, t.uri);
  assert.equal(uri.searchParams.get('issuer'), 'Tessera', t.uri);
  assert.equal(uri.searchParams.get('algorithm'), 'SHA1', t.uri);
  assert.equal(uri.searchParams.get('digits'), '6', t.uri);
  assert.equal(uri.searchParams.get('period'), '30', t.uri);

  // Created but not verified: nothing is enabled yet.
  const user = assertEnvelope(await c.get('/v1/me', q)).response;
  assert.equal(user.totp_enabled, false);
  assert.equal(user.two_factor_enabled, false);
  assert.equal(user.backup_code_enabled, false);

  // Creating again before verifying replaces the pending secret (the old one no longer works).
  const again = assertEnvelope(await c.post('/v1/me/totp', {}, q)).response;
  assert.notEqual(again.secret, t.secret, 'a new secret each time');
  const now = await serverNow(srv.url);
  assertClerkError(await c.post('/v1/me/totp/attempt_verification', { code: totpCode(t.secret, now) }, q),
    { status: 422, code: 'form_code_incorrect', param: 'code' });
  const ok = assertEnvelope(await c.post('/v1/me/totp/attempt_verification', { code: totpCode(again.secret, now) }, q)).response;
  assert.equal(ok.verified, true);
});

srv.test('attempt_verification with oathtool\'s code → verified, 10 backup codes, user flags on', async () => {
  const { c, q } = await signedUp(srv.url, 'totp-verify');
  const created = assertEnvelope(await c.post('/v1/me/totp', {}, q)).response;
  const now = await serverNow(srv.url);

  // Wrong, missing and malformed codes.
  assertClerkError(await c.post('/v1/me/totp/attempt_verification', { code: wrongTotp(created.secret, now) }, q),
    { status: 422, code: 'form_code_incorrect', param: 'code' });
  assertClerkError(await c.post('/v1/me/totp/attempt_verification', { code: 'abcdef' }, q),
    { status: 422, code: 'form_code_incorrect', param: 'code' });
  assertClerkError(await c.post('/v1/me/totp/attempt_verification', {}, q), { status: 422, code: 'form_param_missing', param: 'code' });
  assert.equal(assertEnvelope(await c.get('/v1/me', q)).response.totp_enabled, false, 'still off after wrong codes');

  const res = await c.post('/v1/me/totp/attempt_verification', { code: oathtoolCode(created.secret, now) }, q);
  const j = assertEnvelope(res);
  const t = j.response;
  assert.equal(t.object, 'totp', show(res));
  assert.equal(t.id, created.id, show(res));
  assert.equal(t.verified, true, show(res));
  assert.ok(Array.isArray(t.backup_codes), `backup_codes on first MFA enablement: ${show(res)}`);
  assert.equal(t.backup_codes.length, BACKUP_CODE_COUNT, show(res));
  for (const code of t.backup_codes) assert.match(code, BACKUP_CODE_RE);
  assert.equal(new Set(t.backup_codes).size, BACKUP_CODE_COUNT, 'backup codes are distinct');

  // The piggybacked client's user reflects the change (the UI re-renders from it).
  const sessionUser = j.client?.sessions?.find((s) => s.id === q._clerk_session_id)?.user;
  assert.ok(sessionUser, `session user in the piggybacked client: ${show(res)}`);
  assert.equal(sessionUser.totp_enabled, true);
  assert.equal(sessionUser.two_factor_enabled, true);

  const user = assertEnvelope(await c.get('/v1/me', q)).response;
  assert.equal(user.totp_enabled, true);
  assert.equal(user.two_factor_enabled, true);
  assert.equal(user.backup_code_enabled, true);
  assert.equal(typeof user.mfa_enabled_at, 'number', 'mfa_enabled_at set');
});

srv.test('enrolling TOTP twice → 400 totp_already_enabled (create and verify); nothing changes', async () => {
  const { c, q } = await signedUp(srv.url, 'totp-twice');
  const t = await enrollTotp(c, q._clerk_session_id);
  assertClerkError(await c.post('/v1/me/totp', {}, q), { status: 400, code: 'totp_already_enabled' });
  const now = await advanceClock(srv.url, TOTP_STEP_MS);
  assertClerkError(await c.post('/v1/me/totp/attempt_verification', { code: totpCode(t.secret, now) }, q),
    { status: 400, code: 'totp_already_enabled' });
  const user = assertEnvelope(await c.get('/v1/me', q)).response;
  assert.equal(user.totp_enabled, true);
  assert.equal(user.backup_code_enabled, true);
});

srv.test('attempt_verification before POST /v1/me/totp → 400 verification_not_sent', async () => {
  const { c, q } = await signedUp(srv.url, 'totp-noprep');
  assertClerkError(await c.post('/v1/me/totp/attempt_verification', { code: '123456' }, q),
    { status: 400, code: 'verification_not_sent' });
});

srv.test('a code two steps away is refused; one step either side is accepted (clock drift)', async () => {
  const { c, q } = await signedUp(srv.url, 'totp-window');
  const created = assertEnvelope(await c.post('/v1/me/totp', {}, q)).response;
  const now = await serverNow(srv.url);
  const far = [totpCode(created.secret, now, 3), totpCode(created.secret, now, -3)]
    .filter((x) => ![-1, 0, 1].some((d) => totpCode(created.secret, now, d) === x));
  for (const code of far) {
    assertClerkError(await c.post('/v1/me/totp/attempt_verification', { code }, q),
      { status: 422, code: 'form_code_incorrect', param: 'code' });
  }
  const ok = assertEnvelope(await c.post('/v1/me/totp/attempt_verification', { code: totpCode(created.secret, now, -1) }, q));
  assert.equal(ok.response.verified, true);
});

srv.test('DELETE /v1/me/totp → {object:totp, id, deleted:true}; last factor gone → backup codes dropped', async () => {
  const { c, q } = await signedUp(srv.url, 'totp-delete');
  const t = await enrollTotp(c, q._clerk_session_id);
  const res = await c.delete('/v1/me/totp', {}, q);
  const j = assertEnvelope(res);
  assert.deepEqual(j.response, { object: 'totp', id: t.id, deleted: true }, show(res));
  const user = assertEnvelope(await c.get('/v1/me', q)).response;
  assert.equal(user.totp_enabled, false);
  assert.equal(user.backup_code_enabled, false, 'require_mfa off: backup codes go with the last factor');
  assert.equal(user.two_factor_enabled, false);

  // Deleting again: nothing to delete.
  assertClerkError(await c.delete('/v1/me/totp', {}, q), { status: 404, code: 'resource_not_found' });

  // Re-enrolling (a little later) works and issues a fresh secret and fresh backup codes.
  await advanceClock(srv.url, TOTP_STEP_MS);
  const again = await enrollTotp(c, q._clerk_session_id);
  assert.notEqual(again.secret, t.secret);
  assert.equal(again.backupCodes?.length, BACKUP_CODE_COUNT);
  assert.equal(again.backupCodes.filter((x) => t.backupCodes.includes(x)).length, 0);
});

srv.test('disable then re-enroll at once: the new secret\'s current code is accepted', async () => {
  // The authenticator app shows the new account's code right away; the step used with the old
  // secret must not block it (create_totp/disable_totp reset the replay counter).
  const { c, q } = await signedUp(srv.url, 'totp-reenroll');
  await enrollTotp(c, q._clerk_session_id);
  assertEnvelope(await c.delete('/v1/me/totp', {}, q));
  const created = assertEnvelope(await c.post('/v1/me/totp', {}, q)).response;
  const now = await serverNow(srv.url);
  const res = await c.post('/v1/me/totp/attempt_verification', { code: totpCode(created.secret, now) }, q);
  assert.equal(res.status, 200, `re-enrollment in the same 30 s step: ${show(res)}`);
  assert.equal(res.json.response.verified, true);
});

srv.test('/v1/me/* without a session → 401 authentication_invalid', async () => {
  const anon = newClient(srv.url);
  const calls = [
    () => anon.get('/v1/me'),
    () => anon.post('/v1/me/totp', {}),
    () => anon.post('/v1/me/totp/attempt_verification', { code: '123456' }),
    () => anon.delete('/v1/me/totp'),
    () => anon.post('/v1/me/backup_codes/', {}),
    () => anon.post('/v1/me/phone_numbers/', { phone_number: '+15555550100' }),
    () => anon.post('/v1/me/phone_numbers/idn_x/prepare_verification', { strategy: 'phone_code' }),
    () => anon.post('/v1/me/phone_numbers/idn_x/attempt_verification', { code: '424242' }),
    () => anon.patch('/v1/me/phone_numbers/idn_x', { reserved_for_second_factor: 'true' }),
    () => anon.delete('/v1/me/phone_numbers/idn_x'),
  ];
  for (const call of calls) assertClerkError(await call(), { status: 401, code: 'authentication_invalid' });

  // A signed-in client asking for a session id that is not its own (another client's, or unknown).
  const a = await signedUp(srv.url, 'me-a');
  const b = await signedUp(srv.url, 'me-b');
  assertClerkError(await a.c.post('/v1/me/totp', {}, me(b.u.sessionId)), { status: 401, code: 'authentication_invalid' });
  assertClerkError(await a.c.get('/v1/me', me('sess_doesnotexist')), { status: 401, code: 'authentication_invalid' });
  // A stolen session id without the client's cookie is not enough either.
  assertClerkError(await newClient(srv.url).post('/v1/me/totp', {}, a.q), { status: 401, code: 'authentication_invalid' });
  // Without ?_clerk_session_id the client's active session acts.
  assert.equal(assertEnvelope(await a.c.get('/v1/me')).response.id, a.u.userId);

  // After sign-out the cookie no longer authenticates.
  assertEnvelope(await a.c.delete('/v1/client/sessions'));
  assertClerkError(await a.c.post('/v1/me/totp', {}, a.q), { status: 401, code: 'authentication_invalid' });
});
