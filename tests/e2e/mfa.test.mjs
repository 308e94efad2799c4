// End-to-end: multi-factor authentication with the official Clerk SDKs, in headless Debian
// Chromium against a real `tessera serve`.
//
//  1. A new user signs up on the demo page ("/", vanilla clerk-js), then on the manage page
//     ("/manage/") enrolls an authenticator app (TOTP; codes from `oathtool`), generates backup
//     codes, adds and verifies the test phone +15555550100 (code 424242) and reserves it for
//     two-step verification.
//  2. On the React page ("/react/", seed 000: @clerk/react 6, Core 3 useSignIn()) the user signs in
//     with each second factor: authenticator app, backup code, SMS code. Wrong codes show
//     errors.fields.code under the input; a replayed TOTP code and a used backup code are refused.
//  3. On the demo page (seed 001, legacy signIn.attemptSecondFactor) with TOTP and a backup code.
//
// The steps share one server and one user and run in order; after a failed step the rest are
// skipped. A failed step saves a screenshot under test-results/ and prints the browser's console,
// failed requests and the tail of the server log.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startServer, attachLogs } from '../support/server.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';
import { newClient, signUpUser, uniqueEmail } from '../support/flows.mjs';
import { oathtoolCode } from '../support/mfa_flows.mjs';

const id = randomBytes(4).toString('hex');
const EMAIL = `mfa-${id}+clerk_test@example.com`; // test mode: email code 424242
const PASSWORD = `Tessera-mfa-${randomBytes(6).toString('hex')}!`;
const TEST_CODE = '424242';
const TEST_PHONE = '+15555550100'; // test mode: SMS code 424242

// ---- TOTP codes from oathtool (Debian package `oathtool`) -------------------------------------

const STEP = 30;
const nowStep = () => Math.floor(Date.now() / 1000 / STEP);
const secondsIntoStep = () => (Date.now() / 1000) % STEP;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The RFC 6238 code for `secret` (base32) at the start of time step `step`. */
const totpAt = (secret, step) => oathtoolCode(secret, step * STEP * 1000);

// The server refuses a TOTP code from a time step at or before the last accepted one (replay
// protection), so every successful TOTP use takes a step no earlier step has used.
let lastTotpStep = -1;

/**
 * Waits (if needed) for a time step that no successful TOTP sign-in has used yet and that has at
 * least `minLeft` seconds left, and returns {code, step} for it.
 */
async function freshTotp(secret, minLeft = 15) {
  for (;;) {
    const step = nowStep();
    const left = STEP - secondsIntoStep();
    if (step > lastTotpStep && left >= minLeft) return { code: totpAt(secret, step), step };
    await sleep(left * 1000 + 300);
  }
}

/** A 6-digit code that is not valid for `secret` anywhere near now. */
function wrongTotp(secret) {
  const step = nowStep();
  const near = new Set([-2, -1, 0, 1, 2].map((d) => totpAt(secret, step + d)));
  let code = '000000';
  for (let i = 0; near.has(code); i++) code = String(123456 + i * 7919).padStart(6, '0').slice(-6);
  return code;
}

