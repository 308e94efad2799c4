// Whole-flow helpers shared by the integration tests. They assert as they go, so a
// broken step fails with the server's response in the message.
import assert from 'node:assert/strict';
import { createPublicKey, createVerify, randomBytes } from 'node:crypto';
import { FapiClient, describe } from './fapi_client.mjs';

export const APP_ORIGIN = 'http://localhost:3000';
export const OTHER_ORIGIN = 'http://evil.example';
export const TEST_CODE = '424242';
export const PASSWORD = 'correct horse battery staple';

/** Settings every suite starts from (suites may override). */
export const BASE_SETS = Object.freeze({
  'dev.test_mode': 'true',
  'dev.outbox': 'true',
  'limits.rate_limits': 'false',
  'auth.require_mfa': 'false',
  'auth.client_trust': 'false',
  'server.allowed_origins': APP_ORIGIN,
});

/** pk_live_ key for a dotted host (production instance: server sets __client_uat). */
export function publishableKey(host, live = true) {
  return `${live ? 'pk_live_' : 'pk_test_'}${Buffer.from(`${host}$`).toString('base64').replace(/=+$/, '')}`;
}

let counter = 0;
/** A unique email; `test: true` (default) makes it a +clerk_test address (code 424242, nothing sent). */
export function uniqueEmail(prefix = 'user', { test = true } = {}) {
  const tag = `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(3).toString('hex')}`;
  return `${prefix}-${tag}${test ? '+clerk_test' : ''}@example.com`;
}

export function newClient(url, opts = {}) {
  return new FapiClient(url, { origin: APP_ORIGIN, ...opts });
}

/** Assert a response is a Clerk error: status, body shape, code and (optionally) param_name. */
export function assertClerkError(res, { status, code, param } = {}) {
  const msg = `response was ${describe(res)}`;
  if (status !== undefined) assert.equal(res.status, status, msg);
  assert.ok(res.json && typeof res.json === 'object', `error body must be JSON: ${msg}`);
  assert.ok(Array.isArray(res.json.errors) && res.json.errors.length >= 1, `errors[] missing: ${msg}`);
  const e = res.json.errors[0];
  assert.equal(typeof e.code, 'string', msg);
  assert.equal(typeof e.message, 'string', msg);
  assert.ok(e.message.length > 0, msg);
  assert.equal(typeof e.long_message, 'string', msg);
  assert.ok(e.long_message.length > 0, msg);
  assert.ok(e.meta && typeof e.meta === 'object' && !Array.isArray(e.meta), `errors[0].meta must be an object: ${msg}`);
  assert.ok(res.json.meta && typeof res.json.meta === 'object', `top-level meta must be an object: ${msg}`);
  if (code !== undefined) assert.equal(e.code, code, msg);
  if (param !== undefined) assert.equal(e.meta.param_name, param, msg);
  return e;
}

/** Assert a 2xx envelope `{response, client}` and return it. */
export function assertOk(res, status = 200) {
  assert.equal(res.status, status, `expected ${status}, got ${describe(res)}`);
  assert.ok(res.json && typeof res.json === 'object', `body must be JSON: ${describe(res)}`);
  return res.json;
}

export function assertEnvelope(res, status = 200) {
  const j = assertOk(res, status);
  assert.ok('response' in j, `envelope lacks "response": ${describe(res)}`);
  assert.ok('client' in j, `envelope lacks "client": ${describe(res)}`);
  return j;
}

/** GET /__dev/outbox for `email`: {messages (codes), notices (new sign-in notices)}. */
async function fetchOutbox(url, email) {
  const res = await fetch(`${url}/__dev/outbox?to=${encodeURIComponent(email)}`);
  const text = await res.text();
  assert.equal(res.status, 200, `outbox: ${res.status} ${text}`);
  const j = JSON.parse(text);
  assert.ok(Array.isArray(j.messages) && Array.isArray(j.notices), `outbox shape: ${text}`);
  return j;
}

/** Codes delivered to `email` via the dev outbox, oldest first. */
export async function readOutbox(url, email) {
  return (await fetchOutbox(url, email)).messages;
}

/** New sign-in notices delivered to `email` via the dev outbox, oldest first. */
export async function readNotices(url, email) {
  return (await fetchOutbox(url, email)).notices;
}

export async function latestOutboxCode(url, email) {
  const msgs = await readOutbox(url, email);
  assert.ok(msgs.length > 0, `no outbox message for ${email}`);
  const m = msgs[msgs.length - 1];
  assert.equal(m.to, email);
  assert.match(String(m.code), /^\d{6}$/);
  return String(m.code);
}

