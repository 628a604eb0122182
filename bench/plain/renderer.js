// The plain JavaScript renderer the benchmark compares the viewer with: fetch, JSON.parse and
// DOM building of the same markup (same elements, classes and attributes the viewer renders for
// header, lead, sections, toggles and figures), with toggles and "show all" by event delegation.
// Kept deliberately straightforward: what a publisher would write without a framework.
(function () {
  'use strict';
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) node.setAttribute(k, v);
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  };
  const inline = (text) => {
    if (typeof text === 'string') return [text];
    return text.map((part) => {
      if (typeof part === 'string') return part;
      let node = part.text;
      if (part.em) node = el('em', null, node);
      if (part.strong) node = el('strong', null, node);
      if (part.href && /^(https?:|mailto:|[^:]*$)/i.test(part.href)) node = el('a', { href: part.href }, node);
      return node;
    });
  };
  const block = (b) => {
    switch (b.type) {
      case 'paragraph': return el('p', null, ...inline(b.text));
      case 'list': return el(b.ordered ? 'ol' : 'ul', { class: 'block-list' }, ...b.items.map((i) => el('li', null, ...inline(i))));
      case 'pull_quote': return el('div', { class: 'pull-quote' }, el('figure', null, el('blockquote', null, el('p', null, b.text)), b.attribution ? el('figcaption', null, b.attribution) : null));
      case 'heading': return el(b.level === 4 ? 'h4' : 'h3', { class: 'block-heading' }, b.text);
      default: return el('p', { class: 'placeholder' }, `(${b.type})`);
    }
  };
  const sections = [];
  const byButton = new Map();
  function section(s, index) {
    const id = s.id || `section-${index}`;
    const blocks = s.blocks.map(block);
    if (!s.heading) return el('section', { class: 'section section-lead', id }, ...blocks);
    const open = !s.collapsed;
    const button = el('button', { type: 'button', class: 'section-toggle', id: `${id}--toggle`, 'aria-expanded': String(open), 'aria-controls': `${id}--panel` },
      el('span', { class: 'section-heading-text' }, s.heading), el('span', { class: 'section-toggle-hint', 'aria-hidden': 'true' }, open ? 'Hide' : 'Show'));
    const panel = el('div', { class: 'section-panel', id: `${id}--panel`, role: 'region', 'aria-labelledby': `${id}--toggle` }, ...blocks);
    if (!open) panel.setAttribute('hidden', 'until-found');
    const node = el('section', { class: open ? 'section is-open' : 'section', id }, el('div', { class: 'section-header' }, el('h2', { class: 'section-heading' }, button)), panel);
    const entry = { node, button, panel };
    sections.push(entry);
    byButton.set(button, entry);
    return node;
  }
  function setOpen(entry, open) {
    entry.button.setAttribute('aria-expanded', String(open));
    entry.button.lastChild.textContent = open ? 'Hide' : 'Show';
    entry.node.classList.toggle('is-open', open);
    if (open) entry.panel.removeAttribute('hidden'); else entry.panel.setAttribute('hidden', 'until-found');
  }
  async function render() {
    const url = new URLSearchParams(location.search).get('article');
    const article = JSON.parse(await (await fetch(url)).text());
    document.title = article.title;
    const header = el('header', { class: 'article-header' }, el('h1', { class: 'title' }, article.title), article.standfirst ? el('p', { class: 'standfirst' }, article.standfirst) : null);
    const [lead, ...rest] = article.sections.map(section);
    const figures = el('aside', { class: 'key-figures', 'aria-label': 'Key figures' }, el('ol', { class: 'figure-list' },
      ...(article.key_figures || []).map((f) => el('li', { class: 'figure' }, el('p', { class: 'figure-value' }, f.value), el('p', { class: 'figure-label' }, f.label)))));
    const showAll = el('button', { type: 'button', class: 'show-all', 'aria-expanded': 'false' }, 'Show all sections');
    const body = el('div', { class: 'article-body has-rail' }, el('div', { class: 'article-lead' }, lead), el('div', { class: 'article-rail' }, figures), el('div', { class: 'article-sections' }, showAll, ...rest));
    const root = el('article', { class: 'article', lang: article.lang || null }, header, body);
    root.addEventListener('click', (event) => {
      const toggle = event.target.closest('.section-toggle');
      if (toggle) {
        const entry = byButton.get(toggle);
        setOpen(entry, toggle.getAttribute('aria-expanded') !== 'true');
      } else if (event.target.closest('.show-all')) {
        const open = showAll.getAttribute('aria-expanded') !== 'true';
        for (const entry of sections) setOpen(entry, open);
        showAll.setAttribute('aria-expanded', String(open));
        showAll.textContent = open ? 'Hide all sections' : 'Show all sections';
      }
    });
    document.getElementById('viewer').replaceChildren(root);
  }
  render();
})();
