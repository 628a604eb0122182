// Search that finds (issue 30), on real content: the 443 posts of four blogs in tests/fixtures/blogs/
// (Eleventy, Let's Encrypt, Jekyll, Rust) and a page of Vue's Chinese documentation
// (tests/fixtures/search-cjk/), imported, indexed and written by the real `article` command.
// The known-item queries are drawn by the relevance measure's written rule
// (src/tools/relevance.rs), not chosen here; what a phrase or a stem should find is worked out
// from the articles' own passages.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { axe, until, useViewer } from './helpers.mjs';

const SITE = 'target/e2e-search-site';
const DIR = `${SITE}/blogs`;
const WORK = 'target/e2e-search-import';
const QUERIES = `${WORK}/queries.json`;

const viewer = useViewer({ extra: { 'blogs/': `${DIR}/` } });
const LIVE = '?index=blogs/index.json';

/** Runs the real `article` command of this checkout; its output. */
function article(...args) {
  const run = spawnSync('cargo', ['run', '--quiet', '--locked', '--bin', 'article', '--', ...args], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

const fold = (text) => text.normalize('NFKD').toLowerCase().replace(/\p{M}/gu, '').replaceAll('ς', 'σ');
const words = (text) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
/** The folded words of an article's passages, as written beside the index. */
const passages = (address) => JSON.parse(readFileSync(`${DIR}/index-parts/text/${address}`, 'utf8')).passages;
const textWords = (address) => words(passages(address).map((p) => p.t).join('\n'));
let sets;
let addresses;

before(() => {
  rmSync(SITE, { recursive: true, force: true });
  rmSync(WORK, { recursive: true, force: true });
  cpSync('dist', SITE, { recursive: true });
  mkdirSync(DIR, { recursive: true });
  for (const site of ['eleventy', 'hugo', 'jekyll', 'zola']) {
    article('import', `tests/fixtures/blogs/${site}`, `${WORK}/${site}`);
    for (const name of readdirSync(`${WORK}/${site}`)) {
      if (name.endsWith('.json') && name !== 'index.json') cpSync(`${WORK}/${site}/${name}`, `${DIR}/${site}-${name}`);
    }
  }
  cpSync('tests/fixtures/search-cjk/vue-releases-zh.md', `${DIR}/vue-releases-zh.md`);
  assert.match(article('index', DIR), /444 articles/);
  article('pages', DIR, '--viewer', SITE);
  article('relevance', DIR, '--count', '20', '--queries', QUERIES);
  sets = JSON.parse(readFileSync(QUERIES, 'utf8'));
  addresses = readdirSync(`${DIR}/index-parts/text`);
});

/** Types `query` into the search box and waits for its results to be on screen. */
async function search(page, query) {
  const before = await page.evaluate(() => performance.getEntriesByName('library:settled').length);
  await page.fill('#library-search', query);
  await until(page, (n) => performance.getEntriesByName('library:settled').length > n, before, 15000);
  await until(page, () => !document.querySelector('.library-entry.is-pending'), undefined, 15000);
}

/** The addresses of the results on screen, in order, read from their links. */
const shown = (page) => page.$$eval('.library-entry:not(.is-pending) .library-entry-title a', (links) =>
  links.map((a) => decodeURIComponent(new URL(a.href).searchParams.get('article') ?? '').split('/').pop()));

describe('search over real articles, ranked, forgiving, with the passage', () => {
  test('a known item from its body is among the first five; its excerpt marks the words', async () => {
    const { page, problems, context } = await viewer.view(LIVE);
    await page.locator('.library-entry').first().waitFor();
    let found = 0;
    const tried = sets.body.slice(0, 10);
    for (const { query, address } of tried) {
      await search(page, query);
      const first = (await shown(page)).slice(0, 5);
      if (first.includes(address)) found += 1;
    }
    assert.ok(found >= 9, `${found} of ${tried.length} known items in the first five`);
    // The first query's best result shows a passage with the query's words marked, as text.
    const { query } = sets.body[0];
    await search(page, query);
    await page.locator('.library-excerpt mark').first().waitFor();
    const marked = await page.$$eval('.library-entry[aria-posinset="1"] .library-excerpt mark', (ms) => ms.map((m) => m.textContent));
    const wanted = words(query);
    assert.ok(marked.length > 0);
    for (const word of marked) {
      const folded = fold(word);
      assert.ok(wanted.some((w) => folded.startsWith(w.slice(0, 4))), `${word} marked for ${query}`);
    }
    assert.match(page.url(), new RegExp(`[?&]q=${encodeURIComponent(query).replaceAll('%20', '\\+')}`));
    const result = await axe(page);
    assert.deepEqual(result.violations, [], JSON.stringify(result.violations, null, 2));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a typo in the longer word still finds the article', async () => {
    const { page, problems, context } = await viewer.view(LIVE);
    await page.locator('.library-entry').first().waitFor();
    const tried = sets.typo.slice(0, 5);
    let found = 0;
    for (const { query, address } of tried) {
      // One word is no word of the collection: only tolerance can find the article.
      const nowhere = words(query).filter((w) => !addresses.some((a) => textWords(a).includes(w)));
      assert.equal(nowhere.length, 1, `${query}: one word in no article`);
      await search(page, query);
      if ((await shown(page)).slice(0, 5).includes(address)) found += 1;
    }
    assert.ok(found >= 4, `${found} of ${tried.length}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a phrase in quotes finds its words in a row, not merely together', async () => {
    const phrase = 'certificate authority';
    const [a, b] = phrase.split(' ');
    const both = addresses.filter((x) => { const w = textWords(x); return w.includes(a) && w.includes(b); });
    const inRow = both.filter((x) => ` ${textWords(x).join(' ')} `.includes(` ${phrase} `));
    // The phrase test means something: some articles hold both words apart only, and more
    // hold the phrase than the page looks for at first (20), so "more" is needed for all.
    assert.ok(inRow.length > 20 && inRow.length < both.length, `${inRow.length} of ${both.length}`);
    const { page, problems, context } = await viewer.view(LIVE);
    await page.locator('.library-entry').first().waitFor();
    await search(page, `"${phrase}"`);
    const count = () => page.evaluate(() => Number(document.querySelector('.library-count').textContent.replace(/\D/g, '')));
    await until(page, () => !document.querySelector('.library-more').hidden, null, 15000);
    const atFirst = await count();
    assert.ok(atFirst >= 20 && atFirst < inRow.length, `${atFirst} shown at first`);
    const first = await shown(page);
    for (const address of first) assert.ok(inRow.includes(address), `${address} holds "${phrase}"`);
    // Asking for more until none is left finds every article that holds the phrase.
    // Each round says how many of the best results it has looked in, and how many are left.
    const status = () => page.textContent('.library-more-status');
    assert.match(await status(), /^The phrase was looked for in the best \d+ results; \d+ more hold its words\.$/);
    for (let asked = 0; !(await page.locator('.library-more').isHidden()); asked += 1) {
      assert.ok(asked < 20, 'more results end');
      const [before, said] = [await count(), await status()];
      await page.click('.library-more button');
      await until(page, (was) => document.querySelector('.library-more').hidden || document.querySelector('.library-more-status').textContent !== was, said, 15000);
      assert.ok((await count()) >= before);
    }
    assert.equal(await count(), inRow.length);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a word finds the other forms of its stem, ranked below the word itself', async () => {
    // "revoking" as a finished word (a space after it): no prefix, so any result without it
    // was found by its stem (revoke, revoked, revokes).
    const holds = addresses.filter((x) => textWords(x).includes('revoking'));
    const stemOnly = addresses.filter((x) => { const w = textWords(x); return !w.includes('revoking') && w.some((v) => /^revok(e|ed|es)$/.test(v)); });
    assert.ok(holds.length > 0 && stemOnly.length > 0, `${holds.length} ${stemOnly.length}`);
    const { page, problems, context } = await viewer.view(LIVE);
    await page.locator('.library-entry').first().waitFor();
    await search(page, 'revoking ');
    await until(page, (n) => document.querySelector('.library-count').textContent === `Articles shown: ${n}`, holds.length + stemOnly.length, 15000);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('Chinese, written without spaces, is found inside a run of text', async () => {
    const { page, problems, context } = await viewer.view(LIVE);
    await page.locator('.library-entry').first().waitFor();
    await search(page, '预发布');
    assert.deepEqual(await shown(page), ['vue-releases-zh.json']);
    await page.locator('.library-excerpt mark').first().waitFor();
    const marked = await page.$$eval('.library-excerpt mark', (ms) => ms.map((m) => m.textContent));
    assert.ok(marked.some((m) => m.includes('发布')), marked.join());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('relevance first; newest first is one click away and stays in the address', async () => {
    const { page, problems, context } = await viewer.view(LIVE);
    await page.locator('.library-entry').first().waitFor();
    await search(page, 'certificate');
    const ranked = await shown(page);
    const order = page.locator('.library-order');
    assert.equal(await order.getAttribute('aria-pressed'), 'false');
    const before = await page.evaluate(() => performance.getEntriesByName('library:settled').length);
    await order.click();
    await until(page, (n) => performance.getEntriesByName('library:settled').length > n, before, 15000);
    await until(page, () => !document.querySelector('.library-entry.is-pending'), undefined, 15000);
    assert.equal(await order.getAttribute('aria-pressed'), 'true');
    assert.match(page.url(), /[?&]order=newest/);
    const dates = await page.$$eval('.library-entry time', (ts) => ts.map((t) => Date.parse(t.getAttribute('datetime'))));
    assert.ok(dates.length > 3);
    assert.deepEqual(dates, [...dates].sort((x, y) => y - x), 'newest first');
    assert.notDeepEqual(await shown(page), ranked);
    // The address opens the same search in the same order.
    const again = await viewer.view(`${LIVE}&q=certificate&order=newest`);
    await until(again.page, () => /Articles shown/.test(document.querySelector('.library-count')?.textContent), undefined, 15000);
    await until(again.page, () => !document.querySelector('.library-entry.is-pending'), undefined, 15000);
    assert.equal(await again.page.inputValue('#library-search'), 'certificate');
    assert.deepEqual((await shown(again.page)).slice(0, 5), (await shown(page)).slice(0, 5));
    await again.context.close();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the excerpt leads to its section, opened, with the words marked until the reader moves on', async () => {
    for (const start of [LIVE, 'blogs/library.html']) {
      const { page, problems, context } = await viewer.view(start);
      await page.locator('.library-entry').first().waitFor();
      const { query } = sets.body[1];
      await search(page, query);
      const link = page.locator('.library-entry[aria-posinset="1"] .library-excerpt a');
      await link.waitFor();
      const href = await link.getAttribute('href');
      const section = decodeURIComponent(href.split('#')[1]);
      assert.ok(section, href);
      if (start === LIVE) assert.match(href, /\?article=.*&hl=.*#/);
      else assert.match(href, /^[^?]*\.html\?hl=.*#/);
      await link.click();
      await page.locator('mark.search-hit').first().waitFor({ timeout: 15000 });
      const inSection = await page.$$eval('mark.search-hit', (ms, id) => ms.map((m) => [m.closest('.section')?.id, m.textContent]), section);
      const wanted = words(query);
      for (const [id, text] of inSection) {
        assert.equal(id, section, 'marks only in the section the link leads to');
        assert.ok(wanted.some((w) => fold(text).startsWith(w.slice(0, 4))), `${text} for ${query}`);
      }
      const toggle = await page.$(`[id="${section}--toggle"]`);
      if (toggle) assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      assert.ok(!page.url().includes('hl='), 'the marks are not part of the address kept');
      await page.keyboard.press('Escape');
      await until(page, () => document.querySelectorAll('mark.search-hit').length === 0, undefined, 15000);
      // Real posts link pictures on their own hosts, which this machine cannot reach.
      assert.deepEqual(problems.filter((p) => !p.includes('ERR_NAME_NOT_RESOLVED')), []);
      await context.close();
    }
  });
});
