// Clerk's handshake (GET /v1/client/handshake) as the official @clerk/backend drives it: the
// app's server (authenticateRequest, what @clerk/nextjs's clerkMiddleware runs) sends the browser
// to the Frontend API when its session cookies are missing or stale, the Frontend API sends it
// back with the cookies to set, and the app's server verifies and applies them. Development
// instances hand the token over in the URL, production ones in a cookie on the app's domain.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { createClerkClient } from '@clerk/backend';
import { useServer } from '../support/server.mjs';
import { describe as desc } from '../support/fapi_client.mjs';
import {
  APP_ORIGIN, BASE_SETS, assertClerkError, assertOk, decodeJwt, newClient, publishableKey, signUpUser, uniqueEmail,
} from '../support/flows.mjs';

const DEV_KEY = publishableKey('clerk.tessera.test', false);
const LIVE_KEY = publishableKey('clerk.tessera.test', true);
const SECRET_KEY = 'sk_test_tessera_handshake';

const dev = useServer(nt, { sets: { ...BASE_SETS, 'server.publishable_key': DEV_KEY } });
const live = useServer(nt, { sets: { ...BASE_SETS, 'server.publishable_key': LIVE_KEY } });

/** The app's server: @clerk/backend with the Frontend API reached at the Tessera under test. */
function appServer(srv, publishableKey) {
  const clerk = createClerkClient({ secretKey: SECRET_KEY, publishableKey, apiUrl: srv.url, telemetry: { disabled: true } });
  return (url, cookie = '') =>
    clerk.authenticateRequest(
      new Request(url, { headers: { cookie, accept: 'text/html', 'sec-fetch-dest': 'document' } }),
      { proxyUrl: srv.url },
    );
}

/** Follows the app server's redirect to Tessera's handshake endpoint; returns Tessera's answer. */
async function visitHandshake(state, headers = {}) {
  assert.equal(state.status, 'handshake', `expected a handshake, got ${state.status} (${state.reason})`);
  const location = state.headers.get('location');
  assert.match(location, /\/v1\/client\/handshake\?/);
  const res = await fetch(location, { redirect: 'manual', headers });
  assert.equal(res.status, 307, `${res.status} ${await res.text()}`);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  return res;
}

const cookieHeader = (setCookies) => setCookies.map((c) => c.split(';')[0]).join('; ');
const appSetCookies = (state) => state.headers.getSetCookie().filter((c) => !c.startsWith('__clerk_redirect_count'));

dev.test('development: a first visit gets a new dev browser and is signed out', async () => {
  const authenticate = appServer(dev, DEV_KEY);
  const first = await authenticate(`${APP_ORIGIN}/dashboard`);
  assert.equal(first.reason, 'dev-browser-missing');
  const res = await visitHandshake(first);
  const back = new URL(res.headers.get('location'));
  assert.equal(`${back.origin}${back.pathname}`, `${APP_ORIGIN}/dashboard`);
  assert.ok(back.searchParams.get('__clerk_handshake'), 'token in the URL');

  const resolved = await authenticate(back.href);
  assert.equal(resolved.status, 'signed-out', resolved.reason);
  const cookies = appSetCookies(resolved);
  const devBrowser = cookies.find((c) => c.startsWith('__clerk_db_jwt='));
  assert.ok(devBrowser, cookies.join('\n'));
  assert.ok(cookies.includes('__client_uat=0; Path=/; Max-Age=31536000; SameSite=Lax'), cookies.join('\n'));
  assert.equal(new URL(resolved.headers.get('location'), APP_ORIGIN).search, '', 'token stripped from the URL');

  // The dev browser is a real one: clerk-js may use it at once.
  const id = devBrowser.split(';')[0].split('=')[1];
  const client = newClient(dev.url, { devBrowser: id, cookies: false });
  assertOk(await client.get('/v1/client'));
});

