// Headless Debian Chromium driven by playwright-core, for the end-to-end tests.
//
//   const browser = await launchBrowser();
//   const tab = await openPage(browser, { baseURL: srv.url });
//   await tab.page.goto('/');
//   ...
//   await tab.step('signs in', async ({ page }) => { ... });   // screenshot on failure
//   await tab.close(); await browser.close();
//
// Never downloads a browser: it runs /usr/bin/chromium (Debian package `chromium`, installed by
// scripts/install-deps) or $CHROMIUM_PATH. Each openPage() is a fresh context: its own cookies
// and storage.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

// --no-sandbox: CI runs as root. The background-networking flags keep Chromium from calling
// Google's services, which this machine's closed network refuses (many at a time).
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export async function launchBrowser({ args = [], ...options } = {}) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install the Debian package "chromium" ` +
        '(scripts/install-deps does) or set CHROMIUM_PATH',
    );
  }
  return await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...args],
    ...options,
  });
}

const safeName = (s) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100);

/**
 * A fresh browser context and page that records what went wrong in the browser:
 *   consoleErrors  console.error() calls and Chromium's own error lines
 *   pageErrors     uncaught exceptions and unhandled rejections in the page
 *   failedRequests requests that got no response (connection refused, aborted, blocked…)
 *   httpErrors     responses with status >= 400 (expected ones, e.g. a 422 for a wrong password,
 *                  are listed too: judge them in the test)
 *   requests       every URL the page asked for (to prove nothing came from a CDN)
 *   responses      every response as {method, url, status}
 */
export async function openPage(browser, { baseURL, defaultTimeout = 15_000, contextOptions = {} } = {}) {
  const context = await browser.newContext({ baseURL, ...contextOptions });
  const page = await context.newPage();
  page.setDefaultTimeout(defaultTimeout);

  const consoleErrors = [];
  const consoleLines = [];
  const pageErrors = [];
  const failedRequests = [];
  const httpErrors = [];
  const requests = [];
  const responses = [];

  page.on('console', (msg) => {
    const line = `[${msg.type()}] ${msg.text()}`;
    consoleLines.push(line);
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => pageErrors.push(err.stack || String(err)));
  page.on('request', (req) => requests.push(`${req.method()} ${req.url()}`));
  page.on('requestfailed', (req) =>
    failedRequests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText ?? 'failed'}`),
  );
  page.on('response', (res) => {
    responses.push({ method: res.request().method(), url: res.url(), status: res.status() });
    if (res.status() >= 400) httpErrors.push(`${res.request().method()} ${res.url()} → ${res.status()}`);
  });

  const tab = {
    context,
    page,
    consoleErrors,
    consoleLines,
    pageErrors,
    failedRequests,
    httpErrors,
    requests,
    responses,

    /** Everything recorded so far, as text for a failure message. */
    report() {
      const section = (title, list, max = 40) =>
        list.length ? `${title} (${list.length}):\n  ${list.slice(-max).join('\n  ')}\n` : '';
      return (
        section('page errors', pageErrors) +
        section('failed requests', failedRequests) +
        section('HTTP errors', httpErrors) +
        section('console', consoleLines, 30)
      );
    },

    /** Saves a full-page PNG under test-results/ and returns its path. */
    async screenshot(name) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      const file = path.join(RESULTS_DIR, `${safeName(name)}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },

    /**
     * Runs fn({page, context, tab}); if it throws, saves a screenshot named after the step and
     * appends the browser report (and the screenshot's path) to the error before rethrowing.
     */
    async step(name, fn) {
      try {
        return await fn({ page, context, tab });
      } catch (err) {
        let shot = '';
        try {
          shot = await tab.screenshot(name);
        } catch (e) {
          shot = `(screenshot failed: ${e.message})`;
        }
        throw appendToError(err, `\n--- browser (${name}) ---\nscreenshot: ${shot}\n${tab.report()}`);
      }
    },

    async close() {
      await context.close().catch(() => {});
    },
  };
  return tab;
}

/**
 * Adds text to an error's message and stack (node:test prints the stack, which an
 * AssertionError computed before the message was changed).
 */
export function appendToError(err, text) {
  if (!err || typeof err !== 'object') return err;
  try {
    err.message = `${err.message}${text}`;
    if (typeof err.stack === 'string') err.stack = `${err.stack}${text}`;
  } catch {
    /* frozen or exotic error: leave it */
  }
  return err;
}

/** The cookies the browser holds for `url`, as a name → value map. */
export async function cookieMap(context, url) {
  const map = {};
  for (const c of await context.cookies(url)) map[c.name] = c.value;
  return map;
}

/** Decodes (does not verify) a JWT's payload. */
export function decodeJwt(jwt) {
  const [, payload] = String(jwt).split('.');
  if (!payload) throw new Error(`not a JWT: ${String(jwt).slice(0, 40)}`);
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}