/** POST /v1/client/sign_ups (strategy=password like Core 3 signUp.password()). Returns the raw response. */
export function createSignUp(client, email, password, extra = {}) {
  return client.post('/v1/client/sign_ups', {
    strategy: 'password', email_address: email, password, locale: 'en-US', timezone: 'UTC', ...extra,
  });
}

/**
 * Full sign-up: create → prepare_verification → attempt_verification.
 * Uses 424242 for +clerk_test addresses, the dev outbox otherwise.
 * @returns {{signUp, client, sessionId, userId, session}}
 */
export async function signUpUser(fapi, email = uniqueEmail(), password = PASSWORD, { strategyField = true } = {}) {
  const extra = strategyField ? {} : { strategy: undefined };
  const created = assertEnvelope(await createSignUp(fapi, email, password, extra));
  const su = created.response;
  assert.equal(su.status, 'missing_requirements', describe({ status: 200, text: JSON.stringify(su) }));
  const prepared = assertEnvelope(
    await fapi.post(`/v1/client/sign_ups/${su.id}/prepare_verification`, { strategy: 'email_code' }),
  );
  assert.equal(prepared.response.verifications.email_address.status, 'unverified');
  const code = email.includes('+clerk_test') ? TEST_CODE : await latestOutboxCode(fapi.baseUrl, email);
  const attempted = assertEnvelope(
    await fapi.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code', code }),
  );
  const done = attempted.response;
  assert.equal(done.status, 'complete', JSON.stringify(done));
  assert.ok(done.created_session_id, 'created_session_id');
  assert.ok(done.created_user_id, 'created_user_id');
  const client = attempted.client;
  assert.ok(client && Array.isArray(client.sessions), `piggybacked client missing: ${JSON.stringify(attempted)}`);
  const session = client.sessions.find((s) => s.id === done.created_session_id);
  assert.ok(session, 'new session must be in the piggybacked client');
  return { email, password, signUp: done, client, session, sessionId: done.created_session_id, userId: done.created_user_id };
}

/** Core 3 style `signIn.password()`: identifier + password, no strategy. Returns the raw response. */
export function signInRequest(fapi, identifier, password, extra = {}) {
  return fapi.post('/v1/client/sign_ins', { identifier, password, locale: 'en-US', timezone: 'UTC', ...extra });
}

/** Sign in and expect completion. @returns {{signIn, client, session, sessionId}} */
export async function signInUser(fapi, identifier, password = PASSWORD, extra = {}) {
  const j = assertEnvelope(await signInRequest(fapi, identifier, password, extra));
  const si = j.response;
  assert.equal(si.status, 'complete', JSON.stringify(si));
  assert.ok(si.created_session_id, 'created_session_id');
  const session = j.client?.sessions?.find((s) => s.id === si.created_session_id);
  assert.ok(session, `session ${si.created_session_id} not in piggybacked client: ${JSON.stringify(j.client)}`);
  return { signIn: si, client: j.client, session, sessionId: si.created_session_id };
}

/** POST /v1/client/sessions/{id}/tokens → jwt string (asserts the bare shape). */
export async function getToken(fapi, sessionId) {
  const res = await fapi.post(`/v1/client/sessions/${sessionId}/tokens`, { organization_id: '', tab_state: 'focused' });
  const j = assertOk(res);
  assert.equal(j.object, 'token', describe(res));
  assert.equal(typeof j.jwt, 'string', describe(res));
  return j.jwt;
}

export function b64urlJson(part) {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

export function decodeJwt(jwt) {
  const parts = jwt.split('.');
  assert.equal(parts.length, 3, `not a JWS compact token: ${jwt}`);
  return { header: b64urlJson(parts[0]), payload: b64urlJson(parts[1]), signature: parts[2], parts };
}

export async function fetchJwks(url, path = '/.well-known/jwks.json', headers = {}) {
  const res = await fetch(url + path, { headers });
  const text = await res.text();
  assert.equal(res.status, 200, `${path}: ${res.status} ${text}`);
  const j = JSON.parse(text);
  assert.ok(Array.isArray(j.keys) && j.keys.length > 0, `${path} has no keys: ${text}`);
  return j;
}

export function jwkToPem(jwk) {
  return createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
}

/** Verify an RS256 JWT against a JWKS with node:crypto only. */
export function verifyRs256(jwt, jwks) {
  const { header, parts } = decodeJwt(jwt);
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) return false;
  const v = createVerify('RSA-SHA256');
  v.update(`${parts[0]}.${parts[1]}`);
  return v.verify(createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(parts[2], 'base64url'));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
