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
  await srv.ready();
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

// The public verifyToken (3.x) resolves to the payload and throws a TokenVerificationError.
async function assertVerified(promise) {
  let payload;
  try {
    payload = await promise;
  } catch (e) {
    assert.fail(`verifyToken threw: ${e.reason ?? ''} ${e.message}`);
  }
  assert.equal(payload.sub, user.userId);
  assert.equal(payload.sid, user.sessionId);
  assert.equal(payload.sts, 'active');
}

async function assertRejected(promise, reasonRe) {
  await assert.rejects(promise, (e) => {
    if (reasonRe) assert.match(String(e.reason), reasonRe, `${e.reason}: ${e.message}`);
    return true;
  });
}

srv.test('verifyToken with jwtKey (PEM from the JWKS)', async () => {
  const jwtKey = await pemForToken(token);
  await assertVerified(verifyToken(token, { jwtKey }));
});

srv.test('verifyToken with jwtKey and authorizedParties checks azp', async () => {
  const jwtKey = await pemForToken(token);
  await assertVerified(verifyToken(token, { jwtKey, authorizedParties: [APP_ORIGIN] }));
  await assertRejected(verifyToken(token, { jwtKey, authorizedParties: ['https://someone-else.example'] }), /azp|authorized/i);
});

srv.test('verifyToken via JWKS: secretKey + apiUrl fetches {apiUrl}/v1/jwks', async () => {
  // @clerk/backend 3.x: GET new URL(apiUrl) + /{apiVersion}/jwks with Authorization: Bearer <secretKey>.
  await assertVerified(verifyToken(token, { secretKey: 'sk_test_tessera_integration', apiUrl: srv.url, apiVersion: 'v1', skipJwksCache: true }));
  await assertVerified(verifyToken(token, { secretKey: 'sk_test_tessera_integration', apiUrl: srv.url }));
});

srv.test('verifyToken rejects a token with a tampered payload', async () => {
  const jwtKey = await pemForToken(token);
  const [h, p, s] = token.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  payload.sub = 'user_someone_else';
  const forged = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.');
  await assertRejected(verifyToken(forged, { jwtKey }), /signature/i);
  await assertRejected(verifyToken(forged, { secretKey: 'sk_test_tessera_integration', apiUrl: srv.url, skipJwksCache: true }), /signature/i);
});

srv.test('verifyToken rejects an alg=none token built from the real claims', async () => {
  const jwtKey = await pemForToken(token);
  const [, p] = token.split('.');
  const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: decodeJwt(token).header.kid })).toString('base64url')}.${p}.`;
  await assertRejected(verifyToken(none, { jwtKey }));
});
