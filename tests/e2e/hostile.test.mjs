// The hostile corpus (tests/hostile/corpus.json) against the real page with its real CSP:
// nothing from an article runs, the CSP never has to step in, and each case shows its expected
// alert or renders with its expected problems listed.
import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useViewer } from './helpers.mjs';

const CORPUS = JSON.parse(await readFile('tests/hostile/corpus.json', 'utf8'));
const MAX_ARTICLE_BYTES = 8 * 1024 * 1024;

/** The bytes a case serves (mirrors case_bytes in tests/hostile.rs). */
function caseBody(c) {
  if (c.oversize) {
    const head = Buffer.from('{"version": 1, "title": "');
    return Buffer.concat([head, Buffer.alloc(MAX_ARTICLE_BYTES + 1024 - head.length, 'x'), Buffer.from('"}')]);
  }
  return Buffer.from(c.raw ?? JSON.stringify(c.document), 'utf8');
}

const viewer = useViewer({
  routes: () => ({
    'hostile/': (req, res, rest) => {
      const name = rest.slice('hostile/'.length).replace(/\.json$/, '');
      const c = CORPUS.find((k) => k.name === name);
      if (!c) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(caseBody(c));
    },
  }),
});

describe(`hostile corpus (${CORPUS.length} cases) in headless Chromium with the real CSP`, () => {
  let page;
  let context;
  before(async () => {
    context = await viewer.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page = await context.newPage();
  });
  after(() => context?.close());

  for (const c of CORPUS) {
    test(`${c.name}: ${c.note}`, async () => {
      await page.goto(`${viewer.url}?article=hostile/${c.name}.json`);
      await page.locator('article, [role=alert]').first().waitFor({ timeout: 15000 });
      // Let every image finish loading or failing, so a smuggled onerror would have fired.
      await page.waitForFunction(() => [...document.images].every((img) => img.complete));
      const state = await page.evaluate(() => {
        const viewer = document.getElementById('viewer');
        const all = [...viewer.querySelectorAll('*')];
        return {
          pwned: window.__pwned,
          violations: window.__violations,
          scripts: viewer.querySelectorAll('script').length,
          handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
          hrefs: [...viewer.querySelectorAll('a[href]')].map((a) => a.href),
          srcs: [...viewer.querySelectorAll('img[src], [src]')].map((el) => el.src),
          alert: viewer.querySelector('[role=alert]')?.textContent ?? null,
          article: !!viewer.querySelector('article'),
          text: viewer.textContent,
          problems: viewer.querySelector('.problems summary')?.textContent ?? '',
        };
      });
      assert.equal(state.pwned, undefined, 'an article payload ran');
      assert.deepEqual(state.violations, [], 'the CSP had to block something');
      assert.equal(state.scripts, 0);
      assert.deepEqual(state.handlers, []);
      for (const href of state.hrefs) assert.match(href, /^(https?:|mailto:)/, href);
      for (const src of state.srcs) assert.match(src, /^https?:/, src);
      if (c.expect.error) {
        assert.ok(state.alert, 'an alert is shown');
        assert.ok(state.alert.includes(c.expect.alert), `alert ${JSON.stringify(state.alert)} lacks ${JSON.stringify(c.expect.alert)}`);
        if (c.expect.path) assert.ok(state.alert.includes(c.expect.path), `alert names ${c.expect.path}`);
      } else {
        assert.ok(state.article, `the article renders (alert: ${state.alert})`);
        for (const text of c.expect.text ?? []) assert.ok(state.text.includes(text), `shows ${JSON.stringify(text)} as text`);
        const problems = c.expect.problems ?? [];
        if (problems.length) assert.match(state.problems, new RegExp(`\\(${problems.length}\\)`));
        else assert.equal(state.problems, '');
      }
    });
  }
});
