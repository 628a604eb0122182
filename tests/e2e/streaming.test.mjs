// A long article is shown while it downloads: the server sends the start of the document and
// holds the rest until the test has checked the page, so "before" and "after" are certain.
// Every section that has arrived is on the page before the document is complete.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { until, useViewer } from './helpers.mjs';
import { SECTIONS, heldRoute, holdAt, longArticle } from './long-article.mjs';

// One held download per route; `release[name]()` sends the rest.
const release = {};
const ARTICLES = {
  'stream/plain.json': longArticle(),
  'stream/changed.json': longArticle({ after: { authors: ['A. Writer'] } }),
  'stream/figures-after.json': longArticle({ figuresAfter: true, after: { copyright: '© The Publisher' } }),
  'stream/broken.json': longArticle({ brokenEnd: true }),
  'stream/show-all.json': longArticle(),
};
const viewer = useViewer({
  routes: () => Object.fromEntries(Object.entries(ARTICLES).map(([name, body]) => [name, heldRoute(body, (rest) => (release[name] = rest))])),
});

/** Opens `name` and waits until its start is on screen (the rest is still held). */
async function openHeld(name) {
  const context = await viewer.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${viewer.url}?article=${name}`);
  await page.locator('#part-40').waitFor({ timeout: 15000 });
  return { context, page, errors };
}

// The children of the sections' column, through the groups sections are built in.
const SECTIONS_AND_AFTER = '.article-sections > :not(.section-group), .section-group > *';
const sectionIds = (page) => page.$$eval('.section', (all) => all.map((s) => s.id));

describe('a long article shown while it downloads', () => {
  test('its start shows, says the rest is coming, and the rest is added in place', async () => {
    const { context, page, errors } = await openHeld('stream/plain.json');
    // Before the rest: title, lead, the early sections, the key figure marked in its section.
    assert.equal(await page.textContent('h1'), 'A long article');
    // Sections after the start are added as they arrive: every one complete so far, with its
    // contents entry, and none beyond.
    await page.locator('#part-59').waitFor();
    await page.locator('a.contents-link[href="#part-59"]').waitFor();
    assert.equal(await page.locator('#part-60').count(), 0);
    // How much has arrived, of the total the server said, named by the note.
    const body = ARTICLES['stream/plain.json'];
    await page.waitForFunction((sent) => document.querySelector('.article-more progress')?.value === sent, holdAt(body));
    assert.equal(await page.$eval('.article-more progress', (bar) => bar.max), body.length);
    assert.equal(await page.$eval('.article-more progress', (bar) => document.getElementById(bar.getAttribute('aria-labelledby')).textContent),
      'Loading the rest of the article…');
    assert.match(await page.textContent('.article-more'), /Loading the rest of the article/);
    // The note stands where what is shown ends: after the last section so far, before the
    // figures' reader-mode summary and the article's end.
    assert.deepEqual(await page.$$eval(SECTIONS_AND_AFTER, (all) => all.slice(-5).map((e) => e.id || e.className)),
      ['part-58', 'part-59', 'article-more', 'reader-only', 'article-end']);
    assert.equal(await page.getAttribute('.article-sections', 'aria-busy'), 'true');
    assert.equal(await page.textContent('mark.figure-anchor'), 'Figure 2 is stated');
    assert.equal(await page.locator('.meta-item', { hasText: 'min read' }).count(), 0, 'reading time needs all the text');
    // The reader opens a collapsed early section before the rest arrives.
    await page.click('#part-2--toggle');
    const early = await page.evaluateHandle(() => document.getElementById('part-1'));

    release['stream/plain.json']();
    await page.locator(`#part-${SECTIONS}`).waitFor();
    const ids = await sectionIds(page);
    assert.equal(ids.length, SECTIONS + 1);
    assert.equal(ids[0], 'lead');
    assert.deepEqual(ids.slice(1), Array.from({ length: SECTIONS }, (_, i) => `part-${i + 1}`));
    // Every section comes before the figures' summary and the article's end.
    assert.deepEqual(await page.$$eval(SECTIONS_AND_AFTER, (all) => all.slice(-3).map((e) => e.id || e.className)),
      [`part-${SECTIONS}`, 'reader-only', 'article-end']);
    // Added to, not rebuilt: the same element, the reader's choice kept; the note is gone.
    assert.ok(await page.evaluate((node) => node === document.getElementById('part-1'), early));
    assert.equal(await page.getAttribute('#part-2--toggle', 'aria-expanded'), 'true');
    assert.equal(await page.locator('.article-more').count(), 0);
    assert.equal(await page.getAttribute('.article-sections', 'aria-busy'), null);
    assert.match(await page.textContent('.article-header .meta'), /\d+ min read/);
    await page.waitForFunction((n) => document.querySelectorAll('a.contents-link').length === n, SECTIONS);
    const links = await page.$$eval('a.contents-link', (all) => all.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, Array.from({ length: SECTIONS }, (_, i) => `#part-${i + 1}`));
    // A late section behaves like any other.
    await page.click(`#part-${SECTIONS - 1}--toggle`);
    assert.equal(await page.getAttribute(`#part-${SECTIONS - 1}--toggle`, 'aria-expanded'), 'false');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('"show all" pressed while the rest is arriving also opens the rest', async () => {
    const { context, page, errors } = await openHeld('stream/show-all.json');
    await page.click('button.show-all');
    assert.equal(await page.getAttribute('#part-40--toggle', 'aria-expanded'), 'true');
    release['stream/show-all.json']();
    await page.locator(`#part-${SECTIONS}`).waitFor();
    // Published collapsed (every even part), opened because the reader asked for all.
    assert.equal(await page.getAttribute(`#part-${SECTIONS}--toggle`, 'aria-expanded'), 'true');
    assert.equal(await page.locator('.section-panel[hidden]').count(), 0);
    await page.waitForFunction(() => document.querySelector('button.show-all').textContent === 'Hide all sections');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a field after the sections that changes what is shown gets the page built again', async () => {
    const { context, page, errors } = await openHeld('stream/changed.json');
    assert.equal(await page.locator('.byline').count(), 0);
    release['stream/changed.json']();
    await page.locator(`#part-${SECTIONS}`).waitFor();
    await page.locator('.byline', { hasText: 'By A. Writer' }).waitFor();
    // The page built again adds its sections a slice at a time: count them once it says all
    // are in (the early page it replaced never says so: its end never came).
    await until(page, () => performance.getEntriesByName('viewer:complete').length > 0, undefined, 15000);
    assert.equal((await sectionIds(page)).length, SECTIONS + 1);
    assert.equal(await page.locator('.article-more').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('key figures and a copyright line after the sections fill in their places; nothing is rebuilt', async () => {
    const { context, page, errors } = await openHeld('stream/figures-after.json');
    // The rail is in place, with the contents and no figures yet.
    assert.equal(await page.locator('.article-rail .contents').count(), 1);
    assert.equal(await page.locator('.key-figures').count(), 0);
    const first = await page.evaluateHandle(() => document.getElementById('part-1'));
    const textTop = await page.$eval('#part-1', (s) => s.getBoundingClientRect().top);
    release['stream/figures-after.json']();
    await page.locator('.key-figures .figure').waitFor();
    await page.locator('.copyright', { hasText: '© The Publisher' }).waitFor();
    assert.equal((await sectionIds(page)).length, SECTIONS + 1);
    assert.equal(await page.evaluate((early) => early === document.getElementById('part-1'), first), true,
      'the sections shown early stay: the page was not built again');
    const moved = Math.abs(await page.$eval('#part-1', (s) => s.getBoundingClientRect().top) - textTop);
    assert.ok(moved < 0.5, `on a wide screen the figures fill the rail beside the text without moving it (moved ${moved} px)`);
    // The figure leads to its section; its anchor phrase cannot be marked any more, and the
    // problems note tells the publisher why.
    assert.equal(await page.getAttribute('.key-figures a.figure-link', 'href'), '#part-2');
    assert.equal(await page.locator('mark.figure-anchor').count(), 0);
    assert.match(await page.textContent('.problems'), /key_figures\[0\]\.anchor.*put key_figures before sections/s);
    await page.click('.key-figures a.figure-link');
    await until(page, () => document.getElementById('part-2--toggle').getAttribute('aria-expanded') === 'true');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an error in the rest replaces the start with the alert', async () => {
    const { context, page, errors } = await openHeld('stream/broken.json');
    release['stream/broken.json']();
    const alert = page.locator('[role=alert]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /line 1, column \d+/);
    assert.equal(await page.locator('article').count(), 0, 'no half article left beside the alert');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
