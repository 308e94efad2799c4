// Limits (issue 4): account lockout after consecutive failures and its expiry, `tessera users
// unlock`, the tries allowed per code, the resend cooldown, and the per-IP rate limits.
// Time is moved with dev.clock_control (POST /__dev/clock), never slept away.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { useServer, TESSERA_BIN, TESSERA_CONFIG, REPO_ROOT } from '../support/server.mjs';
import { describe as show } from '../support/fapi_client.mjs';
import {
  BASE_SETS, PASSWORD, newClient, assertEnvelope, assertClerkError, createSignUp, signUpUser, signInRequest,
  signInUser, uniqueEmail, latestOutboxCode, readOutbox,
} from '../support/flows.mjs';
import { advanceClock, oathtoolCode, wrongTotp } from '../support/mfa_flows.mjs';

const LOCKOUT_ATTEMPTS = 10; // limits.lockout_attempts (default)
const LOCKOUT_SECONDS = 3600; // limits.lockout_seconds (default)
const COOLDOWN_SECONDS = 30; // limits.resend_cooldown_seconds (default)

/** The lockout error: 403 user_locked with meta.lockout_expires_in_seconds in (min, max]. */
function assertLocked(res, { min = LOCKOUT_SECONDS - 60, max = LOCKOUT_SECONDS } = {}) {
  const e = assertClerkError(res, { status: 403, code: 'user_locked' });
  const raw = e.meta.lockout_expires_in_seconds;
  assert.ok(raw !== undefined && raw !== null, `meta.lockout_expires_in_seconds missing: ${show(res)}`);
  const secs = Number(raw);
  assert.ok(Number.isFinite(secs) && secs > min && secs <= max,
    `lockout_expires_in_seconds ${JSON.stringify(raw)} not in (${min}, ${max}]: ${show(res)}`);
  return secs;
}

/** Sign-up + TOTP (via /v1/me) for a user; returns {email, secret, backupCodes}. Signed out after. */
async function userWithTotp(url, prefix) {
  const c = newClient(url);
  const u = await signUpUser(c, uniqueEmail(prefix));
  const q = { _clerk_session_id: u.sessionId };
  const totp = assertEnvelope(await c.post('/v1/me/totp', {}, q)).response;
  assert.match(totp.secret ?? '', /^[A-Z2-7]+=*$/, JSON.stringify(totp));
  const now = await advanceClock(url, 0);
  const verified = assertEnvelope(await c.post('/v1/me/totp/attempt_verification', { code: oathtoolCode(totp.secret, now) }, q)).response;
  assert.equal(verified.verified, true, JSON.stringify(verified));
  assert.ok(Array.isArray(verified.backup_codes) && verified.backup_codes.length > 0, JSON.stringify(verified));
  assertEnvelope(await c.delete('/v1/client/sessions'));
  return { email: u.email, userId: u.userId, secret: totp.secret, backupCodes: verified.backup_codes };
}

