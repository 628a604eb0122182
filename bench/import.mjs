// `article import` on 1,000 real posts (issue 22): the posts of the blogs in
// tests/fixtures/blogs, taken in turn until there are --posts of them, in one folder. Each run
// converts them into a fresh folder; the table gives the time, the time a post, and the
// outcome counts of the summary. Usage: node bench/import.mjs [--runs 9] [--posts 1000]
// [--no-mdx] (Markdown posts only, to compare with a build that does not read MDX).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, relative } from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 9);
const POSTS = arg('posts', 1000);

const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  if (statSync(path).isDirectory()) return walk(path);
  const posts = process.argv.includes('--no-mdx') ? /\.(md|markdown)$/ : /\.(md|markdown|mdx)$/;
  return posts.test(name) && !name.startsWith('_index') ? [path] : [];
});
const sources = walk('tests/fixtures/blogs').sort();
const site = mkdtempSync(join(tmpdir(), 'import-bench-'));
mkdirSync(join(site, 'posts'));
for (let i = 0; i < POSTS; i += 1) {
  const source = sources[i % sources.length];
  const name = relative('tests/fixtures/blogs', source).replaceAll('/', '-');
  copyFileSync(source, join(site, 'posts', `${String(i).padStart(4, '0')}-${name}`));
}

const build = spawnSync('cargo', ['build', '--quiet', '--profile', 'cli', '--locked', '--bin', 'article'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const times = [];
let summary = '';
for (let run = 0; run < RUNS; run += 1) {
  const out = join(site, `out-${run}`);
  const started = process.hrtime.bigint();
  const result = spawnSync('target/cli/article', ['import', join(site, 'posts'), out], { encoding: 'utf8' });
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (result.status !== 0) throw new Error(result.stderr);
  summary = result.stdout;
  rmSync(out, { recursive: true });
}
rmSync(site, { recursive: true });
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const rows = [
  ['posts', String(POSTS)],
  ['runs', String(RUNS)],
  ['cores', String(cpus().length)],
  ['fastest', `${times[0].toFixed(0)} ms`],
  ['median', `${median.toFixed(0)} ms`],
  ['slowest', `${times[times.length - 1].toFixed(0)} ms`],
  ['median a post', `${(median / POSTS).toFixed(2)} ms`],
];
console.log('article import (whole command: find, convert, write, index)');
for (const [name, value] of rows) console.log(`${name.padEnd(16)}${value.padStart(12)}`);
console.log(`\nthe last run's summary:\n${summary}`);
