// The library page (?index=): every article of an index.json with its label, paid marker,
// date, reading time and standfirst; search as you type and the label filter; an article
// opened from it has a way back; failures have an alert; axe finds nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, until, useViewer } from './helpers.mjs';

/** An index as `article index` writes it, its addresses relative to it (library/). */
const LIBRARY = {
  version: 1,
  articles: [
    {
      address: '../fixtures/tables-code-lists.json',
      title: 'Tables, code and nested lists',
      standfirst: 'A fixture for the blocks that real articles need most after paragraphs.',
      label: 'Report',
      lang: 'en',
      published: '2025-12-07T10:30:00+0100',
      reading_minutes: 1,
    },
    {
      address: '../fixtures/every-block.json',
      title: 'Every block type in one article',
      standfirst: 'A fixture that exercises each part of format version 1.',
      label: 'Analysis',
      lang: 'en-GB',
      sponsor: 'Example Sponsor',
      authors: ['Ada Example'],
      published: '2025-12-05',
      reading_minutes: 2,
    },
    {
      address: '../fixtures/right-to-left.json',
      title: 'مقال تجريبي من اليمين إلى اليسار',
      standfirst: 'نص قصير يوضح اتجاه الكتابة.',
      lang: 'ar',
      published: '2025-12-05',
      reading_minutes: 1,
    },
  ],
};

const viewer = useViewer({
  routes: () => ({
    'library/index.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(LIBRARY)),
    'library/broken.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ version: 1, articles: [{ address: 'a.json', title: 5, reading_minutes: 1 }] })),
  }),
});

/** The titles of the entries shown now. */
/** The titles of the entries shown. */
const SHOWN_TITLES = '.library-entry:not([hidden]) .library-entry-title';
const shownTitles = (page) => page.$$eval(SHOWN_TITLES, (els) => els.map((e) => e.textContent));

describe('the library page', () => {
  test('lists every article with its label, paid marker, date, reading time and standfirst', async () => {
    const { page, problems, context } = await viewer.view('?index=library/index.json');
    await page.locator('.library').waitFor();
    assert.equal(await page.locator('h1').textContent(), 'Articles');
    assert.equal(await page.title(), 'Articles');
    assert.deepEqual(await shownTitles(page), LIBRARY.articles.map((a) => a.title));
    const second = await page.$eval('.library-entry:nth-child(2)', (li) => ({
      kicker: li.querySelector('.kicker').textContent,
      paid: li.querySelector('.paid-line').textContent,
      meta: li.querySelector('.meta').textContent,
      standfirst: li.querySelector('.standfirst').textContent,
      lang: li.lang,
    }));
    assert.deepEqual(second, {
      kicker: 'Analysis',
      paid: 'Sponsored Paid for by Example Sponsor',
      meta: 'December 5, 20252 min read',
      standfirst: LIBRARY.articles[1].standfirst,
      lang: 'en-GB',
    });
    // An entry in another language and direction: its own lang and dir, the interface's
    // lines marked as the interface's.
    const arabic = await page.$eval('.library-entry:nth-child(3)', (li) => [li.lang, li.dir, li.querySelector('.meta').lang, li.querySelector('.meta').dir]);
    assert.deepEqual(arabic, ['ar', 'rtl', 'en', 'ltr']);
    assert.equal(await page.locator('.paid-line').count(), 1, 'only the sponsored article is marked');
    assert.deepEqual(problems, []);
    const result = await axe(page);
    assert.deepEqual(result.violations, [], JSON.stringify(result.violations, null, 2));
    await context.close();
  });

  test('the search filters by title and standfirst as you type; the label filter by label', async () => {
    const { page, context } = await viewer.view('?index=library/index.json');
    await page.locator('.library').waitFor();
    // Each change is searched in a task of its own: wait for the list it gives.
    const becomes = (titles) => until(page, ([selector, want]) => JSON.stringify([...document.querySelectorAll(selector)]
      .map((e) => e.textContent)) === JSON.stringify(want), [SHOWN_TITLES, titles]);
    await page.fill('#library-search', 'NESTED');
    await becomes(['Tables, code and nested lists']);
    assert.equal(await page.textContent('.library-count'), 'Articles shown: 1');
    await page.fill('#library-search', 'each part');
    // The standfirst counts.
    await becomes(['Every block type in one article']);
    await page.fill('#library-search', 'zebra');
    await becomes([]);
    assert.equal(await page.isVisible('.library-none'), true);
    await page.fill('#library-search', '');
    await page.selectOption('#library-label', 'Report');
    await becomes(['Tables, code and nested lists']);
    await page.selectOption('#library-label', '');
    await becomes(LIBRARY.articles.map((a) => a.title));
    assert.equal(await page.isVisible('.library-none'), false);
    await context.close();
  });

  test('an article opened from the library has a way back to it', async () => {
    const { page, problems, context } = await viewer.view('?index=library/index.json');
    await page.locator('.library').waitFor();
    await page.click('text=Every block type in one article');
    await page.locator('article h1').waitFor();
    assert.equal(await page.locator('article h1').textContent(), 'Every block type in one article');
    const back = page.locator('.back-link a');
    assert.equal(await back.textContent(), 'Back to the articles');
    await back.click();
    await page.locator('.library').waitFor();
    assert.equal((await shownTitles(page)).length, 3);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a library that cannot be read gets an alert naming the field or the status', async () => {
    let opened = await viewer.view('?index=library/broken.json');
    let alert = await opened.page.locator('[role=alert]').textContent();
    assert.match(alert, /The list of articles could not be read\./);
    assert.match(alert, /articles\[0\]\.title/);
    await opened.context.close();
    opened = await viewer.view('?index=library/missing.json');
    alert = await opened.page.locator('[role=alert]').textContent();
    assert.match(alert, /The list of articles could not be read\./);
    assert.match(alert, /404/);
    await opened.context.close();
  });

  test('the build ships a library: the sample, a long guide and a right-to-left article', async () => {
    const { page, problems, context } = await viewer.view('?index=articles/index.json');
    await page.locator('.library').waitFor();
    const titles = await shownTitles(page);
    assert.equal(titles.length, 3);
    assert.ok(titles.includes('From a Markdown file to a library of articles'), titles.join(' | '));
    await page.click('text=איך קוראים כתבה במציג');
    await page.locator('article h1').waitFor();
    assert.equal(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join()), 'he,rtl');
    assert.equal((await page.locator('.section-toggle-hint').first().textContent()).trim(), 'הסתרה');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

// A publisher whose viewer-config.json names the library as the home page.
const home = useViewer({
  routes: () => ({
    'viewer-config.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ home: { index: 'articles/index.json' } })),
  }),
});

describe('the home page named in viewer-config.json', () => {
  test('without ?article= or ?index=, the page shows the library the configuration names', async () => {
    const { page, problems, context } = await home.view('');
    await page.locator('.library').waitFor();
    assert.equal((await shownTitles(page)).length, 3);
    assert.equal(await page.locator('article').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an address still wins over the home page', async () => {
    const { page, context } = await home.view('?article=fixtures/minimal.json');
    await page.locator('article h1').waitFor();
    assert.equal(await page.locator('.library').count(), 0);
    await context.close();
  });
});

