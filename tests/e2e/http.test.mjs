// HTTP failures from a real local server, and where articles may come from: each failure is a
// specific alert, never a blank page; a slow download shows real progress.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { serveStatic } from './server.mjs';
import { useViewer } from './helpers.mjs';

const ARTICLE = await readFile('tests/fixtures/valid/collapsed.json');
const TIMEOUT_SECONDS = 1;
const HALF = Math.floor(ARTICLE.length / 2);
const json = { 'content-type': 'application/json' };

/**
 * A route answering with the article gzip-compressed, declaring the compressed length: `share`
 * of it at once, the rest when the function handed to `hold` is called (or after 5 s).
 */
const heldGzip = (share, headers, hold) => (req, res) => {
  const body = gzipSync(ARTICLE);
  const sent = Math.floor(body.length * share);
  res.writeHead(200, { ...json, ...headers, 'content-encoding': 'gzip', 'content-length': String(body.length) });
  res.write(body.subarray(0, sent));
  let release = () => {
    release = () => {};
    res.end(body.subarray(sent));
  };
  hold(() => release());
  setTimeout(() => release(), 5000);
};

// A second origin that the test configuration allows, and a third that it does not.
let allowed;
let other;
before(async () => {
  const cors = (req, res) => res.writeHead(200, { ...json, 'access-control-allow-origin': '*' }).end(ARTICLE);
  // Compressed, without letting the page see the encoding: most of it, then the rest on release.
  const held = heldGzip(0.9, { 'access-control-allow-origin': '*' }, (release) => (allowed.release = release));
  allowed = await serveStatic({ root: 'dist', routes: { 'article.json': cors, 'held-gzip.json': held } });
  other = await serveStatic({ root: 'dist', routes: { 'article.json': cors } });
});
after(async () => {
  await allowed?.close();
  await other?.close();
});

const viewer = useViewer({
  routes: () => ({
    // The publisher's configuration for these tests: a short time limit and one more origin.
    'viewer-config.json': (req, res) =>
      res.writeHead(200, json).end(JSON.stringify({ allowed_origins: [allowed.origin], timeout_seconds: TIMEOUT_SECONDS })),
    // As if rebuilt with that configuration: the CSP's connect-src names the extra origin.
    '': async (req, res) => {
      const html = (await readFile('dist/index.html', 'utf8')).replace("connect-src 'self'", `connect-src 'self' ${allowed.origin}`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    },
    'http/500': (req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('boom'),
    'http/html': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Home</title>'),
    'http/slow-headers': (req, res) => {
      const timer = setTimeout(() => res.writeHead(200, json).end(ARTICLE), TIMEOUT_SECONDS * 3000);
      res.on('close', () => clearTimeout(timer));
    },
    'http/slow-body': (req, res) => {
      res.writeHead(200, { ...json, 'content-length': String(ARTICLE.length) });
      res.write(ARTICLE.subarray(0, 20));
    },
    'http/truncated': (req, res) => {
      res.writeHead(200, { ...json, 'content-length': String(ARTICLE.length) });
      res.write(ARTICLE.subarray(0, 100), () => res.socket.destroy());
    },
    'http/huge-declared': (req, res) => {
      res.writeHead(200, { ...json, 'content-length': String(9 * 1024 * 1024) });
      res.write('{"version": 1, "title": "', () => res.socket.destroy());
    },
    'http/huge-streamed': (req, res) => {
      res.writeHead(200, json);
      let sent = 0;
      const chunk = Buffer.alloc(256 * 1024, 'x');
      const push = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', push);
        }
        res.end();
      };
      res.write('{"version": 1, "title": "');
      push();
    },
    // Compressed: the declared length counts compressed bytes, the page gets them decompressed.
    'http/progress-gzip': heldGzip(0.5, {}, (release) => (viewer.releaseGzip = release)),
    'http/progress': (req, res) => {
      // Half the article, then the rest once the page has shown the bar (or after 5 s).
      res.writeHead(200, { ...json, 'content-length': String(ARTICLE.length) });
      res.write(ARTICLE.subarray(0, HALF));
      viewer.releaseProgress = () => res.end(ARTICLE.subarray(HALF));
      setTimeout(() => viewer.releaseProgress?.(), 5000);
    },
  }),
});

