// Pages pre-rendered by `article pages` (issue 21), in headless Chromium: readable without
// JavaScript with the head a crawler and a link preview read; taken over by the app without a
// section, heading or paragraph removed and without a layout shift, then working as the
// client-only page; the same markup as the client-only page builds; the hostile corpus with and
// without JavaScript. Firefox's take-over is in firefox.test.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { serveStatic } from './server.mjs';
import { launchChromium, openPage } from './browser.mjs';
import { axe } from './helpers.mjs';
import { BASE_URL, RENDERED_CASES, CORPUS, preparePages } from './prerendered.mjs';

const ROOT = 'target/e2e-prerendered-chromium';
let server;
let browser;
let said;

before(async () => {
  said = await preparePages(ROOT);
  server = await serveStatic({ root: ROOT, base: '/some/deep/path/' });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Watches, from before any script runs, what a take-over removes and how much shifts. */
function watch() {
  window.__removed = [];
  window.__shift = 0;
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.removedNodes) {
        if (node.nodeType !== 1) continue;
        for (const el of [node, ...node.querySelectorAll('*')]) {
          if (el.matches('section, .section, h1, h2, h3, h4, p, li, figure, blockquote, table')) {
            window.__removed.push(`${el.tagName}.${el.className}`);
          }
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

/** Opens a pre-rendered page and waits until the app has taken all of it over. */
async function openTakenOver(name, options = {}) {
  const opened = await openPage(browser, options);
  await opened.page.addInitScript(watch);
  await opened.page.goto(`${server.url}articles/${name}`);
  await takenOver(opened.page);
  return opened;
}

/**
 * Waits until the app has taken the page over: its class gone and every group of sections within
 * a window's height of the window live (the others are made live as the reader comes to them:
 * see "a long written page" below).
 */
async function takenOver(page) {
  await page.waitForFunction(() => !document.querySelector('.is-prerendered') && [...document.querySelectorAll('.section-group')].every((group) => {
    const box = group.getBoundingClientRect();
    return box.bottom <= -innerHeight || box.top >= 2 * innerHeight || !group.querySelector('[data-prerendered]');
  }), null, { timeout: 15000 });
  // Two frames, so that any shift the take-over caused has been laid out and reported.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Scrolls down half a window at a time, as a reader does, until section `id` is live. */
async function scrollUntilLive(page, id) {
  while (await page.evaluate((id) => document.getElementById(id).hasAttribute('data-prerendered'), id)) {
    const end = await page.evaluate(() => {
      const atEnd = innerHeight + scrollY >= document.documentElement.scrollHeight - 1;
      scrollBy({ top: innerHeight / 2, behavior: 'instant' });
      return atEnd;
    });
    assert.ok(!end, `${id} is live by the end of the page`);
    await takenOver(page);
  }
}

const expanded = (page, id) => page.getAttribute(`#${id}--toggle`, 'aria-expanded');

describe('article pages', { timeout: 60000 }, () => {
  test('writes a page beside every article, and says what it left out and why', () => {
    assert.match(said.articles, /^\d+ pages in /m);
    for (const name of ['sample', 'collapsed', 'right-to-left', 'every-block', 'long']) {
      assert.ok(existsSync(`${ROOT}/articles/${name}.html`), `${name}.html`);
    }
    for (const c of CORPUS.filter((k) => k.expect.error && !k.oversize)) {
      assert.ok(!existsSync(`${ROOT}/articles/hostile/${c.name}.html`), `${c.name} is refused`);
      assert.match(said.hostile, new RegExp(`${c.name}\\.json: .*\\(left out\\)`));
    }
    assert.match(said.hostile, /no --base-url/);
  });
});

describe('a pre-rendered page without JavaScript', { timeout: 60000 }, () => {
  test('the sample: every section, figure, pull-quote and the disclosure readable; no control shown', async () => {
    const { page, context, problems } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}articles/sample.html`);
    const state = await page.evaluate(() => ({
      panels: [...document.querySelectorAll('.section-panel')].map((p) => p.checkVisibility() && p.innerText.trim().length > 0),
      controls: [...document.querySelectorAll('button, input, select, .copy-link')].filter((el) => el.checkVisibility({ visibilityProperty: true })).map((el) => el.outerHTML.slice(0, 80)),
      figures: [...document.querySelectorAll('.figure')].every((f) => f.checkVisibility()),
      pullQuotes: [...document.querySelectorAll('.pull-quote')].every((q) => q.checkVisibility()),
      disclosure: document.querySelector('.disclosure')?.checkVisibility(),
      hints: [...document.querySelectorAll('.section-toggle-hint')].some((h) => h.checkVisibility({ visibilityProperty: true })),
      html: [document.documentElement.lang, document.documentElement.dir],
    }));
    assert.ok(state.panels.length >= 6 && state.panels.every(Boolean), `every panel shows its text: ${state.panels}`);
    assert.deepEqual(state.controls, [], 'no control that cannot work');
    assert.equal(state.hints, false);
    assert.ok(state.figures && state.pullQuotes && state.disclosure);
    assert.deepEqual(state.html, ['en', 'ltr']);
    // The head a crawler and a link preview read.
    const meta = (selector) => page.getAttribute(selector, 'content');
    assert.match(await page.title(), /^Promoted: Azerbaijan sets out/);
    assert.equal(await meta('meta[property="og:type"]'), 'article');
    assert.match(await meta('meta[property="og:title"]'), /^Promoted: /, 'the paid label is in the preview');
    assert.match(await meta('meta[property="og:description"]'), /^Promoted\. Paid for by the Embassy/);
    assert.equal(await meta('meta[property="og:url"]'), `${BASE_URL}sample.html`);
    assert.equal(await page.getAttribute('link[rel=canonical]', 'href'), `${BASE_URL}sample.html`);
    assert.equal(await meta('meta[property="og:locale"]'), 'en');
    assert.equal(await meta('meta[property="article:published_time"]'), '2025-12-05');
    assert.equal(await meta('meta[name="twitter:card"]'), 'summary');
    assert.ok(await meta('meta[name=description]'));
    assert.equal(await page.getAttribute('link[rel=alternate][type="application/json"]', 'href'), 'sample.json');
    const data = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
    assert.equal(data.headline, 'Azerbaijan sets out its diplomatic priorities for 2026 in Brussels');
    assert.deepEqual(problems, []);
    await context.close();
  });

  for (const name of ['sample.html', 'every-block.html', 'right-to-left.html']) {
    test(`${name}: every text of the article shown at 320 px and at 1280 px, none cut off`, async () => {
      for (const width of [320, 1280]) {
        const { page, context } = await openPage(browser, { javaScriptEnabled: false, viewport: { width, height: 800 } });
        await page.goto(`${server.url}articles/${name}`);
        const hidden = await page.evaluate(() => {
          // Controls (not shown without scripts), and the words only assistive technology reads.
          const skip = 'button, .display-controls, .show-all, .copy-link, .section-toggle-hint, .reader-only, .visually-hidden';
          // A contents chip may end in an ellipsis on a narrow screen: its text is its section's
          // heading, which is shown whole.
          const cut = (el) => el.closest('.contents-link') === null && [...ancestors(el)].some((a) => {
            const style = getComputedStyle(a);
            const clips = (v) => v === 'hidden' || v === 'clip';
            return (clips(style.overflowY) && a.scrollHeight > a.clientHeight + 1) || (clips(style.overflowX) && a.scrollWidth > a.clientWidth + 1);
          });
          function* ancestors(el) {
            for (let a = el; a && a.tagName !== 'ARTICLE'; a = a.parentElement) yield a;
          }
          const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
          const found = [];
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (!node.textContent.trim() || el.closest(skip) || el.closest('svg')) continue;
            // A closed callout is a native <details>: its text is a click (or a find-in-page
            // match) away without scripts, so its summary is what must be shown.
            const closed = el.closest('details:not([open])');
            const shown = closed && !el.closest('summary') ? closed.querySelector('summary') : el;
            if (!shown.checkVisibility({ visibilityProperty: true, opacityProperty: true }) || cut(shown)) {
              found.push(`${el.className || el.tagName}: ${node.textContent.trim().slice(0, 60)}`);
            }
          }
          return found;
        });
        assert.deepEqual(hidden, [], `${name} at ${width} px`);
        await context.close();
      }
    });
  }

  test('sections published collapsed are open; find-in-page has nothing hidden to reach', async () => {
    const { page, context } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}articles/collapsed.html`);
    const collapsed = await page.$$eval('section[data-collapsed]', (els) => els.map((s) => !s.querySelector('.section-panel').hidden && s.querySelector('.section-panel').checkVisibility()));
    assert.ok(collapsed.length > 0 && collapsed.every(Boolean));
    assert.equal(await page.locator('[hidden]').count(), 0);
    await context.close();
  });

  test('a right-to-left article: lang and dir on <html>, og:locale', async () => {
    const { page, context } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}articles/right-to-left.html`);
    const [lang, dir] = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
    assert.equal(dir, 'rtl');
    assert.ok(lang.length > 0);
    assert.equal(await page.getAttribute('meta[property="og:locale"]', 'content'), lang.replace('-', '_'));
    assert.ok((await page.locator('.section-panel').first().innerText()).length > 0);
    await context.close();
  });
});

describe('accessibility of pre-rendered pages (axe-core, WCAG A and AA)', { timeout: 120000 }, () => {
  // "Module failed": the page as it reads without the app (axe itself needs scripts to run).
  for (const [name, module] of [['sample.html', false], ['sample.html', true], ['right-to-left.html', true], ['long.html', true]]) {
    test(`${name} ${module ? 'taken over' : 'when the module fails'}: no violations`, async () => {
      let opened;
      if (module) {
        opened = await openTakenOver(name);
      } else {
        opened = await openPage(browser);
        await opened.page.route('**/*_bg.wasm', (route) => route.abort());
        await opened.page.goto(`${server.url}articles/${name}`);
        await opened.page.waitForFunction(() => document.documentElement.classList.contains('viewer-failed'));
        const controls = await opened.page.$$eval('button, .copy-link', (els) => els.filter((el) => el.checkVisibility({ visibilityProperty: true })).length);
        assert.equal(controls, 0, 'no control shown once the module failed');
        opened.problems.length = 0; // the aborted module is the point here
      }
      const result = await axe(opened.page);
      assert.ok(result.passes >= 5, `axe ran ${result.passes} passing rules`);
      assert.deepEqual(result.violations, [], JSON.stringify(result.violations, null, 2));
      await opened.context.close();
    });
  }
});

describe('the app takes a pre-rendered page over', { timeout: 240000 }, () => {
  for (const name of ['sample.html', 'long.html', 'every-block.html']) {
    test(`${name}: nothing removed, nothing shifted`, async () => {
      const { page, context, problems } = await openTakenOver(name);
      const { removed, shift } = await page.evaluate(() => ({ removed: window.__removed, shift: window.__shift }));
      assert.deepEqual(removed, [], 'no section, heading or paragraph removed');
      assert.equal(shift, 0, 'no layout shift');
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  test('a written page downloads its own module only, and speaks its language from the page', async () => {
    // "Show all sections" or "Hide all sections", as the page's sections are.
    for (const [name, words] of [['sample.html', /^(Show|Hide) all sections$/], ['right-to-left.html', /^(إظهار|إخفاء) كل الأقسام$/]]) {
      const opened = await openPage(browser);
      const modules = [];
      opened.page.on('request', (request) => { if (/\.wasm$|_viewer-[0-9a-f]+\.js$/.test(request.url())) modules.push(request.url().split('/').pop()); });
      await opened.page.addInitScript(watch);
      await opened.page.goto(`${server.url}articles/${name}`);
      await takenOver(opened.page);
      assert.equal(modules.length, 2, `${name}: ${modules}`);
      assert.ok(modules.every((file) => file.startsWith('written_viewer-')), `${name}: ${modules}`);
      assert.match((await opened.page.textContent('button.show-all')).trim(), words);
      assert.deepEqual(opened.problems, []);
      await opened.context.close();
    }
  });

  test('scroll position, focus and a selection stay', async () => {
    const opened = await openPage(browser, { javaScriptEnabled: true });
    const { page, context } = opened;
    // Held back until the page is scrolled, focused and a passage selected.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route('**/written_viewer-*_bg.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${server.url}articles/long.html`);
    await page.evaluate(() => {
      window.scrollTo({ top: 3000, behavior: 'instant' });
      const link = document.querySelector('.contents-link');
      link.focus({ preventScroll: true });
      // A passage the reader sees, in the middle of the window.
      const shown = [...document.querySelectorAll('.section-panel p')].find((p) => {
        const box = p.getBoundingClientRect();
        return box.top > 0 && box.bottom < innerHeight;
      });
      const text = shown.firstChild;
      getSelection().setBaseAndExtent(text, 0, text, 12);
    });
    const where = () => page.evaluate(() => [
      scrollY,
      getSelection().anchorNode.parentElement.getBoundingClientRect().top,
      document.activeElement.getAttribute('href'),
      String(getSelection()),
    ]);
    const before = await where();
    release();
    await takenOver(page);
    const now = await where();
    assert.deepEqual(now, before);
    await context.close();
  });

  test('then the toggles, show all, contents and copy link work', async () => {
    const { page, context, problems } = await openTakenOver('sample.html', { viewport: { width: 1280, height: 700 } });
    // Published collapsed and off screen: closed now, as on the client-only page.
    assert.equal(await expanded(page, 'outlook'), 'false');
    assert.equal(await page.getAttribute('#outlook--panel', 'hidden'), 'until-found');
    await page.click('#belgium--toggle');
    assert.equal(await expanded(page, 'belgium'), 'false');
    await page.click('#belgium--toggle');
    assert.equal(await expanded(page, 'belgium'), 'true');
    await page.click('button.show-all');
    for (const id of ['belgium', 'peace-process', 'middle-corridor', 'eu-relations', 'nato', 'outlook']) {
      assert.equal(await expanded(page, id), 'true', id);
    }
    await page.click('button.show-all');
    assert.equal(await expanded(page, 'nato'), 'false');
    await page.click('nav.contents a[href="#nato"]');
    await page.waitForFunction(() => document.getElementById('nato--toggle').getAttribute('aria-expanded') === 'true');
    assert.match(page.url(), /#nato$/);
    await page.waitForFunction(() => document.querySelector('nav.contents a[aria-current]')?.getAttribute('href') === '#nato');
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.click('#nato .copy-link');
    await page.waitForFunction(() => document.querySelector('.toast').textContent.includes('Link copied'));
    // The display controls.
    await page.click('text=Dark theme');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a #fragment opens its section, and the sections a reader opened are remembered', async () => {
    // A short window: the last section is below it, so closed as published.
    const { page, context } = await openTakenOver('sample.html#eu-relations', { viewport: { width: 1280, height: 400 } });
    await page.waitForFunction(() => document.activeElement?.id === 'eu-relations--toggle');
    assert.equal(await expanded(page, 'eu-relations'), 'true');
    assert.equal(await expanded(page, 'outlook'), 'false', 'below the window, closed as published');
    // Next to the fragment's section, it may be on screen and so still open: the reader
    // closes it then, and opens it.
    if ((await expanded(page, 'nato')) === 'true') await page.click('#nato--toggle');
    await page.click('#nato--toggle');
    assert.equal(await expanded(page, 'nato'), 'true');
    await page.goto(`${server.url}articles/sample.html`);
    await takenOver(page);
    // Far below the window, the sections wait until the reader scrolls towards them.
    await scrollUntilLive(page, 'outlook');
    assert.equal(await expanded(page, 'nato'), 'true', 'remembered open');
    assert.equal(await expanded(page, 'outlook'), 'false', 'published collapsed, never opened');
    await context.close();
  });

  test('after the take-over the article is the markup the client-only page builds', async () => {
    for (const name of ['sample', 'every-block', 'tables-code-lists', 'right-to-left', 'collapsed', 'degraded', 'minimal', 'nulls-mean-absent']) {
      const pre = await openTakenOver(`${name}.html`);
      const count = await pre.page.locator('article .section').count();
      const client = await openPage(browser);
      await client.page.goto(`${server.url}?article=articles/${name}.json`);
      await client.page.waitForFunction((n) => document.querySelectorAll('article .section').length === n && !document.querySelector('[aria-busy=true]'), count);
      for (const { page } of [pre, client]) {
        // The same open state on both, whatever the window showed: every section open, after
        // "Hide all" (which makes every waiting section of the written page live).
        if (await page.locator('button.show-all').count()) {
          if ((await page.getAttribute('button.show-all', 'aria-expanded')) !== 'true') await page.click('button.show-all');
          await page.click('button.show-all');
          await page.click('button.show-all');
          assert.equal(await page.getAttribute('button.show-all', 'aria-expanded'), 'true');
        }
      }
      const [a, b] = await Promise.all([pre.page.evaluate(normalized), client.page.evaluate(normalized)]);
      assert.ok(a === b, `${name}: the pre-rendered article differs from the client-only one:\n${firstDifference(a, b)}`);
      await pre.context.close();
      await client.context.close();
    }
  });
});

describe('a long written page: sections made live where the reader is', { timeout: 120000 }, () => {
  /** Sections by their state: asleep (as written), live, and the ids of those in the window. */
  const census = (page) => page.evaluate(() => {
    const sections = [...document.querySelectorAll('.section-group > .section')];
    const shown = (s) => {
      const box = s.getBoundingClientRect();
      return box.bottom > 0 && box.top < innerHeight;
    };
    return {
      asleep: sections.filter((s) => s.hasAttribute('data-prerendered')).length,
      live: sections.filter((s) => !s.hasAttribute('data-prerendered')).length,
      shown: sections.filter(shown).map((s) => s.id),
    };
  });

  test('far sections wait as written; each is live before the reader scrolls to it, closed as published', async () => {
    const { page, context, problems } = await openTakenOver('long.html', { viewport: { width: 1280, height: 700 } });
    const first = await census(page);
    assert.ok(first.asleep > 40, `most of 121 sections wait: ${JSON.stringify(first)}`);
    const seenAtStart = new Set(first.shown);
    // Down the page half a window at a time. Each step waits until every section up to half a
    // window below the window is live: the observer's margin (a window's height) must have
    // made them live before they come into view.
    for (let step = 0; step < 400; step++) {
      await page.waitForFunction(() => [...document.querySelectorAll('.section-group > .section')].every((section) => {
        const box = section.getBoundingClientRect();
        return box.top >= innerHeight * 1.5 || box.bottom <= 0 || !section.hasAttribute('data-prerendered');
      }), null, { timeout: 15000 });
      const shown = await page.evaluate(() => [...document.querySelectorAll('.section[data-collapsed]')].filter((s) => {
        const box = s.getBoundingClientRect();
        return box.bottom > 0 && box.top < innerHeight;
      }).map((s) => [s.id, s.querySelector('.section-toggle').getAttribute('aria-expanded')]));
      for (const [id, expandedNow] of shown) {
        if (!seenAtStart.has(id)) assert.equal(expandedNow, 'false', `${id}, published collapsed, is closed when it comes into view`);
      }
      const atEnd = await page.evaluate(() => {
        const end = innerHeight + scrollY >= document.documentElement.scrollHeight - 1;
        scrollBy({ top: innerHeight / 2, behavior: 'instant' });
        return end;
      });
      if (atEnd) break;
    }
    assert.equal((await census(page)).asleep, 0, 'every section live once the reader has been there');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('Tab reaches the next toggle even where the window is far away; Shift+Tab comes back', async () => {
    const { page, context } = await openTakenOver('long.html', { viewport: { width: 1280, height: 700 } });
    // The last live section before the first group still waiting, far below the window.
    const last = await page.evaluate(() => {
      const waiting = [...document.querySelectorAll('.section-group')].find((g) => g.querySelector('[data-prerendered]'));
      const group = waiting.previousElementSibling;
      const section = group.lastElementChild;
      const next = group.nextElementSibling.firstElementChild;
      section.querySelector('.copy-link').focus({ preventScroll: true });
      return { id: section.id, next: next.id, nextAsleep: next.hasAttribute('data-prerendered') };
    });
    assert.equal(last.nextAsleep, true, `${last.next} waits at first`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), `${last.next}--toggle`);
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('.section')?.id), last.id);
    await context.close();
  });

  test('a contents link, a heading pressed and "show all" act on sections still waiting', async () => {
    const { page, context } = await openTakenOver('long.html', { viewport: { width: 1280, height: 700 } });
    const asleep = (id) => page.evaluate((id) => document.getElementById(id).hasAttribute('data-prerendered'), id);
    // A heading still written as text, far below the window: pressed, it acts as a toggle
    // (part-60 is published collapsed, and shown open until then).
    assert.equal(await asleep('part-60'), true);
    await page.evaluate(() => document.querySelector('#part-60 .section-heading-text').click());
    assert.equal(await expanded(page, 'part-60'), 'false');
    assert.equal(await asleep('part-60'), false);
    // part-110, published collapsed too: the contents open it.
    assert.equal(await asleep('part-110'), true);
    await page.click('nav.contents a[href="#part-110"]');
    await page.waitForFunction(() => document.getElementById('part-110--toggle').getAttribute('aria-expanded') === 'true');
    await page.waitForFunction(() => document.activeElement.id === 'part-110--toggle');
    // "Show all" shows every section, waiting or not (a waiting one is shown open already);
    // "Hide all" closes every one, and so makes every one live.
    await page.click('button.show-all');
    if ((await page.getAttribute('button.show-all', 'aria-expanded')) !== 'true') await page.click('button.show-all');
    const panels = () => page.evaluate(() => [...document.querySelectorAll('.section-group > .section:not(.section-lead)')].map((s) => {
      const toggle = s.querySelector('.section-toggle');
      return `${toggle.localName}:${toggle.getAttribute('aria-expanded')}:${s.querySelector('.section-panel').hidden ? 'hidden' : 'shown'}`;
    }));
    const shown = await panels();
    assert.equal(shown.length, 120);
    assert.ok(shown.every((state) => state.endsWith(':shown') && !state.startsWith('button:false')), shown.join());
    assert.ok(shown.some((state) => state.startsWith('span')), 'sections far away still wait');
    await page.click('button.show-all');
    assert.equal(await page.getAttribute('button.show-all', 'aria-expanded'), 'false');
    const hidden = await panels();
    assert.ok(hidden.every((state) => state === 'button:false:hidden'), hidden.join());
    // And all of them again, now live.
    await page.click('button.show-all');
    assert.ok((await panels()).every((state) => state === 'button:true:shown'));
    await context.close();
  });
});

/** Where `a` and `b` first differ, with some markup around it. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 300);
  return `pre-rendered: …${a.slice(from, i + 200)}\nclient-only:  …${b.slice(from, i + 200)}`;
}

/**
 * The article's markup without what may differ on purpose: comments, the section groups (the
 * browser builds them as time allows), attribute order, the pre-render's data-collapsed, and the
 * client-only page's "Open a file" (a publisher's article page previews no local files).
 * Addresses are compared as the browser resolves them (the client-only page resolves them
 * against the article's address, the pre-rendered page beside it leaves them relative; `rel`
 * is only given to the absolute ones), and a date with a time by its `datetime` (the reader's
 * time zone words it in the browser; a page rendered natively shows the day).
 */
function normalized() {
  const original = document.querySelector('article');
  const article = original.cloneNode(true);
  const linked = (root) => [...root.querySelectorAll('a[href]:not([href^="#"]), img[src]')];
  const resolved = linked(original).map((el) => el.href ?? el.src);
  linked(article).forEach((el, i) => {
    el.setAttribute(el.localName === 'a' ? 'href' : 'src', resolved[i]);
    if (new URL(resolved[i]).origin === location.origin) el.removeAttribute('rel');
  });
  article.querySelectorAll('time[datetime*="T"]').forEach((time) => (time.textContent = time.getAttribute('datetime')));
  article.querySelectorAll('.open-file').forEach((el) => el.remove());
  article.querySelectorAll('.section-group').forEach((group) => group.replaceWith(...group.childNodes));
  const walk = (node) => {
    if (node.nodeType === Node.COMMENT_NODE) return '';
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    const attrs = [...node.attributes]
      // Leptos's server rendering writes an absent class as class="".
      .filter((a) => a.name !== 'data-collapsed' && !(a.name === 'class' && a.value === ''))
      .map((a) => `${a.name}="${a.value}"`)
      .sort()
      .join(' ');
    return `<${node.localName} ${attrs}>${[...node.childNodes].map(walk).join('')}</${node.localName}>`;
  };
  return walk(article).replace(/\s+/g, ' ');
}

describe(`the hostile corpus pre-rendered (${RENDERED_CASES.length} cases)`, { timeout: 240000 }, () => {
  for (const scripts of [false, true]) {
    test(`nothing runs ${scripts ? 'with' : 'without'} JavaScript, text stays text, only safe addresses`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: scripts });
      await context.addInitScript(() => {
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const page = await context.newPage();
      for (const c of RENDERED_CASES) {
        await page.goto(`${server.url}articles/hostile/${c.name}.html`);
        if (scripts) await takenOver(page);
        const state = await page.evaluate(() => {
          const viewer = document.getElementById('viewer');
          const all = [...viewer.querySelectorAll('*')];
          return {
            pwned: window.__pwned,
            violations: window.__violations ?? [],
            scripts: viewer.querySelectorAll('script').length,
            headScripts: [...document.head.querySelectorAll('script:not([src])')].filter((s) => s.type !== 'module' && s.type !== 'application/ld+json').length,
            handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
            hrefs: [...viewer.querySelectorAll('a[href]')].map((a) => a.href),
            srcs: [...viewer.querySelectorAll('[src]')].map((el) => el.src),
            text: viewer.textContent,
          };
        });
        const where = `${c.name} (${scripts ? 'with' : 'without'} JavaScript)`;
        if (scripts) assert.equal(state.pwned, undefined, `${where}: a payload ran`);
        assert.deepEqual(state.violations, [], `${where}: the CSP had to block something`);
        assert.equal(state.scripts, 0, where);
        assert.equal(state.headScripts, 0, where);
        assert.deepEqual(state.handlers, [], where);
        for (const href of state.hrefs) assert.match(href, /^(https?:|mailto:)/, `${where}: ${href}`);
        for (const src of state.srcs) assert.match(src, /^https?:/, `${where}: ${src}`);
        for (const text of c.expect.text ?? []) assert.ok(state.text.includes(text), `${where} shows ${JSON.stringify(text)} as text`);
      }
      await context.close();
    });
  }
});
