// An embed page's first paint (issue 35's budget), not a test: the title painted of
// embed/sample.html, which `article pages` writes, against the same markup with its scripts
// taken out, in the same run, alternating; each in a fresh profile (nothing cached), loaded
// into a host page's frame on another origin as a reader meets it. Headless Chromium, release
// build.
//   node bench/embed.mjs [--runs 9]       (through `scripts/bench embed`)
import { spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { serveStatic } from '../tests/e2e/server.mjs';
import { launchChromium } from '../tests/e2e/browser.mjs';
import { TITLE_WATCH, median } from './paint.mjs';

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const RUNS = Number(options.runs);
const SITE = 'target/bench/embed-site';
const HOST = 'target/bench/embed-host';

await rm(SITE, { recursive: true, force: true });
await cp('dist', SITE, { recursive: true });
await mkdir(HOST, { recursive: true });
const pages = spawnSync('cargo', ['run', '--quiet', '--profile', 'cli', '--locked', '--bin', 'article', '--', 'pages', `${SITE}/articles`, '--viewer', SITE], { encoding: 'utf8' });
if (pages.status !== 0) throw new Error(`article pages: ${pages.stderr}`);
const embed = await readFile(`${SITE}/articles/embed/sample.html`, 'utf8');
await writeFile(`${SITE}/articles/embed/sample-static.html`, embed
  .replace(/<script(?![^>]*application\/(ld\+)?json)[\s\S]*?<\/script>/g, '')
  .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, ''));

const site = await serveStatic({ root: SITE, base: '/' });
const host = await serveStatic({ root: HOST, base: '/' });
for (const name of ['sample', 'sample-static']) {
  await writeFile(`${HOST}/${name}.html`, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head>
<body><h1>Host</h1><iframe title="Article" src="${site.url}articles/embed/${name}.html" style="border:0;width:100%;height:640px"></iframe></body></html>`);
}
const browser = await launchChromium();

/** Title painted in the frame, counted from the host page's navigation start. */
async function visit(name) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(TITLE_WATCH, { framesOnly: true });
  await page.goto(`${host.url}${name}.html`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForFunction(() => window.__title !== undefined, null, { timeout: 30000 });
  // The frame's clock starts at its own navigation; the host's is the reader's.
  const title = await frame.evaluate(() => window.__title + performance.timeOrigin);
  const origin = await page.evaluate(() => performance.timeOrigin);
  await context.close();
  return title - origin;
}

const VARIANTS = { 'embed page': 'sample', 'same markup, no scripts': 'sample-static' };
const samples = Object.fromEntries(Object.keys(VARIANTS).map((name) => [name, []]));
for (const name of Object.values(VARIANTS)) await visit(name);
for (let run = 0; run < RUNS; run++) {
  const order = run % 2 === 0 ? Object.entries(VARIANTS) : Object.entries(VARIANTS).reverse();
  for (const [label, name] of order) {
    samples[label].push(await visit(name));
    process.stderr.write('.');
  }
}
process.stderr.write('\n');
await browser.close();
await site.close();
await host.close();

const bare = median(samples['same markup, no scripts']);
console.log(`Embedded sample in a host page's frame (another origin), title painted from the host's start (median of ${RUNS}, alternating; Chromium headless, nothing cached)\n`);
console.log('| frame | title painted | / no scripts | runs (ms) |');
console.log('| --- | --: | --: | --- |');
for (const [label, values] of Object.entries(samples)) {
  const m = median(values);
  console.log(`| ${label} | ${m.toFixed(1)} ms | ${(m / bare).toFixed(2)}× | ${values.map((v) => v.toFixed(0)).join(', ')} |`);
}
const ratio = median(samples['embed page']) / bare;
console.log(`\nbudget (issue 35): the embed page's title ≤ 1.1× the same markup without scripts: ${ratio <= 1.1 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×)`);
