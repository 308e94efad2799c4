// Transport conventions (protocol §2): _method override, JSON everywhere, body limits.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../support/server.mjs';
import { describe as desc } from '../support/fapi_client.mjs';
import {
  BASE_SETS, PASSWORD, newClient, assertEnvelope, assertOk, assertClerkError, signUpUser, uniqueEmail, fetchJwks,
} from '../support/flows.mjs';

const srv = useServer(nt, { sets: BASE_SETS });

function assertJsonBody(res) {
  if (res.status === 204) {
    assert.equal(res.text, '', `204 must have no body: ${desc(res)}`);
    return;
  }
  assert.match(res.headers.get('content-type') ?? '', /application\/json/, `content-type for ${desc(res)}`);
  assert.ok(res.json !== undefined, `body must be JSON: ${desc(res)}`);
  if (res.status >= 400) assertClerkError(res);
}

srv.test('_method=PATCH routes POST /v1/environment to the PATCH handler', async () => {
  const c = newClient(srv.url);
  assertOk(await c.post('/v1/environment', {}, { _method: 'PATCH' }));
});

srv.test('_method=DELETE routes POST /v1/client/sessions to sign-out, plain POST does not sign out', async () => {
  const c = newClient(srv.url);
  const { sessionId } = await signUpUser(c, uniqueEmail('mo'));
  // A plain POST to /v1/client/sessions must not be treated as DELETE.
  const plain = await c.post('/v1/client/sessions', {});
  assertJsonBody(plain);
  const still = assertEnvelope(await c.get('/v1/me', { _clerk_session_id: sessionId }));
  assert.equal(still.response.object, 'user');
  assertEnvelope(await c.delete('/v1/client/sessions'));
  assert.equal((await c.get('/v1/me', { _clerk_session_id: sessionId })).status, 401);
});

srv.test('unknown route → 404 with a JSON Clerk error body', async () => {
  const c = newClient(srv.url);
  for (const p of ['/v1/does/not/exist', '/v1/client/sign_ins/sia_x/does_not_exist', '/nope', '/v1/']) {
    const res = await c.get(p);
    assert.equal(res.status, 404, `${p}: ${desc(res)}`);
    assertJsonBody(res);
  }
  const res = await c.post('/v1/does/not/exist', { a: '1' });
  assert.equal(res.status, 404, desc(res));
  assertJsonBody(res);
});

srv.test('malformed percent-encoding in the body → 4xx JSON', async () => {
  const c = newClient(srv.url);
  for (const body of ['identifier=%zz&password=x', 'identifier=%', 'email_address=a%2', '%%%%=%%%%']) {
    const path = body.startsWith('email') ? '/v1/client/sign_ups' : '/v1/client/sign_ins';
    const res = await c.request('POST', path, { body });
    assert.ok(res.status >= 400 && res.status < 500, `${JSON.stringify(body)}: ${desc(res)}`);
    assertJsonBody(res);
  }
});

srv.test('malformed percent-encoding in the query → 4xx JSON (not 5xx, not HTML)', async () => {
  const res = await fetch(`${srv.url}/v1/client?__clerk_db_jwt=%zz`);
  const text = await res.text();
  assert.ok(res.status < 500, `${res.status} ${text}`);
  assert.doesNotThrow(() => JSON.parse(text), text);
});

srv.test('oversized body (> 64 KiB) → 413 JSON', async () => {
  const c = newClient(srv.url);
  const body = `identifier=${'a'.repeat(64 * 1024 + 100)}&password=x`;
  const res = await c.request('POST', '/v1/client/sign_ins', { body });
  assert.equal(res.status, 413, desc(res));
  assertJsonBody(res);
  const res2 = await c.request('POST', '/v1/client/sign_ups', { body: 'x'.repeat(1024 * 1024) });
  assert.equal(res2.status, 413, desc(res2));
  assertJsonBody(res2);
});

