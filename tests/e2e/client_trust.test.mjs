// End-to-end: Client Trust with the official SDK (issue 4). The server delivers email over SMTP to
// tests/support/smtp_sink.py; a user without MFA (signed up over the FAPI from another client)
// signs in on the React page (/react/, seed 000: signIn.password() → needs_client_trust →
// signIn.mfa.sendEmailCode() → signIn.mfa.verifyEmailCode()) from a fresh browser context, with
// the code read from the message the sink received; the new browser also gets the user a "New
// sign-in" notice. Signing in again from the same browser then completes at once, and no email
// is sent.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startServer } from '../support/server.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';
import { closeAll, textOf, visible, walkThrough } from '../support/e2e_steps.mjs';
import {
  isNotice, mailTo, signUpByMail, sleep, smtpSets, startSink, toAddress, waitForCode,
} from '../support/smtp_sink.mjs';

const id = randomBytes(4).toString('hex');
// Not a +clerk_test address: test mode would accept 424242 and send nothing.
const EMAIL = `trust-${id}@example.com`;
const PASSWORD = `Tessera-trust-${randomBytes(6).toString('hex')}!`;

describe('Client Trust on the React page, code delivered over SMTP', { timeout: 120_000 }, () => {
  let sink;
  let server;
  let browser;
  let tab;

  before(async () => {
    sink = await startSink();
    server = await startServer({
      sets: {
        'dev.test_mode': 'true',
        'limits.rate_limits': 'false',
        'auth.client_trust': 'true',
        'auth.require_mfa': 'false',
        ...smtpSets(sink),
      },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await closeAll({ tab, browser, server });
    await sink?.stop();
  });

  const step = walkThrough(it, 'e2e-client-trust', async () => {
    tab ??= await openPage(browser, { baseURL: server.url });
    return { tab, server };
  });

  async function signInOnReact(page) {
    await visible(page, '#sign-in-form');
    await page.fill('#email', EMAIL);
    await page.fill('#password', PASSWORD);
    await page.click('#sign-in-button');
  }

  async function expectSignedIn(page) {
    await visible(page, '#signed-in');
    assert.equal(await textOf(page, '#user-email'), EMAIL);
    const s = await page.evaluate(() => ({ status: window.clerk.session?.status, email: window.clerk.user?.primaryEmailAddress?.emailAddress }));
    assert.deepEqual(s, { status: 'active', email: EMAIL });
  }

  step('a user without MFA signs up over the FAPI (another client), code by SMTP', async () => {
    const { message } = await signUpByMail(server.url, sink, EMAIL, PASSWORD);
    assert.ok(message.subject.length > 0, 'the email has a subject');
  });

  step('React, fresh browser: password → needs_client_trust, the emailed code signs in', async ({ page }) => {
    await page.goto('/react/');
    await page.waitForFunction(() => window.clerk?.status === 'ready', null, { timeout: 30_000 });
    await signInOnReact(page);
    await visible(page, '#client-trust-form');
    const si = await page.evaluate(() => ({
      status: window.clerk.client.signIn.status,
      factors: window.clerk.client.signIn.supportedSecondFactors.map((f) => ({ strategy: f.strategy, safeIdentifier: f.safeIdentifier })),
    }));
    assert.equal(si.status, 'needs_client_trust');
    assert.equal(si.factors.length, 1, JSON.stringify(si.factors));
    assert.equal(si.factors[0].strategy, 'email_code');
    assert.notEqual(si.factors[0].safeIdentifier, EMAIL, 'masked safe_identifier');
    // The page shows the masked address it sent the code to.
    assert.ok((await textOf(page, '#client-trust')).includes(si.factors[0].safeIdentifier));

    // signIn.mfa.sendEmailCode() sent the second email (the first was the sign-up code).
    const { code, message } = await waitForCode(sink, EMAIL, 2);
    assert.ok(toAddress(message).includes(EMAIL.toLowerCase()));
    assert.equal(tab.requests.filter((r) => /prepare_second_factor/.test(r)).length, 1, 'one prepare_second_factor');

    await page.fill('#code', code);
    await page.click('#verify-button');
    await expectSignedIn(page);
    assert.deepEqual(tab.pageErrors, [], 'no uncaught errors');

    // The sign-in on a new browser: a notice naming it (sent before the sign-in answered).
    const notices = mailTo(sink, EMAIL).filter(isNotice);
    assert.equal(notices.length, 1, JSON.stringify(sink.messages()));
    const noticeText = notices[0].parts.map((p) => p.text).join('\n');
    const userAgent = await page.evaluate(() => navigator.userAgent);
    assert.ok(noticeText.includes(userAgent), `the notice names the browser: ${noticeText}`);
    assert.doesNotMatch(noticeText, /\b\d{6}\b/, 'no code in the notice');
  });

  step('signs out and in again from the same browser: complete at once, no email, no notice', async ({ page }) => {
    const before = sink.messages().length;
    await page.click('#sign-out');
    await page.waitForFunction(() => window.clerk.user == null);
    await signInOnReact(page);
    await expectSignedIn(page);
    assert.equal(await page.isVisible('#client-trust-form'), false);
    await sleep(300); // a stray email would have arrived by now
    assert.equal(sink.messages().length, before, 'no code was emailed for a trusted browser');
  });

  step('another fresh browser is new again (needs_client_trust)', async () => {
    await tab.close();
    tab = await openPage(browser, { baseURL: server.url });
    const { page } = tab;
    await page.goto('/react/');
    await page.waitForFunction(() => window.clerk?.status === 'ready', null, { timeout: 30_000 });
    await signInOnReact(page);
    await visible(page, '#client-trust-form');
    await waitForCode(sink, EMAIL, 3);
  });
});
