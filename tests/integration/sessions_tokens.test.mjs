// Sessions and session tokens (protocol §8): touch, tokens, JWT, /v1/me, end, remove, sign-out.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../support/server.mjs';
import { describe as desc } from '../support/fapi_client.mjs';
import {
  APP_ORIGIN, BASE_SETS, newClient, assertEnvelope, assertOk, assertClerkError, signUpUser, signInUser,
  uniqueEmail, getToken, decodeJwt, fetchJwks, verifyRs256,
} from '../support/flows.mjs';

const srv = useServer(nt, { sets: BASE_SETS });

function assert4xxJson(res) {
  assert.ok(res.status >= 400 && res.status < 500, `expected 4xx, got ${desc(res)}`);
  assert.ok(res.json && Array.isArray(res.json.errors), `4xx must carry a Clerk error body: ${desc(res)}`);
}

// @clerk/backend (clerkMiddleware, authenticateRequest) takes a session token issued before
// __client_uat (the client's updated_at, in seconds) for a stale one: a fetch right after
// setActive() would be signed out. So no response may show a token older than its client.
srv.test('a session token in a response is never issued before the client it comes with was updated', async () => {
  const c = newClient(srv.url);
  const { sessionId, email } = await signUpUser(c, uniqueEmail('uat'));
  assertEnvelope(await c.delete('/v1/client/sessions'));
  const fresh = (client) => {
    const session = client.sessions.find((s) => s.id === client.last_active_session_id);
    const iat = decodeJwt(session.last_active_token.jwt).payload.iat;
    assert.ok(iat >= Math.floor(client.updated_at / 1000), `iat ${iat} < client_uat ${Math.floor(client.updated_at / 1000)}`);
  };
  for (let i = 0; i < 3; i++) {
    const signedIn = await signInUser(c, email);
    fresh(signedIn.client);
    // setActive() touches the session in the next second: the sign-in's token is a second old.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
    fresh(assertEnvelope(await c.post(`/v1/client/sessions/${signedIn.sessionId}/touch`, { intent: 'select_session' })).client);
    fresh(assertOk(await c.get('/v1/client')).response);
    assertEnvelope(await c.delete('/v1/client/sessions'));
  }
  assert.ok(sessionId);
});

srv.test('touch answers {response: session, client} and keeps the session active', async () => {
  const c = newClient(srv.url);
  const { sessionId, userId } = await signUpUser(c, uniqueEmail('touch'));
  const res = await c.post(`/v1/client/sessions/${sessionId}/touch`, { active_organization_id: '', intent: 'select_session' });
  const j = assertEnvelope(res);
  assert.equal(j.response.object, 'session');
  assert.equal(j.response.id, sessionId);
  assert.equal(j.response.status, 'active');
  assert.equal(j.response.user.id, userId);
  assert.ok(j.response.last_active_at > 1e12, 'last_active_at in ms');
  assert.ok(j.client?.sessions?.some((s) => s.id === sessionId), 'touch piggybacks the client');
  const focus = await c.post(`/v1/client/sessions/${sessionId}/touch`, { intent: 'focus' });
  assert.equal(focus.status, 200, desc(focus));
});

srv.test('tokens answers a bare {object:"token", jwt} (no envelope)', async () => {
  const c = newClient(srv.url);
  const { sessionId } = await signUpUser(c, uniqueEmail('tok'));
  const res = await c.post(`/v1/client/sessions/${sessionId}/tokens`, { organization_id: '', tab_state: 'focused' });
  const j = assertOk(res);
  assert.equal(j.object, 'token');
  assert.equal(typeof j.jwt, 'string');
  assert.ok(j.jwt.length > 20);
  assert.equal('response' in j, false, 'must not be enveloped');
  // debug=skip_cache is accepted and ignored
  const r2 = await c.post(`/v1/client/sessions/${sessionId}/tokens`, { organization_id: '' }, { debug: 'skip_cache' });
  assert.equal(r2.status, 200, desc(r2));
});

