// The search benchmark (not a test): the library's search beside Pagefind's, on the same real
// articles and the same queries, in one run. The 443 posts of four blogs in tests/fixtures/blogs/ are
// imported, indexed (`article index`) and written as pages (`article pages`); Pagefind
// (bench/search-tools, pinned) indexes those written pages. The known-item query sets are
// drawn by the rule in src/tools/relevance.rs. Each query is then run in headless Chromium,
// in the library page (typed into its search box) and through Pagefind's own JavaScript API,
// and the table gives success@5, mean reciprocal rank, downloads (gzip) and time to results.
//   node bench/search.mjs [--runs 9] [--count 200]   (scripts/bench search)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { serveStatic } from '../tests/e2e/server.mjs';
import { launchChromium, openPage } from '../tests/e2e/browser.mjs';

const { values: options } = parseArgs({
  options: { runs: { type: 'string', default: '9' }, count: { type: 'string', default: '200' } },
});
const RUNS = Number(options.runs);
const SITE = 'target/bench/search-site';
const DIR = `${SITE}/blogs`;
const WORK = 'target/bench/search-import';
const CLI = 'target/cli/article';
const PAGEFIND = 'bench/search-tools/node_modules/.bin/pagefind';

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

// The site: the build, the posts imported into one folder, indexed and written.
run('cargo', ['build', '--profile', 'cli', '--locked', '--bin', 'article']);
rmSync(SITE, { recursive: true, force: true });
rmSync(WORK, { recursive: true, force: true });
cpSync('dist', SITE, { recursive: true });
mkdirSync(DIR, { recursive: true });
for (const site of ['eleventy', 'hugo', 'jekyll', 'zola']) {
  run(CLI, ['import', `tests/fixtures/blogs/${site}`, `${WORK}/${site}`]);
  for (const name of readdirSync(`${WORK}/${site}`)) {
    if (name.endsWith('.json') && name !== 'index.json') cpSync(`${WORK}/${site}/${name}`, `${DIR}/${site}-${name}`);
  }
}
console.log(run(CLI, ['index', DIR]).trim());
run(CLI, ['pages', DIR, '--viewer', SITE]);
const relevance = run(CLI, ['relevance', DIR, '--count', options.count, '--queries', `${WORK}/queries.json`]);
const sets = JSON.parse(readFileSync(`${WORK}/queries.json`, 'utf8'));
const started = Date.now();
run(PAGEFIND, ['--site', DIR, '--glob', '*.html', '--output-subdir', 'pagefind']);
const pagefindIndexing = Date.now() - started;

/** Bytes and gzip bytes of every file under `dir`. */
function sizeOf(dir, keep = () => true) {
  let raw = 0;
  let gzip = 0;
  let files = 0;
  for (const name of readdirSync(dir, { recursive: true })) {
    const path = join(dir, name);
    if (!statSync(path).isFile() || !keep(name)) continue;
    const bytes = readFileSync(path);
    raw += bytes.length;
    // Pagefind's files are gzip already; ours are served compressed by the host.
    gzip += name.endsWith('.pf_fragment') || name.endsWith('.pf_index') || name.endsWith('.pf_meta') || name.endsWith('.pf_filter') ? bytes.length : gzipSync(bytes, { level: 9 }).length;
    files += 1;
  }
  return { raw, gzip, files };
}

const server = await serveStatic({ root: SITE, base: '/', extra: {}, routes: {} });
const browser = await launchChromium();

/**
 * Our library page: each query typed, its results read once the page says they are in. `cold`:
 * a new page for each query, so that its downloads are all its own, counted once its excerpts
 * have arrived (`excerpts`).
 */
