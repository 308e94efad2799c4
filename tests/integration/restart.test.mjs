// Durability: state and signing keys survive a restart on the same database.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../support/server.mjs';
import {
  BASE_SETS, newClient, assertEnvelope, signUpUser, signInUser, uniqueEmail, getToken, decodeJwt, fetchJwks,
  verifyRs256,
} from '../support/flows.mjs';

const srv = useServer(nt, { sets: BASE_SETS });

srv.test('after a restart: same client & session, tokens still minted, JWKS kid unchanged, old token verifies', async () => {
  const c = newClient(srv.url);
  const { sessionId, userId, email } = await signUpUser(c, uniqueEmail('restart'));
  const oldToken = await getToken(c, sessionId);
  const oldJwks = await fetchJwks(srv.url);
  const oldKid = decodeJwt(oldToken).header.kid;

  const port = srv.port;
  await srv.restart();
  assert.equal(srv.port, port);

  const newJwks = await fetchJwks(srv.url);
  assert.deepEqual(newJwks.keys.map((k) => k.kid).sort(), oldJwks.keys.map((k) => k.kid).sort(), 'JWKS kids unchanged');
  assert.ok(newJwks.keys.some((k) => k.kid === oldKid));
  assert.ok(verifyRs256(oldToken, newJwks), 'token minted before the restart verifies against the JWKS after it');

  const cl = assertEnvelope(await c.get('/v1/client'));
  assert.equal(cl.response?.last_active_session_id, sessionId, JSON.stringify(cl));
  const newToken = await getToken(c, sessionId);
  const { header, payload } = decodeJwt(newToken);
  assert.equal(header.kid, oldKid);
  assert.equal(payload.sid, sessionId);
  assert.equal(payload.sub, userId);
  assert.ok(verifyRs256(newToken, oldJwks));

  const me = assertEnvelope(await c.get('/v1/me', { _clerk_session_id: sessionId }));
  assert.equal(me.response.id, userId);

  // the user (and password hash) persisted too
  await signInUser(newClient(srv.url), email);
});

srv.test('a sign-up in progress survives a restart', async () => {
  const c = newClient(srv.url);
  const su = assertEnvelope(await c.post('/v1/client/sign_ups', {
    strategy: 'password', email_address: uniqueEmail('midflow'), password: 'correct horse battery staple',
  })).response;
  assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/prepare_verification`, { strategy: 'email_code' }));
  await srv.restart();
  const done = assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code', code: '424242' }));
  assert.equal(done.response.status, 'complete');
});
