// End-to-end: the reset-password session task with the official SDK (issue 4). A user whose
// password the instance's policy refuses (imported with a well-known one) signs in on the React
// page (/react/): the session is pending with the task reset-password, and the page asks for a new
// password, sent as clerk-js's TaskResetPassword sends it (user.updatePassword({newPassword,
// signOutOfOtherSessions}): no current password). The session then becomes active.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startServer } from '../support/server.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';
import { closeAll, textOf, visible, walkThrough } from '../support/e2e_steps.mjs';
import { importUsers, pbkdf2Digest } from '../support/user_import.mjs';

const id = randomBytes(4).toString('hex');
const EMAIL = `reset-${id}+clerk_test@example.com`;
const WEAK_PASSWORD = 'password1'; // well known: the policy refuses it as a new password
const NEW_PASSWORD = `Tessera-reset-${randomBytes(6).toString('hex')}!`;

describe('reset-password task on the React page', { timeout: 120_000 }, () => {
  let server;
  let browser;
  let tab;
  const changePasswordBodies = [];

  before(async () => {
    server = await startServer({
      sets: {
        'dev.test_mode': 'true',
        'limits.rate_limits': 'false',
        'auth.client_trust': 'false',
        'auth.require_mfa': 'false',
      },
    });
    const imported = importUsers(server.database, [
      { email_address: EMAIL, password_digest: pbkdf2Digest(WEAK_PASSWORD), password_hasher: 'pbkdf2_sha256' },
    ]);
    assert.equal(imported.status, 0, `${imported.stdout}\n${imported.stderr}`);
    browser = await launchBrowser();
    tab = await openPage(browser, { baseURL: server.url });
    tab.page.on('request', (req) => {
      if (req.url().includes('/v1/me/change_password')) changePasswordBodies.push(req.postData() ?? '');
    });
  });

  after(() => closeAll({ tab, browser, server }));

  const step = walkThrough(it, 'e2e-reset-password', () => ({ tab, server }));
  const sessionState = (page) =>
    page.evaluate(async () => {
      const token = await window.clerk.session?.getToken();
      return {
        status: window.clerk.session?.status ?? null,
        task: window.clerk.session?.currentTask?.key ?? null,
        isSignedIn: window.clerk.isSignedIn,
        sts: token ? JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sts : null,
      };
    });

  step('signs in with the weak password → pending session, the page asks for a new one', async ({ page }) => {
    await page.goto('/react/');
    await page.waitForFunction(() => window.clerk?.status === 'ready', null, { timeout: 30_000 });
    await visible(page, '#sign-in-form');
    await page.fill('#email', EMAIL);
    await page.fill('#password', WEAK_PASSWORD);
    await page.click('#sign-in-button');
    await visible(page, '#reset-password-form');
    assert.equal(await page.getAttribute('#session-task', 'data-task'), 'reset-password');
    const s = await sessionState(page);
    assert.deepEqual(s, { status: 'pending', task: 'reset-password', isSignedIn: false, sts: 'pending' });
    assert.deepEqual(tab.pageErrors, [], 'no uncaught errors');
  });

  step('a new password the policy refuses shows its error; still pending', async ({ page }) => {
    await page.fill('#new-password', 'password2');
    await page.click('#reset-password-button');
    await visible(page, '#new-password-error');
    assert.match(await textOf(page, '#new-password-error'), /data breach|another password|common/i);
    assert.equal((await sessionState(page)).status, 'pending');
  });

  step('a good new password → active session, signed in', async ({ page }) => {
    await page.fill('#new-password', NEW_PASSWORD);
    await page.click('#reset-password-button');
    await visible(page, '#signed-in');
    assert.equal(await textOf(page, '#user-email'), EMAIL);
    const s = await sessionState(page);
    assert.deepEqual(s, { status: 'active', task: null, isSignedIn: true, sts: 'active' });
    // What the SDK sent: the new password and the sign-out flag, no current password.
    const body = new URLSearchParams(changePasswordBodies.at(-1));
    assert.equal(body.get('new_password'), NEW_PASSWORD);
    assert.equal(body.get('sign_out_of_other_sessions'), 'true');
    assert.equal(body.has('current_password'), false, changePasswordBodies.at(-1));
    assert.deepEqual(tab.pageErrors, [], 'no uncaught errors');
  });

  step('signs out and in again with the new password: active at once', async ({ page }) => {
    await page.click('#sign-out');
    await page.waitForFunction(() => window.clerk.user == null);
    await visible(page, '#sign-in-form');
    await page.fill('#email', EMAIL);
    await page.fill('#password', NEW_PASSWORD);
    await page.click('#sign-in-button');
    await visible(page, '#signed-in');
    assert.equal((await sessionState(page)).status, 'active');
  });
});
