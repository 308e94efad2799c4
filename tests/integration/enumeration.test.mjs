// Enumeration protection (auth.enumeration_protection=true, issue 4): an unknown identifier is
// answered exactly like a known one — identifier-only create → needs_first_factor with the same
// factors; identifier + password → the same 422 form_password_incorrect, after comparable work (both
// verify an argon2id hash). Also: well-known passwords are refused at sign-up (form_password_pwned).
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../support/server.mjs';
import {
  BASE_SETS, PASSWORD, newClient, assertEnvelope, assertClerkError, createSignUp, signUpUser, signInRequest,
  uniqueEmail,
} from '../support/flows.mjs';

/**
 * The shape of a JSON value with everything that legitimately differs between two attempts
 * masked: ids (any *_id / id field and values like sia_…), timestamps (*_at numbers) and the
 * identifier the user typed.
 */
function masked(value, key = '') {
  if (Array.isArray(value)) return value.map((v) => masked(v));
  if (value && typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value).sort()) out[k] = masked(value[k], k);
    return out;
  }
  if (key === 'id' || key.endsWith('_id')) return value === null ? null : '<id>';
  if (key.endsWith('_at') && typeof value === 'number') return '<time>';
  if (key === 'identifier' || key === 'safe_identifier') return value === null ? null : '<identifier>';
  return value;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

nt.describe('enumeration protection on', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.enumeration_protection': 'true' } });
  let known;

  nt.before(async () => {
    await srv.ready();
    known = await signUpUser(newClient(srv.url), uniqueEmail('known'));
  });

  srv.test('identifier + password: unknown and known-with-wrong-password give the same 422', async () => {
    const unknownRes = await signInRequest(newClient(srv.url), uniqueEmail('nobody'), PASSWORD);
    const knownRes = await signInRequest(newClient(srv.url), known.email, 'not the password at all');
    const e1 = assertClerkError(unknownRes, { status: 422, code: 'form_password_incorrect', param: 'password' });
    const e2 = assertClerkError(knownRes, { status: 422, code: 'form_password_incorrect', param: 'password' });
    assert.deepEqual(e1, e2, 'the same error object');
    assert.deepEqual(masked(unknownRes.json), masked(knownRes.json), 'the same body');
    assert.equal(unknownRes.headers.get('content-type'), knownRes.headers.get('content-type'));
  });

  srv.test('identifier only: both → needs_first_factor with the same supported_first_factors and shape', async () => {
    const cu = newClient(srv.url);
    const ck = newClient(srv.url);
    const unknownJ = assertEnvelope(await cu.post('/v1/client/sign_ins', { identifier: uniqueEmail('nobody'), locale: 'en-US' }));
    const knownJ = assertEnvelope(await ck.post('/v1/client/sign_ins', { identifier: known.email, locale: 'en-US' }));
    const u = unknownJ.response;
    const k = knownJ.response;
    assert.equal(u.status, 'needs_first_factor', JSON.stringify(u));
    assert.equal(k.status, 'needs_first_factor', JSON.stringify(k));
    // The same apart from the address each typed (the reset code's safe_identifier).
    assert.deepEqual(masked(u.supported_first_factors), masked(k.supported_first_factors), 'same supported_first_factors');
    assert.ok(Array.isArray(u.supported_first_factors) && u.supported_first_factors.some((f) => f.strategy === 'password'),
      JSON.stringify(u.supported_first_factors));
    // Nothing in the known user's factors may point at their account (no email_address_id).
    for (const f of k.supported_first_factors) assert.ok(!f.email_address_id && !f.phone_number_id, JSON.stringify(f));
    assert.deepEqual(u.user_data, k.user_data, 'same user_data');
    assert.deepEqual(masked(u), masked(k), 'same sign-in body apart from ids, times and the identifier');
    assert.deepEqual(masked(unknownJ.client), masked(knownJ.client), 'same piggybacked client shape');

    // The password attempt then fails the same way on both.
    const au = await cu.post(`/v1/client/sign_ins/${u.id}/attempt_first_factor`, { strategy: 'password', password: PASSWORD });
    const ak = await ck.post(`/v1/client/sign_ins/${k.id}/attempt_first_factor`, { strategy: 'password', password: 'wrong wrong wrong' });
    assertClerkError(au, { status: 422, code: 'form_password_incorrect', param: 'password' });
    assertClerkError(ak, { status: 422, code: 'form_password_incorrect', param: 'password' });
    assert.deepEqual(masked(au.json), masked(ak.json));

    // The known user's right password still completes (protection hides, it does not block).
    const ok = assertEnvelope(await ck.post(`/v1/client/sign_ins/${k.id}/attempt_first_factor`, { strategy: 'password', password: PASSWORD }));
    assert.equal(ok.response.status, 'complete', JSON.stringify(ok.response));
  });

  // clerk-js only prepares factors the sign-in offers (here: password), but the endpoints are
  // public: calling them directly must not tell the two apart either.
  srv.test('prepare/attempt_first_factor email_code answer the same for unknown and known identifiers', async () => {
    const cu = newClient(srv.url);
    const ck = newClient(srv.url);
    const u = assertEnvelope(await cu.post('/v1/client/sign_ins', { identifier: uniqueEmail('nobody') })).response;
    const k = assertEnvelope(await ck.post('/v1/client/sign_ins', { identifier: known.email })).response;
    const pu = await cu.post(`/v1/client/sign_ins/${u.id}/prepare_first_factor`, { strategy: 'email_code' });
    const pk = await ck.post(`/v1/client/sign_ins/${k.id}/prepare_first_factor`, { strategy: 'email_code' });
    assert.equal(pu.status, pk.status, `unknown: ${pu.text}\nknown: ${pk.text}`);
    if (pu.status >= 400) assert.deepEqual(masked(pu.json), masked(pk.json));
    const au = await cu.post(`/v1/client/sign_ins/${u.id}/attempt_first_factor`, { strategy: 'email_code', code: '123456' });
    const ak = await ck.post(`/v1/client/sign_ins/${k.id}/attempt_first_factor`, { strategy: 'email_code', code: '123456' });
    assert.equal(au.status, ak.status, `unknown: ${au.text}\nknown: ${ak.text}`);
    assert.deepEqual(masked(au.json), masked(ak.json));
  });

  srv.test('response times are of the same order (unknown ≥ 0.5 × known wrong password)', async () => {
    // A user of its own: these failures must not add up to a lockout of `known`.
    const timed = await signUpUser(newClient(srv.url), uniqueEmail('timed'));
    // Warm up both paths once (the dummy hash is computed lazily).
    await signInRequest(newClient(srv.url), uniqueEmail('warm'), PASSWORD);
    await signInRequest(newClient(srv.url), timed.email, 'warm up wrong');
    const timeOf = async (identifier, password) => {
      const t0 = performance.now();
      const r = await signInRequest(newClient(srv.url), identifier, password);
      const ms = performance.now() - t0;
      assert.equal(r.status, 422, r.text);
      return ms;
    };
    const unknownMs = [];
    const knownMs = [];
    for (let i = 0; i < 5; i++) {
      unknownMs.push(await timeOf(uniqueEmail('timing'), PASSWORD));
      knownMs.push(await timeOf(timed.email, `wrong ${i}`));
    }
    const mu = median(unknownMs);
    const mk = median(knownMs);
    console.log(`# median latency: unknown ${mu.toFixed(1)} ms, known+wrong ${mk.toFixed(1)} ms`);
    assert.ok(mu >= 0.5 * mk, `unknown identifier ${mu.toFixed(1)} ms vs known wrong password ${mk.toFixed(1)} ms: ${unknownMs} / ${knownMs}`);
  });
});

