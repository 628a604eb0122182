// axe-core (from npm, pinned) over the rendered viewer in both themes, and screenshots at three
// widths in both themes for a person to review in tests/e2e/screenshots/ (git-ignored).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { axe, useViewer } from './helpers.mjs';

const viewer = useViewer();
const SCREENSHOTS = 'tests/e2e/screenshots';

const PAGES = [
  ['sample article, sections as loaded', ''],
  ['sample article, every section open', '', async (page) => page.click('button.show-all')],
  ['every block type', '?article=fixtures/every-block.json'],
  ['tables, code and nested lists', '?article=fixtures/tables-code-lists.json'],
  ['right-to-left article', '?article=fixtures/right-to-left.json'],
  ['a blog post: code, notes and topics', '?article=fixtures/blog-post.json'],
  ['a load failure', '?article=fixtures/missing.json'],
];

describe('accessibility (axe-core, WCAG 2.0/2.1/2.2 A and AA)', () => {
  for (const scheme of ['light', 'dark']) {
    for (const [name, suffix, prepare] of PAGES) {
      test(`${name}, ${scheme} theme: no violations`, async () => {
        const { page, context } = await viewer.view(suffix, { colorScheme: scheme });
        if (prepare) await prepare(page);
        const result = await axe(page);
        assert.ok(result.passes >= 5, `axe ran ${result.passes} passing rules`);
        assert.deepEqual(result.violations, [], JSON.stringify(result.violations, null, 2));
        console.log(`# axe ${name} (${scheme}): ${result.passes} rules passed, 0 violations, needs review: ${result.incomplete.join(', ') || 'none'}`);
        await context.close();
      });
    }
  }
});

describe('screenshots for review', () => {
  test('375, 768 and 1280 px wide, light and dark', async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    for (const scheme of ['light', 'dark']) {
      for (const width of [375, 768, 1280]) {
        const { page, context } = await viewer.view('', { colorScheme: scheme, viewport: { width, height: 900 } });
        const path = `${SCREENSHOTS}/sample-${width}-${scheme}.png`;
        // A full-page capture paints beyond the viewport, where `content-visibility: auto`
        // leaves sections unpainted until a reader scrolls to them; show everything for the
        // picture. (The CSP allows no inline style element, so set the property directly.)
        await page.$$eval('.article-sections .section, .contents-list > li', (all) => {
          for (const element of all) element.style.contentVisibility = 'visible';
        });
        await page.screenshot({ path, fullPage: true });
        const size = (await readFile(path)).length;
        assert.ok(size > 10_000, `${path} has content (${size} bytes)`);
        await context.close();
      }
    }
  });
});
