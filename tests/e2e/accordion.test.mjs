// Collapsible sections and navigation (issue 3), on the release build in headless Chromium:
// deep links, show/hide all, keyboard, find-in-page, contents, remembered state, print, themes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useViewer, until, scrolledIntoView, expanded } from './helpers.mjs';
import { syntheticArticle } from '../../bench/generate.mjs';

// Many more sections than the first screenful, built in many short tasks after it.
const LONG = JSON.stringify(syntheticArticle(1200));
const viewer = useViewer({
  routes: () => ({
    'generated/1200.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(LONG),
  }),
});
const COLLAPSED_IN_SAMPLE = ['middle-corridor', 'eu-relations', 'nato', 'outlook'];
const ALL_IN_SAMPLE = ['belgium', 'peace-process', ...COLLAPSED_IN_SAMPLE];

describe('sections as an accordion', () => {
  test('a #id deep link opens that section and scrolls to it, and so does a later hashchange', async () => {
    const { page, problems, context } = await viewer.view('#nato');
    await until(page, () => document.getElementById('nato--toggle')?.getAttribute('aria-expanded') === 'true');
    assert.equal(await page.isVisible('#nato--panel'), true);
    await scrolledIntoView(page, 'nato');
    const historyLength = await page.evaluate(() => history.length);
    await page.evaluate(() => { location.hash = '#outlook'; });
    await until(page, () => document.getElementById('outlook--toggle').getAttribute('aria-expanded') === 'true');
    await scrolledIntoView(page, 'outlook');
    // Opening a section by hand replaces the fragment instead of pushing history entries.
    const before = await page.evaluate(() => history.length);
    await page.click('#eu-relations--toggle');
    await until(page, () => location.hash === '#eu-relations');
    assert.equal(await page.evaluate(() => history.length), before);
    assert.ok(before >= historyLength);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a long article renders in slices to the end, and a deep link to its last section works', async () => {
    // s-1199 is collapsed and lies in the last slice.
    const { page, problems, context } = await viewer.view('?article=generated/1200.json#s-1199');
    await until(page, () => document.querySelectorAll('.article-sections section.section').length === 1200);
    await until(page, () => document.getElementById('s-1199--toggle').getAttribute('aria-expanded') === 'true');
    await scrolledIntoView(page, 's-1199');
    const order = await page.$$eval('.article-sections section.section', (all) => all.map((s) => s.id));
    assert.deepEqual(order, Array.from({ length: 1200 }, (_, i) => `s-${i}`), 'in order, each once');
    // Every section was built once: one toggle, one panel with its two paragraphs.
    assert.equal(await page.locator('.article-sections .section-toggle').count(), 1200);
    assert.equal(await page.locator('.article-sections .section-panel > p').count(), 2400);
    // The contents list all of them, and a toggle in the last slice works
    // (the first entries are built before the first paint, the rest a task later).
    const entries = await page.$$eval('nav.contents a', (all) => all.map((a) => a.getAttribute('href')));
    assert.deepEqual(entries, Array.from({ length: 1200 }, (_, i) => `#s-${i}`), 'contents in order, each once');
    await until(page, () => document.querySelector('nav.contents a[href="#s-1199"]').getAttribute('aria-current') === 'true');
    await page.click('#s-1196--toggle'); // collapsed in the generated article
    await until(page, () => document.getElementById('s-1196--toggle').getAttribute('aria-expanded') === 'true');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('one control shows all sections and hides all sections, and reflects their state', async () => {
    const { page, context } = await viewer.view();
    const showAll = page.locator('button.show-all');
    assert.equal(await showAll.getAttribute('aria-expanded'), 'false');
    assert.equal(await showAll.textContent(), 'Show all sections');
    await showAll.click();
    for (const id of ALL_IN_SAMPLE) {
      await until(page, (id) => document.getElementById(`${id}--toggle`).getAttribute('aria-expanded') === 'true', id);
      assert.equal(await page.isVisible(`#${id}--panel`), true, id);
    }
    assert.equal(await showAll.getAttribute('aria-expanded'), 'true');
    assert.equal(await showAll.textContent(), 'Hide all sections');
    await showAll.click();
    for (const id of ALL_IN_SAMPLE) {
      await until(page, (id) => document.getElementById(`${id}--toggle`).getAttribute('aria-expanded') === 'false', id);
      assert.equal(await page.isVisible(`#${id}--panel`), false, id);
    }
    // Opening every section by hand flips the control too.
    for (const id of ALL_IN_SAMPLE) await page.click(`#${id}--toggle`);
    await until(page, () => document.querySelector('button.show-all').getAttribute('aria-expanded') === 'true');
    await context.close();
  });

  test('Tab reaches every toggle in order, and Enter and Space toggle each one', async () => {
    const { page, problems, context } = await viewer.view();
    const order = [];
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.id ?? '');
      if (id.endsWith('--toggle')) order.push(id.replace('--toggle', ''));
      if (order.length === ALL_IN_SAMPLE.length) break;
    }
    assert.deepEqual(order, ALL_IN_SAMPLE, 'every toggle is a Tab stop, in reading order');
    for (const id of ALL_IN_SAMPLE) {
      await page.focus(`#${id}--toggle`);
      const start = await expanded(page, id);
      const flipped = start === 'true' ? 'false' : 'true';
      await page.keyboard.press('Enter');
      await until(page, ([id, want]) => document.getElementById(`${id}--toggle`).getAttribute('aria-expanded') === want, [id, flipped]);
      assert.equal(await page.isVisible(`#${id}--panel`), flipped === 'true', `${id} after Enter`);
      await page.keyboard.press('Space');
      await until(page, ([id, want]) => document.getElementById(`${id}--toggle`).getAttribute('aria-expanded') === want, [id, start]);
      assert.equal(await page.isVisible(`#${id}--panel`), start === 'true', `${id} after Space`);
    }
    // The focus ring is clearly visible: a 3px outline in the focus colour.
    await page.focus('#belgium--toggle');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await page.$eval('#belgium--toggle', (el) => getComputedStyle(el).outlineWidth);
    assert.equal(outline, '3px');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('find-in-page reaches collapsed text: beforematch opens the section', async () => {
    // A text fragment makes Chromium search the page as find-in-page does, firing beforematch
    // on the hidden="until-found" panel that holds the match.
    assert.equal(await (async () => {
      const { page, context } = await viewer.view();
      const hidden = await page.getAttribute('#middle-corridor--panel', 'hidden');
      await context.close();
      return hidden;
    })(), 'until-found');
    const { page, problems, context } = await viewer.view('#:~:text=Kazakhstan%20is%20among');
    await until(page, () => document.getElementById('middle-corridor--toggle').getAttribute('aria-expanded') === 'true');
    assert.equal(await page.getAttribute('#middle-corridor--panel', 'hidden'), null);
    assert.equal(await page.isVisible('#middle-corridor--panel'), true);
    // Sections the search did not reach stay closed.
    assert.equal(await expanded(page, 'nato'), 'false');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the table of contents opens and scrolls to a section, and marks the one being read', async () => {
    const { page, problems, context } = await viewer.view();
    const nav = page.locator('nav[aria-label="Contents"]');
    assert.equal(await nav.locator('a').count(), 6);
    await nav.locator('a[href="#nato"]').click();
    await until(page, () => document.getElementById('nato--toggle').getAttribute('aria-expanded') === 'true');
    await scrolledIntoView(page, 'nato');
    await until(page, () => document.querySelector('nav a[aria-current="true"]')?.getAttribute('href') === '#nato');
    assert.equal(new URL(page.url()).hash, '#nato');
    // Scrolling elsewhere moves the mark.
    await page.evaluate(() => document.getElementById('belgium').scrollIntoView({ behavior: 'instant' }));
    await until(page, () => document.querySelector('nav a[aria-current="true"]')?.getAttribute('href') === '#belgium');
    assert.equal(await nav.locator('a[aria-current]').count(), 1);
    // A modified click (new tab, new window) is left to the browser: not prevented, and the
    // section stays as it was. (The window listener runs last, records, then stops the
    // navigation so the test page stays.)
    const modified = await page.evaluate(() => {
      const link = document.querySelector('nav a[href="#outlook"]');
      let prevented = null;
      addEventListener('click', (event) => { prevented = event.defaultPrevented; event.preventDefault(); }, { once: true });
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }));
      return { prevented, expanded: document.getElementById('outlook--toggle').getAttribute('aria-expanded') };
    });
    assert.deepEqual(modified, { prevented: false, expanded: 'false' });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('each heading offers a copy-link control that copies the section URL', async () => {
    const { page, problems, context } = await viewer.view();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(viewer.url).origin });
    const button = page.locator('#nato .copy-link');
    assert.equal(await button.getAttribute('aria-label'), 'Copy link to section: Azerbaijan and NATO: a partnership since 1994');
    // The heading holds only its toggle; the copy control sits beside it.
    assert.equal(await page.$eval('#nato h2', (h2) => h2.children.length), 1);
    await button.click();
    await until(page, () => document.querySelector('[role=status].toast')?.textContent === 'Link copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, `${viewer.url}#nato`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('opened sections are remembered for the session, and a #id link still wins', async () => {
    const { page, context } = await viewer.view();
    await page.click('#nato--toggle');
    await page.click('#belgium--toggle');
    await until(page, () => document.getElementById('belgium--toggle').getAttribute('aria-expanded') === 'false');
    await page.reload();
    await page.locator('article').waitFor();
    await until(page, () => document.getElementById('nato--toggle')?.getAttribute('aria-expanded') === 'true');
    assert.equal(await expanded(page, 'belgium'), 'false');
    assert.equal(await expanded(page, 'outlook'), 'false');
    await page.goto(`${viewer.url}#outlook`);
    await page.locator('article').waitFor();
    await until(page, () => document.getElementById('outlook--toggle')?.getAttribute('aria-expanded') === 'true');
    assert.equal(await expanded(page, 'nato'), 'true');
    await context.close();
  });

  test('printing lays out every section, hides controls and writes out link targets', async () => {
    const { page, context } = await viewer.view('?article=fixtures/every-block.json');
    await page.emulateMedia({ media: 'print' });
    // The fixture's last section is collapsed (hidden="until-found").
    assert.equal(await page.getAttribute('#closed-at-first--panel', 'hidden'), 'until-found');
    const box = await page.locator('#closed-at-first--panel p').boundingBox();
    assert.ok(box && box.height > 0, 'collapsed text is laid out in print');
    assert.equal(await page.isVisible('#closed-at-first--panel p'), true);
    for (const control of ['.display-controls', 'button.show-all', '.copy-link', 'nav.contents', '.reading-progress']) {
      assert.equal(await page.locator(control).first().isVisible(), false, `${control} hidden in print`);
    }
    const after = await page.$eval('a[href="https://example.org/page"]', (a) => getComputedStyle(a, '::after').content);
    assert.match(after, /https:\/\/example\.org\/page/);
    await context.close();

    const sample = await viewer.view();
    await sample.page.emulateMedia({ media: 'print' });
    for (const id of COLLAPSED_IN_SAMPLE) {
      assert.equal(await sample.page.isVisible(`#${id}--panel`), true, `${id} printed`);
    }
    assert.equal(await sample.page.isVisible('.kicker.is-paid'), true, 'sponsor label printed');
    assert.equal(await sample.page.isVisible('.paid-line'), true);
    await sample.context.close();
  });

  test('theme and text size follow the system until chosen, then are remembered', async () => {
    const { page, context } = await viewer.view('', { colorScheme: 'dark' });
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(await background(), 'rgb(20, 20, 20)', 'dark system theme');
    const themeButton = page.locator('.display-controls button', { hasText: 'Dark theme' });
    assert.equal(await themeButton.getAttribute('aria-pressed'), 'true');
    // The system changes while the page is open: page and button follow it.
    await page.emulateMedia({ colorScheme: 'light' });
    await until(page, () => document.querySelector('.display-controls > button').getAttribute('aria-pressed') === 'false');
    assert.equal(await background(), 'rgb(253, 252, 250)', 'light system theme');
    await page.emulateMedia({ colorScheme: 'dark' });
    await until(page, () => document.querySelector('.display-controls > button').getAttribute('aria-pressed') === 'true');
    await themeButton.click();
    await until(page, () => getComputedStyle(document.body).backgroundColor === 'rgb(253, 252, 250)');
    // Once chosen, the choice holds when the system changes: media changes are reported in the
    // rendering step before animation frame callbacks, so one frame later the event has run.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
    assert.equal(await themeButton.getAttribute('aria-pressed'), 'false', 'chosen light theme kept');
    await page.locator('.display-controls button[data-size="large"]').click();
    const size = () => page.evaluate(() => getComputedStyle(document.body).fontSize);
    assert.equal(await size(), '21px');
    await page.reload();
    await page.locator('article').waitFor();
    assert.equal(await background(), 'rgb(253, 252, 250)', 'light theme remembered over the dark system');
    assert.equal(await size(), '21px', 'large text remembered');
    assert.equal(await page.locator('.display-controls button[data-size="large"]').getAttribute('aria-pressed'), 'true');
    await context.close();
  });

  test('right-to-left articles mirror the layout', async () => {
    const { page, problems, context } = await viewer.view('?article=fixtures/right-to-left.json');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    // The rail sits to the left of the text, and the toggle hint on the left of its heading.
    const [text, rail] = await page.evaluate(() => [
      document.querySelector('.article-lead').getBoundingClientRect(),
      document.querySelector('.article-rail').getBoundingClientRect(),
    ].map((r) => ({ left: r.left, right: r.right })));
    assert.ok(rail.right < text.left, `rail ${JSON.stringify(rail)} left of text ${JSON.stringify(text)}`);
    const quotes = await page.$eval('.pull-quote', (figure) => getComputedStyle(figure).quotes);
    assert.equal(quotes, '"«" "»"');
    const marker = await page.$eval('ol.block-list', (ol) => getComputedStyle(ol).listStyleType);
    assert.equal(marker, 'arabic-indic');
    const listPadding = await page.$eval('ol.block-list', (ol) => getComputedStyle(ol).paddingRight);
    assert.notEqual(listPadding, '0px', 'list indent on the right');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('touch targets are at least 44 px', async () => {
    for (const width of [375, 1280]) {
      const { page, context } = await viewer.view('', { viewport: { width, height: 900 } });
      await page.click('button.show-all');
      const small = await page.$$eval('button, .rail a, .contents a, .figure-link', (targets) =>
        targets
          .filter((el) => el.getClientRects().length > 0)
          .map((el) => ({ name: el.getAttribute('aria-label') ?? el.textContent.trim().slice(0, 30), box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.height < 44 || (box.width < 44))
          .map(({ name, box }) => `${name}: ${Math.round(box.width)}×${Math.round(box.height)}`));
      assert.deepEqual(small, [], `at ${width} px`);
      await context.close();
    }
  });

  test('reduced motion: jumps are instant, nothing animates', async () => {
    const { page, context } = await viewer.view('', { reducedMotion: 'reduce' });
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), 'auto');
    await page.click('nav.contents a[href="#outlook"]');
    // No smooth scrolling to wait for: one frame later the section is already in place.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const top = await page.$eval('#outlook', (el) => el.getBoundingClientRect().top);
    assert.ok(top >= -1 && top < 450, `section top at ${top}`);
    await context.close();
  });

  test('without JavaScript the page says so instead of staying blank', async () => {
    const { page, context } = await (async () => {
      const context = await viewer.browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(viewer.url);
      return { page, context };
    })();
    assert.match(await page.textContent('body'), /needs JavaScript and WebAssembly/);
    await context.close();
  });

  test('without WebAssembly the page explains why nothing loads', async () => {
    const context = await viewer.browser.newContext();
    await context.addInitScript(() => { delete globalThis.WebAssembly; });
    const page = await context.newPage();
    await page.goto(viewer.url);
    await page.locator('[role=alert]').waitFor({ timeout: 10000 });
    assert.match(await page.textContent('[role=alert]'), /needs WebAssembly/);
    await context.close();
  });
});
