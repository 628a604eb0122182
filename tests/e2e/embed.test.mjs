// Articles embedded in another site's page (issue 35): the release build and pages written by
// the real `article pages` on one origin, a host page on another (a second port) that embeds
// two articles, one from its link and embed.js, one from the oEmbed answer's own snippet, as a
// CMS would paste it. Chromium, real HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from './browser.mjs';
import { serveStatic } from './server.mjs';
import { axe } from './helpers.mjs';

const WORK = 'target/e2e-embed';
const SITE = join(WORK, 'site');
const HOST = join(WORK, 'host');
const MESSAGE = 'article-viewer:height';

let site;
let host;
let browser;
let oembed;
/** What the first `article pages` said. */
let firstRun;

before(async () => {
  await rm(WORK, { recursive: true, force: true });
  await cp('dist', SITE, { recursive: true });
  await mkdir(HOST, { recursive: true });
  // The sample is paid for (its label must show inside the frame); every-block has a link to
  // a page of the site and a picture beside it.
  await cp('public/articles/sample.json', join(SITE, 'articles/sample.json'));
  for (const name of ['every-block.json', 'pixel.svg']) {
    await cp(join('tests/fixtures/valid', name), join(SITE, 'articles', name));
  }
  site = await serveStatic({ root: SITE, base: '/news/' });
  const run = spawnSync(
    'cargo',
    ['run', '--quiet', '--locked', '--bin', 'article', '--', 'pages', join(SITE, 'articles'), '--viewer', SITE, '--base-url', `${site.url}articles`],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`article pages: ${run.stderr}`);
  firstRun = run.stdout;
  oembed = JSON.parse(await readFile(join(SITE, 'articles/sample.oembed.json'), 'utf8'));
  host = await serveStatic({ root: HOST, base: '/' });
  // A frame of the host's own origin that forges the height message, then says it has.
  await writeFile(join(HOST, 'forger.html'), `<!doctype html><title>Forger</title><script>
    addEventListener('message', (event) => {
      if (event.data !== 'forge') return;
      parent.postMessage({ type: '${MESSAGE}', height: 3 }, '*');
      parent.postMessage({ type: 'forged' }, '*');
    });
  </script>`);
  await writeFile(join(HOST, 'host.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A live blog</title></head>
<body style="margin: 0 auto; max-width: 50rem; font: 1rem/1.5 sans-serif">
<h1>A live blog</h1>
<p><a id="before" href="#top">Before</a></p>
<a href="${site.url}articles/embed/every-block.html" data-article-embed data-theme="dark">Every block type in one article</a>
<p><a id="between" href="#top">Between</a></p>
${oembed.html}
<p><a id="after" href="#top">After</a></p>
<iframe id="forger" title="Another frame" src="forger.html" style="height: 20px"></iframe>
<script>addEventListener('message', (e) => { if (e.data?.type === 'forged') window.forged = true; });</script>
<script src="${site.url}embed.js"></script>
</body></html>`);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await host?.close();
});

/** The host page, with both frames loaded, taken over by the module, and told their height. */
async function openHost(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, ...options });
  const page = await context.newPage();
  await page.goto(`${host.url}host.html`);
  return { context, page };
}

/** The page's `count` embed frames as Playwright frames, in page order, each taken over. */
async function embedFrames(page, count = 2) {
  await page.waitForFunction((count) => document.querySelectorAll('iframe[data-article-embed]').length === count, count);
  const handles = await page.$$('iframe[data-article-embed]');
  const frames = [];
  for (const handle of handles) {
    await handle.scrollIntoViewIfNeeded();
    let frame = await handle.contentFrame();
    while (!frame) {
      await page.waitForTimeout(20);
      frame = await handle.contentFrame();
    }
    await frame.waitForFunction(() => document.querySelector('.viewer:not(.is-prerendered) article'), null, { timeout: 20000 });
    frames.push({ handle, frame });
  }
  return frames;
}

/** Waits until the frame's height on the host is its article's height, within 2 px (fails
 * after 15 s); both heights, and the frame. */
async function fitted(page, index, count = 2) {
  const frame = (await embedFrames(page, count))[index].frame;
  const measure = async () => ({
    inside: await frame.evaluate(() => document.documentElement.getBoundingClientRect().height),
    outside: await page.evaluate((i) => document.querySelectorAll('iframe[data-article-embed]')[i].getBoundingClientRect().height, index),
  });
  const end = Date.now() + 15000;
  let heights = await measure();
  while (Math.abs(heights.inside - heights.outside) > 2) {
    if (Date.now() > end) assert.fail(`frame ${index}: ${heights.outside} px on the host, ${heights.inside} px inside`);
    await page.waitForTimeout(30);
    heights = await measure();
  }
  return { ...heights, frame };
}

describe('an article in another site\'s page', () => {
  test('each frame is as tall as its article after load, a toggle and a text size', async () => {
    const { context, page } = await openHost();
    for (const index of [0, 1]) {
      const { inside, frame } = await fitted(page, index);
      assert.ok(inside > 300, `frame ${index} holds an article (${inside} px)`);
      // A section closed: the frame shrinks with it.
      const toggle = frame.locator('.section-toggle[aria-expanded="true"]').first();
      await toggle.click();
      await frame.waitForFunction(() => document.querySelector('.section-toggle[aria-expanded="false"]'));
      const closed = await fitted(page, index);
      assert.ok(closed.inside < inside - 20, `closing a section shrank frame ${index}: ${inside} → ${closed.inside}`);
      // A larger text: the frame grows with it.
      await frame.evaluate(() => document.documentElement.setAttribute('data-text-size', 'large'));
      const larger = await fitted(page, index);
      assert.ok(larger.inside > closed.inside + 20, `a larger text grew frame ${index}: ${closed.inside} → ${larger.inside}`);
    }
    // The host's theme went to the first frame; the label of the paid-for one shows in it.
    const [first, second] = await embedFrames(page);
    assert.equal(await first.frame.evaluate(() => document.documentElement.dataset.theme), 'dark');
    const paid = await second.frame.locator('article').innerText();
    assert.match(paid, /Promoted/i);
    assert.match(paid, /Paid for by the Embassy of the Republic of Azerbaijan/);
    // Nothing of a page of its own: no display controls, contents list or reading progress.
    for (const { frame } of [first, second]) {
      assert.equal(await frame.locator('.display-controls').isVisible(), false);
      assert.equal(await frame.locator('.contents-list').count(), 0);
      assert.equal(await frame.locator('.reading-progress').isVisible(), false);
    }
    await context.close();
  });

  test('a height message from another frame is ignored', async () => {
    const { context, page } = await openHost();
    await fitted(page, 0);
    await fitted(page, 1);
    // Asked now, while embed.js listens; its messages are handled in order, so when the
    // second has arrived the forged height has been seen.
    await page.evaluate(() => document.getElementById('forger').contentWindow.postMessage('forge', '*'));
    await page.waitForFunction(() => window.forged === true);
    const heights = await page.$$eval('iframe[data-article-embed]', (frames) => frames.map((f) => f.getBoundingClientRect().height));
    assert.ok(heights.every((h) => h > 300), `${heights}`);
    for (const index of [0, 1]) await fitted(page, index);
    await context.close();
  });

  test('a link the page adds later becomes a frame as tall as its article', async () => {
    const { context, page } = await openHost();
    await fitted(page, 0);
    // A live blog's new post, with a link to an article.
    await page.evaluate((href) => {
      const post = document.createElement('p');
      const link = Object.assign(document.createElement('a'), { href, textContent: 'Every block type, again' });
      link.setAttribute('data-article-embed', '');
      post.append(link);
      document.body.append(post);
    }, `${site.url}articles/embed/every-block.html`);
    const { inside } = await fitted(page, 2, 3);
    assert.ok(inside > 300, `${inside}`);
    assert.equal(await page.locator('a[data-article-embed]').count(), 0);
    await context.close();
  });

  test('keyboard focus goes into a frame and back out', async () => {
    const { context, page } = await openHost();
    const [first] = await embedFrames(page);
    await page.focus('#before');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'IFRAME');
    assert.equal(await first.frame.evaluate(() => document.activeElement !== document.body), true);
    // From the other side: into the frame's last control, then out again.
    await page.focus('#between');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement === document.querySelector('iframe[data-article-embed]')), true);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'between');
    await context.close();
  });

  test('a link inside opens in the whole window', async () => {
    const { context, page } = await openHost();
    const [first] = await embedFrames(page);
    const link = first.frame.locator('a[href$="other.html#part"]');
    assert.equal(await link.getAttribute('target'), '_top');
    await link.click();
    await page.waitForURL(`${site.url}articles/other.html#part`);
    await context.close();
  });

  test('without JavaScript the host page keeps its links', async () => {
    const { context, page } = await openHost({ javaScriptEnabled: false });
    const link = page.locator('a[data-article-embed]');
    assert.equal(await link.count(), 1);
    assert.equal(await link.getAttribute('href'), `${site.url}articles/embed/every-block.html`);
    await context.close();
  });

  test('the embed page passes axe', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 700 } });
    const page = await context.newPage();
    for (const name of ['sample', 'every-block']) {
      await page.goto(`${site.url}articles/embed/${name}.html`);
      await page.waitForFunction(() => document.querySelector('.viewer:not(.is-prerendered) article'));
      const result = await axe(page);
      assert.deepEqual(result.violations, [], name);
      // No page-wide sideways scrolling at 320 px.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), name);
    }
    await context.close();
  });
});

