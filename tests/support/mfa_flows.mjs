// Helpers for the multi-factor tests (tests/integration/mfa/): TOTP codes (RFC 6238, computed
// here with node:crypto and, as an independent client, with Debian's `oathtool`), the server's
// clock (dev.clock_control), enrolling factors through /v1/me, starting a sign-in that stops at
// needs_second_factor, and the Twilio-style SMS provider mock.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './server.mjs';
import { describe as show } from './fapi_client.mjs';
import {
  PASSWORD, TEST_CODE, newClient, assertEnvelope, signUpUser, signInRequest, uniqueEmail,
} from './flows.mjs';

export const TOTP_STEP_MS = 30_000;
export const TEST_PHONE = '+15555550100'; // test mode: SMS code 424242, nothing sent
export const TEST_PHONE_2 = '+12015550142'; // any area code's 555-01xx is a test number (Clerk's docs)
export const REAL_PHONE = '+15551234567'; // not a test phone: a real code is "sent"
export const CODE_LIFETIME_MS = 600_000; // auth.code_lifetime_seconds (default)
export const CODE_MAX_ATTEMPTS = 3; // auth.code_max_attempts (default)
export const BACKUP_CODE_COUNT = 10; // auth.backup_code_count (default)
export const BACKUP_CODE_RE = /^[a-hjkmnp-z2-9]{10}$/; // 31-letter alphabet, 10 characters

/** `?_clerk_session_id=` for /v1/me calls. */
export const me = (sessionId) => ({ _clerk_session_id: sessionId });

/** A new signed-up user on a client of its own, with the query for its /v1/me calls. */
export async function signedUp(url, prefix) {
  const c = newClient(url);
  const u = await signUpUser(c, uniqueEmail(prefix));
  return { c, u, q: me(u.sessionId) };
}

// ---------------------------------------------------------------------------------------------
// TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s)

export function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const i = alphabet.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${text}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 code for `secret` (base32) at `nowMs`, `offsetSteps` 30-second steps away (node:crypto). */
export function totpCode(secret, nowMs, offsetSteps = 0) {
  assert.equal(typeof nowMs, 'number', 'totpCode needs the time (the server clock may be moved)');
  const counter = Math.floor(nowMs / TOTP_STEP_MS) + offsetSteps;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const o = h[h.length - 1] & 0x0f;
  const bin = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(bin % 1_000_000).padStart(6, '0');
}

/** The same code from Debian's `oathtool --totp -b` (an independent implementation). */
export function oathtoolCode(secret, nowMs, offsetSteps = 0) {
  const t = Math.floor(nowMs / 1000) + 30 * offsetSteps;
  const out = execFileSync('oathtool', ['--totp', '-b', `--now=@${t}`, secret], { encoding: 'utf8' }).trim();
  assert.match(out, /^\d{6}$/, `oathtool printed ${JSON.stringify(out)}`);
  return out;
}

/** A 6-digit code that is none of the codes valid within ±2 steps of `nowMs`. */
export function wrongTotp(secret, nowMs) {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => totpCode(secret, nowMs, d)));
  let code = '000000';
  for (let i = 1; near.has(code); i++) code = String((123457 * i) % 1_000_000).padStart(6, '0');
  return code;
}

// ---------------------------------------------------------------------------------------------
// The server's clock (needs --set dev.clock_control=true)

