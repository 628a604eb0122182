// The release build in headless Firefox ESR, driven through geckodriver's W3C WebDriver API
// (plain HTTP; playwright cannot drive Debian's Firefox): the sample renders under its CSP,
// real Tab, Enter and Space keys reach and toggle the sections, and a long article shows while
// it downloads; at its narrowest window a page with a table and code does not scroll sideways,
// and a French article gets a French interface through Firefox's own Intl.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { serveStatic } from './server.mjs';
import { SECTIONS as LONG_SECTIONS, heldRoute, longArticle } from './long-article.mjs';
import { readdir, readFile } from 'node:fs/promises';
import { preparePages } from './prerendered.mjs';

// Pages pre-rendered by `article pages`, served under pre/; their module is held back until a
// test releases it, so that it can watch the page before the take-over starts.
const PRE = 'target/e2e-prerendered-firefox';
await preparePages(PRE);
const WASM = (await readdir(PRE)).find((name) => /^written_viewer-.*_bg\.wasm$/.test(name));
let releaseModule;
const moduleHeld = new Promise((resolve) => (releaseModule = resolve));
const heldModule = async (req, res) => {
  await moduleHeld;
  res.writeHead(200, { 'content-type': 'application/wasm' }).end(await readFile(`${PRE}/${WASM}`));
};

const GECKODRIVER = process.env.GECKODRIVER ?? 'geckodriver';
const FIREFOX = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
const KEYS = { Tab: '\uE004', Enter: '\uE007', Space: ' ' };

const freePort = () => new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});

// A long article held after its 59th part until `releaseLong()`.
let releaseLong;
const heldLong = heldRoute(longArticle(), (rest) => (releaseLong = rest));

let server;
let driver;
let endpoint;
let session;

