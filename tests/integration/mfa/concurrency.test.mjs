// One code, many simultaneous attempts, one node on SQLite: 50 clients each stopped at
// needs_second_factor (password done, client trust off), then 50 attempt_second_factor with the
// same backup code / the same TOTP code fired at once → exactly one sign-in completes (one atomic
// consume of the backup code; one compare-and-set of the TOTP time step).
//
// The hashing pool (argon2id, which attempt_second_factor runs on) is sized so that all 50 are
// actually processed, not refused with 429 for back-pressure: every loser must be a real
// 422 form_code_incorrect. Lockout is raised so the 49 failures do not lock the account mid-race.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../../support/server.mjs';
import { describe as show } from '../../support/fapi_client.mjs';
import { BASE_SETS, PASSWORD, assertEnvelope, assertClerkError, getToken } from '../../support/flows.mjs';
import {
  userWithMfa, startMfaSignIn, attemptSecondFactor, assertCompleted, freshTotp,
} from '../../support/mfa_flows.mjs';

const N = 50;

const srv = useServer(nt, {
  sets: {
    ...BASE_SETS,
    'auth.client_trust': 'false',
    'limits.rate_limits': 'false',
    'limits.lockout_attempts': '1000',
    'server.worker_threads': '25', // hashing pool: 25 running + 50 queued ≥ N
    'dev.clock_control': 'true',
  },
});

/** N clients of `email`, each with its own sign-in in needs_second_factor. */
async function signIns(email) {
  const out = [];
  for (let i = 0; i < N; i += 10) {
    const batch = await Promise.all(Array.from({ length: Math.min(10, N - i) }, () => startMfaSignIn(srv.url, email, PASSWORD)));
    out.push(...batch);
  }
  assert.equal(new Set(out.map((s) => s.signIn.id)).size, N, 'N distinct sign-in attempts');
  return out;
}

async function race(attempts, strategy, code) {
  const results = await Promise.all(attempts.map(({ client, signIn }) => attemptSecondFactor(client, signIn.id, strategy, code)));
  const winners = results.map((r, i) => ({ r, i })).filter(({ r }) => r.status === 200);
  const losers = results.filter((r) => r.status !== 200);
  const tally = {};
  for (const r of results) tally[r.status] = (tally[r.status] ?? 0) + 1;
  assert.equal(winners.length, 1, `exactly one of ${N} wins; statuses ${JSON.stringify(tally)}; e.g. ${losers[0] && show(losers[0])}`);
  for (const r of losers) assertClerkError(r, { status: 422, code: 'form_code_incorrect', param: 'code' });
  const { r, i } = winners[0];
  const done = assertCompleted(r);
  return { done, winner: attempts[i] };
}

/** After the race: the winner's session works; exactly one session exists across the 50 clients. */
async function checkAftermath(attempts, { done, winner }, userId) {
  const jwtSub = JSON.parse(Buffer.from((await getToken(winner.client, done.signIn.created_session_id)).split('.')[1], 'base64url')).sub;
  assert.equal(jwtSub, userId);
  let sessions = 0;
  for (const { client, signIn } of attempts) {
    const cl = assertEnvelope(await client.get('/v1/client')).response;
    sessions += cl?.sessions?.length ?? 0;
    const si = assertEnvelope(await client.get(`/v1/client/sign_ins/${signIn.id}`)).response;
    assert.equal(si.status, client === winner.client ? 'complete' : 'needs_second_factor', JSON.stringify(si));
  }
  assert.equal(sessions, 1, 'one session in all');
}

srv.test(`${N} simultaneous attempts with the same backup code → exactly one completes`, async () => {
  const u = await userWithMfa(srv.url, { prefix: 'race-backup' });
  const attempts = await signIns(u.email);
  const result = await race(attempts, 'backup_code', u.backupCodes[0]);
  await checkAftermath(attempts, result, u.userId);
  // The code is spent; another code still works for one of the losers.
  const loser = attempts.find((a) => a !== result.winner);
  assertClerkError(await attemptSecondFactor(loser.client, loser.signIn.id, 'backup_code', u.backupCodes[0]),
    { status: 422, code: 'form_code_incorrect' });
  assertCompleted(await attemptSecondFactor(loser.client, loser.signIn.id, 'backup_code', u.backupCodes[1]));
});

srv.test(`${N} simultaneous attempts with the same TOTP code → exactly one completes`, async () => {
  const u = await userWithMfa(srv.url, { prefix: 'race-totp' });
  const attempts = await signIns(u.email);
  const { code } = await freshTotp(srv.url, u.secret);
  const result = await race(attempts, 'totp', code);
  await checkAftermath(attempts, result, u.userId);
  // The next time step's code works for a loser.
  const loser = attempts.find((a) => a !== result.winner);
  const next = await freshTotp(srv.url, u.secret);
  assertCompleted(await attemptSecondFactor(loser.client, loser.signIn.id, 'totp', next.code));
});
