// Key figures and pull-quotes as evidence (issue 4), on the release build in headless Chromium:
// figure → passage → figure, the chart's text alternative, copy-link fragments, JSON-LD, the
// narrow-screen order, and what survives Mozilla Readability (Firefox Reader View).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { useViewer, until, topInView } from './helpers.mjs';

const viewer = useViewer();
const require = createRequire(import.meta.url);
const READABILITY = await readFile(require.resolve('@mozilla/readability/Readability.js'), 'utf8');

describe('key figures and pull-quotes', () => {
  test('each sample figure links to the marked passage that states it, and back', async () => {
    const { page, problems, context } = await viewer.view();
    const cards = page.locator('aside[aria-label="Key figures"] li.figure');
    assert.equal(await cards.count(), 7);
    for (let n = 1; n <= 7; n++) {
      assert.equal(await page.locator(`mark#figure--${n}--text`).count(), 1, `figure ${n} is marked in the text`);
      assert.equal(await page.locator(`#figure--${n} a.figure-link`).getAttribute('href'), `#figure--${n}--text`);
    }
    // Figure 5 sits in a collapsed section: following its link opens it, scrolls and highlights.
    assert.equal(await page.getAttribute('#middle-corridor--toggle', 'aria-expanded'), 'false');
    await page.click('#figure--5 a.figure-link');
    await until(page, () => document.getElementById('middle-corridor--toggle').getAttribute('aria-expanded') === 'true');
    await until(page, () => document.getElementById('figure--5--text').classList.contains('is-flashed'));
    await until(page, () => {
      const box = document.getElementById('figure--5--text').getBoundingClientRect();
      return box.top >= 0 && box.bottom <= innerHeight;
    });
    assert.match(await page.textContent('#figure--5--text'), /20–25 million tons a year/);
    assert.equal(new URL(page.url()).hash, '#figure--5--text');
    // The highlight fades by itself.
    await until(page, () => !document.getElementById('figure--5--text').classList.contains('is-flashed'), undefined, 6000);
    // From the passage back to its figure.
    const back = page.locator('#figure--5--text ~ sup.figure-ref a').first();
    assert.equal(await back.getAttribute('href'), '#figure--5');
    assert.equal(await back.getAttribute('aria-label'), 'Key figure 5');
    await back.click();
    await until(page, () => document.getElementById('figure--5').classList.contains('is-flashed'));
    assert.ok(await topInView(page, '#figure--5'));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('no highlight animation under reduced motion', async () => {
    const { page, context } = await viewer.view('', { reducedMotion: 'reduce' });
    await page.click('#figure--1 a.figure-link');
    await until(page, () => document.getElementById('figure--1--text').classList.contains('is-flashed'));
    const transition = await page.$eval('#figure--1--text', (el) => getComputedStyle(el).transitionDuration);
    assert.equal(transition, '0s');
    await context.close();
  });

  test('a figure series is a small chart whose text alternative gives the numbers', async () => {
    const { page, problems, context } = await viewer.view('?article=fixtures/every-block.json');
    const chart = page.locator('#figure--3 svg[role="img"]');
    assert.equal(await chart.getAttribute('aria-label'), 'trade by year, million USD: 2022: 80; 2023: 85.5; 2024: 90.');
    assert.equal(await chart.locator('rect').count(), 3);
    const heights = await chart.locator('rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    assert.ok(heights[0] < heights[1] && heights[1] < heights[2], `bars follow the values: ${heights}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('figures and pull-quotes have copy-link controls whose fragments open and highlight them', async () => {
    const { page, context } = await viewer.view();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(viewer.url).origin });
    await page.click('#figure--2 .copy-link');
    await until(page, () => document.querySelector('.toast').textContent === 'Link copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${viewer.url}#figure--2`);
    const quote = page.locator('.pull-quote').first();
    const quoteId = await quote.getAttribute('id');
    assert.equal(quoteId, 'peace-process--block-1');
    await quote.locator('.copy-link').click();
    await until(page, (url) => navigator.clipboard.readText().then((t) => t === url), `${viewer.url}#${quoteId}`);
    await context.close();

    // Opening those links: the pull-quote's collapsed section opens and the quote is highlighted.
    const opened = await viewer.view(`#${quoteId}`);
    await opened.page.click('#peace-process--toggle');
    await opened.page.goto(`${viewer.url}?x=1#${quoteId}`);
    await opened.page.locator('article').waitFor();
    await until(opened.page, (id) => document.getElementById(id).classList.contains('is-flashed'), quoteId);
    assert.equal(await opened.page.getAttribute('#peace-process--toggle', 'aria-expanded'), 'true');
    await opened.page.goto(`${viewer.url}?x=2#figure--7`);
    await opened.page.locator('article').waitFor();
    await until(opened.page, () => document.getElementById('figure--7').classList.contains('is-flashed'));
    await opened.context.close();
  });

  test('a pull-quote that repeats the body is hidden from assistive technology, others are not', async () => {
    const { page, context } = await viewer.view();
    assert.equal(await page.getAttribute('.pull-quote figure', 'aria-hidden'), null, 'the sample quote is not in the body');
    await context.close();
    const fixture = await viewer.view('?article=fixtures/every-block.json');
    assert.equal(await fixture.page.getAttribute('.pull-quote figure', 'aria-hidden'), null);
    await fixture.context.close();
  });

  test('the page carries schema.org JSON-LD for a sponsored article', async () => {
    const { page, context } = await viewer.view();
    const data = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
    assert.equal(data['@context'], 'https://schema.org');
    assert.equal(data['@type'], 'AdvertiserContentArticle');
    assert.equal(data.headline, await page.textContent('h1'));
    assert.equal(data.datePublished, '2025-12-05');
    assert.equal(data.publisher.name, 'The Brussels Times');
    assert.match(data.sponsor.name, /Embassy of the Republic of Azerbaijan/);
    assert.equal(await page.locator('script[type="application/ld+json"]').count(), 1);
    await context.close();
    const plain = await viewer.view('?article=fixtures/every-block.json');
    const news = JSON.parse(await plain.page.textContent('script[type="application/ld+json"]'));
    assert.equal(news['@type'], 'NewsArticle');
    assert.deepEqual(news.author.map((a) => a.name), ['Ada Example', 'Grace Sample', 'Alan Fixture']);
    assert.deepEqual(news.author.map((a) => a.url), [undefined, 'https://example.org/people/grace-sample', undefined]);
    assert.equal(news.dateModified, '2025-12-06T09:30:00Z');
    await plain.context.close();
  });

  test('on narrow screens the figures come after the lead and do not push the text far down', async () => {
    const { page, context } = await viewer.view('', { viewport: { width: 375, height: 800 } });
    const [lead, figures, sections] = await page.evaluate(() =>
      ['.article-lead', '.key-figures', '.article-sections'].map((s) => document.querySelector(s).getBoundingClientRect()));
    assert.ok(lead.bottom <= figures.top && figures.bottom <= sections.top, 'lead, figures, sections');
    assert.ok(figures.height < 360, `the figure strip is ${figures.height}px tall`);
    await context.close();
  });

  test('Mozilla Readability keeps the sponsor label, headings, key figures and copyright', async () => {
    const { page, context } = await viewer.view();
    await page.evaluate(READABILITY);
    const parsed = await page.evaluate(() => {
      const article = new Readability(document.cloneNode(true)).parse();
      return { title: article.title, content: article.content, text: article.textContent };
    });
    const text = parsed.text.replace(/\s+/g, ' ');
    assert.match(parsed.title, /Azerbaijan sets out its diplomatic priorities/);
    assert.match(text, /Promoted/, 'sponsor label');
    assert.match(text, /Paid for by the Embassy of the Republic of Azerbaijan/, 'sponsor line');
    assert.match(text, /Sponsored content\./, 'disclosure');
    for (const heading of await page.$$eval('.section-heading-text', (els) => els.map((e) => e.textContent))) {
      assert.ok(text.includes(heading), `heading kept: ${heading}`);
    }
    for (const value of ['33 years', '< $90 million', '~20', '30+ years', '20–25 Mt / year', '10 (8 in the EU)', '1994']) {
      assert.ok(text.includes(value), `key figure kept: ${value}`);
    }
    assert.match(text, /© 2025 The Brussels Times/, 'copyright');
    await context.close();
  });
});