srv.test('a body just under 64 KiB is accepted (ignored unknown field)', async () => {
  const c = newClient(srv.url);
  const email = uniqueEmail('big');
  const filler = 'f'.repeat(60 * 1024);
  const res = await c.request('POST', '/v1/client/sign_ups', {
    body: new URLSearchParams({ email_address: email, password: PASSWORD, filler }).toString(),
  });
  assert.equal(res.status, 200, desc({ ...res, text: res.text?.slice(0, 300) }));
});

srv.test('non-JSON is never returned: odd requests all get JSON bodies', async () => {
  const c = newClient(srv.url);
  const cases = [
    ['GET', '/v1/client/sign_ins'],
    ['GET', '/v1/client/sessions/sess_x/tokens'],
    ['POST', '/v1/environment?_method=BOGUS'],
    ['POST', '/v1/client/sign_ins?_method=PUT'],
    ['DELETE', '/v1/client/sessions'],
    ['PUT', '/v1/nope'],
    ['GET', '/v1/../../etc/passwd'],
    ['GET', `/v1/${'x'.repeat(6000)}`],
    ['GET', '/v1/me/totp'],
    ['POST', '/v1/client/sign_ins/%00/attempt_first_factor'],
  ];
  for (const [method, path] of cases) {
    const res = await c.request(method, path, method === 'GET' ? {} : { body: '' });
    assert.ok(res.status < 500, `${method} ${path}: ${desc(res)}`);
    assertJsonBody(res);
  }
});

srv.test('JSON content type on a form endpoint does not crash the server', async () => {
  const c = newClient(srv.url);
  const res = await c.request('POST', '/v1/client/sign_ins', {
    body: JSON.stringify({ identifier: 'a@example.com', password: 'x' }), headers: { 'Content-Type': 'application/json' },
  });
  assert.ok(res.status < 500, desc(res));
  assertJsonBody(res);
});

srv.test('a JSON body is read like the form (sign-up, sign-in); malformed JSON → 400 request_body_invalid', async () => {
  const json = (c, path, body) => c.request('POST', path, {
    body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json' },
  });
  const email = uniqueEmail('json');
  const up = assertEnvelope(await json(newClient(srv.url), '/v1/client/sign_ups', { email_address: email, password: PASSWORD }));
  assert.equal(up.response.email_address, email, 'the fields were read, not ignored');
  assert.deepEqual(up.response.missing_fields, []);
  const user = await signUpUser(newClient(srv.url), uniqueEmail('json-user'));
  const si = assertEnvelope(await json(newClient(srv.url), '/v1/client/sign_ins', { identifier: user.email, password: PASSWORD }));
  assert.equal(si.response.status, 'complete', JSON.stringify(si.response));
  assertClerkError(await json(newClient(srv.url), '/v1/client/sign_ins', '{"identifier":'), { status: 400, code: 'request_body_invalid' });
  assertClerkError(await json(newClient(srv.url), '/v1/client/sign_ins', '["identifier"]'), { status: 400, code: 'request_body_invalid' });
});

srv.test('requests without the clerk-js version params are accepted', async () => {
  const c = newClient(srv.url, { versionParams: false });
  assertOk(await c.get('/v1/environment'));
  assertEnvelope(await c.get('/v1/client'));
});

srv.test('JWKS is served at /.well-known/jwks.json and /v1/jwks with the same keys', async () => {
  const a = await fetchJwks(srv.url, '/.well-known/jwks.json');
  const b = await fetchJwks(srv.url, '/v1/jwks', { Authorization: 'Bearer sk_test_x' });
  assert.deepEqual(b.keys.map((k) => k.kid).sort(), a.keys.map((k) => k.kid).sort());
  for (const k of a.keys) {
    assert.equal(k.kty, 'RSA');
    assert.equal(typeof k.n, 'string');
    assert.equal(typeof k.e, 'string');
  }
});
