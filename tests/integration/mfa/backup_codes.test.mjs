// Backup codes under /v1/me (protocol §10): POST /v1/me/backup_codes/ (trailing slash, as clerk-js
// sends it) regenerates 10 codes and invalidates the old ones; without another second factor →
// 400 backup_codes_not_available.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../../support/server.mjs';
import { describe as show } from '../../support/fapi_client.mjs';
import {
  BASE_SETS, assertEnvelope, assertClerkError, uniqueEmail,
} from '../../support/flows.mjs';
import {
  me, signedUp, enrollTotp, addVerifiedPhone, startMfaSignIn, attemptSecondFactor, assertCompleted, TEST_PHONE,
  BACKUP_CODE_COUNT, BACKUP_CODE_RE,
} from '../../support/mfa_flows.mjs';

const srv = useServer(nt, { sets: { ...BASE_SETS, 'dev.clock_control': 'true' } });

srv.test('without a second factor → 400 backup_codes_not_available (nothing issued)', async () => {
  const { c, q } = await signedUp(srv.url, 'bc-none');
  assertClerkError(await c.post('/v1/me/backup_codes/', {}, q), { status: 400, code: 'backup_codes_not_available' });
  // A verified phone that is not reserved for 2FA does not count either.
  await addVerifiedPhone(c, q._clerk_session_id, TEST_PHONE, { reserve: false });
  assertClerkError(await c.post('/v1/me/backup_codes/', {}, q), { status: 400, code: 'backup_codes_not_available' });
  const user = assertEnvelope(await c.get('/v1/me', q)).response;
  assert.equal(user.backup_code_enabled, false);
  assert.equal(user.two_factor_enabled, false);
});

srv.test('regenerate → {object:backup_code, codes[10]}; old codes stop working, new ones work', async () => {
  const { c, u, q } = await signedUp(srv.url, 'bc-regen');
  const t = await enrollTotp(c, u.sessionId);
  const res = await c.post('/v1/me/backup_codes/', {}, q);
  const j = assertEnvelope(res);
  const b = j.response;
  assert.equal(b.object, 'backup_code', show(res));
  assert.equal(typeof b.id, 'string', show(res));
  assert.ok(Array.isArray(b.codes) && b.codes.length === BACKUP_CODE_COUNT, show(res));
  for (const code of b.codes) assert.match(code, BACKUP_CODE_RE);
  assert.equal(new Set(b.codes).size, BACKUP_CODE_COUNT);
  assert.equal(b.codes.filter((x) => t.backupCodes.includes(x)).length, 0, 'all new');
  // Without the trailing slash too (the route is the same resource).
  const again = assertEnvelope(await c.post('/v1/me/backup_codes', {}, q)).response.codes;
  assert.equal(again.length, BACKUP_CODE_COUNT);
  assert.equal(assertEnvelope(await c.get('/v1/me', q)).response.backup_code_enabled, true);

  assertEnvelope(await c.delete('/v1/client/sessions'));
  const s = await startMfaSignIn(srv.url, u.email);
  // The first enrollment's codes and the first regeneration's are both gone.
  assertClerkError(await attemptSecondFactor(s.client, s.signIn.id, 'backup_code', t.backupCodes[0]),
    { status: 422, code: 'form_code_incorrect', param: 'code' });
  assertClerkError(await attemptSecondFactor(s.client, s.signIn.id, 'backup_code', b.codes[0]),
    { status: 422, code: 'form_code_incorrect', param: 'code' });
  assertCompleted(await attemptSecondFactor(s.client, s.signIn.id, 'backup_code', again[BACKUP_CODE_COUNT - 1]));
});

srv.test('a phone reserved for 2FA is enough to regenerate', async () => {
  const { c, u, q } = await signedUp(srv.url, 'bc-phone');
  const { backupCodes } = await addVerifiedPhone(c, u.sessionId, TEST_PHONE);
  assert.equal(backupCodes?.length, BACKUP_CODE_COUNT);
  const codes = assertEnvelope(await c.post('/v1/me/backup_codes/', {}, q)).response.codes;
  assert.equal(codes.length, BACKUP_CODE_COUNT);
});

srv.test('using all the backup codes: each works once; then backup_code is no longer offered', async () => {
  const { c, u } = await signedUp(srv.url, 'bc-all');
  const { phone, backupCodes } = await addVerifiedPhone(c, u.sessionId, TEST_PHONE);
  assert.ok(phone.id);
  assertEnvelope(await c.delete('/v1/client/sessions'));
  for (const code of backupCodes) {
    const s = await startMfaSignIn(srv.url, u.email);
    assertCompleted(await attemptSecondFactor(s.client, s.signIn.id, 'backup_code', code));
  }
  const s = await startMfaSignIn(srv.url, u.email);
  assert.deepEqual(s.signIn.supported_second_factors.map((x) => x.strategy), ['phone_code'],
    JSON.stringify(s.signIn.supported_second_factors));
  assertClerkError(await attemptSecondFactor(s.client, s.signIn.id, 'backup_code', backupCodes[0]),
    { status: 400, code: 'strategy_for_user_invalid' });
});
