// What a blog brings (issue 22): inline code, struck, raised and lowered words as marks, notes
// linked both ways from their references (one in a collapsed section), topics at the end, and
// the library's topic filter. The fixture is tests/fixtures/valid/blog-post.json.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { topInView, until, useViewer } from './helpers.mjs';

const LIBRARY = {
  version: 1,
  articles: [
    { address: '../fixtures/blog-post.json', title: 'Moving the build to a smaller allocator', tags: ['Release notes', 'Performance'], image: 'covers/build.svg', reading_minutes: 1 },
    { address: '../fixtures/every-block.json', title: 'Every block type in one article', tags: ['Performance'], image: 'javascript:alert(1)', reading_minutes: 2 },
    { address: '../fixtures/tables-code-lists.json', title: 'Tables, code and nested lists', reading_minutes: 1 },
  ],
};

const viewer = useViewer({
  routes: () => ({
    'library/index.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(LIBRARY)),
    'library/covers/build.svg': (req, res) => res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(readFileSync('public/favicon.svg')),
  }),
});

describe('a blog post', () => {
  test('inline code, struck, lowered and raised words are marks, never HTML from the text', async () => {
    const { page, problems, context } = await viewer.view('?article=fixtures/blog-post.json');
    await page.locator('.article-lead code').waitFor();
    assert.equal(await page.textContent('.article-lead code'), '#[global_allocator]');
    assert.equal(await page.textContent('.article-lead del'), 'twice');
    assert.equal(await page.textContent('.notes li:nth-child(2) sub'), '2');
    assert.equal(await page.textContent('.notes li:nth-child(2) sup'), 'st');
    assert.equal(await page.$eval('.article-lead code', (el) => getComputedStyle(el).fontFamily.includes('monospace')), true);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a note reference leads to its note and the note leads back, even into a closed section', async () => {
    const { page, problems, context } = await viewer.view('?article=fixtures/blog-post.json');
    const first = page.locator('#note--alloc--ref');
    await first.waitFor();
    assert.equal(await first.getAttribute('aria-label'), 'Note 1');
    assert.equal(await first.getAttribute('href'), '#note--alloc');
    // The second reference to the same note carries no id: ids stay unique.
    assert.equal(await page.locator('a[href="#note--alloc"]').count(), 2);
    assert.equal(await page.locator('[id="note--alloc--ref"]').count(), 1);
    await first.click();
    await until(page, () => location.hash === '#note--alloc');
    await until(page, () => document.getElementById('note--alloc').getBoundingClientRect().top < innerHeight);
    // The second note's first reference is in "Details", which the article publishes closed.
    assert.equal(await page.getAttribute('.section-toggle >> nth=0', 'aria-expanded'), 'false');
    const back = page.locator('#note--h2o .note-back');
    assert.equal(await back.getAttribute('aria-label'), 'Back to the text of note 2');
    await back.click();
    await until(page, () => location.hash === '#note--h2o--ref');
    await until(page, () => document.querySelector('.section-toggle').getAttribute('aria-expanded') === 'true');
    await until(page, () => {
      const top = document.getElementById('note--h2o--ref').getBoundingClientRect().top;
      return top >= 0 && top < innerHeight;
    });
    assert.ok(await topInView(page, '#note--h2o--ref'));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('topics are listed at the end, blanks and repeats left out', async () => {
    const { page, context } = await viewer.view('?article=fixtures/blog-post.json');
    await page.locator('.tags li').first().waitFor();
    assert.deepEqual(await page.$$eval('.tags li', (els) => els.map((e) => e.textContent)), ['Release notes', 'Performance']);
    assert.equal(await page.textContent('.tags h2'), 'Topics');
    await context.close();
  });

  test('a library entry shows its article\'s picture, resolved against the index, and only a safe one', async () => {
    const { page, context } = await viewer.view('?index=library/index.json');
    await page.locator('.library-entry').first().waitFor();
    const images = await page.$$eval('.library-entry', (els) => els.map((e) => e.querySelector('img')?.getAttribute('src') ?? null));
    assert.equal(images[0], new URL('library/covers/build.svg', viewer.url).href);
    assert.deepEqual(images.slice(1), [null, null], 'a javascript: picture is not loaded, and an entry without one has none');
    assert.equal(await page.getAttribute('.library-entry-image', 'alt'), '');
    await until(page, () => document.querySelector('.library-entry-image').complete && document.querySelector('.library-entry-image').naturalWidth > 0);
    await context.close();
  });

  test('the library filters by topic', async () => {
    const { page, problems, context } = await viewer.view('?index=library/index.json');
    await page.locator('#library-topic').waitFor();
    const shown = () => page.$$eval('.library-entry:not([hidden]) .library-entry-title', (els) => els.map((e) => e.textContent));
    assert.equal((await shown()).length, 3);
    await page.selectOption('#library-topic', 'Performance');
    await until(page, () => document.querySelectorAll('.library-entry:not([hidden])').length === 2);
    assert.deepEqual(await shown(), [LIBRARY.articles[0].title, LIBRARY.articles[1].title]);
    await page.selectOption('#library-topic', 'Release notes');
    await until(page, () => document.querySelectorAll('.library-entry:not([hidden])').length === 1);
    await page.selectOption('#library-topic', '');
    await until(page, () => document.querySelectorAll('.library-entry:not([hidden])').length === 3);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
