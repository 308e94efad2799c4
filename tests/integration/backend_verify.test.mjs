// The official @clerk/backend verifies Tessera's session tokens (networkless PEM and JWKS over HTTP).
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { verifyToken } from '@clerk/backend';
import { useServer } from '../support/server.mjs';
import {
  APP_ORIGIN, BASE_SETS, newClient, signUpUser, uniqueEmail, getToken, decodeJwt, fetchJwks, jwkToPem,
} from '../support/flows.mjs';

const srv = useServer(nt, { sets: BASE_SETS });
let user;
let token;

nt.before(async () => {
  const c = newClient(srv.url);
  user = await signUpUser(c, uniqueEmail('backend'));
  token = await getToken(c, user.sessionId);
});

async function pemForToken(jwt) {
  const jwks = await fetchJwks(srv.url);
  const jwk = jwks.keys.find((k) => k.kid === decodeJwt(jwt).header.kid);
  assert.ok(jwk, 'kid in JWKS');
  return jwkToPem(jwk);
}

function assertVerified(result) {
  assert.ok(!result.errors, `verifyToken errors: ${result.errors?.map((e) => `${e.reason}: ${e.message}`).join('; ')}`);
  assert.equal(result.data.sub, user.userId);
  assert.equal(result.data.sid, user.sessionId);
}

srv.test('verifyToken with jwtKey (PEM from the JWKS)', async () => {
  const jwtKey = await pemForToken(token);
  assertVerified(await verifyToken(token, { jwtKey }));
});

srv.test('verifyToken with jwtKey and authorizedParties checks azp', async () => {
  const jwtKey = await pemForToken(token);
  assertVerified(await verifyToken(token, { jwtKey, authorizedParties: [APP_ORIGIN] }));
  const r = await verifyToken(token, { jwtKey, authorizedParties: ['https://someone-else.example'] });
  assert.ok(r.errors?.length, 'a foreign authorized party must be rejected');
});

srv.test('verifyToken via JWKS: secretKey + apiUrl fetches {apiUrl}/v1/jwks', async () => {
  // @clerk/backend 3.x: GET new URL(apiUrl) + /{apiVersion}/jwks with Authorization: Bearer <secretKey>.
  assertVerified(await verifyToken(token, { secretKey: 'sk_test_tessera_integration', apiUrl: srv.url, apiVersion: 'v1', skipJwksCache: true }));
  assertVerified(await verifyToken(token, { secretKey: 'sk_test_tessera_integration', apiUrl: srv.url }));
});

srv.test('verifyToken rejects a token with a tampered payload', async () => {
  const jwtKey = await pemForToken(token);
  const [h, p, s] = token.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  payload.sub = 'user_someone_else';
  const forged = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.');
  const r1 = await verifyToken(forged, { jwtKey });
  assert.ok(r1.errors?.length, 'tampered token must not verify (jwtKey)');
  const r2 = await verifyToken(forged, { secretKey: 'sk_test_tessera_integration', apiUrl: srv.url, skipJwksCache: true });
  assert.ok(r2.errors?.length, 'tampered token must not verify (JWKS)');
});

srv.test('verifyToken rejects an alg=none token built from the real claims', async () => {
  const jwtKey = await pemForToken(token);
  const [, p] = token.split('.');
  const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: decodeJwt(token).header.kid })).toString('base64url')}.${p}.`;
  const r = await verifyToken(none, { jwtKey });
  assert.ok(r.errors?.length);
});