srv.test('session JWT: RS256, kid in JWKS, claims sid/sub/iss/azp/iat/exp/nbf/v/fva/sts, exp − iat = 60', async () => {
  const c = newClient(srv.url);
  const { sessionId, userId } = await signUpUser(c, uniqueEmail('jwt'));
  const before = Math.floor(Date.now() / 1000);
  const jwt = await getToken(c, sessionId);
  const after = Math.ceil(Date.now() / 1000);
  const { header, payload } = decodeJwt(jwt);
  assert.equal(header.alg, 'RS256');
  if (header.typ !== undefined) assert.equal(header.typ, 'JWT');
  assert.equal(typeof header.kid, 'string');
  const jwks = await fetchJwks(srv.url);
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  assert.ok(jwk, `kid ${header.kid} not in JWKS ${JSON.stringify(jwks)}`);
  assert.equal(jwk.kty, 'RSA');
  if (jwk.alg !== undefined) assert.equal(jwk.alg, 'RS256');
  if (jwk.use !== undefined) assert.equal(jwk.use, 'sig');
  assert.equal('d' in jwk, false, 'JWKS must not leak the private exponent');
  assert.ok(verifyRs256(jwt, jwks), 'signature verifies against the JWKS');

  assert.equal(payload.sid, sessionId);
  assert.equal(payload.sub, userId);
  assert.equal(payload.iss, srv.url);
  assert.equal(payload.azp, APP_ORIGIN);
  for (const k of ['iat', 'exp', 'nbf']) assert.ok(Number.isInteger(payload[k]), `${k} must be integer seconds`);
  assert.ok(payload.iat >= before - 2 && payload.iat <= after + 2, `iat ${payload.iat} not ~now (${before})`);
  assert.equal(payload.exp - payload.iat, 60);
  assert.ok(payload.nbf <= payload.iat);
  assert.equal(payload.v, 2);
  assert.ok(Array.isArray(payload.fva) && payload.fva.length === 2, `fva ${JSON.stringify(payload.fva)}`);
  assert.ok(payload.fva.every(Number.isInteger));
  assert.equal(payload.sts, 'active');
});

srv.test('last_active_token in the session is a valid token for that session', async () => {
  const c = newClient(srv.url);
  const { session, sessionId } = await signUpUser(c, uniqueEmail('lat'));
  const jwks = await fetchJwks(srv.url);
  assert.ok(verifyRs256(session.last_active_token.jwt, jwks));
  assert.equal(decodeJwt(session.last_active_token.jwt).payload.sid, sessionId);
});

srv.test('GET /v1/me with _clerk_session_id, and with the client\'s active session only', async () => {
  const c = newClient(srv.url);
  const { sessionId, userId, email } = await signUpUser(c, uniqueEmail('me'));
  const j = assertEnvelope(await c.get('/v1/me', { _clerk_session_id: sessionId }));
  assert.equal(j.response.object, 'user');
  assert.equal(j.response.id, userId);
  assert.equal(j.response.password_enabled, true);
  const primary = j.response.email_addresses.find((e) => e.id === j.response.primary_email_address_id);
  assert.equal(primary?.email_address, email);
  assert.equal(primary.verification?.status, 'verified');
  const j2 = assertEnvelope(await c.get('/v1/me'));
  assert.equal(j2.response.id, userId);
});

srv.test('GET /v1/me without any session → 401 authentication_invalid', async () => {
  const c = newClient(srv.url);
  assertClerkError(await c.get('/v1/me'), { status: 401, code: 'authentication_invalid' });
});

srv.test("GET /v1/me with someone else's session id (other client) → 401", async () => {
  const a = newClient(srv.url);
  const { sessionId } = await signUpUser(a, uniqueEmail('victim'));
  const b = newClient(srv.url);
  await signUpUser(b, uniqueEmail('attacker'));
  assertClerkError(await b.get('/v1/me', { _clerk_session_id: sessionId }), { status: 401, code: 'authentication_invalid' });
  assert4xxJson(await b.post(`/v1/client/sessions/${sessionId}/tokens`, {}));
  assert4xxJson(await b.post(`/v1/client/sessions/${sessionId}/touch`, {}));
});

srv.test('sign-out of all: POST /v1/client/sessions?_method=DELETE', async () => {
  const c = newClient(srv.url);
  const { sessionId, email } = await signUpUser(c, uniqueEmail('out'));
  const res = await c.delete('/v1/client/sessions');
  const j = assertEnvelope(res);
  const client = j.response ?? j.client;
  assert.equal(client.object, 'client');
  const active = client.sessions.filter((s) => s.status === 'active' || s.status === 'pending');
  assert.equal(active.length, 0, JSON.stringify(client.sessions));
  assert.equal(client.last_active_session_id, null);
  assert.ok(c.jar.get('__client'), 'client cookie kept on sign-out');

  assertClerkError(await c.get('/v1/me', { _clerk_session_id: sessionId }), { status: 401, code: 'authentication_invalid' });
  assertClerkError(await c.get('/v1/me'), { status: 401, code: 'authentication_invalid' });
  assert4xxJson(await c.post(`/v1/client/sessions/${sessionId}/tokens`, {}));
  const cl = assertEnvelope(await c.get('/v1/client'));
  assert.equal((cl.response?.sessions ?? []).filter((s) => s.status === 'active').length, 0);
  // and the user can sign in again on the same client
  await signInUser(c, email);
});

