// The audit of pre-rendered pages (issue 21; not a test): `article pages` renders the sample and
// a generated 2,000-section article beside a copy of dist/, served gzip-compressed under a
// sub-path. Lighthouse 12.2.3 on mobile runs each pre-rendered page and the same page with its
// scripts removed (the static limit) interleaved, and prints medians, ratios and the budgets;
// the Nu Html Checker reads the pre-rendered pages as served, with their CSP.
//   node audit/prerendered.mjs [--runs 5] [--only sample|long]
// Run it through scripts/audit, which installs the tools and builds dist/ first.
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { serveStatic } from '../tests/e2e/server.mjs';
import { CHROMIUM } from '../tests/e2e/browser.mjs';
import { syntheticArticle } from '../bench/generate.mjs';

const { values: options } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, only: { type: 'string' } },
  strict: false,
});
const RUNS = Number(options.runs);
const OUT = 'target/audit/prerendered';
const SITE = `${OUT}/site`;
const require = createRequire(import.meta.url);
const LIGHTHOUSE = require.resolve('lighthouse/cli/index.js');
const VNU = require.resolve('vnu-jar/build/dist/vnu.jar');

/**
 * Budgets of issues 21 and 31, mobile medians: [page, measure, test(value, static), shown as].
 * "÷ static" and "− static" compare with the same page without scripts, in the same run.
 */
const BUDGETS = [
  ['sample', 'LCP ÷ static', (v, s) => v / s <= 1.05, '≤ 1.05×'],
  ['sample', 'total-blocking-time', (v) => v === 0, '0'],
  ['sample', 'cumulative-layout-shift', (v) => v === 0, '0'],
  ['sample', 'performance', (v) => v === 100, '100'],
  ['sample', 'seo', (v) => v === 100, '100'],
  ['long', 'LCP ÷ static', (v, s) => v / s <= 1.2, '≤ 1.2×'],
  ['long', 'TBT ÷ static', (v, s) => v / s <= 1.15, '≤ 1.15×'],
  ['long', 'performance − static', (v, s) => v >= s - 2, '≥ −2'],
  ['long', 'cumulative-layout-shift', (v) => v === 0, '0'],
];

const run = (command, args, env = {}) => new Promise((resolve) => {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  child.on('close', (code) => resolve({ code, stdout, stderr }));
});
const median = (values) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (v, digits = 0) => (v === undefined || Number.isNaN(v) ? '–' : v.toLocaleString('en-GB', { maximumFractionDigits: digits }));

