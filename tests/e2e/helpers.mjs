// What the end-to-end files share: one server for dist/ under a sub-path, one browser, and a
// way to open the viewer and wait until it has rendered an article or an alert.
import { after, before } from 'node:test';
import { serveStatic } from './server.mjs';
import { launchChromium, openPage } from './browser.mjs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const BASE = '/some/deep/path/';

/**
 * Registers before/after hooks and returns accessors for the live server and browser.
 * `routes(live)` may add made-up responses (see server.mjs); it can read `live.server` lazily;
 * `extra` serves more folders beside the build (path under the base → folder).
 */
export function useViewer({ routes, extra = {} } = {}) {
  const live = {};
  before(async () => {
    live.server = await serveStatic({
      root: 'dist',
      base: BASE,
      extra: { 'fixtures/': 'tests/fixtures/valid/', ...extra },
      routes: routes ? routes(live) : {},
    });
    live.browser = await launchChromium();
  });
  after(async () => {
    await live.browser?.close();
    await live.server?.close();
  });
  return {
    get url() { return live.server.url; },
    get origin() { return live.server.origin; },
    get browser() { return live.browser; },
    /** Opens the viewer at `suffix` (query and/or fragment) and waits for it to render. */
    async view(suffix = '', options) {
      const opened = await openPage(live.browser, options);
      await opened.page.goto(live.server.url + suffix);
      await opened.page.locator('article, [role=alert], .library').first().waitFor({ timeout: 15000 });
      return opened;
    },
  };
}

/** Resolves when `predicate` (run in the page) holds; fails the test after `timeout` ms. */
export function until(page, predicate, arg, timeout = 5000) {
  return page.waitForFunction(predicate, arg, { timeout });
}

/** Whether the top of `selector` is inside the viewport. */
export function topInView(page, selector) {
  return page.$eval(selector, (el) => {
    const top = el.getBoundingClientRect().top;
    return top >= -1 && top < innerHeight;
  });
}

/** Waits until the element's top has come to rest inside the viewport (smooth scrolling). */
export function scrolledIntoView(page, id) {
  return until(page, (id) => {
    const top = document.getElementById(id).getBoundingClientRect().top;
    return top >= -1 && top < innerHeight * 0.5;
  }, id);
}

export const expanded = (page, id) => page.getAttribute(`#${id}--toggle`, 'aria-expanded');

const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Runs axe in the page (injected through the DevTools protocol, not a <script> tag). */
export async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return {
      passes: result.passes.length,
      incomplete: result.incomplete.map((r) => r.id),
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
      })),
    };
  }, WCAG_TAGS);
}