describe('MFA with the official Clerk SDKs (manage page, React Core 3 page, legacy page)', { timeout: 300_000 }, () => {
  let server;
  let browser;
  let tab; // the current browser context + page
  let broken = null; // the first failed step: later steps are skipped, not piled on

  // What the walk-through learns along the way.
  let totpSecret = null;
  let backupCodes = [];
  const usedBackupCodes = [];
  let replayCode = null; // the TOTP code of the first React sign-in

  before(async () => {
    server = await startServer({
      sets: { 'dev.test_mode': 'true', 'dev.outbox': 'true', 'limits.rate_limits': 'false' },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await tab?.close();
    await browser?.close();
    if (server && process.env.TESSERA_SHOW_LOGS) process.stderr.write(server.logs());
    await server?.dispose();
  });

  // A fresh browser context (own cookies: a new Clerk client).
  async function newTab() {
    await tab?.close();
    tab = await openPage(browser, { baseURL: server.url });
    return tab;
  }

  // A step of the walk-through; `fresh: true` starts it in a new browser context.
  // `independent: true`: a failure does not skip the steps after it.
  const step = (name, opts, fn) => {
    if (typeof opts === 'function') [fn, opts] = [opts, {}];
    return it(name, async (t) => {
      if (broken) {
        t.skip(`an earlier step failed: ${broken}`);
        return;
      }
      try {
        if (opts.fresh || !tab) await newTab();
        await tab.step(`e2e-mfa-${name}`, fn);
      } catch (err) {
        if (!opts.independent) broken = name;
        throw attachLogs(err, server);
      }
    });
  };

  const visible = (page, selector, timeout) => page.locator(selector).waitFor({ state: 'visible', timeout });
  const text = async (page, selector) => ((await page.textContent(selector)) ?? '').trim();

  /** Loads `path` and asserts clerk-js reached status 'ready' with a client (probe §9). */
  async function loadReady(page, path) {
    await page.goto(path);
    await waitReady(page, path);
  }

  async function waitReady(page, path) {
    await page.waitForFunction(
      () => window.clerk && window.clerk.status && window.clerk.status !== 'loading',
      null,
      { timeout: 30_000 },
    );
    const status = await page.evaluate(() => window.clerk.status);
    assert.equal(status, 'ready', `clerk.status is ${status} on ${path}`);
    // Under webdriver, load() swallows FAPI failures (probe §9): also check that GET /v1/client
    // went to Tessera and was answered. (A browser without a client cookie gets `response: null`,
    // so clerk.client.id may be unset until the first sign-in or sign-up.)
    const clientCalls = tab.requests.filter((r) => /^GET .*\/__clerk\/v1\/client\?/.test(r));
    assert.ok(clientCalls.length > 0, `clerk-js called GET /__clerk/v1/client on ${path}`);
    const bad = [...tab.httpErrors, ...tab.failedRequests].filter((r) => r.includes('/__clerk/v1/client?'));
    assert.deepEqual(bad, [], 'GET /v1/client was answered with 200');
  }

  const userFlags = (page) =>
    page.evaluate(() => {
      const u = window.clerk.user;
      return u && {
        twoFactorEnabled: u.twoFactorEnabled,
        totpEnabled: u.totpEnabled,
        backupCodeEnabled: u.backupCodeEnabled,
      };
    });

  const readBackupCodes = (page) => page.locator('#backup-codes li').allTextContents();

  // ---- React page (seed 000) helpers ------------------------------------------------------------

  /** Signs in with email + password on /react/ and expects the MFA form. */
  async function reactToSecondFactor(page) {
    await visible(page, '#sign-in-form');
    await page.fill('#email', EMAIL);
    await page.fill('#password', PASSWORD);
    await page.click('#sign-in-button');
    await visible(page, '#mfa-form');
    const signIn = await page.evaluate(() => ({
      status: window.clerk.client.signIn.status,
      factors: (window.clerk.client.signIn.supportedSecondFactors ?? []).map((f) => f.strategy),
    }));
    assert.equal(signIn.status, 'needs_second_factor');
    for (const s of ['totp', 'backup_code', 'phone_code']) {
      assert.ok(signIn.factors.includes(s), `supported_second_factors has ${s}: ${signIn.factors}`);
    }
    // The user has both a phone and an app: the page offers the choice; like the seed, the SMS
    // code is the default (and was sent by signIn.mfa.sendPhoneCode()).
    await visible(page, '#method-phone');
    await visible(page, '#method-totp');
    assert.equal(await page.isChecked('#method-phone'), true, 'SMS code is the default method');
  }

  /** Submits the React MFA form: method 'totp' | 'phone_code' | 'backup_code'. */
  async function reactSubmitCode(page, method, code) {
    if (method === 'totp' || method === 'phone_code') {
      await page.check(method === 'totp' ? '#method-totp' : '#method-phone');
      // The page's own idea of the method (what it will verify) follows the radio.
      await page.locator(`#mfa[data-method="${method}"]`).waitFor();
    }
    if (method === 'backup_code') await page.check('#use-backup-code');
    else await page.uncheck('#use-backup-code');
    await page.fill('#code', code);
    await page.click('#verify-button');
  }

  async function reactExpectSignedIn(page) {
    await visible(page, '#signed-in');
    assert.equal(await text(page, '#user-email'), EMAIL);
    const s = await page.evaluate(() => ({
      email: window.clerk.user?.primaryEmailAddress?.emailAddress ?? null,
      sessionId: window.clerk.session?.id ?? null,
    }));
    assert.equal(s.email, EMAIL, 'clerk.user is the user');
    assert.ok(s.sessionId, 'clerk.session is set');
  }

  async function reactSignOut(page) {
    await page.click('#sign-out');
    await page.waitForFunction(() => window.clerk.user == null);
    // Still the React app (afterSignOutUrl /react/), back at the seed's sign-in form.
    await visible(page, '#sign-in-form #email');
    assert.equal(new URL(page.url()).pathname, '/react/');
  }

  /** Expects the React MFA form to refuse the last code with a message under #code. */
  async function reactExpectCodeError(page) {
    await visible(page, '#code-error');
    const message = await text(page, '#code-error');
    assert.ok(message.length > 0, 'errors.fields.code.message is shown under the code input');
    assert.equal(await page.isVisible('#mfa-form'), true, 'still on the MFA form');
    assert.equal(await page.evaluate(() => window.clerk.user), null, 'not signed in');
    return message;
  }

  // ---- 1. sign up on the demo page, manage MFA ---------------------------------------------------

  step('signs up on the demo page', { fresh: true }, async ({ page }) => {
    await loadReady(page, '/');
    await page.fill('#sign-up-email', EMAIL);
    await page.fill('#sign-up-password', PASSWORD);
    await page.click('#sign-up-button');
    await visible(page, '#sign-up-verifying');
    await page.fill('#sign-up-code', TEST_CODE);
    await page.click('#sign-up-verify-button');
    await visible(page, '#signed-in');
    assert.equal(await text(page, '#user-email'), EMAIL);
  });

  step('opens the manage page (linked from the signed-in view), no second factor yet', async ({ page }) => {
    await page.click('#manage-link');
    await page.waitForURL((url) => url.pathname === '/manage/');
    await waitReady(page, '/manage/');
    await visible(page, '#signed-in');
    assert.equal(await text(page, '#user-email'), EMAIL);
    assert.equal(await text(page, '#two-factor-enabled'), 'false');
    assert.equal(await text(page, '#totp-enabled'), 'false');
    assert.equal(await text(page, '#backup-code-enabled'), 'false');
    await visible(page, '#totp-create');
  });

  step('enrolls an authenticator app (secret, otpauth URI, QR code, verify)', async ({ page }) => {
    await page.click('#totp-create');
    await visible(page, '#totp-enroll');
    totpSecret = await text(page, '#totp-secret');
    const uri = await text(page, '#totp-uri');
    assert.match(totpSecret, /^[A-Z2-7]{16,}=*$/, `base32 secret: ${totpSecret}`);
    const parsed = new URL(uri);
    assert.equal(parsed.protocol, 'otpauth:');
    assert.equal(parsed.host, 'totp');
    assert.equal(parsed.searchParams.get('secret'), totpSecret, 'the URI carries the same secret');
    assert.ok(decodeURIComponent(parsed.pathname).includes(EMAIL), `URI names the account: ${uri}`);

    // The QR image is Tessera's SVG of that URI.
    await page.waitForFunction(() => {
      const img = document.querySelector('#totp-qr');
      return img && img.complete && img.naturalWidth > 0;
    });
    const qr = await fetch(`${server.url}/__tessera/qr.svg?data=${encodeURIComponent(uri)}`);
    assert.equal(qr.status, 200);
    assert.match(qr.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.match(await qr.text(), /<svg[\s>]/);

    // A wrong code is refused, the app stays unverified.
    await page.fill('#totp-code', wrongTotp(totpSecret));
    await page.click('#totp-verify');
    await visible(page, '#error');
    assert.equal((await userFlags(page)).totpEnabled, false);

    const { code, step: s } = await freshTotp(totpSecret);
    await page.fill('#totp-code', code);
    await page.click('#totp-verify');
    await visible(page, '#totp-on');
    lastTotpStep = s;
    assert.equal(await page.isVisible('#error'), false, 'the error line is cleared');
    await page.waitForFunction(() => document.querySelector('#totp-enabled').textContent === 'true');
    assert.equal(await text(page, '#two-factor-enabled'), 'true');
    const flags = await userFlags(page);
    assert.equal(flags.totpEnabled, true, 'clerk.user.totpEnabled');
    assert.equal(flags.twoFactorEnabled, true, 'clerk.user.twoFactorEnabled');

    // First MFA enablement: verifyTOTP returns backup codes (the backup_code factor is on).
    const firstCodes = await readBackupCodes(page);
    assert.ok(firstCodes.length >= 1, 'verifyTOTP returned backup codes on first MFA enablement');
    assert.equal(await text(page, '#backup-code-enabled'), 'true');
  });

  step('generates new backup codes', async ({ page }) => {
    const before = await readBackupCodes(page);
    await page.click('#backup-codes-create');
    await page.waitForFunction(
      (old) => {
        const now = [...document.querySelectorAll('#backup-codes li')].map((li) => li.textContent);
        return now.length > 0 && now.join() !== old;
      },
      before.join(),
    );
    backupCodes = await readBackupCodes(page);
    assert.ok(backupCodes.length >= 5, `at least 5 backup codes: ${backupCodes}`);
    assert.equal(new Set(backupCodes).size, backupCodes.length, 'codes are distinct');
    for (const c of backupCodes) assert.match(c, /^[a-z0-9]{6,}$/i, `backup code shape: ${c}`);
    assert.equal(await text(page, '#backup-code-enabled'), 'true');
  });

  step('adds the test phone, verifies it and reserves it for two-step verification', async ({ page }) => {
    await page.fill('#phone-number', TEST_PHONE);
    await page.click('#phone-add');
    await visible(page, '#phone-verify-form');
    assert.equal(await text(page, '#phone-verify-number'), TEST_PHONE);
    const row = page.locator(`#phone-list li[data-phone="${TEST_PHONE}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-verified'), 'false');

    await page.fill('#phone-code', TEST_CODE);
    await page.click('#phone-verify');
    await page.locator(`#phone-list li[data-phone="${TEST_PHONE}"][data-verified="true"]`).waitFor();
    assert.equal(await page.isVisible('#phone-verify-form'), false);

    await row.locator('button.reserve').click();
    await page.locator(`#phone-list li[data-phone="${TEST_PHONE}"][data-reserved="true"]`).waitFor();
    const phone = await page.evaluate(
      (n) => {
        const p = window.clerk.user.phoneNumbers.find((x) => x.phoneNumber === n);
        return p && { reserved: p.reservedForSecondFactor, verified: p.verification?.status };
      },
      TEST_PHONE,
    );
    assert.deepEqual(phone, { reserved: true, verified: 'verified' });
    // MFA was already on: reserving the phone must not issue (and so invalidate) backup codes.
    assert.deepEqual(await readBackupCodes(page), backupCodes, 'backup codes unchanged');
    assert.equal(await page.isVisible('#error'), false);
  });

  step('signs out on the manage page (back to the demo page)', async ({ page }) => {
    await page.click('#sign-out');
    await page.waitForURL((url) => url.pathname === '/');
    await waitReady(page, '/');
    assert.equal(await page.evaluate(() => window.clerk.user), null);
    await visible(page, '#sign-in-form');
  });

  // ---- 2. React page (seed 000) -------------------------------------------------------------------

  step('React: signs in with the authenticator app', { fresh: true }, async ({ page }) => {
    await loadReady(page, '/react/');
    await reactToSecondFactor(page);
    const { code, step: s } = await freshTotp(totpSecret, 20);
    await reactSubmitCode(page, 'totp', code);
    await reactExpectSignedIn(page);
    lastTotpStep = s;
    replayCode = { code, step: s };
    await reactSignOut(page);
  });

  step('React: the same TOTP code is refused a second time', async ({ page }) => {
    await reactToSecondFactor(page);
    // Still the same (or the next) time step: the code would be accepted but for replay protection.
    assert.ok(nowStep() - replayCode.step <= 1, 'replay happens within the acceptance window');
    await reactSubmitCode(page, 'totp', replayCode.code);
    const message = await reactExpectCodeError(page);
    console.log(`# replayed TOTP code refused: ${message}`);
    await page.click('#start-over');
    await visible(page, '#sign-in-form');
  });

  step('React: a wrong SMS code shows errors.fields.code, the right one signs in', async ({ page }) => {
    await reactToSecondFactor(page); // sends the SMS code (signIn.mfa.sendPhoneCode())
    await reactSubmitCode(page, 'phone_code', '000000');
    const message = await reactExpectCodeError(page);
    assert.match(message, /incorrect|invalid/i, `field error: ${message}`);
    assert.ok(
      tab.httpErrors.some((e) => e.includes('/attempt_second_factor') && e.endsWith('422')),
      'the wrong code got a 422 from attempt_second_factor',
    );
    await reactSubmitCode(page, 'phone_code', TEST_CODE);
    await reactExpectSignedIn(page);
    await reactSignOut(page);
  });

  step('React: signs in with a backup code', async ({ page }) => {
    await reactToSecondFactor(page);
    const code = backupCodes[0];
    await reactSubmitCode(page, 'backup_code', code);
    await reactExpectSignedIn(page);
    usedBackupCodes.push(code);
    await reactSignOut(page);
  });

  step('React: a used backup code is refused', async ({ page }) => {
    await reactToSecondFactor(page);
    await reactSubmitCode(page, 'backup_code', usedBackupCodes[0]);
    const message = await reactExpectCodeError(page);
    console.log(`# used backup code refused: ${message}`);
    await page.click('#start-over');
    await visible(page, '#sign-in-form');
  });

  step('React: had no uncaught errors and loaded nothing from outside', async () => {
    assert.deepEqual(tab.pageErrors, [], 'uncaught exceptions in the page');
    const failed = tab.failedRequests.filter((r) => !r.endsWith('net::ERR_ABORTED'));
    assert.deepEqual(failed, [], 'requests without a response');
    const origin = new URL(server.url).origin;
    const foreign = tab.requests.filter((r) => {
      const url = r.split(' ')[1];
      return !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:');
    });
    assert.deepEqual(foreign, [], 'no request left the Tessera origin (no clerk-js or UI hot-load)');
  });

  // ---- 3. demo page (seed 001, legacy attemptSecondFactor) -----------------------------------------

  async function legacyToSecondFactor(page) {
    await visible(page, '#sign-in-form');
    await page.fill('#sign-in-email', EMAIL);
    await page.fill('#sign-in-password', PASSWORD);
    await page.click('#sign-in-button');
    await visible(page, '#verifying');
    assert.equal(await page.evaluate(() => window.clerk.client.signIn.status), 'needs_second_factor');
  }

  async function legacyExpectSignedIn(page) {
    await visible(page, '#signed-in');
    assert.equal(await text(page, '#user-email'), EMAIL);
    assert.ok(await page.evaluate(() => window.clerk.session?.id));
  }

  step('demo page: signs in with the authenticator app', { fresh: true }, async ({ page }) => {
    await loadReady(page, '/');
    await legacyToSecondFactor(page);
    const { code, step: s } = await freshTotp(totpSecret);
    await page.fill('#totp', code);
    await page.click('#verify-button');
    await legacyExpectSignedIn(page);
    lastTotpStep = s;
    await page.click('#sign-out');
    await visible(page, '#sign-in-form');
  });

  step('demo page: signs in with a backup code', async ({ page }) => {
    await legacyToSecondFactor(page);
    const code = backupCodes[1];
    await page.fill('#totp', code);
    await page.check('#backupCode');
    await page.click('#verify-button');
    await legacyExpectSignedIn(page);
    usedBackupCodes.push(code);
  });

  step('demo page: had no uncaught errors', async () => {
    assert.deepEqual(tab.pageErrors, [], 'uncaught exceptions in the page');
    const failed = tab.failedRequests.filter((r) => !r.endsWith('net::ERR_ABORTED'));
    assert.deepEqual(failed, [], 'requests without a response');
  });

  // ---- 4. switching factors (kept last: its failure does not hide the steps above) ------------

  step(
    'React: after a wrong authenticator code, the SMS code sent at sign-in still works',
    { fresh: true, independent: true },
    async ({ page }) => {
      // A user tries the app, mistypes, then switches to the SMS code the page already sent.
      await loadReady(page, '/react/');
      await reactToSecondFactor(page); // sends the SMS code
      await reactSubmitCode(page, 'totp', wrongTotp(totpSecret));
      await reactExpectCodeError(page);
      await reactSubmitCode(page, 'phone_code', TEST_CODE);
      await reactExpectSignedIn(page);
    },
  );
  step(
    'React: a user without MFA on a new device gets needs_client_trust and an email code',
    { fresh: true, independent: true },
    async ({ page }) => {
      // Client Trust is on in tessera.dev.toml; this user (signed up over the FAPI, so from
      // another client) has no second factor, so this browser is a new device for them.
      const other = await signUpUser(newClient(server.url), uniqueEmail('trust'), PASSWORD);
      await loadReady(page, '/react/');
      await page.fill('#email', other.email);
      await page.fill('#password', PASSWORD);
      await page.click('#sign-in-button');
      await visible(page, '#client-trust-form');
      assert.equal(await page.evaluate(() => window.clerk.client.signIn.status), 'needs_client_trust');
      await page.fill('#code', '000000');
      await page.click('#verify-button');
      await visible(page, '#code-error');
      await page.fill('#code', TEST_CODE); // +clerk_test address in test mode
      await page.click('#verify-button');
      await visible(page, '#signed-in');
      assert.equal(await text(page, '#user-email'), other.email);
    },
  );
  step(
    'manage page: enroll then remove an authenticator app; add, reserve and remove a phone',
    { independent: true },
    async ({ page }) => {
      // Continues in the previous step's browser, signed in as the user without MFA.
      await loadReady(page, '/manage/');
      await visible(page, '#signed-in');
      assert.equal(await text(page, '#totp-enabled'), 'false');
      await page.click('#totp-create');
      await visible(page, '#totp-enroll');
      const secret = await text(page, '#totp-secret');
      const { code } = await freshTotp(secret, 3);
      await page.fill('#totp-code', code);
      await page.click('#totp-verify');
      await visible(page, '#totp-on');
      await page.waitForFunction(() => document.querySelector('#totp-enabled').textContent === 'true');
      assert.equal(await text(page, '#two-factor-enabled'), 'true');

      await page.click('#totp-disable');
      await visible(page, '#totp-create');
      await page.waitForFunction(() => document.querySelector('#totp-enabled').textContent === 'false');
      assert.equal((await userFlags(page)).totpEnabled, false, 'clerk.user.totpEnabled after disableTOTP()');

      const phone = '+15555550101';
      await page.fill('#phone-number', phone);
      await page.click('#phone-add');
      await visible(page, '#phone-verify-form');
      await page.fill('#phone-code', TEST_CODE);
      await page.click('#phone-verify');
      const row = page.locator(`#phone-list li[data-phone="${phone}"]`);
      await page.locator(`#phone-list li[data-phone="${phone}"][data-verified="true"]`).waitFor();
      await row.locator('button.reserve').click();
      await page.locator(`#phone-list li[data-phone="${phone}"][data-reserved="true"]`).waitFor();
      assert.equal(await text(page, '#two-factor-enabled'), 'true');
      await row.locator('button.remove').click();
      await row.waitFor({ state: 'detached' });
      const left = await page.evaluate((n) => window.clerk.user.phoneNumbers.some((p) => p.phoneNumber === n), phone);
      assert.equal(left, false, 'the phone is gone from clerk.user after phone.destroy()');
      assert.equal(await page.isVisible('#error'), false);
    },
  );
});