nt.describe('enumeration protection off (default)', () => {
  const srv = useServer(nt, { sets: BASE_SETS });

  srv.test('unknown identifier → 422 form_identifier_not_found (identifier)', async () => {
    assertClerkError(await signInRequest(newClient(srv.url), uniqueEmail('nobody'), PASSWORD),
      { status: 422, code: 'form_identifier_not_found', param: 'identifier' });
  });

  srv.test('well-known passwords are refused at sign-up: 422 form_password_pwned (password)', async () => {
    for (const pw of ['password1', '12345678', 'Password1']) {
      const res = await createSignUp(newClient(srv.url), uniqueEmail('pwned'), pw);
      assertClerkError(res, { status: 422, code: 'form_password_pwned', param: 'password' });
    }
    // A long, unusual password is accepted.
    const ok = await createSignUp(newClient(srv.url), uniqueEmail('strong'), PASSWORD);
    assert.equal(ok.status, 200, ok.text);
  });

  srv.test('form_password_pwned also on PATCH of an existing sign-up', async () => {
    const c = newClient(srv.url);
    const su = assertEnvelope(await createSignUp(c, uniqueEmail('pwned-patch'), PASSWORD)).response;
    const res = await c.patch(`/v1/client/sign_ups/${su.id}`, { password: '12345678' });
    assertClerkError(res, { status: 422, code: 'form_password_pwned', param: 'password' });
  });
});
