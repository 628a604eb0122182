// For a page on any site that shows articles from this viewer (docs/publishing.md,
// "Embedding an article"): load it once, anywhere in the page.
// - Each <a href=".../embed/NAME.html" data-article-embed>Title</a> becomes a frame showing
//   the article, loaded when it nears the screen, titled by the link's text (or its
//   data-title). Without scripts, the link stays a link.
// - data-theme="light" or "dark" on the link is passed to the article (?theme=).
// - Every such frame, and an <iframe data-article-embed> written by an oEmbed consumer, takes
//   the height its article says it has. Messages are believed only from that frame's own
//   window and its address's origin.
// - Links a page adds later (a live blog's new post) become frames too.
(function () {
  'use strict';
  var frames = [];
  var MESSAGE = 'article-viewer:height';

  function toFrame(link) {
    var frame = document.createElement('iframe');
    var address = new URL(link.getAttribute('href'), location.href);
    var theme = link.getAttribute('data-theme');
    if (theme === 'light' || theme === 'dark') address.searchParams.set('theme', theme);
    frame.src = address.href;
    frame.title = link.getAttribute('data-title') || link.textContent.trim();
    frame.loading = 'lazy';
    frame.setAttribute('data-article-embed', '');
    frame.style.cssText = 'display:block;border:0;width:100%;height:' +
      (parseInt(link.getAttribute('data-height'), 10) || 640) + 'px';
    link.replaceWith(frame);
  }

  function scan() {
    var links = document.querySelectorAll('a[data-article-embed][href]');
    for (var i = 0; i < links.length; i++) toFrame(links[i]);
    var all = document.querySelectorAll('iframe[data-article-embed]');
    frames = frames.filter(function (frame) { return frame.isConnected; });
    for (var j = 0; j < all.length; j++) if (frames.indexOf(all[j]) < 0) frames.push(all[j]);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== MESSAGE || typeof data.height !== 'number' || !(data.height >= 0)) return;
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      if (new URL(frame.src, location.href).origin !== event.origin) return;
      frame.style.height = Math.min(Math.ceil(data.height), 1e6) + 'px';
      return;
    }
  });

  function start() {
    scan();
    if (typeof MutationObserver === 'function') {
      new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