/** POST /__dev/clock advance_ms=N → the server's new now (ms). */
export async function advanceClock(url, ms) {
  const res = await fetch(`${url}/__dev/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ advance_ms: String(ms) }).toString(),
  });
  const text = await res.text();
  assert.equal(res.status, 200, `POST /__dev/clock advance_ms=${ms}: ${res.status} ${text} (dev.clock_control on?)`);
  const j = JSON.parse(text);
  assert.equal(typeof j.now, 'number', `/__dev/clock answers {now}: ${text}`);
  return j.now;
}

export const serverNow = (url) => advanceClock(url, 0);

/**
 * A TOTP code the server has not seen yet: each 30-second step is accepted once per user, so
 * the clock moves on to the next step first. Returns {code, now}.
 */
export async function freshTotp(url, secret) {
  const now = await advanceClock(url, TOTP_STEP_MS);
  return { code: totpCode(secret, now), now };
}

// ---------------------------------------------------------------------------------------------
// Enrollment through /v1/me

/**
 * POST /v1/me/totp, then attempt_verification with the current code.
 * @returns {{secret, uri, id, backupCodes, created, verified}}
 */
export async function enrollTotp(client, sessionId, { useOathtool = false } = {}) {
  const created = assertEnvelope(await client.post('/v1/me/totp', {}, me(sessionId))).response;
  assert.equal(created.object, 'totp', JSON.stringify(created));
  assert.match(created.secret ?? '', /^[A-Z2-7]+=*$/, JSON.stringify(created));
  const now = await serverNow(client.baseUrl);
  const code = useOathtool ? oathtoolCode(created.secret, now) : totpCode(created.secret, now);
  const verified = assertEnvelope(
    await client.post('/v1/me/totp/attempt_verification', { code }, me(sessionId)),
  ).response;
  assert.equal(verified.verified, true, JSON.stringify(verified));
  return {
    id: created.id, secret: created.secret, uri: created.uri, backupCodes: verified.backup_codes,
    created, verified,
  };
}

/** Add a phone, verify it (424242 for test phones, else `code`), optionally reserve it for 2FA. */
export async function addVerifiedPhone(client, sessionId, phoneNumber = TEST_PHONE,
  { reserve = true, code = TEST_CODE } = {}) {
  const q = me(sessionId);
  const phone = assertEnvelope(await client.post('/v1/me/phone_numbers/', { phone_number: phoneNumber }, q)).response;
  assertEnvelope(await client.post(`/v1/me/phone_numbers/${phone.id}/prepare_verification`, { strategy: 'phone_code' }, q));
  const verified = assertEnvelope(await client.post(`/v1/me/phone_numbers/${phone.id}/attempt_verification`, { code }, q)).response;
  assert.equal(verified.verification?.status, 'verified', JSON.stringify(verified));
  if (!reserve) return { phone: verified, backupCodes: null };
  const reserved = assertEnvelope(
    await client.patch(`/v1/me/phone_numbers/${phone.id}`, { reserved_for_second_factor: 'true' }, q),
  ).response;
  assert.equal(reserved.reserved_for_second_factor, true, JSON.stringify(reserved));
  return { phone: reserved, backupCodes: reserved.backup_codes };
}

/**
 * A signed-up user with the factors asked for, signed out afterwards.
 * @returns {{email, userId, client, secret?, backupCodes, phone?}}
 */
export async function userWithMfa(url, { prefix = 'mfa', totp = true, phone = null } = {}) {
  const client = newClient(url);
  const u = await signUpUser(client, uniqueEmail(prefix));
  const out = { email: u.email, userId: u.userId, client, backupCodes: null };
  if (totp) {
    const t = await enrollTotp(client, u.sessionId);
    out.secret = t.secret;
    out.backupCodes = t.backupCodes;
  }
  if (phone) {
    const p = await addVerifiedPhone(client, u.sessionId, phone);
    out.phone = p.phone;
    out.backupCodes ??= p.backupCodes;
  }
  assertEnvelope(await client.delete('/v1/client/sessions'));
  return out;
}

/** A fresh client signed in with the password, stopped at needs_second_factor. @returns {{client, signIn}} */
export async function startMfaSignIn(url, email, password = PASSWORD) {
  const client = newClient(url);
  const res = await signInRequest(client, email, password);
  const si = assertEnvelope(res).response;
  assert.equal(si.status, 'needs_second_factor', show(res));
  return { client, signIn: si };
}

export function prepareSecondFactor(client, signInId, form) {
  return client.post(`/v1/client/sign_ins/${signInId}/prepare_second_factor`, form);
}

export function attemptSecondFactor(client, signInId, strategy, code) {
  return client.post(`/v1/client/sign_ins/${signInId}/attempt_second_factor`, { strategy, code });
}

/** Assert an attempt completed the sign-in with a session in the piggybacked client. */
export function assertCompleted(res) {
  const j = assertEnvelope(res);
  const si = j.response;
  assert.equal(si.status, 'complete', show(res));
  assert.match(si.created_session_id ?? '', /^sess_/, show(res));
  const session = j.client?.sessions?.find((s) => s.id === si.created_session_id);
  assert.ok(session, `created session not in the piggybacked client: ${show(res)}`);
  assert.equal(j.client.last_active_session_id, si.created_session_id, show(res));
  return { signIn: si, session, client: j.client };
}

// ---------------------------------------------------------------------------------------------
// The SMS provider mock (tests/support/sms_provider_mock.py)

const MOCK = path.join(REPO_ROOT, 'tests', 'support', 'sms_provider_mock.py');
const PYTHON = '/usr/bin/python3';

/**
 * Start the Twilio-style mock. @returns {{url, port, dir, messages(), waitFor(pred), stop()}}
 * Each message is {sid, account_sid, to, from, body}; the mock answers 401 unless the request
 * carried HTTP Basic account_sid:auth_token, and 400 unless To, From and Body were all set, so a
 * recorded message proves all of them.
 */
export async function startSmsProvider({ accountSid = 'AC123', authToken = 'secret' } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-sms-'));
  const child = spawn(PYTHON, [MOCK, '--port', '0', '--out', dir, '--account-sid', accountSid, '--auth-token', authToken],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((r) => child.on('exit', r));
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sms mock not ready: ${out} ${log}`)), 10_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /ready (\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`sms mock exited ${code}: ${log}`)); });
  });
  const messages = () => readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
  return {
    port, dir, url: `http://127.0.0.1:${port}`, messages,
    /** The messages to `to` (the mock writes before it answers, so no waiting is needed). */
    to: (to) => messages().filter((m) => m.to === to),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The 6-digit code in an SMS body. */
export function codeInSms(body) {
  const m = /\b(\d{6})\b/.exec(body);
  assert.ok(m, `no 6-digit code in SMS body: ${body}`);
  return m[1];
}
