// The Backend API subset, driven by the official @clerk/backend as an app's server drives Clerk's:
// createClerkClient({ secretKey, apiUrl }).users.getUser(id) (what Next.js's currentUser() calls)
// with security.secret_key as the key. A wrong key, no key, and an unknown user get Clerk's errors.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { createClerkClient } from '@clerk/backend';
import { useServer } from '../support/server.mjs';
import { BASE_SETS, newClient, signUpUser, uniqueEmail } from '../support/flows.mjs';
import { enrollTotp } from '../support/mfa_flows.mjs';

const SECRET_KEY = 'sk_test_backend_api_0123456789';

/** The Clerk error a @clerk/backend call failed with: {status, code}. */
async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    return { status: e.status, code: e.errors?.[0]?.code };
  }
  assert.fail('the call succeeded');
}

nt.describe('Backend API with a secret key', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'security.secret_key': SECRET_KEY, 'dev.clock_control': 'true' } });
  const clerk = () => createClerkClient({ secretKey: SECRET_KEY, apiUrl: srv.url });

  nt.it('users.getUser() returns the user as @clerk/backend reads it', async () => {
    const c = newClient(srv.url);
    const u = await signUpUser(c, uniqueEmail('bapi'));
    await enrollTotp(c, u.sessionId);
    const user = await clerk().users.getUser(u.userId);
    assert.equal(user.id, u.userId);
    assert.equal(user.primaryEmailAddress?.emailAddress, u.email);
    assert.equal(user.emailAddresses[0].verification?.status, 'verified');
    assert.equal(user.passwordEnabled, true);
    assert.equal(user.twoFactorEnabled, true);
    assert.equal(user.totpEnabled, true);
    assert.deepEqual(user.privateMetadata, {});
    assert.equal(typeof user.createdAt, 'number');
  });

  nt.it('an unknown user is 404 resource_not_found', async () => {
    assert.deepEqual(await failure(clerk().users.getUser('user_nobody')), { status: 404, code: 'resource_not_found' });
  });

  nt.it('another key is 401 clerk_key_invalid; no key at all is refused too', async () => {
    const u = await signUpUser(newClient(srv.url), uniqueEmail('bapi-key'));
    const wrong = createClerkClient({ secretKey: `${SECRET_KEY}x`, apiUrl: srv.url });
    assert.deepEqual(await failure(wrong.users.getUser(u.userId)), { status: 401, code: 'clerk_key_invalid' });
    const res = await fetch(`${srv.url}/v1/users/${u.userId}`);
    assert.equal(res.status, 401);
    assert.equal((await res.json()).errors[0].code, 'authorization_header_format_invalid');
  });
});

nt.describe('Backend API without a secret key configured', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'security.secret_key': '' } });

  nt.it('every key is refused (401 clerk_key_invalid), even an empty one', async () => {
    const u = await signUpUser(newClient(srv.url), uniqueEmail('bapi-off'));
    for (const secretKey of [SECRET_KEY, 'sk_test_tessera_development']) {
      const clerk = createClerkClient({ secretKey, apiUrl: srv.url });
      assert.deepEqual(await failure(clerk.users.getUser(u.userId)), { status: 401, code: 'clerk_key_invalid' });
    }
    const res = await fetch(`${srv.url}/v1/users/${u.userId}`, { headers: { Authorization: 'Bearer ' } });
    assert.equal(res.status, 401);
  });
});
