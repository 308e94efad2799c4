// Client identity cookies (protocol §3.3): __client (HttpOnly) and, for a production key, __client_uat.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { useServer } from '../support/server.mjs';
import { describe as desc } from '../support/fapi_client.mjs';
import {
  BASE_SETS, PASSWORD, newClient, assertEnvelope, signUpUser, signInUser, uniqueEmail, publishableKey,
} from '../support/flows.mjs';

const LIVE_KEY = publishableKey('clerk.tessera.test', true);
const srv = useServer(nt, { sets: { ...BASE_SETS, 'server.publishable_key': LIVE_KEY } });

function findSetCookie(res, name) {
  const raws = res.setCookies.filter((r) => r.split('=')[0].trim() === name);
  return raws.length ? raws[raws.length - 1] : null;
}

function attrs(raw) {
  const out = {};
  for (const p of raw.split(';').slice(1)) {
    const i = p.indexOf('=');
    out[(i < 0 ? p : p.slice(0, i)).trim().toLowerCase()] = i < 0 ? true : p.slice(i + 1).trim();
  }
  return out;
}

srv.test('__client is set on the first mutating request: HttpOnly, Path=/, SameSite=Lax, persistent, not Secure on http', async () => {
  const c = newClient(srv.url);
  const res = await c.post('/v1/client/sign_ups', { strategy: 'password', email_address: uniqueEmail('ck'), password: PASSWORD });
  assert.equal(res.status, 200, desc(res));
  const raw = findSetCookie(res, '__client');
  assert.ok(raw, `no __client Set-Cookie in ${JSON.stringify(res.setCookies)}`);
  const a = attrs(raw);
  assert.equal(a.httponly, true, raw);
  assert.equal(a.path, '/', raw);
  assert.equal(String(a.samesite).toLowerCase(), 'lax', raw);
  assert.ok(a['max-age'] !== undefined || a.expires !== undefined, `__client must be persistent: ${raw}`);
  if (a['max-age'] !== undefined) assert.ok(Number(a['max-age']) > 8 * 86400, raw);
  assert.equal(a.secure, undefined, `Secure cookie over plain http would be dropped: ${raw}`);
  assert.ok(c.jar.get('__client').length >= 16, 'client token should be unguessable');
});

srv.test('a first request that is refused sets no __client; a wrong password keeps its attempt on a new client', async () => {
  const c = newClient(srv.url);
  const refused = await c.post('/v1/client/sign_ins', { identifier: uniqueEmail('nobody'), password: PASSWORD });
  assert.equal(refused.status, 422, desc(refused));
  assert.equal(findSetCookie(refused, '__client'), null, `a client nobody stored: ${JSON.stringify(refused.setCookies)}`);

  const { email } = await signUpUser(newClient(srv.url), uniqueEmail('wrongpw'));
  const d = newClient(srv.url);
  const wrong = await d.post('/v1/client/sign_ins', { identifier: email, password: `${PASSWORD}-not` });
  assert.equal(wrong.status, 422, desc(wrong));
  assert.equal(wrong.json.errors[0].code, 'form_password_incorrect');
  assert.ok(findSetCookie(wrong, '__client'), 'the attempt is stored on the new client');
  const j = assertEnvelope(await d.get('/v1/client'));
  assert.equal(j.response?.sign_in?.status, 'needs_first_factor', JSON.stringify(j.response));
  assert.equal(j.response.sign_in.identifier, email);
});

srv.test('the __client cookie is what identifies the client', async () => {
  const c = newClient(srv.url);
  const { sessionId } = await signUpUser(c, uniqueEmail('id'));
  const d = newClient(srv.url);
  d.jar.set('__client', c.jar.get('__client'));
  const j = assertEnvelope(await d.get('/v1/client'));
  assert.equal(j.response?.last_active_session_id, sessionId);
  const e = newClient(srv.url);
  e.jar.set('__client', `${c.jar.get('__client')}x`);
  const j2 = assertEnvelope(await e.get('/v1/client'));
  assert.ok(j2.response === null || j2.response.last_active_session_id !== sessionId, 'tampered cookie must not resolve');
});

srv.test('production key: __client_uat is the auth time in unix seconds, 0 after sign-out', async () => {
  const c = newClient(srv.url);
  const before = Math.floor(Date.now() / 1000);
  const { email } = await signUpUser(c, uniqueEmail('uat'));
  const uat = c.jar.get('__client_uat');
  assert.ok(uat !== undefined, `__client_uat not set: ${c.jar.header()}`);
  assert.match(uat, /^\d+$/, `__client_uat must be integer seconds: ${uat}`);
  const n = Number(uat);
  assert.ok(n >= before - 5 && n <= Math.ceil(Date.now() / 1000) + 5, `__client_uat ${n} should be ~now (${before}), in seconds`);

  const out = await c.delete('/v1/client/sessions');
  assert.equal(out.status, 200, desc(out));
  const raw = findSetCookie(out, '__client_uat');
  assert.ok(raw, `sign-out must reset __client_uat: ${JSON.stringify(out.setCookies)}`);
  assert.equal(c.jar.get('__client_uat'), '0');

  await signInUser(c, email);
  assert.ok(Number(c.jar.get('__client_uat')) > 0, 'sign-in sets __client_uat again');
});

srv.test('production key: __client_uat is also set under the key\'s suffixed name, as clerk-js sets __session', async () => {
  // @clerk/backend reads the suffixed pair once clerk-js has written a suffixed __session, and a
  // suffixed __session without a suffixed __client_uat is signed out.
  const suffix = createHash('sha1').update(LIVE_KEY).digest('base64url').slice(0, 8);
  const c = newClient(srv.url);
  await signUpUser(c, uniqueEmail('uat-suffix'));
  assert.ok(Number(c.jar.get(`__client_uat_${suffix}`)) > 0, c.jar.header());
  assert.equal(c.jar.get(`__client_uat_${suffix}`), c.jar.get('__client_uat'));
  await c.delete('/v1/client/sessions');
  assert.equal(c.jar.get(`__client_uat_${suffix}`), '0');
});

srv.test('production key: __client_uat is 0 while a client exists but nobody is signed in', async () => {
  const c = newClient(srv.url);
  const res = await c.post('/v1/client/sign_ins', { identifier: uniqueEmail('nobody') }); // 422, but creates/touches the client
  assert.ok(res.status === 422 || res.status === 200, desc(res));
  const uat = c.jar.get('__client_uat');
  if (uat !== undefined) assert.equal(uat, '0');
});
