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

/** For after(): closes what before() opened; TESSERA_SHOW_LOGS=1 prints the server's log first. */
export async function closeAll({ tab, browser, server }) {
  await tab?.close();
  await browser?.close();
  if (server && process.env.TESSERA_SHOW_LOGS) process.stderr.write(server.logs());
  await server?.dispose();
}
