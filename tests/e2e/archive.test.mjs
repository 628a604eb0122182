// A library in parts (issue 23): an archive of 2,500 generated articles indexed by the real
// `article index` with pages of 100, opened, paged through real addresses and searched. What
// the page should show is worked out here from the generated articles themselves, by the
// format's rules (newest instant first; folded words, every word of the text; the word being
// typed as a prefix from three letters), not from the index the command wrote. Searches here
// ask for newest first (`&order=newest`), the order these rules give; relevance is
// tests/e2e/search.test.mjs's.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { axe, useViewer, until } from './helpers.mjs';
import { archiveArticle, writeArchive } from '../../bench/archive-generate.mjs';

const COUNT = 2500;
const PER_PAGE = 100;
// The archive sits in a copy of the build, as a publisher's would, so that `article pages` can
// write the library's pages beside it; the server maps it beside the build it copies.
const SITE = 'target/e2e-archive-site';
const DIR = `${SITE}/archive`;

/** The generated articles as the library lists them: newest instant first, ties by title. */
const ARTICLES = Array.from({ length: COUNT }, (_, i) => ({ ...archiveArticle(i), address: `a-${String(i).padStart(6, '0')}.json` }))
  .sort((a, b) => Date.parse(b.published) - Date.parse(a.published) || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));

const fold = (text) => text.normalize('NFKD').toLowerCase().replace(/\p{M}/gu, '').replaceAll('ς', 'σ');
const words = (text) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
/** Every word an article shows: its title, standfirst, label, authors, topics and text. */
const shownWords = (a) => words([a.title, a.standfirst, a.label, ...a.authors, ...a.tags,
  ...a.sections.flatMap((s) => [s.heading ?? '', ...s.blocks.map((b) => b.text)])].join(' '));
const VOCABULARY = new Set(ARTICLES.flatMap(shownWords));
/**
 * The titles of the articles a query of spaced words finds, newest first: each word exactly,
 * the last (being typed) as a prefix from three letters. The words chosen below have no other
 * word of the same stem in the archive (checked by `noOtherStems`), so stemming adds nothing.
 */
function expected(query) {
  const wanted = words(query);
  return ARTICLES.filter((a) => {
    const have = shownWords(a);
    return wanted.every((w, i) => have.some((h) => (i === wanted.length - 1 && w.length >= 3 ? h.startsWith(w) : h === w)));
  }).map((a) => a.title);
}
/** Asserts that no word of the archive begins with `stem` but for words beginning with `word`. */
function noOtherStems(stem, word) {
  const others = [...VOCABULARY].filter((w) => w.startsWith(stem) && !w.startsWith(word));
  assert.deepEqual(others, [], `words that could share the stem of ${word}`);
}

const viewer = useViewer({ extra: { 'archive/': `${DIR}/` } });
const INDEX = '?index=archive/index.json';
const NEWEST = `${INDEX}&order=newest`;