dev.test('development: a signed-in dev browser without a session cookie gets its session token', async () => {
  const devBrowser = assertOk(await newClient(dev.url, { cookies: false }).post('/v1/dev_browser', {})).id;
  const client = newClient(dev.url, { devBrowser, cookies: false });
  const user = await signUpUser(client, uniqueEmail('hs-dev'));
  const authenticate = appServer(dev, DEV_KEY);
  const uat = Math.floor(Date.now() / 1000) - 5;

  const state = await authenticate(`${APP_ORIGIN}/`, `__clerk_db_jwt=${devBrowser}; __client_uat=${uat}`);
  assert.equal(state.reason, 'client-uat-but-no-session-token');
  assert.equal(new URL(state.headers.get('location')).searchParams.get('__clerk_db_jwt'), devBrowser);
  const back = (await visitHandshake(state)).headers.get('location');

  const resolved = await authenticate(back, `__clerk_db_jwt=${devBrowser}`);
  assert.equal(resolved.status, 'signed-in', resolved.reason);
  assert.equal(resolved.toAuth().userId, user.userId);
  assert.equal(resolved.toAuth().sessionId, user.sessionId);
  const session = appSetCookies(resolved).find((c) => c.startsWith('__session='));
  const claims = decodeJwt(session.split(';')[0].slice('__session='.length)).payload;
  assert.equal(claims.azp, APP_ORIGIN, 'the token is for the page it is handed to');
  assert.ok(appSetCookies(resolved).some((c) => c.startsWith(`__clerk_db_jwt=${devBrowser};`)));
});

dev.test('development: the browser\'s __client cookie names its client, the dev browser passed on stays', async () => {
  // clerk-js keeps the client in a cookie when the instance does not sync sessions through the
  // URL, while the app's server still holds the dev browser an earlier handshake gave it.
  const client = newClient(dev.url); // cookies, no dev browser
  const user = await signUpUser(client, uniqueEmail('hs-dev-cookie'));
  const devBrowser = assertOk(await newClient(dev.url, { cookies: false }).post('/v1/dev_browser', {})).id;
  const authenticate = appServer(dev, DEV_KEY);
  const state = await authenticate(`${APP_ORIGIN}/`, `__clerk_db_jwt=${devBrowser}; __client_uat=${Math.floor(Date.now() / 1000) - 5}`);
  const back = (await visitHandshake(state, { cookie: client.jar.header() })).headers.get('location');
  const resolved = await authenticate(back, `__clerk_db_jwt=${devBrowser}`);
  assert.equal(resolved.status, 'signed-in', resolved.reason);
  assert.equal(resolved.toAuth().userId, user.userId);
  assert.ok(appSetCookies(resolved).some((c) => c.startsWith(`__clerk_db_jwt=${devBrowser};`)));
});

dev.test('development: suffixed cookies are set under both names', async () => {
  const res = await fetch(`${dev.url}/v1/client/handshake?redirect_url=${encodeURIComponent(`${APP_ORIGIN}/`)}&suffixed_cookies=true`, { redirect: 'manual' });
  assert.equal(res.status, 307);
  const token = new URL(res.headers.get('location')).searchParams.get('__clerk_handshake');
  const names = decodeJwt(token).payload.handshake.map((c) => c.split('=')[0]);
  const suffix = names.find((n) => n.startsWith('__session_')).slice('__session_'.length);
  assert.match(suffix, /^[A-Za-z0-9_-]{8}$/);
  assert.deepEqual(names.sort(), ['__clerk_db_jwt', `__clerk_db_jwt_${suffix}`, '__client_uat', `__client_uat_${suffix}`,
    '__session', `__session_${suffix}`].sort());
});

