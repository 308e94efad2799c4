// End-to-end: forgot password on the React demo page (/react/, web/react/src/ForgotPasswordPage.jsx:
// Clerk's Core 3 forgot-password guide, signIn.resetPasswordEmailCode.sendCode() / verifyCode() /
// submitPassword(), with @clerk/react 6 and the official clerk-js). From the sign-in form's
// "Forgot password?" link: an unknown address, a wrong code and a too-short password each show
// their errors.fields.* message; the right code and a good password sign a user without MFA in
// (on a new device, yet without Client Trust: the emailed code proved the inbox). A user with an
// authenticator app is then asked for it on the sign-in page, and signs in with it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startServer } from '../support/server.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';
import { closeAll, fillForm, textOf, visible, walkThrough } from '../support/e2e_steps.mjs';
import {
  PASSWORD, TEST_CODE, assertEnvelope, newClient, signInRequest, signUpUser, uniqueEmail,
} from '../support/flows.mjs';
import { freshTotp, userWithMfa } from '../support/mfa_flows.mjs';

const NEW_PASSWORD = `Tessera-forgot-${randomBytes(6).toString('hex')}!`;

describe('forgot password on the React page', { timeout: 120_000 }, () => {
  let server;
  let browser;
  let tab;
  let plain; // no MFA
  let withApp; // an authenticator app

  before(async () => {
    server = await startServer({
      sets: {
        'dev.test_mode': 'true', // +clerk_test addresses: the code is 424242
        'dev.clock_control': 'true',
        'limits.rate_limits': 'false',
        'auth.client_trust': 'true',
        'auth.require_mfa': 'false',
      },
    });
    plain = await signUpUser(newClient(server.url), uniqueEmail('forgot-plain'));
    withApp = await userWithMfa(server.url, { prefix: 'forgot-totp', totp: true });
    browser = await launchBrowser();
    tab = await openPage(browser, { baseURL: server.url });
  });

  after(() => closeAll({ tab, browser, server }));

  const step = walkThrough(it, 'e2e-forgot-password', () => ({ tab, server }));

  /** A password sign-in on a new client: the status it reaches, or the error code. */
  async function passwordOutcome(email, password) {
    const res = await signInRequest(newClient(server.url), email, password);
    return res.status === 200 ? assertEnvelope(res).response.status : res.json?.errors?.[0]?.code;
  }

  /** From the sign-in form's link to the reset code form for `email`. */
  async function askForCode(page, email) {
    await page.click('#forgot-password-link');
    await visible(page, '#forgot-password-form');
    await fillForm(page, { '#email': email });
    await page.click('#send-reset-code');
    await visible(page, '#reset-code-form');
  }

  /** The right code, then `password`: the new-password form is submitted. */
  async function enterCodeAndPassword(page, password) {
    await fillForm(page, { '#code': TEST_CODE });
    await page.click('#verify-reset-code');
    await visible(page, '#new-password-form');
    await fillForm(page, { '#password': password });
    await page.click('#set-password-button');
  }

  step('the sign-in form links to the forgot-password form; an unknown address is refused', async ({ page }) => {
    await page.goto('/react/');
    await page.waitForFunction(() => window.clerk?.loaded === true, null, { timeout: 30_000 });
    await visible(page, '#sign-in-form');
    await page.click('#forgot-password-link');
    await visible(page, '#forgot-password-form');
    assert.equal(new URL(page.url()).search, '?view=forgot-password');
    await fillForm(page, { '#email': uniqueEmail('nobody') });
    await page.click('#send-reset-code');
    await visible(page, '#identifier-error');
    assert.equal(await textOf(page, '#identifier-error'), "Couldn't find your account.");
  });

  step('a wrong code shows errors.fields.code', async ({ page }) => {
    await page.click('#back-to-sign-in');
    await page.waitForFunction(() => window.clerk?.loaded === true, null, { timeout: 30_000 });
    await askForCode(page, plain.email);
    await fillForm(page, { '#code': '000000' });
    await page.click('#verify-reset-code');
    await visible(page, '#code-error');
    assert.equal(await page.evaluate(() => window.clerk.client.signIn.status), 'needs_first_factor');
  });

  step('a too-short password shows errors.fields.password; a good one signs in without Client Trust', async ({ page }) => {
    await enterCodeAndPassword(page, 'short');
    await visible(page, '#password-error');
    assert.match(await textOf(page, '#password-error'), /8 characters or more/);
    await fillForm(page, { '#password': NEW_PASSWORD });
    await page.click('#set-password-button');
    await visible(page, '#signed-in');
    assert.equal(await textOf(page, '#user-email'), plain.email);
    assert.equal(await passwordOutcome(plain.email, PASSWORD), 'form_password_incorrect');
    assert.equal(await passwordOutcome(plain.email, NEW_PASSWORD), 'needs_client_trust'); // accepted
  });

  step('with an authenticator app, the sign-in page then asks for it and the user signs in', async ({ page }) => {
    await page.click('#sign-out');
    await page.waitForFunction(() => window.clerk.user == null);
    await visible(page, '#sign-in-form');
    await askForCode(page, withApp.email);
    await enterCodeAndPassword(page, NEW_PASSWORD);
    await visible(page, '#mfa-form');
    assert.equal(await page.evaluate(() => window.clerk.client.signIn.status), 'needs_second_factor');
    assert.equal(await page.evaluate(() => window.clerk.user ?? null), null, 'not signed in yet');
    const { code } = await freshTotp(server.url, withApp.secret);
    await page.fill('#code', code);
    await page.click('#verify-button');
    await visible(page, '#signed-in');
    assert.equal(await textOf(page, '#user-email'), withApp.email);
    assert.equal(await passwordOutcome(withApp.email, NEW_PASSWORD), 'needs_second_factor');
  });
});