// ---- The site: dist/, the sample and a long article, pre-rendered; each also without scripts ----
await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
// DIST: another build to audit (default dist/).
await cp(process.env.DIST ?? 'dist', SITE, { recursive: true });
await writeFile(`${SITE}/articles/long.json`, JSON.stringify(syntheticArticle(2000)));
const pages = spawnSync('cargo', ['run', '--quiet', '--locked', '--bin', 'article', '--', 'pages', `${SITE}/articles`, '--viewer', SITE, '--base-url', 'https://news.example/viewer/articles/'], { encoding: 'utf8' });
if (pages.status !== 0) throw new Error(`article pages failed: ${pages.stderr}`);
console.log(`# ${pages.stdout.trim()}`);
for (const name of ['sample', 'long', 'embed/sample']) {
  const html = await readFile(`${SITE}/articles/${name}.html`, 'utf8');
  // The static limit: the same markup with every script and module preload taken out.
  const bare = html
    .replace(/<script\b(?![^>]*ld\+json)[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link\b[^>]*\brel="?(?:modulepreload|preload)"?[^>]*>/g, '');
  await writeFile(`${SITE}/articles/${name}.static.html`, bare);
}
const server = await serveStatic({ root: SITE, base: '/news/viewer/', gzip: true });

// ---- Lighthouse, interleaved ----
const results = {};
const names = ['sample', 'long'].filter((n) => !options.only || options.only === n);
for (let i = 0; i < RUNS; i++) {
  for (const name of names) {
    for (const kind of ['pre-rendered', 'static']) {
      const file = kind === 'static' ? `${name}.static.html` : `${name}.html`;
      const path = `${OUT}/lighthouse-${name}-${kind}-${i + 1}.json`;
      const categories = name === 'long' ? 'performance' : 'performance,accessibility,best-practices,seo';
      const { code, stderr } = await run(process.execPath, [LIGHTHOUSE, `${server.url}articles/${file}`, '--output=json', `--output-path=${path}`, '--quiet',
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu', `--only-categories=${categories}`, '--max-wait-for-load=60000'], { CHROME_PATH: CHROMIUM });
      if (code !== 0) {
        console.error(`lighthouse failed on ${file}:\n${stderr.slice(-1500)}`);
        process.exitCode = 1;
        continue;
      }
      const report = JSON.parse(await readFile(path, 'utf8'));
      const value = (id) => report.audits[id]?.numericValue;
      const summary = {
        performance: Math.round((report.categories.performance?.score ?? 0) * 100),
        seo: report.categories.seo ? Math.round(report.categories.seo.score * 100) : undefined,
        accessibility: report.categories.accessibility ? Math.round(report.categories.accessibility.score * 100) : undefined,
        'largest-contentful-paint': value('largest-contentful-paint'),
        'first-contentful-paint': value('first-contentful-paint'),
        'total-blocking-time': value('total-blocking-time'),
        'cumulative-layout-shift': value('cumulative-layout-shift'),
        longTasks: (report.audits['long-tasks']?.details?.items ?? []).map((t) => Math.round(t.duration)),
      };
      ((results[name] ??= {})[kind] ??= []).push(summary);
      console.log(`# ${name} ${kind} run ${i + 1}: perf ${summary.performance}, LCP ${fmt(summary['largest-contentful-paint'])} ms, TBT ${fmt(summary['total-blocking-time'])} ms, CLS ${fmt(summary['cumulative-layout-shift'], 3)}, long tasks ${summary.longTasks.join(', ') || 'none'}`);
    }
  }
}

console.log(`\n## Lighthouse 12.2.3 mobile, medians of ${RUNS} runs, pre-rendered page against the same page without scripts\n`);
console.log('| page | kind | perf | SEO | a11y | FCP ms | LCP ms | TBT ms | CLS | long tasks (ms) |');
console.log('| --- | --- | --: | --: | --: | --: | --: | --: | --: | --- |');
for (const [name, byKind] of Object.entries(results)) {
  for (const [kind, runs] of Object.entries(byKind)) {
    const m = (id, digits = 0) => fmt(median(runs.map((r) => r[id])), digits);
    console.log(`| ${name} | ${kind} | ${m('performance')} | ${m('seo')} | ${m('accessibility')} | ${m('first-contentful-paint')} | ${m('largest-contentful-paint')} | ${m('total-blocking-time')} | ${m('cumulative-layout-shift', 3)} | ${runs.map((r) => r.longTasks.join('+') || '0').join(' / ')} |`);
  }
}

console.log('\n## Budgets (mobile medians)\n');
console.log('| page | measure | budget | median | met |');
console.log('| --- | --- | --- | --: | --- |');
for (const [name, id, test, shown] of BUDGETS) {
  const runs = results[name];
  if (!runs?.['pre-rendered'] || !runs?.static) continue;
  const pre = (key) => median(runs['pre-rendered'].map((r) => r[key]));
  const still = (key) => median(runs.static.map((r) => r[key]));
  if (id.endsWith('÷ static')) {
    const key = id.startsWith('LCP') ? 'largest-contentful-paint' : 'total-blocking-time';
    const ratio = pre(key) / still(key);
    console.log(`| ${name} | ${id} | ${shown} | ${fmt(ratio, 2)}× (${fmt(pre(key))} ÷ ${fmt(still(key))} ms) | ${test(ratio, 1) ? 'yes' : '**no**'} |`);
  } else if (id === 'performance − static') {
    const [value, bare] = [pre('performance'), still('performance')];
    console.log(`| ${name} | ${id} | ${shown} | ${fmt(value - bare)} (${value} against ${bare}) | ${test(value, bare) ? 'yes' : '**no**'} |`);
  } else {
    const value = pre(id);
    console.log(`| ${name} | ${id} | ${shown} | ${fmt(value, id === 'cumulative-layout-shift' ? 3 : 0)} | ${test(value) ? 'yes' : '**no**'} |`);
  }
}

// ---- Nu Html Checker on the pages as served ----
console.log('\n## Nu Html Checker on the pre-rendered pages as served (with their CSP)\n');
console.log('| page | errors | warnings |');
console.log('| --- | --: | --: |');
for (const name of ['sample', 'long', 'embed/sample']) {
  const { stdout, stderr } = await run('java', ['-Dnu.validator.servlet.allow-forbidden-hosts=true', '-Dnu.validator.servlet.allowed-address-type=all',
    '-jar', VNU, '--format', 'json', '--stdout', `${server.url}articles/${name}.html`]);
  const found = JSON.parse(stdout || stderr).messages;
  const errors = found.filter((m) => m.type === 'error' || m.subType === 'fatal');
  const warnings = found.filter((m) => m.type === 'info' && m.subType === 'warning');
  console.log(`| ${name}.html | ${errors.length} | ${warnings.length} |`);
  for (const m of [...errors, ...warnings].slice(0, 20)) console.log(`- ${m.type}: ${m.message} (${m.extract?.trim().slice(0, 100) ?? ''})`);
}
await writeFile(`${OUT}/summary.json`, JSON.stringify(results, null, 2));
await server.close();
