// Compares the DOM two builds produce for the same articles and library: each build's dist/
// served over loopback, every page opened in headless Chromium, its DOM taken once the page
// says it is complete (and again after "show all" and a toggle), asset hashes blanked, and the
// two compared. Prints a table; exits 1 if
// any page differs. Usage: node bench/dom-diff.mjs OLD_DIST NEW_DIST
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile, mkdir, cp } from 'node:fs/promises';
import { extname, join } from 'node:path';

const [oldDist, newDist] = process.argv.slice(2);
if (!oldDist || !newDist) {
  console.error('usage: node bench/dom-diff.mjs OLD_DIST NEW_DIST');
  process.exit(2);
}
const FIXTURES = ['every-block', 'tables-code-lists', 'right-to-left', 'collapsed', 'degraded', 'minimal', 'nulls-mean-absent'];
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml' };

async function serve(dir) {
  // The fixtures go beside the sample, the same files in both builds.
  await mkdir(join(dir, 'articles', 'fixtures'), { recursive: true });
  for (const name of FIXTURES) await cp(`tests/fixtures/valid/${name}.json`, join(dir, 'articles', 'fixtures', `${name}.json`));
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    try {
      const body = await readFile(join(dir, path.endsWith('/') ? `${path}index.html` : path));
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? (path.endsWith('/') ? 'text/html' : 'application/octet-stream') });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

const pages = [
  ['sample', ''],
  ...FIXTURES.map((name) => [name, `?article=articles/fixtures/${name}.json`]),
  ['missing article', '?article=articles/none.json'],
  ['library', 'library.html?index=articles/index.json'],
];

async function dom(browser, base, suffix) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(base + suffix);
  await page.waitForFunction(() => performance.getEntriesByName('viewer:complete').length > 0
    || document.querySelector('[role=alert]') || document.querySelector('.library-entry:not(.is-pending)'), undefined, { timeout: 30000 });
  await page.waitForTimeout(300);
  let html = await page.evaluate(() => document.documentElement.outerHTML);
  // And after "show all", then a section closed by its toggle: the open state written to the
  // sections' elements.
  if (await page.locator('button.show-all').count()) {
    await page.click('button.show-all');
    const toggle = page.locator('button.section-toggle').first();
    if (await toggle.count()) await toggle.click();
    html += await page.evaluate(() => document.documentElement.outerHTML);
  }
  await context.close();
  return html
    .replace(/-[0-9a-f]{12,16}(_bg)?\.(wasm|js|css|svg)/g, '-HASH$1.$2')
    .replace(/sha(256|384)-[A-Za-z0-9+/=]+/g, 'sha$1-HASH')
    .replace(/127\.0\.0\.1(:|%3A)\d+/g, 'HOST')
    // Where the reader has scrolled to, which clicking moves.
    .replace(/--progress: *[0-9]+/g, '--progress: SCROLLED');
}

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const [a, b] = [await serve(oldDist), await serve(newDist)];
let differ = 0;
console.log('| page | old DOM (chars) | new DOM (chars) | same |');
console.log('| --- | ---: | ---: | :---: |');
for (const [name, suffix] of pages) {
  const [x, y] = [await dom(browser, a.url, suffix), await dom(browser, b.url, suffix)];
  const same = x === y;
  if (!same) {
    differ += 1;
    let i = 0;
    while (x[i] === y[i]) i += 1;
    console.error(`${name}: first difference at ${i}:\n  old …${x.slice(Math.max(0, i - 80), i + 120)}\n  new …${y.slice(Math.max(0, i - 80), i + 120)}`);
  }
  console.log(`| ${name} | ${x.length} | ${y.length} | ${same ? 'yes' : '**no**'} |`);
}
await browser.close();
a.server.close();
b.server.close();
process.exit(differ ? 1 : 0);