nt.describe('lockout, code tries and resend cooldown', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'dev.clock_control': 'true' } });

  srv.test('10 consecutive failures (TOTP, backup code, password) lock the account; the lock ends after lockout_seconds', async () => {
    const u = await userWithTotp(srv.url, 'lock');
    const c = newClient(srv.url);
    // A right password resets the count, so the second-factor failures come first on one sign-in.
    const si = assertEnvelope(await signInRequest(c, u.email, PASSWORD)).response;
    assert.equal(si.status, 'needs_second_factor', JSON.stringify(si));
    let failures = 0;
    let now = await advanceClock(srv.url, 0);
    for (let i = 0; i < 3; i++, failures++) {
      const r = await c.post(`/v1/client/sign_ins/${si.id}/attempt_second_factor`, { strategy: 'totp', code: wrongTotp(u.secret, now) });
      assertClerkError(r, { status: 422, code: 'form_code_incorrect', param: 'code' });
    }
    for (let i = 0; i < 3; i++, failures++) {
      const r = await c.post(`/v1/client/sign_ins/${si.id}/attempt_second_factor`, { strategy: 'backup_code', code: `zzzzzzzz${i}x` });
      assertClerkError(r, { status: 422, code: 'form_code_incorrect', param: 'code' });
    }
    for (; failures < LOCKOUT_ATTEMPTS; failures++) {
      const r = await signInRequest(newClient(srv.url), u.email, `wrong password ${failures}`);
      assertClerkError(r, { status: 422, code: 'form_password_incorrect', param: 'password' });
    }

    // Locked: the right password, the right TOTP code and a valid backup code are all refused.
    assertLocked(await signInRequest(newClient(srv.url), u.email, PASSWORD));
    now = await advanceClock(srv.url, 0);
    assertLocked(await c.post(`/v1/client/sign_ins/${si.id}/attempt_second_factor`, { strategy: 'totp', code: oathtoolCode(u.secret, now) }));
    assertLocked(await c.post(`/v1/client/sign_ins/${si.id}/attempt_second_factor`, { strategy: 'backup_code', code: u.backupCodes[0] }));
    const identifierFirst = newClient(srv.url);
    const si2 = assertEnvelope(await identifierFirst.post('/v1/client/sign_ins', { identifier: u.email })).response;
    assertLocked(await identifierFirst.post(`/v1/client/sign_ins/${si2.id}/attempt_first_factor`, { strategy: 'password', password: PASSWORD }));

    // Half an hour later the remaining time has gone down accordingly.
    await advanceClock(srv.url, 1800_000);
    assertLocked(await signInRequest(newClient(srv.url), u.email, PASSWORD), { min: 1700, max: 1800 });

    // After lockout_seconds the right password works again (the user has MFA: second factor next).
    await advanceClock(srv.url, (LOCKOUT_SECONDS - 1800 + 1) * 1000);
    const c2 = newClient(srv.url);
    const after = assertEnvelope(await signInRequest(c2, u.email, PASSWORD)).response;
    assert.equal(after.status, 'needs_second_factor', JSON.stringify(after));
    now = await advanceClock(srv.url, 0);
    const done = assertEnvelope(await c2.post(`/v1/client/sign_ins/${after.id}/attempt_second_factor`, { strategy: 'totp', code: oathtoolCode(u.secret, now) }));
    assert.equal(done.response.status, 'complete', JSON.stringify(done.response));

    // The count started again from zero: one more failure does not lock.
    assertClerkError(await signInRequest(newClient(srv.url), u.email, 'wrong again'), { status: 422, code: 'form_password_incorrect' });
    assertEnvelope(await c2.delete('/v1/client/sessions'));
    const again = assertEnvelope(await signInRequest(c2, u.email, PASSWORD)).response;
    assert.equal(again.status, 'needs_second_factor', JSON.stringify(again));
  });

  srv.test('a success before the limit resets the count (failures must be consecutive)', async () => {
    const u = await signUpUser(newClient(srv.url), uniqueEmail('consec'));
    for (let i = 0; i < LOCKOUT_ATTEMPTS - 1; i++) {
      assertClerkError(await signInRequest(newClient(srv.url), u.email, `nope ${i}`), { status: 422, code: 'form_password_incorrect' });
    }
    const c = newClient(srv.url);
    await signInUser(c, u.email); // client_trust is off on this server
    for (let i = 0; i < LOCKOUT_ATTEMPTS - 1; i++) {
      assertClerkError(await signInRequest(newClient(srv.url), u.email, `nope again ${i}`), { status: 422, code: 'form_password_incorrect' });
    }
    await signInUser(newClient(srv.url), u.email);
  });

  srv.test('`tessera users unlock EMAIL` lifts a lock at once', async () => {
    const u = await signUpUser(newClient(srv.url), uniqueEmail('unlock'));
    for (let i = 0; i < LOCKOUT_ATTEMPTS; i++) {
      assertClerkError(await signInRequest(newClient(srv.url), u.email, `bad ${i}`), { status: 422, code: 'form_password_incorrect' });
    }
    assertLocked(await signInRequest(newClient(srv.url), u.email, PASSWORD));

    const out = execFileSync(TESSERA_BIN, ['users', 'unlock', u.email, '--config', TESSERA_CONFIG, '--database', srv.database], {
      cwd: REPO_ROOT, encoding: 'utf8',
    });
    assert.match(out, /unlocked/, out);
    await signInUser(newClient(srv.url), u.email);

    // An unknown address: non-zero exit.
    assert.throws(() => execFileSync(TESSERA_BIN, ['users', 'unlock', uniqueEmail('ghost'), '--config', TESSERA_CONFIG, '--database', srv.database], {
      cwd: REPO_ROOT, stdio: 'pipe',
    }));
  });

  srv.test('3 wrong tries use a code up: verification_failed, then even the right code fails until a new one is prepared', async () => {
    const c = newClient(srv.url);
    const email = uniqueEmail('tries', { test: false }); // a real code, read from the dev outbox
    const su = assertEnvelope(await createSignUp(c, email, PASSWORD)).response;
    const prep = `/v1/client/sign_ups/${su.id}/prepare_verification`;
    const attempt = `/v1/client/sign_ups/${su.id}/attempt_verification`;
    assertEnvelope(await c.post(prep, { strategy: 'email_code' }));
    const code = await latestOutboxCode(srv.url, email);
    const wrong = code === '111111' ? '222222' : '111111';

    for (let i = 1; i <= 2; i++) {
      assertClerkError(await c.post(attempt, { strategy: 'email_code', code: wrong }), { status: 422, code: 'form_code_incorrect', param: 'code' });
    }
    assertClerkError(await c.post(attempt, { strategy: 'email_code', code: wrong }), { status: 400, code: 'verification_failed' });
    const st = assertEnvelope(await c.get(`/v1/client`)).response?.sign_up;
    if (st) assert.equal(st.verifications.email_address.status, 'failed', JSON.stringify(st.verifications));
    // The right code no longer helps.
    assertClerkError(await c.post(attempt, { strategy: 'email_code', code }), { status: 400, code: 'verification_failed' });

    // A new code (past the resend cooldown) works.
    await advanceClock(srv.url, (COOLDOWN_SECONDS + 1) * 1000);
    assertEnvelope(await c.post(prep, { strategy: 'email_code' }));
    const msgs = await readOutbox(srv.url, email);
    assert.equal(msgs.length, 2, `a second code was sent: ${JSON.stringify(msgs)}`);
    const fresh = await latestOutboxCode(srv.url, email);
    const done = assertEnvelope(await c.post(attempt, { strategy: 'email_code', code: fresh })).response;
    assert.equal(done.status, 'complete', JSON.stringify(done));
  });

  srv.test('a new code inside the resend cooldown → 429 verification_code_too_many_requests with Retry-After', async () => {
    const c = newClient(srv.url);
    const email = uniqueEmail('cooldown', { test: false });
    const su = assertEnvelope(await createSignUp(c, email, PASSWORD)).response;
    const prep = `/v1/client/sign_ups/${su.id}/prepare_verification`;
    assertEnvelope(await c.post(prep, { strategy: 'email_code' }));
    const first = await latestOutboxCode(srv.url, email);

    const res = await c.post(prep, { strategy: 'email_code' });
    assertClerkError(res, { status: 429, code: 'verification_code_too_many_requests' });
    const retry = Number(res.headers.get('retry-after'));
    assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= COOLDOWN_SECONDS, `Retry-After: ${res.headers.get('retry-after')}`);
    assert.equal((await readOutbox(srv.url, email)).length, 1, 'nothing was sent');

    // 20 s later the wait is shorter; after the cooldown a new code is sent and replaces the first.
    await advanceClock(srv.url, 20_000);
    const res2 = await c.post(prep, { strategy: 'email_code' });
    assertClerkError(res2, { status: 429, code: 'verification_code_too_many_requests' });
    const retry2 = Number(res2.headers.get('retry-after'));
    assert.ok(retry2 >= 1 && retry2 <= COOLDOWN_SECONDS - 19, `Retry-After after 20 s: ${retry2}`);

    await advanceClock(srv.url, (COOLDOWN_SECONDS - 20 + 1) * 1000);
    assertEnvelope(await c.post(prep, { strategy: 'email_code' }));
    const msgs = await readOutbox(srv.url, email);
    assert.equal(msgs.length, 2, JSON.stringify(msgs));
    const second = await latestOutboxCode(srv.url, email);
    if (second !== first) {
      assertClerkError(await c.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code', code: first }),
        { status: 422, code: 'form_code_incorrect' });
    }
    const done = assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code', code: second })).response;
    assert.equal(done.status, 'complete', JSON.stringify(done));
  });
});