async function call(method, path, body) {
  const response = await fetch(`${endpoint}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}
const run = (script, ...args) => call('POST', `/session/${session}/execute/sync`, { script, args });
const press = (key) => call('POST', `/session/${session}/actions`, {
  actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: KEYS[key] }, { type: 'keyUp', value: KEYS[key] }] }],
});

/** Polls `script` in the page until it returns a truthy value, for at most `ms`. */
async function until(script, ms = 10000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await run(script);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${script}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

before(async () => {
  const french = JSON.stringify({
    version: 1,
    lang: 'fr',
    title: 'Le port',
    authors: ['Anne', 'Bruno', 'Chloé'],
    published: '2021-11-01T10:52:50+0100',
    sections: [{ blocks: [{ type: 'paragraph', text: 'Introduction.' }] }, { heading: 'Trafic', blocks: [{ type: 'paragraph', text: 'Texte.' }] }],
  });
  server = await serveStatic({
    root: 'dist',
    base: '/some/deep/path/',
    extra: { 'fixtures/': 'tests/fixtures/valid/', 'pre/': `${PRE}/` },
    routes: {
      [`pre/${WASM}`]: heldModule,
      'long.json': heldLong,
      'french.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(french),
      'library.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        version: 1,
        articles: [
          { address: 'fixtures/tables-code-lists.json', title: 'Tables, code and nested lists', label: 'Report', reading_minutes: 1 },
          { address: 'french.json', title: 'Le port', lang: 'fr', sponsor: 'Le Sponsor', reading_minutes: 1 },
        ],
      })),
    },
  });
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  driver = spawn(GECKODRIVER, ['--port', String(port), '--host', '127.0.0.1'], { stdio: 'ignore' });
  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      const status = await (await fetch(`${endpoint}/status`)).json();
      if (status.value.ready) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('geckodriver did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const created = await call('POST', '/session', {
    capabilities: { alwaysMatch: { browserName: 'firefox', 'moz:firefoxOptions': { binary: FIREFOX, args: ['-headless'] } } },
  });
  session = created.sessionId;
});

after(async () => {
  if (session) await call('DELETE', `/session/${session}`).catch(() => {});
  driver?.kill();
  await server?.close();
});

describe('the release build in headless Firefox', () => {
  test('the sample renders fully under the CSP', async () => {
    await call('POST', `/session/${session}/url`, { url: server.url });
    await until('return document.querySelector("article h1")');
    const page = await run(`return {
      title: document.title,
      sections: document.querySelectorAll('section h2 > button[aria-expanded]').length,
      figures: document.querySelectorAll('aside .figure').length,
      marks: document.querySelectorAll('mark.figure-anchor').length,
      hidden: document.getElementById('middle-corridor--panel').getAttribute('hidden'),
      alert: document.querySelector('[role=alert]'),
      beforematch: 'onbeforematch' in document.body,
    }`);
    console.log(`# Firefox supports beforematch: ${page.beforematch}`);
    assert.match(page.title, /Azerbaijan/);
    assert.equal(page.sections, 6);
    assert.equal(page.figures, 7);
    assert.equal(page.marks, 7);
    assert.equal(page.hidden, 'until-found');
    assert.equal(page.alert, null);
  });

  test('a long article shows its arrived sections while the rest downloads, then all of it', async () => {
    await call('POST', `/session/${session}/url`, { url: `${server.url}?article=long.json` });
    await until('return document.getElementById("part-59")');
    const held = await run(`return {
      later: document.getElementById('part-60'),
      note: document.querySelector('.article-more')?.textContent,
      busy: document.querySelector('.article-sections').getAttribute('aria-busy'),
      entries: document.querySelectorAll('a.contents-link').length,
    }`);
    assert.deepEqual(held, { later: null, note: 'Loading the rest of the article…', busy: 'true', entries: 59 });
    releaseLong();
    await until(`return document.querySelectorAll('.section').length === ${LONG_SECTIONS + 1}
      && !document.querySelector('.article-more')`);
    const done = await run(`return {
      ids: [...document.querySelectorAll('.section')].map((s) => s.id).join(),
      entries: document.querySelectorAll('a.contents-link').length,
      busy: document.querySelector('.article-sections').getAttribute('aria-busy'),
      alert: document.querySelector('[role=alert]'),
    }`);
    const ids = ['lead'].concat(Array.from({ length: LONG_SECTIONS }, (_, i) => `part-${i + 1}`)).join();
    assert.deepEqual(done, { ids, entries: LONG_SECTIONS, busy: null, alert: null });
  });

  test('Tab reaches the first toggle; Enter and Space toggle it', async () => {
    await call('POST', `/session/${session}/url`, { url: `${server.url}?fresh=1` });
    await until('return document.querySelector("article h1")');
    let focused = '';
    for (let i = 0; i < 60 && focused !== 'belgium--toggle'; i++) {
      await press('Tab');
      focused = await run('return document.activeElement && document.activeElement.id');
    }
    assert.equal(focused, 'belgium--toggle');
    const state = () => run(`return [document.getElementById('belgium--toggle').getAttribute('aria-expanded'),
      document.getElementById('belgium--panel').hasAttribute('hidden')]`);
    assert.deepEqual(await state(), ['true', false]);
    await press('Enter');
    await until(`return document.getElementById('belgium--toggle').getAttribute('aria-expanded') === 'false'`);
    assert.deepEqual(await state(), ['false', true]);
    await press('Space');
    await until(`return document.getElementById('belgium--toggle').getAttribute('aria-expanded') === 'true'`);
    assert.deepEqual(await state(), ['true', false]);
  });

  // Headless Firefox keeps its window at least 488 px wide: the 320 and 390 px checks are
  // Chromium's (real-articles.test.mjs).
  test('at its narrowest window the page does not scroll sideways; tables and code render', async () => {
    await call('POST', `/session/${session}/window/rect`, { width: 390, height: 800 });
    await call('POST', `/session/${session}/url`, { url: `${server.url}?article=fixtures/tables-code-lists.json` });
    await until('return document.querySelector(".table-scroll")');
    const page = await run(`return {
      width: document.documentElement.clientWidth,
      page: document.documentElement.scrollWidth,
      code: document.querySelector('pre.code').textContent,
      scopes: [...document.querySelectorAll('.block-table th')].map((th) => th.scope).join(),
    }`);
    assert.ok(page.width <= 500, `the window is ${page.width} px wide`);
    assert.ok(page.page <= page.width, `the page scrolls sideways: ${page.page} > ${page.width}`);
    assert.match(page.code, /^fn main\(\) \{\n {4}let ships/);
    assert.equal(page.scopes, 'col,col,col,col,row,row,row');
    await call('POST', `/session/${session}/window/rect`, { width: 1280, height: 900 });
  });

  test('a French article gets a French interface from Firefox\'s Intl', async () => {
    await call('POST', `/session/${session}/url`, { url: `${server.url}?article=french.json` });
    await until('return document.querySelector("article h1")');
    const ui = await run(`return {
      byline: document.querySelector('.byline').textContent,
      meta: document.querySelector('.meta').textContent,
      hint: document.querySelector('.section-toggle-hint').textContent.trim(),
    }`);
    assert.equal(ui.byline, 'Par Anne, Bruno et Chloé');
    assert.match(ui.meta, /Publié le\s1\snovembre\s2021/);
    assert.match(ui.meta, /1\smin de lecture/);
    assert.equal(ui.hint, 'Masquer');
  });

  test('the library lists its articles, filters as the reader types, and opens one', async () => {
    await call('POST', `/session/${session}/url`, { url: `${server.url}?index=library.json` });
    await until('return document.querySelector(".library")');
    const shown = () => run(`return [...document.querySelectorAll('.library-entry:not([hidden]) .library-entry-title')].map((e) => e.textContent)`);
    assert.deepEqual(await shown(), ['Tables, code and nested lists', 'Le port']);
    // Real keystrokes into the search box (WebDriver's element send-keys).
    const found = await call('POST', `/session/${session}/element`, { using: 'css selector', value: '#library-search' });
    await call('POST', `/session/${session}/element/${Object.values(found)[0]}/value`, { text: 'port' });
    await until(`return document.querySelectorAll('.library-entry:not([hidden])').length === 1`);
    assert.deepEqual(await shown(), ['Le port']);
    assert.equal(await run(`return document.querySelector('.paid-line').textContent`), 'Sponsored Paid for by Le Sponsor');
    await run(`document.querySelector('.library-entry:not([hidden]) a').click()`);
    await until('return document.querySelector("article h1")');
    assert.equal(await run(`return document.querySelector('.back-link a').getAttribute('href')`), 'library.html?index=library.json');
  });
});