srv.test('session end: status ended, no more tokens, /v1/me 401', async () => {
  const c = newClient(srv.url);
  const { sessionId } = await signUpUser(c, uniqueEmail('end'));
  const j = assertEnvelope(await c.post(`/v1/client/sessions/${sessionId}/end`, {}));
  assert.equal(j.response.id, sessionId);
  assert.equal(j.response.status, 'ended');
  const inClient = j.client?.sessions?.find((s) => s.id === sessionId);
  assert.ok(!inClient || inClient.status === 'ended', JSON.stringify(j.client));
  assert4xxJson(await c.post(`/v1/client/sessions/${sessionId}/tokens`, {}));
  assertClerkError(await c.get('/v1/me', { _clerk_session_id: sessionId }), { status: 401, code: 'authentication_invalid' });
});

srv.test('session remove: status removed, no more tokens, /v1/me 401', async () => {
  const c = newClient(srv.url);
  const { sessionId } = await signUpUser(c, uniqueEmail('rm'));
  const j = assertEnvelope(await c.post(`/v1/client/sessions/${sessionId}/remove`, {}));
  assert.equal(j.response.id, sessionId);
  assert.equal(j.response.status, 'removed');
  assert4xxJson(await c.post(`/v1/client/sessions/${sessionId}/tokens`, {}));
  assertClerkError(await c.get('/v1/me', { _clerk_session_id: sessionId }), { status: 401, code: 'authentication_invalid' });
});

// Unknown session ids are resource_not_found (brief §2.6); a known but ended session is 401.
srv.test('unknown session id → 404 resource_not_found on touch/tokens/end/remove', async () => {
  const c = newClient(srv.url);
  await signUpUser(c, uniqueEmail('unks'));
  for (const op of ['touch', 'tokens', 'end', 'remove']) {
    const res = await c.post(`/v1/client/sessions/sess_doesnotexist/${op}`, {});
    assertClerkError(res, { status: 404, code: 'resource_not_found' });
  }
});

srv.test('GET /v1/client/sessions/:id (session.reload()) → the session, also once ended; another client\'s → 404', async () => {
  const c = newClient(srv.url);
  const { sessionId } = await signUpUser(c, uniqueEmail('reload'));
  const live = assertEnvelope(await c.get(`/v1/client/sessions/${sessionId}`)).response;
  assert.equal(live.object, 'session');
  assert.equal(live.id, sessionId);
  assert.equal(live.status, 'active');
  assertClerkError(await newClient(srv.url).get(`/v1/client/sessions/${sessionId}`), { status: 401, code: 'authentication_invalid' });
  const other = newClient(srv.url);
  await signUpUser(other, uniqueEmail('reload-other'));
  assertClerkError(await other.get(`/v1/client/sessions/${sessionId}`), { status: 404, code: 'resource_not_found' });
  assertEnvelope(await c.post(`/v1/client/sessions/${sessionId}/end`, {}));
  assert.equal(assertEnvelope(await c.get(`/v1/client/sessions/${sessionId}`)).response.status, 'ended');
});

srv.test('a JWT template (none is defined) → 404 resource_not_found, never a session token', async () => {
  const c = newClient(srv.url);
  const { sessionId } = await signUpUser(c, uniqueEmail('tmpl'));
  const res = await c.post(`/v1/client/sessions/${sessionId}/tokens/supabase`, {});
  assertClerkError(res, { status: 404, code: 'resource_not_found' });
  assert.equal(res.json.jwt, undefined);
  // Without a session of the client it is still 401/404 first, as for the session token.
  assertClerkError(await newClient(srv.url).post(`/v1/client/sessions/${sessionId}/tokens/supabase`, {}),
    { status: 401, code: 'authentication_invalid' });
});

srv.test('each tokens call mints a fresh, verifiable token for the same session', async () => {
  const c = newClient(srv.url);
  const { sessionId } = await signUpUser(c, uniqueEmail('fresh'));
  const t1 = await getToken(c, sessionId);
  await new Promise((r) => setTimeout(r, 1100));
  const t2 = await getToken(c, sessionId);
  const p1 = decodeJwt(t1).payload;
  const p2 = decodeJwt(t2).payload;
  assert.ok(p2.iat >= p1.iat + 1, `second token iat ${p2.iat} should be later than ${p1.iat}`);
  assert.equal(p2.sid, sessionId);
});
