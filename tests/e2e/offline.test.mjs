// Offline reading (issue 34): the worker boot.js registers (public/sw.js) keeps what a reader
// opened and what they saved, on a copy of the release build served over real HTTP, with pages
// written by the real `article pages`, in Chromium with the network cut by Playwright
// (`context.setOffline`). Another origin (a second port) serves a picture without CORS.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from './browser.mjs';
import { serveStatic } from './server.mjs';
import { axe } from './helpers.mjs';
import { HASHED, fillWorker } from '../../scripts/worker-build.mjs';

const WORK = 'target/e2e-offline';
const SITE = join(WORK, 'site');
const BASE = '/news/';
/** What the server answers for viewer-config.json: the build's, or the worker turned off. */
const settings = { offline: true };

let server;
let other;
let browser;

before(async () => {
  await rm(WORK, { recursive: true, force: true });
  await cp('dist', SITE, { recursive: true });
  for (const name of ['every-block.json', 'blog-post.json', 'pixel.svg']) {
    await cp(join('tests/fixtures/valid', name), join(SITE, 'articles', name));
  }
  const run = spawnSync(
    'cargo',
    ['run', '--quiet', '--locked', '--bin', 'article', '--', 'pages', join(SITE, 'articles'), '--viewer', SITE],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`article pages: ${run.stderr}`);
  server = await serveStatic({
    root: SITE,
    base: BASE,
    routes: {
      'viewer-config.json': async (req, res) => {
        const config = JSON.parse(await readFile(join(SITE, 'viewer-config.json'), 'utf8'));
        if (!settings.offline) config.offline = false;
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' }).end(JSON.stringify(config));
      },
      'broken.json': (req, res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{}'),
    },
  });
  other = await serveStatic({ root: 'tests/fixtures/valid', base: '/' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await other?.close();
});

/** A fresh browser profile (no worker, no caches) and a page in it. */
async function fresh() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  return { context, page };
}

/** Runs `check(...args)` (in the page, async) every 50 ms until it holds; fails after `timeout`
 * ms. */
async function until(page, check, args = [], timeout = 20000) {
  const source = check.toString();
  const held = await page.evaluate(
    async ({ source, args, timeout }) => {
      const check = (0, eval)(`(${source})`);
      const end = Date.now() + timeout;
      while (Date.now() < end) {
        if (await check(...args)) return true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return false;
    },
    { source, args, timeout },
  );
  assert.ok(held, `never held: ${source} (${JSON.stringify(args)})`);
}

/** Whether some cache whose name ends with `suffix` holds `address`. */
async function cached(address, suffix) {
  for (const name of await caches.keys()) {
    if (name.endsWith(suffix) && (await (await caches.open(name)).match(address))) return true;
  }
  return false;
}

/** Opens `path` and waits until the worker controls the page and has kept the page itself. */
async function visit(page, path) {
  await page.goto(server.url + path);
  await page.locator('article h1, [role=alert]').first().waitFor();
  await until(page, () => navigator.serviceWorker.controller !== null);
  await until(page, cached, [page.url().split('#')[0], ':pages']);
}

describe('pages a reader opened', () => {
  test('the client-only viewer reopens an article offline, whole', async () => {
    const { context, page } = await fresh();
    await visit(page, '?article=articles/every-block.json');
    await until(page, cached, [`${server.url}articles/every-block.json`, 'article-viewer:data']);
    const online = await page.locator('article').innerText();
    await context.setOffline(true);
    await page.reload();
    await page.locator('article h1').waitFor();
    assert.equal(await page.locator('article').innerText(), online);
    assert.equal(await page.locator('[role=alert]').count(), 0);
    await context.close();
  });

  test('a written page reopens offline with its module, and its picture', async () => {
    const { context, page } = await fresh();
    await visit(page, 'articles/every-block.html');
    await until(page, cached, [`${server.url}articles/pixel.svg`, ':pages']);
    await context.setOffline(true);
    await page.reload();
    // Taken over by its module (kept cache-first), not only readable.
    await until(page, () => !document.querySelector('.viewer.is-prerendered'));
    await page.locator('.section-toggle').first().click();
    assert.equal(await page.locator('article img').evaluate((img) => img.complete && img.naturalWidth > 0), true);
    await context.close();
  });

  test('a page neither kept nor saved says so offline, with a link to what is saved', async () => {
    const { context, page } = await fresh();
    await visit(page, '?article=articles/every-block.json');
    await context.setOffline(true);
    await page.goto(`${server.url}articles/blog-post.html`);
    await page.getByRole('heading', { name: 'You are offline' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Your saved articles' }).getAttribute('href'), `${server.url}library.html#saved`);
    // The client-only viewer's shell is kept; an article it never had gets the viewer's alert.
    await page.goto(`${server.url}?article=articles/blog-post.json`);
    await page.locator('[role=alert]').waitFor();
    assert.ok((await page.locator('h1').innerText()).length > 0);
    const link = page.locator('[role=alert] a', { hasText: 'Saved for offline' });
    assert.equal(await link.getAttribute('href'), 'library.html#saved');
    await context.close();
  });

  test('the offline page speaks the reader\'s language', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await visit(page, 'articles/every-block.html');
    await context.setOffline(true);
    await page.goto(`${server.url}articles/blog-post.html`);
    await page.getByRole('heading', { name: 'Vous êtes hors ligne' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await page.getByRole('link', { name: 'Vos articles enregistrés' }).count(), 1);
    await context.close();
  });

  test('error answers and another site\'s unshared pictures are never kept', async () => {
    const { context, page } = await fresh();
    await visit(page, 'articles/every-block.html');
    const outcome = await page.evaluate(async (picture) => {
      const broken = await fetch('../broken.json');
      const image = new Image();
      image.src = picture;
      await image.decode().catch(() => {});
      // Asked twice: a stale-while-revalidate copy would answer the second time.
      await fetch('../broken.json');
      const names = await caches.keys();
      const found = [];
      for (const name of names) {
        for (const request of await (await caches.open(name)).keys()) found.push(request.url);
      }
      return { status: broken.status, found };
    }, `${other.url}pixel.svg`);
    assert.equal(outcome.status, 500);
    assert.ok(outcome.found.length > 3, `the worker kept the page's files: ${outcome.found}`);
    assert.deepEqual(outcome.found.filter((url) => url.includes('broken.json') || url.startsWith(other.origin)), []);
    await context.close();
  });
});

describe('saving for offline', () => {
  test('"Save for offline" keeps the article and its picture; the saved list shows it offline; "Remove" frees it', async () => {
    const { context, page } = await fresh();
    await visit(page, 'articles/every-block.html');
    const save = page.locator('.offline-control button');
    await save.waitFor();
    assert.equal(await save.innerText(), 'Save for offline');
    await save.click();
    const status = page.locator('.offline-status');
    await until(page, () => document.querySelector('.offline-status').textContent.startsWith('Saved for offline: '));
    assert.match(await status.innerText(), /^Saved for offline: \d+ kB$/);
    assert.equal(await save.innerText(), 'Remove offline copy');
    assert.deepEqual((await axe(page)).violations, []);
    const picture = `${server.url}articles/pixel.svg`;
    await until(page, cached, [picture, 'article-viewer:saved']);

    await context.setOffline(true);
    await page.goto(`${server.url}library.html#saved`);
    const list = page.locator('#saved');
    await list.waitFor();
    const entry = list.locator('.saved-entry');
    assert.equal(await entry.count(), 1);
    assert.equal(await entry.locator('a').innerText(), 'Every block type in one article');
    assert.equal(await entry.locator('time').getAttribute('datetime'), '2025-12-05');
    assert.match(await entry.innerText(), /\d+ kB on this device/);
    const a11y = await axe(page);
    assert.deepEqual(a11y.violations, []);
    await entry.locator('a').click();
    await page.locator('article h1').waitFor();
    assert.equal(await page.locator('article img').evaluate((img) => img.complete && img.naturalWidth > 0), true);
    await page.locator('.offline-control button', { hasText: 'Remove offline copy' }).waitFor();

    await page.goto(`${server.url}library.html#saved`);
    await list.locator('.saved-entry button').click();
    await until(page, () => document.querySelectorAll('#saved .saved-entry').length === 0);
    const left = await page.evaluate(async () => (await (await caches.open('article-viewer:saved')).keys()).map((r) => r.url));
    assert.deepEqual(left.filter((url) => !url.endsWith('/.offline/saved.json')), []);
    await context.close();
  });

  test('a full quota says so, and nothing is half-saved', async () => {
    const { context, page } = await fresh();
    await visit(page, 'articles/every-block.html');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin, quotaSize: 1 });
    await page.locator('.offline-control button').click();
    await until(page, () => document.querySelector('.offline-status').textContent.startsWith('Not saved'));
    assert.equal(
      await page.locator('.offline-status').innerText(),
      'Not saved: this browser has no room left for it. Nothing was kept.',
    );
    const saved = await page.evaluate(async () => (await (await caches.open('article-viewer:saved')).keys()).length);
    assert.equal(saved, 0);
    assert.equal(await page.locator('.offline-control button').innerText(), 'Save for offline');
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin });
    await context.close();
  });

  test('a picture another site does not share is left out of a save, and the rest is kept', async () => {
    const { context, page } = await fresh();
    await visit(page, 'articles/every-block.html');
    await page.evaluate((src) => {
      const img = document.createElement('img');
      img.src = src;
      img.alt = '';
      document.querySelector('article .section-body, article').append(img);
    }, `${other.url}pixel.svg`);
    await page.locator('.offline-control button').click();
    await until(page, () => document.querySelector('.offline-status').textContent.startsWith('Saved'));
    const kept = await page.evaluate(async () => (await (await caches.open('article-viewer:saved')).keys()).map((r) => r.url));
    assert.ok(kept.some((url) => url.endsWith('articles/every-block.json')), `${kept}`);
    assert.deepEqual(kept.filter((url) => url.startsWith(other.origin)), []);
    await context.close();
  });
});

describe('releases and the publisher', () => {
  test('a new release replaces the old one whole at the next navigation', async () => {
    const { context, page } = await fresh();
    await visit(page, 'articles/every-block.html');
    const before = await page.evaluate(() => caches.keys());
    const release = await nextRelease();
    // A page of the old release stays open while the new one goes up in its place.
    await rm(SITE, { recursive: true, force: true });
    await cp(release.dir, SITE, { recursive: true });
    await page.goto(`${server.url}articles/every-block.html`);
    await until(page, () => !document.querySelector('.viewer.is-prerendered'));
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    const modules = loaded.filter((name) => /_viewer-[0-9a-f]{8,16}/.test(name));
    assert.ok(modules.length >= 2, `${loaded}`);
    for (const name of modules) assert.ok(release.files.some((file) => name.endsWith(file)), `${name} is not the new release's`);
    // The new worker took over and dropped the old release's caches (saved and data stay).
    const old = before.map((name) => name.match(/:([0-9a-f]{16}):/)?.[1]).find(Boolean);
    assert.ok(old && old !== release.build, `${before}`);
    await until(page, async (old) => (await caches.keys()).every((name) => !name.includes(old)), [old]);
    assert.ok((await page.evaluate(() => caches.keys())).includes('article-viewer:data'));
    await context.close();
    // Back to the first release for the other tests.
    await rm(SITE, { recursive: true, force: true });
    await cp(release.first, SITE, { recursive: true });
  });

  test('"offline": false in viewer-config.json removes the worker and what it kept', async () => {
    const { context, page } = await fresh();
    await visit(page, 'articles/every-block.html');
    settings.offline = false;
    try {
      await page.reload();
      await until(page, async () =>
        (await navigator.serviceWorker.getRegistrations()).length === 0 &&
        (await caches.keys()).every((name) => !name.startsWith('article-viewer:')));
      await page.reload();
      await page.locator('article h1').waitFor();
      assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
      assert.equal(await page.locator('.offline-control').isVisible(), false);
    } finally {
      settings.offline = true;
    }
    await context.close();
  });
});

/**
 * A second release of the site: the same files under new content-hash names (as a rebuild with
 * a change would give), its pages pointing at them, their CSP hashes worked out again, and its
 * worker filled in by the build's own script. Resolves to { dir, first, files, build }.
 */
async function nextRelease() {
  const dir = join(WORK, 'release-2');
  const first = join(WORK, 'release-1');
  await rm(dir, { recursive: true, force: true });
  await rm(first, { recursive: true, force: true });
  await cp(SITE, first, { recursive: true });
  await cp(SITE, dir, { recursive: true });
  const renames = new Map();
  for (const name of await readdir(dir)) {
    if (!HASHED.test(name)) continue;
    const renamed = name.replace(/-([0-9a-f]{8,16})/, (_, hash) => `-${[...hash].reverse().join('')}`);
    renames.set(name, renamed);
    await rename(join(dir, name), join(dir, renamed));
  }
  const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const pages = [...(await readdir(dir)).map((n) => join(dir, n)), ...(await readdir(join(dir, 'articles'))).map((n) => join(dir, 'articles', n))];
  for (const path of pages.filter((p) => p.endsWith('.html'))) {
    let html = await readFile(path, 'utf8');
    const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/(ld\+)?json)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[2]);
    let renamed = html;
    for (const [from, to] of renames) renamed = renamed.replaceAll(from, to);
    for (const script of scripts) {
      let after = script;
      for (const [from, to] of renames) after = after.replaceAll(from, to);
      renamed = renamed.replace(sha(script), sha(after));
    }
    await writeFile(path, renamed);
  }
  const { build, files } = await fillWorker(dir, 'public/sw.js');
  return { dir, first, files, build };
}