describe('a pre-rendered page in headless Firefox', () => {
  /** Opens a pre-rendered page, watches it, then lets its module start and waits for the take-over. */
  async function takeOver(name) {
    // Navigating from a script returns at once: the module is held back, and the page must be
    // watched before it is released.
    // The page being left is marked, so that the new one is told from it.
    await run(`window.__left = true; location.href = arguments[0]`, `${server.url}pre/articles/${name}`);
    const file = name.split(/[?#]/)[0];
    await until(`return !window.__left && document.readyState === 'complete' && location.pathname.endsWith(${JSON.stringify(file)}) && document.querySelector('article')`);
    await run(`
      window.__removed = [];
      new MutationObserver((records) => {
        for (const record of records) for (const node of record.removedNodes) {
          if (node.nodeType !== 1) continue;
          for (const el of [node, ...node.querySelectorAll('*')]) {
            if (el.matches('section, .section, h1, h2, h3, h4, p, li, figure, blockquote, table')) window.__removed.push(el.tagName);
          }
        }
      }).observe(document, { childList: true, subtree: true });
      // Where what the reader sees is (what is below the window may move: sections published
      // closed close there; Firefox has no layout-shift entries to count).
      window.__seen = [...document.querySelectorAll('h1, h2, p')].filter((el) => {
        const box = el.getBoundingClientRect();
        return box.bottom > 0 && box.top < innerHeight;
      });
      window.__places = () => window.__seen.map((el) => Math.round(el.getBoundingClientRect().top));
      window.__before = window.__places();
    `);
    // Held the first time only: later visits have the module in the cache.
    releaseModule();
    await until(`return !document.querySelector('.is-prerendered, span.section-toggle')`);
  }

  test('the take-over removes nothing and moves nothing; then toggles, show all and contents work', async () => {
    await takeOver('sample.html');
    const moved = await run(`
      const now = window.__places();
      const elements = window.__seen;
      return { removed: window.__removed, moved: now.flatMap((top, i) => top === window.__before[i] ? [] : [elements[i].tagName + '.' + elements[i].className + ' ' + window.__before[i] + ' -> ' + top]) };
    `);
    assert.deepEqual(moved, { removed: [], moved: [] });
    assert.ok(await run(`return window.__seen.length`) >= 3, 'something was seen');
    const expanded = (id) => run(`return document.getElementById(arguments[0] + '--toggle').getAttribute('aria-expanded')`, id);
    await run(`document.getElementById('belgium--toggle').click()`);
    assert.equal(await expanded('belgium'), 'false');
    await run(`document.querySelector('button.show-all').click()`);
    assert.equal(await expanded('belgium'), 'true');
    assert.equal(await expanded('outlook'), 'true');
    await run(`document.querySelector('button.show-all').click()`);
    assert.equal(await expanded('nato'), 'false');
    await run(`document.querySelector('nav.contents a[href="#nato"]').click()`);
    await until(`return document.getElementById('nato--toggle').getAttribute('aria-expanded') === 'true' && location.hash === '#nato'`);
  });

  test('a #fragment opens its section, and remembered sections apply', async () => {
    await takeOver('collapsed.html');
    const collapsed = await run(`return [...document.querySelectorAll('section[data-collapsed]')].map((s) => s.id)`);
    assert.ok(collapsed.length > 0);
    const target = collapsed[collapsed.length - 1];
    await takeOver(`collapsed.html?from-a-link#${target}`);
    await until(`return document.activeElement && document.activeElement.id === ${JSON.stringify(`${target}--toggle`)}`);
    assert.equal(await run(`return document.getElementById(arguments[0] + '--toggle').getAttribute('aria-expanded')`, target), 'true');
    // Remembered for the session: open on the next visit without the fragment.
    await takeOver('collapsed.html');
    assert.equal(await run(`return document.getElementById(arguments[0] + '--toggle').getAttribute('aria-expanded')`, target), 'true');
  });
});
