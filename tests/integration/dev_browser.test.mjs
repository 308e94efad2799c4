// Dev-browser handshake (protocol §3.1): POST /v1/dev_browser → {id}; __clerk_db_jwt=<id> is the client identity.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../support/server.mjs';
import { describe as desc } from '../support/fapi_client.mjs';
import { BASE_SETS, newClient, assertEnvelope, assertOk, assertClerkError, signUpUser, uniqueEmail, getToken } from '../support/flows.mjs';

const srv = useServer(nt, { sets: BASE_SETS });

async function newDevBrowser() {
  // clerk-js sends this without credentials and without a body.
  const c = newClient(srv.url, { cookies: false });
  const res = await c.request('POST', '/v1/dev_browser', { body: '' });
  const j = assertOk(res);
  assert.equal(typeof j.id, 'string', desc(res));
  assert.ok(j.id.length >= 16, `dev browser id too short to be unguessable: ${j.id}`);
  return j.id;
}

srv.test('POST /v1/dev_browser answers 200 with a bare {id}', async () => {
  const id = await newDevBrowser();
  const id2 = await newDevBrowser();
  assert.notEqual(id, id2);
});

// A dev browser may own an empty client from the start (as Clerk's does); either is fine for clerk-js.
function assertNoSignedInClient(j, sessionId) {
  const cl = j.response;
  if (cl === null) return;
  assert.equal(cl.object, 'client', JSON.stringify(j));
  assert.notEqual(cl.last_active_session_id ?? null, sessionId ?? 'n/a');
  if (!sessionId) assert.equal(cl.last_active_session_id, null, JSON.stringify(j));
  assert.equal(cl.sessions.filter((s) => s.status === 'active' || s.status === 'pending').length, 0, JSON.stringify(j));
}

srv.test('a fresh dev browser has no signed-in client: GET /v1/client → 200, null or an empty client', async () => {
  const id = await newDevBrowser();
  const c = newClient(srv.url, { devBrowser: id, cookies: false });
  assertNoSignedInClient(assertEnvelope(await c.get('/v1/client')));
});

srv.test('__clerk_db_jwt identifies the client without any cookie', async () => {
  const id = await newDevBrowser();
  const c = newClient(srv.url, { devBrowser: id, cookies: false });
  const { sessionId, userId } = await signUpUser(c, uniqueEmail('devb'));

  // Same token, brand-new HTTP client, no cookies at all: same client, signed in.
  const again = newClient(srv.url, { devBrowser: id, cookies: false });
  const j = assertEnvelope(await again.get('/v1/client'));
  assert.ok(j.response, 'client must be found by __clerk_db_jwt');
  assert.equal(j.response.last_active_session_id, sessionId);
  const jwt = await getToken(again, sessionId);
  assert.ok(jwt);
  const me = assertEnvelope(await again.get('/v1/me', { _clerk_session_id: sessionId }));
  assert.equal(me.response.id, userId);

  // Another dev browser does not see it.
  const other = newClient(srv.url, { devBrowser: await newDevBrowser(), cookies: false });
  assertNoSignedInClient(assertEnvelope(await other.get('/v1/client')), sessionId);
});

srv.test('an unknown __clerk_db_jwt is rejected with 401 dev_browser_unauthenticated', async () => {
  const c = newClient(srv.url, { devBrowser: 'dvb_this_token_was_never_issued', cookies: false });
  const res = await c.get('/v1/client');
  assertClerkError(res, { status: 401, code: 'dev_browser_unauthenticated' });
});
