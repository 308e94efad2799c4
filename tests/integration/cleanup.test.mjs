// `tessera cleanup` on the database of a running server: it reports what it deleted and leaves
// everything still usable alone (what it deletes, and when, is covered by the unit tests:
// tests/unit/auth/purge_test.cpp and the store contract).
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { useServer, TESSERA_BIN, TESSERA_CONFIG, REPO_ROOT } from '../support/server.mjs';
import {
  BASE_SETS, newClient, assertEnvelope, signUpUser, signInRequest, uniqueEmail, getToken, PASSWORD,
} from '../support/flows.mjs';

// Client Trust on: a password sign-in from a second device stays pending.
const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.client_trust': 'true' } });

function cleanup(...args) {
  return execFileSync(TESSERA_BIN, ['cleanup', '--config', TESSERA_CONFIG, '--database', srv.database, ...args], {
    cwd: REPO_ROOT, encoding: 'utf8', stdio: 'pipe',
  });
}

srv.test('`tessera cleanup` keeps live sessions, pending sign-ins and their clients', async () => {
  const c = newClient(srv.url);
  const { sessionId, email } = await signUpUser(c, uniqueEmail('cleanup'));
  const other = newClient(srv.url);
  const pending = assertEnvelope(await signInRequest(other, email, PASSWORD)).response;
  assert.equal(pending.status, 'needs_client_trust', JSON.stringify(pending));

  const out = cleanup('--keep-days', '0');
  assert.match(out, /deleted 0 sign-ins, 0 sign-ups, 0 sessions, 0 clients/, out);

  const client = assertEnvelope(await c.get('/v1/client')).response;
  assert.equal(client.last_active_session_id, sessionId);
  assert.ok(await getToken(c, sessionId));
  const again = assertEnvelope(await other.get(`/v1/client/sign_ins/${pending.id}`)).response;
  assert.equal(again.status, pending.status);
});

srv.test('`tessera cleanup` refuses a negative retention', () => {
  assert.throws(() => cleanup('--keep-days', '-1'));
});
