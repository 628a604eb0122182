// The deploy benchmark (issue 32), not a test: a generated archive of --count articles
// (bench/archive-generate.mjs, 100,000 by default) indexed and rendered by the release
// `article`, inside a copy of the viewer's build, deployed with `article deploy` to s3rver on
// 127.0.0.1 (a real S3 implementation, pinned in package.json). Prints:
//   - the first deploy: objects, bytes on disk, bytes sent, requests and time, with gzip (the
//     default) and with --no-gzip, each into a bucket of its own;
//   - --runs (9) deploys, each after one article's standfirst changed (index and pages run
//     again first, not timed): requests, objects uploaded, what was read (only the manifest) and
//     the time of `article deploy`, median and worst, against the budgets (≤ 20 requests, ≤ 3 s).
//   node bench/deploy.mjs [--runs 9] [--count 100000]   (scripts/bench deploy)
import { spawnSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { writeArchive } from './archive-generate.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 9);
const COUNT = arg('count', 100000);
const SITE = `target/bench/deploy-${COUNT}`;
const ARTICLES = `${SITE}/articles`;
const CLI = 'target/cli/article';
const ENV = { ...process.env, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
function run(args) {
  const done = spawnSync(CLI, args, { encoding: 'utf8', env: ENV, maxBuffer: 1 << 26 });
  if (done.status !== 0) throw new Error(`article ${args[0]}: ${done.stderr}`);
  return done.stdout;
}
/** `article deploy`, run asynchronously so that the counting proxy in this process answers. */
function deploy(args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(CLI, ['deploy', ...args], { env: ENV });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { out += c; });
    child.on('close', (status) => {
      if (status !== 0) reject(new Error(out));
      else resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, out });
    });
  });
}

const build = spawnSync('cargo', ['build', '--quiet', '--profile', 'cli', '--locked', '--bin', 'article'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
if (!existsSync('dist/index.html')) throw new Error('no dist/: run trunk build --release first');

if (!existsSync(join(ARTICLES, `a-${String(COUNT - 1).padStart(6, '0')}.html`))) {
  process.stderr.write(`generating ${COUNT} articles with their pages in ${SITE}…\n`);
  rmSync(SITE, { recursive: true, force: true });
  cpSync('dist', SITE, { recursive: true });
  rmSync(ARTICLES, { recursive: true, force: true });
  writeArchive(ARTICLES, COUNT);
  run(['index', ARTICLES]);
  run(['pages', ARTICLES, '--viewer', SITE]);
}

const storeDir = mkdtempSync(join(tmpdir(), 's3rver-bench-'));
const store = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: storeDir, configureBuckets: [{ name: 'gzip' }, { name: 'plain' }], vhostBuckets: false });
const { port } = await store.run();
// Counts the requests `article deploy` makes, by method.
const counted = [];
const proxy = createServer((incoming, outgoing) => {
  counted.push(incoming.method);
  const forward = httpRequest({ host: '127.0.0.1', port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
    outgoing.writeHead(answer.statusCode, answer.headers);
    answer.pipe(outgoing);
  });
  incoming.pipe(forward);
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${proxy.address().port}`;
const count = (method) => counted.filter((m) => m === method).length;
const summary = (out) => out.trim().split('\n').at(-1);

try {
  console.log(`archive: ${COUNT} articles with their pages, in ${SITE}\n`);
  console.log('| first deploy | objects | bytes on disk | bytes sent | requests | time |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const bucket of ['gzip', 'plain']) {
    counted.length = 0;
    const first = await deploy([SITE, `s3://${bucket}/site`, '--endpoint', endpoint, ...(bucket === 'plain' ? ['--no-gzip'] : [])]);
    const [, objects, bytes, sent] = summary(first.out).match(/uploaded (\d+) files \((\d+) B, (\d+) B sent\)/);
    console.log(`| ${bucket === 'gzip' ? 'gzip (default)' : '--no-gzip'} | ${objects} | ${bytes} | ${sent} | ${counted.length} | ${(first.ms / 1000).toFixed(1)} s |`);
  }
  const times = [];
  const requests = [];
  const uploaded = [];
  const reads = [];
  for (let i = 0; i < RUNS; i += 1) {
    const name = join(ARTICLES, `a-${String((i * 7919) % COUNT).padStart(6, '0')}.json`);
    const article = JSON.parse(readFileSync(name, 'utf8'));
    article.standfirst = `${article.standfirst ?? ''} Revised ${i}.`;
    writeFileSync(name, JSON.stringify(article));
    run(['index', ARTICLES]);
    run(['pages', ARTICLES, '--viewer', SITE]);
    counted.length = 0;
    const next = await deploy([SITE, 's3://gzip/site', '--endpoint', endpoint]);
    times.push(next.ms);
    requests.push(counted.length);
    uploaded.push(count('PUT'));
    reads.push(count('GET'));
    process.stderr.write(`run ${i + 1}: ${summary(next.out)}\n`);
  }
  console.log(`\none article changed, ${RUNS} runs (index and pages not timed)\n`);
  console.log('| measure | median | worst | budget | met |');
  console.log('| --- | ---: | ---: | ---: | :---: |');
  const row = (name, values, budget) => console.log(`| ${name} | ${median(values)} | ${Math.max(...values)} | ${budget === undefined ? '' : `≤ ${budget}`} | ${budget === undefined ? '' : Math.max(...values) <= budget ? 'yes' : '**no**'} |`);
  row('requests', requests, 20);
  row('objects uploaded (PUT)', uploaded);
  row('objects read (GET: the manifest only)', reads, 1);
  console.log(`| time of \`article deploy\` | ${(median(times) / 1000).toFixed(2)} s | ${(Math.max(...times) / 1000).toFixed(2)} s | ≤ 3 s | ${Math.max(...times) <= 3000 ? 'yes' : '**no**'} |`);
} finally {
  proxy.close();
  await store.close();
  rmSync(storeDir, { recursive: true, force: true });
}