describe('oEmbed', () => {
  test('the answer has the fields the oEmbed spec asks of a rich type', async () => {
    assert.equal(oembed.type, 'rich');
    assert.equal(oembed.version, '1.0');
    assert.equal(oembed.title, 'Promoted: Azerbaijan sets out its diplomatic priorities for 2026 in Brussels');
    assert.equal(oembed.provider_name, 'The Brussels Times');
    for (const key of ['width', 'height']) assert.ok(Number.isInteger(oembed[key]) && oembed[key] > 0, key);
    assert.match(oembed.html, new RegExp(`^<iframe src="${site.url}articles/embed/sample\\.html" title="[^"]+" width="${oembed.width}" height="${oembed.height}"`));
    assert.match(oembed.html, new RegExp(`<script async src="${site.url}embed\\.js"></script>$`));
    // Thumbnails come as three fields or none; nothing else outside the spec's names.
    const thumbnail = ['thumbnail_url', 'thumbnail_width', 'thumbnail_height'].filter((k) => k in oembed);
    assert.ok(thumbnail.length === 0 || thumbnail.length === 3, `${thumbnail}`);
    const known = ['type', 'version', 'title', 'author_name', 'author_url', 'provider_name', 'provider_url', 'cache_age', 'thumbnail_url', 'thumbnail_width', 'thumbnail_height', 'html', 'width', 'height'];
    assert.deepEqual(Object.keys(oembed).filter((k) => !known.includes(k)), []);
    const author = JSON.parse(await readFile(join(SITE, 'articles/every-block.oembed.json'), 'utf8'));
    assert.equal(author.author_name, 'Ada Example, Grace Sample, Alan Fixture');
  });

  test('a written page names its answer for discovery, and the answer is served as JSON', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}articles/sample.html`);
    const href = await page.getAttribute('link[rel="alternate"][type="application/json+oembed"]', 'href');
    assert.equal(href, `${site.url}articles/sample.oembed.json`);
    const answer = await page.evaluate(async (href) => {
      const response = await fetch(href);
      return { type: response.headers.get('content-type'), body: await response.json() };
    }, href);
    assert.match(answer.type, /^application\/json/);
    assert.deepEqual(answer.body, oembed);
    await context.close();
  });

  test('the answers are not read as articles by the next run', () => {
    const run = spawnSync(
      'cargo',
      ['run', '--quiet', '--locked', '--bin', 'article', '--', 'pages', join(SITE, 'articles'), '--viewer', SITE, '--base-url', `${site.url}articles`],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /oembed/);
    const count = (text) => text.match(/^(\d+) pages/m)?.[1];
    assert.ok(count(firstRun), firstRun);
    assert.equal(count(run.stdout), count(firstRun));
  });
});
