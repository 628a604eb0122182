// Real content is messy: long unbreakable strings on phones, tables, code, nested lists, one
// broken block among good ones, and articles in other languages than English. Each case is
// served as an article and checked in the rendered page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { axe, useViewer } from './helpers.mjs';

const require = createRequire(import.meta.url);
const READABILITY = await readFile(require.resolve('@mozilla/readability/Readability.js'), 'utf8');

const URL_LONG = 'https://example.org/archive/2021/11/01/a-very-long-path-segment-without-any-break-opportunity-at-all/index.html?query=AMournfulHowlInTheNightAndTheMoon';
const WORD = 'Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung';

/** An article with a long string in every place a reader meets text. */
const LONG_STRINGS = {
  version: 1,
  lang: 'de',
  label: `Label${WORD}`,
  title: `Chapter 1 - AMournfulHowlInTheNightAndTheMoon ${WORD}`,
  standfirst: `Siehe ${URL_LONG}`,
  authors: [`Autor${WORD}`],
  source: { name: `Quelle${WORD}`, url: URL_LONG },
  sections: [
    { blocks: [{ type: 'paragraph', text: ['Lead with ', { text: URL_LONG, href: URL_LONG }] }] },
    {
      heading: WORD,
      blocks: [
        { type: 'paragraph', text: `doi:10.1000/${WORD}${WORD}` },
        { type: 'list', items: [URL_LONG, { text: WORD, items: [URL_LONG, { text: WORD, items: [URL_LONG] }] }] },
        { type: 'quote', text: URL_LONG, cite: WORD },
        { type: 'pull_quote', text: `${WORD}${WORD}`, attribution: URL_LONG },
        { type: 'heading', level: 3, text: WORD },
        { type: 'image', src: 'nowhere.svg', alt: WORD, caption: URL_LONG, credit: WORD },
        { type: 'code', text: `let address = "${URL_LONG}${URL_LONG}";\n\tindented();` },
        {
          type: 'table',
          caption: `Caption ${WORD}`,
          head: [['Jahr', 'Schiffe', 'Adresse', 'Anmerkung']],
          rows: [['2021', '1,204', URL_LONG, WORD], ['2022', '1,377', URL_LONG, WORD]],
          row_headers: true,
        },
      ],
    },
    { heading: `Kurz ${URL_LONG}`, blocks: [{ type: 'paragraph', text: 'Text.' }] },
  ],
  key_figures: [
    { value: `1,204${WORD}`, label: URL_LONG, detail: WORD, unit: WORD, section: 'nowhere-at-all' },
    { value: '12', label: WORD },
  ],
};

/** A French article with a broken block among good ones and one broken key figure. */
const FRENCH = {
  version: 1,
  lang: 'fr',
  title: 'Le port en chiffres',
  authors: ['Anne', 'Bruno', 'Chloé'],
  published: '2021-11-01T10:52:50+0100',
  sections: [
    { blocks: [{ type: 'paragraph', text: 'Introduction.' }] },
    {
      id: 'trafic',
      heading: 'Trafic',
      blocks: [
        { type: 'paragraph', text: 'Avant.' },
        { type: 'list', items: [{ texte: 'un objet sans texte' }] },
        { type: 'paragraph', text: 'Après le bloc cassé.' },
      ],
    },
    { heading: 'Suite', blocks: [{ type: 'paragraph', text: 'Fin.' }] },
  ],
  key_figures: [
    { value: '12', label: 'navires', section: 'trafic' },
    { value: 7, label: 'mauvais type' },
  ],
};

const JAPANESE = {
  version: 1,
  lang: 'ja',
  title: '港の一年',
  authors: ['山田', '佐藤'],
  sections: [
    { blocks: [{ type: 'paragraph', text: 'はじめに。'.repeat(200) }] },
    { heading: '数字', blocks: [{ type: 'paragraph', text: '本文。' }] },
    { heading: 'まとめ', blocks: [{ type: 'paragraph', text: '本文。' }] },
  ],
  key_figures: [{ value: '3', label: '港' }],
};

