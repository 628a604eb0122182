// Repeat visits with the offline worker warm (issue 34's budget), not a test: a reader opens an
// article, the worker keeps it, and the reader comes back. Title painted on the second visit,
// for the written page and the client-only viewer served by the worker, against the same
// written page without scripts (its static copy, on its second visit too: the HTTP cache
// warm) and the written page with workers blocked, in the same run, alternating. Headless
// Chromium, release build.
//   node bench/offline.mjs [--runs 9]       (through `scripts/bench offline`)
import { spawnSync } from 'node:child_process';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { serveStatic } from '../tests/e2e/server.mjs';
import { launchChromium } from '../tests/e2e/browser.mjs';
import { TITLE_WATCH, median } from './paint.mjs';

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const RUNS = Number(options.runs);
const SITE = 'target/bench/offline-site';

await rm(SITE, { recursive: true, force: true });
await cp('dist', SITE, { recursive: true });
const pages = spawnSync('cargo', ['run', '--quiet', '--profile', 'cli', '--locked', '--bin', 'article', '--', 'pages', `${SITE}/articles`, '--viewer', SITE], { encoding: 'utf8' });
if (pages.status !== 0) throw new Error(`article pages: ${pages.stderr}`);
// The written sample without its scripts: what the page is without the module or the worker.
const written = await readFile(`${SITE}/articles/sample.html`, 'utf8');
await writeFile(`${SITE}/articles/sample-static.html`, written
  .replace(/<script(?![^>]*application\/(ld\+)?json)[\s\S]*?<\/script>/g, '')
  .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, ''));

const server = await serveStatic({ root: SITE, base: '/' });
const browser = await launchChromium();

const VARIANTS = {
  'written, static': 'articles/sample-static.html',
  'written, no worker': 'articles/sample.html?no-worker',
  'written, worker warm': 'articles/sample.html',
  'written, worker stopped': 'articles/sample.html#stopped',
  'client-only, worker warm': '?article=articles/sample.json',
};

/** Title painted on a second visit to `path` in a fresh profile. */
async function repeatVisit(path) {
  const worker = !path.includes('static') && !path.endsWith('?no-worker');
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    serviceWorkers: worker ? 'allow' : 'block',
  });
  const page = await context.newPage();
  await page.goto(server.url + path.replace('#stopped', ''));
  await page.locator('article h1').waitFor();
  if (worker) {
    // The worker in control, and this page kept by it.
    await page.waitForFunction(async () => {
      if (!navigator.serviceWorker.controller) return false;
      for (const name of await caches.keys()) {
        if (name.endsWith(':pages') && (await (await caches.open(name)).match(location.href))) return true;
      }
      return false;
    }, null, { timeout: 30000, polling: 50 });
  }
  if (path.endsWith('#stopped')) {
    // A reader who comes back later: the browser has stopped the idle worker, which starts again.
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  }
  await page.addInitScript(TITLE_WATCH);
  await page.goto(server.url + path.replace('#stopped', ''));
  await page.waitForFunction(() => window.__title !== undefined, null, { timeout: 30000 });
  const title = await page.evaluate(() => window.__title);
  const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
  await context.close();
  return { title, controlled };
}

const samples = Object.fromEntries(Object.keys(VARIANTS).map((name) => [name, []]));
for (const path of Object.values(VARIANTS)) await repeatVisit(path);
for (let run = 0; run < RUNS; run++) {
  const order = run % 2 === 0 ? Object.entries(VARIANTS) : Object.entries(VARIANTS).reverse();
  for (const [name, path] of order) {
    const result = await repeatVisit(path);
    if (name.includes('worker ') && !result.controlled) throw new Error(`${name}: the worker did not serve the second visit`);
    samples[name].push(result.title);
    process.stderr.write('.');
  }
}
process.stderr.write('\n');
await browser.close();
await server.close();

const staticTitle = median(samples['written, static']);
console.log(`Repeat visit, title painted (median of ${RUNS}, alternating; Chromium headless)\n`);
console.log('| page | title painted | / written static | runs (ms) |');
console.log('| --- | --: | --: | --- |');
for (const [name, values] of Object.entries(samples)) {
  const m = median(values);
  console.log(`| ${name} | ${m.toFixed(1)} ms | ${(m / staticTitle).toFixed(2)}× | ${values.map((v) => v.toFixed(0)).join(', ')} |`);
}
const budget = median(samples['written, worker warm']) / staticTitle;
console.log(`\nbudget (issue 34): written page with the worker warm ≤ 1.2× static: ${budget <= 1.2 ? 'met' : 'NOT met'} (${budget.toFixed(2)}×)`);
