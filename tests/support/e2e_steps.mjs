// The walk-through shape the end-to-end tests share. Each step is a node:test test run through
// tab.step (a screenshot and the browser's report on failure) with the tail of the server's log
// attached; after the first failure the later steps are skipped, not piled on. E2E_SCREENSHOTS=1
// also keeps a screenshot of every passing step (test-results/).
//
//   const step = walkThrough(it, 'e2e-demo', () => ({ tab, server }));
//   step('signs in', async ({ page }) => { ... });
//   after(() => closeAll({ tab, browser, server }));
import { attachLogs } from './server.mjs';

/** `current()` gives the tab and server of the moment (they are made in before()); may be async. */
export function walkThrough(it, prefix, current) {
  let broken = null;
  return (name, fn) =>
    it(name, async (t) => {
      if (broken) return t.skip(`an earlier step failed: ${broken}`);
      let server;
      try {
        const now = await current();
        server = now.server;
        await now.tab.step(`${prefix}-${name}`, fn);
        if (process.env.E2E_SCREENSHOTS) await now.tab.screenshot(`${prefix}-${name}-ok`);
      } catch (err) {
        broken = name;
        throw attachLogs(err, server);
      }
    });
}

/** Waits until `selector` is visible. */
export const visible = (page, selector, timeout) => page.locator(selector).waitFor({ state: 'visible', timeout });

/** The trimmed text of `selector` ('' when it has none). */
export const textOf = async (page, selector) => ((await page.textContent(selector)) ?? '').trim();

// React 19 resets a <form action> when its action ends, and the guides' pages show the next step
// in the same <form> element while the previous step's action may still be running (sending the
// code): what is typed before it ends is wiped (the attempt then says "is missing"). A person
// types slower; the test fills once the step is over, and checks that the values stay.
export async function fillForm(page, values) {
  await page.locator('button[type=submit]:enabled').waitFor();
  for (let tries = 0; tries < 20; tries++) {
    for (const [selector, value] of Object.entries(values)) await page.fill(selector, value);
    await page.waitForTimeout(250);
    let kept = true;
    for (const [selector, value] of Object.entries(values)) kept &&= (await page.inputValue(selector)) === value;
    if (kept) return;
  }
  throw new Error(`the form kept being reset: ${Object.keys(values).join(', ')}`);
}

/** For after(): closes what before() opened; TESSERA_SHOW_LOGS=1 prints the server's log first. */
export async function closeAll({ tab, browser, server }) {
  await tab?.close();
  await browser?.close();
  if (server && process.env.TESSERA_SHOW_LOGS) process.stderr.write(server.logs());
  await server?.dispose();
}
