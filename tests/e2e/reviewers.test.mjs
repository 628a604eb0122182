// What reviewers' own tools check, kept in the test command because each is quick and certain:
// the accessibility tree Chromium gives a screen reader (read through the DevTools protocol),
// the WAI-ARIA accordion's advice on regions, search-engine metadata, and valid markup for the
// favicon and the lead. (Lighthouse and the Nu Html Checker run in scripts/audit: slow, noisy.)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { until, useViewer } from './helpers.mjs';
import { SECTIONS, longArticle } from './long-article.mjs';

const LONG = longArticle();
const viewer = useViewer({
  routes: () => ({
    'reviewers/long.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(LONG),
  }),
});

/** Opens the long article and waits until every section is in the page. */
async function openLong(options) {
  const opened = await viewer.view('?article=reviewers/long.json', options);
  await until(opened.page, (n) => document.querySelectorAll('.article-sections .section').length === n, SECTIONS);
  return opened;
}

/** The headings of level 2 and the buttons with an expanded state in Chromium's accessibility tree. */
async function accessibilityTree(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Accessibility.enable');
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const property = (node, name) => node.properties?.find((p) => p.name === name)?.value?.value;
  const shown = nodes.filter((node) => !node.ignored);
  return {
    headings: shown.filter((n) => n.role?.value === 'heading' && property(n, 'level') === 2).map((n) => n.name?.value ?? ''),
    toggles: shown.filter((n) => n.role?.value === 'button' && property(n, 'expanded') !== undefined).map((n) => n.name?.value ?? ''),
    regions: shown.filter((n) => n.role?.value === 'region').length,
  };
}

describe("what reviewers' tools check", () => {
  test('every section heading and toggle is in the accessibility tree, wherever the page is scrolled', async () => {
    const { context, page } = await openLong({ viewport: { width: 1280, height: 800 } });
    const expected = Array.from({ length: SECTIONS }, (_, i) => `Part ${i + 1}`);
    for (const where of ['top', 'bottom']) {
      if (where === 'bottom') await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const tree = await accessibilityTree(context, page);
      const headings = tree.headings.filter((name) => name.startsWith('Part '));
      assert.deepEqual(headings.map((name) => name.replace(/\s*(Show|Hide)$/, '')), expected, `headings at the ${where}`);
      // The toggle is named by the heading text only: its Show/Hide hint is hidden from it.
      assert.deepEqual(tree.toggles.filter((name) => name.startsWith('Part ')), expected, `toggles at the ${where}`);
    }
    await context.close();
  });

  test('panels are regions only in an article of six sections or fewer', async () => {
    const sample = await viewer.view();
    const sections = await sample.page.locator('.article-sections .section').count();
    assert.ok(sections <= 6, `the sample has ${sections} sections`);
    const panels = await sample.page.$$eval('.section-panel', (all) => all.map((p) => ({
      role: p.getAttribute('role'),
      name: document.getElementById(p.getAttribute('aria-labelledby'))?.textContent,
    })));
    assert.ok(panels.length >= 2);
    for (const panel of panels) {
      assert.equal(panel.role, 'region');
      assert.ok(panel.name, 'a region is named by its toggle');
    }
    await sample.context.close();

    const long = await openLong();
    assert.equal(await long.page.locator('[role=region]').count(), 0);
    assert.equal(await long.page.locator('.section-panel[aria-labelledby]').count(), 0, 'a plain panel takes no name');
    assert.equal((await accessibilityTree(long.context, long.page)).regions, 0);
    await long.context.close();
  });

  test('the Show/Hide hint is kept out of search snippets', async () => {
    const { page, context } = await viewer.view();
    const hints = await page.$$eval('.section-toggle-hint', (all) => all.map((h) => h.hasAttribute('data-nosnippet')));
    assert.ok(hints.length >= 2);
    assert.ok(hints.every(Boolean), `data-nosnippet on ${hints.filter(Boolean).length} of ${hints.length} hints`);
    await context.close();
  });

  test('the page description is the standfirst, else the start of the first paragraph', async () => {
    const sample = JSON.parse(await readFile('dist/articles/sample.json', 'utf8'));
    const withStandfirst = await viewer.view();
    const description = () => withStandfirst.page.$$eval('meta[name=description]', (all) => all.map((m) => m.content));
    assert.deepEqual(await description(), [sample.standfirst]);
    await withStandfirst.context.close();

    const { page, context } = await viewer.view('?article=reviewers/long.json');
    assert.deepEqual(await page.$$eval('meta[name=description]', (all) => all.map((m) => m.content)),
      ['The lead of a long article.']);
    await context.close();
  });

  test('the favicon link is valid HTML (no integrity) and serves an SVG', async () => {
    const html = await readFile('dist/index.html', 'utf8');
    const icons = [...html.matchAll(/<link\b[^>]*\brel="?icon\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(icons.length, 1, icons.join());
    assert.doesNotMatch(icons[0], /\bintegrity=/);
    const href = icons[0].match(/\bhref="?([^"\s>]+)/)[1];
    const response = await fetch(new URL(href, viewer.url));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^image\/svg\+xml/);
  });

  test('the lead, which has no heading, is not a <section>', async () => {
    const { page, context } = await viewer.view();
    assert.equal(await page.$eval('.section-lead', (lead) => lead.localName), 'div');
    assert.equal(await page.locator('section:not(:has(h1, h2, h3, h4, h5, h6))').count(), 0, 'every <section> has a heading');
    await context.close();
  });
});