live.test('production: through a same-origin proxy the token comes back in a cookie', async () => {
  const client = newClient(live.url);
  const user = await signUpUser(client, uniqueEmail('hs-live'));
  const authenticate = appServer(live, LIVE_KEY);
  const uat = Math.floor(Date.now() / 1000) - 5;

  const state = await authenticate(`${APP_ORIGIN}/account`, `__client_uat=${uat}`);
  assert.equal(state.reason, 'client-uat-but-no-session-token');
  // @clerk/backend's proxy (clerkMiddleware's frontendApiProxy) names the app's proxy path.
  const res = await visitHandshake(state, { cookie: client.jar.header(), 'clerk-proxy-url': `${APP_ORIGIN}/__clerk` });
  assert.equal(res.headers.get('location'), `${APP_ORIGIN}/account`);
  const handshakeCookie = res.headers.getSetCookie().find((c) => c.startsWith('__clerk_handshake='));
  assert.match(handshakeCookie, /; Path=\/; Max-Age=60; HttpOnly; SameSite=Lax$/);

  const resolved = await authenticate(`${APP_ORIGIN}/account`, handshakeCookie.split(';')[0]);
  assert.equal(resolved.status, 'signed-in', resolved.reason);
  assert.equal(resolved.toAuth().userId, user.userId);
  const cookies = appSetCookies(resolved);
  assert.ok(cookies.includes('__clerk_handshake=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax'), 'the cookie clears itself');
  assert.ok(cookies.some((c) => c.startsWith('__session=ey')), cookies.join('\n'));
  assert.ok(!cookies.some((c) => c.startsWith('__clerk_db_jwt')), 'no dev browser in production');
});

live.test('production: a browser whose client has no session is signed out by the handshake', async () => {
  const authenticate = appServer(live, LIVE_KEY);
  const stale = Math.floor(Date.now() / 1000) - 5;
  const state = await authenticate(`${APP_ORIGIN}/`, `__client_uat=${stale}`);
  // No __client cookie, another site than the app's: the token can only travel in the URL.
  const back = (await visitHandshake(state)).headers.get('location');
  assert.ok(new URL(back).searchParams.get('__clerk_handshake'));
  const resolved = await authenticate(back);
  assert.equal(resolved.status, 'signed-out');
  assert.ok(appSetCookies(resolved).includes('__session=; Path=/; Max-Age=0; SameSite=Lax'));
});

live.test('the handshake only sends the browser to the instance\'s own apps', async () => {
  const handshake = (redirect, headers = {}) => fetch(
    `${live.url}/v1/client/handshake${redirect === undefined ? '' : `?redirect_url=${encodeURIComponent(redirect)}`}`,
    { redirect: 'manual', headers },
  ).then(async (r) => ({ status: r.status, json: await r.json().catch(() => undefined), text: '', headers: r.headers }));

  assertClerkError(await handshake(undefined), { status: 422, code: 'form_param_missing', param: 'redirect_url' });
  assertClerkError(await handshake('https://evil.example/steal'), { status: 422, code: 'redirect_url_domain_mismatch' });
  assertClerkError(await handshake('http://localhost:3000.evil.example/'), { status: 422, code: 'invalid_redirect_url' });
  assertClerkError(await handshake('http://localhost.evil.example:3000/'), { status: 422, code: 'redirect_url_domain_mismatch' });
  assertClerkError(await handshake('javascript:alert(1)'), { status: 422, code: 'prohibited_redirect_url' });
  assertClerkError(await handshake('/relative'), { status: 422, code: 'invalid_redirect_url' });
  // A proxy in front of Tessera may name its own origin; a browser following a link cannot.
  const viaProxy = await handshake('https://shop.example/', { 'clerk-proxy-url': 'https://shop.example/__clerk' });
  assert.equal(viaProxy.status, 307, desc(viaProxy));
  // This server's own pages qualify.
  assert.equal((await handshake(`${live.url}/`)).status, 307);
});

live.test('clerk-js and its UI are served where the SDKs load them from', async () => {
  for (const path of ['/npm/@clerk/clerk-js@6/dist/clerk.browser.js', '/npm/@clerk/clerk-js@6.40.0/dist/clerk.browser.js',
    '/__clerk/npm/@clerk/clerk-js@6/dist/clerk.browser.js', '/npm/@clerk/ui@1/dist/ui.browser.js']) {
    const res = await fetch(`${live.url}${path}`, { headers: { origin: 'https://any-app.example' } });
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type'), /javascript/, path);
    assert.equal(res.headers.get('access-control-allow-origin'), '*', path);
    assert.ok((await res.text()).length > 10_000, path);
  }
  for (const path of ['/npm/@clerk/clerk-js@5/dist/clerk.browser.js', '/npm/@clerk/clerk-js@6/dist/../../../../tessera.dev.toml',
    '/npm/@clerk/clerk-js@6/package.json']) {
    const res = await fetch(`${live.url}${path}`);
    assert.equal(res.status, 404, path);
  }
});
