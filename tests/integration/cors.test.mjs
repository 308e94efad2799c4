// CORS (protocol §3.4): exact allowed Origin echoed with credentials; others get nothing.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../support/server.mjs';
import { describe as desc } from '../support/fapi_client.mjs';
import { APP_ORIGIN, OTHER_ORIGIN, BASE_SETS, newClient, signUpUser, uniqueEmail } from '../support/flows.mjs';

const SECOND_ORIGIN = 'http://127.0.0.1:5173';
const srv = useServer(nt, { sets: { ...BASE_SETS, 'server.allowed_origins': `${APP_ORIGIN},${SECOND_ORIGIN}` } });

function assertAllowed(res, origin) {
  const h = res.headers;
  assert.equal(h.get('access-control-allow-origin'), origin, `ACAO for ${desc(res)}`);
  assert.equal(h.get('access-control-allow-credentials'), 'true');
  assert.match(h.get('vary') ?? '', /origin/i, 'Vary: Origin');
}

function assertNotAllowed(res) {
  const acao = res.headers.get('access-control-allow-origin');
  assert.equal(acao, null, `disallowed origin must get no ACAO, got ${acao}`);
  assert.notEqual(res.headers.get('access-control-allow-credentials'), 'true');
}

srv.test('allowed origin is echoed exactly with credentials on GET and POST', async () => {
  const c = newClient(srv.url, { origin: APP_ORIGIN });
  assertAllowed(await c.get('/v1/environment'), APP_ORIGIN);
  assertAllowed(await c.get('/v1/client'), APP_ORIGIN);
  assertAllowed(await c.post('/v1/client/sign_ins', { identifier: uniqueEmail('cors') }), APP_ORIGIN); // 422 too
  const c2 = newClient(srv.url, { origin: SECOND_ORIGIN });
  assertAllowed(await c2.patch('/v1/environment', {}), SECOND_ORIGIN);
});

srv.test('error responses carry CORS headers too (clerk-js must read the error body)', async () => {
  const c = newClient(srv.url, { origin: APP_ORIGIN });
  const r404 = await c.get('/v1/nope');
  assert.equal(r404.status, 404);
  assertAllowed(r404, APP_ORIGIN);
  const r401 = await c.get('/v1/me');
  assert.equal(r401.status, 401, desc(r401));
  assertAllowed(r401, APP_ORIGIN);
});

srv.test('Access-Control-Expose-Headers lists Clerk-Db-Jwt and Retry-After', async () => {
  const c = newClient(srv.url, { origin: APP_ORIGIN });
  const res = await c.get('/v1/environment');
  const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
  assert.ok(exposed.includes('clerk-db-jwt'), `expose: ${exposed}`);
  assert.ok(exposed.includes('retry-after'), `expose: ${exposed}`);
});

srv.test('disallowed origin gets no Access-Control-Allow-Origin', async () => {
  const c = newClient(srv.url, { origin: OTHER_ORIGIN });
  assertNotAllowed(await c.get('/v1/environment'));
  assertNotAllowed(await c.get('/v1/client'));
  assertNotAllowed(await c.post('/v1/client/sign_ins', { identifier: uniqueEmail('evil') }));
  // near-misses of an allowed origin
  for (const o of ['http://localhost:3000.evil.example', 'http://localhost:30001', 'https://localhost:3000',
    'http://LOCALHOST:3000x', 'null']) {
    const r = await newClient(srv.url, { origin: o }).get('/v1/environment');
    assertNotAllowed(r);
  }
});

srv.test('no Origin header → no ACAO (same-origin / server-to-server)', async () => {
  const c = newClient(srv.url, { origin: undefined });
  const res = await c.get('/v1/environment');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
});

srv.test('OPTIONS preflight from an allowed origin → 204 with methods, headers and credentials', async () => {
  const res = await fetch(`${srv.url}/v1/client/sign_ins`, {
    method: 'OPTIONS',
    headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
  const body = await res.text();
  assert.equal(res.status, 204, `${res.status} ${body}`);
  assert.equal(res.headers.get('access-control-allow-origin'), APP_ORIGIN);
  assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
  const methods = (res.headers.get('access-control-allow-methods') ?? '').toUpperCase();
  for (const m of ['GET', 'POST']) assert.ok(methods.includes(m), `allow-methods: ${methods}`);
  const allowHeaders = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
  assert.ok(allowHeaders.includes('content-type'), `allow-headers: ${allowHeaders}`);
});

srv.test('OPTIONS preflight works on any path (safety net), including /__clerk prefix', async () => {
  for (const p of ['/v1/environment', '/__clerk/v1/client', '/v1/me']) {
    const res = await fetch(`${srv.url}${p}`, {
      method: 'OPTIONS', headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    await res.arrayBuffer();
    assert.equal(res.status, 204, p);
    assert.equal(res.headers.get('access-control-allow-origin'), APP_ORIGIN, p);
  }
});

srv.test('OPTIONS preflight from a disallowed origin gets no ACAO', async () => {
  const res = await fetch(`${srv.url}/v1/client/sign_ins`, {
    method: 'OPTIONS', headers: { Origin: OTHER_ORIGIN, 'Access-Control-Request-Method': 'POST' },
  });
  await res.arrayBuffer();
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  assert.notEqual(res.headers.get('access-control-allow-credentials'), 'true');
});

srv.test('a signed-in flow works entirely cross-origin from an allowed origin', async () => {
  const c = newClient(srv.url, { origin: SECOND_ORIGIN });
  const { sessionId } = await signUpUser(c, uniqueEmail('xo'));
  const res = await c.post(`/v1/client/sessions/${sessionId}/tokens`, {});
  assert.equal(res.status, 200);
  assertAllowed(res, SECOND_ORIGIN);
});