async function ours(queries, cold, excerpts = false) {
  if (cold) {
    const out = [];
    for (const query of queries) out.push(...(await ours([query], false, true)));
    return out;
  }
  const { page, context } = await openPage(browser);
  let bytes = 0;
  let inFlight = 0;
  const part = (request) => /\/blogs\/index-parts\//.test(request.url());
  page.on('request', (request) => { if (part(request)) inFlight += 1; });
  page.on('requestfailed', (request) => { if (part(request)) inFlight -= 1; });
  page.on('requestfinished', async (request) => {
    if (!part(request)) return;
    try { bytes += gzipSync(await (await request.response()).body(), { level: 9 }).length; } catch { /* aborted */ }
    inFlight -= 1;
  });
  /** Resolves once no part of the index has been on its way for 100 ms: the excerpts are in. */
  const settled = async () => {
    for (let quiet = 0; quiet < 5;) {
      await page.waitForTimeout(20);
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  };
  await page.goto(`${server.url}?index=blogs/index.json`);
  await page.locator('.library-entry').first().waitFor();
  const out = [];
  for (const { query, address } of queries) {
    const marks = () => page.evaluate(() => ['library:results', 'library:settled'].map((m) => performance.getEntriesByName(m).length));
    const [before, settledBefore] = await marks();
    bytes = 0;
    const t0 = await page.evaluate(() => performance.now());
    await page.fill('#library-search', query);
    await page.waitForFunction((n) => performance.getEntriesByName('library:results').length > n, before, { timeout: 30000 });
    const ms = await page.evaluate((t) => performance.getEntriesByName('library:results').at(-1).startTime - t, t0);
    // Ranked as the reader sees it once they pause: every posting of the words typed counted.
    await page.waitForFunction((n) => performance.getEntriesByName('library:settled').length > n, settledBefore, { timeout: 30000 });
    await page.waitForFunction(() => !document.querySelector('.library-entry.is-pending'), undefined, { timeout: 30000 });
    // The excerpts of the first screen too: what a reader waits for.
    if (excerpts) await settled();
    const shown = await page.$$eval('.library-entry .library-entry-title a', (links) =>
      links.slice(0, 10).map((a) => decodeURIComponent(new URL(a.href).searchParams.get('article') ?? '').split('/').pop()));
    out.push({ rank: shown.indexOf(address), any: shown.length > 0, ms, bytes });
    await page.fill('#library-search', '');
  }
  await context.close();
  return out;
}

/** Pagefind: its JavaScript API in a page of the same site, the same queries; `cold` as ours. */
async function pagefind(queries, cold) {
  if (cold) {
    const out = [];
    for (const query of queries) out.push(...(await pagefind([query], false)));
    return out;
  }
  const { page, context } = await openPage(browser);
  let bytes = 0;
  // The index's files (already gzip); its script and WebAssembly, like our module, are not counted.
  page.on('response', async (response) => {
    if (!/\/pagefind\/.*\.pf_/.test(response.url())) return;
    try { bytes += (await response.body()).length; } catch { /* aborted */ }
  });
  await page.goto(`${server.url}blogs/library.html`);
  await page.evaluate(async () => {
    window.pf = await import('./pagefind/pagefind.js');
    await window.pf.init();
  });
  const out = [];
  for (const { query, address } of queries) {
    bytes = 0;
    const result = await page.evaluate(async (q) => {
      const t0 = performance.now();
      const search = await window.pf.search(q);
      const first = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      return { ms: performance.now() - t0, urls: first.map((d) => d.url) };
    }, query);
    const shown = result.urls.map((url) => url.split('/').pop().replace(/\.html$/, '.json'));
    out.push({ rank: shown.indexOf(address), any: shown.length > 0, ms: result.ms, bytes });
  }
  await context.close();
  return out;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? 0; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? 0; };
function score(results) {
  const n = results.length || 1;
  return {
    success: results.filter((r) => r.rank >= 0 && r.rank < 5).length / n,
    mrr: results.reduce((sum, r) => sum + (r.rank >= 0 ? 1 / (r.rank + 1) : 0), 0) / n,
    empty: results.filter((r) => !r.any).length / n,
  };
}

const rows = [];
for (const [name, queries] of [['body (known item)', sets.body], ['body, one typo', sets.typo], ['title', sets.title]]) {
  // Relevance does not change from run to run. The first run opens a new page for each query
  // (its downloads are then all its own); times are the medians of the later runs, each in one
  // page, as a reader trying query after query.
  const timesOurs = [];
  const timesPf = [];
  let first;
  for (let i = 0; i < RUNS; i += 1) {
    // The later runs time the first 30 queries: enough for a median, and the run stays short.
    const some = i === 0 ? queries : queries.slice(0, 30);
    const [a, b] = [await ours(some, i === 0), await pagefind(some, i === 0)];
    first ??= { a, b };
    if (i > 0 || RUNS === 1) {
      timesOurs.push(median(a.map((r) => r.ms)));
      timesPf.push(median(b.map((r) => r.ms)));
    }
  }
  const [a, b] = [score(first.a), score(first.b)];
  rows.push({ name, n: queries.length, a, b, msA: median(timesOurs), msB: median(timesPf),
    kbA: median(first.a.map((r) => r.bytes)) / 1024, kbB: median(first.b.map((r) => r.bytes)) / 1024,
    worstA: Math.max(...first.a.map((r) => r.bytes)) / 1024, worstB: Math.max(...first.b.map((r) => r.bytes)) / 1024,
    p95A: p95(first.a.map((r) => r.ms)), p95B: p95(first.b.map((r) => r.ms)) });
}
await browser.close();
await server.close();

const f = (x) => x.toFixed(2);
console.log(`\n${relevance.trim()}\n(the same sets measured natively by \`article relevance\`)\n`);
console.log(`| query set | queries | success@5 ours / Pagefind | MRR ours / Pagefind | no result ours / Pagefind | median download, KB gzip | worst download | time to results, median of ${Math.max(1, RUNS - 1)} runs (p95 of the first, cold) |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.name} | ${r.n} | ${f(r.a.success)} / ${f(r.b.success)} | ${f(r.a.mrr)} / ${f(r.b.mrr)} | ${f(r.a.empty)} / ${f(r.b.empty)} | ${r.kbA.toFixed(1)} / ${r.kbB.toFixed(1)} | ${r.worstA.toFixed(1)} / ${r.worstB.toFixed(1)} | ${r.msA.toFixed(1)} (${r.p95A.toFixed(1)}) / ${r.msB.toFixed(1)} (${r.p95B.toFixed(1)}) ms |`);
}
const oursSize = sizeOf(`${DIR}/index-parts`);
const pfSize = sizeOf(`${DIR}/pagefind`);
const indexJson = sizeOf(DIR, (n) => n === 'index.json');
console.log('\n| index | files | raw | gzip |');
console.log('| --- | ---: | ---: | ---: |');
console.log(`| ours (index.json + index-parts/) | ${oursSize.files + 1} | ${((oursSize.raw + indexJson.raw) / 1024).toFixed(0)} KB | ${((oursSize.gzip + indexJson.gzip) / 1024).toFixed(0)} KB |`);
console.log(`| Pagefind 1.5.2 (pagefind/) | ${pfSize.files} | ${(pfSize.raw / 1024).toFixed(0)} KB | ${(pfSize.gzip / 1024).toFixed(0)} KB |`);
console.log(`\nPagefind indexed the ${readdirSync(DIR).filter((n) => n.endsWith('.html')).length} written pages in ${pagefindIndexing} ms.`);
