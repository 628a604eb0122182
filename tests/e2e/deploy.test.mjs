// `article deploy` against a real S3-compatible server (s3rver, pinned in package.json) on
// 127.0.0.1: the whole publishing path (index, pages, deploy), the viewer, a written page and
// the library opened from the bucket's own address in Chromium, every object's type and cache
// header, a second deploy that uploads only what changed, a reader mid-way through a release,
// a deploy interrupted half-way, and the mistakes a publisher makes refused before any upload.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import S3rver from 's3rver';
import { launchChromium, openPage } from './browser.mjs';
import { until } from './helpers.mjs';

const SITE = 'target/e2e-deploy-site';
const ARTICLES = `${SITE}/articles`;
const BUCKET = 'news';
const PREFIX = 'site';
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Runs the real `article` command of this checkout: { status, out }. Asynchronously: the
 * proxy below answers in this process while it runs.
 */
function article(args, env = CREDENTIALS) {
  return new Promise((resolve) => {
    const child = spawn('cargo', ['run', '--quiet', '--locked', '--bin', 'article', '--', ...args], {
      env: { ...process.env, AWS_REGION: 'us-east-1', ...env },
    });
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { out += chunk; });
    child.on('close', (status) => resolve({ status, out }));
  });
}
async function ok(args, env) {
  const run = await article(args, env);
  assert.equal(run.status, 0, run.out);
  return run.out;
}

/**
 * A pass-through to the store that records each request, and can play a server that stops:
 * after `failAfter` uploads, every connection is cut.
 */
function recordingProxy(target) {
  const proxy = { requests: [], failAfter: Infinity };
  proxy.server = createServer((incoming, outgoing) => {
    const puts = proxy.requests.filter(([method]) => method === 'PUT').length;
    if (incoming.method === 'PUT' && puts >= proxy.failAfter) {
      incoming.socket.destroy();
      return;
    }
    proxy.requests.push([incoming.method, decodeURIComponent(incoming.url.split('?')[0])]);
    const forward = httpRequest(
      { host: '127.0.0.1', port: target, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forward);
  });
  return new Promise((resolve) => proxy.server.listen(0, '127.0.0.1', () => resolve(proxy)));
}
const uploads = (proxy) => proxy.requests.filter(([m]) => m === 'PUT').map(([, path]) => path.replace(`/${BUCKET}/${PREFIX}/`, '')).sort();

/** Every file under `dir`, by key relative to it, with its bytes. */
function snapshot(dir) {
  const files = new Map();
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.startsWith('.') && name !== 'index.cache') files.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

let store;
let storeDir;
let endpoint;
let proxy;
let browser;
const bucketUrl = () => `${endpoint}/${BUCKET}/${PREFIX}/`;
const deployArgs = (...more) => ['deploy', SITE, `s3://${BUCKET}/${PREFIX}`, '--endpoint', `http://127.0.0.1:${proxy.server.address().port}`, ...more];

before(async () => {
  storeDir = mkdtempSync(join(tmpdir(), 's3rver-'));
  store = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: storeDir, configureBuckets: [{ name: BUCKET }], vhostBuckets: false });
  const { port } = await store.run();
  endpoint = `http://127.0.0.1:${port}`;
  proxy = await recordingProxy(port);
  rmSync(SITE, { recursive: true, force: true });
  cpSync('dist', SITE, { recursive: true });
  rmSync(`${ARTICLES}/index-parts`, { recursive: true, force: true });
  await ok(['index', ARTICLES, '--page-size', '2', '--base-url', 'http://127.0.0.1/news/site/articles/']);
  await ok(['pages', ARTICLES, '--viewer', SITE]);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => proxy?.server.close(resolve));
  await store?.close();
  rmSync(storeDir, { recursive: true, force: true });
});

/** Opens `path` under the bucket's address, waiting for `selector`. */
async function openFromBucket(path, selector) {
  const opened = await openPage(browser);
  await opened.page.goto(bucketUrl() + path);
  await opened.page.locator(selector).first().waitFor({ timeout: 15000 });
  return opened;
}

