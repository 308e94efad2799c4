// GET/PATCH /v1/environment, GET /v1/client, DELETE /v1/client (protocol §4–§6).
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../support/server.mjs';
import { describe as desc } from '../support/fapi_client.mjs';
import {
  BASE_SETS, newClient, assertEnvelope, assertOk, assertClerkError, signUpUser, uniqueEmail,
} from '../support/flows.mjs';

const srv = useServer(nt, { sets: BASE_SETS });

function checkEnvironment(env) {
  assert.equal(env.object, 'environment');
  for (const k of ['auth_config', 'display_config', 'user_settings', 'organization_settings']) {
    assert.ok(env[k] && typeof env[k] === 'object', `environment.${k} missing`);
  }
  assert.equal(typeof env.auth_config.single_session_mode, 'boolean');
  assert.ok(['development', 'production'].includes(env.display_config.instance_environment_type));
  // A present attributes map replaces clerk-js defaults wholesale: all ten must be there.
  const attrs = env.user_settings.attributes;
  assert.ok(attrs && typeof attrs === 'object', 'user_settings.attributes');
  for (const name of ['email_address', 'phone_number', 'username', 'web3_wallet', 'first_name', 'last_name',
    'password', 'authenticator_app', 'backup_code', 'passkey']) {
    assert.equal(typeof attrs[name]?.enabled, 'boolean', `attributes.${name}.enabled`);
  }
  assert.equal(attrs.email_address.enabled, true);
  assert.equal(attrs.password.enabled, true);
  // Captcha and Protect loaders must stay off (they fetch third-party scripts).
  assert.notEqual(env.user_settings.sign_up?.captcha_enabled, true);
  if (env.protect_config) assert.deepEqual(env.protect_config.loaders ?? [], []);
  // commerce_settings is a crash trap when partial: either absent or complete.
  if (env.commerce_settings) {
    const b = env.commerce_settings.billing;
    assert.equal(typeof b.user.enabled, 'boolean');
    assert.equal(typeof b.organization.enabled, 'boolean');
  }
}

srv.test('GET /v1/environment answers 200 with a bare environment object', async () => {
  const c = newClient(srv.url);
  const res = await c.get('/v1/environment');
  const j = assertOk(res);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  const env = j.object === 'environment' ? j : j.response; // bare preferred, envelope tolerated
  checkEnvironment(env);
});

srv.test('the environment tells what the server enforces: test mode, the password length range', async () => {
  const env = assertOk(await newClient(srv.url).get('/v1/environment'));
  assert.equal(env.auth_config.test_mode, true, 'BASE_SETS turn test mode on');
  const { min_length: min, max_length: max } = env.user_settings.password_settings;
  assert.deepEqual([min, max], [8, 72], "Clerk's default range");
  const c = newClient(srv.url);
  assertOk(await c.post('/v1/client/sign_ups', { email_address: uniqueEmail('max'), password: 'x1'.repeat(max / 2) }));
  const over = await newClient(srv.url).post('/v1/client/sign_ups', { email_address: uniqueEmail('over'), password: 'x1'.repeat(max / 2) + 'y' });
  assertClerkError(over, { status: 422, code: 'form_password_length_too_long', param: 'password' });
});

srv.test('POST /v1/environment?_method=PATCH (dev load touch, empty form body) answers the environment', async () => {
  const c = newClient(srv.url);
  const res = await c.patch('/v1/environment', {});
  const j = assertOk(res);
  checkEnvironment(j.object === 'environment' ? j : j.response);
});

srv.test('the same FAPI is served under the /__clerk prefix', async () => {
  const c = newClient(srv.url);
  const res = await c.get('/__clerk/v1/environment');
  const j = assertOk(res);
  checkEnvironment(j.object === 'environment' ? j : j.response);
  const cl = await c.get('/__clerk/v1/client');
  assert.equal(cl.status, 200, desc(cl));
});

srv.test('GET /v1/client without any identity answers 200 {response:null, client:null}', async () => {
  const c = newClient(srv.url);
  const res = await c.get('/v1/client');
  const j = assertEnvelope(res);
  assert.equal(j.response, null);
  assert.equal(j.client, null);
});

srv.test('GET /v1/client with an unknown __client cookie is still 200 (never 4xx on load)', async () => {
  const c = newClient(srv.url);
  c.jar.set('__client', 'garbage.not-a-real-client');
  const res = await c.get('/v1/client');
  const j = assertEnvelope(res);
  assert.ok(j.response === null || (j.response.object === 'client' && j.response.sessions.every((s) => s.status !== 'active')),
    desc(res));
});

srv.test('GET /v1/client after sign-up returns the client with the active session', async () => {
  const c = newClient(srv.url);
  const { sessionId, userId, email } = await signUpUser(c, uniqueEmail('load'));
  const res = await c.get('/v1/client');
  const j = assertEnvelope(res);
  const client = j.response;
  assert.equal(client.object, 'client');
  assert.equal(typeof client.id, 'string');
  assert.equal(client.last_active_session_id, sessionId);
  const s = client.sessions.find((x) => x.id === sessionId);
  assert.ok(s, desc(res));
  assert.equal(s.object, 'session');
  assert.equal(s.status, 'active');
  assert.equal(s.user.id, userId);
  assert.equal(s.user.object, 'user');
  assert.ok(s.user.email_addresses.some((e) => e.email_address === email));
  assert.equal(s.public_user_data.identifier, email);
  // Timestamps are Unix milliseconds.
  assert.ok(client.created_at > 1e12 && client.updated_at > 1e12, `ms timestamps: ${client.created_at}`);
  assert.ok(s.expire_at > Date.now(), 'session expire_at in ms and in the future');
  // cookie_expires_at must be null or ≥ 8 days away (else clerk-js detours through /v1/client/touch).
  if (client.cookie_expires_at !== null && client.cookie_expires_at !== undefined) {
    assert.ok(client.cookie_expires_at > Date.now() + 8 * 86400e3, `cookie_expires_at=${client.cookie_expires_at}`);
  }
  // A different browser (no cookie) does not see it.
  const other = newClient(srv.url);
  const j2 = assertEnvelope(await other.get('/v1/client'));
  assert.equal(j2.response, null);
});

srv.test('POST /v1/client?_method=DELETE destroys the client', async () => {
  const c = newClient(srv.url);
  const { sessionId } = await signUpUser(c, uniqueEmail('del'));
  const res = await c.delete('/v1/client');
  assert.ok(res.status === 200 || res.status === 204, desc(res));
  if (res.status === 200) assert.ok(res.json && typeof res.json === 'object', desc(res));
  const after = assertEnvelope(await c.get('/v1/client'));
  const active = (after.response?.sessions ?? []).filter((s) => s.status === 'active' || s.status === 'pending');
  assert.equal(active.length, 0, JSON.stringify(after));
  const me = await c.get('/v1/me', { _clerk_session_id: sessionId });
  assert.equal(me.status, 401, desc(me));
});
