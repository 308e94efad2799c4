// End-to-end: forgot password on the React demo page (/react/, web/react/src/ForgotPasswordPage.jsx:
// Clerk's Core 3 forgot-password guide, signIn.resetPasswordEmailCode.sendCode() / verifyCode() /
// submitPassword(), with @clerk/react 6 and the official clerk-js). From the sign-in form's
// "Forgot password?" link: an unknown address, a wrong code and a too-short password each show
// their errors.fields.* message; the right code and a good password sign a user without MFA in
// (on a new device, yet without Client Trust: the emailed code proved the inbox). Their email goes
// over SMTP to tests/support/smtp_sink.py: the reset code, then a "password was changed" notice
// naming the browser. A user with an authenticator app is then asked for it on the sign-in page,
// and signs in with it. Last, Clerk's legacy forgot-password guide with clerk-js on the plain
// demo page: signIn.create({strategy: 'reset_password_email_code', identifier}) sends the code,
// attemptFirstFactor({strategy, code, password}) sets the password, setActive() signs in.
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
import { mailTo, signUpByMail, smtpSets, startSink, waitForCode } from '../support/smtp_sink.mjs';

// Not a +clerk_test address: its codes are really sent (test mode would accept 424242).
const EMAIL = `forgot-${randomBytes(4).toString('hex')}@example.com`;
const NEW_PASSWORD = `Tessera-forgot-${randomBytes(6).toString('hex')}!`;

describe('forgot password on the React page', { timeout: 120_000 }, () => {
  let sink;
  let server;
  let browser;
  let tab;
  let withApp; // an authenticator app; a +clerk_test address (its codes are 424242)

  before(async () => {
    sink = await startSink();
    server = await startServer({
      sets: {
        'dev.test_mode': 'true',
        'dev.clock_control': 'true',
        'limits.rate_limits': 'false',
        'auth.client_trust': 'true',
        'auth.require_mfa': 'false',
        ...smtpSets(sink),
      },
    });
    await signUpByMail(server.url, sink, EMAIL, PASSWORD); // without MFA, on another client
    withApp = await userWithMfa(server.url, { prefix: 'forgot-totp', totp: true });
    browser = await launchBrowser();
    tab = await openPage(browser, { baseURL: server.url });
  });

  after(async () => {
    await closeAll({ tab, browser, server });
    await sink?.stop();
  });

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
  async function enterCodeAndPassword(page, code, password) {
    await fillForm(page, { '#code': code });
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
    await askForCode(page, EMAIL);
    await fillForm(page, { '#code': '000000' });
    await page.click('#verify-reset-code');
    await visible(page, '#code-error');
    assert.equal(await page.evaluate(() => window.clerk.client.signIn.status), 'needs_first_factor');
  });

  step('the emailed code, then a too-short password shows errors.fields.password; a good one signs in', async ({ page }) => {
    const { code, message } = await waitForCode(sink, EMAIL, 2); // 1: the sign-up's code
    assert.match(message.subject, /password reset code$/);
    await enterCodeAndPassword(page, code, 'short');
    await visible(page, '#password-error');
    assert.match(await textOf(page, '#password-error'), /8 characters or more/);
    await fillForm(page, { '#password': NEW_PASSWORD });
    await page.click('#set-password-button');
    await visible(page, '#signed-in');
    // A new browser, yet no Client Trust step: the emailed code proved the inbox.
    assert.equal(await textOf(page, '#user-email'), EMAIL);
    assert.equal(await passwordOutcome(EMAIL, PASSWORD), 'form_password_incorrect');
    assert.equal(await passwordOutcome(EMAIL, NEW_PASSWORD), 'needs_client_trust'); // accepted
  });

  step('the user is emailed that their password was changed, from this browser', async ({ page }) => {
    const changed = mailTo(sink, EMAIL).filter((m) => m.subject.endsWith('password was changed'));
    assert.equal(changed.length, 1, JSON.stringify(sink.messages().map((m) => m.subject)));
    const text = changed[0].parts.map((p) => p.text).join('\n');
    assert.ok(text.includes(await page.evaluate(() => navigator.userAgent)), text);
    assert.doesNotMatch(text, /\b\d{6}\b/, 'no code in a notice');
  });

  step('with an authenticator app, the sign-in page then asks for it and the user signs in', async ({ page }) => {
    await page.click('#sign-out');
    await page.waitForFunction(() => window.clerk.user == null);
    await visible(page, '#sign-in-form');
    await askForCode(page, withApp.email);
    await enterCodeAndPassword(page, TEST_CODE, NEW_PASSWORD);
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

  step('legacy API on the plain page: create sends the code, one attempt with the password signs in', async ({ page }) => {
    const legacy = await signUpUser(newClient(server.url), uniqueEmail('forgot-legacy')); // code 424242
    await tab.context.clearCookies(); // a fresh browser: nobody signed in
    await page.goto('/');
    await page.waitForFunction(() => window.clerk?.loaded === true, null, { timeout: 30_000 });
    const result = await page.evaluate(async ({ email, code, password }) => {
      const { signIn } = window.clerk.client;
      const created = await signIn.create({ strategy: 'reset_password_email_code', identifier: email });
      const sent = created.firstFactorVerification.strategy;
      const done = await created.attemptFirstFactor({ strategy: 'reset_password_email_code', code, password });
      await window.clerk.setActive({ session: done.createdSessionId });
      return { sent, status: done.status, user: window.clerk.user?.primaryEmailAddress?.emailAddress };
    }, { email: legacy.email, code: TEST_CODE, password: NEW_PASSWORD });
    assert.deepEqual(result, { sent: 'reset_password_email_code', status: 'complete', user: legacy.email });
    assert.equal(await passwordOutcome(legacy.email, NEW_PASSWORD), 'needs_client_trust'); // accepted
  });
});
