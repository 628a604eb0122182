// End to end: the release build in dist/, served under a sub-path by a real HTTP server on
// loopback, read by headless Chromium with real mouse and keyboard input.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveStatic } from './server.mjs';
import { until } from './helpers.mjs';
import { launchChromium, openPage } from './browser.mjs';

const BASE = '/some/deep/path/';
let server;
let browser;

before(async () => {
  server = await serveStatic({ root: 'dist', base: BASE, extra: { 'fixtures/': 'tests/fixtures/valid/' } });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Loads the viewer (with an optional query) and waits until the article or an alert shows. */
async function view(query = '', options) {
  const opened = await openPage(browser, options);
  await opened.page.goto(server.url + query);
  await opened.page.locator('article, [role=alert]').first().waitFor({ timeout: 15000 });
  return opened;
}

function inViewport(page, selector) {
  return page.$eval(selector, (el) => {
    const box = el.getBoundingClientRect();
    return box.top >= -1 && box.top < window.innerHeight;
  });
}

describe('the built viewer under a sub-path', () => {
  test('dist/index.html refers to its assets relatively', async () => {
    const html = await readFile('dist/index.html', 'utf8');
    // The release build's HTML is minified: attribute values may be unquoted.
    const urls = [...html.matchAll(/\b(?:href|src)=(?:"([^"]+)"|([^\s">]+))|\bfrom '([^']+)'|module_or_path: '([^']+)'/g)]
      .map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
    assert.ok(urls.length >= 6, `found asset references: ${urls}`);
    for (const url of urls) assert.ok(url.startsWith('./'), `asset URL is not written as ./…: ${url}`);
  });

  test('the .wasm and its JavaScript are requested before boot.js blocks the parser', async () => {
    const html = await readFile('dist/index.html', 'utf8');
    const boot = html.search(/<script\b[^>]*\bsrc="?\.\/boot\.js/);
    const wasm = html.search(/<link\b[^>]*\brel="?preload"?[^>]*_bg\.wasm|<link\b[^>]*_bg\.wasm[^>]*\brel="?preload/);
    const glue = html.search(/<link\b[^>]*\brel="?modulepreload/);
    assert.ok(boot > 0 && wasm > 0 && glue > 0, 'boot.js and both preloads are in the page');
    assert.ok(wasm < boot && glue < boot, 'the preloads come first');
  });

  test('the sample article renders fully, with a clean console', async () => {
    const { page, problems, context } = await view();
    assert.equal(await page.title(), await page.textContent('h1'));
    assert.match(await page.textContent('h1'), /Azerbaijan/);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.textContent('.kicker'), 'Promoted');
    // The sponsor is named next to the title, not only at the end.
    const sponsorLine = await page.$eval('h1', (h1) => h1.nextElementSibling.textContent);
    assert.match(sponsorLine, /Paid for by/);
    assert.ok(await page.textContent('.standfirst'));
    assert.equal(await page.locator('.section-lead').count(), 1);
    assert.equal(await page.locator('.section-lead h2').count(), 0);
    assert.equal(await page.locator('section h2 > button[aria-expanded][aria-controls]').count(), 6);
    assert.equal(await page.locator('.pull-quote figure > blockquote').count(), 1);
    assert.match(await page.textContent('.pull-quote figure > figcaption'), /Amirbayov/);
    assert.equal(await page.locator('#peace-process ol > li').count(), 3);
    assert.equal(await page.locator('aside[aria-label="Key figures"] .figure').count(), 7);
    assert.equal(await page.locator('aside .figure a.figure-link').count(), 7);
    assert.match(await page.textContent('.article-end .disclosure'), /Embassy of the Republic of Azerbaijan/);
    assert.match(await page.textContent('.article-end .copyright'), /© 2025 The Brussels Times/);
    assert.equal(await page.getAttribute('time', 'datetime'), '2025-12-05');
    assert.equal(await page.locator('[role=alert], .problems').count(), 0);
    // boot.js requests the configuration and the article while the wasm compiles; the viewer
    // takes those requests over: each file is downloaded exactly once.
    const downloads = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((entry) => entry.name.endsWith('articles/sample.json') || entry.name.endsWith('viewer-config.json'))
      .map((entry) => `${entry.name.split('/').pop()} by ${entry.initiatorType}`));
    assert.deepEqual(downloads.sort(), ['sample.json by fetch', 'viewer-config.json by fetch']);
    // … and both requests started before the viewer's WebAssembly was running.
    const early = await page.evaluate(() => {
      const start = performance.getEntriesByName('viewer:start')[0].startTime;
      return performance.getEntriesByType('resource')
        .filter((entry) => /(sample|viewer-config)\.json$/.test(entry.name))
        .every((entry) => entry.startTime < start);
    });
    assert.equal(early, true);
    // The viewer's User Timing marks (read by scripts/bench) are there, in pipeline order.
    await until(page, () => performance.getEntriesByName('viewer:complete').length > 0);
    const marks = await page.evaluate(() => performance.getEntriesByType('mark')
      .filter((m) => m.name.startsWith('viewer:')).map((m) => m.name));
    assert.deepEqual(marks, ['viewer:start', 'viewer:fetch', 'viewer:downloaded', 'viewer:parsed',
      'viewer:prepared', 'viewer:rendered', 'viewer:complete']);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a figure link opens its collapsed section and brings it into view', async () => {
    const { page, problems, context } = await view();
    const toggle = '#middle-corridor--toggle';
    assert.equal(await page.getAttribute(toggle, 'aria-expanded'), 'false');
    assert.equal(await page.isVisible('#middle-corridor--panel'), false);
    const historyBefore = await page.evaluate(() => history.length);
    await page.click('aside #figure--5 a.figure-link');
    await page.waitForFunction(() => document.querySelector('#middle-corridor--toggle').getAttribute('aria-expanded') === 'true');
    assert.equal(await page.isVisible('#middle-corridor--panel'), true);
    await page.waitForFunction(() => {
      const top = document.getElementById('figure--5--text').getBoundingClientRect().top;
      return top >= -1 && top < innerHeight;
    });
    assert.ok(await inViewport(page, '#figure--5--text'));
    assert.equal(new URL(page.url()).hash, '#figure--5--text');
    assert.equal(await page.evaluate(() => history.length), historyBefore, 'no history entry added');
    // Keyboard and screen-reader users land on the passage too.
    assert.equal(await page.evaluate(() => document.activeElement.id), 'figure--5--text');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('toggles answer Enter and Space from the keyboard', async () => {
    const { page, problems, context } = await view();
    // Tab from the start of the page until the first section toggle has focus.
    let focused = '';
    for (let i = 0; i < 60 && focused !== 'belgium--toggle'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    assert.equal(focused, 'belgium--toggle', 'Tab reaches the first toggle');
    const expanded = () => page.getAttribute('#belgium--toggle', 'aria-expanded');
    assert.equal(await expanded(), 'true');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('belgium--toggle').getAttribute('aria-expanded') === 'false');
    assert.equal(await page.isVisible('#belgium--panel'), false);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.getElementById('belgium--toggle').getAttribute('aria-expanded') === 'true');
    assert.equal(await page.isVisible('#belgium--panel'), true);
    // Tab moves on: the section's copy-link button, the panel's links, then the next toggle.
    await page.keyboard.press('Tab');
    assert.match(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), /^Copy link to section/);
    const stops = [];
    for (let i = 0; i < 10 && stops.at(-1) !== 'peace-process--toggle'; i++) {
      await page.keyboard.press('Tab');
      stops.push(await page.evaluate(() => document.activeElement.id || document.activeElement.getAttribute('aria-label')));
    }
    assert.deepEqual(stops, ['Key figure 1', 'Key figure 2', 'Key figure 3', 'peace-process--toggle']);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('?article= loads a relative address, and an absolute one', async () => {
    for (const query of ['?article=fixtures/right-to-left.json', `?article=${encodeURIComponent(server.url + 'fixtures/collapsed.json')}`]) {
      const { page, problems, context } = await view(query);
      assert.equal(await page.locator('article').count(), 1, query);
      assert.deepEqual(problems, [], query);
      if (query.includes('right-to-left')) {
        assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
        assert.equal(await page.getAttribute('html', 'lang'), 'ar');
      } else {
        assert.equal(await page.textContent('h1'), 'Three collapsed sections');
      }
      await context.close();
    }
  });

  test('a missing article shows an alert with the status and address', async () => {
    const { page, problems, context } = await view('?article=fixtures/no-such-article.json');
    const alert = await page.textContent('[role=alert]');
    assert.match(alert, /could not be found/);
    assert.match(alert, /HTTP 404/);
    assert.match(alert, /no-such-article\.json/);
    assert.equal(await page.title(), 'Article unavailable');
    assert.ok(problems.some((p) => p.includes('404')), 'the 404 itself is the only problem');
    assert.ok(problems.every((p) => p.includes('404')), problems.join('\n'));
    await context.close();
  });

  test('narrow screens put the key figures after the lead and before the sections', async () => {
    const { page, context } = await view('', { viewport: { width: 375, height: 800 } });
    const order = await page.evaluate(() => {
      const top = (s) => document.querySelector(s).getBoundingClientRect().top;
      return [top('.article-lead'), top('.key-figures'), top('.article-sections')];
    });
    assert.ok(order[0] < order[1] && order[1] < order[2], `lead, figures, sections: ${order}`);
    const wide = await view('');
    const [leadLeft, figuresLeft] = await wide.page.evaluate(() => [
      document.querySelector('.article-lead').getBoundingClientRect().left,
      document.querySelector('.key-figures').getBoundingClientRect().left,
    ]);
    assert.ok(figuresLeft > leadLeft + 300, 'on wide screens the figures sit beside the text');
    await wide.context.close();
    await context.close();
  });
});