nt.describe('per-IP rate limits (limits.rate_limits=true)', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'dev.clock_control': 'true', 'limits.rate_limits': 'true' } });
  let email;

  nt.before(async () => {
    await srv.ready();
    email = (await signUpUser(newClient(srv.url), uniqueEmail('rate'))).email;
  });

  // Each test starts in a fresh 10 s window.
  nt.beforeEach(async () => {
    await srv.ready();
    await advanceClock(srv.url, 11_000);
  });

  function assertTooMany(res) {
    assertClerkError(res, { status: 429, code: 'too_many_requests' });
    const retry = Number(res.headers.get('retry-after'));
    assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 10, `Retry-After: ${res.headers.get('retry-after')}`);
    return retry;
  }

  srv.test('6 sign-in creations in a row → the 6th is 429 too_many_requests with Retry-After ≤ 10', async () => {
    for (let i = 1; i <= 5; i++) {
      const r = await newClient(srv.url).post('/v1/client/sign_ins', { identifier: email });
      assert.equal(r.status, 200, `creation ${i}: ${show(r)}`);
    }
    assertTooMany(await newClient(srv.url).post('/v1/client/sign_ins', { identifier: email }));
    // Sign-ups share the creation budget.
    assertTooMany(await createSignUp(newClient(srv.url), uniqueEmail('rate-su'), PASSWORD));
    // The next window allows creations again.
    await advanceClock(srv.url, 10_000);
    assert.equal((await newClient(srv.url).post('/v1/client/sign_ins', { identifier: email })).status, 200);
  });

  srv.test('6 sign-up creations in a row → the 6th is 429', async () => {
    for (let i = 1; i <= 5; i++) {
      const r = await createSignUp(newClient(srv.url), uniqueEmail('rate-su'), PASSWORD);
      assert.equal(r.status, 200, `sign-up ${i}: ${show(r)}`);
    }
    assertTooMany(await createSignUp(newClient(srv.url), uniqueEmail('rate-su'), PASSWORD));
  });

  srv.test('4 attempts in a row → the 4th is 429 too_many_requests with Retry-After ≤ 10', async () => {
    const c = newClient(srv.url);
    const si = assertEnvelope(await c.post('/v1/client/sign_ins', { identifier: email })).response;
    const path = `/v1/client/sign_ins/${si.id}/attempt_first_factor`;
    for (let i = 1; i <= 3; i++) {
      assertClerkError(await c.post(path, { strategy: 'password', password: `wrong ${i}` }), { status: 422, code: 'form_password_incorrect' });
    }
    assertTooMany(await c.post(path, { strategy: 'password', password: PASSWORD }));
    // The limit is per IP, not per sign-in: another client from the same address is refused too.
    const other = newClient(srv.url);
    const si2 = assertEnvelope(await other.post('/v1/client/sign_ins', { identifier: email })).response;
    assertTooMany(await other.post(`/v1/client/sign_ins/${si2.id}/attempt_first_factor`, { strategy: 'password', password: PASSWORD }));
    // Next window: the right password completes.
    await advanceClock(srv.url, 10_000);
    const ok = assertEnvelope(await c.post(path, { strategy: 'password', password: PASSWORD })).response;
    assert.equal(ok.status, 'complete', JSON.stringify(ok));
  });

  srv.test('reads (GET /v1/client, /v1/environment) are not limited', async () => {
    const c = newClient(srv.url);
    for (let i = 0; i < 12; i++) {
      assert.equal((await c.get('/v1/client')).status, 200);
      assert.equal((await c.get('/v1/environment')).status, 200);
    }
  });
});