const ARTICLES = {
  'long-strings': LONG_STRINGS,
  // The same strings in a right-to-left page (the interface Arabic), and in a Japanese one
  // (the interface English, marked), where a long line of Han text also has to break.
  'long-strings-ar': { ...LONG_STRINGS, lang: 'ar' },
  'long-strings-ja': { ...LONG_STRINGS, lang: 'ja', standfirst: `${'長い日本語の文章'.repeat(40)}${URL_LONG}` },
  french: FRENCH,
  japanese: JAPANESE,
};
for (const [lang, hide, contents] of [['nl', 'Verbergen', 'Inhoud'], ['de', 'Ausblenden', 'Inhalt'], ['es', 'Ocultar', 'Contenido'], ['ar', 'إخفاء', 'المحتويات'], ['he', 'הסתרה', 'תוכן העניינים']]) {
  ARTICLES[`lang-${lang}`] = {
    version: 1,
    lang,
    title: `Titel ${lang}`,
    sections: [
      { blocks: [{ type: 'paragraph', text: 'Lead.' }] },
      { heading: 'A', blocks: [{ type: 'paragraph', text: 'A.' }] },
      { heading: 'B', blocks: [{ type: 'paragraph', text: 'B.' }] },
    ],
    expect: { hide, contents },
  };
}

const viewer = useViewer({
  routes: () => ({
    'real/': (req, res, rest) => {
      const article = ARTICLES[rest.slice('real/'.length).replace(/\.json$/, '')];
      if (!article) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(article));
    },
  }),
});