describe('article deploy to an S3-compatible store', () => {
  let firstIndex;
  let reader;

  test('the first deploy uploads everything, each object with its type and cache header', async () => {
    const out = await ok(deployArgs());
    assert.match(out, /uploaded \d+ files/);
    const local = snapshot(SITE);
    assert.deepEqual(uploads(proxy).filter((k) => k !== '.article-deploy.json'), [...local.keys()].sort());
    // Entry points last: every content-addressed upload comes before any HTML or index.json.
    const order = proxy.requests.filter(([m]) => m === 'PUT').map(([, p]) => p);
    const lastAddressed = Math.max(...order.map((p, i) => (/-[0-9a-f]{8,16}(_bg)?\.\w+$|\.[0-9a-f]{8}\.json$/.test(p) ? i : -1)));
    const firstEntry = order.findIndex((p) => /\.html$|\/index\.json$/.test(p));
    assert.ok(lastAddressed < firstEntry, order.join('\n'));
    for (const key of local.keys()) {
      const response = await fetch(bucketUrl() + key, { method: 'HEAD' });
      assert.equal(response.status, 200, key);
      const type = response.headers.get('content-type');
      const cache = response.headers.get('cache-control');
      const expected = {
        html: 'text/html; charset=utf-8', json: 'application/json; charset=utf-8', wasm: 'application/wasm',
        js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml', xml: 'application/atom+xml; charset=utf-8',
      }[key.split('.').pop()];
      assert.equal(type, expected, key);
      const addressed = /^[^/]+-[0-9a-f]{8,16}(_bg)?\.\w+$/.test(key) || /index-parts\/[a-z]+(-\d+)?\.[0-9a-f]{8}\.json$/.test(key);
      assert.equal(cache, addressed ? IMMUTABLE : 'public, max-age=60, must-revalidate', key);
    }
    // What the browser gets back is the file, whether stored compressed or not.
    const sample = await fetch(`${bucketUrl()}articles/sample.json`);
    assert.deepEqual(Buffer.from(await sample.arrayBuffer()), local.get('articles/sample.json'));
    firstIndex = await (await fetch(`${bucketUrl()}articles/index.json`)).json();
  });

  test('the viewer, a written page and the library open from the bucket', async () => {
    const title = JSON.parse(readFileSync(`${ARTICLES}/sample.json`, 'utf8')).title;
    const viewer = await openFromBucket('index.html?article=articles/sample.json', 'article h1');
    assert.equal(await viewer.page.textContent('article h1'), title);
    assert.deepEqual(viewer.problems, []);
    await viewer.context.close();
    const written = await openFromBucket('articles/sample.html', 'article h1');
    await until(written.page, () => !document.querySelector('span.section-toggle'), undefined, 15000);
    assert.equal(await written.page.textContent('article h1'), title);
    assert.deepEqual(written.problems, []);
    await written.context.close();
    // The library is kept open: the next tests deploy under this reader.
    reader = await openFromBucket('library.html?index=articles/index.json', '.library-entry');
    assert.deepEqual(reader.problems, []);
  });

  test('a second deploy with one article changed uploads only what changed', async () => {
    const before = snapshot(SITE);
    const path = `${ARTICLES}/sample.json`;
    const sample = JSON.parse(readFileSync(path, 'utf8'));
    sample.standfirst = `${sample.standfirst} Zanzibarite quarries reopened.`;
    writeFileSync(path, JSON.stringify(sample, null, 2));
    await ok(['index', ARTICLES, '--page-size', '2', '--base-url', 'http://127.0.0.1/news/site/articles/']);
    await ok(['pages', ARTICLES, '--viewer', SITE]);
    const now = snapshot(SITE);
    const changed = [...now.keys()].filter((k) => !before.get(k)?.equals(now.get(k))).sort();
    assert.ok(changed.includes('articles/sample.json') && changed.includes('articles/sample.html'), changed.join());
    assert.ok(changed.length < 20, changed.join());
    proxy.requests.length = 0;
    const out = await ok(deployArgs());
    assert.deepEqual(uploads(proxy), [...changed, '.article-deploy.json'].sort());
    // Nothing downloaded to decide: the manifest is the one object read.
    assert.deepEqual(proxy.requests.filter(([m]) => m === 'GET').map(([, p]) => p), [`/${BUCKET}/${PREFIX}/.article-deploy.json`]);
    assert.ok(proxy.requests.length <= 20, `${proxy.requests.length} requests`);
    assert.match(out, /left the release/);
  });

  test('a reader who opened the library before the deploy can still search and page', async () => {
    const { page, problems } = reader;
    await page.fill('#library-search', 'Azerbaijan');
    await until(page, () => /^Articles (shown|found): 1$/.test(document.querySelector('.library-count')?.textContent), undefined, 15000);
    await page.fill('#library-search', '');
    // The parts this reader's index.json names are the previous release's, still there.
    const names = (archive) => Object.entries(archive.hashes).flatMap(([kind, hashes]) =>
      hashes.match(/.{8}/g).map((hash, i) => `articles/index-parts/${kind}-${kind === 'page' ? i + 2 : i}.${hash}.json`));
    for (const part of names(firstIndex.archive)) {
      assert.equal((await fetch(bucketUrl() + part, { method: 'HEAD' })).status, 200, part);
    }
    const older = page.locator('.library-pager a[rel=next]');
    await older.focus();
    await page.keyboard.press('Enter');
    await until(page, () => /^Articles 3–3 of 3$/.test(document.querySelector('.library-count')?.textContent), undefined, 15000);
    assert.deepEqual(problems, []);
    await reader.context.close();
  });

  test('with the grace period over, what left the release is deleted, after the entry points', async () => {
    const live = await (await fetch(`${bucketUrl()}articles/index.json`)).json();
    const leftOver = Object.entries(firstIndex.archive.hashes).flatMap(([kind, hashes]) =>
      hashes.match(/.{8}/g).map((hash, i) => `articles/index-parts/${kind}-${kind === 'page' ? i + 2 : i}.${hash}.json`))
      .filter((part) => !JSON.stringify(live.archive.hashes).includes(part.split('.').at(-2)));
    assert.ok(leftOver.length > 0);
    proxy.requests.length = 0;
    const out = await ok(deployArgs('--grace', '0'));
    assert.match(out, new RegExp(`${leftOver.length} deleted`));
    for (const part of leftOver) {
      assert.equal((await fetch(bucketUrl() + part, { method: 'HEAD' })).status, 404, part);
    }
    assert.equal((await fetch(`${bucketUrl()}articles/index.json`)).status, 200);
  });

  test('a deploy interrupted half-way leaves the live release whole, and the next run completes it', async () => {
    const path = `${ARTICLES}/publishing-guide.json`;
    const guide = JSON.parse(readFileSync(path, 'utf8'));
    guide.title = `${guide.title}: second edition`;
    writeFileSync(path, JSON.stringify(guide, null, 2));
    await ok(['index', ARTICLES, '--page-size', '2', '--base-url', 'http://127.0.0.1/news/site/articles/']);
    await ok(['pages', ARTICLES, '--viewer', SITE]);
    const liveBefore = await (await fetch(`${bucketUrl()}articles/index.json`)).text();
    proxy.requests.length = 0;
    proxy.failAfter = 2;
    const cut = await article(deployArgs('--timeout', '2', '--concurrency', '1'));
    proxy.failAfter = Infinity;
    assert.notEqual(cut.status, 0);
    assert.match(cut.out, /run the same command again/);
    assert.equal(uploads(proxy).length, 2);
    // The live entry point and every part it names are as before.
    assert.equal(await (await fetch(`${bucketUrl()}articles/index.json`)).text(), liveBefore);
    const live = JSON.parse(liveBefore);
    for (const [kind, hashes] of Object.entries(live.archive.hashes)) {
      for (const [i, hash] of hashes.match(/.{8}/g).entries()) {
        const part = `articles/index-parts/${kind}-${kind === 'page' ? i + 2 : i}.${hash}.json`;
        assert.equal((await fetch(bucketUrl() + part, { method: 'HEAD' })).status, 200, part);
      }
    }
    await ok(deployArgs());
    const done = await (await fetch(`${bucketUrl()}articles/index.json`)).text();
    assert.equal(done, readFileSync(`${ARTICLES}/index.json`, 'utf8'));
    const written = await openFromBucket('articles/publishing-guide.html', 'article h1');
    assert.equal(await written.page.textContent('article h1'), guide.title);
    await written.context.close();
  });

  test('mistakes are refused with a clear message, and nothing is uploaded', async () => {
    const refused = async (args, env, message) => {
      proxy.requests.length = 0;
      const run = await article(args, env);
      assert.notEqual(run.status, 0, run.out);
      assert.match(run.out, message);
      assert.deepEqual(uploads(proxy), []);
    };
    await refused(['deploy', SITE, `s3://${BUCKET}/${PREFIX}`, '--endpoint', 'http://127.0.0.1:9', '--timeout', '2'], undefined, /cannot reach the object store at http:\/\/127\.0\.0\.1:9/);
    await refused(deployArgs(), { AWS_ACCESS_KEY_ID: 'NOBODY', AWS_SECRET_ACCESS_KEY: 'wrong' }, /refused the credentials/);
    await refused(['deploy', SITE, 's3://no-such-bucket/site', '--endpoint', `http://127.0.0.1:${proxy.server.address().port}`], undefined, /bucket no-such-bucket does not exist/);
    await refused(['deploy', ARTICLES, `s3://${BUCKET}/${PREFIX}`], undefined, /no viewer here/);
    const bare = mkdtempSync(join(tmpdir(), 'bare-viewer-'));
    cpSync('dist', bare, { recursive: true });
    rmSync(join(bare, 'articles'), { recursive: true, force: true });
    await refused(['deploy', bare, `s3://${BUCKET}/${PREFIX}`], undefined, /no index\.json: run `article index`/);
    // Most of the release gone (the articles folder emptied but for its index): refused.
    const small = mkdtempSync(join(tmpdir(), 'small-release-'));
    cpSync('dist', small, { recursive: true });
    rmSync(join(small, 'articles'), { recursive: true, force: true });
    cpSync(`${ARTICLES}/index.json`, join(small, 'index.json'));
    await refused(['deploy', small, `s3://${BUCKET}/${PREFIX}`, '--endpoint', `http://127.0.0.1:${proxy.server.address().port}`], undefined, /--allow-large-delete/);
    rmSync(bare, { recursive: true, force: true });
    rmSync(small, { recursive: true, force: true });
  });
});
