// End-to-end: the demo page (web/pages/vanilla, served by Tessera at "/") with the real
// @clerk/clerk-js 6 from npm, in headless Debian Chromium. One browser context walks through
// sign-up → signed-in view → sign-out → wrong password → sign-in.
//
// E2E_SCREENSHOTS=1 saves a screenshot of every step to test-results/ (failures always do).
//
// The sign-up marks this browser's client trusted, so the later password sign-in in the same
// context is not asked for Client Trust even with auth.client_trust on.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startServer } from '../support/server.mjs';
import { launchBrowser, openPage, cookieMap, decodeJwt } from '../support/browser.mjs';
import { closeAll, visible, walkThrough } from '../support/e2e_steps.mjs';

const id = randomBytes(4).toString('hex');
const EMAIL = `e2e-${id}+clerk_test@example.com`; // test mode: code 424242
const PASSWORD = `Tessera-e2e-${randomBytes(6).toString('hex')}!`;
const TEST_CODE = '424242';

describe('demo page with the official clerk-js', { timeout: 120_000 }, () => {
  let server;
  let browser;
  let tab;

  before(async () => {
    server = await startServer({ sets: { 'dev.test_mode': 'true' } });
    browser = await launchBrowser();
    tab = await openPage(browser, { baseURL: server.url });
  });

  after(() => closeAll({ tab, browser, server }));

  // A step of the walk-through: screenshot + browser report + server log tail on failure.
  const step = walkThrough(it, 'e2e-demo', () => ({ tab, server }));
  const clerkState = (page) =>
    page.evaluate(() => ({
      status: window.clerk?.status ?? null,
      clientId: window.clerk?.client?.id ?? null,
      userId: window.clerk?.user?.id ?? null,
      email: window.clerk?.user?.primaryEmailAddress?.emailAddress ?? null,
      sessionId: window.clerk?.session?.id ?? null,
      sessionStatus: window.clerk?.session?.status ?? null,
    }));

  step('loads clerk-js from Tessera and reaches status ready', async ({ page }) => {
    await page.goto('/');
    // main.js sets #status once clerk.load() has settled. load() resolving proves nothing under
    // webdriver (clerk-js swallows FAPI failures there), so check clerk's own status and client.
    await page.waitForFunction(
      () => document.querySelector('#status')?.dataset.status !== 'loading',
      null,
      { timeout: 30_000 },
    );
    const state = await clerkState(page);
    assert.equal(state.status, 'ready', `clerk.status is ${state.status}`);
    assert.equal(state.userId, null, 'nobody is signed in yet');
    // A browser without a client gets {"response": null} from GET /v1/client (fapi-protocol §6),
    // so clerk.client.id only exists once a sign-up or sign-in created the client (asserted in
    // the next step). Here, prove that Tessera itself answered both load() calls.
    const answered = (path) =>
      tab.responses.find((r) => new URL(r.url).pathname === `/__clerk/v1/${path}`);
    for (const path of ['environment', 'client']) {
      const res = answered(path);
      assert.ok(res, `clerk-js called /__clerk/v1/${path}`);
      assert.equal(res.status, 200, `/__clerk/v1/${path} answered ${res.status}`);
    }
    await visible(page, '#sign-in-form');
    await visible(page, '#sign-up-form');

    // Everything came from Tessera: the page, clerk.mjs and the FAPI calls (no CDN).
    const origin = new URL(server.url).origin;
    const foreign = tab.requests.filter((r) => {
      const url = r.split(' ')[1];
      return !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:');
    });
    assert.deepEqual(foreign, [], 'no request left the Tessera origin');
  });

  step('signs up with an email code and shows the signed-in view', async ({ page, context }) => {
    await page.fill('#sign-up-email', EMAIL);
    await page.fill('#sign-up-password', PASSWORD);
    await page.click('#sign-up-button');
    await visible(page, '#sign-up-verifying');
    assert.equal(await page.textContent('#sign-up-verifying-email'), EMAIL);

    await page.fill('#sign-up-code', TEST_CODE);
    await page.click('#sign-up-verify-button');
    await visible(page, '#signed-in');
    assert.equal((await page.textContent('#user-email')).trim(), EMAIL);

    const state = await clerkState(page);
    assert.ok(state.clientId, 'clerk.client.id is set once the sign-up created the client');
    assert.equal(state.email, EMAIL, 'clerk.user has the email address');
    assert.ok(state.userId?.length, 'clerk.user.id');
    assert.ok(state.sessionId?.length, 'clerk.session.id');

    // clerk-js writes the session token to the __session cookie on the page's origin.
    let cookies = {};
    for (let i = 0; i < 50 && !cookies.__session; i++) {
      cookies = await cookieMap(context, server.url);
      if (!cookies.__session) await page.waitForTimeout(100);
    }
    assert.ok(cookies.__session, `a __session cookie exists (cookies: ${Object.keys(cookies).join(', ')})`);
    const claims = decodeJwt(cookies.__session);
    assert.ok(claims.sid, 'the session JWT has sid');
    assert.ok(claims.sub, 'the session JWT has sub');
    assert.equal(claims.sub, state.userId, 'sub is the signed-in user');
    assert.equal(claims.sid, state.sessionId, 'sid is the active session');

    // The page shows the token's claims.
    await page.waitForFunction(() => document.querySelector('#claims')?.textContent.includes('"sid"'));
    const shown = JSON.parse(await page.textContent('#claims'));
    assert.equal(shown.sub, state.userId);
  });

  step('signs out and returns to the sign-in form', async ({ page }) => {
    await page.click('#sign-out');
    await visible(page, '#sign-in-form');
    assert.equal(await page.isVisible('#signed-in'), false);
    await page.waitForFunction(() => window.clerk.user == null);
    const state = await clerkState(page);
    assert.equal(state.userId, null, 'clerk.user is null after sign-out');
    assert.equal(state.sessionId, null, 'clerk.session is null after sign-out');
  });

  step('shows the error long_message for a wrong password', async ({ page }) => {
    await page.fill('#sign-in-email', EMAIL);
    await page.fill('#sign-in-password', `${PASSWORD}-wrong`);
    await page.click('#sign-in-button');
    await visible(page, '#error');
    const text = (await page.textContent('#error')).trim();
    assert.match(text, /^Password is incorrect/, `error line: ${text}`);
    assert.equal(await page.isVisible('#signed-in'), false);
    assert.equal((await clerkState(page)).userId, null);
    // The error carried the client (meta.client), which clerk-js applied: its sign-in is the
    // attempt the wrong password left on the server.
    const signIn = await page.evaluate(() => ({
      id: window.clerk.client.signIn.id, status: window.clerk.client.signIn.status,
    }));
    assert.match(signIn.id ?? '', /^sia_/, JSON.stringify(signIn));
    assert.equal(signIn.status, 'needs_first_factor');
  });

  step('signs in with the password', async ({ page }) => {
    await page.fill('#sign-in-email', EMAIL);
    await page.fill('#sign-in-password', PASSWORD);
    await page.click('#sign-in-button');
    await visible(page, '#signed-in');
    assert.equal(await page.isVisible('#error'), false, 'the old error line is cleared');
    assert.equal((await page.textContent('#user-email')).trim(), EMAIL);
    const state = await clerkState(page);
    assert.equal(state.email, EMAIL);
    assert.ok(state.sessionId);
  });

  step('had no uncaught errors in the page', async () => {
    assert.deepEqual(tab.pageErrors, [], 'uncaught exceptions in the page');
    const failed = tab.failedRequests.filter((r) => !r.endsWith('net::ERR_ABORTED'));
    assert.deepEqual(failed, [], 'requests without a response');
  });
});
