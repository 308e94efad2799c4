// End-to-end: Require MFA with the official SDK (issue 4, protocol §8.1). With
// auth.require_mfa=true a new user signs up on the demo page ("/", clerk-js) and gets a pending
// session with the task setup-mfa; the demo page shows it and links to the manage page, where the
// user enrolls an authenticator app (codes from `oathtool`); the session then becomes active.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { startServer } from '../support/server.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';
import { closeAll, textOf, visible, walkThrough } from '../support/e2e_steps.mjs';

const id = randomBytes(4).toString('hex');
const EMAIL = `reqmfa-${id}+clerk_test@example.com`; // test mode: email code 424242
const PASSWORD = `Tessera-reqmfa-${randomBytes(6).toString('hex')}!`;
const TEST_CODE = '424242';

const totpNow = (secret) => execFileSync('oathtool', ['--totp', '-b', secret], { encoding: 'utf8' }).trim();

describe('Require MFA: pending session on the demo page, TOTP on the manage page', { timeout: 120_000 }, () => {
  let server;
  let browser;
  let tab;

  before(async () => {
    server = await startServer({
      sets: {
        'dev.test_mode': 'true',
        'dev.outbox': 'true',
        'limits.rate_limits': 'false',
        'auth.require_mfa': 'true',
      },
    });
    browser = await launchBrowser();
    tab = await openPage(browser, { baseURL: server.url });
  });

  after(() => closeAll({ tab, browser, server }));

  const step = walkThrough(it, 'e2e-require-mfa', () => ({ tab, server }));
  const ready = (page) => page.waitForFunction(() => window.clerk?.status === 'ready', null, { timeout: 30_000 });
  const sessionState = (page) =>
    page.evaluate(() => ({
      status: window.clerk.session?.status ?? null,
      task: window.clerk.session?.currentTask?.key ?? null,
      isSignedIn: window.clerk.isSignedIn,
      userEmail: window.clerk.user?.primaryEmailAddress?.emailAddress ?? null,
    }));

  step('signs up on the demo page → pending session with the task setup-mfa', async ({ page }) => {
    await page.goto('/');
    await ready(page);
    await page.fill('#sign-up-email', EMAIL);
    await page.fill('#sign-up-password', PASSWORD);
    await page.click('#sign-up-button');
    await visible(page, '#sign-up-verifying');
    await page.fill('#sign-up-code', TEST_CODE);
    await page.click('#sign-up-verify-button');
    await page.waitForFunction(() => window.clerk.session != null, null, { timeout: 15_000 });
    const s = await sessionState(page);
    assert.equal(s.status, 'pending', JSON.stringify(s));
    assert.equal(s.task, 'setup-mfa', JSON.stringify(s));
    // clerk-js: a pending session is not "signed in", but clerk.user is the user.
    assert.equal(s.isSignedIn, false, JSON.stringify(s));
    assert.equal(s.userEmail, EMAIL, JSON.stringify(s));
    // The page shows the user, the pending status and the way to set MFA up.
    await visible(page, '#signed-in');
    assert.equal(await textOf(page, '#user-email'), EMAIL);
    assert.match(await textOf(page, '#session-status'), /pending.*setup-mfa/);
    await visible(page, '#manage-link');
    // Its session token says so too.
    await page.waitForFunction(() => document.querySelector('#claims').textContent.includes('"sts"'));
    const claims = JSON.parse(await textOf(page, '#claims'));
    assert.equal(claims.sts, 'pending');
    assert.deepEqual(tab.pageErrors, [], 'no uncaught errors');
  });

  step('the manage page enrolls an authenticator app → the session becomes active', async ({ page }) => {
    await page.click('#manage-link');
    await page.waitForURL((url) => url.pathname === '/manage/');
    await ready(page);
    await visible(page, '#signed-in');
    assert.equal(await textOf(page, '#user-email'), EMAIL);
    assert.equal((await sessionState(page)).status, 'pending', 'still pending on the manage page');
    assert.equal(await textOf(page, '#two-factor-enabled'), 'false');

    await page.click('#totp-create');
    await visible(page, '#totp-enroll');
    const secret = await textOf(page, '#totp-secret');
    assert.match(secret, /^[A-Z2-7]{16,}=*$/);
    // Avoid a code about to roll over (the server accepts ±1 step, so this is belt and braces).
    if ((Date.now() / 1000) % 30 > 27) await page.waitForTimeout(3500);
    await page.fill('#totp-code', totpNow(secret));
    await page.click('#totp-verify');
    await visible(page, '#totp-on');
    await page.waitForFunction(() => document.querySelector('#two-factor-enabled').textContent === 'true');

    // The piggybacked client carries the session, now active without tasks.
    await page.waitForFunction(() => window.clerk.session?.status === 'active', null, { timeout: 10_000 });
    const s = await sessionState(page);
    assert.equal(s.status, 'active', JSON.stringify(s));
    assert.equal(s.task, null, JSON.stringify(s));
    assert.equal(s.isSignedIn, true, JSON.stringify(s));
    assert.equal(await page.isVisible('#error'), false, await textOf(page, '#error'));
  });

  step('back on the demo page: active session, token sts=active', async ({ page }) => {
    await page.goto('/');
    await ready(page);
    await visible(page, '#signed-in');
    const s = await sessionState(page);
    assert.equal(s.status, 'active', JSON.stringify(s));
    assert.equal(s.isSignedIn, true);
    assert.doesNotMatch(await textOf(page, '#session-status'), /setup-mfa/);
    await page.waitForFunction(() => document.querySelector('#claims').textContent.includes('"sts"'));
    assert.equal(JSON.parse(await textOf(page, '#claims')).sts, 'active');
    assert.deepEqual(tab.pageErrors, [], 'no uncaught errors');
  });

  step('the last second factor cannot be removed while MFA is required', async ({ page }) => {
    await page.goto('/manage/');
    await ready(page);
    await visible(page, '#totp-on');
    await page.click('#totp-disable');
    await visible(page, '#error');
    assert.ok((await textOf(page, '#error')).length > 0);
    assert.equal(await page.evaluate(() => window.clerk.user.totpEnabled), true);
  });
});
