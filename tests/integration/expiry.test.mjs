// Expiry: sign-ins/sign-ups (auth.sign_in_lifetime_seconds) and codes (auth.code_lifetime_seconds).
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../support/server.mjs';
import {
  BASE_SETS, PASSWORD, TEST_CODE, newClient, assertEnvelope, assertClerkError, createSignUp, signUpUser,
  uniqueEmail, sleep,
} from '../support/flows.mjs';

nt.describe('short sign-in/sign-up lifetime (1 s)', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.sign_in_lifetime_seconds': '1' } });
  let email;
  nt.before(async () => {
    await srv.ready();
    // signed up fast enough to finish within 1 s
    email = (await signUpUser(newClient(srv.url), uniqueEmail('exp'))).email;
  });

  srv.test('an expired sign-in → 404 resource_not_found', async () => {
    const c = newClient(srv.url);
    const si = assertEnvelope(await c.post('/v1/client/sign_ins', { identifier: email })).response;
    assert.equal(si.status, 'needs_first_factor');
    assert.ok(si.abandon_at <= Date.now() + 5000, `abandon_at ${si.abandon_at} should reflect the 1 s lifetime`);
    await sleep(2200);
    const res = await c.post(`/v1/client/sign_ins/${si.id}/attempt_first_factor`, { strategy: 'password', password: PASSWORD });
    assertClerkError(res, { status: 404, code: 'resource_not_found' });
    const got = await c.get(`/v1/client/sign_ins/${si.id}`);
    assertClerkError(got, { status: 404, code: 'resource_not_found' });
  });

  srv.test('an expired sign-up → 404 resource_not_found', async () => {
    const c = newClient(srv.url);
    const su = assertEnvelope(await createSignUp(c, uniqueEmail('expsu'), PASSWORD)).response;
    await sleep(2200);
    const res = await c.post(`/v1/client/sign_ups/${su.id}/prepare_verification`, { strategy: 'email_code' });
    assertClerkError(res, { status: 404, code: 'resource_not_found' });
  });
});

nt.describe('short code lifetime (1 s)', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.code_lifetime_seconds': '1' } });

  srv.test('an expired email code → 400 verification_expired', async () => {
    const c = newClient(srv.url);
    const su = assertEnvelope(await createSignUp(c, uniqueEmail('expcode'), PASSWORD)).response;
    assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/prepare_verification`, { strategy: 'email_code' }));
    await sleep(2200);
    const res = await c.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code', code: TEST_CODE });
    assertClerkError(res, { status: 400, code: 'verification_expired' });
  });

  srv.test('an expired outbox code → 400 verification_expired', async () => {
    const c = newClient(srv.url);
    const email = uniqueEmail('expcode2', { test: false });
    const su = assertEnvelope(await createSignUp(c, email, PASSWORD)).response;
    assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/prepare_verification`, { strategy: 'email_code' }));
    const { latestOutboxCode } = await import('../support/flows.mjs');
    const code = await latestOutboxCode(srv.url, email);
    await sleep(2200);
    const res = await c.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code', code });
    assertClerkError(res, { status: 400, code: 'verification_expired' });
  });
});
