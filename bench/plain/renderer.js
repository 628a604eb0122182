// The plain JavaScript renderer the benchmark compares the viewer with: fetch, JSON.parse and
// DOM building of the same markup the viewer renders for the benchmark's articles (display
// controls, header, lead, contents, key figure cards with their marked passages, sections with
// toggles, copy-link buttons and reader-mode headings, the reader-mode summary and the end),
// with toggles, contents links, copy links and "show all" by event delegation. The benchmark
// prints the element count of each variant, so a difference in the work done shows.
// Kept deliberately straightforward: what a publisher would write without a framework.
(function () {
  'use strict';
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) node.setAttribute(k, v);
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  };
  const SVG = 'http://www.w3.org/2000/svg';
  const copyIcon = () => {
    const svg = document.createElementNS(SVG, 'svg');
    for (const [k, v] of Object.entries({ viewBox: '0 0 24 24', width: '20', height: '20', 'aria-hidden': 'true', focusable: 'false' })) svg.setAttribute(k, v);
    const path = document.createElementNS(SVG, 'path');
    for (const [k, v] of Object.entries({ d: 'M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round' })) path.setAttribute(k, v);
    svg.append(path);
    return svg;
  };
  const copyLink = (target, label) => el('button', { class: 'copy-link', type: 'button', title: 'Copy link', 'aria-label': `Copy link to ${label}`, 'data-copy-link': target }, copyIcon());

  // Key figures whose anchor phrase is marked in their section: section id -> [figure number, phrase].
  const anchors = new Map();
  const marked = new Set();
  const markAnchors = (text, sectionId) => {
    for (const [number, phrase] of anchors.get(sectionId) || []) {
      const at = marked.has(number) ? -1 : text.indexOf(phrase);
      if (at < 0) continue;
      marked.add(number);
      return [...markAnchors(text.slice(0, at), sectionId),
        el('mark', { class: 'figure-anchor', id: `figure--${number}--text`, tabindex: '-1' }, phrase),
        el('sup', { class: 'figure-ref' }, el('a', { href: `#figure--${number}`, 'aria-label': `Key figure ${number}` }, String(number))),
        ...markAnchors(text.slice(at + phrase.length), sectionId)];
    }
    return text ? [text] : [];
  };
  const inline = (text, sectionId) => {
    if (typeof text === 'string') return markAnchors(text, sectionId);
    return text.flatMap((part) => {
      if (typeof part === 'string') return markAnchors(part, sectionId);
      let node = part.text;
      if (part.em) node = el('em', null, node);
      if (part.strong) node = el('strong', null, node);
      if (part.href && /^(https?:|mailto:|[^:]*$)/i.test(part.href)) node = el('a', { href: part.href }, node);
      return [node];
    });
  };
  const block = (b, sectionId) => {
    switch (b.type) {
      case 'paragraph': return el('p', null, ...inline(b.text, sectionId));
      case 'list': return el(b.ordered ? 'ol' : 'ul', { class: 'block-list' }, ...b.items.map((i) => el('li', null, ...inline(i, sectionId))));
      case 'pull_quote': return el('div', { class: 'pull-quote' }, el('figure', null, el('blockquote', null, el('p', null, b.text)), b.attribution ? el('figcaption', null, b.attribution) : null));
      case 'heading': return el(b.level === 4 ? 'h4' : 'h3', { class: 'block-heading' }, b.text);
      default: return el('p', { class: 'placeholder' }, `(${b.type})`);
    }
  };
  const sections = [];
  const byButton = new Map();
  const byId = new Map();
  function section(s, index) {
    const id = s.id || (index === 0 ? 'lead' : `section-${index}`);
    const blocks = s.blocks.map((b) => block(b, id));
    if (!s.heading) return el('section', { class: 'section section-lead', id }, ...blocks);
    const open = !s.collapsed;
    const button = el('button', { class: 'section-toggle', type: 'button', 'aria-expanded': String(open), id: `${id}--toggle`, 'aria-controls': `${id}--panel` },
      el('span', { class: 'section-heading-text' }, s.heading), el('span', { class: 'section-toggle-hint', 'aria-hidden': 'true' }, open ? 'Hide' : 'Show'));
    const panel = el('div', { class: 'section-panel', role: 'region', id: `${id}--panel`, 'aria-labelledby': `${id}--toggle` }, ...blocks);
    if (!open) panel.setAttribute('hidden', 'until-found');
    const node = el('section', { class: open ? 'section is-open' : 'section', id },
      el('div', { class: 'section-header' }, el('h2', { class: 'section-heading' }, button), copyLink(id, `section: ${s.heading}`)),
      el('h2', { class: 'reader-only' }, s.heading), panel);
    const entry = { node, button, panel };
    sections.push(entry);
    byButton.set(button, entry);
    byId.set(id, entry);
    return node;
  }
  function setOpen(entry, open) {
    entry.button.setAttribute('aria-expanded', String(open));
    entry.button.lastChild.textContent = open ? 'Hide' : 'Show';
    entry.node.classList.toggle('is-open', open);
    if (open) entry.panel.removeAttribute('hidden'); else entry.panel.setAttribute('hidden', 'until-found');
  }
  const words = (text) => (typeof text === 'string' ? text : text.map((p) => (typeof p === 'string' ? p : p.text)).join('')).split(/\s+/).filter(Boolean).length;
  const chip = (label, attrs) => el('button', { class: 'chip', type: 'button', ...attrs }, label);
  async function render() {
    const url = new URLSearchParams(location.search).get('article');
    const article = JSON.parse(await (await fetch(url)).text());
    document.title = article.title;
    const figures = article.key_figures || [];
    const sectionIndex = new Map(article.sections.map((s, i) => [s.id, i]));
    figures.forEach((f, i) => {
      if (f.section && f.anchor) {
        if (!anchors.has(f.section)) anchors.set(f.section, []);
        anchors.get(f.section).push([i + 1, f.anchor]);
      }
    });
    let wordCount = 0;
    for (const s of article.sections) for (const b of s.blocks) if (b.text) wordCount += words(b.text);
    const controls = el('div', { class: 'display-controls' },
      el('div', { class: 'control-group', role: 'group', 'aria-labelledby': 'text-size-label' }, el('span', { class: 'control-label', id: 'text-size-label' }, 'Text size'),
        chip('Small', { 'data-size': 'small', 'aria-pressed': 'false' }), chip('Medium', { 'data-size': 'medium', 'aria-pressed': 'true' }), chip('Large', { 'data-size': 'large', 'aria-pressed': 'false' })),
      chip('Dark theme', { 'aria-pressed': 'false' }));
    const header = el('header', { class: 'article-header' }, el('h1', { class: 'title' }, article.title), article.standfirst ? el('p', { class: 'standfirst' }, article.standfirst) : null,
      el('p', { class: 'meta' }, el('span', { class: 'meta-item' }, `${Math.max(1, Math.round(wordCount / 238))} min read`)));
    const [lead, ...rest] = article.sections.map(section);
    const contents = el('nav', { class: 'contents', role: 'navigation', 'aria-label': 'Contents' }, el('h2', { class: 'rail-title' }, 'Contents'),
      el('ol', { class: 'contents-list' }, ...article.sections.flatMap((s, i) => (s.heading ? [el('li', null, el('a', { class: 'contents-link', href: `#${s.id}`, 'data-section': String(i) }, s.heading))] : []))));
    const cards = el('aside', { class: 'key-figures', 'aria-label': 'Key figures' }, el('h2', { class: 'rail-title' }, 'Key figures'), el('ol', { class: 'figure-list' },
      ...figures.map((f, i) => el('li', { class: 'figure', id: `figure--${i + 1}`, tabindex: '-1' },
        el('p', { class: 'figure-value' }, el('span', { class: 'figure-number', 'aria-hidden': 'true' }, String(i + 1)), f.value),
        el('p', { class: 'figure-label' }, f.label),
        el('div', { class: 'figure-actions' },
          f.section ? el('a', { class: 'figure-link', 'data-passage': marked.has(i + 1) ? '' : null, href: marked.has(i + 1) ? `#figure--${i + 1}--text` : `#${f.section}`, 'data-section': String(sectionIndex.get(f.section)) }, 'Where the article says this') : null,
          copyLink(`figure--${i + 1}`, `key figure: ${f.value} ${f.label}`))))));
    const summary = figures.length ? el('div', { class: 'reader-only' }, el('h2', null, 'Key figures'), el('ul', null, ...figures.map((f) => el('li', null, `${f.value}: ${f.label}`)))) : null;
    const showAll = el('button', { class: 'show-all', type: 'button', 'aria-expanded': 'false' }, el('span', { class: 'show-all-icon', 'aria-hidden': 'true' }), 'Show all sections');
    const body = el('div', { class: 'article-body has-rail' }, el('div', { class: 'article-lead' }, lead), el('div', { class: 'article-rail' }, contents, cards),
      el('div', { class: 'article-sections' }, showAll, ...rest, summary, el('div', { class: 'article-end' })));
    const root = el('article', { class: 'article', lang: article.lang || null, dir: 'ltr' }, controls, header, body);
    root.addEventListener('click', (event) => {
      const toggle = event.target.closest('.section-toggle');
      const link = event.target.closest('.contents-link, .figure-link');
      const copy = event.target.closest('.copy-link');
      if (toggle) {
        const entry = byButton.get(toggle);
        setOpen(entry, toggle.getAttribute('aria-expanded') !== 'true');
      } else if (link) {
        const entry = byId.get(article.sections[Number(link.dataset.section)]?.id);
        if (entry) setOpen(entry, true);
      } else if (copy) {
        navigator.clipboard?.writeText(`${location.href.split('#')[0]}#${copy.dataset.copyLink}`);
      } else if (event.target.closest('.show-all')) {
        const open = showAll.getAttribute('aria-expanded') !== 'true';
        for (const entry of sections) setOpen(entry, open);
        showAll.setAttribute('aria-expanded', String(open));
        showAll.lastChild.textContent = open ? 'Hide all sections' : 'Show all sections';
      }
    });
    const progress = el('div', { class: 'reading-progress', 'aria-hidden': 'true' }, el('div', { class: 'reading-progress-bar' }));
    document.getElementById('viewer').replaceChildren(progress, root, el('div', { class: 'toast', role: 'status' }));
  }
  render();
})();
