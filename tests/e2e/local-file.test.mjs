// Previewing an article file from the reader's disk: "Open a file" and a file dropped on the
// page show it with the same reading and errors as a download, and nothing is sent anywhere.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useViewer } from './helpers.mjs';

const viewer = useViewer();

describe('previewing a local file', () => {
  test('"Open a file" shows the article, read in the browser, never uploaded', async () => {
    const { page, problems, context } = await viewer.view();
    const requests = [];
    page.on('request', (request) => requests.push({ url: request.url(), method: request.method(), body: request.postData() }));
    const input = page.locator('.open-file input[type=file]');
    assert.equal(await page.locator('.open-file').textContent(), 'Open a file');
    await input.setInputFiles('tests/fixtures/valid/tables-code-lists.json');
    await page.locator('article h1', { hasText: 'Tables, code and nested lists' }).waitFor();
    assert.equal(await page.locator('.table-scroll').count(), 2);
    // Only the viewer's own configuration is asked for again; the file goes nowhere.
    const sent = requests.filter((r) => !r.url.startsWith('blob:') && !r.url.endsWith('/viewer-config.json'));
    assert.deepEqual(sent, [], 'nothing else went to a server');
    assert.ok(requests.every((r) => r.method === 'GET' && !r.body), 'no request carried a body');
    assert.ok(requests.some((r) => r.url.startsWith('blob:')), 'read from the file');
    // Another file replaces it; a broken one gets the download's alert.
    await page.locator('.open-file input[type=file]').setInputFiles('tests/fixtures/invalid/version-2.json');
    const alert = await page.locator('[role=alert]').textContent();
    assert.match(alert, /newer version of the viewer/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a file dropped on the page is shown, with a hint while it is dragged', async () => {
    const { page, context } = await viewer.view();
    const text = await readFile('tests/fixtures/valid/right-to-left.json', 'utf8');
    const transfer = await page.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'rtl.json', { type: 'application/json' }));
      return data;
    }, text);
    await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
    assert.equal(await page.isVisible('.drop-hint'), true, 'the hint shows while dragging');
    await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    await page.waitForFunction(() => document.documentElement.dir === 'rtl' && document.querySelector('article h1'));
    assert.equal(await page.isVisible('.drop-hint'), false);
    assert.match(await page.locator('article h1').textContent(), /اليمين/);
    await context.close();
  });

  test('the picker is reached with the keyboard and shows its focus', async () => {
    const { page, context } = await viewer.view();
    let focused = '';
    for (let i = 0; i < 10 && focused !== 'file'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.type ?? '');
    }
    assert.equal(focused, 'file');
    const outline = await page.$eval('.open-file', (label) => getComputedStyle(label).outlineStyle);
    assert.equal(outline, 'solid');
    await context.close();
  });
});