async function alertFor(query) {
  const { page, context } = await viewer.view(query);
  const alert = await page.locator('[role=alert]').textContent();
  const retry = await page.locator('[role=alert] button', { hasText: 'Try again' }).count();
  await context.close();
  return { alert, retry };
}

describe('HTTP failures and origins, on a real local server', () => {
  test('404: not found, with status and address', async () => {
    const { alert, retry } = await alertFor('?article=http/missing.json');
    assert.match(alert, /could not be found/);
    assert.match(alert, /HTTP 404/);
    assert.match(alert, /http\/missing\.json/);
    assert.equal(retry, 0, 'retrying a 404 does not help');
  });

  test('500: a server problem, with a retry', async () => {
    const { alert, retry } = await alertFor('?article=http/500');
    assert.match(alert, /server that hosts this article has a problem/);
    assert.match(alert, /HTTP 500/);
    assert.equal(retry, 1);
  });

  test('a web page where JSON should be', async () => {
    const { alert } = await alertFor('?article=http/html');
    assert.match(alert, /web page was found where the article file should be/);
    assert.match(alert, /text\/html/);
  });

  test('no answer within the time limit', async () => {
    const { alert, retry } = await alertFor('?article=http/slow-headers');
    assert.match(alert, /took too long/);
    assert.match(alert, new RegExp(`within ${TIMEOUT_SECONDS} seconds`));
    assert.equal(retry, 1);
  });

  test('a body that stalls past the time limit', async () => {
    const { alert } = await alertFor('?article=http/slow-body');
    assert.match(alert, /took too long/);
  });

  test('a body cut off before its declared length', async () => {
    const { alert, retry } = await alertFor('?article=http/truncated');
    assert.match(alert, /download of the article broke off/);
    assert.equal(retry, 1);
  });

  test('a declared size over the limit is refused before downloading', async () => {
    const { alert } = await alertFor('?article=http/huge-declared');
    assert.match(alert, /too large/);
    assert.match(alert, /9437184 bytes/);
  });

  test('an undeclared size over the limit is cut off while streaming', async () => {
    const { alert } = await alertFor('?article=http/huge-streamed');
    assert.match(alert, /too large/);
  });

  test('a slow download shows a real progress bar', async () => {
    // Not viewer.view(): that waits for the article, which only comes after the check below.
    const context = await viewer.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${viewer.url}?article=http/progress`);
    const bar = page.locator('progress');
    await bar.waitFor({ timeout: 10000 });
    assert.equal(Number(await bar.getAttribute('max')), ARTICLE.length);
    assert.equal(Number(await bar.getAttribute('value')), HALF);
    assert.match(await page.textContent('.status-loading'), /Downloading the article: \d+ kB of \d+ kB/);
    viewer.releaseProgress();
    await page.locator('article').waitFor();
    await context.close();
  });

  /** Opens `query` on a held compressed download: the page says what has arrived, with no bar; then the rest. */
  async function receivedWithoutBar(query, release) {
    const context = await viewer.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${viewer.url}${query}`);
    await page.locator('.status-loading', { hasText: /Downloading the article: \d+ kB received/ }).waitFor({ timeout: 10000 });
    assert.equal(await page.locator('progress').count(), 0);
    release();
    await page.locator('article').waitFor();
    assert.equal(await page.textContent('h1'), 'Three collapsed sections');
    await context.close();
  }

  test('a compressed download says what has arrived, with no bar against its compressed size', async () => {
    await receivedWithoutBar('?article=http/progress-gzip', () => viewer.releaseGzip());
  });

  test('a compressed download from another origin, which hides the encoding, drops a size it outgrows', async () => {
    await receivedWithoutBar(`?article=${encodeURIComponent(`${allowed.url}held-gzip.json`)}`, () => allowed.release());
  });

  test('an allowed other origin loads; any other origin is refused with a clear message', async () => {
    const ok = await viewer.view(`?article=${encodeURIComponent(`${allowed.url}article.json`)}`);
    assert.equal(await ok.page.textContent('h1'), 'Three collapsed sections');
    await ok.context.close();
    const { alert } = await alertFor(`?article=${encodeURIComponent(`${other.url}article.json`)}`);
    assert.match(alert, /not allowed to show articles from that website/);
    assert.ok(alert.includes(other.origin), alert);
    assert.match(alert, /viewer-config\.json/);
  });
});
