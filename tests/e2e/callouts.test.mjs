// Callouts (issue 33): a note, tip, important, warning or caution set apart, its kind said in
// words; a closed one opens by keyboard and prints whole. On the sample (two callouts, one
// closed), on a real blog post with all five of GitHub's alerts (tests/fixtures/markdown/
// alerts, converted by the real `article from-markdown`), in both themes with axe, in a page
// written by `article pages` with and without JavaScript, and at 320 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { axe, until, useViewer } from './helpers.mjs';
import { serveStatic } from './server.mjs';
import { openPage } from './browser.mjs';

const WORK = 'target/e2e-callouts';
const POST = 'tests/fixtures/markdown/alerts/blockquotes-examples.md';

/** Runs the `article` tool from this checkout; its standard output. */
function article(...args) {
  const run = spawnSync('cargo', ['run', '--quiet', '--locked', '--bin', 'article', '--', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`article ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

const viewer = useViewer({ extra: { 'converted/': `${WORK}/converted/` } });
let written;

before(async () => {
  await rm(WORK, { recursive: true, force: true });
  await mkdir(join(WORK, 'converted'), { recursive: true });
  article('from-markdown', POST, '--output', join(WORK, 'converted', 'alerts.json'));
  // A written site: the build, the sample and the post, written by `article pages`.
  const site = join(WORK, 'site');
  await cp('dist', site, { recursive: true });
  await cp(join(WORK, 'converted', 'alerts.json'), join(site, 'articles', 'alerts.json'));
  article('pages', join(site, 'articles'), '--viewer', site);
  written = await serveStatic({ root: site, base: '/written/' });
});
after(async () => {
  await written?.close();
});

/** Each callout on the page: its kind class, its label's words, whether it is closed. */
function callouts(page) {
  return page.$$eval('.callout', (all) => all.map((el) => ({
    kind: [...el.classList].find((c) => c.startsWith('callout-')),
    role: el.getAttribute('role'),
    label: el.querySelector('.callout-label').textContent.replace(/\s+/g, ' ').trim(),
    closed: el.querySelector('details') ? !el.querySelector('details').open : null,
  })));
}

describe('callouts', () => {
  test('the sample: an important note and a closed note that opens by keyboard', async () => {
    const { page, problems, context } = await viewer.view('#middle-corridor');
    await page.locator('#middle-corridor .callout').first().waitFor();
    assert.deepEqual(await callouts(page), [
      { kind: 'callout-important', role: 'note', label: 'Important', closed: null },
      { kind: 'callout-note', role: 'note', label: 'Note What the C5+1 format is', closed: true },
    ]);
    const body = page.locator('.callout-note .callout-body');
    assert.equal(await body.isVisible(), false, 'a closed callout shows its label only');
    await page.focus('.callout-note summary');
    await page.keyboard.press('Enter');
    await until(page, () => document.querySelector('.callout-note details').open);
    assert.ok(await body.isVisible());
    assert.match(await body.textContent(), /five Central Asian states/);
    // Reading time and search count a callout's words: the text is in the article's passages.
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a real post: all five of GitHub\'s alerts, the markers in code left as code', async () => {
    const { page, problems, context } = await viewer.view('?article=converted/alerts.json');
    await page.locator('.callout').first().waitFor();
    await page.click('button.show-all');
    const found = await callouts(page);
    assert.deepEqual(found.slice(0, 5).map((c) => [c.kind, c.label]), [
      ['callout-note', 'Note'],
      ['callout-tip', 'Tip'],
      ['callout-important', 'Important'],
      ['callout-warning', 'Warning'],
      ['callout-caution', 'Caution'],
    ]);
    assert.equal(found.length, 11);
    assert.ok(found.every((c) => c.role === 'note' && c.closed === null));
    // No marker is shown as text outside code; the fenced examples still show theirs.
    const outside = await page.$$eval('article p, article li, article h3, article h4', (els) => els.map((e) => e.textContent).join('\n'));
    for (const marker of ['[!', ':::', '!!!', '???', '===']) assert.ok(!outside.includes(marker), `${marker} shown as text`);
    assert.match(await page.textContent('article pre'), /> \[!QUOTE\]|> This is a regular/);
    assert.equal(await page.locator('pre:has-text("[!NOTE]")').count(), 1);
    // The kind's word has contrast of its own, not only a colour: it is text.
    assert.equal(await page.$eval('.callout-caution .callout-kind', (el) => getComputedStyle(el).fontWeight), '700');
    assert.deepEqual(problems, []);
    await context.close();
  });

  for (const scheme of ['light', 'dark']) {
    test(`axe finds nothing on callouts, ${scheme} theme (the post, and the sample with its note open)`, async () => {
      for (const suffix of ['?article=converted/alerts.json', '#middle-corridor']) {
        const { page, context } = await viewer.view(suffix, { colorScheme: scheme });
        await page.locator('.callout').first().waitFor();
        await page.click('button.show-all');
        await page.$$eval('.callout details', (all) => all.forEach((d) => { d.open = true; }));
        const result = await axe(page);
        assert.deepEqual(result.violations, [], JSON.stringify(result.violations, null, 2));
        await context.close();
      }
    });
  }

  test('print shows a closed callout whole', async () => {
    const { page, context } = await viewer.view('#middle-corridor');
    await page.locator('.callout-note').waitFor();
    const body = () => page.$eval('.callout-note .callout-body', (el) => el.checkVisibility());
    assert.equal(await body(), false, 'closed on screen');
    await page.emulateMedia({ media: 'print' });
    await until(page, () => document.querySelector('.callout-note .callout-body').checkVisibility());
    assert.equal(await page.$eval('.callout-note details', (d) => d.open), false, 'shown, not opened');
    await context.close();
  });

  test('a written page: the same callouts without JavaScript, a closed one opens natively', async () => {
    const { page, context } = await openPage(viewer.browser, { javaScriptEnabled: false });
    await page.goto(`${written.url}articles/sample.html`);
    await page.locator('.callout').first().waitFor();
    assert.deepEqual((await callouts(page)).map((c) => [c.kind, c.label, c.closed]), [
      ['callout-important', 'Important', null],
      ['callout-note', 'Note What the C5+1 format is', true],
    ]);
    await page.click('.callout-note summary');
    await until(page, () => document.querySelector('.callout-note details').open);
    assert.ok(await page.locator('.callout-note .callout-body').isVisible());
    await context.close();
  });

  test('at 320 px a callout stays inside the screen, its long title wrapped', async () => {
    const { page, context } = await viewer.view('?article=converted/alerts.json', { viewport: { width: 320, height: 700 } });
    await page.locator('.callout').first().waitFor();
    await page.click('button.show-all');
    const widest = await page.$$eval('.callout', (all) => Math.max(...all.map((el) => el.getBoundingClientRect().right)));
    assert.ok(widest <= 320, `a callout reaches ${widest} px`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320);
    await context.close();
  });
});

test('the interface names the kinds in the article\'s language', async () => {
  const german = {
    version: 1,
    lang: 'de',
    title: 'Hinweise',
    sections: [{ blocks: [
      { type: 'callout', kind: 'warning', title: 'Vorher lesen', blocks: [{ type: 'paragraph', text: 'Ein Warnhinweis.' }] },
      { type: 'callout', kind: 'tip', blocks: [{ type: 'paragraph', text: 'Ein Tipp.' }] },
    ] }],
  };
  await writeFile(join(WORK, 'converted', 'de.json'), JSON.stringify(german));
  const { page, context } = await viewer.view('?article=converted/de.json');
  await page.locator('.callout').first().waitFor();
  assert.deepEqual((await callouts(page)).map((c) => c.label), ['Warnung Vorher lesen', 'Tipp']);
  await context.close();
});