/** Runs the real `article` command of this checkout; its output. */
function article(...args) {
  const run = spawnSync('cargo', ['run', '--quiet', '--locked', '--bin', 'article', '--', ...args], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

before(() => {
  rmSync(SITE, { recursive: true, force: true });
  cpSync('dist', SITE, { recursive: true });
  writeArchive(DIR, COUNT);
  article('index', DIR, '--page-size', String(PER_PAGE));
  assert.match(article('pages', DIR, '--viewer', SITE), /the library in 25 pages/);
});

/** Opens `suffix` recording every request to the archive's parts. */
async function open(suffix) {
  const opened = await viewer.view(suffix);
  return opened;
}
async function openRecording(suffix) {
  const { openPage } = await import('./browser.mjs');
  const opened = await openPage(viewer.browser);
  opened.parts = [];
  opened.page.on('request', (request) => {
    const match = request.url().match(/index-parts\/(.+)$/);
    if (match) opened.parts.push(match[1]);
  });
  await opened.page.goto(viewer.url + suffix);
  await opened.page.locator('.library, [role=alert]').first().waitFor({ timeout: 15000 });
  return opened;
}

const titles = (page) => page.$$eval('.library-entry:not(.is-pending) .library-entry-title', (els) => els.map((e) => e.textContent));
const count = (page) => page.textContent('.library-count');

describe('an archive of 2,500 articles in pages of 100', () => {
  test('the first screen comes from index.json alone; only rows near the viewport are built', async () => {
    const { page, parts, problems, context } = await openRecording(INDEX);
    await page.locator('.library-entry').first().waitFor();
    assert.deepEqual(parts, [], 'nothing but the index was needed for the first screen');
    assert.equal(await count(page), 'Articles 1–100 of 2,500');
    const shown = await titles(page);
    assert.deepEqual(shown, ARTICLES.slice(0, shown.length).map((a) => a.title));
    const rows = await page.locator('.library-entry').count();
    assert.ok(rows > 4 && rows < PER_PAGE, `${rows} rows built of 100`);
    assert.deepEqual(await page.$eval('.library-entry', (li) => [li.getAttribute('aria-posinset'), li.getAttribute('aria-setsize')]), ['1', '100']);
    // The last entry of the page is reached by scrolling to the end (again, as a reader
    // pressing End again would, while rows measured below make the list longer).
    const hundredth = await until(page, () => {
      window.scrollTo({ top: document.body.scrollHeight, behavior: 'instant' });
      return document.querySelector('.library-entry[aria-posinset="100"]:not(.is-pending) .library-entry-title')?.textContent;
    });
    assert.equal(await hundredth.jsonValue(), ARTICLES[99].title);
    assert.ok(await page.locator('.library-entry').count() < PER_PAGE);
    assert.deepEqual(parts, []);
    assert.deepEqual(problems, []);
    const result = await axe(page);
    assert.deepEqual(result.violations, [], JSON.stringify(result.violations, null, 2));
    await context.close();
  });

  test('older and newer pages are links with their own addresses; back returns', async () => {
    const { page, parts, problems, context } = await openRecording(INDEX);
    await page.locator('.library-entry').first().waitFor();
    const older = page.locator('.library-pager a[rel=next]');
    assert.equal(await older.textContent(), 'Older articles');
    assert.equal(await older.getAttribute('href'), '?index=archive%2Findex.json&page=2');
    assert.equal(await page.locator('.library-pager a[rel=prev]').count(), 0);
    // From the keyboard: the link sits below a list whose rows are measured as it scrolls into
    // view, so a pointer aimed at it while it settles could land on an entry.
    await older.focus();
    await page.keyboard.press('Enter');
    await until(page, () => document.querySelector('.library-count').textContent === 'Articles 101–200 of 2,500');
    assert.match(page.url(), /[?&]page=2$/);
    await until(page, (title) => document.querySelector('.library-entry:not(.is-pending) .library-entry-title')?.textContent === title, ARTICLES[100].title);
    // Named by its content, as index.json gives it.
    assert.deepEqual(parts.map((name) => name.replace(/\.[0-9a-f]{8}\.json$/, '.json')), ['page-2.json']);
    assert.match(parts[0], /^page-2\.[0-9a-f]{8}\.json$/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'library-title');
    await page.goBack();
    await until(page, () => document.querySelector('.library-count').textContent === 'Articles 1–100 of 2,500');
    assert.equal(await page.textContent('.library-entry-title'), ARTICLES[0].title);
    assert.deepEqual(problems, []);
    await context.close();
    // The last page, opened by its address.
    const last = await openRecording(`${INDEX}&page=25`);
    await last.page.locator('.library-entry:not(.is-pending)').first().waitFor();
    assert.equal(await count(last.page), 'Articles 2,401–2,500 of 2,500');
    assert.equal(await last.page.textContent('.library-entry-title'), ARTICLES[2400].title);
    assert.equal(await last.page.locator('.library-pager a[rel=next]').count(), 0);
    assert.equal(await last.page.getAttribute('.library-pager a[rel=prev]', 'href'), '?index=archive%2Findex.json&page=24');
    assert.deepEqual(last.problems, []);
    await last.context.close();
  });

  test('search covers every page, folds case and accents in any script, and downloads only what it needs', async () => {
    const { page, parts, problems, context } = await openRecording(NEWEST);
    await page.locator('.library-entry').first().waitFor();
    // Greek in capitals without accents finds "Αθήνα".
    noOtherStems('αθην', 'αθηνα');
    const athens = expected('ΑΘΗΝΑ');
    assert.ok(athens.length > 10 && athens.length < COUNT / 10, `${athens.length}`);
    await page.fill('#library-search', 'ΑΘΗΝΑ');
    await until(page, (n) => document.querySelector('.library-count').textContent === `Articles shown: ${n}`, athens.length);
    await until(page, () => !document.querySelector('.library-entry.is-pending'));
    const shown = await titles(page);
    assert.deepEqual(shown, athens.slice(0, shown.length));
    assert.equal(await page.isVisible('.library-pager'), false, 'no pages while searching');
    const chunks = parts.filter((p) => p.startsWith('search-'));
    const pages = parts.filter((p) => p.startsWith('page-'));
    assert.ok(chunks.length >= 1 && chunks.length <= 2, chunks.join());
    assert.ok(pages.length <= shown.length && pages.length < COUNT / PER_PAGE, pages.join());
    // Japanese without spaces: pairs of characters.
    await page.fill('#library-search', '図書館');
    const library = ARTICLES.filter((a) => a.title.includes('図書館')).map((a) => a.title);
    // As many as for ΑΘΗΝΑ, maybe: the first title says the list is this query's.
    await until(page, (n) => document.querySelector('.library-count').textContent === `Articles shown: ${n}`
      && document.querySelector('.library-entry-title')?.textContent.includes('図書館'), library.length);
    await until(page, () => !document.querySelector('.library-entry.is-pending'));
    assert.deepEqual(await titles(page), library.slice(0, (await titles(page)).length));
    // Two words, the second as typed so far, and the label filter through the index.
    const query = 'after ren';
    noOtherStems('afte', 'after');
    const review = ARTICLES.filter((a) => a.label === 'Review').map((a) => a.title);
    const both = expected(query).filter((t) => review.includes(t));
    await page.fill('#library-search', query);
    await page.selectOption('#library-label', 'Review');
    await until(page, (n) => document.querySelector('.library-count').textContent === `Articles shown: ${n}`, both.length);
    await until(page, () => !document.querySelector('.library-entry.is-pending'));
    assert.deepEqual(await titles(page), both.slice(0, (await titles(page)).length));
    await page.fill('#library-search', 'zzzzqx');
    await until(page, () => document.querySelector('.library-count').textContent === 'Articles shown: 0');
    assert.equal(await page.isVisible('.library-none'), true);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the library pages `article pages` wrote are read without JavaScript, and taken over with it', async () => {
    const { openPage } = await import('./browser.mjs');
    const still = await openPage(viewer.browser, { javaScriptEnabled: false });
    await still.page.goto(`${viewer.url}archive/library-2.html`);
    assert.equal(await count(still.page), 'Articles 101–200 of 2,500');
    const written = await titles(still.page);
    assert.deepEqual(written, ARTICLES.slice(100, 200).map((a) => a.title), 'every entry of the page is written');
    assert.equal(await still.page.getAttribute('.library-entry-title a', 'href'), ARTICLES[100].address.replace('.json', '.html'));
    assert.equal(await still.page.getAttribute('.library-pager a[rel=prev]', 'href'), 'library.html');
    assert.equal(await still.page.getAttribute('.library-pager a[rel=next]', 'href'), 'library-3.html');
    await still.page.click('.library-pager a[rel=next]');
    assert.equal(await count(still.page), 'Articles 201–300 of 2,500');
    await still.context.close();
    // With JavaScript: the live page takes the written one's place, on the same page.
    const { page, problems, context } = await openRecording('archive/library-2.html');
    await page.locator('#library-search').waitFor();
    assert.equal(await page.locator('#library-written').count(), 0);
    assert.equal(await page.locator('.library').count(), 1);
    assert.equal(await count(page), 'Articles 101–200 of 2,500');
    await until(page, (title) => document.querySelector('.library-entry:not(.is-pending) .library-entry-title')?.textContent === title, ARTICLES[100].title);
    const link = await page.getAttribute('.library-entry-title a', 'href');
    assert.ok(link.startsWith('../?article='), link);
    await page.fill('#library-search', 'ΑΘΗΝΑ');
    await until(page, (n) => document.querySelector('.library-count').textContent === `Articles shown: ${n}`, expected('ΑΘΗΝΑ').length);
    assert.deepEqual(problems, []);
    const result = await axe(page);
    assert.deepEqual(result.violations, [], JSON.stringify(result.violations, null, 2));
    await context.close();
  });

  test('focus stays on an entry while the entries of the others arrive', async () => {
    const { page, problems, context } = await open(NEWEST);
    await page.locator('.library-entry').first().waitFor();
    // Fifty results scattered over the library: each row downloads its article's card.
    const athens = expected('ΑΘΗΝΑ');
    const firstNumber = ARTICLES.length - 1 - ARTICLES.findIndex((a) => a.title === athens[0]);
    // Every other card is held back until the first entry has the reader's focus.
    const held = [];
    await page.route('**/index-parts/cards/*.json', (route) => {
      if (route.request().url().endsWith(`/cards/${firstNumber}.json`)) route.continue();
      else held.push(route);
    });
    await page.fill('#library-search', 'ΑΘΗΝΑ');
    // The results replace the page's entries; the first of them is focused once it is here.
    await until(page, (n) => document.querySelector('.library-count').textContent === `Articles shown: ${n}`, athens.length);
    const link = page.locator('.library-entry[aria-posinset="1"]:not(.is-pending) a');
    await until(page, (title) => document.querySelector('.library-entry[aria-posinset="1"]:not(.is-pending) a')?.textContent === title, athens[0]);
    await link.focus();
    // The other rows' cards have been asked for (and are held).
    for (const deadline = Date.now() + 5000; held.length === 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(held.length > 0, 'other cards were on their way');
    const focused = await link.elementHandle();
    for (const route of held.splice(0)) await route.continue();
    await page.unroute('**/index-parts/cards/*.json');
    await until(page, () => !document.querySelector('.library-entry.is-pending'));
    assert.deepEqual(await page.evaluate((el) => [el.isConnected, document.activeElement === el], focused), [true, true]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a word being typed that most articles hold shows its best; typed whole, all of them', async () => {
    const { page, parts, problems, context } = await openRecording(INDEX);
    await page.locator('.library-entry').first().waitFor();
    noOtherStems('afte', 'after');
    const all = expected('after');
    assert.ok(all.length > 1000, `${all.length}: more than a form of a word downloads whole`);
    // "afte" is a word being typed: "after" is a form of it, held by too many articles for
    // its rest, so even once the reader pauses the page shows its best, and says so.
    await page.fill('#library-search', 'afte');
    await until(page, () => /^Articles shown: at least \d+$/.test(document.querySelector('.library-count').textContent), undefined, 15000);
    await until(page, () => !document.querySelector('.library-entry.is-pending'));
    const best = await page.getAttribute('.library-entry', 'aria-setsize');
    assert.equal(await count(page), `Articles shown: at least ${best}`);
    assert.ok(Number(best) >= 32 && Number(best) < all.length, best);
    for (const title of await titles(page)) assert.ok(all.includes(title), title);
    assert.deepEqual(parts.filter((p) => p.startsWith('rest-')), [], 'no rest for a form of a word');
    // Typed whole, the word's rest is downloaded: every article holding it.
    await page.fill('#library-search', 'after');
    await until(page, (n) => document.querySelector('.library-count').textContent === `Articles shown: ${n.toLocaleString('en')}`, all.length, 15000);
    assert.equal(parts.filter((p) => p.startsWith('rest-')).length, 1, parts.join());
    const result = await axe(page);
    assert.deepEqual(result.violations, [], JSON.stringify(result.violations, null, 2));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a long list of results is built near the viewport only, and its end is reached by scrolling', async () => {
    const { page, problems, context } = await open(NEWEST);
    await page.locator('.library-entry').first().waitFor();
    const common = expected('after');
    assert.ok(common.length > 500, `${common.length}`);
    await page.fill('#library-search', 'after');
    await until(page, (n) => document.querySelector('.library-count').textContent === `Articles shown: ${n.toLocaleString('en')}`, common.length);
    assert.equal(await page.getAttribute('.library-entry', 'aria-setsize'), String(common.length));
    const last = String(common.length);
    const lastTitle = await until(page, (n) => {
      window.scrollTo({ top: document.body.scrollHeight, behavior: 'instant' });
      return document.querySelector(`.library-entry[aria-posinset="${n}"]:not(.is-pending) .library-entry-title`)?.textContent;
    }, last, 15000);
    assert.equal(await lastTitle.jsonValue(), common.at(-1));
    const rows = await page.locator('.library-entry').count();
    assert.ok(rows < 80, `${rows} rows built of ${common.length}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an article whose date changes moves in the list and in the results, its number kept', async () => {
    // The oldest article holding ΑΘΗΝΑ becomes the newest of the archive.
    const athens = expected('ΑΘΗΝΑ');
    const moving = ARTICLES.find((a) => a.title === athens.at(-1));
    const path = `${DIR}/${moving.address}`;
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(original), published: '2031-01-01T00:00:00Z' }));
    try {
      assert.match(article('index', DIR, '--page-size', String(PER_PAGE)), /1 files read, 2499 known from index\.cache, patched in place/);
      const { page, problems, context } = await open(`${NEWEST}&q=${encodeURIComponent('ΑΘΗΝΑ')}`);
      await until(page, (n) => document.querySelector('.library-count').textContent === `Articles shown: ${n}`, athens.length);
      await until(page, () => !document.querySelector('.library-entry.is-pending'));
      const shown = await titles(page);
      assert.deepEqual(shown, [moving.title, ...athens.slice(0, -1)].slice(0, shown.length));
      assert.ok(shown.length > 5, `${shown.length} rows`);
      // The list without a search has it first too.
      await page.fill('#library-search', '');
      await until(page, (title) => document.querySelector('.library-entry:not(.is-pending) .library-entry-title')?.textContent === title, moving.title);
      assert.deepEqual(problems, []);
      await context.close();
    } finally {
      writeFileSync(path, original);
      article('index', DIR, '--page-size', String(PER_PAGE));
    }
  });
});