/** Everything that passes the viewport sideways, outside the boxes that scroll on purpose. */
function overflowing() {
  const width = document.documentElement.clientWidth;
  const scrollers = '.table-scroll, pre.code, .figure-list, .contents-list';
  const out = [];
  for (const el of document.querySelectorAll('#viewer *')) {
    if (el.closest(scrollers) && !el.matches(scrollers)) continue;
    if (el.closest('.reader-only, [hidden]')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 0.5 || box.left < -0.5) {
      out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
  }
  return {
    pageWidth: document.documentElement.scrollWidth,
    width,
    out,
    // Text cut off inside its own box (overflow hidden, or painting clipped by containment).
    clipped: [...document.querySelectorAll('#viewer :is(h1, h2, h3, p, li, blockquote, figcaption, dd, caption)')]
      .filter((el) => !el.closest('.table-scroll, .figure-list, .contents-list, .reader-only, [hidden]'))
      // A few pixels are the toggle's chevron, drawn rotated; a word cut off is far wider.
      .filter((el) => el.scrollWidth > el.clientWidth + 4)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`),
  };
}

describe('long words and addresses on narrow screens', () => {
  for (const [article, width] of [['long-strings', 320], ['long-strings', 390], ['long-strings-ar', 320], ['long-strings-ja', 390]]) {
    test(`${article}, ${width} px: nothing passes the screen, nothing is clipped, every control is reachable`, async () => {
      const { page, problems, context } = await viewer.view(`?article=real/${article}.json`, {
        viewport: { width, height: 800 },
      });
      const check = () => page.evaluate(overflowing);
      let state = await check();
      assert.deepEqual(state.out, [], 'elements past the screen edge');
      assert.deepEqual(state.clipped, [], 'text clipped inside its box');
      assert.ok(state.pageWidth <= width, `the page scrolls sideways: ${state.pageWidth} > ${width}`);
      // Every heading's Show/Hide control and copy-link button is on the screen and works.
      const controls = await page.$$eval('.section-header', (headers) => headers.map((h) => {
        const toggle = h.querySelector('.section-toggle-hint').getBoundingClientRect();
        const copy = h.querySelector('.copy-link').getBoundingClientRect();
        return { toggle: [toggle.left, toggle.right], copy: [copy.left, copy.right], width: innerWidth };
      }));
      assert.equal(controls.length, 2);
      for (const c of controls) {
        for (const [left, right] of [c.toggle, c.copy]) {
          assert.ok(left >= 0 && right <= c.width, `control at ${left}–${right} of ${c.width}`);
        }
      }
      await page.locator('.section-toggle').first().click();
      assert.equal(await page.locator('.section-toggle').first().getAttribute('aria-expanded'), 'false');
      await page.locator('.section-toggle').first().click();
      // Code reads left to right and starts at the left, in a right-to-left article too.
      assert.deepEqual(
        await page.$eval('pre.code', (pre) => [getComputedStyle(pre).direction, getComputedStyle(pre).textAlign]),
        ['ltr', 'left'],
      );
      // The wide table and the long code line scroll inside their own boxes.
      for (const box of ['.table-scroll', 'pre.code']) {
        const sizes = await page.$eval(box, (el) => [el.scrollWidth, el.clientWidth]);
        assert.ok(sizes[0] > sizes[1], `${box} scrolls (${sizes})`);
      }
      state = await check();
      assert.deepEqual(state.out, [], 'after toggling');
      assert.deepEqual(problems.filter((p) => !p.includes('nowhere.svg')), []);
      await context.close();
    });
  }
});

describe('tables, code and nested lists', () => {
  test('a table has its caption, header cells, row headers and a focusable, named scroll box', async () => {
    const { page, context } = await viewer.view('?article=fixtures/tables-code-lists.json', {
      viewport: { width: 320, height: 800 },
    });
    const table = await page.$eval('.table-scroll', (box) => {
      const caption = box.querySelector('caption');
      return {
        role: box.getAttribute('role'),
        tabindex: box.getAttribute('tabindex'),
        labelledBy: box.getAttribute('aria-labelledby'),
        captionId: caption.id,
        caption: caption.textContent,
        cols: [...box.querySelectorAll('thead th')].map((th) => th.getAttribute('scope')),
        rowHeaders: [...box.querySelectorAll('tbody th')].map((th) => [th.getAttribute('scope'), th.textContent]),
        numeric: [...box.querySelectorAll('tbody tr:first-child > *')].map((c) => c.classList.contains('num')),
        widths: [...box.querySelectorAll('tbody tr')].map((tr) => tr.children.length),
        link: box.querySelector('a')?.href,
      };
    });
    assert.equal(table.role, 'group');
    assert.equal(table.tabindex, '0');
    assert.equal(table.labelledBy, table.captionId);
    assert.equal(table.caption, 'Ships through the harbour, by year');
    assert.deepEqual(table.cols, ['col', 'col', 'col', 'col']);
    assert.deepEqual(table.rowHeaders, [['row', '2022'], ['row', '2023'], ['row', '2024']]);
    assert.deepEqual(table.numeric, [true, true, true, false]);
    assert.deepEqual(table.widths, [4, 4, 4], 'the short row is padded');
    assert.equal(table.link, 'https://example.org/notice');
    // The table without a caption is still named, and its ragged row padded.
    const plain = await page.$eval('.table-scroll:nth-of-type(2), .section .table-scroll + .table-scroll', (box) => [box.getAttribute('aria-label'), [...box.querySelectorAll('tr')].map((tr) => tr.children.length)]);
    assert.deepEqual(plain, ['Table', [3, 3]]);
    // The keyboard reaches the scroll box and scrolls it.
    await page.focus('.table-scroll');
    const before = await page.$eval('.table-scroll', (el) => el.scrollLeft);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((start) => document.querySelector('.table-scroll').scrollLeft > start, before);
    await context.close();
  });

  test('code keeps every space and line break; lists nest', async () => {
    const { page, context } = await viewer.view('?article=fixtures/tables-code-lists.json');
    const code = await page.$eval('pre.code', (pre) => ({
      text: pre.textContent,
      tabindex: pre.getAttribute('tabindex'),
      language: pre.querySelector('code').className,
    }));
    assert.equal(code.text, 'fn main() {\n    let ships = [1204, 1377, 1290];\n    println!("{}", ships.iter().sum::<u32>());\n}\n');
    assert.equal(code.tabindex, '0');
    assert.equal(code.language, 'language-rust');
    const lists = await page.$eval('#lists .block-list', (ol) => ({
      outer: ol.tagName,
      second: ol.children[1].querySelector(':scope > ul').children.length,
      deepest: ol.querySelector(':scope > li > ul > li > ol')?.textContent,
    }));
    assert.deepEqual(lists, { outer: 'OL', second: 2, deepest: 'day linenight line' });
    await context.close();
  });

  test('print shows tables whole and wraps code; reader modes keep tables, code and nested lists', async () => {
    const { page, context } = await viewer.view('?article=fixtures/tables-code-lists.json', {
      viewport: { width: 320, height: 800 },
    });
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const pre = document.querySelector('pre.code');
      const box = document.querySelector('.table-scroll');
      return {
        codeWraps: getComputedStyle(pre).whiteSpace,
        codeFits: pre.scrollWidth <= pre.clientWidth + 1,
        tableOverflow: getComputedStyle(box).overflowX,
      };
    });
    assert.deepEqual(printed, { codeWraps: 'pre-wrap', codeFits: true, tableOverflow: 'visible' });
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(READABILITY);
    const reader = await page.evaluate(() => {
      const article = new Readability(document.cloneNode(true)).parse();
      const doc = new DOMParser().parseFromString(article.content, 'text/html');
      return {
        table: doc.querySelector('table caption')?.textContent,
        cells: doc.querySelectorAll('table td, table th').length,
        code: doc.querySelector('pre')?.textContent,
        nested: doc.querySelectorAll('li ul, li ol').length,
      };
    });
    assert.equal(reader.table, 'Ships through the harbour, by year');
    assert.ok(reader.cells >= 16, `${reader.cells} cells`);
    assert.match(reader.code, /^fn main\(\) \{\n {4}let ships/);
    assert.ok(reader.nested >= 2, 'nested lists kept');
    await context.close();
  });
});

describe('one broken block costs only itself', () => {
  test('the rest of the article shows, the placeholder is visible and the problem names the field', async () => {
    const { page, context } = await viewer.view('?article=real/french.json');
    assert.equal(await page.locator('[role=alert]').count(), 0, 'no alert');
    const state = await page.evaluate(() => ({
      texts: [...document.querySelectorAll('#trafic p')].map((p) => p.textContent),
      figures: [...document.querySelectorAll('.figure')].map((f) => f.className),
      problems: [...document.querySelectorAll('.problems li')].map((li) => li.textContent),
    }));
    assert.equal(state.texts[0], 'Avant.');
    assert.match(state.texts[1], /ne peut pas être affichée/);
    assert.equal(state.texts[2], 'Après le bloc cassé.');
    assert.deepEqual(state.figures, ['figure', 'figure figure-invalid']);
    assert.ok(state.problems.some((p) => p.startsWith('sections[1].blocks[1].items[0]')), state.problems.join('\n'));
    assert.ok(state.problems.some((p) => p.startsWith('key_figures[1].value')), state.problems.join('\n'));
    const result = await axe(page);
    assert.deepEqual(result.violations, [], JSON.stringify(result.violations, null, 2));
    await context.close();
  });
});

describe('the interface speaks the article\'s language', () => {
  test('French: every control, the meta line and the rail in French, unmarked', async () => {
    const { page, context } = await viewer.view('?article=real/french.json');
    const ui = await page.evaluate(() => ({
      hint: document.querySelector('.section-toggle-hint').textContent.trim(),
      hintLang: document.querySelector('.section-toggle-hint').getAttribute('lang'),
      showAll: document.querySelector('.show-all').textContent.trim(),
      figures: document.querySelector('.key-figures .rail-title').textContent,
      contents: document.querySelector('.contents').getAttribute('aria-label'),
      meta: document.querySelector('.meta').textContent,
      byline: document.querySelector('.byline').textContent,
      size: document.querySelector('#text-size-label').textContent,
      marked: [...document.querySelectorAll('#viewer [lang]:not(article)')].map((el) => el.outerHTML.slice(0, 80)),
    }));
    assert.equal(ui.hint, 'Masquer');
    assert.equal(ui.hintLang, null);
    assert.equal(ui.showAll, 'Masquer toutes les sections');
    assert.equal(ui.figures, 'Chiffres clés');
    assert.equal(ui.contents, 'Sommaire');
    assert.match(ui.meta, /Publié le 1 novembre 2021/);
    assert.match(ui.meta, /min de lecture/);
    assert.equal(ui.byline, 'Par Anne, Bruno et Chloé');
    assert.equal(ui.size, 'Taille du texte');
    // Only the publisher's English problem list says it is English.
    assert.deepEqual(ui.marked.filter((m) => !m.startsWith('<ul lang="en"')), []);
    await page.locator('.section-toggle').first().click();
    assert.equal(await page.locator('.section-toggle-hint').first().textContent(), 'Afficher');
    await context.close();
  });

  test('Japanese, which the interface lacks: English words carry lang="en" and their own direction', async () => {
    const { page, context } = await viewer.view('?article=real/japanese.json');
    const ui = await page.evaluate(() => {
      const lang = (sel) => {
        const el = document.querySelector(sel);
        const marked = el.matches('[lang]') ? el : el.querySelector('[lang]');
        return [el.textContent.trim(), marked?.getAttribute('lang'), marked?.getAttribute('dir')];
      };
      return {
        hint: lang('.section-toggle-hint'),
        reading: lang('.meta .meta-item:last-child'),
        contents: lang('.contents .rail-title'),
        size: lang('#text-size-label'),
        html: document.documentElement.lang,
        byline: document.querySelector('.byline').innerHTML.replaceAll('<!---->', ''),
      };
    });
    assert.equal(ui.html, 'ja');
    assert.deepEqual(ui.hint, ['Hide', 'en', 'ltr']);
    assert.deepEqual(ui.reading, ['3 min read', 'en', 'ltr'], 'Japanese is timed by characters');
    assert.deepEqual(ui.contents, ['Contents', 'en', 'ltr']);
    assert.deepEqual(ui.size, ['Text size', 'en', 'ltr']);
    // "By" is marked as English; the names stay Japanese, joined the English way.
    assert.match(ui.byline, /^<span lang="en" dir="ltr">By <\/span>山田 and 佐藤$/);
    const result = await axe(page);
    assert.deepEqual(result.violations, [], JSON.stringify(result.violations, null, 2));
    await context.close();
  });

  for (const lang of ['nl', 'de', 'es', 'ar', 'he']) {
    test(`${lang}: the controls in the article's language`, async () => {
      const { page, context } = await viewer.view(`?article=real/lang-${lang}.json`);
      const { hide, contents } = ARTICLES[`lang-${lang}`].expect;
      assert.equal((await page.locator('.section-toggle-hint').first().textContent()).trim(), hide);
      assert.equal(await page.locator('.contents .rail-title').textContent(), contents);
      assert.equal(await page.locator('#viewer [lang]:not(article)').count(), 0, 'nothing needs a language of its own');
      await context.close();
    });
  }

  test('before an article says its language, loading and failures speak the reader\'s', async () => {
    const { page, context } = await viewer.view('?article=real/missing.json', { locale: 'fr-FR' });
    const alert = await page.locator('[role=alert]').evaluate((el) => ({ lang: el.lang, title: el.querySelector('h1').textContent }));
    assert.deepEqual(alert, { lang: 'fr', title: 'Cet article est introuvable.' });
    assert.equal(await page.title(), 'Article indisponible');
    await context.close();
  });
});
